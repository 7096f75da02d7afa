"""Decide a pipeline run's outcome from every step's result and record it in `pipeline_runs`."""

import json
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lambdas.core.database import get_connection
from lambdas.core.runs import record_run

TRIGGERS = ("schedule", "api", "console", "local")


class BranchOutcome(BaseModel):
    """What one step returned, or how it failed (the state machine's Catch output)."""

    model_config = ConfigDict(extra="allow")

    step: str
    status: str
    error: str | None = None
    cause: str | None = None


class RunReport(BaseModel):
    """The Summarize state's input: the execution and every step's outcome."""

    run_id: str
    started_at: datetime
    input: dict[str, Any] = Field(default_factory=dict)
    ingest: dict[str, Any]
    steps: list[BranchOutcome]


class RunOutcome(BaseModel):
    run_id: str
    status: Literal["succeeded", "failed"]
    error: str | None = None
    cause: str | None = None
    steps: list[dict[str, Any]]


def ingest_outcome(ingest: dict[str, Any]) -> BranchOutcome:
    """Ingest's own result carries no status when it worked; a caught failure does."""
    if ingest.get("status") == "failed":
        return BranchOutcome.model_validate(ingest)
    return BranchOutcome(step="ingest", status="ok", **ingest)


def readable(outcome: BranchOutcome) -> BranchOutcome:
    """A caught failure's cause is the Lambda error payload; keep the message, drop the trace."""
    if outcome.status != "failed":
        return outcome
    return outcome.model_copy(update={"cause": lambda_error_message(outcome.cause)})


def summarize(report: RunReport) -> RunOutcome:
    """Succeeded when no step failed; else Failed, naming the first error and every outcome."""
    outcomes = [readable(o) for o in (ingest_outcome(report.ingest), *report.steps)]
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    steps = [outcome.model_dump(exclude_none=True) for outcome in outcomes]
    if not failed:
        return RunOutcome(run_id=report.run_id, status="succeeded", steps=steps)
    first = failed[0]
    cause = (first.cause or "") if len(outcomes) == 1 else json.dumps(steps)
    return RunOutcome(
        run_id=report.run_id,
        status="failed",
        error=first.error or "StepFailed",
        cause=cause,
        steps=steps,
    )


def lambda_error_message(cause: str | None) -> str:
    """A Lambda failure's Cause is its error payload; keep the message a user can act on."""
    try:
        payload = json.loads(cause or "")
    except json.JSONDecodeError:
        return cause or ""
    return str(payload.get("errorMessage", cause)) if isinstance(payload, dict) else str(cause)


def run(report: RunReport, *, now: datetime | None = None) -> RunOutcome:
    """Summarize the run and store it."""
    outcome = summarize(report)
    trigger = report.input.get("trigger")
    conn = get_connection()
    with conn.transaction():
        record_run(
            conn,
            run_id=report.run_id,
            trigger=trigger if trigger in TRIGGERS else "console",
            run_input=report.input,
            started_at=report.started_at,
            finished_at=now or datetime.now(UTC),
            status=outcome.status,
            summary=outcome.model_dump(mode="json", exclude={"run_id", "status"}),
        )
    return outcome
