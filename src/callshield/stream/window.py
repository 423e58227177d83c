"""Payment windows: after someone asks for a card number, an expiry or a security code, the
turns that follow carry card data until a complete value has been given and the conversation
moves on, or until a bounded number of turns has passed. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from callshield.stream.numbers import NumberRun

#: What is asked for, the cue that asks for it, and the digits that complete it.
_CUES: tuple[tuple[str, str, int], ...] = (
    (
        "card",
        r"\b(?:card|account) number\b|\blong number\b|\bnumber on (?:the|your) (?:card|front)\b",
        13,
    ),
    ("card", r"\b(?:credit|debit) card\b|\bcard details\b|\bcard(?: number)?(?: is|'s)\b", 13),
    ("last4", r"\bcard ending\b|\bending (?:in|with)\b|\blast (?:four|4)\b", 4),
    ("expiry", r"\bexpir[a-z]*|\bexp(?:\.|iry)? date\b|\bvalid (?:thru|through)\b", 3),
    ("cvv", r"\bsecurity code\b|\bcv[vc]2?\b|\bcid\b", 3),
    ("cvv", r"\b(?:three|3|four|4)[ -]digits?\b|\bback of (?:the|your) card\b", 3),
    ("pin", r"\bpin\b", 4),
)
_COMPILED = tuple((kind, re.compile(pattern), need) for kind, pattern, need in _CUES)
#: A window closes after this many turns in a row without a number.
DEFAULT_MAX_WINDOW_TURNS = 8
#: A number this long is a card number whether or not anyone asked for it: it opens a window.
CARD_DIGITS = 13
#: After a complete value, numbers this short stay in the window (the expiry and the security
#: code given by position, a corrected digit); longer ones must repeat what was given (read-back).
MAX_POSITIONAL_DIGITS = 6
#: A long number repeats what was given when it shares this many digits in a row with it.
READBACK_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Cue:
    """A request for card data in a turn: what is asked for and where the words asking are."""

    kind: str
    need: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class PaymentWindow:
    """An open payment window: what was asked for, digits given since the request, turns since
    the request, and every digit said in the window (kept to recognise read-backs; never in
    the repr)."""

    kind: str
    need: int
    given: int = 0
    turns: int = 0
    said: str = field(default="", repr=False)

    @property
    def complete(self) -> bool:
        return self.given >= self.need


@dataclass(frozen=True, slots=True)
class WindowStep:
    """What one turn did to the window: whether the turn lies inside one, where in the turn
    the window starts (0 unless this turn opened it), the window after it, its cues, and
    whether this turn opened a window that was not open before."""

    inside: bool
    mask_from: int
    after: PaymentWindow | None
    cues: tuple[Cue, ...] = ()
    opened: bool = False


def find_cues(text: str) -> tuple[Cue, ...]:
    """Requests for card data in `text`, in order."""
    lowered = text.lower()  # same length for the ASCII cue words: offsets stay valid
    cues = [
        Cue(kind, need, m.start(), m.end())
        for kind, pattern, need in _COMPILED
        for m in pattern.finditer(lowered)
    ]
    return tuple(sorted(cues, key=lambda c: c.start))


def advance(
    window: PaymentWindow | None,
    text: str,
    runs: tuple[NumberRun, ...],
    *,
    moves_on: bool,
    max_turns: int = DEFAULT_MAX_WINDOW_TURNS,
) -> WindowStep:
    """The window after one more turn. `moves_on` says the turn is more than a back-channel:
    a complete value followed by such a turn without digits closes the window."""
    cues = find_cues(text)
    said = "".join(r.value for r in runs)
    if cues:
        return _requested(window, cues, runs)
    if window is None:
        if any(r.digits >= CARD_DIGITS for r in runs):  # a card number nobody asked for
            card = PaymentWindow("card", CARD_DIGITS, len(said), 0, said)
            return WindowStep(True, 0, card, cues, opened=True)
        return WindowStep(False, 0, None, cues)
    if window.complete and not _stays(window, runs, moves_on):
        return WindowStep(False, 0, None, cues)
    # the turn limit counts turns without a number: a window closes when nothing comes
    turns = 0 if said else window.turns + 1
    grown = PaymentWindow(
        window.kind, window.need, window.given + len(said), turns, window.said + said
    )
    return WindowStep(True, 0, grown if grown.turns < max_turns else None, cues)


def opened_by_card(window: PaymentWindow | None, digits: str) -> PaymentWindow | None:
    """A window opened by a card-length number pieced together across turns, or None."""
    if window is not None or len(digits) < CARD_DIGITS:
        return None
    return PaymentWindow("card", CARD_DIGITS, len(digits), 0, digits)


def _requested(
    window: PaymentWindow | None, cues: tuple[Cue, ...], runs: tuple[NumberRun, ...]
) -> WindowStep:
    """A turn that asks (again) for card data: the window (re)starts at the request."""
    need = max(c.need for c in cues)
    cover = CueCover(cues)
    after_cue = "".join(r.value for r in runs if r.start >= cues[0].start and not cover.touches(r))
    earlier = window.said if window is not None else ""
    opened = PaymentWindow(cues[-1].kind, need, len(after_cue), 0, earlier + after_cue)
    mask_from = 0 if window is not None else cues[0].start
    return WindowStep(True, mask_from, opened, cues, opened=window is None)


def _stays(window: PaymentWindow, runs: tuple[NumberRun, ...], moves_on: bool) -> bool:
    """After a complete value: a back-channel, a short number (expiry, code, a corrected digit)
    or a read-back keeps the window open; anything else means the conversation moved on."""
    if not runs:
        return not moves_on
    return all(r.digits <= MAX_POSITIONAL_DIGITS or _repeats(r.value, window.said) for r in runs)


def _repeats(value: str, said: str) -> bool:
    """Most of `value` was said before (a read-back, perhaps with a misheard digit or two)."""
    grams = [value[k : k + READBACK_DIGITS] for k in range(len(value) - READBACK_DIGITS + 1)]
    return bool(grams) and 2 * sum(g in said for g in grams) >= len(grams)


class CueCover:
    """The characters covered by some cues (merged), to tell in log time whether a number run
    touches the words of a request ("the three digits on the back")."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, cues: tuple[Cue, ...]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for cue in sorted(cues, key=lambda c: c.start):
            if ends and cue.start <= ends[-1]:
                ends[-1] = max(ends[-1], cue.end)
            else:
                starts.append(cue.start)
                ends.append(cue.end)
        self._starts, self._ends = starts, ends

    def touches(self, run: NumberRun) -> bool:
        k = bisect.bisect_left(self._starts, run.end) - 1
        return k >= 0 and run.start < self._ends[k]
