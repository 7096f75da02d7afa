"""Forecast scores: MAE, RMSE, nMAE (% of capacity), skill, interval coverage and width.

Every method is scored on the same hours: those whose actual is known and that every method
forecast. Capacity for nMAE is the 99.9th percentile of the actual generation in the window.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

CAPACITY_QUANTILE = 0.999
METHODS: tuple[str, ...] = ("model", "persistence", "smart_persistence")


@dataclass(frozen=True)
class Scored:
    """Aligned hours to score: actual, each method's point forecast, the model's interval [MW]."""

    actual: np.ndarray
    points: dict[str, np.ndarray]
    lower: np.ndarray
    upper: np.ndarray
    daylight: np.ndarray

    def common(self) -> np.ndarray:
        """Hours every method forecast and whose actual is known."""
        mask: np.ndarray = np.isfinite(self.actual) & np.isfinite(self.lower)
        mask &= np.isfinite(self.upper)
        for values in self.points.values():
            mask &= np.isfinite(values)
        return mask


def errors(actual: np.ndarray, point: np.ndarray, capacity_mw: float) -> dict[str, float]:
    """mae_mw, rmse_mw and nmae_pct of `point` against `actual` (both known everywhere).

    nmae_pct is NaN when the capacity is not positive: hours that are all night (a horizon band
    of midnight issues, a source that reports exact zeros) have no capacity to normalise by.
    """
    if len(actual) == 0:
        return {"mae_mw": float("nan"), "rmse_mw": float("nan"), "nmae_pct": float("nan")}
    error = point - actual
    mae = float(np.mean(np.abs(error)))
    return {
        "mae_mw": mae,
        "rmse_mw": float(np.sqrt(np.mean(error**2))),
        "nmae_pct": 100.0 * mae / capacity_mw if capacity_mw > 0 else float("nan"),
    }


def coverage(actual: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Share of hours whose actual lies in [lower, upper] (bounds included)."""
    if len(actual) == 0:
        return float("nan")
    return float(np.mean((actual >= lower) & (actual <= upper)))


def skill(mae: float, baseline_mae: float) -> float:
    """1 - MAE / baseline MAE: 0.15 means 15% less error than the baseline."""
    return 1.0 - mae / baseline_mae if baseline_mae > 0 else float("nan")


def score(scored: Scored) -> dict[str, Any]:
    """The backtest metrics (docs/architecture.md, issue 7) on the common hours (NaN when none)."""
    mask = scored.common()
    actual = scored.actual[mask]
    daylight = scored.daylight[mask]
    capacity = float(np.quantile(actual, CAPACITY_QUANTILE)) if len(actual) else float("nan")
    methods: dict[str, dict[str, float]] = {}
    for name, values in scored.points.items():
        point = values[mask]
        figures = errors(actual, point, capacity)
        figures["nmae_daylight_pct"] = errors(actual[daylight], point[daylight], capacity)[
            "nmae_pct"
        ]
        methods[name] = figures
    lower, upper = scored.lower[mask], scored.upper[mask]
    model_mae = methods["model"]["mae_mw"]
    return {
        "methods": methods,
        "skill_vs_persistence": skill(model_mae, methods["persistence"]["mae_mw"]),
        "skill_vs_smart_persistence": skill(model_mae, methods["smart_persistence"]["mae_mw"]),
        "coverage_80": coverage(actual, lower, upper),
        "coverage_80_daylight": coverage(actual[daylight], lower[daylight], upper[daylight]),
        "mean_interval_width_mw": float(np.mean(upper - lower)) if len(actual) else float("nan"),
        "capacity_mw": capacity,
        "n_hours": int(mask.sum()),
        "n_hours_unscored": int((~mask).sum()),
    }
