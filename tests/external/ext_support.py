"""Loading the copied external cases and the span checks the external tables share.

The cases are copies under tests/external/data/ (each folder keeps its LICENSE and SOURCE.txt),
so these tests do not depend on ../shared.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from callshield import Engine, Finding

DATA = Path(__file__).parent / "data"

#: Entities whose whole value must be covered, not merely touched: a partial match leaves
#: digits or characters that still identify the value.
EXACT_ENTITIES = frozenset({"IBAN", "PAYMENT_CARD", "US_SSN", "EMAIL", "IP_ADDRESS"})


def load_json(relative: str) -> Any:
    return json.loads((DATA / relative).read_text(encoding="utf-8"))


def load_jsonl(relative: str) -> list[dict[str, Any]]:
    lines = (DATA / relative).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def hits(findings: Iterable[Finding], entity: str, start: int, end: int, *, exact: bool) -> bool:
    """Whether a finding of `entity` covers [start, end) (exact) or overlaps it."""
    for f in findings:
        if f.entity.name != entity:
            continue
        if exact and f.start <= start and end <= f.end:
            return True
        if not exact and f.start < end and start < f.end:
            return True
    return False


def missing_spans(
    findings: Sequence[Finding], entity: str, spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    exact = entity in EXACT_ENTITIES
    return [(s, e) for s, e in spans if not hits(findings, entity, s, e, exact=exact)]


def of_entity(findings: Iterable[Finding], entity: str) -> list[Finding]:
    return [f for f in findings if f.entity.name == entity]


def shown(text: str, findings: Iterable[Finding]) -> list[tuple[str, str, float]]:
    """(entity, matched text, score): the readable form assertion messages print."""
    return [(f.entity.name, text[f.start : f.end], f.score) for f in findings]


def explain(engine: Engine, text: str) -> str:
    """What we report, and what lies below the threshold: printed when a case fails."""
    reported = shown(text, engine.scan(text))
    below = [
        (f.entity.name, text[f.start : f.end], f.score, f.reasons)
        for f in engine.scan(text, min_score=0.0)
    ]
    return f"text={text!r}\n  reported={reported}\n  at min_score=0: {below}"
