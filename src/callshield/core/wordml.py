"""A Word document's XML (WordprocessingML, a `.docx`'s `word/document.xml`) read as the text
it shows, a paragraph a line, with a map back.

A call's notes or transcript saved from Word and handed over as its XML (an export, a
document pasted from a repository) hold their words in runs, `<w:r><w:t>...</w:t></w:r>`,
which Word splits wherever the formatting changes, or a spell checker, or an edit did: "First
name John, last name </w:t></w:r><w:r><w:t xml:space="preserve">Hoàng." Read as written, a
name is tags away from its cue, and the tags' attributes ("preserve") are read as words. Read
as Word shows it, the runs of a paragraph joined, a tab as a tab and a break as a line's, the
document reads as the text it is. Each run of text maps back one for one, an escape to its
characters.

Pure: no I/O.
"""

from __future__ import annotations

import html
import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A paragraph: `<w:p>` or `<w:p ...>` up to its end tag (a paragraph holds no paragraph).
_PARAGRAPH = re.compile(r"<w:p\b[^<>]*?(?<!/)>(?P<body>.*?)</w:p\s*>", re.DOTALL)
#: Inside a paragraph: a run's text (its element's content), a tab, a break, another tag (read
#: as nothing).
_PIECE = re.compile(
    r"<w:t\b[^<>]*?(?<!/)>(?P<text>[^<]*)</w:t\s*>"
    r"|(?P<tab><w:tab\b[^<>]*/>)"
    r"|(?P<break><w:(?:br|cr)\b[^<>]*/>)"
    r"|<[^<>]*>",
    re.DOTALL,
)
#: An XML escape inside a run's text.
_ESCAPE = re.compile(r"&#?\w{1,8};")
#: The fewest characters of text that make a document worth reading this way.
_MIN_TEXT = 1


def wordml_reading(text: str) -> Reading | None:
    """The paragraphs of a WordprocessingML document, a line each, their runs joined; None
    where the text is none (no `<w:t>` run in a paragraph)."""
    if "<w:t" not in text:
        return None
    built = ReadingBuilder()
    shown = 0
    for paragraph in _PARAGRAPH.finditer(text):
        lo, hi = paragraph.span("body")
        line_shown = 0
        for piece in _PIECE.finditer(text, lo, hi):
            if piece.group("tab") is not None:
                built.shown("\t", *piece.span())
            elif piece.group("break") is not None:
                built.shown("\n", *piece.span())
            elif piece.group("text") is not None:
                line_shown += _run_text(built, text, *piece.span("text"))
        if line_shown:
            built.own("\n")
            shown += line_shown
    return built.reading() if shown >= _MIN_TEXT else None


def _run_text(built: ReadingBuilder, text: str, start: int, end: int) -> int:
    """Show a run's text, its escapes decoded; the number of characters shown."""
    count = 0
    pos = start
    for escape in _ESCAPE.finditer(text, start, end):
        if escape.start() > pos:
            built.copied(text, pos, escape.start())
            count += escape.start() - pos
        decoded = html.unescape(escape.group())
        built.shown(decoded, *escape.span())
        count += len(decoded)
        pos = escape.end()
    if end > pos:
        built.copied(text, pos, end)
        count += end - pos
    return count


def in_wordml_markup(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is markup of a WordprocessingML document, no text it shows: inside
    one of its tags ('<w:t xml:space="preserve">'), or tags and blanks only
    ("</w:t></w:r><w:r><w:t"); but for the attribute that names who made a change or a
    comment ('<w:ins w:author="Jane Doe" ...>')."""
    opened = text.rfind("<", 0, start + 1)
    if opened >= 0 and text.rfind(">", 0, start) < opened:
        if _WHO.search(text, opened, start) is not None:
            return False
        closed = text.find(">", start)
        start = end if closed < 0 else closed + 1  # (the tag it starts in is markup)
    if start >= end:
        return True
    last = text.rfind("<", start, end)
    if last >= 0 and text.find(">", last, end) < 0:
        end = last  # (so is the tag it ends in)
    return not _TAG.sub("", text[start:end]).strip()


#: An attribute that names a person, up to a value's start inside it.
_WHO = re.compile(r"\bw:(?:author|initials)=\"[^\"]*\Z")
#: A tag.
_TAG = re.compile(r"<[^<>]*>")
