"""E-mail round trip: a multipart message with text and HTML bodies and txt, csv, html, docx,
xlsx, pdf, zip and message/rfc822 attachments is read, scanned, redacted and rebuilt; the
rebuilt message parses, keeps its structure and headers, and no planted value survives in its
bytes or in any part extracted again."""

from __future__ import annotations

import email
import io
import re
import zipfile
from email import policy
from email.message import EmailMessage

import pytest
import test_files_samples as samples

from callshield import Engine
from callshield.formats import get_format, read_content
from callshield.formats.base import Parsed
from callshield.formats.parts import Rebuilt, source_bytes
from callshield.pipeline import redact_document, scan


def _round_trip(engine: Engine, data: bytes) -> tuple[Parsed, Rebuilt, Parsed]:
    parsed = read_content(data, "case.eml")
    result = scan(parsed.document, engine)
    rebuilt = get_format("eml").rebuild(parsed, redact_document(parsed.document, result, engine))  # type: ignore[attr-defined]
    return parsed, rebuilt, read_content(rebuilt.data, "case.eml")


@pytest.fixture(scope="module")
def trip(engine: Engine) -> tuple[Parsed, Rebuilt, Parsed]:
    return _round_trip(engine, samples.make_message())


def _head(segment_id: str) -> str:
    """The top-level place of a segment id (`body[text/plain]`, `attachment[2]`, `subject`)."""
    return re.match(r"[^/\[]*(\[[^\]]*\])?", segment_id).group(0)  # type: ignore[union-attr]


def _places(parsed: Parsed) -> list[str]:
    """The top-level places of a message (bodies and attachments), in order."""
    out: list[str] = []
    for segment in parsed.document.segments:
        head = _head(segment.id)
        if head not in out:
            out.append(head)
    return out


def _message(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_every_kind_of_part_is_scanned(
    trip: tuple[Parsed, Rebuilt, Parsed], engine: Engine
) -> None:
    parsed, _, _ = trip
    assert parsed.format == "eml"
    assert parsed.errors == ()
    findings = scan(parsed.document, engine).findings
    hit = {_head(f.segment_id) for f in findings}
    assert hit >= {"subject", "body[text/plain]", "body[text/html]"}
    assert hit >= {f"attachment[{n}]" for n in range(1, 9)}
    ids = {s.id for s in parsed.document.segments}
    assert {"attachment[4]/p[2]", "attachment[5]/Sheet1!B7", "attachment[6]/page[1]"} <= ids
    assert "attachment[7]/member[2]/p[4]" in ids  # a docx inside the zip
    assert "attachment[8]/body[text/plain]" in ids  # the attached message
    assert parsed.document.channel.value == "email"


def test_rebuilt_message_loses_every_value(
    trip: tuple[Parsed, Rebuilt, Parsed], engine: Engine
) -> None:
    original, rebuilt, again = trip
    everything = " ".join(s.text for s in original.document.segments)
    assert sorted(samples.leaked(everything)) == sorted(samples.VALUES)
    assert samples.leaked(rebuilt.data.decode("latin-1")) == []
    assert samples.leaked(" ".join(s.text for s in again.document.segments)) == []
    assert scan(again.document, engine).findings == ()


def test_structure_and_headers_are_kept(trip: tuple[Parsed, Rebuilt, Parsed]) -> None:
    original, rebuilt, again = trip
    assert _places(again) == _places(original)
    before, after = _message(source_bytes(original)), _message(rebuilt.data)
    assert after.keys() == before.keys()
    assert after["Message-ID"] == before["Message-ID"]
    assert after["To"] == before["To"]
    assert "[US_SSN]" in after["Subject"]
    types_before = [p.get_content_type() for p in before.walk()]
    types_after = [p.get_content_type() for p in after.walk()]
    pdf = types_before.index("application/pdf")
    assert types_after[:pdf] == types_before[:pdf]
    assert types_after[pdf] == "text/plain"  # the notice that stands in for the pdf
    assert types_after[pdf + 1 :] == types_before[pdf + 1 :]


def test_pdf_with_findings_is_replaced_by_a_listed_notice(
    trip: tuple[Parsed, Rebuilt, Parsed],
) -> None:
    _, rebuilt, again = trip
    assert [(r.part, r.message) for r in rebuilt.removed] == [
        ("attachment[6]", "attachment[6] removed: it held sensitive data that cannot be "
         "redacted in place")
    ]  # fmt: skip
    notice = next(s for s in again.document.segments if s.id == "attachment[6]")
    assert "cannot be redacted in place" in notice.text
    assert b"%PDF" not in b"".join(
        p.get_payload(decode=True) or b"" for p in _message(rebuilt.data).walk()
        if not p.is_multipart()
    )  # fmt: skip


def _attachment(data: bytes, filename: str) -> bytes:
    for part in _message(data).iter_attachments():
        if part.get_filename() == filename:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload
    raise AssertionError(f"no attachment {filename}")


def test_office_files_are_redacted_in_place(trip: tuple[Parsed, Rebuilt, Parsed]) -> None:
    import docx
    import openpyxl

    _, rebuilt, _ = trip
    letter = docx.Document(io.BytesIO(_attachment(rebuilt.data, "letter.docx")))
    texts = [p.text for p in letter.paragraphs]
    assert texts[1] == "Your card number is [PAYMENT_CARD] as discussed."
    assert [r.bold for r in letter.paragraphs[1].runs] == [None, True, None]  # runs kept
    assert letter.tables[0].cell(0, 1).text == "social security number [US_SSN]"
    assert "[PHONE]" in letter.sections[0].header.paragraphs[0].text
    book = openpyxl.load_workbook(io.BytesIO(_attachment(rebuilt.data, "book.xlsx")))
    assert book.sheetnames == ["Sheet1", "Notes"]
    assert book["Sheet1"]["B7"].value == "call back on [PHONE]"
    assert book["Sheet1"]["C7"].value == "[PAYMENT_CARD]"
    assert book["Sheet1"]["C2"].value == 12.5


def test_text_attachments_keep_their_shape(trip: tuple[Parsed, Rebuilt, Parsed]) -> None:
    _, rebuilt, _ = trip
    table = _attachment(rebuilt.data, "list.csv").decode()
    assert [len(row.split(",")) for row in table.splitlines()] == [3, 3, 3]
    page = _attachment(rebuilt.data, "page.html").decode()
    assert page.rstrip("\n") == "<p>card number [PAYMENT_CARD]</p>"
    with zipfile.ZipFile(io.BytesIO(_attachment(rebuilt.data, "bundle.zip"))) as bundle:
        assert bundle.namelist() == ["a.txt", "inner/b.docx"]
        assert bundle.read("a.txt") == b"ssn [US_SSN]\n"


def test_html_body_markup_survives(trip: tuple[Parsed, Rebuilt, Parsed]) -> None:
    _, rebuilt, _ = trip
    body = _message(rebuilt.data).get_body(("html",))
    assert body is not None
    html = body.get_content()
    # The value began inside <b>: the replacement goes there and the rest of it is emptied.
    assert "<p>your card number <b>[PAYMENT_CARD]</b> was charged.</p>" in html
    assert "<a href='mailto:[EMAIL]'>us</a>" in html


def test_write_is_repeatable_and_keeps_crlf(engine: Engine) -> None:
    data = samples.make_message().replace(b"\n", b"\r\n")
    parsed = read_content(data, "crlf.eml")
    redacted = redact_document(parsed.document, scan(parsed.document, engine), engine)
    first = get_format("eml").write(parsed, redacted)
    second = get_format("eml").write(parsed, redacted)  # the Parsed is not consumed
    texts = [
        [s.text for s in read_content(out, "x.eml").document.segments] for out in (first, second)
    ]
    assert texts[0] == texts[1]
    assert first.count(b"\r\n") == first.count(b"\n")


def test_display_names_are_redacted_addresses_kept(engine: Engine) -> None:
    message = EmailMessage()
    message["From"] = "Maria Garcia <maria@example.com>"
    message["To"] = "Support <support@example.com>, John Smith <js@example.com>"
    message["Subject"] = "hello"
    message.set_content("nothing here\n")
    _, rebuilt, _ = _round_trip(engine, message.as_bytes())
    out = _message(rebuilt.data)
    assert [a.addr_spec for a in out["To"].addresses] == ["support@example.com", "js@example.com"]
    assert [a.display_name for a in out["To"].addresses] == ["Support", "[PERSON]"]
    assert out["From"].addresses[0].display_name == "[PERSON]"
    assert "Maria" not in rebuilt.data.decode() and "John" not in rebuilt.data.decode()


def test_clean_pdf_passes_through_unchanged(engine: Engine) -> None:
    pdf = samples.make_pdf(["Quarterly newsletter"])
    message = EmailMessage()
    message["Subject"] = "news"
    message.set_content("see attached\n")
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename="news.pdf")
    _, rebuilt, _ = _round_trip(engine, message.as_bytes())
    assert rebuilt.removed == ()
    assert _attachment(rebuilt.data, "news.pdf") == pdf


def test_free_text_headers_and_descriptions_are_redacted(engine: Engine) -> None:
    message = EmailMessage()
    message["Subject"] = "case"
    message["Thread-Topic"] = f"ssn {samples.SSN}"
    message.set_content("see attached\n")
    message.add_attachment(b"nothing", maintype="text", subtype="plain", filename="n.txt")
    attachment = next(iter(message.iter_attachments()))
    attachment["Content-Description"] = f"card number {samples.CARD}"
    parsed, rebuilt, _ = _round_trip(engine, message.as_bytes())
    ids = [s.id for s in parsed.document.segments]
    assert "thread-topic" in ids and "attachment[1]/description" in ids
    out = _message(rebuilt.data)
    assert out["Thread-Topic"] == "ssn [US_SSN]"
    assert next(iter(out.iter_attachments()))["Content-Description"] == "card number [PAYMENT_CARD]"
    assert samples.leaked(rebuilt.data.decode()) == []


def test_reader_notices_say_a_pdf_is_never_rewritten(trip: tuple[Parsed, Rebuilt, Parsed]) -> None:
    parsed, _, _ = trip
    assert parsed.original.notices == (  # the manifest lists these
        "attachment[6]: a pdf is never rewritten; with findings it is replaced by a notice",
    )
