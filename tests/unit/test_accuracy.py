"""Acceptance on a held-out synthetic corpus (a seed the detectors were never tuned on).

The corpus mixes call transcripts in written and raw spoken ASR form, chats and e-mails, with
non-sensitive decoys (order numbers, tickets, amounts, times, plain dates).
"""

from __future__ import annotations

from typing import Any

import pytest

from callshield import Engine
from callshield.evaluation import EvaluationReport, evaluate, generate_corpus

HELD_OUT_SEED = 20261128
REDACTION_ENTITIES = (
    "PAYMENT_CARD",
    "US_SSN",
    "BANK_ACCOUNT",
    "ABA_ROUTING",
    "IBAN",
    "PHONE",
    "EMAIL",
)


@pytest.fixture(scope="module")
def report(engine: Engine) -> EvaluationReport:
    return evaluate(generate_corpus(n=800, seed=HELD_OUT_SEED), engine.scan)


def _fully_redacted(records: list[dict[str, Any]], engine: Engine, spoken: bool) -> float:
    hit = total = 0
    for record in records:
        if (record["kind"] == "call_spoken") != spoken:
            continue
        covered = [(f.start, f.end) for f in engine.scan(record["text"])]
        for span in record["spans"]:
            if span["entity"] not in REDACTION_ENTITIES:
                continue
            total += 1
            chars = [
                i for i in range(span["start"], span["end"]) if not record["text"][i].isspace()
            ]
            hit += all(any(s <= i < e for s, e in covered) for i in chars)
    return hit / total


def test_any_type_f1(report: EvaluationReport) -> None:
    assert report.any_type.f1 >= 0.95


def test_written_and_spoken_values_fully_redacted(engine: Engine) -> None:
    records = generate_corpus(n=800, seed=HELD_OUT_SEED)
    assert _fully_redacted(records, engine, spoken=False) >= 0.99
    assert _fully_redacted(records, engine, spoken=True) >= 0.97


def test_person_in_lowercase_transcripts(report: EvaluationReport) -> None:
    person = report.spoken_person
    assert person.recall >= 0.90
    assert person.precision >= 0.90


def test_decoys_are_not_over_redacted(report: EvaluationReport) -> None:
    assert report.over_redaction.share <= 0.02
