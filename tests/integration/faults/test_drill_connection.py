"""Every database fault leaves lambdas/core as DatabaseUnavailable; the next call reconnects."""

import socket
from collections.abc import Callable, Iterator

import psycopg
import pytest

from lambdas.core import database
from lambdas.core.errors import DatabaseUnavailable
from lambdas.core.settings import get_settings
from tests.integration.faults.conftest import DrillServer


@pytest.fixture
def conn(drill_database: str) -> Iterator[psycopg.Connection]:
    database.close_connection()
    yield database.get_connection()
    database.close_connection()


def test_a_connection_lost_in_flight_is_database_unavailable_and_the_next_call_reconnects(
    drill_server: DrillServer, conn: psycopg.Connection
) -> None:
    conn.execute("SELECT 1")
    drill_server.stop()
    with pytest.raises(DatabaseUnavailable, match="administrator command") as lost:
        conn.execute("SELECT 1")
    assert isinstance(lost.value.__cause__, psycopg.errors.AdminShutdown)
    with pytest.raises(DatabaseUnavailable, match="cannot connect to PostgreSQL"):
        database.get_connection()
    drill_server.start()
    again = database.get_connection()
    assert again is not conn
    row = again.execute("SELECT 42 AS answer").fetchone()
    assert row == {"answer": 42}


def _commit(conn: psycopg.Connection) -> None:
    conn.commit()


def _transaction(conn: psycopg.Connection) -> None:
    with conn.transaction():
        conn.execute("INSERT INTO t VALUES (1)")


def _executemany(conn: psycopg.Connection) -> None:
    conn.cursor().executemany("INSERT INTO t VALUES (%s)", [(1,), (2,)])


def _copy(conn: psycopg.Connection) -> None:
    with conn.cursor() as cursor, cursor.copy("COPY t FROM STDIN") as copy:
        copy.write_row((1,))


@pytest.mark.parametrize("call", [_commit, _transaction, _executemany, _copy])
def test_every_kind_of_call_maps_the_fault(
    drill_server: DrillServer, conn: psycopg.Connection, call: Callable[[psycopg.Connection], None]
) -> None:
    conn.execute("CREATE TEMP TABLE t (x int)")
    drill_server.stop()
    with pytest.raises(DatabaseUnavailable):
        call(conn)


def test_a_cancelled_statement_is_unavailable_and_leaves_no_aborted_transaction(
    conn: psycopg.Connection,
) -> None:
    conn.execute("SET statement_timeout = 50")
    with pytest.raises(DatabaseUnavailable, match="statement timeout"):
        conn.execute("SELECT pg_sleep(5)")
    assert conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR
    same = database.get_connection()
    assert same is conn
    assert same.execute("SELECT 1 AS one").fetchone() == {"one": 1}


def test_a_server_that_never_answers_times_out_instead_of_hanging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts at the kernel, never speaks PostgreSQL
        port = silent.getsockname()[1]
        monkeypatch.setenv("DATABASE_URL", f"postgresql://nobody@127.0.0.1:{port}/none")
        get_settings.cache_clear()
        try:
            with pytest.raises(DatabaseUnavailable, match="timeout"):
                database.connect()
        finally:
            get_settings.cache_clear()
