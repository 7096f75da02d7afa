"""Connections to PostgreSQL: DATABASE_URL, else the RDS secret, else the embedded server."""

import threading
from urllib.parse import quote

import psycopg
from psycopg.rows import DictRow, dict_row

from lambdas.core.errors import DatabaseUnavailable
from lambdas.core.settings import Settings, get_settings

_SECRET_MAX_AGE_SECONDS = 300
# One connection per thread: a Lambda has one; a local run executes parallel branches in threads.
_local = threading.local()


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


def connect(settings: Settings | None = None) -> psycopg.Connection[DictRow]:
    """A new connection whose rows are dicts."""
    url = database_url(settings)
    try:
        return psycopg.connect(url, row_factory=dict_row)
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(f"cannot connect to PostgreSQL: {exc}".strip()) from exc


def get_connection() -> psycopg.Connection[DictRow]:
    """The connection of this thread, reused across warm invocations, reopened if broken."""
    conn: psycopg.Connection[DictRow] | None = getattr(_local, "connection", None)
    if conn is None or conn.closed or conn.broken:
        conn = _local.connection = connect()
    return conn


def close_connection() -> None:
    """Close this thread's reused connection (the next `get_connection` opens a new one)."""
    conn: psycopg.Connection[DictRow] | None = getattr(_local, "connection", None)
    if conn is not None:
        conn.close()
    _local.connection = None
