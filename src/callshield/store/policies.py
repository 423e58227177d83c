"""DLP policies in the database: versioned YAML documents with history (EDGE).

A policy's YAML text is stored per version; the active version is parsed into core
dataclasses once and cached by (policy id, version), so evaluation never re-parses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from callshield.core.entities import Catalogue
from callshield.core.policy import Policy as CorePolicy
from callshield.core.policy.model import CumulativeCount as Count
from callshield.policy_yaml import parse_policy
from callshield.store.cache import Expiring
from callshield.store.db import connection_of
from callshield.store.models import AuditRecord, CumulativeCount, Policy, PolicyVersion
from callshield.store.statements import ACTIVE_POLICIES, INSERT_COUNT, transaction_lock


class PolicyNotFoundError(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class ActivePolicy:
    id: int
    name: str
    version: int
    policy: CorePolicy


def create_policy(session: Session, name: str, document: str, by: str,
                  catalogue: Catalogue) -> Policy:  # fmt: skip
    """A new policy at version 1; the document is validated first (PolicyValidationError)."""
    parse_policy(document, catalogue=catalogue)
    row = Policy(name=name, current_version=1, active=True)
    session.add(row)
    session.flush()
    session.add(PolicyVersion(policy_id=row.id, version=1, document=document, created_by=by))
    session.add(AuditRecord(actor=by, action="policy.create", target=name, details={"version": 1}))
    return row


def update_policy(session: Session, policy_id: int, document: str, by: str,
                  catalogue: Catalogue) -> Policy:  # fmt: skip
    """A new version; earlier versions stay in the history."""
    parse_policy(document, catalogue=catalogue)
    row = get_policy(session, policy_id)
    row.current_version += 1
    row.updated_at = datetime.now(UTC)
    session.add(PolicyVersion(policy_id=row.id, version=row.current_version, document=document,
                              created_by=by))  # fmt: skip
    session.add(AuditRecord(actor=by, action="policy.update", target=row.name,
                            details={"version": row.current_version}))  # fmt: skip
    return row


def ensure_policy(session: Session, name: str, document: str, by: str) -> Policy:
    """Create `name` unless a policy of that name exists (used to load the demo policy)."""
    existing = session.scalar(select(Policy).where(Policy.name == name))
    return existing or create_policy(session, name, document, by, Catalogue())


def get_policy(session: Session, policy_id: int) -> Policy:
    row = session.get(Policy, policy_id)
    if row is None:
        raise PolicyNotFoundError(policy_id)
    return row


def version_of(session: Session, policy_id: int, version: int) -> PolicyVersion:
    row = session.scalar(select(PolicyVersion).where(PolicyVersion.policy_id == policy_id,
                                                     PolicyVersion.version == version))  # fmt: skip
    if row is None:
        raise PolicyNotFoundError(policy_id)
    return row


class PolicyCache:
    """Parsed policies by (id, version): parsing happens once per version per process, and the
    list of active versions is re-read at most every `ttl_s` seconds (a policy change reaches
    every API process within that time; 0 re-reads on every call)."""

    def __init__(self, catalogue: Catalogue, ttl_s: float = 1.0) -> None:
        self._catalogue = catalogue
        self._parsed: dict[tuple[int, int], CorePolicy] = {}
        self._active: Expiring[list[ActivePolicy]] = Expiring(ttl_s)

    def active(self, session: Session | Connection) -> list[ActivePolicy]:
        return self._active.get(lambda: self._read_active(session))

    def invalidate(self) -> None:
        self._active.invalidate()

    def known_empty(self) -> bool:
        """True when a fresh read found no active policy (nothing to evaluate, no query)."""
        found = self._active.fresh()
        return found is not None and not found

    def _read_active(self, session: Session | Connection) -> list[ActivePolicy]:
        rows, _count = ACTIVE_POLICIES.run(connection_of(session), {})
        out = []
        for policy_id, name, version, document in rows:
            key = (policy_id, version)
            if key not in self._parsed:
                self._parsed[key] = parse_policy(document, catalogue=self._catalogue)
            out.append(ActivePolicy(policy_id, name, version, self._parsed[key]))
        return out

    def parsed(self, session: Session, policy_id: int) -> ActivePolicy:
        row = get_policy(session, policy_id)
        key = (row.id, row.current_version)
        if key not in self._parsed:
            document = version_of(session, row.id, row.current_version).document
            self._parsed[key] = parse_policy(document, catalogue=self._catalogue)
        return ActivePolicy(row.id, row.name, row.current_version, self._parsed[key])


class DbHistory:
    """The policy core's `History`, read from `cumulative_counts`."""

    def __init__(self, session: Session | Connection) -> None:
        self._session = session

    def count(
        self, actor_id: str, entities: frozenset[str], *, after: datetime, until: datetime
    ) -> int:
        total = self._session.scalar(
            select(func.coalesce(func.sum(CumulativeCount.count), 0)).where(
                CumulativeCount.actor == actor_id,
                CumulativeCount.entity.in_(sorted(entities)),
                CumulativeCount.occurred_at > after,
                CumulativeCount.occurred_at <= until,
            )
        )
        return int(total or 0)


def record_counts(
    session: Session | Connection, counts: tuple[Count, ...], at: datetime | None = None
) -> None:
    """The decision's per-actor counts, in the caller's transaction (a prepared statement, not
    ORM objects: this runs on every audited request), stamped `at` when given."""
    if not counts:
        return
    connection = connection_of(session)
    for c in counts:
        row = {"actor": c.actor_id, "entity": c.entity, "occurred_at": at or c.at, "count": c.count}
        INSERT_COUNT.run(connection, row)


def serialise_actor(session: Session | Connection, actor: str) -> None:
    """Until the caller's transaction ends, hold off every other transaction that calls this for
    the same actor, so that reading the actor's history and recording its new counts is one
    step (a cumulative threshold is then crossed by exactly one event). PostgreSQL: an advisory
    lock on the actor; SQLite: nothing, the caller already holds the database's write lock."""
    transaction_lock(connection_of(session), f"cumulative\x1f{actor}")
