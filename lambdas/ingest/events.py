"""The ingest step's input (DESIGN.md execution input) and output, as validated models."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import TimeRange, parse_instant

Step = Literal["analyze", "predict", "cluster"]


class IngestEvent(BaseModel):
    """`{}` is the scheduled incremental run; `backfill` needs both dates.

    Dates are ISO 8601 instants with an offset, or plain dates meaning midnight in Los Angeles.
    `run_id` and `trigger` may be added by whoever starts the execution; any other key is
    refused, so a misspelt field cannot silently turn a backfill into an incremental run.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: Literal["incremental", "backfill"] = "incremental"
    zone: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]+)*$")
    start_date: str | None = None
    end_date: str | None = None
    steps: list[Step] | None = None
    run_id: str | None = Field(default=None, min_length=1, max_length=200)
    trigger: str | None = None

    @model_validator(mode="after")
    def _dates_match_action(self) -> "IngestEvent":
        has_dates = self.start_date is not None or self.end_date is not None
        if self.action == "backfill" and (self.start_date is None or self.end_date is None):
            raise ValueError("a backfill needs both start_date and end_date")
        if self.action == "incremental" and has_dates:
            raise ValueError("start_date/end_date apply only to action 'backfill'")
        return self

    def window(self) -> TimeRange | None:
        """The asked backfill window (None for incremental); InvalidInput when malformed."""
        if self.start_date is None or self.end_date is None:
            return None
        start = parse_instant(self.start_date, name="start_date")
        end = parse_instant(self.end_date, name="end_date")
        if start >= end:
            raise InvalidInput(
                f"start_date {self.start_date} must be before end_date {self.end_date}"
            )
        return TimeRange(start, end)


def parse_event(event: Any) -> IngestEvent:
    """The event as an IngestEvent, or InvalidInput naming each bad field."""
    if event is None:
        event = {}
    if not isinstance(event, dict):
        raise InvalidInput(f"the ingest input must be a JSON object, not {type(event).__name__}")
    try:
        parsed = IngestEvent.model_validate(event)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'input'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise InvalidInput(f"invalid ingest input: {problems}") from None
    parsed.window()  # malformed dates fail now, before any work
    return parsed


class Window(BaseModel):
    start: datetime
    end: datetime


class IngestOutput(BaseModel):
    """DESIGN.md's ingest output.

    `rows_fetched`: hourly rows offered to the store (valid records merged per hour);
    `rows_written`: rows inserted or changed (0 on a rerun); `rows_rejected`: upstream records
    refused by validation; `gaps`: runs of hours in the window still without a power breakdown.
    """

    run_id: str
    zone: str
    action: Literal["incremental", "backfill"]
    window: Window
    rows_fetched: int
    rows_written: int
    rows_rejected: int
    gaps: list[Window]
    latest_datetime: datetime | None
    steps: list[Step] | None = None

    def to_event(self) -> dict[str, Any]:
        """The JSON the next states receive (`steps` only when the input had it)."""
        return self.model_dump(mode="json", exclude_none=False, exclude={"steps"}) | (
            {"steps": self.steps} if self.steps is not None else {}
        )
