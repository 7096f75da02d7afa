"""Solar forecast: TF import, training and prediction time, and the 2020 backtest on LA data.

The backtest is the honest one (`gridla backtest`): one forecast per day at LA midnight through
2020, trained only on what came before; here the model is retrained every 28 days instead of
7 to keep the bench under ten minutes (the figures of the weekly run are in docs/forecast.md).
"""

import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime

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
START, END = datetime(2020, 1, 1, 8, tzinfo=UTC), datetime(2021, 1, 1, 8, tzinfo=UTC)
RETRAIN_DAYS = 28


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
    figures.append(_figure("train on 2019", time.perf_counter() - began, "s", note))
    pairs = pairs_for(np.array([issue]), 24)
    forecast(model, series, pairs)  # the first call traces the model
    times = []
    for _ in range(20):
        began = time.perf_counter()
        forecast(model, series, pairs)
        times.append(time.perf_counter() - began)
    figures.append(_figure("forecast 24 h", statistics.median(times) * 1000, "ms", "median of 20"))
    began = time.perf_counter()
    result = run_backtest(series, START, END, BacktestPlan(retrain_days=RETRAIN_DAYS), zone=ZONE)
    note = f"2020, {result['n_forecasts']} days, {result['n_models']} models"
    figures.append(_figure("backtest 2020", time.perf_counter() - began, "s", note))
    for method, values in result["methods"].items():
        figures.append(_figure(f"nMAE {method}", values["nmae_pct"], "% cap", "all hours"))
        figures.append(_figure(f"nMAE daylight {method}", values["nmae_daylight_pct"], "% cap", ""))
    figures += [
        _figure("skill vs persistence", result["skill_vs_persistence"], "ratio", "1 - MAE/MAE_b"),
        _figure("skill vs smart persistence", result["skill_vs_smart_persistence"], "ratio", ""),
        _figure("80% interval coverage", result["coverage_80"], "ratio", "all hours"),
        _figure("80% coverage, daylight", result["coverage_80_daylight"], "ratio", ""),
        _figure("mean interval width", result["mean_interval_width_mw"], "MW", ""),
        _figure("capacity (p99.9 of 2020)", result["capacity_mw"], "MW", "nMAE divisor"),
    ]
    return figures
