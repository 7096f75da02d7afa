"""The step event: what ingest returns and the steps parse."""

from datetime import UTC, datetime, timedelta

from lambdas.core.step_event import StepEvent
from lambdas.core.time_range import Window

NOW = datetime(2024, 6, 1, 12, 34, tzinfo=UTC)


def test_output_passes_steps_only_when_asked():
    base = {
        "run_id": "r",
        "zone": "Z",
        "action": "incremental",
        "window": Window(start=NOW, end=NOW + timedelta(hours=1)),
        "rows_fetched": 1,
        "rows_written": 1,
        "rows_rejected": 0,
        "gaps": [],
        "latest_datetime": None,
    }
    plain = StepEvent(**base).to_event()
    assert "steps" not in plain
    assert plain["window"] == {"start": "2024-06-01T12:34:00Z", "end": "2024-06-01T13:34:00Z"}
    assert StepEvent(**base, steps=["predict"]).to_event()["steps"] == ["predict"]
