"""Pearson and Spearman correlations between every pair of known variables over a range.

Each pair uses the hours where both are known; a pair with fewer than `min_overlap` such hours,
or a constant side, is left out with its reason, never reported as 0. Hourly data are
autocorrelated, so the p-values (which assume independent samples) overstate significance;
read them as a screen, the coefficients as the finding.
"""

import math
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from lambdas.core.results import Correlation

MIN_OVERLAP_HOURS = 48
METHODS = ("pearson", "spearman")


def correlate(
    frame: pd.DataFrame, min_overlap: int = MIN_OVERLAP_HOURS
) -> tuple[list[Correlation], list[dict[str, Any]]]:
    """(correlations, omitted pairs with a reason) over the columns of `frame`.

    Columns with no known value are listed once as omitted ("unknown"), not paired.
    """
    known = [str(name) for name in frame.columns if frame[name].notna().any()]
    omitted: list[dict[str, Any]] = [
        {"variable": str(name), "reason": "unknown (NULL) throughout the range"}
        for name in frame.columns
        if str(name) not in known
    ]
    found: list[Correlation] = []
    for first, second in combinations(known, 2):
        pair = frame[[first, second]].dropna()
        reason = _unusable(pair, min_overlap)
        if reason is not None:
            omitted.append({"variable_a": first, "variable_b": second, "reason": reason})
            continue
        a, b = pair[first].to_numpy(dtype=float), pair[second].to_numpy(dtype=float)
        for method in METHODS:
            result = stats.pearsonr(a, b) if method == "pearson" else stats.spearmanr(a, b)
            found.append(
                Correlation(
                    variable_a=first,
                    variable_b=second,
                    method=method,
                    coefficient=_clip(float(result.statistic), -1.0, 1.0),
                    p_value=_p_value(float(result.pvalue)),
                    n=len(pair),
                )
            )
    return found, omitted


def _unusable(pair: pd.DataFrame, min_overlap: int) -> str | None:
    if len(pair) < min_overlap:
        return f"{len(pair)} hours with both known, at least {min_overlap} needed"
    constant = [str(name) for name in pair.columns if np.ptp(pair[name].to_numpy()) == 0]
    if constant:
        return f"constant over the overlap: {', '.join(constant)}"
    return None


def _clip(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _p_value(value: float) -> float | None:
    return None if math.isnan(value) else _clip(value, 0.0, 1.0)
