"""Per-entity accuracy against gold spans, shared by the comparison benchmarks.

Matching is by overlap: a predicted span counts as a true positive when it overlaps a gold span
of the same entity, and a gold span counts as found when some predicted span of its entity
overlaps it (scrubadub-style "overlap" scoring). Redaction coverage asks a different question:
would redacting *everything* the tool found (whatever it labelled it) leave no alphanumeric
character of the gold value in clear?
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Labelled:
    """One span in one document: gold or predicted."""

    doc: int
    entity: str
    start: int
    end: int


@dataclass(slots=True)
class EntityScore:
    """Counts for one entity; precision, recall and F1 derive from them."""

    gold: int = 0
    predicted: int = 0
    matched_predictions: int = 0
    found_gold: int = 0
    fully_redacted: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def redacted_share(self) -> float:
        return self.fully_redacted / self.gold if self.gold else 0.0

    def add(self, other: EntityScore) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched_predictions += other.matched_predictions
        self.found_gold += other.found_gold
        self.fully_redacted += other.fully_redacted


@dataclass(slots=True)
class AccuracyReport:
    """Scores per entity, plus the examples a human should look at."""

    per_entity: dict[str, EntityScore] = field(default_factory=dict)
    missed: list[Labelled] = field(default_factory=list)
    spurious: list[Labelled] = field(default_factory=list)

    def micro(self, entities: Iterable[str]) -> EntityScore:
        total = EntityScore()
        for name in entities:
            if name in self.per_entity:
                total.add(self.per_entity[name])
        return total


def _by_doc(spans: Iterable[Labelled]) -> dict[int, list[Labelled]]:
    grouped: dict[int, list[Labelled]] = defaultdict(list)
    for span in spans:
        grouped[span.doc].append(span)
    return grouped


def _overlaps(a: Labelled, b: Labelled) -> bool:
    return a.start < b.end and b.start < a.end


def _fully_covered(gold: Labelled, text: str, cover: Sequence[Labelled]) -> bool:
    """True when every alphanumeric character of the gold value lies inside some found span."""
    relevant = [c for c in cover if _overlaps(gold, c)]
    for pos in range(gold.start, gold.end):
        if text[pos].isalnum() and not any(c.start <= pos < c.end for c in relevant):
            return False
    return True


def score(
    texts: Sequence[str],
    gold: Sequence[Labelled],
    predicted: Sequence[Labelled],
    all_found: Sequence[Labelled] | None = None,
) -> AccuracyReport:
    """Overlap-matched P/R/F1 per entity and full-redaction share.

    `predicted` holds the findings mapped to gold entity names (unmapped ones left out);
    `all_found` holds every finding of the tool, whatever its label, for redaction coverage
    (defaults to `predicted`).
    """
    report = AccuracyReport()
    gold_by_doc = _by_doc(gold)
    pred_by_doc = _by_doc(predicted)
    cover_by_doc = _by_doc(predicted if all_found is None else all_found)

    def entry(name: str) -> EntityScore:
        return report.per_entity.setdefault(name, EntityScore())

    for doc in sorted(set(gold_by_doc) | set(pred_by_doc)):
        doc_gold = gold_by_doc.get(doc, [])
        doc_pred = pred_by_doc.get(doc, [])
        for g in doc_gold:
            stats = entry(g.entity)
            stats.gold += 1
            if any(p.entity == g.entity and _overlaps(g, p) for p in doc_pred):
                stats.found_gold += 1
            else:
                report.missed.append(g)
            if _fully_covered(g, texts[doc], cover_by_doc.get(doc, [])):
                stats.fully_redacted += 1
        for p in doc_pred:
            stats = entry(p.entity)
            stats.predicted += 1
            if any(p.entity == g.entity and _overlaps(g, p) for g in doc_gold):
                stats.matched_predictions += 1
            else:
                report.spurious.append(p)
    return report


def gold_spans(records: Sequence[Mapping[str, object]]) -> list[Labelled]:
    """Gold spans of every record, indexed by the record's position."""
    out: list[Labelled] = []
    for doc, record in enumerate(records):
        spans = record.get("spans", [])
        assert isinstance(spans, list)
        out.extend(Labelled(doc, str(s["entity"]), int(s["start"]), int(s["end"])) for s in spans)
    return out


def restrict(spans: Sequence[Labelled], docs: Collection[int]) -> list[Labelled]:
    """Only the spans in the given documents (for a per-kind breakdown)."""
    return [s for s in spans if s.doc in docs]
