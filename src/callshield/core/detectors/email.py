"""E-mail addresses: anchored on '@', confirmed by an exact, bounded pattern."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate, matches_near
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EMAIL, EntityType

_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])[A-Z0-9_%+\-](?:[A-Z0-9._%+\-]{0,62}[A-Z0-9_%+\-])?"
    r"@(?:[A-Z0-9](?:[A-Z0-9\-]{0,61}[A-Z0-9])?\.){1,8}"
    r"(?:[A-Z]{2,63}|XN--[A-Z0-9\-]{2,59})(?![\w\-]|\.[A-Z0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class EmailDetector:
    name: str = "email"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({EMAIL})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(r"[A-Z0-9_%+\-]@[A-Z0-9]", max_len=3),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for match in matches_near(_EMAIL_RE, text, hits[0], back=70, ahead=260):
            value = match.group()
            if ".." in value:
                continue
            yield Candidate(
                EMAIL, match.start(), match.end(), 0.95, ("e-mail syntax ok",), value.lower()
            )
