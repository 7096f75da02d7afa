"""The replay server over real HTTP on loopback: the client's three views, and `gridla replay`."""

import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from lambdas.core.errors import UpstreamRefused
from lambdas.core.time_range import Window
from lambdas.ingest.client import ElectricityMapsClient, RetryPolicy
from lambdas.ingest.records import CarbonIntensityRecord, PowerBreakdownRecord, parse_records
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from tests.constants import REPO_ROOT, ZONE
from tests.electricitymaps_schemas import answer_schema, validation_errors

NOW = datetime(2021, 1, 1, tzinfo=UTC)
# Waiting for a server that is still starting: connection refused is retried.
PATIENT = RetryPolicy(max_attempts=100, initial_wait_seconds=0.05, max_wait_seconds=0.2)


@pytest.fixture(scope="module")
def server(la_csv_path):
    data = build_replay_data(la_csv_path, now=NOW, shift=False)
    with ReplayServer(ReplayApi(data, clock=lambda: NOW)) as running:
        yield running


@pytest.fixture(scope="module")
def server_2021(la_csv_path):
    """The unshifted data with a clock in late 2021, when every series is known."""
    now = datetime(2021, 12, 1, 12, tzinfo=UTC)
    data = build_replay_data(la_csv_path, now=now, shift=False)
    with ReplayServer(ReplayApi(data, clock=lambda: now)) as running:
        yield running


def test_latest_history_and_past_range_over_http(server):
    with ElectricityMapsClient(server.url, None) as client:
        latest = client.latest("power-breakdown", ZONE)
        history = client.history("carbon-intensity", ZONE)
        window = Window(datetime(2020, 7, 1, tzinfo=UTC), datetime(2020, 7, 11, tzinfo=UTC))
        records = client.past_range("power-breakdown", ZONE, window)
    assert latest["datetime"] == "2021-01-01T00:00:00.000Z"  # the current hour of the clock
    assert len(history) == 24
    assert len(records) == 240
    accepted, rejected = parse_records(PowerBreakdownRecord, "power-breakdown", records, ZONE)
    assert (len(accepted), rejected) == (240, [])
    accepted, rejected = parse_records(CarbonIntensityRecord, "carbon-intensity", history, ZONE)
    assert (len(accepted), rejected) == (24, [])


def test_unknown_zone_is_no_data(server):
    with ElectricityMapsClient(server.url, None) as client:
        assert client.history("power-breakdown", "DE") == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_gridla_replay_serves_until_interrupted():
    port = _free_port()
    command = "from lambdas.local.cli import main; main()"
    args = ["replay", "--port", str(port), "--token", "t0k", "--no-shift", "--seed", "1"]
    process = subprocess.Popen(
        [sys.executable, "-c", command, *args], stdout=subprocess.PIPE, text=True
    )
    try:
        url = f"http://127.0.0.1:{port}/v3"
        with ElectricityMapsClient(url, "t0k", retry=PATIENT) as client:
            latest = client.latest("power-breakdown", ZONE)
        assert latest["datetime"] == "2022-01-01T06:00:00.000Z"  # --no-shift: the original dates
        with ElectricityMapsClient(url, "wrong") as client, pytest.raises(UpstreamRefused):
            client.history("power-breakdown", ZONE)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=10)
    assert process.returncode == 0
    assert url in output
    assert "export ELECTRICITYMAPS_API_URL" in output


def test_an_injected_gap_is_missing_over_http(la_csv_path):
    data = build_replay_data(la_csv_path, now=NOW, shift=False, gap_rate=0.5, seed=3)
    assert 0.45 < 1 - len(data.hours) / 26_304 < 0.55
    start = data.hours[0].datetime
    with (
        ReplayServer(ReplayApi(data, Faults(), clock=lambda: NOW)) as running,
        ElectricityMapsClient(running.url, None) as client,
    ):
        window = Window(start, start + timedelta(days=1))
        records = client.past_range("power-breakdown", ZONE, window)
    assert 6 < len(records) < 18


def test_gridla_replay_csv_serves_another_file_with_its_unknowns_null():
    port = _free_port()
    command = "from lambdas.local.cli import main; main()"
    csv = "data/ldwp_demand_carbon_2022_2023.csv.gz"
    args = ["replay", "--port", str(port), "--no-shift", "--csv", csv]
    process = subprocess.Popen(
        [sys.executable, "-c", command, *args], stdout=subprocess.PIPE, text=True, cwd=REPO_ROOT
    )
    try:
        url = f"http://127.0.0.1:{port}/v3"
        with ElectricityMapsClient(url, None, retry=PATIENT) as client:
            power = client.latest("power-breakdown", ZONE)
            window = Window(
                datetime(2023, 12, 31, 7, tzinfo=UTC), datetime(2024, 1, 1, 7, tzinfo=UTC)
            )
            direct = client.past_range("carbon-intensity", ZONE, window, "direct")
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=10)
    assert power["datetime"] == "2024-01-01T07:00:00.000Z"
    assert power["powerProductionBreakdown"]["solar"] is None
    assert power["powerProductionTotal"] is None
    assert isinstance(power["powerConsumptionTotal"], int)
    assert len(direct) == 24
    assert {r["emissionFactorType"] for r in direct} == {"direct"}
    assert all(isinstance(r["carbonIntensity"], int) for r in direct)


@pytest.mark.parametrize("endpoint", ["power-breakdown", "carbon-intensity"])
@pytest.mark.parametrize(
    "query",
    [
        {"zone": ZONE},
        {"zoneKey": ZONE, "emissionFactorType": "direct"},
        {"lat": "34.05", "lon": "-118.24", "disableEstimations": "true"},
    ],
)
def test_answers_over_http_validate_against_the_api_schemas(server_2021, endpoint, query):
    window = {"start": "2021-11-20T00:00:00Z", "end": "2021-11-30T00:00:00Z"}
    with httpx.Client(base_url=server_2021.url + "/") as http:
        for view, extra in (("latest", {}), ("history", {}), ("past-range", window)):
            answer = http.get(f"{endpoint}/{view}", params={**query, **extra})
            assert answer.status_code == 200
            assert answer.headers["content-type"] == "application/json"
            body = answer.json()
            assert validation_errors(answer_schema(endpoint, view), body) == []
            records = [body] if view == "latest" else body.get("history", body.get("data"))
            known = "carbonIntensity" if endpoint == "carbon-intensity" else "powerProductionTotal"
            assert all(isinstance(record[known], int) for record in records)
