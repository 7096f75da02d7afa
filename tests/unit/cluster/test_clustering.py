import json

import numpy as np
import pandas as pd
import pytest

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


def february_2019(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-02-01T08:00Z":"2019-03-01T07:00Z"]
    return load, load.index[-1]


def carbon_by_day_type(index, weekday_g, weekend_g):
    """Built carbon data: weekdays at `weekday_g`, weekends at `weekend_g` gCO2eq/kWh, and a
    carbon-free share that falls as intensity rises."""
    weekend = index.tz_convert("America/Los_Angeles").day_of_week >= 5
    intensity = np.where(weekend, weekend_g, weekday_g).astype(float)
    return pd.DataFrame(
        {"carbon_intensity": intensity, "fossil_free_percentage": 100 - intensity / 8},
        index=index,
    )


def test_each_cluster_gets_its_days_mean_carbon_and_the_words_say_it(la_measurements):
    load, latest = february_2019(la_measurements)
    grid = carbon_by_day_type(load.index, weekday_g=450.0, weekend_g=300.0)
    grid.iloc[:5, 0] = np.nan  # unknown hours are left out of the means, not read as 0
    result = cluster_range(load, "month", latest, grid).results["clustering"][1]
    by_kind = {}
    for cluster in result["clusters"]:
        weekday_share = cluster["weekday_share"]
        assert cluster["mean_carbon_intensity"] == pytest.approx(
            450 * weekday_share + 300 * (1 - weekday_share), rel=0.05
        )
        assert cluster["mean_fossil_free_percentage"] == pytest.approx(
            100 - cluster["mean_carbon_intensity"] / 8, rel=0.01
        )
        by_kind[cluster["carbon_vs_range"]] = cluster
    assert by_kind["cleaner"]["weekday_share"] < 0.5
    cleaner = by_kind["cleaner"]
    intensity, share = cleaner["mean_carbon_intensity"], cleaner["mean_fossil_free_percentage"]
    assert cleaner["description"].endswith(
        f"; cleaner days: {intensity:.0f} gCO2eq/kWh, {share:.0f} % carbon-free"
    )
    assert set(by_kind) <= {"cleaner", "dirtier", "average"}
    assert result["carbon"]["mean_carbon_intensity"] == pytest.approx(
        (450 * 20 + 300 * 8) / 28, rel=0.01
    )
    assert result["carbon"]["carbon_known_share"] == pytest.approx(1 - 5 / (28 * 24), abs=1e-4)
    json.dumps(result, allow_nan=False)


def test_without_carbon_data_the_means_are_null_and_the_words_silent(la_measurements):
    load, latest = february_2019(la_measurements)
    unknown = carbon_by_day_type(load.index, 450.0, 300.0) * np.nan
    for grid in (None, unknown):
        result = cluster_range(load, "month", latest, grid).results["clustering"][1]
        for cluster in result["clusters"]:
            assert cluster["mean_carbon_intensity"] is None
            assert cluster["mean_fossil_free_percentage"] is None
            assert cluster["carbon_known_share"] == 0
            assert cluster["carbon_vs_range"] is None
            for word in ("cleaner", "dirtier", "carbon"):
                assert word not in cluster["description"]


def test_a_cluster_known_for_too_few_hours_is_not_called_cleaner(la_measurements):
    load, latest = february_2019(la_measurements)
    grid = carbon_by_day_type(load.index, 450.0, 300.0)
    grid.loc[grid.index < "2019-02-22T08:00Z", "carbon_intensity"] = np.nan  # 7 of 28 days known
    result = cluster_range(load, "month", latest, grid).results["clustering"][1]
    for cluster in result["clusters"]:
        assert cluster["mean_carbon_intensity"] is not None
        assert cluster["carbon_known_share"] < 0.5
        assert cluster["carbon_vs_range"] is None
        assert "cleaner" not in cluster["description"]
        assert "dirtier" not in cluster["description"]
