"""The ingest step's output (DESIGN.md, workflow events)."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel

from lambdas.core.pipeline_input import Step


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
