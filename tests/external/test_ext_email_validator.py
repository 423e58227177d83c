"""python-email-validator's syntax cases through our engine, each inside a sentence.

Source: data/email_validator/email_cases.json (Unlicense; see LICENSE and SOURCE.txt beside it).
Cases are named by their position in the JSON list.

email-validator judges a whole string as one address-spec; we find addresses in running text.
- Valid: reported as EMAIL, covering the address (for 'Name <addr>' forms, the part in <>).
- Invalid: no EMAIL, except where DIFFERENCES says which substring we report and why: text
  around an address (angle brackets, display names, a sentence's final period, a line break)
  does not make the address inside less of an address, and we do not enforce length limits or
  reserved domains (fail-safe: over-redacting an odd address costs little).
"""

from __future__ import annotations

from typing import Any

import pytest
from ext_support import explain, load_json, missing_spans, of_entity

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("email_validator/email_cases.json")
SENTENCE = "Please write to {} today."

AROUND = "the text around it is not part of it: the address inside is valid"
TOO_LONG = "over RFC length limits but still someone's address: we do not enforce lengths"
RESERVED = "reserved or special-use domain: we do not special-case TLDs"
IDNA = "we check syntax, not IDNA label rules"

# position -> (slug, why, the substring we report as EMAIL)
DIFFERENCES: dict[int, tuple[str, str, str]] = {
    43: ("final-period", "a final period ends the sentence, not the address", "my@trailingdot.com"),
    44: ("final-period", "a final (full-width) period ends the sentence", "my@trailingfwdot.com"),
    55: ("line-break", AROUND, "my@example.com"),
    68: ("line-break", AROUND, "my@example.com"),
    69: ("line-break", "the line after the break holds a valid address", "y@example.com"),
    75: ("too-long", TOO_LONG, ALL_CASES[75]["address"]),
    81: ("too-long", TOO_LONG, ALL_CASES[81]["address"]),
    82: ("too-long", TOO_LONG, ALL_CASES[82]["address"]),
    94: ("idna-label", IDNA, "me@xn--0.tld"),
    95: ("idna-label", IDNA, "me@yy--0.tld"),
    104: ("angle-brackets", AROUND, "me@example.com"),
    105: ("angle-brackets", AROUND, "me@example.com"),
    106: ("angle-brackets", AROUND, "me@example.com"),
    107: ("angle-brackets", AROUND, "me@example.com"),
    109: ("display-name", AROUND, "me@example.com"),
    110: ("display-name", AROUND, "me@example.com"),
    111: ("display-name", AROUND, "me@example.com"),
    112: ("display-name", AROUND, "me@example.com"),
    113: ("display-name", AROUND, "me@example.com"),
    117: ("reserved-domain", RESERVED, "me@anything.arpa"),
    118: ("reserved-domain", RESERVED, "me@valid.invalid"),
    119: ("reserved-domain", RESERVED, "me@link.local"),
    120: ("reserved-domain", RESERVED, "me@host.localhost"),
    121: ("reserved-domain", RESERVED, "me@onion.onion.onion"),
    122: ("reserved-domain", RESERVED, "me@test.test.test"),
}  # fmt: skip

LONG_OR_ODD = (
    "over RFC length limits, or with exotic Unicode digits/dashes in the domain: we redact "
    "anything address-shaped (a leak costs more than an over-redaction)"
)
for _i in (62, 76, 77, 80, 83, 84, 85, 86, 87, 88, 89, 90, 91, 96, 116):
    DIFFERENCES[_i] = ("long-or-odd", LONG_OR_ODD, ALL_CASES[_i]["address"])
QUOTED = (
    "a quoted local part (RFC 5322 quoted-string) is a valid, deliverable address that "
    "email-validator rejects only by its default policy: we redact it"
)
for _i in (27, 29, 30, 31, 32, 34):
    DIFFERENCES[_i] = ("quoted-local-part", QUOTED, ALL_CASES[_i]["address"])

# Known gaps, kept visible: strict xfail fails the suite the day they start to pass.
KNOWN_GAPS: dict[int, str] = {
    26: "a full-width @ as the local part reads as '@@' after full-width folding",
}  # fmt: skip


def _address_part(address: str) -> str:
    """'My Name <me@example.org>' -> 'me@example.org'; a bare address is itself."""
    if address.endswith(">") and "<" in address:
        return address[address.rindex("<") + 1 : -1]
    return address


def _params() -> list[Any]:
    params = []
    for i, case in enumerate(ALL_CASES):
        kind = "valid" if case["valid_by_default"] else "invalid"
        slug = f"-DIFF-{DIFFERENCES[i][0]}" if i in DIFFERENCES else ""
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[i])] if i in KNOWN_GAPS else []
        params.append(pytest.param(i, case, id=f"{i:03d}-{kind}{slug}", marks=marks))
    return params


@pytest.mark.parametrize(("index", "case"), _params())
def test_email_case(engine: Engine, index: int, case: dict[str, Any]) -> None:
    text = SENTENCE.format(case["address"])
    findings = engine.scan(text)
    if index in DIFFERENCES:
        _, reason, value = DIFFERENCES[index]
        start = text.index(value)
        emails = [(f.start, f.end) for f in of_entity(findings, "EMAIL")]
        assert emails == [(start, start + len(value))], f"{reason}\n{explain(engine, text)}"
    elif case["valid_by_default"]:
        address = _address_part(case["address"])
        start = text.index(address)
        missing = missing_spans(findings, "EMAIL", [(start, start + len(address))])
        assert not missing, f"valid address not covered as EMAIL\n{explain(engine, text)}"
    else:
        assert not of_entity(findings, "EMAIL"), (
            f"invalid address reported\n{explain(engine, text)}"
        )
