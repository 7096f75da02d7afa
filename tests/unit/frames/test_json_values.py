"""JSON-ready values: NaN and inf become null, numpy scalars Python numbers."""

import numpy as np

from lambdas.frames.json_values import to_json


def test_json_values_turn_nan_into_null():
    assert to_json({"a": np.float64("nan"), "b": [np.int64(3), 1.23456789]}) == {
        "a": None,
        "b": [3, 1.2346],
    }


def test_unrounded_values_keep_every_digit_and_turn_nan_into_none():
    assert to_json(
        {"a": [1.0, float("nan")], "b": {"c": float("inf")}, "d": "x"}, decimals=None
    ) == {
        "a": [1.0, None],
        "b": {"c": None},
        "d": "x",
    }
