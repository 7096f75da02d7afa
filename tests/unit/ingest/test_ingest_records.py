"""Record validation and merging, on the recorded real API responses and on broken copies."""

import copy
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lambdas.core.measurements import CARBON_INTENSITY, CARBON_INTENSITY_DIRECT, POWER_BREAKDOWN
from lambdas.ingest.records import (
    CarbonIntensityRecord,
    PowerBreakdownRecord,
    merge_records,
    parse_records,
    validate_records,
)

SAMPLES = Path(__file__).parent / "samples"


def _sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text())


def test_recorded_power_history_is_valid_and_keeps_negative_storage():
    items = _sample("power_breakdown_history")["history"]
    accepted, rejected = parse_records(PowerBreakdownRecord, "power-breakdown", items, "DE")
    assert rejected == []
    assert len(accepted) == 24
    discharges = [a.record.power_production_breakdown["hydro discharge"] for a in accepted]
    assert min(d for d in discharges if d is not None) < 0  # pumping is legal


def test_recorded_carbon_responses_are_valid():
    for name, key, zone in [
        ("carbon_intensity_history", "history", "DE"),
        ("carbon_intensity_past_range", "data", "DK-DK2"),
    ]:
        items = _sample(name)[key]
        accepted, rejected = parse_records(CarbonIntensityRecord, "carbon-intensity", items, zone)
        assert rejected == [], name
        assert len(accepted) == len(items)


def test_latest_sample_maps_to_columns_and_null_stays_null():
    raw = _sample("latest_power_breakdown")
    carbon = {**_sample("latest_carbon_intensity"), "zone": "DE"}
    rows, rejected = validate_records(
        {"power-breakdown": [raw], "carbon-intensity": [carbon]}, "DE"
    )
    assert rejected == []
    (row,) = rows
    assert row.datetime == datetime(2024, 3, 6, 19, tzinfo=UTC)
    assert row.nuclear_mw is None  # production "nuclear": null, not 0
    assert row.battery_discharge_mw is None
    assert (row.coal_mw, row.hydro_discharge_mw) == (23339, 1496)
    assert row.power_consumption_total == 52901
    assert row.carbon_intensity == 216
    assert row.is_estimated is True
    assert row.estimation_method == "TIME_SLICER_AVERAGE"
    assert row.raw == {POWER_BREAKDOWN: raw, CARBON_INTENSITY: carbon}


def _power(**changes) -> dict:
    record = copy.deepcopy(_sample("latest_power_breakdown"))
    record.update(changes)
    return record


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (_power(datetime="2024-13-45T25:00:00Z"), "datetime"),
        (_power(datetime="2024-03-06T19:30:00Z"), "start of an hour"),
        (_power(datetime="2024-03-06T19:00:00"), "timezone"),
        (_power(powerConsumptionTotal="52901"), "powerConsumptionTotal"),
        (_power(powerConsumptionTotal=float("nan")), "powerConsumptionTotal"),
        (_power(zone="FR"), "zone 'FR' is not the requested 'DE'"),
        (_power(fossilFreePercentage=140), "fossilFreePercentage"),
        (_power(powerProductionTotal=-5), "powerProductionTotal"),
        (_power(powerProductionBreakdown={"solar": -3.0}), "'solar' is negative"),
        (_power(powerProductionBreakdown={"solar": "lots"}), "powerProductionBreakdown"),
        (_power(isEstimated="yes"), "isEstimated"),
        (_power(temporalGranularity="daily"), "temporalGranularity"),
        ("not a record", "JSON object"),
    ],
)
def test_malformed_record_is_rejected_with_its_reason(record, reason):
    good = _power(datetime="2024-03-06T20:00:00.000Z")
    accepted, rejected = parse_records(
        PowerBreakdownRecord, "power-breakdown", [record, good], "DE"
    )
    assert len(accepted) == 1  # the rest of the batch survives
    (refused,) = rejected
    assert reason in refused.reason
    assert refused.endpoint == "power-breakdown"


def test_negative_exchange_and_storage_are_legal():
    record = _power(
        powerImportTotal=-10,
        powerProductionBreakdown={"battery discharge": -40.0, "hydro discharge": -1.5},
    )
    accepted, rejected = parse_records(PowerBreakdownRecord, "power-breakdown", [record], "DE")
    assert rejected == []
    assert accepted[0].record.power_import_total == -10


def test_negative_carbon_intensity_is_rejected():
    record = {**_sample("latest_carbon_intensity"), "carbonIntensity": -1}
    _, rejected = parse_records(CarbonIntensityRecord, "carbon-intensity", [record], "US-CAR-DUK")
    assert "carbonIntensity" in rejected[0].reason


def test_duplicate_hour_keeps_the_newer_revision():
    old = _power(updatedAt="2024-03-06T18:00:00Z", powerConsumptionTotal=1)
    new = _power(updatedAt="2024-03-07T18:00:00Z", powerConsumptionTotal=2)
    for order in ([old, new], [new, old]):
        accepted, _ = parse_records(PowerBreakdownRecord, "power-breakdown", order, "DE")
        assert [a.record.power_consumption_total for a in accepted] == [2]


def test_revision_falls_back_to_created_at():
    record = _power()
    del record["updatedAt"]
    accepted, _ = parse_records(PowerBreakdownRecord, "power-breakdown", [record], "DE")
    assert accepted[0].record.revision_at == datetime(2024, 3, 3, 19, 46, 59, 534000, tzinfo=UTC)


def test_merge_keeps_each_side_and_its_revision():
    power_raw = _power(datetime="2024-03-06T19:00:00Z", updatedAt="2024-03-06T20:00:00Z")
    carbon_raw = {
        **_sample("latest_carbon_intensity"),
        "zone": "DE",
        "datetime": "2024-03-06T20:00:00Z",
        "updatedAt": "2024-03-06T21:00:00Z",
    }
    power, _ = parse_records(PowerBreakdownRecord, "power-breakdown", [power_raw], "DE")
    carbon, _ = parse_records(CarbonIntensityRecord, "carbon-intensity", [carbon_raw], "DE")
    first, second = merge_records("DE", power, carbon)
    assert first.datetime < second.datetime
    assert first.carbon_intensity is None
    assert first.carbon_intensity_updated_at is None
    assert first.power_breakdown_updated_at == first.source_updated_at
    assert second.solar_mw is None
    assert second.power_breakdown_updated_at is None
    assert second.carbon_intensity == 216
    assert second.source_updated_at == datetime(2024, 3, 6, 21, tzinfo=UTC)
    assert set(first.raw) == {POWER_BREAKDOWN}
    assert set(second.raw) == {CARBON_INTENSITY}


def _carbon(factor: str | None, intensity: int, **changes) -> dict:
    record = {**_sample("latest_carbon_intensity"), "zone": "DE", "carbonIntensity": intensity}
    record.update(changes, emissionFactorType=factor)
    return record


def test_the_direct_factor_has_its_own_column_and_revision():
    rows, rejected = validate_records(
        {
            "power-breakdown": [_power()],
            "carbon-intensity": [_carbon("lifecycle", 216)],
            "carbon-intensity-direct": [_carbon("direct", 180, updatedAt="2024-03-07T00:00:00Z")],
        },
        "DE",
    )
    assert rejected == []
    (row,) = rows
    assert (row.carbon_intensity, row.carbon_intensity_direct) == (216, 180)
    assert row.carbon_intensity_updated_at == datetime(2024, 3, 6, 18, 48, 27, 926000, tzinfo=UTC)
    assert row.carbon_intensity_direct_updated_at == datetime(2024, 3, 7, tzinfo=UTC)
    assert row.source_updated_at == datetime(2024, 3, 7, tzinfo=UTC)
    assert set(row.raw) == {POWER_BREAKDOWN, CARBON_INTENSITY, CARBON_INTENSITY_DIRECT}


@pytest.mark.parametrize(
    ("feed", "record"),
    [
        ("carbon-intensity", _carbon("direct", 180)),
        ("carbon-intensity-direct", _carbon("lifecycle", 216)),
        ("carbon-intensity", _carbon("marginal", 216)),
        ("carbon-intensity", _carbon("lifecycle", 216, temporalGranularity="15_minutes")),
    ],
)
def test_a_carbon_record_of_another_factor_or_granularity_is_refused(feed, record):
    _, rejected = parse_records(CarbonIntensityRecord, feed, [record], "DE")
    (refused,) = rejected
    assert ("emissionFactorType" in refused.reason) or ("temporalGranularity" in refused.reason)
    assert refused.endpoint == feed


def test_a_malformed_carbon_record_costs_only_its_own_part_of_the_hour():
    rows, rejected = validate_records(
        {
            "power-breakdown": [_power()],
            "carbon-intensity": [_carbon("lifecycle", 216, carbonIntensity="216")],
            "carbon-intensity-direct": [_carbon("direct", 180)],
        },
        "DE",
    )
    assert [r.endpoint for r in rejected] == ["carbon-intensity"]
    (row,) = rows
    assert (row.power_consumption_total, row.carbon_intensity_direct) == (52901, 180)
    assert (row.carbon_intensity, row.carbon_intensity_updated_at) == (None, None)


def test_a_malformed_power_record_keeps_the_carbon_half():
    rows, rejected = validate_records(
        {
            "power-breakdown": [_power(powerConsumptionTotal="n/a")],
            "carbon-intensity": [_carbon("lifecycle", 216)],
            "carbon-intensity-direct": [_carbon("direct", 180)],
        },
        "DE",
    )
    assert [r.endpoint for r in rejected] == ["power-breakdown"]
    (row,) = rows
    assert (row.carbon_intensity, row.carbon_intensity_direct) == (216, 180)
    assert (row.power_consumption_total, row.power_breakdown_updated_at) == (None, None)
    assert row.is_estimated is True  # a carbon-only hour takes the carbon record's flag
