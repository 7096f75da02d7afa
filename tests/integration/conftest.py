"""Integration tier: one embedded PostgreSQL per session, a fresh migrated database per test."""

import itertools
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from lambdas.core import database
from lambdas.core.schema import migrate
from lambdas.core.settings import get_settings
from lambdas.local import embedded_postgres

_TEMPLATE = "gridla_template"
_counter = itertools.count()


def _with_database(url: str, name: str) -> str:
    base, _, query = url.partition("?")
    return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A private server for this test session, with a migrated template database.

    Its folder is outside pytest's temporary folders, which another pytest run may prune.
    """
    home = Path(tempfile.mkdtemp(prefix="gridla-test-pg-"))
    pgdata = home / "pgdata"
    url = embedded_postgres.start(pgdata)
    admin = _with_database(url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {_TEMPLATE}".encode())
    with psycopg.connect(_with_database(url, _TEMPLATE)) as conn:
        migrate(conn)
    yield admin
    embedded_postgres.stop(pgdata)
    shutil.rmtree(home, ignore_errors=True)


@contextmanager
def fresh_database(admin_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A migrated copy of the template for the block, exported as DATABASE_URL; then dropped.

    Shared with the e2e tier, which holds one database for its whole session.
    """
    name = f"test_{next(_counter)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {_TEMPLATE}".encode())
    url = _with_database(admin_url, name)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    database.close_connection()
    yield url
    database.close_connection()
    get_settings.cache_clear()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)".encode())


@pytest.fixture
def database_url(pg_admin_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, migrated database for one test, also exported as DATABASE_URL."""
    with fresh_database(pg_admin_url, monkeypatch) as url:
        yield url


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection (dict rows, autocommit) to this test's database."""
    with database.connect() as conn:
        conn.autocommit = True
        yield conn
