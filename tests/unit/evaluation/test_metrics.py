"""Metrics on hand-made records, where every number can be counted by hand."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from callshield.core.entities import PAYMENT_CARD, EntityType
from callshield.core.finding import Finding, Span
from callshield.evaluation.corpus import generate_corpus
from callshield.evaluation.metrics import (
    CorpusFormatError,
    EvaluationReport,
    Score,
    evaluate,
)


@dataclass(frozen=True)
class _Entity:
    name: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


@dataclass(frozen=True)
class _Prediction:
    """A duck-typed prediction: anything with `.entity.name` and `.span.start/.end` will do."""

    entity: _Entity
    span: _Span


def _pred(entity: str, start: int, end: int) -> _Prediction:
    return _Prediction(_Entity(entity), _Span(start, end))


def _record(
    text: str, spans: Sequence[tuple[str, str]], kind: str = "chat", **extra: Any
) -> dict[str, Any]:
    """A record whose spans are given as (entity, value); each value is found in the text."""
    out: list[dict[str, Any]] = []
    for entity, value in spans:
        start = text.index(value)
        out.append({"start": start, "end": start + len(value), "entity": entity})
    return {"id": extra.get("id", "r"), "kind": kind, "text": text, "spans": out,
            "decoys": extra.get("decoys", [])}  # fmt: skip


def _scanner(table: dict[str, list[_Prediction]]) -> Callable[[str], list[_Prediction]]:
    return lambda text: table.get(text, [])


def _at(text: str, value: str, entity: str) -> _Prediction:
    start = text.index(value)
    return _pred(entity, start, start + len(value))


CARD_TEXT = "card 4111 1111 1111 1111 ok"
CARD = "4111 1111 1111 1111"


def test_exact_match_is_a_true_positive_fully_redacted() -> None:
    records = [_record(CARD_TEXT, [("PAYMENT_CARD", CARD)])]
    report = evaluate(records, _scanner({CARD_TEXT: [_at(CARD_TEXT, CARD, "PAYMENT_CARD")]}))
    assert report.entities["PAYMENT_CARD"] == Score(tp=1, fp=0, fn=0)
    assert (report.any_type.precision, report.any_type.recall, report.any_type.f1) == (1, 1, 1)
    assert report.fully_redacted_by_entity["PAYMENT_CARD"].value == 1.0
    assert report.over_redaction.redacted_chars == 0
    assert report.over_redaction.clean_chars == len("card") + len("ok")


def test_partial_coverage_is_found_but_not_fully_redacted() -> None:
    records = [_record(CARD_TEXT, [("PAYMENT_CARD", CARD)])]
    report = evaluate(records, _scanner({CARD_TEXT: [_at(CARD_TEXT, "4111 1111", "PAYMENT_CARD")]}))
    assert report.entities["PAYMENT_CARD"] == Score(tp=1, fp=0, fn=0)
    share = report.fully_redacted_by_entity["PAYMENT_CARD"]
    assert (share.hit, share.total) == (0, 1)
    assert report.fully_redacted_by_kind["chat"].value == 0.0


def test_whitespace_left_uncovered_still_counts_as_fully_redacted() -> None:
    groups = [_at(CARD_TEXT, g, "PAYMENT_CARD") for g in ("4111 1111", "1111 1111 ok")]
    records = [_record(CARD_TEXT, [("PAYMENT_CARD", CARD)])]
    report = evaluate(records, _scanner({CARD_TEXT: groups}))
    # Both pieces overlap the one gold span: one tp, no fp; "ok" is over-redacted.
    assert report.entities["PAYMENT_CARD"] == Score(tp=1, fp=0, fn=0)
    assert report.fully_redacted_by_entity["PAYMENT_CARD"].hit == 1
    assert (report.over_redaction.redacted_chars, report.over_redaction.clean_chars) == (2, 6)


def test_overlap_with_another_entity_counts_only_for_any_type() -> None:
    text = "call 555 867 5309 now"
    records = [_record(text, [("PHONE", "555 867 5309")])]
    report = evaluate(records, _scanner({text: [_at(text, "555 867 5309", "US_SSN")]}))
    assert report.entities["PHONE"] == Score(tp=0, fp=0, fn=1)
    assert report.entities["US_SSN"] == Score(tp=0, fp=1, fn=0)
    assert report.any_type == Score(tp=1, fp=0, fn=0)
    # Redaction does not care which entity covered the value.
    assert report.fully_redacted_by_entity["PHONE"].value == 1.0


def test_false_positives_misses_and_rates() -> None:
    text = "pin 4921, order 100234987, ssn 078-05-1120"
    records = [_record(text, [("PIN", "4921"), ("US_SSN", "078-05-1120")])]
    preds = [_at(text, "4921", "PIN"), _at(text, "100234987", "PIN")]
    report = evaluate(records, _scanner({text: preds}))
    pin = report.entities["PIN"]
    assert pin == Score(tp=1, fp=1, fn=0)
    assert (pin.precision, pin.recall) == (0.5, 1.0)
    assert pin.f1 == pytest.approx(2 / 3)
    assert report.entities["US_SSN"] == Score(tp=0, fp=0, fn=1)
    assert report.entities["US_SSN"].precision == 0.0  # nothing predicted: 0, not an error
    assert report.any_type == Score(tp=1, fp=1, fn=1)


def test_over_redaction_and_decoys_are_counted_per_kind() -> None:
    text = "Order 12345 for John"
    decoys = [{"start": 6, "end": 11, "kind": "order_number"}, {"start": 0, "end": 5, "kind": "x"}]
    spoken = "my name is john smith"
    records = [
        _record(text, [("PERSON", "John")], kind="email", decoys=decoys),
        _record(spoken, [("PERSON", "john smith")], kind="call_spoken", id="s"),
    ]
    preds = {text: [_pred("US_ZIP", 6, 11)], spoken: [_at(spoken, "is john", "PERSON")]}
    report = evaluate(records, _scanner(preds))
    email = report.over_redaction_by_kind["email"]
    assert (email.redacted_chars, email.clean_chars) == (5, 13)  # "Order", "12345", "for"
    assert email.share == pytest.approx(5 / 13)
    assert (email.decoys_touched, email.decoys) == (1, 2)
    call = report.over_redaction_by_kind["call_spoken"]
    assert (call.redacted_chars, call.clean_chars) == (2, 8)  # "is" of "my", "name", "is"
    overall = report.over_redaction
    assert (overall.redacted_chars, overall.clean_chars, overall.decoys_touched) == (7, 21, 1)
    assert report.fully_redacted_by_kind["email"].value == 0.0
    assert report.fully_redacted_by_kind["call_spoken"].value == 0.0  # "smith" left


def test_person_on_spoken_calls_is_scored_apart() -> None:
    written, spoken = "Thanks, Mary Jones.", "thanks mary jones"
    records = [
        _record(written, [("PERSON", "Mary Jones")], kind="call_written", id="w"),
        _record(spoken, [("PERSON", "mary jones")], kind="call_spoken", id="s"),
    ]
    preds = {
        written: [_at(written, "Mary Jones", "PERSON")],
        spoken: [_at(spoken, "thanks", "PERSON")],
    }
    report = evaluate(records, _scanner(preds))
    assert report.entities["PERSON"] == Score(tp=1, fp=1, fn=1)
    assert report.spoken_person == Score(tp=0, fp=1, fn=1)
    assert report.entities_by_kind["call_written"]["PERSON"] == Score(tp=1)


def test_predictions_past_the_text_are_clipped_and_empty_ones_dropped() -> None:
    text = "pin 4921"
    records = [_record(text, [("PIN", "4921")])]
    report = evaluate(records, _scanner({text: [_pred("PIN", 4, 99), _pred("PIN", 2, 2)]}))
    assert report.entities["PIN"] == Score(tp=1)
    assert report.fully_redacted_by_entity["PIN"].value == 1.0


def test_core_findings_fit_the_scanner_protocol() -> None:
    text = CARD_TEXT
    finding = Finding(PAYMENT_CARD, Span(5, 24), 0.99, "card", ("luhn ok",), "fp")

    def scan(_: str) -> list[Finding]:
        return [finding]

    report = evaluate([_record(text, [("PAYMENT_CARD", CARD)])], scan)
    assert report.entities["PAYMENT_CARD"] == Score(tp=1)
    assert isinstance(PAYMENT_CARD, EntityType)


def test_nothing_to_score_gives_zeros_not_errors() -> None:
    report = evaluate([], _scanner({}))
    assert report.records == 0 and report.any_type == Score()
    assert report.any_type.f1 == 0.0 and report.over_redaction.share == 0.0
    assert report.spoken_person == Score()
    assert json.loads(json.dumps(report.to_dict()))["records"] == 0


def test_to_dict_is_json_ready() -> None:
    records = [_record(CARD_TEXT, [("PAYMENT_CARD", CARD)])]
    report = evaluate(records, _scanner({CARD_TEXT: [_at(CARD_TEXT, "4111", "PAYMENT_CARD")]}))
    data = json.loads(json.dumps(report.to_dict()))
    assert data["entities"]["PAYMENT_CARD"] == {
        "tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0,
    }  # fmt: skip
    assert data["fully_redacted_by_entity"]["PAYMENT_CARD"] == {"hit": 0, "total": 1, "share": 0.0}
    assert set(data) >= {"any_type", "over_redaction", "over_redaction_by_kind", "spoken_person"}


def test_a_malformed_record_is_named() -> None:
    bad = {"id": "chat-7", "text": "abc", "spans": [{"start": 0, "end": 10, "entity": "PIN"}]}
    with pytest.raises(CorpusFormatError, match="chat-7"):
        evaluate([bad], _scanner({}))


def test_oracle_and_blind_scanners_on_the_generated_corpus() -> None:
    records = generate_corpus(200)
    gold = {
        r["text"]: [_pred(s["entity"], s["start"], s["end"]) for s in r["spans"]] for r in records
    }
    oracle: EvaluationReport = evaluate(records, _scanner(gold))
    assert all(s.fp == 0 and s.fn == 0 for s in oracle.entities.values())
    assert all(s.value == 1.0 for s in oracle.fully_redacted_by_kind.values())
    assert oracle.over_redaction.redacted_chars == 0 and oracle.over_redaction.decoys_touched == 0
    blind = evaluate(records, _scanner({}))
    assert blind.any_type.recall == 0.0 and blind.any_type.tp == 0
    assert blind.any_type.fn == sum(len(r["spans"]) for r in records)
