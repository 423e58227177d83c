"""Real loopback receivers (a webhook HTTP server that verifies signatures and counts
idempotency keys; syslog over TCP and UDP) and helpers to record decisions."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlalchemy.orm import Session

from callshield import Engine
from callshield.alerts.transport import (
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    verify,
)
from callshield.store.incidents import RecordedEvent, record_decision
from callshield.store.models import AlertDestination

SECRET = "webhook-secret-0123456789abcdef"
CARD, SSN, EMAIL = "4111 1111 1111 1111", "078-05-1120", "john.smith@example.com"
SAMPLE = f"My card is {CARD}, SSN {SSN}, mail {EMAIL}."


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebhookReceiver:
    """A real HTTP server on 127.0.0.1 that can be stopped and started again on its port.

    `acked` counts, per idempotency key, the 2xx answers it gave; bad signatures get 401.
    `fail_with` makes it answer every request with that status instead.
    """

    def __init__(self, secret: str = SECRET) -> None:
        self.port = free_port()
        self.secret = secret
        self.acked: Counter[str] = Counter()
        self.bad_signatures = 0
        self.truncated = 0
        self.requests = 0
        self.bodies: list[bytes] = []
        self.fail_with: int | None = None
        self.delay_s = 0.0
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/alerts"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                declared = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(declared)
                if len(body) < declared:  # the sender died mid-request (kill -9)
                    receiver.truncated += 1
                    return
                status = receiver.handle(body, self.headers)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_args: Any) -> None:
                pass

        ThreadingHTTPServer.allow_reuse_address = True
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def handle(self, body: bytes, headers: Any) -> int:
        """`headers` is http.server's case-insensitive message."""
        if self.delay_s:
            time.sleep(self.delay_s)
        with self.lock:
            self.requests += 1
            if self.fail_with is not None:
                return self.fail_with
            signature = headers.get(SIGNATURE_HEADER, "")
            stamp = headers.get(TIMESTAMP_HEADER, "")
            if not verify(self.secret, stamp, body, signature):
                self.bad_signatures += 1
                return 401
            self.acked[headers[IDEMPOTENCY_HEADER]] += 1
            self.bodies.append(body)
            return 200

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


class SyslogReceiver:
    """RFC 5424 messages over TCP (RFC 6587 octet counting) and UDP, on loopback."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str]] = []  # (protocol, message)
        self.lock = threading.Lock()
        receiver = self

        class Tcp(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                while True:
                    length = b""
                    while (char := self.rfile.read(1)) not in (b" ", b""):
                        length += char
                    if not length:
                        return
                    frame = self.rfile.read(int(length))
                    with receiver.lock:
                        receiver.messages.append(("tcp", frame.decode("utf-8")))

        class Udp(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with receiver.lock:
                    receiver.messages.append(("udp", self.request[0].decode("utf-8")))

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.tcp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Tcp)
        self.tcp.daemon_threads = True
        self.udp = socketserver.UDPServer(("127.0.0.1", 0), Udp)
        for server in (self.tcp, self.udp):
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, seconds: float = 10.0) -> list[tuple[str, str]]:
        """The messages, once `count` have arrived or `seconds` have passed: syslog has no
        acknowledgement, so a sender is done before the receiver's thread has read them."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    break
            time.sleep(0.01)
        with self.lock:
            return list(self.messages)

    def address(self, protocol: str) -> str:
        server = self.tcp if protocol == "tcp" else self.udp
        return f"127.0.0.1:{server.server_address[1]}"

    def stop(self) -> None:
        for server in (self.tcp, self.udp):
            server.shutdown()
            server.server_close()


def add_destination(session: Session, name: str, **fields: Any) -> AlertDestination:
    row = AlertDestination(name=name, **fields)
    session.add(row)
    session.commit()
    return row


def decide(
    session: Session,
    engine: Engine,
    text: str = SAMPLE,
    *,
    actor: str = "agent7",
    rule_id: str | None = "cards-out",
    action: str = "block",
    severity: str = "high",
    now: datetime | None = None,
    simulated: bool = False,
    justification: str | None = None,
) -> RecordedEvent | None:
    """One decision on `text`, recorded the way the scan endpoint's hook does."""
    findings = engine.scan(text)
    return record_decision(
        session,
        now=now or datetime.now(UTC),
        actor=actor,
        actor_role="agent",
        channel="chat",
        direction="outbound",
        document_id="doc-1",
        policy_id=1,
        policy_version=3,
        rule_id=rule_id,
        action=action,
        severity=severity,
        simulated=simulated,
        justification=justification,
        findings=findings,
        texts={"": text},
    )
