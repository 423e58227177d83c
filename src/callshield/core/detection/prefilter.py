"""One multi-pattern database for every detector, scanned once per text.

Every detector declares its trigger patterns; the engine compiles all of them into a single
Hyperscan database. A scan reports (pattern index, end offset) pairs; detectors then confirm
candidates exactly in a bounded window around each end offset. Hyperscan needs one scratch
space per thread (sharing one raises `ScratchInUseError`), so scratch is kept per thread.

Two backends run the same database:
- `native`: callshield's own extension (`_hsnative`, built by `native/build.py` against the
  system libhs), whose match callback is C. It is the default wherever it was built.
- `wheel`: the `hyperscan` wheel, which calls a Python function for every match (about 0.8 us
  each, more than the scan itself on a dense contact-center text).
Both report the same matches in the same order (a test holds them to it).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import hyperscan

try:  # built by native/build.py (make does it); optional, the wheel covers its absence
    from callshield.core.detection import _hsnative

    _NATIVE = True
except ImportError:  # pragma: no cover - depends on the build
    _NATIVE = False

#: The scanning backends, fastest first.
BACKENDS = ("native", "wheel")

#: Whitespace between the words of a trigger: one to three characters (justified or
#: hard-wrapped transcripts put two blanks or a tab between words: "my  name  is"). Hyperscan
#: runs an unbounded `\s+` far slower than the phrases around it; the bounded form costs
#: nothing measurable (an interleaved A/B over 24 MB read 33.4 vs 33.4 MB/s). The exact
#: patterns that confirm a trigger still accept any whitespace.
TRIGGER_SPACE = r"\s{1,3}"


def available_backends() -> tuple[str, ...]:
    """The backends this installation can run, fastest first."""
    return BACKENDS if _NATIVE else ("wheel",)


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
    #: Report only matches that end on a word boundary, as a trailing `\b` would. The
    #: collector checks it after each match: compiled into the database, a trailing `\b`
    #: after a list of phrases costs more than the rest of the pattern.
    word_end: bool = False
    #: The cue phrases the expression was built from, if it was (`cued.cue_trigger`): what a
    #: test checks each of fires it. Not part of the trigger's identity.
    phrases: tuple[str, ...] = field(default=(), compare=False, repr=False)
    #: Where not empty, what the database compiles instead of `expression`: expressions whose
    #: matches are together the expression's, each compiled on its own and all reporting as
    #: this trigger (Hyperscan reports one pattern once per end offset). A list of phrases
    #: behind one `\b` is an automaton Hyperscan runs over every byte; one phrase behind it
    #: is a literal for its literal matcher (split, the phrase triggers cost 36% less).
    parts: tuple[str, ...] = field(default=(), repr=False)

    @property
    def compiled(self) -> tuple[str, ...]:
        """The expressions the database compiles for this trigger."""
        return self.parts or (self.expression,)

    @property
    def caseless_flag(self) -> bool:
        return self.caseless


def _flags(trig: Trigger) -> int:
    flag = 0
    if trig.caseless:
        flag |= hyperscan.HS_FLAG_CASELESS
    if trig.prefilter:
        flag |= hyperscan.HS_FLAG_PREFILTER
    if trig.single:
        flag |= hyperscan.HS_FLAG_SINGLEMATCH
    return flag


def database_key(triggers: Sequence[Trigger]) -> str | None:
    """What a serialized native database is valid for: its patterns, their flags and libhs's
    version (SHA-256, hex); None where the native backend is not built."""
    if not _NATIVE:
        return None
    digest = hashlib.sha256(_hsnative.version().encode())
    for trig in triggers:
        digest.update(repr((trig.compiled, _flags(trig), trig.word_end)).encode())
    return digest.hexdigest()


class MultiPatternDB:
    """A compiled Hyperscan block-mode database with thread-local scratch spaces.

    `serialized` (native backend): the database as `serialize` wrote it for the same triggers
    (`database_key`), loaded instead of compiled; one that does not load here (another libhs,
    another CPU, damaged) is ignored, and the database compiled (`loaded` says which)."""

    __slots__ = ("_db", "_local", "_new_scratch", "_word_end", "backend", "loaded", "triggers")

    def __init__(
        self,
        triggers: Sequence[Trigger],
        *,
        backend: str | None = None,
        serialized: bytes | None = None,
    ) -> None:
        if not triggers:
            raise PatternCompileError("no trigger patterns to compile")
        self.backend = backend or available_backends()[0]
        if self.backend not in available_backends():
            raise ValueError(
                f"unknown or unavailable prefilter backend {self.backend!r}; "
                f"available: {', '.join(available_backends())}"
            )
        self.triggers = tuple(triggers)
        self.loaded = False
        # one or more expressions for each trigger, all reporting as its index
        expressions: list[bytes] = []
        ids: list[int] = []
        flags: list[int] = []
        for i, trig in enumerate(self.triggers):
            compiled = trig.compiled
            expressions += (expression.encode("utf-8") for expression in compiled)
            ids += [i] * len(compiled)
            flags += [_flags(trig)] * len(compiled)
        self._word_end = frozenset(i for i, t in enumerate(self.triggers) if t.word_end)
        self._local = threading.local()
        # a scratch space for each thread that scans, from this factory
        self._new_scratch: Callable[[], Any]
        if self.backend == "native":
            word_end = [t.word_end for t in self.triggers]
            native = None
            if serialized is not None:
                try:
                    native = _hsnative.Database(expressions, flags, word_end, serialized, ids)
                    self.loaded = True
                except ValueError:
                    pass  # compiled below
            if native is None:
                try:
                    native = _hsnative.Database(expressions, flags, word_end, None, ids)
                except ValueError as exc:
                    raise PatternCompileError(
                        f"pattern database failed to compile: {exc}"
                    ) from None
            self._db: hyperscan.Database | _hsnative.Database = native
            self._new_scratch = native.scratch
            return
        db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        try:
            db.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
        except hyperscan.error as exc:  # the wheel raises its base class, not CompilerError
            raise PatternCompileError(f"pattern database failed to compile: {exc}") from None
        self._db = db
        self._new_scratch = hyperscan.Scratch(db).clone

    def serialize(self) -> bytes:
        """The compiled database as bytes, for `MultiPatternDB(..., serialized=...)`."""
        if self.backend != "native":
            raise ValueError("only the native backend's database is serialized")
        return self._db.serialize()  # type: ignore[union-attr]

    def _scratch(self) -> Any:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._new_scratch()
            self._local.scratch = scratch
        return scratch

    def scan(self, text: str) -> list[tuple[int, int]]:
        """All (trigger index, end offset in characters) pairs, in order of end offset."""
        ids, ends = self.scan_columns(text)
        return list(zip(ids, ends, strict=True))

    def scan_columns(self, text: str) -> tuple[list[int], list[int]]:
        """The same hits as `scan`, as two parallel lists (trigger indices, end offsets)."""
        data = text.encode("utf-8")
        wide = len(data) != len(text)
        if not isinstance(self._db, hyperscan.Database):
            # (the native collector maps byte offsets to characters itself, in one pass)
            return self._db.scan(data, self._scratch(), wide)
        ids, ends = self._scan_wheel(self._db, data)
        if self._word_end:
            ids, ends = _at_word_ends(ids, ends, data, self._word_end)
        if wide and ends:
            to_char = ByteToChar(text)
            ends = [to_char(end) for end in ends]
        return ids, ends

    def _scan_wheel(self, db: hyperscan.Database, data: bytes) -> tuple[list[int], list[int]]:
        # The match callback is the per-hit cost that dominates a dense text: appending two
        # ints to two lists is cheaper than building a tuple for every hit.
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

        db.scan(data, match_event_handler=on_match, scratch=self._scratch())
        return ids, ends


#: Hyperscan's `\b` without UCP: ASCII letters, digits and "_" are word characters.
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _at_word_ends(
    ids: list[int], ends: list[int], data: bytes, bounded: frozenset[int]
) -> tuple[list[int], list[int]]:
    """The hits, less those of `bounded` triggers that do not end on a word boundary (the
    wheel's path; the native collector does the same in C)."""
    size = len(data)
    kept_ids: list[int] = []
    kept_ends: list[int] = []
    for idx, end in zip(ids, ends, strict=True):
        if idx in bounded:
            before = end > 0 and data[end - 1] in _WORD_BYTES
            after = end < size and data[end] in _WORD_BYTES
            if before == after:
                continue
        kept_ids.append(idx)
        kept_ends.append(end)
    return kept_ids, kept_ends


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
