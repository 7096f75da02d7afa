"""A tiny network on 60 real LA days: night level, ordered intervals, reproducible, storable.

TensorFlow runs here (a small model, a few epochs): the slowest predict unit tests, ~10 s.
"""

from datetime import UTC, datetime

import numpy as np
import pytest

from lambdas.predict.errors import InsufficientHistory
from lambdas.predict.features import LOOKBACK_HOURS, is_night, night_level, pairs_for
from lambdas.predict.forecaster import TrainingPlan, forecast, train
from lambdas.predict.network import NetworkConfig
from lambdas.predict.store import CorruptModel, pack, unpack

TINY = TrainingPlan(
    network_config=NetworkConfig(hidden_units=(8,), epochs=2, batch_size=512, members=1)
)
TRAINED_AT = datetime(2019, 4, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def issue(la_series):
    return len(la_series.index) - 24  # the first of the appended future hours


@pytest.fixture(scope="module")
def forecaster(la_series, issue):
    return train(la_series, issue, TINY, zone="US-CAL-LDWP", trained_at=TRAINED_AT)


def test_night_is_the_reported_level_and_day_is_ordered(la_series, forecaster, issue):
    result = forecast(forecaster, la_series, pairs_for(np.array([issue]), 24))
    night = is_night(la_series, result.pairs.target)
    assert night.any()
    assert (~night).any()
    expected = night_level(la_series, np.array([issue]))[0]
    assert 0 <= expected < 50  # the source's few MW in the dark, never the network
    assert (result.point[night] == expected).all()
    assert (result.lower[night] == 0).all()
    assert np.isfinite(result.point).all()
    assert (result.lower >= 0).all()
    assert (result.lower <= result.point).all()
    assert (result.point <= result.upper).all()
    assert result.point[~night].max() > 100  # a spring day in LA makes hundreds of MW


def test_training_is_reproducible(la_series, forecaster, issue):
    again = train(la_series, issue, TINY, zone="US-CAL-LDWP", trained_at=TRAINED_AT)
    assert again.version == forecaster.version
    assert forecaster.version.startswith("mlp-20190430T000000Z-")


def test_training_uses_only_hours_before_its_end(la_series, forecaster, issue):
    assert forecaster.metadata["data_end"] == la_series.index[issue - 1].isoformat()
    assert forecaster.metadata["calibration_start"] < forecaster.metadata["data_end"]


def test_too_little_history_refuses_to_train(la_series):
    with pytest.raises(InsufficientHistory, match="daylight hours to fit"):
        train(la_series, LOOKBACK_HOURS + 48, TINY, zone="US-CAL-LDWP", trained_at=TRAINED_AT)


def test_a_packed_model_forecasts_the_same_after_unpacking(la_series, forecaster, issue):
    pairs = pairs_for(np.array([issue]), 24)
    bundle = pack(forecaster)
    restored = unpack(bundle.data)
    assert restored.version == forecaster.version == bundle.version
    assert restored.calibration == forecaster.calibration
    np.testing.assert_allclose(
        forecast(restored, la_series, pairs).upper, forecast(forecaster, la_series, pairs).upper
    )


@pytest.mark.parametrize("damage", ["not a zip", "truncated", "other features"])
def test_a_damaged_bundle_is_reported_corrupt(forecaster, damage):
    data = pack(forecaster).data
    if damage == "not a zip":
        data = b"garbage"
    elif damage == "truncated":
        data = data[: len(data) // 2]
    else:
        metadata = {**forecaster.metadata, "features": ["something", "else"]}
        data = pack(
            type(forecaster)(
                forecaster.network, forecaster.calibration, forecaster.version, metadata
            )
        ).data
    with pytest.raises(CorruptModel):
        unpack(data)
