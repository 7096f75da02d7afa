"""Features read nothing at or after the issue hour; pairs and night are what they claim."""

import numpy as np
import pytest

from lambdas.predict.features import (
    FEATURE_NAMES,
    LOOKBACK_HOURS,
    build_features,
    is_night,
    night_level,
    pairs_for,
)
from lambdas.predict.series import build_series
from tests.unit.predict.series_builders import LA


def test_pairs_cover_each_horizon_once():
    pairs = pairs_for(np.array([300, 310]), 24)
    assert len(pairs.target) == 48
    assert (pairs.target - pairs.issue).tolist() == list(range(24)) * 2
    assert set(pairs.lag_hours.tolist()) == {24}
    assert pairs_for(np.array([300]), 25).lag_hours[-1] == 48


def test_features_use_nothing_from_the_issue_hour_on(la_series, la_solar):
    """Rebuild the series with every hour from the issue on scrambled: features must not move."""
    issue = LOOKBACK_HOURS + 24 * 20 + 5
    pairs = pairs_for(np.array([issue]), 24)
    before = build_features(la_series, pairs)
    solar = la_solar.copy()
    rng = np.random.default_rng(0)
    solar.iloc[issue:] = rng.uniform(0, 5000, len(solar) - issue)
    solar.iloc[issue + 3] = np.nan
    scrambled = build_series(solar, LA, extra_hours=24)
    after = build_features(scrambled, pairs)
    assert np.isfinite(before).all()
    np.testing.assert_array_equal(before, after)


def test_night_level_is_the_median_of_the_past_weeks_dark_hours(la_series, la_solar):
    issue = LOOKBACK_HOURS + 24 * 20 + 5
    window = np.arange(issue - 7 * 24, issue)
    dark = window[is_night(la_series, window)]
    expected = np.median(la_series.solar_mw[dark][np.isfinite(la_series.solar_mw[dark])])
    assert night_level(la_series, np.array([issue]))[0] == expected
    solar = la_solar.copy()
    solar.iloc[issue:] = 4000.0  # the future cannot move it
    scrambled = build_series(solar, LA, extra_hours=24)
    assert night_level(scrambled, np.array([issue]))[0] == expected


def test_features_change_when_the_past_changes(la_series, la_solar):
    """The guard above is not vacuous: touching the hour before the issue moves features."""
    issue = LOOKBACK_HOURS + 24 * 20 + 5
    pairs = pairs_for(np.array([issue]), 24)
    solar = la_solar.copy()
    solar.iloc[issue - 1] += 500.0
    changed = build_features(build_series(solar, LA, extra_hours=24), pairs)
    lag1 = FEATURE_NAMES.index("same_hour_lag1")
    before = build_features(la_series, pairs)
    assert changed[-1, lag1] != before[-1, lag1]  # horizon 24 reads the hour before issue
    np.testing.assert_array_equal(changed[:-1, lag1], before[:-1, lag1])


def test_issue_hours_without_enough_history_are_refused(la_series):
    with pytest.raises(ValueError, match="hours of series before it"):
        build_features(la_series, pairs_for(np.array([LOOKBACK_HOURS - 1]), 24))


def test_targets_past_the_series_are_refused(la_series):
    last = len(la_series.index) - 10
    with pytest.raises(ValueError, match="past the end"):
        build_features(la_series, pairs_for(np.array([last]), 24))


def test_night_is_when_the_clear_sky_sun_is_down(la_series):
    local_hours = la_series.index.tz_convert("America/Los_Angeles").hour
    night = is_night(la_series, np.arange(len(la_series.index)))
    assert night[(local_hours >= 0) & (local_hours < 4)].all()
    assert not night[(local_hours >= 10) & (local_hours < 15)].any()


def test_a_gap_is_filled_from_the_same_hour_on_earlier_days(la_series, la_solar):
    issue = LOOKBACK_HOURS + 24 * 20
    solar = la_solar.copy()
    solar.iloc[issue + 12 - 24] = np.nan  # yesterday's hour of target issue + 12
    gapped = build_series(solar, LA, extra_hours=24)
    row = build_features(gapped, pairs_for(np.array([issue]), 24))[12]
    lag1 = row[FEATURE_NAMES.index("same_hour_lag1")] * gapped.capacity_mw[issue]
    earlier = [gapped.solar_mw[issue + 12 - 24 * d] for d in range(2, 9)]
    assert lag1 == pytest.approx(np.mean(earlier))


def test_an_issue_before_dawn_still_has_every_feature(la_series):
    """Issued at any hour (the pipeline runs hourly), not only at midnight: an issue whose last
    12 hours were all dark must still forecast its day."""
    issues = np.arange(LOOKBACK_HOURS, len(la_series.index) - 48)
    dark_12h = np.array([is_night(la_series, np.arange(i - 12, i)).all() for i in issues])
    assert dark_12h.any(), "the fixture holds no issue after 12 dark hours"
    features = build_features(la_series, pairs_for(issues[dark_12h], 1))
    recent = features[:, FEATURE_NAMES.index("clear_sky_index_12h")]
    assert np.isfinite(recent).all()
