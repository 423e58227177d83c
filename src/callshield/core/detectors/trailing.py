"""Values said before what they are: "it's 7731 for the pin", "456 is the security code",
"62704 is my zip", "021000021 is the routing number".

Callers often give the value first and name it after, and a detector that reads only after
its cue leaves such a value in clear. This detector listens to the cue triggers of the
detectors that read after their cue (the same patterns: the database holds each once, so it
costs the multi-pattern scan nothing); at a cue that "is my", "is the", "for the" (and the
like) introduce, the words of the cue say which value the number before them is, from one
table. Spoken numbers reach this detector as digits (the normaliser writes them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate, phrase_alternation
from callshield.core.detection.caseless import Caseless
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.values import (
    ACCOUNT_VALUE,
    CVV_VALUE,
    EXPIRY_VALUE,
    LAST4_VALUE,
    OTP_VALUE,
    PIN_VALUE,
    ROUTING_VALUE,
    ZIP_VALUE,
    Validator,
    routing_ok,
)
from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    ONE_TIME_CODE,
    PIN,
    US_SSN_LAST4,
    US_ZIP,
    EntityType,
)


@dataclass(frozen=True, slots=True)
class _Named:
    """What the words after a number make of it: an entity, and the shape its value has."""

    entity: EntityType
    value: re.Pattern[str]
    #: as the detectors that read after their cue validate: a reason, or None (demoted)
    validator: Validator | None = None


def _named(entity: EntityType, value: str, validator: Validator | None = None) -> _Named:
    # the value ends where the words that name it begin (blanks and a comma between)
    return _Named(entity, re.compile(rf"(?:{value})[ \t,]*\Z", re.IGNORECASE), validator)


_PIN = _named(PIN, PIN_VALUE)
_CVV = _named(CARD_CVV, CVV_VALUE)
_ZIP = _named(US_ZIP, ZIP_VALUE)
_EXPIRY = _named(CARD_EXPIRY, EXPIRY_VALUE)
_LAST4 = _named(US_SSN_LAST4, LAST4_VALUE)
_ROUTING = _named(ABA_ROUTING, ROUTING_VALUE, routing_ok)
_ACCOUNT = _named(BANK_ACCOUNT, ACCOUNT_VALUE)
_OTP = _named(ONE_TIME_CODE, OTP_VALUE)

#: The words after "is my", "for the": what they name. (A card number, an SSN, a phone
#: number or a date of birth said first is found by its own detector.)
NAMES: dict[str, _Named] = {
    "pin": _PIN, "pin number": _PIN, "pin code": _PIN, "passcode": _PIN,
    "security code": _CVV, "cvv": _CVV, "cvc": _CVV, "code on the back": _CVV,
    "three digits on the back": _CVV, "3 digits on the back": _CVV, "card code": _CVV,
    "zip": _ZIP, "zip code": _ZIP, "zipcode": _ZIP, "postal code": _ZIP,
    "expiration": _EXPIRY, "expiration date": _EXPIRY, "expiry": _EXPIRY,
    "expiry date": _EXPIRY, "exp date": _EXPIRY,
    "last four of my social": _LAST4, "last four of the social": _LAST4,
    "last four digits of my social": _LAST4, "last four of my ssn": _LAST4,
    "last 4 of my social": _LAST4, "last four of my social security number": _LAST4,
    "routing number": _ROUTING, "routing": _ROUTING, "aba": _ROUTING,
    "account number": _ACCOUNT, "account": _ACCOUNT, "checking account": _ACCOUNT,
    "savings account": _ACCOUNT, "bank account": _ACCOUNT,
    "verification code": _OTP, "one time code": _OTP, "one-time code": _OTP,
    "one time passcode": _OTP, "otp": _OTP, "code you sent": _OTP, "code you sent me": _OTP,
    "code you texted me": _OTP, "code i got": _OTP, "sign-in code": _OTP, "sign in code": _OTP,
    "login code": _OTP, "authentication code": _OTP, "2fa code": _OTP, "sms code": _OTP,
}  # fmt: skip

#: What may follow the words that name a value: the end of the sentence, or a word that
#: does not go on naming something else ("1500 for the pin pad" is no PIN).
_NAME_ENDS = (
    r"[ \t]*(?:[,.!?;:\n]|\Z)|[ \t]+(?:and|then|so|ok|okay|please|on|for|right|thanks|thank|i"
    r"|uh|um|yeah|yes|but|is|if|that|to|in|it|now|again|correct|too|as|from|with|by)(?![\w'\-])"
)
#: At a cue's end: "is my" (or the like), then the words that name the value, ending there.
_NAMES_BODY = phrase_alternation(NAMES, r"[ \t]+")
#: (a word may stand between: "482913 is your Google verification code", "is my new pin")
#: (or "that's": "six six eight eight two eight three two, that's the checking account")
_NAMING = r"(?:is|are|was|for|as|that'?s|that[ \t]+is|which[ \t]+is)"
_NAMED_HERE = Caseless(
    rf"[ \t,]+{_NAMING}[ \t]+(?:my|the|your|his|her|our)[ \t]+"
    rf"(?:[a-z][\w&'\-]*[ \t]+)?(?P<cue>{_NAMES_BODY})\Z"
)
_FOLLOWED = re.compile(_NAME_ENDS, re.IGNORECASE)
#: Right after a value: the words that name it ("... 565 is the security code").
_NAMED_NEXT = re.compile(
    rf"[ \t,]+{_NAMING}[ \t]+(?:my|the|your|his|her|our)[ \t]+(?P<cue>{_NAMES_BODY})"
    rf"(?={_NAME_ENDS})",
    re.IGNORECASE,
)


def named_after(text: str, pos: int) -> EntityType | None:
    """What the words right after `pos` name the value that ends there ("713 is the security
    code": CARD_CVV), or None. A detector that reads a value after its own cue leaves such a
    value to what names it."""
    found = _NAMED_NEXT.match(text, pos)
    return None if found is None else NAMES[" ".join(found.group("cue").lower().split())].entity


#: A one-time code's letter prefix ("G-482913"), alone before it.
_CODE_PREFIX = re.compile(r"(?<![\w\-])[A-Z]-\Z")
#: The words between a value and what names it, one of which the window must hold.
_LINK_WORDS = (" my ", " the ", " your ", " his ", " her ", " our ")


#: The entities a value said before its cue can be.
TRAILING = frozenset(named.entity for named in NAMES.values())


class TrailingCueDetector:
    """A number, then the words that say what it is ("... is my pin"), at the hits of
    `triggers`: the cue triggers of the detectors that read after their cue."""

    name = "trailing_cue"

    def __init__(self, triggers: Sequence[Trigger]) -> None:
        self._triggers = tuple(dict.fromkeys(triggers))

    @property
    def entities(self) -> frozenset[EntityType]:
        return TRAILING

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return self._triggers

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        ends = sorted({end for group in hits for end in group})
        for end in ends:
            found = self._at(text, end)
            if found is not None:
                yield found

    def _at(self, text: str, end: int) -> Candidate | None:
        lo = max(0, end - 64)
        window = text[lo:end].lower()
        if not any(word in window for word in _LINK_WORDS):
            return None  # (most cues: "my pin is ...", read by the cue's own detector)
        link = _NAMED_HERE.search(text, lo, end)
        if link is None or _FOLLOWED.match(text, end) is None:
            return None
        said = " ".join(link.group("cue").lower().split())
        named = NAMES[said]
        value = named.value.search(text, max(0, link.start() - 48), link.start())
        if value is None:
            return None
        start = value.start()
        stop = start + len(value.group().rstrip(" \t,"))
        if named is _OTP and _CODE_PREFIX.search(text, max(0, start - 3), start):
            start -= 2  # "G-482913 is your Google verification code": the prefix is the code's
        elif start and (text[start - 1].isalnum() or text[start - 1] in "-/."):
            return None  # the end of a longer number or word: not this value
        digits = text[start:stop]
        reasons = [f"context '{said}' after"]
        score = 0.85
        if named.validator is not None:
            verdict = named.validator(digits)
            if verdict is None:
                score = 0.7
                reasons.append("validation failed; kept by context")
            else:
                reasons.append(verdict)
        return Candidate(named.entity, start, stop, score, tuple(reasons), digits.lower())
