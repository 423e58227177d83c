"""The vocabulary of DLP policies: what an event is, what a rule may decide, what comes back.

Everything here is a frozen value. Time never comes from a clock: the caller passes `now`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from callshield.core.document import Channel


class PolicyError(ValueError):
    """A policy, rule or condition that cannot be used as given."""


class OverrideRefusedError(PolicyError):
    """An override without a justification or without a person: it is refused, never recorded."""


class Role(enum.Enum):
    """The platform's user roles; policies condition on them and notify them."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ANALYST = "analyst"
    DPO = "dpo"
    ADMIN = "admin"


class Direction(enum.Enum):
    """Which way content moves relative to the contact center."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"
    INTERNAL = "internal"


class Action(enum.Enum):
    """What a rule decides. `notify` alone means: let it through, but alert the named roles."""

    ALLOW = "allow"
    AUDIT = "audit"
    REDACT = "redact"
    BLOCK = "block"
    BLOCK_WITH_OVERRIDE = "block_with_override"
    QUARANTINE = "quarantine"
    NOTIFY = "notify"


class Severity(enum.Enum):
    """How urgent a decision is for the people who triage it."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


#: Severities from least to most urgent (enum order is declaration order, but say it outright).
SEVERITY_ORDER = (Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


class Mode(enum.Enum):
    """`simulate` records what a rule would decide without enforcing it."""

    ENFORCE = "enforce"
    SIMULATE = "simulate"


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happens to content: a chat message sent, an e-mail leaving, a file copied.

    `destinations` are recipient addresses or bare domains (only the domain is ever looked at);
    `attachment_types` are file names, extensions or MIME types. An empty `actor_id` means the
    actor is unknown: cumulative conditions then never match and nothing is counted.
    """

    channel: Channel
    direction: Direction
    actor_id: str = ""
    actor_role: Role | None = None
    actor_groups: frozenset[str] = frozenset()
    destinations: tuple[str, ...] = ()
    attachment_types: tuple[str, ...] = ()
    document_id: str = ""


@dataclass(frozen=True, slots=True)
class Override:
    """A person's justified decision to let a `block_with_override` event through."""

    justification: str
    by: str

    def __post_init__(self) -> None:
        if not self.justification.strip():
            raise OverrideRefusedError("override refused: the justification is empty")
        if not self.by.strip():
            raise OverrideRefusedError("override refused: it does not say who overrides")

    def __repr__(self) -> str:
        # The justification is free text a person typed: it may quote the very data at issue.
        return f"Override(by={self.by!r}, justification_chars={len(self.justification)})"


@dataclass(frozen=True, slots=True)
class CumulativeCount:
    """How many values of one entity an actor moved in one event: the caller persists these so
    that later evaluations can see slow drip exfiltration through `History`."""

    actor_id: str
    entity: str
    count: int
    at: datetime


@dataclass(frozen=True, slots=True)
class RuleDecision:
    """What one matching rule says about one event, with the reasons (never values)."""

    rule_id: str
    action: Action
    severity: Severity
    reasons: tuple[str, ...]
    notify: tuple[Role, ...] = ()
    entities: tuple[str, ...] = ()
    simulated: bool = False

    @property
    def summary(self) -> str:
        """One line for people: `rule card-to-external: 2 PAYMENT_CARD >= 1; ...`."""
        return f"rule {self.rule_id}: " + "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class Decision:
    """The effective outcome of evaluating a policy on one event.

    `rule_id` names the deciding rule; None when no enforcing rule matched and the policy
    default applies. `alerts` are the other matching `notify` rules, whose roles are in
    `notify` and whose severity counts towards `severity` (the highest wins). `simulated` holds
    every matching simulate-mode rule's would-be decision, in precedence order; they never
    change `action` except that an `allow` is raised to `audit` so the would-be decisions get
    recorded. `counts` are what the caller must persist for cumulative rules.
    """

    action: Action
    rule_id: str | None
    severity: Severity
    reasons: tuple[str, ...]
    notify: tuple[Role, ...] = ()
    entities: tuple[str, ...] = ()
    alerts: tuple[RuleDecision, ...] = ()
    simulated: tuple[RuleDecision, ...] = ()
    counts: tuple[CumulativeCount, ...] = ()
    requires_justification: bool = False
    overridden: bool = False
    override: Override | None = field(default=None)

    @property
    def enforced(self) -> bool:
        """True when the event must not go through as it is (block, quarantine, redact)."""
        return self.action in _ENFORCING_ACTIONS

    @property
    def needs_record(self) -> bool:
        """True when the decision must become an event for incidents and audit."""
        return self.action is not Action.ALLOW or self.overridden or bool(self.simulated)

    @property
    def summary(self) -> str:
        """One line for people, naming the rule (or the default) and the reasons."""
        head = f"rule {self.rule_id}" if self.rule_id else "default"
        parts = [f"{head}: " + "; ".join(self.reasons)]
        parts.extend(alert.summary for alert in self.alerts)
        return " | ".join(parts)


_ENFORCING_ACTIONS = frozenset(
    {Action.REDACT, Action.BLOCK, Action.BLOCK_WITH_OVERRIDE, Action.QUARANTINE}
)
