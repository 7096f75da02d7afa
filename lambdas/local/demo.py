"""`gridla demo`: database, replay, backfill, one pipeline run and its replayed track record, then
serve; Ctrl-C ends it."""

import os
import threading
from datetime import UTC, datetime, timedelta

from rich.console import Console

from lambdas.core.database import connect
from lambdas.core.measurements import stored_span
from lambdas.core.schema import migrate
from lambdas.core.settings import get_settings
from lambdas.local import embedded_postgres
from lambdas.local.ingest_console import print_summary, run_ingest
from lambdas.local.pipeline_console import print_execution, run_pipeline
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import build_replay_data
from lambdas.local.server import DASHBOARD_DIST, describe, serving

console = Console()


def use_api(url: str) -> None:
    """Point this process's steps at `url` (the local replay), as the CDK sets a function's env."""
    os.environ["ELECTRICITYMAPS_API_URL"] = url
    get_settings.cache_clear()


def backfill_if_needed(history_days: int, now: datetime) -> None:
    """Backfill `history_days` on a database that lacks them; a second demo reuses its data."""
    settings = get_settings()
    start = now - timedelta(days=history_days)
    with connect() as conn:
        migrate(conn)
        span = stored_span(conn, settings.zone)
    if span is not None and span[0] <= start + timedelta(days=1):
        console.print(f"reusing stored data up to {span[1]:%Y-%m-%d %H:%M} UTC")
        return
    console.print(f"backfilling {history_days} days of Los Angeles data from the replay server")
    print_summary(
        run_ingest(
            {"action": "backfill", "start_date": start.isoformat(), "end_date": now.isoformat()}
        )
    )


def replay_track_record() -> None:
    """Issue the forecasts of the days the new model was not fit on, hour by hour from the data
    before each issue, as the hourly pipeline would have (stored marked replayed), so the
    dashboard shows a track record from the start."""
    from lambdas.predict.carbon.replay import replay_carbon_forecasts
    from lambdas.predict.replay import replay_forecasts
    from lambdas.predict.store import carbon_model_store, model_store

    settings = get_settings()
    with connect() as conn, console.status("replaying the hourly forecasts of the held-out days"):
        solar = replay_forecasts(conn, settings.zone, model_store(conn, settings.model_bucket))
        carbon = replay_carbon_forecasts(
            conn, settings.zone, carbon_model_store(conn, settings.model_bucket)
        )
    console.print(
        f"replayed {solar} hourly solar and {carbon} carbon-intensity forecasts"
        " (the track records' first days)"
    )


def run_demo(*, port: int, history_days: int, stop: threading.Event | None = None) -> None:
    pgdata = get_settings().gridla_home / "pgdata"
    database_was_running = embedded_postgres.is_running(pgdata)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    replay = ReplayServer(
        ReplayApi(
            build_replay_data(now=datetime.now(UTC), shift=True, gap_rate=0.0, seed=None), Faults()
        )
    ).start()
    try:
        use_api(replay.url)
        console.print(
            "replaying real LA data (EIA-930 and Electricity Maps, 2019-2021, shifted to now)"
            f" on {replay.url}"
        )
        backfill_if_needed(history_days, now)
        print_execution(run_pipeline({}))
        replay_track_record()
        if not (DASHBOARD_DIST / "index.html").exists():
            console.print("[yellow]dashboard/dist is not built: `make demo` builds it[/yellow]")
        with serving(port=port) as server:
            console.print(f"\n[bold green]ready:[/bold green] {describe(server)}  (Ctrl-C stops)")
            (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        console.print("stopping")
    finally:
        replay.stop()
        if not database_was_running and not os.environ.get("DATABASE_URL"):
            embedded_postgres.stop(pgdata)
