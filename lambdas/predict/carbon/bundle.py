"""A carbon forecaster as a zip bundle: `model.pkl` (the fitted scikit-learn model) and
`metadata.json` (version, calibration, training window), kept by the same stores as the solar
model (predict/store.py) under their own table or prefix.

The model is a pickle: it is only ever read back from this project's own bucket or database,
never from a user. Unpacking failures of any kind surface as CorruptModel, so the step can
retrain instead of failing.
"""

import io
import json
import pickle
import zipfile
from datetime import datetime

from lambdas.predict.carbon.features import FEATURE_NAMES
from lambdas.predict.carbon.intervals import Calibration
from lambdas.predict.carbon.model import FORMAT, CarbonForecaster
from lambdas.predict.store import Bundle, CorruptModel


def pack(forecaster: CarbonForecaster) -> Bundle:
    """The bundle of a carbon forecaster."""
    metadata = {**forecaster.metadata, "version": forecaster.version}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.pkl", pickle.dumps(forecaster.model, pickle.HIGHEST_PROTOCOL))
        archive.writestr("metadata.json", json.dumps(metadata))
    return Bundle(
        version=forecaster.version,
        zone=str(metadata["zone"]),
        trained_at=datetime.fromisoformat(str(metadata["trained_at"])),
        data=buffer.getvalue(),
        metadata=metadata,
    )


def unpack(data: bytes) -> CarbonForecaster:
    """The carbon forecaster in a bundle, or CorruptModel saying what is wrong with it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            metadata = json.loads(archive.read("metadata.json"))
            model_bytes = archive.read("model.pkl")
        calibration = Calibration.from_json(metadata["calibration"])
        version = str(metadata["version"])
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise CorruptModel(f"unreadable carbon model bundle: {exc!r}") from exc
    if metadata.get("format") != FORMAT or metadata.get("features") != list(FEATURE_NAMES):
        raise CorruptModel(f"carbon model {version} was made for other features or format")
    try:
        model = pickle.loads(model_bytes)
    except Exception as exc:  # a damaged pickle raises many kinds; all mean "retrain".
        raise CorruptModel(f"carbon model {version}: the model does not load: {exc!r}") from exc
    return CarbonForecaster(model, calibration, version, metadata)
