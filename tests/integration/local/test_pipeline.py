"""The real pipeline: pipeline.asl.json on the local engine, our handlers, the replay server
over HTTP and the embedded PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from lambdas.core.errors import DatabaseUnavailable
from lambdas.core.runs import get_run
from lambdas.core.settings import get_settings
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from lambdas.local.workflow import FUNCTIONS, execute, load_handler

DAYS = 35


@pytest.fixture
def replay(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReplayServer]:
    """The LA data replayed up to now; the steps of this process point at it."""
    data = build_replay_data(now=datetime.now(UTC), shift=True, gap_rate=0.0, seed=3)
    with ReplayServer(ReplayApi(data, Faults())) as server:
        monkeypatch.setenv("ELECTRICITYMAPS_API_URL", server.url)
        get_settings.cache_clear()
        yield server


def backfill(days: int = DAYS, **extra: Any) -> dict[str, Any]:
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=days)
    return {
        "action": "backfill",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        **extra,
    }


def count(db: psycopg.Connection, table: str) -> int:
    row = db.execute(f"SELECT count(*) AS n FROM {table}".encode()).fetchone()
    assert row is not None
    return int(row["n"])


def statuses(execution: Any) -> dict[str, str]:
    steps = (execution.output or {}).get("steps", [])
    return {step["step"]: step["status"] for step in steps}


def test_a_full_execution_fills_every_table(replay: ReplayServer, db: psycopg.Connection) -> None:
    execution = execute(backfill())
    assert execution.status == "SUCCEEDED", execution.cause
    assert statuses(execution) == {
        "ingest": "ok",
        "analyze": "ok",
        "predict": "ok",
        "cluster": "ok",
    }
    assert count(db, "electricity_measurements") == DAYS * 24
    for table in (
        "electricity_analysis_results",
        "electricity_correlations",
        "solar_predictions",
        "pipeline_runs",
    ):
        assert count(db, table) > 0, table
    run = get_run(db, execution.run_id)
    assert run is not None
    assert run["status"] == "succeeded"


def test_a_failing_predict_leaves_the_other_results(
    replay: ReplayServer, db: psycopg.Connection
) -> None:
    def broken_predict(event: dict[str, Any], context: Any) -> dict[str, Any]:
        raise RuntimeError("the model file is corrupt")

    execution = execute(backfill(), handlers={"PredictFunctionArn": broken_predict})
    assert execution.status == "FAILED"
    assert execution.error == "RuntimeError"
    assert "the model file is corrupt" in (execution.cause or "")
    kinds = {row["kind"] for row in db.execute("SELECT kind FROM electricity_analysis_results")}
    assert {"trend", "clustering"} <= kinds
    run = get_run(db, execution.run_id)
    assert run is not None
    assert run["status"] == "failed"


def test_a_transient_error_is_retried_and_succeeds(
    replay: ReplayServer, db: psycopg.Connection
) -> None:
    real_cluster = load_handler(FUNCTIONS["ClusterFunctionArn"])
    calls: list[int] = []

    def cluster_once_unavailable(event: dict[str, Any], context: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseUnavailable("the database is restarting")
        return real_cluster(event, context)

    execution = execute(
        backfill(steps=["cluster"]), handlers={"ClusterFunctionArn": cluster_once_unavailable}
    )
    assert execution.status == "SUCCEEDED", execution.cause
    assert len(calls) == 2
    assert statuses(execution)["cluster"] == "ok"


def test_a_bad_input_fails_before_ingest(replay: ReplayServer, db: psycopg.Connection) -> None:
    execution = execute({"action": "backfill", "start_date": "2024-01-01"})
    assert execution.status == "FAILED"
    assert execution.error == "InvalidInput"
    assert "start_date and end_date" in (execution.cause or "")
    assert "Ingest" not in execution.state_seconds
    assert count(db, "electricity_measurements") == 0


def test_a_rerun_adds_no_duplicate_rows(replay: ReplayServer, db: psycopg.Connection) -> None:
    window = backfill(days=10, steps=["analyze"])
    first = execute(window)
    measured = count(db, "electricity_measurements")
    second = execute(window)
    assert first.status == second.status == "SUCCEEDED"
    assert count(db, "electricity_measurements") == measured == 10 * 24
    assert second.output is not None
    assert second.output["steps"][0]["rows_written"] == 0


def test_only_the_asked_branch_runs(replay: ReplayServer, db: psycopg.Connection) -> None:
    execution = execute(backfill(days=10, steps=["analyze"]))
    assert execution.status == "SUCCEEDED", execution.cause
    assert statuses(execution) == {
        "ingest": "ok",
        "analyze": "ok",
        "predict": "skipped",
        "cluster": "skipped",
    }
    assert count(db, "solar_predictions") == 0
    assert "Predict" not in execution.state_seconds
