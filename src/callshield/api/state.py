"""What the app holds for its lifetime: settings, secrets, the engine (built once, with the
configured fingerprint key, so fingerprints are stable across processes), the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine as DbEngine
from sqlalchemy.orm import Session, sessionmaker

from callshield.config import Secrets, Settings
from callshield.engine import Engine


@dataclass(slots=True)
class AppState:
    settings: Settings
    secrets: Secrets
    engine: Engine
    db: DbEngine
    sessions: sessionmaker[Session]
    extras: dict[str, Any] = field(default_factory=dict)
