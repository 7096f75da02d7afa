import numpy as np
import pandas as pd

from lambdas.cluster.anomalies import robust_scores
from lambdas.cluster.clustering import cluster_range


def winter_load(la_measurements) -> pd.Series:
    return la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2019-03-01T08:00Z"]


def test_an_injected_night_peaking_day_is_flagged(la_measurements):
    load = winter_load(la_measurements).copy()
    day = load["2019-02-13T08:00Z":"2019-02-14T07:00Z"]  # a Wednesday
    load[day.index] = day.to_numpy()[::-1]  # peak at night, trough in the evening
    result = cluster_range(load, "month", load.index[-1]).results["anomalies"][1]
    flagged = {(entry["date"], entry["check"]): entry for entry in result["days"]}
    entry = flagged[("2019-02-13", "shape")]
    assert entry["score"] > result["day_threshold"]["z"]
    assert "largest deviation" in entry["reason"]
    assert any(hour["date"] == "2019-02-13" for hour in result["hours"])


def test_an_injected_high_load_day_is_flagged_by_level(la_measurements):
    load = winter_load(la_measurements).copy()
    load["2019-02-13T08:00Z":"2019-02-14T07:00Z"] *= 1.5
    result = cluster_range(load, "month", load.index[-1]).results["anomalies"][1]
    levels = [entry for entry in result["days"] if entry["check"] == "level"]
    assert "2019-02-13" in [entry["date"] for entry in levels]
    assert max(levels, key=lambda entry: entry["score"])["date"] == "2019-02-13"


def test_robust_scores_of_identical_values_are_zero():
    scores, median, scale = robust_scores(pd.Series([2.0] * 5))
    assert (scores == 0).all()
    assert (median, scale) == (2.0, 0.0)
    assert np.isfinite(scores).all()
