"""Storage growth of an hourly schedule, with and without the retention policy.

One real analyze run over a year of the bundled LA data gives a run's true output (results and
correlations for week, month and year). Then `DAYS` days of hourly runs are simulated in two
databases: each run stores a copy of that output stamped with its simulated time; in one the
policy is applied after every run, as the summarize step does, in the other never. Each
simulated day ends with a VACUUM (autovacuum's part on RDS), then the derived tables' size on
disk is read. Growth per day is the slope over the last week, when the policy is in its steady
state (past RETENTION_EVERY_RUN_DAYS).
"""

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from benchmarks.run import Figure
from lambdas.analyze.service import run as analyze
from lambdas.core.measurements import MeasurementRow, copy_measurements
from lambdas.core.retention import RetentionPolicy, prune_derived_data
from lambdas.core.schema import migrate
from lambdas.core.step_event import StepEvent
from lambdas.local import embedded_postgres
from lambdas.local.replay_data import load_hours

NAME = "retention"
ZONE = "US-CAL-LDWP"
DAYS = 21
POLICY = RetentionPolicy(every_run_days=7, daily_run_days=180, forecast_days=365)
TEMPLATE_RUN = "template"
DERIVED = ("electricity_analysis_results", "electricity_correlations")


def _store_real_run(conn: psycopg.Connection[Any]) -> None:
    """The bundled hours (demand, solar, wind) and one real analyze run over them."""
    rows = [
        MeasurementRow(
            zone=ZONE,
            datetime=hour.datetime,
            power_consumption_total=hour.demand_mw,
            solar_mw=hour.solar_mw,
            wind_mw=hour.wind_mw,
        )
        for hour in load_hours()
    ]
    copy_measurements(conn, rows)
    outcome = analyze(conn, StepEvent(run_id=TEMPLATE_RUN, zone=ZONE))
    assert outcome.status == "ok", outcome.reason


def _copy_run(conn: psycopg.Connection[Any], source: str, target: str, at: datetime) -> None:
    """Store `source`'s output again as run `target`, computed at `at`."""
    conn.execute(
        "INSERT INTO electricity_analysis_results"
        " (run_id, zone, kind, range_start, range_end, parameters, result, created_at)"
        " SELECT %s, zone, kind, range_start, range_end, parameters, result, %s"
        " FROM electricity_analysis_results WHERE run_id = %s",
        (target, at, source),
    )
    conn.execute(
        "INSERT INTO electricity_correlations (run_id, zone, range_start, range_end,"
        " variable_a, variable_b, method, coefficient, p_value, n, created_at)"
        " SELECT %s, zone, range_start, range_end, variable_a, variable_b, method,"
        " coefficient, p_value, n, %s FROM electricity_correlations WHERE run_id = %s",
        (target, at, source),
    )


def _derived_bytes(conn: psycopg.Connection[Any]) -> int:
    total = 0
    for table in DERIVED:
        row = conn.execute("SELECT pg_total_relation_size(%s::regclass)", (table,)).fetchone()
        total += int(row[0]) if row else 0
    return total


def _simulate(url: str, *, with_policy: bool) -> list[int]:
    """Derived bytes on disk at the end of each simulated day."""
    start = datetime(2030, 1, 1, tzinfo=UTC)
    sizes: list[int] = []
    with psycopg.connect(url, autocommit=True) as conn:
        previous = TEMPLATE_RUN
        for hour in range(DAYS * 24):
            at = start + timedelta(hours=hour)
            run_id = f"run-{hour}"
            with conn.transaction():
                _copy_run(conn, previous, run_id, at)
                if with_policy:
                    prune_derived_data(conn, POLICY, now=at)
            previous = run_id
            if hour % 24 == 23:
                conn.execute("VACUUM electricity_analysis_results, electricity_correlations")
                sizes.append(_derived_bytes(conn))
    return sizes


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def _clone_database(url: str, name: str) -> str:
    """A copy of `url`'s database named `name`; its DSN."""
    source = url.partition("?")[0].rsplit("/", 1)[1]
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'.encode())
    return _with_database(url, name)


def _per_run_bytes(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT (SELECT sum(pg_column_size(r.*)) FROM electricity_analysis_results r"
            "  WHERE run_id = %s)"
            " + (SELECT sum(pg_column_size(c.*)) FROM electricity_correlations c"
            "  WHERE run_id = %s)",
            (TEMPLATE_RUN, TEMPLATE_RUN),
        ).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def run() -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="gridla-bench-") as tmp:
        pgdata = Path(tmp) / "pgdata"
        url = embedded_postgres.start(pgdata)
        try:
            with psycopg.connect(url) as conn:
                migrate(conn)
            with psycopg.connect(url) as conn:
                _store_real_run(conn)
                conn.execute("TRUNCATE electricity_measurements")
                conn.commit()
            run_bytes = _per_run_bytes(url)
            without = _simulate(_clone_database(url, "without"), with_policy=False)
            kept = _simulate(_clone_database(url, "kept"), with_policy=True)
        finally:
            embedded_postgres.stop(pgdata)
    return _figures(run_bytes, without, kept)


def _figures(run_bytes: int, without: list[int], kept: list[int]) -> list[Figure]:
    week = 7
    growth_without = (without[-1] - without[-1 - week]) / week
    growth_kept = (kept[-1] - kept[-1 - week]) / week
    year_without = 365 * 24 * run_bytes
    year_kept = (POLICY.every_run_days * 24 + POLICY.daily_run_days - POLICY.every_run_days) * (
        run_bytes
    )

    def figure(name: str, value: float, unit: str, note: str) -> Figure:
        return Figure(benchmark=NAME, figure=name, value=value, unit=unit, note=note)

    return [
        figure("one run's results + correlations", run_bytes / 1024, "KiB", "a year of LA data"),
        figure("growth per day, no retention", growth_without / 1024, "KiB/day", "hourly runs"),
        figure(
            "growth per day, with retention",
            growth_kept / 1024,
            "KiB/day",
            f"days {DAYS - week}-{DAYS}: past the {POLICY.every_run_days}-day horizon",
        ),
        figure(
            "growth without / with retention",
            growth_without / max(growth_kept, 1.0),
            "ratio",
            "same run",
        ),
        figure(
            "derived data after a year, no retention",
            year_without / 2**20,
            "MiB",
            "projected: 8,760 runs",
        ),
        figure(
            "derived data after a year, with retention",
            year_kept / 2**20,
            "MiB",
            f"projected: {POLICY.every_run_days} days of runs + one a day to"
            f" {POLICY.daily_run_days} days",
        ),
    ]
