"""A speech-to-text transcript with its transcriber's markup, read without it, with a map back.

Transcripts made for speech research and by some speech-to-text engines mark what is not a
word between the words: "[noise]", "[lipsmack]", "[laughter]", "[mn]" (LDC's Fisher and
Switchboard), "<hes>", "<unk>", "{laugh}" (NIST's and engines' disfluency tags), "((five
seven))" (a stretch the transcriber was unsure of). They stand inside values as often as
between them: "december eighteenth nineteen [laughter] ninety-five", "six ((five seven)) six
williams shoals", "oh zero oh [lipsmack] five". `markup_reading` reads such a text as said: each
mark left out, a blank where it stood between two words. The pipeline scans the reading and
maps what it finds back (`json_transcripts.Reading`: a value read across a mark covers the
mark too).

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: The tags of what is not a word: in square, angle or curly brackets; an unsure stretch's
#: double brackets; a hesitation written with a percent sign.
_TAGS = (
    "noise|laughter|laugh|laughing|lipsmack|lip_smack|mn|cough|breath|breathing|sigh|sil"
    "|silence|static|crosstalk|inaudible|unintelligible|vocalized-noise|hes|hesitation|unk"
    "|sneeze|click|throat_clear|background|overlap|um|uh"
)
_MARK = re.compile(
    rf"[ \t]*(?:[\[<{{](?:{_TAGS})[\]>}}]|\(\([ \t]*\)\)|\(\(|\)\)"
    rf"|(?<![\w%])%(?:hes|hesitation|uh|um|ah|er|eh|mm|hm|oh)\b"
    # (Switchboard's: a disfluency's braces, "{F Well, }", an event, "<<silence>>", and the
    # slash that ends a line's utterance, " /", " -/")
    r"|\{[FDCEA][ \t]|(?<=[\w,.?!])[ \t]+\}|<<[a-z ]{1,20}>>|[ \t]-?/[ \t]*(?=\r?\n|\Z))[ \t]*",
    re.IGNORECASE,
)
#: A speaker's label as NIST's tools write it, at a line's start: "<spk B> ...", or after a
#: line's start and end times as LDC's do: "23.53 26.36 B: ...", or after a dialog act's tag,
#: as Switchboard's: "sd   B.18 utt1: ...", read "B: ...".
_SPEAKER_TAG = re.compile(
    r"^(?:<spk[ _]?(?P<who>[A-Za-z0-9]{1,12})>"
    r"|\d{1,6}\.\d{1,3}[ \t]+\d{1,6}\.\d{1,3}[ \t]+(?P<timed>[A-Za-z][A-Za-z0-9]{0,11}):"
    # (Switchboard's dialog acts: "sd          B.18 utt1: ...")
    r"|[^\s]{1,12}[ \t]+(?P<act>[A-Z])\.\d+[ \t]+utt\d+:)[ \t]*",
    re.MULTILINE,
)
#: The fewest marks that make a text such a transcript (a chat's one "[laughs]" is none).
MIN_MARKS = 4


def markup_reading(text: str) -> Reading | None:
    """`text` without its transcriber's marks, or None where it has fewer than `MIN_MARKS`."""
    marks = list(_MARK.finditer(text))
    if len(marks) < MIN_MARKS:
        return None
    labels = list(_SPEAKER_TAG.finditer(text))
    pieces = sorted(
        [
            (m.start(), m.end(), (m.group("who") or m.group("timed") or m.group("act")) + ": ")
            for m in labels
        ]
        + [(m.start(), m.end(), "") for m in marks]
    )
    built = ReadingBuilder()
    at = labelled = 0
    for start, end, label in pieces:
        if end <= at:
            continue
        start = max(start, at)  # (a mark's blanks after a label's)
        built.copied(text, at, start)
        if label:
            built.own(label)
            labelled = end
        else:
            between = (
                start not in (0, labelled)
                and end < len(text)
                and text[start - 1] != "\n"
                and text[end] != "\n"
            )
            built.shown(" " if between else "", start, end)
        at = end
    built.copied(text, at, len(text))
    return built.reading()


def is_mark(piece: str) -> bool:
    """Whether `piece` is one transcriber's mark (with the blanks around it)."""
    return _MARK.fullmatch(piece) is not None
