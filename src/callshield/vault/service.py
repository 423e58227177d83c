"""The token vault over a SQLAlchemy session (EDGE: database). Nothing here commits: the caller
makes a tokenization, a detokenization and its audit record one transaction.

Values are sealed with AES-256-GCM under the keyring's current key (see `sealing`). The same
value, entity and subject always get the same token: the lookup is a keyed HMAC (`value_hmac`,
unique) under each key on the ring, never a plain hash.
Sensitive authentication data (CVV, PIN, security answers) is refused: PCI DSS 3.3 forbids
storing it even encrypted. No message, log line or repr here ever holds a value.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from callshield.core.entities import UNSCANNABLE, EntityType
from callshield.store.models import AuditRecord, VaultEntry
from callshield.vault.errors import (
    RefusedEntityError,
    UnknownTokensError,
    VaultError,
)
from callshield.vault.keys import Keyring
from callshield.vault.sealing import lookup_hmac, seal, unseal
from callshield.vault.tokens import card_layout, new_token, token_key

log = logging.getLogger("callshield.vault")
MAX_TOKEN_ATTEMPTS = 8
MAX_SUBJECT_CHARS = 200


@dataclass(frozen=True, slots=True)
class Token:
    """A value's token as shown in place of the value, and whether the vault entry is new."""

    token: str
    entity: str
    created: bool


@dataclass(frozen=True, slots=True)
class Detokenized:
    """A token and its value; the repr leaves the value out."""

    token: str
    entity: str
    value: str = field(repr=False)


def refuse_reason(entity: EntityType) -> str | None:
    """Why `entity` may not enter the vault, or None when it may."""
    if entity.sensitive_authentication_data:
        return (
            f"{entity.name} is sensitive authentication data and is never stored, not even "
            "encrypted (PCI DSS 3.3): redact it instead"
        )
    if entity.name == UNSCANNABLE.name:
        return f"{entity.name} marks content that could not be scanned; it is redacted whole"
    return None


#: How many laid-out tokens are drawn before a card token is written as one block of digits.
_LAYOUT_DRAWS = 3


class Vault:
    """Tokenize, detokenize and erase by subject, over the caller's session.

    `recheck(token)` (optional) says whether the detection engine finds a payment card in or
    around a token. With it, card tokens keep the card's layout when the engine finds nothing in
    the laid-out form; without it they are written as one block of digits, which the format
    alone keeps from ever reading as a card.
    """

    def __init__(self, keyring: Keyring, recheck: Callable[[str], bool] | None = None) -> None:
        self.keyring = keyring
        self._recheck = recheck

    def __repr__(self) -> str:
        return f"Vault(current_key={self.keyring.current.key_id})"

    # --- tokenize -------------------------------------------------------------------------

    def tokenize(
        self,
        session: Session,
        entity: EntityType,
        value: str,
        subject_id: str | None = None,
        now: datetime | None = None,
    ) -> Token:
        """The token for `value`: the existing one, or a new entry sealed with the current key."""
        reason = refuse_reason(entity)
        if reason:
            raise RefusedEntityError(reason)
        value = value.strip()
        if subject_id is not None and not 0 < len(subject_id) <= MAX_SUBJECT_CHARS:
            raise VaultError(f"a subject id has 1 to {MAX_SUBJECT_CHARS} characters")
        if not value:
            raise VaultError(f"an empty {entity.name} value cannot be tokenized")
        lookups = {lookup_hmac(k, entity.name, subject_id, value) for k in self.keyring.members()}
        found = self._existing(session, lookups)
        if found is not None:
            return Token(self._shown(found, value), entity.name, created=False)
        return self._store(session, entity, value, subject_id, lookups, now or datetime.now(UTC))

    def _store(
        self,
        session: Session,
        entity: EntityType,
        value: str,
        subject_id: str | None,
        lookups: set[str],
        now: datetime,
    ) -> Token:
        """A new entry under a fresh token; or the entry that a concurrent request stored first
        (the unique lookup HMAC makes our insert a no-op, and we read theirs)."""
        current = self.keyring.current
        own_lookup = lookup_hmac(current, entity.name, subject_id, value)
        for _ in range(MAX_TOKEN_ATTEMPTS):
            shown = self._fresh(entity, value)
            key = token_key(shown) if shown is not None else None
            if shown is None or key is None:
                continue
            row = {
                "token": key,
                "entity": entity.name,
                "value_hmac": own_lookup,
                "ciphertext": seal(current, key, entity.name, value),
                "key_id": current.key_id,
                "subject_id": subject_id,
                "created_at": now,
            }
            if _insert_unless_taken(session, row):
                return Token(shown, entity.name, created=True)
            found = self._existing(session, lookups)
            if found is not None:
                return Token(self._shown(found, value), entity.name, created=False)
        raise VaultError("no free token after several attempts; try again")

    def _fresh(self, entity: EntityType, value: str) -> str | None:
        """A new token that the engine does not read as a card (in the value's layout if that
        passes, else one block), or None to try again."""
        if self._recheck is None:
            return new_token(entity, value)
        # a random token reads as a card now and then (about 1 in 170 laid-out draws: a
        # Maestro number inside it): draw again before giving up the value's layout
        for _ in range(_LAYOUT_DRAWS):
            shown = new_token(entity, value, keep_layout=True)
            if not self._recheck(shown):
                return shown
        shown = token_key(shown) or shown
        return None if self._recheck(shown) else shown

    def _shown(self, stored: str, value: str) -> str:
        """A stored token as it replaces `value`: in the value's layout when that is safe."""
        laid = card_layout(stored, value)
        if laid == stored or self._recheck is None or self._recheck(laid):
            return stored
        return laid

    def _existing(self, session: Session, lookups: set[str]) -> str | None:
        query = select(VaultEntry.token).where(VaultEntry.value_hmac.in_(sorted(lookups)))
        return session.scalars(query.limit(1)).first()

    # --- detokenize -----------------------------------------------------------------------

    def detokenize(
        self,
        session: Session,
        tokens: Sequence[str],
        *,
        actor: str,
        role: str,
        reason: str,
        now: datetime | None = None,
    ) -> list[Detokenized]:
        """The values of `tokens`, all or none, and an audit record in the same transaction
        (who, when, which tokens, why; never a value). `reason` must already be scrubbed."""
        keys = [token_key(t) for t in tokens]
        wanted = sorted({k for k in keys if k is not None})
        rows = {
            r.token: r
            for r in session.scalars(select(VaultEntry).where(VaultEntry.token.in_(wanted)))
        }
        missing = [i for i, k in enumerate(keys) if k is None or k not in rows]
        if missing:
            raise UnknownTokensError(missing)
        out = []
        for position, key in enumerate(keys):
            assert key is not None
            row = rows[key]
            value = unseal(
                self.keyring, row.token, row.entity, row.key_id, row.ciphertext, position
            )
            out.append(Detokenized(tokens[position].strip(), row.entity, value))
        session.add(
            AuditRecord(
                occurred_at=now or datetime.now(UTC),
                actor=actor,
                action="vault.detokenize",
                target=_target(wanted),
                details={
                    "tokens": wanted,
                    "count": len(keys),
                    "role": role,
                    "entities": sorted({d.entity for d in out}),
                    "reason": reason,
                },
            )
        )
        log.info("event=detokenize actor=%s role=%s count=%d", actor, role, len(keys))
        return out

    def record_refused(
        self,
        session: Session,
        error: UnknownTokensError,
        *,
        actor: str,
        role: str,
        count: int,
        reason: str,
        now: datetime | None = None,
    ) -> None:
        """Audit a detokenization that was refused (unknown tokens), for insider-threat review."""
        session.add(
            AuditRecord(
                occurred_at=now or datetime.now(UTC),
                actor=actor,
                action="vault.detokenize_refused",
                target=f"{count} tokens",
                details={
                    "count": count,
                    "unknown_positions": list(error.positions),
                    "role": role,
                    "reason": reason,
                },
            )
        )

    # --- erase --------------------------------------------------------------------------

    def erase_subject(
        self, session: Session, subject_id: str, *, actor: str, now: datetime | None = None
    ) -> int:
        """Delete every vault entry of one data subject; audited with the count."""
        result = session.execute(delete(VaultEntry).where(VaultEntry.subject_id == subject_id))
        erased = int(getattr(result, "rowcount", 0) or 0)
        session.add(
            AuditRecord(
                occurred_at=now or datetime.now(UTC),
                actor=actor,
                action="vault.erase_subject",
                target=subject_id[:200],
                details={"erased": erased},
            )
        )
        log.info("event=vault_erase_subject actor=%s erased=%d", actor, erased)
        return erased


def _insert_unless_taken(session: Session, row: dict[str, Any]) -> bool:
    """Insert `row`; False when its token or lookup HMAC is already taken (no savepoint, so the
    caller's transaction stays usable on PostgreSQL too)."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(VaultEntry).values(**row).on_conflict_do_nothing()
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(VaultEntry).values(**row).on_conflict_do_nothing()
    else:
        statement = insert(VaultEntry).values(**row)
    # RETURNING, not rowcount: the ORM session reports rowcount -1 for this insert on psycopg
    return session.execute(statement.returning(VaultEntry.token)).first() is not None


def _target(keys: Sequence[str]) -> str:
    return keys[0] if len(keys) == 1 else f"{len(keys)} tokens"
