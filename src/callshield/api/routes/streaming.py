"""WebSocket /v1/stream: live transcript segments in, redacted segments out as soon as they
are safe to release (the same StreamingRedactor as `callshield stream`).

Each message is one JSON segment `{"speaker", "text", "start"?, "end"?, "final"?, ...}`; each
reply is a released segment with the same fields, text redacted, or `{"error": "message N:
problem"}` for a bad message (never its content). `{"type": "end"}` (or closing) flushes what is
held; while a turn is held, the server waits for the next message only until the hold-back
deadline, then releases it as at the bound (over-redacted). The bound is set per connection
with `?max_hold_seconds=` and `?max_hold_words=` (defaults 8 s and 40 words). Credentials:
`Authorization: Bearer ...`, or `?access_token=` for browsers.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from callshield.api.auth import principal_for
from callshield.api.state import AppState
from callshield.config import ROLES
from callshield.store.accounts import Principal
from callshield.stream.clock import AudioClock
from callshield.stream.command import LineError, output_record, parse_line
from callshield.stream.redactor import Released, StreamingRedactor

router = APIRouter(tags=["streaming"])
STREAM_ROLES = frozenset(ROLES)  # every role may stream
#: WebSocket close codes: policy violation (auth), message too big, bad connection parameters.
CLOSE_UNAUTHORIZED, CLOSE_FORBIDDEN, CLOSE_TOO_BIG, CLOSE_BAD_REQUEST = 4401, 4403, 1009, 4400
#: What a client may ask for as the hold-back bound (seconds, words).
HOLD_SECONDS, HOLD_WORDS = (0.5, 60.0), (1, 200)


def _bounds(websocket: WebSocket) -> tuple[float, int] | str:
    """The hold-back bound asked for in the query, or the problem with it (never its value)."""
    query = websocket.query_params
    try:
        seconds = float(query.get("max_hold_seconds", "8"))
        words = int(query.get("max_hold_words", "40"))
    except ValueError:
        return "max_hold_seconds must be a number and max_hold_words an integer"
    if not HOLD_SECONDS[0] <= seconds <= HOLD_SECONDS[1]:
        return f"max_hold_seconds must be between {HOLD_SECONDS[0]} and {HOLD_SECONDS[1]}"
    if not HOLD_WORDS[0] <= words <= HOLD_WORDS[1]:
        return f"max_hold_words must be between {HOLD_WORDS[0]} and {HOLD_WORDS[1]}"
    return seconds, words


def _principal(state: AppState, websocket: WebSocket) -> Principal | None:
    header = websocket.headers.get("authorization", "")
    scheme, _, credential = header.partition(" ")
    if scheme.lower() != "bearer":
        credential = websocket.query_params.get("access_token", "")
    credential = credential.strip()
    return principal_for(state, credential) if credential else None


@router.websocket("/v1/stream")
async def stream(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.callshield
    principal = await run_in_threadpool(_principal, state, websocket)
    if principal is None:
        await websocket.close(code=CLOSE_UNAUTHORIZED, reason="missing or invalid credentials")
        return
    if principal.role not in STREAM_ROLES:
        await websocket.close(code=CLOSE_FORBIDDEN, reason="role may not stream")
        return
    bounds = _bounds(websocket)
    if isinstance(bounds, str):
        await websocket.close(code=CLOSE_BAD_REQUEST, reason=bounds)
        return
    await websocket.accept()
    redactor = StreamingRedactor(state.engine, max_hold_seconds=bounds[0], max_hold_words=bounds[1])
    waiting: dict[int, dict[str, Any]] = {}
    counter = {"next": 0}
    clock = AudioClock()
    number = 0
    # one receive is kept pending across timer wake-ups (never cancelled: no message is lost)
    pending: asyncio.Task[str] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(websocket.receive_text())
            done, _ = await asyncio.wait({pending}, timeout=clock.wait(redactor))
            if not done:  # the hold-back deadline passed with no message: release at the bound
                ticked = await run_in_threadpool(_tick, state, redactor, clock, waiting)
                for message in ticked:
                    await websocket.send_text(message)
                continue
            raw, pending = pending.result(), None
            number += 1
            if len(raw) > state.settings.max_request_bytes:
                await websocket.close(code=CLOSE_TOO_BIG, reason="message too large")
                return
            if raw.strip() in ('{"type": "end"}', '{"type":"end"}'):
                break
            out = await run_in_threadpool(
                _feed, state, redactor, clock, waiting, counter, raw, number
            )
            for message in out:
                await websocket.send_text(message)
    except WebSocketDisconnect:
        return
    finally:
        if pending is not None:
            pending.cancel()
    for message in await run_in_threadpool(_flush, state, redactor, waiting):
        await websocket.send_text(message)
    await websocket.close()


def _feed(state: AppState, redactor: StreamingRedactor, clock: AudioClock,
          waiting: dict[int, dict[str, Any]], counter: dict[str, int], raw: str,
          number: int) -> list[str]:  # fmt: skip
    try:
        record, segment, final = parse_line(raw.encode("utf-8"), number)
    except LineError as exc:
        return [json.dumps({"error": f"message {number}: {exc}"})]
    if final:
        waiting[counter["next"]] = record
        counter["next"] += 1
    clock.arrived(segment)
    return _messages(state, redactor.feed(segment, final=final), waiting, record)


def _tick(state: AppState, redactor: StreamingRedactor, clock: AudioClock,
          waiting: dict[int, dict[str, Any]]) -> list[str]:  # fmt: skip
    return _messages(state, clock.tick(redactor), waiting, None)


def _flush(state: AppState, redactor: StreamingRedactor,
           waiting: dict[int, dict[str, Any]]) -> list[str]:  # fmt: skip
    return _messages(state, redactor.flush(), waiting, None)


def _messages(state: AppState, released: list[Released], waiting: dict[int, dict[str, Any]],
              current: dict[str, Any] | None) -> list[str]:  # fmt: skip
    out = []
    for item in released:
        record = waiting.pop(item.index) if item.final else current
        if record is not None:
            out.append(json.dumps(output_record(state.engine, item, record), ensure_ascii=False))
    return out
