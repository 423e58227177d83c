"""Values said again right after themselves: corrected ("the pin is 4729, no sorry, 4739"),
changed ("reset my pin from 1111 to 2468"), or another person's ("her dob is 12/05/1985 and
his is 03/22/1983").

The second number has no cue of its own (the cue was before the first), so no detector reads
it: it is the same kind of value as the one before it. Pure: it reads the text the detectors
read and their candidates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

from stdnum import luhn
from stdnum.us import rtn, ssn

from callshield.core.detection.base import Candidate
from callshield.core.detection.caseless import Caseless
from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_EXPIRY,
    DATE_OF_BIRTH,
    PAYMENT_CARD,
    PHONE,
    US_SSN,
    EntityType,
)

#: A number (digits, perhaps in groups) where it ends.
_VALUE = r"(?P<v>\d(?:[ \-/.]?\d)*)(?![\w])"
#: The words that take back a number just said (as speech-to-text writes them: "wait I
#: messed up", "hang on let me start over", "no no no it's", "perdón").
_TAKEN_BACK = (
    # (a hesitation first: "478 -- ugh, no, 078-05-1120")
    r"(?:(?:ugh|uh|um|umm|er|argh|oh)\b[ \t,.;:!\-]*)?"
    r"(?:(?:no|nope|sorry|wait|actually|i[ \t]+mean|scratch[ \t]+that|make[ \t]+that"
    r"|my[ \t]+bad|correction|rather|oops|(?:i[ \t]+)?messed[ \t]+up|hang[ \t]+on|hold[ \t]+on"
    r"|(?:let[ \t]+me[ \t]+)?start[ \t]+(?:over|again)|(?:that'?s[ \t]+)?not[ \t]+right"
    r"|(?:let[ \t]+me[ \t]+)?try[ \t]+(?:that[ \t]+)?again|perd[oó]n|pardon|d[ée]sol[ée]e?"
    r"|lo[ \t]+siento)\b[ \t,.;:!\-]*)+"
    r"(?:(?:it'?s|it[ \t]+is|that'?s|is|just|es|c'est)[ \t]+)?"
)
#: A correction right after a value, then the corrected number (digits, perhaps in groups).
_CORRECTED = re.compile(r"(?:\.\.\.|\u2026)?[ \t,.;:!\-]*" + _TAKEN_BACK + _VALUE, re.IGNORECASE)
#: A number taken back right before a value, and the correction: the attempt that the value
#: corrects ("3849 779 wait I messed up 3849 7749 353"), where the value ends the text read.
_ATTEMPT_BEFORE = Caseless(
    r"(?<![\w.\-])(?P<v>\d(?:[ \-/.]?\d)*)(?:\.\.\.|\u2026)?[ \t,.;:!\-]*" + _TAKEN_BACK + r"\Z"
)
#: How far before a value its attempt and the correction may start.
_ATTEMPT_REACH = 80
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
    r"(?:\.\.\.|\u2026)?[ \t,.;:!\-]*(?:ugh|no|nope|sorry|wait|actually|i|scratch|make|my"
    r"|correction|rather|oops|messed|hang|hold|let|start|that's|thats|not|try|perd[oó]n"
    r"|pardon|d[ée]sol[ée]e?|lo|and|to)\b",
    re.IGNORECASE,
)
#: A correction's word before a value (a cheap test before `_ATTEMPT_BEFORE`).
_TAKEN_BACK_HINT = Caseless(
    r"\b(?:ugh|no|nope|sorry|wait|actually|mean|that|bad|correction|rather|oops|up|on|over|again"
    r"|right|perd[oó]n|pardon|d[ée]sol[ée]e?|siento)\b"
)


def attempt_before(text: str, start: int, lo: int) -> tuple[int, int] | None:
    """The span of a number said and taken back right before `start` (no earlier than `lo`):
    "6345-9 sorry I mean " before "6945 9950 8948". Its words do not block a cue's value."""
    lo = max(lo, start - _ATTEMPT_REACH)
    if _TAKEN_BACK_HINT.search(text, lo, start) is None:
        return None
    match = _ATTEMPT_BEFORE.search(text, lo, start)
    if match is None or sum(ch.isdigit() for ch in match.group("v")) < _MIN_DIGITS:
        return None
    return match.span("v")


#: The values a correction is read after: digits, perhaps in groups (a date's too).
_NUMBER_VALUE = re.compile(r"[\d \-./]+")
#: How far a corrected number may be longer than the value it corrects (a digit said twice).
_LONGER_BY = 2
#: The first digits a longer corrected number shares with the value it corrects when the
#: caller starts again.
_RESTART = 3
#: The fewest digits a corrected number has ("no, 39": the last two digits said again).
_MIN_DIGITS = 2


def corrections(text: str, found: Iterable[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """Candidates for the numbers said right after a value of `found` that correct it, change
    it or are another person's, with the value's entity: all of them are redacted."""
    out: list[tuple[str, Candidate]] = []
    for name, cand in found:
        if _HINT.match(text, cand.end) is None:
            continue  # (most values: what follows them is none of the three)
        stop = min(len(text), cand.end + 80)
        if cand.entity is DATE_OF_BIRTH and not _NUMBER_VALUE.fullmatch(cand.value):
            # a birth date with its month's name, its year taken back: "november 9 1974, no
            # sorry, 75"
            out.extend(_year_corrected(text, name, cand, stop))
            continue
        if not _NUMBER_VALUE.fullmatch(cand.value):
            continue  # a name, an address
        digits = sum(ch.isdigit() for ch in cand.value)
        if digits < _MIN_DIGITS:
            continue
        match, how = _CORRECTED.match(text, cand.end, stop), "corrects the value said before it"
        if match is None and _FROM.search(text, max(0, cand.start - 8), cand.start):
            match, how = _CHANGED.match(text, cand.end, stop), "the value it was changed to"
        if match is None:
            match, how = _ANOTHER.match(text, cand.end, stop), "another person's, said alike"
        if match is None:
            continue
        value = "".join(ch for ch in match.group("v") if ch.isdigit())
        if (
            len(value) < _MIN_DIGITS
            or (
                len(value) > digits + _LONGER_BY
                # (unless said again from its start, in full: "3849 779 wait I messed up 3849
                # 7749 353", where the caller had left digits out)
                and not value.startswith(
                    "".join(ch for ch in cand.value if ch.isdigit())[:_RESTART]
                )
            )
        ):
            continue
        start, end = match.span("v")
        reasons = (*cand.reasons, how)
        out.append((name, replace(cand, start=start, end=end, reasons=reasons, value=value)))
        if match.re is _CORRECTED:  # (not a value changed "to" another, nor another's)
            out.extend(_taking_back(text, name, cand, cand.end, start))
    return out


def _year_corrected(
    text: str, name: str, cand: Candidate, stop: int
) -> list[tuple[str, Candidate]]:
    """The birth date said with its month's name, on to the year that corrects its own, as one
    value (the year alone, "75", would be looked for again across the document); none where
    what corrects it is no year (two digits or four, 19xx or 20xx)."""
    match = _CORRECTED.match(text, cand.end, stop)
    if match is None or "\n" in text[cand.end : match.start("v")]:
        return []
    value = match.group("v")
    if not (len(value) == 2 or (len(value) == 4 and value[:2] in ("19", "20"))):
        return []
    reasons = (*cand.reasons, "with the year that corrects its own")
    corrected = f"{cand.value} / {value}"
    return [(name, replace(cand, end=match.end("v"), reasons=reasons, value=corrected))]


def _taking_back(
    text: str, name: str, cand: Candidate, lo: int, hi: int
) -> list[tuple[str, Candidate]]:
    """A candidate for the words between a number and the one that corrects it, in one line
    ("176 no wait 1753 4286 30": "no wait"), with the value's entity: said inside the value,
    they are redacted with it (a finding of its own, so the value's is the number alone)."""
    if "\n" in text[lo:hi]:
        return []
    lo = _after_blanks(text, lo, hi)
    hi = _before_blanks(text, lo, hi)
    if hi <= lo:
        return []
    reasons = (*cand.reasons, "words that take back a value, said inside it")
    return [(name, replace(cand, start=lo, end=hi, reasons=reasons, value=text[lo:hi]))]


def _after_blanks(text: str, lo: int, hi: int) -> int:
    """The first offset in [lo, hi) that is no blank or sign ("..., no wait, " after a value:
    where "no" starts), or hi."""
    while lo < hi and not text[lo].isalnum():
        lo += 1
    return lo


def _before_blanks(text: str, lo: int, hi: int) -> int:
    """The end of the last letter or digit in [lo, hi), or lo."""
    while hi > lo and not text[hi - 1].isalnum():
        hi -= 1
    return hi


def attempts(text: str, found: Iterable[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """Candidates for the numbers said and taken back right before a value of `found` (the
    value corrects them: "217306... hang on let me start over 217306239729"), with the value's
    entity: the attempt is as much the value as what the caller said next."""
    out: list[tuple[str, Candidate]] = []
    for name, cand in found:
        if not _NUMBER_VALUE.fullmatch(cand.value):
            continue
        span = attempt_before(text, cand.start, 0)
        if span is None:
            continue
        value = "".join(ch for ch in text[span[0] : span[1]] if ch.isdigit())
        if len(value) > sum(ch.isdigit() for ch in cand.value) + _LONGER_BY:
            continue
        reasons = (*cand.reasons, "taken back and corrected by the value after it")
        out.append((name, replace(cand, start=span[0], end=span[1], reasons=reasons, value=value)))
        out.extend(_taking_back(text, name, cand, span[1], cand.start))
    return out


#: A digit said or typed alone (the normaliser leaves one spoken digit a word).
_ONE_DIGIT = r"(?:\d|zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
#: A caller who corrects one digit of a number read back to them, then says its group again:
#: "no sorry it's five not zero 5345", "No sorry, it's four not zero. 6694." (normalised, the
#: digit taken back and the group said again are often one run: "it's seven not 50137").
_SWAPPED = re.compile(
    r"(?<![\w'])(?:it'?s|it[ \t]+is|that'?s|should[ \t]+be)[ \t]+(?:an?[ \t]+)?"
    rf"{_ONE_DIGIT}[ \t,]+(?:not|instead[ \t]+of)[ \t]+(?:an?[ \t]+)?"
    r"(?:(?P<run>\d{3,7})|" + _ONE_DIGIT + r"[ \t]*[,.;:!\-]*[ \t]*(?P<v>\d{2,6}))(?![\w])",
    re.IGNORECASE,
)
#: A cheap test first: "not" between two short words.
_SWAP_HINT = re.compile(r"[ \t]not[ \t]", re.IGNORECASE)
#: How far after a value the correction of one of its digits may start (the read-back between).
_SWAP_REACH = 240


def swaps(text: str, found: Iterable[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """Candidates for the group a caller says again after correcting one of its digits, some
    turns after the value (an agent read it back wrong between), with the entity of the
    nearest value before the correction: "... that's 5123845340\nno sorry it's five not zero
    five three four five". The group alone has no cue and no shape: it leaked."""
    numbers = sorted(
        ((cand.end, name, cand) for name, cand in found if _NUMBER_VALUE.fullmatch(cand.value)),
        key=lambda item: item[0],
    )
    if not numbers or _SWAP_HINT.search(text, numbers[0][0]) is None:
        return []
    ends = [item[0] for item in numbers]
    out: list[tuple[str, Candidate]] = []
    for match in _SWAPPED.finditer(text, numbers[0][0]):
        nearest = bisect_right(ends, match.start()) - 1
        if nearest < 0 or match.start() - ends[nearest] > _SWAP_REACH:
            continue
        _, name, cand = numbers[nearest]
        group = "run" if match.group("run") is not None else "v"
        start, end = match.span(group)
        reasons = (*cand.reasons, "a group said again after one of its digits was corrected")
        out.append(
            (name, replace(cand, start=start, end=end, reasons=reasons, value=match.group(group)))
        )
    return out


#: Digits in groups, a pause between them perhaps (a comma, a hesitation).
_MORE_GROUPS = r"(?:(?:[ \t.\-]|,[ \t]|[ \t](?:uh|um|er),?[ \t])\d+)*"
_GROUPS = rf"\d+{_MORE_GROUPS}"
#: A number said, taken back and said again in one line, neither part a value on its own:
#: "6011 uh 1111 18 -- sorry, scratch that, 1111 1117", "153 4... i mean 30 7472".
# (a digit first, then the look-behind: `re` finds a pattern's first character fast)
_COMPOSED = re.compile(
    rf"(?P<a>\d(?<![\w.\-]\d)\d*{_MORE_GROUPS})"
    r"(?:\.\.\.|\u2026)?[ \t,.;:!\-]*" + _TAKEN_BACK + rf"(?P<b>{_GROUPS})(?![\w])",
    re.IGNORECASE,
)
#: The trigger of `ComposedNumberDetector` in the multi-pattern database: a digit, then a
#: word that takes a number back (most texts have none; a search of each text for it with
#: `re` cost 7 us a document).
COMPOSED_TRIGGER = (
    r"\d(?:\.\.\.)?[ \t,.;:!\-]{0,4}(?:(?:uh|um|er|ugh)[ \t,.;:!\-]{1,3})?"
    r"(?:no|nope|sorry|wait|actually|i\smean|scratch\sthat|make\sthat|my\sbad|correction"
    r"|rather|oops|i\smessed|hang\son|hold\son|let\sme\sstart|start\sover|perd|pardon)"
)
#: What the question before such a number asks for, and how its readings are checked.
_ASKED_FOR: tuple[tuple[re.Pattern[str], EntityType], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), entity)
    for pattern, entity in (
        (r"\b(?:routing|aba|transit)\b", ABA_ROUTING),
        (r"\b(?:social|ssn)\b", US_SSN),
        (r"\bcard\b|\bpay\b", PAYMENT_CARD),
        (r"\b(?:phone|cell|mobile|callback|reach\s+you)\b", PHONE),
        (r"\b(?:account|loan)\b", BANK_ACCOUNT),
    )
)
#: The entities a composed number is read as (`ComposedNumberDetector`'s).
COMPOSED_ENTITIES = frozenset(entity for _, entity in _ASKED_FOR)
#: How far before the number the question may be.
_ASKED_REACH = 160


def composed(text: str, ends: Sequence[int]) -> list[Candidate]:
    """Candidates for numbers said with a correction inside them, where the question before
    names what is asked and one reading of the parts is such a value (joined, the attempt's
    last group or last digits replaced by what follows, or said again in full): a card by
    Luhn, a social or a routing number by their rules, a phone by its ten digits, an account
    by its question alone. The whole stretch is redacted, the words taken back with it.
    `ends`: where the trigger (`COMPOSED_TRIGGER`) matched."""
    out: list[Candidate] = []
    seen: set[int] = set()
    for hit in ends:
        line = text.rfind("\n", 0, hit) + 1
        if line in seen:
            continue
        seen.add(line)
        for match in _COMPOSED.finditer(text, line, _line_end(text, hit)):
            out.extend(_composed_at(text, match))
    return out


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _composed_at(text: str, match: re.Match[str]) -> list[Candidate]:
    start, end = match.start("a"), match.end("b")
    asked = _asked_for(text, start)
    if asked is None:
        return []
    reading = _composed_reading(match.group("a"), match.group("b"), asked)
    if reading is None:
        return []
    reasons = ("a number said with a correction inside it", f"reads as {asked.name}")
    score = _COMPOSED_SCORES.get(asked, 0.8)
    return [Candidate(asked, start, end, score, reasons, reading)]


#: A reading a checksum confirms outranks what its parts read as alone (an account's cue
#: over a routing number's first groups).
_COMPOSED_SCORES = {PAYMENT_CARD: 0.9, ABA_ROUTING: 0.9, US_SSN: 0.85, PHONE: 0.85}


def _asked_for(text: str, start: int) -> EntityType | None:
    before = text[max(0, start - _ASKED_REACH) : start]
    return next((entity for cue, entity in _ASKED_FOR if cue.search(before)), None)


def _composed_reading(attempt: str, again: str, asked: EntityType) -> str | None:
    a = "".join(ch for ch in attempt if ch.isdigit())
    b = "".join(ch for ch in again if ch.isdigit())
    groups = re.findall(r"\d+", attempt)
    readings = [a + b, "".join(groups[:-1]) + b]
    readings += [a[:-n] + b for n in range(1, min(3, len(a)) + 1)]
    readings.append(b)
    return next((value for value in readings if _reads_as(value, asked)), None)


def _reads_as(value: str, asked: EntityType) -> bool:
    if asked is PAYMENT_CARD:
        return 13 <= len(value) <= 19 and value[0] in "23456" and luhn.is_valid(value)
    if asked is US_SSN:
        return len(value) == 9 and ssn.is_valid(value)
    if asked is ABA_ROUTING:
        return len(value) == 9 and rtn.is_valid(value)
    if asked is PHONE:
        return len(value) == 10 and value[0] in "23456789" and value[3] in "23456789"
    return 6 <= len(value) <= 17  # (an account: its question says what it is)


#: A caller who starts an address over: "dezso five seven sorry let uh me start over",
#: "E-R-I-K dot D-A-V-I-S... sorry, let me start over." (fillers anywhere in it).
_ADDRESS_RESTART = Caseless(
    r"(?:\.\.\.|\u2026)?[ \t,.;:!\-]*(?:(?:uh|um|like|sorry|no|wait|oops)[ \t,.;:!\-]+)*"
    r"(?:let[ \t]+(?:(?:uh|um)[ \t]+)*me[ \t]+(?:(?:uh|um)[ \t]+)*)?"
    r"(?:start[ \t]+(?:(?:uh|um)[ \t]+)*(?:over|again)|try[ \t]+(?:that[ \t]+)?again"
    r"|scratch[ \t]+that)[ \t,.;:!\-]*(?:(?:uh|um|okay|so|it'?s)[ \t,.]+)*\Z"
)
#: The words of an address's first attempt, before the restart (eight at most).
_ATTEMPT_WORDS = re.compile(r"\w[^\s,;:!?*]*")
#: An address's separators said as words, not its letters.
_SAID_SEPARATORS = frozenset({"dot", "underscore", "dash", "hyphen", "period"})
#: The fewest letters and digits of an attempt read as the address's start.
_ATTEMPT_MIN = 3


def address_attempts(
    text: str, found: Iterable[tuple[str, Candidate]]
) -> list[tuple[str, Candidate]]:
    """Candidates for the start of an e-mail address said, taken back and said again whole
    ("dezso five seven sorry let me start over dezso five seven at mail dot example dot
    org"): the words before the restart that spell the local part's start (`_ADDRESS_RESTART`)."""
    out: list[tuple[str, Candidate]] = []
    for name, cand in found:
        if cand.entity.name != "EMAIL" or "@" not in cand.value:
            continue
        restart = _ADDRESS_RESTART.search(text, max(0, cand.start - _ATTEMPT_REACH), cand.start)
        if restart is None or restart.end() != cand.start:
            continue
        local = "".join(ch for ch in cand.value.split("@")[0].lower() if ch.isalnum())
        words = list(_ATTEMPT_WORDS.finditer(text, max(0, restart.start() - _ATTEMPT_REACH),
                                             restart.start()))[-8:]  # fmt: skip
        for k, first in enumerate(words):
            said = "".join(
                ch
                for w in words[k:]
                if w.group().lower() not in _SAID_SEPARATORS
                for ch in w.group().lower()
                if ch.isalnum()
            )
            if len(said) >= _ATTEMPT_MIN and local.startswith(said):
                reasons = (*cand.reasons, "an address started, taken back and said again")
                start, end = first.start(), words[-1].end()
                out.append((name, replace(cand, start=start, end=end, reasons=reasons)))
                break
    return out


def follow_ups(text: str, found: list[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """The candidates `found`'s values bring with them: the numbers that correct them
    (`corrections`), the attempts they correct (`attempts`, and an address's,
    `address_attempts`), the groups said again after a digit was corrected (`swaps`) and the
    same numbers said again elsewhere (`read_backs`)."""
    more = (
        corrections(text, found)
        + attempts(text, found)
        + address_attempts(text, found)
        + swaps(text, found)
    )
    every = [*found, *more]
    return more + read_backs(text, every) + misheard(text, every)


#: A number where it ends, its groups apart by a blank, a dash, a dot, a slash or brackets
#: ("(617) 555-0142", "617 555 0142").
#: (a digit first, then the look-behind: `re` finds a pattern's first character fast)
_SAID_NUMBER = re.compile(r"\d(?<![\w.\-]\d)(?:[ \t().\-/]{0,3}\d)*(?![\w])")
#: The fewest digits of a value whose other mentions are read as it: seven (a year, a PIN,
#: a ZIP code or a card's last four repeat by chance; a phone number's seven digits do not).
_READ_BACK_DIGITS = 7


def read_backs(text: str, found: Sequence[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """A value's number said again where no detector read it, with the same digits in the
    same order: an agent who reads it back ("so 2145550149, correct?", the caller's
    "two fourteen five five seven, no wait, triple five oh one four nine" above it), a note
    that repeats it, a reply that quotes it. The same number is the same value, whatever the
    words around it say (seven digits at least: no chance repetition)."""
    values: dict[str, tuple[str, Candidate]] = {}
    for name, cand in found:
        if _NUMBER_VALUE.fullmatch(cand.value) is None:
            continue
        digits = "".join(ch for ch in cand.value if ch.isdigit())
        if len(digits) >= _READ_BACK_DIGITS:
            values.setdefault(digits, (name, cand))
    if not values:
        return []
    spans = [(cand.start, cand.end) for _, cand in found]
    out: list[tuple[str, Candidate]] = []
    for match in _SAID_NUMBER.finditer(text):
        start, end = match.span()
        if end - start < _READ_BACK_DIGITS:
            continue
        said = values.get("".join(ch for ch in match.group() if ch.isdigit()))
        if said is None:
            continue
        if any(s < end and start < e for s, e in spans):
            continue  # (read already: the value itself, or a part of another)
        name, cand = said
        reasons = (*cand.reasons, "the same number said again")
        out.append((name, replace(cand, start=start, end=end, reasons=reasons)))
    return out


#: How far from a value a number misheard from it is looked for (an agent's read-back, the
#: caller's answer to it: a turn or two).
_MISHEARD_WINDOW = 300
#: The fewest digits of a value whose misheard read-backs are read as it: a ZIP code's five.
_MISHEARD_DIGITS = 5
#: Values that a number one digit apart near them is not: a date beside another (a birth date
#: and the day of a visit), an expiry beside an issue date.
_NOT_MISHEARD = frozenset({DATE_OF_BIRTH.name, CARD_EXPIRY.name})


def misheard_digits(said: str, value: str) -> bool:
    """Whether `said` is `value` with one digit heard wrong, or two neighbours swapped (as
    many digits)."""
    if len(said) != len(value):
        return False
    wrong = [k for k, (a, b) in enumerate(zip(said, value, strict=True)) if a != b]
    if len(wrong) == 1:
        return True
    return (
        len(wrong) == 2
        and wrong[1] == wrong[0] + 1
        and said[wrong[0]] == value[wrong[1]]
        and said[wrong[1]] == value[wrong[0]]
    )


def misheard(text: str, found: Sequence[tuple[str, Candidate]]) -> list[tuple[str, Candidate]]:
    """A value's number said again one digit wrong, near it: the agent's read-back that
    misheard it ("and what's the zip code" / "08042" / "okay 08043" / "no it ends oh eight oh
    four two"), or the caller's first try that the agent's read-back set right. Five digits
    at least, the same count, one digit apart or two neighbours swapped, within a turn or two
    of the value: no chance number is that close to it."""
    values: list[tuple[str, str, Candidate]] = []
    for name, cand in found:
        if cand.entity.name in _NOT_MISHEARD:
            continue
        if _NUMBER_VALUE.fullmatch(cand.value) is None:
            continue
        digits = "".join(ch for ch in cand.value if ch.isdigit())
        if len(digits) >= _MISHEARD_DIGITS:
            values.append((digits, name, cand))
    if not values:
        return []
    spans = [(cand.start, cand.end) for _, cand in found]
    lo = max(0, min(c.start for _, _, c in values) - _MISHEARD_WINDOW)
    hi = min(len(text), max(c.end for _, _, c in values) + _MISHEARD_WINDOW)
    out: list[tuple[str, Candidate]] = []
    for match in _SAID_NUMBER.finditer(text, lo, hi):
        start, end = match.span()
        if end - start < _MISHEARD_DIGITS:
            continue
        if any(s < end and start < e for s, e in spans):
            continue  # (read already: a value, or a part of one)
        said = "".join(ch for ch in match.group() if ch.isdigit())
        for digits, name, cand in values:
            if (
                cand.start - _MISHEARD_WINDOW <= start
                and end <= cand.end + _MISHEARD_WINDOW
                and misheard_digits(said, digits)
            ):
                reasons = (*cand.reasons, "the same number said again, one digit misheard")
                heard = replace(cand, start=start, end=end, reasons=reasons, value=said)
                out.append((name, heard))
                spans.append((start, end))
                break
    return out
