"""Text kept in JSON as a list of its lines, each a string that ends in "\\n" (or as one
string of many lines, a call's transcript in a platform's record): a Jupyter
notebook's cells and outputs (a DataFrame printed as a table, a log on stderr), a tool's
multi-line messages. Read as JSON strings, each line is a value of its own: a table's header
is in one string and its rows in others, so no row is read under its header. Rebuilt, the
lines are the text they print, with a map back to the JSON (`json_transcripts.Reading`).

Pure: no I/O. The pipeline scans the rebuilt text and maps what it finds back.
"""

from __future__ import annotations

import json
import re

from callshield.core.json_transcripts import Reading, Region, escaped_offsets

#: An array of two strings or more (no string holds a raw line break or an unescaped quote).
_ARRAY = re.compile(
    r'\[(?:[ \t\r\n]*"(?:[^"\\\n]|\\.)*"[ \t\r\n]*,)+[ \t\r\n]*"(?:[^"\\\n]|\\.)*"[ \t\r\n]*\]'
)
_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
#: The fewest strings of an array that must end in a line break: a list of lines, not of
#: tags or names.
MIN_LINES = 2
#: Where a document holds fewer escaped line breaks closing a string, it holds no such list
#: (most texts: one substring count).
_LINE_END = '\\n"'


def _line_lists(text: str) -> list[list[re.Match[str]]]:
    """The strings of each array of lines, in order; and each string that holds lines of its
    own (two escaped line breaks or more inside it: a call's transcript kept as one string,
    "[00:00:00] Agent: ...\\n[00:00:05] Customer: ..."), as a list of one."""
    lists: list[list[re.Match[str]]] = []
    arrays: list[tuple[int, int]] = []
    if text.count(_LINE_END) >= MIN_LINES:
        for array in _ARRAY.finditer(text):
            strings = list(_STRING.finditer(text, array.start(), array.end()))
            if sum(s.group(1).endswith("\\n") for s in strings) >= MIN_LINES:
                lists.append(strings)
                arrays.append(array.span())
    for string in _STRING.finditer(text):
        if string.group(1).count("\\n") >= _INNER_LINES and not any(
            lo <= string.start() < hi for lo, hi in arrays
        ):
            lists.append([string])
    return sorted(lists, key=lambda strings: strings[0].start())


#: The fewest escaped line breaks inside one string that make it lines of text.
_INNER_LINES = 3


def string_lines(text: str) -> Reading | None:
    """The text the JSON arrays of lines in `text` print, one array after another (a blank
    line between two), or None where it holds no such array."""
    if text.count("\\n") < MIN_LINES:
        return None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0
    for strings in _line_lists(text):
        read: list[tuple[str, int, int]] = []
        try:
            read = [(json.loads(s.group()), *s.span(1)) for s in strings]
        except ValueError:
            continue  # (an escape JSON has not: no JSON)
        if parts:
            parts.append("\n")
            at += 1
        for value, start, stop in read:
            offsets = None
            if stop - start != len(value):
                offsets = escaped_offsets(text, start, stop)
                if len(offsets) != len(value) + 1:
                    offsets = None  # (not read one for one: mapped as a whole)
            regions.append(Region(at, len(value), start, stop - start, offsets))
            parts.append(value)
            at += len(value)
    return Reading("".join(parts), tuple(regions)) if regions else None
