"""The demo's replayed track record on real LA data in the embedded PostgreSQL: every hour of the
held-out days issued from the data before it, stored marked replayed, apart from the live one."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from lambdas.core.measurements import read_measurements
from lambdas.core.predictions import latest_predictions, track_record
from lambdas.core.step_event import parse_step_event
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for
from lambdas.predict.forecaster import TrainingPlan, forecast
from lambdas.predict.network import NetworkConfig
from lambdas.predict.replay import replay_forecasts
from lambdas.predict.series import series_from_rows
from lambdas.predict.service import run
from lambdas.predict.store import DatabaseModelStore, unpack
from tests.constants import ZONE
from tests.events import step_event
from tests.integration.analysis_data import load_measurements

FIRST, LAST = "2019-01-15T08:00Z", "2019-04-15T06:00Z"
LATEST = datetime(2019, 4, 15, 6, tzinfo=UTC)
TINY = TrainingPlan(
    network_config=NetworkConfig(hidden_units=(8,), epochs=2, batch_size=512, members=1)
)


@pytest.fixture
def replayed(db, la_measurements):
    load_measurements(db, la_measurements[FIRST:LAST])
    store = DatabaseModelStore(db)
    event = parse_step_event(step_event("run-1", LATEST))
    outcome = run(db, event, store, now=datetime(2026, 1, 1, tzinfo=UTC), plan=TINY)
    assert outcome.status == "ok", outcome.reason
    bundle = store.latest(ZONE)
    assert bundle is not None
    return db, unpack(bundle.data), replay_forecasts(db, ZONE, store)


def test_every_hour_since_the_models_training_end_is_replayed_apart_from_the_live_forecast(
    replayed,
):
    db, model, issues = replayed
    training_end = datetime.fromisoformat(model.metadata["data_end"]) + timedelta(hours=1)
    assert issues == (LATEST + timedelta(hours=1) - training_end) // timedelta(hours=1)
    assert issues >= 28 * 24 - 1
    rows = db.execute(
        "SELECT issued_at, replayed, run_id, count(*) AS n FROM solar_predictions"
        " GROUP BY issued_at, replayed, run_id ORDER BY issued_at"
    ).fetchall()
    live = [row for row in rows if not row["replayed"]]
    assert [(row["issued_at"], row["run_id"], row["n"]) for row in live] == [
        (LATEST + timedelta(hours=1), "run-1", 24)
    ]
    replays = [row for row in rows if row["replayed"]]
    assert len(replays) == issues
    assert replays[0]["issued_at"] == training_end
    assert replays[-1]["issued_at"] == LATEST
    assert {row["run_id"] for row in replays} == {f"replay-{model.version}"}
    assert {row["n"] for row in replays} == {24}
    assert latest_predictions(db, ZONE)[0]["issued_at"] == LATEST + timedelta(hours=1)


def test_a_replayed_forecast_is_what_the_data_before_its_issue_gives(replayed):
    """Forecast one replayed issue again from only the hours stored before it: the same."""
    db, model, _ = replayed
    issued_at = LATEST - timedelta(days=9, hours=14)
    stored = db.execute(
        "SELECT predicted_mw, lower_mw, upper_mw FROM solar_predictions"
        " WHERE issued_at = %s ORDER BY target_datetime",
        (issued_at,),
    ).fetchall()
    before = read_measurements(db, ZONE, issued_at - timedelta(days=400), issued_at, ("solar_mw",))
    series = series_from_rows(before, site_of(ZONE), extra_hours=24)
    again = forecast(model, series, pairs_for(np.array([series.position(issued_at)]), 24))
    # The same to float32 rounding (the network ran on other batches): 0.001 MW.
    np.testing.assert_allclose([row["predicted_mw"] for row in stored], again.point, atol=1e-3)
    np.testing.assert_allclose([row["lower_mw"] for row in stored], again.lower, atol=1e-3)
    np.testing.assert_allclose([row["upper_mw"] for row in stored], again.upper, atol=1e-3)


def test_the_track_record_counts_the_replayed_pairs_and_its_days(replayed):
    db, _, _ = replayed
    track = track_record(db, ZONE, LATEST - timedelta(days=28), LATEST + timedelta(hours=1))
    assert track["n_replayed"] == track["n_forecasts"] > 20 * 24 * 24
    assert track["n_days"] == pytest.approx(28.0, abs=1 / 24)
    assert 0 < track["coverage"] <= 1
    assert 0.5 < track["coverage_daylight"] < track["coverage"]  # night holds its level
    assert track["mae_mw"] > 0  # a tiny network: no skill to assert
    assert track["persistence_mae_mw"] > 0
