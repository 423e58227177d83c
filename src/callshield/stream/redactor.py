"""The streaming redactor: turns of a live call go in as they are finalised, redacted turns come
out as soon as nothing later can still change what they must hide.

A turn is held back only while it may still be part of a sensitive value: it ends inside an
open number run ("my card is four one one one" ... "uh huh" ... "one one one one"), or it lies
inside a payment window (someone asked for a card number, expiry or security code). Held turns
are scanned together with a few already-released turns, so values spoken across turns are
seen whole; released text is never changed or emitted again.

The hold is bounded: words spoken after the oldest held turn, and audio seconds from its end
(interim results count as time passing). Reaching the bound releases the held turns with every
number run of 3+ digits and the open run masked, and the next turn of the speaker whose run was
still open gets its leading number masked too: the bound costs over-redaction, never a leak.
The redactor has no clock of its own: the transport tells it the audio time. `deadline()` says
when the oldest held turn reaches the bound in seconds, and `tick(now_s)` at that time releases
what is held, so the bound in seconds is a hard one even when no turn arrives (the transport
sets a timer; without `tick` a hold can pass the bound by the length of the turn whose arrival
ends it).

Pure: no I/O, no clock. Times come from the segments and from `tick`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, replace

from callshield import pipeline
from callshield.core.document import Channel, Document, Segment
from callshield.core.finding import Finding, Span
from callshield.core.redaction import Operator, Replacement
from callshield.engine import Engine
from callshield.stream.fragments import MIN_FRAGMENT_DIGITS, NUMBER_FRAGMENT, Hold, read_turn
from callshield.stream.hold import HoldBack, waited
from callshield.stream.numbers import loose_digits
from callshield.stream.window import DEFAULT_MAX_WINDOW_TURNS

#: Already-released turns scanned with the held ones, so a value that started there is seen.
DEFAULT_CONTEXT_TURNS = 4
#: At most this many more released turns are scanned again to reach back to a window's request.
MAX_WINDOW_CONTEXT_TURNS = 16
#: Conservative masks lose to real findings when they overlap (the real entity names the region).
_FRAGMENT_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class Released:
    """One redacted turn leaving the redactor.

    `index` is the turn's arrival order among final turns; `held_words` and `held_seconds` say
    how long it waited (words that arrived after it, audio time from its end to the end of the
    turn whose arrival released it, or to the `tick` that did); `reason` says what released
    it: "released" (nothing held it or the hold ended), "bound" (the hold-back bound), "flush"
    (end of call) or "interim".
    """

    segment: Segment
    index: int
    replacements: tuple[Replacement, ...] = ()
    final: bool = True
    held_words: int = 0
    held_seconds: float | None = None
    reason: str = "released"


class StreamingRedactor:
    """Redacts a live call turn by turn with a bounded hold-back (see the module docstring)."""

    def __init__(
        self,
        engine: Engine,
        *,
        max_hold_words: int = 40,
        max_hold_seconds: float = 8.0,
        operators: Mapping[str, Operator] | None = None,
        emit_interim: bool = False,
        context_turns: int = DEFAULT_CONTEXT_TURNS,
        max_window_turns: int = DEFAULT_MAX_WINDOW_TURNS,
    ) -> None:
        if max_hold_words < 1:
            raise ValueError("max_hold_words must be at least 1")
        if not max_hold_seconds > 0:
            raise ValueError("max_hold_seconds must be positive")
        if context_turns < 0 or max_window_turns < 1:
            raise ValueError("context_turns must be >= 0 and max_window_turns >= 1")
        self._engine = engine
        self._operators = operators
        self._emit_interim = emit_interim
        self._context_turns = context_turns
        self._bounds = (max_hold_words, max_hold_seconds, max_window_turns)
        self._hold = HoldBack(*self._bounds)
        self._context: deque[tuple[int, Segment]] = self._new_context()

    def __repr__(self) -> str:
        return f"StreamingRedactor(held={len(self._hold.held)})"

    @property
    def held(self) -> int:
        """How many final turns are waiting."""
        return len(self._hold.held)

    def feed(self, segment: Segment, *, final: bool = True) -> list[Released]:
        """Take one turn; return the turns (this one or earlier ones) that are now safe to release,
        in arrival order. Interim results (`final=False`) are dropped, or with `emit_interim`
        returned at once, redacted conservatively; they never enter the hold, but their times
        count towards the hold-back bound in seconds."""
        if not final:
            return self._interim_arrived(segment)
        self._hold.take(segment)
        out = self._release(self._hold.settled(), "released", segment.end_s)
        if self._hold.over_bound():
            out += self._release(self._hold.give_up(), "bound", segment.end_s)
        return out

    def deadline(self) -> float | None:
        """The audio time at which the oldest held turn will have waited `max_hold_seconds`
        (None when nothing is held, or the held turn has no times): the transport calls
        `tick` then, unless a turn arrives first."""
        if not self._hold.held:
            return None
        end = self._hold.held[0].segment.end_s
        return None if end is None else end + self._bounds[1]

    def tick(self, now_s: float) -> list[Released]:
        """The transport's clock: audio time `now_s` has been reached with no new turn. Once the
        deadline has passed, every held turn is released as at the bound (over-redacted, never
        in clear), so no turn waits longer than `max_hold_seconds`."""
        deadline = self.deadline()
        if deadline is None or now_s < deadline:
            return []
        return self._release(self._hold.give_up(), "bound", now_s)

    def flush(self) -> list[Released]:
        """End of call: release everything still held (a run cannot go on after the call) and
        forget the call, so the redactor can take the next one."""
        held, self._hold.held = self._hold.held, []
        out = self._release(held, "flush", held[-1].segment.end_s) if held else []
        self._hold = HoldBack(*self._bounds)
        self._context = self._new_context()
        return out

    # --- release -------------------------------------------------------------------------------

    def _interim_arrived(self, segment: Segment) -> list[Released]:
        """An interim result says how much audio time has passed: the bound may be reached."""
        out = self.tick(segment.end_s) if segment.end_s is not None else []
        if self._emit_interim:
            out.append(self._interim(segment))
        return out

    def _new_context(self) -> deque[tuple[int, Segment]]:
        return deque(maxlen=self._context_turns + MAX_WINDOW_CONTEXT_TURNS)

    def _release(self, held: list[Hold], reason: str, now_s: float | None) -> list[Released]:
        """Scan `held` (after the recent released turns and before the ones still held) and
        release it redacted at audio time `now_s`."""
        if not held:
            return []
        waiting = self._hold.held
        found = self._scan([(h.index, h.segment) for h in [*held, *waiting]])
        out = []
        for position, hold in enumerate(held):
            findings = found.get(hold.index, []) + self._fragments(hold)
            redacted = self._engine.redact(hold.segment.text, findings, self._operators)
            out.append(
                Released(
                    segment=replace(hold.segment, text=redacted.text, words=()),
                    index=hold.index,
                    replacements=redacted.replacements,
                    held_words=sum(h.turn.words for h in [*held[position + 1 :], *waiting]),
                    held_seconds=waited(hold.segment, now_s),
                    reason=reason,
                )
            )
            self._context.append((hold.index, hold.segment))
        return out

    def _interim(self, segment: Segment) -> Released:
        """An interim result, masked as if the hold bound had been reached on it (and every
        number masked while a run or a payment window is open)."""
        hold = Hold(self._hold.next_index, segment, read_turn(segment))
        careful = self._hold.careful
        loose = loose_digits(segment.text, hold.turn.runs) if careful else ()
        for run in (*hold.turn.runs, *loose):
            if careful or run.digits >= MIN_FRAGMENT_DIGITS:
                hold.mask(run, "interim result")
        pending = [(h.index, h.segment) for h in self._hold.held] + [(-1, segment)]
        findings = self._scan(pending).get(-1, []) + self._fragments(hold)
        redacted = self._engine.redact(segment.text, findings, self._operators)
        return Released(
            segment=replace(segment, text=redacted.text, words=()),
            index=hold.index,
            replacements=redacted.replacements,
            final=False,
            reason="interim",
        )

    def _scan(self, turns: list[tuple[int, Segment]]) -> dict[int, list[Finding]]:
        """Findings of `turns`, scanned after the recent released context, by turn index."""
        every = [*self._recent(), *turns]
        segments = tuple(replace(seg, id=f"t{index}") for index, seg in every)
        result = pipeline.scan(Document("stream", segments, Channel.CALL), self._engine)
        wanted = {f"t{index}": index for index, _ in turns}
        out: dict[int, list[Finding]] = {}
        for segment_id, findings in result.by_segment().items():
            if segment_id in wanted:
                out[wanted[segment_id]] = findings
        return out

    def _recent(self) -> list[tuple[int, Segment]]:
        """Released turns to scan with the held ones: the last few, and back to the start of
        the last payment window, so that conversation-level detection sees the request."""
        context = list(self._context)
        first = len(context) - self._context_turns
        window_from = self._hold.last_window_from
        if window_from is not None:
            in_window = [k for k, (index, _) in enumerate(context) if index >= window_from]
            first = min([first, *in_window[:1]])
        return context[max(0, first) :]

    def _fragments(self, hold: Hold) -> list[Finding]:
        """The conservative masks of `hold` as findings (a real finding names an overlap)."""
        text = hold.segment.text
        return [
            Finding(
                entity=NUMBER_FRAGMENT,
                span=Span(run.start, run.end),
                score=_FRAGMENT_SCORE,
                detector="stream",
                reasons=reasons,
                fingerprint=self._engine.fingerprint(NUMBER_FRAGMENT, text[run.start : run.end]),
                segment_id=hold.segment.id,
            )
            for run, reasons in hold.masks.items()
        ]


__all__ = ["Released", "StreamingRedactor"]
