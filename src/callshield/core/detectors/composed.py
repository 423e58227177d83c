"""Numbers said with a correction inside them, neither part a value alone: "6011 uh 1111 18
-- sorry, scratch that, 1111 1117" (a card), "153 4... i mean 30 7472" (a social). The
question before the number says what it is; a reading of the parts must be such a value
(`corrections.composed`). Triggered by a digit before a word that takes a number back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.corrections import COMPOSED_ENTITIES, COMPOSED_TRIGGER, composed
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EntityType


@dataclass(frozen=True, slots=True)
class ComposedNumberDetector:
    name: str = "composed_number"

    @property
    def entities(self) -> frozenset[EntityType]:
        return COMPOSED_ENTITIES

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(COMPOSED_TRIGGER, max_len=40, word_end=True),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        return composed(text, hits[0])
