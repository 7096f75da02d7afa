"""Conformal calibration of the 80% interval, recalibrated on the most recent residuals.

On hours the network never trained on, the score of an hour is how far the actual lies outside
the raw [q10, q90] band (negative inside). The band is widened (or narrowed) by the score's
conformal quantile, per cell of (horizon band, clear-sky irradiance band), so that about 80% of
new hours fall inside. The scores come from a rolling window: the forecasts the current network
would have issued every hour over the last 14 days before the issue (`Residuals`), so the
interval follows the season and the weather regime instead of staying at what the training's
held-out days said. On top of the window, adaptive conformal inference (ACI) steers the level
itself: the issues at the same hour on each of the previous days are replayed, and every day
their band missed more (fewer) than 20% of their daylight hours the next level rises (falls) by
ACI_STEP times the excess, so a weather regime the window under-represents (the marine layer of
May and June mornings at midnight issue) is corrected within days. Night hours (no sunlight) get
[0, the 80th percentile of recent night generation]: the sensors report a few MW at night, and
the interval says so.
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
# ACI: the level moves by ACI_STEP x (miss rate - 20%) per replayed day, over the issues at the
# same hour on each of the ACI_DAYS days before, within LEVEL +/- ACI_MAX_SHIFT. Chosen on 2020
# (trained on 2019) among steps 0.01-0.3 and against issue-hour-specific windows: 0.1 brought the
# worst month's daylight coverage from 5.6 to 2.7 points off 80% at midnight issue.
ACI_STEP = 0.1
ACI_DAYS = 14
ACI_MAX_SHIFT = 0.15


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

    def issued_at(self, at: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(horizon band, clear-sky band, score) of the daylight rows issued at `at`."""
        rows = self.issue == at
        return self.horizon_band[rows], self.ghi_band[rows], self.score[rows]

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


def miss_rate(
    horizon_band: np.ndarray, ghi_band: np.ndarray, score: np.ndarray, calibration: Calibration
) -> float:
    """Share of daylight rows whose actual fell outside the band `calibration` gave them (their
    score exceeds their cell's correction)."""
    correction = np.asarray(calibration.corrections)[horizon_band, ghi_band]
    return float(np.mean(score > correction))


def adaptive_level(scored: Residuals, at: int, window_hours: int, level: float = LEVEL) -> float:
    """The ACI level for an issue at `at`: replays the issues at the same hour on each of the
    ACI_DAYS days before (oldest first), each calibrated on its own window of `window_hours`
    at the level reached so far, and steps the level by ACI_STEP x (its miss rate - (1 -
    `level`)), on the targets of each that were measured before `at`. Days without enough
    residuals are skipped.
    """
    shift = 0.0
    day_hours = 24
    # Only what is known at `at`: a window ending at `at` keeps no target from `at` on.
    scored = scored.window(at, ACI_DAYS * day_hours + window_hours)
    for day in range(ACI_DAYS, 0, -1):
        past = at - day * day_hours
        horizon_band, ghi_band, score = scored.issued_at(past)
        recent = scored.window(past, window_hours)
        if len(score) == 0 or len(recent.score) < MIN_CELL_SAMPLES:
            continue
        calibration = calibrate(recent, level + shift)
        missed = miss_rate(horizon_band, ghi_band, score, calibration)
        shift = float(
            np.clip(shift + ACI_STEP * (missed - (1 - level)), -ACI_MAX_SHIFT, ACI_MAX_SHIFT)
        )
    return level + shift
