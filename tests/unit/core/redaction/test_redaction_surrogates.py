"""Surrogate: realistic, same shape, consistent within a document, never valid for real."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum import iban, luhn
from stdnum.us import rtn, ssn

from callshield.core.entities import (
    ABA_ROUTING,
    DATE_OF_BIRTH,
    EMAIL,
    IBAN,
    PAYMENT_CARD,
    PERSON,
    PHONE,
    US_SSN,
    US_SSN_LAST4,
    EntityType,
)
from callshield.core.finding import Finding, Span
from callshield.core.redaction import RedactionState, Surrogate, redact
from callshield.core.redaction.surrogates import FIRST_NAMES, LAST_NAMES

CARD = "4111 1111 1111 1111"
SSN = "078-05-1120"
KEY = b"s" * 32


def fake(value: str, entity: EntityType, key: bytes | None = None) -> str:
    return Surrogate(key).apply(value, entity, RedactionState())


def shape(text: str) -> str:
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", text))


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def findings_for(text: str, values: list[tuple[str, EntityType]]) -> list[Finding]:
    out, cursor = [], 0
    for value, entity in values:
        start = text.index(value, cursor)
        out.append(Finding(entity, Span(start, start + len(value)), 0.9, "test", (), "fp"))
        cursor = start + len(value)
    return out


@pytest.mark.parametrize(
    "value",
    [CARD, "4111-1111-1111-1111", "4111111111111111", "3782 822463 10005", "5555555555554444"],
    ids=["spaced", "dashed", "compact", "amex-layout", "mastercard"],
)
@pytest.mark.parametrize("key", [None, KEY], ids=["public-salt", "keyed"])
def test_card_surrogate_keeps_shape_starts_with_0_and_fails_luhn(
    value: str, key: bytes | None
) -> None:
    surrogate = fake(value, PAYMENT_CARD, key)
    assert shape(surrogate) == shape(value)
    assert surrogate[0] == "0"
    assert not luhn.is_valid(digits(surrogate))
    assert digits(surrogate) != digits(value)


@given(st.text(st.sampled_from("0123456789 -"), min_size=2).filter(lambda v: len(digits(v)) >= 2))
def test_property_card_surrogates_are_never_luhn_valid(value: str) -> None:
    surrogate = fake(value, PAYMENT_CARD)
    assert shape(surrogate) == shape(value)
    assert digits(surrogate)[0] == "0"
    assert not luhn.is_valid(digits(surrogate))


def test_spoken_card_gets_a_written_surrogate_of_card_length() -> None:
    surrogate = fake(
        "four one one one one one one one one one one one one one one one", PAYMENT_CARD
    )
    assert re.fullmatch(r"0\d{3} \d{4} \d{4} \d{4}", surrogate)
    assert not luhn.is_valid(digits(surrogate))


def test_surrogates_are_consistent_within_a_document_and_distinct_between_values() -> None:
    text = f"{CARD} then 5555 5555 5555 4444 then 4111-1111-1111-1111; Orla Vantree, orla vantree"
    values = [
        (CARD, PAYMENT_CARD),
        ("5555 5555 5555 4444", PAYMENT_CARD),
        ("4111-1111-1111-1111", PAYMENT_CARD),
        ("Orla Vantree", PERSON),
        ("orla vantree", PERSON),
    ]
    result = redact(text, findings_for(text, values), default=Surrogate())
    written = [result.text[r.redacted.start : r.redacted.end] for r in result.replacements]
    assert written[0] == written[2]
    assert written[0] != written[1]
    assert written[4] == written[3].lower()
    assert redact(text, findings_for(text, values), default=Surrogate()).text == result.text


def test_without_a_key_surrogates_do_not_depend_on_the_value() -> None:
    """Public salt: derived from the order of appearance, so guesses cannot be tested."""
    first = fake(CARD, PAYMENT_CARD)
    assert fake("5555 5555 5555 4444", PAYMENT_CARD) == first


def test_with_a_key_surrogates_follow_the_value_across_documents() -> None:
    assert fake(CARD, PAYMENT_CARD, KEY) == fake(CARD, PAYMENT_CARD, KEY)
    assert fake(CARD, PAYMENT_CARD, KEY) != fake("5555 5555 5555 4444", PAYMENT_CARD, KEY)
    assert fake(CARD, PAYMENT_CARD, KEY) != fake(CARD, PAYMENT_CARD, b"t" * 32)


@pytest.mark.parametrize(
    "value", [SSN, "078051120", "078 05 1120"], ids=["dashed", "compact", "spaced"]
)
def test_ssn_surrogate_uses_a_never_issued_area_in_the_same_format(value: str) -> None:
    surrogate = fake(value, US_SSN)
    assert shape(surrogate) == shape(value)
    assert digits(surrogate)[:3] in {"000", "666"}
    assert not ssn.is_valid(surrogate)


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("(415) 555-2671", r"\([2-9]\d\d\) 555-01\d\d"),
        ("415-555-2671", r"[2-9]\d\d-555-01\d\d"),
        ("+1 415 555 2671", r"\+1 [2-9]\d\d 555 01\d\d"),
        ("555-2671", r"555-01\d\d"),
        ("five five five two six seven one", r"[2-9]\d\d-555-01\d\d"),
    ],
    ids=["parenthesised", "dashed", "country-code-kept", "local", "spoken"],
)
def test_phone_surrogate_is_in_the_fictional_555_01xx_range(value: str, pattern: str) -> None:
    assert re.fullmatch(pattern, fake(value, PHONE))


@pytest.mark.parametrize(
    "value", ["orla.vantree@gmail.com", "ORLA@CORP.EXAMPLE.NET"], ids=["lower", "upper"]
)
def test_email_surrogate_uses_the_reserved_example_domain(value: str) -> None:
    surrogate = fake(value, EMAIL)
    assert surrogate.casefold().endswith("@example.com")
    assert surrogate.isupper() == value.isupper()
    assert surrogate.casefold() != value.casefold()


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("Orla Vantree", r"[A-Z][a-z]+ [A-Z][a-z]+"),
        ("orla vantree", r"[a-z]+ [a-z]+"),
        ("ORLA VANTREE", r"[A-Z]+ [A-Z]+"),
        ("Orla", r"[A-Z][a-z]+"),
        ("J. Vantree", r"[A-Z]\. [A-Z][a-z]+"),
        ("Orla Mae Vantree", r"[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+"),
    ],
    ids=["title", "lower", "upper", "single", "initial", "three-words"],
)
def test_person_surrogate_comes_from_the_list_and_keeps_the_style(value: str, pattern: str) -> None:
    surrogate = fake(value, PERSON)
    assert re.fullmatch(pattern, surrogate)
    known = {n.casefold() for n in FIRST_NAMES + LAST_NAMES}
    for word in surrogate.split():
        assert len(word.rstrip(".")) == 1 or word.casefold() in known


@pytest.mark.parametrize(
    "value",
    ["GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "NL91ABNA0417164300"],
    ids=["gb-spaced", "de-compact", "nl-compact"],
)
def test_iban_surrogate_keeps_country_and_length_but_fails_mod97(value: str) -> None:
    surrogate = fake(value, IBAN)
    assert surrogate[:2] == value[:2]
    assert shape(surrogate) == shape(value)
    assert not iban.is_valid(surrogate)
    compact = surrogate.replace(" ", "")
    rearranged = compact[4:] + compact[:4]
    assert int("".join(str(int(c, 36)) for c in rearranged)) % 97 != 1


@given(st.text(st.sampled_from("0123456789"), min_size=9, max_size=9))
def test_property_routing_surrogates_fail_the_aba_checksum(value: str) -> None:
    assert not rtn.is_valid(fake(value, ABA_ROUTING))


@pytest.mark.parametrize(
    ("value", "entity"),
    [("03/14/1985", DATE_OF_BIRTH), ("March 14, 1985", DATE_OF_BIRTH), ("1120", US_SSN_LAST4)],
    ids=["numeric-date", "worded-date", "ssn-last4"],
)
def test_other_entities_keep_their_shape(value: str, entity: EntityType) -> None:
    surrogate = fake(value, entity)
    assert shape(surrogate) == shape(value)
    assert surrogate != value


@given(st.text(st.sampled_from("0123456789"), min_size=1, max_size=4))
def test_property_a_surrogate_never_equals_its_value(value: str) -> None:
    assert fake(value, US_SSN_LAST4) != value


@pytest.mark.parametrize("key", [b"short", "a string key"], ids=["short", "str"])
def test_surrogate_key_must_be_secret_bytes(key: object) -> None:
    with pytest.raises(ValueError):
        Surrogate(key)  # type: ignore[arg-type]


def test_surrogate_repr_hides_the_key() -> None:
    assert "sss" not in repr(Surrogate(KEY))
