"""Split-conformal calibration of the 80% interval (conformalised quantile regression).

On hours the network never trained on, the score of an hour is how far the actual lies outside
the raw [q10, q90] band (negative inside). The band is widened (or narrowed) by the score's
conformal quantile, per band of clear-sky irradiance, so that about 80% of new hours fall
inside. Night hours (point forecast 0 by construction) get [0, the 80th percentile of recent
night generation]: the sensors report a few MW at night, and the interval says so.
"""

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

LEVEL = 0.8
# Clear-sky GHI [W/m^2] bands calibrated apart (dawn/dusk errors are small, noon errors large).
BAND_EDGES: tuple[float, ...] = (200.0, 600.0)
MIN_BAND_SAMPLES = 30


@dataclass(frozen=True)
class Calibration:
    """Additive corrections per clear-sky band and the night upper bound, in capacity units."""

    corrections: tuple[float, ...]
    night_upper: float
    level: float = LEVEL

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Calibration":
        return cls(
            corrections=tuple(float(v) for v in data["corrections"]),
            night_upper=float(data["night_upper"]),
            level=float(data["level"]),
        )


def conformal_quantile(scores: np.ndarray, level: float) -> float:
    """The ceil((n + 1) * level)-th smallest score: the finite-sample conformal quantile."""
    n = len(scores)
    if n == 0:
        raise ValueError("no calibration scores")
    rank = min(n, int(np.ceil((n + 1) * level)))  # k-th smallest; the largest if k > n
    return float(np.partition(scores, rank - 1)[rank - 1])


def band_of(clear_sky_ghi: np.ndarray) -> np.ndarray:
    """Band number (0 .. len(BAND_EDGES)) of each clear-sky GHI [W/m^2]."""
    return np.searchsorted(np.asarray(BAND_EDGES), clear_sky_ghi, side="right")


def calibrate(
    quantiles: np.ndarray,
    actual: np.ndarray,
    clear_sky_ghi: np.ndarray,
    night_actual: np.ndarray,
    level: float = LEVEL,
) -> Calibration:
    """Corrections from held-out daylight hours, and the night bound from night hours.

    `quantiles` (n, 3) and `actual` (n,) are in capacity units; a band with too few hours uses
    the correction of all hours.
    """
    scores = np.maximum(quantiles[:, 0] - actual, actual - quantiles[:, -1])
    overall = conformal_quantile(scores, level)
    bands = band_of(clear_sky_ghi)
    corrections = tuple(
        conformal_quantile(scores[bands == band], level)
        if (bands == band).sum() >= MIN_BAND_SAMPLES
        else overall
        for band in range(len(BAND_EDGES) + 1)
    )
    night = night_actual[np.isfinite(night_actual)]
    night_upper = float(np.quantile(night, level)) if len(night) else 0.0
    return Calibration(corrections=corrections, night_upper=max(night_upper, 0.0), level=level)


def interval(
    quantiles: np.ndarray, clear_sky_ghi: np.ndarray, calibration: Calibration
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, lower, upper) for daylight rows: median, and the corrected band around it.

    Lower is at least 0 and the band always holds the point forecast.
    """
    correction = np.asarray(calibration.corrections)[band_of(clear_sky_ghi)]
    point = np.clip(quantiles[:, 1], 0.0, None)
    lower = np.clip(np.minimum(quantiles[:, 0] - correction, point), 0.0, None)
    upper = np.maximum(quantiles[:, -1] + correction, point)
    return point, lower, upper
