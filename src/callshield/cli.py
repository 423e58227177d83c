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
from rich.text import Text

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
        raise typer.Exit(_scan_tree(Path(source), engine, format, json_out))
    from callshield.formats.runner import process

    outcome = process(_read_bytes(source), source, engine, format=format)
    _warn_parts(outcome)
    if json_out:
        sys.stdout.write(json.dumps(outcome.manifest(), ensure_ascii=False) + "\n")
        return
    table = _findings_table([outcome], with_file=False)
    Console().print(table)


def _read_bytes(source: str) -> bytes:
    from callshield.formats.runner import read_bytes

    if source == "-":
        return sys.stdin.buffer.read()
    try:
        return read_bytes(Path(source))
    except ValueError as exc:
        raise CliError(str(exc)) from None


def _warn_parts(outcome: Any, console: Console | None = None) -> None:
    """Part errors (a bad JSONL line, a corrupt attachment) as warnings on stderr."""
    for part in outcome.parsed.errors if outcome.parsed is not None else ():
        line = f"warning: {outcome.source}: {part.part}: {part.message}"
        if console is None:
            sys.stderr.write(line + "\n")
        else:
            console.print(line, markup=False, highlight=False)


def _findings_table(outcomes: list[Any], *, with_file: bool) -> Table:
    """Findings of parsed inputs; values are shown masked, places in full. Plain text keeps
    the original columns; other formats add segment, speaker and time."""
    read = [o for o in outcomes if o.parsed is not None and o.result is not None]
    places = any(o.parsed.format != "text" for o in read)
    columns = [
        *(["file"] if with_file else []),
        *(["segment", "speaker", "time"] if places else []),
        *("entity", "start", "end", "score", "masked", "reasons"),
    ]
    table = Table(title=f"{sum(len(o.result.findings) for o in read)} finding(s)")
    for column in columns:
        table.add_column(column)
    for outcome in read:
        segments = {s.id: s for s in outcome.parsed.document.segments}
        for f in outcome.result.findings:
            segment = segments[f.segment_id]
            times = segment.time_range(f.start, f.end)
            span = f"{times[0]:.2f}-{times[1]:.2f}" if times else ""
            cells = [
                *([outcome.source] if with_file else []),
                *([f.segment_id, segment.speaker or "", span] if places else []),
                f.entity.name, str(f.start), str(f.end), f"{f.score:.2f}",
                _masked(segment.text[f.start : f.end]), "; ".join(f.reasons),
            ]  # fmt: skip
            table.add_row(*(Text(cell) for cell in cells))  # Text: no markup in names
    return table


def _progress(console: Console) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=console, transient=True)  # fmt: skip


def _scan_tree(root: Path, engine: Engine, format: str | None, json_out: bool) -> int:
    """Scan every file under `root`; exit status 1 when some file could not be read."""
    from callshield.formats.runner import process_file, walk

    outcomes = []
    files = list(walk(root))
    with _progress(err) as progress:
        task = progress.add_task("scanning", total=len(files))
        for path in files:
            outcome = process_file(path, str(path), engine, format=format)
            if outcome.error is not None:
                progress.console.print(f"error: {path}: {outcome.error}", markup=False)
            _warn_parts(outcome, progress.console)
            outcomes.append(outcome)
            progress.advance(task)
    if json_out:
        for outcome in outcomes:
            sys.stdout.write(json.dumps(outcome.manifest(), ensure_ascii=False) + "\n")
    else:
        Console().print(_findings_table(outcomes, with_file=True))
    return 1 if any(o.error is not None for o in outcomes) else 0


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
        raise typer.Exit(_redact_tree(Path(source), out, manifest, engine, format, ops))
    outcome = process(_read_bytes(source), source, engine, format=format, redact=True,
                      operators=ops)  # fmt: skip
    _warn_parts(outcome)
    if show_findings:
        err.print(_findings_table([outcome], with_file=False))
    assert outcome.output is not None
    if out is not None:
        _write(out, outcome.output)
    elif outcome.parsed is not None and outcome.parsed.format == "text":
        text = outcome.output.decode("utf-8")
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(outcome.output)
    if manifest is not None:
        _write(manifest, _json_bytes(outcome.manifest()))


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


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None


def _json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _redact_tree(
    root: Path, out: Path | None, manifest: Path | None, engine: Engine, format: str | None,
    operators: dict[str, Any] | None,
) -> int:  # fmt: skip
    """Redact every file under `root` into the mirrored tree under `out`. A file that fails
    gets no output (fail closed) and an error line; the others go on. Exit status 1 when some
    file could not be read."""
    from callshield.formats.runner import mirror, process_file, walk

    if out is None:
        raise CliError("redacting a directory needs -o OUTDIR")
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} is not a directory")
    out_resolved = out.resolve()
    files = [p for p in walk(root) if not p.resolve().is_relative_to(out_resolved)]
    entries, failed = [], 0
    with _progress(err) as progress:
        task = progress.add_task("redacting", total=len(files))
        for path in files:
            outcome = process_file(path, str(path), engine, format=format, redact=True,
                                   operators=operators)  # fmt: skip
            if outcome.output is None:
                failed += 1
                progress.console.print(f"error: {path}: {outcome.error}", markup=False)
            else:
                _write(mirror(root, path, out), outcome.output)
                _warn_parts(outcome, progress.console)
            entries.append({"file": str(path.relative_to(root)), **outcome.manifest()})
            progress.advance(task)
    if manifest is not None:
        _write(manifest, _json_bytes({"version": 1, "source": str(root), "files": entries}))
    done = len(files) - failed
    err.print(f"redacted {done} of {len(files)} file(s) into {out}", markup=False)
    return 1 if failed else 0


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


@app.command("redact-audio")
def redact_audio(
    audio: Annotated[Path, typer.Argument(help="The call recording (WAV, FLAC, AIFF).")],
    transcript: Annotated[Path, typer.Argument(help="Its transcript, in any transcript format.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Where to write the redacted audio.")],
    tone: Annotated[bool, typer.Option("--tone", help="A 1 kHz tone instead of silence.")] = False,
    padding: Annotated[float, typer.Option(help="Seconds added around each range.")] = 0.1,
    per_channel: Annotated[
        bool, typer.Option("--per-channel", help="Redact a range on its speaker's channel only.")
    ] = False,
    channel_map: Annotated[
        str | None, typer.Option(help="With --per-channel: SPEAKER=CHANNEL,... (spk_0=0,spk_1=1)")
    ] = None,
    manifest: Annotated[Path | None, typer.Option(help="Default: OUT.manifest.json")] = None,
    no_dtmf: Annotated[bool, typer.Option("--no-dtmf", help="Do not detect key tones.")] = False,
    transcript_format: Annotated[
        str | None, typer.Option("--format", help="Transcript format (default: sniffed).")
    ] = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Silence every redacted word and DTMF key press of a call; writes a manifest too."""
    from callshield.audio.command import AudioRequest, CallOptions, run_command

    options = CallOptions(tone, padding, per_channel, channel_map, dtmf=not no_dtmf)
    request = AudioRequest(audio, transcript, out, options, manifest, transcript_format)
    run_command(request, build_engine(min_score, entities, custom))


from callshield.cli_platform import register as _register_platform  # noqa: E402

_register_platform(app)


@app.command("stream")
def stream(
    max_hold_words: Annotated[
        int, typer.Option(help="Release held turns once this many words followed them.")
    ] = 40,
    max_hold_seconds: Annotated[
        float, typer.Option(help="Release held turns after this much audio time.")
    ] = 8.0,
    interim: Annotated[
        bool, typer.Option("--interim", help="Emit interim results, redacted (default: drop).")
    ] = False,
    min_score: MinScore = DEFAULT_MIN_SCORE,
    entities: Entities = None,
    custom: Custom = None,
) -> None:
    """Redact a live transcript: JSONL segments on stdin, released segments on stdout."""
    from callshield.stream.command import StreamOptions, run_stream

    engine = build_engine(min_score, entities, custom)
    options = StreamOptions(max_hold_words, max_hold_seconds, interim)
    raise typer.Exit(run_stream(engine, sys.stdin.buffer, sys.stdout, sys.stderr, options))


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
