"""Conformal calibration of the 80% interval, recalibrated on the most recent residuals.

On hours the network never trained on, the score of an hour is how far the actual lies outside
the raw [q10, q90] band (negative inside). The band is widened (or narrowed) by the score's
conformal quantile, per cell of (horizon band, clear-sky irradiance band), so that about 80% of
new hours fall inside. The scores come from a rolling window: the forecasts the current network
would have issued every hour over the last 14 days before the issue (`Residuals`), so the interval
follows the season and the weather regime instead of staying at what the training's held-out
days said. Night hours (no sunlight) get [0, the 80th percentile of recent night generation]:
the sensors report a few MW at night, and the interval says so.
"""

from dataclasses import dataclass
from typing import Any

import numpy as np

LEVEL = 0.8
# Clear-sky GHI [W/m^2] bands calibrated apart (dawn/dusk errors are small, noon errors large).
GHI_BAND_EDGES: tuple[float, ...] = (200.0, 600.0)
# Horizon bands [hours ahead]: 1-6, 7-12, 13 and more (the last hours tell most at short range).
HORIZON_BAND_EDGES: tuple[int, ...] = (6, 12)
HORIZON_BAND_NAMES: tuple[str, ...] = ("1-6", "7-12", "13-24")
MIN_CELL_SAMPLES = 30


@dataclass(frozen=True)
class Calibration:
    """Additive corrections [horizon band][clear-sky band] and the night upper bound, in
    capacity units; `n_scores` daylight hours decided them."""

    corrections: tuple[tuple[float, ...], ...]
    night_upper: float
    level: float = LEVEL
    n_scores: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "corrections": [list(row) for row in self.corrections],
            "night_upper": self.night_upper,
            "level": self.level,
            "n_scores": self.n_scores,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Calibration":
        return cls(
            corrections=tuple(tuple(float(v) for v in row) for row in data["corrections"]),
            night_upper=float(data["night_upper"]),
            level=float(data["level"]),
            n_scores=int(data["n_scores"]),
        )


@dataclass(frozen=True)
class Residuals:
    """Raw forecasts of known hours, scored: daylight rows (issue, target position, cell, score)
    and night rows (issue, target position, generation in capacity units)."""

    issue: np.ndarray
    target: np.ndarray
    horizon_band: np.ndarray
    ghi_band: np.ndarray
    score: np.ndarray
    night_issue: np.ndarray
    night_target: np.ndarray
    night_actual: np.ndarray

    def window(self, at: int, hours: int) -> "Residuals":
        """The rows issued in [at - hours, at) whose target lies before `at` (known at `at`)."""
        day = (self.issue >= at - hours) & (self.target < at)
        night = (self.night_issue >= at - hours) & (self.night_target < at)
        return Residuals(
            self.issue[day],
            self.target[day],
            self.horizon_band[day],
            self.ghi_band[day],
            self.score[day],
            self.night_issue[night],
            self.night_target[night],
            self.night_actual[night],
        )


def residuals(
    issue: np.ndarray,
    target: np.ndarray,
    quantiles: np.ndarray,
    actual: np.ndarray,
    clear_sky_ghi: np.ndarray,
    night: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> Residuals:
    """Residuals of daylight rows (`quantiles` (n, 3) and `actual` in capacity units) and of
    night rows (`night` = issue, target, actual in capacity units)."""
    scores = np.maximum(quantiles[:, 0] - actual, actual - quantiles[:, -1])
    night_issue, night_target, night_actual = night
    known = np.isfinite(night_actual)
    return Residuals(
        issue=issue,
        target=target,
        horizon_band=horizon_band_of(target - issue + 1),
        ghi_band=ghi_band_of(clear_sky_ghi),
        score=scores,
        night_issue=night_issue[known],
        night_target=night_target[known],
        night_actual=night_actual[known],
    )


def conformal_quantile(scores: np.ndarray, level: float) -> float:
    """The ceil((n + 1) * level)-th smallest score: the finite-sample conformal quantile."""
    n = len(scores)
    if n == 0:
        raise ValueError("no calibration scores")
    rank = min(n, int(np.ceil((n + 1) * level)))  # k-th smallest; the largest if k > n
    return float(np.partition(scores, rank - 1)[rank - 1])


def ghi_band_of(clear_sky_ghi: np.ndarray) -> np.ndarray:
    """Band number (0 .. len(GHI_BAND_EDGES)) of each clear-sky GHI [W/m^2]."""
    return np.searchsorted(np.asarray(GHI_BAND_EDGES), clear_sky_ghi, side="right")


def horizon_band_of(horizon_hours: np.ndarray) -> np.ndarray:
    """Band number (0: 1-6 h, 1: 7-12 h, 2: 13 h and more) of each horizon [hours ahead]."""
    return np.searchsorted(np.asarray(HORIZON_BAND_EDGES), horizon_hours, side="left")


def calibrate(scored: Residuals, level: float = LEVEL) -> Calibration:
    """Corrections from scored daylight hours, and the night bound from night hours.

    A cell with fewer than MIN_CELL_SAMPLES hours uses its horizon band's correction, or that
    of all hours when the band too has too few.
    """
    if len(scored.score) == 0:
        raise ValueError("no calibration scores")
    overall = conformal_quantile(scored.score, level)
    rows = []
    for horizon in range(len(HORIZON_BAND_EDGES) + 1):
        in_band = scored.horizon_band == horizon
        band = (
            conformal_quantile(scored.score[in_band], level)
            if in_band.sum() >= MIN_CELL_SAMPLES
            else overall
        )
        cells = []
        for ghi in range(len(GHI_BAND_EDGES) + 1):
            in_cell = in_band & (scored.ghi_band == ghi)
            enough = in_cell.sum() >= MIN_CELL_SAMPLES
            cells.append(conformal_quantile(scored.score[in_cell], level) if enough else band)
        rows.append(tuple(cells))
    night = scored.night_actual
    night_upper = float(np.quantile(night, level)) if len(night) else 0.0
    return Calibration(
        corrections=tuple(rows),
        night_upper=max(night_upper, 0.0),
        level=level,
        n_scores=len(scored.score),
    )


def interval(
    quantiles: np.ndarray,
    clear_sky_ghi: np.ndarray,
    horizon_hours: np.ndarray,
    calibration: Calibration,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(point, lower, upper) for daylight rows: median, and the corrected band around it.

    Lower is at least 0 and the band always holds the point forecast.
    """
    table = np.asarray(calibration.corrections)
    correction = table[horizon_band_of(horizon_hours), ghi_band_of(clear_sky_ghi)]
    point = np.clip(quantiles[:, 1], 0.0, None)
    lower = np.clip(np.minimum(quantiles[:, 0] - correction, point), 0.0, None)
    upper = np.maximum(quantiles[:, -1] + correction, point)
    return point, lower, upper
