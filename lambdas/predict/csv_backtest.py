"""`gridla backtest --csv FILE`: the rolling-origin backtest on an hourly CSV of any years."""

from pathlib import Path
from typing import Any

from lambdas.core.time_range import parse_instant
from lambdas.frames.json_values import to_json
from lambdas.predict.backtest import BacktestPlan, Progress, run_backtest
from lambdas.predict.clearsky import site_of
from lambdas.predict.days import default_window
from lambdas.predict.forecaster import TrainingPlan
from lambdas.predict.series import build_series, read_csv


def backtest_csv(
    path: Path,
    *,
    start: str | None = None,
    end: str | None = None,
    retrain_days: int = 7,
    every_hour: bool = False,
    zone: str = "US-CAL-LDWP",
    training: TrainingPlan | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Metrics (JSON-ready, NaN as None) of the model and both baselines on the CSV's data.

    `start`/`end` (a date means Los Angeles midnight) bound the evaluation window; by default
    it starts a year after the data (or half-way through a shorter file) and runs to its end.
    Every forecast trains only on the hours before its issue time. `every_hour` also issues
    at every hour of the window and scores by horizon (`every_hour` in the result).
    """
    series = build_series(read_csv(path), site_of(zone))
    default_start, default_end = default_window(series)
    result = run_backtest(
        series,
        parse_instant(start, name="start") if start else default_start,
        parse_instant(end, name="end") if end else default_end,
        BacktestPlan(
            training=training or TrainingPlan(), retrain_days=retrain_days, every_hour=every_hour
        ),
        zone=zone,
        progress=progress,
    )
    safe: dict[str, Any] = to_json({"csv": str(path), "zone": zone, **result}, decimals=None)
    return safe
