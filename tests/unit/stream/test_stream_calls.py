"""The streaming redactor on the synthetic call corpus (`evaluation.calls`): no gold value is
released in clear, every turn comes out once and in order, and the hold-back stays within the
bound (plus the turn whose arrival released it: nothing happens between two arrivals)."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.evaluation.calls import Call, generate_calls, score_calls
from callshield.stream import Released, StreamingRedactor

MAX_WORDS = 20


@pytest.fixture(scope="module")
def calls() -> list[Call]:
    return generate_calls(40, seed=5)


def test_no_gold_value_is_released_in_clear(engine: Engine, calls: list[Call]) -> None:
    covered: dict[str, dict[int, list[tuple[int, int]]]] = {}
    for call in calls:
        redactor = StreamingRedactor(engine, max_hold_words=MAX_WORDS)
        released: list[Released] = []
        for segment in call.document.segments:
            out = redactor.feed(segment)
            words_now = len(segment.text.split())
            assert all(r.held_words - words_now <= MAX_WORDS for r in out)
            released += out
        released += redactor.flush()
        assert [r.index for r in released] == list(range(len(call.document.segments)))
        covered[call.document.id] = {
            r.index: [(p.original.start, p.original.end) for p in r.replacements] for r in released
        }
    report = score_calls(calls, lambda c: covered[c.document.id])
    assert report.spans > 100
    assert report.missed == ()


MAX_SECONDS = 4.0


def test_with_a_clock_no_turn_waits_past_the_bound_and_nothing_leaks(
    engine: Engine, calls: list[Call]
) -> None:
    """The transport ticks the redactor at `deadline()` (a final turn arrives at its end): every
    hold is then within the bound in seconds, and the over-redaction that buys it leaks nothing."""
    covered: dict[str, dict[int, list[tuple[int, int]]]] = {}
    ticked = 0
    for call in calls:
        redactor = StreamingRedactor(engine, max_hold_seconds=MAX_SECONDS)
        released: list[Released] = []
        for segment in call.document.segments:
            due = redactor.deadline()
            if due is not None and segment.end_s is not None and due < segment.end_s:
                out = redactor.tick(due)
                ticked += len(out)
                released += out
            released += redactor.feed(segment)
        released += redactor.flush()
        assert [r.index for r in released] == list(range(len(call.document.segments)))
        assert max(r.held_seconds or 0.0 for r in released) <= MAX_SECONDS + 1e-9
        covered[call.document.id] = {
            r.index: [(p.original.start, p.original.end) for p in r.replacements] for r in released
        }
    assert ticked > 0  # the corpus has holds that only the clock ends in time
    report = score_calls(calls, lambda c: covered[c.document.id])
    assert report.missed == ()
