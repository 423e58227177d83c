"""Credentials live in `callshield.credentials` (shared by the store and the API)."""

from callshield.credentials import (
    API_KEY_PREFIX,
    MIN_PASSWORD_CHARS,
    TOKEN_PREFIX,
    NewApiKey,
    TokenClaims,
    WeakPasswordError,
    dummy_verify,
    hash_password,
    issue_token,
    new_api_key,
    parse_api_key,
    sha256_hex,
    verify_password,
    verify_token,
)

__all__ = [
    "API_KEY_PREFIX",
    "MIN_PASSWORD_CHARS",
    "TOKEN_PREFIX",
    "NewApiKey",
    "TokenClaims",
    "WeakPasswordError",
    "dummy_verify",
    "hash_password",
    "issue_token",
    "new_api_key",
    "parse_api_key",
    "sha256_hex",
    "verify_password",
    "verify_token",
]
