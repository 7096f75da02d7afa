"""Apply the versioned SQL migrations in `migrations/`, once each, safely from many processes."""

from importlib import resources
from typing import Any

import psycopg
from psycopg.rows import tuple_row

from lambdas.core.observability import logger

# Any constant works; it only has to be the same in every process that migrates.
_MIGRATION_LOCK_KEY = 4_170_209_318


def migration_files() -> list[tuple[str, str]]:
    """(version, SQL) of every migration, in the order they must run (file name order)."""
    folder = resources.files("lambdas.core") / "migrations"
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".sql")),
        key=lambda entry: entry.name,
    )
    return [(entry.name.removesuffix(".sql"), entry.read_text(encoding="utf-8")) for entry in files]


def applied_versions(conn: psycopg.Connection[Any]) -> set[str]:
    """Versions already recorded in `schema_migrations`."""
    rows = conn.cursor(row_factory=tuple_row).execute("SELECT version FROM schema_migrations")
    return {row[0] for row in rows}


def migrate(conn: psycopg.Connection[Any]) -> list[str]:
    """Apply every pending migration, each in its own transaction; return the versions applied.

    A session-level advisory lock serialises concurrent callers: the second waits, then finds
    nothing left to do.
    """
    conn.autocommit = True
    conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK_KEY,))
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = applied_versions(conn)
        applied: list[str] = []
        for version, sql in migration_files():
            if version in done:
                continue
            with conn.transaction():
                conn.execute(sql.encode())
                conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
            logger.info("migration applied", version=version)
            applied.append(version)
        return applied
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK_KEY,))
