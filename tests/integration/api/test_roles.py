"""Every route x every role: allowed -> 2xx, others -> 403, no credentials -> 401; and a
refused request never reaches the handler (no validation, no side effect)."""

from __future__ import annotations

import itertools

import pytest
from samples import SAMPLES

from callshield.api.auth import api_routes, declared_roles
from callshield.config import ROLES

#: Routes anyone may call.
PUBLIC = {("POST", "/v1/auth/token"), ("GET", "/v1/health")}
_counter = itertools.count()


def _routes(api) -> list[tuple[str, str, frozenset[str] | None]]:  # type: ignore[no-untyped-def]
    out = []
    for route in api_routes(api.client.app.routes):
        if not route.path.startswith("/v1/"):
            continue
        found = None
        for dep in route.dependant.dependencies:
            found = declared_roles(dep.call) or found
        for method in sorted(route.methods):
            out.append((method, route.path, found))
    return out


def test_every_route_declares_roles_or_is_public(api) -> None:  # type: ignore[no-untyped-def]
    for method, path, allowed in _routes(api):
        assert allowed is not None or (method, path) in PUBLIC, f"{method} {path} has no roles"


def test_every_route_has_a_sample(api) -> None:  # type: ignore[no-untyped-def]
    missing = [(m, p) for m, p, _ in _routes(api) if (m, p) not in SAMPLES | dict.fromkeys(PUBLIC)]
    assert not missing, f"add samples for {missing}"


def test_route_role_table(api) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for method, path, allowed in _routes(api):
        if allowed is None:
            continue
        for role in ROLES:
            for headers in (api.headers[role], api.key_headers[role]):
                verb, url, kwargs = SAMPLES[(method, path)](api, next(_counter))
                reply = api.client.request(verb, url, headers=headers, **kwargs)
                if role in allowed:
                    assert 200 <= reply.status_code < 300, (method, path, role, reply.text)
                else:
                    assert reply.status_code == 403, (method, path, role, reply.status_code)
                    assert reply.headers["content-type"] == "application/problem+json"
                checked += 1
        verb, url, kwargs = SAMPLES[(method, path)](api, next(_counter))
        assert api.client.request(verb, url, **kwargs).status_code == 401, (method, path)
    assert checked >= 2 * len(ROLES) * 8


@pytest.mark.parametrize("credential", ["nonsense", "cs1.e30.AAAA", "csk_000000000000_x"])
def test_bad_credentials_are_401(api, credential: str) -> None:  # type: ignore[no-untyped-def]
    reply = api.client.get("/v1/entities", headers={"Authorization": f"Bearer {credential}"})
    assert reply.status_code == 401
    assert reply.headers["www-authenticate"] == "Bearer"


def test_refused_request_never_reaches_the_handler(api) -> None:  # type: ignore[no-untyped-def]
    # An invalid body from the wrong role is refused for the role, not validated (403, not
    # 422), and nothing is created.
    reply = api.client.post("/v1/users", json={"username": 5}, headers=api.headers["agent"])
    assert reply.status_code == 403
    body = {"username": "sneaky", "password": "a-long-enough-password", "role": "admin"}
    assert api.client.post("/v1/users", json=body).status_code == 401
    assert api.client.post("/v1/users", json=body, headers=api.headers["dpo"]).status_code == 403
    users = api.client.get("/v1/users", headers=api.headers["admin"]).json()
    assert "sneaky" not in {u["username"] for u in users}


def test_revoked_api_key_stops_working(api) -> None:  # type: ignore[no-untyped-def]
    made = api.client.post("/v1/apikeys", json={"role": "agent"}, headers=api.headers["admin"])
    secret = made.json()["secret"]
    auth = {"Authorization": f"Bearer {secret}"}
    assert api.client.get("/v1/entities", headers=auth).status_code == 200
    key_id = made.json()["key_id"]
    assert (
        api.client.delete(f"/v1/apikeys/{key_id}", headers=api.headers["admin"]).status_code == 204
    )
    assert api.client.get("/v1/entities", headers=auth).status_code == 401
    listed = api.client.get("/v1/apikeys", headers=api.headers["admin"]).json()
    row = next(k for k in listed if k["key_id"] == key_id)
    assert row["revoked_at"] is not None and row["last_used_at"] is not None
    assert "secret" not in row


def test_scan_routes_run_directly_with_their_declared_check(api) -> None:  # type: ignore[no-untyped-def]
    # /v1/scan and /v1/redact are served by direct routes in front of the app's routes; the
    # declared APIRoutes (whose checks the table above reads) give them their check.
    routes = api.client.app.router.routes
    direct = [r for r in routes if getattr(r, "name", "").endswith("_direct")]
    assert [r.path for r in direct] == ["/v1/scan", "/v1/redact"]
    assert routes[: len(direct)] == direct
    wrong = api.client.post("/v1/scan", json={"text": 5}, headers=api.headers["admin"])
    assert wrong.status_code == 422  # validated only after the check let the role through
    bare = api.client.post("/v1/scan", json={"text": 5})
    assert bare.status_code == 401 and bare.headers["www-authenticate"] == "Bearer"


def test_a_direct_route_takes_only_the_request_and_the_principal() -> None:
    from fastapi import APIRouter, Request

    from callshield.api.auth import direct_routes, roles

    with_query, without_request = APIRouter(), APIRouter()

    @with_query.post("/v1/x")
    async def x(request: Request, limit: int, who: object = roles("agent")) -> None: ...

    @without_request.post("/v1/y")
    async def y(who: object = roles("agent")) -> None: ...

    for router in (with_query, without_request):
        with pytest.raises(TypeError, match="request, principal"):
            direct_routes(router)
