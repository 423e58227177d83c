"""Conversation-level detection: the values that no single turn shows whole.

Callers split card numbers across turns ("four one one one one one one one" / "uh huh" /
"one one one one ..."), agents read them back, customers correct a digit ("no, five, not four"),
and the expiry and security code follow by position. Per-turn detection sees fragments that
validate as nothing. This module looks at a whole call (or chat) after the per-turn scan:

1. **Continued runs.** A number run that ends a turn, continued by runs that open the next
   turns of the same speaker (other speakers' back-channel or echo in between), is joined and
   scanned again as one text, so Luhn, issuer ranges and context decide on the joined value.
2. **PCI windows.** A turn that asks for card data ("the long number on the front", "the
   expiry", "the three digits on the back") opens a window over the next turns, until the
   payment closes ("that's gone through", "anything else?") or the window runs out. Inside it,
   every number run of 3+ digits is redacted whatever its checksum says; after a card number,
   the runs that follow are the expiry and the security code by position; a correction turn
   ("no, it's five, not four") loses every digit it says.
3. **Read-backs.** Anywhere in the call, a run of 4+ digits that repeats part of a value found
   elsewhere in the call takes that value's entity. A value read back after a cue ("let me
   read that back", "just to confirm") that repeats none is read with the question for it.
4. **Answers.** A turn that answers the other speaker's question ("what's your social?" /
   "078-05-1120", "and the zip?" / "nine four one oh two") is read with the end of that
   question before it, as a transcript read as one text would be: the question says what the
   answer is. (A value continued across turns, 1., is read with the question too.)
5. **Split addresses.** An e-mail address whose domain opens a turn ("at sign gmail dot com")
   and whose local part ended the speaker's turn before ("it's v a n dash d u o" / "okay" /
   ...), other speakers' back-channel in between, is read as one text; so is a street address
   whose house number ends a short turn ("four two eight..." / "mm-hm" / "Tiffany Greens, in
   East Sally.").

Every finding made here says so in its reasons ("conversation: ..."). Pure: the per-turn scan
and the fingerprint come in as functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from callshield.core.detection.base import (
    EMPTY_ELEMENT,
    FORBIDS_CARD,
    NUMBERED_LABEL,
    blank_numbered_labels,
)
from callshield.core.detection.corrections import misheard_digits
from callshield.core.detection.spoken import NormalisedText, normalise
from callshield.core.detection.spoken_tokens import is_number_word, tokenize
from callshield.core.detection.spoken_words import HOMOPHONES, MONTHS, ORDINALS, TEENS, UNITS
from callshield.core.detectors.payment import CARD_MAX_DIGITS
from callshield.core.detectors.phone import SAID_PHONE_REASON, is_toll_free, looks_like_date
from callshield.core.detectors.values import CAPS_WORDS
from callshield.core.document import Segment
from callshield.core.entities import EntityType
from callshield.core.finding import Finding, Span

#: Turns a window stays open after the last payment question.
WINDOW_TURNS = 8
#: Pieces a value may be split into across turns.
MAX_PIECES = 5
#: Words a turn may have to count as back-channel between two pieces of a number.
BACKCHANNEL_WORDS = 6
#: How much of the other speaker's turn is read before an answer: its end, where the question
#: is (the detectors look at most 80 characters back from a value for its cue).
QUESTION_CHARS = 160

_RUN = re.compile(r"\d+(?:(?:[ ,./-]{1,3}|\s+slash\s+)\d+)*")
_WORD = re.compile(r"[\w']+")
#: Everything but a decimal digit (`re`'s \d is `str.isdecimal`).
_NOT_DIGIT = re.compile(r"\D+")
_FILLERS = frozenset("uh um er ah erm hmm mm and then so okay ok yeah yes".split())
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s+$",
    re.IGNORECASE,
)


def _guarded(first: str, body: str) -> re.Pattern[str]:
    """A caseless pattern whose every branch starts with one of `first`: the look-ahead lets
    `re` pass over the other positions fast (half the time of the bare alternation; each of
    these runs on every turn of a conversation)."""
    return re.compile(rf"(?=[{first}]){body}", re.IGNORECASE)


class _Cue:
    """A caseless cue pattern and words one of which every match of it contains.

    An ASCII turn is searched in lower case by the pattern without IGNORECASE (the same
    matches on ASCII, in two thirds of the time), and only when its lowercase form holds one of
    the words (most turns hold none). Any other turn is searched by the caseless pattern itself
    (caseless `re` matches the long s, U+017F, to "s", which no lowercase ASCII word finds)."""

    __slots__ = ("_lower", "needles", "pattern")

    def __init__(self, pattern: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.pattern = pattern
        self.needles = needles
        self._lower = re.compile(pattern.pattern)

    def search(self, text: str, low: str) -> re.Match[str] | None:
        """`low` is `text.lower()` (computed once per turn for all cues)."""
        if not low.isascii():
            return self.pattern.search(text)
        for needle in self.needles:
            if needle in low:
                return self._lower.search(low)
        return None


_ASK_CARD = _Cue(
    _guarded(
        "clndwtmyvaspr1ou",
        r"\b(?:card\s+number|long\s+number|number\s+on\s+the\s+(?:front|card)|card\s+details"
        # a card named by its brand to pay with: "on my Diners", "use the visa"
        r"|(?:on|with|use|using)\s+(?:the|my)\s+(?:visa|master\s?card|amex|american\s+express"
        r"|discover|diners(?:\s+club)?|jcb)\b"
        r"|(?:credit|debit)\s+card|which\s+card|(?:the|my|your|this)\s+card\b|card\s+ending"
        # "what's the visa number", "what card would you like to use", "the sixteen digits"
        r"|(?:visa|master\s?card|amex|american\s+express|discover)(?:\s+card)?\s+number"
        r"|what\s+card|(?:sixteen|16)\s+digits?|(?:digits|numbers)\s+across"
        r"|read\s+me\s+the\s+(?:digits|numbers)"
        # in Spanish, Portuguese and French, as a US contact center's callers are asked and
        # answer: "me da el número de la tarjeta", "qual o número do cartão?", "con tarjeta",
        # "le numéro de carte"
        r"|n[uú]mero\s+(?:de|do)\s+(?:(?:la|su|mi|seu|meu|o)\s+)?(?:tarjeta|cart[aã]o)"
        r"|(?:tarjeta|cart[aã]o)\s+de\s+(?:cr[eé]dito|d[eé]bito)"
        r"|(?:con|com)\s+(?:(?:la|mi|su|el|o|meu)\s+)?(?:tarjeta|cart[aã]o)\b"
        r"|num[eé]ro\s+de\s+(?:(?:votre|ma|la)\s+)?carte\b|carte\s+(?:de\s+cr[eé]dit|bancaire))",
    ),
    (
        "card",
        "number",
        "digit",
        "visa",
        "master",
        "amex",
        "american",
        "discover",
        "diners",
        "jcb",
        "tarjeta",
        "cartao",
        "carte",
    ),
)
_ASK_EXPIRY = _Cue(
    _guarded(
        "evcf",
        r"\b(?:expir\w*|exp\s+date|valid\s+(?:thru|through|until)|end\s+date"
        # ("la fecha de vencimiento", "cuándo vence", "caducidad", "a validade", "la date
        # d'expiration": expir\w* holds "expiración" and "expiration")
        r"|venc\w*|caduc\w*|validade|fecha\s+de\s+(?:vencimiento|expiraci[oó]n))",
    ),
    ("exp", "valid", "end", "venc", "caduc"),
)
#: An expiry asked for of another thing than a card: "and the expiration on the passport",
#: "the expiry date of your license" (its answer is no card's expiry).
_OTHER_EXPIRY = re.compile(
    r"\b(?:expir\w*|exp)(?:\s+date)?\s+(?:on|of|for)\s+(?:(?:the|your|my|his|her)\s+)?"
    r"(?:passport|licen[cs]e|permit|id|certificate|policy|lease|membership|subscription"
    r"|warranty|registration|insurance|prescription|coupon|promo(?:tion)?|voucher|contract)\b",
    re.IGNORECASE,
)
#: Another document a turn names, and a card's words: a turn that names the one and none of
#: the other asks for no card's expiry ("Doc 1: Passport no. 335833971, issued 09/09/2024,
#: expires 08/2034").
_OTHER_DOCUMENT = re.compile(
    r"\b(?:passport|licen[cs]e|permit|certificate|lease|membership|subscription|warranty"
    r"|registration|prescription|coupon|promo(?:tion)?|voucher)\b",
    re.IGNORECASE,
)
_CARD_WORD = re.compile(
    r"\b(?:card|cc|credit|debit|visa|master\s?card|amex|discover|cvv|cvc)\b", re.IGNORECASE
)
_ASK_CVV = _Cue(
    _guarded(
        "cst3f4d",
        r"\b(?:cvv2?|cvc2?|cv2|csc|security\s+code"
        # (not "the last four digits of your Social Security number", no code of a card)
        r"|(?<!last\s)(?:three|3|four|4)\s+digits?"
        r"(?!\s+(?:pin|passcode|code\s+we|one|otp|verification))"
        r"|digits?\s+on\s+the\s+back|code\s+on\s+the\s+back"
        # ("el código de seguridad", "o código de segurança", "le cryptogramme", "le code de
        # sécurité", "los tres dígitos de atrás")
        r"|c[oó]digo\s+de\s+(?:seguridad|seguran[cç]a|verificaci[oó]n)|cryptogramme"
        r"|code\s+de\s+s[eé]curit[eé]|(?<!ltimos\s)(?:tres|tr[eê]s|trois)\s+(?:d[ií]gitos|chiffres))",
    ),
    ("cv", "csc", "code", "digit", "codigo", "crypto", "chiffres"),
)
_CLOSE = _Cue(
    _guarded(
        "gbwcaipqf",
        r"\b(?:gone\s+through|been\s+processed|went\s+through|confirmation\s+(?:number|code)"
        r"|anything\s+else|all\s+done|is\s+(?:now\s+)?paid|payment\s+(?:is|was|has\s+been)\s+"
        r"(?:complete|successful|approved|declined|taken)"
        # ("¿algo más?", "su pago quedó aplicado", "fue aprobado", "foi aprovado")
        r"|algo\s+m[aá]s|qued[oó]\s+aplicad[oa]|fue\s+(?:procesad|aprobad)[oa]"
        r"|foi\s+(?:processad|aprovad)[oa])",
    ),
    (
        "through",
        "processed",
        "confirmation",
        "anything",
        "done",
        "paid",
        "payment",
        "algo",
        "aplicad",
        "fue",
        "foi",
    ),
)
_CORRECTION = _Cue(
    _guarded(
        "nsaicw", r"\b(?:no|not|sorry|actually|i\s+said|should\s+be|correction|wrong|instead)\b"
    ),
    ("no", "sorry", "actually", "said", "should", "correction", "wrong", "instead"),
)
#: A question for a number that is no card datum: an amount, a time ("and the amount?",
#: "how much", "what time works"): the answer to it is not redacted as part of the card.
_ASK_OTHER = _Cue(
    _guarded(
        "ahtwb",
        r"\b(?:(?:the|what'?s\s+the)\s+(?:amount|total|balance)|how\s+much|what\s+time"
        r"|when\s+(?:can|should|do)|best\s+time)\b",
    ),
    ("amount", "total", "balance", "much", "time", "when"),
)
#: A turn that gives the customer a number to call: "if you need us, the number on the back
#: of your card ... is open until 9 PM".
_SERVICE_LINE = _Cue(
    _guarded(
        "icrgawo",
        r"\b(?:if\s+you\s+need\s+us|(?:call|reach|contact)\s+us|give\s+us\s+a\s+call"
        r"|(?:is|are|we're|we\s+are)\s+open\b|open\s+(?:until|till|24))",
    ),
    ("us", "open"),
)
#: A number that is an amount or a time by the words around it: "two hundred forty dollars",
#: "around three thirty", "$240": no card datum, even inside a window.
_UNIT_AFTER = re.compile(
    r"[ \t]*(?:(?:dollars?|bucks|cents?|usd|pounds|euros?|minutes?|mins?|hours?|hrs?|o'?clock"
    r"|a\.?m\b|p\.?m\b|percent|days?|weeks?|months?|years?|times|items?|s|ms|secs?|miles|points)"
    r"\b|%)",
    re.IGNORECASE,
)
_AMOUNT_BEFORE = re.compile(
    r"(?:[$£€]|\b(?:around|about|approximately|until|till|by|after|before|since"
    r"|(?:balance|total|amount|payment|price|cost)(?:\s+(?:today|due|now))?"
    r"(?:\s+(?:of|is|was|will\s+be))?"
    r"|(?:charg|refund)(?:e|ed|es|ing)?(?:\s+(?:you|it|your\s+card))?"
    # (a currency's code, and an amount's words in Spanish and Portuguese: "un cargo de USD
    # 29.13", "el último cobro será de", "el saldo es")
    r"|usd|mxn|eur|cad|gbp|brl|(?:cargo|cobro|saldo|monto|importe|reembolso|valor|total)"
    r"(?:\s+(?:duplicado|pendiente|total))?(?:\s+(?:de|es|ser[aá]\s+de|[eé]))?))[ \t]*\Z",
    re.IGNORECASE,
)


#: "at" right before a short number: a time ("i need to go at three thirty").
_AT_BEFORE = re.compile(r"\bat[ \t]+\Z", re.IGNORECASE)
#: A year, and the words that say a number is one ("in 2025", "since 2019", "back in").
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|from|until|till|year"
    # (a Spanish or Portuguese date's year: "el 18 de septiembre de 2023", "desde 2019")
    r"|(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    r"|noviembre|diciembre|janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro"
    r"|novembro|dezembro)\s+del?|desde|en|em)[ \t]+\Z",
    re.IGNORECASE,
)


#: A day and a year ("16, 2025" after "Oct"), or a day, a month and a year ("04/01/2024"):
#: a date on a calendar, which no card datum is (an expiry has no day).
_DAY_YEAR = re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?[ \t]+(?:19|20)\d{2}\Z")
#: The lowest two-digit year a card said after its month may expire in (a card's validity is
#: some years; one that expired in 2024 is asked for by no one): a lower number after a month
#: is a day.
_LOWEST_EXPIRY_YEAR = 25
#: A day of the month said or written as an ordinal ("fifth", "twenty first", "7th").
_ORDINAL_DAY = re.compile(rf"(?:\d(?:st|nd|rd|th)|\b(?:{'|'.join(ORDINALS)}))\Z", re.IGNORECASE)
_FULL_DATE = re.compile(r"\d{1,2}[/\-.]\d{1,2}[/\-.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}")
_DAY_MONTH = re.compile(r"(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])")


def _calendar_date(text: str, run: NumberRun, after_month: bool) -> bool:
    said = text[run.start : run.end]
    if after_month:
        # (or a day said as an ordinal: "the date of service was December fifth", "the 7th";
        # an expiry is a month and a year)
        return (
            _DAY_YEAR.match(said) is not None
            or _ORDINAL_DAY.search(said) is not None
            # (a day no card's expiry year can be: "processed on May 7")
            or (0 < len(run.digits) <= 2 and int(run.digits) < _LOWEST_EXPIRY_YEAR)
        )
    # (a month and its day read as one run: "december fourth"; a day past the twelfth and
    # its month, as most of the world writes them: "a compra do dia 18/01", no month of an
    # expiry and no code)
    return (
        _FULL_DATE.fullmatch(said) is not None
        or _DAY_MONTH.fullmatch(said) is not None
        or (_ORDINAL_DAY.search(said) is not None and said.split(" ", 1)[0].lower() in MONTHS)
    )


def _amount_or_time(text: str, start: int, end: int, digits: str = "") -> bool:
    return (
        bool(_UNIT_AFTER.match(text, end))
        or bool(_AMOUNT_BEFORE.search(text, max(0, start - 40), start))
        or (0 < len(digits) <= 4 and bool(_AT_BEFORE.search(text, max(0, start - 8), start)))
        # (a year: "we bought the car in two thousand twenty five", "since 2019")
        or (
            _YEAR_DIGITS.fullmatch(digits) is not None
            and _YEAR_BEFORE.search(text, max(0, start - 16), start) is not None
        )
    )


#: Words right before a number that name it as another identifier than the card's: "your
#: ticket number is six one four two", "employee id four seven two", "claim number ...", an
#: airline's flight.
_OTHER_NAMED = re.compile(
    r"\b(?:order|ticket|confirmation|reference|ref|claim|case|tracking|invoice|employee|agent"
    r"|extension|ext|member|policy|zip|postal|phone|callback|id|routing|account|channel|model"
    r"|room|flight|gate|seat|unit|apartment|apt|suite"
    # (an airline's flight: "i was booked on delta three hundred fifty eight")
    r"|delta|united|southwest|jetblue|frontier|lufthansa"
    # (in Spanish, Portuguese and French, where a window opened in those: "Número de caso
    # 42743502", "Folio T92212780", "Confirmación C415537555", "o código de rastreio é")
    r"|caso|folio|confirmaci[oó]n|confirma[cç][aã]o|pedido|orden|referencia|refer[eê]ncia"
    r"|reclamo|reclamaci[oó]n|rastreo|rastreio|seguimiento|factura|fatura|encomenda|protocolo"
    r"|expediente|commande|dossier|r[eé]f[eé]rence|suivi)"
    # (and "is" as a caller who switches language says it: "Order number là hai năm năm", "es",
    # "est", "é")
    r"(?:[ \t]+(?:numbers?|nos?|ids?|codes?))?[ \t#:]*"
    r"(?:(?:is|are|was|were|will\s+be|l\u00e0|es|est|\u00e9)\s+)?"
    r"(?:[A-Za-z]{1,4}-?)?\Z",
    re.IGNORECASE,
)


def _named_other(text: str, start: int) -> bool:
    if _OTHER_NAMED.search(text, max(0, start - 40), start) is not None:
        return True
    if text[start - 1 : start] == "#":
        return True  # "refund is processing, #214736": a reference's number, as written
    # a log's field named for something else: "ext=605", "wait_est=102s", "score=93"
    key = _KEY_BEFORE.search(text, max(0, start - 30), start)
    return key is not None and key.group(1).lower() not in _CARD_KEYS


#: A log's or a query's key right before a value: "digits=\"", "ext=".
_KEY_BEFORE = re.compile(r"(\w+)=[\"']?\Z")
#: Keys whose values may be card data keyed in: "dtmf.collect digits=\"0327\"".
_CARD_KEYS = frozenset(
    "digits digit dtmf input value entered pan card card_number cc cvv cvc cvv2 csc exp expiry"
    " expiration exp_date".split()
)


#: A turn that asks for a value again: the numbers in it are no corrected digits.
_ASKS_AGAIN = re.compile(r"\b(?:repeat|say\s+(?:that|it)\s+again|one\s+more\s+time|again\?)")
#: The longest month name `_MONTH` matches.
_LONGEST_MONTH = len("september")


def _month_before(text: str, end: int) -> re.Match[str] | None:
    """`_MONTH` on `text[:end]`, searched only where a month can lie: right before the
    whitespace that ends it (the same match; a search over the whole prefix cost more than the
    rest of the PCI window logic)."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    if stop == end:
        return None
    return _MONTH.search(text, max(0, stop - _LONGEST_MONTH), end)


class NumberRun(NamedTuple):
    """A run of digits in a turn, written or spoken: its span in the original text."""

    start: int
    end: int
    digits: str


def number_runs(
    text: str, written: Callable[[str], NormalisedText | None] = normalise
) -> list[NumberRun]:
    """Digit runs of `text`, spoken ones included ("four one one one" -> "4111"), read through
    `written` (the engine's `normalise` skips texts its scan finds no spoken form in)."""
    return _runs_in(text, written(text))


def _runs_in(text: str, norm: NormalisedText | None) -> list[NumberRun]:
    """The digit runs of `text`, read in its written form `norm` when it has one."""
    work = norm.text if norm is not None else text
    if ":" in work or "|" in work:
        # a time stamp at a line's start ("[10:01] 4111") is no piece of the number (nor a
        # pipe-delimited export's fields: "2203313759|8|CUSTOMER|36.7|1.5|0.97|")
        work = blank_numbered_labels(work)
    runs = []
    for match in _RUN.finditer(work):
        digits = _NOT_DIGIT.sub("", match.group())  # a run's other characters join its groups
        if norm is not None:
            start, end = norm.to_original(match.start(), match.end())
        else:
            start, end = match.start(), match.end()
        runs.append(NumberRun(start, end, digits))
    return runs


#: The digit words a turn may say alone, as the first piece of a number it goes on with in
#: the next turns ("four" / "one one one" / ...): not "oh" (an interjection) or a homophone.
_LONE_DIGITS = {word: str(d) for word, d in UNITS.items() if word not in HOMOPHONES} | {
    word: str(d) for word, d in TEENS.items()
}
del _LONE_DIGITS["oh"], _LONE_DIGITS["o"]


#: The longest turn that can be one digit word and fillers ("uh, um, okay so, seventeen.").
_LONE_DIGIT_CHARS = 60


def _blanked(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _lone_digit(text: str) -> list[NumberRun]:
    """A turn that says one digit word and nothing else but fillers ("four.", "uh nine"): a
    run of its own, which only counts when the next turns continue it (1.)."""
    if len(text) > _LONE_DIGIT_CHARS:
        return []  # (most turns: longer than a digit and a few fillers)
    words = [m for m in _WORD.finditer(text) if m.group().lower() not in _FILLERS]
    if len(words) != 1:
        return []
    digits = _LONE_DIGITS.get(words[0].group().lower())
    return [] if digits is None else [NumberRun(words[0].start(), words[0].end(), digits)]


@dataclass(frozen=True, slots=True)
class Entities:
    """The entity types this module may report (those the engine has enabled)."""

    card: EntityType | None
    cvv: EntityType | None
    expiry: EntityType | None


@dataclass(frozen=True, slots=True)
class Conversation:
    """What the analysis needs from the engine: its scan and fingerprint, and the entities."""

    scan: Callable[[str], Sequence[Finding]]
    fingerprint: Callable[[EntityType, str], str]
    entities: Entities
    #: the written form of a turn ("four one one one" -> "4111"), or None
    written: Callable[[str], NormalisedText | None] = normalise
    #: read each answer with the question before it (4.); off where the turns were already
    #: scanned as one text (a labelled transcript in plain text: `pipeline._labelled_turns`)
    answers: bool = True
    #: where `answers` is off, still read an answer with a question asked before a hold ("one
    #: sec" / "sure" / "okay" ...): in the text read as one, it is too far from its answer
    answers_after_holds: bool = False
    #: read the numbers after a card by their place (2.): off in a program's log read line
    #: by line (`turns.machine_lines`), where the numbers after a card are its other fields
    #: (amounts, order numbers, request IDs), not a caller's answers
    positional: bool = True
    #: every turn has one speaker's label (or none): a number is read as the answer to the
    #: turn before it and as going on from the turn before it whoever said those, as in an
    #: unlabelled transcript (the windows after a card still read the turns as they are)
    one_voice: bool = False


def conversation_findings(
    segments: Sequence[Segment], found: Sequence[Sequence[Finding]], ctx: Conversation
) -> list[list[Finding]]:
    """Findings to add to each segment (same order as `segments`), beyond `found`."""
    # (a phone number that only its ten digits said one by one make is no reading of the
    # turn's number to the conversation: the question it answers reads it first, "what's the
    # account number?" / ... / "eight one five seven ..."; `new_only` and the pipeline's
    # merge let that reading replace it)
    given = found
    found = [[f for f in fs if not _said_phone(f)] for fs in found]
    runs = [number_runs(s.text, ctx.written) or _lone_digit(s.text) for s in segments]
    added: list[list[Finding]] = [[] for _ in segments]
    unlabelled = (
        [replace(s, speaker="") for s in segments]
        if ctx.one_voice and segments and segments[0].speaker
        else segments
    )
    if ctx.answers or ctx.answers_after_holds:
        _answers(unlabelled, runs, added, ctx)
    _date_parts(unlabelled, added, ctx)
    _continued_runs(unlabelled, runs, found, added, ctx)
    if ctx.positional:
        _pci_windows(segments, runs, found, added, ctx)
    _cued_read_backs(segments, runs, found, added, ctx)
    _read_backs(segments, runs, found, added, ctx)
    _split_addresses(segments, found, added, ctx)
    _split_streets(segments, found, added, ctx)
    return [new_only(given[i], added[i]) for i in range(len(segments))]


# --- 1. continued runs ---------------------------------------------------------------------


def _tail_clear(text: str) -> bool:
    return all(w.lower() in _FILLERS for w in _WORD.findall(text))


#: Words before a run that name another identifier: "order number 2628..." opens a new
#: value, it does not continue the card or phone number of the turn before.
_OTHER_IDS = frozenset(
    """order ticket tracking invoice reference ref confirmation case claim policy account
    routing phone zip pin ssn social iban member id channel model room flight gate seat unit
    apartment apt suite extension version since auth code total subtotal amount balance tax
    tip due price payment pay paid charge charged fee refund credit cost store branch
    location ord tkt inv conf acct appt""".split()
)
#: A clock's minutes after a number: a time stamp ("[IVR 00:24] PROMPT ..."), no piece of a value.
_CLOCK_AFTER = re.compile(r":\d\d")
#: A clock's hour before a number: the number is its minutes.
_CLOCK_BEFORE = re.compile(r"\d:\Z")
#: Money after a number: it is an amount ("seventy nine dollars"), no piece of a value.
_MONEY_AFTER = re.compile(r"[ \t]*(?:dollars?|bucks|cents?|usd|euros?|pesos?)\b", re.IGNORECASE)


def _lead_clear(text: str) -> bool:
    if ":" in text or "|" in text:
        text = NUMBERED_LABEL.sub("", text)  # "[10:01] 1111": a time stamp is clear
    words = _WORD.findall(text)
    return (
        len(words) <= 4
        and not any(c.isdigit() for c in text)
        and not any(w.lower() in _OTHER_IDS for w in words)
        # (a number after a month's name is its day: "> On Sat, Jul 11, 2026, ... wrote:"
        # does not go on with the account number quoted above it)
        and not (words and words[-1].lower() in MONTHS)
        and not text.rstrip().endswith(("$", "£", "€"))  # an amount is no piece of a number
    )


def _skippable(
    segment: Segment, runs: list[NumberRun], speaker: str | None, seen: str, echoes: bool = True
) -> bool:
    """Another speaker's back-channel ("uh huh") or echo of the digits so far. Where the
    speaker is unknown (None or "": an unlabelled transcript), a short turn without a number
    may be either speaker's back-channel."""
    if speaker and segment.speaker == speaker:
        return False
    if not runs:
        if len(_WORD.findall(segment.text)) > BACKCHANNEL_WORDS:
            return False
        low = segment.text.lower()
        # "thanks and the amount": a question for another number ends the value
        return not _ASK_OTHER.search(segment.text, low)
    # (a short piece echoed right after it is said: "five three six" / "two two" / agent:
    # "two two" / "one two three four")
    return echoes and all(
        (len(r.digits) >= 3 and r.digits in seen)
        or (len(r.digits) >= 2 and seen.endswith(r.digits))
        for r in runs
    )


#: Values whose digits never continue into the next turn: they end where their own syntax
#: does ("192.168.49.226", then "ticket INC5705153" is no phone number; a ZIP after its city
#: and state, then a letter's phone number).
_WHOLE = frozenset({"IP_ADDRESS", "EMAIL", "DATE_OF_BIRTH", "US_ZIP"})


#: A phone number written whole, in a phone's format ("1-970-809-5434", "(518) 202-0048",
#: "+1 603 885 8792"): no piece of a value said over several turns (a letter's header, then
#: its date, is no card).
_WHOLE_PHONE = re.compile(
    r"(?:\+?1[ \-.])?(?:\(\d{3}\)[ ]?|\d{3}[\-.])\d{3}[\-.]\d{4}|\+1[ ]\d{3}[ ]\d{3}[ ]\d{4}"
)


_PHONE_DIGITS = 7


def _whole_phone(finding: Finding, text: str) -> bool:
    """A phone number found whole, seven digits or more ("cb 555-0101", "cell is 7735554787"):
    the numbers on the lines after it ("f/u Oct 20", "2 weeks") do not go on with it."""
    if finding.entity.name != "PHONE":
        return False
    return sum(ch.isdigit() for ch in text[finding.start : finding.end]) >= _PHONE_DIGITS


def _continued_runs(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    for i, segment in enumerate(segments):
        if not runs[i] or not _tail_clear(segment.text[runs[i][-1].end :]):
            continue
        tail = runs[i][-1]
        if (
            _WHOLE_PHONE.fullmatch(segment.text, tail.start, tail.end)
            # (nor a company's toll-free line: "Caller-Destination-Number: 18005550138")
            or is_toll_free(tail.digits)
            # (nor a date written whole: "f/u 2026-10-01\n12/02/2025 7:15p | agt3857")
            or looks_like_date(segment.text[tail.start : tail.end])
            # (nor a clock's minutes: "Note pasted from mobile app by ... at 10:02:")
            or _CLOCK_BEFORE.search(segment.text, max(0, tail.start - 3), tail.start) is not None
            or any(
                f.start <= tail.start
                and tail.end <= f.end
                and (f.entity.name in _WHOLE or _whole_phone(f, segment.text))
                for f in found[i]
            )
        ):
            continue
        chain = _chain(segments, runs, i)
        if len(chain) >= 2:
            _scan_chain(segments, runs, chain, added, ctx)
        if not segment.speaker:
            # who said a repeat is unknown: an echo of the digits so far, or the next group
            # of a number whose groups repeat ("4111\n1111\n1111\n1111"); read both ways
            whole = _chain(segments, runs, i, echoes=False)
            if len(whole) >= 2 and whole != chain:
                _scan_chain(segments, runs, whole, added, ctx)


def _chain(
    segments: Sequence[Segment], runs: Sequence[list[NumberRun]], i: int, echoes: bool = True
) -> list[tuple[int, NumberRun]]:
    """The pieces that continue the last run of turn `i`: (segment index, run)."""
    speaker = segments[i].speaker
    chain = [(i, runs[i][-1])]
    seen = runs[i][-1].digits
    j = i + 1
    while j < len(segments) and len(chain) < MAX_PIECES:
        seg = segments[j]
        if _skippable(seg, runs[j], speaker, seen, echoes):
            j += 1
            continue
        if (
            seg.speaker != speaker
            or not runs[j]
            or not _lead_clear(seg.text[: runs[j][0].start])
            or _WHOLE_PHONE.fullmatch(seg.text, runs[j][0].start, runs[j][0].end)
            or looks_like_date(seg.text[runs[j][0].start : runs[j][0].end])
            or _MONEY_AFTER.match(seg.text, runs[j][0].end)
            # (or a count: "i see fifty two thousand six hundred sixty three miles")
            or _UNIT_AFTER.match(seg.text, runs[j][0].end)
            or _CLOCK_AFTER.match(seg.text, runs[j][0].end)
        ):
            break
        piece = _grouped(seg.text, runs[j])
        chain.append((j, piece))
        seen += piece.digits
        if piece.end != runs[j][-1].end or not _tail_clear(seg.text[piece.end :]):
            break
        j += 1
    return chain


def _grouped(text: str, runs: Sequence[NumberRun]) -> NumberRun:
    """The first run of a turn, with the runs after it that only a pause or a filler keeps
    apart ("uh, 555 ... 0100"): one piece of the number the turns before began."""
    first = last = runs[0]
    digits = [first.digits]
    for run in runs[1:]:
        gap = text[last.end : run.start]
        if len(gap) > _PIECE_GAP or not _tail_clear(gap):
            break
        digits.append(run.digits)
        last = run
    if last is first:
        return first
    return NumberRun(first.start, last.end, "".join(digits))


#: The most characters between two groups of one piece of a number ("555 ... 0100").
_PIECE_GAP = 8


def _scan_chain(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    chain: list[tuple[int, NumberRun]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    """Scan the first turn up to its run, then the following pieces, as one text.

    Joins of 2, 3, ... pieces are tried and the longest one whose value reaches its last piece
    wins: a card followed by its expiry and code is no card when all are read as one number.
    """
    run0 = chain[0][1]
    lead, _ = _question_before(segments, chain[0][0])
    if not _ASKS_VALUE.search(lead):
        # the speaker's own words for it, right before ("can you update my phone number" /
        # "it's seven oh two" / "alright" / "double five five oh one seven two"), else the
        # question further back ("I need your Social Security number." / "ok one sec" /
        # "Yes, this chat is encrypted." / "293-99" / "3977")
        far = _own_cue(segments, chain[0][0]) or _far_question(segments, runs, chain[0][0])[0]
        lead = far or lead
    if not lead:
        lead = _cue_before(segments, chain[0][0])
    best: tuple[list[Finding], list[tuple[int, int, int, int]]] | None = None
    best_joins = False  # (whether the best so far reads the first piece on into the second)
    first_end = len(lead) + run0.end
    for size in range(2, len(chain) + 1):
        joined, places = _join(segments, chain[:size], lead)
        last = places[-1][0]
        # (not a phone number only its ten digits said one by one make: joined, they are
        # pieces of turns apart, "six eighty nine thirty nine five four one" and "it was sixty
        # one degrees")
        findings = [f for f in ctx.scan(joined) if f.end > first_end and not _said_phone(f)]
        # (a longer join that no longer reads the first piece on into the second is no
        # better: "three one two..." / "then five double five oh one nine six" / "sure, for
        # zero four ...", the work number after the callback number, reaches the last piece
        # on its own)
        joins = any(f.start < first_end and f.end > places[1][0] for f in findings)
        if any(f.end > last for f in findings) and (joins or not best_joins):
            best, best_joins = (findings, places), joins
    if best is None:
        return
    ids = ", ".join(segments[k].id for k, _ in chain[: len(best[1])])
    reason = _CONTINUED + ids
    for finding in best[0]:
        for offset, seg_index, seg_offset, length in best[1]:
            start, end = max(finding.start, offset), min(finding.end, offset + length)
            if start < end:
                span = Span(seg_offset + start - offset, seg_offset + end - offset)
                added[seg_index].append(_derived(finding, span, segments[seg_index].id, reason))


_CONTINUED = "conversation: value continued across turns "


def _own_cue(segments: Sequence[Segment], i: int) -> str:
    """The turn before turn `i` when its speaker said it too and it names a value, with no
    number in it ("oh and before i go can you update my phone number"), with a line break
    after it; else ""."""
    if i == 0 or not segments[i].speaker or segments[i - 1].speaker != segments[i].speaker:
        return ""
    text = segments[i - 1].text[-QUESTION_CHARS:]
    if any(c.isdigit() for c in text) or not _ASKS_VALUE.search(text):
        return ""
    return text + "\n"


#: The most words of a turn read as the cue for the number its speaker says next.
_CUE_TURN_WORDS = 12


def _cue_before(segments: Sequence[Segment], i: int) -> str:
    """The turn before turn `i`, when it holds no number and a few words only (the cue a chat
    writer sends as a message of its own: "acct no is" / "191381" / "608808"), with a line
    break after it; else ""."""
    if i == 0:
        return ""
    text = segments[i - 1].text
    if any(c.isdigit() for c in text) or len(_WORD.findall(text)) > _CUE_TURN_WORDS:
        return ""
    return text + "\n" if text.strip() else ""


def _join(
    segments: Sequence[Segment], chain: Sequence[tuple[int, NumberRun]], lead: str = ""
) -> tuple[str, list[tuple[int, int, int, int]]]:
    """The joined text (after `lead`, the question before it) and, per piece, (joined offset,
    segment index, segment offset, length)."""
    first, run0 = chain[0]
    parts = [lead, segments[first].text[: run0.end]]
    places = [(len(lead), first, 0, run0.end)]
    pos = len(lead) + run0.end
    for seg_index, run in chain[1:]:
        piece = segments[seg_index].text[run.start : run.end]
        pos += 1
        places.append((pos, seg_index, run.start, len(piece)))
        parts += [" ", piece]
        pos += len(piece)
    return "".join(parts), places


def _derived(finding: Finding, span: Span, segment_id: str, reason: str) -> Finding:
    return Finding(
        entity=finding.entity,
        span=span,
        score=finding.score,
        detector="conversation",
        reasons=(reason, *finding.reasons),
        fingerprint=finding.fingerprint,
        segment_id=segment_id,
    )


#: Short turns of the answering speaker that may stand between a question and its answer
#: ("sure", "one moment") and how many.
_HOLD_TURNS = 2


def _question_before(segments: Sequence[Segment], i: int) -> tuple[str, int]:
    """The end of the other speaker's turn before turn `i` (the question that turn `i`
    answers, perhaps after a short "sure, one moment" of its own speaker), with a line break
    after it, and that turn's index; else ("", -1). In an unlabelled transcript (speakers
    unknown) it is the line before, whoever said it ("and the phone number\nit's uh four oh
    four\nfive five five ...")."""
    k = i - 1
    while (
        segments[i].speaker
        and k >= 0
        and i - k <= _HOLD_TURNS
        and segments[k].speaker == segments[i].speaker
        and len(_WORD.findall(said := _without_annotations(segments[k].text.lower())))
        <= BACKCHANNEL_WORDS
        and not any(c.isdigit() for c in said)
    ):
        k -= 1
    if k < 0 or (segments[i].speaker and segments[k].speaker == segments[i].speaker):
        return "", -1
    answering = segments[i].speaker
    if answering:
        k = _past_holding(segments, k, answering)
    text = segments[k].text
    if not answering and k > 0 and _wrapped(segments[k - 1].text, text):
        # (a recogniser's line break inside the question: "can you verify the phone" /
        # "number on file" / "two one four five fifty five uh")
        text = segments[k - 1].text + " " + text
    if len(text) > QUESTION_CHARS:
        cut = text.find(" ", len(text) - QUESTION_CHARS)  # at a word's start
        text = text[cut + 1 :] if cut >= 0 else text[-QUESTION_CHARS:]
    return (text + "\n", k) if text.strip() else ("", -1)


#: The most words of an unlabelled line read as the end of the line before it.
_WRAPPED_WORDS = 4


def _wrapped(before: str, line: str) -> bool:
    """Whether an unlabelled `line` is the end of the sentence `before` it, wrapped: a few
    words, no digit in either, no sentence's end between them."""
    return (
        len(_WORD.findall(line)) <= _WRAPPED_WORDS
        and not any(c.isdigit() for c in before + line)
        and not before.rstrip().endswith((".", "?", "!"))
    )


#: A transcriber's note of what no one said, to the end of its line: "[SILENCE 00:56]",
#: "— silence (4s) — 2:30:00 PM", "(hold music)" (its time stamps are no digits said); in
#: lower case, as `_without_annotations` reads it.
_ANNOTATION_WORDS = ("silence", "pause", "hold", "music", "dead air", "no speech")
_ANNOTATION = re.compile(
    r"[\[(\u2014\u2013*-]+[ \t]*(?:silence|pause|hold music|on hold|music|dead air|no speech)\b"
    r"[^\n]*"
)


def _without_annotations(low: str) -> str:
    """`low` (a turn in lower case) without a transcriber's notes of silence or hold."""
    return _ANNOTATION.sub("", low) if any(w in low for w in _ANNOTATION_WORDS) else low


def _past_holding(segments: Sequence[Segment], k: int, answering: str) -> int:
    """The question behind a hold: "i need your social security number" / customer: "okay
    one sec" / agent: "sure" / customer: "five three six": where turn k (the asking speaker's)
    is a back-channel after a short turn of the answering speaker, the asking speaker's turn
    before that (up to `_HOLD_PAIRS` such pairs back: a caller who goes to find a card or a
    cheque says "hold on", "okay", "one sec" more than twice); else k."""
    for _ in range(_HOLD_PAIRS):
        if k < 2 or not _holding(segments[k]) or not _holding(segments[k - 1]):
            return k
        if segments[k - 1].speaker != answering or segments[k - 2].speaker == answering:
            return k
        k -= 2
    return k


#: The words of a turn that holds the call ("okay one sec", "sure take your time", "let me
#: grab my wallet", "no problem", "hmm let me think" / "no rush"): no question and no value in
#: it.
_HOLD_WORDS = frozenset(
    """okay ok sure yes yeah yep alright right one sec second moment minute hold on hang let me
    get grab find it my wallet card purse just a take your time no problem of course go ahead
    thanks thank you mhm uh um huh great got sorry about that wait look check here is there
    we bear with hmm hm umm uhm mm ah think rush worries see well it's its coming through came
    still loading waiting""".split()
)


#: The fewest digits of a number the agent says in a window that is read as the card read
#: back (the window knows the card's first piece only, when it was said in pieces).
_READ_BACK_DIGITS = 12


def _note_cards(window: _Window, text: str, cards: Sequence[Finding], ctx: Conversation) -> None:
    """Add the digits of a turn's cards to the window's: each piece of a card said over
    turns, so the agent's read-back of its last four is known for one."""
    for card in cards:
        piece = _digits(text[card.start : card.end], ctx)
        if piece not in window.card_digits:
            window.card_digits += piece


def _askers_own(window: _Window, segment: Segment, run: NumberRun) -> bool:
    """Whether a run is the asking speaker's own number, no read-back of the card."""
    return (
        bool(window.asker)
        and segment.speaker == window.asker
        and run.digits not in window.card_digits
        and len(run.digits) < _READ_BACK_DIGITS
    )


#: How many turns back a number said alone is read with the question for it.
_FAR_TURNS = 30
#: The fewest digits of a number that answers a question in between (an amount, a time or a
#: count said meanwhile does not: "the bill was like one forty two", "nine pm").
_FAR_VALUE_DIGITS = 4
#: A question for a value: what a turn that is a number alone may answer from afar.
_ASKS_VALUE = re.compile(
    r"\b(?:number|social|ssn|account|routing|card|pin|zip|code|birth|dob|birthday|expir\w*"
    # (a value named without "number": "i've sent a one time passcode", "the i ban")
    r"|passcode|otp|licen[cs]e|policy|member|iban|itin|passport|verification)\b",
    re.IGNORECASE,
)


def _far_question(
    segments: Sequence[Segment], runs: Sequence[list[NumberRun]], i: int
) -> tuple[str, int]:
    """The other speaker's last question for a value within `_FAR_TURNS` turns before turn i,
    when turn i is a number alone ("okay go ahead with the account number" / ... the weather,
    the kids, "the bill was like one forty two" ... / "eight one five seven six five zero two
    one eight"), with a line break after it, and its index; else ("", -1). A number of
    `_FAR_VALUE_DIGITS` or more said by the same speaker in between was the answer (this one
    is something else), and so was any number written in digits; only labelled turns."""
    speaker = segments[i].speaker
    if not speaker or i < 2:
        return "", -1
    text = segments[i].text
    rest = "".join(text[a.end : b.start] for a, b in zip(runs[i], runs[i][1:], strict=False))
    rest += text[: runs[i][0].start] + text[runs[i][-1].end :]
    if len(_WORD.findall(rest)) > 2:
        return "", -1
    for k in range(i - 1, max(-1, i - 1 - _FAR_TURNS), -1):
        turn = segments[k]
        if turn.speaker and turn.speaker != speaker and _ASKS_VALUE.search(turn.text):
            if k == i - 1 or any(c.isdigit() for c in turn.text):
                return "", -1  # (asked right before: read so already; a number said since)
            return turn.text[-QUESTION_CHARS:] + "\n", k
        if any(c.isdigit() for c in turn.text) or (
            turn.speaker == speaker and any(len(r.digits) >= _FAR_VALUE_DIGITS for r in runs[k])
        ):
            return "", -1
    return "", -1


def _held(segments: Sequence[Segment], asked: int, i: int) -> bool:
    """Whether turns `asked` (a question) and `i` (its answer) lie apart by a hold: two turns
    or more between them, each of them holding the call ("one sec", "sure", "okay")."""
    between = segments[asked + 1 : i]
    # (or one turn of the answering speaker's, holding while a code comes in: "Hang on, it's
    # coming through..." / "[SILENCE 00:56]" / "Yeah, 362-330.")
    return (
        len(between) >= 2 or (len(between) == 1 and between[0].speaker == segments[i].speaker)
    ) and all(_holding(s) for s in between)


#: How many pairs of holding turns a question is read over.
_HOLD_PAIRS = 8


def _holding(segment: Segment) -> bool:
    words = _WORD.findall(_without_annotations(segment.text.lower()))
    return len(words) <= BACKCHANNEL_WORDS and all(word in _HOLD_WORDS for word in words)


#: The words that ask for a date of birth ("birth date", "dob", "d o b", "born").
_BIRTH_WORDS = r"birth\w*|dob|d\.?[ \t]?o\.?[ \t]?b|born"
#: What a question asks for when its answer holds no number: a name, a security answer, a
#: password, an address. (A turn with a number in it is always read with the question.)
_ASKS_WORDS = re.compile(
    # (and a date of birth, whose day and month said in words are no number run: "uhm
    # fourteen july")
    rf"\b(?:names?|pet|maiden|{_BIRTH_WORDS}|school|speaking|who|spell\w*|pass\w*"
    r"|answer|address|live"
    r"|street|city|favou?rite|mother'?s?|nickname|car|teacher|e-?mail|user\w*|login)\b",
    re.IGNORECASE,
)


def _answers(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    """Each turn that follows another speaker's turn, read with the end of that turn before it:
    the findings that lie in the turn are its own ("what's your social?" / "078-05-1120").
    Only turns with a number in them, or after a question for a name, an answer or an address
    (what a turn without a number can be asked for): the others cost a scan for nothing."""
    for i, segment in enumerate(segments):
        if not ctx.answers and not (runs[i] or (i >= 3 and _holding(segments[i - 1]))):
            continue  # (neither a number nor an answer after a hold: the common case, cheaply)
        lead, asked = _question_before(segments, i)
        if not ctx.answers and runs[i] and not (lead and _held(segments, asked, i)):
            # (read with its question already, in the text read as one) but a number said
            # alone long after the question for it, the call having gone on meanwhile
            lead, asked = _far_question(segments, runs, i)
        elif not ctx.answers and not _held(segments, asked, i):
            continue  # (read with its question already, in the text read as one)
        if not lead or not segment.text.strip():
            continue
        if not runs[i] and not _ASKS_WORDS.search(lead):
            continue
        reason = f"conversation: read with the question in {segments[asked].id}"
        offset = len(lead)
        for finding in ctx.scan(lead + segment.text):
            if finding.start < offset:
                # in the question, or across it and the answer ("Conversation ID: 321-75806"
                # / "08/05/2024 7:23 AM" read as one phone number): the answer's part of it
                # is no value of its own
                continue
            span = Span(finding.start - offset, finding.end - offset)
            if len(span) >= 1:
                added[i].append(_derived(finding, span, segment.id, reason))


#: A question for a part of a date ("and the year?", "what year", "the month and day").
_DATE_PART = re.compile(r"\b(?:year|month|day)\b", re.IGNORECASE)
#: A question for the date of birth.
_BIRTH = re.compile(rf"\b(?:{_BIRTH_WORDS})\b", re.IGNORECASE)
#: How many turns before a date part's question the question for the birth date may be.
_DATE_PART_TURNS = 6
_DATE_PART_REASON = "conversation: a part of the date of birth, asked for after it in "


def _date_parts(segments: Sequence[Segment], added: list[list[Finding]], ctx: Conversation) -> None:
    """A date of birth asked for in parts: "what is your date of birth" / "march fifth" /
    "and the year" / "nineteen fifty", "what year were you born" / ... / "and the month and
    day" / "june nineteenth". The question for a part says no birth, so its answer is read
    with the question for the birth date before it, and what it holds that is a date of
    birth is one."""
    for i in range(1, len(segments)):
        if _DATE_PART.search(segments[i - 1].text) is None:  # (the common case, cheaply)
            continue
        lead, asked = _question_before(segments, i)
        if asked < 1 or _DATE_PART.search(lead) is None or _BIRTH.search(lead) is not None:
            continue
        birth = next(
            (
                k
                for k in range(asked - 1, max(-1, asked - 1 - _DATE_PART_TURNS), -1)
                if _BIRTH.search(segments[k].text) is not None
            ),
            -1,
        )
        if birth < 0:
            continue
        cue = segments[birth].text[-QUESTION_CHARS:].rstrip(" \t?.!") + ", " + lead
        reason = _DATE_PART_REASON + segments[asked].id
        for finding in ctx.scan(cue + segments[i].text):
            if finding.start >= len(cue) and finding.entity.name == "DATE_OF_BIRTH":
                span = Span(finding.start - len(cue), finding.end - len(cue))
                added[i].append(_derived(finding, span, segments[i].id, reason))


# --- 2. PCI windows ------------------------------------------------------------------------


@dataclass(slots=True)
class _Window:
    opened_by: str = ""
    #: the speaker who asked for the card data (the agent): their own numbers in the window
    #: are no card data ("your total today is nineteen ninety nine", "we have you scheduled for
    #: march fifth"), but for read-backs of the card (`_read_backs` reads the others)
    asker: str = ""
    #: who gave a card number unasked: the first other speaker after them is the asker
    giver: str = ""
    until: int = -1
    asked: str = ""  # card | expiry | cvv
    #: the question asked for the expiry and the code together ("expiry and the three digits
    #: on the back"): their order in the answer decides, the expiry first
    both: bool = False
    card_digits: str = ""
    expiry_done: bool = False
    cvv_done: bool = False

    def open_at(self, i: int) -> bool:
        return i <= self.until


#: A turn that tells the customer not to give card data asks for none (read as blanks).
_FORBIDS_CARD = re.compile(FORBIDS_CARD, re.IGNORECASE)


def _asked(text: str, low: str) -> tuple[str, bool]:
    """The card datum a turn asks for, or "": the code and the expiry are named with the card
    ("the CVV on the back of the card"), so they win over it; and whether the turn gives the
    number to call ("the number on the back of your card ... is open until 9 PM", which names
    the card and asks for none of it). `low` is `text.lower()`."""
    if "card" in low and ("not" in low or "n't" in low or "never" in low or "no need" in low):
        text = _FORBIDS_CARD.sub(lambda m: " " * len(m.group()), text)
        low = text.lower()
    kind = ""
    for name, cue in (("cvv", _ASK_CVV), ("expiry", _ASK_EXPIRY), ("card", _ASK_CARD)):
        if cue.search(text, low):
            if name == "expiry" and (
                _OTHER_EXPIRY.search(text) is not None
                or (_OTHER_DOCUMENT.search(text) and not _CARD_WORD.search(text))
            ):
                continue  # ("and the expiration on the passport": no card's)
            if name != "card":
                return name, False
            kind = name
            break
    if _SERVICE_LINE.search(text, low) is not None:
        return "", True
    return kind, False


def _pci_windows(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    ents = ctx.entities
    card_data = {ents.card, ents.cvv, ents.expiry}
    window = _Window()
    for i, segment in enumerate(segments):
        text = segment.text
        low = text.lower()
        if _CLOSE.search(text, low):
            window = _Window()
            continue
        asked, service = _asked(text, low)
        cards = [f for f in (*found[i], *added[i]) if f.entity == ents.card]
        if not asked and not cards and window.open_at(i):
            if service:
                continue  # no card datum, and the window stays as it was
            if _ASK_OTHER.search(text, low):
                window.asked = "other"  # "and the amount?": what answers it is no card datum
        if asked or cards:
            window = _opened(window, i, segment, asked, bool(cards))
        if (
            window.giver
            and not window.asker
            and segment.speaker
            and segment.speaker != window.giver
        ):
            window.asker = segment.speaker
        if not window.open_at(i):
            continue
        _note_cards(window, text, cards, ctx)
        reason = f"conversation: PCI window opened in {window.opened_by}"
        correction = _corrects_digits(text, low)
        known = [f for f in (*found[i], *added[i]) if f.entity in card_data]
        for run, datum in _beside_cards(text, runs[i], known, ctx):
            if not datum and (_askers_own(window, segment, run) or is_toll_free(run.digits)):
                continue  # the agent's own number: an amount, a date, a time; a company's line
            if not datum and (_between_letters(text, run) or _in_written_phone(text, run)):
                # digits inside a code ("tracking 1Z8CJMUW7EF969L5R4"), or a telephone number
                # as one is written ("call (888) 555-0124"): no card datum
                continue
            month = _month_before(text, run.start)
            start = month.start() if month else run.start
            if datum:
                entity = _after_the_card(window, datum, ents)
            else:
                entity = _positional(window, run, month is not None, ents)
            if entity is None or (len(run.digits) < 3 and not correction and month is None):
                continue
            if _calendar_date(text, run, month is not None) or (
                run.digits not in window.card_digits
                and _amount_or_time(text, run.start, run.end, run.digits)
            ):
                continue  # "two hundred forty dollars", "around three thirty", "we're charging
                # forty nine ninety nine" (after the card: no code)
            if _named_other(text, run.start) or any(
                f.start < run.end and run.start < f.end and f.entity not in card_data
                for f in found[i]
            ):
                continue  # "your ticket number is six one four two", a phone number found
            value = run.digits
            window.until = max(window.until, i + WINDOW_TURNS)
            added[i].append(_made(ctx, entity, Span(start, run.end), value, segment.id, reason))
            inside_card = any(c.span.contains(Span(start, run.end)) for c in cards)
            if entity == ents.card and not inside_card:
                window.card_digits += "" if value in window.card_digits else value
        if correction and ents.card is not None:
            for start, end in _single_numbers(text):
                why = reason + "; correction of a digit"
                added[i].append(_made(ctx, ents.card, Span(start, end), text[start:end],
                                      segment.id, why))  # fmt: skip


#: A telephone number written whole (`_WHOLE_PHONE`), no part of a longer number.
_WRITTEN_PHONE = re.compile(rf"(?<![\d\-])(?:{_WHOLE_PHONE.pattern})(?![\d\-])")


def _in_written_phone(text: str, run: NumberRun) -> bool:
    """Whether a run is part of a telephone number written as one ("(888) 555-0124",
    "888-555-0124"): no card's datum is written so."""
    for match in _WRITTEN_PHONE.finditer(text, max(0, run.start - 9), min(len(text), run.end + 11)):
        if match.start() <= run.start and run.end <= match.end():
            return True
    return False


def _between_letters(text: str, run: NumberRun) -> bool:
    """Whether a run stands between two letters, inside a code of letters and digits
    ("EF969L5"): "cvv123" and "exp0925" are a datum after its key, and stay one."""
    return (
        run.start > 0
        and text[run.start - 1].isalpha()
        and run.end < len(text)
        and text[run.end].isalpha()
    )


def _opened(window: _Window, i: int, segment: Segment, asked: str, cards: bool) -> _Window:
    """The window after turn `i`, a question for card data (`asked`) or a card number itself
    (`cards`): opened, or extended."""
    if not window.open_at(i):
        window = _Window(opened_by=segment.id)
    if asked and not cards:
        window.asker = segment.speaker or ""
    elif cards and not window.asker and segment.speaker:
        # a card number given unasked (or asked in words not read as asking): the other
        # speaker is the agent, whose own numbers are no card data
        window.giver = segment.speaker
    window.asked, window.until = asked or window.asked or "card", i + WINDOW_TURNS
    if asked:
        low = segment.text.lower()
        window.both = asked == "cvv" and _ASK_EXPIRY.search(segment.text, low) is not None
    return window


#: A group of digits in a turn's written text.
_DIGIT_GROUP = re.compile(r"\d+")


def _beside_cards(
    text: str, runs: Sequence[NumberRun], known: Sequence[Finding], ctx: Conversation
) -> list[tuple[NumberRun, str]]:
    """The runs of a turn as the window reads them, each with the card datum it is known to
    be ("expiry", "cvv") or "" (`_positional` decides). A run that holds card data the scan
    found (`known`: "4111 1111 1111 1111 12 27 123", card, expiry and code said in one
    breath, the groups one run) is read as the pieces around what was found: the card's
    digits are the card's, and what follows the card is the expiry, then the code, whatever
    the question asked for first."""
    card = ctx.entities.card
    out: list[tuple[NumberRun, str]] = []
    for run in runs:
        inside = sorted(
            (f.start, f.end, f.entity == card)
            for f in known
            if run.start <= f.start and f.end <= run.end and (f.start, f.end) != run[:2]
        )
        if not inside:
            out.append((run, ""))
            continue
        pos, after_card = run.start, False
        for start, end, is_card in (*inside, (run.end, run.end, False)):
            if start > pos:
                tail = _after_card(text, pos, start, ctx.written) if after_card else []
                out += tail or [
                    (NumberRun(r.start + pos, r.end + pos, r.digits), "")
                    for r in number_runs(text[pos:start], ctx.written)
                ]
            if end > pos:
                pos, after_card = end, is_card
    return out


def _after_card(
    text: str, start: int, end: int, written: Callable[[str], NormalisedText | None]
) -> list[tuple[NumberRun, str]]:
    """The expiry, then the code, written right after a card in one run ("12 27 123",
    "1227 123", "12/27 123"), then the runs of the rest; nothing when neither is there."""
    groups = list(_DIGIT_GROUP.finditer(text, start, end))
    out: list[tuple[NumberRun, str]] = []
    at = 0
    if groups and len(groups[0].group()) == 4 and 1 <= int(groups[0].group()[:2]) <= 12:
        g = groups[0]
        out.append((NumberRun(g.start(), g.end(), g.group()), "expiry"))
        at = 1
    elif (
        len(groups) >= 2
        and len(groups[0].group()) == 2 == len(groups[1].group())
        and 1 <= int(groups[0].group()) <= 12
    ):
        a, b = groups[0], groups[1]
        out.append((NumberRun(a.start(), b.end(), a.group() + b.group()), "expiry"))
        at = 2
    rest = groups[at:]
    if rest and len(rest[0].group()) in (3, 4):
        out.append((NumberRun(rest[0].start(), rest[0].end(), rest[0].group()), "cvv"))
        rest = rest[1:]
    if not out:
        return []
    if rest:  # what a row goes on with ("... 0927 123 00019.99": an amount) is read as it is
        pos = rest[0].start()
        out += [(NumberRun(r.start + pos, r.end + pos, r.digits), "")
                for r in number_runs(text[pos:end], written)]  # fmt: skip
    return out


def _after_the_card(window: _Window, datum: str, ents: Entities) -> EntityType | None:
    """The entity of a datum read right after the card (`_after_card`), marked done."""
    if datum == "expiry":
        window.expiry_done = True
        return ents.expiry
    window.cvv_done = True
    return ents.cvv


#: The words a correction of a digit is said with besides the numbers ("no, five, not four",
#: "sorry the last digit is a seven"). A turn with more words than a couple besides these is
#: talk with a "no" in it ("no i only have one card", "sorry my three year old is
#: screaming"): its number words are no digits of the card.
_CORRECTION_WORDS = frozenset(
    """no not sorry actually i said should be correction wrong instead wait mean it's its it
    is was the a an last first digit digits number that's thats uh um yeah""".split()
)


def _corrects_digits(text: str, low: str) -> bool:
    """Whether a turn in a window corrects digits of the card. `low` is `text.lower()`.
    ("sorry you cut out, can you repeat the last eight": a request, no correction.)"""
    if not _CORRECTION.search(text, low) or _ASKS_AGAIN.search(low):
        return False
    other = [w for w in _WORD.findall(low) if w not in _CORRECTION_WORDS and not is_number_word(w)]
    return len(other) <= 2


def _positional(
    window: _Window, run: NumberRun, has_month: bool, ents: Entities
) -> EntityType | None:
    """Which card datum a run inside a window is: by the question asked and by position."""
    digits = run.digits
    if len(digits) > CARD_MAX_DIGITS:
        # (a parcel's tracking number, 22 digits: no card's, and no expiry's or code's after
        # "validade 8/29. Fatura n.º 2024-5039. O código de rastreio é\n9400833415661902392722")
        return None
    if window.card_digits and digits in window.card_digits and len(digits) >= 4:
        return ents.card  # a read-back of the number
    if has_month or window.asked == "expiry":
        window.expiry_done = True
        return ents.expiry
    if window.asked == "cvv":
        if window.both and not window.expiry_done and _expiry_shaped(digits):
            window.expiry_done = True  # asked for both: the expiry is said first
            return ents.expiry
        window.cvv_done = True
        return ents.cvv
    if window.asked == "other":
        return None
    if len(window.card_digits) >= 12:
        # After the number: the expiry comes first, then the code.
        if not window.expiry_done and _expiry_shaped(digits):
            window.expiry_done = True
            return ents.expiry
        if len(digits) in (3, 4) and not window.cvv_done:
            window.cvv_done = True
            return ents.cvv
    return ents.card


def _expiry_shaped(digits: str) -> bool:
    """Four digits that can be a month and a year (MMYY)."""
    return len(digits) == 4 and 1 <= int(digits[:2]) <= 12


def _single_numbers(text: str) -> Iterable[tuple[int, int]]:
    """Every number word or digit group of a correction turn ("no, five, not four"), but "oh"
    opening the turn (an exclamation) and "one" after a word that makes it a pronoun ("oh no
    that's the old one")."""
    tokens = tokenize(text)
    for k, token in enumerate(tokens):
        word = token.word
        if not (word.isdigit() or (is_number_word(word) and word not in HOMOPHONES)):
            continue  # (not "to", "for": "send it to my work address")
        before = tokens[k - 1].word if k else ""
        after = tokens[k + 1].word if k + 1 < len(tokens) else ""
        if word in ("oh", "o") and k == 0 and not is_number_word(after):
            continue
        if word == "one" and before in _MAKE_ONE_A_PRONOUN:
            continue
        yield token.start, token.end


#: Words before "one" that make it a pronoun: "the old one", "this one", "the other one".
_MAKE_ONE_A_PRONOUN = frozenset(
    "the old new other this that same which right wrong first last another every no".split()
)


def _made(
    ctx: Conversation, entity: EntityType, span: Span, value: str, segment_id: str, reason: str
) -> Finding:
    return Finding(
        entity=entity,
        span=span,
        score=0.85,
        detector="conversation",
        reasons=(reason,),
        fingerprint=ctx.fingerprint(entity, value),
        segment_id=segment_id,
    )


_EMPTY_ELEMENT = re.compile(EMPTY_ELEMENT)


def _digits(text: str, ctx: Conversation) -> str:
    if "/>" in text:
        text = _EMPTY_ELEMENT.sub(_blanked, text)
    norm = ctx.written(text)
    if norm is None:  # no spoken form: the digits of its runs are all its digits
        return _NOT_DIGIT.sub("", text)
    return "".join(r.digits for r in _runs_in(text, norm))


# --- 3. read-backs -------------------------------------------------------------------------


def _read_backs(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    # each finding's digits, worked out once: (digits, entity) per turn
    said = [
        [(_digits(segment.text[f.start : f.end], ctx), f.entity) for f in (*found[i], *added[i])]
        for i, segment in enumerate(segments)
    ]
    values = [  # digits, entity, where, the fewest digits of a read-back
        (digits, entity, segment.id, 4)
        for segment, pieces in zip(segments, said, strict=True)
        for digits, entity in pieces
        if len(digits) >= 6
    ]
    # (a value said in pieces: only a read-back of six digits or more, no year of a date)
    values += [(*value, 6) for value in _continued_values(segments, added, ctx)]
    # a short value (a ZIP, a security code, a PIN, a last four), read back within a few
    # turns, a digit misheard perhaps
    short = [
        (k, digits, entity)
        for k, pieces in enumerate(said)
        for digits, entity in pieces
        if len(digits) in _SHORT_VALUES.get(entity.name, ())
    ]
    for i, segment in enumerate(segments):
        taken = [f.span for f in (*found[i], *added[i])]
        for run in runs[i]:
            span = Span(run.start, run.end)
            if len(run.digits) < 2 or any(t.contains(span) for t in taken):
                continue
            if _UNIT_AFTER.match(segment.text, run.end):
                continue  # an amount or a time ("sending two thousand euros"), no read-back
            if _YEAR_DIGITS.fullmatch(run.digits) and _month_before(segment.text, run.start):
                continue  # a date's year ("posted on 30 Jul 2024"), no piece of a value
            read = _read_back_of(segments, said, short, values, i, run.digits)
            if read is None:
                continue
            # (from the letters spelled before it, if any: "j m r, one five six one ...")
            whole = _with_letters_before(segment.text, span)
            added[i].append(_made(ctx, read[0], whole, run.digits, segment.id, read[1]))
            said[i].append((run.digits, read[0]))  # (the next turn may set it right)


def _read_back_of(
    segments: Sequence[Segment],
    said: Sequence[Sequence[tuple[str, EntityType]]],
    short: Sequence[tuple[int, str, EntityType]],
    values: Sequence[tuple[str, EntityType, str, int]],
    i: int,
    digits: str,
) -> tuple[EntityType, str] | None:
    """The entity and the reason of the value that the digits of a run of turn i read back: a
    piece the other speaker just said (`_echoed`), a short value heard back (`_heard_back`),
    or a value of another turn, whole, in part or with a digit misread (as many digits as its
    `fewest`)."""
    echoed = _echoed(segments, said, i, digits)
    if echoed is not None:
        return echoed, f"conversation: read-back of a piece of a value from {segments[i - 1].id}"
    heard = _heard_back(segments, short, i, digits)
    if heard is not None:
        return heard[1], f"conversation: read-back of a value from {segments[heard[0]].id}"
    if len(digits) < 4:
        return None
    for value, entity, where, fewest in values:
        if where == segments[i].id or len(digits) < fewest:
            continue
        if digits in value or _misread(digits, value):
            return entity, f"conversation: read-back of a value from {where}"
    return None


#: What an agent says before reading a value back: "let me read that back", "reading back:",
#: "let me repeat:", and at a turn's start, "so that's", "just to confirm", "i have".
_READ_BACK_CUE = re.compile(
    r"\b(?:(?:let[ \t]+me|i'?ll|i[ \t]+will)[ \t]+(?:read|repeat)"
    r"(?:[ \t]+(?:that|it|this|those))?(?:[ \t]+back)?(?:[ \t]+to[ \t]+you)?"
    r"|read(?:ing)?[ \t]+(?:that[ \t]+|it[ \t]+)?back)\b[ \t,:.\-]*"
    # (at a turn's start, after a word of thanks perhaps)
    r"|^[ \t>\-\"']*(?:(?:okay|ok|alright|all[ \t]+right|great|perfect|thanks|thank[ \t]+you"
    r"|got[ \t]+it|um|uh|sorry)[ \t]*[,.!]?[ \t]+)*(?P<opening>so,?[ \t]+that'?s|(?:just[ \t]+)?to"
    r"[ \t]+confirm|confirming|i[ \t]+have|i'?ve[ \t]+got|i[ \t]+got|i'?m[ \t]+showing"
    # (a read-back asked: "sorry, was that three twenty three eighty nine?")
    r"|(?:was|is)[ \t]+that(?:[ \t]+the)?)\b[ \t,:.\-]*",
    re.IGNORECASE,
)
#: How many turns before a read-back the question for its value may lie.
_READ_BACK_TURNS = 8


def _cued_read_backs(
    segments: Sequence[Segment],
    runs: Sequence[list[NumberRun]],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    """A value read back after a cue that says so ("let me read that back: oh five forty six
    six seven seven nine zero?") that no value of the call holds (the answer was said in
    pieces, set right, misheard): it is read with the question that asked for it (the last
    question for a value within `_READ_BACK_TURNS` turns), as if it were the answer. The
    words at a turn's start ("so that's", "i have") read back only what comes right after
    them, amounts and times never."""
    for i, segment in enumerate(segments):
        if not runs[i]:
            continue
        cue = _READ_BACK_CUE.search(segment.text)
        if cue is None:
            continue
        taken = [f.span for f in (*found[i], *added[i])]
        text = segment.text
        open_runs = [
            r for r in runs[i]
            if r.start >= cue.end()
            and not any(t.contains(Span(r.start, r.end)) for t in taken)
            and not _amount_or_time(text, r.start, r.end, r.digits)
        ]  # fmt: skip
        if not open_runs or (
            # (a turn's "so that's" or "i have" reads back what comes right after it, not
            # "i have a payment of ...", "i have the order number, it's ...")
            cue.group("opening") and len(_WORD.findall(text, cue.end(), open_runs[0].start)) > 2
        ):
            continue
        asked = _read_back_question(segments, i)
        if asked < 0:
            continue
        lead = _asking(segments[asked].text, runs[asked])[-QUESTION_CHARS:] + "\n"
        said = text[cue.end() :]
        offset = len(lead) - cue.end()
        reason = f"conversation: read back after the question in {segments[asked].id}"
        for finding in ctx.scan(lead + said):
            start, end = finding.start - offset, finding.end - offset
            if start >= cue.end() and any(start < r.end and r.start < end for r in open_runs):
                added[i].append(_derived(finding, Span(start, end), segment.id, reason))


def _asking(text: str, runs: Sequence[NumberRun]) -> str:
    """A question's turn up to the number after what it asks for, if any: its speaker's answer
    ("what's your policy number sure three nine one")."""
    asks = list(_ASKS_VALUE.finditer(text))
    after = [r.start for r in runs if asks and r.start >= asks[-1].end()]
    return text[: after[0]] if after else text


def _read_back_question(segments: Sequence[Segment], i: int) -> int:
    """The index of the last turn that asks for a value within `_READ_BACK_TURNS` turns before
    turn i; else -1. Whoever said it: a diarizer gives an agent's question to the caller."""
    for k in range(i - 1, max(-1, i - 1 - _READ_BACK_TURNS), -1):
        asked = segments[k].text[-QUESTION_CHARS:]
        if _ASKS_VALUE.search(asked) or _ASKS_WORDS.search(asked):
            return k  # (a password's, an address's too: "just to confirm, m a p l e 1924")
    return -1


def _continued_values(
    segments: Sequence[Segment], added: Sequence[Sequence[Finding]], ctx: Conversation
) -> list[tuple[str, EntityType, str]]:
    """The whole values that 1. found said in pieces over several turns, as (digits, entity,
    where): "five four six two" / "okay five one five" / "and oh eight three" is 5462515083,
    whose read-back ("i've got fifty four sixty two five one five oh eight three") no piece
    alone finds (digits, entity and the first piece's turn, as `_read_backs` lists values)."""
    joined: dict[tuple[str, str], tuple[list[str], EntityType, str]] = {}
    for segment, more in zip(segments, added, strict=True):
        for f in more:
            if f.detector != "conversation" or not f.reasons[0].startswith(_CONTINUED):
                continue
            key = (f.reasons[0], f.fingerprint)
            piece = _digits(segment.text[f.start : f.end], ctx)
            if key not in joined:
                joined[key] = ([piece], f.entity, segment.id)
            else:
                joined[key][0].append(piece)
    values = [("".join(pieces), entity, where) for pieces, entity, where in joined.values()]
    return [value for value in values if len(value[0]) >= 6]


#: Letters spelled one by one, or in capitals, right before a number: an identifier's prefix
#: read back with it ("and that is j m r, one five six one, ...", "so PZB 0247 ...").
_LETTERS_BEFORE = re.compile(
    r"(?:(?<![\w'])[A-Za-z][ \t]*,?[ \t]+){2,4}\Z"
    rf"|(?<![\w'])(?!{CAPS_WORDS}\b)[A-Z]{{2,4}},?[ \t]+\Z"
)


def _with_letters_before(text: str, span: Span) -> Span:
    """`span`, from the prefix of letters before it (`_LETTERS_BEFORE`) where there is one."""
    prefix = _LETTERS_BEFORE.search(text, max(0, span.start - 24), span.start)
    return Span(prefix.start(), span.end) if prefix is not None else span


#: The short values read back (`_heard_back`): their digits' counts.
_SHORT_VALUES = {
    "US_ZIP": (5,), "CARD_CVV": (3, 4), "PIN": (4, 5, 6), "US_SSN_LAST4": (4,),
    "CARD_LAST4": (4,),
}  # fmt: skip
#: How many turns after a short value its read-back may come: a ZIP's, and the others'.
_ZIP_REACH = 3
_SHORT_REACH = 2


def _heard_back(
    segments: Sequence[Segment],
    short: Sequence[tuple[int, str, EntityType]],
    i: int,
    digits: str,
) -> tuple[int, EntityType] | None:
    """The turn and the entity of a short value (`_SHORT_VALUES`) said in one of the few turns
    before turn i, which `digits` read back, a digit misheard perhaps ("31871" / agent: "just
    to confirm, three eighteen twenty one"; "oh six five" / "and that is five six five"): as
    long, at most one digit not the same; of four digits or fewer, by the other speaker.
    (Longer values' read-backs `_read_backs` finds anywhere in the call; a short one only so
    close.)"""
    for k, value, entity in short:
        reach = _ZIP_REACH if entity.name == "US_ZIP" else _SHORT_REACH
        if len(value) != len(digits) or not 0 < i - k <= reach:
            continue
        if len(digits) <= 4 and segments[k].speaker == segments[i].speaker:
            continue
        if sum(a != b for a, b in zip(digits, value, strict=True)) <= 1:
            return k, entity
    return None


def _misread(digits: str, value: str) -> bool:
    """A read-back with one digit wrong ("i have four three four nine one seven two nine
    eight" for ...nine three), or two neighbours swapped: as long as the value (six digits at
    least)."""
    return len(value) >= 6 and misheard_digits(digits, value)


def _echoed(
    segments: Sequence[Segment],
    said: Sequence[Sequence[tuple[str, EntityType]]],
    i: int,
    digits: str,
) -> EntityType | None:
    """The entity of the value a piece of which the other speaker said in the turn before, when
    turn i repeats that piece ("five three six" / agent: "five three six"): a short piece,
    which no read-back of a whole value finds. `said`: each turn's findings' digits."""
    if i == 0 or segments[i - 1].speaker == segments[i].speaker:
        return None
    for piece, entity in said[i - 1]:
        if piece == digits:
            return entity
    # (or an end of the value the other speaker read back, set right: "so that's five eight
    # seven, two one three" / "not quite, the first part is five nine seven")
    size = len(digits)
    # (or its middle, two digits at least: "no no, the middle part is three five")
    middle = size >= 2 and _MIDDLE.search(segments[i].text) is not None
    if (size < 3 and not middle) or _SETS_RIGHT.search(segments[i].text) is None:
        return None
    for piece, entity in said[i - 1]:
        if middle:
            if len(piece) > size + 1 and any(
                misheard_digits(digits, piece[k : k + size]) for k in range(1, len(piece) - size)
            ):
                return entity
        elif len(piece) >= 2 * size and (
            misheard_digits(digits, piece[:size]) or misheard_digits(digits, piece[-size:])
        ):
            return entity
    return None


_MIDDLE = re.compile(r"\bmiddle\b", re.IGNORECASE)
#: A turn that sets a read-back right ("not quite, the first part is ...", "no, it ends in").
_SETS_RIGHT = re.compile(r"\b(?:no|not|nope|wrong|part|ends?|starts?)\b", re.IGNORECASE)


# --- 5. addresses said in two turns --------------------------------------------------------

#: A turn that opens with an e-mail address's domain, fillers before it ("at sign gmail dot
#: com", "uh at yahoo dot com", "@gmail.com"): the end of an address whose local part its
#: speaker said in a turn before ("it's v a n dash d u o" / "okay" / "at sign gmail dot com").
_DOMAIN_OPENING = re.compile(
    r"[\s,.>-]*(?:(?:uh|um|er|and|so|then|okay|ok)[\s,.]+)*"
    r"(?P<domain>(?:at(?:[ \t]+sign)?[ \t]+|@[ \t]*)"
    r"[a-z0-9][a-z0-9-]*(?:[ \t]*(?:dot|\.)[ \t]*[a-z]{2,})+)",
    re.IGNORECASE,
)
#: The most words of the turn before a domain (a spelled letter is none), unless the turn
#: before it asks for an address.
_LOCAL_PART_WORDS = 10
_ADDRESS_CUE = re.compile(r"e-?mail|address", re.IGNORECASE)
#: How many turns, back-channel or time codes, an unlabelled transcript's domain may be apart
#: from its local part ("S A L E X A N D E R FIFTY" / "00:00:34:07" / "OKAY" / "00:00:35:18" /
#: "AT SIGN GMAIL DOT COM").
_PAST_TURNS = 5
#: How many turns back a speaker's local part may be (other speakers' back-channel between).
_SPEAKER_TURNS_BACK = 3
#: How far into a turn its domain may open (past fillers): a cheap test before the pattern.
_DOMAIN_LEAD = 24


def _split_addresses(
    segments: Sequence[Segment],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    """An e-mail address whose local part ends one turn and whose domain opens a later turn of
    the same speaker, other speakers' back-channel in between: the two read as one text (with
    the question before them), each turn's piece an EMAIL finding."""
    for j, segment in enumerate(segments):
        opening = segment.text[:_DOMAIN_LEAD].lower()
        if "at" not in opening and "@" not in opening:
            continue
        domain = _DOMAIN_OPENING.match(segment.text)
        if domain is None or any(f.start < domain.start("domain") for f in found[j]):
            continue  # (a domain found alone, "at sign gmail dot com", is read on)
        i = _local_part_turn(segments, j)
        if i < 0 or any(f.entity.name == "EMAIL" for f in found[i]):
            continue
        first = segments[i].text.rstrip()
        if _long_turn(first) and not _address_asked(segments, i):
            continue  # a long turn, no address asked for: "... and that was on this tuesday"
        lead, _ = _question_before(segments, i)
        at = domain.start("domain")
        reason = f"conversation: e-mail address continued from {segments[i].id}"
        tail = segment.text[at : domain.end()]
        for one, other in _read_across(
            ctx, lead, (segments[i], first), (segment, at, tail), "EMAIL", reason
        ):
            added[i].append(one)
            added[j].append(other)


def _read_across(
    ctx: Conversation,
    lead: str,
    head: tuple[Segment, str],
    tail: tuple[Segment, int, str],
    entity: str,
    reason: str,
) -> Iterator[tuple[Finding, Finding]]:
    """A value that one turn ends (`head`: the turn and its text up to the value's end) and a
    later turn opens (`tail`: the turn, where the value's piece in it starts, its text from
    there), read as one text with the question before them (`lead`): each `entity` finding
    that crosses from the one to the other, as two findings, one in each turn."""
    first, head_text = head
    second, at, tail_text = tail
    cut = len(lead) + len(head_text)
    for f in ctx.scan(f"{lead}{head_text} {tail_text}"):
        if f.entity.name != entity or not len(lead) <= f.start < cut < f.end:
            continue
        yield (
            _derived(f, Span(f.start - len(lead), len(head_text)), first.id, reason),
            _derived(f, Span(at, at + f.end - cut - 1), second.id, reason),
        )


#: A short turn that ends in a house number, perhaps trailing off ("uh, 6025...", "four two
#: eight..."): its last word is checked to be a number.
_HOUSE_NUMBER_END = re.compile(r"([\w']+)[ \t]*(?:\.{2,3}|…|-+|—)?[ \t]*\Z")
#: Words the turn of a house number may have at most ("double one three two five...").
_HOUSE_TURN_WORDS = 8


def _split_streets(
    segments: Sequence[Segment],
    found: Sequence[Sequence[Finding]],
    added: list[list[Finding]],
    ctx: Conversation,
) -> None:
    """A street address asked for, whose house number ends a short turn and whose street opens
    the same speaker's next turn, other speakers' back-channel in between: the two read as one
    text, each turn's piece a STREET_ADDRESS finding."""
    for i, segment in enumerate(segments):
        text = segment.text.rstrip()
        end = _HOUSE_NUMBER_END.search(text)
        if end is None or not is_number_word(end.group(1).lower()):
            continue
        if len(_WORD.findall(text)) > _HOUSE_TURN_WORDS or not _address_asked(segments, i):
            continue
        if any(f.entity.name == "STREET_ADDRESS" for f in found[i]):
            continue
        j = next(
            (
                k
                for k in range(i + 1, min(len(segments), i + _SPEAKER_TURNS_BACK + 1))
                if _local_part_turn(segments, k) == i
            ),
            -1,
        )
        if j < 0:
            continue
        lead, _ = _question_before(segments, i)
        first = text[: end.end(1)]  # (its trailing off would part the number from the street)
        reason = f"conversation: street address continued from {segment.id}"
        head, tail = (segment, first), (segments[j], 0, segments[j].text)
        for one, other in _read_across(ctx, lead, head, tail, "STREET_ADDRESS", reason):
            added[i].append(one)
            added[j].append(other)


def _address_asked(segments: Sequence[Segment], i: int) -> bool:
    """Whether the turn before turn `i` (past time codes and back-channel) asks for an address."""
    k = _past_no_words(segments, i - 1, i - _PAST_TURNS)
    return k >= 0 and _ADDRESS_CUE.search(segments[k].text) is not None


def _past_no_words(segments: Sequence[Segment], k: int, stop: int) -> int:
    """Turn k, or the turn before it past back-channel and time codes (`_no_words`), going no
    further back than turn `stop` + 1 and turn 0."""
    while k > max(0, stop) and _no_words(segments[k].text):
        k -= 1
    return k


def _long_turn(text: str) -> bool:
    return sum(len(w) > 1 for w in _WORD.findall(text)) > _LOCAL_PART_WORDS


def _no_words(text: str) -> bool:
    """Only fillers ("okay", "uh huh"), or a caption's time code ("00:00:34:07")."""
    if ":" in text and not any(c.isalpha() for c in text):
        return True
    return all(w.lower() in _FILLERS for w in _WORD.findall(text))


def _local_part_turn(segments: Sequence[Segment], j: int) -> int:
    """The turn before turn `j` of its speaker, past at most two short turns of others (or,
    speakers unknown, the turn before, past a back-channel); -1 when there is none."""
    speaker = segments[j].speaker
    if not speaker:  # past back-channel, whoever said it, and time codes ("okay", "00:00:34:07")
        return _past_no_words(segments, j - 1, j - _PAST_TURNS - 1)
    i = j - 1
    while i >= 0 and j - i <= _SPEAKER_TURNS_BACK and segments[i].speaker != speaker:
        text = segments[i].text
        if len(_WORD.findall(text)) > BACKCHANNEL_WORDS or any(c.isdigit() for c in text):
            return -1
        i -= 1
    return i if i >= 0 and j - i <= _SPEAKER_TURNS_BACK and segments[i].speaker == speaker else -1


def new_only(found: Sequence[Finding], added: Sequence[Finding]) -> list[Finding]:
    """Added findings not already inside a finding of the turn (or of each other)."""
    out: list[Finding] = []
    for f in sorted(added, key=lambda f: (f.start, -f.end)):
        if any(g.span.contains(f.span) and not gives_way(g, f) for g in (*found, *out)):
            continue
        out.append(f)
    return out


def _said_phone(finding: Finding) -> bool:
    """A phone number only its ten digits said one by one make (`phone.said_phones`)."""
    return SAID_PHONE_REASON in finding.reasons


def gives_way(finding: Finding, other: Finding) -> bool:
    """Whether `finding` gives way to `other`, another reading of its words: a phone number
    only its said digits make, to what the conversation reads them as (the question they
    answer, "what's the account number?" / ... / "eight one five seven ...")."""
    return (
        _said_phone(finding)
        and other.entity != finding.entity
        and other.span.contains(finding.span)
    )
