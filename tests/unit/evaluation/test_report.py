"""The Rich report: every table renders, for a real run and for an empty one."""

from __future__ import annotations

from rich.console import Console

from callshield.evaluation import evaluate, generate_corpus, render


def _rendered(records: list[dict[str, object]]) -> str:
    report = evaluate(records, lambda text: [])
    console = Console(record=True, width=160, color_system=None)
    render(report, console)
    return console.export_text()


def test_report_lists_entities_kinds_and_spoken_person() -> None:
    text = _rendered(generate_corpus(40))
    expected = ("Accuracy per entity (40 records)", "PAYMENT_CARD", "any type",
                "PERSON (call_spoken)", "Redaction per kind", "call_spoken", "all")  # fmt: skip
    for line in expected:
        assert line in text, line
    assert "0.0%" in text


def test_empty_report_renders() -> None:
    text = _rendered([])
    assert "Accuracy per entity (0 records)" in text
