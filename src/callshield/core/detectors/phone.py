"""Telephone numbers: a cheap shape prefilter, then libphonenumber on the candidates only."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

import phonenumbers

from callshield.core.detection.base import (
    FORBIDS_CARD,
    LABEL_AND_FILLERS,
    NUMBER_RUN,
    TIME_AFTER_NAME,
    Candidate,
    Cues,
    context_reason,
    matches_near,
    only_digits,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import PHONE, EntityType

_PHONE_RE = re.compile(
    # (each way in opens on a sign or a digit, then looks behind: `re` finds a pattern's
    # first character fast, and a look-behind first costs it that)
    r"(?:\+(?<![\w+\-./]\+)\s?\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d"
    r"|\((?<![\w+\-./]\()\d{1,4}\)[\s.\-]?\d"
    # the country code before an area code in brackets: "1 (212) 555-0109"
    r"|1(?<![\w+\-./]1)[ .\-]?\(\d{3}\)[\s.\-]?\d|\d(?<![\w+\-./]\d))\d{0,11}"
    # (groups on one line: a ZIP at a line's end is no first group of the next line's number)
    # (or, as speech-to-text writes a number said in pauses, an ellipsis or a hesitation
    # between groups: "702 ... 555 1148", "773 uh 555 0176"; taken only after a phone cue)
    # (not a tab: a column's end in an export, "971-555-0184\t305-555-0100" are two numbers)
    # (or a comma after a group of three, as speech-to-text writes a pause: "646, 555, zero
    # one nine five"; not after a ZIP's four more digits: "29183-9343, 713-974-3423")
    r"(?:(?:[ .\-/]|[ \t]-[ \t]|(?<=\d{3})(?<!\d{4}),[ \t]|[ \t]?(?:\.\.\.?|…)[ \t]?"
    r"|,?[ \t]+(?:uh|um|umm|er|err|erm)\b,?[ \t]+)\d{1,10}){0,7}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w]|[.\-:/]\d)",
    re.IGNORECASE,
)
_CUES = Cues(
    [
        "phone", "phones", "phone number", "best number", "callback number", "contact number",
        "cell number", "mobile number", "home number", "work number", "number to reach",
        # (the numbers an agent asks for besides: "is there a daytime number, like work?" /
        # "yeah, work is ...")
        "daytime number", "daytime phone", "evening number", "alternate number",
        "alternative number", "secondary number", "office number", "work phone", "work is",
        "home is", "cell is", "mobile is",
        "mobile", "cell", "call", "call me", "tel", "telephone",
        "fax", "reach me", "callback", "call back", "text me", "contact", "landline", "whatsapp",
        # ("a number where we can text you updates?")
        "can text you", "text you at", "text you on", "send you a text", "sms number",
        "text number", "sms to", "texts to", "text to",
        "t:", "m:", "p:", "ph:", "tel:", "mob:", "cell:", "mobile:", "direct:", "office:", "phone:",
        # (a shipping label's "PH 4319186310", Italian "cellulare", Portuguese "celular")
        "ph", "cellulare",
        # what customers say and type for their number ("my number is 6175550199", "best #")
        "my number", "my new number", "new number", "number changed", "the best number",
        # (someone else's: "and his number is two oh six ...")
        "his number", "her number", "their number", "his new number", "her new number",
        "reach you", "reach you at", "reach me at", "reach me on", "my #", "best #", "phone #",
        "cell #", "contact #", "tel #", "callback #", "mob", "mob.", "cb#", "cb #", "cb",
        # a contact center's records: the caller's line (caller ID, ANI, MSISDN, CLI)
        # (not "caller" alone: a transcript's speaker label, "caller: 4532 0151" is a card)
        "caller id", "callerid", "clid", "caller number", "calling number",
        # (a telephony event's header: "Caller-Caller-ID-Number: %2B14045550167")
        "caller-id-number", "caller-id", "id-number",
        # (a RADIUS accounting record's caller, the line's number: 'Calling-Station-Id =
        # "5125550184"')
        "calling-station-id", "called-station-id",
        "from number", "ani", "calling from", "calling you from", "number you're calling from",
        "number you are calling from",
        # (Spanish: "mi cel +52 ...", "mi número es ...", "teléfono")
        "mi cel", "celular", "mi número", "mi numero", "teléfono", "telefono", "móvil", "movil",
        "llamarme al", "llámame al", "llamame al", "llámenme al", "llamenme al",
        "msisdn", "cli", "phone no", "mobile no", "mobileno", "phoneno", "phonenumber",
        "contact no", "area code",
        # (an ISO 20022 message's contact details, "<PhneNb>+447700900544</PhneNb>", and a
        # carrier's order's account telephone number, "ATN ..... 4155550197")
        "phnenb", "mobnb", "atn", "phone1", "phone2", "ph1", "ph2",
        # (a carrier's telephone number, billing and working: '"tn":"7025550180"', "BTN")
        "tn", "btn", "wtn",
        # (a callback number in an agent's shorthand, "cbn 933-6874"; a WhatsApp user's ID,
        # which is the number; a voice webhook's caller, "?to=18005550193&from=14155550189")
        "cbn", "wa_id", "wa id", "from=", "called from", "called in from",
        # (a messaging event's sender, '"from": "3475550190"', an SMS's "From: 3475550190")
        "from:", 'from":', "from':",
        # (Chinese's and Japanese's: "您的电话号码是多少", "手机号", "電話番号")
        "电话号码", "电话", "手机号码", "手机号", "手机", "联系电话", "電話番号", "電話", "携帯",
        # an agent's note of a call back: "vm left @ 3035550137", "left voicemail at ..."
        "vm", "vm left", "left vm", "voicemail", "left voicemail", "left a voicemail",
        # (an adjuster's log: "Contacted insured at 5035550153", "reached cx at ...")
        "contacted", "reached", "texted", "called back",
        # a carrier's port-out ("what's the number you want to port"), and French's words
        "number you want to port", "number to port", "port out number", "porting number",
        "tél", "tél.", "joindre au", "me joindre au", "téléphone", "telephone", "portable",
        "rappeler au", "me rappeler au", "numéro de téléphone", "numéro de portable",
    ]
)  # fmt: skip
#: A booking's, a chat's or a payment's own number ("Your record locator 6406823672", "Your
#: reservation 2159353699", "Session: 3433155250", "Ref 2273558944", "Ord 41340049 shows
#: RTS"): other identifiers' words (`_NEGATIVE`), but not before a number written as a phone
#: ('{"ref": "(312) 555-0177"}', "ref +44 7700 900516").
_BOOKING_WORDS = (
    "record locator", "locator", "reservation", "booking", "booking ref", "pnr", "session",
    "ref", "ref.", "ref #", "ref no", "receipt", "transaction", "txn", "conf", "conf #", "ord",
    "po", "po ref", "work order", "rma", "incident",
)  # fmt: skip
_NEGATIVE = Cues(
    [
        "order", "ticket", "tracking", "invoice", "case", "confirmation", "reference",
        "claim", "policy", "account", "routing", "ssn", "social", "card", "iban", "zip",
        "passport", "license", "licence", "pin", "member", "id", "part", "part no", "model",
        "serial", "sku", "item",
        # (a call's own reference: "your reference number for today's call is k y four oh
        # ...", the reference's cue too far back)
        "today's call", "todays call", "this call's", "for this call",
        *_BOOKING_WORDS,
    ]
)  # fmt: skip
#: "on the account" after what it qualifies, then the words up to the number.
_ON_THE_ACCOUNT = re.compile(
    r"\bon[ \t]+(?:the|my|your|this)[ \t]+account\W+(?:[\w']+\W+){0,6}\Z", re.IGNORECASE
)
#: A line's start, a speaker's label perhaps, up to the number: where an answer starts.
_ANSWER_LINE = re.compile(r"\n(?:[^\n:]{1,40}:)?[ \t]*\Z")
#: How many words back the request a number answers may name it.
_ANSWER_REACH = 30
#: A request not to give a card ("Please don't share card numbers here."), then the words up
#: to the number.
_NO_CARD = re.compile(FORBIDS_CARD + r"\b(?:\W+[\w@.:·']+){0,8}\W*\Z", re.IGNORECASE)
#: A caller asking for the number to call the company on, then the words up to the answer:
#: "What's the number if I need to call back?" / "Our number is eight hundred ..." (the
#: company's line, not the caller's: "what's your callback number?" asks for theirs).
_ASKS_FOR_YOUR_LINE = re.compile(
    r"(?:\b(?:number|line)[ \t]+(?:if|when|in[ \t]+case)[ \t]+i[ \t]+(?:need|want|have)[ \t]+to"
    r"[ \t]+(?:call|reach)[ \t]+(?:back|you|in|y'all)\b"
    # (not "a number I can call you at": the agent asking for the caller's)
    r"|\b(?:number|line)[ \t]+(?:that[ \t]+)?i[ \t]+(?:should|can|could)[ \t]+call"
    r"(?:[ \t]+(?:back|in))?[ \t]*[?,.]"
    r"|\bwhat[ \t]+number[ \t]+(?:do|should|can)[ \t]+i[ \t]+call\b)"
    r"[^\n]{0,40}\n?(?:[^\n]{0,60}\n)?[^\n]{0,40}\Z",
    re.IGNORECASE,
)
#: "in case" (a condition, no case number), then the words up to the number.
_IN_CASE = re.compile(r"\bin[ \t]+case\W+(?:[\w']+\W+){0,8}\Z", re.IGNORECASE)
#: The area code said apart from the number: "area code 312 and the number is 555 0196", "it's a
#: 617 number, 555 0141" (the run stops at the words between, and neither part is a number).
_AREA_APART = re.compile(
    r"a(?<![\w']a)(?:rea[ \t]+code[ \t]+(?:is[ \t]+)?(?P<a>\d{3})"
    r"|[ \t]+(?P<b>\d{3})[ \t]+(?:area[ \t]+code[ \t]+)?number)[ \t,.]+"
    r"(?:(?:and[ \t]+)?(?:then[ \t]+)?(?:the[ \t]+)?(?:number|rest)(?:[ \t]+of[ \t]+it)?"
    r"(?:[ \t]+is)?[ \t,]+)?(?:it'?s[ \t]+)?(?P<n>\d{3}[ \t.\-]?\d{4})(?![\w]|[.\-]\d)",
    re.IGNORECASE,
)
_OTHER_REGIONS = ("GB", "DE", "IL", "IN", "BR", "JP", "CN", "FR", "IT", "GR", "AU", "MX")
_FORMATTED = re.compile(r"[()\-.\s+]")
_NANP_SHAPE = re.compile(r"(?:\+?1[\s.\-])?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]\d{4}")


@dataclass(frozen=True, slots=True)
class PhoneDetector:
    """Phone-shaped runs, confirmed by libphonenumber (US first, other regions with a cue)."""

    name: str = "phone"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PHONE})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        yield from _area_apart(text, hits[0])
        for match in matches_near(_PHONE_RE, text, hits[0], back=40, ahead=20):
            if looks_like_date(match.group()) or _PART_OF_LONGER.match(text, match.end()):
                continue  # (a date; an order number's first groups: "519-2189596-2032243")
            start = match.start()
            if start and text[start - 1] == "#" and len(match.group()) < _LOCAL_DIGITS_MAX:
                continue  # an order's or a ticket's number, "#48756644": no phone is so written
            dated = _LEADING_DATE.match(text, start, match.end())
            if dated is not None:
                start = dated.end()  # "Wendy Hoover 2/10/01 7709693971": a date, then the number
            cues = _Cues(text, start)
            cand = _score(text, start, match.end(), cues)
            if cand is not None:
                yield cand
            else:
                yield from _phones_in_run(text, match, cues)


#: A number written after "#" this short (no area code, no country code) is an
#: identifier: "#48756644".
_LOCAL_DIGITS_MAX = 10
_EXTENSION = re.compile(r"\s?(?:x|ext\.?|extension)\s?\d{1,5}\Z", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
#: A "+", a country code and two groups or more apart by blanks, dots or dashes.
_GROUPED_INTERNATIONAL = re.compile(r"\+\d{1,3}(?:[ .\-]\d{1,8}){2,6}")
#: A pause between a number's groups, as speech-to-text writes it (`_PHONE_RE`).
_PAUSED = re.compile(r"\.\.|…|[ \t][a-z]", re.IGNORECASE)
_DATE = re.compile(r"\d{4}[\-/.]\d{1,2}[\-/.]\d{1,2}|\d{1,2}[\-/.]\d{1,2}[\-/.]\d{2,4}")


#: A date at a run's start, then a blank before the rest: no part of a phone number.
_LEADING_DATE = re.compile(rf"(?:{_DATE.pattern})[ \t]+(?=\d)")


#: More digits joined to a number by a dash: the number is part of a longer identifier.
_PART_OF_LONGER = re.compile(r"-\d")


def looks_like_date(raw: str) -> bool:
    """2012-01-02, 21.6.1984, 03/04/85: dates, not phone numbers."""
    return _DATE.fullmatch(raw.strip()) is not None


class _Cues:
    """The phone cue and the other-identifier cue before a run, looked up once per run, and
    only when a candidate needs them (most runs fail on their digit count first). Plain
    slots, not `functools.cached_property`, whose lock cost more than the lookups here."""

    __slots__ = ("_context", "_has_context", "_has_negative", "_negative", "_start", "_text")

    def __init__(self, text: str, start: int) -> None:
        self._text = text
        self._start = start
        self._has_context = self._has_negative = False  # looked up yet?
        self._context: tuple[str, int] | None = None
        self._negative: tuple[str, int] | None = None

    @property
    def context(self) -> tuple[str, int] | None:
        if not self._has_context:
            found = _CUES.before(self._text, self._start, max_words=8)
            if found is None and _ANSWER_LINE.search(
                self._text, max(0, self._start - 48), self._start
            ):
                # a number that opens its line (after a speaker's label perhaps) answers the
                # request before it, however long it went on: "Please send the phone number
                # on your account so we can look into it. Please don't share card numbers
                # here.\n@realcindyyoun · 7:41 PM\n6262413843"
                found = _CUES.before(self._text, self._start, max_words=_ANSWER_REACH)
            self._context = found
            self._has_context = True
        return self._context

    @property
    def negative(self) -> tuple[str, int] | None:
        if not self._has_negative:
            found = _NEGATIVE.before(self._text, self._start, max_words=6, unanswered=True)
            if found is not None and _after_a_break(self._text, found[0], self._start):
                found = None  # "name differs from account title; called originator at ..."
            elif (
                found is not None
                and found[0] == "account"
                and _ON_THE_ACCOUNT.search(self._text, max(0, self._start - 80), self._start)
            ):
                found = None  # "the phone number on the account": no account number
            elif (
                found is not None
                and found[0] == "case"
                and _IN_CASE.search(self._text, max(0, self._start - 80), self._start)
            ):
                found = None  # "a number in case the bank has questions": no case number
            elif (
                found is not None
                and found[0] == "card"
                and _NO_CARD.search(self._text, max(0, self._start - 100), self._start)
            ):
                found = None  # "Please don't share card numbers here.": no card's number
            if found is None and _ASKS_FOR_YOUR_LINE.search(
                self._text, max(0, self._start - 120), self._start
            ):
                found = ("asked for the company's line", -1)
            self._negative = found
            self._has_negative = True
        return self._negative


#: A clause's end and two words of the next one at least, before a number.
_BREAK = re.compile(r";|[.!?][\s\"')\]]+(?:[\w'\-]+[ \t,]+){2}")


def _after_a_break(text: str, cue: str, start: int) -> bool:
    """Whether the sentence or clause that holds a cue ends before the number at `start`: the
    cue is the other clause's ("account title; called originator at 412-555-0100")."""
    lo = max(0, start - 120)
    at = text[lo:start].lower().rfind(cue.rsplit(maxsplit=1)[-1])  # (the window, not the text)
    return at >= 0 and _BREAK.search(text, lo + at, start) is not None


def _area_apart(text: str, ends: Sequence[int]) -> Iterator[Candidate]:
    """Numbers whose area code is said apart (`_AREA_APART`), valid in North America."""
    low = text.lower()
    if "code" not in low and "number" not in low:
        return  # (most texts: neither word, no search)
    for match in matches_near(_AREA_APART, text, ends, back=60, ahead=8, run_chars=""):
        area = match.group("a") or match.group("b")
        digits = area + only_digits(match.group("n"))
        if _nanp(digits) is None:
            continue
        start = match.start("a") if match.group("a") else match.start("b")
        reasons = ("libphonenumber valid", "area code said apart from the number")
        yield Candidate(PHONE, start, match.end(), 0.85, reasons, digits)


def _phones_in_run(text: str, match: re.Match[str], cues: _Cues) -> Iterator[Candidate]:
    """Several numbers read out in one breath ("052 5552606 074-7111234"): the longest valid
    group ranges, left to right."""
    groups = list(_DIGITS.finditer(text, match.start(), match.end()))
    if len(groups) < 2:
        return
    # Without a phone cue close by only 10 or 11 digits can be a number (`_score`): a card
    # read as a run of groups is then not tried group range by group range.
    cued = (context := cues.context) is not None and context[1] <= 3
    sizes = [g.end() - g.start() for g in groups]
    if not cued and sum(sizes) > 15:
        if len(sizes) >= 4 and all(n == 4 for n in sizes[:-1]):
            return  # a tracking number in groups of four ("9400 1253 0450 6225 1650 92")
        if text.count(" ", match.start(), match.end()) == 0:
            return  # an order number's groups joined by dashes ("519-2189596-2032243")
    i = 0
    while i < len(groups):
        found = None
        digits = 0
        for j in range(i, len(groups)):  # shortest first: two numbers side by side stay two
            digits += groups[j].end() - groups[j].start()
            if digits > 15:
                break
            if digits < 7 or (i == 0 and j == len(groups) - 1):
                continue
            if not cued and digits not in (10, 11):
                continue
            found = _score(text, groups[i].start(), groups[j].end(), cues)
            if found is not None:
                if i == 1 and text[match.start()] == "+":
                    # the number after its country code ("+44 7700 900516"): the code too
                    found = replace(found, start=match.start())
                yield found
                i = j
                break
        i += 1


def _parse(
    raw: str, regions: Iterable[str], international: bool = False
) -> phonenumbers.PhoneNumber | None:
    """A number valid for one of `regions` (checked region by region: checking a number
    against every region of its country code is what makes libphonenumber slow). An
    `international` number (+country code, or dialled abroad) is valid for its own country."""
    international = international or raw.lstrip().startswith("+")
    for region in regions:
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if international:
            if phonenumbers.is_valid_number(number):
                return number
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            return number
    return None


_NANP_REGIONS = ("US", "CA")


def _possible(raw: str) -> bool:
    """Whether an international number has a possible length for its country code."""
    try:
        return bool(phonenumbers.is_possible_number(phonenumbers.parse(raw, None)))
    except phonenumbers.NumberParseException:
        return False


def _nanp(digits: str) -> phonenumbers.PhoneNumber | None:
    """A bare North American number (10 digits, or 11 with the leading 1), valid for the US or
    Canada. Its national number is its digits, so it is built directly: `parse` would spend
    ~50 us normalising a string that holds only digits and separators to the same number."""
    national = digits[1:] if len(digits) == 11 else digits
    if national[0] in "01":  # area codes start with 2-9 (parse would keep such a number invalid)
        return None
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(national))
    for region in _NANP_REGIONS:
        if phonenumbers.is_valid_number_for_region(number, region):
            return number
    return None


def _could_be_nanp(digits: str) -> bool:
    """10 digits (or 11 with a leading 1): the only shape a bare US/CA number can have."""
    return len(digits) == 10 or (len(digits) == 11 and digits[0] == "1")


#: What a caller in the US or Canada dials before another country's code ("011 44 20 ...").
_DIALLED_ABROAD = "011"


#: The sign-offs of an e-mail: a bare number on one of the few lines below one (a name, a
#: title, a company between) is the writer's phone.
_SIGN_OFFS = frozenset(
    p.strip()
    for p in """best|best regards|best wishes|kind regards|warm regards|warmest regards|regards
    |thanks|thank you|many thanks|cheers|sincerely|yours truly|--""".split("|")
)
_PHONE_LABEL = re.compile(
    r"[ \t]*(?:(?:cell|mobile|phone|tel|m|c|p|t)[ \t]*[:.]?[ \t]*)?\Z", re.IGNORECASE
)


def _signed_above(text: str, start: int) -> bool:
    """Whether a number opens a line (after a phone label perhaps) up to four lines below a
    sign-off ("Best,\nPriya Takahashi\n6175550188"), the lines between short, no digits."""
    line = text.rfind("\n", 0, start) + 1
    if not _PHONE_LABEL.match(text, line, start):
        return False
    for _ in range(4):
        if line == 0:
            return False
        above = text.rfind("\n", 0, line - 1) + 1
        words = " ".join(text[above : line - 1].strip().rstrip(",!.").lower().split())
        if words in _SIGN_OFFS or words.startswith("sent from my "):
            return True
        if not words or len(words) > 60 or any(c.isdigit() for c in words):
            return False
        line = above
    return False


#: A unit after a number: a count or an amount, not a phone number ("4,512,337 minutes").
_UNIT_AFTER = re.compile(
    r"[ \t]*(?:%|percent|minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|weeks?|months?|years?"
    r"|calls|dollars?|usd|cents?|units?|items?|people|customers?|users?|times|miles?|points?"
    r"|pounds?|lbs?|kg|gb|mb|bytes?)\b",
    re.IGNORECASE,
)


#: Words right after a number that say it is a phone's: "4155550116 that's my cell now", "... is
#: his new number".
_NAMED_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:that'?s|that\s+is|is|it'?s|was)[ \t]+)?"
    r"((?:my|his|her|our|their)[ \t]+(?:(?:new|old|current|best)[ \t]+)?"
    r"(?:cell(?:[ \t]+phone)?|mobile|phone|number|landline|(?:home|work)[ \t]+(?:number|phone)))"
    r"\b",
    re.IGNORECASE,
)


def _score(text: str, start: int, end: int, cues: _Cues) -> Candidate | None:
    if _UNIT_AFTER.match(text, end):
        return None
    written = text[start:end]
    raw = _EXTENSION.sub("", written)
    has_extension = len(raw) != len(written)
    digits = only_digits(raw)
    # (groups apart by pauses are one number only where a phone was asked for)
    if not 7 <= len(digits) <= 15 or (_PAUSED.search(raw) and not cues.context):
        return None
    # "011 44 20 7946 0958" dialled from the US is valid on its own; a UK "0116 ..." that fails
    # that reading goes on as before (a cue, then other countries' formats)
    abroad = None
    if not raw.startswith("+") and digits.startswith(_DIALLED_ABROAD):
        abroad = _parse(raw, ("US",), international=True)  # parse drops the 011 for "US"
    if abroad is None and not raw.startswith("+") and not _could_be_nanp(digits):
        context = cues.context
        if not (context and context[1] <= 3):
            return None  # not a North American number, and nothing says it is a phone at all
    if abroad is not None:
        number: phonenumbers.PhoneNumber | None = abroad
    elif raw.startswith("+"):
        number = _parse(raw, ("US",))  # the +country code decides; one parse
    elif _could_be_nanp(digits):
        number = _nanp(digits)  # ten digits: a North American number or nothing
    else:
        number = _parse(raw, _OTHER_REGIONS)  # other countries' formats, after a phone cue
    formatted = bool(_FORMATTED.search(raw.strip()))
    reasons: list[str] = []
    if number is not None:
        reasons.append("libphonenumber valid")
        if abroad is not None:
            reasons.append("dialled abroad (011)")
        score = 0.75 if formatted else _BARE_VALID
    elif len(digits) in (10, 11) and cues.context:
        reasons.append("libphonenumber invalid")
        score = 0.6
    elif (international := _international_form(raw, digits, cues)) is not None:
        reasons.append(international[0])
        score = international[1]
    elif _NANP_SHAPE.fullmatch(raw):
        reasons.append("north american phone format")
        score = 0.55
    else:
        return None
    context, named = _context(text, start, end, cues, has_extension, number is not None)
    negative = _demoting(text, start, raw, digits, (number, formatted), context, cues)
    if negative and (
        not context
        or negative[1] < context[1]
        # (the phone's cue is a word of the other identifier's: "today's call" / "call")
        or (negative[1] == context[1] and context[0] in negative[0].split())
    ):
        reasons.append(f"context '{negative[0]}' suggests another identifier")
        score = min(score, 0.3)
    elif context:
        reasons.append(f"named '{context[0]}' after" if named else context_reason(context))
        score += 0.15
    return Candidate(PHONE, start, end, min(score, 0.95), tuple(reasons), digits)


#: A valid North American number written bare ("3035556091"), which no word names a phone:
#: below the reporting threshold; said digit by digit, a caller's number (`said_phones`).
_BARE_VALID = 0.45
_SAID_VALID = 0.55
#: Ten digits (eleven with the leading 1) standing alone, as the normaliser writes a number
#: said digit by digit.
_SAID_TEN = re.compile(r"(?<![\w.\-])1?\d{10}(?![\w]|[.\-]\d)")
#: An identifier's letters before its digits ("r f three three ..." reads "RF 3348080617",
#: "it's k nine two ..." "it's k 9295004648").
_LETTERS_BEFORE = re.compile(r"(?<![A-Za-z'])(?:[A-Z]{1,4}|[a-z])[ \-]?\Z")
#: The reason a said number is lifted with: the conversation reads such a number with the
#: question it answers first, and that reading replaces it (`conversation.gives_way`).
SAID_PHONE_REASON = "ten digits said one by one"


def said_phones(
    text: str, said: Callable[[int, int], str | None], found: Sequence[Candidate]
) -> list[Candidate]:
    """`found` (a normalised `text`'s candidates; `said` gives the words a span was written
    from, None where it was not all words), each phone number among them at `_SAID_VALID`
    where it is a valid North American number said digit by digit, on one line (not across
    turns a conversation joined), that no word names either way: a caller who reads out ten
    digits that make a phone number ("which number are we looking at? um three oh three five
    five five six oh nine one") reads out their phone number. Written, the same ten digits
    stay below the threshold (`_BARE_VALID`: an order's, a claim's, a session's ten digits
    are as valid); and not where the same digits are named another identifier's elsewhere
    ("your case number is ..." / "okay, seventy seven fifty seven ...")."""
    named_other = {
        cand.value for cand in found if cand.entity == PHONE and cand.score < _BARE_VALID
    }
    out = []
    for cand in found:
        start, end = cand.start, cand.end
        if (
            cand.entity == PHONE
            and cand.score == _BARE_VALID  # (valid, written bare, no cue either way)
            and cand.value not in named_other
            and _SAID_TEN.fullmatch(text, start, end) is not None
            and "\n" not in (said(start, end) or "\n")  # (on one line: no turns joined)
            and not _LETTERS_BEFORE.search(text, max(0, start - 6), start)
        ):
            cand = replace(cand, score=_SAID_VALID, reasons=(*cand.reasons, SAID_PHONE_REASON))
        out.append(cand)
    return out


def _context(
    text: str, start: int, end: int, cues: _Cues, has_extension: bool, valid: bool
) -> tuple[tuple[str, int] | None, bool]:
    """The words that say a number is a phone's, and whether they follow it."""
    if cues.context:
        return cues.context, False
    if has_extension:
        return ("extension", 0), False  # "x 123" / "ext. 503" only follow phone numbers
    if valid and _signed_above(text, start):
        return ("a signature's line", 0), False  # "Best,\nPriya Takahashi\n6175550188"
    named = _NAMED_AFTER.match(text, end)
    if named is not None:
        # "4155550116 that's my cell now" (as one word before: a word right before that names
        # another identifier still wins, "order 4155550116 is my number ...")
        return (named.group(1).lower(), 1), True
    return None, False


def _international_form(raw: str, digits: str, cues: _Cues) -> tuple[str, float] | None:
    """The reason and score of a +country code number libphonenumber finds not valid, where
    its form says it is a phone's all the same (fail safe, at a lower score):
    - after a phone cue, a number libphonenumber finds possible but not in service ("+44
      7700 900516"), or in a form its metadata lacks ("+52 1 55 5633 6832": Mexico's old
      mobile 1, still how callers write it);
    - without one, a country code and the number in groups, as only a phone number is
      written, of a possible length for its country ("+31 6 75921193", "+33 6 39 98 34 28").
    """
    if not raw.startswith("+"):
        return None
    if cues.context and ((possible := _possible(raw)) or 11 <= len(digits) <= 15):
        why = "libphonenumber possible, not valid" if possible else "international form"
        return why, 0.6
    if len(digits) >= 10 and _GROUPED_INTERNATIONAL.fullmatch(raw) is not None and _possible(raw):
        return "international form, libphonenumber possible", 0.55
    return None


def _demoting(
    text: str,
    start: int,
    raw: str,
    digits: str,
    parsed: tuple[phonenumbers.PhoneNumber | None, bool],
    context: tuple[str, int] | None,
    cues: _Cues,
) -> tuple[str, int] | None:
    """The cue that says a number is no caller's phone: a company's toll-free line (its cue
    outranks any other, "tracking_phone_number"), or another identifier's word before it.
    `parsed`: the number libphonenumber found valid (or None), and whether it is written with
    separators."""
    toll_free = _toll_free(text, start, digits)
    if toll_free:
        return toll_free
    number, formatted = parsed
    if number is not None and raw.startswith("+"):
        # a valid number written with its "+" and country code is a phone's, whatever word
        # stands before it: no account or order number is written so, "/account/verify?..."
        return None
    negative = _unless_a_member_s_phone(cues.negative, number is not None and formatted, digits)
    if negative and negative[0] in _BOOKING_WORDS and (formatted or raw.startswith("+")):
        return None
    if (
        negative
        and negative[1] >= 0  # (another identifier's word; not a question for the company's line)
        and context
        and context[1] <= _CUE_OUTRANKS
        and number is not None
        and _NANP_SHAPE.fullmatch(raw.strip()) is not None
    ):
        # a valid number written as a phone, a phone's cue a few words before it: the word
        # between names what the phone belongs to ("phone on order 512-555-0175")
        return None
    return negative


#: The most words a phone's cue stands before a valid number written as a phone and still
#: outranks another identifier's word nearer to it.
_CUE_OUTRANKS = 3


def _unless_a_member_s_phone(
    negative: tuple[str, int] | None, valid_and_formatted: bool, digits: str
) -> tuple[str, int] | None:
    """The negative cue before a number, unless it is "member" and the number a valid phone
    written as one: a loyalty programme's member number is the member's phone ("REWARDS
    MEMBER (206) 555-0101"); not the programme's own toll-free line ("Call Member Services at
    1-800-555-0183")."""
    if (
        negative is not None
        and negative[0] == "member"
        and valid_and_formatted
        and not is_toll_free(digits)
    ):
        return None
    return negative


#: A North American toll-free number (800, 833, 844, 855, 866, 877, 888): a business's line,
#: the company's own as a call's metadata, a bot's prompt or a receipt gives it; a customer's
#: only where they say so ("my number is 1-888-...", "call me at ...").
_TOLL_FREE_NUMBER = re.compile(
    # (or cut short by a caption's line, "1877555019" of "one eight seven seven ... nine"
    # whose "three" the next caption says)
    r"1?8(?:00|33|44|55|66|77|88)\d{7}\Z|18(?:00|33|44|55|66|77|88)\d{6}\Z"
)
#: (in the number's sentence: "My pleasure. Our number is 1-877-..." is the company's)
_MINE_BEFORE = re.compile(r"\b(?:my|me|mine)\b[^\n.!?]{0,40}\Z", re.IGNORECASE)


def is_toll_free(digits: str) -> bool:
    """Whether a number's digits are a North American toll-free number's."""
    return _TOLL_FREE_NUMBER.match(digits) is not None


def _toll_free(text: str, start: int, digits: str) -> tuple[str, int] | None:
    """A negative cue (before any context) for a toll-free number nobody calls their own."""
    if is_toll_free(digits) and not _MINE_BEFORE.search(text, max(0, start - 48), start):
        return ("a toll-free number, a business's line", -1)
    return None


#: The extension's cue word, up to the trigger's end ("extension", "ext", "int.").
_CUE_WORD = re.compile(r"[^\W\d_]+\.?\Z")
#: "extension" or "ext", then the extension's digits (the normaliser writes them): "that's my
#: desk line so extension 259", "ask for extension 816", "ext 580".
_EXTENSION_AFTER = re.compile(r"[ \t.:#=\"']*(?:is[ \t]+|number[ \t]+)?(\d{1,5})(?![\d\w])")
#: (not an amount: "deductible $500")
_DIGIT_RUN = re.compile(r"(?<![$\d])\d[\d \-.()]*\d|(?<![$\d])\d")
#: A toll-free number (a company's line: its extension is the company's too), or ten digits
#: that open with 1, which no US number does ("one eight hundred five five five ...")
_TOLL_FREE = re.compile(r"1?8(?:00|33|44|55|66|77|88)|1\d{9}\Z")
#: The lengths of the groups a phone number is said in (not a ZIP's five, nor eight or nine)
_GROUP_LENGTHS = frozenset({1, 2, 3, 4, 6, 7, 10, 11})
#: Words before the extension that make it a company's: "xfer to ext 409", "press".
_COMPANY_EXTENSION = re.compile(
    r"\b(?:xfer|transfer(?:red)?|press|branch|our|your|dial|main[ \t]+line|adjuster"
    # (a department's: "their direct extension is ...", "mention agent ID emp278740 and
    # extension 532", "if we get disconnected ask for extension 5241"; not a caller's "it
    # goes to the front desk so ask for extension 5994")
    r"|their|mention|disconnected)\b"
    r"[^\n]{0,24}\Z",
    re.IGNORECASE,
)
#: The lines before the extension read for the caller's number
_EXTENSION_LINES = 3
_PHONE_LENGTHS = frozenset({7, 10, 11})


@dataclass(frozen=True, slots=True)
class PhoneExtensionDetector:
    """The extension a caller gives after their own phone number, on a line of its own or
    after other words ("... nine three three three / that's my desk line so extension two
    five nine"): part of the number, and redacted with it. Not a company's (after a toll-free
    number, or "transfer to ext 409"), and not after no number."""

    name: str = "phone_extension"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PHONE})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # (and Spanish's, French's and Italian's words: "Extensión 637", "Poste 638",
        # "int. 566", "interno 12"; UTF-8's "ó" is two bytes)
        return (
            Trigger(r"\b(?:extension|ext|extensi\xc3\xb3n|poste|interno)\b|\bint\.", max_len=12),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[0]:
            field = self._field(text, end)
            if field is not None:
                yield field
        for end in hits[0]:
            match = _EXTENSION_AFTER.match(text, end)
            if match is None:
                continue
            cue = _CUE_WORD.search(text, max(0, end - 12), end)
            cue_start = end if cue is None else cue.start()
            if _COMPANY_EXTENSION.search(text, max(0, cue_start - 40), cue_start):
                continue
            if (
                text[end : end + 1] == "="
                and text[cue_start - 1 : cue_start] != ";"
                and text[end + 1 : end + 2] not in ("'", '"')
            ):
                continue  # a log's bare "ext=3824" (a transfer's queue); not RFC 3966's
                # ";ext=456" after a number, nor a record's "extension='9022'"
            if not _callers_number_before(text, cue_start):
                continue
            reasons = ("an extension after the caller's phone number",)
            # (RFC 3966's ";ext=456" is the number's own: its key too)
            start = cue_start - 1 if text[cue_start - 1 : cue_start] == ";" else match.start(1)
            yield Candidate(PHONE, start, match.end(1), 0.85, reasons, match.group(1))

    def _field(self, text: str, end: int) -> Candidate | None:
        """The value of a customer record's extension field, keyed by its phone ("phone_ext":
        "483", "Work Ext: 641", "<th>PHONE EXT</th><td>3138"), or by "ext" alone as a form's
        label at a line's start or a JSON key ("EXT: 251", '"extension": "7754"'), or said
        by the customer ("Extensión 637", "Poste 638", "Customer: extension 6802"). Not a log's
        bare "ext=" (a transfer's queue) or an "ext" inside a sentence (a company's desk)."""
        line_start = text.rfind("\n", 0, end) + 1
        key = _EXTENSION_KEY.search(text, max(line_start, end - 60), end)
        if key is None and _YOUR_EXTENSION.search(text, max(line_start, end - 60), end):
            # a question for the caller's own ("what's your desk extension", "does that
            # number have an extension"), answered on the next line
            answer = _EXTENSION_ANSWER.match(text, end, min(len(text), end + 80))
            if answer is None:
                return None
            reasons = ("the answer to a question for the caller's extension",)
            return Candidate(PHONE, answer.start(1), answer.end(1), 0.8, reasons, answer.group(1))
        if key is None or _TRANSFER.search(text, line_start, key.start()):
            return None  # ('"event": "transfer", "queue": "billing_t2", "ext": "2918"')
        value = _EXTENSION_FIELD_VALUE.match(text, end, min(len(text), end + 40))
        if value is None:
            return None
        reasons = ("a customer's extension field",)
        return Candidate(PHONE, value.start(1), value.end(1), 0.8, reasons, value.group(1))


#: A question for the caller's own extension, up to the trigger's end.
_YOUR_EXTENSION = re.compile(
    r"(?:\byour(?:[ \t]+[a-z]+)?|(?:number|you)[ \t]+have[ \t]+an|is[ \t]+there[ \t]+an"
    r"|(?<=,)[ \t]*any)[ \t]+"
    r"(?:ext|extension)\Z",
    re.IGNORECASE,
)
#: The answer on the next line: its label and a filler or two, then the extension's digits.
_EXTENSION_ANSWER = re.compile(
    # (the question's end: "is there an extension at that number?", "... with that?")
    r"(?:[ \t]+(?:at|on|with|for)(?:[ \t]+(?:that|this|the|your|work))?(?:[ \t]+(?:number"
    r"|line|phone))?)?"
    # (the answer's time stamp: "[01:32] CALLER: It's extension 11752.")
    # (or a speaker's name and the time: "Customer 00:28: Yeah, it's 2647.")
    r"[ \t?.]*\r?\n(?:[ \t]*\[[\d:.]+\])?"
    rf"(?:[ \t]*[A-Za-z][\w.'\-]*{TIME_AFTER_NAME}:)?"
    rf"{LABEL_AND_FILLERS}(?:(?:extension|ext)[ \t]+)?"
    # (no time after a speaker's name: "Customer 00:28:")
    r"(\d{2,6})(?![\d\-:]|[.,]\d|[ \t]\d)",
    re.IGNORECASE,
)
#: A transfer to a company's line before an extension on its line: the company's.
_TRANSFER = re.compile(r"transfer|xfer|queue|dial|desk", re.IGNORECASE)
#: The key of a customer's extension field, ending where the trigger ends.
_EXTENSION_KEY = re.compile(
    # (a form's field too, "phone.ext"; and a record's camel-case key, '"callbackExt"')
    r"(?:\b(?:phone|work|home|cell|mobile|office|tel|direct|callback)[ _\-.]?(?:ext|extension)"
    r"|^[ \t>*\-]*(?:\*\*)?(?:ext|extension)"
    r"|\"(?:ext|extension)"
    r"|(?:customer|caller|client|cliente|member)[ \t]*:[ \t]*(?:ext|extension)"
    r"|\b(?:extensi[óÓ]n|poste))\Z",
    re.IGNORECASE | re.MULTILINE,
)
#: The field's value after its key: the key's end (a quote, a colon, "=", a tag), then two to
#: six digits and no more.
_EXTENSION_FIELD_VALUE = re.compile(
    r"\.?[\"']?(?:\*\*)?[ \t]*(?:[:=#][ \t]*)?(?:\*\*[ \t]*)?"
    # (or an XML field's value element, '"phone.ext"><value>5443', an input's value, 'name="ext"
    # value="8402"')
    r"(?:\"|<b>|<td>|</th>[ \t]*<td>|</label>[ \t]*|\"?>[ \t]*<value>|\"?[ \t]+value=\")?"
    r"[ \t]*(\d{2,6})(?![\d\-]|[.,]\d|[ \t]\d)"
)


def toll_free(digits: str) -> bool:
    """Whether a number's digits are a toll-free line's (a company's: its extension is the
    company's too)."""
    return _TOLL_FREE.match(digits) is not None


def _callers_number_before(text: str, pos: int) -> bool:
    """Whether the digits said in the lines before `pos`, the nearest first, make a phone
    number's length (7, 10 or 11 digits, in one group or several), and not a toll-free one."""
    start = pos
    for _ in range(_EXTENSION_LINES + 1):
        start = text.rfind("\n", 0, max(0, start - 1)) + 1
        if start == 0:
            break
    runs = [only_digits(m.group()) for m in _DIGIT_RUN.finditer(text, start, pos)]
    digits, number = "", ""
    for run in reversed(runs):  # (the longest: "1 800 5556506" is no "5556506")
        if len(run) not in _GROUP_LENGTHS:
            break
        digits = run + digits
        if len(digits) > max(_PHONE_LENGTHS):
            break
        if len(digits) in _PHONE_LENGTHS:
            if toll_free(digits):
                return False  # (a digit before a toll-free line is no part of it: "Tier 2
                # Support · (888) 555-0123 ext. 2621")
            number = digits
    return bool(number)
