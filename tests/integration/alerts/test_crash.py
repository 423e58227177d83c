"""`callshield alerts deliver` as its own process against a file SQLite database (and
PostgreSQL): killed with
SIGKILL mid-delivery and restarted, it still delivers all 1,000 alerts. Duplicates are allowed
only for the one in flight whose acknowledgement died with the process (at least once); the
receiver dedups by idempotency key. SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from tests.integration.alerts.support import SECRET, WebhookReceiver, add_destination, decide

from callshield import Engine
from callshield.alerts import outbox
from callshield.store.db import make_engine, session_factory
from callshield.store.models import OutboxMessage

N = 1000


def start_worker(tmp_path: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CALLSHIELD_DATABASE_URL": url, "CALLSHIELD_HOME": str(tmp_path)}
    command = [
        sys.executable,
        "-m",
        "callshield.alerts.cli",
        "deliver",
        "--lease",
        "3",
        "--poll",
        "0.05",
        "--backoff-base",
        "0.05",
        "--backoff-max",
        "0.2",
        "--batch-size",
        "25",
    ]
    return subprocess.Popen(command, env=env, cwd=tmp_path, stderr=subprocess.DEVNULL)


def wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out after {seconds} s")


def test_kill_9_mid_delivery_loses_nothing(tmp_path: Path, engine: Engine, db_url: str) -> None:
    url = db_url  # a file SQLite database, or PostgreSQL; migrated
    db = make_engine(url)
    sessions = session_factory(db)
    receiver = WebhookReceiver()
    receiver.delay_s = 0.002  # so that the kill lands mid-delivery
    with sessions() as session:
        add_destination(
            session, "siem", kind="webhook", address=receiver.url, secret=SECRET, max_attempts=50
        )
    for start in range(0, N, 20):  # 20 decisions per transaction: production is not the point
        with sessions() as session:
            for i in range(start, start + 20):
                decide(session, engine, f"card 5555 5555 5555 4444 call {i}", actor=f"agent{i % 5}")
            session.commit()
    receiver.start()
    worker = start_worker(tmp_path, url)
    try:
        wait_for(lambda: len(receiver.acked) >= 150, 60)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        killed_at = len(receiver.acked)
        assert killed_at < N, "the worker finished before it could be killed"
        worker = start_worker(tmp_path, url)
        wait_for(lambda: len(receiver.acked) == N, 60)

        def all_acknowledged() -> bool:
            with sessions() as session:
                return outbox.counts(session)["delivered"] == N

        wait_for(all_acknowledged, 30)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(15) == 0, "SIGTERM should stop the worker cleanly"
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        receiver.stop()
    with sessions() as session:
        keys = set(session.scalars(select(OutboxMessage.idempotency_key)).all())
    db.dispose()
    assert set(receiver.acked) == keys and len(keys) == N
    duplicates = sum(n - 1 for n in receiver.acked.values())
    assert duplicates <= 1, f"{duplicates} duplicates: only the one in flight may repeat"
    assert receiver.bad_signatures == 0 and receiver.truncated <= 1  # only the one in flight
