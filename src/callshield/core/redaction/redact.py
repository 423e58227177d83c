"""redact(): transform the given findings in a text. It never detects.

Overlapping and nested findings are merged first, so that no character of any finding survives;
each merged region is then handed to the operator chosen for its entity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from callshield.core.entities import EntityType
from callshield.core.finding import Finding, Span
from callshield.core.redaction.operators import Operator, RedactionState, Replace

#: Operators that keep something derived from the value; PCI DSS forbids that for sensitive
#: authentication data (CVV, PIN), so those entities are replaced instead.
_VALUE_KEEPING_OPERATORS = frozenset({"hash", "encrypt"})


@dataclass(frozen=True, slots=True)
class Replacement:
    """Where one region was in the input, where its replacement is in the output, and how."""

    entity: EntityType
    original: Span
    redacted: Span
    operator: str


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The redacted text and its replacements. Holds no original value.

    The repr leaves the text out, so that logging a result never logs a transcript.
    """

    text: str = field(repr=False)
    replacements: tuple[Replacement, ...] = ()


@dataclass(frozen=True, slots=True)
class Region:
    """A run of text to redact: the union of overlapping findings, with the winning entity."""

    span: Span
    entity: EntityType


def _winner(group: Sequence[Finding]) -> Region:
    best = min(group, key=lambda f: (-f.score, f.entity.name, f.span.start))
    return Region(Span(group[0].span.start, max(f.span.end for f in group)), best.entity)


def merge_findings(findings: Sequence[Finding], length: int) -> tuple[Region, ...]:
    """Regions to redact, in order: overlapping or nested findings become one region.

    The region takes the entity of the highest-scoring finding (ties: entity name, then start).
    Empty findings have nothing to redact and are skipped. Raises ValueError, naming offsets
    only, for a finding that does not fit in a text of `length` characters.
    """
    for finding in findings:
        if finding.span.end > length:
            raise ValueError(
                f"finding span [{finding.span.start}, {finding.span.end}) is outside the text "
                f"(length {length}); findings must come from this text"
            )
    ordered = sorted((f for f in findings if len(f.span) > 0), key=lambda f: f.span)
    groups: list[list[Finding]] = []
    end = -1
    for finding in ordered:
        if groups and finding.span.start < end:
            groups[-1].append(finding)
        else:
            groups.append([finding])
        end = max(end, finding.span.end)
    return tuple(_winner(group) for group in groups)


def _operator_for(
    entity: EntityType, operators: Mapping[str, Operator], default: Operator
) -> Operator:
    operator = operators.get(entity.name, default)
    if entity.sensitive_authentication_data and operator.name in _VALUE_KEEPING_OPERATORS:
        return Replace()
    return operator


def redact(
    text: str,
    findings: Sequence[Finding],
    operators: Mapping[str, Operator] | None = None,
    default: Operator | None = None,
) -> RedactionResult:
    """Replace each finding in `text` using the operator for its entity name (default Replace).

    Same value, same placeholder or surrogate within this call; nothing carries over to the next.
    """
    chosen: Mapping[str, Operator] = operators if operators is not None else {}
    fallback: Operator = default if default is not None else Replace()
    state = RedactionState()
    parts: list[str] = []
    replacements: list[Replacement] = []
    cursor = 0
    position = 0
    for region in merge_findings(findings, len(text)):
        kept = text[cursor : region.span.start]
        operator = _operator_for(region.entity, chosen, fallback)
        value = text[region.span.start : region.span.end]
        written = operator.apply(value, region.entity, state)
        position += len(kept)
        parts += (kept, written)
        redacted = Span(position, position + len(written))
        replacements.append(Replacement(region.entity, region.span, redacted, operator.name))
        position = redacted.end
        cursor = region.span.end
    parts.append(text[cursor:])
    return RedactionResult("".join(parts), tuple(replacements))
