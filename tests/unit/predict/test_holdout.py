"""Where the days a new model is scored on begin (shared by the solar and carbon forecasts):
at the local midnight at or before the holdout's length back, so they cover at least that."""

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from lambdas.predict.holdout import holdout_start
from lambdas.predict.hourly import HourlySeries


def hours_from(start: str, end: str) -> HourlySeries:
    return HourlySeries(index=pd.date_range(start, end, freq="h", tz="UTC"))


@pytest.mark.parametrize(
    ("issue_at", "expected"),
    [
        # 08:00 PST: back to the midnight before 28 days back, 28 days and 8 hours held out.
        (datetime(2026, 12, 1, 16, tzinfo=UTC), datetime(2026, 11, 3, 8, tzinfo=UTC)),
        # 28 days back is itself a local midnight (00:00 PST, the issue 01:00 PDT after the
        # March change): that one.
        (datetime(2022, 3, 18, 8, tzinfo=UTC), datetime(2022, 2, 18, 8, tzinfo=UTC)),
        # One hour before a local midnight: almost a day more than 28.
        (datetime(2026, 7, 1, 6, tzinfo=UTC), datetime(2026, 6, 2, 7, tzinfo=UTC)),
    ],
)
def test_the_held_out_days_start_at_a_local_midnight_at_least_28_days_back(issue_at, expected):
    series = hours_from("2021-01-01T00:00Z", "2027-01-01T00:00Z")
    start = holdout_start(series, series.position(issue_at), 28)
    assert start is not None
    assert series.index[start].to_pydatetime() == expected
    assert timedelta(days=28) <= issue_at - expected < timedelta(days=29)
    assert series.index[start].tz_convert("America/Los_Angeles").hour == 0


def test_none_when_the_series_starts_after_that_midnight():
    series = hours_from("2026-11-03T09:00Z", "2026-12-02T00:00Z")
    assert holdout_start(series, series.position(datetime(2026, 12, 1, 16, tzinfo=UTC)), 28) is None
