"""SQL for `electricity_measurements`: its columns, the bulk upsert, gap detection and reads.

Each row merges three upstream records, revised independently: the power breakdown and the
carbon intensity with the life-cycle and with the direct emission factor. The upsert takes a
side only when its own `updatedAt` is newer than the stored one (or none is stored), so a rerun
writes nothing, a late revision lands, an older one changes nothing, and an hour first stored
with one side missing is completed when it arrives. Reads return plain rows (dicts; no pandas
here).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Jsonb

from lambdas.core.time_range import Window

# Raw keys: the merged upstream records are stored under their endpoint's name.
POWER_BREAKDOWN = "power-breakdown"
CARBON_INTENSITY = "carbon-intensity"
CARBON_INTENSITY_DIRECT = "carbon-intensity-direct"


@dataclass(frozen=True, slots=True)
class MeasurementRow:
    """One hour of one zone: the table's columns (MW, gCO2eq/kWh, percent; None unknown).

    The one list of the columns: NUMERIC_COLUMNS, the API's Measurement model and
    docs/openapi.json derive from it.
    """

    zone: str
    datetime: dt.datetime
    carbon_intensity: float | None = None
    carbon_intensity_direct: float | None = None
    fossil_free_percentage: float | None = None
    renewable_percentage: float | None = None
    power_consumption_total: float | None = None
    power_production_total: float | None = None
    power_import_total: float | None = None
    power_export_total: float | None = None
    nuclear_mw: float | None = None
    geothermal_mw: float | None = None
    biomass_mw: float | None = None
    coal_mw: float | None = None
    wind_mw: float | None = None
    solar_mw: float | None = None
    hydro_mw: float | None = None
    gas_mw: float | None = None
    oil_mw: float | None = None
    unknown_mw: float | None = None
    hydro_discharge_mw: float | None = None
    battery_discharge_mw: float | None = None
    is_estimated: bool | None = None
    estimation_method: str | None = None
    source_updated_at: dt.datetime | None = None
    power_breakdown_updated_at: dt.datetime | None = None
    carbon_intensity_updated_at: dt.datetime | None = None
    carbon_intensity_direct_updated_at: dt.datetime | None = None
    raw: dict[str, Any] | None = None


COLUMNS: tuple[str, ...] = tuple(field.name for field in fields(MeasurementRow))
# The measured values (every `float | None` column), which the steps and the API read.
NUMERIC_COLUMNS: tuple[str, ...] = tuple(
    field.name for field in fields(MeasurementRow) if field.type == float | None
)
# Upstream's estimation flag of an hour: read beside the values, never analysed.
ESTIMATION_COLUMNS: tuple[str, ...] = ("is_estimated", "estimation_method")
# Columns that come from the carbon-intensity records (life-cycle, direct); every other value
# column is the power breakdown's (is_estimated too: it falls back to carbon only for a
# carbon-only hour).
_CARBON_COLUMNS = ("carbon_intensity", "carbon_intensity_updated_at")
_DIRECT_COLUMNS = ("carbon_intensity_direct", "carbon_intensity_direct_updated_at")
_KEY_COLUMNS = ("zone", "datetime")
_DERIVED_COLUMNS = ("source_updated_at", "raw")
_POWER_COLUMNS = tuple(
    c
    for c in COLUMNS
    if c not in (*_CARBON_COLUMNS, *_DIRECT_COLUMNS, *_KEY_COLUMNS, *_DERIVED_COLUMNS)
)
# Each side of a row: its revision prefix, the columns it owns, its key in `raw`.
_SIDES = (
    ("power_breakdown", _POWER_COLUMNS, POWER_BREAKDOWN),
    ("carbon_intensity", _CARBON_COLUMNS, CARBON_INTENSITY),
    ("carbon_intensity_direct", _DIRECT_COLUMNS, CARBON_INTENSITY_DIRECT),
)
_STAGING = "measurements_incoming"


def _newer(side: str) -> sql.Composable:
    """True when the incoming side's revision is newer than the stored one (or none is stored)."""
    col = sql.Identifier(f"{side}_updated_at")
    return sql.SQL("COALESCE(EXCLUDED.{c} > m.{c}, EXCLUDED.{c} IS NOT NULL)").format(c=col)


def _take_if(condition: sql.Composable, column: str) -> sql.Composable:
    return sql.SQL("{c} = CASE WHEN {cond} THEN EXCLUDED.{c} ELSE m.{c} END").format(
        c=sql.Identifier(column), cond=condition
    )


def _raw_of(newer: sql.Composable, key: str) -> sql.Composable:
    """The incoming side's raw record when that side is taken, else nothing."""
    return sql.SQL(
        "CASE WHEN {n} THEN jsonb_build_object({k}, EXCLUDED.raw -> {k}) ELSE '{{}}' END"
    ).format(n=newer, k=sql.Literal(key))


@cache  # composed on first use: the readers (the api) never need it
def _upsert_statement() -> sql.Composed:
    newer = [(_newer(side), columns, key) for side, columns, key in _SIDES]
    assignments = [
        *(_take_if(condition, c) for condition, columns, _ in newer for c in columns),
        sql.SQL("raw = COALESCE(m.raw, '{{}}') || {parts}").format(
            parts=sql.SQL(" || ").join(_raw_of(condition, key) for condition, _, key in newer)
        ),
        sql.SQL("source_updated_at = GREATEST(m.source_updated_at, EXCLUDED.source_updated_at)"),
        sql.SQL("ingested_at = now()"),
    ]
    columns = sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
    return sql.SQL(
        "INSERT INTO electricity_measurements AS m ({cols}) SELECT {cols} FROM {staging}"
        " ON CONFLICT (zone, datetime) DO UPDATE SET {assignments}"
        " WHERE {any_newer}"
    ).format(
        cols=columns,
        staging=sql.Identifier(_STAGING),
        assignments=sql.SQL(", ").join(assignments),
        any_newer=sql.SQL(" OR ").join(condition for condition, _, _ in newer),
    )


_COPY_IN = sql.SQL("COPY {staging} ({cols}) FROM STDIN").format(
    staging=sql.Identifier(_STAGING), cols=sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
)


def _copy_values(row: MeasurementRow) -> tuple[Any, ...]:
    # Not dataclasses.astuple: it deep-copies `raw`, which dominated the store's time.
    values = [getattr(row, name) for name in COLUMNS]
    values[-1] = None if row.raw is None else Jsonb(row.raw)
    return tuple(values)


def upsert_measurements(conn: psycopg.Connection[Any], rows: Iterable[MeasurementRow]) -> int:
    """Store hours in bulk (COPY into a temporary table, one INSERT ... ON CONFLICT).

    Returns the number of rows inserted or changed; rerunning the same rows returns 0. Runs in
    one transaction of its own (or a savepoint inside the caller's).
    """
    with conn.transaction(), conn.cursor() as cur:
        cur.execute(
            sql.SQL(
                "CREATE TEMPORARY TABLE IF NOT EXISTS {staging}"
                " (LIKE electricity_measurements INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
            ).format(staging=sql.Identifier(_STAGING))
        )
        # ON COMMIT DELETE ROWS empties the table at commit; a savepoint may still hold rows.
        cur.execute(sql.SQL("TRUNCATE {staging}").format(staging=sql.Identifier(_STAGING)))
        with cur.copy(_COPY_IN) as copy:
            for row in rows:
                copy.write_row(_copy_values(row))
        cur.execute(_upsert_statement())
        return max(cur.rowcount, 0)


def copy_measurements(conn: psycopg.Connection[Any], rows: Iterable[MeasurementRow]) -> None:
    """Plain COPY of rows into the table (no conflict handling): the benchmark's baseline."""
    statement = sql.SQL("COPY electricity_measurements ({cols}) FROM STDIN").format(
        cols=sql.SQL(", ").join(map(sql.Identifier, COLUMNS))
    )
    with conn.transaction(), conn.cursor() as cur, cur.copy(statement) as copy:
        for row in rows:
            copy.write_row(_copy_values(row))


def find_gaps(conn: psycopg.Connection[Any], zone: str, window: Window) -> list[Window]:
    """Runs of hours in `window` with no stored power breakdown, each as [start, end).

    An hour counts as stored when its power breakdown (the source of load and generation) is;
    a carbon-only hour is still a gap for everything downstream.
    """
    rows = conn.execute(
        """
        WITH missing AS (
            SELECT hour FROM generate_series(%(start)s::timestamptz,
                                             %(end)s::timestamptz - interval '1 hour',
                                             interval '1 hour') AS hour
            WHERE NOT EXISTS (
                SELECT 1 FROM electricity_measurements m
                WHERE m.zone = %(zone)s AND m.datetime = hour
                  AND m.power_breakdown_updated_at IS NOT NULL)
        ), runs AS (
            SELECT hour, hour - interval '1 hour' * row_number() OVER (ORDER BY hour) AS run
            FROM missing
        )
        SELECT min(hour) AS gap_start, max(hour) + interval '1 hour' AS gap_end
        FROM runs GROUP BY run ORDER BY 1
        """,
        {"zone": zone, "start": window.start, "end": window.end},
    ).fetchall()
    return [Window(_get(row, 0, "gap_start"), _get(row, 1, "gap_end")) for row in rows]


def _get(row: Sequence[Any] | dict[str, Any], index: int, key: str) -> Any:
    """A value from a tuple row or a dict row (callers choose their row factory)."""
    return row[key] if isinstance(row, dict) else row[index]


def read_measurements(
    conn: psycopg.Connection[Any],
    zone: str,
    start: dt.datetime,
    end: dt.datetime,
    columns: tuple[str, ...] = NUMERIC_COLUMNS,
) -> list[dict[str, Any]]:
    """Rows of `zone` with `start <= datetime < end`, oldest first: `datetime` plus `columns`
    (any of NUMERIC_COLUMNS and ESTIMATION_COLUMNS).

    Values stay as stored: None is unknown.
    """
    _check_readable(columns)
    query = sql.SQL(
        "SELECT datetime, {columns} FROM electricity_measurements"
        " WHERE zone = %s AND datetime >= %s AND datetime < %s ORDER BY datetime"
    ).format(columns=sql.SQL(", ").join(sql.Identifier(column) for column in columns))
    cursor = conn.cursor(row_factory=psycopg.rows.dict_row)
    return cursor.execute(query, (zone, start, end)).fetchall()


@dataclass(frozen=True, slots=True)
class MeasurementsJson:
    """The rows of a window as PostgreSQL wrote them, for an answer that passes them through."""

    count: int
    available: list[str]  # the NUMERIC_COLUMNS with at least one known value, in that order
    rows_json: str  # a JSON array, oldest first: `datetime` (UTC, "...Z") plus the columns


def read_measurements_json(
    conn: psycopg.Connection[Any],
    zone: str,
    start: dt.datetime,
    end: dt.datetime,
    columns: tuple[str, ...] = NUMERIC_COLUMNS,
) -> MeasurementsJson:
    """What read_measurements returns, as one JSON text built by PostgreSQL.

    A year is 8,760 rows of 20 values: building a Python object per value and encoding them
    again cost 3x the query itself; here the server writes the text and nothing is converted.
    Numbers are written as PostgreSQL prints them (shortest exact form, `1234` for 1234.0).
    """
    _check_readable(columns)
    numeric = [c for c in columns if c in NUMERIC_COLUMNS]
    selected = [
        sql.SQL("count(*)"),
        *(
            sql.SQL("COALESCE(bool_or({c} IS NOT NULL), false)").format(c=sql.Identifier(c))
            for c in numeric
        ),
        sql.SQL(
            "'[' || COALESCE(string_agg(row_to_json(m)::text, ',' ORDER BY m.datetime), '') || ']'"
        ),
    ]
    query = sql.SQL(
        "SELECT {selected} FROM (SELECT"
        " to_char(datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS datetime,"
        " {columns} FROM electricity_measurements"
        " WHERE zone = %s AND datetime >= %s AND datetime < %s) AS m"
    ).format(
        selected=sql.SQL(", ").join(selected),
        columns=sql.SQL(", ").join(sql.Identifier(column) for column in columns),
    )
    cursor = conn.cursor(row_factory=psycopg.rows.tuple_row)
    row = cursor.execute(query, (zone, start, end)).fetchone()
    assert row is not None  # an aggregate answers one row
    count, *known, rows_json = row
    return MeasurementsJson(
        count=count,
        available=[c for c, is_known in zip(numeric, known, strict=True) if is_known],
        rows_json=rows_json,
    )


def _check_readable(columns: tuple[str, ...]) -> None:
    unknown = set(columns) - {*NUMERIC_COLUMNS, *ESTIMATION_COLUMNS}
    if unknown:
        raise ValueError(f"not a readable measurement column: {sorted(unknown)}")


def stored_span(conn: psycopg.Connection[Any], zone: str) -> tuple[dt.datetime, dt.datetime] | None:
    """Starts of the oldest and the newest stored hour of `zone`, or None when there is none."""
    cursor = conn.cursor(row_factory=psycopg.rows.tuple_row)
    row = cursor.execute(
        "SELECT min(datetime), max(datetime) FROM electricity_measurements WHERE zone = %s",
        (zone,),
    ).fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def latest_measurement_at(conn: psycopg.Connection[Any], zone: str) -> dt.datetime | None:
    """Start of the newest stored hour of `zone`, or None when there is none."""
    span = stored_span(conn, zone)
    return None if span is None else span[1]
