"""A text typed with blanks to spare, read as written, with a map back.

Agents' notes typed in a hurry, or pasted from a terminal that justifies its lines, put two
blanks or a tab between words and break lines in the middle of a value: "callback  #  720  555"
then "0193  (cell).", "Email  dubois_colin@" then "example.com". Each piece is a value's part
with nothing around it that a detector reads as one. `spaced_reading` reads such a text as it
would have been typed: a run of blanks between two words as one blank, a line that goes on
from the line before it joined to it (by a blank; by nothing after an "@" or a hyphen after
a digit, where a value was cut), a line that starts with a blank or follows a blank line left
where it is. The pipeline scans the reading and maps what it finds back
(`json_transcripts.Reading`: a blank shown for a run maps to the whole run).

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: Two or three blanks between two characters of a line, as a typist leaves them (a tab or a
#: longer run aligns a table's columns: a table is read as one, `tables.py`).
_WIDE_GAP = re.compile(r"(?<=\S) {2,3}(?=\S)")
#: Any gap between two words of a line.
_GAP = re.compile(r"(?<=\S)[ \t]+(?=\S)")
#: The least number of wide gaps, and their least share of all gaps, for a text to be read so.
MIN_WIDE_GAPS = 12
MIN_WIDE_SHARE = 0.5
#: A piece: a wide gap, a line break into a line that goes on (no blank at its start, the
#: line before it not blank), or a run of anything else.
_PIECE = re.compile(r"(?<=\S)(?:[ \t]{2,}|\t)(?=\S)|[ \t]*\r?\n(?=\S)|[^\n \t]+|[\s\S]")
#: Where a line's end cuts a value: after an "@" or a digit's hyphen (joined by nothing).
_CUT = re.compile(r"(?:@|\d-)\Z")


def spaced_reading(text: str) -> Reading | None:
    """`text` with its wide gaps read as one blank and its wrapped lines joined, or None where
    the text is not typed so (most of its gaps one blank)."""
    if "  " not in text:
        return None
    wide = sum(1 for _ in _WIDE_GAP.finditer(text))
    if wide < MIN_WIDE_GAPS or wide < MIN_WIDE_SHARE * sum(1 for _ in _GAP.finditer(text)):
        return None
    built = ReadingBuilder()
    for piece in _PIECE.finditer(text):
        start, end = piece.span()
        chunk = piece.group()
        if chunk.endswith("\n") and start > 0 and end < len(text) and not text[end].isspace():
            line_start = text.rfind("\n", 0, start) + 1
            if text[line_start:start].strip():
                # (a line that goes on: joined to the one before it)
                joined = "" if _CUT.search(text, max(0, start - 2), start) else " "
                built.shown(joined, start, end)
                continue
            built.copied(text, start, end)
        elif chunk[0] in " \t" and not chunk.strip() and not text[start - 1 : start].isspace():
            # (a gap between two words; a line's indent is copied)
            built.shown(" ", start, end)
        else:
            built.copied(text, start, end)
    return built.reading()
