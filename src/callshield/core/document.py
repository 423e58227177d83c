"""Documents and segments: the one shape every reader produces and every writer consumes."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Channel(enum.Enum):
    """Where content came from; policies condition on it."""

    CALL = "call"
    CHAT = "chat"
    EMAIL = "email"
    FILE = "file"
    UPLOAD = "upload"
    REMOVABLE_MEDIA = "removable_media"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class WordTiming:
    """A word of a transcript with its character range in the segment text and its audio time."""

    start_char: int
    end_char: int
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Segment:
    """A unit of text: a speaker turn, a chat message, a MIME part, a file chunk."""

    id: str
    text: str
    speaker: str | None = None
    start_s: float | None = None
    end_s: float | None = None
    words: tuple[WordTiming, ...] = ()
    #: Words that say what the text is, read before it for detection only: a spreadsheet
    #: cell's column header ("SSN"). Never part of the text, never redacted.
    context: str = ""

    def time_range(self, start: int, end: int) -> tuple[float, float] | None:
        """The audio time of characters [start, end): from the first to the last word that
        overlaps them (a word touched at all counts whole), else the segment's own times when
        it has no word timings, else None."""
        touched = [w for w in self.words if w.start_char < end and start < w.end_char]
        if touched:
            return min(w.start_s for w in touched), max(w.end_s for w in touched)
        if not self.words and self.start_s is not None and self.end_s is not None:
            return self.start_s, self.end_s
        return None

    def __repr__(self) -> str:
        # Never show the text: it may hold the very values we protect.
        return f"Segment(id={self.id!r}, chars={len(self.text)}, speaker={self.speaker!r})"


@dataclass(frozen=True, slots=True)
class Document:
    """An interaction: segments in order, with the channel and free metadata."""

    id: str
    segments: tuple[Segment, ...]
    channel: Channel = Channel.TEXT
    metadata: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"Document(id={self.id!r}, channel={self.channel.value}, segments={len(self.segments)})"
        )
