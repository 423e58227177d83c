"""parse_operators(): operators from YAML/JSON-shaped configuration, keys passed in."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from callshield.core.entities import PAYMENT_CARD, PERSON, US_SSN
from callshield.core.finding import Finding, Span
from callshield.core.redaction import (
    Encrypt,
    Hash,
    Mask,
    OperatorConfigError,
    Placeholder,
    Replace,
    Surrogate,
    decrypt,
    parse_operators,
    redact,
)

KEYS = {"hmac": b"h" * 32, "siv": bytes(range(64)), "surrogates": b"s" * 16}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"op": "replace"}, Replace()),
        ({"op": "replace", "label": "[CARD]"}, Replace("[CARD]")),
        ({"op": "mask", "keep_last": 4}, Mask(keep_last=4)),
        ({"op": "MASK", "keep_last": 2, "char": "X"}, Mask(keep_last=2, char="X")),
        ({"op": "placeholder"}, Placeholder()),
        ({"op": "hash", "key": "hmac"}, Hash(key=KEYS["hmac"])),
        ({"op": "hash", "key": "hmac", "length": 32}, Hash(key=KEYS["hmac"], length=32)),
        ({"op": "encrypt", "key": "siv"}, Encrypt(key=KEYS["siv"], key_id="siv")),
        (
            {"op": "encrypt", "key": "siv", "key_id": "vault-7"},
            Encrypt(key=KEYS["siv"], key_id="vault-7"),
        ),
        ({"op": "surrogate"}, Surrogate()),
        ({"op": "surrogate", "key": "surrogates"}, Surrogate(KEYS["surrogates"])),
    ],
    ids=[
        "replace",
        "replace-label",
        "mask",
        "mask-upper-op-char",
        "placeholder",
        "hash",
        "hash-length",
        "encrypt-key-id-is-key-name",
        "encrypt-key-id",
        "surrogate",
        "surrogate-keyed",
    ],
)
def test_each_op_parses(spec: Mapping[str, object], expected: object) -> None:
    assert parse_operators({"PAYMENT_CARD": spec}, KEYS) == {"PAYMENT_CARD": expected}


def test_parsed_operators_drive_redact_and_encrypt_tokens_decrypt_with_the_same_keys() -> None:
    config: dict[str, Mapping[str, object]] = {
        "payment_card": {"op": "mask", "keep_last": 4},
        "PERSON": {"op": "placeholder"},
        "US_SSN": {"op": "encrypt", "key": "siv"},
    }
    text = "Orla Vantree, 4111 1111 1111 1111, 078-05-1120"
    findings = [
        Finding(PERSON, Span(0, 12), 0.9, "test", (), "fp"),
        Finding(PAYMENT_CARD, Span(14, 33), 0.9, "test", (), "fp"),
        Finding(US_SSN, Span(35, 46), 0.9, "test", (), "fp"),
    ]
    result = redact(text, findings, parse_operators(config, KEYS))
    assert result.text.startswith("<PERSON_1>, **** **** **** 1111, ENC[siv:US_SSN:")
    assert decrypt(result.text, KEYS).endswith("078-05-1120")


@pytest.mark.parametrize(
    ("config", "keys", "message"),
    [
        ({"PAYMENT_CARD": {"op": "shred"}}, KEYS, r"PAYMENT_CARD\.op: unknown op 'shred'"),
        ({"PAYMENT_CARD": {}}, KEYS, r"PAYMENT_CARD\.op: required"),
        ({"PAYMENT_CARD": {"op": 3}}, KEYS, r"PAYMENT_CARD\.op: required"),
        ({"PAYMENT_CARD": "mask"}, KEYS, r"PAYMENT_CARD: expected a mapping"),
        (
            {"PAYMENT_CARD": {"op": "mask", "keep_lst": 4}},
            KEYS,
            r"PAYMENT_CARD\.keep_lst: unknown field for op 'mask'",
        ),
        (
            {"PERSON": {"op": "placeholder", "label": "x"}},
            KEYS,
            r"PERSON\.label: unknown field .*allowed: none",
        ),
        ({"PAYMENT_CARD": {"op": "mask", "keep_last": "4"}}, KEYS, r"keep_last: expected an int"),
        ({"PAYMENT_CARD": {"op": "mask", "keep_last": -1}}, KEYS, r"PAYMENT_CARD: Mask keep_last"),
        ({"US_SSN": {"op": "hash"}}, KEYS, r"US_SSN\.key: required"),
        ({"US_SSN": {"op": "hash", "key": "hmac"}}, None, r"US_SSN\.key: no key named 'hmac'"),
        ({"US_SSN": {"op": "hash", "key": "nope"}}, KEYS, r"US_SSN\.key: no key named 'nope'"),
        ({"US_SSN": {"op": "hash", "key": "short"}}, {"short": b"x"}, r"US_SSN: Hash needs"),
        ({"US_SSN": {"op": "encrypt", "key": "hmac", "key_id": 7}}, KEYS, r"US_SSN\.key_id:"),
        ({"US_SSN": {"op": "encrypt", "key": "surrogates"}}, KEYS, r"US_SSN: Encrypt needs"),
        ({"PERSON": {"op": "surrogate", "key": "missing"}}, KEYS, r"PERSON\.key: no key"),
    ],
    ids=[
        "unknown-op",
        "missing-op",
        "op-not-a-string",
        "spec-not-a-mapping",
        "unknown-field",
        "no-fields-allowed",
        "wrong-type",
        "operator-check",
        "hash-without-key",
        "no-keys-passed",
        "unknown-key-name",
        "short-key",
        "key-id-not-a-string",
        "encrypt-wrong-key-size",
        "surrogate-unknown-key",
    ],
)
def test_bad_config_names_the_entity_and_field(
    config: Mapping[str, Mapping[str, object]], keys: Mapping[str, bytes] | None, message: str
) -> None:
    with pytest.raises(OperatorConfigError, match=message) as caught:
        parse_operators(config, keys)
    assert isinstance(caught.value, ValueError)
    for secret in KEYS.values():
        assert repr(secret) not in str(caught.value)
