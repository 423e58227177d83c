"""Documents: txt, csv, html, pdf, docx, xlsx and zip, on their own or inside an e-mail or an
archive. One handler per kind turns bytes into Segments and rebuilds the bytes from a redacted
Document; e-mail attachments and zip members go through the same `extract` and `rebuild`.

Rebuilding re-parses the original bytes instead of keeping library objects, so a Parsed stays an
immutable value and writing twice gives the same bytes. A part with a PartError, or one that
cannot be rewritten in place (a pdf with findings), is never passed through: its container
replaces it by a notice (fail closed). Segment ids name places by position (`member[2]/p[4]`,
`Sheet1!B7`, `page[3]`), never by file name: a name is content and is scanned as its own segment.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from io import BytesIO, StringIO
from pathlib import PurePosixPath
from typing import Any

from callshield.core.document import Channel, Document, Segment
from callshield.formats import archive, office
from callshield.formats.archive import ArchiveLimits, Context, PartReadError
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.html import html_to_text, redact_html
from callshield.formats.parts import (
    Extracted,
    Rebuilt,
    RewritePlan,
    Source,
    removal_notice,
    source_bytes,
)
from callshield.pipeline import RedactedDocument

TEXT_KINDS = frozenset({"txt", "csv", "html"})
_SUFFIX_KINDS = {
    ".txt": "txt", ".text": "txt", ".log": "txt", ".md": "txt", ".json": "txt", ".xml": "txt",
    ".vcf": "txt", ".ics": "txt", ".csv": "csv", ".tsv": "csv", ".htm": "html", ".html": "html",
    ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".zip": "zip", ".eml": "eml",
}  # fmt: skip
_TYPE_KINDS = {
    "text/html": "html", "text/csv": "csv", "application/pdf": "pdf", "application/zip": "zip",
    "application/x-zip-compressed": "zip", "message/rfc822": "eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}  # fmt: skip
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


# --- kinds ----------------------------------------------------------------------------------


def sniff_kind(data: bytes, name: str = "", content_type: str = "") -> str | None:
    """The kind of a part: magic bytes first, then the declared type and the file name, then
    whether it reads as text. None: a type Callshield cannot scan (an image, a binary)."""
    if data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return "pdf"
    if data[:4] in _ZIP_MAGIC:
        return _zip_kind(data)
    declared = _TYPE_KINDS.get(content_type.lower())
    by_name = _SUFFIX_KINDS.get(PurePosixPath(name.lower()).suffix)
    kind = declared or by_name
    if kind is None and content_type.lower().startswith("text/"):
        kind = "txt"
    if kind is None and _reads_as_text(data):
        kind = "html" if _looks_like_html(data) else "txt"
    return kind


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zipped:
            names = set(zipped.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _reads_as_text(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    try:
        head.decode("utf-16" if b"\x00" in head else "utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 4
    return True


def _looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def decode_text(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Text and the codec to write it back with. Undecodable bytes become surrogate escapes,
    so writing back loses nothing; without a charset: UTF-8, else cp1252, else latin-1."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", "surrogateescape"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace"), "utf-16"
    if charset:
        try:
            return data.decode(charset, "surrogateescape"), charset
        except UnicodeDecodeError:
            pass  # a codec that cannot escape every byte (utf-16): use the fallbacks
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def encode_text(text: str, codec: str) -> tuple[bytes, str]:
    """Bytes in `codec` when it can hold the redacted text, else UTF-8."""
    try:
        return text.encode(codec, "surrogateescape"), codec
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape"), "utf-8"


# --- extract and rebuild, by kind -----------------------------------------------------------


def extract_any(
    data: bytes, name: str, prefix: str, ctx: Context, content_type: str = ""
) -> Extracted:
    """Sniff a part's kind and extract it; a kind Callshield cannot scan is a PartError."""
    kind = sniff_kind(data, name, content_type)
    if kind is None:
        return Extracted((), (PartError(prefix or "file", "a binary part cannot be scanned"),))
    return extract(kind, data, prefix, ctx)


def rebuild_any(
    data: bytes, name: str, prefix: str, plan: RewritePlan, ctx: Context, content_type: str = ""
) -> Rebuilt | None:
    """The redacted bytes of a part read by `extract_any`, or None: replace it by a notice."""
    kind = sniff_kind(data, name, content_type)
    return None if kind is None else rebuild(kind, data, prefix, plan, ctx)


def extract(
    kind: str, data: bytes, prefix: str, ctx: Context, charset: str | None = None
) -> Extracted:
    """Segments of a part of a known kind; a part that fails is one PartError, not a crash."""
    label = prefix or kind
    try:
        if kind in TEXT_KINDS:
            return Extracted((Segment(label, _scannable_text(kind, data, charset)),))
        if kind == "pdf":
            return office.extract_pdf(data, prefix)
        if kind == "docx":
            archive.check_container(data, ctx)
            document = office.load_docx(data)
            headers = office.docx_contexts(document, prefix)
            return Extracted(
                tuple(
                    Segment(i, t, context=headers.get(i, ""))
                    for i, t, _ in office.docx_texts(document, prefix)
                )
            )
        if kind == "xlsx":
            archive.check_container(data, ctx)
            workbook = office.load_xlsx(data)
            headers = office.xlsx_contexts(workbook, prefix)
            return Extracted(
                tuple(
                    Segment(i, t, context=headers.get(i, ""))
                    for i, t, _ in office.xlsx_texts(workbook, prefix)
                )
            )
        if kind == "eml":
            from callshield.formats import email

            return email.extract_message(data, prefix, ctx)
        if kind != "zip":
            raise PartReadError(f"no handler for {kind}")
        return archive.extract_zip(data, prefix, ctx)
    except PartReadError as exc:
        return Extracted((), (PartError(label, str(exc)),))
    except Exception as exc:  # the fail-closed boundary: a library bug is a PartError, not a crash
        return Extracted(
            (), (PartError(label, f"{kind} could not be read ({type(exc).__name__})"),)
        )


def rebuild(
    kind: str,
    data: bytes,
    prefix: str,
    plan: RewritePlan,
    ctx: Context,
    charset: str | None = None,
) -> Rebuilt | None:
    """The part's bytes with its segments redacted in place, or None when it must be replaced
    by a notice (it failed to read, or it cannot be rewritten: a pdf with findings)."""
    label = prefix or kind
    if label in plan.failed:
        return None
    try:
        if kind in TEXT_KINDS:
            return _rebuild_text(kind, data, label, plan, charset)
        if kind == "pdf":
            return None if plan.touched(prefix) else Rebuilt(data)
        if kind in ("docx", "xlsx"):
            return Rebuilt(_rebuild_office(kind, data, prefix, plan, ctx))
        if kind == "eml":
            from callshield.formats import email_rewrite

            return email_rewrite.rebuild_message(data, prefix, plan, ctx)
        return archive.rebuild_zip(data, prefix, plan, ctx)
    except Exception:  # the fail-closed boundary: whatever fails here becomes a notice
        return None


def _rebuild_office(kind: str, data: bytes, prefix: str, plan: RewritePlan, ctx: Context) -> bytes:
    archive.check_container(data, ctx)
    return (
        office.rebuild_docx(data, prefix, plan)
        if kind == "docx"
        else office.rebuild_xlsx(data, prefix, plan)
    )


def _scannable_text(kind: str, data: bytes, charset: str | None) -> str:
    text, _ = decode_text(data, charset)
    return html_to_text(text).text if kind == "html" else text


def _rebuild_text(
    kind: str, data: bytes, segment_id: str, plan: RewritePlan, charset: str | None
) -> Rebuilt | None:
    text, codec = decode_text(data, charset)
    if kind == "html":
        new = redact_html(html_to_text(text), plan.edits_for(segment_id))
    else:
        new = plan.text(segment_id)
    if kind == "csv" and _csv_shape(new, _dialect(text)) != _csv_shape(text, _dialect(text)):
        return None  # a redaction crossed a delimiter: the table would change shape
    encoded, used = encode_text(new, codec)
    return Rebuilt(encoded, charset=used)


def _dialect(text: str) -> Any:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def _csv_shape(text: str, dialect: Any) -> list[int] | None:
    """Cells per row, or None when the text does not parse as csv at all."""
    try:
        return [len(row) for row in csv.reader(StringIO(text), dialect)]
    except csv.Error:
        return None


# --- formats on their own -------------------------------------------------------------------


class DocumentFile:
    """A document of one kind on its own (not in an e-mail): read, scanned, rebuilt."""

    def __init__(
        self, kind: str, suffixes: tuple[str, ...], limits: ArchiveLimits | None = None
    ) -> None:
        self.name: str = kind
        self.suffixes: tuple[str, ...] = suffixes
        self.limits = limits or ArchiveLimits()

    def sniff(self, data: bytes, filename: str) -> bool:
        return sniff_kind(data, filename) == self.name

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        part = extract(self.name, data, "", Context.fresh(self.limits))
        whole = [e for e in part.errors if e.part == self.name]
        if whole and not part.segments:
            raise ContentError(f"{self.name}: {whole[0].message}")
        document = Document(source or self.name, part.segments, Channel.FILE, {"kind": self.name})
        original = Source(data, part.notices)
        return Parsed(self.name, document, original=original, errors=part.errors)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        return self.rebuild(parsed, redacted).data

    def rebuild(self, parsed: Parsed, redacted: RedactedDocument) -> Rebuilt:
        """The redacted file and the parts it replaced by a notice (for the manifest). A file
        that cannot be redacted in place as a whole (a pdf with findings, a pdf that could not
        be scanned) is refused with a ContentError: no output is better than a leak."""
        plan = RewritePlan.of(parsed, redacted)
        data = source_bytes(parsed)
        rebuilt = rebuild(self.name, data, "", plan, Context.fresh(self.limits))
        if rebuilt is None:
            why = removal_notice(self.name, plan).message.split(": ", 1)[-1]
            raise ContentError(f"{self.name}: no output written: {why}")
        return rebuilt


def document_formats(limits: ArchiveLimits | None = None) -> tuple[DocumentFile, ...]:
    """The file formats, most specific first (office files are zips; csv before html)."""
    return (
        DocumentFile("pdf", (".pdf",), limits),
        DocumentFile("docx", (".docx",), limits),
        DocumentFile("xlsx", (".xlsx",), limits),
        DocumentFile("zip", (".zip",), limits),
        DocumentFile("csv", (".csv", ".tsv"), limits),
        DocumentFile("html", (".html", ".htm"), limits),
    )
