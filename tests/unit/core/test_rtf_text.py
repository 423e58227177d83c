"""An RTF document's source read as the text it shows, and what is found mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.rtf_text import rtf_reading
from callshield.pipeline import scan_text

SOURCE = (
    "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fswiss Calibri;}}\\f0\\fs22\n"
    "{\\pard\\b Call Transcript\\b0\\par}\n"
    "{\\pard\\b Rep:\\b0  I'll need the security PIN you set up.\\par}\n"
    "{\\pard\\b Caller:\\b0  00 um, 28, I think.\\par}\n"
    "{\\pard\\b Rep:\\b0  And the name on the account, Mr. Ren\\'e9?\\par}\n"
    "}"
)


def test_the_shown_text_is_its_paragraphs_lines_without_the_tables() -> None:
    reading = rtf_reading(SOURCE)
    assert reading is not None
    assert reading.transcript.splitlines() == [
        "Call Transcript",
        "Rep: I'll need the security PIN you set up.",
        "Caller: 00 um, 28, I think.",
        "Rep: And the name on the account, Mr. René?",
    ]
    assert "Calibri" not in reading.transcript
    start = reading.transcript.index("00 um")
    [[(lo, hi)]] = reading.to_raw([(start, start + 2)])
    assert SOURCE[lo:hi] == "00"
    e9 = reading.transcript.index("é")
    assert reading.to_raw([(e9, e9 + 1)]) == [[(SOURCE.index("\\'e9"), SOURCE.index("\\'e9") + 4)]]


def test_no_rtf_no_reading() -> None:
    assert rtf_reading("Rep: what's the pin\nCaller: 0028") is None


def test_a_value_in_an_rtf_source_is_found_in_the_source_s_offsets(engine: Engine) -> None:
    found = [(f.entity.name, SOURCE[f.start : f.end]) for f in scan_text(SOURCE, engine)]
    assert ("PIN", "00 um, 28") in found
    assert not any(text.startswith("\\b0") or text == "0" for _, text in found)
