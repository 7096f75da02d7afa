"""The step handler scaffold: parse the event, run the step, publish its counts, return JSON."""

import json
from datetime import UTC, datetime
from typing import Literal

import pytest

from lambdas.core.errors import InvalidInput
from lambdas.core.step_event import StepEvent, StepOutcome
from lambdas.core.steps import step_handler
from tests.events import LambdaContext, step_event

LATEST = datetime(2024, 6, 1, 12, tzinfo=UTC)


class CountingOutcome(StepOutcome):
    step: Literal["analyze"] = "analyze"
    rows_counted: int = 0

    def counts(self) -> dict[str, int]:
        return {"RowsCounted": self.rows_counted}


received: list[StepEvent] = []


@step_handler
def counting_step(event: StepEvent) -> CountingOutcome:
    received.append(event)
    return CountingOutcome(status="ok", rows_counted=3, latest_datetime=event.latest_datetime)


def test_the_step_gets_the_parsed_event_and_its_counts_are_published(capsys):
    received.clear()
    outcome = counting_step(step_event("run-1", LATEST, range="week"), LambdaContext())
    assert outcome == {
        "step": "analyze",
        "status": "ok",
        "reason": None,
        "latest_datetime": "2024-06-01T12:00:00Z",
        "rows_counted": 3,
    }
    (event,) = received
    assert (event.run_id, event.range, event.latest_datetime) == ("run-1", "week", LATEST)
    emitted = [json.loads(line) for line in capsys.readouterr().out.splitlines() if "_aws" in line]
    (metrics,) = emitted
    assert metrics["RowsCounted"] == [3.0]  # EMF: one value per add_metric


@pytest.mark.filterwarnings("ignore:No application metrics to publish")
def test_a_bad_event_is_refused_before_the_step_runs():
    received.clear()
    with pytest.raises(InvalidInput, match="run_id"):
        counting_step({"zone": "US-CAL-LDWP"}, LambdaContext())
    assert received == []
