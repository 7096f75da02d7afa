"""Train the forecaster on the hours before a position, and forecast from any later issue hour.

Training samples are (issue, target) pairs with issues every few hours, so the network learns
every issue hour and horizon. The newest days are held out of the fit to calibrate the interval
(intervals.py): the network never sees them, which is what makes the coverage honest.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from lambdas.core.errors import GridlaError
from lambdas.predict import network
from lambdas.predict.features import (
    FEATURE_NAMES,
    LOOKBACK_HOURS,
    Pairs,
    build_features,
    is_night,
    night_level,
    pairs_for,
)
from lambdas.predict.intervals import Calibration, calibrate, interval
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries

FORMAT = 1


class InsufficientHistory(GridlaError):
    """Too little known generation to train or to forecast: the step skips, inventing nothing."""


@dataclass(frozen=True)
class TrainingPlan:
    """What data a training uses and how the network is sized."""

    network_config: network.NetworkConfig = field(default_factory=network.NetworkConfig)
    train_days: int = 365
    calibration_days: int = 28
    calibration_share: float = 0.25
    issue_stride_hours: int = 3
    horizon_hours: int = 24
    min_fit_samples: int = 500


@dataclass(frozen=True)
class Forecaster:
    """A trained network, its interval calibration, and what it was trained on."""

    network: Any
    calibration: Calibration
    version: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class Forecast:
    """Forecast hours [MW] for `pairs` (NaN where the features cannot be computed)."""

    pairs: Pairs
    point: np.ndarray
    lower: np.ndarray
    upper: np.ndarray


def train(
    series: SolarSeries, end: int, plan: TrainingPlan, *, zone: str, trained_at: datetime
) -> Forecaster:
    """Fit on hours before `end` minus the calibration days; calibrate on those days."""
    first = max(LOOKBACK_HOURS, end - plan.train_days * HOURS_PER_DAY)
    usable_days = (end - first) // HOURS_PER_DAY
    calibration_days = int(min(plan.calibration_days, max(3, plan.calibration_share * usable_days)))
    split = end - calibration_days * HOURS_PER_DAY
    issues = np.arange(first, end, plan.issue_stride_hours)
    fit = _known(series, issues[issues < split], plan.horizon_hours, split)
    held = _known(series, issues[issues >= split], plan.horizon_hours, end)
    fit_x, fit_y, _ = _daylight_samples(series, fit)
    held_x, held_y, held_ghi = _daylight_samples(series, held)
    if len(fit_y) < plan.min_fit_samples or len(held_y) == 0:
        raise InsufficientHistory(
            f"{len(fit_y)} daylight hours to fit and {len(held_y)} to calibrate"
            f" (need {plan.min_fit_samples} and some) before {series.index[end - 1]}"
        )
    model = network.fit_network(fit_x, fit_y, plan.network_config)
    night = held.target[is_night(series, held.target)]
    night_issue = held.issue[is_night(series, held.target)]
    calibration = calibrate(
        network.predict_quantiles(model, held_x),
        held_y,
        held_ghi,
        series.solar_mw[night] / series.capacity_mw[night_issue],
    )
    metadata = {
        "format": FORMAT,
        "zone": zone,
        "trained_at": trained_at.isoformat(),
        "fit_start": series.index[first].isoformat(),
        "calibration_start": series.index[split].isoformat(),
        "data_end": series.index[end - 1].isoformat(),
        "calibration": calibration.to_json(),
        "n_fit": len(fit_y),
        "n_calibration": len(held_y),
        **_plan_metadata(plan),
    }
    return Forecaster(model, calibration, _version(model, trained_at), metadata)


def _plan_metadata(plan: TrainingPlan) -> dict[str, Any]:
    """What a stored model must agree on with the code that loads it, and how it was sized."""
    return {
        "features": list(FEATURE_NAMES),
        "quantiles": list(network.QUANTILES),
        "hidden_units": list(plan.network_config.hidden_units),
        "members": plan.network_config.members,
        "max_epochs": plan.network_config.epochs,
    }


def forecast(forecaster: Forecaster, series: SolarSeries, pairs: Pairs) -> Forecast:
    """Point, lower and upper [MW] per pair: by day the network with its calibrated interval;
    at night (no sunlight) the level the source has lately reported in the dark."""
    n = len(pairs.target)
    point, lower, upper = (np.full(n, np.nan) for _ in range(3))
    capacity = series.capacity_mw[pairs.issue]
    night = is_night(series, pairs.target) & np.isfinite(capacity)
    level = np.nan_to_num(night_level(series, pairs.issue[night]))
    point[night], lower[night] = level, 0.0
    upper[night] = np.maximum(level, forecaster.calibration.night_upper * capacity[night])
    features = build_features(series, pairs)
    day = ~is_night(series, pairs.target) & np.isfinite(features).all(axis=1)
    if day.any():
        quantiles = network.predict_quantiles(forecaster.network, features[day])
        ghi = series.clear_sky_ghi[pairs.target[day]]
        day_point, day_lower, day_upper = interval(quantiles, ghi, forecaster.calibration)
        point[day] = day_point * capacity[day]
        lower[day] = day_lower * capacity[day]
        upper[day] = day_upper * capacity[day]
    return Forecast(pairs=pairs, point=point, lower=lower, upper=upper)


def _known(series: SolarSeries, issues: np.ndarray, horizon: int, end: int) -> Pairs:
    """Pairs of `issues` whose target lies before `end` and is known."""
    pairs = pairs_for(issues, horizon)
    keep = pairs.target < end
    keep[keep] = np.isfinite(series.solar_mw[pairs.target[keep]])
    return Pairs(issue=pairs.issue[keep], target=pairs.target[keep])


def _daylight_samples(
    series: SolarSeries, pairs: Pairs
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, target in capacity units, clear-sky GHI) of daylight pairs fully computable."""
    day = ~is_night(series, pairs.target)
    day_pairs = Pairs(issue=pairs.issue[day], target=pairs.target[day])
    features = build_features(series, day_pairs)
    target = series.solar_mw[day_pairs.target] / series.capacity_mw[day_pairs.issue]
    ok = np.isfinite(features).all(axis=1) & np.isfinite(target)
    return features[ok], target[ok], series.clear_sky_ghi[day_pairs.target[ok]]


def _version(model: Any, trained_at: datetime) -> str:
    """`mlp-<trained UTC>-<hash of the weights>`: sortable by time, unique per network."""
    digest = hashlib.sha256()
    for weights in model.get_weights():
        digest.update(np.ascontiguousarray(weights).tobytes())
    return f"mlp-{trained_at:%Y%m%dT%H%M%SZ}-{digest.hexdigest()[:8]}"
