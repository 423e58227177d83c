"""WebSocket /v1/stream: authenticated, redacts live segments, holds an open card number
until it is complete, never sends a value in clear, reports bad messages without content."""

from __future__ import annotations

import json

import pytest
from starlette.websockets import WebSocketDisconnect

SEGMENTS = [
    {"speaker": "agent", "text": "can I get the card number please", "start": 0.0, "end": 2.0},
    {"speaker": "customer", "text": "four one one one one one one one", "start": 2.5, "end": 5},
    {"speaker": "agent", "text": "uh huh", "start": 5.2, "end": 5.6},
    {"speaker": "customer", "text": "one one one one one one one one", "start": 6.0, "end": 9.0},
    {"speaker": "agent", "text": "thanks, that has gone through", "start": 9.5, "end": 11.0},
]


def test_stream_redacts_and_releases_each_segment_once(api) -> None:  # type: ignore[no-untyped-def]
    received: list[dict] = []  # type: ignore[type-arg]
    with api.client.websocket_connect("/v1/stream", headers=api.headers["agent"]) as ws:
        for segment in SEGMENTS:
            ws.send_text(json.dumps(segment))
        ws.send_text(json.dumps({"type": "end"}))
        while True:
            try:
                received.append(json.loads(ws.receive_text()))
            except WebSocketDisconnect:
                break
    assert [r["start"] for r in received] == [s["start"] for s in SEGMENTS]
    released = " ".join(r["text"] for r in received)
    assert "one one one" not in released and "four" not in released
    assert received[0]["text"] == SEGMENTS[0]["text"]


def test_bad_message_is_reported_without_its_content(api) -> None:  # type: ignore[no-untyped-def]
    with api.client.websocket_connect("/v1/stream", headers=api.key_headers["analyst"]) as ws:
        ws.send_text('{"text": 4111111111111111')
        reply = json.loads(ws.receive_text())
        assert reply["error"].startswith("message 1: invalid JSON")
        assert "4111" not in json.dumps(reply)


@pytest.mark.parametrize("credential", [None, "Bearer nonsense"])
def test_stream_needs_credentials(api, credential: str | None) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": credential} if credential else {}
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        api.client.websocket_connect("/v1/stream", headers=headers) as ws,
    ):
        ws.receive_text()
    assert closed.value.code == 4401


def test_token_in_query_for_browsers(api) -> None:  # type: ignore[no-untyped-def]
    token = api.headers["dpo"]["Authorization"].split()[1]
    with api.client.websocket_connect(f"/v1/stream?access_token={token}") as ws:
        ws.send_text(json.dumps({"speaker": "a", "text": "hello there"}))
        assert json.loads(ws.receive_text())["text"] == "hello there"


def test_a_held_segment_is_released_at_the_bound_when_no_message_comes(api) -> None:  # type: ignore[no-untyped-def]
    url = "/v1/stream?max_hold_seconds=1"
    with api.client.websocket_connect(url, headers=api.headers["agent"]) as ws:
        ws.send_text(json.dumps(SEGMENTS[0]))
        assert json.loads(ws.receive_text())["start"] == 0.0
        ws.send_text(json.dumps(SEGMENTS[1]))  # an open card number: held
        held = json.loads(ws.receive_text())  # nothing else is sent: the deadline releases it
        assert held["start"] == 2.5
        assert "four" not in held["text"] and "one" not in held["text"]
        ws.send_text(json.dumps({"type": "end"}))


@pytest.mark.parametrize(
    "query", ["max_hold_seconds=nan", "max_hold_seconds=0", "max_hold_words=x", "max_hold_words=0"]
)
def test_a_bad_bound_closes_the_stream_with_a_reason(api, query: str) -> None:  # type: ignore[no-untyped-def]
    with (
        pytest.raises(WebSocketDisconnect) as closed,
        api.client.websocket_connect(f"/v1/stream?{query}", headers=api.headers["agent"]) as ws,
    ):
        ws.receive_text()
    assert closed.value.code == 4400
    assert "max_hold" in (closed.value.reason or "")
