"""Helpers for the vault tests (unit and integration): an app over a real database, bearer
headers per role, a plain-text dump of every table for leak checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select
from sqlalchemy.orm import Session, sessionmaker

from callshield import Engine
from callshield.api.app import build_state, create_app
from callshield.api.state import AppState
from callshield.config import Secrets, load_settings
from callshield.credentials import issue_token
from callshield.store.db import make_engine, session_factory

VAULT_SECRET = b"vault-secret-one-0123456789abcdef-0123456789"
NEW_VAULT_SECRET = b"vault-secret-two-fedcba9876543210-fedcba9876"
SECRETS = Secrets(
    token_signing_key=b"token-signing-key-for-vault-tests-0123456789",
    fingerprint_key=b"test-fingerprint-key-0123456789ab",
    vault_key=VAULT_SECRET,
)
#: Published test card numbers (they pass Luhn and name a real issuer range).
TEST_CARDS = (
    "4111111111111111",
    "5555555555554444",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "5105105105105100",
    "4012888888881881",
    "3530111333300000",
    "30569309025904",
    "4222222222222",
)
TEST_SSN = "078-05-1120"


def make_state(
    url: str, home: Path, engine: Engine | None = None, secrets: Secrets = SECRETS, **overrides: Any
) -> AppState:
    """The app's state over `url`; pass the session's engine to skip building one (its
    fingerprint key is the one in SECRETS)."""
    settings = load_settings(home=home, database_url=url, **overrides)
    if engine is None:
        return build_state(settings, secrets)
    db = make_engine(url)
    return AppState(settings, secrets, engine, db, session_factory(db))


@contextmanager
def client_for(state: AppState) -> Iterator[TestClient]:
    app = create_app(state.settings, state)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def bearer(state: AppState, role: str, name: str | None = None) -> dict[str, str]:
    token = issue_token(state.secrets.token_signing_key, name or f"{role}-1", role, 600)
    return {"Authorization": f"Bearer {token}"}


def sessions(url: str) -> sessionmaker[Session]:
    return session_factory(make_engine(url))


def dump_tables(url: str) -> str:
    """Every row of every table as text (bytes as latin-1), for "no value stored" checks."""
    engine = make_engine(url)
    meta = MetaData()
    meta.reflect(engine)
    lines: list[str] = []
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                cells = [c.decode("latin-1") if isinstance(c, bytes) else str(c) for c in row]
                lines.append(f"{table.name}: " + " | ".join(cells))
    engine.dispose()
    return "\n".join(lines)


def value_forms(value: str) -> tuple[str, ...]:
    """A value as written and as its bare digits (when it has at least 4)."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return (value, digits) if len(digits) >= 4 and digits != value else (value,)
