"""Wall time of the analyze and cluster computations (pure functions, no database) on the newest
30 days, 1 year and 2 years of the real LA data (2021: every series, carbon intensity and the
shares included; 2020: no carbon data), and how it grows (ratio 2 years / 30 days)."""

import time
from pathlib import Path
from typing import Any

import pandas as pd

from lambdas.analyze.analysis import analyse_range
from lambdas.cluster.clustering import cluster_range
from lambdas.core.measurements import NUMERIC_COLUMNS

CSV = Path(__file__).resolve().parents[1] / "data" / "ldwp_hourly_2019_2021.csv.gz"
SIZES = (("30d", 24 * 30), ("1y", 24 * 365), ("2y", 24 * 731))
# Measurement column -> the bundled file's column (data/README.md).
COLUMNS = {
    "power_consumption_total": "demand_mw",
    "solar_mw": "solar_mw",
    "wind_mw": "wind_mw",
    "coal_mw": "coal_mw",
    "gas_mw": "gas_mw",
    "hydro_mw": "hydro_mw",
    "unknown_mw": "other_mw",
    "carbon_intensity": "carbon_intensity_lifecycle_g_per_kwh",
    "fossil_free_percentage": "carbon_free_percent",
    "renewable_percentage": "renewable_percent",
}


def la_frame() -> pd.DataFrame:
    """The bundled LA data as measurement columns (unknown values NaN), with production and
    net imports/exports where demand and all six sources are known."""
    raw = pd.read_csv(CSV)
    index = pd.DatetimeIndex(pd.to_datetime(raw["period_start_utc"], utc=True), name="datetime")
    frame = pd.DataFrame(index=index, columns=list(NUMERIC_COLUMNS), dtype="float64")
    for column, source in COLUMNS.items():
        frame[column] = raw[source].to_numpy(dtype=float)
    sources = frame[["solar_mw", "wind_mw", "coal_mw", "gas_mw", "hydro_mw", "unknown_mw"]]
    frame["power_production_total"] = sources.sum(axis=1, min_count=6)
    balance = frame["power_consumption_total"] - frame["power_production_total"]
    frame["power_import_total"] = balance.clip(lower=0)
    frame["power_export_total"] = (-balance).clip(lower=0)
    return frame


def _seconds(work: Any) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run() -> list[dict[str, Any]]:
    """One figure per step and size, then the growth ratio per step."""
    frame = la_frame()
    warm = frame.iloc[: 24 * 30]  # first calls pay imports and thread-pool start-up: not timed
    analyse_range(warm, "bench")
    cluster_range(warm["power_consumption_total"], "bench", warm.index[-1], warm)
    figures: list[dict[str, Any]] = []
    timings: dict[tuple[str, str], float] = {}
    for label, hours in SIZES:
        part = frame.iloc[-hours:]
        timings["analyze", label] = _seconds(lambda part=part: analyse_range(part, "bench"))
        timings["cluster", label] = _seconds(
            lambda part=part: cluster_range(
                part["power_consumption_total"], "bench", part.index[-1], part
            )
        )
    for (step, label), seconds in timings.items():
        figures.append(
            {
                "benchmark": "analysis",
                "figure": f"{step}_{label}_wall",
                "value": round(seconds, 3),
                "unit": "s",
                "note": f"{step} pure functions on the newest {label} of hourly LA data",
            }
        )
    for step in ("analyze", "cluster"):
        figures.append(
            {
                "benchmark": "analysis",
                "figure": f"{step}_growth_2y_over_30d",
                "value": round(timings[step, "2y"] / timings[step, "30d"], 1),
                "unit": "ratio",
                "note": f"{step}: wall time on 2 years / on 30 days (24x the data)",
            }
        )
    return figures


if __name__ == "__main__":
    for figure in run():
        print(f"{figure['figure']:<32} {figure['value']:>8} {figure['unit']}")
