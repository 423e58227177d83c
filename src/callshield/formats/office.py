"""pdf (read, never rewritten), docx and xlsx (texts read and rewritten in place): the office
handlers behind `files.extract` and `files.rebuild`."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from io import BytesIO
from pathlib import PurePosixPath
from typing import Any

from callshield.core.document import Segment
from callshield.core.tables import grid_contexts
from callshield.formats.archive import PartReadError
from callshield.formats.base import PartError
from callshield.formats.html import TextEdit
from callshield.formats.parts import Extracted, RewritePlan, child

# --- pdf ------------------------------------------------------------------------------------


def extract_pdf(data: bytes, prefix: str) -> Extracted:
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


def load_docx(data: bytes) -> Any:
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


def docx_texts(
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


def docx_contexts(document: Any, prefix: str) -> dict[str, str]:
    """What says what each table cell's paragraphs hold, by segment id (`grid_contexts`: a
    label to the left, the column's header)."""
    contexts: dict[str, str] = {}
    for label, root, _ in _word_roots(document):
        # the list keeps lxml's element proxies alive, so their ids stay theirs
        paragraphs = list(root.iter(f"{_W}p"))
        numbers = {id(p): n for n, p in enumerate(paragraphs, 1)}
        for table in root.iter(f"{_W}tbl"):
            rows = [
                [cell for cell in row if cell.tag == f"{_W}tc"]
                for row in table
                if row.tag == f"{_W}tr"
            ]
            grid = grid_contexts([[_cell_words(cell) for cell in row] for row in rows])
            for row, row_contexts in zip(rows, grid, strict=True):
                for cell, context in zip(row, row_contexts, strict=True):
                    for paragraph in cell.iter(f"{_W}p") if context else ():
                        number = numbers.get(id(paragraph))
                        if number is not None:
                            contexts[child(prefix, child(label, f"p[{number}]"))] = context
    return contexts


def _cell_words(cell: Any) -> str:
    return " ".join("".join(t for _, t in _pieces(p)).strip() for p in cell.iter(f"{_W}p")).strip()


def rebuild_docx(data: bytes, prefix: str, plan: RewritePlan) -> bytes:
    from lxml import etree

    document = load_docx(data)
    roots = _word_roots(document)
    for segment_id, _, target in docx_texts(document, prefix, roots):
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


def load_xlsx(data: bytes) -> Any:
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
    """What a cell says: its text; a whole number (a ZIP or a PIN stored as a number, 4921.0
    included); a date as ISO 8601 (a date of birth is a date cell). Fractions (amounts) and
    booleans say nothing sensitive."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return (
            value.date().isoformat() if isinstance(value, datetime.datetime) else value.isoformat()
        )
    return ""


def xlsx_contexts(workbook: Any, prefix: str) -> dict[str, str]:
    """What says what each cell holds, by segment id (`grid_contexts`: a label to the left,
    the column's header)."""
    contexts: dict[str, str] = {}
    for number, sheet in enumerate(workbook.worksheets, 1):
        label = sheet_label(str(sheet.title), number)
        rows = list(sheet.iter_rows())
        grid = grid_contexts([[_cell_text(cell.value).strip() for cell in row] for row in rows])
        for row, row_contexts in zip(rows, grid, strict=True):
            for cell, context in zip(row, row_contexts, strict=True):
                if context:
                    contexts[child(prefix, f"{label}!{cell.coordinate}")] = context
    return contexts


def xlsx_texts(workbook: Any, prefix: str) -> Iterator[tuple[str, str, TextSetter]]:
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


def rebuild_xlsx(data: bytes, prefix: str, plan: RewritePlan) -> bytes:
    from openpyxl.comments import Comment

    workbook = load_xlsx(data)
    for segment_id, text, (where, target) in list(xlsx_texts(workbook, prefix)):
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
