"""Numbers said with a correction inside them: "three seven one four ... five three sorry nine
eight four three one", "five five ... five eight oops four four four four", "four oh one two three
no wait four oh one two eight ...".

Speech-to-text keeps the words a caller takes back, so a card or a social said with a slip is
two runs of digits with "sorry" between them, and neither is a value on its own: both leaked.
Where the runs read together as a card or a social (joined, the slip's last digits replaced by
what follows, or said again from the start), they are one value, which covers the slip too.
Which reading the caller meant does not matter for redaction: every digit said is covered.
"""

from __future__ import annotations

from stdnum import luhn
from stdnum.us import ssn

from callshield.core.detection import spoken_words as w
from callshield.core.detection.spoken_tokens import Piece, Run, Token

#: Phrases that take back what was just said ("wait" and "i mean" are read as hesitations
#: before this step: see `spoken._FILLER_PHRASES`).
_CORRECTIONS = tuple(
    tuple(phrase.split())
    for phrase in (
        "no sorry let me start again", "sorry let me start again", "let me start again",
        "let me start over", "start again", "start over", "scratch that", "my bad", "sorry",
        "oops", "no wait", "no", "wait", "i mean", "actually",
    )
)  # fmt: skip
_HEADS = frozenset(phrase[0] for phrase in _CORRECTIONS)
#: Digits replaced by the words after a slip, at most ("... five eight oops four ...").
_MAX_REPLACED = 3
_ZIP_DIGITS = 5
_ZIP_WORDS = frozenset({"zip", "zipcode", "postal", "postcode"})
#: How many words before a number its question for a ZIP may be.
_ZIP_REACH = 12
#: First digits of a card number (Mastercard's 2-series to Discover's and UnionPay's 6).
_CARD_HEADS = frozenset("23456")


def corrected_runs(tokens: list[Token], runs: list[Run]) -> list[Run]:
    """`runs` (digit runs in token order), with runs that a correction separates merged where
    together they read as a card or a social."""
    if len(runs) < 2 or not any(tok.word in _HEADS for tok in tokens):
        return runs
    out: list[Run] = []
    k = 0
    while k < len(runs):
        stop = k
        while stop + 1 < len(runs) and _slip_between(tokens, runs[stop][1], runs[stop + 1][0]):
            stop += 1
        zip_asked = stop > k and _ZIP_WORDS.intersection(
            tok.word for tok in tokens[max(0, runs[k][0] - _ZIP_REACH) : runs[k][0]]
        )
        parts = [_digits(run) for run in runs[k : stop + 1]]
        value = _reading(parts, bool(zip_asked)) if stop > k else None
        if value is None:
            out.append(runs[k])
            k += 1
            continue
        first, last = runs[k][0], runs[stop][1]
        s, e = tokens[first].start, tokens[last].end
        out.append((first, last, [Piece(s, e, s, e, value)]))
        k = stop + 1
    return out


def _slip_between(tokens: list[Token], last: int, first: int) -> bool:
    """Whether the tokens between two runs are a correction (with hesitations), in one line."""
    if tokens[last].line_end:
        return False
    k, said = last + 1, False
    while k < first:
        word = tokens[k].word
        if word in w.FILLERS or word in w.PUNCT_FILLERS:
            k += 1
            continue
        phrase = next((p for p in _CORRECTIONS if _says(tokens, k, p)), None)
        if phrase is None:
            return False
        said = True
        k += len(phrase)
    return said and not any(tok.line_end for tok in tokens[last + 1 : first])


def _says(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return k + len(phrase) <= len(tokens) and all(
        tokens[k + i].word == word for i, word in enumerate(phrase)
    )


def _digits(run: Run) -> str:
    return "".join(ch for piece in run[2] for ch in piece.text if ch.isdigit())


def _reading(parts: list[str], zip_asked: bool = False) -> str | None:
    """The value `parts` (the digits between slips) read as, or None: all of them joined (a
    slip said as a hesitation), or one slip's last digits replaced by what follows, or the
    number said again after it."""
    readings = ["".join(parts)]
    for gap in range(1, len(parts)):
        before, after = "".join(parts[:gap]), "".join(parts[gap:])
        if not (zip_asked and len(after) == len(before) == _ZIP_DIGITS):
            # (not a ZIP said again in full after a question for it: "four two two oh nine
            # oops no one two two zero nine" was read "4220" + "12209", a social, and neither
            # ZIP was found)
            readings.extend(
                before[:-n] + after for n in range(1, min(_MAX_REPLACED, len(before)) + 1)
            )
        readings.append(after)
    return next((value for value in readings if _plausible(value)), None)


def _plausible(value: str) -> bool:
    """A card number (issuer's first digit, length, Luhn) or a social (SSA rules)."""
    if 13 <= len(value) <= 19:
        return value[0] in _CARD_HEADS and luhn.is_valid(value)
    return len(value) == 9 and ssn.is_valid(value)
