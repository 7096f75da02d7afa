"""Split-conformal calibration of the carbon forecast's 80% interval (conformalised quantile
regression, as the solar forecast does).

On held-out days the models never fit, an hour's score is how far the actual lies outside the
raw [q10, q90] band (negative inside); the band is widened (or narrowed) by the score's
conformal quantile, per band of horizons, since errors grow with the horizon.
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
    """Additive corrections [gCO2eq/kWh] per horizon band, from held-out hours."""

    corrections: tuple[float, ...]
    level: float = LEVEL

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Calibration":
        return cls(
            corrections=tuple(float(v) for v in data["corrections"]), level=float(data["level"])
        )


def band_of(horizon_hours: np.ndarray) -> np.ndarray:
    """Band number (0 .. len(HORIZON_EDGES)) of each horizon [hours, 1 = the next hour]."""
    return np.searchsorted(np.asarray(HORIZON_EDGES), horizon_hours, side="left")


def calibrate(
    quantiles: np.ndarray, actual: np.ndarray, horizon_hours: np.ndarray, level: float = LEVEL
) -> Calibration:
    """Corrections from held-out hours: `quantiles` (n, 3: q10, q50, q90), `actual` (n,).

    A band with fewer than MIN_BAND_SAMPLES hours uses the correction of all hours.
    """
    scores = np.maximum(quantiles[:, 0] - actual, actual - quantiles[:, -1])
    overall = conformal_quantile(scores, level)
    bands = band_of(horizon_hours)
    corrections = tuple(
        conformal_quantile(scores[bands == band], level)
        if (bands == band).sum() >= MIN_BAND_SAMPLES
        else overall
        for band in range(len(HORIZON_EDGES) + 1)
    )
    return Calibration(corrections=corrections, level=level)


def interval(
    quantiles: np.ndarray, horizon_hours: np.ndarray, calibration: Calibration
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, lower, upper) [gCO2eq/kWh]: the median and the corrected band around it.

    Lower is at least 0 and the band always holds the point forecast.
    """
    correction = np.asarray(calibration.corrections)[band_of(horizon_hours)]
    point = np.clip(quantiles[:, 1], 0.0, None)
    lower = np.clip(np.minimum(quantiles[:, 0] - correction, point), 0.0, None)
    upper = np.maximum(quantiles[:, -1] + correction, point)
    return point, lower, upper
