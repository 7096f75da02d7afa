"""The replay API's behaviour without HTTP: shapes, time shift, windows and injected faults."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lambdas.ingest.records import CarbonIntensityRecord, PowerBreakdownRecord, parse_records
from lambdas.local.replay import CORRUPTIONS, Faults, ReplayApi
from lambdas.local.replay_data import ReplayData, SourceHour, build_replay_data, shift_to_now
from tests.constants import ZONE

SAMPLES = Path(__file__).parents[1] / "ingest" / "samples"
T0 = datetime(2020, 3, 1, tzinfo=UTC)
HOURS = [
    SourceHour(T0 + timedelta(hours=i), solar_mw=float(i), wind_mw=0.0, demand_mw=3000.0 + i)
    for i in range(24 * 30)
]
AFTER = T0 + timedelta(days=60)  # a clock after the data: nothing hidden


def _api(faults: Faults | None = None, *, now: datetime = AFTER, **data_kwargs) -> ReplayApi:
    return ReplayApi(ReplayData(HOURS, **data_kwargs), faults, clock=lambda: now)


def _past_range(api: ReplayApi, start: datetime, end: datetime, endpoint="power-breakdown"):
    query = {"zone": ZONE, "start": start.isoformat(), "end": end.isoformat()}
    return api.handle(f"/v3/{endpoint}/past-range", query, {})


def test_records_have_the_real_api_shape_with_nulls_for_unknowns():
    api = _api()
    power = api.handle("/v3/power-breakdown/latest", {"zone": ZONE}, {}).body
    sample = json.loads((SAMPLES / "latest_power_breakdown.json").read_text())
    assert set(power) == set(sample)
    assert set(power["powerProductionBreakdown"]) == set(sample["powerProductionBreakdown"])
    assert power["datetime"] == "2020-03-30T23:00:00.000Z"
    assert power["powerConsumptionTotal"] == 3000.0 + 719
    assert power["powerProductionBreakdown"]["solar"] == 719.0
    assert power["powerProductionBreakdown"]["gas"] is None
    assert power["powerImportTotal"] is None
    assert power["fossilFreePercentage"] is None
    carbon = api.handle("/v3/carbon-intensity/latest", {"zone": ZONE}, {}).body
    sample = json.loads((SAMPLES / "latest_carbon_intensity.json").read_text())
    assert set(carbon) == set(sample)
    assert carbon["carbonIntensity"] is None
    assert carbon["updatedAt"] > carbon["datetime"]


def test_the_bundled_data_loads_as_two_years(la_csv_path):
    data = build_replay_data(la_csv_path, now=datetime(2021, 1, 1, tzinfo=UTC), shift=False)
    assert len(data.hours) == 17_544
    assert data.hours[0].datetime == datetime(2019, 1, 1, 7, tzinfo=UTC)
    assert data.shift == timedelta(0)


def test_shift_is_whole_weeks_and_ends_at_the_current_hour():
    newest = HOURS[-1].datetime
    now = datetime(2026, 11, 29, 10, 41, tzinfo=UTC)
    shift = shift_to_now(newest, now)
    assert shift % timedelta(weeks=1) == timedelta(0)
    shifted_newest = newest + shift
    assert shifted_newest.weekday() == newest.weekday()
    assert shifted_newest.hour == newest.hour
    assert (
        timedelta(0) <= shifted_newest - datetime(2026, 11, 29, 10, tzinfo=UTC) < timedelta(weeks=1)
    )
    api = _api(now=now, shift=shift)
    latest = api.handle("/v3/power-breakdown/latest", {"zone": ZONE}, {}).body
    assert latest["datetime"] == "2026-11-29T10:00:00.000Z"  # later hours wait for their time


def test_history_is_the_last_24_hours():
    body = _api().handle("/v3/carbon-intensity/history", {"zone": ZONE}, {}).body
    assert len(body["history"]) == 24
    assert body["history"][-1]["datetime"] == "2020-03-30T23:00:00.000Z"


def test_past_range_is_end_exclusive():
    answer = _past_range(_api(), T0 + timedelta(hours=5), T0 + timedelta(hours=8))
    assert answer.status == 200
    assert [r["datetime"][11:13] for r in answer.body["data"]] == ["05", "06", "07"]


@pytest.mark.parametrize(
    ("query", "status", "error"),
    [
        ({"zone": ZONE, "start": "2020-03-01T00:00:00Z", "end": "2020-03-12T00:00:00Z"}, 400, "10"),
        ({"zone": ZONE, "start": "2020-03-02T00:00:00Z", "end": "2020-03-01T00:00:00Z"}, 400, ""),
        ({"zone": ZONE, "start": "yesterday", "end": "2020-03-01T00:00:00Z"}, 400, "ISO"),
        ({"zone": ZONE, "end": "2020-03-01T00:00:00Z"}, 400, "start"),
        ({"start": "2020-03-01T00:00:00Z", "end": "2020-03-02T00:00:00Z"}, 400, "zone"),
        ({"zone": "DE", "start": "2020-03-01T00:00:00Z", "end": "2020-03-02T00:00:00Z"}, 404, ""),
        ({"zone": ZONE, "start": "2018-03-01T00:00:00Z", "end": "2018-03-02T00:00:00Z"}, 404, ""),
    ],
)
def test_past_range_errors_look_like_the_api(query, status, error):
    answer = _api().handle("/v3/power-breakdown/past-range", query, {})
    assert answer.status == status
    assert error in answer.body["error"]


def test_future_hours_are_not_served():
    api = _api(now=T0 + timedelta(hours=5, minutes=30))
    answer = _past_range(api, T0, T0 + timedelta(days=1))
    assert len(answer.body["data"]) == 6  # hours 0..5


def test_missing_hours_are_gaps():
    missing = [T0 + timedelta(hours=h) for h in (2, 3)]
    answer = _past_range(_api(missing=missing), T0, T0 + timedelta(hours=5))
    assert [r["datetime"][11:13] for r in answer.body["data"]] == ["00", "01", "04"]


def test_token_is_checked_when_set():
    api = _api(Faults(token="s3cret"))
    assert api.handle("/v3/power-breakdown/history", {"zone": ZONE}, {}).status == 401
    wrong = api.handle("/v3/power-breakdown/history", {"zone": ZONE}, {"auth-token": "x"})
    assert wrong.body == {"error": "Token is invalid"}
    ok = api.handle("/v3/power-breakdown/history", {"zone": ZONE}, {"auth-token": "s3cret"})
    assert ok.status == 200


def test_rate_limit_answers_429_with_retry_after_until_the_window_ends():
    clock = [100.0]
    api = ReplayApi(
        ReplayData(HOURS),
        Faults(rate_limit=2, rate_window_seconds=60),
        clock=lambda: AFTER,
        monotonic=lambda: clock[0],
    )
    ask = lambda: api.handle("/v3/power-breakdown/history", {"zone": ZONE}, {})  # noqa: E731
    assert [ask().status for _ in range(2)] == [200, 200]
    clock[0] += 15
    limited = ask()
    assert limited.status == 429
    assert limited.headers["Retry-After"] == "45"
    clock[0] += 45
    assert ask().status == 200


def test_fault_rate_one_fails_every_request_and_zero_none():
    always = _api(Faults(fault_rate=1.0, seed=1))
    statuses = {always.handle("/v3/power-breakdown/history", {"zone": ZONE}, {}).status}
    statuses |= {always.handle("/v3/power-breakdown/history", {"zone": ZONE}, {}).status}
    assert statuses <= {500, 503}
    assert (
        _api(Faults(fault_rate=0.0))
        .handle("/v3/power-breakdown/history", {"zone": ZONE}, {})
        .status
        == 200
    )


@pytest.mark.parametrize(
    ("endpoint", "model"),
    [("power-breakdown", PowerBreakdownRecord), ("carbon-intensity", CarbonIntensityRecord)],
)
def test_every_corrupted_record_is_logged_and_rejected_by_ingest(endpoint, model):
    api = _api(Faults(malformed_rate=0.5, seed=7))
    body = _past_range(api, T0, T0 + timedelta(days=10), endpoint).body
    corruptions = api.stats.corruptions
    assert {c.kind for c in corruptions} == set(CORRUPTIONS)
    accepted, rejected = parse_records(model, endpoint, body["data"], ZONE)
    assert len(rejected) == len(corruptions)
    assert len(accepted) + len(rejected) == 240
    corrupted_hours = {c.datetime for c in corruptions}
    assert not corrupted_hours & {a.record.datetime for a in accepted}


def test_requests_are_logged():
    api = _api()
    _past_range(api, T0, T0 + timedelta(hours=1))
    ((path, query, status),) = api.stats.requests
    assert (path, query["zone"], status) == ("/v3/power-breakdown/past-range", ZONE, 200)
    assert api.handle("/v3/nothing", {}, {}).status == 404
