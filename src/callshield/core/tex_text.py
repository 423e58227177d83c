"""A LaTeX document's source read as the text it typesets, with a map back.

A letter a correspondence unit writes from a template in LaTeX reaches a ticket as its
source: "South Allisonburgh, OR~03225" (a tie, no blank, between the state and the ZIP
code), "(404)~555--0138" (an en dash of two hyphens), "\\texttt{trn\\_john@hotmail.com}" (an
escaped underscore in an address), "031000503\\,/\\,43901681290" (thin spaces), a table's
cells between "&" and its rows ended by "\\\\". Read as they print, they are a ZIP code after
its state, a phone number, an e-mail address, a table's rows. Each piece maps back to its
source (`json_transcripts.Reading`): the pipeline scans the typeset text and maps what it
finds back.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, Region

#: Where a text is a LaTeX document's source.
_DOCUMENT = re.compile(r"\\(?:documentclass|begin\{(?:document|letter|tabular)\})")
#: A line break ("\\\\"), a space (a tie, "~", or a spacing command: "\\,", "\\ "), a dash of
#: two or three hyphens, an escaped character ("\\_", "\\$"), a command's name ("\\texttt"),
#: a brace, a table's column separator, or a run of other text.
_PIECE = re.compile(
    r"(?P<br>\\\\(?:\[[^\]\n]{0,12}\])?)|(?P<space>\\[,;:! ]|~)|(?P<dash>---?)"
    r"|\\(?P<escaped>[_$&%#{}])|(?P<command>\\[A-Za-z]+\*?)|(?P<brace>[{}])|(?P<cell>&)"
    r"|(?P<text>[^\\~&{}\-]+|[\s\S])"
)


def tex_reading(text: str) -> Reading | None:
    """The text a LaTeX document's source typesets (a command that opens a line as its name,
    a label, others as nothing, braces as blanks, ties and
    spacing as blanks, dashes as one hyphen, escaped characters as themselves, a table's
    cells a tab apart and its rows a line each), or None where `text` is no LaTeX
    document. One region maps each character back, so a value typeset across a tie or a
    dash ("(404)~555--0138") is one span of the source."""
    if _DOCUMENT.search(text) is None:
        return None
    shown: list[str] = []
    offsets: list[int] = []
    for piece in _PIECE.finditer(text):
        kind = piece.lastgroup
        start, end = piece.span()
        if kind == "text":
            shown.append(piece.group())
            offsets.extend(range(start, end))
            continue
        if kind == "escaped":
            typeset = piece.group("escaped")
        elif kind == "command":
            # (one that opens a line as a label, "encl: Explanation of Benefits" after
            # "closing: Sincerely," no signer's name; one inside a line as nothing, "claim
            # \\textbf{660975497555}" a claim's number after its word)
            opens = start == 0 or text[start - 1] == "\n"
            typeset = piece.group()[1:].rstrip("*") + ": " if opens else ""
        else:
            typeset = _TYPESET.get(kind or "", "")
        shown.append(typeset)
        offsets.extend([start] * len(typeset))
    offsets.append(len(text))
    transcript = "".join(shown)
    return Reading(transcript, (Region(0, len(transcript), 0, len(text), tuple(offsets)),))


#: What each kind of piece typesets as.
_TYPESET = {"br": "\n", "space": " ", "brace": " ", "dash": "-", "cell": "\t"}
