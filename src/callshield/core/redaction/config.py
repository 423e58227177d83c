"""Operators from configuration (YAML or JSON already parsed into mappings).

```yaml
PAYMENT_CARD: {op: mask, keep_last: 4}
PERSON: {op: placeholder}
US_SSN: {op: hash, key: hmac}        # `key` names an entry of the keys passed in
```

Keys are handed over by the caller (from a vault or settings at the edge), never read here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from callshield.core.redaction.operators import (
    Encrypt,
    Hash,
    Mask,
    Operator,
    Placeholder,
    Replace,
)
from callshield.core.redaction.surrogates import Surrogate


class OperatorConfigError(ValueError):
    """A redaction operator configuration is wrong; the message names the entity and field."""


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,40}")


def shown(text: object) -> str:
    """A configuration word as it may appear in a message: names only, never pasted content."""
    return str(text) if _NAME.fullmatch(str(text)) else "<hidden: not a name>"


_Spec = Mapping[str, object]
_Keys = Mapping[str, bytes]

#: op name -> the fields it accepts besides `op`.
_FIELDS: Mapping[str, frozenset[str]] = {
    "replace": frozenset({"label"}),
    "mask": frozenset({"keep_last", "char"}),
    "placeholder": frozenset(),
    "hash": frozenset({"key", "length"}),
    "encrypt": frozenset({"key", "key_id"}),
    "surrogate": frozenset({"key"}),
}


def _int(entity: str, spec: _Spec, name: str, default: int) -> int:
    value = spec.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise OperatorConfigError(
            f"{entity}.{name}: expected an integer, got {type(value).__name__}"
        )
    return value


def _text(entity: str, spec: _Spec, name: str, default: str | None) -> str | None:
    value = spec.get(name, default)
    if value is not None and not isinstance(value, str):
        raise OperatorConfigError(f"{entity}.{name}: expected a string, got {type(value).__name__}")
    return value


def _key_name(entity: str, spec: _Spec, keys: _Keys) -> str:
    name = _text(entity, spec, "key", None)
    if name is None:
        raise OperatorConfigError(f"{entity}.key: required; name one of the keys passed in")
    if name not in keys:
        raise OperatorConfigError(
            f"{entity}.key: no key named {shown(name)!r} was passed in; pass it in keys"
        )
    return name


def _replace(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    return Replace(label=_text(entity, spec, "label", None))


def _mask(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    char = _text(entity, spec, "char", "*") or ""
    return Mask(keep_last=_int(entity, spec, "keep_last", 0), char=char)


def _placeholder(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    return Placeholder()


def _hash(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    key = keys[_key_name(entity, spec, keys)]
    return Hash(key=key, length=_int(entity, spec, "length", 16))


def _encrypt(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    name = _key_name(entity, spec, keys)
    return Encrypt(key=keys[name], key_id=_text(entity, spec, "key_id", name) or "")


def _surrogate(entity: str, spec: _Spec, keys: _Keys) -> Operator:
    if "key" not in spec:
        return Surrogate()
    return Surrogate(key=keys[_key_name(entity, spec, keys)])


_BUILDERS: Mapping[str, Callable[[str, _Spec, _Keys], Operator]] = {
    "replace": _replace,
    "mask": _mask,
    "placeholder": _placeholder,
    "hash": _hash,
    "encrypt": _encrypt,
    "surrogate": _surrogate,
}


def _parse_one(entity: str, spec: object, keys: _Keys) -> Operator:
    if not isinstance(spec, Mapping):
        raise OperatorConfigError(f"{entity}: expected a mapping with an 'op' field")
    op = spec.get("op")
    known = ", ".join(_FIELDS)
    if not isinstance(op, str):
        raise OperatorConfigError(f"{entity}.op: required; one of {known}")
    op = op.lower()
    if op not in _FIELDS:
        raise OperatorConfigError(f"{entity}.op: unknown op {shown(op)!r}; one of {known}")
    for name in sorted(str(field) for field in spec):
        if name != "op" and name not in _FIELDS[op]:
            allowed = ", ".join(sorted(_FIELDS[op])) or "none"
            raise OperatorConfigError(
                f"{entity}.{shown(name)}: unknown field for op {shown(op)!r}; allowed: {allowed}"
            )
    try:
        return _BUILDERS[op](entity, spec, keys)
    except OperatorConfigError:
        raise
    except ValueError as exc:  # the operators' own checks; their messages never hold key bytes
        raise OperatorConfigError(f"{entity}: {exc}") from None


def parse_operators(
    config: Mapping[str, Mapping[str, object]], keys: Mapping[str, bytes] | None = None
) -> dict[str, Operator]:
    """Operators per entity name from configuration; `key` fields name entries of `keys`."""
    given_keys: _Keys = keys if keys is not None else {}
    return {
        str(entity).upper(): _parse_one(shown(str(entity).upper()), spec, given_keys)
        for entity, spec in config.items()
    }
