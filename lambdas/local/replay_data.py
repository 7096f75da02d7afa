"""The replay server's data: the bundled real LA hours, time-shifted, as v3 API records.

Real fields (EIA-930 for LDWP, data/README.md): `powerConsumptionTotal` (demand) and the
production and consumption breakdowns' `solar` and `wind`. Everything else the data does not
have (other sources, imports, exports, percentages, carbon intensity) is null, never invented.
"""

import bisect
import csv
import datetime as dt
import gzip
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lambdas.core.settings import PROJECT_ROOT
from lambdas.core.time_range import floor_hour

DEFAULT_DATA_PATH = PROJECT_ROOT / "data" / "ldwp_hourly_2019_2020.csv.gz"
DEFAULT_ZONE = "US-CAL-LDWP"
BREAKDOWN_KEYS = (
    "nuclear",
    "geothermal",
    "biomass",
    "coal",
    "wind",
    "solar",
    "hydro",
    "gas",
    "oil",
    "unknown",
    "hydro discharge",
    "battery discharge",
)
# When an hour's data is published and last revised, relative to the hour's start.
_CREATED_AFTER = dt.timedelta(hours=1)
_UPDATED_AFTER = dt.timedelta(hours=1, minutes=15)
WEEK = dt.timedelta(weeks=1)


@dataclass(frozen=True, slots=True)
class SourceHour:
    """One hour of the source file (MW; None where the file has no value)."""

    datetime: dt.datetime
    solar_mw: float | None
    wind_mw: float | None
    demand_mw: float | None
    updated_at: dt.datetime | None = None  # None: the hour's end plus a fixed publication lag


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def load_hours(path: Path = DEFAULT_DATA_PATH) -> list[SourceHour]:
    """Every hour of a CSV (gzipped or not) in the format of the bundled file, in time order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        rows = [
            SourceHour(
                datetime=dt.datetime.fromisoformat(row["period_start_utc"]).astimezone(dt.UTC),
                solar_mw=_number(row["solar_mw"]),
                wind_mw=_number(row["wind_mw"]),
                demand_mw=_number(row["demand_mw"]),
            )
            for row in csv.DictReader(handle)
        ]
    return sorted(rows, key=lambda hour: hour.datetime)


def shift_to_now(newest: dt.datetime, now: dt.datetime) -> dt.timedelta:
    """Whole weeks that move `newest` to the current hour or just after it (never back).

    Whole weeks keep each hour's UTC weekday and time of day; hours after `now` stay hidden
    until their time comes, so the newest served hour is the current one.
    """
    behind = floor_hour(now) - newest
    weeks = max(-(-behind // WEEK), 0)  # ceiling division of timedeltas
    return weeks * WEEK


def _timestamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


class ReplayData:
    """The served hours (shifted, minus injected gaps), looked up by time."""

    def __init__(
        self,
        hours: Sequence[SourceHour],
        *,
        zone: str = DEFAULT_ZONE,
        shift: dt.timedelta = dt.timedelta(0),
        missing: Iterable[dt.datetime] = (),
    ) -> None:
        self.zone = zone
        self.shift = shift
        gaps = {moment.astimezone(dt.UTC) for moment in missing}
        self.hours = [hour for hour in hours if hour.datetime + shift not in gaps]
        self._starts = [hour.datetime + shift for hour in self.hours]

    def served_between(self, start: dt.datetime, end: dt.datetime) -> list[SourceHour]:
        """Source hours whose served start lies in [start, end)."""
        low = bisect.bisect_left(self._starts, start)
        high = bisect.bisect_left(self._starts, end)
        return self.hours[low:high]

    def served_last(self, count: int, until: dt.datetime) -> list[SourceHour]:
        """The newest `count` source hours whose served start is before `until`."""
        high = bisect.bisect_left(self._starts, until)
        return self.hours[max(high - count, 0) : high]

    def served_time(self, hour: SourceHour) -> dt.datetime:
        return hour.datetime + self.shift

    def power_breakdown(self, hour: SourceHour) -> dict[str, Any]:
        """The `power-breakdown` record of one hour, in the API's shape."""
        breakdown: dict[str, float | None] = dict.fromkeys(BREAKDOWN_KEYS)
        breakdown["solar"], breakdown["wind"] = hour.solar_mw, hour.wind_mw
        return {
            **self._common(hour),
            "powerConsumptionBreakdown": dict(breakdown),
            "powerProductionBreakdown": dict(breakdown),
            "powerImportBreakdown": None,
            "powerExportBreakdown": None,
            "fossilFreePercentage": None,
            "renewablePercentage": None,
            "powerConsumptionTotal": hour.demand_mw,
            "powerProductionTotal": None,
            "powerImportTotal": None,
            "powerExportTotal": None,
            "isEstimated": False,
            "estimationMethod": None,
        }

    def carbon_intensity(self, hour: SourceHour) -> dict[str, Any]:
        """The `carbon-intensity` record of one hour (the data has none: null)."""
        return {
            **self._common(hour),
            "carbonIntensity": None,
            "emissionFactorType": "lifecycle",
            "isEstimated": False,
            "estimationMethod": None,
        }

    def _common(self, hour: SourceHour) -> dict[str, Any]:
        served = self.served_time(hour)
        updated = hour.updated_at + self.shift if hour.updated_at else served + _UPDATED_AFTER
        return {
            "zone": self.zone,
            "datetime": _timestamp(served),
            "updatedAt": _timestamp(updated),
            "createdAt": _timestamp(served + _CREATED_AFTER),
        }


def build_replay_data(
    path: Path = DEFAULT_DATA_PATH,
    *,
    now: dt.datetime,
    shift: bool = True,
    gap_rate: float = 0.0,
    seed: int | None = None,
    zone: str = DEFAULT_ZONE,
) -> ReplayData:
    """The data `gridla replay` serves: shifted to `now` unless asked not to, with random gaps."""
    hours = load_hours(path)
    offset = shift_to_now(hours[-1].datetime, now) if shift and hours else dt.timedelta(0)
    chooser = random.Random(seed)
    missing = [hour.datetime + offset for hour in hours if chooser.random() < gap_rate]
    return ReplayData(hours, zone=zone, shift=offset, missing=missing)
