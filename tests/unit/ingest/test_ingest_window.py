"""The ingest step's window (backfill edges, Los Angeles days, the future)."""

from datetime import UTC, datetime

import pytest

from lambdas.core.errors import InvalidInput
from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.ingest.service import choose_window

NOW = datetime(2024, 6, 1, 12, 34, tzinfo=UTC)


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
