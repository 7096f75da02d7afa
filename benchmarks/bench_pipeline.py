"""The pipeline run locally end to end (pipeline.asl.json on the local engine, real steps):
wall time and time per step for 30 days, 1 year and 2 years of stored data, and the engine's
own overhead (the run minus the steps on its critical path)."""

import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.run import Figure
from lambdas.core import database
from lambdas.core.settings import get_settings
from lambdas.local import embedded_postgres
from lambdas.local.ingest_console import run_ingest
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from lambdas.local.workflow import execute

SIZES = {"30 days": 30, "1 year": 365, "2 years": 730}
NAME = "pipeline"
STEPS = ("Analyze", "Predict", "Cluster")


def _use(url: str, api_url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["ELECTRICITYMAPS_API_URL"] = api_url
    get_settings.cache_clear()
    database.close_connection()


def _one(size: str, days: int, replay: ReplayServer, now: datetime) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="gridla-bench-pipe-") as tmp:
        pgdata = Path(tmp) / "pgdata"
        _use(embedded_postgres.start(pgdata), replay.url)
        try:
            start = now - timedelta(days=days)
            run_ingest(
                {"action": "backfill", "start_date": start.isoformat(), "end_date": now.isoformat()}
            )
            began = time.perf_counter()
            execution = execute({"trigger": "local"})
            wall = time.perf_counter() - began
        finally:
            database.close_connection()
            embedded_postgres.stop(pgdata)
    if execution.status != "SUCCEEDED":
        raise RuntimeError(f"the {size} run failed: {execution.error}: {execution.cause}")
    seconds = execution.state_seconds
    critical = (
        seconds["ValidateInput"]
        + seconds["Ingest"]
        + max(seconds[step] for step in STEPS)
        + seconds["Summarize"]
    )
    figures = [
        Figure(
            benchmark=NAME,
            figure=f"{size}: whole run",
            value=wall,
            unit="s",
            note="incremental run after a backfill; predict trains its first model",
        ),
    ]
    figures += [
        Figure(
            benchmark=NAME,
            figure=f"{size}: {state}",
            value=seconds[state],
            unit="s",
            note="state entered to exited",
        )
        for state in ("Ingest", *STEPS)
    ]
    figures.append(
        Figure(
            benchmark=NAME,
            figure=f"{size}: engine overhead",
            value=wall - critical,
            unit="s",
            note=f"{100 * (wall - critical) / wall:.1f}% of the run",
        )
    )
    return figures


def run() -> list[Figure]:
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    data = build_replay_data(now=now, shift=True, gap_rate=0.0, seed=None)
    saved = {key: os.environ.get(key) for key in ("DATABASE_URL", "ELECTRICITYMAPS_API_URL")}
    figures: list[Figure] = []
    try:
        with ReplayServer(ReplayApi(data, Faults())) as replay:
            for size, days in SIZES.items():
                figures += _one(size, days, replay, now)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()
    whole = {f["figure"]: f["value"] for f in figures}
    figures.append(
        Figure(
            benchmark=NAME,
            figure="2 years / 30 days",
            value=whole["2 years: whole run"] / whole["30 days: whole run"],
            unit="ratio",
            note="growth of the whole run",
        )
    )
    return figures
