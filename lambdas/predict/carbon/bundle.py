"""A carbon forecaster as a zip bundle: `model.pkl` (the fitted scikit-learn model) and
`metadata.json` (version, calibration, training window), kept by the same stores as the solar
model (predict/store.py) under their own table or prefix.

The model is a pickle: it is only ever read back from this project's own bucket or database,
never from a user. Unpacking failures of any kind surface as CorruptModel, so the step can
retrain instead of failing.
"""

import pickle

from lambdas.predict.carbon.features import FEATURE_NAMES
from lambdas.predict.carbon.intervals import Calibration
from lambdas.predict.carbon.model import FORMAT, CarbonForecaster
from lambdas.predict.store import Bundle, CorruptModel, open_bundle, zip_bundle


def pack(forecaster: CarbonForecaster) -> Bundle:
    """The bundle of a carbon forecaster."""
    metadata = {**forecaster.metadata, "version": forecaster.version}
    return zip_bundle(
        metadata, "model.pkl", pickle.dumps(forecaster.model, pickle.HIGHEST_PROTOCOL)
    )


def unpack(data: bytes) -> CarbonForecaster:
    """The carbon forecaster in a bundle, or CorruptModel saying what is wrong with it."""
    expected = {"format": FORMAT, "features": list(FEATURE_NAMES)}
    metadata, model_bytes, version = open_bundle(data, "model.pkl", expected, "carbon model")
    try:
        calibration = Calibration.from_json(metadata["calibration"])
    except (KeyError, ValueError, TypeError) as exc:
        raise CorruptModel(f"unreadable carbon model bundle: {exc!r}") from exc
    try:
        model = pickle.loads(model_bytes)
    except Exception as exc:  # a damaged pickle raises many kinds; all mean "retrain".
        raise CorruptModel(f"carbon model {version}: the model does not load: {exc!r}") from exc
    return CarbonForecaster(model, calibration, version, metadata)
