"""The stored span of a zone (the demo decides from it whether to backfill again), and the
rows of a window as Python rows and as PostgreSQL's JSON."""

import json
from datetime import UTC

import psycopg

from lambdas.core.measurements import (
    ESTIMATION_COLUMNS,
    NUMERIC_COLUMNS,
    latest_measurement_at,
    read_measurements,
    read_measurements_json,
    stored_span,
)
from tests.constants import ZONE
from tests.integration.analysis_data import load_measurements


def test_the_span_is_the_oldest_and_newest_hour_of_the_zone(
    db: psycopg.Connection, la_measurements
):
    assert stored_span(db, ZONE) is None
    assert latest_measurement_at(db, ZONE) is None
    week = la_measurements["2019-03-01T08:00Z":"2019-03-08T07:00Z"]
    load_measurements(db, week)
    load_measurements(db, la_measurements["2019-06-01T08:00Z":"2019-06-02T07:00Z"], zone="US-X")
    first, last = week.index[0].to_pydatetime(), week.index[-1].to_pydatetime()
    assert stored_span(db, ZONE) == (first, last)
    assert latest_measurement_at(db, ZONE) == last


def test_the_json_rows_are_the_rows_read_in_python(db: psycopg.Connection, la_measurements):
    load_measurements(db, la_measurements["2021-03-13T08:00Z":"2021-03-16T07:00Z"])  # DST
    db.execute(
        "UPDATE electricity_measurements SET is_estimated = true, estimation_method = 'x\"y'"
    )
    start, end = la_measurements.index[0], la_measurements.index[-1]
    columns = (*NUMERIC_COLUMNS, *ESTIMATION_COLUMNS)
    rows = read_measurements(db, ZONE, start, end, columns)
    stored = read_measurements_json(db, ZONE, start, end, columns)
    assert stored.count == len(rows) == 72
    assert stored.available == [c for c in NUMERIC_COLUMNS if rows[0][c] is not None]
    expected = [
        {**row, "datetime": row["datetime"].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
        for row in rows
    ]
    assert json.loads(stored.rows_json) == expected
    empty = read_measurements_json(db, "US-NONE", start, end, columns)
    assert (empty.count, empty.available, empty.rows_json) == (0, [], "[]")
