"""Record the dashboard's Vitest fixtures (dashboard/src/test/fixtures/) from the real API.

Not a test: pytest collects this file only when it is named (`npm run record:fixtures` in
dashboard/). It builds what the e2e tier serves, on a frozen clock so that a refresh gives the
same hours: the real ingest step backfilling from the replay server (the bundled LA data moved
by whole weeks), a first run (analyze, cluster, predict) when the data ended at
FORECAST_HOURS_MEASURED hours before NEWEST_HOUR, so that the forecasts' first hours are
measured by the time of recording, with the held-out days' forecasts replayed (as the demo
does), and a second backfill and run without predict (as `/trigger-analysis` does) up to
NEWEST_HOUR. Then every path of FIXTURES goes through the
resolver in process, at RECORDED_AT, and its answer is written. The dashboard's tests check the
files against docs/openapi.json (fixtures.test.ts), so they cannot drift from the API.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from lambdas.core import database
from lambdas.local.demo import replay_track_record
from lambdas.local.server import call_api, proxy_event
from tests.constants import REPO_ROOT
from tests.e2e.conftest import HISTORY_DAYS, backfill, replaying, run_steps
from tests.integration import conftest as integration

pg_admin_url = integration.pg_admin_url

FIXTURES_DIR = REPO_ROOT / "dashboard" / "src" / "test" / "fixtures"
# Midnight in Los Angeles (PST): the current day has one hour, too few to cluster.
NEWEST_HOUR = datetime(2026, 11, 29, 8, tzinfo=UTC)
RECORDED_AT = NEWEST_HOUR + timedelta(hours=2, minutes=55)
FORECAST_HOURS_MEASURED = 9
# file name -> the GET path (with its query) whose answer it holds
FIXTURES = {
    "status.json": "/status/latest",
    "measurements-day.json": "/measurements?range=day",
    "forecast.json": "/predictions",
    "carbon-forecast.json": "/forecast/carbon-intensity",
    "cleanest-window.json": "/advice/cleanest-window?hours=3",
    "trend-month.json": "/analysis/trend?range=month",
    "seasonal-month.json": "/analysis/seasonal?range=month",
    "correlations-month.json": "/analysis/correlations?range=month",
    "clustering-month.json": "/clustering?range=month",
}
MANIFEST = "recorded.json"


def record(path: str) -> object:
    """The resolver's JSON answer to GET `path`; anything but a 200 stops the recording."""
    answer = call_api(proxy_event("GET", path, {"Accept": "application/json"}, b""))
    assert answer["statusCode"] == 200, f"GET {path}: {answer['statusCode']} {answer['body']}"
    return json.loads(answer["body"])


def test_record_dashboard_fixtures(pg_admin_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    forecast_issued = NEWEST_HOUR - timedelta(hours=FORECAST_HOURS_MEASURED)
    with (
        integration.fresh_database(pg_admin_url, monkeypatch),
        replaying(monkeypatch, NEWEST_HOUR),
    ):
        with time_machine.travel(forecast_issued + timedelta(minutes=5)):
            assert backfill(HISTORY_DAYS, datetime.now(UTC)) == forecast_issued
            run_steps(forecast_issued, "fixtures-forecast")
            replay_track_record()
        with time_machine.travel(NEWEST_HOUR + timedelta(minutes=5)):
            assert backfill(HISTORY_DAYS, datetime.now(UTC)) == NEWEST_HOUR
            run_steps(NEWEST_HOUR, "fixtures-analysis", predict=False)
        with time_machine.travel(RECORDED_AT, tick=False):
            answers = {name: record(path) for name, path in FIXTURES.items()}
        database.close_connection()
    for name, body in answers.items():
        (FIXTURES_DIR / name).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    manifest = {"recorded_at": RECORDED_AT.isoformat(), "paths": FIXTURES}
    (FIXTURES_DIR / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
