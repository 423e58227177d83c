"""Numbers said in Portuguese and French inside a run of digits, read as the English words the
digit runs know: "cinq un quatre, cinq cinq cinq" (Québec), "nove um nove" (Brazil), and the
tens a French caller groups a number in ("zéro six, trente-neuf, quatre-vingt-dix-huit,
onze": 06 39 98 11), or a Portuguese one ("PT setenta e um").

Their digits of one word are `spoken_words.FOREIGN_UNITS`, read wherever they are. This pass
reads what only a neighbouring digit makes a number: "um" and "un" (English's filler, English's
or French's article), "sept" (September's short form), and the tens and teens, of one word or
several ("soixante-douze", "vinte e três"), each read as an English tens word and unit (72:
"seventy", "two"). Pure.
"""

from __future__ import annotations

import re

from callshield.core.detection import spoken_words as w
from callshield.core.detection.spoken_tokens import Token, is_number_word

#: Words that are digits only next to a Portuguese or French digit: "um" and "un" (one),
#: "sept" (seven), and "quatro" and "quatre" (four; not "os últimos quatro... two one six
#: one", the last four said in English).
_SAID_NEAR = {
    "um": "one", "uma": "one", "un": "one", "une": "one", "sept": "seven", "quatro": "four",
    "quatre": "four",
    # (Tagalog's one and five: "isa sero sero sero lima")
    "isa": "one", "lima": "five",
}  # fmt: skip
#: The units a tens word is joined to ("soixante-six", "vinte e três"): the Portuguese and
#: French digits, those Spanish shares with Portuguese ("cinco", "seis"), and the words above.
_UNITS = {
    **w.FOREIGN_UNITS,
    **w.SPANISH_UNITS,
    "six": 6,
    **{word: w.UNITS[english] for word, english in _SAID_NEAR.items()},
}
_TEENS = {
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "dez": 10, "doze": 12, "treze": 13, "catorze": 14, "dezesseis": 16,
    "dezasseis": 16, "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19,
    "dezanove": 19,
}  # fmt: skip
_TENS = {
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70,
    "oitenta": 80, "noventa": 90,
}  # fmt: skip
#: What joins a number's words: "soixante-six", "vingt et un", "vinte e três".
_JOINERS = frozenset({"-", "et", "e"})
_ENGLISH_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ENGLISH_TEENS = {number: word for word, number in w.TEENS.items()}
_ENGLISH_TENS = {tens * 10: word for word, tens in w.TENS.items() if word != "fourty"}
#: The Vietnamese digit words with a mark no other language's digit has: a text with one of
#: them says its numbers in Vietnamese, and its "hai" and "ba" may be digits.
_VIETNAMESE = frozenset(w.VIETNAMESE_UNITS) | (w.VIETNAMESE_NEAR.keys() - {"hai", "ba"})
#: A text says a number in Portuguese or French only with one of these words in it (looked
#: for in the text in lower case: caseless, `re` reads it four times slower, 40 us a text).
FOREIGN_NUMBER = re.compile(
    rf"\b(?:{'|'.join(sorted({*w.FOREIGN_UNITS, *_TENS, *_TEENS} - {'dix', 'onze', 'seize'}))}"
    rf"|{'|'.join(sorted(_VIETNAMESE))})"
    r"\b"
    # (Portuguese's one beside a digit it shares with Spanish: "cinco um zero")
    r"|\b(?:cinco|seis)[\s,]{1,2}uma?\b|\buma?[\s,]{1,2}(?:cinco|seis)\b"
)
_SKIPPED = frozenset({",", "..", "...", "…", ";", "."})


def _words(tokens: list[Token], k: int) -> list[int]:
    """The tokens of the number said in words from token k on, its joiners left out: "quatre -
    vingt - dix - huit" -> the indexes of quatre, vingt, dix, huit."""
    out = [k]
    j = k + 1
    while j + 1 < len(tokens) and tokens[j].word in _JOINERS:
        word = tokens[j + 1].word
        if word not in _UNITS and word not in _TEENS and word not in _TENS:
            break
        if tokens[j].word == "-" and not (
            tokens[j - 1].end == tokens[j].start and tokens[j].end == tokens[j + 1].start
        ):
            break  # (a dash between blanks parts two numbers)
        out.append(j + 1)
        j += 2
    return out


def _value(words: list[str]) -> tuple[int, int] | None:
    """The number below a hundred the words say, and how many of them say it (from the first
    on: "soixante-six" 66, 2; "vinte e três" 23, 2), or None where they say none."""
    base, used = 0, 0
    if words[:2] in (["quatre", "vingt"], ["quatre", "vingts"]):
        base, used = 80, 2
    elif words[0] in _TENS:
        base, used = _TENS[words[0]], 1
    rest = words[used:]
    if rest[:1] and rest[0] in _TEENS:
        if rest[0] == "dix" and rest[1:2] and rest[1] in _UNITS and _UNITS[rest[1]] > 6:
            teen, taken = 10 + _UNITS[rest[1]], 2  # "dix-sept", "quatre-vingt-dix-neuf"
        else:
            teen, taken = _TEENS[rest[0]], 1
        if base % 20 == 0 and (base in (60, 80) or not base):  # "soixante-douze", "dix-huit"
            return base + teen, used + taken
        return (base, used) if base else None
    if rest[:1] and rest[0] in _UNITS and base:
        return base + _UNITS[rest[0]], used + 1
    return (base, used) if base else None


def _english(value: int) -> tuple[str, ...]:
    if value < 10:
        return (_ENGLISH_UNITS[value],)
    if value < 20:
        return (_ENGLISH_TEENS[value],)
    tens, unit = divmod(value, 10)
    return (
        (_ENGLISH_TENS[tens * 10],)
        if not unit
        else (_ENGLISH_TENS[tens * 10], _ENGLISH_UNITS[unit])
    )


def _neighbour(tokens: list[Token], k: int, step: int) -> int:
    """The next token from k on in one direction, past commas and dots; -1 if none."""
    j = k + step
    while 0 <= j < len(tokens) and tokens[j].word in _SKIPPED:
        j += step
    return j if 0 <= j < len(tokens) else -1


def foreign_in_runs(tokens: list[Token]) -> list[Token]:
    """`tokens`, with the Portuguese and French numbers inside a run of digits read in
    English (a number's joined words one token, or two: its tens, then its unit), and the
    Vietnamese digits that are other words too read as digits beside a digit."""
    if any(tok.word in _VIETNAMESE for tok in tokens):
        tokens = _vietnamese_in_runs(tokens)
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        word = tok.word
        if word in _TENS or word in _TEENS or word == "quatre":
            read = _number(tokens, k, out)
            if read is not None:
                out.extend(read[0])
                k = read[1] + 1
                continue
        if word in _SAID_NEAR and _near_foreign(tokens, k):
            out.append(tok._replace(word=_SAID_NEAR[word]))
        else:
            out.append(tok)
        k += 1
    return out


def _vietnamese_in_runs(tokens: list[Token]) -> list[Token]:
    """`tokens`, with "không", "một", "hai", "ba" and "năm" read as English digits where a
    neighbour (past commas and dots) is a digit, said in any language or written, or such a
    word read so: "bảy bảy ba, năm năm năm, không một ba một" (773 555 0131), "one one
    nine, năm không một". A pass each way reads a chain from the digit it touches."""
    out = list(tokens)
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        for k in order:
            said = w.VIETNAMESE_NEAR.get(out[k].word)
            if said is not None and any(
                j >= 0 and is_number_word(out[j].word)
                for j in (_neighbour(out, k, -1), _neighbour(out, k, 1))
            ):
                out[k] = out[k]._replace(word=said)
    return out


def _near_foreign(tokens: list[Token], k: int) -> bool:
    """Whether the word at k is next to a Portuguese or French digit (past commas and dots),
    or next to another word such as itself or another digit with one such digit three tokens
    away at most ("un sept neuf", "quatro zero um dois")."""
    near = {tokens[j].word for j in (_neighbour(tokens, k, -1), _neighbour(tokens, k, 1)) if j >= 0}
    if near & w.FOREIGN_UNITS.keys():
        return True
    if tokens[k].word in _ONE and near & _SHARED and _portuguese_around(tokens, k):
        return True  # "cinco um zero cinco um": a Brazilian caller's one
    # (or next to a digit in any language, such a digit near: "quatro zero um dois oito")
    return bool(near & _SAID_NEAR.keys() or any(is_number_word(word) for word in near)) and any(
        tokens[j].word in w.FOREIGN_UNITS for j in range(max(0, k - 3), min(len(tokens), k + 4))
    )


#: Portuguese's one ("um", "uma"), and the digits Portuguese shares with Spanish, which are no
#: English words: "cinco um" is a Brazilian caller's 5 1, where "five um" is an English one's
#: hesitation.
_ONE = frozenset({"um", "uma"})
_SHARED = frozenset({"cinco", "seis"})
#: Spanish's digits that Portuguese says otherwise: beside one of them, "um" is a Spanish
#: speaker's hesitation ("cuatro cinco um seis").
_SPANISH_ONLY = frozenset(w.SPANISH_UNITS) - _SHARED


def _portuguese_around(tokens: list[Token], k: int) -> bool:
    """Whether the digits around token k (three tokens each way) say no Spanish-only digit
    and every neighbour of k is a digit word."""
    if any(tokens[j].word in _SPANISH_ONLY for j in range(max(0, k - 3), min(len(tokens), k + 4))):
        return False
    return all(
        is_number_word(tokens[j].word)
        for j in (_neighbour(tokens, k, -1), _neighbour(tokens, k, 1))
        if j >= 0
    )


def _number(tokens: list[Token], k: int, out: list[Token]) -> tuple[list[Token], int] | None:
    """The English tokens of the tens or teens said from token k on, and its last token's
    index: where a number word is said before it (`out`'s last word) or after it."""
    indexes = _words(tokens, k)
    said = _value([tokens[j].word for j in indexes])
    if said is None:
        return None
    value, used = said
    last = indexes[used - 1]
    before = next((t.word for t in reversed(out) if t.word not in _SKIPPED), "")
    after = _neighbour(tokens, last, 1)
    if not (is_number_word(before) or (after >= 0 and _numeric(tokens[after].word))):
        return None
    english = _english(value)
    first, end = tokens[k].start, tokens[last].end
    line_end = tokens[last].line_end
    if len(english) == 1:
        return [Token(first, end, english[0], line_end)], last
    # the tens up to the last word; the unit, the last word and the joiner before it
    joiner = last - 1
    return [
        Token(first, tokens[joiner - 1].end, english[0], False),
        Token(tokens[joiner].start, end, english[1], line_end),
    ], last


def _numeric(word: str) -> bool:
    """A word that says (part of) a number, in English, Portuguese or French."""
    return is_number_word(word) or word in _TENS or word in _TEENS or word in _SAID_NEAR
