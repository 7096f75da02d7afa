"""Cluster the daily load profiles of one range, describe the clusters (with how clean their
days were), flag anomalies: pure.

Results (kind -> (parameters, result)) are documented in docs/analysis-results.md.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd

from lambdas.cluster import anomalies, carbon, kmeans
from lambdas.cluster.current_day import assign_day
from lambdas.cluster.describe import describe_cluster
from lambdas.cluster.profiles import MAX_MISSING_HOURS, daily_profiles, day_hours, normalise
from lambdas.frames.hourly import coverage, local_index
from lambdas.frames.json_values import to_json

MIN_DAYS = 14


@dataclass(frozen=True)
class ClusterAnalysis:
    """`results` when status is "ok"; else the reason nothing was stored."""

    status: str
    reason: str | None = None
    results: dict[str, tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=dict)
    k: int | None = None
    silhouette: float | None = None


def cluster_range(
    load_mw: pd.Series, range_name: str, latest: datetime, grid: pd.DataFrame | None = None
) -> ClusterAnalysis:
    """Cluster the complete days of `load_mw` (hourly, UTC index) before the day of `latest`.

    The day holding `latest` is assigned to a cluster from its hours so far (the dashboard's
    "prediction cluster"); it joins the training days once complete. `grid` (same index;
    columns `carbon.COLUMNS`, NaN = unknown) describes how clean each cluster's days were;
    without it those figures are None.
    """
    today = pd.Timestamp(latest).tz_convert("America/Los_Angeles").date()
    profiles_mw, incomplete = daily_profiles(load_mw)
    today_hours = _hours_of(load_mw, today)
    if today in profiles_mw.index and today_hours.notna().sum() < day_hours(today):
        profiles_mw = profiles_mw.drop(index=today)
    shapes, flat = normalise(profiles_mw)
    if len(shapes) < MIN_DAYS:
        reason = f"{len(shapes)} complete days of load, clustering needs at least {MIN_DAYS}"
        return ClusterAnalysis(status="skipped", reason=reason)
    try:
        clusters = kmeans.cluster_days(shapes)
    except ValueError as exc:
        return ClusterAnalysis(status="skipped", reason=str(exc))
    parameters = {
        "range": range_name,
        "variable": "power_consumption_total",
        "normalisation": "divided by the day's mean",
        "k_candidates": list(kmeans.K_CANDIDATES),
        "seed": kmeans.SEED,
        "min_cluster_days": kmeans.min_cluster_days(len(shapes)),
        "n_init": kmeans.N_INIT,
        "min_days": MIN_DAYS,
        "max_missing_hours": MAX_MISSING_HOURS,
        "timezone": "America/Los_Angeles",
        "carbon": {
            "columns": list(carbon.COLUMNS),
            "min_known_share": carbon.MIN_KNOWN_SHARE,
            "relative_difference": carbon.RELATIVE_DIFFERENCE,
        },
    }
    sums = carbon.daily_sums(grid if grid is not None else pd.DataFrame(index=load_mw.index))
    clustering = _clustering_result(
        clusters, profiles_mw.loc[shapes.index], today_hours, today, sums
    )
    clustering["data"] = coverage(load_mw)
    clustering["days_left_out"] = incomplete + flat
    found = _anomaly_result(shapes, clusters, profiles_mw.loc[shapes.index])
    return ClusterAnalysis(
        status="ok",
        results={
            "clustering": (to_json(parameters), to_json(clustering)),
            "anomalies": (to_json(_anomaly_parameters(range_name)), to_json(found)),
        },
        k=clusters.k,
        silhouette=clusters.silhouette,
    )


def _hours_of(load_mw: pd.Series, day: Any) -> pd.Series:
    local = local_index(load_mw.index)
    mask = local.date == day
    return pd.Series(load_mw.to_numpy()[mask], index=local.hour[mask]).groupby(level=0).mean()


def _clustering_result(
    clusters: kmeans.DayClusters,
    profiles_mw: pd.DataFrame,
    today_hours: pd.Series,
    today: Any,
    sums: pd.DataFrame,
) -> dict[str, Any]:
    reference = carbon.carbon_of_days(sums, list(clusters.labels.index))
    described = []
    for label in range(clusters.k):
        days = clusters.labels.index[clusters.labels == label]
        centroid = clusters.centroids.iloc[label]
        cluster = {
            "cluster": label,
            **describe_cluster(days, centroid, profiles_mw),
            "centroid": centroid.to_numpy(),
            "mean_profile_mw": profiles_mw.loc[days].mean(axis=0).to_numpy(),
            **carbon.carbon_of_days(sums, list(days)),
        }
        cluster["carbon_vs_range"] = carbon.comparison(cluster, reference)
        if (clean := carbon.words(cluster)) is not None:
            cluster["description"] = f"{cluster['description']}; {clean}"
        described.append(cluster)
    current = assign_day(today_hours, clusters.centroids)
    if current["status"] == "ok":
        current["description"] = described[current["cluster"]]["description"]
    return {
        "k": clusters.k,
        "silhouette": clusters.silhouette,
        "silhouette_by_k": {str(k): score for k, score in clusters.silhouette_by_k.items()},
        "n_days": len(clusters.labels),
        "set_aside": clusters.set_aside,
        "carbon": reference,
        "clusters": described,
        "days": [
            {"date": day, "cluster": int(label), "distance": float(distance)}
            for day, label, distance in zip(
                clusters.labels.index,
                clusters.labels.to_numpy(),
                clusters.distances.to_numpy(),
                strict=True,
            )
        ],
        "current_day": {"date": today, **current},
    }


def _anomaly_result(
    shapes: pd.DataFrame, clusters: kmeans.DayClusters, profiles_mw: pd.DataFrame
) -> dict[str, Any]:
    threshold, shape_days = anomalies.shape_anomalies(
        shapes, clusters.labels, clusters.centroids, clusters.distances
    )
    level_days = anomalies.level_anomalies(profiles_mw.mean(axis=1), clusters.labels)
    hours_flagged, hours = anomalies.hour_anomalies(
        profiles_mw, clusters.labels, clusters.centroids
    )
    days = sorted([*shape_days, *level_days], key=lambda item: (str(item["date"]), item["check"]))
    return {
        "n_days": len(shapes),
        "day_threshold": threshold,
        "days": days,
        "hours_flagged": hours_flagged,
        "hours": hours,
    }


def _anomaly_parameters(range_name: str) -> dict[str, Any]:
    return {
        "range": range_name,
        "method": "robust z-score (median, 1.4826 x MAD)",
        "day_z": anomalies.DAY_Z,
        "hour_z": anomalies.HOUR_Z,
        "level_window_days": anomalies.LEVEL_WINDOW_DAYS,
        "max_hours_listed": anomalies.MAX_HOURS_LISTED,
    }
