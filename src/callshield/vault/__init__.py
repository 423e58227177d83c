"""The token vault: sensitive values swapped for tokens, sealed with AES-GCM, audited on the way
back. See `keys` for the keyring and rotation, `tokens` for the token formats.

Its names are imported when first used (PEP 562): the CLI registers `vault rotate-key` from
`callshield.vault.cli` on every start, and SQLAlchemy, which `service` needs, takes most of a
second to import, a cost `callshield scan` should not pay."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from callshield.vault.errors import (
        RefusedEntityError,
        UnknownTokensError,
        VaultError,
        VaultIntegrityError,
    )
    from callshield.vault.keys import Keyring, VaultKey, VaultKeyError, derive_key, keyring_from
    from callshield.vault.service import Detokenized, Token, Vault
    from callshield.vault.text import Placement, TokenizedText, card_recheck, tokenize_text

#: Where each name lives.
_HOMES = {
    "RefusedEntityError": "errors",
    "UnknownTokensError": "errors",
    "VaultError": "errors",
    "VaultIntegrityError": "errors",
    "Keyring": "keys",
    "VaultKey": "keys",
    "VaultKeyError": "keys",
    "derive_key": "keys",
    "keyring_from": "keys",
    "Detokenized": "service",
    "Token": "service",
    "Vault": "service",
    "Placement": "text",
    "TokenizedText": "text",
    "card_recheck": "text",
    "tokenize_text": "text",
}

__all__ = [
    "Detokenized",
    "Keyring",
    "Placement",
    "RefusedEntityError",
    "Token",
    "TokenizedText",
    "UnknownTokensError",
    "Vault",
    "VaultError",
    "VaultIntegrityError",
    "VaultKey",
    "VaultKeyError",
    "card_recheck",
    "derive_key",
    "keyring_from",
    "tokenize_text",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'callshield.vault' has no attribute {name!r}")
    value = getattr(import_module(f"callshield.vault.{home}"), name)
    globals()[name] = value
    return value
