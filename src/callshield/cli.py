"""The `callshield` command line. stdout carries data only; progress and logs go to stderr.

Every command fails with a clear message and a non-zero exit on unreadable input, never a
traceback.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from callshield.core.entities import UnknownEntityError, UnknownLocaleError
from callshield.engine import DEFAULT_MIN_SCORE, Engine

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Callshield: find and redact sensitive data in contact-center content.",
)
err = Console(stderr=True, soft_wrap=True)


class CliError(Exception):
    """A user-facing failure: printed as one line on stderr, exit code 2."""


MinScore = Annotated[
    float,
    typer.Option(help=f"Report findings at or above this score (default {DEFAULT_MIN_SCORE})."),
]
Entities = Annotated[
    str | None, typer.Option(help="Comma-separated entity names to detect (default: all).")
]
Custom = Annotated[Path | None, typer.Option(help="YAML file with custom entities and detectors.")]


def build_engine(min_score: float, entities: str | None, custom: Path | None) -> Engine:
    """The engine for one CLI invocation (custom detectors and entity filter applied)."""
    from callshield.custom import load_custom

    wanted = [e.strip() for e in entities.split(",") if e.strip()] if entities else None
    if custom is None:
        return Engine(min_score=min_score, entities=wanted)
    config = load_custom(_read_text(custom))
    return Engine(
        min_score=min_score,
        entities=wanted,
        catalogue=config.catalogue,
        custom_detectors=config.detectors,
    )


def _read_text(source: Path | str) -> str:
    if str(source) == "-":
        return sys.stdin.read()
    path = Path(source)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"cannot read {path}: it is a directory") from None
    except UnicodeDecodeError:
        raise CliError(f"cannot read {path}: not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None


@app.command()
def scan(
    source: Annotated[str, typer.Argument(help="A text file, or - for stdin.")] = "-",
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Read {"id", "text"} JSON lines, write one per line.')
    ] = False,
    strict: Annotated[bool, typer.Option(help="With --jsonl: stop at the first bad line.")] = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Find sensitive values: a readable table, or JSON lines with --jsonl."""
    engine = build_engine(min_score, entities, custom)
    if jsonl:
        stream = sys.stdin if source == "-" else _open(source)
        failed = _scan_jsonl(engine, stream, strict)
        raise typer.Exit(1 if failed else 0)
    text = _read_text(source)
    findings = engine.scan(text)
    table = Table(title=f"{len(findings)} finding(s)")
    for column in ("entity", "start", "end", "score", "masked", "reasons"):
        table.add_column(column)
    for f in findings:
        table.add_row(
            f.entity.name, str(f.start), str(f.end), f"{f.score:.2f}",
            _masked(text[f.start : f.end]), "; ".join(f.reasons),
        )  # fmt: skip
    Console().print(table)


def _open(source: str) -> Any:
    try:
        return Path(source).open(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror}") from None


def _masked(value: str) -> str:
    """A preview for the table: long digit values keep their last 2 digits (PCI allows 4),
    everything else shows only its shape."""
    digits = [c for c in value if c.isdigit()]
    keep = 2 if len(digits) >= 8 and len(digits) >= len(value.replace(" ", "")) - 4 else 0
    masked = "".join("*" if c.isalnum() else c for c in value[: len(value) - keep])
    return masked + value[len(value) - keep :]


def _scan_jsonl(engine: Engine, stream: Any, strict: bool) -> bool:
    failed = False
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        record_id, result = _scan_line(engine, line)
        if "error" in result:
            failed = True
            sys.stderr.write(f"line {number}: {result['error']}\n")
            if strict:
                sys.stdout.write(json.dumps({"id": record_id, **result}) + "\n")
                sys.stdout.flush()
                raise typer.Exit(2)
        sys.stdout.write(json.dumps({"id": record_id, **result}) + "\n")
        sys.stdout.flush()
    return failed


def _scan_line(engine: Engine, line: str) -> tuple[Any, dict[str, Any]]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, {"error": f"invalid JSON at column {exc.colno}: {exc.msg}"}
    except UnicodeDecodeError:
        return None, {"error": "invalid UTF-8"}
    if not isinstance(record, dict):
        return None, {"error": "each line must be a JSON object"}
    record_id = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return record_id, {"error": "field 'text' must be a string"}
    return record_id, {"findings": [f.to_dict() for f in engine.scan(text)]}


@app.command()
def redact(
    source: Annotated[str, typer.Argument(help="A text file, or - for stdin.")],
    operators: Annotated[
        Path | None,
        typer.Option(help='JSON/YAML: {"PAYMENT_CARD": {"op": "mask", "keep_last": 4}, ...}'),
    ] = None,
    show_findings: Annotated[
        bool, typer.Option("--show-findings", help="Also print a findings table on stderr.")
    ] = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Print the redacted text (default operator: replace with [ENTITY])."""
    import yaml

    from callshield.core.redaction import OperatorConfigError

    text = _read_text(source)
    engine = build_engine(min_score, entities, custom)
    config = yaml.safe_load(_read_text(operators)) if operators else None
    if config is not None and not isinstance(config, dict):
        raise CliError("operators file must map entity names to operator settings")
    findings = engine.scan(text)
    try:
        result = engine.redact(text, findings, config)
    except OperatorConfigError as exc:
        raise CliError(f"operators: {exc}") from None
    if show_findings:
        table = Table(title=f"{len(findings)} finding(s)")
        for column in ("entity", "start", "end", "score", "reasons"):
            table.add_column(column)
        for f in findings:
            table.add_row(f.entity.name, str(f.start), str(f.end), f"{f.score:.2f}",
                          "; ".join(f.reasons))  # fmt: skip
        err.print(table)
    sys.stdout.write(result.text if result.text.endswith("\n") else result.text + "\n")


@app.command()
def evaluate(
    labels: Annotated[Path, typer.Argument(help='JSON lines {"text", "spans": [...]}')],
    min_score: MinScore = DEFAULT_MIN_SCORE,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write JSON.")] = None,
) -> None:
    """Per-entity precision / recall / F1 and the share of gold spans fully redacted."""
    from callshield.evaluation import evaluate as run_evaluation
    from callshield.evaluation import read_jsonl, render

    try:
        records = read_jsonl(labels)
    except FileNotFoundError:
        raise CliError(f"cannot read {labels}: no such file") from None
    engine = Engine(min_score=min_score)
    report = run_evaluation(records, engine.scan)
    render(report, Console())
    if json_out is not None:
        json_out.write_text(json.dumps(report.to_dict(), indent=2), encoding="utf-8")


@app.command()
def corpus(
    out: Annotated[Path, typer.Option(help="Where to write the JSONL corpus.")],
    n: Annotated[int, typer.Option(help="Number of records.")] = 2000,
    seed: Annotated[int, typer.Option(help="Random seed (the corpus is deterministic).")] = 7,
) -> None:
    """Generate the synthetic labelled development corpus (needs the dev extra: Faker)."""
    from callshield.evaluation import generate_corpus, write_jsonl

    out.parent.mkdir(parents=True, exist_ok=True)
    count = write_jsonl(generate_corpus(n=n, seed=seed), out)
    err.print(f"wrote {count} records to {out}")


@app.command("entities")
def list_entities() -> None:
    """The entity catalogue with data categories."""
    from callshield.core.entities import Catalogue

    table = Table(title="Entity catalogue")
    table.add_column("entity")
    table.add_column("category")
    table.add_column("description")
    for entity in Catalogue():
        table.add_row(entity.name, entity.category, entity.description)
    Console().print(table)


def main() -> None:
    """Console-script entry point: clear one-line errors, never a traceback."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s %(message)s")
    try:
        app()
    except (CliError, UnknownEntityError, UnknownLocaleError, ValueError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
