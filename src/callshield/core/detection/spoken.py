"""Spoken forms to written values, with an offset map back to the original words.

"my card is four one one one, double one ..." becomes "my card is 4111 11...": the same
detectors and validators then run on the written value, and every finding is mapped back to
a span that covers exactly the original words, so redaction removes every spoken digit.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import partial

from callshield.core.detection import spoken_words as w
from callshield.core.detection.base import label_time_start, numbered_labels, phrase_alternation
from callshield.core.detection.caseless import Caseless
from callshield.core.detection.spoken_corrections import corrected_runs
from callshield.core.detection.spoken_foreign import FOREIGN_NUMBER, foreign_in_runs
from callshield.core.detection.spoken_numbers import (
    digit_runs,
    month_days,
    month_ordinals,
    spoken_ips,
    street_ordinals,
)
from callshield.core.detection.spoken_spanish import spanish_dates
from callshield.core.detection.spoken_tokens import Piece, Run, Token, is_number_word, tokenize

__all__ = ["NormalisedText", "Piece", "Token", "normalise", "tokenize"]


class NormalisedText:
    """The written form of a text and the map from its offsets back to the original."""

    __slots__ = ("_entries", "_original", "_starts", "text")

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
        self._original = original
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

    def said(self, start: int, end: int) -> str | None:
        """The original words normalised [start, end) was written from, where all of it was
        written here from words (no part of it copied from the original as it was); else
        None."""
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        if k >= len(self._entries) or end <= start:
            return None
        while k < len(self._entries) and self._entries[k][0] < end:
            if self._entries[k][1]:
                return None
            k += 1
        lo, hi = self.to_original(start, end)
        return self._original[lo:hi]


def normalise(text: str) -> NormalisedText | None:
    """The written form of `text`, or None when it holds no spoken forms worth rewriting."""
    tokens = tokenize(text)
    if "[" in text or "<" in text:
        tokens = _noise_tags(tokens)
    low = text.lower()  # (a caseless pattern reads a text four times slower)
    if _SPANISH_TENS_OR_TEENS.search(low):
        tokens = _spanish_in_runs(tokens)
    if FOREIGN_NUMBER.search(low):
        tokens = foreign_in_runs(tokens)
    if _PHRASE_FILLER.search(text):
        tokens = _with_phrase_fillers(tokens)
    pieces: list[Piece] = []
    taken = [False] * len(tokens)
    finders = (
        partial(_speaker_labels, text),
        street_ordinals,
        spanish_dates,
        _numeral_fillers,
        partial(_last_digit_after_dots, text),
        partial(_grouped_numbers, text),
        partial(_bracketed_emails, text),
        spoken_ips,
        _letter_runs,
        month_days,
        _digit_runs,
        month_ordinals,
    )
    for finder in finders:
        for first, last, run_pieces in finder(tokens, taken):
            for k in range(first, last + 1):
                taken[k] = True
            pieces.extend(run_pieces)
    pieces.sort(key=lambda p: p.consume_start)
    pieces = _spoken_emails(text, tokens, pieces)
    if not pieces:
        return None
    return NormalisedText(text, pieces)


def _digit_runs(tokens: list[Token], taken: list[bool]) -> list[Run]:
    return corrected_runs(tokens, digit_runs(tokens, taken))


# --- fillers of several words: "four one one one you know one one one one" ------------------

#: Fillers said inside a number, of one word or several, read as "uh" between two number
#: words ("four one one one hang on one one one one", "five three six like two two ...", "...
#: and the last four are one one one one"): a hesitation, not the end of the number. Not "no",
#: "sorry" or "actually" ("... two no sorry one ...", "four seven two nine sorry four seven
#: three nine"): a correction, which `corrections` reads.
_FILLER_PHRASES = (
    "you know", "let me see", "let me check", "let me look", "i mean", "hold on", "hang on",
    "hold on a sec", "hold on a second", "just a sec", "just a second", "just a moment",
    "bear with me", "i think", "wait", "let me find it", "let me find", "one sec",
    "one second", "one moment", "give me a sec", "give me a second", "okay", "ok", "yeah",
    "like", "right", "alright", "so",
    "it's", "its", "and then", "then", "and the last four are", "and the last four is",
    "and the last four", "the last four are", "the last four", "last four",
    # a social said in its parts: "the first three are five nine four the middle two oh one
    # and the last four one nine seven two"
    "the middle two are", "the middle two is", "and the middle two", "the middle two",
    "middle two", "the next two are", "the next two", "then the last four",
    # (in Spanish: "cuatro siete cero a ver cinco cinco cinco ...")
    "a ver", "este",
    # (a caller searching their memory: "four seven two five um what is it seven oh four")
    "what is it", "what was it", "let's see", "lemme see", "let me think",
)  # fmt: skip
#: (the longest first: "hold on a sec" is read before "hold on")
_PHRASE_FILLERS = tuple(sorted((tuple(p.split()) for p in _FILLER_PHRASES), key=len, reverse=True))
#: The phrases by their first word, each word's longest first (a token is tried against its
#: own few only).
_PHRASES_BY_HEAD: dict[str, tuple[tuple[str, ...], ...]] = {
    head: tuple(p for p in _PHRASE_FILLERS if p[0] == head)
    for head in {phrase[0] for phrase in _PHRASE_FILLERS}
}
_FILLER_HEADS = frozenset(_PHRASES_BY_HEAD)
#: (as a trie: a flat alternation of 50 phrases was tried branch by branch at every word)
_PHRASE_FILLER = Caseless(rf"\b(?:{phrase_alternation(_FILLER_PHRASES)})\b")


#: Spanish tens and teens said inside a run of digits ("siete dos cero ... setenta y tres
#: ochenta y nueve"): read as the English words the digit runs know, "y" joined to the unit
#: after it ("seventy three"). Only next to another number word: a year ("mil novecientos
#: setenta y dos") is `spanish_dates`', and "once" is an English word too.
_SPANISH_TENS = {
    "veinte": "twenty", "treinta": "thirty", "cuarenta": "forty", "cincuenta": "fifty",
    "sesenta": "sixty", "setenta": "seventy", "ochenta": "eighty", "noventa": "ninety",
}  # fmt: skip
_SPANISH_TEENS = {
    "diez": "ten", "doce": "twelve", "trece": "thirteen", "catorce": "fourteen",
    "quince": "fifteen", "dieciseis": "sixteen", "dieciséis": "sixteen",
    "diecisiete": "seventeen", "dieciocho": "eighteen", "diecinueve": "nineteen",
}  # fmt: skip
_SPANISH_TENS_OR_TEENS = re.compile(
    rf"\b(?:{'|'.join(sorted({*_SPANISH_TENS, *_SPANISH_TEENS}))})\b"
)
_SPANISH_DIGITS = frozenset(w.SPANISH_UNITS) - {"cero"}


def _spanish_in_runs(tokens: list[Token]) -> list[Token]:
    """`tokens`, with the Spanish tens and teens inside a run of digits read in English."""
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        english = _SPANISH_TENS.get(tok.word) or _SPANISH_TEENS.get(tok.word)
        if english is None:
            out.append(tok)
            k += 1
            continue
        pair = (
            tok.word in _SPANISH_TENS
            and k + 2 < n
            and tokens[k + 1].word == "y"
            and tokens[k + 2].word in _SPANISH_DIGITS
        )
        after = k + 3 if pair else k + 1
        inside = (bool(out) and is_number_word(out[-1].word)) or (
            after < n and is_number_word(tokens[after].word)
        )
        if not inside:
            out.append(tok)
            k += 1
            continue
        out.append(tok._replace(word=english))
        if pair:  # ("y" and the unit, one token: "seventy" "three")
            unit = tokens[k + 2]
            out.append(Token(tokens[k + 1].start, unit.end, unit.word, unit.line_end))
        k = after
    return out


#: What speech-to-text writes where it heard no word, in brackets ("[inaudible]",
#: "[crosstalk]", "<unk>"): read as "uh", a hesitation, so a number goes on over it ("four
#: zero zero zero [noise] six six" is one number, and the tag is redacted with it).
_NOISE_WORDS = w.NOISE_WORDS
_NOISE_CLOSE = {"[": "]", "<": ">", "(": ")"}


def _noise_tags(tokens: list[Token]) -> list[Token]:
    """`tokens`, with each noise tag ("[", "inaudible", "]") read as one token "uh", and so
    a time stamp in brackets inside an utterance ("four one 5 [00:01:33] five fifty five")."""
    out: list[Token] = []
    k, n = 0, len(tokens)
    while k < n:
        tok = tokens[k]
        stamp = _bracketed_time(tokens, k) if tok.word == "[" else 0
        if stamp:
            last = tokens[k + stamp - 1]
            out.append(Token(tok.start, last.end, "uh", last.line_end))
            k += stamp
            continue
        close = _NOISE_CLOSE.get(tok.word)
        if (
            close is not None
            and k + 2 < n
            and tokens[k + 1].word in _NOISE_WORDS
            and tokens[k + 2].word == close
        ):
            last = tokens[k + 2]
            out.append(Token(tok.start, last.end, "uh", last.line_end))
            k += 3
            continue
        out.append(tok)
        k += 1
    return out


def _bracketed_time(tokens: list[Token], k: int) -> int:
    """How many tokens from k make a time stamp in brackets, "[02:57]" or "[00:01:33]"
    (5 or 7), not at a line's start (a turn's own stamp); else 0."""
    if k == 0 or tokens[k - 1].line_end:
        return 0
    for size in (5, 7):
        if k + size > len(tokens) or tokens[k + size - 1].word != "]":
            continue
        inner = [t.word for t in tokens[k + 1 : k + size - 1]]
        if all(
            (word == ":") if i % 2 else (word.isdigit() and len(word) == 2)
            for i, word in enumerate(inner)
        ) and not any(t.line_end for t in tokens[k : k + size - 1]):
            return size
    return 0


def _digit_word(word: str) -> bool:
    return is_number_word(word) and word not in w.HOMOPHONES


def _number_side(word: str) -> bool:
    """A number word, digits ("two zero six let me see 555 0160"), or "double"/"triple"
    ("one two one, let me see, triple oh three ...") after a filler phrase."""
    return _digit_word(word) or word.isdigit() or word in w.REPEATS


def _with_phrase_fillers(tokens: list[Token]) -> list[Token]:
    """`tokens`, with the fillers between two number words (`_PHRASE_FILLERS`, one after
    another, and "uh"s among them) read as "uh", so a digit run goes on over them, and covers
    them."""
    n = len(tokens)
    k = 1
    while k < n - 1:
        if tokens[k].word not in _FILLER_HEADS:
            k += 1
            continue
        before = k - 1
        while before > 0 and (tokens[before].word in w.FILLERS or tokens[before].word == ","):
            before -= 1
        if not _digit_word(tokens[before].word):
            k += 1
            continue
        stop, said = k, list[int]()
        while stop < n:
            # (and a pause's dots after the phrase: "three one four, let me check... 555")
            if tokens[stop].word in w.FILLERS or tokens[stop].word in w.PUNCT_FILLERS:
                stop += 1
                continue
            heads = _PHRASES_BY_HEAD.get(tokens[stop].word, ())
            phrase = next((p for p in heads if _said(tokens, stop, p)), None)
            if phrase is None:
                break
            said.extend(range(stop, stop + len(phrase)))
            stop += len(phrase)
        if (
            said
            and stop < n
            and _number_side(tokens[stop].word)
            and not any(tok.line_end for tok in tokens[before:stop])
        ):
            for i in said:
                tokens[i] = tokens[i]._replace(word="uh")
        k = max(stop, k + 1)
    return tokens


def _said(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    return k + len(phrase) <= len(tokens) and all(
        tokens[k + i].word == word for i, word in enumerate(phrase)
    )


def _numeral_fillers(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """Fillers between groups written in digits ("4111 uh 1111 1111 1111", "536 um 22 1234"),
    as speech-to-text writes a number said with a hesitation: read as the blank between two
    groups, so the groups stay one number (covered with the filler)."""
    out: list[Run] = []
    k = 1
    while k < len(tokens) - 1:
        if tokens[k].word not in w.FILLERS:
            k += 1
            continue
        # ("4240, um, 0011": the comma before the filler is the pause's too)
        # (or after a group said in words: "two zero six uh 555 0160")
        paused = k > 1 and tokens[k - 1].word == "," and _number_side(tokens[k - 2].word)
        if not (_number_side(tokens[k - 1].word) or paused):
            k += 1
            continue
        first = k - 1 if paused else k
        stop = k
        while stop < len(tokens) and (
            tokens[stop].word in w.FILLERS or tokens[stop].word in w.PUNCT_FILLERS
        ):
            stop += 1
        if (
            stop < len(tokens)
            and tokens[stop].word.isdigit()
            and not any(taken[first:stop])
            and not any(tok.line_end for tok in tokens[first - 1 : stop])
        ):
            s, e = tokens[first - 1].end, tokens[stop].start
            out.append((first, stop - 1, [Piece(s, e, s, e, " ")]))
        k = stop
    return out


# --- numbered speaker labels: "spk_1: five three six ..." ------------------------------------


def _speaker_labels(text: str, tokens: list[Token], taken: list[bool]) -> list[Run]:
    """The tokens of numbered speakers' labels and line-start timestamps, taken with nothing
    written in their place, so that no digit run starts in them."""
    starts = [tok.start for tok in tokens]
    out: list[Run] = []
    for match in numbered_labels(text):
        s, e = label_time_start(match), match.end()  # (a name before the time stays)
        if e == s or not any(ch.isdigit() for ch in text[s:e]):
            continue
        first, last = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e) - 1
        if first <= last:
            out.append((first, last, []))
    return out


# --- a last digit said after a pause: "9447 ... four" -> "9447 ... 4" ------------------------

#: One digit said alone after a number and a pause, where the utterance ends: the number's last
#: digit (the normaliser leaves one spoken digit a word elsewhere: "one moment").
_LAST_AFTER_DOTS = re.compile(
    r"(?<=\d)[ \t]*(?:\.\.\.|\u2026)[ \t]*"
    r"(?P<w>zero|oh|one|two|three|four|five|six|seven|eight|nine)(?=[ \t]*(?:[.,!?]|$))",
    re.IGNORECASE | re.MULTILINE,
)


def _last_digit_after_dots(text: str, tokens: list[Token], taken: list[bool]) -> list[Run]:
    if "..." not in text and "\u2026" not in text:
        return []
    starts = [tok.start for tok in tokens]
    out: list[Run] = []
    for match in _LAST_AFTER_DOTS.finditer(text):
        s, e = match.span("w")
        k = bisect.bisect_left(starts, s)
        if k < len(tokens) and tokens[k].start == s and not taken[k]:
            out.append((k, k, [Piece(s, e, s, e, str(w.UNITS[match.group("w").lower()]))]))
    return out


# --- digits in groups of three: "12,345,678" -> "12345678" -----------------------------------

#: A number written with thousands separators, seven digits or more: how speech-to-text (and
#: people) write a long number said in one breath. Not after a currency sign, not before a
#: decimal part: "$1,250,000" and "1,234,567.89" are amounts and stay as they are.
# (a digit first, then the look-behind: `re` finds a pattern's first character fast)
_GROUPED = re.compile(r"\d(?<![\d,.$€£¥]\d)\d{0,2}(?:,\d{3}){2,}(?![\d]|,\d|\.\d)")


def _grouped_numbers(text: str, tokens: list[Token], taken: list[bool]) -> list[Run]:
    """Grouped numbers in `text`, each written as its digits, so an account number or a card
    number written "12,345,678" reaches the detectors as the number it is."""
    if "," not in text:
        return []
    starts = [tok.start for tok in tokens]
    out: list[Run] = []
    for match in _GROUPED.finditer(text):
        s, e = match.span()
        first, last = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e) - 1
        out.append((first, last, [Piece(s, e, s, e, match.group().replace(",", ""))]))
    return out


# --- e-mail addresses written around a filter: "priya[at]example[dot]com" -------------------

#: "at" and "dot" in brackets, or "dot" as a plain ".": how an address is written to slip past
#: a filter ("priya [at] example [dot] com", "priya(at)example.com", "priya {at} example").
#: A domain's dot: written, bracketed ("[dot]") or said (" dot ").
_DOMAIN_DOT = r"[ \t]*(?:[\[({<][ \t]*dot[ \t]*[\])}>]|\.)[ \t]*|[ \t]+dot[ \t]+"
_BRACKETED_EMAIL = re.compile(
    # (the local part's dots bracketed too: "esperanza[dot]siddiqui[at]example[dot]org")
    r"(?<![\w.+\-\])}>])([\w.+\-]+(?:[\[({<][ \t]*dot[ \t]*[\])}>][\w.+\-]+)*)"
    r"[ \t]*[\[({<][ \t]*at[ \t]*[\])}>][ \t]*"
    # (the domain's dots bracketed, written or said: "ruiz.mark [at] example dot com")
    rf"([a-z0-9\-]+(?:(?:{_DOMAIN_DOT})[a-z0-9\-]+)+)",
    re.IGNORECASE,
)
#: The bracketed "at" every such address has (a cheap test first: "at" is in most texts).
_BRACKETED_AT = re.compile(r"[\[({<][ \t]*at[ \t]*[\])}>]", re.IGNORECASE)
_BRACKETED_DOT = re.compile(_DOMAIN_DOT, re.IGNORECASE)


def _bracketed_emails(text: str, tokens: list[Token], taken: list[bool]) -> list[Run]:
    """Addresses written with "[at]" and "[dot]" (or "(at)", "{at}"), each as the address it
    is, so the e-mail detector reads it."""
    if _BRACKETED_AT.search(text) is None:
        return []
    starts = [tok.start for tok in tokens]
    out: list[Run] = []
    for match in _BRACKETED_EMAIL.finditer(text):
        s, e = match.span()
        local, domain = (_BRACKETED_DOT.sub(".", match.group(i)) for i in (1, 2))
        first, last = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e) - 1
        out.append((first, last, [Piece(s, e, s, e, f"{local}@{domain}")]))
    return out


# --- letters: "s m i t h" -> "smith" ----------------------------------------------------------


#: What may stand between two letters of a spelling: a hesitation, as speech-to-text writes
#: one ("uh", "~uh"), at most two tokens of it.
_SPELLING_PAUSES = w.FILLERS | {"~"}
_MOST_PAUSE_TOKENS = 2
#: What may stand between two letters of a spelling, once.
_LETTER_SEPARATORS = frozenset({"-", ".", ",", "..", "...", "\u2026"})
#: A letter said twice in a spelling ("h a double r i s"), and the words said between a
#: compound name's parts ("m c g double e dash e d w a r d s", "s t space c l a i r").
_LETTER_REPEATS = {"double": 2, "triple": 3}
_NAME_JOINS = {"dash": "-", "hyphen": "-", "space": " "}


def _letter_runs(tokens: list[Token], taken: list[bool]) -> list[Run]:
    """Spelled words: "s m i t h", "S-M-I-T-H", "s, m, i, t, h" (a run of 3+ single letters
    on one line), and letters spelled with a word for each, as agents ask callers to: "d as
    in david, o as in oscar, e", "D as in David one two three" (a letter so spelled is one
    letter, and one is enough before digits: a licence or a policy number)."""
    out = []
    # which tokens are single letters, worked out once (a spoken call has hundreds of tokens)
    # (or a letter's word of the radio alphabet: "sierra two zero one", "mike charlie alpha")
    is_letter = [
        (len(tok.word) == 1 and tok.word.isalpha())
        or (
            tok.word in w.NATO
            # ("november" is a month too: a letter only before another letter's word)
            and (
                tok.word != "november"
                or (k + 1 < len(tokens) and tokens[k + 1].word in w.NATO)
                or (k > 0 and tokens[k - 1].word in w.NATO)
            )
        )
        # (or a letter's Portuguese or Spanish name between commas: "ene, a, esse, cê, i")
        or (
            tok.word in w.LETTER_NAMES
            and (
                (k > 0 and tokens[k - 1].word == ",")
                or (k + 1 < len(tokens) and tokens[k + 1].word == ",")
            )
        )
        for k, tok in enumerate(tokens)
    ]
    i = 0
    while i < len(tokens):
        if not is_letter[i] or taken[i]:  # (a numbered transcript's "12   A.", a label)
            i += 1
            continue
        # (a letter spelled over a line's end, where a transcript wraps its lines: "G as in"
        # / "golf"; after such a wrap the spelling may go on from one line to the next)
        j, wrapped = _letter_end(tokens, i)
        letters, phonetic = [i], j > i or len(tokens[i].word) > 1
        #: a letter said twice, or after a name's join ("double r", "dash e")
        said_as: dict[int, tuple[str, int]] = {}
        while j + 1 < len(tokens):
            if tokens[j].line_end or _ends_line(tokens, j + 1):
                nxt = _next_line_letter(tokens, j) if wrapped else -1
                if nxt < 0:
                    break
                letters.append(nxt)
                j = _letter_end(tokens, nxt)[0]
                continue
            nxt = j + 1
            if (
                # (or a pause, as speech-to-text writes one: "s t r i c k l a... n d")
                tokens[nxt].word in _LETTER_SEPARATORS
                and nxt + 1 < len(tokens)
                and not tokens[nxt].line_end
            ):
                nxt += 1
            # a hesitation inside the spelling: "p e l l ~uh e g r i n o", "s m uh i t h"
            while (
                tokens[nxt].word in _SPELLING_PAUSES
                and nxt - j <= _MOST_PAUSE_TOKENS
                and nxt + 1 < len(tokens)
                and not tokens[nxt].line_end
            ):
                nxt += 1
            join = ""
            if (
                tokens[nxt].word in _NAME_JOINS
                and len(letters) >= 2
                and (tokens[nxt].word == "space" or _name_line(tokens, i))
                and nxt + 1 < len(tokens)
                and not tokens[nxt].line_end
                and is_letter[nxt + 1]
            ):
                join, nxt = _NAME_JOINS[tokens[nxt].word], nxt + 1
            repeat = _LETTER_REPEATS.get(tokens[nxt].word, 1)
            if repeat > 1 and nxt + 1 < len(tokens) and not tokens[nxt].line_end:
                nxt += 1
                if not (is_letter[nxt] and len(tokens[nxt].word) == 1):
                    break
            if not is_letter[nxt]:
                break
            if join or repeat > 1:
                said_as[nxt] = (join, repeat)
            letters.append(nxt)
            j, cut = _letter_end(tokens, nxt)
            wrapped = wrapped or cut
            phonetic = phonetic or j > nxt or len(tokens[nxt].word) > 1
        if _is_spelling(tokens, i, j, letters, phonetic) and not any(taken[i : j + 1]):
            # spelled-out words are written in capitals so detectors can tell them apart
            word = "".join(
                said_as[k][0] + _letter(tokens[k].word) * said_as[k][1]
                if k in said_as
                else _letter(tokens[k].word)
                for k in letters
            ).upper()
            s, e = tokens[i].start, tokens[j].end
            out.append((i, j, [Piece(s, e, s, e, word)]))
        i = j + 1
    return out


def _is_spelling(tokens: list[Token], i: int, j: int, letters: list[int], phonetic: bool) -> bool:
    """Whether the letters read from token i to token j (`letters`, the tokens of each) are a
    spelling: three letters, two spelled with words or before digits, one spelled with a word
    before digits; not zeros said as "o"."""
    before_digits = j + 1 < len(tokens) and is_number_word(tokens[j + 1].word)
    if not phonetic and all(tokens[k].word == "o" for k in letters):
        after_digits = i > 0 and is_number_word(tokens[i - 1].word)
        if before_digits or after_digits:
            # "five two o o eight", "one o o o one", "triple o, o two": zeros, as
            # speech-to-text writes "oh", not the letters of a spelled word ("OO")
            return False
    radio = all(len(tokens[k].word) > 1 for k in letters)
    if radio and len(letters) < 3:
        # words of the radio alphabet alone: three at least ("hotel golf" is no spelling),
        # or fewer before digits ("sierra two zero one ..."; not "delta to boston")
        before_digits = j + 1 < len(tokens) and _digit_word(tokens[j + 1].word)
        phonetic = phonetic and before_digits
    return (
        len(letters) >= 3
        or (len(letters) == 2 and (before_digits or phonetic))  # "g b eight two"
        or (phonetic and before_digits)
    )


#: How many tokens on either side of a spelling `_name_line` reads.
_NAME_LINE_REACH = 20
#: Words beside a spelling that make it no name's: an e-mail's, an identifier's with digits.
_NOT_A_NAME_WORDS = frozenset({"at", "dot", "@"})


def _name_line(tokens: list[Token], i: int) -> bool:
    """Whether the spelling at token i is on a line of letters only (a name's: "m c g double e
    dash e d w a r d s"), not an e-mail's ("j a c k dash n o r t h at gmail dot com") or a
    code's with digits ("six two quebec k hyphen g six b s"), whose parts a dash keeps
    apart."""
    lo = i
    while lo > 0 and i - lo < _NAME_LINE_REACH and not tokens[lo - 1].line_end:
        lo -= 1
    hi = i
    while hi + 1 < len(tokens) and hi - i < _NAME_LINE_REACH and not tokens[hi].line_end:
        hi += 1
    return not any(
        tok.word in _NOT_A_NAME_WORDS
        # (a digit said; not a letter "o", nor "double" before a letter)
        or (is_number_word(tok.word) and len(tok.word) > 1 and tok.word not in _LETTER_REPEATS)
        for tok in tokens[lo : hi + 1]
    )


def _letter(word: str) -> str:
    """The letter a spelling's word stands for: its first ("s", "sierra"), or the letter a
    Portuguese or Spanish name of one names ("esse"); without its accent ("ó", "ñ": "o r d ó
    ñ e z" is "ORDONEZ", as a name's spelling is compared, `person._spelling`)."""
    letter = w.LETTER_NAMES.get(word, word[0])
    return letter if letter.isascii() else unicodedata.normalize("NFKD", letter)[0]


def _letter_end(tokens: list[Token], k: int) -> tuple[int, bool]:
    """The last token of the letter at k ("d", "d as in david", "x-ray"), and whether a line's
    end cut it (`_spelled_across`)."""
    j = _x_ray(tokens, k, _spelled_as(tokens, k))
    if j == k and (across := _spelled_across(tokens, k)) > k:
        return across, True
    return j, False


def _x_ray(tokens: list[Token], k: int, j: int) -> int:
    """The last token of the letter at k: "x-ray" is one letter's word, in three tokens."""
    if (
        tokens[k].word == "x"
        and j == k
        and k + 2 < len(tokens)
        and tokens[k + 1].word == "-"
        and tokens[k + 2].word == "ray"
    ):
        return k + 2
    return j


def _spelled_as(tokens: list[Token], k: int) -> int:
    """The last token of the letter at k: k, or the word that spells it ("d as in david", "d
    like david", "d for david", "d delta")."""
    if (
        k + 3 < len(tokens)
        and tokens[k + 1].word == "as"
        and tokens[k + 2].word == "in"
        and tokens[k + 3].word[:1] == tokens[k].word
        and not any(tokens[n].line_end for n in (k, k + 1, k + 2))
    ):
        if len(tokens[k + 3].word) > 1 and tokens[k + 3].word.isalpha():
            return k + 3
        if (ray := _x_ray(tokens, k + 3, k + 3)) > k + 3:
            return ray  # ("x as in x-ray": its word in three tokens)
    if (
        k + 2 < len(tokens)
        and tokens[k + 1].word in _SPELLED_LIKE
        and tokens[k + 2].word[:1] == tokens[k].word
        and len(tokens[k + 2].word) > 2
        and tokens[k + 2].word.isalpha()
        and not any(tokens[n].line_end for n in (k, k + 1))
    ):
        return k + 2
    if (
        # the letter and its word of the radio alphabet: "w whiskey r romeo"
        len(tokens[k].word) == 1
        and k + 1 < len(tokens)
        and tokens[k + 1].word in w.NATO
        and tokens[k + 1].word[:1] == tokens[k].word
        and not tokens[k].line_end
    ):
        return k + 1
    return k


#: How many tokens may open a line before a spelling wrapped onto it goes on: a numbered
#: transcript's line number ("13"), a table row's cells ("| c-41651 | 8 | CUSTOMER |"), a
#: caption's time ("00:00:25:28").
_WRAP_PREFIX_TOKENS = 12
#: A table's borders: what may stand between a wrapped line's last word and its end.
_BORDERS = frozenset({"|", "\u2502", "\u2503", "\u2551"})


def _ends_line(tokens: list[Token], k: int) -> bool:
    """Whether tokens k onwards are a table's borders (two at most) to the line's end."""
    for n in range(k, min(k + 2, len(tokens))):
        if tokens[n].word not in _BORDERS:
            return False
        if tokens[n].line_end:
            return True
    return False


def _at_line_end(tokens: list[Token], k: int) -> bool:
    return tokens[k].line_end or (k + 1 < len(tokens) and _ends_line(tokens, k + 1))


def _on_next_line(tokens: list[Token], k: int, fits: Callable[[int], bool]) -> int:
    """The word the next line's text opens with (past its prefix: a line number, a table row's
    cells, a speaker's label, `_text_word`), if it `fits`; -1 where it does not."""
    start = k + 1
    while start < len(tokens) and not tokens[start - 1].line_end:
        start += 1  # (past the borders to the line's end)
    for n in range(start, min(start + _WRAP_PREFIX_TOKENS, len(tokens))):
        if _text_word(tokens, n):
            return n if fits(n) else -1
        if tokens[n].line_end and any(t.word.isalpha() for t in tokens[start : n + 1]):
            return -1  # (two lines on, past words: no wrap; past a caption's time, one)
    return -1


def _text_word(tokens: list[Token], n: int) -> bool:
    """Whether token n is a word of a line's text, not of its prefix: no cell's or label's
    word ("| customer |", "CALLER:") nor part of an identifier ("499b15df", "c-41651")."""
    tok = tokens[n]
    if not tok.word[:1].isalpha():
        return False
    if n > 0 and tokens[n - 1].end == tok.start:
        before = tokens[n - 1].word
        if before[:1].isalnum() or before == "-":
            return False
    if n + 1 < len(tokens):
        after = tokens[n + 1]
        if after.word in _BORDERS or after.word == ":":
            return False
        if after.start == tok.end and (after.word[:1].isalnum() or after.word == "-"):
            return False
    return True


def _spelled_across(tokens: list[Token], k: int) -> int:
    """The last token of the letter at k spelled with a word over a line's end, as a transcript
    wraps its lines: "G as in" / "golf", "V as in victor E" / "13   as in echo", a table
    row's "N as in |" / "| c-41651 | 8 | CUSTOMER | Nancy,"; -1 where it is not."""
    letter = tokens[k].word
    if len(letter) != 1 or not letter.isalpha():
        return -1
    if not _at_line_end(tokens, k) and (k + 1 >= len(tokens) or tokens[k + 1].word != "as"):
        return -1  # (most letters: "a", "i" in a sentence; no reading set up for them)
    steps: tuple[Callable[[int], bool], ...] = (
        lambda n: tokens[n].word == "as",
        lambda n: tokens[n].word == "in",
        lambda n: (
            tokens[n].word[:1] == letter and len(tokens[n].word) > 1 and tokens[n].word.isalpha()
        ),
    )
    pos, crossed = k, False
    for fits in steps:
        if _at_line_end(tokens, pos):
            if crossed:
                return -1
            pos, crossed = _on_next_line(tokens, pos, fits), True
            if pos < 0:
                return -1
        elif pos + 1 < len(tokens) and fits(pos + 1):
            pos += 1
        else:
            return -1
    return pos if crossed else -1


def _next_line_letter(tokens: list[Token], k: int) -> int:
    """The letter the next line opens with (past its prefix) where the spelling wrapped at
    k's line goes on there ("... A as in alpha" / "14   N as in november"); -1 where it does
    not."""

    def spelled(n: int) -> bool:
        return len(tokens[n].word) == 1 and (
            _spelled_as(tokens, n) > n or _spelled_across(tokens, n) > n
        )

    return _on_next_line(tokens, k, spelled)


#: "d like david", "d for david": a letter and the word that spells it (its first letter);
#: in French, Spanish and Portuguese "n comme nicolas", "d como diego", "m de maria".
_SPELLED_LIKE = frozenset({"like", "for", "comme", "como", "de"})


# --- e-mail: "john dot smith at gmail dot com" -> "john.smith@gmail.com" -----------------------

#: Second halves of a domain label that speech-to-text writes as two words ("hot mail").
_SPLIT_LABEL_ENDS = frozenset({"mail", "look", "cloud", "box", "link", "net", "online"})
#: Letters that may be a name's initial in an address's local part (not "a" or "i": words).
_INITIALS = frozenset("bcdefghjklmnopqrstuvwxyz")
_LOCAL_STOP = (
    frozenset(
        """is my me email e-mail address it's its at the your our and or mail to send yes yeah
        yep sure okay ok es é c'est sí oui sim""".split()
    )
    | w.FILLERS
)  # ("uh mateo dot uh delacroix at ...": a hesitation is no part of the address, nor "yes")


def _spoken_emails(text: str, tokens: list[Token], pieces: list[Piece]) -> list[Piece]:
    if not any(tok.word in _ATS for tok in tokens) and not any(p.text == "at" for p in pieces):
        return pieces  # a spoken e-mail turns on its "at": without one there is nothing to do
    units = _units(text, tokens, pieces)
    emails: list[Piece] = []
    for idx, unit in enumerate(units):
        if unit[2] != "at":
            continue
        at = idx + _at_words(units, idx)  # "at sign", "at the rate": the "at"'s last unit
        right = _domain(units, at + 1) or _provider_alone(units, at)
        before = idx - 1 - _one_word(units, idx)
        while before > 0 and units[before][2] in w.FILLERS:
            before -= 1  # (a hesitation before the "at": "jade dot brennan uh at sign gmail")
        left = _local_part(units, before)
        if right is None or left is None:
            continue
        (l_idx, local), (r_idx, domain) = left, right
        l_idx, local = _after_email_cue(units, *_with_initial(units, l_idx, local))
        s, e = units[l_idx][0], units[_with_spelling(units, r_idx, local)][1]
        emails.append(Piece(s, e, s, e, f"{local}@{domain}"))
    if not emails:
        return pieces
    # number pieces inside an e-mail ("john eighty five at ...") give way to the e-mail
    starts = [p.cover_start for p in emails]
    kept = []
    for piece in pieces:
        i = bisect.bisect_right(starts, piece.cover_start) - 1
        inside = i >= 0 and emails[i].cover_end > piece.cover_start
        following = i + 1 < len(emails) and emails[i + 1].cover_start < piece.cover_end
        if not inside and not following:
            kept.append(piece)
    return sorted(kept + emails, key=lambda p: p.consume_start)


def _at_words(units: list[tuple[int, int, str]], k: int) -> int:
    """How many units after the "at" at k say "at" with it: "at sign" (1), "at the rate" (2),
    as callers say an address's "@"."""
    following = [u[2] for u in units[k + 1 : k + 3]]
    if following[:1] == ["sign"]:
        return 1
    return 2 if following == ["the", "rate"] else 0


def _one_word(units: list[tuple[int, int, str]], k: int) -> int:
    """3 where "all one word" comes right before the "at" at k ("ravipetrakis all one word
    at gmail dot com": the local part is before it, and the address covers it), else 0."""
    return 3 if [u[2] for u in units[max(0, k - 3) : k]] == ["all", "one", "word"] else 0


def _with_initial(units: list[tuple[int, int, str]], k: int, local: str) -> tuple[int, str]:
    """The local part with the initial spelled before it ("s as in sam haddad at ...": the
    address is shaddad@..., and the "s" was left in clear)."""
    if (
        k >= 4
        and units[k - 3][2] == "as"
        and units[k - 2][2] == "in"
        and len(units[k - 4][2]) == 1
        and units[k - 4][2].isalpha()
        and units[k - 1][2].isalpha()
    ):
        return k - 4, units[k - 4][2].lower() + local
    return k, local


#: Words between an address and its local part spelled after it ("... dot com that's a a l i
#: y a h").
_SPELLING_LINKS = frozenset({"that's", "thats", "that", "is", "spelled", "it's", "its", ","})


def _with_spelling(units: list[tuple[int, int, str]], k: int, local: str) -> int:
    """The last unit of an address said with its local part spelled after it ("aaliyah at
    icloud dot com that's a a l i y a h", the letters normalised to one piece, AALIYAH):
    the spelling's, else k."""
    j = k + 1
    while j < len(units) and j - k <= 3 and units[j][2] in _SPELLING_LINKS:
        j += 1
    if j >= len(units):
        return k
    spelled = units[j][2]
    letters = "".join(ch for ch in local if ch.isalpha()).upper()
    if (
        len(spelled) >= 3
        and spelled.isupper()
        and spelled.isalpha()
        and letters.startswith(spelled)
    ):
        return j
    return k


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
            units.append((tok.start, tok.end, _FOREIGN_EMAIL_WORDS.get(tok.word, tok.word)))
    return units


#: An address said in Spanish, Portuguese or French: "javier punto salazar arroba aol punto
#: com", "henrique arroba icloud ponto com", "francoise point bernard5 arobase gmail point com".
_FOREIGN_EMAIL_WORDS = {
    "arroba": "at", "punto": "dot", "guion": "dash", "guión": "dash", "arobase": "at",
    "ponto": "dot", "point": "dot",
}  # fmt: skip
_ATS = frozenset({"at", "arroba", "arobase"})


def _is_part(word: str) -> bool:
    # (an apostrophe inside a word is one an address may hold: "o'brien")
    return (
        (word.isalnum() or (word.replace("'", "").isalnum() and word[0] != "'"))
        and word not in _LOCAL_STOP
        and word not in w.EMAIL_SEPARATORS
    )


_DOTS = frozenset({"dot", "period", "."})
#: Digits said as words in a local part ("stewart four"): not "oh" or a homophone ("to").
_DIGIT_WORDS = {
    word: str(digit)
    for word, digit in w.UNITS.items()
    if word not in w.HOMOPHONES
    and word not in w.ZERO_LETTERS
    and word.isascii()
    and word not in w.NOT_ENGLISH_UNITS
}
# (a tens or teens word said alone, left a word: "s a l e x a n d e r fifty at" -> salexander50)
_DIGIT_WORDS |= {word: str(tens * 10) for word, tens in w.TENS.items()}
_DIGIT_WORDS |= {word: str(number) for word, number in w.TEENS.items()}
_DASHES = frozenset({"dash", "hyphen", "-"})


def _domain(units: list[tuple[int, int, str]], k: int) -> tuple[int, str] | None:
    labels: list[str] = []
    while k < len(units) and (
        _is_part(units[k][2])
        or (labels[-1:] == ["."] and units[k][2] in w.TLDS)
        # ("at mail dot com": mail.com, though "mail" is no part of a local part)
        or (units[k][2] == "mail" and k + 1 < len(units) and units[k + 1][2] in _DOTS)
    ):
        labels.append(units[k][2])
        if len(units[k][2]) == 1 and units[k][2].isalpha():
            # a label spelled letter by letter: "w p dot p l" is "wp.pl", "dot m x" ".mx" (not
            # the next turn's speaker label: "dot m e\nA: okay")
            while (
                k + 1 < len(units)
                and len(units[k + 1][2]) == 1
                and units[k + 1][2].isalpha()
                and not (k + 2 < len(units) and units[k + 2][2] == ":")
            ):
                k += 1
                labels[-1] += units[k][2]
        if (
            k + 2 < len(units)
            and units[k + 2][2] in _DOTS
            and (
                units[k + 1][2] in _SPLIT_LABEL_ENDS
                or (len(units[k][2]) == 1 and _is_part(units[k + 1][2]))
            )
        ):
            # speech-to-text splits a label in two: "g mail dot com", "hot mail dot com"
            labels.append(units[k + 1][2])
            k += 1
        sep = units[k + 1][2] if k + 1 < len(units) else ""
        # (a dash with a blank before it is a sentence's: "at outlook.com - right?"; a full
        # stop with a blank after it ends a sentence: "at gmail dot com.\nRep: ...")
        joined = (
            sep in _DOTS
            and not (sep == "." and k + 2 < len(units) and units[k + 2][0] > units[k + 1][1])
        ) or (sep in _DASHES and not (sep == "-" and units[k + 1][0] > units[k][1]))
        if (
            joined
            and k + 2 < len(units)
            and (_is_part(units[k + 2][2]) or units[k + 2][2] in w.TLDS)
        ):
            labels.append("." if sep in _DOTS else "-")
            k += 2
            continue
        break
    if labels.count(".") < 1 or labels[-1] not in w.TLDS:
        return None
    return k, "".join(labels)


#: Mail providers a caller names without the rest of the domain ("john smith at gmail"),
#: which is ".com" for each of them.
_PROVIDERS = {
    "gmail": "gmail.com", "yahoo": "yahoo.com", "hotmail": "hotmail.com",
    "outlook": "outlook.com", "icloud": "icloud.com", "aol": "aol.com",
    "protonmail": "protonmail.com", "comcast": "comcast.net", "verizon": "verizon.net",
    "sbcglobal": "sbcglobal.net", "msn": "msn.com", "ymail": "ymail.com",
}  # fmt: skip


def _provider_alone(units: list[tuple[int, int, str]], at: int) -> tuple[int, str] | None:
    """A provider said after the "at" with no top-level domain after it, where an e-mail cue
    comes shortly before ("what's your email?\njohn smith at gmail"): the address is the
    provider's own ("works at yahoo" names an employer, no address)."""
    k = at + 1
    if k >= len(units) or units[k][2] not in _PROVIDERS:
        return None
    if k + 1 < len(units) and units[k + 1][2] in _DOTS:
        return None  # a domain said in full, which `_domain` reads (or rejects)
    if not any(units[j][2] in _EMAIL_CUES for j in range(max(0, at - 10), at)):
        return None
    return k, _PROVIDERS[units[k][2]]


#: Words that announce an address: "my email is jane doe at ...", "e-mail address: ..."
_EMAIL_CUES = frozenset({"email", "e-mail", "address"})
#: ... or a link that says what follows is the address, whatever came before it: "it's jane
#: doe at gmail dot com" answers "what's your email?" (and a domain must follow the "at").
#: (Or an answer's first word: "sure b spanevello eighty one at gmail dot com".)
_CUE_LINKS = frozenset({"is", ":", "'s", "it's", "its", "was", "yes", "yeah", "yep", "sure"})


def _after_email_cue(units: list[tuple[int, int, str]], k: int, local: str) -> tuple[int, str]:
    """A local part that speech-to-text split into words ("jane doe at gmail dot com") right
    after an e-mail cue or a link ("is", "it's") takes the words back to it (two at most):
    after "my email is" or "it's", "jane" is part of the address too, not a name left in
    clear."""
    j = k - 1
    while j >= 0 and k - 1 - j < 3 and _is_part(units[j][2]) and units[j][2] not in ("a", "i"):
        j -= 1  # (not an article or "I": "it's a smith at outlook dot com")
    words = k - 1 - j
    if not 1 <= words <= 2 or j < 0:
        return k, local
    cue = units[j][2] in _EMAIL_CUES or units[j][2] in _CUE_LINKS
    if not cue:
        return k, local
    return j + 1, "".join(u[2] for u in units[j + 1 : k]) + local


def _over_fillers(units: list[tuple[int, int, str]], j: int) -> int:
    """The index of the last unit at or before j that is no filler ("uh"), or -1."""
    while j >= 0 and units[j][2] in w.FILLERS:
        j -= 1
    return j


def _local_part(units: list[tuple[int, int, str]], k: int) -> tuple[int, str] | None:
    parts: list[str] = []
    while k >= 0 and _is_part(units[k][2]) and len(parts) < 9:
        # (a digit said alone, which the normaliser leaves a word: "s dot stewart four at")
        parts.insert(0, _DIGIT_WORDS.get(units[k][2], units[k][2]))
        # (a hesitation either side of a separator: "mateo dot uh delacroix at ...")
        j = _over_fillers(units, k - 1)
        sep = units[j][2] if j >= 0 else ""
        part = _over_fillers(units, j - 1)
        if sep in w.EMAIL_SEPARATORS and part >= 0 and _is_part(units[part][2]):
            parts.insert(0, w.EMAIL_SEPARATORS[sep])
            k = part
            continue
        if k > 0 and parts[0].isdigit() and _is_part(units[k - 1][2]):
            k -= 1  # "john eighty five" -> "john85"
            continue
        if k > 0 and len(parts[0]) == 1 and len(units[k - 1][2]) == 1 and _is_part(units[k - 1][2]):
            k -= 1  # spelled letters: "a dot b c" -> "a.bc"
            continue
        if k > 0 and len(parts) == 1 and len(parts[0]) > 1 and units[k - 1][2] in _INITIALS:
            k -= 1  # an initial before a name: "j smith at outlook dot com" -> "jsmith"
            continue
        break
    if not parts:
        return None
    return k, "".join(parts)
