"""Embedded PostgreSQL: start-up time, and upsert of 100k hourly rows against a plain COPY."""

import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from benchmarks.run import Figure
from lambdas.core import embedded_postgres
from lambdas.core.schema import migrate

ROWS = 100_000
_COLUMNS = (
    "zone",
    "datetime",
    "power_consumption_total",
    "solar_mw",
    "wind_mw",
    "source_updated_at",
)


def _rows() -> list[tuple[object, ...]]:
    first = datetime(2010, 1, 1, tzinfo=UTC)
    updated = datetime(2025, 1, 1, tzinfo=UTC)
    return [
        ("US-CAL-LDWP", first + timedelta(hours=i), 3000.0 + i % 24, float(i % 13), 80.0, updated)
        for i in range(ROWS)
    ]


def _copy(conn: psycopg.Connection, table: str, rows: list[tuple[object, ...]]) -> None:
    with conn.cursor().copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN".encode()) as copy:
        for row in rows:
            copy.write_row(row)


def _upsert(conn: psycopg.Connection, rows: list[tuple[object, ...]]) -> None:
    """The storage pattern of DESIGN.md: COPY to a temp table, one INSERT ... ON CONFLICT."""
    conn.execute(
        "CREATE TEMP TABLE staging (LIKE electricity_measurements INCLUDING DEFAULTS)"
        " ON COMMIT DROP"
    )
    _copy(conn, "staging", rows)
    columns = ", ".join(_COLUMNS)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[2:])
    conn.execute(
        f"INSERT INTO electricity_measurements ({columns}) SELECT {columns} FROM staging "
        f"ON CONFLICT (zone, datetime) DO UPDATE SET {updates} "
        "WHERE EXCLUDED.source_updated_at > electricity_measurements.source_updated_at".encode()
    )


def _timed(action: object) -> float:
    began = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - began


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="gridla-bench-") as tmp:
        pgdata = Path(tmp) / "pgdata"
        began = time.perf_counter()
        url = embedded_postgres.start(pgdata)
        cold_start = time.perf_counter() - began
        try:
            rows = _rows()
            with psycopg.connect(url) as conn:
                migrate(conn)
                conn.autocommit = False
                with conn.transaction():
                    copy_s = _timed(lambda: _copy(conn, "electricity_measurements", rows))
                conn.execute("TRUNCATE electricity_measurements")
                conn.commit()
                with conn.transaction():
                    upsert_s = _timed(lambda: _upsert(conn, rows))
                with conn.transaction():
                    rerun_s = _timed(lambda: _upsert(conn, rows))
        finally:
            embedded_postgres.stop(pgdata)
    name = "database"
    return [
        Figure(
            benchmark=name,
            figure="embedded start (initdb + start)",
            value=cold_start,
            unit="s",
            note="first start of a new data dir",
        ),
        Figure(
            benchmark=name,
            figure="plain COPY of 100k rows",
            value=ROWS / copy_s,
            unit="rows/s",
            note="baseline",
        ),
        Figure(
            benchmark=name,
            figure="upsert of 100k new rows",
            value=ROWS / upsert_s,
            unit="rows/s",
            note="COPY to temp + INSERT ON CONFLICT",
        ),
        Figure(
            benchmark=name,
            figure="upsert / COPY speed",
            value=copy_s / upsert_s,
            unit="ratio",
            note="same run; 1.0 = as fast as COPY",
        ),
        Figure(
            benchmark=name,
            figure="rerun of the same 100k rows",
            value=ROWS / rerun_s,
            unit="rows/s",
            note="no row changes (idempotent)",
        ),
    ]
