"""Retention: every run for a week, then the last run of each LA day, then nothing; never data."""

from datetime import UTC, datetime, timedelta

import psycopg

from lambdas.control.summary import RunReport, run
from lambdas.core.retention import RetentionPolicy, prune_derived_data, table_stats

NOW = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)
POLICY = RetentionPolicy(every_run_days=7, daily_run_days=180, forecast_days=365)
ZONE = "US-CAL-LDWP"
RANGE_START = datetime(2026, 6, 1, tzinfo=UTC)


def store_run(db: psycopg.Connection, run_id: str, at: datetime, ranges=("week",)) -> None:
    """A run's results (two kinds per range) and one correlation per range, stored at `at`."""
    for number, name in enumerate(ranges):
        range_end = RANGE_START + timedelta(days=1 + number)
        for kind in ("trend", "seasonal"):
            db.execute(
                "INSERT INTO electricity_analysis_results"
                " (run_id, zone, kind, range_start, range_end, parameters, result, created_at)"
                " VALUES (%s, %s, %s, %s, %s, jsonb_build_object('range', %s::text), '{}', %s)",
                (run_id, ZONE, kind, RANGE_START, range_end, name, at),
            )
        db.execute(
            "INSERT INTO electricity_correlations (run_id, zone, range_start, range_end,"
            " variable_a, variable_b, method, coefficient, p_value, n, created_at)"
            " VALUES (%s, %s, %s, %s, 'solar_mw', 'wind_mw', 'pearson', 0.5, 0.01, 100, %s)",
            (run_id, ZONE, RANGE_START, range_end, at),
        )


def store_forecast(db: psycopg.Connection, issued_at: datetime) -> None:
    db.execute(
        "INSERT INTO solar_predictions (run_id, zone, issued_at, target_datetime, horizon_hours,"
        " predicted_mw, model_version) VALUES ('r', %s, %s, %s, 1, 10.0, 'm')",
        (ZONE, issued_at, issued_at + timedelta(hours=1)),
    )


def store_carbon_forecast(db: psycopg.Connection, issued_at: datetime) -> None:
    db.execute(
        "INSERT INTO carbon_intensity_forecasts (run_id, zone, issued_at, target_datetime,"
        " horizon_hours, predicted_g_per_kwh, lower_g_per_kwh, upper_g_per_kwh, interval_level,"
        " model_version) VALUES ('r', %s, %s, %s, 1, 400.0, 350.0, 450.0, 0.8, 'm')",
        (ZONE, issued_at, issued_at + timedelta(hours=1)),
    )


def runs_left(db: psycopg.Connection, table: str) -> set[str]:
    rows = db.execute(f"SELECT DISTINCT run_id FROM {table}".encode()).fetchall()
    return {row["run_id"] for row in rows}


def test_every_run_is_kept_a_week_then_the_last_of_each_day_then_none(
    db: psycopg.Connection,
) -> None:
    # LA days: 2026-06-20 LA runs at 09:00 and 23:30 LA (06:30 UTC the next day) are one day.
    store_run(db, "recent-1", NOW - timedelta(days=1))
    store_run(db, "recent-2", NOW - timedelta(days=1, hours=1))
    store_run(db, "day-early", datetime(2026, 6, 20, 16, 0, tzinfo=UTC))
    store_run(db, "day-last", datetime(2026, 6, 21, 6, 30, tzinfo=UTC))
    store_run(db, "next-day", datetime(2026, 6, 21, 8, 0, tzinfo=UTC))
    store_run(db, "ancient", NOW - timedelta(days=200))
    with db.transaction():
        pruned = prune_derived_data(db, POLICY, now=NOW)
    kept = {"recent-1", "recent-2", "day-last", "next-day"}
    assert runs_left(db, "electricity_analysis_results") == kept
    assert runs_left(db, "electricity_correlations") == kept
    assert pruned.analysis_results == 2 * 2
    assert pruned.correlations == 2


def test_the_last_run_of_a_day_is_kept_per_range_and_a_partial_run_keeps_the_others(
    db: psycopg.Connection,
) -> None:
    day = datetime(2026, 6, 10, 18, 0, tzinfo=UTC)
    store_run(db, "all-ranges", day, ranges=("week", "month"))
    store_run(db, "week-only", day + timedelta(hours=2), ranges=("week",))
    with db.transaction():
        prune_derived_data(db, POLICY, now=NOW)
    rows = db.execute(
        "SELECT run_id, parameters->>'range' AS range FROM electricity_analysis_results"
        " GROUP BY 1, 2 ORDER BY 2"
    ).fetchall()
    assert [(row["run_id"], row["range"]) for row in rows] == [
        ("all-ranges", "month"),
        ("week-only", "week"),
    ]


def test_forecasts_past_their_days_go_and_measurements_stay(db: psycopg.Connection) -> None:
    for issued_at in (NOW - timedelta(days=400), NOW - timedelta(days=30)):
        store_forecast(db, issued_at)
        store_carbon_forecast(db, issued_at)
    db.execute(
        "INSERT INTO electricity_measurements (zone, datetime, solar_mw) VALUES (%s, %s, 1.0)",
        (ZONE, NOW - timedelta(days=3000)),
    )
    with db.transaction():
        pruned = prune_derived_data(db, POLICY, now=NOW)
    assert (pruned.solar_predictions, pruned.carbon_intensity_forecasts) == (1, 1)
    for table in ("solar_predictions", "carbon_intensity_forecasts"):
        [left] = db.execute(f"SELECT issued_at FROM {table}".encode()).fetchall()
        assert left["issued_at"] == NOW - timedelta(days=30)
    assert db.execute("SELECT count(*) AS n FROM electricity_measurements").fetchone() == {"n": 1}


def test_a_recent_correlation_set_without_results_is_left_alone(db: psycopg.Connection) -> None:
    """A run still storing has written its correlations before its results: never prune it."""
    db.execute(
        "INSERT INTO electricity_correlations (run_id, zone, range_start, range_end,"
        " variable_a, variable_b, method, coefficient, n, created_at)"
        " VALUES ('storing', %s, %s, %s, 'a', 'b', 'pearson', 0.1, 10, %s)",
        (ZONE, RANGE_START, RANGE_START + timedelta(days=1), NOW - timedelta(minutes=5)),
    )
    with db.transaction():
        assert prune_derived_data(db, POLICY, now=NOW).correlations == 0


def test_summarize_records_the_run_and_applies_the_policy(db: psycopg.Connection) -> None:
    store_run(db, "ancient", NOW - timedelta(days=200))
    store_run(db, "recent", NOW - timedelta(hours=2))
    report = RunReport(
        run_id="this-run",
        started_at=NOW - timedelta(minutes=3),
        input={"trigger": "local"},
        ingest={"rows_written": 0},
        steps=[],
    )
    outcome = run(report, now=NOW)
    assert outcome.status == "succeeded"
    assert runs_left(db, "electricity_analysis_results") == {"recent"}
    assert runs_left(db, "pipeline_runs") == {"this-run"}


def test_table_stats_count_every_table(db: psycopg.Connection) -> None:
    store_run(db, "one", NOW)
    stats = {table["table"]: table for table in table_stats(db)}
    assert stats["electricity_analysis_results"]["rows"] == 2
    assert stats["electricity_correlations"]["rows"] == 1
    assert stats["electricity_measurements"]["rows"] == 0
    assert all(table["bytes"] > 0 for table in stats.values())
