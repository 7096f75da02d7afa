"""Daily profile of an hourly series by local hour: mean and 10/50/90th percentiles.

Hours are read on the Los Angeles wall clock; weekdays are Monday-Friday, weekends
Saturday-Sunday (public holidays are not known here and count as weekdays).
"""

from typing import Any

import pandas as pd

from lambdas.frames.hourly import local_index

GROUPS = ("all", "weekday", "weekend")


def hourly_profile(series: pd.Series) -> list[dict[str, Any]]:
    """One entry per local hour that has data: mean, p10, p50, p90 and n."""
    known = series.dropna()
    by_hour = known.groupby(local_index(known.index).hour)
    table = pd.DataFrame(
        {
            "mean": by_hour.mean(),
            "p10": by_hour.quantile(0.1),
            "p50": by_hour.quantile(0.5),
            "p90": by_hour.quantile(0.9),
            "n": by_hour.count(),
        }
    )
    return [
        {"hour": hour, **{str(key): value for key, value in row.items()}}
        for hour, row in table.to_dict(orient="index").items()
    ]


def daily_profile(series: pd.Series) -> dict[str, Any]:
    """Profiles for all days, weekdays and weekends; `status` "skipped" with no data."""
    known = series.dropna()
    if known.empty:
        return {"status": "skipped", "reason": "no known values"}
    weekend = local_index(known.index).day_of_week >= 5
    parts = {"all": known, "weekday": known[~weekend], "weekend": known[weekend]}
    result: dict[str, Any] = {"status": "ok", "n": len(known)}
    for group in GROUPS:
        result[group] = hourly_profile(parts[group])
    peak = max(result["all"], key=lambda entry: entry["mean"])
    result["peak_hour"] = int(peak["hour"])
    return result
