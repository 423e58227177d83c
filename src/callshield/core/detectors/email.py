"""E-mail addresses: anchored on '@', confirmed by an exact, bounded pattern."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import AT_SIGN, Candidate, matches_near
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import EMAIL, EntityType

#: The symbols a local part may hold besides word characters and dots (RFC 5322 atext)
_SYMBOLS = r"!#$%&'*+/=?^`{|}~\-"
# RFC 5322 quoted local part: '"john smith"@example.org', with backslash escapes
_QUOTED = r'"(?:[^"\\\r\n]|\\[^\r\n]){1,64}"'


def _email_pattern(marks: str = "") -> re.Pattern[str]:
    """Unicode-aware (internationalised addresses: "ñoñó@example.tld"); the TLD is letters or
    IDNA. `marks`: a character-class body of combining marks to count as word characters."""
    w = rf"\w{marks}"
    alnum = rf"(?:[^\W_]|[{marks}])" if marks else r"[^\W_]"
    letter = rf"(?:[^\W\d_]|[{marks}])" if marks else r"[^\W\d_]"
    # a local part does not start with a mark: "≮me@example.com" is "<", a mark, "me@..."
    first = rf"[\w{_SYMBOLS}]"
    local = rf"[{w}{_SYMBOLS}]"
    return re.compile(
        rf"(?<![\w.{_SYMBOLS}])"
        rf"(?:{_QUOTED}|{first}(?:[{w}.{_SYMBOLS}]{{0,62}}{local})?)"
        rf"@(?:{alnum}(?:[{w}\-]{{0,61}}{alnum})?\.){{1,8}}"
        rf"(?:{letter}{{2,63}}|xn--[a-z0-9\-]{{2,59}})(?![{w}\-]|\.[{w}])",
        re.IGNORECASE,
    )


_EMAIL_RE = _email_pattern()
#: The headers whose "addresses" identify messages, not people, up to the value's "<".
_MESSAGE_ID = re.compile(
    r"^[ \t]*(?:message-id|in-reply-to|references|content-id|x-message-id)[ \t]*:[^\n]*<\Z",
    re.IGNORECASE | re.MULTILINE,
)


#: A match that starts in a URL's path, or holds a query ("?" then "=") before its "@".
_IN_URL = re.compile(r"/|[^@]*\?[^@]*=")


@functools.cache
def _marked_email_re() -> re.Pattern[str]:
    """The pattern for text that is not ASCII: combining marks (a decomposed "ṩ", Devanagari
    vowel signs) are part of words, which Python's word class leaves out. Built on first use: going
    through the Basic Multilingual Plane takes about 30 ms."""
    ranges: list[tuple[int, int]] = []
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    return _email_pattern("".join(f"{chr(a)}-{chr(b)}" for a, b in ranges))


#: A field's key and "=", braces, or fields up to the last "|" between two words ("{|}~@" is an
#: address's own), before an address's local part.
_KEYED_LOCAL = re.compile(
    r"[^@]*\w\|(?=\w[^@|]*@)|[{}]*(?:[A-Za-z][\w.\-]{0,30}[A-Za-z]=)?(?<=[{}=])(?=[^@={}]+@)"
)
#: A URL's scheme and user name, then ":" and its password (password.py reads it).
_URL_USER = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*://[\w.\-~%+ ]{0,64}:\Z")


#: A SIP or tel URI's scheme right before an address, and a user part that is a number.
_SIP_SCHEME = re.compile(r"(?:sips?|tel):\Z", re.IGNORECASE)
_DIALLED = re.compile(r"\+?\d[\d\-.]{5,20}@")


@dataclass(frozen=True, slots=True)
class EmailDetector:
    name: str = "email"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({EMAIL})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (AT_SIGN,)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        regex = _EMAIL_RE if text.isascii() else _marked_email_re()
        for match in matches_near(regex, text, hits[0], back=70, ahead=260):
            value = match.group()
            if ".." in value or _MESSAGE_ID.search(text, max(0, match.start() - 40), match.start()):
                continue  # a message's identifier ("Message-ID: <CAF=abc123@mail.gmail.com>")
            start = match.start()
            if _URL_USER.search(text, max(0, start - 100), start):
                continue  # a URL's password before its host: "postgres://svc:s3cr3t@db.internal"
            if _IN_URL.match(value) or text[start - 1 : start] == ":":
                # in a URL's path or query the address starts after the last "/", "?", "=" or
                # "&" ("/lookup?email=john.smith@example.com", "https://crm.example.com/u/
                # jsmith@example.com"), which an address's local part may hold (RFC 5322)
                cut = max(value.rfind(mark, 0, value.rfind("@")) for mark in "/?=&")
                start, value = start + cut + 1, value[cut + 1 :]
            if _SIP_SCHEME.search(text, max(0, start - 6), start) and _DIALLED.match(value):
                # a SIP URI's user part, a telephone number ("sip:+13125550123@sbc1.example"):
                # the number is the phone detector's, and a toll-free one is a business's line
                continue
            keyed = _KEYED_LOCAL.match(value)
            if keyed is not None:
                # a log's field before the address, which RFC 5322 lets a local part hold but
                # no one's does: "|005Dn000008lVZb|svc@example.com", "Email=jo@example.com"
                start, value = start + keyed.end(), value[keyed.end() :]
            if value[:1] == "'" and text[match.end() : match.end() + 1] == "'":
                # the quotes around a field's value, "email='je@example.com'", no part of it
                start, value = start + 1, value[1:]
            yield Candidate(EMAIL, start, match.end(), 0.95, ("e-mail syntax ok",), value.lower())
