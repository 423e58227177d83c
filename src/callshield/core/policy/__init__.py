"""DLP policies, pure: rules with conditions and outcomes, and `evaluate` for one event.

Policies are written as versioned YAML and parsed at the edge (`callshield.policy_yaml`);
here they are frozen values already compiled into their fast form.
"""

from callshield.core.policy.conditions import (
    CUMULATIVE_MIN_SCORE,
    ActorCondition,
    AttachmentCondition,
    ChannelCondition,
    Condition,
    CumulativeCondition,
    DestinationCondition,
    DirectionCondition,
    EntitiesCondition,
    EntityRequirement,
    EventView,
    format_window,
    normalise_domain,
    parse_window,
    resolve_selector,
)
from callshield.core.policy.evaluate import evaluate
from callshield.core.policy.history import EmptyHistory, History, InMemoryHistory
from callshield.core.policy.model import (
    SEVERITY_ORDER,
    Action,
    CumulativeCount,
    Decision,
    Direction,
    Event,
    Mode,
    Override,
    OverrideRefusedError,
    PolicyError,
    Role,
    RuleDecision,
    Severity,
)
from callshield.core.policy.rules import SUPPORTED_VERSIONS, Outcome, Policy, Rule

__all__ = [
    "CUMULATIVE_MIN_SCORE",
    "SEVERITY_ORDER",
    "SUPPORTED_VERSIONS",
    "Action",
    "ActorCondition",
    "AttachmentCondition",
    "ChannelCondition",
    "Condition",
    "CumulativeCondition",
    "CumulativeCount",
    "Decision",
    "DestinationCondition",
    "Direction",
    "DirectionCondition",
    "EmptyHistory",
    "EntitiesCondition",
    "EntityRequirement",
    "Event",
    "EventView",
    "History",
    "InMemoryHistory",
    "Mode",
    "Outcome",
    "Override",
    "OverrideRefusedError",
    "Policy",
    "PolicyError",
    "Role",
    "Rule",
    "RuleDecision",
    "Severity",
    "evaluate",
    "format_window",
    "normalise_domain",
    "parse_window",
    "resolve_selector",
]
