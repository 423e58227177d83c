"""User names: "my username is jdoe77", "User ID: m.garcia", and the answer to "what's the
username on the account?" on the next line ("brianlindsey62").

A user name is the other half of a login (GDPR counts it as an online identifier), and it is
often the customer's own name ("louis.dasilva"). It has no shape of its own, so only the cue
finds it: the token right after the cue and "is", a colon or "=", or a token alone on the
first line of the answer to a question for it, past a chat export's speaker and time lines.
An e-mail address given as the user name is left to the e-mail detector.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.cued import cue_trigger
from callshield.core.entities import USERNAME, EntityType

CUES = (
    "username", "user name", "usernames", "user id", "userid", "user-id", "login id",
    "login name", "screen name", "online id", "online banking id",
)  # fmt: skip
#: One token: letters, digits, ".", "_", "-", with a letter in it; not an e-mail address.
_TOKEN = r"(?=[\w.\-]*[A-Za-z])[A-Za-z0-9][\w.\-]{1,38}[A-Za-z0-9](?![\w@.\-]|\.\w)"
#: The value right after the cue: "username is jdoe77", "User ID: m.garcia", "userid=tmurphy".
_DIRECT = re.compile(
    rf"[ \t]*(?:(?P<said>is|was|it's|its|would\s+be|:|=|-)[ \t]*)?[\"']?(?P<v>{_TOKEN})",
    re.IGNORECASE,
)
#: A user field's value, right after its key.
_FIELD_VALUE = re.compile(rf"(?P<v>{_TOKEN})")
#: The rest of a question for it: "username or email on the account?", "user name please?".
_QUESTION = re.compile(r"[^\n?]{0,60}\?[ \t]*\r?\n")
#: Lines between a question and its answer in a chat export: blank, a speaker alone on its
#: line ("Visitor"), a time alone ("9:24 AM").
_BETWEEN = re.compile(
    r"[ \t]*(?:(?:visitor|customer|guest|member|you|me|client|caller|user)[ \t]*"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp][Mm])?[ \t]*)?\r?\n",
    re.IGNORECASE,
)
#: The answer: its line holds the token alone, after a speaker's label perhaps ("Customer
#: (12:10:38): tmurphy", "[11:42:25 AM] Visitor: sarahmartinez31") and "it's".
_ANSWER = re.compile(
    # (a label the engine read as blanks leaves its colon: "<19 blanks>: tmurphy")
    r"[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?:(?:[A-Za-z][\w .'()\-:]{0,40})?:[ \t]+)?"
    r"(?:(?:it's|its|it\s+is|sure|yes|yeah|ok|okay|so)[,.]?[ \t]+)?"
    rf"(?P<v>{_TOKEN})[ \t]*[.!]?[ \t]*"
    # (a doubt after it: "akiraito i think, or maybe my email ...")
    r"(?:,?[ \t]+(?:i[ \t]+think|i[ \t]+believe|i'?m[ \t]+not[ \t]+sure|maybe|probably)\b[^\n]*)?"
    r"(?:\r?\n|\Z)",
    re.IGNORECASE,
)
#: A question for it that speech-to-text wrote without "?": the cue ends its line ("okay
#: what's your username"), after "your" or "the".
_ASKED_ALOUD = re.compile(r"[ \t.]*\r?\n")
_ASKING_BEFORE = re.compile(r"\b(?:your|the)[ \t]", re.IGNORECASE)
#: A spoken answer: the rest of its line, two to ten words, after "it's" or "i think it's"
#: ("felicia chandler", "k s a n c h e z two three", which the normaliser writes "KSANCHEZ
#: 23", "YOSUKE underscore SATO 74", "vincent dot royer 1985").
_SPOKEN_ANSWER = re.compile(
    r"[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?:(?:[A-Za-z][\w .'()\-:]{0,40})?:[ \t]+)?"
    r"(?:(?:(?:yeah|yes|so|um|uh|i[ \t]+think|i[ \t]+believe)[,]?[ \t]+)*"
    r"(?:it's|its|it[ \t]+is|it[ \t]+should[ \t]+be)[ \t]+)?"
    r"(?P<v>[\w.\-]+(?:[ \t]+[\w.\-]+){1,9})[ \t]*[.!]?[ \t]*(?:\r?\n|\Z)",
    re.IGNORECASE,
)
#: Words that no spoken user name holds: an answer that says something else ("i don't
#: remember it", "hold on let me check").
_NOT_IN_SPOKEN = frozenset(
    """i i'm don't dont not no know remember think forgot forget let check hold on sec
    second moment minute sorry can't cant what which why how where who it's its that's is
    was were be the a an my your it this that of to for in and or but have has had do did
    does same as usual just probably maybe""".split()
)
#: Words after the cue, or a line's only word, that are no user name.
_NOT_VALUES = frozenset(
    """and or but the a an to for of on in at with is was be it that this my your me you we
    what which please again reset forgot forget remember know change changed and/or field
    required invalid incorrect wrong correct same sorry hello thanks thank okay yes yeah sure
    none unknown dunno idk not doesn't isn't there here email e-mail address phone number
    account password login sign signin instead also too still has have had will would should
    could can may must needs need lookup recovery hint visitor customer guest member agent
    client caller user support""".split()
)
#: How many lines a question's answer may come after it (speaker and time lines between).
_MOST_LINES_BETWEEN = 4


@dataclass(frozen=True, slots=True)
class UsernameDetector:
    """The token after a user-name cue, or alone on the line that answers a question for it."""

    name: str = "username"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({USERNAME})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # (and a log's or a JSON record's "user" field: '"user": "mayte.farias"', "user=jdoe77")
        return (cue_trigger(CUES), Trigger(r"(?:\"user\"[ \t]*:[ \t]*\"|\buser=)", max_len=12))

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[0]:
            found = self._direct(text, end) or self._answer(text, end)
            if found is not None:
                yield found
        for end in hits[1]:
            field = _FIELD_VALUE.match(text, end)
            if field is not None and field.group("v").lower() not in _NOT_VALUES:
                start, stop = field.span("v")
                reasons = ("a record's user field",)
                yield Candidate(USERNAME, start, stop, 0.85, reasons, field.group("v").lower())

    def _direct(self, text: str, end: int) -> Candidate | None:
        match = _DIRECT.match(text, end, min(len(text), end + 60))
        if match is None:
            return None
        value = match.group("v")
        if value.lower() in _NOT_VALUES:
            return None
        if match.group("said") is None and value.isalpha():
            return None  # "username reminder": a plain word right after the cue needs an "is"
        start, stop = match.span("v")
        reasons = ("context 'username' before", "the token after the cue")
        return Candidate(USERNAME, start, stop, 0.85, reasons, value.lower())

    def _answer(self, text: str, end: int) -> Candidate | None:
        asked = _QUESTION.match(text, end)
        aloud = asked is None
        if asked is None:
            asked = _ASKED_ALOUD.match(text, end)
            before = text.rfind("\n", 0, end) + 1
            if asked is None or not _ASKING_BEFORE.search(text, max(before, end - 40), end):
                return None
        pos = asked.end()
        for _ in range(_MOST_LINES_BETWEEN):
            between = _BETWEEN.match(text, pos)
            if between is None:
                break
            pos = between.end()
        match = _ANSWER.match(text, pos, min(len(text), pos + 120))
        if match is None and aloud:
            return self._spoken(text, pos)
        if match is None or match.group("v").lower() in _NOT_VALUES:
            return None
        start, stop = match.span("v")
        reasons = ("context 'username' before", "answer to the question for it")
        return Candidate(USERNAME, start, stop, 0.8, reasons, match.group("v").lower())

    def _spoken(self, text: str, pos: int) -> Candidate | None:
        """The spoken answer on the line at `pos`, all its words, when none of them says
        something other than a name."""
        match = _SPOKEN_ANSWER.match(text, pos, min(len(text), pos + 160))
        if match is None:
            return None
        words = match.group("v").lower().split()
        if any(w in _NOT_IN_SPOKEN or w in _NOT_VALUES for w in words):
            return None
        start, stop = match.span("v")
        reasons = ("context 'username' before", "spoken answer to the question for it")
        return Candidate(USERNAME, start, stop, 0.8, reasons, " ".join(words))
