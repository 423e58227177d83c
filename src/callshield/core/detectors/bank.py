"""IBANs (every country, mod-97 via python-stdnum) and free-standing ABA routing numbers."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from stdnum import iban, numdb
from stdnum.exceptions import ValidationError
from stdnum.us import rtn

from callshield.core.detection.base import (
    CAPS_THEN_DIGITS,
    NUMBER_RUN,
    Candidate,
    Cues,
    context_reason,
    matches_near,
    windows,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.trailing import named_after
from callshield.core.entities import ABA_ROUTING, BANK_ACCOUNT, IBAN, EntityType

# Spoken IBANs arrive as "g b eight two, uh, w e s t ...": allow short pauses between characters.
_SEP = r"(?:[ \-,.]{1,5}(?:(?:uh|um|er)[ ,.]{1,5})?)?"
_IBAN_RUN = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z]{_SEP}[A-Za-z]{_SEP}\d{_SEP}\d(?:{_SEP}[A-Za-z0-9]){{8,32}}"
    r"(?![A-Za-z0-9])"
)
_NOT_IBAN_CHARS = re.compile(r"[ \-,.]|\b(?:uh|um|er)\b", re.IGNORECASE)
#: (as speech-to-text writes it too: "okay go ahead with the i ban")
_IBAN_SAID = ["i ban", "i-ban", "eye ban"]
_IBAN_CUES = Cues(["iban", *_IBAN_SAID, "international bank account", "bank account", "account"])


@dataclass(frozen=True, slots=True)
class IbanDetector:
    """IBAN candidates (any country); the longest prefix that passes mod-97 wins."""

    name: str = "iban"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({IBAN})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # (spoken "g b eight two" is normalised to "GB 82": spelled letters in capitals;
        # `_IBAN_RUN` checks where the lowercase form starts)
        return (CAPS_THEN_DIGITS,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for lo, hi in windows(hits[0], 14, 120, len(text)):
            pos = lo
            while (match := _IBAN_RUN.search(text, pos, hi)) is not None:
                found = _longest_valid(text, match.start(), match.end())
                if found is None:
                    asked = _asked_for(text, match.start(), match.end())
                    # (not where a valid one starts later in the run: the IBAN said again
                    # after a false start, "G B oh nine... sorry, no, G B four nine ...")
                    if asked is not None and not _valid_from(
                        text, match.start() + 1, asked.end, hi
                    ):
                        pos = asked.end
                        yield asked
                        continue
                    pos = match.start() + 1
                    continue
                pos = found[0]  # the next IBAN may start right after this one
                yield self._candidate(text, match.start(), *found)

    def _candidate(self, text: str, start: int, end: int, compact: str) -> Candidate:
        reasons = ["iban checksum ok", f"country {compact[:2].upper()}"]
        context = _IBAN_CUES.before(text, start, max_words=6)
        score = 0.99  # mod-97 on 15+ characters: beats a card number inside the IBAN
        if context:
            reasons.append(context_reason(context))
        return Candidate(IBAN, start, end, score, tuple(reasons), compact.upper())


#: What names the value an IBAN, right before it: its checksum then confirms or demotes,
#: never vetoes ("my IBAN is PT48 0216 ..." with a digit misheard is still redacted).
_IBAN_NAMED = Cues(["iban", *_IBAN_SAID, "international bank account number"])
#: How far a value named an IBAN may be from its country's length (a digit misheard, left
#: out or said twice).
_IBAN_SLACK = 2


def _asked_for(text: str, start: int, end: int) -> Candidate | None:
    """An IBAN-shaped value named an IBAN right before it whose check digits fail: the
    characters of its country's length, give or take `_IBAN_SLACK` (fail closed)."""
    chunk = text[start:end]
    if not chunk[:2].isupper():
        return None  # (a country's code in capitals: "is 176468930" is no Iceland's IBAN)
    context = _IBAN_NAMED.before(text, start, max_words=3)
    if not context:
        return None
    length = _iban_length(chunk[:2].upper())
    if length is None:
        return None
    for stop, compact in _prefixes(chunk, length - _IBAN_SLACK):
        if len(compact) <= length + _IBAN_SLACK:
            reasons = (
                "iban checksum failed",
                f"country {compact[:2].upper()}",
                context_reason(context),
            )
            return Candidate(IBAN, start, start + stop, 0.8, reasons, compact.upper())
    return None


def _prefixes(chunk: str, shortest: int) -> Iterator[tuple[int, str]]:
    """The prefixes of an IBAN-shaped run that end on a letter or digit, longest first, with
    their compact values (no blanks, dashes, hesitations), down to `shortest` characters."""
    for stop in range(len(chunk), 13, -1):
        if not chunk[stop - 1].isalnum():
            continue
        compact = _NOT_IBAN_CHARS.sub("", chunk[:stop])
        if len(compact) < shortest:
            return  # shorter prefixes only get shorter
        yield stop, compact


def _valid_from(text: str, lo: int, until: int, hi: int) -> bool:
    """Whether a valid IBAN starts in text[lo:until] (and ends by `hi`)."""
    pos = lo
    while (match := _IBAN_RUN.search(text, pos, hi)) is not None and match.start() < until:
        if _longest_valid(text, match.start(), match.end()) is not None:
            return True
        pos = match.start() + 1
    return False


def _iban_ok(compact: str) -> bool:
    """ISO 13616: the country's length and structure and the mod-97 check digits. National
    check digits are not required: the IBAN registry's own Belgian example fails them."""
    try:
        iban.validate(compact, check_country=False)
    except ValidationError:
        return False
    return True


def _longest_valid(text: str, start: int, end: int) -> tuple[int, str] | None:
    """Trim trailing characters until the compact value is a valid IBAN. Only the prefix of
    the country's IBAN length can be one, so only that one is checked (a run of words after
    "IL 62704" would otherwise cost a mod-97 per word)."""
    chunk = text[start:end]
    length = _iban_length(chunk[:2].upper())
    if length is None:
        return None
    for stop, compact in _prefixes(chunk, length):
        if len(compact) == length and _iban_ok(compact.upper()):
            return start + stop, compact
    return None


_IBAN_REGISTRY = numdb.get("iban")
_BBAN_PART = re.compile(r"(\d+)!")


@functools.cache
def _iban_length(country: str) -> int | None:
    """The IBAN length of `country` in python-stdnum's registry (None: no IBAN country)."""
    ((_, info), *_) = _IBAN_REGISTRY.info(country)
    bban = info.get("bban")
    if not bban:
        return None
    return 4 + sum(int(n) for n in _BBAN_PART.findall(bban))


# (a digit first, then the look-behind: `re` finds a pattern's first character fast; groups
# apart by blanks, or by commas where speech-to-text heard pauses: "Sure, 054, 133 198.")
_RTN_RE = re.compile(
    r"(\d(?<![\w.\-]\d)(?:(?:, | )?\d){8}|\d(?<![\w.\-]\d)\d{3}-\d{4}-\d)(?![\w]|[.\-]\d)"
)
_RTN_CUES = Cues(
    [
        "routing",
        "routing number",
        "ach",
        "aba",
        "transit",
        "rtn",
        "bank routing",
        "rtg",
        "rout no",
        "rout. no",
        # (a payroll register's "DIRECT DEPOSIT: RT 290079045  ACCT ...": the checksum decides)
        "rt",
        # the first number on a cheque's last line, which an agent asks for so: "can you read
        # me the numbers at the bottom of a check" (the checksum decides)
        "bottom of a check", "bottom of the check", "bottom of your check", "bottom of my check",
        "bottom of a cheque", "bottom of the cheque", "bottom of your cheque",
    ]
)  # fmt: skip


#: Other identifiers' cues: nearer than a far routing cue, they name the number.
_NOT_RTN_CUES = Cues(
    [
        "order", "ticket", "tracking", "invoice", "confirmation", "reference", "case", "claim",
        "account", "phone", "zip", "member", "policy", "ssn", "social",
    ]
)  # fmt: skip
#: A question for the routing number and another ("the routing and account number"): the
#: first number answering it is the routing number, though the other's cue is nearer.
_ROUTING_AND = re.compile(r"\brouting(?:[ \t]+number)?[ \t]+and[ \t]", re.IGNORECASE)
#: An account number written right after a routing number: after a slash ("ACH:
#: 021000021/509745575047") or a deposit account's label ("RTN 121000358 DAN 518361413817").
_ACCOUNT_AFTER = re.compile(
    # (or a cheque's MICR line, the account after the routing number's closing transit
    # symbol and before the on-us symbol: "⑆011000015⑆ 763829453⑈ 1043")
    r"(?:[ \t]*/[ \t]*|[ \t]+(?:DAN|Acct|ACCT|acct|Account|account)[ \t]*[:#]?[ \t]*"
    # (or a cheque's numbers read out in their order, "the first one is 026009593 then
    # 6644967382 then the check number 1284", which the normaliser writes "026009593
    # 6644967382 then ...": six digits at least, no cheque's number)
    r"|,?[ \t]+(?:and[ \t]+)?(?:then[ \t]+(?:the[ \t]+account(?:[ \t]+number)?[ \t]+"
    r"(?:is[ \t]+)?)?)?(?=\d{6})"
    r"|\u2446[ \t]*(?=[\d \-]{4,24}\u2448))"
    r"(?P<v>\d{4,17})(?![\w]|[.\-]\d)"
)
#: The lowest score of a routing number whose account number is read after it.
_REPORTED = 0.5


def _account_after(text: str, end: int) -> Iterable[Candidate]:
    match = _ACCOUNT_AFTER.match(text, end, min(len(text), end + 40))
    if match is not None:
        start, stop = match.span("v")
        reasons = ("written right after a routing number",)
        yield Candidate(BANK_ACCOUNT, start, stop, 0.85, reasons, match.group("v"))


#: A cheque's MICR transit symbol (⑆), around the routing number on its line.
_TRANSIT_SYMBOL = "\u2446"
#: A Canadian account's transit, institution and account numbers, as a void cheque's or a
#: direct-deposit form's fields: "Transit 80430 Inst 003 Acct 5280829" (the three together
#: name the account, as a routing number and an account number do).
_CANADIAN_ACCOUNT = re.compile(
    r"[ \t#:]*(?P<v>\d{5}[ \t,/\-]*(?:inst(?:itution)?(?:[ \t]*(?:no\.?|number|#))?[ \t#:]*)?"
    r"\d{3}(?:[ \t,/\-]*(?:acct|account)(?:[ \t]*(?:no\.?|number|#))?[ \t#:.]*\d{5,12})?)"
    r"(?![\w\-])",
    re.IGNORECASE,
)

#: How many words back a routing cue reaches for a number whose checksum holds.
_VALID_REACH = 12


@dataclass(frozen=True, slots=True)
class RoutingNumberDetector:
    """ABA routing numbers. A valid checksum alone is weak (one random number in ten passes);
    the routing format (1234-5678-9) or a routing cue makes it strong."""

    name: str = "aba_routing"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({ABA_ROUTING, BANK_ACCOUNT})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN, Trigger(r"\btransit\b", max_len=7, word_end=True))

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[1]:
            canadian = _CANADIAN_ACCOUNT.match(text, end, min(len(text), end + 80))
            if canadian is not None:
                start, stop = canadian.span("v")
                reasons = ("Canadian transit and institution numbers", "context 'transit' before")
                yield Candidate(BANK_ACCOUNT, start, stop, 0.9, reasons, canadian.group("v"))
        yield from self._routing_numbers(text, hits[0])

    def _routing_numbers(self, text: str, ends: Sequence[int]) -> Iterable[Candidate]:
        for match in matches_near(_RTN_RE, text, ends, back=18):
            # (and the comma of a pause said between its groups: "zero eight nine two, 06016")
            digits = "".join(c for c in match.group() if c.isdigit())
            valid = rtn.is_valid(digits)
            # a number whose checksum holds is read with a cue further back ("the routing
            # number is the nine digits on the bottom left\nokay it's 021 000 021")
            reach = _VALID_REACH if valid else 5
            context = _RTN_CUES.before(text, match.start(), max_words=reach, unanswered=True)
            if context is not None and context[1] > 5:
                other = _NOT_RTN_CUES.before(text, match.start(), max_words=context[1])
                paired = _ROUTING_AND.search(text, max(0, match.start() - 120), match.start())
                if other is not None and other[1] < context[1] and paired is None:
                    context = None  # "... the order number is 021000021": named otherwise
            if context and named_after(text, match.end()) not in (None, ABA_ROUTING):
                # "011000015 is the routing number and 670437508 is the account number"
                context = None
            reasons = ["routing checksum ok" if valid else "routing checksum failed"]
            micr = (
                text[match.start() - 1 : match.start()] == _TRANSIT_SYMBOL
                and text[match.end() : match.end() + 1] == _TRANSIT_SYMBOL
            )
            if "-" in match.group():
                reasons.append("routing format")
                score = 0.8 if valid else 0.0
            elif " " in match.group():
                score = 0.0  # spaced digits are only a routing number with a routing cue
            else:
                score = 0.3 if valid else 0.0
            if context or micr:
                reasons.append(
                    context_reason(context) if context else "between a cheque's transit symbols"
                )
                score = 0.95 if valid else 0.75
                if not valid:
                    reasons.append("kept by context")
            if score > 0.0:
                yield Candidate(
                    ABA_ROUTING, match.start(), match.end(), score, tuple(reasons), digits
                )
                if score >= _REPORTED and valid:
                    yield from _account_after(text, match.end())
