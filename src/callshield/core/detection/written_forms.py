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
- HTML's inline tags (<b>, <span>, ...) read as a blank (as nothing inside a number,
  "<b>713-555</b>-0172": a browser draws no blank there), but for the text a tooltip or an
  image's alternative text says (`title`, `alt`, `aria-label`); Markdown's bold around a value
  ("| **Riccardo Federico** |") and Jira's ("Customer *Matthew Fagiani* (...)") read as
  nothing.
- Zero-width characters inside words ("An\u200dthony", written to slip past a filter) read as
  nothing.
- Percent-escapes of printable ASCII (URLs, query strings, form posts):
  `email=john.smith%40example.com`, `card=4111%201111%201111%201111`, and "+" for a space
  between two words of a query value (`name=John+Smith`); HTML's character references
  (`jane.doe&#64;example.com`); JSON's and code's escapes (`"773555\\u0030182"`);
  quoted-printable's soft line breaks and escapes (`account 12503=\\n05472`, `=C3=81lvaro`).
- Evasions of a number's form, written to slip a value past a filter: a card's groups apart
  by a sign no number is written with ("4111|1111|1111|1111", "(4111)(1111)...",
  "4111x1111x..."), a card glued to letters ("ref4111111111111111"), a cue glued to its value
  ("zip62704"), and letters for digits ("O78-OS-112O", "4lll llll llll llll").
- An e-mail address with blanks around its "@" or its dots ("jane.doe @ example . com").
- A telephony trace's key presses, one a line ("10:50:23.575 RTP DTMF digit='9' dur=139ms"):
  three or more lines in a row read as one number where the first digit stands, so that the
  prompt before them ("PROMPT_ENTER_SSN") is the cue of the whole value.
- A speech recogniser's confidence written after each word ("four(0.93) one(0.88)"): the
  words are read without it (three such words at least in the text's first 2,000
  characters), and a finding covers a word's confidence with the word.
- Speech-to-text's tags for what it heard that was no word ("Yeah it's [beep] Eloy.",
  "Yeah <sil> it's Joshua.", "(inaudible)"): read as nothing, so a cue and its value meet
  again; a finding over them covers the tag.
- A JSON string's escaped line breaks and tabs ("Thanks,\\nCynthia Morton\\n8510 Michael
  Crossing"): read as the breaks they stand for, so a signature or an address written over
  lines in a help desk's JSON is read as it is in a mail.
- A calendar's or a contact card's escapes in its text values ("Port Katrina\\, NY 05007",
  "Customer: Jo\\nAcct: 9991"): read as the comma or the line break they stand for.
- A value in base64 or base64url, as a query's, a form's or a JSON string's value, written so
  that no filter reads what it holds: "?u=bWVsaXNzYV9rNDVAZXhhbXBsZS5jb20" (an e-mail
  address), '"taxIdBytes": "Njg5LTQ1LTUzMjk="' (an SSN): read as the text it decodes to,
  where that is printable text (a random token, a key or a hash decodes to bytes that are
  not, and is read as it is).
- A generic key under a parent that names it: `"passport": {"number": ...}` is read
  `"passport number"`, and so is an element's attribute (`<DriverLicense number="...">`).
- A value beside the name an object gives it: `{"key": "app.account", "value": {"intValue":
  "9190..."}}`, `{"system": "phone", "value": "(313) 555-0154"}`, read "app account: 9190...".

A finding that covers a rewritten piece maps back to all of it: the whole escape is redacted.
Pure: no I/O, no state.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Collection

from callshield.core.detection.base import EMPTY_ELEMENT
from callshield.core.detection.spoken import NormalisedText
from callshield.core.detection.spoken_tokens import Piece
from callshield.core.detection.spoken_words import NOISE_WORDS
from callshield.core.detectors.payment import valid_card

#: An identifier with a capital inside it ("phoneNumber", "DateOfBirth", "SSNLast4"), where a
#: value follows it: the closing quote, then ":", "=", ",", "|", a tab, a line's end, or the
#: ">" of an XML element's opening tag (not its closing tag's: "</firstName>").
_CAMEL_KEY = re.compile(
    # (the last part of a dotted path is a key too: "billingAddress.postalCode")
    # (two look-behinds, not an alternation: `re` then skips most positions fast)
    r"(?<![\w@\-/%])(?<![^a-z0-9]\.)(?<!^\.)[A-Za-z][a-z0-9]*+(?:[A-Z]++[a-z0-9]*+)++"
    # (a key in brackets, "[DriverLicense] = ...", or before its value two blanks away, as a
    # dump aligns them, or a number's one: "DriverLicense 718415077" under "Name   ...")
    r"(?=[\"'\]]?[ \t]*(?:[:=,|\t\n>]|\Z)|[ \t]{2,}\S|[ \t]\d)"
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
#: A value of base64's alphabet, no words: twenty characters or more, with a digit and a
#: small letter before a capital ("McDonald" has one too, but no digit).
_BASE64ISH = re.compile(r"\A(?=[^&]*\d)(?=[^&]*[a-z][A-Z])[A-Za-z0-9+/=_\-]{20,}\Z")


#: Where a number's form may be an evasion (a trigger of the engine's multi-pattern
#: database, case-sensitive; most texts have none): groups of digits apart by an odd sign, by
#: blanks or a tab; a card's digits glued to a letter, or a cue glued to a value; a digit next
#: to a letter that looks like one.
EVASION_TRIGGERS = {
    # (broad, as gates: the exact forms are `_GROUPS` and the others below; the forms one by
    # one cost the multi-pattern stage a tenth of its speed)
    "groups": r"\d{3}(?:[^\w\n.\-]{1,6}|[ \t]?[xX][ \t]?|[ \t](?:then|and|next)[ \t]|\.\.|--)\d{2}",
    "glued": r"[A-Za-z_]\d{13}|\d{13}[A-Za-z_]|(?i:zip|aba|rtn|ssn|dob|pin|cvv|cvc|acct)\d{3}",
    "lookalikes": r"\d[OoIlSB]|[OoIlSB]\d",
}
#: What the database compiles for an evasion's trigger where not its expression (`Trigger.parts`):
#: the lookalike pairs spelled out, 120 two-character literals for the literal matcher instead
#: of an automaton run over every byte (the multi-pattern stage scans ~5% faster).
EVASION_PARTS = {
    "lookalikes": tuple(pair for d in "0123456789" for c in "OoIlSB" for pair in (d + c, c + d)),
}
#: Every evasion looked for (`written_forms`' default).
ALL_EVASIONS = frozenset(EVASION_TRIGGERS)


def written_forms(
    text: str, joined_keys: bool = True, evasions: Collection[str] = ALL_EVASIONS
) -> NormalisedText | None:
    """`text` with the forms above spelled out, or None when it has none (most texts: a few
    substring tests). `joined_keys=False` says the text holds no joined key: the engine knows
    it from its multi-pattern scan (`JOINED_KEY_TRIGGER`), where looking for each costs 15 us
    a text. `evasions` names the evasions of a number's form that the scan found a sign of
    (`EVASION_TRIGGERS`); the others are not looked for. Of two pieces that overlap, the
    first is kept (an XML element's tag over the camel-case key inside it)."""
    pieces: list[Piece] = []
    if "%" in text or "+" in text:
        pieces.extend(_escapes(text))
    pieces.extend(_encoded(text))
    pieces.extend(_base64_values(text))
    if "</" in text:
        pieces.extend(_elements(text))
    if '":{' in text or '": {' in text:
        pieces.extend(_child_keys(text))
    if "=" in text and "<" in text:
        pieces.extend(_attributes(text))
    if "&" in text and ";" in text:
        pieces.extend(_references(text))
    pieces.extend(_breaks(text))
    if "<td" in text or "<TD" in text:
        pieces.extend(_cells(text))
    pieces.extend(_marks(text))
    if "alue" in text:
        pieces.extend(_values_named(text))
    pieces.extend(_dumped_values(text))
    if evasions:
        if "groups" in evasions:
            pieces.extend(_odd_groups(text))
        if "glued" in evasions:
            pieces.extend(_glued(text))
        if "lookalikes" in evasions:
            pieces.extend(_letters_for_digits(text))
    if "@" in text:
        pieces.extend(_spaced_addresses(text))
    if "igit" in text and ("DTMF" in text or "dtmf" in text):
        pieces.extend(_key_presses(text))
    pieces.extend(_exported_forms(text))
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


#: A speech recogniser's confidence after each word it wrote ("four(0.93) one(0.88)"): the
#: words are read without them, and a finding that covers a word covers its confidence too.
_WORD_CONFIDENCE = re.compile(r"(?<=[^\s(])\((?:0|1)?\.\d{1,4}\)")
_CONFIDENT_WORD = re.compile(r"([^\s(]+)\((?:0|1)?\.\d{1,4}\)")


def _confidences(text: str) -> list[Piece]:
    return [
        Piece(m.start(), m.end(), m.start(), m.end(), m.group(1))
        for m in _CONFIDENT_WORD.finditer(text)
    ]


def has_word_confidences(text: str) -> bool:
    """Whether a speech recogniser wrote its confidence after each word of `text` ("four(0.93)
    one(0.88)"), as seen in its first 2,000 characters."""
    return "(0." in text and len(_WORD_CONFIDENCE.findall(text, 0, 2000)) >= 3


def word_confidences(text: str) -> list[tuple[int, int]]:
    """Where the confidences after words are in `text`: (start, end) of each "(0.93)"."""
    return [m.span() for m in _WORD_CONFIDENCE.finditer(text)]


def _exported_forms(text: str) -> list[Piece]:
    """What an export writes around or inside its values: a recogniser's confidences, a
    calendar's or a contact card's escapes."""
    pieces: list[Piece] = []
    if has_word_confidences(text):
        pieces.extend(_confidences(text))
    if "[" in text or "<" in text or "(" in text:
        pieces.extend(_noise_tags(text))
    if "\\" in text and ("BEGIN:VCALENDAR" in text or "BEGIN:VCARD" in text):
        pieces.extend(_calendar_escapes(text))
    elif "\\n" in text and '":' in text:
        pieces.extend(_json_breaks(text))
    return pieces


#: A tag of speech-to-text in brackets: a few lowercase words (and a time: "[hold music
#: 2:04]"), one of them a sound's (`NOISE_WORDS`), and the blank before it.
_NOISE_TAG = re.compile(
    r"[ \t]?(?:\[([a-z][a-z :0-9]{0,30})\]|<([a-z]{3,5})>|\(([a-z][a-z ]{0,30})\))"
)


def _noise_tags(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _NOISE_TAG.finditer(text):
        inside = match.group(1) or match.group(2) or match.group(3)
        if any(word in NOISE_WORDS for word in inside.split()):
            s, e = match.span()
            out.append(Piece(s, e, s, e, ""))
    return out


#: A JSON string's escaped line break, carriage return or tab (not an escaped backslash's
#: "n": "C:\\\\new").
_JSON_BREAK = re.compile(r"(?<!\\)\\([nrt])")
_BREAKS = {"n": "\n", "r": "\r", "t": "\t"}


def _json_breaks(text: str) -> list[Piece]:
    return [
        Piece(m.start(), m.end(), m.start(), m.end(), _BREAKS[m.group(1)])
        for m in _JSON_BREAK.finditer(text)
    ]


#: A calendar's or a contact card's escapes in a text value (RFC 5545 3.3.11, RFC 6350 3.4):
#: "LOCATION:685 Patricia Shore\\, Port Katrina\\, NY 05007", "Customer: Jo\\nAcct: 9991".
_CALENDAR_ESCAPE = re.compile(r"\\([nN,;\\])")
_UNESCAPED = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\"}


def _calendar_escapes(text: str) -> list[Piece]:
    return [
        Piece(m.start(), m.end(), m.start(), m.end(), _UNESCAPED[m.group(1)])
        for m in _CALENDAR_ESCAPE.finditer(text)
    ]


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
#: (a namespace's prefix before the name, "<ns2:AccountHolder>", is no word of it)
_ELEMENT = re.compile(
    r"<(?:[A-Za-z][\w\-]{0,20}:)?([A-Za-z][\w\-.]{0,40})>([^<>]{1,200})</[^<>]*?\1>"
)
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


#: A table's row of a label's cell and a value's: "<td>Name on card</td><td>ERIC CAMPBELL".
_CELL_PAIR = re.compile(r"<t[dh]\b[^<>]*>([^<>]{1,60})</t[dh]>\s*<td\b[^<>]*>", re.IGNORECASE)
_LABEL_WORD = re.compile(r"[A-Za-z]+")


def _cells(text: str) -> list[Piece]:
    """An HTML table's label cell and the value cell after it, read as "label: value" where
    the label holds a value's cue (`KEY_WORDS`): the tags between are no words of either."""
    out: list[Piece] = []
    for match in _CELL_PAIR.finditer(text):
        words = _LABEL_WORD.findall(match.group(1))
        if any(word.lower() in KEY_WORDS for word in words):
            s, e = match.end(1), match.end()
            out.append(Piece(s, e, s, e, ": "))
    return out


def _escapes(text: str) -> list[Piece]:
    out: list[Piece] = []
    if "%" in text:
        for match in _ESCAPE.finditer(text):
            s, e = match.span()
            out.append(Piece(s, e, s, e, chr(int(match.group(1), 16))))
    if "+" in text and "=" in text:
        for value in _QUERY_VALUE.finditer(text):
            if _BASE64ISH.search(value.group(1)) is not None:
                continue  # a key's or a token's "+" ("AWS_SECRET_ACCESS_KEY=rYfDhoVH...u+zRiz")
            for plus in _PLUS.finditer(text, value.start(1), value.end(1)):
                s = plus.start()
                out.append(Piece(s, s + 1, s, s + 1, " "))
    return out


#: A JSON, JavaScript or Python escape of a printable ASCII character: "\u0040" is "@",
#: "\u0034" a "4" ('"phone":"773555\u0030182"'), "\x2e" a ".".
_CODE_ESCAPE = re.compile(r"\\(?:u00|x)([2-7][0-9A-Fa-f])")


_PERL_AT = re.compile(r"(?<=\w)\\@(?=\w)")


def _encoded(text: str) -> list[Piece]:
    """Characters written in an encoding's escapes: code's and quoted-printable's."""
    out = []
    if "\\u00" in text or "\\x" in text:
        out.extend(_code_escapes(text))
    if "\\@" in text:
        # (Perl's "@" in a string that interpolates: "tommyfarley3\@outlook.com")
        out.extend(
            Piece(m.start(), m.end(), m.start(), m.end(), "@") for m in _PERL_AT.finditer(text)
        )
    if "=\n" in text or "=\r\n" in text:
        out.extend(_quoted_printable(text))
    return out


#: A value of base64's or base64url's alphabet after "=" or a quote, to the value's end (a
#: query's next field, the closing quote, a blank): eight characters or more, its padding.
#: (And an LDIF attribute's value, which "::" says is base64: "cn:: TWVnYW4gVmVsYXpxdWV6".)
_BASE64_VALUE = re.compile(
    r"(?:[=\"']|(?<=\w)::[ \t]?)([A-Za-z0-9+/_\-]{8,}={0,2})(?=[&\"';#\s]|\Z)"
)


#: What a value in base64 has and a word does not: a capital after its first character, or
#: a digit with a letter ("bWVsaXNz", "Njg5LTQ1", "VHVwZWxv"; not "Michelle", "12345678").
_ENCODED_LOOK = re.compile(r"(?<=.)[A-Z]|(?=.*[A-Za-z])\d")
#: What an encoded value decodes to: the characters of values and of their keys, no other
#: sign (a word's decoding, "Michelle" -> "2'!zY^", is none).
_DECODED_TEXT = re.compile(r"[A-Za-z0-9_À-ÖØ-öø-ÿ .,:;@+\-/#()'&=\"]+")


def _base64_values(text: str) -> list[Piece]:
    out = []
    for match in _BASE64_VALUE.finditer(text):
        decoded = base64_text(match.group(1))
        if decoded is not None:
            s, e = match.span(1)
            out.append(Piece(s, e, s, e, decoded))
    return out


def base64_text(token: str) -> str | None:
    """The printable text `token` is the base64 or base64url encoding of, or None: it is not
    one (digits only, both alphabets, a bad length), or it decodes to bytes that are no UTF-8
    or not all printable (a random token's, a key's, a hash's, a word's)."""
    body = token.rstrip("=")
    if _ENCODED_LOOK.search(body) is None:
        return None  # (a word, "Michelle"; a number is read as one)
    if ("-" in body or "_" in body) and ("+" in body or "/" in body):
        return None
    standard = body.replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(standard + "=" * (-len(standard) % 4), validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, ValueError):  # (UnicodeDecodeError is a ValueError)
        return None
    if len(decoded) < 4 or decoded.isspace() or _DECODED_TEXT.fullmatch(decoded) is None:
        return None
    return decoded


def _code_escapes(text: str) -> list[Piece]:
    return [
        Piece(m.start(), m.end(), m.start(), m.end(), chr(int(m.group(1), 16)))
        for m in _CODE_ESCAPE.finditer(text)
    ]


#: Quoted-printable's soft line break (a line wrapped inside a word or a number: "account
#: 12503=\n05472") and its escapes of bytes, in runs (a character of UTF-8 in two or three:
#: "=C3=81lvaro", "=3D").
_SOFT_BREAK = re.compile(r"=\r?\n")
_QP_BYTES = re.compile(r"(?:=[0-9A-F]{2})+")
#: How many soft line breaks make a text quoted-printable without its header saying so.
_SOFT_BREAKS = 3


def _quoted_printable(text: str) -> list[Piece]:
    """A quoted-printable body as its text reads: its soft line breaks as nothing and, where
    its header says so, its escapes as their characters."""
    declared = "quoted-printable" in text or "Quoted-Printable" in text
    breaks = list(_SOFT_BREAK.finditer(text))
    if not declared and len(breaks) < _SOFT_BREAKS:
        return []
    out = [Piece(m.start(), m.end(), m.start(), m.end(), "") for m in breaks]
    if declared:
        for match in _QP_BYTES.finditer(text):
            raw = bytes.fromhex(match.group().replace("=", ""))
            try:
                said = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if said.isprintable():
                out.append(Piece(match.start(), match.end(), match.start(), match.end(), said))
    return out


#: HTML's character references of the signs an address or a number is written with:
#: "jane.doe&#64;example.com", "&commat;", "4111&#32;1111...".
_REFERENCE = re.compile(r"&(?:#(\d{2,3})|#[xX]([0-9A-Fa-f]{2})|(commat|period|nbsp|hyphen|dash));")
_NAMED_REFERENCES = {"commat": "@", "period": ".", "nbsp": " ", "hyphen": "-", "dash": "-"}


#: An HTML line break between two digits ("card 4111<br>1111 1111 1111": a number wrapped by
#: an e-mail client), read as a blank.
_LINE_BREAK = re.compile(r"(?<=\d)[ \t]*<br[ \t]*/?>[ \t]*(?=\d)", re.IGNORECASE)


def _line_breaks(text: str) -> list[Piece]:
    return [Piece(m.start(), m.end(), m.start(), m.end(), " ") for m in _LINE_BREAK.finditer(text)]


#: An empty element between two words of an utterance, a transcript's mark of a pause or a
#: sound ("seven double <pause dur="PT1.4S"/> six", TEI's `<vocal/>`, SSML's `<break/>`): read
#: as a hesitation, "uh", so a number said over it goes on (not a line break, `<br/>`).
_EMPTY_ELEMENT = re.compile(rf"(?<=\w)[ \t]*(?!<br\b){EMPTY_ELEMENT}[ \t]*(?=\w)", re.IGNORECASE)


def _breaks(text: str) -> list[Piece]:
    """HTML's line breaks between digits (`_LINE_BREAK`), and empty elements between words
    (`_EMPTY_ELEMENT`)."""
    out = _line_breaks(text) if "<br" in text or "<BR" in text else []
    if "/>" in text:
        out += [
            Piece(m.start(), m.end(), m.start(), m.end(), " uh ")
            for m in _EMPTY_ELEMENT.finditer(text)
        ]
    return out


#: HTML's inline tags, which change how a text looks, not what it says: read as a blank, so
#: that a label and its value in their own spans or bold ("<span>Account</span>
#: <span>292291591946</span>", "Name:&nbsp;<b>Thandiwe Okafor</b>") are side by side.
_INLINE_TAG = re.compile(
    r"</?(?:b|i|u|em|strong|span|font|small|big|mark|label)(?:[ \t][^<>\n]{0,200})?>",
    re.IGNORECASE,
)
_INLINE_TAG_SIGNS = (
    "<b",
    "<B",
    "<span",
    "<SPAN",
    "<strong",
    "<STRONG",
    "<i>",
    "<em",
    "<font",
    "<label",
)


#: Markdown's bold around words, "**Riccardo Federico**", or Jira's, "*Matthew Fagiani*" (a
#: capital first: not a masked value's stars, "***-**-6789", nor a footnote's).
_BOLD = re.compile(r"(?<![\w*])(\*\*(?=[^\W_])|\*(?=[A-Z]))[^*\n]{1,80}?(?<=[^\W_])\1(?![\w*])")
#: Characters of no width: a zero-width space, non-joiner, joiner, word joiner, BOM; and the
#: soft hyphen, which shows only where a line breaks.
_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _marks(text: str) -> list[Piece]:
    """Marks around or inside words that are no part of them: HTML's inline tags, Markdown's
    and Jira's emphasis, characters of no width, a keycap emoji's marks."""
    pieces: list[Piece] = []
    if "<" in text and any(sign in text for sign in _INLINE_TAG_SIGNS):
        pieces.extend(_inline_tags(text))
    if "*" in text:
        pieces.extend(_bold(text))
    if not text.isascii():
        if _ZERO_WIDTH.search(text) is not None:
            pieces.extend(_zero_widths(text))
        if "\u20e3" in text:
            pieces.extend(_keycaps(text))
    return pieces


#: A keycap emoji's digit: the digit, the emoji variation selector perhaps, the enclosing
#: keycap ("4\ufe0f\u20e3" shows a "4" on a key: "5️⃣8️⃣0️⃣3️⃣" is a PIN).
_KEYCAP = re.compile("([0-9])\ufe0f?\u20e3")


def _keycaps(text: str) -> list[Piece]:
    """Each keycap emoji read as its digit; the marks after the digit, read as nothing."""
    return [
        Piece(m.start(1) + 1, m.end(), m.start(1) + 1, m.end(), "") for m in _KEYCAP.finditer(text)
    ]


def _bold(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _BOLD.finditer(text):
        s, e = match.span()
        n = len(match.group(1))
        out += (Piece(s, s + n, s, s + n, ""), Piece(e - n, e, e - n, e, ""))
    return out


def _zero_widths(text: str) -> list[Piece]:
    return [Piece(m.start(), m.end(), m.start(), m.end(), "") for m in _ZERO_WIDTH.finditer(text)]


def _inline_tags(text: str) -> list[Piece]:
    out = []
    tags = list(_INLINE_TAG.finditer(text))
    glued = _inside_numbers(text, tags)
    for k, m in enumerate(tags):
        said = _SAID_ATTRIBUTE.search(text, m.start(), m.end())
        if said is None:
            # (inside a number, nothing: "callback <b>713-555</b>-0172", "account <span
            # class="hl">72604</span><span>83877</span>" show one number, as a browser
            # draws them)
            out.append(Piece(m.start(), m.end(), m.start(), m.end(), "" if glued[k] else " "))
            continue
        # what the tag says on hover is text too ('<span title="(617) 555-0167">alt
        # number</span>'): the tag a blank on either side of its attribute's value
        start, end = said.span(2)
        out.append(Piece(m.start(), start, m.start(), start, " "))
        out.append(Piece(end, m.end(), end, m.end(), " "))
    return out


def _inside_numbers(text: str, tags: list[re.Match[str]]) -> list[bool]:
    """Which of `tags` stand, alone or with the tags right beside them, between a digit and
    a digit (or a dash, a dot or a slash and a digit) with no blank: the parts of one number
    (an inline tag draws no blank)."""
    glued = [False] * len(tags)
    k = 0
    while k < len(tags):
        last = k  # the run of tags side by side
        while last + 1 < len(tags) and tags[last + 1].start() == tags[last].end():
            last += 1
        before = text[tags[k].start() - 1 : tags[k].start()]
        after = text[tags[last].end() : tags[last].end() + 1]
        if (before.isdigit() and (after.isdigit() or after in _NUMBER_SIGNS)) or (
            before in _NUMBER_SIGNS and after.isdigit()
        ):
            for j in range(k, last + 1):
                glued[j] = True
        k = last + 1
    return glued


#: The signs inside a number written in groups.
_NUMBER_SIGNS = frozenset("-./")


#: An inline tag's attribute whose value is text shown to the reader (a tooltip, an image's
#: alternative text), value in group 2.
_SAID_ATTRIBUTE = re.compile(
    r"[ \t](?:title|alt|aria-label)[ \t]*=[ \t]*([\"'])([^\"'<>\n]{1,160})\1", re.IGNORECASE
)


def _references(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _REFERENCE.finditer(text):
        decimal, hexa, name = match.groups()
        code = int(decimal) if decimal else int(hexa, 16) if hexa else -1
        sign = _NAMED_REFERENCES[name] if name else chr(code) if 32 <= code < 127 else ""
        if sign:
            s, e = match.span()
            out.append(Piece(s, e, s, e, sign))
    return out


#: Groups of digits apart by one sign repeated, whatever it is ("4111|1111|1111|1111",
#: "(4111)(1111)(1111)(1111)", "4111 x 1111 x ...", "536|90|4172"), or by a word that says
#: the next group follows ("4111 then 1111 then ...").
_GROUPS = re.compile(
    # (a digit first, then the look-behind: `re` finds a pattern's first character fast, and a
    # look-behind first costs it that; 21 -> 6 us a text)
    r"\d(?<!\d\d)\d{2,5}"
    r"(?:(?:[^\w\n]{1,6}|[ \t]?[xX][ \t]?|[ \t]+(?:then|and|next)[ \t]+)\d{2,6}){1,4}(?!\d)"
)
_DIGITS = re.compile(r"\d+")
#: How a card's groups are sized (Amex, Diners: 4-6-5, 4-6-4).
_CARD_SHAPES = ((4, 4, 4, 4), (4, 4, 4, 4, 3), (4, 6, 5), (4, 6, 4), (4, 4, 4, 3), (4, 4, 4, 2))
#: An SSN's and a US phone number's groups: read with dashes.
_DASHED_SHAPES = ((3, 2, 4), (3, 3, 4))
#: Signs between an SSN's or a phone number's groups that make a sum, not a number
#: ("650+253+1234"); between a card's four groups of four they are an evasion.
_ARITHMETIC = re.compile(r"[+=*x%]|then|and|next")
#: The separators readers of numbers know: the detectors read these as they are.
_PLAIN_SEPARATORS = frozenset({" ", "-", ".", " - ", " . "})


def _odd_groups(text: str) -> list[Piece]:
    """A card's or an SSN's groups apart by an odd sign, read as groups apart by a blank or a
    dash. A card's shape counts only with a valid number (Luhn and an issuer's range): "4111,
    5555, 6011, 3782" in a list of four codes is no card."""
    out: list[Piece] = []
    for match in _GROUPS.finditer(text):
        groups = _DIGITS.findall(match.group())
        separators = _DIGITS.split(match.group())[1:-1]
        if len(set(separators)) != 1 or separators[0] in _PLAIN_SEPARATORS:
            continue
        shape = tuple(len(g) for g in groups)
        digits = "".join(groups)
        if shape in _DASHED_SHAPES and not _ARITHMETIC.search(separators[0]):
            written = "-".join(groups)
        elif shape in _CARD_SHAPES and valid_card(digits):
            written = " ".join(groups)
        else:
            continue
        s, e = match.span()
        out.append(Piece(s, e, s, e, _apart(text, s, e, written)))
    return out


#: One key press on a telephony trace's line: the digit of "digit='9'", "digit=9".
_KEY_PRESS = re.compile(r"\bdigit[ \t]*[=:][ \t]*(['\"]?)([0-9])\1(?![\w'\"])", re.IGNORECASE)
#: The fewest presses in a row read as one number.
_MIN_PRESSES = 3


def _key_presses(text: str) -> list[Piece]:
    """Runs of lines with one key press each, read as the number they key in: the first line
    up to its digit, the digits, the last line after its digit (a finding covers the lines
    between too). A terminator ("digit='#'") or any other line ends a run."""
    out: list[Piece] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        if len(run) >= _MIN_PRESSES:
            s, e = run[0].start(2), run[-1].end(2)
            out.append(Piece(s, e, s, e, "".join(m.group(2) for m in run)))
        run.clear()

    line_end = -1  # the end of the line of the run's last press
    for match in _KEY_PRESS.finditer(text):
        if text.rfind("\n", 0, match.start()) != line_end:
            close()  # not on the next line
        run.append(match)
        line_end = text.find("\n", match.end())
        if line_end < 0:
            break
    close()
    return out


def _apart(text: str, start: int, end: int, written: str) -> str:
    """`written` with a blank on each side where the original is glued to a word."""
    before = " " if start and (text[start - 1].isalnum() or text[start - 1] == "_") else ""
    after = " " if end < len(text) and (text[end].isalnum() or text[end] == "_") else ""
    return before + written + after


#: A card's digits glued to letters: "ref4111111111111111", "x4111111111111111y" (a few
#: letters on either side: not an IBAN's or a tracking number's digits, "GB82WEST1234...").
_GLUED = re.compile(r"[0-9]{13,19}")
#: The letters a card's digits are glued to after them (those before are counted back).
_GLUE_AFTER = re.compile(r"[A-Za-z_]{0,6}(?![A-Za-z0-9])")
_HEX = re.compile(r"[0-9A-Fa-f]+")
#: A cue glued to its value: "zip62704", "ABA021000021", "ssn078051120", "pin4471".
_GLUED_CUE = re.compile(
    r"(?<![A-Za-z])(zip|aba|rtn|ssn|dob|pin|cvv|cvc|acct)(?=\d{3,}(?!\w))",
    re.IGNORECASE,
)


def _glued(text: str) -> list[Piece]:
    out: list[Piece] = []
    for match in _GLUED.finditer(text):
        s, e = match.span()
        lead = s
        while lead > max(0, s - 6) and (
            (text[lead - 1].isascii() and text[lead - 1].isalpha()) or text[lead - 1] == "_"
        ):
            lead -= 1
        after = _GLUE_AFTER.match(text, e)
        if (lead and text[lead - 1].isalnum()) or after is None or (s == lead and after.end() == e):
            continue  # not glued, or glued to more than a few letters (an ID, an IBAN)
        token = text[lead : after.end()]
        hexadecimal = _HEX.fullmatch(token) is not None and len(token) >= 24
        if not hexadecimal and valid_card(match.group()):
            out.append(Piece(s, e, s, e, _apart(text, s, e, match.group())))
    for match in _GLUED_CUE.finditer(text):
        s, e = match.span()
        out.append(Piece(s, e, s, e, match.group() + " "))
    return out


#: Letters that look like digits, written for them to slip past a filter: "O78-OS-112O",
#: "4lll llll llll llll", "routing O21OOOO21".
_LOOKALIKES = str.maketrans("OoIlSB", "001158")
#: A token that mixes digits and such letters (and nothing else).
_MIXED_TOKEN = re.compile(r"[0-9OoIlSB]+")
#: A digit next to a letter that looks like one (looked for first: most texts have none).
_MIXED_PAIR = re.compile(r"\d[OoIlSB]|[OoIlSB]\d")
_LOOKALIKE_CHARS = frozenset("0123456789OoIlSB")
_WORD_CHAR = re.compile(r"[^\W_]")
#: The tokens around it that the number goes on with: digits, or those letters alone when
#: joined by a dash, a dot or a slash ("-OS-"), or four of them or more ("llll").
#: A letter or two, then digits, or digits and a letter or two: the shape of many IDs (a
#: licence, a passport, a check letter: "11100002B"), no evasion.
_ID_SHAPE = re.compile(r"[A-Za-z]{1,2}\d+|\d+[A-Za-z]{1,2}")
_RUN_BEFORE = re.compile(r"(?:[0-9OoIlSB]+[.\-/]|\d+[ ]|[OoIlSB]{4,}[ ])\Z")
_RUN_AFTER = re.compile(r"[.\-/][0-9OoIlSB]+(?![^\W_])|[ ](?:\d+|[OoIlSB]{4,})(?![^\W_])")


#: An IBAN (its country's code, check digits, and groups of letters and digits): its letters
#: are its own ("IS14 0159 ...", "RO49 AAAA 1B31 ...").
_IBAN_LIKE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,8}(?:[ ]?[A-Z0-9]{1,4})?")


def _letters_for_digits(text: str) -> list[Piece]:
    """A number written with letters for some of its digits, read as its digits, when it is
    five characters or more with a digit in it (a product code such as "B2B" is left alone)."""
    out: list[Piece] = []
    end = 0
    ibans: list[tuple[int, int]] | None = None
    for pair in _MIXED_PAIR.finditer(text):
        if pair.start() < end:
            continue
        s = pair.start()
        while s and text[s - 1] in _LOOKALIKE_CHARS:
            s -= 1
        match = _MIXED_TOKEN.match(text, s)
        if (
            match is None
            or (s and _WORD_CHAR.match(text, s - 1))
            or _WORD_CHAR.match(text, match.end())
        ):
            end = pair.end()
            continue  # inside a word ("B2Bs", "xO2"): no number
        if match.group() in ("l4", "L4"):
            end = match.end()
            continue  # "last 4" in an agent's note ("SSN l4 6649", "+ l4 3307"): no number
        if ibans is None:
            ibans = [m.span() for m in _IBAN_LIKE.finditer(text)]
        if any(lo <= s < hi for lo, hi in ibans):
            end = match.end()
            continue
        s, e = match.span()
        while (before := _RUN_BEFORE.search(text, max(0, s - 24), s)) is not None:
            if before.start() == s or (before.start() and text[before.start() - 1].isalnum()):
                break
            s = before.start()
        while (after := _RUN_AFTER.match(text, e)) is not None:
            e = after.end()
        run = text[s:e]
        if sum(ch.isdigit() or ch in "OoIlSB" for ch in run) < 5:
            continue
        if _ID_SHAPE.fullmatch(run):
            continue  # "O16462042", "I0634752": an ID's letter and its digits
        for token in re.finditer(r"[0-9OoIlSB]+", run):
            if not token.group().isdigit():
                ts, te = s + token.start(), s + token.end()
                out.append(Piece(ts, te, ts, te, token.group().translate(_LOOKALIKES)))
        end = e
    return out


#: An address with blanks around its "@" or its dots, or a doubled "@", or a comma for a dot
#: before its top-level domain: "jane.doe @ example . com", "jane.doe@\u200bexample.com" (a
#: zero-width space is read as a blank), "jane.doe@@example.com", "jane.doe@example,com".
#: The top-level domains an address with blanks must end with ("meet @ 5. then" is none).
_TLDS = r"(?:com|net|org|edu|gov|mil|int|io|co|us|uk|ca|de|fr|es|it|nl|au|in|info|biz|me|ai)\b"
_SPACED_ADDRESS = re.compile(
    r"(?<![\w.+\-])[\w+\-]+(?:[ \t]*\.[ \t]*[\w+\-]+)*[ \t]*@{1,2}[ \t]*"
    r"[A-Za-z0-9\-]+(?:(?:[ \t]*[.,;][ \t]*|[ \t]+dot[ \t]+)[A-Za-z0-9\-]+)*"
    r"(?:[ \t]*[.,;][ \t]*|[ \t]+dot[ \t]+)" + _TLDS
)
#: A gap, a doubled "@", a comma or a word for a dot: "example dot com".
_ADDRESS_GAP = re.compile(r"[ \t]+dot[ \t]+|[ \t]+|(?<=@)@|[,;]")


def _spaced_addresses(text: str) -> list[Piece]:
    """The gaps of each address written with blanks, a doubled "@" or a comma for a dot, read
    as none (or a dot). Each "@" is looked at where it is first (most are plain addresses)."""
    out: list[Piece] = []
    at = text.find("@")
    done = 0
    while at >= 0:
        if at >= done and _evasive_at(text, at):
            for match in _SPACED_ADDRESS.finditer(text, max(done, at - 64), at + 64):
                out.extend(_address_gaps(text, match))
                done = match.end()
        at = text.find("@", at + 1)
    return out


def _evasive_at(text: str, at: int) -> bool:
    """Whether the address around the "@" at `at` has a blank, a doubled "@" or a comma."""
    around = text[at - 1 : at + 2] if at else text[: at + 2]
    return (
        " " in around
        or "\t" in around
        or "@@" in around
        or _SPACED_DOMAIN.match(text, at + 1) is not None
        or _SPACED_LOCAL.search(text, max(0, at - 48), at) is not None
    )


_SPACED_DOMAIN = re.compile(
    r"[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*(?:[ \t]+\.|\.[ \t]+|[,;]|[ \t]+dot[ \t]+)[ \t]*" + _TLDS
)
_SPACED_LOCAL = re.compile(r"[\w+\-](?:[ \t]+\.[ \t]*|\.[ \t]+)[\w+\-.]*\Z")


def _address_gaps(text: str, match: re.Match[str]) -> list[Piece]:
    start = match.start()
    head = _LOCAL_HEAD.match(text, start)
    if head is not None and head.group(1).lower() in _NOT_LOCAL:
        start = head.end()  # "write to .leadingdot@...", "to @example.com": no address
    local = text[start : text.index("@", start)].strip()
    if not local or not local[0].isalnum():
        return []
    out: list[Piece] = []
    for gap in _ADDRESS_GAP.finditer(text, start, match.end()):
        s, e = gap.span()
        sign = "." if gap.group() in ",;" or gap.group().strip() == "dot" else ""
        out.append(Piece(s, e, s, e, sign))
    return out


#: The words before an address that are none of its local part.
_LOCAL_HEAD = re.compile(r"([A-Za-z]+)[ \t]+")
_NOT_LOCAL = frozenset("to at me us or and email mail is write contact from by via".split())


#: Keys that say what a value is only with their parent's: `"passport": {"number": ...}`,
#: `"name": {"given": ..., "family": ...}`, `<DriverLicense state="TX" number="..."/>`.
_CHILD_KEYS = frozenset(
    "number no num nbr id value val code digits last4 full first last given family middle".split()
)
#: Children that are a part of a name: "first" is read "first name" (whatever the parent).
_NAME_PARTS = frozenset("first last given family middle full".split())
#: A JSON object that is a key's value, holding no object itself.
_PARENT = re.compile(r"\"([A-Za-z][\w\- ]{0,40})\"[ \t]*:[ \t]*\{([^{}]{1,400})\}")
_CHILD = re.compile(r"(?<=\")([A-Za-z][\w]{0,10})(?=\"[ \t]*:)")


def _key_words(key: str) -> list[str]:
    return [w for part in re.split(r"[_\-. ]", key) for w in _HUMP.split(part) if w]


def _child_keys(text: str) -> list[Piece]:
    """Each generic key of an object read with its parent's name before it: `"passport":
    {"number": "C03005988"}` is read `"passport number": ...`, `"customer": {"first": ...}`
    `"customer first name": ...`, when the parent's name holds a cue word."""
    out: list[Piece] = []
    for parent in _PARENT.finditer(text):
        out.extend(_with_parent(text, parent.group(1), _CHILD, parent.span(2)))
    return out


#: An XML element's attributes (group 2) after its name (group 1): `<DriverLicense
#: state="TX" number="12345678"/>`.
_TAG_ATTRIBUTES = re.compile(r"<([A-Za-z][\w\-.:]{0,40})[ \t]+([^<>]{1,300}?)/?>")
_ATTRIBUTE = re.compile(r"(?<![\w\-])([A-Za-z][\w\-]{0,10})(?=[ \t]*=[ \t]*[\"'])")


#: A value named apart from it: an input's name and value with other attributes between
#: (`<input name="dob" type="date" value="1997-02-25">`), a log's field and its value
#: (`field 'dateOfBirth' value '03/06/1974'`). What stands between is read as ": ".
_NAMED_VALUE = re.compile(
    r"<input\b[^<>]*?\bname\s*=\s*[\"']([\w.\-\[\]]{1,40})(?P<between>[\"'][^<>]*?\bvalue\s*=\s*[\"'])"
    r"|\b(?:field|key|param(?:eter)?|attribute)\s+[\"'`]?([A-Za-z_][\w.\-]{1,40})"
    r"(?P<said>[\"'`]?\s+(?:value|was|is|=)\s+[\"'`]?)(?=[\w+(])",
    re.IGNORECASE,
)


#: A word each reading of `_NAMED_VALUE` holds, looked for as a substring first: "value" is
#: common in prose, and a scan of the pattern's alternation at every position costs ~60 us a KB.
_NAMED_VALUE_WORDS = ("<input", "field", "key", "param", "attribute")


def _names_a_value(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _NAMED_VALUE_WORDS)


#: A JSON object's name and its value side by side, as attribute lists, tags and FHIR write
#: them: `{"key": "app.account", "value": {"intValue": "9190..."}}`, `{"system": "phone",
#: "value": "(313) 555-0154"}`, `{"Key": "billing-zip", "Value": "..."}`. What stands between
#: the name and the value is read as ": " ("app account: 9190..."), where the name holds a
#: cue's word.
_PAIRED_VALUE = re.compile(
    r'"(?:key|name|label|field|attribute|system)"[ \t]*:[ \t]*"(?P<name>[A-Za-z][\w.\- ]{0,40})'
    r'(?P<between>"[ \t]*,\s{0,40}"(?:value|val)"[ \t]*:[ \t]*'
    r'(?:\{\s{0,40}"[a-z]{0,12}value"[ \t]*:[ \t]*)?")',
    re.IGNORECASE,
)


def _values_named(text: str) -> list[Piece]:
    """The values named apart from them (`_NAMED_VALUE`) or beside them (`_PAIRED_VALUE`)."""
    out = _named_values(text) if "value" in text and _names_a_value(text) else []
    if 'alue"' in text:
        out += _paired_values(text)
    return out


def _paired_values(text: str) -> list[Piece]:
    out = []
    for match in _PAIRED_VALUE.finditer(text):
        words = _key_words(match.group("name"))
        if any(word.lower() in KEY_WORDS for word in words):  # (not "gift_message")
            s, e = match.start("name"), match.end("between")
            out.append(Piece(s, e, s, e, " ".join(words) + ": "))
    return out


_PASSWORD_TYPE = re.compile(r"\btype\s*=\s*[\"']?password", re.IGNORECASE)


def _named_values(text: str) -> list[Piece]:
    out = []
    for match in _NAMED_VALUE.finditer(text):
        between = match.group("between")
        if between and ("=" not in between[1:-7] or _PASSWORD_TYPE.search(match.group())):
            continue  # (name, then value: read as it is; a password's input is password.py's)
        key = 1 if between else 3
        s, e = match.start(key), match.end("between" if key == 1 else "said")
        out.append(Piece(s, e, s, e, " ".join(_key_words(match.group(key))) + ": "))
    return out


#: A PHP value's key and its type before it: `serialize()`'s `s:6:"ssn_l4";s:4:"4497";`,
#: `var_dump()`'s `["rtn"]=>\n  string(9) "322271627"`. What stands between is read ": ".
_PHP_VALUE = re.compile(
    r's:\d{1,3}:"(?P<s>[A-Za-z_][\w\-]{0,40})";(?:s:\d{1,5}:"|[id]:)'
    r'|\["(?P<d>[A-Za-z_][\w\-]{0,40})"\]=>\s{0,40}(?:string\(\d{1,5}\) "|int\(|float\()'
)


def _php_values(text: str) -> list[Piece]:
    out = []
    for match in _PHP_VALUE.finditer(text):
        key = match.lastgroup or "s"
        # (serialize()'s length and quote too: 's:4:"pass";s:16:"' is read 'pass: ', no key
        # inside a quoted value, as '...:"pass' reads)
        s, e = match.start() if key == "s" else match.start(key), match.end()
        out.append(Piece(s, e, s, e, " ".join(_key_words(match.group(key))) + ": "))
    return out


#: A debug log's assignment of a value to a variable: "|VARIABLE_ASSIGNMENT|[102]|
#: c.Policy_Number__c|"FAB378759306"": the bar between the variable and its value read ": ".
#: (its key's underscores may be blanks already: the engine reads snake case as words)
_ASSIGNED = re.compile(
    r"\|VARIABLE[_ ]ASSIGNMENT\|\[\d+\]\|(?:\w+\.)?([A-Za-z]\w*(?:[ ]\w+)*)[ ]*\|"
)


def _dumped_values(text: str) -> list[Piece]:
    """A program's dump of its values read with their keys: PHP's, a Salesforce debug log's."""
    out = _php_values(text) if '";' in text or "]=>" in text else []
    if "date(" in text or "datetime(" in text:
        # Python's repr of a date: "dob=datetime.date(1949, 2, 15)" is read "dob=1949-02-15"
        for match in _PY_DATE.finditer(text):
            year, month, day = match.group(1, 2, 3)
            s, e = match.span()
            out.append(Piece(s, e, s, e, f"{year}-{int(month):02d}-{int(day):02d}"))
    if "]=" in text:
        # a form's nested key: "billing[postal_code]=63668" is read "billing postal code=..."
        for match in _NESTED_KEY.finditer(text):
            s, e = match.span()
            out.append(Piece(s, e, s, e, " " + match.group(1).replace("_", " ")))
    if "question" in text and "answer" in text:
        # a record's security question, then its answer: "{'question': 'q_pet', 'answer':
        # 'Waffles'}" is read "... 'security answer': 'Waffles'"
        for match in _QUESTION_THEN_ANSWER.finditer(text):
            s, e = match.span("a")
            out.append(Piece(s, e, s, e, "security answer"))
    if '{"' in text or "{\n" in text:
        # a typed value's wrapper between its key and it, as Avro's JSON, DynamoDB's and
        # MongoDB's extended JSON write them: '"ph1":{"string":"+44..."}', '"dob": {"S":
        # "1994-06-17"}', '"cardPan":{"$numberLong":"2223..."}' are read '"ph1": "+44..."'
        for match in _TYPED_VALUE.finditer(text):
            s, e = match.span()
            out.append(Piece(s, e, s, e, " "))
    return out + _assigned_values(text) if "ASSIGNMENT|" in text else out


_TYPED_VALUE = re.compile(
    r'(?<=":)[ \t]*\{\s*"(?:S|N|B|BOOL|string|int|long|float|double|boolean|bytes'
    r'|\$numberLong|\$numberInt|\$numberDouble|\$numberDecimal|\$date)"\s*:[ \t]*'
)


_PY_DATE = re.compile(
    r"\b(?:datetime\.)?date(?:time)?\((\d{4}),[ ]?(\d{1,2}),[ ]?(\d{1,2})(?:,[ ]?\d{1,6}){0,4}\)"
)
_QUESTION_THEN_ANSWER = re.compile(
    r"\b(?:security_?)?question[\"']?[ \t]*[:=][^\n]{0,80}?[,;{ \t]"
    r"[\"']?(?P<a>answer)[\"']?[ \t]*[:=]",
    re.IGNORECASE,
)
_NESTED_KEY = re.compile(r"(?<=[A-Za-z0-9])\[([A-Za-z][\w\-]{0,40})\](?==)")


def _assigned_values(text: str) -> list[Piece]:
    out = []
    for match in _ASSIGNED.finditer(text):
        s, e = match.start(1), match.end()
        out.append(Piece(s, e, s, e, " ".join(_key_words(match.group(1))) + ": "))
    return out


def _attributes(text: str) -> list[Piece]:
    """Each generic attribute of an element read with the element's name before it, when the
    name holds a cue word: `<DriverLicense number="...">` is read `Driver License number=`."""
    out: list[Piece] = []
    for tag in _TAG_ATTRIBUTES.finditer(text):
        name = tag.group(1).rpartition(":")[2]  # (without its namespace's prefix)
        out.extend(_with_parent(text, name, _ATTRIBUTE, tag.span(2)))
    return out


def _with_parent(
    text: str, parent: str, keys: re.Pattern[str], inside: tuple[int, int]
) -> list[Piece]:
    """The generic keys (group 1 of `keys`) in `inside`, each spelled with `parent`'s words
    before it, when those words hold a cue word."""
    words = _key_words(parent)
    if not any(word.lower() in KEY_WORDS for word in words):
        return []
    out: list[Piece] = []
    for child in keys.finditer(text, *inside):
        key = child.group(1).lower()
        if key in _CHILD_KEYS:
            said = f"{key} name" if key in _NAME_PARTS else key
            s, e = child.span(1)
            out.append(Piece(s, e, s, e, " ".join((*words, said))))
    return out
