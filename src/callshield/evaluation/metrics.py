"""Accuracy of a scanner on labelled records: per-entity P/R/F1, coverage and over-redaction.

Matching is by overlap, because detectors and annotators often disagree on a cue word or a
trailing digit group: a gold span counts as found (tp) when a prediction of the same entity
overlaps it, and as missed (fn) otherwise; a prediction counts as false (fp) when it overlaps no
gold span of its entity. "Any-type" scores ignore the entity. Overlap is not enough for a
redaction, so `fully_redacted` asks whether every non-whitespace character of a gold span is
covered by some prediction, and over-redaction counts the characters outside gold spans that a
prediction covers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol

#: (start, end, entity) of a gold span or a prediction.
_Labelled = tuple[int, int, str]


class CorpusFormatError(ValueError):
    """A corpus record is malformed: the message says which record and what is wrong."""


class _Named(Protocol):
    @property
    def name(self) -> str: ...


class _Ranged(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class Prediction(Protocol):
    """What a scanner returns per value: a `Finding` fits, and so does any look-alike."""

    @property
    def entity(self) -> _Named: ...

    @property
    def span(self) -> _Ranged: ...


Scanner = Callable[[str], Iterable[Prediction]]


def _ratio(part: int, whole: int) -> float:
    """part / whole, and 0.0 when there is nothing to divide (no predictions, no gold)."""
    return part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and the rates they give: tp and fn count gold spans, fp counts predictions."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Share:
    """`hit` of `total` (e.g. gold spans fully redacted); `value` is 0.0 when total is 0."""

    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return _ratio(self.hit, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"hit": self.hit, "total": self.total, "share": round(self.value, 4)}


@dataclass(frozen=True, slots=True)
class OverRedaction:
    """Non-whitespace characters outside every gold span, and how many a prediction covered."""

    redacted_chars: int = 0
    clean_chars: int = 0
    decoys_touched: int = 0
    decoys: int = 0

    @property
    def share(self) -> float:
        """Share of the non-sensitive (non-whitespace) text that was redacted anyway."""
        return _ratio(self.redacted_chars, self.clean_chars)

    def to_dict(self) -> dict[str, Any]:
        return {"redacted_chars": self.redacted_chars, "clean_chars": self.clean_chars,
                "share": round(self.share, 4), "decoys_touched": self.decoys_touched,
                "decoys": self.decoys}  # fmt: skip


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """Everything `evaluate` measured; `to_dict()` gives a JSON-ready form."""

    records: int
    entities: Mapping[str, Score]
    entities_by_kind: Mapping[str, Mapping[str, Score]]
    any_type: Score
    fully_redacted_by_entity: Mapping[str, Share]
    fully_redacted_by_kind: Mapping[str, Share]
    over_redaction: OverRedaction
    over_redaction_by_kind: Mapping[str, OverRedaction]

    @property
    def spoken_person(self) -> Score:
        """PERSON on raw ASR text only: the hardest case for a name detector."""
        return self.entities_by_kind.get("call_spoken", {}).get("PERSON", Score())

    def to_dict(self) -> dict[str, Any]:
        def scores(items: Mapping[str, Score | Share | OverRedaction]) -> dict[str, Any]:
            return {name: item.to_dict() for name, item in sorted(items.items())}

        return {
            "records": self.records,
            "entities": scores(self.entities),
            "entities_by_kind": {k: scores(v) for k, v in sorted(self.entities_by_kind.items())},
            "any_type": self.any_type.to_dict(),
            "fully_redacted_by_entity": scores(self.fully_redacted_by_entity),
            "fully_redacted_by_kind": scores(self.fully_redacted_by_kind),
            "over_redaction": self.over_redaction.to_dict(),
            "over_redaction_by_kind": scores(self.over_redaction_by_kind),
            "spoken_person": self.spoken_person.to_dict(),
        }


def check_record(record: Mapping[str, Any]) -> None:
    """Raise CorpusFormatError unless `record` has a text and spans that lie inside it."""
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusFormatError("record needs a 'text' string")
    for key in ("spans", "decoys"):
        items = record.get(key, [])
        if not isinstance(items, list):
            raise CorpusFormatError(f"record {key!r} must be a list")
        for item in items:
            if not isinstance(item, Mapping):
                raise CorpusFormatError(f"each of {key!r} must be an object, got {item!r}")
            start, end = item.get("start"), item.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                raise CorpusFormatError(f"{key} entry {dict(item)!r} needs 0 <= start < end")
            if end > len(text):
                raise CorpusFormatError(f"{key} entry {dict(item)!r} ends past the text")
            if key == "spans" and not isinstance(item.get("entity"), str):
                raise CorpusFormatError(f"span {dict(item)!r} needs an 'entity' name")


class _Tally:
    """Mutable counters while records stream past; frozen into a report at the end."""

    def __init__(self) -> None:
        self.records = 0
        self.entity: Counter[tuple[str, str, str]] = Counter()  # (kind, entity, tp|fp|fn)
        self.any_type: Counter[str] = Counter()
        self.full_entity: Counter[tuple[str, str]] = Counter()  # (entity, hit|total)
        self.full_kind: Counter[tuple[str, str]] = Counter()
        self.over: Counter[tuple[str, str]] = Counter()  # (kind, field of OverRedaction)


def _overlaps(a: _Labelled, b: _Labelled) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_gold(
    *,
    text: str, kind: str, gold: list[_Labelled], preds: list[_Labelled], covered: bytearray,
    tally: _Tally,
) -> None:  # fmt: skip
    for span in gold:
        start, end, entity = span
        same = any(p[2] == entity and _overlaps(p, span) for p in preds)
        tally.entity[kind, entity, "tp" if same else "fn"] += 1
        tally.any_type["tp" if any(_overlaps(p, span) for p in preds) else "fn"] += 1
        full = all(covered[i] or text[i].isspace() for i in range(start, end))
        for counter, key in ((tally.full_entity, entity), (tally.full_kind, kind)):
            counter[key, "total"] += 1
            counter[key, "hit"] += full


def _score_predictions(
    kind: str, gold: list[_Labelled], preds: list[_Labelled], tally: _Tally
) -> None:
    for pred in preds:
        if not any(g[2] == pred[2] and _overlaps(g, pred) for g in gold):
            tally.entity[kind, pred[2], "fp"] += 1
        if not any(_overlaps(g, pred) for g in gold):
            tally.any_type["fp"] += 1


def _score_clean_text(
    *,
    record: Mapping[str, Any], gold: list[_Labelled], preds: list[_Labelled], covered: bytearray,
    tally: _Tally,
) -> None:  # fmt: skip
    text, kind = record["text"], str(record.get("kind", "unknown"))
    sensitive = bytearray(len(text))
    for start, end, _ in gold:
        sensitive[start:end] = b"\x01" * (end - start)
    for i, char in enumerate(text):
        if not sensitive[i] and not char.isspace():
            tally.over[kind, "clean_chars"] += 1
            tally.over[kind, "redacted_chars"] += covered[i]
    for decoy in record.get("decoys", []):
        span = (decoy["start"], decoy["end"], "")
        tally.over[kind, "decoys"] += 1
        tally.over[kind, "decoys_touched"] += any(_overlaps(p, span) for p in preds)


def _predictions(scan: Scanner, text: str) -> list[_Labelled]:
    """The scanner's spans, clipped to the text; empty ones are dropped."""
    out: list[_Labelled] = []
    for pred in scan(text):
        start, end = max(0, pred.span.start), min(len(text), pred.span.end)
        if start < end:
            out.append((start, end, pred.entity.name))
    return out


def evaluate(records: Iterable[Mapping[str, Any]], scan: Scanner) -> EvaluationReport:
    """Run `scan` over each record's text and score it against the record's gold spans.

    Raises CorpusFormatError naming the record when one is malformed.
    """
    tally = _Tally()
    for record in records:
        try:
            check_record(record)
        except CorpusFormatError as exc:
            raise CorpusFormatError(f"record {record.get('id', tally.records)!r}: {exc}") from exc
        text, kind = record["text"], str(record.get("kind", "unknown"))
        gold = [(s["start"], s["end"], s["entity"]) for s in record.get("spans", [])]
        preds = _predictions(scan, text)
        covered = bytearray(len(text))
        for start, end, _ in preds:
            covered[start:end] = b"\x01" * (end - start)
        _score_gold(text=text, kind=kind, gold=gold, preds=preds, covered=covered, tally=tally)
        _score_predictions(kind, gold, preds, tally)
        _score_clean_text(record=record, gold=gold, preds=preds, covered=covered, tally=tally)
        tally.records += 1
    return _freeze(tally)


def _freeze(tally: _Tally) -> EvaluationReport:
    by_kind: dict[str, dict[str, Counter[str]]] = {}
    totals: dict[str, Counter[str]] = {}
    for (kind, entity, outcome), count in tally.entity.items():
        by_kind.setdefault(kind, {}).setdefault(entity, Counter())[outcome] += count
        totals.setdefault(entity, Counter())[outcome] += count

    def score(c: Counter[str]) -> Score:
        return Score(tp=c["tp"], fp=c["fp"], fn=c["fn"])

    def shares(c: Counter[tuple[str, str]]) -> Mapping[str, Share]:
        keys = sorted({key for key, _ in c})
        return MappingProxyType({k: Share(c[k, "hit"], c[k, "total"]) for k in keys})

    over_kinds = sorted({kind for kind, _ in tally.over})
    over = {k: OverRedaction(**{f: tally.over[k, f] for f in _OVER_FIELDS}) for k in over_kinds}
    overall = OverRedaction(**{f: sum(tally.over[k, f] for k in over_kinds) for f in _OVER_FIELDS})
    return EvaluationReport(
        records=tally.records,
        entities=MappingProxyType({e: score(c) for e, c in sorted(totals.items())}),
        entities_by_kind=MappingProxyType(
            {
                k: MappingProxyType({e: score(c) for e, c in sorted(v.items())})
                for k, v in sorted(by_kind.items())
            }
        ),
        any_type=score(tally.any_type),
        fully_redacted_by_entity=shares(tally.full_entity),
        fully_redacted_by_kind=shares(tally.full_kind),
        over_redaction=overall,
        over_redaction_by_kind=MappingProxyType(over),
    )


_OVER_FIELDS = ("redacted_chars", "clean_chars", "decoys_touched", "decoys")
