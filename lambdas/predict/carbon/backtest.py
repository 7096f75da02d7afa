"""Rolling-origin backtest of the carbon forecast and its cleanest-window advice.

For each local day of the evaluation window the forecast is issued at its midnight
(America/Los_Angeles) and covers the hours to the next midnight (23, 24 or 25 hours across DST
changes), so every hour is forecast once. The models are retrained on the data before the
issue hour whenever the current ones are `retrain_days` old.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np

from lambdas.core.advice import DEFAULT_WINDOW_HOURS, ForecastHour, cleanest_window
from lambdas.core.time_range import LOCAL_TZ
from lambdas.predict.carbon.baselines import persistence, weekly_persistence
from lambdas.predict.carbon.features import LOOKBACK_HOURS
from lambdas.predict.carbon.model import (
    HOURS_PER_DAY,
    CarbonForecaster,
    TrainingPlan,
    forecast,
    log_forecast,
    recalibrated,
    train,
)
from lambdas.predict.carbon.series import CarbonSeries
from lambdas.predict.days import day_bounds, day_pairs, moment_at
from lambdas.predict.features import Pairs, pairs_for
from lambdas.predict.scores import coverage, skill

Progress = Callable[[int, int], None]
METHODS: tuple[str, ...] = ("model", "persistence", "weekly_persistence")


@dataclass(frozen=True)
class BacktestPlan:
    """How often to retrain, and how each training runs."""

    training: TrainingPlan = field(default_factory=TrainingPlan)
    retrain_days: int = 28
    # Days of the model's own recent residuals that recalibrate its band at each issue (0: off).
    recalibration_days: int = 28


class CachedLogForecasts:
    """One fixed model's log forecasts of (issue, target) pairs, each issue computed once.

    Recalibrating at every daily issue re-reads four weeks of the model's past forecasts; they
    do not change until the model does, so each issue's 24 hours are predicted once.
    """

    def __init__(self, forecaster: CarbonForecaster, series: CarbonSeries) -> None:
        self._forecaster, self._series = forecaster, series
        self._by_issue: dict[int, np.ndarray] = {}

    def __call__(self, pairs: Pairs) -> np.ndarray:
        missing = [int(i) for i in np.unique(pairs.issue) if int(i) not in self._by_issue]
        if missing:
            every = pairs_for(np.asarray(missing), HOURS_PER_DAY)
            inside = every.target < len(self._series.index)  # the data may stop within a day
            values = np.full(len(every.target), np.nan)
            values[inside] = log_forecast(self._forecaster, self._series, _subset(every, inside))
            for row, issue in enumerate(missing):
                self._by_issue[issue] = values[row * HOURS_PER_DAY : (row + 1) * HOURS_PER_DAY]
        result = np.empty(len(pairs.target))
        for issue in np.unique(pairs.issue):
            rows = pairs.issue == issue
            result[rows] = self._by_issue[int(issue)][pairs.target[rows] - issue]
        return result


def run_backtest(
    series: CarbonSeries,
    start: datetime,
    end: datetime,
    plan: BacktestPlan,
    *,
    zone: str,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Metrics of the model, both baselines and the advice over the local days in [start, end)."""
    current: list[tuple[int, CarbonForecaster, CachedLogForecasts]] = []
    trained = 0

    def model_for(issue: int) -> CarbonForecaster:
        nonlocal trained
        if not current or issue - current[0][0] >= plan.retrain_days * HOURS_PER_DAY:
            when = series.index[issue].to_pydatetime()
            model = train(series, issue, plan.training, zone=zone, trained_at=when)
            current[:] = [(issue, model, CachedLogForecasts(model, series))]
            trained += 1
        _, model, cache = current[0]
        if not plan.recalibration_days:
            return model
        return recalibrated(model, series, issue, plan.recalibration_days, log_forecasts=cache)

    result = score_days(series, start, end, model_for, progress)
    return {**result, "n_models": trained, "retrain_days": plan.retrain_days}


def evaluate(
    series: CarbonSeries,
    forecaster: CarbonForecaster,
    start: datetime,
    end: datetime,
    recalibration_days: int = 28,
) -> dict[str, Any]:
    """Metrics of one fixed forecaster (recalibrated at each issue) on the days in [start, end)."""
    cache = CachedLogForecasts(forecaster, series)

    def model_for(issue: int) -> CarbonForecaster:
        if not recalibration_days:
            return forecaster
        return recalibrated(forecaster, series, issue, recalibration_days, log_forecasts=cache)

    return score_days(series, start, end, model_for)


def score_days(
    series: CarbonSeries,
    start: datetime,
    end: datetime,
    model_for: Callable[[int], CarbonForecaster],
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Forecast every local day in [start, end) from its midnight with `model_for(issue)`."""
    bounds = day_bounds(series, start, end, LOOKBACK_HOURS)
    pairs = day_pairs(bounds)
    point, lower, upper = (np.full(len(pairs.target), np.nan) for _ in range(3))
    for day, issue in enumerate(bounds[:-1]):
        rows = pairs.issue == issue
        result = forecast(model_for(int(issue)), series, _subset(pairs, rows))
        point[rows], lower[rows], upper[rows] = result.point, result.lower, result.upper
        if progress is not None:
            progress(day + 1, len(bounds) - 1)
    actual = series.intensity[pairs.target]
    points = {
        "model": point,
        "persistence": persistence(series, pairs),
        "weekly_persistence": weekly_persistence(series, pairs),
    }
    mask = np.isfinite(actual) & np.isfinite(lower) & np.isfinite(upper) & (actual > 0)
    for values in points.values():
        mask &= np.isfinite(values)
    methods = {name: errors(actual[mask], values[mask]) for name, values in points.items()}
    return {
        "methods": methods,
        "skill_vs_persistence": skill(methods["model"]["mae"], methods["persistence"]["mae"]),
        "skill_vs_weekly_persistence": skill(
            methods["model"]["mae"], methods["weekly_persistence"]["mae"]
        ),
        "coverage_80": coverage(actual[mask], lower[mask], upper[mask]),
        "mean_interval_width": float(np.mean(upper[mask] - lower[mask])) if mask.any() else None,
        "n_forecasts": len(bounds) - 1,
        "n_hours": int(mask.sum()),
        "n_hours_unscored": int((~mask).sum()),
        **advice_scores(series, pairs, point, lower, upper),
        "by_month": by_month(series, pairs.target[mask], actual[mask], points, lower, upper, mask),
        "window": {"start": moment_at(series, bounds[0]), "end": moment_at(series, bounds[-1])},
    }


def by_month(
    series: CarbonSeries,
    target: np.ndarray,
    actual: np.ndarray,
    points: dict[str, np.ndarray],
    lower: np.ndarray,
    upper: np.ndarray,
    mask: np.ndarray,
) -> dict[str, dict[str, float]]:
    """Per Los Angeles month (`YYYY-MM`) of the scored hours: each method's MAPE and the
    band's coverage (the seasons differ: one year's figure hides a spring that under-covers)."""
    months = series.index[target].tz_convert(LOCAL_TZ).strftime("%Y-%m").to_numpy()
    result = {}
    for month in sorted(set(months.tolist())):
        rows = months == month
        result[str(month)] = {
            **{
                f"mape_pct_{name}": errors(actual[rows], values[mask][rows])["mape_pct"]
                for name, values in points.items()
            },
            "coverage_80": coverage(actual[rows], lower[mask][rows], upper[mask][rows]),
            "n_hours": int(rows.sum()),
        }
    return result


def errors(actual: np.ndarray, point: np.ndarray) -> dict[str, float]:
    """mae and rmse [gCO2eq/kWh] and mape_pct of `point` against `actual` (known, > 0)."""
    if len(actual) == 0:
        return {"mae": float("nan"), "rmse": float("nan"), "mape_pct": float("nan")}
    error = point - actual
    return {
        "mae": float(np.mean(np.abs(error))),
        "rmse": float(np.sqrt(np.mean(error**2))),
        "mape_pct": float(100.0 * np.mean(np.abs(error) / actual)),
    }


def advice_scores(
    series: CarbonSeries,
    pairs: Pairs,
    point: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    hours: int = DEFAULT_WINDOW_HOURS,
) -> dict[str, Any]:
    """How the cleanest-window advice of each forecast day did, on days fully known.

    Regret [gCO2eq/kWh]: the mean, over days, of the measured intensity of the recommended
    window minus that of the day's truly cleanest window. Saving [%]: the measured intensity of
    the recommended window below the day's measured mean, averaged over days.
    """
    regrets, savings = [], []
    for issue in np.unique(pairs.issue):
        rows = pairs.issue == issue
        target, actual = pairs.target[rows], series.intensity[pairs.target[rows]]
        known = np.isfinite(actual) & np.isfinite(point[rows]) & np.isfinite(lower[rows])
        if not known.all() or len(target) < hours:
            continue
        moments = series.index[target].to_pydatetime()
        advised = cleanest_window(
            [
                ForecastHour(moment, float(p), float(lo), float(hi))
                for moment, p, lo, hi in zip(
                    moments, point[rows], lower[rows], upper[rows], strict=True
                )
            ],
            hours,
        )
        first = int(np.flatnonzero(moments == advised.start_at)[0])
        advised_actual = float(np.mean(actual[first : first + hours]))
        window_means = np.convolve(actual, np.ones(hours) / hours, mode="valid")
        regrets.append(advised_actual - float(window_means.min()))
        savings.append(100.0 * (1.0 - advised_actual / float(np.mean(actual))))
    key = f"cleanest_{hours}h"
    return {
        f"{key}_regret": float(np.mean(regrets)) if regrets else None,
        f"{key}_saving_pct": float(np.mean(savings)) if savings else None,
        f"{key}_days": len(regrets),
    }


def _subset(pairs: Pairs, rows: np.ndarray) -> Pairs:
    return Pairs(issue=pairs.issue[rows], target=pairs.target[rows])
