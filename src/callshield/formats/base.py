"""The contract every content format meets: bytes in, a `Parsed` (the core Document plus what
the writer needs), and back to bytes of the same format from a redacted Document.

EDGE module: it may parse, but it never detects; detection is `pipeline.scan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from callshield.core.document import Document
from callshield.pipeline import RedactedDocument


class ContentError(ValueError):
    """The input as a whole cannot be read (not this format, not parseable at all).

    Messages name the format, the place (line, field, part) and the problem, never content.
    """


class UnknownFormatError(ContentError):
    """No format recognises the input, or `--format` names a format that does not exist."""


@dataclass(frozen=True, slots=True)
class PartError:
    """A part that could not be read or scanned (a corrupt pdf, a refused zip bomb, bad base64).

    `part` names where it lives (`attachment[2]`, `attachment[1]/inner.zip/a.txt`); `message`
    says what went wrong without quoting content. Fail closed: a writer never passes such a part
    through; it replaces it by a notice.
    """

    part: str
    message: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a reader returns: the Document to scan, the parsed original for the writer, and
    the parts that could not be read."""

    format: str
    document: Document
    original: Any = field(repr=False, default=None)
    errors: tuple[PartError, ...] = ()


class ContentFormat(Protocol):
    """A reader and writer pair for one format."""

    #: Stable name used by `--format` and the API's `format` field, e.g. "aws_transcribe".
    name: str
    #: File-name suffixes (lower case, with the dot) that suggest this format.
    suffixes: tuple[str, ...]

    def sniff(self, data: bytes, filename: str) -> bool:
        """Whether `data` looks like this format (cheap: look at the head and structure)."""
        ...

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        """Parse `data`. Raise ContentError when the whole input is unreadable; a bad part
        becomes a PartError in the result and the rest is still read."""
        ...

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        """The original structure with every segment's text replaced by its redacted text."""
        ...


def word_replacements(
    word_spans: Sequence[tuple[int, int]], redacted_spans: Sequence[tuple[int, int]]
) -> list[int | None]:
    """For each word (char range in the segment's original text), the index of the first
    redacted span it overlaps, or None. A word that touches a redacted span at all is redacted
    as a whole (fail safe: a word never keeps part of a value). Both inputs sorted by start."""
    out: list[int | None] = []
    j = 0
    for start, end in word_spans:
        while j < len(redacted_spans) and redacted_spans[j][1] <= start:
            j += 1
        hit: int | None = None
        k = j
        while k < len(redacted_spans) and redacted_spans[k][0] < end:
            if redacted_spans[k][1] > start:
                hit = k
                break
            k += 1
        out.append(hit)
    return out
