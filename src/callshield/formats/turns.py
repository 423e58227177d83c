"""JSON Lines of speaker turns (`turns_jsonl`) and of chat messages (`chat_jsonl`).

    {"speaker": "agent", "start": 1.2, "end": 3.4, "text": "...", "words": [{"w", "start", "end"}]}
    {"ts": "2024-05-01T10:00:00Z", "sender": "c-118", "role": "customer", "text": "..."}

One segment per line (`line[7]`, 1-based). Blank lines are kept. A line that is not a JSON
object, or has no string `text`, is a PartError: its content is withheld from the output
(a notice object takes its line), the other lines are still read and written. Other string
fields of a line that are not known to be labels or times (a free-text `note`, a
`customer_name`) are scanned too, as segments `line[7].note`, so nothing unknown passes
through unscanned.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from callshield.core.document import Channel, Segment
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.transcripts import (
    DocumentBuilder,
    Transcript,
    VendorWord,
    add_transcript_segment,
    expect,
    fill_slots,
    seconds,
    speaker_name,
)
from callshield.pipeline import RedactedDocument


@dataclass(frozen=True, slots=True)
class JsonLines:
    """Parsed JSON Lines: one entry per input line (None for a blank line or a bad line)."""

    lines: tuple[Any, ...]
    errors: tuple[PartError, ...]


def load_jsonl(data: bytes, fmt: str) -> JsonLines:
    """Each line parsed on its own; a bad line becomes a PartError (its content is never kept,
    and the writer puts a notice in its place), the others are still read."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"{fmt}: not UTF-8 (byte {exc.start})") from None
    lines: list[Any] = []
    errors: list[PartError] = []
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for number, raw in enumerate(raw_lines, start=1):
        if not raw.strip():
            lines.append(None)
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(PartError(f"line[{number}]", f"invalid JSON at column {exc.colno}"))
            lines.append(None)
            continue
        if not isinstance(value, dict):
            errors.append(PartError(f"line[{number}]", "not a JSON object"))
            value = None
        lines.append(value)
    if not any(isinstance(v, dict) for v in lines):
        raise ContentError(f"{fmt}: no line is a JSON object")
    return JsonLines(tuple(lines), tuple(errors))


def first_object(data: bytes) -> dict[str, Any] | None:
    """The first non-blank line of `data` parsed as a JSON object, else None (for sniffing)."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        raw = data[start:end]
        if raw.strip():
            try:
                value = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
                return None
            return value if isinstance(value, dict) else None
        start = end + 1
    return None


def line_notice(part: str) -> dict[str, Any]:
    """What a writer puts in place of a JSONL line that could not be read (fail closed)."""
    return {"callshield_error": f"{part} could not be read and was withheld"}


def dump_jsonl(lines: Sequence[Any]) -> bytes:
    return "".join(
        ("" if line is None else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines
    ).encode("utf-8")


#: Fields that label or time a line and are never scanned.
_LABELS = frozenset(
    {"id", "speaker", "sender", "role", "ts", "timestamp", "start", "end", "type", "channel",
     "language", "final", "confidence", "turn", "seq", "direction"}
)  # fmt: skip
#: Other names of a turn's times ("start_time": "105.3"): read as its times, and no text to
#: scan when they hold a time (a numeric string read as a turn of its own sat between a
#: question and its answer, and a PCI window took it for card data).
_TIME_KEYS = frozenset(
    {"start_time", "end_time", "starttime", "endtime", "start_ms", "end_ms", "begin", "offset",
     "duration", "time", "start_sec", "end_sec"}
)  # fmt: skip
_TURN_KEYS = frozenset({"speaker", "start", "end", "words"})
_CHAT_KEYS = frozenset({"sender", "role", "ts"})


class _JsonLinesFormat:
    name: str = ""
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson")
    channel: Channel = Channel.TEXT

    def _looks_like(self, line: dict[str, Any]) -> bool:
        raise NotImplementedError

    def sniff(self, data: bytes, filename: str) -> bool:
        line = first_object(data)
        return line is not None and isinstance(line.get("text"), str) and self._looks_like(line)

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        parsed = load_jsonl(data, self.name)
        builder = DocumentBuilder()
        errors = list(parsed.errors)
        for index, line in enumerate(parsed.lines):
            if line is None:
                continue
            part = f"line[{index + 1}]"
            if not isinstance(line.get("text"), str):
                errors.append(PartError(part, "field 'text' missing or not a string; withheld"))
                continue
            try:
                self._line(builder, index, part, line)
            except ContentError as exc:  # a bad line is withheld; the others are still read
                errors.append(PartError(part, f"{exc}; withheld"))
                continue
            _other_fields(builder, index, part, line)
        original = Transcript(JsonLines(parsed.lines, tuple(errors)), tuple(builder.slots),
                              tuple(builder.notices))  # fmt: skip
        document = builder.document(source or self.name, self.channel)
        return Parsed(self.name, document, original, tuple(errors))

    def _line(self, builder: DocumentBuilder, index: int, part: str, line: dict[str, Any]) -> None:
        raise NotImplementedError

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        transcript: Transcript = parsed.original
        source: JsonLines = transcript.root
        lines = list(copy.deepcopy(source.lines))
        withheld = {int(e.part[len("line[") : -1]) - 1 for e in source.errors}
        filled = fill_slots(Transcript(lines, transcript.slots), redacted)
        for index in sorted(withheld):
            filled[index] = line_notice(f"line {index + 1}")
        return dump_jsonl(filled)


def _is_time(value: str) -> bool:
    """A number of seconds or milliseconds, or a clock time ("105.3", "00:01:45.300")."""
    return _TIME_VALUE.fullmatch(value.strip()) is not None


_TIME_VALUE = re.compile(r"\d{1,9}(?:\.\d{1,6})?s?|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,6})?")


def _other_fields(builder: DocumentBuilder, index: int, part: str, line: dict[str, Any]) -> None:
    for key, value in line.items():
        if key in _LABELS or key in {"text", "words"} or not isinstance(value, str) or not value:
            continue
        if key in _TIME_KEYS and _is_time(value):
            continue
        seg_id = f"{part}.{key}"
        builder.add_segment(Segment(seg_id, value))
        builder.text_slot((index, key), seg_id, len(value))


class TurnsJsonl(_JsonLinesFormat):
    name: str = "turns_jsonl"
    channel: Channel = Channel.CALL

    def _looks_like(self, line: dict[str, Any]) -> bool:
        return bool(_TURN_KEYS & line.keys())

    def _line(self, builder: DocumentBuilder, index: int, part: str, line: dict[str, Any]) -> None:
        start_key = "start" if "start" in line else "start_time"
        end_key = "end" if "end" in line else "end_time"
        start = seconds(line.get(start_key), self.name, f"{part}.{start_key}")
        end = seconds(line.get(end_key), self.name, f"{part}.{end_key}")
        words: list[VendorWord] = []
        raw_words = line.get("words") or []
        for j, raw in enumerate(expect(raw_words, list, self.name, f"{part}.words")):
            word = expect(raw, dict, self.name, f"{part}.words[{j}]")
            text = expect(word.get("w"), str, self.name, f"{part}.words[{j}].w")
            w_start = seconds(word.get("start"), self.name, f"{part}.words[{j}].start")
            w_end = seconds(word.get("end"), self.name, f"{part}.words[{j}].end")
            times = (w_start, w_end) if w_start is not None and w_end is not None else None
            words.append(VendorWord((index, "words", j, "w"), text, times))
        segment = Segment(part, line["text"], speaker_name(line.get("speaker")), start, end)
        add_transcript_segment(builder, segment, (index, "text"), words)


class ChatJsonl(_JsonLinesFormat):
    name: str = "chat_jsonl"
    channel: Channel = Channel.CHAT

    def _looks_like(self, line: dict[str, Any]) -> bool:
        return bool(_CHAT_KEYS & line.keys()) and not (_TURN_KEYS & line.keys())

    def _line(self, builder: DocumentBuilder, index: int, part: str, line: dict[str, Any]) -> None:
        speaker = speaker_name(line.get("role") or line.get("sender"))
        builder.add_segment(Segment(part, line["text"], speaker))
        builder.text_slot((index, "text"), part, len(line["text"]))
