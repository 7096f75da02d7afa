import json
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from lambdas.analyze.trend import daily_means, fit_trend
from lambdas.frames.json_values import to_json


def hourly(values_per_day: list[float], noise: float = 0.0, seed: int = 0) -> pd.Series:
    """Hourly series whose local-day means are `values_per_day` (+ noise), UTC index."""
    index = pd.date_range("2024-01-01T08:00Z", periods=24 * len(values_per_day), freq="h")
    rng = np.random.default_rng(seed)
    values = np.repeat(values_per_day, 24) + rng.normal(0, noise, len(index))
    return pd.Series(values, index=index)


def test_a_steady_rise_is_rising_with_its_slope():
    result = fit_trend(hourly([100 + 2 * day for day in range(30)], noise=1.0))
    assert result["direction"] == "rising"
    assert result["slope_per_day"] == pytest.approx(2.0, abs=0.05)
    assert result["slope_ci_low"] <= 2.0 <= result["slope_ci_high"] + 0.05
    assert result["mann_kendall"]["p_value"] < 0.05
    assert result["n_days"] == 30


def test_noise_is_not_a_trend():
    rng = np.random.default_rng(1)
    result = fit_trend(hourly(list(100 + rng.normal(0, 5, 30))))
    assert result["direction"] == "no significant trend"


def test_too_few_days_and_constant_series_are_skipped():
    assert fit_trend(hourly([1.0, 2.0, 3.0]))["status"] == "skipped"
    constant = fit_trend(hourly([5.0] * 10))
    assert constant["status"] == "skipped"
    assert "constant" in constant["reason"]


def test_days_with_too_few_hours_are_left_out():
    series = hourly([10.0] * 3)
    series.iloc[24:40] = np.nan  # the second local day keeps 8 hours
    assert len(daily_means(series)) == 2


def test_la_load_over_2019(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2020-01-01T07:00Z"]
    result = fit_trend(load)
    assert result["status"] == "ok"
    assert result["n_days"] == 365
    # Rolling means: one per day once the 30-day window has enough days.
    assert result["rolling_window_days"] == 30
    assert len(result["rolling_mean"]) == 365


def test_la_load_over_2019_is_weather_not_a_trend(la_measurements):
    """Warm and cool spells make runs of days: the naive test calls them a rise (p = 0.013)."""
    load = la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2020-01-01T07:00Z"]
    result = fit_trend(load)
    assert result["mann_kendall"]["test"] == "hamed_rao"
    assert result["mann_kendall"]["p_value"] > 0.3
    assert result["direction"] == "no significant trend"
    assert result["slope_per_day"] > 0  # the fitted line still rises; it is just not significant


def persistent_noise(n_days, phi, seed):
    """Daily means with no trend but strong day-to-day persistence (AR(1), sd 10 a step)."""
    rng = np.random.default_rng(seed)
    noise = np.zeros(n_days)
    for day in range(1, n_days):
        noise[day] = phi * noise[day - 1] + rng.normal(0, 10)
    return 1000 + noise


def test_a_persistent_trendless_year_gets_an_interval_that_holds_zero():
    """The demo's contradiction: "no significant trend (p = 0.27)" beside an interval that
    excluded 0, because only the test allowed for autocorrelated days."""
    means = persistent_noise(365, 0.95, seed=3)
    naive_low, naive_high = stats.theilslopes(means, np.arange(365), alpha=0.95)[2:]
    assert naive_low > 0  # the uncorrected interval claims a rise

    result = fit_trend(hourly(list(means)))
    assert result["mann_kendall"]["test"] == "hamed_rao"
    assert result["mann_kendall"]["p_value"] > 0.05
    assert result["mann_kendall"]["variance_factor"] > 1
    assert result["direction"] == "no significant trend"
    assert result["slope_ci_low"] < 0 < result["slope_ci_high"]
    assert result["slope_ci_low"] < naive_low
    assert result["slope_ci_high"] > naive_high
    assert result["slope_ci_method"] == "sen_inverted_mann_kendall"


def test_a_negative_hamed_rao_variance_stores_the_original_test_not_nan():
    zig_zag = [14.0, 4.0, 16.0, 3.0, 15.0, 6.0, 9.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no "invalid value encountered in sqrt"
        result = fit_trend(hourly(zig_zag))
    test = result["mann_kendall"]
    assert test["test"] == "original"
    assert test["variance_factor"] is None
    assert "below 1" in test["fallback_reason"]
    assert 0 < test["p_value"] <= 1
    json.dumps(to_json(result), allow_nan=False)
    assert result["slope_ci_low"] <= 0 <= result["slope_ci_high"]
    assert result["direction"] == "no significant trend"


def test_a_significant_trend_has_an_interval_above_zero():
    result = fit_trend(hourly(list(persistent_noise(120, 0.5, seed=1) + 3 * np.arange(120))))
    assert result["direction"] == "rising"
    assert result["mann_kendall"]["trend"] == "increasing"
    assert 0 < result["slope_ci_low"] < result["slope_per_day"] < result["slope_ci_high"]
