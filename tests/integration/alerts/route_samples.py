"""Samples for the route x role table (tests/integration/api/samples.py) of the incident,
event, alert-destination and outbox routes. Each sample makes what it acts on, so every call
can succeed for an allowed role. Registered by `register(sample)` from that module."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from callshield.store.incidents import record_decision
from callshield.store.models import AlertDestination

Request = tuple[str, str, dict[str, Any]]


def _incident(api: Any, n: int) -> int:
    with api.state.sessions() as session:
        event = record_decision(
            session,
            now=datetime.now(UTC),
            actor=f"sample{n}",
            actor_role="agent",
            channel="chat",
            direction="outbound",
            document_id=f"d{n}",
            policy_id=None,
            policy_version=None,
            rule_id="sample",
            action="block",
            severity="low",
            simulated=False,
            justification=None,
            findings=[],
            texts={},
        )
        session.commit()
        assert event is not None and event.incident_id is not None
        return event.incident_id


def _destination(api: Any, n: int) -> int:
    with api.state.sessions() as session:
        row = AlertDestination(
            name=f"sample-{n}", kind="syslog", address="127.0.0.1:9", protocol="udp", enabled=False
        )
        session.add(row)
        session.commit()
        return row.id


def register(sample: Callable[[str, str], Callable[[Any], Any]]) -> None:
    """Add one sample per route to the table."""
    incident = "/v1/incidents/{incident_id}"
    destination = "/v1/alert-destinations/{destination_id}"
    table: dict[tuple[str, str], Callable[[Any, int], Request]] = {
        ("GET", "/v1/incidents"): lambda api, n: ("GET", "/v1/incidents", {}),
        ("GET", incident): lambda api, n: ("GET", f"/v1/incidents/{_incident(api, n)}", {}),
        ("PATCH", incident): lambda api, n: (
            "PATCH",
            f"/v1/incidents/{_incident(api, n)}",
            {"json": {"status": "triaged"}},
        ),
        ("GET", incident + "/comments"): lambda api, n: (
            "GET",
            f"/v1/incidents/{_incident(api, n)}/comments",
            {},
        ),
        ("POST", incident + "/comments"): lambda api, n: (
            "POST",
            f"/v1/incidents/{_incident(api, n)}/comments",
            {"json": {"body": "seen"}},
        ),
        ("POST", incident + "/false-positive"): lambda api, n: (
            "POST",
            f"/v1/incidents/{_incident(api, n)}/false-positive",
            {"json": {}},
        ),
        ("GET", "/v1/events"): lambda api, n: ("GET", "/v1/events", {}),
        ("GET", "/v1/alert-destinations"): lambda api, n: ("GET", "/v1/alert-destinations", {}),
        ("POST", "/v1/alert-destinations"): lambda api, n: (
            "POST",
            "/v1/alert-destinations",
            {
                "json": {
                    "name": f"made-{n}",
                    "kind": "syslog",
                    "address": "127.0.0.1:514",
                    "protocol": "udp",
                }
            },
        ),
        ("GET", destination): lambda api, n: (
            "GET",
            f"/v1/alert-destinations/{_destination(api, n)}",
            {},
        ),
        ("PATCH", destination): lambda api, n: (
            "PATCH",
            f"/v1/alert-destinations/{_destination(api, n)}",
            {"json": {"min_severity": "high"}},
        ),
        ("DELETE", destination): lambda api, n: (
            "DELETE",
            f"/v1/alert-destinations/{_destination(api, n)}",
            {},
        ),
        ("GET", "/v1/outbox"): lambda api, n: ("GET", "/v1/outbox", {}),
        ("GET", "/v1/outbox/dead"): lambda api, n: ("GET", "/v1/outbox/dead", {}),
        ("POST", "/v1/outbox/requeue"): lambda api, n: ("POST", "/v1/outbox/requeue", {"json": {}}),
    }
    for (method, path), make in table.items():
        sample(method, path)(make)
