"""`gridla db ...` as a user runs it: a subprocess with its own GRIDLA_HOME."""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest


def gridla(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["GRIDLA_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-c", "from lambdas.local.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "home"
    gridla(tmp_path / "home", "db", "stop")


def test_migrate_twice_leaves_one_copy_of_each_table(home: Path) -> None:
    first = gridla(home, "db", "migrate")
    second = gridla(home, "db", "migrate")
    assert first.returncode == 0, first.stderr
    assert "applied: 0001_initial" in first.stdout
    assert second.stdout.strip() == "up to date"
    url = gridla(home, "db", "url").stdout.strip()
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, count(*) FROM information_schema.tables"
            " WHERE table_schema = 'public' GROUP BY table_name"
        ).fetchall()
    assert rows
    assert all(count == 1 for _, count in rows)


def test_start_reports_and_stop_stops(home: Path) -> None:
    started = gridla(home, "db", "start")
    assert started.returncode == 0, started.stderr
    assert "PostgreSQL ready in" in started.stdout
    assert gridla(home, "db", "stop").stdout.strip() == "stopped"
    assert gridla(home, "db", "stop").stdout.strip() == "not running"


def test_a_malformed_setting_fails_with_one_line(home: Path) -> None:
    env_run = gridla(home, "db", "url")
    assert env_run.returncode == 0
    os.environ["HISTORY_DAYS"] = "many"
    try:
        failed = gridla(home, "db", "url")
    finally:
        del os.environ["HISTORY_DAYS"]
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [
        "error: HISTORY_DAYS: Input should be a valid integer, unable to parse string as an"
        " integer (got 'many')"
    ]


def test_every_command_has_help(home: Path) -> None:
    for command in (["--help"], ["db", "--help"], ["db", "start", "--help"], ["bench", "--help"]):
        shown = gridla(home, *command)
        assert shown.returncode == 0, command
        assert "Usage" in shown.stdout


def test_stats_lists_each_table_with_its_rows_and_size(home: Path) -> None:
    assert gridla(home, "db", "migrate").returncode == 0
    shown = gridla(home, "db", "stats")
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split() == ["table", "rows", "size"]
    measurements = next(line for line in lines if line.startswith("electricity_measurements "))
    assert measurements.split()[1:] == ["0", measurements.split()[2], "KiB"]
    assert int(measurements.split()[2].replace(",", "")) > 0


def test_a_stopped_database_fails_with_one_line_saying_what_to_do(home: Path) -> None:
    env_url = gridla(home, "db", "url").stdout.strip()
    gridla(home, "db", "stop")
    os.environ["DATABASE_URL"] = env_url
    try:
        failed = subprocess.run(
            [sys.executable, "-c", "from lambdas.local.cli import main; main()", "db", "stats"],
            env={**os.environ, "GRIDLA_HOME": str(home)},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        del os.environ["DATABASE_URL"]
    assert failed.returncode == 1
    [line] = failed.stderr.strip().splitlines()
    assert line.startswith("error: cannot connect to PostgreSQL")
    assert "gridla db start" in line
