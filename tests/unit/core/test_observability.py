"""The one Tracer: X-Ray where Powertools traces, a no-op provider (no X-Ray SDK) elsewhere."""

import json
import os
import subprocess
import sys

import pytest

from lambdas.core.observability import UntracedProvider, tracer
from tests.constants import REPO_ROOT

PROBE = (
    "import json, sys\n"
    "from lambdas.core.observability import tracer\n"
    "print(json.dumps({'provider': type(tracer.provider).__module__,"
    " 'disabled': bool(tracer.disabled), 'xray_core': 'aws_xray_sdk.core' in sys.modules}))"
)


def probe(**env: str) -> dict[str, object]:
    """The tracer a fresh interpreter builds under `env` (Tracer keeps its config per class)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LAMBDA_", "POWERTOOLS_"))}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
        env={**clean, "PYTHONPATH": str(REPO_ROOT), **env},
    )
    return json.loads(done.stdout)


def test_outside_lambda_the_tracer_never_loads_the_xray_sdk() -> None:
    built = probe()
    assert built == {
        "provider": "lambdas.core.observability",
        "disabled": True,
        "xray_core": False,
    }


def test_in_lambda_the_tracer_records_to_xray() -> None:
    built = probe(LAMBDA_TASK_ROOT="/var/task")
    assert built["provider"].startswith("aws_xray_sdk")
    assert built["disabled"] is False


def test_tracing_disabled_by_powertools_setting_in_lambda() -> None:
    built = probe(LAMBDA_TASK_ROOT="/var/task", POWERTOOLS_TRACE_DISABLED="true")
    assert built["xray_core"] is False
    assert built["disabled"] is True


def test_the_untraced_decorators_pass_results_and_errors_through() -> None:
    assert isinstance(tracer.provider, UntracedProvider)

    @tracer.capture_lambda_handler
    def handler(event: dict[str, int], context: object) -> dict[str, int]:
        if event["n"] < 0:
            raise ValueError("negative")
        return {"twice": 2 * event["n"]}

    @tracer.capture_method
    def half(n: int) -> float:
        return n / 2

    assert handler({"n": 3}, None) == {"twice": 6}
    assert half(3) == 1.5
    with pytest.raises(ValueError, match="negative"):
        handler({"n": -1}, None)
