"""Streaming redaction on synthetic calls: leaks (must be 0), share of gold spans fully redacted,
and the hold-back it costs (median / p99 in words and audio seconds), side by side with the two
naive peers: "hold every turn until the end of the call" and "release each turn at once,
scanned alone".

    .venv/bin/python bench/stream_latency.py [--calls 300] [--seed 11]

Hold-back of a turn: words that arrived after it before it was released, and audio time from
its end to its release: the end of the turn whose arrival released it, or the transport's timer
(`StreamingRedactor.tick` at `deadline()`, simulated here in audio time: a final turn arrives
at its end). The "no clock" row is the same redactor fed turns only, never ticked: its hold can
pass the bound in seconds by the length of the turn whose arrival ends it.

Two leak checks: "leaks" counts gold spans with a character (other than a space) outside every
redacted region; "verbatim" counts gold values that can still be read in the released text of
their turn (more occurrences than the original has outside the gold span).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from callshield import Engine, pipeline
from callshield.evaluation.calls import Call, CallReport, generate_calls, score_calls
from callshield.stream import Released, StreamingRedactor

Ranges = dict[int, list[tuple[int, int]]]
Texts = dict[int, str]


@dataclass(frozen=True, slots=True)
class Outcome:
    """One contender over the whole corpus."""

    name: str
    report: CallReport
    verbatim: int
    held_words: list[int]
    held_seconds: list[float]
    seconds: float


def verbatim_leaks(call: Call, released: Texts) -> int:
    """Gold values still readable in the released text of their turn."""
    leaks = 0
    for gold in call.gold:
        original = call.document.segments[gold.segment].text
        value = original[gold.start : gold.end].strip().lower()
        outside = original[: gold.start].lower().count(value) + original[gold.end :].lower().count(
            value
        )
        leaks += released[gold.segment].lower().count(value) > outside
    return leaks


def stream(engine: Engine, calls: Sequence[Call], clock: bool, **options: float) -> Outcome:
    ranges: dict[str, Ranges] = {}
    words: list[int] = []
    seconds: list[float] = []
    verbatim = 0
    started = time.perf_counter()
    for call in calls:
        redactor = StreamingRedactor(engine, **options)  # type: ignore[arg-type]
        released: list[Released] = []
        for segment in call.document.segments:
            due = redactor.deadline()
            if clock and due is not None and segment.end_s is not None and due < segment.end_s:
                released += redactor.tick(due)  # the timer fires before this turn arrives
            released += redactor.feed(segment)
        released += redactor.flush()
        order = [r.index for r in released]
        assert order == list(range(len(call.document.segments))), "order or exactly-once broken"
        ranges[call.document.id] = {
            r.index: [(p.original.start, p.original.end) for p in r.replacements] for r in released
        }
        words += [r.held_words for r in released]
        seconds += [r.held_seconds or 0.0 for r in released]
        verbatim += verbatim_leaks(call, {r.index: r.segment.text for r in released})
    elapsed = time.perf_counter() - started
    report = score_calls(calls, lambda c: ranges[c.document.id])
    name = "stream (this)" if clock else "stream, no clock"
    return Outcome(name, report, verbatim, words, seconds, elapsed)


def hold_all(engine: Engine, calls: Sequence[Call]) -> Outcome:
    """Peer: wait for the end of the call, then scan the whole document."""
    ranges: dict[str, Ranges] = {}
    words: list[int] = []
    seconds: list[float] = []
    verbatim = 0
    started = time.perf_counter()
    for call in calls:
        segments = call.document.segments
        by_segment = pipeline.scan(call.document, engine).by_segment()
        found = [by_segment.get(s.id, []) for s in segments]
        ranges[call.document.id] = {n: [(f.start, f.end) for f in fs] for n, fs in enumerate(found)}
        texts = {n: engine.redact(s.text, found[n]).text for n, s in enumerate(segments)}
        verbatim += verbatim_leaks(call, texts)
        end = segments[-1].end_s or 0.0
        for n, segment in enumerate(segments):
            words.append(sum(len(s.text.split()) for s in segments[n + 1 :]))
            seconds.append(end - (segment.end_s or 0.0))
    elapsed = time.perf_counter() - started
    report = score_calls(calls, lambda c: ranges[c.document.id])
    return Outcome("hold whole call", report, verbatim, words, seconds, elapsed)


def each_alone(engine: Engine, calls: Sequence[Call]) -> Outcome:
    """Peer: release every turn at once, scanned on its own."""
    ranges: dict[str, Ranges] = {}
    verbatim = 0
    started = time.perf_counter()
    for call in calls:
        segments = call.document.segments
        found = [engine.scan_segment(s) for s in segments]
        ranges[call.document.id] = {n: [(f.start, f.end) for f in fs] for n, fs in enumerate(found)}
        texts = {n: engine.redact(s.text, found[n]).text for n, s in enumerate(segments)}
        verbatim += verbatim_leaks(call, texts)
    elapsed = time.perf_counter() - started
    report = score_calls(calls, lambda c: ranges[c.document.id])
    turns = sum(len(c.document.segments) for c in calls)
    return Outcome("each turn alone", report, verbatim, [0] * turns, [0.0] * turns, elapsed)


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def row(outcome: Outcome) -> str:
    r = outcome.report
    words, seconds = outcome.held_words, outcome.held_seconds
    cells = [
        f"{outcome.name:<18}",
        f"{r.spans - r.fully_redacted:>6}",
        f"{outcome.verbatim:>8}",
        f"{100 * r.share:>8.2f}%",
        f"{statistics.median(words):>8.1f}",
        f"{percentile(words, 0.99):>8.1f}",
        f"{statistics.median(seconds):>8.2f}",
        f"{percentile(seconds, 0.99):>8.2f}",
        f"{max(seconds):>8.2f}",
        f"{r.decoys_touched:>4}/{r.decoys:<4}",
        f"{1000 * outcome.seconds / len(words):>7.3f}",
        f"{100 * sum(w == 0 for w in words) / len(words):>7.1f}%",
    ]
    return " ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--max-hold-words", type=int, default=40)
    parser.add_argument("--max-hold-seconds", type=float, default=8.0)
    args = parser.parse_args()
    engine = Engine(fingerprint_key=b"bench-stream-latency-key-0123456")
    calls = generate_calls(args.calls, seed=args.seed)
    turns = sum(len(c.document.segments) for c in calls)
    spans = sum(len(c.gold) for c in calls)
    print(
        f"{len(calls)} calls (seed {args.seed}), {turns} turns, {spans} gold spans; "
        f"bound {args.max_hold_words} words / {args.max_hold_seconds} s"
    )
    outcomes = [
        stream(engine, calls, True, max_hold_words=args.max_hold_words,
               max_hold_seconds=args.max_hold_seconds),
        stream(engine, calls, False, max_hold_words=args.max_hold_words,
               max_hold_seconds=args.max_hold_seconds),
        hold_all(engine, calls),
        each_alone(engine, calls),
    ]  # fmt: skip
    heads = ("leaks", "verbatim", "redacted", "med w", "p99 w", "med s", "p99 s", "max s",
             "decoys", "ms/turn", "at once")  # fmt: skip
    widths = (6, 8, 9, 8, 8, 8, 8, 8, 9, 7, 8)
    print(f"{'':<18} " + " ".join(f"{h:>{n}}" for h, n in zip(heads, widths, strict=True)))
    for outcome in outcomes:
        print(row(outcome))
    mine = outcomes[0].report
    for entity, (full, total) in sorted(mine.per_entity.items()):
        print(f"  stream {entity:<14} {full}/{total} fully redacted")
    for call_id, segment, entity in mine.missed[:10]:
        print(f"  leak: {call_id} turn {segment} {entity}")


if __name__ == "__main__":
    main()
