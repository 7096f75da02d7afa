"""The one half-open UTC interval (`Window`), and turning `day|week|month|year` or explicit
bounds into one.

Ranges are calendar periods on the Los Angeles wall clock, so a `day` that crosses a DST change
is 23 or 25 hours long and a `month` ending on 31 March starts on the last day of February.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from lambdas.core.errors import InvalidInput

LOCAL_TZ = ZoneInfo("America/Los_Angeles")
RangeName = Literal["day", "week", "month", "year"]
RANGE_NAMES: tuple[str, ...] = get_args(RangeName)
_PERIODS: dict[str, relativedelta] = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(years=1),
}


class Window(BaseModel):
    """A half-open UTC interval [start, end)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    start: datetime
    end: datetime

    def __init__(self, start: datetime, end: datetime) -> None:
        super().__init__(start=start, end=end)

    @field_validator("start", "end")
    @classmethod
    def _aware_utc(cls, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            raise InvalidInput("range bounds must carry a time zone")
        return moment.astimezone(UTC)

    @model_validator(mode="after")
    def _start_before_end(self) -> "Window":
        if self.start >= self.end:
            raise InvalidInput(
                f"start ({self.start.isoformat()}) must be before end ({self.end.isoformat()})"
            )
        return self

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    @property
    def hours(self) -> int:
        """Whole hours in the range (the number of hourly rows it can hold)."""
        return int(self.duration.total_seconds() // 3600)

    def hour_starts(self) -> list[datetime]:
        """Start of every whole UTC hour inside the range."""
        first = ceil_hour(self.start)
        return [
            first + timedelta(hours=i) for i in range(int((self.end - first) / timedelta(hours=1)))
        ]


def ceil_hour(moment: datetime) -> datetime:
    """The first whole hour at or after `moment` (UTC)."""
    floored = moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return floored if floored == moment else floored + timedelta(hours=1)


def floor_hour(moment: datetime) -> datetime:
    """The start of the hour holding `moment` (UTC)."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def shift_local(moment: datetime, delta: relativedelta) -> datetime:
    """Move an instant by a calendar period on the Los Angeles wall clock."""
    wall = moment.astimezone(LOCAL_TZ).replace(tzinfo=None) + delta
    shifted: datetime = wall.replace(tzinfo=LOCAL_TZ).astimezone(UTC)
    return shifted


def parse_instant(text: str, *, name: str) -> datetime:
    """An ISO 8601 instant with an offset, or a date meaning local midnight in Los Angeles."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=LOCAL_TZ).astimezone(UTC)
        moment = datetime.fromisoformat(text.upper())  # RFC 3339 allows a lowercase t and z
    except ValueError:
        raise InvalidInput(
            f"{name} {text!r} is not an ISO 8601 date or time (e.g. 2024-01-31T08:00:00Z)"
        ) from None
    if moment.tzinfo is None:
        raise InvalidInput(f"{name} {text!r} needs a time zone offset, e.g. a trailing Z for UTC")
    return moment.astimezone(UTC)


def resolve_range(
    range_name: str | None = None,
    start: datetime | str | None = None,
    end: datetime | str | None = None,
    *,
    now: datetime,
    max_duration: timedelta | None = None,
) -> Window:
    """Resolve a query's range into [start, end) in UTC.

    - `start` and `end`: exactly that window.
    - `range_name` alone: the period ending at the next whole hour after `now` (the current,
      partial hour included); with `end`: the period ending there; with `start`: starting there.
    """
    start_at = parse_instant(start, name="start") if isinstance(start, str) else start
    end_at = parse_instant(end, name="end") if isinstance(end, str) else end
    if range_name is not None and range_name not in _PERIODS:
        raise InvalidInput(f"range {range_name!r} is unknown; use one of {', '.join(RANGE_NAMES)}")
    if range_name is not None and start_at is not None and end_at is not None:
        raise InvalidInput("give either range or both start and end, not all three")
    if range_name is None:
        if start_at is None or end_at is None:
            raise InvalidInput("give a range (day, week, month, year) or both start and end")
        window = Window(start_at, end_at)
    elif start_at is not None:
        window = Window(start_at, shift_local(start_at, _PERIODS[range_name]))
    else:
        anchor = end_at if end_at is not None else ceil_hour(now)
        window = Window(shift_local(anchor, -_PERIODS[range_name]), anchor)
    if max_duration is not None and window.duration > max_duration:
        raise InvalidInput(
            f"the window is {window.duration} long; at most {max_duration} may be asked at once"
        )
    return window
