"""The document pipeline: findings carry their segment, redaction uses them without detecting."""

from __future__ import annotations

from callshield import Engine
from callshield.core.document import Channel, Document, Segment
from callshield.pipeline import redact_document, scan


def test_scan_and_redact_a_call(engine: Engine) -> None:
    call = Document(
        id="call-1",
        channel=Channel.CALL,
        segments=(
            Segment(id="t1", text="can I get the card number?", speaker="agent"),
            Segment(id="t2", text="sure, 4111 1111 1111 1111", speaker="customer"),
            Segment(id="t3", text="and my email is jane@example.com", speaker="customer"),
        ),
    )
    result = scan(call, engine)
    assert [(f.segment_id, f.entity.name) for f in result.findings] == [
        ("t2", "PAYMENT_CARD"),
        ("t3", "EMAIL"),
    ]
    redacted = redact_document(call, result, engine)
    assert [s.text for s in redacted.document.segments] == [
        "can I get the card number?",
        "sure, [PAYMENT_CARD]",
        "and my email is [EMAIL]",
    ]
    assert [s.speaker for s in redacted.document.segments] == ["agent", "customer", "customer"]
    assert len(redacted.replacements["t2"]) == 1
