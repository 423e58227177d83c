"""`callshield stream`: JSONL segments of a live call on stdin, redacted segments on stdout as
soon as they are safe to release, one line each, flushed. While a turn is held, the stream waits
for the next line only until the hold-back deadline (`AudioClock`), then releases it as at the
bound: fed live, no turn waits longer than `--max-hold-seconds`.

EDGE module: it reads and writes; the redaction itself is `StreamingRedactor`. A malformed line
is reported on stderr by its line number and problem (never its content) and skipped; the
stream goes on and the exit code is 1 at the end.
"""

from __future__ import annotations

import json
import math
import queue
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, TypeGuard

from callshield.core.document import Segment, WordTiming
from callshield.core.redaction import Replacement
from callshield.engine import Engine
from callshield.stream.clock import AudioClock
from callshield.stream.redactor import Released, StreamingRedactor

#: Keys under which speech-to-text vendors put a word's text inside a word list.
_WORD_KEYS = ("w", "word", "text", "content", "punctuated_word")
#: What a word that touches a redacted region, or that cannot be placed in the text, becomes.
_UNPLACED_WORD = "[REDACTED]"


class LineError(ValueError):
    """A line that is not a usable segment; the message names the problem, never the content."""


@dataclass(frozen=True, slots=True)
class StreamOptions:
    max_hold_words: int = 40
    max_hold_seconds: float = 8.0
    interim: bool = False


def run_stream(
    engine: Engine, source: IO[bytes], sink: IO[str], errors: IO[str], options: StreamOptions
) -> int:
    """Redact the stream from `source` to `sink`; return the exit code (0, or 1 when some line
    was malformed)."""
    redactor = StreamingRedactor(
        engine,
        max_hold_words=options.max_hold_words,
        max_hold_seconds=options.max_hold_seconds,
        emit_interim=options.interim,
    )
    waiting: dict[int, dict[str, Any]] = {}
    next_index = 0
    failed = False
    clock = AudioClock()
    arrivals = _arrivals(source)
    while True:
        try:
            item = arrivals.get(timeout=clock.wait(redactor))
        except queue.Empty:  # nothing came before the deadline: the bound releases the hold
            _write(engine, clock.tick(redactor), waiting, None, sink)
            continue
        if isinstance(item, BaseException):
            raise item
        if item is None:
            break
        number, raw = item
        try:
            record, segment, final = parse_line(raw, number)
        except LineError as exc:
            failed = True
            errors.write(f"line {number}: {exc}\n")
            errors.flush()
            continue
        if final:
            waiting[next_index] = record
            next_index += 1
        clock.arrived(segment)
        released = redactor.feed(segment, final=final)
        _write(engine, released, waiting, record, sink)
    _write(engine, redactor.flush(), waiting, None, sink)
    return 1 if failed else 0


_Arrival = tuple[int, bytes] | BaseException | None


def _arrivals(source: IO[bytes]) -> queue.Queue[_Arrival]:
    """Lines as they arrive, read by a thread into a queue, so the stream can wait for the next
    line and for the hold-back deadline at once. None ends the stream; a read error is passed on."""
    out: queue.Queue[_Arrival] = queue.Queue()

    def read() -> None:
        try:
            for number, raw in enumerate(iter(source.readline, b""), start=1):
                if raw.strip():
                    out.put((number, raw))
        except Exception as exc:  # re-raised by the stream, in its own thread
            out.put(exc)
        out.put(None)

    threading.Thread(target=read, name="stream-reader", daemon=True).start()
    return out


def parse_line(raw: bytes, number: int) -> tuple[dict[str, Any], Segment, bool]:
    """The record, its Segment and whether it is final; LineError for anything unusable."""
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise LineError("not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise LineError(f"invalid JSON at column {exc.colno}: {exc.msg}") from None
    if not isinstance(record, dict):
        raise LineError("each line must be a JSON object")
    text, speaker = record.get("text"), record.get("speaker")
    if not isinstance(text, str):
        raise LineError("field 'text' must be a string")
    if speaker is not None and not isinstance(speaker, str):
        raise LineError("field 'speaker' must be a string")
    start, end = _seconds(record, "start"), _seconds(record, "end")
    if start is not None and end is not None and end < start:
        raise LineError("field 'end' is before 'start'")
    final = record.get("final", True)
    if not isinstance(final, bool):
        raise LineError("field 'final' must be true or false")
    words = record.get("words")
    if words is not None and not isinstance(words, list):
        raise LineError("field 'words' must be a list")
    timings = _timings(text, words or [])
    segment = Segment(f"line[{number}]", text, speaker, start, end, timings)
    return record, segment, final


def _seconds(record: Mapping[str, Any], key: str) -> float | None:
    value = record.get(key)
    if value is None:
        return None
    if not _is_seconds(value):
        raise LineError(f"field {key!r} must be a number of seconds")
    return float(value)


def _is_seconds(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _word_text(item: object) -> str | None:
    if isinstance(item, dict):
        for key in _WORD_KEYS:
            if isinstance(item.get(key), str):
                return str(item[key])
    return None


def _place_words(text: str, words: list[Any]) -> list[tuple[int, int] | None]:
    """Where each word of a word list lies in the text (in order), or None when it cannot be
    found there."""
    out: list[tuple[int, int] | None] = []
    cursor = 0
    for item in words:
        word = _word_text(item)
        found = text.find(word, cursor) if word else -1
        if word and found >= 0:
            out.append((found, found + len(word)))
            cursor = found + len(word)
        else:
            out.append(None)
    return out


def _timings(text: str, words: list[Any]) -> tuple[WordTiming, ...]:
    """Word timings for the detectors, for the words that carry times and lie in the text."""
    out = []
    for item, place in zip(words, _place_words(text, words), strict=True):
        if place is None or not isinstance(item, dict):
            continue
        start, end = item.get("start"), item.get("end")
        if _is_seconds(start) and _is_seconds(end):
            out.append(WordTiming(place[0], place[1], float(start), float(end)))
    return tuple(out)


def redacted_words(text: str, words: list[Any], replacements: tuple[Replacement, ...]) -> list[Any]:
    """The word list with every word that touches a redacted region replaced (fail closed: a
    word that cannot be placed in the text is replaced too)."""
    out: list[Any] = []
    for item, place in zip(words, _place_words(text, words), strict=True):
        if not isinstance(item, dict):
            out.append(_UNPLACED_WORD if isinstance(item, str) else item)
            continue
        hit = None if place is None else _touching(place, replacements)
        if place is not None and hit is None:
            out.append(item)
            continue
        label = _UNPLACED_WORD if hit is None else f"[{hit.entity.name}]"
        out.append({k: label if k in _WORD_KEYS and isinstance(v, str) else v
                    for k, v in item.items()})  # fmt: skip
    return out


def _touching(place: tuple[int, int], replacements: tuple[Replacement, ...]) -> Replacement | None:
    for rep in replacements:
        if rep.original.start < place[1] and place[0] < rep.original.end:
            return rep
    return None


def output_record(engine: Engine, released: Released, record: Mapping[str, Any]) -> dict[str, Any]:
    """The input record with its text (and word list) redacted. Other string fields are
    scanned on their own and redacted where the engine finds something."""
    original = record["text"]
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key == "text":
            out[key] = released.segment.text
        elif key == "words" and isinstance(value, list):
            out[key] = redacted_words(original, value, released.replacements)
        elif key in ("speaker", "final"):
            out[key] = value
        else:
            out[key] = _scrubbed(engine, value)
    return out


def _scrubbed(engine: Engine, value: Any) -> Any:
    if isinstance(value, str):
        return engine.redact(value).text if value else value
    if isinstance(value, list):
        return [_scrubbed(engine, item) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(engine, item) for key, item in value.items()}
    return value


def _write(
    engine: Engine,
    released: list[Released],
    waiting: dict[int, dict[str, Any]],
    current: dict[str, Any] | None,
    sink: IO[str],
) -> None:
    """Write released turns (an interim one is the record just read)."""
    for item in released:
        record = waiting.pop(item.index) if item.final else current
        if record is None:
            continue
        sink.write(json.dumps(output_record(engine, item, record), ensure_ascii=False) + "\n")
        sink.flush()
