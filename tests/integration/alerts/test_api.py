"""The incident, event, alert-destination and outbox routes over a real database, with every
role; the app's lifespan starts the delivery worker and stops it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from tests.integration.alerts.support import SAMPLE, WebhookReceiver, decide

from callshield import Engine
from callshield.api import build_state, create_app
from callshield.api.state import AppState
from callshield.config import ROLES, Secrets, load_settings
from callshield.store import incidents as repo
from callshield.store.accounts import create_api_key, create_user
from callshield.store.models import AlertDestination, OutboxMessage

SECRETS = Secrets(b"t" * 48, b"f" * 48, b"v" * 48)


@dataclass
class Api:
    client: TestClient
    auth: dict[str, dict[str, str]]
    state: AppState

    def call(self, method: str, url: str, role: str | None, **kwargs: Any) -> Any:
        headers = self.auth[role] if role else {}
        return self.client.request(method, url, headers=headers, **kwargs)


def make_state(db_url: str, tmp_path: Path, worker: bool) -> AppState:
    settings = load_settings(home=tmp_path / "home", database_url=db_url)
    state = build_state(settings, SECRETS)
    state.extras["alerts_worker"] = worker
    return state


@pytest.fixture
def api(db_url: str, tmp_path: Path, engine: Engine) -> Iterator[Api]:
    state = make_state(db_url, tmp_path, worker=False)
    auth = {}
    with state.sessions() as session:
        create_user(session, "analyst1", "correct-horse-battery-staple", "analyst", by="test")
        for role in ROLES:
            _row, made = create_api_key(session, role, role, by="test")
            auth[role] = {"Authorization": f"Bearer {made.secret}"}
        decide(session, engine)
        session.commit()
    client = TestClient(create_app(state.settings, state), raise_server_exceptions=False)
    yield Api(client, auth, state)
    client.close()
    state.db.dispose()


ROUTES = [
    ("GET", "/v1/incidents", None, {"analyst", "supervisor", "dpo"}),
    ("GET", "/v1/incidents/1", None, {"analyst", "supervisor", "dpo"}),
    ("GET", "/v1/incidents/1/comments", None, {"analyst", "supervisor", "dpo"}),
    ("GET", "/v1/events", None, {"analyst", "supervisor", "dpo"}),
    ("PATCH", "/v1/incidents/1", {}, {"analyst"}),
    ("POST", "/v1/incidents/1/comments", {"body": "checked"}, {"analyst"}),
    ("POST", "/v1/incidents/1/false-positive", {"suppress": False}, {"analyst"}),
    ("GET", "/v1/alert-destinations", None, set()),
    ("GET", "/v1/outbox", None, set()),
    ("GET", "/v1/outbox/dead", None, set()),
    ("POST", "/v1/outbox/requeue", {}, set()),
]


@pytest.mark.parametrize(
    ("method", "url", "body", "allowed"), ROUTES, ids=[f"{m} {u}" for m, u, _, _ in ROUTES]
)
def test_route_roles(api: Api, method: str, url: str, body: Any, allowed: set[str]) -> None:
    assert api.call(method, url, None, json=body).status_code == 401
    for role in ROLES:
        reply = api.call(method, url, role, json=body)
        if role in allowed | {"admin"}:
            assert 200 <= reply.status_code < 300, (role, reply.text)
        else:
            assert reply.status_code == 403, role
            assert reply.headers["content-type"] == "application/problem+json"


def test_list_filter_and_get(api: Api) -> None:
    listed = api.call("GET", "/v1/incidents?status=open&severity=high", "supervisor").json()
    assert [(i["id"], i["event_count"], i["actor"]) for i in listed] == [(1, 1, "agent7")]
    assert api.call("GET", "/v1/incidents?status=resolved", "dpo").json() == []
    one = api.call("GET", "/v1/incidents/1", "dpo").json()
    assert one["evidence"]["entities"] == {"EMAIL": 1, "PAYMENT_CARD": 1, "US_SSN": 1}
    assert api.call("GET", "/v1/incidents/99", "dpo").status_code == 404
    events = api.call("GET", "/v1/events?incident_id=1", "analyst").json()
    assert [(e["id"], e["action"], e["rule_id"]) for e in events] == [(1, "block", "cards-out")]


def test_lifecycle_over_the_api(api: Api) -> None:
    reply = api.call(
        "PATCH", "/v1/incidents/1", "analyst", json={"status": "triaged", "assignee": "analyst1"}
    )
    assert reply.status_code == 200 and reply.json()["assignee"] == "analyst1"
    assert (
        api.call("PATCH", "/v1/incidents/1", "analyst", json={"assignee": "ghost"}).status_code
        == 422
    )
    resolved = api.call("PATCH", "/v1/incidents/1", "analyst", json={"status": "resolved"})
    assert resolved.json()["status"] == "resolved" and resolved.json()["resolved_at"]
    refused = api.call("PATCH", "/v1/incidents/1", "analyst", json={"status": "triaged"})
    assert refused.status_code == 409
    assert refused.headers["content-type"] == "application/problem+json"
    assert "resolved to triaged" in refused.json()["detail"]
    reopened = api.call("PATCH", "/v1/incidents/1", "analyst", json={"status": "open"}).json()
    assert (reopened["status"], reopened["resolved_at"]) == ("open", None)
    posted = api.call("POST", "/v1/incidents/1/comments", "analyst", json={"body": "seen"})
    assert posted.status_code == 201
    bodies = [c["body"] for c in api.call("GET", "/v1/incidents/1/comments", "dpo").json()]
    assert bodies == [
        "status changed to triaged",
        "status changed to resolved",
        "status changed to open",
        "seen",
    ]


def test_false_positive_creates_a_suppression(api: Api, engine: Engine) -> None:
    card = engine.scan(SAMPLE)[0].fingerprint
    other = "0" * 64
    bad = api.call(
        "POST", "/v1/incidents/1/false-positive", "analyst", json={"fingerprints": [other]}
    )
    assert bad.status_code == 422
    reply = api.call(
        "POST",
        "/v1/incidents/1/false-positive",
        "analyst",
        json={"fingerprints": [card], "context": "chat", "reason": "test card"},
    )
    assert reply.status_code == 200, reply.text
    assert reply.json()["incident"]["status"] == "false_positive"
    assert reply.json()["suppressed"] == [card]
    with api.state.sessions() as session:
        assert repo.suppressed(session, [card, other], "chat") == {card}
        assert repo.suppressed(session, [card], "email") == set()
    again = api.call("POST", "/v1/incidents/1/false-positive", "analyst", json={})
    assert again.status_code == 200  # already a false positive: idempotent


def test_destinations_crud_and_outbox(api: Api, engine: Engine) -> None:
    made = api.call(
        "POST",
        "/v1/alert-destinations",
        "admin",
        json={
            "name": "siem",
            "kind": "webhook",
            "address": "http://127.0.0.1:9/hook",
            "secret": "s" * 32,
            "max_attempts": 1,
        },
    )
    assert made.status_code == 201, made.text
    assert made.json()["has_secret"] is True and "secret" not in made.json()
    assert (
        api.call(
            "POST",
            "/v1/alert-destinations",
            "admin",
            json={
                "name": "siem",
                "kind": "webhook",
                "address": "http://127.0.0.1:9/x",
                "secret": "s" * 32,
            },
        ).status_code
        == 409
    )
    for wrong in (
        {"kind": "webhook", "address": "http://127.0.0.1:9/x"},
        {"kind": "webhook", "address": "127.0.0.1:514", "secret": "s" * 32},
        {"kind": "syslog", "address": "http://x/y", "protocol": "udp"},
    ):
        assert (
            api.call(
                "POST", "/v1/alert-destinations", "admin", json={"name": "bad", **wrong}
            ).status_code
            == 422
        )
    patched = api.call("PATCH", "/v1/alert-destinations/1", "admin", json={"min_severity": "high"})
    assert patched.json()["min_severity"] == "high"
    assert api.call("GET", "/v1/alert-destinations/1", "analyst").status_code == 403
    with api.state.sessions() as session:
        decide(session, engine, severity="critical")
        session.commit()
    from callshield.alerts.worker import Deliverer, DeliveryConfig

    deliverer = Deliverer(api.state.sessions, DeliveryConfig(), api.state.extras["vault"].keyring)
    try:
        assert deliverer.drain().dead == 1  # port 9 refuses; one attempt allowed
    finally:
        deliverer.close()
    assert api.call("GET", "/v1/outbox", "admin").json()["counts"] == {
        "pending": 0,
        "delivered": 0,
        "dead": 1,
    }
    [dead] = api.call("GET", "/v1/outbox/dead", "admin").json()
    assert (dead["attempts"], dead["last_error"]) == (1, "webhook: ConnectError")
    assert api.call("POST", "/v1/outbox/requeue", "admin", json={"ids": [dead["id"]]}).json() == {
        "requeued": 1
    }
    with api.state.sessions() as session:
        row = session.get(OutboxMessage, dead["id"])
        assert row is not None and (row.status, row.attempts) == ("pending", 0)
    assert api.call("DELETE", "/v1/alert-destinations/1", "admin").status_code == 204
    assert api.call("GET", "/v1/outbox", "admin").json()["counts"]["pending"] == 0


def test_webhook_secrets_are_stored_sealed_and_still_sign(api: Api, engine: Engine) -> None:
    """The secret never sits in the database in clear (create and change), the receiver still
    gets correctly signed alerts, and rotating the vault key re-seals it."""
    from callshield.alerts.secrets import open_secret, reseal_all, sealed_with
    from callshield.alerts.worker import Deliverer, DeliveryConfig
    from callshield.vault.keys import derive_key

    keyring = api.state.extras["vault"].keyring
    receiver = WebhookReceiver(secret="first-webhook-secret-0123456789")
    receiver.start()
    try:
        made = api.call("POST", "/v1/alert-destinations", "admin", json={
            "name": "siem", "kind": "webhook", "address": receiver.url,
            "secret": "first-webhook-secret-0123456789"})  # fmt: skip
        assert made.status_code == 201 and made.json()["has_secret"] is True
        with api.state.sessions() as session:
            stored = session.scalars(select(AlertDestination.secret)).one()
        assert stored is not None and "first-webhook-secret" not in stored
        assert sealed_with(stored) == keyring.current.key_id
        receiver.secret = "second-webhook-secret-987654321"
        changed = api.call("PATCH", f"/v1/alert-destinations/{made.json()['id']}", "admin",
                           json={"secret": "second-webhook-secret-987654321"})  # fmt: skip
        assert changed.status_code == 200
        with api.state.sessions() as session:
            stored = session.scalars(select(AlertDestination.secret)).one()
            decide(session, engine, severity="critical")
            session.commit()
        assert stored is not None and "second-webhook-secret" not in stored
        deliverer = Deliverer(api.state.sessions, DeliveryConfig(), keyring)
        try:
            assert deliverer.drain().delivered == 1
        finally:
            deliverer.close()
        assert receiver.bad_signatures == 0 and len(receiver.acked) == 1
    finally:
        receiver.stop()
    rotated = keyring.rotated_to(derive_key(b"a-new-vault-secret-for-rotation-0123456789"))
    with api.state.sessions() as session:
        assert reseal_all(session, rotated) == 1
        session.commit()
        stored = session.scalars(select(AlertDestination.secret)).one()
    assert stored is not None and sealed_with(stored) == rotated.current.key_id
    assert open_secret(rotated, stored) == "second-webhook-secret-987654321"


def test_a_secret_stored_in_clear_still_signs_and_rotation_seals_it() -> None:
    from callshield.alerts.secrets import open_secret, seal_secret, sealed_with
    from callshield.vault.keys import Keyring, derive_key

    key = derive_key(b"the-vault-secret-for-this-test-0123456789")
    keyring = Keyring(key)
    assert (
        open_secret(keyring, "legacy-clear-secret-0123456789") == "legacy-clear-secret-0123456789"
    )
    sealed = seal_secret(key, "x" * 100)  # the longest allowed secret fits the column
    assert len(sealed) <= 200 and sealed_with(sealed) == key.key_id


def test_a_secret_sealed_with_an_unknown_key_fails_delivery_without_showing_it() -> None:
    from callshield.alerts.secrets import SecretUnavailableError, open_secret, seal_secret
    from callshield.vault.keys import Keyring, derive_key

    old = derive_key(b"an-old-vault-secret-nobody-kept-0123456789")
    sealed = seal_secret(old, "the-webhook-secret-0123456789")
    with pytest.raises(SecretUnavailableError) as failed:
        open_secret(Keyring(derive_key(b"the-current-vault-secret-0123456789ab")), sealed)
    assert old.key_id in str(failed.value) and "the-webhook-secret" not in str(failed.value)
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(SecretUnavailableError):
        open_secret(Keyring(old), tampered)


def test_the_app_starts_and_stops_the_worker(db_url: str, tmp_path: Path) -> None:
    state = make_state(db_url, tmp_path, worker=True)
    with TestClient(create_app(state.settings, state)):
        thread = state.extras["alerts_thread"].thread
        assert thread.is_alive()
    assert not thread.is_alive()
    quiet = make_state(db_url, tmp_path, worker=False)
    with TestClient(create_app(quiet.settings, quiet)):
        assert "alerts_thread" not in quiet.extras
    for made in (state, quiet):
        made.db.dispose()


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/v1/incidents/99999999999999999999", None),
        ("GET", "/v1/events?incident_id=99999999999999999999", None),
        ("GET", "/v1/incidents?actor=a%00b", None),
        ("POST", "/v1/incidents/1/comments", {"body": "nul \u0000 here"}),
        ("POST", "/v1/outbox/requeue", {"ids": [2**40]}),
        ("GET", "/v1/alert-destinations/0", None),
    ],
    ids=["huge path id", "huge query id", "nul query", "nul body", "huge ids", "zero id"],
)
def test_odd_input_is_a_422_not_a_database_error(
    api: Api, method: str, url: str, body: Any
) -> None:
    reply = api.call(method, url, "admin", json=body)
    assert reply.status_code == 422, reply.text
    assert "\u0000" not in reply.text and "99999999999999999999" not in reply.text
