"""`gridla`: run the whole system on this machine (database, replay, pipeline, API, dashboard)."""

import contextlib
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import typer

from lambdas.core.database import connect, database_url
from lambdas.core.errors import GridlaError
from lambdas.core.observability import logger
from lambdas.core.schema import migrate
from lambdas.core.settings import PROJECT_ROOT, get_settings
from lambdas.local import embedded_postgres

app = typer.Typer(
    help="ElectricityMaps LA Analysis on this machine: no AWS account needed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The embedded PostgreSQL (or the one DATABASE_URL names).")
app.add_typer(db_app, name="db")
BACKTEST_TARGETS = ("solar", "carbon-intensity")


@app.callback()
def options(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show the structured logs."),
) -> None:
    if verbose:
        logger.setLevel("DEBUG")


def _pgdata() -> Path:
    return get_settings().gridla_home / "pgdata"


@db_app.command("start")
def db_start() -> None:
    """Start the embedded PostgreSQL (kept running until `gridla db stop`) and migrate it."""
    began = time.perf_counter()
    url = database_url()
    with connect() as conn:
        applied = migrate(conn)
    typer.echo(f"PostgreSQL ready in {time.perf_counter() - began:.1f} s: {url}")
    typer.echo(f"migrations applied: {', '.join(applied) if applied else 'none pending'}")


@db_app.command("stop")
def db_stop() -> None:
    """Stop the embedded PostgreSQL."""
    stopped = embedded_postgres.stop(_pgdata())
    typer.echo("stopped" if stopped else "not running")


@db_app.command("url")
def db_url() -> None:
    """Print the database URL (starting the embedded server if needed)."""
    typer.echo(database_url())


@db_app.command("migrate")
def db_migrate() -> None:
    """Apply pending migrations; a second call applies nothing."""
    with connect() as conn:
        applied = migrate(conn)
    typer.echo(f"applied: {', '.join(applied)}" if applied else "up to date")


@db_app.command("psql", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def db_psql(ctx: typer.Context) -> None:
    """Open psql (the one bundled with the embedded server) on the database; extra args pass on."""
    import pgserver

    psql = Path(pgserver.__file__).parent / "pginstall" / "bin" / "psql"
    url = database_url()
    os.execv(psql, [str(psql), url, *ctx.args])


def main() -> None:
    """Entry point: quiet logs, and our errors as one line with exit status 1."""
    # pgserver asks platformdirs for a runtime dir, which root shells lack; harmless.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    # On a workstation the steps run in this process: their CloudWatch metric lines and
    # TensorFlow's start-up notices would bury the output.
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logger.setLevel("WARNING")
    try:
        app()
    except GridlaError as exc:
        raise SystemExit(f"error: {exc}") from None


@app.command("bench")
def bench(
    names: list[str] = typer.Argument(
        None, help="Only the benchmarks whose names contain one of these (e.g. predict)."
    ),
) -> None:
    """Run the benchmarks: one table of figures, also written to benchmarks/results.json."""
    command = [sys.executable, "-m", "benchmarks.run", *(names or [])]
    status = subprocess.call(command, cwd=PROJECT_ROOT)
    raise typer.Exit(code=status)


@app.command("demo")
def demo(
    port: int = typer.Option(8000, help="Port of the API and dashboard."),
    days: int = typer.Option(400, min=30, help="Days of history to backfill on first use."),
) -> None:
    """Everything, locally: database, replay server, backfill, one pipeline run, then serve."""
    from lambdas.local.demo import run_demo

    run_demo(port=port, history_days=days)


@app.command("run")
def run(
    backfill: tuple[str, str] | None = typer.Option(
        None, metavar="START END", help="Fetch exactly this window first (dates or ISO instants)."
    ),
    steps: list[str] | None = typer.Option(
        None, "--steps", help="Run only these of analyze, predict, cluster (repeatable)."
    ),
) -> None:
    """One execution of state_machines/pipeline.asl.json on this machine (a real ASL engine)."""
    from lambdas.local.pipeline_console import print_execution, run_pipeline

    run_input: dict[str, object] = {}
    if backfill is not None:
        run_input |= {"action": "backfill", "start_date": backfill[0], "end_date": backfill[1]}
    if steps:
        run_input["steps"] = steps
    execution = run_pipeline(run_input)
    print_execution(execution)
    raise typer.Exit(code=0 if execution.status == "SUCCEEDED" else 1)


@app.command("runs")
def runs(
    run_id: str | None = typer.Argument(None, help="Show this run in detail."),
    limit: int = typer.Option(20, min=1, help="How many runs to list."),
) -> None:
    """Pipeline runs, newest first: input, per-step outcome and timings."""
    from lambdas.local.pipeline_console import print_run, print_runs

    if run_id is None:
        print_runs(limit)
    elif not print_run(run_id):
        raise SystemExit(f"error: no run {run_id!r}")


@app.command("serve")
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port of the API and dashboard."),
) -> None:
    """Serve the API (the Lambda's own resolver) and dashboard/dist on one port."""
    import threading

    from lambdas.local.server import describe, serving

    with serving(host, port) as server:
        typer.echo(f"serving {describe(server)}  (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


@app.command("backtest")
def backtest(
    csv: list[Path] = typer.Option(
        ...,
        exists=True,
        dir_okay=False,
        help="Hourly CSV: period_start_utc and solar_mw (MW), or for carbon-intensity"
        " carbon_intensity_lifecycle_g_per_kwh; carbon takes several (repeat --csv).",
    ),
    target: str = typer.Option(
        "solar", help="What to forecast: solar or carbon-intensity.", case_sensitive=False
    ),
    start: str | None = typer.Option(
        None, help="Evaluate from (a date is LA midnight); default: a year into the data."
    ),
    end: str | None = typer.Option(None, help="Evaluate until (exclusive); default: data end."),
    retrain_days: int | None = typer.Option(
        None, min=1, help="Retrain every this many days (default: solar 7, carbon 28)."
    ),
    zone: str = typer.Option("US-CAL-LDWP", help="Zone whose site gives the clear-sky sun."),
) -> None:
    """Rolling-origin backtest of a forecast vs its baselines; prints JSON metrics."""
    import json

    from rich.console import Console
    from rich.progress import Progress

    if target not in BACKTEST_TARGETS:
        raise typer.BadParameter(
            f"must be one of {', '.join(BACKTEST_TARGETS)}", param_hint="target"
        )
    if target == "solar" and len(csv) != 1:
        raise typer.BadParameter("the solar backtest reads one CSV", param_hint="csv")
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("forecast days", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        if target == "solar":
            from lambdas.predict.csv_backtest import backtest_csv

            result = backtest_csv(
                csv[0],
                start=start,
                end=end,
                retrain_days=retrain_days or 7,
                zone=zone,
                progress=progress,
            )
        else:
            from lambdas.predict.carbon.csv_backtest import backtest_csv as carbon_backtest_csv

            result = carbon_backtest_csv(
                csv,
                start=start,
                end=end,
                retrain_days=retrain_days or 28,
                zone=zone,
                progress=progress,
            )
    typer.echo(json.dumps(result, indent=2))


@app.command("replay")
def replay(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8077, help="Port to listen on (0: any free port)."),
    shift: bool = typer.Option(
        True, "--shift/--no-shift", help="Move the data by whole weeks so it ends now."
    ),
    fault_rate: float = typer.Option(0.0, min=0, max=1, help="Share of requests answered 5xx."),
    rate_limit: int | None = typer.Option(None, min=1, help="Requests per minute before 429."),
    malformed_rate: float = typer.Option(0.0, min=0, max=1, help="Share of records corrupted."),
    latency: float = typer.Option(0.0, "--latency", min=0, help="Added latency per request, ms."),
    gap_rate: float = typer.Option(0.0, min=0, max=1, help="Share of hours missing."),
    token: str | None = typer.Option(None, help="Require this auth-token header."),
    seed: int | None = typer.Option(None, help="Seed for the injected faults and gaps."),
    csv: Path | None = typer.Option(
        None,
        "--csv",
        exists=True,
        dir_okay=False,
        help="Replay this file (the bundled files' format, e.g."
        " data/ldwp_demand_carbon_2022_2023.csv.gz) instead of the 2019-2021 LA data.",
    ),
) -> None:
    """Serve the Electricity Maps API v3, replayed from the real LA data, with optional faults."""
    from lambdas.local.ingest_console import serve_replay
    from lambdas.local.replay import Faults

    faults = Faults(
        fault_rate=fault_rate,
        rate_limit=rate_limit,
        malformed_rate=malformed_rate,
        latency_ms=latency,
        token=token,
        seed=seed,
    )
    serve_replay(host, port, faults, shift=shift, gap_rate=gap_rate, path=csv)


@app.command("ingest")
def ingest(
    backfill: tuple[str, str] | None = typer.Option(
        None, metavar="START END", help="Fetch exactly this window (dates or ISO instants)."
    ),
    zone: str | None = typer.Option(None, help="Electricity Maps zone (default: ZONE)."),
    api_url: str | None = typer.Option(
        None, help="API base; default ELECTRICITYMAPS_API_URL, else the local `gridla replay`."
    ),
) -> None:
    """Run the ingest step: incremental by default, or a backfill of START to END."""
    from lambdas.local.ingest_console import DEFAULT_REPLAY_URL, print_summary, run_ingest

    settings = get_settings()
    configured = {"electricitymaps_api_url", "electricitymaps_token"} & settings.model_fields_set
    event: dict[str, str] = {"zone": zone} if zone else {}
    if backfill is not None:
        event |= {"action": "backfill", "start_date": backfill[0], "end_date": backfill[1]}
    default_url = None if configured else DEFAULT_REPLAY_URL
    print_summary(run_ingest(event, api_url=api_url or default_url))
