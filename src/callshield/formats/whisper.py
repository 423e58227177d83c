"""Whisper and OpenAI `verbose_json` (`{"text", "segments": [...], "words"?: [...]}`).

One segment per Whisper segment (`segments[5]`), its text as Whisper wrote it; word timings
come from `segments[].words` (openai-whisper, faster-whisper, WhisperX) or from the top-level
`words` (the OpenAI API with word timestamps), assigned to segments by time. The top-level
`text` is rebuilt from the redacted segments. Whisper's `tokens` encode the text and
WhisperX's `chars` spell it, so a segment in which something was redacted gets `tokens: []`
and `chars: []` (stated in the manifest notices). Top-level words that belong to no segment
are scanned as a segment of their own (`words`), never passed through.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from callshield.core.document import Channel, Segment
from callshield.formats.base import Parsed
from callshield.formats.transcripts import (
    DocumentBuilder,
    Path,
    Piece,
    Slot,
    Transcript,
    VendorWord,
    add_transcript_segment,
    dump_json,
    expect,
    fill_slots,
    indent_of,
    joined_words,
    load_json,
    mapping,
    seconds,
    set_path,
    sniff_json,
    speaker_name,
    touched_segments,
    word_timings,
)
from callshield.pipeline import RedactedDocument

FMT = "whisper"
#: Segment fields that spell the text another way; emptied where the text was redacted.
_SPELLING_KEYS = ("tokens", "chars")


class Whisper:
    name: str = "whisper"
    suffixes: tuple[str, ...] = (".json",)

    def sniff(self, data: bytes, filename: str) -> bool:
        root = sniff_json(data, (b'"text"',))
        if not root or "results" in root:
            return False
        segments = root.get("segments")
        if isinstance(segments, list):
            first = mapping(segments[0]) if segments else {}
            return not segments or ("text" in first and "start" in first)
        words = root.get("words")
        return isinstance(root.get("text"), str) and isinstance(words, list)

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        root = expect(load_json(data, FMT), dict, FMT, "the document")
        builder = DocumentBuilder()
        top_words = _words(root.get("words"), ("words",))
        segments = root.get("segments")
        if segments is None:
            text = expect(root.get("text"), str, FMT, "text")
            add_transcript_segment(builder, Segment("text", text), ("text",), top_words)
        else:
            expect(segments, list, FMT, "segments")
            left = _segments(builder, segments, top_words)
            if isinstance(root.get("text"), str):
                _top_text(builder, root["text"])
            if left:
                _leftover_words(builder, left)
        for key in _SPELLING_KEYS:
            if any(key in mapping(s) for s in segments or []):
                builder.notices.append(f"segments[].{key} emptied where the text was redacted")
        original = Transcript(root, tuple(builder.slots), tuple(builder.notices), indent_of(data))
        return Parsed(self.name, builder.document(source or FMT, Channel.CALL), original)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        transcript: Transcript = parsed.original
        root = fill_slots(transcript, redacted)
        for seg_id in touched_segments(redacted):
            if seg_id.startswith("segments[") and seg_id.endswith("]"):
                index = int(seg_id[len("segments[") : -1])
                for key in _SPELLING_KEYS:
                    if key in root["segments"][index]:
                        set_path(root, ("segments", index, key), [])
        return dump_json(root, transcript.indent)


def _words(raw: Any, path: Path) -> list[VendorWord]:
    if raw is None:
        return []
    where = ".".join(str(p) for p in path)
    expect(raw, list, FMT, where)
    out = []
    for j, entry in enumerate(raw):
        entry = expect(entry, dict, FMT, f"{where}[{j}]")
        text = expect(entry.get("word"), str, FMT, f"{where}[{j}].word")
        start = seconds(entry.get("start"), FMT, f"{where}[{j}].start")
        end = seconds(entry.get("end"), FMT, f"{where}[{j}].end")
        times = (start, end) if start is not None and end is not None else None
        out.append(VendorWord((*path, j, "word"), text, times))
    return out


def _segments(
    builder: DocumentBuilder, segments: Sequence[Any], top_words: list[VendorWord]
) -> list[VendorWord]:
    """Add the segments; returns the top-level words that no segment took."""
    pending = list(top_words)
    for i, raw in enumerate(segments):
        seg = expect(raw, dict, FMT, f"segments[{i}]")
        text = expect(seg.get("text"), str, FMT, f"segments[{i}].text")
        words = _words(seg.get("words"), ("segments", i, "words"))
        if not words and pending:
            words, pending = _take_words(pending, seg, last=i == len(segments) - 1)
        start = seconds(seg.get("start"), FMT, f"segments[{i}].start")
        end = seconds(seg.get("end"), FMT, f"segments[{i}].end")
        segment = Segment(f"segments[{i}]", text, speaker_name(seg.get("speaker")), start, end)
        add_transcript_segment(builder, segment, ("segments", i, "text"), words)
    return pending


def _leftover_words(builder: DocumentBuilder, words: list[VendorWord]) -> None:
    """Top-level words no segment took (the segments had their own words, or there are none):
    scanned on their own, so that none passes through unscanned."""
    builder.notices.append("words: not assigned to segments; scanned on their own")
    text, aligned = joined_words([w.text for w in words], " ")
    timings = word_timings(aligned, [w.times for w in words])
    builder.add_segment(Segment("words", text, words=timings))
    for word, a in zip(words, aligned, strict=True):
        builder.word_slot(word.path, "words", a)


def _take_words(
    pending: list[VendorWord], seg: dict[str, Any], *, last: bool
) -> tuple[list[VendorWord], list[VendorWord]]:
    """The top-level words that belong to `seg` (their middle lies before its end)."""
    end = seconds(seg.get("end"), FMT, "segment end")
    if last or end is None:
        return pending, []
    count = 0
    for word in pending:
        if word.times is not None and (word.times[0] + word.times[1]) / 2 > end:
            break
        count += 1
    return pending[:count], pending[count:]


def _top_text(builder: DocumentBuilder, text: str) -> None:
    """The top-level `text`: the segments' texts joined (openai-whisper), the same stripped
    (OpenAI API) or their stripped texts joined by spaces; anything else is scanned alone."""
    segs = [s for s in builder.segments if s.id.startswith("segments[") and s.id.endswith("]")]
    whole = tuple(Piece(s.id, 0, len(s.text)) for s in segs)
    joined = "".join(s.text for s in segs)
    if text in (joined, joined.strip()):
        builder.slots.append(Slot(("text",), whole, "", strip=text != joined))
        return
    trimmed = tuple(
        Piece(s.id, len(s.text) - len(s.text.lstrip()), len(s.text.rstrip())) for s in segs
    )
    if text == " ".join(s.text.strip() for s in segs):
        builder.slots.append(Slot(("text",), trimmed, " "))
        return
    builder.notices.append("text: does not match the segments; scanned on its own")
    builder.add_segment(Segment("text", text))
    builder.text_slot(("text",), "text", len(text))
