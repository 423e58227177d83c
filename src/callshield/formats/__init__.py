"""Content formats (EDGE): readers turn bytes into a core Document, writers turn a redacted
Document back into the same format with its structure kept.

    parsed = read_content(data, "call.json")          # format sniffed, or format="whisper"
    result = pipeline.scan(parsed.document, engine)
    redacted = pipeline.redact_document(parsed.document, result, engine)
    out = get_format(parsed.format).write(parsed, redacted)
"""

from __future__ import annotations

from callshield.formats.base import (
    ContentError,
    ContentFormat,
    Parsed,
    PartError,
    UnknownFormatError,
    word_replacements,
)


def all_formats() -> tuple[ContentFormat, ...]:
    """Every format, most specific first: detection takes the first that sniffs the input.
    Plain text is last: it accepts anything that decodes as UTF-8."""
    from callshield.formats.aws import AwsTranscribe
    from callshield.formats.email import EmailFormat
    from callshield.formats.files import document_formats
    from callshield.formats.google import GoogleStt
    from callshield.formats.text import PlainText
    from callshield.formats.turns import ChatJsonl, TurnsJsonl
    from callshield.formats.whisper import Whisper

    return (
        AwsTranscribe(),
        GoogleStt(),
        Whisper(),
        TurnsJsonl(),
        ChatJsonl(),
        EmailFormat(),
        *document_formats(),
        PlainText(),
    )


def format_names() -> tuple[str, ...]:
    return tuple(f.name for f in all_formats())


def get_format(name: str) -> ContentFormat:
    """The format called `name`; an unknown name is an error listing the known ones."""
    for fmt in all_formats():
        if fmt.name == name:
            return fmt
    raise UnknownFormatError(f"unknown format {name!r}; known: {', '.join(format_names())}")


def detect_format(data: bytes, filename: str = "") -> ContentFormat:
    """The first format whose sniff accepts `data` (file name suffix as a hint)."""
    for fmt in all_formats():
        if fmt.sniff(data, filename):
            return fmt
    raise UnknownFormatError(f"{filename or 'input'}: not a format Callshield reads")


def read_content(data: bytes, filename: str = "", format: str | None = None) -> Parsed:
    """Parse `data` with the named format, or the detected one."""
    fmt = get_format(format) if format else detect_format(data, filename)
    return fmt.read(data, source=filename)


__all__ = [
    "ContentError",
    "ContentFormat",
    "Parsed",
    "PartError",
    "UnknownFormatError",
    "all_formats",
    "detect_format",
    "format_names",
    "get_format",
    "read_content",
    "word_replacements",
]
