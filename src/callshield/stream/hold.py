"""What waits and why: the hold-back state of one call. Each final turn is read for number runs
and payment requests; a turn waits while a number run is open at its end (it may go on in the
next turn) or while a payment window is open, and the turns before the first one that must
wait are settled. Conservative masks are decided here; scanning and release are the
redactor's. Pure: no I/O, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from callshield.core.document import Segment
from callshield.stream.fragments import MIN_FRAGMENT_DIGITS, Hold, OpenRun, read_turn
from callshield.stream.numbers import loose_digits
from callshield.stream.window import CueCover, PaymentWindow, advance, opened_by_card


@dataclass(slots=True)
class HoldBack:
    """The held turns of one call, the payment window and the number run left open."""

    max_words: int
    max_seconds: float
    max_window_turns: int
    held: list[Hold] = field(default_factory=list)
    window: PaymentWindow | None = None
    #: index of the turn that opened the current window, and of the last one (even closed)
    window_from: int | None = None
    last_window_from: int | None = None
    open_run: OpenRun | None = None
    #: speakers whose last released turn ended in a run that was still open
    continues: set[str | None] = field(default_factory=set)
    next_index: int = 0

    def __repr__(self) -> str:
        return f"HoldBack(held={len(self.held)}, window={self.window is not None})"

    @property
    def careful(self) -> bool:
        """Whether a number said now may be part of a value (for interim results)."""
        return self.open_run is not None or self.window is not None or bool(self.continues)

    def take(self, segment: Segment) -> Hold:
        """Read one final turn, decide its masks so far, and add it to the held turns."""
        hold = Hold(self.next_index, segment, read_turn(segment))
        self.next_index += 1
        self._follow_window(hold)
        self._follow_runs(hold)
        self._card_pieced_together(hold)
        self.held.append(hold)
        return hold

    def settled(self) -> list[Hold]:
        """Take the held turns that nothing holds any more (a prefix, in order)."""
        first = min(self._still_waiting())
        count = sum(1 for h in self.held if h.index < first)
        out, self.held = self.held[:count], self.held[count:]
        return out

    def over_bound(self) -> bool:
        """Whether the oldest held turn has waited too long: the words spoken after it, or the
        audio time from its end to the end of the newest turn."""
        if not self.held:
            return False
        if sum(h.turn.words for h in self.held[1:]) > self.max_words:
            return True
        waited = seconds_between(self.held[0].segment, self.held[-1].segment)
        return waited is not None and waited > self.max_seconds

    def give_up(self) -> list[Hold]:
        """The bound is reached: take every held turn with every run of 3+ digits masked and
        the open run masked whatever its length; its next piece will be masked too."""
        for hold in self.held:
            for run in hold.turn.runs:
                if run.digits >= MIN_FRAGMENT_DIGITS:
                    hold.mask(run, "hold bound reached: possible fragment")
        if self.open_run is not None:
            for part, run in self.open_run.parts:
                part.mask(run, "hold bound reached: run still open")
            self.continues.add(self.open_run.speaker)
            self.open_run = None
        out, self.held = self.held, []
        return out

    # --- payment windows -----------------------------------------------------------------------

    def _follow_window(self, hold: Hold) -> None:
        """Open, grow or close the payment window; mask every number said inside it."""
        turn, text = hold.turn, hold.segment.text
        # inside a window a lone "oh" is a digit too ("no, it's oh, not one")
        runs = (*turn.runs, *loose_digits(text, turn.runs))
        step = advance(
            self.window, text, runs, moves_on=not turn.backchannel, max_turns=self.max_window_turns
        )
        self.window = step.after
        if step.opened:
            self.window_from = self.last_window_from = hold.index
        if self.window is None:
            self.window_from = None
        if step.inside:
            cover = CueCover(step.cues)
            for run in runs:
                if run.start >= step.mask_from and not cover.touches(run):
                    hold.mask(run, "payment window: every number masked")

    def _card_pieced_together(self, hold: Hold) -> None:
        """A card-length number spoken in pieces opens a payment window by itself, so that the
        expiry and code that follow by position are inside it."""
        open_run = self.open_run
        if open_run is None or open_run.parts[-1][0] is not hold:
            return
        window = opened_by_card(self.window, open_run.value)
        if window is not None:
            self.window = window
            self.window_from = self.last_window_from = open_run.parts[0][0].index
            for part, run in open_run.parts:
                part.mask(run, "payment window: card-length number")

    def _still_waiting(self) -> list[int]:
        starts = [self.next_index]
        if self.open_run is not None:
            starts.append(self.open_run.parts[0][0].index)
        if self.window_from is not None:
            starts.append(self.window_from)
        return starts

    # --- runs across turns ---------------------------------------------------------------------

    def _follow_runs(self, hold: Hold) -> None:
        """Track the number run left open at the end of a turn across the turns that follow."""
        turn, speaker = hold.turn, hold.segment.speaker
        lead = turn.next_leading
        continuing = speaker in self.continues and lead is not None
        if continuing and lead is not None:
            hold.mask(lead, "continues a run released before it closed")
        self.continues.discard(speaker)
        open_run = self.open_run
        if open_run is not None and speaker == open_run.speaker:
            if lead is not None:
                joined = open_run.extended(hold, lead)
                joined.mask_if_sensitive("number run across turns")
                self.open_run = joined if turn.next_trailing is lead else _opens(hold, False)
                return
        elif open_run is not None and turn.backchannel:
            return  # "uh huh": the run stays open
        elif open_run is not None:
            # Someone else moved on: the run leaves before we know whether it would go on.
            if not open_run.reference:
                open_run.mask_if_sensitive("number run released while still open")
            self.continues.add(open_run.speaker)
        self.open_run = _opens(hold, continuing)


def seconds_between(segment: Segment, later: Segment) -> float | None:
    """Audio time from the end of `segment` to the end of `later`, when both are timed."""
    return waited(segment, later.end_s)


def waited(segment: Segment, now_s: float | None) -> float | None:
    """Audio time from the end of `segment` to `now_s`, when both are known."""
    if segment.end_s is None or now_s is None:
        return None
    return max(0.0, now_s - segment.end_s)


def _opens(hold: Hold, continuing: bool) -> OpenRun | None:
    """The run `hold` leaves open, if any. A turn that goes on from a run released before it
    closed ("oh") may leave it open with a lone "oh" too, and taints what follows."""
    turn = hold.turn
    if continuing and turn.next_trailing is turn.next_leading:
        trailing = turn.next_trailing
    else:
        trailing, continuing = turn.trailing, False
    if trailing is None:
        return None
    return OpenRun(hold.segment.speaker, ((hold, trailing),), continued=continuing)
