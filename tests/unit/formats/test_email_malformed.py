"""Malformed e-mail: each broken part is one clear PartError, the rest of the message is still
scanned and redacted, nothing crashes, and a broken part never reaches the rebuilt message: it is
a notice there (fail closed). Only an input that cannot be read at all raises ContentError."""

from __future__ import annotations

import base64
import email
import io
import logging
import zipfile
from email import policy
from email.message import EmailMessage

import pytest
import test_files_samples as samples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callshield import Engine
from callshield.formats import ContentError, get_format, read_content
from callshield.formats.base import Parsed
from callshield.formats.parts import Rebuilt
from callshield.pipeline import redact_document, scan

_BODY = f"Good part: card number {samples.CARD}.\n"


def _multipart(*parts: str) -> bytes:
    """A multipart/mixed message: a good text body first, then `parts` (headers + body)."""
    chunks = [
        "From: Agent <agent@example.com>\nTo: cc@example.com\nSubject: case\n"
        'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="BOUND"\n\n',
        f"--BOUND\nContent-Type: text/plain; charset=us-ascii\n\n{_BODY}",
    ]
    chunks += [f"--BOUND\n{part}" for part in parts]
    chunks.append("--BOUND--\n")
    return "".join(chunks).encode("latin-1")


def _trip(engine: Engine, data: bytes) -> tuple[Parsed, Rebuilt, Parsed]:
    parsed = read_content(data, "bad.eml")
    result = scan(parsed.document, engine)
    assert any(f.segment_id == "body[text/plain]" for f in result.findings)  # rest still scanned
    redacted = redact_document(parsed.document, result, engine)
    rebuilt = get_format("eml").rebuild(parsed, redacted)  # type: ignore[attr-defined]
    return parsed, rebuilt, read_content(rebuilt.data, "bad.eml")


def _attachment(filename: str, content_type: str, payload: bytes) -> str:
    encoded = base64.encodebytes(payload).decode()
    return (
        f'Content-Type: {content_type}\nContent-Disposition: attachment; filename="{filename}"\n'
        f"Content-Transfer-Encoding: base64\n\n{encoded}"
    )


def _encrypted_zip() -> bytes:
    """A zip whose first member carries the encryption flag (what a password tool writes)."""
    secret = f"ssn {samples.SSN}\n".encode()
    plain = b"card number " + samples.CARD_MC.encode() + b"\n"
    return samples.raw_zip(
        [
            ("secret.txt", secret, 0, zipfile.crc32(secret), len(secret), 0x1),
            ("plain.txt", plain, 0, zipfile.crc32(plain), len(plain), 0),
        ]
    )


_SSN_TEXT = f"ssn {samples.SSN} card {samples.CARD_AMEX}\n"

CASES = [
    (
        "missing boundary",
        'Content-Type: multipart/alternative; boundary="INNER"\n\n' + _SSN_TEXT,
        "attachment[1]",
        "multipart without its boundary",
    ),
    (
        "unknown charset",
        "Content-Type: text/plain; charset=x-no-such-charset\n\n" + _SSN_TEXT,
        "body[text/plain]#2",
        "declared charset is unknown",
    ),
    (
        "wrong charset",
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
        "caf\xe9 " + _SSN_TEXT,
        "body[text/plain]#2",
        "not valid in the declared charset",
    ),
    (
        "truncated base64",
        'Content-Type: text/plain\nContent-Disposition: attachment; filename="n.txt"\n'
        "Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode(_SSN_TEXT.encode()).decode()[:-3],
        "attachment[1]",
        "base64 payload is damaged",
    ),
    (
        "corrupt pdf",
        _attachment("s.pdf", "application/pdf", samples.make_pdf([_SSN_TEXT.strip()])[:300]),
        "attachment[1]",
        "pdf",
    ),
    (
        "encrypted zip member",
        _attachment("b.zip", "application/zip", _encrypted_zip()),
        "attachment[1]/member[1]",
        "encrypted",
    ),
    (
        "zip bomb",
        _attachment("bomb.zip", "application/zip", samples.zip_bomb()),
        "attachment[1]/member[1]",
        "limit",
    ),
    (
        "binary part",
        _attachment("card.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00" + _SSN_TEXT.encode()),
        "attachment[1]",
        "binary part cannot be scanned",
    ),
]


@pytest.mark.parametrize(("case", "part", "where", "problem"), CASES, ids=[c[0] for c in CASES])
def test_broken_part_is_reported_and_never_passed_through(
    engine: Engine, case: str, part: str, where: str, problem: str
) -> None:
    parsed, rebuilt, again = _trip(engine, _multipart(part))
    assert [e.part for e in parsed.errors] == [where]
    assert problem in parsed.errors[0].message
    assert [r.part for r in rebuilt.removed] == [where]
    assert "could not be scanned" in rebuilt.removed[0].message
    texts = " ".join(s.text for s in again.document.segments)
    assert samples.leaked(texts) == []
    assert samples.leaked(rebuilt.data.decode("latin-1")) == []
    assert scan(again.document, engine).findings == ()
    assert "[PAYMENT_CARD]" in texts  # the good body was redacted, not dropped


def test_encrypted_member_is_replaced_and_its_neighbour_redacted(engine: Engine) -> None:
    data = _multipart(_attachment("b.zip", "application/zip", _encrypted_zip()))
    _, rebuilt, _ = _trip(engine, data)
    message = email.message_from_bytes(rebuilt.data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    attachment = next(iter(message.iter_attachments()))
    payload = attachment.get_payload(decode=True)
    assert isinstance(payload, bytes)
    with zipfile.ZipFile(io.BytesIO(payload)) as bundle:
        assert bundle.namelist() == ["secret.txt.removed.txt", "plain.txt"]
        assert b"could not be scanned" in bundle.read("secret.txt.removed.txt")
        assert bundle.read("plain.txt") == b"card number [PAYMENT_CARD]\n"


def test_errors_and_reprs_hold_no_value(engine: Engine) -> None:
    messages = [_multipart(part) for _, part, _, _ in CASES]
    for data in messages:
        parsed = read_content(data, "bad.eml")
        shown = repr(parsed) + " ".join(f"{e.part} {e.message}" for e in parsed.errors)
        assert samples.leaked(shown) == []


@pytest.mark.parametrize("data", [b"", b"  \n\n"], ids=["empty", "blank"])
def test_input_that_is_no_message_at_all_is_a_content_error(data: bytes) -> None:
    with pytest.raises(ContentError, match="eml"):
        read_content(data, "empty.eml", format="eml")


def test_headerless_text_reads_as_a_body(engine: Engine) -> None:
    parsed = read_content(_BODY.encode(), "body.eml", format="eml")
    assert [s.id for s in parsed.document.segments] == ["body[text/plain]"]
    assert scan(parsed.document, engine).findings


def test_bad_subject_encoding_does_not_crash(engine: Engine) -> None:
    data = (
        b"Subject: =?x-unknown?B?AAAA?= card number " + samples.CARD.encode() + b"\n"
        b"From: =?utf-8?Q?broken\n\nbody\n"
    )
    parsed = read_content(data, "subject.eml")
    redacted = redact_document(parsed.document, scan(parsed.document, engine), engine)
    out = get_format("eml").write(parsed, redacted)
    assert samples.CARD.encode() not in out
    assert read_content(io.BytesIO(out).getvalue(), "x.eml").format == "eml"


def _small_message() -> bytes:
    message = EmailMessage()
    message["From"] = "Agent <agent@example.com>"
    message["Subject"] = f"ssn {samples.SSN}"
    message.set_content(_BODY)
    message.add_alternative(f"<p>card number <b>{samples.CARD}</b></p>", subtype="html")
    message.add_attachment(f"a,b\n1,{samples.SSN}\n", subtype="csv", filename="l.csv")
    message.add_attachment(
        samples.make_zip({"a.txt": _SSN_TEXT.encode()}), maintype="application",
        subtype="zip", filename="z.zip",
    )  # fmt: skip
    return message.as_bytes()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_messages_never_crash(engine: Engine, data: st.DataObject) -> None:
    """Cut, flipped or dropped bytes anywhere: reading gives a Parsed or a ContentError, and
    whatever was read rebuilds into a message that parses again."""
    original = _small_message()
    at = data.draw(st.integers(0, len(original) - 1), label="at")
    how = data.draw(st.sampled_from(["cut", "flip", "drop"]), label="how")
    if how == "cut":
        damaged = original[:at]
    elif how == "flip":
        damaged = original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1 :]
    else:
        damaged = original[:at] + original[at + 40 :]
    try:
        parsed = read_content(damaged, "damaged.eml", format="eml")
    except ContentError:
        return
    redacted = redact_document(parsed.document, scan(parsed.document, engine), engine)
    out = get_format("eml").write(parsed, redacted)
    read_content(out, "again.eml", format="eml")


def test_no_value_reaches_the_logs(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    """Reading, scanning and rebuilding every broken case logs places and problems only."""
    caplog.set_level(logging.DEBUG)
    for _, part, _, _ in CASES:
        parsed = read_content(_multipart(part), "bad.eml")
        redacted = redact_document(parsed.document, scan(parsed.document, engine), engine)
        get_format("eml").write(parsed, redacted)
    assert samples.leaked(caplog.text) == []


def test_a_header_with_a_damaged_byte_is_written_with_a_mark_for_it(engine: Engine) -> None:
    """A flipped byte where a header's line ends ("MIME-Version: 1.0\\xf5Content-Type: ..."):
    the header holds bytes that are no text, and the message is written again all the same
    (the byte as "?"), its values redacted. (Found by the fuzzing test above.)"""
    original = _small_message()
    at = original.index(b"MIME-Version: 1.0") + len(b"MIME-Version: 1.0")
    damaged = original[:at] + bytes([original[at] ^ 0xFF]) + original[at + 1 :]
    parsed = read_content(damaged, "damaged.eml", format="eml")
    redacted = redact_document(parsed.document, scan(parsed.document, engine), engine)
    out = get_format("eml").write(parsed, redacted)
    assert samples.SSN.encode() not in out
    read_content(out, "again.eml", format="eml")
