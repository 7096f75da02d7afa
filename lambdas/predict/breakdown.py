"""Backtest scores per group of hours: calendar quarter, horizon, horizon band."""

from typing import Any

import numpy as np

from lambdas.predict.baselines import persistence, smart_persistence
from lambdas.predict.features import is_night
from lambdas.predict.forecaster import Forecast
from lambdas.predict.scores import Scored, score
from lambdas.predict.series import SolarSeries

# What each group reports: the skills and the interval, beside the MAEs of the three methods.
GROUP_FIGURES = (
    "skill_vs_persistence",
    "skill_vs_smart_persistence",
    "coverage_80",
    "coverage_80_daylight",
    "mean_interval_width_mw",
    "n_hours",
)


def scored_hours(series: SolarSeries, result: Forecast) -> Scored:
    """The model's forecast and both baselines on the forecast's pairs, with the actuals."""
    return Scored(
        actual=series.solar_mw[result.pairs.target],
        points={
            "model": result.point,
            "persistence": persistence(series, result.pairs),
            "smart_persistence": smart_persistence(series, result.pairs),
        },
        lower=result.lower,
        upper=result.upper,
        daylight=~is_night(series, result.pairs.target),
    )


def groups(scored: Scored, labels: np.ndarray, names: dict[int, str]) -> dict[str, dict[str, Any]]:
    """GROUP_FIGURES and each method's MAE [MW] for the hours of each label in `names`."""
    table: dict[str, dict[str, Any]] = {}
    for label, name in names.items():
        rows = labels == label
        part = score(
            Scored(
                actual=scored.actual[rows],
                points={method: values[rows] for method, values in scored.points.items()},
                lower=scored.lower[rows],
                upper=scored.upper[rows],
                daylight=scored.daylight[rows],
            )
        )
        figures = {key: part[key] for key in GROUP_FIGURES}
        figures["mae_mw"] = {
            method: part["methods"][method]["mae_mw"] for method in part["methods"]
        }
        table[name] = figures
    return table
