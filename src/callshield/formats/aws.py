"""Amazon Transcribe batch output (`{"jobName", "results": {"transcripts", "items", ...}}`).

One segment per turn: consecutive items of one speaker (`speaker_label` on the items, or
`results.speaker_labels.segments`, or the channel with channel identification). Words keep
their times; punctuation items are part of the text but have no time. The whole-call
`transcripts[].transcript` and each `audio_segments[].transcript` are rebuilt from the redacted
turns when they match the items, and scanned on their own when they do not (fail closed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from callshield.core.document import Channel, Segment
from callshield.formats.base import ContentError, Parsed
from callshield.formats.transcripts import (
    Aligned,
    DocumentBuilder,
    Piece,
    Slot,
    Transcript,
    dump_json,
    expect,
    fill_slots,
    indent_of,
    load_json,
    mapping,
    seconds,
    sniff_json,
    word_timings,
)
from callshield.pipeline import RedactedDocument

FMT = "aws_transcribe"


@dataclass(frozen=True, slots=True)
class _Item:
    """One entry of `results.items`, flattened."""

    path: tuple[str | int, ...]
    content: str
    alternatives: int
    punctuation: bool
    times: tuple[float, float] | None
    speaker: str | None
    item_id: Any


@dataclass(frozen=True, slots=True)
class _Placed:
    """An item and where its content lies in its turn's text."""

    item: _Item
    segment_id: str
    start: int
    end: int


class AwsTranscribe:
    name: str = "aws_transcribe"
    suffixes: tuple[str, ...] = (".json",)

    def sniff(self, data: bytes, filename: str) -> bool:
        root = sniff_json(data, (b'"results"',))
        results = mapping(root.get("results")) if root else {}
        return "transcripts" in results or isinstance(results.get("items"), list)

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        root = expect(load_json(data, FMT), dict, FMT, "the document")
        results = expect(root.get("results"), dict, FMT, "results")
        if results.get("segments"):
            raise ContentError(
                f"{FMT}: results.segments (alternative transcriptions) is not supported; "
                "transcribe without ShowAlternatives"
            )
        items = _items(results)
        builder = DocumentBuilder()
        placed = _turns(items, builder)
        _transcripts(results, builder, placed)
        _audio_segments(results, builder, placed)
        _channel_items(results, builder, placed)
        original = Transcript(root, tuple(builder.slots), tuple(builder.notices), indent_of(data))
        document = builder.document(source or str(root.get("jobName") or FMT), Channel.CALL)
        return Parsed(self.name, document, original)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        transcript: Transcript = parsed.original
        return dump_json(fill_slots(transcript, redacted), transcript.indent)


def _items(results: dict[str, Any]) -> list[_Item]:
    raw = results.get("items")
    path: tuple[str | int, ...] = ("results", "items")
    if raw is None:
        raw = []
    expect(raw, list, FMT, "results.items")
    speakers = _label_map(mapping(results.get("speaker_labels")).get("segments"), "speaker_label")
    channels = _channel_map(results)
    out: list[_Item] = []
    previous: str | None = None
    for i, entry in enumerate(raw):
        where = f"results.items[{i}]"
        entry = expect(entry, dict, FMT, where)
        alts = expect(entry.get("alternatives"), list, FMT, f"{where}.alternatives")
        if not alts:
            raise ContentError(f"{FMT}: {where}.alternatives is empty")
        first = expect(alts[0], dict, FMT, f"{where}.alternatives[0]")
        content = expect(first.get("content"), str, FMT, f"{where}.alternatives[0].content")
        start = seconds(entry.get("start_time"), FMT, f"{where}.start_time")
        end = seconds(entry.get("end_time"), FMT, f"{where}.end_time")
        times = (start, end) if start is not None and end is not None else None
        key = (entry.get("start_time"), entry.get("end_time"))
        speaker = entry.get("speaker_label") or speakers.get(key) or entry.get("channel_label")
        speaker = speaker or channels.get(key)
        punctuation = entry.get("type") == "punctuation"
        if speaker is None and (punctuation or times is None):
            speaker = previous  # punctuation belongs to the word before it
        previous = speaker
        out.append(
            _Item((*path, i), content, len(alts), punctuation, times, speaker, entry.get("id"))
        )
    return out


def _label_map(segments: Any, label_key: str) -> dict[tuple[Any, Any], str]:
    """(start_time, end_time) -> label, from speaker_labels.segments[].items."""
    out: dict[tuple[Any, Any], str] = {}
    for seg in segments if isinstance(segments, list) else []:
        for item in mapping(seg).get("items") or []:
            label = mapping(item).get(label_key) or mapping(seg).get(label_key)
            if isinstance(label, str):
                out[(mapping(item).get("start_time"), mapping(item).get("end_time"))] = label
    return out


def _channel_map(results: dict[str, Any]) -> dict[tuple[Any, Any], str]:
    out: dict[tuple[Any, Any], str] = {}
    for channel in mapping(results.get("channel_labels")).get("channels") or []:
        label = mapping(channel).get("channel_label")
        for item in mapping(channel).get("items") or []:
            key = (mapping(item).get("start_time"), mapping(item).get("end_time"))
            if isinstance(label, str) and key != (None, None):
                out[key] = label
    return out


def _turns(items: Sequence[_Item], builder: DocumentBuilder) -> list[_Placed]:
    """Consecutive items of one speaker make a turn; AWS's own spacing (a space before each
    word, none before punctuation) makes its text."""
    placed: list[_Placed] = []
    start = 0
    while start < len(items):
        stop = start + 1
        while stop < len(items) and items[stop].speaker == items[start].speaker:
            stop += 1
        placed.extend(_turn(items[start:stop], f"turn[{len(builder.segments)}]", builder))
        start = stop
    return placed


def _turn(items: Sequence[_Item], segment_id: str, builder: DocumentBuilder) -> list[_Placed]:
    parts: list[str] = []
    aligned: list[Aligned] = []
    pos = 0
    for item in items:
        if pos and item.content and not item.punctuation:  # an emptied word takes no space
            parts.append(" ")
            pos += 1
        aligned.append(Aligned(pos, pos + len(item.content)))
        parts.append(item.content)
        pos += len(item.content)
    text = "".join(parts)
    timed = [i.times for i in items if i.times]
    builder.add_segment(
        Segment(
            segment_id,
            text,
            items[0].speaker,
            min(t[0] for t in timed) if timed else None,
            max(t[1] for t in timed) if timed else None,
            word_timings(aligned, [i.times for i in items]),
        )
    )
    out = []
    for item, a in zip(items, aligned, strict=True):
        piece = (Piece(segment_id, a.start, a.end),)
        for k in range(item.alternatives):  # every alternative gets the redacted content
            builder.slots.append(Slot((*item.path, "alternatives", k, "content"), piece))
        out.append(_Placed(item, segment_id, a.start, a.end))
    return out


def _pieces(placed: Sequence[_Placed]) -> tuple[Piece, ...]:
    """The pieces of turn text that `placed` (consecutive items) cover, and their text."""
    pieces: list[Piece] = []
    for p in placed:
        if pieces and pieces[-1].segment_id == p.segment_id:
            pieces[-1] = Piece(p.segment_id, pieces[-1].start, p.end)
        else:
            pieces.append(Piece(p.segment_id, p.start, p.end))
    return tuple(pieces)


def _loose_text(
    builder: DocumentBuilder, texts: dict[str, str], path: tuple[str | int, ...], text: str,
    pieces: tuple[Piece, ...], segment_id: str, speaker: Any = None,
) -> None:  # fmt: skip
    """A transcript string that repeats the items: rebuilt from the redacted turns when it
    matches them; otherwise scanned as a segment of its own (fail closed)."""
    rebuilt = " ".join(texts[p.segment_id][p.start : p.end] for p in pieces)
    if pieces and rebuilt == text:
        builder.slots.append(Slot(path, pieces, " "))
        return
    if pieces:
        builder.notices.append(f"{segment_id}: does not match the items; scanned on its own")
    builder.add_segment(Segment(segment_id, text, speaker if isinstance(speaker, str) else None))
    builder.text_slot(path, segment_id, len(text))


def _transcripts(
    results: dict[str, Any], builder: DocumentBuilder, placed: Sequence[_Placed]
) -> None:
    transcripts = expect(results.get("transcripts") or [], list, FMT, "results.transcripts")
    texts = {s.id: s.text for s in builder.segments}
    turns = tuple(Piece(s.id, 0, len(s.text)) for s in builder.segments)
    for k, entry in enumerate(transcripts):
        where = f"results.transcripts[{k}]"
        text = expect(mapping(entry).get("transcript"), str, FMT, f"{where}.transcript")
        path = ("results", "transcripts", k, "transcript")
        _loose_text(builder, texts, path, text, turns if placed else (), f"transcripts[{k}]")


def _audio_segments(
    results: dict[str, Any], builder: DocumentBuilder, placed: Sequence[_Placed]
) -> None:
    audio = expect(results.get("audio_segments") or [], list, FMT, "results.audio_segments")
    texts = {s.id: s.text for s in builder.segments}
    by_id = {p.item.item_id: p for p in placed if p.item.item_id is not None}
    for k, entry in enumerate(audio):
        where = f"results.audio_segments[{k}]"
        entry = expect(entry, dict, FMT, where)
        text = expect(entry.get("transcript"), str, FMT, f"{where}.transcript")
        ids = entry.get("items") if isinstance(entry.get("items"), list) else []
        members = [by_id[i] for i in ids if i in by_id]
        pieces = _pieces(members) if len(members) == len(ids) else ()
        path = ("results", "audio_segments", k, "transcript")
        _loose_text(
            builder, texts, path, text, pieces, f"audio_segments[{k}]", entry.get("speaker_label")
        )


def _channel_items(
    results: dict[str, Any], builder: DocumentBuilder, placed: Sequence[_Placed]
) -> None:
    """Channel identification repeats the words under `channel_labels.channels[].items`: each
    copy is rewritten like the item it repeats (matched by times and content)."""
    by_key: dict[tuple[Any, ...], _Placed] = {
        (*p.item.times, p.item.content): p for p in placed if p.item.times is not None
    }
    channels = mapping(results.get("channel_labels")).get("channels") or []
    for c, channel in enumerate(channels if isinstance(channels, list) else []):
        for i, item in enumerate(mapping(channel).get("items") or []):
            where = f"results.channel_labels.channels[{c}].items[{i}]"
            alts = mapping(item).get("alternatives")
            if mapping(item).get("type") == "punctuation" or not isinstance(alts, list) or not alts:
                continue  # punctuation carries no value; an item without words has no text
            content = mapping(alts[0]).get("content")
            start = seconds(mapping(item).get("start_time"), FMT, f"{where}.start_time")
            end = seconds(mapping(item).get("end_time"), FMT, f"{where}.end_time")
            match = by_key.get((start, end, content))
            if match is None:
                raise ContentError(f"{FMT}: {where} does not repeat an item of results.items")
            piece = (Piece(match.segment_id, match.start, match.end),)
            path = ("results", "channel_labels", "channels", c, "items", i, "alternatives")
            for k in range(len(alts)):
                builder.slots.append(Slot((*path, k, "content"), piece))
