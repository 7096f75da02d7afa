"""Wall time of the analyze and cluster computations (pure functions, no database) on 30 days,
1 year and 2 years of the real LA data, and how it grows (ratio 2 years / 30 days)."""

import time
from pathlib import Path
from typing import Any

import pandas as pd

from lambdas.analyze.analysis import analyse_range
from lambdas.cluster.clustering import cluster_range
from lambdas.core.measurements import NUMERIC_COLUMNS

CSV = Path(__file__).resolve().parents[1] / "data" / "ldwp_hourly_2019_2020.csv.gz"
SIZES = (("30d", 24 * 30), ("1y", 24 * 365), ("2y", 24 * 731))


def la_frame() -> pd.DataFrame:
    """The bundled LA data as measurement columns (unknown columns all NaN)."""
    raw = pd.read_csv(CSV)
    index = pd.DatetimeIndex(pd.to_datetime(raw["period_start_utc"], utc=True), name="datetime")
    frame = pd.DataFrame(index=index, columns=list(NUMERIC_COLUMNS), dtype="float64")
    frame["power_consumption_total"] = raw["demand_mw"].to_numpy(dtype=float)
    frame["solar_mw"] = raw["solar_mw"].to_numpy(dtype=float)
    frame["wind_mw"] = raw["wind_mw"].to_numpy(dtype=float)
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
    cluster_range(warm["power_consumption_total"], "bench", warm.index[-1])
    figures: list[dict[str, Any]] = []
    timings: dict[tuple[str, str], float] = {}
    for label, hours in SIZES:
        part = frame.iloc[:hours]
        load = part["power_consumption_total"]
        timings["analyze", label] = _seconds(lambda part=part: analyse_range(part, "bench"))
        timings["cluster", label] = _seconds(
            lambda load=load: cluster_range(load, "bench", load.index[-1])
        )
    for (step, label), seconds in timings.items():
        figures.append(
            {
                "benchmark": "analysis",
                "figure": f"{step}_{label}_wall",
                "value": round(seconds, 3),
                "unit": "s",
                "note": f"{step} pure functions on {label} of hourly LA data (load, solar, wind)",
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
