"""Plain UTF-8 text: one segment, written back as the redacted text."""

from __future__ import annotations

from callshield.core.document import Channel, Document, Segment
from callshield.formats.base import ContentError, Parsed
from callshield.pipeline import RedactedDocument


class PlainText:
    name: str = "text"
    suffixes: tuple[str, ...] = (".txt", ".text", ".log", ".md")

    def sniff(self, data: bytes, filename: str) -> bool:
        try:
            data[:4096].decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the 4 KiB boundary is still text.
            return exc.start >= 4090
        return True

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ContentError(f"text: not UTF-8 (byte {exc.start})") from None
        document = Document(source or "text", (Segment("text", text),), Channel.TEXT)
        return Parsed(self.name, document)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        return "".join(s.text for s in redacted.document.segments).encode("utf-8")
