"""Settings, validated at start-up (EDGE). Built by the CLI entry point and handed to
`create_app(settings)`; never instantiated at import time.

Secrets: in the `dev` profile (the default) a missing secret is generated once and kept in
`$CALLSHIELD_HOME/keys.json` (mode 0600), with a warning; in `prod` every secret must come from
the environment or a mounted secrets directory (`CALLSHIELD_SECRETS_DIR`, one file per secret
named like the variable), and placeholder values are refused.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from callshield.core.policy import Role

log = logging.getLogger("callshield.config")

#: The secrets a deployment needs: token signing, finding fingerprints, the token vault.
SECRET_NAMES = ("token_signing_key", "fingerprint_key", "vault_key")
_PLACEHOLDERS = frozenset(
    {"changeme", "change-me", "change_me", "secret", "password", "placeholder", "xxx", "todo",
     "example", "default", "test", "dev", "none", "null"}
)  # fmt: skip
MIN_SECRET_CHARS = 32
#: The platform's roles, in order of the core's `Role` (policies condition on the same names).
ROLES = tuple(role.value for role in Role)


class SettingsError(ValueError):
    """Settings that cannot be used; the message names the setting, never its value."""


class Settings(BaseSettings):
    """Everything configurable, from `CALLSHIELD_*` variables or `.env`."""

    model_config = SettingsConfigDict(
        env_prefix="CALLSHIELD_", env_file=".env", extra="ignore", validate_default=True
    )

    profile: Literal["dev", "prod"] = "dev"
    home: Path = Path(".callshield")
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    secrets_dir: Path | None = None
    token_signing_key: SecretStr | None = None
    fingerprint_key: SecretStr | None = None
    vault_key: SecretStr | None = None
    admin_password: SecretStr | None = None
    token_ttl_s: int = Field(3600, ge=60, le=86400)
    max_request_bytes: int = Field(5 * 1024 * 1024, ge=1024)
    detokenize_roles: tuple[str, ...] = ("dpo",)
    demo_policy: Path | None = None
    log_level: str = "INFO"

    @field_validator("detokenize_roles", mode="before")
    @classmethod
    def _roles(cls, value: object) -> object:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list | tuple):
            unknown = [v for v in value if v not in ROLES]
            if unknown:
                raise ValueError(f"unknown roles {unknown}; known: {', '.join(ROLES)}")
        return value

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'callshield.db'}"


@dataclass(frozen=True, slots=True)
class Secrets:
    """The resolved secrets as bytes. The repr shows names only."""

    token_signing_key: bytes
    fingerprint_key: bytes
    vault_key: bytes

    def __repr__(self) -> str:
        return "Secrets(token_signing_key=***, fingerprint_key=***, vault_key=***)"


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment; errors name the setting and the problem only."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(
            f"CALLSHIELD_{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
            for e in exc.errors(include_input=False)
        )
        raise SettingsError(f"invalid settings: {problems}") from None


def resolve_secrets(settings: Settings) -> Secrets:
    """Each secret from the environment, the secrets directory or (dev only) the key file."""
    values: dict[str, str] = {}
    generated: list[str] = []
    stored = _read_key_file(settings) if settings.profile == "dev" else {}
    for name in SECRET_NAMES:
        value = _from_env_or_dir(settings, name)
        if value is None and settings.profile == "dev":
            value = stored.get(name)
            if value is None:
                value = secrets.token_urlsafe(48)
                stored[name] = value
                generated.append(name)
        if value is None:
            raise SettingsError(
                f"profile prod: CALLSHIELD_{name.upper()} is not set (set it in the environment "
                "or as a file in CALLSHIELD_SECRETS_DIR)"
            )
        if settings.profile == "prod":
            _refuse_placeholder(name, value)
        values[name] = value
    if generated:
        _write_key_file(settings, stored)
        log.warning(
            "event=secrets_generated names=%s file=%s profile=dev: use profile prod with "
            "secrets from the environment in production",
            ",".join(generated), settings.home / "keys.json",
        )  # fmt: skip
    return Secrets(**{k: v.encode() for k, v in values.items()})


def _from_env_or_dir(settings: Settings, name: str) -> str | None:
    secret: SecretStr | None = getattr(settings, name)
    if secret is not None and secret.get_secret_value():
        return secret.get_secret_value()
    if settings.secrets_dir is not None:
        for candidate in (name, f"callshield_{name}", f"CALLSHIELD_{name.upper()}"):
            path = settings.secrets_dir / candidate
            if path.is_file():
                return path.read_text(encoding="utf-8").strip()
    return None


def _refuse_placeholder(name: str, value: str) -> None:
    lowered = value.strip().lower()
    if lowered in _PLACEHOLDERS or len(set(lowered)) <= 2 or "changeme" in lowered:
        raise SettingsError(f"profile prod: CALLSHIELD_{name.upper()} is a placeholder value")
    if len(value) < MIN_SECRET_CHARS:
        raise SettingsError(
            f"profile prod: CALLSHIELD_{name.upper()} is too short "
            f"(at least {MIN_SECRET_CHARS} characters)"
        )


def _read_key_file(settings: Settings) -> dict[str, str]:
    path = settings.home / "keys.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SettingsError(f"cannot read key file {path}: {type(exc).__name__}") from None
    if not isinstance(data, dict):
        raise SettingsError(f"key file {path} must hold a JSON object")
    return {str(k): str(v) for k, v in data.items()}


def _write_key_file(settings: Settings, values: dict[str, str]) -> None:
    settings.home.mkdir(parents=True, exist_ok=True)
    path = settings.home / "keys.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(values, handle, indent=2)
    os.chmod(path, 0o600)
