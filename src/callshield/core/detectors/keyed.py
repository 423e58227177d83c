"""Digits a caller keys on the phone's keypad (DTMF), as an IVR transcript writes them:
"[DTMF: 5 0 5 2 4 #]", "<DTMF>290199599#</DTMF>", "[dtmf 6 0 1 1 ...]", "(caller entered
1132)", an IVR log's "INPUT dtmf: 1397".

An IVR asks for exactly what it verifies a caller with: the card number, its expiry, the
account number, the ZIP, the date of birth, the last four of the social, the telephone PIN. So
keyed digits (four or more: a menu choice is one) are sensitive, and the prompt before them
says what they are ("enter the five digit zip code of your billing address"). Without a prompt
that names a value, they are reported as a PIN (a code keyed in secret), which they most
often are. PCI DSS expects keyed card data to be suppressed in recordings and transcripts.

The codes a system sends the customer to key in are logged too: a log line's "code=" field,
where the line says it is a one-time code (`_logged_code`), is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    CUSTOMER_NUMBER,
    DATE_OF_BIRTH,
    HEALTH_INSURANCE_ID,
    INSURANCE_POLICY,
    ONE_TIME_CODE,
    PAYMENT_CARD,
    PHONE,
    PIN,
    US_SSN,
    US_SSN_LAST4,
    US_ZIP,
    EntityType,
)

#: The keyed digits after a DTMF tag's opening (four or more, perhaps spaced, then "#").
_KEYED = re.compile(r"[ \t:=]*(?P<v>\d(?:[ \t]?\d){3,24})(?![\d])")
#: The prompt a keyed entry answers: its last "enter" (or "key in", "type") before the tag.
_PROMPT = re.compile(r"\b(?:enter|key[ \t]+in|type|input)\b", re.IGNORECASE)
#: How far back the prompt may be.
_PROMPT_REACH = 200
#: What a prompt asks for, in the order the phrases are tried (the first that the prompt says
#: wins: "telephone pin" is a PIN, "phone number associated with your account" a phone).
_ASKED: tuple[tuple[re.Pattern[str], EntityType], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), entity)
    for pattern, entity in (
        # (the social first: "the last four digits of the card holder's Social Security")
        (r"\blast[ \t]+(?:four|4)\b[^\n]*\b(?:social|ssn)\b", US_SSN_LAST4),
        (r"\b(?:social|ssn)\b", US_SSN),
        (r"\bcard\b", PAYMENT_CARD),
        (r"\bexpir", CARD_EXPIRY),
        (r"\b(?:security[ \t]+code|cvv|cvc)\b", CARD_CVV),
        (r"\b(?:date[ \t]+of[ \t]+birth|birth[ \t]*date|dob)\b", DATE_OF_BIRTH),
        (r"\b(?:zip|postal)\b", US_ZIP),
        (r"\b(?:pin|passcode|pass[ \t]+code|access[ \t]+code)\b", PIN),
        (r"\b(?:phone|telephone|mobile)[ \t]+number\b", PHONE),
        (r"\brouting\b", ABA_ROUTING),
        (r"\bpolicy\b", INSURANCE_POLICY),
        (
            r"\b(?:rewards?|loyalty|frequent[ \t]+fl[yi]er|customer)[ \t]+(?:number|id)\b",
            CUSTOMER_NUMBER,
        ),
        (r"\b(?:member|subscriber)\b", HEALTH_INSURANCE_ID),
        (r"\baccount\b", BANK_ACCOUNT),
    )
)


@dataclass(frozen=True, slots=True)
class KeyedDigitsDetector:
    """Keyed (DTMF) entries of four digits or more, named by the IVR's prompt before them."""

    name: str = "keyed_digits"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset(entity for _, entity in _ASKED) | {PIN, ONE_TIME_CODE}

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (
            # (or a log's field: "[IVR 00:23] INPUT  dtmf: 1397", "dtmf=1397", or its column:
            # "00:00:23.846 DTMF   6 6 5 2 1 9 4 1 7 #")
            Trigger(
                r"(?:\[|<)dtmf\b[ \t:>]*|\bdtmf[ \t]*[:=]|\bdtmf[ \t]+"
                r"|\bcaller[ \t]+entered\b",
                max_len=24,
            ),
            # a log's "code=" field (`_logged_code`), or a JSON event's ('"code":"892893"')
            Trigger(r"\bcode(?:=|[\"']?[ \t]?:)", max_len=12),
            # an Asterisk AGI script's digits read from the keypad: "GET DATA silence/1 7000
            # 4", the result on the next line ("200 result=9961")
            Trigger(r"\bGET[ \t]+DATA\b", max_len=12, caseless=False),
            # a digit an event: SIP INFO's dtmf-relay "Signal=5", FreeSWITCH's "DTMF-Digit: 5",
            # a media stream's '{"type":"dtmf","digit":"5"}' (`_event_digits`)
            Trigger(r"\bSignal=\d|\bDTMF-Digit:[ \t]*\d|\"digit\"[ \t]*:[ \t]*\"\d", max_len=20),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[1]:
            logged = _logged_code(text, end)
            if logged is not None:
                yield logged
        if hits[3]:
            yield from _event_digits(text)
        for end in hits[2]:
            got = _AGI_RESULT.match(text, end, min(len(text), end + 240))
            if got is not None:
                entity, reason = _asked(text, text.rfind("\n", 0, end))
                why = ("keyed on the phone's keypad (an AGI script's GET DATA)", reason)
                yield Candidate(entity, *got.span("v"), 0.85, why, got.group("v"))
        for end in hits[0]:
            keyed = _KEYED.match(text, end, min(len(text), end + 64))
            if keyed is None:
                continue
            start, stop = keyed.span("v")
            entity, reason = _asked(text, text.rfind("\n", 0, end))
            value = "".join(ch for ch in keyed.group("v") if ch.isdigit())
            reasons = ("keyed on the phone's keypad (DTMF)", reason)
            yield Candidate(entity, start, stop, 0.85, reasons, value)


#: One keyed digit an event, and what ends an entry between two of them: a prompt, a menu's
#: "press", a text-to-speech event, or a long way.
_EVENT_DIGIT = re.compile(
    r"(?:\bSignal=|\bDTMF-Digit:[ \t]*|\"digit\"[ \t]*:[ \t]*\")(?P<d>\d)(?!\d)", re.IGNORECASE
)
_ENTRY_BREAK = re.compile(r"\b(?:enter|press|tts|speak|playback|say)\b|%20", re.IGNORECASE)
_EVENT_GAP = 500


def _event_digits(text: str) -> Iterable[Candidate]:
    """Digits keyed an event a line (or a block) each, grouped into entries (events close
    together with no prompt between them) and each entry's digits reported as what the prompt
    before it asks for: an entry of four digits or more (three for a card's code), never a
    menu's one."""
    entry: list[re.Match[str]] = []
    for digit in [*_EVENT_DIGIT.finditer(text), None]:
        if (
            digit is not None
            and entry
            and (
                digit.start() - entry[-1].end() <= _EVENT_GAP
                and _ENTRY_BREAK.search(text, entry[-1].end(), digit.start()) is None
            )
        ):
            entry.append(digit)
            continue
        if entry:
            entity, reason = _asked(text, text.rfind("\n", 0, entry[0].start()))
            if len(entry) >= (3 if entity == CARD_CVV else 4):
                value = "".join(m.group("d") for m in entry)
                why = ("keyed on the phone's keypad, a digit an event", reason)
                for m in entry:
                    yield Candidate(entity, m.start("d"), m.end("d"), 0.85, why, value)
        entry = [digit] if digit is not None else []


#: The rest of a GET DATA line, then the next line's result: the digits keyed (four or more).
_AGI_RESULT = re.compile(r"[^\n]*\n[^\n]*?\b200[ \t]+result=(?P<v>\d{4,24})(?!\d)")
#: A log's "code=" value: four to eight digits, perhaps quoted.
_CODE_VALUE = re.compile(r"[ \t]?[\"']?(?P<v>\d{4,8})(?![\w.\-])")
#: What says, on the log's line, that its code is a one-time code sent to the customer:
#: 'svc=mfa msg="otp issued" to=617.555.0104 code=894290 ttl=300'.
_ONE_TIME = re.compile(
    r"\b(?:otp|mfa|2fa|one[_ \-]?time|verif\w*|passcode|sms[_ \-]?code)\b", re.IGNORECASE
)


def _logged_code(text: str, end: int) -> Candidate | None:
    """The value of a log line's "code=" field where the line says it is a one-time code
    (sent by the system that logs it: an agent who reads the log can take the account
    over); a "code=" that the line says nothing of (an error's, a promotion's) is none."""
    value = _CODE_VALUE.match(text, end, min(len(text), end + 12))
    if value is None:
        return None
    line_start = text.rfind("\n", 0, end) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _ONE_TIME.search(text, line_start, line_end) is None:
        return None
    start, stop = value.span("v")
    reasons = ("a log's code field", "the log line says it is a one-time code")
    return Candidate(ONE_TIME_CODE, start, stop, 0.85, reasons, value.group("v"))


def _asked(text: str, line_start: int) -> tuple[EntityType, str]:
    """What the prompt before a keyed entry (on the lines before `line_start`) asks for."""
    lo = max(0, line_start - _PROMPT_REACH)
    prompt = next(reversed(list(_PROMPT.finditer(text, lo, max(lo, line_start)))), None)
    if prompt is not None:
        said = text[prompt.start() : max(prompt.start(), line_start)]
        for asked, entity in _ASKED:
            if asked.search(said):
                return entity, f"the prompt asks for it: {entity.name}"
    return PIN, "no prompt names it: a code keyed in secret"
