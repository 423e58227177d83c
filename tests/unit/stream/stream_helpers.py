"""Small hand-made calls for the streaming tests: turns with the sensitive pieces marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from callshield import Engine
from callshield.core.document import Segment
from callshield.stream import Released, StreamingRedactor

WORD_S = 0.3
GAP_S = 0.5
ONES = "zero one two three four five six seven eight nine".split()


@dataclass(frozen=True, slots=True)
class Line:
    """A turn: who says it, its text and the sensitive substrings in it."""

    speaker: str
    text: str
    secrets: tuple[str, ...] = ()


def say(speaker: str, text: str, *secrets: str) -> Line:
    return Line(speaker, text, secrets)


def spoken(digits: str, zero: str = "oh") -> str:
    return " ".join(zero if d == "0" else ONES[int(d)] for d in digits)


def segments(lines: Sequence[Line]) -> list[Segment]:
    """Segments with times: WORD_S per word, GAP_S between turns."""
    out = []
    clock = 0.0
    for n, line in enumerate(lines):
        duration = max(1, len(line.text.split())) * WORD_S
        out.append(Segment(f"turn-{n}", line.text, line.speaker, clock, clock + duration))
        clock += duration + GAP_S
    return out


def stream(engine: Engine, lines: Sequence[Line], **options: float) -> list[Released]:
    redactor = StreamingRedactor(engine, **options)  # type: ignore[arg-type]
    released: list[Released] = []
    for segment in segments(lines):
        released += redactor.feed(segment)
    return released + redactor.flush()


def unredacted(lines: Sequence[Line], released: Sequence[Released]) -> list[tuple[int, str]]:
    """(turn, secret) for every secret with a character (other than a space) left in clear."""
    by_index = {r.index: r for r in released}
    leaks = []
    for n, line in enumerate(lines):
        covered = [(p.original.start, p.original.end) for p in by_index[n].replacements]
        cursor = 0
        for secret in line.secrets:
            start = line.text.index(secret, cursor)
            cursor = start + len(secret)
            for k in range(start, start + len(secret)):
                if not line.text[k].isspace() and not any(a <= k < b for a, b in covered):
                    leaks.append((n, secret))
                    break
    return leaks
