"""An e-discovery load file (Concordance DAT) read as the text its fields hold, with a map back.

A production of recorded calls for a litigation hold or a regulator comes as a Concordance
load file: a record a line, its fields quoted with `þ` and parted by the control character
DC4 (`\\x14`), a line break inside a field written as `®`. A transcript field reads there as
one line, "AGENT: Who am I speaking with today?®CALLER: Hi, yes, this is Vida Asare.®...", so
its turns run together and the record's Bates numbers and dates stand beside what was said.
Read with each field of words on its own lines, and `®` as the line break it stands for, the
transcript reads as the call it is. Each character maps back one for one.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A field of a record: what stands between its quotes.
_FIELD = re.compile("þ([^þ\\n]*)þ")
#: The fewest words a field holds to be read (not a Bates number, a date, a custodian's code).
_WORDS = 3


def load_file_reading(text: str) -> Reading | None:
    """The fields of words of a Concordance load file, a line each and `®` a line break; None
    where the text is no load file (no DC4 between quoted fields)."""
    if "þ\x14þ" not in text:
        return None
    built = ReadingBuilder()
    for field in _FIELD.finditer(text):
        value = field.group(1)
        if len(value.split()) >= _WORDS:
            built.shown(value.replace("®", "\n"), *field.span(1))
            built.own("\n")
    return built.reading()
