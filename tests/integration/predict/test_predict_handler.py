"""The predict handler on real LA data in the embedded PostgreSQL: forecast, store, reuse."""

from datetime import UTC, datetime, timedelta

import pytest

from lambdas.core.predictions import latest_predictions
from lambdas.core.step_event import parse_step_event
from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.handler import handler
from lambdas.predict.service import run
from lambdas.predict.store import DatabaseModelStore
from tests.constants import ZONE
from tests.events import LambdaContext, step_event
from tests.integration.analysis_data import load_measurements

# 2019-01-15 to 2019-04-14 in Los Angeles: 90 days, enough to train with four weeks held out.
FIRST, LAST = "2019-01-15T08:00Z", "2019-04-15T06:00Z"
LATEST = datetime(2019, 4, 15, 6, tzinfo=UTC)
ISSUED_AT = LATEST + timedelta(hours=1)


@pytest.fixture
def la_db(db, la_measurements):
    load_measurements(db, la_measurements[FIRST:LAST])
    return db


def predictions(db):
    return db.execute("SELECT * FROM solar_predictions ORDER BY target_datetime").fetchall()


def test_the_handler_forecasts_the_next_24_hours(la_db):
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    assert outcome["step"] == "predict"
    assert outcome["status"] == "ok", outcome["reason"]
    assert outcome["trained"] is True
    rows = predictions(la_db)
    assert [row["horizon_hours"] for row in rows] == list(range(1, 25))
    assert rows[0]["target_datetime"] == ISSUED_AT
    assert {row["issued_at"] for row in rows} == {ISSUED_AT}
    assert {row["model_version"] for row in rows} == {outcome["model_version"]}
    assert all(row["interval_level"] == 0.8 for row in rows)
    assert all(row["lower_mw"] <= row["predicted_mw"] <= row["upper_mw"] for row in rows)
    local_hours = [row["target_datetime"].astimezone(LOCAL_TZ).hour for row in rows]
    night = [row for row, hour in zip(rows, local_hours, strict=True) if hour < 4]
    assert night
    # no sunlight: the level the source reported in the dark lately (a few MW), the same all night
    assert len({row["predicted_mw"] for row in night}) == 1
    assert all(row["night"] for row in night)
    assert not rows[12]["night"]  # noon in Los Angeles
    assert 0 <= night[0]["predicted_mw"] < 50
    assert max(row["predicted_mw"] for row in rows) == outcome["peak_mw"] > 300
    assert latest_predictions(la_db, ZONE)[0]["target_datetime"] == ISSUED_AT


def test_training_stores_the_model_and_its_holdout_evaluation(la_db):
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    models = la_db.execute("SELECT version, zone, metadata FROM forecast_models").fetchall()
    assert [(m["version"], m["zone"]) for m in models] == [(outcome["model_version"], ZONE)]
    evaluation = la_db.execute("SELECT * FROM model_evaluations").fetchone()
    assert evaluation["model_version"] == outcome["model_version"]
    assert evaluation["window_end"] <= ISSUED_AT  # scored on hours it was not trained on
    assert evaluation["window_start"] >= ISSUED_AT - timedelta(days=28, hours=1)
    assert evaluation["window_start"] <= ISSUED_AT - timedelta(days=27)  # four weeks scored
    metrics = evaluation["metrics"]
    assert set(metrics["methods"]) == {"model", "persistence", "smart_persistence"}
    assert 0 <= metrics["coverage_80"] <= 1
    assert metrics["n_hours"] > 27 * 24
    assert metrics["n_forecasts"] == 28
    assert models[0]["metadata"]["data_end"] < evaluation["window_start"].isoformat()


def test_a_second_run_reuses_the_stored_model(la_db):
    first = handler(step_event("run-1", LATEST), LambdaContext())
    second = handler(step_event("run-2", LATEST), LambdaContext())
    assert second["status"] == "ok"
    assert second["trained"] is False
    assert second["model_version"] == first["model_version"]
    rows = predictions(la_db)
    assert len(rows) == 24  # the same issue and model: replaced, not duplicated
    assert {row["run_id"] for row in rows} == {"run-2"}
    assert la_db.execute("SELECT count(*) AS n FROM forecast_models").fetchone()["n"] == 1


def test_a_model_older_than_a_week_is_retrained(la_db):
    event = parse_step_event(step_event("run-1", LATEST))
    store = DatabaseModelStore(la_db)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    first = run(la_db, event, store, now=now)
    same = run(la_db, event, store, now=now + timedelta(days=6))
    later = run(la_db, event, store, now=now + timedelta(days=8))
    assert (first.trained, same.trained, later.trained) == (True, False, True)
    assert later.model_version != first.model_version
    assert la_db.execute("SELECT count(*) AS n FROM forecast_models").fetchone()["n"] == 2


def test_a_corrupt_stored_model_is_retrained(la_db):
    la_db.execute(
        "INSERT INTO forecast_models (version, zone, trained_at, bundle, metadata)"
        " VALUES ('mlp-broken', %s, now(), %s, '{}')",
        (ZONE, b"not a zip"),
    )
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    assert outcome["status"] == "ok"
    assert outcome["trained"] is True
    assert outcome["model_version"] != "mlp-broken"


def test_too_little_history_is_skipped_without_inventing_a_forecast(db, la_measurements):
    load_measurements(db, la_measurements["2019-04-10T07:00Z":LAST])
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    assert outcome["status"] == "skipped"
    assert "daylight hours to fit" in outcome["reason"] or "known solar hours" in outcome["reason"]
    assert predictions(db) == []
    assert db.execute("SELECT count(*) AS n FROM forecast_models").fetchone()["n"] == 0


def test_gaps_in_recent_data_are_skipped_not_zero_filled(db, la_measurements):
    frame = la_measurements[FIRST:LAST].copy()
    frame.loc["2019-04-08T07:00Z":, "solar_mw"] = None
    load_measurements(db, frame)
    outcome = handler(step_event("run-1", LATEST), LambdaContext())
    assert outcome["status"] == "skipped"
    assert "known solar hours" in outcome["reason"]


def test_an_empty_database_is_skipped(db):
    event = step_event("run-1", LATEST)
    del event["latest_datetime"]
    outcome = handler(event, LambdaContext())
    assert outcome["status"] == "skipped"
    assert "no measurements" in outcome["reason"]


def test_a_zone_without_a_solar_site_is_skipped(db, la_measurements):
    load_measurements(db, la_measurements[FIRST:LAST], zone="DE")
    outcome = handler({**step_event("run-1", LATEST), "zone": "DE"}, LambdaContext())
    assert outcome["status"] == "skipped"
    assert "no solar site" in outcome["reason"]
