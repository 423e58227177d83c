"""Written forms that hide a value's cue or the value itself from the detectors, spelled out
with an offset map back to the original text (`spoken.NormalisedText`).

- Keys in camel case or Pascal case, where a value follows them (JSON, a CSV header row, a
  form, a log line): `"phoneNumber": "4155550132"`, `DateOfBirth=1984-03-12`,
  `firstName,lastName`. Read with spaces between their words ("phone Number"), so that the
  words are the cues they are. (Snake case needs no map: `engine._ascii_forms` reads its
  underscores as blanks, one character for one.)
- XML elements that hold a value, whose name is a cue: `<cardNumber>4111...</cardNumber>`,
  read as the line "card Number: 4111...".
- An address's "@" or "." in brackets: "jane.doe(@)example[.]com".
- Percent-escapes of printable ASCII (URLs, query strings, form posts):
  `email=john.smith%40example.com`, `card=4111%201111%201111%201111`, and "+" for a space
  between two words of a query value (`name=John+Smith`).

A finding that covers a rewritten piece maps back to all of it: the whole escape is redacted.
Pure: no I/O, no state.
"""

from __future__ import annotations

import re

from callshield.core.detection.spoken import NormalisedText
from callshield.core.detection.spoken_tokens import Piece

#: An identifier with a capital inside it ("phoneNumber", "DateOfBirth", "SSNLast4"), where a
#: value follows it: the closing quote, then ":", "=", ",", "|", a tab, a line's end, or the
#: ">" of an XML element's opening tag (not its closing tag's: "</firstName>").
_CAMEL_KEY = re.compile(
    r"(?<![\w@.\-/%])[A-Za-z][a-z0-9]*+(?:[A-Z]++[a-z0-9]*+)++"
    r"(?=[\"']?[ \t]*(?:[:=,|\t\n>]|\Z))"
)
#: A capital after a lowercase letter or a digit, or the last capital of an acronym before a
#: lowercase letter ("SSNLast4" -> "SSN Last4", "customerSSN" -> "customer SSN").
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
#: The words a key must hold to be spelled out: those of the values' cues. An identifier
#: without one ("McDonald", "YouTube"), or that starts with one letter ("iPhone"), is left
#: as it is: it may be a name or a product's.
KEY_WORDS = frozenset(
    """name first last given family middle full surname maiden customer client caller
    holder cardholder contact user username login phone mobile cell tel telephone fax
    number num no nbr email mail address street city state zip postal postcode code
    birth dob date born ssn social security tin itin ein tax taxpayer account acct bank
    routing aba iban swift bic card pan cvv cvc cvv2 expiry expiration exp pin password
    passcode pwd secret answer question license licence driver dl passport id ip""".split()
)
#: A percent-escape of a printable ASCII character ("%40" is "@", "%20" a space).
_ESCAPE = re.compile(r"%([2-7][0-9A-Fa-f])")
#: A query's or a form post's value (after "?", "&", ";" or at a field's start), where "+"
#: between two word characters is a space ("name=John+Smith").
_QUERY_VALUE = re.compile(r"(?<![^?&;\s])[A-Za-z0-9_.\-%]+=([^\s&#\"'<>]+)")
_PLUS = re.compile(r"(?<=[A-Za-z0-9])\+(?=[A-Za-z0-9])")


def written_forms(text: str, joined_keys: bool = True) -> NormalisedText | None:
    """`text` with the forms above spelled out, or None when it has none (most texts: a few
    substring tests). `joined_keys=False` says the text holds no joined key: the engine knows
    it from its multi-pattern scan (`JOINED_KEY_TRIGGER`), where looking for each costs 15 us
    a text. Of two pieces that overlap, the first is kept (an XML element's tag over the
    camel-case key inside it)."""
    pieces: list[Piece] = []
    if "%" in text or "+" in text:
        pieces.extend(_escapes(text))
    if "</" in text:
        pieces.extend(_elements(text))
    if _has_hump(text):
        for match in _CAMEL_KEY.finditer(text):
            words = _HUMP.split(match.group())
            if len(words[0]) > 1 and any(word.lower() in KEY_WORDS for word in words):
                s, e = match.span()
                pieces.append(Piece(s, e, s, e, " ".join(words)))
    if any(sign in text for sign in _CLOSED_SIGNS):
        pieces.extend(_bracketed_signs(text))
    if "-" in text and ('":' in text or "=" in text):
        pieces.extend(_kebab_keys(text))
    if joined_keys:
        pieces.extend(_joined_keys(text))
    if not pieces:
        return None
    pieces.sort(key=lambda p: p.consume_start)
    kept = [pieces[0]]
    for piece in pieces[1:]:
        if piece.consume_start >= kept[-1].consume_end:  # (the first of two that overlap)
            kept.append(piece)
    return NormalisedText(text, kept)


#: An address's "@" or "." in brackets, to slip past a filter: "jane.doe@example[.]com",
#: "jane.doe(@)example.com" (the words "[at]", "[dot]" are the spoken normaliser's).
_CLOSED_SIGNS = ("@]", "@)", "@}", ".]", ".)", ".}")
_BRACKETED_SIGN = re.compile(r"(?<=\w)[ \t]?[\[({]([@.])[\])}][ \t]?(?=\w)")


def _bracketed_signs(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _BRACKETED_SIGN.finditer(text):
        s, e = match.span()
        out.append(Piece(s, e, s, e, match.group(1)))
    return out


#: Keys written as one lowercase word (database columns folded to lower case, exports):
#: "dateofbirth", "accountnumber". Each is read as its words.
JOINED_KEYS = {
    key.replace(" ", ""): key
    for key in (
        "date of birth", "postal code", "account number", "acct number", "acct num",
        "account no", "routing number", "routing no", "drivers license", "driver license",
        "dl number", "license number", "security answer", "security question",
        "mothers maiden name", "maiden name", "card number", "credit card", "cc number",
        "card holder", "card holder name", "phone number", "mobile number", "cell number",
        "email address", "first name", "last name", "full name", "customer name",
        "social security number", "tax id", "pin code", "one time code", "otp code",
        "verification code", "expiry date", "exp date", "expiration date", "security code",
        "street address", "home address", "billing address", "member id", "subscriber id",
        "medicare number", "ssn last4", "ssn last four", "birth dt", "dt of birth",
        "mfa code", "2fa code", "totp code", "token code", "challenge answer",
        "kba answer", "secret answer", "passport no",
    )
}  # fmt: skip
JOINED_KEYS["zip5"] = "zip"  # (its 5 is no number of the value: "zip5": "94107")


#: Any joined key: a trigger of the engine's multi-pattern database (literals, caseless).
JOINED_KEY_TRIGGER = "|".join(sorted(JOINED_KEYS))


def _joined_keys(text: str) -> list[Piece]:
    """The joined keys in `text`, each a word of its own ("accountnumber" but not
    "myaccountnumbers"), all in lower or all in upper case (a camel-case "fullName" is read
    as camel case)."""
    low = text.lower()
    joined = [key for key in JOINED_KEYS if key in low]
    if not joined:
        return []
    alternation = "|".join(sorted(joined, key=len, reverse=True))
    out: list[Piece] = []
    for match in re.finditer(rf"(?<![A-Za-z])(?:{alternation})(?![A-Za-z])", text, re.I):
        key = match.group()
        if key.islower() or key.isupper():
            s, e = match.span()
            out.append(Piece(s, e, s, e, JOINED_KEYS[key.lower()]))
    return out


#: A key in kebab case, quoted before ":" (JSON) or before "=": "birth-date", "zip-code".
#: (Not a header's "Reply-To:" or "Message-ID:", which its readers know by the dash.)
_KEBAB_KEY = re.compile(
    r"(?<=[\"'])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?=[\"'][ \t]*[:=])"
    r"|(?<![\w@.\-/])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+(?==)"
)


def _kebab_keys(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _KEBAB_KEY.finditer(text):
        words = match.group().split("-")
        if any(word.lower() in KEY_WORDS for word in words):
            s, e = match.span()
            out.append(Piece(s, e, s, e, " ".join(words)))
    return out


def _has_hump(text: str) -> bool:
    return _ANY_HUMP.search(text) is not None


#: A capital after a lowercase letter or a digit (looked for from the capitals, which the
#: search finds fast: 3 us on a chat, where `[a-z0-9][A-Z]` takes 7); an identifier that only
#: starts with an acronym ("SSNLast4") is left as it is.
_ANY_HUMP = re.compile(r"[A-Z](?<=[a-z0-9][A-Z])")


#: An XML element that holds a value and nothing else: `<firstName>Dana</firstName>`.
_ELEMENT = re.compile(r"<([A-Za-z][\w\-.]{0,40})>([^<>]{1,200})</\1>")
#: Elements of HTML that hold text, whose names are also a value's cue: left as they are.
_HTML_ELEMENTS = frozenset({"code", "address"})


def _elements(text: str) -> list[Piece]:
    """XML elements whose name is a value's cue, read as a field of a record: `<firstName>Dana
    </firstName>` is read "first Name: Dana" and a line's end (the detectors read "key:
    value" lines, and an element's tags are no words of its value)."""
    out: list[Piece] = []
    for match in _ELEMENT.finditer(text):
        tag = match.group(1)
        words = [w for part in re.split(r"[_\-.]", tag) for w in _HUMP.split(part) if w]
        if tag.lower() in _HTML_ELEMENTS or not any(w.lower() in KEY_WORDS for w in words):
            continue
        s, e = match.span()
        out.append(Piece(s, match.start(2), s, match.start(2), " ".join(words) + ": "))
        out.append(Piece(match.end(2), e, match.end(2), e, "\n"))
    return out


def _escapes(text: str) -> list[Piece]:
    out: list[Piece] = []
    if "%" in text:
        for match in _ESCAPE.finditer(text):
            s, e = match.span()
            out.append(Piece(s, e, s, e, chr(int(match.group(1), 16))))
    if "+" in text and "=" in text:
        for value in _QUERY_VALUE.finditer(text):
            for plus in _PLUS.finditer(text, value.start(1), value.end(1)):
                s = plus.start()
                out.append(Piece(s, s + 1, s, s + 1, " "))
    return out
