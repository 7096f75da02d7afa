"""The Mann-Kendall trend test with Hamed and Rao's autocorrelation correction, and the Theil-Sen
slope interval that inverts the same test, so the two never disagree.

Hamed and Rao (1998) multiply the variance of Kendall's S by n/n*, a sum over the significant
lags of the autocorrelation of the detrended series' ranks. Positive autocorrelation (weather
comes in spells of days) raises it above 1. Negative autocorrelation lowers it, and on a short
range (a week, a month) one strongly negative lag can push it below 0: the variance is then
negative and the test undefined (pymannkendall returns NaN with "invalid value encountered in
sqrt"); just above 0 it calls a zig-zag of 7 days a trend with p = 1e-21. So the correction
only ever widens: when n/n* < 1 the original test runs (factor 1), the result names it and
says why. That is the conservative choice: with mostly negative autocorrelation the true
variance is smaller than the uncorrected one.

The slope interval (Sen 1968) is the set of slopes b for which the same test, with the same
variance, would not reject "no trend" in x - b t. So 0 lies inside it exactly when the test is
not significant; the naive interval (uncorrected variance) excluded 0 beside p = 0.27.
"""

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.stats import rankdata

HAMED_RAO = "hamed_rao"
ORIGINAL = "original"


@dataclass(frozen=True)
class MannKendall:
    """One test: which variant ran, Kendall's S, the variance of S it used, z, p and tau.

    `variance_factor` is Hamed and Rao's n/n* (None when it was below 1 and the original test
    ran: `fallback_reason` then says why).
    """

    test: str
    s: float
    variance: float
    z: float
    p_value: float
    tau: float
    variance_factor: float | None
    fallback_reason: str | None


def pairwise_slopes(values: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Slopes (x_j - x_i) / (t_j - t_i) of every pair i < j (times strictly increasing)."""
    first, second = np.triu_indices(len(values), k=1)
    slopes: np.ndarray = (values[second] - values[first]) / (times[second] - times[first])
    return slopes


def kendall_s(values: np.ndarray) -> float:
    """Kendall's S: pairs that rise minus pairs that fall, in time order (ties count 0)."""
    first, second = np.triu_indices(len(values), k=1)
    return float(np.sign(values[second] - values[first]).sum())


def s_variance(values: np.ndarray) -> float:
    """Variance of S under independence, with the correction for tied values."""
    n = len(values)
    _, ties = np.unique(values, return_counts=True)
    return float(n * (n - 1) * (2 * n + 5) - np.sum(ties * (ties - 1) * (2 * ties + 5))) / 18


def hamed_rao_factor(values: np.ndarray, times: np.ndarray, alpha: float) -> float:
    """n/n*: 1 + 2 / (n (n-1) (n-2)) * sum over significant lags k of (n-k)(n-k-1)(n-k-2) rho_k.

    rho_k: autocorrelation of the ranks of the series detrended by its Theil-Sen slope; a lag
    counts when |rho_k| exceeds the 1 - alpha/2 normal quantile over sqrt(n). Can be <= 0.
    """
    n = len(values)
    slope = float(np.median(pairwise_slopes(values, times)))
    ranks = rankdata(values - slope * times)
    centred = ranks - ranks.mean()
    autocovariance = np.correlate(centred, centred, "full")[n - 1 :] / n
    rho = autocovariance[1:] / autocovariance[0]
    lags = np.arange(1, n)
    bound = stats.norm.ppf(1 - alpha / 2) / math.sqrt(n)
    significant = np.abs(rho) > bound
    weights = (n - lags) * (n - lags - 1) * (n - lags - 2)
    return float(1 + 2 / (n * (n - 1) * (n - 2)) * np.sum(weights[significant] * rho[significant]))


def trend_test(values: np.ndarray, times: np.ndarray, alpha: float) -> MannKendall:
    """Hamed-Rao Mann-Kendall on `values` at `times` (days), or the original test when the
    correction would narrow the variance or make it negative (module docstring). n >= 3."""
    n = len(values)
    s = kendall_s(values)
    factor = hamed_rao_factor(values, times, alpha)
    if math.isfinite(factor) and factor >= 1:
        test, used, reason = HAMED_RAO, factor, None
    else:
        test, used = ORIGINAL, 1.0
        reason = (
            f"Hamed-Rao variance factor n/n* = {factor:.3g} is below 1 (negative"
            " autocorrelation outweighs the positive"
            f"{'; a negative variance' if factor <= 0 else ''}): the uncorrected test is used"
        )
    variance = s_variance(values) * used
    z = 0.0 if s == 0 else (s - math.copysign(1.0, s)) / math.sqrt(variance)
    return MannKendall(
        test=test,
        s=s,
        variance=variance,
        z=z,
        p_value=float(2 * stats.norm.sf(abs(z))),
        tau=s / (0.5 * n * (n - 1)),
        variance_factor=used if test == HAMED_RAO else None,
        fallback_reason=reason,
    )


def slope_interval(
    values: np.ndarray, times: np.ndarray, variance: float, alpha: float
) -> tuple[float | None, float | None]:
    """(low, high) of the slopes the test (variance of S `variance`) would not reject.

    For a slope b, S(b) = #(pairwise slopes > b) - #(pairwise slopes < b) is the S of
    x - b t; b is inside when |S(b)| <= z_(1-alpha/2) sqrt(variance) + 1 (the test's
    continuity correction). None on a side the data cannot bound: the test could never reject
    there (too few days for that variance).
    """
    slopes = np.sort(pairwise_slopes(values, times))
    total = len(slopes)
    limit = stats.norm.ppf(1 - alpha / 2) * math.sqrt(variance) + 1
    unique, counts = np.unique(slopes, return_counts=True)
    below = np.concatenate(([0], np.cumsum(counts)[:-1]))
    above = total - below - counts
    # Just above unique[j], S = above - (below + counts); just below it, above + counts - below.
    low_ok = np.flatnonzero(above - below - counts <= limit)
    high_ok = np.flatnonzero(above + counts - below >= -limit)
    low = float(unique[low_ok[0]]) if total > limit and len(low_ok) else None
    high = float(unique[high_ok[-1]]) if total > limit and len(high_ok) else None
    return low, high
