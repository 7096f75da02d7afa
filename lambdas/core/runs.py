"""SQL for `pipeline_runs`: one row per workflow execution."""

import json
from datetime import datetime
from typing import Any

import psycopg
from psycopg.rows import dict_row

RUN_COLUMNS = "run_id, trigger, input, started_at, finished_at, status, summary"


def record_run(
    conn: psycopg.Connection[Any],
    *,
    run_id: str,
    trigger: str,
    run_input: dict[str, Any],
    started_at: datetime,
    finished_at: datetime | None,
    status: str,
    summary: dict[str, Any] | None,
) -> None:
    """Insert or complete the row of one execution (the execution name is the key)."""
    conn.execute(
        f"INSERT INTO pipeline_runs ({RUN_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT (run_id) DO UPDATE SET finished_at = EXCLUDED.finished_at,"
        " status = EXCLUDED.status, summary = EXCLUDED.summary".encode(),
        (
            run_id,
            trigger,
            json.dumps(run_input),
            started_at,
            finished_at,
            status,
            None if summary is None else json.dumps(summary),
        ),
    )


def list_runs(conn: psycopg.Connection[Any], *, limit: int = 20) -> list[dict[str, Any]]:
    """The newest runs first."""
    cursor = conn.cursor(row_factory=dict_row)
    rows = cursor.execute(
        f"SELECT {RUN_COLUMNS} FROM pipeline_runs ORDER BY started_at DESC LIMIT %s".encode(),
        (limit,),
    ).fetchall()
    return list(rows)


def get_run(conn: psycopg.Connection[Any], run_id: str) -> dict[str, Any] | None:
    """One run by its id, or None."""
    cursor = conn.cursor(row_factory=dict_row)
    return cursor.execute(
        f"SELECT {RUN_COLUMNS} FROM pipeline_runs WHERE run_id = %s".encode(), (run_id,)
    ).fetchone()


def set_state_seconds(
    conn: psycopg.Connection[Any], run_id: str, state_seconds: dict[str, float]
) -> None:
    """Add the seconds spent in each state (from the execution history) to a run's summary."""
    conn.execute(
        "UPDATE pipeline_runs SET summary = coalesce(summary, '{}'::jsonb)"
        " || jsonb_build_object('state_seconds', %s::jsonb) WHERE run_id = %s",
        (json.dumps(state_seconds), run_id),
    )
