"""Persistence and smart persistence, checked by hand on a constructed three-day series."""

import numpy as np

from lambdas.predict.baselines import persistence, smart_persistence
from lambdas.predict.features import DARK_GHI, Pairs
from tests.unit.predict.series_builders import hand_series


def three_days():
    solar = np.arange(72, dtype="float64") * 10.0  # hour h holds 10 h MW
    ghi = np.tile(np.r_[np.zeros(6), np.linspace(100, 900, 12), np.zeros(6)], 3)
    ghi[48 + 12] = 2 * ghi[24 + 12]  # day 3 noon twice as bright as day 2 noon
    ghi[24 + 6] = DARK_GHI / 2  # day 2, 06:00: dark by the DARK_GHI rule
    return hand_series(solar, ghi)


def test_persistence_is_the_same_hour_yesterday():
    series = three_days()
    pairs = Pairs(issue=np.array([48, 48, 48]), target=np.array([48, 60, 71]))
    assert persistence(series, pairs).tolist() == [240.0, 360.0, 470.0]


def test_persistence_reaches_two_days_back_for_the_25th_hour():
    series = three_days()
    pairs = Pairs(issue=np.array([24]), target=np.array([48]))  # horizon 25: 24 h back is unknown
    assert persistence(series, pairs).tolist() == [0.0]


def test_smart_persistence_scales_by_the_clear_sky_ratio():
    series = three_days()
    pairs = Pairs(issue=np.array([48, 48]), target=np.array([60, 55]))
    expected_55 = 310.0 * series.clear_sky_ghi[55] / series.clear_sky_ghi[31]
    np.testing.assert_allclose(smart_persistence(series, pairs), [360.0 * 2, expected_55])


def test_smart_persistence_ratio_is_one_after_a_dark_hour():
    series = three_days()
    pairs = Pairs(issue=np.array([48]), target=np.array([54]))  # 24 h earlier is hour 30: dark
    assert smart_persistence(series, pairs).tolist() == [300.0]


def test_an_unknown_earlier_hour_gives_no_baseline():
    solar = np.arange(72, dtype="float64")
    solar[36] = np.nan
    series = hand_series(solar, np.full(72, 500.0))
    pairs = Pairs(issue=np.array([48]), target=np.array([60]))
    assert np.isnan(persistence(series, pairs)).all()
    assert np.isnan(smart_persistence(series, pairs)).all()
