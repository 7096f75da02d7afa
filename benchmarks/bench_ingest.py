"""Ingest: backfill of 1 and 2 years through the replay server, and the store step against COPY.

The replay server runs as `gridla replay` in its own process (as the real API would be remote);
PostgreSQL is a private embedded server in a temporary directory.
"""

import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg.rows import dict_row

from benchmarks.run import Figure
from lambdas.core.measurements import MeasurementRow, copy_measurements, upsert_measurements
from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.core.schema import migrate
from lambdas.core.settings import PROJECT_ROOT
from lambdas.core.time_range import Window
from lambdas.ingest import service
from lambdas.ingest.client import ElectricityMapsClient, RetryPolicy, split_window
from lambdas.ingest.records import FEEDS, validate_records
from lambdas.local import embedded_postgres

ZONE = "US-CAL-LDWP"
PORT = 18_177
NOW = datetime(2021, 1, 2, tzinfo=UTC)
# The whole bundled data: 8,760 and 17,544 hours from its first hour.
WINDOWS = {
    "1 year": ("2019-01-01T07:00:00Z", "2020-01-01T07:00:00Z"),
    "2 years": ("2019-01-01T07:00:00Z", "2021-01-01T07:00:00Z"),
}
_STARTING = RetryPolicy(max_attempts=200, initial_wait_seconds=0.05, max_wait_seconds=0.1)
_REPEATS = 3


def _start_replay() -> subprocess.Popen[bytes]:
    command = "from lambdas.local.cli import main; main()"
    args = ["replay", "--port", str(PORT), "--no-shift"]
    return subprocess.Popen(
        [sys.executable, "-c", command, *args], cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL
    )


def _backfill(conn: psycopg.Connection[Any], client: ElectricityMapsClient, window: str) -> float:
    """Hours stored per second by one backfill into an empty table."""
    conn.execute("TRUNCATE electricity_measurements")
    start, end = WINDOWS[window]
    event = parse_pipeline_input({"action": "backfill", "start_date": start, "end_date": end})
    began = time.perf_counter()
    output = service.run(
        event,
        conn=conn,
        client=client,
        default_zone=ZONE,
        history_days=30,
        now=NOW,
        run_id="bench",
    )
    elapsed = time.perf_counter() - began
    assert output.rows_written == output.rows_fetched, output
    assert not output.gaps, output
    return output.rows_written / elapsed


def _fetch_rows(client: ElectricityMapsClient, window: Window) -> list[MeasurementRow]:
    rows: list[MeasurementRow] = []
    for chunk in split_window(window):
        items = {
            feed: client.past_range(endpoint, ZONE, chunk, factor)
            for feed, (endpoint, factor) in FEEDS.items()
        }
        rows.extend(validate_records(items, ZONE)[0])
    return rows


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def _store_against_copy(
    conn: psycopg.Connection[Any], rows: list[MeasurementRow]
) -> tuple[float, float, float]:
    """Best of a few interleaved runs: plain COPY, store into an empty table, store again."""
    copy_s, store_s, rerun_s = [], [], []
    for _ in range(_REPEATS):
        conn.execute("TRUNCATE electricity_measurements")
        copy_s.append(_timed(lambda: copy_measurements(conn, rows)))
        conn.execute("TRUNCATE electricity_measurements")
        store_s.append(_timed(lambda: upsert_measurements(conn, rows)))
        rerun_s.append(_timed(lambda: upsert_measurements(conn, rows)))
    return min(copy_s), min(store_s), min(rerun_s)


def run() -> list[Figure]:
    figures: list[Figure] = []
    replay = _start_replay()
    with tempfile.TemporaryDirectory(prefix="gridla-bench-ingest-") as tmp:
        pgdata = Path(tmp) / "pgdata"
        try:
            url = embedded_postgres.start(pgdata)
            with (
                psycopg.connect(url, row_factory=dict_row, autocommit=True) as conn,
                ElectricityMapsClient(
                    f"http://127.0.0.1:{PORT}/v3", None, retry=_STARTING
                ) as client,
            ):
                migrate(conn)
                client.latest("power-breakdown", ZONE)  # waits until the replay server answers
                for window in WINDOWS:
                    rate = _backfill(conn, client, window)
                    figures.append(
                        _figure(
                            f"backfill {window}", rate, "hours/s", "replay over HTTP, empty table"
                        )
                    )
                start, end = WINDOWS["2 years"]
                span = parse_pipeline_input(
                    {"action": "backfill", "start_date": start, "end_date": end}
                ).window()
                assert span is not None
                rows = _fetch_rows(client, span)
                copy_s, store_s, rerun_s = _store_against_copy(conn, rows)
        finally:
            replay.send_signal(signal.SIGINT)
            replay.wait(timeout=10)
            embedded_postgres.stop(pgdata)
    note = f"{len(rows):,} rows; plain COPY {copy_s:.2f} s"
    figures += [
        _figure(
            "store vs COPY (new rows)",
            copy_s / store_s,
            "ratio",
            f"{note}, store {store_s:.2f} s; goal >= 0.5",
        ),
        _figure(
            "store vs COPY (rerun)",
            copy_s / rerun_s,
            "ratio",
            f"{note}, store {rerun_s:.2f} s, 0 written",
        ),
    ]
    return figures


def _figure(name: str, value: float, unit: str, note: str) -> Figure:
    return {
        "benchmark": "ingest",
        "figure": name,
        "value": round(value, 3),
        "unit": unit,
        "note": note,
    }


if __name__ == "__main__":
    for figure in run():
        print(figure)
