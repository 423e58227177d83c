"""Planning redacted sample ranges: padding, clamping, merging and outward rounding (pure)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callshield.audio import AudioPlan, SampleRange, TimeRange, plan_redaction


def r(start: float, end: float, entity: str = "PAYMENT_CARD", *channels: int) -> TimeRange:
    return TimeRange(start, end, entity, f"transcript: {entity}", frozenset(channels) or None)


def spans(plan: AudioPlan) -> list[tuple[int, int]]:
    return [(x.start, x.end) for x in plan.ranges]


# (ranges, padding, expected sample spans) at 8 kHz, 10 s = 80000 frames.
CASES = [
    ([r(1.0, 1.5)], 0.1, [(7200, 12800)]),
    ([r(1.0, 1.5)], 0.0, [(8000, 12000)]),
    # 0.4 s is sample 3200 exactly: no float noise pushes it outward.
    ([r(0.4, 0.7)], 0.0, [(3200, 5600)]),
    ([r(0.3, 0.7)], 0.1, [(1600, 6400)]),
    # Outward rounding: a start inside sample 800 floors to it, an end inside 1600 ceils.
    ([r(0.10001, 0.2)], 0.0, [(800, 1600)]),
    ([r(0.1, 0.20001)], 0.0, [(800, 1601)]),
    ([r(0.1000625, 0.2000625)], 0.0, [(800, 1601)]),
    # Clamped to [0, duration].
    ([r(0.05, 0.2)], 0.1, [(0, 2400)]),
    ([r(9.95, 10.0)], 0.1, [(78800, 80000)]),
    ([r(9.9, 10.5)], 0.1, [(78400, 80000)]),
    ([r(10.2, 10.5)], 0.1, []),
    # Padded gap 0.05 s < padding 0.1 s: merged.
    ([r(1.0, 1.2), r(1.45, 1.6)], 0.1, [(7200, 13600)]),
    # Padded gap exactly the padding: kept apart.
    ([r(1.0, 1.2), r(1.5, 1.6)], 0.1, [(7200, 10400), (11200, 13600)]),
    # Overlapping and touching ranges merge even without padding; a one-sample gap does not.
    ([r(1.0, 1.5), r(1.2, 1.8)], 0.0, [(8000, 14400)]),
    ([r(1.0, 1.5), r(1.5, 1.8)], 0.0, [(8000, 14400)]),
    ([r(1.0, 1.5), r(1.500125, 1.8)], 0.0, [(8000, 12000), (12001, 14400)]),
    # Outward rounding makes neighbours overlap by a sample: joined.
    ([r(0.1, 0.10001), r(0.10012, 0.2)], 0.0, [(800, 1600)]),
    # Order of the input does not matter; duplicates collapse; a range inside another vanishes.
    ([r(3.0, 3.2), r(1.0, 1.2), r(1.0, 1.2), r(1.05, 1.1)], 0.0, [(8000, 9600), (24000, 25600)]),
    # A zero-length range still redacts the padding around it (a word with start == end).
    ([r(2.0, 2.0)], 0.1, [(15200, 16800)]),
    ([r(2.0, 2.0)], 0.0, []),
]


@pytest.mark.parametrize(
    ("ranges", "padding", "expected"),
    CASES,
    ids=[f"case{i}" for i in range(len(CASES))],
)
def test_plan_pads_clamps_merges_and_rounds_outward(
    ranges: list[TimeRange], padding: float, expected: list[tuple[int, int]]
) -> None:
    plan = plan_redaction(ranges, sample_rate=8000, frames=80000, padding_s=padding)
    assert spans(plan) == expected
    assert all(x.channels is None for x in plan.ranges)


def test_plan_counts_ranges_that_run_past_the_end() -> None:
    ranges = [r(1.0, 2.0), r(9.9, 10.5), r(11.0, 12.0)]
    plan = plan_redaction(ranges, sample_rate=8000, frames=80000)
    assert plan.clamped == 2
    assert spans(plan) == [(7200, 16800), (78400, 80000)]


def test_plan_at_44100_hz_rounds_outward_from_exact_decimal_times() -> None:
    plan = plan_redaction([r(1.23, 4.56)], sample_rate=44100, frames=44100 * 5, padding_s=0.0)
    assert spans(plan) == [(54243, 201096)]


def test_merged_range_lists_every_entity_and_counts_reasons() -> None:
    ranges = [
        r(1.0, 1.5, "PAYMENT_CARD"),
        r(1.6, 1.7, "CARD_EXPIRY"),
        TimeRange(1.8, 1.9, "DTMF", "dtmf key tone"),
        TimeRange(2.0, 2.1, "DTMF", "dtmf key tone"),
    ]
    (merged,) = plan_redaction(ranges, sample_rate=8000, frames=80000).ranges
    assert merged.entities == ("CARD_EXPIRY", "DTMF", "PAYMENT_CARD")
    assert merged.reasons == (
        "transcript: PAYMENT_CARD",
        "transcript: CARD_EXPIRY",
        "dtmf key tone (x2)",
    )
    assert merged.dtmf_tones == 2


def test_per_channel_ranges_merge_per_channel_and_share_identical_spans() -> None:
    ranges = [
        r(1.0, 1.5, "PAYMENT_CARD", 0),
        r(1.0, 1.5, "PAYMENT_CARD", 1),
        r(1.55, 1.7, "CARD_CVV", 0),  # merges with the card on channel 0 only
        r(5.0, 5.5, "PHONE", 1),
        r(5.2, 5.3, "US_SSN"),  # all channels: kept apart from the channel-1 range
    ]
    plan = plan_redaction(ranges, sample_rate=8000, frames=80000, padding_s=0.1)
    assert [(x.start, x.end, x.channels) for x in plan.ranges] == [
        (7200, 12800, (1,)),
        (7200, 14400, (0,)),
        (39200, 44800, (1,)),
        (40800, 43200, None),
    ]
    assert plan.ranges[1].entities == ("CARD_CVV", "PAYMENT_CARD")
    assert plan.ranges[0].entities == ("PAYMENT_CARD",)


def test_same_span_on_two_channels_is_listed_once_with_both() -> None:
    ranges = [r(1.0, 1.5, "PAYMENT_CARD", 0, 1)]
    (only,) = plan_redaction(ranges, sample_rate=8000, frames=80000, padding_s=0.0).ranges
    assert only == SampleRange(
        8000, 12000, (0, 1), ("PAYMENT_CARD",), ("transcript: PAYMENT_CARD",), 0
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [(-0.1, 1.0), (2.0, 1.0), (math.nan, 1.0), (0.0, math.inf)],
    ids=["negative", "reversed", "nan", "inf"],
)
def test_invalid_time_range_is_refused(start: float, end: float) -> None:
    with pytest.raises(ValueError, match="time range"):
        TimeRange(start, end, "PHONE", "x")


@pytest.mark.parametrize("padding", [-0.1, math.nan, math.inf], ids=["negative", "nan", "inf"])
def test_invalid_padding_is_refused(padding: float) -> None:
    with pytest.raises(ValueError, match="padding"):
        plan_redaction([r(1.0, 2.0)], sample_rate=8000, frames=80000, padding_s=padding)


times = st.floats(min_value=0, max_value=12, allow_nan=False)


@given(
    pairs=st.lists(st.tuples(times, times), max_size=12),
    padding=st.sampled_from([0.0, 0.01, 0.1, 0.25]),
    rate=st.sampled_from([8000, 16000, 44100]),
)
def test_plan_is_sorted_disjoint_within_bounds_and_covers_every_range(
    pairs: list[tuple[float, float]], padding: float, rate: int
) -> None:
    frames = rate * 10
    ranges = [r(min(a, b), max(a, b)) for a, b in pairs]
    plan = plan_redaction(ranges, sample_rate=rate, frames=frames, padding_s=padding)
    for x in plan.ranges:
        assert 0 <= x.start < x.end <= frames
    for a, b in zip(plan.ranges, plan.ranges[1:], strict=False):
        assert a.end < b.start  # disjoint, not even touching (they would have merged)
    for t in ranges:
        # A millionth of a sample of slack for float noise (the planner is exact in decimal).
        first = max(0, math.floor((t.start_s - padding) * rate + 1e-6))
        last = min(frames, math.ceil((t.end_s + padding) * rate - 1e-6))
        if last > first:  # inside the recording: some plan range covers it whole
            assert any(x.start <= first and last <= x.end for x in plan.ranges)
