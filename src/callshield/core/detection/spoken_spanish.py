"""Dates said in Spanish, as speech-to-text writes them: "veintisiete de diciembre de mil
novecientos setenta y dos" is written "27 de diciembre de 1972", which the date detectors
read (a US contact center's callers answer "me confirma su fecha de nacimiento" in Spanish).

The day and the year are rewritten; "de", the month and "de" stay as they are. Only a whole
date (day, month, year) is rewritten: Spanish numbers alone are read as digits elsewhere
(`spoken_words.SPANISH_UNITS`), and an amount ("setenta y dos mil pesos") is no date. Pure.
"""

from __future__ import annotations

from callshield.core.detection.spoken_tokens import Piece, Run, Token
from callshield.core.detection.spoken_words import SPANISH_MONTHS

_UNITS = {
    "uno": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9,
}  # fmt: skip
#: The numbers of one word below thirty (with and without their accents)
_ONE_WORD = {
    **_UNITS, "cero": 0, "primero": 1, "diez": 10, "once": 11, "doce": 12, "trece": 13,
    "catorce": 14, "quince": 15, "dieciseis": 16, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21,
    "veintiún": 21, "veintidos": 22, "veintidós": 22, "veintitres": 23, "veintitrés": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "veintiséis": 26,
    "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}  # fmt: skip
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
MONTHS = frozenset(SPANISH_MONTHS.split("|"))
_LAST_DAY = 31


def _word(tokens: list[Token], j: int) -> str:
    return tokens[j].word if 0 <= j < len(tokens) else ""


def _under_100(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """The number below a hundred said from token j on, and its last token."""
    word = _word(tokens, j)
    if word in _ONE_WORD:
        return _ONE_WORD[word], j
    if word in _TENS:
        if _word(tokens, j + 1) == "y" and _word(tokens, j + 2) in _UNITS:
            return _TENS[word] + _UNITS[_word(tokens, j + 2)], j + 2
        return _TENS[word], j
    return None


def _year(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """The year said from token j on ("mil novecientos ochenta y cuatro", "dos mil tres"),
    and its last token."""
    pair = (_word(tokens, j), _word(tokens, j + 1))
    if pair == ("mil", "novecientos"):
        base = 1900
    elif pair == ("dos", "mil"):
        base = 2000
    else:
        return None
    rest = _under_100(tokens, j + 2)
    return (base + rest[0], rest[1]) if rest is not None else (base, j + 1)


def _day_before(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """The day said in the tokens that end at j, and its first token."""
    if _word(tokens, j) in _UNITS and _word(tokens, j - 1) == "y" and _word(tokens, j - 2) in _TENS:
        day = _TENS[_word(tokens, j - 2)] + _UNITS[_word(tokens, j)]
        return (day, j - 2) if day <= _LAST_DAY else None
    word = _word(tokens, j)
    day = _ONE_WORD.get(word) or _TENS.get(word, 0)
    return (day, j) if 0 < day <= _LAST_DAY else None


def _short_year(tokens: list[Token], j: int) -> tuple[str, int] | None:
    """The year said in two digits from token j on, after "del" ("del sesenta y siete": 67,
    "del dos": 02), and its last token."""
    number = _under_100(tokens, j)
    return (f"{number[0]:02d}", number[1]) if number is not None else None


def spanish_dates(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """The day and the year of each date said "<day> de <month> de <year>", in digits; and
    the year said in two digits after "del" ("seis de diciembre del sesenta y siete": "6 de
    diciembre del 67"; a card's expiry, "agosto del veintiocho": "agosto del 28")."""
    out: list[Run] = []
    for k, tok in enumerate(tokens):
        after = _word(tokens, k + 1)
        if tok.word not in MONTHS or after not in ("de", "del"):
            continue
        day = _day_before(tokens, k - 2) if _word(tokens, k - 1) == "de" else None
        full = _year(tokens, k + 2)
        year = (str(full[0]), full[1]) if full is not None else None
        if year is None and after == "del":
            year = _short_year(tokens, k + 2)
        elif day is None:
            continue  # (a four-digit year alone: "marzo de dos mil" is said of no birth)
        if year is None:
            continue
        parts = [(year[0], k + 2, year[1])]
        if day is not None:
            parts.append((str(day[0]), day[1], k - 2))
        if any(any(taken[a : b + 1]) for _, a, b in parts):
            continue
        for value, a, b in sorted(parts, key=lambda part: part[1]):
            s, e = tokens[a].start, tokens[b].end
            out.append((a, b, [Piece(s, e, s, e, value)]))
    return out
