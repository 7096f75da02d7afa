"""SQL for analysis results and correlations (electricity_analysis_results, _correlations):
the steps write them, the API reads the newest."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

_RESULT_COLUMNS = "kind, zone, run_id, range_start, range_end, parameters, result, created_at"


@dataclass(frozen=True)
class ResultScope:
    """Who computed a result and over which data: the keys every stored row carries."""

    run_id: str
    zone: str
    range_start: datetime
    range_end: datetime


@dataclass(frozen=True)
class Correlation:
    """One coefficient between two variables over a scope (p_value None when undefined)."""

    variable_a: str
    variable_b: str
    method: str
    coefficient: float
    p_value: float | None
    n: int


def replace_analysis_result(
    conn: psycopg.Connection[Any],
    scope: ResultScope,
    kind: str,
    parameters: dict[str, Any],
    result: dict[str, Any],
) -> int:
    """Store one result; a rerun of the same run, kind and range replaces its earlier row.

    Returns the new row's id. `parameters` and `result` must be JSON-serialisable (no NaN).
    """
    with conn.transaction():
        conn.execute(
            "DELETE FROM electricity_analysis_results WHERE run_id = %s AND zone = %s"
            " AND kind = %s AND range_start = %s AND range_end = %s",
            (scope.run_id, scope.zone, kind, scope.range_start, scope.range_end),
        )
        cursor = conn.cursor(row_factory=psycopg.rows.tuple_row)
        row = cursor.execute(
            "INSERT INTO electricity_analysis_results"
            " (run_id, zone, kind, range_start, range_end, parameters, result)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
            (
                scope.run_id,
                scope.zone,
                kind,
                scope.range_start,
                scope.range_end,
                Jsonb(parameters),
                Jsonb(result),
            ),
        ).fetchone()
    assert row is not None  # INSERT ... RETURNING always yields the row
    return int(row[0])


def replace_correlations(
    conn: psycopg.Connection[Any], scope: ResultScope, correlations: list[Correlation]
) -> int:
    """Store the correlations of a scope, replacing those of an earlier try of the same run."""
    with conn.transaction():
        conn.execute(
            "DELETE FROM electricity_correlations WHERE run_id = %s AND zone = %s"
            " AND range_start = %s AND range_end = %s",
            (scope.run_id, scope.zone, scope.range_start, scope.range_end),
        )
        with conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO electricity_correlations (run_id, zone, range_start, range_end,"
                " variable_a, variable_b, method, coefficient, p_value, n)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    (
                        scope.run_id,
                        scope.zone,
                        scope.range_start,
                        scope.range_end,
                        item.variable_a,
                        item.variable_b,
                        item.method,
                        item.coefficient,
                        item.p_value,
                        item.n,
                    )
                    for item in correlations
                ],
            )
    return len(correlations)


def latest_result(
    conn: psycopg.Connection[Any], zone: str, kind: str, range_name: str | None = None
) -> dict[str, Any] | None:
    """The newest result of `kind` (computed over the named range, when given)."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        f"SELECT {_RESULT_COLUMNS} FROM electricity_analysis_results"
        " WHERE zone = %s AND kind = %s AND (%s::text IS NULL OR parameters->>'range' = %s)"
        " ORDER BY created_at DESC, id DESC LIMIT 1".encode(),
        (zone, kind, range_name, range_name),
    ).fetchone()


def latest_correlations(
    conn: psycopg.Connection[Any], zone: str, range_name: str
) -> list[dict[str, Any]]:
    """Every pair of the newest correlation set computed over the named range."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        "WITH newest AS ("
        "  SELECT c.run_id, c.range_start, c.range_end FROM electricity_correlations c"
        "  JOIN electricity_analysis_results r ON r.run_id = c.run_id AND r.zone = c.zone"
        "   AND r.range_start = c.range_start AND r.range_end = c.range_end"
        "  WHERE c.zone = %s AND r.parameters->>'range' = %s"
        "  ORDER BY c.created_at DESC, c.id DESC LIMIT 1)"
        " SELECT c.run_id, c.range_start, c.range_end, c.variable_a, c.variable_b, c.method,"
        "  c.coefficient, c.p_value, c.n FROM electricity_correlations c"
        " JOIN newest USING (run_id, range_start, range_end)"
        " WHERE c.zone = %s ORDER BY abs(c.coefficient) DESC, c.variable_a, c.variable_b, c.method",
        (zone, range_name, zone),
    ).fetchall()
