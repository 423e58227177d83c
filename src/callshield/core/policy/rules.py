"""Rules and policies: conditions plus an outcome, ordered by explicit priority at construction.

Building a `Policy` is its compilation: rules are sorted once by priority (lower wins), each
rule's conditions are ordered cheapest first with the history lookup last, and the entities
that cumulative rules track are gathered. Evaluation then only walks tuples and sets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from callshield.core.policy.conditions import (
    Condition,
    CumulativeCondition,
    DestinationCondition,
    EntitiesCondition,
    EventView,
)
from callshield.core.policy.model import Action, Mode, PolicyError, Role, RuleDecision, Severity

#: Versions of the policy document this code understands.
SUPPORTED_VERSIONS = (1,)

#: Actions a policy may fall back to when no rule matches (they need no rule to explain them).
DEFAULT_ACTIONS = frozenset({Action.ALLOW, Action.AUDIT, Action.REDACT, Action.BLOCK,
                             Action.QUARANTINE})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a matching rule decides. `notify` roles may accompany any action (a block that also
    alerts the analysts); the `notify` action itself lets the event through and alerts."""

    action: Action
    severity: Severity = Severity.LOW
    notify: tuple[Role, ...] = ()

    def __post_init__(self) -> None:
        if self.action is Action.NOTIFY and not self.notify:
            raise PolicyError("action notify needs at least one role to notify")


def _cost(condition: Condition) -> int:
    """Cheap set lookups first, findings and recipients next, the history read (a query) last.
    The sort is stable, so reasons keep the order the conditions were given in otherwise."""
    if isinstance(condition, CumulativeCondition):
        return 2
    return 1 if isinstance(condition, EntitiesCondition | DestinationCondition) else 0


@dataclass(frozen=True, slots=True)
class Rule:
    """A named, prioritised rule: all `conditions` must hold for `then` to apply.

    A rule without conditions matches every event.
    """

    id: str
    priority: int
    then: Outcome
    conditions: tuple[Condition, ...] = ()
    description: str = ""
    mode: Mode = Mode.ENFORCE
    _entities: EntitiesCondition | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise PolicyError("a rule needs a non-empty id")
        ordered = tuple(sorted(self.conditions, key=_cost))
        object.__setattr__(self, "conditions", ordered)
        entities = [c for c in ordered if isinstance(c, EntitiesCondition)]
        object.__setattr__(self, "_entities", entities[0] if entities else None)

    def decide(self, view: EventView, *, simulated: bool) -> RuleDecision | None:
        """This rule's decision when every condition holds, else None."""
        reasons: list[str] = []
        for condition in self.conditions:
            reason = condition.check(view)
            if reason is None:
                return None
            reasons.append(reason)
        matched = self._entities.matched_entities(view) if self._entities else ()
        return RuleDecision(
            rule_id=self.id,
            action=self.then.action,
            severity=self.then.severity,
            reasons=tuple(reasons) or ("matches every event",),
            notify=self.then.notify,
            entities=matched,
            simulated=simulated,
        )


@dataclass(frozen=True, slots=True)
class Policy:
    """A versioned set of rules. Rules are kept in precedence order whatever order they were
    given in; ids and priorities must be unique, so precedence is never decided by position.

    `mode: simulate` runs every rule in simulation (the policy is being tried out).
    """

    rules: tuple[Rule, ...]
    version: int = 1
    name: str = ""
    description: str = ""
    default: Action = Action.ALLOW
    mode: Mode = Mode.ENFORCE
    tracked_entities: frozenset[str] = field(init=False, repr=False, compare=False)
    #: (rule, simulated, additive) in precedence order: what `evaluate` walks.
    plan: tuple[tuple[Rule, bool, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.version not in SUPPORTED_VERSIONS:
            raise PolicyError(f"unsupported policy version; supported: {SUPPORTED_VERSIONS}")
        if self.default not in DEFAULT_ACTIONS:
            allowed = ", ".join(sorted(a.value for a in DEFAULT_ACTIONS))
            raise PolicyError(f"the default action must be one of: {allowed}")
        _refuse_duplicates("rule id", Counter(r.id for r in self.rules))
        _refuse_duplicates("priority", Counter(str(r.priority) for r in self.rules))
        object.__setattr__(self, "rules", tuple(sorted(self.rules, key=lambda r: r.priority)))
        tracked: set[str] = set()
        for rule in self.rules:
            for condition in rule.conditions:
                if isinstance(condition, CumulativeCondition):
                    tracked |= condition.entities
        object.__setattr__(self, "tracked_entities", frozenset(tracked))
        simulate_all = self.mode is Mode.SIMULATE
        plan = tuple(
            (r, simulate_all or r.mode is Mode.SIMULATE, r.then.action is Action.NOTIFY)
            for r in self.rules
        )
        object.__setattr__(self, "plan", plan)

    def rule(self, rule_id: str) -> Rule:
        """The rule called `rule_id`; KeyError when there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)


def _refuse_duplicates(what: str, counts: Counter[str]) -> None:
    repeated = sorted(key for key, n in counts.items() if n > 1)
    if repeated:
        raise PolicyError(f"duplicate {what}: " + ", ".join(repeated))
