"""Database connections and migrations (EDGE). SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

try:
    import fcntl as _flock
except ImportError:  # not POSIX: threads are still serialised, processes rely on SQLite
    _flock = None  # type: ignore[assignment]

log = logging.getLogger("callshield.store")
MIGRATIONS = Path(__file__).parent / "migrations"


def normalise_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here (SQLAlchemy would pick psycopg2)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def json_text(value: Any) -> str:
    """JSON columns' serialiser: pydantic-core's encoder writes an event's evidence (1.8 KB)
    in 11 us where `json.dumps` took 42, and every audited request writes two or three."""
    return to_json(value).decode("utf-8")


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               json_serializer=json_text)  # fmt: skip
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                         json_serializer=json_text)  # fmt: skip


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def connection_of(db: Session | Connection) -> Connection:
    """The Core connection to run statements on: a session's (in its transaction), or `db`
    itself, which must be in a transaction it began (`Prepared` statements run on the driver's
    cursor, so SQLAlchemy would not begin one by itself and its commit would do nothing). The
    audited request path runs on a bare Connection: an ORM session's own begin, flush and commit
    cost about 0.2 ms a request there."""
    return db.connection() if isinstance(db, Session) else db


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for an in-memory one or another database."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


class WriteLock:
    """Serialises an app's hot write transactions on a SQLite file: threads queue on a mutex,
    processes on an flock of a file beside the database, and each waiter wakes the moment the
    holder commits. Left to itself, SQLite makes a blocked writer poll (sleeping 1, 2, 5, 10...
    ms between tries), which under load put tens of ms on the tail of the audited request.
    PostgreSQL locks rows, not the database: there it is a no-op. Hold it from the first write
    to the commit, and never while waiting for anything else."""

    def __init__(self, path: Path | None, enabled: bool = True) -> None:
        self._path, self._enabled = path, enabled
        self._mutex = threading.Lock()
        self._fd: tuple[int, int] | None = None  # (pid, descriptor): reopened after a fork

    @classmethod
    def for_engine(cls, engine: Engine) -> WriteLock:
        if engine.dialect.name != "sqlite":
            return cls(None, enabled=False)
        database = sqlite_file(engine)
        return cls(database.with_name(database.name + ".write-lock") if database else None)

    def __enter__(self) -> None:
        if not self._enabled:
            return
        self._mutex.acquire()
        try:
            if self._path is not None and _flock is not None:
                _flock.flock(self._descriptor(), _flock.LOCK_EX)
        except BaseException:
            self._mutex.release()
            raise

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._enabled:
            return
        try:
            if self._fd is not None and _flock is not None:
                _flock.flock(self._fd[1], _flock.LOCK_UN)
        finally:
            self._mutex.release()

    def _descriptor(self) -> int:
        assert self._path is not None
        if self._fd is None or self._fd[0] != os.getpid():
            self._fd = (os.getpid(), os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600))
        return self._fd[1]


class Checkpointer:
    """SQLite WAL checkpoints off the request path. By default the commit that finds the WAL
    past 1000 pages copies it into the database, in the request that committed: about 1 in
    100 audited requests took 15 ms more. Connections `adopt`ed here leave that to a
    short-lived background thread started every `every` commits: a PASSIVE checkpoint (it
    blocks no one) copies what is there and, only when writers came in meanwhile, a second one
    under the write lock copies the few pages they wrote, so the checkpoint completes.

    A complete checkpoint is not enough for the WAL to start over: the next writer restarts it
    only if no reader is then reading from it, and with two busy workers one nearly always is
    (measured: a 190-220 MB WAL beside a 12-14 MB database after 30 s of 200-400 audited
    requests/s). So once the WAL holds more than `restart_frames` frames, the checkpoint is
    finished in RESTART mode under the write lock: the next writer starts the WAL over, and it
    stops growing. It waits at most RESTART_WAIT_MS for the readers already in the WAL (a busy
    result is retried one checkpoint later), and it does not truncate the file (on this machine
    a TRUNCATE held every writer for 20-40 ms and took the p99 from about 12 to 22-29 ms).
    A reader whose every transaction outlasts that wait (a report scanning a large table, back
    to back) still keeps the WAL from starting over: measured, a 2 ms `count(*)` reader that
    slowed as the table grew stopped every RESTART after about 1,000 commits. Elsewhere
    (PostgreSQL, memory) it does nothing."""

    FLAG = "callshield_background_checkpoint"

    #: How long the RESTART (writers held) waits for readers still in the WAL to leave it;
    #: readers that start meanwhile read the database file and do not hold it up.
    RESTART_WAIT_MS = 10

    def __init__(
        self, engine: Engine, write_lock: WriteLock, every: int = 100, restart_frames: int = 4096
    ) -> None:
        self._enabled = sqlite_file(engine) is not None
        self._engine, self._write_lock, self._every = engine, write_lock, every
        self._restart_frames = restart_frames
        #: RESTART checkpoints that completed (the WAL then starts over); for tests and probes.
        self.restarts = 0
        self._count = 0
        self._mutex = threading.Lock()
        self._thread: threading.Thread | None = None

    def adopt(self, connection: Connection) -> None:
        """Turn SQLite's own checkpoint off on this connection (once per driver connection)."""
        if self._enabled and not connection.info.get(self.FLAG):
            connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
            connection.info[self.FLAG] = True

    def committed(self) -> None:
        """Count a commit by an adopted connection; start a checkpoint when one is due."""
        if not self._enabled:
            return
        with self._mutex:
            self._count += 1
            running = self._thread is not None and self._thread.is_alive()
            if self._count < self._every or running:
                return
            self._count = 0
            self._thread = threading.Thread(target=self._checkpoint, daemon=True,
                                            name="callshield-wal-checkpoint")  # fmt: skip
            self._thread.start()

    def wait(self, timeout_s: float | None = None) -> None:
        """Until the checkpoint under way (if any) is done: for shutdown and for tests."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)

    def checkpoint(self) -> None:
        """One checkpoint now, in the calling thread (what the background thread runs); the
        caller must not hold the write lock. Failures are logged, not raised."""
        if self._enabled:
            self._checkpoint()

    def _checkpoint(self) -> None:
        try:
            with self._engine.connect() as connection:
                _busy, frames, done = connection.exec_driver_sql(
                    "PRAGMA wal_checkpoint(PASSIVE)"
                ).one()
                if frames > self._restart_frames:
                    # the WAL did not start over: have it start over while no writer writes
                    with self._write_lock:
                        self._restart(connection)
                elif done < frames:  # writers came in meanwhile: copy their few pages too
                    with self._write_lock:
                        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
        except Exception as exc:
            log.warning("event=wal_checkpoint_failed error=%s", type(exc).__name__)

    def _restart(self, connection: Connection) -> None:
        """A RESTART checkpoint that gives up after RESTART_WAIT_MS if a reader stays in the WAL
        (the busy timeout would otherwise hold every writer for up to 30 s behind a long read)."""
        previous = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
        connection.exec_driver_sql(f"PRAGMA busy_timeout={self.RESTART_WAIT_MS}")
        try:
            busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(RESTART)").one()[0]
            self.restarts += 0 if busy else 1
        finally:
            connection.exec_driver_sql(f"PRAGMA busy_timeout={int(previous or 0)}")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def upgrade(url: str, revision: str = "head") -> None:
    """Apply pending migrations (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = normalise_url(url)
    command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
