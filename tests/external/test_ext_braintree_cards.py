"""braintree/card-validator's card numbers through our engine.

Source: data/braintree_card_validator/card_numbers.json (MIT; see LICENSE and SOURCE.txt beside
it). Only numbers of card length (12 digits or more) are used: the shorter ones are braintree's
partial-input sequences for a form field. Cases are named by their position in the JSON list.

- Valid numbers are reported as PAYMENT_CARD, covering the whole value, free-standing, in the
  4-4-4-4 grouping (4-6-5 for 15-digit Amex) and inside a neutral sentence.
- Invalid numbers are not reported as PAYMENT_CARD when free-standing. UnionPay numbers can be
  valid without passing Luhn (braintree's comment on case 18): we report those too, from the
  issuer range, which is what braintree expects.
"""

from __future__ import annotations

from typing import Any

import pytest
from ext_support import explain, load_json, missing_spans, of_entity

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("braintree_card_validator/card_numbers.json")

#: No word of this sentence is a cue for any of our entities.
NEUTRAL = "I wrote down {} yesterday."


def _digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def _grouped(digits: str, brand: str | None) -> str:
    if brand == "american-express" and len(digits) == 15:
        return f"{digits[:4]} {digits[4:10]} {digits[10:]}"
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _params(valid: bool) -> list[Any]:
    return [
        pytest.param(case, id=f"{i:02d}-{case['brand']}-{case['digits']}d")
        for i, case in enumerate(ALL_CASES)
        if case["digits"] >= 12 and case["isValid"] is valid
    ]


def test_the_table_has_both_kinds() -> None:
    assert len(_params(True)) >= 15
    assert len(_params(False)) >= 8


@pytest.mark.parametrize("case", _params(True))
def test_valid_card_is_reported(engine: Engine, case: dict[str, Any]) -> None:
    digits = _digits(case["number"])
    forms = {case["number"], digits, _grouped(digits, case["brand"])}
    wrong = []
    for form in sorted(forms):
        for text in (form, NEUTRAL.format(form)):
            start = text.index(form)
            if missing_spans(engine.scan(text), "PAYMENT_CARD", [(start, start + len(form))]):
                wrong.append(explain(engine, text))
    assert not wrong, "valid card not covered as PAYMENT_CARD:\n" + "\n".join(wrong)


@pytest.mark.parametrize("case", _params(False))
def test_invalid_card_is_not_reported_free_standing(engine: Engine, case: dict[str, Any]) -> None:
    number = case["number"]
    assert not case["luhn_valid"] or case["digits"] > 19, "an invalid card is Luhn-invalid or long"
    for text in (number, NEUTRAL.format(number)):
        assert not of_entity(engine.scan(text), "PAYMENT_CARD"), explain(engine, text)
