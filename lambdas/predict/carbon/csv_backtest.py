"""`gridla backtest --target carbon-intensity --csv FILE...`: the carbon forecast's backtest on
hourly CSVs of any years."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lambdas.core.time_range import parse_instant
from lambdas.frames.json_values import to_json
from lambdas.predict.carbon.backtest import BacktestPlan, Progress, run_backtest
from lambdas.predict.carbon.model import TrainingPlan
from lambdas.predict.carbon.series import build_series, read_csvs
from lambdas.predict.clearsky import site_of
from lambdas.predict.days import default_window


def backtest_csv(
    paths: Sequence[Path],
    *,
    start: str | None = None,
    end: str | None = None,
    retrain_days: int = 28,
    recalibration_days: int = 28,
    zone: str = "US-CAL-LDWP",
    training: TrainingPlan | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Metrics (JSON-ready, NaN as None) of the model, both baselines and the advice.

    The CSVs are combined (a later file wins where they overlap). `start`/`end` (a date means
    Los Angeles midnight) bound the evaluation window; by default it starts a year after the
    first known intensity (or half-way through a shorter span) and runs to the data's end.
    Every forecast is trained only on the hours before its issue time.
    """
    series = build_series(read_csvs(paths), site_of(zone))
    default_start, default_end = default_window(series)
    result = run_backtest(
        series,
        parse_instant(start, name="start") if start else default_start,
        parse_instant(end, name="end") if end else default_end,
        BacktestPlan(training or TrainingPlan(), retrain_days, recalibration_days),
        zone=zone,
        progress=progress,
    )
    meta = {"csv": [str(path) for path in paths], "zone": zone, "target": "carbon-intensity"}
    safe: dict[str, Any] = to_json({**meta, **result}, decimals=None)
    return safe
