"""Masked previews and evidence: a value's shape only, a card's last four at most."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.alerts.evidence import (
    MAX_LISTED_FINDINGS,
    build_evidence,
    mask_value,
    scrub_free_text,
)

MASKS = [
    ("PAYMENT_CARD", "4111 1111 1111 4242", "**** **** **** 4242"),
    ("PAYMENT_CARD", "378282246310005", "**** **** **** 0005"),
    ("PAYMENT_CARD", "four one one one", "****"),
    ("US_SSN", "078-05-1120", "***-**-****"),
    ("EMAIL", "john.smith@example.com", "j***@*****.com"),
    ("EMAIL", "9x@mail.example.co.uk", "****@*****.uk"),
    ("PHONE", "(555) 010-9999", "(***) ***-****"),
    ("PERSON", "Ana Lopez", "*** *****"),
    ("CARD_CVV", "737", "***"),
    ("PIN", "123456", "***"),
    ("ONE_TIME_CODE", "482917", "***"),
    ("SECURITY_ANSWER", "fernandez", "***"),
    ("PASSWORD", "hunter2", "***"),
    ("IBAN", "GB82 WEST 1234 5698 7654 3212 3456 78", "**** **** **** **** **** **** **"),
]


@pytest.mark.parametrize(
    ("entity", "value", "expected"), MASKS, ids=[m[0] + ":" + m[2] for m in MASKS]
)
def test_mask_value_keeps_shape_only(entity: str, value: str, expected: str) -> None:
    assert mask_value(entity, value) == expected


def test_scrub_free_text_masks_long_digit_runs_and_mails() -> None:
    said = "card 4111-1111-1111-1111 mail ann@example.org ticket 42 ok"
    assert scrub_free_text(said) == "card ****-****-****-**** mail a***@*****.org ticket 42 ok"
    assert scrub_free_text(None) is None


def test_build_evidence(engine: Engine) -> None:
    text = "card 4111 1111 1111 1111 and SSN 078-05-1120"
    findings = engine.scan(text)
    evidence = build_evidence(findings, {"": text})
    assert evidence["entities"] == {"PAYMENT_CARD": 1, "US_SSN": 1}
    assert evidence["fingerprints"] == sorted(f.fingerprint for f in findings)
    assert [(f["entity"], f["start"], f["end"], f["preview"]) for f in evidence["findings"]] == [
        ("PAYMENT_CARD", 5, 24, "**** **** **** 1111"),
        ("US_SSN", 33, 44, "***-**-****"),
    ]
    assert "4111 1111 1111 1111" not in str(evidence) and "078-05-1120" not in str(evidence)


def test_build_evidence_lists_at_most_fifty_but_counts_all(engine: Engine) -> None:
    text = " ".join(["4111 1111 1111 1111"] * 60)
    evidence = build_evidence(engine.scan(text), {"": text})
    assert evidence["finding_count"] == 60 and evidence["entities"] == {"PAYMENT_CARD": 60}
    assert len(evidence["findings"]) == MAX_LISTED_FINDINGS
    assert len(evidence["fingerprints"]) == 1
