"""Token formats. A card token keeps the card number's length (its digits) and its last four
digits, starts with 0 (major industry identifier 0 is never a card, so the engine never
re-detects it) and fails Luhn, so it can never be mistaken for a real card. It is written as one
block of digits unless `keep_layout` asks for the card's own grouping: a grouped token can hold
a card-like run in its later groups ("0288 5811 1706 6208" holds a valid Maestro run), so the
vault keeps the layout only when the engine confirms that it finds no card in it.
Every other value gets a typed opaque token, `tok_<entity>_<26 base32 characters>` (130 bits).
"""

from __future__ import annotations

import base64
import re
import secrets

from stdnum import luhn

from callshield.core.entities import PAYMENT_CARD, EntityType

CARD_MIN_DIGITS = 12
CARD_MAX_DIGITS = 19
KEPT_DIGITS = 4
_CARD_SHAPE = re.compile(r"\d(?:[ .\-]?\d){11,18}")
_SEPARATORS = str.maketrans("", "", " .-")
_OPAQUE = re.compile(r"tok_[a-z0-9_]{1,40}_[a-z2-7]{26}")
_SHORT_NAMES = {"PAYMENT_CARD": "card", "US_SSN": "ssn", "BANK_ACCOUNT": "account"}


def is_card_shaped(value: str) -> bool:
    """12 to 19 ASCII digits, optionally grouped by one-character separators."""
    return value.isascii() and _CARD_SHAPE.fullmatch(value) is not None


def card_token(value: str, keep_layout: bool = False) -> str:
    """A fresh random card token for `value` (a card-shaped string), laid out like it when
    `keep_layout`, else as one block of digits."""
    digits = value.translate(_SEPARATORS)
    middle = [secrets.choice("0123456789") for _ in range(len(digits) - KEPT_DIGITS - 1)]
    candidate = "0" + "".join(middle) + digits[-KEPT_DIGITS:]
    if luhn.is_valid(candidate):
        # Changing one digit always changes the Luhn sum mod 10, so this one fails.
        candidate = candidate[0] + str((int(candidate[1]) + 1) % 10) + candidate[2:]
    return card_layout(candidate, value) if keep_layout else candidate


def opaque_token(entity: EntityType) -> str:
    short = _SHORT_NAMES.get(entity.name, entity.name.lower())[:40]
    random = base64.b32encode(secrets.token_bytes(17)).decode().lower()[:26]
    return f"tok_{short}_{random}"


def new_token(entity: EntityType, value: str, keep_layout: bool = False) -> str:
    """The token shown in place of `value`: format-preserving for a written card number."""
    if entity.name == PAYMENT_CARD.name and is_card_shaped(value):
        return card_token(value, keep_layout)
    return opaque_token(entity)


def card_layout(stored: str, value: str) -> str:
    """A stored card token (digits only) laid out like `value`; any other token as stored."""
    if not stored.isdigit() or not is_card_shaped(value):
        return stored
    if len(value.translate(_SEPARATORS)) != len(stored):
        return stored
    digits = iter(stored)
    return "".join(next(digits) if ch.isdigit() else ch for ch in value)


def token_key(token: str) -> str | None:
    """The vault's primary key for a token as shown (a card token without its separators), or
    None when `token` cannot be a vault token at all."""
    token = token.strip()
    if _OPAQUE.fullmatch(token):
        return token
    if is_card_shaped(token) and token[0] == "0":
        return token.translate(_SEPARATORS)
    return None
