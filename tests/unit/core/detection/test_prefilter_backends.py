"""The two scanning backends (native collector, `hyperscan` wheel) report the same hits."""

from __future__ import annotations

import os
import random
import re
import threading
from dataclasses import replace

import pytest

from callshield import Engine
from callshield.core.detection.prefilter import (
    TRIGGER_SPACE,
    BlankRuns,
    ByteToChar,
    MultiPatternDB,
    PatternCompileError,
    Trigger,
    available_backends,
    blank_run_form,
    reads_blank_runs,
)
from callshield.evaluation.corpus import generate_corpus

BACKENDS = available_backends()


def test_the_native_collector_is_built_where_the_build_requires_it() -> None:
    # `make test` builds it (native/build.py) and sets CALLSHIELD_REQUIRE_NATIVE=1
    if os.environ.get("CALLSHIELD_REQUIRE_NATIVE") != "1":
        pytest.skip("only `make test` requires the native collector")
    assert BACKENDS[0] == "native"
    assert MultiPatternDB([Trigger("x", max_len=1)]).backend == "native"


def test_an_unknown_backend_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown or unavailable prefilter backend"):
        MultiPatternDB([Trigger("x", max_len=1)], backend="re")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_bad_pattern_is_a_compile_error(backend: str) -> None:
    with pytest.raises(PatternCompileError, match="failed to compile"):
        MultiPatternDB([Trigger("ok", max_len=2), Trigger("(", max_len=1)], backend=backend)


def _native_and_wheel() -> tuple[MultiPatternDB, MultiPatternDB]:
    """The engine's triggers on both backends (skips where the native collector is absent)."""
    if len(BACKENDS) < 2:
        pytest.skip("the native collector is not built here")
    triggers = Engine().prefilter_patterns
    return MultiPatternDB(triggers, backend="native"), MultiPatternDB(triggers, backend="wheel")


def test_both_backends_report_the_same_hits_on_the_corpus() -> None:
    native, wheel = _native_and_wheel()
    texts = [str(r["text"]) for r in generate_corpus(n=300, seed=11)]
    texts.append("Grüße, my name is Zoë Müller — call 4111 1111 1111 1111 ✓ thanks")
    assert _same_hits(native, wheel, texts) > 1000  # the corpus exercises many triggers


def _same_hits(one: MultiPatternDB, other: MultiPatternDB, texts: list[str]) -> int:
    """How many hits `one` reports on `texts`, checking that `other` reports the same."""
    hits = 0
    for text in texts:
        got = one.scan_columns(text)
        assert got == other.scan_columns(text)
        hits += len(got[0])
    return hits


def test_both_backends_agree_on_offsets_in_one_long_text_of_every_utf8_width() -> None:
    # The native collector maps byte offsets to characters in C, walking the text back and
    # forth as Hyperscan's matches come (nearly, not strictly, in order); the wheel's path maps
    # each offset in Python (`ByteToChar`). Characters of 2, 3 and 4 bytes among the hits.
    native, wheel = _native_and_wheel()
    marks = ("é", "—", "✓", "😀", "Ğ", "名")
    docs = [str(r["text"]) for r in generate_corpus(n=200, seed=5)]
    # (wide characters between and inside words: where a late match skips back over them)
    text = "\n".join(
        doc.replace(" ", f" {marks[i % len(marks)]} ").replace("e", "é") if i % 2 else doc
        for i, doc in enumerate(docs)
    )
    got = native.scan_columns(text)
    assert len(got[0]) > 1000
    assert got == wheel.scan_columns(text)


def test_the_native_mapping_of_offsets_is_byte_to_char_in_any_order() -> None:
    # Hyperscan reports matches nearly in order of end offset; the native walk goes back and
    # forth, so any order of offsets gives what `ByteToChar` gives (mid-character ones too)
    if len(BACKENDS) < 2:
        pytest.skip("the native collector is not built here")
    from callshield.core.detection import _hsnative

    # (the continuation bytes are found sixteen bytes at a time: long mostly-ASCII texts too)
    rng = random.Random(20261130)
    alphabet = "ab 1.-é—✓😀Ğ名\n"
    for _ in range(400):
        ascii_share = rng.choice((0.0, 0.9, 0.99))
        text = "".join(
            rng.choice("ab 1.") if rng.random() < ascii_share else rng.choice(alphabet)
            for _ in range(rng.randint(0, 200))
        )
        data = text.encode("utf-8")
        offsets = [rng.randint(0, len(data)) for _ in range(rng.randint(1, 30))]
        if rng.random() < 0.5:
            offsets.sort()
        to_char = ByteToChar(text)
        assert _hsnative.chars_at(data, offsets) == [to_char(o) for o in offsets]


@pytest.mark.parametrize("backend", BACKENDS)
def test_word_end_keeps_only_matches_that_end_on_a_word_boundary(backend: str) -> None:
    # the same semantics as a trailing \b compiled into the pattern (checked against `re`)
    db = MultiPatternDB(
        [
            Trigger(r"\b(?:pin|pin\scode)", max_len=8, word_end=True),
            Trigger(r"\b(?:acct\s#)", max_len=8, word_end=True),
            Trigger(r"\b(?:pin)", max_len=3),
        ],
        backend=backend,
    )
    text = "pin spinning pins pin code pin_x pin. acct #12 acct # pin"
    ids, ends = db.scan_columns(text)
    for idx, alternatives in ((0, (r"pin", r"pin\scode")), (1, (r"acct\s#",))):
        # every alternative's matches, as Hyperscan reports them (all ends, not leftmost only)
        want = sorted({m.end() for a in alternatives for m in re.finditer(rf"\b{a}\b", text)})
        assert [e for i, e in zip(ids, ends, strict=True) if i == idx] == want
        assert want  # the text has some of each
    # without word_end, every end is reported ("pin" inside "pins" and "pin_x" too)
    assert len([i for i in ids if i == 2]) == text.count("pin") - 1  # not inside "spinning"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_trigger_compiled_in_parts_reports_what_its_expression_reports(backend: str) -> None:
    # The phrase triggers compile one expression per phrase, all reporting as the trigger
    # (`Trigger.parts`). Hyperscan reports one pattern once per end offset, so the split
    # database holds the same hits as the one alternation would, each once.
    triggers = Engine().prefilter_patterns
    split = [t for t in triggers if t.parts]
    assert len(split) >= 20 and all(len(t.parts) == len(set(t.parts)) > 0 for t in split)
    parted = MultiPatternDB(triggers, backend=backend)
    whole = MultiPatternDB([replace(t, parts=()) for t in triggers], backend=backend)
    texts = [str(r["text"]) for r in generate_corpus(n=300, seed=3)]
    texts.append("my name is my name's Ms. Mrs Dr. account number acct no. pin pin code")
    hits = 0
    for text in texts:
        ids, ends = parted.scan_columns(text)
        pairs = list(zip(ids, ends, strict=True))
        assert len(pairs) == len(set(pairs))  # each hit once
        assert sorted(pairs) == sorted(zip(*whole.scan_columns(text), strict=True))
        hits += sum(1 for i in ids if triggers[i].parts)
    assert hits > 1000


@pytest.mark.parametrize("backend", BACKENDS)
def test_parts_report_as_their_trigger_and_bad_ids_are_refused(backend: str) -> None:
    db = MultiPatternDB(
        [Trigger("x", max_len=1), Trigger(r"a(?:b|cd)", max_len=3, parts=("ab", "acd"))],
        backend=backend,
    )
    # (the literals are matched beside the cue phrases, in the second database: their hits
    # come after the first's)
    assert db.scan_columns("ab acd x abcd") == ([0, 1, 1, 1], [8, 2, 6, 11])
    if backend == "native":
        from callshield.core.detection import _hsnative

        with pytest.raises(ValueError, match="each id must index word_end"):
            _hsnative.Database([b"a", b"b"], [0, 0], [False], None, [0, 1])
        with pytest.raises(ValueError, match="of one length"):
            _hsnative.Database([b"a", b"b"], [0, 0], [False], None, [0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_thread_scans_with_its_own_scratch(backend: str) -> None:
    db = MultiPatternDB(Engine().prefilter_patterns, backend=backend)
    texts = [str(r["text"]) for r in generate_corpus(n=40, seed=5)]
    expected = [db.scan_columns(t) for t in texts]
    results: dict[int, list[tuple[list[int], list[int]]]] = {}

    def work(k: int) -> None:
        results[k] = [db.scan_columns(t) for t in texts for _ in range(3)][::3]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[k] == expected for k in range(4))


@pytest.mark.parametrize("backend", BACKENDS)
def test_offsets_are_characters_in_non_ascii_text(backend: str) -> None:
    db = MultiPatternDB([Trigger(r"\d{4}", max_len=4, caseless=False)], backend=backend)
    text = "née Zoë — 1234"
    _, ends = db.scan_columns(text)
    assert ends == [len(text)]


def test_the_database_is_the_same_in_every_process() -> None:
    """The trigger patterns do not depend on the order of a set of strings, which changes from
    process to process (hash randomisation): two interpreters build the same patterns."""
    import subprocess
    import sys

    program = (
        "import hashlib; from callshield import Engine; "
        "print(hashlib.sha256(repr([t.expression for t in Engine().prefilter_patterns])"
        ".encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", program],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1


@pytest.mark.parametrize(
    ("expression", "form"),
    [
        # cue phrases: one `\s` for each TRIGGER_SPACE
        (r"\b(?:my\s{1,3}name\s{1,3}is)", r"\b(?:my\sname\sis)"),
        (r"(?:\b|_)(?:zip(?:\s{1,3}code)?)", r"(?:\b|_)(?:zip(?:\scode)?)"),
        (r"(?:\b|_)(?:acct\s{1,3}#)(?:\s{1,3})?", r"(?:\b|_)(?:acct\s#)(?:\s)?"),
        (r"\bmaster\s?card\s{1,3}no", r"\bmaster\s?card\sno"),
        (r"\bsurname", r"\bsurname"),  # no blank at all: reads the same
        # what a run of blanks read as one would change: matched on the text as it is
        (r"\bname[ \t]{0,3}is\s{1,3}x", None),  # a class with some blanks in it
        (r"\bname\s{1,3}\s{1,3}is", None),  # two blanks in a row
        (r"\bname\s{1,3}(?:x)?\s{1,3}is", None),  # two, where "x" is left out
        (r"\bname\s{2}is\s{1,3}x", None),
        (r"\bname\s{1,3}is .", None),  # a literal blank, any character
        (r"\bname\s{1,3}[^:]", None),  # a class that holds blanks
        (r"\bname\s{1,3}(?:\sis\s)+", None),  # a blank after a blank, repeated
        # one blank needed where there may be more: as good as one
        (r"\bname\s{1,3}\s?is", r"\bname\s\s?is"),
        (r"\bname\s{1,3}(?:is\s+)+x", r"\bname\s(?:is\s+)+x"),
    ],
)
def test_the_blank_run_form_of_a_trigger(expression: str, form: str | None) -> None:
    assert blank_run_form(expression) == form
    if form is not None and r"\s{1,3}" not in expression:
        assert form == expression


@pytest.mark.parametrize("backend", BACKENDS)
def test_cue_phrases_match_across_runs_of_blanks_and_report_the_texts_offsets(
    backend: str,
) -> None:
    # A cue trigger is compiled with one `\s` between its words and matched on the text with
    # each run of blanks read as one: "my  name  is", "my\tname\n  is" fire it as "my name is"
    # did, at the end of the phrase in the text; a trigger that counts blanks ("a  b", two
    # spaces) still sees the text as it is.
    cue = Trigger(r"\b(?:my\s{1,3}name\s{1,3}is)", max_len=20, word_end=True)
    spaced = Trigger("a  b", max_len=4, caseless=False)
    db = MultiPatternDB([cue, spaced], backend=backend)
    text = "é  my  name  is Zoë;  a  b\tmy\tname\n   is—my name is   \n"
    want = [m.end() for m in re.finditer(r"\bmy\s+name\s+is\b", text)]
    assert len(want) == 3
    hits = list(zip(*db.scan_columns(text), strict=True))
    assert sorted(end for idx, end in hits if idx == 0) == want
    assert [end for idx, end in hits if idx == 1] == [text.index("a  b") + 4]
    # without a run of two blanks anywhere, the text is its own reading
    assert db.scan_columns("my name is") == ([0], [10])


@pytest.mark.parametrize("seed", range(3))
def test_both_backends_read_runs_of_blanks_alike(seed: int) -> None:
    # The native collector collapses runs of blanks in C; the wheel's path in Python
    # (`BlankRuns`): the same hits and offsets on texts with runs of every blank, of every
    # length, at the start and the end, beside wide characters.
    native, wheel = _native_and_wheel()
    rng = random.Random(seed)
    docs = [str(r["text"]) for r in generate_corpus(n=120, seed=seed)]
    blanks = [" ", "  ", "\t", " \n ", "\r\n\r\n", "\x0b\x0c", "   \t  "]
    texts = ["".join(w + rng.choice(blanks) for w in doc.split(" ")) for doc in docs] + [
        "  my  name  is Zoë  ",
        "\n\n",
        " ",
        "é \t é",
    ]
    assert _same_hits(native, wheel, texts) > 1000


@pytest.mark.parametrize("backend", BACKENDS)
def test_runs_of_blanks_at_every_position_and_of_every_length(backend: str) -> None:
    # The native reading finds runs sixteen bytes at a time (SSE2) and keeps one entry per
    # run to map ends back: runs straddling a block's edge, at the text's start and end, one
    # after another, and hits of two triggers reported out of order must all map back to the
    # byte each ends after.
    ab = Trigger(r"a\s{1,3}b", max_len=5, caseless=False)
    ba = Trigger(r"b\s{1,3}a", max_len=5, caseless=False)
    assert reads_blank_runs(ab) and reads_blank_runs(ba)
    db = MultiPatternDB([ab, ba], backend=backend)
    rng = random.Random(20261206)
    blank = " \t\n\r\x0b\x0c"
    for _ in range(400):
        text = "".join(
            rng.choice(blank) * rng.choice((1, 1, 2, 3, 17))
            if rng.random() < 0.5
            else rng.choice("ab")
            for _ in range(rng.randrange(0, 90))
        )
        hits = list(zip(*db.scan_columns(text), strict=True))
        for idx, pattern in enumerate((re.compile(r"a\s+b"), re.compile(r"b\s+a"))):
            matches = (pattern.match(text, start) for start in range(len(text)))
            want = sorted({m.end() for m in matches if m})
            assert sorted(end for i, end in hits if i == idx) == want, text


def test_blank_runs_maps_each_end_back_to_the_original() -> None:
    rng = random.Random(4)
    for _ in range(200):
        data = bytes(rng.choice(b"ab \t\n") for _ in range(rng.randrange(0, 40)))
        reading = BlankRuns(data)
        assert reading.data == re.sub(rb"([ \t\n])[ \t\n]+", rb"\1", data)
        back = [
            i
            for i in range(len(data))
            if i == 0 or not (data[i] in b" \t\n" and data[i - 1] in b" \t\n")
        ]  # the original byte each byte of the reading is
        assert [reading.original(end) for end in range(1, len(reading.data) + 1)] == [
            i + 1 for i in back
        ]
        assert reading.original(0) == 0


def test_every_list_of_cue_phrases_is_matched_across_runs_of_blanks() -> None:
    # (what keeps the cue phrases literals for Hyperscan: a change that made one unsafe to
    # read this way would silently bring back the automata, at a third of the stage's speed)
    triggers = Engine().prefilter_patterns
    cued = [t for t in triggers if t.parts and any(TRIGGER_SPACE in e for e in t.compiled)]
    assert len(cued) >= 20
    assert all(reads_blank_runs(t) for t in cued)
    # the triggers that count blanks or match them with a class are read as they are
    assert not reads_blank_runs(Trigger(r"\bname[ \t]*:\s{1,3}x", max_len=9))
    # a literal that reads alike on both is matched beside the cue phrases (cheaper there);
    # an automaton is not, nor an expression Python's parser cannot read
    assert reads_blank_runs(Trigger(r"\bname", max_len=4))
    assert reads_blank_runs(Trigger(r"\swrote\s?:", max_len=8))
    assert not reads_blank_runs(Trigger(r"\d[/.]\d{1,2}[/.]\d\d", max_len=8))
    assert not reads_blank_runs(Trigger(r"\b[A-Z][a-z]+\s[A-Z][a-z]+", max_len=30))
    assert not reads_blank_runs(Trigger(r"\bname[ \t]+on", max_len=9))
