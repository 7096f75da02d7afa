import numpy as np
import pytest

from lambdas.predict.carbon.intervals import Calibration, band_of, calibrate, interval


def test_horizon_bands():
    assert band_of(np.array([1, 3, 4, 8, 9, 16, 17, 25])).tolist() == [0, 0, 1, 1, 2, 2, 3, 3]


def test_calibration_widens_each_band_by_its_conformal_quantile():
    n = 99
    quantiles = np.column_stack([np.full(n, 90.0), np.full(n, 100.0), np.full(n, 110.0)])
    overshoot = np.arange(1.0, n + 1)  # actual lies 1..99 above the upper quantile
    actual = 110.0 + overshoot
    horizon = np.full(n, 1)
    calibration = calibrate(quantiles, actual, horizon)
    # ceil((99 + 1) * 0.8) = 80th smallest score = 80; bands without samples use all hours'.
    assert calibration.corrections == (80.0, 80.0, 80.0, 80.0)
    point, lower, upper = interval(quantiles[:1], horizon[:1], calibration)
    assert (point[0], lower[0], upper[0]) == (100.0, 10.0, 190.0)


def test_the_band_never_excludes_the_point_nor_goes_below_zero():
    quantiles = np.array([[50.0, 40.0, 60.0]])
    calibration = Calibration(corrections=(-30.0, 0.0, 0.0, 0.0))
    point, lower, upper = interval(quantiles, np.array([1]), calibration)
    assert (point[0], lower[0], upper[0]) == (40.0, 40.0, 40.0)
    point, lower, upper = interval(quantiles, np.array([1]), Calibration((100.0,) * 4))
    assert lower[0] == 0.0


def test_calibration_round_trips_through_json():
    calibration = Calibration(corrections=(1.0, 2.0, 3.0, 4.5))
    assert Calibration.from_json(calibration.to_json()) == calibration


def test_no_scores_is_an_error():
    with pytest.raises(ValueError, match="no calibration scores"):
        calibrate(np.zeros((0, 3)), np.zeros(0), np.zeros(0))
