"""Spoken forms: what an ASR engine writes for numbers, e-mail addresses and dates."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callshield.evaluation import corpus_spoken as say

_DIGITS = {word: str(i) for i, word in enumerate(say.ONES[:10])}
_DIGITS.update({"oh": "0", "won": "1", "to": "2", "for": "4", "ate": "8"})
_TEENS = {word: str(i) for i, word in enumerate(say.ONES) if i >= 10}
_TENS = {word: str(i) for i, word in enumerate(say.TENS) if i >= 2}


def _decode_group(spoken: str) -> str:
    """Digits back from one spoken group (the test's own reading, independent of the code)."""
    words, out, i = spoken.split(), "", 0
    while i < len(words):
        word = words[i]
        if word in ("double", "triple"):
            out += _DIGITS[words[i + 1]] * (2 if word == "double" else 3)
            i += 2
            continue
        if word == "hundred":
            out += "00"
        elif word in _TENS:
            has_ones = i + 1 < len(words) and words[i + 1] in _DIGITS and words[i + 1] != "oh"
            out += _TENS[word] + (_DIGITS[words[i + 1]] if has_ones else "0")
            i += has_ones
        else:
            out += _TEENS.get(word) or _DIGITS[word]
        i += 1
    return out


@pytest.mark.parametrize(
    ("number", "words"),
    [(0, "zero"), (13, "thirteen"), (40, "forty"), (41, "forty one"),
     (249, "two hundred forty nine"), (1001, "one thousand one"),
     (12345, "twelve thousand three hundred forty five")],
    ids=["zero", "teen", "tens", "tens-ones", "hundreds", "thousand", "thousands"],
)  # fmt: skip
def test_number_words(number: int, words: str) -> None:
    assert say.number_words(number) == words


@pytest.mark.parametrize(
    ("year", "words"),
    [(1985, "nineteen eighty five"), (2003, "two thousand three"), (2019, "twenty nineteen"),
     (2000, "two thousand"), (1900, "nineteen hundred"), (1905, "nineteen oh five")],
    ids=["1985", "2003", "2019", "2000", "1900", "1905"],
)  # fmt: skip
def test_year_words(year: int, words: str) -> None:
    assert say.year_words(year) == words


def test_ordinals() -> None:
    assert [say.ordinal_words(n) for n in (1, 3, 12, 20, 21, 30, 31)] == [
        "first", "third", "twelfth", "twentieth", "twenty first", "thirtieth", "thirty first",
    ]  # fmt: skip


@given(st.text(alphabet="0123456789", min_size=1, max_size=8), st.integers(0, 2**32))
def test_a_spoken_group_reads_back_to_its_digits(group: str, seed: int) -> None:
    spoken = say.spoken_group(group, random.Random(seed))
    assert spoken == spoken.lower() and not any(c.isdigit() for c in spoken)
    assert _decode_group(spoken) == group


def test_groups_use_runs_pairs_and_hundreds() -> None:
    seen = {
        say.spoken_group(g, random.Random(s)) for g in ("5557", "4111", "4100") for s in range(60)
    }
    assert "triple five seven" in seen
    assert "double five five seven" in seen
    assert "forty one eleven" in seen
    assert "forty one hundred" in seen


def test_fillers_sit_only_between_groups() -> None:
    for seed in range(50):
        spoken = say.spoken_digits(["4111", "1111", "1111", "1111"], random.Random(seed))
        assert spoken.split()[0] in _DIGITS or spoken.split()[0] in _TENS
        assert not spoken.endswith((" uh", " um", ",", "."))


def test_spoken_email_ip_and_spelling() -> None:
    rng = random.Random(1)
    assert say.spoken_email("john.smith@gmail.com", rng) == "john dot smith at gmail dot com"
    assert say.spoken_email("mary_lee@mail-box.org", rng) == (
        "mary underscore lee at mail dash box dot org"
    )
    assert say.spelled("Smith") == "s m i t h"
    ip = say.spoken_ip("192.168.4.21", rng)
    assert ip.count(" dot ") == 3 and not any(c.isdigit() for c in ip)


def test_spoken_dates_amounts_and_times() -> None:
    rng = random.Random(0)
    assert say.spoken_amount(249, 99) == "two hundred forty nine dollars and ninety nine cents"
    assert say.spoken_amount(1, 0) == "one dollar"
    assert say.spoken_time(15, 45) == "three forty five pm"
    assert say.spoken_time(9, 5) == "nine oh five am"
    assert say.spoken_date(3, 3, None, rng) == "march third"
    forms = {say.spoken_date(3, 3, 1985, random.Random(s)) for s in range(40)}
    assert {"march third nineteen eighty five", "oh three oh three nineteen eighty five"} <= forms


def test_spoken_expiry_and_address_have_no_digits() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        expiry = say.spoken_expiry(8, 2027, rng)
        address = say.spoken_address("742", "Evergreen Terrace", "Apt. 3", "Springfield IL", rng)
        assert not any(c.isdigit() for c in expiry + address)
        assert address.endswith("evergreen terrace apartment three springfield il")
