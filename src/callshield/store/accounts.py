"""Users and API keys (EDGE: database). Functions take a Session; the caller commits."""

from __future__ import annotations

import hmac
import logging
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from callshield.config import ROLES
from callshield.credentials import (
    NewApiKey,
    dummy_verify,
    hash_password,
    new_api_key,
    parse_api_key,
    sha256_hex,
    verify_password,
)
from callshield.store.models import ApiKey, AuditRecord, User

log = logging.getLogger("callshield.accounts")
#: last_used_at is written at most this often per key (a write per request would cost).
LAST_USED_RESOLUTION = timedelta(seconds=60)


class AccountError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user (by token) or an API key, with one role."""

    name: str
    role: str
    kind: str  # user | apikey


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; known: {', '.join(ROLES)}")
    return role


def create_user(session: Session, username: str, password: str, role: str, by: str) -> User:
    check_role(role)
    if (
        not username
        or len(username) > 150
        or not username.replace("_", "").replace(".", "").replace("-", "").isalnum()
    ):
        raise AccountError("username must be 1-150 letters, digits, '.', '_' or '-'")
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise AccountError(f"user {username!r} exists")
    user = User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.add(
        AuditRecord(actor=by, action="user.create", target=username, details={"role": role})
    )
    return user


def authenticate_password(session: Session, username: str, password: str) -> Principal | None:
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is None:
        dummy_verify()
        return None
    if not verify_password(user.password_hash, password):
        return None
    return Principal(user.username, user.role, "user")


def create_api_key(session: Session, role: str, name: str, by: str) -> tuple[ApiKey, NewApiKey]:
    check_role(role)
    made = new_api_key()
    row = ApiKey(key_id=made.key_id, secret_sha256=made.secret_sha256, role=role, name=name,
                 created_by=by)  # fmt: skip
    session.add(row)
    session.add(AuditRecord(actor=by, action="apikey.create", target=made.key_id,
                            details={"role": role}))  # fmt: skip
    return row, made


def authenticate_api_key(session: Session, secret: str, now: datetime) -> Principal | None:
    key_id = parse_api_key(secret)
    if key_id is None:
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.key_id == key_id))
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.secret_sha256, sha256_hex(secret)):
        return None
    last = row.last_used_at
    if last is None or _aware(last) < now - LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.commit()
    return Principal(f"apikey:{row.key_id}", row.role, "apikey")


def revoke_api_key(session: Session, key_id: str, by: str, now: datetime) -> bool:
    row = session.scalar(select(ApiKey).where(ApiKey.key_id == key_id))
    if row is None:
        return False
    if row.revoked_at is None:
        row.revoked_at = now
        session.add(AuditRecord(actor=by, action="apikey.revoke", target=key_id, details={}))
    return True


def bootstrap_admin(session: Session, password: str | None) -> str | None:
    """Create `admin` when no active admin exists. Returns the generated password, if any
    (the caller prints it once to stderr); None when nothing was generated."""
    exists = session.scalar(select(User).where(User.role == "admin", User.active.is_(True)))
    if exists is not None:
        return None
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(18)
    create_user(session, "admin", password, "admin", by="bootstrap")
    session.commit()
    log.warning("event=admin_bootstrapped user=admin generated_password=%s", generated is not None)
    return generated


def print_generated_password(password: str) -> None:
    sys.stderr.write(
        "\nCallshield created the user 'admin' with this password (shown once, store it now):\n"
        f"    {password}\n\n"
    )


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
