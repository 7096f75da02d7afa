"""Rolling-origin backtest: forecasts issued at local midnight (or every hour), trained on the past.

For each local day of the evaluation window a forecast is issued at its midnight
(America/Los_Angeles) and covers the hours to the next midnight (23, 24 or 25 hours across DST
changes), so every hour of the window is forecast exactly once. With `every_hour`, every hour of
the window is also an issue of the next 24 hours, as the hourly pipeline issues them, scored by
horizon. The network is retrained on the data before a midnight whenever the current one is
`retrain_days` old; every issue recalibrates its interval on the residuals known before it.
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
from lambdas.predict.breakdown import groups, scored_hours
from lambdas.predict.features import LOOKBACK_HOURS, MAX_HORIZON_HOURS, Pairs, pairs_for
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

DEFAULT_WARMUP_DAYS = 365
MIN_WARMUP_DAYS = 28

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BacktestPlan:
    """How often to retrain, how each training runs, and whether every hour is an issue."""

    training: TrainingPlan = field(default_factory=TrainingPlan)
    retrain_days: int = 7
    every_hour: bool = False


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
    """Metrics of the model and both baselines over the local days in [start, end).

    The top level holds the midnight issues; with `plan.every_hour`, `every_hour` holds the
    figures of an issue at every hour of the window (by horizon and horizon band), forecast by
    the same models (retrained at the same midnights).
    """
    bounds = day_bounds(series, start, end)
    starts = retrain_starts(bounds[:-1], plan.retrain_days * HOURS_PER_DAY)

    def model_for(issue: int) -> Forecaster:
        when = series.index[issue].to_pydatetime()
        return train(series, issue, plan.training, zone=zone, trained_at=when)

    pairs = issue_pairs(bounds, every_hour=plan.every_hour)
    result = forecast_pairs(series, pairs, starts, model_for, progress)
    midnight = _midnight_rows(pairs, bounds)
    summary = {
        **summarise(series, result.select(midnight)),
        "window": {"start": _moment(series, bounds[0]), "end": _moment(series, bounds[-1])},
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
    bounds = day_bounds(series, start, end)
    pairs = issue_pairs(bounds, every_hour=False)
    result = forecast_pairs(series, pairs, bounds[:1], lambda _issue: forecaster)
    return {
        **summarise(series, result),
        "window": {"start": _moment(series, bounds[0]), "end": _moment(series, bounds[-1])},
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
    days = _day_pairs(bounds)
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


def _midnight_rows(pairs: Pairs, bounds: np.ndarray) -> np.ndarray:
    """Rows issued at a midnight of `bounds` for a target before the next one (its local day)."""
    at_midnight = np.isin(pairs.issue, bounds[:-1])
    following = bounds[
        np.minimum(np.searchsorted(bounds, pairs.issue, side="right"), len(bounds) - 1)
    ]
    result: np.ndarray = at_midnight & (pairs.target < following)
    return result


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
