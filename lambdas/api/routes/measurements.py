"""GET /measurements: hourly rows of a range, as JSON or CSV."""

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter

from lambdas.api.models import Measurement, MeasurementsPage
from lambdas.api.responses import answers
from lambdas.core.database import get_connection
from lambdas.core.measurements import ESTIMATION_COLUMNS, NUMERIC_COLUMNS, read_measurements
from lambdas.core.settings import get_settings
from lambdas.core.time_range import RangeName, resolve_range

router = APIGatewayRouter()
MAX_WINDOW = timedelta(days=366)
CACHE = {"Cache-Control": "public, max-age=300"}
COLUMNS = (*NUMERIC_COLUMNS, *ESTIMATION_COLUMNS)  # every stored field of an hour


@router.get(
    "/measurements",
    summary="Hourly measurements of a range",
    description="A `range` ending now (or at `end`), or explicit `start` and `end` (at most"
    " 366 days). `format=csv` downloads the same rows as CSV.",
    compress=True,
    responses=answers(MeasurementsPage, 400, csv=True),
)
def get_measurements(
    range: Annotated[RangeName | None, Query(description="day, week, month or year")] = None,
    start: Annotated[str | None, Query(description="ISO 8601 with offset, or a date")] = None,
    end: Annotated[str | None, Query(description="ISO 8601 with offset, or a date")] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response[MeasurementsPage | str]:
    if range is None and start is None and end is None:
        range = "day"
    window = resolve_range(range, start, end, now=datetime.now(UTC), max_duration=MAX_WINDOW)
    zone = get_settings().zone
    rows = read_measurements(get_connection(), zone, window.start, window.end, COLUMNS)
    if format == "csv":
        return Response(
            status_code=200,
            content_type="text/csv; charset=utf-8",
            body=to_csv(rows),
            headers={**CACHE, "Content-Disposition": f'attachment; filename="{zone}.csv"'},
            compress=True,
        )
    page = MeasurementsPage(
        zone=zone,
        window=window,
        hours_expected=window.hours,
        count=len(rows),
        available=[c for c in NUMERIC_COLUMNS if any(row[c] is not None for row in rows)],
        measurements=[Measurement.model_validate(row) for row in rows],
    )
    return Response(status_code=200, content_type="application/json", body=page, headers=CACHE)


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
