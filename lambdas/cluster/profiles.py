"""Daily load profiles: one row per Los Angeles calendar day, 24 local-hour columns.

DST days are brought to 24 hours: the spring-forward day lacks 02:00 (interpolated from its
neighbours), the fall-back day has 01:00 twice (the mean of both). Days missing more than
`max_missing` other hours are left out with the reason. Profiles are normalised by the day's
mean, so clustering compares shape, not size: 1.0 is an average hour of that day.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from lambdas.core.time_range import LOCAL_TZ
from lambdas.frames.hourly import local_index

HOURS = list(range(24))
MAX_MISSING_HOURS = 2


def daily_profiles(
    series: pd.Series, max_missing: int = MAX_MISSING_HOURS
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """(profiles in the series' unit, indexed by local date; days left out with a reason)."""
    known = series.dropna()
    if known.empty:
        return pd.DataFrame(columns=HOURS, dtype="float64"), []
    local = local_index(known.index)
    long = pd.DataFrame({"value": known.to_numpy(), "date": local.date, "hour": local.hour})
    table = long.pivot_table(index="date", columns="hour", values="value", aggfunc="mean")
    table = table.reindex(columns=HOURS)
    missing = table.isna().sum(axis=1) - _dst_gap(table.index)
    left_out = [
        {"date": day, "reason": f"{int(count)} hours missing"}
        for day, count in missing.items()
        if count > max_missing
    ]
    kept = table[missing <= max_missing]
    filled = kept.interpolate(axis=1, limit_direction="both")
    return filled.astype("float64"), left_out


def normalise(profiles: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Each day divided by its mean; days whose mean is not positive are left out."""
    means = profiles.mean(axis=1)
    usable = means > 0
    left_out = [
        {"date": day, "reason": "daily mean is not positive: no shape to compare"}
        for day in profiles.index[~usable]
    ]
    return profiles[usable].div(means[usable], axis=0), left_out


def _dst_gap(days: pd.Index) -> pd.Series:
    """1 for a spring-forward day (its 02:00 never happens on the wall clock), else 0."""
    return pd.Series([1 if day_hours(day) == 23 else 0 for day in days], index=days)


def day_hours(day: date) -> int:
    """Hours in a Los Angeles calendar day: 23, 24 or 25."""
    start = datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ)
    end = start + timedelta(days=1)  # wall-clock arithmetic: the next local midnight
    return int((end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() // 3600)
