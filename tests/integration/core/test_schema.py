from concurrent.futures import ThreadPoolExecutor

import psycopg

from lambdas.core.database import connect
from lambdas.core.schema import migrate, migration_files

DESIGN_TABLES = {
    "electricity_measurements",
    "electricity_analysis_results",
    "electricity_correlations",
    "solar_predictions",
    "model_evaluations",
    "pipeline_runs",
}


def _tables(conn: psycopg.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
    ).fetchall()
    return sorted(row["table_name"] for row in rows)


def _empty_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
        conn.execute(f"CREATE DATABASE {name}".encode())
    return admin_url.replace("/postgres?", f"/{name}?")


def test_migrations_create_every_design_table_then_are_a_no_op(
    pg_admin_url: str, monkeypatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", _empty_database(pg_admin_url, "empty_once"))
    from lambdas.core.settings import get_settings

    get_settings.cache_clear()
    with connect() as conn:
        first = migrate(conn)
        assert first == [version for version, _ in migration_files()]
        tables = _tables(conn)
        second = migrate(conn)
        assert second == []
        assert _tables(conn) == tables
        applied = conn.execute("SELECT count(*) AS n FROM schema_migrations").fetchone()
    get_settings.cache_clear()
    assert set(tables) >= DESIGN_TABLES
    assert applied is not None
    assert applied["n"] == len(first)


def test_concurrent_migrate_applies_each_file_once(pg_admin_url: str) -> None:
    url = _empty_database(pg_admin_url, "empty_concurrent")

    def run() -> list[str]:
        with psycopg.connect(url) as conn:
            return migrate(conn)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: run(), range(4)))
    every_version = [version for version, _ in migration_files()]
    applied = [v for result in results for v in result]
    assert sorted(applied) == sorted(every_version)
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    assert [row[0] for row in rows] == every_version


def test_measurements_reject_a_row_not_on_the_hour(db: psycopg.Connection) -> None:
    try:
        db.execute(
            "INSERT INTO electricity_measurements (zone, datetime)"
            " VALUES ('X', '2024-01-01T00:30Z')"
        )
    except psycopg.errors.CheckViolation:
        return
    raise AssertionError("a half-hour datetime was accepted")
