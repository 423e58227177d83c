"""Vault keys (EDGE: reads the environment for previous keys). The keyring design:

- The vault secret (`CALLSHIELD_VAULT_KEY`) is never used directly. HKDF-SHA256 derives from it
  an AES-256-GCM key (sealing values), an HMAC key (the deterministic lookup `value_hmac`) and a
  public key id (`vk_` + 16 hex), recorded on every entry. Two keys that differ get different
  ids; the same key always gets the same id, so nothing has to be named by hand.
- A keyring holds the *current* key (every new entry is sealed with it) and any *previous* keys
  (read only). Previous secrets come from `CALLSHIELD_VAULT_PREVIOUS_KEYS` (comma-separated), or
  a file `vault_previous_keys` in `CALLSHIELD_SECRETS_DIR` (one per line).
- Rotation: deploy the new secret as `CALLSHIELD_VAULT_KEY` with the old one in
  `CALLSHIELD_VAULT_PREVIOUS_KEYS`, run `callshield vault rotate-key` (resumable; every entry
  stays readable because both keys are on the ring), and drop the old secret once it reports
  that no entry is left under it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREVIOUS_KEYS_ENV = "CALLSHIELD_VAULT_PREVIOUS_KEYS"
PREVIOUS_KEYS_FILE = "vault_previous_keys"
#: As for every other key the core takes; `prod` settings demand 32 characters anyway.
MIN_SECRET_BYTES = 16
_SALT = b"callshield-vault-v1"


class VaultKeyError(ValueError):
    """A vault secret that cannot be used; the message never shows a secret."""


@dataclass(frozen=True, slots=True)
class VaultKey:
    """Keys derived from one vault secret. The repr shows the key id only."""

    key_id: str
    aead_key: bytes = field(repr=False)
    lookup_key: bytes = field(repr=False)


def _hkdf(secret: bytes, info: bytes, length: int = 32) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=_SALT, info=info).derive(secret)


def derive_key(secret: bytes) -> VaultKey:
    """The sealing key, the lookup key and the public key id of one vault secret."""
    if len(secret) < MIN_SECRET_BYTES:
        raise VaultKeyError(f"a vault secret needs at least {MIN_SECRET_BYTES} bytes")
    key_id = "vk_" + _hkdf(secret, b"callshield vault key id", 8).hex()
    return VaultKey(
        key_id=key_id,
        aead_key=_hkdf(secret, b"callshield vault aes-256-gcm"),
        lookup_key=_hkdf(secret, b"callshield vault lookup hmac"),
    )


@dataclass(frozen=True, slots=True)
class Keyring:
    """The current key (seals new entries) and the previous keys (open old ones)."""

    current: VaultKey
    previous: tuple[VaultKey, ...] = ()

    def __post_init__(self) -> None:
        ids = [k.key_id for k in self.members()]
        if len(set(ids)) != len(ids):
            raise VaultKeyError("the vault keyring lists the same key twice")

    def members(self) -> Iterator[VaultKey]:
        yield self.current
        yield from self.previous

    def get(self, key_id: str) -> VaultKey | None:
        return next((k for k in self.members() if k.key_id == key_id), None)

    def rotated_to(self, new: VaultKey) -> Keyring:
        """This ring with `new` as current and every other key kept for reading."""
        others = tuple(k for k in self.members() if k.key_id != new.key_id)
        return Keyring(new, others)


def keyring_from(
    current_secret: bytes,
    previous_secrets: Sequence[bytes] = (),
) -> Keyring:
    """A keyring from raw secrets; a previous secret equal to the current one is ignored."""
    current = derive_key(current_secret)
    previous: dict[str, VaultKey] = {}
    for secret in previous_secrets:
        key = derive_key(secret)
        if key.key_id != current.key_id:
            previous.setdefault(key.key_id, key)
    return Keyring(current, tuple(previous.values()))


def previous_secrets(
    secrets_dir: Path | None, environ: Mapping[str, str] | None = None
) -> tuple[bytes, ...]:
    """Previous vault secrets from the environment or the secrets directory (may be none)."""
    environ = os.environ if environ is None else environ
    raw = environ.get(PREVIOUS_KEYS_ENV, "")
    found = [part.strip() for part in raw.split(",") if part.strip()]
    if not found and secrets_dir is not None:
        path = secrets_dir / PREVIOUS_KEYS_FILE
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            found = [line.strip() for line in lines if line.strip()]
    return tuple(part.encode() for part in found)


def configured_previous(settings: object) -> str | None:
    """`settings.vault_previous_keys` (plain or secret string) when Settings carries it."""
    value = getattr(settings, "vault_previous_keys", None)
    if value is None:
        return None
    getter = getattr(value, "get_secret_value", None)
    return str(getter() if callable(getter) else value)


def keyring_for(
    vault_secret: bytes,
    secrets_dir: Path | None,
    configured_previous: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Keyring:
    """The service's keyring: the current vault secret plus the previous ones, taken from
    `configured_previous` (comma-separated, e.g. a settings field) or else the environment or
    the secrets directory."""
    if configured_previous:
        older = tuple(p.strip().encode() for p in configured_previous.split(",") if p.strip())
    else:
        older = previous_secrets(secrets_dir, environ)
    return keyring_from(vault_secret, older)
