"""`callshield serve --workers 2` in real processes: every worker takes a share of the
connections (uvicorn's shared socket let one worker take all 32 of a burst, one try in three),
a worker that dies is replaced, and SIGTERM stops them all. Linux: read from /proc."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from callshield.api import workers

pytestmark = pytest.mark.skipif(
    not (workers.supported() and Path("/proc/net/tcp").exists()), reason="Linux /proc needed"
)

CLI = [sys.executable, "-m", "callshield"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return found


def _established_by_pid(port: int, pids: list[int], state: str = "01") -> Counter[int]:
    """How many server-side sockets on `port` in `state` (01 established, 0A listening) each
    of `pids` holds."""
    inodes: dict[str, int] = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes[target[8:-1]] = pid
    counts: Counter[int] = Counter()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == state and fields[9] in inodes:
            counts[inodes[fields[9]]] += 1
    return counts


def _wait_healthy(base: str, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("server did not start")


def _wait_for(condition: object, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.2)
    pytest.fail("condition not met in time")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLSHIELD_")}
    env["CALLSHIELD_HOME"] = str(tmp_path / "home")
    env["CALLSHIELD_ADMIN_PASSWORD"] = "workers-test-password"
    port = _free_port()
    process = subprocess.Popen([*CLI, "serve", "--port", str(port), "--workers", "2"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_healthy(f"http://127.0.0.1:{port}")
        _wait_for(lambda: _listening(process.pid, port) == 2)
        yield process, port
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=60)


def _listening(server_pid: int, port: int) -> int:
    """How many of the server's workers listen on `port`."""
    pids = _children(server_pid)
    return sum(1 for n in _established_by_pid(port, pids, "0A").values() if n)


def _open_connections(port: int, count: int) -> list[socket.socket]:
    """`count` keep-alive connections opened in a burst, each answered once."""
    opened = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
    for conn in opened:
        conn.sendall(b"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    for conn in opened:
        conn.settimeout(30)
        assert conn.recv(65536).startswith(b"HTTP/1.1 200")
    return opened


def test_connections_are_spread_over_the_workers(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = server
    pids = _children(process.pid)
    for _ in range(3):
        opened = _open_connections(port, 64)
        try:
            counts = _established_by_pid(port, pids)
            assert sum(counts.values()) == 64
            # by hash: 32 +/- 4 each; fewer than 16 on one worker has odds of about 3 in 10^5
            assert all(counts[pid] >= 16 for pid in pids), counts
        finally:
            for conn in opened:
                conn.close()


def test_a_second_server_on_the_same_port_is_refused(
    server: tuple[subprocess.Popen[bytes], int], tmp_path: Path
) -> None:
    _process, port = server
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLSHIELD_")}
    env["CALLSHIELD_HOME"] = str(tmp_path / "other")
    env["CALLSHIELD_ADMIN_PASSWORD"] = "workers-test-password"
    done = subprocess.run([*CLI, "serve", "--port", str(port), "--workers", "2"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 1 and "already listening" in done.stderr, done.stderr[-300:]


def test_a_dead_worker_is_replaced_and_sigterm_stops_all(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, port = server
    first = _children(process.pid)
    os.kill(first[0], signal.SIGKILL)
    _wait_for(lambda: len(set(_children(process.pid)) - set(first)) == 1)
    _wait_for(lambda: _listening(process.pid, port) == 2)
    now = _children(process.pid)
    opened = _open_connections(port, 32)  # the replacement takes connections too
    try:
        _wait_for(lambda: all(_established_by_pid(port, now)[pid] > 0 for pid in now), 10)
    finally:
        for conn in opened:
            conn.close()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    assert not [pid for pid in now if Path(f"/proc/{pid}").exists()]


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLSHIELD_")}
    env["CALLSHIELD_HOME"] = str(tmp_path / "home")
    env["CALLSHIELD_ADMIN_PASSWORD"] = "workers-test-password"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([*CLI, "serve", "--port", str(port), "--workers", "2"], env=env,
                              capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "Traceback" not in done.stderr


def test_workers_exit_when_the_supervisor_is_killed(
    server: tuple[subprocess.Popen[bytes], int],
) -> None:
    process, _port = server
    workers_now = _children(process.pid)
    process.kill()  # SIGKILL: no chance to stop its workers
    process.wait(timeout=30)
    _wait_for(lambda: not [pid for pid in workers_now if _alive(pid)], 30)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
