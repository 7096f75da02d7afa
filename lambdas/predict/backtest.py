"""Rolling-origin backtest: forecasts issued at local midnight (or every hour), trained on the past.

For each local day of the evaluation window a forecast is issued at its midnight
(America/Los_Angeles) and covers the hours to the next midnight (23, 24 or 25 hours across DST
changes), so every hour of the window is forecast exactly once. With `every_hour`, every hour of
the window is also an issue of the next 24 hours, as the hourly pipeline issues them, scored by
horizon. The network is retrained on the data before a midnight whenever the current one is
`retrain_days` old; every issue recalibrates its interval on the residuals known before it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.breakdown import groups, scored_hours
from lambdas.predict.days import day_bounds, day_pairs, moment_at
from lambdas.predict.features import LOOKBACK_HOURS, Pairs, pairs_for
from lambdas.predict.forecaster import (
    Forecast,
    Forecaster,
    TrainingPlan,
    calibrated,
    raw_forecast,
    recalibrate,
    recent_residuals,
    train,
)
from lambdas.predict.intervals import HORIZON_BAND_NAMES, horizon_band_of
from lambdas.predict.scores import score
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BacktestPlan:
    """How often to retrain, how each training runs, and whether every hour is an issue."""

    training: TrainingPlan = field(default_factory=TrainingPlan)
    retrain_days: int = 7
    every_hour: bool = False


def run_backtest(
    series: SolarSeries,
    start: datetime,
    end: datetime,
    plan: BacktestPlan,
    *,
    zone: str,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Metrics of the model and both baselines over the local days in [start, end).

    The top level holds the midnight issues; with `plan.every_hour`, `every_hour` holds the
    figures of an issue at every hour of the window (by horizon and horizon band), forecast by
    the same models (retrained at the same midnights).
    """
    bounds = day_bounds(series, start, end, LOOKBACK_HOURS)
    starts = retrain_starts(bounds[:-1], plan.retrain_days * HOURS_PER_DAY)

    def model_for(issue: int) -> Forecaster:
        when = series.index[issue].to_pydatetime()
        return train(series, issue, plan.training, zone=zone, trained_at=when)

    pairs = issue_pairs(bounds, every_hour=plan.every_hour)
    result = forecast_pairs(series, pairs, starts, model_for, progress)
    midnight = _midnight_rows(pairs, bounds)
    summary = {
        **summarise(series, result.select(midnight)),
        "window": {"start": moment_at(series, bounds[0]), "end": moment_at(series, bounds[-1])},
        "n_forecasts": len(bounds) - 1,
        "n_models": len(starts),
        "retrain_days": plan.retrain_days,
    }
    if plan.every_hour:
        hourly = result.select(result.pairs.target - result.pairs.issue < HOURS_PER_DAY)
        summary["every_hour"] = {
            **summarise(series, hourly),
            "by_horizon": by_horizon(series, hourly),
            "n_forecasts": len(np.unique(hourly.pairs.issue)),
        }
    return summary


def evaluate(
    series: SolarSeries, forecaster: Forecaster, start: datetime, end: datetime
) -> dict[str, Any]:
    """Metrics of one fixed forecaster over the local days in [start, end), issued at midnight."""
    bounds = day_bounds(series, start, end, LOOKBACK_HOURS)
    pairs = issue_pairs(bounds, every_hour=False)
    result = forecast_pairs(series, pairs, bounds[:1], lambda _issue: forecaster)
    return {
        **summarise(series, result),
        "window": {"start": moment_at(series, bounds[0]), "end": moment_at(series, bounds[-1])},
        "n_forecasts": len(bounds) - 1,
    }


def retrain_starts(midnights: np.ndarray, retrain_hours: int) -> np.ndarray:
    """The issue midnights at which a new model is trained: the first, then the first midnight
    at least `retrain_hours` after the previous training."""
    starts: list[int] = []
    for midnight in midnights:
        if not starts or midnight - starts[-1] >= retrain_hours:
            starts.append(int(midnight))
    return np.asarray(starts, dtype=np.int64)


def issue_pairs(bounds: np.ndarray, *, every_hour: bool) -> Pairs:
    """The (issue, target) pairs of the window: each midnight issues its local day (23, 24 or
    25 hours); with `every_hour`, every hour of the window also issues the next 24 hours (that
    end in the window)."""
    days = day_pairs(bounds)
    if not every_hour:
        return days
    hourly = pairs_for(np.arange(bounds[0], bounds[-1]), HOURS_PER_DAY)
    inside = hourly.target < bounds[-1]
    beyond = days.target - days.issue >= HOURS_PER_DAY  # the 25th hour of a fall-back day
    issue = np.concatenate([hourly.issue[inside], days.issue[beyond]])
    target = np.concatenate([hourly.target[inside], days.target[beyond]])
    order = np.lexsort((target, issue))
    return Pairs(issue=issue[order], target=target[order])


def forecast_pairs(
    series: SolarSeries,
    pairs: Pairs,
    starts: np.ndarray,
    model_for: Callable[[int], Forecaster],
    progress: Progress | None = None,
) -> Forecast:
    """Forecast `pairs` (sorted by issue): the model trained at `starts[k]` issues from there to
    the next start; every issue's interval is recalibrated on the residuals before it."""
    point, lower, upper = (np.full(len(pairs.target), np.nan) for _ in range(3))
    issues = np.unique(pairs.issue)
    done = 0
    for begin, stop in zip(starts, [*starts[1:], np.iinfo(np.int64).max], strict=True):
        rows = (pairs.issue >= begin) & (pairs.issue < stop)
        if not rows.any():
            continue
        model = model_for(int(begin))
        segment = Pairs(issue=pairs.issue[rows], target=pairs.target[rows])
        raw = raw_forecast(model.network, series, segment)
        scored = recent_residuals(model, series, int(begin), int(segment.issue.max()))
        positions = np.flatnonzero(rows)
        for issue in np.unique(segment.issue):
            mine = segment.issue == issue
            calibration = recalibrate(scored, int(issue), model.calibration)
            result = calibrated(raw.select(mine), series, calibration)
            at = positions[mine]
            point[at], lower[at], upper[at] = result.point, result.lower, result.upper
            done += 1
            if progress is not None:
                progress(done, len(issues))
    return Forecast(pairs=pairs, point=point, lower=lower, upper=upper)


def summarise(series: SolarSeries, result: Forecast) -> dict[str, Any]:
    """Scores of the model and both baselines on the forecast's pairs, with the interval's
    coverage per calendar quarter and the skill and coverage per horizon band."""
    scored = scored_hours(series, result)
    quarter = np.asarray(series.index[result.pairs.target].tz_convert(LOCAL_TZ).quarter)
    horizon = result.pairs.target - result.pairs.issue + 1
    return {
        **score(scored),
        "by_quarter": groups(scored, quarter, {q: f"Q{q}" for q in range(1, 5)}),
        "by_horizon_band": groups(
            scored, horizon_band_of(horizon), dict(enumerate(HORIZON_BAND_NAMES))
        ),
    }


def by_horizon(series: SolarSeries, result: Forecast) -> dict[str, dict[str, Any]]:
    """The scores of each horizon (hours ahead, 1 = the issue hour itself)."""
    horizon = result.pairs.target - result.pairs.issue + 1
    names = {int(h): str(int(h)) for h in np.unique(horizon)}
    return groups(scored_hours(series, result), horizon, names)


def _midnight_rows(pairs: Pairs, bounds: np.ndarray) -> np.ndarray:
    """Rows issued at a midnight of `bounds` for a target before the next one (its local day)."""
    at_midnight = np.isin(pairs.issue, bounds[:-1])
    following = bounds[
        np.minimum(np.searchsorted(bounds, pairs.issue, side="right"), len(bounds) - 1)
    ]
    result: np.ndarray = at_midnight & (pairs.target < following)
    return result
