"""One valid request per route, so that the route x role table can expect 2xx when allowed.

Each sample is a function of the Api fixture and a counter (for unique names) returning
(method, url, keyword arguments for the test client). A route without a sample fails the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Sample = Callable[[Any, int], tuple[str, str, dict[str, Any]]]
SAMPLES: dict[tuple[str, str], Sample] = {}


def sample(method: str, path: str) -> Callable[[Sample], Sample]:
    def register(func: Sample) -> Sample:
        SAMPLES[(method, path)] = func
        return func

    return register


@sample("GET", "/v1/entities")
def _entities(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/entities", {}


@sample("POST", "/v1/scan")
def _scan(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/v1/scan", {"json": {"text": "card 4111 1111 1111 1111"}}


@sample("POST", "/v1/redact")
def _redact(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/v1/redact", {"json": {"text": "card 4111 1111 1111 1111"}}


@sample("POST", "/v1/users")
def _add_user(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    body = {"username": f"made{n}", "password": "a-long-enough-password", "role": "agent"}
    return "POST", "/v1/users", {"json": body}


@sample("GET", "/v1/users")
def _users(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/users", {}


@sample("POST", "/v1/apikeys")
def _add_key(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/v1/apikeys", {"json": {"role": "agent", "name": f"k{n}"}}


@sample("GET", "/v1/apikeys")
def _keys(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/apikeys", {}


@sample("DELETE", "/v1/apikeys/{key_id}")
def _revoke(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    made = api.client.post("/v1/apikeys", json={"role": "agent"}, headers=api.headers["admin"])
    return "DELETE", f"/v1/apikeys/{made.json()['key_id']}", {}


POLICY = """\
version: 1
name: test
default: allow
rules:
  - id: cards-in-chat
    priority: 10
    when:
      channels: [chat]
      entities:
        - entity: PAYMENT_CARD
    then:
      action: redact
      severity: high
      notify: [analyst]
"""


def make_policy(api: Any, n: int) -> int:
    body = {"name": f"p{n}", "document": POLICY}
    made = api.client.post("/v1/policies", json=body, headers=api.headers["admin"])
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


@sample("POST", "/v1/policies")
def _create_policy(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/v1/policies", {"json": {"name": f"made{n}", "document": POLICY}}


@sample("GET", "/v1/policies")
def _policies(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/policies", {}


@sample("GET", "/v1/policies/{policy_id}")
def _policy(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", f"/v1/policies/{make_policy(api, n)}", {}


@sample("PUT", "/v1/policies/{policy_id}")
def _update_policy(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "PUT", f"/v1/policies/{make_policy(api, n)}", {"json": {"document": POLICY}}


@sample("GET", "/v1/policies/{policy_id}/versions")
def _versions(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", f"/v1/policies/{make_policy(api, n)}/versions", {}


@sample("POST", "/v1/policies/{policy_id}/test")
def _test_policy(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    body = {"text": "card 4111 1111 1111 1111", "context": {"channel": "chat"}}
    return "POST", f"/v1/policies/{make_policy(api, n)}/test", {"json": body}


@sample("POST", "/v1/tokenize")
def _tokenize(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    body = {"values": [{"entity": "PAYMENT_CARD", "value": "4111 1111 1111 1111"}]}
    return "POST", "/v1/tokenize", {"json": body}


@sample("POST", "/v1/detokenize")
def _detokenize(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    body = {"values": [{"entity": "US_SSN", "value": "078-05-1120", "subject_id": f"s{n}"}]}
    made = api.client.post("/v1/tokenize", json=body, headers=api.headers["admin"]).json()
    token = made["tokens"][0]["token"]
    return "POST", "/v1/detokenize", {"json": {"tokens": [token], "reason": "subject request"}}


@sample("DELETE", "/v1/subjects/{subject_id}/tokens")
def _erase(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "DELETE", f"/v1/subjects/subject-{n}/tokens", {}


def make_incident(api: Any, n: int) -> int:
    """A policy and a scan that it turns into an incident; the incident's id."""
    make_policy(api, n)
    body = {"text": "card 4111 1111 1111 1111", "context": {"channel": "chat"}}
    api.client.post("/v1/scan", json=body, headers=api.headers["agent"])
    found = api.client.get("/v1/incidents", headers=api.headers["admin"]).json()
    return int(found[0]["id"])


def make_destination(api: Any, n: int) -> int:
    body = {
        "name": f"d{n}",
        "kind": "webhook",
        "address": "http://127.0.0.1:9/hook",
        "secret": "a-webhook-signing-secret",
    }
    made = api.client.post("/v1/alert-destinations", json=body, headers=api.headers["admin"])
    assert made.status_code == 201, made.text
    return int(made.json()["id"])


@sample("GET", "/v1/incidents")
def _incidents(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/incidents", {}


@sample("GET", "/v1/incidents/{incident_id}")
def _incident(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", f"/v1/incidents/{make_incident(api, n)}", {}


@sample("PATCH", "/v1/incidents/{incident_id}")
def _assign(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "PATCH", f"/v1/incidents/{make_incident(api, n)}", {"json": {"assignee": "analyst1"}}


@sample("GET", "/v1/incidents/{incident_id}/comments")
def _comments(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", f"/v1/incidents/{make_incident(api, n)}/comments", {}


@sample("POST", "/v1/incidents/{incident_id}/comments")
def _comment(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    url = f"/v1/incidents/{make_incident(api, n)}/comments"
    return "POST", url, {"json": {"body": "looked at it"}}


@sample("POST", "/v1/incidents/{incident_id}/false-positive")
def _false_positive(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    url = f"/v1/incidents/{make_incident(api, n)}/false-positive"
    return "POST", url, {"json": {"reason": "training data"}}


@sample("GET", "/v1/events")
def _events(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/events", {}


@sample("GET", "/v1/alert-destinations")
def _destinations(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/alert-destinations", {}


@sample("POST", "/v1/alert-destinations")
def _add_destination(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    body = {"name": f"made{n}", "kind": "syslog", "address": "127.0.0.1:6514", "protocol": "tcp"}
    return "POST", "/v1/alert-destinations", {"json": body}


@sample("GET", "/v1/alert-destinations/{destination_id}")
def _destination(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", f"/v1/alert-destinations/{make_destination(api, n)}", {}


@sample("PATCH", "/v1/alert-destinations/{destination_id}")
def _change_destination(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    url = f"/v1/alert-destinations/{make_destination(api, n)}"
    return "PATCH", url, {"json": {"enabled": False}}


@sample("DELETE", "/v1/alert-destinations/{destination_id}")
def _delete_destination(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "DELETE", f"/v1/alert-destinations/{make_destination(api, n)}", {}


@sample("GET", "/v1/outbox")
def _outbox(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/outbox", {}


@sample("GET", "/v1/outbox/dead")
def _dead(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "GET", "/v1/outbox/dead", {}


@sample("POST", "/v1/outbox/requeue")
def _requeue(api: Any, n: int) -> tuple[str, str, dict[str, Any]]:
    return "POST", "/v1/outbox/requeue", {"json": {}}
