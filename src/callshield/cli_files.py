"""Directories and manifests for `callshield scan` and `callshield redact`: every file of a tree
scanned or redacted with a progress bar, findings tables, and the warnings a file's parts raise."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table
from rich.text import Text

from callshield.cli import CliError, err, masked
from callshield.engine import Engine


def warn_parts(outcome: Any, console: Console | None = None) -> None:
    """Part errors (a bad JSONL line, a corrupt attachment) as warnings on stderr."""
    for part in outcome.parsed.errors if outcome.parsed is not None else ():
        line = f"warning: {outcome.source}: {part.part}: {part.message}"
        if console is None:
            sys.stderr.write(line + "\n")
        else:
            console.print(line, markup=False, highlight=False)


def findings_table(outcomes: list[Any], *, with_file: bool, root: Path | None = None) -> Table:
    """Findings of parsed inputs; values are shown masked, places in full. Plain text keeps
    the original columns; other formats add segment, speaker and time. Files are named from
    `root` (the directory scanned), folded rather than cut where the terminal is narrow."""
    read = [o for o in outcomes if o.parsed is not None and o.result is not None]
    places = any(o.parsed.format != "text" for o in read)
    columns = [
        *(["file"] if with_file else []),
        *(["segment", "speaker", "time"] if places else []),
        *("entity", "start", "end", "score", "masked", "reasons"),
    ]
    table = Table(title=f"{sum(len(o.result.findings) for o in read)} finding(s)")
    for column in columns:
        table.add_column(column, overflow="fold" if column == "file" else "ellipsis")
    for outcome in read:
        segments = {s.id: s for s in outcome.parsed.document.segments}
        for f in outcome.result.findings:
            segment = segments[f.segment_id]
            times = segment.time_range(f.start, f.end)
            span = f"{times[0]:.2f}-{times[1]:.2f}" if times else ""
            cells = [
                *([_named(outcome.source, root)] if with_file else []),
                *([f.segment_id, segment.speaker or "", span] if places else []),
                f.entity.name, str(f.start), str(f.end), f"{f.score:.2f}",
                masked(segment.text[f.start : f.end], f.entity.sensitive_authentication_data),
                "; ".join(f.reasons),
            ]  # fmt: skip
            table.add_row(*(Text(cell) for cell in cells))  # Text: no markup in names
    return table


def _named(source: str, root: Path | None) -> str:
    if root is None:
        return source
    try:
        return str(Path(source).relative_to(root))
    except ValueError:
        return source


def progress_bar(console: Console) -> Any:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    console=console, transient=True)  # fmt: skip


def scan_tree(root: Path, engine: Engine, format: str | None, json_out: bool) -> int:
    """Scan every file under `root`; exit status 1 when some file could not be read."""
    from callshield.formats.runner import process_file, walk

    outcomes = []
    files = list(walk(root))
    with progress_bar(err) as progress:
        task = progress.add_task("scanning", total=len(files))
        for path in files:
            outcome = process_file(path, str(path), engine, format=format)
            if outcome.error is not None:
                progress.console.print(f"error: {path}: {outcome.error}", markup=False)
            warn_parts(outcome, progress.console)
            outcomes.append(outcome)
            progress.advance(task)
    if json_out:
        for outcome in outcomes:
            sys.stdout.write(json.dumps(outcome.manifest(), ensure_ascii=False) + "\n")
    else:
        Console().print(findings_table(outcomes, with_file=True, root=root))
    return 1 if any(o.error is not None for o in outcomes) else 0


def write_file(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None


def json_bytes(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def redact_tree(
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
    with progress_bar(err) as progress:
        task = progress.add_task("redacting", total=len(files))
        for path in files:
            outcome = process_file(path, str(path), engine, format=format, redact=True,
                                   operators=operators)  # fmt: skip
            if outcome.output is None:
                failed += 1
                progress.console.print(f"error: {path}: {outcome.error}", markup=False)
            else:
                write_file(mirror(root, path, out), outcome.output)
                warn_parts(outcome, progress.console)
            entries.append({"file": str(path.relative_to(root)), **outcome.manifest()})
            progress.advance(task)
    if manifest is not None:
        write_file(manifest, json_bytes({"version": 1, "source": str(root), "files": entries}))
    done = len(files) - failed
    err.print(f"redacted {done} of {len(files)} file(s) into {out}", markup=False)
    return 1 if failed else 0
