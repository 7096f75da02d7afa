"""Carbon intensity, shares, the whole mix and net imports: replay -> ingest -> API, over HTTP."""

import csv
import io
import math
from datetime import UTC, datetime, timedelta

import httpx
import psycopg
import pytest

from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.ingest import service
from lambdas.ingest.client import ElectricityMapsClient
from lambdas.local.replay import ReplayApi, ReplayServer
from lambdas.local.replay_data import SourceHour, build_replay_data
from tests.constants import ZONE


def _api(value: float | None) -> int | None:
    return None if value is None else math.floor(value + 0.5)


@pytest.fixture
def newest(db: psycopg.Connection) -> SourceHour:
    """Two days of the default replay (2021, shifted to now) ingested; its newest file hour."""
    now = datetime.now(UTC)
    data = build_replay_data(now=now)
    event = {"action": "backfill", "start_date": (now - timedelta(days=2)).isoformat()}
    with (
        ReplayServer(ReplayApi(data, clock=lambda: now)) as server,
        ElectricityMapsClient(server.url, None) as client,
    ):
        output = service.run(
            parse_pipeline_input({**event, "end_date": now.isoformat()}),
            conn=db,
            client=client,
            default_zone=ZONE,
            history_days=30,
            now=now,
            run_id="carbon-reads",
        )
    assert output.rows_rejected == 0
    assert output.latest_datetime is not None
    return next(h for h in data.hours if h.datetime + data.shift == output.latest_datetime)


@pytest.fixture
def status(api_url: str, newest: SourceHour) -> dict:
    answer = httpx.get(f"{api_url}/status/latest")
    assert answer.status_code == 200
    return answer.json()


def test_status_gives_carbon_intensity_with_its_factor_and_source(status, newest):
    assert status["carbon_intensity"] == _api(newest.carbon_intensity_lifecycle)
    assert status["carbon_intensity_factor_type"] == "lifecycle"
    assert status["carbon_intensity_direct"] == _api(newest.carbon_intensity_direct)
    assert status["carbon_intensity_direct"] < status["carbon_intensity"]
    assert status["carbon_intensity_source"] == "Electricity Maps"
    assert status["fossil_free_percentage"] == _api(newest.carbon_free_percent)
    assert status["renewable_percentage"] == _api(newest.renewable_percent)
    assert status["is_estimated"] is newest.is_estimated


def test_status_gives_the_mix_with_shares_of_production_and_load_and_net_imports(status, newest):
    mix = {m["source"]: m for m in status["generation_mix"]}
    assert set(mix) == {"coal", "gas", "hydro", "solar", "wind", "unknown"}  # every known one
    production = sum(_api(v) for v in newest.production_mw().values())
    load = _api(newest.demand_mw)
    gas = mix["gas"]
    assert gas["mw"] == _api(newest.gas_mw)
    assert gas["share_percent"] == round(100 * gas["mw"] / production, 2)
    assert gas["share_of_load_percent"] == round(100 * gas["mw"] / load, 2)
    assert status["net_import_mw"] == status["import_mw"] - status["export_mw"]
    assert status["net_import_mw"] == load - production
    assert "carbon_intensity" not in status["unknown_fields"]
    assert "nuclear_mw" in status["unknown_fields"]


def test_measurements_and_their_csv_carry_every_stored_field(api_url, newest):
    page = httpx.get(f"{api_url}/measurements", params={"range": "day"}).json()
    last = page["measurements"][-1]
    assert last["carbon_intensity_direct"] == _api(newest.carbon_intensity_direct)
    assert last["is_estimated"] is newest.is_estimated
    assert "estimation_method" in last
    assert {"carbon_intensity", "carbon_intensity_direct", "coal_mw", "power_import_total"} <= set(
        page["available"]
    )
    answer = httpx.get(f"{api_url}/measurements", params={"range": "day", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert set(last) == set(rows[-1])  # the same fields in both
    assert float(rows[-1]["carbon_intensity_direct"]) == last["carbon_intensity_direct"]
    assert rows[-1]["is_estimated"] in ("true", "false")
    assert rows[-1]["nuclear_mw"] == ""  # unknown is an empty cell, never 0
