"""The REST API (EDGE): `create_app(settings)` wires it; nothing is built at import time."""

from callshield.api.app import build_state, create_app

__all__ = ["build_state", "create_app"]
