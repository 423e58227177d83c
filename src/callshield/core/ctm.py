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

from callshield.core.detection import spoken_words as w
from callshield.core.detection.spoken_tokens import is_number_word
from callshield.core.json_transcripts import Reading, ReadingBuilder, Region, speaker_label

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


#: An HTK master label file (MLF): "#!MLF!#", then each utterance's label file by name (the
#: speaker a part of it: '"*/cc84724_B_004.lab"'), its words a line each after their start
#: and end times (a score perhaps after), a "." closing it.
MLF_HEADER = "#!MLF!#"
_MLF_FILE = re.compile(
    r'^"(?:\*/)?[^"\n]*?[_\-](?P<ch>[A-Za-z]{1,8}|spk_?\d{1,2})[_\-]\d+\.(?:lab|rec)"[ \t]*\r?$',
    re.MULTILINE,
)
_MLF_WORD = re.compile(r"^[ \t]*\d+[ \t]+\d+[ \t]+(?P<w>\S+)(?:[ \t]+-?[\d.]+)?[ \t]*\r?$", re.M)


def mlf_reading(text: str) -> Reading | None:
    """The transcript an HTK MLF holds, an utterance a line after its speaker's label, or
    None when `text` is no MLF or names no speakers in its files' names."""
    if MLF_HEADER not in text:
        return None
    files = list(_MLF_FILE.finditer(text))
    if len(files) < 2:
        return None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0
    for k, head in enumerate(files):
        stop = files[k + 1].start() if k + 1 < len(files) else len(text)
        lead = ("\n" if parts else "") + speaker_label(head.group("ch"))
        for n, word in enumerate(_MLF_WORD.finditer(text, head.end(), stop)):
            shown = lead if n == 0 else " "
            at += len(shown)
            regions.append(Region(at, len(word.group("w")), word.start("w"), len(word.group("w"))))
            parts += (shown, word.group("w"))
            at += len(word.group("w"))
    return Reading("".join(parts), tuple(regions)) if regions else None


#: A Kaldi lattice in text form (`lattice-copy --write-compact=true ... ark,t:-`, its word
#: IDs made words by `int2sym.pl`): an utterance's ID alone on a line, then its arcs a line
#: each, the state it leaves, the state it reaches, the word, the weights ("graph,acoustic,"
#: and the transition IDs perhaps after the second comma), then the final state:
#:
#:     cc50183-B-001961-002138
#:     0	1	this	8.794,3237.18,
#:     1	2	is	1.394,304.43,
#:     2	3	for	7.638,1271.16,
#:     2	3	four	12.826,1197.12,
#:     3	0.371,0,
#:
#: (A lattice without `--write-compact` puts a transition ID before the word, and no
#: transition IDs after its weights: "0 1 4027 the 3.1,0"; one whose words are still their
#: IDs shows none.) Arcs between the same two states are the recogniser's alternatives ("for" or
#: "four"): one is read (`_preference`), and each is redacted with it.
_LATTICE_ARC = re.compile(
    r"^(?P<src>\d+)[ \t]+(?P<dst>\d+)[ \t]+(?:\d+[ \t]+)?(?P<w>\S+)[ \t]+"
    r"(?P<g>-?\d+(?:\.\d+)?(?:e-?\d+)?),(?P<a>-?\d+(?:\.\d+)?(?:e-?\d+)?)(?:,\S*)?[ \t]*\r?$",
    re.MULTILINE,
)
#: A final state ("3	0.371,0,", or "3" alone) and an utterance's ID: the lattice's other lines.
_LATTICE_FINAL = re.compile(r"^\d+(?:[ \t]+-?[\d.e\-]+,-?[\d.e\-]+(?:,\S*)?)?[ \t]*\r?$")
_LATTICE_KEY = re.compile(r"^(?P<key>[^\s#]\S*)[ \t]*\r?$")
#: The speaker's part of a Kaldi utterance ID: "cc50183-B-001961-002138" is channel B's.
_LATTICE_SPEAKER = re.compile(r"[\-_](?P<ch>[A-Za-z]{1,8}|spk_?\d{1,2})[\-_]\d+")
#: Symbols that are no word said: silence, noise, the empty word.
_NOT_SAID = frozenset({"<eps>", "<unk>", "!sil", "<sil>", "sil", "[noise]", "[laughter]"})


def lattice_reading(text: str) -> Reading | None:
    """The call a Kaldi text lattice holds, an utterance a line after its speaker's label,
    each arc's word mapped back (the alternatives between two states to the place of the one
    shown, `_preference`), or None when `text` is no such lattice (fewer than `MIN_WORDS`
    arcs, or arcs, utterance IDs and final states less than `MIN_SHARE` of its lines that
    are not "#")."""
    first = _LATTICE_ARC.search(text)
    if first is None:
        return None
    lines = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    arcs = list(_LATTICE_ARC.finditer(text, first.start()))
    others = sum(
        1
        for line in lines
        if _LATTICE_FINAL.match(line) is not None or _LATTICE_KEY.match(line) is not None
    )
    if len(arcs) < MIN_WORDS or len(arcs) + others < MIN_SHARE * len(lines):
        return None
    builder = ReadingBuilder()
    at = 0  # where the text not yet read begins
    lead = ""
    alternatives: dict[tuple[str, str], list[re.Match[str]]] = {}
    for arc in arcs:
        # (the utterance IDs before this arc: a new turn, its speaker's)
        for line in text[at : arc.start()].splitlines():
            line = line.strip()
            key = _LATTICE_KEY.match(line)
            if key is not None and _LATTICE_FINAL.match(line) is None:
                _said(builder, alternatives)
                who = _LATTICE_SPEAKER.search(key.group("key"))
                lead = ("\n" if builder.regions else "") + speaker_label(
                    who.group("ch") if who else key.group("key")
                )
        at = arc.end()
        alternatives.setdefault((arc.group("src"), arc.group("dst")), []).append(arc)
        if len(alternatives) == 1 and lead:
            builder.own(lead)
            lead = ""
    _said(builder, alternatives)
    return builder.reading()


def _said(builder: ReadingBuilder, arcs: dict[tuple[str, str], list[re.Match[str]]]) -> None:
    """The utterance's words, its arcs between each two states in the order they came: one
    shown (`_preference`), the others mapped to where it stands."""
    for between in arcs.values():
        said = [
            arc
            for arc in between
            if arc.group("w").lower() not in _NOT_SAID and not arc.group("w").isdigit()
        ]
        if not said:
            continue
        best = min(said, key=_preference)
        if builder.parts and not builder.parts[-1].endswith((" ", "\n")):
            builder.own(" ")
        word = best.group("w")
        at = builder.at
        builder.shown(word, *best.span("w"))
        for other in said:
            if other is not best:
                # (an alternative: where the word shown stands, so redacted with it)
                builder.regions.append(
                    Region(at, len(word), other.start("w"), len(other.group("w")))
                )
    arcs.clear()


def _preference(arc: re.Match[str]) -> tuple[bool, float]:
    """Which alternative a lattice's reading shows: a number's word before the words it
    sounds like (a value said in digits is then read whole: "six zero double one", not
    "sex zero dabble won"; the other words stay mapped to it), then the likeliest (least
    cost, graph and acoustic)."""
    word = arc.group("w").lower()
    cost = float(arc.group("g")) + float(arc.group("a"))
    return not is_number_word(word) or word in w.HOMOPHONES, cost


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


#: An icefall (k2) recogs file's line: an utterance's ID, then its reference's or its
#: hypothesis's words as a Python list ("debt-5676-cus-004:\thyp=['NINE', 'THREE', ...]").
_RECOGS_LINE = re.compile(
    r"^[ \t]*(?P<id>[^\s:]+):[ \t]*(?P<kind>ref|hyp)=\[(?P<words>[^\n]*)\][ \t]*\r?$", re.M
)
_RECOGS_WORD = re.compile(r"'((?:[^'\\\n]|\\.)*)'|\"((?:[^\"\\\n]|\\.)*)\"")
#: The speaker's part of an utterance's ID: "debt-5676-agt-000" is the agent's ("agt").
_RECOGS_SPEAKER = re.compile(r"[\-_.]([A-Za-z]{1,12})[\-_.]\d+\Z")


def recogs_reading(text: str) -> Reading | None:
    """The call an icefall recogs file holds: its references' lines as a transcript, a turn a
    line after the speaker its utterance's ID names, then its hypotheses' (the same call as
    recognised, read on its own: a value said in both is found in both); None when fewer
    than `MIN_RECOGS` such lines make up most of the text."""
    lines = list(_RECOGS_LINE.finditer(text))
    if len(lines) < MIN_RECOGS or 2 * len(lines) < sum(1 for x in text.splitlines() if x.strip()):
        return None
    parts: list[str] = []
    regions: list[Region] = []
    at = 0
    for kind in ("ref", "hyp"):
        if parts:
            parts.append("\n\n")
            at += 2
        first = True
        for line in lines:
            if line.group("kind") != kind:
                continue
            ident = line.group("id")
            who = _RECOGS_SPEAKER.search(ident)
            lead = ("" if first else "\n") + speaker_label(who.group(1) if who else ident)
            first = False
            for word in _RECOGS_WORD.finditer(text, line.start("words"), line.end("words")):
                group = 1 if word.group(1) is not None else 2
                start, end = word.span(group)
                if end == start:
                    continue
                at += len(lead)
                parts.append(lead)
                regions.append(Region(at, end - start, start, end - start))
                parts.append(text[start:end])
                at += end - start
                lead = " "
    return Reading("".join(parts), tuple(regions)) if regions else None


#: The fewest recogs lines that make a text an icefall recogs file.
MIN_RECOGS = 4
