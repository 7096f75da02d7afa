"""The predict handler's carbon forecast on real 2022 LA intensity in the embedded PostgreSQL:
forecast, store, reuse the stored model, retrain a stale or damaged one."""

from datetime import UTC, datetime, timedelta

import pytest

from lambdas.core.carbon_forecasts import latest_carbon_forecast
from lambdas.predict.handler import handler
from tests.constants import ZONE
from tests.events import LambdaContext, step_event
from tests.integration.predict.carbon_data import carbon_rows, load_carbon

# 2022-01-01 to 2022-03-17 in Los Angeles: 76 days, enough to train with four weeks held out.
FIRST, LAST = "2022-01-01T08:00Z", "2022-03-18T07:00Z"
LATEST = datetime(2022, 3, 18, 7, tzinfo=UTC)
ISSUED_AT = LATEST + timedelta(hours=1)


@pytest.fixture
def carbon_db(db):
    load_carbon(db, carbon_rows(FIRST, LAST))
    return db


def forecast_rows(db):
    return db.execute(
        "SELECT * FROM carbon_intensity_forecasts ORDER BY issued_at, target_datetime"
    ).fetchall()


def test_the_handler_forecasts_the_next_24_hours_of_intensity(carbon_db):
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    carbon = outcome["carbon"]
    assert carbon["status"] == "ok", carbon["reason"]
    assert outcome["status"] == "ok"  # stored a forecast, though there is no solar to forecast
    assert "solar" in outcome["reason"]
    assert carbon["trained"] is True
    rows = forecast_rows(carbon_db)
    assert [row["horizon_hours"] for row in rows] == list(range(1, 25))
    assert rows[0]["target_datetime"] == ISSUED_AT
    assert {row["issued_at"] for row in rows} == {ISSUED_AT}
    assert {row["model_version"] for row in rows} == {carbon["model_version"]}
    assert {row["run_id"] for row in rows} == {"run-1"}
    assert all(row["interval_level"] == 0.8 for row in rows)
    for row in rows:
        assert 0 < row["lower_g_per_kwh"] <= row["predicted_g_per_kwh"] <= row["upper_g_per_kwh"]
        assert 50 < row["predicted_g_per_kwh"] < 800  # LA's intensity, not a unit slip
    assert carbon["hours_forecast"] == 24
    assert latest_carbon_forecast(carbon_db, ZONE)[0]["target_datetime"] == ISSUED_AT


def test_training_stores_the_model_and_its_holdout_evaluation(carbon_db):
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    version = outcome["carbon"]["model_version"]
    models = carbon_db.execute("SELECT version, zone, metadata FROM carbon_models").fetchall()
    assert [(m["version"], m["zone"]) for m in models] == [(version, ZONE)]
    assert models[0]["metadata"]["kind"] == "carbon-intensity"
    assert carbon_db.execute("SELECT count(*) AS n FROM forecast_models").fetchone()["n"] == 0
    evaluation = carbon_db.execute(
        "SELECT * FROM model_evaluations WHERE model_version = %s", (version,)
    ).fetchone()
    assert set(evaluation["metrics"]["methods"]) == {"model", "persistence", "weekly_persistence"}
    # The midnights of the four held-out weeks, and the issue day's first hour (00:00 PDT).
    assert evaluation["metrics"]["n_forecasts"] == 29
    evaluated = models[0]["metadata"]["evaluated_version"]
    assert evaluated != version  # the same training fit before those weeks was scored
    assert models[0]["metadata"]["data_end"] == (ISSUED_AT - timedelta(hours=1)).isoformat()
    assert set(outcome["carbon"]["evaluation"]) == {
        "skill_vs_persistence",
        "coverage_80",
        "mape_pct",
    }


def test_a_stored_model_is_reused_an_hour_later(carbon_db):
    first = handler(step_event("run-1", LATEST), LambdaContext())
    load_carbon(carbon_db, carbon_rows("2022-03-18T08:00Z", "2022-03-18T08:00Z"))
    second = handler(step_event("run-2", LATEST + timedelta(hours=1)), LambdaContext())
    assert second["carbon"]["status"] == "ok", second["carbon"]["reason"]
    assert second["carbon"]["trained"] is False
    assert second["carbon"]["model_version"] == first["carbon"]["model_version"]
    assert carbon_db.execute("SELECT count(*) AS n FROM carbon_models").fetchone()["n"] == 1
    issues = {row["issued_at"] for row in forecast_rows(carbon_db)}
    assert issues == {ISSUED_AT, ISSUED_AT + timedelta(hours=1)}


def test_a_stale_or_damaged_model_is_replaced(carbon_db):
    handler(step_event("run-1", LATEST), LambdaContext())
    carbon_db.execute("UPDATE carbon_models SET trained_at = trained_at - interval '8 days'")
    stale = handler(step_event("run-2", LATEST), LambdaContext())
    assert stale["carbon"]["trained"] is True
    carbon_db.execute(
        "INSERT INTO carbon_models (version, zone, trained_at, bundle, metadata)"
        " VALUES ('hgb-29990101T000000Z-junk', %s, now() + interval '1 day', 'junk', '{}')",
        (ZONE,),
    )
    damaged = handler(step_event("run-3", LATEST), LambdaContext())
    assert damaged["carbon"]["status"] == "ok"
    assert damaged["carbon"]["trained"] is True


def test_no_stored_intensity_skips_with_the_reason(db):
    frame = carbon_rows(FIRST, LAST)
    frame["carbon_intensity"] = float("nan")
    load_carbon(db, frame)
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    assert outcome["status"] == "skipped"
    assert outcome["carbon"]["status"] == "skipped"
    assert "no carbon intensity stored" in outcome["carbon"]["reason"]
