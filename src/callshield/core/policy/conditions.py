"""Rule conditions, already in their fast form: sets and normalised strings, built once at load.

Each condition's `check(view)` returns a reason (a short text naming places and counts, never a
value) when it holds, or None when it does not. A rule matches when all its conditions hold.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from callshield.core.document import Channel
from callshield.core.finding import Finding
from callshield.core.policy.history import History
from callshield.core.policy.model import Direction, Event, PolicyError, Role

#: Findings below this score are not counted towards cumulative thresholds.
CUMULATIVE_MIN_SCORE = 0.5


class EventView:
    """One event prepared for fast checks: findings grouped by entity, domains extracted."""

    __slots__ = ("_by_entity", "_counted", "attachments", "channel", "direction", "domains",
                 "event", "history", "now", "role")  # fmt: skip

    def __init__(
        self, event: Event, findings: Iterable[Finding], now: datetime, history: History
    ) -> None:
        self.event = event
        self.now = now
        self.history = history
        # Plain strings: hashing an Enum member runs Python code, hashing a str does not.
        self.channel: str = event.channel._value_
        self.direction: str = event.direction._value_
        self.role: str | None = event.actor_role._value_ if event.actor_role else None
        self._counted: dict[tuple[frozenset[str], float], tuple[int, tuple[str, ...]]] = {}
        self.domains = tuple(recipient_domain(d) for d in event.destinations)
        self.attachments = tuple(attachment_kind(a) for a in event.attachment_types)
        by_entity: dict[str, list[Finding]] = {}
        for finding in findings:
            by_entity.setdefault(finding.entity.name, []).append(finding)
        self._by_entity = by_entity

    def count(self, entities: frozenset[str], min_score: float) -> tuple[int, tuple[str, ...]]:
        """Distinct values of `entities` at or above `min_score`, and the entity names seen.

        A value repeated in one event (the same card quoted twice in a thread) counts once: the
        fingerprint says it is the same value without keeping it.
        """
        key = (entities, min_score)
        known = self._counted.get(key)
        if known is None:
            known = self._counted[key] = self._count(entities, min_score)
        return known

    def _count(self, entities: frozenset[str], min_score: float) -> tuple[int, tuple[str, ...]]:
        seen: set[object] = set()
        names: list[str] = []
        for name in entities & self._by_entity.keys():
            before = len(seen)
            for f in self._by_entity[name]:
                if f.score >= min_score:
                    seen.add((name, f.fingerprint or (f.segment_id, f.span)))
            if len(seen) > before:
                names.append(name)
        return len(seen), tuple(sorted(names))


class Condition(Protocol):
    """One test on an event; the reason when it holds, None when it does not."""

    def check(self, view: EventView) -> str | None: ...


@dataclass(frozen=True, slots=True)
class ChannelCondition:
    """Holds when the event's channel is one of `channels`."""

    channels: frozenset[Channel]
    _values: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require(self.channels, "channels")
        object.__setattr__(self, "_values", frozenset(c.value for c in self.channels))

    def check(self, view: EventView) -> str | None:
        return f"channel {view.channel}" if view.channel in self._values else None


@dataclass(frozen=True, slots=True)
class DirectionCondition:
    """Holds when the event moves in one of `directions`."""

    directions: frozenset[Direction]
    _values: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require(self.directions, "directions")
        object.__setattr__(self, "_values", frozenset(d.value for d in self.directions))

    def check(self, view: EventView) -> str | None:
        return f"direction {view.direction}" if view.direction in self._values else None


@dataclass(frozen=True, slots=True)
class ActorCondition:
    """Holds when the actor has one of `roles` (if given) and is in one of `groups` (if given)."""

    roles: frozenset[Role] = frozenset()
    groups: frozenset[str] = frozenset()
    _values: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _require(self.roles | self.groups, "roles or groups")
        object.__setattr__(self, "_values", frozenset(r.value for r in self.roles))

    def check(self, view: EventView) -> str | None:
        parts: list[str] = []
        if self.roles:
            if view.role not in self._values:
                return None
            parts.append(f"actor role {view.role}")
        if self.groups:
            shared = self.groups & view.event.actor_groups
            if not shared:
                return None
            parts.append("actor group " + ",".join(sorted(shared)))
        return "; ".join(parts)


@dataclass(frozen=True, slots=True)
class AttachmentCondition:
    """Holds when any attachment has one of the extensions or MIME types.

    `mime_families` hold `image` for a listed `image/*`.
    """

    extensions: frozenset[str] = frozenset()
    mime_types: frozenset[str] = frozenset()
    mime_families: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _require(self.extensions | self.mime_types | self.mime_families, "attachment types")

    def check(self, view: EventView) -> str | None:
        for kind in view.attachments:
            if "/" in kind:
                if kind in self.mime_types or kind.split("/", 1)[0] in self.mime_families:
                    return f"attachment type {kind}"
            elif kind in self.extensions:
                return f"attachment type {kind}"
        return None


@dataclass(frozen=True, slots=True)
class DestinationCondition:
    """Holds when any recipient domain is not allowed: in `deny`, or outside a given `allow`.

    A listed domain covers itself and every subdomain: `example.com` covers
    `mail.example.com` but not `badexample.com`. With no recipients it never holds.
    """

    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        _require(self.allow | self.deny, "domains_allow or domains_deny")

    def check(self, view: EventView) -> str | None:
        for domain in view.domains:
            if self.deny and covers(self.deny, domain):
                return f"destination {domain} in deny list"
            if self.allow and not covers(self.allow, domain):
                return f"destination {domain} not in allow list"
        return None


@dataclass(frozen=True, slots=True)
class EntityRequirement:
    """At least `min_count` distinct values of `entities` (resolved from `selector`, a name or a
    category prefix such as `financial.*`) with a score of at least `min_score`."""

    selector: str
    entities: frozenset[str]
    min_count: int = 1
    min_score: float = 0.5

    def __post_init__(self) -> None:
        _require(self.entities, "entities")
        if self.min_count < 1:
            raise PolicyError("min_count must be >= 1")
        if not 0.0 <= self.min_score <= 1.0:
            raise PolicyError("min_score must be between 0 and 1")


@dataclass(frozen=True, slots=True)
class EntitiesCondition:
    """Holds when any requirement is met (`match_all=False`, the default) or all of them are."""

    requirements: tuple[EntityRequirement, ...]
    match_all: bool = False

    def __post_init__(self) -> None:
        _require(self.requirements, "entity requirements")

    def check(self, view: EventView) -> str | None:
        met: list[str] = []
        for req in self.requirements:
            count, _ = view.count(req.entities, req.min_score)
            if count >= req.min_count:
                met.append(f"{count} {req.selector} >= {req.min_count}")
                if not self.match_all:
                    return met[0]
            elif self.match_all:
                return None
        return "; ".join(met) if met else None

    def matched_entities(self, view: EventView) -> tuple[str, ...]:
        """The entity names present in the event that the requirements ask about."""
        names: set[str] = set()
        for req in self.requirements:
            names.update(view.count(req.entities, req.min_score)[1])
        return tuple(sorted(names))


@dataclass(frozen=True, slots=True)
class CumulativeCondition:
    """Holds when this event carries some of `entities` and the actor's total over the sliding
    `window` (recorded history plus this event) exceeds `threshold`. `window_label` is how
    reasons name the window (as the policy wrote it, e.g. `24h`)."""

    selector: str
    entities: frozenset[str]
    threshold: int
    window: timedelta
    window_label: str = ""

    def __post_init__(self) -> None:
        _require(self.entities, "entities")
        if self.threshold < 0:
            raise PolicyError("threshold must be >= 0")
        if self.window <= timedelta(0):
            raise PolicyError("window must be positive")

    def check(self, view: EventView) -> str | None:
        actor = view.event.actor_id
        if not actor:
            return None
        current, _ = view.count(self.entities, CUMULATIVE_MIN_SCORE)
        if current == 0:
            return None
        past = view.history.count(
            actor, self.entities, after=view.now - self.window, until=view.now
        )
        total = past + current
        if total <= self.threshold:
            return None
        window = self.window_label or format_window(self.window)
        return f"{total} {self.selector} by this actor in {window} > {self.threshold}"


def _require(values: Collection[object], what: str) -> None:
    """An empty list would make a condition hold never (or always): refuse it."""
    if not values:
        raise PolicyError(f"a condition needs at least one of: {what}")


def covers(domains: frozenset[str], domain: str) -> bool:
    """True when `domain` or one of its parent domains is in `domains`."""
    while True:
        if domain in domains:
            return True
        dot = domain.find(".")
        if dot < 0:
            return False
        domain = domain[dot + 1 :]


def normalise_domain(domain: str) -> str:
    """Lower case, no surrounding dots or `*.`: how list entries and recipients are compared."""
    domain = domain.strip().lower().rstrip(".")
    if domain.startswith("*."):
        domain = domain[2:]
    return domain.lstrip(".")


def recipient_domain(destination: str) -> str:
    """The domain of an address (`Ann <ann@mail.example.com>`) or of a bare domain."""
    return normalise_domain(destination.strip().strip("<>").rsplit("@", 1)[-1].rstrip(">"))


def attachment_kind(attachment: str) -> str:
    """A MIME type as is (lower case, no parameters), else the extension of a file name."""
    kind = attachment.strip().lower()
    if "/" in kind:
        return kind.split(";", 1)[0].strip()
    return kind.rsplit(".", 1)[-1]


_WINDOW_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_window(text: str) -> timedelta:
    """`30m`, `24h`, `7d`, `1w`, `90s` as a timedelta; PolicyError for anything else."""
    text = text.strip().lower()
    number, unit = text[:-1], text[-1:]
    if unit not in _WINDOW_UNITS or not number.isdigit() or int(number) == 0:
        raise PolicyError("window must be a positive whole number with a unit s, m, h, d or w")
    return timedelta(seconds=int(number) * _WINDOW_UNITS[unit])


def format_window(window: timedelta) -> str:
    """The shortest exact `24h` / `7d` form of a window, for reasons."""
    seconds = int(window.total_seconds())
    for unit, size in sorted(_WINDOW_UNITS.items(), key=lambda item: -item[1]):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def resolve_selector(selector: str, entity_categories: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Entity names for a selector: an entity name, or `category.*` for a category and all its
    subcategories. `entity_categories` are (name, category) pairs from the catalogue.
    PolicyError when nothing matches, so a typo can never silently disable a rule."""
    if selector.endswith(".*"):
        prefix = selector[:-2]
        names = frozenset(
            name
            for name, category in entity_categories
            if prefix and (category == prefix or category.startswith(prefix + "."))
        )
        if not names:
            raise PolicyError("no entity in the catalogue has this category")
        return names
    wanted = selector.upper()
    if any(name == wanted for name, _ in entity_categories):
        return frozenset({wanted})
    raise PolicyError("unknown entity (use a catalogue name or a category prefix like financial.*)")
