"""Rolling-origin backtest: one forecast per day at local midnight, each trained on the past only.

For each local day of the evaluation window the forecast is issued at its midnight
(America/Los_Angeles) and covers the hours to the next midnight (23, 24 or 25 hours across DST
changes), so every hour of the window is forecast exactly once. The network is retrained on the
data before the issue hour whenever the current one is `retrain_days` old.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.baselines import persistence, smart_persistence
from lambdas.predict.features import LOOKBACK_HOURS, MAX_HORIZON_HOURS, Pairs, is_night
from lambdas.predict.forecaster import Forecaster, TrainingPlan, forecast, train
from lambdas.predict.scores import Scored, score
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries

DEFAULT_WARMUP_DAYS = 365
MIN_WARMUP_DAYS = 28

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BacktestPlan:
    """How often to retrain, and how each training runs."""

    training: TrainingPlan = field(default_factory=TrainingPlan)
    retrain_days: int = 7


def local_midnights(series: SolarSeries, start: datetime, end: datetime) -> np.ndarray:
    """Positions of the local midnights in [start, end) that lie on the series."""
    local = series.index.tz_convert(LOCAL_TZ)
    midnight = (local.hour == 0) & (local.minute == 0)
    inside = (series.index >= pd.Timestamp(start)) & (series.index < pd.Timestamp(end))
    return np.flatnonzero(midnight & inside)


def default_window(series: SolarSeries) -> tuple[datetime, datetime]:
    """After a warm-up of a year (or half the data, at least 28 days), to the last midnight."""
    span_days = len(series.index) // HOURS_PER_DAY
    warmup = max(MIN_WARMUP_DAYS, min(DEFAULT_WARMUP_DAYS, span_days // 2))
    start = series.index[0] + pd.Timedelta(days=warmup)
    end = series.index[-1] + pd.Timedelta(hours=1)
    return start.to_pydatetime(), end.to_pydatetime()


def run_backtest(
    series: SolarSeries,
    start: datetime,
    end: datetime,
    plan: BacktestPlan,
    *,
    zone: str,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Metrics of the model and both baselines over the local days in [start, end)."""
    versions: list[str] = []
    current: list[tuple[int, Forecaster]] = []

    def model_for(issue: int) -> Forecaster:
        if not current or issue - current[0][0] >= plan.retrain_days * HOURS_PER_DAY:
            when = series.index[issue].to_pydatetime()
            model = train(series, issue, plan.training, zone=zone, trained_at=when)
            current[:] = [(issue, model)]
            versions.append(model.version)
        return current[0][1]

    result = score_days(series, start, end, model_for, progress)
    return {**result, "n_models": len(versions), "retrain_days": plan.retrain_days}


def evaluate(
    series: SolarSeries, forecaster: Forecaster, start: datetime, end: datetime
) -> dict[str, Any]:
    """Metrics of one fixed forecaster over the local days in [start, end)."""
    return score_days(series, start, end, lambda _issue: forecaster)


def score_days(
    series: SolarSeries,
    start: datetime,
    end: datetime,
    model_for: Callable[[int], Forecaster],
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Forecast every local day in [start, end) from its midnight with `model_for(issue)`."""
    bounds = day_bounds(series, start, end)
    pairs = _day_pairs(bounds)
    point, lower, upper = (np.full(len(pairs.target), np.nan) for _ in range(3))
    for day, issue in enumerate(bounds[:-1]):
        rows = pairs.issue == issue
        day_pairs = Pairs(issue=pairs.issue[rows], target=pairs.target[rows])
        result = forecast(model_for(int(issue)), series, day_pairs)
        point[rows], lower[rows], upper[rows] = result.point, result.lower, result.upper
        if progress is not None:
            progress(day + 1, len(bounds) - 1)
    scored = Scored(
        actual=series.solar_mw[pairs.target],
        points={
            "model": point,
            "persistence": persistence(series, pairs),
            "smart_persistence": smart_persistence(series, pairs),
        },
        lower=lower,
        upper=upper,
        daylight=~is_night(series, pairs.target),
    )
    return {
        **score(scored),
        "window": {"start": _moment(series, bounds[0]), "end": _moment(series, bounds[-1])},
        "n_forecasts": len(bounds) - 1,
    }


def day_bounds(series: SolarSeries, start: datetime, end: datetime) -> np.ndarray:
    """Issue positions (local midnights in [start, end)) and the position ending the last day.

    The last day ends at the next midnight, or earlier where `end` or the series stops.
    """
    midnights = local_midnights(series, start, end)
    midnights = midnights[midnights >= LOOKBACK_HOURS]
    stop = min(int(series.index.searchsorted(end)), len(series.index))
    if len(midnights) and midnights[-1] < stop:
        midnights = np.append(midnights, min(stop, midnights[-1] + MAX_HORIZON_HOURS))
    if len(midnights) < 2:
        raise InvalidInput(
            f"no local day with {LOOKBACK_HOURS} hours of history before it"
            f" between {start:%Y-%m-%d} and {end:%Y-%m-%d}"
        )
    return midnights


def _moment(series: SolarSeries, position: int) -> str:
    """ISO time of the hour starting at `position` (which may be one past the series)."""
    last = series.index[-1]
    moment = (
        series.index[position]
        if position < len(series.index)
        else last + pd.Timedelta(hours=position - len(series.index) + 1)
    )
    return moment.isoformat()


def _day_pairs(midnights: np.ndarray) -> Pairs:
    """Each midnight issues the hours up to the next one (23, 24 or 25 of them)."""
    issues = [np.full(b - a, a) for a, b in itertools.pairwise(midnights)]
    targets = [np.arange(a, b) for a, b in itertools.pairwise(midnights)]
    return Pairs(issue=np.concatenate(issues), target=np.concatenate(targets))
