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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO, StringIO
from pathlib import PurePosixPath
from typing import Any

from callshield.core.document import Channel, Document, Segment
from callshield.formats import archive
from callshield.formats.archive import ArchiveLimits, Context, PartReadError
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.html import TextEdit, html_to_text, redact_html
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
            return _extract_pdf(data, prefix)
        if kind == "docx":
            archive.check_container(data, ctx)
            return Extracted(
                tuple(Segment(i, t) for i, t, _ in _docx_texts(_load_docx(data), prefix))
            )
        if kind == "xlsx":
            archive.check_container(data, ctx)
            return Extracted(
                tuple(Segment(i, t) for i, t, _ in _xlsx_texts(_load_xlsx(data), prefix))
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
            from callshield.formats import email

            return email.rebuild_message(data, prefix, plan, ctx)
        return archive.rebuild_zip(data, prefix, plan, ctx)
    except Exception:  # the fail-closed boundary: whatever fails here becomes a notice
        return None


def _rebuild_office(kind: str, data: bytes, prefix: str, plan: RewritePlan, ctx: Context) -> bytes:
    archive.check_container(data, ctx)
    return (
        _rebuild_docx(data, prefix, plan) if kind == "docx" else _rebuild_xlsx(data, prefix, plan)
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


# --- pdf ------------------------------------------------------------------------------------


def _extract_pdf(data: bytes, prefix: str) -> Extracted:
    """Text per page and the document info; a pdf is read, never rewritten."""
    from pypdf import PdfReader

    label = prefix or "pdf"
    segments: list[Segment] = []
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise PartReadError("pdf is encrypted; it cannot be scanned")
        for number, page in enumerate(reader.pages, 1):
            text = page.extract_text() or ""
            if text.strip():
                segments.append(Segment(child(prefix, f"page[{number}]"), text))
        has_text = bool(segments)
        for key, value in (reader.metadata or {}).items():
            if key in ("/Author", "/Title", "/Subject", "/Keywords") and isinstance(value, str):
                segments.append(Segment(child(prefix, f"info/{key[1:].lower()}"), value))
        embedded = bool(reader.attachments)
    except PartReadError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged input: fail closed
        raise PartReadError(f"pdf could not be read ({type(exc).__name__})") from None
    if embedded:
        return Extracted(tuple(segments), (PartError(label, "pdf holds embedded files"),))
    if not has_text:
        return Extracted(tuple(segments), (PartError(label, "pdf has no text layer"),))
    notice = f"{label}: a pdf is never rewritten; with findings it is replaced by a notice"
    return Extracted(tuple(segments), notices=(notice,))


def _decrypts(reader: Any) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # a missing crypto backend or a damaged key: not readable
        return False


# --- docx -----------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_EDITABLE = frozenset({f"{_W}t", f"{_W}delText", f"{_W}instrText"})
_SYNTHETIC = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_WORD_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml."
_WORD_PARTS = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml",
               "endnotes+xml", "comments+xml")  # fmt: skip
_CORE_FIELDS = ("author", "title", "subject", "keywords", "comments", "last_modified_by",
                "category")  # fmt: skip

TextSetter = Any  # a callable taking the redacted text; Any: the libraries are untyped


def _load_docx(data: bytes) -> Any:
    import docx

    try:
        return docx.Document(BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged input
        raise PartReadError(f"docx could not be read ({type(exc).__name__})") from None


def _word_roots(document: Any) -> list[tuple[str, Any, Any]]:
    """(label, XML root, part) of every part that holds text, main document first."""
    from lxml import etree  # type: ignore[import-untyped]

    roots: list[tuple[str, Any, Any]] = []
    for part in document.part.package.iter_parts():
        content_type = str(part.content_type)
        if not content_type.startswith(_WORD_TYPE) or not content_type.endswith(_WORD_PARTS):
            continue
        if hasattr(part, "element"):
            root = part.element
        else:
            parser = etree.XMLParser(resolve_entities=False, no_network=True)
            root = etree.fromstring(part.blob, parser)
        main = content_type.endswith("document.main+xml")
        roots.append(("" if main else PurePosixPath(str(part.partname)).stem, root, part))
    return sorted(roots, key=lambda entry: (entry[0] != "", entry[0]))


def _pieces(paragraph: Any) -> list[tuple[Any | None, str]]:
    """The text pieces of a paragraph in order: (element, text) for editable text, (None,
    text) for a tab or break; nested paragraphs (text boxes) are their own segments."""
    out: list[tuple[Any | None, str]] = []

    def walk(element: Any) -> None:
        for node in element:
            if node.tag == f"{_W}p":
                continue
            if node.tag in _EDITABLE:
                out.append((node, node.text or ""))
            elif node.tag in _SYNTHETIC:
                out.append((None, _SYNTHETIC[node.tag]))
            else:
                walk(node)

    walk(paragraph)
    return out


def _docx_texts(
    document: Any, prefix: str, roots: list[tuple[str, Any, Any]] | None = None
) -> Iterator[tuple[str, str, TextSetter]]:
    for label, root, _ in _word_roots(document) if roots is None else roots:
        for number, paragraph in enumerate(root.iter(f"{_W}p"), 1):
            pieces = _pieces(paragraph)
            text = "".join(t for _, t in pieces)
            if text.strip():
                place = child(label, f"p[{number}]")
                yield child(prefix, place), text, pieces
    properties = document.core_properties
    for name in _CORE_FIELDS:
        value = getattr(properties, name, None)
        if isinstance(value, str) and value.strip():
            yield child(prefix, f"props/{name}"), value, name


def _rebuild_docx(data: bytes, prefix: str, plan: RewritePlan) -> bytes:
    from lxml import etree

    document = _load_docx(data)
    roots = _word_roots(document)
    for segment_id, _, target in _docx_texts(document, prefix, roots):
        if isinstance(target, str):
            setattr(document.core_properties, target, plan.text(segment_id))
            continue
        edits = plan.edits_for(segment_id)
        if not edits:
            continue
        texts = apply_piece_edits([t for _, t in target], [e is not None for e, _ in target], edits)
        for (element, old), new in zip(target, texts, strict=True):
            if element is not None and new != old:
                element.text = new
                element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for _, root, part in roots:
        if not hasattr(part, "element"):
            part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def apply_piece_edits(
    pieces: Sequence[str], editable: Sequence[bool], edits: Sequence[TextEdit]
) -> list[str]:
    """New piece texts for a text made of `pieces`: each edit's replacement goes into the
    first editable piece it touches, and its characters leave every editable piece it touches
    (markup between pieces is kept). Pieces that are not editable (tabs, breaks) stay."""
    starts: list[int] = []
    position = 0
    for piece in pieces:
        starts.append(position)
        position += len(piece)
    ops: list[list[tuple[int, int, str]]] = [[] for _ in pieces]
    for edit in edits:
        placed = False
        for index, piece in enumerate(pieces):
            lo, hi = edit.start - starts[index], edit.end - starts[index]
            if not editable[index] or hi <= 0 or lo >= len(piece):
                continue
            ops[index].append((max(lo, 0), min(hi, len(piece)), "" if placed else edit.text))
            placed = True
    out: list[str] = []
    for piece, piece_ops in zip(pieces, ops, strict=True):
        for lo, hi, text in sorted(piece_ops, reverse=True):
            piece = piece[:lo] + text + piece[hi:]
        out.append(piece)
    return out


# --- xlsx -----------------------------------------------------------------------------------

_WORKBOOK_FIELDS = ("creator", "title", "subject", "description", "keywords", "lastModifiedBy")


def _load_xlsx(data: bytes) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(BytesIO(data))
    except Exception as exc:  # openpyxl raises many types on damaged input
        raise PartReadError(f"xlsx could not be read ({type(exc).__name__})") from None


def sheet_label(title: str, number: int) -> str:
    """A sheet's title when it is a plain place name (`Sheet1`), else `sheet[N]`: a title that
    could hold a value (digits, an address) never becomes part of an id."""
    plain = (
        len(title) <= 31
        and "@" not in title
        and not any(c in "!/[]" for c in title)
        and not any(title[i : i + 3].isdigit() for i in range(len(title) - 2))
    )
    return title if plain and title.strip() else f"sheet[{number}]"


def _cell_text(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e5:
        return str(int(value))
    return ""


def _xlsx_texts(workbook: Any, prefix: str) -> Iterator[tuple[str, str, TextSetter]]:
    for number, sheet in enumerate(workbook.worksheets, 1):
        label = sheet_label(str(sheet.title), number)
        for row in sheet.iter_rows():
            for cell in row:
                place = child(prefix, f"{label}!{cell.coordinate}")
                text = _cell_text(cell.value)
                if text.strip():
                    yield place, text, ("value", cell)
                if cell.comment is not None and str(cell.comment.text).strip():
                    yield f"{place}/comment", str(cell.comment.text), ("comment", cell)
    for name in _WORKBOOK_FIELDS:
        value = getattr(workbook.properties, name, None)
        if isinstance(value, str) and value.strip():
            yield child(prefix, f"props/{name}"), value, ("property", name)


def _rebuild_xlsx(data: bytes, prefix: str, plan: RewritePlan) -> bytes:
    from openpyxl.comments import Comment

    workbook = _load_xlsx(data)
    for segment_id, text, (where, target) in list(_xlsx_texts(workbook, prefix)):
        new = plan.text(segment_id)
        if new == text:
            continue
        if where == "value":
            target.value = new
        elif where == "comment":
            target.comment = Comment(new, "")
        else:
            setattr(workbook.properties, target, new)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


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
