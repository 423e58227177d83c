"""Access tokens and API keys an agent or a customer pastes into a chat, an e-mail or a note:
their issuers' published formats (a fixed prefix and an alphabet), found without context.

AWS access key IDs (AKIA.../ASIA...), GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_,
github_pat_), GitLab's (glpat-), Slack tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-), an SMTP
session's "AUTH PLAIN" credentials, a web session's cookie, Stripe secret and restricted
keys (sk_live_, sk_test_, rk_live_ ...) and webhook secrets (whsec_), Google API keys
(AIza...), JSON Web Tokens (three base64url parts, the first two opening on `eyJ`, or the
first a header's), keys prefixed "api_", the credential after "Bearer" (or "Basic", or
Okta's "SSWS"), and a PEM private key block; and a value of letters and digits after a key
that names a secret ("aws_secret_access_key = ...", "API_KEY=...", "token=...",
"GatewayApiKey=...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detection.spoken_words import NATO
from callshield.core.entities import ACCESS_TOKEN, EntityType

#: (name, the token's pattern (the value is group "v" or the whole match), its trigger)
#: (an underscore may reach the detectors as a blank or a dash: the engine reads snake-case
#: keys as words, "sk_test_..." as "sk test ...")
_U = r"[_ \-]"
#: The names of keys whose value is a secret (the last word of the key: "aws_secret_access_key",
#: "client_secret", "x-api-key", "reset token").
_KEY = (
    rf"\b(?:[a-z]+{_U})*(?:secret(?:{_U}access)?{_U}key|api{_U}?key|access{_U}?token"
    rf"|auth{_U}?token|refresh{_U}?token|client{_U}secret|secret|token|private{_U}key"
    rf"|app{_U}?key|signing{_U}key|write{_U}?key|hmac{_U}key)"
)
#: ... or a key in camel case that ends in one ("GatewayApiKey", "stripeWebhookSecret").
_CAMEL_KEY = (
    r"\b[A-Za-z][a-z0-9]*(?:[A-Z][a-z0-9]*)*(?:ApiKey|APIKey|SecretKey|AccessToken|AuthToken"
    r"|RefreshToken|ClientSecret|Secret|PrivateKey|WriteKey|SigningKey)"
    # (a wallet pass's "authenticationToken", a session's "sessionToken", "bearerToken")
    r"|\b(?:[A-Za-z][a-z0-9]*)?(?:[Aa]uthentication|[Ss]ession|[Bb]earer|[Aa]pi|[Ii]d)Token"
)
#: A key that names a secret, either way.
_SECRET_KEY = rf"(?:(?i:{_KEY})|{_CAMEL_KEY})"
_FORMATS: tuple[tuple[str, str, str], ...] = (
    ("aws access key id", r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b", r"\b(?:AKIA|ASIA)[0-9A-Z]"),
    (
        "github token",
        rf"\b(?:gh[pousr]{_U}[A-Za-z0-9]{{36,255}}"
        rf"|github{_U}pat{_U}[A-Za-z0-9]{{10,}}(?:{_U}[A-Za-z0-9]{{10,}})?)",
        rf"\bgh[pousr]{_U}[A-Za-z0-9]|\bgithub{_U}pat{_U}",
    ),
    ("slack token", r"\bxox[abposr]-[A-Za-z0-9\-]{10,250}", r"\bxox[abposr]-"),
    ("gitlab token", r"\bglpat-[A-Za-z0-9_\-]{20,64}", r"\bglpat-"),
    # an SMTP session's "AUTH PLAIN" line: the user name and the password, in base64
    (
        "smtp credentials",
        r"\bAUTH[ \t]+PLAIN[ \t]+(?P<v>[A-Za-z0-9+/]{12,}={0,2})",
        r"\bAUTH[ \t]PLAIN[ \t]",
    ),
    # a web session's cookie, which logs in whoever holds it: "Cookie: JSESSIONID=F764..."
    (
        "session cookie",
        r"\b(?:JSESSIONID|PHPSESSID|ASP\.NET_SessionId|connect\.sid)=(?P<v>[A-Za-z0-9%._\-]{16,256})",
        r"\b(?:JSESSIONID|PHPSESSID|ASP\.NET_SessionId|connect\.sid)=",
    ),
    (
        "stripe key",
        rf"\b[rs]k{_U}(?:live|test){_U}[A-Za-z0-9]{{16,250}}",
        rf"\b[rs]k{_U}(?:live|test){_U}",
    ),
    # (a webhook endpoint's signing secret: "whsec_q62TT8Xikyd6...")
    ("stripe webhook secret", rf"\bwhsec{_U}[A-Za-z0-9]{{24,250}}", rf"\bwhsec{_U}"),
    ("google api key", r"\bAIza[0-9A-Za-z_\-]{35}", r"\bAIza"),
    (
        "json web token",
        r"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{10,}"
        # (its header alone says it is one, '{"alg":', '{"typ":', '{"kid":', whatever its
        # payload: a token forged, truncated or encrypted)
        r"|\beyJ(?:hbGciOi|0eXAiOi|raWQiOi)[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{10,}"
        r"\.[A-Za-z0-9_\-]{10,}",
        r"\beyJ",
    ),
    (
        # a key with the prefix "api_" some vendors give theirs: "api_b61126488b844bcd79...",
        # letters and digits both, 24 or more
        "prefixed api key",
        rf"\bapi{_U}(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{{24,128}}\b",
        rf"\bapi{_U}[A-Za-z0-9]",
    ),
    (
        # (or an HTTP header's other schemes: Basic's user and password in base64, Okta's
        # "SSWS" API token)
        "bearer credential",
        r"\b(?:Bearer|Basic|SSWS)[ \t]+(?P<v>[A-Za-z0-9\-._~+/]{20,}=*)",
        r"\b(?:Bearer|Basic|SSWS)[ \t]",
    ),
    (
        # a secret named by its key in a config file, an env paste, a log or a URL:
        # "aws_secret_access_key = wJalr...", "API_KEY=VKJs...", "?token=834c...", "reset
        # token: 834c..." (a value of 16 characters or more, letters and digits: `_keyed`)
        # (or an XML element's text: "<ns2:AuthToken>wJalr...</ns2:AuthToken>")
        "keyed secret",
        rf"{_SECRET_KEY}"
        rf"(?:[\"']?[ \t]*(?:[:=]|=>)[ \t]*[\"']?|>(?=[A-Za-z0-9/+_\-.~]{{16,256}}=*<))"
        rf"(?P<v>[A-Za-z0-9/+_\-.~]{{16,256}}=*)",
        rf"{_SECRET_KEY}(?:[\"']?[ \t]?[:=]|>)",
    ),
    (
        # a key or a recovery code that a customer or an agent says they paste or share:
        # "cx pasted key WXX2-4C3C-79F9-P88T in chat", "here's the key 3v5b801zks69",
        # "recovery code NSSB-YB9H-CUPX", "la clave api es ak_srLV..." (letters and digits
        # both, eight characters or more: not a word)
        "secret with its cue",
        r"(?i:(?:pasted|sent|shared|here'?s|gave)[ \t]+(?:(?:the|my|a|an|his|her)[ \t]+)?"
        r"(?:api[ \t]+)?key|(?:recovery|backup|restore)[ \t]+code|api[ \t]+key|clave[ \t]+"
        r"(?:api|de[ \t]+api|de[ \t]+recuperaci[oó]n))(?:[ \t]+(?:is|es|was|of))?[ \t]*[:=]?[ \t]*"
        r"(?P<v>(?=[A-Za-z0-9_\-.]*\d)(?=[A-Za-z0-9_\-.]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9_\-.]{6,254}"
        r"[A-Za-z0-9])(?![\w\-])",
        r"(?i:\b(?:pasted|sent|shared|here'?s|gave)[ \t](?:[a-z]{1,3}[ \t])?(?:api[ \t])?key"
        r"|\b(?:recovery|backup|restore)[ \t]code|\bapi[ \t]key|\bclave[ \t](?:api|de))",
    ),
    (
        "private key",
        r"-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----[\s\S]{1,8000}?"
        r"-----END (?:[A-Z]+ )?PRIVATE KEY-----",
        r"-----BEGIN ",
    ),
)
_PATTERNS = tuple((name, re.compile(pattern)) for name, pattern, _ in _FORMATS)
#: How far back from a trigger's end a token can start, and how far after it it can end.
_BACK = 64
_AHEAD = 8100
#: The cue of a key or a code said aloud, a character at a time, after it or on the next line
#: ("which token is it\nCX: x o x b underscore c five p e seven d w h ...", "what key are you
#: using in the header"): a trigger of its own, whose value `_said_secret` reads (no format).
_SAID_TRIGGER = Trigger(
    r"(?i:\b(?:recovery|backup|restore)[ \t](?:key|code|phrase)|\btoken\b"
    r"|\b(?:test|api|secret|access|the|what|which)[ \t]key\b)",
    max_len=_BACK,
    caseless=False,
)


@dataclass(frozen=True, slots=True)
class AccessTokenDetector:
    """Tokens and keys by their issuers' formats: each format is a trigger of its own."""

    name: str = "access_token"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({ACCESS_TOKEN})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        formats = tuple(Trigger(t, max_len=_BACK, caseless=False) for _, _, t in _FORMATS)
        return (*formats, _SAID_TRIGGER)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[-1]:
            said = _said_secret(text, end)
            if said is not None:
                yield said
        for (kind, pattern), ends in zip(_PATTERNS, hits[:-1], strict=True):
            seen = -1
            for end in ends:
                lo = max(seen, end - _BACK, 0)
                match = pattern.search(text, lo, min(len(text), end + _AHEAD))
                how = f"{kind} format"
                if kind == "keyed secret" and (match is None or match.start() > end):
                    # (a shorter value in quotes: 'api_key: "v3fd-qse8"')
                    match, how = _QUOTED_KEYED.search(text, lo, end + 300), "quoted keyed secret"
                    if match is not None and not _quoted(match.group("v")):
                        continue
                elif kind == "keyed secret" and match is not None and not _keyed(match.group("v")):
                    continue
                if match is None or match.start() > end:
                    continue
                start, stop = match.span("v") if "v" in match.re.groupindex else match.span()
                seen = stop
                yield Candidate(ACCESS_TOKEN, start, stop, 0.95, (how,), text[start:stop])


#: A secret's key in a config file with its value in quotes, however short: 'token =
#: "6673 9838"', 'api_key: "v3fd-qse8"' (the key says what it is; `_quoted` drops settings).
_QUOTED_KEYED = re.compile(
    rf"{_SECRET_KEY}[\"']?[ \t]*(?:[:=]|=>)[ \t]*(?P<q>[\"'])"
    rf"(?P<v>[^\"'\s][^\"'\n]{{4,254}}[^\"'\s])"
    r"(?P=q)"
)
#: A quoted value that is a reference or a placeholder, no secret: "${API_KEY}", "<token>",
#: "{{ vault.token }}", "%TOKEN%", "/run/secrets/token", "****".
_NOT_A_SECRET = re.compile(r"[$<{%/*]|(?i:x{4}|changeme|redacted|example)")


def _quoted(value: str) -> bool:
    """Whether a quoted value of a secret's key reads as one: a digit in it, no placeholder,
    no sentence ("see the docs for 2 options")."""
    return (
        any(c.isdigit() for c in value)
        and _NOT_A_SECRET.match(value) is None
        and "xxxx" not in value.lower()
        and value.count(" ") <= 2
    )


def _keyed(value: str) -> bool:
    """Whether a keyed value reads as a secret: letters and digits mixed (not a word, a
    setting or a path: "token: refresh_token_expired", "secret=/etc/app/secret.yaml")."""
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    mixed = not value.islower() and not value.isupper()
    return (
        letters >= 2
        and digits + letters >= 16
        and not value.startswith("/")
        and (digits >= 2 or (mixed and (digits > 0 or len(value) >= 30)))
    )


#: One part of a secret said aloud, as the spoken-form normaliser writes it: a letter, letters
#: spelled ("XOXB", "QDQS-ETAF"), digits, a digit's word, a word of the radio alphabet, an
#: underscore's or a dash's name; commas, pauses and fillers between them.
_DIGIT_WORDS = frozenset(
    "zero oh one two three four five six seven eight nine niner won to too for ate tree"
    " fife".split()
)
#: (and a Stripe-style key's mode, said whole: "s k underscore test underscore r two t ...")
_PART_WORDS = sorted(
    _DIGIT_WORDS | NATO | {"x-ray", "underscore", "dash", "hyphen", "test", "live"}
)
_PART = re.compile(
    r"(?:[ \t]*[,.]{0,3}[ \t]+(?:(?:uh|um|uhm|er|hmm|okay)[,.]?[ \t]+)*"
    r"|(?<=[\s,]))"
    r"(?P<p>[A-Za-z](?![\w'])|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w'\-])|\d+(?![\w'])"
    rf"|(?i:{'|'.join(_PART_WORDS)})(?![\w'\-]))"
)
#: Where the answer to a cue starts on the cue's line: after "is", "it's", "says", a colon or a
#: comma; or on the next line, after a speaker's label.
_SAME_LINE_LEAD = re.compile(r"[^\n]{0,60}?(?:\b(?:is|it's|its|says|was)\b|[:,])")
_NEXT_LINE_LABEL = re.compile(r"[ \t]*(?:[^\n:>|]{0,40}[:>|])?")
#: The words an answer may open on before its parts: "okay", "sure it's", "let me see".
_OPENING_WORD = re.compile(r"[ \t]*[A-Za-z']+[,.]?")
_OPENING_WORDS = 4
#: A secret said in parts: three parts and eight characters at least, letters and digits both.
_SAID_PARTS = 3
_SAID_CHARS = 8


def _spelled(part: str) -> int:
    """How many letters a part says: a radio word ("juliet") or a name of a sign one, letters
    spelled ("XOXB") as many as they are."""
    if part.isupper() or len(part) == 1:
        return len(part.replace("-", ""))
    return 0 if part.lower() in ("underscore", "dash", "hyphen") else 1


def _said_secret(text: str, end: int) -> Candidate | None:
    """A key, a token or a recovery code said a character at a time after its cue (on the
    cue's line or the next): the run of its parts, three at least and eight characters,
    letters and digits both (no name spelled, no number said)."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    starts = []
    same = _SAME_LINE_LEAD.match(text, end, line_end)
    if same is not None:
        starts.append(same.end())
    if line_end < len(text) and line_end - end <= 120:
        label = _NEXT_LINE_LABEL.match(text, line_end + 1)
        starts.append(label.end() if label is not None else line_end + 1)
    for pos in starts:
        found = _parts_at(text, pos)
        if found is not None:
            return found
    return None


def _parts_at(text: str, pos: int) -> Candidate | None:
    """The secret said in parts from `pos` on, past a few opening words, or None."""
    parts: list[str] = []
    start = stop = -1
    for _ in range(_OPENING_WORDS):  # (the words before the first part)
        if _PART.match(text, pos) is not None:
            break
        word = _OPENING_WORD.match(text, pos)
        if word is None:
            return None
        pos = word.end()
    while (part := _PART.match(text, pos)) is not None:
        if start < 0:
            start = part.start("p")
        parts.append(part.group("p"))
        pos = stop = part.end()
    # (the characters said: a run of letters spelled is as many, a word of the radio
    # alphabet or a digit's word one)
    letters = sum(_spelled(p) for p in parts if p.isalpha() and p.lower() not in _DIGIT_WORDS)
    digits = sum(
        len(p) if p.isdigit() else 1 for p in parts if p.lower() in _DIGIT_WORDS or p.isdigit()
    )
    if len(parts) < _SAID_PARTS or letters < 3 or digits < 1 or letters + digits < _SAID_CHARS:
        return None
    reasons = ("a secret said in parts after its cue",)
    return Candidate(ACCESS_TOKEN, start, stop, 0.85, reasons, text[start:stop])
