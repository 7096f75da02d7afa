"""Read endpoints over HTTP against the embedded PostgreSQL holding real LA data."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import httpx
import jsonschema_rs
import pandas as pd
import psycopg

from lambdas.core.measurements import ESTIMATION_COLUMNS, NUMERIC_COLUMNS
from lambdas.core.runs import record_run
from tests.constants import REPO_ROOT


def test_measurements_of_a_week_are_every_stored_hour(api_url: str, stored: pd.DataFrame) -> None:
    answer = httpx.get(f"{api_url}/measurements", params={"range": "week"})
    assert answer.status_code == 200
    page = answer.json()
    start = datetime.fromisoformat(page["window"]["start"])
    end = datetime.fromisoformat(page["window"]["end"])
    expected = stored[(stored.index >= start) & (stored.index < end)]
    assert page["count"] == len(expected) == len(page["measurements"])
    assert page["count"] >= 7 * 24 - 2  # the window ends at the next hour, a DST week is 167
    first = page["measurements"][0]
    assert first["power_consumption_total"] == expected["power_consumption_total"].iloc[0]
    assert first["carbon_intensity"] is None  # unknown stays unknown, never 0
    assert page["available"] == ["power_consumption_total", "wind_mw", "solar_mw"]
    assert answer.headers["cache-control"].startswith("public")


def test_explicit_window_and_csv_download(api_url: str, stored: pd.DataFrame) -> None:
    start = stored.index[-48].to_pydatetime()
    end = stored.index[-24].to_pydatetime()
    answer = httpx.get(
        f"{api_url}/measurements",
        params={"start": start.isoformat(), "end": end.isoformat(), "format": "csv"},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == 24
    assert datetime.fromisoformat(rows[0]["datetime"]) == start
    assert float(rows[0]["solar_mw"]) == stored["solar_mw"].iloc[-48]
    assert rows[0]["gas_mw"] == ""  # unknown is an empty cell


def test_a_range_beside_both_bounds_is_ignored(api_url: str, stored: pd.DataFrame) -> None:
    start, end = stored.index[-48].to_pydatetime(), stored.index[-24].to_pydatetime()
    answer = httpx.get(
        f"{api_url}/measurements",
        params={"range": "year", "start": start.isoformat(), "end": end.isoformat()},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["count"] == 24


def test_the_measurements_page_matches_its_published_schema(
    api_url: str, stored: pd.DataFrame
) -> None:
    """The page is written by PostgreSQL, not through the model: its document must still be
    the MeasurementsPage of docs/openapi.json, every hour as read_measurements reads it."""
    document = json.loads((REPO_ROOT / "docs" / "openapi.json").read_text())
    schema = {"$ref": "#/components/schemas/MeasurementsPage", **document}
    page = httpx.get(f"{api_url}/measurements", params={"range": "month"}).json()
    jsonschema_rs.Draft202012Validator(schema, validate_formats=True).validate(page)
    hours = page["measurements"]
    assert set(hours[0]) == {"datetime", *NUMERIC_COLUMNS, *ESTIMATION_COLUMNS}
    assert all(hour["datetime"].endswith("Z") for hour in hours)
    assert [datetime.fromisoformat(h["datetime"]) for h in hours] == list(
        stored.index[-len(hours) :]
    )
    assert [h["solar_mw"] for h in hours] == stored["solar_mw"].iloc[-len(hours) :].tolist()


def test_large_bodies_are_gzipped(api_url: str, stored: pd.DataFrame) -> None:
    raw = httpx.get(
        f"{api_url}/measurements",
        params={"range": "month"},
        headers={"Accept-Encoding": "gzip"},
    )
    assert raw.headers.get("content-encoding") == "gzip"
    assert raw.json()["count"] > 600  # httpx decoded it


def test_status_latest_describes_the_newest_hour(api_url: str, stored: pd.DataFrame) -> None:
    answer = httpx.get(f"{api_url}/status/latest")
    assert answer.status_code == 200
    status = answer.json()
    newest = stored.iloc[-1]
    assert datetime.fromisoformat(status["datetime"]) == stored.index[-1]
    assert status["load_mw"] == newest["power_consumption_total"]
    assert status["carbon_intensity"] is None
    assert "carbon_intensity" in status["unknown_fields"]
    assert {m["source"] for m in status["generation_mix"]} == {"solar", "wind"}
    solar = next(m for m in status["generation_mix"] if m["source"] == "solar")
    assert solar["share_percent"] is None  # total production is unknown in this data
    expected = round(100 * newest["solar_mw"] / newest["power_consumption_total"], 2)
    assert solar["share_of_load_percent"] == expected
    assert 0 <= status["data_age_hours"] <= 1
    assert status["stale"] is False
    assert status["last_run"] is None


def test_status_without_data_says_why(api_url: str) -> None:
    answer = httpx.get(f"{api_url}/status/latest")
    assert answer.status_code == 404
    assert answer.json()["error"] == "not_found"
    assert "run the ingest step" in answer.json()["message"]


def test_runs_list_and_one_run(api_url: str, db: psycopg.Connection) -> None:
    began = datetime(2026, 1, 1, tzinfo=UTC)
    for index in range(3):
        record_run(
            db,
            run_id=f"run-{index}",
            trigger="schedule",
            run_input={"steps": ["analyze"]},
            started_at=began + timedelta(hours=index),
            finished_at=began + timedelta(hours=index, minutes=2),
            status="succeeded",
            summary={"steps": [{"step": "ingest", "status": "ok"}]},
        )
    listed = httpx.get(f"{api_url}/runs", params={"limit": 2}).json()["runs"]
    assert [run["run_id"] for run in listed] == ["run-2", "run-1"]
    one = httpx.get(f"{api_url}/runs/run-0")
    assert one.status_code == 200
    assert one.json()["input"] == {"steps": ["analyze"]}
    missing = httpx.get(f"{api_url}/runs/no-such-run")
    assert missing.status_code == 404
    assert "GET /runs" in missing.json()["message"]


def test_the_docs_page_is_served_offline(api_url: str) -> None:
    page = httpx.get(f"{api_url}/docs")
    assert page.status_code == 200
    assert "swagger" in page.text.lower()
    assert "cdn" not in page.text.lower()
