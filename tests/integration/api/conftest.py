"""An app per test over a real database (SQLite and PostgreSQL), with users of every role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from callshield.api import build_state, create_app
from callshield.config import ROLES, Secrets, load_settings
from callshield.store.accounts import create_api_key, create_user

PASSWORD = "correct-horse-battery-staple"
SECRETS = Secrets(b"t" * 48, b"f" * 48, b"v" * 48)


@dataclass
class Api:
    client: TestClient
    headers: dict[str, dict[str, str]]  # role -> Authorization header (token)
    key_headers: dict[str, dict[str, str]]  # role -> Authorization header (API key)
    state: object


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    settings = load_settings(home=tmp_path / "home", database_url=db_url)
    state = build_state(settings, SECRETS)
    keys: dict[str, dict[str, str]] = {}
    with state.sessions() as session:
        for role in ROLES:
            create_user(session, f"{role}1", PASSWORD, role, by="test")
            _row, made = create_api_key(session, role, f"{role} key", by="test")
            keys[role] = {"Authorization": f"Bearer {made.secret}"}
        session.commit()
    client = TestClient(create_app(settings, state), raise_server_exceptions=False)
    headers = {}
    for role in ROLES:
        reply = client.post("/v1/auth/token", json={"username": f"{role}1", "password": PASSWORD})
        assert reply.status_code == 200, reply.text
        headers[role] = {"Authorization": f"Bearer {reply.json()['access_token']}"}
    yield Api(client, headers, keys, state)
    client.close()
    state.db.dispose()
