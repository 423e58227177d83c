"""HTML to scannable text, with a map from every text character back to the HTML source, so
that redaction edits the source in place and leaves the markup whole.

What is scanned: the rendered text (entities decoded, whitespace runs collapsed, block tags as
line breaks, table cells as tabs), and after it, on their own lines, the places a reader does
not see but a value can hide in: link targets and other text-bearing attributes, comments and
scripts. Style sheets are skipped. The tokenizer is a linear hand-written scan (no regex over
untrusted markup), and an unterminated tag is scanned as text rather than dropped (fail closed).
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

#: Tags that start a new line in the rendered text.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody tfoot thead title tr "
    "ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})
#: Attributes whose values are text (link targets, tooltips, form values) and are scanned.
_TEXT_ATTRIBUTES = frozenset(
    {"href", "src", "alt", "title", "value", "content", "placeholder", "label", "action"}
)
_RAW_TEXT_TAGS = frozenset({"script", "style"})
_ENTITY_MAX = 32
#: A reference start or one whitespace run (a single class repeated: it cannot backtrack).
_SPECIAL = re.compile(r"&|\s+")


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace characters [start, end) of a text by `text` (the redacted form)."""

    start: int
    end: int
    text: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class HtmlText:
    """The scannable text of an HTML source; `starts[i]:ends[i]` is the source range of text
    character i (equal for a character the source does not hold, such as a block line break).
    The offsets are compact arrays: a large page costs 16 bytes per character, not objects."""

    source: str = field(repr=False)
    text: str = field(repr=False)
    starts: array[int] = field(repr=False)
    ends: array[int] = field(repr=False)


class _Run:
    """Text characters with their source ranges, whitespace runs collapsed when asked."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: array[int] = array("q")
        self.ends: array[int] = array("q")

    def put(self, char: str, start: int, end: int, *, collapse: bool) -> None:
        chars = self.chars
        if collapse and char.isspace():
            if not chars or chars[-1] in "\n\t":
                return
            if chars[-1] == " ":
                self.ends[-1] = end
                return
            char = " "
        chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def plain(self, source: str, start: int, end: int) -> None:
        """Characters that are neither references nor whitespace, in bulk."""
        self.chars.extend(source[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def decode(self, source: str, start: int, end: int, *, collapse: bool) -> None:
        """Decode source[start:end], character references included."""
        i = start
        while i < end:
            match = _SPECIAL.search(source, i, end)
            stop = match.start() if match else end
            if stop > i:
                self.plain(source, i, stop)
            if match is None:
                return
            if source[stop] == "&":
                decoded, after = _reference(source, stop, end)
                for out in decoded:
                    self.put(" " if out == "\xa0" else out, stop, after, collapse=collapse)
                i = after
            elif collapse:  # a whitespace run is one space mapped to the whole run
                self.put(" ", stop, match.end(), collapse=True)
                i = match.end()
            else:
                self.plain(source, stop, match.end())
                i = match.end()


class _Builder:
    """The main text and the hidden extras (attribute values, comments, scripts)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.main = _Run()
        self.extras: list[_Run] = []

    def synthetic(self, char: str, at: int) -> None:
        """A line break or tab the source does not hold as text (a block tag, a cell)."""
        chars = self.main.chars
        if not chars or chars[-1] == "\n":
            return
        if chars[-1] in " \t":
            if char == "\n":
                chars[-1] = "\n"
            return
        chars.append(char)
        self.main.starts.append(at)
        self.main.ends.append(at)

    def text(self, start: int, end: int) -> None:
        self.main.decode(self.source, start, end, collapse=True)

    def extra(self, start: int, end: int, *, decode: bool) -> None:
        run = _Run()
        if decode:
            run.decode(self.source, start, end, collapse=False)
        else:
            run.plain(self.source, start, end)
        if run.chars:
            self.extras.append(run)

    def build(self) -> HtmlText:
        total = self.main
        at = len(self.source)
        for run in self.extras:
            total.chars.append("\n")
            total.starts.append(at)
            total.ends.append(at)
            total.chars.extend(run.chars)
            total.starts.extend(run.starts)
            total.ends.extend(run.ends)
        return HtmlText(self.source, "".join(total.chars), total.starts, total.ends)


def _reference(source: str, at: int, end: int) -> tuple[str, int]:
    """The decoded character reference at `source[at] == '&'` and where it stops; a lone '&'
    decodes to itself."""
    stop = at + 1
    limit = min(end, at + _ENTITY_MAX)
    while stop < limit and (source[stop].isalnum() or source[stop] == "#"):
        stop += 1
    if stop < end and source[stop] == ";":
        stop += 1
    if stop == at + 1:
        return "&", stop
    decoded = html.unescape(source[at:stop])
    if decoded == source[at:stop]:
        return "&", at + 1
    return decoded, stop


def html_to_text(source: str) -> HtmlText:
    """The scannable text of `source` with its offset map (see the module docstring)."""
    builder = _Builder(source)
    i, n = 0, len(source)
    while i < n:
        lt = source.find("<", i)
        if lt < 0:
            builder.text(i, n)
            break
        builder.text(i, lt)
        i = _markup(source, lt, builder)
    return builder.build()


def _markup(source: str, lt: int, builder: _Builder) -> int:
    """Consume the markup starting at `lt`; returns the position after it."""
    n = len(source)
    nxt = source[lt + 1] if lt + 1 < n else ""
    if source.startswith("<!--", lt):
        close = source.find("-->", lt + 4)
        stop = n if close < 0 else close
        builder.extra(lt + 4, stop, decode=False)
        return n if close < 0 else close + 3
    if nxt in ("!", "?"):
        close = source.find(">", lt)
        return n if close < 0 else close + 1
    if not (nxt.isalpha() or (nxt == "/" and source[lt + 2 : lt + 3].isalpha())):
        builder.text(lt, lt + 1)
        return lt + 1
    parsed = _tag(source, lt)
    if parsed is None:  # unterminated: scan the rest as text rather than lose it
        builder.text(lt, n)
        return n
    name, closing, stop, attributes = parsed
    for attribute, value_start, value_end in attributes:
        scanned = attribute in _TEXT_ATTRIBUTES or attribute.startswith("data-")
        if scanned and not source.startswith("data:", value_start, value_end):
            builder.extra(value_start, value_end, decode=True)
    if name in _BLOCK_TAGS:
        builder.synthetic("\n", lt)
    elif name in _CELL_TAGS and not closing:
        builder.synthetic("\t", lt)
    if name in _RAW_TEXT_TAGS and not closing:
        return _raw_text(source, name, stop, builder)
    return stop


def _raw_text(source: str, name: str, start: int, builder: _Builder) -> int:
    close = source.lower().find(f"</{name}", start)
    stop = len(source) if close < 0 else close
    if name == "script":
        builder.extra(start, stop, decode=False)
    return stop


def _tag(source: str, lt: int) -> tuple[str, bool, int, list[tuple[str, int, int]]] | None:
    """Parse a tag at `lt`: (lower-case name, is closing, end position, attribute value
    ranges), or None when the tag never closes."""
    n = len(source)
    i = lt + 1
    closing = source[i] == "/"
    if closing:
        i += 1
    start = i
    while i < n and not source[i].isspace() and source[i] not in "/>":
        i += 1
    name = source[start:i].lower()
    attributes: list[tuple[str, int, int]] = []
    while i < n:
        char = source[i]
        if char == ">":
            return name, closing, i + 1, attributes
        if char.isspace() or char == "/":
            i += 1
            continue
        attr_start = i
        while i < n and not source[i].isspace() and source[i] not in "=/>":
            i += 1
        attribute = source[attr_start:i].lower()
        while i < n and source[i].isspace():
            i += 1
        if i < n and source[i] == "=":
            i += 1
            while i < n and source[i].isspace():
                i += 1
            value = _attribute_value(source, i)
            if value is None:
                return None
            value_start, value_end, i = value
            attributes.append((attribute, value_start, value_end))
    return None


def _attribute_value(source: str, i: int) -> tuple[int, int, int] | None:
    n = len(source)
    if i < n and source[i] in "\"'":
        close = source.find(source[i], i + 1)
        return None if close < 0 else (i + 1, close, close + 1)
    start = i
    while i < n and not source[i].isspace() and source[i] != ">":
        i += 1
    return start, i, i


def redact_html(mapped: HtmlText, edits: Sequence[TextEdit]) -> str:
    """The HTML source with each edit applied where its characters came from: the first source
    range of an edit gets the (escaped) replacement, its other ranges are emptied, and the
    tags between them are kept."""
    changes: list[tuple[int, int, str]] = []
    for edit in edits:
        ranges = _source_ranges(mapped, edit.start, edit.end)
        for index, (start, end) in enumerate(ranges):
            changes.append((start, end, html.escape(edit.text) if index == 0 else ""))
    changes.sort(key=lambda change: (change[0], change[1]))
    merged: list[tuple[int, int, str]] = []
    for start, end, text in changes:
        if merged and start < merged[-1][1]:
            last_start, last_end, last_text = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_text + text)
        else:
            merged.append((start, end, text))
    out: list[str] = []
    cursor = 0
    for start, end, text in merged:
        out += (mapped.source[cursor:start], text)
        cursor = end
    out.append(mapped.source[cursor:])
    return "".join(out)


def _source_ranges(mapped: HtmlText, start: int, end: int) -> list[tuple[int, int]]:
    """The source ranges of text characters [start, end), in text order, adjacent ones joined;
    characters the source does not hold are skipped."""
    ranges: list[tuple[int, int]] = []
    for i in range(start, min(end, len(mapped.starts))):
        s, e = mapped.starts[i], mapped.ends[i]
        if s == e:
            continue
        if ranges and ranges[-1][0] <= s <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], e))
        else:
            ranges.append((s, e))
    return ranges
