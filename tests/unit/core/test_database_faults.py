"""The one mapping of database faults, without a database."""

import psycopg
import pytest

from lambdas.core.database import database_faults
from lambdas.core.errors import DatabaseUnavailable


@pytest.mark.parametrize(
    "fault",
    [
        psycopg.OperationalError("connection refused\n\tIs the server running?"),
        psycopg.errors.AdminShutdown("terminating connection due to administrator command"),
        psycopg.errors.QueryCanceled("canceling statement due to statement timeout"),
        psycopg.errors.ConnectionTimeout("connection timeout expired"),
    ],
)
def test_operational_faults_become_database_unavailable_on_one_line(fault: Exception) -> None:
    with pytest.raises(DatabaseUnavailable) as caught, database_faults("reading runs"):
        raise fault
    assert caught.value.__cause__ is fault
    message = str(caught.value)
    assert message.startswith("reading runs: ")
    assert "\n" not in message


def test_a_mistake_in_the_sql_is_not_a_fault_to_retry() -> None:
    with pytest.raises(psycopg.errors.UndefinedTable), database_faults():
        raise psycopg.errors.UndefinedTable("relation does not exist")
