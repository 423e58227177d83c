"""libphonenumber's phone-in-text matcher cases (python-phonenumbers) through our engine.

Source: data/phonenumbers/phonenumbers_cases.json (Apache-2.0, per SOURCE.txt beside it; that
folder has no LICENSE file of its own). Cases are named by their position in the JSON list.

Which cases, and why:
- Positives: every US-region case, plus other regions' numbers written with a +country code (we
  are an en-US engine: other countries' national formats are found only after a phone cue).
  Only cases libphonenumber itself finds at its VALID leniency (`real_metadata.VALID`): the rest
  are its POSSIBLE-only matches (glued to letters, odd groupings), listed in DIFFERENCES.
  Each expected span is overlapped by a PHONE finding; where libphonenumber finds exactly the
  expected numbers, no other PHONE is reported either.
- Negatives (dates, times, number soup): no PHONE, in every region.
- libphonenumber's "borderline" groups (POSSIBLE_ONLY, VALID, CONTEXT_NOT_VALID) are left out:
  its own tests accept either outcome for them.
"""

from __future__ import annotations

from typing import Any

import pytest
from ext_support import explain, load_json, of_entity

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("phonenumbers/phonenumbers_cases.json")

BARE_DIGITS = (
    "ten bare digits with no separator and no cue: reported below the threshold (0.45), as "
    "they are as often an account or order number"
)
GLUED = "glued to letters: libphonenumber's VALID leniency does not match it either"
TOLL_FREE = (
    "a toll-free number (800, 833, ... 888) is a business's line, the company's own in a "
    "contact center's texts: reported below the threshold unless someone calls it theirs "
    '("my number is 1-888-...")'
)

# position -> (slug, why, PHONE spans we report: empty = no PHONE at all)
DIFFERENCES: dict[int, tuple[str, str, list[tuple[int, int]]]] = {
    46: ("bare-ten-digits", BARE_DIGITS, []),
    48: ("bare-ten-digits", BARE_DIGITS, []),
    118: ("glued-to-word", GLUED, []),
    119: ("glued-to-word", GLUED, []),
    120: ("glued-to-word", GLUED, []),
    123: ("glued-to-word", GLUED, []),
    # libphonenumber rejects the whole text because of the '--'; the first number is a plain
    # US number and we redact it (fail-safe); the second, glued by '--', is not matched.
    140: ("double-dash", "a plain US number before '--' is still a phone", [(5, 17)]),
    # '+1800-123-4567' is invalid for libphonenumber (exchange 123) but written as a phone after
    # 'Call': redacting it is the fail-safe side.
    # '+1800-123-4567' after 'Call': a toll-free number (and invalid for libphonenumber,
    # exchange 123): a business's line; the plain US number before it is redacted
    122: ("toll-free-and-a-phone", TOLL_FREE, [(5, 17)]),
    105: ("toll-free", TOLL_FREE, []),
    108: ("toll-free", TOLL_FREE, []),
    109: ("toll-free", TOLL_FREE, []),
    110: ("toll-free", TOLL_FREE, []),
    145: ("toll-free-among-phones", TOLL_FREE, [(0, 12), (30, 42), (45, 57)]),
}  # fmt: skip


def _selected(case: dict[str, Any]) -> bool:
    if case["label"] == "negative":
        return True
    if case["label"] != "positive":
        return False
    international = case["text"].lstrip().startswith(("+", "\uff0b"))
    return case["region"] == "US" or international


def _params() -> list[Any]:
    params = []
    for i, case in enumerate(ALL_CASES):
        if i not in DIFFERENCES and not (_selected(case) and _valid_or_negative(case)):
            continue
        slug = f"-DIFF-{DIFFERENCES[i][0]}" if i in DIFFERENCES else ""
        params.append(pytest.param(i, case, id=f"{i:03d}-{case['region']}-{case['group']}{slug}"))
    return params


def _valid_or_negative(case: dict[str, Any]) -> bool:
    return case["label"] == "negative" or bool(case["real_metadata"]["VALID"])


def _overlapped(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@pytest.mark.parametrize(("index", "case"), _params())
def test_phonenumbers_case(engine: Engine, index: int, case: dict[str, Any]) -> None:
    text = case["text"]
    phones = [(f.start, f.end) for f in of_entity(engine.scan(text), "PHONE")]
    if index in DIFFERENCES:
        _, reason, ours = DIFFERENCES[index]
        missing = [(s, e) for s, e in ours if not _overlapped(phones, s, e)]
        extra = [(s, e) for s, e in phones if not _overlapped(ours, s, e)]
        assert not missing and not extra, (
            f"{reason}: missing {missing}, extra {extra}\n{explain(engine, text)}"
        )
        return
    if case["label"] == "negative":
        assert not phones, f"libphonenumber finds no phone here\n{explain(engine, text)}"
        return
    expected = [(s, e) for s, e in case["expected_spans"]]
    missing = [(s, e) for s, e in expected if not _overlapped(phones, s, e)]
    assert not missing, f"libphonenumber finds a phone at {missing}\n{explain(engine, text)}"
    if len(case["real_metadata"]["VALID"]) == len(expected):
        extra = [(s, e) for s, e in phones if not _overlapped(expected, s, e)]
        assert not extra, (
            f"PHONE reported where libphonenumber finds none: {extra}\n{explain(engine, text)}"
        )
