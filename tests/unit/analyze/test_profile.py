import numpy as np
import pandas as pd

from lambdas.analyze.profile import daily_profile


def test_la_weekday_and_weekend_profiles(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-01-07T08:00Z":"2019-02-04T07:00Z"]
    result = daily_profile(load)
    assert result["n"] == len(load)
    assert [entry["hour"] for entry in result["all"]] == list(range(24))
    for entry in result["all"]:
        assert entry["p10"] <= entry["p50"] <= entry["p90"]
    assert sum(entry["n"] for entry in result["weekday"]) == 20 * 24
    # Weekday mornings draw more than weekend mornings in LA.
    morning = 9
    assert result["weekday"][morning]["mean"] > result["weekend"][morning]["mean"]
    assert 17 <= result["peak_hour"] <= 20  # winter evening peak


def test_unknown_series_is_skipped_not_zero():
    index = pd.date_range("2024-01-01", periods=48, freq="h", tz="UTC")
    assert daily_profile(pd.Series(np.nan, index=index))["status"] == "skipped"
