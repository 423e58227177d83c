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
