"""The event the parallel steps (analyze, cluster) receive from ingest, and their outcome."""

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import RangeName, TimeRange, floor_hour, resolve_range

ANALYSIS_RANGES: tuple[RangeName, ...] = ("week", "month", "year")


class IngestWindow(BaseModel):
    """The window ingest fetched, [start, end) in UTC."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    start: AwareDatetime
    end: AwareDatetime


class StepInput(BaseModel):
    """Ingest's output (DESIGN.md, workflow events); unknown fields are ignored.

    `range` (optional) restricts the step to one analysis range; `steps` (optional) lists the
    steps the execution asked for.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    run_id: str = Field(min_length=1)
    zone: str = Field(min_length=1)
    window: IngestWindow | None = None
    rows_written: int | None = None
    latest_datetime: AwareDatetime | None = None
    steps: list[str] | None = None
    range: RangeName | None = None

    def wants(self, step: str) -> bool:
        """Whether this execution asked for `step` (no list means every step)."""
        return self.steps is None or step in self.steps

    def ranges(self, latest: datetime) -> list[tuple[RangeName, TimeRange]]:
        """The asked range, or week, month and year, each ending after the hour `latest`."""
        anchor = floor_hour(latest) + timedelta(hours=1)
        names = [self.range] if self.range is not None else list(ANALYSIS_RANGES)
        return [(name, resolve_range(name, end=anchor, now=anchor)) for name in names]


def parse_step_input(event: dict[str, Any]) -> StepInput:
    """The step's input, or InvalidInput naming the first bad field."""
    try:
        return StepInput.model_validate(event)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "event"
        raise InvalidInput(f"step input field {where}: {first['msg']}") from None


class StepOutcome(BaseModel):
    """What a parallel step returns: `skipped` (with a reason) is not a failure."""

    step: Literal["analyze", "cluster", "predict"]
    status: Literal["ok", "skipped"]
    reason: str | None = None
    latest_datetime: datetime | None = None
