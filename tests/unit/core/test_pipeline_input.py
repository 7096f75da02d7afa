"""The pipeline input contract: what is accepted, what fails at once, and the backfill window."""

from datetime import UTC, datetime

import pytest

from lambdas.core.errors import InvalidInput
from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.ingest.events import IngestOutput, Window
from lambdas.ingest.service import choose_window

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


def _backfill(start: str, end: str):
    return parse_pipeline_input({"action": "backfill", "start_date": start, "end_date": end})


def test_backfill_window_covers_whole_hours_and_stops_at_the_current_hour():
    # conn is not touched for a backfill: the window is the asked one.
    window = choose_window(
        None,
        _backfill("2024-05-01T10:30:00Z", "2024-07-01T00:00:00Z"),
        zone="Z",
        now=NOW,
        history_days=30,
    )
    assert window.start == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert window.end == datetime(2024, 6, 1, 13, tzinfo=UTC)  # the current hour included


def test_backfill_dates_are_los_angeles_days():
    window = choose_window(
        None, _backfill("2024-03-10", "2024-03-11"), zone="Z", now=NOW, history_days=30
    )
    assert window.hours == 23  # the spring-forward day


def test_backfill_in_the_future_fails():
    with pytest.raises(InvalidInput, match="in the future"):
        choose_window(
            None, _backfill("2030-01-01", "2030-02-01"), zone="Z", now=NOW, history_days=30
        )


def test_output_passes_steps_only_when_asked():
    base = {
        "run_id": "r",
        "zone": "Z",
        "action": "incremental",
        "window": Window(start=NOW, end=NOW),
        "rows_fetched": 1,
        "rows_written": 1,
        "rows_rejected": 0,
        "gaps": [],
        "latest_datetime": None,
    }
    plain = IngestOutput(**base).to_event()
    assert "steps" not in plain
    assert plain["window"] == {"start": "2024-06-01T12:34:00Z", "end": "2024-06-01T12:34:00Z"}
    assert IngestOutput(**base, steps=["predict"]).to_event()["steps"] == ["predict"]
