"""Events, incidents, comments and suppressions (EDGE: database). Functions take a Session and
never commit: the caller's transaction makes the event, the incident update and the outbox rows
one unit, so an alert exists exactly when its event does.

Nothing stored here is a value: evidence holds entity counts, offsets, fingerprints and masked
previews (`callshield.alerts.evidence`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from callshield.alerts.evidence import build_evidence, scrub_free_text
from callshield.alerts.outbox import (
    DestinationCache,
    enqueue_checked,
    idempotency_key,
    severity_rank,
)
from callshield.alerts.payloads import alert_payload
from callshield.core.finding import Finding
from callshield.store.db import connection_of
from callshield.store.models import Event, Incident, IncidentComment, Suppression, User
from callshield.store.statements import (
    INSERT_EVENT,
    INSERT_INCIDENT,
    JOIN_OPEN_INCIDENT,
    JOINABLE,
    SET_INCIDENT_EVIDENCE,
    transaction_lock,
)

#: Events of one actor, rule and fingerprint set within this window join one incident.
GROUP_WINDOW = timedelta(hours=24)
#: Open and triaged incidents still take events (`statements.JOINABLE`, "open", "triaged").
(OPEN, TRIAGED), RESOLVED, FALSE_POSITIVE = JOINABLE, "resolved", "false_positive"
STATUSES = (OPEN, TRIAGED, RESOLVED, FALSE_POSITIVE)
CLOSED = frozenset({RESOLVED, FALSE_POSITIVE})
#: Allowed lifecycle moves: open → triaged → resolved | false_positive, closed → open.
TRANSITIONS: Mapping[str, frozenset[str]] = {
    OPEN: frozenset({TRIAGED, RESOLVED, FALSE_POSITIVE}),
    TRIAGED: frozenset({RESOLVED, FALSE_POSITIVE, OPEN}),
    RESOLVED: frozenset({OPEN}),
    FALSE_POSITIVE: frozenset({OPEN}),
}
ALL_CONTEXTS = "*"


class IncidentError(ValueError):
    """A request the incident's state does not allow; the message names what to do."""


class TransitionError(IncidentError):
    """A lifecycle move that is not allowed from the incident's current status (HTTP 409)."""


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as `record_decision` wrote it (the row's columns), and as the API shows it.
    Building the ORM object instead cost about 80 µs of every audited request; nothing here is
    a value."""

    id: int
    occurred_at: datetime
    actor: str
    actor_role: str
    channel: str
    direction: str
    document_id: str
    policy_id: int | None
    policy_version: int | None
    rule_id: str | None
    action: str
    severity: str
    simulated: bool
    justification: str | None
    evidence: dict[str, Any]
    incident_id: int | None

    @classmethod
    def of(cls, row: Event) -> RecordedEvent:
        """A stored event (an ORM row), its time in UTC."""
        values = {name: getattr(row, name) for name in cls.__dataclass_fields__}
        return cls(**{**values, "occurred_at": utc(row.occurred_at)})


def record_decision(
    session: Session | Connection,
    *,
    now: datetime,
    actor: str,
    actor_role: str,
    channel: str,
    direction: str | None,
    document_id: str | None,
    policy_id: int | None,
    policy_version: int | None,
    rule_id: str | None,
    action: str,
    severity: str,
    simulated: bool,
    justification: str | None,
    findings: Iterable[Finding],
    texts: Mapping[str, str],
    destinations: DestinationCache | None = None,
    evidence: Mapping[str, Any] | None = None,
) -> RecordedEvent | None:
    """Record a non-allow decision as an event, group it into an incident and enqueue one alert
    per enabled destination whose `min_severity` it meets. Returns None for `allow`, else the
    event as written (a plain record, not an ORM object: the rows are written with prepared
    statements, a few per event, because this runs on every audited request). `destinations`
    caches who gets alerts; without it they are read from the database. `evidence`, when
    given, is `build_evidence(findings, texts)` already built (one scan, several decisions).

    Simulated decisions are recorded as events only: no incident, no alert, nothing enforced.
    """
    action, severity = _name(action), _name(severity)
    if action == "allow":
        return None
    if isinstance(session, Session):
        session.flush()  # changes the caller made through the ORM (a status change) count here
    values: dict[str, Any] = {
        "occurred_at": now,
        "actor": actor[:150],
        "actor_role": actor_role[:20],
        "channel": _name(channel)[:30],
        "direction": _name(direction or "")[:20],
        "document_id": (document_id or "")[:200],
        "policy_id": policy_id,
        "policy_version": policy_version,
        "rule_id": rule_id[:100] if rule_id else rule_id,
        "action": action,
        "severity": severity,
        "simulated": simulated,
        "justification": scrub_free_text(justification),
        "evidence": build_evidence(findings, texts) if evidence is None else evidence,
        "incident_id": None,
    }
    connection = connection_of(session)
    grouped = None if simulated else _group(session, connection, values, now)
    if grouped is not None:
        values["incident_id"] = grouped[0]
    rows, _count = INSERT_EVENT.run(connection, values)
    event = RecordedEvent(id=rows[0][0], **values)
    if grouped is not None:
        _enqueue_alerts(session, event, grouped, destinations or DestinationCache(ttl_s=0))
    return event


def _enqueue_alerts(
    session: Session | Connection,
    event: RecordedEvent,
    grouped: tuple[int, str, int],
    destinations: DestinationCache,
) -> None:
    """One outbox row per destination that takes the event's severity (none: no work)."""
    wanted = destinations.ids_for(session, event.severity)
    if not wanted:
        return
    incident = Incident(id=grouped[0], status=grouped[1], event_count=grouped[2])
    for destination_id in wanted:
        key = idempotency_key(event.id, destination_id, event.occurred_at)
        payload = alert_payload(event, incident, key)
        enqueue_checked(session, destination_id, event.severity, key, payload, event.occurred_at)


def group_key(actor: str, rule_id: str | None, fingerprints: Iterable[str]) -> str:
    """The identity of an incident: actor, rule and the set of fingerprints."""
    material = "\x1f".join([actor, rule_id or "", *sorted(set(fingerprints))])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _group(
    session: Session | Connection, connection: Connection, event: Mapping[str, Any], now: datetime
) -> tuple[int, str, int]:
    """The open incident this event joins (counted, severity raised, evidence merged) or a new
    one: its id, status and event count. The UPDATE comes first so that the
    evidence is read under the row's write lock (SQLite: the database's) and merged without
    losing a concurrent event's counts."""
    evidence, severity = event["evidence"], event["severity"]
    key = group_key(event["actor"], event["rule_id"], evidence["fingerprints"])
    # Writers of one group queue here until commit, so two first events cannot both open an
    # incident (PostgreSQL; on SQLite its one write lock already serialises them).
    transaction_lock(connection, f"incident\x1f{key}")
    found, _count = JOIN_OPEN_INCIDENT.run(
        connection,
        {"b_key": key, "b_since": now - GROUP_WINDOW, "b_now": now, "b_severity": severity,
         "b_rank": severity_rank(severity)},
    )  # fmt: skip
    if not found:
        return _open_incident(connection, key, event, now)
    incident_id, status, count, stored = found[0]
    merged = _merged_evidence(stored or {}, evidence)
    if merged != stored:
        SET_INCIDENT_EVIDENCE.run(connection, {"b_id": incident_id, "b_evidence": merged})
    if isinstance(session, Session):
        cached = session.identity_map.get(identity_key(Incident, incident_id))
        if cached is not None:
            session.expire(cached)  # an ORM copy the caller holds would now be stale
    return int(incident_id), str(status), int(count)


def _open_incident(
    connection: Connection, key: str, event: Mapping[str, Any], now: datetime
) -> tuple[int, str, int]:
    row = {
        "group_key": key,
        "status": OPEN,
        "severity": event["severity"],
        "rule_id": event["rule_id"],
        "actor": event["actor"],
        "event_count": 1,
        "first_seen": now,
        "last_seen": now,
        "evidence": _incident_evidence(event["evidence"]),
        "created_at": now,
        "updated_at": now,
    }
    rows, _count = INSERT_INCIDENT.run(connection, row)
    return int(rows[0][0]), OPEN, 1


def _incident_evidence(evidence: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "entities": dict(evidence["entities"]),
        "fingerprints": list(evidence["fingerprints"]),
        "last_event_findings": list(evidence["findings"]),
    }


def _merged_evidence(stored: Mapping[str, Any], evidence: Mapping[str, Any]) -> dict[str, Any]:
    """Entity totals summed, the latest event's findings kept. Bounded: the fingerprints are
    the group's identity (they never grow) and an event lists at most 50 findings."""
    merged = dict(stored)
    totals = dict(merged.get("entities") or {})
    for entity, count in evidence["entities"].items():
        totals[entity] = int(totals.get(entity, 0)) + int(count)
    merged.update(entities=totals, last_event_findings=evidence["findings"])
    return merged


def transition(session: Session, incident: Incident, to: str, now: datetime, by: str) -> None:
    """Move `incident` to status `to` or raise TransitionError; keeps the timestamps."""
    if to not in STATUSES:
        raise IncidentError(f"unknown status {to!r}; known: {', '.join(STATUSES)}")
    if to == incident.status:
        return
    if to not in TRANSITIONS[incident.status]:
        raise TransitionError(f"an incident cannot go from {incident.status} to {to}")
    incident.status = to
    incident.updated_at = now
    incident.resolved_at = now if to in CLOSED else None
    session.add(
        IncidentComment(
            incident_id=incident.id, author=by, created_at=now, body=f"status changed to {to}"
        )
    )


def assign(session: Session, incident: Incident, assignee: str | None, now: datetime) -> None:
    """Assign to an existing, active user (or unassign with None)."""
    if assignee is not None:
        user = session.scalar(select(User).where(User.username == assignee, User.active.is_(True)))
        if user is None:
            raise IncidentError("the assignee must be an existing, active user")
    incident.assignee = assignee
    incident.updated_at = now


def add_comment(
    session: Session, incident: Incident, author: str, body: str, now: datetime
) -> IncidentComment:
    """A note on an incident; long digit runs and e-mail addresses are masked first."""
    comment = IncidentComment(
        incident_id=incident.id, author=author, created_at=now, body=scrub_free_text(body) or ""
    )
    session.add(comment)
    incident.updated_at = now
    return comment


def suppress(
    session: Session, fingerprint: str, context: str, reason: str, by: str, now: datetime
) -> Suppression:
    """Suppress a fingerprint in `context` (`*` for all); idempotent per (fingerprint, context)."""
    existing = session.scalar(
        select(Suppression).where(
            Suppression.fingerprint == fingerprint, Suppression.context == context
        )
    )
    if existing is not None:
        return existing
    row = Suppression(
        fingerprint=fingerprint,
        context=context,
        created_by=by,
        created_at=now,
        reason=scrub_free_text(reason) or "",
    )
    session.add(row)
    return row


def suppressed(session: Session, fingerprints: Iterable[str], context: str) -> set[str]:
    """The fingerprints among `fingerprints` suppressed for `context` or for all contexts."""
    wanted = sorted(set(fingerprints))
    if not wanted:
        return set()
    found = session.scalars(
        select(Suppression.fingerprint).where(
            Suppression.fingerprint.in_(wanted),
            or_(Suppression.context == context, Suppression.context == ALL_CONTEXTS),
        )
    ).all()
    return set(found)


def _name(value: object) -> str:
    """Enums from the policy core are accepted as well as their string values."""
    return str(getattr(value, "value", value))


def utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
