"""The replay server's data: the bundled real LA hours, time-shifted, as v3 API records.

Real fields (data/README.md): demand, the production breakdown's coal, gas, hydro, solar, wind
and unknown (the file's `other`), and Electricity Maps' own carbon intensity (life-cycle and
direct), carbon-free and renewable shares and estimation flag. Derived only from those:
`powerProductionTotal` (the six summed, when all six are known) and the net
`powerImportTotal`/`powerExportTotal` (demand minus production, when both are known). Every
other field (nuclear, oil, storage, the consumption mix, per-neighbour exchanges) is null:
unknown, never invented. Numbers are served as the real API serves them: whole integers.
"""

import bisect
import csv
import datetime as dt
import gzip
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lambdas.core.settings import PROJECT_ROOT
from lambdas.core.time_range import floor_hour

DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DATA_PATH = DATA_DIR / "ldwp_hourly_2019_2021.csv.gz"
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
EmissionFactorType = Literal["lifecycle", "direct"]
TEMPORAL_GRANULARITY = "hourly"
# When an hour's data is published and last revised, relative to the hour's start.
_CREATED_AFTER = dt.timedelta(hours=1)
_UPDATED_AFTER = dt.timedelta(hours=1, minutes=15)
WEEK = dt.timedelta(weeks=1)


@dataclass(frozen=True, slots=True)
class SourceHour:
    """One hour of a source file (MW, gCO2eq/kWh, percent 0-100; None where it has no value)."""

    datetime: dt.datetime
    solar_mw: float | None = None
    wind_mw: float | None = None
    demand_mw: float | None = None
    coal_mw: float | None = None
    gas_mw: float | None = None
    hydro_mw: float | None = None
    other_mw: float | None = None
    carbon_intensity_lifecycle: float | None = None
    carbon_intensity_direct: float | None = None
    carbon_free_percent: float | None = None
    renewable_percent: float | None = None
    is_estimated: bool | None = None
    estimation_method: str | None = None
    updated_at: dt.datetime | None = None  # None: the hour's end plus a fixed publication lag

    def production_mw(self) -> dict[str, float | None]:
        """The known part of the production breakdown, by API key (`unknown` is `other`)."""
        return {
            "coal": self.coal_mw,
            "gas": self.gas_mw,
            "hydro": self.hydro_mw,
            "solar": self.solar_mw,
            "wind": self.wind_mw,
            "unknown": self.other_mw,
        }

    def production_total_mw(self) -> float | None:
        """The six sources summed, or None unless every one of them is known."""
        values = self.production_mw().values()
        return None if None in values else sum(v for v in values if v is not None)


# SourceHour field -> CSV column; a column the file does not have is unknown in every hour.
_NUMBER_COLUMNS = {
    "solar_mw": "solar_mw",
    "wind_mw": "wind_mw",
    "demand_mw": "demand_mw",
    "coal_mw": "coal_mw",
    "gas_mw": "gas_mw",
    "hydro_mw": "hydro_mw",
    "other_mw": "other_mw",
    "carbon_intensity_lifecycle": "carbon_intensity_lifecycle_g_per_kwh",
    "carbon_intensity_direct": "carbon_intensity_direct_g_per_kwh",
    "carbon_free_percent": "carbon_free_percent",
    "renewable_percent": "renewable_percent",
}
_FLAGS = {"True": True, "False": False, "": None}


def _number(text: str | None) -> float | None:
    return float(text) if text and text.strip() else None


def _hour(row: dict[str, str], line: int) -> SourceHour:
    flag = (row.get("em_is_estimated") or "").strip()
    if flag not in _FLAGS:
        raise ValueError(f"line {line}: em_is_estimated must be True, False or empty: {flag!r}")
    numbers: dict[str, Any] = {f: _number(row.get(c)) for f, c in _NUMBER_COLUMNS.items()}
    return SourceHour(
        datetime=dt.datetime.fromisoformat(row["period_start_utc"]).astimezone(dt.UTC),
        **numbers,
        is_estimated=_FLAGS[flag],
        estimation_method=(row.get("em_estimation_method") or "").strip() or None,
    )


def load_hours(path: Path = DEFAULT_DATA_PATH) -> list[SourceHour]:
    """Every hour of a CSV (gzipped or not) in the format of the bundled files, in time order.

    Columns beyond `period_start_utc` are optional: the 2022-2023 file has no solar, wind or
    fuel mix, so those fields are None in all its hours.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        rows = [_hour(row, line) for line, row in enumerate(csv.DictReader(handle), start=2)]
    return sorted(rows, key=lambda hour: hour.datetime)


def round_like_api(value: float | None) -> int | None:
    """A value as the API serves it: the nearest integer, halves up (None stays None)."""
    return None if value is None else math.floor(value + 0.5)


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

    def served_newest(self, until: dt.datetime, *, with_estimated: bool) -> SourceHour | None:
        """The newest hour before `until` (or the newest not flagged estimated), if any."""
        high = bisect.bisect_left(self._starts, until)
        earlier = reversed(self.hours[:high])
        return next((h for h in earlier if with_estimated or not h.is_estimated), None)

    def served_time(self, hour: SourceHour) -> dt.datetime:
        return hour.datetime + self.shift

    def power_breakdown(self, hour: SourceHour) -> dict[str, Any]:
        """The `power-breakdown` record of one hour, in the API's shape."""
        production: dict[str, int | None] = dict.fromkeys(BREAKDOWN_KEYS)
        production.update({k: round_like_api(v) for k, v in hour.production_mw().items()})
        total = hour.production_total_mw()
        balance = None if total is None or hour.demand_mw is None else hour.demand_mw - total
        return {
            **self._common(hour),
            # What is consumed includes imports of unknown origin: the consumed mix is unknown.
            "powerConsumptionBreakdown": dict.fromkeys(BREAKDOWN_KEYS),
            "powerProductionBreakdown": production,
            "powerImportBreakdown": {},
            "powerExportBreakdown": {},
            "fossilFreePercentage": round_like_api(hour.carbon_free_percent),
            "renewablePercentage": round_like_api(hour.renewable_percent),
            "powerConsumptionTotal": round_like_api(hour.demand_mw),
            "powerProductionTotal": round_like_api(total),
            "powerImportTotal": None if balance is None else round_like_api(max(balance, 0.0)),
            "powerExportTotal": None if balance is None else round_like_api(max(-balance, 0.0)),
            "isEstimated": hour.is_estimated,
            "estimationMethod": hour.estimation_method,
        }

    def carbon_intensity(
        self, hour: SourceHour, factor: EmissionFactorType = "lifecycle"
    ) -> dict[str, Any]:
        """The `carbon-intensity` record of one hour with the life-cycle or direct factor."""
        value = (
            hour.carbon_intensity_direct if factor == "direct" else hour.carbon_intensity_lifecycle
        )
        return {
            **self._common(hour),
            "carbonIntensity": round_like_api(value),
            "emissionFactorType": factor,
            "isEstimated": hour.is_estimated,
            "estimationMethod": hour.estimation_method,
        }

    def _common(self, hour: SourceHour) -> dict[str, Any]:
        served = self.served_time(hour)
        updated = hour.updated_at + self.shift if hour.updated_at else served + _UPDATED_AFTER
        return {
            "zone": self.zone,
            "datetime": _timestamp(served),
            "updatedAt": _timestamp(updated),
            "createdAt": _timestamp(served + _CREATED_AFTER),
            "temporalGranularity": TEMPORAL_GRANULARITY,
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
