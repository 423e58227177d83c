"""Documents on their own: pdf, docx, xlsx, csv, html and zip are sniffed by their bytes, read,
redacted and written back in their own format (pdf: refused when it has findings)."""

from __future__ import annotations

import io
import zipfile

import pytest
import test_files_samples as samples

from callshield import Engine
from callshield.core.document import Channel
from callshield.formats import ContentError, get_format, read_content
from callshield.formats.base import Parsed
from callshield.formats.office import sheet_label
from callshield.pipeline import RedactedDocument, redact_document, scan

_HTML = (
    "<!DOCTYPE html><html><body><h1>Case</h1><p>SSN: <i>078-05-1120</i></p>"
    f"<table><tr><td>card number</td><td>{samples.CARD}</td></tr></table></body></html>"
)
_CSV = f"name,ssn,phone\nA,{samples.SSN},{samples.PHONE}\nB,none,none\n"

SNIFFED = [
    ("pdf", lambda: samples.make_pdf(["card number " + samples.CARD])),
    ("docx", samples.make_docx),
    ("xlsx", samples.make_xlsx),
    ("zip", lambda: samples.make_zip({"a.txt": b"hello"})),
    ("html", _HTML.encode),
]


@pytest.mark.parametrize(("name", "build"), SNIFFED, ids=[n for n, _ in SNIFFED])
def test_sniffed_by_content_not_name(name: str, build: object) -> None:
    data = build()  # type: ignore[operator]
    assert read_content(data, "upload.bin").format == name


def test_csv_by_its_suffix() -> None:
    assert read_content(_CSV.encode(), "list.csv").format == "csv"
    assert read_content(_CSV.encode(), "list.txt").format == "text"


def _redact(engine: Engine, data: bytes, name: str) -> tuple[Parsed, RedactedDocument]:
    parsed = read_content(data, name)
    return parsed, redact_document(parsed.document, scan(parsed.document, engine), engine)


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("letter.docx", samples.make_docx),
        ("book.xlsx", samples.make_xlsx),
        ("list.csv", _CSV.encode),
        ("page.html", _HTML.encode),
        ("bundle.zip", lambda: samples.make_zip({"a.txt": _CSV.encode(),
                                                 "b.docx": samples.make_docx()})),
    ],
    ids=["docx", "xlsx", "csv", "html", "zip"],
)  # fmt: skip
def test_round_trip_keeps_structure_and_loses_values(
    engine: Engine, name: str, build: object
) -> None:
    data = build()  # type: ignore[operator]
    parsed, redacted = _redact(engine, data, name)
    assert parsed.document.channel is Channel.FILE
    assert samples.leaked(" ".join(s.text for s in parsed.document.segments))
    out = get_format(parsed.format).write(parsed, redacted)
    again = read_content(out, name)
    assert again.format == parsed.format
    assert [s.id for s in again.document.segments] == [s.id for s in parsed.document.segments]
    assert samples.leaked(" ".join(s.text for s in again.document.segments)) == []
    assert scan(again.document, engine).findings == ()


def test_html_keeps_its_markup(engine: Engine) -> None:
    parsed, redacted = _redact(engine, _HTML.encode(), "page.html")
    out = get_format("html").write(parsed, redacted).decode()
    assert out == _HTML.replace("078-05-1120", "[US_SSN]").replace(samples.CARD, "[PAYMENT_CARD]")


def test_csv_that_would_change_shape_is_refused(engine: Engine) -> None:
    parsed, redacted = _redact(engine, _CSV.encode(), "list.csv")
    (segment,) = redacted.document.segments
    merged = segment.__class__(segment.id, segment.text.replace("A,", "A;", 1))
    broken = RedactedDocument(
        redacted.document.__class__(redacted.document.id, (merged,)), redacted.replacements
    )
    with pytest.raises(ContentError, match="cannot be redacted in place"):
        get_format("csv").write(parsed, broken)


def test_pdf_is_read_page_by_page_and_refused_with_findings(engine: Engine) -> None:
    pdf = samples.make_pdf(["Statement", f"card number {samples.CARD}"])
    parsed, redacted = _redact(engine, pdf, "s.pdf")
    assert [s.id for s in parsed.document.segments] == ["page[1]"]
    with pytest.raises(ContentError, match="pdf: no output written: it held sensitive data"):
        get_format("pdf").write(parsed, redacted)


def test_pdf_without_findings_is_written_unchanged(engine: Engine) -> None:
    pdf = samples.make_pdf(["Quarterly newsletter"])
    parsed, redacted = _redact(engine, pdf, "n.pdf")
    assert get_format("pdf").write(parsed, redacted) == pdf


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("s.pdf", samples.make_pdf(["hello"])[:200], "pdf"),
        ("l.docx", b"PK\x03\x04not really a zip", "not a readable zip"),
        ("b.xlsx", b"nonsense", "xlsx: not a readable zip"),
        ("a.zip", b"PK\x05\x06" + b"\x00" * 10, "zip"),
    ],
    ids=["pdf", "docx", "xlsx", "zip"],
)
def test_corrupt_file_on_its_own_is_a_content_error(name: str, data: bytes, problem: str) -> None:
    with pytest.raises(ContentError, match=problem):
        read_content(data, name)


def test_file_names_are_scanned_but_never_ids(engine: Engine) -> None:
    data = samples.make_zip({f"ssn {samples.SSN}.txt": b"nothing"})
    parsed, redacted = _redact(engine, data, "names.zip")
    assert [s.id for s in parsed.document.segments] == ["member[1]/name", "member[1]"]
    with zipfile.ZipFile(io.BytesIO(get_format("zip").write(parsed, redacted))) as out:
        assert out.namelist() == ["ssn [US_SSN].txt"]


@pytest.mark.parametrize(
    ("title", "label"),
    [("Sheet1", "Sheet1"), ("Q3 2024", "sheet[2]"), ("a@b.com", "sheet[2]"), ("x!y", "sheet[2]")],
)
def test_sheet_titles_that_could_hold_a_value_are_not_ids(title: str, label: str) -> None:
    assert sheet_label(title, 2) == label


def test_docx_tracked_deletions_are_scanned_too(engine: Engine) -> None:
    """Text a reviewer deleted stays in the file (w:delText): it is scanned and redacted."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    paragraph = document.add_paragraph("Kept text. ")
    deletion, run, deleted = OxmlElement("w:del"), OxmlElement("w:r"), OxmlElement("w:delText")
    deleted.text = f"ssn {samples.SSN}"
    run.append(deleted)
    deletion.append(run)
    paragraph._p.append(deletion)
    buffer = io.BytesIO()
    document.save(buffer)
    parsed, redacted = _redact(engine, buffer.getvalue(), "tracked.docx")
    assert [s.text for s in parsed.document.segments if s.id == "p[1]"] == [
        f"Kept text. ssn {samples.SSN}"
    ]
    out = get_format("docx").write(parsed, redacted)
    with zipfile.ZipFile(io.BytesIO(out)) as package:
        xml = package.read("word/document.xml").decode()
    assert samples.leaked(xml) == []
    assert "ssn [US_SSN]" in xml


def _customers_xlsx() -> bytes:
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Customers"
    sheet.append(["Name", "SSN", "DOB", "PIN", "Zip", "Account", "Order ID", "Amount"])
    sheet.append(["Zelda Quarry", "078051120", datetime.date(1985, 3, 14), 4921.0, 94102,
                  "000123456789", 761318609, 249.99])  # fmt: skip
    sheet.append(["Omar Haddad", 219099999, datetime.datetime(1975, 7, 4), 1234, 10001,
                  987654321, 100234987, 12.5])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_spreadsheet_cells_are_read_with_their_column_header(engine: Engine) -> None:
    """An "SSN" column of unformatted numbers, "DOB" date cells, numeric PINs and ZIPs: the
    cells alone say nothing; under their header they are redacted, and the rest is kept."""
    import openpyxl

    parsed, redacted = _redact(engine, _customers_xlsx(), "customers.xlsx")
    contexts = {s.id: s.context for s in parsed.document.segments}
    assert contexts["Customers!C2"] == "DOB" and contexts["Customers!A1"] == ""
    assert contexts["Customers!B2"] == "SSN"
    out = get_format("xlsx").write(parsed, redacted)
    rows = list(openpyxl.load_workbook(io.BytesIO(out)).active.iter_rows(values_only=True))
    assert rows[0] == ("Name", "SSN", "DOB", "PIN", "Zip", "Account", "Order ID", "Amount")
    for row in rows[1:]:
        assert row[:6] == ("[PERSON]", "[US_SSN]", "[DATE_OF_BIRTH]", "[PIN]", "[US_ZIP]",
                           "[BANK_ACCOUNT]")  # fmt: skip
    assert [row[6:] for row in rows[1:]] == [(761318609, 249.99), (100234987, 12.5)]


def test_a_form_sheet_reads_each_value_with_the_label_to_its_left(engine: Engine) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    for row in (["Password", "tiger"], ["Account", "000123456789"], ["Notes", "called twice"]):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    parsed, redacted = _redact(engine, out.getvalue(), "form.xlsx")
    contexts = {s.id: s.context for s in parsed.document.segments}
    assert contexts["Sheet!B1"] == "Password" and contexts["Sheet!A2"] == ""
    written = get_format("xlsx").write(parsed, redacted)
    rows = list(openpyxl.load_workbook(io.BytesIO(written)).active.iter_rows(values_only=True))
    assert rows == [
        ("Password", "[PASSWORD]"), ("Account", "[BANK_ACCOUNT]"), ("Notes", "called twice")
    ]  # fmt: skip


def test_word_tables_are_read_with_headers_and_row_labels(engine: Engine) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Customer record for review")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(["Name", "SSN", "DOB"]):
        table.cell(0, c).text = text
    for c, text in enumerate(["Zelda Quarry", "078051120", "03/14/1985"]):
        table.cell(1, c).text = text
    form = document.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "PIN",
        (0, 1): "4921",
        (1, 0): "Acct",
        (1, 1): "987654321",
    }.items():
        form.cell(r, c).text = text
    out = io.BytesIO()
    document.save(out)
    parsed, redacted = _redact(engine, out.getvalue(), "record.docx")
    written = docx.Document(io.BytesIO(get_format("docx").write(parsed, redacted)))
    cells = [[cell.text for cell in row.cells] for t in written.tables for row in t.rows]
    assert cells == [
        ["Name", "SSN", "DOB"],
        ["[PERSON]", "[US_SSN]", "[DATE_OF_BIRTH]"],
        ["PIN", "[PIN]"],
        ["Acct", "[BANK_ACCOUNT]"],
    ]


def test_html_tables_are_read_with_their_headers_and_labels(engine: Engine) -> None:
    page = (
        "<html><body><p>Customer list attached below.</p>"
        "<table><tr><th>Name</th><th>SSN</th><th>DOB</th></tr>"
        "<tr><td>Zelda Quarry</td><td>078051120</td><td>03/14/1985</td></tr></table>"
        "<table><tr><td>PIN</td><td>4921</td></tr><tr><td>Notes</td><td>none</td></tr></table>"
        "</body></html>"
    )
    parsed, redacted = _redact(engine, page.encode(), "list.html")
    out = get_format("html").write(parsed, redacted).decode()
    for value in ("Zelda Quarry", "078051120", "03/14/1985", "4921"):
        assert value not in out
    assert "<td>none</td>" in out and "<th>SSN</th>" in out
