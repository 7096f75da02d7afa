"""Measurement rows -> a DataFrame on a complete UTC hourly index, and what that data covers.

Every analysis function takes such a frame (or one of its columns): index `datetime`, hourly,
UTC, half-open range; a missing hour is a row of NaN, an unknown value is NaN, never 0. The
cluster and predict steps use this package too (pandas and numpy, which their extras carry).
"""

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from lambdas.core.time_range import LOCAL_TZ, Window, ceil_hour

MAX_GAPS_LISTED = 20
Data = TypeVar("Data", pd.DataFrame, pd.Series)


def measurements_frame(
    rows: Iterable[Mapping[str, Any]], start: datetime, end: datetime, columns: Iterable[str]
) -> pd.DataFrame:
    """One float column per name in `columns`, one row per hour of [start, end)."""
    names = list(columns)
    index = pd.date_range(ceil_hour(start), end, freq="h", inclusive="left", name="datetime")
    records = list(rows)
    if not records:
        return pd.DataFrame(index=index, columns=names, dtype="float64")
    frame = pd.DataFrame.from_records(records, columns=["datetime", *names])
    frame["datetime"] = pd.to_datetime(frame["datetime"], utc=True)
    return frame.set_index("datetime").astype("float64").reindex(index)


def within(data: Data, window: Window) -> Data:
    """The rows of `data` whose hour lies in [window.start, window.end)."""
    return data[(data.index >= window.start) & (data.index < window.end)]


def known_columns(frame: pd.DataFrame) -> list[str]:
    """Columns with at least one known value (the others are entirely unknown)."""
    return [str(name) for name in frame.columns if frame[name].notna().any()]


def local_index(index: pd.Index) -> pd.DatetimeIndex:
    """The index on the Los Angeles wall clock (daily cycles are read on it)."""
    assert isinstance(index, pd.DatetimeIndex)
    return index.tz_convert(LOCAL_TZ)


def label_of_max(series: pd.Series) -> int:
    """The (integer) index label of the largest value; the first one on ties."""
    return int(series.index[int(np.argmax(series.to_numpy()))])


def label_of_min(series: pd.Series) -> int:
    """The (integer) index label of the smallest value; the first one on ties."""
    return int(series.index[int(np.argmin(series.to_numpy()))])


def gap_runs(present: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """[start, end) of every run of consecutive hours where `present` is False."""
    missing = ~present.to_numpy(dtype=bool)
    runs: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    run_start: int | None = None
    for position, is_missing in enumerate([*missing, False]):
        if is_missing and run_start is None:
            run_start = position
        elif not is_missing and run_start is not None:
            first = present.index[run_start]
            runs.append((first, first + pd.Timedelta(hours=position - run_start)))
            run_start = None
    return runs


def coverage(data: pd.DataFrame | pd.Series) -> dict[str, Any]:
    """What the data holds: hours in range, hours with a value, first/last, the gaps.

    A row counts as present when any of its values is known. Gaps are listed up to
    MAX_GAPS_LISTED (longest first); `gap_hours` counts them all.
    """
    present = data.notna() if isinstance(data, pd.Series) else data.notna().any(axis=1)
    seen = present[present]
    runs = gap_runs(present)
    longest = sorted(runs, key=lambda run: run[1] - run[0], reverse=True)[:MAX_GAPS_LISTED]
    return {
        "hours_in_range": len(present),
        "n": len(seen),
        "first": seen.index[0].isoformat() if len(seen) else None,
        "last": seen.index[-1].isoformat() if len(seen) else None,
        "gap_hours": len(present) - len(seen),
        "gaps": [
            {"start": start.isoformat(), "end": end.isoformat(), "hours": _hours(start, end)}
            for start, end in sorted(longest)
        ],
    }


def _hours(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return int((end - start) / pd.Timedelta(hours=1))
