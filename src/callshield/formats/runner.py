"""Scan or redact content files and directory trees (EDGE: reads and writes files).

The CLI's `scan` and `redact` are thin layers over this module: each input file is read in its
own format (sniffed, or named), scanned with `pipeline.scan` and, for `redact`, written back in
the same format. One file's failure never stops a directory run; a file that cannot be read or
redacted produces no output at all (fail closed), only an error naming the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from callshield.core.redaction import Operator
from callshield.engine import Engine
from callshield.formats import get_format, read_content
from callshield.formats.base import ContentError, Parsed, UnknownFormatError
from callshield.formats.manifest import build_manifest
from callshield.formats.text import PlainText
from callshield.pipeline import RedactedDocument, ScanResult, redact_document, scan


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one input. `error` is set when the input as a whole failed; then there
    is no output."""

    source: str
    parsed: Parsed | None = None
    result: ScanResult | None = None
    redacted: RedactedDocument | None = None
    output: bytes | None = field(default=None, repr=False)
    error: str | None = None

    def manifest(self) -> dict[str, Any]:
        """The manifest of this input, or `{"source", "error"}` when it failed."""
        if self.parsed is None or self.result is None:
            return {"source": self.source, "error": self.error}
        return build_manifest(self.parsed, self.result, self.redacted)


def parse(data: bytes, source: str, format: str | None = None) -> Parsed:
    """`data` in the named format, or the sniffed one. Input that no format recognises is read
    as plain text, so that its error says why (e.g. "not UTF-8")."""
    if format is not None:
        return get_format(format).read(data, source=source)
    try:
        return read_content(data, source)
    except UnknownFormatError:
        return PlainText().read(data, source=source)


def read_bytes(path: Path) -> bytes:
    """The file's bytes; an unreadable file is a ContentError naming the file, not its content."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ContentError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise ContentError(f"cannot read {path}: it is a directory") from None
    except OSError as exc:
        raise ContentError(f"cannot read {path}: {exc.strerror}") from None


def process(
    data: bytes,
    source: str,
    engine: Engine,
    *,
    format: str | None = None,
    redact: bool = False,
    operators: Mapping[str, Operator] | None = None,
) -> Outcome:
    """Read, scan and (with `redact`) redact and write one input. Raises ContentError when the
    input as a whole cannot be read."""
    parsed = parse(data, source, format)
    result = scan(parsed.document, engine)
    if not redact:
        return Outcome(source, parsed, result)
    redacted = redact_document(parsed.document, result, engine, operators)
    output = get_format(parsed.format).write(parsed, redacted)
    return Outcome(source, parsed, result, redacted, output)


def process_file(
    path: Path,
    source: str,
    engine: Engine,
    *,
    format: str | None = None,
    redact: bool = False,
    operators: Mapping[str, Operator] | None = None,
) -> Outcome:
    """`process` for a file in a directory run: a failure becomes the outcome's `error`."""
    try:
        data = read_bytes(path)
        return process(data, source, engine, format=format, redact=redact, operators=operators)
    except (ContentError, ValueError) as exc:
        return Outcome(source, error=str(exc))


def walk(root: Path) -> Iterator[Path]:
    """Regular files under `root`, recursively, in a stable (sorted) order; symbolic links are
    not followed, so a tree cannot loop or reach outside itself."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def mirror(root: Path, path: Path, out_root: Path) -> Path:
    """Where the redacted copy of `path` (under `root`) goes under `out_root`."""
    return out_root / path.relative_to(root)
