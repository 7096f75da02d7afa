# The commands the README shows. Each bootstraps .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The dashboard: its own package.json; rebuilt only when a source or the lock changes.
DASHBOARD_STAMP := dashboard/node_modules/.installed
DASHBOARD_BUILD := dashboard/dist/index.html
DASHBOARD_SOURCES := $(shell find dashboard/src -type f 2>/dev/null) dashboard/index.html \
	$(wildcard dashboard/*.json dashboard/*.ts)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The CDK CLI is pinned in package.json; with telemetry off, synth makes no network connection.
export CDK_DISABLE_CLI_TELEMETRY := true
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20

.PHONY: demo test test-unit test-integration test-infra bench synth lint clean openapi \
	dashboard test-dashboard test-e2e chromium screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

$(DASHBOARD_STAMP): dashboard/package.json dashboard/package-lock.json
	cd dashboard && npm ci --no-audit --no-fund --loglevel=error
	touch $(DASHBOARD_STAMP)

$(DASHBOARD_BUILD): $(DASHBOARD_STAMP) $(DASHBOARD_SOURCES)
	cd dashboard && npm run build

# The built dashboard in dashboard/dist (what `gridla serve` and the CDK deploy serve).
dashboard: $(DASHBOARD_BUILD)

# Debian's Chromium for the browser tests (TOOLCHAIN.md: no browser download).
chromium:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

demo: $(STAMP) dashboard
	$(BIN)/gridla demo

test: $(STAMP) $(NODE_STAMP) lint
	$(BIN)/pytest tests/unit
	$(BIN)/pytest tests/integration
	$(BIN)/pytest tests/infra
	$(MAKE) --no-print-directory test-dashboard test-e2e

test-unit: $(STAMP)
	$(BIN)/pytest tests/unit

test-integration: $(STAMP)
	$(BIN)/pytest tests/integration

test-infra: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest tests/infra

# Vitest: components and data shaping of the dashboard.
test-dashboard: $(DASHBOARD_STAMP)
	cd dashboard && npm test

# The built dashboard in Chromium against the local server on real LA data.
test-e2e: $(STAMP) dashboard chromium
	$(BIN)/pytest tests/e2e

# Refresh the README's screenshots (docs/screenshots/) from the browser tests.
screenshots: $(STAMP) dashboard chromium
	GRIDLA_UPDATE_SCREENSHOTS=1 $(BIN)/pytest tests/e2e

# Both environments into cdk.out (ENV=dev for one); needs dashboard/dist, the dashboard build.
synth: $(STAMP) $(NODE_STAMP) dashboard
	node_modules/.bin/cdk synth --quiet $(if $(ENV),-c env=$(ENV))

openapi: $(STAMP)
	$(BIN)/python -c "from lambdas.api.app import openapi_document; print(openapi_document())" > docs/openapi.json

bench: $(STAMP) $(NODE_STAMP) dashboard chromium
	$(BIN)/gridla bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .gridla cdk.out .pytest_cache .mypy_cache .ruff_cache node_modules \
		dashboard/node_modules dashboard/dist test-artifacts
