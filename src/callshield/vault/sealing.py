"""Sealing and lookup (pure: no I/O). AES-256-GCM with a random 96-bit nonce stored in front
of the ciphertext; the token and entity are associated data, so a ciphertext moved to another
row does not open. The lookup is a keyed HMAC-SHA256 of entity, subject and normalised value
(never a plain hash: card numbers are few enough to enumerate)."""

from __future__ import annotations

import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from callshield.core.entities import EntityType
from callshield.core.redaction.operators import normalise
from callshield.vault.errors import VaultIntegrityError
from callshield.vault.keys import Keyring, VaultKey

NONCE_BYTES = 12


def lookup_hmac(key: VaultKey, entity: str, subject_id: str | None, value: str) -> str:
    """The deterministic lookup of one value: equal for equal (normalised) values, per key."""
    # normalise() reads only the entity's name; a custom entity is handled like a built-in one.
    normal = normalise(value, EntityType(entity, ""))
    subject = "-" if subject_id is None else "s:" + subject_id
    message = "\x1f".join(("v1", entity, subject, normal)).encode()
    return hmac.new(key.lookup_key, message, "sha256").hexdigest()


def _associated(token: str, entity: str) -> bytes:
    return f"callshield-vault-v1\x1f{token}\x1f{entity}".encode()


def seal(key: VaultKey, token: str, entity: str, value: str) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key.aead_key).encrypt(nonce, value.encode(), _associated(token, entity))


def unseal(
    keyring: Keyring, token: str, entity: str, key_id: str, sealed: bytes, position: int
) -> str:
    """The value of one entry; VaultIntegrityError (naming `position` and the key id) when its
    key is off the ring or it fails authentication."""
    key = keyring.get(key_id)
    if key is None:
        raise VaultIntegrityError(
            f"the entry at position {position} is sealed with key {key_id}, which is not on "
            "the keyring: add its secret to CALLSHIELD_VAULT_PREVIOUS_KEYS"
        )
    try:
        plain = AESGCM(key.aead_key).decrypt(
            sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], _associated(token, entity)
        )
    except InvalidTag:
        raise VaultIntegrityError(
            f"the entry at position {position} fails authentication under key {key_id} "
            "(altered, or moved from another row)"
        ) from None
    return plain.decode("utf-8")
