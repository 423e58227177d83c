"""Known sensitive values go in through every door; none comes out in a stored row, a log
line or an API error. Responses may carry them only where the caller asked for its own
content back (none of the calls here do: they scan, not echo)."""

from __future__ import annotations

import logging

import pytest
from samples import POLICY
from sqlalchemy import MetaData, select

SEEDS = ("4111 1111 1111 1111", "4111111111111111", "078-05-1120", "078051120",
         "jane.roe@example.com", "5555 5555 5555 4444")  # fmt: skip
TEXT = ("card 4111 1111 1111 1111, ssn 078-05-1120, mail jane.roe@example.com, "
        "second card 5555 5555 5555 4444")  # fmt: skip


def _dump(api) -> str:  # type: ignore[no-untyped-def]
    meta = MetaData()
    meta.reflect(bind=api.state.db)
    out = []
    with api.state.db.connect() as conn:
        for table in meta.sorted_tables:
            for row in conn.execute(select(table)):
                out.append(repr(tuple(row)))
    return "\n".join(out)


def test_no_value_in_database_logs_or_errors(api, caplog: pytest.LogCaptureFixture) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    document = POLICY.replace("channels: [chat]", "channels: [chat, email]")
    policy = {"name": "leaks", "document": document}
    api.client.post("/v1/policies", json=policy, headers=api.headers["analyst"])
    texts = []
    for channel in ("chat", "email", "text"):
        body = {"text": TEXT, "context": {"channel": channel, "direction": "outbound",
                                          "destinations": ["x@partner.example"]}}  # fmt: skip
        reply = api.client.post("/v1/scan", json=body, headers=api.headers["agent"])
        assert reply.status_code == 200
        texts.append(reply.text)
    bad_requests = [
        {"text": TEXT, "entities": [TEXT]},
        {"text": [TEXT]},
        {"text": TEXT, "context": {"channel": TEXT}},
        {"content": {"results": TEXT}, "format": "aws_transcribe"},
        {"text": TEXT, "operators": {"PAYMENT_CARD": {"op": TEXT}}},
    ]
    for body in bad_requests:
        reply = api.client.post("/v1/redact", json=body, headers=api.headers["agent"])
        assert 400 <= reply.status_code < 500, (body, reply.status_code)
        texts.append(reply.text)
    texts.append(api.client.post("/v1/auth/token", json={"username": TEXT, "password": TEXT}).text)
    with api.state.sessions() as session:
        from callshield.store.models import Event

        assert session.query(Event).count() >= 2, "the policy should have recorded events"
    haystacks = {"database": _dump(api), "logs": caplog.text, "responses": "\n".join(texts)}
    for where, haystack in haystacks.items():
        for seed in SEEDS:
            assert seed not in haystack, f"{seed[:4]}... leaked into {where}"
    assert "****" in haystacks["database"], "evidence should carry masked previews"
