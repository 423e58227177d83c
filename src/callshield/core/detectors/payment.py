"""Payment cards (PAN) with Luhn and issuer ranges, and the expiry and CVV that follow them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from stdnum import luhn

from callshield.core.detection.base import (
    NUMBER_RUN,
    Candidate,
    Cues,
    cap,
    context_reason,
    matches_near,
    only_digits,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.trailing import named_after
from callshield.core.entities import CARD_CVV, CARD_EXPIRY, PAYMENT_CARD, EntityType

# (brand, prefix ranges as (low, high) on the leading digits, allowed lengths)
_ISSUERS: tuple[tuple[str, tuple[tuple[str, str], ...], frozenset[int]], ...] = (
    ("visa", (("4", "4"),), frozenset({13, 16, 19})),
    ("mastercard", (("51", "55"), ("2221", "2720")), frozenset({16})),
    ("amex", (("34", "34"), ("37", "37")), frozenset({15})),
    ("discover", (("6011", "6011"), ("644", "649"), ("65", "65")), frozenset(range(16, 20))),
    ("unionpay", (("62", "62"), ("81", "81")), frozenset(range(14, 20))),
    ("jcb", (("3528", "3589"),), frozenset(range(16, 20))),
    ("diners", (("300", "305"), ("36", "36"), ("38", "39")), frozenset(range(14, 20))),
    ("maestro", (("50", "50"), ("56", "58"), ("63", "63"), ("67", "67")), frozenset(range(12, 20))),
    ("mir", (("2200", "2204"),), frozenset(range(16, 20))),
    ("rupay", (("60", "60"), ("508", "508")), frozenset({16})),
    ("uatp", (("1", "1"),), frozenset({15})),
)


def issuer(digits: str) -> str | None:
    """The card brand whose IIN range and length fit `digits`, if any."""
    size = len(digits)
    for brand, ranges, lengths in _ISSUERS:
        if size not in lengths:
            continue
        for low, high in ranges:
            head = digits[: len(low)]
            if low <= head <= high:
                return brand
    return None


_CARD_CUES = Cues(
    [
        "card", "card number", "credit card", "debit card", "visa", "mastercard", "amex",
        "american express", "discover", "pan", "card no", "long number", "cc", "cardholder",
        # (in Spanish, French and Portuguese: "le numéro de carte?", "o número do cartão")
        "tarjeta", "carte", "cartão",
    ]
)  # fmt: skip
#: Identifiers that look like cards (Luhn-valid, in an issuer's range: an IMEI is in JCB's)
#: and are named as such a few words before: "the imei of my phone is 3569...".
_NOT_CARD_CUES = Cues(
    [
        "imei", "isin", "serial", "sku", "policy", "model", "part", "item", "product",
        "checking", "savings", "bank account", "routing",
    ]
)  # fmt: skip
#: A business's own references: no card only where they label the number, at most
#: `_LABEL_WORDS` words before it ("order number 4111...", "ticket #...", "order id: ..."):
#: further away they are what the conversation is about ("my order was paid with 4111...").
_REFERENCE_CUES = Cues(
    [
        "order", "tracking", "ticket", "invoice", "reference", "confirmation", "case", "claim",
        "po", "order number", "tracking number", "ticket number", "invoice number",
        "reference number", "confirmation number", "case number", "claim number", "po number",
        "member", "member id", "member number", "employee", "employee id", "employee number",
    ]
)  # fmt: skip
_LABEL_WORDS = 2
#: The words of a label between a reference's cue and its number: "order number 4111...",
#: "ticket id is ..." (not "the order using 4111...", "order failed, customer used 5555...").
_LABEL_GAP = frozenset("number no num nr id ref code is was says shows reads".split())
_GAP_WORD = re.compile(r"[a-z]+")


def _reference_label(text: str, start: int) -> tuple[str, int] | None:
    """The business reference that labels the number at `start`, if any."""
    found = _REFERENCE_CUES.before(text, start, max_words=_LABEL_WORDS)
    if found is None or found[1] == 0:
        return found
    window = text[max(0, start - 80) : start].lower()
    at = window.rfind(found[0])
    if at < 0:
        return found  # (blanks inside the cue: read as a label)
    gap = _GAP_WORD.findall(window, at + len(found[0]))
    return found if all(word in _LABEL_GAP for word in gap) else None


_LOOKAHEAD_GROUPS = 4
#: The fewest digits a candidate is made of (`_cards_from`): a shorter run holds no card.
_MIN_DIGITS = 12
#: The most digits a card number has (a 19-digit Visa, Maestro, UnionPay).
CARD_MAX_DIGITS = 19
# (groups apart by a dot, a dash, or up to three spaces; " - " too)
# (a digit first, then the look-behind: `re` finds a pattern's first character fast)
_RUN = re.compile(r"\d(?<![\w.@/-]\d)\d*(?:(?:[ ]?[.\-][ ]?|[ ]{1,3})\d+)*")
_GROUP = re.compile(r"\d+")
#: An expiry right after a card: "12/27", "exp 1227", and a bare "1227" that a code follows
#: (`_followers`): "twelve twenty seven" is written 1227 by the spoken-form normaliser.
_EXPIRY_AFTER = re.compile(
    r"\W{0,3}(?P<cue>(?:and\s+)?(?:the\s+)?"
    r"(?:exp(?:iry|ires|iring|iration)?|valid\s+thr?u|good\s+thr?u)"
    r"(?:'s)?\.?(?:\s+date)?(?:\s+is)?\s*:?\s*"
    # (an agent's shorthand, the card then "x" and its expiry: "cc 5555555555554444 x0726")
    r"|x(?=\d{4}(?!\d)))?"
    r"(?P<v>(?:0?[1-9]|1[0-2])\s?[/\-]\s?(?:20)?\d{2}|(?P<compact>(?:0[1-9]|1[0-2])(?:20)?\d{2}))"
    r"(?![\d/])",
    re.IGNORECASE,
)
_CVV_AFTER = re.compile(
    # (a run of separators taken whole, "++": split among the repeats in every way, thirty
    # blanks where a chat's "Name (18:44:38):" label was read as blanks took seconds)
    r"(?:[\s,.:;#\-]++|\s/\s|\b(?:and|the|is|it'?s|code|security|sec|cvv2?|cvc|csc|cid|verification|on"
    r"|back|three|four|digits?|uh|um|with)\b){0,10}?"
    r"(?<![\d/.\-])(?P<v>\d{3,4})(?![\d/]|[ .\-]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PaymentCardDetector:
    """PAN candidates from digit runs; Luhn and issuer ranges decide label and score."""

    name: str = "payment_card"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PAYMENT_CARD, CARD_EXPIRY, CARD_CVV})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (NUMBER_RUN,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for run in matches_near(_RUN, text, hits[0], back=80, ahead=40):
            if len(only_digits(run.group())) < _MIN_DIGITS:
                continue  # no card in it: amounts, times, short codes (most runs)
            groups = list(_GROUP.finditer(text, run.start(), run.end()))
            if len(groups[-1].group()) > 6 and 19 < len(only_digits(run.group())) <= 27:
                found = list(_card_with_data(text, groups))
                if found:
                    yield from found
                    continue
            if len(groups) > 1 and named_after(text, run.end()) is not None:
                # "3622 720627 1667 713 is the security code": the last group is named as
                # another value (a code, a PIN, a ZIP), so it is no part of a card
                groups.pop()
            for card in self._best_card(text, groups):
                if (
                    card.score < _REPORTED
                    and valid_card(card.value)
                    and _expiry_named(text, card.end)
                ):
                    # "order id: 4111... exp 11/27 cvv 123": an expiry named after it says
                    # what the number is, whatever label it was given
                    reasons = (*card.reasons, "an expiry is named after it")
                    card = replace(card, score=0.9, reasons=reasons)
                yield card
                yield from _followers(text, card.end)

    def _best_card(self, text: str, groups: list[re.Match[str]]) -> Iterator[Candidate]:
        """Cards in a run of digit groups, left to right: at each point the best card that
        starts within the next few groups (a run can hold several cards, "4111... 4012-...",
        or a stray group before one, "12 4111..."). Linear in the length of the run."""
        # the cue before the whole run, looked up once: "tracking number is 9468 2445 ..."
        negative = _NOT_CARD_CUES.before(
            text, groups[0].start(), max_words=5, unanswered=True
        ) or _reference_label(text, groups[0].start())
        # the card cue before a group, looked up once per group (not once per candidate), and
        # the cards starting at a group, worked out once (each group is a start for 4 rounds)
        contexts: dict[int, tuple[str, int] | None] = {}
        # (each with its rank, worked out once too)
        from_start: dict[int, list[tuple[tuple[float, int, bool, int], Candidate, int]]] = {}
        i = 0
        while i < len(groups):
            best: tuple[tuple[float, int, bool, int], Candidate, int] | None = None
            for start in range(i, min(len(groups), i + _LOOKAHEAD_GROUPS)):
                cards = from_start.get(start)
                if cards is None:
                    found = self._cards_from(text, groups, start, negative, contexts)
                    cards = [(_rank(text, cand), cand, stop) for cand, stop in found]
                    from_start[start] = cards
                for card in cards:
                    # higher score first; on a tie the earlier card, then the one grouped
                    # like a card, then the longer one
                    if best is None or card[0] > best[0]:
                        best = card
            if best is None:
                i += 1
                continue
            yield best[1]
            i = best[2]

    @staticmethod
    def _cards_from(
        text: str,
        groups: list[re.Match[str]],
        start: int,
        negative: tuple[str, int] | None,
        contexts: dict[int, tuple[str, int] | None],
    ) -> Iterator[tuple[Candidate, int]]:
        """Card candidates made of groups[start:stop] (12 to 19 digits)."""
        begin = groups[start].start()
        digits = ""
        for j in range(start, len(groups)):
            digits += groups[j].group()
            if len(digits) > CARD_MAX_DIGITS:
                return
            if len(digits) < _MIN_DIGITS:
                continue
            whole = start == 0 and j == len(groups) - 1
            if begin not in contexts:
                contexts[begin] = _payment_cue(text, begin)
            cand = _score_card(
                text, begin, groups[j].end(), digits, negative, contexts[begin], whole
            )
            if cand is not None:
                yield cand, j + 1


#: Cards that pay for nothing, or are no payment card: "gift card # 6006 ...", "SIM card".
_OTHER_CARDS = re.compile(
    r"\b(?:gift|sim|loyalty|rewards?|library|membership|member|id|business|memory|sd|key"
    r"|greeting|birthday|post|score|report|insurance|health|transit|metro|phone|calling"
    r"|prepaid\s+phone)[ \t\-]*\Z",
    re.IGNORECASE,
)


def _payment_cue(text: str, start: int) -> tuple[str, int] | None:
    """The card cue before `start`, unless it names another kind of card ("gift card")."""
    found = _CARD_CUES.before(text, start, max_words=10)
    if found is None or found[0] != "card":
        return found
    cues = list(_BARE_CARD.finditer(text, max(0, start - 120), start))
    if cues and _OTHER_CARDS.search(text, max(0, cues[-1].start() - 24), cues[-1].start()):
        return None
    return found


_BARE_CARD = re.compile(r"\bcard\b", re.IGNORECASE)


def _rank(text: str, cand: Candidate) -> tuple[float, int, bool, int]:
    """A card's rank among those a run holds. Grouping decides between two that score the
    same and start together: "3622 720627 1667 713" is a Diners card (4-6-4) and then its
    code, not a 17-digit card that happens to pass Luhn too."""
    raw = text[cand.start : cand.end]
    grouped = not raw.isdigit() and card_grouped(raw)  # (one block of digits shows no grouping)
    return cand.score, -cand.start, grouped, cand.end - cand.start


def _score_card(
    text: str,
    start: int,
    end: int,
    digits: str,
    negative: tuple[str, int] | None,
    context: tuple[str, int] | None,
    whole: bool = True,
) -> Candidate | None:
    if digits[0] == "0":  # major industry identifier 0 is never a card (and marks surrogates)
        return None
    luhn_ok = luhn.is_valid(digits)
    brand = issuer(digits)
    reasons: list[str] = ["luhn ok" if luhn_ok else "luhn failed"]
    if brand:
        reasons.append(f"issuer range {brand}")
    if context:
        reasons.append(context_reason(context))
    other_id = negative is not None and (context is None or negative[1] < context[1])
    if other_id:
        context = None  # the nearer cue says "order number": not a card
    if luhn_ok and brand:
        score = 0.3 if other_id else 0.95
    elif brand == "unionpay":
        score = 0.5  # some UnionPay cards do not use Luhn
    elif luhn_ok:
        score = 0.4
    else:
        score = 0.0
    if context and len(digits) >= 13:
        score = max(score + 0.04, 0.7) - 0.005 * context[1]  # fail safe: asked for the card
        if not luhn_ok:
            reasons.append("kept by context")
    if other_id and negative:
        reasons.append(f"context '{negative[0]}' suggests another identifier")
        score = min(score, 0.3)
    if not context and not whole and not card_grouped(text[start:end]):
        # a piece of a longer run: "123-45-6789 123-45-6789" must not yield a card
        reasons.append("part of a longer run, not grouped like a card")
        score = min(score, 0.3)  # "123-45-6789 123-45-6789": digits of other numbers
    if score <= 0.0:
        return None
    return Candidate(PAYMENT_CARD, start, end, cap(score), tuple(reasons), digits)


_SEPARATORS = re.compile(r"[ .\-]+")


def card_grouped(raw: str) -> bool:
    """Written the way cards are: one block, groups of four (the last may be shorter), or
    Amex/Diners 4-6-5 / 4-6-4, with one kind of separator."""
    parts = _SEPARATORS.split(raw)
    if len(parts) == 1:
        return True
    if len({sep.strip() or " " for sep in _SEPARATORS.findall(raw)}) > 1:
        return False
    sizes = [len(p) for p in parts]
    fours = all(size == 4 for size in sizes[:-1]) and 1 <= sizes[-1] <= 4
    return fours or sizes in ([4, 6, 5], [4, 6, 4])


#: The engine's default reporting threshold: a card scored below it is not reported.
_REPORTED = 0.5


def valid_card(digits: str) -> bool:
    """Luhn-valid and in an issuer's range."""
    return luhn.is_valid(digits) and issuer(digits) is not None


def _expiry_named(text: str, card_end: int) -> bool:
    """Whether an expiry follows right after `card_end` with its cue ("exp 11/27")."""
    expiry = _EXPIRY_AFTER.match(text, card_end, min(len(text), card_end + 60))
    return expiry is not None and expiry.group("cue") is not None


def _card_with_data(text: str, groups: list[re.Match[str]]) -> Iterator[Candidate]:
    """A card, its expiry and its code run together, as speech-to-text writes them said in
    one breath ("four one one one ... one twelve twenty seven one two three" ->
    "41111111111111111227123", or "4111 1111 1111 11111227123" after pauses): where the first
    13 to 19 digits make a valid card (Luhn and an issuer's range), the card ends in the last
    group, and the rest is an expiry (a month, then a year) and perhaps a code of three or
    four digits. Not after another identifier's cue ("order 4111..."); with no card cue before it,
    a lower score."""
    begin = groups[0].start()
    cue = _payment_cue(text, begin)
    if cue is None and (
        _NOT_CARD_CUES.before(text, begin, max_words=5, unanswered=True)
        or _reference_label(text, begin)
    ):
        return
    digits = "".join(g.group() for g in groups)
    last = groups[-1]
    before_last = len(digits) - len(last.group())
    for length in (16, 15, 19, 18, 17, 14, 13):
        rest = digits[length:]
        if length <= before_last or len(rest) not in (4, 7, 8) or not 1 <= int(rest[:2]) <= 12:
            continue
        if len(rest) == 4 and cue is None:
            continue  # a card and an expiry only after a card cue: 20 digits may be anything
        if not valid_card(digits[:length]):
            continue
        end = last.start() + length - before_last
        why = "a card, its expiry and its code in one run of digits"
        said = context_reason(cue) if cue is not None else "no card cue"
        reasons = ("luhn ok", f"issuer range {issuer(digits[:length])}", said, why)
        score = 0.9 if cue is not None else 0.6
        yield Candidate(PAYMENT_CARD, begin, end, score, reasons, digits[:length])
        yield Candidate(CARD_EXPIRY, end, end + 4, 0.85, ("follows card number",), rest[:4])
        if rest[4:]:
            yield Candidate(CARD_CVV, end + 4, last.end(), 0.75, ("follows card number",), rest[4:])
        return


def _followers(text: str, card_end: int) -> Iterator[Candidate]:
    """Expiry and CVV given right after a card number are recognised by their position."""
    pos = card_end
    expiry = _EXPIRY_AFTER.match(text, pos, min(len(text), pos + 60))
    if expiry and expiry.group("compact") and expiry.group("cue") is None:
        # four bare digits after a card are an expiry when a code follows them; alone they
        # may be the code itself (an Amex CID), which the code's pattern below reads
        end = expiry.end("v")
        if not _CVV_AFTER.match(text, end, min(len(text), end + 48)):
            expiry = None
    if expiry:
        s, e = expiry.span("v")
        yield Candidate(CARD_EXPIRY, s, e, 0.85, ("follows card number",), expiry.group("v"))
        pos = e
    cvv = _CVV_AFTER.match(text, pos, min(len(text), pos + 48))
    if cvv:
        s, e = cvv.span("v")
        yield Candidate(CARD_CVV, s, e, 0.75, ("follows card number",), cvv.group("v"))
