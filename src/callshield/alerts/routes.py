"""Admin routes for alert destinations and the outbox (included by the incidents router), and
the app's delivery worker. Destination secrets are write-only: responses say whether one is
set, never what it is, and the database holds them sealed with the vault key (`secrets`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from callshield.alerts import outbox
from callshield.alerts.secrets import MAX_SECRET_CHARS, seal_secret
from callshield.alerts.worker import Deliverer, DeliveryConfig, DeliveryThread
from callshield.api.auth import roles, state_of
from callshield.store.accounts import Principal
from callshield.store.db import WriteLock
from callshield.store.models import AlertDestination, AuditRecord, OutboxMessage
from callshield.vault.keys import Keyring

log = logging.getLogger("callshield.alerts")
router = APIRouter(tags=["alerts"])
SeverityName = Literal["low", "medium", "high", "critical"]
#: Ids fit a 32-bit integer column everywhere; larger ones are a 422, not a database error.
MAX_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
#: PostgreSQL refuses NUL in text: refuse it at the door (422) rather than as a 500.
NO_NUL = r"^[^\x00]*$"


def start_worker(state: Any) -> DeliveryThread | None:
    """Start the delivery thread for the app, unless `alerts_worker` is off (in the settings
    or in `state.extras`, as tests that drive delivery themselves do)."""
    enabled = state.extras.get("alerts_worker", getattr(state.settings, "alerts_worker", True))
    if not enabled:
        return None
    lock = state.extras.setdefault("write_lock", WriteLock.for_engine(state.db))
    worker = DeliveryThread(Deliverer(state.sessions, DeliveryConfig(), _keyring(state), lock))
    worker.start()
    state.extras["alerts_thread"] = worker
    return worker


def _keyring(state: Any) -> Keyring:
    """The vault's keyring, which seals and opens the destinations' secrets."""
    keyring: Keyring = state.extras["vault"].keyring
    return keyring


class DestinationFields(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["webhook", "syslog"]
    address: str = Field(min_length=3, max_length=500, pattern=NO_NUL)
    protocol: Literal["", "tcp", "udp"] = ""
    secret: str | None = Field(None, min_length=16, max_length=MAX_SECRET_CHARS, pattern=NO_NUL)
    max_attempts: int = Field(8, ge=1, le=100)
    min_severity: SeverityName = "low"
    enabled: bool = True

    @model_validator(mode="after")
    def _address_fits_kind(self) -> DestinationFields:
        check_address(self.kind, self.address, self.protocol)
        if self.kind == "webhook" and not self.secret:
            raise ValueError("a webhook needs a secret (16+ characters) to sign its alerts")
        return self


class DestinationCreate(DestinationFields):
    name: str = Field(min_length=1, max_length=200, pattern=NO_NUL)


class DestinationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    address: str | None = Field(None, min_length=3, max_length=500, pattern=NO_NUL)
    protocol: Literal["", "tcp", "udp"] | None = None
    secret: str | None = Field(None, min_length=16, max_length=MAX_SECRET_CHARS, pattern=NO_NUL)
    max_attempts: int | None = Field(None, ge=1, le=100)
    min_severity: SeverityName | None = None
    enabled: bool | None = None


class DestinationPublic(BaseModel):
    id: int
    name: str
    kind: str
    address: str
    protocol: str
    has_secret: bool
    max_attempts: int
    min_severity: str
    enabled: bool


class OutboxStatus(BaseModel):
    counts: dict[str, int]


class DeadLetter(BaseModel):
    id: int
    destination_id: int
    idempotency_key: str
    attempts: int
    last_error: str | None
    created_at: datetime


class Requeue(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(None, max_length=10_000)


class Requeued(BaseModel):
    requeued: int


def check_address(kind: str, address: str, protocol: str) -> None:
    """A webhook needs an http(s) URL; syslog needs host:port and no URL."""
    if kind == "webhook":
        parts = urlsplit(address)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("a webhook address must be an http:// or https:// URL")
        if protocol:
            raise ValueError("protocol applies to syslog destinations only")
        return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536 or "/" in address:
        raise ValueError("a syslog address must be host:port")


@router.get("/v1/alert-destinations", response_model=list[DestinationPublic])
def list_destinations(request: Request, who: Principal = roles()) -> list[DestinationPublic]:
    with state_of(request).sessions() as session:
        rows = session.scalars(select(AlertDestination).order_by(AlertDestination.id)).all()
        return [_public(d) for d in rows]


@router.post("/v1/alert-destinations", status_code=201, response_model=DestinationPublic)
def add_destination(
    body: DestinationCreate, request: Request, who: Principal = roles()
) -> DestinationPublic:
    state = state_of(request)
    with state.sessions() as session:
        row = AlertDestination(**body.model_dump())
        if body.secret:  # stored sealed: a copy of the database cannot forge our alerts
            row.secret = seal_secret(_keyring(state).current, body.secret)
        session.add(row)
        _audit(session, who, "alert_destination.create", body.name)
        try:
            session.commit()
        except IntegrityError:
            raise HTTPException(409, "an alert destination with this name exists") from None
        _destinations_changed(request)
        return _public(row)


@router.get("/v1/alert-destinations/{destination_id}", response_model=DestinationPublic)
def get_destination(
    destination_id: RowId, request: Request, who: Principal = roles()
) -> DestinationPublic:
    with state_of(request).sessions() as session:
        return _public(_find(session, destination_id))


@router.patch("/v1/alert-destinations/{destination_id}", response_model=DestinationPublic)
def update_destination(
    destination_id: RowId, body: DestinationUpdate, request: Request, who: Principal = roles()
) -> DestinationPublic:
    state = state_of(request)
    with state.sessions() as session:
        row = _find(session, destination_id)
        for name, value in body.model_dump(exclude_unset=True).items():
            if value is None and name != "secret":
                continue
            if name == "secret" and value:
                value = seal_secret(_keyring(state).current, value)
            setattr(row, name, value)
        try:
            check_address(row.kind, row.address, row.protocol)
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        if row.kind == "webhook" and not row.secret:
            raise HTTPException(422, "a webhook needs a secret to sign its alerts")
        _audit(session, who, "alert_destination.update", row.name)
        session.commit()
        _destinations_changed(request)
        return _public(row)


@router.delete("/v1/alert-destinations/{destination_id}", status_code=204)
def delete_destination(
    destination_id: RowId, request: Request, who: Principal = roles()
) -> Response:
    """Deleting a destination drops its undelivered outbox rows with it."""
    with state_of(request).sessions() as session:
        row = _find(session, destination_id)
        _audit(session, who, "alert_destination.delete", row.name)
        session.delete(row)
        session.commit()
    _destinations_changed(request)
    return Response(status_code=204)


@router.get("/v1/outbox", response_model=OutboxStatus)
def outbox_status(request: Request, who: Principal = roles()) -> OutboxStatus:
    with state_of(request).sessions() as session:
        return OutboxStatus(counts=outbox.counts(session))


@router.get("/v1/outbox/dead", response_model=list[DeadLetter])
def dead_letters(
    request: Request,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
    who: Principal = roles(),
) -> list[DeadLetter]:
    with state_of(request).sessions() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == outbox.DEAD)
            .order_by(OutboxMessage.id)
            .limit(limit)
            .offset(offset)
        ).all()
        return [
            DeadLetter(
                id=m.id,
                destination_id=m.destination_id,
                idempotency_key=m.idempotency_key,
                attempts=m.attempts,
                last_error=m.last_error,
                created_at=outbox.utc(m.created_at),
            )
            for m in rows
        ]


@router.post("/v1/outbox/requeue", response_model=Requeued)
def requeue(body: Requeue, request: Request, who: Principal = roles()) -> Requeued:
    with state_of(request).sessions() as session:
        moved = outbox.requeue(session, datetime.now(UTC), body.ids)
        _audit(session, who, "outbox.requeue", "", count=moved)
        session.commit()
    return Requeued(requeued=moved)


def _find(session: Any, destination_id: int) -> AlertDestination:
    row: AlertDestination | None = session.get(AlertDestination, destination_id)
    if row is None:
        raise HTTPException(404, "no such alert destination")
    return row


def _public(d: AlertDestination) -> DestinationPublic:
    return DestinationPublic(
        id=d.id,
        name=d.name,
        kind=d.kind,
        address=d.address,
        protocol=d.protocol,
        has_secret=bool(d.secret),
        max_attempts=d.max_attempts,
        min_severity=d.min_severity,
        enabled=d.enabled,
    )


def _destinations_changed(request: Request) -> None:
    """The next event recorded by this process sees the change (events read the destinations
    from a short-lived cache, `outbox.DestinationCache`)."""
    cache = state_of(request).extras.get("alert_destinations")
    if cache is not None:
        cache.invalidate()


def _audit(session: Any, who: Principal, action: str, target: str, **details: Any) -> None:
    session.add(AuditRecord(actor=who.name, action=action, target=target, details=details))
