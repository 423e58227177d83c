"""Custom detectors and entities from a deployment's YAML (edge: parses, validates, compiles).

```yaml
version: 1
entities:
  - {name: EMPLOYEE_ID, category: internal.employee_id}
detectors:
  - name: employee_id
    entity: EMPLOYEE_ID
    pattern: 'EMP-\\d{6}'
    max_length: 16
    validator: luhn          # none | luhn | iban | aba_routing | us_ssn
    context: [employee, staff id]
    score: 0.6
    context_score: 0.9
```
Customer patterns are compiled with RE2 (linear time: no ReDoS) and also go into the shared
multi-pattern database as prefilters; a pattern RE2 or Hyperscan rejects is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import hyperscan
import re2
import yaml
from stdnum import iban, luhn
from stdnum.us import rtn, ssn

from callshield.core.detectors.custom import PatternDetector
from callshield.core.entities import Catalogue, EntityType

_VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": lambda v: luhn.is_valid("".join(c for c in v if c.isdigit()) or "x"),
    "iban": iban.is_valid,
    "aba_routing": lambda v: rtn.is_valid("".join(c for c in v if c.isdigit())),
    "us_ssn": lambda v: ssn.is_valid("".join(c for c in v if c.isdigit())),
}
_DETECTOR_FIELDS = frozenset(
    "name entity pattern max_length validator context score context_score case_sensitive".split()
)


class CustomDetectorError(ValueError):
    """The custom-detector file is invalid; the message names the field and the problem."""


@dataclass(frozen=True, slots=True)
class CustomConfig:
    catalogue: Catalogue
    detectors: tuple[PatternDetector, ...]


def load_custom(source: str, catalogue: Catalogue | None = None) -> CustomConfig:
    """Parse YAML text into custom entities and RE2-backed detectors."""
    try:
        doc = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CustomDetectorError(f"custom detectors: invalid YAML{where}") from None
    if not isinstance(doc, Mapping):
        raise CustomDetectorError("custom detectors: the document must be a mapping")
    if doc.get("version") != 1:
        raise CustomDetectorError("custom detectors: 'version: 1' is required")
    catalogue = catalogue or Catalogue()
    extra = [_entity(i, e) for i, e in enumerate(doc.get("entities") or [])]
    catalogue = catalogue.with_entities(extra)
    detectors = tuple(_detector(i, d, catalogue) for i, d in enumerate(doc.get("detectors") or []))
    return CustomConfig(catalogue, detectors)


def _entity(index: int, raw: Any) -> EntityType:
    where = f"entities[{index}]"
    if not isinstance(raw, Mapping) or not isinstance(raw.get("name"), str):
        raise CustomDetectorError(f"{where}: needs 'name' and 'category'")
    name = raw["name"].strip().upper()
    if not name.replace("_", "").isalnum():
        raise CustomDetectorError(f"{where}.name: use letters, digits and underscores")
    category = raw.get("category")
    if not isinstance(category, str) or not category:
        raise CustomDetectorError(f"{where}.category: required (e.g. internal.employee_id)")
    return EntityType(name, category, str(raw.get("description", "")))


def _detector(index: int, raw: Any, catalogue: Catalogue) -> PatternDetector:
    where = f"detectors[{index}]"
    if not isinstance(raw, Mapping):
        raise CustomDetectorError(f"{where}: must be a mapping")
    unknown = set(raw) - _DETECTOR_FIELDS
    if unknown:
        raise CustomDetectorError(f"{where}: unknown field(s) {sorted(unknown)}")
    for field in ("name", "entity", "pattern"):
        if not isinstance(raw.get(field), str) or not raw[field]:
            raise CustomDetectorError(f"{where}.{field}: required string")
    try:
        entity = catalogue.get(raw["entity"])
    except ValueError as exc:
        raise CustomDetectorError(f"{where}.entity: {exc}") from None
    caseless = not bool(raw.get("case_sensitive", False))
    regex = _compile(where, raw["pattern"], caseless)
    validator_name = str(raw.get("validator") or "none")
    if validator_name != "none" and validator_name not in _VALIDATORS:
        raise CustomDetectorError(
            f"{where}.validator: unknown {validator_name!r}; use none, {', '.join(_VALIDATORS)}"
        )
    return PatternDetector(
        name=raw["name"],
        entity=entity,
        expression=raw["pattern"],
        regex=regex,
        max_len=_number(where, raw, "max_length", 100, int),
        score=_number(where, raw, "score", 0.6, float),
        context=tuple(str(c) for c in raw.get("context") or ()),
        context_score=_number(where, raw, "context_score", 0.9, float),
        validator=_VALIDATORS.get(validator_name),
        validator_name=validator_name,
        caseless=caseless,
    )


def _compile(where: str, pattern: str, caseless: bool) -> Any:
    options = re2.Options()
    options.case_sensitive = not caseless
    options.log_errors = False
    try:
        regex = re2.compile(pattern, options)
    except re2.error:
        raise CustomDetectorError(
            f"{where}.pattern: not a valid RE2 pattern (no backreferences or lookaround)"
        ) from None
    db = hyperscan.Database()
    flags = hyperscan.HS_FLAG_PREFILTER | (hyperscan.HS_FLAG_CASELESS if caseless else 0)
    try:
        db.compile(expressions=[pattern.encode()], ids=[0], elements=1, flags=[flags])
    except hyperscan.error:
        raise CustomDetectorError(f"{where}.pattern: rejected by the pattern database") from None
    return regex


def _number(where: str, raw: Mapping[str, Any], key: str, default: float, kind: type) -> Any:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CustomDetectorError(f"{where}.{key}: must be a number")
    if kind is float and not 0.0 <= value <= 1.0:
        raise CustomDetectorError(f"{where}.{key}: must lie between 0 and 1")
    if kind is int and not 1 <= value <= 10_000:
        raise CustomDetectorError(f"{where}.{key}: must lie between 1 and 10000")
    return kind(value)
