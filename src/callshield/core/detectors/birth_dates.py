"""Whole dates with a year of birth and no cue: a date of birth in an agent's note or an
export's row, where nothing says so ("cx verif'd 10/17/57 / cb# 9195550115", "vrfd SSN:
361586787 / 10/27/1941", '"Rich, Max",apr-15-79,85042').

A contact center's other dates are recent: appointments, orders, payments, time stamps. A
whole date (month, day and year) of a year from 1920 to 2007 is a date of birth far more often
than anything else in what it handles, so it is reported as one, with a lower score than a
date of birth with its cue, unless the words before it say it is another date ("member since
03/14/1999", "opened", "effective", "date of service", "1099"). A year alone ("since 2003")
and a date without its year are never read here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.values import MONTH
from callshield.core.entities import DATE_OF_BIRTH, EntityType

#: A year of birth: four digits, or two (1930-1999, 2000-2007; "25" is 2025 now).
_YEAR4 = r"(?:19[2-9]\d|200[0-7])"
_YEAR2 = r"(?:[3-9]\d|0[0-7])"
#: Spanish months' abbreviations that English has not ("13-dic-2000", "17-ago-1996").
_MONTH_ANY = rf"(?:{MONTH}|ene|abr|ago|dic)"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE = re.compile(
    # 10/17/57, 7-15-00, 10.27.1941 (month first), 17/06/1976 (day first: a day over 12)
    rf"(?<![\w/.\-])(?:(?:0?[1-9]|1[0-2])(?P<s>[/\-.]){_DAY}(?P=s)(?:{_YEAR4}|{_YEAR2})"
    rf"|(?:1[3-9]|2\d|3[01])(?P<t>[/\-.])(?:0?[1-9]|1[0-2])(?P=t){_YEAR4}"
    # 1941-10-27
    rf"|{_YEAR4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    # apr-15-79, Mar 10 1955, june 28th 65, January 24th, 1947
    rf"|{_MONTH_ANY}[ \-]+(?:the[ \t]+)?{_DAY}(?:st|nd|rd|th)?,?[ \-]+(?:{_YEAR4}|'?{_YEAR2})"
    # 13-dic-2000, 8 August 1945, 1 July 1994
    rf"|{_DAY}(?:st|nd|rd|th)?[ \-]+(?:of[ \t]+)?{_MONTH_ANY}[ \-,]+{_YEAR4})"
    r"(?![\w/\-]|[.:]\d)",
    re.IGNORECASE,
)
#: Words before a date that make it another date than a birth's.
_OTHER_DATE = re.compile(
    r"\b(?:since|opened|open|effective|eff|issued|iss|purchased|bought|installed|made|built|"
    r"service|dos|hired|joined|established|est|founded|from|through|thru|until|till|between|"
    r"expires?|expiration|exp|expiry|valid|renewal|renewed|policy|claim|loss|accident|incident|"
    r"invoice|order|ordered|shipped|delivered|appt|appointment|visit|paid|payment|posted|"
    r"charged|closed|filed|reported|dated|date[ \t]+of[ \t]+(?:service|loss|purchase|issue)|"
    r"1099|w-?2|tax[ \t]+year|as[ \t]+of|on|moved|married|divorced|deceased|died|"
    r"graduated|enrolled|started|ended|last[ \t]+seen|vin|model)\b[^\n\d]{0,12}\Z"
    # (a version: "APP_VERSION=6.13.43", "build 4.12.22", "Fix Version/s: 1.30.50",
    # '"cf_app_version": "11.19.91"', a browser's or a system's: "Chrome 2.23.67")
    r"|(?<![a-z])(?:version(?:/s)?|ver|build|release|v|chrome|firefox|safari|edge|opera"
    r"|android|ios|sdk|firmware|fw)[\"' \t:=#]*\Z",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class BirthYearDateDetector:
    """A whole date of a year of birth, without a cue (see the module's text)."""

    name: str = "birth_year_date"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({DATE_OF_BIRTH})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        months = "(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-z]*"
        return (
            # each ends on the year: 10/17/57, 1941-10-27, apr-15-79, 13-dic-2000
            Trigger(r"\d[/\-.]\d{1,2}[/\-.]\d\d", max_len=10),
            Trigger(r"(?:19|20)\d\d-\d\d-\d\d", max_len=10),
            Trigger(
                rf"\b{months}\.?[ \-]+(?:the\s)?\d{{1,2}}(?:st|nd|rd|th)?,?[ \-]+'?\d\d",
                max_len=30,
            ),
            Trigger(rf"\d(?:st|nd|rd|th)?[ \-]+(?:of\s)?{months}[ \-,]+(?:19|20)\d\d", max_len=30),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        seen: set[int] = set()
        for end in (*hits[0], *hits[1], *hits[2], *hits[3]):
            lo = max(0, end - 32)
            for match in _DATE.finditer(text, lo, min(len(text), end + 8)):
                start = match.start()
                if start in seen or not match.start() < end <= match.end() + 6:
                    continue
                seen.add(start)
                if _OTHER_DATE.search(text, max(0, start - 48), start):
                    continue
                reasons = ("a whole date of a year of birth", "no cue for another date before it")
                value = text[start : match.end()].lower()
                yield Candidate(DATE_OF_BIRTH, start, match.end(), 0.65, reasons, value)
