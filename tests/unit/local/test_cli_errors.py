"""`gridla` prints one line saying what failed and what to do."""

from lambdas.core.errors import DatabaseUnavailable, InvalidInput
from lambdas.local.cli import failure_line


def test_a_database_fault_says_how_to_bring_it_back() -> None:
    line = failure_line(DatabaseUnavailable("cannot connect to PostgreSQL: refused.\nIs it up?"))
    assert line.startswith("error: cannot connect to PostgreSQL: refused. Is it up?; ")
    assert "gridla db start" in line
    assert "\n" not in line


def test_our_own_errors_keep_their_message() -> None:
    assert failure_line(InvalidInput("end must be after start")) == "error: end must be after start"


def test_an_unexpected_error_points_at_verbose() -> None:
    line = failure_line(KeyError("zone"))
    assert line == "error: unexpected KeyError: 'zone' (rerun with --verbose for the traceback)"
