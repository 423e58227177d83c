"""Planning which samples of a call to redact: pure arithmetic, no audio and no I/O.

Times arrive as floats read from transcripts ("12.34") and from the DTMF detector. They are
converted through their shortest decimal form (`repr`) into `Decimal`, so that 0.4 s at 8 kHz is
sample 3200 exactly rather than 3200.0000000000005 rounded outward to 3201.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

DEFAULT_PADDING_S = 0.1


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A stretch of the call to redact, in seconds, and why. `channels` None means all."""

    start_s: float
    end_s: float
    entity: str
    reason: str
    channels: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if not (math.isfinite(self.start_s) and math.isfinite(self.end_s)):
            raise ValueError("time range bounds must be finite numbers")
        if self.start_s < 0 or self.end_s < self.start_s:
            raise ValueError(f"invalid time range [{self.start_s}, {self.end_s}] s")


@dataclass(frozen=True, slots=True)
class SampleRange:
    """Samples [start, end) to redact on `channels` (None: all), with what and why.

    `reasons` are counted: a reason met n > 1 times reads "reason (x n)"; `dtmf_tones` counts
    the key tones inside, never which keys they were.
    """

    start: int
    end: int
    channels: tuple[int, ...] | None
    entities: tuple[str, ...]
    reasons: tuple[str, ...]
    dtmf_tones: int = 0


@dataclass(frozen=True, slots=True)
class AudioPlan:
    """Every range to redact in one recording, in order, and how many ran past its end."""

    sample_rate: int
    frames: int
    padding_s: float
    ranges: tuple[SampleRange, ...]
    clamped: int = 0

    def seconds(self, sample: int) -> float:
        return sample / self.sample_rate


DTMF_ENTITY = "DTMF"


def plan_redaction(
    ranges: Sequence[TimeRange],
    *,
    sample_rate: int,
    frames: int,
    padding_s: float = DEFAULT_PADDING_S,
) -> AudioPlan:
    """Pad each range, clamp it to the recording, merge ranges closer than the padding, and
    round outward to whole samples. Ranges for different channels are merged per channel and
    ranges that end up identical on several channels are listed once with all of them."""
    if sample_rate <= 0 or frames < 0:
        raise ValueError("sample rate must be positive and frames non-negative")
    if not math.isfinite(padding_s) or padding_s < 0:
        raise ValueError("padding must be a non-negative number of seconds")
    pad = _dec(padding_s)
    duration = Decimal(frames) / sample_rate
    clamped = sum(1 for r in ranges if _dec(r.end_s) > duration)
    per_key: dict[int | None, list[tuple[int, int, frozenset[int]]]] = {}
    for key in _channel_keys(ranges):
        chosen = [i for i, r in enumerate(ranges) if key in _keys_of(r)]
        seconds = _merge_seconds([(ranges[i], i) for i in chosen], pad, duration)
        per_key[key] = _merge_samples(
            [_to_samples(s, e, sample_rate, frames, src) for s, e, src in seconds]
        )
    out = _coalesce_channels(per_key, ranges)
    return AudioPlan(sample_rate, frames, padding_s, out, clamped)


def _dec(value: float) -> Decimal:
    return Decimal(repr(float(value)))


def _keys_of(r: TimeRange) -> Iterable[int | None]:
    return (None,) if r.channels is None else r.channels


def _channel_keys(ranges: Sequence[TimeRange]) -> list[int | None]:
    keys: set[int | None] = set()
    for r in ranges:
        keys.update(_keys_of(r))
    return sorted(keys, key=lambda k: -1 if k is None else k)


def _merge_seconds(
    indexed: list[tuple[TimeRange, int]], pad: Decimal, duration: Decimal
) -> list[tuple[Decimal, Decimal, frozenset[int]]]:
    """Padded, clamped, merged ranges in seconds, each with the indices of its sources. Two
    ranges merge when they overlap or touch, or when the audible gap left between them would
    be shorter than the padding (a sliver that short only helps reassemble what was cut)."""
    padded = []
    for r, index in indexed:
        start = max(Decimal(0), _dec(r.start_s) - pad)
        end = min(duration, _dec(r.end_s) + pad)
        if end >= start:  # an empty range still rounds outward to the sample it sits in
            padded.append((start, end, frozenset({index})))
    padded.sort(key=lambda item: (item[0], item[1]))
    merged: list[tuple[Decimal, Decimal, frozenset[int]]] = []
    for start, end, sources in padded:
        if merged and (start <= merged[-1][1] or start - merged[-1][1] < pad):
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] | sources)
        else:
            merged.append((start, end, sources))
    return merged


def _to_samples(
    start: Decimal, end: Decimal, sample_rate: int, frames: int, sources: frozenset[int]
) -> tuple[int, int, frozenset[int]]:
    """Round outward: the first sample that the range touches up to the last one."""
    first = int((start * sample_rate).to_integral_value(rounding=ROUND_FLOOR))
    stop = int((end * sample_rate).to_integral_value(rounding=ROUND_CEILING))
    return max(0, first), min(frames, stop), sources


def _merge_samples(
    ranges: list[tuple[int, int, frozenset[int]]],
) -> list[tuple[int, int, frozenset[int]]]:
    """Outward rounding can make neighbours touch or overlap by a sample: join them."""
    merged: list[tuple[int, int, frozenset[int]]] = []
    for start, end, sources in sorted(ranges, key=lambda item: (item[0], item[1])):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] | sources)
        else:
            merged.append((start, end, sources))
    return merged


def _coalesce_channels(
    per_key: dict[int | None, list[tuple[int, int, frozenset[int]]]],
    ranges: Sequence[TimeRange],
) -> tuple[SampleRange, ...]:
    """One SampleRange per distinct (start, end) of the per-channel ranges, listing the
    channels that share it; all-channel ranges stay apart (channels None)."""
    grouped: dict[tuple[int, int, bool], tuple[list[int], set[int]]] = {}
    for key, items in per_key.items():
        for start, end, sources in items:
            channels, srcs = grouped.setdefault((start, end, key is None), ([], set()))
            if key is not None:
                channels.append(key)
            srcs.update(sources)
    out = [
        _sample_range(start, end, None if is_all else tuple(sorted(chs)), srcs, ranges)
        for (start, end, is_all), (chs, srcs) in grouped.items()
    ]
    out.sort(key=lambda r: (r.start, r.end, r.channels or ()))
    return tuple(out)


def _sample_range(
    start: int,
    end: int,
    channels: tuple[int, ...] | None,
    sources: set[int],
    ranges: Sequence[TimeRange],
) -> SampleRange:
    ordered = [ranges[i] for i in sorted(sources)]
    counts = Counter(r.reason for r in ordered)
    reasons = tuple(reason if n == 1 else f"{reason} (x{n})" for reason, n in counts.items())
    entities = tuple(sorted({r.entity for r in ordered}))
    tones = sum(1 for r in ordered if r.entity == DTMF_ENTITY)
    return SampleRange(start, end, channels, entities, reasons, tones)
