"""Shared machinery of the transcript and chat formats (AWS Transcribe, Whisper, Google STT,
turns JSONL, chat JSONL).

A reader parses the vendor JSON, builds one Segment per speaker turn and records *slots*: the
places in the JSON (a path of keys) whose text comes from the segments (a word's content, a
turn's text, a whole-call transcript). The writer copies the JSON and fills every slot from the
redacted segments, so every other field (unknown ones included) is kept as it was, in order.

How a word is rewritten (the same for every format): the characters of a word that lie inside a
redacted span are replaced by the span's replacement text in the *first* word the span touches
and by nothing in the words after it ("4111 1111 1111 1111" as four words becomes
"[PAYMENT_CARD]", "", "", ""); characters outside every span (a leading space, a trailing
comma) are kept. A word's text therefore never keeps any character of a value, and the words
join to exactly the redacted text. Timings and confidences are left as they were.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from callshield.core.document import Channel, Document, Segment, WordTiming
from callshield.core.redaction import Replacement
from callshield.formats.base import ContentError, word_replacements
from callshield.pipeline import RedactedDocument

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Piece:
    """Characters [start, end) of one segment's original text."""

    segment_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Slot:
    """A string in the parsed JSON (at `path`) that is `prefix + pieces joined by sep + suffix`.

    It is rewritten only when a redacted span touches one of its pieces."""

    path: Path
    pieces: tuple[Piece, ...]
    sep: str = ""
    prefix: str = ""
    suffix: str = ""
    #: Strip surrounding whitespace from the result (OpenAI's top-level `text`).
    strip: bool = False


@dataclass(frozen=True, slots=True)
class Transcript:
    """What a transcript reader keeps for its writer (`Parsed.original`)."""

    root: Any = field(repr=False)
    slots: tuple[Slot, ...] = ()
    #: Things the manifest should state (a field cleared, a text scanned on its own); no values.
    notices: tuple[str, ...] = ()
    #: JSON written with indentation (the input had line breaks) or compact.
    indent: int | None = 2


class DocumentBuilder:
    """Collects segments and slots while a reader walks the JSON."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.slots: list[Slot] = []
        self.notices: list[str] = []

    def add_segment(self, segment: Segment) -> None:
        self.segments.append(segment)

    def text_slot(self, path: Path, segment_id: str, length: int) -> None:
        """`path` holds the whole text of one segment."""
        self.slots.append(Slot(path, (Piece(segment_id, 0, length),)))

    def word_slot(self, path: Path, segment_id: str, aligned: Aligned) -> None:
        piece = Piece(segment_id, aligned.start, aligned.end)
        self.slots.append(Slot(path, (piece,), "", aligned.prefix, aligned.suffix))

    def document(self, source: str, channel: Channel) -> Document:
        return Document(source, tuple(self.segments), channel)


@dataclass(frozen=True, slots=True)
class Aligned:
    """Where a vendor word lies in the segment text; `prefix`/`suffix` are the characters of
    the vendor's word outside that range (Whisper's leading space, a trailing comma)."""

    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


_PUNCTUATION = " \t\n.,;:!?\"'()[]{}"


def align_words(text: str, words: Sequence[str]) -> list[Aligned] | None:
    """Each word located in `text`, in order; None when some word cannot be found (the caller
    then scans the words on their own rather than guess)."""
    out: list[Aligned] = []
    cursor = 0
    for word in words:
        core = word.strip()
        at = text.find(core, cursor) if core else cursor
        if at < 0 or (core and text[cursor:at].strip(_PUNCTUATION)):
            core = word.strip(_PUNCTUATION)
            at = text.find(core, cursor) if core else cursor
            if at < 0 or (core and text[cursor:at].strip(_PUNCTUATION)):
                return None
        lead = word.find(core) if core else len(word)
        out.append(Aligned(at, at + len(core), word[:lead], word[lead + len(core) :]))
        cursor = at + len(core)
    return out


def joined_words(words: Sequence[str], sep: str) -> tuple[str, list[Aligned]]:
    """A text built from words (stripped, joined by `sep`) and each word's place in it."""
    parts: list[str] = []
    aligned: list[Aligned] = []
    pos = 0
    for word in words:
        core = word.strip()
        if parts:
            pos += len(sep)
        lead = word.find(core) if core else len(word)
        aligned.append(Aligned(pos, pos + len(core), word[:lead], word[lead + len(core) :]))
        parts.append(core)
        pos += len(core)
    return sep.join(parts), aligned


def word_timings(
    aligned: Sequence[Aligned], times: Sequence[tuple[float, float] | None]
) -> tuple[WordTiming, ...]:
    """WordTimings for the words that have times (punctuation items often have none)."""
    return tuple(
        WordTiming(a.start, a.end, t[0], t[1])
        for a, t in zip(aligned, times, strict=True)
        if t is not None
    )


@dataclass(frozen=True, slots=True)
class VendorWord:
    """A word as the vendor wrote it, where it lives in the JSON and its audio time."""

    path: Path
    text: str
    times: tuple[float, float] | None


def add_transcript_segment(
    builder: DocumentBuilder, segment: Segment, path: Path, words: Sequence[VendorWord]
) -> None:
    """Add `segment` (its text at `path`) with its vendor words aligned to the text.

    When the words do not line up with the text they are scanned as a segment of their own
    (`<id>.words`) rather than guessing which word carries which character: both the text and
    the words come out redacted (fail closed), at the cost of a finding reported twice."""
    aligned = align_words(segment.text, [w.text for w in words])
    timings = word_timings(aligned, [w.times for w in words]) if aligned is not None else ()
    builder.add_segment(dataclasses.replace(segment, words=timings))
    builder.text_slot(path, segment.id, len(segment.text))
    seg_id = segment.id
    if aligned is None:
        seg_id = f"{segment.id}.words"
        builder.notices.append(f"{seg_id}: words do not match the text; scanned on their own")
        joined, aligned = joined_words([w.text for w in words], " ")
        timings = word_timings(aligned, [w.times for w in words])
        builder.add_segment(dataclasses.replace(segment, id=seg_id, text=joined, words=timings))
    for word, a in zip(words, aligned, strict=True):
        builder.word_slot(word.path, seg_id, a)


# --- parsing helpers -------------------------------------------------------------------------


def load_json(data: bytes, fmt: str) -> Any:
    """The parsed JSON document; a clear ContentError (line and column, no content) if not."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ContentError(f"{fmt}: not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ContentError(f"{fmt}: invalid JSON at {where}: {exc.msg}") from None
    except RecursionError:
        raise ContentError(f"{fmt}: JSON nested too deeply") from None


def sniff_json(data: bytes, markers: Iterable[bytes]) -> Any:
    """The parsed JSON object when `data` starts like a JSON object and mentions every marker
    (cheap checks first), else None."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{") or not all(m in data for m in markers):
        return None
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def indent_of(data: bytes) -> int | None:
    """Indented output when the input spread over lines, compact when it was one line."""
    return 2 if b"\n" in data.strip() else None


def expect(value: Any, kind: type | tuple[type, ...], fmt: str, where: str) -> Any:
    """`value` when it has the expected JSON type, else a ContentError naming the field."""
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        names = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
        expected = {"dict": "an object", "list": "an array", "str": "a string"}.get(names, names)
        raise ContentError(f"{fmt}: {where} must be {expected}")
    return value


def seconds(value: Any, fmt: str, where: str) -> float | None:
    """A time in seconds from a number, a numeric string ("1.5"), a Google duration ("1.500s")
    or {"seconds", "nanos"}; None when absent."""
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            return float(value[:-1] if value.endswith("s") else value)
        if isinstance(value, dict):
            return float(value.get("seconds", 0)) + float(value.get("nanos", 0)) / 1e9
    except (TypeError, ValueError):
        pass
    raise ContentError(f"{fmt}: {where} is not a time")


def dump_json(root: Any, indent: int | None) -> bytes:
    text = json.dumps(root, ensure_ascii=False, indent=indent)
    return (text + "\n").encode("utf-8")


# --- writing --------------------------------------------------------------------------------


def _map_start(pos: int, reps: Sequence[Replacement]) -> int:
    delta = 0
    for r in reps:
        if pos <= r.original.start:
            break
        if pos < r.original.end:
            return r.redacted.end  # starts inside a span: the span's text went to an earlier word
        delta = r.redacted.end - r.original.end
    return pos + delta


def _map_end(pos: int, reps: Sequence[Replacement]) -> int:
    delta = 0
    for r in reps:
        if pos <= r.original.start:
            break
        if pos <= r.original.end:
            return r.redacted.end
        delta = r.redacted.end - r.original.end
    return pos + delta


def redacted_piece(piece: Piece, text: str, reps: Sequence[Replacement]) -> str:
    """The redacted text of characters [start, end) of the original segment text."""
    start = _map_start(piece.start, reps)
    return text[start : max(start, _map_end(piece.end, reps))]


def fill_slots(transcript: Transcript, redacted: RedactedDocument) -> Any:
    """A copy of the parsed JSON with every slot touched by a redaction rewritten."""
    root = copy.deepcopy(transcript.root)
    texts = {s.id: s.text for s in redacted.document.segments}
    reps = {k: sorted(v, key=lambda r: r.original.start) for k, v in redacted.replacements.items()}
    for slot in transcript.slots:
        if not any(_touched(p, reps.get(p.segment_id, ())) for p in slot.pieces):
            continue
        body = slot.sep.join(
            redacted_piece(p, texts[p.segment_id], reps.get(p.segment_id, ())) for p in slot.pieces
        )
        set_path(
            root, slot.path, slot.prefix + (body.strip() if slot.strip else body) + slot.suffix
        )
    return root


def _touched(piece: Piece, reps: Sequence[Replacement]) -> bool:
    spans = [(r.original.start, r.original.end) for r in reps]
    return word_replacements([(piece.start, piece.end)], spans)[0] is not None


def set_path(root: Any, path: Path, value: Any) -> None:
    node = root
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def touched_segments(redacted: RedactedDocument) -> set[str]:
    """Ids of the segments in which something was redacted."""
    return {k for k, v in redacted.replacements.items() if v}


def speaker_name(value: Any) -> str | None:
    """A speaker label as a string (Google's integer tags become "spk_<n>")."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"spk_{value}"
    return str(value)


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}
