from datetime import UTC, datetime, timedelta

import pytest

from lambdas.core.errors import InvalidInput
from lambdas.core.time_range import Window, ceil_hour, parse_instant, resolve_range


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_day_ending_after_spring_forward_is_23_hours() -> None:
    # 2024-03-10 02:00 PST became 03:00 PDT; the day ending at 00:00 PDT on the 11th.
    window = resolve_range("day", end="2024-03-11T07:00:00Z", now=utc(2030, 1, 1))
    assert window.start == utc(2024, 3, 10, 8)
    assert window.hours == 23


def test_day_ending_after_fall_back_is_25_hours() -> None:
    window = resolve_range("day", end="2024-11-04T08:00:00Z", now=utc(2030, 1, 1))
    assert window.start == utc(2024, 11, 3, 7)
    assert window.hours == 25


def test_week_across_dst_keeps_local_midnight() -> None:
    window = resolve_range("week", end="2024-03-14T07:00:00Z", now=utc(2030, 1, 1))
    assert window.start == utc(2024, 3, 7, 8)  # midnight PST a week earlier
    assert window.hours == 7 * 24 - 1


def test_month_from_march_31_ends_on_leap_day() -> None:
    window = resolve_range("month", end="2024-03-31T07:00:00Z", now=utc(2030, 1, 1))
    # 2024-03-31 00:00 PDT minus one month = 2024-02-29 00:00 PST.
    assert window.start == utc(2024, 2, 29, 8)


def test_month_from_may_31_clamps_to_april_30() -> None:
    window = resolve_range("month", end="2023-05-31T07:00:00Z", now=utc(2030, 1, 1))
    assert window.start == utc(2023, 4, 30, 7)


def test_year_from_leap_day_clamps_to_february_28() -> None:
    window = resolve_range("year", end="2024-02-29T08:00:00Z", now=utc(2030, 1, 1))
    assert window.start == utc(2023, 2, 28, 8)
    assert window.duration == timedelta(days=366)


def test_range_without_end_ends_at_the_next_whole_hour() -> None:
    window = resolve_range("day", now=utc(2024, 6, 1, 12, 30))
    assert window.end == utc(2024, 6, 1, 13)
    assert window.start == utc(2024, 5, 31, 13)


def test_now_on_the_hour_is_its_own_end() -> None:
    assert ceil_hour(utc(2024, 6, 1, 12)) == utc(2024, 6, 1, 12)


def test_range_with_start_counts_forward() -> None:
    window = resolve_range("week", start="2024-01-01T08:00:00Z", now=utc(2030, 1, 1))
    assert window.end == utc(2024, 1, 8, 8)


def test_explicit_window_is_taken_as_is() -> None:
    window = resolve_range(
        start="2024-01-01T00:00:00+00:00", end="2024-01-02T00:00:00Z", now=utc(2030, 1, 1)
    )
    assert (window.start, window.end) == (utc(2024, 1, 1), utc(2024, 1, 2))


def test_a_date_means_local_midnight() -> None:
    assert parse_instant("2024-07-04", name="start") == utc(2024, 7, 4, 7)
    assert parse_instant("2024-01-04", name="start") == utc(2024, 1, 4, 8)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"range_name": "fortnight"}, "range 'fortnight' is unknown"),
        ({"start": "2024-01-02T00:00:00Z", "end": "2024-01-01T00:00:00Z"}, "must be before end"),
        ({"start": "2024-01-01T00:00:00"}, "needs a time zone"),
        ({"start": "yesterday", "end": "2024-01-01T00:00:00Z"}, "not an ISO 8601"),
        ({}, "give a range"),
        ({"start": "2024-01-01T00:00:00Z"}, "give a range"),
    ],
)
def test_bad_input_says_what_to_fix(kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        resolve_range(now=utc(2030, 1, 1), **kwargs)


def test_a_window_over_the_limit_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at most"):
        resolve_range("year", now=utc(2030, 1, 1), max_duration=timedelta(days=31))


def test_hour_starts_cover_the_window_exactly() -> None:
    window = Window(utc(2024, 1, 1, 0, 30), utc(2024, 1, 1, 3))
    assert window.hour_starts() == [utc(2024, 1, 1, 1), utc(2024, 1, 1, 2)]
