"""E2E tier: the built dashboard in Debian's Chromium against `serving()` on real LA data.

One database for the session (on the integration tier's embedded PostgreSQL), filled by the
real ingest step backfilling HISTORY_DAYS from the replay server (the bundled LA data moved by
whole weeks so that its newest hour is the current one: every series, carbon and mix included),
then analysed, clustered and forecast by the real steps and recorded as a run, the forecasts of
the held-out days replayed as the demo does; one server on a free port; one browser. Nothing the
browser sees is faked.
"""

import importlib.util
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lambdas.core import database
from lambdas.core.settings import get_settings
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from tests.constants import REPO_ROOT
from tests.e2e.chromium import launch_chromium
from tests.events import LambdaContext, step_event
from tests.integration import conftest as integration

# The integration tier's session server: the e2e tier reuses it, never copies it.
pg_admin_url = integration.pg_admin_url

DIST = REPO_ROOT / "dashboard" / "dist"
ARTIFACTS = REPO_ROOT / "test-artifacts" / "e2e"
# `make screenshots` draws what `make demo` shows (its default 400 days); the tests need fewer.
HISTORY_DAYS = 400 if os.environ.get("GRIDLA_UPDATE_SCREENSHOTS") == "1" else 100
RUN_ID = "e2e-run"


@dataclass
class Demo:
    """What the session's server holds: its URL, and what the steps returned."""

    base_url: str
    latest: datetime
    outcomes: dict[str, dict[str, Any]]


@contextmanager
def replaying(monkeypatch: pytest.MonkeyPatch, now: datetime) -> Iterator[None]:
    """The replay server (bundled data shifted to `now`, no faults) as the steps' upstream."""
    data = build_replay_data(now=now, shift=True, gap_rate=0.0, seed=None)
    with ReplayServer(ReplayApi(data, Faults())) as replay:
        monkeypatch.setenv("ELECTRICITYMAPS_API_URL", replay.url)
        get_settings.cache_clear()
        yield
    get_settings.cache_clear()


def backfill(days: int, now: datetime) -> datetime:
    """The real ingest step's backfill of the `days` before `now`; returns the newest hour."""
    from lambdas.ingest.handler import handler as ingest

    start = now - timedelta(days=days)
    output = ingest(
        {"action": "backfill", "start_date": start.isoformat(), "end_date": now.isoformat()},
        LambdaContext(),
    )
    assert output["rows_rejected"] == 0, output
    return datetime.fromisoformat(output["latest_datetime"])


def run_steps(
    latest: datetime, run_id: str = RUN_ID, *, predict: bool = True
) -> dict[str, dict[str, Any]]:
    """Analyze, cluster and (with `predict`) predict through their Lambda handlers, then record
    the run."""
    from lambdas.analyze.handler import handler as analyze
    from lambdas.cluster.handler import handler as cluster
    from lambdas.control.handler import summarize

    started_at = datetime.now(UTC)
    event = step_event(run_id, latest, trigger="local")
    outcomes = {
        "analyze": analyze(event, LambdaContext()),
        "cluster": cluster(event, LambdaContext()),
    }
    if predict and importlib.util.find_spec("lambdas.predict.handler") is not None:
        from lambdas.predict.handler import handler as predict_step

        outcomes["predict"] = predict_step(event, LambdaContext())
    summarize(
        {
            "run_id": run_id,
            "started_at": started_at.isoformat(),
            "input": {"trigger": "local"},
            "ingest": {key: event[key] for key in ("run_id", "zone", "window", "latest_datetime")},
            "steps": list(outcomes.values()),
        },
        LambdaContext(),
    )
    return outcomes


@pytest.fixture(scope="session")
def demo(pg_admin_url: str) -> Iterator[Demo]:
    """The local server (API + dashboard/dist) over a database the real steps filled."""
    assert (DIST / "index.html").is_file(), (
        f"{DIST} has no build: run `make dashboard` (npm ci && npm run build in dashboard/)"
    )
    from lambdas.local.demo import replay_track_record
    from lambdas.local.server import serving

    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        integration.fresh_database(pg_admin_url, monkeypatch),
    ):
        now = datetime.now(UTC)
        with replaying(monkeypatch, now):
            latest = backfill(HISTORY_DAYS, now)
        outcomes = run_steps(latest)
        replay_track_record()  # as `gridla demo` does: the track records start full
        database.close_connection()
        with serving("127.0.0.1", 0) as server:
            host, port = server.server_address[:2]
            yield Demo(base_url=f"http://{host}:{port}", latest=latest, outcomes=outcomes)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = launch_chromium(playwright)
        yield launched
        launched.close()


@dataclass
class Console:
    """Console errors and uncaught exceptions of a page, and the API answers it received."""

    errors: list[str] = field(default_factory=list)
    empty_answers: set[str] = field(default_factory=set)

    def unexpected(self) -> list[str]:
        """Errors other than Chromium's own line for an API 404 the page shows as empty."""
        return [
            error
            for error in self.errors
            if not ("status of 404" in error and any(url in error for url in self.empty_answers))
        ]


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(browser: Any, demo: Demo, console: Console) -> Iterator[Any]:
    """A fresh page (1280x900) whose console errors and 404 API answers are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=demo.base_url)
    opened = context.new_page()

    def on_console(message: Any) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            console.errors.append(f"{message.text} [{location}]")

    def on_response(response: Any) -> None:
        if response.status == 404 and "json" in (response.headers.get("content-type") or ""):
            console.empty_answers.add(response.url)

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: console.errors.append(f"uncaught: {error}"))
    opened.on("response", on_response)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/e2e/, emptied once per session."""
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS
