"""The carbon backtest: midnight issues, every hour once, the advice scored exactly."""

from datetime import UTC, datetime

import numpy as np
import pytest

from lambdas.predict.carbon.backtest import (
    BacktestPlan,
    advice_scores,
    errors,
    run_backtest,
)
from lambdas.predict.carbon.model import BoostingConfig, TrainingPlan
from lambdas.predict.carbon.series import build_series
from lambdas.predict.features import Pairs
from tests.unit.predict.carbon.builders import LA, hand_series

SMALL = TrainingPlan(boosting=BoostingConfig(max_iter=20), calibration_days=10)


def test_errors_on_known_numbers():
    figures = errors(np.array([100.0, 200.0]), np.array([110.0, 170.0]))
    assert figures == {"mae": 20.0, "rmse": pytest.approx(np.sqrt(500.0)), "mape_pct": 12.5}


def test_the_advice_regret_and_saving_on_a_constructed_day():
    actual = np.full(24, 400.0)
    actual[12:15] = 100.0  # the truly cleanest three hours: 12-15
    series = hand_series(np.concatenate([np.full(200, 400.0), actual]))
    issue = 200
    pairs = Pairs(issue=np.full(24, issue), target=np.arange(issue, issue + 24))
    point = np.full(24, 400.0)
    point[13:16] = 100.0  # the forecast points one hour late: 13-16
    scores = advice_scores(series, pairs, point, point - 10, point + 10)
    advised = (100.0 + 100.0 + 400.0) / 3
    assert scores["cleanest_3h_regret"] == pytest.approx(advised - 100.0)
    assert scores["cleanest_3h_saving_pct"] == pytest.approx(100 * (1 - advised / actual.mean()))
    assert scores["cleanest_3h_days"] == 1


def test_a_day_with_an_unknown_hour_is_left_out_of_the_advice_scores():
    values = np.full(224, 300.0)
    values[210] = np.nan
    series = hand_series(values)
    pairs = Pairs(issue=np.full(24, 200), target=np.arange(200, 224))
    point = np.full(24, 300.0)
    scores = advice_scores(series, pairs, point, point, point)
    assert scores["cleanest_3h_days"] == 0
    assert scores["cleanest_3h_regret"] is None


def test_a_short_real_backtest_where_the_data_stops_within_a_day(carbon_frame):
    frame = carbon_frame.loc[:"2022-04-29T02:00Z"]  # the last day ends with its 19:00 hour (LA)
    series = build_series(frame, LA)
    end = datetime(2022, 4, 30, 7, tzinfo=UTC)
    start = datetime(2022, 4, 26, 7, tzinfo=UTC)
    result = run_backtest(
        series, start, end, BacktestPlan(SMALL, retrain_days=2), zone="US-CAL-LDWP"
    )
    assert set(result["methods"]) == {"model", "persistence", "weekly_persistence"}
    assert result["n_forecasts"] == 3
    assert result["n_models"] == 2
    assert result["n_hours"] == 24 + 24 + 20
    assert result["cleanest_3h_days"] == 3
    assert 0 <= result["coverage_80"] <= 1
    april = result["by_month"]["2022-04"]
    assert list(result["by_month"]) == ["2022-04"]
    assert april["n_hours"] == result["n_hours"]
    assert april["coverage_80"] == result["coverage_80"]
    assert april["mape_pct_model"] == pytest.approx(result["methods"]["model"]["mape_pct"])
