"""What the streaming redactor knows about each held turn and the number run left open across
turns, and the conservative masks it adds on top of the engine's findings. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from callshield.core.document import Segment
from callshield.core.entities import EntityType
from callshield.stream.numbers import (
    NumberRun,
    is_backchannel,
    is_reference_number,
    leading_run,
    loose_digits,
    number_runs,
    trailing_run,
    widened,
    word_count,
)

#: Digits masked because they may be part of a value the redactor could not see whole. It is
#: marked as sensitive authentication data so that hash or encrypt operators never keep it.
NUMBER_FRAGMENT = EntityType(
    "NUMBER_FRAGMENT",
    "system.possible_fragment",
    "Number masked by the streaming redactor as a possible piece of a sensitive value",
    sensitive_authentication_data=True,
)
#: A run this long may be a piece of a card, account or SSN (the issue's PCI rule: 3+ digits).
MIN_FRAGMENT_DIGITS = 3


@dataclass(frozen=True, slots=True)
class Turn:
    """The number runs of one turn and what they mean for the runs around it."""

    runs: tuple[NumberRun, ...]
    leading: NumberRun | None
    trailing: NumberRun | None
    backchannel: bool
    words: int
    #: the trailing run is named as an order, confirmation or case number
    reference: bool = False
    #: leading and trailing runs when a lone "oh" or "for" counts as a digit: what a turn
    #: continuing an open run starts with, and whether it leaves the run open again
    next_leading: NumberRun | None = None
    next_trailing: NumberRun | None = None


def read_turn(segment: Segment) -> Turn:
    text = segment.text
    runs = number_runs(text)
    trailing = trailing_run(text, runs)
    lenient = tuple(sorted((*runs, *loose_digits(text, runs)), key=lambda r: r.start))
    return Turn(
        runs=runs,
        leading=leading_run(text, runs),
        trailing=trailing,
        backchannel=is_backchannel(text, runs),
        words=word_count(text),
        reference=trailing is not None and is_reference_number(text, trailing),
        next_leading=leading_run(text, lenient),
        next_trailing=trailing_run(text, lenient),
    )


@dataclass(slots=True)
class Hold:
    """A turn waiting to be released, with the conservative masks decided for it so far."""

    index: int
    segment: Segment
    turn: Turn
    masks: dict[NumberRun, tuple[str, ...]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Hold(index={self.index}, masks={len(self.masks)})"

    def mask(self, run: NumberRun, reason: str) -> None:
        """Mask `run` (with the words that go with a number, see `widened`) when this turn is
        released, saying why (reasons accumulate)."""
        run = widened(self.segment.text, run)
        reasons = self.masks.get(run, ())
        if reason not in reasons:
            self.masks[run] = (*reasons, reason)


@dataclass(frozen=True, slots=True)
class OpenRun:
    """A number run one speaker left open at the end of a turn, with its pieces so far."""

    speaker: str | None
    parts: tuple[tuple[Hold, NumberRun], ...]
    #: it goes on from a run already released before it closed: every piece is masked
    continued: bool = False

    @property
    def digits(self) -> int:
        return sum(run.digits for _, run in self.parts)

    @property
    def value(self) -> str:
        return "".join(run.value for _, run in self.parts)

    @property
    def reference(self) -> bool:
        """The run was named as an order, confirmation or case number when it started."""
        return self.parts[0][0].turn.reference

    def extended(self, hold: Hold, run: NumberRun) -> OpenRun:
        """The same run continued by `run` at the start of a later turn of the same speaker."""
        return OpenRun(self.speaker, (*self.parts, (hold, run)), self.continued)

    def mask_if_sensitive(self, reason: str) -> None:
        """Mask every piece when the pieces together are long enough to be part of a value (or
        when they go on from a run released before it closed)."""
        if self.continued or self.digits >= MIN_FRAGMENT_DIGITS:
            for hold, run in self.parts:
                hold.mask(run, reason)
