"""`callshield serve --workers N`: N uvicorn processes, each with its own listening socket.

uvicorn's own multi-worker mode shares one listening socket among its workers, and whichever
worker wakes first accepts every connection waiting in the queue. Clients that open their
keep-alive connections together (a load balancer's upstream pool, a busy integration) then
land mostly or entirely on one worker: measured here, 32 connections opened at once went 32/0
to one of two workers in one try out of three, and that worker then queued requests while the
other idled. With SO_REUSEPORT each worker listens on a socket of its own and the kernel
spreads new connections across them by a hash of the connection (64 connections: 32 +/- 4).

The parent holds a bound, non-listening socket on the port (so it stays reserved while a
worker restarts, and port 0 picks one port for all), starts the workers, restarts one that
dies, and stops them all on SIGINT or SIGTERM. It refuses a port where a server already
answers: SO_REUSEPORT would otherwise let a second instance share the port with the first.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

log = logging.getLogger("callshield.api")

APP_FACTORY = "callshield.api.app:app_from_environment"
#: A worker that dies within this many seconds of starting is not restarted at once.
RESTART_BACKOFF_S = 1.0


def supported() -> bool:
    """Linux, where SO_REUSEPORT spreads connections across the sockets (on BSD and macOS
    the last socket bound takes them all); elsewhere uvicorn's own workers are used."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuse_port_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to (host, port) with SO_REUSEPORT, not yet listening."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _answers(host: str, port: int) -> bool:
    """Whether something accepts connections on (host, port) already."""
    target = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    try:
        with socket.create_connection((target, port), timeout=0.5):
            return True
    except OSError:
        return False


def _exit_with_parent(parent: int, poll_s: float = 1.0) -> None:
    """Stop this worker (SIGTERM: uvicorn finishes what it is serving) once its supervisor is
    gone, even killed with SIGKILL: an orphan would go on answering on the port."""
    while os.getppid() == parent:
        time.sleep(poll_s)
    os.kill(os.getpid(), signal.SIGTERM)


def worker_main(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker: its own SO_REUSEPORT socket on the shared port, one uvicorn server."""
    import uvicorn

    parent = options.pop("parent_pid", None)
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True,
                         name="callshield-parent-watch").start()  # fmt: skip
    sock = reuse_port_socket(host, port)
    config = uvicorn.Config(APP_FACTORY, factory=True, host=host, port=port, **options)
    uvicorn.Server(config).run(sockets=[sock])


class Supervisor:
    """Runs `count` worker processes until told to stop; restarts any that exits."""

    def __init__(
        self,
        host: str,
        port: int,
        count: int,
        options: dict[str, Any] | None = None,
        target: Callable[[str, int, dict[str, Any]], None] = worker_main,
    ) -> None:
        if count < 1:
            raise ValueError("at least one worker is needed")
        if port and _answers(host, port):
            # SO_REUSEPORT would let this server quietly share the port with the running one
            raise OSError(errno.EADDRINUSE, "a server is already listening there")
        self._reserved = reuse_port_socket(host, port)
        self.host, self.port = host, int(self._reserved.getsockname()[1])
        self._count, self._target = count, target
        self._options = {**(options or {}), "parent_pid": os.getpid()}
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[tuple[Any, float]] = []
        self._stopping = False

    def _start(self) -> tuple[Any, float]:
        process = self._context.Process(target=self._target, daemon=False,
                                        args=(self.host, self.port, self._options))  # fmt: skip
        process.start()
        return process, time.monotonic()

    def stop(self) -> None:
        self._stopping = True

    def run(self, poll_s: float = 0.2) -> None:
        """Start the workers and watch them; returns after SIGINT/SIGTERM (or `stop`)."""
        previous = {sig: signal.signal(sig, self._on_signal)
                    for sig in (signal.SIGINT, signal.SIGTERM)}  # fmt: skip
        try:
            self._workers = [self._start() for _ in range(self._count)]
            while not self._stopping:
                time.sleep(poll_s)
                self._restart_dead()
        finally:
            self._shutdown()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self._reserved.close()

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self.stop()

    def _restart_dead(self) -> None:
        for i, (process, started) in enumerate(self._workers):
            if process.is_alive() or self._stopping:
                continue
            log.warning("event=worker_exited pid=%s exitcode=%s", process.pid, process.exitcode)
            process.join()
            if time.monotonic() - started < RESTART_BACKOFF_S:
                time.sleep(RESTART_BACKOFF_S)
            self._workers[i] = self._start()

    def _shutdown(self, grace_s: float = 10.0) -> None:
        for process, _ in self._workers:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way
        deadline = time.monotonic() + grace_s
        for process, _ in self._workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
