"""DLP policies: versioned YAML with history, validation with line and field, a dry-run
`test` route, and the hook that evaluates active policies after every scan."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Connection, select
from sqlalchemy import Engine as SqlEngine
from sqlalchemy.exc import IntegrityError

from callshield.alerts.evidence import build_evidence
from callshield.alerts.outbox import DestinationCache
from callshield.api import content as payload
from callshield.api.auth import roles, state_of
from callshield.api.params import DbId
from callshield.api.problems import Unprocessable
from callshield.api.routes.scanning import ScanContext
from callshield.api.state import AppState
from callshield.core.document import Channel
from callshield.core.policy import Decision, Direction, Event, Role, evaluate
from callshield.policy_yaml import PolicyValidationError
from callshield.store import policies as store
from callshield.store.accounts import Principal
from callshield.store.cache import Expiring
from callshield.store.db import Checkpointer, WriteLock
from callshield.store.incidents import record_decision
from callshield.store.models import Policy, PolicyVersion
from callshield.store.statements import SUPPRESSIONS

router = APIRouter(tags=["policies"])
EDITORS = ("analyst",)
READERS = ("analyst", "supervisor", "dpo")
_STRICTNESS = ("allow", "notify", "audit", "redact", "block_with_override", "quarantine", "block")


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200, pattern=r"^[\w .-]+$")
    document: str = Field(min_length=1, max_length=200_000, description="The policy YAML.")


class PolicyUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str = Field(min_length=1, max_length=200_000)


class PolicyOut(BaseModel):
    id: int
    name: str
    version: int
    active: bool
    document: str | None = None


class VersionOut(BaseModel):
    version: int
    created_by: str
    created_at: datetime
    document: str


class PolicyTest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(max_length=1_000_000)
    context: ScanContext = Field(default_factory=ScanContext)


def _invalid(exc: PolicyValidationError) -> Unprocessable:
    detail = f"policy is not valid ({len(exc.issues)} problem(s))"
    return Unprocessable(detail, [i.to_dict() for i in exc.issues])


@router.post("/v1/policies", status_code=201, response_model=PolicyOut)
def create(body: PolicyIn, request: Request, who: Principal = roles(*EDITORS)) -> PolicyOut:
    state = state_of(request)
    with state.sessions() as session:
        if session.scalar(select(Policy).where(Policy.name == body.name)) is not None:
            raise HTTPException(409, "a policy with this name exists")
        try:
            row = store.create_policy(session, body.name, body.document, who.name,
                                      state.engine.catalogue)  # fmt: skip
            session.commit()
            state.extras["policies"].invalidate()
        except PolicyValidationError as exc:
            raise _invalid(exc) from None
        except IntegrityError:
            raise HTTPException(409, "a policy with this name exists") from None
        return PolicyOut(id=row.id, name=row.name, version=row.current_version, active=row.active)


@router.get("/v1/policies", response_model=list[PolicyOut])
def list_policies(request: Request, who: Principal = roles(*READERS)) -> list[PolicyOut]:
    with state_of(request).sessions() as session:
        rows = session.scalars(select(Policy).order_by(Policy.id)).all()
        return [PolicyOut(id=r.id, name=r.name, version=r.current_version, active=r.active)
                for r in rows]  # fmt: skip


@router.get("/v1/policies/{policy_id}", response_model=PolicyOut)
def get(policy_id: DbId, request: Request, who: Principal = roles(*READERS)) -> PolicyOut:
    with state_of(request).sessions() as session:
        row = _found(session, policy_id)
        document = store.version_of(session, row.id, row.current_version).document
        return PolicyOut(id=row.id, name=row.name, version=row.current_version,
                         active=row.active, document=document)  # fmt: skip


@router.put("/v1/policies/{policy_id}", response_model=PolicyOut)
def update(policy_id: DbId, body: PolicyUpdate, request: Request,
           who: Principal = roles(*EDITORS)) -> PolicyOut:  # fmt: skip
    state = state_of(request)
    with state.sessions() as session:
        _found(session, policy_id)
        try:
            row = store.update_policy(session, policy_id, body.document, who.name,
                                      state.engine.catalogue)  # fmt: skip
            session.commit()
            state.extras["policies"].invalidate()
        except PolicyValidationError as exc:
            raise _invalid(exc) from None
        return PolicyOut(id=row.id, name=row.name, version=row.current_version, active=row.active)


@router.get("/v1/policies/{policy_id}/versions", response_model=list[VersionOut])
def versions(policy_id: DbId, request: Request,
             who: Principal = roles(*READERS)) -> list[VersionOut]:  # fmt: skip
    with state_of(request).sessions() as session:
        _found(session, policy_id)
        rows = session.scalars(select(PolicyVersion).where(PolicyVersion.policy_id == policy_id)
                               .order_by(PolicyVersion.version)).all()  # fmt: skip
        return [VersionOut(version=v.version, created_by=v.created_by, created_at=v.created_at,
                           document=v.document) for v in rows]  # fmt: skip


@router.post("/v1/policies/{policy_id}/test")
def dry_run(policy_id: DbId, body: PolicyTest, request: Request,
            who: Principal = roles(*EDITORS)) -> dict[str, Any]:  # fmt: skip
    """What the policy would decide for a sample, without recording or enforcing anything."""
    state = state_of(request)
    parsed = payload.from_text(body.text, Channel(body.context.channel), "policy-test")
    outcome = payload.run_scan(state.engine, parsed, None)
    with state.sessions() as session:
        _found(session, policy_id)
        active = state.extras["policies"].parsed(session, policy_id)
        decision = evaluate(active.policy, _event(who, body.context, "policy-test"),
                            outcome.findings, now=datetime.now(UTC),
                            history=store.DbHistory(session))  # fmt: skip
    return {"policy": active.name, "version": active.version, "decision": decision_out(decision),
            "counts": payload.summary(outcome.findings)}  # fmt: skip


def _found(session: Any, policy_id: int) -> Policy:
    row = session.get(Policy, policy_id)
    if row is None:
        raise HTTPException(404, "no such policy")
    return row  # type: ignore[no-any-return]


def _event(who: Principal, context: ScanContext, document_id: str) -> Event:
    role = Role(who.role) if who.role in {r.value for r in Role} else None
    direction = Direction(context.direction) if context.direction else Direction.INTERNAL
    return Event(channel=Channel(context.channel), direction=direction, actor_id=who.name,
                 actor_role=role, destinations=tuple(context.destinations),
                 attachment_types=tuple(context.attachment_types),
                 document_id=document_id)  # fmt: skip


def decision_out(decision: Decision) -> dict[str, Any]:
    return {
        "action": decision.action.value,
        "rule": decision.rule_id,
        "severity": decision.severity.value,
        "reasons": list(decision.reasons),
        "notify": [r.value for r in decision.notify],
        "requires_justification": decision.requires_justification,
        "simulated": [
            {"rule": s.rule_id, "action": s.action.value, "reasons": list(s.reasons)}
            for s in decision.simulated
        ],
    }


def after_scan(state: AppState, who: Principal, context: ScanContext,
               outcome: payload.Outcome) -> dict[str, Any] | None:  # fmt: skip
    """Evaluate every active policy on a scan; record events, incidents and alerts; return the
    strictest decision. Suppressed fingerprints (false positives) are not in `outcome`: the
    scan left them out (`content.run_scan`).

    Only the writes and their commit run under the app's write lock (`store.db.WriteLock`): on
    SQLite, waiting writers then wake as soon as the holder commits instead of polling; WAL
    checkpoints run in the background (`store.db.Checkpointer`), not in the commit. Decisions
    and evidence are worked out before the lock is taken, so another worker waits for a few
    statements, not for this one's CPU work. A decision that needs the actor's history
    (cumulative rules) is made under the lock, where the history is current (on PostgreSQL,
    where the lock is a no-op, an advisory lock on the actor does the same).
    Everything recorded is stamped with the time the lock was taken: a time taken before would
    lie before that of an event that took the lock first, and history reads up to "now"."""
    now = datetime.now(UTC)
    document = outcome.parsed.document
    with state.db.connect() as connection:  # not an ORM session: see `store.db.connection_of`
        connection.begin()  # explicitly: the writes go to the driver's cursor, past SQLAlchemy
        active = state.extras["policies"].active(connection)
        if not active:
            return None
        findings = list(outcome.findings)  # suppressed fingerprints are already left out
        event = _event(who, context, document.id)
        texts = {s.id: s.text for s in document.segments}
        common = {"actor": who.name, "actor_role": who.role,
                  "channel": context.channel, "direction": context.direction,
                  "document_id": event.document_id, "justification": None,
                  "findings": findings, "texts": texts,
                  "evidence": build_evidence(findings, texts),
                  "destinations": state.extras["alert_destinations"]}  # fmt: skip
        planned = [(p, _decide_without_history(p, event, findings, now)) for p in active]
        state.extras["checkpointer"].adopt(connection)
        decided = []
        with state.extras["write_lock"]:
            if any(decision is None for _, decision in planned):
                # a decision needs the actor's history: lock it before the time is taken (on
                # PostgreSQL this is the lock; a time taken before it would miss an event
                # that took it first, and the threshold would be crossed one event late)
                store.serialise_actor(connection, who.name)
            now = common["now"] = datetime.now(UTC)  # after every commit this lock waited for
            for policy, decision in planned:
                if decision is None:  # it needs the actor's history: read it now, locked
                    decision = evaluate(policy.policy, event, findings, now=now,
                                        history=store.DbHistory(connection))  # fmt: skip
                _record(connection, policy, decision, common)
                decided.append((policy, decision))
            connection.commit()
        state.extras["checkpointer"].committed()
    policy, decision = max(decided, key=lambda d: _STRICTNESS.index(d[1].action.value))
    out = decision_out(decision)
    out["policy"] = policy.name
    out["suppressed"] = outcome.suppressed
    return out


class _HistoryNeededError(Exception):
    """Raised by `_NoHistoryYet`: this decision waits for the write lock."""


class _NoHistoryYet:
    """A `History` that is not read before the write lock is held: asking it anything defers
    the decision until then (the core's evaluation is pure, so stopping it costs nothing)."""

    def count(self, actor_id: str, entities: frozenset[str], *, after: datetime,
              until: datetime) -> int:  # fmt: skip
        raise _HistoryNeededError


def _decide_without_history(policy: store.ActivePolicy, event: Event, findings: list[Any],
                            now: datetime) -> Decision | None:  # fmt: skip
    """One policy's decision, or None when it needs the actor's history (cumulative rules)."""
    try:
        return evaluate(policy.policy, event, findings, now=now, history=_NoHistoryYet())
    except _HistoryNeededError:
        return None


def _record(connection: Connection, policy: store.ActivePolicy, decision: Decision,
            common: dict[str, Any]) -> None:  # fmt: skip
    """A decision's counts, its event and its simulated rules' events (under the write lock),
    all stamped with the time the lock was taken."""
    store.record_counts(connection, decision.counts, at=common["now"])
    common = {**common, "policy_id": policy.id, "policy_version": policy.version}
    record_decision(connection, rule_id=decision.rule_id, action=decision.action.value,
                    severity=decision.severity.value, simulated=False, **common)  # fmt: skip
    for would in decision.simulated:
        record_decision(connection, rule_id=would.rule_id, action=would.action.value,
                        severity=would.severity.value, simulated=True, **common)  # fmt: skip


def _policies_needed(state: AppState) -> bool:
    return not state.extras["policies"].known_empty()


after_scan.needed = _policies_needed  # type: ignore[attr-defined]


class SuppressionCache:
    """Suppressed fingerprints per context, re-read at most every `ttl_s` seconds (the table is
    small: one row per false positive an analyst marked), so a scan costs no query for them."""

    def __init__(self, ttl_s: float = 1.0) -> None:
        self._table: Expiring[dict[str, set[str]]] = Expiring(ttl_s)

    def hidden(self, db: SqlEngine, fingerprints: set[str], channel: str) -> set[str]:
        """The fingerprints among `fingerprints` suppressed for `channel` or for every channel;
        a connection to `db` is opened only when the table is re-read."""
        table = self._table.get(lambda: _suppressions(db))
        return fingerprints & (table.get(channel, set()) | table.get("*", set()))

    def invalidate(self) -> None:
        self._table.invalidate()


def _suppressions(db: SqlEngine) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    with db.connect() as connection:
        rows, _count = SUPPRESSIONS.run(connection, {})
    for fingerprint, where in rows:
        table.setdefault(where, set()).add(fingerprint)
    return table


def setup(state: AppState) -> None:
    state.extras["policies"] = store.PolicyCache(state.engine.catalogue)
    suppressions = state.extras["suppressions"] = SuppressionCache()
    state.extras["hidden_fingerprints"] = partial(suppressions.hidden, state.db)
    state.extras.setdefault("alert_destinations", DestinationCache())
    lock = state.extras.setdefault("write_lock", WriteLock.for_engine(state.db))
    state.extras.setdefault("checkpointer", Checkpointer(state.db, lock))
    state.extras.setdefault("after_scan", []).append(after_scan)
