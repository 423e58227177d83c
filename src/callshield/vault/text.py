"""Tokenize every finding in a text: each sensitive value is replaced by its vault token, except
sensitive authentication data (CVV, PIN, security answers) and unscannable content, which are
redacted (`[CARD_CVV]`), never stored. Built on the core's `redact()` with the vault as the
operator, so overlapping findings merge exactly as they do for redaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from sqlalchemy.orm import Session

from callshield.core.entities import PAYMENT_CARD, UNSCANNABLE, EntityType
from callshield.core.finding import Span
from callshield.core.redaction.operators import Operator, RedactionState, Replace
from callshield.core.redaction.redact import redact
from callshield.engine import Engine
from callshield.pipeline import scan_text
from callshield.vault.service import Vault


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a value was (`source`), and where its token or placeholder is in the output."""

    entity: str
    source: Span
    span: Span
    token: str | None  # None: redacted, not tokenized


@dataclass(frozen=True, slots=True)
class TokenizedText:
    text: str = field(repr=False)
    placements: tuple[Placement, ...] = ()


class _VaultOperator:
    """A redaction operator whose replacement is the value's vault token (EDGE: writes)."""

    name: ClassVar[str] = "vault"

    def __init__(
        self, vault: Vault, session: Session, subject_id: str | None, now: datetime | None
    ) -> None:
        self._vault, self._session = vault, session
        self._subject_id, self._now = subject_id, now

    def apply(self, value: str, entity: EntityType, state: RedactionState) -> str:
        return self._vault.tokenize(self._session, entity, value, self._subject_id, self._now).token


def tokenize_text(
    vault: Vault,
    session: Session,
    engine: Engine,
    text: str,
    *,
    entities: frozenset[str] | None = None,
    subject_id: str | None = None,
    now: datetime | None = None,
) -> TokenizedText:
    """`text` with each finding (of `entities`, default all) replaced by its token. Sensitive
    authentication data and unscannable content are redacted whatever `entities` says: the
    output is made to be kept, and a CVV or PIN may not be kept (PCI DSS 3.3)."""
    findings = [
        f
        for f in scan_text(text, engine)
        if entities is None
        or f.entity.name in entities
        or f.entity.name == UNSCANNABLE.name
        or f.entity.sensitive_authentication_data
    ]
    never_stored: dict[str, Operator] = {
        e.name: Replace() for e in engine.catalogue if e.sensitive_authentication_data
    }
    never_stored[UNSCANNABLE.name] = Replace()
    operator = _VaultOperator(vault, session, subject_id, now)
    result = redact(text, findings, never_stored, default=operator)
    placements = tuple(
        Placement(
            r.entity.name,
            r.original,
            r.redacted,
            result.text[r.redacted.start : r.redacted.end] if r.operator == operator.name else None,
        )
        for r in result.replacements
    )
    return TokenizedText(result.text, placements)


def card_recheck(engine: Engine) -> Callable[[str], bool]:
    """The vault's recheck: does `engine` find a payment card in a token, alone or after a card
    cue (a cue keeps even a Luhn failure)?"""

    def detected_as_card(token: str) -> bool:
        return any(
            f.entity.name == PAYMENT_CARD.name
            for text in (token, f"card number {token}")
            for f in engine.scan(text)
        )

    return detected_as_card
