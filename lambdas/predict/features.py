"""Features of (issue hour, target hour) pairs: only hours before the issue hour are read.

A forecast issued at position `p` covers targets `q = p + k` (k = 0 .. horizon-1; the horizon in
hours is k + 1). Generation is read at positions < p only; clear-sky irradiance and calendar
terms are known for any hour. Generation features are in units of the capacity estimate at p.
"""

from dataclasses import dataclass

import numpy as np

from lambdas.predict.row_stats import nan_median
from lambdas.predict.series import HOURS_PER_DAY, SolarSeries

FEATURE_NAMES: tuple[str, ...] = (
    "horizon",
    "hour_sin",
    "hour_cos",
    "clear_sky_target",
    "clear_sky_lag",
    "same_hour_lag1",
    "same_hour_lag2",
    "same_hour_median3",
    "smart_persistence",
    "same_hour_mean7",
    "same_hour_max7",
    "clear_sky_index_12h",
    "clear_sky_index_1d",
    "clear_sky_index_day2",
    "clear_sky_index_day3",
    "clear_sky_index_7d",
    "last_hour",
    "last_hour_clear_sky",
    "clear_sky_index_3h",
    "recent_index_forecast",
)
# Below this clear-sky GHI [W/m^2] an earlier hour counts as dark: smart persistence's ratio is 1.
DARK_GHI = 10.0
# A target whose hour-mean clear-sky GHI is 0 is night: no sunlight, so the network is not used.
NIGHT_GHI = 0.0
# Days of dark hours before an issue whose median is the source's reported night level.
NIGHT_LEVEL_DAYS = 7
SAME_HOUR_DAYS = 7
MAX_HORIZON_HOURS = 25
# Hours before the issue hour a feature may read (same hour on 8 previous days, plus margin).
LOOKBACK_HOURS = (SAME_HOUR_DAYS + 2) * HOURS_PER_DAY


@dataclass(frozen=True)
class Pairs:
    """Issue and target positions of forecast hours, one entry per (issue, target)."""

    issue: np.ndarray
    target: np.ndarray

    @property
    def lag_hours(self) -> np.ndarray:
        """Hours back to the same hour on the most recent day known at issue (24, or 48)."""
        lag: np.ndarray = (1 + (self.target - self.issue) // HOURS_PER_DAY) * HOURS_PER_DAY
        return lag


def pairs_for(issues: np.ndarray, horizon_hours: int) -> Pairs:
    """Every (issue, issue + k) for k < horizon_hours."""
    if not 0 < horizon_hours <= MAX_HORIZON_HOURS:
        raise ValueError(f"horizon must be 1..{MAX_HORIZON_HOURS} hours")
    offsets = np.arange(horizon_hours)
    issue = np.repeat(np.asarray(issues, dtype=np.int64), horizon_hours)
    return Pairs(issue=issue, target=issue + np.tile(offsets, len(issues)))


def is_night(series: SolarSeries, target: np.ndarray) -> np.ndarray:
    """Whether each target hour has no sun at all (clear-sky GHI 0 all hour)."""
    result: np.ndarray = series.clear_sky_ghi[target] <= NIGHT_GHI
    return result


def night_level(series: SolarSeries, issues: np.ndarray) -> np.ndarray:
    """What the source reports in the dark before each issue hour [MW]: the median of the
    known night hours of the NIGHT_LEVEL_DAYS days before it (0 where it reports 0).

    No sunlight reaches a panel at night, but EIA-930's LDWP series carries a reporting floor
    (a few MW, up to ~25 MW in some months); forecasting the series means forecasting it.
    """
    levels = np.full(len(issues), np.nan)
    window = NIGHT_LEVEL_DAYS * HOURS_PER_DAY
    for issue in np.unique(issues):
        first = max(0, int(issue) - window)
        dark = series.clear_sky_ghi[first:issue] <= NIGHT_GHI
        values = series.solar_mw[first:issue][dark]
        known = values[np.isfinite(values)]
        if len(known):
            levels[issues == issue] = max(0.0, float(np.median(known)))
    return levels


def clear_sky_ratio(series: SolarSeries, target: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """Clear-sky GHI at `target` over that at `earlier`; 1 where the earlier hour is dark."""
    before = series.clear_sky_ghi[earlier]
    now = series.clear_sky_ghi[target]
    dark = before < DARK_GHI
    result: np.ndarray = np.where(dark, 1.0, now / np.where(dark, 1.0, before))
    return result


def build_features(series: SolarSeries, pairs: Pairs) -> np.ndarray:
    """Feature matrix, one row per pair, columns in FEATURE_NAMES order (NaN: not computable)."""
    issue, target, lag = pairs.issue, pairs.target, pairs.lag_hours
    _check_bounds(series, pairs)
    cap = series.capacity_mw[issue]
    filled = series.filled_mw
    ghi = series.clear_sky_ghi
    hour = series.index.hour.to_numpy()[target]
    lag1 = filled[target - lag] / cap
    lag2 = filled[target - lag - HOURS_PER_DAY] / cap
    same_hour = _same_hour_history(series.solar_mw, target - lag)
    mean7, max7 = _nan_mean_max(same_hour)
    latest_index = _latest_clear_sky_index(series, issue)
    median3 = nan_median(filled[(target - lag)[:, None] - np.arange(3)[None, :] * HOURS_PER_DAY])
    columns = (
        (target - issue + 1) / HOURS_PER_DAY,
        np.sin(2 * np.pi * hour / 24),
        np.cos(2 * np.pi * hour / 24),
        ghi[target] / 1000,
        ghi[target - lag] / 1000,
        lag1,
        lag2,
        median3 / cap,
        lag1 * clear_sky_ratio(series, target, target - lag),
        mean7 / cap,
        max7 / cap,
        _recent_clear_sky_index(series, issue),
        _clear_sky_index(series, issue, 0, HOURS_PER_DAY),
        _clear_sky_index(series, issue, HOURS_PER_DAY, 2 * HOURS_PER_DAY),
        _clear_sky_index(series, issue, 2 * HOURS_PER_DAY, 3 * HOURS_PER_DAY),
        _clear_sky_index(series, issue, 0, SAME_HOUR_DAYS * HOURS_PER_DAY),
        np.where(ghi[issue - 1] > NIGHT_GHI, filled[issue - 1] / cap, 0.0),
        ghi[issue - 1] / 1000,
        latest_index,
        latest_index * series.envelope_mw[target - lag] / cap,
    )
    return np.column_stack(columns)


def _check_bounds(series: SolarSeries, pairs: Pairs) -> None:
    """Refuse pairs that would read before the series (numpy would wrap around) or past it."""
    if len(pairs.issue) and pairs.issue.min() < LOOKBACK_HOURS:
        raise ValueError(f"an issue hour needs {LOOKBACK_HOURS} hours of series before it")
    if len(pairs.target) and pairs.target.max() >= len(series.index):
        raise ValueError("a target hour lies past the end of the series")


def _same_hour_history(solar_mw: np.ndarray, newest: np.ndarray) -> np.ndarray:
    """Raw generation at `newest`, and the same hour on each of the days before it (rows)."""
    offsets = np.arange(SAME_HOUR_DAYS) * HOURS_PER_DAY
    positions = newest[:, None] - offsets[None, :]
    result: np.ndarray = solar_mw[positions]
    return result


def _nan_mean_max(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row means and maxima over known values (NaN for a row with none)."""
    known = np.isfinite(values)
    counts = known.sum(axis=1)
    sums = np.where(known, values, 0.0).sum(axis=1)
    maxima = np.where(known, values, -np.inf).max(axis=1)
    mean = np.divide(sums, counts, out=np.full(len(values), np.nan), where=counts > 0)
    return mean, np.where(counts > 0, maxima, np.nan)


def _recent_clear_sky_index(series: SolarSeries, issue: np.ndarray) -> np.ndarray:
    """The clear-sky index of the last 12 hours, or of the last day where those 12 hours were
    all dark (an issue before dawn in winter), so that such an issue still forecasts its day."""
    recent = _clear_sky_index(series, issue, 0, 12)
    day = _clear_sky_index(series, issue, 0, HOURS_PER_DAY)
    result: np.ndarray = np.where(np.isfinite(recent), recent, day)
    return result


def _latest_clear_sky_index(series: SolarSeries, issue: np.ndarray) -> np.ndarray:
    """The clear-sky index of the last 3 hours (what the sky does now, the signal of the short
    horizons), falling back to the 12-hour or 1-day index where those hours were dark."""
    latest = _clear_sky_index(series, issue, 0, 3)
    result: np.ndarray = np.where(
        np.isfinite(latest), latest, _recent_clear_sky_index(series, issue)
    )
    return result


def _clear_sky_index(
    series: SolarSeries, issue: np.ndarray, newest: int, oldest: int
) -> np.ndarray:
    """Generation over clear-day generation (the envelope) in hours [issue - oldest,
    issue - newest): about 1 for clear days, less under clouds.

    The empirical envelope rather than clear-sky GHI keeps the index level across seasons
    (tracking and tilted panels gain in winter what horizontal irradiance loses). Sums run over
    known daylight hours only, so a gap neither counts as zero nor biases the ratio, and the MW
    the source reports at night do not count.
    """
    unique, inverse = np.unique(issue, return_inverse=True)
    positions = unique[:, None] - np.arange(newest + 1, oldest + 1)[None, :]
    generation = series.solar_mw[positions]
    envelope = series.envelope_mw[positions]
    known = np.isfinite(generation) & np.isfinite(envelope)
    known &= series.clear_sky_ghi[positions] > NIGHT_GHI
    energy = np.where(known, generation, 0.0).sum(axis=1)
    clear = np.where(known, envelope, 0.0).sum(axis=1)
    index = np.divide(energy, clear, out=np.full(len(unique), np.nan), where=clear > 0)
    result: np.ndarray = index[inverse]
    return result
