"""Turn an API request's payload into a Document and a redacted result back into JSON."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from callshield.core.document import Channel, Document, Segment
from callshield.core.entities import Catalogue, UnknownEntityError
from callshield.core.finding import Finding
from callshield.core.redaction import OperatorConfigError, parse_operators
from callshield.engine import Engine
from callshield.formats import ContentError, Parsed, get_format, read_content
from callshield.pipeline import ScanResult, redact_document, scan

_ENTITY_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,40}")
JSON_LINES = frozenset({"turns_jsonl", "chat_jsonl"})


class PayloadError(ValueError):
    """A request payload that cannot be scanned; the message names the field, not content."""


@dataclass(frozen=True, slots=True)
class Outcome:
    parsed: Parsed
    result: ScanResult
    findings: tuple[Finding, ...]
    #: Findings left out because their fingerprint is suppressed (a false positive) here.
    suppressed: int = 0


def from_text(text: str, channel: Channel, document_id: str) -> Parsed:
    document = Document(document_id, (Segment("text", text),), channel)
    return Parsed("text", document)


def from_content(content: Any, fmt: str | None, document_id: str) -> Parsed:
    """Structured JSON content (a transcript or a chat); JSONL formats come as a list."""
    if isinstance(content, list) and (fmt is None or fmt in JSON_LINES):
        data = "\n".join(json.dumps(item) for item in content).encode()
    else:
        data = json.dumps(content).encode()
    try:
        return read_content(data, f"{document_id}.json", fmt)
    except ContentError as exc:
        raise PayloadError(f"content: {exc}") from None


def from_file(data: bytes, filename: str, fmt: str | None) -> Parsed:
    try:
        return read_content(data, filename, fmt)
    except ContentError as exc:
        raise PayloadError(f"file: {exc}") from None


def wanted_entities(catalogue: Catalogue, names: Sequence[str] | None) -> frozenset[str] | None:
    if names is None:
        return None
    known = {e.name for e in catalogue}
    unknown = [n for n in names if n.upper() not in known]
    if unknown:
        # Name only what looks like an entity name: a caller may paste anything here.
        shown = [n for n in unknown if _ENTITY_NAME.fullmatch(n)]
        hidden = len(unknown) - len(shown)
        named = ", ".join(shown) + (
            f"{', ' if shown else ''}{hidden} other value(s)" if hidden else ""
        )
        raise PayloadError(f"entities: unknown entity {named}; GET /v1/entities lists them")
    try:
        return frozenset(e.name for e in catalogue.resolve(names))
    except UnknownEntityError:
        raise PayloadError("entities: unknown entity") from None


def run_scan(
    engine: Engine,
    parsed: Parsed,
    entities: frozenset[str] | None,
    hidden: Callable[[set[str]], set[str]] | None = None,
) -> Outcome:
    """Scan the document; keep the `entities` asked for (all when None). `hidden` names the
    suppressed fingerprints among those found (false positives an analyst marked): such
    findings are neither reported nor redacted. An UNSCANNABLE finding is never hidden."""
    result = scan(parsed.document, engine)
    findings = tuple(f for f in result.findings if entities is None or f.entity.name in entities
                     or f.entity.name == "UNSCANNABLE")  # fmt: skip
    gone = hidden({f.fingerprint for f in findings}) if hidden and findings else set()
    kept = tuple(f for f in findings if f.fingerprint not in gone or f.entity.name == "UNSCANNABLE")
    return Outcome(parsed, ScanResult(result.document_id, kept), kept, len(findings) - len(kept))


def redacted_output(
    engine: Engine,
    outcome: Outcome,
    operators: Mapping[str, Any] | None,
    keys: Mapping[str, bytes],
) -> tuple[str, Any]:
    """("text", str) for plain text, ("content", JSON) for structured content, or
    ("content_base64", str) for other files."""
    try:
        chosen = parse_operators(operators, keys) if operators else None
    except OperatorConfigError as exc:
        raise PayloadError(f"operators: {exc}") from None
    parsed = outcome.parsed
    redacted = redact_document(parsed.document, outcome.result, engine, chosen)
    if parsed.format == "text":
        return "text", "".join(s.text for s in redacted.document.segments)
    written = get_format(parsed.format).write(parsed, redacted)
    try:
        if parsed.format in JSON_LINES:
            return "content", [json.loads(line) for line in written.splitlines() if line.strip()]
        if written[:1] in (b"{", b"["):
            return "content", json.loads(written)
    except (ValueError, UnicodeDecodeError):
        pass
    return "content_base64", base64.b64encode(written).decode()


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.entity.name] = counts.get(f.entity.name, 0) + 1
    return counts
