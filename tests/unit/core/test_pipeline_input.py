"""The pipeline input contract: what is accepted, what fails at once, and the backfill window."""

from datetime import UTC, datetime

import jsonschema_rs
import pytest

from lambdas.core.errors import InvalidInput
from lambdas.core.pipeline_input import PipelineInput, parse_pipeline_input

NOW = datetime(2024, 6, 1, 12, 34, tzinfo=UTC)


def test_empty_input_is_the_scheduled_incremental_run():
    event = parse_pipeline_input({})
    assert (event.action, event.zone, event.steps) == ("incremental", None, None)
    assert parse_pipeline_input(None).action == "incremental"


def test_workflow_fields_pass():
    event = parse_pipeline_input(
        {"steps": ["analyze"], "run_id": "exec-1", "trigger": "api", "zone": "US-CAL-LDWP"}
    )
    assert event.steps == ["analyze"]
    assert event.run_id == "exec-1"


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"action": "backfill", "start_date": "2024-01-01"}, "needs both start_date and end_date"),
        ({"start_date": "2024-01-01", "end_date": "2024-02-01"}, "only to action 'backfill'"),
        ({"action": "refill"}, "action"),
        ({"action": "backfill", "start": "2024-01-01", "end": "2024-02-01"}, "start: Extra"),
        ({"steps": ["analyse"]}, "steps.0"),
        ({"zone": "los angeles"}, "zone"),
        (
            {"action": "backfill", "start_date": "2024-02-01", "end_date": "2024-01-01"},
            "must be before end_date",
        ),
        (
            {"action": "backfill", "start_date": "yesterday", "end_date": "2024-01-01"},
            "start_date 'yesterday' is not an ISO 8601",
        ),
        (
            {"action": "backfill", "start_date": "2024-01-01T00:00", "end_date": "2024-01-02"},
            "needs a time zone",
        ),
        (["backfill"], "must be a JSON object"),
    ],
)
def test_bad_input_fails_with_a_clear_message(event, message):
    with pytest.raises(InvalidInput, match=message):
        parse_pipeline_input(event)


@pytest.mark.parametrize(
    "event",
    [
        {},
        {"action": "incremental", "steps": ["analyze"]},
        {"action": "backfill", "start_date": "2024-01-01", "end_date": "2024-02-01T00:00:00Z"},
        {"action": "backfill"},
        {"action": "backfill", "start_date": "2024-01-01"},
        {"action": "backfill", "start_date": None, "end_date": "2024-02-01"},
        {"start_date": "2024-01-01", "end_date": "2024-02-01"},
        {"action": "incremental", "end_date": "2024-02-01"},
        {"action": "backfill", "start_date": "last week", "end_date": "2024-02-01"},
    ],
)
def test_the_published_schema_accepts_what_the_model_accepts(event: dict[str, object]) -> None:
    """docs/openapi.json carries this schema: a client checking against it sends what passes."""
    schema = jsonschema_rs.Draft202012Validator(
        PipelineInput.model_json_schema(), validate_formats=True
    )
    try:
        parse_pipeline_input(event)
    except InvalidInput:
        accepted = False
    else:
        accepted = True
    assert schema.is_valid(event) == accepted
