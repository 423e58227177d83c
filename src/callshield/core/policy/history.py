"""The read side of cumulative counting: how much of an entity an actor moved in a time window.

The platform implements `History` over its database; `InMemoryHistory` serves tests, the
benchmark and single-process tools. Evaluation only reads; the caller records
`Decision.counts` after acting, so an event is never counted twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Protocol

from callshield.core.policy.model import CumulativeCount


class History(Protocol):
    """Past counts per actor, read-only."""

    def count(
        self, actor_id: str, entities: frozenset[str], *, after: datetime, until: datetime
    ) -> int:
        """The sum of recorded counts of `entities` by `actor_id` with `after < at <= until`."""
        ...


class InMemoryHistory:
    """A `History` in memory, by actor, for tests and single-process use (not thread-safe for
    writes). It keeps everything it is given; a long-running user should prune old counts."""

    __slots__ = ("_by_actor",)

    def __init__(self, counts: Iterable[CumulativeCount] = ()) -> None:
        self._by_actor: dict[str, list[CumulativeCount]] = {}
        self.record(counts)

    def record(self, counts: Iterable[CumulativeCount]) -> None:
        """Keep the counts a decision asked the caller to persist."""
        for count in counts:
            self._by_actor.setdefault(count.actor_id, []).append(count)

    def count(
        self, actor_id: str, entities: frozenset[str], *, after: datetime, until: datetime
    ) -> int:
        return sum(
            c.count
            for c in self._by_actor.get(actor_id, ())
            if c.entity in entities and after < c.at <= until
        )

    def __len__(self) -> int:
        return sum(len(counts) for counts in self._by_actor.values())


class EmptyHistory:
    """A `History` that has never seen anything: for callers without storage yet."""

    __slots__ = ()

    def count(
        self, actor_id: str, entities: frozenset[str], *, after: datetime, until: datetime
    ) -> int:
        return 0
