"""Names of people, fast: cue phrases + census name lexicons + capitalisation + propagation.

Works on lowercase, unpunctuated speech-to-text ("yeah my name is john smith"), chat and
e-mail signatures without a statistical model. Names that are common words ("will", "may")
are only taken after a strong cue or inside a capitalised full name.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from callshield.core.detection.base import (
    AT_SIGN,
    LETTER,
    NUMBER_RUN,
    ROLE_ABBREVIATION_LABEL,
    VALUE_ATTRIBUTE,
    WORD,
    Candidate,
    tag_at,
)
from callshield.core.detection.caseless import Caseless
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors import person_cues as cues
from callshield.core.detectors.address import HOUSE_NUMBER_TRIGGER
from callshield.core.detectors.cued import cue_trigger
from callshield.core.entities import PERSON, EntityType


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Lowercase first names, surnames and common words (which need context to be names)."""

    first: frozenset[str]
    last: frozenset[str]
    common: frozenset[str]
    #: every census surname, stop-listed words included ("May" in "Dan May")
    last_all: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"NameLexicon(first={len(self.first)}, last={len(self.last)})"


#: Names of fields that follow a name's field in a header row or a column list.
_FIELD_NAMES = frozenset(
    """ssn dob email phone mobile zip zipcode postcode address street city state country
    acct account routing iban pin cvv expiry password username userid id status""".split()
)


#: Words of `_FIELD_NAMES` that no person's name holds (a city's or a street's may be one).
_DATUM_WORDS = frozenset(
    "ssn dob email zip zipcode postcode iban cvv password username userid routing".split()
)


# Strong cues introduce a name whatever the word; weak cues need a lexicon name after them.


class PersonDetector:
    """PERSON from cue phrases, capitalised name pairs, and document-level propagation."""

    name = "person"

    def __init__(self, lexicon: NameLexicon) -> None:
        self.lexicon = lexicon

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PERSON})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (
            # no optional "." here: "Mr." would be reported twice; `_after_cue` skips the dot
            cue_trigger(cues.STRONG),
            # ("agent" has a trigger of its own, `_AGENT_NAMED`: a transcript's speaker label
            # "Agent:" on every other line names no one)
            cue_trigger(tuple(cue for cue in cues.WEAK if cue != "agent")),
            cue_trigger(cues.GREETINGS),
            Trigger(cues.CAPS_PAIR_TRIGGER, max_len=40, caseless=False),
            cue_trigger(cues.CLOSINGS),
            # a word followed by its spelling, which the normaliser writes in capitals
            # (or after a question: "could you spell your last name for me?\nSMITH", or a
            # speaker's label: "customer: NGUYEN"); the word may end in a letter that is not
            # ASCII ("Łyś, L Y S": the last byte of its UTF-8 form, \x80-\xbf)
            # (or a label's ">" or "-": "Speaker 2 > RIX", "<v Customer>ROA"; or the blanks a
            # numbered label is read as: "got it\n           RIX")
            Trigger(
                r"(?:[a-z\x80-\xbf:][,?]?\s|\n[ \t]+|[>\-][ \t]?)[A-Z]{3,}\b",
                max_len=40,
                caseless=False,
            ),
            # "reach Alice at alice@example.com", "ask for Dana at (415) 555-0132": the
            # e-mail and number triggers, shared with their detectors (no extra scan)
            AT_SIGN,
            NUMBER_RUN,
            # "Best," or the signature delimiter "-- " alone on a line, then a capital (the
            # other sign-offs, "Thanks,", "Cheers,", are greetings' cues already)
            Trigger(cues.SIGN_OFF_TRIGGER, max_len=40),
            Trigger(cues.NAME_AFTER_TRIGGER, max_len=30, word_end=True),
            Trigger(cues.NAME_FIELD_TRIGGER, max_len=16),
            # a quoted reply's header: "On Mar 10, 2025, Rajesh Patel wrote:", and in
            # Portuguese, Spanish, German, French, Italian and Dutch ("Op 01-09-2026 schreef
            # Jort van Wessex <...>:"; UTF-8's "ó" and "é" are two bytes each)
            Trigger(
                r"\s(?:wrote|escreveu|escribi\xc3\xb3|schrieb|a\s\xc3\xa9crit|ha\sscritto)\s?:"
                r"|\sschreef\s",
                max_len=14,
                caseless=False,
            ),
            Trigger(cues.CUSTOMER_LINE_TRIGGER, max_len=120, caseless=False),
            # a reservation's passenger as airline systems write one: "pax ARMENDÁRIZ/CRISTIAN"
            Trigger(
                r"(?i:pax|passenger|traveler|traveller)[ \t:]+[A-Z\xc3-\xc5][A-Z\x80-\xc5'\-]+/"
                r"[A-Z\xc3-\xc5]",
                max_len=60,
                caseless=False,
            ),
            # a form's label alone on its line, its value on the next: "Name\nTariq Volkov"
            Trigger(
                r"(?:^|\n)[ \t]*(?:(?:full|your|customer|contact|legal)[ \t])?name[ \t]*\r?\n",
                max_len=24,
            ),
            # an agent's opening, the name before what the agent offers to do: "... this is
            # will can i start with your name", "trailhead outdoor brooke speaking how may i
            # help", "you're speaking with yusuf what can i do for you"
            cue_trigger(cues.OPENING_OFFERS),
            # an agent who names the line, then themselves: "ledgerly exchange support deborah
            # here", "northgate trust support benjamin here" (the trigger is "here", a literal:
            # the line's words before it, the whole pattern, cost the database 3%)
            Trigger(r"[ \t]here", max_len=50, word_end=True),
            # a record's field of a person's name, keyed as exports, logs and forms key it:
            # "Agent: Kenneth", "<Agent>Kenneth</Agent>", "lastName=Powers", "surname:
            # 'Jackson'", "**Rep name:** Juan", "--- Comment by Paul (", "NOTE by Larry"
            Trigger(_PERSON_KEY_TRIGGER, max_len=48),
            # an agent checking a surname's spelling: "and is that newman like it sounds" /
            # "no it's n e w m a n" (which the normaliser writes NEWMAN)
            Trigger(r"\blike\sit\ssounds\b", max_len=16),
            # a call's opening that names the line, then the agent: "you're through to
            # pagecraft magazines emma here", "welcome to quarry street bank it's thomas"
            Trigger(_WELCOMED_TRIGGER, max_len=24, word_end=True),
            # a note's subject before what they did: "- brian campbell wants payoff quote"
            Trigger(_DID_TRIGGER, max_len=12, word_end=True),
            # a message that opens with its writer's first name: 'body="Madeline here, card
            # ending 9424 was declined"'
            Trigger(r"[A-Z][a-z]{1,20}[ \t]here[,.!]", max_len=30, caseless=False),
            # an agent's name after the line's, before the question that opens the call, in
            # speech-to-text's lower case: "aurora rewards visa, james here. how can i help"
            Trigger(_HERE_ASKS_TRIGGER, max_len=50),
            # a house number that opens a line: the name of a mailing address's block on the
            # line above ("MARK ANDERSON" over "5318 Hanna Stream")
            HOUSE_NUMBER_TRIGGER,
            # who someone is on the account, in brackets after their name, as notes and
            # records write it: "LAURA DOUGHERTY (SPOUSE)", "Lopez, Charlotte (authorized
            # user)", "Jane Vũ (DOB 04/10/1989)", "Stefani Buscetta (02/15/1966)"
            Trigger(_ROLE_AFTER_TRIGGER, max_len=40),
            # an agent named in a note: "Agent Carlos verified caller via ..." (the blank
            # after it: not a speaker's label, "Agent:")
            Trigger(_AGENT_NAMED, max_len=7),
            # a name before "'s last name": "Can you spell Ajani's last name?"
            Trigger(r"'s\s(?:last|first|middle|full|sur)\s?name", max_len=16, word_end=True),
            # the caller an agent addresses at a call's close, after a comma: "Is there
            # anything else I can help you with, Justin?", "have a great day, Urvi."
            Trigger(_CLOSING_TRIGGER, max_len=40),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        found: dict[tuple[int, int], Candidate] = {}

        def keep(cand: Candidate | None) -> None:  # the first reading of a span stays
            if cand is not None:
                # (a last initial after it, the line's end after that: "Agent: Stephen S.")
                if (initial := LAST_INITIAL.match(text, cand.end)) is not None:
                    cand = replace(cand, end=initial.end())
                found.setdefault((cand.start, cand.end), cand)

        for end in hits[0]:
            keep(self._after_cue(text, end, strong=True))
            keep(self._surname_before_first(text, end))
        for end in hits[1]:
            keep(self._after_cue(text, end, strong=False))
        for end in hits[2]:
            keep(self._after_greeting(text, end))
            keep(self._self_after_greeting(text, end))
            if text[end - 4 : end].lower() in _DAY_GREETING_ENDS:
                # "good evening brightwave mobile robert here": a call's opening as the
                # welcome's ("for calling") trigger reads one
                keep(self._welcomed(text, end))
        for end in hits[3]:
            keep(self._caps_pair(text, end))
            if text.startswith('"', _word_end(text, end)):
                # a quoted cell of an export, surname first: '"Gonzaga, Corrado"' (the pair's
                # trigger reads it: one of its own cost the multi-pattern stage 2.5%)
                keep(self._quoted_inverted(text, end))
            for cand in self._name_list(text, end):
                keep(cand)
        for end in hits[4]:
            keep(self._before_closing(text, end))
        for end in hits[5]:
            keep(self._spelled_with_first(text, end))
        for end in (*hits[6], *hits[7]):  # an e-mail address's "@", a number run
            keep(self._before_contact(text, end))
        for end in hits[6]:
            keep(self._named_by_address(text, end))
        for end in hits[8]:
            keep(self._signed(text, end - 1))  # the trigger ends after the name's capital
        for end in hits[9]:
            keep(self._named_after(text, end))
        for end in hits[10]:
            field = self._field(text, end)
            keep(field)
            # the next names of a header's list: "Cc: Anneliese Nguyen; Xiomara O'Neill"
            while field is not None and (more := _LIST_NEXT.match(text, field.end)) is not None:
                field = self._noted(text, more.end())
                keep(field)
        for end in hits[6]:  # an address's "@": in a header, the display name before it
            keep(self._header(text, end))
        for end in hits[11]:
            keep(_reply_header(text, end))
        for end in hits[12]:
            keep(self._customer_line(text, end))
        for end in hits[13]:
            keep(_passenger(text, end))
        for end in hits[14]:  # a form's "Name" alone on its line, the name on the next
            keep(self._noted(text, end))
        for end in hits[15]:
            keep(self._opening(text, end))
        for end in hits[16]:
            keep(self._agent_here(text, end))
        for end in hits[17]:
            keep(self._person_key(text, end))
        for end in hits[18]:
            for cand in self._like_it_sounds(text, end):
                keep(cand)
        for end in hits[19]:
            keep(self._welcomed(text, end))
        for end in hits[20]:
            keep(self._before_verb(text, end))
        for end in hits[21]:
            keep(self._here_at_start(text, end))
        for end in hits[22]:
            keep(self._here_asks(text, end))
        for end in hits[23]:
            keep(self._above_street(text, end))
        for end in hits[24]:
            keep(self._before_role(text, end))
        for end in hits[25]:
            keep(self._after_cue(text, end - 1, strong=False))  # (the blank after "agent")
        for index, read in ((26, self._before_possessive), (27, self._addressed_at_close)):
            for end in hits[index]:
                keep(read(text, end))
        kept = [
            _with_spelling(text, _with_whole_name(text, _to_word_end(text, c)))
            for c in _drop_nested(found.values())
            if not _CITY_STATE_ZIP.match(text, c.end)
        ]
        kept += [full for c in kept if (full := _full_name_below(text, c)) is not None]
        kept += _read_back_starts(text, kept)
        yield from kept
        for cand in self._propagate(text, kept):
            yield _with_whole_name(text, cand)

    def _after_greeting(self, text: str, end: int) -> Candidate | None:
        """A greeting addresses someone only when a name closes the phrase: "Hi Sarah,",
        "thanks john." (not "thank you for calling"). A title after it ("Dear Dr. Chen,")
        is its own cue for the name that follows, and no name itself."""
        if cues.FOREIGN_GREETING_RE.search(text, max(0, end - 16), end) is not None:
            return self._foreign_address(text, end)
        waited = _THANKED_FOR_WAITING.match(text, end)
        if waited is not None:
            return self._thanked(text, waited)
        title = _NEXT_WHOLE_WORD.match(text, end)
        if title is not None and title.group(1).lower() in _NO_ADDRESS:
            return None  # a title, or "thanks for calling", "thank you so much": no name next
        if title is not None and cues.AGENT_ASKS.match(text, title.end()) is not None:
            # an agent's own name between the greeting and the question, speech-to-text
            # writing no comma: "hi devon who am i speaking with", "hi priya can i get your
            # name"
            low = _fold(title.group(1).lower())
            if self._plain_word(low) and low not in cues.NOT_ADDRESSED:
                reasons = ("a name between a greeting and the agent's question",)
                return Candidate(PERSON, title.start(1), title.end(1), 0.8, reasons, low)
        if text[end - 5 : end].lower() in cues.SIGN_OFFS:
            sign_off = cues.SIGN_OFF_LINE.match(text, end)
            line_start = text.rfind("\n", 0, end) + 1
            if sign_off is not None and text[line_start:end].strip().lower() in cues.SIGN_OFF_WORDS:
                # "Thanks,\nNguyen Van Minh": a sign-off alone on its line, then a signature
                return self._signature(text, sign_off.end())
        tail = cues.GREETING_TAIL_ASCII if text.isascii() else cues.GREETING_TAIL
        if tail.match(text, end) is None:
            return self._addressed(text, end)  # "hi ana luisa ocasio,": three words
        listed = self._after_cue(text, end, strong=False)
        if listed is not None and (listed.end == len(text) or text[listed.end] in ",.!?\n"):
            return listed  # "Hi Sarah,": the address is closed, nothing more to read
        addressed = self._addressed(text, end)
        if listed is None or addressed is None:
            return listed or addressed
        return addressed if addressed.end > listed.end else listed  # "hi vincent brahmbhatt,"

    def _thanked(self, text: str, said: re.Match[str]) -> Candidate | None:
        """The caller an agent thanks for holding, by first name, at the end of the turn:
        "thank you for waiting brooke", "thanks for your patience danielle" (a census first
        name that is no common word: "thanks for holding mark" is left)."""
        name = said.group("n")
        low = _fold(name.lower())
        # (or a name no census list holds, capitalised as a name is: "Thanks for holding,
        # Priya with the billing team")
        capitalised = name[0].isupper() and name[1:].islower() and not text.isupper()
        if low in self.lexicon.common or not (low in self.lexicon.first or capitalised):
            return None
        reasons = ("context 'thank you for waiting' before", "the name a greeting addresses")
        return Candidate(PERSON, said.start("n"), said.end("n"), 0.8, reasons, low)

    def _addressed_at_close(self, text: str, end: int) -> Candidate | None:
        """The name a call's closing words address, after their comma and before the end of
        the sentence: "... help you with today, Matteo?", "you've been great, Holly.",
        "thanks for holding, grace, I have your information". One word or two, each a census
        first or last name (a common word too: "Grace", "Holly") or, in text with its
        capitals, capitalised as a name is."""
        match = _ADDRESSED_AT_CLOSE.match(text, end)
        if match is None:
            return None
        said = match.group("n").split()
        lows = [_fold(word.lower()) for word in said]
        if lows[0] in cues.NOT_ADDRESSED or lows[0] in _NO_ADDRESS:
            return None
        cased = not text.isupper() and not text.islower()
        for k, (word, low) in enumerate(zip(said, lows, strict=True)):
            listed = low in (self.lexicon.first if k == 0 else self.lexicon.last)
            titled = cased and word[:1].isupper() and word[1:].islower()
            if low in cues.FUNCTION_WORDS or low in cues.ORGANISATION_WORDS:
                return None
            if not (listed and (titled or not cased)) and not self._titled_word(word):
                return None
        reasons = ("a name the call's closing words address",)
        return Candidate(PERSON, match.start("n"), match.end("n"), 0.8, reasons, " ".join(lows))

    def _foreign_address(self, text: str, end: int) -> Candidate | None:
        """The name a greeting in Spanish, French, ... addresses: one to three capitalised
        words, then the punctuation that closes the address ("Hola Atilio,", "Estimado/a
        Raimundo:"). The English lexicons know none of those languages' words, so only
        capitalised words count, and none that addresses no one ("Hola Señora,")."""
        match = _FOREIGN_ADDRESSED.match(text, end)
        if match is None:
            return None
        said = match.group(1).split()
        words = [_fold(word.lower()) for word in said]
        if any(word.isupper() and len(word) > 1 for word in said) or any(
            word in cues.NOT_ADDRESSED_FOREIGN or word in cues.ORGANISATION_WORDS for word in words
        ):
            return None
        greeting = " ".join(text[max(0, end - 16) : end].lower().split()[-1:])
        reasons = (f"context '{greeting}' before", "the name a greeting addresses")
        return Candidate(PERSON, match.start(1), match.end(1), 0.8, reasons, " ".join(words))

    def _addressed(self, text: str, end: int) -> Candidate | None:
        """The name a greeting addresses when no census list holds it: "Hi Priya,", "thanks
        kwame, have a great day", "Good morning Anjali," (one to four words, then the
        punctuation that closes the address). Words that address no one by name ("Hi Team,",
        "hi there,", "thanks again,", "hey guys!") are left alone."""
        match = _ADDRESSED.match(text, end)
        if match is None:
            return None
        said = match.group(1).split()
        if any(len(word) > 1 and word.isupper() for word in said):
            return None  # "HEY HO!": shouting needs a strong cue
        words = [_fold(word.lower()) for word in said]
        for word in words:
            if not self._unlisted_word(word) or word in cues.NOT_ADDRESSED:
                return None
            if word in cues.ORGANISATION_WORDS:
                return None  # "Good evening, Wellway Bank, Kayla here": the line's name
            if word in cues.NAME_ENDS or _CONTRACTION.search(word):
                return None  # "hi, i'm mary", "thanks, that's all", "hey, we're closed"
        cue = cues.WEAK_RE.search(text, max(0, end - 40), end)
        greeting = " ".join(cue.group().lower().split()) if cue is not None else "greeting"
        reasons = (f"context '{greeting}' before", "the name a greeting addresses")
        return Candidate(PERSON, match.start(1), match.end(1), 0.8, reasons, " ".join(words))

    def _self_after_greeting(self, text: str, end: int) -> Candidate | None:
        """A caller's own name after greeting the agent by name: "hi maria, yeah it's tamara
        little" ("it's" alone is no cue: "it's fine", "it's about my bill"); a census first
        name, then the words of a name up to where it ends."""
        said = _GREETED_THEN_SAID.match(text, end)
        if said is None:
            return None
        s = said.end()
        first = _NAME_WORD.match(text, s)
        if first is None:
            return None
        low = _fold(first.group().lower())
        if low not in self.lexicon.first or low in self.lexicon.common:
            return None
        tokens = list(_tokens(text, s, 4))
        e = self._extend(text, tokens, tokens[0][2], first.group()[:1].isupper())
        reasons = ("a name said after greeting the agent", "name lexicon")
        return Candidate(PERSON, s, e, 0.8, reasons, _norm(text[s:e]))

    def _after_cue(self, text: str, end: int, strong: bool) -> Candidate | None:
        if text[end - 1 : end] in (" ", "\t") and not text[end - 2 : end - 1].isascii():
            end -= 1  # (a cue ending in a letter not ASCII ends its trigger on the blank after)
        found = self._after_cue_read(text, end, strong)
        if found is None or not strong or "a name after a title" in found.reasons:
            return found
        title = cues.TITLE_BEFORE.search(text, max(0, found.start - 16), found.start)
        if title is None:
            return found
        # after a doctor's title, a surname: not a common word after "the doctor" ("the
        # doctor will see you", "my dr said"); and after any title, no word that is no surname
        # in lower case ("doctor clark correct": "dr maria lopez", "Dr. Leilani Oyelaran" stay)
        words = text[found.start : found.end].split()
        lex = self.lexicon
        if title.group("det") and _fold(words[0].lower()) in lex.common:
            return None
        second = _fold(words[-1].lower()) if len(words) == 2 else ""
        if (
            second
            and words[-1].islower()
            and (second in lex.common or (second not in lex.last and second not in lex.first))
        ):
            stop = found.start + len(words[0])
            return replace(found, end=stop, value=_norm(text[found.start : stop]))
        return found

    def _after_cue_read(self, text: str, end: int, strong: bool) -> Candidate | None:
        cue_re = cues.STRONG_RE if strong else cues.WEAK_RE
        cue = cue_re.search(text, max(0, end - 40), end)
        if cue is None:
            return None
        cue_text = " ".join(cue.group().lower().split())
        if cue_text in _FIRST_NAME_CUES and (both := self._first_and_last(text, end)):
            return both
        # the answer comes next ("spell your last name?": the cue read is "last name")
        question = (
            "your" in cue_text
            or cue_text in cues.QUESTIONS
            or text[max(0, cue.start() - 5) : cue.start()].lower() == "your "
        )
        # (a record's name asked for too, "can i have the name on the account please", "and
        # the patient's name": the answer is the next line, as for a question)
        # (one's own name stated is no question for it, whatever the sentence asks after it:
        # "my name is Caitlin, agent number 6325, how may I assist you?")
        stated = cue_text.startswith(("my ", "mi ", "me llamo", "mera "))
        if cue_text in cues.HOLDER_CUES and _ENDS_ITS_LINE.match(text, end) is not None:
            # ("I'll note that Gianpaolo Donatoni is the cardholder.\nAgent: Can you ...": the
            # holder named before, the sentence and the line ended; not "And the last name.",
            # a question for the answer on the next line)
            return None
        start = (
            self._answer_at(text, end, cue.start())
            if (question or "name" in cue_text) and not stated
            else end
        )
        # the first two words (after fillers) decide; the others of the seven words read
        # are fetched only for a name
        reader = _tokens(text, start, 7)
        tokens = _first_two(text, reader, cue_text in _SIGN_OFFS)
        if not tokens or _CODE_AFTER.match(text, tokens[0][2]) is not None:
            return None  # (nor 'json.turns[4] = {};' after "... last name, please?": code)
        first, s, e = tokens[0]
        if (whole := self._surname_then_whole(text, s, cue_text)) is not None:
            return whole
        honorific = cue_text.rstrip(".") in cues.HONORIFICS
        if honorific and cue.group().isupper() and first.islower():
            return None  # "LUGO/CLARA MRS seat 14C": a reservation's title after the name
        if honorific and (
            _UNIT_MS.search(text, max(0, cue.start() - 2), cue.end())
            or text[cue.end() : cue.end() + 2].lstrip(".")[:1] == ","
        ):
            # "duration: 684.90 ms  execute <unnamed>": milliseconds, no title; nor is a title
            # set off by a comma: "(call_id, role, ts_ms, body)", a column's last part, which
            # the snake-case key's reading writes "ts ms, body"
            return None
        if cue_text.rstrip(".") == "dr" and _STREET_BEFORE.search(
            text, max(0, cue.start() - 60), cue.start()
        ):
            return None  # "591 Memorial Dr, Chicopee": a street, not a doctor
        after = tokens[1][0].lower().rstrip(".") if len(tokens) > 1 else ""
        # "berry, b e r r y": the normaliser writes spelled-out words in capitals ("BERRY")
        spelled = len(tokens) > 1 and tokens[1][0].isupper() and after == first.lower()
        vocative = (
            (e < len(text) and text[e] in ",.!?")
            or (
                after in ("with", "on", "at")
                and _with_company(text, cue_text, cue.start(), first, e)
            )
            or after in cues.SELF_INTRO
            or (after in self.lexicon.last and after not in self.lexicon.common)
            or (after == "and" and _WILL_HELP.match(text, e) is not None)
        )
        if question and first.lower() == "or":
            # "your full name or account ID?" ... the answer is the next line
            return self._answer_on_next_line(text, e, cue_text)
        # "this is kowalski speaking": the speaker's name, in the same sentence as the cue
        # "I'm Crystal and I'll be helping you today": an agent who says what they will do
        # next introduces a name and closes it as a comma does (even a word: April, Crystal)
        introduced = (after in cues.SELF_INTRO and not _BREAK.search(text, end, s)) or (
            after in ("and", "with", "on") and vocative
        )
        # "Hi, I'm Rozalia Piaścik and ...": two capitalised words that no list holds, side by
        # side after a self-introduction, are a full name as much as "I'm Priya from billing"
        introduced = introduced or (
            len(tokens) > 1
            and first[:1].isupper()
            and tokens[1][0][:1].isupper()
            and self._titled_word(first)
            and self._titled_word(tokens[1][0])
            and text[e : tokens[1][1]].isspace()
        )
        if question and not spelled and not self._listed_answer(first, cue_text):
            # "can I have your name please" ... "can": answers must be names, or a name that
            # no census list holds, alone on the line after the question ("priya")
            return self._answer_alone(text, end, s, cue_text)
        # "yeah my name is priya sharma": after a name cue that states the name, words that
        # no census list holds, up to where the name plainly ends
        states = (
            strong
            and not spelled
            and (
                "name" in cue_text
                or question
                or cue_text in cues.HOLDER_CUES
                or cue_text in cues.SPANISH_STATES
            )
        )
        if not spelled and not self._opens_name(first, strong, honorific, vocative, introduced):
            if states:
                return self._stated(text, s, cue_text, "a name where a name is stated")
            if honorific:
                return self._after_title(text, first, s, e, cue_text)
            return self._unlisted_after_cue(text, cue, end, first, s)
        tokens.extend(reader)
        if spelled:
            e = tokens[1][2]
        e = self._extend(text, tokens, e, first[:1].isupper())
        if honorific:
            e = self._particle_surname(text, first, s, e)
        if strong and e == s + len(first.rstrip(".")) and len(tokens) > 1:
            # "may I have your name?\ncustomer: crystal minh": a two-word answer on its own line
            word, _ws, we = tokens[1]
            answer = _ALONE.match(text, s)
            alone = not _NAME_BREAK.search(text, e, _ws) and (
                cues.LINE_REST.match(text, we) or (answer is not None and answer.end(1) == we)
            )
            if alone and word.isalpha() and word.lower() not in self.lexicon.common:
                e = we
        if e < len(text) and text[e] in " \t":
            e = self._rest_of_name(text, cue, end, s, e, states)
        e = _before_particle(text, s, _served_by_end(text, cue_text, s, e))
        reason = f"context '{cue_text}' before"
        score = 0.85 if question else 0.9 if strong else 0.8
        return Candidate(PERSON, s, e, score, (reason, "name lexicon"), _norm(text[s:e]))

    def _quoted_inverted(self, text: str, end: int) -> Candidate | None:
        """A quoted cell that holds a name surname first, as exports write it ('"Rodriguez,
        Andrew"', '"Camarillo, Angélica"'): the whole cell, when the census lists hold its
        first name or its surname, and neither is a common word."""
        quote = text.rfind('"', max(0, end - 48), end)
        match = _QUOTED_INVERTED.match(text, quote) if quote >= 0 else None
        if match is None:
            return None
        last = _fold(match.group("last").split()[-1].lower())
        first = _fold(match.group("first").split()[0].lower())
        lex = self.lexicon
        if last in lex.common or first in lex.common or first in _PLACES:
            return None  # ('"Paris, France"', '"Austin, Texas"': a city and its country)
        if first not in lex.first and last not in lex.last_all:
            return None
        reasons = ("a quoted cell: a surname, a comma and a first name",)
        start, stop = match.span(1)
        return Candidate(PERSON, start, stop, 0.8, reasons, _norm(text[start:stop]))

    def _opening(self, text: str, end: int) -> Candidate | None:
        """The agent's own first name in a call's opening, right before the offer that ends
        it ("... this is faith how can i help you", "brooke speaking how may i help"): after
        "this is" or "speaking with", or before "speaking", a word that may be a name (a
        census first name, "will", "hope", "grant", or a word no list holds that is no
        common word), not a department ("billing speaking")."""
        offer = cues.OPENING_OFFER_RE.search(text, max(0, end - 40), end)
        if offer is None:
            return None
        line_start = text.rfind("\n", 0, offer.start()) + 1
        said = _OPENING_NAME.search(text, max(line_start, offer.start() - 60), offer.start())
        if said is None:
            return None
        word = said.group("name")
        low = _fold(word.lower())
        speaking = said.group("speaking") is not None or offer.group().lower().startswith("speak")
        if said.group("cue") is None and not speaking:
            return None  # "... how can i help": a word before it is no name without a cue
        if low in cues.NOT_ADDRESSED or low in cues.ORGANISATION_WORDS:
            return None
        lex = self.lexicon
        if not (low in lex.first or (self._plain_word(low) and (said.group("cue") or speaking))):
            return None
        cue = said.group("cue") or "speaking"
        reasons = (f"context '{' '.join(cue.lower().split())}' before", "an agent's opening")
        return Candidate(PERSON, said.start("name"), said.end("name"), 0.85, reasons, low)

    def _here_at_start(self, text: str, end: int) -> Candidate | None:
        """The writer's first name opening a message before "here" ("Madeline here, card
        ending 9424 ...", a text's body after its quote or a chat line's label): a census
        first name that is no common word."""
        said = _HERE_AT_START.search(text, max(0, end - 30), end)
        if said is None:
            return None
        low = _fold(said.group("name").lower())
        if low not in self.lexicon.first or low in self.lexicon.common:
            return None
        reasons = ("context 'here' after, where a message opens", "a writer's own name")
        return Candidate(PERSON, said.start("name"), said.end("name"), 0.8, reasons, low)

    def _above_street(self, text: str, end: int) -> Candidate | None:
        """The name that heads a mailing address's block: the first field of the line above a
        line that opens with a house number ("MARK ANDERSON     Statement period: ..." over
        "5318 Hanna Stream"), two or three words in capitals or capitalised, a census first
        name and a census surname, no company's word."""
        line = text.rfind("\n", 0, end) + 1
        if line < 2 or _HOUSE_OPENS.match(text, line, end) is None:
            return None
        above = text.rfind("\n", 0, line - 1) + 1
        field = _NAME_FIELD_ABOVE.match(text, above, line - 1)
        if field is None:
            return None
        words = field.group(1).split()
        if not (all(w.isupper() for w in words) or all(self._titled_word(w) for w in words)):
            return None
        lows = [_fold(w.lower()) for w in words]
        lex = self.lexicon
        if lows[0] not in lex.first or lows[-1] not in lex.last:
            return None
        if any(w in cues.ORGANISATION_WORDS or w in cues.NOT_ADDRESSED for w in lows):
            return None
        reasons = ("a name above a street address", "name lexicon")
        return Candidate(PERSON, field.start(1), field.end(1), 0.8, reasons, " ".join(lows))

    def _before_role(self, text: str, end: int) -> Candidate | None:
        """The name before a bracket that says who the person is on the account ("(spouse)",
        "(account holder)", "(policyholder)"), their age or birth date ("(DOB 04/10/1989)",
        "(age 79)", "(02/15/1966)") or their account ("(acct 554617586756)"): the words right
        before it, in one case (capitalised or in capitals), surname first or not ("Lopez,
        Charlotte"), none a common word unless a census name, none a company's, one of them a
        census name. Two words at least; one, a census first name that is no common word, only
        before a role."""
        paren = text.rfind("(", max(0, end - 40), end)
        if paren < 0:
            return None
        start = max(text.rfind(c, max(0, paren - 80), paren) for c in _ROLE_FIELD_BREAKS) + 1
        words = list(_ROLE_WORD.finditer(text, start, paren))
        if not words or text[words[-1].end() : paren].strip(" \t") != "":
            return None
        lex = self.lexicon
        kept: list[tuple[re.Match[str], str]] = []  # (a word, its folded lower case)
        cased: bool | None = None  # whether the name's words are in capitals
        for word in reversed(words):
            if kept and text[word.end() : kept[-1][0].start()].strip(" \t,") != "":
                break  # (no digits, no other signs between a name's words)
            said = word.group()
            low = _fold(said.lower().rstrip("."))
            if low in cues.NAME_PARTICLES and kept:
                kept.append((word, low))
                continue
            if not said[0].isupper() or low in cues.ORGANISATION_WORDS or low in _ROLE_LABELS:
                break
            if len(low) > 1:
                if not self._unlisted_word(low):
                    break
                if cased is not None and said.isupper() != cased:
                    break  # (one case: "VIP Maria Lopez (spouse)")
                cased = said.isupper()
            kept.append((word, low))
        while kept and kept[-1][1] in cues.NAME_PARTICLES:
            kept.pop()
        kept.reverse()
        lows = [low for _, low in kept if len(low) > 1]
        if not lows or len(kept) > 5 or text[kept[0][0].start() : paren].count(",") > 1:
            return None
        given = lows[-1] if "," in text[kept[0][0].start() : paren] else lows[0]
        if all(low in lex.common for low in lows) and given not in lex.first:
            return None  # "Primary Contact (spouse)": words, no census first name among them
        if not any(low in lex.first or low in lex.last_all for low in lows):
            return None  # "Release Notes (03/04/2023)": no census name among the words
        role = _ROLE_AFTER.match(text, paren) is not None
        if len(lows) == 1 and not (role and lows[0] in lex.first and lows[0] not in lex.common):
            return None
        said = "who they are" if role else "their details"
        reasons = ("capitalised name", f"context '{said}' in brackets after")
        first, last = kept[0][0].start(), kept[-1][0].end()
        return Candidate(PERSON, first, last, 0.8, reasons, _norm(text[first:last]))

    def _here_asks(self, text: str, end: int) -> Candidate | None:
        """The agent's name after the line's name and a comma, before "here" and the call's
        first question ("department of motor vehicles, jose here. how can i help"): a word
        that is no common one."""
        said = _HERE_ASKS.search(text, max(0, end - 50), end)
        if said is None:
            return None
        low = _fold(said.group("name").lower())
        # (a census first name that is a word too is the agent's here: "saint anselm medical
        # group mark here how can I help")
        listed = low in self.lexicon.first and low not in cues.NOT_ADDRESSED
        if not (listed or self._plain_word(low)) or low in cues.ORGANISATION_WORDS:
            return None
        if said.group("comma") is None and low not in self.lexicon.first:
            return None  # ("aurora rewards visa rodney here how can i help": no comma, a
            # census first name only)
        reasons = ("context 'here' after, the call's first question next", "an agent's opening")
        return Candidate(PERSON, said.start("name"), said.end("name"), 0.85, reasons, low)

    def _agent_here(self, text: str, end: int) -> Candidate | None:
        """The agent's first name between the line they answer and "here" ("... support
        deborah here"): a census first name, no common word, no department."""
        said = _AGENT_HERE.search(text, max(0, end - 50), end)
        if said is None:
            return None
        low = _fold(said.group("name").lower())
        # (a first name that is a word too, right after the line's word, is the agent's:
        # "brightcart support amber here")
        if low not in self.lexicon.first:
            return None
        if low in cues.ORGANISATION_WORDS or low in cues.NOT_ADDRESSED:
            return None
        reasons = ("context 'here' after, a line's name before", "an agent's opening")
        return Candidate(PERSON, said.start("name"), said.end("name"), 0.85, reasons, low)

    def _welcomed(self, text: str, end: int) -> Candidate | None:
        """The agent's first name after a call's opening names the line: "... through to
        pagecraft magazines emma here", "welcome to pinecrest health billing it's ronald",
        "WELCOME TO VANTAGE TELECOM LINDA HERE". Before "here" or "speaking", a census first
        name that is no common word; after "it's" or "this is", at the end of the turn or the
        sentence, also a word no list holds that is no common word."""
        said = _WELCOMED_NAME.match(text, end, min(len(text), end + 90))
        if said is None:
            return None
        group = next(g for g in ("stated", "here", "reached") if said.group(g) is not None)
        word = said.group(group)
        low = _fold(word.lower())
        lex = self.lexicon
        if low in cues.ORGANISATION_WORDS or low in cues.NOT_ADDRESSED:
            return None
        if group != "stated":
            if low not in lex.first or low in lex.common:
                return None
            cue = group
        else:
            # (a word no list holds only where the turn or the sentence ends: "thanks for
            # calling acme it's raining here" names no one)
            ends = text[said.end(group) : said.end(group) + 2].lstrip(" \t")[:1] in _TURN_ENDS
            if not (low in lex.first or (ends and self._plain_word(low))):
                return None
            cue = " ".join(said.group("cue").lower().split())
        reasons = (f"context '{cue}' after a call's opening", "an agent's opening")
        start, stop = said.span(group)
        return Candidate(PERSON, start, stop, 0.85, reasons, low)

    def _person_key(self, text: str, end: int) -> Candidate | None:
        """The value of a record's field that holds a person's name (`_PERSON_KEY_TRIGGER`):
        one to three words, each a census name (a surname field's may be any capitalised word
        that is no common word), or capitalised words no list holds after a name key."""
        match = _PERSON_VALUE.match(text, end, min(len(text), end + 80))
        if match is None:
            return None
        words = match.group("v").replace(",", " ").split()
        if len(words[0]) == 2 and words[0].endswith("."):
            words = words[1:]  # (an initial: the surname after it says whether it is a name)
        lows = [_fold(w.lower()) for w in words]
        lex = self.lexicon
        if any(w in cues.NOT_A_NAME_ANSWER or w in cues.ORGANISATION_WORDS for w in lows):
            return None
        if lows[0] in _HESITATIONS:
            return None  # "Customer: Um, Cedar Ridge.": a turn that opens on a hesitation
        # (the key the trigger matched, not the text before it: "Last: Ng | First: " is no
        # surname field for the first name)
        found = _PERSON_KEY_AT.search(text, max(0, end - 48), end)
        key = found.group().lower() if found is not None else ""
        # (a field that can hold nothing but a name, a surname's or a given name's, may hold
        # one no census list has: "surname: Oyelaran", "first_name=Xiomara")
        name_only = any(part in key for part in _NAME_ONLY_KEYS)
        listed = all((w in lex.first or w in lex.last) and w not in lex.common for w in lows) or (
            name_only and len(words) == 1 and self._name_only_value(words[0], lows[0])
        )
        titled = len(words) > 1 and all(self._titled_word(w) for w in words)
        if not (listed or titled):
            return None
        start, stop = match.span("v")
        reasons = (
            "a record's field of a person's name",
            "name lexicon" if listed else "capitalised",
        )
        return Candidate(PERSON, start, stop, 0.8, reasons, " ".join(lows))

    def _surname_before_first(self, text: str, end: int) -> Candidate | None:
        """The surname said before "first name" ("my account, uh, Clarke, first name
        Steven"): capitalised, or a census surname in a lowercase transcript."""
        said = _SURNAME_THEN_FIRST.search(text, max(0, end - 48), end)
        if said is None:
            return None
        name = said.group("s")
        low = name.lower()
        if low in cues.FUNCTION_WORDS or low in _ANSWER_WORDS:
            return None
        if not name[0].isupper() and _fold(low) not in self.lexicon.last:
            return None
        start, stop = said.span("s")
        reasons = ("context 'first name' after", "a surname said before the first name")
        return Candidate(PERSON, start, stop, 0.85, reasons, low)

    def _like_it_sounds(self, text: str, end: int) -> list[Candidate]:
        """The name an agent checks the spelling of ("and is that grant like it sounds"), and
        the spelling given back on the next turn ("well no it's golf romeo alpha november
        tango", which the normaliser writes GRANT): a surname, whatever word it is."""
        out = []
        said = _IS_THAT_LIKE.search(text, max(0, end - 60), end) or _ANSWERED_LIKE.search(
            text, max(0, end - 60), end
        )
        if (
            said is not None
            and said.group("n").lower() not in cues.FUNCTION_WORDS
            and said.group("n").lower() not in _ANSWER_WORDS
        ):
            start, stop = said.span("n")
            why = ("context 'like it sounds' after", "a name whose spelling is checked")
            out.append(Candidate(PERSON, start, stop, 0.85, why, said.group("n").lower()))
        spelled = _SPELLED_BACK.match(text, end, min(len(text), end + 90))
        if spelled is not None:
            start, stop = spelled.span("s")
            reasons = ("a name spelled after 'like it sounds'",)
            out.append(Candidate(PERSON, start, stop, 0.85, reasons, spelled.group("s").lower()))
        return out

    def _before_verb(self, text: str, end: int) -> Candidate | None:
        """A first name and a surname, by the census lists and neither a common word, before
        what the person did, as agents' notes write it in lower case: "- brian campbell wants
        payoff quote", "caller maria lopez says card was stolen"."""
        verb = text.rfind(" ", max(0, end - 12), end)
        initial = _INITIAL_BEFORE.search(text, max(0, verb - 32), verb + 1)
        if initial is not None:
            # (an initial and a surname, as audit trails write who did it: "C. Brooks changed")
            low = _fold(initial.group(2).lower())
            if low not in self.lexicon.last or low in self.lexicon.common:
                return None
            start, stop = initial.start(1), initial.end(2)
            reasons = ("an initial and a surname by the census lists", "before what they did")
            return Candidate(PERSON, start, stop, 0.8, reasons, _norm(text[start:stop]))
        match = _PAIR_BEFORE.search(text, max(0, verb - 48), verb + 1)
        said = text[verb + 1 : end].lower()
        # (set off by commas before a greeting, the surname may be a common word too: "yes,
        # kevin banks, hi.")
        set_off = said == "hi" and _SET_OFF_PAIR.search(text, max(0, verb - 48), verb + 1)
        if match is None or not self._listed_name(
            [match.group(1), match.group(2)], common=bool(set_off)
        ):
            return None
        reasons = ("first and last name by the census lists", f"before '{said}'")
        start, stop = match.start(1), match.end(2)
        return Candidate(PERSON, start, stop, 0.8, reasons, _norm(text[start:stop]))

    def _first_and_last(self, text: str, end: int) -> Candidate | None:
        """ "first name is haruka last name yamamoto": both names, and the words between them
        (one value, said in two parts), whether or not a census list holds them."""
        match = _FIRST_THEN_LAST.match(text, end)
        if match is None:
            return None
        last = match.group(3).split()[-1]
        words = [_fold(w.lower()) for w in (match.group(1), match.group(2), last) if w]
        if not all(self._unlisted_word(w) for w in words):
            return None
        reasons = ("context 'first name' before", "first and last name stated")
        return Candidate(PERSON, match.start(1), match.end(3), 0.85, reasons, " ".join(words))

    def _field(self, text: str, end: int) -> Candidate | None:
        """The value of a name field in a form, a record or a query string: "Name: Oluwaseun
        Adeyemi", "Customer Name - Rajesh Kumar", `{"name": "Wojciech Kowalczyk"}`,
        "name=Priya+Raman". Not a company's, a file's or a product's name field, and not a
        value that is no name ("Name: unknown", "name: n/a")."""
        if _HOLDER_ATTRIBUTE.search(text, max(0, end - 20), end):
            if text[end : end + 1] not in ('"', "'"):
                return None  # (a flag, "holder=true", no name)
        elif "<" in text and (tag := tag_at(text, end)) is not None:
            return self._input_value(text, tag)  # <input name="fullName" value="...">
        if text[end - 1] == ":" and cues.PEOPLE_LABELS.search(text, max(0, end - 24), end):
            return self._noted(text, end)
        if text[end - 1] == ":" and _ADDRESSEE_LABEL.search(text, max(0, end - 16), end):
            # "Ship to:\nAmara Fonseca\n4831 Cedar Ridge Pkwy": a label's name on the next line
            blank = _BLANK_REST.match(text, end)
            if blank is not None:
                return self._noted(text, blank.end())
        label = cues.NAME_FIELD_LABEL.search(text, max(0, end - 30), end)
        if label is not None and label.group(1).lower() in cues.NOT_PERSON_FIELDS:
            return None
        if text[end - 1] == "=" and _PART_NAME.search(text, max(0, end - 24), end):
            return None  # 'form-data; name="scan"': a multipart form's part, no person's name
        if text[end - 1] == "=" and _QUERY_FIELD.search(text, max(0, end - 30), end):
            # "?pan=...&name=Lars+O'Neill HTTP/1.1": a query's value ends at a blank
            query = _QUERY_VALUE.match(text, end)
            return None if query is None else self._named_value(query, "a name field")
        inverted = cues.FIELD_VALUE_INVERTED.match(text, end)
        if inverted is not None:  # "Customer name: O'Brien, Siobhan"
            found = self._named_value(inverted, "a name field")
            if found is not None:
                return found
        match = cues.FIELD_VALUE.match(text, end)
        if match is None:
            return None
        found = self._named_value(match, "a name field")
        if (
            found is not None
            and found.start > 0
            and text[found.start - 1] == "'" == text[found.end - 1]
        ):
            # "name='Percival Thorne'": the closing quote is no apostrophe of the name
            found = replace(found, end=found.end - 1, value=found.value.rstrip("'"))
        return found

    def _noted(self, text: str, end: int) -> Candidate | None:
        """The name a record's label says it is about, alone on the line after it: "Caller:
        Rajesh Patel", "cust: JOHN SMITH", "cx: maria garcia". A transcript's turn after such
        a label ("Caller: yes okay", "Caller: Thank You") is none: the words must be a
        name's by their capitals (no common word among them), or by the census lists (a first
        name, then a surname, neither a common word), in one case."""
        line_end = text.find("\n", end, end + 80)
        quoted = text[end : end + 2].lstrip(" \t")[:1] in ("'", '"')
        if line_end < 0 and len(text) - end > 80 and not quoted:
            # (most turns after "Caller:" are longer than a name: one test; a quoted value,
            # `"accountHolder": "Duc Tran", ...`, ends at its quote)
            return None
        straight = cues.NOTED_VALUE.match(text, end)
        inverted = straight is None
        # "Caller: Patel, Rajesh"
        match = cues.FIELD_VALUE_INVERTED.match(text, end) if straight is None else straight
        if match is None:
            return None
        words = match.group(1).replace(",", " ").split()
        outer = [w for w in words if w.lower() not in cues.NAME_PARTICLES] or words
        if len(outer) < 2 or words[0].lower() in cues.NAME_PARTICLES:
            return None
        if words[0].lower() in _HESITATIONS:
            return None  # "Customer: Um, Cedar Ridge.": an answer, after a hesitation
        # (a middle initial, "Rajesh K. Patel", is one capital)
        rest = all(len(w.rstrip(".")) == 1 or self._titled_word(w.rstrip(".")) for w in outer[1:])
        if self._titled_word(outer[0]) and rest:
            how = "capitalised"
        elif self._listed_name(order := outer[::-1] if inverted else outer) and _one_case(outer):
            how = "a first name and a surname"
        elif (_one_case(outer) or all(w[:1].isupper() and w[1:].islower() for w in outer)) and (
            self._listed_name(order, common_surname=True)
        ):
            # a surname that is a word too after the label's first name: "Borrower: White,
            # Robert", "DEBTOR: ROBERT WHITE" (the label says it is a person; the first name
            # must be no word)
            how = "a first name and a surname"
        elif (
            text[match.start(1) - 1 : match.start(1)] in ('"', "'")
            and all(w.isupper() for w in outer)
            and all(self._plain_word(_fold(w.lower().rstrip("."))) for w in outer)
        ):
            # `"CardHolder": "MATEO KARLSSON"`: a record's quoted value, in capitals as a
            # card has it (no transcript's turn is quoted)
            how = "in capitals, quoted"
        else:
            return None
        lows = [_fold(w.lower()) for w in words]
        reasons = ("the name a record's label says it is about", how)
        return Candidate(PERSON, match.start(1), match.end(1), 0.85, reasons, " ".join(lows))

    def _customer_line(self, text: str, end: int) -> Candidate | None:
        """The name on a "Customer:" line of a ticket or a note (`CUSTOMER_LINE_TRIGGER`, which
        ends at the line's end), read as "Caller:"'s is."""
        stop = end - 1 if text[end - 1 : end] == "\n" else end
        line_start = text.rfind("\n", 0, stop) + 1
        if _CUSTOMER_LABEL.match(text, line_start, stop) is None:
            return None  # (the label opens the line, or it is no record's field)
        colon = text.find(":", line_start, stop)
        if colon < 0:
            return None
        pos = colon + 1
        while pos < stop and text[pos] == "*":
            pos += 1
        return self._noted(text, pos)

    def _listed_name(
        self, words: list[str], *, common_surname: bool = False, common: bool = False
    ) -> bool:
        """A first name, then a surname, by the census lists, neither a common word (the
        surname may be one with `common_surname`: "Robert White"; both with `common`: "holly
        chase")."""
        lex = self.lexicon
        first, last = _fold(words[0].lower()), _fold(words[-1].lower())
        return (
            first in lex.first
            and last in lex.last_all
            and (common or first not in lex.common)
            and (common or common_surname or last not in lex.common)
            and last not in cues.FUNCTION_WORDS
            and first not in cues.FUNCTION_WORDS
        )

    def _input_value(self, text: str, tag: tuple[int, int]) -> Candidate | None:
        """The value of an input whose name says it holds a person's name (`<input
        name="fullName" value="Rajesh Patel">`); no other attribute is a name."""
        start, end = tag
        if _NAME_INPUT.search(text, start, end) is None:
            return None
        value = VALUE_ATTRIBUTE.search(text, start, end)
        return None if value is None else self._named_value(value, "a name input's value")

    def _header(self, text: str, end: int) -> Candidate | None:
        """The display name before the address in an e-mail header: `From: "Ngozi Okafor"
        <ngozi@example.com>` ("Acme Support <...>" signs for a team). `end` is the end of the
        address's "@" trigger, which the e-mail detector shares (a header trigger of its own
        cost the database speed)."""
        line_start = text.rfind("\n", 0, end) + 1
        if text.find("<", line_start, end) < 0:
            return None
        while line_start < end and text[line_start] in " \t>":
            line_start += 1  # a quoted reply's header: '> From: "Priya Akana" <...>'
        match = cues.HEADER_NAME.match(text, line_start, end)
        if match is None:
            return None
        return self._named_value(match, "an e-mail header's display name")

    def _named_value(self, match: re.Match[str], where: str) -> Candidate | None:
        """Group 1 of `match` when its words can be a name (see `_unlisted_word`)."""
        said = match.group(1)
        lows = [_fold(word.lower()) for word in re.split(r"[ \t+,.]+", said) if word]
        if any(
            low in cues.ORGANISATION_WORDS or not self._unlisted_word(low)
            for low in lows
            if len(low) > 1 or lows[0] == low  # (an initial after the first word: "JOHN A")
        ):
            return None
        if len(lows) == 1 and (len(lows[0]) < 3 or lows[0] in _FIELD_NAMES):
            return None  # "first_name, last_name, ssn": the next field's name, no person's
        if any(low in _DATUM_WORDS for low in lows):
            return None  # '"displayName": "Collect ZIP"': a bot's step, no person's name
        if _NAME_VALUE_PAIR.match(match.string, match.end(1)) is not None:
            # a pair's name ('{"name": "X-Forwarded-For", "value": ...}', a HAR file's header;
            # '{"name": "inform", "confidence": 0.77}', a bot's intent), no person's
            return None
        reasons = (f"the value of {where}",)
        return Candidate(PERSON, match.start(1), match.end(1), 0.85, reasons, " ".join(lows))

    def _unlisted_after_cue(
        self, text: str, cue: re.Match[str], end: int, first: str, s: int
    ) -> Candidate | None:
        """A name no census list holds, right after a weak cue (`end`): a speaker introducing
        themself (`_introduced`), or, written, a capitalised word where the sentence ends the
        name: "You're chatting with Omolara.", "I'm Kashish and I'll be helping you"."""
        if not cues.NEXT_TO_CUE.match(text, end, s):
            return None
        cue_text = " ".join(cue.group().lower().split())
        if cue_text in cues.SELF_INTRODUCTIONS:
            found = self._introduced(text, cue.start(), s, cue_text)
            if found is not None:
                return found
        if cue_text in cues.FAMILY:
            # "my husband hiroshi tanaka": two words or more that no common word is
            how = "a name after a family member's word"
            found = self._stated(text, s, cue_text, how, strict=True)
            if found is not None and len(found.value.split()) >= 2:
                return found
        if not self._titled_word(first) or not _is_name_word(_fold(first.lower().rstrip("."))):
            return None
        return self._stated(text, s, cue_text, "a capitalised name after a cue", strict=True)

    def _rest_of_name(
        self, text: str, cue: re.Match[str], end: int, s: int, e: int, states: bool
    ) -> int:
        """The end of a name read from `s` to `e` (a blank after it) after `cue`, with the
        words that no census list holds after it, where the cue says a name goes on."""
        cue_text = " ".join(cue.group().lower().split())
        whole: Candidate | None = None
        if states:
            # "mohammed al rashid", "nguyen van minh": the rest of the name too
            return max(e, self._unlisted(text, s) or e)
        if not cues.NEXT_TO_CUE.match(text, end, s):
            return e
        if cue_text in cues.SELF_INTRODUCTIONS:
            # "hi blanka this is karina wasyluk": a listed first name, an unlisted surname
            whole = self._introduced(text, cue.start(), s, cue_text)
        elif cue_text in cues.FAMILY:
            # "my wife lara o'rooney", "my aunt george wawrzyn": the same after a relative
            whole = self._stated(text, s, cue_text, "a name after a family member's word", True)
        return max(e, whole.end) if whole is not None else e

    def _named_after(self, text: str, end: int) -> Candidate | None:
        """One to three words before "is my name", "is the name on the account": a name, read
        back from the cue to the start of the line or the first word that is no name's
        ("yeah priya sharma is my name", "customer: john smith is the name on the account")."""
        cue = cues.NAMED_AFTER.search(text, max(0, end - 40), end)
        if cue is None:
            return None
        line_start = text.rfind("\n", 0, cue.start()) + 1
        words = list(_NAME_WORD_RE.finditer(text, max(line_start, cue.start() - 60), cue.start()))
        kept: list[re.Match[str]] = []
        for word in reversed(words[-3:]):
            low = _fold(word.group().lower())
            gap = text[word.end() : kept[0].start() if kept else cue.start()]
            if gap.strip() or low in cues.SKIP or low in cues.NAME_ENDS:
                break
            if not self._unlisted_word(low):
                break
            kept.insert(0, word)
        if not kept:
            return None
        s, e = kept[0].start(), kept[-1].end()
        sentence = max(line_start, *(text.rfind(mark, line_start, s) + 1 for mark in ".!?"))
        if not cues.CLAUSE_OPENING.match(text, sentence, s):
            return None  # "the reason is my name": the words open no sentence
        said = " ".join(text[cue.start() : end].lower().split())
        reasons = (f"context '{said}' after", "a name said before what it is")
        return Candidate(PERSON, s, e, 0.85, reasons, _norm(text[s:e]))

    def _surname_then_whole(self, text: str, s: int, cue_text: str) -> Candidate | None:
        """ "miller, matthew miller", "Nichols, Joseph Nichols": a surname, then the whole
        name ending with it again (a caller who gives the surname first, then the usual
        order). The repeat says it is a name, in lower case too; the middle word must be a
        first name that a census list holds."""
        match = _SURNAME_THEN_WHOLE.match(text, s)
        if match is None:
            return None
        last = _fold(match.group(1).lower())
        if _fold(match.group(2).lower()) not in self.lexicon.first or not self._unlisted_word(last):
            return None
        reasons = (f"context '{cue_text}' before", "a surname, then the whole name ending with it")
        return Candidate(PERSON, s, match.end(), 0.9, reasons, _norm(text[s : match.end()]))

    def _stated(
        self, text: str, s: int, cue_text: str, how: str, strict: bool = False
    ) -> Candidate | None:
        """One to three words at `s` that no census list need hold, ending where a name ends
        (`_unlisted`): the name a cue says is coming."""
        end = self._unlisted(text, s, strict)
        if end is None or text[s:end].lower() in _FIELD_NAMES:
            return None  # "first_name, ssn, dob": the next field's name
        if _fold(text[s:end].rsplit(maxsplit=1)[-1].lower()) in cues.ORGANISATION_WORDS:
            return None  # "Good evening, Wellway Pharmacy": a company's name
        reasons = (f"context '{cue_text}' before", how)
        return Candidate(PERSON, s, end, 0.85, reasons, _norm(text[s:end]))

    def _after_title(self, text: str, word: str, s: int, e: int, cue_text: str) -> Candidate | None:
        """A surname after "mr", "mrs", "ms", "dr" in lower case ("thanks mr erdogan"), that
        no census list holds: any word but a common or function word ("mr right" is none).
        Not after "miss", a verb as often as a title ("miss payments")."""
        low = _fold(word.lower().rstrip("."))
        if cue_text.rstrip(".") == "miss" or not _is_name_word(low):
            return None
        if not self._unlisted_word(low) or low in cues.NOT_ADDRESSED:
            return None
        e = self._particle_surname(text, word, s, e)
        reasons = (f"context '{cue_text}' before", "a name after a title")
        return Candidate(PERSON, s, e, 0.85, reasons, _norm(text[s:e]))

    def _particle_surname(self, text: str, first: str, s: int, e: int) -> int:
        """The end of a surname that opens with a particle after a title: "mr de jesus",
        "mrs van der berg" (the particles and the word after them)."""
        pos = e
        while _fold(text[s:pos].rsplit(maxsplit=1)[-1].lower()) in cues.NAME_PARTICLES:
            nxt = _NEXT_WORD.match(text, pos)
            if nxt is None or not self._unlisted_word(_fold(nxt.group(1).lower())):
                return e
            pos = nxt.end(1)
        return pos

    def _introduced(self, text: str, cue_start: int, s: int, cue_text: str) -> Candidate | None:
        """A speaker's own name that no census list holds, where the sentence says it is one:
        "this is ekiya calling", "im urvi calling about my account", "pioneer travel, this is
        justyna speaking", or said right after a greeting, ending the line or the sentence:
        "hi kimberly this is berksay yuksel". No common word, and no word that reads as an
        adjective ("hi, this is ridiculous"), is such a name."""
        found = self._stated(text, s, cue_text, "a name the speaker introduces", strict=True)
        if found is None:
            return None
        line_start = text.rfind("\n", 0, cue_start) + 1
        greeted = cues.GREETING_LINE.match(text, line_start, s) is not None
        nxt = _NEXT_WORD.match(text, found.end)
        if nxt is not None:
            word = nxt.group(1).lower()
            if word in cues.INTRO_ENDS or (cue_text == "this is" and word in cues.INTRO_PLACES):
                return found
            if cues.AGENT_ASKS.match(text, found.end) is not None:
                return found  # "this is priya who am i speaking with"
            # "hi its aigerim tran card 3530...": a chat's first line runs on without a comma
            return found if greeted and len(found.value.split()) >= 2 else None
        if greeted:
            return found
        # "yeah this is kwame mensah": two words or more, none a common one, close the line
        return found if len(found.value.split()) >= 2 else None

    def _plain_word(self, low: str) -> bool:
        """`_unlisted_word`, where only a name is likely and a word is not: no common word
        even if a census name ("billing", "still", "cable"), and no word with the ending of
        an English adjective ("ridiculous", "frustrating")."""
        return (
            self._unlisted_word(low)
            and low not in self.lexicon.common
            and not (len(low) > 6 and low.endswith(cues.ADJECTIVE_ENDINGS))
        )

    def _unlisted_word(self, low: str) -> bool:
        """Whether a lower-case word that no census list need hold can be part of a name where
        a name is expected: no function word, filler or common word (unless a census name),
        two letters at least."""
        lex = self.lexicon
        if len(low) < 2 or low in cues.FUNCTION_WORDS or low in cues.NOT_A_NAME_ANSWER:
            return False
        return low not in lex.common or low in lex.first or low in lex.last_all

    def _paused_surname(self, text: str, low: str, end: int, hesitated: bool) -> bool:
        """A surname after a pause, ending at `end`: a census surname that is no common word,
        or one that is ("brown", "stone") where the turn ends with it; after a hesitation set
        off by commas, any census surname where the turn ends with it ("thanks john, uh, bye
        now" goes on)."""
        lex = self.lexicon
        if not hesitated and low in lex.last and low not in lex.common:
            return True
        return (
            low in lex.last_all
            and low not in cues.FUNCTION_WORDS
            and low not in cues.NOT_SURNAME
            and _TURN_ENDS_AFTER.match(text, end) is not None
        )

    def _name_only_value(self, word: str, low: str) -> bool:
        """The one word a field that holds nothing but a name holds: capitalised, and no common
        word, or a census name that is one too ('"surname": "Woods"', "Last Name: Young":
        the field says it is a name)."""
        if self._titled_word(word):
            return True
        return (
            word[:1].isupper()
            and (low in self.lexicon.last_all or low in self.lexicon.first)
            and low not in cues.FUNCTION_WORDS
            and low not in cues.NOT_A_NAME_ANSWER
        )

    def _titled_word(self, word: str) -> bool:
        """A capitalised word (not shouted) that is no common word, team or filler."""
        if not word[:1].isupper() or word.isupper():
            return False
        low = _fold(word.lower().rstrip("."))
        return (
            low not in self.lexicon.common
            and low not in cues.FUNCTION_WORDS
            and low not in cues.ORGANISATION_WORDS
            and low not in cues.NOT_A_NAME_ANSWER
        )

    def _opens_name(
        self, word: str, strong: bool, honorific: bool, vocative: bool, introduced: bool = False
    ) -> bool:
        low = _fold(word.lower().rstrip("."))
        lex = self.lexicon
        titled = word[:1].isupper()
        if len(low) < 2 or low in cues.FUNCTION_WORDS:
            return False
        if honorific:
            return titled or low in lex.last or low in lex.first
        if strong:
            in_lexicon = low in lex.first or low in lex.last or _hyphenated_name(low, lex)
            return in_lexicon or (titled and low not in lex.common)
        if len(low) < 3 or (word.isupper() and len(word) > 1):
            return False  # "HEY HO!": shouting and two-letter words need a strong cue
        if low in lex.first or _hyphenated_name(low, lex, first_only=True):
            # "hi will" and "for June 23" are not names; "Hi Will," and "hi will, ..." are
            return low not in lex.common or vocative
        if introduced and titled and _is_name_word(low) and low not in lex.common:
            return True  # "Hi, this is Priya from billing": any capitalised name, introduced
        # a surname alone: capitalised ("this is Kowalski"), or in lower case when the speaker
        # introduces themself by it ("this is kowalski speaking", "im garcia calling")
        return (titled or introduced) and low in lex.last and low not in lex.common

    def _before_closing(self, text: str, end: int) -> Candidate | None:
        closing = cues.CLOSING_RE.search(text, max(0, end - 40), end)
        if closing is None:
            return None
        start = end - len(closing.group())
        before = cues.BEFORE_CLOSING_ASCII if text.isascii() else cues.BEFORE_CLOSING
        match = before.search(text, max(0, start - 40), start)
        if match is None:
            return None
        word = match.group(1)
        low = word.lower()
        if low not in self.lexicon.first:
            if closing.group().lower().startswith("how"):
                return None  # ("... calling oakmont outfitters how can i help": the company's)
            found = self._closing_unlisted(text, match.start(1), match.end(1))
        elif low in self.lexicon.common and not word[:1].isupper():
            return None
        else:
            reasons = ("name before a closing phrase", "name lexicon")
            found = Candidate(PERSON, match.start(1), match.end(1), 0.75, reasons, low)
        return self._first_of_two(text, found) if found is not None else None

    def _first_before_spelled(self, text: str, found: Candidate) -> Candidate:
        """A surname followed by its spelling, with the first name before it: "it's matheus
        viana that's v i a n a", "vicente pelayo p e l a y o": a census first name, or a word
        that no list holds right after "it's" or "this is"."""
        prev = _WORD_BEFORE.search(text, max(0, found.start - 30), found.start)
        if prev is None or text[prev.start(1) : found.start].count(" ") != 1:
            return found
        low = _fold(prev.group(1).lower())
        listed = low in self.lexicon.first and low not in self.lexicon.common
        at = prev.start(1)
        if not listed and not (
            self._plain_word(low) and _INTRODUCED_BEFORE.search(text, max(0, at - 12), at)
        ):
            return found
        reasons = (*found.reasons, "with the first name before it")
        value = f"{prev.group(1).lower()} {found.value}"
        return replace(found, start=at, reasons=reasons, value=value)

    def _first_of_two(self, text: str, found: Candidate) -> Candidate:
        """A name of two words before a closing ("... acme wireless, juan carlos, have a good
        one"): the word before it too, when it is a census first name, or a word no list holds
        with the company still before it ("pioneer travel dulce maria")."""
        prev = _WORD_BEFORE.search(text, max(0, found.start - 30), found.start)
        if prev is None:
            return found
        low = _fold(prev.group(1).lower())
        listed = low in self.lexicon.first and low not in self.lexicon.common
        if not listed:
            line_start = text.rfind("\n", 0, prev.start(1)) + 1
            company = cues.THANKED_FOR_CALLING.search(text, line_start, prev.start(1))
            if company is None or not self._plain_word(low) or low in cues.ORGANISATION_WORDS:
                return found
        value = f"{low} {found.value}"
        return Candidate(PERSON, prev.start(1), found.end, found.score, found.reasons, value)

    def _closing_unlisted(self, text: str, s: int, e: int) -> Candidate | None:
        """The customer's name that no census list holds, between the company an agent thanks
        the caller for calling and the closing: "thank you for calling pioneer travel jerzy
        have a great day", "thanks for calling metro cable, bhavna, have a good one". The word
        right after "calling" is the company's ("thank you for calling comcast have a great
        day"), and a company's own words ("bank", "wireless") are common words."""
        low = _fold(text[s:e].lower())
        if not _is_name_word(low) or not self._plain_word(low):
            return None
        if low in cues.ORGANISATION_WORDS or low in cues.NOT_ADDRESSED:
            return None
        line_start = text.rfind("\n", 0, s) + 1
        if cues.THANKED_FOR_CALLING.search(text, line_start, s) is None:
            return None
        reasons = ("name between the company and a closing phrase",)
        return Candidate(PERSON, s, e, 0.75, reasons, low)

    def _unlisted(self, text: str, s: int, strict: bool = False) -> int | None:
        """The end of one to three words at `s` that end where a name ends (a line's or a
        sentence's end, "and", "from", "calling", ...), none of them a common word unless a
        census name: "priya sharma and I'm calling" ends after "sharma"; "listed on the
        account" and "spelled wrong" end nowhere, and are no names."""
        end = None
        pos = s
        words = 0
        while words < 3:
            word = _NAME_WORD.match(text, pos)
            if word is None:
                break
            low = _fold(word.group().lower())
            particle = pos > s and low in cues.NAME_PARTICLES  # "maria de la cruz"
            if not particle:
                if low in cues.NAME_ENDS or not (
                    self._plain_word(low) if strict else self._unlisted_word(low)
                ):
                    break
                words += 1
            pos = word.end()
            after = _AFTER_NAME.match(text, pos)
            if after is None:
                break
            if not particle and after.group(1) is None:
                return pos  # punctuation or the line's end
            if not particle and after.group(1).lower() in cues.NAME_ENDS:
                end = pos  # a word that follows a name
            if after.group(1) is None:
                break
            pos = after.end()
        return end

    def _answer_at(self, text: str, end: int, cue_start: int) -> int:
        """`_answer_start`, but where the words right after the cue are a census name, there
        (the answer said on the question's line after all: "can i get your first and last
        name um brittany russell and that's spelled\nromeo uniform ...")."""
        start = _answer_start(text, end, cue_start)
        return end if start > end and self._listed_pair_next(text, end) else start

    def _listed_pair_next(self, text: str, end: int) -> bool:
        """Whether the words after a question's cue, on its line and past its fillers ("um"),
        are a census first name and a census surname, neither a common word."""
        line_end = text.find("\n", end, end + 80)
        words = [w.lower() for w, _s, e in _tokens(text, end, 4) if line_end < 0 or e <= line_end]
        while words and words[0] in cues.SKIP:
            words.pop(0)
        return len(words) >= 2 and self._listed_name(words[:2])

    def _listed_answer(self, word: str, cue_text: str) -> bool:
        """Whether the census lists hold the word that answers a question for a name: a first
        name, or, asked for a surname, a surname that is no common word ("and your last name?
        it's hansen")."""
        low = _fold(word.lower().rstrip("."))
        lex = self.lexicon
        if low in lex.first:
            return True
        asks_surname = "last" in cue_text or "sur" in cue_text or "family" in cue_text
        return asks_surname and low in lex.last and low not in lex.common

    def _answer_alone(self, text: str, cue_end: int, s: int, cue_text: str) -> Candidate | None:
        """One or two words alone on a line after the question for a name, with at most a
        speaker's label and a filler before them ("agent: can I have your name?\ncustomer:
        yeah, priya sharma"): a name, even one that no census list holds. Words that answer
        otherwise ("sorry?", "hold on", "why") are not names."""
        if text.find("\n", cue_end, s) < 0:
            return None  # on the question's own line: the census lists decide
        match = _ALONE.match(text, s)
        if match is None:
            return self._spelled_alone(text, s, cue_text)
        stop = _before_particle(text, s, match.end(1))
        words = [_fold(w.rstrip(",")) for w in text[s:stop].lower().split()]
        if not all(self._unlisted_word(w) for w in words):
            return None
        reasons = (f"context '{cue_text}' before", "answer alone on the next line")
        return Candidate(PERSON, s, stop, 0.8, reasons, " ".join(words))

    def _spelled_alone(self, text: str, s: int, cue_text: str) -> Candidate | None:
        """A word and its spelling alone on the line after the question ("can you spell your
        last name?\ncustomer: vu, v u"): two letters are no spelling to the normaliser, so the
        word is read here, with its letters."""
        letters_only = _LETTERS_ALONE.match(text, s)
        if letters_only is not None and cues.LINE_REST.match(text, letters_only.end()):
            # "can i get your last name?\ncustomer: b, r, e, n, n, a, n": letters between
            # commas, which the spoken-form normaliser is not asked to read (a trigger for them
            # cost the whole multi-pattern stage 3%)
            letters = "".join(ch for ch in letters_only.group(1) if ch.isalpha()).lower()
            reasons = (f"context '{cue_text}' before", "answer alone on the next line, spelled")
            return Candidate(
                PERSON, letters_only.start(1), letters_only.end(1), 0.8, reasons, letters
            )
        word = _WORD_AT.match(text, s)
        if word is None:
            return None
        spelled = _SPELLED_AFTER.match(text, word.end())
        if spelled is None or not cues.LINE_REST.match(text, spelled.end()):
            return None
        letters = "".join(ch for ch in spelled.group(1) if ch.isalpha()).upper()
        low = _fold(word.group().lower())
        if _spelling(word.group()) != letters or not self._unlisted_word(low):
            return None
        reasons = (f"context '{cue_text}' before", "answer alone on the next line, spelled")
        return Candidate(PERSON, s, spelled.end(1), 0.8, reasons, low)

    def _answer_on_next_line(self, text: str, pos: int, cue_text: str) -> Candidate | None:
        """The line after a question for a name ("your full name or account ID"), when it is a
        full name alone ("customer: Alessandro Phoenix"): two or three words, one of them a
        census name, none of them a function word."""
        line_end = text.find("\n", pos)
        match = _ANSWER_LINE.match(text, line_end + 1) if line_end >= 0 else None
        if match is None:
            return None
        words = match.group(1).lower().split()
        lex = self.lexicon
        if any(w in cues.FUNCTION_WORDS or w in cues.SKIP for w in words):
            return None
        if not any((w in lex.first or w in lex.last) and w not in lex.common for w in words):
            return None
        reasons = (f"context '{cue_text}' before", "answer on the next line", "name lexicon")
        return Candidate(PERSON, match.start(1), match.end(1), 0.85, reasons, " ".join(words))

    def _signature(self, text: str, pos: int) -> Candidate | None:
        """The line at `pos`, after a sign-off alone on its line ("Thanks,", "Best,") or after
        the signature delimiter "-- ": a signature's name, up to a "|" or a comma, in capitals
        ("Nguyen Van Minh", "Priya Raman"), whether or not a census list holds it. A team or
        a department signs with words a name does not hold ("The Acme Team", "Customer
        Support"), and those are left alone."""
        match = _SIGNATURE_NAME.match(text, pos)
        if match is None:
            return None
        words = match.group(1).split()
        lows = [_fold(w.lower().rstrip(".")) for w in words]
        if not self._signs_as_name(lows):
            return None
        if len(words) == 1 and len(lows[0]) < 3:
            return None
        delimiter = text[max(0, pos - 6) : pos].strip().startswith("--")
        where = "after the signature delimiter" if delimiter else "on the line after a sign-off"
        reasons = (f"name {where}",)
        return Candidate(PERSON, match.start(1), match.end(1), 0.8, reasons, " ".join(lows))

    def _before_possessive(self, text: str, end: int) -> Candidate | None:
        """A name whose last (first, full) name is asked for: "Can you spell Ajani's last
        name?", "and melissa's last name": a capitalised word no list holds, or a census
        first name; no role's word ("the customer's last name", "Cardholder's full name")."""
        said = _POSSESSIVE_NAME.search(text, max(0, end - 48), end)
        if said is None:
            return None
        word = said.group("name")
        low = _fold(word.lower())
        if low in _ROLE_WORDS or low in cues.ORGANISATION_WORDS or low in cues.FUNCTION_WORDS:
            return None
        listed = low in self.lexicon.first and low not in self.lexicon.common
        if not (listed or self._titled_word(word)):
            return None
        reasons = ("a name whose name is asked for", "name lexicon" if listed else "capitalised")
        return Candidate(PERSON, said.start("name"), said.end("name"), 0.8, reasons, low)

    def _spelled_with_first(self, text: str, end: int) -> Candidate | None:
        """`_spelled`, with the first name before the spelled word."""
        spelled = _spelled(text, end)
        return self._first_before_spelled(text, spelled) if spelled is not None else None

    def _signed(self, text: str, pos: int) -> Candidate | None:
        """The name at `pos` that signs a text: after a dash on its line, or a sign-off."""
        if text[pos - 3 : pos].rstrip(" \t").endswith("-") and text[pos - 1] != "\n":
            return self._dash_signed(text, pos)
        return self._signature(text, pos)

    def _signs_as_name(self, lows: list[str]) -> bool:
        """Whether the words that sign a text can be a name: no team's or department's word,
        and its first and last words (a middle initial or particle is no word of its own)
        can be part of a name."""
        if any(low in cues.ORGANISATION_WORDS for low in lows):
            return False
        return all(self._unlisted_word(low) for low in {lows[0], lows[-1]})

    def _dash_signed(self, text: str, pos: int) -> Candidate | None:
        """A note's writer after its last sentence and a dash, ending the line: "-Laurie",
        "- WILLIAM LEE", "-TK" (initials). A single word is a census first name or no common
        word; no team or department signs so."""
        match = _DASH_SIGNED.match(text, pos)
        if match is None:
            return None
        words = match.group(1).split()
        lows = [_fold(w.lower().rstrip(".")) for w in words]
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
            # initials: two letters ("USA", "PDF" and "OK", "ID" are no one's)
            if len(words[0]) != 2 or lows[0] in _TWO_LETTER_WORDS:
                return None
        else:
            if not self._signs_as_name(lows):
                return None
            if len(words) == 1 and not (lows[0] in self.lexicon.first or self._plain_word(lows[0])):
                return None
        reasons = ("name signing a note after a dash",)
        return Candidate(PERSON, match.start(1), match.end(1), 0.8, reasons, " ".join(lows))

    def _before_contact(self, text: str, end: int) -> Candidate | None:
        """A capitalised first name right before "at" and an e-mail address or a phone
        number: "send comments to Alice at anyspa@example.com". `end` is the end of the
        address's "@" trigger or of the number run."""
        lo = max(0, end - 90)
        if (
            text.find(" at ", lo, end) < 0
            and text.find("\tat", lo, end) < 0
            and text.find("at\t", lo, end) < 0
        ):
            return None  # no "at" between blanks (most number runs): no regex to run
        matches = list(_AT_CONTACT.finditer(text, lo, end))
        if not matches:
            return None
        match = matches[-1]  # the name nearest the contact
        word = match.group(1)
        low = word.lower()
        if low not in self.lexicon.first or low in self.lexicon.common:
            return None
        reasons = ("name before 'at' and an address or number", "name lexicon")
        return Candidate(PERSON, match.start(1), match.end(1), 0.75, reasons, low)

    def _named_by_address(self, text: str, end: int) -> Candidate | None:
        """A name written before an e-mail address whose local part spells it: '"Dylano
        Claesner", "dylano.claesner@example.org"', 'From: H.-Dieter Mude
        <h.-dieter.mude@icloud.com>', "Kyano Berends ... berends.kyano@...": the address
        says the words before it are its owner's name, whatever the lists hold. `end` is the
        end of the address's "@" trigger."""
        at = end - 2
        local = _LOCAL_PART.search(text, max(0, at - 64), at)
        if local is None:
            return None
        address = _fold(local.group().lower())
        parts = {p for p in _LOCAL_SPLIT.split(address) if len(p) > 1}
        squashed = "".join(ch for ch in address if ch.isalpha())
        if len(parts) < 2 and len(squashed) < 6:
            return None
        lex = self.lexicon
        lo = max(0, local.start() - _NAMED_BY_ADDRESS_REACH)
        prev: tuple[str, int, int] | None = None
        for match in _WORD_RE.finditer(text, lo, local.start()):
            word = match.group().rstrip(".'\u2019-")
            low = _fold(word.lower())
            if not word[:1].isupper() or low in lex.common or low in cues.ORGANISATION_WORDS:
                prev = None
                continue
            if prev is not None and text[prev[2] : match.start()].strip(" \t") == "":
                first = prev[0]
                pieces = [p for p in _LOCAL_SPLIT.split(first + "." + low) if len(p) > 1]
                joined = "".join(ch for ch in first + low if ch.isalpha())
                if (
                    (pieces and all(p in parts for p in pieces))
                    or joined in squashed
                    or ("".join(ch for ch in low + first if ch.isalpha()) in squashed)
                ):
                    reasons = ("a name the e-mail address after it spells",)
                    start = prev[1]
                    if initial := _INITIAL_JOINED.search(text, max(0, start - 4), start):
                        start = initial.start()  # ("H.-Dieter Mude")
                    value = text[start : match.start() + len(word)]
                    return Candidate(
                        PERSON, start, match.start() + len(word), 0.8, reasons, value.lower()
                    )
            prev = (low, match.start(), match.start() + len(word))
        return None

    def _extend(
        self, text: str, tokens: list[tuple[str, int, int]], end: int, capitalised: bool
    ) -> int:
        """Add middle names, initials and surnames that follow the first name (on the same
        line, in the same sentence)."""
        lex = self.lexicon
        prev = end
        for k, (word, s, e) in enumerate(tokens[1:4], 1):
            low = _fold(word.lower().rstrip("."))
            if (
                low in _HESITATIONS
                and k < 3
                and (text[prev:s].isspace() or text[prev:s].strip() == ",")
            ):
                continue  # "my name is michael ah banks": the surname after a hesitation
            paused = _PAUSE.fullmatch(text, prev, s) is not None
            hesitated = not paused and _HESITATION_SET_OFF.fullmatch(text, prev, s) is not None
            if (paused or hesitated) and self._paused_surname(text, low, e, hesitated):
                # (speech-to-text's pause before a surname is no sentence's end: "richard...
                # osborne", "this is scott... brown", "Wendy, uh, Stone."; "Dana... Anyway"
                # is)
                end = prev = e
                continue
            if _BREAK.search(text, prev, s):
                break
            if "," in text[prev:s] and (low not in lex.first or low in lex.common):
                # "thanks john, bye now": a comma ends the name ("Bye" is a surname too),
                # unless a first name follows it: "Smith, John" (surname first)
                break
            prev = e
            if word == "i":
                break  # the pronoun, not an initial: "my name is mark i want to ..."
            if len(low) == 1 and (word.isupper() or not capitalised):
                # an initial, kept only when a surname follows: "Richard M. Nixon", and in
                # speech-to-text's lower case "robert j jones", "john a smith"; or written with
                # its dot, as a chatbot shortens a surname: "an account for Kathleen P."
                if word.isupper() and (word.endswith(".") or text.startswith(".", e)):
                    end = e
                continue
            if capitalised and low in cues.NAME_PARTICLES and word.islower():
                continue  # "Ana Clara da Cruz", kept only when a capitalised word follows
            titled = (
                capitalised
                and word[:1].isupper()
                and (low not in lex.common or low in lex.last_all)
            )
            if titled or (low in lex.last and low not in cues.NOT_SURNAME):
                end = e
                continue
            if (
                low in lex.last_all
                and k + 1 < len(tokens)
                and tokens[k + 1][0].lower() in cues.SELF_INTRO
                and text[e : tokens[k + 1][1]] == " "
            ):
                # a surname that is a common word too, before "calling", "speaking", "here":
                # "hi it's lauren cash calling about my account"
                end = e
            break
        return end

    def _caps_pair(self, text: str, end: int) -> Candidate | None:
        # (the pair that ends here, not an earlier one in the window: "Shannon Davis (w/ son
        # Amanda Davis")
        match = _CAPS_PAIR_AT_END.search(text, max(0, end - 40), end)
        if match is None:
            return None
        if _AFTER_NUMBER.search(text, max(0, match.start() - 8), match.start()):
            return None
        first, last = match.group(1), match.group(2)
        lex = self.lexicon
        if _WHOSE_RECORD.match(text, end) and not ({first.lower(), last.lower()} & lex.common):
            # "Kwame Brandt's card was declined": whose card, account or number it is
            reasons = ("capitalised first and last name", "a personal record's owner")
            return Candidate(PERSON, match.start(), end, 0.8, reasons, _norm(match.group()))
        role = _ROLE_BEFORE.search(text, max(0, match.start() - 24), match.start())
        if role is None and _by_before(text, match.start()):
            # an audit trail's editor: "Field 'Mobile' changed from '...' to '...' by Ngozi
            # Karlsson"
            role = _DONE_BY.search(text, max(0, match.start() - 220), match.start())
        if (
            role is not None
            and self._titled_word(first)
            and self._titled_word(last)
            and not _SPELLED_KEY.match(text, end)
        ):
            # "agent Esperanza Makoa", "approved per supervisor Aigerim Eze", "the card
            # belongs to Nguyen Thi Bao": who someone is says a name follows, listed or not
            third = _NEXT_CAPITAL.match(text, end)
            if third is not None and self._titled_word(third.group(1)):
                end = third.end()
            said = (
                "changed from ... to ... by"  # (not the values changed: no value in a reason)
                if role.re is _DONE_BY
                else " ".join(role.group(1).lower().split())
            )
            reasons = ("capitalised first and last name", f"context '{said}' before")
            return Candidate(
                PERSON, match.start(), end, 0.8, reasons, _norm(text[match.start() : end])
            )
        # (the lexicon writes "O'Neil" and "McDonald" as "oneil" and "mcdonald")
        last_key = last.lower().replace("'", "")
        if first.lower() not in lex.first or last_key not in (lex.last_all or lex.last):
            return None
        if first.lower() in lex.common and last.lower() in lex.common:
            return None
        while end < len(text) and text[end].isalpha():
            end += 1  # "Valentín": the trigger and the pattern read ASCII letters only
        reasons = ("capitalised first and last name", "name lexicon")
        return Candidate(PERSON, match.start(), end, 0.8, reasons, _norm(text[match.start() : end]))

    def _name_list(self, text: str, end: int) -> list[Candidate]:
        """Two first names side by side in a list: "John, Shaun, and Ron" (each pair of the
        list is a hit). Both must be first names that are not common words, and the list not
        a list of places ("offices in Dallas, Austin and Houston")."""
        match = _NAME_LIST_PAIR.search(text, max(0, end - 40), end)
        if match is None:
            return []
        lex = self.lexicon
        names = [match.group(1).lower(), match.group(2).lower()]
        if any(n not in lex.first or n in lex.common for n in names):
            return []
        before = _LIST_HEAD.search(text, max(0, match.start() - 60), match.start())
        if before is not None and before.group(1).lower() in cues.PLACE_WORDS:
            return []
        reasons = ("a list of first names", "name lexicon")
        return [
            Candidate(PERSON, match.start(g), match.end(g), 0.75, reasons, names[g - 1])
            for g in (1, 2)
        ]

    def _propagate(self, text: str, found: Sequence[Candidate]) -> Iterator[Candidate]:
        """Other mentions of a name already found in the same document are the same person."""
        # a name given after a strong cue ("my name is crystal") counts even if it is a word
        tokens = {
            w
            for c in found
            for w in c.value.split()
            if len(w) > 2
            and w not in cues.FUNCTION_WORDS
            and (w not in self.lexicon.common or (c.score >= 0.85 and w in self.lexicon.first))
        }
        if not tokens:
            return
        # (and as a spelling writes it: "Gonçalves" spelled is "GONCALVES")
        tokens |= {_fold(w) for w in tokens if not w.isascii()}
        taken = sorted((c.start, c.end) for c in found)  # non-overlapping (nested ones dropped)
        starts = [start for start, _ in taken]
        reasons = ("same name found elsewhere in the document",)
        common = self.lexicon.common
        for s, e in _mentions(text, tokens):
            i = bisect.bisect_left(starts, e)  # taken spans that start before this one ends
            if i and taken[i - 1][1] > s:
                continue
            if (
                not text[s].isupper()
                and _fold(text[s:e].lower()) in common
                and _word_use(text, s, e)
            ):
                continue  # "my name is will and i will call back": the word, not the name
            yield Candidate(PERSON, s, e, 0.75, reasons, _norm(text[s:e]))


#: Words before a name that is also a common word, which make it that word: "i will", "to
#: mark", "in june", "the grace period".
_WORD_USE_BEFORE = frozenset(
    """i you we they he she it that this who which to will would can could shall should may
    might must in of since on by until till a an the my your our their its""".split()
)
_PREVIOUS_WORD = re.compile(r"([A-Za-z']+)[ \t]+\Z")
_NEXT_IS_NUMBER = re.compile(r"[ \t]+(?:\d|period\b)")


def _word_use(text: str, s: int, e: int) -> bool:
    """Whether the lower-case mention text[s:e] of a name that is also a common word is used
    as that word ("i will call back", "to mark this", "june 5th", "grace period")."""
    before = _PREVIOUS_WORD.search(text, max(0, s - 16), s)
    if before is not None and before.group(1).lower() in _WORD_USE_BEFORE:
        return True
    return _NEXT_IS_NUMBER.match(text, e) is not None


#: A word of a name of two letters or more, in any alphabet; and one that opens in capitals
_WORD2 = rf"(?={LETTER}[\w'\-]){WORD}"
_TITLED = rf"(?={cues.CAPITAL}[\w'\-]){WORD}"
#: A particle inside a capitalised name ("João Felipe da Rocha"), before its next word
_PARTICLE = rf"(?:{'|'.join(sorted(cues.NAME_PARTICLES))})(?=[ \t]+{cues.CAPITAL})"
#: Countries and states that are first names in the census lists too ("France", "Georgia").
_PLACES = frozenset(
    """france georgia virginia carolina florida texas nevada montana dakota indiana italy
    ireland china india jordan chad israel kenya britain england scotland wales canada mexico
    brazil chile peru spain germany austria holland egypt""".split()
)
#: A quoted cell, surname first: '"Gonzaga, Corrado"', '"Smith-Jones, Mary K."'.
_QUOTED_INVERTED = re.compile(
    rf"\"((?P<last>{_TITLED}(?:[ \-]{_TITLED})?),[ ](?P<first>{_TITLED}(?:[ \t]+[A-Z]\.?)?))\""
)
#: The word before an agent's offer, after "this is" or "speaking with" perhaps: the name.
_OPENING_NAME = re.compile(
    rf"(?:\b(?P<cue>this[ \t]+is|speaking[ \t]+with|my[ \t]+name[ \t]+is|name's)[ \t]+|[ \t])"
    rf"(?P<name>{_WORD2})(?P<speaking>[ \t]+speaking)?[ \t,]*\Z",
    re.IGNORECASE,
)
#: "first name is haruka last name yamamoto", "first name maria luisa and the last name
#: pastor" (after the cue "first name")
_FIRST_THEN_LAST = re.compile(
    rf"(?:'s)?[ \t]+(?:is[ \t]+|'s[ \t]+)?({_WORD2})(?:[ \t]+({_WORD2}))?,?[ \t]+(?:and[ \t]+)?"
    # ("first name Norman, last Santos": "last" alone after the comma)
    rf"(?:the[ \t]+|my[ \t]+)?(?:last[ \t]+name|surname|(?<=,[ \t])last)[ \t]+"
    rf"(?:is[ \t]+|'s[ \t]+)?"
    rf"((?:(?:{'|'.join(sorted(cues.NAME_PARTICLES))})[ \t]+)*{_WORD2})"
)
#: A line that is a full name alone, after an optional speaker label ("customer: ...")
_ANSWER_LINE = re.compile(
    rf"[ \t]*(?:[A-Za-z]+:[ \t]*)?({_WORD2}(?:[ \t]+{_WORD2}){{1,2}})"
    r"[ \t.!]*(?:\n|\Z)"
)
#: After a greeting: one to four words, then the punctuation that closes the address
#: (a dash too: "Thanks - Connor", "Hey Yusuf - quick question")
_ADDRESSED = re.compile(
    rf"(?:[,!]|[ \t]+[-–—])?[ \t]+({_WORD2}(?:[ \t]{_WORD2}){{0,3}})[ \t]?"
    r"(?=[,.!?\n]|[ \t]+[-–—]|\Z)"
)
_CONTRACTION = re.compile(r"\w'(?:m|re|s|ll|ve|d|t)\Z")
#: An address label's own name ("Ship to:"), and the rest of its line when blank.
_ADDRESSEE_LABEL = re.compile(r"(?:ship|bill|deliver|mail|sold|send)[ \t]to:\Z", re.IGNORECASE)
_BLANK_REST = re.compile(r"[ \t]*\r?\n")
#: A query string's field, up to its "=": "?name=", "&holder_name=".
#: A multipart form's part header before "name=" (its value names the part).
_PART_NAME = re.compile(r"form-data;[ \t]*name=\Z", re.IGNORECASE)
_QUERY_FIELD = re.compile(r"[?&][\w.\-]{0,24}=\Z")
#: Its value: words joined by "+" (read as blanks), up to "&", "#", a quote or a blank.
_QUERY_VALUE = re.compile(rf"({WORD}(?:[+ ]{WORD}){{0,3}})(?=[&#\s\"<>]|\Z)")
#: An element's attribute that holds a name itself: <PaymentCard ... holder="Kwame Moreau">.
_HOLDER_ATTRIBUTE = re.compile(r"holder(?:_?name)?=\Z", re.IGNORECASE)
#: Blanks and the next word on the line (None where punctuation or the line's end follows)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z']+)")
#: The next word, whole ("Inés" is not "in"): its letters, then no letter of any alphabet.
_NEXT_WHOLE_WORD = re.compile(r"[ \t]+([A-Za-z']+)(?![^\W\d_])")
#: Words after a greeting that open no name: a title (its own cue for the name after it) and
#: the words of "thanks for calling", "thank you so much", "hi and welcome" (a third of the
#: greetings in calls: read no further).
_NO_ADDRESS = cues.HONORIFICS | frozenset(
    "for to so and that the a an very much again in from as".split()
)
#: The word right before a name, one blank between them
_NAME_WORD_RE = re.compile(rf"(?<![\w'\-]){_WORD2}")
_WORD_BEFORE = re.compile(rf"(?<![\w'\-])({_WORD2})[ \t]\Z")
#: A word of a name, and what follows it: blanks then punctuation or the end of the line
#: (group 1 None), or blanks then the next word (group 1)
_NAME_WORD = re.compile(_WORD2)
_AFTER_NAME = re.compile(rf"[ \t]*(?:[,.!?;:\n]|\Z)|[ \t]+(?=({LETTER}+(?:'{LETTER}+)*))")
#: One or two words, then the end of the line (a name given alone as an answer)
#: (or before the next answer, a number: "Mayte Granado 12/03/1980" answers "your full name
#: and date of birth?")
#: (or before what the answer says next about the name or the caller: "yoichi okada i'm the
#: account holder", "bobby ewing that's me", "hideki yamamoto and the last name is spelled
#: ...", "jay moj the twenty eighth of january", "brian robbins um 4076")
_ALONE = re.compile(
    # (a surname first, a comma after it: "Rivera, Tamara.")
    rf"({_WORD2}(?:,?[ \t]+{_WORD2})?)(?:[ \t.!]*(?:\n|\Z)|(?:,?[ \t]+(?:um|uh))?,?[ \t]+(?=\d)"
    r"|,?[ \t]+(?=(?:i'm|i[ \t]+am)[ \t]+the\b|that's[ \t]+me\b"
    r"|(?:and[ \t]+)?(?:the[ \t]+|my[ \t]+)?(?:last|first|sur)[ \t]*name\b"
    r"|(?:and[ \t]+)?(?:it's[ \t]+)?spelled\b"
    r"|(?:and[ \t]+)?(?:my[ \t]+)?(?:date[ \t]+of[ \t]+birth|dob|birthday)\b"
    r"|the[ \t]+(?:\d{1,2}|\w+(?:th|st|nd|rd)|first|second|third)[ \t]+of\b"
    r"|(?:just[ \t]+)?(?:like|as)[ \t]+it[ \t]+sounds\b|speaking\b|d[ \t]o[ \t]b\b"
    r"|(?:and[ \t]+)?(?:my|the)[ \t]+(?:number|phone|cell|email|e-mail|social|address|zip)"
    r"(?:'s|[ \t]+is)?\b|in[ \t]+(?:europe|mexico|canada|the[ \t]+uk)\b"
    # (Spanish: "buenas soy sessa navarro es para un pago", "... quiero pagar mi factura")
    r"|(?:es[ \t]+para|quiero|quisiera|necesito|llamo[ \t]+para|y[ \t]+(?:mi|el|la)[ \t])\b))"
)
#: Two capitals that sign no note: words and abbreviations.
_TWO_LETTER_WORDS = frozenset(
    "ok us uk eu tv pm am id hr it cc ps na no so go hi me my we he be do up on in at to or"
    " an as is if of by ai ui qa pr".split()
)
#: A note's writer after a dash, to the line's end: titled words or words in capitals, or
#: initials.
_DASH_SIGNED = re.compile(
    rf"((?:{_TITLED}|[A-Z]{{2,}})(?:[ \t]+(?:{_TITLED}|[A-Z]{{2,}}|[A-Z]\.)){{0,2}})[ \t]*"
    r"(?:\r?\n|\Z)"
)
#: A signature's name: one to four capitalised words or initials, then the end of the line,
#: a "|" or a comma ("Karthik Subramanian | Acme Corp", "Dana Whitfield, CPA")
_SIGNATURE_NAME = re.compile(
    rf"[ \t]*({_TITLED}(?:[ \t]+(?:{_TITLED}|[A-Z]\.|{_PARTICLE})){{0,3}})[ \t]*(?:\r?\n|\||,|\Z)"
)
#: "Alice at " before an e-mail local part or the first digit of a number (on one line)
_AT_CONTACT = re.compile(r"\b([A-Z][a-z]+)[ \t]+at[ \t]+(?=[\w.+\-]+@|[(+]?\d)")
#: Two capitalised words of a list, ending at the trigger's end: a comma or "and" between
#: Between two names of a mail header's list: "; ", or ", " before a capital.
_LIST_NEXT = re.compile(r"[ \t]*(?:;|,(?=[ \t]*[A-Z][a-z]+[ \t]+[A-Z]))[ \t]*")
_NAME_LIST_PAIR = re.compile(r"\b([A-Z][a-z]+)(?:,\s+(?:and\s+)?|\s+and\s+)([A-Z][a-z]+)\Z")
#: The word before a list of names, over the names and separators already in the list
_LIST_HEAD = re.compile(r"\b([A-Za-z]+)\s+(?:[A-Z][a-z]+(?:,\s+|\s+and\s+|,\s+and\s+))*\Z")
_AFTER_NUMBER = re.compile(r"\d[ \t]*\Z")  # "2236 Wendy Fall" is a street, not a person
#: After a name: whose record something is ("Kwame Brandt's card", "... 's account").
_WHOSE_RECORD = re.compile(
    r"'s[ \t]+(?:(?:new|old|credit|debit|bank|checking|savings|online|home|cell|mobile)[ \t]+)?"
    r"(?:card|account|ssn|social|phone|number|email|e-mail|address|payment|refund|balance|"
    r"birthday|dob|license|licence|password|pin|policy|claim|order|statement|bill)\b"
)
#: The end of a record's key in camel case that `written_forms` spells out ('"customer
#: Internal Reference": "onb-..."'): a role's word and two capitalised words that are no name.
_SPELLED_KEY = re.compile(r"[\"'][ \t]*:")
#: "ms" after a number: milliseconds ("684.90 ms", "139ms").
_UNIT_MS = re.compile(r"\d[ \t]?ms\Z", re.IGNORECASE)
#: Who someone is, before two capitalised words: a name follows, in the census lists or not.
_ROLE_BEFORE = Caseless(
    r"\b(agent|supervisor|manager|rep|representative|technician|advisor|adviser|specialist"
    r"|daughter|son|wife|husband|mother|father|sister|brother|spouse|fianc[eé]e?"
    # (a third party on the account, whose: "my roommate Judit Papp is on the account too")
    r"|(?:my|our|his|her|their|your)[ \t]+(?:roommate|sibling|partner|cousin|aunt|uncle"
    r"|niece|nephew|grandmother|grandfather|grandma|grandpa|mom|dad|stepmom|stepdad|stepson"
    r"|stepdaughter|girlfriend|boyfriend|friend|landlord|tenant|caregiver|guardian"
    r"|co-?signer|cosigner)"
    r"|colleague|caller|cardholder|belongs[ \t]+to"
    # an agent's note's subject: "Cust Courtney Lowe called", "Customer Karen Miller
    # requested", "Emergency contact Itzel Cedillo", "The caller, Melissa Chadwick,"
    r"|cust|customer|client|member|guest|passenger|contact|evaluator|beneficiary)"
    r"(?:,?[ \t]+|[ \t]*\()\Z"
)


#: Who someone is on the account, in brackets after their name.
_ROLES = (
    r"self|spouse|husband|wife|partner|son|daughter|child|mother|father|mom|dad|parent"
    r"|sibling|brother|sister|dependent|dependant|minor|guardian|account[ \t-]?holder"
    r"|(?:primary|secondary|joint)(?:[ \t]+(?:account[ \t]?holder|owner|holder))?"
    r"|co-?owner|co-?signer|co-?applicant|co-?borrower|borrower|authori[sz]ed[ \t]+user"
    r"|policy[ \t-]?holder|insured|beneficiary|caller|customer|patient|member|subscriber"
    r"|card[ \t-]?holder|executor|executrix|poa|relative|grand(?:mother|father|parent|son"
    r"|daughter|child)|guarantor|tenant|payee|deceased|decedent|emergency[ \t]+contact"
)
_ROLE_AFTER_TRIGGER = (
    rf"\((?:{_ROLES})\)"
    r"|\((?:dob|d\.o\.b\.|born|b\.|age|aged)[ \t:]*\d"
    r"|\(\d{1,2}/\d{1,2}/(?:19|20)\d\d\)"
    r"|\((?:acct|account)[ \t]*(?:#|no\.?|number)?[ \t:]*\d"
)
_ROLE_AFTER = re.compile(rf"\((?:{_ROLES})\)", re.IGNORECASE)
#: Where the field that holds a name before such a bracket starts: a line's start, a label's
#: colon, a cell's bar or tab, a quote.
_ROLE_FIELD_BREAKS = ("\n", ":", "|", "\t", ";", '"', ">", "(", "=")
#: A record's words before such a bracket that are no name: "Primary Contact (spouse)",
#: "AUTH USER ADDED (SPOUSE)".
_ROLE_LABELS = frozenset(
    """primary secondary contact contacts joint owner holder authorized authorised user users
    added removed updated new old emergency relationship role type status person party third
    auth pty relation household""".split()
)
#: A word of a name, its initial with a dot ("Brian D. Smith") or an apostrophe ("O'Connor").
_ROLE_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*\.?")


def _answer_start(text: str, end: int, cue_start: int) -> int:
    """Where the answer to a question for a name (its cue ending at `end`) starts: "who am I
    speaking with today?\ncustomer: dave miller": the next line, whatever else the question
    says after its cue, past the answer's label; else `end`."""
    line_end = text.find("\n", end, end + 60)
    if line_end > 0 and (
        # (a question in the same sentence: "my name is Carly. How can I help?" is no
        # question for a name, and the name is right after the cue)
        ((q := text.find("?", end, line_end)) >= 0 and not _SENTENCE_BREAK.search(text, end, q))
        or not text[end:line_end].strip()  # the cue ends its line: "... your name is\n"
        # (or a word of courtesy does: "who am i speaking with today\n")
        or _COURTESY_REST.fullmatch(text, end, line_end) is not None
        # (or the question goes on with the agent's own words: "who am i speaking with my id
        # is eight nine six four if we get cut off\nS2: michael may")
        or _QUESTION_GOES_ON.match(text, end) is not None
        # (a request in the cue's own clause: "can you add her, her name is nicole bowman"
        # states the name after the comma)
        or _ASKING.search(text, _clause_start(text, cue_start), cue_start)
    ):
        # (speech-to-text writes no "?": "can you give me your full name as it appears on the
        # account\ncustomer: yes it's tomasz wieczorek")
        # (a label with a time in it: "9:07 AM - Cliente: "; after a blank line or two, as
        # exports that space their turns write: "A: who am i speaking with\n\nC: it's edward")
        blank = _BLANK_LINES.match(text, line_end + 1)
        line_start = blank.end() if blank is not None else line_end + 1
        label = _ANSWER_LABEL.match(text, line_start)
        start = label.end() if label is not None else line_start
        lead = _ANSWER_LEAD.match(text, start)
        return lead.end() if lead is not None else start
    return end


def _first_two(
    text: str, reader: Iterator[tuple[str, int, int]], signed: bool
) -> list[tuple[str, int, int]]:
    """The first two words a cue's name is read from: past fillers and a line's label ("A:
    ..."); none where the cue is a letter's closing and a label follows it ("Sincerely,\nencl:
    Explanation of Benefits": a letter's field after its closing, no signer's name)."""
    tokens: list[tuple[str, int, int]] = []
    for token in reader:
        label = not tokens and _line_label(text, token)
        if label and signed:
            return []
        if tokens or (token[0].lower().rstrip(".") not in cues.SKIP and not label):
            tokens.append(token)
            if len(tokens) == 2:
                break
    return tokens


#: A letter's closing words, after which a name signs it.
_SIGN_OFFS = frozenset({"regards", "sincerely"})


def _line_label(text: str, token: tuple[str, int, int]) -> bool:
    """Whether a word is a speaker's label that opens its line ("speaker: it's crystal clark",
    "A: ..."): the word, then a colon, at the line's start."""
    _word, start, end = token
    line_start = text.rfind("\n", 0, start) + 1
    return text.startswith(":", end) and not text[line_start:start].strip()


_QUESTION_GOES_ON = re.compile(r"[ \t,]+(?:my|if|please|in[ \t]+case)\b", re.IGNORECASE)


def _clause_start(text: str, at: int) -> int:
    """Where the clause that `at` is in starts: after the last line break or the last comma,
    semicolon or sentence's end before it."""
    start = text.rfind("\n", 0, at) + 1
    for match in _CLAUSE_BREAK.finditer(text, start, at):
        start = match.end()
    return start


_CLAUSE_BREAK = re.compile(r"[,;.!?](?=[ \t])")
#: (a subtitle's dash may open the next speaker's sentence: "first name Lisa. - How can I
#: help you today?")
#: A sentence's end that ends its line too.
_ENDS_ITS_LINE = re.compile(r"[ \t]*[.!][ \t]*\r?\n")
_SENTENCE_BREAK = re.compile(r"[.!][ \t]+(?:[-–—][ \t]*)?[A-Z]")
#: Blank lines (at most two) before the answer's line.
_BLANK_LINES = re.compile(r"(?:[ \t]*\r?\n){1,2}")
#: "is that newman like it sounds": the name before the trigger's end.
_IS_THAT_LIKE = re.compile(
    r"\b(?:is[ \t]+that|that's|thats|it's|its)[ \t]+(?P<n>[A-Za-z][A-Za-z'\-]{1,24})"
    r"[ \t]+like[ \t]+it[ \t]+sounds\Z",
    re.IGNORECASE,
)
#: A surname given as the answer, then how it is spelled: "Flores. Like it sounds." on the
#: line (or after the label) where the answer starts.
_ANSWERED_LIKE = re.compile(
    r"(?:^|[:>][ \t]*)[ \t]*(?:(?:um|uh|yeah|yes|sure|it's|its)[,.]?[ \t]+)?"
    r"(?P<n>[A-Za-z][A-Za-z'\-]{1,24})[.,]?[ \t]+like[ \t]+it[ \t]+sounds\Z",
    re.IGNORECASE | re.MULTILINE,
)
#: A surname, then "first name" (where the trigger for the first name ends).
#: A last initial after a name, at the end of its line or field ("Stephen S.", "Paul D.""):
#: not "I." (a sentence's word).
LAST_INITIAL = re.compile(r"[ \t](?!I\.)[A-Z]\.(?=[ \t]*(?:\r?\n|\Z|[\"',;)|<]))")
#: Words said after a name in Hindi and Tagalog that are no part of it ("mera naam Nicholas
#: hai", "Butler po").
_AFTER_NAME_PARTICLES = frozenset({"hai", "hain", "po", "ji"})


def _before_particle(text: str, s: int, e: int) -> int:
    """The end of the name at [s, e) without a particle said after it, where a word is left."""
    head, _, last = text[s:e].rpartition(" ")
    if head.strip() and last.lower() in _AFTER_NAME_PARTICLES:
        return s + len(head.rstrip())
    return e


_SURNAME_THEN_FIRST = re.compile(
    r"(?<![\w'\-])(?P<s>[A-Za-z][A-Za-z'\-]{1,24}),[ \t]+(?:first[ \t]+name|primer[ \t]+nombre)\Z",
    re.IGNORECASE,
)
#: The cues for a first name, after which a surname may follow too.
_FIRST_NAME_CUES = frozenset({"first name", "primer nombre"})
#: Words that answer, no surname: "yeah. like it sounds."
_ANSWER_WORDS = frozenset(
    "yeah yes yep yup no nope okay ok sure right exactly correct um uh just spelled".split()
)
#: The spelling given back after it, in the normaliser's capitals: the rest of the question's
#: turn, then "no it's" or "yes" and the letters ("uh no it's NEWMAN").
_SPELLED_BACK = re.compile(
    r"[^\n]{0,40}?(?:\n[^\n:|>]{0,40}(?::|\||>>?)?)?[^\n]{0,30}?"
    r"\b(?:it's|its|it[ \t]+is|spelled|no|yes|yeah)[ \t,]+(?P<s>[A-Z]{2,})\b"
)
#: The keys of a record's fields that hold a person's name (not "name" itself, which the name
#: field's trigger reads), then what parts a key from its value in a JSON, a YAML, a log's
#: key=value, an XML element, an HTML or a Markdown table, a form's aligned label.
_PERSON_KEYS = (
    r"owner|assignee|assigned[ _]?to|rep[ _]?name|handled[ _]by|given[ _]?name|supervisor"
    r"|first[ _]?name|last[ _]?name|surname|family[ _]?name|fname|lname"
    # (a record's holder of a card or an account, its customer's or applicant's full name:
    # "cardholder=Savak Yüksel pan=...", 'name="full_name"><value>', "ApplicantName")
    r"|card[ _]?holder|account[ _]?holder|full[ _]?name|(?:customer|cust|client|applicant"
    r"|employee|payee|payer|insured|patient|debtor|borrower|guarantor)[ _]?name"
    # (a telephony log's caller ID name: "agi_calleridname: WOODWARD ROBERT", "CNAM")
    r"|caller[ _]?id[ _]?name|calleridname|cnam"
    # (a pay stub's employee: "Employee:  Anita Fornalik")
    r"|employee"
    # (a clinical document's name parts, "<given>Osvaldo</given><family>Andreotti</family>",
    # which `written_forms` reads "given: Osvaldo")
    r"|given|family"
)
_KEY_END = (
    r"(?:[\"'`]?[ \t]*[:=|][ \t]*(?:\*\*[ \t]*)?|>|</th>[ \t]*<td>"
    # (a form's field named in an attribute, its value in the element inside: '<field
    # name="full_name"><value>', "<item name='ApplicantName'><text>")
    r"|[\"']>[ \t]*<(?:value|text)>)"
)
_PERSON_KEY_TRIGGER = (
    rf"(?:\b|_)(?:{_PERSON_KEYS}){_KEY_END}"
    # (a name's parts as an object's fields with quoted values, a Mongo shell's or a
    # script's: "name: { first: 'Kathryn', last: 'Livingston' }")
    r"|\b(?:first|last)[ \t]*:[ \t]*'"
    # ("Agent:" and "Advisor:" open every other line of a transcript: their fields only as a
    # record writes them, '"agent": "', "<Agent>", "agent=", an aligned "AGENT      : ", a
    # table's "| Agent |", YAML's "agent: 'Kristin'")
    r"|(?:\b|_)(?:agent|advisor)(?:[\"'`][ \t]*[:=][ \t]*[\"'`]?|=|>|</th>[ \t]*<td>"
    r"|[ \t]{2,}:[ \t]*|:[ \t]{2,}|[ \t]*:[ \t]*(?:<b>|[\"'])|[ \t]*\|[ \t]*)"
    # (or who wrote a note: "--- Comment by Paul (", "NOTE by Larry", "Note de Cécile")
    r"|(?:comment|note|notes|updated|created|closed)[ \t]+(?:by|de)[ \t]"
    # (who handled a form or a record: "Received by C. Ramos - fax to ...")
    r"|(?:received|reviewed|approved|processed|verified|prepared|entered|handled)[ \t]+by[ \t]"
    # (whose identity a log or a note says was checked, who a transfer went to or came from,
    # who else may act on the account: "identity verified for Aurelia Jamroz dob=...",
    # "<NAME>ZELLE TO DANIEL ANDERSON", "3rd party auth: Juliana da Mota (spouse)")
    r"|(?:identity|id|caller|customer)[ \t]+verified[ \t]+for[ \t]"
    r"|(?:zelle|transfer|wire|venmo)[ \t]+(?:to|from)[ \t]"
    r"|(?:3rd|third)[ \t\-]?party[ \t]+auth(?:ori[sz]ed|orization)?[ \t]*:[ \t]*"
    r"|additional[ \t]+driver[ \t]*(?::[ \t]*|\r?\n[ \t]*)"
    # (or a calendar invite's or a directory's common name: "ATTENDEE;...;CN=Tony (Tech):")
    r"|[;,]cn="
    # (a log's customer as a key, not a transcript's "Customer:" label: 'customer="Ridhi
    # Sankaran"', "customer=Jane Bùi email=...")
    r"|(?:\b|_)customer(?:=|[\"'`][ \t]*[:=])"
)
#: Parts of the keys of fields that hold a person's name and nothing else.
_NAME_ONLY_KEYS = ("last", "sur", "family", "lname", "first", "fname", "given")
#: The key `_PERSON_KEY_TRIGGER` matched, ending where the value starts.
_PERSON_KEY_AT = re.compile(rf"(?:{_PERSON_KEY_TRIGGER})\Z", re.IGNORECASE)
#: A name field's value: a quote or a tag before it perhaps, one to three words, then the
#: field's end (a quote, a tag, "|", a line's end, two blanks, the next key=).
#: Sounds a speaker makes before an answer, never a name a record's field holds.
_HESITATIONS = frozenset("um umm uhm uh ah er erm hmm mm ha haha hm".split())
_PERSON_VALUE = re.compile(
    r"[ \t]*(?:<b>|<td>|[\"'`])?"
    # (an initial first: "Received by C. Ramos")
    # (or the surname first, a comma, the given name and an initial: "MCCARTHY, KEVIN G")
    r"(?P<v>[^\W\d_][^\W\d_'\-]*,[ \t][^\W\d_][^\W\d_'\-]*(?:[ \t][A-Z]\.?)?"
    r"(?=[ \t]*\r?\n|[ \t]{2,}|[ \t]*\Z)"
    r"|(?:[A-Z]\.[ \t]?)?[^\W\d_][^\W\d_'\-]*(?:[ \t][^\W\d_][^\W\d_'\-]*){0,2}?)"
    # (a log's next key may be camel case, spelled out as words: "lastName=" as "last name=")
    # (in lower case: "Aurelia Jamroz dob=" is a name before a key, not a name and a key)
    r"(?=[\"'`<|,;)(]|[ \t]*\r?\n|[ \t]*\Z|[ \t]{2,}|[ \t]+(?:[a-z_]+[ \t])?[A-Za-z_]+="
    # (a record's row of fields apart by bars: "Owner: R. Moses | Opened 11/26/2025")
    r"|[ \t]+[-–(|])"
)
#: After "thanks" or "thank you": for waiting, then the caller's first name ending the turn.
_THANKED_FOR_WAITING = re.compile(
    r"(?:[ \t]+(?:so|very)[ \t]+much)?[ \t]+for[ \t]+(?:waiting|holding|your[ \t]+patience)"
    # (or the agent who takes the call over, by name: "Thanks for holding, Priya with the
    # billing team", "thanks for holding keisha i have your account up")
    r"[ \t,]+(?P<n>[A-Za-z]{2,20})[ \t]*(?=[.,!?<\"\n]|\Z|(?:with|from|here|i)\b)",
    re.IGNORECASE,
)
#: A call's closing words before the name they address and its comma (`_ADDRESSED_AT_CLOSE`).
_CLOSING_TRIGGER = (
    r"\b(?:(?:help|assist)\syou\swith(?:\stoday)?|do\sfor\syou(?:\stoday)?"
    r"|have\sa\s(?:great|good|nice|wonderful|lovely|blessed)\s(?:day|one|evening|night"
    r"|weekend|afternoon|morning)|you'?ve\sbeen\s(?:great|so\shelpful|very\shelpful|wonderful"
    r"|amazing|a\s(?:big\s)?help|really\shelpful)|all\sset|for\s(?:holding|waiting)"
    r"|thanks\sagain|thank\syou\sagain),"
)
#: After the comma: one word or two, then the sentence's end, the next comma or the turn's end.
_ADDRESSED_AT_CLOSE = re.compile(
    r"[ \t]*(?P<n>[^\W\d_][^\W\d_'\-]{1,20}(?:[ \t]+[^\W\d_][^\W\d_'\-]{1,20})?)"
    r"[ \t]*(?=[.?!,]|\r?\n|\Z)"
)
#: After a greeting in another language: capitalised words, then what closes the address.
_FOREIGN_ADDRESSED = re.compile(
    r"[ \t]+((?:[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'\-]+)(?:[ \t]+[A-Z\u00c0-\u00de]"
    r"[a-z\u00df-\u00ff'\-]+){0,2})[ \t]*[,:!.\n]"
)
#: A call's opening that names the line the caller reached ("thanks for calling" fires in
#: most calls: 2.7% more matches in the multi-pattern stage, for the agent's name in "thanks
#: for calling harbor billing dave speaking", which 39 calls of `calls4` say).
#: (one blank between its words, `TRIGGER_SPACE`: an unbounded `\s+` cost the multi-pattern
#: stage 4.5% of its instructions)
#: What a person did, after their name in a note (`_before_verb`).
_DID_TRIGGER = (
    r"\s(?:called|says|said|wants|wanted|asked|requested|needs|reported|stated|disputes"
    # (or a caller's greeting after their name: "yes, joseph meza, hi.")
    r"|disputed|claims|claimed|phoned|emailed|hi"
    # (an audit trail's line: "2026-10-13T19:31:15Z C. Brooks changed MailingPostalCode ...")
    r"|changed)"
)
#: Two words set off by commas right before it: "yes, kevin banks, hi".
_SET_OFF_PAIR = re.compile(r",[ \t]+[A-Za-z][a-z'\-]+[ \t]+[A-Za-z][a-z'\-]+,[ \t]+\Z")
#: An initial and a capitalised surname right before it: "C. Brooks".
_INITIAL_BEFORE = re.compile(r"(?<![\w.'\-])([A-Z])\.[ \t]?([A-Z][a-z'\-]+)[ \t]+\Z")
#: Two words right before it, at a line's or a clause's start or after a word.
_PAIR_BEFORE = re.compile(r"(?<![\w'\-])([A-Za-z][a-z'\-]+)[ \t]+([A-Za-z][a-z'\-]+),?[ \t]+\Z")
_WELCOMED_TRIGGER = r"\b(?:welcome\sto|through\sto|for\scalling|you've\sreached|you\shave\sreached)"
#: After it (on the same line): the line's name (up to six words), then the agent's name,
#: stated ("it's thomas", "this is ana" at the end of the turn or the sentence), before "here"
#: or "speaking" ("emma here"), or right after "you've reached" ("Eric, how may I").
_WELCOMED_NAME = re.compile(
    # (a comma after the greeting or the line's name: "Good morning, Oak & Pine Home, Anthony
    # here", "you've reached summit natural gas, jonathan speaking")
    r",?[ \t]+(?:[A-Za-z'&.\-]+,?[ \t]+){0,6}?"
    r"(?:(?P<cue>it'?s|this[ \t]+is|my[ \t]+name[ \t]+is)[ \t]+(?P<stated>[A-Za-z]{2,20})"
    r"(?=[ \t]*(?:[.,!?\"<\n]|\Z|here\b|speaking\b|how\b|what\b))"
    r"|(?P<here>[A-Za-z]{2,20})[ \t]+(?:here|speaking)\b"
    # ("you've reached Eric, how may I assist you", "you've reached David, agent number E614",
    # "you've reached Leonard. Who do I have the pleasure of speaking with?")
    r"|(?<=reached[ \t])(?P<reached>[A-Za-z]{2,20})(?=[ \t]*(?:,[ \t]*(?:how|what|this|speaking"
    r"|agent|employee|operator|rep|badge|extension|ext|id)\b|[.!][ \t]+(?:how|what|who|can|may"
    r"|with)\b)))",
    re.IGNORECASE,
)
#: The last letters of the greetings that open a call ("good morning", "good afternoon",
#: "good evening").
_DAY_GREETING_ENDS = frozenset({"ning", "noon"})
#: What ends a turn or a sentence right after a word ("" at the text's end).
_TURN_ENDS = frozenset({"", ".", ",", "!", "?", '"', "<", "\n", "\r"})
#: A line's or a team's name, an agent's first name, "here" (`_AGENT_HERE`).
_LINE_WORDS = (
    r"support|care|services|service|team|desk|line|billing|helpdesk|office|center|pharmacy"
    r"|bank|insurance|wireless|airlines|utilities|energy|clinic|lending|mortgage|plan|group"
    r"|cruises|travel|loans|finance|rewards"
)
#: "with" and a capitalised word after an introduced name: "this is Mark with Redline".
_WITH_COMPANY = re.compile(r"[ \t]+with[ \t]+[A-Z]")
_ON_RECORDED_LINE = re.compile(r"[ \t]+on[ \t]+an?[ \t]+recorded[ \t]+line\b", re.IGNORECASE)
#: What follows the value of a "name" that is one of a name and a value: '"name": "Host",
#: "value": ...'.
_NAME_VALUE_PAIR = re.compile(r"""["'][ \t]*,[ \t]*["'](?:value|confidence)["'][ \t]*:""")
#: What follows a word of code, no name: its members ("json.call"), then an index, a call's
#: bracket or an assignment ("json.turns[4] = {};", "json.call = {};"); a field's bar (HL7's
#: segment "NTE|21|L|...").
_CODE_AFTER = re.compile(r"(?:\.[A-Za-z_]\w*)*(?:[\[(|]|[ \t]*=[ \t]*[\[{\"'\w])")
#: A call's opening formula right before a self-introduction: "thank you for holding",
#: "thanks for calling tallgrass tax services", "good morning", "hello".
_CALL_OPENED = re.compile(
    r"\b(?:for[ \t]+(?:holding|waiting|your[ \t]+patience|calling(?:[ \t]+[\w'&]+){0,4})"
    r"|good[ \t]+(?:morning|afternoon|evening)|hello|hi|hey)[ \t,.!]*\Z",
    re.IGNORECASE,
)
#: The company an agent works for, after their name: "with northwind", "at tallgrass" (not
#: "with a fraud alert", "at the moment").
_AT_COMPANY = re.compile(
    r"[ \t]+(?:with|at)[ \t]+(?!(?:an?|the|your|my|you|me|us|it|this|that|what|all)\b)[A-Za-z]",
    re.IGNORECASE,
)


def _with_company(text: str, cue_text: str, cue_start: int, first: str, end: int) -> bool:
    """ "this is Mark with Redline Auto Finance": a capitalised word introduced, then "with"
    and the company's (as "here" and "from" close a name: even a word's, Mark, Crystal); in
    lower case, after a call's opening formula ("thank you for holding this is joy with
    northwind", "thanks for holding this is bill at tallgrass tax services")."""
    if cue_text not in cues.SELF_INTRODUCTIONS:
        return False
    # ("this is dawn on a recorded line": a call's opening formula, in lower case too)
    if _ON_RECORDED_LINE.match(text, end) is not None:
        return True
    if (
        _AT_COMPANY.match(text, end) is not None
        and _CALL_OPENED.search(text, max(0, cue_start - 60), cue_start) is not None
    ):
        return True
    return first[:1].isupper() and _WITH_COMPANY.match(text, end) is not None


# (a comma after the line's words: "Vantage Fiber customer care, William here")
#: Whose name a form or an agent asks for by their role, no name: "the Cardholder's full name".
_ROLE_WORDS = frozenset(
    """cardholder holder account member customer client caller patient user owner applicant
    beneficiary employee borrower student child guest passenger recipient sender insured
    policyholder subscriber primary secondary cosigner co-signer dependent dependant payee
    payer agent rep representative person contact driver tenant resident""".split()
) | frozenset(cues.RELATIVES)
_POSSESSIVE_NAME = re.compile(
    r"(?<![\w'\-])(?P<name>[^\W\d_][^\W\d_'\-]*)'s\s(?:last|first|middle|full|sur)\s?name\Z",
    re.IGNORECASE,
)
#: "agent" and the blank after it (the weak cue's trigger leaves it out).
_AGENT_NAMED = r"(?:\b|_)agent "
#: A line that opens with a house number and a word ("5318 Hanna", "  12B Oak").
_HOUSE_OPENS = re.compile(r"[ \t]*\d{1,6}[A-Z]?[ \t]+[A-Za-z0-9]")
#: A line's first field (to its end, or to two blanks or more): two or three words, a middle
#: initial among them.
_NAME_FIELD_ABOVE = re.compile(
    r"[ \t]*([A-Za-z][A-Za-z'\-]+(?:[ ][A-Za-z]\.?)?(?:[ ][A-Za-z][A-Za-z'\-]+){1,2})"
    r"(?:[ \t]{2,}|[ \t]*\r?$)"
)
#: (the trigger from "here" on: a literal's; the comma and the name are the exact pattern's)
_HERE_ASKS_TRIGGER = r"\shere[.,!]?\s(?:how|what)\s(?:can|may)\si\b"
_HERE_ASKS = re.compile(
    r"(?P<comma>,)?[ \t]+(?P<name>[A-Za-z]{2,20})[ \t]+here[.,!]?[ \t]+(?:how|what)[ \t]+"
    r"(?:can|may)[ \t]+i\Z",
    re.IGNORECASE,
)
#: A first name before "here" where a message opens: the text's start, a line's, a quote's,
#: or after a label's colon.
_HERE_AT_START = re.compile(
    r"(?:\A|(?<=[\n\"'>])|(?<=[:\]][ \t]))[ \t]*(?P<name>[A-Z][a-z]{1,20})[ \t]here[,.!]\Z"
)
_AGENT_HERE = re.compile(
    rf"\b(?:{_LINE_WORDS}),?[ \t]+(?P<name>[A-Za-z]{{2,20}})[ \t]+here\Z", re.IGNORECASE
)
#: The rest of a question's line after its cue that asks nothing more ("today", "please").
_COURTESY_REST = re.compile(
    r"[ \t,]*(?:today|please|now|right[ \t]+now|for[ \t]+me|again|sir|ma'am|today[ \t]+please"
    r"|please[ \t]+today"
    # "recipient's full name as it appears on their bank account"
    r"|as[ \t]+it[ \t]+appears(?:[ \t]+on[ \t]+(?:the|their|your|his|her)[ \t]+(?:bank[ \t]+)?"
    r"(?:account|card|id|license|licence|passport))?)?[ \t.,]*",
    re.IGNORECASE,
)


def _word_end(text: str, pos: int) -> int:
    """The end of the word that goes on at `pos` ("Ang" + "élica": an ASCII trigger's end)."""
    while pos < len(text) and text[pos].isalpha():
        pos += 1
    return pos


def _to_word_end(text: str, cand: Candidate) -> Candidate:
    """`cand`, to the end of its last word where a trigger of ASCII letters ended inside it
    ("Customer (Jane Phạm)" was found as "Jane Ph"), and on over a surname after a slash in
    capitals ("CARDHOLDER: DONALD/SANDERS", as receipts print a name)."""
    end = _word_end(text, cand.end) if text[cand.end - 1].isalpha() else cand.end
    slash = _SLASH_SURNAME.match(text, end) if text[cand.start : end].isupper() else None
    if slash is not None:
        end = slash.end()
    if end == cand.end:
        return cand
    return replace(cand, end=end, value=_norm(text[cand.start : end]))


#: "/SANDERS" after a name in capitals
_SLASH_SURNAME = re.compile(r"/[^\W\d_a-z]{2,}(?![\w/])")


def _served_by_end(text: str, cue_text: str, s: int, e: int) -> int:
    """The end of the agent's name after "le atiende": "le atiende Jorge de Bluecrest Bank"
    is the agent, then the company."""
    if cue_text in cues.SERVED_BY and (cut := text.find(" de ", s, e)) > 0:
        return cut
    return e


#: What an answer says before the name it gives: "it's going to sean nicholson", "my landlord
#: amy scott", "a friend of mine jon baker", "the account is in the name julie grant".
_ANSWER_LEAD = re.compile(
    # (the agent greeted by name first: "hi darrell, yeah it's kristen smith")
    r"[ \t]*(?:(?:hi|hello|hey)[ \t]+[A-Za-z]+,[ \t]+"
    r"|(?:yeah|yes|yep|yup|hi|hello|hey|there|um|uh|uhm|hmm|ah|oh|okay|ok|so|sure"
    r"|well|like|alright|you[ \t]+know)[ \t,.]+)*"
    r"(?:(?:(?:it's|it[ \t]+is)[ \t]+(?:going[ \t]+to|for)"
    # "it's under my dad name actually brittany duncan" (the holder's, said by another)
    r"|(?:it's[ \t]+|it[ \t]+is[ \t]+)?under[ \t]+my[ \t]+[a-z]+(?:'s)?[ \t]+name"
    r"(?:[ \t]+actually)?"
    # "yeah the name was monica lynn" (another driver's, a third party's)
    r"|the[ \t]+name[ \t]+(?:was|is)"
    r"|(?:the[ \t]+account[ \t]+is|it's|it[ \t]+is)[ \t]+in[ \t]+the[ \t]+name(?:[ \t]+of)?"
    r"|(?:it's[ \t]+|to[ \t]+)?(?:my|our)[ \t]+(?:landlord|cousin|friend|roommate|aunt|uncle|niece"
    r"|nephew|grandmother|grandfather|grandma|grandpa|boss|brother|sister|mom|mother|dad|father"
    r"|son|daughter|wife|husband|partner|tenant|contractor|neighbor|neighbour|coworker"
    r"|colleague|girlfriend|boyfriend|fianc[eé]e?|stepmom|stepdad|caregiver|roommate)"
    r"|(?:it's[ \t]+|to[ \t]+)?a[ \t]+friend[ \t]+of[ \t]+mine"
    r"|(?:est[aá][ \t]+)?a[ \t]+nombre[ \t]+de)[ \t]+)?",
    re.IGNORECASE,
)


#: A chat message's label at its line's start, with its time perhaps: "9:07 AM - Cliente: ",
#: "[10:01] Guest: ", "Customer (12:10:38): ".
_ANSWER_LABEL = re.compile(
    r"[ \t]*(?:(?:[^\n]{0,40}?\d{1,2}:\d{2}(?::\d{2})?[^\n:]{0,30}|[^\n:?!.]{1,40}):"
    # (in brackets, or before ">": "[CALLER] ...", "[spk_1] ...", "CUS> ...")
    r"|\[[\w \-]{1,30}\]|[A-Za-z_]{1,12}>)[ \t]+"
    # (a caption's mark of the next speaker after it: "speaker: >> it's um emma scott")
    r"(?:>>[ \t]+)?"
    # (or a role's abbreviation in capitals, then two blanks or a tab: "CUS  berg, connie")
    rf"|[ \t]*{ROLE_ABBREVIATION_LABEL}"
)
#: What someone did to a record, then "by" and who (an audit trail's line).
_DONE_BY = re.compile(
    r"\b(?:changed|updated|modified|edited)[ \t]+from\b[^\n]{0,100}?[ \t]to\b[^\n]{0,100}?"
    r"[ \t](by)[ \t]+\Z",
    re.IGNORECASE,
)


def _by_before(text: str, start: int) -> bool:
    """Whether " by" and blanks end the text before `start`, as `_DONE_BY` wants (looked at
    first: its search over the line before costs every capitalised pair 3 us)."""
    return text[max(0, start - 12) : start].rstrip(" \t")[-3:].lower() in (" by", "\tby")


#: The start of a "Customer:" line (`CUSTOMER_LINE_TRIGGER` begins at the word).
_CUSTOMER_LABEL = re.compile(r"[ \t]*(?:[-*][ \t]+)?(?:\*\*)?(?:Customer|CUSTOMER)\b")
#: A third capitalised word after a pair ("Nguyen Thi Bao"), on the same line.
_NEXT_CAPITAL = re.compile(r"[ \t]+([A-Z][a-z]+)\b")
_CAPS_PAIR_RE = re.compile(
    r"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+(" + cues.NAME_PREFIX + r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)
_CAPS_PAIR_AT_END = re.compile(_CAPS_PAIR_RE.pattern + r"\Z")


_INTRODUCED_BEFORE = re.compile(r"(?i:\b(?:it'?s|it[ \t]is|this[ \t]is|name[ \t]is))[ \t]\Z")
_SURNAME_THEN_WHOLE = re.compile(
    r"([^\W\d_]{2,}),[ \t]+([^\W\d_]{2,})[ \t]+(\1)(?![\w'\-])", re.IGNORECASE
)
_SPELLED = re.compile(rf"(?<![\w'\-])({WORD}),?\s+(?:spelled\s+|that's\s+)?([A-Z]{{3,}})\Z")
#: Letters that have no decomposition to fold them by ("Łyś" is spelled "L Y S").
_UNFOLDED = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})


#: A request to spell a name, then at most a speaker's label and a few words before the
#: spelling: "could you spell your last name for me?\nCustomer: sure, SMITH".
_SPELL_NAME_ASKED = re.compile(
    r"(?:\bspell\w*\s(?:[^\n\d]{0,30}?\b(?:(?:first|last|middle|maiden|full|family|given|your"
    r"|his|her|their|the|my|that)\s+names?|surnames?)|(?:that|it)\b)[^\n\d]{0,20}"
    # (or the agent's "and that's spelled" after a name, speech-to-text's question, that
    # ends the turn)
    r"|\b(?:that'?s|it'?s|that[ \t]+is|is[ \t]+that|how'?s[ \t]+that|how[ \t]+is[ \t]+that)"
    r"[ \t]+spelled[ \t?.,]*\n)"
    r"\n?(?:[A-Za-z][\w .]{0,20}(?::|[ \t]+[\->]{1,2}))?[^\n\d]{0,16}\Z",
    re.IGNORECASE,
)
#: A request to spell a word said in it ("how do you spell montoya"), then the answer's turn.
_SPELL_WORD_ASKED = re.compile(
    r"\bspell[ \t]+(?P<w>[^\W\d_]{3,})[^\n\d]{0,20}\n?(?:[A-Za-z][\w .]{0,20}(?::|[ \t]>))?"
    r"[^\n\d]{0,16}\Z",
    re.IGNORECASE,
)
_CAPS_AT_END = re.compile(r"\b[A-Z]{3,}\Z")
#: A request to spell a word, anywhere (`_last_spell_request`), and how far back it may be.
_SPELL_REQUEST = re.compile(r"\bspell[ \t]+(?P<w>[^\W\d_]{4,})", re.IGNORECASE)
_SPELL_REACH = 200


def _passenger(text: str, end: int) -> Candidate | None:
    """A passenger's name as a reservation writes it, surname first in capitals: "pax
    ARMENDÁRIZ/CRISTIAN", "passenger: LUGO/CLARA MRS" (`end`: after the given name's first
    letter)."""
    slash = text.rfind("/", max(0, end - 40), end)
    if slash < 0:
        return None
    head = _GDS_SURNAME.search(text, max(0, slash - 30), slash)
    tail = _GDS_GIVEN.match(text, slash + 1)
    if head is None or tail is None:
        return None
    reasons = ("a passenger's name, surname first", "context 'pax' before")
    value = f"{text[head.start() : slash]}/{tail.group()}".lower()
    return Candidate(PERSON, head.start(), tail.end(), 0.85, reasons, value)


_GDS_SURNAME = re.compile(r"[^\W\d_a-z][^\W\d_a-z'\-]+\Z")
_GDS_GIVEN = re.compile(r"[^\W\d_a-z][^\W\d_a-z'\-]+(?:[ \t]+(?:MRS|MR|MS|MISS|MSTR|DR)\b)?")


#: What follows an identifier's prefix in capitals: "-972154", "#44", "12".
_ID_AFTER = re.compile(r"[-#_/:]?\d")


#: An agent who reads back the first letters of a name just spelled, to check them: "Was that
#: KL?" (the normaliser's capitals for "k as in king l"), "was that y o", "was that b-e".
_READ_BACK_START = Caseless(
    r"\b(?:was|is)[ \t]+(?:that|it)[ \t]+(?P<v>[a-z]{2,}|[a-z](?:(?:[ \t]*-[ \t]*|[ \t]+)"
    r"[a-z]){1,5})(?=[ \t]*[?.,!]|[ \t]*\r?\n|[ \t]*\Z)"
)
#: How far after a name its letters may be read back.
_READ_BACK_REACH = 300


def _read_back_starts(text: str, found: Sequence[Candidate]) -> list[Candidate]:
    """The first letters of a name found before, read back ("Was that KL?" after "KLINE"):
    letters alone, they are the name's start all the same."""
    out: list[Candidate] = []
    for cand in found:
        words = [w for w in cand.value.lower().split() if len(w) > 2]
        if not words:
            continue
        stop = min(len(text), cand.end + _READ_BACK_REACH)
        for match in _READ_BACK_START.finditer(text, cand.end, stop):
            letters = "".join(ch for ch in match.group("v").lower() if ch.isalpha())
            if any(len(letters) < len(w) and w.startswith(letters) for w in words):
                reasons = ("the first letters of a name found before, read back",)
                out.append(Candidate(PERSON, *match.span("v"), 0.8, reasons, letters))
    return out


def _spelled(text: str, end: int) -> Candidate | None:
    """ "berry, b e r r y" (normalised to "berry, BERRY"): a word and its spelling; or a word
    spelled after a request to spell a name ("spell your last name for me?" / "s, m, i, t, h")."""
    match = _SPELLED.search(text, max(0, end - 60), end)
    if (
        match is not None
        and _spelling(match.group(1)) == match.group(2)
        # "case CASE-972154", "ref REF-605": an identifier's prefix, no spelling
        and not _ID_AFTER.match(text, end)
    ):
        reasons = ("word followed by its spelling",)
        return Candidate(PERSON, match.start(), end, 0.85, reasons, match.group(1).lower())
    caps = _CAPS_AT_END.search(text, max(0, end - 40), end)
    if (
        caps is None
        or text[end : end + 1] in (":", "]", ">", "|")
        or _label_alone(text, caps.start(), end)
    ):
        # (or a speaker's label after the request: "CALLER: SMITH", "CUS  horton, ...", or
        # a record's name before its fields: an HL7 note's "NTE|10|L|PT: C A R T E R.")
        return None
    before = max(0, caps.start() - 100)
    # ("how do you spell montoya" / "yeah m o n t o uh y a": the word asked for, spelled)
    asked = _SPELL_WORD_ASKED.search(text, before, caps.start())
    if asked is not None and _spelling(asked.group("w")) == caps.group():
        reasons = ("spelled after a request to spell that word",)
        return Candidate(PERSON, caps.start(), end, 0.85, reasons, asked.group("w").lower())
    # (or spelled in pieces over the caller's turns: "how do you spell hendrix" / "let me see
    # h e as in edward n d" / "got it" / "r i x": its first letters, then the rest)
    word = _last_spell_request(text, caps.start())
    if word is not None and (
        (spelled := _spelling(word)).startswith(caps.group()) or spelled.endswith(caps.group())
    ):
        reasons = ("spelled in pieces after a request to spell that word",)
        return Candidate(PERSON, caps.start(), end, 0.85, reasons, word.lower())
    if not _SPELL_NAME_ASKED.search(text, before, caps.start()):
        return None
    reasons = ("spelled after a request to spell a name",)
    return Candidate(PERSON, caps.start(), end, 0.85, reasons, caps.group().lower())


def _label_alone(text: str, start: int, end: int) -> bool:
    """Whether the word from `start` to `end` opens its line and two blanks or a tab follow
    it: a speaker's label in a log's columns ("CUS  horton, h-o-r-t-o-n"), no spelling (a
    transcript that parts its utterances with two blanks, "that's g a r c i a  can i get",
    spells at no line's start)."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text.startswith(("  ", "\t"), end)


def _last_spell_request(text: str, start: int) -> str | None:
    """The word of the last request to spell one ("how do you spell hendrix") in the 200
    characters before `start`, or None."""
    requests = list(_SPELL_REQUEST.finditer(text, max(0, start - _SPELL_REACH), start))
    return requests[-1].group("w") if requests else None


def _mentions(text: str, tokens: set[str]) -> list[tuple[int, int]]:
    """Whole-word, caseless occurrences of `tokens`, adjacent ones merged ("john smith").
    Linear in the text: a long file with thousands of names is read word by word once."""
    if len(tokens) <= 4 and len(text) <= 20_000 and text.isascii():
        spans = _find_tokens(text.lower(), tokens)  # a few names in a turn: str.find is fastest
    else:
        spans = [m.span() for m in _WORD_RE.finditer(text) if m.group().lower() in tokens]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and text[merged[-1][1] : s].isspace() and len(text[merged[-1][1] : s]) <= 2:
            merged[-1] = (merged[-1][0], e)
        elif not merged or s >= merged[-1][1]:
            merged.append((s, e))
    return merged


def _find_tokens(low: str, tokens: set[str]) -> list[tuple[int, int]]:
    spans = []
    for token in tokens:
        pos = low.find(token)
        while pos != -1:
            end = pos + len(token)
            before_ok = pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "_")
            after_ok = end == len(low) or not (low[end].isalnum() or low[end] == "_")
            if before_ok and after_ok:
                spans.append((pos, end))
            pos = low.find(token, end)
    spans.sort()
    return spans


_WORD_RE = re.compile(r"[^\W\d_][\w'\-]*")
#: An e-mail address's local part before its "@", and what splits it into words.
_LOCAL_PART = re.compile(r"[\w.+\-']+\Z")
_LOCAL_SPLIT = re.compile(r"[^a-z]+")
#: How far before an e-mail address its owner's name is looked for.
_NAMED_BY_ADDRESS_REACH = 160
#: An initial joined to the first name after it: "H.-Dieter", "J.-P. Sartre".
_INITIAL_JOINED = re.compile(r"(?<![\w.])[A-Z]\.[ \t]?-?\Z")
_STREET_BEFORE = re.compile(r"\d+[A-Za-z]?(?:\s+[A-Za-z.'\-]+){1,4}\s+\Z")
_BREAK = re.compile(r"[\n.!?;:]")
#: After a greeting, the agent's name, then "it's" and the caller's own: "hi maria, yeah it's "
_GREETED_THEN_SAID = re.compile(
    r"[ \t]+[A-Za-z]+,?[ \t]+(?:(?:yeah|yes|yep|so|um|uh)[ \t,]+)*(?:it's|it[ \t]+is)[ \t]+",
    re.IGNORECASE,
)
#: A pause between two words as speech-to-text writes one: "richard... osborne".
_PAUSE = re.compile(r"(?:\.\.\.|\u2026)[ \t]+")
#: A hesitation set off by commas, between a first name and its surname ("Wendy, uh, Stone").
_HESITATION_SET_OFF = re.compile(r",[ \t]+(?:uh|um|er|erm|ah|hmm)[ \t]*,[ \t]+", re.IGNORECASE)
#: Where a turn ends after a word: a full stop perhaps, a quote, then the line's end.
_TURN_ENDS_AFTER = re.compile(r"[.!?]?[\"'»]?[ \t]*(?:\r?\n|\Z)")
#: What ends a name being extended word by word: a sentence break or a comma.
_NAME_BREAK = re.compile(r"[\n.!?;:,]")


def _tokens(text: str, pos: int, limit: int) -> Iterator[tuple[str, int, int]]:
    """Up to `limit` words from `pos` on: (word, start, end without a trailing dot)."""
    size = len(text)
    # (the letters of ASCII text with an ASCII class: 2x faster than Unicode letters in `re`)
    match_at = (cues.TOKEN_ASCII if text.isascii() else cues.TOKEN).match
    for _ in range(limit):
        match = match_at(text, pos, min(size, pos + 40))
        if match is None:
            return
        word = match.group(1)
        s, pos = match.span(1)
        bare = len(word.rstrip("."))
        yield word, s, s + bare if bare > 1 else pos


def _is_name_word(low: str) -> bool:
    """Letters, with apostrophes or hyphens inside ("friedrich-karl", "o'brien")."""
    return low.replace("-", "").replace("'", "").isalpha()


#: The apostrophe after a surname's "O" or "D" ("o'brien"), which the census lists leave out.
_NAME_APOSTROPHE = re.compile(r"\A([od])'(?=[a-z]{2})")


def _spelling(word: str) -> str:
    """The letters a word is spelled with, as the normaliser writes them: "Wójt" -> "WOJT",
    "Łyś" -> "LYS", "O'Neil" -> "ONEIL"."""
    letters = _fold(word.lower().translate(_UNFOLDED))
    return "".join(ch for ch in letters if ch.isalpha()).upper()


def _fold(low: str) -> str:
    """A word as the census lists write it: "renée" -> "renee", "garcía" -> "garcia",
    "o'brien" -> "obrien", "d'angelo" -> "dangelo"."""
    if "'" in low:
        low = _NAME_APOSTROPHE.sub(r"\1", low)
    if low.isascii():
        return low
    bare = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in bare if not unicodedata.combining(ch))


def _hyphenated_name(low: str, lex: NameLexicon, first_only: bool = False) -> bool:
    """ "jean-pierre", "mary-kate" ("garcia-lopez" too unless `first_only`): every part a
    census first name, or every part a surname."""
    parts = low.split("-")
    if len(parts) < 2 or not all(parts):
        return False
    return all(p in lex.first for p in parts) or (
        not first_only and all(p in lex.last for p in parts)
    )


#: A capitalised word with a letter beyond ASCII, then one space: "Róża ", "María ".
_UNICODE_TITLED_BEFORE = re.compile(rf"(?<![\w'\-])[^\W\d_a-z]{LETTER}*[ ]\Z")


#: After a name: one space, any particles, then a capitalised word ("de la Garza", "Đặng").
_TITLED_AFTER = re.compile(
    rf"[ ](?:(?:{'|'.join(sorted(cues.NAME_PARTICLES))})[ ])*[^\W\d_a-z]{LETTER}*(?![\w'\-])"
)


_LINE_ENDS = re.compile(r"[ \t,]*\r?\n")
#: A line or two below, a first word (group 2) and one to three capitalised words alone on
#: their line (one pattern, compiled once: the first word is compared after the match).
_NAME_LINE_BELOW = re.compile(
    rf"[ \t]*(?:\r?\n[ \t]*){{1,3}}((\S+)(?:[ \t]+{_TITLED}){{1,3}})[ \t]*(?:\r?\n|\Z)"
)


def _full_name_below(text: str, signed: Candidate) -> Candidate | None:
    """The full name a signature block gives a line or two below the name signed with ("--
    \nCamille\n\nCamille Lindqvist\nTel: ..."): the same first word, then one to three
    capitalised words, alone on their line."""
    if not _LINE_ENDS.match(text, signed.end):
        return None  # (most names: more follows them on their line)
    match = _NAME_LINE_BELOW.match(text, signed.end)
    first = text[signed.start : signed.end].split(maxsplit=1)[0]
    if match is None or match.group(2) != first:
        return None
    reasons = (*signed.reasons, "the full name below it")
    return Candidate(PERSON, *match.span(1), signed.score, reasons, _norm(match.group(1)))


def _with_whole_name(text: str, cand: Candidate) -> Candidate:
    """`cand` with the capitalised words around it that have a letter beyond ASCII, which
    the ASCII triggers could not read as part of a name: "Róża Koral", "Benjamín Garay",
    "María del Carmen", "Monika Miśkowiec", "Héctor de la Garza" were found as "Koral",
    "Garay", "del Carmen", "Monika", "Héctor"."""
    start, end = cand.start, cand.end
    if start >= 2 and text[start - 1] == " ":
        before = _UNICODE_TITLED_BEFORE.search(text, max(0, start - 30), start)
        if (
            before is not None
            and not before.group().isascii()
            and not before.group()[:1].islower()  # (the class lets "é" in: "Meu nome é X")
            and before.group().strip().lower() not in _SIGN_OFF_WORDS
        ):
            start = before.start()
    after = _TITLED_AFTER.match(text, end)
    if (
        after is not None
        and not (after.group() + text[start:end]).isascii()
        and not after.group().split()[-1][:1].islower()
    ):
        end = after.end()
    # the other half of a hyphenated name: "Anne-Marie Okafor", "Siobhan Fairweather-Lunn"
    if start and text[start - 1] == "-":
        half = _HALF_BEFORE.search(text, max(0, start - 25), start - 1)
        start = half.start() if half is not None else start
    half_after = _HALF_AFTER.match(text, end)
    if half_after is not None:
        end = half_after.end()
    if (start, end) == (cand.start, cand.end):
        return cand
    reasons = (*cand.reasons, "with the rest of the name")
    return replace(cand, start=start, end=end, reasons=reasons, value=_norm(text[start:end]))


#: Capitalised words with a letter beyond ASCII that end a sign-off, not a name's first half.
_SIGN_OFF_WORDS = frozenset({"grüßen", "grüße", "gruß", "cumprimentos", "salutations"})
_HALF_BEFORE = re.compile(r"(?<![\w\-])[^\W\d_a-z][^\W\d_]+\Z")
_HALF_AFTER = re.compile(r"-[^\W\d_a-z][^\W\d_]+(?![\w\-])")
#: Right after a name: letters one at a time, as a caller spells it ("le, l e", "Ng, N-G"), or
#: (after "that's") the capitals the normaliser wrote for a spelling.
_WORD_AT = re.compile(_WORD2)
_SPELLED_AFTER = re.compile(
    r"[,.]?[ \t]+(?:(?:[Tt]hat'?s|[Ss]pelled|[Tt]hat[ \t]+is)[,.]?[ \t]+)?"
    r"((?:[^\W\d_](?:[ \t]*[,.\-][ \t]*|[ \t]+)){1,}[^\W\d_]|[A-Z]{2,})\b"
)


#: Letters alone, one at a time, three or more ("b, r, e, n, n, a, n", "it's o, k, a, f, o, r").
_LETTERS_ALONE = re.compile(
    r"(?:(?:it'?s|that'?s|sure|yeah|yes|okay|ok)[ \t,]+)?"
    r"((?:[^\W\d_](?:[ \t]*[,.\-][ \t]*|[ \t]+)){2,}[^\W\d_])\b",
    re.IGNORECASE,
)


def _with_spelling(text: str, cand: Candidate) -> Candidate:
    """`cand` with the spelling that follows it, when the letters spell its last word: a
    short name is spelled with two letters, which the spoken-form normaliser does not take
    for a spelling ("my last name is le, l e" left "l e" in clear); or a spelling the
    normaliser wrote in capitals after "that's" ("robert hill that's h as in hotel i ...",
    read "robert hill that's HILL")."""
    spelled = _SPELLED_AFTER.match(text, cand.end)
    if spelled is None:
        return cand
    letters = "".join(ch for ch in spelled.group(1) if ch.isalpha()).upper()
    last = text[cand.start : cand.end].rsplit(maxsplit=1)[-1]
    if len(letters) < 2 or _spelling(last) != letters:
        return cand
    reasons = (*cand.reasons, "with its spelling")
    return replace(cand, end=spelled.end(1), reasons=reasons)


#: A quoted reply's header up to its "wrote:": "On Mar 10, 2025, Rajesh Patel wrote:", "On
#: Tue, Mar 4, 2025 at 9:12 AM Rajesh Patel <rajesh@example.com> wrote:".
#: (a surname's particles: "Priya de la Fuente", "Ingrid van der Berg")
_PARTICLE = r"(?:de|del|della|di|da|das|dos|du|la|le|van|von|der|den|ter|bin|binti|al|el|ibn)"
_HEADER_NAME = (
    rf"({_TITLED}(?:[ \t]+(?:{_TITLED}|[A-Z]\.|{_PARTICLE}(?=[ \t]+{_TITLED}|[ \t]+"
    rf"{_PARTICLE}[ \t]))){{0,4}})"
)
_REPLY_HEADER = re.compile(
    rf"(?:\b(?:On|Em|El|Le|Am|Il)[ \t][^\n]{{3,60}}?(?:,|\b[AP]M)[ \t]+|^[ \t>]*){_HEADER_NAME}"
    r"[ \t]*(?:<[^<>\n]{1,80}>[ \t]*)?"
    r"(?:wrote|escreveu|escribió|schrieb|a[ \t]écrit|ha[ \t]scritto)[ \t]?:\Z",
    re.MULTILINE,
)
#: Dutch's order, the name after the verb: "Op 01-09-2026 schreef Jort van Wessex <...>:".
_SCHREEF = re.compile(r"(?<=\bOp[ \t])[^\n]{3,40}?[ \t]schreef[ \t]\Z")
_NAME_AFTER_SCHREEF = re.compile(_HEADER_NAME)


def _one_case(words: Sequence[str]) -> bool:
    """Whether the words are all in capitals, or all in lower case."""
    return all(w.isupper() for w in words) or all(w.islower() for w in words)


def _reply_header(text: str, end: int) -> Candidate | None:
    if text.startswith("schreef", end - 8) and _SCHREEF.search(text, max(0, end - 48), end):
        match = _NAME_AFTER_SCHREEF.match(text, end)
    else:
        match = _REPLY_HEADER.search(text, max(0, end - 200), end)
    if match is None:
        return None
    start, stop = match.span(1)
    if text.count(" van ", start, stop) > 1:
        # "schreef Jort van Wessex van Brightpath": the last "van" says where they write from
        stop = text.rfind(" van ", start, stop)
    words = text[start:stop].split()
    if any(word.lower() in cues.ORGANISATION_WORDS for word in words):
        return None  # "Acme Support <help@acme.com> wrote:"
    reasons = ("a quoted reply's header",)
    return Candidate(PERSON, start, stop, 0.85, reasons, _norm(text[start:stop]))


#: An input's name that says it holds a person's name, and an attribute's value (group 1).
_NAME_INPUT = re.compile(
    r"\bname\s*=\s*[\"']?(?:(?:full|first|last|given|family|sur|middle|customer|holder"
    r"|card_?holder|account_?holder)[_\-]?)?name[\"'\s>]",
    re.IGNORECASE,
)
#: The words that ask, before a cue on its line: the answer is the next line.
_ASKING = re.compile(
    r"\b(?:can|could|may)[ \t]+(?:i|you|we)\b|\bwhat(?:'s|[ \t]+is)\b|\b(?:give|tell)[ \t]+me\b"
    r"|\bi(?:'ll|[ \t]+will|'m[ \t]+going[ \t]+to)?[ \t]+need\b|\band[ \t]+(?:your\b|\Z)"
    r"|\b(?:confirm|spell|verify)\b"
    # an agent's next request, at the turn's start: "agent: and the patient's name ..."
    r"|(?:^|(?<=[\n:]))[ \t]*(?:(?:ok|okay|great|thanks)[ \t,]+)?and[ \t]+(?:the|your)\b",
    re.IGNORECASE,
)
#: After an agent's name: what they will do for the customer ("and I'll be helping you").
_WILL_HELP = re.compile(
    r"[ \t]+and[ \t]+(?:i'?ll|i[ \t]+will|i'?m[ \t]+going[ \t]+to|i[ \t]+am[ \t]+going[ \t]+to)"
    r"[ \t]+(?:be[ \t]+)?(?:help|assist|tak|look)",
    re.IGNORECASE,
)


#: After a city, not a person: its state's code and a ZIP ("Santa Barbara, CA 93101").
_CITY_STATE_ZIP = re.compile(r",[ \t]?[A-Z]{2}[ \t]\d{5}(?![\w]|-\d)")


def _drop_nested(cands: Iterable[Candidate]) -> list[Candidate]:
    ordered = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    for cand in ordered:
        if kept and cand.start < kept[-1].end:
            continue
        kept.append(cand)
    return kept


def _norm(value: str) -> str:
    return " ".join(value.lower().replace(".", " ").split())
