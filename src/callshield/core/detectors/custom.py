"""Deployment-defined detectors: a pattern (run by RE2: linear time, no ReDoS), a validator
and context words. Parsed from YAML at the edge (`callshield.custom`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from callshield.core.detection.base import Candidate, Cues, cap, context_reason, windows
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EntityType


@dataclass(frozen=True, slots=True)
class PatternDetector:
    """A customer pattern: `regex` is a compiled RE2 pattern (anything with `finditer(text,
    pos, endpos)`); `expression` goes into the shared multi-pattern database as a prefilter."""

    name: str
    entity: EntityType
    expression: str
    regex: Any
    max_len: int
    score: float = 0.6
    context: tuple[str, ...] = ()
    context_score: float = 0.9
    validator: Callable[[str], bool] | None = None
    validator_name: str = ""
    caseless: bool = True
    _cues: Cues | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cues", Cues(self.context) if self.context else None)

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({self.entity})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(self.expression, self.max_len, caseless=self.caseless, prefilter=True),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        seen: set[tuple[int, int]] = set()
        for lo, hi in windows(hits[0], self.max_len + 1, 2, len(text)):
            for match in self.regex.finditer(text, lo, hi):
                span = (match.start(), match.end())
                if span in seen or span[0] == span[1]:
                    continue
                seen.add(span)
                cand = self._score(text, span[0], span[1], match.group())
                if cand is not None:
                    yield cand

    def _score(self, text: str, start: int, end: int, value: str) -> Candidate | None:
        reasons = [f"pattern '{self.name}'"]
        score = self.score
        if self.validator is not None:
            if not self.validator(value):
                return None
            reasons.append(f"{self.validator_name} ok")
        found = self._cues.before(text, start) if self._cues else None
        if found:
            reasons.append(context_reason(found))
            score = self.context_score
        return Candidate(self.entity, start, end, cap(score), tuple(reasons), value.lower())
