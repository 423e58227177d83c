"""A call kept column by column (an Arrow table as pyarrow prints it), read a turn a line.

A notebook's cell that prints a call's table shows it by columns, not rows:

    pyarrow.Table
    speaker: string
    text: string
    ----
    speaker: [["agent","customer",...]]
    text: [["And who am I speaking with today?","Parks, Stephanie.",...]]

The question and its answer are then in one line, far apart, and a value said over two turns
("four zero four triple five oh 1 four four..." / "...") is two strings of one list. Read row
by row, "speaker: text" a line, each text maps back to its string in the source
(`json_transcripts.Reading`), and the pipeline reads the call as any labelled transcript.

Pure: no I/O.
"""

from __future__ import annotations

import json
import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: Where a text is an Arrow table's print-out.
_ARROW_HEADER = re.compile(r"^pyarrow\.Table\r?$", re.MULTILINE)
#: A column's values after the schema's "----": its name, then its chunks' lists.
_COLUMN = re.compile(r"^(?P<name>[A-Za-z_][\w ]{0,40}): \[(?P<values>\[.*\])\]\r?$", re.MULTILINE)
#: A JSON string literal, and a value that is none (a number, null).
_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
#: Columns that say who spoke, and columns that hold what was said (the first one found).
_SPEAKER_COLUMNS = ("speaker", "role", "channel", "participant", "speaker_label", "party")
_TEXT_COLUMNS = ("text", "transcript", "utterance", "content", "message", "said")


def arrow_reading(text: str) -> Reading | None:
    """The rows of an Arrow table's print-out whose columns hold a call's speakers and texts,
    "speaker: text" a line, or None where `text` holds no such table."""
    header = _ARROW_HEADER.search(text)
    if header is None:
        return None
    columns = {m.group("name").strip().lower(): m for m in _COLUMN.finditer(text, header.end())}
    said = next((columns[name] for name in _TEXT_COLUMNS if name in columns), None)
    if said is None:
        return None
    speaker = next((columns[name] for name in _SPEAKER_COLUMNS if name in columns), None)
    texts = list(_STRING.finditer(text, said.start("values"), said.end("values")))
    speakers = (
        [json.loads(m.group()) for m in _STRING.finditer(text, *speaker.span("values"))]
        if speaker is not None
        else []
    )
    if len(texts) < 2 or (speakers and len(speakers) != len(texts)):
        return None
    built = ReadingBuilder()
    for k, literal in enumerate(texts):
        if speakers:
            built.own(f"{speakers[k]}: ")
        start, end = literal.start() + 1, literal.end() - 1
        built.shown(json.loads(literal.group()), start, end)
        built.own("\n")
    return built.reading()
