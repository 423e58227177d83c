"""A call exported as fixed-width records read as a call: a recorder's or a mainframe's
export writes each turn's text after a key (the record's type, the call's and the turn's
numbers), the speaker's code and a sequence number, wrapped at a fixed column into as many
records as it takes, a word cut wherever the column falls:

    HDRCALLTXT 20240227 V02.3 SRC=RECORDER ACCOUNT SECURITY
    DTL45588188820002C00000780MY WITHDRAWAL TO MY BANK HAS BEEN PENDING FOR FOUR DAY
    DTL45588188820002C00000781S.
    DTL45588188820022C00008000I E TWO NINE, A I B K, NINE THREE ONE ONE, FIVE TWO ON
    DTL45588188820022C00008001E TWO, THREE FOUR FIVE SIX, SEVEN EIGHT.

Read a record a line, a value said across two records ("... FIVE TWO ON" / "E TWO, ...") is
two pieces none of which is a value; read as a transcript, a turn a line after its speaker's
code, the records of a turn joined where the column cut them ("ON" + "E"), it is one value
again, and each record's part of it is redacted. Pure: a string in, a reading out.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder, speaker_label

#: A record: its key (a type's capitals, then the call's and the turn's numbers), the
#: speaker's code (one capital), a sequence number, the text (group "t"), padded with blanks.
_RECORD = re.compile(
    r"^(?P<key>[A-Z]{2,4}\d{8,20})(?P<who>[A-Z])\d{6,10}(?P<t>[^\r\n]*?)[ \t]*\r?$", re.MULTILINE
)
#: The fewest records that make a text such an export, and the share of its lines (not
#: blank) they must be (a header's and a trailer's lines besides).
MIN_RECORDS = 8
MIN_SHARE = 0.8


def record_lines_reading(text: str) -> Reading | None:
    """The call a fixed-width export holds, a turn a line after its speaker's code, or None
    when `text` is no such export."""
    first = _RECORD.search(text)
    if first is None:
        return None
    records = list(_RECORD.finditer(text, first.start()))
    lines = sum(1 for line in text.splitlines() if line.strip())
    if len(records) < MIN_RECORDS or len(records) < MIN_SHARE * lines:
        return None
    # (the column the text is cut at: the widest record's, blanks kept, padding or not)
    width = max(
        len(record.group().rstrip("\r")) - record.start("t") + record.start() for record in records
    )
    builder = ReadingBuilder()
    turn: tuple[str, str] | None = None
    full = False  # (whether the record before ran to the column: the next goes on its word)
    for record in records:
        key = (record.group("key"), record.group("who"))
        start, end = record.span("t")
        if key != turn:
            builder.own(("\n" if turn is not None else "") + speaker_label(key[1]))
            turn = key
        elif not full:
            builder.own(" ")
        builder.copied(text, start, end)
        full = end - start >= width
    return builder.reading()
