"""The calendar dates a written date may be: "june 20 65", "the 9 of september 1957",
"01161992", "10/07/52" read as (month, day, year mod 100).

A date of birth is said once and read back in another form ("june twentieth sixty five" / "i
have june twentieth nineteen sixty five, is that right?"): the read-back is the same value
and must be redacted too, though nothing around it says "date of birth". Two dates are the
same when one of their readings is: a number without separators has several ("22561" is
2/25/61), and a two-digit year is the four-digit year's last two digits. Pure.
"""

from __future__ import annotations

import re

from callshield.core.detectors.values import MONTH

Reading = tuple[int, int, int]

_NAMES = (
    "january february march april may june july august september october november december"
).split()
#: A month's name, and its abbreviations ("sept" too), to its number.
_MONTHS = {
    **{name: k for k, name in enumerate(_NAMES, 1)},
    **{name[:3]: k for k, name in enumerate(_NAMES, 1)},
    "sept": 9,
}
_PARTS = re.compile(r"[a-z]+|\d+")
#: The most digits of one number that is a whole date ("01161992": mm dd yyyy)
_MOST_COMPACT = 8


#: The written forms of a whole date, as the normaliser writes a spoken one too ("june 20
#: 1965", "the 9 of september 1957", "01161992", "10/07/52"): a plain pattern to look for a
#: date read back (the date detectors' own pattern, with its look-aheads at every position,
#: reads a text several times slower).
DATE_FORMS = re.compile(
    r"(?<![\w/.\-])(?:\d{1,2}[/\-.]\d{1,2}[/\-.](?:\d{4}|\d{2})|\d{5,8}"
    rf"|{MONTH}[ \t]+(?:the[ \t]+)?\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+(?:of[ \t]+)?'?\d{{2,4}}"
    rf"|(?:the[ \t]+)?\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{MONTH},?[ \t]+'?\d{{2,4}}"
    # (as the spoken form's normaliser writes a date read back: the day and the year as one
    # number, "june 2249"; two groups, "12 141973", "0728/1975", "11/0281")
    rf"|{MONTH}[ \t]+\d{{3,6}}|\d{{1,4}}[ \t]*[/ .\-][ \t]*\d{{2,6}})"
    r"(?![\w/\-])",
    re.IGNORECASE,
)


def readings(date: str) -> frozenset[Reading]:
    """(month, day, year % 100) for each way `date` reads as a whole calendar date with its
    year; empty when it has no year or does not read as one."""
    parts = _PARTS.findall(date.lower())
    month = next((_MONTHS[p] for p in parts if p in _MONTHS), None)
    numbers = [p for p in parts if p.isdigit()]
    if month is not None:
        if len(numbers) == 1 and 3 <= len(numbers[0]) <= 6:
            # the day and the year said as one number: "june 2249", "june 221949"
            said = numbers[0]
            return _valid(
                {
                    (month, int(said[:k]), int(said[k:]) % 100)
                    for k in (1, 2)
                    if len(said) - k in (2, 4)
                }
            )
        if len(numbers) != 2:
            return frozenset()
        day, year = int(numbers[0]), numbers[1]
        return _valid({(month, day, int(year) % 100)} if len(year) in (2, 4) else set())
    if len(numbers) == 3:
        first, second, year = numbers
        if len(year) not in (2, 4):
            return frozenset()
        a, b, y = int(first), int(second), int(year) % 100
        return _valid({(a, b, y), (b, a, y)})  # US order, or day first
    if len(numbers) == 1 and 5 <= len(numbers[0]) <= _MOST_COMPACT:
        return _valid(_compact(numbers[0]))
    if len(numbers) == 2 and 5 <= len(joined := "".join(numbers)) <= _MOST_COMPACT:
        return _valid(_compact(joined))  # two groups split where no part ends: "12 141973"
    return frozenset()


def _compact(digits: str) -> set[Reading]:
    """The readings of a date written without separators: a month of one or two digits, a
    day of one or two, a year of two or four."""
    out: set[Reading] = set()
    for year_len in (2, 4):
        rest, year = digits[:-year_len], digits[-year_len:]
        for month_len in (1, 2):
            month, day = rest[:month_len], rest[month_len:]
            if month and 1 <= len(day) <= 2:
                out.add((int(month), int(day), int(year) % 100))
    return out


def _valid(found: set[Reading]) -> frozenset[Reading]:
    return frozenset((m, d, y) for m, d, y in found if 1 <= m <= 12 and 1 <= d <= 31)


#: A card's expiry as (month, year % 100).
ExpiryReading = tuple[int, int]

#: The written forms of a card's expiry, as the normaliser writes a spoken one too ("7/26",
#: "07 / 2026", "0726", "1127", "328", "january of 27", "may 2027"): to look for an expiry
#: read back in another form ("seven slash twenty six" / "just to confirm, oh seven two six").
EXPIRY_FORMS = re.compile(
    r"(?<![\w/.\-:$#])(?:\d{1,2}[ \t]*[/\-][ \t]*(?:\d{4}|\d{2})|\d{3,6}"
    rf"|{MONTH}[ \t]+(?:of[ \t]+)?'?(?:\d{{4}}|\d{{2}}))"
    r"(?![\w/\-:]|[.,]\d)",
    re.IGNORECASE,
)
#: The years a card's expiry may have (% 100): a number read as another year is no expiry.
_EXPIRY_YEARS = range(15, 50)


def expiry_readings(value: str, *, written: bool = False) -> frozenset[ExpiryReading]:
    """(month, year % 100) for each way `value` reads as a card's expiry: a month's name or
    number and a year of two or four digits ("june 2029", "7/26", "0726", "328"); empty when it
    does not read as one. A month's name and a number that could be its day, `written` in
    digits ("October 25"), is a day: it is a year said in words ("august twenty nine") or
    after "of" ("june of 28")."""
    parts = _PARTS.findall(value.lower())
    month = next((_MONTHS[p] for p in parts if p in _MONTHS), None)
    numbers = [p for p in parts if p.isdigit()]
    found: set[ExpiryReading] = set()
    if month is not None:
        day_like = len(numbers) == 1 and len(numbers[0]) == 2 and int(numbers[0]) <= 31
        if day_like and written and "of" not in parts:
            return frozenset()
        if len(numbers) == 1 and len(numbers[0]) in (2, 4):
            found.add((month, int(numbers[0]) % 100))
    elif len(numbers) == 2 and len(numbers[0]) <= 2 and len(numbers[1]) in (2, 4):
        found.add((int(numbers[0]), int(numbers[1]) % 100))
    elif len(numbers) == 1:
        digits = numbers[0]
        for month_len in (1, 2):
            year = digits[month_len:]
            if len(year) in (2, 4) and (month_len == 2 or len(digits) in (3, 5)):
                found.add((int(digits[:month_len]), int(year) % 100))
    return frozenset((m, y) for m, y in found if 1 <= m <= 12 and y in _EXPIRY_YEARS)
