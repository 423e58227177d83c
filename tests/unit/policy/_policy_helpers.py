"""Small builders shared by the policy tests: synthetic findings, events and policies."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from callshield.core.document import Channel
from callshield.core.entities import Catalogue
from callshield.core.finding import Finding, Span
from callshield.core.policy import (
    Decision,
    Direction,
    EmptyHistory,
    Event,
    History,
    Override,
    Policy,
    Role,
    evaluate,
)
from callshield.policy_yaml import parse_policy

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CATALOGUE = Catalogue()


def finding(entity: str, *, score: float = 0.9, fingerprint: str = "", start: int = 0) -> Finding:
    """A finding as the engine would report it; the fingerprint stands in for a distinct value."""
    return Finding(
        entity=CATALOGUE.get(entity),
        span=Span(start, start + 4),
        score=score,
        detector="test",
        reasons=("synthetic",),
        fingerprint=fingerprint or f"fp-{entity}-{start}",
        segment_id="s0",
    )


def findings(entity: str, count: int, *, score: float = 0.9, offset: int = 0) -> list[Finding]:
    """`count` distinct values of `entity`."""
    return [finding(entity, score=score, start=(offset + i) * 10) for i in range(count)]


def event(
    channel: Channel = Channel.EMAIL,
    direction: Direction = Direction.OUTBOUND,
    *,
    actor_id: str = "agent-7",
    role: Role | None = Role.AGENT,
    groups: Sequence[str] = (),
    destinations: Sequence[str] = (),
    attachments: Sequence[str] = (),
) -> Event:
    return Event(
        channel=channel,
        direction=direction,
        actor_id=actor_id,
        actor_role=role,
        actor_groups=frozenset(groups),
        destinations=tuple(destinations),
        attachment_types=tuple(attachments),
        document_id="doc-1",
    )


def policy(rules_yaml: str, *, default: str = "allow", mode: str = "enforce") -> Policy:
    """A version 1 policy around the given `rules:` list (YAML, indented by two spaces)."""
    return parse_policy(f"version: 1\ndefault: {default}\nmode: {mode}\nrules:\n{rules_yaml}")


def one_rule(when_yaml: str, action: str = "block") -> Policy:
    """A policy with a single rule `r` whose `when:` block is `when_yaml` (no indentation)."""
    when = "\n".join("      " + line for line in when_yaml.strip().splitlines())
    return policy(
        f"  - id: r\n    priority: 1\n    when:\n{when}\n    then:\n      action: {action}\n"
    )


def decide(
    pol: Policy,
    ev: Event,
    found: Sequence[Finding] = (),
    *,
    now: datetime = NOW,
    history: History | None = None,
    override: Override | None = None,
) -> Decision:
    return evaluate(pol, ev, found, now=now, history=history or EmptyHistory(), override=override)


#: A `when:` body (one line) that matches any event carrying a card number.
CARD_RULE_WHEN = "entities: [{entity: PAYMENT_CARD}]"
