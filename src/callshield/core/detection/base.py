"""The detector contract and the small helpers every detector shares.

A detector is data plus a small hook: trigger patterns for the shared multi-pattern database,
and `confirm`, which turns the end offsets of its triggers into exact, validated candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from callshield.core.detection.caseless import Caseless
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EntityType


@dataclass(frozen=True, slots=True)
class Candidate:
    """A confirmed value before fingerprinting. `value` is the normalised value; it never
    leaves the core (the engine turns it into a keyed fingerprint) and is kept out of repr."""

    entity: EntityType
    start: int
    end: int
    score: float
    reasons: tuple[str, ...]
    value: str

    def __repr__(self) -> str:
        return (
            f"Candidate({self.entity.name}, [{self.start}, {self.end}), "
            f"score={self.score:.2f}, reasons={self.reasons!r})"
        )


class Detector(Protocol):
    """What the engine needs from a detector."""

    @property
    def name(self) -> str: ...

    @property
    def entities(self) -> frozenset[EntityType]: ...

    @property
    def triggers(self) -> tuple[Trigger, ...]: ...

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        """`hits[i]` holds the sorted end offsets of `self.triggers[i]` in `text`."""
        ...


def windows(ends: Sequence[int], back: int, ahead: int, size: int) -> Iterator[tuple[int, int]]:
    """Merge bounded windows [end - back, end + ahead) around sorted end offsets."""
    lo = hi = -1
    for end in ends:
        start, stop = max(0, end - back), min(size, end + ahead)
        if start <= hi:
            hi = max(hi, stop)
            continue
        if hi >= 0:
            yield lo, hi
        lo, hi = start, stop
    if hi >= 0:
        yield lo, hi


#: One shared trigger for every detector of digit runs (cards, SSNs, routing numbers, phones):
#: a run of 7 or more digits with short separators (or an ellipsis between blanks, as
#: speech-to-text writes a pause: "206 555 ... 9929", "555... 0141"). Shared triggers are
#: compiled once.
#: It ends on the character after the run, so a long run is reported once, not per group.
NUMBER_RUN = Trigger(
    r"\d(?:(?:[ \t.\-]{0,4}|, | \.\.\. )\d){6,}(?:[^\d \t.\-]|[ \t.\-](?:[^\d]|$)|$)",
    max_len=60,
    caseless=False,
)

#: Two capitals and two digits ("GB82", "CA 93", "CA, 93"): where an IBAN starts, and where a
#: state's code is followed by its ZIP. The lowercase form (spoken IBANs, normalised) starts at the
#: country's second letter: `\b[a-z]{2}` before digits cost the whole database a tenth of its
#: speed (lowercase letter pairs are everywhere); the exact patterns check the start.
CAPS_THEN_DIGITS = Trigger(
    r"\b[A-Z]{2},? ?\d{2}|[a-z]\d{2}[ \-]?[a-z0-9]{4}", max_len=10, caseless=False
)

#: The shared trigger of everything around an e-mail address: a character, "@", a character.
AT_SIGN = Trigger(r"[^\s@]@[^\s@.]", max_len=3, caseless=False)

#: A letter of any alphabet ("José", "Zoë", "Şensoy"): words of names and answers are read in
#: Unicode, so a value is never cut at its first accented letter and the rest left in clear.
LETTER = r"[^\W\d_]"
#: A word: runs of letters joined by one apostrophe or hyphen ("o'brien", "mary-kate",
#: "garcía"). (Twice as fast in `re` as one letter or sign at a time.)
WORD = rf"{LETTER}+(?:['\-]{LETTER}+)*['\-]?"

#: Characters a number run is made of: a window never starts inside such a run.
NUMBER_RUN_CHARS = "0123456789 \t.-()+/"


def matches_near(
    regex: re.Pattern[str] | Caseless,
    text: str,
    ends: Sequence[int],
    back: int,
    ahead: int = 8,
    run_chars: str = NUMBER_RUN_CHARS,
) -> list[re.Match[str]]:
    """Exact matches of `regex` inside the windows around trigger ends, each reported once,
    in order. A window's start is moved back to the start of any run of `run_chars` it falls
    in, so a match never starts in the middle of a longer number, and a long run of numbers
    (which the number-run trigger reports once, at its end) is confirmed from its first digit.

    A list, not a generator of generators: this runs for every trigger hit of half the
    detectors, and the generator per window cost more than the searches."""
    found: list[re.Match[str]] = []
    searched = -1  # the end of the last window searched
    for lo, hi in windows(ends, back, ahead, len(text)):
        searched = _search_window(regex, text, lo, hi, run_chars, found, searched)
    return found


def _search_window(
    regex: re.Pattern[str] | Caseless,
    text: str,
    lo: int,
    hi: int,
    run_chars: str,
    found: list[re.Match[str]],
    searched: int,
) -> int:
    """Add the matches in [lo, hi) to `found`, less those already there; returns `hi`."""
    if lo and text[lo - 1] in run_chars:
        lo = _run_start(text, lo, run_chars)
    if lo > searched:  # nothing searched so far reaches this window: no match can repeat
        found.extend(regex.finditer(text, lo, hi))
        return hi
    # moved back into the previous window (a run of numbers): drop the matches seen there
    seen = {match.span() for match in found}
    found.extend(m for m in regex.finditer(text, lo, hi) if m.span() not in seen)
    return hi


def _run_start(text: str, pos: int, run_chars: str) -> int:
    """The start of the run of `run_chars` that ends at `pos` (linear, at C speed)."""
    step = 256
    while pos > 0:
        floor = max(0, pos - step)
        kept = text[floor:pos].rstrip(run_chars)
        if kept or floor == 0:
            return floor + len(kept)
        pos, step = floor, step * 2
    return pos


def only_digits(value: str) -> str:
    if value.isascii():  # the usual case, at C speed (in ASCII only 0-9 are digits)
        return _NOT_ASCII_DIGIT.sub("", value)
    return "".join(ch for ch in value if ch.isdigit())


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]+")


def cap(score: float) -> float:
    return max(0.0, min(0.99, score))


_WORD = re.compile(r"[\w']+")
#: Words said between a question (or a cue) and the value that say nothing: hesitations,
#: hold phrases, speakers' labels ("yeah sure um let me see it's 536...", "okay hold on one
#: second it's ..."). They do not count against how far a cue reaches.
GAP_FILLERS = frozenset(
    """uh um umm uhm er erm ah hmm mm oh yeah yes yep yup sure okay ok so well alright let me
    see think check hold on one sec second moment just customer caller agent""".split()
)


#: What a caller says while finding a value, before it: "hold on", "one sec", "let me grab
#: it", "let me see".
HOLD_PHRASES = (
    r"one[ \t]+sec|hold[ \t]+on"
    # (and what is found: "let me grab it", "let me check that")
    r"|let[ \t]+me[ \t]+(?:grab|check|see|find|think)(?:[ \t]+(?:it|that))?"
)


#: What opens an answer's line before the value: a speaker's label, then a filler or a few
#: ("customer: uh", "caller: okay so", "B: well it's").
LABEL_AND_FILLERS = (
    r"[ \t]*(?:[A-Za-z][\w .'\-]{0,30}:[ \t]*)?"
    r"(?:(?:uh|um|uhm|so|okay|ok|yeah|yes|sure|well|it's|its|it[ \t]+is|like|you[ \t]+know)"
    r"[ \t,.]+){0,3}"
)


def said_words(words: Iterable[str]) -> list[str]:
    """`words` without the fillers (`GAP_FILLERS`) among them."""
    return [word for word in words if word.lower() not in GAP_FILLERS]


#: A numbered speaker's label or a timestamp at the start of a line, as speech-to-text writes
#: them ("Speaker 2:", "spk_1:", "SPEAKER_01:", "[00:01:23]", "00:01:23 Speaker 1:"): their
#: digits are no part of what the speaker says ("spk_1: five three six ..." was read as a
#: ten-digit number, and the SSN in it left in clear).
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:[ ]?[AaPp]\.?[Mm]\.?)?"
#: A request not to give a card's data: "Please do not send your full card number by email",
#: "don't share card numbers here" (a pattern, caseless where it is used). What follows it is
#: no answer to a question for the card, and its "card" is no cue of a card's number.
FORBIDS_CARD = (
    r"\b(?:do\s+not|don'?t|never|no\s+need\s+to)\s+(?:\w+\s+){0,3}?"
    r"(?:your\s+|the\s+|a\s+|any\s+)?(?:full\s+|whole\s+|complete\s+)?"
    r"(?:credit\s+|debit\s+)?card(?:\s+numbers?)?"
)
#: A numbered speaker or a recording's channel ("spk_1", "Speaker 2", "ch1").
#: An empty element inside an utterance, a transcript's mark of a pause or a sound
#: ('<pause dur="PT1.4S"/>', TEI's `<vocal/>`): no words, and none of its digits a value's.
EMPTY_ELEMENT = r"<[A-Za-z][^<>\n]{0,120}/>"
CHANNEL = r"(?:speaker|spkr|spk|channel|ch|s)[ _\-]?\d{1,2}"
#: A stereo recogniser's confidence and time after its channel, then a bar: " 0.46 0006.19 |".
CONFIDENCE_BAR = r"(?:[ \t]+\d+(?:\.\d+)?){1,4}[ \t]*\|"
#: A call monitor's speaker label: a role's abbreviation in capitals, then two blanks or a tab
#: ("AGT  may i have your name" / "CUS  berg, connie berg"); the role is group "speaker".
ROLE_ABBREVIATION_LABEL = (
    r"(?P<speaker>AGT|AGNT|CUS|CUST|CSR|REP|CLR|CALLER|AGENT|CUSTOMER)(?:[ \t]{2,}|\t)"
)
#: A recogniser's raw hypothesis line, its fields before what was said: the call, the channel
#: (the speaker), the start and the end ("342623 ch1 0015.41 0018.69 it's niner niner ...").
HYPOTHESIS_FIELDS = (
    r"^[ \t]*[\w.\-]{1,40}[ \t]+(?P<speaker>(?:ch|channel|spk|speaker)_?\d{1,2}|[AB])[ \t]+"
    r"\d+\.\d+[ \t]+\d+\.\d+"
)
#: A diarizer's RTTM line, its fields before the text it aligned after a bar ("SPEAKER call_1
#: 1 0.436 4.215 <NA> <NA> SPEAKER_00 <NA> <NA> | good afternoon ...").
RTTM_FIELDS = (
    r"^[ \t]*SPEAKER[ \t]+\S+[ \t]+\S+[ \t]+[\d.]+[ \t]+[\d.]+[ \t]+\S+[ \t]+\S+[ \t]+"
    r"(?P<speaker>[A-Za-z][\w.\-]{0,30})[ \t]+\S+[ \t]+\S+[ \t]*\|"
)
#: A role as an export's field writes it (a pipe-delimited export's, a data frame's column).
EXPORT_ROLE = (
    r"(?:agent|customer|caller|client|rep|representative|system|ivr|bot|speaker[ _]?\w{1,2}"
    r"|spk_?\d)"
)
#: A data frame's row printed aligned, up to the role: its index, start and end ("12   42.81
#: 45.23     agent  ...", pandas' `to_string()`).
FRAME_ROW_FIELDS = r"\d{1,6}(?:[ \t]+[\d.:\-]+){1,3}[ \t]{2,}"
#: The time a speaker's label writes after the name, before its colon: "Customer 00:28: ...".
TIME_AFTER_NAME = r"[ \t]+\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d{1,3})?"
NUMBERED_LABEL = re.compile(
    # a time stamp (a date before it too: "[2024-04-09 16:20:07]"), then a numbered speaker
    # (a log's ISO stamp too, in UTC: "2024-12-06T20:58:16.138Z dtmf.collect ...")
    # (or WhisperX's span in brackets, both times: "[09:51.517 --> 09:57.388] SPEAKER_01:";
    # a subtitle's timing line is the subtitle reader's, `turns.layout_turns`)
    # (a channel before it and an arrow between: "[ch1 00:00:01.225 → 00:00:07.310]")
    # (or an utterance's number, its speaker and its time: "#0023 B 00:01:41.9 ...")
    rf"^[ \t]*(?:#\d{{1,6}}[ \t]+[A-Za-z][\w.\-]{{0,19}}[ \t]+{_CLOCK}(?=[ \t])"
    rf"|(?:\[(?:(?:ch|channel)[ _]?\d{{1,2}}[ \t]+)?{_CLOCK}[ \t]*(?:-->|\u2192|->)"
    rf"[ \t]*{_CLOCK}\][ \t]*"
    # (a caption's time code, its frames after the seconds: "00:00:21:05")
    rf"|[\[(]?(?:\d{{4}}-\d{{2}}-\d{{2}}[ T])?{_CLOCK}(?:[:;]\d{{2}}(?=[ \t]*\r?$))?Z?[\])]?[ \t]*"
    # (or the seconds from the call's start, in brackets: "[0046.17] S2:")
    r"|\[\d{1,5}[.,]\d{1,3}\][ \t]*"
    # (or a recording's stream label and the time, SIPREC's: "[97 00:00:01.130] thank you")
    rf"|\[\d{{1,3}}[ \t]+{_CLOCK}\][ \t]*"
    # (or the speaker and the time in one pair of brackets: "[C 00:54] Hang on", "[IVR 00:11]")
    rf"|\[[A-Za-z][\w\-]{{0,11}}[ \t]+{_CLOCK}\][ \t]*)?"
    # (a channel's recogniser's confidence and time after it, then a bar: "ch1 0.46 0006.19 |")
    rf"(?:{CHANNEL}{CONFIDENCE_BAR}"
    # (a time in brackets after the speaker too: "Speaker 2 (00:00:18): ...")
    # (and a screen reader's "[Speaker 2 at 00:00:27]")
    # (or the time after it, as some exports write the label: "SPEAKER_01 0:42  Meu CPF é")
    rf"|\[?(?:speaker|spkr|spk|channel|ch|s)[ _\-]?\d{{1,2}}"
    rf"(?:[ \t]+at[ \t]+{_CLOCK}|[ \t]+{_CLOCK}(?=[ \t]))?"
    rf"\]?(?:[ \t]*\({_CLOCK}\))?[ \t]*:?"
    r"|(?<=[\])])|(?<=\d\d|\dZ)(?=[ \t])|(?<=[Mm.])(?=[ \t])"
    # (a time alone on its line, as chat exports write it under the writer's name)
    r"|(?<=\d\d)(?=[ \t]*\r?$)|(?<=[Mm.])(?=[ \t]*\r?$))"
    # or a speaker with the time after the name, as chat exports write it: "Customer (18:18):"
    # (a bracket before any colon on the line first: most lines have none, and fail here fast)
    rf"|(?=[^\n:(]{{1,60}}\()[A-Za-z][\w.'\-]*(?:[ \t]+[A-Za-z][\w.'\-]*){{0,2}}"
    rf"(?:[ \t]*\([A-Za-z][\w .'\-]{{0,20}}\))?"
    rf"[ \t]*\({_CLOCK}\)(?=[ \t]*:)"
    # or in brackets, with no colon after it: "Caller [00:00:58] Uh... one seven nine"
    rf"|(?=[^\n\[]{{1,40}}\[\d)(?P<n1>[A-Za-z][\w.'\-]*(?:[ \t]+[A-Za-z][\w.'\-]*){{0,2}})"
    rf"[ \t]*\[{_CLOCK}\](?=[ \t])"
    # or between dashes: "Caller - 0:33 - eight six zero nine", "Rep Jade - 0:29 - Please"
    rf"|(?=[^\n]{{1,40}}?[ \t][-\u2013][ \t]\d)"
    rf"(?P<n2>[A-Za-z][\w.'\-]*(?:[ \t]+[A-Za-z][\w.'\-]*){{0,2}})"
    rf"[ \t]+[-\u2013][ \t]+{_CLOCK}(?=[ \t]+[-\u2013][ \t])"
    # or a meeting transcript's speaker line, the time at its end ("Stephanie Myers   0:37",
    # "Ferguson, Beverly (County Services)   1:20"), what was said on the next line
    rf"|(?=[^\n]{{1,80}}?[ \t]{{2}}\d)"
    rf"(?P<n3>[A-Za-z][\w.,'\-]*(?:[ \t][A-Za-z(][\w.,'()&\-]*){{0,6}})"
    rf"[ \t]{{2,}}{_CLOCK}(?=[ \t]*\r?$)"
    # or a chat export's speaker line, the name in brackets and the time after it ("[Mary
    # Lamb] 10:51:28"), what was said on the next line
    rf"|(?=\[[^\]\n]{{1,60}}\][ \t]+\d)\[(?P<n4>[A-Za-z][^\]\n]{{0,58}})\][ \t]+{_CLOCK}"
    rf"(?=[ \t]*\r?$)"
    # or a pipe-delimited export's fields before the words: the call's ID, the turn's number,
    # the role, its start, length and confidence ("2203313759|8|CUSTOMER|36.7|1.5|0.97|")
    rf"|(?:[\d.:\-]+\|){{0,4}}{EXPORT_ROLE}\|(?:[\d.:\-]+\|){{1,5}}"
    # or a data frame's row printed aligned: its index, start and end, then the role ("12
    # 42.81   45.23     agent  just like to confirm ...", pandas' `to_string()`)
    rf"|{FRAME_ROW_FIELDS}{EXPORT_ROLE}[ \t]{{2,}}"
    # or a syslog line's header (RFC 5424: priority and version, time, host, app, process and
    # message IDs) and its structured data of short values, before a recogniser's utterance
    # ('<134>1 10:48:46.737Z asr-node-08 cct 29114 UTT [utt@32473 ch="1" seq="6"] dezső ...';
    # data with a long value, an ANI or a call's ID, is no label: its line is read as it is)
    r"|<\d{1,3}>\d{1,2}(?:[ \t]+[^ \t\n\[]+){5}[ \t]+"
    r"(?:-|\[[A-Za-z][\w.@\-]*(?:[ \t]+[\w.\-]+=\"[^\"\n]{0,6}\")*\])[ \t]+"
    # or a court reporter's line number and the question's or the answer's mark: "19      A.
    # Yes, 3744-3186." (the mark makes it a transcript's line, not a list's or a table's)
    r"|(?:\x0c[ \t]*)?\d{1,2}[ \t]{2,}(?-i:[QA])\.[ \t]+"
    # (and a page's number after a form feed, alone on its line)
    r"|\x0c[ \t]*\d{1,4}(?=[ \t]*\r?$))",
    re.IGNORECASE | re.MULTILINE,
)


#: What every `NUMBERED_LABEL` match holds: a digit (a time, a number) or a bar (an export's
#: fields).
_LABEL_HINT = re.compile(r"[\d|]")


def numbered_labels(text: str) -> Iterator[re.Match[str]]:
    """`NUMBERED_LABEL`'s matches in `text`, tried where a line starts only (its `^` has `re`
    try every position of the text: 13 against 1 us a 1 KB transcript), and only on a line
    with a digit or a bar in it (most lines of a chat or an e-mail have none: the big pattern
    is not tried there at all). A match stays in its line and is never empty, so these are the
    matches `finditer` finds."""
    pos = 0
    while (hint := _LABEL_HINT.search(text, pos)) is not None:
        at = hint.start()
        line = text.rfind("\n", pos, at) + 1 or pos  # (pos is a line's start itself)
        match = NUMBERED_LABEL.match(text, line)
        if match is not None:
            yield match
        pos = text.find("\n", at) + 1
        if pos == 0:
            return


def label_time_start(match: re.Match[str]) -> int:
    """Where a label's time starts after the speaker's name, for the labels that write one
    before it in brackets or between dashes; else the label's start."""
    for group in ("n1", "n2", "n3", "n4"):
        if match.group(group) is not None:
            return match.end(group)
    return match.start()


#: An utterance's number alone on its line, after a blank line and before a speaker's label
#: in brackets, as an export numbers its turns: "...?\n\n13\n[CALLER] sure, it's ...".
_UTTERANCE_NUMBER = re.compile(r"\n\r?\n[ \t]*(\d{1,5})[ \t]*(?=\r?\n[ \t]*\[[A-Za-z])")


def blank_numbered_labels(text: str) -> str:
    """`text` with each numbered speaker's label and line-start time stamp, and each
    utterance's number (`_UTTERANCE_NUMBER`), read as blanks (the same length)."""
    parts: list[str] = []
    done = 0
    for match in numbered_labels(text):
        # (a name before its time stays: "Rep Jade - 0:29 -", "Caller [00:00:58]")
        start = label_time_start(match)
        parts += (text[done:start], " " * (match.end() - start))
        done = match.end()
    text = "".join((*parts, text[done:])) if parts else text
    if "\n[" not in text:
        return text
    return _UTTERANCE_NUMBER.sub(
        lambda m: m.group()[: m.start(1) - m.start()] + " " * len(m.group(1)), text
    )


#: An HTML attribute's value (group 1): `value="Rajesh Patel"`.
VALUE_ATTRIBUTE = re.compile(r"\bvalue\s*=\s*[\"']([^\"'<>]{1,80})[\"']", re.IGNORECASE)


def tag_at(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the HTML or XML tag `pos` lies inside (`<input name="password" ...>`), if
    any: an attribute's name is no value, and a tag's words are no cue's."""
    lo = max(0, pos - 300)
    opened = text.rfind("<", lo, pos)
    if (
        opened < 0
        or text.rfind(">", lo, pos) > opened
        or not text[opened + 1 : opened + 2].isalpha()
    ):
        return None
    closed = text.find(">", pos, pos + 600)
    return (opened, closed + 1) if closed >= 0 else None


def says_number(text: str, lo: int = 0, hi: int | None = None) -> bool:
    """Whether a number is said in text[lo:hi], other than a time span ("the code is valid for
    10 min": no answer to the cue before it). (Numbered speakers' labels and time stamps,
    whose digits say none, are blanks already: the engine reads them so, `_ascii_forms`.)"""
    return _NUMBER_SAID.search(text, lo, len(text) if hi is None else hi) is not None


#: The units of a short time span ("10 min", "fifteen minutes", "an hour"), for patterns.
SHORT_TIME_UNITS = r"(?:min|mins|minutes?|hours?|hrs?|seconds?|secs?)"
#: A number that is no time span (no unit of time after it).
_NUMBER_SAID = re.compile(
    rf"\d+(?!\d|[ \t]*-?[ \t]*(?:{SHORT_TIME_UNITS}|days?|weeks?)\b)", re.IGNORECASE
)


def phrase_alternation(phrases: Iterable[str], space: str = r"\s+") -> str:
    r"""A regex matching any of `phrases` (whitespace between words matches `space`: any
    whitespace by default; triggers pass `prefilter.TRIGGER_SPACE`),
    written as a trie: "call", "call me", "callback" become `call(?:back|\s+me)?`.

    Python's `re` tries an alternation branch by branch at every position, so a flat list of
    40 phrases costs 40 attempts per character; the trie fails on the first character. The
    language is that of the flat alternation, and at any position the longest phrase that
    matches (and satisfies what follows) wins, as it did with the flat list sorted longest
    first: phrases matching at one position are prefixes of each other, on one trie path."""
    root: _TrieNode = {}
    for phrase in phrases:
        node = root
        for piece in _phrase_pieces(phrase, space):
            node = node.setdefault(piece, {})
        node[""] = {}
    return _trie_regex(root)


_TrieNode = dict[str, "_TrieNode"]


def _phrase_pieces(phrase: str, space: str) -> list[str]:
    pieces: list[str] = []
    for i, word in enumerate(phrase.split()):
        if i:
            pieces.append(space)
        pieces.extend(re.escape(ch) for ch in word)
    return pieces


def _trie_regex(node: _TrieNode) -> str:
    branches = [piece + _trie_regex(child) for piece, child in node.items() if piece]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


#: Chinese, Japanese and Korean characters (kana, ideographs, Hangul), as a class's body.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"


class Cues:
    """Context words for a detector, found before (or after) a candidate in a bounded window."""

    __slots__ = ("_regex",)

    def __init__(self, phrases: Iterable[str]) -> None:
        lowered = {p.lower() for p in phrases}
        body = phrase_alternation(lowered)
        # a first-character check before the look-behind lets `re` skip most positions fast
        heads = {p.split()[0][0] for p in lowered if p.strip()}
        guard = ""
        if heads and all(p.strip() for p in lowered):
            guard = "(?=[" + "".join(sorted({re.escape(c) for h in heads for c in (h, h.upper())}))
            guard += "])"
        # an underscore is no letter here: "user_ssn=078051120", "customer_dob" (log lines,
        # query strings, JSON keys) carry their cue too
        # (nor a Chinese, Japanese or Korean character: those scripts write no blank between
        # words, "您的电话号码是多少", "社安号后四位")
        self._regex = re.compile(
            rf"{guard}(?<![^\W_{CJK}])(?:{body})(?![^\W_{CJK}])", re.IGNORECASE
        )

    def before(
        self,
        text: str,
        start: int,
        max_words: int = 8,
        unanswered: bool = False,
        taken_back: bool = False,
    ) -> tuple[str, int] | None:
        """The nearest cue that ends at most `max_words` words before `start`. With
        `unanswered`, a cue already followed by a number ("social is 1120 ... (415) 555-0132")
        has had its answer and does not count; with `taken_back` too, unless that number was
        taken back ("478 -- ugh, no, 078-05-1120")."""
        lo = max(0, start - max_words * 12 - 40)
        best: re.Match[str] | None = None
        for match in self._regex.finditer(text, lo, start):
            best = match
        if best is None:
            return None
        words = said_words(_WORD.findall(text, best.end(), start))
        gap = len(words)
        if unanswered and says_number(text, best.end(), start):
            if not taken_back:
                return None
            # (the number taken back takes no room either)
            from callshield.core.detection.corrections import attempt_before

            attempt = attempt_before(text, start, best.end())
            if attempt is None or says_number(text, best.end(), attempt[0]):
                return None
            gap = len(said_words(_WORD.findall(text, best.end(), attempt[0])))
        if gap > max_words:
            return None
        if unanswered and names_previous(text, best.start()):
            return None  # "1514 for the social\n... order number 348128744": named already
        return " ".join(best.group().lower().split()), gap

    def after(self, text: str, end: int, max_chars: int = 40) -> str | None:
        match = self._regex.search(text, end, min(len(text), end + max_chars))
        return " ".join(match.group().lower().split()) if match else None


#: A number, then the words that link it to a cue right after them: "1514 for the social",
#: "9386 is the last four of my social".
_NAMES_PREVIOUS = re.compile(
    r"\d[ \t,]+(?:is|was|for|as)[ \t]+(?:my|the|your|his|her|our)[ \t]+(?:[a-z']+[ \t]+){0,4}\Z",
    re.IGNORECASE,
)


def names_previous(text: str, cue_start: int) -> bool:
    """Whether the cue starting at `cue_start` names the number said before it ("7731 is my
    pin"): such a cue has had its value, and the next number is not its answer."""
    return _NAMES_PREVIOUS.search(text, max(0, cue_start - 64), cue_start) is not None


def context_reason(found: tuple[str, int]) -> str:
    cue, gap = found
    return f"context '{cue}' {gap} words before"
