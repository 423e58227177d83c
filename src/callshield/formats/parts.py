"""The values that extracting and rebuilding parts pass around (shared by files, e-mail and
archives): the segments and errors of a part, the bytes a reader keeps, a rebuilt part and the
plan a writer follows (texts and edits per segment id, and the parts that failed to read)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from callshield.core.document import Segment
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.html import TextEdit
from callshield.pipeline import RedactedDocument


@dataclass(frozen=True, slots=True)
class Extracted:
    """The segments of one part (ids under its prefix) and the errors of its sub-parts."""

    segments: tuple[Segment, ...] = ()
    errors: tuple[PartError, ...] = ()
    #: Facts for the manifest that are not errors ("a pdf is never rewritten ...").
    notices: tuple[str, ...] = ()

    def plus(self, other: Extracted) -> Extracted:
        return Extracted(
            self.segments + other.segments,
            self.errors + other.errors,
            self.notices + other.notices,
        )


@dataclass(frozen=True, slots=True)
class Source:
    """What `Parsed.original` holds for these formats: the input bytes (writers re-parse them)
    and the reader's notices, which the manifest lists."""

    data: bytes = field(repr=False)
    notices: tuple[str, ...] = ()


def source_bytes(parsed: Parsed) -> bytes:
    if isinstance(parsed.original, Source):
        return parsed.original.data
    if isinstance(parsed.original, bytes):
        return parsed.original
    raise ContentError(f"{parsed.format}: this Parsed was not made by the {parsed.format} reader")


@dataclass(frozen=True, slots=True)
class Rebuilt:
    """A rebuilt part, the sub-parts it replaced by a notice, and the charset of text bytes."""

    data: bytes = field(repr=False)
    removed: tuple[PartError, ...] = ()
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class RewritePlan:
    """What a writer needs from a redacted Document: texts and edits per segment id, and the
    parts that failed to read (which it must replace, never pass through)."""

    texts: Mapping[str, str] = field(repr=False)
    edits: Mapping[str, tuple[TextEdit, ...]] = field(repr=False)
    failed: Mapping[str, str]

    @classmethod
    def of(cls, parsed: Parsed, redacted: RedactedDocument) -> RewritePlan:
        texts = {s.id: s.text for s in redacted.document.segments}
        edits = {
            sid: tuple(
                TextEdit(r.original.start, r.original.end, text[r.redacted.start : r.redacted.end])
                for r in replacements
            )
            for sid, replacements in redacted.replacements.items()
            if replacements and (text := texts.get(sid)) is not None
        }
        return cls(texts, edits, {e.part: e.message for e in parsed.errors})

    def text(self, segment_id: str) -> str:
        """The redacted text of a segment; a segment missing from the redacted Document is an
        error, not a pass-through of the original."""
        try:
            return self.texts[segment_id]
        except KeyError:
            raise ContentError(
                f"segment {segment_id} is missing from the redacted document"
            ) from None

    def edits_for(self, segment_id: str) -> tuple[TextEdit, ...]:
        return self.edits.get(segment_id, ())

    def touched(self, prefix: str) -> bool:
        """Whether anything under `prefix` (a part name; "" for the whole input) was redacted."""
        return any(not prefix or s == prefix or s.startswith(prefix + "/") for s in self.edits)


def removal_notice(part: str, plan: RewritePlan) -> PartError:
    """The notice that stands in for a part that is not passed through, and why."""
    if part in plan.failed:
        return PartError(part, f"{part} removed: it could not be scanned ({plan.failed[part]})")
    return PartError(
        part, f"{part} removed: it held sensitive data that cannot be redacted in place"
    )


def child(prefix: str, name: str) -> str:
    return f"{prefix}/{name}" if prefix else name
