"""The letters that open an identifier, said apart from its digits or glued to them."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.detection.prefixes import letter_prefix_start
from factories import found


def _start(text: str) -> str:
    """What `letter_prefix_start` adds before the first digit of `text`."""
    digit = next(i for i, ch in enumerate(text) if ch.isdigit())
    return text[letter_prefix_start(text, digit) : digit]


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("it's x 98406496", "x "),
        ("okay, w 212 230 016", "w "),
        ("it's n m x 6021287519", "n m x "),
        ("IT'S Y Z N ... 7536", "Y Z N ... "),
        ("P A, 1621 2714", "P A, "),
        ("k as in kilo 6512345", "k as in kilo "),
        ("x-ray juliet hotel 839176986", "x-ray juliet hotel "),
        ("papa alpha dash 21105", "papa alpha dash "),
        ("member ID? W6419", "W"),
        ("ZGP766708726", "ZGP"),
        ("read back k80 645 866", "k"),
        # no letters: a word, the article, the pronoun, letters of a word glued
        ("it's 98406496", ""),
        ("it's a 98406496", ""),
        ("I 12345678", ""),
        ("acct12345678", ""),
        ("number is 12345678", ""),
        ("TX 12345678", ""),
        ("Sx 12345678", ""),
        ("a/c 123456789", ""),
        ("p.o. 12345678", ""),
        ("{5000}D39574627986", ""),
        ('"id": "W6419 5523"', "W"),
    ],
)
def test_the_letters_before_the_digits(text: str, letters: str) -> None:
    assert _start(text) == letters


def test_no_letters_before_the_start_of_the_text() -> None:
    assert letter_prefix_start("12345678", 0) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AGENT: your account number?\nCALLER: it's x nine eight four zero 6496",
            [("BANK_ACCOUNT", "x nine eight four zero 6496")],
        ),
        (
            "can i get your member id\nCustomer: okay, w 212 230 o sixteen",
            [("HEALTH_INSURANCE_ID", "w 212 230 o sixteen")],
        ),
        (
            "and the license number\nCustomer: k as in kilo six five one two three four five",
            [("US_DRIVER_LICENSE", "k as in kilo six five one two three four five")],
        ),
        (
            "agent: so that's j mai seventy one at gmail dot com",
            [("EMAIL", "j mai seventy one at gmail dot com")],
        ),
        # a phone number keeps its own start; an article stays a word
        ("call me at w 415 555 0132", [("PHONE", "415 555 0132")]),
        ("my account number is a 12345678", [("BANK_ACCOUNT", "12345678")]),
    ],
)
def test_an_identifier_is_redacted_with_its_letters(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(engine, text) == expected
