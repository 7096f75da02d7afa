"""The carbon forecaster: trained on the past, blind to the future, with a band around it."""

import dataclasses
from datetime import UTC, datetime

import numpy as np
import pytest

from lambdas.predict.carbon.backtest import CachedLogForecasts
from lambdas.predict.carbon.features import LOOKBACK_HOURS
from lambdas.predict.carbon.model import (
    BoostingConfig,
    TrainingPlan,
    blend,
    blend_weight,
    forecast,
    recalibrated,
    train,
)
from lambdas.predict.carbon.series import build_series
from lambdas.predict.errors import InsufficientHistory
from lambdas.predict.features import pairs_for
from tests.unit.predict.carbon.builders import LA
from tests.unit.predict.carbon.test_carbon_features import scrambled_from

SMALL = TrainingPlan(boosting=BoostingConfig(max_iter=30), calibration_days=10)
TRAINED_AT = datetime(2022, 5, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def carbon_model(carbon_series):
    end = len(carbon_series.index) - 25 - 24 * 5  # five real days left after the training
    return train(carbon_series, end, SMALL, zone="US-CAL-LDWP", trained_at=TRAINED_AT), end


def test_the_forecast_ignores_everything_after_the_issue(carbon_frame, carbon_series, carbon_model):
    model, end = carbon_model
    issue = end + 24
    pairs = pairs_for(np.array([issue]), 24)
    before = forecast(model, carbon_series, pairs)
    scrambled = build_series(scrambled_from(carbon_frame, issue, seed=3), LA, 25)
    after = forecast(model, scrambled, pairs)
    assert np.isfinite(before.point).all()
    np.testing.assert_array_equal(before.point, after.point)
    np.testing.assert_array_equal(before.lower, after.lower)
    np.testing.assert_array_equal(before.upper, after.upper)


def test_the_band_holds_the_point_and_stays_positive(carbon_series, carbon_model):
    model, end = carbon_model
    result = forecast(model, carbon_series, pairs_for(np.arange(end, end + 72, 6), 24))
    assert (result.lower <= result.point).all()
    assert (result.point <= result.upper).all()
    assert (result.lower >= 0).all()
    assert (result.upper - result.lower).mean() > 10  # a real band, not a point


def test_metadata_names_what_the_model_was_trained_on(carbon_series, carbon_model):
    model, end = carbon_model
    assert model.version.startswith("hgb-20220501T000000Z-")
    assert model.metadata["kind"] == "carbon-intensity"
    assert model.metadata["data_end"] == carbon_series.index[end - 1].isoformat()
    assert len(model.calibration.below) == len(model.calibration.above) == 4


def test_an_issue_with_no_recent_intensity_is_not_forecast(carbon_frame, carbon_model):
    model, end = carbon_model
    issue = end + 48
    frame = carbon_frame.copy()
    frame.iloc[issue - 30 : issue, frame.columns.get_loc("intensity")] = np.nan
    result = forecast(model, build_series(frame, LA, 25), pairs_for(np.array([issue]), 24))
    assert np.isnan(result.point).all()


def test_too_little_history_is_refused(carbon_series):
    with pytest.raises(InsufficientHistory, match="known hours to fit"):
        train(carbon_series, LOOKBACK_HOURS + 48, SMALL, zone="US-CAL-LDWP", trained_at=TRAINED_AT)


def test_recalibration_reads_only_unseen_hours_before_the_issue(
    carbon_frame, carbon_series, carbon_model
):
    model, end = carbon_model
    issue = end + 24 * 4
    again = recalibrated(model, carbon_series, issue, days=28)
    assert again.calibration != model.calibration  # the 4 days since its training
    assert again.model is model.model
    assert again.version == model.version
    scrambled = build_series(scrambled_from(carbon_frame, issue, seed=5), LA, 25)
    assert recalibrated(model, scrambled, issue, days=28).calibration == again.calibration


def test_recalibration_without_enough_unseen_hours_keeps_the_band(carbon_series, carbon_model):
    model, end = carbon_model
    assert recalibrated(model, carbon_series, end - 24 * 9, days=28) is model


def test_a_day_long_gap_in_the_training_data_is_left_out(carbon_frame):
    frame = carbon_frame.copy()
    frame.iloc[24 * 20 : 24 * 20 + 30, frame.columns.get_loc("intensity")] = np.nan
    series = build_series(frame, LA, 25)
    end = len(series.index) - 25
    model = train(series, end, SMALL, zone="US-CAL-LDWP", trained_at=TRAINED_AT)
    assert model.metadata["n_fit"] > 0
    assert np.isfinite(forecast(model, series, pairs_for(np.array([end]), 24)).point).all()


def test_the_backtest_cache_recalibrates_as_the_model_does(carbon_series, carbon_model):
    model, end = carbon_model
    cache = CachedLogForecasts(model, carbon_series)
    for issue in (end + 24 * 3, end + 24 * 4):  # the second reuses most of the first's issues
        direct = recalibrated(model, carbon_series, issue, days=28)
        cached = recalibrated(model, carbon_series, issue, days=28, log_forecasts=cache)
        assert cached.calibration == direct.calibration


def test_the_refit_model_has_seen_every_day_and_recalibrates_only_after_them(
    carbon_series, carbon_model
):
    model, end = carbon_model
    assert model.metadata["unseen_from"] == carbon_series.index[end].isoformat()
    held_out = train(
        carbon_series,
        end,
        dataclasses.replace(SMALL, refit=False),
        zone="US-CAL-LDWP",
        trained_at=TRAINED_AT,
    )
    assert held_out.metadata["unseen_from"] == held_out.metadata["calibration_start"]
    assert model.metadata["n_fit"] > held_out.metadata["n_fit"]  # the 10 calibration days too
    assert model.calibration == held_out.calibration  # the band comes from the held-out fit
    assert model.metadata["persistence_weight"] == held_out.metadata["persistence_weight"]


def test_the_blend_weight_is_the_one_with_the_smallest_log_error() -> None:
    actual = np.log(np.array([300.0, 350.0, 400.0, 280.0]))
    model_log, persistence_log = actual + 0.1, actual - 0.1  # halfway between is exact
    assert blend_weight(model_log, persistence_log, actual, 0.5) == 0.5
    assert blend_weight(model_log, persistence_log, actual, 0.3) == 0.3
    assert blend_weight(actual, persistence_log, actual, 0.5) == 0.0  # the model alone
    skewed = actual + 0.3  # 0.25 of the way to the exact persistence is 0.075 off, and so on
    assert blend_weight(skewed, actual, actual, 0.5) == 0.5


def test_the_blend_falls_back_on_the_model_where_persistence_is_unknown() -> None:
    mixed = blend(np.array([6.0, 6.0]), np.array([5.0, np.nan]), 0.25)
    np.testing.assert_allclose(mixed, [5.75, 6.0])
