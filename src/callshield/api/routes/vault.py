"""The token vault over HTTP: POST /v1/tokenize, POST /v1/detokenize (roles from
`settings.detokenize_roles`, every call audited), DELETE /v1/subjects/{subject_id}/tokens.
Responses carry tokens, entities and offsets; only /v1/detokenize returns values."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from sqlalchemy.orm import Session

from callshield.api.auth import authenticate, roles, state_of
from callshield.api.problems import Unprocessable
from callshield.api.state import AppState
from callshield.core.entities import EntityType, UnknownEntityError
from callshield.store.accounts import Principal
from callshield.vault import (
    UnknownTokensError,
    Vault,
    VaultError,
    VaultIntegrityError,
    card_recheck,
    tokenize_text,
)
from callshield.vault.keys import configured_previous, keyring_for
from callshield.vault.service import refuse_reason

log = logging.getLogger("callshield.api.vault")
router = APIRouter(tags=["vault"])
TOKENIZERS = ("agent", "supervisor", "analyst", "dpo")
MAX_TEXT = 1_000_000
MAX_ITEMS = 1000
#: An opaque customer reference; no control characters (PostgreSQL refuses NUL in text).
SUBJECT_PATTERN = r"^[^\x00-\x1f\x7f]+$"
SubjectId = Annotated[str, Field(min_length=1, max_length=200, pattern=SUBJECT_PATTERN)]


class ValueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    entity: str = Field(min_length=1, max_length=60)
    value: str = Field(min_length=1, max_length=1000)
    subject_id: SubjectId | None = None


class TokenizeRequest(BaseModel):
    """Either `values` (entity and value each) or `text` (scanned; each finding tokenized)."""

    model_config = ConfigDict(extra="forbid")
    values: list[ValueIn] | None = Field(None, min_length=1, max_length=MAX_ITEMS)
    text: str | None = Field(None, max_length=MAX_TEXT)
    entities: list[str] | None = Field(None, max_length=100)
    subject_id: SubjectId | None = None

    @model_validator(mode="after")
    def _one_payload(self) -> TokenizeRequest:
        if (self.values is None) == (self.text is None):
            raise ValueError("give exactly one of 'values' or 'text'")
        if self.entities is not None and self.text is None:
            raise ValueError("'entities' applies to 'text' only")
        return self


class TokenOut(BaseModel):
    entity: str
    token: str
    created: bool | None = Field(None, description="values form: a new vault entry")
    start: int | None = Field(None, description="text form: the token's offsets in `text`")
    end: int | None = None
    source_start: int | None = Field(None, description="text form: the value's offsets")
    source_end: int | None = None


class RedactedOut(BaseModel):
    entity: str
    start: int
    end: int
    source_start: int
    source_end: int


class TokenizeResponse(BaseModel):
    tokens: list[TokenOut]
    text: str | None = None
    redacted: list[RedactedOut] | None = Field(
        None, description="text form: sensitive authentication data redacted, never stored"
    )


class DetokenizeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tokens: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=1, max_length=MAX_ITEMS
    )
    reason: str = Field(min_length=1, max_length=1000, description="Why; kept in the audit log.")

    @field_validator("reason")
    @classmethod
    def _reason_given(cls, reason: str) -> str:
        if not reason.strip():
            raise ValueError("a reason is required")
        if "\x00" in reason:
            raise ValueError("a reason may not contain NUL characters")
        return reason.strip()


class DetokenizedOut(BaseModel):
    token: str
    entity: str
    value: str


class DetokenizeResponse(BaseModel):
    values: list[DetokenizedOut]


class ErasedOut(BaseModel):
    erased: int


class DetokenizeRoles:
    """Lets through the roles in `settings.detokenize_roles` (and admin), read per request
    from the app's own settings. `.roles` (for the route x role table) is set by `setup()`."""

    def __init__(self) -> None:
        self.roles: frozenset[str] = frozenset({"dpo", "admin"})

    async def __call__(
        self, request: Request, principal: Principal = Depends(authenticate)
    ) -> Principal:
        allowed = state_of(request).settings.detokenize_roles
        if principal.role != "admin" and principal.role not in allowed:
            raise HTTPException(403, f"role {principal.role!r} may not detokenize")
        return principal


detokenizers = DetokenizeRoles()


def setup(state: AppState) -> None:
    """Build the vault once per app: keyring from the secrets, the engine as the card recheck."""
    settings = state.settings
    previous = configured_previous(settings)
    keyring = keyring_for(state.secrets.vault_key, settings.secrets_dir, previous)
    state.extras["vault"] = Vault(keyring, recheck=card_recheck(state.engine))
    detokenizers.roles = frozenset(settings.detokenize_roles) | {"admin"}


def vault_of(state: AppState) -> Vault:
    vault: Vault = state.extras["vault"]
    return vault


@router.post("/v1/tokenize", response_model=TokenizeResponse, response_model_exclude_none=True)
def tokenize(
    body: TokenizeRequest, request: Request, who: Principal = roles(*TOKENIZERS)
) -> TokenizeResponse:
    state = state_of(request)
    now = datetime.now(UTC)
    with state.sessions() as session:
        try:
            if body.values is not None:
                response = _tokenize_values(state, session, body.values, now)
            else:
                response = _tokenize_text(state, session, body, now)
        except VaultError as exc:
            raise HTTPException(422, str(exc)) from None
        session.commit()
    log.info("event=tokenize actor=%s tokens=%d", who.name, len(response.tokens))
    return response


def _tokenize_values(
    state: AppState, session: Session, values: list[ValueIn], now: datetime
) -> TokenizeResponse:
    entities = [_entity(state, item.entity, i) for i, item in enumerate(values)]
    vault = vault_of(state)
    out = []
    for item, entity in zip(values, entities, strict=True):
        made = vault.tokenize(session, entity, item.value, item.subject_id, now)
        out.append(TokenOut(entity=made.entity, token=made.token, created=made.created))
    return TokenizeResponse(tokens=out)


def _entity(state: AppState, name: str, position: int) -> EntityType:
    field = f"values.{position}.entity"
    try:
        entity = state.engine.catalogue.get(name)
    except UnknownEntityError:
        raise Unprocessable(
            "unknown entity", [{"field": field, "problem": "unknown entity"}]
        ) from None
    reason = refuse_reason(entity)
    if reason:
        raise Unprocessable(reason, [{"field": field, "problem": reason}])
    return entity


def _tokenize_text(
    state: AppState, session: Session, body: TokenizeRequest, now: datetime
) -> TokenizeResponse:
    assert body.text is not None
    wanted = None
    if body.entities is not None:
        try:
            wanted = frozenset(e.name for e in state.engine.catalogue.resolve(body.entities))
        except UnknownEntityError:
            raise Unprocessable(
                "unknown entity", [{"field": "entities", "problem": "unknown entity"}]
            ) from None
    result = tokenize_text(
        vault_of(state),
        session,
        state.engine,
        body.text,
        entities=wanted,
        subject_id=body.subject_id,
        now=now,
    )
    tokens = [
        TokenOut(
            entity=p.entity,
            token=p.token,
            start=p.span.start,
            end=p.span.end,
            source_start=p.source.start,
            source_end=p.source.end,
        )
        for p in result.placements
        if p.token is not None
    ]
    redacted = [
        RedactedOut(
            entity=p.entity,
            start=p.span.start,
            end=p.span.end,
            source_start=p.source.start,
            source_end=p.source.end,
        )
        for p in result.placements
        if p.token is None
    ]
    return TokenizeResponse(tokens=tokens, text=result.text, redacted=redacted)


@router.post("/v1/detokenize", response_model=DetokenizeResponse)
def detokenize(
    body: DetokenizeRequest,
    request: Request,
    response: Response,
    who: Principal = Depends(detokenizers),
) -> DetokenizeResponse:
    """Values back for tokens: audited (who, when, which, why); never cached on the way."""
    response.headers["Cache-Control"] = "no-store"
    state = state_of(request)
    vault = vault_of(state)
    reason = state.engine.redact(body.reason).text  # a reason may quote a value: scrub it
    now = datetime.now(UTC)
    with state.sessions() as session:
        try:
            found = vault.detokenize(
                session, body.tokens, actor=who.name, role=who.role, reason=reason, now=now
            )
        except UnknownTokensError as exc:
            session.rollback()
            vault.record_refused(
                session,
                exc,
                actor=who.name,
                role=who.role,
                count=len(body.tokens),
                reason=reason,
                now=now,
            )
            session.commit()
            raise HTTPException(404, str(exc)) from None
        except VaultIntegrityError as exc:
            log.error("event=vault_entry_unreadable actor=%s problem=%s", who.name, exc)
            raise HTTPException(500, "a vault entry cannot be opened; see the server log") from None
        session.commit()
    values = [DetokenizedOut(token=d.token, entity=d.entity, value=d.value) for d in found]
    return DetokenizeResponse(values=values)


@router.delete("/v1/subjects/{subject_id}/tokens", response_model=ErasedOut)
def erase_subject(
    request: Request,
    subject_id: Annotated[str, Path(min_length=1, max_length=200, pattern=SUBJECT_PATTERN)],
    who: Principal = roles("dpo"),
) -> ErasedOut:
    state = state_of(request)
    with state.sessions() as session:
        erased = vault_of(state).erase_subject(
            session, subject_id, actor=who.name, now=datetime.now(UTC)
        )
        session.commit()
    return ErasedOut(erased=erased)
