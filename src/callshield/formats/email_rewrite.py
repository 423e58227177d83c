"""Writing a redacted e-mail: every segment redacted in place, the structure kept, and every
part that cannot be (failed to read, binary, a pdf with findings) replaced by a notice."""

from __future__ import annotations

import base64
import quopri
from email import errors as email_errors
from email.headerregistry import Address, Group
from email.message import EmailMessage
from typing import Any

from callshield.formats import files, mime, parts
from callshield.formats.archive import Context
from callshield.formats.base import ContentError, PartError
from callshield.formats.html import html_to_text, redact_html


def rebuild_message(
    data: bytes, prefix: str, plan: parts.RewritePlan, ctx: Context
) -> parts.Rebuilt:
    """The message again with every segment redacted in place and every part that cannot be
    (failed, binary, a pdf with findings) replaced by a notice."""
    message = mime.parse_message(data)
    removed = _rewrite_message(message, prefix, plan, ctx, 0)
    linesep = "\r\n" if b"\r\n" in data[:4096] else "\n"
    try:
        try:
            out = message.as_bytes(policy=message.policy.clone(linesep=linesep))
        except UnicodeEncodeError:
            # a header with bytes that are no text (a damaged message: "MIME-Version:
            # 1.0\xf5Content-Type: ..."), kept as it was read: written with "?" for them
            if not _clean_headers(message):
                raise
            out = message.as_bytes(policy=message.policy.clone(linesep=linesep))
    except (ValueError, TypeError, LookupError, email_errors.MessageError) as exc:
        name = type(exc).__name__
        raise ContentError(f"eml: the redacted message cannot be written ({name})") from None
    return parts.Rebuilt(out, tuple(removed))


def _clean_headers(message: EmailMessage) -> bool:
    """Headers whose values are no ASCII, as read from a damaged message, set again through
    the API (which encodes them), with "?" for bytes that are no text; whether any were."""
    damaged = [name for name, value in message.items() if not str(value).isascii()]
    for name in dict.fromkeys(damaged):
        values = [str(v) for v in message.get_all(name, [])]
        del message[name]
        for value in values:
            message[name] = "".join("?" if 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in value)
    return bool(damaged)


def _rewrite_message(
    message: EmailMessage, prefix: str, plan: parts.RewritePlan, ctx: Context, depth: int
) -> list[PartError]:
    removed: list[PartError] = []
    headers_id = prefix or "headers"
    if headers_id in plan.failed:
        _blank_headers(message)
    else:
        _rewrite_headers(message, prefix, plan)
    for place in mime.places(message, prefix):
        try:
            removed += _rewrite_place(place, plan, ctx, depth)
        except (ContentError, ValueError, TypeError, LookupError, email_errors.MessageError):
            removed.append(_notice(place.part, place.id, plan))  # fail closed
    return removed


def _blank_headers(message: EmailMessage) -> None:
    for name in (*mime.TEXT_HEADERS, *mime.ADDRESS_HEADERS):
        if name in message:
            _set_header(message, name, 1, "(removed: could not be scanned)")


def _rewrite_headers(message: EmailMessage, prefix: str, plan: parts.RewritePlan) -> None:
    names: dict[tuple[str, int], str] = {}
    for segment_id, text, name, index in list(mime.headers(message, prefix)):
        new = plan.text(segment_id)
        if name in mime.TEXT_HEADERS and new != text:
            _set_header(message, name, index, new)
        elif name in mime.ADDRESS_HEADERS and new != text:
            names[(name, index)] = new
    for name in mime.ADDRESS_HEADERS:
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
    place: mime.Place, plan: parts.RewritePlan, ctx: Context, depth: int
) -> list[PartError]:
    part = place.part
    if place.role == "multipart":
        for key in ("preamble", "epilogue"):
            if getattr(part, key):
                setattr(part, key, plan.texts.get(f"{place.id}/{key}", getattr(part, key)))
        return []
    if place.id in plan.failed or place.role in ("too-deep", "unsplittable", "opaque"):
        return [_notice(part, place.id, plan)]
    inner = mime.inner_message(part)
    if place.role == "message" and inner is not None:
        return _rewrite_message(inner, place.id, plan, ctx, depth + 1)
    if place.role == "body":
        return _rewrite_body(place, plan)
    return _rewrite_attachment(place, plan, ctx)


def _rewrite_body(place: mime.Place, plan: parts.RewritePlan) -> list[PartError]:
    part = place.part
    payload, _ = mime.payload(part)
    charset, _ = mime.charset_of(part, payload)
    text, codec = files.decode_text(payload, charset)
    if part.get_content_subtype() == "html":
        new = redact_html(html_to_text(text), plan.edits_for(place.id))
    else:
        new = plan.text(place.id)
    if new != text:
        encoded, used = files.encode_text(new, codec)
        _set_payload(part, encoded, used)
    return []


def _rewrite_attachment(
    place: mime.Place, plan: parts.RewritePlan, ctx: Context
) -> list[PartError]:
    part = place.part
    payload, _ = mime.payload(part)
    charset, _ = mime.charset_of(part, payload)
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
    plain = data.isascii() and all(len(line) <= mime.MAX_LINE for line in data.split(b"\n"))
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


def _notice(part: EmailMessage, part_id: str, plan: parts.RewritePlan) -> PartError:
    """Replace a part by a text/plain notice, in place (its other headers stay)."""
    notice = parts.removal_notice(part_id, plan)
    had_version = "MIME-Version" in part
    name = plan.texts.get(f"{part_id}/filename") or part_id.rsplit("/", 1)[-1]
    part.clear_content()
    part.set_content(
        notice.message + "\n", disposition="attachment", filename=f"{name}.removed.txt"
    )
    if not had_version:
        del part["MIME-Version"]
    return notice
