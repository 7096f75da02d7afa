"""The cleanest-window advice: when, within a forecast, N consecutive hours are cleanest.

Pure Python (the API imports it, and the API image carries no numpy). Intensities are
gCO2eq/kWh; an hour starts at its `start_at` (UTC) and lasts one hour.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from lambdas.core.errors import InvalidInput, NotFound

MIN_WINDOW_HOURS = 1
MAX_WINDOW_HOURS = 12
DEFAULT_WINDOW_HOURS = 3
_HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class ForecastHour:
    """One forecast hour: point forecast and its interval bounds [gCO2eq/kWh]."""

    start_at: datetime
    intensity: float
    lower: float
    upper: float


@dataclass(frozen=True)
class CleanestWindow:
    """The N consecutive hours with the lowest forecast mean, against the horizon left.

    `mean_intensity` is the forecast mean of the window, `horizon_mean_intensity` that of every
    forecast hour searched (`horizon_*`: those not yet begun), `saving_pct` how much lower the
    window is (percent of the horizon mean).
    `mean_lower`/`mean_upper` are the means of the hours' interval bounds: the window mean's
    band if the hours' errors move together, which forecast errors of neighbouring hours do.
    `saving_pct_range` is the saving at those two bounds (the upper bound gives the smaller).
    """

    start_at: datetime
    end_at: datetime
    hours: int
    mean_intensity: float
    mean_lower: float
    mean_upper: float
    horizon_start_at: datetime
    horizon_end_at: datetime
    horizon_hours: int
    horizon_mean_intensity: float
    saving_pct: float
    saving_pct_range: tuple[float, float]


def cleanest_window(
    forecast: Sequence[ForecastHour], hours: int, not_before: datetime | None = None
) -> CleanestWindow:
    """The earliest of the `hours`-long runs of consecutive forecast hours with the lowest mean,
    among the hours starting at or after `not_before` (all hours when None).

    Advice is for what can still be done: an hour that has begun by `not_before` (the caller's
    now) is out of the search and of the horizon mean the saving is measured against. Windows
    never span a missing hour; they may cross midnight. InvalidInput when `hours` is outside
    1..12 or longer than every run of consecutive hours in the whole forecast; NotFound when
    the forecast could hold such a run but too few of its hours are left after `not_before`.
    """
    if not MIN_WINDOW_HOURS <= hours <= MAX_WINDOW_HOURS:
        raise InvalidInput(f"hours must be {MIN_WINDOW_HOURS} to {MAX_WINDOW_HOURS}, not {hours}")
    ordered = sorted(forecast, key=lambda hour: hour.start_at)
    if not ordered:
        raise InvalidInput("the forecast has no hours")
    if _best_window(ordered, hours) is None:
        raise InvalidInput(
            f"the forecast has no {hours} consecutive hours (it covers {len(ordered)} hours)"
        )
    ahead = [hour for hour in ordered if not_before is None or hour.start_at >= not_before]
    best = _best_window(ahead, hours)
    if best is None:
        raise NotFound(
            f"only {len(ahead)} of the forecast's {len(ordered)} hours start at or after"
            f" {not_before.isoformat() if not_before else 'its start'}: no {hours} consecutive"
            " hours are left to advise; the next pipeline run forecasts the hours ahead"
        )
    window = ahead[best[1] : best[1] + hours]
    horizon_mean = math.fsum(hour.intensity for hour in ahead) / len(ahead)
    mean = best[0] / hours
    lower = math.fsum(hour.lower for hour in window) / hours
    upper = math.fsum(hour.upper for hour in window) / hours
    return CleanestWindow(
        start_at=window[0].start_at,
        end_at=window[-1].start_at + _HOUR,
        hours=hours,
        mean_intensity=mean,
        mean_lower=lower,
        mean_upper=upper,
        horizon_start_at=ahead[0].start_at,
        horizon_end_at=ahead[-1].start_at + _HOUR,
        horizon_hours=len(ahead),
        horizon_mean_intensity=horizon_mean,
        saving_pct=_saving_pct(mean, horizon_mean),
        saving_pct_range=(_saving_pct(upper, horizon_mean), _saving_pct(lower, horizon_mean)),
    )


def _best_window(ordered: Sequence[ForecastHour], hours: int) -> tuple[float, int] | None:
    """(sum of intensities, first position) of the earliest lowest run of `hours` consecutive
    hours of `ordered` (sorted by start), or None when it has no such run."""
    best: tuple[float, int] | None = None
    for first in range(len(ordered) - hours + 1):
        window = ordered[first : first + hours]
        if not _consecutive(window):
            continue
        total = math.fsum(hour.intensity for hour in window)
        if best is None or total < best[0]:
            best = (total, first)
    return best


def _consecutive(window: Sequence[ForecastHour]) -> bool:
    """Whether every hour of `window` starts one hour after the one before."""
    return all(
        later.start_at - earlier.start_at == _HOUR for earlier, later in itertools.pairwise(window)
    )


def _saving_pct(value: float, reference: float) -> float:
    """How far `value` lies below `reference`, in percent of it (0 for a zero reference)."""
    return 100.0 * (reference - value) / reference if reference > 0 else 0.0
