"""An hourly carbon-intensity series on a complete UTC index, with what its features read.

Position `p` is the hour starting at `index[p]`. NaN is an unknown hour (a gap), never 0. Only
the intensity is required; the carbon-free share and the demand are used where known, and the
clear-sky irradiance (pvlib, always computable) stands in for the solar generation that makes
Los Angeles' intensity dip at midday (the 2022-2023 data have no solar column).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.clearsky import Site, clear_sky_ghi
from lambdas.predict.hourly import HourlySeries, on_whole_hours

INTENSITY_COLUMN = "carbon_intensity_lifecycle_g_per_kwh"
# CSV column -> series field, for the optional columns.
OPTIONAL_COLUMNS = {"carbon_free_percent": "carbon_free_pct", "demand_mw": "demand_mw"}


@dataclass(frozen=True)
class CarbonSeries(HourlySeries):
    """Life-cycle carbon intensity [gCO2eq/kWh] and its companions on `index` (UTC hours).

    `carbon_free_pct` [0-100] and `demand_mw` [MW] are NaN where unknown (all NaN when the
    source has none); `clear_sky_ghi` [W/m^2] is known for every hour; `local_hour` and
    `local_weekday` (Monday 0) are the Los Angeles wall clock of each hour.
    """

    intensity: np.ndarray
    carbon_free_pct: np.ndarray
    demand_mw: np.ndarray
    clear_sky_ghi: np.ndarray
    local_hour: np.ndarray
    local_weekday: np.ndarray


def build_series(frame: pd.DataFrame, site: Site, extra_hours: int = 0) -> CarbonSeries:
    """A series from a frame on a UTC hourly index, extended `extra_hours` into the future.

    `frame` has `intensity` and optionally `carbon_free_pct` and `demand_mw`. Missing hours
    between the first and last become NaN; an intensity of 0 or less is unknown (a grid
    burning gas cannot reach it: it is a recording error). The extension holds NaN values and
    the calendar and clear-sky terms forecasts need.
    """
    known = frame.index[frame["intensity"].notna()] if "intensity" in frame else frame.index[:0]
    if len(known) == 0:
        raise InvalidInput("no carbon intensity to build a series from")
    index = pd.date_range(
        known.min(), frame.index.max() + pd.Timedelta(hours=extra_hours), freq="h", name="datetime"
    )
    intensity = _column(frame, "intensity", index)
    intensity[intensity <= 0] = np.nan
    local = index.tz_convert(LOCAL_TZ)
    return CarbonSeries(
        index=index,
        intensity=intensity,
        carbon_free_pct=_column(frame, "carbon_free_pct", index),
        demand_mw=_column(frame, "demand_mw", index),
        clear_sky_ghi=clear_sky_ghi(index, site),
        local_hour=local.hour.to_numpy(dtype=np.int64),
        local_weekday=local.day_of_week.to_numpy(dtype=np.int64),
    )


def _column(frame: pd.DataFrame, name: str, index: pd.DatetimeIndex) -> np.ndarray:
    """`frame[name]` on `index` as floats (all NaN when the frame has no such column)."""
    if name not in frame:
        return np.full(len(index), np.nan)
    values: np.ndarray = frame[name].astype("float64").reindex(index).to_numpy(copy=True)
    return values


def series_from_rows(
    rows: Iterable[Mapping[str, Any]], site: Site, extra_hours: int = 0
) -> CarbonSeries:
    """A series from measurement rows (`datetime`, `carbon_intensity`, and optionally
    `fossil_free_percentage`, `power_consumption_total`; None is unknown)."""
    records = list(rows)
    if not records:
        raise InvalidInput("no carbon intensity to build a series from")
    moments = pd.DatetimeIndex(pd.to_datetime([row["datetime"] for row in records], utc=True))
    fields = {
        "intensity": "carbon_intensity",
        "carbon_free_pct": "fossil_free_percentage",
        "demand_mw": "power_consumption_total",
    }
    frame = pd.DataFrame(
        {name: [_number(row.get(column)) for row in records] for name, column in fields.items()},
        index=moments,
    )
    return build_series(frame, site, extra_hours)


def _number(value: Any) -> float:
    """A stored value as a float; None (unknown) as NaN."""
    return np.nan if value is None else float(value)


def read_csvs(paths: Sequence[Path]) -> pd.DataFrame:
    """Hourly intensity (and the optional columns) of one or more CSVs, on one UTC index.

    Each CSV needs `period_start_utc` and `carbon_intensity_lifecycle_g_per_kwh`; empty cells
    are unknown. Where files overlap, the later file's known values win.
    """
    frames = [_read_csv(path) for path in paths]
    if not frames:
        raise InvalidInput("no CSV file given")
    combined = frames[0]
    for frame in frames[1:]:
        combined = frame.combine_first(combined)
    return combined.sort_index()


def _read_csv(path: Path) -> pd.DataFrame:
    """One CSV's hours: `intensity` [g/kWh] and whichever optional columns it has."""
    try:
        header = pd.read_csv(path, nrows=0).columns
        wanted = ["period_start_utc", INTENSITY_COLUMN, *OPTIONAL_COLUMNS]
        raw = pd.read_csv(path, usecols=[column for column in wanted if column in header])
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None
    missing = {"period_start_utc", INTENSITY_COLUMN} - set(raw.columns)
    if missing:
        raise InvalidInput(f"{path}: needs columns period_start_utc and {INTENSITY_COLUMN}")
    moments = pd.DatetimeIndex(pd.to_datetime(raw["period_start_utc"], utc=True, errors="coerce"))
    names = {INTENSITY_COLUMN: "intensity", **OPTIONAL_COLUMNS}
    frame = pd.DataFrame(
        {
            names[column]: pd.to_numeric(raw[column], errors="coerce").to_numpy(dtype="float64")
            for column in raw.columns
            if column in names
        },
        index=moments,
    )
    return on_whole_hours(frame, path)
