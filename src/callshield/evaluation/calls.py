"""Synthetic labelled calls, turn by turn: the payment conversations that per-sentence
detection misses.

A call is a `Document` of agent and customer turns with word timings, plus gold spans per turn.
Each call takes a card payment the way people really give one: the card number in one to four
pieces across turns with the agent's back-channel ("uh huh") in between, sometimes without
being asked; the agent's read-back, sometimes with a misheard digit and the customer's
correction; the expiry and the security code, asked for or given by position right after the
number. Around it sit decoys that a PCI window must not swallow: the order number before it,
the amount, and the confirmation number after it. Half the calls are written transcripts,
half raw spoken ASR (lowercase, numbers as words). Only published test cards are used.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from callshield.core.document import Channel, Document, Segment, WordTiming
from callshield.evaluation import corpus_spoken as say
from callshield.evaluation.corpus_templates import TEST_CARDS

#: Seconds per word and between turns, for the word timings.
WORD_S = 0.32
TURN_GAP_S = 0.6

ASK_CARD = (
    "Can I get the long number on the front of the card?",
    "What's the card number, please?",
    "Go ahead with the card number when you're ready.",
    "Okay, I'll need the card number.",
    "Which card would you like to use? I'll need the number on the front.",
)
BACKCHANNEL = ("uh huh", "okay", "mm hmm", "yep", "go on", "got it", "yes", "right")
VOLUNTEER = ("I'll pay with my card, it's", "Here's the card,", "Okay the card is", "It's")
READBACK = ("Let me read that back:", "So that's", "Just to confirm,", "I have")
ENDING = ("That's a card ending in", "The card ending", "Okay, ending in")
ASK_EXPIRY = ("And the expiry date?", "What's the expiration date?", "And when does it expire?")
ASK_CVV = (
    "And the three digits on the back?",
    "And the security code, please?",
    "What's the CVV on the back of the card?",
)
CLOSE = (
    "Thank you, that payment of {amount} has gone through. Your confirmation number is {conf}.",
    "All done, {amount} is paid. The confirmation number is {conf}.",
)
OPENINGS = (
    ("agent", "Thank you for calling, how can I help you today?"),
    ("customer", "Hi, I'd like to pay the balance on my order, the order number is {order}."),
    ("agent", "Sure, I can see that order. The balance is {amount}."),
)
CLOSINGS = (
    ("agent", "Is there anything else I can help you with?"),
    ("customer", "No that's all, it should arrive in three to five days right?"),
    ("agent", "Yes, three to five business days. Have a great day."),
)
MONTHS = say.MONTHS


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A sensitive value in turn `segment` (index), characters [start, end) of its text."""

    segment: int
    start: int
    end: int
    entity: str


@dataclass(frozen=True, slots=True)
class Call:
    """A labelled call. `decoys` are (segment, start, end, kind) values that are not sensitive."""

    document: Document
    gold: tuple[GoldSpan, ...]
    decoys: tuple[tuple[int, int, int, str], ...]
    spoken: bool


@dataclass(slots=True)
class _Turn:
    speaker: str
    pieces: list[tuple[str, str]]  # (text, label): label is an entity, "~kind" a decoy, or ""


class _Builder:
    """Accumulates turns; renders digits written or spoken."""

    def __init__(self, rng: random.Random, spoken: bool) -> None:
        self.rng = rng
        self.spoken = spoken
        self.turns: list[_Turn] = []

    def say(self, speaker: str, *pieces: tuple[str, str] | str) -> None:
        parts = [(p, "") if isinstance(p, str) else p for p in pieces]
        self.turns.append(_Turn(speaker, [(self.words(t), label) for t, label in parts]))

    def words(self, text: str) -> str:
        if not self.spoken:
            return text
        return re.sub(r"\s+", " ", re.sub(r"[^a-z' ]", " ", text.lower())).strip()

    def digits(self, value: str, groups: Sequence[int] | None = None) -> str:
        """Digits as the speaker says them: grouped, written or spoken."""
        sizes = list(groups) if groups else [4] * (len(value) // 4) + [len(value) % 4]
        chunks, pos = [], 0
        for size in sizes:
            if size:
                chunks.append(value[pos : pos + size])
                pos += size
        if self.spoken:
            return say.spoken_digits(chunks, self.rng, fillers=False)
        return " ".join(chunks)

    def digit(self, d: str) -> str:
        return ("oh" if d == "0" else say.ONES[int(d)]) if self.spoken else d


def _split_points(length: int, pieces: int, rng: random.Random) -> list[int]:
    """Where a card number is split across turns: mostly at group boundaries."""
    bounds = [b for b in range(4, length, 4) if length - b >= 3]
    return sorted(rng.sample(bounds, min(pieces - 1, len(bounds))))


def _expiry(b: _Builder) -> tuple[str, str]:
    month, year = b.rng.randint(1, 12), b.rng.randint(2026, 2031)
    if b.spoken:
        form = b.rng.random()
        if form < 0.5:
            return b.digits(f"{month:02d}{year % 100:02d}", (2, 2)), "CARD_EXPIRY"
        if form < 0.8:
            return f"{MONTHS[month - 1]} {say.year_words(year)}", "CARD_EXPIRY"
        return f"{say.ONES[month] if month < 13 else month} {say.year_words(year)}", "CARD_EXPIRY"
    return b.rng.choice((f"{month:02d}/{year % 100:02d}", f"{month:02d}/{year}")), "CARD_EXPIRY"


def _payment(b: _Builder, card: str, amount: str) -> None:
    rng = b.rng
    pieces = rng.choice((1, 2, 2, 3, 3, 4))
    cuts = [0, *_split_points(len(card), pieces, rng), len(card)]
    chunks = [card[cuts[i] : cuts[i + 1]] for i in range(len(cuts) - 1)]
    asked = len(chunks) == 1 or rng.random() < 0.75
    if asked:
        b.say("agent", rng.choice(ASK_CARD))
    for i, chunk in enumerate(chunks):
        lead = "" if asked or i else rng.choice(VOLUNTEER) + " "
        text = b.digits(chunk)
        b.say("customer", *([lead] if lead else []), (text, "PAYMENT_CARD"))
        if i < len(chunks) - 1 and rng.random() < 0.8:
            b.say("agent", rng.choice(BACKCHANNEL))
    if rng.random() < 0.6:
        _read_back(b, card)
    elif rng.random() < 0.5:
        b.say("agent", rng.choice(ENDING) + " ", (b.digits(card[-4:], (4,)), "PAYMENT_CARD"), "?")
        b.say("customer", "Yes.")
    cvv_len = 4 if card.startswith(("34", "37")) else 3
    cvv = "".join(str(rng.randint(0, 9)) for _ in range(cvv_len))
    if rng.random() < 0.3:
        # By position: the customer goes straight on with the expiry and the code.
        b.say("customer", _expiry(b))
        b.say("customer", (b.digits(cvv, (cvv_len,)), "CARD_CVV"))
    else:
        b.say("agent", rng.choice(ASK_EXPIRY))
        b.say("customer", _expiry(b))
        b.say("agent", rng.choice(ASK_CVV))
        b.say("customer", (b.digits(cvv, (cvv_len,)), "CARD_CVV"))
    conf = str(rng.randint(10_000_000, 99_999_999))
    close = rng.choice(CLOSE)
    before, after = close.split("{conf}")
    b.say("agent", before.format(amount=amount), (b.digits(conf, (8,)), "~confirmation"), after)


def _read_back(b: _Builder, card: str) -> None:
    rng = b.rng
    if rng.random() < 0.4:
        # A misheard digit, then the customer's correction and the agent's fix.
        pos = rng.randrange(len(card))
        wrong = str((int(card[pos]) + rng.randint(1, 8)) % 10)
        misheard = card[:pos] + wrong + card[pos + 1 :]
        b.say("agent", rng.choice(READBACK) + " ", (b.digits(misheard), "PAYMENT_CARD"), "?")
        right = b.digit(card[pos])
        b.say("customer", "No, it's ", (right, "PAYMENT_CARD"), ", not ",
              (b.digit(wrong), "PAYMENT_CARD"), ".")  # fmt: skip
        b.say("agent", "Sorry, ", (right, "PAYMENT_CARD"), ". Got it.")
    else:
        b.say("agent", rng.choice(READBACK) + " ", (b.digits(card), "PAYMENT_CARD"), "?")
        b.say("customer", rng.choice(("Yes.", "That's right.", "Correct.")))


def _amount(b: _Builder) -> str:
    dollars, cents = b.rng.randint(12, 480), b.rng.randint(0, 99)
    if b.spoken:
        return f"{say.number_words(dollars)} dollars and {say.number_words(cents)} cents"
    return f"${dollars}.{cents:02d}"


def _render(speaker_text: str, fill: Callable[[str], str]) -> list[tuple[str, str]]:
    """A template line with {placeholders} as pieces (placeholder values are decoys)."""
    out: list[tuple[str, str]] = []
    for k, part in enumerate(re.split(r"(\{\w+\})", speaker_text)):
        if k % 2:
            name = part[1:-1]
            out.append((fill(name), f"~{name}"))
        elif part:
            out.append((part, ""))
    return out


def _build_call(index: int, rng: random.Random) -> Call:
    spoken = index % 2 == 1
    b = _Builder(rng, spoken)
    card = rng.choice(TEST_CARDS)
    amount = _amount(b)
    order = str(rng.randint(10_000_000, 99_999_999))
    values = {"order": b.digits(order, (8,)), "amount": amount}
    for speaker, line in OPENINGS:
        b.say(speaker, *_render(line, lambda name: values[name]))
    _payment(b, card, amount)
    for speaker, line in CLOSINGS:
        b.say(speaker, line)
    return _assemble(f"call-{index:05d}", b.turns, spoken)


def _assemble(call_id: str, turns: list[_Turn], spoken: bool) -> Call:
    segments: list[Segment] = []
    gold: list[GoldSpan] = []
    decoys: list[tuple[int, int, int, str]] = []
    clock = 0.0
    for n, turn in enumerate(turns):
        text = ""
        for piece, label in turn.pieces:
            if text and not text.endswith(" ") and piece and piece[0].isalnum():
                text += " "
            start = len(text)
            text += piece
            if label.startswith("~"):
                decoys.append((n, start, len(text), label[1:]))
            elif label:
                gold.append(GoldSpan(n, start, len(text), label))
        words = []
        begin = clock
        for match in re.finditer(r"\S+", text):
            words.append(WordTiming(match.start(), match.end(), clock, clock + WORD_S - 0.02))
            clock += WORD_S
        times = round(begin, 3), round(clock, 3)
        segments.append(Segment(f"turn[{n}]", text, turn.speaker, *times, tuple(words)))
        clock += TURN_GAP_S
    document = Document(call_id, tuple(segments), Channel.CALL)
    return Call(document, tuple(gold), tuple(decoys), spoken)


def generate_calls(n: int = 400, seed: int = 11) -> list[Call]:
    """`n` labelled calls, deterministic for a seed; odd-numbered calls are spoken ASR."""
    rng = random.Random(seed)
    return [_build_call(i, rng) for i in range(n)]


@dataclass(frozen=True, slots=True)
class CallReport:
    """How much of the gold the findings cover, per entity, and how many decoys they touch."""

    spans: int
    fully_redacted: int
    per_entity: dict[str, tuple[int, int]]  # entity -> (fully redacted, total)
    decoys: int
    decoys_touched: int
    missed: tuple[tuple[str, int, str], ...]  # (call id, segment, entity) of spans not covered

    @property
    def share(self) -> float:
        return self.fully_redacted / self.spans if self.spans else 1.0


def score_calls(
    calls: Sequence[Call], covered: Callable[[Call], dict[int, list[tuple[int, int]]]]
) -> CallReport:
    """Score `covered(call)`, the redacted character ranges per segment index."""
    spans = full = decoys = touched = 0
    per: dict[str, list[int]] = {}
    missed: list[tuple[str, int, str]] = []
    for call in calls:
        ranges = covered(call)
        for g in call.gold:
            mask = _mask(ranges.get(g.segment, []), g.start, g.end)
            ok = all(mask[i] or call.document.segments[g.segment].text[g.start + i].isspace()
                     for i in range(g.end - g.start))  # fmt: skip
            spans += 1
            full += ok
            per.setdefault(g.entity, [0, 0])
            per[g.entity][0] += ok
            per[g.entity][1] += 1
            if not ok:
                missed.append((call.document.id, g.segment, g.entity))
        for segment, start, end, _kind in call.decoys:
            decoys += 1
            touched += any(_mask(ranges.get(segment, []), start, end))
    return CallReport(
        spans, full, {k: (v[0], v[1]) for k, v in per.items()}, decoys, touched, tuple(missed)
    )


def _mask(ranges: Sequence[tuple[int, int]], start: int, end: int) -> list[bool]:
    mask = [False] * (end - start)
    for r_start, r_end in ranges:
        for i in range(max(r_start, start), min(r_end, end)):
            mask[i - start] = True
    return mask
