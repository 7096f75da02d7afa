"""Baselines exact on a constructed series: the intensity of each hour is its position."""

import numpy as np

from lambdas.predict.carbon.baselines import persistence, weekly_persistence
from lambdas.predict.features import Pairs, pairs_for
from tests.unit.predict.carbon.builders import hand_series


def test_persistence_is_the_same_hour_of_the_last_known_day():
    series = hand_series(np.arange(1.0, 401.0))  # position p holds p + 1
    pairs = pairs_for(np.array([200]), 25)
    expected = pairs.target - 24 + 1.0
    expected[-1] = pairs.target[-1] - 48 + 1.0  # the 25th hour: yesterday's is not known yet
    np.testing.assert_array_equal(persistence(series, pairs), expected)


def test_weekly_persistence_is_the_same_hour_a_week_before():
    series = hand_series(np.arange(1.0, 401.0))
    pairs = pairs_for(np.array([200]), 25)
    np.testing.assert_array_equal(weekly_persistence(series, pairs), pairs.target - 168 + 1.0)


def test_an_unknown_earlier_hour_gives_no_baseline():
    values = np.arange(1.0, 401.0)
    values[[200 + 3 - 24, 200 + 5 - 168]] = np.nan
    series = hand_series(values)
    pairs = Pairs(issue=np.array([200, 200, 200]), target=np.array([203, 205, 206]))
    assert np.isnan(persistence(series, pairs)[0])
    assert np.isnan(weekly_persistence(series, pairs)[1])
    assert persistence(series, pairs)[2] == 206 - 24 + 1.0
