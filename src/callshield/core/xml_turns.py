"""A call kept as XML, an element a turn with its speaker in an attribute, read as a
labelled transcript with a map back.

Transcription tools write a call as XML: Transcriber's `<Turn speaker="spk2">` (its lines
between `<Sync time="..."/>` marks), TEI's `<u who="#CLR">`, EXMARaLDA's tiers of one speaker
each (`<tier speaker="SPK1">`, its `<event start="T5">`s placed on a common timeline). Read as
XML text, a turn's words are broken by the tags between them and no answer follows its
question; read as "speaker: words" lines, in the order they were said, the call is read as
one. A speaker's name kept in the speakers' table (`<Speaker id="spk1" name="Salma Vela">`)
is read as a line of its own, "speaker name: Salma Vela".

Pure: a string in, a reading out (`json_transcripts.Reading`).
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder, speaker_label

#: An element with its speaker in an attribute, and what it holds up to its end tag.
_TURN = re.compile(
    r"<(?P<tag>[A-Za-z][\w:.\-]{0,30})(?=[^<>]*?\b(?:speaker|who|spk)=\")"
    r"[^<>]*?\b(?:speaker|who|spk)=\"(?P<who>[^\"<>]{0,60})\"[^<>]*(?<!/)>"
    r"(?P<body>.*?)</(?P=tag)\s*>",
    re.DOTALL,
)
#: An event of a tier on a common timeline: `<event start="T5" end="T6">...</event>`.
_EVENT = re.compile(r"<event\b[^<>]*?\bstart=\"T(?P<at>\d+)\"[^<>]*>(?P<body>.*?)</event\s*>", re.S)
#: A tag inside a turn, and the text between tags.
_TAG = re.compile(r"<[^<>]*>")
#: A speaker's name in a speakers' table: `<Speaker id="spk1" name="Salma Vela" .../>`.
_SPEAKER_NAME = re.compile(r"<[Ss]peaker\b[^<>]*?\bname=\"(?P<name>[^\"<>]{1,80})\"")
#: The fewest turns that make a call.
_MIN_TURNS = 3


def xml_turn_reading(text: str) -> Reading | None:
    """The call an XML document holds as elements with a speaker attribute, a turn a line in
    the order said ("spk2: it's um charles carter"); None when it holds fewer than three."""
    turns: list[tuple[float, int, str, int, int]] = []  # (order, n, speaker, start, end)
    for n, match in enumerate(_TURN.finditer(text)):
        start, end = match.span("body")
        who = match.group("who").lstrip("#")
        events = list(_EVENT.finditer(text, start, end))
        if events:
            # (a tier: its events, each placed by its start on the common timeline)
            turns += [(float(e.group("at")), n, who, *e.span("body")) for e in events]
        elif _TAG.sub("", match.group("body")).strip():
            turns.append((float(n), n, who, start, end))
    if len(turns) < _MIN_TURNS:
        return None
    turns.sort()
    built = ReadingBuilder()
    for name in _SPEAKER_NAME.finditer(text):
        built.own("speaker name: ")
        built.copied(text, *name.span("name"))
        built.own("\n")
    for k, (_order, _n, who, start, end) in enumerate(turns):
        if k:
            built.own("\n")
        built.own(speaker_label(who))
        at, first = start, True
        for tag in _TAG.finditer(text, start, end):
            first = _words(built, text, at, tag.start(), first)
            at = tag.end()
        _words(built, text, at, end, first)
    return built.reading()


def _words(built: ReadingBuilder, text: str, start: int, end: int, first: bool) -> bool:
    """The words [start, end) of a turn, its line breaks read as blanks, after a blank but
    for the turn's first; whether the turn's words are still to come."""
    chunk = text[start:end]
    if not chunk.strip():
        return first
    lead = len(chunk) - len(chunk.lstrip())
    if not first:
        built.own(" ")
    built.shown(chunk[lead:].replace("\r", " ").replace("\n", " "), start + lead, end)
    return False
