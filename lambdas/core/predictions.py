"""SQL for the forecasts' shared tables and the solar forecast: solar_predictions,
model_evaluations, and the model tables (forecast_models for solar, carbon_models for the
carbon intensity, migration 0007)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

import psycopg
from psycopg import sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

ModelTable = Literal["forecast_models", "carbon_models"]
MODEL_TABLES: tuple[str, ...] = get_args(ModelTable)


@dataclass(frozen=True)
class PredictionIssue:
    """Who issued a forecast, when (the end of the newest known hour), with which model."""

    run_id: str
    zone: str
    issued_at: datetime
    model_version: str
    interval_level: float


@dataclass(frozen=True)
class PredictedHour:
    """One forecast hour [MW]; the hour starts at `target_datetime`."""

    target_datetime: datetime
    horizon_hours: int
    predicted_mw: float
    lower_mw: float
    upper_mw: float


@dataclass(frozen=True)
class StoredModel:
    """A model bundle kept in the database."""

    version: str
    zone: str
    trained_at: datetime
    bundle: bytes
    metadata: dict[str, Any]


def upsert_predictions(
    conn: psycopg.Connection[Any], issue: PredictionIssue, hours: Sequence[PredictedHour]
) -> int:
    """Store a forecast; a rerun of the same issue and model replaces its hours. Returns rows."""
    with conn.transaction(), conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO solar_predictions (run_id, zone, issued_at, target_datetime,"
            " horizon_hours, predicted_mw, lower_mw, upper_mw, interval_level, model_version)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (zone, issued_at, target_datetime, model_version) DO UPDATE SET"
            " run_id = EXCLUDED.run_id, horizon_hours = EXCLUDED.horizon_hours,"
            " predicted_mw = EXCLUDED.predicted_mw, lower_mw = EXCLUDED.lower_mw,"
            " upper_mw = EXCLUDED.upper_mw, interval_level = EXCLUDED.interval_level,"
            " created_at = now()",
            [
                (
                    issue.run_id,
                    issue.zone,
                    issue.issued_at,
                    hour.target_datetime,
                    hour.horizon_hours,
                    hour.predicted_mw,
                    hour.lower_mw,
                    hour.upper_mw,
                    issue.interval_level,
                    issue.model_version,
                )
                for hour in hours
            ],
        )
    return len(hours)


def latest_predictions(conn: psycopg.Connection[Any], zone: str) -> list[dict[str, Any]]:
    """The hours of the newest forecast of `zone` (newest model if several), by target hour."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        "SELECT issued_at, target_datetime, horizon_hours, predicted_mw, lower_mw, upper_mw,"
        " interval_level, model_version, run_id FROM solar_predictions"
        " WHERE (zone, issued_at, model_version) = (SELECT zone, issued_at, model_version"
        "   FROM solar_predictions WHERE zone = %s"
        "   ORDER BY issued_at DESC, created_at DESC LIMIT 1)"
        " ORDER BY target_datetime",
        (zone,),
    ).fetchall()


def track_record(
    conn: psycopg.Connection[Any], zone: str, start: datetime, end: datetime
) -> dict[str, Any]:
    """How the stored forecasts of target hours in [start, end) did once measured.

    Every stored (issue, target) pair counts, at whatever horizon it was issued. Persistence is
    scored on the same pairs: the measured hour one day (or, past 24 hours of horizon, as many
    whole days as needed) before the target, so it was known at issue. Pairs without a
    measured target or persistence hour are left out. Skill is 1 - MAE / persistence's MAE
    (NULL when persistence made no error or nothing was scored).
    """
    cursor = conn.cursor(row_factory=dict_row)
    row = cursor.execute(
        "SELECT *, 1 - mae_mw / nullif(persistence_mae_mw, 0) AS skill_vs_persistence FROM ("
        "SELECT count(*) AS n_forecasts, count(DISTINCT p.target_datetime) AS n_hours,"
        " avg(abs(p.predicted_mw - actual.solar_mw)) AS mae_mw,"
        " avg(abs(before.solar_mw - actual.solar_mw)) AS persistence_mae_mw,"
        " avg((actual.solar_mw BETWEEN p.lower_mw AND p.upper_mw)::int)"
        "   FILTER (WHERE p.lower_mw IS NOT NULL AND p.upper_mw IS NOT NULL) AS coverage,"
        " round(avg(p.interval_level)::numeric, 4)::float8 AS interval_level"
        " FROM solar_predictions p"
        " JOIN electricity_measurements actual"
        "   ON actual.zone = p.zone AND actual.datetime = p.target_datetime"
        " JOIN electricity_measurements before ON before.zone = p.zone"
        "   AND before.datetime = p.target_datetime"
        "     - make_interval(hours => 24 * ((p.horizon_hours + 23) / 24))"
        " WHERE p.zone = %s AND p.target_datetime >= %s AND p.target_datetime < %s"
        "   AND actual.solar_mw IS NOT NULL AND before.solar_mw IS NOT NULL) scored",
        (zone, start, end),
    ).fetchone()
    assert row is not None  # an aggregate without GROUP BY always yields a row
    return dict(row)


def insert_evaluation(
    conn: psycopg.Connection[Any],
    *,
    model_version: str,
    zone: str,
    window_start: datetime,
    window_end: datetime,
    metrics: dict[str, Any],
) -> int:
    """Store one model's backtest figures (JSON without NaN); returns the row id."""
    with conn.transaction():
        cursor = conn.cursor(row_factory=psycopg.rows.tuple_row)
        row = cursor.execute(
            "INSERT INTO model_evaluations (model_version, zone, window_start, window_end, metrics)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (model_version, zone, window_start, window_end, Jsonb(metrics)),
        ).fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    return int(row[0])


def _model_table(table: ModelTable) -> sql.Identifier:
    """The model table's name as SQL (only the two tables of MODEL_TABLES exist)."""
    if table not in MODEL_TABLES:
        raise ValueError(f"no model table {table!r}")
    return sql.Identifier(table)


def save_model(
    conn: psycopg.Connection[Any], model: StoredModel, table: ModelTable = "forecast_models"
) -> None:
    """Keep a model bundle (a version is written once; saving it again changes nothing)."""
    with conn.transaction():
        conn.execute(
            sql.SQL(
                "INSERT INTO {} (version, zone, trained_at, bundle, metadata)"
                " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (version) DO NOTHING"
            ).format(_model_table(table)),
            (model.version, model.zone, model.trained_at, model.bundle, Jsonb(model.metadata)),
        )


def latest_model(
    conn: psycopg.Connection[Any], zone: str, table: ModelTable = "forecast_models"
) -> StoredModel | None:
    """The newest trained model of `zone` in `table`, or None."""
    cursor = conn.cursor(row_factory=dict_row)
    row = cursor.execute(
        sql.SQL(
            "SELECT version, zone, trained_at, bundle, metadata FROM {}"
            " WHERE zone = %s ORDER BY trained_at DESC, created_at DESC LIMIT 1"
        ).format(_model_table(table)),
        (zone,),
    ).fetchone()
    if row is None:
        return None
    return StoredModel(
        version=row["version"],
        zone=row["zone"],
        trained_at=row["trained_at"],
        bundle=bytes(row["bundle"]),
        metadata=row["metadata"],
    )


def latest_evaluation(
    conn: psycopg.Connection[Any], zone: str, model_version: str
) -> dict[str, Any] | None:
    """The newest backtest figures of one model version, or None."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        "SELECT evaluated_at, window_start, window_end, metrics FROM model_evaluations"
        " WHERE zone = %s AND model_version = %s ORDER BY evaluated_at DESC, id DESC LIMIT 1",
        (zone, model_version),
    ).fetchone()
