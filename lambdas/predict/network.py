"""The Keras MLP: scaled features in, three quantiles (10%, 50%, 90%) of the target out.

The only module that imports TensorFlow/Keras, and only inside functions (the import takes
seconds). One network predicts all three quantiles, trained on the summed pinball loss; the
median minimises absolute error, the outer two seed the 80% interval (calibrated afterwards).
Several networks differing only in their seed are trained and averaged into one model: a
single network's error moves by about a point of skill from seed to seed, their mean far less.
"""

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

QUANTILES: tuple[float, ...] = (0.1, 0.5, 0.9)


@dataclass(frozen=True)
class NetworkConfig:
    """Size and training schedule of the MLP (tests use a tiny one)."""

    hidden_units: tuple[int, ...] = (64, 64)
    members: int = 5
    epochs: int = 40
    batch_size: int = 1024
    learning_rate: float = 2e-3
    seed: int = 7
    # The newest share of the rows (they come in time order) decides when to stop.
    validation_share: float = 0.15
    patience: int = 4


def fit_network(features: np.ndarray, target: np.ndarray, config: NetworkConfig) -> Any:
    """Train `config.members` fresh networks on rows of `features` (no NaN) against `target`;
    returns one model whose outputs are their mean.

    Rows must be in time order: the newest `validation_share` stops training early (the weights
    of the best epoch are kept). Seeds Python, NumPy and TensorFlow so a run repeats.
    """
    import keras

    members = [
        _fit_member(features, target, config, seed=config.seed + index)
        for index in range(config.members)
    ]
    if len(members) == 1:
        return members[0]
    inputs = keras.Input(shape=(features.shape[1],))
    return keras.Model(inputs, keras.layers.Average()([member(inputs) for member in members]))


def _fit_member(features: np.ndarray, target: np.ndarray, config: NetworkConfig, seed: int) -> Any:
    import keras

    keras.utils.set_random_seed(seed)
    normaliser = keras.layers.Normalization()
    normaliser.adapt(features.astype("float32"))
    layers: list[Any] = [keras.Input(shape=(features.shape[1],)), normaliser]
    layers += [keras.layers.Dense(units, activation="relu") for units in config.hidden_units]
    layers.append(keras.layers.Dense(len(QUANTILES)))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=config.learning_rate), loss=_pinball_loss
    )
    stop = keras.callbacks.EarlyStopping(
        patience=config.patience, restore_best_weights=True, start_from_epoch=2
    )
    model.fit(
        features.astype("float32"),
        target.astype("float32")[:, None],
        epochs=config.epochs,
        batch_size=config.batch_size,
        validation_split=config.validation_share,
        callbacks=[stop],
        shuffle=True,
        verbose=0,
    )
    return model


def _pinball_loss(y_true: Any, y_pred: Any) -> Any:
    """Mean pinball loss summed over QUANTILES (y_true has one column, y_pred one per quantile)."""
    from keras import ops

    levels = ops.convert_to_tensor(np.asarray(QUANTILES, dtype="float32"))
    error = y_true - y_pred
    return ops.sum(ops.mean(ops.maximum(levels * error, (levels - 1.0) * error), axis=0))


def predict_quantiles(model: Any, features: np.ndarray) -> np.ndarray:
    """Quantiles for each row, shape (n, 3), sorted so they never cross."""
    if len(features) == 0:
        return np.zeros((0, len(QUANTILES)))
    raw = np.asarray(model(features.astype("float32"), training=False), dtype="float64")
    return np.sort(raw, axis=1)


def network_to_bytes(model: Any) -> bytes:
    """The model in the Keras v3 format (a zip), as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


def network_from_bytes(data: bytes) -> Any:
    """A model saved by `network_to_bytes` (loaded without its training loss)."""
    import keras

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        path.write_bytes(data)
        # An ensemble's members keep their training loss in their config: it must resolve.
        return keras.saving.load_model(
            path, compile=False, custom_objects={"_pinball_loss": _pinball_loss}
        )
