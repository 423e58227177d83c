"""Events, incident grouping, lifecycle, suppressions and the outbox rows record_decision
writes, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from tests.integration.alerts.support import SAMPLE, add_destination, decide

from callshield import Engine
from callshield.api import app as _app  # noqa: F401  (store.accounts alone is an import cycle)
from callshield.store import incidents as repo
from callshield.store.accounts import create_user
from callshield.store.models import Event, Incident, IncidentComment, OutboxMessage

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_allow_records_nothing(sessions: sessionmaker[Session], engine: Engine) -> None:
    with sessions() as session:
        assert decide(session, engine, action="allow") is None
        session.commit()
        assert count(session, Event) == count(session, Incident) == 0


def test_same_actor_rule_and_fingerprints_group_into_one_incident(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    with sessions() as session:
        first = decide(session, engine, now=T0)
        again = decide(session, engine, now=T0 + timedelta(hours=3), severity="critical")
        session.commit()
        assert first is not None and again is not None
        assert first.incident_id == again.incident_id
        incident = session.get(Incident, first.incident_id)
        assert incident is not None
        assert (incident.event_count, incident.status, incident.severity) == (2, "open", "critical")
        assert repo.utc(incident.last_seen) == T0 + timedelta(hours=3)
        assert incident.evidence["entities"] == {"EMAIL": 2, "PAYMENT_CARD": 2, "US_SSN": 2}


@pytest.mark.parametrize(
    ("change", "kwargs"),
    [
        ("other actor", {"actor": "agent8"}),
        ("other rule", {"rule_id": "ssn-out"}),
        ("other values", {"text": "Card 5555 5555 5555 4444 please"}),
        ("after the window", {"now": T0 + repo.GROUP_WINDOW + timedelta(minutes=1)}),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_different_group_opens_a_new_incident(
    sessions: sessionmaker[Session], engine: Engine, change: str, kwargs: dict[str, object]
) -> None:
    with sessions() as session:
        first = decide(session, engine, now=T0)
        options: dict[str, object] = {"now": T0 + timedelta(minutes=5), **kwargs}
        text = str(options.pop("text", SAMPLE))
        second = decide(session, engine, text, **options)  # type: ignore[arg-type]
        session.commit()
        assert first is not None and second is not None
        assert first.incident_id != second.incident_id, change
        assert count(session, Incident) == 2


def test_a_closed_incident_is_not_reused(sessions: sessionmaker[Session], engine: Engine) -> None:
    with sessions() as session:
        first = decide(session, engine, now=T0)
        assert first is not None
        incident = session.get(Incident, first.incident_id)
        assert incident is not None
        repo.transition(session, incident, "resolved", T0, by="analyst1")
        second = decide(session, engine, now=T0 + timedelta(minutes=1))
        session.commit()
        assert second is not None and second.incident_id != first.incident_id


def test_simulated_decisions_are_events_only(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    with sessions() as session:
        add_destination(session, "hook", kind="webhook", address="http://127.0.0.1:9/x")
        event = decide(session, engine, action="audit", simulated=True)
        session.commit()
        assert event is not None and event.simulated and event.incident_id is None
        assert count(session, Incident) == count(session, OutboxMessage) == 0


def test_one_outbox_row_per_enabled_destination_meeting_its_severity(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    with sessions() as session:
        add_destination(session, "all", kind="webhook", address="http://127.0.0.1:9/a")
        add_destination(
            session,
            "high",
            kind="syslog",
            address="127.0.0.1:9",
            protocol="udp",
            min_severity="high",
        )
        add_destination(
            session, "off", kind="webhook", address="http://127.0.0.1:9/b", enabled=False
        )
        decide(session, engine, severity="medium")
        decide(session, engine, severity="critical")
        session.commit()
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
        assert [(r.destination_id, r.payload["event"]["severity"]) for r in rows] == [
            (1, "medium"),
            (1, "critical"),
            (2, "critical"),
        ]
        assert len({r.idempotency_key for r in rows}) == 3
        assert all(r.status == "pending" and r.attempts == 0 for r in rows)


def test_event_incident_and_outbox_are_one_transaction(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    with sessions() as session:
        add_destination(session, "hook", kind="webhook", address="http://127.0.0.1:9/a")
        decide(session, engine)
        session.rollback()
        assert count(session, Event) == count(session, Incident) == 0
        assert count(session, OutboxMessage) == 0


LIFECYCLE = [
    ("open", "triaged", True),
    ("open", "resolved", True),
    ("open", "false_positive", True),
    ("triaged", "resolved", True),
    ("triaged", "false_positive", True),
    ("resolved", "open", True),
    ("false_positive", "open", True),
    ("resolved", "triaged", False),
    ("false_positive", "resolved", False),
    ("resolved", "false_positive", False),
    ("false_positive", "triaged", False),
]


@pytest.mark.parametrize(
    ("start", "to", "allowed"), LIFECYCLE, ids=[f"{a}->{b}" for a, b, _ in LIFECYCLE]
)
def test_lifecycle(
    sessions: sessionmaker[Session], engine: Engine, start: str, to: str, allowed: bool
) -> None:
    with sessions() as session:
        event = decide(session, engine, now=T0)
        assert event is not None
        incident = session.get(Incident, event.incident_id)
        assert incident is not None
        incident.status = start
        later = T0 + timedelta(hours=1)
        if not allowed:
            with pytest.raises(repo.TransitionError):
                repo.transition(session, incident, to, later, by="analyst1")
            assert incident.status == start
            return
        repo.transition(session, incident, to, later, by="analyst1")
        session.commit()
        assert incident.status == to and repo.utc(incident.updated_at) == later
        closed = to in ("resolved", "false_positive")
        assert (repo.utc(incident.resolved_at) if incident.resolved_at else None) == (
            later if closed else None
        )
        notes = session.scalars(select(IncidentComment.body)).all()
        assert notes == [f"status changed to {to}"]


def test_assignee_must_be_an_existing_user(sessions: sessionmaker[Session], engine: Engine) -> None:
    with sessions() as session:
        create_user(session, "analyst1", "correct-horse-battery-staple", "analyst", by="test")
        event = decide(session, engine)
        assert event is not None
        incident = session.get(Incident, event.incident_id)
        assert incident is not None
        with pytest.raises(repo.IncidentError, match="existing"):
            repo.assign(session, incident, "nobody", T0)
        repo.assign(session, incident, "analyst1", T0)
        session.commit()
        assert incident.assignee == "analyst1"


def test_suppressions_by_fingerprint_and_context(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    card, ssn, mail = (f.fingerprint for f in engine.scan(SAMPLE))
    with sessions() as session:
        assert repo.suppressed(session, [card, ssn, mail], "chat") == set()
        repo.suppress(session, card, "chat", "test card used in training", "analyst1", T0)
        repo.suppress(session, ssn, repo.ALL_CONTEXTS, "published sample", "analyst1", T0)
        again = repo.suppress(session, card, "chat", "twice", "analyst1", T0)
        session.commit()
        assert again.reason == "test card used in training"
        assert repo.suppressed(session, [card, ssn, mail], "chat") == {card, ssn}
        assert repo.suppressed(session, [card, ssn, mail], "email") == {ssn}
        assert repo.suppressed(session, [], "chat") == set()
