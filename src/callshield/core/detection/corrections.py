"""Values said again, corrected, right after themselves: "the pin is 4729, no sorry, 4739".

A caller who corrects a number says the right one just after the wrong one, with a word that
says so between them ("no", "sorry", "actually", "I mean", "scratch that"). The corrected
number has no cue of its own (the cue was before the first), so no detector reads it: it is
the same kind of value as the one it corrects. Pure: it reads the text the detectors read and
their candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from callshield.core.detection.base import Candidate

#: A correction right after a value, then the corrected number (digits, perhaps in groups).
_CORRECTED = re.compile(
    r"[ \t,.;:!\-]*(?:(?:no|nope|sorry|wait|actually|i[ \t]+mean|scratch[ \t]+that"
    r"|make[ \t]+that|my[ \t]+bad|correction|rather|oops)\b[ \t,.;:!\-]*)+"
    r"(?:(?:it'?s|it[ \t]+is|that'?s|is)[ \t]+)?"
    r"(?P<v>\d(?:[ \-/.]?\d)*)(?![\w])",
    re.IGNORECASE,
)
#: The values a correction is read after: digits, perhaps in groups (a date's too).
_NUMBER_VALUE = re.compile(r"[\d \-./]+")
#: How far a corrected number may be longer than the value it corrects (a digit said twice).
_LONGER_BY = 2
#: The fewest digits a corrected number has ("no, 39": the last two digits said again).
_MIN_DIGITS = 2


def corrections(text: str, found: Iterable[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """Candidates for the numbers that correct a value of `found` right after it, with the
    value's entity: all of them are redacted, the wrong one and the right one."""
    out: list[tuple[str, Candidate]] = []
    for name, cand in found:
        if not _NUMBER_VALUE.fullmatch(cand.value):
            continue  # a name, an address, a date with its month's name
        digits = sum(ch.isdigit() for ch in cand.value)
        if digits < _MIN_DIGITS:
            continue
        match = _CORRECTED.match(text, cand.end, min(len(text), cand.end + 80))
        if match is None:
            continue
        value = "".join(ch for ch in match.group("v") if ch.isdigit())
        if not _MIN_DIGITS <= len(value) <= digits + _LONGER_BY:
            continue
        start, end = match.span("v")
        reasons = (*cand.reasons, "corrects the value said before it")
        out.append((name, replace(cand, start=start, end=end, reasons=reasons, value=value)))
    return out
