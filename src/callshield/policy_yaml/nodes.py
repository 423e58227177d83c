"""The node reader under policy YAML: composing the document (safe loader, plain tags only),
typed reads of nodes that record an issue with its line, column and field path instead of
raising, and the issues themselves."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from callshield.core.document import Channel
from callshield.core.entities import Catalogue
from callshield.core.policy import (
    Action,
    Direction,
    Mode,
    PolicyError,
    Role,
    Severity,
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
Read = Callable[[Node, str], _T | None]


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


class Fields:
    """A mapping's value nodes by key, read with the field path each key adds."""

    __slots__ = ("path", "values")

    def __init__(self, path: str, values: dict[str, Node]) -> None:
        self.path = path
        self.values = values

    def read(self, key: str, read: Read[_T], default: _T | None = None) -> _T | None:
        """`read` of the key's node, or `default` when the key is absent."""
        node = self.values.get(key)
        return default if node is None else read(node, f"{self.path}.{key}".lstrip("."))


class Reader:
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
    ) -> Fields | None:
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
        return Fields(path, values)

    def sequence(self, node: Node, path: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.issue(node, path, "must be a list")
            return None
        return list(node.value)

    def items(
        self, node: Node, path: str, read: Read[_T], *, single: bool = False
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

    def integer(self, minimum: int) -> Read[int]:
        def read(node: Node, path: str) -> int | None:
            # Longer than 18 characters is a mistake, and int() may refuse it.
            if isinstance(node, ScalarNode) and is_int(node) and len(node.value) <= 18:
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

    def choice(self, kind: type[_E]) -> Read[_E]:
        def read(node: Node, path: str) -> _E | None:
            value = self.text(node, path)
            if value is None:
                return None
            for member in kind:
                if member.value == value.lower():
                    return member
            allowed = ", ".join(str(m.value) for m in kind)
            self.issue(node, path, f"unknown {KIND_NAMES[kind]}; allowed: {allowed}")
            return None

        return read

    def guarded(self, node: Node, path: str, build: Callable[[], _T]) -> _T | None:
        """`build()`, with a core PolicyError recorded as an issue at `node`."""
        try:
            return build()
        except PolicyError as exc:
            self.issue(node, path, str(exc))
            return None


def is_int(node: ScalarNode) -> bool:
    return bool(node.tag == _YAML_TAG + "int")


def _shown(key: str | None) -> str:
    """A key is echoed only when it is a plain word (a typo worth showing), never other text."""
    word = (key or "").replace("_", "")
    if key and len(key) <= 40 and word.isascii() and word.isalpha():
        return repr(key)
    return "(not shown: not a plain word)"


KIND_NAMES: dict[type[enum.Enum], str] = {
    Channel: "channel",
    Direction: "direction",
    Role: "role",
    Action: "action",
    Severity: "severity",
    Mode: "mode",
}


def compose(text: str, reader: Reader) -> Node | None:
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


def _plain_tree(root: Node, reader: Reader) -> bool:
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
