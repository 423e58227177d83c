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


Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        help="Input format, default sniffed (aws_transcribe, whisper, google_stt, turns_jsonl, "
        "chat_jsonl, text, ...).",
    ),
]


@app.command()
def scan(
    source: Annotated[str, typer.Argument(help="A file, a directory, or - for stdin.")] = "-",
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Read {"id", "text"} JSON lines, write one per line.')
    ] = False,
    strict: Annotated[bool, typer.Option(help="With --jsonl: stop at the first bad line.")] = False,
    format: Format = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print JSON (per file: findings with segment ids).")
    ] = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Find sensitive values in a file of any supported format, or every file of a directory:
    a readable table, or JSON with --json (JSON lines with --jsonl)."""
    engine = build_engine(min_score, entities, custom)
    if jsonl:
        stream = sys.stdin if source == "-" else _open(source)
        failed = _scan_jsonl(engine, stream, strict)
        raise typer.Exit(1 if failed else 0)
    if source != "-" and Path(source).is_dir():
        raise typer.Exit(cli_files.scan_tree(Path(source), engine, format, json_out))
    from callshield.formats.runner import process

    outcome = process(_read_bytes(source), source, engine, format=format)
    cli_files.warn_parts(outcome)
    if json_out:
        sys.stdout.write(json.dumps(outcome.manifest(), ensure_ascii=False) + "\n")
        return
    table = cli_files.findings_table([outcome], with_file=False)
    Console().print(table)


def _read_bytes(source: str) -> bytes:
    from callshield.formats.runner import read_bytes

    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return read_bytes(Path(source))
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _open(source: str) -> Any:
    try:
        return Path(source).open(encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror}") from None


def masked(value: str, secret: bool = False) -> str:
    """A preview for the table: long digit values keep their last 2 digits (PCI allows 4),
    everything else shows only its shape; a `secret` (sensitive authentication data: a CVV, a
    PIN, a one-time code) not even that."""
    if secret:
        return "***"
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
    from callshield.pipeline import scan_text  # a labelled transcript is read turn by turn too

    return record_id, {"findings": [f.to_dict() for f in scan_text(text, engine)]}


@app.command()
def redact(
    source: Annotated[str, typer.Argument(help="A file, a directory, or - for stdin.")],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="Output file (default stdout); for a directory, the output directory.",
        ),
    ] = None,
    format: Format = None,
    manifest: Annotated[
        Path | None, typer.Option(help="Write the redaction manifest (JSON, no values) here.")
    ] = None,
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
    """Write the content redacted, in its own format (default operator: replace with
    [ENTITY]). Warnings (parts that could not be read, withheld) go to stderr."""
    from callshield.formats.runner import process

    engine = build_engine(min_score, entities, custom)
    ops = _load_operators(operators)
    if source != "-" and Path(source).is_dir():
        raise typer.Exit(cli_files.redact_tree(Path(source), out, manifest, engine, format, ops))
    outcome = process(_read_bytes(source), source, engine, format=format, redact=True,
                      operators=ops)  # fmt: skip
    cli_files.warn_parts(outcome)
    if show_findings:
        err.print(cli_files.findings_table([outcome], with_file=False))
    assert outcome.output is not None
    if out is not None:
        cli_files.write_file(out, outcome.output)
    elif outcome.parsed is not None and outcome.parsed.format == "text":
        text = outcome.output.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(outcome.output)
    if manifest is not None:
        cli_files.write_file(manifest, cli_files.json_bytes(outcome.manifest()))


def _load_operators(path: Path | None) -> dict[str, Any] | None:
    import yaml

    from callshield.core.redaction import OperatorConfigError, parse_operators

    config = yaml.safe_load(_read_text(path)) if path else None
    if config is None:
        return None
    if not isinstance(config, dict):
        raise CliError("operators file must map entity names to operator settings")
    try:
        return dict(parse_operators(config))
    except OperatorConfigError as exc:
        raise CliError(f"operators: {exc}") from None


from callshield import cli_files  # noqa: E402
from callshield.cli_platform import register as _register_platform  # noqa: E402
from callshield.cli_tools import register as _register_tools  # noqa: E402

_register_tools(app)
_register_platform(app)


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
