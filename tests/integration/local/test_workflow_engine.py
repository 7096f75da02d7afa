"""The local ASL engine runs pipeline.asl.json for real: flow, catches, retries, bad input.

The step functions here are stand-ins so each flow can be forced; the Summarize step and the
engine are real. If moto changes the hook the runner patches, these tests fail loudly.
"""

import inspect
from collections.abc import Callable
from importlib import import_module
from typing import Any

import psycopg
import pytest

from lambdas.core.errors import DatabaseUnavailable, InvalidInput
from lambdas.core.runs import get_run
from lambdas.local.workflow import MOTO_INVOKE, execute

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def ingest(event: dict[str, Any], _: Any) -> dict[str, Any]:
    return {"run_id": event["run_id"], "zone": "US-CAL-LDWP", "rows_written": 24, "gaps": []}


def step(name: str, fail: bool = False) -> Handler:
    def handler(event: dict[str, Any], _: Any) -> dict[str, Any]:
        if fail:
            raise ValueError(f"{name} broke")
        return {"step": name, "status": "ok", "rows_seen": event["rows_written"]}

    return handler


def functions(**overrides: Handler) -> dict[str, Handler]:
    handlers = {
        "IngestFunctionArn": ingest,
        "AnalyzeFunctionArn": step("analyze"),
        "PredictFunctionArn": step("predict"),
        "ClusterFunctionArn": step("cluster"),
    }
    return {**handlers, **overrides}


def test_the_moto_hook_is_where_the_runner_expects_it() -> None:
    module, _, name = MOTO_INVOKE.rpartition(".")
    hook = getattr(import_module(module), name, None)
    assert hook is not None, f"moto moved {MOTO_INVOKE}: update lambdas/local/workflow.py"
    assert list(inspect.signature(hook).parameters) == ["parameters", "region", "state_credentials"]


def test_a_full_run_succeeds_and_is_recorded(db: psycopg.Connection) -> None:
    execution = execute({}, handlers=functions())
    assert execution.status == "SUCCEEDED"
    assert execution.output is not None
    assert [s["status"] for s in execution.output["steps"]] == ["ok", "ok", "ok", "ok"]
    assert execution.output["steps"][1]["rows_seen"] == 24
    assert {"Ingest", "Analyze", "Predict", "Cluster", "Summarize"} <= set(execution.state_seconds)
    row = get_run(db, execution.run_id)
    assert row is not None
    assert row["status"] == "succeeded"
    assert row["trigger"] == "console"


def test_a_failed_branch_lets_the_others_finish(db: psycopg.Connection) -> None:
    execution = execute(
        {"trigger": "local"}, handlers=functions(PredictFunctionArn=step("predict", fail=True))
    )
    assert execution.status == "FAILED"
    assert execution.error == "ValueError"
    assert '"step": "analyze", "status": "ok"' in (execution.cause or "")
    assert '"cause": "predict broke"' in (execution.cause or "")
    row = get_run(db, execution.run_id)
    assert row is not None
    assert row["trigger"] == "local"
    statuses = {s["step"]: s["status"] for s in row["summary"]["steps"]}
    assert statuses == {"ingest": "ok", "analyze": "ok", "predict": "failed", "cluster": "ok"}


def test_a_subset_of_steps_runs_only_those(db: psycopg.Connection) -> None:
    execution = execute({"steps": ["cluster"]}, handlers=functions())
    assert execution.status == "SUCCEEDED"
    assert execution.output is not None
    statuses = {s["step"]: s["status"] for s in execution.output["steps"]}
    assert statuses == {"ingest": "ok", "analyze": "skipped", "predict": "skipped", "cluster": "ok"}
    assert "Analyze" not in execution.state_seconds


def test_bad_input_fails_before_ingest_with_error_and_cause(db: psycopg.Connection) -> None:
    execution = execute({"action": "everything"}, handlers=functions())
    assert execution.status == "FAILED"
    assert execution.error == "InvalidInput"
    assert "action: Input should be 'incremental' or 'backfill'" in (execution.cause or "")
    assert "Ingest" not in execution.state_seconds
    row = get_run(db, execution.run_id)
    assert row is not None
    assert row["summary"]["steps"][0]["step"] == "validate"


def test_a_transient_error_is_retried(db: psycopg.Connection) -> None:
    calls: list[int] = []

    def flaky(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseUnavailable("connection refused")
        return step("cluster")(event, context)

    execution = execute({}, handlers=functions(ClusterFunctionArn=flaky))
    assert execution.status == "SUCCEEDED"
    assert len(calls) == 2


@pytest.mark.parametrize("error", [ValueError, InvalidInput])
def test_a_validation_error_is_not_retried(db: psycopg.Connection, error: type) -> None:
    calls: list[int] = []

    def broken(event: dict[str, Any], context: Any) -> dict[str, Any]:
        calls.append(1)
        raise error("bad")

    execution = execute({}, handlers=functions(AnalyzeFunctionArn=broken))
    assert execution.status == "FAILED"
    assert len(calls) == 1
