"""Drills on the real pipeline: the database stops mid-backfill, as analyze starts, or for good.

The definition is the deployed one with its Retry waits capped at a second
(`compressed_retries`): same attempts, same error names, a short drill.
"""

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from lambdas.core.settings import get_settings
from lambdas.local.replay import Answer, Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from lambdas.local.workflow import (
    FUNCTIONS,
    Execution,
    compressed_retries,
    execute,
    load_handler,
    substituted_definition,
)
from tests.integration.faults.conftest import DrillServer, Outage, Rows

Fetch = Callable[..., Rows]

DEFINITION = compressed_retries(substituted_definition())


class OutageAtChunk(ReplayApi):
    """The replay API, beginning an outage when the ingest asks for its n-th 10-day chunk.

    The outage begins before that chunk is answered, so earlier chunks are committed and the
    one being stored meets the stop: a fault in the middle of the backfill, every time.
    """

    def __init__(self, outage: Outage, chunk: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.outage, self.chunk = outage, chunk
        self._starts: set[str] = set()
        self._starts_lock = threading.Lock()

    def handle(self, path: str, query: Mapping[str, str], headers: Mapping[str, str]) -> Answer:
        with self._starts_lock:
            self._starts.add(query.get("start", ""))
            reached = len(self._starts) >= self.chunk
        if reached:
            self.outage.begin()
        return super().handle(path, query, headers)


def last_hour() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


def backfill_input(days: int, **extra: Any) -> dict[str, Any]:
    end = last_hour()
    return {
        "action": "backfill",
        "start_date": (end - timedelta(days=days)).isoformat(),
        "end_date": end.isoformat(),
        **extra,
    }


def max_attempts(state: str) -> int:
    """The retries the definition allows `state` for DatabaseUnavailable."""
    document = json.loads(DEFINITION)
    states = dict(document["States"])
    for branch in document["States"]["Steps"]["Branches"]:
        states |= branch["States"]
    for retrier in states[state]["Retry"]:
        if {"DatabaseUnavailable", "States.ALL"} & set(retrier["ErrorEquals"]):
            return int(retrier.get("MaxAttempts", 3))
    return 0


def assert_every_hour_once(fetch: Fetch, days: int) -> None:
    [row] = fetch(
        "SELECT count(*) AS n, count(DISTINCT datetime) AS hours, min(datetime) AS first,"
        " max(datetime) AS last FROM electricity_measurements"
    )
    assert row["n"] == row["hours"] == days * 24
    assert row["first"] == last_hour() - timedelta(days=days)
    assert row["last"] == last_hour() - timedelta(hours=1)


def recorded_status(fetch: Fetch, execution: Execution) -> str | None:
    runs = fetch("SELECT status FROM pipeline_runs WHERE run_id = %s", (execution.run_id,))
    return str(runs[0]["status"]) if runs else None


@pytest.fixture
def replay_at(drill_database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """replay_at(outage, chunk): the LA data up to now, the outage beginning at that chunk."""
    data = build_replay_data(now=datetime.now(UTC), shift=True, gap_rate=0.0, seed=3)
    servers: list[ReplayServer] = []

    def start(outage: Outage, chunk: int) -> ReplayServer:
        api = OutageAtChunk(outage, chunk, data=data, faults=Faults())
        server = ReplayServer(api).start()
        servers.append(server)
        monkeypatch.setenv("ELECTRICITYMAPS_API_URL", server.url)
        get_settings.cache_clear()
        return server

    yield start
    for server in servers:
        server.stop()


def test_a_stop_in_the_middle_of_a_backfill_is_retried_and_no_hour_is_lost_or_doubled(
    drill_server: DrillServer, fetch: Fetch, replay_at: Any
) -> None:
    outage = Outage(drill_server, lasting=1)
    replay_at(outage, chunk=3)
    ingest = outage.step(load_handler(FUNCTIONS["IngestFunctionArn"]))
    execution = execute(
        backfill_input(40, steps=["analyze"]),
        definition=DEFINITION,
        handlers={"IngestFunctionArn": ingest},
    )
    assert outage.begun.is_set()
    assert outage.attempts == ["DatabaseUnavailable", "ok"]
    assert execution.status == "SUCCEEDED", execution.cause
    assert_every_hour_once(fetch, days=40)
    assert recorded_status(fetch, execution) == "succeeded"


def test_a_stop_as_analyze_starts_is_retried_and_its_results_are_stored_once(
    drill_server: DrillServer, fetch: Fetch, replay_at: Any
) -> None:
    outage = Outage(drill_server, lasting=2)
    replay_at(outage, chunk=10_000)  # the replay never begins it: analyze does
    analyze = outage.step(load_handler(FUNCTIONS["AnalyzeFunctionArn"]), begin_first=True)
    execution = execute(
        backfill_input(10, steps=["analyze"]),
        definition=DEFINITION,
        handlers={"AnalyzeFunctionArn": analyze},
    )
    assert outage.attempts == ["DatabaseUnavailable", "DatabaseUnavailable", "ok"]
    assert execution.status == "SUCCEEDED", execution.cause
    doubled = fetch(
        "SELECT kind, parameters->>'range' AS range FROM electricity_analysis_results"
        " WHERE run_id = %s GROUP BY 1, 2 HAVING count(*) > 1",
        (execution.run_id,),
    )
    assert doubled == []
    [stored] = fetch(
        "SELECT count(*) AS n FROM electricity_analysis_results WHERE run_id = %s",
        (execution.run_id,),
    )
    assert stored["n"] > 0
    assert_every_hour_once(fetch, days=10)


def test_an_outage_longer_than_the_retries_fails_naming_database_unavailable(
    drill_server: DrillServer, fetch: Fetch, replay_at: Any
) -> None:
    outage = Outage(drill_server, lasting=None)
    replay_at(outage, chunk=10_000)
    ingest = outage.step(load_handler(FUNCTIONS["IngestFunctionArn"]), begin_first=True)
    execution = execute(
        backfill_input(10, steps=["analyze"]),
        definition=DEFINITION,
        handlers={"IngestFunctionArn": ingest},
    )
    assert execution.status == "FAILED"
    assert execution.error == "DatabaseUnavailable"
    assert outage.attempts == ["DatabaseUnavailable"] * (1 + max_attempts("Ingest"))
    outage.end()
    assert recorded_status(fetch, execution) is None  # nothing could record it
