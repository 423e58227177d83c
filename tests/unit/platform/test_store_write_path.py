"""The SQLite write path of the audited request: the write lock serialises threads and
processes (and is a no-op for PostgreSQL); the checkpointer keeps WAL checkpoints out of the
committing request and still keeps the WAL from growing."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from callshield.store.db import Checkpointer, WriteLock, make_engine

HOLD_S = 0.4


def _inside_at_once(lock: WriteLock, threads: int = 4) -> int:
    """How many threads were inside `lock` at the same time, at most."""
    inside, most = 0, 0
    guard = threading.Lock()

    def enter() -> None:
        nonlocal inside, most
        for _ in range(5):
            with lock:
                with guard:
                    inside += 1
                    most = max(most, inside)
                time.sleep(0.002)
                with guard:
                    inside -= 1

    workers = [threading.Thread(target=enter) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return most


def test_the_write_lock_serialises_threads(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'c.db'}")
    assert _inside_at_once(WriteLock.for_engine(engine)) == 1
    assert _inside_at_once(WriteLock.for_engine(make_engine("sqlite://"))) == 1


def test_the_write_lock_is_a_no_op_for_postgresql() -> None:
    engine = create_engine("postgresql+psycopg://user@localhost/none")  # never connects
    assert _inside_at_once(WriteLock.for_engine(engine)) > 1


def test_the_write_lock_serialises_processes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    holder = (
        "import sys, time\n"
        "from callshield.store.db import WriteLock, make_engine\n"
        "with WriteLock.for_engine(make_engine(sys.argv[1])):\n"
        "    print('held', flush=True)\n"
        f"    time.sleep({HOLD_S})\n"
    )
    other = subprocess.Popen([sys.executable, "-c", holder, url], stdout=subprocess.PIPE)
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == b"held"
        start = time.monotonic()
        with WriteLock.for_engine(make_engine(url)):
            waited = time.monotonic() - start
    finally:
        other.wait(timeout=30)
    assert waited >= HOLD_S / 2


def _fill(engine_url: str, checkpointer_every: int | None) -> int:
    """Commit 30 transactions of 100 rows of 2 KB through one adopted connection; the WAL
    file's size at the end."""
    engine = make_engine(engine_url)
    lock = WriteLock.for_engine(engine)
    checkpoints = Checkpointer(engine, lock, every=checkpointer_every or 10**9)
    with engine.connect() as connection:
        checkpoints.adopt(connection)
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
        connection.execute(text("CREATE TABLE filler (body TEXT)"))
        connection.commit()
        for _ in range(30):
            _commit_rows(connection, lock, checkpoints, 100)
            checkpoints.wait(10)
        size = _wal_size(engine)
    engine.dispose()
    return size


def _commit_rows(connection: Any, lock: WriteLock, checkpoints: Checkpointer, rows: int) -> None:
    """One transaction of `rows` rows of 2 KB under the write lock, counted by `checkpoints`."""
    with lock:
        body = [{"body": "x" * 2048} for _ in range(rows)]
        connection.execute(text("INSERT INTO filler (body) VALUES (:body)"), body)
        connection.commit()
    checkpoints.committed()


def _wal_size(engine: Any) -> int:
    return Path(engine.url.database or "").with_suffix(".db-wal").stat().st_size


def test_the_checkpointer_keeps_the_wal_small_off_the_commit(tmp_path: Path) -> None:
    unattended = _fill(f"sqlite:///{tmp_path / 'a.db'}", checkpointer_every=None)
    checkpointed = _fill(f"sqlite:///{tmp_path / 'b.db'}", checkpointer_every=5)
    assert unattended > 6_000_000  # nobody checkpoints an adopted connection's WAL by itself
    assert checkpointed < unattended / 3


def test_the_checkpointer_does_nothing_without_a_sqlite_file() -> None:
    engine = make_engine("sqlite://")
    checkpoints = Checkpointer(engine, WriteLock.for_engine(engine), every=1)
    with engine.connect() as connection:
        checkpoints.adopt(connection)
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    checkpoints.committed()
    checkpoints.wait(1)


def _fill_while_read(url: str, restart_frames: int | None) -> tuple[int, int]:
    """Commit 2,000 transactions of 8 rows of 2 KB, a checkpoint after every 5th, while another
    connection keeps reading, as the other worker's requests do (without a checkpointer, when
    `restart_frames` is None, and without the reader: the WAL then keeps every frame). The WAL
    file's size at the end and the RESTART checkpoints that completed.

    The checkpoints run here, in the writer's thread, rather than in the checkpointer's own
    thread: how often that thread got to run was up to the scheduler (on a loaded machine, now
    and then, a few times in 1,000 commits), and a WAL size after a fixed count of commits
    made this test flaky. The reader's read is short (`max(rowid)`, as a request's indexed
    reads are): with a `count(*)`, its every transaction grew past the RESTART's 10 ms wait as
    the table grew, and after about 1,000 commits no RESTART completed."""
    engine = make_engine(url)
    lock = WriteLock.for_engine(engine)
    checkpoints = Checkpointer(engine, lock, every=10**9, restart_frames=restart_frames or 0)
    stop = threading.Event()

    def read() -> None:
        with engine.connect() as reader:
            while not stop.is_set():
                reader.exec_driver_sql("BEGIN")
                reader.exec_driver_sql("SELECT max(rowid) FROM filler").scalar()
                time.sleep(0.002)
                reader.exec_driver_sql("COMMIT")

    with engine.connect() as connection:
        checkpoints.adopt(connection)
        connection.execute(text("CREATE TABLE filler (body TEXT)"))
        connection.commit()
        reader = threading.Thread(target=read)
        if restart_frames is not None:
            reader.start()
        try:
            for commit in range(1, 2001):
                _commit_rows(connection, lock, checkpoints, 8)
                if restart_frames is not None and commit % 5 == 0:
                    checkpoints.checkpoint()
        finally:
            stop.set()
            if reader.is_alive():
                reader.join()
        size = _wal_size(engine)
    engine.dispose()
    return size, checkpoints.restarts


def test_the_wal_starts_over_although_a_reader_is_always_in_it(tmp_path: Path) -> None:
    every_frame, _ = _fill_while_read(f"sqlite:///{tmp_path / 'a.db'}", restart_frames=None)
    bounded, restarts = _fill_while_read(f"sqlite:///{tmp_path / 'r.db'}", restart_frames=200)
    assert every_frame > 60_000_000  # 85 MB: the WAL nobody starts over
    # It starts over, though not at every try (about 80 of 400 did, loaded or not); the file
    # keeps its high-water mark, the longest run of tries the reader made fail: 1.2-1.6 MB.
    assert restarts >= 20 and bounded < every_frame / 20
