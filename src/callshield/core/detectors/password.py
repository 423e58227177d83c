"""Passwords said or typed to an agent: "my password is Hunter2!", "pwd: tiger123".

Customers read out online-banking passwords to agents and paste them into chats; like a PIN
it is authentication data, never to be kept. The value is the word right after the cue (and
"is", "was", a colon, quotes): a password has no shape of its own, so only the cue finds it,
and the words that say there is none ("password reset", "forgot my password and ...") are
not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import (
    HOLD_PHRASES,
    TIME_AFTER_NAME,
    VALUE_ATTRIBUTE,
    Candidate,
    tag_at,
)
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.cued import cue_body, cue_trigger
from callshield.core.entities import PASSWORD, EntityType

CUES = (
    "password", "passwords", "passwd", "pwd", "pw", "passphrase", "pass phrase", "pass word",
    "login password", "online banking password", "new password", "temporary password",
    "temp password", "pass", "passcode", "pswd", "p@ssword", "p@ss", "p/w", "pword",
    "pasword", "pssword", "passwrd", "passowrd", "pasword is",
    # (an OFX sign-on's <USERPASS>, a form's "userPassword")
    "userpass", "user password",
    # (Spanish, French, Portuguese: "la clave que uso es ...", "Senha do app: ...")
    "contraseña", "contrasena", "mot de passe", "clave", "senha",
    # (a temporary one an agent set: "temp pass set to `Sun|flower&8069`"; an LDIF entry's
    # "userPassword:: UGVwcGVy...")
    "temp pass", "temporary pass", "userpassword",
)  # fmt: skip
#: Cues that are a password's only in a field's form ("login: jdoe77 pass: Tr0ub4dor&3"; not
#: "boarding pass"), and cues whose value is a password only with a letter in it (all digits
#: after "passcode" is a PIN's, read by its detector).
_FIELD_ONLY = frozenset({"pass"})
_WITH_A_LETTER = frozenset({"passcode"})
_FIELD = re.compile(r"[\"']?[ \t]*(?:[:=]|->)")
#: Words before "pass" that make it another pass than a password ("boarding pass:", "bus
#: pass:"; "sftp_pass:", "new pass:" are passwords).
_OTHER_PASSES = frozenset(
    """boarding bus hall season day week weekend guest visitor parking ski event festival
    backstage press transit metro train rail museum gym free mountain annual monthly daily
    travel gate photo""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w\-]*)[ \t]+\Z")
_FIELD_VALUE_BEFORE = re.compile(r"[:=][ \t]*[^\s:=]+[ \t]+\Z")


def _in_tag(text: str, end: int) -> tuple[int, int] | None:
    """The tag a cue ending at `end` stands in (`tag_at`), unless the cue is the element's
    own name, whose text is the value ("<USERPASS>Cobalt-46%", as OFX writes a sign-on)."""
    tag = tag_at(text, end)
    if tag is not None and text.startswith(">", end) and text[tag[0] + 1 : end].isalnum():
        return None
    return tag


def _other_pass(text: str, cue: re.Match[str] | None) -> bool:
    if cue is None:
        return False
    before = _WORD_BEFORE.search(text, max(0, cue.start() - 24), cue.start())
    if before is None or _FIELD_VALUE_BEFORE.search(text, max(0, cue.start() - 80), cue.start()):
        return False  # (a field's value before it, a user name: "user: maria pass: ...")
    return before.group(1).lower() in _OTHER_PASSES


#: After a URL's "://": a user name, ":", the password, "@" and the host.
#: (the last "@" before the host ends it: "svc_pay:Meadow-Granite-24@@db-prod.internal")
_URL_PASSWORD = re.compile(r"[\w.\-~%+ ]{0,64}:(?P<v>[^\s/]{1,128})@[A-Za-z0-9\[][^\s@]*(?!\S)")
#: After "-u" or "--user": the user name, ":", the password (curl's, wget's, httpie's).
_USER_PASS = re.compile(r"[ \t]*[\"']?[^\s:\"'/]{1,64}:(?P<v>[^\s\"']{1,128})")
#: The client's name as a command word: not "http" of a URL ("see https://x ... sort -u a:b").
_HTTP_CLIENT = re.compile(r"(?<![\w./-])(?:curl|wget|https?|xh|httpie)(?![\w:./-])")
#: A login field's user name, a slash, then its password: "login: jdoe88 / Mango$Tree88".
_LOGIN_PAIR = re.compile(r"[ \t]*[^\s/]{1,64}[ \t]+/[ \t]+(?P<v>[^\s\"'”’]{3,64})")
#: A user name said after "login is": an e-mail address, or a word with a digit in it.
_A_USER = re.compile(r"[ \t]*(?:[^\s/@]+@[^\s/]+|[^\s/]*\d[^\s/]*)[ \t]+/")
_CUE = re.compile(rf"\b(?:{cue_body(CUES)})\Z", re.IGNORECASE)
#: Between the cue and the value: "is", "was", "would be", a colon, an equals sign, a JSON
#: key's closing quote and colon (not a comma: "Password,Card Number" is a row of headers).
_LEAD = (
    # ("i know my password, it's capital b, then ...")
    # (in any case: "MY PASSWORD IS @Lucky29", "The wifi password I set is Harbor?2240.")
    r"(?:[ \t]*(?:(?i:is|was|it's|its|,[ \t]*it's|would\s+be|will\s+be|should\s+be|is\s+just"
    r"|just|now"
    r"|uh|um|set\s+to|changed\s+to|reset\s+to|issued|(?P<to>to)|set(?=\s+\S*[\d\W]|[ \t]*:)"
    # ("Senha do app: ...")
    r"|d[oa]\s+(?:app|aplicativo|conta|site|banco|portal)"
    # ("i've set a temporary password for you it's ...", "the password i use is ...")
    r"|for\s+you[.,]?\s+(?:it's|its|is)|(?:that\s+)?i\s+(?:use|used|have|set|chose|picked)\s+(?:is|was)"
    # (in Spanish and Portuguese: "la clave que uso es ...", "mi contraseña es ...", "é")
    r"|(?:que\s+(?:uso|usé|use|puse|tengo)\s+)?es|é"
    # (the answer to "what's the password you're trying": "i typed sunflower eight four")
    r"|i\s+(?:typed|tried|entered|used|put(?:\s+in)?)(?:\s+in)?"
    # ("i've tried my password like five times it's ...": how often, before what it is)
    r"|(?:like\s+)?(?:\w+\s+){1,2}times(?=,?\s+(?:it's|its|it\s+is)\b)"
    # ("temp password I set for the customer: ...", "pw -> temp V9fq#KXyUK97")
    r"|(?:[Ii]\s+|[Ww]e\s+)?(?:set|gave|issued|created)\s+for\s+(?:the\s+)?"
    r"(?:customer|caller|member|client|user|them|him|her)"
    r"|temp(?:orary)?(?=\s+\S*[\d\W]))\b|[:=]|->|-(?=[ \t])"
    # (an RPA log's "Type Into 'Password' field: ...", an OFX sign-on's "<USERPASS>...")
    r"|[\"']?[ \t]*field[ \t]*:|(?<=[A-Za-z])>"
    r"|[\"']\s*[:=]))*[ \t]*"
)
#: The value: one token, quotes dropped, not opening on a delimiter ("Password,Card Number" is
#: a row of headers); spoken digits after a word ("tiger 123") go with it.
_VALUE = re.compile(
    # (in code's quotes or tags too: "temp pass set to `Sun|flower&8069`", "Temp password set:
    # <code>Rocket#1075</code>")
    rf"(?P<lead>{_LEAD}(?:[\"'“‘`]|<(?:code|kbd|samp|tt|b|strong)>)?)"
    # (quoted, it is all that the quotes hold: 'password is "blue monkey 42"')
    rf"(?P<v>(?<=[\"“`])(?:[^\"”`\n\\]|\\.){{3,64}}(?=[\"”`])"
    rf"|(?<=>)[^<\s]{{3,64}}(?=</)"
    rf"|[^\s\"'”’,;|][^\s\"'”’]{{2,63}}(?:[ \t]+\d{{1,12}}(?!\S))?)"
)
#: The time a speaker's label may write after the name: "Customer 00:44: ...".
_LABEL_TIME = rf"(?:{TIME_AFTER_NAME})?"
#: A question for the password ("what's your password?") and the answer on the next line,
#: after an optional speaker label ("Customer: it's hunter2").
_ASKED = re.compile(
    # ("do you have a passcode on the account?": a few words of the question after the cue)
    r"(?:,?[ \t]+(?:on|for|of|to|in|with|the|a|an|your|this|that|account|card|file|it|please"
    # ("what's the password you're trying", "the passcode you set up with us")
    r"|you're|youre|you|we|i|set|up|us|using|trying|use|have|there|chose|picked|gave"
    # ("what password did you try", "which password did you enter")
    r"|try|tried|enter|entered|type|typed|used|test|check"
    # ("what password did you want on the portal?", "i'll set a temporary password, or
    # would you like to give me one?")
    r"|did|do|want|wanted|would|like|give|me|one|or|portal|online|app|website|site|login"
    r"|new|now|going|be|choose|pick|yourself"
    # ("set up a verbal password so we can verify you faster next time?")
    r"|so|can|verify|identify|faster|quicker|easier|next|time|future|calls|call|when))"
    r"{0,9}"
    # (speech-to-text writes no "?": then the answer is a turn, after a speaker's label)
    # (a label's colon, the bar of a table's row, "caller | you know ...", or the blanks a
    # numbered label is read as, "Speaker 2: so it's ...")
    r"(?:[ \t]*\?[ \t]*\r?\n|[ \t]*[.]?[ \t]*\r?\n"
    rf"(?=[ \t]*[A-Za-z][\w .'()\-]{{0,30}}{_LABEL_TIME}[:|][ \t]|[ \t]{{2,}}\S)"
    # (or the next string of a list of utterances: '...next time?","Sure, make it ...')
    # (not a JSON object's next key: '...last name?", "isFinal": true')
    r"|[ \t]*\?\\?\",[ \t]*\\?\"(?![^\"\n]*\\?\"[ \t]*:)"
    # (or no line at all: "... would you like to give me one um it's capital o r c h i d")
    r"|(?<=\bone)[ \t]*\??[ \t]+(?=(?i:(?:um|uh|so|okay|ok|yeah|sure)[,.]?[ \t]+)*"
    r"(?i:it's|its|it[ \t]+is)\b))"
)
_YOUR = re.compile(r"\byour\s+(?:\w+\s+)?\Z", re.IGNORECASE)
#: The lines a transcript writes between a question and its answer's words, where the labels
#: were read as blanks (`engine._ascii_forms`): a blank line, a subtitle's number and its
#: times ("31\n00:01:53,768 --> 00:01:59,151"), the speaker's name on a line of its own
#: ("David Singleton   1:10", "[Scott Fields] 12:17:19", "Miller, Jason (Vantage Fiber)").
_BETWEEN_TURNS = (
    r"(?:[ \t]*(?:\d{1,5}|[\d:,.]*[ \t]*-->[ \t]*[\d:,.]+"
    r"|\[?[A-Z][\w.'\-]*(?:,?[ \t]+[A-Z(][\w.'()&\-]*){0,5}\]?[ \t\d:.,]*)?[ \t]*\r?\n){0,4}"
)
_ANSWER = re.compile(
    rf"{_BETWEEN_TURNS}"
    # (a subtitle's end time before the label: "--> 03:31.186] SPEAKER_00: Um, it's ...")
    rf"[ \t]*(?:-->[ \t]*[\d:.,]+\]?[ \t]*)?"
    # (a label with a colon, or a name and the blanks its time became: "Caller [00:00:42]")
    rf"(?:[A-Za-z][\w .'()\-]{{0,30}}{_LABEL_TIME}[:|][ \t]+"
    rf"|[A-Za-z][\w.'()\-]*(?:[ \t][A-Za-z][\w.'()\-]*){{0,2}}[ \t]{{2,}})?"
    # (in any case: an answer's line starts with a capital, "Um, it's ...", "It's ...")
    rf"(?i:(?:yes|yeah|sure|okay|ok|so|uh|um|uhm|ah|well|you[ \t]+know|make[ \t]+it"
    rf"|i'll[ \t]+make[ \t]+it|let's[ \t]+do|it's|its|it[ \t]+is"
    # (a caller finding it first: "Let me see purple dollar sign falcon ...")
    rf"|{HOLD_PHRASES}"
    # ("It should be harbor!61.", "that would be 2K!q*0Vcs")
    rf"|(?:it|that)[ \t]+(?:should|would|will|might|must)[ \t]+be|that's|thats)\b[,.]?[ \t]*)*"
    rf"{_VALUE.pattern}"
)
#: Before a cue that is itself a field's value: "grant_type=password", '"method": "password"'.
_A_VALUE_ITSELF = re.compile(r"(?:=|[:=][ \t]*[\"'])[ \t]*\Z")
#: A question of a few words for the password, alone on its line after a speaker's label:
#: "Agent: password?", "and the password?" (the answer is on the next line).
_ASKS_ALONE = re.compile(
    # (after a subtitle's end time too: "--> 03:19.000] SPEAKER_01: What password ...")
    r"(?:^|\n)[ \t]*(?:-->[ \t]*[\d:.,]+\]?[ \t]*)?(?:[A-Za-z][\w .'()\-]{0,30}:[ \t]*)?"
    r"(?:[A-Za-z']+[ \t]+){0,4}\Z"
    # a question for the password: "what's the password ...", "do you have a verbal password"
    r"|\b(?:what's|whats|what\s+is|do\s+you\s+have|is\s+there"
    r"|can\s+you\s+(?:give|tell|confirm|spell(?:\s+out)?|read(?:\s+out)?)"
    r"(?:\s+me)?|could\s+i\s+(?:get|have)"
    # ("what do you want the new password to be", "what would you like your passcode to be")
    r"|what\s+(?:do|would)\s+you\s+(?:want|like)(?:\s+to\s+(?:use|set))?"
    # an agent's request for a new one: "go ahead and set the new password"
    r"|(?:set|choose|pick|create|make)(?:\s+up)?)\s+(?:the|a|an|your)\s+(?:[a-z]+\s+)?\Z",
    re.IGNORECASE,
)
#: A value set off by commas right after the cue, a letter and a digit or a sign in it: "my
#: old password, falcon1859#, and it says invalid" (no list's words: "password, card number").
_APPOSITIVE = re.compile(
    r"(?P<lead>,[ \t]+)(?P<v>(?=[^\s,]*[A-Za-z])(?=[^\s,]*[\d!@#$%^&*_+=~?])[^\s,\"'“”]{4,64}),"
)
#: A value that is the next field, "key=value": "password_hash=5f4d...", "reset=true".
#: (Not a base64 value's padding at its end: "userPassword:: UGVwcGVyJjMyMTQ=".)
_NEXT_KEY = re.compile(r"[A-Za-z_][\w ]{0,30}=(?!=*\Z)")
#: Words after "password" that are no password: what is being said *about* one.
_NOT_VALUES = frozenset(
    """and or but so the a an to for of on in at with is was be it that this my your his her
    our their me you i we they what which please again reset resets yeah sure okay sorry nope
    hold hang just wait moment second sec one think remember know change changed changes
    expired expires expire manager field fields box link links page pages policy policies
    requirement requirements rule rules hint hints recovery protected protection update
    updated strength strong weak incorrect wrong invalid correct right wasn't isn't doesn't
    didn't won't can't don't does did do has have had will would should could can may might
    must needs need needed there here too also yet still ever never every any some because
    if when then than about after before from into over under been being were are
    question questions prompt screen
    not gone lost stolen broken blocked locked working compromised forgotten different
    missing blank empty""".split()
)
#: The two-letter words of `_NOT_VALUES`, and a few more that no short value is.
_SMALL_WORDS = "|".join(
    sorted({word for word in _NOT_VALUES if len(word) == 2} | {"no", "as", "up", "go", "am"})
)
#: A value of one or two characters, said in parts after it ("my password is 36 capital
#: HARLEY and sign", as the normaliser writes "three six capital h a r l e y and sign").
#: (No small word in capitals: "the password IS NOT WORKING" says nothing of its value.)
_SHORT_VALUE = re.compile(
    rf"(?P<lead>{_LEAD})(?P<v>(?!(?i:{_SMALL_WORDS})\b)[A-Za-z0-9]{{1,2}})"
    r"(?=[ \t]+(?:capital|caps|uppercase|lowercase|small|[A-Z]{2,}\b))"
)


def _command_credentials(text: str, ends: Sequence[int]) -> Iterator[Candidate]:
    """The password of an HTTP client's command line after "-u" or "--user": "curl -u
    sam@example.com:27Iv*Mrol https://..."."""
    for end in ends:
        user = _USER_PASS.match(text, end)
        line = text.rfind("\n", 0, end) + 1
        if user is not None and _HTTP_CLIENT.search(text, line, end) is not None:
            start, stop = user.span("v")
            why = ("a command's credentials, after the user name and a colon",)
            yield Candidate(PASSWORD, start, stop, 0.9, why, text[start:stop])


#: An IMAP LOGIN command's user name and password, quoted or not (RFC 3501), after the
#: command's tag at the line's start ("A1 LOGIN").
_IMAP_LOGIN = re.compile(
    r"(?:\"[^\"\n]*\"|[^\s\"]+)[ \t]+(?:\"(?P<q>[^\"\n]{1,128})\"|(?P<b>\S{1,128}))"
)
_IMAP_TAG = re.compile(r"(?:^|\n)[ \t]*[A-Za-z0-9.]{1,10}[ \t]*\Z")


def _imap_logins(text: str, commands: Sequence[int]) -> Iterator[Candidate]:
    """The password of an IMAP LOGIN command."""
    for end in commands:
        login = _IMAP_LOGIN.match(text, end)
        if login is not None and _IMAP_TAG.search(text, max(0, end - 40), end - 6):
            start, stop = login.span("q" if login.group("q") is not None else "b")
            why = ("an IMAP LOGIN command's password, after the user name",)
            yield Candidate(PASSWORD, start, stop, 0.9, why, text[start:stop])


@dataclass(frozen=True, slots=True)
class PasswordDetector:
    """The word after a password cue, unless it only talks about a password."""

    name: str = "password"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PASSWORD})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (
            cue_trigger(CUES),
            Trigger(r"\blog[ \-]?in[ \t]?[:=]", max_len=8),
            Trigger(r"://", max_len=3, caseless=False),
            cue_trigger(_TYPING),
            # (or said: "the login is p.johnson6@proton.me / Rangers2006@")
            Trigger(r"\blog[ \-]?in[ \t]is", max_len=9),
            # a command's basic-auth credentials: "curl -u jane@example.com:27Iv*Mrol ..."
            Trigger(r"\s(?:-u|--user)[ \t=]", max_len=9, caseless=False),
            # an IMAP session's LOGIN command: 'A1 LOGIN support@bank.example "each-can-W48"'
            Trigger(r"[^\s] LOGIN ", max_len=8, caseless=False),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[3]:
            typed = _typed(text, end)
            if typed is not None:
                yield typed
        yield from _command_credentials(text, hits[5])
        yield from _imap_logins(text, hits[6])
        for end in hits[2]:
            userinfo = _URL_PASSWORD.match(text, end)
            if userinfo is not None:  # "postgres://crm_svc:s3cr3tPss!@db.internal/crm"
                start, stop = userinfo.span("v")
                why = ("a URL's password, between its user name and its host",)
                yield Candidate(PASSWORD, start, stop, 0.9, why, text[start:stop])
        for told, ends in ((False, hits[1]), (True, hits[4])):
            for end in ends:
                pair = _LOGIN_PAIR.match(text, end)
                if pair is None or (told and not _A_USER.match(text, end)):
                    continue  # "the login is broken / not working": no user name before "/"
                # "login: jdoe88 / Mango$Tree88": the user, then the password
                reasons = ("after a user name in a login field", "login is" if told else "login:")
                start, stop = pair.span("v")
                yield Candidate(PASSWORD, start, stop, 0.85, reasons, text[start:stop])
        for end in hits[0]:
            tag = _in_tag(text, end) if "<" in text else None
            if tag is not None:
                # in a tag, the password is the value of an input of type password
                found = _input_value(text, tag)
                if found is not None:
                    yield found
                continue
            cue = _CUE.search(text, max(0, end - 40), end)
            if cue is not None and _A_VALUE_ITSELF.search(
                text, max(0, cue.start() - 4), cue.start()
            ):
                continue  # "grant_type=password", '"auth": "password"': a field's value
            said = " ".join(cue.group().lower().split()) if cue else "password"
            if said in _FIELD_ONLY and (not _FIELD.match(text, end) or _other_pass(text, cue)):
                continue
            match, reason = _value_after(text, end, cue)
            if match is not None and said in _WITH_A_LETTER and match.group("v").isdigit():
                continue
            if match is None:
                if cue is not None:  # "my password doesn't work anymore (Monkey1976!)"
                    yield from _bracketed(text, end, said)
                continue
            start, stop = match.span("v")
            if "=" in match.group("lead"):
                # a query string's or a form post's value ends where the next field starts:
                # "password=Hunter2!x&pinCode=4729" (a "&" of the password is "%26" there)
                following = _NEXT_FIELD.search(text, start, stop + 42)
                if following is not None and following.start() < stop:
                    stop = following.start()
            said_more = _said_on(text, stop)
            if said_more > stop:
                stop, reason = said_more, f"{reason}, said in parts"
            reasons = (f"context '{said}' before", reason)
            yield Candidate(PASSWORD, start, stop, 0.85, reasons, text[start:stop])


def _value_after(
    text: str, end: int, cue: re.Match[str] | None
) -> tuple[re.Match[str] | None, str]:
    """The value after a cue ending at `end`, and how it was read: the word after the cue;
    the answer on the next line to a question for it; a value set off by commas."""
    match = _value_at(_VALUE, text, end) or _SHORT_VALUE.match(text, end)
    if match is not None or cue is None:
        return match, "word after the cue"
    if _YOUR.search(text, max(0, cue.start() - 24), cue.start()) or _ASKS_ALONE.search(
        text, max(0, cue.start() - 64), cue.start()
    ):
        asked = _ASKED.match(text, end)
        if asked is not None:
            match = _value_at(_ANSWER, text, asked.end(), answer=True)
            if match is not None:
                return match, "answer on the next line"
    # "I tried my old password, falcon1859#, and it says invalid": set off by commas
    return _APPOSITIVE.match(text, end), "set off by commas after the cue"


#: A password in brackets later in the cue's sentence: "Mon mot de passe du site ne fonctionne
#: plus (Monkey1976!)", "my password won't work (Summer2020#)". A small letter and a digit or
#: a sign in it (not a ticket's "(INC-2291)"), no blank.
_IN_BRACKETS = re.compile(
    r"[^\n.!?()]{0,80}?[ \t]\((?P<v>(?=[^\s()]*[a-z])(?=[^\s()]*[\d!@#$%^&*_+=~?])"
    r"[^\s()]{6,64})\)"
)


def _bracketed(text: str, end: int, said: str) -> tuple[Candidate, ...]:
    """The password in brackets later in the cue's sentence, if there is one."""
    match = _IN_BRACKETS.match(text, end)
    if match is None:
        return ()
    start, stop = match.span("v")
    reasons = (f"context '{said}' before", "in brackets later in the sentence")
    return (Candidate(PASSWORD, start, stop, 0.8, reasons, text[start:stop]),)


#: What a customer says of the password they try or want, in a log-in or reset chat: "I'm
#: typing Yankees40 and it won't take it", "can I just use pumpkinpie6@?".
_TYPING = (
    "i'm typing", "im typing", "i am typing", "i keep typing", "i keep entering",
    "i'm entering", "im entering", "i'm putting in", "can i just use", "could i just use",
    "can i use", "could i use",
    # (what a locked-out caller tried: "I tried c h e v e l l e exclamation point forty three")
    # ("tried" alone: "tried Maple!028 and it says invalid"; "i tried", "i've tried" end
    # where it does)
    "tried", "i typed", "i've been typing",
    # (what it was changed to, or is to be: "I changed it to thunder1995", "I reset it to
    # Blue!Sky7", "can you set it to ...", "i'll make it ...")
    "changed it to", "reset it to", "set it to", "make it",
)  # fmt: skip
#: The token typed: a letter and a digit or a sign in it (not "PayPal", not "the app").
_TYPED = re.compile(
    # (not a link: "tried https://example.com/a1")
    r"[ \t]+[\"'“]?(?!(?i:[a-z][a-z0-9+.\-]*://|www\.))"
    r"(?P<v>(?=[^\s\"'”’]*[A-Za-z])(?=[^\s\"'”’]*[\d!@#$%^&*_+=~])"
    r"[^\s\"'”’?,]{4,63}[^\s\"'”’?,.!])"
)
#: A log-in or a password before it, within a chat's few messages.
_LOG_IN_CONTEXT = re.compile(
    r"\b(?:pass(?:word|wd|code)?|pwd|log[ \-]?(?:in|on)|sign[ \-]?in|locked(?:[ \t]+out)?)\b",
    re.IGNORECASE,
)
#: How far back the log-in or password is named.
_TYPED_CONTEXT_CHARS = 400
#: Or what is said right after it: the log-in refused it ("I reset it to Blue!Sky7 but still
#: can't log in", "... and it says invalid", "and it still won't take it").
_REFUSED_AFTER = re.compile(
    r"[^\n.!?]*?\b(?:(?:can'?t|cannot|unable\s+to)\s+(?:log|sign)[ \-]?(?:in|on)"
    r"|(?:says|said|shows|get|got|getting)\s+(?:it'?s\s+)?(?:invalid|incorrect)"
    r"|won'?t\s+(?:take|accept)\s+it)\b",
    re.IGNORECASE,
)
_REFUSED_REACH = 80


def _typed(text: str, end: int) -> Candidate | None:
    """The password a customer says they type or want, where a log-in or a password is named
    in the messages before it."""
    match = _TYPED.match(text, end, min(len(text), end + 80))
    if match is not None:
        start, stop = match.span("v")
    else:  # said in parts: "i'm typing capital w i n t e r one nine nine two exclamation point"
        first = _NEXT_WORD.match(text, end)
        if first is None or not _part_word(first.group(1)):
            return None
        start, stop = first.start(1), _said_on(text, first.end())
        if len(text[start:stop].split()) < _TYPED_PARTS_MIN:
            return None
    if (
        _LOG_IN_CONTEXT.search(text, max(0, end - _TYPED_CONTEXT_CHARS), end) is None
        and _REFUSED_AFTER.match(text, stop, min(len(text), stop + _REFUSED_REACH)) is None
    ):
        return None
    reasons = ("what the customer types to log in", "a log-in or a password named before it")
    return Candidate(PASSWORD, start, stop, 0.8, reasons, text[start:stop])


#: The fewest words of a password said in parts after "i'm typing" (not "i'm typing it in").
_TYPED_PARTS_MIN = 4


def _part_word(word: str) -> bool:
    """A word of a password said in parts: a spelled letter, a digit, a number word, a case
    or a symbol's name."""
    # (or letters spelled one by one, which the normaliser writes as a word in capitals:
    # "c h e v e l l e" is "CHEVELLE")
    return (
        word.lower() in _PART_WORDS
        or len(word) == 1
        or word.isdigit()
        or (word.isupper() and word.isalpha())
    )


#: The next field of a query string or a form post: "&name=" (a camel-case name spelled out,
#: "&pin Code=", as `written_forms` gives it to the detectors).
_NEXT_FIELD = re.compile(r"&[A-Za-z][\w.\- ]{0,40}=")

#: The next word of a password said in parts, on the same line.
_NEXT_WORD = re.compile(
    r"[ \t]*,?[ \t]+([A-Za-z0-9][A-Za-z0-9']*|[!@#$%&*?~^+=_\-])(?=[\s,.!?]|\Z)"
)
#: The words of a password said in parts: its letters spelled (the normaliser writes them in
#: capitals: "t r o u b" is "TROUB"), digits and number words, the case of a letter, and the
#: names of symbols: "capital t r o u b four d o r", "hunter two", "k nine dollar sign".
_PART_WORDS = frozenset(
    """zero oh one two three four five six seven eight nine ten eleven twelve thirteen
    fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty
    seventy eighty ninety hundred double triple capital caps cap uppercase upper lowercase
    lower small big letter number symbol sign dollar at hash hashtag pound star asterisk
    exclamation point mark underscore dash hyphen dot period ampersand percent plus equals
    slash backslash question tilde caret space""".split()
)
#: Words that say a letter's case: the letter after them is one even if it is a word ("a").
_CASE_WORDS = frozenset("capital caps cap uppercase upper lowercase lower small big".split())
_CASE_ENDINGS = tuple(_CASE_WORDS)
#: A letter's case said after it ("maple with a capital m"), and a part said after "then" or
#: "and then" ("capital b, then l u e b i r d, three two and then dollar sign").
_WITH_CASE = re.compile(
    r"[ \t]+a[ \t]+(?:capital|big|small|lowercase|uppercase)[ \t]+[A-Za-z](?![A-Za-z'])",
    re.IGNORECASE,
)
_THEN = frozenset({"then", "and"})
#: Words that end what is said of a password ("hunter two and my pin is ...").
_SAID_ENDS = frozenset(
    """and then thanks thank please okay ok so is it's its that right correct for but i my
    the you yeah yes sure can could would will if or to on in with a an""".split()
)
_SIGN_NEXT = re.compile(r"[ \t]+sign\b", re.IGNORECASE)
#: How many more words a password said in parts may run to.
_MORE_WORDS = 24


_LINE_ENDS = re.compile(r"[ \t]*[.!]?[ \t]*(?:\r?\n|\Z)")


def _said_on(text: str, stop: int) -> int:
    """Where a password said in parts ends, reading on from `stop` on the same line: over
    its spelled letters, digits, number words and symbols' names, and plain words too when
    the rest of the line is the password ("blue monkey four two"): the end of the last part
    word, or `stop` when none follows."""
    end, pos, plain = stop, stop, 0
    cased = text[max(0, stop - 8) : stop].lower().rstrip().endswith(_CASE_ENDINGS)
    for _ in range(_MORE_WORDS):
        match = _NEXT_WORD.match(text, pos)
        if match is None:
            if plain and _LINE_ENDS.match(text, pos):
                end = pos  # plain words up to the line's end: "my password is blue teapot"
            break
        word = match.group(1)
        low = word.lower()
        sign = _SIGN_NEXT.match(text, match.end()) if low == "and" else None
        if sign is not None:
            pos = end = sign.end()  # "and sign": "&"
            continue
        if low == "with" and (case := _WITH_CASE.match(text, match.end())) is not None:
            pos = end = case.end()  # "maple with a capital m"
            continue
        if low in _THEN and _then_part(text, match.end()):
            pos = match.end()  # "... three two and then dollar sign"
            continue
        if low in _SAID_ENDS and not (len(low) == 1 and cased):
            break  # (but "capital a", "lowercase i": a letter)
        cased = low in _CASE_WORDS
        pos = match.end()
        if _part_word(word) or word.isupper():
            end = pos
        elif word.isalpha() and word.islower() and plain < 2:
            plain += 1  # a plain word counts only if a part word follows it
        else:
            break
    return end


def _then_part(text: str, pos: int) -> bool:
    """Whether a part word follows "then" or "and" at `pos` (a symbol's name, a case, a
    number: not a single letter, "and i want ...", nor a plain word, "and then my pin")."""
    after = _NEXT_WORD.match(text, pos)
    if after is None:
        return False
    if after.group(1).lower() in _THEN:
        after = _NEXT_WORD.match(text, after.end())
    if after is None:
        return False
    spelled = after.group(1).isupper() and len(after.group(1)) > 1
    word = after.group(1).lower()
    # (letters spelled, which the normaliser writes as a word in capitals: "then LUEBIRD")
    return spelled or word.isdigit() or (word in _PART_WORDS and word not in _SAID_ENDS)


_PASSWORD_INPUT = re.compile(r"\btype\s*=\s*[\"']?password\b", re.IGNORECASE)


def _input_value(text: str, tag: tuple[int, int]) -> Candidate | None:
    """The value of `<input type="password" value="...">`, the tag spanning `tag`."""
    start, end = tag
    if _PASSWORD_INPUT.search(text, start, end) is None:
        return None
    value = VALUE_ATTRIBUTE.search(text, start, end)
    if value is None:
        return None
    reasons = ("the value of a password input",)
    return Candidate(PASSWORD, *value.span(1), 0.85, reasons, value.group(1))


def _value_at(
    pattern: re.Pattern[str], text: str, pos: int, answer: bool = False
) -> re.Match[str] | None:
    """The value `pattern` reads at `pos`, unless its first word only talks about a password
    (`answer`: the line that answers a request for one, whose first word needs no "is")."""
    match = pattern.match(text, pos, min(len(text), pos + 120))
    if match is None:
        return None
    value = match.group("v")
    if _NEXT_KEY.match(value) or (value[0] == "&" and _NEXT_KEY.match(value, 1)):
        return None  # "password_hash=5f4d...", "grant_type=password&username=...": other fields
    if answer and value.split()[0].endswith(":"):
        return None  # a speaker's label: the answer's words are too short to be one
    first = value.split()[0].rstrip(".,!?;:")
    word = first.lower()
    lead = match.group("lead")
    # (an answer in a list of utterances, its string opened before the lead, is no quote:
    # '...next time?","No thanks."')
    listed = answer and not lead and text[match.start("v") - 2 : match.start("v")] == ',"'
    quoted = lead[-1:] in '"“' and len(value.split()) > 1 and not listed
    if quoted:
        return match  # a quoted phrase is the password: '"correct horse battery staple"'
    if not word or word in _NOT_VALUES or (word.isalpha() and len(word) < 4):
        return None
    plain = first.isalpha() and first.islower()
    if answer and plain and _said_on(text, match.end("v")) == match.end("v"):
        # (an answer's plain word is a password only said in parts: "make it capital f
        # falcon 8127 star", not "okay let me think")
        return match if _LINE_ENDS.match(text, match.end("v")) else None
    if not answer and not match.group("lead").strip() and plain:
        return None  # "password working?": a plain word right after the cue needs an "is"
    if match.group("to") is not None and first.isalpha():
        return None  # "my password to the portal", "password to Acme": after "to", a word
    return match
