"""A call kept as JSON records inside other text, read as its turns, with a map back.

Logs, event streams and consoles keep a call a JSON record an utterance, but not as JSON lines
alone: a time stamp and a direction before each record ("2025-09-09T08:46:58Z <-
{"type":"conversation.item.input_audio_transcription.completed", "transcript": "..."}"), a log
aggregator's labels ('{speaker="customer"} {"level":"info","text":"It's 511."}', newest
first), a bulk request's action lines between the records (Elasticsearch's `_bulk`), or the
records run together with nothing between them (Firehose, '...}{"callId":...'). Read line by
line, each record is one utterance with no question before it: a card said in two turns ("6200
0000..." / "0000-0005.") is two numbers of eight digits. Read as a labelled transcript, a turn
a record ("customer: 6200 0000..."), the conversation is read as one.

A record's text is its string under a key of what was said (`text`, `transcript`, `content`,
...); its speaker, the nearest key that says who spoke in the same record, else a label of the
line's prefix, else what the record's event type says (`input_audio_transcription`: the
caller's; `response`: the agent's), else the direction of the line's arrow. A streamed reply,
a token a record, is read as the one turn it is.

Pure: a string in, a reading out (`json_transcripts.Reading`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise

from callshield.core.json_transcripts import Reading, ReadingBuilder, speaker_label

#: Keys whose string is what was said; `token` and `delta` are a streamed reply's pieces.
_SAID_KEYS = (
    "text", "transcript", "Transcript", "content", "Content", "message", "utterance", "said",
    "voicePrompt", "caption", "token", "delta", "body", "msg", "digits",
)  # fmt: skip
#: Keys whose string is one side's, whoever the record names: the digits the caller keyed.
_KEYED_BY_CALLER = frozenset({"digits"})
_STREAMED = frozenset({"token", "delta"})
#: A string under one of `_SAID_KEYS` (not JSON within a string: its quotes are escaped).
_SAID = re.compile(rf'"(?P<key>{"|".join(_SAID_KEYS)})"[ \t]*:[ \t]*"(?P<value>(?:[^"\\\n]|\\.)*)"')
#: Keys that say who spoke, the surest first; a value a word or a small number.
_WHO_KEYS = (
    "role", "participantRole", "ParticipantRole", "sentBy", "speaker", "speaker_label",
    "speakerTag", "participant", "participant_id", "participantId", "channel", "channel_tag",
    "channelTag", "ChannelId", "media_channel", "spk", "sender", "from", "author", "direction",
)  # fmt: skip
_WHO_RANK = {key: rank for rank, key in enumerate((*_WHO_KEYS, "ch", "side", "party"))}
_WHO = re.compile(
    rf'"(?P<key>{"|".join(_WHO_KEYS)})"[ \t]*:[ \t]*'
    r'(?:"(?P<word>[A-Za-z][\w.\-]{0,30}|\+?\d{1,15})"|(?P<number>\d{1,3})\b)'
)
#: The same, as a log's key=value fields write them: 'text="..."', 'ch=1', 'role=agent'.
_KEYED_SAID = re.compile(
    r'(?<![\w"\-.])(?P<key>text|transcript|utterance|said|msg|message)="'
    r'(?P<value>(?:[^"\\\n]|\\.)*)"'
)
_KEYED_WHO = re.compile(
    r'(?<![\w"\-.])(?P<key>role|speaker|participant|channel|ch|spk|side|party|direction)='
    r'"?(?:(?P<word>[A-Za-z][\w.\-]{0,30})|(?P<number>\d{1,3}))\b'
)
_RAW_ID = re.compile(r'"participantRawI[dD]"[ \t]*:[ \t]*"(4|8):')
#: A keypad's tones, a word each, and what the IVR was collecting.
_TONES = re.compile(r'"(?P<key>tones)"[ \t]*:[ \t]*\[(?P<value>[^\[\]\n]{1,400})\]')
_TONE = re.compile(r'"([A-Za-z0-9]{1,12})"')
_OPERATION = re.compile(r'"operationContext"[ \t]*:[ \t]*"([^"\n]{1,60})"')
#: A label of the line's prefix, as a log aggregator writes its streams' labels:
#: '{speaker="customer"}', 'role=agent'.
_PREFIX_WHO = re.compile(r"\b(?:speaker|role|channel|spk|participant)=\"?([A-Za-z]\w{0,30})")
#: An event's type or name, which may say whose the record's text is.
_EVENT = re.compile(
    r'"(?:type|event|event_type|eventType|kind|name|action)"[ \t]*:[ \t]*"([\w.\-/]{1,80})"'
)
_CALLER_EVENT = re.compile(r"input|user|caller|customer|inbound|human|speech_?to|recogni", re.I)
_AGENT_EVENT = re.compile(
    r"response|assistant|bot|agent|output|outbound|tts|prompt_?play|talk|say|speak", re.I
)
#: A direction before the record: the one side's arrow or the other's.
_ARROW = re.compile(r"(?<![\w<>=\-])(<<|>>|<-|->|<=|=>)(?![\w<>=\-])")
_ARROW_SIDE = {"<<": "in", "<-": "in", "<=": "in", ">>": "out", "->": "out", "=>": "out"}
#: A time stamp that opens a line ("2024-12-01T14:13:17.699Z", "2024/12/01 14:23:17").
_LINE_TIME = re.compile(r"[ \t]*(\d{4}[-/]\d\d[-/]\d\d[T ][\d:.,]+)")
_LINE_BREAK = re.compile(r"\n")
#: The fewest records that make a call, and the most speakers one has.
_MIN_RECORDS = 3
_MAX_SPEAKERS = 4


@dataclass(frozen=True, slots=True)
class _Record:
    """One record's text: its line (0-based), its string's span in the text, what it says
    (decoded), the key it is under and who said it ("" where nothing says)."""

    line: int
    start: int
    end: int
    said: str
    key: str
    who: str
    #: words of the reading's own before what was said ("collect pin"), and what was said as
    #: pieces of the text, each mapped on its own (a keypad's tones: `["five", "zero"]`)
    lead: str = ""
    parts: tuple[tuple[int, int, str], ...] = ()


def record_reading(text: str) -> Reading | None:
    """The call that JSON records inside `text` hold, as a labelled transcript ("customer:
    ...", a record a line), or None when there are fewer than three records with something
    said, when fewer than half of them name who said it, or when more than four speakers do
    (a queue of messages from many senders is no call)."""
    json_like, keyed = '":' in text, '="' in text
    if not json_like and not keyed:
        return None
    found = [*_SAID.finditer(text)] if json_like else []
    if '"tones"' in text:
        # (a keypad's tones, a word each: '"dtmfResult":{"tones":["five","zero","one"]}')
        found = sorted([*found, *_TONES.finditer(text)], key=lambda m: m.start())
    if keyed:
        # (a log's key=value fields: 'ch=1 final=true text="Sure, Reza Gutknecht."')
        found = sorted([*found, *_KEYED_SAID.finditer(text)], key=lambda m: m.start())
    if len(found) < _MIN_RECORDS:
        return None
    records: list[_Record] = []
    line_starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
    line_no = 0
    for k, match in enumerate(found):
        while line_no + 1 < len(line_starts) and line_starts[line_no + 1] <= match.start():
            line_no += 1
        said = _decoded(match.group("value"))
        if said is None or not any(ch.isalnum() for ch in said):
            continue
        line_start = line_starts[line_no]
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        lo = max(line_start, found[k - 1].end()) if k else line_start
        hi = min(line_end, found[k + 1].start()) if k + 1 < len(found) else line_end
        start, end = match.span("value")
        if match.group("key") == "tones":
            records.append(_tones(text, match, line_no, lo, hi))
            continue
        if match.group("key") in _KEYED_BY_CALLER:
            who = "caller"  # (an IVR's input: '"dtmf":{"digits":"210956988"}')
        else:
            who = _speaker(text, lo, hi, match.start(), line_start)
        records.append(_Record(line_no, start, end, said, match.group("key"), who))
    speakers = [r.who for r in records if r.who]
    if (
        len(records) < _MIN_RECORDS
        or 2 * len(speakers) < len(records)
        or len(set(speakers)) > _MAX_SPEAKERS
    ):
        return None  # (messages from many senders: a queue's, no one call)
    if _newest_first(text, records, line_starts):
        records.reverse()
    return _transcript(records)


def _tones(text: str, match: re.Match[str], line: int, lo: int, hi: int) -> _Record:
    """The caller's keypad tones, each word mapped to its string, after what the IVR was
    collecting ('"operationContext":"collect-pin"' reads "collect pin")."""
    start, end = match.span("value")
    parts = tuple((m.start(1), m.end(1), m.group(1)) for m in _TONE.finditer(text, start, end))
    context = _OPERATION.search(text, lo, hi)
    lead = re.sub(r"[\W_]+", " ", context.group(1)).strip() if context is not None else ""
    said = " ".join(word for _, _, word in parts)
    return _Record(line, start, end, said, "tones", "caller", lead, parts)


def _decoded(raw: str) -> str | None:
    if "\\" not in raw:
        return raw
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def _speaker(text: str, lo: int, hi: int, at: int, line_start: int) -> str:
    """Who said the record's text at `at`: a speaker key of its record ([lo, hi), between the
    texts before and after it), the surest and nearest; else the line prefix's label, the
    record's event type, or the line's arrow; "" where nothing says."""
    best: tuple[int, int, str] | None = None
    for match in (*_WHO.finditer(text, lo, hi), *_KEYED_WHO.finditer(text, lo, hi)):
        who = match.group("word") or match.group("number") or ""
        rank = (_WHO_RANK[match.group("key")], abs(match.start() - at))
        if best is None or rank < best[:2]:
            best = (*rank, who)
    if best is not None:
        return best[2]
    if text.find('"speech"', lo, at) >= 0:
        return "caller"  # (what a recogniser heard: '"speech":{"results":[{"text":...')
    raw_id = _RAW_ID.search(text, lo, hi)
    if raw_id is not None:
        # (Azure Communication Services' participant: "4:+14045550191", a phone line, the
        # caller's; "8:acs:...", a user of the service, the agent's)
        return "caller" if raw_id.group(1) == "4" else "agent"
    brace = text.find('{"', line_start, at)
    prefix_end = brace if brace >= 0 else at
    label = _PREFIX_WHO.search(text, line_start, prefix_end)
    if label is not None:
        return label.group(1)
    event = _EVENT.search(text, lo, hi)
    if event is not None:
        kind = event.group(1)
        if _CALLER_EVENT.search(kind):
            return "caller"
        if _AGENT_EVENT.search(kind):
            return "agent"
    arrow = _ARROW.search(text, line_start, prefix_end)
    return _ARROW_SIDE[arrow.group(1)] if arrow is not None else ""


def _newest_first(text: str, records: list[_Record], line_starts: list[int]) -> bool:
    """Whether the records' lines open with time stamps that go back in time (a log query's
    newest first), more often than forward."""
    stamps = []
    for record in records:
        stamp = _LINE_TIME.match(text, line_starts[record.line])
        if stamp is not None:
            stamps.append(stamp.group(1))
    back = sum(1 for a, b in pairwise(stamps) if b < a)
    forward = sum(1 for a, b in pairwise(stamps) if b > a)
    return back > forward


def _transcript(records: list[_Record]) -> Reading | None:
    built = ReadingBuilder()
    last: _Record | None = None
    for record in records:
        streamed = (
            last is not None
            and record.key in _STREAMED
            and last.key in _STREAMED
            and record.who == last.who
        )
        if not streamed:
            if last is not None:
                built.own("\n")
            built.own(speaker_label(record.who))
        if record.parts:
            if record.lead:
                built.own(record.lead + " ")
            for k, (start, end, word) in enumerate(record.parts):
                built.own(" " if k else "")
                built.shown(word, start, end)
        else:
            built.shown(record.said, record.start, record.end)
        last = record
    return built.reading()
