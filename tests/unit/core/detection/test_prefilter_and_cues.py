"""The fast paths of the detection core give the same answers as the plain forms they replace:
the trie-shaped phrase regex matches what a flat longest-first alternation matches, and the
column form of the multi-pattern scan holds the same hits as the pair form."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from callshield import Engine
from callshield.core.detection.base import (
    NUMBER_RUN_CHARS,
    Cues,
    matches_near,
    phrase_alternation,
    windows,
)
from callshield.core.detection.prefilter import MultiPatternDB, Trigger
from callshield.core.detectors.cued import cue_trigger
from callshield.core.detectors.person import NameLexicon, PersonDetector

PHRASES = (
    "call", "call me", "call back", "callback", "callback number", "phone", "phones",
    "phone number", "t:", "tel:", "tel", "account #", "driver's license", "d.o.b",
)  # fmt: skip


def _flat(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The form `Cues` used before the trie: a flat alternation, longest phrase first."""
    ordered = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in ordered)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)


_WORDS = st.sampled_from(
    [w for p in PHRASES for w in p.split()] + ["x", "the", "calls", "phoned", "1", "a", ":"]
)
_GAPS = st.sampled_from([" ", "  ", "\n", "", ",", ": ", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS, st.booleans()), max_size=14))
def test_trie_cues_match_like_the_flat_alternation(parts: list[tuple[str, str, bool]]) -> None:
    text = "".join((w.upper() if up else w) + gap for w, gap, up in parts)
    flat = _flat(PHRASES)
    trie = Cues(PHRASES)._regex
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("please callback number 5", "callback number"),
        ("call me back", "call me"),
        ("he phoned", None),
        ("my phones", "phones"),
        ("TEL: 555", "tel:"),
    ],
    ids=["longest-phrase", "two-words", "no-partial-word", "plural", "caseless-colon"],
)
def test_cues_before_finds_the_longest_phrase(text: str, expected: str | None) -> None:
    found = Cues(PHRASES).before(text, len(text))
    assert (found[0] if found else None) == expected


def test_phrase_alternation_is_a_trie() -> None:
    body = phrase_alternation(["call", "call me", "callback"])
    assert body.count("call") == 1  # the shared prefix is written once
    pattern = re.compile(rf"(?:{body})\Z")
    assert all(pattern.search(p) for p in ("call", "call me", "callback", "call   me"))
    assert not pattern.fullmatch("cal")


def test_scan_columns_hold_the_same_hits_as_scan(engine: Engine) -> None:
    text = "My name is Jane Doe, card 4111 1111 1111 1111, call (415) 555-0132. Ünïcode 078-05-1120"
    db = MultiPatternDB(engine.prefilter_patterns)
    ids, ends = db.scan_columns(text)
    assert list(zip(ids, ends, strict=True)) == db.scan(text) == engine.candidates(text)
    assert ids, "the triggers fire on this text"
    assert all(0 < end <= len(text) for end in ends)  # character offsets, not bytes


def test_a_dotted_title_is_reported_once(engine: Engine) -> None:
    """`Mr.` used to be reported twice (with and without the dot) by the strong-cue trigger;
    the detector reads past the dot itself."""
    strong = PersonDetector(NameLexicon(frozenset(), frozenset(), frozenset())).triggers[0]
    index = engine.prefilter_patterns.index(strong)
    text = "Thanks Mr. Smith."
    assert [end for idx, end in engine.candidates(text) if idx == index] == [9]
    assert [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)] == [
        ("PERSON", "Smith")
    ]


def _matches_near_by_definition(
    regex: re.Pattern[str], text: str, ends: list[int], back: int, ahead: int
) -> list[tuple[int, int]]:
    """matches_near as specified: every merged window, its start moved back to the start of
    the number run it falls in, searched on its own; each span reported once, in order."""
    spans: list[tuple[int, int]] = []
    for lo, hi in windows(ends, back, ahead, len(text)):
        while lo > 0 and text[lo - 1] in NUMBER_RUN_CHARS:
            lo -= 1
        spans.extend(m.span() for m in regex.finditer(text, lo, hi) if m.span() not in spans)
    return spans


_NEAR_PATTERNS = [re.compile(p) for p in (r"\d+(?:[ .\-]\d+)*", r"\d{3}", r"[a-z]+", r"\d*")]


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="0123456789 .-abc,", max_size=120),
    st.lists(st.integers(0, 120), max_size=8),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from(range(len(_NEAR_PATTERNS))),
)
@example("123 456 789 012", [3, 15], 1, 1, 1)  # the second window moves back over the first
def test_matches_near_merges_windows_and_reports_each_match_once(
    text: str, ends: list[int], back: int, ahead: int, which: int
) -> None:
    regex = _NEAR_PATTERNS[which]
    hits = sorted(e for e in ends if e <= len(text))
    got = [m.span() for m in matches_near(regex, text, hits, back, ahead)]
    assert got == _matches_near_by_definition(regex, text, hits, back, ahead)


def _fires(trigger: Trigger, text: str) -> bool:
    _, ends = MultiPatternDB([trigger]).scan_columns(text)
    return bool(ends)


def test_every_cue_phrase_of_the_engine_fires_its_trigger() -> None:
    """Each cue phrase of every trigger built from phrases fires that trigger, alone in a
    sentence, in lower case, before a colon, and with two blanks or a tab between its words:
    a cue Hyperscan can never match ("código que me llegó" behind an ASCII-only word
    boundary) would be a rule that does nothing."""
    triggers = [t for t in Engine().prefilter_patterns if t.phrases]
    assert len(triggers) >= 20
    dead = []
    for trigger in triggers:
        db = MultiPatternDB([trigger])  # (compiled once: each compilation takes a while)
        for phrase in trigger.phrases:
            texts = [f"ok {phrase} 12", f"ok {phrase.lower()} 12"]
            if phrase[-1].isalnum():  # (a phrase that ends in a sign needs the blank after)
                texts.append(f"{phrase}: 12")
            # hard-wrapped and justified text: two blanks, or a tab, between the words
            texts += [f"ok {'  '.join(phrase.split())} 12", f"ok {chr(9).join(phrase.split())} 12"]
            dead += [text for text in texts if not db.scan_columns(text)[1]]
    assert dead == []


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("le code de sécurité 737", True),
        ("code de sécurité: 737", True),
        ("Últimos 4 del seguro social: 8870", True),
        ("09:44 Iker: últimos 4 8870", True),
        ("los penúltimos 4", False),  # inside a word: no cue
        ("sécuritéx 737", False),
        ("my pin 1234", True),
        ("rt# 12", True),
    ],
)
def test_accented_cue_phrases_start_and_end_on_letters_outside_ascii(
    text: str, fires: bool
) -> None:
    trigger = cue_trigger(["code de sécurité", "últimos 4", "pin", "rt#"])
    assert _fires(trigger, text) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("我的生日是1964年", True),
        ("생일 1957.02.13", True),
        ("出生日期：1964", True),
        ("生", False),
    ],
)
def test_chinese_japanese_and_korean_cues_fire_with_no_word_boundary(
    text: str, fires: bool
) -> None:
    # (those scripts write no blank between words: the phrase glued to the words around it)
    assert _fires(cue_trigger(["生日", "생일", "出生日期"]), text) is fires


def test_chinese_japanese_and_korean_cues_make_a_trigger_of_their_own() -> None:
    with pytest.raises(ValueError, match="list of their own"):
        cue_trigger(["birthday", "生日"])


def test_triggers_compiled_in_parts_report_what_their_expression_reports() -> None:
    """A trigger the database compiles as parts (`Trigger.parts`: the lookalike pairs as
    literals, the cue phrases one by one) fires wherever its expression matches and nowhere
    else: on every pair of characters the lookalike trigger is about, and on texts around them.
    """
    parted = [t for t in Engine().prefilter_patterns if t.parts and not t.phrases]
    assert parted, "no trigger is compiled in parts"
    alphabet = "0123456789OoIlSBx 5-"
    samples = [a + b for a in alphabet for b in alphabet]
    samples += ["call 8OO 555 Ol23", "SSN 12B-45-678S", "no digits here", "BOIL 5 S0"]
    for trigger in parted:
        whole = MultiPatternDB([Trigger(trigger.expression, 48, trigger.caseless)])
        split = MultiPatternDB(
            [Trigger(trigger.expression, 48, trigger.caseless, parts=trigger.parts)]
        )
        for text in samples:
            assert whole.scan_columns(text)[1] == split.scan_columns(text)[1], text


@pytest.mark.parametrize(
    ("line", "entity", "value"),
    [
        ("customer: yeah  my  name  is  john  smith", "PERSON", "john  smith"),
        ("agent: and  the last  four of  my  social  are 4 4 5 5", "US_SSN_LAST4", "4 4 5 5"),
        ("customer: my mothers  maiden  name is garcia", "SECURITY_ANSWER", "garcia"),
        ("customer: my\tpin\tis 8 2 7 1", "PIN", "8 2 7 1"),
        ("customer: my  date  of  birth  is  march 3rd 1981", "DATE_OF_BIRTH", "march 3rd 1981"),
        ("customer:  the  security  code  is  7 3 7", "CARD_CVV", "7 3 7"),
    ],
)
def test_cues_with_two_blanks_or_a_tab_between_their_words_still_fire(
    engine: Engine, line: str, entity: str, value: str
) -> None:
    """Justified or hard-wrapped transcripts put two blanks (or a tab) between words; a cue
    whose trigger allowed one blank went silent and its value leaked (or, for "maiden  name",
    came out as a mere PERSON)."""
    text = f"agent: can i verify a few details\n{line}\n"
    found = {(f.entity.name, text[f.span.start : f.span.end]) for f in engine.scan(text)}
    assert (entity, value) in found
