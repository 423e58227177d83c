"""The one scan pipeline every door calls (CLI, API, gateway, watcher, batch): a Document in,
findings per segment and, on request, the redacted Document out. Policy evaluation joins here
when the platform lands; the engine stays the only thing that detects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from callshield.core.conversation import Conversation, Entities, conversation_findings
from callshield.core.document import Channel, Document
from callshield.core.entities import EntityType
from callshield.core.finding import Finding
from callshield.core.redaction import Operator, Replacement
from callshield.engine import Engine


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Findings of a whole document, in segment order; their `segment_id` names the segment."""

    document_id: str
    findings: tuple[Finding, ...]

    def by_segment(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.segment_id, []).append(finding)
        return out


@dataclass(frozen=True, slots=True)
class RedactedDocument:
    document: Document
    replacements: Mapping[str, tuple[Replacement, ...]]


#: Channels whose segments are turns of one conversation, where values span turns.
CONVERSATIONS = frozenset({Channel.CALL, Channel.CHAT})


def scan(document: Document, engine: Engine) -> ScanResult:
    """Scan every segment of `document` with `engine`; calls and chats are then read as one
    conversation (values split across turns, PCI windows, read-backs: core/conversation.py)."""
    per_segment = [engine.scan_segment(segment) for segment in document.segments]
    if document.channel in CONVERSATIONS and len(document.segments) > 1:
        added = conversation_findings(document.segments, per_segment, _conversation(engine))
        per_segment = [
            sorted([*found, *more], key=lambda f: (f.start, f.end))
            for found, more in zip(per_segment, added, strict=True)
        ]
    return ScanResult(document.id, tuple(f for found in per_segment for f in found))


def _conversation(engine: Engine) -> Conversation:
    def enabled(name: str) -> EntityType | None:
        entity = engine.catalogue.get(name)
        return entity if entity in engine.entities else None

    entities = Entities(enabled("PAYMENT_CARD"), enabled("CARD_CVV"), enabled("CARD_EXPIRY"))
    return Conversation(engine.scan, engine.fingerprint, entities)


def redact_document(
    document: Document,
    result: ScanResult,
    engine: Engine,
    operators: Mapping[str, Operator] | None = None,
) -> RedactedDocument:
    """The same document with each segment's text redacted from `result` (no re-detection)."""
    per_segment = result.by_segment()
    segments = []
    replacements: dict[str, tuple[Replacement, ...]] = {}
    for segment in document.segments:
        redacted = engine.redact(segment.text, per_segment.get(segment.id, []), operators)
        segments.append(replace(segment, text=redacted.text, words=()))
        replacements[segment.id] = redacted.replacements
    return RedactedDocument(replace(document, segments=tuple(segments)), replacements)
