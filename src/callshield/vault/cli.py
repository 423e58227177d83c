"""`callshield vault rotate-key`: re-encrypt every vault entry under a new key.

Register on the main CLI with `app.add_typer(vault_app, name="vault")`. Heavy imports happen
inside the command, so the CLI stays quick to start.

Two ways to rotate (see `callshield.vault.keys` for the keyring):
- recommended, with services running: set `CALLSHIELD_VAULT_KEY` to the new secret and
  `CALLSHIELD_VAULT_PREVIOUS_KEYS` to the old one everywhere, restart, then run `rotate-key`;
- `rotate-key --new-key-env VAR` takes the new secret from `$VAR` and keeps the configured key
  for reading. Services that do not know the new key yet cannot open rotated entries (they
  say which key id is missing), so stop them or give them the new key as a previous key first,
  and afterwards make the new secret `CALLSHIELD_VAULT_KEY`.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

vault_app = typer.Typer(help="The token vault: key rotation.", no_args_is_help=True)
#: The same floor as every other secret of a `prod` deployment.
MIN_NEW_KEY_CHARS = 32


@vault_app.callback()
def _vault() -> None:
    """The token vault."""


@vault_app.command("rotate-key")
def rotate_key(
    new_key_env: Annotated[
        str | None,
        typer.Option("--new-key-env", help="Name of the variable holding the new vault secret."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, max=100_000, help="Entries per commit.")] = 500,
) -> None:
    """Re-encrypt every vault entry under the new (or the configured) key; resumable."""
    from callshield.alerts.secrets import reseal_all
    from callshield.vault.rotation import rotate_all

    sessions, keyring = _open_vault(new_key_env)

    def progress(done: int) -> None:
        sys.stderr.write(f"vault: {done} entries re-encrypted\n")

    report = rotate_all(sessions, keyring, actor="cli", batch_size=batch_size, after_batch=progress)
    with sessions() as session:  # alert destinations' webhook secrets are sealed the same way
        resealed = reseal_all(session, keyring)
        session.commit()
    sys.stderr.write(f"vault: {resealed} alert destination secret(s) sealed under the new key\n")
    left = sum(report.remaining.values())
    sys.stderr.write(
        f"vault: {report.rotated} entries re-encrypted under key {report.key_id} in "
        f"{report.batches} batches; {left} left under older keys\n"
    )
    if new_key_env:
        sys.stderr.write(
            f"vault: now make the secret in ${new_key_env} CALLSHIELD_VAULT_KEY for every "
            "service; keep the old one in CALLSHIELD_VAULT_PREVIOUS_KEYS until all run with it\n"
        )
    if left:
        raise typer.Exit(1)


def _open_vault(new_key_env: str | None) -> tuple[Any, Any]:
    from callshield.config import load_settings, resolve_secrets
    from callshield.store.db import current_revision, make_engine, session_factory
    from callshield.vault.keys import configured_previous, derive_key, keyring_for

    settings = load_settings()
    secrets = resolve_secrets(settings)
    keyring = keyring_for(secrets.vault_key, settings.secrets_dir, configured_previous(settings))
    if new_key_env:
        new_secret = os.environ.get(new_key_env, "").strip()
        if len(new_secret) < MIN_NEW_KEY_CHARS:
            raise typer.BadParameter(
                f"${new_key_env} must hold the new vault secret "
                f"(at least {MIN_NEW_KEY_CHARS} characters)",
                param_hint="--new-key-env",
            )
        keyring = keyring.rotated_to(derive_key(new_secret.encode()))
    db = make_engine(settings.resolved_database_url)
    if current_revision(db) is None:
        raise typer.BadParameter("the database has no schema: run `callshield db upgrade`")
    return session_factory(db), keyring
