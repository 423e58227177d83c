"""From a scanned transcript to the time ranges of the call to redact, and which channel each
speaker is on.

Fail closed: a finding whose audio time cannot be placed (a segment without timings) stops the
redaction instead of leaving that value audible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from callshield.audio.files import AudioError
from callshield.audio.plan import TimeRange
from callshield.core.document import Document, Segment
from callshield.formats.manifest import TimeRange as FindingTime
from callshield.formats.manifest import redacted_time_ranges
from callshield.pipeline import ScanResult

ChannelsOf = Callable[[Segment], frozenset[int] | None]


def all_channels(segment: Segment) -> frozenset[int] | None:
    """The default: every range is redacted on every channel (bleed between channels)."""
    return None


def finding_time_ranges(
    document: Document, result: ScanResult, channels_of: ChannelsOf = all_channels
) -> list[TimeRange]:
    """One TimeRange per finding, from the words it touches (the transcript manifest's
    `redacted_time_ranges`, over `Segment.time_range`). A finding it cannot place in time is
    an error here, not a silent omission: that value would stay audible."""
    segments = {s.id: s for s in document.segments}
    placed = redacted_time_ranges(document, result)
    _check_all_placed(result, placed)
    return [
        TimeRange(
            r.start_s,
            r.end_s,
            r.entity,
            f"transcript: {r.entity} in {r.segment_id}",
            channels_of(segments[r.segment_id]),
        )
        for r in placed
    ]


def _check_all_placed(result: ScanResult, placed: list[FindingTime]) -> None:
    wanted = Counter(f.segment_id for f in result.findings)
    got = Counter(r.segment_id for r in placed)
    short = [segment for segment, n in wanted.items() if got[segment] < n]
    if short:
        missing = sum(wanted.values()) - sum(got.values())
        raise AudioError(
            f"transcript: {missing} finding(s) have no audio time (first in segment "
            f"{short[0]}); a transcript with word or turn timings is needed"
        )


def transcript_end_s(document: Document) -> float | None:
    """The latest time the transcript mentions (turn or word end), None when it has none."""
    ends = [s.end_s for s in document.segments if s.end_s is not None]
    ends += [w.end_s for s in document.segments for w in s.words]
    return max(ends) if ends else None


def parse_channel_map(text: str, channels: int) -> dict[str, int]:
    """`spk_0=0,spk_1=1` to {speaker: channel}; channels must exist in the recording."""
    mapping: dict[str, int] = {}
    for number, item in enumerate(text.split(","), start=1):
        speaker, sep, channel = item.strip().rpartition("=")
        if not sep or not speaker.strip() or not channel.strip().isdigit():
            raise AudioError(f"--channel-map: item {number} is not SPEAKER=CHANNEL")
        index = int(channel)
        if index >= channels:
            raise AudioError(
                f"--channel-map: item {number} names channel {index} but the recording has "
                f"{channels} channel(s) (0..{channels - 1})"
            )
        if speaker.strip() in mapping:
            raise AudioError(f"--channel-map: item {number} repeats a speaker")
        mapping[speaker.strip()] = index
    return mapping


def speaker_channels(document: Document, mapping: Mapping[str, int]) -> ChannelsOf:
    """Per-channel redaction: each segment on its speaker's channel. A speaker the map does
    not name is an error (the range would otherwise land on no channel or a guessed one)."""
    missing = [s.id for s in document.segments if s.speaker not in mapping]
    if missing:
        raise AudioError(
            f"--channel-map does not name the speaker of {len(missing)} segment(s) "
            f"(first: {missing[0]}); map every speaker of the transcript"
        )

    def channels_of(segment: Segment) -> frozenset[int]:
        return frozenset({mapping[segment.speaker or ""]})

    return channels_of
