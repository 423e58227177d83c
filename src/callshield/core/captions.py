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


#: A line of a transcript in conversation analysts' (Jefferson's) notation: its number, the
#: speaker's label on a turn's first line ("  6  CLR:   Bennett. b e (0.9) as in"), blanks
#: before what a turn's next lines say ("  7         in nancy e t t.").
_CA_LINE = re.compile(
    # (and a certified transcript's, numbered as a court reporter numbers its lines: "13
    # THE CALLER: one double one one", the next line "14    eleven")
    r"^[ \t]{0,6}\d{1,5}[ \t]+(?:(?P<who>(?:THE[ \t]+)?[A-Za-z][\w]{0,11}):[ \t]+)?"
    r"(?P<said>\S[^\n]*?)[ \t]*\r?$",
    re.M,
)
#: The notation's marks inside what is said, no part of it: pauses ("(0.9)", "(.)"), breaths
#: (".hhh", "hh"), overlaps and latches ("[", "]", "="), soft talk ("°Mm-hm.°").
_CA_MARK = re.compile(r"[ \t]*(?:\(\d*\.\d*\)|\(\.\)|\.?\bh{2,}\b|[\[\]=°])[ \t]*")
#: The fewest labelled lines that make a text such a transcript.
_CA_TURNS_MIN = 3


def jefferson_reading(text: str) -> Reading | None:
    """A transcript in Jefferson's notation read as a labelled one, a turn a line (its lines
    joined, their numbers and the notation's marks left out: "seven one nine (0.9) three five"
    is the ZIP said in one breath); None where fewer than `_CA_TURNS_MIN` numbered lines open
    with a speaker's label."""
    lines = list(_CA_LINE.finditer(text))
    if sum(1 for line in lines if line.group("who")) < _CA_TURNS_MIN:
        return None
    built = ReadingBuilder()
    started = False
    for line in lines:
        if line.group("who"):
            if started:
                built.own("\n")
            built.copied(text, line.start("who"), line.end("who"))
            built.own(": ")
            started = True
        elif not started:
            continue
        else:
            built.own(" ")
        at, end = line.span("said")
        for mark in _CA_MARK.finditer(text, at, end):
            built.copied(text, at, mark.start())
            if mark.start() > at and mark.end() < end:
                built.own(" ")
            at = mark.end()
        built.copied(text, at, end)
    return built.reading()
