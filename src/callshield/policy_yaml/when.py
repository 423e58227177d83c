"""The `when` block of a policy rule: channel, direction, actor, attachment, destination,
entity and cumulative conditions, each read with precise errors."""

from __future__ import annotations

import enum
from datetime import timedelta

from yaml.nodes import Node

from callshield.core.document import Channel
from callshield.core.policy import (
    ActorCondition,
    AttachmentCondition,
    ChannelCondition,
    Condition,
    CumulativeCondition,
    DestinationCondition,
    Direction,
    DirectionCondition,
    EntitiesCondition,
    EntityRequirement,
    Role,
    normalise_domain,
    parse_window,
    resolve_selector,
)
from callshield.policy_yaml.nodes import KIND_NAMES, Read, Reader

_WHEN_KEYS = ("channels", "direction", "entities", "entities_match", "destination", "actor",
              "attachment_types", "cumulative")  # fmt: skip


def read_when(node: Node, path: str, reader: Reader) -> tuple[Condition, ...] | None:
    """The conditions of a rule (all must hold); None when any of them has a problem."""
    fields = reader.mapping(node, path, _WHEN_KEYS)
    if fields is None:
        return None
    match_all = fields.read("entities_match", reader.choice(_Match), _Match.ANY)
    if "entities_match" in fields.values and "entities" not in fields.values:
        reader.issue(fields.values["entities_match"], f"{path}.entities_match", "needs 'entities'")
        return None
    conditions: list[Condition | None] = [
        fields.read("channels", lambda n, p: _channels(n, p, reader)),
        fields.read("direction", lambda n, p: _direction(n, p, reader)),
        fields.read("actor", lambda n, p: _actor(n, p, reader)),
        fields.read("attachment_types", lambda n, p: _attachments(n, p, reader)),
        fields.read("entities", lambda n, p: _entities(n, p, reader, match_all is _Match.ALL)),
        fields.read("destination", lambda n, p: _destination(n, p, reader)),
        fields.read("cumulative", lambda n, p: _cumulative(n, p, reader)),
    ]
    given = [key for key in fields.values if key != "entities_match"]
    found = tuple(c for c in conditions if c is not None)
    return found if len(found) == len(given) and match_all is not None else None


class _Match(enum.Enum):
    """How several `entities` requirements combine: any one of them, or all of them."""

    ANY = "any"
    ALL = "all"


KIND_NAMES[_Match] = "entities_match (any or all)"


def _channels(node: Node, path: str, reader: Reader) -> Condition | None:
    channels = reader.items(node, path, reader.choice(Channel))
    return None if channels is None else ChannelCondition(frozenset(channels))


def _direction(node: Node, path: str, reader: Reader) -> Condition | None:
    found = reader.items(node, path, reader.choice(Direction), single=True)
    return None if found is None else DirectionCondition(frozenset(found))


def _actor(node: Node, path: str, reader: Reader) -> Condition | None:
    fields = reader.mapping(node, path, ("roles", "groups"))
    if fields is None:
        return None
    if not fields.values:
        reader.issue(node, path, "needs roles or groups")
        return None
    roles: list[Role] | None = fields.read(
        "roles", lambda n, p: reader.items(n, p, reader.choice(Role)), list[Role]()
    )
    groups: list[str] | None = fields.read(
        "groups", lambda n, p: reader.items(n, p, reader.text), list[str]()
    )
    if roles is None or groups is None:
        return None
    return ActorCondition(frozenset(roles), frozenset(groups))


def _attachments(node: Node, path: str, reader: Reader) -> Condition | None:
    kinds = reader.items(node, path, lambda n, p: _attachment_kind(n, p, reader))
    if kinds is None:
        return None
    families = {k[:-2] for k in kinds if k.endswith("/*")}
    mimes = {k for k in kinds if "/" in k and not k.endswith("/*")}
    extensions = {k for k in kinds if "/" not in k}
    return AttachmentCondition(frozenset(extensions), frozenset(mimes), frozenset(families))


def _attachment_kind(node: Node, path: str, reader: Reader) -> str | None:
    text = reader.text(node, path)
    kind = "" if text is None else text.lower().lstrip(".")
    parts = kind.split("/")
    if not kind or len(parts) > 2 or not all(parts) or " " in kind:
        if text is not None:
            reader.issue(node, path, "must be an extension (pdf) or a MIME type (image/*)")
        return None
    return kind


def _destination(node: Node, path: str, reader: Reader) -> Condition | None:
    fields = reader.mapping(node, path, ("domains_allow", "domains_deny"))
    if fields is None:
        return None
    if not fields.values:
        reader.issue(node, path, "needs domains_allow or domains_deny")
        return None
    allow: list[str] | None = fields.read(
        "domains_allow", lambda n, p: reader.items(n, p, _domain(reader)), list[str]()
    )
    deny: list[str] | None = fields.read(
        "domains_deny", lambda n, p: reader.items(n, p, _domain(reader)), list[str]()
    )
    if allow is None or deny is None:
        return None
    return DestinationCondition(frozenset(allow), frozenset(deny))


def _domain(reader: Reader) -> Read[str]:
    def read(node: Node, path: str) -> str | None:
        text = reader.text(node, path)
        if text is None:
            return None
        domain = normalise_domain(text)
        labels = domain.split(".")
        if all(label and not label.startswith("-") for label in labels) and all(
            ch.isalnum() or ch in "-." for ch in domain
        ):
            return domain
        reader.issue(node, path, "must be a domain name such as example.com")
        return None

    return read


def _entities(node: Node, path: str, reader: Reader, match_all: bool) -> Condition | None:
    found = reader.items(node, path, lambda n, p: _requirement(n, p, reader))
    return None if found is None else EntitiesCondition(tuple(found), match_all)


def _requirement(node: Node, path: str, reader: Reader) -> EntityRequirement | None:
    fields = reader.mapping(node, path, ("entity", "min_count", "min_score"), ("entity",))
    if fields is None:
        return None
    selected = fields.read("entity", lambda n, p: _selector(n, p, reader))
    min_count = fields.read("min_count", reader.integer(1), 1)
    min_score = fields.read("min_score", reader.fraction, 0.5)
    if selected is None or min_count is None or min_score is None:
        return None
    return EntityRequirement(selected[0], selected[1], min_count, min_score)


def _selector(node: Node, path: str, reader: Reader) -> tuple[str, frozenset[str]] | None:
    """(how reasons name it, entity names) for an entity name or a `category.*` prefix."""
    text = reader.text(node, path)
    if text is None:
        return None
    names = reader.guarded(node, path, lambda: resolve_selector(text, reader.entity_categories))
    if names is None:
        return None
    return (text if text.endswith(".*") else text.upper()), names


def _cumulative(node: Node, path: str, reader: Reader) -> Condition | None:
    keys = ("entity", "entities", "threshold", "window")
    fields = reader.mapping(node, path, keys, ("threshold", "window"))
    if fields is None:
        return None
    if ("entity" in fields.values) == ("entities" in fields.values):
        reader.issue(node, path, "needs exactly one of 'entity' or 'entities'")
        return None
    key = "entity" if "entity" in fields.values else "entities"
    one = key == "entity"
    selectors = fields.read(
        key, lambda n, p: reader.items(n, p, lambda m, q: _selector(m, q, reader), single=one)
    )
    threshold = fields.read("threshold", reader.integer(0))
    window = fields.read("window", lambda n, p: _window(n, p, reader))
    if selectors is None or threshold is None or window is None:
        return None
    label = ", ".join(label for label, _ in selectors)
    entities = frozenset().union(*(names for _, names in selectors))
    return CumulativeCondition(label, entities, threshold, window[0], window[1])


def _window(node: Node, path: str, reader: Reader) -> tuple[timedelta, str] | None:
    """The window and its label as written (`24h`), for reasons."""
    text = reader.text(node, path)
    if text is None:
        return None
    window = reader.guarded(node, path, lambda: parse_window(text))
    return None if window is None else (window, text.lower())
