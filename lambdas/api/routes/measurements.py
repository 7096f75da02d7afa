"""GET /measurements: hourly rows of a range, as JSON or CSV."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from pydantic import AwareDatetime, BeforeValidator

from lambdas.api.models import MeasurementsPage
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.errors import InvalidInput
from lambdas.core.measurements import (
    ESTIMATION_COLUMNS,
    NUMERIC_COLUMNS,
    MeasurementsJson,
    read_measurements,
    read_measurements_json,
)
from lambdas.core.settings import get_settings
from lambdas.core.time_range import RangeName, Window, resolve_range

router = APIGatewayRouter()
MAX_WINDOW = timedelta(days=366)
CACHE = {"Cache-Control": "public, max-age=300"}
COLUMNS = (*NUMERIC_COLUMNS, *ESTIMATION_COLUMNS)  # every stored field of an hour


# What start and end accept, declared in the document: an instant with its offset, or a date
# (midnight in Los Angeles). Whether the pair makes a window is the handler's 400.
def _date_only(value: Any) -> Any:
    """Refuse a date-time as a date (pydantic would read a naive midnight as its day)."""
    if isinstance(value, str) and len(value) != len("2024-01-31"):
        raise ValueError("a date is YYYY-MM-DD; a date-time needs its offset")
    return value


def _iso_only(value: Any) -> Any:
    """Refuse numbers as instants (pydantic would read "0.5" as Unix seconds)."""
    if isinstance(value, str) and value[4:5] != "-":
        raise ValueError("an instant is ISO 8601, e.g. 2024-01-31T08:00:00Z")
    return value


Instant = Annotated[
    Annotated[AwareDatetime, BeforeValidator(_iso_only)]
    | Annotated[date, BeforeValidator(_date_only)]
    | None,
    Query(description="an ISO 8601 date-time with offset, or a date (Los Angeles midnight)"),
]


def as_instant(value: datetime | date | None) -> datetime | str | None:
    """A date as its ISO text, which resolve_range reads as Los Angeles midnight."""
    if value is None or isinstance(value, datetime):
        return value
    return value.isoformat()


@router.get(
    "/measurements",
    summary="Hourly measurements of a range",
    description="A `range` ending now (or at `end`, or starting at `start`), or explicit `start`"
    " and `end` (at most 366 days; a `range` beside both is ignored); without a range, one"
    " `start` or `end` means a day."
    " `format=csv` downloads the same rows as CSV.",
    compress=True,
    responses=answers(MeasurementsPage, 400, csv=True),
)
def get_measurements(
    range: Annotated[
        RangeName | None,
        Query(description="day, week, month or year (ignored when both start and end are given)"),
    ] = None,
    start: Instant = None,
    end: Instant = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response[MeasurementsPage | str]:
    if start is not None and end is not None:
        range = None  # both bounds are the window; a range beside them is not needed
    elif range is None:
        range = "day"  # alone, start or end bounds the day after or before it
    try:
        window = resolve_range(
            range,
            as_instant(start),
            as_instant(end),
            now=datetime.now(UTC),
            max_duration=MAX_WINDOW,
        )
    except (OverflowError, ValueError) as exc:  # a window past year 1 or 9999
        raise InvalidInput(f"the window leaves the calendar's years 1 to 9999 ({exc})") from exc
    zone = get_settings().zone
    conn = get_connection()
    if format == "csv":
        rows = read_measurements(conn, zone, window.start, window.end, COLUMNS)
        return Response(
            status_code=200,
            content_type="text/csv; charset=utf-8",
            body=to_csv(rows),
            headers={**CACHE, "Content-Disposition": f'attachment; filename="{zone}.csv"'},
            compress=True,
        )
    stored = read_measurements_json(conn, zone, window.start, window.end, COLUMNS)
    return Response(
        status_code=200,
        content_type="application/json",
        body=page_json(zone, window, stored),
        headers=CACHE,
    )


def page_json(zone: str, window: Window, stored: MeasurementsJson) -> str:
    """The MeasurementsPage document around the rows' JSON as PostgreSQL wrote it.

    Not validated as a model on the way out: the rows come typed from the table (timestamptz,
    double precision, boolean, text); the fuzz test and tests/integration/api check these
    answers against the schema of MeasurementsPage.
    """
    head = {
        "zone": zone,
        "window": window.model_dump(mode="json"),
        "hours_expected": window.hours,
        "count": stored.count,
        "available": stored.available,
    }
    return f'{json.dumps(head, separators=(",", ":"))[:-1]},"measurements":{stored.rows_json}}}'


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One line per hour; unknown values are empty cells, never 0; flags are true/false."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["datetime", *COLUMNS])
    for row in rows:
        writer.writerow([row["datetime"].isoformat(), *(_cell(row[c]) for c in COLUMNS)])
    return out.getvalue()
