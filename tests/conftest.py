"""Shared fixtures. The engine is immutable and thread-safe, so one per session is enough."""

from __future__ import annotations

import pytest

from callshield import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(fingerprint_key=b"test-fingerprint-key-0123456789ab")


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One real PostgreSQL server for the session (started on first use, stopped at the end)."""
    from pg import PostgresServer

    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, migrated database: SQLite in a temporary file, or a new PostgreSQL database."""
    from callshield.store.db import upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'callshield.db'}"
    else:
        url = request.getfixturevalue("pg_server").create_database()
    upgrade(url)
    return url
