"""Webhook signing secrets at rest: sealed with the vault's key (AES-256-GCM, key id recorded),
so a copy of the database does not hand over the secrets that let anyone forge our alerts.

Stored form: `sealed1:<key id>:<base64url(nonce + ciphertext)>`. A value without the prefix is
a secret stored in clear by an older version: it still signs, and `callshield vault rotate-key`
(`reseal_all`) seals it under the current key together with the secrets of older keys.
"""

from __future__ import annotations

import base64

from sqlalchemy import select
from sqlalchemy.orm import Session

from callshield.store.models import AlertDestination
from callshield.vault import sealing
from callshield.vault.errors import VaultIntegrityError
from callshield.vault.keys import Keyring, VaultKey

PREFIX = "sealed1"
#: Longest secret that still fits the 200-character column once sealed.
MAX_SECRET_CHARS = 100
#: What the vault's sealing binds the ciphertext to (its token and entity slots).
_TOKEN, _ENTITY = "alert-destination", "webhook-secret"


class SecretUnavailableError(ValueError):
    """A sealed secret that cannot be opened; the message names the key id, never the secret."""


def seal_secret(key: VaultKey, secret: str) -> str:
    sealed = sealing.seal(key, _TOKEN, _ENTITY, secret)
    return f"{PREFIX}:{key.key_id}:{base64.urlsafe_b64encode(sealed).decode('ascii').rstrip('=')}"


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def sealed_with(stored: str) -> str | None:
    """The key id a stored secret is sealed with (None: stored in clear)."""
    return stored.split(":", 2)[1] if is_sealed(stored) else None


def open_secret(keyring: Keyring | None, stored: str) -> str:
    """The secret to sign with; a value in clear (an older version's) is returned as it is."""
    if not is_sealed(stored):
        return stored
    _, key_id, body = stored.split(":", 2)
    if keyring is None or keyring.get(key_id) is None:
        raise SecretUnavailableError(
            f"the destination's secret is sealed with key {key_id}, which is not on the keyring"
        )
    try:
        sealed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        return sealing.unseal(keyring, _TOKEN, _ENTITY, key_id, sealed, 0)
    except (VaultIntegrityError, ValueError):  # a damaged value, or one from another row
        raise SecretUnavailableError(
            f"the destination's secret fails authentication under key {key_id}"
        ) from None


def reseal_all(session: Session, keyring: Keyring) -> int:
    """Seal every destination secret that is in clear or under an older key with the current
    key; returns how many changed. The caller commits."""
    current = keyring.current
    changed = 0
    for row in session.scalars(
        select(AlertDestination).where(AlertDestination.secret.is_not(None))
    ):
        stored = row.secret or ""
        if sealed_with(stored) == current.key_id:
            continue
        row.secret = seal_secret(current, open_secret(keyring, stored))
        changed += 1
    return changed
