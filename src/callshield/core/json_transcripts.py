"""A speech-to-text vendor's JSON document read as a call: its words or its segments, each
with its speaker, rebuilt as a labelled transcript ("spk_0: thank you for calling ...") with a
map back to where each word lies in the JSON.

Vendors write a call in two ways, often both in one document:

- a word per item: AWS Transcribe's `results.items[]` (`alternatives[0].content`, the
  `speaker_label` beside it, punctuation as items of its own), Deepgram's `words[]` (`word`
  and `punctuated_word`, the same word twice, and `speaker`);
- a segment per item: Google's `results[].alternatives[0].transcript` with its `channelTag`,
  Whisper's `segments[].text`, and many exports' `{"speaker": ..., "text": ...}` arrays.

A value said over several words ("four eight oh triple five ...") is as many JSON strings,
none of which looks like anything alone; read as one transcript, the words are one value
again, and each word's string is redacted. The document's whole-call strings (AWS's
`transcripts[0].transcript`, Whisper's top `text`) are read by the engine as the text they
are; here only the finest level of the document is read, so no call is read twice.

Pure: a string in, a reading out. Strings with escapes (`\\"`, `\\u00e9`) are mapped as
wholes: a finding that touches one covers all of it.
"""

from __future__ import annotations

import bisect
import json
import json.scanner
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

#: Keys whose string is one word of a word-per-item document (Deepgram's `punctuated_word`
#: first: the same word as `word`, with its punctuation, which a sentence's cues read).
WORD_KEYS = ("punctuated_word", "word", "content")
#: Keys whose string is what was said in one segment (Amazon Connect's `Content`, Azure's
#: `display` and `lexical`, its number words; `itn` and `maskedITN` are read by the engine).
SEGMENT_KEYS = (
    "transcript", "text", "utterance", "message", "said", "caption", "Content", "display",
    "lexical", "requestUtterances", "responseUtterances", "utf8", "Transcript",
    "contentString",
)  # fmt: skip
#: Keys that say who spoke, in the object that holds the words or in one around it.
SPEAKER_KEYS = (
    "speaker_label", "speaker", "channelTag", "channel_tag", "channel", "role", "participant",
    "spk", "speakerTag", "ParticipantId", "ParticipantRole", "participantRole", "sentBy",
    "participant_id", "participantId", "media_channel", "ChannelId", "speaker_type",
    "speakerType", "sender_type", "senderType", "author_id", "authorId", "sender_id",
    "senderId",
)  # fmt: skip
#: Keys of an object in a message that says who wrote it (`"author": {"type": "agent", "name":
#: "Holly Reyes"}`, `"sender": {"name": ...}`, `"from": {"name": "Caller"}`), and the keys in
#: it read in turn.
_AUTHOR_KEYS = ("author", "sender", "from")
_AUTHOR_ROLE_KEYS = ("role", "type", "name")
#: A speaker key's values that name the medium, not a speaker: a conversation's `"channel":
#: "voice"` beside its messages says how it was held, not who said them.
_MEDIA = frozenset(
    "voice chat sms email e-mail video web webchat messaging phone call social".split()
)
#: Keys of a word's timing: a one-word `text` beside them is a word (AssemblyAI's
#: `words[]`), not a segment.
_TIMING_KEYS = ("start", "end", "ts", "end_ts", "start_time", "end_time")
#: Keys of a segment, never of a word (Whisper's `segments[]`: a one-word segment, "Tracy.",
#: is a segment still).
_SEGMENT_MARKS = ("id", "seek", "tokens", "avg_logprob", "words", "sentence_index")
#: The fewest words, or segments, that make a document a transcript.
MIN_WORDS = 8
MIN_SEGMENTS = 2
#: Documents larger than this are not parsed here (the pure-Python parser reads about
#: 10 MB/s; an export of thousands of calls is split by the caller).
MAX_CHARS = 4_000_000


#: The standard library's JSON string reader and pure-Python scanner (which typeshed does not
#: list): the scanner is the one whose string reader can be replaced.
_SCANSTRING: Callable[[str, int, bool], tuple[str, int]]
_SCANSTRING = json.decoder.scanstring  # type: ignore[attr-defined]
_MAKE_SCANNER: Callable[[Any], Callable[[str, int], tuple[Any, int]]]
_MAKE_SCANNER = json.scanner.py_make_scanner  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Region:
    """`length` characters of the transcript from `start` are the JSON's from `raw` on, one
    for one; when `raw_length` differs (a string with escapes), the whole [raw, raw +
    raw_length) stands for them."""

    start: int
    length: int
    raw: int
    raw_length: int
    #: for a string with escapes, where each of its characters (and its end) lies in the JSON,
    #: from `raw`
    offsets: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """The transcript rebuilt from a JSON document, a turn a line, and its regions, in the
    transcript's order."""

    transcript: str
    regions: tuple[Region, ...]
    #: whether it reads a document's words, a word an item (not only its segments)
    words: bool = False

    def to_raw(self, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """For each [start, end) of the transcript, the JSON's spans it covers, in order."""
        starts = [region.start for region in self.regions]
        out: list[list[tuple[int, int]]] = []
        for start, end in spans:
            k = max(0, bisect.bisect_right(starts, start) - 1)
            # (a word's alias starts inside it: step back to the first region that reaches)
            while k > 0 and self.regions[k - 1].start + self.regions[k - 1].length > start:
                k -= 1
            raw: list[tuple[int, int]] = []
            while k < len(self.regions) and self.regions[k].start < end:
                raw.extend(_covered(self.regions[k], start, end))
                k += 1
            out.append(raw)
        return out


class ReadingBuilder:
    """A reading as it is put together, piece by piece: text of its own (a speaker's label, a
    line break) that maps to nothing, and text shown for a span of the source, which maps
    back to it (one for one where the lengths agree, else the shown text to the whole span)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.regions: list[Region] = []
        self.at = 0

    def own(self, shown: str) -> None:
        """Text of the reading's own: it maps to nothing."""
        self.parts.append(shown)
        self.at += len(shown)

    def shown(self, shown: str, start: int, end: int) -> None:
        """`shown` for the source's [start, end)."""
        if shown or end > start:
            self.regions.append(Region(self.at, len(shown), start, end - start))
            self.parts.append(shown)
            self.at += len(shown)

    def copied(self, text: str, start: int, end: int) -> None:
        """The source's [start, end) as it is."""
        if end > start:
            self.shown(text[start:end], start, end)

    def reading(self) -> Reading | None:
        """The reading, or None where nothing of the source was shown."""
        return Reading("".join(self.parts), tuple(self.regions)) if self.regions else None


def _covered(region: Region, start: int, end: int) -> list[tuple[int, int]]:
    lo, hi = max(start, region.start), min(end, region.start + region.length)
    if lo >= hi:
        return []
    if region.offsets is not None:
        at = region.offsets
        return [(region.raw + at[lo - region.start], region.raw + at[hi - region.start])]
    if region.length != region.raw_length:
        return [(region.raw, region.raw + region.raw_length)]
    return [(region.raw + lo - region.start, region.raw + hi - region.start)]


@dataclass(frozen=True, slots=True)
class _Text:
    """A JSON string value with where its content lies in the document."""

    value: str
    raw: int
    raw_length: int
    offsets: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class _Piece:
    speaker: str
    text: _Text
    word: bool
    depth: int
    alias: _Text | None = None  # Deepgram's `word` beside its `punctuated_word`
    opens: bool = False  # the first word of a line of JSON lines: a turn of its own
    line: int = 0  # which line of JSON lines it is in (0: a single document)
    path: str = ""  # the keys that lead to it ("/interactions/request/queryInput/text/text")


def json_reading(text: str) -> Reading | None:
    """The transcript a speech-to-text JSON document holds, or None when `text` is no such
    document (no JSON object or array, or too few words or segments in it)."""
    stripped = text.lstrip()
    if stripped[:1] not in ("{", "[") or len(text) > MAX_CHARS or '":' not in text:
        return None
    document = _parse(text, len(text) - len(stripped))
    if document is None:
        return None
    pieces: list[_Piece] = []
    if isinstance(document, _Lines):
        # (JSON lines: each value is a turn of its own, as Vosk writes an utterance a line)
        for line, value in enumerate(document, start=1):
            more: list[_Piece] = []
            _walk(value, "", 1, more, "")
            first = next((k for k, p in enumerate(more) if p.word), None)
            pieces += (replace(p, line=line, opens=k == first) for k, p in enumerate(more))
    else:
        _walk(document, "", 0, pieces, "")
    if any(p.word and _TURN_MARK.fullmatch(p.text.value) for p in pieces):
        pieces = _marked_turns(pieces)
    words = [p for p in pieces if p.word]
    if len(words) >= MIN_WORDS:
        alone = _without_words(pieces)
        read = [p for k, p in enumerate(pieces) if p.word or k in alone]
        wholes = [(p.line, p.text) for k, p in enumerate(pieces) if not p.word and k not in alone]
        return replace(_transcript(read, wholes), words=True)
    # (a few one-word messages are no word-per-item document: they are segments, too)
    segments = [replace(p, word=False, alias=None) if p.word else p for p in pieces]
    if not segments:
        return None
    whole = _wholes(segments)
    wholes = [(p.line, p.text) for p in segments if p.path in whole]
    segments = [p for p in segments if p.path not in whole]
    return _transcript(segments, wholes) if len(segments) >= MIN_SEGMENTS else None


#: A word that is a speaker's label, a turn's mark among the words ("Agent:", "Caller:").
_TURN_MARK = re.compile(r"[A-Z][A-Za-z]{1,20}:")


def _marked_turns(pieces: list[_Piece]) -> list[_Piece]:
    """The words after a speaker's label among them (VoiceBase's `{"w": "Agent:", "m":
    "turn"}`) said by that speaker, the labels themselves left out."""
    out: list[_Piece] = []
    current = ""
    for piece in pieces:
        if piece.word and _TURN_MARK.fullmatch(piece.text.value):
            current = piece.text.value[:-1]
            continue
        out.append(replace(piece, speaker=current) if piece.word and current else piece)
    return out


def _without_words(pieces: list[_Piece]) -> set[int]:
    """Which segments of a document of words have no words of their own, so are turns to read
    as they are (Google CCAI Insights gives the words of some segments only): of a series of
    segments under one path, each that no word follows before the next."""
    by_path: dict[str, list[int]] = {}
    for k, piece in enumerate(pieces):
        if not piece.word:
            by_path.setdefault(piece.path, []).append(k)
    out: set[int] = set()
    for series in by_path.values():
        if len(series) < MIN_SEGMENTS:
            continue  # (a whole call's one string: AWS's `transcript`)
        for k, after in zip(series, [*series[1:], len(pieces)], strict=True):
            if not any(pieces[j].word for j in range(k + 1, after)):
                out.add(k)
    return out


#: How many strings of a group of segments `_wholes` tries, and the shortest string of a
#: finer group that counts as found in one.
_TRIED = 3
_FOUND_LENGTH = 8


def _wholes(segments: list[_Piece]) -> set[str]:
    """The paths of the segments that say again what finer ones say (Whisper's top `text`
    over its `segments[].text`, Dialogflow's `queryResult.text` beside its `queryInput`): a
    group of strings under one path whose first strings hold a string of a deeper group.
    The deepest group is read, and so is every group that says something else (Dialogflow
    CX's bot turns and the live agent's transcript beside them)."""
    groups: dict[str, list[_Piece]] = {}
    for piece in segments:
        groups.setdefault(piece.path, []).append(piece)
    out: set[str] = set()
    for path, group in groups.items():
        depth = min(p.depth for p in group)
        finer = {
            p.text.value.strip()
            for p in segments
            if p.depth > depth and len(p.text.value.strip()) >= _FOUND_LENGTH
        }
        tried = [p.text.value for p in group[:_TRIED]]
        if any(f in value for value in tried for f in finer):
            out.add(path)
    return out


def _parse(text: str, start: int) -> Any:
    """The JSON value at `start`, its strings as `_Text`, or the list of the values one after
    another from there (JSON lines); None when it is no JSON or holds more than JSON."""

    def parse_string(s: str, end: int, strict: bool) -> tuple[_Text, int]:
        value, after = _SCANSTRING(s, end, strict)
        raw_length = after - 1 - end
        offsets = None if raw_length == len(value) else escaped_offsets(s, end, after - 1)
        if offsets is not None and len(offsets) != len(value) + 1:
            offsets = None  # (not read one for one: mapped as a whole)
        return _Text(value, end, raw_length, offsets), after

    decoder = json.JSONDecoder()
    # (the pure-Python scanner calls the decoder's `parse_string`; the C one does not)
    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    scan = _MAKE_SCANNER(decoder)
    values: list[Any] = []
    try:
        while True:
            document, end = scan(text, start)
            values.append(document)
            rest = _BLANKS.match(text, end)
            start = rest.end() if rest is not None else end
            if start >= len(text):
                break
            if text[start] not in "{[":
                return None  # (a value, then what is no JSON)
    except (ValueError, StopIteration, RecursionError):
        return None
    # (JSON lines, as Vosk writes a call: a result object for each utterance)
    return values[0] if len(values) == 1 else _Lines(values)


class _Lines(list[Any]):
    """The values of a document of JSON lines, one after another."""


_BLANKS = re.compile(r"\s*")


def escaped_offsets(text: str, start: int, stop: int) -> tuple[int, ...]:
    """Where each character a JSON string's content [start, stop) decodes to starts, from
    `start`, and its end: an escape ("\\n", "\\u00e9") is one character; a surrogate pair's
    two escapes are one."""
    out: list[int] = []
    pos = start
    while pos < stop:
        out.append(pos - start)
        if text[pos] != "\\":
            pos += 1
        elif text[pos + 1] != "u":
            pos += 2
        elif (
            0xD800 <= int(text[pos + 2 : pos + 6], 16) < 0xDC00 and text[pos + 6 : pos + 8] == "\\u"
        ):
            pos += 12
        else:
            pos += 6
    out.append(stop - start)
    return tuple(out)


def _walk(node: Any, speaker: str, depth: int, out: list[_Piece], path: str) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, speaker, depth + 1, out, path)
        return
    if not isinstance(node, dict):
        return
    speaker = _speaker_of(node, speaker)
    # (a word is one: "content" or "word" with blanks inside is a segment, a chat's message)
    word = next((node[k] for k in WORD_KEYS if _one_word(node.get(k))), None)
    if word is None and "w" in node and "s" in node and _one_word(node.get("w")):
        word = node["w"]  # (VoiceBase's `{"p": 1, "s": 1400, "e": 1730, "w": "hi"}`)
    if (
        word is None
        and any(k in node for k in _TIMING_KEYS)
        and not any(k in node for k in _SEGMENT_MARKS)
    ):
        # (AssemblyAI's `{"text": "Thank", "start": 10, ...}`; Rev.ai's `{"type": "text",
        # "value": "Thank", "ts": 1.8}`, its punctuation `{"type": "punct", "value": ","}`)
        word = next((node[k] for k in ("text", "value") if _one_word(node.get(k))), None)
    elif word is None and _is(node.get("type"), "punct") and _one_word(node.get("value")):
        word = node["value"]
    if word is not None:
        alias = node.get("word") if word is node.get("punctuated_word") else None
        alias = alias if _one_word(alias) else None
        out.append(_Piece(speaker, word, True, depth, alias, path=path))
    first, timed = len(out), False
    for key, value in node.items():
        if not isinstance(value, _Text):
            if key == "timestamps" and isinstance(value, list):
                # (IBM Watson's words, each with its times: `[["card", 22.73, 23.26], ...]`;
                # the first opens a line, as its segment does)
                # (not its hesitation mark, "%HESITATION": no word said)
                timestamped = [
                    w[0]
                    for w in value
                    if isinstance(w, list)
                    and w
                    and _one_word(w[0])
                    and not w[0].value.startswith("%")
                ]
                out += (
                    _Piece(speaker, w, True, depth + 1, opens=k == 0, path=f"{path}/{key}")
                    for k, w in enumerate(timestamped)
                )
                timed = timed or bool(timestamped)
                continue
            if key in SEGMENT_KEYS and isinstance(value, list):
                # (Dialogflow's `responseMessages[].text.text`: a bot's turn, a list of strings)
                out += (
                    _Piece(speaker, item, False, depth + 1, path=f"{path}/{key}[]")
                    for item in value
                    if isinstance(item, _Text) and item.value.strip()
                )
            if isinstance(value, (dict, list)):
                _walk(value, _ROLE_OF.get(key, speaker), depth + 1, out, f"{path}/{key}")
            continue
        said = value.value.strip()
        if value is word:
            continue  # (a word's `text` or `value`, read as the word)
        if said and (key in SEGMENT_KEYS or (key in WORD_KEYS and not _one_word(value))):
            who = _ROLE_OF.get(key, speaker)
            out.append(_Piece(who, value, False, depth, path=f"{path}/{key}"))
    if timed:
        # (the segment's string and its words, one group: the string is the words' whole, no
        # other segment's)
        out[first:] = [replace(piece, line=-1 - first) for piece in out[first:]]


def _speaker_of(node: dict[str, Any], speaker: str) -> str:
    """Who said what `node` holds: its speaker key's value (not a medium's name), an author
    object's role or name in it, or a chat message's `"from_agent"`; else `speaker`, the
    one of the object around it."""
    for key in SPEAKER_KEYS:
        who = node.get(key)
        if isinstance(who, _Text) and who.value.lower() not in _MEDIA:
            return who.value
        if isinstance(who, int) and not isinstance(who, bool):
            return str(who)
    for key in _AUTHOR_KEYS:
        author = node.get(key)
        if isinstance(author, dict):
            for inner in _AUTHOR_ROLE_KEYS:
                who = author.get(inner)
                if isinstance(who, _Text) and who.value.strip():
                    return who.value
    from_agent = node.get("from_agent")
    if isinstance(from_agent, bool):
        return "agent" if from_agent else "customer"
    return speaker


#: Keys under which every turn is one side's, where no speaker key says so: Dialogflow CX's
#: `queryInput` and `requestUtterances` (the caller's words), `responseMessages` and
#: `responseUtterances` (the bot's reply to them).
_ROLE_OF = {
    "queryInput": "caller", "requestUtterances": "caller", "responseMessages": "agent",
    "responseUtterances": "agent", "fulfillmentMessages": "agent",
}  # fmt: skip


def _is(value: object, said: str) -> bool:
    return isinstance(value, _Text) and value.value == said


def _one_word(value: object) -> bool:
    if not isinstance(value, _Text):
        return False
    said = value.value.strip()
    return bool(said) and not any(c.isspace() for c in said)


def _transcript(pieces: list[_Piece], wholes: list[tuple[int, _Text]]) -> Reading:
    """Pieces as turns a line ("speaker: words ..."): a new line where the speaker changes, and
    for each segment; a word of punctuation alone joins the word before it. Each piece is
    mapped to where it lies in the document, and to where it lies again in a string of the
    whole call (`wholes`: AWS's `transcript`, Whisper's top `text`), read in order; of JSON
    lines, each line's whole string against its own pieces."""
    parts: list[str] = []
    regions: list[Region] = []
    #: each piece's start in the transcript, and its text, by the line of JSON lines it is in
    placed: dict[int, list[tuple[int, str]]] = {}
    at = 0
    current: str | None = None
    for piece in pieces:
        said = piece.text.value
        if not said.strip():
            continue
        same = current == piece.speaker and not piece.opens
        glued = piece.word and same and not any(c.isalnum() for c in said)
        if piece.word and same:
            lead = "" if glued else " "
        else:
            lead = ("\n" if parts else "") + speaker_label(piece.speaker)
            current = piece.speaker if piece.word else None
        parts.append(lead)
        at += len(lead)
        text = piece.text
        regions.append(Region(at, len(said), text.raw, text.raw_length, text.offsets))
        if piece.alias is not None:
            inside = said.lower().find(piece.alias.value.lower())
            if inside >= 0:
                length = len(piece.alias.value)
                alias = piece.alias
                regions.append(
                    Region(at + inside, length, alias.raw, alias.raw_length, alias.offsets)
                )
            else:
                regions.append(Region(at, len(said), piece.alias.raw, piece.alias.raw_length))
        placed.setdefault(piece.line, []).append((at, said))
        parts.append(said)
        at += len(said)
    for line, whole in wholes:
        regions.extend(_again_in(whole, placed.get(line, [])))
    regions.sort(key=lambda region: region.start)
    return Reading("".join(parts), tuple(regions))


#: How far past the last piece found a whole-call string's next piece may lie (the words and
#: signs a vendor adds between them).
_WHOLE_GAP = 40


def _again_in(whole: _Text, placed: list[tuple[int, str]]) -> list[Region]:
    """Regions of the pieces (their transcript starts and texts, in order) where they lie in
    `whole`, a string of the whole call: each looked for after the last one found; a piece
    not found near it is skipped."""
    out = []
    value = whole.value
    pos = 0
    for start, piece in placed:
        said = piece.strip()
        if not said:
            continue
        lead = start + len(piece) - len(piece.lstrip())
        if not pos:
            # (the first piece found opens the string: an utterance's "It should take about
            # three hours." is not where the "three" of a routing number said before lies)
            at = len(value) - len(value.lstrip())
            if not value.startswith(said, at):
                continue
        else:
            at = value.find(said, pos, pos + _WHOLE_GAP + len(said) + 1)
        if at < 0:
            continue
        if whole.offsets is None and whole.raw_length == len(value):
            out.append(Region(lead, len(said), whole.raw + at, len(said)))
        elif whole.offsets is not None:
            first = whole.offsets[at]
            offsets = tuple(whole.offsets[at + i] - first for i in range(len(said) + 1))
            out.append(Region(lead, len(said), whole.raw + first, offsets[-1], offsets))
        pos = at + len(said)
    return out


def speaker_label(who: str) -> str:
    """A turn's label in a rebuilt transcript: the speaker's name, or a channel's number as
    speech-to-text labels one ("speaker 0: "; a bare "0:" is no label)."""
    if (role := _ROLE_AFTER_ID.fullmatch(who)) is not None:
        who = role.group(1)  # ("call_684900_caller": the caller; its digits are no value)
    # (a subtitle's style for a speaker, "{C:$00FFFF}": its letters and digits, a label's)
    who = _LABEL_MARKS.sub("", who)
    return f"{who}: " if who[:1].isalpha() else f"speaker {who}: " if who else "speaker: "


_LABEL_MARKS = re.compile(r"[{}\[\]<>:$#]")
#: A speaker's name that is a recording's ID and a role: "call_684900_caller", "c-1_agent".
_ROLE_AFTER_ID = re.compile(r"[\w\-.]*\d[\w\-.]*?[_\-.]([A-Za-z]{2,20})")
