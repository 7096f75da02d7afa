"""Rolling-origin backtest: days issued at local midnight, every hour once, trained on the past."""

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from lambdas.predict.backtest import (
    BacktestPlan,
    _midnight_rows,
    by_horizon,
    forecast_pairs,
    issue_pairs,
    retrain_starts,
    run_backtest,
    summarise,
)
from lambdas.predict.days import day_bounds, day_pairs
from lambdas.predict.features import LOOKBACK_HOURS, Pairs
from lambdas.predict.forecaster import Forecast, TrainingPlan, train
from lambdas.predict.network import NetworkConfig
from lambdas.predict.series import build_series
from tests.unit.predict.series_builders import LA, hand_series

TINY = TrainingPlan(
    network_config=NetworkConfig(hidden_units=(8,), epochs=2, batch_size=512, members=1)
)


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


def _dst_series():
    hours = len(pd.date_range("2020-10-20T00:00Z", "2020-11-10T00:00Z", freq="h"))
    return hand_series(np.zeros(hours), np.zeros(hours), start="2020-10-20T00:00Z")


def test_every_hour_issues_the_next_24_hours_inside_the_window():
    series = _dst_series()
    bounds = day_bounds(
        series,
        datetime(2020, 10, 30, 7, tzinfo=UTC),
        datetime(2020, 11, 4, 8, tzinfo=UTC),
        LOOKBACK_HOURS,
    )
    pairs = issue_pairs(bounds, every_hour=True)
    assert np.array_equal(np.unique(pairs.issue), np.arange(bounds[0], bounds[-1]))
    assert pairs.target.max() == bounds[-1] - 1
    horizon = pairs.target - pairs.issue + 1
    inside = pairs.issue <= bounds[-1] - 24
    assert (np.bincount(pairs.issue[inside] - bounds[0]) >= 24).all()
    assert set(horizon.tolist()) == set(range(1, 26))  # 25: the fall-back day of 1 November
    days = day_pairs(bounds)
    midnight = _midnight_rows(pairs, bounds)
    assert np.array_equal(pairs.issue[midnight], days.issue)
    assert np.array_equal(pairs.target[midnight], days.target)


def test_models_are_retrained_at_midnights_every_retrain_period():
    midnights = np.array([0, 24, 47, 71, 96, 120, 144])  # a 23-hour day in between
    assert retrain_starts(midnights, 48).tolist() == [0, 71, 120]


def test_scores_by_horizon_and_horizon_band_group_the_right_hours():
    hours = 24 * 12
    solar = np.full(hours, 100.0)
    series = hand_series(solar, np.full(hours, 500.0))
    issues = np.arange(24 * 9, 24 * 10)
    pairs = Pairs(
        issue=np.repeat(issues, 24), target=np.repeat(issues, 24) + np.tile(np.arange(24), 24)
    )
    horizon = pairs.target - pairs.issue + 1
    error = horizon.astype(float)  # the model errs by its horizon [MW]
    inside = horizon <= 12  # the interval holds the actual up to 12 hours ahead
    result = Forecast(
        pairs,
        point=100.0 + error,
        lower=np.where(inside, 0.0, 100.0 + error - 0.5),
        upper=np.full(len(error), 200.0),
    )
    bands = summarise(series, result)["by_horizon_band"]
    assert list(bands) == ["1-6", "7-12", "13-24"]
    assert bands["1-6"]["mae_mw"]["model"] == pytest.approx(3.5)
    assert bands["7-12"]["mae_mw"]["model"] == pytest.approx(9.5)
    assert bands["13-24"]["mae_mw"]["model"] == pytest.approx(18.5)
    assert [bands[name]["n_hours"] for name in bands] == [6 * 24, 6 * 24, 12 * 24]
    assert [bands[name]["coverage_80"] for name in bands] == [1.0, 1.0, 0.0]
    horizons = by_horizon(series, result)
    assert list(horizons) == [str(h) for h in range(1, 25)]
    assert horizons["24"]["mae_mw"]["model"] == pytest.approx(24.0)
    assert horizons["1"]["mae_mw"]["persistence"] == 0.0


@pytest.fixture(scope="module")
def hourly_model(la_series):
    start = 24 * 45
    return start, train(
        la_series, start, TINY, zone="US-CAL-LDWP", trained_at=datetime(2019, 4, 15, tzinfo=UTC)
    )


def test_the_hourly_issue_backtest_reads_nothing_after_each_issue(
    la_series, la_solar, hourly_model
):
    """Scramble every hour from an issue on: that issue's forecast and interval do not move."""
    start, model = hourly_model
    issue = start + 24 * 2 + 10  # 10:00 UTC, two days after the training
    pairs = Pairs(issue=np.full(24, issue), target=issue + np.arange(24))
    before = forecast_pairs(la_series, pairs, np.array([start]), lambda _issue: model)
    solar = la_solar.copy()
    solar.iloc[issue:] = np.random.default_rng(0).uniform(0, 5000, len(solar) - issue)
    scrambled = build_series(solar, LA, extra_hours=24)
    after = forecast_pairs(scrambled, pairs, np.array([start]), lambda _issue: model)
    assert np.isfinite(before.upper).all()
    for name in ("point", "lower", "upper"):
        np.testing.assert_array_equal(getattr(before, name), getattr(after, name))
    # Not vacuous: the hour before the issue moves them.
    solar = la_solar.copy()
    solar.iloc[issue - 30 : issue] *= 0.3
    moved = forecast_pairs(
        build_series(solar, LA, extra_hours=24), pairs, np.array([start]), lambda _issue: model
    )
    assert not np.array_equal(moved.upper, before.upper)


def test_a_short_hourly_backtest_reports_every_horizon_beside_the_midnights(la_series):
    end = la_series.index[-25].to_pydatetime()
    start = end - pd.Timedelta(days=3)
    plan = BacktestPlan(TINY, retrain_days=7, every_hour=True)
    result = run_backtest(la_series, start, end, plan, zone="US-CAL-LDWP")
    assert result["n_forecasts"] == 3
    hourly = result["every_hour"]
    assert hourly["n_forecasts"] == 3 * 24 - 1
    assert list(hourly["by_horizon"]) == [str(h) for h in range(1, 25)]
    assert hourly["n_hours"] > result["n_hours"] * 10
    assert set(result["by_quarter"]) == {"Q1", "Q2", "Q3", "Q4"}
    assert result["by_quarter"]["Q2"]["n_hours"] == result["n_hours"]
