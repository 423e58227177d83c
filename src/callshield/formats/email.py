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

import base64
import codecs
import hashlib
import quopri
from collections.abc import Iterator
from dataclasses import dataclass
from email import errors as email_errors
from email import policy
from email.headerregistry import Address, Group
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

from callshield.core.document import Channel, Document, Segment
from callshield.formats import files
from callshield.formats.archive import ArchiveLimits, Context
from callshield.formats.base import ContentError, Parsed, PartError
from callshield.formats.html import html_to_text, redact_html
from callshield.pipeline import RedactedDocument

_TEXT_HEADERS = ("subject", "thread-topic", "comments", "keywords")
_ADDRESS_HEADERS = ("from", "to", "cc")
_KNOWN_HEADERS = frozenset(
    {"from", "to", "cc", "subject", "date", "message-id", "mime-version", "received",
     "return-path", "content-type", "reply-to", "sender", "delivered-to", "x-mailer"}
)  # fmt: skip
_BASE64_DEFECTS = (
    email_errors.InvalidBase64PaddingDefect,
    email_errors.InvalidBase64CharactersDefect,
    email_errors.InvalidBase64LengthDefect,
)
_ENCODED = frozenset({"base64", "quoted-printable"})
_MAX_NESTING = 40
_MAX_MESSAGE_DEPTH = 8
_MAX_LINE = 998


@dataclass(frozen=True, slots=True)
class _Part:
    """One place in a message tree: its role (body, attachment, message, unsplittable,
    too-deep, multipart), its id, and the part object."""

    role: str
    id: str
    part: EmailMessage


def _parse(data: bytes) -> EmailMessage:
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except (RecursionError, ValueError, TypeError, IndexError) as exc:
        raise ContentError(f"eml: the message cannot be parsed ({type(exc).__name__})") from None
    if not isinstance(message, EmailMessage) or not (message.keys() or data.strip()):
        raise ContentError("eml: empty input; not an e-mail message")
    return message


def _parts(message: EmailMessage, prefix: str) -> Iterator[_Part]:
    """Every place of a message tree in order; the same tree always gives the same ids."""
    bodies: dict[str, int] = {}
    counts = {"attachment": 0, "multipart": 0}

    def next_id(kind: str) -> str:
        counts[kind] += 1
        return files.child(prefix, f"{kind}[{counts[kind]}]")

    def visit(part: EmailMessage, level: int) -> Iterator[_Part]:
        ctype = part.get_content_type()
        if ctype.startswith("multipart/") and isinstance(part.get_payload(), list):
            if level > _MAX_NESTING:
                yield _Part("too-deep", next_id("attachment"), part)
                return
            yield _Part("multipart", next_id("multipart"), part)
            for sub in part.iter_parts():
                yield from visit(sub, level + 1)  # type: ignore[arg-type]
            return
        disposition = part.get_content_disposition()
        if ctype in ("text/plain", "text/html") and disposition != "attachment":
            count = bodies[ctype] = bodies.get(ctype, 0) + 1
            suffix = f"#{count}" if count > 1 else ""
            yield _Part("body", files.child(prefix, f"body[{ctype}]{suffix}"), part)
            return
        role = "attachment"
        encoded = str(part.get("Content-Transfer-Encoding", "")).lower() in _ENCODED
        if ctype.startswith("multipart/"):
            role = "unsplittable"
        elif ctype == "message/rfc822" and not encoded:
            role = "message"
        elif ctype.startswith("message/"):
            role = "opaque"
        yield _Part(role, next_id("attachment"), part)

    yield from visit(message, 0)


# --- reading --------------------------------------------------------------------------------


def _payload(part: EmailMessage) -> tuple[bytes, str | None]:
    """The transfer-decoded bytes of a leaf part and what is wrong with them, if anything."""
    raw = part.get_payload(decode=True)
    payload = raw if isinstance(raw, bytes) else b""
    if any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        return payload, "base64 payload is damaged or truncated"
    return payload, None


def _charset(part: EmailMessage, payload: bytes) -> tuple[str | None, str | None]:
    """The declared charset when it is known and fits the bytes, and the problem if not."""
    declared = part.get_content_charset()
    if not declared:
        return None, None
    try:
        codecs.lookup(declared)
    except LookupError:
        return None, "declared charset is unknown"
    try:
        payload.decode(declared)
    except UnicodeDecodeError as exc:
        return None, f"bytes are not valid in the declared charset (byte {exc.start})"
    return declared, None


def _headers(message: EmailMessage, prefix: str) -> Iterator[tuple[str, str, str, int]]:
    """(segment id, text, header name, occurrence) of every header that carries content."""
    for name in _TEXT_HEADERS:
        for index, value in enumerate(message.get_all(name) or (), 1):
            key = name if index == 1 else f"{name}[{index}]"
            yield files.child(prefix, key), str(value), name, index
    for name in _ADDRESS_HEADERS:
        number = 0
        for value in message.get_all(name) or ():
            for group in getattr(value, "groups", ()):
                for address in group.addresses:
                    number += 1
                    if address.display_name:
                        key = f"{name}/name[{number}]"
                        yield files.child(prefix, key), address.display_name, name, number


def _message_segments(
    message: EmailMessage, prefix: str, ctx: Context, depth: int
) -> files.Extracted:
    segments: list[Segment] = []
    errors: list[PartError] = []
    try:
        segments += [Segment(sid, text) for sid, text, _, _ in _headers(message, prefix)]
    except Exception as exc:  # a header the parser cannot model: report, never crash
        errors.append(PartError(prefix or "headers", f"headers unreadable ({type(exc).__name__})"))
    extracted = files.Extracted()
    for place in _parts(message, prefix):
        try:
            found = _place_segments(place, ctx, depth)
        except Exception as exc:  # a part the library cannot model: report it, never crash
            found = _failed(place.id, f"part could not be read ({type(exc).__name__})")
        extracted = extracted.plus(found)
    return files.Extracted(tuple(segments), tuple(errors)).plus(extracted)


def _place_segments(place: _Part, ctx: Context, depth: int) -> files.Extracted:
    part = place.part
    if place.role == "multipart":
        texts = (("preamble", part.preamble), ("epilogue", part.epilogue))
        return files.Extracted(
            tuple(Segment(f"{place.id}/{k}", v) for k, v in texts if v and v.strip())
        )
    if place.role == "too-deep":
        return _failed(place.id, f"multipart nested more than {_MAX_NESTING} levels")
    if place.role == "message":
        inner = _inner_message(part)
        if depth >= _MAX_MESSAGE_DEPTH:
            return _failed(place.id, f"attached messages nested more than {_MAX_MESSAGE_DEPTH}")
        if inner is None:
            return _failed(place.id, "attached message cannot be read")
        return _message_segments(inner, place.id, ctx, depth + 1)
    if place.role in ("unsplittable", "opaque"):
        problem = "multipart without its boundary"
        if place.role == "opaque":
            problem = "a message/* part other than message/rfc822 is not scanned part by part"
        return files.Extracted(
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


def _inner_message(part: EmailMessage) -> EmailMessage | None:
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage):
        return inner[0]
    return None


def _failed(part_id: str, message: str) -> files.Extracted:
    return files.Extracted((), (PartError(part_id, message),))


def _leaf_segments(place: _Part, ctx: Context) -> files.Extracted:
    part = place.part
    payload, problem = _payload(part)
    charset, charset_problem = _charset(part, payload)
    problem = problem or charset_problem
    errors = [PartError(place.id, problem)] if problem else []
    segments: list[Segment] = []
    if place.role == "body":
        text, _ = files.decode_text(payload, charset)
        scannable = html_to_text(text).text if part.get_content_subtype() == "html" else text
        return files.Extracted((Segment(place.id, scannable),), tuple(errors))
    filename = part.get_filename()
    if filename:
        segments.append(Segment(f"{place.id}/filename", filename))
    description = part.get("Content-Description")
    if description:
        segments.append(Segment(f"{place.id}/description", str(description)))
    kind = files.sniff_kind(payload, filename or "", part.get_content_type())
    if kind is None:
        errors.append(PartError(place.id, "a binary part cannot be scanned"))
        return files.Extracted(tuple(segments), tuple(errors))
    found = files.extract(kind, payload, place.id, ctx, charset)
    return files.Extracted(tuple(segments), tuple(errors)).plus(found)


def extract_message(data: bytes, prefix: str, ctx: Context) -> files.Extracted:
    """Segments and part errors of a whole message (an .eml file, or one inside a zip)."""
    try:
        message = _parse(data)
    except ContentError as exc:
        return _failed(prefix or "eml", str(exc))
    return _message_segments(message, prefix, ctx, 0)


# --- writing --------------------------------------------------------------------------------


def rebuild_message(
    data: bytes, prefix: str, plan: files.RewritePlan, ctx: Context
) -> files.Rebuilt:
    """The message again with every segment redacted in place and every part that cannot be
    (failed, binary, a pdf with findings) replaced by a notice."""
    message = _parse(data)
    removed = _rewrite_message(message, prefix, plan, ctx, 0)
    linesep = "\r\n" if b"\r\n" in data[:4096] else "\n"
    try:
        out = message.as_bytes(policy=message.policy.clone(linesep=linesep))
    except (ValueError, TypeError, LookupError, email_errors.MessageError) as exc:
        name = type(exc).__name__
        raise ContentError(f"eml: the redacted message cannot be written ({name})") from None
    return files.Rebuilt(out, tuple(removed))


def _rewrite_message(
    message: EmailMessage, prefix: str, plan: files.RewritePlan, ctx: Context, depth: int
) -> list[PartError]:
    removed: list[PartError] = []
    headers_id = prefix or "headers"
    if headers_id in plan.failed:
        _blank_headers(message)
    else:
        _rewrite_headers(message, prefix, plan)
    for place in _parts(message, prefix):
        try:
            removed += _rewrite_place(place, plan, ctx, depth)
        except (ContentError, ValueError, TypeError, LookupError, email_errors.MessageError):
            removed.append(_notice(place.part, place.id, plan))  # fail closed
    return removed


def _blank_headers(message: EmailMessage) -> None:
    for name in (*_TEXT_HEADERS, *_ADDRESS_HEADERS):
        if name in message:
            _set_header(message, name, 1, "(removed: could not be scanned)")


def _rewrite_headers(message: EmailMessage, prefix: str, plan: files.RewritePlan) -> None:
    names: dict[tuple[str, int], str] = {}
    for segment_id, text, name, index in list(_headers(message, prefix)):
        new = plan.text(segment_id)
        if name in _TEXT_HEADERS and new != text:
            _set_header(message, name, index, new)
        elif name in _ADDRESS_HEADERS and new != text:
            names[(name, index)] = new
    for name in _ADDRESS_HEADERS:
        if any(key[0] == name for key in names):
            _rename_addresses(message, name, names)


def _rename_addresses(message: EmailMessage, name: str, names: dict[tuple[str, int], str]) -> None:
    number = 0
    for occurrence, value in enumerate(message.get_all(name) or (), 1):
        groups = []
        for group in getattr(value, "groups", ()):
            addresses = []
            for address in group.addresses:
                number += 1
                new = names.get((name, number), address.display_name)
                addresses.append(Address(display_name=new, addr_spec=address.addr_spec))
            groups.append(Group(group.display_name, addresses))
        _set_header(message, name, occurrence, groups)


def _set_header(message: EmailMessage, name: str, occurrence: int, value: Any) -> None:
    """Replace the n-th `name` header where it stands (order kept)."""
    headers: list[tuple[str, Any]] = message._headers  # type: ignore[attr-defined]
    seen = 0
    for index, (key, _) in enumerate(headers):
        if key.lower() == name:
            seen += 1
            if seen == occurrence:
                headers[index] = message.policy.header_store_parse(key, value)
                return


def _rewrite_place(
    place: _Part, plan: files.RewritePlan, ctx: Context, depth: int
) -> list[PartError]:
    part = place.part
    if place.role == "multipart":
        for key in ("preamble", "epilogue"):
            if getattr(part, key):
                setattr(part, key, plan.texts.get(f"{place.id}/{key}", getattr(part, key)))
        return []
    if place.id in plan.failed or place.role in ("too-deep", "unsplittable", "opaque"):
        return [_notice(part, place.id, plan)]
    inner = _inner_message(part)
    if place.role == "message" and inner is not None:
        return _rewrite_message(inner, place.id, plan, ctx, depth + 1)
    if place.role == "body":
        return _rewrite_body(place, plan)
    return _rewrite_attachment(place, plan, ctx)


def _rewrite_body(place: _Part, plan: files.RewritePlan) -> list[PartError]:
    part = place.part
    payload, _ = _payload(part)
    charset, _ = _charset(part, payload)
    text, codec = files.decode_text(payload, charset)
    if part.get_content_subtype() == "html":
        new = redact_html(html_to_text(text), plan.edits_for(place.id))
    else:
        new = plan.text(place.id)
    if new != text:
        encoded, used = files.encode_text(new, codec)
        _set_payload(part, encoded, used)
    return []


def _rewrite_attachment(place: _Part, plan: files.RewritePlan, ctx: Context) -> list[PartError]:
    part = place.part
    payload, _ = _payload(part)
    charset, _ = _charset(part, payload)
    filename = part.get_filename()
    kind = files.sniff_kind(payload, filename or "", part.get_content_type())
    rebuilt = None if kind is None else files.rebuild(kind, payload, place.id, plan, ctx, charset)
    if rebuilt is None:
        return [_notice(part, place.id, plan)]
    description = part.get("Content-Description")
    if description and plan.text(f"{place.id}/description") != str(description):
        part.replace_header("Content-Description", plan.text(f"{place.id}/description"))
    if filename and f"{place.id}/filename" in plan.texts:
        new_name = plan.text(f"{place.id}/filename")
        if new_name != filename:
            part.set_param("filename", new_name, header="Content-Disposition")
            if part.get_param("name"):
                part.set_param("name", new_name)
    if rebuilt.data != payload:
        _set_payload(part, rebuilt.data, rebuilt.charset if kind in files.TEXT_KINDS else None)
    return list(rebuilt.removed)


def _set_payload(part: EmailMessage, data: bytes, charset: str | None) -> None:
    """Put new bytes in a leaf part, keeping its headers; the transfer encoding is kept when
    it is base64 or quoted-printable, else 7bit text stays as is and anything else is base64."""
    cte = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    plain = data.isascii() and all(len(line) <= _MAX_LINE for line in data.split(b"\n"))
    if cte not in ("base64", "quoted-printable") and not plain:
        cte = "base64"
    if cte == "base64":
        body = base64.encodebytes(data).decode("ascii")
    elif cte == "quoted-printable":
        body = quopri.encodestring(data).decode("ascii")
    else:
        body = data.decode("ascii")
    part.set_payload(body)
    if cte and "Content-Transfer-Encoding" in part:
        part.replace_header("Content-Transfer-Encoding", cte)
    elif cte:
        part["Content-Transfer-Encoding"] = cte
    if charset and not data.isascii() and charset != part.get_content_charset():
        part.set_param("charset", "utf-8" if charset == "utf-8-sig" else charset)


def _notice(part: EmailMessage, part_id: str, plan: files.RewritePlan) -> PartError:
    """Replace a part by a text/plain notice, in place (its other headers stay)."""
    notice = files.removal_notice(part_id, plan)
    had_version = "MIME-Version" in part
    name = plan.texts.get(f"{part_id}/filename") or part_id.rsplit("/", 1)[-1]
    part.clear_content()
    part.set_content(
        notice.message + "\n", disposition="attachment", filename=f"{name}.removed.txt"
    )
    if not had_version:
        del part["MIME-Version"]
    return notice


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
        message = _parse(data)
        found = _message_segments(message, "", Context.fresh(self.limits), 0)
        message_id = str(message.get("Message-ID", "") or "")
        metadata = {"parts": str(sum(1 for _ in message.walk()))}
        if message_id:
            metadata["message_id_sha256"] = hashlib.sha256(message_id.encode()).hexdigest()[:16]
        document = Document(source or "eml", found.segments, Channel.EMAIL, metadata)
        original = files.Source(data, found.notices)
        return Parsed(self.name, document, original=original, errors=found.errors)

    def write(self, parsed: Parsed, redacted: RedactedDocument) -> bytes:
        return self.rebuild(parsed, redacted).data

    def rebuild(self, parsed: Parsed, redacted: RedactedDocument) -> files.Rebuilt:
        """The redacted message and the parts it replaced by a notice (for the manifest)."""
        plan = files.RewritePlan.of(parsed, redacted)
        return rebuild_message(files.source_bytes(parsed), "", plan, Context.fresh(self.limits))


def _header_line(line: bytes) -> bool:
    name, colon, _ = line.partition(b":")
    return bool(colon) and 0 < len(name) <= 76 and all(33 <= c <= 126 for c in name)
