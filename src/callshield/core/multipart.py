"""A multipart form's fields (`multipart/form-data`, RFC 7578) read as "name: value" lines, with
a map back.

An HTTP capture pasted into a ticket, a proxy's or a web server's debug log keeps a form's
post as its parts: a part's name in its `Content-Disposition` header, a blank line, then its
value on lines of its own ('name="dl_number"', '', 'H6258181'). Read as it is written, the
value stands alone, lines away from the name that says what it is, so a detector that reads a
value after its cue finds nothing. Read as "dl_number: H6258181", each value follows its name
as a form's field does. The value maps back one for one (`json_transcripts.Reading`); a file's
part (with a `filename`) is left out.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A part's header, its other headers, the blank line, and its value's first line.
_PART = re.compile(
    r"Content-Disposition:[ \t]*form-data;[ \t]*name=\"(?P<name>[^\"\r\n]{1,64})\""
    r"(?P<file>;[ \t]*filename=)?[^\r\n]*\r?\n(?:[A-Za-z][\w\-]*:[^\r\n]*\r?\n){0,4}\r?\n"
    r"(?P<value>[^\r\n]{1,512})",
    re.IGNORECASE,
)


def multipart_reading(text: str) -> Reading | None:
    """The text's form parts as "name: value" lines, or None where it has none."""
    built = ReadingBuilder()
    for part in _PART.finditer(text):
        if part.group("file"):
            continue  # (a file's content: no field's value)
        built.own(part.group("name") + ": ")
        built.copied(text, *part.span("value"))
        built.own("\n")
    return built.reading()
