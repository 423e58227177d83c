"""Fixtures: real loopback receivers and a migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker
from tests.integration.alerts.support import SyslogReceiver, WebhookReceiver

from callshield.store.db import make_engine, session_factory


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    made = WebhookReceiver()
    yield made
    made.stop()


@pytest.fixture
def syslog_receiver() -> Iterator[SyslogReceiver]:
    made = SyslogReceiver()
    yield made
    made.stop()


@pytest.fixture
def sessions(db_url: str) -> Iterator[sessionmaker[Session]]:
    db = make_engine(db_url)
    yield session_factory(db)
    db.dispose()
