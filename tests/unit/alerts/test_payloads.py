"""Webhook signing, backoff bounds and the CEF/RFC 5424 formatting (escaping included)."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from callshield.alerts.outbox import Backoff, severity_rank
from callshield.alerts.payloads import cef_message, json_body, syslog_line
from callshield.alerts.transport import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    sign,
    verify,
    webhook_request,
)

PAYLOAD = {
    "idempotency_key": "k1",
    "event": {
        "id": 7,
        "occurred_at": "2026-03-01T09:00:00+00:00",
        "actor": "agent=7",
        "action": "block",
        "channel": "email",
        "severity": "medium",
        "rule_id": "a|b\\c",
        "policy_id": 2,
        "policy_version": 5,
    },
    "incident": {"id": 3, "event_count": 4},
    "evidence": {"entities": {"US_SSN": 2, "PAYMENT_CARD": 1}},
}


def test_webhook_signature_covers_timestamp_and_body() -> None:
    body, headers = webhook_request(PAYLOAD, "k1", "s" * 32, now=1_700_000_000.9)
    assert body == json_body(PAYLOAD)
    assert headers[IDEMPOTENCY_HEADER] == "k1" and headers[TIMESTAMP_HEADER] == "1700000000"
    signature = headers[SIGNATURE_HEADER]
    assert signature.startswith("sha256=") and len(signature) == 7 + 64
    assert verify("s" * 32, "1700000000", body, signature)
    assert not verify("s" * 32, "1700000001", body, signature)
    assert not verify("s" * 32, "1700000000", body + b" ", signature)
    assert not verify("t" * 32, "1700000000", body, signature)
    assert sign("k", "1", b"{}") == sign("k", "1", b"{}")


def test_no_secret_no_signature_header() -> None:
    _body, headers = webhook_request(PAYLOAD, "k1", None, now=0)
    assert SIGNATURE_HEADER not in headers


@pytest.mark.parametrize("attempts", [1, 2, 5, 30])
def test_backoff_grows_exponentially_with_jitter_and_a_cap(attempts: int) -> None:
    backoff = Backoff(base_s=2.0, max_s=60.0)
    ceiling = min(60.0, 2.0 * 2 ** (attempts - 1))
    delays = [backoff.delay(attempts, random.Random(seed)) for seed in range(50)]
    assert all(ceiling / 2 <= d <= ceiling for d in delays)
    assert len(set(delays)) > 1


def test_severity_rank() -> None:
    ranks = [severity_rank(s) for s in ("low", "medium", "high", "critical", "bogus")]
    assert ranks == [0, 1, 2, 3, 0]


def test_cef_escapes_header_pipes_and_extension_equals() -> None:
    message = cef_message(PAYLOAD)
    assert message.startswith("CEF:0|Callshield|Callshield|0.1.0|a\\|b\\\\c|DLP block on email|5|")
    assert "suser=agent\\=7 " in message and "act=block " in message
    assert "cs4=PAYMENT_CARD:1,US_SSN:2 " in message and "cnt=4" in message
    assert "rt=1772355600000 " in message


def test_syslog_line_header() -> None:
    line = syslog_line(PAYLOAD, "host name\n", datetime(2026, 3, 1, 9, 0, 1, 5000, tzinfo=UTC))
    assert line.startswith(
        "<108>1 2026-03-01T09:00:01.005Z hostname callshield - alert "
        '[callshield@32473 eventId="7" idempotencyKey="k1"] CEF:0|'
    )
