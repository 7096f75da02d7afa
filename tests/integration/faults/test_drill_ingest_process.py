"""`gridla ingest` as a user runs it, when the database stops under it or the process is killed."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest

from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import ReplayData, build_replay_data
from tests.integration.conftest import fresh_database
from tests.integration.faults.conftest import DrillServer, Outage, Rows
from tests.integration.faults.test_drill_workflow import OutageAtChunk

DAYS = 60
GRIDLA = (sys.executable, "-c", "from lambdas.local.cli import main; main()")


@pytest.fixture(scope="module")
def replay_data() -> ReplayData:
    return build_replay_data(now=datetime.now(UTC), shift=True, gap_rate=0.0, seed=3)


def window() -> tuple[str, str]:
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    return (end - timedelta(days=DAYS)).isoformat(), end.isoformat()


def ingest(database_url: str, api_url: str, start: str, end: str) -> subprocess.Popen[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "ELECTRICITYMAPS_API_URL": api_url}
    return subprocess.Popen(
        [*GRIDLA, "ingest", "--backfill", start, end],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_database_stop_mid_backfill_ends_gridla_ingest_with_one_line(
    drill_server: DrillServer, drill_database: str, replay_data: ReplayData
) -> None:
    outage = Outage(drill_server, lasting=None)
    api = OutageAtChunk(outage, chunk=3, data=replay_data, faults=Faults())
    with ReplayServer(api) as replay:
        process = ingest(drill_database, replay.url, *window())
        _, stderr = process.communicate(timeout=300)
    assert outage.begun.is_set()
    assert process.returncode == 1
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    [line] = lines
    assert line.startswith("error: ")
    assert "gridla db start" in line


def stored_rows(fetch: Callable[..., Rows]) -> Rows:
    """Every measurement column but the ingestion time, by hour."""
    [columns] = fetch(
        "SELECT string_agg(column_name, ', ' ORDER BY column_name) AS names"
        " FROM information_schema.columns WHERE table_name = 'electricity_measurements'"
        " AND column_name <> 'ingested_at'"
    )
    return fetch(f"SELECT {columns['names']} FROM electricity_measurements ORDER BY datetime")


def count_rows(fetch: Callable[..., Rows]) -> int:
    return int(fetch("SELECT count(*) AS n FROM electricity_measurements")[0]["n"])


@pytest.fixture
def slow_replay(replay_data: ReplayData) -> Iterator[ReplayServer]:
    """Half a second per request: the backfill lasts long enough to be killed in the middle."""
    with ReplayServer(ReplayApi(replay_data, Faults(latency_ms=500))) as server:
        yield server


def test_a_killed_ingest_rerun_stores_the_same_rows_as_a_clean_run(
    drill_server: DrillServer,
    drill_database: str,
    fetch: Callable[..., Rows],
    slow_replay: ReplayServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    start, end = window()
    killed = ingest(drill_database, slow_replay.url, start, end)
    while count_rows(fetch) == 0 and killed.poll() is None:
        time.sleep(0.02)  # polling a condition: the first 10-day chunk is committed
    killed.send_signal(signal.SIGKILL)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    assert 0 < count_rows(fetch) < DAYS * 24
    rerun = ingest(drill_database, slow_replay.url, start, end)
    assert rerun.wait(timeout=300) == 0, rerun.communicate()[1]

    with fresh_database(drill_server.admin_url, monkeypatch) as clean_url:
        clean = ingest(clean_url, slow_replay.url, start, end)
        assert clean.wait(timeout=300) == 0, clean.communicate()[1]
        clean_rows = stored_rows(lambda sql, params=(): _fetch_from(clean_url, sql, params))
    assert len(clean_rows) == DAYS * 24
    assert stored_rows(fetch) == clean_rows


def _fetch_from(url: str, sql: str, params: tuple[Any, ...]) -> Rows:
    with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as conn:
        return conn.execute(sql.encode(), params).fetchall()
