"""Settings and secrets: dev generates and keeps keys (0600); prod refuses missing or
placeholder secrets; errors name the setting, never the value."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from callshield.config import SettingsError, load_settings, resolve_secrets
from callshield.credentials import (
    hash_password,
    issue_token,
    new_api_key,
    parse_api_key,
    verify_password,
    verify_token,
)

STRONG = "k3y-" + "A9z" * 12


def test_dev_generates_missing_secrets_once_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(home=tmp_path / "home")
    with caplog.at_level(logging.WARNING):
        first = resolve_secrets(settings)
    key_file = tmp_path / "home" / "keys.json"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert "secrets_generated" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        again = resolve_secrets(settings)
    assert again == first and "secrets_generated" not in caplog.text
    assert len({first.token_signing_key, first.fingerprint_key, first.vault_key}) == 3
    assert "***" in repr(first) and first.vault_key.decode() not in repr(first)


def test_environment_wins_over_the_key_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSHIELD_FINGERPRINT_KEY", STRONG)
    got = resolve_secrets(load_settings(home=tmp_path))
    assert got.fingerprint_key == STRONG.encode()


def test_prod_refuses_missing_secrets(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="CALLSHIELD_TOKEN_SIGNING_KEY is not set"):
        resolve_secrets(load_settings(home=tmp_path, profile="prod"))
    assert not (tmp_path / "keys.json").exists()


@pytest.mark.parametrize("value", ["changeme", "secret", "x" * 40, "short-but-real-9"])
def test_prod_refuses_placeholders_and_short_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    for name in ("TOKEN_SIGNING_KEY", "FINGERPRINT_KEY", "VAULT_KEY"):
        monkeypatch.setenv(f"CALLSHIELD_{name}", STRONG)
    monkeypatch.setenv("CALLSHIELD_VAULT_KEY", value)
    with pytest.raises(SettingsError) as caught:
        resolve_secrets(load_settings(home=tmp_path, profile="prod"))
    assert "CALLSHIELD_VAULT_KEY" in str(caught.value) and value not in str(caught.value)


def test_prod_reads_a_mounted_secrets_directory(tmp_path: Path) -> None:
    mounted = tmp_path / "run-secrets"
    mounted.mkdir()
    for name in ("token_signing_key", "fingerprint_key", "vault_key"):
        (mounted / name).write_text(STRONG + name + "\n")
    got = resolve_secrets(load_settings(home=tmp_path, profile="prod", secrets_dir=mounted))
    assert got.vault_key == (STRONG + "vault_key").encode()


def test_invalid_settings_name_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSHIELD_PORT", "99999")
    with pytest.raises(SettingsError, match="CALLSHIELD_PORT"):
        load_settings()
    monkeypatch.delenv("CALLSHIELD_PORT")
    with pytest.raises(SettingsError, match="unknown roles"):
        load_settings(detokenize_roles="dpo,wizard")


def test_tokens_verify_expire_and_resist_tampering() -> None:
    key = b"k" * 32
    token = issue_token(key, "alice", "analyst", ttl_s=60, now=1000)
    claims = verify_token(key, token, now=1030)
    assert claims is not None and (claims.subject, claims.role) == ("alice", "analyst")
    assert verify_token(key, token, now=1061) is None
    assert verify_token(b"x" * 32, token, now=1030) is None
    body, sig = token[4:].split(".")
    assert verify_token(key, f"cs1.{body}x.{sig}", now=1030) is None


def test_passwords_and_api_keys() -> None:
    hashed = hash_password("correct-horse-battery")
    assert hashed.startswith("$argon2") and verify_password(hashed, "correct-horse-battery")
    assert not verify_password(hashed, "correct-horse-batterY")
    made = new_api_key()
    assert parse_api_key(made.secret) == made.key_id
    assert made.secret not in repr(made)
    assert parse_api_key("csk_short_x") is None
