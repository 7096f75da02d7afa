"""Embedded PostgreSQL: start-up time, and the upsert of 100k hourly rows against a plain COPY."""

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from benchmarks.run import Figure
from lambdas.core.measurements import MeasurementRow, copy_measurements, upsert_measurements
from lambdas.core.schema import migrate
from lambdas.local import embedded_postgres

ROWS = 100_000
NAME = "database"


def _rows() -> list[MeasurementRow]:
    first = datetime(2010, 1, 1, tzinfo=UTC)
    updated = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        MeasurementRow(
            zone="US-CAL-LDWP",
            datetime=first + timedelta(hours=i),
            power_consumption_total=3000.0 + i % 24,
            solar_mw=float(i % 13),
            wind_mw=80.0,
            source_updated_at=updated,
            power_breakdown_updated_at=updated,
        )
        for i in range(ROWS)
    ]


def _timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="gridla-bench-") as tmp:
        pgdata = Path(tmp) / "pgdata"
        began = time.perf_counter()
        url = embedded_postgres.start(pgdata)
        cold_start = time.perf_counter() - began
        try:
            rows = _rows()
            with psycopg.connect(url, autocommit=True) as conn:
                migrate(conn)
                copy_s = _timed(lambda: copy_measurements(conn, rows))
                conn.execute("TRUNCATE electricity_measurements")
                upsert_s = _timed(lambda: upsert_measurements(conn, rows))
                rerun_s = _timed(lambda: upsert_measurements(conn, rows))
        finally:
            embedded_postgres.stop(pgdata)
    return [
        Figure(
            benchmark=NAME,
            figure="embedded start, new data dir",
            value=cold_start,
            unit="s",
            note="initdb + start",
        ),
        Figure(
            benchmark=NAME,
            figure="plain COPY of 100k rows",
            value=ROWS / copy_s,
            unit="rows/s",
            note="baseline",
        ),
        Figure(
            benchmark=NAME,
            figure="upsert of 100k new rows",
            value=ROWS / upsert_s,
            unit="rows/s",
            note="COPY to staging + INSERT ON CONFLICT",
        ),
        Figure(
            benchmark=NAME,
            figure="upsert / COPY speed",
            value=copy_s / upsert_s,
            unit="ratio",
            note="same run; 1.0 = as fast as COPY",
        ),
        Figure(
            benchmark=NAME,
            figure="rerun of the same 100k rows",
            value=ROWS / rerun_s,
            unit="rows/s",
            note="writes nothing (idempotent)",
        ),
    ]
