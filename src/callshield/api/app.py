"""create_app(settings): the FastAPI application, wired once per process."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from callshield.api import problems
from callshield.api.auth import direct_routes
from callshield.api.routes import accounts, auth, meta, scanning
from callshield.api.state import AppState
from callshield.config import Secrets, Settings, resolve_secrets
from callshield.engine import Engine
from callshield.store.db import make_engine, session_factory

log = logging.getLogger("callshield.api")


def build_state(settings: Settings, secrets: Secrets | None = None) -> AppState:
    """Everything the app holds: resolved secrets, the engine (fingerprints keyed by the
    configured key, so they are stable across processes) and the database."""
    secrets = secrets or resolve_secrets(settings)
    db = make_engine(settings.resolved_database_url)
    engine = Engine(fingerprint_key=secrets.fingerprint_key)
    return AppState(settings, secrets, engine, db, session_factory(db))


def create_app(settings: Settings, state: AppState | None = None) -> FastAPI:
    state = state or build_state(settings)
    app = FastAPI(
        title="Callshield",
        version="0.1.0",
        description="Data-privacy and DLP for contact centers. Errors are RFC 9457 problem+json.",
    )
    app.state.callshield = state
    problems.install(app)
    for module in (scanning, auth, accounts, meta):
        app.include_router(module.router)
    _extend(app, state)
    # The scan routes take nearly every request: they go first (the router tries its routes
    # in turn), as direct routes (see `direct_routes`)
    app.router.routes[0:0] = direct_routes(scanning.router)
    app.add_middleware(problems.BodyLimit, limit=settings.max_request_bytes)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _extend(app: FastAPI, state: AppState) -> None:
    """Capabilities that plug into the spine (policies, incidents, vault, streaming)."""
    import importlib

    for name in ("incidents", "policies", "vault", "streaming"):
        try:
            module = importlib.import_module(f"callshield.api.routes.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"callshield.api.routes.{name}":
                raise
            continue
        app.include_router(module.router)
        setup = getattr(module, "setup", None)
        if setup is not None:
            setup(state)


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)  # fmt: skip
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    request = scanning.ScanRequest.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in request.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["ScanRequest"] = request
    components["Problem"] = {
        "type": "object",
        "properties": {k: {"type": t} for k, t in (("type", "string"), ("title", "string"),
                       ("status", "integer"), ("detail", "string"), ("errors", "array"))},
    }  # fmt: skip
    app.openapi_schema = schema
    return schema


def app_from_environment() -> FastAPI:
    """The app for `uvicorn --factory` worker processes: settings from the environment (the
    parent `callshield serve` has already migrated the database and bootstrapped the admin)."""
    import gc

    from callshield.config import load_settings

    app = create_app(load_settings())
    gc.collect()
    gc.freeze()  # the engine and lexicons stay out of full collections (see freeze_heap)
    return app
