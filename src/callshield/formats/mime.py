"""The structure of an e-mail message that reading and rewriting share: parsing, the places of
a message tree (bodies, attachments, inner messages) with stable ids, header texts and decoded
payloads."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from email import errors as email_errors
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from callshield.formats import parts
from callshield.formats.base import ContentError

TEXT_HEADERS = ("subject", "thread-topic", "comments", "keywords")
ADDRESS_HEADERS = ("from", "to", "cc")
_BASE64_DEFECTS = (
    email_errors.InvalidBase64PaddingDefect,
    email_errors.InvalidBase64CharactersDefect,
    email_errors.InvalidBase64LengthDefect,
)
_ENCODED = frozenset({"base64", "quoted-printable"})
MAX_NESTING = 40
MAX_MESSAGE_DEPTH = 8
MAX_LINE = 998


@dataclass(frozen=True, slots=True)
class Place:
    """One place in a message tree: its role (body, attachment, message, unsplittable,
    too-deep, multipart), its id, and the part object."""

    role: str
    id: str
    part: EmailMessage


def parse_message(data: bytes) -> EmailMessage:
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except (RecursionError, ValueError, TypeError, IndexError) as exc:
        raise ContentError(f"eml: the message cannot be parsed ({type(exc).__name__})") from None
    if not isinstance(message, EmailMessage) or not (message.keys() or data.strip()):
        raise ContentError("eml: empty input; not an e-mail message")
    return message


def places(message: EmailMessage, prefix: str) -> Iterator[Place]:
    """Every place of a message tree in order; the same tree always gives the same ids."""
    bodies: dict[str, int] = {}
    counts = {"attachment": 0, "multipart": 0}

    def next_id(kind: str) -> str:
        counts[kind] += 1
        return parts.child(prefix, f"{kind}[{counts[kind]}]")

    def visit(part: EmailMessage, level: int) -> Iterator[Place]:
        ctype = part.get_content_type()
        if ctype.startswith("multipart/") and isinstance(part.get_payload(), list):
            if level > MAX_NESTING:
                yield Place("too-deep", next_id("attachment"), part)
                return
            yield Place("multipart", next_id("multipart"), part)
            for sub in part.iter_parts():
                yield from visit(sub, level + 1)  # type: ignore[arg-type]
            return
        disposition = part.get_content_disposition()
        if ctype in ("text/plain", "text/html") and disposition != "attachment":
            count = bodies[ctype] = bodies.get(ctype, 0) + 1
            suffix = f"#{count}" if count > 1 else ""
            yield Place("body", parts.child(prefix, f"body[{ctype}]{suffix}"), part)
            return
        role = "attachment"
        encoded = str(part.get("Content-Transfer-Encoding", "")).lower() in _ENCODED
        if ctype.startswith("multipart/"):
            role = "unsplittable"
        elif ctype == "message/rfc822" and not encoded:
            role = "message"
        elif ctype.startswith("message/"):
            role = "opaque"
        yield Place(role, next_id("attachment"), part)

    yield from visit(message, 0)


def payload(part: EmailMessage) -> tuple[bytes, str | None]:
    """The transfer-decoded bytes of a leaf part and what is wrong with them, if anything."""
    raw = part.get_payload(decode=True)
    payload = raw if isinstance(raw, bytes) else b""
    if any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        return payload, "base64 payload is damaged or truncated"
    return payload, None


def charset_of(part: EmailMessage, payload: bytes) -> tuple[str | None, str | None]:
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


def headers(message: EmailMessage, prefix: str) -> Iterator[tuple[str, str, str, int]]:
    """(segment id, text, header name, occurrence) of every header that carries content."""
    for name in TEXT_HEADERS:
        for index, value in enumerate(message.get_all(name) or (), 1):
            key = name if index == 1 else f"{name}[{index}]"
            yield parts.child(prefix, key), str(value), name, index
    for name in ADDRESS_HEADERS:
        number = 0
        for value in message.get_all(name) or ():
            for group in getattr(value, "groups", ()):
                for address in group.addresses:
                    number += 1
                    if address.display_name:
                        key = f"{name}/name[{number}]"
                        yield parts.child(prefix, key), address.display_name, name, number


def inner_message(part: EmailMessage) -> EmailMessage | None:
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], EmailMessage):
        return inner[0]
    return None
