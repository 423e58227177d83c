"""A scanned form as OCR misread it, read as printed: its numbers, its labels and its names.

A fax or a scan run through OCR comes back with its digits mistaken for letters ("O6-13-l958",
"(72O) 55S-O1G7") and its letters for digits and for each other: "Patient Narne:",
"Addrcss:", "Ph0ne:", "S5N:", "Z1P:", "Acc0unt:", "Mcrnbcr Id:". A number with letters in it
validates as nothing; behind a misread label a value has no cue; and a name written with a
digit for a letter ("BR1TTANY", "8ARR, SONYA", "C01in 5ingh") is in no name list.
`ocr_reading` writes a number's letters as the digits they stand for (`ocr_numbers`), a
label's words that OCR's confusions make of a form's usual words as those words
(`ocr_labels`), and the digits inside a word of letters as the letters (`ocr_letters`). Each
keeps the text's length (a word read shorter, "Narne" as "Name", is padded with blanks before
it), so the engine reads the result as a second reading of the same text, with the same
offsets.

Pure: no I/O.
"""

from __future__ import annotations

import re

#: Letters OCR writes for digits, and the digits they stand for.
_DIGIT_LETTERS = "OolISBZG"
_OCR_DIGITS = str.maketrans(_DIGIT_LETTERS, "00115826")
#: A digit, or a letter OCR writes for one.
_D = f"[0-9{_DIGIT_LETTERS}]"


def ocr_hinted(text: str) -> bool:
    """Whether `text` has a digit beside a letter OCR writes for a digit: the cheap test
    before `ocr_reading`."""
    return _OCR_HINT.search(text) is not None


def ocr_reading(text: str) -> str:
    """`text` as printed where OCR misread it: its numbers, its labels and its names (the same
    length)."""
    return ocr_letters(ocr_labels(ocr_numbers(text)))


#: A digit beside a letter that OCR writes for a digit.
_OCR_HINT = re.compile(rf"\d(?:(?<=[{_DIGIT_LETTERS}].)|[{_DIGIT_LETTERS}])")
#: A number with such letters in it, groups joined by a dash, a slash or a dot, a word alone.
_OCR_NUMBER = re.compile(
    # (not after "%": a percent-escape, "%2B1555...", is no number)
    rf"(?<![A-Za-z0-9%]){_D}(?:{_D}|[\-/.](?={_D}))*(?![A-Za-z0-9])"
)
#: A date's shape: two, two and four (or two) characters, one separator between.
_OCR_DATE = re.compile(rf"{_D}{{1,2}}([/\-.]){_D}{{1,2}}\1{_D}{{2,4}}")
#: A card number's shape: three or four groups of four apart by blanks or dashes, each group a
#: token of its own that `_OCR_NUMBER` reads alone ("3S3O 1ll3 333O 0OOO").
_OCR_CARD = re.compile(rf"(?<![A-Za-z0-9]){_D}{{4}}(?:[ \-]{_D}{{4}}){{2,3}}(?![A-Za-z0-9])")


def ocr_numbers(text: str) -> str:
    """`text` with the letters of its numbers as the digits OCR mistook them for (the same
    length)."""
    return _OCR_NUMBER.sub(_ocr_digits, _OCR_CARD.sub(_ocr_card, text))


def _ocr_card(match: re.Match[str]) -> str:
    """A card number's groups as digits, where half its characters are digits already."""
    token = match.group()
    digits = sum(c.isdigit() for c in token)
    return token.translate(_OCR_DIGITS) if 2 * digits >= len(token.replace(" ", "")) else token


def _ocr_digits(match: re.Match[str]) -> str:
    """A number's letters as the digits OCR mistook them for, when digits are most of it
    (three at least, or two of an area code's three): "l974" is 1974; "IS", "Bob", "SOS"
    stay words."""
    token = match.group()
    if (prefix := _ID_PREFIX.match(token)) is not None:
        # ("OBS-2025-000417", "SO/7741": an identifier's letters before its first dash stay
        # letters; OCR mistakes a digit inside a number)
        return prefix.group() + _ocr_digits_of(token[prefix.end() :], match)
    return _ocr_digits_of(token, match)


#: Letters that open an identifier, before its first dash or slash (three at least: "Ol/l7/l95G"
#: is a date, its month's two digits read as letters).
_ID_PREFIX = re.compile(r"[A-Za-z]{3,}[\-/]")


def _ocr_digits_of(token: str, match: re.Match[str]) -> str:
    """`token` (of `match`, or its part after an identifier's letters) as digits, where
    digits are most of it."""
    digits = sum(c.isdigit() for c in token)
    letters = sum(c.isalpha() for c in token)
    if digits >= 3 and (digits > letters or (digits == letters and _OCR_DATE.fullmatch(token))):
        return token.translate(_OCR_DIGITS)  # (a date's shape with as many: "ll/19/ZO04")
    # (or an area code in parentheses, "(2l2) 555-O140": three characters, two of them digits)
    text, start, end = match.string, match.start(), match.end()
    if (
        len(token) == 3
        and digits == 2
        and text[start - 1 : start] == "("
        and text[end : end + 1] == ")"
    ):
        return token.translate(_OCR_DIGITS)
    return token


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
#: Letters OCR writes for digits, and the digits this reads as letters.
_DIGIT_LIKE = _DIGIT_LETTERS + "01258"


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
