"""Key rotation: every entry re-sealed under the new key, in batches, resumable; a crash at any
point leaves every entry readable with the old key or the new one; runs are audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner
from vault_helpers import NEW_VAULT_SECRET, VAULT_SECRET, dump_tables

from callshield.core.entities import PAYMENT_CARD, US_SSN
from callshield.store.models import AuditRecord, VaultEntry
from callshield.vault import Keyring, Vault, keyring_from, sealing
from callshield.vault.cli import vault_app
from callshield.vault.rotation import rotate_all

SSNS = [f"078-05-{1100 + i:04d}" for i in range(10)]


def _seed(session_maker: sessionmaker[Session], vault: Vault) -> dict[str, str]:
    """Ten SSNs and a card; token -> value."""
    tokens: dict[str, str] = {}
    with session_maker() as session:
        for ssn in SSNS:
            tokens[vault.tokenize(session, US_SSN, ssn, "cust-1").token] = ssn
        card = "4111 1111 1111 1111"
        tokens[vault.tokenize(session, PAYMENT_CARD, card).token] = card
        session.commit()
    return tokens


def _key_ids(session_maker: sessionmaker[Session]) -> dict[str, str]:
    with session_maker() as session:
        rows = session.execute(select(VaultEntry.token, VaultEntry.key_id)).all()
        return {token: key_id for token, key_id in rows}


def _readable(vault: Vault, session_maker: sessionmaker[Session], tokens: dict[str, str]) -> None:
    with session_maker() as session:
        found = vault.detokenize(session, list(tokens), actor="t", role="dpo", reason="check")
    assert [d.value for d in found] == list(tokens.values())


def test_rotation_reseals_everything_and_keeps_tokens(
    session_maker: sessionmaker[Session], keyring: Keyring, new_keyring: Keyring
) -> None:
    tokens = _seed(session_maker, Vault(keyring))
    report = rotate_all(session_maker, new_keyring, batch_size=4)
    assert (report.rotated, report.batches, report.remaining) == (11, 3, {})
    assert report.before == {keyring.current.key_id: 11}
    assert set(_key_ids(session_maker).values()) == {new_keyring.current.key_id}
    _readable(Vault(keyring_from(NEW_VAULT_SECRET)), session_maker, tokens)  # new key alone
    with session_maker() as session:  # determinism survives: the lookup HMAC was re-keyed
        again = Vault(new_keyring).tokenize(session, US_SSN, SSNS[0], "cust-1")
        actions = session.scalars(select(AuditRecord.action)).all()
    assert not again.created and tokens[again.token] == SSNS[0]
    assert actions == ["vault.rotate_key.started", "vault.rotate_key.finished"]


def test_interrupted_between_batches_then_resumed(
    session_maker: sessionmaker[Session], keyring: Keyring, new_keyring: Keyring
) -> None:
    tokens = _seed(session_maker, Vault(keyring))

    def crash(done: int) -> None:
        raise KeyboardInterrupt  # the operator's ^C, or a killed process, after one batch

    with pytest.raises(KeyboardInterrupt):
        rotate_all(session_maker, new_keyring, batch_size=4, after_batch=crash)
    by_key = _key_ids(session_maker)
    rotated = {t for t, k in by_key.items() if k == new_keyring.current.key_id}
    assert len(rotated) == 4
    # each entry opens with the key it names: the old ring for the rest, the new one for these
    _readable(Vault(keyring), session_maker, {t: v for t, v in tokens.items() if t not in rotated})
    _readable(
        Vault(keyring_from(NEW_VAULT_SECRET)),
        session_maker,
        {t: v for t, v in tokens.items() if t in rotated},
    )
    _readable(Vault(new_keyring), session_maker, tokens)
    report = rotate_all(session_maker, new_keyring, batch_size=4)
    assert (report.rotated, report.remaining) == (7, {})
    _readable(Vault(keyring_from(NEW_VAULT_SECRET)), session_maker, tokens)


def test_crash_inside_a_batch_rolls_that_batch_back(
    session_maker: sessionmaker[Session],
    keyring: Keyring,
    new_keyring: Keyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tokens = _seed(session_maker, Vault(keyring))
    real_seal, calls = sealing.seal, {"n": 0}

    def failing_seal(*args: object) -> bytes:
        calls["n"] += 1
        if calls["n"] == 7:  # the third entry of the second batch
            raise MemoryError("simulated crash")
        return real_seal(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sealing, "seal", failing_seal)
    with pytest.raises(MemoryError):
        rotate_all(session_maker, new_keyring, batch_size=4)
    monkeypatch.setattr(sealing, "seal", real_seal)
    counts = list(_key_ids(session_maker).values())
    assert counts.count(new_keyring.current.key_id) == 4  # batch one committed, two did not
    _readable(Vault(new_keyring), session_maker, tokens)
    assert rotate_all(session_maker, new_keyring).remaining == {}


def test_batch_size_must_be_positive(
    session_maker: sessionmaker[Session], new_keyring: Keyring
) -> None:
    with pytest.raises(ValueError):
        rotate_all(session_maker, new_keyring, batch_size=0)


def _cli_env(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        "CALLSHIELD_HOME": str(tmp_path / "home"),
        "CALLSHIELD_DATABASE_URL": url,
        "CALLSHIELD_VAULT_KEY": VAULT_SECRET.decode(),
        "CALLSHIELD_TOKEN_SIGNING_KEY": "s" * 40 + "-signing",
        "CALLSHIELD_FINGERPRINT_KEY": "f" * 40 + "-fingerprint",
        "CALLSHIELD_VAULT_PREVIOUS_KEYS": "",
        "NEW_VAULT_KEY": NEW_VAULT_SECRET.decode(),
    }


def test_cli_rotate_key_with_new_key_env(
    session_maker: sessionmaker[Session],
    keyring: Keyring,
    new_keyring: Keyring,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    tokens = _seed(session_maker, Vault(keyring))
    env = _cli_env(tmp_path, sqlite_url)
    result = CliRunner().invoke(
        vault_app, ["rotate-key", "--new-key-env", "NEW_VAULT_KEY", "--batch-size", "5"], env=env
    )
    assert result.exit_code == 0, result.output
    assert f"11 entries re-encrypted under key {new_keyring.current.key_id} in 3 batches" in (
        result.output
    )
    assert NEW_VAULT_SECRET.decode() not in result.output
    _readable(Vault(keyring_from(NEW_VAULT_SECRET)), session_maker, tokens)
    assert NEW_VAULT_SECRET.decode() not in dump_tables(sqlite_url)


def test_cli_rotate_key_from_the_configured_keys(
    session_maker: sessionmaker[Session],
    keyring: Keyring,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The recommended way: the new secret configured as the vault key, the old one previous."""
    monkeypatch.chdir(tmp_path)
    tokens = _seed(session_maker, Vault(keyring))
    env = _cli_env(tmp_path, sqlite_url)
    env |= {
        "CALLSHIELD_VAULT_KEY": NEW_VAULT_SECRET.decode(),
        "CALLSHIELD_VAULT_PREVIOUS_KEYS": VAULT_SECRET.decode(),
    }
    result = CliRunner().invoke(vault_app, ["rotate-key"], env=env)
    assert result.exit_code == 0, result.output
    _readable(Vault(keyring_from(NEW_VAULT_SECRET)), session_maker, tokens)


def test_cli_refuses_a_missing_or_short_new_key(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = _cli_env(tmp_path, sqlite_url) | {"NEW_VAULT_KEY": "too-short"}
    for name in ("NEW_VAULT_KEY", "NOT_SET_ANYWHERE"):
        result = CliRunner().invoke(vault_app, ["rotate-key", "--new-key-env", name], env=env)
        assert result.exit_code == 2
        assert "at least 32 characters" in result.output and "too-short" not in result.output


def test_cli_stops_on_an_entry_whose_key_is_unknown(
    session_maker: sessionmaker[Session],
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    _seed(session_maker, Vault(keyring_from(b"a-third-secret-nobody-configured-0123456789")))
    result = CliRunner().invoke(vault_app, ["rotate-key"], env=_cli_env(tmp_path, sqlite_url))
    assert result.exit_code != 0
    assert "CALLSHIELD_VAULT_PREVIOUS_KEYS" in str(result.exception)


def test_the_command_registers_as_callshield_vault() -> None:
    """The one line the main CLI needs: `app.add_typer(vault_app, name="vault")`."""
    import typer

    main = typer.Typer()

    @main.command()
    def version() -> None:  # a second command, so typer keeps sub-command names
        """Print nothing."""

    main.add_typer(vault_app, name="vault")
    result = CliRunner().invoke(main, ["vault", "rotate-key", "--help"])
    assert result.exit_code == 0, result.output
    assert "--new-key-env" in result.output and "--batch-size" in result.output
