"""A value read from the database at most every few seconds, shared by the per-process caches
of small tables (active policies, suppressions, alert destinations): a request then costs no
query for them, and a change made by another process arrives within `ttl_s`."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Expiring(Generic[T]):
    """The last value `load` gave, kept for `ttl_s` seconds (0: loaded on every call) or until
    `invalidate` (a change this process made)."""

    def __init__(self, ttl_s: float) -> None:
        self._ttl = ttl_s
        self._loaded: tuple[float, T] | None = None

    def get(self, load: Callable[[], T]) -> T:
        if self._loaded is None or self._expired(self._loaded[0]):
            self._loaded = (time.monotonic(), load())
        return self._loaded[1]

    def fresh(self) -> T | None:
        """The value if it has not expired, else None (no load)."""
        if self._loaded is None or self._expired(self._loaded[0]):
            return None
        return self._loaded[1]

    def _expired(self, loaded_at: float) -> bool:
        return time.monotonic() - loaded_at >= self._ttl

    def invalidate(self) -> None:
        self._loaded = None
