"""Shared fixtures. The engine is immutable and thread-safe, so one per session is enough."""

from __future__ import annotations

import pytest

from callshield import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(fingerprint_key=b"test-fingerprint-key-0123456789ab")
