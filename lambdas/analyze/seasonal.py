"""Seasonal decomposition of one hourly series: MSTL (daily + weekly) or STL (daily).

MSTL with periods 24 and 168 h needs two full weeks; with less, STL with the daily period
(needs two days); with less still, the result is "skipped". Components are stored as profiles
(mean by local hour, by local weekday and hour), the trend as daily means, the residual as its
spread: never every point twice. Strength of a component follows Wang, Smith & Hyndman (2006):
max(0, 1 - var(residual) / var(component + residual)).
"""

from typing import Any

import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import MSTL, STL

from lambdas.frames.hourly import gap_runs, label_of_max, label_of_min, local_index

DAILY = 24
WEEKLY = 168
MAX_FILLED_GAP_HOURS = 6


def usable_segment(series: pd.Series, max_gap: int = MAX_FILLED_GAP_HOURS) -> tuple[pd.Series, int]:
    """The longest stretch without a gap longer than `max_gap` hours, short gaps interpolated.

    Returns the segment and how many hours in it were interpolated.
    """
    present = series.notna()
    long_gaps = [run for run in gap_runs(present) if run[1] - run[0] > pd.Timedelta(hours=max_gap)]
    bounds = [series.index[0], *[edge for run in long_gaps for edge in run], series.index[-1]]
    best = series.iloc[0:0]
    for start, end in zip(bounds[::2], bounds[1::2], strict=True):
        piece = series[(series.index >= start) & (series.index <= end)]
        if piece.notna().sum() > best.notna().sum():
            best = piece
    best = best.loc[best.first_valid_index() : best.last_valid_index()] if len(best) else best
    filled = int(best.isna().sum())
    return best.interpolate(method="linear"), filled


def decompose(series: pd.Series) -> dict[str, Any]:
    """Decompose `series` (hourly, UTC index): `status` "ok" with figures, or "skipped"."""
    segment, filled = usable_segment(series)
    if len(segment) < 2 * DAILY:
        return {
            "status": "skipped",
            "reason": f"{len(segment)} consecutive hours, a decomposition needs {2 * DAILY}",
        }
    if float(segment.std()) == 0.0:
        return {"status": "skipped", "reason": "constant series: nothing to decompose"}
    values = segment.to_numpy(dtype=float)
    if len(segment) > 2 * WEEKLY:  # MSTL drops a period of half the length or more
        fit = MSTL(values, periods=(DAILY, WEEKLY)).fit()
        seasonal = pd.DataFrame(fit.seasonal, index=segment.index, columns=["daily", "weekly"])
        method, periods = "MSTL", [DAILY, WEEKLY]
    else:
        fit = STL(values, period=DAILY, robust=True).fit()
        seasonal = pd.DataFrame({"daily": fit.seasonal}, index=segment.index)
        method, periods = "STL", [DAILY]
    trend = pd.Series(fit.trend, index=segment.index)
    resid = pd.Series(fit.resid, index=segment.index)
    return {
        "status": "ok",
        "method": method,
        "periods_hours": periods,
        "segment": {
            "start": segment.index[0],
            "end": segment.index[-1] + pd.Timedelta(hours=1),
            "hours": len(segment),
            "interpolated_hours": filled,
        },
        "daily": daily_component(seasonal["daily"], resid),
        "weekly": weekly_component(seasonal["weekly"], resid) if "weekly" in seasonal else None,
        "trend": _trend_summary(trend, resid),
        "residual": _spread(resid),
    }


def daily_component(component: pd.Series, resid: pd.Series) -> dict[str, Any]:
    """The daily seasonal component as a mean profile by local hour, its peak and strength."""
    profile = component.groupby(local_index(component.index).hour).mean()
    return {
        "profile": [{"hour": hour, "value": value} for hour, value in profile.items()],
        "peak_hour": label_of_max(profile),
        "trough_hour": label_of_min(profile),
        "amplitude": float(profile.max() - profile.min()),
        "strength": _strength(component, resid),
    }


def weekly_component(component: pd.Series, resid: pd.Series) -> dict[str, Any]:
    """The weekly component: mean by local weekday (0 = Monday) and by weekday and hour."""
    local = local_index(component.index)
    by_day = component.groupby(local.day_of_week).mean()
    by_day_hour = component.groupby([local.day_of_week, local.hour]).mean()
    return {
        "by_weekday": [{"weekday": day, "value": value} for day, value in by_day.items()],
        "profile": [
            {"weekday": day, "hour": hour, "value": value}
            for day, hour, value in zip(
                by_day_hour.index.get_level_values(0),
                by_day_hour.index.get_level_values(1),
                by_day_hour.to_numpy(),
                strict=True,
            )
        ],
        "strength": _strength(component, resid),
    }


def _trend_summary(trend: pd.Series, resid: pd.Series) -> dict[str, Any]:
    days = pd.Index(local_index(trend.index).date, name="date")
    daily = trend.groupby(days).mean()
    return {
        "daily": [{"date": day, "value": value} for day, value in daily.items()],
        "strength": _strength(trend, resid),
    }


def _strength(component: pd.Series, resid: pd.Series) -> float:
    total = float(np.var(component.to_numpy() + resid.to_numpy()))
    return 0.0 if total == 0 else max(0.0, 1 - float(np.var(resid.to_numpy())) / total)


def _spread(resid: pd.Series) -> dict[str, float]:
    """Standard deviation, median absolute deviation and 5/95th percentiles of the residual."""
    values = resid.to_numpy(dtype=float)
    return {
        "std": float(values.std()),
        "mad": float(np.median(np.abs(values - np.median(values)))),
        "p05": float(np.percentile(values, 5)),
        "p95": float(np.percentile(values, 95)),
    }
