"""A Rich Text Format document's source read as the text it shows, with a map back.

An RTF file pasted or exported as it is ("{\\rtf1\\ansi ... {\\pard\\b Caller:\\b0  Sure, it's
Samuel York.\\par}") holds its text between control words: "\\b0" puts a digit beside the words,
"\\par" ends a paragraph without a line break, and a speaker's label is no line's start. Rebuilt,
each paragraph is a line of the text it shows (the font and colour tables, and other
destinations, left out), and each run of text maps back to the source one for one
(`json_transcripts.Reading`): the pipeline scans the shown text and maps what it finds back.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from callshield.core.json_transcripts import Reading, Region

#: A control word and its parameter, and the blank that ends it ("\\b0 ", "\\fs22", "\\par").
_CONTROL = re.compile(r"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?")
#: A character by its code in the code page ("\\'e9") or in Unicode ("\\u233?").
_HEX = re.compile(r"\\'([0-9a-fA-F]{2})")
_UNICODE = re.compile(r"\\u(-?\d{1,6})\??")
#: Groups whose text is not shown: tables, document information, "\\*" destinations.
_HIDDEN = frozenset({"fonttbl", "colortbl", "stylesheet", "info", "pict", "listtable"})
#: Control words that end a line of the shown text.
_BREAKS = frozenset({"par", "line", "row", "sect", "page"})
_CELL = frozenset({"cell", "tab"})


def rtf_reading(text: str) -> Reading | None:
    """The text an RTF document shows, or None where `text` is no RTF document."""
    if not text.lstrip().startswith("{\\rtf"):
        return None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0  # (the length of the shown text so far)
    pos, size = text.find("{\\rtf"), len(text)
    run = -1  # (where the current run of shown text starts in the source, or -1)

    def close(end: int) -> None:
        nonlocal run, at
        if run >= 0 and end > run:
            parts.append(text[run:end])
            regions.append(Region(at, end - run, run, end - run))
            at += end - run
        run = -1

    def emit(shown: str, raw: int, raw_length: int) -> None:
        """A character the source writes as an escape (the whole escape its span), or a line
        break a control word stands for (no span: nothing of the source is shown)."""
        nonlocal at
        parts.append(shown)
        if raw_length:
            regions.append(Region(at, len(shown), raw, raw_length))
        at += len(shown)

    while pos < size:
        char = text[pos]
        if char == "{":
            close(pos)
            word = _CONTROL.match(text, pos + 1)
            star = text.startswith("{\\*", pos)
            if star or (word is not None and word.group(1) in _HIDDEN):
                pos = _group_end(text, pos)
                continue
            pos += 1
        elif char == "}":
            close(pos)
            pos += 1
        elif char == "\\":
            close(pos)
            pos = _escape(text, pos, emit)
        elif char in "\r\n":
            close(pos)  # (a line break in the source is not shown: "\\par" is)
            pos += 1
        else:
            if run < 0:
                run = pos
            pos += 1
    close(pos)
    return Reading("".join(parts), tuple(regions))


def _escape(text: str, pos: int, emit: Callable[[str, int, int], None]) -> int:
    """Reads the escape or control word at `pos` (a backslash); where the text goes on."""
    nxt = text[pos + 1 : pos + 2]
    if nxt in ("\\", "{", "}"):
        emit(nxt, pos, 2)
        return pos + 2
    hexed = _HEX.match(text, pos)
    if hexed is not None:
        emit(bytes([int(hexed.group(1), 16)]).decode("cp1252", "replace"), pos, 4)
        return hexed.end()
    coded = _UNICODE.match(text, pos)
    if coded is not None:
        code = int(coded.group(1)) % 65536
        emit(chr(code), pos, coded.end() - pos)
        return coded.end()
    word = _CONTROL.match(text, pos)
    if word is None:
        return pos + 2  # (a control symbol: "\\~", "\\-")
    if word.group(1) in _BREAKS:
        emit("\n", pos, 0)
    elif word.group(1) in _CELL:
        emit("\t", pos, 0)
    return word.end()


def _group_end(text: str, pos: int) -> int:
    """Where the group that opens at `pos` ends (after its closing brace)."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return pos
