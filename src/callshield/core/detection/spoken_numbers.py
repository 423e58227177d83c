"""Spoken numbers to digits: digit runs ("four one one one, double five" -> "4111 55"), spoken
IP addresses and dates ("march third" -> "march 3")."""

from __future__ import annotations

from callshield.core.detection import spoken_words as w
from callshield.core.detection.spoken_tokens import Piece, Run, Token, is_number_word

# --- IP addresses: "one nine two dot one six eight dot o dot one" -> "192.168.0.1" ---------


def _octet(tokens: list[Token], k: int) -> tuple[int, str] | None:
    """(tokens used, digits) for the octet said from token k on: digit words one at a time
    ("one nine eight", "one oh zero"), or in groups read as a number each and written one
    after the other ("one ninety eight" 198, "two twenty eight" 228, "fifty one" 51, "one
    hundred forty two" 142); 255 at most."""
    digits, used = "", 0
    while k + used < len(tokens) and len(digits) < 3:
        group = _octet_group(tokens, k + used)
        if group is None or len(digits) + len(group[1]) > 3:
            break
        digits += group[1]
        used += group[0]
    return (used, digits) if used and int(digits) <= _MOST_OCTET else None


_MOST_OCTET = 255


def _octet_group(tokens: list[Token], j: int) -> tuple[int, str] | None:
    """(tokens used, digits) for one group of an octet at token j."""
    word = tokens[j].word
    nxt = tokens[j + 1].word if j + 1 < len(tokens) else ""
    if (word in w.UNITS and word not in w.HOMOPHONES) or word in ("to", "too", "for", "ate"):
        if nxt == w.HUNDRED:
            rest = _below_hundred(tokens, j + 2)
            value = w.UNITS[word] * 100 + (rest[1] if rest else 0)
            return 2 + (rest[0] if rest else 0), str(value)
        return 1, str(w.UNITS[word])
    if word in w.TEENS:
        return 1, str(w.TEENS[word])
    if word in w.TENS:
        unit = w.UNITS.get(nxt, 0) if nxt not in w.HOMOPHONES else 0
        return (2, str(w.TENS[word] * 10 + unit)) if unit else (1, f"{w.TENS[word]}0")
    if word in w.REPEATS and nxt in w.UNITS:
        return 2, str(w.UNITS[nxt]) * w.REPEATS[word]
    if word.isdigit() and len(word) <= 3:
        return 1, word
    return None


def _below_hundred(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """(tokens used, value) for a number below a hundred said at token j, "and" before it
    perhaps ("one hundred and five")."""
    skip = 1 if j < len(tokens) and tokens[j].word == "and" else 0
    if j + skip >= len(tokens):
        return None
    group = _octet_group(tokens, j + skip)
    if group is None or len(group[1]) > 2 or tokens[j + skip].word == w.HUNDRED:
        return None
    return skip + group[0], int(group[1])


#: (and "period", as some speech-to-text engines write a spoken "dot")
_IP_SEPARATORS = frozenset({"dot", "point", "period"})


def spoken_ips(tokens: list[Token], taken: list[bool]) -> list[Run]:
    if sum(1 for tok in tokens if tok.word in _IP_SEPARATORS) < 3:
        return []  # four octets need three "dot"s: most texts are done here, in one pass
    out = []
    k = 0
    while k < len(tokens):
        octets: list[str] = []
        pos = k
        while len(octets) < 4:
            found = _octet(tokens, pos)
            if found is None:
                break
            octets.append(found[1])
            pos += found[0]
            if len(octets) < 4:
                if pos < len(tokens) and tokens[pos].word in _IP_SEPARATORS:
                    pos += 1
                else:
                    break
        if len(octets) == 4 and tokens[k].word.isalpha():
            s, e = tokens[k].start, tokens[pos - 1].end
            out.append((k, pos - 1, [Piece(s, e, s, e, ".".join(octets))]))
            k = pos
        else:
            k += 1
    return out


# --- digits: "four one one one, double five" -> "4111 55" -----------------------------------


#: Spoken number words, digits written one at a time, and what ASR puts between them. Longer
#: written numbers are not members: "078-05-1120 six months ago" keeps its number intact.
_RUN_WORDS = frozenset(
    {*w.UNITS, *w.TEENS, *w.TENS, *w.REPEATS, "plus", *w.FILLERS, *w.PUNCT_FILLERS}
    | w.SPOKEN_SEPARATORS.keys()
    | {w.HUNDRED, w.THOUSAND, "and"}
    | set("0123456789")
)
#: Written digits one at a time: a run of them is a number read out digit by digit
#: ("my pin is 7 7 3 1"), as speech-to-text writes it, when it has at least this many.
_SINGLE_DIGITS = frozenset("0123456789")
_MIN_SINGLE_DIGITS = 3


def digit_runs(tokens: list[Token], taken: list[bool]) -> list[Run]:
    out = []
    i = 0
    while i < len(tokens):
        if taken[i] or tokens[i].word not in _RUN_WORDS:
            i += 1
            continue
        j = i
        while j < len(tokens) and not taken[j] and tokens[j].word in _RUN_WORDS:
            if j > i and tokens[j].word == "and" and not _magnitude_and(tokens, j):
                break  # "... one five and seventy seven ...": two values ("routing and account")
            j += 1
            if tokens[j - 1].line_end:
                break  # a run never crosses into the next utterance
        first, last = _trim(tokens, i, j - 1)
        words = [tokens[k].word for k in range(first, last + 1)]
        spoken = any(word.isalpha() for word in words)
        singles = sum(1 for word in words if word in _SINGLE_DIGITS)
        if first <= last and (spoken or singles >= _MIN_SINGLE_DIGITS):
            pieces, values = _convert(tokens, first, last)
            if values >= 2:
                out.append((first, last, pieces))
        i = j
    return out


def _magnitude_and(tokens: list[Token], k: int) -> bool:
    """Whether the "and" at k is inside a number: after "hundred" or "thousand" ("two hundred
    and five")."""
    before = k - 1
    while before > 0 and tokens[before].word in w.FILLERS:
        before -= 1
    return before >= 0 and tokens[before].word in (w.HUNDRED, w.THOUSAND)


_OPENERS = frozenset(
    """is number it's its was are : , it be expiry expires exp code pin zip social routing
    account card at ssn says""".split()
)


#: Words that start an answer, before a homophone that is then a digit when more digits follow
#: ("okay for nine one one eight eight", "so to fourteen triple five", "hold on for oh seven").
_SOFT_OPENERS = frozenset("okay ok sure so yes yeah yep ending on and that's thats then".split())
#: How many digit words after a homophone make it a digit after a soft opener.
_SOFT_DIGITS = 3
#: A ZIP code's digits after its first.
_ZIP_REST = 4


def _digits_after(tokens: list[Token], k: int) -> int:
    """How many digit words follow token k in the same utterance (a filler between them
    counts for nothing, and any other word ends them)."""
    count = 0
    for tok in tokens[k + 1 : k + 12]:
        if tok.word in w.FILLERS:
            continue
        if not is_number_word(tok.word) and tok.word not in w.ZERO_LETTERS:
            break
        count += 1
        if tok.line_end:
            break
    return count


#: Words before a number word that make it a count of digits, not one: "the first three",
#: "the last four", "the middle two".
_COUNTED = frozenset({"first", "last", "middle", "next"})
_CLOSERS = frozenset({"and", "then", "okay", "ok", "uh", "um", "so", "thats", "that's"})
#: After a number, the words that say what it was: a homophone before them is its last digit
#: ("nine seven won is the security code", "four six two won for the pin", "five six ate
#: routing number").
_NAMING = frozenset(
    "is was for routing account pin zip social ssn card code expiry expires exp".split()
)


def _edge_droppable(tokens: list[Token], k: int, neighbour: int, leading: bool) -> bool:
    """Whether token k may not open (leading) or close a digit run."""
    word = tokens[k].word
    if leading and k > 0 and tokens[k - 1].word in _COUNTED and word in w.UNITS:
        return True  # "first three five nine four", "last four four three two one": a count
    if word == "plus":  # "plus four four ...": a country code, only at the start
        # (not "zip plus four": a ZIP's four more digits, named)
        return not leading or (k > 0 and tokens[k - 1].word in ("zip", "code"))
    if word in w.FILLERS or word in w.PUNCT_FILLERS or word == "and":
        return True
    if word in w.SPOKEN_SEPARATORS:
        return True  # a dash or slash only joins two groups
    if word in w.HOMOPHONES:
        # "is won two one" / "... eight eight to\n": a homophone at the edge of an utterance
        # or right after a number cue is a digit; "want to", "for you" are not.
        if leading:
            if word in ("won", "ate") or (k > 0 and len(tokens[k - 1].word) == 1):
                return False  # "g b to two" (an IBAN being spelled)
            if k == 0 or tokens[k - 1].line_end:
                return False  # an utterance that starts with digits: "for nine five"
            before = k - 1
            while before > 0 and tokens[before].word in w.FILLERS:
                before -= 1  # "its uh to six one": a hesitation does not hide the opener
            if tokens[before].word in _OPENERS or (before < k - 1 and tokens[before].line_end):
                return False  # (or an utterance's first word after a hesitation: "um tree one")
            if tokens[before].word in w.STATE_ENDS and _digits_after(tokens, k) == _ZIP_REST:
                return False  # a ZIP code after the state: "freyshire mt to five six nine four"
            # "okay for nine one one eight eight", "sure tree one four double five": a word
            # that starts an answer, then three digits at least ("okay for two people" stays)
            return not (
                tokens[before].word in _SOFT_OPENERS and _digits_after(tokens, k) >= _SOFT_DIGITS
            )
        following = tokens[k + 1].word if k + 1 < len(tokens) else ""
        if following == word:
            return False  # "three oh four for for the social": the first one is a digit
        return (
            not tokens[k].line_end
            and following.isalpha()
            and following not in _CLOSERS
            and following not in _NAMING
        )
    if word in w.REPEATS:
        return not leading
    if word in (w.HUNDRED, w.THOUSAND):
        return leading
    if word in w.ZERO_LETTERS:
        # "oh" / "o" are a zero only next to a spoken digit ("nine oh two"), not next to written
        # digits ("078-05-1120 O" is a letter after a number)
        inside = 0 <= neighbour < len(tokens)
        spoken = inside and tokens[neighbour].word.isalpha()
        return not (spoken and is_number_word(tokens[neighbour].word))
    return False


def _trim(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    while first <= last and _edge_droppable(tokens, first, first + 1, leading=True):
        first += 1
    while last >= first and _edge_droppable(tokens, last, last - 1, leading=False):
        last -= 1
    return first, last


#: What `_convert` puts between the groups of a number: a pause, or a spoken separator.
_GAPS = frozenset({" ", *w.SPOKEN_SEPARATORS.values()})


def _convert(tokens: list[Token], first: int, last: int) -> tuple[list[Piece], int]:
    """Pieces for tokens[first..last] and the number of value tokens among them."""
    raw: list[tuple[int, int, str]] = []  # (first token, last token, text)
    values = 0
    k = first
    while k <= last:
        word = tokens[k].word
        if word in w.FILLERS or word in w.PUNCT_FILLERS or word == "and":
            if raw and raw[-1][2] not in _GAPS:
                raw.append((k, k, " "))
            k += 1
            continue
        if word in w.SPOKEN_SEPARATORS:  # "three dash four": the dash replaces any pause
            while raw and raw[-1][2] == " ":
                raw.pop()
            if raw and raw[-1][2] not in _GAPS:
                raw.append((k, k, w.SPOKEN_SEPARATORS[word]))
            k += 1
            continue
        consumed, text = _value_at(tokens, k, last)
        values += consumed
        raw.append((k, k + consumed - 1, text))
        k += consumed
    while raw and raw[-1][2] in _GAPS:
        raw.pop()
    raw = _digit_by_digit(_year_apart(tokens, first, raw))
    pieces = []
    for n, (a, b, text) in enumerate(raw):
        cover_start, cover_end = tokens[a].start, tokens[b].end
        consume_end = tokens[raw[n + 1][0]].start if n + 1 < len(raw) else cover_end
        pieces.append(Piece(cover_start, consume_end, cover_start, cover_end, text))
    return pieces, values


def _year_apart(
    tokens: list[Token], first: int, raw: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`raw` with a date's year set apart from its day when both are said in one run, the year
    in pairs ("oh three slash two six nineteen ninety eight", "march two six nineteen ninety
    eight"): after a slash, by a slash ("03/26/1998"); after a month's name, by a blank
    ("march 26 1998"); not glued to the day ("03/261998")."""
    for j in range(1, len(raw) - 1):
        a, _, text = raw[j]
        after = raw[j + 1][2]
        if text not in ("19", "20") or tokens[a].word not in ("nineteen", "twenty"):
            continue
        if not (len(after) == 2 and after.isdigit()):
            continue  # (the year's second pair: "ninety eight")
        i, day = j - 1, ""
        while i >= 0 and raw[i][2] not in _GAPS:
            day = raw[i][2] + day
            i -= 1
        if not (day.isdigit() and 1 <= len(day) <= 2):
            continue
        if i >= 0 and raw[i][2] == "/":
            apart = "/"
        elif i < 0 and first > 0 and tokens[first - 1].word in w.MONTHS:
            apart = " "
        else:
            continue
        before = raw[j - 1]
        return [*raw[: j - 1], (before[0], before[1], before[2] + apart), *raw[j:]]
    return raw


def _digit_by_digit(raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`raw` without the pauses between groups that are one digit each, three or more of them
    in a row: "4, 5, 6" and "four, five, six" are a number read out a digit at a time (a pause
    after each), not groups, and so is the code after a card ("6200 0000 0000 0005, and
    4-3-9"); "four one one one, one one one one" keeps its groups."""
    # lone digits: one digit with a pause (or the run's edge) on each side
    lone = [
        n
        for n, (_, _, text) in enumerate(raw)
        if len(text) == 1
        and text.isdigit()
        and (n == 0 or raw[n - 1][2] == " ")
        and (n + 1 == len(raw) or raw[n + 1][2] == " ")
    ]
    pauses: set[int] = set()
    i = 0
    while i < len(lone):
        j = i
        while j + 1 < len(lone) and lone[j + 1] == lone[j] + 2:  # one pause between them
            j += 1
        if j - i + 1 >= _MIN_SINGLE_DIGITS:
            pauses.update(range(lone[i] + 1, lone[j], 2))
        i = j + 1
    return [item for n, item in enumerate(raw) if n not in pauses] if pauses else raw


def _value_at(tokens: list[Token], k: int, last: int) -> tuple[int, str]:
    """(tokens consumed, digits) for the number that starts at token k."""
    word = tokens[k].word
    nxt = tokens[k + 1].word if k < last else ""
    if word.isdigit():
        return 1, word
    if word == "plus":
        return 1, "+"
    if word in (w.HUNDRED, w.THOUSAND):  # "sixty two hundred" -> 62 then 00
        return 1, "00" if word == w.HUNDRED else "000"
    if word in w.REPEATS:
        if nxt in w.UNITS or (nxt.isdigit() and len(nxt) == 1):
            digit = nxt if nxt.isdigit() else str(w.UNITS[nxt])
            return 2, digit * w.REPEATS[word]
        return 1, ""
    if word in w.TENS:
        if nxt in w.UNITS and w.UNITS[nxt] > 0 and nxt not in w.HOMOPHONES:
            return 2, f"{w.TENS[word]}{w.UNITS[nxt]}"
        if k + 2 <= last and _hyphenated(tokens, k) and _unit(tokens[k + 2].word):
            return 3, f"{w.TENS[word]}{w.UNITS[tokens[k + 2].word]}"  # "forty-one"
        return 1, f"{w.TENS[word]}0"
    base = w.TEENS[word] if word in w.TEENS else w.UNITS[word]
    if nxt in (w.HUNDRED, w.THOUSAND):
        return _magnitude(tokens, k, last, base)
    return 1, str(base)


def _unit(word: str) -> bool:
    """A digit word that completes a tens word ("forty one", "forty-one")."""
    return word in w.UNITS and w.UNITS[word] > 0 and word not in w.HOMOPHONES


def _hyphenated(tokens: list[Token], k: int) -> bool:
    """Whether tokens k, k + 1, k + 2 are one hyphenated word: "forty-one", "twenty-seventh"
    (as most speech-to-text engines write a compound number), not "forty - one"."""
    return (
        k + 2 < len(tokens)
        and tokens[k + 1].word == "-"
        and tokens[k].end == tokens[k + 1].start
        and tokens[k + 1].end == tokens[k + 2].start
    )


def _magnitude(tokens: list[Token], k: int, last: int, base: int) -> tuple[int, str]:
    """'four hundred twelve', 'two thousand and five', 'nineteen hundred eighty five'."""
    scale = 100 if tokens[k + 1].word == w.HUNDRED else 1000
    total, used = base * scale, 2
    pos = k + 2
    if pos <= last and tokens[pos].word == "and":
        pos += 1
        used += 1
    if (
        scale == 100
        and used == 2
        and pos + 2 <= last
        and all(tokens[p].word in w.UNITS for p in range(pos, pos + 3))
    ):
        # digits said one by one after it: a toll-free prefix, "one eight hundred five five
        # five ...", is 1-800-555-..., not 1 805 55...
        return used, str(total)
    if pos <= last:
        rest_word = tokens[pos].word
        if (
            rest_word in w.TEENS
            or rest_word in w.TENS
            or (rest_word in w.UNITS and rest_word not in w.HOMOPHONES)
        ):
            n, digits = _value_at(tokens, pos, last)
            if digits.isdigit() and int(digits) < scale:
                return used + n, str(total + int(digits))
    if used == 3:
        used = 2  # a dangling "and" is not part of the number
    return used, str(total)


# --- dates: "march third" -> "march 3" ----------------------------------------------------------


def month_ordinals(tokens: list[Token], taken: list[bool]) -> list[Run]:
    out = []
    for k, tok in enumerate(tokens):
        if tok.word not in w.ORDINALS or taken[k]:
            continue
        day, first = w.ORDINALS[tok.word], k
        if k > 0 and tokens[k - 1].word in w.TENS and not taken[k - 1] and day < 10:
            day, first = w.TENS[tokens[k - 1].word] * 10 + day, k - 1
        elif (
            day < 10
            and k > 1
            and tokens[k - 2].word in w.TENS
            and not taken[k - 2]
            and _hyphenated(tokens, k - 2)
        ):
            day, first = w.TENS[tokens[k - 2].word] * 10 + day, k - 2  # "twenty-seventh"
        before = tokens[first - 1].word if first > 0 else ""
        before2 = tokens[first - 2].word if first > 1 else ""
        after = tokens[k + 1].word if k + 1 < len(tokens) else ""
        after2 = tokens[k + 2].word if k + 2 < len(tokens) else ""
        near_month = (
            before in w.MONTHS
            or (before == "the" and before2 in w.MONTHS)
            or (after == "of" and after2 in w.MONTHS)
            # ("twenty sixth june nineteen sixty eight"; "may" only with a year after it)
            or after in _MONTH_NAMES
            or (after == "may" and _year_at(tokens, k + 2))
        )
        if near_month:
            s, e = tokens[first].start, tok.end
            out.append((first, k, [Piece(s, e, s, e, str(day))]))
    return out


# --- numbered streets: "one hundred fourth place" -> "104th place" ---------------------------

#: The kinds of street a numbered street is said with ("twenty first avenue").
_STREET_KINDS = frozenset(
    """street st avenue ave place pl road rd drive dr lane ln boulevard blvd court ct terrace
    way parkway circle trail""".split()
)


def _ordinal_suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def street_ordinals(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """A numbered street said as an ordinal before its kind: "one hundred fourth place",
    "twenty first avenue", "one hundred and twelfth street" -> "104th place", ...: one word
    of its own, not the end of the house number said before it ("seventy two eighty one one
    hundred fourth place" is 7281 104th place, not 7281100 and a "fourth")."""
    out = []
    for k, tok in enumerate(tokens):
        if tok.word not in w.ORDINALS or taken[k]:
            continue
        if k + 1 >= len(tokens) or tokens[k + 1].word not in _STREET_KINDS:
            continue
        value, first = w.ORDINALS[tok.word], k
        if value < 10 and first > 0 and tokens[first - 1].word in w.TENS and not taken[k - 1]:
            value, first = value + 10 * w.TENS[tokens[first - 1].word], first - 1
        j = first - 1
        if j > 0 and tokens[j].word == "and":
            j -= 1
        if (
            j > 0
            and tokens[j].word == w.HUNDRED
            and tokens[j - 1].word in w.UNITS
            and tokens[j - 1].word not in w.HOMOPHONES
            and w.UNITS[tokens[j - 1].word] > 0
            and not (taken[j] or taken[j - 1])
        ):
            value, first = value + 100 * w.UNITS[tokens[j - 1].word], j - 1
        s, e = tokens[first].start, tok.end
        out.append((first, k, [Piece(s, e, s, e, f"{value}{_ordinal_suffix(value)}")]))
    return out


#: Month names a date is said with (not "may": a verb as often, and no abbreviation).
_MONTH_NAMES = frozenset(
    """january february march april june july august september october november
    december""".split()
)
#: The words a year opens with ("nineteen eighty", "twenty oh two", "two thousand five").
_YEAR_OPENERS = frozenset({"nineteen", "twenty", "two"})


def month_days(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """A day said as a cardinal number beside a month's name, then a year: "july twenty five
    nineteen fifty nine", "nine september nineteen seventy eight". The day is written in
    digits ("july 25", "9 september"), the year left to `digit_runs`: as one run of digits,
    "twenty five nineteen fifty nine" was no date, and the month stayed in clear."""
    out: list[Run] = []
    for k, tok in enumerate(tokens):
        # ("may" a verb as often: a month only with a day and a year after it)
        if (tok.word not in _MONTH_NAMES and tok.word != "may") or taken[k]:
            continue
        after = _day_at(tokens, k + 1)  # "july twenty five nineteen ..."
        if after is not None and after[0] % 10 == 0 and _said_at(tokens, after[1] + 1, "twenty"):
            after = None  # "december twenty twenty six": the year 2026, no day
        if after is not None and _year_at(tokens, after[1] + 1):
            first, last, day = k + 1, after[1], after[0]
        elif tok.word == "may":
            continue
        else:
            before = _day_before(tokens, k - 1)  # "nine september nineteen ..."
            if before is None or not _year_at(tokens, k + 1):
                continue
            first, last, day = before[1], k - 1, before[0]
        if any(taken[first : last + 1]):
            continue
        s, e = tokens[first].start, tokens[last].end
        out.append((first, last, [Piece(s, e, s, e, str(day))]))
    return out


def _digit_value(word: str) -> int | None:
    """1 to 9 for a plain digit word (not "oh" or a homophone)."""
    value = w.UNITS.get(word)
    return value if value and word not in w.HOMOPHONES and word not in w.ZERO_LETTERS else None


def _day_at(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """The day (1-31) said from token j on, and its last token."""
    if j >= len(tokens):
        return None
    word = tokens[j].word
    if word in w.TENS and w.TENS[word] in (2, 3):
        unit = _digit_value(tokens[j + 1].word) if j + 1 < len(tokens) else None
        day = w.TENS[word] * 10 + (unit or 0)
        if day <= 31:
            return (day, j + 1) if unit else (day, j)
        return None
    if word in w.TEENS:
        return w.TEENS[word], j
    unit = _digit_value(word)
    return (unit, j) if unit else None


def _day_before(tokens: list[Token], j: int) -> tuple[int, int] | None:
    """The day said in the tokens ending at j, and its first token."""
    if j < 0:
        return None
    for start in (j - 1, j):  # "twenty five", then "nine", "seventeen", "twenty"
        if start >= 0:
            found = _day_at(tokens, start)
            if found is not None and found[1] == j:
                return found[0], start
    return None


def _said_at(tokens: list[Token], j: int, word: str) -> bool:
    return j < len(tokens) and tokens[j].word == word


def _year_at(tokens: list[Token], j: int) -> bool:
    if j >= len(tokens):
        return False
    word = tokens[j].word
    if word == "one" and _said_at(tokens, j + 1, "nine"):
        # a year said digit by digit: "july twenty four one nine five six"
        return all(j + i < len(tokens) and tokens[j + i].word in w.UNITS for i in (2, 3))
    return word in _YEAR_OPENERS or (len(word) == 4 and word.isdigit())
