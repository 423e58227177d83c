"""How an ASR engine writes values down: numbers as words, spelled letters, "dot" and "at".

Used by the corpus generator for the `call_spoken` kind. Every spoken form is lowercase, with no
digits and no punctuation other than commas and "..." fillers. The `*_phrase` helpers at the end
give the written or the spoken form of amounts, times and dates.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

ONES = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)  # fmt: skip
TENS = (
    "_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)  # fmt: skip
ORDINALS = (
    "_", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip

#: What an ASR engine writes for a digit when the audio is ambiguous.
HOMOPHONES = {"1": "won", "2": "to", "4": "for", "8": "ate"}
#: Between digit groups: hesitations, pauses and the odd comma.
GROUP_FILLERS = (" ", " ", " ", ", ", " uh ", " um ", " ... ", ", uh, ", " um, ")


def number_words(n: int) -> str:
    """0 <= n < 1,000,000 as words: 249 -> "two hundred forty nine"."""
    if n < 20:
        return ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return TENS[tens] + ("" if ones == 0 else " " + ONES[ones])
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return ONES[hundreds] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    thousands, rest = divmod(n, 1000)
    return number_words(thousands) + " thousand" + ("" if rest == 0 else " " + number_words(rest))


def ordinal_words(n: int) -> str:
    """1..31 as an ordinal: 3 -> "third", 21 -> "twenty first"."""
    if n <= 20:
        return ORDINALS[n]
    tens, ones = divmod(n, 10)
    if ones == 0:
        return TENS[tens][:-1] + "ieth"
    return TENS[tens] + " " + ORDINALS[ones]


def year_words(year: int) -> str:
    """1985 -> "nineteen eighty five", 2003 -> "two thousand three", 2019 -> "twenty nineteen"."""
    high, low = divmod(year, 100)
    if low == 0:
        return number_words(year) if high % 10 == 0 else number_words(high) + " hundred"
    if high == 20 and low < 10:
        return "two thousand " + number_words(low)
    return number_words(high) + " " + _pair_words(f"{low:02d}")


def _pair_words(pair: str) -> str:
    """Two digits as a speaker groups them: "41" -> "forty one", "05" -> "oh five"."""
    if pair[0] == "0":
        return "oh " + ("oh" if pair[1] == "0" else ONES[int(pair[1])])
    return number_words(int(pair))


def _digit_word(digit: str, rng: random.Random) -> str:
    if digit == "0":
        return rng.choice(("oh", "oh", "zero"))
    if digit in HOMOPHONES and rng.random() < 0.07:
        return HOMOPHONES[digit]
    return ONES[int(digit)]


def _digit_by_digit(group: str, rng: random.Random) -> list[str]:
    """ "5557" -> ["triple five", "seven"] or ["double five", "five", "seven"] or one per digit."""
    words: list[str] = []
    i = 0
    while i < len(group):
        run = 1
        while i + run < len(group) and group[i + run] == group[i]:
            run += 1
        digit_word = "oh" if group[i] == "0" else ONES[int(group[i])]
        if run >= 3 and rng.random() < 0.4:
            words.append("triple " + digit_word)
            i += 3
        elif run >= 2 and rng.random() < 0.4:
            words.append("double " + digit_word)
            i += 2
        else:
            words.append(_digit_word(group[i], rng))
            i += 1
    return words


def spoken_group(group: str, rng: random.Random) -> str:
    """One digit group the way people read it out: digit by digit, or in pairs ("forty one")."""
    if len(group) == 4 and group[0] != "0" and group[2:] == "00" and rng.random() < 0.5:
        return _pair_words(group[:2]) + " hundred"
    if len(group) % 2 == 0 and rng.random() < 0.25:
        return " ".join(_pair_words(group[i : i + 2]) for i in range(0, len(group), 2))
    return " ".join(_digit_by_digit(group, rng))


def spoken_digits(groups: Sequence[str], rng: random.Random, fillers: bool = True) -> str:
    """Digit groups read out with optional hesitations between groups (never before or after)."""
    out = spoken_group(groups[0], rng)
    for group in groups[1:]:
        out += (rng.choice(GROUP_FILLERS) if fillers else " ") + spoken_group(group, rng)
    return out


def numerals_one_by_one(groups: Sequence[str], rng: random.Random) -> str:
    """Digit groups as ASR writes a value read out digit by digit: a numeral per digit, the
    groups apart by a comma or a longer pause ("4 1 1 1, 1 1 1 1"), or the digits of a short
    value joined by dashes or commas ("1-1-2-0", "7, 7, 3, 1")."""
    if len(groups) == 1 and len(groups[0]) <= 6:
        return rng.choice(("-", ", ", " ")).join(groups[0])
    return rng.choice((", ", " ", " ... ")).join(" ".join(group) for group in groups)


def spoken_house_number(number: str, rng: random.Random) -> str:
    """A house or unit number: "742" -> "seven forty two", "2601" -> "twenty six oh one"."""
    if number.startswith("0") or len(number) > 4:
        return " ".join(_digit_by_digit(number, rng))
    if len(number) == 4:
        return _pair_words(number[:2]) + " " + _pair_words(number[2:])
    if len(number) == 3 and rng.random() < 0.5:
        return ONES[int(number[0])] + " " + _pair_words(number[1:])
    return number_words(int(number))


def spoken_address(number: str, street: str, unit: str, place: str, rng: random.Random) -> str:
    """An address line as said: "seven forty two evergreen terrace apartment three ..."."""
    words = [spoken_house_number(number, rng), street]
    if unit:
        kind, unit_number = unit.split()
        words += ["apartment" if kind.startswith("Apt") else "suite"]
        words += [spoken_house_number(unit_number, rng)]
    return re.sub(r"[^a-z ]", "", " ".join([*words, place]).lower())


def spelled(text: str) -> str:
    """Letters one by one, digits as words: "Smith" -> "s m i t h"."""
    return " ".join(ONES[int(c)] if c.isdigit() else c for c in text.lower() if c.isalnum())


def spoken_alnum(value: str, rng: random.Random, group_size: int = 4) -> str:
    """A mixed letters-and-digits value (IBAN, licence) read out in groups."""
    compact = "".join(c for c in value.lower() if c.isalnum())
    groups = [compact[i : i + group_size] for i in range(0, len(compact), group_size)]
    parts = [" ".join(_alnum_words(g, rng)) for g in groups]
    out = parts[0]
    for part in parts[1:]:
        out += rng.choice(GROUP_FILLERS) + part
    return out


def _alnum_words(group: str, rng: random.Random) -> list[str]:
    return [c if c.isalpha() else _digit_word(c, rng) for c in group]


def _spoken_token(token: str, rng: random.Random) -> str:
    """One e-mail token: words stay words, digit runs are read digit by digit."""
    out: list[str] = []
    for chunk in _split_letters_digits(token):
        out.append(" ".join(_digit_by_digit(chunk, rng)) if chunk.isdigit() else chunk)
    return " ".join(out)


def _split_letters_digits(token: str) -> list[str]:
    chunks: list[str] = []
    for c in token:
        if chunks and chunks[-1][-1].isdigit() == c.isdigit():
            chunks[-1] += c
        else:
            chunks.append(c)
    return chunks


def spoken_email(address: str, rng: random.Random) -> str:
    """ "john.smith42@gmail.com" -> "john dot smith four two at gmail dot com"."""
    names = {".": " dot ", "_": " underscore ", "-": " dash ", "@": " at "}
    parts = _split_keep(address.lower(), "._-@")
    return "".join(names[p] if p in names else _spoken_token(p, rng) for p in parts)


def _split_keep(text: str, separators: str) -> list[str]:
    parts: list[str] = [""]
    for c in text:
        if c in separators:
            parts += [c, ""]
        else:
            parts[-1] += c
    return [p for p in parts if p]


def spoken_ip(address: str, rng: random.Random) -> str:
    """ "192.168.4.21" -> "one nine two dot one six eight dot four dot twenty one"."""
    octets = [
        number_words(int(o)) if rng.random() < 0.4 else " ".join(_digit_by_digit(o, rng))
        for o in address.split(".")
    ]
    return " dot ".join(octets)


def spoken_date(month: int, day: int, year: int | None, rng: random.Random) -> str:
    """A date as said: "march third nineteen eighty five", or "oh three oh four eighty five"."""
    if year is not None and rng.random() < 0.25:
        return f"{_pair_words(f'{month:02d}')} {_pair_words(f'{day:02d}')} {year_words(year)}"
    said = f"{MONTHS[month - 1]} {ordinal_words(day)}"
    if year is None:
        return said
    return said + rng.choice((" ", " ", ", ")) + year_words(year)


def spoken_expiry(month: int, year: int, rng: random.Random) -> str:
    """Card expiry: "oh eight twenty seven", "august twenty seven" or "zero eight two seven"."""
    style = rng.randrange(3)
    if style == 0:
        return f"{_pair_words(f'{month:02d}')} {_pair_words(f'{year % 100:02d}')}"
    if style == 1:
        short = _pair_words(f"{year % 100:02d}")
        return f"{MONTHS[month - 1]} {year_words(year) if rng.random() < 0.5 else short}"
    return " ".join(_digit_by_digit(f"{month:02d}{year % 100:02d}", rng))


def spoken_amount(dollars: int, cents: int) -> str:
    """ "two hundred forty nine dollars and ninety nine cents"."""
    said = number_words(dollars) + (" dollar" if dollars == 1 else " dollars")
    return said if cents == 0 else f"{said} and {number_words(cents)} cents"


def spoken_time(hour: int, minute: int) -> str:
    """ "three forty five pm", "nine oh five am", "ten oclock"."""
    label = "am" if hour < 12 else "pm"
    twelve = hour % 12 or 12
    if minute == 0:
        return f"{number_words(twelve)} oclock"
    return f"{number_words(twelve)} {_pair_words(f'{minute:02d}')} {label}"


def amount_phrase(rng: random.Random, spoken: bool) -> str:
    """A money amount: "$249.99" or "two hundred forty nine dollars and ninety nine cents"."""
    dollars, cents = rng.randint(5, 999), rng.choice((0, 99, 49, rng.randint(1, 98)))
    if spoken:
        return spoken_amount(dollars, cents)
    return f"${dollars}" if cents == 0 else f"${dollars}.{cents:02d}"


def time_phrase(rng: random.Random, spoken: bool) -> str:
    """A time of day: "3:45 pm", "9:05AM" or "three forty five pm"."""
    hour, minute = rng.randint(8, 18), rng.choice((0, 5, 15, 30, 45, 50))
    if spoken:
        return spoken_time(hour, minute)
    label = "am" if hour < 12 else "pm"
    suffix = rng.choice((label, label.upper(), " " + label, " " + label.upper()))
    return f"{hour % 12 or 12}:{minute:02d}{suffix}"


def date_phrase(rng: random.Random, spoken: bool) -> str:
    """A date that is not a date of birth: "March 3rd", "3/14" or "march third"."""
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    if spoken:
        return spoken_date(month, day, None, rng)
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(day, "th")
    name = MONTHS[month - 1].title()
    return rng.choice((f"{name} {day}{suffix}", f"{month}/{day}", f"{name} {day}"))
