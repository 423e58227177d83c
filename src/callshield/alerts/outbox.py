"""The transactional outbox: enqueue alerts in the caller's transaction; claim due rows with a
lease; acknowledge, retry with exponential backoff and jitter, dead-letter; requeue.

Claims work on both databases: PostgreSQL locks candidate rows with `FOR UPDATE SKIP LOCKED`
so concurrent workers never wait on each other; SQLite (one writer at a time) claims each
candidate with a conditional UPDATE that only succeeds while the row is still unleased.
A worker that dies mid-delivery loses its lease when `locked_until` passes, and the row is
claimed again: delivery is at least once, and receivers dedup by idempotency key.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, or_, select, update
from sqlalchemy.orm import Session

from callshield.store.cache import Expiring
from callshield.store.db import connection_of
from callshield.store.models import AlertDestination, OutboxMessage
from callshield.store.statements import ENABLED_DESTINATIONS, ENQUEUE_CHECKED, SEVERITY_RANKS

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
#: low < medium < high < critical (the prepared statements rank them in SQL the same way).
SEVERITIES: tuple[str, ...] = tuple(SEVERITY_RANKS)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with full jitter: attempt n waits uniform(base*2^(n-1)/2, that)."""

    base_s: float = 2.0
    max_s: float = 900.0

    def delay(self, attempts: int, rng: random.Random | None = None) -> float:
        ceiling = min(self.max_s, self.base_s * (2 ** max(attempts - 1, 0)))
        return (rng or random).uniform(ceiling / 2, ceiling)


@dataclass(frozen=True, slots=True)
class Claimed:
    """A claimed outbox row with what delivering it needs (read once, outside the lease)."""

    id: int
    idempotency_key: str
    payload: dict[str, Any]
    attempts: int
    destination_id: int
    kind: str
    address: str
    protocol: str
    secret: str | None
    max_attempts: int


def severity_rank(severity: str) -> int:
    """Position of `severity` in low < medium < high < critical; unknown names rank lowest."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else 0


def idempotency_key(event_id: int, destination_id: int, occurred_at: datetime) -> str:
    """Stable for one event and destination, different across databases' equal ids."""
    seed = f"callshield-alert:{event_id}:{destination_id}:{occurred_at.isoformat()}"
    return hashlib.sha256(seed.encode()).hexdigest()[:40]


class DestinationCache:
    """(id, min_severity) of the enabled destinations, re-read at most every `ttl_s` seconds,
    so recording an event costs no query for them. The API invalidates it when a destination
    changes in this process; a change made by another process arrives within `ttl_s`. A stale
    entry is harmless: `enqueue_checked` re-checks the destination in its INSERT."""

    def __init__(self, ttl_s: float = 1.0) -> None:
        self._enabled: Expiring[tuple[tuple[int, str], ...]] = Expiring(ttl_s)

    def ids_for(self, session: Session | Connection, severity: str) -> list[int]:
        """Ids of the enabled destinations whose `min_severity` an alert of `severity` meets."""
        enabled = self._enabled.get(lambda: _enabled_destinations(session))
        rank = severity_rank(severity)
        return [i for i, least in enabled if rank >= severity_rank(least)]

    def invalidate(self) -> None:
        self._enabled.invalidate()


def _enabled_destinations(session: Session | Connection) -> tuple[tuple[int, str], ...]:
    rows, _count = ENABLED_DESTINATIONS.run(connection_of(session), {})
    return tuple((int(i), str(least)) for i, least in rows)


def enqueue_checked(
    session: Session | Connection,
    destination_id: int,
    severity: str,
    key: str,
    payload: dict[str, Any],
    now: datetime,
) -> bool:
    """Add one outbox row, in the caller's transaction, only if the destination still exists,
    is enabled and takes `severity` (one INSERT ... SELECT, so a destination deleted by another
    process since it was cached costs a skipped row, not a failed transaction). True if added."""
    values = {"b_destination": destination_id, "b_key": key, "b_payload": payload, "b_now": now,
              "b_rank": severity_rank(severity)}  # fmt: skip
    _rows, added = ENQUEUE_CHECKED.run(connection_of(session), values)
    return added == 1


def enqueue(
    session: Session,
    destination: AlertDestination,
    key: str,
    payload: dict[str, Any],
    now: datetime,
) -> OutboxMessage:
    """Add one outbox row; it commits (or not) with the caller's transaction."""
    row = OutboxMessage(
        destination_id=destination.id,
        idempotency_key=key,
        payload=payload,
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row


def claim(
    session: Session, now: datetime, lease: timedelta, limit: int, due_by: datetime | None = None
) -> list[Claimed]:
    """Lease up to `limit` rows due by `due_by` (default: now) to this worker and commit the
    lease; returns them."""
    due = (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status == PENDING,
            OutboxMessage.next_attempt_at <= (due_by or now),
            or_(OutboxMessage.locked_until.is_(None), OutboxMessage.locked_until < now),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(limit)
    )
    until = now + lease
    if session.get_bind().dialect.name == "postgresql":
        ids = list(session.scalars(due.with_for_update(skip_locked=True)).all())
        if ids:
            session.execute(
                update(OutboxMessage)
                .execution_options(synchronize_session=False)
                .where(OutboxMessage.id.in_(ids))
                .values(locked_until=until, attempts=OutboxMessage.attempts + 1)
            )
    else:
        # One statement: SQLite runs it under its single write lock, so the rows it picks
        # are still unleased when it leases them; RETURNING says which they were.
        ids = list(
            session.scalars(
                update(OutboxMessage)
                .execution_options(synchronize_session=False)
                .where(OutboxMessage.id.in_(due.scalar_subquery()))
                .values(locked_until=until, attempts=OutboxMessage.attempts + 1)
                .returning(OutboxMessage.id)
            ).all()
        )
    session.commit()
    return _load(session, ids)


def _load(session: Session, ids: list[int]) -> list[Claimed]:
    if not ids:
        return []
    rows = session.execute(
        select(OutboxMessage, AlertDestination)
        .join(AlertDestination, AlertDestination.id == OutboxMessage.destination_id)
        .where(OutboxMessage.id.in_(ids))
        .order_by(OutboxMessage.id)
        .execution_options(populate_existing=True)
    ).all()
    return [
        Claimed(
            m.id,
            m.idempotency_key,
            dict(m.payload),
            m.attempts,
            d.id,
            d.kind,
            d.address,
            d.protocol,
            d.secret,
            d.max_attempts,
        )
        for m, d in rows
    ]


def acknowledge(session: Session, row_id: int, now: datetime) -> None:
    """The receiver took it: delivered, lease released. The caller commits."""
    session.execute(
        update(OutboxMessage)
        .execution_options(synchronize_session=False)
        .where(OutboxMessage.id == row_id, OutboxMessage.status == PENDING)
        .values(status=DELIVERED, delivered_at=now, locked_until=None, last_error=None)
    )


def fail(
    session: Session,
    item: Claimed,
    error: str,
    now: datetime,
    backoff: Backoff,
    rng: random.Random | None = None,
) -> str:
    """A failed try: retry later with backoff, or dead-letter after `max_attempts`. `error`
    names the problem (status code, exception type), never content. Returns the new status."""
    status = DEAD if item.attempts >= item.max_attempts else PENDING
    delay = timedelta(seconds=backoff.delay(item.attempts, rng))
    session.execute(
        update(OutboxMessage)
        .execution_options(synchronize_session=False)
        .where(OutboxMessage.id == item.id, OutboxMessage.status == PENDING)
        .values(
            status=status, locked_until=None, last_error=error[:500], next_attempt_at=now + delay
        )
    )
    return status


def release(session: Session, item: Claimed, now: datetime, delay: timedelta) -> None:
    """Give a claimed row back untried (its destination just proved unreachable): the claim's
    attempt is not counted, and it is due again after `delay`."""
    session.execute(
        update(OutboxMessage)
        .execution_options(synchronize_session=False)
        .where(OutboxMessage.id == item.id, OutboxMessage.status == PENDING)
        .values(attempts=OutboxMessage.attempts - 1, locked_until=None, next_attempt_at=now + delay)
    )


def requeue(session: Session, now: datetime, ids: list[int] | None = None) -> int:
    """Dead letters (all, or those in `ids`) back to pending with a fresh attempt budget."""
    query = (
        update(OutboxMessage)
        .execution_options(synchronize_session=False)
        .where(OutboxMessage.status == DEAD)
    )
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    result = session.execute(
        query.values(status=PENDING, attempts=0, next_attempt_at=now, locked_until=None)
    )
    return int(getattr(result, "rowcount", 0))


def counts(session: Session) -> dict[str, int]:
    """Rows per status (pending, delivered, dead), zeros included."""
    found = dict(
        session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    )
    return {s: int(found.get(s, 0)) for s in (PENDING, DELIVERED, DEAD)}


def utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back naive; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
