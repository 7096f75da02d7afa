"""GET /forecast/carbon-intensity and /advice/cleanest-window over HTTP: what the predict
handler stored is served; the advice is exact on a stored forecast built by hand."""

from datetime import UTC, datetime, timedelta

import httpx
import psycopg
import pytest

from lambdas.core.carbon_forecasts import (
    CarbonForecastHour,
    CarbonForecastIssue,
    upsert_carbon_forecast,
)
from lambdas.predict.handler import handler
from tests.constants import ZONE
from tests.events import LambdaContext, step_event
from tests.integration.predict.carbon_data import carbon_rows, load_carbon

ISSUED_AT = datetime(2023, 6, 1, 7, tzinfo=UTC)  # midnight in Los Angeles


def next_whole_hour() -> datetime:
    """The API's clock (the real one) rounded up: the first hour that has not begun."""
    now = datetime.now(UTC)
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def store_forecast(
    db: psycopg.Connection,
    values: list[float],
    band: float = 20.0,
    issued_at: datetime = ISSUED_AT,
) -> None:
    hours = [
        CarbonForecastHour(issued_at + timedelta(hours=i), i + 1, value, value - band, value + band)
        for i, value in enumerate(values)
    ]
    upsert_carbon_forecast(
        db, CarbonForecastIssue("run-1", ZONE, issued_at, "hgb-test", 0.8), hours
    )


def test_the_handler_forecast_is_served_with_its_evaluation(
    api_url: str, db: psycopg.Connection
) -> None:
    load_carbon(db, carbon_rows("2022-01-01T08:00Z", "2022-03-18T07:00Z"))
    outcome = handler(step_event("run-1", datetime(2022, 3, 18, 7, tzinfo=UTC)), LambdaContext())
    assert outcome["carbon"]["status"] == "ok", outcome["carbon"]["reason"]
    answer = httpx.get(f"{api_url}/forecast/carbon-intensity")
    assert answer.status_code == 200
    body = answer.json()
    assert body["model_version"] == outcome["carbon"]["model_version"]
    assert body["emission_factor_type"] == "lifecycle"
    assert [hour["horizon_hours"] for hour in body["forecasts"]] == list(range(1, 25))
    assert all(hour["actual_g_per_kwh"] is None for hour in body["forecasts"])  # the future
    assert len(body["history"]) == 48
    assert body["history"][-1]["carbon_intensity"] > 0
    assert set(body["evaluation"]["methods"]) == {"model", "persistence", "weekly_persistence"}
    assert body["evaluation"]["n_forecasts"] == 29  # four held-out weeks and the issue's hour
    assert body["track_record"]["n_forecasts"] == 0  # nothing issued before has been measured
    advice = httpx.get(f"{api_url}/advice/cleanest-window")  # 2022's hours are long past
    assert advice.status_code == 404
    assert "only 0 of the forecast's 24 hours start at or after" in advice.json()["message"]


def test_the_advice_on_a_stored_forecast(api_url: str, db: psycopg.Connection) -> None:
    values = [400.0] * 24
    values[11:15] = [300.0, 250.0, 260.0, 300.0]
    issued_at = next_whole_hour()
    store_forecast(db, values, issued_at=issued_at)
    answer = httpx.get(f"{api_url}/advice/cleanest-window", params={"hours": 2})
    assert answer.status_code == 200
    advice = answer.json()
    assert datetime.fromisoformat(advice["start_at"]) == issued_at + timedelta(hours=12)
    assert datetime.fromisoformat(advice["end_at"]) == issued_at + timedelta(hours=14)
    assert advice["mean_g_per_kwh"] == pytest.approx(255.0)
    assert (advice["mean_lower_g_per_kwh"], advice["mean_upper_g_per_kwh"]) == (235.0, 275.0)
    horizon_mean = (20 * 400 + 1110) / 24
    assert advice["horizon_mean_g_per_kwh"] == pytest.approx(horizon_mean)
    assert advice["saving_pct"] == pytest.approx(100 * (1 - 255 / horizon_mean))
    assert advice["saving_pct_low"] < advice["saving_pct"] < advice["saving_pct_high"]


def test_the_advice_skips_the_hours_that_have_begun(api_url: str, db: psycopg.Connection) -> None:
    # Issued 6 hours before the next whole hour: its first 6 hours have begun or passed, and
    # they hold the cleanest 3 hours of all.
    issued_at = next_whole_hour() - timedelta(hours=6)
    values = [400.0] * 24
    values[1:4] = [100.0, 100.0, 100.0]
    values[15:18] = [200.0, 150.0, 250.0]
    store_forecast(db, values, issued_at=issued_at)
    advice = httpx.get(f"{api_url}/advice/cleanest-window", params={"hours": 3}).json()
    assert datetime.fromisoformat(advice["start_at"]) == issued_at + timedelta(hours=15)
    assert advice["mean_g_per_kwh"] == pytest.approx(200.0)
    assert datetime.fromisoformat(advice["horizon_start_at"]) == issued_at + timedelta(hours=6)
    assert advice["horizon_hours"] == 18
    assert advice["horizon_mean_g_per_kwh"] == pytest.approx((15 * 400 + 600) / 18)


def test_too_few_hours_left_is_a_404_with_the_reason(api_url: str, db: psycopg.Connection) -> None:
    store_forecast(db, [300.0] * 24, issued_at=next_whole_hour() - timedelta(hours=22))
    answer = httpx.get(f"{api_url}/advice/cleanest-window", params={"hours": 3})
    assert answer.status_code == 404
    assert "only 2 of the forecast's 24 hours" in answer.json()["message"]
    assert "no 3 consecutive hours are left" in answer.json()["message"]


@pytest.mark.parametrize("hours", ["0", "13", "-2"])
def test_a_window_length_outside_1_to_12_is_a_400(
    api_url: str, db: psycopg.Connection, hours: str
) -> None:
    store_forecast(db, [300.0] * 24)
    answer = httpx.get(f"{api_url}/advice/cleanest-window", params={"hours": hours})
    assert answer.status_code == 400
    assert "1 to 12" in answer.json()["message"]


def test_a_window_longer_than_the_forecast_is_a_400(api_url: str, db: psycopg.Connection) -> None:
    store_forecast(db, [300.0] * 5)
    answer = httpx.get(f"{api_url}/advice/cleanest-window", params={"hours": 6})
    assert answer.status_code == 400
    assert "no 6 consecutive hours" in answer.json()["message"]


@pytest.mark.parametrize("path", ["/forecast/carbon-intensity", "/advice/cleanest-window"])
def test_no_forecast_is_a_404_with_the_reason(
    api_url: str, db: psycopg.Connection, path: str
) -> None:
    answer = httpx.get(api_url + path)
    assert answer.status_code == 404
    assert "no carbon-intensity forecast stored yet" in answer.json()["message"]


def test_the_track_record_scores_stored_forecasts_once_measured(
    api_url: str, db: psycopg.Connection
) -> None:
    load_carbon(db, carbon_rows("2023-05-30T07:00Z", "2023-06-02T07:00Z"))
    measured = carbon_rows("2023-06-01T07:00Z", "2023-06-02T06:00Z")["carbon_intensity"].tolist()
    store_forecast(db, [value + 10.0 for value in measured])  # 10 g/kWh too high every hour
    upsert_carbon_forecast(  # a newer issue, so the record covers the first one's hours
        db,
        CarbonForecastIssue("run-2", ZONE, ISSUED_AT + timedelta(days=1), "hgb-test", 0.8),
        [CarbonForecastHour(ISSUED_AT + timedelta(days=1), 1, 300.0, 280.0, 320.0)],
    )
    record = httpx.get(f"{api_url}/forecast/carbon-intensity", params={"track_days": 1}).json()
    track = record["track_record"]
    assert track["n_forecasts"] == track["n_hours"] == 24
    assert track["mae"] == pytest.approx(10.0)
    assert track["coverage"] == 1.0
    assert track["persistence_mae"] > 0
    assert track["skill_vs_persistence"] == pytest.approx(1 - 10.0 / track["persistence_mae"])
