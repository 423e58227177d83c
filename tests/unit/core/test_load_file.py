"""A Concordance load file's transcript field read as the call it holds, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.load_file import load_file_reading
from callshield.pipeline import scan_text

#: Two records of a production (synthetic: a reserved 555-01xx number, a made-up passport),
#: fields quoted with þ and parted by DC4, line breaks inside a field written as ®.
DAT = (
    "þBEGDOCþ\x14þCALLDATEþ\x14þSEGMENTþ\x14þTRANSCRIPTþ\r\n"
    "þPROD022-0070651þ\x14þ07/13/2024þ\x14þ3þ\x14þAGENT: Uh, so, what's the mobile number on"
    " file?®CALLER: 808...®AGENT: Got it.®CALLER: 555 0156.®AGENT: Thanks.þ\r\n"
    "þPROD022-0070652þ\x14þ07/13/2024þ\x14þ4þ\x14þAGENT: What's the passport number exactly"
    " as it appears?®CALLER: That's C48 622 274.þ\r\n"
)


def test_fields_of_words_read_a_line_each_and_map_back() -> None:
    reading = load_file_reading(DAT)
    assert reading is not None
    lines = reading.transcript.splitlines()
    assert "CALLER: 808..." in lines and "CALLER: 555 0156." in lines
    assert not any("PROD022" in line or "07/13/2024" in line for line in lines)
    at = reading.transcript.index("C48 622 274")
    spans = reading.to_raw([(at, at + len("C48 622 274"))])[0]
    assert "".join(DAT[lo:hi] for lo, hi in spans) == "C48 622 274"


def test_no_reading_of_a_text_without_load_file_fields() -> None:
    assert load_file_reading("Agent: hello þ there þ") is None


def test_a_number_given_over_turns_of_a_field_is_redacted(engine: Engine) -> None:
    found = scan_text(DAT, engine)
    for piece in ("808", "555 0156", "C48 622 274"):
        at = DAT.index(piece)
        assert any(f.start <= at and at + len(piece) <= f.end for f in found), piece
    assert not any("PROD022" in DAT[f.start : f.end] for f in found)
