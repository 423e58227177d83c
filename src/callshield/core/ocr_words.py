"""An OCR engine's output, a word an element or a row, read as the lines of text it recognised,
with a map back.

A scanned form reaches Callshield as the OCR engine writes it, and the formats that keep each
word's position keep each word apart: hOCR (`<span class='ocrx_word' ...>Richard</span>`),
ALTO XML (`<String ... CONTENT="938-11-5508"/>`), Tesseract's TSV (a row a word, its text in the
last column). Read as written, "Payee name:" and "Jennifer" / "Robinson" stand rows or
elements apart, and a routing number OCR split in three ("2478", "519", "73") is three short
numbers. Read as lines, a word after a blank, the form reads as it was printed. Each word maps
back to its place in the document (a value over several words to each of them).

Pure: no I/O.
"""

from __future__ import annotations

import html
import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: hOCR: a line's span, and each word's span in it.
_HOCR_LINE = re.compile(
    r"<span\s+class=['\"]ocr_line['\"][^>]*>(?P<body>.*?</span>)\s*</span>", re.S
)
_HOCR_WORD = re.compile(r"<span\s+class=['\"]ocrx_word['\"][^>]*>(?P<w>[^<]*)</span>")
#: ALTO: a text line, and each string's content in it.
_ALTO_LINE = re.compile(r"<TextLine\b[^>]*>(?P<body>.*?)</TextLine>", re.S)
_ALTO_WORD = re.compile(r"<String\b[^>]*?\bCONTENT=\"(?P<w>[^\"]*)\"")
#: Tesseract's TSV: its header, and a word's row (level 5): the line's numbers, then the text.
_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num"
_TSV_WORD = re.compile(
    r"^5\t(?P<line>\d+\t\d+\t\d+\t\d+)\t\d+(?:\t-?[\d.]+){5}\t(?P<w>[^\t\r\n]+?)[ \t]*\r?$",
    re.M,
)


def ocr_word_reading(text: str) -> Reading | None:
    """The lines of words of an hOCR, ALTO or Tesseract TSV document; None where the text is
    none of them."""
    lines: list[list[tuple[int, int, str]]] = []  # (a word's raw start, end, and its text)
    if "ocrx_word" in text:
        for line in _HOCR_LINE.finditer(text):
            lines.append([_word(m) for m in _HOCR_WORD.finditer(text, *line.span("body"))])
    elif "CONTENT=" in text and "<TextLine" in text:
        for line in _ALTO_LINE.finditer(text):
            lines.append([_word(m) for m in _ALTO_WORD.finditer(text, *line.span("body"))])
    elif _TSV_HEADER in text:
        key = ""
        for row in _TSV_WORD.finditer(text):
            if row.group("line") != key or not lines:
                key = row.group("line")
                lines.append([])
            lines[-1].append(_word(row))
    lines = [line for line in lines if line]
    if not lines:
        return None
    built = ReadingBuilder()
    for words in lines:
        for k, (start, end, shown) in enumerate(words):
            built.own(" " if k else "")
            built.shown(shown, start, end)
        built.own("\n")
    return built.reading()


def _word(match: re.Match[str]) -> tuple[int, int, str]:
    """A word's raw span and its text (entities decoded: "&amp;" is "&")."""
    raw = match.group("w")
    return match.start("w"), match.end("w"), html.unescape(raw) if "&" in raw else raw
