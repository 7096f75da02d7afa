"""The one event of the pipeline's steps: ingest returns it, analyze, cluster and predict parse it.

See docs/architecture.md, "Events". Also the outcome every parallel step returns.
"""

from datetime import datetime, timedelta
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from lambdas.core.errors import InvalidInput
from lambdas.core.pipeline_input import Step
from lambdas.core.time_range import RangeName, Window, floor_hour, resolve_range

ANALYSIS_RANGES: tuple[RangeName, ...] = ("week", "month", "year")


class StepEvent(BaseModel):
    """Ingest's output, which is every later step's input; unknown fields are ignored.

    Ingest fills every field. `rows_fetched`: hourly rows offered to the store (valid records
    merged per hour); `rows_written`: rows inserted or changed (0 on a rerun); `rows_rejected`:
    upstream records refused by validation; `gaps`: runs of hours in the window still without
    a power breakdown. A step reads `run_id`, `zone` and `latest_datetime` (None: it asks the
    database), `steps` (None: every step) and `range` (None: week, month and year), so it also
    runs on a partial event (a manual invoke, a test).
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    run_id: str = Field(min_length=1)
    zone: str = Field(min_length=1)
    action: Literal["incremental", "backfill"] = "incremental"
    window: Window | None = None
    rows_fetched: int = 0
    rows_written: int = 0
    rows_rejected: int = 0
    gaps: list[Window] = Field(default_factory=list)
    latest_datetime: AwareDatetime | None = None
    steps: list[Step] | None = None
    range: RangeName | None = None

    def wants(self, step: Step) -> bool:
        """Whether this execution asked for `step` (no list means every step)."""
        return self.steps is None or step in self.steps

    def ranges(self, latest: datetime) -> list[tuple[RangeName, Window]]:
        """The asked range, or week, month and year, each ending after the hour `latest`."""
        anchor = floor_hour(latest) + timedelta(hours=1)
        names = [self.range] if self.range is not None else list(ANALYSIS_RANGES)
        return [(name, resolve_range(name, end=anchor, now=anchor)) for name in names]

    def to_event(self) -> dict[str, Any]:
        """The JSON the next states receive (`steps` and `range` only when set)."""
        optional = {"steps": self.steps, "range": self.range}
        return self.model_dump(mode="json", exclude=set(optional)) | {
            key: value for key, value in optional.items() if value is not None
        }


def parse_step_event(event: dict[str, Any]) -> StepEvent:
    """The step's input, or InvalidInput naming the first bad field."""
    try:
        return StepEvent.model_validate(event)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "event"
        raise InvalidInput(f"step input field {where}: {first['msg']}") from None


class StepOutcome(BaseModel):
    """What a parallel step returns: `skipped` (with a reason) is not a failure."""

    step: Step
    status: Literal["ok", "skipped"]
    reason: str | None = None
    latest_datetime: datetime | None = None

    def counts(self) -> dict[str, int]:
        """The Count metrics this outcome publishes, by name; each step names its own."""
        return {}
