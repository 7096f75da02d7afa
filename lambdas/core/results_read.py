"""Read the newest stored analysis results and correlations for the API."""

from typing import Any

import psycopg
from psycopg.rows import dict_row

_RESULT_COLUMNS = "kind, zone, run_id, range_start, range_end, parameters, result, created_at"


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
