"""Known test card numbers, SSNs and an e-mail address go through record_decision (as findings,
in a justification, in comments and a suppression reason), then through delivery; no table,
log line, webhook body or syslog line holds any of them afterwards."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from tests.integration.alerts.support import (
    SECRET,
    SyslogReceiver,
    WebhookReceiver,
    add_destination,
    decide,
)

from callshield import Engine
from callshield.alerts.worker import Deliverer, DeliveryConfig
from callshield.store import incidents as repo
from callshield.store.models import Base, Incident

VALUES = [
    "4111 1111 1111 1111",
    "5555 5555 5555 4444",
    "378282246310005",
    "078-05-1120",
    "219-09-9999",
    "john.smith@example.com",
]
TEXTS = [
    "Sure, my card is 4111 1111 1111 1111 and my SSN is 078-05-1120.",
    "Use 5555-5555-5555-4444 instead, e-mail john.smith@example.com",
    "Amex 378282246310005, social 219-09-9999",
]


def forms(value: str) -> set[str]:
    """The value as written, without separators, and with dashes for spaces."""
    bare = "".join(c for c in value if c.isalnum() or c in "@.")
    return {value, bare, value.replace(" ", "-")}


def dump(session: Session) -> str:
    lines = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(text(f"SELECT * FROM {table.name}")).all():
            lines.append(f"{table.name}: " + " | ".join(str(v) for v in row))
    return "\n".join(lines)


def test_no_sensitive_value_is_stored_logged_or_sent(
    sessions: sessionmaker[Session],
    engine: Engine,
    receiver: WebhookReceiver,
    syslog_receiver: SyslogReceiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    receiver.start()
    with sessions() as session:
        add_destination(session, "hook", kind="webhook", address=receiver.url, secret=SECRET)
        add_destination(
            session, "siem", kind="syslog", address=syslog_receiver.address("tcp"), protocol="tcp"
        )
        for i, sample in enumerate(TEXTS):
            decide(
                session,
                engine,
                sample,
                actor=f"agent{i}",
                justification="customer asked, card 4111 1111 1111 1111, "
                "mail john.smith@example.com",
            )
        session.commit()
        incident = session.scalars(select(Incident).order_by(Incident.id)).first()
        assert incident is not None
        repo.add_comment(
            session, incident, "analyst1", "it was 5555 5555 5555 4444 really", incident.first_seen
        )
        repo.suppress(
            session, "f" * 64, "*", "SSN 219-09-9999 is a sample", "analyst1", incident.first_seen
        )
        session.commit()
    deliverer = Deliverer(sessions, DeliveryConfig())
    try:
        assert deliverer.drain().delivered == 6
    finally:
        deliverer.close()
    with sessions() as session:
        stored = dump(session)
        first = session.scalars(select(Incident).order_by(Incident.id)).first()
        assert first is not None
        previews = [f["preview"] for f in first.evidence["last_event_findings"]]
    assert previews == ["**** **** **** 1111", "***-**-****"]  # what is kept is the shape
    assert "justification" not in stored  # sanity: the dump is values, not column names
    # (three webhooks, answered before the deliverer went on; three syslog lines, read by the
    # receiver's thread after them)
    sent = [b.decode() for b in receiver.bodies] + [m for _, m in syslog_receiver.wait_for(3)]
    assert len(sent) == 6 and all(json.loads(b) for b in sent[:3])
    places = {"database": stored, "logs": caplog.text, "sent": "\n".join(sent)}
    for place, content in places.items():
        for value in VALUES:
            for form in forms(value):
                assert form not in content, f"a seeded value ({VALUES.index(value)}) is in {place}"
