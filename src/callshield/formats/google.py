"""Google Cloud Speech-to-Text JSON (v1 `{"results": [...]}`, the long-running operation's
`{"response": {"results": [...]}}`, and v2's `startOffset`/`speakerLabel` spellings).

One segment per result (`results[2]`): the first alternative's `transcript` with its words
(`startTime`/`endTime` as "1.500s" strings or `{"seconds", "nanos"}`). Speaker: the first
word's `speakerTag` ("spk_2") or `speakerLabel`, else the `channelTag` ("ch_1"). Other
alternatives repeat the words in other spellings: each is scanned as a segment of its own.
With diarization, Google's last result repeats every word of the call with speaker tags and
no transcript: its text is built from the words.
"""

from __future__ import annotations

from typing import Any

from callshield.core.document import Channel, Segment
from callshield.formats.base import Parsed
from callshield.formats.transcripts import (
    DocumentBuilder,
    Path,
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
    sniff_json,
    speaker_name,
    word_timings,
)
from callshield.pipeline import RedactedDocument

FMT = "google_stt"


class GoogleStt:
    name: str = "google_stt"
    suffixes: tuple[str, ...] = (".json",)

    def sniff(self, data: bytes, filename: str) -> bool:
        root = sniff_json(data, (b'"alternatives"',))
        if not root:
            return False
        results = root.get("results", mapping(root.get("response")).get("results"))
        # Google may send results without alternatives (silence); one with them is enough.
        return (
            isinstance(results, list)
            and all(isinstance(r, dict) for r in results)
            and any("alternatives" in r for r in results)
        )

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        root = expect(load_json(data, FMT), dict, FMT, "the document")
        base: Path = ("results",) if "results" in root else ("response", "results")
        container = root if "results" in root else mapping(root.get("response"))
        results = expect(container.get("results"), list, FMT, ".".join(map(str, base)))
        builder = DocumentBuilder()
        for i, raw in enumerate(results):
            result = expect(raw, dict, FMT, f"results[{i}]")
            alternatives = expect(
                result.get("alternatives", []), list, FMT, f"results[{i}].alternatives"
            )
            for k, alternative in enumerate(alternatives):
                where = f"results[{i}].alternatives[{k}]"
                alt = expect(alternative, dict, FMT, where)
                seg_id = f"results[{i}]" if k == 0 else where
                _alternative(builder, seg_id, (*base, i, "alternatives", k), alt, result)
        original = Transcript(root, tuple(builder.slots), tuple(builder.notices), indent_of(data))
        return Parsed(self.name, builder.document(source or FMT, Channel.CALL), original)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        transcript: Transcript = parsed.original
        return dump_json(fill_slots(transcript, redacted), transcript.indent)


def _alternative(
    builder: DocumentBuilder, seg_id: str, path: Path, alt: dict[str, Any], result: dict[str, Any]
) -> None:
    words, speaker = _words(alt.get("words"), path, seg_id)
    transcript = alt.get("transcript")
    if transcript is None and not words:
        return  # an empty result: nothing to scan, nothing to rewrite
    end = seconds(result.get("resultEndTime", result.get("resultEndOffset")), FMT, seg_id)
    timed = [w.times for w in words if w.times is not None]
    start = min(t[0] for t in timed) if timed else None
    end = max(t[1] for t in timed) if timed and end is None else end
    if speaker is None and result.get("channelTag") is not None:
        speaker = f"ch_{result['channelTag']}"
    if transcript is None:
        text, aligned = joined_words([w.text for w in words], " ")
        timings = word_timings(aligned, [w.times for w in words])
        builder.add_segment(Segment(seg_id, text, speaker, start, end, timings))
        for word, a in zip(words, aligned, strict=True):
            builder.word_slot(word.path, seg_id, a)
        return
    text = expect(transcript, str, FMT, f"{seg_id}.transcript")
    segment = Segment(seg_id, text, speaker, start, end)
    add_transcript_segment(builder, segment, (*path, "transcript"), words)


def _words(raw: Any, path: Path, seg_id: str) -> tuple[list[VendorWord], str | None]:
    if raw is None:
        return [], None
    expect(raw, list, FMT, f"{seg_id}.words")
    words: list[VendorWord] = []
    speaker: str | None = None
    for j, entry in enumerate(raw):
        where = f"{seg_id}.words[{j}]"
        entry = expect(entry, dict, FMT, where)
        text = expect(entry.get("word"), str, FMT, f"{where}.word")
        start = seconds(entry.get("startTime", entry.get("startOffset")), FMT, f"{where}.start")
        end = seconds(entry.get("endTime", entry.get("endOffset")), FMT, f"{where}.end")
        times = (start or 0.0, end) if end is not None else None
        words.append(VendorWord((*path, "words", j, "word"), text, times))
        speaker = speaker or speaker_name(entry.get("speakerLabel") or entry.get("speakerTag"))
    return words, speaker
