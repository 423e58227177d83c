"""Incidents, their events, comments and false positives; alert destinations and the outbox
(admin, in `callshield.alerts.routes`). The app's lifespan starts the alert delivery worker
and stops it on shutdown.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from callshield.alerts import routes as alert_routes
from callshield.alerts.routes import MAX_ID, NO_NUL, RowId
from callshield.api.auth import roles, state_of
from callshield.store import incidents as repo
from callshield.store.accounts import Principal
from callshield.store.models import Event, Incident, IncidentComment

log = logging.getLogger("callshield.api")
READERS = ("analyst", "supervisor", "dpo")
Status = Literal["open", "triaged", "resolved", "false_positive"]


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the outbox worker with the app (unless turned off) and stop it on shutdown."""
    state = app.state.callshield
    worker = alert_routes.start_worker(state)
    try:
        yield
    finally:
        if worker is not None:
            await run_in_threadpool(worker.stop)


router = APIRouter(tags=["incidents"], lifespan=_lifespan)


class IncidentPublic(BaseModel):
    id: int
    status: str
    severity: str
    rule_id: str | None
    actor: str
    event_count: int
    first_seen: datetime
    last_seen: datetime
    assignee: str | None
    evidence: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    resolved_at: datetime | None


class IncidentUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: Status | None = None
    assignee: str | None = Field(None, max_length=150, pattern=NO_NUL)


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: str = Field(min_length=1, max_length=10_000, pattern=NO_NUL)


class CommentPublic(BaseModel):
    id: int
    author: str
    body: str
    created_at: datetime


class FalsePositive(BaseModel):
    """Mark the incident a false positive; suppress its fingerprints (all, or those listed)
    in `context` (`*`: everywhere; or e.g. a channel name)."""

    model_config = ConfigDict(extra="forbid")
    fingerprints: list[Annotated[str, Field(max_length=64, pattern=NO_NUL)]] | None = Field(
        None, max_length=1000
    )
    context: str = Field("*", min_length=1, max_length=200, pattern=NO_NUL)
    reason: str = Field("", max_length=2000, pattern=NO_NUL)
    suppress: bool = True


class FalsePositiveResult(BaseModel):
    incident: IncidentPublic
    suppressed: list[str]
    context: str


@router.get("/v1/incidents", response_model=list[IncidentPublic])
def list_incidents(
    request: Request,
    status: Status | None = None,
    severity: Literal["low", "medium", "high", "critical"] | None = None,
    actor: str | None = Query(None, max_length=150, pattern=NO_NUL),
    assignee: str | None = Query(None, max_length=150, pattern=NO_NUL),
    rule_id: str | None = Query(None, max_length=100, pattern=NO_NUL),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
    who: Principal = roles(*READERS),
) -> list[IncidentPublic]:
    query = select(Incident).order_by(Incident.last_seen.desc(), Incident.id.desc())
    for column, value in (
        (Incident.status, status),
        (Incident.severity, severity),
        (Incident.actor, actor),
        (Incident.assignee, assignee),
        (Incident.rule_id, rule_id),
    ):
        if value is not None:
            query = query.where(column == value)
    with state_of(request).sessions() as session:
        rows = session.scalars(query.limit(limit).offset(offset)).all()
        return [_incident(i) for i in rows]


@router.get("/v1/incidents/{incident_id}", response_model=IncidentPublic)
def get_incident(
    incident_id: RowId, request: Request, who: Principal = roles(*READERS)
) -> IncidentPublic:
    with state_of(request).sessions() as session:
        return _incident(_find(session, incident_id))


@router.patch("/v1/incidents/{incident_id}", response_model=IncidentPublic)
def update_incident(
    incident_id: RowId, body: IncidentUpdate, request: Request, who: Principal = roles("analyst")
) -> IncidentPublic:
    now = datetime.now(UTC)
    with state_of(request).sessions() as session:
        incident = _find(session, incident_id, lock=True)
        try:
            if "assignee" in body.model_fields_set:
                repo.assign(session, incident, body.assignee, now)
            if body.status is not None:
                repo.transition(session, incident, body.status, now, by=who.name)
        except repo.TransitionError as exc:
            raise HTTPException(409, str(exc)) from None
        except repo.IncidentError as exc:
            raise HTTPException(422, str(exc)) from None
        session.commit()
        return _incident(incident)


@router.get("/v1/incidents/{incident_id}/comments", response_model=list[CommentPublic])
def list_comments(
    incident_id: RowId, request: Request, who: Principal = roles(*READERS)
) -> list[CommentPublic]:
    with state_of(request).sessions() as session:
        _find(session, incident_id)
        rows = session.scalars(
            select(IncidentComment)
            .where(IncidentComment.incident_id == incident_id)
            .order_by(IncidentComment.id)
        ).all()
        return [_comment(c) for c in rows]


@router.post("/v1/incidents/{incident_id}/comments", status_code=201, response_model=CommentPublic)
def add_comment(
    incident_id: RowId, body: CommentCreate, request: Request, who: Principal = roles("analyst")
) -> CommentPublic:
    with state_of(request).sessions() as session:
        incident = _find(session, incident_id, lock=True)
        comment = repo.add_comment(session, incident, who.name, body.body, datetime.now(UTC))
        session.commit()
        return _comment(comment)


@router.post("/v1/incidents/{incident_id}/false-positive", response_model=FalsePositiveResult)
def false_positive(
    incident_id: RowId, body: FalsePositive, request: Request, who: Principal = roles("analyst")
) -> FalsePositiveResult:
    now = datetime.now(UTC)
    with state_of(request).sessions() as session:
        incident = _find(session, incident_id, lock=True)
        known = set(incident.evidence.get("fingerprints") or [])
        chosen = sorted(known if body.fingerprints is None else set(body.fingerprints))
        if not set(chosen) <= known:
            raise HTTPException(422, "fingerprints must be among the incident's fingerprints")
        try:
            repo.transition(session, incident, repo.FALSE_POSITIVE, now, by=who.name)
        except repo.TransitionError as exc:
            raise HTTPException(409, str(exc)) from None
        made = chosen if body.suppress else []
        for fingerprint in made:
            repo.suppress(session, fingerprint, body.context, body.reason, who.name, now)
        session.commit()
        cache = state_of(request).extras.get("suppressions")
        if cache is not None:
            cache.invalidate()  # this process honours it at once; others within a second
        log.info(
            "event=incident_false_positive incident_id=%d suppressed=%d", incident.id, len(made)
        )
        return FalsePositiveResult(
            incident=_incident(incident), suppressed=made, context=body.context
        )


@router.get("/v1/events", response_model=list[repo.RecordedEvent])
def list_events(
    request: Request,
    incident_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    actor: str | None = Query(None, max_length=150, pattern=NO_NUL),
    simulated: bool | None = None,
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=1_000_000),
    who: Principal = roles(*READERS),
) -> list[repo.RecordedEvent]:
    query = select(Event).order_by(Event.occurred_at.desc(), Event.id.desc())
    for column, value in (
        (Event.incident_id, incident_id),
        (Event.actor, actor),
        (Event.simulated, simulated),
    ):
        if value is not None:
            query = query.where(column == value)
    with state_of(request).sessions() as session:
        rows = session.scalars(query.limit(limit).offset(offset)).all()
        return [repo.RecordedEvent.of(e) for e in rows]


def _find(session: Session, incident_id: int, *, lock: bool = False) -> Incident:
    query = select(Incident).where(Incident.id == incident_id)
    incident = session.scalar(query.with_for_update() if lock else query)
    if incident is None:
        raise HTTPException(404, "no such incident")
    return incident


def _incident(i: Incident) -> IncidentPublic:
    return IncidentPublic(
        id=i.id,
        status=i.status,
        severity=i.severity,
        rule_id=i.rule_id,
        actor=i.actor,
        event_count=i.event_count,
        first_seen=repo.utc(i.first_seen),
        last_seen=repo.utc(i.last_seen),
        assignee=i.assignee,
        evidence=i.evidence,
        created_at=repo.utc(i.created_at),
        updated_at=repo.utc(i.updated_at),
        resolved_at=repo.utc(i.resolved_at) if i.resolved_at else None,
    )


def _comment(c: IncidentComment) -> CommentPublic:
    return CommentPublic(id=c.id, author=c.author, body=c.body, created_at=repo.utc(c.created_at))


router.include_router(alert_routes.router)
