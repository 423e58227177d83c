"""WebSocket /v1/stream: live transcript segments in, redacted segments out as soon as they
are safe to release (the same StreamingRedactor as `callshield stream`).

Each message is one JSON segment `{"speaker", "text", "start"?, "end"?, "final"?, ...}`; each
reply is a released segment with the same fields, text redacted, or `{"error": "message N:
problem"}` for a bad message (never its content). `{"type": "end"}` (or closing) flushes what is
held. Credentials: `Authorization: Bearer ...`, or `?access_token=` for browsers.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from callshield.api.auth import principal_for
from callshield.api.state import AppState
from callshield.store.accounts import Principal
from callshield.stream.command import LineError, output_record, parse_line
from callshield.stream.redactor import Released, StreamingRedactor

router = APIRouter(tags=["streaming"])
STREAM_ROLES = frozenset({"agent", "supervisor", "analyst", "dpo", "admin"})
#: WebSocket close codes: policy violation (auth) and message too big.
CLOSE_UNAUTHORIZED, CLOSE_FORBIDDEN, CLOSE_TOO_BIG = 4401, 4403, 1009


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
    await websocket.accept()
    redactor = StreamingRedactor(state.engine)
    waiting: dict[int, dict[str, Any]] = {}
    counter = {"next": 0}
    number = 0
    try:
        while True:
            raw = await websocket.receive_text()
            number += 1
            if len(raw) > state.settings.max_request_bytes:
                await websocket.close(code=CLOSE_TOO_BIG, reason="message too large")
                return
            if raw.strip() in ('{"type": "end"}', '{"type":"end"}'):
                break
            out = await run_in_threadpool(_feed, state, redactor, waiting, counter, raw, number)
            for message in out:
                await websocket.send_text(message)
    except WebSocketDisconnect:
        return
    for message in await run_in_threadpool(_flush, state, redactor, waiting):
        await websocket.send_text(message)
    await websocket.close()


def _feed(state: AppState, redactor: StreamingRedactor, waiting: dict[int, dict[str, Any]],
          counter: dict[str, int], raw: str, number: int) -> list[str]:  # fmt: skip
    try:
        record, segment, final = parse_line(raw.encode("utf-8"), number)
    except LineError as exc:
        return [json.dumps({"error": f"message {number}: {exc}"})]
    if final:
        waiting[counter["next"]] = record
        counter["next"] += 1
    return _messages(state, redactor.feed(segment, final=final), waiting, record)


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
