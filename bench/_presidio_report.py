"""Printing and JSON summary for `bench/compare_presidio.py`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from _accuracy import AccuracyReport, EntityScore, Labelled
from _harness import Row, human_rate, percentile, ratio, render_table

#: The acceptance target: our chars/s at least this multiple of Presidio's.
TARGET_SPEEDUP = 200.0


def performance(report: dict[str, Any]) -> dict[str, float]:
    """Throughput, latency, memory and build numbers of one tool's run."""
    latencies = report["latencies_s"]
    wall = report["wall_s"]
    return {
        "docs": report["docs"],
        "chars": report["chars"],
        "chars_per_s": report["chars"] / wall if wall else 0.0,
        # CPU time of the timed pass: on a shared machine, time spent waiting for the core
        # is not the tool's (older worker reports have no cpu_s: wall time stands in)
        "cpu_chars_per_s": report["chars"] / cpu if (cpu := report.get("cpu_s", wall)) else 0.0,
        "docs_per_s": report["docs"] / wall if wall else 0.0,
        "p50_ms": percentile(latencies, 50) * 1e3,
        "p99_ms": percentile(latencies, 99) * 1e3,
        "peak_rss_mb": report["maxrss_kb"] / 1024,
        "build_s": report["build_s"],
        "import_s": report["import_s"],
    }


def _versus(ours: float, peer: float, higher_is_better: bool) -> str:
    """How ours compares, as a multiple in the direction that favours the better tool."""
    if higher_is_better:
        return f"{ratio(ours, peer)} ({'higher' if ours >= peer else 'lower'})"
    if ours <= peer:
        return f"{ratio(peer, ours)} lower" if ours > 0 else "-"
    return f"{ratio(ours, peer)} higher"


def performance_table(ours: dict[str, float], peer: dict[str, float]) -> str:
    """Side by side; the last column is ours/presidio for throughput, presidio/ours otherwise."""
    rows: list[tuple[str, str, Callable[[float], str], bool]] = [
        ("throughput (chars/s)", "chars_per_s", lambda v: human_rate(v, "chars/s"), True),
        ("  by CPU time (chars/s)", "cpu_chars_per_s", lambda v: human_rate(v, "chars/s"), True),
        ("throughput (docs/s)", "docs_per_s", lambda v: human_rate(v, "docs/s"), True),
        ("latency p50 per doc", "p50_ms", lambda v: f"{v:,.3f} ms", False),
        ("latency p99 per doc", "p99_ms", lambda v: f"{v:,.3f} ms", False),
        ("peak RSS (fresh process)", "peak_rss_mb", lambda v: f"{v:,.1f} MiB", False),
        ("engine build (cold)", "build_s", lambda v: f"{v:,.3f} s", False),
        ("package import (cold)", "import_s", lambda v: f"{v:,.3f} s", False),
    ]
    table = [
        Row(label, (fmt(ours[key]), fmt(peer[key]), _versus(ours[key], peer[key], higher)))
        for label, key, fmt, higher in rows
    ]
    return render_table(
        f"Performance, {int(ours['docs'])} docs / {int(ours['chars']):,} chars, one core",
        ("metric", "callshield", "presidio", "callshield vs presidio"),
        table,
    )


def _prf(stats: EntityScore | None) -> tuple[str, str, str]:
    if stats is None or (stats.predicted == 0 and stats.gold == 0):
        return ("-", "-", "-")
    return (f"{stats.precision:.3f}", f"{stats.recall:.3f}", f"{stats.f1:.3f}")


def accuracy_rows(
    ours: AccuracyReport,
    peer: AccuracyReport,
    approximate: Collection[str],
    peer_covers: Collection[str],
) -> list[Row]:
    """One row per entity in the gold data or in our findings, then the micro averages."""
    names = sorted(set(ours.per_entity) | {n for n, s in peer.per_entity.items() if s.gold})
    rows: list[Row] = []
    for name in names:
        mine, theirs = ours.per_entity.get(name), peer.per_entity.get(name)
        label = f"{name} (~LOCATION, approx.)" if name in approximate else name
        peer_prf = _prf(theirs) if name in peer_covers else ("n/a", "n/a", "n/a")
        gold = mine.gold if mine else (theirs.gold if theirs else 0)
        rows.append(
            Row(
                label,
                (
                    str(gold),
                    *_prf(mine),
                    *peer_prf,
                    f"{mine.redacted_share:.1%}" if mine and mine.gold else "-",
                    f"{theirs.redacted_share:.1%}" if theirs and theirs.gold else "-",
                ),
            )
        )
    shared = [n for n in names if n in peer_covers and n not in approximate]
    for label, entities in (("micro, all entities", names), ("micro, both cover (exact)", shared)):
        mine_total, theirs_total = ours.micro(entities), peer.micro(entities)
        peer_prf = _prf(theirs_total) if label.startswith("micro, both") else ("", "", "")
        rows.append(
            Row(
                label,
                (
                    str(mine_total.gold),
                    *_prf(mine_total),
                    *peer_prf,
                    f"{mine_total.redacted_share:.1%}",
                    f"{theirs_total.redacted_share:.1%}",
                ),
            )
        )
    return rows


def kind_table(
    by_kind: Mapping[str, Mapping[str, AccuracyReport]],
    mapping: Mapping[str, str],
    approximate: Collection[str],
) -> str:
    """Micro F1 and full-redaction share per document kind, for both tools."""
    rows: list[Row] = []
    for kind, reports in by_kind.items():
        ours, peer = reports["callshield"], reports["presidio"]
        every = set(ours.per_entity) | set(peer.per_entity)
        shared = {n for n in every if n in set(mapping.values()) and n not in approximate}
        ours_all, ours_shared, peer_shared = (
            ours.micro(every),
            ours.micro(shared),
            peer.micro(shared),
        )
        rows.append(
            Row(
                kind,
                (
                    str(ours_all.gold),
                    f"{ours_all.f1:.3f}",
                    f"{ours_shared.f1:.3f}",
                    f"{peer_shared.f1:.3f}",
                    f"{ours_all.redacted_share:.1%}",
                    f"{peer.micro(every).redacted_share:.1%}",
                ),
            )
        )
    header = (
        "kind",
        "gold",
        "ours F1 all",
        "ours F1 both",
        "pres F1 both",
        "ours red.",
        "pres red.",
    )
    title = "Per document kind (micro; 'both' = entities both tools cover exactly)"
    return render_table(title, header, rows)


def accuracy_summary(report: AccuracyReport) -> dict[str, dict[str, float]]:
    return {
        name: {
            "gold": s.gold,
            "predicted": s.predicted,
            "precision": s.precision,
            "recall": s.recall,
            "f1": s.f1,
            "fully_redacted_share": s.redacted_share,
        }
        for name, s in sorted(report.per_entity.items())
    }


def unmapped_labels(findings: Sequence[Sequence[Any]], mapped: Collection[str]) -> str:
    counts = Counter(str(f[1]) for f in findings if f[1] not in mapped)
    return ", ".join(f"{name} {count}" for name, count in counts.most_common()) or "none"


def print_report(
    results: dict[str, Any], mapping: Mapping[str, str], approximate: Collection[str]
) -> dict[str, Any]:
    """Print both tables and the verdict; return the JSON-ready summary."""
    ours = performance(results["callshield"])
    peer = performance(results["presidio"])
    full = performance(results["callshield_full_corpus"])
    for warm_process_only in ("peak_rss_mb", "build_s", "import_s"):
        del full[warm_process_only]
    peer_covers = set(mapping.values())
    ours_acc: AccuracyReport = results["accuracy"]["callshield"]
    peer_acc: AccuracyReport = results["accuracy"]["presidio"]
    print()
    print(performance_table(ours, peer))
    fresh = results["callshield"]
    if "prefilter" in fresh:
        print(
            f"callshield engine build: pattern database {fresh['prefilter']} (written by make"
            f" native); compiling it instead: {fresh['compile_s']:.3f} s"
        )
    if "scan_path" in fresh:
        print(f"callshield scan path: {fresh['scan_path']}")
    print(
        f"callshield on the full corpus ({int(full['docs'])} docs, {int(full['chars']):,} chars): "
        f"{human_rate(full['chars_per_s'], 'chars/s')}, {human_rate(full['docs_per_s'], 'docs/s')},"
        f" p50 {full['p50_ms']:.3f} ms, p99 {full['p99_ms']:.3f} ms"
    )
    speedup = ours["chars_per_s"] / peer["chars_per_s"] if peer["chars_per_s"] else 0.0
    verdict = "PASS" if speedup >= TARGET_SPEEDUP else "FAIL"
    peer_cpu = peer["cpu_chars_per_s"]
    cpu_speedup = ours["cpu_chars_per_s"] / peer_cpu if peer_cpu else 0.0
    print(
        f"target: callshield >= {TARGET_SPEEDUP:.0f}x Presidio chars/s -> {speedup:,.1f}x {verdict}"
        f" (by CPU time: {cpu_speedup:,.1f}x)"
    )
    print()
    print(
        render_table(
            "Accuracy vs. gold spans (overlap match, same entity); redacted = every alphanumeric "
            "char of the gold value inside some finding of any label",
            (
                "entity",
                "gold",
                "ours P",
                "ours R",
                "ours F1",
                "pres P",
                "pres R",
                "pres F1",
                "ours redacted",
                "pres redacted",
            ),
            accuracy_rows(ours_acc, peer_acc, approximate, peer_covers),
        )
    )
    print(
        f"Presidio labels outside the mapping (ignored for F1): "
        f"{unmapped_labels(results['presidio']['findings'], set(mapping))}"
    )
    print()
    print(kind_table(results["accuracy_by_kind"], mapping, approximate))
    print(f"Presidio recognizers: {', '.join(results['presidio'].get('recognizers', []))}")
    return {
        "settings": results["settings"],
        "versions": {"presidio": results["presidio"].get("versions", {})},
        "performance": {"callshield": ours, "presidio": peer, "callshield_full_corpus": full},
        "speedup_chars_per_s": speedup,
        "speedup_cpu_chars_per_s": cpu_speedup,
        "target_speedup": TARGET_SPEEDUP,
        "target_met": speedup >= TARGET_SPEEDUP,
        "callshield_in_process_peak_rss_mb": results["callshield"].get("maxrss_in_process_kb", 0)
        / 1024,
        "accuracy": {
            "callshield": accuracy_summary(ours_acc),
            "presidio": accuracy_summary(peer_acc),
        },
        "accuracy_by_kind": {
            kind: {tool: accuracy_summary(report) for tool, report in reports.items()}
            for kind, reports in results["accuracy_by_kind"].items()
        },
    }


def error_examples(
    texts: Sequence[str], examples: Sequence[Labelled], per_entity: int, context: int = 25
) -> list[str]:
    """A few errors per entity with surrounding text (the corpus is synthetic)."""
    shown: Counter[str] = Counter()
    lines: list[str] = []
    for span in examples:
        if shown[span.entity] >= per_entity:
            continue
        shown[span.entity] += 1
        text = texts[span.doc]
        before = text[max(0, span.start - context) : span.start]
        after = text[span.end : span.end + context]
        snippet = f"{before}[[{text[span.start : span.end]}]]{after}".replace("\n", " ")
        lines.append(f"  {span.entity:<18} doc {span.doc:<5} {snippet}")
    return lines
