"""The transport's side of the hold-back bound: a clock that maps wall time to the call's audio
time, so a transport can sleep until `StreamingRedactor.deadline()` and then `tick` it.

EDGE module (it reads the monotonic clock). Audio time is anchored at the end of the latest
timed turn: a final turn arrives when it has been spoken, and audio time then runs with the
wall clock. A transport that reads a recorded file at full speed therefore never ticks (no
wall time passes between its turns), and one fed live does, as the bound requires.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from callshield.core.document import Segment
from callshield.stream.redactor import Released, StreamingRedactor


class AudioClock:
    """Audio time now, from the end of the latest timed turn and the wall time since it came."""

    __slots__ = ("_anchor", "_monotonic")

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._anchor: tuple[float, float] | None = None

    def arrived(self, segment: Segment) -> None:
        """A turn (final or interim) came in: its end is the audio time now."""
        if segment.end_s is not None:
            self._anchor = (self._monotonic(), segment.end_s)

    def now(self) -> float | None:
        if self._anchor is None:
            return None
        wall, audio = self._anchor
        return audio + (self._monotonic() - wall)

    def wait(self, redactor: StreamingRedactor) -> float | None:
        """Seconds to wait for the next turn before the redactor must be ticked (None: wait as
        long as it takes, nothing is held against a deadline)."""
        due, now = redactor.deadline(), self.now()
        if due is None or now is None:
            return None
        return max(0.0, due - now)

    def tick(self, redactor: StreamingRedactor) -> list[Released]:
        """Tell the redactor the audio time now (a timer fired with no turn)."""
        now = self.now()
        return redactor.tick(now) if now is not None else []
