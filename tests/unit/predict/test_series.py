"""Reading a CSV into a series: gaps stay unknown, capacity and fill look only backwards."""

import gzip

import numpy as np
import pandas as pd
import pytest

from lambdas.core.errors import InvalidInput
from lambdas.predict.series import (
    CAPACITY_MIN_HOURS,
    build_series,
    filled_same_hour,
    read_csv,
    trailing_capacity,
)
from tests.unit.predict.series_builders import LA


def test_read_csv_keeps_gaps_unknown_and_drops_negative(tmp_path):
    path = tmp_path / "solar.csv.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("period_start_utc,solar_mw,wind_mw\n")
        handle.write("2022-06-01T00:00:00Z,10,1\n2022-06-01T01:00:00Z,,1\n")
        handle.write("2022-06-01T03:00:00Z,-5,1\n")
    series = build_series(read_csv(path), LA)
    assert len(series.index) == 4  # 02:00 is missing from the file: a gap, not a zero
    assert series.solar_mw[0] == 10.0
    assert np.isnan(series.solar_mw[1:]).all()


def test_read_csv_names_the_columns_it_needs(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("time,solar\n2022-06-01T00:00:00Z,1\n")
    with pytest.raises(InvalidInput, match="period_start_utc and solar_mw"):
        read_csv(path)


def test_read_csv_refuses_times_off_the_hour(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("period_start_utc,solar_mw\n2022-06-01T00:30:00Z,1\n")
    with pytest.raises(InvalidInput, match="whole UTC hours"):
        read_csv(path)


def test_capacity_uses_only_earlier_hours():
    solar = np.r_[np.full(CAPACITY_MIN_HOURS, 100.0), np.full(5, 1000.0)]
    capacity = trailing_capacity(solar)
    assert np.isnan(capacity[:CAPACITY_MIN_HOURS]).all()
    assert capacity[CAPACITY_MIN_HOURS] == 100.0  # the 1000 MW hour itself is not used
    assert capacity[-1] > 100.0  # once high hours are in the past, they count


def test_fill_uses_the_same_hour_of_earlier_days():
    solar = np.arange(24 * 3, dtype="float64")
    solar[48 + 5] = np.nan
    filled = filled_same_hour(solar)
    assert filled[48 + 5] == pytest.approx((5 + 29) / 2)
    assert filled[10] == 10.0


def test_series_index_is_complete_and_extended():
    solar = pd.Series(
        [1.0, 2.0], index=pd.DatetimeIndex(["2022-01-01T00:00Z", "2022-01-01T03:00Z"])
    )
    series = build_series(solar, LA, extra_hours=2)
    assert len(series.index) == 6
    assert series.position(pd.Timestamp("2022-01-01T05:00Z")) == 5
    with pytest.raises(InvalidInput):
        series.position(pd.Timestamp("2022-01-02T00:00Z"))


def test_the_capacity_estimate_follows_a_growing_fleet_within_a_season_of_lag(la_measurements):
    """The real 2019-2020 generation scaled up 8% a year (about 1,500 MW by 2023): after the
    first year the estimate stays within 6% under the true capacity (a winter estimate still
    reads last summer's peaks)."""
    solar = la_measurements["solar_mw"].to_numpy()
    years = np.arange(len(solar)) / (365.25 * 24)
    growth = 1 + 0.08 * years
    estimate = trailing_capacity(solar * growth)
    truth = np.nanquantile(solar, 0.99) * growth
    ratio = (estimate / truth)[365 * 24 :]
    assert ratio.min() > 0.94
    assert ratio.max() < 1.02
