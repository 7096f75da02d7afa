"""Every analysis of one range, as (parameters, result) per result kind: pure, no IO.

The shapes are documented in docs/analysis-results.md. Each result carries `data` (what the
range held: n, gaps) and, per variable, either figures (`status` "ok") or why not
(`status` "skipped" / "unknown"): NULL stays unknown, never 0.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lambdas.analyze import correlation, distribution, profile, seasonal, trend
from lambdas.core.results import Correlation
from lambdas.frames.hourly import coverage, known_columns
from lambdas.frames.json_values import to_json

LOAD = "power_consumption_total"
CARBON = "carbon_intensity"
DIRECT_CARBON = "carbon_intensity_direct"
# The series whose trend, decomposition, daily profile and distribution are computed: what a
# user of a source-intensity monitor reads (load, solar, wind, carbon intensity and the shares).
PROFILED = (
    LOAD,
    "solar_mw",
    "wind_mw",
    CARBON,
    "fossil_free_percentage",
    "renewable_percentage",
)
UNKNOWN_NOTE = "unknown (NULL) throughout the range: left out, not counted as 0"


@dataclass(frozen=True)
class RangeAnalysis:
    """Results of one range: kind -> (parameters, result), and the correlation rows."""

    results: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    correlations: list[Correlation] = field(default_factory=list)


def analyse_range(frame: pd.DataFrame, range_name: str) -> RangeAnalysis:
    """Trend, seasonal, daily_profile, distribution and correlations of `frame`."""
    data = coverage(frame)
    base = {"range": range_name}
    results = {
        "trend": _per_variable(frame, trend.fit_trend, data),
        "seasonal": _per_variable(frame, seasonal.decompose, data),
        "daily_profile": _per_variable(frame, profile.daily_profile, data),
        "distribution": {
            "data": data,
            "load": distribution.load_distribution(_column(frame, LOAD)),
            "carbon_intensity": distribution.carbon_statistics(_column(frame, CARBON)),
            "variables": {name: distribution.summary(_column(frame, name)) for name in PROFILED},
        },
    }
    parameters = {
        "trend": {
            **base,
            "alpha": trend.ALPHA,
            "min_days": trend.MIN_DAYS,
            "min_hours_per_day": trend.MIN_HOURS_PER_DAY,
            "slope": "theil-sen",
            "significance": "mann-kendall-hamed-rao",
            "significance_fallback": "mann-kendall-original when n/n* < 1",
            "slope_interval": "sen-inverted-mann-kendall (the test's variance)",
            "variables": PROFILED,
        },
        "seasonal": {
            **base,
            "periods_hours": [seasonal.DAILY, seasonal.WEEKLY],
            "max_filled_gap_hours": seasonal.MAX_FILLED_GAP_HOURS,
            "variables": PROFILED,
        },
        "daily_profile": {
            **base,
            "timezone": "America/Los_Angeles",
            "quantiles": [10, 50, 90],
            "variables": PROFILED,
        },
        "distribution": {**base, "bins": distribution.HISTOGRAM_BINS, "variables": PROFILED},
    }
    # The direct intensity is the life-cycle one under another emission factor: pairing the two
    # (or each with the same sources twice) would top the list with a definition, not a finding.
    found, omitted = correlation.correlate(frame.drop(columns=[DIRECT_CARBON], errors="ignore"))
    results["correlations"] = _correlation_summary(found, omitted, data)
    parameters["correlations"] = {
        **base,
        "methods": list(correlation.METHODS),
        "min_overlap_hours": correlation.MIN_OVERLAP_HOURS,
    }
    stored = {kind: (to_json(parameters[kind]), to_json(results[kind])) for kind in results}
    return RangeAnalysis(results=stored, correlations=found)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(dtype="float64", index=frame.index)


def _per_variable(
    frame: pd.DataFrame, compute: Callable[[pd.Series], dict[str, Any]], data: dict[str, Any]
) -> dict[str, Any]:
    known = set(known_columns(frame))
    variables: dict[str, Any] = {}
    for name in PROFILED:
        series = _column(frame, name)
        if name not in known:
            variables[name] = {"status": "unknown", "note": UNKNOWN_NOTE}
            continue
        variables[name] = {"n": int(series.notna().sum()), **compute(series)}
    return {"data": data, "variables": variables}


def _correlation_summary(
    found: list[Correlation], omitted: list[dict[str, Any]], data: dict[str, Any]
) -> dict[str, Any]:
    """What the correlations table holds for this range, strongest first, and what was left out."""
    pearson = sorted(
        (item for item in found if item.method == "pearson"),
        key=lambda item: abs(item.coefficient),
        reverse=True,
    )
    return {
        "data": data,
        "pairs": len(pearson),
        "strongest": [
            {
                "variable_a": item.variable_a,
                "variable_b": item.variable_b,
                "pearson": item.coefficient,
                "n": item.n,
            }
            for item in pearson[:5]
        ],
        "by_variable": {name: _pairs_with(name, found) for name in PROFILED},
        "omitted": omitted,
    }


def _pairs_with(name: str, found: list[Correlation]) -> list[dict[str, Any]]:
    """Every correlation of `name` with another variable, strongest Pearson first."""
    both: dict[str, dict[str, Any]] = {}
    for item in found:
        if name not in (item.variable_a, item.variable_b):
            continue
        other = item.variable_b if item.variable_a == name else item.variable_a
        entry = both.setdefault(other, {"variable": other, "n": item.n})
        entry[item.method] = item.coefficient
        entry[f"{item.method}_p_value"] = item.p_value
    return sorted(both.values(), key=lambda entry: abs(entry["pearson"]), reverse=True)
