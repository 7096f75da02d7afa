"""The pipeline's execution input (docs/architecture.md, "Events"), validated once for all.

The validate state, the ingest step and the API's trigger endpoints all parse it here.
"""

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, WithJsonSchema, model_validator

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import Window, parse_instant

Step = Literal["analyze", "predict", "cluster"]
# What parse_instant reads, declared so a client generated from the document sends only that.
Instant = Annotated[
    str,
    WithJsonSchema(
        {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}
    ),
]
# _dates_match_action in the schema: a backfill has both dates, any other action neither.
_DATES_MATCH_ACTION: dict[str, Any] = {
    "if": {"properties": {"action": {"const": "backfill"}}, "required": ["action"]},
    "then": {
        "required": ["start_date", "end_date"],
        "properties": {"start_date": {"type": "string"}, "end_date": {"type": "string"}},
    },
    "else": {"properties": {"start_date": {"type": "null"}, "end_date": {"type": "null"}}},
}


class PipelineInput(BaseModel):
    """`{}` is the scheduled incremental run; `backfill` needs both dates.

    Dates are ISO 8601 instants with an offset, or plain dates meaning midnight in Los Angeles.
    `run_id` and `trigger` may be added by whoever starts the execution; any other key is
    refused, so a misspelt field cannot silently turn a backfill into an incremental run.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", defer_build=True, json_schema_extra=_DATES_MATCH_ACTION
    )

    action: Literal["incremental", "backfill"] = "incremental"
    zone: str | None = Field(default=None, pattern=r"^[A-Z]{2}(-[A-Z0-9]+)*$")
    start_date: Instant | None = None
    end_date: Instant | None = None
    steps: list[Step] | None = None
    run_id: str | None = Field(default=None, min_length=1, max_length=200)
    trigger: str | None = None

    @model_validator(mode="after")
    def _dates_match_action(self) -> "PipelineInput":
        has_dates = self.start_date is not None or self.end_date is not None
        if self.action == "backfill" and (self.start_date is None or self.end_date is None):
            raise ValueError("a backfill needs both start_date and end_date")
        if self.action == "incremental" and has_dates:
            raise ValueError("start_date/end_date apply only to action 'backfill'")
        return self

    def window(self) -> Window | None:
        """The asked backfill window (None for incremental); InvalidInput when malformed."""
        if self.start_date is None or self.end_date is None:
            return None
        start = parse_instant(self.start_date, name="start_date")
        end = parse_instant(self.end_date, name="end_date")
        if start >= end:
            raise InvalidInput(
                f"start_date {self.start_date} must be before end_date {self.end_date}"
            )
        return Window(start, end)


def parse_pipeline_input(event: Any) -> PipelineInput:
    """The event as a PipelineInput, or InvalidInput naming each bad field."""
    if event is None:
        event = {}
    if not isinstance(event, dict):
        raise InvalidInput(f"the pipeline input must be a JSON object, not {type(event).__name__}")
    try:
        parsed = PipelineInput.model_validate(event)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'input'}: {err['msg']}"
            for err in exc.errors(include_url=False)
        )
        raise InvalidInput(f"invalid pipeline input: {problems}") from None
    parsed.window()  # malformed dates fail now, before any work
    return parsed
