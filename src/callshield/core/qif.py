"""A Quicken Interchange Format file (QIF) read as its values, a line each, with a map back.

A customer's bank export in QIF writes each field on a line of its own, its code a letter
glued to the value: "D02/24/2024", "T-1,250.00", "POlga Kenig" (the payee), "MCard ending 4444
order ..." (the memo), "A39687 Nicole Trafficway Suite 803" (the address's lines), "^" to end
a transaction. Read as written, "POlga" and "MCard" are no words a detector knows: the payee's
name, the memo's cue and the address's house number are lost in their codes. Read without
the codes, a value a line, and a blank line for each "^", the transactions read as the notes
they are; each value maps back to its place after its code.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A QIF file's header: "!Type:Bank", "!Type:CCard", "!Account", "!Option:AutoSwitch".
_HEADER = re.compile(r"^!(?:Type:\w+|Account|Option:\w+)[ \t]*\r?$", re.MULTILINE)
#: A field's line: its code, then its value.
_FIELD = re.compile(r"^(?P<code>[A-Z$%~^])(?P<value>[^\r\n]*)\r?$", re.MULTILINE)
#: The fewest field lines a QIF file has.
_MIN_FIELDS = 4


def qif_reading(text: str) -> Reading | None:
    """The values of a QIF file's fields, a line each, a blank line after each transaction;
    None where `text` is no QIF file."""
    if _HEADER.search(text) is None:
        return None
    fields = list(_FIELD.finditer(text))
    if len(fields) < _MIN_FIELDS:
        return None
    built = ReadingBuilder()
    for field in fields:
        if field.group("code") == "^":
            built.own("\n")
            continue
        start, end = field.span("value")
        built.copied(text, start, end)
        built.own("\n")
    return built.reading()
