"""Tokens and replacement pieces shared by the spoken-form normalisers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from callshield.core.detection import spoken_words as w

# A token and the whitespace after it; tokens follow each other with nothing in between
# (every other character is a token of its own), so offsets add up from the lengths. Words are
# letters of any alphabet: "Łyś" is one word, not three letters spelled out ("ł y ś").
# Digit words that speech-to-text ran together ("ohone", "eightfive", "twentyfour") are a token
# each (no English word is made of them alone); the look-ahead on their first letters keeps the
# other words from trying them (1 us a text, against 25 without it).
# (and the homophones a recogniser writes for digits, run together with them too: "wontwo",
# "ninetree", "atesix")
# (a word's apostrophe may be SQL's doubled one, "it''s", in a quoted field: one word, whose
# "s" is no letter spelled)
_DIGIT_WORD = w.GLUED_DIGIT_WORD[:-1] + "|won|ate|tree|niner|fife)"
_TOKEN_SOURCE = (
    rf"((?=[zotfsenwa]){_DIGIT_WORD}(?={_DIGIT_WORD}+\b)"
    r"|[^\W\d_]+(?:''?[^\W\d_]+)?|\d+|\.{2,}|…|\S)(\s*)"
)
_TOKEN = re.compile(_TOKEN_SOURCE, re.IGNORECASE)
#: The same, case-sensitive, for ASCII text lowered first (its words are lowered anyway): a
#: caseless `findall` over a whole call cost 3x as much.
_TOKEN_LOWER = re.compile(_TOKEN_SOURCE)


class Token(NamedTuple):
    start: int
    end: int
    word: str  # lowercase
    line_end: bool  # the last token of a line (an utterance)


@dataclass(frozen=True, slots=True)
class Piece:
    """A replacement: original [consume_start, consume_end) becomes `text`; a finding that
    touches it maps back to the words [cover_start, cover_end)."""

    consume_start: int
    consume_end: int
    cover_start: int
    cover_end: int
    text: str


def tokenize(text: str) -> list[Token]:
    size = len(text)
    pos = size - len(text.lstrip())
    # `findall` and offsets added up from the lengths (not a match object per token), and
    # `tuple.__new__` (not the NamedTuple's Python-level constructor): a spoken call has
    # hundreds of tokens and this runs for every one of them (2.0 -> 1.3 us a token)
    new = tuple.__new__
    tokens: list[Token] = []
    # (an ASCII text lowered keeps its length: its words come lowered)
    pairs = _TOKEN_LOWER.findall(text.lower()) if text.isascii() else _TOKEN.findall(text)
    for word, space in pairs:
        end = pos + len(word)
        pos = end + len(space)
        tokens.append(
            new(Token, (end - len(word), end, word.lower(), "\n" in space or pos == size))
        )
    return tokens


def is_number_word(word: str) -> bool:
    """A word that is (part of) a spoken number, or written digits."""
    return (
        word in w.UNITS
        or word in w.TEENS
        or word in w.TENS
        or word in w.REPEATS
        or (word.isdigit())
    )


#: (first token, last token, pieces) found by one normaliser
Run = tuple[int, int, list[Piece]]
