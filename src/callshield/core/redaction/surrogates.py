"""Surrogates: realistic fakes of the same shape, consistent within a document, never valid.

A surrogate keeps a value's layout (length, separators, letter case) so that readers and
downstream tools still see "a card number here", but it can never be used as the real thing:
cards start with 0 (no issuer uses major industry identifier 0) and fail Luhn, SSNs use the
never-issued areas 000 and 666, phones sit in the fictional 555-01xx range, e-mail addresses use
the reserved example.com, IBANs keep their country and length but fail mod-97, routing numbers
fail the ABA checksum.

Where the randomness comes from:

- with a `key` (16+ secret bytes) a surrogate is derived from an HMAC of the normalised value,
  so the same customer gets the same surrogate across documents (pseudonymisation);
- without one it is derived from a fixed, public salt (`PUBLIC_SALT`) and the value's order of
  appearance in the document, never from the value itself: anyone can recompute a public-salt
  HMAC, so deriving from the value would let them test guesses (an SSN has only 10^9). The output
  is still deterministic for the same document.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from stdnum import luhn
from stdnum.us import rtn

from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    CARD_LAST4,
    EMAIL,
    IBAN,
    PAYMENT_CARD,
    PERSON,
    PHONE,
    PIN,
    US_ITIN,
    US_SSN,
    US_SSN_LAST4,
    US_ZIP,
    EntityType,
)
from callshield.core.redaction.operators import RedactionState, check_key, is_spoken, normalise

#: Public, fixed salt used when no key is given. Not a secret; see the module docstring.
PUBLIC_SALT = b"callshield/surrogate/v1: public salt, not a secret"

#: Invented names; any combination is a stand-in, not a person.
FIRST_NAMES = (
    "Avery", "Brennan", "Calla", "Dorian", "Elowen", "Fenwick", "Greer", "Harlow", "Idris",
    "Juniper", "Keaton", "Linnea", "Marlowe", "Nerys", "Orrin", "Perrin", "Quilla", "Rosalind",
    "Soren", "Tamsin",
)  # fmt: skip
LAST_NAMES = (
    "Ashdown", "Blackwood", "Corvell", "Dunmore", "Everleigh", "Fairbourne", "Greywell", "Hollins",
    "Ivesdale", "Jarrow", "Kestrel", "Larkspur", "Merriweather", "Northcott", "Oakhurst",
    "Pembrook", "Quennell", "Ravensworth", "Stirling", "Thistlewood",
)  # fmt: skip

#: The written layout used when a numeric value was spoken ("four one one one ...").
WRITTEN_FORMS: Mapping[str, str] = {
    PAYMENT_CARD.name: "0000 0000 0000 0000",
    CARD_CVV.name: "000",
    CARD_EXPIRY.name: "00/00",
    US_SSN.name: "000-00-0000",
    US_SSN_LAST4.name: "0000",
    CARD_LAST4.name: "0000",
    US_ITIN.name: "000-00-0000",
    BANK_ACCOUNT.name: "0000000000",
    ABA_ROUTING.name: "000000000",
    PHONE.name: "000-000-0000",
    PIN.name: "0000",
    US_ZIP.name: "00000",
}
_WHITESPACE = re.compile(r"(\s+)")


class _Stream:
    """Deterministic pseudo-random choices from an HMAC-SHA256 in counter mode."""

    __slots__ = ("_block", "_buffer", "_key", "_seed")

    def __init__(self, key: bytes, seed: bytes) -> None:
        self._key = key
        self._seed = seed
        self._block = 0
        self._buffer = b""

    def below(self, bound: int) -> int:
        if len(self._buffer) < 4:
            counter = self._block.to_bytes(4, "big")
            self._buffer = hmac.new(self._key, self._seed + counter, hashlib.sha256).digest()
            self._block += 1
        number = int.from_bytes(self._buffer[:4], "big")
        self._buffer = self._buffer[4:]
        return number % bound

    def pick(self, options: Sequence[str]) -> str:
        return options[self.below(len(options))]


def _same_shape(value: str, stream: _Stream) -> str:
    """Digits become digits, letters letters of the same case; everything else is kept."""
    out: list[str] = []
    for char in value:
        if char.isdecimal():
            out.append(stream.pick(string.digits))
        elif char.isalpha():
            out.append(
                stream.pick(string.ascii_lowercase if char.islower() else string.ascii_uppercase)
            )
        else:
            out.append(char)
    return "".join(out)


def _digit_positions(chars: Sequence[str]) -> list[int]:
    return [index for index, char in enumerate(chars) if char.isdecimal()]


def _bump(chars: list[str], index: int) -> None:
    """Change one character by one step: enough to break Luhn, ABA and mod-97 check digits."""
    char = chars[index]
    if char.isdecimal():
        chars[index] = str((int(char) + 1) % 10)
    else:
        alphabet = string.ascii_lowercase if char.islower() else string.ascii_uppercase
        chars[index] = alphabet[(alphabet.index(char) + 1) % 26]


def _fake_card(value: str, stream: _Stream) -> str:
    chars = list(_same_shape(value, stream))
    positions = _digit_positions(chars)
    if positions:
        chars[positions[0]] = "0"
    if len(positions) > 1 and luhn.is_valid("".join(chars[i] for i in positions)):
        _bump(chars, positions[-1])
    return "".join(chars)


def _fake_ssn(value: str, stream: _Stream) -> str:
    chars = list(_same_shape(value, stream))
    for index, digit in zip(_digit_positions(chars), stream.pick(("000", "666")), strict=False):
        chars[index] = digit
    return "".join(chars)


def _fake_phone(value: str, stream: _Stream) -> str:
    chars = list(_same_shape(value, stream))
    positions = _digit_positions(chars)
    if len(positions) < 7:
        return "".join(chars)
    line = "55501" + stream.pick(string.digits) + stream.pick(string.digits)
    for index, digit in zip(positions[-7:], line, strict=True):
        chars[index] = digit
    if len(positions) >= 10:
        chars[positions[-10]] = stream.pick("23456789")  # a plausible NANP area code
    for index in positions[:-10]:
        chars[index] = value[index]  # the country code says nothing about the person
    return "".join(chars)


def _fake_email(value: str, stream: _Stream) -> str:
    first, last = stream.pick(FIRST_NAMES), stream.pick(LAST_NAMES)
    return f"{first}.{last}{stream.below(100):02d}@example.com".lower()


def _styled(original: str, name: str) -> str:
    """`name` written the way `original` is: an initial, lowercase, uppercase or capitalised."""
    letters = [char for char in original if char.isalpha()]
    if len(letters) == 1:
        initial = name[0].lower() if letters[0].islower() else name[0]
        return initial + "".join(char for char in original if not char.isalpha())
    if original.islower():
        return name.lower()
    return name.upper() if original.isupper() else name


def _fake_person(value: str, stream: _Stream) -> str:
    """Invented names, one per word of `value`, capitalised; `_restyle` matches the original."""
    count = max(len(value.split()), 1)
    given = [stream.pick(FIRST_NAMES) for _ in range(max(count - 1, 1))]
    return " ".join(given if count == 1 else [*given, stream.pick(LAST_NAMES)])


def _restyle(value: str, surrogate: str, entity: EntityType) -> str:
    """Write a remembered surrogate the way this mention is written (case, initials, spaces)."""
    if entity.name == EMAIL.name:
        return surrogate.upper() if value.isupper() else surrogate.lower()
    if entity.name != PERSON.name:
        return surrogate
    parts = _WHITESPACE.split(value)
    words = [index for index, part in enumerate(parts) if part and not part.isspace()]
    names = surrogate.split()
    if len(names) != len(words):
        return surrogate
    for index, name in zip(words, names, strict=True):
        parts[index] = _styled(parts[index], name)
    return "".join(parts)


def _mod97_valid(compact: str) -> bool:
    if not (compact.isascii() and compact.isalnum()):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _fake_iban(value: str, stream: _Stream) -> str:
    chars = list(_same_shape(value, stream))
    alnum = [index for index, char in enumerate(value) if char.isalnum()]
    if len(alnum) < 5 or not all(value[index].isalpha() for index in alnum[:2]):
        return "".join(chars)
    for index in alnum[:2]:
        chars[index] = value[index]  # same country
    if _mod97_valid("".join(chars[index] for index in alnum).upper()):
        _bump(chars, alnum[-1])
    return "".join(chars)


def _fake_routing(value: str, stream: _Stream) -> str:
    chars = list(_same_shape(value, stream))
    positions = _digit_positions(chars)
    if positions and rtn.is_valid("".join(chars[i] for i in positions)):
        _bump(chars, positions[-1])
    return "".join(chars)


_FAKERS: Mapping[str, Callable[[str, _Stream], str]] = {
    PAYMENT_CARD.name: _fake_card,
    US_SSN.name: _fake_ssn,
    US_ITIN.name: _fake_ssn,  # area 000 is neither an issued SSN nor an ITIN (9xx)
    PHONE.name: _fake_phone,
    EMAIL.name: _fake_email,
    PERSON.name: _fake_person,
    IBAN.name: _fake_iban,
    ABA_ROUTING.name: _fake_routing,
}


@dataclass(frozen=True, slots=True)
class Surrogate:
    """Write a realistic fake of the same shape that is never valid (see the module docstring).

    `key`: 16+ secret bytes for surrogates consistent across documents; None derives them from
    a public salt and the order of appearance, consistent within one document only.
    """

    name: ClassVar[str] = "surrogate"
    key: bytes | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.key is not None:
            check_key(self.key, "Surrogate")

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        shape = WRITTEN_FORMS.get(entity.name, "00000000") if is_spoken(value, entity) else value
        fake = _FAKERS.get(entity.name, _same_shape)
        if self.key is None:
            secret, basis = PUBLIC_SALT, str(state.number(entity, value, namespace="surrogate"))
        else:
            secret, basis = self.key, normalise(value, entity)

        def make(attempt: int) -> str:
            seed = "\x1f".join((entity.name, basis, str(attempt))).encode("utf-8")
            return fake(shape, _Stream(secret, seed))

        return _restyle(value, state.surrogate(entity, value, make), entity)
