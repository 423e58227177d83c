"""Telephone numbers: a cheap shape prefilter, then libphonenumber on the candidates only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from callshield.core.detection.base import (
    Candidate,
    Cues,
    context_reason,
    matches_near,
    only_digits,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import PHONE, EntityType

_PHONE_RE = re.compile(
    r"(?<![\w+\-.])(?:\+\s?\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)\s?)?\d{1,5}(?:[\s.\-]\d{1,5}){0,5}"
    r"(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w]|[.\-]\d)",
    re.IGNORECASE,
)
_CUES = Cues(
    [
        "phone", "phones", "number", "mobile", "cell", "call", "call me", "tel", "telephone",
        "fax", "reach me", "callback", "call back", "text me", "contact", "landline", "whatsapp",
    ]
)  # fmt: skip
_NEGATIVE = Cues(
    [
        "order", "ticket", "tracking", "invoice", "case", "confirmation", "reference",
        "claim", "policy", "account", "routing", "ssn", "social", "card", "iban", "zip",
    ]
)  # fmt: skip
_OTHER_REGIONS = ("GB", "DE", "IL", "IN", "BR", "JP", "CN", "FR", "IT", "GR", "AU", "MX")
_FORMATTED = re.compile(r"[()\-.\s+]")


@dataclass(frozen=True, slots=True)
class PhoneDetector:
    """Phone-shaped runs, confirmed by libphonenumber (US first, other regions with a cue)."""

    name: str = "phone"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PHONE})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        shape = r"(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{1,4}\)\s?)?\d{2,5}(?:[\s.\-]?\d{2,5}){1,4}"
        return (Trigger(rf"{shape}\b", max_len=30, caseless=False),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for match in matches_near(_PHONE_RE, text, hits[0], back=34):
            for start, end in _slices(text, match):
                cand = _score(text, start, end)
                if cand is not None:
                    yield cand
                    break


_DIGITS = re.compile(r"\d+")


def _slices(text: str, match: re.Match[str]) -> Iterable[tuple[int, int]]:
    """The whole run first, then with trailing groups dropped, then with leading ones dropped."""
    groups = list(_DIGITS.finditer(text, match.start(), match.end()))
    yield match.start(), match.end()
    for k in range(len(groups) - 1, 1, -1):
        yield match.start(), groups[k - 1].end()
    for i in range(1, len(groups) - 1):
        yield groups[i].start(), match.end()


def _parse(raw: str, regions: Iterable[str]) -> phonenumbers.PhoneNumber | None:
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


def _score(text: str, start: int, end: int) -> Candidate | None:
    raw = text[start:end]
    digits = only_digits(raw)
    if not 7 <= len(digits) <= 15:
        return None
    context = _CUES.before(text, start, max_words=8)
    negative = _NEGATIVE.before(text, start, max_words=4)
    regions: tuple[str, ...] = ("US",)
    if raw.startswith("+") or context:
        regions = ("US", *_OTHER_REGIONS)
    number = _parse(raw, regions)
    formatted = bool(_FORMATTED.search(raw.strip()))
    reasons: list[str] = []
    if number is not None:
        reasons.append("libphonenumber valid")
        score = 0.75 if formatted else 0.45
    elif len(digits) in (10, 11) and context:
        reasons.append("libphonenumber invalid")
        score = 0.6
    else:
        return None
    if context:
        reasons.append(context_reason(context))
        score += 0.15
    if negative and not context:
        reasons.append(f"context '{negative[0]}' suggests another identifier")
        score = min(score, 0.3)
    if score < 0.6 and len(digits) == 10 and formatted:
        score = max(score, 0.5)
    return Candidate(PHONE, start, end, min(score, 0.95), tuple(reasons), digits)
