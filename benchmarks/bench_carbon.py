"""Carbon-intensity forecast: training and prediction time, and the 2023 backtest on LA data.

The backtest is `gridla backtest --target carbon-intensity` on the bundled 2021 and 2022-2023
files: one forecast per day at LA midnight through 2023, retrained every 28 days on what came
before (2021-2022 at first). Nothing was tuned on 2023 (see docs/carbon-forecast.md).
"""

import statistics
import time
from datetime import UTC, datetime

import numpy as np

from benchmarks.run import Figure
from lambdas.core.settings import PROJECT_ROOT
from lambdas.predict.carbon.backtest import BacktestPlan, run_backtest
from lambdas.predict.carbon.model import TrainingPlan, forecast, train
from lambdas.predict.carbon.series import build_series, read_csvs
from lambdas.predict.clearsky import site_of
from lambdas.predict.features import pairs_for

NAME = "carbon"
ZONE = "US-CAL-LDWP"
CSVS = (
    PROJECT_ROOT / "data" / "ldwp_hourly_2019_2021.csv.gz",
    PROJECT_ROOT / "data" / "ldwp_demand_carbon_2022_2023.csv.gz",
)
START, END = datetime(2023, 1, 1, 8, tzinfo=UTC), datetime(2024, 1, 1, 8, tzinfo=UTC)
RETRAIN_DAYS = 28


def _figure(figure: str, value: float, unit: str, note: str = "") -> Figure:
    return Figure(benchmark=NAME, figure=figure, value=value, unit=unit, note=note)


def run() -> list[Figure]:
    series = build_series(read_csvs(CSVS), site_of(ZONE))
    issue = series.position(START)
    began = time.perf_counter()
    model = train(series, issue, TrainingPlan(), zone=ZONE, trained_at=START)
    figures = [
        _figure(
            "train on 2021-2022",
            time.perf_counter() - began,
            "s",
            f"{model.metadata['n_fit']} rows",
        )
    ]
    pairs = pairs_for(np.array([issue]), 24)
    times = []
    for _ in range(20):
        began = time.perf_counter()
        forecast(model, series, pairs)
        times.append(time.perf_counter() - began)
    figures.append(_figure("forecast 24 h", statistics.median(times) * 1000, "ms", "median of 20"))
    began = time.perf_counter()
    result = run_backtest(series, START, END, BacktestPlan(retrain_days=RETRAIN_DAYS), zone=ZONE)
    note = f"{result['n_forecasts']} days, {result['n_models']} models"
    figures.append(_figure("backtest 2023", time.perf_counter() - began, "s", note))
    for method, values in result["methods"].items():
        figures.append(_figure(f"MAPE {method}", values["mape_pct"], "%", "2023, all hours"))
        figures.append(_figure(f"MAE {method}", values["mae"], "g/kWh", ""))
    figures += [
        _figure("skill vs persistence", result["skill_vs_persistence"], "ratio", "1 - MAE/MAE_b"),
        _figure("80% interval coverage", result["coverage_80"], "ratio", "all hours"),
        _figure("mean interval width", result["mean_interval_width"], "g/kWh", ""),
        _figure("cleanest 3 h regret", result["cleanest_3h_regret"], "g/kWh", "vs the day's best"),
        _figure("cleanest 3 h saving", result["cleanest_3h_saving_pct"], "%", "vs the day's mean"),
    ]
    return figures
