import numpy as np
import pytest

from lambdas.predict.carbon.intervals import Calibration, band_of, calibrate, interval


def test_horizon_bands():
    assert band_of(np.array([1, 3, 4, 8, 9, 16, 17, 25])).tolist() == [0, 0, 1, 1, 2, 2, 3, 3]


def test_each_side_reaches_its_conformal_90_percent_quantile():
    n = 99
    predicted = np.zeros(n)
    # Residuals -0.49 .. +0.49 in steps of 0.01: shortfalls and excesses mirror each other.
    actual = (np.arange(n) - 49) / 100.0
    calibration = calibrate(predicted, actual, np.full(n, 1))
    # ceil((99 + 1) * 0.9) = 90th smallest of -0.49 .. 0.49 = 0.40; bands without samples
    # take the distances of all hours.
    assert calibration.below == pytest.approx((0.40,) * 4)
    assert calibration.above == pytest.approx((0.40,) * 4)
    point, lower, upper = interval(np.log([300.0]), np.array([1]), calibration)
    assert point[0] == pytest.approx(300.0)
    assert lower[0] == pytest.approx(300.0 * np.exp(-0.40))
    assert upper[0] == pytest.approx(300.0 * np.exp(0.40))


def test_a_biased_model_gets_an_asymmetric_band():
    n = 200
    predicted = np.zeros(n)
    actual = np.linspace(0.0, 0.5, n)  # the model always forecasts too low
    calibration = calibrate(predicted, actual, np.full(n, 20))
    assert calibration.below[3] <= 0 < calibration.above[3]
    point, lower, upper = interval(np.zeros(1), np.array([20]), calibration)
    assert lower[0] == point[0]  # the band still holds the point forecast
    assert upper[0] > point[0] * np.exp(0.4)


def test_calibration_round_trips_through_json():
    calibration = Calibration(below=(0.1, 0.2, 0.3, 0.4), above=(0.15, 0.25, 0.35, 0.45))
    assert Calibration.from_json(calibration.to_json()) == calibration


def test_no_scores_is_an_error():
    with pytest.raises(ValueError, match="no calibration scores"):
        calibrate(np.zeros(0), np.zeros(0), np.zeros(0))
