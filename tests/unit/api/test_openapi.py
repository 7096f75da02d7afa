import json

from lambdas.api.app import openapi_document
from tests.constants import REPO_ROOT

COMMITTED = REPO_ROOT / "docs" / "openapi.json"


def test_the_committed_spec_is_what_runs() -> None:
    generated = json.loads(openapi_document())
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert generated == committed, "docs/openapi.json is stale: run `make openapi` and commit it"


def test_every_design_path_is_documented() -> None:
    paths = set(json.loads(openapi_document())["paths"])
    assert {
        "/measurements",
        "/status/latest",
        "/clustering",
        "/analysis/trend",
        "/analysis/seasonal",
        "/analysis/correlations",
        "/runs",
        "/runs/{run_id}",
        "/trigger-ingestion",
        "/trigger-analysis",
        "/trigger-prediction",
        "/trigger-clustering",
    } <= paths


def test_the_handler_module_stays_lean() -> None:
    import subprocess
    import sys

    # The science stack never; the X-Ray SDK, boto3 and the OpenAPI models only once used.
    heavy = (
        "pandas",
        "numpy",
        "tensorflow",
        "statsmodels",
        "aws_xray_sdk.core",
        "boto3",
        "botocore.client",
        "aws_lambda_powertools.event_handler.openapi.models",
    )
    code = (
        f"import sys, lambdas.api.handler; print(','.join(m for m in {heavy} if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert loaded.stdout.strip() == ""
