"""`Caseless`: caseless patterns searched in a lowered copy of the text give the matches the
caseless pattern gives, of the text itself; `numbered_labels` skips lines that cannot hold a
label and finds what `finditer` finds."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest

import callshield.core
from callshield.core.detection.base import NUMBERED_LABEL, numbered_labels
from callshield.core.detection.caseless import CONTEXT, Caseless


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groups() == b.groups() and a.string is b.string


def test_the_match_is_of_the_text_itself_in_its_own_case() -> None:
    cue = Caseless(r"(?:my\s+name\s+is|this\s+is)\s*\Z")
    assert cue.lowered is not None  # the fast path is taken
    text = "Agent: Thanks for calling. My Name Is Dana"
    found = cue.search(text, 0, text.index("Dana"))
    assert found is not None
    assert found.group() == "My Name Is "
    assert found.string is text
    assert _same(found, cue.exact.search(text, 0, text.index("Dana")))


def test_a_pattern_with_its_own_capitals_is_searched_caseless_only() -> None:
    assert Caseless(r"[A-Z]{2}\d").lowered is None
    assert Caseless(r"(?-i:Mc)[a-z]+").lowered is None
    # (an escape's capital or a named group's P is none of the pattern's letters)
    assert Caseless(r"\S+(?P<v>\d)\Z").lowered is not None
    assert Caseless(r"\\S").lowered is None  # a backslash, then a capital S


def test_what_precedes_the_search_is_read_as_the_pattern_reads_it() -> None:
    # a look-behind and a word boundary read the characters before `pos`, as `re` does
    word = Caseless(r"(?<![a-z])name\b")
    assert word.search("RENAME it", 2) is None
    assert word.exact.search("RENAME it", 2) is None
    assert word.search("a NAME", 2) is not None
    # (a look-behind that must see what comes before the search's start)
    after = Caseless(r"(?<=my )name\b")
    assert after.search("MY NAME", 3) is not None
    assert [m.span() for m in after.finditer("My Name, my name", 3)] == [(3, 7), (12, 16)]
    far = "x" * (CONTEXT + 20) + "Name"
    assert _same(Caseless(r"\bname").search(far, CONTEXT + 20), None)


def test_text_that_is_not_ascii_is_searched_caseless() -> None:
    # the Kelvin sign matches "k" caseless but lowers to itself: the caseless search runs
    kelvin = Caseless(r"\bkey\b")
    text = "the \u212aey is here"
    assert kelvin.search(text) is not None
    assert [m.span() for m in kelvin.finditer(text)] == [(4, 7)]


def test_finditer_gives_finditers_matches() -> None:
    pattern = Caseless(r"\b(?P<w>uh|um|er)\b[ ,]*")
    text = "UH, so Um the number... ER um"
    assert [(m.span(), m.group("w")) for m in pattern.finditer(text, 1)] == [
        (m.span(), m.group("w")) for m in pattern.exact.finditer(text, 1)
    ]
    assert [m.group("w") for m in pattern.finditer(text)] == ["UH", "Um", "ER", "um"]


def _all_caseless() -> list[tuple[str, Caseless]]:
    found: dict[int, tuple[str, Caseless]] = {}
    for info in pkgutil.walk_packages(callshield.core.__path__, "callshield.core."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Caseless):
                found[id(value)] = (f"{info.name}.{name}", value)
    from callshield import Engine

    for detector in Engine()._detectors:
        for attr in ("_cue_re", "_context_re"):
            value = getattr(detector, attr, None)
            if isinstance(value, Caseless):
                found[id(value)] = (f"{detector.name}.{attr}", value)
    return list(found.values())


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    from callshield.evaluation.corpus import generate_corpus

    return [r["text"] for r in generate_corpus(n=400, seed=11)]


def test_the_codebases_caseless_patterns_match_as_their_caseless_selves(
    corpus: list[str],
) -> None:
    """Every `Caseless` of the core and of the default engine's cued detectors, searched in
    windows that end at each word's end (as a cue's search before a value is) and in random
    windows, gives `re`'s caseless matches."""
    patterns = _all_caseless()
    assert len(patterns) >= 20
    assert sum(p.lowered is not None for _, p in patterns) >= 15  # most take the fast path
    rnd = random.Random(3)
    matched = 0
    for name, pattern in patterns:
        for text in corpus[:120]:
            for end in [m.end() for m in re.finditer(r"\w\b", text)][::3]:
                lo = max(0, end - 80)
                expected = pattern.exact.search(text, lo, end)
                matched += expected is not None
                assert _same(pattern.search(text, lo, end), expected), (name, lo, end)
            lo = rnd.randrange(len(text) + 1)
            hi = rnd.randrange(lo, len(text) + 1)
            got = [(m.span(), m.groups()) for m in pattern.finditer(text, lo, hi)]
            assert got == [(m.span(), m.groups()) for m in pattern.exact.finditer(text, lo, hi)]
    assert matched > 1000  # (the windows do hold the patterns' matches)


def test_numbered_labels_are_finditers_matches(corpus: list[str]) -> None:
    texts = [
        *corpus,
        "agent|Hi there\ncustomer|.|:|it's fine",  # a bar alone, no digit on the line
        "[00:01:30] spk_1: it's rosenthal\nno digit here\n12:04 PM\nSpeaker 2 (00:00:18): yes",
        "Caller - 0:33 - eight six\n\n13\n[CALLER] sure\n2203313759|8|CUSTOMER|36.7|1.5|0.97|hi",
    ]
    full = re.compile(NUMBERED_LABEL.pattern, NUMBERED_LABEL.flags)
    seen = 0
    for text in texts:
        expected = [m.span() for m in full.finditer(text)]
        seen += len(expected)
        assert [m.span() for m in numbered_labels(text)] == expected
    assert seen >= 6
