"""Sending one alert: a signed webhook POST (httpx) or a syslog message over TCP (RFC 6587
octet counting) or UDP. Errors become `DeliveryError` naming the problem, never the content.
"""

from __future__ import annotations

import hashlib
import hmac
import socket
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx

from callshield.alerts.payloads import json_body, syslog_line

SIGNATURE_HEADER = "X-Callshield-Signature"
IDEMPOTENCY_HEADER = "X-Callshield-Idempotency-Key"
TIMESTAMP_HEADER = "X-Callshield-Timestamp"


class DeliveryError(Exception):
    """A try that failed; the message is safe to store (`last_error`) and to log.
    `unreachable` means no connection was made, so the destination's other alerts can wait."""

    def __init__(self, message: str, *, unreachable: bool = False) -> None:
        super().__init__(message)
        self.unreachable = unreachable


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256 over `timestamp.` + body, so a captured request cannot be
    replayed later with a fresh timestamp."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does: constant-time comparison of the expected signature."""
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def webhook_request(
    payload: Mapping[str, Any], key: str, secret: str | None, now: float
) -> tuple[bytes, dict[str, str]]:
    """The body and headers of one webhook delivery."""
    body = json_body(payload)
    timestamp = str(int(now))
    headers = {
        "Content-Type": "application/json",
        IDEMPOTENCY_HEADER: key,
        TIMESTAMP_HEADER: timestamp,
        "User-Agent": "callshield-alerts/1",
    }
    if secret:
        headers[SIGNATURE_HEADER] = sign(secret, timestamp, body)
    return body, headers


def post_webhook(
    client: httpx.Client, url: str, payload: Mapping[str, Any], key: str, secret: str | None
) -> None:
    """Deliver to a webhook; any 2xx is an acknowledgement."""
    body, headers = webhook_request(payload, key, secret, time.time())
    try:
        reply = client.post(url, content=body, headers=headers)
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        raise DeliveryError(f"webhook: {type(exc).__name__}", unreachable=True) from None
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook: {type(exc).__name__}") from None
    if not 200 <= reply.status_code < 300:
        raise DeliveryError(f"webhook: HTTP {reply.status_code}")


def send_syslog(address: str, protocol: str, payload: Mapping[str, Any], timeout: float) -> None:
    """One RFC 5424 message to `host:port`: TCP with octet counting, or one UDP datagram."""
    host, _, port_text = address.rpartition(":")
    if not host or not port_text.isdigit():
        raise DeliveryError("syslog: address must be host:port")
    line = syslog_line(payload, socket.gethostname(), datetime.now(UTC)).encode("utf-8")
    target = (host.strip("[]"), int(port_text))
    try:
        if protocol == "udp":
            with socket.socket(_family(target[0]), socket.SOCK_DGRAM) as sock:
                sock.sendto(line, target)
            return
        with socket.create_connection(target, timeout=timeout) as sock:
            sock.sendall(str(len(line)).encode() + b" " + line)
    except OSError as exc:
        unreachable = isinstance(exc, ConnectionRefusedError | TimeoutError)
        raise DeliveryError(
            f"syslog {protocol or 'tcp'}: {type(exc).__name__}", unreachable=unreachable
        ) from None


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
