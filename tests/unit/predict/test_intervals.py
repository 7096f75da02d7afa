"""Conformal intervals: the finite-sample quantile, and coverage on series of known noise."""

import numpy as np
import pytest

from lambdas.predict.intervals import (
    LEVEL,
    Calibration,
    adaptive_level,
    calibrate,
    conformal_quantile,
    horizon_band_of,
    interval,
    miss_rate,
    residuals,
)

WINDOW_HOURS = 14 * 24
NO_NIGHT = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))


def test_conformal_quantile_is_the_ceil_rank():
    scores = np.arange(1.0, 11.0)  # n = 10: rank ceil(11 * 0.8) = 9 -> the 9th smallest
    assert conformal_quantile(scores, 0.8) == 9.0
    assert conformal_quantile(np.array([3.0]), 0.8) == 3.0


def test_horizon_bands_are_1_to_6_7_to_12_and_13_on():
    bands = horizon_band_of(np.arange(1, 26))
    assert bands.tolist() == [0] * 6 + [1] * 6 + [2] * 13


def _hourly_issues(days, rng, noise_sd):
    """Every hour issues horizons 1..24; the actual is the truth plus Gaussian noise whose
    standard deviation `noise_sd(issue, horizon)` is known [capacity units]."""
    issue = np.repeat(np.arange(days * 24), 24)
    horizon = np.tile(np.arange(1, 25), days * 24)
    target = issue + horizon - 1
    truth = rng.uniform(0.2, 0.8, len(issue))
    actual = truth + rng.normal(0, 1, len(issue)) * noise_sd(issue, horizon)
    raw = np.column_stack([truth - 0.01, truth, truth + 0.01])  # far too narrow
    ghi = rng.uniform(1, 1000, len(issue))
    return issue, target, horizon, raw, actual, ghi


def _rolling_coverage(issue, target, horizon, raw, actual, ghi, issues, *, adaptive=True):
    """Covered (bool) for each pair of `issues`, each calibrated on the window before it (at
    the ACI level unless `adaptive` is False)."""
    scored = residuals(issue, target, raw, actual, ghi, NO_NIGHT)
    covered = []
    for at in issues:
        level = adaptive_level(scored, at, WINDOW_HOURS) if adaptive else LEVEL
        calibration = calibrate(scored.window(at, WINDOW_HOURS), level)
        rows = issue == at
        _, lower, upper = interval(raw[rows], ghi[rows], horizon[rows], calibration)
        covered.append((actual[rows] >= lower) & (actual[rows] <= upper))
    return np.concatenate(covered)


def test_rolling_calibration_covers_eighty_percent_in_each_horizon_band_and_regime():
    # The noise grows with the horizon band and doubles half-way (a change of season): a
    # fixed calibration would be wrong in one of the halves; the rolling one follows.
    rng = np.random.default_rng(3)
    days = 160
    shift = 80 * 24

    def noise_sd(issue, horizon):
        return 0.04 * (1 + horizon_band_of(horizon)) * np.where(issue < shift, 1.0, 2.0)

    issue, target, horizon, raw, actual, ghi = _hourly_issues(days, rng, noise_sd)
    for first, last in ((30 * 24, shift), (shift + 30 * 24, days * 24 - 24)):
        tested = np.arange(first, last, 5)
        covered = _rolling_coverage(issue, target, horizon, raw, actual, ghi, tested)
        bands = horizon_band_of(horizon[np.isin(issue, tested)])
        for band in range(3):
            assert covered[bands == band].mean() == pytest.approx(0.8, abs=0.03)


def test_aci_brings_an_issue_hour_the_window_under_covers_to_eighty_percent():
    # Issues at hour 0 err 30% more than the others (a midnight issue knows less than one
    # issued by day): the pooled window alone covers them about 67%; ACI steers their level.
    rng = np.random.default_rng(9)
    days = 70

    def noise_sd(issue, _horizon):
        return 0.04 * np.where(issue % 24 == 0, 1.3, 1.0)

    issue, target, horizon, raw, actual, ghi = _hourly_issues(days, rng, noise_sd)
    midnights = np.arange(30 * 24, (days - 1) * 24, 24)
    pooled = _rolling_coverage(issue, target, horizon, raw, actual, ghi, midnights, adaptive=False)
    steered = _rolling_coverage(issue, target, horizon, raw, actual, ghi, midnights)
    others = _rolling_coverage(issue, target, horizon, raw, actual, ghi, midnights + 5)
    assert pooled.mean() < 0.72
    assert steered.mean() == pytest.approx(0.8, abs=0.03)
    assert others.mean() == pytest.approx(0.8, abs=0.03)


def test_aci_reads_only_residuals_known_at_the_issue():
    rng = np.random.default_rng(11)
    issue, target, _, raw, actual, ghi = _hourly_issues(40, rng, lambda _i, _h: 0.05)
    at = 35 * 24
    scored = residuals(issue, target, raw, actual, ghi, NO_NIGHT)
    future = target >= at
    scrambled = actual.copy()
    scrambled[future] = rng.permutation(actual[future]) + 0.3
    again = residuals(issue, target, raw, scrambled, ghi, NO_NIGHT)
    assert adaptive_level(again, at, WINDOW_HOURS) == adaptive_level(scored, at, WINDOW_HOURS)
    assert adaptive_level(scored, at, WINDOW_HOURS) != LEVEL


def test_the_miss_rate_counts_scores_beyond_their_cells_correction():
    calibration = Calibration(corrections=((0.1, 0.2, 0.3),) * 3, night_upper=0.0)
    horizon_band = np.array([0, 0, 1, 2])
    ghi_band = np.array([0, 2, 1, 2])
    score = np.array([0.15, 0.25, 0.2, 0.31])  # out, in, in (on the bound), out
    assert miss_rate(horizon_band, ghi_band, score, calibration) == 0.5


def test_the_correction_matches_the_known_noise_and_narrows_where_it_is_small():
    rng = np.random.default_rng(4)
    issue, target, _, raw, actual, ghi = _hourly_issues(
        40, rng, lambda _issue, h: 0.04 * (1 + horizon_band_of(h))
    )
    calibration = calibrate(residuals(issue, target, raw, actual, ghi, NO_NIGHT))
    # The 80% interval of N(0, sd) is +-1.2816 sd: the raw +-0.01 is widened by the rest.
    for band, row in enumerate(calibration.corrections):
        for correction in row:
            assert correction == pytest.approx(1.2816 * 0.04 * (1 + band) - 0.01, rel=0.1)


def test_a_cell_without_enough_hours_takes_its_horizon_bands_correction():
    rng = np.random.default_rng(5)
    issue, target, horizon, raw, actual, ghi = _hourly_issues(10, rng, lambda _i, _h: 0.05)
    ghi = np.where(ghi > 600, 500.0, ghi)  # no hour in the > 600 W/m2 band
    calibration = calibrate(residuals(issue, target, raw, actual, ghi, NO_NIGHT))
    scores = np.maximum(raw[:, 0] - actual, actual - raw[:, 2])
    for band, row in enumerate(calibration.corrections):
        in_band = scores[horizon_band_of(horizon) == band]
        assert row[2] == conformal_quantile(in_band, 0.8)
        assert row[0] != row[2]  # the cells with hours have their own


def test_the_night_bound_is_the_eightieth_percentile_of_recent_night_hours():
    rng = np.random.default_rng(6)
    issue, target, _, raw, actual, ghi = _hourly_issues(5, rng, lambda _i, _h: 0.05)
    night = rng.uniform(0, 0.01, 500)
    positions = np.arange(500)
    calibration = calibrate(
        residuals(issue, target, raw, actual, ghi, (positions, positions + 1, night))
    )
    assert calibration.night_upper == pytest.approx(np.quantile(night, 0.8))


def test_a_window_reads_only_residuals_known_at_its_end():
    rng = np.random.default_rng(7)
    issue, target, _, raw, actual, ghi = _hourly_issues(40, rng, lambda _i, _h: 0.05)
    scored = residuals(issue, target, raw, actual, ghi, NO_NIGHT)
    recent = scored.window(30 * 24, WINDOW_HOURS)
    assert recent.target.max() < 30 * 24
    assert recent.issue.min() == 30 * 24 - WINDOW_HOURS


def test_interval_is_ordered_non_negative_and_holds_the_point():
    calibration = Calibration(corrections=((-0.5,) * 3,) * 3, night_upper=0.0)
    quantiles = np.array([[-0.2, -0.1, 0.3], [0.4, 0.5, 0.6]])
    point, lower, upper = interval(
        quantiles, np.array([100.0, 900.0]), np.array([1, 20]), calibration
    )
    assert (lower >= 0).all()
    assert (lower <= point).all()
    assert (point <= upper).all()
    assert point.tolist() == [0.0, 0.5]


def test_calibration_survives_json():
    calibration = Calibration(
        corrections=((0.1, 0.2, 0.3), (0.2, 0.3, 0.4), (0.3, 0.4, 0.5)),
        night_upper=0.004,
        n_scores=1200,
    )
    assert Calibration.from_json(calibration.to_json()) == calibration
