"""An iCalendar or vCard text (RFC 5545, RFC 6350) read as its values say, with a map back.

A callback invite pasted from a scheduler ("BEGIN:VCALENDAR ... DESCRIPTION:Customer: It
should be sixty six ninety eight\\, o\\r\\n ne sixty seven ...") folds its lines at 75 octets
(a line break and a blank inside a word or a number: "o" / " ne sixty seven") and escapes its
line breaks and commas ("\\n", "\\,"). Unfolded and unescaped, a DESCRIPTION reads as the
transcript or the notes it holds, an ATTENDEE's address as one address. Each run of text maps
back one for one, and an escape to its two characters (`json_transcripts.Reading`): the
pipeline scans the unfolded text and maps what it finds back.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A fold (a line break and one blank: dropped), an escaped line break, an escaped character,
#: or a run of text.
_PIECE = re.compile(r"(\r?\n[ \t])|(\\[nN])|\\([,;:\\])|([^\\\r\n]+|[\s\S])")
#: Where the text is a calendar's or a contact card's.
_BEGIN = re.compile(r"^BEGIN:(?:VCALENDAR|VEVENT|VTODO|VCARD)\r?$", re.MULTILINE)


def folded_reading(text: str) -> Reading | None:
    """The unfolded, unescaped text of a calendar or a contact card, or None where `text` is
    neither or has nothing folded or escaped."""
    if _BEGIN.search(text) is None:
        return None
    built = ReadingBuilder()
    changed = False
    for piece in _PIECE.finditer(text):
        fold, newline, escaped, _run = piece.groups()
        if fold is not None:
            changed = True
        elif newline is not None or escaped is not None:
            changed = True
            built.shown("\n" if newline is not None else escaped, *piece.span())
        else:
            built.copied(text, *piece.span())
    return built.reading() if changed else None
