"""Every real field, from the bundled files through the replay over HTTP into the table.

The expected values are computed here from the file alone (data/README.md's mapping, the
API's rounding to integers, the replay's shift by whole weeks), not by the replay's code.
"""

import math
from datetime import UTC, datetime, timedelta

from lambdas.local.replay import Faults
from lambdas.local.replay_data import DATA_DIR, SourceHour, load_hours, shift_to_now

LIVE_NOW = datetime(2026, 11, 29, 10, 41, tzinfo=UTC)
CURRENT_HOUR = datetime(2026, 11, 29, 10, tzinfo=UTC)
DAYS = 30
MIX = {"coal_mw": "coal_mw", "gas_mw": "gas_mw", "hydro_mw": "hydro_mw", "unknown_mw": "other_mw"}
NEVER_KNOWN = (
    "nuclear_mw",
    "geothermal_mw",
    "biomass_mw",
    "oil_mw",
    "hydro_discharge_mw",
    "battery_discharge_mw",
)


def _api(value: float | None) -> int | None:
    """What the API serves: the nearest integer, halves up."""
    return None if value is None else math.floor(value + 0.5)


def expected_row(hour: SourceHour) -> dict:
    """The stored columns of one file hour, by the shared README's mapping."""
    sources = [hour.coal_mw, hour.gas_mw, hour.hydro_mw, hour.solar_mw, hour.wind_mw, hour.other_mw]
    production = None if None in sources else sum(sources)
    balance = None if production is None or hour.demand_mw is None else hour.demand_mw - production
    return {
        "power_consumption_total": _api(hour.demand_mw),
        "solar_mw": _api(hour.solar_mw),
        "wind_mw": _api(hour.wind_mw),
        **{column: _api(getattr(hour, field)) for column, field in MIX.items()},
        "power_production_total": _api(production),
        "power_import_total": None if balance is None else _api(max(balance, 0)),
        "power_export_total": None if balance is None else _api(max(-balance, 0)),
        "fossil_free_percentage": _api(hour.carbon_free_percent),
        "renewable_percentage": _api(hour.renewable_percent),
        "carbon_intensity": _api(hour.carbon_intensity_lifecycle),
        "carbon_intensity_direct": _api(hour.carbon_intensity_direct),
        "is_estimated": hour.is_estimated,
        "estimation_method": hour.estimation_method,
        **dict.fromkeys(NEVER_KNOWN),
    }


def _backfill(start: datetime, end: datetime) -> dict:
    return {"action": "backfill", "start_date": start.isoformat(), "end_date": end.isoformat()}


def _stored_values(row: dict, columns) -> dict:
    return {column: row[column] for column in columns}


def test_the_newest_30_days_store_every_real_field_of_the_file(
    replay, run_ingest, stored, la_hours
):
    shift = shift_to_now(la_hours[-1].datetime, LIVE_NOW)
    server = replay(clock=lambda: LIVE_NOW, shift=shift)
    start, end = CURRENT_HOUR - timedelta(days=DAYS), CURRENT_HOUR + timedelta(hours=1)
    output = run_ingest(server, _backfill(start, end), now=LIVE_NOW)
    source = {h.datetime + shift: h for h in la_hours if start <= h.datetime + shift < end}
    assert (output.rows_written, output.rows_rejected, output.gaps) == (len(source), 0, [])
    rows = stored()
    assert set(rows) == set(source)
    for moment, hour in source.items():
        expected = expected_row(hour)
        assert _stored_values(rows[moment], expected) == expected, moment
    known = {c: sum(rows[m][c] is not None for m in source) for c in expected_row(la_hours[-1])}
    # Every real series is there for (nearly) every hour: the newest year has them all at once.
    assert all(known[c] >= len(source) - 2 for c in (*MIX, "carbon_intensity", "solar_mw")), known
    assert known["carbon_intensity_direct"] == known["carbon_intensity"]
    assert known["power_import_total"] >= len(source) - 2
    assert all(known[c] == 0 for c in NEVER_KNOWN)


def test_a_2022_2023_replay_stores_carbon_and_demand_and_leaves_solar_and_the_mix_null(
    replay, run_ingest, stored
):
    hours = load_hours(DATA_DIR / "ldwp_demand_carbon_2022_2023.csv.gz")
    now = datetime(2024, 1, 2, tzinfo=UTC)
    server = replay(hours=hours, clock=lambda: now)
    start, end = datetime(2023, 12, 1, 8, tzinfo=UTC), datetime(2024, 1, 1, 8, tzinfo=UTC)
    output = run_ingest(server, _backfill(start, end), now=now)
    source = {h.datetime: h for h in hours if start <= h.datetime < end}
    assert (output.rows_written, output.rows_rejected) == (len(source), 0) == (744, 0)
    rows = stored()
    for moment, hour in source.items():
        expected = expected_row(hour)
        assert _stored_values(rows[moment], expected) == expected, moment
    for column in ("solar_mw", "wind_mw", *MIX, "power_production_total", "power_import_total"):
        assert {row[column] for row in rows.values()} == {None}, column
    for column in ("carbon_intensity", "carbon_intensity_direct", "power_consumption_total"):
        assert sum(row[column] is not None for row in rows.values()) >= 740, column


def test_a_malformed_record_is_counted_and_the_rest_of_its_hour_kept(
    replay, run_ingest, stored, la_hours
):
    start = datetime(2021, 6, 1, 7, tzinfo=UTC)
    end = start + timedelta(days=3)
    server = replay(Faults(malformed_rate=0.05, seed=11), clock=lambda: end)
    output = run_ingest(server, _backfill(start, end), now=end)
    corrupted = server.api.stats.corruptions
    assert output.rows_rejected == len(corrupted) > 0
    factors = {q.get("emissionFactorType") for path, q, _ in server.api.stats.requests}
    assert factors == {None, "lifecycle", "direct"}
    source = {h.datetime: h for h in la_hours if start <= h.datetime < end}
    power_broken = {c.datetime for c in corrupted if c.endpoint == "power-breakdown"}
    carbon_broken = {c.datetime for c in corrupted if c.endpoint == "carbon-intensity"}
    rows = stored()
    carbon_lost = set()
    for column in ("carbon_intensity", "carbon_intensity_direct"):
        nulls = {m for m, row in rows.items() if row[column] is None}
        assert nulls <= carbon_broken, column  # a missing value is a refused record, never a loss
        carbon_lost |= nulls - power_broken
    assert carbon_lost
    for moment in carbon_lost:  # the power half of the hour is kept
        assert rows[moment]["power_consumption_total"] == _api(source[moment].demand_mw)
    assert power_broken - carbon_broken
    for moment in power_broken - carbon_broken:  # and the carbon half of a broken power hour
        assert rows[moment]["power_breakdown_updated_at"] is None
        assert rows[moment]["power_consumption_total"] is None
        assert rows[moment]["carbon_intensity"] == _api(source[moment].carbon_intensity_lifecycle)
        assert rows[moment]["carbon_intensity_direct"] == _api(
            source[moment].carbon_intensity_direct
        )
