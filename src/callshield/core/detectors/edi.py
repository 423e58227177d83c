"""Payment and benefits files pasted into a ticket or a mail, read by their published layouts:

- NACHA ACH files: 94-character records; an entry detail record ("6...") holds the receiving
  bank's routing number (positions 4-12), the account (13-29) and the receiver's name (55-76),
  glued to the other fields with no separator (a transaction code, an amount, a trace
  number), so no detector's pattern finds them alone;
- ASC X12 EDI (834 enrolment, 837 claims, 270/271 eligibility): segments of elements apart by
  "*" and ending in "~", whose meaning is the segment's and the qualifier's: NM1 a name (a
  person's when NM102 is 1) and its ID (NM108 "34" an SSN, "MI" a member ID), REF a reference
  (0F the subscriber's number, SY an SSN, 23 a client number), PER a contact's phone and e-mail,
  N3 and N4 an address and its ZIP, DMG a date of birth. A provider's or a plan's name and
  address (NM102 2, N1 loops) are left: only a person's loop is read (from its NM1 of a
  person, or an 834's INS, a member's level).

Pure: the text in, candidates out, from the layout alone (no cue, no lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stdnum.us import rtn

from callshield.core.detection.base import NUMBER_RUN, Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    DATE_OF_BIRTH,
    EMAIL,
    HEALTH_INSURANCE_ID,
    PERSON,
    PHONE,
    STREET_ADDRESS,
    US_SSN,
    US_ZIP,
    EntityType,
)

#: A NACHA entry detail record: its type, a transaction code, the routing number (eight digits
#: and a check digit), the account (17 characters, blank-padded), the amount (10 digits), an
#: individual ID (15), the receiver's name (22), discretionary data (2), the addenda flag and
#: the trace number (15): 94 characters.
_ENTRY = re.compile(
    r"^6[2-5]\d(?P<routing>\d{9})(?P<account>[0-9A-Za-z \-]{17})\d{10}.{15}"
    r"(?P<name>.{22}).{2}[01]\d{15}[ \t]*\r?$",
    re.MULTILINE,
)
_WORDS = re.compile(r"\S+(?:[ ]\S+)*")
_ACH_REASON = "a NACHA entry detail record's field"

#: An X12 segment whose elements are read (the element separator "*", "|" or "^"; the
#: segment's end "~" or the line's).
_SEGMENT = re.compile(
    r"(?m)(?:^|~)[ \t]*(?P<id>INS|NM1|REF|PER|N3|N4|DMG)(?P<sep>[*|^])(?P<body>[^~\n]*)"
)
_X12_HINT = re.compile(r"(?:^|~)[ \t]*(?:ISA|GS|ST|NM1)[*|^]", re.MULTILINE)
#: NM1's ID qualifiers: an SSN, a member's or a subscriber's ID.
_NM1_SSN = frozenset({"34"})
_NM1_MEMBER = frozenset({"MI", "ZZ", "II", "N"})
#: REF's qualifiers: an SSN (0F, a subscriber's number, is an SSN where it has nine digits), a
#: member's, a client's or a policy's number.
_REF_SSN = frozenset({"SY", "0F"})
_REF_MEMBER = frozenset({"23", "1W", "3H", "Q4", "6O", "IG", "1L", "F6", "ABB"})
_PER_PHONE = frozenset({"TE", "HP", "WP", "CP", "BN", "FX", "EX"})
_X12_REASON = "an X12 segment's element"


@dataclass(frozen=True, slots=True)
class EdiDetector:
    """Values of NACHA entry records and X12 segments by their layouts (see the module's
    text)."""

    name: str = "edi_record"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset(
            {ABA_ROUTING, BANK_ACCOUNT, PERSON, US_SSN, HEALTH_INSURANCE_ID, PHONE, EMAIL}
            | {STREET_ADDRESS, US_ZIP, DATE_OF_BIRTH}
        )

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)  # (shared: both layouts hold long runs of digits)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        if not hits[0]:
            return
        if "\n6" in text:
            yield from _ach_entries(text)
        if ("*" in text or "|" in text or "^" in text) and _X12_HINT.search(text) is not None:
            yield from _x12_segments(text)


def _ach_entries(text: str) -> Iterable[Candidate]:
    for entry in _ENTRY.finditer(text):
        routing = entry.group("routing")
        if rtn.is_valid(routing):
            s, e = entry.span("routing")
            yield Candidate(ABA_ROUTING, s, e, 0.95, (_ACH_REASON, "checksum ok"), routing)
        account = _words(entry, "account")
        if account is not None and any(c.isdigit() for c in text[account[0] : account[1]]):
            value = text[account[0] : account[1]]
            yield Candidate(BANK_ACCOUNT, *account, 0.9, (_ACH_REASON, "the DFI account"), value)
        name = _words(entry, "name")
        if name is not None and any(c.isalpha() for c in text[name[0] : name[1]]):
            value = text[name[0] : name[1]].lower()
            yield Candidate(PERSON, *name, 0.85, (_ACH_REASON, "the receiver's name"), value)


def _words(match: re.Match[str], group: str) -> tuple[int, int] | None:
    """The span of a blank-padded field's words."""
    words = _WORDS.search(match.group(group))
    if words is None:
        return None
    start = match.start(group)
    return start + words.start(), start + words.end()


def _x12_segments(text: str) -> Iterable[Candidate]:
    person = False  # whether the loop is a person's (the last NM1's entity type is 1)
    for segment in _SEGMENT.finditer(text):
        kind, sep = segment.group("id"), segment.group("sep")
        elements = _elements(segment, sep)
        if kind == "INS":
            person = True  # (a member's loop: INS, its REFs, then the member's NM1)
        elif kind == "NM1":
            person = len(elements) > 1 and elements[1][2] == "1"
            if not person:
                continue
            for lo, hi, value in elements[2:5]:  # last, first, middle
                if any(c.isalpha() for c in value):
                    yield Candidate(
                        PERSON, lo, hi, 0.9, (_X12_REASON, "NM1 a person's name"), value
                    )
            if len(elements) > 8:
                yield from _identifier(elements[7][2], elements[8], "NM1")
        elif kind == "REF" and len(elements) > 1 and person:
            yield from _identifier(elements[0][2], elements[1], "REF")
        elif kind == "PER" and person:
            for (_, _, qualifier), (lo, hi, value) in zip(
                elements[2::2], elements[3::2], strict=False
            ):
                if qualifier in _PER_PHONE and sum(c.isdigit() for c in value) >= 7:
                    yield Candidate(PHONE, lo, hi, 0.9, (_X12_REASON, f"PER {qualifier}"), value)
                elif qualifier == "EM" and "@" in value:
                    yield Candidate(EMAIL, lo, hi, 0.95, (_X12_REASON, "PER EM"), value.lower())
        elif kind == "N3" and person:
            for lo, hi, value in elements[:2]:
                if value.strip():
                    yield Candidate(STREET_ADDRESS, lo, hi, 0.9, (_X12_REASON, "N3"), value)
        elif kind == "N4" and person and len(elements) > 2:
            lo, hi, value = elements[2]
            if value.isdigit() and len(value) in (5, 9):
                yield Candidate(US_ZIP, lo, hi, 0.9, (_X12_REASON, "N4 postal code"), value)
        elif kind == "DMG" and person and len(elements) > 1 and elements[0][2] == "D8":
            lo, hi, value = elements[1]
            if value.isdigit() and len(value) == 8:
                yield Candidate(DATE_OF_BIRTH, lo, hi, 0.9, (_X12_REASON, "DMG D8"), value)


def _elements(segment: re.Match[str], sep: str) -> list[tuple[int, int, str]]:
    """A segment's elements after its ID: (start, end, value) each, in the text's offsets."""
    out = []
    pos = segment.start("body")
    for value in segment.group("body").split(sep):
        out.append((pos, pos + len(value), value.strip()))
        pos += len(value) + 1
    return out


def _identifier(qualifier: str, element: tuple[int, int, str], segment: str) -> Iterable[Candidate]:
    lo, hi, value = element
    if not value:
        return
    digits = value.replace("-", "")
    reasons = (_X12_REASON, f"{segment} {qualifier}")
    ssn = (segment == "NM1" and qualifier in _NM1_SSN) or (
        segment == "REF" and qualifier in _REF_SSN
    )
    if ssn and digits.isdigit() and len(digits) == 9:
        yield Candidate(US_SSN, lo, hi, 0.95, reasons, digits)
    elif any(c.isdigit() for c in value) and (
        (segment == "NM1" and qualifier in _NM1_MEMBER)
        or (segment == "REF" and qualifier in _REF_MEMBER | _REF_SSN)
    ):
        yield Candidate(HEALTH_INSURANCE_ID, lo, hi, 0.85, reasons, value)
