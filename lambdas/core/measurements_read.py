"""Read stored hourly measurements for the analysis steps (plain rows; no pandas here)."""

from datetime import datetime
from typing import Any

import psycopg
from psycopg import sql

# Numeric columns of electricity_measurements the analysis steps may look at (DESIGN units).
NUMERIC_COLUMNS: tuple[str, ...] = (
    "carbon_intensity",
    "fossil_free_percentage",
    "renewable_percentage",
    "power_consumption_total",
    "power_production_total",
    "power_import_total",
    "power_export_total",
    "nuclear_mw",
    "geothermal_mw",
    "biomass_mw",
    "coal_mw",
    "wind_mw",
    "solar_mw",
    "hydro_mw",
    "gas_mw",
    "oil_mw",
    "unknown_mw",
    "hydro_discharge_mw",
    "battery_discharge_mw",
)


def read_measurements(
    conn: psycopg.Connection[Any],
    zone: str,
    start: datetime,
    end: datetime,
    columns: tuple[str, ...] = NUMERIC_COLUMNS,
) -> list[dict[str, Any]]:
    """Rows of `zone` with `start <= datetime < end`, oldest first: `datetime` plus `columns`.

    Values stay as stored: None is unknown.
    """
    unknown = set(columns) - set(NUMERIC_COLUMNS)
    if unknown:
        raise ValueError(f"not a numeric measurement column: {sorted(unknown)}")
    query = sql.SQL(
        "SELECT datetime, {columns} FROM electricity_measurements"
        " WHERE zone = %s AND datetime >= %s AND datetime < %s ORDER BY datetime"
    ).format(columns=sql.SQL(", ").join(sql.Identifier(column) for column in columns))
    cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
    return cursor.execute(query, (zone, start, end)).fetchall()


def stored_span(conn: psycopg.Connection[Any], zone: str) -> tuple[datetime, datetime] | None:
    """Starts of the oldest and the newest stored hour of `zone`, or None when there is none."""
    cursor = conn.cursor(row_factory=psycopg.rows.tuple_row)
    row = cursor.execute(
        "SELECT min(datetime), max(datetime) FROM electricity_measurements WHERE zone = %s",
        (zone,),
    ).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def latest_measurement_at(conn: psycopg.Connection[Any], zone: str) -> datetime | None:
    """Start of the newest stored hour of `zone`, or None when there is none."""
    span = stored_span(conn, zone)
    return None if span is None else span[1]
