"""A Word document's XML read as the text it shows, and what is found mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.wordml import in_wordml_markup, wordml_reading
from callshield.pipeline import scan_text


def _paragraph(*runs: str) -> str:
    return (
        "<w:p>"
        + "".join(f'<w:r><w:t xml:space="preserve">{r}</w:t></w:r>' for r in runs)
        + ("</w:p>\n")
    )


SOURCE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body>\n"
    '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Call transcript</w:t></w:r></w:p>\n'
    + _paragraph("Agent 00:10: ", "Who am I speaking with today?")
    + _paragraph("Customer 00:13: ", "First name Jonas, last name ", "Hoàng.")
    + _paragraph("Agent 00:24: ", "Can you give me your Social Security number?")
    + _paragraph("Customer 00:28: ", "six six six...")
    + _paragraph("Agent 00:29: ", "Okay, ", "go on.")
    + _paragraph("Customer 00:32: ", "two six, five ", "eight two four.")
    + "<w:p><w:r><w:t>Ref&#160;A&amp;B</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t></w:r></w:p>\n"
    + "</w:body></w:document>"
)


def test_the_shown_text_is_its_paragraphs_runs_joined() -> None:
    reading = wordml_reading(SOURCE)
    assert reading is not None
    assert reading.transcript.splitlines() == [
        "Call transcript",
        "Agent 00:10: Who am I speaking with today?",
        "Customer 00:13: First name Jonas, last name Hoàng.",
        "Agent 00:24: Can you give me your Social Security number?",
        "Customer 00:28: six six six...",
        "Agent 00:29: Okay, go on.",
        "Customer 00:32: two six, five eight two four.",
        "Ref\xa0A&B\tx",
        "y",
    ]
    assert "preserve" not in reading.transcript
    # a run's text maps back one for one, an escape to all of its characters
    start = reading.transcript.index("Hoàng")
    [[(lo, hi)]] = reading.to_raw([(start, start + 5)])
    assert SOURCE[lo:hi] == "Hoàng"
    amp = reading.transcript.index("&B")
    escape = SOURCE.index("&amp;")
    assert reading.to_raw([(amp, amp + 1)]) == [[(escape, escape + 5)]]


def test_no_runs_no_reading() -> None:
    assert wordml_reading("Agent: what's the pin\nCaller: 0028") is None
    assert wordml_reading("<w:p><w:pPr/></w:p>") is None


def test_a_tags_attributes_are_markup() -> None:
    text = '<w:r><w:t xml:space="preserve">Hoàng</w:t></w:r>'
    start = text.index("preserve")
    assert in_wordml_markup(text, start, start + len("preserve"))
    name = text.index("Hoàng")
    assert not in_wordml_markup(text, name, name + 5)
    assert not in_wordml_markup("<b>Hoàng</b>", 3, 8)
    # tags and blanks only, between two runs, are markup too
    between = text.index("</w:t>")
    assert in_wordml_markup(text, between, len(text))


def test_the_values_of_a_word_documents_xml_are_found_in_its_offsets(engine: Engine) -> None:
    """Split over runs, the name is tags away from its cue, and the social's pieces over
    turns whose speakers' labels carry a time: read as Word shows it, all are found, and no
    attribute is taken for a name."""
    found = [(f.entity.name, SOURCE[f.start : f.end]) for f in scan_text(SOURCE, engine)]
    assert ("PERSON", "Hoàng") in found
    assert ("US_SSN", "six six six") in found
    assert ("US_SSN", "eight two four") in found
    assert not [value for _, value in found if "preserve" in value or "<" in value]


def test_who_made_a_change_is_found_in_its_attribute(engine: Engine) -> None:
    """A tracked change's author is a person named in a tag's attribute: no markup."""
    text = (
        '<w:p><w:ins w:id="1" w:author="Maria Gonzalez" w:date="2024-01-01T10:00:00Z">'
        "<w:r><w:t>Customer name: Jane Doe</w:t></w:r></w:ins></w:p>"
    )
    names = [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert names == ["Maria Gonzalez", "Jane Doe"]
