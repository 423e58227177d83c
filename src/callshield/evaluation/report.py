"""Print an `EvaluationReport` as Rich tables: per entity, per kind, and spoken names."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from callshield.evaluation.metrics import EvaluationReport, OverRedaction, Score, Share


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def _score_cells(score: Score) -> list[str]:
    return [str(score.tp), str(score.fp), str(score.fn), _pct(score.precision),
            _pct(score.recall), _pct(score.f1)]  # fmt: skip


def _share_cell(share: Share | None) -> str:
    return "-" if share is None or not share.total else f"{_pct(share.value)} of {share.total}"


def entity_table(report: EvaluationReport) -> Table:
    """Precision, recall, F1 and full-redaction share per entity, then any-type."""
    table = Table(title=f"Accuracy per entity ({report.records} records)")
    table.add_column("Entity")
    for name in ("TP", "FP", "FN", "Precision", "Recall", "F1", "Fully redacted"):
        table.add_column(name, justify="right")
    for entity, score in report.entities.items():
        coverage = report.fully_redacted_by_entity.get(entity)
        table.add_row(entity, *_score_cells(score), _share_cell(coverage))
    table.add_section()
    table.add_row("any type", *_score_cells(report.any_type), "", style="bold")
    spoken = report.spoken_person
    table.add_row("PERSON (call_spoken)", *_score_cells(spoken), "", style="italic")
    return table


def _over_cells(over: OverRedaction) -> list[str]:
    return [
        f"{_pct(over.share)} of {over.clean_chars} chars",
        f"{over.decoys_touched}/{over.decoys}",
    ]


def kind_table(report: EvaluationReport) -> Table:
    """Per kind of record: gold spans fully redacted, over-redaction and decoys touched."""
    table = Table(title="Redaction per kind of record")
    table.add_column("Kind")
    for name in ("Fully redacted", "Over-redaction", "Decoys touched"):
        table.add_column(name, justify="right")
    kinds = sorted(set(report.fully_redacted_by_kind) | set(report.over_redaction_by_kind))
    for kind in kinds:
        over = report.over_redaction_by_kind.get(kind, OverRedaction())
        table.add_row(
            kind, _share_cell(report.fully_redacted_by_kind.get(kind)), *_over_cells(over)
        )
    table.add_section()
    total_hit = sum(s.hit for s in report.fully_redacted_by_kind.values())
    total = sum(s.total for s in report.fully_redacted_by_kind.values())
    overall = _share_cell(Share(total_hit, total))
    table.add_row("all", overall, *_over_cells(report.over_redaction), style="bold")
    return table


def render(report: EvaluationReport, console: Console) -> None:
    """Print the report's tables to `console`."""
    console.print(entity_table(report))
    console.print(kind_table(report))
