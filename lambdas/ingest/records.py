"""Electricity Maps v3 records: validation, rejection with a reason, and merging into table rows.

Shapes follow the recorded responses (data/README.md, `api_samples/`) and the current API
(`temporalGranularity`, `emissionFactorType`). Numbers must be JSON numbers (a string is
malformed, not coerced); null stays None. A carbon-intensity record must carry the factor type
that was asked for (or none); a record of another granularity than hourly is refused. Negative
values are legal only for storage (`hydro discharge`, `battery discharge`, negative when
charging) and exchanges.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from lambdas.core.measurements import POWER_BREAKDOWN, MeasurementRow
from lambdas.core.observability import logger

Endpoint = Literal["power-breakdown", "carbon-intensity"]
EmissionFactorType = Literal["lifecycle", "direct"]
# What one hour is made of, each fetched by its own request; the names are the `raw` keys of
# lambdas.core.measurements.
Feed = Literal["power-breakdown", "carbon-intensity", "carbon-intensity-direct"]
FEEDS: dict[Feed, tuple[Endpoint, EmissionFactorType | None]] = {
    "power-breakdown": ("power-breakdown", None),
    "carbon-intensity": ("carbon-intensity", "lifecycle"),
    "carbon-intensity-direct": ("carbon-intensity", "direct"),
}

Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
NonNegative = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
Percentage = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]

# Breakdown key -> column; storage keys carry a space in the API.
SOURCE_COLUMNS: dict[str, str] = {
    "nuclear": "nuclear_mw",
    "geothermal": "geothermal_mw",
    "biomass": "biomass_mw",
    "coal": "coal_mw",
    "wind": "wind_mw",
    "solar": "solar_mw",
    "hydro": "hydro_mw",
    "gas": "gas_mw",
    "oil": "oil_mw",
    "unknown": "unknown_mw",
    "hydro discharge": "hydro_discharge_mw",
    "battery discharge": "battery_discharge_mw",
}
STORAGE_SOURCES = frozenset({"hydro discharge", "battery discharge"})


class _Record(BaseModel):
    """Fields both endpoints share. Validate with context {"zone": expected zone}."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    zone: Annotated[str, Strict()]
    datetime: AwareDatetime
    updated_at: AwareDatetime | None = Field(default=None, alias="updatedAt")
    created_at: AwareDatetime | None = Field(default=None, alias="createdAt")
    is_estimated: Annotated[bool, Strict()] | None = Field(default=None, alias="isEstimated")
    estimation_method: Annotated[str, Strict()] | None = Field(
        default=None, alias="estimationMethod"
    )
    temporal_granularity: Literal["hourly"] | None = Field(
        default=None, alias="temporalGranularity"
    )

    @field_validator("datetime")
    @classmethod
    def _whole_hour(cls, value: dt.datetime) -> dt.datetime:
        value = value.astimezone(dt.UTC)
        if (value.minute, value.second, value.microsecond) != (0, 0, 0):
            raise ValueError("is not the start of an hour")
        return value

    @model_validator(mode="after")
    def _expected_zone(self, info: ValidationInfo) -> "_Record":
        expected = (info.context or {}).get("zone")
        if expected is not None and self.zone != expected:
            raise ValueError(f"zone {self.zone!r} is not the requested {expected!r}")
        return self

    @property
    def revision_at(self) -> dt.datetime | None:
        """When upstream last changed this record (updatedAt, else createdAt), in UTC."""
        moment = self.updated_at or self.created_at
        return None if moment is None else moment.astimezone(dt.UTC)


class PowerBreakdownRecord(_Record):
    """One hour of `power-breakdown` (MW; percentages 0-100)."""

    power_consumption_breakdown: dict[str, Number | None] | None = Field(
        default=None, alias="powerConsumptionBreakdown"
    )
    power_production_breakdown: dict[str, Number | None] | None = Field(
        default=None, alias="powerProductionBreakdown"
    )
    power_import_breakdown: dict[str, Number | None] | None = Field(
        default=None, alias="powerImportBreakdown"
    )
    power_export_breakdown: dict[str, Number | None] | None = Field(
        default=None, alias="powerExportBreakdown"
    )
    fossil_free_percentage: Percentage | None = Field(default=None, alias="fossilFreePercentage")
    renewable_percentage: Percentage | None = Field(default=None, alias="renewablePercentage")
    power_consumption_total: NonNegative | None = Field(default=None, alias="powerConsumptionTotal")
    power_production_total: NonNegative | None = Field(default=None, alias="powerProductionTotal")
    power_import_total: Number | None = Field(default=None, alias="powerImportTotal")
    power_export_total: Number | None = Field(default=None, alias="powerExportTotal")

    @field_validator("power_consumption_breakdown", "power_production_breakdown")
    @classmethod
    def _sources_not_negative(
        cls, value: dict[str, float | None] | None
    ) -> dict[str, float | None] | None:
        for source, mw in (value or {}).items():
            if mw is not None and mw < 0 and source not in STORAGE_SOURCES:
                raise ValueError(f"{source!r} is negative ({mw}); only storage may be")
        return value


class CarbonIntensityRecord(_Record):
    """One hour of `carbon-intensity` (gCO2eq/kWh)."""

    carbon_intensity: NonNegative | None = Field(default=None, alias="carbonIntensity")
    emission_factor_type: EmissionFactorType | None = Field(
        default=None, alias="emissionFactorType"
    )

    @model_validator(mode="after")
    def _asked_factor(self, info: ValidationInfo) -> "CarbonIntensityRecord":
        asked = (info.context or {}).get("emission_factor_type")
        found = self.emission_factor_type
        if asked is not None and found is not None and found != asked:
            raise ValueError(f"emissionFactorType {found!r} is not the requested {asked!r}")
        return self


RecordT = TypeVar("RecordT", PowerBreakdownRecord, CarbonIntensityRecord)


@dataclass(frozen=True)
class Accepted(Generic[RecordT]):
    """A valid record and the JSON it came from (kept for the `raw` audit column)."""

    record: RecordT
    raw: dict[str, Any]


@dataclass(frozen=True)
class Rejected:
    """A record refused by validation, and why."""

    endpoint: Feed
    reason: str
    datetime: str | None


def _reason(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "record"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def parse_records(
    model: type[RecordT], endpoint: Feed, items: Iterable[object], zone: str
) -> tuple[list[Accepted[RecordT]], list[Rejected]]:
    """Validate each record; log and return the malformed ones instead of failing the batch.

    Two records for one hour keep the newer revision.
    """
    context = {"zone": zone, "emission_factor_type": FEEDS[endpoint][1]}
    accepted: dict[dt.datetime, Accepted[RecordT]] = {}
    rejected: list[Rejected] = []
    for item in items:
        try:
            if not isinstance(item, dict):
                raise TypeError(f"a record must be a JSON object, not {type(item).__name__}")
            record = model.model_validate(item, context=context)
        except (ValidationError, TypeError) as exc:
            reason = _reason(exc) if isinstance(exc, ValidationError) else str(exc)
            when = item.get("datetime") if isinstance(item, dict) else None
            rejected.append(Rejected(endpoint, reason, when if isinstance(when, str) else None))
            logger.warning("record rejected", endpoint=endpoint, reason=reason, datetime=when)
            continue
        previous = accepted.get(record.datetime)
        if previous is None or _later(record, previous.record):
            accepted[record.datetime] = Accepted(record, item)
    return list(accepted.values()), rejected


def _later(new: _Record, old: _Record) -> bool:
    if new.revision_at is None:
        return False
    return old.revision_at is None or new.revision_at > old.revision_at


def _power_values(record: PowerBreakdownRecord) -> dict[str, Any]:
    production = record.power_production_breakdown or {}
    return {
        **{column: production.get(source) for source, column in SOURCE_COLUMNS.items()},
        "fossil_free_percentage": record.fossil_free_percentage,
        "renewable_percentage": record.renewable_percentage,
        "power_consumption_total": record.power_consumption_total,
        "power_production_total": record.power_production_total,
        "power_import_total": record.power_import_total,
        "power_export_total": record.power_export_total,
        "is_estimated": record.is_estimated,
        "estimation_method": record.estimation_method,
        "power_breakdown_updated_at": record.revision_at,
    }


def _carbon_values(item: Accepted[CarbonIntensityRecord], feed: str) -> dict[str, Any]:
    column = "carbon_intensity_direct" if feed == "carbon-intensity-direct" else "carbon_intensity"
    return {column: item.record.carbon_intensity, f"{column}_updated_at": item.record.revision_at}


_REVISIONS = (
    "power_breakdown_updated_at",
    "carbon_intensity_updated_at",
    "carbon_intensity_direct_updated_at",
)


def merge_records(
    zone: str,
    power: Iterable[Accepted[PowerBreakdownRecord]],
    carbon: Iterable[Accepted[CarbonIntensityRecord]],
    carbon_direct: Iterable[Accepted[CarbonIntensityRecord]] = (),
) -> list[MeasurementRow]:
    """One row per hour from whichever of the three records exist, ordered by hour.

    The estimation flag is the power breakdown's; an hour without one takes a carbon record's.
    """
    by_hour: dict[dt.datetime, dict[str, Any]] = {}
    for feed, items in (("carbon-intensity", carbon), ("carbon-intensity-direct", carbon_direct)):
        for item in items:
            values = by_hour.setdefault(item.record.datetime, {"raw": {}})
            values.update(_carbon_values(item, feed))
            values.setdefault("is_estimated", item.record.is_estimated)
            values.setdefault("estimation_method", item.record.estimation_method)
            values["raw"][feed] = item.raw
    for power_item in power:
        values = by_hour.setdefault(power_item.record.datetime, {"raw": {}})
        values.update(_power_values(power_item.record))
        values["raw"][POWER_BREAKDOWN] = power_item.raw
    rows = []
    for hour in sorted(by_hour):
        values = by_hour[hour]
        revisions = [values[key] for key in _REVISIONS if values.get(key) is not None]
        rows.append(
            MeasurementRow(
                zone=zone,
                datetime=hour,
                source_updated_at=max(revisions, default=None),
                **values,
            )
        )
    return rows


def validate_records(
    items_by_feed: Mapping[Feed, Iterable[object]], zone: str
) -> tuple[list[MeasurementRow], list[Rejected]]:
    """Validate every feed's records and merge the valid ones into rows.

    A refused record costs only its own part of the hour: the others are still stored.
    """
    power, rejected_power = parse_records(
        PowerBreakdownRecord, "power-breakdown", items_by_feed.get("power-breakdown", ()), zone
    )
    carbon, rejected_carbon = parse_records(
        CarbonIntensityRecord, "carbon-intensity", items_by_feed.get("carbon-intensity", ()), zone
    )
    direct, rejected_direct = parse_records(
        CarbonIntensityRecord,
        "carbon-intensity-direct",
        items_by_feed.get("carbon-intensity-direct", ()),
        zone,
    )
    rows = merge_records(zone, power, carbon, direct)
    return rows, [*rejected_power, *rejected_carbon, *rejected_direct]
