"""A carbon model survives its bundle; a damaged or foreign bundle is CorruptModel."""

import io
import json
import zipfile
from datetime import UTC, datetime

import numpy as np
import pytest

from lambdas.predict.carbon.bundle import pack, unpack
from lambdas.predict.carbon.model import BoostingConfig, TrainingPlan, forecast, train
from lambdas.predict.features import pairs_for
from lambdas.predict.store import CorruptModel

SMALL = TrainingPlan(boosting=BoostingConfig(max_iter=20), calibration_days=10)


@pytest.fixture(scope="module")
def trained(carbon_series):
    end = len(carbon_series.index) - 25 - 48
    at = datetime(2022, 4, 28, tzinfo=UTC)
    return train(carbon_series, end, SMALL, zone="US-CAL-LDWP", trained_at=at), end


def test_a_packed_model_forecasts_the_same(carbon_series, trained):
    model, end = trained
    bundle = pack(model)
    assert bundle.version == model.version
    assert bundle.trained_at == datetime(2022, 4, 28, tzinfo=UTC)
    again = unpack(bundle.data)
    pairs = pairs_for(np.array([end]), 24)
    np.testing.assert_array_equal(
        forecast(model, carbon_series, pairs).point, forecast(again, carbon_series, pairs).point
    )
    assert again.calibration == model.calibration


def rewritten(data: bytes, **changes) -> bytes:
    """The bundle with its metadata changed."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        metadata = json.loads(archive.read("metadata.json"))
        model = archive.read("model.pkl")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metadata.json", json.dumps({**metadata, **changes}))
        archive.writestr("model.pkl", model)
    return buffer.getvalue()


def test_a_bundle_for_other_features_is_corrupt(trained):
    data = rewritten(pack(trained[0]).data, features=["last_hour"])
    with pytest.raises(CorruptModel, match="other features"):
        unpack(data)


def test_bytes_that_are_no_zip_are_corrupt():
    with pytest.raises(CorruptModel, match="unreadable"):
        unpack(b"not a zip")


def test_a_damaged_model_is_corrupt(trained):
    data = pack(trained[0]).data
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        target.writestr("metadata.json", source.read("metadata.json"))
        target.writestr("model.pkl", b"\x80\x05garbage")
    with pytest.raises(CorruptModel, match="does not load"):
        unpack(buffer.getvalue())
