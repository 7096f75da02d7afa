"""The stored span of a zone: the demo decides from it whether to backfill again."""

import psycopg

from lambdas.core.measurements import latest_measurement_at, stored_span
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
