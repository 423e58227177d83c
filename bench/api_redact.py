"""POST /v1/redact on a real uvicorn server over loopback: latency and throughput.

The server runs as `callshield serve` in a subprocess (SQLite, the demo policy loaded, so each
request also evaluates the policy and records its decision); this process is the load
generator. The peer, side by side in this process: the same scan + redact called in-process
(no HTTP, no policy), the floor the service adds to.

    .venv/bin/python bench/api_redact.py [--rate 200] [--seconds 20]

Target (issue 4): p99 < 10 ms at 200 requests/s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import selectors
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[1]
TRANSCRIPT = (
    "agent: thank you for calling, my name is Dana, how can I help you today?\n"
    "customer: hi, I'd like to pay my bill. my name is John Smith and my account number is "
    "ending 4410.\n"
    "agent: sure, can I get the card number please?\n"
    "customer: yes it's 4111 1111 1111 1111, expiry 04/27 and the code on the back is 737.\n"
    "agent: thank you. and can you confirm the email on the account?\n"
    "customer: john.smith@example.com, and my phone is (555) 201-3344.\n"
    "agent: thanks John, the payment of $49.99 has gone through, your confirmation number is "
    "58213347. is there anything else I can help you with today?\n"
    "customer: no that's all, thank you very much, have a nice day.\n"
    "agent: you're welcome John. just so you know, the payment will show on your statement "
    "within three business days, and you will get an email receipt in a few minutes.\n"
    "customer: great, and the delivery is still on for tuesday morning between eight and noon?\n"
    "agent: yes, the courier will call you thirty minutes before arriving. goodbye now.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class _Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the request bytes are built
    once, so the load generator spends microseconds per request, not the server's CPU."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> _Connection:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        return cls(reader, writer)

    async def send(self, request: bytes) -> int:
        self.writer.write(request)
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status


def _request_bytes(port: int, token: str) -> bytes:
    body = json.dumps({"text": TRANSCRIPT}).encode()
    head = (f"POST /v1/redact HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")  # fmt: skip
    return head.encode() + body


async def _open_loop(port: int, token: str, rate: float, seconds: float) -> dict[str, float]:
    """Requests on a fixed schedule, whatever the replies do (what a busy site does).
    Latency counts from the scheduled send time, so client-side queueing is not hidden."""
    request = _request_bytes(port, token)
    idle: asyncio.Queue[_Connection] = asyncio.Queue()
    for _ in range(32):
        idle.put_nowait(await _Connection.open(port))
    latencies: list[float] = []
    lateness: list[float] = []
    errors = 0

    async def one(scheduled: float) -> None:
        nonlocal errors
        lateness.append(time.perf_counter() - scheduled)
        connection = await idle.get()
        status = await connection.send(request)
        latencies.append(time.perf_counter() - scheduled)
        errors += status != 200
        idle.put_nowait(connection)

    total = int(rate * seconds)
    t0 = time.perf_counter()
    tasks = []
    for i in range(total):
        scheduled = t0 + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(scheduled)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - t0
    while not idle.empty():
        idle.get_nowait().writer.close()
    return {"sent": total, "errors": errors, "achieved_rps": total / elapsed,
            "p50_ms": 1000 * _percentile(latencies, 0.50),
            "p99_ms": 1000 * _percentile(latencies, 0.99),
            "max_ms": 1000 * max(latencies),
            "late_p99_ms": 1000 * _percentile(lateness, 0.99)}  # fmt: skip


async def _closed_loop(port: int, token: str, workers: int, seconds: float) -> float:
    """Maximum throughput: `workers` connections sending back to back."""
    request = _request_bytes(port, token)
    done = 0
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        nonlocal done
        connection = await _Connection.open(port)
        while time.perf_counter() < deadline:
            await connection.send(request)
            done += 1
        connection.writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return done / (time.perf_counter() - t0)


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run the load generator on an event loop whose timers are precise to microseconds.

    asyncio's default loop waits in epoll, whose timeout is whole milliseconds (rounded up):
    each scheduled send would then leave about 0.8 ms late, and since latency counts from the
    scheduled time, that lateness of the client would be reported as the server's. select()
    takes microseconds; 32 connections are far below its descriptor limit."""
    loop = asyncio.SelectorEventLoop(selectors.SelectSelector())
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def _without_gc(run: Callable[[], T]) -> T:
    """`run()` with this process's garbage collector off. The load generator allocates a task
    and its coroutine per request; with the collector on, its own pauses (measured: up to 8 ms
    for a young generation, 17 ms for a full one, once or more a run) held up the reading of
    replies already sent, and that wait counted as the server's latency."""
    gc.collect()
    gc.disable()
    try:
        return run()
    finally:
        gc.enable()


def _in_process(n: int) -> tuple[float, float, float]:
    from callshield import Engine

    engine = Engine()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        engine.redact(TRANSCRIPT)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times), 1000 * _percentile(times, 0.99), n / sum(times)


def _serve(args: argparse.Namespace, policy: bool) -> dict[str, float]:
    """Start `callshield serve`, load it, stop it; the measurements."""
    home = Path(tempfile.mkdtemp(prefix="callshield-bench-"))
    port = _free_port()
    env = {**os.environ, "CALLSHIELD_HOME": str(home)}
    env["CALLSHIELD_ADMIN_PASSWORD"] = "bench-password-1"
    if policy:
        env["CALLSHIELD_DEMO_POLICY"] = str(ROOT / "samples" / "policy.yaml")
    command = [sys.executable, "-m", "callshield", "serve", "--port", str(port)]
    command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        login = {"username": "admin", "password": "bench-password-1"}
        token = httpx.post(f"{base}/v1/auth/token", json=login).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        for _ in range(100):  # warm up
            httpx.post(f"{base}/v1/redact", json={"text": TRANSCRIPT}, headers=headers)
        cpu_started = time.process_time()
        loaded = _without_gc(lambda: _run(_open_loop(port, token, args.rate, args.seconds)))
        loaded["client_cpu_share"] = (time.process_time() - cpu_started) / args.seconds
        loaded["peak_rps"] = _run(_closed_loop(port, token, 8, min(args.seconds, 10)))
        return loaded
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    args = parser.parse_args()
    plain = _serve(args, policy=False)
    with_policy = _serve(args, policy=True)
    p50, p99, rps = _in_process(1000)
    size = len(TRANSCRIPT.encode())
    print(f"POST /v1/redact, {size}-byte transcript, uvicorn ({args.workers} worker(s)) on "
          f"loopback, SQLite, {int(args.rate)} req/s offered for {args.seconds:.0f} s")  # fmt: skip
    print(f"{'':40}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>8}{'peak req/s':>12}")
    for label, row in (("callshield API, no policy", plain),
                       ("callshield API, demo policy (audited)", with_policy)):  # fmt: skip
        print(f"{label:40}{row['p50_ms']:9.2f}{row['p99_ms']:9.2f}{row['max_ms']:9.1f}"
              f"{row['achieved_rps']:8.0f}{row['peak_rps']:12.0f}"
              f"   errors {int(row['errors'])}/{int(row['sent'])}"
              f", client sent late p99 {row['late_p99_ms']:.2f} ms"
              f", client CPU {100 * row['client_cpu_share']:.0f}% of a core")  # fmt: skip
    print(f"{'peer: same redaction in-process':40}{p50:9.2f}{p99:9.2f}{'':9}{rps:8.0f}")
    for label, row in (("no policy", plain), ("demo policy", with_policy)):
        ok = row["p99_ms"] < 10 and row["errors"] == 0 and row["achieved_rps"] >= 0.95 * args.rate
        print(f"target p99 < 10 ms at {int(args.rate)} req/s, {label}: {'PASS' if ok else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
