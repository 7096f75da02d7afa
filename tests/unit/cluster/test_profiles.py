from datetime import date

import numpy as np
import pytest

from lambdas.cluster.profiles import daily_profiles, day_hours, normalise


def test_dst_days_become_24_hour_profiles(la_measurements):
    # March and November 2019: a 23-hour and a 25-hour day inside.
    for start, end, dst_day in (
        ("2019-03-05T08:00Z", "2019-03-15T06:00Z", date(2019, 3, 10)),
        ("2019-10-30T07:00Z", "2019-11-08T07:00Z", date(2019, 11, 3)),
    ):
        load = la_measurements["power_consumption_total"][start:end]
        profiles, left_out = daily_profiles(load)
        assert dst_day in profiles.index
        assert list(profiles.columns) == list(range(24))
        assert not profiles.isna().any().any()
        assert left_out == []
    assert (day_hours(date(2019, 3, 10)), day_hours(date(2019, 11, 3))) == (23, 25)


def test_days_missing_hours_are_left_out_with_a_reason(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2019-01-08T07:00Z"]
    load = load.copy()
    load.iloc[30:36] = np.nan  # 6 hours of 2 January
    profiles, left_out = daily_profiles(load)
    assert date(2019, 1, 2) not in profiles.index
    assert left_out == [{"date": date(2019, 1, 2), "reason": "6 hours missing"}]
    assert len(profiles) == 6


def test_normalised_days_average_one(la_measurements):
    load = la_measurements["power_consumption_total"]["2019-01-01T08:00Z":"2019-01-08T07:00Z"]
    shapes, flat = normalise(daily_profiles(load)[0])
    assert shapes.mean(axis=1).to_numpy() == pytest.approx(np.ones(7))
    assert flat == []
