"""The cluster handler on the real LA data in the embedded PostgreSQL."""

from datetime import UTC, datetime

import pandas as pd
import pytest

from lambdas.cluster.handler import handler
from tests.events import LambdaContext, step_event
from tests.integration.analysis_data import load_measurements, with_built_carbon

# 1 January to 1 April 2019 (Los Angeles), the newest hour 09:00 on 1 April (a Monday).
FIRST, LATEST = "2019-01-01T08:00Z", "2019-04-01T16:00Z"


def latest_at() -> datetime:
    return datetime.fromisoformat(LATEST.replace("Z", "+00:00"))


@pytest.fixture
def la_db(db, la_measurements):
    load_measurements(db, la_measurements[FIRST:LATEST])
    return db


def stored(db, kind):
    return db.execute(
        "SELECT * FROM electricity_analysis_results WHERE kind = %s ORDER BY range_start",
        (kind,),
    ).fetchall()


def test_clusters_month_and_year_and_skips_the_week(la_db):
    outcome = handler(step_event("run-1", latest_at()), LambdaContext())
    assert outcome["status"] == "ok"
    by_range = {item["range"]: item for item in outcome["ranges"]}
    assert by_range["week"]["status"] == "skipped"
    assert "at least 14" in by_range["week"]["reason"]
    assert by_range["month"]["status"] == by_range["year"]["status"] == "ok"
    assert outcome["results_written"] == 4
    year = stored(la_db, "clustering")[0]["result"]  # the year range starts first
    assert year["n_days"] == 90
    # On these winter days the shapes split weekdays from weekends (and holidays).
    shares = [cluster["weekday_share"] for cluster in year["clusters"]]
    assert max(shares) - min(shares) > 0.6
    assert year["current_day"]["date"] == "2019-04-01"
    assert year["current_day"]["hours_seen"] == list(range(10))
    weekday_cluster = max(year["clusters"], key=lambda cluster: cluster["weekday_share"])
    assert year["current_day"]["cluster"] == weekday_cluster["cluster"]
    assert len(stored(la_db, "anomalies")) == 2


def test_reruns_give_the_same_labels(la_db):
    handler(step_event("run-1", latest_at(), range="month"), LambdaContext())
    handler(step_event("run-2", latest_at(), range="month"), LambdaContext())
    first, second = (row["result"] for row in stored(la_db, "clustering"))
    assert first["days"] == second["days"]
    assert first["clusters"] == second["clusters"]


def test_an_injected_anomalous_day_is_stored_as_flagged(db, la_measurements):
    frame = la_measurements[FIRST:LATEST].copy()
    day = frame.loc["2019-03-13T07:00Z":"2019-03-14T06:00Z", "power_consumption_total"]
    frame.loc[day.index, "power_consumption_total"] = day.to_numpy()[::-1]
    load_measurements(db, frame)
    handler(step_event("run-1", latest_at(), range="month"), LambdaContext())
    days = stored(db, "anomalies")[0]["result"]["days"]
    flagged = [entry for entry in days if entry["date"] == "2019-03-13"]
    assert flagged
    assert all(entry["reason"] for entry in flagged)


def test_empty_database_and_too_little_data_are_skipped(db, la_measurements):
    event = step_event("run-1", latest_at())
    event["latest_datetime"] = None
    empty = handler(event, LambdaContext())
    assert empty["status"] == "skipped"
    assert "no measurements" in empty["reason"]
    load_measurements(db, la_measurements.iloc[: 24 * 5])
    latest = la_measurements.index[24 * 5 - 1].to_pydatetime()
    short = handler(step_event("run-1", latest), LambdaContext())
    assert short["status"] == "skipped"
    assert "clustering needs at least 14" in short["reason"]
    assert stored(db, "clustering") == []


def test_load_unknown_everywhere_is_skipped_not_zero(db):
    index = pd.date_range("2024-01-01T08:00Z", periods=24 * 30, freq="h", tz=UTC)
    frame = pd.DataFrame({"solar_mw": 1.0, "power_consumption_total": float("nan")}, index=index)
    load_measurements(db, frame)
    outcome = handler(step_event("run-1", index[-1].to_pydatetime()), LambdaContext())
    assert outcome["status"] == "skipped"
    assert "0 complete days" in outcome["reason"]


def test_each_stored_cluster_says_how_clean_its_days_were(db, la_measurements):
    frame = with_built_carbon(la_measurements[FIRST:LATEST], unknown_before="2019-02-01T08:00Z")
    load_measurements(db, frame)
    handler(step_event("run-1", latest_at(), range="year"), LambdaContext())
    result = stored(db, "clustering")[0]["result"]
    assert result["carbon"]["carbon_known_share"] == pytest.approx(59 / 90, abs=0.01)
    stored_carbon = frame["carbon_intensity"].dropna()
    stored_days = stored_carbon.groupby(stored_carbon.index.tz_convert("America/Los_Angeles").date)
    for cluster in result["clusters"]:
        days = [day for day in stored_days.groups if str(day) in _days_of(result, cluster)]
        hours = pd.concat([stored_days.get_group(day) for day in days])
        assert cluster["mean_carbon_intensity"] == pytest.approx(hours.mean(), abs=1e-3)
        assert cluster["mean_fossil_free_percentage"] is not None
    verdicts = {cluster["carbon_vs_range"] for cluster in result["clusters"]}
    assert verdicts <= {"cleaner", "dirtier", "average"}


def _days_of(result, cluster):
    return {day["date"] for day in result["days"] if day["cluster"] == cluster["cluster"]}
