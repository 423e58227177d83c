"""Spans and findings: what detection produces and redaction consumes."""

from __future__ import annotations

from dataclasses import dataclass

from callshield.core.entities import EntityType


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character range [start, end) into a segment's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Finding:
    """One detected sensitive value. The value itself is never kept: only a keyed fingerprint.

    A changed score is a new Finding (`dataclasses.replace`); nothing is mutated.
    """

    entity: EntityType
    span: Span
    score: float
    detector: str
    reasons: tuple[str, ...]
    fingerprint: str
    segment_id: str = ""

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def moved(self, span: Span, segment_id: str) -> Finding:
        """The same finding at `span` of segment `segment_id` (a turn's finding in the offsets
        of its transcript, and back): `dataclasses.replace` at half its cost."""
        return Finding(
            self.entity, span, self.score, self.detector, self.reasons, self.fingerprint, segment_id
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form, without the value (there is none to leak)."""
        out: dict[str, object] = {
            "entity": self.entity.name,
            "start": self.span.start,
            "end": self.span.end,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
        }
        if self.segment_id:
            out["segment"] = self.segment_id
        return out
