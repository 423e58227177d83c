"""The letters that open an identifier, said or written before the digits a detector read.

A plan's, a policy's, a licence's or an account's number often starts with letters: "W294740008",
"NMX 6021287519". Said aloud, the letters come apart from the digits and from each other: "it's
x nine eight four zero ...", "n m x six oh two ...", "k as in kilo six five one ...", "x-ray
juliet hotel eight three nine ...". The detectors read the digits (their cue and their count
decide) and leave the letters in clear: a leak of the value's first characters, the ones that
tell which plan or which state issued it.

`letter_prefix_start` reads back from where a finding starts, over a short pause (blanks, a
comma, "...", a dash), for one to four letters said or written alone: single letters ("x",
"n m x", "Y Z N"), a letter spelled by a word ("k as in kilo"), a word of the radio alphabet
("x-ray juliet hotel"), or capitals glued to the digits ("W6419", "ZGP766708726"). A single
"a" or "i" alone is a word ("it's a three digit code", "i 4 ..."), and a word of several
letters is none of these: "it's", "number", "okay" stop the reading; nor is a letter joined
to the word before it ("a/c 123456789": an account's abbreviation).
"""

from __future__ import annotations

import re

from callshield.core.detection import spoken_words as w

#: How far before a finding the letters may start (four letters spelled by words).
_REACH = 72

_NATO = "|".join(sorted((*w.NATO, "x-ray"), key=len, reverse=True))
#: One letter: alone, spelled by a word ("k as in kilo"), or the radio alphabet's word.
_LETTER = rf"(?:[A-Za-z](?:[ \t]+as[ \t]+in[ \t]+[A-Za-z]{{2,}})?|(?i:{_NATO}))"
_SEP = r"(?:[ \t]*[,\-][ \t]*|[ \t]+)"
#: The pause between the letters and the digits: blanks, a comma, a dash or the word, dots.
_GAP = r"(?:[ \t]*(?:,|-|\.\.\.|\u2026|[ \t]dash)?[ \t]*)"
_SPOKEN = re.compile(
    rf"(?<![\w'\-/.&@#$%+=])(?P<letters>{_LETTER}(?:{_SEP}{_LETTER}){{0,3}}){_GAP}\Z"
)
#: Capitals glued to the digits ("W6419", "ZGP766708726"), or one lower-case letter ("k80").
#: (After a blank, a quote, a colon or an equals sign: not a record's code before an account,
#: Fedwire's "{5000}D39574627986", whose "D" says the ID is a DDA account's.)
_GLUED = re.compile(r"(?:^|(?<=[\s\"'(:=#>,]))(?:[A-Z]{1,4}|[a-z])\Z")
#: A letter alone that is a word.
_WORDS = frozenset({"a", "i", "A", "I"})


def letter_prefix_start(text: str, start: int) -> int:
    """Where the letters that open the identifier at `start` start in `text` (`start` itself
    where none do)."""
    if start <= 0:
        return start
    if text[start - 1].isalpha():
        glued = _GLUED.search(text, max(0, start - 5), start)
        return glued.start() if glued is not None else start
    found = _SPOKEN.search(text, max(0, start - _REACH), start)
    if found is None:
        return start
    letters = found.group("letters")
    if letters in _WORDS:
        return start
    return found.start()
