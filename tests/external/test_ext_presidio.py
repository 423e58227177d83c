"""Presidio's recognizer cases (scope "core") through our engine.

Source: data/presidio/presidio_recognizer_cases.json (Microsoft Presidio, MIT; see LICENSE and
SOURCE.txt beside it). Presidio's entity names map to ours below; its generic DATE_TIME is not
ours and is skipped. A case asserts Presidio's expectation unless DIFFERENCES lists it: there it
asserts what we do on purpose and says why. Cases are named by their position in the JSON list.

Positive with spans: each span is covered (IBAN, card, SSN, e-mail, IP) or overlapped (the rest)
by a finding of our entity. Positive without spans: at least one finding of the entity.
Negative: no finding of the entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from ext_support import explain, load_json, missing_spans, of_entity

from callshield import Engine

ENTITY_MAP = {
    "CREDIT_CARD": "PAYMENT_CARD",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "ABA_ROUTING_NUMBER": "ABA_ROUTING",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "US_SSN",
    "IP_ADDRESS": "IP_ADDRESS",
    "PERSON": "PERSON",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "US_PASSPORT": "US_PASSPORT",
}

ALL_CASES: list[dict[str, Any]] = load_json("presidio/presidio_recognizer_cases.json")


@dataclass(frozen=True)
class Ours:
    """Our intended behaviour where it differs from Presidio's: `found` spans are reported as
    the case's entity, `not_found` spans are not; with neither, the entity is not reported."""

    text: str
    slug: str
    why: str
    found: tuple[tuple[int, int], ...] = ()
    not_found: tuple[tuple[int, int], ...] = ()


BARE = (
    "a bare number with no context word: Presidio itself scores it near zero, below any "
    "reporting threshold; reporting every 9-12 digit run would flood transcripts"
)
ROUTING = (
    "a bare 9-digit number that passes the routing checksum: one random number in ten does, "
    "so we report it only in routing format (1234-5678-9) or after a routing cue"
)
FAIL_SAFE_CARD = (
    "fail-safe rule: a card-shaped number right after 'my credit card number is' is redacted "
    "even when Luhn fails (a mistyped card number is still a card number)"
)

DIFFERENCES: dict[int, Ours] = {
    27: Ours("mypassportnumberis912803456", "no-word-boundaries",
             "cue and value glued into one token"),
    28: Ours("121000358", "bare-routing", ROUTING),
    30: Ours("121042882", "bare-routing", ROUTING),
    70: Ours("my credit card number is 4012-8888-8888-1882", "fail-safe-card", FAIL_SAFE_CARD,
             found=((25, 44),)),
    72: Ours("my credit card number is 36168002586008", "fail-safe-card", FAIL_SAFE_CARD,
             found=((25, 39),)),
    288: Ours("LV80 bANK 0000 4351 9500 1", "lowercase-iban",
              "we compare case-insensitively (chat and ASR text is often lower-case); mod-97 "
              "passes", found=((0, 26),)),
    531: Ours("192.168.1.1.1", "dotted-run",
              "a run of five dotted numbers is a version or OID, not an IP (named filter in the IP "
              "detector: no match followed by '.digit')"),
    635: Ours("My Israeli number is 09-7625400", "foreign-national-format",
              "'number' alone is not a phone cue; national formats of other countries need a "
              "phone cue or a +country code ('my phone number is 09-7625400' is found)"),
    642: Ours("My Japanese number is 090-1234-5678", "foreign-national-format",
              "as above ('my phone number is 090-1234-5678' is found)"),
    643: Ours("My CN number is 13812345678", "foreign-national-format",
              "as above ('My CN number is +86 138 1234 5678' is found)"),
    645: Ours("My US number is (415) 555-0132, and my international one is415-555-0132",
              "glued-to-word", "a number glued to a word is not matched, as libphonenumber's "
              "VALID leniency (Presidio's own leniency-1 variant, case 644, agrees)",
              found=((16, 30),), not_found=((59, 71),)),
    820: Ours("945456787654", "bare-bank-number", BARE),
    822: Ours("H12234567", "bare-licence", BARE),
    824: Ours("123456789 1234567890 12345679012 123456790123 1234567901234 1234",
              "bare-licence", BARE),
    866: Ours("912803456", "bare-passport", BARE),
    867: Ours("Z12803456", "bare-passport", BARE),
    868: Ours("A12803456", "bare-passport", BARE),
    871: Ours("078-051121 07805-1121", "weak-ssn-format", "irregularly dashed 9 digits without "
              "an SSN cue: Presidio scores these 0-0.3 ('very weak')"),
    872: Ours("078051121", "weak-ssn-format", "bare 9 digits without an SSN cue: Presidio "
              "scores it 0-0.4 ('weak')"),
}  # fmt: skip

UNSPECIFIED_WHY = (
    "'::' (the unspecified address, '::/0' the default route) is reported only after an IP "
    "cue: alone it is usually punctuation, and it identifies no one"
)
CIDR_WHY = "we redact the address; the prefix length (/24) identifies no one"
_CIDR = re.compile(r"/\d+$")


def _without_prefix_length(span: dict[str, Any]) -> tuple[int, int]:
    suffix = _CIDR.search(span["text"])
    return span["start"], span["end"] - (len(suffix.group()) if suffix else 0)


def _cidr_differences() -> dict[int, Ours]:
    """Every IP case whose expected span ends in a prefix length (/24, /128)."""
    out = {}
    for i, case in enumerate(ALL_CASES):
        spans = case["expected_spans"] or []
        if case["entity_type"] == "IP_ADDRESS" and any(_CIDR.search(s["text"]) for s in spans):
            if case["text"].startswith("::/"):
                out[i] = Ours(case["text"], "bare-unspecified", UNSPECIFIED_WHY)
                continue
            found = tuple(_without_prefix_length(s) for s in spans)
            out[i] = Ours(case["text"], "cidr", CIDR_WHY, found=found)
    return out


DIFFERENCES.update(_cidr_differences())


def _params() -> list[Any]:
    params = []
    for i, case in enumerate(ALL_CASES):
        if case["scope"] != "core" or case["entity_type"] not in ENTITY_MAP:
            continue
        ours = DIFFERENCES.get(i)
        suffix = f"-DIFF-{ours.slug}" if ours else ""
        params.append(
            pytest.param(i, case, id=f"{i:03d}-{case['entity_type']}-{case['label']}{suffix}")
        )
    return params


def test_differences_table_matches_the_data() -> None:
    """A difference names its case by position: the text guards against a changed data file."""
    for i, ours in DIFFERENCES.items():
        assert ALL_CASES[i]["text"] == ours.text, f"case {i}"


@pytest.mark.parametrize(("index", "case"), _params())
def test_presidio_case(engine: Engine, index: int, case: dict[str, Any]) -> None:
    entity = ENTITY_MAP[case["entity_type"]]
    text = case["text"]
    findings = engine.scan(text)
    mine = of_entity(findings, entity)
    ours = DIFFERENCES.get(index)
    if ours is not None:
        missing = missing_spans(findings, entity, ours.found)
        assert not missing, f"{ours.why}: expected {entity} at {missing}\n{explain(engine, text)}"
        leaked = [(s, e) for s, e in ours.not_found if any(f.start < e and s < f.end for f in mine)]
        assert not leaked, f"{ours.why}: {entity} unexpectedly at {leaked}\n{explain(engine, text)}"
        if not ours.found and not ours.not_found:
            assert not mine, f"{ours.why}: expected no {entity}\n{explain(engine, text)}"
    elif case["label"] == "negative":
        assert not mine, f"Presidio expects no {entity}\n{explain(engine, text)}"
    elif case["expected_spans"]:
        spans = [(s["start"], s["end"]) for s in case["expected_spans"]]
        missing = missing_spans(findings, entity, spans)
        assert not missing, f"Presidio expects {entity} at {missing}\n{explain(engine, text)}"
    else:
        assert mine, f"Presidio expects a {entity}\n{explain(engine, text)}"
