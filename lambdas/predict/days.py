"""The local days a backtest issues forecasts on: each Los Angeles midnight issues the hours to
the next one (23, 24 or 25 across DST changes), so every hour of a window is forecast once."""

import itertools
from datetime import datetime

import numpy as np
import pandas as pd

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.features import MAX_HORIZON_HOURS, Pairs
from lambdas.predict.hourly import HourlySeries

HOURS_PER_DAY = 24
DEFAULT_WARMUP_DAYS = 365
MIN_WARMUP_DAYS = 28


def local_midnights(series: HourlySeries, start: datetime, end: datetime) -> np.ndarray:
    """Positions of the local midnights in [start, end) that lie on the series."""
    local = series.index.tz_convert(LOCAL_TZ)
    midnight = (local.hour == 0) & (local.minute == 0)
    inside = (series.index >= pd.Timestamp(start)) & (series.index < pd.Timestamp(end))
    return np.flatnonzero(midnight & inside)


def day_bounds(
    series: HourlySeries, start: datetime, end: datetime, lookback_hours: int
) -> np.ndarray:
    """Issue positions (local midnights in [start, end) with `lookback_hours` of series before
    them) and the position ending the last day.

    The last day ends at the next midnight, or earlier where `end` or the series stops.
    """
    midnights = local_midnights(series, start, end)
    midnights = midnights[midnights >= lookback_hours]
    stop = min(int(series.index.searchsorted(pd.Timestamp(end))), len(series.index))
    if len(midnights) and midnights[-1] < stop:
        midnights = np.append(midnights, min(stop, midnights[-1] + MAX_HORIZON_HOURS))
    if len(midnights) < 2:
        raise InvalidInput(
            f"no local day with {lookback_hours} hours of history before it"
            f" between {start:%Y-%m-%d} and {end:%Y-%m-%d}"
        )
    return midnights


def day_pairs(midnights: np.ndarray) -> Pairs:
    """Each midnight issues the hours up to the next one (23, 24 or 25 of them)."""
    issues = [np.full(b - a, a) for a, b in itertools.pairwise(midnights)]
    targets = [np.arange(a, b) for a, b in itertools.pairwise(midnights)]
    return Pairs(issue=np.concatenate(issues), target=np.concatenate(targets))


def moment_at(series: HourlySeries, position: int) -> str:
    """ISO time of the hour starting at `position` (which may be one past the series)."""
    last = series.index[-1]
    moment = (
        series.index[position]
        if position < len(series.index)
        else last + pd.Timedelta(hours=position - len(series.index) + 1)
    )
    return moment.isoformat()


def default_window(series: HourlySeries) -> tuple[datetime, datetime]:
    """After a warm-up of a year (or half the data, at least 28 days), to the data's end."""
    span_days = len(series.index) // HOURS_PER_DAY
    warmup = max(MIN_WARMUP_DAYS, min(DEFAULT_WARMUP_DAYS, span_days // 2))
    start = series.index[0] + pd.Timedelta(days=warmup)
    end = series.index[-1] + pd.Timedelta(hours=1)
    return start.to_pydatetime(), end.to_pydatetime()
