"""Scores on hand-made numbers: errors, coverage (bounds included), skill, common hours."""

import math

import numpy as np
import pytest

from lambdas.predict.scores import Scored, coverage, errors, score, skill


def test_errors_by_hand():
    figures = errors(np.array([0.0, 10.0, 20.0]), np.array([1.0, 10.0, 17.0]), capacity_mw=100.0)
    assert figures["mae_mw"] == pytest.approx(4 / 3)
    assert figures["rmse_mw"] == pytest.approx(math.sqrt(10 / 3))
    assert figures["nmae_pct"] == pytest.approx(4 / 3)


def test_coverage_counts_actuals_on_the_bounds_as_inside():
    actual = np.array([0.0, 5.0, 10.0, 11.0, -1.0])
    lower = np.array([0.0, 0.0, 0.0, 0.0, 0.0])
    upper = np.array([10.0, 10.0, 10.0, 10.0, 10.0])
    assert coverage(actual, lower, upper) == pytest.approx(3 / 5)


def test_skill_is_the_error_saved_against_the_baseline():
    assert skill(85.0, 100.0) == pytest.approx(0.15)
    assert skill(120.0, 100.0) == pytest.approx(-0.2)
    assert math.isnan(skill(1.0, 0.0))


def test_score_uses_only_hours_every_method_forecast():
    actual = np.array([0.0, 100.0, 200.0, 300.0, np.nan])
    scored = Scored(
        actual=actual,
        points={
            "model": np.array([0.0, 110.0, 190.0, 300.0, 5.0]),
            "persistence": np.array([np.nan, 120.0, 180.0, 330.0, 5.0]),
            "smart_persistence": np.array([0.0, 100.0, 220.0, 300.0, 5.0]),
        },
        lower=np.array([0.0, 90.0, 195.0, 250.0, 0.0]),
        upper=np.array([0.0, 130.0, 250.0, 299.0, 9.0]),
        daylight=np.array([False, True, True, True, True]),
    )
    result = score(scored)
    assert result["n_hours"] == 3  # hour 0: persistence unknown; hour 4: actual unknown
    assert result["n_hours_unscored"] == 2
    assert result["methods"]["model"]["mae_mw"] == pytest.approx(20 / 3)
    assert result["methods"]["persistence"]["mae_mw"] == pytest.approx(70 / 3)
    assert result["skill_vs_persistence"] == pytest.approx(1 - 20 / 70)
    assert result["skill_vs_smart_persistence"] == pytest.approx(1 - 20 / 20)
    assert result["coverage_80"] == pytest.approx(2 / 3)
    assert result["mean_interval_width_mw"] == pytest.approx((40 + 55 + 49) / 3)
    assert result["capacity_mw"] == pytest.approx(np.quantile([100.0, 200.0, 300.0], 0.999))


def test_hours_that_are_all_night_have_errors_but_no_normalised_error():
    zeros = np.zeros(6)
    figures = errors(zeros, zeros + 2.0, capacity_mw=0.0)
    assert figures["mae_mw"] == pytest.approx(2.0)
    assert math.isnan(figures["nmae_pct"])
