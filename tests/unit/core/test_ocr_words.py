"""An OCR engine's words (hOCR, ALTO, Tesseract's TSV) read as the lines it recognised."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.ocr_words import ocr_word_reading
from callshield.pipeline import scan_text

#: One scanned form (synthetic: a 9xx SSN, an ABA-valid routing number OCR split in three)
#: in each of the three formats.
_LINES = [["Payee", "name:", "Jennifer", "Robinson"], ["SSN", "964-22-4672"],
          ["Routing", "Number", "0110", "000", "15"]]  # fmt: skip


def _hocr() -> str:
    out = ["<html><body><div class='ocr_page' id='page_1'>\n"]
    for n, words in enumerate(_LINES, start=1):
        out.append(f"  <span class='ocr_line' id='line_1_{n}' title='bbox 1 2 3 4'>\n")
        for k, word in enumerate(words, start=1):
            out.append(
                f"   <span class='ocrx_word' id='word_{n}_{k}' title='bbox 1 2 3 4; x_wconf 90'>"
                f"{word}</span>\n"
            )
        out.append("  </span>\n")
    return "".join(out) + "</div></body></html>\n"


def _alto() -> str:
    out = ['<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page>\n']
    for n, words in enumerate(_LINES):
        strings = '<SP WIDTH="7"/>'.join(
            f'<String HPOS="{k}" VPOS="1" WIDTH="9" HEIGHT="9" WC="0.9" CONTENT="{w}"/>'
            for k, w in enumerate(words)
        )
        out.append(f'<TextLine ID="TL{n}" HPOS="1" VPOS="{n}">{strings}</TextLine>\n')
    return "".join(out) + "</Page></Layout></alto>\n"


def _tsv() -> str:
    out = ["level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
           "\tconf\ttext\n", "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n"]  # fmt: skip
    for n, words in enumerate(_LINES, start=1):
        out.append(f"4\t1\t1\t1\t{n}\t0\t1\t1\t1\t1\t-1\t\n")
        out.extend(f"5\t1\t1\t1\t{n}\t{k}\t1\t1\t1\t1\t91.5\t{w}\n" for k, w in enumerate(words, 1))
    return "".join(out)


@pytest.mark.parametrize("make", [_hocr, _alto, _tsv], ids=["hocr", "alto", "tsv"])
def test_words_read_as_lines_and_mapped_back(make: object) -> None:
    text = make()  # type: ignore[operator]
    reading = ocr_word_reading(text)
    assert reading is not None
    assert reading.transcript.splitlines() == [" ".join(words) for words in _LINES]
    at = reading.transcript.index("0110 000 15")
    spans = reading.to_raw([(at, at + len("0110 000 15"))])[0]
    assert [text[lo:hi] for lo, hi in spans] == ["0110", "000", "15"]


@pytest.mark.parametrize("make", [_hocr, _alto, _tsv], ids=["hocr", "alto", "tsv"])
def test_a_form_s_values_over_words_are_redacted(make: object, engine: Engine) -> None:
    text = make()  # type: ignore[operator]
    found = scan_text(text, engine)
    for word in ("Jennifer", "Robinson", "964-22-4672", "0110", "000", "15"):
        # (where the word stands as the format writes it: an element's text, an attribute's
        # value, the last cell of a row)
        held = next(f"{a}{word}{b}" for a, b in ("><", '""', "\t\n") if f"{a}{word}{b}" in text)
        at = text.index(held) + 1
        assert any(f.start <= at and at + len(word) <= f.end for f in found), word


def test_no_reading_of_other_texts() -> None:
    assert ocr_word_reading("<span class='x'>Robinson</span>") is None
    assert ocr_word_reading("level\tname\n5\tx\n") is None
