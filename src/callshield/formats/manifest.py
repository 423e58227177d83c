"""The redaction manifest: what was found and redacted where, for auditors and for the audio
redactor. It names places (segment, speaker, character offsets, seconds) and never a value:
findings carry a keyed fingerprint instead.

    manifest = build_manifest(parsed, result, redacted)   # JSON-ready dict
    ranges = redacted_time_ranges(parsed.document, result) # for silencing audio
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from callshield.core.document import Document, Segment
from callshield.core.finding import Finding
from callshield.core.redaction import Replacement
from callshield.formats.base import Parsed
from callshield.pipeline import RedactedDocument, ScanResult

MANIFEST_VERSION = 1


@dataclass(frozen=True, slots=True)
class TimeRange:
    """Audio time of one finding: from the first to the last word it touches."""

    start_s: float
    end_s: float
    entity: str
    segment_id: str
    reason: str


def redacted_time_ranges(document: Document, result: ScanResult) -> list[TimeRange]:
    """The time range of every finding whose segment has word timings or its own times
    (see `finding_time`), in document order. Findings without a known time are left out (the
    caller decides what to do with them; the manifest lists them with `time: null`)."""
    segments = {s.id: s for s in document.segments}
    out: list[TimeRange] = []
    for finding in result.findings:
        times = finding_time(segments.get(finding.segment_id), finding)
        if times is not None:
            reason = "; ".join(finding.reasons)
            entity = finding.entity.name
            out.append(TimeRange(times[0], times[1], entity, finding.segment_id, reason))
    return out


def finding_time(segment: Segment | None, finding: Finding) -> tuple[float, float] | None:
    """The audio time of a finding: its words' times; when the words do not cover all of it
    (text the vendor's word list lacks) the whole segment's times, so that audio redaction
    errs towards silencing too much rather than leaving a spoken value audible."""
    if segment is None:
        return None
    times = segment.time_range(finding.start, finding.end)
    whole = (segment.start_s, segment.end_s)
    if whole[0] is not None and whole[1] is not None and not _words_cover(segment, finding):
        return whole[0], whole[1]
    return times


def _words_cover(segment: Segment, finding: Finding) -> bool:
    """Whether every non-space character of the finding lies in a timed word."""
    if not segment.words:
        return True  # no word timings at all: time_range already uses the segment's times
    inside = {
        i
        for w in segment.words
        for i in range(max(w.start_char, finding.start), min(w.end_char, finding.end))
    }
    text = segment.text
    return all(i in inside or text[i].isspace() for i in range(finding.start, finding.end))


def build_manifest(
    parsed: Parsed, result: ScanResult, redacted: RedactedDocument | None = None
) -> dict[str, Any]:
    """A JSON-ready manifest of one input. With `redacted`, each finding also names the
    operator that replaced it. Notices come from the reader (`parsed.original.notices`)."""
    segments = {s.id: s for s in parsed.document.segments}
    replacements = redacted.replacements if redacted is not None else {}
    notices = getattr(parsed.original, "notices", ())
    return {
        "version": MANIFEST_VERSION,
        "source": parsed.document.id,
        "format": parsed.format,
        "channel": parsed.document.channel.value,
        "segments": len(parsed.document.segments),
        "findings": [
            _finding(f, segments.get(f.segment_id), replacements) for f in result.findings
        ],
        "errors": [{"part": e.part, "message": e.message} for e in parsed.errors],
        "notices": [str(n) for n in notices],
    }


def _finding(
    finding: Finding,
    segment: Segment | None,
    replacements: Mapping[str, Sequence[Replacement]],
) -> dict[str, Any]:
    times = finding_time(segment, finding)
    return {
        "entity": finding.entity.name,
        "segment": finding.segment_id,
        "speaker": segment.speaker if segment else None,
        "start": finding.start,
        "end": finding.end,
        "time": {"start_s": times[0], "end_s": times[1]} if times else None,
        "score": round(finding.score, 4),
        "detector": finding.detector,
        "reasons": list(finding.reasons),
        "fingerprint": finding.fingerprint,
        "operator": _operator(finding, replacements.get(finding.segment_id, ())),
    }


def _operator(finding: Finding, replacements: Sequence[Replacement]) -> str | None:
    """The operator of the replacement that covers the finding (overlapping findings are
    merged into one replacement before redaction)."""
    for rep in replacements:
        if rep.original.overlaps(finding.span):
            return rep.operator
    return None
