"""The local days a backtest issues on (shared by the solar and carbon backtests): every hour
once across DST changes, the last day cut where the data stop."""

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from lambdas.core.errors import InvalidInput
from lambdas.predict.days import day_bounds, day_pairs
from lambdas.predict.features import LOOKBACK_HOURS
from tests.unit.predict.series_builders import hand_series


def test_days_across_dst_changes_cover_every_hour_once():
    # 2020-02-20 .. 2020-11-10 UTC holds both DST changes of 2020 in Los Angeles (8 March,
    # 1 November) after the lookback the first days need.
    hours = len(pd.date_range("2020-02-20T00:00Z", "2020-11-10T00:00Z", freq="h"))
    series = hand_series(np.zeros(hours), np.zeros(hours), start="2020-02-20T00:00Z")
    start, end = datetime(2020, 3, 1, 8, tzinfo=UTC), datetime(2020, 11, 9, 8, tzinfo=UTC)
    bounds = day_bounds(series, start, end, LOOKBACK_HOURS)
    lengths = np.diff(bounds)
    assert sorted(set(lengths.tolist())) == [23, 24, 25]
    pairs = day_pairs(bounds)
    assert np.array_equal(pairs.target, np.arange(bounds[0], bounds[-1]))  # each hour once
    local = series.index[bounds[:-1]].tz_convert("America/Los_Angeles")
    assert (local.hour == 0).all()
    assert (pairs.target - pairs.issue).max() == 24  # the 25-hour day reaches horizon 25


def test_the_last_day_stops_where_the_data_stops():
    hours = 24 * 12 - 5  # the data stops at 19:00 on its last local day
    series = hand_series(np.zeros(hours), np.zeros(hours), start="2020-06-01T07:00Z")
    bounds = day_bounds(
        series,
        datetime(2020, 6, 10, 7, tzinfo=UTC),
        datetime(2021, 1, 1, tzinfo=UTC),
        LOOKBACK_HOURS,
    )
    assert bounds[-1] == hours
    assert bounds[-1] - bounds[-2] == 19


def test_a_window_without_history_is_refused():
    series = hand_series(np.zeros(100), np.zeros(100))
    with pytest.raises(InvalidInput, match="history"):
        day_bounds(
            series,
            series.index[0].to_pydatetime(),
            series.index[-1].to_pydatetime(),
            LOOKBACK_HOURS,
        )
