"""Shared plumbing for the benchmarks: the corpus, one-core pinning, timing and printing.

Benchmarks run as scripts (`python bench/<name>.py`), so this module is imported by its bare
name. It imports `callshield` lazily and falls back to the repository's `src/` when the package
is not installed, so `python bench/x.py` works from a plain checkout too.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent

#: One labelled document: {"id", "kind", "text", "spans": [{"start", "end", "entity"}], ...}
CorpusRecord = dict[str, Any]


class CorpusUnavailableError(RuntimeError):
    """Neither a corpus file nor the corpus generator is available."""


def ensure_callshield_importable() -> None:
    """Make `import callshield` work from a checkout where the package is not installed."""
    try:
        import callshield  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO_ROOT / "src"))


def pin_to_one_cpu(cpu: int | None = None) -> int | None:
    """Pin this process to one CPU (the first allowed one by default); None where unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = cpu if cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {chosen})
    return chosen


def load_corpus(size: int, seed: int, corpus_file: Path | None = None) -> list[CorpusRecord]:
    """The labelled contact-center corpus: from `corpus_file` (JSONL) or from the generator."""
    if corpus_file is not None:
        with corpus_file.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]
    ensure_callshield_importable()
    try:
        from callshield.evaluation.corpus import generate_corpus
    except ImportError as exc:
        raise CorpusUnavailableError(
            "callshield.evaluation.corpus is not importable; pass --corpus FILE.jsonl "
            f"(e.g. from `make corpus`) instead ({exc})"
        ) from None
    records: list[CorpusRecord] = generate_corpus(n=size, seed=seed)
    return records


def sample_documents(records: Sequence[CorpusRecord], count: int, seed: int) -> list[CorpusRecord]:
    """A seeded sample of `count` documents, kept in corpus order so every kind is represented."""
    if count >= len(records):
        return list(records)
    chosen = sorted(random.Random(seed).sample(range(len(records)), count))
    return [records[i] for i in chosen]


def write_jsonl(records: Sequence[CorpusRecord], path: Path) -> None:
    """Write records one JSON object per line (the workers' input format)."""
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a side-by-side table."""

    label: str
    cells: tuple[str, ...]


def render_table(title: str, header: Sequence[str], rows: Sequence[Row]) -> str:
    """Plain aligned text: first column left-aligned, the others right-aligned."""
    table = [list(header)] + [[row.label, *row.cells] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]

    def fmt(line: Sequence[str]) -> str:
        first = line[0].ljust(widths[0])
        rest = (cell.rjust(widths[i + 1]) for i, cell in enumerate(line[1:]))
        return "  ".join([first, *rest]).rstrip()

    rule = "-" * len(fmt(header))
    body = [fmt(line) for line in table[1:]]
    return "\n".join([title, rule, fmt(header), rule, *body, rule])


def human_rate(value: float, unit: str) -> str:
    """A rate with a sensible number of digits: 1.23 M chars/s, 456 docs/s."""
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:,.2f} {prefix}{unit}"
    return f"{value:,.1f} {unit}"


def ratio(ours: float, peer: float) -> str:
    """ours / peer as `123.4x`; a dash where the peer measured zero."""
    if peer <= 0:
        return "-"
    value = ours / peer
    return f"{value:,.1f}x" if value >= 10 else f"{value:,.2f}x"
