"""Where one `engine.scan` spends its time, stage by stage and detector by detector.

Printed by `compare_presidio.py` after the side-by-side table, on the same documents, so the
gap to a throughput target can be read against Presidio's rate from the same run: the budget
per document that a target ratio leaves, beside what each stage costs now.

It reaches into the engine on purpose (`_detectors`, `_candidates`): it times the stages the
facade hides. Each stage is the best of a few CPU-time passes over all documents.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from _harness import Row, render_table

PASSES = 3


def _best_cpu(run: Callable[[], object], passes: int = PASSES) -> float:
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best


class _Silent:
    """A detector that confirms nothing: what is left is scanning, normalising, dispatching."""

    def __init__(self, detector: Any) -> None:
        self.name = detector.name

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Any]:
        return ()


class _Timed:
    """A detector whose `confirm` time is added up by name (CPU time, including its
    validators)."""

    def __init__(self, detector: Any, spent: Counter[str]) -> None:
        self.name = detector.name
        self._detector = detector
        self._spent = spent

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> list[Any]:
        started = time.process_time()
        found = list(self._detector.confirm(text, hits))
        self._spent[self.name] += time.process_time() - started
        return found


def stage_costs(texts: Sequence[str]) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(stages, detectors): cumulative stage costs and each detector's cost, in seconds per
    document."""
    from callshield import Engine

    docs = len(texts)
    engine = Engine()
    for text in texts:  # warm-up: lazily built patterns, caches
        engine.scan(text)
    silent = Engine()
    silent._detectors = tuple(_Silent(d) for d in silent._detectors)
    runs: list[tuple[str, Callable[[str], object]]] = [
        ("multi-pattern scan alone", engine.candidate_columns),
        ("+ spoken normalisation, rescan, dispatch", silent.scan),
        ("+ detectors confirm (candidates)", lambda t: engine._candidates(t, "")),
        ("+ findings, fingerprints, overlaps (scan)", engine.scan),
    ]
    stages = [(label, _best_cpu(lambda f=f: [f(t) for t in texts])) for label, f in runs]
    spent: Counter[str] = Counter()
    timed = Engine()
    timed._detectors = tuple(_Timed(d, spent) for d in timed._detectors)
    for text in texts:
        timed.scan(text)
    spent.clear()
    for _ in range(PASSES):
        for text in texts:
            timed.scan(text)
    detectors = [(name, seconds / PASSES / docs) for name, seconds in spent.most_common()]
    return [(label, seconds / docs) for label, seconds in stages], detectors


def render_stages(texts: Sequence[str], peer_chars_per_s: float, target: float) -> str:
    """The stage table, with the per-document budget that `target` x the peer's rate leaves."""
    stages, detectors = stage_costs(texts)
    chars = sum(len(t) for t in texts) / len(texts)
    budget = chars / (peer_chars_per_s * target) if peer_chars_per_s > 0 else 0.0
    rows = [Row(label, (f"{s * 1e6:,.0f}", f"{chars / s / 1e3:,.0f}")) for label, s in stages]
    rows.append(Row(f"budget for {target:g}x the peer's chars/s", (f"{budget * 1e6:,.0f}", "")))
    top = [Row(f"  {name}", (f"{s * 1e6:,.1f}", "")) for name, s in detectors[:8]]
    rest = sum(s for _, s in detectors[8:])
    top.append(Row(f"  {len(detectors) - 8} other detectors", (f"{rest * 1e6:,.1f}", "")))
    header = ["stage (cumulative)", "us/doc", "kchars/s"]
    title = f"Where Callshield's time goes ({len(texts)} docs, {chars:,.0f} chars each on average)"
    return (
        render_table(title, header, rows)
        + "\n"
        + render_table("Detectors' confirm time (part of the third stage)", ["", "us/doc", ""], top)
    )
