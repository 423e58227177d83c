"""The token vault: sensitive values swapped for tokens, sealed with AES-GCM, audited on the way
back. See `keys` for the keyring and rotation, `tokens` for the token formats."""

from callshield.vault.errors import (
    RefusedEntityError,
    UnknownTokensError,
    VaultError,
    VaultIntegrityError,
)
from callshield.vault.keys import Keyring, VaultKey, VaultKeyError, derive_key, keyring_from
from callshield.vault.service import Detokenized, Token, Vault
from callshield.vault.text import Placement, TokenizedText, card_recheck, tokenize_text

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
