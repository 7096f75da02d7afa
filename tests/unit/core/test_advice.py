from datetime import UTC, datetime, timedelta

import pytest

from lambdas.core.advice import ForecastHour, cleanest_window
from lambdas.core.errors import InvalidInput, NotFound

START = datetime(2023, 6, 1, 7, tzinfo=UTC)  # midnight in Los Angeles (PDT)


def hours_of(
    values: list[float], start: datetime = START, band: float = 10.0
) -> list[ForecastHour]:
    return [
        ForecastHour(start + timedelta(hours=i), value, value - band, value + band)
        for i, value in enumerate(values)
    ]


def test_finds_the_lowest_three_hours_and_the_saving() -> None:
    values = [400.0] * 24
    values[11:14] = [300.0, 280.0, 320.0]
    window = cleanest_window(hours_of(values), 3)
    assert window.start_at == START + timedelta(hours=11)
    assert window.end_at == START + timedelta(hours=14)
    assert window.mean_intensity == pytest.approx(300.0)
    horizon_mean = (21 * 400.0 + 900.0) / 24
    assert window.horizon_mean_intensity == pytest.approx(horizon_mean)
    assert window.saving_pct == pytest.approx(100 * (horizon_mean - 300.0) / horizon_mean)
    assert window.horizon_hours == 24
    assert window.horizon_start_at == START
    assert window.horizon_end_at == START + timedelta(hours=24)


def test_uncertainty_is_the_mean_of_the_hours_bounds() -> None:
    hours = [
        ForecastHour(START, 100.0, 80.0, 150.0),
        ForecastHour(START + timedelta(hours=1), 110.0, 90.0, 170.0),
        ForecastHour(START + timedelta(hours=2), 500.0, 450.0, 550.0),
    ]
    window = cleanest_window(hours, 2)
    assert (window.mean_lower, window.mean_upper) == (pytest.approx(85.0), pytest.approx(160.0))
    horizon_mean = 710.0 / 3
    low, high = window.saving_pct_range
    assert low == pytest.approx(100 * (horizon_mean - 160.0) / horizon_mean)
    assert high == pytest.approx(100 * (horizon_mean - 85.0) / horizon_mean)


def test_ties_go_to_the_earliest_window() -> None:
    values = [300.0, 200.0, 300.0, 300.0, 200.0, 300.0]
    assert cleanest_window(hours_of(values), 1).start_at == START + timedelta(hours=1)
    assert cleanest_window(hours_of(values), 2).start_at == START  # 300+200 four times


def test_a_window_may_cross_midnight() -> None:
    values = [400.0] * 24
    values[22:24] = [100.0, 100.0]
    forecast = hours_of([*values, 100.0, 400.0])  # hour 24 is the next local day's first
    window = cleanest_window(forecast, 3)
    assert window.start_at == START + timedelta(hours=22)
    assert window.end_at == START + timedelta(hours=25)


def test_a_window_never_spans_a_missing_hour() -> None:
    forecast = hours_of([500.0, 100.0, 100.0, 500.0, 500.0])
    del forecast[2]  # hours 1 and 3 are not consecutive any more
    window = cleanest_window(forecast, 2)
    assert window.start_at == START  # 500 + 100, the only run left that is low
    assert window.horizon_hours == 4


def test_hours_out_of_order_are_sorted() -> None:
    forecast = hours_of([300.0, 100.0, 300.0])
    assert cleanest_window(list(reversed(forecast)), 1).start_at == START + timedelta(hours=1)


@pytest.mark.parametrize("hours", [0, 13, -1])
def test_window_length_outside_1_to_12_is_refused(hours: int) -> None:
    with pytest.raises(InvalidInput, match="1 to 12"):
        cleanest_window(hours_of([300.0] * 24), hours)


def test_window_longer_than_the_horizon_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no 5 consecutive hours"):
        cleanest_window(hours_of([300.0] * 4), 5)


def test_empty_forecast_is_refused() -> None:
    with pytest.raises(InvalidInput, match="no hours"):
        cleanest_window([], 3)


def test_hours_that_have_begun_are_never_advised() -> None:
    values = [400.0] * 24
    values[2:5] = [100.0, 100.0, 100.0]  # the cleanest of all, but already past
    values[15:18] = [200.0, 150.0, 250.0]
    now = START + timedelta(hours=6, minutes=30)  # hour 6 has begun: hours 7..23 are left
    window = cleanest_window(hours_of(values), 3, not_before=now)
    assert window.start_at == START + timedelta(hours=15)
    assert window.mean_intensity == pytest.approx(200.0)
    assert window.horizon_start_at == START + timedelta(hours=7)
    assert window.horizon_hours == 17
    horizon_mean = (14 * 400.0 + 600.0) / 17
    assert window.horizon_mean_intensity == pytest.approx(horizon_mean)
    assert window.saving_pct == pytest.approx(100 * (horizon_mean - 200.0) / horizon_mean)


def test_a_window_may_start_at_the_current_whole_hour() -> None:
    values = [50.0, 100.0, 100.0, 300.0, 200.0, 200.0]
    assert cleanest_window(hours_of(values), 2).start_at == START
    window = cleanest_window(hours_of(values), 2, not_before=START + timedelta(hours=1))
    assert window.start_at == START + timedelta(hours=1)
    assert window.horizon_hours == 5


def test_too_few_hours_left_is_not_found() -> None:
    now = START + timedelta(hours=22)
    with pytest.raises(NotFound, match="only 2 of the forecast's 24 hours"):
        cleanest_window(hours_of([300.0] * 24), 3, not_before=now)
    assert cleanest_window(hours_of([300.0] * 24), 2, not_before=now).start_at == now


def test_longer_than_the_whole_forecast_stays_invalid_input_after_now() -> None:
    with pytest.raises(InvalidInput, match="no 6 consecutive hours"):
        cleanest_window(hours_of([300.0] * 5), 6, not_before=START + timedelta(hours=3))
