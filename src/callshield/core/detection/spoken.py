"""Spoken forms to written values, with an offset map back to the original words.

"my card is four one one one, double one ..." becomes "my card is 4111 11...": the same
detectors and validators then run on the written value, and every finding is mapped back to
a span that covers exactly the original words, so redaction removes every spoken digit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from callshield.core.detection import spoken_words as w

_TOKEN = re.compile(r"([A-Za-z]+(?:'[A-Za-z]+)?|\d+|\.{2,}|…|[^\sA-Za-z\d])(\s*)")


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


class NormalisedText:
    """The written form of a text and the map from its offsets back to the original."""

    __slots__ = ("_entries", "_starts", "text")

    def __init__(self, original: str, pieces: Sequence[Piece]) -> None:
        out: list[str] = []
        starts: list[int] = []
        # entry: (norm_start, identity?, orig_start, orig_end)
        entries: list[tuple[int, bool, int, int]] = []
        pos = norm = 0
        for piece in pieces:
            if piece.consume_start > pos:
                chunk = original[pos : piece.consume_start]
                starts.append(norm)
                entries.append((norm, True, pos, piece.consume_start))
                out.append(chunk)
                norm += len(chunk)
            if piece.text:
                starts.append(norm)
                entries.append((norm, False, piece.cover_start, piece.cover_end))
                out.append(piece.text)
                norm += len(piece.text)
            pos = piece.consume_end
        if pos < len(original):
            starts.append(norm)
            entries.append((norm, True, pos, len(original)))
            out.append(original[pos:])
        self.text = "".join(out)
        self._starts = starts
        self._entries = entries

    def __repr__(self) -> str:
        return f"NormalisedText(chars={len(self.text)}, pieces={len(self._entries)})"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span covering normalised [start, end)."""
        first = self._entries[bisect.bisect_right(self._starts, start) - 1]
        last = self._entries[bisect.bisect_right(self._starts, max(start, end - 1)) - 1]
        o_start = first[2] + (start - first[0]) if first[1] else first[2]
        o_end = last[2] + (end - last[0]) if last[1] else last[3]
        return o_start, max(o_start, o_end)


def tokenize(text: str) -> list[Token]:
    size = len(text)
    return [
        Token(m.start(), m.end(1), m.group(1).lower(), "\n" in m.group(2) or m.end() == size)
        for m in _TOKEN.finditer(text)
    ]


def normalise(text: str) -> NormalisedText | None:
    """The written form of `text`, or None when it holds no spoken forms worth rewriting."""
    tokens = tokenize(text)
    pieces: list[Piece] = []
    taken = [False] * len(tokens)
    for finder in (_spoken_ips, _letter_runs, _digit_runs, _month_ordinals):
        for first, last, run_pieces in finder(tokens, taken):
            for k in range(first, last + 1):
                taken[k] = True
            pieces.extend(run_pieces)
    pieces.sort(key=lambda p: p.consume_start)
    pieces = _spoken_emails(text, tokens, pieces)
    if not pieces:
        return None
    return NormalisedText(text, pieces)


# --- IP addresses: "one nine two dot one six eight dot o dot one" -> "192.168.0.1" ---------


def _octet(tokens: list[Token], k: int) -> tuple[int, str] | None:
    """(tokens used, digits) for one to three digit words starting at k."""
    digits, used = "", 0
    while k + used < len(tokens) and len(digits) < 3:
        word = tokens[k + used].word
        if (word in w.UNITS and word not in w.HOMOPHONES) or word in ("to", "too", "for", "ate"):
            digits += str(w.UNITS[word])
        elif word in w.TEENS:
            digits += str(w.TEENS[word])
        elif word in w.TENS:
            digits += f"{w.TENS[word]}0"
        elif (
            word in w.REPEATS
            and k + used + 1 < len(tokens)
            and tokens[k + used + 1].word in w.UNITS
        ):
            digits += str(w.UNITS[tokens[k + used + 1].word]) * w.REPEATS[word]
            used += 1
        elif word.isdigit() and len(word) <= 3:
            digits += word
        else:
            break
        used += 1
    return (used, digits) if used and len(digits) <= 3 else None


def _spoken_ips(tokens: list[Token], taken: list[bool]) -> list[tuple[int, int, list[Piece]]]:
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
                if pos < len(tokens) and tokens[pos].word in ("dot", "point"):
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


# --- letters: "s m i t h" -> "smith" ----------------------------------------------------------


def _is_letter(tok: Token) -> bool:
    return len(tok.word) == 1 and tok.word.isalpha()


def _letter_runs(tokens: list[Token], taken: list[bool]) -> list[tuple[int, int, list[Piece]]]:
    """Spelled words: "s m i t h" or "S-M-I-T-H" (a run of 3+ single letters on one line)."""
    out = []
    i = 0
    while i < len(tokens):
        if not _is_letter(tokens[i]):
            i += 1
            continue
        letters, j = [i], i
        while not tokens[j].line_end and j + 1 < len(tokens):
            nxt = j + 1
            if (
                tokens[nxt].word in ("-", ".")
                and nxt + 1 < len(tokens)
                and not tokens[nxt].line_end
            ):
                nxt += 1
            if not _is_letter(tokens[nxt]):
                break
            letters.append(nxt)
            j = nxt
        before_digits = j + 1 < len(tokens) and _is_number_word(tokens[j + 1].word)
        enough = len(letters) >= 3 or (len(letters) == 2 and before_digits)  # "g b eight two"
        if enough and not any(taken[i : j + 1]):
            # spelled-out words are written in capitals so detectors can tell them apart
            word = "".join(tokens[k].word for k in letters).upper()
            s, e = tokens[i].start, tokens[j].end
            out.append((i, j, [Piece(s, e, s, e, word)]))
        i = j + 1
    return out


# --- digits: "four one one one, double five" -> "4111 55" -----------------------------------


def _is_number_word(word: str) -> bool:
    return (
        word in w.UNITS
        or word in w.TEENS
        or word in w.TENS
        or word in w.REPEATS
        or (word.isdigit())
    )


def _run_member(word: str) -> bool:
    return (
        _is_number_word(word)
        or word == "plus"
        or word in w.FILLERS
        or word in w.PUNCT_FILLERS
        or word in (w.HUNDRED, w.THOUSAND, "and")
    )


def _digit_runs(tokens: list[Token], taken: list[bool]) -> list[tuple[int, int, list[Piece]]]:
    out = []
    i = 0
    while i < len(tokens):
        if taken[i] or not _run_member(tokens[i].word):
            i += 1
            continue
        j = i
        while j < len(tokens) and not taken[j] and _run_member(tokens[j].word):
            j += 1
        first, last = _trim(tokens, i, j - 1)
        spoken = any(tokens[k].word.isalpha() for k in range(first, last + 1))
        if first <= last and spoken:
            pieces, values = _convert(tokens, first, last)
            if values >= 2:
                out.append((first, last, pieces))
        i = j
    return out


_OPENERS = frozenset(
    """is number it's its was are : , it be expiry expires exp code pin zip social routing
    account card at ssn""".split()
)


_CLOSERS = frozenset({"and", "then", "okay", "ok", "uh", "um", "so", "thats", "that's"})


def _edge_droppable(tokens: list[Token], k: int, neighbour: int, leading: bool) -> bool:
    """Whether token k may not open (leading) or close a digit run."""
    word = tokens[k].word
    if word == "plus":  # "plus four four ...": a country code, only at the start
        return not leading
    if word in w.FILLERS or word in w.PUNCT_FILLERS or word == "and":
        return True
    if word in w.HOMOPHONES:
        # "is won two one" / "... eight eight to\n": a homophone at the edge of an utterance
        # or right after a number cue is a digit; "want to", "for you" are not.
        if leading:
            if word in ("won", "ate") or (k > 0 and len(tokens[k - 1].word) == 1):
                return False  # "g b to two" (an IBAN being spelled)
            if k == 0 or tokens[k - 1].line_end:
                return False  # an utterance that starts with digits: "for nine five"
            return k == 0 or tokens[k - 1].word not in _OPENERS
        following = tokens[k + 1].word if k + 1 < len(tokens) else ""
        if following == word:
            return False  # "three oh four for for the social": the first one is a digit
        return not tokens[k].line_end and following.isalpha() and following not in _CLOSERS
    if word in w.REPEATS:
        return not leading
    if word in (w.HUNDRED, w.THOUSAND):
        return leading
    if word in w.ZERO_LETTERS:
        inside = 0 <= neighbour < len(tokens)
        return not (inside and _is_number_word(tokens[neighbour].word))
    return False


def _trim(tokens: list[Token], first: int, last: int) -> tuple[int, int]:
    while first <= last and _edge_droppable(tokens, first, first + 1, leading=True):
        first += 1
    while last >= first and _edge_droppable(tokens, last, last - 1, leading=False):
        last -= 1
    return first, last


def _convert(tokens: list[Token], first: int, last: int) -> tuple[list[Piece], int]:
    """Pieces for tokens[first..last] and the number of value tokens among them."""
    raw: list[tuple[int, int, str]] = []  # (first token, last token, text)
    values = 0
    k = first
    while k <= last:
        word = tokens[k].word
        if word in w.FILLERS or word in w.PUNCT_FILLERS or word == "and":
            if raw and raw[-1][2] != " ":
                raw.append((k, k, " "))
            k += 1
            continue
        consumed, text = _value_at(tokens, k, last)
        values += consumed
        raw.append((k, k + consumed - 1, text))
        k += consumed
    while raw and raw[-1][2] == " ":
        raw.pop()
    pieces = []
    for n, (a, b, text) in enumerate(raw):
        cover_start, cover_end = tokens[a].start, tokens[b].end
        consume_end = tokens[raw[n + 1][0]].start if n + 1 < len(raw) else cover_end
        pieces.append(Piece(cover_start, consume_end, cover_start, cover_end, text))
    return pieces, values


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
        return 1, f"{w.TENS[word]}0"
    base = w.TEENS[word] if word in w.TEENS else w.UNITS[word]
    if nxt in (w.HUNDRED, w.THOUSAND):
        return _magnitude(tokens, k, last, base)
    return 1, str(base)


def _magnitude(tokens: list[Token], k: int, last: int, base: int) -> tuple[int, str]:
    """'four hundred twelve', 'two thousand and five', 'nineteen hundred eighty five'."""
    scale = 100 if tokens[k + 1].word == w.HUNDRED else 1000
    total, used = base * scale, 2
    pos = k + 2
    if pos <= last and tokens[pos].word == "and":
        pos += 1
        used += 1
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


def _month_ordinals(tokens: list[Token], taken: list[bool]) -> list[tuple[int, int, list[Piece]]]:
    out = []
    for k, tok in enumerate(tokens):
        if tok.word not in w.ORDINALS or taken[k]:
            continue
        day, first = w.ORDINALS[tok.word], k
        if k > 0 and tokens[k - 1].word in w.TENS and not taken[k - 1] and day < 10:
            day, first = w.TENS[tokens[k - 1].word] * 10 + day, k - 1
        before = tokens[first - 1].word if first > 0 else ""
        before2 = tokens[first - 2].word if first > 1 else ""
        after = tokens[k + 1].word if k + 1 < len(tokens) else ""
        after2 = tokens[k + 2].word if k + 2 < len(tokens) else ""
        near_month = (
            before in w.MONTHS
            or (before == "the" and before2 in w.MONTHS)
            or (after == "of" and after2 in w.MONTHS)
        )
        if near_month:
            s, e = tokens[first].start, tok.end
            out.append((first, k, [Piece(s, e, s, e, str(day))]))
    return out


# --- e-mail: "john dot smith at gmail dot com" -> "john.smith@gmail.com" -----------------------

_LOCAL_STOP = frozenset(
    "is my me email e-mail address it's its at the your our and or mail to send".split()
)


def _spoken_emails(text: str, tokens: list[Token], pieces: list[Piece]) -> list[Piece]:
    units = _units(text, tokens, pieces)
    out = list(pieces)
    for idx, unit in enumerate(units):
        if unit[2] != "at":
            continue
        right = _domain(units, idx + 1)
        left = _local_part(units, idx - 1)
        if right is None or left is None:
            continue
        (l_idx, local), (r_idx, domain) = left, right
        s, e = units[l_idx][0], units[r_idx][1]
        out = [p for p in out if p.cover_end <= s or p.cover_start >= e]
        out.append(Piece(s, e, s, e, f"{local}@{domain}"))
    out.sort(key=lambda p: p.consume_start)
    return out


def _units(text: str, tokens: list[Token], pieces: list[Piece]) -> list[tuple[int, int, str]]:
    """Tokens with already-normalised pieces folded in: (start, end, written text)."""
    units: list[tuple[int, int, str]] = []
    starts = {p.cover_start: p for p in pieces}
    skip_until = -1
    for tok in tokens:
        if tok.start < skip_until:
            continue
        piece = starts.get(tok.start)
        if piece is not None and piece.text.strip():
            units.append((piece.cover_start, piece.cover_end, piece.text))
            skip_until = piece.cover_end
        elif piece is None:
            units.append((tok.start, tok.end, tok.word))
    return units


def _is_part(word: str) -> bool:
    return word.isalnum() and word not in _LOCAL_STOP and word not in w.EMAIL_SEPARATORS


def _domain(units: list[tuple[int, int, str]], k: int) -> tuple[int, str] | None:
    labels: list[str] = []
    while k < len(units) and _is_part(units[k][2]):
        labels.append(units[k][2])
        sep = units[k + 1][2] if k + 1 < len(units) else ""
        joined = sep in ("dot", ".", "dash", "hyphen", "-")
        if joined and k + 2 < len(units) and _is_part(units[k + 2][2]):
            labels.append("." if sep in ("dot", ".") else "-")
            k += 2
            continue
        break
    if labels.count(".") < 1 or labels[-1] not in w.TLDS:
        return None
    return k, "".join(labels)


def _local_part(units: list[tuple[int, int, str]], k: int) -> tuple[int, str] | None:
    parts: list[str] = []
    while k >= 0 and _is_part(units[k][2]) and len(parts) < 9:
        parts.insert(0, units[k][2])
        sep = units[k - 1][2] if k > 0 else ""
        if sep in w.EMAIL_SEPARATORS and k > 1 and _is_part(units[k - 2][2]):
            parts.insert(0, w.EMAIL_SEPARATORS[sep])
            k -= 2
            continue
        if k > 0 and parts[0].isdigit() and _is_part(units[k - 1][2]):
            k -= 1  # "john eighty five" -> "john85"
            continue
        break
    if not parts:
        return None
    return k, "".join(parts)
