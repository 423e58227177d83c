"""Actions, severities, notify, precedence, the default, simulation and overrides."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest
from _policy_helpers import CARD_RULE_WHEN, decide, event, finding, one_rule, policy

from callshield.core.document import Channel
from callshield.core.policy import (
    Action,
    ActorCondition,
    AttachmentCondition,
    ChannelCondition,
    CumulativeCondition,
    DestinationCondition,
    DirectionCondition,
    EntitiesCondition,
    EntityRequirement,
    Outcome,
    Override,
    OverrideRefusedError,
    Policy,
    PolicyError,
    Role,
    Rule,
    Severity,
)

CARD = [finding("PAYMENT_CARD")]


def card_rule(rule_id: str, priority: int, action: str, extra: str = "") -> str:
    """A rule (YAML list item) that matches any event with a card."""
    return (
        f"  - id: {rule_id}\n    priority: {priority}\n{extra}"
        f"    when:\n      {CARD_RULE_WHEN}\n    then:\n      action: {action}\n"
    )


# (action, effective action, enforced, requires justification)
ACTIONS = [
    ("allow", Action.ALLOW, False, False),
    ("audit", Action.AUDIT, False, False),
    ("redact", Action.REDACT, True, False),
    ("block", Action.BLOCK, True, False),
    ("block_with_override", Action.BLOCK_WITH_OVERRIDE, True, True),
    ("quarantine", Action.QUARANTINE, True, False),
]


@pytest.mark.parametrize(
    ("name", "action", "enforced", "justify"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_each_action(name: str, action: Action, enforced: bool, justify: bool) -> None:
    decision = decide(one_rule(CARD_RULE_WHEN, action=name), event(), CARD)
    assert decision.action is action
    assert decision.rule_id == "r"
    assert decision.enforced is enforced
    assert decision.requires_justification is justify
    assert decision.severity is Severity.LOW  # the default severity


@pytest.mark.parametrize("severity", list(Severity), ids=[s.value for s in Severity])
def test_severity_is_carried(severity: Severity) -> None:
    pol = policy(card_rule("r", 1, f"block\n      severity: {severity.value}"))
    assert decide(pol, event(), CARD).severity is severity


def test_notify_accompanies_a_block() -> None:
    pol = policy(card_rule("r", 1, "block\n      notify: [analyst, supervisor, analyst]"))
    decision = decide(pol, event(), CARD)
    assert decision.action is Action.BLOCK
    assert decision.notify == (Role.ANALYST, Role.SUPERVISOR)


def test_notify_alone_lets_through_and_alerts() -> None:
    pol = policy(card_rule("n", 1, "notify\n      notify: [dpo]\n      severity: high"))
    decision = decide(pol, event(), CARD)
    assert decision.action is Action.NOTIFY
    assert decision.rule_id == "n"
    assert decision.notify == (Role.DPO,)
    assert not decision.enforced and decision.needs_record


def test_notify_rules_are_additive_whatever_their_priority() -> None:
    rules = card_rule("alert", 1, "notify\n      notify: [analyst]\n      severity: high") + (
        card_rule("redact-it", 5, "redact\n      severity: medium\n      notify: [supervisor]")
    )
    decision = decide(policy(rules), event(), CARD)
    assert decision.action is Action.REDACT
    assert decision.rule_id == "redact-it"
    assert decision.severity is Severity.HIGH  # the highest of the decider and its alerts
    assert decision.notify == (Role.SUPERVISOR, Role.ANALYST)
    assert [a.rule_id for a in decision.alerts] == ["alert"]
    assert decision.summary.startswith("rule redact-it: ") and "rule alert: " in decision.summary


def test_lower_priority_number_wins_not_position() -> None:
    rules = card_rule("late-in-file", 1, "block") + card_rule("early", 9, "redact")
    reordered = card_rule("early", 9, "redact") + card_rule("late-in-file", 1, "block")
    for text in (rules, reordered):
        decision = decide(policy(text), event(), CARD)
        assert (decision.rule_id, decision.action) == ("late-in-file", Action.BLOCK)


def test_a_rule_that_does_not_match_gives_way() -> None:
    rules = (
        "  - id: chat-only\n    priority: 1\n    when:\n      channels: [chat]\n"
        "    then:\n      action: quarantine\n"
    ) + card_rule("cards", 2, "block")
    assert decide(policy(rules), event(Channel.EMAIL), CARD).rule_id == "cards"
    assert decide(policy(rules), event(Channel.CHAT), CARD).rule_id == "chat-only"


@pytest.mark.parametrize("default", ["allow", "audit", "block"])
def test_default_when_nothing_matches(default: str) -> None:
    decision = decide(policy(card_rule("r", 1, "block"), default=default), event(), [])
    assert decision.rule_id is None
    assert decision.action is Action(default)
    assert decision.reasons == ("no enforcing rule matched; policy default",)
    assert decision.needs_record is (default != "allow")


def test_simulated_rule_is_recorded_but_not_enforced() -> None:
    rules = card_rule("trial", 1, "block", extra="    mode: simulate\n") + card_rule(
        "live", 2, "redact"
    )
    decision = decide(policy(rules), event(), CARD)
    assert (decision.action, decision.rule_id) == (Action.REDACT, "live")
    assert [(s.rule_id, s.action, s.simulated) for s in decision.simulated] == [
        ("trial", Action.BLOCK, True)
    ]


def test_simulated_match_raises_allow_to_audit_so_it_is_recorded() -> None:
    pol = policy(card_rule("trial", 1, "block", extra="    mode: simulate\n"), default="allow")
    decision = decide(pol, event(), CARD)
    assert decision.action is Action.AUDIT and decision.rule_id is None
    assert decision.simulated[0].rule_id == "trial"
    assert decision.reasons[-1] == "simulated: trial"
    assert decide(pol, event(), []).action is Action.ALLOW  # no match: nothing to record


def test_simulated_never_softens_a_strict_default() -> None:
    pol = policy(card_rule("trial", 1, "allow", extra="    mode: simulate\n"), default="block")
    assert decide(pol, event(), CARD).action is Action.BLOCK


def test_simulate_mode_policy_simulates_every_rule() -> None:
    rules = card_rule("a", 1, "block") + card_rule("b", 2, "quarantine")
    decision = decide(policy(rules, mode="simulate"), event(), CARD)
    assert decision.action is Action.AUDIT and decision.rule_id is None
    assert [s.rule_id for s in decision.simulated] == ["a", "b"]
    assert all(s.simulated for s in decision.simulated)


def test_override_with_justification_allows_and_records() -> None:
    pol = one_rule(CARD_RULE_WHEN, action="block_with_override")
    override = Override(justification="Customer asked for a copy of their statement", by="sup-3")
    decision = decide(pol, event(), CARD, override=override)
    assert decision.action is Action.ALLOW
    assert decision.overridden and decision.override == override
    assert not decision.requires_justification
    assert decision.rule_id == "r" and decision.needs_record
    assert decision.reasons[-1] == "overridden by sup-3 with a justification"


@pytest.mark.parametrize(("justification", "by"), [("", "sup-3"), ("   \n", "sup-3"), ("ok", " ")])
def test_override_without_justification_or_person_is_refused(justification: str, by: str) -> None:
    with pytest.raises(OverrideRefusedError):
        Override(justification=justification, by=by)


def test_override_never_softens_a_plain_block() -> None:
    override = Override(justification="please", by="agent-7")
    decision = decide(one_rule(CARD_RULE_WHEN, action="block"), event(), CARD, override=override)
    assert decision.action is Action.BLOCK and not decision.overridden
    assert decision.reasons[-1] == "override not applicable to action block"


def test_override_repr_hides_the_justification() -> None:
    override = Override(justification="card 4111 1111 1111 1111 for refund", by="sup-3")
    assert "4111" not in repr(override)


def test_naive_time_is_refused() -> None:
    with pytest.raises(PolicyError, match="timezone-aware"):
        decide(one_rule(CARD_RULE_WHEN), event(), CARD, now=datetime(2026, 1, 1))


def test_policy_refuses_tied_priorities_and_repeated_ids() -> None:
    outcome = Outcome(Action.BLOCK)
    with pytest.raises(PolicyError, match="duplicate priority: 1"):
        Policy((Rule("a", 1, outcome), Rule("b", 1, outcome)))
    with pytest.raises(PolicyError, match="duplicate rule id: a"):
        Policy((Rule("a", 1, outcome), Rule("a", 2, outcome)))


def test_core_values_are_frozen() -> None:
    decision = decide(one_rule(CARD_RULE_WHEN), event(), CARD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.action = Action.ALLOW  # type: ignore[misc]


@pytest.mark.parametrize(
    "build",
    [
        lambda: ChannelCondition(frozenset()),
        lambda: DirectionCondition(frozenset()),
        ActorCondition,
        AttachmentCondition,
        DestinationCondition,
        lambda: EntitiesCondition(()),
        lambda: EntityRequirement("X", frozenset()),
        lambda: EntityRequirement("PAYMENT_CARD", frozenset({"PAYMENT_CARD"}), min_count=0),
        lambda: EntityRequirement("PAYMENT_CARD", frozenset({"PAYMENT_CARD"}), min_score=1.5),
        lambda: CumulativeCondition("X", frozenset(), 1, timedelta(hours=1)),
        lambda: CumulativeCondition("P", frozenset({"P"}), 1, timedelta(0)),
        lambda: Outcome(Action.NOTIFY),
        lambda: Rule(" ", 1, Outcome(Action.BLOCK)),
        lambda: Policy((), default=Action.NOTIFY),
        lambda: Policy((), version=2),
    ],
    ids=["channels", "directions", "actor", "attachments", "destination", "entities",
         "requirement-empty", "min-count", "min-score", "cumulative-empty", "window",
         "notify-no-roles", "blank-id", "default-notify", "version"],
)  # fmt: skip
def test_core_refuses_conditions_that_could_never_or_always_hold(build: object) -> None:
    """Policies built in code get the same guard rails as YAML ones."""
    with pytest.raises(PolicyError):
        build()  # type: ignore[operator]
