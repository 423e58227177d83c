"""A scanned form's field labels and names as OCR misread them, read as printed.

A fax or a scan run through OCR comes back with its letters mistaken for digits and for each
other: "Patient Narne:", "Addrcss:", "Ph0ne:", "S5N:", "Z1P:", "Acc0unt:", "Mcrnbcr Id:". The
detectors' cues are the labels as printed, so behind such a label its value ("BWH45159375S",
"(72O) 55S-O1G7") has no cue, and a name written with a digit for a letter ("BR1TTANY",
"8ARR, SONYA", "C01in 5ingh") is in no name list. `ocr_labels` writes a label's words that
OCR's confusions make of a form's usual words as those words, and `ocr_letters` writes the
digits inside a word of letters as the letters they stand for. Both keep the text's length
(a word read shorter, "Narne" as "Name", is padded with blanks before it), so the engine
reads the result as a second reading of the same text, with the same offsets.

Pure: no I/O.
"""

from __future__ import annotations

import re

#: Words of a form's field labels, as printed.
_LABEL_WORDS = frozenset(
    """name names first last middle full patient applicant member client customer insured
    subscriber policy number id account routing address city state zip phone home mobile
    cell work email dob date birth driver lic license licence ssn taxpayer itin tin checking
    savings deposit refund agent designee employer contact signature spouse group card
    expiration exp passport beneficiary guarantor claimant employee social security claim
    no acct telephone fax attorney""".split()
)

#: OCR's confusions, each folded to one form: "rn" and "m", "0" and "o", "1", "l", "i", "|"
#: and "!", "5" and "s", "8" and "b", "c" and "e", "2" and "z".
_FOLDS = str.maketrans("01il|!5$8c2", "olllllssbez")


def _fold(word: str) -> str:
    return word.lower().replace("rn", "m").replace("vv", "w").translate(_FOLDS)


#: A form's label words by their folded form (a folded form two words share is neither's).
_BY_FOLD: dict[str, str] = {}
for _word in sorted(_LABEL_WORDS):
    _BY_FOLD[_fold(_word)] = "" if _fold(_word) in _BY_FOLD else _word
#: A field's label: from a line's start, or after two blanks, its words before a colon and a
#: blank ("Patient Narne: ", "  55N: ", "Horne Ph0ne: ", "Taxpaycr 1T1N (spouse): ").
_LABEL = re.compile(
    r"(?:^|(?<=[ \t]{2}))[ \t]*(?P<label>[A-Za-z0-9|!$](?:[A-Za-z0-9|!$.\-'()]|[ \t](?=\S)){0,40}?)"
    r"(?=:[ \t])",
    re.MULTILINE,
)
_LABEL_WORD = re.compile(r"[A-Za-z0-9|!$]+")


def ocr_labels(text: str) -> str:
    """`text` with the words of its field labels that OCR misread written as the form's words
    ("Patient Narne:" as "Patient  Name:"), and, anywhere, such a word with a digit in it
    ("R0UTING N0." as "ROUTING NO."); the same length."""
    return _MISREAD_WORD.sub(_label_word, _LABEL.sub(_label, text))


#: A word of letters with a digit or a mark among them, as OCR misreads a printed word.
_MISREAD_WORD = re.compile(
    r"(?<![\w@.\-])(?=[A-Za-z]*[0-9|!$])(?=[0-9|!$]*[A-Za-z])[A-Za-z0-9|!$]{2,}(?![\w@\-])"
)


def _label(match: re.Match[str]) -> str:
    return _LABEL_WORD.sub(_label_word, match.group())


def _label_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.lower() in _LABEL_WORDS or not any(c.isalpha() for c in word):
        return word
    meant = _BY_FOLD.get(_fold(word))
    if not meant or len(meant) > len(word):
        return word
    shown = meant.upper() if word.isupper() and len(word) > 1 else meant
    if not word.isupper() and (word[0].isupper() or word[0].isdigit()):
        shown = meant.capitalize()
    return " " * (len(word) - len(meant)) + shown


#: A word of letters with a digit or two among them ("G0NZALEZ", "8ARR", "C01in", "Kay1a").
_LETTERS_WORD = re.compile(r"(?<![\w@.\-])(?=[A-Za-z]*[01258])[A-Za-z01258]{4,}(?![\w@\-]|\.\w)")
_AS_CAPITALS = str.maketrans("01258", "OIZSB")
_AS_SMALL = str.maketrans("01258", "olzsb")
#: Letters OCR writes for digits (the engine's `_OCR_DIGITS`) and the digits this reads.
_DIGIT_LIKE = "OolISBZG01258"


def ocr_letters(text: str) -> str:
    """`text` with the digits inside words of letters written as the letters OCR took them
    for ("BR1TTANY" as "BRITTANY", "5ingh" as "Singh"); the same length. A word with more
    than a quarter of digits, or fewer than three letters, stays as it is ("1st", "A5-2B")."""
    return _LETTERS_WORD.sub(_letters, text)


def _letters(match: re.Match[str]) -> str:
    word = match.group()
    letters = sum(c.isalpha() for c in word)
    if letters < 3 or len(word) - letters > 2 or not word.strip(_DIGIT_LIKE):
        return word  # (nor a number's group whose letters OCR makes of digits: "0SOS")
    capitals = sum(c.isupper() for c in word) > letters // 2
    if capitals:
        return word.translate(_AS_CAPITALS)
    # (a word in small letters: its first digit, where it opens the word, is its capital)
    head = word[0].translate(_AS_CAPITALS) if word[0].isdigit() else word[0]
    return head + word[1:].translate(_AS_SMALL)
