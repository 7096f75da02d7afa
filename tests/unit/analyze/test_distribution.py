import numpy as np
import pandas as pd

from lambdas.analyze.distribution import carbon_statistics, load_distribution


def test_la_load_distribution(la_measurements):
    load = la_measurements["power_consumption_total"].iloc[: 24 * 30]
    result = load_distribution(load)
    assert sum(result["histogram"]["counts"]) == result["n"] == 720
    quantiles = list(result["quantiles"].values())
    assert quantiles == sorted(quantiles)
    assert result["max"]["value"] == load.max()
    assert result["top_hours"][0]["value"] == load.max()
    assert result["peak_hours"]["days"] == 30
    assert 17 <= result["peak_hours"]["most_common_hour"] <= 20


def test_unknown_carbon_intensity_is_said_not_zeroed():
    index = pd.date_range("2024-01-01", periods=48, freq="h", tz="UTC")
    result = carbon_statistics(pd.Series(np.nan, index=index))
    assert result == {"status": "unknown", "note": result["note"]}
    assert "unknown" in result["note"]


def test_carbon_statistics_find_the_cleanest_hour():
    index = pd.date_range("2024-01-01T08:00Z", periods=48, freq="h")
    local_hours = index.tz_convert("America/Los_Angeles").hour
    values = pd.Series(np.where(local_hours == 12, 100.0, 300.0), index=index)
    result = carbon_statistics(values)
    assert result["lowest_hour"] == 12
    assert result["min"]["value"] == 100.0
