"""The accuracy harness: a labelled synthetic corpus, metrics over it and a report.

`generate_corpus()` builds the corpus (needs Faker, a development dependency), `evaluate(records,
engine.scan)` scores a scanner on it and `render(report, console)` prints the tables.
"""

from callshield.evaluation.corpus import (
    ENTITY_NAMES,
    KINDS,
    generate_corpus,
    read_jsonl,
    write_jsonl,
)
from callshield.evaluation.metrics import (
    CorpusFormatError,
    EvaluationReport,
    OverRedaction,
    Prediction,
    Score,
    Share,
    check_record,
    evaluate,
)
from callshield.evaluation.report import render

__all__ = [
    "ENTITY_NAMES",
    "KINDS",
    "CorpusFormatError",
    "EvaluationReport",
    "OverRedaction",
    "Prediction",
    "Score",
    "Share",
    "check_record",
    "evaluate",
    "generate_corpus",
    "read_jsonl",
    "render",
    "write_jsonl",
]
