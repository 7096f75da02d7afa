"""Bound the growth of derived data, and measure what every table holds.

An hourly schedule stores a full set of analysis results and correlations per run. The policy
keeps every run's for `every_run_days`, then only the last run of each Los Angeles day (per
kind and analysis range) until `daily_run_days`, then none; solar and carbon-intensity
forecasts are kept for `forecast_days` (their track records read them). Measurements are
never touched: they are the data, everything pruned here is recomputed by the next run.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import psycopg
from psycopg.rows import dict_row

from lambdas.core.settings import Settings

# The calendar day of "the last run of each day", as the dashboard shows days.
DAY_ZONE = "America/Los_Angeles"


@dataclass(frozen=True)
class RetentionPolicy:
    """How long derived data lives, in days (daily_run_days >= every_run_days)."""

    every_run_days: int
    daily_run_days: int
    forecast_days: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "RetentionPolicy":
        return cls(
            every_run_days=settings.retention_every_run_days,
            daily_run_days=settings.retention_daily_run_days,
            forecast_days=settings.retention_forecast_days,
        )


@dataclass(frozen=True)
class Pruned:
    """Rows deleted by one application of the policy, per table."""

    analysis_results: int
    correlations: int
    solar_predictions: int
    carbon_intensity_forecasts: int


# Past the every-run horizon, a result survives only as the newest of its day, kind and range;
# past the daily horizon, none does.
_PRUNE_RESULTS = """
DELETE FROM electricity_analysis_results r
USING (
    SELECT id, row_number() OVER (
        PARTITION BY zone, kind, parameters->>'range',
            (created_at AT TIME ZONE %(day_zone)s)::date
        ORDER BY created_at DESC, id DESC) AS newest_first
    FROM electricity_analysis_results
    WHERE created_at < %(every_run_before)s
) ranked
WHERE r.id = ranked.id
  AND (ranked.newest_first > 1 OR r.created_at < %(daily_run_before)s)
"""

# A correlation set is read through its run's results: once they are gone it is unreachable.
# Only sets past the every-run horizon are looked at, so a run still storing is never touched.
_PRUNE_CORRELATIONS = """
DELETE FROM electricity_correlations c
WHERE c.created_at < %(every_run_before)s
  AND NOT EXISTS (
    SELECT 1 FROM electricity_analysis_results r
    WHERE r.run_id = c.run_id AND r.zone = c.zone
      AND r.range_start = c.range_start AND r.range_end = c.range_end)
"""

_PRUNE_FORECASTS = "DELETE FROM solar_predictions WHERE issued_at < %(forecast_before)s"
_PRUNE_CARBON_FORECASTS = (
    "DELETE FROM carbon_intensity_forecasts WHERE issued_at < %(forecast_before)s"
)


def prune_derived_data(
    conn: psycopg.Connection[Any], policy: RetentionPolicy, *, now: datetime
) -> Pruned:
    """Apply the policy as of `now` (UTC); the caller owns the transaction."""
    horizons = {
        "day_zone": DAY_ZONE,
        "every_run_before": now - timedelta(days=policy.every_run_days),
        "daily_run_before": now - timedelta(days=policy.daily_run_days),
        "forecast_before": now - timedelta(days=policy.forecast_days),
    }
    with conn.cursor() as cursor:
        results = cursor.execute(_PRUNE_RESULTS, horizons).rowcount
        correlations = cursor.execute(_PRUNE_CORRELATIONS, horizons).rowcount
        forecasts = cursor.execute(_PRUNE_FORECASTS, horizons).rowcount
        carbon_forecasts = cursor.execute(_PRUNE_CARBON_FORECASTS, horizons).rowcount
    return Pruned(
        analysis_results=results,
        correlations=correlations,
        solar_predictions=forecasts,
        carbon_intensity_forecasts=carbon_forecasts,
    )


def table_stats(conn: psycopg.Connection[Any]) -> list[dict[str, Any]]:
    """Each table of the schema: `table`, exact `rows`, and `bytes` on disk (with indexes, TOAST).

    Largest first. Exact counts, not the planner's estimate: the tables are small enough.
    """
    cursor = conn.cursor(row_factory=dict_row)
    tables = cursor.execute(
        "SELECT c.relname AS table, pg_total_relation_size(c.oid) AS bytes"
        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind = 'r' AND n.nspname = current_schema()"
        " ORDER BY bytes DESC, c.relname"
    ).fetchall()
    for table in tables:
        counted = cursor.execute(
            psycopg.sql.SQL("SELECT count(*) AS rows FROM {}").format(
                psycopg.sql.Identifier(table["table"])
            )
        ).fetchone()
        table["rows"] = 0 if counted is None else int(counted["rows"])
    return tables
