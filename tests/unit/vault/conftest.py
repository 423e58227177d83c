"""Vault test fixtures: a migrated SQLite database per test and a vault over it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker
from vault_helpers import NEW_VAULT_SECRET, VAULT_SECRET, sessions

from callshield.store.db import upgrade
from callshield.vault import Keyring, Vault, keyring_from


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to head; each test gets a copy (migrating takes seconds)."""
    path = tmp_path_factory.mktemp("template") / "callshield.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        source = migrated_sqlite.with_name(migrated_sqlite.name + suffix)
        if source.exists():
            shutil.copyfile(source, tmp_path / ("callshield.db" + suffix))
    return f"sqlite:///{tmp_path / 'callshield.db'}"


@pytest.fixture
def session_maker(sqlite_url: str) -> Iterator[sessionmaker[Session]]:
    made = sessions(sqlite_url)
    yield made
    bind = made.kw["bind"]
    bind.dispose()


@pytest.fixture
def keyring() -> Keyring:
    return keyring_from(VAULT_SECRET)


@pytest.fixture
def new_keyring() -> Keyring:
    """The new secret current, the old one kept for reading: the ring during a rotation."""
    return keyring_from(NEW_VAULT_SECRET, [VAULT_SECRET])


@pytest.fixture
def vault(keyring: Keyring) -> Vault:
    return Vault(keyring)
