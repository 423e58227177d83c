"""Small helpers shared by the tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield import Engine
from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import PAYMENT_CARD, EntityType


def found(engine: Engine, text: str, min_score: float | None = None) -> list[tuple[str, str]]:
    """(entity name, matched text) pairs: the readable form tables assert on."""
    return [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text, min_score=min_score)]


@dataclass(frozen=True)
class ExplodingDetector:
    """A custom detector that fails on every text containing "boom", quoting the text in its
    error: the engine must fail closed (UNSCANNABLE) and must not log the message."""

    name: str = "exploding"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PAYMENT_CARD})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(r"boom", max_len=4),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        raise RuntimeError(f"failed on {text}")
