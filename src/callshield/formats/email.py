"""E-mail (.eml): RFC 5322 / MIME messages with their attachments, read with the standard
library's modern policy and rebuilt with the same structure and headers.

Scanned: free-text headers (Subject, Thread-Topic, Comments, Keywords), display names in
From/To/Cc, text and HTML bodies (HTML through html.py, so redaction edits the source), the
preamble and epilogue of multiparts, and every attachment through files.py (txt, csv, html, pdf,
docx, xlsx, zip), attached messages recursively. Segment ids name places: `subject`,
`to/name[2]`, `body[text/plain]`, `attachment[2]/p[4]`, `attachment[3]/member[1]/Sheet1!B7`.

Fail closed: a part that cannot be decoded (unknown or wrong charset, damaged base64, a multipart
without its boundary, a binary type, nesting too deep) is a PartError, is still scanned when it
can be decoded at all, and is replaced by a text/plain notice in the rebuilt message.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage

from callshield.core.document import Channel, Document, Segment
from callshield.formats import files, mime, parts
from callshield.formats.archive import ArchiveLimits, Context
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.email_rewrite import rebuild_message
from callshield.formats.html import html_to_text
from callshield.pipeline import RedactedDocument

_KNOWN_HEADERS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "mime-version", "received",
     "return-path", "content-type", "reply-to", "sender", "delivered-to", "x-mailer"}
)  # fmt: skip


# --- reading --------------------------------------------------------------------------------


def _message_segments(
    message: EmailMessage, prefix: str, ctx: Context, depth: int
) -> parts.Extracted:
    segments: list[Segment] = []
    errors: list[PartError] = []
    try:
        segments += [Segment(sid, text) for sid, text, _, _ in mime.headers(message, prefix)]
    except Exception as exc:  # a header the parser cannot model: report, never crash
        errors.append(PartError(prefix or "headers", f"headers unreadable ({type(exc).__name__})"))
    extracted = parts.Extracted()
    for place in mime.places(message, prefix):
        try:
            found = _place_segments(place, ctx, depth)
        except Exception as exc:  # a part the library cannot model: report it, never crash
            found = _failed(place.id, f"part could not be read ({type(exc).__name__})")
        extracted = extracted.plus(found)
    return parts.Extracted(tuple(segments), tuple(errors)).plus(extracted)


def _place_segments(place: mime.Place, ctx: Context, depth: int) -> parts.Extracted:
    part = place.part
    if place.role == "multipart":
        texts = (("preamble", part.preamble), ("epilogue", part.epilogue))
        return parts.Extracted(
            tuple(Segment(f"{place.id}/{k}", v) for k, v in texts if v and v.strip())
        )
    if place.role == "too-deep":
        return _failed(place.id, f"multipart nested more than {mime.MAX_NESTING} levels")
    if place.role == "message":
        inner = mime.inner_message(part)
        if depth >= mime.MAX_MESSAGE_DEPTH:
            return _failed(place.id, f"attached messages nested more than {mime.MAX_MESSAGE_DEPTH}")
        if inner is None:
            return _failed(place.id, "attached message cannot be read")
        return _message_segments(inner, place.id, ctx, depth + 1)
    if place.role in ("unsplittable", "opaque"):
        problem = "multipart without its boundary"
        if place.role == "opaque":
            problem = "a message/* part other than message/rfc822 is not scanned part by part"
        return parts.Extracted(
            (Segment(place.id, _raw_body(part)),), (PartError(place.id, problem),)
        )
    return _leaf_segments(place, ctx)


def _raw_body(part: EmailMessage) -> str:
    """The undecoded body of a part, scanned so that findings are reported even though the
    part itself is replaced by a notice."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return "\n".join(m.as_string() for m in payload if isinstance(m, EmailMessage))
    return str(payload)


def _failed(part_id: str, message: str) -> parts.Extracted:
    return parts.Extracted((), (PartError(part_id, message),))


def _leaf_segments(place: mime.Place, ctx: Context) -> parts.Extracted:
    part = place.part
    payload, problem = mime.payload(part)
    charset, charset_problem = mime.charset_of(part, payload)
    problem = problem or charset_problem
    errors = [PartError(place.id, problem)] if problem else []
    segments: list[Segment] = []
    if place.role == "body":
        text, _ = files.decode_text(payload, charset)
        scannable = html_to_text(text).text if part.get_content_subtype() == "html" else text
        return parts.Extracted((Segment(place.id, scannable),), tuple(errors))
    filename = part.get_filename()
    if filename:
        segments.append(Segment(f"{place.id}/filename", filename))
    description = part.get("Content-Description")
    if description:
        segments.append(Segment(f"{place.id}/description", str(description)))
    kind = files.sniff_kind(payload, filename or "", part.get_content_type())
    if kind is None:
        errors.append(PartError(place.id, "a binary part cannot be scanned"))
        return parts.Extracted(tuple(segments), tuple(errors))
    found = files.extract(kind, payload, place.id, ctx, charset)
    return parts.Extracted(tuple(segments), tuple(errors)).plus(found)


def extract_message(data: bytes, prefix: str, ctx: Context) -> parts.Extracted:
    """Segments and part errors of a whole message (an .eml file, or one inside a zip)."""
    try:
        message = mime.parse_message(data)
    except ContentError as exc:
        return _failed(prefix or "eml", str(exc))
    return _message_segments(message, prefix, ctx, 0)


# --- the format -----------------------------------------------------------------------------


class EmailFormat:
    """`.eml` messages: read, scan every part, rebuild with the same structure."""

    name: str = "eml"
    suffixes: tuple[str, ...] = (".eml",)

    def __init__(self, limits: ArchiveLimits | None = None) -> None:
        self.limits = limits or ArchiveLimits()

    def sniff(self, data: bytes, filename: str) -> bool:
        head = data[:4096].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        lines = head.split(b"\n")
        if not lines or not (lines[0].startswith(b"From ") or _header_line(lines[0])):
            return False
        names = {
            line.split(b":", 1)[0].lower().decode("ascii") for line in lines if _header_line(line)
        }
        mime = any(line.lower().startswith((b"content-type: multipart/", b"content-type: message/"))
                   for line in lines)  # fmt: skip
        needed = 1 if mime or filename.lower().endswith(".eml") else 2
        return len(names & _KNOWN_HEADERS) >= needed

    def read(self, data: bytes, *, source: str = "") -> Parsed:
        message = mime.parse_message(data)
        found = _message_segments(message, "", Context.fresh(self.limits), 0)
        message_id = str(message.get("Message-ID", "") or "")
        metadata = {"parts": str(sum(1 for _ in message.walk()))}
        if message_id:
            metadata["message_id_sha256"] = hashlib.sha256(message_id.encode()).hexdigest()[:16]
        document = Document(source or "eml", found.segments, Channel.EMAIL, metadata)
        original = parts.Source(data, found.notices)
        return Parsed(self.name, document, original=original, errors=found.errors)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        return self.rebuild(parsed, redacted).data

    def rebuild(self, parsed: Parsed, redacted: RedactedDocument) -> parts.Rebuilt:
        """The redacted message and the parts it replaced by a notice (for the manifest)."""
        plan = parts.RewritePlan.of(parsed, redacted)
        return rebuild_message(parts.source_bytes(parsed), "", plan, Context.fresh(self.limits))


def _header_line(line: bytes) -> bool:
    name, colon, _ = line.partition(b":")
    return bool(colon) and 0 < len(name) <= 76 and all(33 <= c <= 126 for c in name)
