"""The embedded PostgreSQL (pgserver) used on a workstation when no DATABASE_URL is set."""

from pathlib import Path
from typing import Any

import psycopg

from lambdas.core.errors import DatabaseUnavailable

DATABASE_NAME = "gridla"


def _pgserver() -> Any:
    try:
        import pgserver  # local-only dependency: absent from the Lambda images
    except ImportError:
        raise DatabaseUnavailable(
            "DATABASE_URL is not set and the embedded PostgreSQL (pgserver) is not installed: "
            "install the 'local' extra or set DATABASE_URL"
        ) from None
    return pgserver


def start(pgdata: Path) -> str:
    """Start (or find running) the server whose data lives in `pgdata`; return its DSN.

    The server outlives this process; `stop` ends it. The `gridla` database is created on
    first start.
    """
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = _pgserver().get_server(pgdata, cleanup_mode=None)
    admin_url: str = server.get_uri()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE_NAME,)
        ).fetchone()
        if exists is None:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"'.encode())
    return str(server.get_uri(database=DATABASE_NAME))


def stop(pgdata: Path) -> bool:
    """Stop the server of `pgdata` if it runs; True when one was stopped."""
    if not (pgdata / "postmaster.pid").exists():
        return False
    # pgserver's own runner: it switches to the system user the server runs as (when root).
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]  # set at import time

    server = _pgserver().get_server(pgdata, cleanup_mode=None)
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=server.system_user)
    return True


def is_running(pgdata: Path) -> bool:
    """Whether a server is up for `pgdata` (without starting one)."""
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    return bool(info is not None and info.is_running())
