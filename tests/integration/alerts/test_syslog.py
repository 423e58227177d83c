"""Syslog delivery to real loopback receivers: RFC 5424 over TCP (RFC 6587 octet counting)
and UDP, with a CEF payload whose fields we check."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy.orm import Session, sessionmaker
from tests.integration.alerts.support import (
    CARD,
    EMAIL,
    SSN,
    SyslogReceiver,
    add_destination,
    decide,
)

from callshield import Engine
from callshield.alerts.worker import Deliverer, DeliveryConfig

RFC5424 = re.compile(
    r"^<(?P<pri>\d{1,3})>1 (?P<ts>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (?P<host>\S+) "
    r"(?P<app>callshield) (?P<procid>-) (?P<msgid>alert) (?P<sd>\[callshield@32473 [^\]]*\]) "
    r"(?P<msg>CEF:0\|.*)$"
)


@pytest.mark.parametrize("protocol", ["tcp", "udp"])
def test_syslog_receiver_gets_rfc5424_with_cef(
    sessions: sessionmaker[Session],
    engine: Engine,
    syslog_receiver: SyslogReceiver,
    protocol: str,
) -> None:
    with sessions() as session:
        add_destination(
            session,
            "siem",
            kind="syslog",
            address=syslog_receiver.address(protocol),
            protocol=protocol,
        )
        event = decide(session, engine, severity="critical", rule_id="pci|cards=out")
        session.commit()
        assert event is not None
        event_id, incident_id = event.id, event.incident_id
    deliverer = Deliverer(sessions, DeliveryConfig())
    try:
        assert deliverer.drain().delivered == 1
    finally:
        deliverer.close()
    deadline = time.monotonic() + 10
    while not syslog_receiver.messages and time.monotonic() < deadline:
        time.sleep(0.01)
    [(got_protocol, line)] = syslog_receiver.messages
    assert got_protocol == protocol
    match = RFC5424.match(line)
    assert match, line
    assert int(match["pri"]) == 13 * 8 + 2  # facility log audit, severity critical
    assert f'eventId="{event_id}"' in match["sd"]
    header, extension = _cef(match["msg"])
    assert header == [
        "CEF:0",
        "Callshield",
        "Callshield",
        "0.1.0",
        "pci\\|cards=out",
        "DLP block on chat",
        "10",
    ]
    assert extension["act"] == "block" and extension["suser"] == "agent7"
    assert extension["cs1"] == "pci|cards\\=out" and extension["cs1Label"] == "rule"
    assert extension["cs4"] == "EMAIL:1,PAYMENT_CARD:1,US_SSN:1"
    assert extension["externalId"] == str(event_id) and extension["cs5"] == str(incident_id)
    # whole values, as written and without separators: a 4-digit prefix such as "4111" can
    # turn up inside a hex key by chance (it did: "idempotencyKey=41111e12...")
    for value in (CARD, SSN, EMAIL):
        for form in {value, value.replace(" ", ""), value.replace("-", "")}:
            assert form not in line


def _cef(message: str) -> tuple[list[str], dict[str, str]]:
    """Split CEF's seven header fields (pipes escaped as `\\|`) and its key=value extension."""
    fields = re.split(r"(?<!\\)\|", message, maxsplit=7)
    header, rest = fields[:7], fields[7]
    pairs = re.findall(r"(\w+)=((?:[^=\\]|\\.)*?)(?= \w+=|$)", rest)
    return header, dict(pairs)
