"""A speech-to-text word list read as a call: Kaldi's CTM ("time-marked conversation") lines,
a word a line after its recording's name, its channel, its start and its duration, a
confidence perhaps after it:

    call_106206 A 2.28 0.34 northstar 0.79
    call_106206 B 8.78 0.38 hi 0.62

or a word first, as other recognisers' exports write it ("sarah 8.50 8.95 0.85 spk1").

A value said over several words ("five zero three ...") is as many lines, none of which looks
like anything alone; read as a transcript, a turn a line where the channel changes ("A: ...
B: ..."), the words are one value again, and each line's word is redacted. Pure: a string in,
a reading out.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, Region, speaker_label

#: One CTM line: the recording, the channel, the start and the duration (seconds), the word
#: (group "w"), a confidence perhaps.
_LINE = re.compile(
    r"^[ \t]*\S+[ \t]+(?P<ch>\S+)[ \t]+\d+(?:\.\d+)?[ \t]+\d+(?:\.\d+)?[ \t]+(?P<w>\S+)"
    r"(?:[ \t]+\d*\.?\d+)?[ \t]*\r?$",
    re.MULTILINE,
)
#: Or the word first, its times and confidence after it, its speaker last, as other
#: recognisers' exports write them: "sarah 8.50 8.95 0.85 spk1".
_WORD_FIRST = re.compile(
    r"^[ \t]*(?P<w>[^\s\d.][^\s]*)[ \t]+\d+(?:\.\d+)?[ \t]+\d+(?:\.\d+)?(?:[ \t]+\d*\.?\d+)?"
    r"(?:[ \t]+(?P<ch>[^\s\d.][^\s]*))?[ \t]*\r?$",
    re.MULTILINE,
)
#: The fewest word lines that make a text a CTM, and the share of its lines (not blank, not
#: a ";;" comment) they must be.
MIN_WORDS = 8
MIN_SHARE = 0.9


def ctm_reading(text: str) -> Reading | None:
    """The transcript a CTM word list holds, or None when `text` is no such list."""
    if text.count("\n") < MIN_WORDS:
        return None
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith(";;")
    ]
    need = max(MIN_WORDS, MIN_SHARE * len(lines))
    if not _may_be_words(lines, len(lines) - need):
        return None
    words = list(_WORD_FIRST.finditer(text))
    if len(words) < need:
        words = list(_LINE.finditer(text))
        if len(words) < need:
            return None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0
    channel: str | None = None
    for match in words:
        word = match.group("w")
        if (match.group("ch") or "") == channel:
            lead = " "
        else:
            channel = match.group("ch") or ""
            lead = ("\n" if parts else "") + speaker_label(channel)
        at += len(lead)
        regions.append(Region(at, len(word), match.start("w"), len(word)))
        parts += (lead, word)
        at += len(word)
    return Reading("".join(parts), tuple(regions))


def _may_be_words(lines: list[str], spare: float) -> bool:
    """Whether the lines can be a word list's: a cheap test before the whole text is read,
    line by line, that stops once more than `spare` lines are words of neither form (a mail
    of forty lines is given up after its fifth, not read to its end twice)."""
    misses = 0
    for line in lines:
        if _WORD_FIRST.match(line) is None and _LINE.match(line) is None:
            misses += 1
            if misses > spare:
                return False
    return True
