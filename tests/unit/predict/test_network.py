"""The network module: an ensemble is the mean of members seeded apart, and survives storage."""

from dataclasses import replace

import numpy as np

from lambdas.predict.network import (
    QUANTILES,
    NetworkConfig,
    fit_network,
    network_from_bytes,
    network_to_bytes,
    predict_quantiles,
)

TINY = NetworkConfig(hidden_units=(4,), epochs=2, batch_size=128)


def samples() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    features = rng.normal(size=(600, 3)).astype("float32")
    return features, 0.5 + 0.1 * features[:, 0]


def members_of(model) -> list:
    import keras

    return [layer for layer in model.layers if isinstance(layer, keras.Sequential)]


def test_an_ensemble_forecasts_the_mean_of_its_members():
    features, target = samples()
    model = fit_network(features, target, replace(TINY, members=3))
    members = members_of(model)
    assert len(members) == 3
    outputs = [np.asarray(member(features)) for member in members]
    assert outputs[0].shape == (len(features), len(QUANTILES))
    assert not np.allclose(outputs[0], outputs[1])  # each member has its own seed
    np.testing.assert_allclose(np.asarray(model(features)), np.mean(outputs, axis=0), rtol=1e-5)


def test_one_member_is_a_plain_network_and_both_round_trip_through_bytes():
    features, target = samples()
    single = fit_network(features, target, replace(TINY, members=1))
    assert members_of(single) == []
    pair = fit_network(features, target, replace(TINY, members=2))
    for model in (single, pair):
        restored = network_from_bytes(network_to_bytes(model))
        np.testing.assert_allclose(
            predict_quantiles(restored, features), predict_quantiles(model, features), rtol=1e-6
        )
