"""How clean each cluster's days were: mean carbon intensity and carbon-free share of their hours.

Clustering stays on load; these figures only describe the days it grouped. A mean is taken
over the hours where the series is known (unknown hours are left out, never read as 0) and is
None when none is known. A cluster is called "cleaner" or "dirtier" only against the mean of
all clustered days, and only when both are known for at least MIN_KNOWN_SHARE of the hours.
"""

from collections.abc import Sequence
from typing import Any

import pandas as pd

from lambdas.frames.hourly import local_index

CARBON = "carbon_intensity"
FOSSIL_FREE = "fossil_free_percentage"
COLUMNS = (CARBON, FOSSIL_FREE)
MIN_KNOWN_SHARE = 0.5
# A cluster within 5 % of the range's mean intensity is "average": closer is noise.
RELATIVE_DIFFERENCE = 0.05


def daily_sums(grid: pd.DataFrame) -> pd.DataFrame:
    """Per local date: hours, and for each of COLUMNS the sum and count of its known hours."""
    local = local_index(grid.index)
    days = pd.Index(local.date, name="date")
    table = pd.DataFrame({"hours": grid.groupby(days).size()})
    for name in COLUMNS:
        column = grid[name] if name in grid.columns else pd.Series(float("nan"), index=grid.index)
        grouped = column.groupby(days)
        table[f"{name}_sum"] = grouped.sum(min_count=1)
        table[f"{name}_known"] = grouped.count()
    return table


def carbon_of_days(sums: pd.DataFrame, days: Sequence[Any]) -> dict[str, Any]:
    """Mean carbon intensity (gCO2eq/kWh) and fossil-free share (%) over `days`' known hours.

    `carbon_known_share`: the share of those days' hours with a known carbon intensity.
    """
    part = sums.reindex(list(days))
    hours = float(part["hours"].sum())
    figures: dict[str, Any] = {}
    for name in COLUMNS:
        known = float(part[f"{name}_known"].sum())
        figures[f"mean_{name}"] = float(part[f"{name}_sum"].sum()) / known if known else None
    known_carbon = float(part[f"{CARBON}_known"].sum())
    figures["carbon_known_share"] = known_carbon / hours if hours else 0.0
    return figures


def comparison(cluster: dict[str, Any], reference: dict[str, Any]) -> str | None:
    """ "cleaner", "dirtier" or "average" against the range's days; None when not known enough."""
    mean, overall = cluster[f"mean_{CARBON}"], reference[f"mean_{CARBON}"]
    shares = (cluster["carbon_known_share"], reference["carbon_known_share"])
    if mean is None or not overall or min(shares) < MIN_KNOWN_SHARE:
        return None
    relative = (mean - overall) / overall
    if relative <= -RELATIVE_DIFFERENCE:
        return "cleaner"
    if relative >= RELATIVE_DIFFERENCE:
        return "dirtier"
    return "average"


def words(cluster: dict[str, Any]) -> str | None:
    """E.g. "cleaner days: 352 gCO2eq/kWh, 52 % carbon-free"; None unless compared."""
    verdict = cluster["carbon_vs_range"]
    if verdict is None:
        return None
    text = f"{verdict if verdict != 'average' else 'average-carbon'} days: "
    text += f"{cluster[f'mean_{CARBON}']:.0f} gCO2eq/kWh"
    share = cluster[f"mean_{FOSSIL_FREE}"]
    return text if share is None else f"{text}, {share:.0f} % carbon-free"
