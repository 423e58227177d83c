"""The vault routes over a real app and database: roles, refusals, audit, erasure, and no value
in any response (other than detokenize's), log line or stored row."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from vault_helpers import TEST_SSN, bearer, client_for, dump_tables, make_state, value_forms

from callshield import Engine
from callshield.api.routes import vault as vault_routes
from callshield.api.state import AppState
from callshield.store.models import AuditRecord, VaultEntry

CARD = "4111 1111 1111 1111"
CVV = "737"
ROLES = ("agent", "supervisor", "analyst", "dpo", "admin")
CALL = f"Sure, the card number is {CARD}, security code {CVV}, and my SSN is {TEST_SSN}."


@pytest.fixture
def state(sqlite_url: str, tmp_path: Path, engine: Engine) -> AppState:
    return make_state(sqlite_url, tmp_path / "home", engine)


@pytest.fixture
def client(state: AppState) -> Iterator[TestClient]:
    with client_for(state) as made:
        yield made


def _tokenize(
    client: TestClient, state: AppState, body: dict[str, Any], role: str = "agent"
) -> Any:
    response = client.post("/v1/tokenize", json=body, headers=bearer(state, role))
    assert response.status_code == 200, response.text
    return response.json()


def _detokenize(
    client: TestClient,
    state: AppState,
    tokens: list[str],
    role: str = "dpo",
    reason: str = "chargeback dispute",
) -> Any:
    return client.post(
        "/v1/detokenize", json={"tokens": tokens, "reason": reason}, headers=bearer(state, role)
    )


def test_values_round_trip(client: TestClient, state: AppState) -> None:
    values = [
        {"entity": "PAYMENT_CARD", "value": CARD, "subject_id": "cust-1"},
        {"entity": "US_SSN", "value": TEST_SSN},
    ]
    made = _tokenize(client, state, {"values": values})
    card, ssn = made["tokens"]
    assert card["entity"] == "PAYMENT_CARD" and card["created"] is True
    assert re.fullmatch(r"0\d{3} \d{4} \d{4} 1111", card["token"]), card
    assert ssn["token"].startswith("tok_ssn_")
    again = _tokenize(client, state, {"values": values})
    assert [t["token"] for t in again["tokens"]] == [card["token"], ssn["token"]]
    assert [t["created"] for t in again["tokens"]] == [False, False]
    response = _detokenize(client, state, [card["token"], ssn["token"]])
    assert response.status_code == 200, response.text
    assert [v["value"] for v in response.json()["values"]] == [CARD, TEST_SSN]
    assert response.headers["cache-control"] == "no-store"


def test_text_form_tokenizes_values_and_redacts_the_cvv(
    client: TestClient, state: AppState, engine: Engine, sqlite_url: str
) -> None:
    made = _tokenize(client, state, {"text": CALL, "subject_id": "cust-1"})
    text = made["text"]
    assert CARD not in text and TEST_SSN not in text
    # outside the tokens: a card token's random digits may happen to contain "737"
    untokened = text
    for token in made["tokens"]:
        untokened = untokened.replace(token["token"], "<token>")
    assert CVV not in untokened and untokened.count("<token>") == 2
    assert "[CARD_CVV]" in text
    assert {t["entity"] for t in made["tokens"]} == {"PAYMENT_CARD", "US_SSN"}
    for token in made["tokens"]:
        assert text[token["start"] : token["end"]] == token["token"]
        assert CALL[token["source_start"] : token["source_end"]] in (CARD, TEST_SSN)
    (cvv,) = made["redacted"]
    assert cvv["entity"] == "CARD_CVV" and text[cvv["start"] : cvv["end"]] == "[CARD_CVV]"
    assert CALL[cvv["source_start"] : cvv["source_end"]] == CVV
    assert "PAYMENT_CARD" not in [f.entity.name for f in engine.scan(text)]
    assert [f.entity.name for f in engine.scan(text) if f.entity.name != "CARD_CVV"] == []
    with state.sessions() as session:
        stored = session.scalars(select(VaultEntry.entity)).all()
    assert sorted(stored) == ["PAYMENT_CARD", "US_SSN"]  # the CVV was never stored
    values = [
        v["value"]
        for v in _detokenize(client, state, [t["token"] for t in made["tokens"]]).json()["values"]
    ]
    assert sorted(values) == sorted([CARD, TEST_SSN])
    again = _tokenize(client, state, {"text": CALL, "subject_id": "cust-1"})
    assert again["text"] == text


def test_text_form_entity_filter(client: TestClient, state: AppState) -> None:
    """Only the asked-for entities are tokenized; a CVV is redacted whatever the filter says."""
    made = _tokenize(client, state, {"text": CALL, "entities": ["US_SSN"]})
    assert [t["entity"] for t in made["tokens"]] == ["US_SSN"]
    (token,) = made["tokens"]
    assert CARD in made["text"] and CVV not in made["text"].replace(token["token"], "")
    assert [r["entity"] for r in made["redacted"]] == ["CARD_CVV"]


@pytest.mark.parametrize("entity", ["CARD_CVV", "PIN", "SECURITY_ANSWER"])
def test_sensitive_authentication_data_is_refused(
    client: TestClient, state: AppState, entity: str
) -> None:
    values = [{"entity": "US_SSN", "value": TEST_SSN}, {"entity": entity, "value": "7371"}]
    response = client.post("/v1/tokenize", json={"values": values}, headers=bearer(state, "agent"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert "PCI DSS 3.3" in problem["detail"] and "7371" not in response.text
    assert problem["errors"][0]["field"] == "values.1.entity"
    with state.sessions() as session:
        assert session.scalars(select(VaultEntry)).all() == []  # all or nothing


@pytest.mark.parametrize(
    "body",
    [
        {"values": [{"entity": "NOT_AN_ENTITY", "value": "4111111111111111"}]},
        {"text": "4111111111111111", "entities": ["NOT_AN_ENTITY"]},
        {"text": "4111111111111111", "values": [{"entity": "US_SSN", "value": TEST_SSN}]},
        {},
        {"values": [{"entity": "US_SSN", "value": TEST_SSN}], "entities": ["US_SSN"]},
        {"values": []},
        {"values": [{"entity": "US_SSN", "value": TEST_SSN, "subject_id": "x" * 201}]},
        {"values": [{"entity": "US_SSN", "value": TEST_SSN, "subject_id": "a\x00b"}]},
    ],
    ids=[
        "unknown-entity",
        "unknown-filter",
        "both",
        "neither",
        "filter-on-values",
        "empty",
        "long-subject",
        "nul-subject",
    ],
)
def test_invalid_tokenize_requests(client: TestClient, state: AppState, body: Any) -> None:
    response = client.post("/v1/tokenize", json=body, headers=bearer(state, "agent"))
    assert response.status_code == 422, response.text
    assert "4111111111111111" not in response.text and TEST_SSN not in response.text


ROUTES = [
    (
        "post",
        "/v1/tokenize",
        {"values": [{"entity": "US_SSN", "value": TEST_SSN}]},
        {"agent", "supervisor", "analyst", "dpo", "admin"},
    ),
    ("post", "/v1/detokenize", None, {"dpo", "admin"}),
    ("delete", "/v1/subjects/cust-1/tokens", None, {"dpo", "admin"}),
]


@pytest.mark.parametrize(("method", "path", "body", "allowed"), ROUTES, ids=[r[1] for r in ROUTES])
def test_route_role_table(
    client: TestClient, state: AppState, method: str, path: str, body: Any, allowed: set[str]
) -> None:
    token = _tokenize(client, state, {"values": [{"entity": "US_SSN", "value": TEST_SSN}]})
    if body is None and path == "/v1/detokenize":
        body = {"tokens": [token["tokens"][0]["token"]], "reason": "role table"}
    kwargs: dict[str, Any] = {"json": body} if body is not None else {}
    for role in ROLES:
        response = client.request(method, path, headers=bearer(state, role), **kwargs)
        assert response.status_code == (200 if role in allowed else 403), (role, response.text)
    assert client.request(method, path, **kwargs).status_code == 401
    declared = _declared_roles(path)
    assert declared == allowed


def _declared_roles(path: str) -> set[str]:
    """The roles the route declares, read the way the route x role table reads them."""
    template = path.replace("cust-1", "{subject_id}")
    route = next(
        r for r in vault_routes.router.routes if isinstance(r, APIRoute) and r.path == template
    )
    found = [getattr(d.call, "roles", None) for d in route.dependant.dependencies]
    (roles,) = [r for r in found if r is not None]
    return set(roles)


def test_detokenize_roles_come_from_settings(sqlite_url: str, tmp_path: Path) -> None:
    state = make_state(sqlite_url, tmp_path / "home2", detokenize_roles="analyst,supervisor")
    with client_for(state) as client:
        token = _tokenize(client, state, {"values": [{"entity": "US_SSN", "value": TEST_SSN}]})
        tokens = [token["tokens"][0]["token"]]
        assert _detokenize(client, state, tokens, role="analyst").status_code == 200
        assert _detokenize(client, state, tokens, role="supervisor").status_code == 200
        assert _detokenize(client, state, tokens, role="dpo").status_code == 403
        assert _detokenize(client, state, tokens, role="admin").status_code == 200
        assert _declared_roles("/v1/detokenize") == {"analyst", "supervisor", "admin"}


@pytest.mark.parametrize(
    "reason", [None, "", "   ", "why\x00"], ids=["missing", "empty", "blank", "nul"]
)
def test_a_reason_is_required(client: TestClient, state: AppState, reason: str | None) -> None:
    made = _tokenize(client, state, {"values": [{"entity": "US_SSN", "value": TEST_SSN}]})
    body: dict[str, Any] = {"tokens": [made["tokens"][0]["token"]]}
    if reason is not None:
        body["reason"] = reason
    response = client.post("/v1/detokenize", json=body, headers=bearer(state, "dpo"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "reason"
    with state.sessions() as session:
        assert session.scalars(select(AuditRecord.action)).all() == []


def test_detokenize_is_audited_with_who_which_and_why(client: TestClient, state: AppState) -> None:
    made = _tokenize(client, state, {"values": [{"entity": "PAYMENT_CARD", "value": CARD}]})
    token = made["tokens"][0]["token"]
    reason = "customer says 5555 5555 5555 4444 was charged twice"
    response = client.post(
        "/v1/detokenize",
        json={"tokens": [token], "reason": reason},
        headers=bearer(state, "dpo", name="dana"),
    )
    assert response.status_code == 200
    with state.sessions() as session:
        (record,) = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "vault.detokenize")
        ).all()
    assert record.actor == "dana" and record.details["role"] == "dpo"
    assert record.details["tokens"] == [token.replace(" ", "")]
    assert record.occurred_at is not None
    assert "charged twice" in record.details["reason"]
    assert "5555" not in record.details["reason"]  # the reason is scrubbed before it is kept


def test_unknown_tokens_are_404_and_audited(client: TestClient, state: AppState) -> None:
    made = _tokenize(client, state, {"values": [{"entity": "US_SSN", "value": TEST_SSN}]})
    tokens = [made["tokens"][0]["token"], "0123 4567 8901 1111", "4111111111111111"]
    response = _detokenize(client, state, tokens)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "positions [1, 2]" in response.json()["detail"]
    assert "4111" not in response.text and TEST_SSN not in response.text
    with state.sessions() as session:
        actions = session.scalars(select(AuditRecord.action)).all()
    assert actions == ["vault.detokenize_refused"]


def test_erase_refuses_a_subject_with_control_characters(
    client: TestClient, state: AppState
) -> None:
    response = client.delete("/v1/subjects/a%00b/tokens", headers=bearer(state, "dpo"))
    assert response.status_code == 422


def test_erase_subject(client: TestClient, state: AppState) -> None:
    values = [
        {"entity": "US_SSN", "value": TEST_SSN, "subject_id": "cust-1"},
        {"entity": "PAYMENT_CARD", "value": CARD, "subject_id": "cust-1"},
        {"entity": "US_SSN", "value": TEST_SSN, "subject_id": "cust-2"},
    ]
    tokens = [t["token"] for t in _tokenize(client, state, {"values": values})["tokens"]]
    response = client.delete("/v1/subjects/cust-1/tokens", headers=bearer(state, "dpo"))
    assert response.status_code == 200 and response.json() == {"erased": 2}
    assert _detokenize(client, state, tokens[:1]).status_code == 404
    assert _detokenize(client, state, tokens[2:]).json()["values"][0]["value"] == TEST_SSN
    with state.sessions() as session:
        erased = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "vault.erase_subject")
        ).one()
    assert erased.details == {"erased": 2}


def test_no_value_in_logs_errors_or_the_database(
    client: TestClient, state: AppState, sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    seeded = [CARD, TEST_SSN, "5555 5555 5555 4444", "378282246310005", CVV, "jo@example.com"]
    responses = [
        client.post(
            "/v1/tokenize",
            json={
                "text": CALL + " Email jo@example.com, card 5555 5555 5555 4444 or 378282246310005."
            },
            headers=bearer(state, "agent"),
        ),
        client.post(
            "/v1/tokenize",
            json={"values": [{"entity": "CARD_CVV", "value": CVV}]},
            headers=bearer(state, "agent"),
        ),
        client.post(
            "/v1/tokenize",
            json={"values": [{"entity": "PAYMENT_CARD", "value": 7}]},
            headers=bearer(state, "agent"),
        ),
        client.post(
            "/v1/detokenize",
            json={"tokens": [CARD], "reason": f"check {CARD}"},
            headers=bearer(state, "dpo"),
        ),
        client.post(
            "/v1/detokenize",
            json={"tokens": [CARD], "reason": TEST_SSN},
            headers=bearer(state, "agent"),
        ),
        client.post(
            "/v1/tokenize",
            json={"values": [{"entity": "US_SSN", "value": TEST_SSN, "extra": TEST_SSN}]},
            headers=bearer(state, "agent"),
        ),
    ]
    assert [r.status_code for r in responses] == [200, 422, 422, 404, 403, 422]
    tokens = [t["token"] for t in responses[0].json()["tokens"]]
    assert len(tokens) == 5
    assert _detokenize(client, state, tokens).status_code == 200  # writes an audit record too
    everything = "\n".join([r.text for r in responses] + [caplog.text, dump_tables(sqlite_url)])
    for value in seeded:
        for form in value_forms(value):
            # (a short value, a CVV's three digits, is looked for as a token of its own: inside
            # a longer run of digits, a time stamp's microseconds, it is chance, not a leak)
            alone = re.compile(rf"(?<![0-9A-Za-z]){re.escape(form)}(?![0-9A-Za-z])")
            leaked = form in everything if len(form) >= 6 else alone.search(everything)
            assert not leaked, f"a seeded value leaked ({len(form)} chars)"


def test_openapi_lists_the_vault_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/tokenize", "/v1/detokenize", "/v1/subjects/{subject_id}/tokens"} <= set(paths)
