"""Number runs of one turn: where they are, their digits, open ends, back-channels."""

from __future__ import annotations

import pytest

from callshield.stream.numbers import (
    NumberRun,
    is_backchannel,
    is_reference_number,
    leading_run,
    loose_digits,
    number_runs,
    trailing_run,
    widened,
)


def runs_of(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.value) for r in number_runs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my card is four one one one", [("four one one one", "4111")]),
        ("four one one one, uh, one one one one", [("four one one one, uh, one one one one",
                                                    "41111111")]),
        ("it's 4111 1111 1111 1111", [("4111 1111 1111 1111", "4111111111111111")]),
        ("double five oh two", [("double five oh two", "5502")]),
        ("no, five, not four", [("five", "5"), ("four", "4")]),
        ("4111-1111 and 1111", [("4111-1111 and 1111", "411111111111")]),
        ("which one do you mean", []),
        ("thank you for calling", []),
        ("oh I see", []),
    ],
    ids=["spoken", "fillers-join", "written", "double-oh", "lone-words", "and-joins",
         "pronoun-one", "homophone-for", "interjection-oh"],
)  # fmt: skip
def test_number_runs(text: str, expected: list[tuple[str, str]]) -> None:
    assert runs_of(text) == expected


@pytest.mark.parametrize(
    ("text", "open_end"),
    [
        ("yeah it's four one one one", True),
        ("four one one one.", True),
        ("four one one one, uh", True),
        ("4111 1111?", True),
        ("four one one one is the start", False),
        ("thanks for calling", False),
    ],
    ids=["spoken", "period", "filler", "question-mark", "words-after", "no-number"],
)
def test_trailing_run_is_open_end(text: str, open_end: bool) -> None:
    assert (trailing_run(text, number_runs(text)) is not None) is open_end


@pytest.mark.parametrize(
    ("text", "leads"),
    [
        ("one one one one", True),
        ("and then one one one one", True),
        ("uh, yes, 1111", True),
        ("the rest of it is one one one one", False),
        ("no numbers here", False),
    ],
    ids=["bare", "and-then", "fillers", "many-words-before", "none"],
)
def test_leading_run(text: str, leads: bool) -> None:
    assert (leading_run(text, number_runs(text)) is not None) is leads


@pytest.mark.parametrize(
    ("text", "backchannel"),
    [
        ("uh huh", True),
        ("mm-hmm", True),
        ("okay, go on", True),
        ("yes", True),
        ("okay, and what's the expiry date?", False),
        ("one one", False),
        ("let me read that back", False),
    ],
    ids=["uh-huh", "mm-hmm", "go-on", "yes", "question", "digits", "read-back"],
)
def test_backchannel(text: str, backchannel: bool) -> None:
    assert is_backchannel(text, number_runs(text)) is backchannel


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("read that back for triple one", "for triple one"),
        ("it expires october twenty twenty nine", "october twenty twenty nine"),
        ("it is 4111 to", "4111 to"),
        ("card 4111 please", "4111"),
    ],
    ids=["homophone-before", "month", "homophone-after", "plain-word-stays"],
)
def test_widened_takes_the_words_that_go_with_a_number(text: str, expected: str) -> None:
    run = number_runs(text)[-1]
    wide = widened(text, run)
    assert text[wide.start : wide.end] == expected


def test_loose_digits_are_lone_oh_and_homophones_said_as_values() -> None:
    text = "no it's oh not one, sorry for that"
    loose = loose_digits(text, number_runs(text))
    assert [text[r.start : r.end] for r in loose] == ["oh"]
    text = "no, it's for, not five"
    assert [text[r.start : r.end] for r in loose_digits(text, number_runs(text))] == ["for"]


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("the order number is 12345678", True),
        ("your confirmation number is five eight four seven", True),
        ("the balance is $56.39", True),
        ("my card is 4111 1111", False),
        ("it's 4111", False),
    ],
    ids=["order", "confirmation", "amount", "card", "bare"],
)
def test_reference_numbers(text: str, reference: bool) -> None:
    run = number_runs(text)[-1]
    assert is_reference_number(text, run) is reference


def test_number_run_repr_leaves_the_digits_out() -> None:
    assert "4111" not in repr(NumberRun(0, 4, "4111"))
