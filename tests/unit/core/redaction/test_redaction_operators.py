"""Operators one by one: Replace, Mask, Placeholder, Hash, Encrypt and decrypt."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callshield.core.entities import (
    CARD_CVV,
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
from callshield.core.redaction import (
    Encrypt,
    Hash,
    Mask,
    Placeholder,
    RedactionState,
    Replace,
    TokenDecryptionError,
    UnknownKeyIdError,
    decrypt,
    redact,
)

CARD = "4111 1111 1111 1111"
SSN = "078-05-1120"
HMAC_KEY = b"h" * 32
SIV_KEY = bytes(range(64))
OTHER_SIV_KEY = bytes(range(1, 65))


def finding(entity: EntityType, start: int, end: int) -> Finding:
    return Finding(entity, Span(start, end), 0.9, "test", (), "fp")


def apply(
    operator: Replace | Mask | Placeholder | Hash | Encrypt, value: str, e: EntityType
) -> str:
    return operator.apply(value, e, RedactionState())


@pytest.mark.parametrize(
    ("label", "expected"),
    [(None, "[PAYMENT_CARD]"), ("[CARD REMOVED]", "[CARD REMOVED]")],
    ids=["entity-name", "custom-label"],
)
def test_replace(label: str | None, expected: str) -> None:
    assert apply(Replace(label), CARD, PAYMENT_CARD) == expected


@pytest.mark.parametrize(
    ("mask", "value", "entity", "expected"),
    [
        (Mask(keep_last=4), CARD, PAYMENT_CARD, "**** **** **** 1111"),
        (Mask(keep_last=8), CARD, PAYMENT_CARD, "**** **** **** 1111"),
        (Mask(keep_last=16), "4111-1111-1111-1111", PAYMENT_CARD, "****-****-****-1111"),
        (Mask(), CARD, PAYMENT_CARD, "**** **** **** ****"),
        (Mask(keep_last=4, char="X"), SSN, US_SSN, "XXX-XX-1120"),
        (Mask(keep_last=4), "GB82 WEST 1234 5698 7654 32", IBAN, "**** **** **** **** **54 32"),
        (Mask(keep_last=4), "(415) 555-0132", PHONE, "(***) ***-0132"),
        (Mask(keep_last=4), "1120", US_SSN_LAST4, "**20"),
        (Mask(keep_last=4), "737", CARD_CVV, "***"),
        (Mask(keep_last=2), "orla.vantree@example.org", EMAIL, "****.*******@*******.***"),
        (Mask(keep_last=4), "Orla Vantree", PERSON, "**** *******"),
        (Mask(keep_last=4), "four one one one", PAYMENT_CARD, "**** **** **** ****"),
        (Mask(keep_last=4), "four one, 1 1", PAYMENT_CARD, "**** ***, * 1"),
    ],
    ids=[
        "card-last4",
        "card-clamped-to-4",
        "card-separators-clamped",
        "card-nothing",
        "ssn-last4-custom-char",
        "iban-letters-masked",
        "phone",
        "never-all-digits",
        "cvv-shows-nothing",
        "email-no-digits",
        "person",
        "spoken-card-fixed-width",
        "mixed-spoken-and-digits",
    ],
)
def test_mask(mask: Mask, value: str, entity: EntityType, expected: str) -> None:
    assert apply(mask, value, entity) == expected


@pytest.mark.parametrize(
    "kwargs",
    [{"keep_last": -1}, {"keep_last": True}, {"char": ""}, {"char": "**"}, {"char": "7"}],
    ids=["negative", "bool", "empty-char", "two-chars", "digit-char"],
)
def test_mask_rejects_bad_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Mask(**kwargs)  # type: ignore[arg-type]


@given(st.text(st.sampled_from("0123456789 -"), min_size=1), st.integers(0, 30))
def test_property_mask_keeps_length_and_never_shows_more_than_4_card_digits(
    value: str, keep_last: int
) -> None:
    masked = apply(Mask(keep_last=keep_last), value, PAYMENT_CARD)
    assert len(masked) == len(value)
    assert sum(c.isdigit() for c in masked) <= 4
    assert [c for c in masked if not c.isalnum() and c != "*"] == [
        c for c in value if not c.isalnum()
    ]


def test_placeholder_numbers_per_entity_and_reuses_numbers_for_the_same_value() -> None:
    text = "Orla Vantree, Bram Ostley, ORLA  VANTREE; 415-555-0132 and 4155550132"
    names = ["Orla Vantree", "Bram Ostley", "ORLA  VANTREE"]
    phones = ["415-555-0132", "4155550132"]
    findings = [finding(PERSON, text.index(n), text.index(n) + len(n)) for n in names]
    findings += [finding(PHONE, text.index(p), text.index(p) + len(p)) for p in phones]
    result = redact(text, findings, default=Placeholder())
    assert result.text == "<PERSON_1>, <PERSON_2>, <PERSON_1>; <PHONE_1> and <PHONE_1>"


def test_placeholder_numbers_start_again_in_each_call() -> None:
    first = redact("Bram Ostley", [finding(PERSON, 0, 11)], default=Placeholder())
    second = redact("Orla Vantree", [finding(PERSON, 0, 12)], default=Placeholder())
    assert first.text == second.text == "<PERSON_1>"


def test_state_repr_shows_counts_only() -> None:
    state = RedactionState()
    Placeholder().apply("Orla Vantree", PERSON, state)
    assert "orla" not in repr(state).casefold()


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"key": b"short"}, {"key": "a string key, not bytes"}, {"key": HMAC_KEY, "length": 4}],
    ids=["no-key", "short-key", "str-key", "too-short-output"],
)
def test_hash_needs_a_real_key(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Hash(**kwargs)  # type: ignore[arg-type]


def test_hash_is_keyed_deterministic_and_normalised() -> None:
    hashed = apply(Hash(key=HMAC_KEY), CARD, PAYMENT_CARD)
    assert hashed.startswith("<PAYMENT_CARD#") and len(hashed) == len("<PAYMENT_CARD#>") + 16
    assert apply(Hash(key=HMAC_KEY), "4111-1111-1111-1111", PAYMENT_CARD) == hashed
    assert apply(Hash(key=b"g" * 32), CARD, PAYMENT_CARD) != hashed
    assert apply(Hash(key=HMAC_KEY), "ORLA Vantree", PERSON) == apply(
        Hash(key=HMAC_KEY), "orla vantree", PERSON
    )
    assert len(apply(Hash(key=HMAC_KEY, length=64), CARD, PAYMENT_CARD)) == 14 + 64 + 1


def test_keyed_operator_reprs_do_not_show_keys() -> None:
    for operator in (Hash(key=HMAC_KEY), Encrypt(key=SIV_KEY, key_id="k1")):
        assert "hhhh" not in repr(operator)
        assert repr(SIV_KEY) not in repr(operator)
        assert "key=" not in repr(operator)


@pytest.mark.parametrize("key", [bytes(32), bytes(48), bytes(64)], ids=["256", "384", "512"])
def test_encrypt_round_trips_with_every_aes_siv_key_size(key: bytes) -> None:
    text = f"card {CARD}, ssn {SSN}, name Orla Vantrée"
    findings = [
        finding(PAYMENT_CARD, 5, 24),
        finding(US_SSN, 30, 41),
        finding(PERSON, 48, 60),
    ]
    result = redact(text, findings, default=Encrypt(key=key, key_id="vault-2024.1"))
    assert "4111" not in result.text and "Orla" not in result.text
    assert result.text.startswith("card ENC[vault-2024.1:PAYMENT_CARD:")
    assert decrypt(result.text, {"vault-2024.1": key}) == text


def test_encrypt_is_deterministic_and_bound_to_the_entity() -> None:
    encrypt = Encrypt(key=SIV_KEY, key_id="k1")
    token = apply(encrypt, CARD, PAYMENT_CARD)
    assert apply(encrypt, CARD, PAYMENT_CARD) == token
    assert apply(encrypt, CARD, PHONE).split(":")[2] != token.split(":")[2]
    swapped = token.replace(":PAYMENT_CARD:", ":PHONE:")
    with pytest.raises(TokenDecryptionError):
        decrypt(swapped, {"k1": SIV_KEY})


def test_decrypt_names_an_unknown_key_id() -> None:
    token = apply(Encrypt(key=SIV_KEY, key_id="k1"), CARD, PAYMENT_CARD)
    with pytest.raises(KeyError) as caught:
        decrypt(f"card {token}", {"k2": SIV_KEY})
    assert isinstance(caught.value, UnknownKeyIdError)
    assert "k1" in str(caught.value)
    assert "4111" not in str(caught.value)


def _flip_last_data_char(token: str) -> str:
    char = token[-2]
    return token[:-2] + ("A" if char != "A" else "B") + token[-1]


@pytest.mark.parametrize(
    ("alter", "key"),
    [(lambda token: token, OTHER_SIV_KEY), (_flip_last_data_char, SIV_KEY)],
    ids=["wrong-key", "altered-token"],
)
def test_decrypt_refuses_a_wrong_key_or_an_altered_token(
    alter: Callable[[str], str], key: bytes
) -> None:
    token = apply(Encrypt(key=SIV_KEY, key_id="k1"), CARD, PAYMENT_CARD)
    with pytest.raises(TokenDecryptionError) as caught:
        decrypt(alter(token), {"k1": key})
    assert "4111" not in str(caught.value)


def test_decrypt_leaves_other_text_alone() -> None:
    text = "no tokens here, ENC[ not one either ] ENC[k:X:]"
    assert decrypt(text, {}) == text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"key_id": "k1"},
        {"key": bytes(16), "key_id": "k1"},
        {"key": bytes(32), "key_id": ""},
        {"key": bytes(32), "key_id": "has:colon"},
    ],
    ids=["no-key", "wrong-size", "empty-key-id", "bad-key-id"],
)
def test_encrypt_rejects_bad_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Encrypt(**kwargs)  # type: ignore[arg-type]
