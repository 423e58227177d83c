"""`callshield stream` as a real subprocess on a pipe: lines go out as soon as they are safe,
malformed lines are reported by number without their content, nothing raw ever comes out."""

from __future__ import annotations

import json
import selectors
import subprocess
import sys
from typing import Any

CARD = "4111111111111111"


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "callshield", "stream", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,  # unbuffered: readline takes one line and leaves the rest in the pipe
    )


def send(proc: subprocess.Popen[bytes], record: dict[str, Any]) -> None:
    assert proc.stdin is not None
    proc.stdin.write(json.dumps(record).encode() + b"\n")
    proc.stdin.flush()


def read_line(proc: subprocess.Popen[bytes], timeout: float) -> dict[str, Any] | None:
    """The next released line, or None when none comes within `timeout` seconds."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            return None
    line = proc.stdout.readline()
    return json.loads(line) if line else None


def run(stdin: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "callshield", "stream", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def lines(*records: dict[str, Any]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def test_lines_are_released_as_soon_as_they_are_safe() -> None:
    proc = start()
    try:
        greeting = {"speaker": "agent", "text": "Hello, how can I help?", "start": 0, "end": 1}
        send(proc, greeting)
        assert read_line(proc, timeout=60) == greeting  # before the next line is written
        send(proc, {"speaker": "customer", "text": "my card is four one one one",
                    "start": 1.5, "end": 3})  # fmt: skip
        assert read_line(proc, timeout=1.0) is None  # an open run: held
        send(proc, {"speaker": "agent", "text": "uh huh", "start": 3.2, "end": 3.5})
        send(proc, {"speaker": "customer", "text": " ".join(["one"] * 12), "start": 4, "end": 8})
        closing = {"speaker": "agent", "text": "Thanks! Anything else?", "start": 8.5, "end": 9}
        send(proc, closing)
        out = [read_line(proc, timeout=30) for _ in range(4)]
        assert all(o is not None for o in out)
        texts = [o["text"] for o in out if o is not None]
        assert texts[1] == "uh huh" and texts[3] == closing["text"]
        assert "one" not in texts[0] + texts[2] and "four" not in texts[0]
        assert [o["start"] for o in out if o is not None] == [1.5, 3.2, 4, 8.5]
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_a_held_line_comes_out_at_the_bound_when_the_caller_goes_quiet() -> None:
    """Live input: the stream waits for the next line only until the hold-back deadline."""
    proc = start("--max-hold-seconds", "1.5")
    try:
        send(proc, {"speaker": "agent", "text": "Hello, how can I help?", "start": 0, "end": 1})
        assert read_line(proc, timeout=60) is not None
        send(proc, {"speaker": "customer", "text": "my card is four one one one",
                    "start": 1.5, "end": 3})  # fmt: skip
        assert read_line(proc, timeout=0.5) is None  # an open run: held, the bound not reached
        held = read_line(proc, timeout=10)  # nothing else is sent: the deadline releases it
        assert held is not None and held["start"] == 1.5
        assert "four" not in held["text"] and "one" not in held["text"]  # over-redacted
        send(proc, {"speaker": "customer", "text": "one two, that's it", "start": 9, "end": 10})
        more = read_line(proc, timeout=30)
        assert more is not None and "one" not in more["text"]  # its continuation is masked too
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_end_of_input_releases_everything_held() -> None:
    proc = run(lines(
        {"speaker": "agent", "text": "What's the card number?"},
        {"speaker": "customer", "text": "four one one one"},
    ))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["speaker"] for o in out] == ["agent", "customer"]
    assert "four" not in out[1]["text"]


def test_malformed_lines_are_reported_by_number_and_never_echoed() -> None:
    stdin = b"".join([
        lines({"speaker": "agent", "text": "Hi there."}),
        f"not json {CARD}\n".encode(),
        lines({"speaker": "customer", "text": int(CARD)}),
        f'["{CARD}"]\n'.encode(),
        b'{"text": "\xff\xfe 4111 1111 1111 1111"}\n',
        lines({"speaker": "customer", "text": f"card {CARD}", "final": "yes"}),
        lines({"speaker": "customer", "text": "fine", "start": 3, "end": 1}),
        lines({"speaker": "customer", "text": "Bye now."}),
    ])  # fmt: skip
    proc = run(stdin)
    assert proc.returncode == 1
    err = proc.stderr.decode()
    for number in range(2, 8):
        assert f"line {number}:" in err
    assert "line 1:" not in err and "line 8:" not in err
    assert CARD not in err and "4111" not in err
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["text"] for o in out] == ["Hi there.", "Bye now."]


def test_fields_are_kept_and_words_redacted() -> None:
    record = {
        "speaker": "customer",
        "text": f"it's {CARD} thanks",
        "start": 2.0,
        "end": 6.0,
        "call_id": "call-7",
        "confidence": 0.93,
        "words": [{"w": "it's", "start": 2.0, "end": 2.3}, {"w": CARD, "start": 2.4, "end": 5.0},
                  {"w": "thanks", "start": 5.2, "end": 6.0}],
        "note": f"customer said {CARD}",
    }  # fmt: skip
    proc = run(lines(record))
    assert proc.returncode == 0, proc.stderr
    (out,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert list(out) == list(record)
    assert (out["call_id"], out["confidence"], out["start"]) == ("call-7", 0.93, 2.0)
    assert CARD not in proc.stdout.decode()
    assert [w["w"] for w in out["words"]][::2] == ["it's", "thanks"]
    assert out["words"][1]["w"].startswith("[") and out["words"][1]["start"] == 2.4


def test_interim_results_are_dropped_unless_asked_for_and_then_redacted() -> None:
    interim = {"speaker": "customer", "text": "it's four one one one", "final": False}
    final = {"speaker": "customer", "text": "okay bye"}
    dropped = run(lines(interim, final))
    assert [json.loads(x)["text"] for x in dropped.stdout.splitlines()] == ["okay bye"]
    emitted = run(lines(interim, final), "--interim")
    out = [json.loads(x) for x in emitted.stdout.splitlines()]
    assert [o.get("final", True) for o in out] == [False, True]
    assert "four" not in out[0]["text"] and "one" not in out[0]["text"]


def test_invalid_bound_is_a_clear_error() -> None:
    proc = run(b"", "--max-hold-words", "0")
    assert proc.returncode == 2
    assert b"max_hold_words must be at least 1" in proc.stderr
    assert b"Traceback" not in proc.stderr
