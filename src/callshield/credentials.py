"""Credentials: argon2 password hashes, signed bearer tokens and API keys.

argon2 is for passwords only (it is deliberately slow); a request is authenticated by an HMAC
over the token (microseconds) or by SHA-256 of a high-entropy API key (one indexed lookup).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
TOKEN_PREFIX = "cs1."
API_KEY_PREFIX = "csk_"
MIN_PASSWORD_CHARS = 12


class WeakPasswordError(ValueError):
    pass


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(f"password must have at least {MIN_PASSWORD_CHARS} characters")
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def dummy_verify() -> None:
    """Spend the time of one verification, so an unknown user name is not revealed by timing."""
    verify_password(_DUMMY_HASH, "not-the-password")


_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class TokenClaims:
    subject: str
    role: str
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def issue_token(key: bytes, subject: str, role: str, ttl_s: int, now: float | None = None) -> str:
    issued = int(time.time() if now is None else now)
    claims = {"sub": subject, "role": role, "iat": issued, "exp": issued + ttl_s,
              "jti": secrets.token_hex(8)}  # fmt: skip
    body = _b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64(hmac.new(key, body.encode(), hashlib.sha256).digest())
    return f"{TOKEN_PREFIX}{body}.{signature}"


def verify_token(key: bytes, token: str, now: float | None = None) -> TokenClaims | None:
    """The claims of a valid, unexpired token signed with `key`, else None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    try:
        body, signature = token[len(TOKEN_PREFIX) :].split(".")
        expected = hmac.new(key, body.encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(signature)):
            return None
        claims = json.loads(_unb64(body))
        expires = int(claims["exp"])
        if expires <= (time.time() if now is None else now):
            return None
        return TokenClaims(str(claims["sub"]), str(claims["role"]), expires)
    except (ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class NewApiKey:
    """A freshly made key: `secret` is shown once and never stored."""

    key_id: str
    secret: str
    secret_sha256: str

    def __repr__(self) -> str:
        return f"NewApiKey(key_id={self.key_id!r}, secret=***)"


def new_api_key() -> NewApiKey:
    key_id = secrets.token_hex(6)
    secret = f"{API_KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"
    return NewApiKey(key_id, secret, sha256_hex(secret))


def parse_api_key(secret: str) -> str | None:
    """The public key id inside an API key, or None if it is not shaped like one."""
    if not secret.startswith(API_KEY_PREFIX):
        return None
    key_id, _, rest = secret[len(API_KEY_PREFIX) :].partition("_")
    if len(key_id) != 12 or not rest:
        return None
    return key_id


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
