"""Policies over HTTP: versions with history, validation errors with line and field, the
dry-run route, and decisions applied to scans (events, incidents, suppressions)."""

from __future__ import annotations

from samples import POLICY

from callshield.store.models import CumulativeCount, Event, Incident

CARD = "4111 1111 1111 1111"


def _create(api, document: str = POLICY, name: str = "chat-cards"):  # type: ignore[no-untyped-def]
    return api.client.post("/v1/policies", json={"name": name, "document": document},
                           headers=api.headers["analyst"])  # fmt: skip


def test_versions_are_kept(api) -> None:  # type: ignore[no-untyped-def]
    made = _create(api)
    assert made.status_code == 201
    pid = made.json()["id"]
    changed = POLICY.replace("severity: high", "severity: critical")
    reply = api.client.put(f"/v1/policies/{pid}", json={"document": changed},
                           headers=api.headers["analyst"])  # fmt: skip
    assert reply.json()["version"] == 2
    history = api.client.get(f"/v1/policies/{pid}/versions", headers=api.headers["dpo"]).json()
    assert [v["version"] for v in history] == [1, 2]
    assert "critical" in history[1]["document"] and "critical" not in history[0]["document"]
    assert _create(api).status_code == 409


def test_invalid_policy_names_line_and_field(api) -> None:  # type: ignore[no-untyped-def]
    broken = POLICY.replace("- entity: PAYMENT_CARD", "- entity: PAYMENT_CRAD").replace(
        "action: redact", "action: shred"
    )
    reply = _create(api, broken)
    assert reply.status_code == 422
    assert reply.headers["content-type"] == "application/problem+json"
    errors = reply.json()["errors"]
    assert {(e["line"], e["path"]) for e in errors} >= {
        (10, "rules[0].when.entities[0].entity"), (12, "rules[0].then.action")
    }  # fmt: skip


def test_dry_run_shows_the_decision_without_recording(api) -> None:  # type: ignore[no-untyped-def]
    pid = _create(api).json()["id"]
    body = {"text": f"card {CARD}", "context": {"channel": "chat"}}
    reply = api.client.post(f"/v1/policies/{pid}/test", json=body, headers=api.headers["analyst"])
    assert reply.status_code == 200
    decision = reply.json()["decision"]
    assert decision["action"] == "redact" and decision["rule"] == "cards-in-chat"
    assert decision["notify"] == ["analyst"]
    with api.state.sessions() as session:
        assert session.query(Event).count() == 0


def test_scan_applies_active_policies_and_records_incidents(api) -> None:  # type: ignore[no-untyped-def]
    _create(api)
    body = {"text": f"card {CARD}", "context": {"channel": "chat", "direction": "outbound"}}
    for _ in range(3):
        reply = api.client.post("/v1/scan", json=body, headers=api.headers["agent"])
        assert reply.json()["decision"]["action"] == "redact"
    other = {"text": f"card {CARD}", "context": {"channel": "email"}}
    assert api.client.post("/v1/scan", json=other, headers=api.headers["agent"]).json()[
        "decision"]["action"] == "allow"  # fmt: skip
    with api.state.sessions() as session:
        events = session.query(Event).all()
        incidents = session.query(Incident).all()
        assert len(events) == 3 and len(incidents) == 1 and incidents[0].event_count == 3
        assert session.query(CumulativeCount).count() == 0  # no cumulative rule in this policy


def test_false_positive_suppression_is_honoured(api) -> None:  # type: ignore[no-untyped-def]
    _create(api)
    body = {"text": f"card {CARD}", "context": {"channel": "chat"}}
    api.client.post("/v1/scan", json=body, headers=api.headers["agent"])
    incidents = api.client.get("/v1/incidents", headers=api.headers["analyst"]).json()
    incident = incidents[0] if isinstance(incidents, list) else incidents["items"][0]
    reply = api.client.post(f"/v1/incidents/{incident['id']}/false-positive",
                            json={"reason": "test card used in training", "context": "chat"},
                            headers=api.headers["analyst"])  # fmt: skip
    assert reply.status_code in (200, 201), reply.text
    after = api.client.post("/v1/scan", json=body, headers=api.headers["agent"]).json()
    assert after["decision"]["action"] == "allow" and after["decision"]["suppressed"] == 1
    # the engine honours it: the value is no longer reported or redacted in that context...
    assert after["findings"] == [] and after["counts"] == {}
    redacted = api.client.post("/v1/redact", json=body, headers=api.headers["agent"]).json()
    assert redacted["text"] == body["text"] and redacted["findings"] == []
    # ...and only there: the same card sent by e-mail is still found and redacted
    email = {"text": f"card {CARD}", "context": {"channel": "email"}}
    elsewhere = api.client.post("/v1/redact", json=email, headers=api.headers["agent"]).json()
    assert elsewhere["text"] == "card [PAYMENT_CARD]"
    assert [f["entity"] for f in elsewhere["findings"]] == ["PAYMENT_CARD"]
