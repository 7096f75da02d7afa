"""Solar forecast: TF import, training and prediction time, and the 2021 backtest on LA data.

The backtest is the honest one (`gridla backtest --issue-every-hour`): 2021, a year the design
never looked at, forecast from the past only (trained on 2019-2020 before the first issue),
issued at every LA midnight and at every hour, each interval recalibrated on the residuals
before its issue. Here the model is retrained every 91 days (4 models, one per quarter) instead
of weekly to keep the bench short; the figures of the 56-day run are in docs/forecast.md.
"""

import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

import numpy as np

from benchmarks.run import Figure
from lambdas.core.settings import PROJECT_ROOT
from lambdas.predict.backtest import BacktestPlan, run_backtest
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for
from lambdas.predict.forecaster import TrainingPlan, forecast, train
from lambdas.predict.series import build_series, read_csv

NAME = "predict"
ZONE = "US-CAL-LDWP"
CSV = PROJECT_ROOT / "data" / "ldwp_hourly_2019_2021.csv.gz"
START, END = datetime(2021, 1, 1, 8, tzinfo=UTC), datetime(2022, 1, 1, 8, tzinfo=UTC)
RETRAIN_DAYS = 91


def _tf_import_s() -> float:
    code = "import time; t = time.perf_counter(); import tensorflow; print(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _figure(figure: str, value: float, unit: str, note: str = "") -> Figure:
    return Figure(benchmark=NAME, figure=figure, value=value, unit=unit, note=note)


def run() -> list[Figure]:
    figures = [_figure("TensorFlow import", _tf_import_s(), "s", "fresh interpreter")]
    series = build_series(read_csv(CSV), site_of(ZONE))
    issue = series.position(START)
    began = time.perf_counter()
    plan = TrainingPlan()
    model = train(series, issue, plan, zone=ZONE, trained_at=START)
    note = f"one model: {plan.network_config.members} networks"
    figures.append(_figure("train on 2020", time.perf_counter() - began, "s", note))
    pairs = pairs_for(np.array([issue]), 24)
    forecast(model, series, pairs)  # the first call traces the model
    times = []
    for _ in range(20):
        began = time.perf_counter()
        forecast(model, series, pairs)
        times.append(time.perf_counter() - began)
    figures.append(_figure("forecast 24 h", statistics.median(times) * 1000, "ms", "median of 20"))
    began = time.perf_counter()
    backtest_plan = BacktestPlan(retrain_days=RETRAIN_DAYS, every_hour=True)
    result = run_backtest(series, START, END, backtest_plan, zone=ZONE)
    note = f"2021, {result['every_hour']['n_forecasts']} hourly issues, {result['n_models']} models"
    figures.append(_figure("backtest 2021", time.perf_counter() - began, "s", note))
    figures += _scores("midnight", result)
    figures += _scores("every hour", result["every_hour"])
    return figures


def _scores(issues: str, result: dict[str, Any]) -> list[Figure]:
    """Skill, coverage and width overall, per horizon band and per quarter of one issue set."""
    figures = [
        _figure(f"{issues}: skill vs persistence", result["skill_vs_persistence"], "ratio", ""),
        _figure(
            f"{issues}: skill vs smart persistence",
            result["skill_vs_smart_persistence"],
            "ratio",
            "",
        ),
        _figure(f"{issues}: 80% coverage", result["coverage_80"], "ratio", "all hours"),
        _figure(f"{issues}: 80% coverage, daylight", result["coverage_80_daylight"], "ratio", ""),
        _figure(f"{issues}: mean interval width", result["mean_interval_width_mw"], "MW", ""),
    ]
    for group in ("by_horizon_band", "by_quarter"):
        for name, values in result[group].items():
            label = f"{issues}, {'horizon ' + name + ' h' if group == 'by_horizon_band' else name}"
            figures += [
                _figure(
                    f"{label}: skill vs persistence", values["skill_vs_persistence"], "ratio", ""
                ),
                _figure(
                    f"{label}: skill vs smart persistence",
                    values["skill_vs_smart_persistence"],
                    "ratio",
                    "",
                ),
                _figure(f"{label}: 80% coverage", values["coverage_80"], "ratio", "all hours"),
                _figure(
                    f"{label}: 80% coverage, daylight", values["coverage_80_daylight"], "ratio", ""
                ),
            ]
    return figures
