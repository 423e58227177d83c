"""Prepared statements of the per-request recording path (EDGE: database).

Every audited scan writes an event, counts an incident and maybe enqueues alerts. Built with
SQLAlchemy Core once, with bind parameters, these statements are compiled once per process and
executed with a dict of values; building them (or ORM objects and flushes) per request cost
milliseconds. They are plain SQL that runs the same on SQLite and PostgreSQL (apart from
`ADVISORY_LOCK`, which only PostgreSQL needs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Integer,
    String,
    Table,
    bindparam,
    case,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Dialect

from callshield.store.models import (
    AlertDestination,
    CumulativeCount,
    Event,
    Incident,
    OutboxMessage,
    Policy,
    PolicyVersion,
    Suppression,
)

Processor = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    order: tuple[str, ...] | None  # positional drivers (SQLite): parameter names in order
    defaults: dict[str, Any]  # values the statement carries itself (literals)
    binds: dict[str, Processor]  # the dialect's conversion per parameter, where it has one
    results: tuple[Processor | None, ...]  # the same for the returned columns
    returns: bool


class Prepared:
    """A Core statement compiled once per dialect and run on the DBAPI cursor of the session's
    connection, in the session's transaction. SQLAlchemy's execution machinery costs 60-250 µs
    a statement, the driver 15-30; values are still converted by the dialect's own bind and
    result processors, so the rows are the ones an ORM write would have made."""

    def __init__(self, statement: Any, columns: Iterable[str] = ()) -> None:
        self._statement = statement
        self._columns = list(columns) or None  # INSERT: the columns given, in this order
        self._by_dialect: dict[str, _Compiled] = {}

    def run(
        self, connection: Connection, values: Mapping[str, Any]
    ) -> tuple[list[tuple[Any, ...]], int]:
        """Execute with `values` (bind names or, for an INSERT, column names) on `connection`
        (a session's: `session.connection()`): the rows returned and the driver's row count."""
        done = self._by_dialect.get(connection.dialect.name) or self._compile(connection.dialect)
        params = {**done.defaults, **values}
        for name, process in done.binds.items():
            params[name] = process(params[name])
        bound = params if done.order is None else [params[n] for n in done.order]
        cursor = connection.connection.cursor()
        try:
            cursor.execute(done.sql, bound)
            rows: list[tuple[Any, ...]] = list(cursor.fetchall()) if done.returns else []
            count = int(cursor.rowcount)
        finally:
            cursor.close()
        if any(done.results):
            rows = [_converted(done.results, row) for row in rows]
        return rows, count

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self._statement.compile(dialect=dialect, column_keys=self._columns)
        defaults, binds = {}, {}
        for bind, name in compiled.bind_names.items():
            if not bind.required:
                defaults[name] = bind.value
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                binds[name] = process
        columns = list(self._statement.exported_columns)  # what it returns, if anything
        results = tuple(_result_processor(c.type, dialect) for c in columns)
        order = tuple(compiled.positiontup) if compiled.positional else None
        done = _Compiled(compiled.string, order, defaults, binds, results, bool(columns))
        self._by_dialect[dialect.name] = done
        return done


def _result_processor(type_: Any, dialect: Dialect) -> Processor | None:
    process: Processor | None = type_.dialect_impl(dialect).result_processor(dialect, None)
    return process


def _converted(processors: tuple[Processor | None, ...], row: Any) -> tuple[Any, ...]:
    return tuple(p(v) if p else v for p, v in zip(processors, row, strict=True))


#: Severities by rank (`alerts.outbox.SEVERITIES`; that module imports this one).
SEVERITY_RANKS = {"low": 0, "medium": 1, "high": 2, "critical": 3}
#: Incident statuses an event can still join (see `store.incidents`).
JOINABLE = ("open", "triaged")


def _rank(severity: Any) -> Any:
    """A severity's rank in SQL, as `alerts.outbox.severity_rank` (unknown names rank lowest)."""
    return case(SEVERITY_RANKS, value=severity, else_=0)


def _joinable(status: Any) -> Any:
    # `status IN (...)` would be an "expanding" parameter, rendered per execution; `Prepared`
    # runs statements compiled once, so the choices are spelled out.
    return or_(*(status == literal(s, String()) for s in JOINABLE))


def table_of(model: type[Any]) -> Table:
    return cast(Table, model.__table__)


_EVENTS, _INCIDENTS = table_of(Event), table_of(Incident)
_DESTINATIONS, _OUTBOX = table_of(AlertDestination), table_of(OutboxMessage)
_MOMENT = DateTime(timezone=True)

#: Every column of an event but its id, the values INSERT_EVENT takes. Returns the new id.
EVENT_COLUMNS = ("occurred_at", "actor", "actor_role", "channel", "direction", "document_id",
                 "policy_id", "policy_version", "rule_id", "action", "severity", "simulated",
                 "justification", "evidence", "incident_id")  # fmt: skip
INSERT_EVENT = Prepared(insert(_EVENTS).returning(_EVENTS.c.id), EVENT_COLUMNS)

#: The columns of a new incident, the values INSERT_INCIDENT takes. Returns the new id.
INCIDENT_COLUMNS = ("group_key", "status", "severity", "rule_id", "actor", "event_count",
                    "first_seen", "last_seen", "evidence", "created_at", "updated_at")  # fmt: skip
INSERT_INCIDENT = Prepared(insert(_INCIDENTS).returning(_INCIDENTS.c.id), INCIDENT_COLUMNS)

#: PostgreSQL only: a transaction-scoped advisory lock (`transaction_lock`). Binds: b_lock.
ADVISORY_LOCK = Prepared(
    select(func.pg_advisory_xact_lock(bindparam("b_lock", type_=BigInteger())))
)


def transaction_lock(connection: Connection, name: str) -> None:
    """Until `connection`'s transaction ends, hold off every other transaction that asks for
    the same `name`. PostgreSQL: an advisory lock on a hash of the name. Elsewhere nothing: on
    SQLite the caller already holds the database's one write lock."""
    if connection.dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big", signed=True)
    ADVISORY_LOCK.run(connection, {"b_lock": key})


#: One per-actor count. Values: actor, entity, occurred_at, count.
INSERT_COUNT = Prepared(
    insert(table_of(CumulativeCount)), ("actor", "entity", "occurred_at", "count")
)


def _join_open_incident() -> Any:
    """Count one more event on the newest joinable incident of a group, raising its severity,
    and return what merging the evidence needs. Binds: b_key, b_since, b_now, b_severity and
    b_rank (the event's severity and its rank: the incident takes it only if it ranks higher)."""
    candidate = _INCIDENTS.alias("candidate")  # an alias: the subquery must not be correlated
    newest = (
        select(candidate.c.id)
        .where(
            candidate.c.group_key == bindparam("b_key", type_=String()),
            _joinable(candidate.c.status),
            candidate.c.first_seen >= bindparam("b_since", type_=_MOMENT),
        )
        .order_by(candidate.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    severity = _INCIDENTS.c.severity
    return (
        update(_INCIDENTS)
        # The conditions again on the row itself: PostgreSQL re-checks them after waiting for
        # a concurrent writer's lock, so a just-resolved incident is not joined.
        .where(
            _INCIDENTS.c.id == newest,
            _joinable(_INCIDENTS.c.status),
            _INCIDENTS.c.first_seen >= bindparam("b_since", type_=_MOMENT),
        )
        .values(
            event_count=_INCIDENTS.c.event_count + 1,
            last_seen=bindparam("b_now", type_=_MOMENT),
            updated_at=bindparam("b_now", type_=_MOMENT),
            severity=case(
                (_rank(severity) >= bindparam("b_rank", type_=Integer()), severity),
                else_=bindparam("b_severity", type_=String()),
            ),
        )
        .returning(
            _INCIDENTS.c.id, _INCIDENTS.c.status, _INCIDENTS.c.event_count, _INCIDENTS.c.evidence
        )
    )


JOIN_OPEN_INCIDENT = Prepared(_join_open_incident())

#: Binds: b_id, b_evidence.
SET_INCIDENT_EVIDENCE = Prepared(
    update(_INCIDENTS)
    .where(_INCIDENTS.c.id == bindparam("b_id", type_=Integer()))
    .values(evidence=bindparam("b_evidence", type_=JSON()))
)

# The small tables every API process caches and re-reads every second (`store.cache`): a
# re-read through SQLAlchemy's execution took 0.05-0.5 ms (the active policies 0.46 ms, the
# suppressions through an ORM session 0.32 ms), and the request that happened to find a cache
# expired paid for all of it (measured: p50 4.7 ms against 3.4 for the others, 1.3% of
# requests, the tail). As prepared statements: 15 us and 9 us.

#: (id, min_severity) of every enabled destination.
ENABLED_DESTINATIONS = Prepared(
    select(_DESTINATIONS.c.id, _DESTINATIONS.c.min_severity).where(
        _DESTINATIONS.c.enabled.is_(True)
    )
)
_POLICIES, _VERSIONS = table_of(Policy), table_of(PolicyVersion)
#: (id, name, current version, YAML document) of every active policy, in id order.
ACTIVE_POLICIES = Prepared(
    select(_POLICIES.c.id, _POLICIES.c.name, _POLICIES.c.current_version, _VERSIONS.c.document)
    .join(_VERSIONS, (_VERSIONS.c.policy_id == _POLICIES.c.id)
          & (_VERSIONS.c.version == _POLICIES.c.current_version))
    .where(_POLICIES.c.active.is_(True))
    .order_by(_POLICIES.c.id)
)  # fmt: skip
_SUPPRESSIONS = table_of(Suppression)
#: (fingerprint, context) of every suppression.
SUPPRESSIONS = Prepared(select(_SUPPRESSIONS.c.fingerprint, _SUPPRESSIONS.c.context))


def _enqueue_checked() -> Any:
    """One outbox row, inserted only while its destination exists, is enabled and takes the
    alert's severity. Binds: b_destination, b_key, b_payload, b_now, b_rank (the alert's
    severity rank)."""
    source = select(
        _DESTINATIONS.c.id,
        bindparam("b_key", type_=String()),
        bindparam("b_payload", type_=JSON()),
        literal("pending", String()),
        literal(0, Integer()),
        bindparam("b_now", type_=_MOMENT),
        bindparam("b_now", type_=_MOMENT),
    ).where(
        _DESTINATIONS.c.id == bindparam("b_destination", type_=Integer()),
        _DESTINATIONS.c.enabled.is_(True),
        _rank(_DESTINATIONS.c.min_severity) <= bindparam("b_rank", type_=Integer()),
    )
    columns = ["destination_id", "idempotency_key", "payload", "status", "attempts"]
    return insert(_OUTBOX).from_select([*columns, "next_attempt_at", "created_at"], source)


ENQUEUE_CHECKED = Prepared(_enqueue_checked())
