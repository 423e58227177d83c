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

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from callshield.core.entities import Catalogue
from callshield.core.policy import Action, Condition, Mode, Outcome, Policy, Role, Rule, Severity
from callshield.policy_yaml.nodes import (
    MAX_POLICY_CHARS,
    PolicyIssue,
    PolicyValidationError,
    Reader,
    compose,
    is_int,
)
from callshield.policy_yaml.when import read_when

__all__ = [
    "MAX_POLICY_CHARS",
    "PolicyIssue",
    "PolicyValidationError",
    "load_policy",
    "parse_policy",
]


def parse_policy(text: str, *, catalogue: Catalogue | None = None) -> Policy:
    """A `Policy` from YAML text; PolicyValidationError listing every problem otherwise."""
    reader = Reader(catalogue or Catalogue())
    root = compose(text, reader)
    policy = None if root is None else _read_policy(root, reader)
    if reader.issues or policy is None:
        raise PolicyValidationError(reader.issues)
    return policy


def load_policy(path: Path, *, catalogue: Catalogue | None = None) -> Policy:
    """A `Policy` from a YAML file (UTF-8)."""
    return parse_policy(path.read_text(encoding="utf-8"), catalogue=catalogue)


_TOP_KEYS = ("version", "name", "description", "mode", "default", "rules")
_RULE_KEYS = ("id", "description", "priority", "mode", "when", "then")
_THEN_KEYS = ("action", "severity", "notify")


def _read_policy(root: Node, reader: Reader) -> Policy | None:
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


def _read_rules(node: Node, reader: Reader) -> tuple[Rule, ...] | None:
    items = reader.sequence(node, "rules")
    if items is None:
        return None
    rules = [_read_rule(item, f"rules[{i}]", reader) for i, item in enumerate(items)]
    _refuse_ties(items, reader)
    out = tuple(r for r in rules if r is not None)
    return out if len(out) == len(rules) else None


def _refuse_ties(items: list[Node], reader: Reader) -> None:
    """Repeated rule ids or priorities, reported at the later rule with the earlier one named."""
    first: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        pairs = item.value if isinstance(item, MappingNode) else []
        for key_node, value_node in pairs:
            key = getattr(key_node, "value", None)
            if key not in ("id", "priority") or not isinstance(value_node, ScalarNode):
                continue
            value = value_node.value
            if key == "priority" and is_int(value_node) and len(value) <= 18:
                value = str(reader.constructor.construct_yaml_int(value_node))  # 0x0A is 10
            earlier = first.setdefault((key, value), i)
            if earlier != i:
                what = "ties with" if key == "priority" else "repeats the id of"
                reader.issue(
                    value_node, f"rules[{i}].{key}", f"{what} rules[{earlier}]; must be unique"
                )


def _read_rule(node: Node, path: str, reader: Reader) -> Rule | None:
    fields = reader.mapping(node, path, _RULE_KEYS, ("id", "priority", "then"))
    if fields is None:
        return None
    rule_id = fields.read("id", reader.text)
    priority = fields.read("priority", reader.integer(0))
    description = fields.read("description", reader.text, "")
    mode = fields.read("mode", reader.choice(Mode), Mode.ENFORCE)
    when: tuple[Condition, ...] | None = fields.read(
        "when", lambda n, p: read_when(n, p, reader), tuple[Condition, ...]()
    )
    then = fields.read("then", lambda n, p: _read_then(n, p, reader))
    if rule_id is None or priority is None or description is None or mode is None:
        return None
    if when is None or then is None:
        return None
    return reader.guarded(
        node, path, lambda: Rule(rule_id, priority, then, when, description, mode)
    )


def _read_then(node: Node, path: str, reader: Reader) -> Outcome | None:
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
