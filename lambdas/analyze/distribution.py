"""Distributions over a range: histogram and quantiles of any series, load's peak hours, and
carbon intensity's cleanest and dirtiest hours. Unknown hours are left out, never read as 0."""

from typing import Any

import numpy as np
import pandas as pd

from lambdas.frames.hourly import label_of_max, label_of_min, local_index

HISTOGRAM_BINS = 20
QUANTILES = (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)
TOP_HOURS = 10
MIN_HOURS_FOR_PEAK = 20
UNKNOWN_CARBON_NOTE = "carbon intensity is unknown (NULL) for this zone and range"


def summary(series: pd.Series, bins: int = HISTOGRAM_BINS) -> dict[str, Any]:
    """Histogram, quantiles, mean, spread and extremes of the known hours (the series' unit).

    `status` "unknown" when no hour is known.
    """
    known = series.dropna()
    if known.empty:
        return {"status": "unknown", "note": "unknown (NULL) throughout the range"}
    counts, edges = np.histogram(known.to_numpy(dtype=float), bins=bins)
    return {
        "status": "ok",
        "n": len(known),
        "mean": float(known.mean()),
        "std": float(known.std()) if len(known) > 1 else None,
        "min": {"datetime": known.idxmin(), "value": float(known.min())},
        "max": {"datetime": known.idxmax(), "value": float(known.max())},
        "histogram": {"edges": edges, "counts": counts},
        "quantiles": {f"p{round(q * 100):02d}": float(known.quantile(q)) for q in QUANTILES},
    }


def load_distribution(series: pd.Series, bins: int = HISTOGRAM_BINS) -> dict[str, Any]:
    """`summary` of an hourly load series (MW), plus its daily peak hours and top hours."""
    known = series.dropna()
    if known.empty:
        return {"status": "skipped", "reason": "no known load values"}
    top = known.sort_values(ascending=False, kind="stable").head(TOP_HOURS)
    return {
        **summary(known, bins),
        "peak_hours": daily_peak_hours(known),
        "top_hours": [{"datetime": moment, "value": value} for moment, value in top.items()],
    }


def daily_peak_hours(known: pd.Series) -> dict[str, Any]:
    """How often each local hour held its day's peak, and the most frequent peak hour.

    Only days with at least MIN_HOURS_FOR_PEAK known hours count: a partial day's maximum
    need not be its peak.
    """
    local = local_index(known.index)
    frame = pd.DataFrame({"value": known.to_numpy(), "date": local.date, "hour": local.hour})
    by_day = frame.groupby("date")["value"]
    complete = by_day.transform("count") >= MIN_HOURS_FOR_PEAK
    frame = frame[complete.to_numpy()]
    if frame.empty:
        return {"counts_by_hour": [], "most_common_hour": None, "days": 0}
    peaks = frame.loc[frame.groupby("date")["value"].idxmax(), "hour"]
    counts = peaks.value_counts().reindex(range(24), fill_value=0)
    return {
        "counts_by_hour": [{"hour": hour, "days": days} for hour, days in counts.items()],
        "most_common_hour": label_of_max(counts),
        "days": int(counts.sum()),
    }


def carbon_statistics(series: pd.Series) -> dict[str, Any]:
    """Mean, extremes and the cleanest / dirtiest local hour of carbon intensity (gCO2eq/kWh).

    With no known value the result says so: unknown is never reported as 0.
    """
    known = series.dropna()
    if known.empty:
        return {"status": "unknown", "note": UNKNOWN_CARBON_NOTE}
    by_hour = known.groupby(local_index(known.index).hour).mean()
    return {
        "status": "ok",
        "n": len(known),
        "mean": float(known.mean()),
        "min": {"datetime": known.idxmin(), "value": float(known.min())},
        "max": {"datetime": known.idxmax(), "value": float(known.max())},
        "by_hour": [{"hour": hour, "mean": value} for hour, value in by_hour.items()],
        "lowest_hour": label_of_min(by_hour),
        "highest_hour": label_of_max(by_hour),
    }
