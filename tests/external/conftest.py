"""Fixtures for the external-case tables: one engine per module (building one takes ~0.5 s)."""

from __future__ import annotations

import pytest

from callshield import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(fingerprint_key=b"external-cases-fingerprint-key-01")
