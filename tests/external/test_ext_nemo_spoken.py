"""NeMo text-processing spoken forms: phone numbers, SSNs, IPs and e-mails as ASR writes them.

Source: data/nemo_text_processing/spoken_written_sample.json (NVIDIA NeMo-text-processing,
Apache-2.0; see LICENSE and SOURCE.txt beside it). Cases are named by their position in the list.

A spoken value must be fully redacted: after `engine.redact(text)`, none of the value's words
remain (a word may remain only as often as the context sentence itself holds it). Where the
spoken form alone is ambiguous we put it after a context sentence, as a caller or agent would
say it, and the table records that sentence. Spoken forms that hold nothing of ours (URLs, domain
names, product names, small counts) must come out of redaction unchanged.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from ext_support import load_json

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("nemo_text_processing/spoken_written_sample.json")

# position -> (context template, the spoken value inside the spoken text). "{}" = no context.
VALUES: dict[int, tuple[str, str]] = {
    0: ("{}", "one two three, one two three, five six seven eight, one"),
    # written '225.55.0.40': four octets, read as an IP address
    1: ("my ip address is {}", "two two five dot double five dot o dot four o"),
    2: ("{}", "plus one, one two three, one two three, five six seven eight"),  # "call me at"
    3: ("{}", "seven double nine one two three double one three"),  # "ssn is"
    6: ("{}", "one two three dot one two three dot zero dot four zero"),  # "IP address is"
    7: ("my phone number is {}", "plus nine one one two three one two three five six seven eight"),
    8: ("{}", "five five five, five five five, five five five five"),
    11: ("my email is {}", "a b c at g mail dot a b c"),
    18: ("my email is {}", "a dot b c at g mail dot com"),
    # a card's last four said to identify it (CARD_LAST4: a verification answer)
    16: ("{}", "eight eight seven six"),
}
# position -> why nothing is redacted
NOTHING_OURS: dict[int, str] = {
    4: "a small count",
    5: "a product name (x86)",
    9: "a product name (RTX 4050ti)",
    10: "a web address, not a person's",
    12: "a web address",
    13: "a web address",
    14: "a domain name",
    15: "a domain name",
    17: "a domain name",
    19: "a web address",
}

_WORD = re.compile(r"[a-z]+")


def _slug(index: int) -> str:
    return f"{index:02d}-" + re.sub(r"\W+", "-", ALL_CASES[index]["written"]).strip("-")


def test_every_case_is_classified() -> None:
    assert set(VALUES) | set(NOTHING_OURS) == set(range(len(ALL_CASES)))
    assert not set(VALUES) & set(NOTHING_OURS)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


@pytest.mark.parametrize(
    ("index", "context", "value"),
    [
        pytest.param(i, c, v, id=_slug(i) + ("" if c == "{}" else "-cued"))
        for i, (c, v) in VALUES.items()
    ],
)
def test_spoken_value_is_fully_redacted(
    engine: Engine, index: int, context: str, value: str
) -> None:
    spoken = ALL_CASES[index]["spoken"]
    assert value in spoken
    text = context.format(spoken)
    redacted = engine.redact(text).text
    allowed = _words(text.replace(value, " "))
    left = _words(redacted)
    survivors = sorted(w for w in _words(value) if left[w] > allowed[w])
    assert not survivors, f"words of {ALL_CASES[index]['written']!r} left: {survivors}\n" + (
        f"text={text!r}\n  redacted={redacted!r}"
    )


@pytest.mark.parametrize(
    ("index", "why"),
    [pytest.param(i, w, id=_slug(i)) for i, w in NOTHING_OURS.items()],
)
def test_spoken_form_without_our_data_is_unchanged(engine: Engine, index: int, why: str) -> None:
    spoken = ALL_CASES[index]["spoken"]
    assert engine.redact(spoken).text == spoken, why
