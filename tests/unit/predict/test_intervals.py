"""Split-conformal intervals: the finite-sample quantile, and coverage on fresh data."""

import numpy as np
import pytest

from lambdas.predict.intervals import Calibration, calibrate, conformal_quantile, interval


def test_conformal_quantile_is_the_ceil_rank():
    scores = np.arange(1.0, 11.0)  # n = 10: rank ceil(11 * 0.8) = 9 -> the 9th smallest
    assert conformal_quantile(scores, 0.8) == 9.0
    assert conformal_quantile(np.array([3.0]), 0.8) == 3.0


def test_calibrated_intervals_cover_about_eighty_percent_of_new_hours():
    rng = np.random.default_rng(1)
    n = 4000
    ghi = rng.uniform(1, 1000, 2 * n)
    truth = rng.uniform(0.2, 0.8, 2 * n)
    actual = truth + rng.normal(0, 0.1, 2 * n)
    # Raw quantiles far too narrow: +-0.01 around the truth.
    raw = np.column_stack([truth - 0.01, truth, truth + 0.01])
    night = rng.uniform(0, 0.01, n)
    calibration = calibrate(raw[:n], actual[:n], ghi[:n], night)
    _, lower, upper = interval(raw[n:], ghi[n:], calibration)
    covered = np.mean((actual[n:] >= lower) & (actual[n:] <= upper))
    assert covered == pytest.approx(0.8, abs=0.03)
    assert calibration.night_upper == pytest.approx(np.quantile(night, 0.8))


def test_interval_is_ordered_non_negative_and_holds_the_point():
    calibration = Calibration(corrections=(-0.5, -0.5, -0.5), night_upper=0.0)
    quantiles = np.array([[-0.2, -0.1, 0.3], [0.4, 0.5, 0.6]])
    point, lower, upper = interval(quantiles, np.array([100.0, 900.0]), calibration)
    assert (lower >= 0).all()
    assert (lower <= point).all()
    assert (point <= upper).all()
    assert point.tolist() == [0.0, 0.5]


def test_calibration_survives_json():
    calibration = Calibration(corrections=(0.1, 0.2, 0.3), night_upper=0.004)
    assert Calibration.from_json(calibration.to_json()) == calibration
