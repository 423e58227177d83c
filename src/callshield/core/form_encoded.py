"""Form-encoded fields (`application/x-www-form-urlencoded`) read as their values say, with a
map back.

A webhook log, an HTTP access log or a captured callback body keeps what a caller said, or
what a form asked for, percent-encoded: "TranscriptionText=hi+yes+this+is+yuta+yamazaki",
"ssn=nine+nine+five", "email=jo%40example.com", "name=proch%C3%A1zka". A plus sign is a blank,
`%XX` a byte of UTF-8: read as they are written, the words run together into one token and no
number said in words is seen. Decoded, each field's value reads as the words it holds; the keys
and the separators stay as they are, so a line keeps its time, its keys and its order. A blank
maps back one for one, an escape (or the escapes of one UTF-8 character) to its characters
(`json_transcripts.Reading`): the pipeline scans the decoded text and maps what it finds back.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import SEGMENT_KEYS, SPEAKER_KEYS, Reading, ReadingBuilder

#: A run of form fields joined by `&` (two at least), or one field after a `?` or a body's key:
#: keys are names, values anything but a blank, `&` or `=`.
_FIELDS = re.compile(
    r"(?<![\w%+.\-\[\]])[A-Za-z_][\w.\-\[\]]{0,63}=[^\s&=]*"
    r"(?:&[A-Za-z_][\w.\-\[\]]{0,63}=[^\s&=]*)+"
)
#: Inside a value: a plus sign, or a run of percent escapes.
_ENCODED = re.compile(r"\+|(?:%[0-9A-Fa-f]{2})+")
#: Where a text may have form fields with something encoded: a plus or an escape in a value.
_HINT = re.compile(
    r"=[^\s&=]*(?:\+|%[0-9A-Fa-f]{2})[^\s&=]*&|&[A-Za-z_][\w.\-]*=[^\s&=]*(?:\+|%[0-9A-Fa-f]{2})"
)


def form_reading(text: str) -> Reading | None:
    """The text with its form fields' values decoded, or None where it has no run of form
    fields with a plus sign or a percent escape in a value.

    A line whose fields hold what someone said (a key such as `TranscriptionText` or `Body`,
    or the one value of several words) and who said it (`Track`, `Speaker`, `From`, ...) is
    read as a turn, "speaker: said", so the conversation around it is read as one (a bare
    name answering "who am I speaking with"); its other fields with anything encoded follow
    it, a line each. Any other line is read as it is, its fields' values decoded."""
    if "&" not in text or "=" not in text or _HINT.search(text) is None:
        return None
    built = ReadingBuilder()
    changed = False
    for line in _LINE.finditer(text):
        runs = list(_FIELDS.finditer(text, line.start(), line.end()))
        fields = [_Field(m, text) for run in runs for m in _FIELD.finditer(text, *run.span())]
        said = _said(fields)
        if said is not None and any(f.encoded for f in fields):
            changed = True
            who = next((f for f in fields if f.key.lower() in _SPEAKER_KEYS), None)
            label = re.sub(r"[^0-9A-Za-z]+", "", who.value_text(text)) if who else ""
            built.own((label or "unknown") + ": ")
            _decoded_into(built, text, said.value_start, said.end)
            for other in fields:
                if other is not said and other.encoded:
                    built.own("\n")
                    _decoded_into(built, text, other.start, other.end)
            built.own("\n" if text[line.end() - 1] == "\n" else "")
            continue
        changed |= any(f.encoded for f in fields)
        at = line.start()
        for run in runs:
            built.copied(text, at, run.start())
            _decoded_into(built, text, run.start(), run.end())
            at = run.end()
        built.copied(text, at, line.end())
    return built.reading() if changed else None


#: A line (with its line break).
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
#: One field of a run.
_FIELD = re.compile(r"([A-Za-z_][\w.\-\[\]]{0,63})=([^\s&=]*)")
#: Keys (lowercased) whose value says who spoke.
_SPEAKER_KEYS = frozenset(
    key.lower() for key in (*SPEAKER_KEYS, "track", "from", "sender", "author", "party", "side")
)
#: Keys (lowercased) whose value is what was said or written.
_SAID_KEYS = frozenset(
    key.lower()
    for key in (*SEGMENT_KEYS, "TranscriptionText", "SpeechResult", "body", "msg", "comment")
)


class _Field:
    """One `key=value` of a run of form fields."""

    __slots__ = ("encoded", "end", "key", "start", "value_start", "words")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self.key = match.group(1)
        self.start, self.end = match.span()
        self.value_start = match.start(2)
        value = match.group(2)
        self.encoded = _ENCODED.search(value) is not None
        self.words = value.count("+") + value.count("%20") + 1

    def value_text(self, text: str) -> str:
        built = ReadingBuilder()
        _decoded_into(built, text, self.value_start, self.end)
        return "".join(built.parts)


def _said(fields: list[_Field]) -> _Field | None:
    """The field that holds what was said: by its key, else the one value of three words or
    more; None where neither is there or no field says who spoke."""
    if not any(f.key.lower() in _SPEAKER_KEYS for f in fields):
        return None
    keyed = [f for f in fields if f.key.lower() in _SAID_KEYS]
    if keyed:
        return keyed[0]
    wordy = [f for f in fields if f.words >= 3]
    return wordy[0] if len(wordy) == 1 else None


def _decoded_into(built: ReadingBuilder, text: str, start: int, end: int) -> None:
    """The source's [start, end) with its plus signs and percent escapes decoded."""
    at = start
    for escape in _ENCODED.finditer(text, start, end):
        shown = _decoded(escape.group())
        if shown is None:
            continue
        built.copied(text, at, escape.start())
        built.shown(shown, escape.start(), escape.end())
        at = escape.end()
    built.copied(text, at, end)


def _decoded(escape: str) -> str | None:
    """What a plus sign or a run of percent escapes stands for; None where the bytes are no
    UTF-8 or decode to a control character (a value's binary, left as it is)."""
    if escape == "+":
        return " "
    try:
        shown = bytes.fromhex(escape.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(c < " " and c not in "\t\n" for c in shown):
        return None
    return shown
