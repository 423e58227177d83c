"""Properties: evaluation is deterministic, and precedence (not listing order) decides."""

from __future__ import annotations

from datetime import timedelta

from _policy_helpers import NOW, finding
from hypothesis import given, settings
from hypothesis import strategies as st

from callshield.core.document import Channel
from callshield.core.finding import Finding
from callshield.core.policy import (
    Action,
    ActorCondition,
    ChannelCondition,
    Condition,
    CumulativeCondition,
    CumulativeCount,
    Decision,
    Direction,
    EntitiesCondition,
    EntityRequirement,
    Event,
    EventView,
    InMemoryHistory,
    Mode,
    Outcome,
    Policy,
    Role,
    Rule,
    Severity,
    evaluate,
)

ENTITIES = ("PAYMENT_CARD", "US_SSN", "IBAN", "CARD_CVV")
RULE_ACTIONS = [a for a in Action if a is not Action.NOTIFY]


def conditions() -> st.SearchStrategy[list[Condition]]:
    channel = st.frozensets(st.sampled_from(list(Channel)), min_size=1).map(ChannelCondition)
    actor = st.frozensets(st.sampled_from(list(Role)), min_size=1).map(ActorCondition)
    requirement = st.builds(
        lambda name, count, score: EntityRequirement(name, frozenset({name}), count, score),
        st.sampled_from(ENTITIES), st.integers(1, 3), st.sampled_from([0.5, 0.8]),
    )  # fmt: skip
    requirements = st.lists(requirement, min_size=1, max_size=2).map(tuple)
    entities = st.builds(EntitiesCondition, requirements, st.booleans())
    cumulative = st.builds(
        lambda name, threshold: CumulativeCondition(name, frozenset({name}), threshold,
                                                    timedelta(hours=24)),
        st.sampled_from(ENTITIES), st.integers(0, 6),
    )  # fmt: skip
    one = st.one_of(channel, actor, entities, cumulative)
    return st.lists(one, max_size=3)


#: Built once: strategies built inside a draw are re-validated every time (slow).
CONDITIONS = conditions()
ACTIONS = st.sampled_from([*RULE_ACTIONS, Action.NOTIFY])
NOTIFY_ROLES = st.lists(st.sampled_from(list(Role)), max_size=2, unique=True)
SEVERITIES = st.sampled_from(list(Severity))
MODES = st.sampled_from(list(Mode))


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    count = draw(st.integers(1, 8))
    priorities = draw(st.lists(st.integers(0, 50), min_size=count, max_size=count, unique=True))
    rules = []
    for i, priority in enumerate(priorities):
        action = draw(ACTIONS)
        notify = tuple(draw(NOTIFY_ROLES))
        if action is Action.NOTIFY and not notify:
            notify = (Role.ANALYST,)
        outcome = Outcome(action, draw(SEVERITIES), notify)
        mode = draw(MODES)
        rules.append(Rule(f"r{i}", priority, outcome, tuple(draw(CONDITIONS)), "", mode))
    default = draw(st.sampled_from([Action.ALLOW, Action.AUDIT]))
    return Policy(tuple(rules), default=default, mode=draw(MODES))


events = st.builds(
    Event,
    channel=st.sampled_from(list(Channel)),
    direction=st.sampled_from(list(Direction)),
    actor_id=st.sampled_from(["agent-1", "agent-2"]),
    actor_role=st.sampled_from([None, *Role]),
)
finding_lists = st.lists(
    st.builds(lambda name, i, score: finding(name, start=i * 10, score=score),
              st.sampled_from(ENTITIES), st.integers(0, 5), st.sampled_from([0.4, 0.6, 0.9])),
    max_size=8,
)  # fmt: skip


def _past(actor: str, name: str, count: int, hours: int) -> CumulativeCount:
    return CumulativeCount(actor, name, count, NOW - timedelta(hours=hours))


histories = st.lists(
    st.builds(
        _past,
        st.sampled_from(["agent-1", "agent-2"]),
        st.sampled_from(ENTITIES),
        st.integers(1, 4),
        st.integers(0, 30),
    ),
    max_size=6,
)


def run(
    policy: Policy, event: Event, found: list[Finding], past: list[CumulativeCount]
) -> Decision:
    return evaluate(policy, event, found, now=NOW, history=InMemoryHistory(past))


@settings(max_examples=150, deadline=None)
@given(policies(), events, finding_lists, histories, st.randoms(use_true_random=False))
def test_listing_order_never_changes_the_decision(
    policy: Policy, event: Event, found: list[Finding], past: list[CumulativeCount], rnd
) -> None:
    shuffled_rules = list(policy.rules)
    rnd.shuffle(shuffled_rules)
    shuffled = Policy(tuple(shuffled_rules), default=policy.default, mode=policy.mode)
    first = run(policy, event, found, past)
    assert run(policy, event, found, past) == first  # deterministic
    assert run(shuffled, event, found, past) == first  # order-independent
    assert run(policy, event, list(reversed(found)), past) == first  # findings order too


@settings(max_examples=150, deadline=None)
@given(policies(), events, finding_lists, histories)
def test_the_lowest_priority_number_among_matching_enforcing_rules_decides(
    policy: Policy, event: Event, found: list[Finding], past: list[CumulativeCount]
) -> None:
    view = EventView(event, found, NOW, InMemoryHistory(past))
    matching = [r for r in policy.rules if r.decide(view, simulated=False) is not None]
    simulating = policy.mode is Mode.SIMULATE
    enforcing = [r for r in matching if r.mode is Mode.ENFORCE and not simulating]
    deciders = [r for r in enforcing if r.then.action is not Action.NOTIFY]
    notifiers = [r for r in enforcing if r.then.action is Action.NOTIFY]
    simulated = [r.id for r in matching if r.mode is Mode.SIMULATE or simulating]
    decision = run(policy, event, found, past)
    if deciders:
        best = min(deciders, key=lambda r: r.priority)
        expected_rule, expected = best.id, best.then.action
    elif notifiers:
        expected_rule, expected = min(notifiers, key=lambda r: r.priority).id, Action.NOTIFY
    else:
        expected_rule, expected = None, policy.default
    if simulated and expected is Action.ALLOW:
        expected = Action.AUDIT  # raised so that the simulated decisions are recorded
    assert (decision.rule_id, decision.action) == (expected_rule, expected)
    assert [s.rule_id for s in decision.simulated] == simulated
    for rule in notifiers:
        assert set(rule.then.notify) <= set(decision.notify)
