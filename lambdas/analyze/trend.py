"""Trend of one hourly series over a range: daily means, a rolling mean, a robust slope.

The slope is Theil-Sen (median of pairwise slopes, robust to outlier days) with its 95 %
interval; significance is the Mann-Kendall test on the daily means, so a user can tell
"rising" from noise. Days are Los Angeles calendar days.

Daily means of load and generation are autocorrelated (a hot week is hot for days), which the
original Mann-Kendall test takes for a trend: LA's 2019 load reads "rising, p = 0.013" there.
Hamed and Rao's modification widens the test's variance by the autocorrelation of the
detrended series (p = 0.52 for that year), so "rising" means more than a run of warm weeks.
The slope interval inverts that same test (`mann_kendall.slope_interval`), so it contains 0
exactly when the trend is not significant.
"""

from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from lambdas.analyze.mann_kendall import slope_interval, trend_test
from lambdas.frames.hourly import local_index

MIN_HOURS_PER_DAY = 18
MIN_DAYS = 5
ALPHA = 0.05


def daily_means(series: pd.Series, min_hours: int = MIN_HOURS_PER_DAY) -> pd.Series:
    """Mean per local calendar day, only for days with at least `min_hours` known hours."""
    known = series.dropna()
    if known.empty:
        return pd.Series(dtype="float64")
    days = pd.Index(local_index(known.index).date, name="date")
    grouped = known.groupby(days)
    means = grouped.mean()
    return means[grouped.count() >= min_hours]


def rolling_window_days(n_days: int) -> int:
    """A week for short ranges, a month once the range holds about four months."""
    return 7 if n_days <= 120 else 30


def fit_trend(
    series: pd.Series, *, alpha: float = ALPHA, min_days: int = MIN_DAYS
) -> dict[str, Any]:
    """Trend of `series` (hourly, UTC index): `status` "ok" with figures, or "skipped".

    Slope unit: the series' unit per day. `direction` is "rising" or "falling" only when the
    autocorrelation-corrected Mann-Kendall p-value is below `alpha`, else "no significant trend".
    """
    daily = daily_means(series)
    if len(daily) < min_days:
        return {
            "status": "skipped",
            "reason": f"{len(daily)} complete days, a trend needs at least {min_days}",
            "n_days": len(daily),
        }
    if float(daily.std()) == 0.0:
        return {"status": "skipped", "reason": "constant series: no trend to fit"}
    day_numbers = np.array([(day - daily.index[0]).days for day in daily.index], dtype=float)
    values = daily.to_numpy(dtype=float)
    slope, intercept, _, _ = stats.theilslopes(values, day_numbers)
    mk = trend_test(values, day_numbers, alpha)
    low, high = slope_interval(values, day_numbers, mk.variance, alpha)
    window = rolling_window_days(len(daily))
    calendar = daily.reindex(pd.date_range(daily.index[0], daily.index[-1], freq="D").date)
    rolling = calendar.rolling(window, center=True, min_periods=(window + 1) // 2).mean()
    mean = float(values.mean())
    significant = mk.p_value < alpha
    return {
        "status": "ok",
        "n_days": len(daily),
        "mean": mean,
        "slope_per_day": float(slope),
        "slope_ci_low": low,
        "slope_ci_high": high,
        "slope_ci_method": "sen_inverted_mann_kendall",
        "confidence": 1 - alpha,
        "intercept": float(intercept),
        "change_over_range_pct": _change_pct(float(slope) * day_numbers[-1], mean),
        "mann_kendall": {
            "test": mk.test,
            "trend": _test_verdict(significant, mk.s),
            "p_value": mk.p_value,
            "tau": mk.tau,
            "z": mk.z,
            "variance_factor": mk.variance_factor,
            "fallback_reason": mk.fallback_reason,
        },
        "direction": _direction(significant, float(slope)),
        "daily": [{"date": day, "mean": value} for day, value in daily.items()],
        "rolling_mean": [{"date": day, "mean": value} for day, value in rolling.dropna().items()],
        "rolling_window_days": window,
    }


def _test_verdict(significant: bool, s: float) -> str:
    """The test's own reading, in pymannkendall's words (stored results kept them)."""
    if not significant or s == 0:
        return "no trend"
    return "increasing" if s > 0 else "decreasing"


def _direction(significant: bool, slope: float) -> str:
    if not significant or slope == 0:
        return "no significant trend"
    return "rising" if slope > 0 else "falling"


def _change_pct(change: float, mean: float) -> float | None:
    """The fitted change over the range as a percentage of the mean (None for a zero mean)."""
    return None if mean == 0 else 100 * change / abs(mean)
