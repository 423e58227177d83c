"""Deny-listed terms: literals a deployment always wants redacted (project names, codes)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from callshield.core.detection.base import Candidate, matches_near
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import DENY_LISTED, EntityType


@dataclass(frozen=True, slots=True)
class DenyListDetector:
    """Whole-word, caseless literals. The terms are compiled into patterns once; repr hides them."""

    terms: tuple[str, ...]
    name: str = "deny_list"
    _regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.terms or not all(t.strip() for t in self.terms):
            raise ValueError("deny-list terms must be non-empty")
        body = "|".join(re.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        object.__setattr__(self, "_regex", re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I))

    def __repr__(self) -> str:
        return f"DenyListDetector(terms={len(self.terms)})"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({DENY_LISTED})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        body = "|".join(re.escape(t) for t in self.terms)
        longest = max(len(t) for t in self.terms)
        return (Trigger(rf"(?:{body})", max_len=longest),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        longest = max(len(t) for t in self.terms)
        for match in matches_near(self._regex, text, hits[0], back=longest + 1, ahead=1):
            yield Candidate(
                DENY_LISTED, match.start(), match.end(), 0.99, ("deny-listed term",),
                match.group().lower(),
            )  # fmt: skip
