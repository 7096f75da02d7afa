"""Carbon features read nothing at or after the issue hour (scrambling the future moves none)."""

import numpy as np
import pytest

from lambdas.predict.carbon.features import FEATURE_NAMES, LOOKBACK_HOURS, build_features
from lambdas.predict.carbon.series import build_series
from lambdas.predict.features import pairs_for
from tests.unit.predict.carbon.builders import LA, hand_series

ISSUE = LOOKBACK_HOURS + 24 * 30 + 7


def scrambled_from(frame, issue, seed=0):
    """The frame with every value from position `issue` on replaced by noise (one a gap)."""
    rng = np.random.default_rng(seed)
    changed = frame.copy()
    for column in changed.columns:
        changed.iloc[issue:, changed.columns.get_loc(column)] = rng.uniform(
            1, 5000, len(changed) - issue
        )
    changed.iloc[issue + 2, changed.columns.get_loc("intensity")] = np.nan
    return changed


def test_scrambling_the_future_changes_no_feature(carbon_frame, carbon_series):
    pairs = pairs_for(np.array([ISSUE]), 25)
    before = build_features(carbon_series, pairs)
    after = build_features(build_series(scrambled_from(carbon_frame, ISSUE), LA, 25), pairs)
    assert np.isfinite(before).all()
    np.testing.assert_array_equal(before, after)


def test_the_hour_before_the_issue_does_change_features(carbon_frame, carbon_series):
    """The guard above is not vacuous: the last known hour moves the last-hour features."""
    pairs = pairs_for(np.array([ISSUE]), 24)
    changed = carbon_frame.copy()
    changed.iloc[ISSUE - 1, changed.columns.get_loc("intensity")] += 100.0
    after = build_features(build_series(changed, LA, 25), pairs)
    before = build_features(carbon_series, pairs)
    last = FEATURE_NAMES.index("last_hour")
    np.testing.assert_array_equal(after[:, last], before[:, last] + 100.0)


def test_trailing_means_and_same_hours_on_a_constructed_series():
    series = hand_series(np.arange(1.0, 601.0))  # position p holds p + 1
    issue = 400
    row = build_features(series, pairs_for(np.array([issue]), 1))[0]
    value = dict(zip(FEATURE_NAMES, row, strict=True))
    assert value["horizon_hours"] == 1
    assert value["last_hour"] == issue  # position issue - 1
    assert value["mean_24h"] == np.mean(np.arange(issue - 24, issue) + 1.0)
    assert value["same_hour_lag1"] == issue - 24 + 1
    assert value["same_hour_lag7"] == issue - 168 + 1
    assert value["min_24h"] == issue - 24 + 1
    assert value["change_24h"] == 24


def test_issue_hours_without_a_week_of_history_are_refused(carbon_series):
    with pytest.raises(ValueError, match="hours of series before it"):
        build_features(carbon_series, pairs_for(np.array([LOOKBACK_HOURS - 1]), 24))


def test_targets_past_the_series_are_refused(carbon_series):
    with pytest.raises(ValueError, match="past the end"):
        build_features(carbon_series, pairs_for(np.array([len(carbon_series.index) - 3]), 24))
