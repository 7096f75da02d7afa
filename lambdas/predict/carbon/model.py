"""Train the carbon forecaster on the hours before a position, and forecast from any issue hour.

A gradient-boosting model (scikit-learn's HistGradientBoostingRegressor, squared error) learns
the logarithm of the intensity of each target hour from features of the issue hour: in log
units an error is a relative error, which is what MAPE scores, and the forecast (the exponent
of the predicted log) cannot go negative. Training pairs issue every few hours, so the model
learns every issue hour and horizon (the pipeline issues hourly, the backtest at midnight).
The newest days are held out of the fit to calibrate the interval: the model never sees them,
which is what makes the coverage honest.
"""

import dataclasses
import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from lambdas.core.errors import GridlaError
from lambdas.predict.carbon.features import (
    FEATURE_NAMES,
    LEVEL_FEATURE,
    LOOKBACK_HOURS,
    build_features,
    relative_to_level,
    trailing_mean,
)
from lambdas.predict.carbon.intervals import Calibration, calibrate, interval
from lambdas.predict.carbon.series import CarbonSeries
from lambdas.predict.features import Pairs, pairs_for

FORMAT = 1
HOURS_PER_DAY = 24
MIN_RECALIBRATION_HOURS = 500


class InsufficientHistory(GridlaError):
    """Too little known intensity to train or to forecast: the step skips, inventing nothing."""


@dataclass(frozen=True)
class BoostingConfig:
    """HistGradientBoostingRegressor settings."""

    max_iter: int = 300
    learning_rate: float = 0.05
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 200
    l2_regularization: float = 1.0
    random_state: int = 0


@dataclass(frozen=True)
class TrainingPlan:
    """What data a training uses and how the model is sized."""

    boosting: BoostingConfig = field(default_factory=BoostingConfig)
    train_days: int = 730
    calibration_days: int = 28
    calibration_share: float = 0.25
    issue_stride_hours: int = 3
    horizon_hours: int = 24
    min_fit_samples: int = 2000
    relative: bool = True


@dataclass(frozen=True)
class CarbonForecaster:
    """A fitted model (of log intensity), its interval calibration, and what it was fit on."""

    model: Any
    calibration: Calibration
    version: str
    metadata: dict[str, Any]


@dataclass(frozen=True)
class CarbonForecast:
    """Forecast hours [gCO2eq/kWh] for `pairs` (NaN where nothing recent is known)."""

    pairs: Pairs
    point: np.ndarray
    lower: np.ndarray
    upper: np.ndarray


def train(
    series: CarbonSeries, end: int, plan: TrainingPlan, *, zone: str, trained_at: datetime
) -> CarbonForecaster:
    """Fit on hours before `end` minus the calibration days; calibrate on those days."""
    first = max(LOOKBACK_HOURS, end - plan.train_days * HOURS_PER_DAY)
    usable_days = (end - first) // HOURS_PER_DAY
    calibration_days = int(min(plan.calibration_days, max(3, plan.calibration_share * usable_days)))
    split = end - calibration_days * HOURS_PER_DAY
    issues = np.arange(first, end, plan.issue_stride_hours)
    fit = _known(series, issues[issues < split], plan.horizon_hours, split)
    held = _known(series, issues[issues >= split], plan.horizon_hours, end)
    if len(fit.target) < plan.min_fit_samples or len(held.target) == 0:
        raise InsufficientHistory(
            f"{len(fit.target)} known hours to fit and {len(held.target)} to calibrate"
            f" (need {plan.min_fit_samples} and some) before {series.index[end - 1]}"
        )
    fit_x, fit_level = _inputs(series, fit, plan.relative)
    model = _fit(fit_x, np.log(series.intensity[fit.target]) - fit_level, plan.boosting)
    held_x, held_level = _inputs(series, held, plan.relative)
    calibration = calibrate(
        model.predict(held_x) + held_level,
        np.log(series.intensity[held.target]),
        held.target - held.issue + 1,
    )
    metadata = {
        "format": FORMAT,
        "kind": "carbon-intensity",
        "zone": zone,
        "trained_at": trained_at.isoformat(),
        "fit_start": series.index[first].isoformat(),
        "calibration_start": series.index[split].isoformat(),
        "data_end": series.index[end - 1].isoformat(),
        "calibration": calibration.to_json(),
        "n_fit": len(fit.target),
        "n_calibration": len(held.target),
        "features": list(FEATURE_NAMES),
        "target": "log carbon_intensity (gCO2eq/kWh)",
        "boosting": vars(plan.boosting),
        "relative": plan.relative,
    }
    return CarbonForecaster(model, calibration, _version(model, trained_at), metadata)


def forecast(forecaster: CarbonForecaster, series: CarbonSeries, pairs: Pairs) -> CarbonForecast:
    """Point, lower and upper [gCO2eq/kWh] per pair.

    NaN for an issue whose last 24 hours hold no known intensity: the model would answer from
    the calendar alone, which is a guess, not a forecast.
    """
    n = len(pairs.target)
    point, lower, upper = (np.full(n, np.nan) for _ in range(3))
    predicted_log = log_forecast(forecaster, series, pairs)
    usable = np.isfinite(predicted_log)
    if usable.any():
        horizon = pairs.target[usable] - pairs.issue[usable] + 1
        point[usable], lower[usable], upper[usable] = interval(
            predicted_log[usable], horizon, forecaster.calibration
        )
    return CarbonForecast(pairs=pairs, point=point, lower=lower, upper=upper)


LogForecasts = Callable[[Pairs], np.ndarray]


def recalibrated(
    forecaster: CarbonForecaster,
    series: CarbonSeries,
    issue: int,
    days: int,
    stride_hours: int = 3,
    log_forecasts: LogForecasts | None = None,
) -> CarbonForecaster:
    """The forecaster with its band recalibrated on its own residuals of the `days` before
    `issue` (forecasts issued every `stride_hours` whose targets are measured before `issue`).

    Only hours the model never fit count: those from its calibration window on. Errors drift
    with the grid (a month of outages, a wet spring); this keeps the band as wide as they are
    now. Unchanged when fewer than MIN_RECALIBRATION_HOURS such hours are known.
    `log_forecasts` may serve the model's log forecasts of those pairs from a cache (the
    backtest's: they do not change until the model does).
    """
    unseen = int(series.index.searchsorted(pd.Timestamp(forecaster.metadata["calibration_start"])))
    first = max(unseen, issue - days * HOURS_PER_DAY, LOOKBACK_HOURS)
    first += (-first) % stride_hours  # issues on a fixed grid, so a cache can reuse them
    pairs = _known(series, np.arange(first, issue, stride_hours), HOURS_PER_DAY, issue)
    if len(pairs.target) < MIN_RECALIBRATION_HOURS:
        return forecaster
    predicted = (log_forecasts or partial(log_forecast, forecaster, series))(pairs)
    calibration = calibrate(
        predicted, np.log(series.intensity[pairs.target]), pairs.target - pairs.issue + 1
    )
    return dataclasses.replace(forecaster, calibration=calibration)


def log_forecast(forecaster: CarbonForecaster, series: CarbonSeries, pairs: Pairs) -> np.ndarray:
    """The model's forecast of log intensity per pair (NaN where the issue has no level)."""
    features, level = _inputs(series, pairs, bool(forecaster.metadata.get("relative", True)))
    result: np.ndarray = forecaster.model.predict(features) + level
    return result


def _inputs(series: CarbonSeries, pairs: Pairs, relative: bool) -> tuple[np.ndarray, np.ndarray]:
    """The model's inputs and the log level its output is relative to (0 when absolute)."""
    features = build_features(series, pairs)
    level = np.log(features[:, FEATURE_NAMES.index(LEVEL_FEATURE)])
    if not relative:
        return features, np.where(np.isfinite(level), 0.0, np.nan)
    return relative_to_level(features), level


def _fit(features: np.ndarray, target: np.ndarray, config: BoostingConfig) -> Any:
    """The fitted model (scikit-learn is imported here only, where a model is trained)."""
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(**vars(config)).fit(features, target)


def _known(series: CarbonSeries, issues: np.ndarray, horizon: int, end: int) -> Pairs:
    """Pairs of `issues` whose target lies before `end` and is known, and whose issue has a
    level (an intensity known in the 24 hours before it: forecast() needs one too)."""
    pairs = pairs_for(issues, horizon)
    keep = pairs.target < end
    keep[keep] = np.isfinite(series.intensity[pairs.target[keep]])
    level = trailing_mean(series.intensity, pairs.issue[keep], HOURS_PER_DAY)
    keep[keep] = np.isfinite(level)
    return Pairs(issue=pairs.issue[keep], target=pairs.target[keep])


def _version(model: Any, trained_at: datetime) -> str:
    """`hgb-<trained UTC>-<hash of the fitted model>`: sortable by time, unique per fit."""
    digest = hashlib.sha256(pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL))
    return f"hgb-{trained_at:%Y%m%dT%H%M%SZ}-{digest.hexdigest()[:8]}"
