import json

import numpy as np
import pandas as pd

from lambdas.cluster.clustering import cluster_range
from lambdas.cluster.current_day import assign_day


def test_la_month_clustering_is_explained_and_storable(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-02-01T08:00Z":"2019-03-01T08:00Z"]
    latest = load.index[-1]  # 00:00 local on 1 March: today has one hour
    analysis = cluster_range(load, "month", latest)
    assert analysis.status == "ok"
    parameters, result = analysis.results["clustering"]
    json.dumps(result, allow_nan=False)
    assert result["n_days"] == 28  # 1 March is partial: assigned, not clustered
    assert sum(cluster["n_days"] for cluster in result["clusters"]) == 28
    for cluster in result["clusters"]:
        assert len(cluster["centroid"]) == 24
        assert "peak at" in cluster["description"]
    assert result["current_day"]["date"] == "2019-03-01"
    assert result["current_day"]["status"] == "skipped"  # one hour is too few to say
    assert parameters["seed"] == 0


def test_too_few_days_and_constant_load_are_skipped(la_measurements):
    load = la_measurements["power_consumption_total"].iloc[: 24 * 10]
    short = cluster_range(load, "week", load.index[-1])
    assert short.status == "skipped"
    assert "at least 14" in short.reason
    index = pd.date_range("2024-01-01T08:00Z", periods=24 * 30, freq="h")
    flat = cluster_range(pd.Series(100.0, index=index), "month", index[-1])
    assert flat.status == "skipped"
    assert "distinct" in flat.reason


def test_a_partial_weekday_is_assigned_to_the_weekday_cluster():
    hours = np.arange(24)
    weekday = 1 + 0.3 * np.sin((hours - 12) / 24 * 2 * np.pi)
    weekend = 1 + 0.1 * np.sin((hours - 6) / 24 * 2 * np.pi)
    centroids = pd.DataFrame([weekday, weekend], columns=range(24))
    today = pd.Series(3000 * weekday[:10], index=range(10))
    result = assign_day(today, centroids)
    assert result["cluster"] == 0
    assert result["hours_seen"] == list(range(10))
    assert assign_day(today.iloc[:2], centroids)["status"] == "skipped"
