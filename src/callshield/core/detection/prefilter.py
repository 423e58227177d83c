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
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
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
#: hard-wrapped transcripts put two blanks or a tab between words: "my  name  is"). The exact
#: patterns that confirm a trigger still accept any whitespace.
#:
#: A trigger whose only blanks are these (a list of cue phrases) is compiled with one `\s`
#: in their place and matched on the text with each run of blanks read as its first blank
#: (`blank_run_form`): a bounded repeat between the words makes each of a thousand phrases an
#: automaton Hyperscan runs over every byte, one `\s` leaves each a literal for its literal
#: matcher. Those triggers scan about twice as fast, the whole database a third faster
#: (interleaved, 3 MB of the bench corpus: 107 -> 81 ms).
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


#: Hyperscan's `\s` without UCP.
_BLANK_BYTES = b" \t\n\x0b\x0c\r"


def blank_run_form(expression: str) -> str | None:
    """`expression` with one `\\s` for each `TRIGGER_SPACE`, to be matched on a text whose
    runs of blanks read as their first blank; None where that would change what it matches:
    it matches a blank some other way (a literal blank, a class with blanks in it, "\\s{2}",
    two blanks in a row, "."). (An expression that matches no blank reads the same.)"""
    form = expression.replace(TRIGGER_SPACE, r"\s")
    try:
        parsed = sre_parse.parse(form)
    except re.error:
        return None
    return form if _blank_runs_safe(parsed) else None


def _blank_runs_safe(seq: Any) -> bool:
    """Whether a parsed expression matches blanks only with `\\s` and never needs two in a
    row ("\\s\\s", "\\s{2}", "\\s(?:x)?\\s"; "\\s(?:\\s)?" and "\\s+" need one): then each
    of its matches on a text is a match on the text with its runs of blanks read as one."""
    needs_blank = False  # (whether what came before must end on a blank)
    for op, arg in seq:
        if op is sre_c.LITERAL:
            if arg <= 0xFF and arg in _BLANK_BYTES:
                return False
        elif op is sre_c.IN:
            if not _is_blank_class([(op, arg)]) and not all(_blank_free(item) for item in arg):
                return False  # (a class with some blanks in it, or a negated one)
        elif op is sre_c.SUBPATTERN:
            if not _blank_runs_safe(arg[-1]):
                return False
        elif op is sre_c.BRANCH:
            if not all(_blank_runs_safe(branch) for branch in arg[1]):
                return False
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, body = arg
            starts, ends, _ = _blank_edges(body)
            twice = low >= 2 or (high > 1 and not _is_blank_class(body))
            if not _blank_runs_safe(body) or (starts and ends and twice):
                return False  # ("\\s{2}", "(?:\\sa\\s)+"; "\\s+" needs one)
        elif op is not sre_c.AT:
            return False  # (".", back-references...: matched on the text as it is)
        starts, ends, empty = _blank_edges([(op, arg)])
        if needs_blank and starts:
            return False
        needs_blank = ends or (needs_blank and empty)
    return True


def _blank_edges(seq: Any) -> tuple[bool, bool, bool]:
    """Whether each match of a parsed sequence starts on a blank, ends on one, and whether it
    may match nothing (a sequence that may match nothing starts and ends on nothing)."""
    edges: list[tuple[bool, bool, bool]] = []
    for op, arg in seq:
        if op is sre_c.IN:
            blank = _is_blank_class([(op, arg)])
            edges.append((blank, blank, False))
        elif op is sre_c.SUBPATTERN:
            edges.append(_blank_edges(arg[-1]))
        elif op is sre_c.BRANCH:
            each = [_blank_edges(branch) for branch in arg[1]]
            starts = all(e[0] for e in each)
            ends = all(e[1] for e in each)
            edges.append((starts, ends, any(e[2] for e in each)))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            starts, ends, empty = _blank_edges(arg[2])
            if arg[0] == 0 or empty:
                edges.append((False, False, True))
            else:
                edges.append((starts, ends, False))
        elif op is sre_c.AT:
            edges.append((False, False, True))
        else:
            edges.append((False, False, False))
    solid = [e for e in edges if not e[2]]
    if not solid:
        return False, False, True
    return solid[0][0] and not edges[0][2], solid[-1][1] and not edges[-1][2], False


def _is_blank_class(seq: Any) -> bool:
    """Whether a parsed sequence is one `\\s`."""
    return list(seq) == [(sre_c.IN, [(sre_c.CATEGORY, sre_c.CATEGORY_SPACE)])]


def _blank_free(item: tuple[Any, Any]) -> bool:
    kind, value = item
    if kind is sre_c.LITERAL:
        return value > 0xFF or value not in _BLANK_BYTES
    if kind is sre_c.RANGE:
        return not any(value[0] <= b <= value[1] for b in _BLANK_BYTES)
    if kind is sre_c.CATEGORY:
        return value in (sre_c.CATEGORY_DIGIT, sre_c.CATEGORY_WORD, sre_c.CATEGORY_NOT_SPACE)
    return False  # (a negated class)


def holds_literal(expression: str) -> bool:
    """Whether every match of `expression` holds two literal characters in a row: a factor
    Hyperscan's literal matcher can look for before it runs the rest. A trigger without one
    ("\\d(?:[ .-]?\\d){6,}", a capitalised pair) is an automaton run over every byte. (The
    parse is the same caseless or not: `re` folds case when it compiles.)"""
    try:
        parsed = sre_parse.parse(expression)
    except re.error:
        return False  # (Hyperscan's own syntax: read as an automaton)
    return _holds_literal(parsed)


def _literal_alike(expression: str) -> bool:
    """`holds_literal`, and matched alike on the text with its runs of blanks read as one
    (`blank_run_form` of an expression without `TRIGGER_SPACE`): one parse for both."""
    try:
        parsed = sre_parse.parse(expression)
    except re.error:
        return False
    return _blank_runs_safe(parsed) and _holds_literal(parsed)


def _holds_literal(seq: Any, run: int = 0) -> bool:
    # (`run`: literals just before `seq`; the parser moves a prefix that all of a group's
    # alternatives share in front of the group: "card|cc" is "c" then "ard|c")
    for op, arg in seq:
        if op is sre_c.LITERAL:
            run += 1
            if run >= 2:
                return True
            continue
        if op is sre_c.AT:
            continue  # (zero-width: "\\bat" is the literal "at")
        if op is sre_c.SUBPATTERN and _holds_literal(arg[-1], run):
            return True
        if op is sre_c.BRANCH and all(_holds_literal(branch, run) for branch in arg[1]):
            return True
        repeat = op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT)
        if repeat and arg[0] >= 1 and _holds_literal(arg[2], run):
            return True
        run = 0
    return False


def reads_blank_runs(trig: Trigger) -> bool:
    """Whether the database matches `trig` on the text with its runs of blanks read as one
    (`blank_run_form`)."""
    return _compiled_forms(trig)[1]


#: For each trigger: what the database compiles for it, and whether it is matched on the
#: text with its runs of blanks read as one (`database_plan`).
DatabasePlan = tuple[tuple[tuple[str, ...], bool], ...]


def database_plan(triggers: Sequence[Trigger]) -> DatabasePlan:
    """What `MultiPatternDB` compiles for `triggers` and on which reading of the text; made
    once and handed to `database_key` and `MultiPatternDB` (parsing the expressions is most
    of its cost, a tenth of a second for the default engine's)."""
    return tuple(_compiled_forms(trig) for trig in triggers)


def _compiled_forms(trig: Trigger) -> tuple[tuple[str, ...], bool]:
    """What the database compiles for `trig`, and whether it is matched on the text with its
    runs of blanks read as one (`blank_run_form` of each of its expressions).

    A trigger with no `TRIGGER_SPACE` that reads the same there and holds a literal factor
    (`holds_literal`: "\\bname", "\\swrote\\s?:") is matched there too, beside the cue
    phrases: the database of the text as it is keeps the automata, and its literals cost
    more in their company (the bench corpus, both databases: 110 -> 103 ms on 6 MB, the same
    hits)."""
    if not any(TRIGGER_SPACE in expression for expression in trig.compiled):
        return trig.compiled, all(_literal_alike(expression) for expression in trig.compiled)
    forms = [blank_run_form(expression) for expression in trig.compiled]
    if all(form is not None for form in forms):
        return tuple(form for form in forms if form is not None), True
    return trig.compiled, False


def _flags(trig: Trigger) -> int:
    flag = 0
    if trig.caseless:
        flag |= hyperscan.HS_FLAG_CASELESS
    if trig.prefilter:
        flag |= hyperscan.HS_FLAG_PREFILTER
    if trig.single:
        flag |= hyperscan.HS_FLAG_SINGLEMATCH
    return flag


def database_key(triggers: Sequence[Trigger], plan: DatabasePlan | None = None) -> str | None:
    """What a serialized native database is valid for: its patterns, their flags and libhs's
    version (SHA-256, hex); None where the native backend is not built."""
    if not _NATIVE:
        return None
    plan = database_plan(triggers) if plan is None else plan
    digest = hashlib.sha256(_hsnative.version().encode())
    for trig, forms in zip(triggers, plan, strict=True):
        digest.update(repr((forms, _flags(trig), trig.word_end)).encode())
    return digest.hexdigest()


class MultiPatternDB:
    """A compiled Hyperscan block-mode database with thread-local scratch spaces.

    It is two databases where some triggers match the text with its runs of blanks read as
    one (`blank_run_form`) and others the text as it is; a scan runs both and reports the hits
    of the second after those of the first (each trigger's in order of end offset).

    `serialized` (native backend): the database as `serialize` wrote it for the same triggers
    (`database_key`), loaded instead of compiled; one that does not load here (another libhs,
    another CPU, damaged) is ignored, and the database compiled (`loaded` says which)."""

    __slots__ = ("_dbs", "_local", "_new_scratch", "_word_end", "backend", "loaded", "triggers")

    def __init__(
        self,
        triggers: Sequence[Trigger],
        *,
        backend: str | None = None,
        serialized: bytes | None = None,
        plan: DatabasePlan | None = None,
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
        # for each reading of the text (as it is, blank runs as one blank): the expressions,
        # the trigger each reports as, their flags
        plans: dict[bool, tuple[list[bytes], list[int], list[int]]] = {
            False: ([], [], []),
            True: ([], [], []),
        }
        plan = database_plan(self.triggers) if plan is None else plan
        for i, (trig, (compiled, blank_runs)) in enumerate(zip(self.triggers, plan, strict=True)):
            expressions, ids, flags = plans[blank_runs]
            expressions += (expression.encode("utf-8") for expression in compiled)
            ids += [i] * len(compiled)
            flags += [_flags(trig)] * len(compiled)
        readings = [runs for runs in (False, True) if plans[runs][0]]
        self._word_end = frozenset(i for i, t in enumerate(self.triggers) if t.word_end)
        self._local = threading.local()
        # (the reading, the database) for each reading; a scratch space for each thread that
        # scans, made by the factory
        self._dbs: list[tuple[bool, Any]]
        self._new_scratch: Callable[[], list[Any]]
        if self.backend == "native":
            word_end = [t.word_end for t in self.triggers]
            blobs = _unpack(serialized, len(readings)) if serialized is not None else None
            natives = []
            for k, runs in enumerate(readings):
                expressions, ids, flags = plans[runs]
                native = None
                if blobs is not None:
                    try:
                        native = _hsnative.Database(expressions, flags, word_end, blobs[k], ids)
                    except ValueError:
                        blobs = None  # (all compiled)
                if native is None:
                    try:
                        native = _hsnative.Database(expressions, flags, word_end, None, ids)
                    except ValueError as exc:
                        raise PatternCompileError(
                            f"pattern database failed to compile: {exc}"
                        ) from None
                natives.append(native)
            self.loaded = blobs is not None
            self._dbs = list(zip(readings, natives, strict=True))
            self._new_scratch = lambda: [native.scratch() for native in natives]
            return
        wheels = []
        for runs in readings:
            expressions, ids, flags = plans[runs]
            db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            try:
                db.compile(expressions=expressions, ids=ids, elements=len(expressions), flags=flags)
            except hyperscan.error as exc:  # the wheel raises its base class
                raise PatternCompileError(f"pattern database failed to compile: {exc}") from None
            wheels.append(db)
        self._dbs = list(zip(readings, wheels, strict=True))
        prototypes = [hyperscan.Scratch(db) for db in wheels]
        self._new_scratch = lambda: [prototype.clone() for prototype in prototypes]

    def serialize(self) -> bytes:
        """The compiled database as bytes, for `MultiPatternDB(..., serialized=...)`."""
        if self.backend != "native":
            raise ValueError("only the native backend's database is serialized")
        blobs = [db.serialize() for _, db in self._dbs]
        return b"".join(len(blob).to_bytes(8, "little") + blob for blob in blobs)

    def _scratch(self) -> list[Any]:
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._new_scratch()
            self._local.scratch = scratch
        return scratch

    def scan(self, text: str) -> list[tuple[int, int]]:
        """All (trigger index, end offset in characters) pairs, each trigger's in order of
        end offset."""
        ids, ends = self.scan_columns(text)
        return list(zip(ids, ends, strict=True))

    def scan_columns(self, text: str) -> tuple[list[int], list[int]]:
        """The same hits as `scan`, as two parallel lists (trigger indices, end offsets)."""
        data = text.encode("utf-8")
        wide = len(data) != len(text)
        scratches = self._scratch()
        if self.backend == "native":
            # (the native collector maps byte offsets to characters itself, in one pass)
            ids: list[int] = []
            ends: list[int] = []
            for (runs, db), scratch in zip(self._dbs, scratches, strict=True):
                got_ids, got_ends = db.scan(data, scratch, wide, runs)
                ids += got_ids
                ends += got_ends
            return ids, ends
        ids, ends = [], []
        for (runs, db), scratch in zip(self._dbs, scratches, strict=True):
            reading = BlankRuns(data) if runs else None
            matched = reading.data if reading else data
            got_ids, got_ends = _scan_wheel(db, matched, scratch)
            if self._word_end:
                got_ids, got_ends = _at_word_ends(got_ids, got_ends, matched, self._word_end)
            if reading is not None:
                got_ends = [reading.original(end) for end in got_ends]
            ids += got_ids
            ends += got_ends
        if wide and ends:
            to_char = ByteToChar(text)
            ends = [to_char(end) for end in ends]
        return ids, ends


def _unpack(serialized: bytes, count: int) -> list[bytes] | None:
    """The databases `MultiPatternDB.serialize` packed, or None where `serialized` does not
    hold `count` of them."""
    blobs = []
    at = 0
    while at < len(serialized):
        size = int.from_bytes(serialized[at : at + 8], "little")
        blob = serialized[at + 8 : at + 8 + size]
        if size == 0 or len(blob) != size:
            return None
        blobs.append(blob)
        at += 8 + size
    return blobs if len(blobs) == count else None


def _scan_wheel(db: hyperscan.Database, data: bytes, scratch: Any) -> tuple[list[int], list[int]]:
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

    db.scan(data, match_event_handler=on_match, scratch=scratch)
    return ids, ends


_BLANK_RUN = re.compile(b"[" + re.escape(_BLANK_BYTES) + b"]{2,}")


class BlankRuns:
    """UTF-8 `data` with each run of blanks read as its first blank (`data`), and the way
    back from an end offset in it to one in the original (`original`): the wheel's path; the
    native collector does the same in C."""

    __slots__ = ("_dropped", "_kept_at", "data")

    def __init__(self, data: bytes) -> None:
        pieces: list[bytes] = []
        kept_at: list[int] = []  # where each run's first blank lies in the reading
        dropped: list[int] = [0]  # blanks left out before it, and after it
        last = 0
        for run in _BLANK_RUN.finditer(data):
            pieces.append(data[last : run.start() + 1])
            kept_at.append(run.start() - dropped[-1])
            dropped.append(dropped[-1] + len(run.group()) - 1)
            last = run.end()
        pieces.append(data[last:])
        self.data = b"".join(pieces)
        self._kept_at = kept_at
        self._dropped = dropped

    def original(self, end: int) -> int:
        """The end offset in the original of an end offset in the reading (the end of the
        byte it follows)."""
        if end == 0:
            return 0
        # (the byte before `end` follows the runs whose kept blank lies before it)
        return end + self._dropped[bisect.bisect_left(self._kept_at, end - 1)]


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
