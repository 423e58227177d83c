"""Fixed-width records: a mainframe's or a batch job's extract pasted into a mail or a ticket,
its fields glued together with no separator and no header that names them:

    D000001CALHOUN        ROBERT      1959022556543850700162964865004904415555010900000091520P
    D000002GILBERT        LISA        1982090986534007500053199722643394919555010000000111746C

Only the record's layout (a copybook) says where one field of the digits ends and the next
starts: a date of birth, an SSN, an account, a ZIP and a phone number read here as one number
of 56 digits, which no detector's pattern takes for any of them. Without that layout the digits
cannot be read field by field, so they are reported as they are: one finding over the glued
digits (`UNSCANNABLE`: what cannot be read is redacted whole, fail closed), with a date of
birth split off where every record of the block starts its digits with a whole date of a year
of birth, and the record's words that the census lists hold as names reported as PERSON.

A record is a line with a run of at least `GLUED_DIGITS` digits and no separator in it, in a
block of at least two such lines of the same length whose runs start at the same column (the
fields of a fixed-width layout line up). One long number alone is no record.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import NUMBER_RUN, Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.person import NameLexicon
from callshield.core.entities import DATE_OF_BIRTH, PERSON, UNSCANNABLE, EntityType

#: The fewest digits in a row that are several fields glued: longer than any one value the
#: detectors read (a card's 19, an IBAN's digits are broken by its letters).
GLUED_DIGITS = 24
_GLUED = re.compile(rf"(?<!\d)\d{{{GLUED_DIGITS},}}(?!\d)")
#: A word of a record's text fields, in capitals (a record type or a sequence number may be
#: glued before it: "D000001CALHOUN").
_WORD = re.compile(r"(?<![A-Za-z])[A-Z][A-Z'\-]+(?![A-Za-z])")
#: A whole date of a year of birth, as records write it: yyyymmdd.
_BIRTH_DATE = re.compile(r"(?:19[0-9]\d|200\d|201[0-5])(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
_DATE_DIGITS = 8
_UNREAD = "fixed-width record: fields glued with no layout to split them; redacted whole"
#: An SSA EFW2 (W-2 filing) file's records: 512 characters, opened by their type.
_EFW2_CHARS = 512
_EFW2_TYPES = ("RA", "RE", "RW", "RO", "RS", "RT", "RU", "RV", "RF")


@dataclass(frozen=True, slots=True)
class _Record:
    start: int  # the line's start in the text
    line: str
    run: tuple[int, int]  # the glued digits, in the line


@dataclass(frozen=True, slots=True)
class FixedWidthRecordDetector:
    """The glued digits, the dates of birth and the names of fixed-width records (see the
    module's text)."""

    lexicon: NameLexicon
    name: str = "fixed_width_record"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({UNSCANNABLE, DATE_OF_BIRTH, PERSON})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)  # (shared with the number detectors: no scan of its own)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        records: dict[int, _Record] = {}
        for end in hits[0]:
            start = text.rfind("\n", 0, max(0, end - 1)) + 1
            if start in records:
                continue
            stop = text.find("\n", start)
            stop = stop if stop >= 0 else len(text)
            if stop - start == _EFW2_CHARS and text.startswith(_EFW2_TYPES, start):
                continue  # (a W-2 file's record: its layout is known, `edi`; its glued digits
                # are the wages and the taxes withheld)
            line = text[start:stop].rstrip()
            run = _GLUED.search(line)
            if run is not None:
                records[start] = _Record(start, line, run.span())
        for block in _blocks(sorted(records.values(), key=lambda r: r.start)):
            yield from self._read(block)

    def _read(self, block: list[_Record]) -> Iterable[Candidate]:
        dated = all(_BIRTH_DATE.match(r.line, r.run[0]) for r in block)
        lex = self.lexicon
        words = [list(_WORD.finditer(r.line)) for r in block]
        # the columns where a record has a name no common word is: a name's field, whose
        # every value is a name (a surname that is a word too, "HALL", in the same column)
        named = {
            w.start()
            for found in words
            for w in found
            if (low := w.group().lower()) not in lex.common
            and (low in lex.first or low in lex.last)
        }
        quantity = _padded_quantity(block)
        for record, found in zip(block, words, strict=True):
            at = record.start
            lo, hi = record.run
            hi -= quantity
            if dated:
                date = record.line[lo : lo + _DATE_DIGITS]
                reasons = ("fixed-width record: a whole date of a year of birth", "every record")
                yield Candidate(DATE_OF_BIRTH, at + lo, at + lo + _DATE_DIGITS, 0.8, reasons, date)
                lo += _DATE_DIGITS
            digits = record.line[lo:hi]
            yield Candidate(UNSCANNABLE, at + lo, at + hi, 0.9, (_UNREAD,), digits)
            for word in found:
                low = word.group().lower()
                listed = low in lex.first or low in lex.last_all
                if word.start() not in named or not listed:
                    continue
                reasons = ("fixed-width record: a name's field", "name lexicon")
                yield Candidate(PERSON, at + word.start(), at + word.end(), 0.8, reasons, low)


#: A zero-padded quantity's zeros, in every record: an amount or a count (PIC 9(9)V99 holds
#: 00000091520), not an identifier (an SSN, an account or a phone number has no such zeros in
#: every record).
_PADDING = "0000"
#: The digits of such a quantity at most, and at least.
_QUANTITY_DIGITS = range(6, 16)


def _padded_quantity(block: list[_Record]) -> int:
    """How many digits at the end of each record's glued run are a zero-padded quantity: from
    the first column where every record's digits run on to the end with `_PADDING` first."""
    lo, hi = block[0].run
    for digits in reversed(_QUANTITY_DIGITS):
        at = hi - digits
        if at > lo and all(r.line.startswith(_PADDING, at) for r in block):
            return digits
    return 0


def _blocks(records: list[_Record]) -> list[list[_Record]]:
    """Records whose lines are as long and whose glued digits start at the same column, two at
    least: a fixed-width layout's rows."""
    groups: dict[tuple[int, int], list[_Record]] = {}
    for record in records:
        groups.setdefault((len(record.line), record.run[0]), []).append(record)
    return [group for group in groups.values() if len(group) >= 2]
