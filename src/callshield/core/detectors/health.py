"""Health insurance identifiers: the Medicare Beneficiary Identifier and health-plan member IDs.

Health plans, pharmacies and providers' contact centers take these on every call to verify a
caller; under HIPAA they are identifiers of protected health information, and under the GDPR
they are data concerning health.

- An MBI (the CMS format since 2018: 11 characters, `1EG4-TE5-MK73`) is read after a cue
  ("my medicare number is ...", "MBI:"), in any case, compact, in its printed 4-3-4 groups or
  with the spaces the spoken-form normaliser leaves between spelled letters and digits ("one
  e g four ..." -> "1 EG 4 ..."). Not on its own: a trigger for the bare format (eleven
  character classes, no literal for Hyperscan to anchor on) cost the whole multi-pattern
  database 10% of its speed, measured, for a value that callers and agents name first.
- A plan's member or subscriber ID has no public format: only after a cue, a code of letters
  and digits with at least four digits ("member id XGH123456789").

The format is CMS's published rule; no library checks it (python-stdnum has no MBI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.cued import cue_body, cue_trigger
from callshield.core.entities import HEALTH_INSURANCE_ID, EntityType

# CMS: position 1 a digit 1-9; letters never S, L, O, I, B or Z (they read as digits).
_L = "[AC-HJKMNP-RT-Y]"
_A = "[AC-HJKMNP-RT-Y0-9]"
_SHAPE = ("[1-9]", _L, _A, r"\d", _L, _A, r"\d", _L, _L, r"\d", r"\d")


#: Digits the normaliser leaves as words: one said alone between spelled letters ("one EG
#: four TE five MK 73") is no digit run.
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_WORDS = "|".join(_DIGIT_WORDS)
_SPOKEN = {"[1-9]": f"(?:[1-9]|{_WORDS})", r"\d": rf"(?:\d|{_WORDS})", _A: f"(?:{_A}|{_WORDS})"}


def _mbi(sep: str, groups_only: bool, spoken: bool = False) -> str:
    """The MBI pattern: `sep` between every character, or only between its printed 4-3-4
    groups; with `spoken`, digits may be number words."""
    out = []
    for i, part in enumerate(_SHAPE):
        if i and (not groups_only or i in (4, 7)):
            out.append(sep)
        out.append(_SPOKEN.get(part, part) if spoken else part)
    return "".join(out)


#: After a cue: any case, a space or a dash between any two characters.
_CUED_MBI = re.compile(
    rf"(?<![A-Za-z0-9])({_mbi('[ ,-]{0,2}', groups_only=False, spoken=True)})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
#: After a cue: a member ID, letters and digits in up to four groups.
#: (a group of letters may open it; every other group holds a digit: "XGH 123456789")
_MEMBER_ID = re.compile(
    r"(?<![A-Za-z0-9])((?:[A-Za-z]{1,4}[ \-]?)?(?=[A-Za-z]*\d)[A-Za-z0-9]{1,14}"
    r"(?:[ \-](?=[A-Za-z]*\d)[A-Za-z0-9]{1,14}){0,3})(?![A-Za-z0-9])"
)
_CUE_LEAD = re.compile(r"(?:[\s:#,.\-=\"'>]|\b(?:is|it's|its|number|id|uh|um|sure|yes|yeah)\b)*")

MEDICARE_CUES = (
    "medicare number", "medicare id", "medicare card", "medicare beneficiary", "medicare",
    "mbi", "beneficiary id", "beneficiary identifier", "beneficiary number",
)  # fmt: skip
MEMBER_CUES = (
    "member id", "member number", "member i d", "subscriber id", "subscriber number",
    "insurance id", "insurance number", "health plan id", "medicaid number", "medicaid id",
    "policy holder id", "policyholder id", "hicn", "health insurance claim number",
    # as forms and notes write them: "Member # 37562260", "member no. 880227463"
    "member #", "member no", "member no.", "member nbr", "member num", "mbr id", "mbr #",
    # (the card it is read from: "what's the member id on your insurance card")
    "member id on your card", "member id on the card", "member id on your insurance card",
    "member number on your card", "member number on the card",
    # (a pharmacy benefit's cardholder ID, as a prescription's note writes it)
    "cardholder id", "cardholder number",
    # (a claim form's box, CMS-1500's "1a. INSURED'S I.D. NUMBER")
    "insured's i.d. number", "insured's id number", "insured id", "insured's id",
)  # fmt: skip


_CUE_RE = re.compile(rf"(?:{cue_body(MEDICARE_CUES + MEMBER_CUES)})\Z", re.IGNORECASE)


class HealthInsuranceIdDetector:
    """HEALTH_INSURANCE_ID: Medicare MBIs and health-plan member IDs, after their cues."""

    name = "health_insurance_id"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({HEALTH_INSURANCE_ID})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # one trigger for both lists of cues: `_after_cue` tells them apart
        return (cue_trigger(MEDICARE_CUES + MEMBER_CUES),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        found: dict[int, Candidate] = {}
        for end in reversed(hits[0]):  # the longest cue ("medicare number") first
            cand = self._after_cue(text, end)
            if cand is not None:
                found.setdefault(cand.start, cand)
        return sorted(found.values(), key=lambda c: c.start)

    def _after_cue(self, text: str, end: int) -> Candidate | None:
        lead = _CUE_LEAD.match(text, end, min(len(text), end + 30))
        at = lead.end() if lead is not None else end
        window_end = min(len(text), at + 80)
        said = _CUE_RE.search(text, max(0, end - 40), end)
        cue = " ".join(said.group().lower().split()) if said is not None else "cue"
        match = _CUED_MBI.match(text, at, window_end)
        if match is not None:
            reasons = (f"context '{cue}' before", "medicare beneficiary identifier format")
            return Candidate(
                HEALTH_INSURANCE_ID, match.start(1), match.end(1), 0.95, reasons,
                _compact(match.group(1)),
            )  # fmt: skip
        match = _MEMBER_ID.match(text, at, window_end)
        if match is None:
            return None
        value = _compact(match.group(1))
        digits = sum(ch.isdigit() for ch in value)
        if digits < 4 or not 6 <= len(value) <= 20:
            return None
        kind = "member" if cue in MEMBER_CUES else "medicare"
        reasons = (f"context '{cue}' before", f"{kind} id shape: letters and digits")
        return Candidate(HEALTH_INSURANCE_ID, match.start(1), match.end(1), 0.85, reasons, value)


def _compact(value: str) -> str:
    """The identifier's characters, in capitals, with number words as digits."""
    words = re.sub(
        rf"\b(?:{_WORDS})\b", lambda m: _DIGIT_WORDS[m.group().lower()], value, flags=re.I
    )
    return "".join(ch for ch in words if ch.isalnum()).upper()
