"""Reading carbon CSVs: optional columns, empty cells, several files, bad files refused."""

import numpy as np
import pandas as pd
import pytest

from lambdas.core.errors import InvalidInput
from lambdas.predict.carbon.series import build_series, read_csvs, series_from_rows
from tests.unit.predict.carbon.builders import LA


def write(path, text):
    path.write_text(text)
    return path


def test_a_csv_with_only_the_required_columns_and_empty_cells(tmp_path):
    path = write(
        tmp_path / "a.csv",
        "period_start_utc,carbon_intensity_lifecycle_g_per_kwh,other\n"
        "2023-01-01T08:00:00Z,400.5,x\n2023-01-01T09:00:00Z,,y\n2023-01-01T11:00:00Z,380,z\n",
    )
    series = build_series(read_csvs([path]), LA)
    assert len(series.index) == 4  # the missing 10:00 row is a gap, not dropped
    np.testing.assert_array_equal(series.intensity, [400.5, np.nan, np.nan, 380.0])
    assert np.isnan(series.carbon_free_pct).all()
    assert np.isnan(series.demand_mw).all()
    assert series.local_hour[0] == 0  # 08:00Z is midnight PST


def test_later_files_win_where_they_overlap(tmp_path):
    header = "period_start_utc,carbon_intensity_lifecycle_g_per_kwh,demand_mw\n"
    first = write(
        tmp_path / "a.csv",
        header + "2023-01-01T08:00:00Z,400,3000\n2023-01-01T09:00:00Z,410,3100\n",
    )
    second = write(
        tmp_path / "b.csv", header + "2023-01-01T09:00:00Z,500,\n2023-01-01T10:00:00Z,510,3200\n"
    )
    frame = read_csvs([first, second])
    assert frame["intensity"].tolist() == [400.0, 500.0, 510.0]
    assert frame["demand_mw"].tolist() == [3000.0, 3100.0, 3200.0]  # an empty cell keeps the known


def test_a_csv_without_the_intensity_column_is_refused(tmp_path):
    path = write(tmp_path / "a.csv", "period_start_utc,solar_mw\n2023-01-01T08:00:00Z,1\n")
    with pytest.raises(InvalidInput, match="carbon_intensity_lifecycle_g_per_kwh"):
        read_csvs([path])


def test_hours_that_are_not_whole_are_refused(tmp_path):
    path = write(
        tmp_path / "a.csv",
        "period_start_utc,carbon_intensity_lifecycle_g_per_kwh\n2023-01-01T08:30:00Z,1\n",
    )
    with pytest.raises(InvalidInput, match="whole UTC hours"):
        read_csvs([path])


def test_non_positive_intensity_is_unknown():
    index = pd.date_range("2023-01-01T08:00Z", periods=3, freq="h")
    series = build_series(pd.DataFrame({"intensity": [300.0, 0.0, -5.0]}, index=index), LA)
    np.testing.assert_array_equal(series.intensity, [300.0, np.nan, np.nan])


def test_stored_rows_map_to_the_series_fields():
    rows = [
        {
            "datetime": pd.Timestamp("2023-01-01T08:00Z").to_pydatetime(),
            "carbon_intensity": 300,
            "fossil_free_percentage": 50,
            "power_consumption_total": None,
        },
        {
            "datetime": pd.Timestamp("2023-01-01T09:00Z").to_pydatetime(),
            "carbon_intensity": None,
            "fossil_free_percentage": None,
            "power_consumption_total": 2900,
        },
    ]
    series = series_from_rows(rows, LA, extra_hours=2)
    assert len(series.index) == 4
    np.testing.assert_array_equal(series.intensity, [300.0, np.nan, np.nan, np.nan])
    assert series.carbon_free_pct[0] == 50.0
    assert series.demand_mw[1] == 2900.0


def test_no_known_intensity_is_refused():
    index = pd.date_range("2023-01-01T08:00Z", periods=3, freq="h")
    with pytest.raises(InvalidInput, match="no carbon intensity"):
        build_series(pd.DataFrame({"intensity": [np.nan] * 3}, index=index), LA)
