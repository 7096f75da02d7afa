"""`gridla`: run the whole system on this machine (database, replay, pipeline, API, dashboard)."""

import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import typer

from lambdas.core import embedded_postgres
from lambdas.core.database import connect, database_url
from lambdas.core.errors import GridlaError
from lambdas.core.observability import logger
from lambdas.core.schema import migrate
from lambdas.core.settings import PROJECT_ROOT, get_settings

app = typer.Typer(
    help="ElectricityMaps LA Analysis on this machine: no AWS account needed.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="The embedded PostgreSQL (or the one DATABASE_URL names).")
app.add_typer(db_app, name="db")


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


@db_app.command(
    "psql", context_settings={"allow_extra_args": True, "ignore_unknown_options": True}
)
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
    logger.setLevel("WARNING")
    try:
        app()
    except GridlaError as exc:
        raise SystemExit(f"error: {exc}") from None


@app.command("bench")
def bench() -> None:
    """Run the benchmarks: one table of figures, also written to benchmarks/results.json."""
    status = subprocess.call([sys.executable, "-m", "benchmarks.run"], cwd=PROJECT_ROOT)
    raise typer.Exit(code=status)


@app.command("demo")
def demo() -> None:
    """Start the database, migrate it, and report; later steps join as they land."""
    db_start()
