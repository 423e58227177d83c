"""Dates said in Spanish, as speech-to-text writes them: "veintisiete de diciembre de mil
novecientos setenta y dos" is written "27 de diciembre de 1972", which the date detectors
read (a US contact center's callers answer "me confirma su fecha de nacimiento" in Spanish).

The day and the year are rewritten; "de", the month and "de" stay as they are. Only a whole
date (day, month, year) is rewritten: Spanish numbers alone are read as digits elsewhere
(`spoken_words.SPANISH_UNITS`), and an amount ("setenta y dos mil pesos") is no date. Pure.
"""

from __future__ import annotations

from callshield.core.detection.spoken_tokens import Piece, Run, Token

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
MONTHS = frozenset(
    """enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre
    noviembre diciembre""".split()
)
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


def spanish_dates(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """The day and the year of each date said "<day> de <month> de <year>", in digits."""
    out: list[Run] = []
    for k, tok in enumerate(tokens):
        if tok.word not in MONTHS or _word(tokens, k - 1) != "de" or _word(tokens, k + 1) != "de":
            continue
        day = _day_before(tokens, k - 2)
        year = _year(tokens, k + 2)
        if day is None or year is None:
            continue
        (day_value, first), (year_value, last) = day, year
        if any(taken[first : k - 1]) or any(taken[k + 2 : last + 1]):
            continue
        for value, a, b in ((day_value, first, k - 2), (year_value, k + 2, last)):
            s, e = tokens[a].start, tokens[b].end
            out.append((a, b, [Piece(s, e, s, e, str(value))]))
    return out
