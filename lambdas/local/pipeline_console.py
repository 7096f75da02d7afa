"""The console side of `gridla run`, `gridla runs` and `gridla serve`: run, report, list."""

import json
import logging
from datetime import datetime
from typing import Any

from rich.console import Console
from rich.table import Table

from lambdas.core.database import connect
from lambdas.core.runs import get_run, list_runs, set_state_seconds
from lambdas.local.workflow import Execution, execute

console = Console()


def run_pipeline(run_input: dict[str, Any]) -> Execution:
    """One execution of pipeline.asl.json on this machine; its step timings stored with the run."""
    logging.getLogger("moto").setLevel(logging.CRITICAL)  # moto logs every caught failure
    with console.status("running the pipeline (validate, ingest, analyze | predict | cluster)"):
        execution = execute({**run_input, "trigger": "local"})
    with connect() as conn:
        set_state_seconds(conn, execution.run_id, execution.state_seconds)
        conn.commit()
    return execution


def print_execution(execution: Execution) -> None:
    colour = "green" if execution.status == "SUCCEEDED" else "red"
    console.print(f"run [bold]{execution.run_id}[/bold]: [{colour}]{execution.status}[/{colour}]")
    if execution.error:
        console.print(f"  {execution.error}: {execution.cause}", markup=False)
    steps = (execution.output or {}).get("steps") or _steps_from_cause(execution.cause)
    print_steps(steps, execution.state_seconds)


def _steps_from_cause(cause: str | None) -> list[dict[str, Any]]:
    try:
        steps = json.loads(cause or "")
    except json.JSONDecodeError:
        return []
    return steps if isinstance(steps, list) else []


def print_steps(steps: list[dict[str, Any]], seconds: dict[str, float]) -> None:
    table = Table("step", "status", "seconds", "details")
    for step in steps:
        name = str(step.get("step", "?"))
        figures = {k: v for k, v in step.items() if k not in ("step", "status", "run_id")}
        took = seconds.get(name.capitalize()) or seconds.get(
            "ValidateInput" if name == "validate" else ""
        )
        table.add_row(
            name,
            str(step.get("status")),
            f"{took:.1f}" if took is not None else "",
            _brief(figures),
        )
    console.print(table)


def _brief(figures: dict[str, Any]) -> str:
    """The scalar figures of a step (counts, versions, reasons); lists as their length."""
    parts = []
    for key, value in figures.items():
        if isinstance(value, list):
            parts.append(f"{key}: {len(value)}")
        elif not isinstance(value, dict) and value is not None:
            parts.append(f"{key}: {value}")
    return ", ".join(parts)


def print_runs(limit: int) -> None:
    with connect() as conn:
        rows = list_runs(conn, limit=limit)
    if not rows:
        console.print("no runs yet: `gridla run` starts one")
        return
    table = Table("run_id", "trigger", "status", "started (UTC)", "seconds", "steps")
    for row in rows:
        steps = (row["summary"] or {}).get("steps", [])
        table.add_row(
            row["run_id"],
            row["trigger"],
            row["status"],
            f"{row['started_at']:%Y-%m-%d %H:%M:%S}",
            _seconds(row["started_at"], row["finished_at"]),
            " ".join(f"{s.get('step')}:{s.get('status')}" for s in steps),
        )
    console.print(table)


def print_run(run_id: str) -> bool:
    with connect() as conn:
        row = get_run(conn, run_id)
    if row is None:
        return False
    console.print(f"run [bold]{row['run_id']}[/bold] ({row['trigger']}): {row['status']}")
    console.print(f"  input: {json.dumps(row['input'])}", markup=False)
    console.print(
        f"  started {row['started_at']:%Y-%m-%d %H:%M:%S} UTC, took "
        f"{_seconds(row['started_at'], row['finished_at'])} s"
    )
    summary = row["summary"] or {}
    if summary.get("error"):
        console.print(f"  {summary['error']}: {summary.get('cause')}", markup=False)
    print_steps(summary.get("steps", []), summary.get("state_seconds", {}))
    return True


def _seconds(started: datetime, finished: datetime | None) -> str:
    return "" if finished is None else f"{(finished - started).total_seconds():.1f}"
