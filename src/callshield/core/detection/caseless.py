"""Caseless patterns searched at case-sensitive speed.

Python's `re` runs a caseless (`re.IGNORECASE`) search several times slower than a
case-sensitive one: it folds the case of every character it compares, and it cannot skip
ahead to a pattern's first characters as it does for a case-sensitive one. A cue's search in
the words before a value ("my name is" in the 40 characters before a name) cost 5.8 us
caseless against 1.2 us for the same pattern, case-sensitive, on the words lowered first.

`Caseless` keeps both: the pattern as written (caseless, the one whose matches callers get)
and, where the pattern holds no upper-case letter of its own, the same pattern case-sensitive,
searched in a lowered copy of the stretch of text searched (plus the characters before it that
a look-behind or a word boundary reads). Where that finds a match, the caseless pattern matches
at the same place (one anchored attempt), so callers get a match object of the text itself,
with its offsets and groups, exactly as `search` would have given it. For ASCII text the two
agree by construction (lowering an ASCII letter is what a caseless match does); a stretch with
any other character is searched caseless as before (Unicode's case rules: "K", the Kelvin
sign, matches "k" caseless but lowers to itself in no ASCII pattern's favour).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: The characters before a search's start that a look-behind or a word boundary may read: the
#: lowered copy starts this far before it (the patterns' look-behinds are a few characters).
CONTEXT = 64

#: An upper-case letter of the pattern itself (not an escape's: `\S`, `\Z`; not a named group's
#: `(?P`), or a case-sensitive part (`(?-i:...)`): such a pattern is only ever searched caseless.
_CASED = re.compile(r"\(\?-[a-z]*i|(?<!\\)(?:\\\\)*[A-Z]")


class Caseless:
    """A caseless compiled pattern with `search` and `finditer` that read a lowered copy of
    the text (see the module's notes); `match` and `fullmatch` (one anchored attempt, where
    the case folding costs little) are the caseless pattern's own."""

    __slots__ = ("exact", "lowered")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.exact = re.compile(pattern, flags | re.IGNORECASE)
        self.lowered: re.Pattern[str] | None = None
        if _CASED.search(pattern.replace("(?P", "(?")) is None:
            self.lowered = re.compile(pattern, flags & ~re.IGNORECASE)

    @property
    def pattern(self) -> str:
        return self.exact.pattern

    def match(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.exact.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        return self.exact.fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
        window = self._window(text, pos, endpos)
        if window is None:
            return self.exact.search(text, pos, endpos)
        start, stop, lowered = window
        found = lowered.search(text[start:stop].lower(), max(0, pos) - start)
        if found is None:
            return None
        # (the caseless pattern at the same place: the match callers get, of `text` itself)
        at = self.exact.match(text, start + found.start(), stop)
        return at if at is not None else self.exact.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> Iterator[re.Match[str]]:
        window = self._window(text, pos, endpos)
        if window is None:
            return self.exact.finditer(text, pos, endpos)
        start, stop, lowered = window
        found = []
        for low in lowered.finditer(text[start:stop].lower(), max(0, pos) - start):
            at = self.exact.match(text, start + low.start(), stop)
            if at is None or at.end() != start + low.end():  # (never, for ASCII text)
                return self.exact.finditer(text, pos, endpos)
            found.append(at)
        return iter(found)

    def _window(self, text: str, pos: int, endpos: int) -> tuple[int, int, re.Pattern[str]] | None:
        """Where the lowered copy starts and stops (`CONTEXT` before `pos`), and the
        case-sensitive pattern; None where the caseless pattern must search itself."""
        lowered = self.lowered
        if lowered is None:
            return None
        stop = min(endpos, len(text))
        start = max(0, pos - CONTEXT)
        return (start, stop, lowered) if text[start:stop].isascii() else None
