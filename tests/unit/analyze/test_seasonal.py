import numpy as np
import pandas as pd

from lambdas.analyze.seasonal import decompose, usable_segment
from lambdas.frames.hourly import local_index


def raw_peak_hour(series: pd.Series) -> int:
    """The local hour with the highest mean in the raw data."""
    return int(series.groupby(local_index(series.index).hour).mean().idxmax())


def circular_distance(a: int, b: int) -> int:
    return min((a - b) % 24, (b - a) % 24)


def test_decomposition_recovers_the_daily_peak_of_la_load_and_solar(la_measurements):
    window = la_measurements["2019-06-01T07:00Z":"2019-07-31T06:00Z"]  # 60 summer days
    for column in ("power_consumption_total", "solar_mw"):
        result = decompose(window[column])
        assert result["method"] == "MSTL"
        assert result["weekly"] is not None
        peak = result["daily"]["peak_hour"]
        assert circular_distance(peak, raw_peak_hour(window[column])) <= 1, column
    load = decompose(window["power_consumption_total"])
    # Load peaks in the late afternoon in an LA summer, solar near noon.
    assert 14 <= load["daily"]["peak_hour"] <= 19
    assert load["daily"]["strength"] > 0.5


def test_short_ranges_use_stl_or_are_skipped(la_measurements):
    load = la_measurements["power_consumption_total"]
    three_days = decompose(load.iloc[: 24 * 3])
    assert three_days["method"] == "STL"
    assert three_days["weekly"] is None
    one_day = decompose(load.iloc[:24])
    assert one_day["status"] == "skipped"
    assert "48" in one_day["reason"]


def test_short_gaps_are_interpolated_long_gaps_split_the_series(la_measurements):
    load = la_measurements["power_consumption_total"].iloc[: 24 * 20].copy()
    load.iloc[10:13] = np.nan  # 3 hours: filled
    load.iloc[24 * 5 : 24 * 6] = np.nan  # a whole day: splits
    segment, filled = usable_segment(load)
    assert len(segment) == 24 * 14
    assert filled == 0
    result = decompose(load)
    assert result["segment"]["hours"] == 24 * 14
    head = decompose(load.iloc[: 24 * 5])
    assert head["segment"]["interpolated_hours"] == 3


def test_constant_series_is_skipped():
    index = pd.date_range("2024-01-01", periods=24 * 20, freq="h", tz="UTC")
    result = decompose(pd.Series(7.0, index=index))
    assert result["status"] == "skipped"
    assert "constant" in result["reason"]
