"""POST /trigger-*: 202 with a run id; Step Functions (moto) in AWS, the local runner locally."""

import json
import time
from typing import Any

import httpx
import pytest

from lambdas.core.settings import get_settings
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from lambdas.local.server import serving


@pytest.mark.parametrize(
    ("path", "body", "expected_input"),
    [
        ("/trigger-ingestion", {}, {"action": "incremental", "trigger": "api"}),
        (
            "/trigger-ingestion",
            {"action": "backfill", "start_date": "2024-01-01", "end_date": "2024-02-01"},
            {
                "action": "backfill",
                "start_date": "2024-01-01",
                "end_date": "2024-02-01",
                "trigger": "api",
            },
        ),
        ("/trigger-analysis", None, {"steps": ["analyze"], "trigger": "api"}),
        ("/trigger-prediction", None, {"steps": ["predict"], "trigger": "api"}),
        ("/trigger-clustering", None, {"steps": ["cluster"], "trigger": "api"}),
    ],
)
def test_a_trigger_starts_an_execution_with_its_input(
    state_machine: Any,
    api_url: str,
    path: str,
    body: dict[str, Any] | None,
    expected_input: dict[str, Any],
) -> None:
    answer = httpx.post(api_url + path, json=body)
    assert answer.status_code == 202, answer.text
    run_id = answer.json()["run_id"]
    assert answer.headers["location"] == f"/runs/{run_id}"
    started = state_machine.list_executions(stateMachineArn=get_settings().state_machine_arn)
    [execution] = started["executions"]
    assert execution["name"] == run_id
    described = state_machine.describe_execution(executionArn=execution["executionArn"])
    assert json.loads(described["input"]) == expected_input


def test_locally_a_trigger_runs_the_pipeline(database_url: str, monkeypatch: Any) -> None:
    data = build_replay_data(now=time_now(), shift=True, gap_rate=0.0, seed=1)
    with ReplayServer(ReplayApi(data, Faults())) as replay:
        monkeypatch.setenv("ELECTRICITYMAPS_API_URL", replay.url)
        monkeypatch.setenv("HISTORY_DAYS", "3")
        get_settings.cache_clear()
        with serving(port=0) as server:
            base = f"http://127.0.0.1:{server.server_address[1]}"
            run_id = httpx.post(f"{base}/trigger-clustering").json()["run_id"]
            run = wait_for_run(base, run_id)
    assert run["trigger"] == "api"
    assert run["input"]["steps"] == ["cluster"]
    statuses = {s["step"]: s["status"] for s in run["summary"]["steps"]}
    assert statuses["ingest"] == "ok"
    assert statuses["analyze"] == statuses["predict"] == "skipped"
    assert statuses["cluster"] in ("ok", "skipped")


def time_now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def wait_for_run(base: str, run_id: str, timeout_s: float = 120) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        answer = httpx.get(f"{base}/runs/{run_id}")
        if answer.status_code == 200 and answer.json()["finished_at"]:
            return dict(answer.json())
        time.sleep(0.2)
    raise AssertionError(f"run {run_id} did not finish in {timeout_s} s")
