"""Fault drills: an embedded PostgreSQL of their own, stopped and started like a failover.

pgserver starts a server once per process and cannot start it again after a stop, so the
drills drive its bundled pg_ctl directly, with the options pgserver started it with (a Unix
socket only, the same socket folder, so the DSN stays valid across restarts). A stop is
`pg_ctl stop -m fast`: every open connection gets AdminShutdown, as at an RDS failover.
"""

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest
from pgserver._commands import pg_ctl

from lambdas.core.errors import DatabaseUnavailable
from lambdas.core.schema import migrate
from lambdas.local import embedded_postgres
from tests.integration.conftest import _TEMPLATE, _with_database, fresh_database

Handler = Callable[[dict[str, Any], Any], Any]


class DrillServer:
    """A PostgreSQL that a drill can stop and start again within one test process."""

    def __init__(self, pgdata: Path, url: str) -> None:
        self.pgdata = pgdata
        self.admin_url = _with_database(url, "postgres")
        self._socket_dir = parse_qs(urlsplit(url).query)["host"][0]
        # pgserver runs the server as its own system user when we are root.
        self._user = "pgserver" if os.geteuid() == 0 else None

    def stop(self) -> None:
        """Stop at once, ending every session (AdminShutdown), as a failover does."""
        pg_ctl(["-w", "stop", "-m", "fast"], pgdata=self.pgdata, user=self._user)

    def start(self) -> None:
        """Start again on the same socket; returns once it accepts connections."""
        options = ["-o", '-h ""', "-o", f"-k {self._socket_dir}", "-l", str(self.pgdata / "log")]
        pg_ctl(["-w", *options, "start"], pgdata=self.pgdata, user=self._user, timeout=60)

    def running(self) -> bool:
        return embedded_postgres.is_running(self.pgdata)


@pytest.fixture(scope="session")
def drill_server() -> Iterator[DrillServer]:
    """The drills' own server (the session's shared one must never go down)."""
    home = Path(tempfile.mkdtemp(prefix="gridla-drill-pg-"))
    pgdata = home / "pgdata"
    server = DrillServer(pgdata, embedded_postgres.start(pgdata))
    with psycopg.connect(server.admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {_TEMPLATE}".encode())
    with psycopg.connect(_with_database(server.admin_url, _TEMPLATE)) as conn:
        migrate(conn)
    yield server
    if not server.running():
        server.start()
    embedded_postgres.stop(pgdata)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def drill_database(drill_server: DrillServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh migrated database on the drill server, exported as DATABASE_URL.

    Whatever a drill did, the server is up again before the database is dropped.
    """
    with fresh_database(drill_server.admin_url, monkeypatch) as url:
        yield url
        if not drill_server.running():
            drill_server.start()


Rows = list[dict[str, Any]]


@pytest.fixture
def fetch(drill_database: str) -> Callable[..., Rows]:
    """fetch(sql, params): rows (dicts) from the drill database, on a connection of its own.

    A new connection per query: one opened before an outage would not survive it.
    """

    def query(sql: str, params: tuple[Any, ...] = ()) -> Rows:
        with psycopg.connect(drill_database, row_factory=psycopg.rows.dict_row) as conn:
            return conn.execute(sql.encode(), params).fetchall()

    return query


class Outage:
    """One database outage: begun by a drill's trigger, ended after N failed attempts of a step.

    `step(handler)` wraps a step's real handler: it counts the attempts and the errors they
    raised, and when the outage has cost `lasting` failed attempts it starts the database
    again before the failure goes back to the workflow (so the next retry finds it up).
    `lasting=None`: the outage outlasts every retry.
    """

    def __init__(self, server: DrillServer, *, lasting: int | None = 1) -> None:
        self.server = server
        self.lasting = lasting
        self.attempts: list[str] = []  # per attempt: "ok" or the error's class name
        self.begun = threading.Event()
        self._lock = threading.Lock()

    def begin(self) -> None:
        with self._lock:
            if not self.begun.is_set():
                self.server.stop()
                self.begun.set()

    def step(self, handler: Handler, *, begin_first: bool = False) -> Handler:
        """`handler`, counted; with `begin_first` the outage begins as its first attempt starts."""

        def counted(event: dict[str, Any], context: Any) -> Any:
            if begin_first:
                self.begin()
            try:
                result = handler(event, context)
            except DatabaseUnavailable:
                self.attempts.append("DatabaseUnavailable")
                failures = self.attempts.count("DatabaseUnavailable")
                if self.lasting is not None and failures >= self.lasting:
                    self.end()
                raise
            self.attempts.append("ok")
            return result

        return counted

    def end(self) -> None:
        with self._lock:
            if not self.server.running():
                self.server.start()
