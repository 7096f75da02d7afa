"""An hourly solar series on a complete UTC index, with its clear-sky irradiance and capacity.

Every forecast, baseline and feature reads positions of one `SolarSeries`: position `p` is the
hour starting at `index[p]`. NaN generation is an unknown hour (a gap), never 0.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lambdas.core.errors import InvalidInput
from lambdas.predict.clearsky import Site, clear_sky_ghi
from lambdas.predict.hourly import HourlySeries, on_whole_hours

HOURS_PER_DAY = 24
# Capacity: a high quantile of the generation of the trailing year (at least a week of data).
CAPACITY_QUANTILE = 0.99
CAPACITY_WINDOW_HOURS = 365 * HOURS_PER_DAY
CAPACITY_MIN_HOURS = 7 * HOURS_PER_DAY
FILL_DAYS = 7
ENVELOPE_DAYS = 14


@dataclass(frozen=True)
class SolarSeries(HourlySeries):
    """Hourly solar generation [MW] (NaN: unknown) and clear-sky GHI [W/m^2] on `index`.

    `capacity_mw[p]` is the capacity estimate known before hour `p` (NaN early on);
    `filled_mw[p]` is the generation, or when unknown the mean of the same hour on the 7
    previous days; `envelope_mw[p]` the highest generation at that hour in the 14 days up to
    `p` (an empirical clear-sky generation, see `clear_day_envelope`). All use no hour after p.
    """

    solar_mw: np.ndarray
    clear_sky_ghi: np.ndarray
    capacity_mw: np.ndarray
    filled_mw: np.ndarray
    envelope_mw: np.ndarray


def build_series(solar_mw: pd.Series, site: Site, extra_hours: int = 0) -> SolarSeries:
    """A series from generation on a UTC hourly index, extended `extra_hours` into the future.

    Missing hours between the first and last become NaN; the extension holds NaN generation
    and the clear-sky irradiance forecasts need.
    """
    if solar_mw.empty:
        raise InvalidInput("no solar generation to build a series from")
    index = pd.date_range(
        solar_mw.index.min(),
        solar_mw.index.max() + pd.Timedelta(hours=extra_hours),
        freq="h",
        name="datetime",
    )
    values = solar_mw.astype("float64").reindex(index).to_numpy(copy=True)
    values[values < 0] = np.nan
    return SolarSeries(
        index=index,
        solar_mw=values,
        clear_sky_ghi=clear_sky_ghi(index, site),
        capacity_mw=trailing_capacity(values),
        filled_mw=filled_same_hour(values),
        envelope_mw=clear_day_envelope(values),
    )


def trailing_capacity(solar_mw: np.ndarray) -> np.ndarray:
    """Capacity estimate [MW] before each hour: the 99th percentile of the trailing year.

    Installed capacity grows, so the model works in units of this estimate. Shifted one hour so
    that position p uses only hours before p.
    """
    rolling = pd.Series(solar_mw).rolling(CAPACITY_WINDOW_HOURS, min_periods=CAPACITY_MIN_HOURS)
    result: np.ndarray = rolling.quantile(CAPACITY_QUANTILE).shift(1).to_numpy(dtype="float64")
    return result


def clear_day_envelope(solar_mw: np.ndarray) -> np.ndarray:
    """Highest known generation [MW] at the same hour over the 14 days up to each hour.

    The generation of a clear day at that time of year, as the fleet really produces it
    (trackers and tilt make it differ from horizontal clear-sky irradiance by season).
    """
    stacked = np.full((ENVELOPE_DAYS, len(solar_mw)), -np.inf)
    for day in range(ENVELOPE_DAYS):
        lag = day * HOURS_PER_DAY
        if lag < len(solar_mw):
            stacked[day, lag:] = np.where(
                np.isfinite(solar_mw[: len(solar_mw) - lag]),
                solar_mw[: len(solar_mw) - lag],
                -np.inf,
            )
    highest = stacked.max(axis=0)
    return np.where(np.isfinite(highest), highest, np.nan)


def filled_same_hour(solar_mw: np.ndarray) -> np.ndarray:
    """Generation with unknown hours replaced by the mean of the same hour on the 7 days before."""
    shifted = np.full((FILL_DAYS, len(solar_mw)), np.nan)
    for day in range(1, FILL_DAYS + 1):
        lag = day * HOURS_PER_DAY
        shifted[day - 1, lag:] = solar_mw[:-lag] if lag < len(solar_mw) else []
    known = np.isfinite(shifted)
    counts = known.sum(axis=0)
    sums = np.where(known, shifted, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.full(len(solar_mw), np.nan), where=counts > 0)
    return np.where(np.isfinite(solar_mw), solar_mw, means)


def series_from_rows(
    rows: Iterable[Mapping[str, Any]], site: Site, extra_hours: int = 0
) -> SolarSeries:
    """A series from measurement rows (`datetime`, `solar_mw`; None is unknown)."""
    records = [(row["datetime"], row["solar_mw"]) for row in rows]
    if not records:
        raise InvalidInput("no solar generation to build a series from")
    moments = pd.DatetimeIndex(pd.to_datetime([moment for moment, _ in records], utc=True))
    values = pd.Series(
        [np.nan if value is None else float(value) for _, value in records], index=moments
    )
    return build_series(values, site, extra_hours)


def read_csv(path: Path) -> pd.Series:
    """Hourly solar generation [MW] from a CSV with `period_start_utc` and `solar_mw` columns."""
    try:
        raw = pd.read_csv(path, usecols=["period_start_utc", "solar_mw"])
    except ValueError as exc:
        raise InvalidInput(f"{path}: needs columns period_start_utc and solar_mw ({exc})") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc}") from None
    moments = pd.to_datetime(raw["period_start_utc"], utc=True, errors="coerce")
    values = pd.to_numeric(raw["solar_mw"], errors="coerce")
    frame = pd.Series(values.to_numpy(dtype="float64"), index=pd.DatetimeIndex(moments))
    return on_whole_hours(frame, path)
