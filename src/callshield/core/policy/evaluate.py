"""Evaluate a policy on one event: pure, deterministic, no clock (the caller passes `now`).

Precedence: rules are walked in priority order (lower number first); the first enforcing rule
that matches decides the action. Rules whose action is `notify` are additive: they never stop
the walk or take the decision from another rule; every matching one adds its roles (and its
severity, if higher) to the decision and is listed in `Decision.alerts`, so a drip-exfiltration
alert does not stop a card in a chat from being redacted. Only when nothing else matched is the
effective action `notify` (let through, alert).

Simulate-mode rules (or every rule of a simulated policy) are all evaluated and reported in
`Decision.simulated`, whatever their priority, and never change the effective action, except
that an `allow` becomes `audit` so the would-be decisions are recorded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from callshield.core.finding import Finding
from callshield.core.policy.conditions import CUMULATIVE_MIN_SCORE, EventView
from callshield.core.policy.history import History
from callshield.core.policy.model import (
    SEVERITY_ORDER,
    Action,
    CumulativeCount,
    Decision,
    Event,
    Override,
    PolicyError,
    RuleDecision,
    Severity,
)
from callshield.core.policy.rules import Policy


def evaluate(
    policy: Policy,
    event: Event,
    findings: Iterable[Finding],
    *,
    now: datetime,
    history: History,
    override: Override | None = None,
) -> Decision:
    """The decision for `event` given its `findings`, at time `now` (timezone-aware).

    `history` is read for cumulative rules; the caller persists `Decision.counts` afterwards.
    An `override` turns a `block_with_override` into an allow that is recorded as overridden;
    it never softens any other action.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise PolicyError("now must be timezone-aware")
    view = EventView(event, findings, now, history)
    winner: RuleDecision | None = None
    alerts: list[RuleDecision] = []
    simulated: list[RuleDecision] = []
    for rule, simulate, additive in policy.plan:
        if winner is not None and not (simulate or additive):
            continue
        decided = rule.decide(view, simulated=simulate)
        if decided is None:
            continue
        if simulate:
            simulated.append(decided)
        elif additive:
            alerts.append(decided)
        else:
            winner = decided
    decision = _decide(policy, winner, alerts, tuple(simulated), _counts(policy, view))
    return decision if override is None else _apply_override(decision, override)


def _decide(
    policy: Policy,
    winner: RuleDecision | None,
    alerts: list[RuleDecision],
    simulated: tuple[RuleDecision, ...],
    counts: tuple[CumulativeCount, ...],
) -> Decision:
    lead = winner or (alerts.pop(0) if alerts else None)
    if lead is not None:
        action, severity, reasons = lead.action, lead.severity, lead.reasons
    else:
        action, severity = policy.default, Severity.LOW
        reasons = ("no enforcing rule matched; policy default",)
    if simulated and action is Action.ALLOW:
        action = Action.AUDIT
        reasons = (*reasons, "simulated: " + ", ".join(s.rule_id for s in simulated))
    roles = [role for d in (lead, *alerts) if d is not None for role in d.notify]
    return Decision(
        action=action,
        rule_id=lead.rule_id if lead else None,
        severity=max((severity, *(a.severity for a in alerts)), key=SEVERITY_ORDER.index),
        reasons=reasons,
        notify=tuple(dict.fromkeys(roles)),
        entities=lead.entities if lead else (),
        alerts=tuple(alerts),
        simulated=simulated,
        counts=counts,
        requires_justification=action is Action.BLOCK_WITH_OVERRIDE,
    )


def _counts(policy: Policy, view: EventView) -> tuple[CumulativeCount, ...]:
    """This event's distinct values of every tracked entity, for the caller to persist."""
    actor = view.event.actor_id
    if not actor or not policy.tracked_entities:
        return ()
    out: list[CumulativeCount] = []
    for name in sorted(policy.tracked_entities):
        count, _ = view.count(frozenset({name}), CUMULATIVE_MIN_SCORE)
        if count:
            out.append(CumulativeCount(actor_id=actor, entity=name, count=count, at=view.now))
    return tuple(out)


def _apply_override(decision: Decision, override: Override) -> Decision:
    if decision.action is not Action.BLOCK_WITH_OVERRIDE:
        note = f"override not applicable to action {decision.action.value}"
        return replace(decision, reasons=(*decision.reasons, note))
    return replace(
        decision,
        action=Action.ALLOW,
        requires_justification=False,
        overridden=True,
        override=override,
        reasons=(*decision.reasons, f"overridden by {override.by} with a justification"),
    )
