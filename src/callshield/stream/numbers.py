"""Number runs in one turn, as the streaming redactor needs them: where they are, how many
digits they carry, whether the turn ends inside one (it may go on in the next turn) or starts
with one (it may continue the last turn), and whether a turn is only a back-channel.

Spoken numbers are read through the engine's own normaliser (`core.detection.spoken`), so
"four one one one, double five" counts as the same run the detectors see. Pure: no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from callshield.core.detection import spoken_words as w
from callshield.core.detection.spoken import normalise, tokenize

#: Written digits after normalisation, with the separators people and ASR put between groups.
_WRITTEN_RUN = re.compile(r"\d+(?:[ \t\-./,:]{1,3}\d+)*")
#: Words that may sit between two pieces of one run ("four one, uh, and one one").
_JOINERS = w.FILLERS | w.PUNCT_FILLERS | {"and"}
#: "which one", "the one": a pronoun, not a digit.
_PRONOUN_ONE_BEFORE = frozenset(
    "which this that the no any every some each another a other little last first".split()
)
#: A leading run counts as continuing the previous turn if at most this many words precede it
#: ("yes, one one one one", "and then one one one one").
MAX_WORDS_BEFORE_LEADING_RUN = 3
#: Words of a back-channel: the listener keeps the floor with the speaker ("uh huh", "okay").
_BACKCHANNEL = frozenset(
    """uh huh mm mhm mmhmm hmm um okay ok yes yeah yep yup right sure got it go on alright all
    i see thanks thank you great perfect good correct continue please ready sorry and""".split()
)
MAX_BACKCHANNEL_WORDS = 6
#: Words after which a lone "for" or "to" is a digit being given or corrected.
_VALUE_BEFORE = frozenset({"it's", "its", "is", "was", "not", "no"})
_AMOUNT = re.compile(r"^\s*(?:dollars?|cents?|bucks|percent|%|usd)\b")
#: Characters looked at on each side of a run for words that go with it (see `widened`).
_WIDEN_REACH = 48
#: Words masked with a number they touch (see `widened`).
_WIDENERS = w.HOMOPHONES | w.ZERO_LETTERS | w.MONTHS | w.REPEATS.keys() | {w.HUNDRED, w.THOUSAND}
_REFERENCE = re.compile(
    r"\b(?:order|confirmation|reference|ticket|case|tracking|invoice|claim)"
    r"(?: number| no\.?| #)?(?: is| was)?[\s:,#.]*$"
)


@dataclass(frozen=True, slots=True)
class NumberRun:
    """Characters [start, end) of a turn that carry a number, and its digits (left out of the
    repr: they may be the very value we protect)."""

    start: int
    end: int
    value: str = field(repr=False)

    @property
    def digits(self) -> int:
        return len(self.value)


def number_runs(text: str) -> tuple[NumberRun, ...]:
    """Every number in `text`, written or spoken, pieces joined when only fillers separate them."""
    found = _normalised_runs(text)
    found.extend(_lone_number_words(text, found))
    found.sort(key=lambda r: r.start)
    merged: list[NumberRun] = []
    for run in found:
        if merged and _only_joiners(text[merged[-1].end : run.start]):
            last = merged[-1]
            merged[-1] = NumberRun(last.start, max(last.end, run.end), last.value + run.value)
        else:
            merged.append(run)
    return tuple(merged)


def loose_digits(text: str, runs: tuple[NumberRun, ...]) -> tuple[NumberRun, ...]:
    """Words that are digits only where digits are expected (a payment window, the next piece
    of an open run): a lone "oh" ("no, it's oh, not one"), and a lone "for" / "to" right after
    "it's", before "not" or said on its own."""
    out = []
    tokens = tokenize(text)
    inside = _Cover(runs)
    for k, tok in enumerate(tokens):
        if inside(tok.start):
            continue
        previous = tokens[k - 1].word if k else ""
        following = tokens[k + 1].word if k + 1 < len(tokens) else ""
        said_alone = previous in _VALUE_BEFORE or following == "not" or len(tokens) == 1
        if tok.word in w.ZERO_LETTERS or (tok.word in w.HOMOPHONES and said_alone):
            out.append(NumberRun(tok.start, tok.end, str(w.UNITS[tok.word])))
    return tuple(out)


def trailing_run(text: str, runs: tuple[NumberRun, ...]) -> NumberRun | None:
    """The run the turn ends in (only punctuation or fillers after it): it may go on next turn.

    ASR punctuation is unreliable, so a final "." or "?" does not close a run."""
    if not runs:
        return None
    tail = tokenize(text[runs[-1].end :])
    if all(not tok.word.isalnum() or tok.word in _JOINERS for tok in tail):
        return runs[-1]
    return None


def leading_run(text: str, runs: tuple[NumberRun, ...]) -> NumberRun | None:
    """The run the turn starts with (a few words at most before it): it may continue the last."""
    if not runs:
        return None
    head = [
        tok
        for tok in tokenize(text[: runs[0].start])
        if tok.word.isalnum() and tok.word not in w.FILLERS
    ]
    return runs[0] if len(head) <= MAX_WORDS_BEFORE_LEADING_RUN else None


def is_backchannel(text: str, runs: tuple[NumberRun, ...]) -> bool:
    """A turn that only keeps the other speaker going ("uh huh", "okay, go on"): it does not
    close a number run the other speaker left open."""
    if runs:
        return False
    words = [tok.word for tok in tokenize(text) if tok.word.isalnum()]
    return len(words) <= MAX_BACKCHANNEL_WORDS and all(
        word in _BACKCHANNEL or word in w.FILLERS for word in words
    )


def widened(text: str, run: NumberRun) -> NumberRun:
    """`run` with the words next to it that belong to a number when one is masked: "for",
    "to", "oh" (digits by sound), a month name (an expiry), a dangling "double"."""
    start, end = run.start, run.end
    # only the few words next to the run matter: look at a bounded stretch, cut at a space
    left = text.rfind(" ", 0, max(0, start - _WIDEN_REACH)) + 1
    before = tokenize(text[left:start])
    while before and before[-1].word in _WIDENERS:
        word_start = left + before[-1].start
        if not _only_joiners(text[left + before[-1].end : start]):
            break
        start = word_start
        before.pop()
    right = text.find(" ", min(len(text), end + _WIDEN_REACH))
    right = len(text) if right < 0 else right
    for tok in tokenize(text[end:right]):
        if tok.word not in _WIDENERS or not _only_joiners(text[end : run.end + tok.start]):
            break
        end = run.end + tok.end
    return NumberRun(start, end, run.value)


def is_reference_number(text: str, run: NumberRun) -> bool:
    """The words around `run` name it as an order, confirmation, case or tracking number (a
    number the business gave out) or as an amount of money: not a value of the customer's."""
    before = text[max(0, run.start - 48) : run.start].lower()
    after = text[run.end : run.end + 16].lower()
    return (
        _REFERENCE.search(before) is not None
        or _AMOUNT.search(after) is not None
        or (before.rstrip().endswith(("$", "€", "£", "usd")))
    )


def word_count(text: str) -> int:
    """Words as the hold-back bound counts them (whitespace-separated)."""
    return len(text.split())


# --- internals ---------------------------------------------------------------------------------


def _normalised_runs(text: str) -> list[NumberRun]:
    written = normalise(text)
    source = written.text if written is not None else text
    out = []
    for match in _WRITTEN_RUN.finditer(source):
        start, end = match.start(), match.end()
        if written is not None:
            start, end = written.to_original(start, end)
        digits = "".join(ch for ch in match.group() if ch.isdigit())
        out.append(NumberRun(start, end, digits))
    return out


def _lone_number_words(text: str, found: list[NumberRun]) -> list[NumberRun]:
    """Single number words the normaliser leaves alone ("no, five, not four")."""
    out = []
    previous = ""
    inside = _Cover(found)
    for tok in tokenize(text):
        if not inside(tok.start) and _is_lone_digit_word(tok.word, previous):
            out.append(NumberRun(tok.start, tok.end, _digits_of(tok.word)))
        previous = tok.word
    return out


class _Cover:
    """Whether an offset lies inside one of some non-overlapping runs (log time per look-up)."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, runs: Sequence[NumberRun]) -> None:
        ordered = sorted(runs, key=lambda r: r.start)
        self._starts = [r.start for r in ordered]
        self._ends = [r.end for r in ordered]

    def __call__(self, offset: int) -> bool:
        k = bisect.bisect_right(self._starts, offset) - 1
        return k >= 0 and offset < self._ends[k]


def _is_lone_digit_word(word: str, previous: str) -> bool:
    if word in w.HOMOPHONES or word in w.ZERO_LETTERS:
        return False  # "for", "to", "oh" alone are words, not digits
    if word == "one" and previous in _PRONOUN_ONE_BEFORE:
        return False
    return word in w.UNITS or word in w.TEENS or word in w.TENS


def _digits_of(word: str) -> str:
    if word in w.UNITS:
        return str(w.UNITS[word])
    if word in w.TEENS:
        return str(w.TEENS[word])
    return f"{w.TENS[word]}0"


def _only_joiners(gap: str) -> bool:
    return all(tok.word in _JOINERS for tok in tokenize(gap))
