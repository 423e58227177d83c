"""Events, incidents, comments and suppressions (EDGE: database). Functions take a Session and
never commit: the caller's transaction makes the event, the incident update and the outbox rows
one unit, so an alert exists exactly when its event does.

Nothing stored here is a value: evidence holds entity counts, offsets, fingerprints and masked
previews (`callshield.alerts.evidence`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from callshield.alerts.evidence import build_evidence, scrub_free_text
from callshield.alerts.outbox import destinations_for, enqueue, idempotency_key, severity_rank
from callshield.alerts.payloads import alert_payload
from callshield.core.finding import Finding
from callshield.store.models import Event, Incident, IncidentComment, Suppression, User

#: Events of one actor, rule and fingerprint set within this window join one incident.
GROUP_WINDOW = timedelta(hours=24)
OPEN, TRIAGED, RESOLVED, FALSE_POSITIVE = "open", "triaged", "resolved", "false_positive"
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


def record_decision(
    session: Session,
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
) -> Event | None:
    """Record a non-allow decision as an event, group it into an incident and enqueue one alert
    per enabled destination whose `min_severity` it meets. Returns None for `allow`.

    Simulated decisions are recorded as events only: no incident, no alert, nothing enforced.
    """
    action, severity = _name(action), _name(severity)
    if action == "allow":
        return None
    evidence = build_evidence(findings, texts)
    event = Event(
        occurred_at=now,
        actor=actor[:150],
        actor_role=actor_role[:20],
        channel=_name(channel)[:30],
        direction=_name(direction or "")[:20],
        document_id=(document_id or "")[:200],
        policy_id=policy_id,
        policy_version=policy_version,
        rule_id=rule_id[:100] if rule_id else rule_id,
        action=action,
        severity=severity,
        simulated=simulated,
        justification=scrub_free_text(justification),
        evidence=evidence,
    )
    session.add(event)
    if simulated:
        session.flush()
        return event
    incident = _group(session, event, now)
    event.incident_id = incident.id
    session.flush()
    for destination in destinations_for(session, severity):
        key = idempotency_key(event.id, destination.id, now)
        enqueue(session, destination, key, alert_payload(event, incident, key), now)
    return event


def group_key(actor: str, rule_id: str | None, fingerprints: Iterable[str]) -> str:
    """The identity of an incident: actor, rule and the set of fingerprints."""
    material = "\x1f".join([actor, rule_id or "", *sorted(set(fingerprints))])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def _group(session: Session, event: Event, now: datetime) -> Incident:
    key = group_key(event.actor, event.rule_id, event.evidence["fingerprints"])
    incident = session.scalar(
        select(Incident)
        .where(
            Incident.group_key == key,
            Incident.status.in_((OPEN, TRIAGED)),
            Incident.first_seen >= now - GROUP_WINDOW,
        )
        .order_by(Incident.id.desc())
        .limit(1)
    )
    if incident is None:
        incident = Incident(
            group_key=key,
            status=OPEN,
            severity=event.severity,
            rule_id=event.rule_id,
            actor=event.actor,
            event_count=1,
            first_seen=now,
            last_seen=now,
            evidence=_incident_evidence(event),
            created_at=now,
            updated_at=now,
        )
        session.add(incident)
        session.flush()
        return incident
    incident.event_count += 1
    incident.last_seen = now
    incident.updated_at = now
    if severity_rank(event.severity) > severity_rank(incident.severity):
        incident.severity = event.severity
    merged = dict(incident.evidence)
    totals = dict(merged.get("entities") or {})
    for entity, count in event.evidence["entities"].items():
        totals[entity] = int(totals.get(entity, 0)) + int(count)
    merged.update(entities=totals, last_event_findings=event.evidence["findings"])
    incident.evidence = merged
    return incident


def _incident_evidence(event: Event) -> dict[str, Any]:
    ev = event.evidence
    return {
        "entities": dict(ev["entities"]),
        "fingerprints": list(ev["fingerprints"]),
        "last_event_findings": list(ev["findings"]),
    }


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
