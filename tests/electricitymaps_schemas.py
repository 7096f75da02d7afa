"""JSON Schemas of the Electricity Maps API v3 answers the project reads, for strict checks.

Written from the published API description (TOOLCHAIN.md, "Electricity Maps' current API")
and the recorded real responses (`tests/unit/ingest/samples/`, from data/api_samples):
types, required keys, integers where the API rounds (MW, gCO2eq/kWh, percent), `null` where a
value is unknown, exchange breakdowns as objects. `recorded=True` gives the schemas the 2024
recordings satisfy; the default adds what the current API always sends (`temporalGranularity`
on carbon-intensity records and on series answers), which the replay must match.
"""

import functools
import json
from typing import Any

import jsonschema_rs

_INSTANT = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$"}
_HOUR = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:00:00(\.000)?Z$"}
_MW = {"type": ["integer", "null"]}
_MW_NOT_NEGATIVE = {"type": ["integer", "null"], "minimum": 0}
_PERCENT = {"type": ["integer", "null"], "minimum": 0, "maximum": 100}
_GRANULARITY = {"enum": ["5_minutes", "15_minutes", "hourly", "daily", "monthly", "yearly"]}
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
_STORAGE = ("hydro discharge", "battery discharge")  # negative when charging
_BREAKDOWN = {
    "type": "object",
    "required": list(BREAKDOWN_KEYS),
    "properties": {key: _MW if key in _STORAGE else _MW_NOT_NEGATIVE for key in BREAKDOWN_KEYS},
    "additionalProperties": _MW,
}
_EXCHANGES = {"type": "object", "additionalProperties": _MW_NOT_NEGATIVE}
_COMMON = {
    "zone": {"type": "string", "minLength": 1},
    "datetime": _HOUR,
    "updatedAt": _INSTANT,
    "createdAt": _INSTANT,
    "isEstimated": {"type": ["boolean", "null"]},
    "estimationMethod": {"type": ["string", "null"]},
    "temporalGranularity": _GRANULARITY,
}
_COMMON_REQUIRED = ["zone", "datetime", "updatedAt", "createdAt", "isEstimated", "estimationMethod"]


def power_breakdown_record(*, recorded: bool = False) -> dict[str, Any]:
    """One hour of `power-breakdown` (latest, or an item of history / past-range)."""
    return {
        "type": "object",
        "required": [
            *_COMMON_REQUIRED,
            "powerConsumptionBreakdown",
            "powerProductionBreakdown",
            "powerImportBreakdown",
            "powerExportBreakdown",
            "fossilFreePercentage",
            "renewablePercentage",
            "powerConsumptionTotal",
            "powerProductionTotal",
            "powerImportTotal",
            "powerExportTotal",
        ],
        "properties": {
            **_COMMON,
            "powerConsumptionBreakdown": _BREAKDOWN,
            "powerProductionBreakdown": _BREAKDOWN,
            "powerImportBreakdown": _EXCHANGES,
            "powerExportBreakdown": _EXCHANGES,
            "fossilFreePercentage": _PERCENT,
            "renewablePercentage": _PERCENT,
            "powerConsumptionTotal": _MW_NOT_NEGATIVE,
            "powerProductionTotal": _MW_NOT_NEGATIVE,
            "powerImportTotal": _MW_NOT_NEGATIVE,
            "powerExportTotal": _MW_NOT_NEGATIVE,
        },
    }


def carbon_intensity_record(*, recorded: bool = False) -> dict[str, Any]:
    """One hour of `carbon-intensity` (gCO2eq/kWh)."""
    current = [] if recorded else ["temporalGranularity"]
    return {
        "type": "object",
        "required": [*_COMMON_REQUIRED, "carbonIntensity", "emissionFactorType", *current],
        "properties": {
            **_COMMON,
            "carbonIntensity": _MW_NOT_NEGATIVE,
            "emissionFactorType": {"enum": ["lifecycle", "direct"]},
        },
    }


def series(record: dict[str, Any], key: str, *, recorded: bool = False) -> dict[str, Any]:
    """A `history` (key "history") or `past-range` (key "data") answer of `record`s."""
    current = [] if recorded else ["temporalGranularity"]
    return {
        "type": "object",
        "required": ["zone", key, *current],
        "properties": {
            "zone": {"type": "string", "minLength": 1},
            key: {"type": "array", "items": record},
            "temporalGranularity": _GRANULARITY,
        },
    }


ERROR = {
    "type": "object",
    "anyOf": [{"required": ["error"]}, {"required": ["message"]}],
    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
}


def answer_schema(endpoint: str, view: str, *, recorded: bool = False) -> dict[str, Any]:
    """The schema of a 200 answer of `/v3/{endpoint}/{view}`."""
    build = power_breakdown_record if endpoint == "power-breakdown" else carbon_intensity_record
    record = build(recorded=recorded)
    if view == "latest":
        return record
    key = "history" if view == "history" else "data"
    return series(record, key, recorded=recorded)


@functools.cache
def _validator(schema_json: str) -> Any:
    return jsonschema_rs.Draft202012Validator(json.loads(schema_json))


def validation_errors(schema: dict[str, Any], body: Any) -> list[str]:
    """Every way `body` breaks `schema` (draft 2020-12), as readable lines; [] when valid."""
    validator = _validator(json.dumps(schema, sort_keys=True))
    errors = validator.iter_errors(body)
    return [f"{list(error.instance_path)}: {error.message}" for error in errors]
