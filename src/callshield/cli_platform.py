"""Platform commands: `serve`, `db upgrade`, `users create`, `apikeys create|revoke`.

Registered on the main CLI by `register(app)`; heavy imports (FastAPI, SQLAlchemy, uvicorn)
happen inside the commands, so `callshield scan` stays quick to start.
"""

from __future__ import annotations

import getpass
import logging
import sys
from typing import Annotated, Any

import typer

log = logging.getLogger("callshield.cli")
db_app = typer.Typer(help="Database: apply migrations.", no_args_is_help=True)
users_app = typer.Typer(help="Users with passwords and roles.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys scoped to a role.", no_args_is_help=True)


def _settings(**overrides: Any) -> Any:
    from callshield.config import load_settings

    return load_settings(**{k: v for k, v in overrides.items() if v is not None})


def prepare(settings: Any, *, migrate: bool) -> Any:
    """Secrets resolved, migrations applied (when asked), the admin bootstrapped; the state."""
    from callshield.api import build_state
    from callshield.config import resolve_secrets
    from callshield.store.accounts import bootstrap_admin, print_generated_password
    from callshield.store.db import current_revision, upgrade

    secrets = resolve_secrets(settings)
    if migrate:
        upgrade(settings.resolved_database_url)
    state = build_state(settings, secrets)
    if current_revision(state.db) is None:
        raise typer.BadParameter("the database has no schema: run `callshield db upgrade`")
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    with state.sessions() as session:
        generated = bootstrap_admin(session, password)
    if generated:
        print_generated_password(generated)
    return state


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations, then create the admin user if there is none."""
    settings = _settings()
    prepare(settings, migrate=True)
    sys.stderr.write("database is up to date\n")


@users_app.command("create")
def users_create(
    username: str,
    role: Annotated[str, typer.Option(help="agent, supervisor, analyst, dpo or admin")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
) -> None:
    """Create a user (the password is prompted for, or read from stdin)."""
    from callshield.store.accounts import create_user

    state = prepare(_settings(), migrate=False)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("password: ")
    with state.sessions() as session:
        create_user(session, username, password, role, by="cli")
        session.commit()
    sys.stderr.write(f"created user {username} with role {role}\n")


@keys_app.command("create")
def apikeys_create(
    role: Annotated[str, typer.Option(help="The role the key acts with.")],
    name: Annotated[str, typer.Option(help="What the key is for.")] = "",
) -> None:
    """Create an API key; the secret is printed once on stdout."""
    from callshield.store.accounts import create_api_key

    state = prepare(_settings(), migrate=False)
    with state.sessions() as session:
        _row, made = create_api_key(session, role, name, by="cli")
        session.commit()
    sys.stderr.write(f"API key {made.key_id} ({role}); the secret is shown once:\n")
    sys.stdout.write(made.secret + "\n")


@keys_app.command("revoke")
def apikeys_revoke(key_id: str) -> None:
    from datetime import UTC, datetime

    from callshield.store.accounts import revoke_api_key

    state = prepare(_settings(), migrate=False)
    with state.sessions() as session:
        if not revoke_api_key(session, key_id, "cli", datetime.now(UTC)):
            raise typer.BadParameter(f"no API key {key_id}")
        session.commit()
    sys.stderr.write(f"revoked {key_id}\n")


def serve(
    host: Annotated[str | None, typer.Option(help="Default 127.0.0.1.")] = None,
    port: Annotated[int | None, typer.Option(help="Default 8000.")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Start the API (uvicorn). In the dev profile, pending migrations are applied first."""
    import uvicorn

    from callshield.api import create_app

    settings = _settings(host=host, port=port)
    state = prepare(settings, migrate=settings.profile == "dev")
    load_demo_policy(state)
    log.warning("event=serving host=%s port=%d profile=%s workers=%d", settings.host,
                settings.port, settings.profile, workers)  # fmt: skip
    if workers > 1:
        # Worker processes build their own app (and engine) from the same environment, each
        # on its own SO_REUSEPORT socket, so the kernel spreads connections across them.
        from callshield.api import workers as multi

        state.db.dispose()
        options: dict[str, Any] = {"log_level": "warning", "access_log": False}
        if multi.supported():
            try:
                supervisor = multi.Supervisor(settings.host, settings.port, workers, options)
            except OSError as exc:
                sys.stderr.write(f"error: cannot listen on {settings.host}:{settings.port}: "
                                 f"{exc.strerror or exc}\n")  # fmt: skip
                raise typer.Exit(1) from None
            supervisor.run()
            return
        uvicorn.run(multi.APP_FACTORY, factory=True, host=settings.host, port=settings.port,
                    workers=workers, **options)  # fmt: skip
        return
    app = create_app(settings, state)
    freeze_heap()
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                access_log=False)  # fmt: skip


def freeze_heap() -> None:
    """Move everything built so far (engine, name lexicons, app) out of the garbage
    collector's reach: a full collection would otherwise walk it and stall a request."""
    import gc

    gc.collect()
    gc.freeze()


def load_demo_policy(state: Any) -> None:
    """Load the configured demo policy when the database has no policy yet."""
    path = state.settings.demo_policy
    if path is None:
        return
    try:
        from callshield.store.policies import ensure_policy
    except ModuleNotFoundError:
        return
    with state.sessions() as session:
        ensure_policy(session, "demo", path.read_text(encoding="utf-8"), by="bootstrap")
        session.commit()


def register(app: typer.Typer) -> None:
    from callshield.alerts.cli import alerts_app
    from callshield.vault.cli import vault_app

    app.command("serve")(serve)
    app.add_typer(vault_app, name="vault")
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(db_app, name="db")
    app.add_typer(users_app, name="users")
    app.add_typer(keys_app, name="apikeys")
