"""E-mail addresses: anchored on '@', confirmed by an exact, bounded pattern."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import AT_SIGN, Candidate, matches_near
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EMAIL, EntityType

_LOCAL = r"[\w!#$%&'*+/=?^`{|}~\-]"
# RFC 5322 quoted local part: '"john smith"@example.org', with backslash escapes
_QUOTED = r'"(?:[^"\\\r\n]|\\[^\r\n]){1,64}"'
# Unicode-aware (internationalised addresses: "ñoñó@example.tld"); the TLD is letters or IDNA.
_EMAIL_RE = re.compile(
    rf"(?<![\w.!#$%&'*+/=?^`{{|}}~\-])"
    rf"(?:{_QUOTED}|{_LOCAL}(?:[\w.!#$%&'*+/=?^`{{|}}~\-]{{0,62}}{_LOCAL})?)"
    r"@(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.){1,8}"
    r"(?:[^\W\d_]{2,63}|xn--[a-z0-9\-]{2,59})(?![\w\-]|\.\w)",
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
        return (AT_SIGN,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for match in matches_near(_EMAIL_RE, text, hits[0], back=70, ahead=260):
            value = match.group()
            if ".." in value:
                continue
            yield Candidate(
                EMAIL, match.start(), match.end(), 0.95, ("e-mail syntax ok",), value.lower()
            )
