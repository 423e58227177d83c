"""A SAMI caption file (Microsoft's `.smi`) read as the lines its captions show, with a map back.

A call captioned for the hard of hearing, or for a quality team's player, may come as SAMI:
each caption a `<SYNC Start=...><P Class=...>` block, its text wrapped with `<br>` and
escaped as HTML (">> AGENT:" is written "&gt;&gt; AGENT:"). Read as written, a card number
wrapped over two caption lines ("THREE FIVE THREE OH UMM<br>DOUBLE ONE ...") is two pieces,
and the speaker's label hides behind its escapes. Read as the captions show it, a caption a
line, its breaks as blanks and its escapes decoded, the call reads as a transcript. Each run
of text maps back one for one, an escape to its characters.

Pure: no I/O.
"""

from __future__ import annotations

import html
import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A caption's block: from its SYNC tag to the next one (or the body's end).
_SYNC = re.compile(r"<SYNC\b[^>]*>(?P<body>.*?)(?=<SYNC\b|</BODY>|\Z)", re.IGNORECASE | re.DOTALL)
#: Inside a block: a tag (a line break reads as a blank, another tag as nothing), an escape,
#: or a run of text.
_PIECE = re.compile(r"(?P<tag><[^<>]*>)|(?P<escape>&#?\w{1,8};)|(?P<run>[^<&]+|&)")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def sami_reading(text: str) -> Reading | None:
    """The captions of a SAMI file, a line each; None where the text is none."""
    if "<SYNC" not in text and "<sync" not in text:
        return None
    built = ReadingBuilder()
    for sync in _SYNC.finditer(text):
        line: list[tuple[str, int, int]] = []  # (shown, raw start, raw end)
        for piece in _PIECE.finditer(text, *sync.span("body")):
            if piece.group("tag") is not None:
                if _BREAK.fullmatch(piece.group()):
                    line.append((" ", piece.start(), piece.end()))
                continue
            raw = piece.group()
            shown = html.unescape(raw) if piece.group("escape") else raw.replace("\n", " ")
            line.append((shown.replace("\xa0", " "), piece.start(), piece.end()))
        if not "".join(shown for shown, _, _ in line).strip():
            continue
        for shown, start, end in line:
            built.shown(shown, start, end)
        built.own("\n")
    return built.reading()


#: An enhanced LRC (karaoke) line: its time, then its words, each after the time it starts
#: at ("[00:23.16]C: <00:23.16>Area <00:23.65>code <00:24.04>312, <00:24.34>then").
_LRC_LINE = re.compile(r"^[ \t]*\[\d{1,3}:\d\d(?:[.:]\d{1,3})?\](?P<said>[^\n]*?)[ \t]*\r?$", re.M)
#: A word's time inside a line, with the blank after it.
_LRC_WORD_TIME = re.compile(r"<\d{1,3}:\d\d(?:[.:]\d{1,3})?>[ \t]*")
#: The fewest lines with word times that make a text an enhanced LRC.
_LRC_LINES_MIN = 3


def lrc_reading(text: str) -> Reading | None:
    """The lines of an enhanced LRC file, as they show with their words' times left out (a
    speaker's label, "C: ", is kept: the lines read as a transcript); None where fewer than
    `_LRC_LINES_MIN` lines hold word times. Read as written, each time breaks a number said
    over words ("<00:38.50>six <00:38.75>sixty <00:39.20>six") into words apart."""
    lines = [m for m in _LRC_LINE.finditer(text) if "<" in m.group("said")]
    if len(lines) < _LRC_LINES_MIN:
        return None
    built = ReadingBuilder()
    for line in lines:
        start, end = line.span("said")
        at = start
        for time in _LRC_WORD_TIME.finditer(text, start, end):
            built.copied(text, at, time.start())
            at = time.end()
        built.copied(text, at, end)
        built.own("\n")
    return built.reading()
