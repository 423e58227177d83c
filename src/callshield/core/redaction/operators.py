"""Redaction operators: what replaces a sensitive value once detection has found it.

Each operator is a frozen dataclass with a `name` and an `apply` that turns one value into its
replacement. `RedactionState` is made fresh by `redact()` for each document, so that the same
value gets the same placeholder number or surrogate throughout that document and no further.
Keys are always passed in; no operator reads the environment or keeps a default secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV

from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    CARD_LAST4,
    IBAN,
    PAYMENT_CARD,
    PHONE,
    PIN,
    US_ITIN,
    US_SSN,
    US_SSN_LAST4,
    US_ZIP,
    EntityType,
)

#: Entities whose value is a number: normalised to its digits, masked as digits.
NUMERIC_ENTITIES = frozenset(
    e.name
    for e in (
        PAYMENT_CARD,
        CARD_CVV,
        CARD_EXPIRY,
        US_SSN,
        US_SSN_LAST4,
        CARD_LAST4,
        US_ITIN,
        BANK_ACCOUNT,
        ABA_ROUTING,
        PHONE,
        PIN,
        US_ZIP,
    )
)
#: PCI DSS: at most the last four digits of a card number may be shown.
PCI_MAX_VISIBLE_DIGITS = 4
MIN_KEY_BYTES = 16
_MAX_SURROGATE_ATTEMPTS = 32
_KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
# Bounded classes that exclude the delimiters, so a match attempt never backtracks far.
_TOKEN = re.compile(r"ENC\[([A-Za-z0-9_.-]{1,64}):([A-Za-z0-9_.-]{1,64}):([A-Za-z0-9_-]+)\]")
_WORD = re.compile(r"[^\W_]+")


def normalise(value: str, entity: EntityType) -> str:
    """The form under which two mentions count as the same value (casefold, digits for numbers)."""
    if entity.name in NUMERIC_ENTITIES and any(c.isdecimal() for c in value):
        return "".join(str(int(c)) for c in value if c.isdecimal())
    if entity.name == IBAN.name:
        return "".join(c for c in value if c.isalnum()).casefold()
    return " ".join(value.casefold().split())


def is_spoken(value: str, entity: EntityType) -> bool:
    """A numeric entity written in words ("four one one one"), as speech-to-text may leave it."""
    return entity.name in NUMERIC_ENTITIES and not any(c.isdecimal() for c in value)


def check_key(key: object, owner: str, sizes: tuple[int, ...] = ()) -> None:
    """Raise ValueError unless `key` is bytes of an allowed size (never shows the key)."""
    if not isinstance(key, bytes):
        raise ValueError(f"{owner} needs its key as bytes, got {type(key).__name__}")
    if sizes and len(key) not in sizes:
        raise ValueError(f"{owner} needs a key of {sizes} bytes, got {len(key)} bytes")
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"{owner} needs a secret key of at least {MIN_KEY_BYTES} bytes")


class RedactionState:
    """Per-document memory: same value, same placeholder number, same surrogate.

    Made by `redact()` for one call and dropped with it; it holds normalised values, so its repr
    shows counts only.
    """

    __slots__ = ("_counters", "_numbers", "_surrogates", "_taken")

    def __init__(self) -> None:
        self._numbers: dict[tuple[str, str, str], int] = {}
        self._counters: dict[tuple[str, str], int] = {}
        self._surrogates: dict[tuple[str, str], str] = {}
        self._taken: set[tuple[str, str]] = set()

    def __repr__(self) -> str:
        return f"RedactionState(numbered={len(self._numbers)}, surrogates={len(self._surrogates)})"

    def number(self, entity: EntityType, value: str, namespace: str = "placeholder") -> int:
        """1 for the first distinct value of `entity` in this document, 2 for the next, ..."""
        key = (namespace, entity.name, normalise(value, entity))
        if key not in self._numbers:
            counter = (namespace, entity.name)
            self._counters[counter] = self._counters.get(counter, 0) + 1
            self._numbers[key] = self._counters[counter]
        return self._numbers[key]

    def surrogate(self, entity: EntityType, value: str, make: Callable[[int], str]) -> str:
        """The surrogate for `value`, made by `make(attempt)` the first time it is seen.

        Attempts continue while a candidate equals the value itself or another value's surrogate,
        so distinct values stay distinct in the output.
        """
        key = (entity.name, normalise(value, entity))
        if key in self._surrogates:
            return self._surrogates[key]
        candidate = make(0)
        for attempt in range(1, _MAX_SURROGATE_ATTEMPTS):
            fresh = (entity.name, normalise(candidate, entity)) not in self._taken
            if fresh and normalise(candidate, entity) != key[1]:
                break
            candidate = make(attempt)
        self._surrogates[key] = candidate
        self._taken.add((entity.name, normalise(candidate, entity)))
        return candidate


class Operator(Protocol):
    """Turns one sensitive value into what the redacted text shows instead."""

    @property
    def name(self) -> str: ...

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str: ...


@dataclass(frozen=True, slots=True)
class Replace:
    """Remove the whole value and write `[ENTITY]` (or `label`)."""

    name: ClassVar[str] = "replace"
    label: str | None = None

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        return f"[{entity.name}]" if self.label is None else self.label


@dataclass(frozen=True, slots=True)
class Mask:
    """Mask letters and digits with `char`, keeping separators and the last `keep_last` digits.

    Fail safe: a card shows at most 4 digits (PCI DSS), a value never shows more than half its
    digits, PCI sensitive authentication data (CVV, PIN) shows none, and a number spoken in words
    becomes fixed-width masks, since word lengths would hint at the digits ("four" vs "one").
    """

    name: ClassVar[str] = "mask"
    keep_last: int = 0
    char: str = "*"

    def __post_init__(self) -> None:
        if isinstance(self.keep_last, bool) or not isinstance(self.keep_last, int):
            raise ValueError("Mask keep_last must be an integer")
        if self.keep_last < 0:
            raise ValueError("Mask keep_last must be 0 or more")
        if not isinstance(self.char, str) or len(self.char) != 1:
            raise ValueError("Mask char must be a single character")
        if self.char.isdecimal() or self.char.isspace():
            raise ValueError("Mask char must not be a digit or whitespace")

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        if is_spoken(value, entity):
            return _WORD.sub(lambda _word: self.char * 4, value)
        keep = self.visible_digits(entity, sum(c.isdecimal() for c in value))
        out: list[str] = []
        for char in reversed(value):
            if char.isdecimal() and keep > 0:
                out.append(char)
                keep -= 1
            else:
                out.append(self.char if char.isalnum() else char)
        return "".join(reversed(out))

    def visible_digits(self, entity: EntityType, digits: int) -> int:
        """How many trailing digits this mask shows for `entity` with `digits` digits in all."""
        if entity.sensitive_authentication_data:
            return 0
        keep = min(self.keep_last, digits // 2)
        if entity.name == PAYMENT_CARD.name:
            keep = min(keep, PCI_MAX_VISIBLE_DIGITS)
        return keep


@dataclass(frozen=True, slots=True)
class Placeholder:
    """Write `<ENTITY_n>`, numbered per entity per document; the same value keeps its number."""

    name: ClassVar[str] = "placeholder"

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        return f"<{entity.name}_{state.number(entity, value)}>"


@dataclass(frozen=True, slots=True)
class Hash:
    """Write `<ENTITY#hex>`: a keyed HMAC-SHA256 of the normalised value (never unsalted)."""

    name: ClassVar[str] = "hash"
    key: bytes = field(default=b"", repr=False)
    length: int = 16

    def __post_init__(self) -> None:
        check_key(self.key, "Hash")
        if isinstance(self.length, bool) or not isinstance(self.length, int):
            raise ValueError("Hash length must be an integer")
        if not 8 <= self.length <= 64:
            raise ValueError("Hash length must be between 8 and 64 hex characters")

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        message = normalise(value, entity).encode("utf-8")
        digest = hmac.new(self.key, message, hashlib.sha256).hexdigest()
        return f"<{entity.name}#{digest[: self.length]}>"


@dataclass(frozen=True, slots=True)
class Encrypt:
    """Write `ENC[key_id:ENTITY:data]`: deterministic AES-SIV, entity name as associated data.

    Reversible with `decrypt` and the same key; equal values give equal tokens.
    """

    name: ClassVar[str] = "encrypt"
    key: bytes = field(default=b"", repr=False)
    key_id: str = ""

    def __post_init__(self) -> None:
        check_key(self.key, "Encrypt", sizes=(32, 48, 64))
        if not isinstance(self.key_id, str) or not _KEY_ID.fullmatch(self.key_id):
            raise ValueError("Encrypt key_id must be 1-64 characters of A-Z, a-z, 0-9, '_.-'")

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        if not _KEY_ID.fullmatch(entity.name):
            raise ValueError(f"entity name {entity.name!r} cannot be written in an ENC[] token")
        sealed = AESSIV(self.key).encrypt(value.encode("utf-8"), [entity.name.encode("ascii")])
        data = base64.urlsafe_b64encode(sealed).rstrip(b"=").decode("ascii")
        return f"ENC[{self.key_id}:{entity.name}:{data}]"


class UnknownKeyIdError(KeyError):
    """An ENC[] token names a key id that was not passed to `decrypt`."""

    def __init__(self, key_id: str) -> None:
        super().__init__(key_id)
        self.key_id = key_id

    def __str__(self) -> str:
        return f"no key for key id {self.key_id!r}; pass it in keys to decrypt these tokens"


class TokenDecryptionError(ValueError):
    """An ENC[] token did not decrypt: the key is wrong or the token was altered."""


def decrypt(text: str, keys: Mapping[str, bytes]) -> str:
    """Restore the values of every `ENC[key_id:ENTITY:data]` token in `text`."""

    def restore(match: re.Match[str]) -> str:
        key_id, entity_name, data = match.groups()
        if key_id not in keys:
            raise UnknownKeyIdError(key_id)
        try:
            sealed = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
            plain = AESSIV(keys[key_id]).decrypt(sealed, [entity_name.encode("ascii")])
            return plain.decode("utf-8")
        except (InvalidTag, ValueError, TypeError):
            raise TokenDecryptionError(
                f"an ENC[] token for {entity_name} with key id {key_id!r} did not decrypt: "
                "wrong key or altered token"
            ) from None

    return _TOKEN.sub(restore, text)
