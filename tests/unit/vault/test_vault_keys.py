"""Vault keys: derived per purpose, identified without showing the secret, kept on a ring."""

from __future__ import annotations

from pathlib import Path

import pytest
from vault_helpers import NEW_VAULT_SECRET, VAULT_SECRET

from callshield.vault.keys import (
    PREVIOUS_KEYS_ENV,
    PREVIOUS_KEYS_FILE,
    Keyring,
    VaultKeyError,
    derive_key,
    keyring_for,
    keyring_from,
)


def test_derivation_is_stable_and_separates_purposes() -> None:
    one, again, two = (
        derive_key(VAULT_SECRET),
        derive_key(VAULT_SECRET),
        derive_key(NEW_VAULT_SECRET),
    )
    assert one == again
    assert one.key_id != two.key_id
    assert one.key_id.startswith("vk_") and len(one.key_id) == 19
    assert len({one.aead_key, one.lookup_key, VAULT_SECRET}) == 3
    assert len(one.aead_key) == 32


def test_repr_shows_the_key_id_only() -> None:
    key = derive_key(VAULT_SECRET)
    shown = repr(keyring_from(VAULT_SECRET))
    assert key.key_id in shown
    assert key.aead_key.hex() not in shown and repr(key.aead_key) not in shown
    assert repr(key.lookup_key) not in shown and VAULT_SECRET.decode() not in shown


def test_a_short_secret_is_refused_without_showing_it() -> None:
    with pytest.raises(VaultKeyError) as caught:
        derive_key(b"short-secret")
    assert "short-secret" not in str(caught.value)


def test_rotated_ring_reads_both_keys() -> None:
    ring = keyring_from(VAULT_SECRET).rotated_to(derive_key(NEW_VAULT_SECRET))
    assert ring.current.key_id == derive_key(NEW_VAULT_SECRET).key_id
    assert ring.get(derive_key(VAULT_SECRET).key_id) is not None
    assert ring.get("vk_0000000000000000") is None


def test_a_ring_never_lists_a_key_twice() -> None:
    key = derive_key(VAULT_SECRET)
    with pytest.raises(VaultKeyError):
        Keyring(key, (key,))
    assert keyring_from(
        VAULT_SECRET, [VAULT_SECRET, NEW_VAULT_SECRET, NEW_VAULT_SECRET]
    ).previous == (derive_key(NEW_VAULT_SECRET),)


def test_previous_keys_from_env_dir_or_setting(tmp_path: Path) -> None:
    old = derive_key(NEW_VAULT_SECRET).key_id
    env = {PREVIOUS_KEYS_ENV: f" {NEW_VAULT_SECRET.decode()} , "}
    assert [k.key_id for k in keyring_for(VAULT_SECRET, None, environ=env).previous] == [old]
    (tmp_path / PREVIOUS_KEYS_FILE).write_text(NEW_VAULT_SECRET.decode() + "\n\n")
    assert [k.key_id for k in keyring_for(VAULT_SECRET, tmp_path, environ={}).previous] == [old]
    configured = keyring_for(VAULT_SECRET, None, NEW_VAULT_SECRET.decode(), environ={})
    assert [k.key_id for k in configured.previous] == [old]
    assert keyring_for(VAULT_SECRET, None, environ={}).previous == ()
