"""Connections to PostgreSQL: DATABASE_URL, else the RDS secret, else the embedded server.

This module is the boundary where database faults get one name: every `psycopg.OperationalError`
(a refused or timed-out connect, a connection lost in flight, a failover's AdminShutdown, a
cancelled statement) leaves it as `DatabaseUnavailable`, the error the workflow retries and the
API answers with 503. The connections it opens map the faults of their own calls (execute,
executemany, copy, commit, rollback, transaction blocks), so the SQL modules need no handling.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self
from urllib.parse import quote

import psycopg
from psycopg import Copy, Transaction
from psycopg.abc import Params, Query
from psycopg.pq import TransactionStatus
from psycopg.rows import DictRow, Row, dict_row

from lambdas.core.errors import DatabaseUnavailable
from lambdas.core.settings import Settings, get_settings

_SECRET_MAX_AGE_SECONDS = 300
# A connect attempt gives up after this long instead of hanging on an unreachable host, so
# the workflow's retries (not one stuck call) ride out a failover.
CONNECT_TIMEOUT_SECONDS = 5
# One connection per thread: a Lambda has one; a local run executes parallel branches in threads.
_local = threading.local()


@contextmanager
def database_faults(doing: str = "the database call failed") -> Iterator[None]:
    """Within the block, a psycopg.OperationalError becomes DatabaseUnavailable (raise ... from)."""
    try:
        yield
    except psycopg.OperationalError as exc:
        detail = " ".join(str(exc).split())  # libpq's messages span lines
        raise DatabaseUnavailable(f"{doing}: {detail}" if detail else doing) from exc


class FaultMappingCursor(psycopg.Cursor[Row]):
    """A cursor whose network calls raise DatabaseUnavailable for an operational fault."""

    def execute(self, *args: Any, **kwargs: Any) -> Self:
        with database_faults():
            return super().execute(*args, **kwargs)

    def executemany(
        self, query: Query, params_seq: Iterable[Params], *, returning: bool = False
    ) -> None:
        with database_faults():
            super().executemany(query, params_seq, returning=returning)

    @contextmanager
    def copy(self, statement: Query, params: Params | None = None, **kwargs: Any) -> Iterator[Copy]:
        with database_faults(), super().copy(statement, params, **kwargs) as copy:
            yield copy


class FaultMappingConnection(psycopg.Connection[Row]):
    """A connection whose commits and transaction blocks raise DatabaseUnavailable for a fault."""

    def commit(self) -> None:
        with database_faults():
            super().commit()

    def rollback(self) -> None:
        with database_faults():
            super().rollback()

    @contextmanager
    def transaction(
        self, savepoint_name: str | None = None, force_rollback: bool = False
    ) -> Iterator[Transaction]:
        with database_faults(), super().transaction(savepoint_name, force_rollback) as tx:
            yield tx


def url_from_secret(secret_arn: str) -> str:
    """DSN from an RDS-generated secret (host, port, username, password, dbname)."""
    from aws_lambda_powertools.utilities import parameters

    # Powertools caches the secret across warm invocations for max_age seconds.
    secret = parameters.get_secret(secret_arn, transform="json", max_age=_SECRET_MAX_AGE_SECONDS)
    if not isinstance(secret, dict):
        raise DatabaseUnavailable(f"secret {secret_arn} is not a JSON object")
    try:
        user = quote(str(secret["username"]), safe="")
        password = quote(str(secret["password"]), safe="")
        host, port = secret["host"], secret.get("port", 5432)
    except KeyError as exc:
        raise DatabaseUnavailable(f"secret {secret_arn} lacks the field {exc.args[0]}") from None
    dbname = secret.get("dbname", "postgres")
    return f"postgresql://{user}:{password}@{host}:{port}/{dbname}?sslmode=require"


def database_url(settings: Settings | None = None) -> str:
    """The DSN this process uses, starting the embedded server when nothing else is set."""
    settings = settings or get_settings()
    if settings.database_url:
        return settings.database_url
    if settings.db_secret_arn:
        return url_from_secret(settings.db_secret_arn)
    from lambdas.local import embedded_postgres

    return embedded_postgres.start(settings.gridla_home / "pgdata")


def connect(settings: Settings | None = None) -> FaultMappingConnection[DictRow]:
    """A new connection whose rows are dicts and whose faults raise DatabaseUnavailable."""
    url = database_url(settings)
    with database_faults("cannot connect to PostgreSQL"):
        return FaultMappingConnection.connect(
            url,
            row_factory=dict_row,
            cursor_factory=FaultMappingCursor,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        )


def get_connection() -> FaultMappingConnection[DictRow]:
    """The connection of this thread, reused across warm invocations.

    A connection that broke (the server restarted, failed over or dropped it) is replaced by a
    new one; a transaction a failed call left aborted is rolled back, so one fault does not
    spoil the calls after it.
    """
    conn: FaultMappingConnection[DictRow] | None = getattr(_local, "connection", None)
    if conn is not None and (conn.closed or conn.broken):
        conn.close()
        conn = None
    if conn is None:
        conn = _local.connection = connect()
    elif conn.info.transaction_status == TransactionStatus.INERROR:
        conn.rollback()
    return conn


def close_connection() -> None:
    """Close this thread's reused connection (the next `get_connection` opens a new one)."""
    conn: psycopg.Connection[DictRow] | None = getattr(_local, "connection", None)
    if conn is not None:
        conn.close()
    _local.connection = None
