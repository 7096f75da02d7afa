"""Split-conformal calibration of the carbon forecast's 80% interval.

The model forecasts the logarithm of the intensity. On held-out days the model never fit, the
residuals (log actual minus log forecast) below and above the forecast are scored apart: the
band reaches down by the conformal 90% quantile of the shortfalls and up by that of the
excesses, so each side misses at most about 10% of new hours and the band holds about 80%.
In log units the band is multiplicative: wider where the intensity is high. Calibrated per
band of horizons, since errors grow with the horizon.
"""

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from lambdas.predict.intervals import conformal_quantile

LEVEL = 0.8
# Horizon bands [hours] calibrated apart: the first hours lean on the last measured one.
HORIZON_EDGES: tuple[int, ...] = (3, 8, 16)
MIN_BAND_SAMPLES = 50


@dataclass(frozen=True)
class Calibration:
    """Distances [log gCO2eq/kWh] below and above the forecast per horizon band."""

    below: tuple[float, ...]
    above: tuple[float, ...]
    level: float = LEVEL

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Calibration":
        return cls(
            below=tuple(float(v) for v in data["below"]),
            above=tuple(float(v) for v in data["above"]),
            level=float(data["level"]),
        )


def band_of(horizon_hours: np.ndarray) -> np.ndarray:
    """Band number (0 .. len(HORIZON_EDGES)) of each horizon [hours, 1 = the next hour]."""
    return np.searchsorted(np.asarray(HORIZON_EDGES), horizon_hours, side="left")


def calibrate(
    predicted_log: np.ndarray,
    actual_log: np.ndarray,
    horizon_hours: np.ndarray,
    level: float = LEVEL,
) -> Calibration:
    """Distances from held-out hours (log forecasts and log actuals, aligned).

    Each side is the conformal quantile at 1 - (1 - level) / 2 of its signed residuals; a
    band with fewer than MIN_BAND_SAMPLES hours uses the distances of all hours.
    """
    side_level = 1.0 - (1.0 - level) / 2.0
    shortfall, excess = predicted_log - actual_log, actual_log - predicted_log
    bands = band_of(horizon_hours)

    def per_band(scores: np.ndarray) -> tuple[float, ...]:
        overall = conformal_quantile(scores, side_level)
        return tuple(
            conformal_quantile(scores[bands == band], side_level)
            if (bands == band).sum() >= MIN_BAND_SAMPLES
            else overall
            for band in range(len(HORIZON_EDGES) + 1)
        )

    return Calibration(below=per_band(shortfall), above=per_band(excess), level=level)


def interval(
    predicted_log: np.ndarray, horizon_hours: np.ndarray, calibration: Calibration
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, lower, upper) [gCO2eq/kWh]; the band always holds the point forecast."""
    bands = band_of(horizon_hours)
    point = np.exp(predicted_log)
    lower = np.minimum(np.exp(predicted_log - np.asarray(calibration.below)[bands]), point)
    upper = np.maximum(np.exp(predicted_log + np.asarray(calibration.above)[bands]), point)
    return point, lower, upper
