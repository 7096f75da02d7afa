"""The console side of `gridla replay` and `gridla ingest`: serving, a progress bar, a summary."""

import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from lambdas.core.database import connect
from lambdas.core.pipeline_input import parse_pipeline_input
from lambdas.core.schema import migrate
from lambdas.core.settings import get_settings
from lambdas.core.step_event import StepEvent
from lambdas.ingest import service
from lambdas.ingest.client import client_from_settings
from lambdas.local.replay import Faults, ReplayApi, ReplayServer
from lambdas.local.replay_data import DEFAULT_DATA_PATH, build_replay_data

DEFAULT_REPLAY_PORT = 8077
DEFAULT_REPLAY_URL = f"http://127.0.0.1:{DEFAULT_REPLAY_PORT}/v3"


def serve_replay(
    host: str,
    port: int,
    faults: Faults,
    *,
    shift: bool,
    gap_rate: float,
    path: Path | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve the replay API of `path` (default: the bundled 2019-2021 data) until Ctrl-C."""
    console = Console()
    data = build_replay_data(
        path or DEFAULT_DATA_PATH,
        now=datetime.now(UTC),
        shift=shift,
        gap_rate=gap_rate,
        seed=faults.seed,
    )
    server = ReplayServer(ReplayApi(data, faults), host=host, port=port).start()
    first, last = data.hours[0].datetime + data.shift, data.hours[-1].datetime + data.shift
    console.print(f"Electricity Maps v3 replay of {data.zone} on [bold]{server.url}[/bold]")
    console.print(
        f"{len(data.hours)} hours from {first:%Y-%m-%d %H:%M} UTC"
        + (f", shifted {data.shift.days // 7} weeks" if data.shift else "")
        + f"; each is served once its time has come (the last at {last:%Y-%m-%d %H:%M} UTC)"
    )
    console.print(f"  export ELECTRICITYMAPS_API_URL={server.url}")
    console.print("Ctrl-C stops it.")
    try:
        (stop or threading.Event()).wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def run_ingest(event: dict[str, Any], *, api_url: str | None = None) -> StepEvent:
    """One ingest step against the configured database and API, with a progress bar."""
    request = parse_pipeline_input(event)
    settings = get_settings()
    if api_url is not None:
        settings = settings.model_copy(update={"electricitymaps_api_url": api_url})
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]} rows"),
        TimeElapsedColumn(),
    )
    with (
        connect(settings) as conn,
        client_from_settings(settings) as client,
        Progress(*columns, console=console, transient=True) as progress,
    ):
        migrate(conn)
        task = progress.add_task("ingesting", total=None, rows=0)

        def advance(done: service.ChunkDone) -> None:
            progress.update(task, total=done.total, completed=done.index, rows=done.rows_fetched)

        return service.run(
            request,
            conn=conn,
            client=client,
            default_zone=settings.zone,
            history_days=settings.history_days,
            now=datetime.now(UTC),
            run_id=request.run_id or f"local-{uuid.uuid4().hex[:12]}",
            on_chunk=advance,
        )


def print_summary(output: StepEvent) -> None:
    """The ingest output as a table a person can read."""
    table = Table(title=f"ingest {output.action} {output.zone}", show_header=False)
    window = output.window
    table.add_row(
        "window",
        f"{window.start:%Y-%m-%d %H:%M} to {window.end:%Y-%m-%d %H:%M} UTC" if window else "none",
    )
    table.add_row("rows fetched", str(output.rows_fetched))
    table.add_row("rows written", str(output.rows_written))
    table.add_row("rows rejected", str(output.rows_rejected))
    gaps = ", ".join(f"{g.start:%Y-%m-%d %H:%M}-{g.end:%H:%M}" for g in output.gaps[:5])
    more = f" (+{len(output.gaps) - 5} more)" if len(output.gaps) > 5 else ""
    table.add_row("gaps", f"{len(output.gaps)}{': ' + gaps + more if gaps else ''}")
    latest = output.latest_datetime
    table.add_row("newest hour", f"{latest:%Y-%m-%d %H:%M} UTC" if latest else "none")
    Console().print(table)
