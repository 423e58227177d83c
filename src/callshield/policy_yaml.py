"""Policy YAML (`version: 1`) to core `Policy`, with precise errors (EDGE).

The YAML is composed into nodes (safe loader; nothing is ever constructed from tags) so every
problem can name its line, column and field path, e.g.
`line 14, column 22: rules[2].when.entities[0].min_count: must be an integer >= 1`
(list indexes count from 0). All problems found are reported at once. Unknown keys, entities,
channels, directions, roles, actions and severities are errors: a typo must never silently
disable a rule. Messages name keys and places, never the values written there.
`samples/policy.yaml` documents every field.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from callshield.core.document import Channel
from callshield.core.entities import Catalogue
from callshield.core.policy import (
    Action,
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
    Mode,
    Outcome,
    Policy,
    PolicyError,
    Role,
    Rule,
    Severity,
    normalise_domain,
    parse_window,
    resolve_selector,
)

#: Larger policy documents are refused before parsing (a policy is hand-written, not bulk data).
MAX_POLICY_CHARS = 1_000_000

_E = TypeVar("_E", bound=enum.Enum)
_T = TypeVar("_T")
_YAML_TAG = "tag:yaml.org,2002:"
#: libyaml's safe loader when PyYAML was built with it (same nodes and marks, much faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: Tags the safe resolver gives plain YAML; anything else (`!!python/...`, `!custom`) is refused.
_PLAIN_TAGS = frozenset(
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_NOWHERE = yaml.Mark("", 0, 0, 0, "", 0)
_Read = Callable[[Node, str], _T | None]


@dataclass(frozen=True, slots=True)
class PolicyIssue:
    """One problem in a policy document: where (1-based line and column, field path) and what."""

    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.path}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }


class PolicyValidationError(ValueError):
    """A policy document that cannot be used; `issues` lists every problem found."""

    def __init__(self, issues: list[PolicyIssue]) -> None:
        self.issues = tuple(issues)
        lines = "\n".join(f"  {issue}" for issue in self.issues)
        super().__init__(f"policy is not valid ({len(self.issues)} problem(s)):\n{lines}")


def parse_policy(text: str, *, catalogue: Catalogue | None = None) -> Policy:
    """A `Policy` from YAML text; PolicyValidationError listing every problem otherwise."""
    reader = _Reader(catalogue or Catalogue())
    root = _compose(text, reader)
    policy = None if root is None else _read_policy(root, reader)
    if reader.issues or policy is None:
        raise PolicyValidationError(reader.issues)
    return policy


def load_policy(path: Path, *, catalogue: Catalogue | None = None) -> Policy:
    """A `Policy` from a YAML file (UTF-8)."""
    return parse_policy(path.read_text(encoding="utf-8"), catalogue=catalogue)


class _Fields:
    """A mapping's value nodes by key, read with the field path each key adds."""

    __slots__ = ("path", "values")

    def __init__(self, path: str, values: dict[str, Node]) -> None:
        self.path = path
        self.values = values

    def read(self, key: str, read: _Read[_T], default: _T | None = None) -> _T | None:
        """`read` of the key's node, or `default` when the key is absent."""
        node = self.values.get(key)
        return default if node is None else read(node, f"{self.path}.{key}".lstrip("."))


class _Reader:
    """Typed reads of YAML nodes that record an issue (and return None) instead of raising."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.entity_categories = tuple((e.name, e.category) for e in catalogue)
        self.issues: list[PolicyIssue] = []
        self.constructor = yaml.constructor.SafeConstructor()

    def issue(self, node: Node | None, path: str, message: str) -> None:
        mark = node.start_mark if node is not None else _NOWHERE
        self.issues.append(
            PolicyIssue(mark.line + 1, mark.column + 1, path or "(document)", message)
        )

    def mapping(
        self, node: Node, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> _Fields | None:
        """The fields of a mapping; unknown, repeated and missing keys are issues."""
        if not isinstance(node, MappingNode):
            self.issue(node, path, "must be a mapping of keys to values")
            return None
        values: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key is None or key not in allowed:
                self.issue(
                    key_node, path, f"unknown key {_shown(key)}; allowed: {', '.join(allowed)}"
                )
            elif key in values:
                self.issue(key_node, f"{path}.{key}".lstrip("."), "repeated key")
            else:
                values[key] = value_node
        for key in required:
            if key not in values:
                self.issue(node, path, f"missing required key {key!r}")
        return _Fields(path, values)

    def sequence(self, node: Node, path: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.issue(node, path, "must be a list")
            return None
        return list(node.value)

    def items(
        self, node: Node, path: str, read: _Read[_T], *, single: bool = False
    ) -> list[_T] | None:
        """Each item of a non-empty list read with `read`; a lone scalar is one item if `single`."""
        if single and isinstance(node, ScalarNode):
            value = read(node, path)
            return None if value is None else [value]
        nodes = self.sequence(node, path)
        if nodes is not None and not nodes:
            self.issue(node, path, "must list at least one item")
        if not nodes:
            return None
        values = [read(item, f"{path}[{i}]") for i, item in enumerate(nodes)]
        out = [v for v in values if v is not None]
        return out if len(out) == len(values) else None

    def text(self, node: Node, path: str) -> str | None:
        """A non-empty scalar, read as written (so `no` stays the word `no`)."""
        if isinstance(node, ScalarNode) and node.tag != _YAML_TAG + "null" and node.value.strip():
            return str(node.value).strip()
        self.issue(node, path, "must be a non-empty text value")
        return None

    def integer(self, minimum: int) -> _Read[int]:
        def read(node: Node, path: str) -> int | None:
            # Longer than 18 characters is a mistake, and int() may refuse it.
            if isinstance(node, ScalarNode) and _is_int(node) and len(node.value) <= 18:
                value = int(self.constructor.construct_yaml_int(node))
                if value >= minimum:
                    return value
            self.issue(node, path, f"must be an integer >= {minimum}")
            return None

        return read

    def fraction(self, node: Node, path: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag in (_YAML_TAG + "int", _YAML_TAG + "float"):
            value = float(self.constructor.construct_yaml_float(node))
            if 0.0 <= value <= 1.0:
                return value
        self.issue(node, path, "must be a number between 0 and 1")
        return None

    def choice(self, kind: type[_E]) -> _Read[_E]:
        def read(node: Node, path: str) -> _E | None:
            value = self.text(node, path)
            if value is None:
                return None
            for member in kind:
                if member.value == value.lower():
                    return member
            allowed = ", ".join(str(m.value) for m in kind)
            self.issue(node, path, f"unknown {_KIND_NAMES[kind]}; allowed: {allowed}")
            return None

        return read

    def guarded(self, node: Node, path: str, build: Callable[[], _T]) -> _T | None:
        """`build()`, with a core PolicyError recorded as an issue at `node`."""
        try:
            return build()
        except PolicyError as exc:
            self.issue(node, path, str(exc))
            return None


def _is_int(node: ScalarNode) -> bool:
    return bool(node.tag == _YAML_TAG + "int")


def _shown(key: str | None) -> str:
    """A key is echoed only when it is a plain word (a typo worth showing), never other text."""
    word = (key or "").replace("_", "")
    if key and len(key) <= 40 and word.isascii() and word.isalpha():
        return repr(key)
    return "(not shown: not a plain word)"


_KIND_NAMES: dict[type[enum.Enum], str] = {
    Channel: "channel",
    Direction: "direction",
    Role: "role",
    Action: "action",
    Severity: "severity",
    Mode: "mode",
}


def _compose(text: str, reader: _Reader) -> Node | None:
    """The node tree, or None with an issue: YAML syntax, size, aliases or foreign tags."""
    if len(text) > MAX_POLICY_CHARS:
        reader.issue(None, "", f"policy is larger than {MAX_POLICY_CHARS} characters")
        return None
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        # Only the problem's name and place: PyYAML's full message quotes the document.
        mark = exc.problem_mark or exc.context_mark
        where = ScalarNode("", "", mark) if mark else None
        reader.issue(where, "", f"not valid YAML: {exc.problem or exc.context or 'syntax error'}")
        return None
    except yaml.YAMLError:
        reader.issue(None, "", "not valid YAML")
        return None
    except RecursionError:  # the pure-Python loader, on absurd nesting
        reader.issue(None, "", "not valid YAML: nested too deeply")
        return None
    if root is None:
        reader.issue(None, "", "the document is empty")
        return None
    return root if _plain_tree(root, reader) else None


def _plain_tree(root: Node, reader: _Reader) -> bool:
    """True when no node is reached twice (aliases) and every tag is a standard YAML one."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            reader.issue(node, "", "anchors and aliases are not supported in policies")
            return False
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            reader.issue(node, "", "custom YAML tags are not supported in policies")
            return False
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return True


_TOP_KEYS = ("version", "name", "description", "mode", "default", "rules")
_RULE_KEYS = ("id", "description", "priority", "mode", "when", "then")
_THEN_KEYS = ("action", "severity", "notify")


def _read_policy(root: Node, reader: _Reader) -> Policy | None:
    top = reader.mapping(root, "", _TOP_KEYS, ("version", "rules"))
    version = None if top is None else top.read("version", reader.integer(1))
    if top is None or version is None:
        return None
    if version != 1:
        reader.issue(top.values["version"], "version", "unsupported policy version; supported: 1")
        return None
    name = top.read("name", reader.text, "")
    description = top.read("description", reader.text, "")
    mode = top.read("mode", reader.choice(Mode), Mode.ENFORCE)
    default = top.read("default", reader.choice(Action), Action.ALLOW)
    rules = top.read("rules", lambda n, p: _read_rules(n, reader))
    if name is None or description is None or mode is None or default is None or rules is None:
        return None
    if reader.issues:  # e.g. tied priorities, already reported at their lines
        return None
    at = top.values.get("default", root)
    return reader.guarded(at, "default", lambda: Policy(rules, 1, name, description, default, mode))


def _read_rules(node: Node, reader: _Reader) -> tuple[Rule, ...] | None:
    items = reader.sequence(node, "rules")
    if items is None:
        return None
    rules = [_read_rule(item, f"rules[{i}]", reader) for i, item in enumerate(items)]
    _refuse_ties(items, reader)
    out = tuple(r for r in rules if r is not None)
    return out if len(out) == len(rules) else None


def _refuse_ties(items: list[Node], reader: _Reader) -> None:
    """Repeated rule ids or priorities, reported at the later rule with the earlier one named."""
    first: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        pairs = item.value if isinstance(item, MappingNode) else []
        for key_node, value_node in pairs:
            key = getattr(key_node, "value", None)
            if key not in ("id", "priority") or not isinstance(value_node, ScalarNode):
                continue
            value = value_node.value
            if key == "priority" and _is_int(value_node) and len(value) <= 18:
                value = str(reader.constructor.construct_yaml_int(value_node))  # 0x0A is 10
            earlier = first.setdefault((key, value), i)
            if earlier != i:
                what = "ties with" if key == "priority" else "repeats the id of"
                reader.issue(
                    value_node, f"rules[{i}].{key}", f"{what} rules[{earlier}]; must be unique"
                )


def _read_rule(node: Node, path: str, reader: _Reader) -> Rule | None:
    fields = reader.mapping(node, path, _RULE_KEYS, ("id", "priority", "then"))
    if fields is None:
        return None
    rule_id = fields.read("id", reader.text)
    priority = fields.read("priority", reader.integer(0))
    description = fields.read("description", reader.text, "")
    mode = fields.read("mode", reader.choice(Mode), Mode.ENFORCE)
    when: tuple[Condition, ...] | None = fields.read(
        "when", lambda n, p: _read_when(n, p, reader), tuple[Condition, ...]()
    )
    then = fields.read("then", lambda n, p: _read_then(n, p, reader))
    if rule_id is None or priority is None or description is None or mode is None:
        return None
    if when is None or then is None:
        return None
    return reader.guarded(
        node, path, lambda: Rule(rule_id, priority, then, when, description, mode)
    )


def _read_then(node: Node, path: str, reader: _Reader) -> Outcome | None:
    fields = reader.mapping(node, path, _THEN_KEYS, ("action",))
    if fields is None:
        return None
    action = fields.read("action", reader.choice(Action))
    severity = fields.read("severity", reader.choice(Severity), Severity.LOW)
    notify: list[Role] | None = fields.read(
        "notify", lambda n, p: reader.items(n, p, reader.choice(Role)), list[Role]()
    )
    if action is None or severity is None or notify is None:
        return None
    if action is Action.NOTIFY and not notify:
        reader.issue(
            fields.values["action"], f"{path}.action", "notify needs a 'notify' list of roles"
        )
        return None
    return Outcome(action, severity, tuple(dict.fromkeys(notify)))


_WHEN_KEYS = ("channels", "direction", "entities", "entities_match", "destination", "actor",
              "attachment_types", "cumulative")  # fmt: skip


def _read_when(node: Node, path: str, reader: _Reader) -> tuple[Condition, ...] | None:
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


_KIND_NAMES[_Match] = "entities_match (any or all)"


def _channels(node: Node, path: str, reader: _Reader) -> Condition | None:
    channels = reader.items(node, path, reader.choice(Channel))
    return None if channels is None else ChannelCondition(frozenset(channels))


def _direction(node: Node, path: str, reader: _Reader) -> Condition | None:
    found = reader.items(node, path, reader.choice(Direction), single=True)
    return None if found is None else DirectionCondition(frozenset(found))


def _actor(node: Node, path: str, reader: _Reader) -> Condition | None:
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


def _attachments(node: Node, path: str, reader: _Reader) -> Condition | None:
    kinds = reader.items(node, path, lambda n, p: _attachment_kind(n, p, reader))
    if kinds is None:
        return None
    families = {k[:-2] for k in kinds if k.endswith("/*")}
    mimes = {k for k in kinds if "/" in k and not k.endswith("/*")}
    extensions = {k for k in kinds if "/" not in k}
    return AttachmentCondition(frozenset(extensions), frozenset(mimes), frozenset(families))


def _attachment_kind(node: Node, path: str, reader: _Reader) -> str | None:
    text = reader.text(node, path)
    kind = "" if text is None else text.lower().lstrip(".")
    parts = kind.split("/")
    if not kind or len(parts) > 2 or not all(parts) or " " in kind:
        if text is not None:
            reader.issue(node, path, "must be an extension (pdf) or a MIME type (image/*)")
        return None
    return kind


def _destination(node: Node, path: str, reader: _Reader) -> Condition | None:
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


def _domain(reader: _Reader) -> _Read[str]:
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


def _entities(node: Node, path: str, reader: _Reader, match_all: bool) -> Condition | None:
    found = reader.items(node, path, lambda n, p: _requirement(n, p, reader))
    return None if found is None else EntitiesCondition(tuple(found), match_all)


def _requirement(node: Node, path: str, reader: _Reader) -> EntityRequirement | None:
    fields = reader.mapping(node, path, ("entity", "min_count", "min_score"), ("entity",))
    if fields is None:
        return None
    selected = fields.read("entity", lambda n, p: _selector(n, p, reader))
    min_count = fields.read("min_count", reader.integer(1), 1)
    min_score = fields.read("min_score", reader.fraction, 0.5)
    if selected is None or min_count is None or min_score is None:
        return None
    return EntityRequirement(selected[0], selected[1], min_count, min_score)


def _selector(node: Node, path: str, reader: _Reader) -> tuple[str, frozenset[str]] | None:
    """(how reasons name it, entity names) for an entity name or a `category.*` prefix."""
    text = reader.text(node, path)
    if text is None:
        return None
    names = reader.guarded(node, path, lambda: resolve_selector(text, reader.entity_categories))
    if names is None:
        return None
    return (text if text.endswith(".*") else text.upper()), names


def _cumulative(node: Node, path: str, reader: _Reader) -> Condition | None:
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


def _window(node: Node, path: str, reader: _Reader) -> tuple[timedelta, str] | None:
    """The window and its label as written (`24h`), for reasons."""
    text = reader.text(node, path)
    if text is None:
        return None
    window = reader.guarded(node, path, lambda: parse_window(text))
    return None if window is None else (window, text.lower())
