"""JSON escaped inside a string, read as the JSON it is.

A log line's payload, a message's content or a queue's event often carries a JSON document
as one string: `"content": "{\\"account_id\\": \\"68227557\\", ...}"`, `msg="{\\"ani\\":
\\"+12065550120\\"}"`. Read as it is written, its keys and values are parted by backslashes
and quotes no detector takes for a key's (`\\"account_id\\": \\"6822...`). Read with each
escaped quote as a quote (and an escaped line break or tab as the character it escapes), it is
JSON again, whose keys say what their values are. Each escape maps back to its characters
(`json_transcripts.Reading`): the pipeline scans the unescaped text and maps what it finds
back.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A quote escaped once or more (`\\"`, `\\\\\\"` in JSON escaped twice), or an escaped line
#: break or tab.
_ESCAPE = re.compile(r'\\+(["nt])')
_SHOWN = {'"': '"', "n": "\n", "t": "\t"}
#: The fewest escaped quotes of a text that holds escaped JSON (a key and its value: four).
MIN_QUOTES = 4


def escaped_json_reading(text: str) -> Reading | None:
    """`text` with its escaped quotes, line breaks and tabs unescaped, or None where it holds
    fewer than `MIN_QUOTES` escaped quotes (most texts: one substring count)."""
    if text.count('\\"') < MIN_QUOTES:
        return None
    built = ReadingBuilder()
    at = 0
    for escape in _ESCAPE.finditer(text):
        built.copied(text, at, escape.start())
        built.shown(_SHOWN[escape.group(1)], escape.start(), escape.end())
        at = escape.end()
    built.copied(text, at, len(text))
    return built.reading()
