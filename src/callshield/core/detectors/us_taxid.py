"""US Social Security numbers and ITINs: SSA rules (python-stdnum), format and context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from stdnum.us import itin, ssn

from callshield.core.detection.base import (
    NUMBER_RUN,
    Candidate,
    Cues,
    cap,
    context_reason,
    matches_near,
    only_digits,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.values import MONTH
from callshield.core.entities import US_ITIN, US_SSN, EntityType

_SSN_CUES = Cues(
    [
        "ssn", "ssns", "social", "social security", "social security number", "ss number",
        "ss#", "ssid", "soc sec", "tax id", "taxpayer", "itin", "soc", "ss no", "soc sec no",
        "soc. sec.", "s.s.", "tin", "tax id number", "taxpayer id",
        # (in Spanish: "el número de seguro social completo")
        "seguro social", "número de seguro social", "numero de seguro social",
    ]
)  # fmt: skip
_NOT_SSN_CUES = Cues(
    [
        "order", "tracking", "ticket", "invoice", "routing", "account", "phone", "zip", "case",
        "passport", "license", "licence", "member", "policy", "confirmation", "reference",
    ]
)  # fmt: skip
#: An identity check that names no identifier ("can you verify your identity", "for
#: verification please"): a valid nine-digit number answering it is a social, unless another
#: identifier is named.
_VERIFY_CUES = Cues(["verify your identity", "verify you", "verification", "verify", "identity"])
#: (groups apart by one blank, dot or dash, or a dash with blanks: "536 - 22 - 1234", or a
#: comma where speech-to-text heard a pause: "Okay, it's 401, 46 6190.")
# (a digit first, then the look-behind: `re` finds a pattern's first character fast)
_SSN_RE = re.compile(
    r"\d(?<![\w.\-/]\d)(?:(?:[ ]?-[ ]?|, |[ .\-])?\d){8}(?![\w/]|[.\-]\d|-[^\W\d_])"
)
_SSN_AFTER = re.compile(
    r"\W{0,3}(?:(?:is|was)\s+)?(?:for|as|that's|thats)?\s*(?:the|my|your|his|her|their)?\s*"
    r"(?P<cue>social|ssn)\b",
    re.IGNORECASE,
)
#: A month's name right before a number ("june 2 ..."): the number starts with its day.
_MONTH_BEFORE = re.compile(rf"\b{MONTH}[ \t]+\Z", re.IGNORECASE)
_SHAPE = re.compile(r"\d{3}([ ]?-[ ]?|, |[ .\-]?)\d{2}([ ]?-[ ]?|, |[ .\-]?)\d{4}")


@dataclass(frozen=True, slots=True)
class TaxIdDetector:
    """Nine-digit SSN / ITIN shapes; validity and format set the score, context can keep an
    invalid number (fail safe: a customer answering "what's your social?" is redacted)."""

    name: str = "us_taxid"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({US_SSN, US_ITIN})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        taken: list[tuple[int, int]] = []
        for match in matches_near(_SSN_RE, text, hits[0], back=20):
            if match.group()[1:2] == " " and _MONTH_BEFORE.search(text, 0, match.start()):
                continue  # "june 2 1988 4419": a day, a year and another value, read as one
            cand = _score(text, match)
            if cand is not None:
                taken.append((cand.start, cand.end))
                yield cand
        low = text.lower()
        if "soc" in low or "ssn" in low:
            yield from _said_otherwise(text, hits[0], taken)


#: Eight to eleven digits (in groups): a social said with a digit doubled or dropped ("six
#: four four one six seven, seven two three five five": a stutter over a pause).
_LOOSE_RE = re.compile(r"\d(?<![\w.\-/]\d)(?:[ \-]?\d){7,10}(?![\w/]|[.\-]\d)")
#: How near an SSN cue must be for a number that is no nine digits to be taken for a social.
_LOOSE_CUE_WORDS = 4


def _said_otherwise(
    text: str, ends: Sequence[int], taken: Sequence[tuple[int, int]]
) -> Iterator[Candidate]:
    """A number of eight, ten or eleven digits right after an SSN cue (fail safe: the caller
    answered "what's your social?" and speech-to-text doubled or dropped a digit), weaker than
    a social of nine digits."""
    for match in matches_near(_LOOSE_RE, text, ends, back=20):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        digits = only_digits(match.group())
        if len(digits) == 9:
            continue  # (read as a social, or not, by `_score`)
        cue = _SSN_CUES.before(text, match.start(), max_words=_LOOSE_CUE_WORDS, unanswered=True)
        if cue is None:
            continue
        reasons = ("not nine digits", context_reason(cue), "kept by context")
        yield Candidate(US_SSN, match.start(), match.end(), 0.7, reasons, digits)


def _score(text: str, match: re.Match[str]) -> Candidate | None:
    digits = only_digits(match.group())
    shape = _SHAPE.fullmatch(match.group())
    sep1, sep2 = (shape.group(1), shape.group(2)) if shape else ("?", "!")
    context = _SSN_CUES.before(text, match.start(), max_words=8, unanswered=True, taken_back=True)
    after = None if context else _SSN_AFTER.match(text, match.end(), match.end() + 40)
    if after:  # "... six five for the social"
        context = (after.group("cue").lower(), 2)
    # the other-identifier cue only matters when no SSN cue was found
    negative = (
        None if context else _NOT_SSN_CUES.before(text, match.start(), max_words=4, unanswered=True)
    )
    is_itin = itin.is_valid(digits)
    entity = US_ITIN if is_itin else US_SSN
    valid = is_itin or ssn.is_valid(digits)
    if not context and not negative and valid:
        context = _VERIFY_CUES.before(text, match.start(), max_words=6, unanswered=True)
    reasons = [
        ("itin rules ok" if is_itin else "ssa rules ok") if valid else "ssa rules failed",
    ]
    if sep1 and sep1 == sep2:
        score, form = 0.85, "formatted like an ssn"
    elif sep1 or sep2:
        score, form = 0.3, "partly or irregularly formatted"
    else:
        score, form = 0.35, "unformatted nine digits"
    reasons.append(form)
    if not valid:
        score = 0.0
    if context:
        reasons.append(context_reason(context))
        score = max(score + 0.1, 0.9 if valid else 0.75) - 0.01 * context[1]
        if not valid:
            reasons.append("kept by context")
    elif negative:
        score = min(score, 0.3)
        reasons.append(f"context '{negative[0]}' suggests another identifier")
    if score <= 0.0:
        return None
    return Candidate(entity, match.start(), match.end(), cap(score), tuple(reasons), digits)
