"""Detectors for values that are only sensitive in context: "my pin is 4921".

The trigger is the cue phrase itself; the value is the first match of `value` that follows
within a short window, with no other number in between. This one class serves PIN, CVV,
expiry, date of birth, driver's licence, passport, bank account, routing number, ZIP and the
answers to security questions: each is a few lines of data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from callshield.core.detection.base import (
    CJK,
    GAP_FILLERS,
    SHORT_TIME_UNITS,
    Candidate,
    cap,
    names_previous,
    phrase_alternation,
    said_words,
    says_number,
)
from callshield.core.detection.caseless import Caseless
from callshield.core.detection.corrections import attempt_before
from callshield.core.detection.date_readings import DATE_FORMS, Reading, readings
from callshield.core.detection.prefilter import TRIGGER_SPACE, Trigger
from callshield.core.detectors.trailing import named_after
from callshield.core.detectors.values import Validator
from callshield.core.entities import EntityType

#: A word, accented letters in it ("Tú: termina en 0505": "T" alone is the blocker "t").
_GAP_WORDS = re.compile(r"[A-Za-z'\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
#: The end of a sentence and the start of the next.
_SENTENCE_END = re.compile(r"[.!]\s+[A-Z]")


#: Words that announce a different identifier: a value after them belongs to that one.
_BLOCKERS = frozenset(
    """order tracking ticket invoice reference confirmation case claim phone mobile cell tel t
    passport license licence routing social ssn card zip pin iban itin email plate report
    incident tkt rma ord pp dl session""".split()
)


#: A question that ends its line ("I sent a verification code to your email, what is it?"),
#: then the start of the next line, where the answer begins ("Customer: 989093").
_QUESTION_THEN_LINE = re.compile(r"[?.][ \t]*\r?\n(?P<reply>[^\n]*)\Z")
#: The rest of a speech-to-text turn after its cue (no "?": speech-to-text writes none; no
#: number, no sentence's end: "DOB matches. Moving to the chargeback queue." is no question),
#: its line's end, perhaps a blank line, and no mail's header next (a header is no turn).
_REST_OF_TURN = (
    r"[^\n?\d.!]{0,100}\r?\n(?:[ \t]*\r?\n)?(?!(?:from|to|cc|bcc|date|sent|subject|re)[ \t]*:)"
)
#: The next turn's label ("Speaker 2:", "cust >"); or, where a label with a digit was, the
#: blanks the spoken-form reading leaves (`[ \t]{2,}`).
_NEXT_LABEL = r"[ \t]*[A-Za-z][\w .'\-]{0,30}(?::|[ \t]+[-–>]{1,2}[ \t])"
#: A cue's turn, then the next turn's label and the start of its line, where the answer begins
#: ("can you read me the account number from your statement\n\nSpeaker 2: it should be ").
_TURN_THEN_TURN = re.compile(
    rf"{_REST_OF_TURN}(?P<reply>(?:{_NEXT_LABEL}|[ \t]{{2,}})[^\n]*)\Z", re.IGNORECASE
)
#: Answers listed before the value on the answer's line, each ending in a comma ("L16341697
#: US, ", "Arthur Lee, 07071966, "), or the answer before it alone on the line above ("921 82
#: 7109\nNovember 16, 1970").
_LISTED_BEFORE = re.compile(
    # (after a comma or "and": "07071966, 24321", "09/23/1997 and 85741")
    r"\n[^\n]{0,60}(?:,[ \t]*(?:and[ \t]+)?|[ \t]and[ \t]+|\n[ \t]*)\Z"
    # or in the same speaker's message before, a chat export's stamp before each ("[6/25/24,
    # 12:36:20 PM] Taylor Newton: A7168-83171\n[6/25/24, 12:36:24 PM] Taylor Newton: ")
    r"|\n(?:\[[^\]\n]{1,30}\][ \t]*)?(?P<who>[^\n:\[\]]{1,40}):[^\n]{0,60}\n"
    r"(?:\[[^\]\n]{1,30}\][ \t]*)?(?P=who):[ \t]*\Z"
)
#: The words a gap may hold before a value in its place in an answer's list (the rest of the
#: question, the answer's label, the answers before it).
_PLACED_GAP = 14
#: What parts a list: a comma, or "and" (after a comma or not).
_LIST_SEPARATOR = re.compile(r",(?:[ \t]*and\b)?|[ \t]and[ \t]", re.IGNORECASE)


def _in_place(text: str, cue_end: int, answer_start: int, start: int, stop: int) -> bool:
    """Whether a value on the answer's line stands where its cue stands in the question's
    list: as many items after it on its line as the question names after the cue (counted
    from the end, so that a question's opening words are no item), in a list of two or more."""
    if text.find("\n", answer_start, start) >= 0:
        return False  # (not on the line right after the question: no answer to it)
    question = text[cue_end : text.rfind("?", cue_end, answer_start) + 1 or answer_start]
    line_end = text.find("\n", stop)
    line_end = len(text) if line_end < 0 else line_end
    listed = len(_LIST_SEPARATOR.findall(text, answer_start, line_end))
    items_after = len(_LIST_SEPARATOR.findall(text, stop, line_end))
    return listed >= 1 and items_after == len(_LIST_SEPARATOR.findall(question))


#: The rest of a question's line after a cue, to its "?" and the line's end, or of a request
#: ("please send ..."), to its full stop.
_REQUEST_ENDS_LINE = re.compile(
    r"[^\n?]{0,120}[?.][ \t]*\r?\n"
    # (then, in a meeting transcript, a blank line and the answer's speaker line, its time
    # read as blanks: "\nLaura Berry       \nSure, it's ...")
    # (or a chat export's, the name in brackets: "\n[Mary Lamb       \n27638.")
    r"(?:(?:[ \t]*\r?\n){1,2}\[?[A-Za-z][\w,.'() &\-]{0,60}?[ \t]{2,}\r?\n)?"
)
#: After a date without its year: the rest of its line, a question for the year on the next
#: line, then the year alone on the line after it (labels and fillers before it).
_YEAR_ASKED = re.compile(
    # (turns apart on lines, or by "..." in a transcript written as one paragraph)
    r"[^\n]{0,40}?(?:\n|[ \t]\.\.\.[ \t])[^\n]{0,40}?"
    r"\b(?:(?:what|which|the)[ \t]+year|year[ \t]+please)"
    r"(?:[ \t]+(?:please|again|was[ \t]+(?:that|it)))?[ \t.?!,]*(?:\n|(?<=\.\.\.)[ \t])"
    # (a year in two digits too, as a caller says one: "fifty three", "ninety")
    r"[^\n\d]{0,40}?(?<!\d)(?P<y>(?:19|20)?\d{2})(?![\d])[ \t,!?]*(?:\n|\Z|\.)",
    re.IGNORECASE,
)
#: Right after a date without its year, the year said by the same speaker: "october tenth and
#: the year is nineteen fifty four" (1954, once normalised).
_YEAR_SAID = re.compile(
    r"[ \t,]+(?:and[ \t]+)?(?:the[ \t]+)?year(?:[ \t]+(?:is|was))?[ \t,:]+"
    r"(?P<y>(?:19|20)\d{2})(?!\d)",
    re.IGNORECASE,
)
#: How far before a cue `CuedValueDetector.context_before` is looked for.
_CONTEXT_REACH = 400
#: How far after a value it is looked for again, read back in another form.
_READ_BACK_REACH = 400
#: The rest of a question's line after a cue, as speech-to-text writes it (no "?"), with no
#: number in it: the answer is on the next line.
_ASKED_ALOUD = re.compile(r"[^\n?\d]{0,100}\r?\n")
#: The same, up to the next turn's label (`_TURN_THEN_TURN`): the answer's line.
_ASKED_THEN_TURN = re.compile(rf"{_REST_OF_TURN}(?={_NEXT_LABEL}|[ \t]{{2,}}\S)", re.IGNORECASE)
#: The last clause of a question: a word there may still name another identifier ("What's
#: your PIN? And your phone?").
_LAST_CLAUSE = re.compile(r"[^,.;:!?]*\Z")


def _gap_words(gap: str) -> tuple[list[str], list[str]]:
    """The words between a cue and a value that count against the gap, and the words of the
    question's last clause when the value answers a question on the next line: "verification
    code to your email, what is it?\nCustomer: 989093" is one word from its cue (the answer's
    speaker label), however long the question went on after it."""
    answered = _QUESTION_THEN_LINE.search(gap) if "?" in gap or ".\n" in gap else None
    if answered is None and "\n" in gap:
        answered = _TURN_THEN_TURN.match(gap)
    if answered is None:
        return said_words(_GAP_WORDS.findall(gap)), []
    clause = _LAST_CLAUSE.search(gap, 0, answered.start())
    said = _GAP_WORDS.findall(clause.group()) if clause is not None else []
    return said_words(_GAP_WORDS.findall(answered.group("reply"))), said


#: Where a code was sent, which names no other identifier ("I just sent a code to your
#: phone ... 482916": the phone is no phone number's cue here).
_SENT_TO = re.compile(
    r"\bto[ \t]+(?:your|my|the)[ \t]+(?:phone|mobile|cell|email|e-mail|number)\b", re.IGNORECASE
)
#: Where the caller reads the value from: "Sure, it's on my card, ZGP200188372" (no card's
#: value: the card is where the member ID is printed); and whose value it is, "Billing ZIP
#: for that card?" (the card's ZIP, no card's number).
_ON_THE_CARD = re.compile(
    r"\b(?:it'?s[ \t]+)?(?:on|from|for)[ \t]+(?:my|the|your|that|this)[ \t]+"
    r"(?:insurance[ \t]+|member[ \t]+"
    r"|id[ \t]+|rewards[ \t]+|loyalty[ \t]+)?card\b",
    re.IGNORECASE,
)


def _said_where(gap: str) -> str:
    """The gap before a value without the words that say where a value was sent or is read
    from ("to your phone", "on my card"), which name no other identifier."""
    if "to" in gap:
        gap = _SENT_TO.sub(" ", gap)
    if "card" in gap:
        gap = _ON_THE_CARD.sub(" ", gap)
    if "(" in gap:
        gap = _LABEL_ASIDE.sub(" ", gap)
    if "?" in gap or "..." in gap:
        gap = _WHICH_ONE.sub(" ", gap)
    return gap


#: After a value, the caller taking it back and saying another: ". Oh, no wait, that's the
#: garage. It's ", ", sorry, I mean ", ". Actually it's ".
_TAKEN_BACK_TO = re.compile(
    r"[ \t]*[.,!]?[ \t]+(?:oh[,.]?[ \t]+)?(?:no[,.]?[ \t]+)?"
    r"(?:wait|sorry|actually|my[ \t]+bad|scratch[ \t]+that)\b[^\n\d]{0,50}?"
    r"\b(?:it's|its|it[ \t]+is|i[ \t]+mean|the[ \t]+right[ \t]+one[ \t]+is)[ \t,]+",
    re.IGNORECASE,
)
#: The caller asking which one is meant, then answering it themselves: "Is it the one for the
#: app or... okay." (no words of a gap between the question and the value).
_WHICH_ONE = re.compile(
    r"\b(?:is[ \t]+(?:it|that)|you[ \t]+mean|do[ \t]+you[ \t]+mean|which[ \t]+one)\b"
    r"[^.?!\n]{0,50}?(?:\?|[ \t]or[ \t]*(?:\.\.\.|…))"
    r"(?:[ \t]*(?:okay|ok|alright|right|oh|um|uh|hmm|wait)[.,!]?)*",
    re.IGNORECASE,
)


#: A form label's aside in brackets, before its colon: "Reisepass-Nr. (nur bei Wohnsitz im
#: Ausland):", "Passport no. (if abroad):" (its words are no gap between label and value).
_LABEL_ASIDE = re.compile(r"\([^()\n]{1,60}\)(?=[ \t]*[:=#])")


def _aside_chars(lead: str) -> int:
    """How much of the room before a value a label's asides take (`_LABEL_ASIDE`)."""
    if "(" not in lead:
        return 0
    return sum(len(m.group()) for m in _LABEL_ASIDE.finditer(lead))


#: What a cue is of, after it: "expiration on the passport", "expiry date of your permit".
#: A time span after a cue: " in fifteen minutes", " within 10 min", " in an hour".
_IN_TIME = re.compile(
    rf"[ \t]+(?:in|within|after)[ \t]+(?:(?:\d+|an?|[a-z]+)[ \t\-]+){{1,3}}?{SHORT_TIME_UNITS}\b",
    re.IGNORECASE,
)
_OBJECT_AFTER = re.compile(
    r"(?:[ \t]+date)?[ \t]+(?:on|of|for)[ \t]+(?:(?:the|your|my|his|her|their|this|that)[ \t]+)?"
    r"([A-Za-z][\w'\-]*)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
#: A sentence's end before the next's capital ("8599. Expiration?"; not "Passport no. 71BS",
#: "Passport no. A9459...").
_SENTENCE_ENDS = re.compile(r"(?<!\b[Nn][Oo])[.?!][\"')\]]*\s+(?=[A-Z])|\?")
#: The last two words before a position (then blanks, or a colon).
_LAST_WORDS = re.compile(r"(?:([A-Za-z]+)[ \t]+)?([A-Za-z]+)[ \t:]*\Z")
#: A field's value, then the next field's key, on one line: the cue's field ended before the
#: value read ('{"pin_verified":true,"hold_ms":4410}', "pin=null amount=4410"). Keys in JSON's
#: quotes or before "=" (not a transcript's "Customer:").
_NEXT_FIELD = re.compile(r"[:=][^\n]*?(?:\"[\w .\-]{1,40}\"[ \t]*:|[\s&;,][A-Za-z_][\w.\-]{0,40}=)")
#: How much further than its window a cue reaches when fillers stand between it and the
#: value (`GAP_FILLERS`: "what's the account number?\nCustomer: uh yeah hold on it's ...").
_FILLER_REACH = 40


def _filler_chars(gap: str) -> int:
    """The characters of the fillers in `gap`, each with the blank after it, and of its runs
    of blanks but one (a time stamp or a label read as blanks: "ENTER_SSN_LAST4\n<24 blanks>
    dtmf.collect digits=\"8132\""), and of a form's dot leaders ("Postcode / woonplaats
    ........... 2682 WX")."""
    words = sum(len(word) + 1 for word in _GAP_WORDS.findall(gap) if word.lower() in GAP_FILLERS)
    return words + sum(len(run) - 1 for run in _BLANK_OR_LEADER_RUN.findall(gap))


_BLANK_RUN = re.compile(r"[ \t]{2,}")
_BLANK_OR_LEADER_RUN = re.compile(r"[ \t]{2,}|\.{4,}")


def _blanks_at(text: str, base: int, asked: re.Match[str] | None) -> int:
    """How many blanks open an answer's line at `base` (after a request that ended its line):
    a label and its times read as blanks ("[09:51.517 --> 09:57.388] SPEAKER_01: hold on
    ..."), which take none of a cue's reach."""
    blanks = _BLANK_RUN.match(text, base) if asked is not None else None
    return blanks.end() - base if blanks is not None else 0


#: A gap that is another answer said first, then "and": "your social and date of birth?" /
#: "536221234 and the 3rd of november 1947" (one run of digits, on the answer's line).
_ANSWERED_FIRST = re.compile(
    r"\n[^\n\d]{0,48}\d[\d ,\-]*\d[ \t,]+and[ \t]+(?:(?:uh|um|then|the|it'?s|it[ \t]+is)[ \t]+)*\Z",
    re.IGNORECASE,
)
#: The score of bare digits said before a second value of the kind ("6639 and july 15 2002"):
#: still redacted, but another detector's reading (the last four of a social) wins.
_SECOND_GUESS = 0.6
#: Another identifier named in a question before "and" ("the routing and account number",
#: "the last four of your social and your date of birth").
_NAMED_FIRST = re.compile(
    r"\b(?P<w>routing|social|ssn|card|pin|zip|phone|dob|birth|account|license|passport|expiry"
    r"|expiration|exp)\b"
    r"[^\n.?!]{0,30}?[ \t]and[ \t][^\n]*\Z",
    re.IGNORECASE,
)
#: Between two values said one after the other: "1234 and march third 1980", "6639 and it's
#: july 15 2002", or on the next line ("1227\ncustomer: 123"), or the first taken back.
_AND_THEN = re.compile(
    # (or a correction: "PA23183465 - no, I mean PA 2318 8465"; both redacted)
    r"(?:[ \t,]*[\-\u2013\u2014]?[ \t,]*(?:no|sorry|wait|oops|actually)\b[ \t,.]*"
    r"(?:(?:no|sorry|wait)\b[ \t,.]*)?(?:i[ \t]+meant?\b[ \t,]*)?"
    r"|[ \t,]+|[ \t,]*\n(?:(?:customer|caller|client|agent|rep|speaker[ \t]?\d*|spk_?\d+)"
    r"[ \t]*:)?[ \t]*)(?:and[ \t]+)?"
    r"(?:(?:uh|um|then|the|it'?s|it[ \t]+is)[ \t]+)*(?=\S)",
    re.IGNORECASE,
)


def cue_body(phrases: Sequence[str], space: str = r"\s+") -> str:
    """A regex alternation of cue phrases (spaces match `space`), as a trie."""
    return phrase_alternation(phrases, space)


def cue_trigger(phrases: Sequence[str]) -> Trigger:
    """One caseless trigger for a list of cue phrases (words `TRIGGER_SPACE` apart; the
    trailing word boundary is checked by the collector, `word_end`). A cue may follow an
    underscore: "customer_dob", "user_pin" in log lines, query strings and JSON keys.

    Hyperscan's word boundary knows ASCII only: the bytes of "é" are no word characters, so
    "sécurité" ends on no boundary and "Últimos" starts on none. Such a phrase ends on the
    blank after it (a colon or a dot first, perhaps), and starts after a byte that is no
    letter's (`_NOT_WORD_BYTE`), in its cases. The phrases ride on the trigger (`phrases`),
    so a test can check that each one fires it."""
    longest = max(len(p) for p in phrases) + 1
    listed = phrases
    # (its caseless flag folds ASCII letters only: "Últimos" and "ÚLTIMOS" are listed too)
    phrases = list(dict.fromkeys(v for p in phrases for v in _cased(p)))
    # (Chinese, Japanese and Korean phrases: those scripts write no blank between words, so
    # no boundary is looked for before or after them, "的生日是")
    # (and the collector's word end is an ASCII one, which no such phrase ends on: those
    # phrases make a trigger of their own, with no word end)
    cjk = [p for p in phrases if _CJK_CHAR.match(p[0]) or _CJK_CHAR.match(p[-1])]
    if cjk:
        if len(cjk) != len(phrases):
            raise ValueError("Chinese, Japanese and Korean cue phrases need a list of their own")
        return Trigger(
            f"(?:{cue_body(cjk, TRIGGER_SPACE)})",
            max_len=longest * 3,
            word_end=False,
            phrases=tuple(listed),
            parts=tuple(f"(?:{cue_body([p], TRIGGER_SPACE)})" for p in cjk),
        )
    words = [p for p in phrases if _ascii_alnum(p[-1])]
    signed = [p for p in phrases if not p[-1].isalnum()]
    accented = [p for p in phrases if p[-1].isalnum() and not _ascii_alnum(p[-1])]
    # a phrase that ends in a sign ("rt#", "license #") ends on no word boundary before a
    # blank: the blank after it is part of its trigger, so the value's first character makes
    # one (or the value is glued to the sign: "Loyalty #7404943780")
    groups = [
        (words, ""),
        (signed, f"(?:{TRIGGER_SPACE})?"),
        (accented, f"[:.]?{TRIGGER_SPACE}"),
    ]
    parts = []
    # each phrase is also compiled on its own (`Trigger.parts`): Hyperscan's literal matcher
    # finds it, where a list of them behind one `\b` is an automaton it runs on every byte
    singles = []
    for group, tail in groups:
        ascii_start = [p for p in group if p[0].isascii()]
        other_start = [p for p in group if not p[0].isascii()]
        for starts, before in ((ascii_start, r"(?:\b|_)"), (other_start, _NOT_WORD_BYTE)):
            if starts:
                parts.append(f"{before}(?:{cue_body(starts, TRIGGER_SPACE)}){tail}")
                singles += [f"{before}(?:{cue_body([p], TRIGGER_SPACE)}){tail}" for p in starts]
    body = "|".join(parts)
    return Trigger(
        f"(?:{body})",
        max_len=longest * 3,
        word_end=True,
        phrases=tuple(listed),
        parts=tuple(singles),
    )


#: A Chinese, Japanese or Korean character (kana, ideographs, Hangul).
_CJK_CHAR = re.compile(f"[{CJK}]")


def _cased(phrase: str) -> tuple[str, ...]:
    if phrase.isascii():
        return (phrase,)
    return (phrase, phrase[:1].upper() + phrase[1:], phrase.upper())


def _ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


#: Before a phrase that starts with a letter outside ASCII: the text's start, or a byte that
#: is no ASCII word character and no UTF-8 continuation byte (the end of another letter).
_NOT_WORD_BYTE = r"(?:^|[^A-Za-z0-9_\x80-\xbf])"


#: A date by its shape: a month's name, or three groups of digits apart.
_DATE_SHAPE = re.compile(r"[A-Za-z]{3}|\d{1,4}[/\-. ]+\d{1,2}[/\-. ]+\d{2,4}$", re.IGNORECASE)


_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _room(text: str, end: int, base: int, match: re.Match[str], gap: str) -> tuple[int | None, int]:
    """(attempt, room): where a number taken back before the value starts (or None), and
    how much of the window, from `base`, the value takes (no room for the attempt and the
    words that take it back)."""
    attempt = _taken_back(text, end, match.start()) if says_number(gap) else None
    taken = match.start() - attempt if attempt is not None else 0
    return attempt, match.end() - base - taken


def _taken_back(text: str, end: int, start: int) -> int | None:
    """Where the number starts when the only number between a cue (ending at `end`) and a
    value (at `start`) is one said and taken back: "6345-9 sorry I mean" (which
    `corrections.attempts` adds to the value); else None."""
    attempt = attempt_before(text, start, end)
    if attempt is None or says_number(text, end, attempt[0]):
        return None
    return attempt[0]


def _date_shaped(value: str) -> bool:
    """Whether a date value is one by its shape alone, not an identifier that reads as a date:
    a month's name or three groups ("May 13, 1959", "11 17 2004", "1999-03-10"), or eight
    digits that are a month, a day and a birth year ("07071966", "19680509")."""
    years = _YEAR_IN.findall(value)
    if years and not 1900 <= int(years[-1]) <= 2015:
        return False  # "order 2024-05-01": no one calling was born then
    if _DATE_SHAPE.search(value) is not None:
        return True
    if len(value) != 8 or not value.isdigit():
        return False
    for month, day, year in (
        (value[:2], value[2:4], value[4:]),  # MMDDYYYY
        (value[2:4], value[:2], value[4:]),  # DDMMYYYY
        (value[4:6], value[6:], value[:4]),  # YYYYMMDD
    ):
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and 1900 <= int(year) <= 2015:
            return True
    return False


def _named_otherwise(text: str, end: int, entity: EntityType) -> bool:
    named = named_after(text, end)
    return named is not None and named is not entity


def _past_accents(text: str, end: int) -> int:
    """`end`, past the letters outside ASCII right after it: the accented end of a cue's last
    word ("donde naci|ó"), where its trigger stopped (Hyperscan's word boundary knows ASCII
    only)."""
    while end < len(text) and not text[end].isascii() and text[end].isalpha():
        end += 1
    return end


@dataclass(frozen=True, slots=True)
class CuedValueDetector:
    """A value that follows a cue: data (cues, value pattern, window) plus an optional validator."""

    name: str
    entity: EntityType
    cues: tuple[str, ...]
    value: str
    score: float = 0.9
    window: int = 48
    max_gap_words: int = 6
    validator: Validator | None = None
    failed_score: float = 0.75
    normalise: Callable[[str], str] = str.lower
    flags: int = re.IGNORECASE
    #: A regex for the cues when a phrase list would be long (keeps the database small).
    cue_pattern: str | None = None
    #: The value comes before the cue ("1985-01-01 is my birthday").
    value_before: bool = False
    #: Whether a cue reaches past the end of its sentence ("... has expired. The meeting is
    #: confirmed for 11/24" is no card's expiry).
    crosses_sentences: bool = True
    #: Words (one or two) right before the cue that make it another thing's ("warranty exp
    #: 12/26", "subscription expires 11/27": no card's expiry; "the phone number on the
    #: account": no account number).
    not_after: frozenset[str] = frozenset()
    #: Words that say the cue is about another thing where they follow it ("the expiration
    #: on the passport") or come before it on its line with none of `about_kept` nearer
    #: ("Passport no. 71BS82473, issued Mar 10, expires 06/2031"; not "passport on file,
    #: card 4111 ... exp 12/26").
    about_other: frozenset[str] = frozenset()
    about_kept: frozenset[str] = frozenset()
    #: Whether a time span right after the cue says it is another thing's: "it expires in
    #: fifteen minutes" is a one-time code's, not the card's expiry said next.
    not_in_time: bool = False
    #: The value starts where the cue ends (its pattern reads what may come between): no
    #: search further on, where a stall or the question's own words would be taken for it
    #: ("what's your mother's maiden name?\nCustomer: why do you need that?").
    anchored: bool = False
    #: Phrases for a cheaper trigger than `cue_pattern`'s (the word a long alternation ends
    #: in: "license" for a state before it); the cue pattern is then required before the hit.
    trigger_phrases: tuple[str, ...] = ()
    #: A trigger's own pattern (Hyperscan syntax), for a cue whose phrase would make a poor
    #: trigger on its own (a single letter: "z" in a note, "; z 37266").
    trigger_pattern: str = ""
    #: A second value of the same kind said right after the first, "and" between ("the last
    #: four of your social and your date of birth?" / "1234 and march third 1980": the first
    #: value taken is the other answer, and the date of birth was left in clear).
    and_another: bool = False
    #: A value that is a date by its shape alone (a month's name, three groups, or eight
    #: digits that read as a birth date) answers a question for several things in order
    #: ("your date of birth and the phone number on the account?" / "May 13, 1959 and
    #: (734) ..."): another identifier's cue in the gap blocks it not, and the gap may hold
    #: this many words (0: off).
    date_shape_gap: int = 0
    #: A value found is looked for again in another written form: the same calendar date
    #: read back ("june twentieth sixty five" / "i have june twentieth nineteen sixty five is
    #: that right"), which no cue is near (date_readings.py).
    read_back: bool = False
    #: Words of the cues that still block a value after them (`_BLOCKERS`): "code to your
    #: phone" is a cue, and a phone asked for after the code is another thing.
    kept_blockers: frozenset[str] = frozenset()
    #: What the text must say before the cue (up to `_CONTEXT_REACH` characters) for the cue
    #: to be one: "it says 196636" reads a code only where a code was sent or asked for.
    context_before: str = ""
    _value_re: re.Pattern[str] = field(init=False, repr=False)
    _context_re: Caseless | None = field(init=False, repr=False)
    _cue_re: Caseless = field(init=False, repr=False)
    _blockers: frozenset[str] = field(init=False, repr=False)
    _has_v: bool = field(init=False, repr=False)
    _own_words: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_value_re", re.compile(self.value, self.flags))
        object.__setattr__(self, "_has_v", "v" in self._value_re.groupindex)
        context = Caseless(self.context_before) if self.context_before else None
        object.__setattr__(self, "_context_re", context)
        # (a trigger ends up to three blanks after its cue: `prefilter.TRIGGER_SPACE`)
        # (a Chinese, Japanese or Korean character before the cue is no part of its word)
        cue_re = Caseless(rf"(?<![^\W_{CJK}])(?:{self._cue_source})\s{{0,3}}\Z")
        object.__setattr__(self, "_cue_re", cue_re)
        own = {w.lower() for cue in self.cues for w in _GAP_WORDS.findall(cue)}
        object.__setattr__(self, "_blockers", _BLOCKERS - (own - self.kept_blockers))
        object.__setattr__(self, "_own_words", frozenset(own))

    @property
    def _cue_source(self) -> str:
        return self.cue_pattern if self.cue_pattern else cue_body(self.cues)

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({self.entity})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        if self.trigger_pattern:
            return (Trigger(self.trigger_pattern, max_len=8),)
        if self.trigger_phrases:
            return (cue_trigger(self.trigger_phrases),)
        if self.cue_pattern:
            lean = self.cue_pattern.replace(r"\s+", TRIGGER_SPACE).replace(
                r"\s*", f"(?:{TRIGGER_SPACE})?"
            )
            return (Trigger(rf"\b(?:{lean})", max_len=80, word_end=True),)
        return (cue_trigger(self.cues),)

    def _most_gap_words(self, placed: bool, shaped: bool) -> int:
        """How many words may stand between the cue and a value in its place in an answer's
        list, a date by its shape, or any other value."""
        if placed:
            return max(self.date_shape_gap, _PLACED_GAP)
        return self.date_shape_gap if shaped else self.max_gap_words

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        if not self.read_back:
            return self._cued(text, hits)
        found = list(self._cued(text, hits))
        return found + self._read_back(text, found) if found else found

    def _read_back(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """The other dates of `text` that are a date in `found`, in another form; and the
        year of a date said without it, asked for next ("november 24" / "okay and what
        year" / "uh, 1958")."""
        said: set[Reading] = set()
        years: list[Candidate] = []
        for cand in found:
            read = readings(text[cand.start : cand.end])
            said |= read
            if not read and (year := self._year_asked(text, cand)) is not None:
                years.append(year)
        if not said:
            return years
        taken = [(c.start, c.end) for c in found]
        out = []
        # (read back after it is said, within a few turns)
        lo = min(c.end for c in found)
        hi = min(len(text), max(c.end for c in found) + _READ_BACK_REACH)
        for match in DATE_FORMS.finditer(text, lo, hi):
            start, stop = match.span()
            if (
                any(a < stop and start < b for a, b in taken)
                or not readings(text[start:stop]) & said
            ):
                continue
            reasons = ("the same date as a value found with its cue, in another form",)
            value = self.normalise(text[start:stop])
            out.append(Candidate(self.entity, start, stop, cap(self.score - 0.05), reasons, value))
            taken.append((start, stop))
        return out + years

    def _year_asked(self, text: str, cand: Candidate) -> Candidate | None:
        """The year said on the line after a question for it ("and what year", "the year?"),
        on the lines right after a date said without its year."""
        match = _YEAR_ASKED.match(text, cand.end, min(len(text), cand.end + 160))
        how = "asked for next"
        if match is None:
            match = _YEAR_SAID.match(text, cand.end, min(len(text), cand.end + 40))
            how = "said next"
        if match is None:
            return None
        start, stop = match.span("y")
        reasons = (f"the year of a date of birth said without it, {how}",)
        return Candidate(self.entity, start, stop, cap(self.score - 0.05), reasons, match["y"])

    def _cued(self, text: str, hits: Sequence[Sequence[int]]) -> Iterator[Candidate]:
        if self.value_before:
            yield from self._before_cues(text, hits[0])
            return
        seen: set[int] = set()
        # (the nearest cue claims a value first)
        for end in [_past_accents(text, end) for end in reversed(hits[0])]:
            # a request that ends its line ("... I've sent a code to your phone — can you read
            # it to me?", "Please send the passport number, nationality, and your date of
            # birth as printed."): the answer's line is where the window starts
            asked = self._asked(text, end)
            base = asked.end() if asked is not None else end
            reach = min(
                len(text), base + _blanks_at(text, base, asked) + self.window + _FILLER_REACH
            )
            find = self._value_re.match if self.anchored else self._value_re.search
            match = find(text, end, reach)
            if self.and_another and not self.anchored:
                match = self._past_first_answer(text, end, match, reach)
            if match is None or match.start() in seen:
                continue
            gap = text[end : match.start()]
            start, stop = match.span("v") if self._has_v else match.span()
            # the answer in its place in a list that answers a question for several things in
            # order: "your full name, date of birth and the ZIP code?" / "Arthur Lee,
            # 07071966, 24321" (the ZIP last in both): its line is the answer, however long
            placed, shaped, listed = self._ordered(text, end, asked, gap, start, stop)
            dated = placed or shaped
            # (a number taken back before the value: "That's 6345-9 sorry I mean 6945 ...",
            # its words neither a number in the gap nor the window's room)
            attempt, room = _room(text, end, base, match, gap)
            # out of reach, unless fillers took the room ("uh yeah hold on it's"; an anchored
            # pattern reads them itself, before its value)
            if room > self.window and not (placed or listed):
                lead = text[base : match.start("v")] if self._has_v else text[base : match.start()]
                if room - _filler_chars(lead) - _aside_chars(lead) > self.window:
                    continue
            if (
                says_number(gap)
                and not (self.and_another and _ANSWERED_FIRST.search(gap))
                and attempt is None
                # (a date after the answers before it, in the question's order: "passport
                # number, nationality and date of birth?" / "L16341697 US, 22 February 1948")
                and not listed
            ):
                continue  # (but "your social and date of birth?" / "536221234 and march 3")
            if ("=" in gap or '":' in gap) and _NEXT_FIELD.search(gap):
                continue  # the cue's own field had its value: '"pin":null,"amount":"4410"'
            if not self.crosses_sentences and _SENTENCE_END.search(gap):
                continue
            gap_words, said = _gap_words(_said_where(gap))
            if len(gap_words) > self._most_gap_words(placed, shaped) and not self.anchored:
                continue
            if not dated and any(word.lower() in self._blockers for word in (*said, *gap_words)):
                continue  # "account ... order number 123": another identifier's cue is nearer
            named = named_after(text, stop)
            if named is not None and named is not self.entity:
                continue  # "routing number and 670437508 is the account number"
            cue_match = self._cue_re.search(text, max(0, end - 80), end)
            if cue_match is None and self.trigger_phrases:
                continue  # the trigger's word without the cue before it
            if cue_match is not None and names_previous(text, cue_match.start()):
                continue  # "0366 is my pin\nok, 122105 155 is the routing number"
            if cue_match is not None and self._another_things(text, cue_match):
                continue
            if self._context_re is not None and not self._context_re.search(
                text, max(0, end - _CONTEXT_REACH), end
            ):
                continue  # ("it says 1500 on the bill": no code sent or asked for before)
            seen.add(match.start())
            cue = " ".join(cue_match.group().lower().split()) if cue_match else "cue"
            first = self._candidate(text, start, stop, cue, len(gap_words))
            cued = (cue, len(gap_words) + 1)
            yield from self._found(text, first, cue_match, cued, reach, seen)

    def _found(
        self,
        text: str,
        first: Candidate,
        cue_match: re.Match[str] | None,
        cued: tuple[str, int],
        reach: int,
        seen: set[int],
    ) -> Iterator[Candidate]:
        """`first`, a second value said with it (`and_another`), and the value said right
        after it to correct it."""
        if self.and_another:
            yield from self._with_another(text, first, cue_match, cued, reach, seen)
        else:
            yield first
        corrected = self._corrected(text, first.end, cued[0])
        if corrected is not None and corrected.start not in seen:
            seen.add(corrected.start)
            yield corrected

    def _corrected(self, text: str, stop: int, cue: str) -> Candidate | None:
        """The value said right after the one ending at `stop` to take it back ("nine five
        zero two. Oh, no wait, that's the garage. It's one six nine six"): the value asked
        for, as much as the first."""
        taken = _TAKEN_BACK_TO.match(text, stop)
        if taken is None:
            return None
        match = self._value_re.match(text, taken.end(), min(len(text), taken.end() + 80))
        if match is None:
            return None
        start, end = match.span("v") if self._has_v else match.span()
        first = self._candidate(text, start, end, cue, 0)
        reasons = (*first.reasons, "said again, corrected")
        return Candidate(first.entity, start, end, first.score, reasons, first.value)

    def _asked(self, text: str, end: int) -> re.Match[str] | None:
        """The rest of a question or a request that ends its line after the cue at `end`."""
        if self.anchored:
            return None
        asked = _REQUEST_ENDS_LINE.match(text, end)
        if asked is None and self.date_shape_gap:
            # (speech-to-text writes no "?": "can i get your full name date of birth and the
            # zip code on the account\ncustomer: luis cotto september 23 1997 and ...")
            asked = _ASKED_ALOUD.match(text, end)
        if asked is None:
            # (or any cue's: "can you read me the account number from your statement\n\n
            # Speaker 2: it should be ...", the next turn's label right after its line)
            asked = _ASKED_THEN_TURN.match(text, end)
        return asked

    def _ordered(
        self, text: str, end: int, asked: re.Match[str] | None, gap: str, start: int, stop: int
    ) -> tuple[bool, bool, bool]:
        """(placed, shaped, listed) for the value at [start, stop) after the cue ending at
        `end`: in its place in a list that answers a question for several things in order
        (`_in_place`); a date by its shape; a date (by its shape, or placed) after the answer
        before it, in the question's order. The first two let the value pass another
        identifier's cue and a longer gap."""
        placed = asked is not None and _in_place(text, end, asked.end(), start, stop)
        shaped = self.date_shape_gap > 0 and _date_shaped(text[start:stop])
        listed = (placed or shaped) and asked is not None and _LISTED_BEFORE.search(gap) is not None
        return placed, shaped, listed

    def _with_another(
        self,
        text: str,
        first: Candidate,
        cue_match: re.Match[str] | None,
        said: tuple[str, int],
        reach: int,
        seen: set[int],
    ) -> Iterator[Candidate]:
        """`first`, and a second value of the kind said right after it ("1234 and march third
        1980"), when there is one; `first` weaker where it answers what was asked before.
        `said`: the cue and the words before the second value, for its reason."""
        joint = _AND_THEN.match(text, first.end)
        after = self._value_re.match(text, joint.end(), reach) if joint else None
        if after is None or after.start() in seen:
            yield first
            return
        s2, e2 = after.span("v") if self._has_v else after.span()
        if _named_otherwise(text, e2, self.entity) or text[e2 : e2 + 1] == ":":
            # (or its last digits are an hour: "dob 03/06/1953\nSeptember 2 09:05 - IVR xfer",
            # a note's next time stamp)
            yield first  # "... 482\ncustomer: 4388 is the last four of my social"
            return
        seen.add(after.start())
        if self._other_named_first(text, cue_match, first.start, first.end, s2, e2):
            # "the last four of your social and your date of birth?" / "6639 and july 15
            # 2002": the first of two values answers what was asked first
            reasons = (*first.reasons, "said first, after another identifier was named")
            first = replace(first, score=_SECOND_GUESS, reasons=reasons)
        yield first
        yield self._candidate(text, s2, e2, *said)

    def _other_named_first(
        self, text: str, cue: re.Match[str] | None, start: int, stop: int, s2: int, e2: int
    ) -> bool:
        """Whether the first of two values said one after the other ([start, stop), then
        [s2, e2)) answers another identifier named in the question before this cue ("the
        routing and account number", "your social and date of birth"), or is bare digits
        before a written-out value of this kind ("6639 and july 15 2002")."""
        if text[start:stop].isdigit() and not text[s2:e2].isdigit():
            return True
        if cue is None:
            return False
        named = _NAMED_FIRST.search(text, max(0, cue.start() - 60), cue.end())
        return named is not None and named.group("w").lower() not in self._own_words

    def _past_first_answer(
        self, text: str, end: int, match: re.Match[str] | None, reach: int
    ) -> re.Match[str] | None:
        """The value after another answer said first ("your social and date of birth?" /
        "38981 8788 and the 27 of august 1975"), where `match` lies inside that answer: the
        next value, when the gap before it is that answer and "and"; else `match`."""
        found = match
        for _ in range(3):
            if found is None or not says_number(text[end : found.start()]):
                return match
            if _ANSWERED_FIRST.search(text, end, found.start()):
                return found
            found = self._value_re.search(text, found.end(), reach)
        return match

    def _another_things(self, text: str, cue: re.Match[str]) -> bool:
        """Whether the words around the cue say it is another thing's (`not_after`,
        `about_other`)."""
        return (
            bool(self.not_after and self._about_other(text, cue))
            or bool(self.about_other and self._of_other(text, cue))
            or (self.not_in_time and _IN_TIME.match(text, cue.end()) is not None)
        )

    def _of_other(self, text: str, cue: re.Match[str]) -> bool:
        """Whether a word of `about_other` after the cue, or before it on its line with no
        word of `about_kept` nearer, says it is another thing's."""
        after = _OBJECT_AFTER.match(text, cue.end())
        if after is not None and after.group(1).lower() in self.about_other:
            return True
        start = max(text.rfind("\n", 0, cue.start()) + 1, cue.start() - 80)
        for end in _SENTENCE_ENDS.finditer(text, start, cue.start() + 1):
            start = end.end()  # (this sentence's words only: "... texted. Expiration?")
        words: list[str] = _WORD.findall(text, start, cue.start())
        for word in reversed(words):
            low = word.lower()
            if low in self.about_kept:
                return False
            if low in self.about_other:
                return True
        return False

    def _about_other(self, text: str, cue: re.Match[str]) -> bool:
        """Whether the word right before the cue says what the cue is about, and it is not
        this detector's ("warranty exp 12/26")."""
        before = _LAST_WORDS.search(text, max(0, cue.start() - 32), cue.start())
        if before is None:
            return False
        last = before.group(2).lower()
        two = f"{before.group(1).lower()} {last}" if before.group(1) else ""
        return last in self.not_after or two in self.not_after

    def _before_cues(self, text: str, ends: Sequence[int]) -> Iterable[Candidate]:
        for end in ends:
            cue_match = self._cue_re.search(text, max(0, end - 80), end)
            if cue_match is None:
                continue
            lo = max(0, cue_match.start() - self.window)
            last = None
            for match in self._value_re.finditer(text, lo, cue_match.start()):
                last = match
            if last is None:
                continue
            gap = text[last.end() : cue_match.start()]
            if len(_GAP_WORDS.findall(gap)) > self.max_gap_words or says_number(gap):
                continue
            cue = " ".join(cue_match.group().lower().split())
            value = self.normalise(last.group())
            reasons = (f"context '{cue}' after",)
            yield Candidate(self.entity, last.start(), last.end(), self.score, reasons, value)

    def _candidate(self, text: str, start: int, stop: int, cue: str, gap: int) -> Candidate:
        if stop - start > 1 and text[stop - 1] in "'’" and start and text[start - 1] in "'‘\"":
            stop -= 1  # a quoted value's closing quote, taken as a word's: "answer 'Waffles'"
        value = self.normalise(text[start:stop])
        reasons = [f"context '{cue}' {gap} words before"]
        score = self.score - 0.01 * gap  # the nearer cue wins when several compete
        if self.validator is not None:
            verdict = self.validator(value)
            if verdict is None:
                score = self.failed_score - 0.01 * gap
                reasons.append("validation failed; kept by context")
            else:
                reasons.append(verdict)
        return Candidate(self.entity, start, stop, cap(score), tuple(reasons), value)
