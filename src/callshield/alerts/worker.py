"""The delivery worker: claim due outbox rows, deliver each, acknowledge it at once (so a crash
re-sends at most the one in flight), or schedule a retry / dead-letter it.

Runs in the API process as a background thread (`DeliveryThread`, started and stopped by the
app's lifespan) and on its own as `callshield alerts deliver [--once]`. Any number of workers
may run against one database: leases keep them off each other's rows.
"""

from __future__ import annotations

import logging
import random
import threading
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.orm import Session, sessionmaker

from callshield.alerts.outbox import Backoff, Claimed, acknowledge, claim, fail, release
from callshield.alerts.secrets import SecretUnavailableError, open_secret
from callshield.alerts.transport import DeliveryError, post_webhook, send_syslog
from callshield.vault.keys import Keyring

log = logging.getLogger("callshield.alerts")


@dataclass(frozen=True, slots=True)
class DeliveryConfig:
    """How the worker paces itself. Tests use short backoffs and polls."""

    batch_size: int = 50
    lease_s: float = 60.0
    timeout_s: float = 5.0
    poll_s: float = 1.0
    backoff: Backoff = field(default_factory=Backoff)


@dataclass(frozen=True, slots=True)
class BatchResult:
    delivered: int = 0
    retried: int = 0
    dead: int = 0

    @property
    def claimed(self) -> int:
        return self.delivered + self.retried + self.dead


class Deliverer:
    """One worker's connection pool and the loop body; not shared between threads."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        config: DeliveryConfig,
        keyring: Keyring | None = None,
        write_lock: AbstractContextManager[Any] | None = None,
    ) -> None:
        self.sessions = sessions
        self.config = config
        #: Held around each write and its commit, never around a delivery: the app's SQLite
        #: write lock (`store.db.WriteLock`), so that audited requests queue behind these
        #: short writes instead of meeting SQLite's busy sleep-and-retry.
        self.write_lock: AbstractContextManager[Any] = write_lock or nullcontext()
        self.keyring = keyring  # opens the destinations' sealed secrets
        self.client = httpx.Client(timeout=config.timeout_s, follow_redirects=False)
        self.rng = random.Random()

    def close(self) -> None:
        self.client.close()

    def run_batch(self, due_by: datetime | None = None) -> BatchResult:
        """Claim one batch (of rows due by `due_by`, default now) and deliver it. Once a
        destination refuses a connection, its other rows in the batch are given back untried
        rather than knocking on a closed door fifty times."""
        lease = timedelta(seconds=self.config.lease_s)
        outcomes: list[str] = []
        with self.sessions() as session:
            with self.write_lock:
                items = claim(session, _now(), lease, self.config.batch_size, due_by)
            unreachable: set[int] = set()
            for item in items:
                if item.destination_id in unreachable:
                    delay = timedelta(seconds=self.config.backoff.delay(1, self.rng))
                    with self.write_lock:
                        release(session, item, _now(), delay)
                        session.commit()
                    outcomes.append("pending")
                    continue
                outcomes.append(self._deliver(session, item, unreachable))
            session.commit()
        return BatchResult(
            outcomes.count("delivered"), outcomes.count("pending"), outcomes.count("dead")
        )

    def drain(self, stop: threading.Event | None = None) -> BatchResult:
        """Deliver what was due when called, until none is left (or `stop` is set): one pass,
        so a failing row retried with a short backoff is not hammered within it."""
        total, started = BatchResult(), _now()
        while stop is None or not stop.is_set():
            batch = self.run_batch(started)
            total = BatchResult(
                total.delivered + batch.delivered,
                total.retried + batch.retried,
                total.dead + batch.dead,
            )
            if batch.claimed == 0:
                break
        return total

    def _deliver(self, session: Session, item: Claimed, unreachable: set[int]) -> str:
        try:
            self._send(item)
        except Exception as exc:  # any failure counts as a try, so a poison row dead-letters
            if not isinstance(exc, DeliveryError):
                exc = DeliveryError(f"internal: {type(exc).__name__}")
            if exc.unreachable:
                unreachable.add(item.destination_id)
            with self.write_lock:
                status = fail(session, item, str(exc), _now(), self.config.backoff, self.rng)
                session.commit()
            log.warning(
                "event=alert_delivery_failed outbox_id=%d destination_id=%d attempt=%d "
                "status=%s error=%s",
                item.id,
                item.destination_id,
                item.attempts,
                status,
                exc,
            )
            return status
        with self.write_lock:
            acknowledge(session, item.id, _now())
            session.commit()
        return "delivered"

    def _send(self, item: Claimed) -> None:
        if item.kind == "webhook":
            try:
                secret = open_secret(self.keyring, item.secret) if item.secret else None
            except SecretUnavailableError as exc:  # retried, then dead-lettered, with the key id
                raise DeliveryError(str(exc)) from None
            post_webhook(self.client, item.address, item.payload, item.idempotency_key, secret)
        elif item.kind == "syslog":
            send_syslog(item.address, item.protocol or "tcp", item.payload, self.config.timeout_s)
        else:
            raise DeliveryError(f"unknown destination kind {item.kind!r}")


def run_forever(deliverer: Deliverer, stop: threading.Event) -> None:
    """Deliver until `stop` is set, sleeping `poll_s` when nothing is due. A database error
    is logged (by type) and retried after a poll, so a restarting database stops nothing."""
    while not stop.is_set():
        try:
            claimed = deliverer.drain(stop).claimed
        except Exception as exc:  # the loop must outlive any one failure
            log.error("event=alert_worker_error error=%s", type(exc).__name__)
            claimed = 0
        if claimed == 0:
            stop.wait(deliverer.config.poll_s)


class DeliveryThread:
    """The worker as a daemon thread of the API process, stopped cleanly on shutdown."""

    def __init__(self, deliverer: Deliverer) -> None:
        self.stop_event = threading.Event()
        self.deliverer = deliverer
        self.thread = threading.Thread(
            target=run_forever,
            args=(self.deliverer, self.stop_event),
            name="callshield-alerts",
            daemon=True,
        )

    def start(self) -> None:
        self.thread.start()
        log.info("event=alert_worker_started")

    def stop(self, timeout: float = 10.0) -> None:
        self.stop_event.set()
        if self.thread.is_alive():
            self.thread.join(timeout)
        self.deliverer.close()
        log.info("event=alert_worker_stopped")


def _now() -> datetime:
    return datetime.now(UTC)
