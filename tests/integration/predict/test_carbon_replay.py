"""The demo's replayed carbon track record on real 2022 LA intensity in the embedded PostgreSQL:
every hour of the days the newest model's evaluation held out, issued from the data before it
by the model fit before them, stored marked replayed, apart from the live forecast."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from lambdas.core.carbon_forecasts import carbon_track_record, latest_carbon_forecast
from lambdas.core.measurements import read_measurements
from lambdas.predict.carbon.bundle import unpack
from lambdas.predict.carbon.model import (
    BoostingConfig,
    TrainingPlan,
    forecast,
    recalibrated,
    train,
)
from lambdas.predict.carbon.replay import replay_carbon_forecasts
from lambdas.predict.carbon.series import series_from_rows
from lambdas.predict.carbon.service import COLUMNS, RECALIBRATION_DAYS, forecast_carbon
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for
from lambdas.predict.store import carbon_model_store
from tests.constants import ZONE
from tests.integration.predict.carbon_data import carbon_rows, load_carbon

# 2022-01-01 to 2022-03-17 in Los Angeles: 76 days, enough to train with four weeks held out.
FIRST, LAST = "2022-01-01T08:00Z", "2022-03-18T07:00Z"
LATEST = datetime(2022, 3, 18, 7, tzinfo=UTC)
ISSUED_AT = LATEST + timedelta(hours=1)
# The local midnight four weeks before the live issue (00:00 PST on 2022-02-18).
HELD_OUT_FROM = datetime(2022, 2, 18, 8, tzinfo=UTC)
NOW = datetime(2026, 1, 1, tzinfo=UTC)


# A smaller model than the pipeline's, to keep the tier short: the replay must use the same.
SMALL = TrainingPlan(boosting=BoostingConfig(max_iter=40))


@pytest.fixture
def replayed(db):
    load_carbon(db, carbon_rows(FIRST, LAST))
    store = carbon_model_store(db, None)
    outcome = forecast_carbon(
        db, run_id="run-1", zone=ZONE, latest=LATEST, store=store, now=NOW, plan=SMALL
    )
    assert outcome.status == "ok", outcome.reason
    bundle = store.latest(ZONE)
    assert bundle is not None
    return db, unpack(bundle.data), replay_carbon_forecasts(db, ZONE, store, SMALL)


def issues_stored(db):
    return db.execute(
        "SELECT issued_at, replayed, run_id, model_version, count(*) AS n"
        " FROM carbon_intensity_forecasts"
        " GROUP BY issued_at, replayed, run_id, model_version ORDER BY issued_at"
    ).fetchall()


def test_every_held_out_hour_is_replayed_apart_from_the_live_forecast(replayed):
    db, stored_model, issues = replayed
    rows = issues_stored(db)
    hours = (ISSUED_AT - HELD_OUT_FROM) // timedelta(hours=1)
    every_hour = {HELD_OUT_FROM + timedelta(hours=n) for n in range(hours)}
    missing = every_hour - {row["issued_at"] for row in rows}
    # The source has no intensity on 2022-03-14 (UTC): the issue right after it knows none of
    # the 24 hours before it, so it has no level to forecast from.
    assert missing == {datetime(2022, 3, 15, tzinfo=UTC)}
    assert issues == hours - 1
    live = [row for row in rows if not row["replayed"]]
    assert [(row["issued_at"], row["run_id"], row["n"]) for row in live] == [
        (ISSUED_AT, "run-1", 24)
    ]
    replays = [row for row in rows if row["replayed"]]
    assert len(replays) == issues
    assert (replays[0]["issued_at"], replays[-1]["issued_at"]) == (HELD_OUT_FROM, LATEST)
    assert {row["n"] for row in replays} == {24}
    # The training the stored model's evaluation scored, fit again: the same model.
    evaluated = stored_model.metadata["evaluated_version"]
    assert {row["model_version"] for row in replays} == {evaluated}
    assert {row["run_id"] for row in replays} == {f"replay-{evaluated}"}
    assert latest_carbon_forecast(db, ZONE)[0]["issued_at"] == ISSUED_AT


def test_a_replayed_forecast_reads_nothing_after_its_issue(replayed):
    """Forecast one replayed issue again from only the hours stored before it: the same."""
    db, stored_model, _ = replayed
    issued_at = LATEST - timedelta(days=9, hours=14)
    stored = db.execute(
        "SELECT predicted_g_per_kwh, lower_g_per_kwh, upper_g_per_kwh"
        " FROM carbon_intensity_forecasts WHERE issued_at = %s ORDER BY target_datetime",
        (issued_at,),
    ).fetchall()
    before = read_measurements(db, ZONE, issued_at - timedelta(days=400), issued_at, COLUMNS)
    series = series_from_rows(before, site_of(ZONE), extra_hours=25)
    trained_at = datetime.fromisoformat(stored_model.metadata["trained_at"])
    model = train(series, series.position(HELD_OUT_FROM), SMALL, zone=ZONE, trained_at=trained_at)
    issue = series.position(issued_at)
    again = forecast(
        recalibrated(model, series, issue, RECALIBRATION_DAYS),
        series,
        pairs_for(np.array([issue]), 24),
    )
    np.testing.assert_allclose([row["predicted_g_per_kwh"] for row in stored], again.point)
    np.testing.assert_allclose([row["lower_g_per_kwh"] for row in stored], again.lower)
    np.testing.assert_allclose([row["upper_g_per_kwh"] for row in stored], again.upper)


def test_the_carbon_track_record_counts_the_replayed_pairs_and_its_days(replayed):
    db, _, _ = replayed
    track = carbon_track_record(db, ZONE, ISSUED_AT - timedelta(days=28), ISSUED_AT)
    assert track["n_replayed"] == track["n_forecasts"] > 20 * 24 * 24
    assert track["n_days"] == pytest.approx(28.0, abs=1 / 24)
    assert 0.5 < track["coverage"] <= 1
    assert 0 < track["mape_pct"] < 50
    assert track["persistence_mae"] > 0


def test_a_second_replay_writes_no_duplicates(replayed):
    db, _, issues = replayed
    before = db.execute("SELECT count(*) AS n FROM carbon_intensity_forecasts").fetchone()["n"]
    assert replay_carbon_forecasts(db, ZONE, carbon_model_store(db, None), SMALL) == issues
    after = db.execute("SELECT count(*) AS n FROM carbon_intensity_forecasts").fetchone()["n"]
    assert after == before


def test_nothing_is_replayed_when_the_model_held_no_days_out(db):
    """27 days of history, fewer than the 28 held out: the model is fit on all of it."""
    load_carbon(db, carbon_rows("2022-02-19T08:00Z", LAST))
    store = carbon_model_store(db, None)
    outcome = forecast_carbon(
        db, run_id="run-1", zone=ZONE, latest=LATEST, store=store, now=NOW, plan=SMALL
    )
    assert outcome.status == "ok", outcome.reason
    assert replay_carbon_forecasts(db, ZONE, store, SMALL) == 0
    assert [row["replayed"] for row in issues_stored(db)] == [False]
