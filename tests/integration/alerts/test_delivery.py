"""The outbox, end to end over loopback: 1,000 alerts produced while the webhook receiver is
down are all delivered once it is back, exactly once each when nothing crashes; dead letters
and requeue; leases keep concurrent workers apart. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from tests.integration.alerts.support import SECRET, WebhookReceiver, add_destination, decide

from callshield import Engine
from callshield.alerts import outbox
from callshield.alerts.outbox import Backoff
from callshield.alerts.worker import Deliverer, DeliveryConfig
from callshield.store.models import OutboxMessage

FAST = DeliveryConfig(
    batch_size=50, lease_s=5.0, timeout_s=2.0, poll_s=0.05, backoff=Backoff(base_s=0.02, max_s=0.1)
)


def produce(sessions: sessionmaker[Session], engine: Engine, n: int) -> None:
    """`n` alerts, each from its own decision in its own transaction."""
    texts = [f"card 4111 1111 1111 1111 ticket {i}" for i in range(n)]
    for i, text in enumerate(texts):
        with sessions() as session:
            decide(session, engine, text, actor=f"agent{i % 7}")
            session.commit()


def deliver_until_done(deliverer: Deliverer, sessions: sessionmaker[Session], n: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        deliverer.drain()
        with sessions() as session:
            if outbox.counts(session)["delivered"] == n:
                return
        time.sleep(0.05)
    raise AssertionError("not everything was delivered within 60 s")


def test_thousand_alerts_survive_a_stopped_receiver(
    sessions: sessionmaker[Session], engine: Engine, receiver: WebhookReceiver
) -> None:
    with sessions() as session:
        add_destination(
            session, "siem", kind="webhook", address=receiver.url, secret=SECRET, max_attempts=50
        )
    produce(sessions, engine, 1000)
    deliverer = Deliverer(sessions, FAST)
    try:
        down = deliverer.drain()  # the receiver is not listening: every try fails, none lost
        assert (down.delivered, down.retried, down.dead) == (0, 1000, 0)
        with sessions() as session:
            assert outbox.counts(session) == {"pending": 1000, "delivered": 0, "dead": 0}
        receiver.start()
        deliver_until_done(deliverer, sessions, 1000)
    finally:
        deliverer.close()
    with sessions() as session:
        keys = set(session.scalars(select(OutboxMessage.idempotency_key)).all())
    assert len(receiver.acked) == 1000 and set(receiver.acked) == keys
    assert max(receiver.acked.values()) == 1, "a key was acknowledged twice"
    assert receiver.bad_signatures == 0


def test_dead_letter_after_max_attempts_then_requeue(
    sessions: sessionmaker[Session], engine: Engine, receiver: WebhookReceiver
) -> None:
    receiver.fail_with = 500
    receiver.start()
    with sessions() as session:
        add_destination(
            session, "hook", kind="webhook", address=receiver.url, secret=SECRET, max_attempts=3
        )
        decide(session, engine)
        session.commit()
    deliverer = Deliverer(sessions, FAST)
    try:
        for _ in range(200):
            deliverer.drain()
            with sessions() as session:
                if outbox.counts(session)["dead"] == 1:
                    break
            time.sleep(0.02)
        with sessions() as session:
            row = session.scalars(select(OutboxMessage)).one()
            assert (row.status, row.attempts, row.last_error) == ("dead", 3, "webhook: HTTP 500")
        assert receiver.requests == 3
        receiver.fail_with = None
        deliverer.drain()  # dead letters are not retried
        assert receiver.requests == 3
        with sessions() as session:
            assert outbox.requeue(session, datetime.now(UTC)) == 1
            session.commit()
        assert deliverer.drain().delivered == 1
    finally:
        deliverer.close()
    assert list(receiver.acked.values()) == [1]


def test_a_bad_signature_is_refused_and_retried(
    sessions: sessionmaker[Session], engine: Engine, receiver: WebhookReceiver
) -> None:
    receiver.start()
    with sessions() as session:
        add_destination(
            session,
            "hook",
            kind="webhook",
            address=receiver.url,
            secret="another-secret-0123456789abcdef",
        )
        decide(session, engine)
        session.commit()
    deliverer = Deliverer(sessions, FAST)
    try:
        assert deliverer.drain().retried == 1
    finally:
        deliverer.close()
    assert receiver.bad_signatures == 1 and not receiver.acked


def test_concurrent_claims_never_share_a_row(
    sessions: sessionmaker[Session], engine: Engine
) -> None:
    with sessions() as session:
        add_destination(session, "hook", kind="webhook", address="http://127.0.0.1:9/x")
    produce(sessions, engine, 200)
    claimed: list[list[int]] = [[], [], []]

    def worker(mine: list[int]) -> None:
        while True:
            with sessions() as session:
                got = outbox.claim(session, datetime.now(UTC), timedelta(minutes=5), 7)
            if not got:
                return
            mine.extend(item.id for item in got)

    threads = [threading.Thread(target=worker, args=(c,)) for c in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    every = [i for c in claimed for i in c]
    assert len(every) == len(set(every)) == 200


def test_an_expired_lease_is_claimed_again(sessions: sessionmaker[Session], engine: Engine) -> None:
    with sessions() as session:
        add_destination(session, "hook", kind="webhook", address="http://127.0.0.1:9/x")
        decide(session, engine)
        session.commit()
        now = datetime.now(UTC)
        first = outbox.claim(session, now, timedelta(seconds=30), 10)
        assert [c.attempts for c in first] == [1]
        assert outbox.claim(session, now + timedelta(seconds=10), timedelta(seconds=30), 10) == []
        again = outbox.claim(session, now + timedelta(seconds=31), timedelta(seconds=30), 10)
        assert [(c.id, c.attempts) for c in again] == [(first[0].id, 2)]


def test_a_row_that_cannot_be_formatted_is_dead_lettered_not_looped(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as session:
        siem = add_destination(
            session, "siem", kind="syslog", address="127.0.0.1:9", protocol="udp", max_attempts=2
        )
        outbox.enqueue(session, siem, "broken", {}, datetime.now(UTC))
        session.commit()
    deliverer = Deliverer(sessions, FAST)
    try:
        results = []
        for _ in range(2):
            time.sleep(0.15)  # past the short backoff
            results.append(deliverer.drain())
    finally:
        deliverer.close()
    assert [(r.retried, r.dead) for r in results] == [(1, 0), (0, 1)]
    with sessions() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.status, row.last_error) == ("dead", "internal: KeyError")


class _RecordingLock:
    """A write lock that records how many writes it guarded and whether a delivery ever
    happened while it was held."""

    def __init__(self, receiver: WebhookReceiver) -> None:
        self.held = False
        self.entered = 0
        self.receiver = receiver
        self.seen_while_held: list[int] = []

    def __enter__(self) -> None:
        self.held, self.entered = True, self.entered + 1
        self.seen_while_held.append(self.receiver.requests)

    def __exit__(self, *_exc: object) -> None:
        assert self.receiver.requests == self.seen_while_held[-1]  # no send under the lock
        self.held = False


def test_the_worker_takes_the_write_lock_for_its_writes_only(
    sessions: sessionmaker[Session], engine: Engine, receiver: WebhookReceiver
) -> None:
    with sessions() as session:
        add_destination(session, "siem", kind="webhook", address=receiver.url, secret=SECRET)
    produce(sessions, engine, 5)
    receiver.start()
    lock = _RecordingLock(receiver)
    deliverer = Deliverer(sessions, FAST, write_lock=lock)
    try:
        deliver_until_done(deliverer, sessions, 5)
    finally:
        deliverer.close()
    assert lock.entered >= 6  # the claim, then one acknowledgement per alert
    assert not lock.held
