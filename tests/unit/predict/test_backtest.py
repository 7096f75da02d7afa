"""Rolling-origin backtest: days issued at local midnight, every hour once, trained on the past."""

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from lambdas.core.errors import InvalidInput
from lambdas.predict.backtest import BacktestPlan, _day_pairs, day_bounds, run_backtest
from lambdas.predict.forecaster import TrainingPlan
from lambdas.predict.network import NetworkConfig
from tests.unit.predict.series_builders import hand_series

TINY = TrainingPlan(
    network_config=NetworkConfig(hidden_units=(8,), epochs=2, batch_size=512, members=1)
)


def test_days_across_dst_changes_cover_every_hour_once():
    # 2020-02-20 .. 2020-11-10 UTC holds both DST changes of 2020 in Los Angeles (8 March,
    # 1 November) after the lookback the first days need.
    hours = len(pd.date_range("2020-02-20T00:00Z", "2020-11-10T00:00Z", freq="h"))
    series = hand_series(np.zeros(hours), np.zeros(hours), start="2020-02-20T00:00Z")
    start, end = datetime(2020, 3, 1, 8, tzinfo=UTC), datetime(2020, 11, 9, 8, tzinfo=UTC)
    bounds = day_bounds(series, start, end)
    lengths = np.diff(bounds)
    assert sorted(set(lengths.tolist())) == [23, 24, 25]
    pairs = _day_pairs(bounds)
    assert np.array_equal(pairs.target, np.arange(bounds[0], bounds[-1]))  # each hour once
    local = series.index[bounds[:-1]].tz_convert("America/Los_Angeles")
    assert (local.hour == 0).all()
    assert (pairs.target - pairs.issue).max() == 24  # the 25-hour day reaches horizon 25


def test_the_last_day_stops_where_the_data_stops():
    hours = 24 * 12 - 5  # the data stops at 19:00 on its last local day
    series = hand_series(np.zeros(hours), np.zeros(hours), start="2020-06-01T07:00Z")
    bounds = day_bounds(
        series, datetime(2020, 6, 10, 7, tzinfo=UTC), datetime(2021, 1, 1, tzinfo=UTC)
    )
    assert bounds[-1] == hours
    assert bounds[-1] - bounds[-2] == 19


def test_a_window_without_history_is_refused():
    series = hand_series(np.zeros(100), np.zeros(100))
    with pytest.raises(InvalidInput, match="history"):
        day_bounds(series, series.index[0].to_pydatetime(), series.index[-1].to_pydatetime())


def test_a_short_real_backtest_scores_all_three_methods(la_series):
    end = la_series.index[-25].to_pydatetime()  # the last real hour: the appended day is empty
    start = end - pd.Timedelta(days=4)
    result = run_backtest(
        la_series, start, end, BacktestPlan(TINY, retrain_days=2), zone="US-CAL-LDWP"
    )
    assert set(result["methods"]) == {"model", "persistence", "smart_persistence"}
    assert result["n_forecasts"] == 4
    assert result["n_models"] == 2
    assert result["n_hours"] >= 4 * 23
    for figures in result["methods"].values():
        assert figures["nmae_pct"] == pytest.approx(100 * figures["mae_mw"] / result["capacity_mw"])
    assert 0 <= result["coverage_80"] <= 1
    assert result["mean_interval_width_mw"] > 0
