"""The one scan pipeline every door calls (CLI, API, gateway, watcher, batch): a Document in,
findings per segment and, on request, the redacted Document out. Policy evaluation joins here
when the platform lands; the engine stays the only thing that detects."""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from callshield.core.asr_markup import is_mark, markup_reading
from callshield.core.captions import jefferson_reading, lrc_reading, sami_reading
from callshield.core.columnar import arrow_reading
from callshield.core.conversation import (
    Conversation,
    Entities,
    conversation_findings,
    gives_way,
    new_only,
)
from callshield.core.ctm import (
    MLF_HEADER,
    ctm_reading,
    lattice_reading,
    mlf_reading,
    recogs_reading,
)
from callshield.core.detection.base import TIME_AFTER_NAME, numbered_labels
from callshield.core.detection.date_readings import (
    DATE_FORMS,
    EXPIRY_FORMS,
    ExpiryReading,
    expiry_readings,
    readings,
)
from callshield.core.detection.date_readings import Reading as DateReading
from callshield.core.detection.spoken import NormalisedText, normalise
from callshield.core.detection.spoken_words import MONTHS, NATO, NUMBER_WORD
from callshield.core.detection.written_forms import has_word_confidences, word_confidences
from callshield.core.detectors.person import LAST_INITIAL, NameLexicon
from callshield.core.detectors.person_cues import ORGANISATION_WORDS
from callshield.core.document import Channel, Document, Segment
from callshield.core.entities import EntityType
from callshield.core.escaped_json import escaped_json_reading
from callshield.core.field_history import CHANGED, history_cells
from callshield.core.finding import Finding, Span
from callshield.core.folded_text import folded_reading
from callshield.core.form_encoded import form_reading
from callshield.core.hl7 import fhir_identifier_cells, hl7_cells, hl7_note_reading
from callshield.core.json_records import record_reading
from callshield.core.json_transcripts import Reading, Region, json_reading, speaker_label
from callshield.core.load_file import load_file_reading
from callshield.core.multipart import multipart_reading
from callshield.core.numbered import numbered_answers
from callshield.core.ocr_words import ocr_word_reading
from callshield.core.pdf_fields import FIELD_VALUE, pdf_field_cells
from callshield.core.qif import qif_reading
from callshield.core.record_lines import record_lines_reading
from callshield.core.redaction import Operator, Replacement
from callshield.core.rtf_text import rtf_reading
from callshield.core.slot_values import slot_reading
from callshield.core.spaced_text import spaced_reading
from callshield.core.string_lines import string_lines
from callshield.core.tables import cell_text, text_tables
from callshield.core.tex_text import tex_reading
from callshield.core.turns import (
    FRAME_ROW,
    OFFSET_ROW,
    Turn,
    csv_transcript_header,
    has_asides,
    interim_captions,
    json_line_turns,
    layout_turns,
    machine_lines,
    named_speakers,
    role_lines,
    speaker_turns,
    stamped_turns,
    subtitle_timed,
    utterance_lines,
)
from callshield.core.vcard import CARD_START, vcard_cells
from callshield.core.wordml import in_wordml_markup, wordml_reading
from callshield.core.xml_turns import xml_turn_reading
from callshield.core.xml_values import fhir_value_reading
from callshield.engine import Engine

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Findings of a whole document, in segment order; their `segment_id` names the segment."""

    document_id: str
    findings: tuple[Finding, ...]

    def by_segment(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = {}
        for finding in self.findings:
            out.setdefault(finding.segment_id, []).append(finding)
        return out


@dataclass(frozen=True, slots=True)
class RedactedDocument:
    document: Document
    replacements: Mapping[str, tuple[Replacement, ...]]


#: Channels whose segments are turns of one conversation, where values span turns.
CONVERSATIONS = frozenset({Channel.CALL, Channel.CHAT})


#: A carriage return that no line feed follows.
_LONE_CR = re.compile(r"\r(?!\n)")


def scan(document: Document, engine: Engine) -> ScanResult:
    """Scan every segment of `document` with `engine`; calls and chats are then read as one
    conversation (values split across turns, PCI windows, read-backs: core/conversation.py),
    and so is any other segment that is itself a speaker-labelled transcript in plain text
    ("Agent: ...\nCustomer: ...", core/turns.py). The cells of a table in a segment (CSV,
    TSV, an HTML table as text) are also read with their column header or the label to their
    left before them (core/tables.py), and so is a segment with a `context` (a spreadsheet or
    Word table cell). A segment where a speech recogniser wrote its confidence after each word
    ("four(0.93) one(0.88)") is read without them (`_Unconfident`). A carriage return alone
    ends a line as a line feed does (an HL7 message's segments, an old Mac's lines): the text
    is read with a line feed in its place (the same length: offsets hold)."""
    if any("\r" in s.text and _LONE_CR.search(s.text) for s in document.segments):
        lines = tuple(replace(s, text=_LONE_CR.sub("\n", s.text)) for s in document.segments)
        document = replace(document, segments=lines)
    bare = [
        _Unconfident(s.text) if has_word_confidences(s.text) else None for s in document.segments
    ]
    ids = [s.id for s in document.segments]
    if not any(bare) or len(set(ids)) != len(ids):
        return _scan(document, engine)
    segments = tuple(
        replace(s, text=b.text) if b else s for s, b in zip(document.segments, bare, strict=True)
    )
    result = _scan(replace(document, segments=segments), engine)
    maps = {s.id: b for s, b in zip(document.segments, bare, strict=True) if b}
    return ScanResult(
        document.id,
        tuple(
            f.moved(maps[f.segment_id].to_raw(f.start, f.end), f.segment_id)
            if f.segment_id in maps
            else f
            for f in result.findings
        ),
    )


class _Unconfident:
    """A text without the confidences a speech recogniser wrote after its words, and the map
    of its offsets back: a finding that covers a word covers the confidence after it."""

    __slots__ = ("_cuts", "_kept", "text")

    def __init__(self, raw: str) -> None:
        parts: list[str] = []
        kept = [0]  # per cut: where it is in the bare text
        cuts = [0]  # per cut: how many characters were cut up to and with it
        pos = 0
        for start, end in word_confidences(raw):
            parts.append(raw[pos:start])
            kept.append(kept[-1] + start - pos)
            cuts.append(cuts[-1] + end - start)
            pos = end
        parts.append(raw[pos:])
        self.text = "".join(parts)
        self._kept = kept
        self._cuts = cuts

    def to_raw(self, start: int, end: int) -> Span:
        # (a start at a cut is the word after it; an end at a cut takes the confidence in)
        k_start = bisect.bisect_right(self._kept, start) - 1
        k_end = bisect.bisect_right(self._kept, end) - 1
        return Span(start + self._cuts[k_start], end + self._cuts[k_end])


def _scan(document: Document, engine: Engine) -> ScanResult:
    per_segment = [engine.scan_segment(segment) for segment in document.segments]
    # (a tab-separated or a CSV segment's layout is read once: as a call's turns (a TSV or CSV
    # transcript) and to keep such a transcript from being read as a table of records)
    # (and a transcript laid out in fields of its lines, SQL inserts, a CSV with semicolons,
    # `role_lines`, is a call, not a table of records)
    tab_layouts = [
        layout_turns(s.text)
        if "\t" in s.text
        or csv_transcript_header(s.text)
        or subtitle_timed(s.text)
        or _time_fields(s.text) is not None
        else (role_lines(s.text) or None)
        for s in document.segments
    ]
    if document.channel in CONVERSATIONS and len(document.segments) > 1:
        added = conversation_findings(document.segments, per_segment, _conversation(engine))
        per_segment = [_merged(found, more) for found, more in zip(per_segment, added, strict=True)]
    else:
        per_segment = [
            _off_time_cells(
                segment,
                _merged(
                    _in_said_cells(segment, found, laid_out),
                    _turns_read(segment, found, engine, laid_out),
                ),
                laid_out,
            )
            for segment, found, laid_out in zip(
                document.segments, per_segment, tab_layouts, strict=True
            )
        ]
    per_segment = _read_with_headers(document.segments, per_segment, engine, tab_layouts)
    per_segment = [
        _merged(found, _in_string_lines(segment, found, engine))
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]
    per_segment = [
        # (JSON escaped inside a string: a log line's payload, a message's content)
        _merged(found, _in_reading(segment, found, engine, escaped_json_reading(segment.text)))
        if '\\"' in segment.text
        else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]
    per_segment = [
        _with_reading(segment, found, engine, reading)
        if (reading := _source_reading(segment.text)) is not None
        else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]
    per_segment = [
        _merged(found, _in_interim_captions(segment, found)) if ") ~" in segment.text else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]
    per_segment = _said_again(document.segments, per_segment)
    if (lexicon := engine.name_lexicon) is not None:
        per_segment = [
            _with_name_pairs(segment.text, found, lexicon)
            for segment, found in zip(document.segments, per_segment, strict=True)
        ]
    if lexicon is not None and (person := _person_entity(engine)) is not None:
        per_segment = [
            _merged(found, _bare_name_pairs(segment, found, lexicon, person, engine))
            for segment, found in zip(document.segments, per_segment, strict=True)
        ]
    per_segment = [
        [_with_last_initial(segment.text, f) for f in found] if "." in segment.text else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]
    per_segment = [
        _merged(found, _end_corrected(segment.text, found)) if _ENDS_WORD in segment.text.lower()
        else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]  # fmt: skip
    per_segment = [
        _merged(found, _phrase_forms(segment.text, found)) if _PHRASE_FORMS in segment.text
        else found
        for segment, found in zip(document.segments, per_segment, strict=True)
    ]  # fmt: skip
    return ScanResult(document.id, tuple(f for found in per_segment for f in found))


#: The word one space before a name's word, and the word one space after it.
_WORD_BEFORE = re.compile(r"(?<![\w'\-.])([A-Za-z]{2,})[ ]\Z")
_WORD_AFTER = re.compile(r"[ ]([A-Za-z]{2,})(?![\w'\-])")


def _with_name_pairs(text: str, found: list[Finding], lexicon: NameLexicon) -> list[Finding]:
    """Each name found as one word, with the census first name right before it or, where it
    is a census first name, the census surname right after it: "yeah it's tiffany blackwell"
    had only "blackwell" found (the same name said elsewhere, "roy blackwell"), "spk_1 -
    patricia anderson" only "patricia". Neither word may be a common word or the radio
    alphabet's, and both are written alike (lower case, capitalised or capitals)."""
    if not any(f.entity.name == "PERSON" for f in found):
        return found

    def pairs(word: str, other: str) -> bool:
        low = other.lower()
        return (
            low not in lexicon.common
            and low not in NATO
            and word.lower() not in lexicon.common
            and _written_alike(word, other)
        )

    def free(start: int, end: int) -> bool:
        return not any(f.start < end and start < f.end for f in found)

    out = []
    for f in found:
        word = text[f.start : f.end]
        if f.entity.name == "PERSON" and word.isascii() and word.isalpha():
            start, end = f.start, f.end
            before = _WORD_BEFORE.search(text, max(0, start - 24), start)
            if (
                before is not None
                and before.group(1).lower() in lexicon.first
                and pairs(word, before.group(1))
                and free(before.start(1), start)
            ):
                start = before.start(1)
            after = _WORD_AFTER.match(text, end, min(len(text), end + 24))
            if (
                after is not None
                and word.lower() in lexicon.first
                and after.group(1).lower() in lexicon.last
                and pairs(word, after.group(1))
                and free(end, after.end(1))
            ):
                end = after.end(1)
            if (start, end) != (f.start, f.end):
                f = f.moved(Span(start, end), f.segment_id)
        out.append(f)
    return out


def _person_entity(engine: Engine) -> EntityType | None:
    return next((e for e in engine.entities if e.name == "PERSON"), None)


#: A lower-case word of three letters or more, its blank and the one after it, that one looked
#: at ahead (each word is read as the first of a pair); the word before a pair, and after it.
_LOWER_PAIR = re.compile(r"(?<![\w'\-.@/])([a-z]{3,})(?= ([a-z]{3,})(?![\w'\-@/]|\.\w))")
_PREVIOUS_WORD = re.compile(r"([\w']+)[ ,]{1,2}\Z")
_NEXT_WORD = re.compile(r"[ ,]{1,2}([\w']+)")
#: Words of Spanish, French, Portuguese, Italian and Tagalog, a few of which in a text say that
#: its pairs of words are no English names ("mi correo", "un cargo", "ma carte", "lang po"): the
#: census lists hold many of their words ("Correo", "Cargo", "Carte"). (One in fifty words,
#: or one in a short text, is English's share: "de la cruz".)
_NOT_ENGLISH = frozenset(
    """el la los las del de que por para con una uno mi su tu es est le les des une un ma mon
    nous vous il lo gli di della sono ang ng po na sa ako mo ko""".split()
)
#: Census first names that open no name in pairs: a spoken address's "dot" ("john dot doe at
#: ..."), a surname's particle ("von der").
_NOT_FIRST = frozenset("dot von van der".split())
#: Words before a pair that make it a place or a company, no person: a house number ("seven
#: four five jennifer common apartment"), "calling mercy valley health".
_PLACE_BEFORE = frozenset("calling at in on near dot".split())
#: A letter's word before a pair: "s as in sam m as in mary".
_SPELLING_WORD = re.compile(r"\bas[ ]in[ ]\Z")
#: Who finds what `_person_found` makes: the detector, the score, the reasons.
_CENSUS_PAIR = ("person", 0.7, ("a census first name and surname side by side", "name lexicon"))
_SPEAKER_NAMED = ("conversation", 0.8, ("conversation: a speaker's name before a message",))


def _bare_name_pairs(
    segment: Segment,
    found: list[Finding],
    lexicon: NameLexicon,
    person: EntityType,
    engine: Engine,
) -> list[Finding]:
    """A full name said in lower case with no cue for it, as speech-to-text writes one said in
    passing ("okay i'll note that william ramirez is the cardholder", "and my travel companion
    is maria watson"): a census first name, a blank and a census surname, three letters or
    more each, neither of them a common word nor the radio alphabet's, where nothing was
    found; not after a house number or "calling" ("thank you for calling mercy valley
    health"), not before a company's word, a letter's word ("d as in david six") or a number
    word, and not in a text in another language ("un cargo", "mi correo"). A first name alone
    or a surname alone is not enough (the cue-less "jordan" or "parks" may be anything)."""
    text = segment.text
    words = text.split()
    firsts = lexicon.first.intersection(words) - lexicon.common
    if not firsts or sum(w in _NOT_ENGLISH for w in words) > max(1, len(words) // 50):
        return []
    out: list[Finding] = []
    for m in _LOWER_PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        if first not in firsts or last not in lexicon.last or last in lexicon.common:
            continue
        if (
            first in NATO
            or last in NATO
            or first in _NOT_FIRST
            or first in _NOT_ENGLISH  # (nor "del self", a line of Python)
            or NUMBER_WORD.fullmatch(last)
        ):
            continue
        start, end = m.start(1), m.end(2)
        previous = _PREVIOUS_WORD.search(text, max(0, start - 24), start)
        following = _NEXT_WORD.match(text, end)
        before = previous.group(1).lower() if previous else ""
        after = following.group(1).lower() if following else ""
        if (
            before in _PLACE_BEFORE
            or before.isdigit()
            or NUMBER_WORD.fullmatch(before)
            or after in ORGANISATION_WORDS
            or _SPELLING_WORD.search(text, max(0, start - 8), start) is not None
        ):
            continue  # ("s as in sam m as in mary", "as in nancy six": a letter's word)
        if any(f.start < end and start < f.end for f in (*found, *out)):
            continue
        out.append(_person_found(engine, person, segment, Span(start, end), _CENSUS_PAIR))
    return out


def _person_found(
    engine: Engine,
    person: EntityType,
    segment: Segment,
    span: Span,
    found_by: tuple[str, float, tuple[str, ...]],
) -> Finding:
    """A PERSON finding the pipeline makes itself (`found_by`: the detector it reports, the
    score, the reasons), its value the words in lower case."""
    detector, score, reasons = found_by
    value = " ".join(segment.text[span.start : span.end].lower().split())
    return Finding(
        entity=person,
        span=span,
        score=score,
        detector=detector,
        reasons=reasons,
        fingerprint=engine.fingerprint(person, value),
        segment_id=segment.id,
    )


def _written_alike(word: str, other: str) -> bool:
    """Whether two words are both lower case, both capitalised or both capitals."""
    return (
        (word.islower() and other.islower())
        or (word.isupper() and other.isupper())
        or (word.istitle() and other.istitle())
    )


def _with_last_initial(text: str, finding: Finding) -> Finding:
    """A name found with the last initial after it ("Agent: Stephen S."), wherever it was
    found (by its cue, or as the same name said elsewhere)."""
    if finding.entity.name != "PERSON":
        return finding
    initial = LAST_INITIAL.match(text, finding.end)
    return (
        finding
        if initial is None
        else finding.moved(Span(finding.start, initial.end()), finding.segment_id)
    )


#: The key of a speech-to-text phrase's words as said, in Azure's batch transcription JSON;
#: the same phrase's `itn`, `maskedITN` and `display` follow it, written ("uh eight eight
#: two" / "uh 882").
_PHRASE_FORMS = '"lexical"'
_LEXICAL = re.compile(r'"lexical"[ \t]*:[ \t]*"((?:[^"\\\n]|\\.)*)"')
#: How far after a phrase's `lexical` its written forms are looked for (to the next phrase).
_PHRASE_REACH = 1500


def _phrase_forms(text: str, found: list[Finding]) -> list[Finding]:
    """Each value said in words in a phrase's `lexical` string, where the same phrase writes it
    in its other forms (`itn`, `maskedITN`, `display`): any number of digits, a three-digit
    code too, since it is the same phrase (`_said_again` looks in the whole document for
    values of four digits and more only)."""
    phrases = list(_LEXICAL.finditer(text))
    starts = [m.start(1) for m in phrases]
    out: list[Finding] = []
    for f in found:
        k = bisect.bisect_right(starts, f.start) - 1
        if k < 0 or f.end > phrases[k].end(1):
            continue
        form = _said_as_written(text[f.start : f.end])
        if form is None or sum(c.isdigit() for c in form) < 2:
            continue
        lo = phrases[k].end()
        hi = min(len(text), lo + _PHRASE_REACH)
        if k + 1 < len(phrases):
            hi = min(hi, phrases[k + 1].start())
        for m in _written_pattern(form).finditer(text, lo, hi):
            at, end = m.span()
            if _stands_alone(text, at, end) and not any(
                g.start < end and at < g.end for g in (*found, *out)
            ):
                reason = "the same phrase's words as said (its 'lexical')"
                out.append(replace(f, span=Span(at, end), reasons=(reason, *f.reasons)))
    return out


#: The fewest letters and digits of a value that is looked for again in the whole document
#: (a one-time code's fewer: `_SHORT_AGAIN`).
SAID_AGAIN_CHARS = 6
#: Entities whose shorter values (four characters or more, not a year) are looked for again
#: too: a one-time code the customer reads back ("Your verification code is 2793" / "ok
#: 2793"), which is no year and no amount.
_SHORT_AGAIN = frozenset({"ONE_TIME_CODE"})
_SHORT_AGAIN_CHARS = 4
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
#: The most characters read looking for values again (values times the document's size): a
#: search of the whole document for each value, which a large export with thousands of
#: values would make quadratic. Past it, no value is looked for again.
SAID_AGAIN_BUDGET = 200_000_000
_SAID_AGAIN = "same value as a finding in "
#: The reason of each part of a value read across several strings of a JSON document.
_PART_OF_A_VALUE = "json: part of a value said over several words"


@dataclass
class _Wanted:
    """What `_said_again` looks for, each with the finding it comes from."""

    #: values as found, looked for as they are
    values: dict[str, Finding] = field(default_factory=dict)
    #: values said in words, looked for in their written form: the letters and digits
    written: dict[str, Finding] = field(default_factory=dict)
    #: a date of birth's calendar readings: read back in another form ("06/07/1985" / "the
    #: seventh of june eighty five, did i get that right?"), where no cue says what it is
    dates: dict[DateReading, Finding] = field(default_factory=dict)
    #: a card's expiry, read back in another form ("seven slash twenty six" / "just to
    #: confirm, oh seven two six"; "one slash twenty seven" / "so that's january of twenty
    #: seven")
    expiries: dict[ExpiryReading, Finding] = field(default_factory=dict)
    #: a street address's first line (number, street, unit), read back without its city or
    #: grouped otherwise ("fifty six ninety three rose canyon, new sherry, maine" / "let me
    #: read that back, five six nine three rose canyon"): its letters and digits
    streets: dict[str, Finding] = field(default_factory=dict)
    #: a name spelled, spelled again (the normaliser writes a spelling in capitals): "c as in
    #: cat a as in apple s h as in henry" / "so c a s h?"; "d a y" / "delta alpha yankee"
    spelled: dict[str, Finding] = field(default_factory=dict)
    #: a name's other cases (`add_cases`): looked for where the budget leaves room for them
    cased: dict[str, Finding] = field(default_factory=dict)

    def add(self, f: Finding, raw: str) -> None:
        name = f.entity.name
        if _looked_for_again(f, raw) and raw not in self.values:
            self.values[raw] = f
            if name == "PERSON":
                self.add_cases(raw, f)
        if name == "PERSON" and " " in raw and " as in " not in raw.lower() and not _radio(raw):
            # (and each word of a name found with others, said alone elsewhere: "horton,
            # h-o-r-t-o-n" / "um hi, leonard horton, i've been on hold"; no month's, which a
            # date holds: "June Marsh"; none of a spelling in the radio alphabet's words,
            # "Papa Uniform Echo November Tango Echo")
            for word in _NAME_WORD.findall(raw):
                if word.lower() not in _CALENDAR_WORDS:
                    self.values.setdefault(word, f)
                    self.add_cases(word, f)
        in_words = _in_words(f, raw)
        spelled = name == "PERSON" and _SPELLING_HINT.search(raw) is not None
        # (the value as written, normalised once for all that read it)
        said = normalise(raw) if in_words or spelled or name in _READ_AGAIN else None
        read = said.text if said is not None else raw
        form = _written_form(f, said) if in_words else None
        if form is not None and form not in self.written:
            self.written[form] = f
        if name == "DATE_OF_BIRTH":
            for reading in readings(read):
                self.dates.setdefault(reading, f)
        elif name == "CARD_EXPIRY":
            for month_year in expiry_readings(read):
                self.expiries.setdefault(month_year, f)
        elif name == "STREET_ADDRESS":
            line = _street_line(read)
            if line is not None:
                self.streets.setdefault(line, f)
        elif spelled and said is not None:
            for word in _SPELLED_NAME.findall(said.text):
                self.spelled.setdefault(word, f)

    def add_cases(self, raw: str, f: Finding) -> None:
        """A name's other cases, looked for too: speech-to-text's lower case in a call's
        transcript, its words capitalised in the same call's word list ("timothy" / "content":
        "Timothy"), or in capitals."""
        for cased in (raw.lower(), raw.title(), raw.upper()):
            if cased not in self.values:
                self.cased.setdefault(cased, f)

    def add_spelling(self, f: Finding, raw: str) -> None:
        """A name's or a security answer's words, found as words, looked for spelled."""
        if f.entity.name in _SPELLED_AGAIN and raw.replace(" ", "").isalpha():
            for word in raw.split():
                if len(word) >= _SPELLED_LETTERS:
                    self.spelled.setdefault(word.upper(), f)

    @property
    def in_words(self) -> bool:
        """Whether any is looked for in the written form of the text."""
        return bool(self.written or self.dates or self.expiries or self.streets or self.spelled)

    @property
    def searches(self) -> int:
        """How many searches of the whole text it takes."""
        return len(self.values) + len(self.written) + len(self.streets) + len(self.spelled)


def _said_again(
    segments: Sequence[Segment], per_segment: list[list[Finding]]
) -> list[list[Finding]]:
    """Each segment's findings, with every other occurrence of a value found in the document:
    the SSN in a message's subject ("ssn 078-05-1120") is that SSN in its CSV attachment too,
    where nothing says so; a card number given once with its cue is redacted where the
    customer repeats it without one. Only values of `SAID_AGAIN_CHARS` letters and digits or
    more (a four-digit PIN could be a year elsewhere), and only whole words."""
    starts = list(itertools.accumulate((len(s.text) + 1 for s in segments[:-1]), initial=0))
    wanted = _Wanted()
    # all segments as one text (a NUL between them): one search of it per value
    joined = "\0".join(segment.text for segment in segments)
    # (where letters are spelled one by one, a name's or an answer's found as a word may be
    # among them: "It's Lawrence." / "That's L A W R E N C E.")
    spelling = _LETTERS_SPELLED.search(joined) is not None
    for found, segment in zip(per_segment, segments, strict=True):
        for f in found:
            wanted.add(f, segment.text[f.start : f.end])
            if spelling:
                wanted.add_spelling(f, segment.text[f.start : f.end])
    if not wanted.values and not wanted.in_words:
        return per_segment
    if wanted.searches * len(joined) > SAID_AGAIN_BUDGET:
        log.info("event=said_again_skipped values=%d chars=%d", wanted.searches, len(joined))
        return per_segment
    added: list[list[Finding]] = [[] for _ in segments]
    places = _places(joined, wanted)
    for at, end, source in places:
        k = bisect.bisect_right(starts, at) - 1
        lo, hi = at - starts[k], end - starts[k]
        if (
            _stands_alone(joined, at, end)
            # (a name's word inside an address or a key is none: "nicole_smith@hotmail.com")
            and not (source.entity.name == "PERSON" and _in_identifier(joined, at, end))
            # (one that holds a shorter finding is added too: the read-back "let me read
            # that back vicente damota at yahoo dot com" had only "damota at ..." found)
            and not any(f.start <= lo and hi <= f.end for f in per_segment[k])
            and not any(f.start < hi and lo < f.end for f in added[k])
        ):
            reason = _SAID_AGAIN + (source.segment_id or "the text")
            added[k].append(
                replace(source, span=Span(lo, hi), reasons=(reason, *source.reasons),
                        segment_id=segments[k].id)
            )  # fmt: skip
    return [
        _merged(found, more) if more else found
        for found, more in zip(per_segment, added, strict=True)
    ]


_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double[ \t]+\w+)"
#: The last digits of a value said again to correct it: "Oh, yeah, sorry, three six at the
#: end." / "38 at the end" (after "I have the zip as 94538. Did it change?").
_AT_THE_END = re.compile(
    rf"(?<![\w.])(?P<v>\d{{1,4}}|{_DIGIT_WORD}(?:[ \t,]+{_DIGIT_WORD}){{0,3}})"
    # (not "the 20 at the end of the month": a time)
    r"[ \t]+at[ \t]+the[ \t]+end\b(?![ \t]+of\b)",
    re.IGNORECASE,
)
#: How far back the value they correct may be found.
_END_REACH = 400
#: A segment where `_AT_THE_END` may match (its words may be apart by several blanks).
_ENDS_WORD = "end"
#: Entities whose value ends in digits that may be corrected so.
_ENDS_IN_DIGITS = frozenset(
    "US_ZIP PHONE US_SSN BANK_ACCOUNT ABA_ROUTING PAYMENT_CARD PIN US_SSN_LAST4 CARD_CVV"
    " CARD_LAST4 US_DRIVER_LICENSE US_PASSPORT US_ITIN ONE_TIME_CODE DATE_OF_BIRTH".split()
)


def _end_corrected(text: str, found: list[Finding]) -> list[Finding]:
    """The last digits of a value said again to correct it ("sorry, three six at the end"),
    as that value: the one found last before them, within `_END_REACH` characters."""
    out = []
    for match in _AT_THE_END.finditer(text):
        start, end = match.span("v")
        # (a name between them is passed over: a speaker's, the agent's who reads it back)
        before = [
            f for f in found if start - _END_REACH <= f.end <= start and f.entity.name != "PERSON"
        ]
        if not before or any(f.start <= start and end <= f.end for f in found):
            continue
        last = max(before, key=lambda f: f.end)
        if last.entity.name in _ENDS_IN_DIGITS:
            reasons = ("the last digits of the value before, corrected", *last.reasons[:1])
            out.append(replace(last, span=Span(start, end), reasons=reasons))
    return out


_CALENDAR_WORDS = MONTHS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
#: A name's word worth looking for alone: six letters or more, not spelled or shouted.
_NAME_WORD = re.compile(rf"(?<![\w'\-])[A-Za-z][a-z]{{{SAID_AGAIN_CHARS - 1},}}(?![\w'\-])")
#: Three letters said one by one: a spelling, perhaps of a name or an answer found as a word.
_LETTERS_SPELLED = re.compile(r"(?<![\w'])[A-Za-z](?:[ ,.\-]+[A-Za-z](?![\w'])){2}")
#: The entities whose words are looked for spelled, and the fewest letters of such a word.
_SPELLED_AGAIN = frozenset({"PERSON", "SECURITY_ANSWER"})
_SPELLED_LETTERS = 3
#: A name found spelled (two letters said alone, or a word of the radio alphabet): only such
#: a name's finding is normalised to look for its spelling again.
_SPELLING_HINT = re.compile(
    r"(?<![\w'])[A-Za-z][ ,.\-]+[A-Za-z](?![\w'])|"
    rf"\b(?:{'|'.join(sorted(NATO))})\b",
    re.IGNORECASE,
)
#: A name's spelling as the normaliser writes it: two capitals or more, a compound's parts
#: joined ("MCGEE-EDWARDS", "ST CLAIR").
_SPELLED_NAME = re.compile(r"(?<![\w\-])[A-Z]{2,}(?:[ \-][A-Z]{2,})*(?![\w\-])")

#: Where a street address's first line ends: a comma, a line's end, a semicolon.
_LINE_END = re.compile(r"[,;\n]")
#: A first line worth looking for again: a house number, then a street's name (with its
#: suffix: six letters at least).
_STREET_LINE = re.compile(r"\d+[ \t]+[A-Za-z]")
_STREET_LETTERS = 6
_UNIT_FIRST = re.compile(r"[ \t]*(?:apt|apartment|suite|ste|unit|number|no\.?|#)(?![\w])", re.I)


def _street_line(read: str) -> str | None:
    """The letters and digits, in lower case, of a street address's first line as found and
    normalised (its number, street and unit, before the city: "5693rosecanyon"); None where it
    does not start with a house number or is too short to look for."""
    parts = _LINE_END.split(read, maxsplit=2)
    line = parts[0]
    if len(parts) > 1 and _UNIT_FIRST.match(parts[1]) is not None:
        line += parts[1]  # (its unit after a comma: "50783 joseph inlet, number 17")
    if _STREET_LINE.match(line) is None or sum(c.isalpha() for c in line) < _STREET_LETTERS:
        return None
    return "".join(_ALNUM.findall(line)).lower()


def _street_pattern(line: str) -> re.Pattern[str]:
    """A street's first line's characters, each perhaps apart from the next by blanks or a
    comma ("1688 emily lodge, apt 2 r"), in any case."""
    return re.compile(r"[ \t,.\-]{0,2}".join(re.escape(c) for c in line), re.IGNORECASE)


def _places(joined: str, wanted: _Wanted) -> list[tuple[int, int, Finding]]:
    """Where in `joined` each wanted value is said again: (start, end, the finding)."""
    places = [
        (m.start(), m.end(), source)
        for form, source in wanted.written.items()
        for m in _written_pattern(form).finditer(joined)
    ]
    # (and said again in words grouped otherwise: "m b r four two four nine oh double five six
    # two" read back as "m b r forty two forty nine oh five fifty six two")
    said = normalise(joined) if wanted.in_words else None
    read = said.text if said is not None else joined

    def at(m: re.Match[str]) -> tuple[int, int]:
        return said.to_original(m.start(), m.end()) if said is not None else m.span()

    if said is not None:
        for form, source in wanted.written.items():
            places += [(*at(m), source) for m in _written_pattern(form).finditer(said.text)]
    if wanted.dates:
        for m in DATE_FORMS.finditer(read):
            dob = next((wanted.dates[r] for r in readings(m.group()) if r in wanted.dates), None)
            if dob is not None:
                places.append((*at(m), dob))
    if wanted.expiries:
        for m in EXPIRY_FORMS.finditer(read):
            span = at(m)
            digits = any(c.isdigit() for c in joined[span[0] : span[1]])
            forms = expiry_readings(m.group(), written=digits)
            card = next((wanted.expiries[r] for r in forms if r in wanted.expiries), None)
            if card is not None:
                places.append((*span, card))
    values = wanted.values
    if wanted.cased and (wanted.searches + len(wanted.cased)) * len(joined) <= SAID_AGAIN_BUDGET:
        values = values | {k: f for k, f in wanted.cased.items() if k not in values}
    for raw, source in values.items():
        found = joined.find(raw)
        while found >= 0:
            places.append((found, found + len(raw), source))
            found = joined.find(raw, found + len(raw))
    if said is not None:
        for word, source in wanted.spelled.items():
            spelled_again = re.compile(rf"(?<![\w\-]){re.escape(word)}(?![\w\-])")
            for m in spelled_again.finditer(said.text):
                span = at(m)
                if joined[span[0] : span[1]] != word:  # (spelled again, not the word: "DAY")
                    places.append((*span, source))
    # (a street's first line last: where the whole address is said again, it is found whole)
    for line, source in wanted.streets.items():
        pattern = _street_pattern(line)
        places += [(m.start(), m.end(), source) for m in pattern.finditer(joined)]
        if said is not None:
            places += [(*at(m), source) for m in pattern.finditer(said.text)]
    return places


#: Entities whose values said in words are looked for written, four digits and more (not a
#: year): an Azure transcript's `itn` and `maskedITN` write "yeah seven six eight four" of its
#: `lexical` as "yeah 7684", with no cue before it in their strings.
_WRITTEN_AGAIN = frozenset(
    {"US_SSN_LAST4", "CARD_LAST4", "PIN", "ONE_TIME_CODE", "CARD_EXPIRY", "PAYMENT_CARD",
     "US_ZIP"}
)  # fmt: skip
_ALNUM = re.compile(r"[A-Za-z0-9]")
_NUMBER_GOES_ON = re.compile(r"[\-./]\d")
_NUMBER_WENT_ON = re.compile(r"\d[\-./]\Z")


def _in_words(finding: Finding, raw: str) -> bool:
    """Whether a value may be said in words, to be looked for written (`_written_form`)."""
    return (
        finding.reasons[:1] != (_PART_OF_A_VALUE,)
        and any(c.isalpha() for c in raw)
        and NUMBER_WORD.search(raw) is not None  # (a name, an address's words: nothing to write)
    )


#: Entities whose values are read normalised to be looked for again in another form.
_READ_AGAIN = frozenset({"DATE_OF_BIRTH", "CARD_EXPIRY", "STREET_ADDRESS"})


def _written_form(finding: Finding, said: NormalisedText | None) -> str | None:
    """The letters and digits of a value said in words ("double one two oh": "1120"; `said`,
    its normalised form), to be looked for written; None for a value written already, or too
    short to be looked for."""
    if said is None:
        return None
    form = "".join(_ALNUM.findall(said.text))
    digits = sum(c.isdigit() for c in form)
    if form.isdigit() and finding.entity.name in _WRITTEN_AGAIN:
        return form if digits >= _SHORT_AGAIN_CHARS and not _YEAR_LIKE.fullmatch(form) else None
    return form if digits >= SAID_AGAIN_CHARS else None


def _said_as_written(raw: str) -> str | None:
    """The letters and digits of words said as they are written ("double one two oh":
    "1120"); None where the normaliser writes nothing."""
    said = normalise(raw)
    return None if said is None else "".join(_ALNUM.findall(said.text))


def _radio(raw: str) -> bool:
    """Whether half the words of a value or more are the radio alphabet's (a spelling)."""
    words = raw.lower().split()
    return 2 * sum(word in NATO for word in words) >= len(words)


def _in_identifier(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] is joined to an address's or an identifier's other parts
    ("nicole_smith@", "@nicole")."""
    return text[at - 1 : at] in ("_", "@") or text[end : end + 1] in ("_", "@")


def _stands_alone(text: str, at: int, end: int) -> bool:
    """Whether text[at:end] is a whole word, not inside a longer number ("7684-2",
    "1.7684")."""
    return (
        not (at and text[at - 1].isalnum())
        and not (end < len(text) and text[end].isalnum())
        and not _NUMBER_GOES_ON.match(text, end)
        and not _NUMBER_WENT_ON.search(text, max(0, at - 2), at)
    )


def _written_pattern(form: str) -> re.Pattern[str]:
    """A written value's characters, each perhaps apart from the next by a mark of a written
    number's groups ("0427" is "04/27", "440002" is "440 002"), in any case."""
    return re.compile("[ /.\\-]?".join(re.escape(c) for c in form), re.IGNORECASE)


def _looked_for_again(finding: Finding, raw: str) -> bool:
    if finding.reasons[:1] == (_PART_OF_A_VALUE,):
        return False  # ("twenty", a word of a date said in a word-per-item JSON: no value)
    chars = sum(c.isalnum() for c in raw)
    if chars >= SAID_AGAIN_CHARS:
        return True
    return (
        finding.entity.name in _SHORT_AGAIN
        and chars >= _SHORT_AGAIN_CHARS
        and not _YEAR_LIKE.fullmatch(raw)
    )


def scan_text(text: str, engine: Engine) -> list[Finding]:
    """The findings of one text through the pipeline: the engine's, and those that only its
    turns read together (a speaker-labelled transcript) or its table cells read with their
    headers show."""
    return list(scan(Document("", (Segment("", text),)), engine).findings)


def _turns_read(
    segment: Segment, found: list[Finding], engine: Engine, layout: list[Turn] | None = None
) -> list[Finding]:
    """What reading a segment's turns adds to its findings: as a labelled transcript, then as
    JSON lines or a laid-out transcript (what the first found already is not added again).
    `layout` is the segment's `layout_turns` when the caller has read them already."""
    # (a CSV, pipe or TSV export's rows, or a layout's fields, are read by their layout alone:
    # read as lines, the call's ID and the offsets before each utterance would be numbers said
    # in the call)
    if layout is None:
        layout = layout_turns(segment.text)
    from_rows = bool(layout) and (csv_transcript_header(segment.text) or layout[0].in_field)
    labelled = [] if from_rows else _labelled_turns(segment, found, engine)
    laid_out = _json_turns(segment, found, engine, layout)
    return labelled + new_only([*found, *labelled], laid_out) if labelled else laid_out


def _json_like(text: str) -> bool:
    """Whether `text` opens as JSON does (an object, an array of objects, arrays or strings,
    JSON lines); a time stamp in brackets ("[00:01:02] Agent: ...") is no array."""
    return _JSON_OPENS.match(text) is not None


#: (a MediaWiki table opens with "{|": no object)
_JSON_OPENS = re.compile(r'\s*(?:\{(?!\|)|\[\s*(?:[{\["\]]|\Z))')


def _in_said_cells(
    segment: Segment, found: list[Finding], layout: list[Turn] | None
) -> list[Finding]:
    """The findings of a CSV transcript (its rows' utterances read as turns), less those in no
    utterance's cell that owe what they are to a cue: the cue is an utterance's, its "value"
    the next row's call ID ('...the four digit PIN on the account?"\n"6123-67-D",24,...')."""
    if (
        not layout
        or not found
        or _json_like(segment.text)  # (JSON lines: no cells)
        or not csv_transcript_header(segment.text)
    ):
        return found
    starts, ends = [t.start for t in layout], [t.end for t in layout]
    return [
        f
        for f in found
        if _overlaps(f, starts, ends)
        or not any(reason.startswith("context '") for reason in f.reasons)
    ]


def _overlaps(finding: Finding, starts: list[int], ends: list[int]) -> bool:
    """Whether `finding` overlaps one of the spans from `starts` to `ends` (sorted and apart:
    a layout's turns' words, the text a reading shows)."""
    k = bisect.bisect_right(starts, finding.end - 1) - 1
    return k >= 0 and ends[k] > finding.start


#: A time's cell in a transcript's columns: seconds ("42.257250") or a clock ("00:01:02.5").
_TIME_CELL = re.compile(r"\d{1,6}[.,]\d{1,6}|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,6})?")


def _off_time_cells(
    segment: Segment, found: list[Finding], layout: list[Turn] | None
) -> list[Finding]:
    """The findings of a transcript laid out in columns, less those that are a time in its
    columns, in no turn's words ("40.07\t42.25\tcan you verify the phone\n42.25\t43.56\t
    number on file": the line's start is no phone number, whatever cue the line before ends
    on, and no read-back of one either)."""
    if not layout or not found or _json_like(segment.text):
        return found
    cell = _TIME_CELL if "\t" in segment.text else _time_fields(segment.text)
    if cell is None:
        return found
    starts, ends = [t.start for t in layout], [t.end for t in layout]
    return [
        f
        for f in found
        if _overlaps(f, starts, ends) or cell.fullmatch(segment.text, f.start, f.end) is None
    ]


#: A piece of the fields before a turn's words, times and numbers only: a subtitle's "14 ,
#: 00", a data frame's row's index "14".
_TIME_FIELDS = re.compile(r"[\d:.,; \t]+")


def _time_fields(text: str) -> re.Pattern[str] | None:
    """The pattern of the time fields before each turn's words, in a transcript whose lines
    write them so without a tab (a Spruce STL subtitle's, a data frame's rows, a recorder's
    sample offsets); else None."""
    # (a substring test first: most texts are neither, and the patterns run over all of it)
    if (" , " in text and _STL_CUE.search(text) is not None) or (
        "  " in text and (FRAME_ROW.search(text) is not None or OFFSET_ROW.search(text) is not None)
    ):
        return _TIME_FIELDS
    return None


def _merged(found: list[Finding], more: list[Finding]) -> list[Finding]:
    if not more:
        return found
    found = [f for f in found if not any(gives_way(f, m) for m in more)]
    return sorted([*found, *more], key=lambda f: (f.start, f.end))


def _timed_labels(text: str) -> Iterator[re.Match[str]]:
    """The speakers' labels with a time in brackets after the name ("Catherine Anderson
    (6:14:47 PM):"), as `numbered_labels` finds them."""
    return (m for m in numbered_labels(text) if m.group().rstrip().endswith(")"))


#: A line that opens on a time stamp: "[11:33:58 AM] You:", "11:33:58 AM - Bot:", "[6/11/25, ...".
_STAMPED_LINE = re.compile(r"^[ \t]*[\[(]?\d{1,4}[:/\-]\d", re.MULTILINE)
#: A label, then a time stamp in brackets: "Speaker 2: [00:00:38] It's ..." (Sonix).
_STAMP_AFTER_LABEL = re.compile(
    r"^[^\n:\[]{1,40}:[ \t]+\[\d{1,2}:\d{2}"
    # (or the time inside the label, after the speaker: "Customer 00:28: six six six...")
    rf"|^[ \t]*[A-Za-z][\w.'\-]*(?:[ \t]+[A-Za-z][\w.'\-]*){{0,2}}{TIME_AFTER_NAME}:[ \t]",
    re.MULTILINE,
)


def _unwrapped(said: str) -> str:
    """A turn's text with its line breaks as blanks where the next line goes on with a word
    (the same length: offsets hold); not before a line of marks (">> COACH: ...", a note in
    a turn, after which the question the turn asks is no longer at its end)."""
    return _WRAP.sub(_blanks, said) if "\n" in said else said


_WRAP = re.compile(r"\r?\n(?=[ \t]*[^\W_])")


def _blanks(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _labelled_turns(segment: Segment, found: list[Finding], engine: Engine) -> list[Finding]:
    """Conversation findings of a segment that is a labelled transcript, in its offsets.

    The turns are read as segments of their own (id `line[N]`, N the line of the turn in the
    segment) with the segment's findings that lie inside them; what the conversation analysis
    adds is mapped back into the segment. The segment's own findings stay as they are."""
    # (or, unlabelled, its lines when a number goes on from one line to the next)
    labelled = speaker_turns(segment.text)
    stamped = () if labelled else stamped_turns(segment.text)
    turns = labelled or stamped or utterance_lines(segment.text)
    # (an interpreter's call: "INTERPRETER: [interprets to vietnamese]" is no turn that
    # answers, and "CALLER: [vietnamese] ... it's Curtis Glenn" says what comes after "...")
    annotated = [_past_annotation(segment.text, t) for t in turns]
    turns = tuple(t for t in annotated if t is not None)
    if len(turns) < 2:
        return []
    names = _named_speakers(segment, found, engine, labelled or stamped, bool(stamped))
    # (a turn hard-wrapped over lines is one utterance: its line breaks read as blanks, so a
    # number said across a wrap, "zero\none five six", is one number)
    parts = tuple(
        Segment(f"line[{t.line}]", _unwrapped(segment.text[t.start : t.end]), speaker=t.speaker)
        for t in turns
    )
    inside: list[list[Finding]] = [[] for _ in turns]
    starts = [t.start for t in turns]
    for finding in found:
        k = bisect.bisect_right(starts, finding.start) - 1
        if k >= 0 and finding.end <= turns[k].end:
            span = Span(finding.start - turns[k].start, finding.end - turns[k].start)
            inside[k].append(finding.moved(span, parts[k].id))
    # the text was scanned as one: each answer was read with the question before it (but
    # across a subtitle's timing line, "00:04:02.000 --> 00:04:03.500", or a chat's time
    # stamps, "11:33:58 AM - You:", which stand between and may push the question out of a
    # cue's reach)
    timed = (
        len(turns) < len(annotated)
        or "-->" in segment.text
        or bool(stamped)
        or len(_STAMPED_LINE.findall(segment.text, 0, 4000)) >= 2
        or len(list(itertools.islice(_timed_labels(segment.text), 2))) == 2
        or len(_STAMP_AFTER_LABEL.findall(segment.text, 0, 4000)) >= 2
        # (or a call monitor's asides: "    >> whisper (steven): watch the hold time")
        or has_asides(segment.text)
    )
    # (a log's lines read one by one for what they repeat and answer, not by their place
    # after a card: "13:16:47.072 (25163)|USER_DEBUG|...|amount=1800.64" is no CVV)
    positional = bool(labelled or stamped) or not machine_lines(segment.text)
    ctx = replace(
        _conversation(engine),
        answers=timed,
        answers_after_holds=True,
        positional=positional,
        # (one label on every line, a rebuilt transcript's "speaker: " where its layout names
        # no one, says no more than none of who asked)
        one_voice=len({t.speaker for t in turns}) == 1,
    )
    if not engine.has_spoken_forms(segment.text):  # none in the text: none in its turns
        ctx = replace(ctx, written=_never_spoken)
    added = conversation_findings(parts, inside, ctx)
    return names + [
        f.moved(Span(f.start + turn.start, f.end + turn.start), segment.id)
        for turn, more in zip(turns, added, strict=True)
        for f in more
    ]


#: A note in brackets where a turn opens, not what was said ("[interprets to vietnamese]",
#: "[speaks vietnamese]", "(inaudible)", "[vietnamese] ..."), and the dots after it.
_ANNOTATION = re.compile(
    r"[ \t]*(?:\[[^\[\]\n\d:]{0,40}[a-z]{3}[^\[\]\n\d:]{0,40}\]"
    r"|\([^()\n\d:]{0,40}[a-z]{3}[^()\n\d:]{0,40}\))[ \t]*(?:\.\.\.|…)?[ \t]*"
)


def _past_annotation(text: str, turn: Turn) -> Turn | None:
    """A speaker's turn without the note in brackets that opens it, or None when the note is
    all of it; the turn as it is when it opens with none."""
    note = _ANNOTATION.match(text, turn.start, turn.end)
    if note is None or not turn.speaker:
        return turn  # (a line of its own, "[music]", "[hold]": a hold the windows know)
    return turn._replace(start=note.end()) if note.end() < turn.end else None


def _json_turns(
    segment: Segment, found: list[Finding], engine: Engine, layout: list[Turn] | None = None
) -> list[Finding]:
    """Findings of a segment that is a speech-to-text vendor's JSON lines, pasted as text
    ('{"speaker": "ch_1", "text": "it's four one one one"}' a line), in its offsets: its
    records' texts are read as the turns of a labelled transcript ("ch_1: it's four one ...",
    with `_labelled_turns`), where a question's cue and its answer are in one text; what is
    found inside a record's text is mapped back into the JSON. So is a transcript laid out a
    turn a line after a time range or a role ("9.5s-12.6s caller | ...", a TSV's columns,
    "ch1 >> ...", "- ...") or as subtitle cues (SRT), `turns.layout_turns`."""
    turns = json_line_turns(segment.text)
    readings: list[Reading] = []
    if turns and '"word' in segment.text:
        # (Vosk's JSON lines, an utterance's words under its whole text, or a document whose
        # segments are a line each with their words beside them, as Google CCAI Insights
        # writes a call: the words are read too, and each word found is redacted)
        words = json_reading(segment.text)
        readings += [words] if words is not None and words.words else []
    reading = None if turns else json_reading(segment.text)
    if reading is None and not turns:
        # (JSON records inside a log's lines, "<time> <- {...,"transcript":"..."}"; Kaldi's
        # word lines, "call_7 A 2.28 0.34 hi", and lattices, "0	1	hi	8.93,1196.27,")
        reading = (
            record_reading(segment.text)
            or ctm_reading(segment.text)
            or lattice_reading(segment.text)
            or record_lines_reading(segment.text)  # (a fixed-width export's wrapped records)
        )
        if reading is None and MLF_HEADER in segment.text:
            reading = mlf_reading(segment.text)  # (HTK's label files, a word a line)
    if reading is None:
        turns = turns or (layout if layout is not None else layout_turns(segment.text))
        if not turns:
            return []
        reading = _turns_reading(segment.text, turns)
    readings.append(reading)
    mapped: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for each in readings:
        transcript = Segment(segment.id, each.transcript)
        read = engine.scan_segment(transcript)
        read = _merged(read, _labelled_turns(transcript, read, engine))
        # (each finding against the records it overlaps only, found by their starts: a long
        # transcript has thousands of records and findings)
        raw = each.to_raw([(f.start, f.end) for f in read])
        for finding, spans in zip(read, raw, strict=True):
            if len(spans) > 1:  # (its words, each a string of the JSON: none is the value)
                finding = replace(finding, reasons=(_PART_OF_A_VALUE, *finding.reasons))
            for lo, hi in spans:
                if (lo, hi) not in seen:
                    seen.add((lo, hi))
                    mapped.append(finding.moved(Span(lo, hi), segment.id))
    return new_only(found, mapped)


def _in_interim_captions(segment: Segment, found: list[Finding]) -> list[Finding]:
    """What is found in a live caption's final line, in the interim line that said its first
    words before it (`turns.interim_captions`), as far as the interim goes."""
    out: list[Finding] = []
    for interim, final, length in interim_captions(segment.text):
        for f in found:
            if final <= f.start < final + length:
                end = min(f.end, final + length)
                out.append(
                    f.moved(Span(interim + f.start - final, interim + end - final), segment.id)
                )
    return new_only(found, out)


def _in_string_lines(segment: Segment, found: list[Finding], engine: Engine) -> list[Finding]:
    """What the text a JSON document keeps as lists of lines (`string_lines`: a notebook's
    outputs) shows, read as the text it prints (a table's rows under its header), mapped back
    into the JSON; what is found already is not added again."""
    return _in_reading(segment, found, engine, string_lines(segment.text))


#: A numbered line that opens with a speaker's label: where a transcript in Jefferson's
#: notation may start.
_CA_HINT = re.compile(r"^[ \t]{0,6}\d{1,5}[ \t]+(?:THE[ \t]+)?[A-Za-z]\w{0,11}:[ \t]", re.M)


def _source_reading(text: str) -> Reading | None:
    """The text a document's source shows, where it is one: an RTF document's, a multipart form's
    fields (each value after its part's name), a calendar's or a contact card's (folded and
    escaped), an HL7 message's notes, an Arrow table's rows, a LaTeX document's typeset text, a
    QIF export's values, a load file's fields, form fields' values (percent-encoded), a voice
    bot's slot values under their slots' names, an OCR engine's words (hOCR, ALTO, Tesseract's
    TSV) as lines, a SAMI file's captions, an icefall recogs file's word lists, a speech-to-text
    transcript without its transcriber's marks, a text typed with blanks to spare as typed; else
    None (a substring test each, for most texts)."""
    if "{\\rtf" in text:
        return rtf_reading(text)
    if "NTE" in text and (notes := hl7_note_reading(text)) is not None:
        return notes  # (an HL7 message's notes: a call's turns, a note each)
    if "pyarrow.Table" in text and (rows := arrow_reading(text)) is not None:
        return rows  # (an Arrow table printed column by column: its rows, a turn a line)
    if ("\n!" in text or text.startswith("!")) and (qif := qif_reading(text)) is not None:
        return qif  # (a bank's QIF export: each field's value without its code)
    if "\\begin{" in text and (typeset := tex_reading(text)) is not None:
        return typeset  # (a LaTeX document's source: ties, dashes, escapes, a table's cells)
    if "form-data;" in text and (parts := multipart_reading(text)) is not None:
        return parts  # (a multipart form's post: each value after its part's name)
    if "BEGIN:V" in text:
        return folded_reading(text)
    if "\x14" in text and (load_file := load_file_reading(text)) is not None:
        return load_file
    if ("<SYNC" in text or "<sync" in text) and (captions := sami_reading(text)) is not None:
        return captions
    if "<w:t" in text and (word := wordml_reading(text)) is not None:
        return word  # (a Word document's XML: its paragraphs' runs joined)
    if "[0" in text and "<0" in text and (lrc := lrc_reading(text)) is not None:
        return lrc  # (karaoke LRC: a word's time before each word)
    if _CA_HINT.search(text, 0, 2000) and (ca := jefferson_reading(text)) is not None:
        return ca  # (conversation analysts' notation: numbered lines, pauses and breaths)
    if "=['" in text and (recogs := recogs_reading(text)) is not None:
        return recogs  # (an icefall recogs file: a call's words as Python lists, ref and hyp)
    if ('speaker="' in text or 'who="' in text) and (xml := xml_turn_reading(text)) is not None:
        return xml  # (a call as XML: Transcriber's turns, TEI's utterances, EXMARaLDA's tiers)
    if ('<family value="' in text or "<identifier>" in text) and (
        fhir := fhir_value_reading(text)
    ) is not None:
        return fhir  # (a FHIR resource's XML: its values in attributes)
    if ("[" in text or "<" in text or "((" in text or "{" in text) and (
        said := markup_reading(text)
    ) is not None:
        return said  # (a transcriber's marks between the words: "[noise]", "<hes>", "((...))")
    return (
        form_reading(text)
        or slot_reading(text)
        or ocr_word_reading(text)
        # (notes typed with two blanks between words and lines wrapped inside values)
        or spaced_reading(text)
    )


def _with_reading(
    segment: Segment, found: list[Finding], engine: Engine, reading: Reading
) -> list[Finding]:
    """A segment's findings with those of the text its source shows (`_source_reading`).
    A Word document's XML is read as its reading alone where it shows text: read as written,
    its runs' words are tags apart and its tags' attributes are words ('last name
    </w:t></w:r><w:r><w:t xml:space="preserve">Hoàng.')."""
    if "<w:t" in segment.text:
        shown = sorted((r.raw, r.raw + r.raw_length) for r in reading.regions)
        starts, ends = [start for start, _ in shown], [end for _, end in shown]
        found = [
            f
            for f in found
            if not in_wordml_markup(segment.text, f.start, f.end) and not _overlaps(f, starts, ends)
        ]
    return _merged(found, _in_reading(segment, found, engine, reading))


def _in_reading(
    segment: Segment, found: list[Finding], engine: Engine, reading: Reading | None
) -> list[Finding]:
    """What a segment's text shows (`reading`: the lines a JSON document keeps as strings, the
    text of an RTF document's source), scanned as a document of its own and mapped back into
    the segment; what is found already is not added again."""
    if reading is None:
        return []
    printed = Document("", (Segment(segment.id, reading.transcript),))
    read = list(scan(printed, engine).findings)
    mapped = [
        finding.moved(Span(lo, hi), segment.id)
        for finding, spans in zip(
            read, reading.to_raw([(f.start, f.end) for f in read]), strict=True
        )
        for lo, hi in _blanks_joined(segment.text, spans)
    ]
    return new_only(found, mapped)


def _blanks_joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the source, a run of blanks (or a transcriber's mark, "[noise]") joined to the
    spans it touches: a value read across blanks shown as one ("Colin", "  ", "Dubois") is one
    finding of the source's "Colin  Dubois" (other pieces stay apart: each is looked for again
    on its own)."""
    joined: list[tuple[int, int]] = []
    after_blanks = False  # (whether the span before was a run of blanks)
    for lo, hi in spans:
        blanks = text[lo:hi].isspace() or is_mark(text[lo:hi])
        if joined and joined[-1][1] == lo and (blanks or after_blanks):
            joined[-1] = (joined[-1][0], hi)
        else:
            joined.append((lo, hi))
        after_blanks = blanks
    return joined


#: A MicroDVD subtitle file's first cue: its frames in braces (or an MPL2 file's, its times
#: in brackets).
_MICRODVD = re.compile(r"\s*(?:\{\d+\}\{\d+\}|\[\d+\]\[\d+\])")
#: A Spruce STL subtitle's cue: "00:00:02:19 , 00:00:07:12 , ..."
_STL_CUE = re.compile(r"(?m:^\d{2}:\d{2}:\d{2}:\d{2}[ \t]*,[ \t]*\d{2}:\d{2}:\d{2}:\d{2}[ \t]*,)")


def _turns_reading(text: str, turns: Sequence[Turn]) -> Reading:
    """Turns of a laid-out transcript rebuilt as "speaker: said" lines, with the map back."""
    lines: list[str] = []
    regions: list[Region] = []
    at = 0  # (the length of the lines so far, joined)
    # (a MicroDVD or a Spruce STL file's cues break their lines with a bar: "nine two three
    # nine five uh|6323"; SubViewer's, with "[br]")
    bars = _MICRODVD.match(text) is not None or _STL_CUE.search(text) is not None
    for turn in turns:
        # (a turn wrapped over lines, as a subtitle's cue is, is read as the one line it is)
        said = text[turn.start : turn.end].replace("\r", " ").replace("\n", " ")
        if bars:
            said = said.replace("|", " ")
        said = said.replace("[br]", "    ")
        length = turn.end - turn.start
        if turn.continues and lines:  # its line goes on, after a blank
            lines[-1] += " " + said
            at += 1
        else:
            label = speaker_label(turn.speaker)
            at += len(label) + (1 if lines else 0)
            lines.append(label + said)
        regions.append(Region(at, length, turn.start, length))
        at += length
    return Reading("\n".join(lines), tuple(regions))


def _named_speakers(
    segment: Segment,
    found: list[Finding],
    engine: Engine,
    turns: Sequence[Turn],
    stamped: bool,
) -> list[Finding]:
    """A PERSON finding for each speaker label of a transcript that is a person's name (a
    chat export writes the customer's name before every message), where no finding holds it
    all (the first name alone, found where a greeting addresses the customer, is not all of
    "Atilio Mena")."""
    person = _person_entity(engine)
    if person is None:
        return []
    out = []
    for start, end in named_speakers(segment.text, turns, stamped):
        if any(f.start <= start and end <= f.end for f in found):
            continue
        out.append(_person_found(engine, person, segment, Span(start, end), _SPEAKER_NAMED))
    return out


def _never_spoken(text: str) -> None:
    return None


#: The reason a cell's finding gives: never the header itself (a first row of data read as a
#: header holds values).
_READ_WITH_HEADER = "table: read with its column header"
#: A cell to read with its header: (segment index, start, end, header).
_Reading = tuple[int, int, int, str]


def _read_with_headers(
    segments: Sequence[Segment],
    per_segment: list[list[Finding]],
    engine: Engine,
    tab_layouts: Sequence[list[Turn] | None],
) -> list[list[Finding]]:
    """Each segment's findings, with those of its cells read with their headers: the cells of a
    segment that is a table (core/tables.py), and a whole segment that has a `context` (a
    spreadsheet cell under its column header). A cell is read as "header: value" ("ssn:
    078051120"); all cells of the document are read as one text, a line per cell, so the
    document costs one scan more, and the findings are mapped back into the segments.

    A cell finding on exactly the span of a finding of the segment takes its place: the header
    says what the column holds ("Exp" above 0926 is an expiry where the text alone read a code
    after a card)."""
    readings: list[_Reading] = []
    #: per segment with a table in it, its cells' spans in order
    cells: dict[int, list[tuple[int, int]]] = {}
    for index, segment in enumerate(segments):
        if segment.context and segment.text.strip():
            readings.append((index, 0, len(segment.text), segment.context))
        # (answers given by number to a numbered list of questions: read with their question)
        readings.extend((index, c.start, c.end, c.header) for c in numbered_answers(segment.text))
        # (a transcript exported as TSV, "start\tend\tspeaker\ttranscript", or as CSV is read
        # as a call, `_json_turns`: its cells read under "transcript" would lose the questions
        # before them)
        # (nor is a JSON document a table: its lines, split at their commas, put one
        # object's key over the next one's value, '"displayName": ...' over "content")
        json_like = _json_like(segment.text)
        table = () if tab_layouts[index] or json_like else text_tables(segment.text)
        if "MSH" in segment.text:
            # (an HL7 message's fields, labelled by their place: hl7.py)
            table = (*table, *hl7_cells(segment.text))
        if '"identifier"' in segment.text:
            # (a FHIR resource's identifiers, labelled by the resource they are of: hl7.py)
            table = (*table, *fhir_identifier_cells(segment.text))
        if CARD_START in segment.text:
            # (a contact card's properties, labelled by their names and places: vcard.py)
            table = (*table, *vcard_cells(segment.text))
        if FIELD_VALUE in segment.text:
            # (a PDF form's fields as pdftk dumps them, under their names: pdf_fields.py)
            table = (*table, *pdf_field_cells(segment.text))
        if CHANGED in segment.text:
            # (a record's field history, each value under its field's name: field_history.py)
            table = (*table, *history_cells(segment.text))
        if table:
            readings.extend((index, c.start, c.end, c.header) for c in table)
            if columns := [(c.start, c.end) for c in table if c.column]:
                cells[index] = columns
    if not readings:
        return per_segment
    lines: list[str] = []
    places: list[int] = []  # where each cell's value starts in the text read
    pos = 0
    for index, start, end, header in readings:
        value = segments[index].text[start:end]
        line = cell_text(header, value)
        places.append(pos + len(line) - len(value))
        lines.append(line + "\n")
        pos += len(line) + 1
    added: list[list[Finding]] = [[] for _ in segments]
    for finding in engine.scan("".join(lines)):
        k = max(0, bisect.bisect_right(places, finding.start) - 1)
        while k < len(readings) and places[k] < finding.end:
            index, start, end, _header = readings[k]
            lo, hi = max(finding.start, places[k]), min(finding.end, places[k] + end - start)
            if lo < hi:
                span = Span(start + lo - places[k], start + hi - places[k])
                added[index].append(
                    replace(
                        finding,
                        span=span,
                        reasons=(_READ_WITH_HEADER, *finding.reasons),
                        segment_id=segments[index].id,
                    )
                )
            k += 1
    out = []
    for index, (found, more) in enumerate(zip(per_segment, added, strict=True)):
        if index in cells:
            # what the text read as one found in the cells of a table with a header row gives
            # way to what the cells read with their headers found: read as one, a cell's
            # neighbours are its context ("371449635398431,643.06": the amount beside a card
            # is no code) and a value runs on into the next cell or row ("376,10" under
            # "cvv,qty"). (A form's cells, labels to their left, may be prose: "Bonjour,
            # voici mon RIB ...\nCordialement, Siobhan" splits into two cells a line.)
            kept = [f for f in found if not _in_cells(f, cells[index])]
        else:
            read = {(f.start, f.end) for f in more}
            kept = [f for f in found if (f.start, f.end) not in read]
        out.append(_merged(kept, new_only(kept, more)) if more else kept)
    return out


def _in_cells(finding: Finding, spans: list[tuple[int, int]]) -> bool:
    """Whether a finding covers any part of a table's cells (`spans`, in order)."""
    k = bisect.bisect_right(spans, (finding.end,)) - 1  # the last cell that starts before its end
    return k >= 0 and spans[k][1] > finding.start


def _conversation(engine: Engine) -> Conversation:
    def enabled(name: str) -> EntityType | None:
        entity = engine.catalogue.get(name)
        return entity if entity in engine.entities else None

    entities = Entities(enabled("PAYMENT_CARD"), enabled("CARD_CVV"), enabled("CARD_EXPIRY"))
    return Conversation(engine.scan, engine.fingerprint, entities, engine.normalise)


def redact_document(
    document: Document,
    result: ScanResult,
    engine: Engine,
    operators: Mapping[str, Operator] | None = None,
) -> RedactedDocument:
    """The same document with each segment's text redacted from `result` (no re-detection)."""
    per_segment = result.by_segment()
    segments = []
    replacements: dict[str, tuple[Replacement, ...]] = {}
    for segment in document.segments:
        redacted = engine.redact(segment.text, per_segment.get(segment.id, []), operators)
        segments.append(replace(segment, text=redacted.text, words=()))
        replacements[segment.id] = redacted.replacements
    return RedactedDocument(replace(document, segments=tuple(segments)), replacements)
