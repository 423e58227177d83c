"""python-stdnum's validity vectors through our engine.

Source: data/stdnum/stdnum_vectors.json (python-stdnum test data, LGPL-2.1+ data only; see COPYING
and SOURCE.txt beside it). Each value is scanned free-standing and inside a neutral sentence that
holds no context word for any entity. Cases are named by their position in the JSON list.

- IBAN: valid ones are reported as IBAN, covering the whole value; invalid ones are not.
- ISIN, IMEI and other Luhn-valid look-alikes are never reported as PAYMENT_CARD.
- US SSN / ITIN / RTN (and the EIN, PTIN, ATIN, TIN look-alikes): the explicit table below, which
  also scans each value after its own context cue, where that is the point.
"""

from __future__ import annotations

from typing import Any

import pytest
from ext_support import explain, load_json, missing_spans, of_entity

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("stdnum/stdnum_vectors.json")

#: No word of this sentence is a cue for any of our entities.
NEUTRAL = "I wrote down {} yesterday."
FRAMES = {"bare": "{}", "neutral": NEUTRAL}


#: IBANs whose mod-97 check digits pass but whose national (bank-level) check digits fail. We
#: redact them: ISO 13616 validity is the country's length and structure plus mod-97, and the
#: IBAN registry's own Belgian example fails stdnum's national check (Presidio case 156).
NATIONAL_CHECK_ONLY = frozenset({215, 216})


def _params(modules: set[str]) -> list[Any]:
    return [
        pytest.param(
            case,
            id=f"{i:03d}-{case['module']}"
            + ("-DIFF-national-check" if i in NATIONAL_CHECK_ONLY else ""),
        )
        for i, case in enumerate(ALL_CASES)
        if case["module"] in modules
    ]


@pytest.mark.parametrize("case", _params({"iban"}))
def test_iban_validity(engine: Engine, case: dict[str, Any]) -> None:
    value = case["number"]
    expected_valid = case["expected_valid"] or ALL_CASES.index(case) in NATIONAL_CHECK_ONLY
    wrong = []
    for template in FRAMES.values():
        text = template.format(value)
        start = text.index(value)
        findings = engine.scan(text)
        if expected_valid and missing_spans(findings, "IBAN", [(start, start + len(value))]):
            wrong.append(f"valid IBAN not covered\n{explain(engine, text)}")
        if not expected_valid and of_entity(findings, "IBAN"):
            wrong.append(f"invalid IBAN reported\n{explain(engine, text)}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case", _params({"isin", "imei", "luhn"}))
def test_luhn_lookalike_is_not_a_card(engine: Engine, case: dict[str, Any]) -> None:
    for template in FRAMES.values():
        text = template.format(case["number"])
        assert not of_entity(engine.scan(text), "PAYMENT_CARD"), explain(engine, text)


def test_imei_after_its_cue_is_not_a_card(engine: Engine) -> None:
    imeis = [c["number"] for c in ALL_CASES if c["module"] == "imei" and c["expected_valid"]]
    assert imeis
    for imei in imeis:
        text = f"the IMEI on the box is {imei}"
        assert not of_entity(engine.scan(text), "PAYMENT_CARD"), explain(engine, text)


FAIL_SAFE = "fail-safe: after its own cue an invalid value is still redacted ('kept by context')"

# (module, number, cue sentence or None, entity reported free-standing/neutral, entity after cue,
#  why where we differ from stdnum's verdict). None = no finding at all.
US_TABLE: list[tuple[str, str, str | None, str | None, str | None, str]] = [
    ("us.ssn", "536-90-4399", "my social security number is {}", "US_SSN", "US_SSN", ""),
    ("us.ssn", "1112-23333", "my social security number is {}", None, "US_SSN", FAIL_SAFE),
    ("us.ssn", "666-00-0000", "my ssn is {}", None, "US_SSN", FAIL_SAFE),
    ("us.ssn", "078-05-1120", "my social security number is {}", None, "US_SSN", FAIL_SAFE),
    ("us.itin", "912-90-3456", "my ITIN is {}", "US_ITIN", "US_ITIN", ""),
    ("us.itin", "9129-03456", "my ITIN is {}", None, "US_ITIN", FAIL_SAFE),
    # not an ITIN (starts with 1) but a well-formed SSN: reported, as an SSN
    ("us.itin", "123-45-6789", "my ITIN is {}", "US_SSN", "US_SSN", ""),
    ("us.itin", "912-93-4567", "my ITIN is {}", None, "US_SSN",
     FAIL_SAFE + "; labelled US_SSN since the ITIN group rules fail"),
    ("us.rtn", "111000025", "my routing number is {}", None, "ABA_ROUTING",
     "a bare 9-digit number passing the routing checksum (1 in 10 random numbers do) is "
     "reported only in routing format or after a routing cue"),
    ("us.rtn", "11100002", "my routing number is {}", None, None, ""),
    ("us.rtn", "11100002B", "my routing number is {}", None, None, ""),
    ("us.rtn", "112000025", "my routing number is {}", None, "ABA_ROUTING", FAIL_SAFE),
    # look-alikes that are not ours: never reported as SSN or ITIN
    ("us.ein", "91-1144442", "our EIN is {}", None, None, ""),
    ("us.ein", "911-14-4442", "our EIN is {}", None, None, ""),
    ("us.ein", "07-1144442", "our EIN is {}", None, None, ""),
    ("us.ptin", "P-00634642", "my PTIN is {}", None, None, ""),
    ("us.ptin", "P01594846", "my PTIN is {}", None, None, ""),
    ("us.ptin", "00634642", "my PTIN is {}", None, None, ""),
    # an ATIN / TIN in SSN format is redacted as an SSN
    ("us.atin", "123-45-6789", None, "US_SSN", None, ""),
    ("us.atin", "1234-56789", None, None, None, ""),
    ("us.tin", "123-45-6789", None, "US_SSN", None, ""),
    ("us.tin", "07-3456789", None, None, None, ""),
]  # fmt: skip
US_ENTITIES = ("US_SSN", "US_ITIN", "ABA_ROUTING", "BANK_ACCOUNT", "PHONE")


def test_us_table_covers_every_us_vector() -> None:
    vectors = {(c["module"], c["number"]) for c in ALL_CASES if c["module"].startswith("us.")}
    assert vectors == {(m, n) for m, n, *_ in US_TABLE}


def _us_params() -> list[Any]:
    params = []
    for module, number, cue, free, cued, why in US_TABLE:
        slug = "-DIFF" if why else ""
        for frame, template in FRAMES.items():
            params.append(
                pytest.param(number, template, free, why, id=f"{module}-{number}-{frame}{slug}")
            )
        if cue is not None:
            params.append(pytest.param(number, cue, cued, why, id=f"{module}-{number}-cue{slug}"))
    return params


@pytest.mark.parametrize(("number", "template", "expected", "why"), _us_params())
def test_us_number(
    engine: Engine, number: str, template: str, expected: str | None, why: str
) -> None:
    text = template.format(number)
    start = text.index(number)
    findings = [f for f in engine.scan(text) if f.entity.name in US_ENTITIES]
    if expected is None:
        assert not findings, f"{why}\n{explain(engine, text)}"
    else:
        missing = missing_spans(findings, expected, [(start, start + len(number))])
        assert not missing, f"expected {expected} {why}\n{explain(engine, text)}"
        assert {f.entity.name for f in findings} == {expected}, explain(engine, text)
