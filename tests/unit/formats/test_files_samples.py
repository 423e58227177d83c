"""Builders for the document, archive and e-mail tests: real files made in the test with the
libraries that write them (python-docx, openpyxl, zipfile, the e-mail package) and a minimal
hand-written PDF. Values are published test numbers and seeded Faker data.

No tests here: the module only shares builders (pytest collects it and finds none).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from email.message import EmailMessage

from faker import Faker

CARD = "4111 1111 1111 1111"
CARD_MC = "5555 5555 5555 4444"
CARD_AMEX = "378282246310005"
SSN = "078-05-1120"

_fake = Faker("en_US")
_fake.seed_instance(20261129)
EMAIL = _fake.email()
PHONE = _fake.numerify("(415) 555-####")

#: Every planted value, in the forms a leak could take.
VALUES = (CARD, CARD_MC, CARD_AMEX, SSN, EMAIL, PHONE)


def leaked(text: str) -> list[str]:
    """The planted values present in `text`, also with spaces and dashes removed."""
    squeezed = text.replace(" ", "").replace("-", "")
    return [v for v in VALUES if v in text or v.replace(" ", "").replace("-", "") in squeezed]


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer (Helvetica), written by hand: header, objects, xref."""
    text_ops = " ".join(
        f"72 {720 - 20 * i} Td ({line}) Tj 0 0 Td" if i == 0 else f"0 -20 Td ({line}) Tj"
        for i, line in enumerate(lines)
    )
    stream = f"BT /F1 12 Tf {text_ops} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def make_docx() -> bytes:
    """A letter with a card split across two runs, a table of values and a header."""
    import docx

    document = docx.Document()
    document.core_properties.author = "Agent 7"
    document.sections[0].header.paragraphs[0].text = f"Customer line {PHONE}"
    document.add_paragraph("Dear customer,")
    paragraph = document.add_paragraph("Your card number is 4111 1111 ")
    paragraph.add_run("1111 1111").bold = True
    paragraph.add_run(" as discussed.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "SSN"
    table.cell(0, 1).text = f"social security number {SSN}"
    table.cell(1, 0).text = "E-mail"
    table.cell(1, 1).text = f"write to {EMAIL}"
    document.add_paragraph("Kind regards")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    """A sheet of customers: a header row, values as text and a card as a number."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(["name", "note", "amount"])
    sheet.append(["Account A", f"card number {CARD_MC}", 12.5])
    sheet.append(["Account B", f"ssn {SSN}", 99])
    sheet["B7"] = f"call back on {PHONE}"
    sheet["C7"] = int(CARD_AMEX)
    other = workbook.create_sheet("Notes")
    other["A1"] = "nothing to see"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def make_inner_message() -> EmailMessage:
    inner = EmailMessage()
    inner["From"] = "Billing <billing@example.com>"
    inner["To"] = "support@example.com"
    inner["Subject"] = "Forwarded: card problem"
    inner.set_content(f"The customer gave card {CARD_MC} and SSN {SSN}.\n")
    return inner


def make_message() -> bytes:
    """A multipart message: text and HTML bodies, and txt, csv, html, docx, xlsx, pdf, zip and
    message/rfc822 attachments, each holding planted values."""
    message = EmailMessage()
    message["From"] = "Contact Center <cc@example.com>"
    message["To"] = "Customer <customer@example.net>"
    message["Subject"] = f"Your SSN {SSN} on file"
    message["Message-ID"] = "<case-1@example.com>"
    message.set_content(f"Hello,\nyour card number {CARD} was charged.\nCall {PHONE}.\n")
    message.add_alternative(
        f"<html><body><p>Hello,</p><p>your card number <b>4111 1111</b> 1111 1111 was "
        f"charged.</p><p>Mail <a href='mailto:{EMAIL}'>us</a></p></body></html>",
        subtype="html",
    )
    attachments = [
        (f"card number {CARD_AMEX}\n".encode(), "text", "plain", "notes.txt"),
        (f"id,ssn,phone\n1,{SSN},{PHONE}\n2,none,none\n".encode(), "text", "csv", "list.csv"),
        (f"<p>card number {CARD_MC}</p>".encode(), "text", "html", "page.html"),
        (make_docx(), "application", "vnd.openxmlformats-officedocument.wordprocessingml.document",
         "letter.docx"),
        (make_xlsx(), "application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "book.xlsx"),
        (make_pdf([f"card number {CARD}"]), "application", "pdf", "statement.pdf"),
        (make_zip({"a.txt": f"ssn {SSN}\n".encode(), "inner/b.docx": make_docx()}),
         "application", "zip", "bundle.zip"),
    ]  # fmt: skip
    for body, maintype, subtype, filename in attachments:
        if maintype == "text":
            message.add_attachment(body.decode(), subtype=subtype, filename=filename)
        else:
            message.add_attachment(body, maintype=maintype, subtype=subtype, filename=filename)
    message.add_attachment(make_inner_message())
    return message.as_bytes()


def raw_zip(entries: list[tuple[str, bytes, int, int, int, int]]) -> bytes:
    """A zip written field by field, so a test can make it lie: entries are (name, stored
    bytes, method (0 stored, 8 deflate), crc32, declared uncompressed size, flag bits)."""
    local = io.BytesIO()
    central = io.BytesIO()
    for name, data, method, crc, size, flags in entries:
        encoded = name.encode()
        offset = local.tell()
        local.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, flags, method, 0, 0x21, crc, len(data),
                        size, len(encoded), 0)
            + encoded + data
        )  # fmt: skip
        central.write(
            struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, flags, method, 0, 0x21, crc,
                        len(data), size, len(encoded), 0, 0, 0, 0, 0, offset)
            + encoded
        )  # fmt: skip
    directory = central.getvalue()
    count = len(entries)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), local.tell(), 0)
    return local.getvalue() + directory + end


#: crc32 of 2**30 zero bytes (zlib.crc32 over 1024 MiB chunks; computed once, 0.8 s).
_CRC_GIB_OF_ZEROS = 0x5B64C2B0


def zip_bomb() -> bytes:
    """An honest 1 GiB member of zeros deflated to about 1 MiB, built in milliseconds: after a
    full flush a deflate stream has no back-references, so the compressed form of one MiB of
    zeros can be repeated."""
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert first == again
    stream = first + again * 1023 + compressor.flush()
    return raw_zip([("zeros.bin", stream, 8, _CRC_GIB_OF_ZEROS, 1 << 30, 0)])


def nested_zip(depth: int, leaf: bytes) -> bytes:
    """`depth` zips inside each other, the innermost holding leaf.txt."""
    data = make_zip({"leaf.txt": leaf})
    for level in range(depth - 1):
        data = make_zip({f"level{level}.zip": data})
    return data
