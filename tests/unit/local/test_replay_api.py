"""The replay API's behaviour without HTTP: shapes, time shift, windows and injected faults."""

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lambdas.ingest.records import CarbonIntensityRecord, PowerBreakdownRecord, parse_records
from lambdas.local.replay import CORRUPTIONS, Faults, ReplayApi
from lambdas.local.replay_data import (
    BREAKDOWN_KEYS,
    DATA_DIR,
    ReplayData,
    SourceHour,
    build_replay_data,
    load_hours,
    round_like_api,
    shift_to_now,
)
from tests.constants import ZONE
from tests.electricitymaps_schemas import ERROR, answer_schema, validation_errors

SAMPLES = Path(__file__).parents[1] / "ingest" / "samples"
T0 = datetime(2020, 3, 1, tzinfo=UTC)
HOURS = [
    SourceHour(T0 + timedelta(hours=i), solar_mw=float(i), wind_mw=0.0, demand_mw=3000.0 + i)
    for i in range(24 * 30)
]
AFTER = T0 + timedelta(days=60)  # a clock after the data: nothing hidden
FULL_HOUR = SourceHour(
    T0,
    solar_mw=600.0,
    wind_mw=20.0,
    demand_mw=3200.0,
    coal_mw=700.0,
    gas_mw=1200.0,
    hydro_mw=80.0,
    other_mw=200.0,
    carbon_intensity_lifecycle=401.5,
    carbon_intensity_direct=338.7,
    carbon_free_percent=40.51,
    renewable_percent=39.5,
    is_estimated=True,
    estimation_method="ESTIMATED_TIME_SLICER_AVERAGE",
)
DATA_2022_2023 = DATA_DIR / "ldwp_demand_carbon_2022_2023.csv.gz"


def _api(faults: Faults | None = None, *, now: datetime = AFTER, **data_kwargs) -> ReplayApi:
    return ReplayApi(ReplayData(HOURS, **data_kwargs), faults, clock=lambda: now)


def _past_range(api: ReplayApi, start: datetime, end: datetime, endpoint="power-breakdown"):
    query = {"zone": ZONE, "start": start.isoformat(), "end": end.isoformat()}
    return api.handle(f"/v3/{endpoint}/past-range", query, {})


def test_records_have_the_real_api_shape_with_nulls_for_unknowns():
    api = _api()
    power = api.handle("/v3/power-breakdown/latest", {"zone": ZONE}, {}).body
    sample = json.loads((SAMPLES / "latest_power_breakdown.json").read_text())
    assert set(power) == {*sample, "temporalGranularity"}
    assert set(power["powerProductionBreakdown"]) == set(sample["powerProductionBreakdown"])
    assert power["datetime"] == "2020-03-30T23:00:00.000Z"
    assert power["powerConsumptionTotal"] == 3000 + 719
    assert power["powerProductionBreakdown"]["solar"] == 719
    assert power["powerProductionBreakdown"]["gas"] is None
    assert power["powerProductionTotal"] is None  # only solar and wind are known
    assert power["powerImportTotal"] is None
    assert (power["powerImportBreakdown"], power["powerExportBreakdown"]) == ({}, {})
    assert power["fossilFreePercentage"] is None
    assert power["isEstimated"] is None  # the hour has no Electricity Maps flag
    carbon = api.handle("/v3/carbon-intensity/latest", {"zone": ZONE}, {}).body
    sample = json.loads((SAMPLES / "latest_carbon_intensity.json").read_text())
    assert set(carbon) == {*sample, "temporalGranularity"}
    assert carbon["carbonIntensity"] is None
    assert (carbon["emissionFactorType"], carbon["temporalGranularity"]) == ("lifecycle", "hourly")
    assert carbon["updatedAt"] > carbon["datetime"]


def test_every_real_field_of_a_full_hour_is_served_rounded_like_the_api():
    api = ReplayApi(ReplayData([FULL_HOUR]), clock=lambda: AFTER)
    power = api.handle("/v3/power-breakdown/latest", {"zone": ZONE}, {}).body
    assert power["powerProductionBreakdown"] == {
        **dict.fromkeys(BREAKDOWN_KEYS),
        "coal": 700,
        "gas": 1200,
        "hydro": 80,
        "solar": 600,
        "wind": 20,
        "unknown": 200,  # the file's "other"
    }
    assert power["powerConsumptionBreakdown"] == dict.fromkeys(BREAKDOWN_KEYS)
    assert power["powerProductionTotal"] == 2800
    assert (power["powerImportTotal"], power["powerExportTotal"]) == (400, 0)
    assert power["powerConsumptionTotal"] == 3200
    assert (power["fossilFreePercentage"], power["renewablePercentage"]) == (41, 40)
    assert (power["isEstimated"], power["estimationMethod"]) == (
        True,
        "ESTIMATED_TIME_SLICER_AVERAGE",
    )
    lifecycle = api.handle("/v3/carbon-intensity/latest", {"zone": ZONE}, {}).body
    direct = api.handle(
        "/v3/carbon-intensity/latest", {"zone": ZONE, "emissionFactorType": "direct"}, {}
    ).body
    assert (lifecycle["carbonIntensity"], lifecycle["emissionFactorType"]) == (402, "lifecycle")
    assert (direct["carbonIntensity"], direct["emissionFactorType"]) == (339, "direct")
    assert all(
        isinstance(v, int) for v in (power["powerProductionTotal"], direct["carbonIntensity"])
    )


def test_more_production_than_demand_is_a_net_export():
    hour = dataclasses.replace(FULL_HOUR, demand_mw=2500.0)
    power = ReplayData([hour]).power_breakdown(hour)
    assert (power["powerImportTotal"], power["powerExportTotal"]) == (0, 300)


@pytest.mark.parametrize("unknown", ["coal_mw", "other_mw", "demand_mw"])
def test_totals_and_the_balance_need_every_part_known(unknown):
    hour = dataclasses.replace(FULL_HOUR, **{unknown: None})
    power = ReplayData([hour]).power_breakdown(hour)
    assert power["powerImportTotal"] is None
    assert power["powerExportTotal"] is None
    if unknown != "demand_mw":
        assert power["powerProductionTotal"] is None


@pytest.mark.parametrize(
    ("value", "served"), [(339.5, 340), (40.49, 40), (40.5, 41), (0.5, 1), (96.0, 96)]
)
def test_rounding_is_to_the_nearest_integer_halves_up(value, served):
    assert round_like_api(value) == served


def test_the_bundled_data_loads_as_three_years_with_every_series_in_the_last(la_csv_path):
    data = build_replay_data(la_csv_path, now=datetime(2022, 1, 2, tzinfo=UTC), shift=False)
    assert len(data.hours) == 26_304
    assert data.hours[0].datetime == datetime(2019, 1, 1, 7, tzinfo=UTC)
    assert data.shift == timedelta(0)
    first, last = data.hours[0], data.hours[-1]
    assert first.coal_mw is None  # 2019: no mix
    assert first.carbon_intensity_lifecycle is None
    assert None not in (last.coal_mw, last.other_mw, last.carbon_intensity_direct)
    assert last.is_estimated is False
    estimated = [h for h in data.hours if h.is_estimated]
    assert estimated
    assert {h.estimation_method for h in estimated} == {"ESTIMATED_TIME_SLICER_AVERAGE"}


def test_the_2022_2023_file_has_demand_and_carbon_but_no_solar_or_mix():
    hours = load_hours(DATA_2022_2023)
    assert len(hours) == 17_520
    assert hours[0].datetime == datetime(2022, 1, 1, 8, tzinfo=UTC)
    assert all(h.solar_mw is None and h.coal_mw is None for h in hours)
    power = ReplayData(hours).power_breakdown(hours[0])
    assert set(power["powerProductionBreakdown"].values()) == {None}
    assert power["powerProductionTotal"] is None
    assert power["powerConsumptionTotal"] == 2630
    assert power["fossilFreePercentage"] == 47
    assert ReplayData(hours).carbon_intensity(hours[0], "direct")["carbonIntensity"] == 298


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


@pytest.mark.parametrize(
    "where",
    [
        {"zone": ZONE},
        {"zoneKey": ZONE},
        {"lat": "34.05", "lon": "-118.24"},
        {"lat": "33.7", "lon": "-118.7"},
    ],
)
def test_the_zone_is_named_or_located(where):
    answer = _api().handle("/v3/carbon-intensity/history", where, {})
    assert answer.status == 200
    assert answer.body["zone"] == ZONE


@pytest.mark.parametrize(
    ("where", "status", "error"),
    [
        ({}, 400, "zone"),
        ({"lat": "34.05"}, 400, "lat and lon"),
        ({"lat": "north", "lon": "-118.24"}, 400, "numbers"),
        ({"lat": "37.77", "lon": "-122.42"}, 404, "No zone"),  # San Francisco
        ({"zoneKey": "DE"}, 404, "DE"),
    ],
)
def test_a_zone_that_cannot_be_found_answers_like_the_api(where, status, error):
    answer = _api().handle("/v3/power-breakdown/latest", where, {})
    assert answer.status == status
    assert error in answer.body["error"]
    assert validation_errors(ERROR, answer.body) == []


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"emissionFactorType": "operational"}, "emissionFactorType"),
        ({"temporalGranularity": "daily"}, "hourly"),
        ({"disableEstimations": "yes"}, "disableEstimations"),
    ],
)
def test_unknown_parameter_values_are_400(query, error):
    answer = _api().handle("/v3/carbon-intensity/history", {"zone": ZONE, **query}, {})
    assert answer.status == 400
    assert error in answer.body["error"]


ESTIMATED = [
    dataclasses.replace(FULL_HOUR, datetime=T0 + timedelta(hours=i), is_estimated=i in (2, 5))
    for i in range(6)
]


@pytest.mark.parametrize("endpoint", ["power-breakdown", "carbon-intensity"])
def test_disable_estimations_leaves_estimated_hours_out(endpoint):
    api = ReplayApi(ReplayData(ESTIMATED), clock=lambda: AFTER)
    query = {"zone": ZONE, "disableEstimations": "true"}
    window = {"start": T0.isoformat(), "end": (T0 + timedelta(hours=6)).isoformat()}
    measured = api.handle(f"/v3/{endpoint}/past-range", {**query, **window}, {}).body["data"]
    assert [r["datetime"][11:13] for r in measured] == ["00", "01", "03", "04"]
    assert not any(r["isEstimated"] for r in measured)
    history = api.handle(f"/v3/{endpoint}/history", query, {}).body["history"]
    assert len(history) == 4
    latest = api.handle(f"/v3/{endpoint}/latest", query, {}).body
    assert latest["datetime"][11:13] == "04"  # hour 5 is estimated
    everything = api.handle(f"/v3/{endpoint}/past-range", {"zone": ZONE, **window}, {}).body
    assert sum(r["isEstimated"] for r in everything["data"]) == 2


def test_series_answers_carry_their_granularity():
    api = _api()
    history = api.handle("/v3/power-breakdown/history", {"zone": ZONE}, {}).body
    past = _past_range(api, T0, T0 + timedelta(hours=3), "carbon-intensity").body
    assert history["temporalGranularity"] == past["temporalGranularity"] == "hourly"
    assert {r["temporalGranularity"] for r in past["data"]} == {"hourly"}


@pytest.mark.parametrize(
    ("name", "endpoint", "view"),
    [
        ("latest_power_breakdown", "power-breakdown", "latest"),
        ("power_breakdown_history", "power-breakdown", "history"),
        ("latest_carbon_intensity", "carbon-intensity", "latest"),
        ("carbon_intensity_history", "carbon-intensity", "history"),
        ("carbon_intensity_past_range", "carbon-intensity", "past-range"),
    ],
)
def test_the_schemas_accept_the_recorded_real_answers(name, endpoint, view):
    body = json.loads((SAMPLES / f"{name}.json").read_text())
    assert validation_errors(answer_schema(endpoint, view, recorded=True), body) == []


def test_the_schemas_refuse_what_a_strict_client_would():
    good = _api().handle("/v3/power-breakdown/latest", {"zone": ZONE}, {}).body
    schema = answer_schema("power-breakdown", "latest")
    assert validation_errors(schema, good) == []
    for broken in (
        {**good, "powerConsumptionTotal": "3719"},
        {**good, "powerImportBreakdown": None},
        {**good, "powerProductionTotal": 2800.4},
        {k: v for k, v in good.items() if k != "isEstimated"},
    ):
        assert validation_errors(schema, broken), broken
    carbon = _api().handle("/v3/carbon-intensity/latest", {"zone": ZONE}, {}).body
    no_granularity = {k: v for k, v in carbon.items() if k != "temporalGranularity"}
    assert validation_errors(answer_schema("carbon-intensity", "latest"), no_granularity)


@pytest.mark.parametrize("endpoint", ["power-breakdown", "carbon-intensity"])
@pytest.mark.parametrize("view", ["latest", "history", "past-range"])
@pytest.mark.parametrize(
    "extra", [{}, {"emissionFactorType": "direct"}, {"disableEstimations": "true"}]
)
def test_every_answer_of_the_bundled_data_validates(la_hours_replay, endpoint, view, extra):
    query = {"zone": ZONE, **extra}
    if view == "past-range":
        query |= {"start": "2021-06-01T00:00:00Z", "end": "2021-06-11T00:00:00Z"}
    answer = la_hours_replay.handle(f"/v3/{endpoint}/{view}", query, {})
    assert answer.status == 200
    assert validation_errors(answer_schema(endpoint, view), answer.body) == []


@pytest.mark.parametrize("name", ["ldwp_hourly_2019_2021", "ldwp_demand_carbon_2022_2023"])
def test_every_hour_of_both_files_validates(name):
    data = ReplayData(load_hours(DATA_DIR / f"{name}.csv.gz"))
    power = [data.power_breakdown(hour) for hour in data.hours]
    carbon = [
        data.carbon_intensity(hour, f) for hour in data.hours for f in ("lifecycle", "direct")
    ]
    power_series = answer_schema("power-breakdown", "past-range")
    carbon_series = answer_schema("carbon-intensity", "past-range")
    envelope = {"zone": ZONE, "temporalGranularity": "hourly"}
    assert validation_errors(power_series, {**envelope, "data": power}) == []
    assert validation_errors(carbon_series, {**envelope, "data": carbon}) == []


@pytest.fixture(scope="module")
def la_hours_replay(la_csv_path) -> ReplayApi:
    """The bundled data unshifted, with a clock at its end (2022-01-01)."""
    data = build_replay_data(la_csv_path, now=datetime(2022, 1, 1, 7, tzinfo=UTC), shift=False)
    return ReplayApi(data, clock=lambda: datetime(2022, 1, 1, 7, tzinfo=UTC))
