import warnings

import numpy as np
import pymannkendall
import pytest

from lambdas.analyze.mann_kendall import (
    HAMED_RAO,
    ORIGINAL,
    hamed_rao_factor,
    kendall_s,
    s_variance,
    slope_interval,
    trend_test,
)

# Seven daily means that zig-zag: one strongly negative lag makes Hamed-Rao's n/n* negative.
ZIG_ZAG = np.array([14.0, 4.0, 16.0, 3.0, 15.0, 6.0, 9.0])


def days(n):
    return np.arange(1, n + 1, dtype=float)


def ar1(n, phi, seed, trend_per_day=0.0):
    rng = np.random.default_rng(seed)
    noise = np.zeros(n)
    for day in range(1, n):
        noise[day] = phi * noise[day - 1] + rng.normal()
    return noise + trend_per_day * np.arange(n)


@pytest.mark.parametrize("seed", range(5))
def test_hamed_rao_agrees_with_pymannkendall(seed):
    values = ar1(200, 0.9, seed)
    ours = trend_test(values, days(200), 0.05)
    reference = pymannkendall.hamed_rao_modification_test(values, alpha=0.05)
    assert ours.test == HAMED_RAO
    assert ours.s == reference.s
    assert ours.variance == pytest.approx(reference.var_s, rel=1e-12)
    assert ours.p_value == pytest.approx(reference.p, rel=1e-9, abs=1e-12)
    assert ours.tau == pytest.approx(reference.Tau)


def test_ties_lower_the_variance_of_s():
    assert s_variance(np.array([1.0, 2.0, 3.0, 4.0])) == pytest.approx(4 * 3 * 13 / 18)
    tied = np.array([1.0, 2.0, 2.0, 4.0])
    assert s_variance(tied) == pytest.approx((4 * 3 * 13 - 2 * 1 * 9) / 18)
    assert kendall_s(tied) == 5  # the tied pair counts 0


def test_a_negative_hamed_rao_variance_falls_back_to_the_original_test():
    """pymannkendall takes the square root of the negative variance: NaN and a warning."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reference = pymannkendall.hamed_rao_modification_test(ZIG_ZAG)
    assert np.isnan(reference.p)
    assert any("invalid value encountered in sqrt" in str(item.message) for item in caught)
    assert hamed_rao_factor(ZIG_ZAG, days(7), 0.05) < 0

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ours = trend_test(ZIG_ZAG, days(7), 0.05)
    original = pymannkendall.original_test(ZIG_ZAG)
    assert ours.test == ORIGINAL
    assert ours.variance_factor is None
    assert "negative variance" in (ours.fallback_reason or "")
    assert np.isfinite(ours.p_value)
    assert ours.p_value == pytest.approx(original.p)


def test_a_correction_that_would_narrow_the_variance_is_not_applied():
    """Just above 0, n/n* would call a 7-day zig-zag a trend with p ~ 1e-21."""
    zig_zag_rising = np.array([0.0, 3.0, 1.0, 4.0, 2.0, 5.0, 3.0])
    assert 0 < hamed_rao_factor(zig_zag_rising, days(7), 0.05) < 1
    result = trend_test(zig_zag_rising, days(7), 0.05)
    assert result.test == ORIGINAL
    assert result.p_value == pytest.approx(pymannkendall.original_test(zig_zag_rising).p)


@pytest.mark.parametrize("seed", range(25))
def test_the_interval_holds_zero_exactly_when_the_test_is_not_significant(seed):
    n = 20 + 9 * seed
    values = ar1(n, 0.9, seed, trend_per_day=0.02 * (seed % 3))
    result = trend_test(values, days(n), 0.05)
    low, high = slope_interval(values, days(n), result.variance, 0.05)
    assert low is not None
    assert high is not None
    assert (low <= 0 <= high) == (result.p_value >= 0.05)


def test_the_interval_holds_the_theil_sen_slope():
    values = ar1(200, 0.5, 3, trend_per_day=0.05)
    result = trend_test(values, days(200), 0.05)
    low, high = slope_interval(values, days(200), result.variance, 0.05)
    first, second = np.triu_indices(200, k=1)
    slope = np.median((values[second] - values[first]) / (second - first))
    assert low is not None
    assert high is not None
    assert low < slope < high


def test_too_few_days_for_the_variance_leave_the_interval_unbounded():
    values = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    low, high = slope_interval(values, days(5), s_variance(values) * 3, 0.05)
    assert (low, high) == (None, None)
