"""Identity and clinical documents pasted into a KYC report, a ticket or a mail, read by their
published layouts:

- a passport's machine-readable zone (ICAO Doc 9303, TD3: two lines of 44 characters): line 1
  "P<" then the issuing state and the name, surname and given names apart by "<<"
  ("P<USAWEST<<HENRY<<<<..."); line 2 the document number and its check digit, the
  nationality, the date of birth (YYMMDD) and its check digit, the sex, the expiry ... (a
  check digit, 7-3-1 weights, that fails lowers a value's score: the layout says what it is);
- an HL7 CDA document's (a Continuity of Care Document's) patient: an `<id>` whose root is the
  US SSN's OID (2.16.840.1.113883.4.1) holds the SSN, a `<birthTime value=...>` the birth
  date.

Pure: the text in, candidates out, from the layout alone (no cue, no lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import NUMBER_RUN, Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import DATE_OF_BIRTH, PERSON, US_PASSPORT, US_SSN, EntityType

#: TD3 line 1 (a passport's): the name after the issuing state, surname "<<" given names;
#: the line's filler may be cut short where a report quotes it.
_MRZ_NAME = re.compile(
    r"\bP[A-Z<][A-Z<]{3}(?P<name>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)(?=<|[ \t]*\r?$)",
    re.MULTILINE,
)
#: TD3 line 2: number (9) and check, nationality (3), birth date (6) and check, sex, expiry
#: (6) and check, optional data (14) and check, the overall check.
_MRZ_DATA = re.compile(
    r"(?<![A-Z0-9<])(?P<doc>[A-Z0-9<]{9})(?P<doc_check>\d)[A-Z<]{3}(?P<dob>\d{6})(?P<dob_check>\d)"
    r"[MFX<]\d{6}\d[A-Z0-9<]{14}[0-9<]\d(?![A-Z0-9<])"
)
_MRZ_REASON = "a passport's machine-readable zone"
#: A CDA `<id>` whose root is the SSN's OID, its extension the SSN (either attribute first).
_CDA_SSN = re.compile(
    r"<id\b[^>]*?\b(?:extension=\"(?P<a>\d{3}-?\d{2}-?\d{4})\"[^>]*?\broot=\"2\.16\.840\.1\.113883"
    r"\.4\.1\"|root=\"2\.16\.840\.1\.113883\.4\.1\"[^>]*?\bextension=\"(?P<b>\d{3}-?\d{2}-?\d{4})\")"
)
_CDA_BIRTH = re.compile(r"<birthTime\b[^>]*?\bvalue=\"(?P<v>(?:19|20)\d{6})(?:\d{0,6})\"")
_CDA_REASON = "an HL7 CDA document's patient"


def _check_digit(field: str) -> int:
    """ICAO 9303's check digit: weights 7, 3, 1 over digits, letters (A=10 ... Z=35), "<" 0."""
    total = 0
    for k, ch in enumerate(field):
        value = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        total += value * (7, 3, 1)[k % 3]
    return total % 10


@dataclass(frozen=True, slots=True)
class IdDocumentDetector:
    """A passport's MRZ and a CDA patient's SSN and birth date (see the module's text)."""

    name: str = "id_document"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PERSON, US_PASSPORT, DATE_OF_BIRTH, US_SSN})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)  # (shared: both hold runs of digits)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        if not hits[0]:
            return
        if "<<" in text:
            yield from _mrz(text)
        if "113883.4.1" in text or "<birthTime" in text:
            yield from _cda(text)


def _mrz(text: str) -> Iterable[Candidate]:
    for line in _MRZ_DATA.finditer(text):
        doc, dob = line.group("doc"), line.group("dob")
        # (the layout says what each field is; a check digit that fails lowers the score, it
        # does not veto: a report's copy may be mistyped, and the value is the same person's)
        doc_ok = _check_digit(doc) == int(line.group("doc_check"))
        dob_ok = _check_digit(dob) == int(line.group("dob_check"))
        number = doc.rstrip("<")
        if any(c.isdigit() for c in number):
            lo = line.start("doc")
            reasons = (_MRZ_REASON, "document number", _checked(doc_ok))
            yield Candidate(US_PASSPORT, lo, lo + len(number), _score(doc_ok), reasons, number)
        reasons = (_MRZ_REASON, "date of birth", _checked(dob_ok))
        yield Candidate(DATE_OF_BIRTH, *line.span("dob"), _score(dob_ok), reasons, dob)
        # the name on line 1, right above
        above = _MRZ_NAME.search(text, max(0, line.start() - 200), line.start())
        if above is not None:
            value = above.group("name").replace("<", " ").split()
            yield Candidate(
                PERSON, *above.span("name"), 0.9, (_MRZ_REASON, "name"), " ".join(value).lower()
            )


def _checked(ok: bool) -> str:
    return "check digit ok" if ok else "check digit failed"


def _score(ok: bool) -> float:
    return 0.9 if ok else 0.75


def _cda(text: str) -> Iterable[Candidate]:
    for match in _CDA_SSN.finditer(text):
        group = "a" if match.group("a") is not None else "b"
        value = match.group(group).replace("-", "")
        yield Candidate(US_SSN, *match.span(group), 0.95, (_CDA_REASON, "the SSN's OID"), value)
    for match in _CDA_BIRTH.finditer(text):
        value = match.group("v")
        yield Candidate(DATE_OF_BIRTH, *match.span("v"), 0.9, (_CDA_REASON, "birthTime"), value)
