"""SQL for the carbon-intensity forecast: carbon_intensity_forecasts and its track record."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row


@dataclass(frozen=True)
class CarbonForecastIssue:
    """Who issued a forecast, when (the end of the newest known hour), with which model;
    `replayed` when it was issued after the fact from the data before `issued_at`."""

    run_id: str
    zone: str
    issued_at: datetime
    model_version: str
    interval_level: float
    replayed: bool = False


@dataclass(frozen=True)
class CarbonForecastHour:
    """One forecast hour [gCO2eq/kWh, life-cycle]; the hour starts at `target_datetime`."""

    target_datetime: datetime
    horizon_hours: int
    predicted_g_per_kwh: float
    lower_g_per_kwh: float
    upper_g_per_kwh: float


def upsert_carbon_forecast(
    conn: psycopg.Connection[Any],
    issue: CarbonForecastIssue,
    hours: Sequence[CarbonForecastHour],
) -> int:
    """Store a forecast; a rerun of the same issue and model replaces its hours. Returns rows."""
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO carbon_intensity_forecasts (run_id, zone, issued_at, target_datetime,"
            " horizon_hours, predicted_g_per_kwh, lower_g_per_kwh, upper_g_per_kwh,"
            " interval_level, model_version, replayed)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (zone, issued_at, target_datetime, model_version) DO UPDATE SET"
            " run_id = EXCLUDED.run_id, horizon_hours = EXCLUDED.horizon_hours,"
            " predicted_g_per_kwh = EXCLUDED.predicted_g_per_kwh,"
            " lower_g_per_kwh = EXCLUDED.lower_g_per_kwh,"
            " upper_g_per_kwh = EXCLUDED.upper_g_per_kwh,"
            " interval_level = EXCLUDED.interval_level, replayed = EXCLUDED.replayed,"
            " created_at = now()",
            [
                (
                    issue.run_id,
                    issue.zone,
                    issue.issued_at,
                    hour.target_datetime,
                    hour.horizon_hours,
                    hour.predicted_g_per_kwh,
                    hour.lower_g_per_kwh,
                    hour.upper_g_per_kwh,
                    issue.interval_level,
                    issue.model_version,
                    issue.replayed,
                )
                for hour in hours
            ],
        )
    return len(hours)


def latest_carbon_forecast(conn: psycopg.Connection[Any], zone: str) -> list[dict[str, Any]]:
    """The hours of the newest live (not replayed) forecast of `zone` (newest model if
    several), by target hour."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        "SELECT issued_at, target_datetime, horizon_hours, predicted_g_per_kwh,"
        " lower_g_per_kwh, upper_g_per_kwh, interval_level, model_version, run_id"
        " FROM carbon_intensity_forecasts"
        " WHERE (zone, issued_at, model_version) = (SELECT zone, issued_at, model_version"
        "   FROM carbon_intensity_forecasts WHERE zone = %s AND NOT replayed"
        "   ORDER BY issued_at DESC, created_at DESC LIMIT 1)"
        " ORDER BY target_datetime",
        (zone,),
    ).fetchall()


def carbon_track_record(
    conn: psycopg.Connection[Any], zone: str, start: datetime, end: datetime
) -> dict[str, Any]:
    """How the stored forecasts of target hours in [start, end) did once measured.

    Every stored (issue, target) pair counts, at whatever horizon it was issued. Persistence is
    scored on the same pairs: the measured hour one day (past 24 hours of horizon, as many
    whole days as needed) before the target, so it was known at issue. Pairs without a
    measured target or persistence hour are left out. MAE in gCO2eq/kWh, MAPE in percent,
    skill = 1 - MAE / persistence's MAE (NULL when nothing was scored). `n_replayed` of the
    pairs were issued after the fact (replayed), `n_days` is the span of their target hours.
    """
    cursor = conn.cursor(row_factory=dict_row)
    row = cursor.execute(
        "SELECT *, 1 - mae / nullif(persistence_mae, 0) AS skill_vs_persistence FROM ("
        "SELECT count(*) AS n_forecasts, count(DISTINCT f.target_datetime) AS n_hours,"
        " count(*) FILTER (WHERE f.replayed) AS n_replayed,"
        " coalesce(extract(epoch FROM max(f.target_datetime) + interval '1 hour'"
        "   - min(f.target_datetime)) / 86400, 0)::float8 AS n_days,"
        " avg(abs(f.predicted_g_per_kwh - actual.carbon_intensity)) AS mae,"
        " 100 * avg(abs(f.predicted_g_per_kwh - actual.carbon_intensity)"
        "   / actual.carbon_intensity) AS mape_pct,"
        " avg(abs(before.carbon_intensity - actual.carbon_intensity)) AS persistence_mae,"
        " 100 * avg(abs(before.carbon_intensity - actual.carbon_intensity)"
        "   / actual.carbon_intensity) AS persistence_mape_pct,"
        " avg((actual.carbon_intensity BETWEEN f.lower_g_per_kwh AND f.upper_g_per_kwh)::int)"
        "   AS coverage,"
        " round(avg(f.interval_level)::numeric, 4)::float8 AS interval_level"
        " FROM carbon_intensity_forecasts f"
        " JOIN electricity_measurements actual"
        "   ON actual.zone = f.zone AND actual.datetime = f.target_datetime"
        " JOIN electricity_measurements before ON before.zone = f.zone"
        "   AND before.datetime = f.target_datetime"
        "     - make_interval(hours => 24 * ((f.horizon_hours + 23) / 24))"
        " WHERE f.zone = %s AND f.target_datetime >= %s AND f.target_datetime < %s"
        "   AND actual.carbon_intensity > 0 AND before.carbon_intensity IS NOT NULL) scored",
        (zone, start, end),
    ).fetchone()
    assert row is not None  # an aggregate without GROUP BY always yields a row
    return dict(row)
