# The commands the README shows. Each bootstraps .venv from nothing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test test-unit test-integration bench synth lint clean openapi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/gridla demo

test: $(STAMP) lint
	$(BIN)/pytest tests/unit
	$(BIN)/pytest tests/integration

test-unit: $(STAMP)
	$(BIN)/pytest tests/unit

test-integration: $(STAMP)
	$(BIN)/pytest tests/integration

openapi: $(STAMP)
	$(BIN)/python -c "from lambdas.api.app import openapi_document; print(openapi_document())" > docs/openapi.json

bench: $(STAMP)
	$(BIN)/gridla bench

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .gridla cdk.out .pytest_cache .mypy_cache .ruff_cache
