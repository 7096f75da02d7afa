"""The analyze handler on the real LA data in the embedded PostgreSQL."""

from datetime import UTC, datetime

import pandas as pd
import pytest
from scipy import stats

from lambdas.analyze.handler import handler
from lambdas.core.errors import InvalidInput
from tests.events import LambdaContext, step_event
from tests.integration.analysis_data import load_measurements, with_built_carbon

# 2019-02-01 00:00 to 2019-03-31 23:00 in Los Angeles (59 days).
FIRST, LATEST = "2019-02-01T08:00Z", "2019-04-01T06:00Z"


@pytest.fixture
def la_db(db, la_measurements):
    load_measurements(db, la_measurements[FIRST:LATEST])
    return db


def stored(db, kind=None):
    query = "SELECT * FROM electricity_analysis_results"
    if kind is None:
        return db.execute(query + " ORDER BY kind, range_start").fetchall()
    return db.execute(query + " WHERE kind = %s ORDER BY range_start", (kind,)).fetchall()


def latest_at() -> datetime:
    return datetime.fromisoformat(LATEST.replace("Z", "+00:00"))


def test_stores_every_kind_for_week_month_and_year(la_db):
    outcome = handler(step_event("run-1", latest_at()), LambdaContext())
    assert outcome["step"] == "analyze"
    assert outcome["status"] == "ok"
    assert [item["range"] for item in outcome["ranges"]] == ["week", "month", "year"]
    assert outcome["results_written"] == 15
    rows = stored(la_db, "trend")
    spans = sorted(row["range_end"] - row["range_start"] for row in rows)
    # Calendar periods on the LA clock: March 2019 lost an hour to DST.
    assert [span.total_seconds() / 3600 for span in spans] == [168, 31 * 24 - 1, 365 * 24]
    assert all(row["range_end"] == datetime(2019, 4, 1, 7, tzinfo=UTC) for row in rows)
    year = max(rows, key=lambda row: row["range_end"] - row["range_start"])
    assert year["run_id"] == "run-1"
    assert year["parameters"]["range"] == "year"
    # The year range names the data it saw: 59 days, the rest a gap.
    assert year["result"]["data"]["n"] == 59 * 24 - 1  # the 23-hour DST day
    assert year["result"]["data"]["first"] == "2019-02-01T08:00:00+00:00"
    assert year["result"]["variables"]["carbon_intensity"]["status"] == "unknown"
    assert all(item["carbon_trend"] is None for item in outcome["ranges"])


def test_stored_correlations_match_scipy_on_the_same_rows(la_db, la_measurements):
    handler(step_event("run-1", latest_at(), range="month"), LambdaContext())
    rows = la_db.execute(
        "SELECT * FROM electricity_correlations WHERE variable_a = 'power_consumption_total'"
        " AND variable_b = 'solar_mw'"
    ).fetchall()
    assert {row["method"] for row in rows} == {"pearson", "spearman"}
    window = la_measurements[rows[0]["range_start"] : rows[0]["range_end"]].iloc[:-1]
    window = window[window.index <= pd.Timestamp(LATEST)]
    for row in rows:
        test = stats.pearsonr if row["method"] == "pearson" else stats.spearmanr
        expected = test(window["power_consumption_total"], window["solar_mw"])
        assert row["coefficient"] == pytest.approx(expected.statistic, abs=1e-9)
        assert row["p_value"] == pytest.approx(expected.pvalue, abs=1e-9)
        assert row["n"] == len(window)
    variables = {
        row["variable_a"] for row in la_db.execute("SELECT * FROM electricity_correlations")
    }
    assert "carbon_intensity" not in variables  # unknown: left out, never a 0


def test_a_rerun_replaces_its_rows_and_another_run_gives_the_same_results(la_db):
    event = step_event("run-1", latest_at(), range="month")
    handler(event, LambdaContext())
    first = stored(la_db)
    handler(event, LambdaContext())  # a retry of the same run
    assert len(stored(la_db)) == len(first) == 5
    handler(step_event("run-2", latest_at(), range="month"), LambdaContext())
    second = [row for row in stored(la_db) if row["run_id"] == "run-2"]
    assert [row["result"] for row in second] == [row["result"] for row in first]
    count = la_db.execute("SELECT count(*) AS n FROM electricity_correlations").fetchone()
    assert count["n"] == 2 * 6


def test_gaps_and_missing_latest_datetime(la_db):
    la_db.execute(
        "DELETE FROM electricity_measurements WHERE datetime >= '2019-03-20T08:00Z'"
        " AND datetime < '2019-03-22T08:00Z'"
    )
    event = step_event("run-1", latest_at(), range="month")
    event["latest_datetime"] = None  # ingest wrote nothing: the newest stored hour is used
    outcome = handler(event, LambdaContext())
    assert outcome["status"] == "ok"
    trend = stored(la_db, "trend")[0]["result"]
    assert trend["data"]["gap_hours"] == 48
    assert {
        "start": "2019-03-20T08:00:00+00:00",
        "end": "2019-03-22T08:00:00+00:00",
        "hours": 48,
    } in trend["data"]["gaps"]
    seasonal = stored(la_db, "seasonal")[0]["result"]["variables"]["power_consumption_total"]
    assert seasonal["status"] == "ok"  # over the longest stretch without the gap


def test_empty_database_is_skipped_with_a_reason(db):
    event = step_event("run-1", latest_at())
    event["latest_datetime"] = None
    outcome = handler(event, LambdaContext())
    assert outcome == {**outcome, "status": "skipped", "step": "analyze"}
    assert "no measurements" in outcome["reason"]
    assert stored(db) == []


def test_a_range_without_data_and_an_unasked_step_are_skipped(la_db):
    later = datetime(2023, 1, 1, tzinfo=UTC)
    outcome = handler(step_event("run-1", later, range="week"), LambdaContext())
    assert outcome["status"] == "skipped"
    assert "no measurements in any analysis range" in outcome["reason"]
    unasked = handler(step_event("run-1", latest_at(), steps=["predict"]), LambdaContext())
    assert unasked["status"] == "skipped"
    assert stored(la_db) == []


def test_constant_and_null_series_give_reasons_not_zeros(db):
    index = pd.date_range("2024-01-01T08:00Z", periods=24 * 20, freq="h")
    frame = pd.DataFrame({"power_consumption_total": 1000.0, "solar_mw": float("nan")}, index=index)
    load_measurements(db, frame)
    handler(step_event("run-1", index[-1].to_pydatetime(), range="month"), LambdaContext())
    trend = stored(db, "trend")[0]["result"]["variables"]
    assert trend["power_consumption_total"]["status"] == "skipped"
    assert "constant" in trend["power_consumption_total"]["reason"]
    assert trend["solar_mw"]["status"] == "unknown"
    omitted = stored(db, "correlations")[0]["result"]["omitted"]
    assert {"variable": "solar_mw", "reason": omitted[0]["reason"]} in omitted


def test_a_malformed_event_fails_naming_the_field(db):
    with pytest.raises(InvalidInput, match="run_id"):
        handler({"zone": "US-CAL-LDWP"}, LambdaContext())


def test_carbon_and_the_shares_are_stored_beside_load_with_their_correlations(db, la_measurements):
    """Carbon known from 1 March only: its statistics use March, never a 0 for February."""
    frame = with_built_carbon(la_measurements[FIRST:LATEST], unknown_before="2019-03-01T08:00Z")
    load_measurements(db, frame)
    handler(step_event("run-1", latest_at(), range="month"), LambdaContext())
    march_hours = 31 * 24 - 1
    for kind in ("trend", "seasonal", "daily_profile"):
        variables = stored(db, kind)[0]["result"]["variables"]
        for name in ("carbon_intensity", "fossil_free_percentage", "renewable_percentage"):
            assert variables[name]["status"] == "ok", (kind, name)
            assert variables[name]["n"] == march_hours
    trend = stored(db, "trend")[0]["result"]["variables"]["carbon_intensity"]
    assert trend["mann_kendall"]["test"] in ("hamed_rao", "original")
    assert 0 <= trend["mann_kendall"]["p_value"] <= 1
    distribution = stored(db, "distribution")[0]["result"]
    assert distribution["carbon_intensity"]["n"] == march_hours
    assert distribution["variables"]["renewable_percentage"]["n"] == march_hours
    rows = db.execute(
        "SELECT variable_b, coefficient, p_value, n FROM electricity_correlations"
        " WHERE variable_a = 'carbon_intensity' AND method = 'pearson'"
    ).fetchall()
    with_carbon = {row["variable_b"]: row for row in rows}
    assert with_carbon["solar_mw"]["coefficient"] < -0.5
    assert with_carbon["gas_mw"]["coefficient"] > 0.5
    assert all(row["n"] == march_hours for row in rows)
    summary = stored(db, "correlations")[0]["result"]["by_variable"]["carbon_intensity"]
    assert {entry["variable"] for entry in summary} == set(with_carbon)


def test_the_outcome_names_the_carbon_trend_when_known(db, la_measurements):
    load_measurements(db, with_built_carbon(la_measurements[FIRST:LATEST]))
    outcome = handler(step_event("run-1", latest_at(), range="month"), LambdaContext())
    month = outcome["ranges"][0]
    assert month["carbon_trend"] in ("rising", "falling", "no significant trend")
    assert isinstance(month["carbon_slope_g_per_kwh_per_day"], float)
