"""Values said again right after themselves: corrected ("the pin is 4729, no sorry, 4739"),
changed ("reset my pin from 1111 to 2468"), or another person's ("her dob is 12/05/1985 and
his is 03/22/1983").

The second number has no cue of its own (the cue was before the first), so no detector reads
it: it is the same kind of value as the one before it. Pure: it reads the text the detectors
read and their candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from callshield.core.detection.base import Candidate

#: A number (digits, perhaps in groups) where it ends.
_VALUE = r"(?P<v>\d(?:[ \-/.]?\d)*)(?![\w])"
#: A correction right after a value, then the corrected number (digits, perhaps in groups).
_CORRECTED = re.compile(
    r"[ \t,.;:!\-]*(?:(?:no|nope|sorry|wait|actually|i[ \t]+mean|scratch[ \t]+that"
    r"|make[ \t]+that|my[ \t]+bad|correction|rather|oops)\b[ \t,.;:!\-]*)+"
    r"(?:(?:it'?s|it[ \t]+is|that'?s|is|just)[ \t]+)?" + _VALUE,
    re.IGNORECASE,
)
#: "... from 1111 to 2468": a value changed (after "from" before the first).
_CHANGED = re.compile(rf"[ \t]+to[ \t]+{_VALUE}", re.IGNORECASE)
_FROM = re.compile(r"\bfrom[ \t]+\Z", re.IGNORECASE)
#: "... and his is 03/22/1983": the same value of another person.
_ANOTHER = re.compile(
    r"[ \t,]+and[ \t]+(?:his|hers|her'?s|theirs|mine|my[ \t]+(?:wife|husband|son|daughter"
    rf"|partner|mother|father|spouse)'?s)[ \t]+(?:is|was)[ \t]+{_VALUE}",
    re.IGNORECASE,
)
#: The first word of any of the three, right after a value (a cheap test first).
_HINT = re.compile(
    r"[ \t,.;:!\-]*(?:no|nope|sorry|wait|actually|i|scratch|make|my|correction|rather|oops"
    r"|and|to)\b",
    re.IGNORECASE,
)
#: The values a correction is read after: digits, perhaps in groups (a date's too).
_NUMBER_VALUE = re.compile(r"[\d \-./]+")
#: How far a corrected number may be longer than the value it corrects (a digit said twice).
_LONGER_BY = 2
#: The fewest digits a corrected number has ("no, 39": the last two digits said again).
_MIN_DIGITS = 2


def corrections(text: str, found: Iterable[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """Candidates for the numbers said right after a value of `found` that correct it, change
    it or are another person's, with the value's entity: all of them are redacted."""
    out: list[tuple[str, Candidate]] = []
    for name, cand in found:
        if _HINT.match(text, cand.end) is None:
            continue  # (most values: what follows them is none of the three)
        if not _NUMBER_VALUE.fullmatch(cand.value):
            continue  # a name, an address, a date with its month's name
        digits = sum(ch.isdigit() for ch in cand.value)
        if digits < _MIN_DIGITS:
            continue
        stop = min(len(text), cand.end + 80)
        match, how = _CORRECTED.match(text, cand.end, stop), "corrects the value said before it"
        if match is None and _FROM.search(text, max(0, cand.start - 8), cand.start):
            match, how = _CHANGED.match(text, cand.end, stop), "the value it was changed to"
        if match is None:
            match, how = _ANOTHER.match(text, cand.end, stop), "another person's, said alike"
        if match is None:
            continue
        value = "".join(ch for ch in match.group("v") if ch.isdigit())
        if not _MIN_DIGITS <= len(value) <= digits + _LONGER_BY:
            continue
        start, end = match.span("v")
        reasons = (*cand.reasons, how)
        out.append((name, replace(cand, start=start, end=end, reasons=reasons, value=value)))
    return out
