"""One multi-pattern database for every detector, scanned once per text.

Every detector declares its trigger patterns; the engine compiles all of them into a single
Hyperscan database. A scan reports (pattern index, end offset) pairs; detectors then confirm
candidates exactly in a bounded window around each end offset. Hyperscan needs one scratch
space per thread (sharing one raises `ScratchInUseError`), so scratch is kept per thread.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import hyperscan


class PatternCompileError(ValueError):
    """A trigger pattern could not be compiled into the multi-pattern database."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A prefilter pattern: Hyperscan syntax, also valid for Python `re`.

    `max_len` bounds how far back from a match's end its start can lie, so confirmation
    looks at a bounded window only. `prefilter=True` lets Hyperscan approximate a pattern it
    cannot run exactly (the confirmation step is exact anyway).
    """

    expression: str
    max_len: int
    caseless: bool = True
    prefilter: bool = False
    #: Report only the first match per scan (for "is there any?" triggers).
    single: bool = False

    @property
    def caseless_flag(self) -> bool:
        return self.caseless


class MultiPatternDB:
    """A compiled Hyperscan block-mode database with thread-local scratch spaces."""

    __slots__ = ("_db", "_local", "_prototype", "triggers")

    def __init__(self, triggers: Sequence[Trigger]) -> None:
        if not triggers:
            raise PatternCompileError("no trigger patterns to compile")
        self.triggers = tuple(triggers)
        flags = []
        for trig in self.triggers:
            flag = 0
            if trig.caseless:
                flag |= hyperscan.HS_FLAG_CASELESS
            if trig.prefilter:
                flag |= hyperscan.HS_FLAG_PREFILTER
            if trig.single:
                flag |= hyperscan.HS_FLAG_SINGLEMATCH
            flags.append(flag)
        self._db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            self._db.compile(
                expressions=[t.expression.encode("utf-8") for t in self.triggers],
                ids=list(range(len(self.triggers))),
                elements=len(self.triggers),
                flags=flags,
            )
        except hyperscan.CompilerError as exc:
            raise PatternCompileError(f"pattern database failed to compile: {exc}") from None
        self._prototype = hyperscan.Scratch(self._db)
        self._local = threading.local()

    def _scratch(self) -> hyperscan.Scratch:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._prototype.clone()
            self._local.scratch = scratch
        return scratch

    def scan(self, text: str) -> list[tuple[int, int]]:
        """All (trigger index, end offset in characters) pairs, in order of end offset."""
        ids, ends = self.scan_columns(text)
        return list(zip(ids, ends, strict=True))

    def scan_columns(self, text: str) -> tuple[list[int], list[int]]:
        """The same hits as `scan`, as two parallel lists (trigger indices, end offsets).

        The match callback is the per-hit cost that dominates a dense text: appending two
        ints to two lists is cheaper than building a tuple for every hit."""
        data = text.encode("utf-8")
        ids: list[int] = []
        ends: list[int] = []

        def on_match(
            idx: int,
            _start: int,
            end: int,
            _flags: int,
            _ctx: object,
            add_id: Callable[[int], None] = ids.append,
            add_end: Callable[[int], None] = ends.append,
        ) -> None:
            add_id(idx)
            add_end(end)

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        if len(data) != len(text) and ends:
            to_char = ByteToChar(text)
            ends = [to_char(end) for end in ends]
        return ids, ends


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


class ByteToChar:
    """Maps UTF-8 byte offsets to code-point offsets for texts that are not pure ASCII."""

    __slots__ = ("_byte_pos", "_extra")

    def __init__(self, text: str) -> None:
        byte_pos: list[int] = []
        extra: list[int] = []
        total_extra = 0
        for match in _NON_ASCII.finditer(text):
            width = len(match.group().encode("utf-8"))
            total_extra += width - 1
            # byte offset just after this character
            byte_pos.append(match.start() + total_extra + 1)
            extra.append(total_extra)
        self._byte_pos = byte_pos
        self._extra = extra

    def __call__(self, byte_offset: int) -> int:
        i = bisect.bisect_right(self._byte_pos, byte_offset)
        return byte_offset - (self._extra[i - 1] if i else 0)
