"""Features of (issue hour, target hour) pairs for the carbon forecast: nothing at or after
the issue hour is read.

A forecast issued at position `p` covers targets `q = p + k` (the horizon is k + 1 hours).
Measured values are read at positions < p only; the calendar and the clear-sky irradiance are
known for any hour. Gradient boosting takes NaN as "unknown", so a missing companion column
(carbon-free share, demand) leaves its features NaN rather than dropping the row.
"""

import numpy as np

from lambdas.predict.carbon.series import CarbonSeries
from lambdas.predict.features import Pairs
from lambdas.predict.row_stats import nan_mean, nan_median

HOURS_PER_DAY = 24
SAME_HOUR_DAYS = 7
FEATURE_NAMES: tuple[str, ...] = (
    "horizon_hours",
    "target_local_hour",
    "target_weekday",
    "issue_local_hour",
    "clear_sky_target",
    "clear_sky_mean_24h",
    "last_hour",
    "mean_3h",
    "mean_6h",
    "mean_24h",
    "mean_24h_day_before",
    "mean_168h",
    "min_24h",
    "change_24h",
    "same_hour_lag1",
    "same_hour_lag2",
    "same_hour_lag7",
    "same_hour_mean3",
    "same_hour_mean7",
    "same_hour_median7",
    "same_hour_lag1_shape",
    "carbon_free_last_hour",
    "demand_last_hour",
    "demand_same_hour_lag1",
)
# Intensity features [g/kWh] the model reads relative to the issue's level (mean_24h).
LEVEL_FEATURE = "mean_24h"
RELATIVE_FEATURES: tuple[str, ...] = (
    "last_hour",
    "mean_3h",
    "mean_6h",
    "mean_24h_day_before",
    "mean_168h",
    "min_24h",
    "same_hour_lag1",
    "same_hour_lag2",
    "same_hour_lag7",
    "same_hour_mean3",
    "same_hour_mean7",
    "same_hour_median7",
)
DIFFERENCE_FEATURES: tuple[str, ...] = ("change_24h", "same_hour_lag1_shape")
# Hours before the issue hour a feature may read: the same hour on 7 days (the oldest, for a
# 25th hour, lies 168 hours before the issue) and the trailing week's mean.
LOOKBACK_HOURS = SAME_HOUR_DAYS * HOURS_PER_DAY


def build_features(series: CarbonSeries, pairs: Pairs) -> np.ndarray:
    """Feature matrix, one row per pair, columns in FEATURE_NAMES order (NaN: unknown)."""
    _check_bounds(series, pairs)
    issue, target, lag = pairs.issue, pairs.target, pairs.lag_hours
    intensity = series.intensity
    newest_same_hour = target - lag
    same_hour = intensity[newest_same_hour[:, None] - HOURS_PER_DAY * np.arange(SAME_HOUR_DAYS)]
    last = intensity[issue - 1]
    # The day around yesterday's same hour (cut at the issue hour), to read its shape: that
    # value minus the day's level.
    around = np.minimum(newest_same_hour + HOURS_PER_DAY // 2, issue)
    yesterday_level = trailing_mean(intensity, around, HOURS_PER_DAY)
    columns = (
        target - issue + 1,
        series.local_hour[target],
        series.local_weekday[target],
        series.local_hour[issue],
        series.clear_sky_ghi[target],
        trailing_mean(series.clear_sky_ghi, issue, HOURS_PER_DAY),
        last,
        trailing_mean(intensity, issue, 3),
        trailing_mean(intensity, issue, 6),
        trailing_mean(intensity, issue, HOURS_PER_DAY),
        trailing_mean(intensity, issue - HOURS_PER_DAY, HOURS_PER_DAY),
        trailing_mean(intensity, issue, SAME_HOUR_DAYS * HOURS_PER_DAY),
        trailing_min(intensity, issue, HOURS_PER_DAY),
        last - intensity[issue - 1 - HOURS_PER_DAY],
        same_hour[:, 0],
        same_hour[:, 1],
        same_hour[:, 6],
        nan_mean(same_hour[:, :3]),
        nan_mean(same_hour),
        nan_median(same_hour),
        same_hour[:, 0] - yesterday_level,
        series.carbon_free_pct[issue - 1],
        series.demand_mw[issue - 1],
        series.demand_mw[newest_same_hour],
    )
    return np.column_stack(columns).astype("float64")


def relative_to_level(features: np.ndarray) -> np.ndarray:
    """The features with intensities as log ratios to the issue's 24-hour mean, differences
    as fractions of it, and the mean itself as its log.

    Trees split on values seen in training; in these units a year whose intensity is lower or
    higher than the training years' still falls inside them (LA's intensity fell from 2021 to
    2023).
    """
    result = features.copy()
    level = features[:, FEATURE_NAMES.index(LEVEL_FEATURE)]
    for name in RELATIVE_FEATURES:
        column = FEATURE_NAMES.index(name)
        result[:, column] = np.log(features[:, column] / level)
    for name in DIFFERENCE_FEATURES:
        column = FEATURE_NAMES.index(name)
        result[:, column] = features[:, column] / level
    result[:, FEATURE_NAMES.index(LEVEL_FEATURE)] = np.log(level)
    return result


def trailing_mean(values: np.ndarray, end: np.ndarray, hours: int) -> np.ndarray:
    """Mean of the known values in positions [end - hours, end) (NaN when none is known)."""
    end = np.asarray(end)
    start = np.clip(end - hours, 0, None)
    known = np.isfinite(values)
    sums = np.concatenate(([0.0], np.cumsum(np.where(known, values, 0.0))))
    counts = np.concatenate(([0], np.cumsum(known)))
    total, count = sums[end] - sums[start], counts[end] - counts[start]
    result: np.ndarray = np.divide(total, count, out=np.full(len(end), np.nan), where=count > 0)
    return result


def trailing_min(values: np.ndarray, end: np.ndarray, hours: int) -> np.ndarray:
    """Smallest known value in positions [end - hours, end) (NaN when none is known)."""
    window = values[np.asarray(end)[:, None] - np.arange(1, hours + 1)[None, :]]
    known = np.isfinite(window)
    smallest = np.where(known, window, np.inf).min(axis=1)
    return np.where(known.any(axis=1), smallest, np.nan)


def _check_bounds(series: CarbonSeries, pairs: Pairs) -> None:
    """Refuse pairs that would read before the series (numpy would wrap around) or past it,
    and targets before their issue hour."""
    if len(pairs.issue) and pairs.issue.min() < LOOKBACK_HOURS:
        raise ValueError(f"an issue hour needs {LOOKBACK_HOURS} hours of series before it")
    if len(pairs.target) and pairs.target.max() >= len(series.index):
        raise ValueError("a target hour lies past the end of the series")
    if np.any(pairs.target < pairs.issue):
        raise ValueError("a target hour lies before its issue hour")
