"""Speaker turns in plain text: "Agent: ...\\nCustomer: ..." as a contact-center platform
exports a call or a chat.

Such a file reaches Callshield as one text, where a card number read out over several turns
("Customer: 4532 0151" / "Customer: 1283 0366") is two harmless fragments. `speaker_turns`
finds the turns so that the conversation analysis (core/conversation.py) can read them as one
call. Pure: a text in, turn spans out.

A line opens a turn when it starts with a speaker label and a colon, after an optional time
stamp: "Agent: hi", "[00:01:23] Customer: yes", "10:02 AM - Sarah: hello", "Speaker 1: ok".
Lines without a label continue the turn above them. A text counts as a transcript only when
at least two lines open turns and at least half of its non-blank lines do.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from callshield.core.detection.base import (
    CHANNEL,
    CONFIDENCE_BAR,
    EMPTY_ELEMENT,
    EXPORT_ROLE,
    FRAME_ROW_FIELDS,
    HYPOTHESIS_FIELDS,
    ROLE_ABBREVIATION_LABEL,
    RTTM_FIELDS,
    TIME_AFTER_NAME,
)
from callshield.core.tables import split_cells

#: A time stamp before a label: "[00:01:23]", "(10:02 AM)", "00:01:23.5 -", "10:02",
#: "[2024-04-09 16:20:07]", and a messenger's export's "[6/11/25, 6:31:19 PM]".
_STAMP = (
    r"(?:[\[(]?(?:\d{4}-\d{2}-\d{2}[ T]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t])?"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
    # (a range's end: "[00:28.451-00:31.287] ch1 CALLER:", and Whisper's arrow: "[00:34.480
    # --> 00:35.623] SPEAKER_01:")
    r"(?:[ \t]*(?:-->|[-\u2013])[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?(?=[\])]))?"
    # (an ISO time's zone: "[2025-10-13T18:22:49.108Z]")
    r"(?:Z|[+\-]\d{2}:?\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?[\])]?"
    # (or the seconds from the call's start, in brackets: "[0046.17] S2:")
    r"|\[\d{1,5}[.,]\d{1,3}\])[ \t]*-?[ \t]*"
)
#: An HL7 v2 segment's ID and first fields, before a note's text ("NTE|31|L|").
_HL7_FIELDS = r"[A-Z][A-Z0-9]{2}\|(?:[^|\n]{0,20}\|){1,6}"
#: A label: one to four words of letters, digits, dots, apostrophes, hyphens, a role or a
#: time in parentheses ("Sarah (agent)", "Customer (18:18)"), then a colon and a blank or the
#: end of the line ("https://" and "10:30" are no labels).
_LABEL = re.compile(
    # (in Markdown's bold too: "**Agent:** ...", and quoted: "> **Leon:** Um, 0147.")
    # (an HL7 v2 segment's fields before it: "NTE|31|L|PT: four zero zero zero ...")
    # (a quote's marks open the line: an indented ">> whisper (coach):" is a note, no turn)
    rf"^(?:>[ \t]?)*[ \t]*(?:{_HL7_FIELDS})?(?:{_STAMP})?(?:\*\*)?"
    rf"(?P<speaker>[A-Za-z][\w.'\-]*(?:[ \t]+(?!\d{{1,2}}:\d\d)[\w.'\-]+){{0,3}}"
    rf"(?:[ \t]*\([\w .:'\-]{{1,30}}\)){{0,2}})"
    # (the time the turn began, after the name: "Customer 00:28: six six six...")
    rf"(?:{TIME_AFTER_NAME})?"
    # (a mark after the name, no part of it: "ch1 CALLER <overlap>:")
    rf"(?:[ \t]*<[a-z][a-z_ \-]{{0,18}}>)?[ \t]*:(?:\*\*)?(?:[ \t]+|(?=\n)|\Z)"
    # (the time stamp after the label, as Sonix writes it: "Speaker 2: [00:00:38] It's ...")
    rf"(?:\[\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[.,]\d{{1,3}})?\][ \t]+)?",
    re.MULTILINE,
)
#: The most labels a transcript has: speakers are few, headers and key-value lists are not.
MAX_SPEAKERS = 12
MAX_LABEL_CHARS = 40


class Turn(NamedTuple):
    """A turn's text [start, end) in the whole text (after its label, up to the next turn's
    line, without the line break before it), its speaker and its first line (1-based)."""

    start: int
    end: int
    speaker: str
    line: int
    #: It goes on with the turn before it, across what stands between (a subtitle's next cue,
    #: after its number and timing line): the two are one thing said.
    continues: bool = False
    #: It is a field of its line, which holds others (`role_lines`: a role, times, scores): the
    #: line is no turn.
    in_field: bool = False


#: Other ways a transcript names its speakers: WebVTT's voice tags ("<v Agent>what's your
#: social"), and a role before a dash ("agent - can i get the card number").
_OTHER_LABELS = (
    re.compile(r"^[ \t]*<v(?:\.[\w.\-]+)?[ \t]+(?P<speaker>[^>\n]{1,40})>[ \t]*", re.MULTILINE),
    # (a time between dashes after it, and the agent's name after the role: "Rep Mary - 0:37
    # - uh huh", "Caller - 0:39 - fifty five five")
    re.compile(
        r"^[ \t]*(?P<speaker>(?i:agent|customer|caller|rep|representative|client|advisor"
        r"|operator|speaker[ \t]?\d{1,2})(?:[ \t]+[A-Z][a-z]+)?)[ \t]+[\-–—][ \t]+"
        r"(?:\d{1,2}:\d{2}(?::\d{2})?[ \t]+[\-–—][ \t]+)?",
        re.MULTILINE,
    ),
    # a role or a diarization label in brackets ("[AGENT] can i get ...", "[spk_1] sure"),
    # and a legacy recorder's prompt-like label ("AGT> AND THE ZIP?", "CUS> YES")
    re.compile(
        # (a time after the name inside: "[Speaker 2 at 00:00:27] okay zero five three")
        rf"^[ \t]*(?:{_STAMP})?\[(?P<speaker>[A-Za-z][\w.'\-]*(?:[ \t]+[A-Za-z][\w.'\-]*){{0,2}}"
        # (or after the name with no "at": Verint's "[C 03:41] It's ...")
        r"|(?i:speaker|spk|channel|ch)[ _]?\d{1,2})"
        r"(?:[ \t]+(?:at[ \t]+[\d:.]{4,12}|\d{1,2}:\d{2}(?::\d{2})?(?:\.\d{1,3})?))?\]"
        # (not a chat export's writer above the time, "[Mary Lamb] 10:51:16": `stamped_turns`)
        r"[ \t]*:?[ \t]+(?![\d:.]+[ \t]*(?:[AaPp][Mm])?[ \t]*\r?$)",
        re.MULTILINE,
    ),
    re.compile(r"^[ \t]*(?P<speaker>[A-Za-z][\w\-]{0,15})>[ \t]+", re.MULTILINE),
    # an IRC log's nick in angle brackets after the time ("[16:12:21] <caller> Matteo ...")
    re.compile(
        r"^[ \t]*(?:\[\d{1,2}:\d{2}(?::\d{2})?\][ \t]*)?"
        r"<(?P<speaker>[A-Za-z][\w\-.|]{0,30})>[ \t]+",
        re.MULTILINE,
    ),
    # a stereo recogniser's channel, its confidence and time, then a bar ("ch1 0.46 0006.19 |")
    re.compile(rf"^[ \t]*(?P<speaker>(?i:{CHANNEL})){CONFIDENCE_BAR}[ \t]*", re.MULTILINE),
    # a diarization label or a role, then the time and two blanks or a tab, as a diarizing
    # recogniser's text export writes a turn ("SPEAKER_00 0:02  Thank you for calling")
    re.compile(
        r"^[ \t]*(?P<speaker>(?i:speaker|spk)[ _]?\d{1,2}"
        r"|(?i:agent|customer|caller|rep|representative|client|advisor|operator))"
        r"[ \t]+(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?(?:[ \t]{2,}|\t)",
        re.MULTILINE,
    ),
    # a role's abbreviation in capitals, then two blanks or a tab, as a call monitor's log
    # writes a turn ("AGT  may i have your first and last name" / "CUS  berg, connie berg")
    re.compile(
        rf"^[ \t]*{ROLE_ABBREVIATION_LABEL}(?=\S)",
        re.MULTILINE,
    ),
)
#: A WebVTT or SRT cue's timing line ("00:04:02.000 --> 00:04:03.500"), after a turn's text:
#: no part of what was said (its digits are no answer).
_CUE_TIMING = re.compile(
    # (a cue's ID above its timing line: a number, "3e522b1-17")
    r"(?:\r?\n[ \t]*(?:[\w\-.]{1,40}[ \t]*\r?\n[ \t]*)?"
    r"(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[^\n]*)+[ \t\r\n]*\Z"
)


def _spoken_line(line: str) -> bool:
    """A line with words on it: not blank, and no subtitle file's header, cue number or
    timing line ("WEBVTT", "2", "00:04:02.000 --> 00:04:03.500"), nor a quote's empty line
    (">")."""
    bare = line.strip().lstrip(">").strip()
    return (
        bool(bare)
        and "-->" not in bare
        and not bare.isdigit()
        and bare != "WEBVTT"
        and _TIME_CODE_LINE.match(bare) is None
    )


def _cue_line(text: str, line: re.Match[str]) -> bool:
    """A subtitle's timing line ("00:04:02,000 --> 00:04:03,500") or its cue's number, the
    line above one (a line of digits alone is said, elsewhere: "4242 4242\n4242 4242")."""
    if "-->" in line.group():
        return True
    if not line.group().strip().isdigit():
        return False
    after = text.find("\n", line.end() + 1)
    return "-->" in text[line.end() : len(text) if after < 0 else after]


def speaker_turns(text: str) -> tuple[Turn, ...]:
    """The speaker turns of `text`, in order; none when it is not a labelled transcript."""
    labels = [
        (m.start(), m.end(), label)
        for m in _LABEL.finditer(text)
        if len(label := m.group("speaker")) <= MAX_LABEL_CHARS
    ]
    if "**" in text:
        # a label in bold that is said once is a summary's field ("**Reason for call:**"),
        # where a speaker's comes back turn after turn ("**Agent:**", "**Customer:**")
        said = Counter(label for _, _, label in labels)
        labels = [
            (start, end, label)
            for start, end, label in labels
            if said[label] > 1 or "**" not in text[start:end]
        ]
    for other in _OTHER_LABELS:
        if len(labels) >= 2:
            break
        labels = [(m.start(), m.end(), m.group("speaker")) for m in other.finditer(text)]
    if len(labels) < 2:
        return ()
    speakers = [_speaker(label) for _, _, label in labels]
    if len(set(speakers)) > MAX_SPEAKERS:
        return ()
    if len(set(speakers)) == len(speakers) and not any(_is_role(s) for s in speakers):
        return ()  # a form's fields, each once ("Passport: ...\nDOB: ..."), no one speaking
    lines = sum(1 for line in text.splitlines() if _spoken_line(line))
    if 2 * len(labels) < lines:
        return ()
    turns: list[Turn] = []
    line = text.count("\n", 0, labels[0][0]) + 1
    previous = labels[0][0]
    stops = [start for start, _, _ in labels[1:]]
    stops.append(len(text))
    for (opened, start, _), stop, speaker in zip(labels, stops, speakers, strict=True):
        line += text.count("\n", previous, opened)
        previous = opened
        end = stop
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        if "-->" in text[start:end]:
            timing = _CUE_TIMING.search(text, start, end)
            if timing is not None:
                end = timing.start()
                while end > start and text[end - 1] in "\r\n":
                    end -= 1
        while start < end and text[start] in "\r\n":  # "Agent:" alone on its line
            start += 1
        closed = text.find("</v>", start, end)  # (a WebVTT voice's span ends there)
        if closed >= 0:
            end = closed
        if text.find(">>", start, end) >= 0 and (aside := _ASIDE.search(text, start, end)):
            end = aside.start()  # (a supervisor's aside after it is no word of the turn)
        turns.append(Turn(start, end, speaker, line))
    return _without_utterance_numbers(text, turns)


#: A call monitor's aside on a line of its own, between the turns of the call ("    >>
#: whisper (sandra): get the spelling"): said to the agent, not by either speaker.
_ASIDE = re.compile(r"\n[ \t]*>>[ \t]*(?:whisper|barge|coach|note)\b", re.IGNORECASE)


def has_asides(text: str) -> bool:
    """Whether a call monitor's asides stand between the turns of `text` (`_ASIDE`)."""
    return ">>" in text and _ASIDE.search(text) is not None


#: An utterance's number on a line of its own after a turn's text ("...?\n\n13"), as an
#: export numbers each turn above its label.
_UTTERANCE_NUMBER = re.compile(r"\n[ \t]*(\d{1,5})[ \t]*\Z")


def _without_utterance_numbers(text: str, turns: list[Turn]) -> tuple[Turn, ...]:
    """`turns`, each without the number of the next utterance that closes it, when every
    turn but the last is so closed, counting up ("1\n[AGENT] hi\n\n2\n[CALLER] ..."): no
    digit a speaker said (one turn's last line of digits alone is, "... 4111\n1111")."""
    closing = [_UTTERANCE_NUMBER.search(text, t.start, t.end) for t in turns[:-1]]
    numbers = [int(m.group(1)) if m is not None else -1 for m in closing]
    if len(turns) < 3 or any(b != a + 1 for a, b in itertools.pairwise(numbers)) or numbers[0] < 0:
        return tuple(turns)
    out = []
    for turn, match in zip(turns, [*closing, None], strict=True):
        if match is not None:
            end = match.start()
            while end > turn.start and text[end - 1] in "\r\n \t":
                end -= 1
            turn = turn._replace(end=end)
        out.append(turn)
    return tuple(out)


#: The words of speakers' labels in transcripts: roles, and speakers by number.
_ROLES = frozenset(
    """agent customer caller rep representative speaker spk client user bot system advisor
    adviser associate operator member assistant support me you a c q agt cus vru
    cliente agente asesor asesora usuario usuaria visitante conseiller conseillère
    utilisateur soporte atención atencion ayuda operador operadora tú tu yo vous moi
    assistance kundendienst kunde berater interpreter translator ahente kustomer kliyente
    atendente klant medewerker tty tdd clr scores hyp ref eval node""".split()
)


#: Words of a label that name no person (besides the roles): a chat's other participants.
_NOT_NAMES = _ROLES | frozenset(
    """visitor guest host staff team service desk help helpdesk concierge chatbot virtual
    automated ivr note notes internal cx cust csr tech technician sales billing manager
    supervisor specialist moderator admin administrator unknown system auto reply
    bank banking mortgage insurance savings credit union federal financial finance capital
    trust lending loans telecom wireless mobile cable internet fiber energy power electric
    utilities utility airlines airline rentals rental health healthcare pharmacy clinic
    goods store shop retail motors auto cards inc llc ltd corp company contact contacts
    direct callback""".split()
)
#: Header fields of an e-mail or an HTTP message: text with one of them is no conversation.
_HEADERS = frozenset(
    """from to cc bcc subject date sender reply-to received return-path delivered-to
    delivery-date message-id in-reply-to references mime-version content-type
    content-transfer-encoding content-id content-description content-disposition precedence
    host user-agent accept authorization cookie set-cookie location server""".split()
)
#: A name in a label: one to three words, each opening on a capital (of any alphabet).
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_'\-]*(?:['\-][^\W\d_]+)*")
#: A capital right after two small letters: words run together ("FieldType"), where a name
#: has its capitals after one or none ("McCoy", "DeShawn", "MacAllister" has "cA": a prefix).
_CAMEL_HUMP = re.compile(r"[a-z]{2}[A-Z](?<!Mac[A-Z])")


def named_speakers(
    text: str, turns: Sequence[Turn], stamped: bool = False
) -> list[tuple[int, int]]:
    """The spans of the speaker labels of a transcript that are people's names, as chat
    exports write the writer's name before each message ("Emeka MacAllister (12:37 PM):",
    "[10:38] Lucía:", "Sam (Agent):", or on a line of its own above the time): not roles
    ("Agent", "Customer", "Support", "You"). `turns` are the text's turns, from
    `speaker_turns`, or from `stamped_turns` (`stamped`)."""
    if not turns or all(t.speaker in _NOT_NAMES for t in turns):
        return []  # "Agent:", "Customer:" only (most transcripts): no name among them
    heads = _stamp_heads(text) if stamped else list(_LABEL.finditer(text))
    headers = {
        label.lower()
        for m in heads
        if (label := m.group("speaker")).lower() in _HEADERS or label[:2].lower() == "x-"
    }
    if len(headers) >= 2:
        return []  # an e-mail's or an HTTP message's header fields, no one speaking
    said = Counter(_label_name(m.group("speaker")) for m in heads)
    out = []
    for match in heads:
        label = match.group("speaker")
        if label.lower() in headers:
            continue  # a chat export's "Date:" above its messages
        start = match.start("speaker")
        name = _label_name(label)
        # (a meeting transcript's "Last, First (Company)": "Higgins, Stephanie (ClearReturn)")
        words = name.replace(",", " ", 1).split() if stamped else name.split()
        if name.startswith("@"):
            if _HANDLE.fullmatch(name) and not _BRAND_HANDLE.search(name):
                out.append((start, start + len(name)))  # a customer's handle in a DM export
            continue
        if (
            1 <= len(words) <= 3
            and all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words)
            # (no field's key run together, "FieldType:", "FieldName:"; no short code in
            # capitals, "TTY:", "CLR:")
            and not any(_CAMEL_HUMP.search(w) for w in words)
            and not (len(words) == 1 and name.isupper() and len(name) <= 4)
            and not any(w.lower() in _NOT_NAMES or w.lower() in _FIELDS for w in words)
            # a chat message: a time with the name, or the name before two messages or more
            # (a ticket's or a form's fields are each written once: "DOB:", "Verified:")
            and (stamped or said[name] >= 2 or "(" in label or text[match.start() : start].strip())
        ):
            out.append((start, start + len(name)))
    return out


#: A social network's handle; a brand's (its care team's) says so in its words, looked for
#: inside the handle, whose words run together (so not `_NOT_NAMES`' business words, whose
#: short ones, "inc", "auto", "power", stand inside people's handles: "@vince_m").
_HANDLE = re.compile(r"@[\w.]{2,30}")
_BRAND_HANDLE = re.compile(
    r"help|support|care|team|official|service|bank|insurance|mortgage|telecom|energy|utilit"
    r"|airline|rental|health|savings|credit|wireless|mobile|store|shop",
    re.IGNORECASE,
)


def _label_name(label: str) -> str:
    """A label's name, without the role or the time in brackets after it."""
    cut = label.find("(")
    return label[:cut].rstrip() if cut >= 0 else label


#: Words of a record's field labels, never a chat writer's name ("Order:", "Ticket ID:").
_FIELDS = frozenset(
    """dob ssn phone email address order ticket id status verified verification subject date
    time amount total card account acct routing zip city state country notes note comment
    comments description summary priority type category reason result outcome resolution
    issue product plan balance payment reference ref case tracking created updated""".split()
)


def _is_role(speaker: str) -> bool:
    """Whether a label names a role in a conversation ("agent", "sarah (agent)", "speaker 1")."""
    return any(word.strip("()_0123456789") in _ROLES for word in speaker.replace("_", " ").split())


def _speaker(label: str) -> str:
    """A label as a speaker key: "AGENT", "Agent " and "agent" are one speaker, and so are
    "Customer (7:20 PM)" and "Customer (7:23 PM)" (a time in brackets is no part of it)."""
    if "(" in label:
        label = _TIME_IN_BRACKETS.sub("", label)
    return " ".join(label.lower().split())


_TIME_IN_BRACKETS = re.compile(r"\(\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\s*\)")


#: A number said or written at the end of a line and another at the start of the next line
#: (or of the line after a short one between: "mhm"): a value split over two utterances.
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|double|triple)"
#: What may open the next line before the number goes on: a time stamp, a quote's or a
#: list's mark, a chat handle ("agent>"), a word or two ("then 1111", "second part 1111", "uh,
#: oh five").
_LINE_LEAD = (
    # (a quoted reply's marks, as many as the thread is deep: "> > 5555 4444")
    r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?[ \t]+|(?:>[ \t]*){1,4}|[*\-][ \t]*"
    r"|[A-Za-z]{1,12}>[ \t]*|[A-Za-z]{1,12}[ \t]+(?:[A-Za-z]{1,12}[ \t]+)?"
    r"|(?:uh|um|er|erm|so|and|okay|ok|yeah|yes|then|sorry),[ \t]+)?"
)
_SPLIT_NUMBER = re.compile(
    rf"(?:\d|\b{_DIGIT_WORD})[ \t,.]*\r?\n\s*(?:[^\n\d]{{1,40}}\r?\n\s*)?{_LINE_LEAD}"
    rf"(?:\d|{_DIGIT_WORD}\b)",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\r\n]*[^\s][^\r\n]*")
#: A record's label on a line of its own, above its value ("Due Date\n05/26/2024", "Primary
#: Phone\n+1 724 259 4324"), as a CRM's screen is copied: a few capitalised words, no digit.
_LABEL_ABOVE = re.compile(
    r"^[ \t]*[A-Z][A-Za-z/#&'.]*(?:[ \t][A-Za-z/#&'.]+){0,3}[ \t]*\r?\n[ \t]*[^\n]*\d",
    re.MULTILINE,
)
#: A telephony log's line with digits keyed in ("dtmf.collect digits=\"0327\""): such a log
#: is read line by line too, so that what follows a card keyed in is read by its position.
_KEYED = re.compile(r"\b(?:dtmf|digits?)\b[^\n]*?\d", re.IGNORECASE)
#: What no speech-to-text line holds and a machine's line does: a key's "=", a brace, a bar
#: between fields with no blank around it (" | " parts a table's cells, as an SMS log's
#: messages are shown: "2025-03-20 15:00 | IN  | 73199 | Hi, can you confirm ...").
_MACHINE_LINE = re.compile(r"[={}]|\S\|\S")
#: The most lines an unlabelled transcript is read by (a long call's utterances; each line
#: read as a turn costs about 0.1 ms).
MAX_UTTERANCES = 2000


#: A message head's writer: up to six words, "Last, First" perhaps, a company in brackets
#: ("Teresa Odonnell (Coastal Pacific Airlines)").
_HEAD_NAME = r"[^\W\d_][\w.'\-]*(?:,?[ \t]+(?:\(?[^\W\d_][\w.'&\-]*\)?)){0,5}"


#: A chat export that writes the writer's name on a line, the time on the next, then the
#: message ("Priya Brennan\n15:14\nssn\nPriya Brennan\n15:17\n455 ..."): the name line, the
#: time line (group "time": where the message starts after it).
_NAME_TIME = re.compile(
    # (or a social network's handle, and the time on the same line after a middle dot:
    # "@alejandro_bla83 · 5:17 PM", "George · 4:47 PM")
    # (or a meeting's transcript, the time after blanks on the name's line, the name perhaps
    # "Last, First (Company)": "Stephanie Myers   0:55", "Ferguson, Beverly (County)   0:59";
    # or a chat export's, the name in brackets: "[Mary Lamb] 10:51:28")
    # (or a CRM's, the role in brackets before the name and a bullet before the time:
    # "[EndUser] Mercedes Hövel  •  5:02 AM", the role the speaker)
    r"^[ \t]*(?:\[(?=[^\]\n]{1,60}\][ \t]+\d)|\[(?P<role>[A-Za-z][\w\-]{0,20})\][ \t]+)?"
    rf"(?P<speaker>@?{_HEAD_NAME})"
    r"(?:[ \t]*\r?\n|[ \t]+[\u00b7\u2022][ \t]+|\][ \t]+|[ \t]{2,})"
    # (the date before the time, as some exports write it: "Sep 21, 2025, 5:29 PM")
    r"[ \t]*(?:[A-Z][a-z]{2,8}\.?[ \t]\d{1,2},?[ \t]\d{4},?[ \t]|\d{1,2}/\d{1,2}/\d{2,4},?[ \t])?"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:[ ]?[AaPp]\.?[Mm]\.?)?[ \t]*(?:\r?\n|\Z)",
    re.MULTILINE,
)


#: A meeting recorder's share (Fathom's): the time, a dash and the speaker on a line, what
#: was said on the lines under it ("0:28 - Emily Allen\n  two five seven ...", "1:06 - Teresa
#: Odonnell (Coastal Pacific Airlines)").
_TIME_NAME = re.compile(
    r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]+[-\u2013\u2014][ \t]+"
    rf"(?P<speaker>{_HEAD_NAME})"
    r"[ \t]*(?:\r?\n|\Z)",
    re.MULTILINE,
)


#: The same without the dash, as Happy Scribe and Sonix write it ("00:00:37 Speaker 3",
#: "00:01:05 Michael Young"): capitalised words, then what was said on the next line.
_TIME_NAME_BARE = re.compile(
    r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[ \t]+"
    # (words one blank apart, no sentence's stop: "AGENT      Yep." is a line of a report
    # whose time, speaker and text share it)
    # (and written as names are, not in capitals: an ATM journal's " 08:07:46 PIN ENTERED")
    r"(?P<speaker>[A-Z][a-z][\w'\-]*(?: (?:[A-Z][a-z][\w'\-]*|\d{1,2})){0,3}"
    r"(?: \([^()\n]{1,40}\))?)[ \t]*\r?\n(?=[ \t]*\S)",
    re.MULTILINE,
)


#: A chat export's writer and the date and time in brackets on one line, what was written on
#: the lines after it (Telegram's: "Patrick Mcintyre, [12.01.2024 04:35]").
_NAME_DATE_TIME = re.compile(
    r"^[ \t]*(?P<speaker>[^\W\d_][^\n,\[\]]{0,60}?),[ \t]*"
    r"\[\d{1,2}[./]\d{1,2}[./]\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?\][ \t]*(?:\r?\n|\Z)",
    re.MULTILINE,
)


#: A voice message's note above its transcription: "[Voice message, 0:03]\nTranscription: ".
_VOICE_NOTE = re.compile(
    r"[ \t]*\[(?i:voice|audio|video)[^\]\n]{0,40}\][ \t]*\r?\n"
    r"(?:[ \t]*(?i:transcription)[ \t]*:[ \t]*)?"
)


def stamped_turns(text: str) -> tuple[Turn, ...]:
    """The turns of a chat export that writes each message under its writer's name and its
    time, each on a line of its own; none when `text` is not written so (at least two such
    heads, and at most `MAX_SPEAKERS` names)."""
    if ":" not in text:
        return ()
    heads = _stamp_heads(text)
    if len(heads) < 2 or len({_head_speaker(h) for h in heads}) > MAX_SPEAKERS:
        return ()
    turns = []
    for k, head in enumerate(heads):
        start = head.end()
        note = _VOICE_NOTE.match(text, start)
        if note is not None:
            start = note.end()  # (what was said is the transcription, not the note's length)
        end = heads[k + 1].start() if k + 1 < len(heads) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        line = text.count("\n", 0, start) + 1
        turns.append(Turn(start, end, _head_speaker(head), line))
    return tuple(turns)


def _stamp_heads(text: str) -> list[re.Match[str]]:
    """The heads of a chat export's or a meeting recorder's messages, in the first of their
    layouts that has two at least (the name above the time, the name and the date in
    brackets, the time and a dash before the name)."""
    heads = list(_NAME_TIME.finditer(text))
    if len(heads) < 2 and ", [" in text:
        heads = list(_NAME_DATE_TIME.finditer(text))
    if len(heads) < 2 and " - " in text:
        heads = list(_TIME_NAME.finditer(text))
    if len(heads) < 2:
        heads = list(_TIME_NAME_BARE.finditer(text))
    return heads


def _head_speaker(head: re.Match[str]) -> str:
    """A chat export's head's speaker: its role in brackets where it writes one."""
    role = head.group("role") if "role" in head.re.groupindex else None
    return _speaker(role or head.group("speaker"))


def machine_lines(text: str) -> bool:
    """Whether `text` is a program's lines, a log's or a dump's, not a call's utterances: half
    of its lines or more hold a bar between fields, a key's "=" or a brace
    ("13:16:47.071 (24563)|CALLOUT_REQUEST|...", '{"level":"warn",...}'), and no keyed digits
    (a telephony log's DTMF lines are its caller's entries, in order)."""
    if len(_KEYED.findall(text)) >= 2:
        return False
    lines = _LINE.findall(text)
    return sum(1 for line in lines if _MACHINE_LINE.search(line)) * 2 >= len(lines)


def utterance_lines(text: str) -> tuple[Turn, ...]:
    """The lines of an unlabelled transcript (one utterance a line, as speech-to-text writes
    a call) as turns of an unknown speaker (""), when a number seems to go on from one line
    to the next ("my card number is four one one one one one one one\none one one ..."); none
    otherwise, so that only such texts are read as conversations."""
    if "\n" not in text or text.count("\n") >= MAX_UTTERANCES:
        return ()  # (more lines than a call: a log or an export, whose lines are no turns)
    if _SPLIT_NUMBER.search(text) is None and len(_KEYED.findall(text)) < 2:
        return ()
    if len(_LABEL_ABOVE.findall(text)) >= 3:
        return ()  # a record's fields, each label above its value: no number goes on
    turns = []
    line = 1
    previous = 0
    for match in _LINE.finditer(text):
        line += text.count("\n", previous, match.start())
        previous = match.start()
        if not _cue_line(text, match):  # (a subtitle's cue numbers and times are not said)
            turns.append(Turn(match.start(), match.end(), "", line))
    return tuple(turns) if len(turns) > 1 else ()


# --- a speech-to-text vendor's JSON lines, pasted as text ------------------------------------

#: The keys of a JSON-lines transcript's record: what was said, and who said it.
_JSON_TEXT_KEYS = ("text", "transcript", "utterance", "content", "message", "said")
_JSON_SPEAKER_KEYS = (
    "speaker", "speaker_label", "role", "participant", "channel", "spk", "channelTag",
    "participantRole", "sentBy", "participant_id", "participantId",
)  # fmt: skip
#: A text that opens with a JSON object (blanks before it).
_JSON_OPENS = re.compile(r"\s*\{")
#: The fewest records that make a text a JSON-lines transcript.
_JSON_TURNS_MIN = 2


def json_line_turns(text: str) -> list[Turn]:
    """The turns of a speech-to-text vendor's JSON lines ('{"speaker": "ch_1", "text": "..."}'
    a line): each record's text, in the offsets of `text`, with its speaker. A record whose
    text has escapes (its characters are not the JSON's, one for one) or that is no object is
    left out; fewer than two records: no transcript, none."""
    if _JSON_OPENS.match(text) is None or '":' not in text:
        return []
    turns: list[Turn] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        # (a record a line, or a line of a document's array of them: '{"channel": 0, ...},')
        stripped = line.strip().removesuffix(",")
        if not (stripped.startswith("{") and stripped.endswith("}")):
            continue
        try:
            record = json.loads(stripped)
        except ValueError:
            continue
        if not isinstance(record, dict):
            continue
        said = next((record[k] for k in _JSON_TEXT_KEYS if isinstance(record.get(k), str)), None)
        if not said:
            continue
        who = _json_speaker(record)
        quoted = json.dumps(said, ensure_ascii=False)
        at = line.find(quoted)
        if at < 0 or quoted[1:-1] != said:
            continue  # (escaped: its offsets are not the text's)
        value_start = start + at + 1
        turns.append(Turn(value_start, value_start + len(said), str(who), number))
    return turns if len(turns) >= _JSON_TURNS_MIN else []


def _json_speaker(record: dict[str, object]) -> object:
    """Who said a JSON record's text: its speaker key's value, or one of an object in it
    (Google CCAI's `"segmentParticipant": {"role": "END_USER"}`); "" where none says."""
    who = next((record[k] for k in _JSON_SPEAKER_KEYS if k in record), None)
    if who is None:
        inner = (v for v in record.values() if isinstance(v, dict))
        who = next((v[k] for v in inner for k in _JSON_SPEAKER_KEYS if k in v), "")
    return who


# --- transcripts whose lines each open with a time range, a role or a mark -------------------

#: A subtitle's time code, "00:00:02:19" (hours, minutes, seconds, frames).
_TIME_CODE_ = r"\d{2}:\d{2}:\d{2}[:;]\d{2}"
#: Line layouts of speech-to-text exports, each line a turn after its prefix: a TSV's start,
#: end and speaker ("2.95\t9.25\tA\tcan i get your name"), a time range and a role before a
#: bar ("9.5s-12.6s caller | ..."), a channel or role before arrows ("ch1 >> ...", "Customer
#: > ...") or a dash ("Member - hi my name is ..."), a dash alone ("- and your full name").
#: The speaker, where there is one, is the group "speaker".
#: A data frame's row printed aligned, up to what was said (`_LINE_LAYOUTS`).
FRAME_ROW = re.compile(
    rf"^[ \t]*{FRAME_ROW_FIELDS}(?P<speaker>(?i:{EXPORT_ROLE}))[ \t]{{2,}}(?=\S)", re.M
)
#: A sample offset, then the channel, a column apart, as a dual-channel recorder's export
#: writes a call ("000094745  R  yes hello cassandra it's gloria gonzalez calling").
OFFSET_ROW = re.compile(
    r"^[ \t]*\d{5,12}[ \t]+(?P<speaker>[A-Za-z][A-Za-z0-9_]{0,9})[ \t]{2,}(?=[^\n]*[A-Za-z])",
    re.M,
)
_LINE_LAYOUTS = (
    # (what was said, the last column: no tab after it; a table's row of numbers is none)
    re.compile(
        r"^[ \t]*\d+(?:\.\d+)?\t\d+(?:\.\d+)?\t(?P<speaker>[A-Za-z][\w .\-]{0,19})\t"
        r"(?=[^\t\n]*[A-Za-z][^\t\n]*$)",
        re.M,
    ),
    # a data frame's rows printed aligned: the index, the start and the end, then the role
    # ("13   54.09   56.13  customer  okay um it's seven nine oh seven", pandas' `to_string()`)
    FRAME_ROW,
    # an audio editor's label track: the start and the end, tab-separated, then the label,
    # a speaker's mark perhaps ("2.742000\t5.796462\tAGT: good afternoon ...")
    re.compile(
        r"^[ \t]*\d+\.\d+\t\d+\.\d+\t(?:(?P<speaker>[A-Za-z][\w .\-]{0,19}):[ \t]+)?"
        r"(?=[^\t\n]*[A-Za-z][^\t\n]*$)",
        re.M,
    ),
    # a recogniser's raw hypotheses, the call, the channel, the start and the end before each:
    # "342623 ch1 0015.41 0018.69 it's niner niner three two"
    re.compile(rf"{HYPOTHESIS_FIELDS}[ \t]+(?P<fields>)(?=\S)", re.M),
    # a diarizer's RTTM line with the text it aligned after a bar: "SPEAKER call_1 1 0.436
    # 4.215 <NA> <NA> SPEAKER_00 <NA> <NA> | good afternoon ..."
    re.compile(rf"{RTTM_FIELDS}[ \t]*(?P<fields>)(?=\S)", re.M),
    # a Spruce STL subtitle's cues, a line each: "00:00:02:19 , 00:00:07:12 , good afternoon"
    re.compile(
        # (a cue with no dash goes on with the one before it, a dash opens a turn)
        rf"^[ \t]*{_TIME_CODE_}[ \t]*,[ \t]*{_TIME_CODE_}[ \t]*,[ \t]*(?P<speaker>)"
        r"(?:(?P<dash>-)[ \t]*)?(?=\S)",
        re.M,
    ),
    re.compile(
        r"^[ \t]*\d+(?:\.\d+)?s?[ \t]*[-–][ \t]*\d+(?:\.\d+)?s?[ \t]+"
        r"(?P<speaker>[A-Za-z][\w.\-]{0,20})[ \t]*\|[ \t]*",
        re.M,
    ),
    # the start and the end in seconds, apart by blanks, then the speaker: "   8.36     9.66
    # spk_1 yeah it's agnès"
    re.compile(
        r"^[ \t]*\d+\.\d+[ \t]+\d+\.\d+[ \t]+(?P<speaker>[A-Za-z][\w.\-]{0,19})[ \t]+(?=\S)",
        re.M,
    ),
    # a time range in brackets, then the speaker in brackets: "[00:01:09.107 --> 00:01:11.654]
    # [SPK_0] one oh three"
    re.compile(
        r"^[ \t]*\[[\d:.,]+[ \t]*-->[ \t]*[\d:.,]+\][ \t]*"
        r"\[(?P<speaker>[A-Za-z][\w .\-]{0,19})\]:?[ \t]+(?=\S)",
        re.M,
    ),
    # a time in brackets, then the speaker in parentheses, as a live caption's log writes a
    # relay call ("[00:00:06] (Local) thank you for calling"; "~" opens an interim caption)
    re.compile(
        r"^[ \t]*\[[\d:.,]+\][ \t]*\((?P<speaker>[A-Za-z][\w .\-]{0,19})\)[ \t]+(?!~)(?=\S)",
        re.M,
    ),
    # a time in brackets (padded), then the speaker in capitals and blanks to a column, as a
    # script prints a call's utterances ("[  27.07] CALLER   yeah it's john hoang")
    re.compile(
        r"^[ \t]*\[[ \t]*[\d:.,]+\][ \t]*(?P<speaker>[A-Z][A-Z0-9_]{1,19})[ \t]{2,}(?=\S)", re.M
    ),
    OFFSET_ROW,
    # a NIST STM segment: the file, the channel, the speaker, the start and the end, a label
    # in angle brackets perhaps ("call_000858 2 call_000858_caller 6.023 9.251 <O,F0,female>")
    re.compile(
        r"^[ \t]*[\w.\-]+[ \t]+[0-9A-Za-z]{1,3}[ \t]+(?P<speaker>[A-Za-z][\w.\-]{0,40})[ \t]+"
        r"\d+(?:\.\d+)?[ \t]+\d+(?:\.\d+)?[ \t]+(?:<[^>\n]{0,60}>[ \t]+)?(?=\S)",
        re.M,
    ),
    # a MicroDVD subtitle's frames, its style (one speaker's colour, the other's none), a
    # dash: "{286}{373}{C:$00FFFF}- I'll need your full Social Security|number"
    re.compile(
        # (not the first line's frame rate, "{1}{1}23.976": no word on it)
        # (a line with no dash goes on with the line before: `continues`)
        # (or an MPL2 subtitle's, its times in tenths of a second in brackets: "[100][149]- Hi")
        r"^[ \t]*(?:\{\d+\}\{\d+\}|\[\d+\]\[\d+\])(?P<speaker>(?:\{[^{}\n]{1,30}\})*)[ \t]*"
        r"(?:(?P<dash>-)[ \t]*)?"
        r"(?=\S)(?=[^\n]*[A-Za-z])",
        re.M,
    ),
    # an utterance's ID that names its speaker, then what was said, as Kaldi's and ESPnet's
    # "text" files hold a call ("call63272-agt-0000274-0000856 THANK YOU FOR CALLING")
    re.compile(
        r"^[ \t]*[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+){0,3}?[-_]"
        r"(?P<speaker>agt|agent|cus|cust|customer|caller|rep|spk_?\d|speaker_?\d|ch_?\d|[AB])"
        r"(?:[-_][A-Za-z0-9.]+){1,4}[ \t]+(?=\S)",
        re.M | re.IGNORECASE,
    ),
    re.compile(r"^[ \t]*(?P<speaker>[A-Za-z][\w.\-]{0,20})[ \t]*>{1,2}[ \t]+", re.M),
    # a numbered utterance, its speaker and its time: "#0010 B 00:00:47.9 IT'S MI R TWO ..."
    re.compile(
        r"^[ \t]*#\d{1,6}[ \t]+(?P<speaker>[A-Za-z][\w.\-]{0,19})[ \t]+"
        r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?[ \t]+",
        re.M,
    ),
    # a log's line per utterance, the event's name for the speaker and what was said quoted
    # after "text=": '2025-11-04 08:41:18.461 INFO [mix-asr 41e19e11] ASR_RESULT conf=0.62
    # text="it's seven five nineteen seventy five."'
    re.compile(
        r"^[ \t]*\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d{1,6})?Z?[ \t]+[A-Z]{3,5}[ \t]+"
        r"(?:\[[^\]\n]{1,60}\][ \t]+)?(?P<speaker>[A-Za-z][\w.\-]{0,30})"
        r"(?:[ \t]+[\w.\-]{1,30}=[^\s\"]{0,40}){0,4}[ \t]+text=\"",
        re.M,
    ),
    # a role before a dash: "Advisor - could you spell the last name", "Member - hi my name"
    re.compile(r"^[ \t]*(?P<speaker>[A-Za-z][\w.]{0,20})[ \t]+[-–—][ \t]+(?=\S)", re.M),
    # (not a list's fields: "- **Order no:** W390073186", "- cb: 555 0101")
    re.compile(r"^[ \t]*(?P<speaker>)[-–—][ \t]+(?!\*\*|[^\n:]{1,40}:[ \t])(?=\S)", re.M),
    # the speaker and the time on a line of their own, what was said on the next, as Otter
    # and Dialpad export a call ("Valerie Perez  0:02", then "Thank you for calling ...";
    # "206-555-2913  0:09", then "Yeah it's Colette.")
    re.compile(
        r"^[ \t]*(?P<speaker>[^\s:][^\n]{0,39}?)[ \t]{2,}(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*\r?\n"
        r"(?=[ \t]*\S)",
        re.M,
    ),
    # or the time first, a bar, the speaker, as Gong exports a call ("0:20 | James Edwards",
    # then "e d w a r d s.")
    re.compile(
        r"^[ \t]*(?:\d{1,2}:)?\d{1,2}:\d{2}[ \t]*\|[ \t]*(?P<speaker>[^\s|][^\n|]{0,39}?)[ \t]*"
        r"\r?\n(?=[ \t]*\S)",
        re.M,
    ),
)
#: A live caption's interim line ("~" before what was said so far), superseded by the next
#: line of the same speaker that says it all.
_INTERIM = re.compile(
    r"^[ \t]*\[[\d:.,]+\][ \t]*\((?P<speaker>[^()\n]{1,20})\)[ \t]+~[ \t]*(?P<said>\S[^\n]*)$",
    re.M,
)
_CAPTION = re.compile(r"^[ \t]*\[[\d:.,]+\][ \t]*\((?P<speaker>[^()\n]{1,20})\)[ \t]+(?!~)", re.M)


def interim_captions(text: str) -> list[tuple[int, int, int]]:
    """A live caption log's interim lines, each with the final line that says what it said
    and more: (where the interim's text starts, where the same words start in the final line,
    how long they are). The turns are the final lines; what is found in their first words
    is found in the interim's too."""
    out: list[tuple[int, int, int]] = []
    for interim in _INTERIM.finditer(text):
        said = interim.group("said").rstrip()
        for final in _CAPTION.finditer(text, interim.end()):
            if final.group("speaker") != interim.group("speaker"):
                continue
            if text.startswith(said, final.end()):
                out.append((interim.start("said"), final.end(), len(said)))
            break
    return out


#: A subtitle cue's timing line (SRT, WebVTT): the lines after it, to a blank line, are said.
#: (or a caption file's SMPTE time code alone on its line, decoded SCC's: "00:00:21:05")
_TIME_CODE = _TIME_CODE_
#: SubViewer's start and end on a line: "00:00:01.11,00:00:04.24", and YouTube's SBV's
#: ("0:01:51.514,0:01:54.956")
_SUBVIEWER_TIMES = r"\d{1,2}:\d{2}:\d{2}\.\d{2,3},\d{1,2}:\d{2}:\d{2}\.\d{2,3}"
#: Avid DS's start and end time codes on a line ("01:00:28:07 01:00:29:24"), QuickTime
#: text's time in brackets ("[00:00:04.87]").
_AVID_TIMES = rf"{_TIME_CODE}[ \t]+{_TIME_CODE}"
_QT_TIME = r"\[\d{2}:\d{2}:\d{2}\.\d{2,3}\]"
_CUE_TIMES = rf"(?:{_AVID_TIMES}|{_TIME_CODE}|{_SUBVIEWER_TIMES}|{_QT_TIME})"
_TIMING_LINE = re.compile(
    r"^[ \t]*(?:(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}[ \t]+-->[^\n]*"
    rf"|{_CUE_TIMES}[ \t]*\r?)\n",
    re.M,
)
#: A time code alone on its line (`_TIMING_LINE`'s second form).
_TIME_CODE_LINE = re.compile(rf"^[ \t]*{_CUE_TIMES}[ \t]*\r?$", re.M)
#: The fewest lines of a layout that make a text a transcript in it.
_LAYOUT_LINES_MIN = 3


#: The end of a sentence, where a cue's text ends: a full stop, a question, an ellipsis.
_SENTENCE_END = re.compile(r"[.?!…][\"')\]]*[ \t]*\Z")


def layout_turns(text: str) -> list[Turn]:
    """The turns of a transcript laid out a turn a line after a prefix (`_LINE_LAYOUTS`), or as
    subtitle cues without voice tags (SRT: a number, a timing line, what was said), or as a
    CSV export's rows (`csv_turns`), in the offsets of `text`, or else a role and what was said
    in fields of a line (`role_lines`); none when no layout holds enough of its lines."""
    if "\n" not in text:
        return []
    start = _header_start(text)
    head = text[start : text.find("\n", start)]
    if ("," in head or "|" in head or "│" in head) and (rows := csv_turns(text)):
        return rows
    if "\t" in head and (rows := csv_turns(text)) and any(t.continues for t in rows):
        # (a spreadsheet's rows pasted with an utterance wrapped over rows: read by its
        # columns; other tab-separated transcripts are read as the line layouts read them)
        return [t._replace(in_field=True) for t in rows]
    if (cues := screenplay_turns(text)) is not None:
        return cues
    if ")\n" in text and len(trn := trn_turns(text)) >= _LAYOUT_LINES_MIN:
        return trn
    spoken = sum(1 for line in text.splitlines() if _spoken_line(line))
    if "-->" in text or len(_TIME_CODE_LINE.findall(text, 0, 2000)) >= _LAYOUT_LINES_MIN:
        cues = _subtitle_turns(text)
        if len(cues) >= _LAYOUT_LINES_MIN and 2 * len(cues) >= spoken:
            return cues
    for layout in _LINE_LAYOUTS:
        turns: list[Turn] = []
        line, counted = 1, 0  # (lines counted as the matches go: a long export is no n²)
        for match in layout.finditer(text):
            end = text.find("\n", match.end())
            end = len(text) if end < 0 else end
            stop = end - 1 if end > match.end() and text[end - 1] == "\r" else end
            if stop > match.end():
                line += text.count("\n", counted, match.start())
                counted = match.start()
                # (a cue with no dash goes on with the one before, "... this is Rebecca. How"
                # / "can I help you today?", "my name is" / "David.", but for a capital after a
                # cue that ended its sentence: another speaker's, "- 6011 1111..." / "Okay, go
                # on.")
                goes_on = (
                    "dash" in layout.groupindex
                    and match.group("dash") is None
                    and not (
                        bool(turns)
                        and text[match.end()].isupper()
                        and _SENTENCE_END.search(text, turns[-1].start, turns[-1].end) is not None
                    )
                )
                turns.append(
                    Turn(
                        match.end(),
                        stop,
                        match.group("speaker") or "",
                        line,
                        goes_on and bool(turns),
                        # (a layout of fields, an ID and times before what was said: the line
                        # is no turn, its fields are no numbers said)
                        "fields" in layout.groupindex,
                    )
                )
        # (a layout whose speaker has a line of its own: those lines are none said)
        own_lines = len(turns) if turns and text[turns[0].start - 1] == "\n" else 0
        if len(turns) >= _LAYOUT_LINES_MIN and 2 * len(turns) >= spoken - own_lines:
            return turns
    return role_lines(text)


#: A screenplay's character cue (Fountain, a role-play script written from a call): the name
#: in capitals alone on its line, an extension in parentheses after it ("CALLER (V.O.)"), a
#: blank line above and the dialogue right under it, wrapped over lines to the next blank line
#: ("                      AGENT\n          Can I start with your full name?"). Not a scene
#: heading or a transition ("INT. CONTACT CENTER - DAY", "CUT TO:"): a blank line follows those.
_CUE = re.compile(
    r"(?:\A|\n[ \t]*\r?\n)[ \t]*(?P<speaker>[A-Z][A-Z0-9.'\-]*(?:[ \t]+[A-Z0-9][A-Z0-9.'\-]*){0,3})"
    r"(?:[ \t]*\([A-Z.' ]{1,12}\))?[ \t]*\^?[ \t]*\r?\n(?=[ \t]*\S)"
)
#: A parenthetical on its own line under a cue ("(sighs)"): no part of what was said.
_PARENTHETICAL = re.compile(r"[ \t]*\([^()\n]{1,60}\)[ \t]*\r?\n")
_BLANK_LINE = re.compile(r"\n[ \t]*\r?(?:\n|\Z)")
#: The fewest cues, and speakers, that make a text a screenplay.
_SCREENPLAY_CUES = 4


def screenplay_turns(text: str) -> list[Turn] | None:
    """A screenplay's dialogue as turns, a cue's lines one turn (to be read as one line), or
    None where the text has fewer than four cues of two speakers or more, or its cues hold
    less than half of its lines."""
    if text.count("\n") < 3 * _SCREENPLAY_CUES:
        return None
    turns: list[Turn] = []
    held = 0
    for cue in _CUE.finditer(text):
        start = cue.end()
        while (aside := _PARENTHETICAL.match(text, start)) is not None:
            start = aside.end()
        blank = _BLANK_LINE.search(text, start)
        end = blank.start() if blank is not None else len(text)
        while end > start and text[end - 1] in "\r \t":
            end -= 1
        if end <= start:
            continue
        start += len(text[start:end]) - len(text[start:end].lstrip())
        turns.append(Turn(start, end, cue.group("speaker"), text.count("\n", 0, start) + 1))
        held += text.count("\n", cue.start(), end) + 1
    speakers = len({t.speaker for t in turns})
    # (each speaker has two cues or more, on average, three where the cues stand at the left
    # margin, as a note's headings over its paragraphs may: "SUMMARY" / "Called back ...")
    repeats = 2 if all(text[text.rfind("\n", 0, t.start) + 1] in " \t" for t in turns) else 3
    if len(turns) < _SCREENPLAY_CUES or speakers < 2 or len(turns) < repeats * speakers:
        return None
    if 2 * held < sum(1 for line in text.splitlines() if line.strip()):
        return None
    return turns


#: An sclite TRN line: what was said, then the utterance's ID in parentheses, its speaker a
#: part of it ("this is candice frye (cc23252-b_001661)").
_TRN_LINE = re.compile(
    r"^[ \t]*(?P<said>\S[^\n]*?)[ \t]+\([\w.]+?[-_](?P<speaker>[A-Za-z]{1,8}|spk_?\d{1,2})"
    r"[-_][\w.\-]+\)[ \t]*\r?$",
    re.M,
)


def trn_turns(text: str) -> list[Turn]:
    """An sclite TRN transcript's lines as turns (what was said; its speaker from the ID after
    it), where most of the text's lines are such lines; else none."""
    turns = []
    for match in _TRN_LINE.finditer(text):
        start, end = match.span("said")
        line = text.count("\n", 0, start) + 1
        turns.append(Turn(start, end, match.group("speaker").lower(), line))
    lines = sum(1 for line in text.splitlines() if line.strip())
    return turns if 2 * len(turns) >= lines else []


def role_lines(text: str) -> list[Turn]:
    """`field_turns`, for a text whose turns no speakers' labels open (`speaker_turns`,
    `stamped_turns` read those, lines and all, when two of them name roles; a key, "Dialogue:",
    "said:", names none)."""
    turns = field_turns(text)
    if not turns and "<" in text:
        return element_turns(text)
    labelled = (speaker_turns(text) or stamped_turns(text)) if turns else ()
    if len({t.speaker.lower() for t in labelled if _is_role(t.speaker)}) >= 2:
        return []
    return turns


#: A CSV export's columns of who spoke and what was said ("call_id,turn,speaker,start_ms,
#: end_ms,text").
_CSV_SPEAKER_COLUMNS = frozenset(
    [
        *"speaker role channel participant party speaker_label spk who channel_tag".split(),
        *("participant_role", "participant_id", "speaker_role"),
    ]
)
_TEXT_RANK = ("text", "transcript", "message", "said", "content", "utterance")
_CSV_TEXT_COLUMNS = frozenset(_TEXT_RANK)
#: A text's column that holds one word a row (a speech-to-text word export: "word,start,end,
#: speaker"): a speaker's words in a row of rows are one turn.
_CSV_WORD_COLUMNS = frozenset(("word", "token"))


def subtitle_timed(text: str) -> bool:
    """Whether `text` is a subtitle file whose cues' times stand on lines of their own (SCC,
    Avid DS, QuickTime text, SubViewer): its cues are its turns (`layout_turns`), not the
    speakers' labels some of its lines hold."""
    return len(_TIME_CODE_LINE.findall(text, 0, 2000)) >= _LAYOUT_LINES_MIN


def csv_transcript_header(text: str) -> bool:
    """Whether `text` opens with a CSV header that names a speaker's column and a text's (its
    rows are then turns, `csv_turns`, not a table's records). A tab-separated header is not
    one of these: such a transcript's rows are read as its lines too (an utterance split over
    rows, "nine oh one" / "mhm" / "eight one ...", is read across them)."""
    header = _csv_header(text)
    if len(_wide_columns(header)) >= _WIDE_COLUMNS_MIN:
        return True
    return not _CSV_SPEAKER_COLUMNS.isdisjoint(header) and not (
        _CSV_TEXT_COLUMNS.isdisjoint(header) and _CSV_WORD_COLUMNS.isdisjoint(header)
    )


#: A wide transcript's header names a column for each speaker ("time,agent,customer,ivr,
#: notes"): what each says stands in their column, a row for each turn.
_WIDE_SPEAKERS = frozenset(
    """agent customer caller ivr rep representative client bot system operator member advisor
    vru cliente agente asesor""".split()
)
#: The fewest speakers' columns that make a header a wide transcript's.
_WIDE_COLUMNS_MIN = 2


def _wide_columns(header: list[str]) -> list[int]:
    return [i for i, h in enumerate(header) if h in _WIDE_SPEAKERS]


#: Comment lines before a CSV export's header ("# Verint Speech Analytics - Interaction
#: Export", "# Site: Manila-3"): the header is the first line after them.
_PREAMBLE = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\r?\n){1,12}")


def _header_start(text: str) -> int:
    """Where a CSV export's header line starts: after a preamble of comment lines, if any, or
    a grid's header line under the query that printed it (a database client's: "| call_id |
    channel | transcript |", DuckDB's "│ seg │ speaker │ text │")."""
    if text.startswith(("|", "│", "+", "┌")) or ("|" in text[:1200] or "│" in text[:1200]):
        grid = _GRID_HEADER.search(text, 0, 1500)
        if grid is not None:
            return grid.start()
    if not text.startswith(("#", "\n", "\r")):
        return 0
    preamble = _PREAMBLE.match(text)
    return preamble.end() if preamble is not None else 0


#: A grid's header line: cells apart by bars (ASCII or box-drawing), a speaker's column and a
#: text's among them.
_GRID_HEADER = re.compile(
    r"^[ \t]*[|│](?=[^\n]*[|│][ \t]*(?i:speaker|role|channel|party|participant|who)[ \t]*[|│])"
    r"(?=[^\n]*[|│][ \t]*(?i:text|transcript|utterance|message|said|content)[ \t]*[|│])",
    re.MULTILINE,
)


def _csv_header(text: str, tabs: bool = False) -> list[str]:
    start = _header_start(text)
    end = text.find("\n", start, start + 400)
    if end < 0:
        return []
    line = text[start:end]
    sep = _separator(line, tabs=tabs)
    return [_column_name(line[s:e]) for s, e in split_cells(line, sep)] if sep else []


def _column_name(cell: str) -> str:
    """A header cell's name, lower case; a speaker's column named with its "name" (Premiere
    Pro's "Speaker Name", "participant_name") by the speaker's."""
    name = cell.strip().strip('"').strip().lower()
    for suffix in (" name", "_name"):
        if name.endswith(suffix) and name[: -len(suffix)] in _CSV_SPEAKER_COLUMNS:
            return name[: -len(suffix)]
    return name


def _separator(header: str, tabs: bool) -> str:
    """The header's field separator: a comma, or a pipe (as call-recording platforms export:
    "INTERACTION_ID|SEG|PARTY|OFFSET_SEC|DUR_SEC|CONF|UTTERANCE"), or a tab (a spreadsheet's
    rows pasted); "" for none. One pipe is a separator between two speakers' columns (a
    Markdown table's "AGENT | CALLER", without its outer bars)."""
    if header.count("|") >= 2 or (
        header.count("|") == 1
        and all(_column_name(cell) in _WIDE_SPEAKERS for cell in header.split("|"))
    ):
        return "|"
    if header.count("│") >= 2:
        return "│"
    return "," if "," in header else "\t" if tabs and header.count("\t") >= 2 else ""


def csv_turns(text: str) -> list[Turn]:
    """The rows of a CSV transcript whose header names a speaker's column and a text's: each
    row's text (inside its quotes, `tables.split_cells`) is a turn of its speaker. Rows of
    another number of fields are skipped; fewer than `_LAYOUT_LINES_MIN` rows: none. A word a
    row (`_CSV_WORD_COLUMNS`): the words a speaker says in a row are one turn, each word's row
    a turn that `continues` the one before."""
    header = _csv_header(text, tabs=True)
    who = next((i for i, h in enumerate(header) if h in _CSV_SPEAKER_COLUMNS), -1)
    # (the text's column by its name's rank: "transcript" over "utterance", which may number
    # the rows, as a query's "SELECT call_id, utterance, channel, transcript" does)
    said = min(
        ((_TEXT_RANK.index(h), i) for i, h in enumerate(header) if h in _CSV_TEXT_COLUMNS),
        default=(0, -1),
    )[1]
    words = said < 0
    if words:
        said = next((i for i, h in enumerate(header) if h in _CSV_WORD_COLUMNS), -1)
    if who < 0 or said < 0:
        return _wide_turns(text, header)
    turns: list[Turn] = []
    for pos, number, line, fields in _csv_rows(text):
        if len(fields) == len(header) and fields[said][1] > fields[said][0]:
            speaker = _speaker(line[fields[who][0] : fields[who][1]])
            goes_on = words and bool(turns) and turns[-1].speaker == speaker
            if not speaker and turns:
                # (a row that goes on with the row above's words, its speaker's cell empty: a
                # spreadsheet's wrapped cell pasted, "10\t\t\tjordan id zero thirty seven")
                speaker, goes_on = turns[-1].speaker, True
            turns.append(
                Turn(pos + fields[said][0], pos + fields[said][1], speaker, number, goes_on)
            )
    return turns if len(turns) >= _LAYOUT_LINES_MIN else []


def _csv_rows(text: str) -> Iterator[tuple[int, int, str, list[tuple[int, int]]]]:
    """Each row after a CSV export's header: where it starts, its line's number, the line and
    its cells' spans in it."""
    start = _header_start(text)
    pos = text.find("\n", start) + 1
    sep = _separator(text[start : pos - 1], tabs=True)
    for number, line in enumerate(text[pos:].split("\n"), start=2 + text.count("\n", 0, start)):
        yield pos, number, line, split_cells(line.rstrip("\r"), sep)
        pos += len(line) + 1


def _wide_turns(text: str, header: list[str]) -> list[Turn]:
    """The rows of a wide CSV transcript, a column for each speaker (`_wide_columns`): each
    speaker's cell that is not empty, a turn of that speaker."""
    columns = _wide_columns(header)
    if len(columns) < _WIDE_COLUMNS_MIN:
        return []
    turns: list[Turn] = []
    for pos, number, line, fields in _csv_rows(text):
        if len(fields) == len(header):
            turns.extend(
                Turn(pos + fields[i][0], pos + fields[i][1], header[i], number, False)
                for i in columns
                # (not a blank cell, nor a Markdown table's rule, "------|-------")
                if line[fields[i][0] : fields[i][1]].strip(" \t\r-:")
            )
    return turns if len(turns) >= _LAYOUT_LINES_MIN else []


#: A line of a subtitle cue that another voice says: after a dash ("- mhm"), after ">>" (a
#: caption's change of speaker) or after a speaker's name ("AGENT: ...").
_CUE_VOICE = re.compile(
    r"[ \t]*(?:[-\u2013\u2014][ \t]*|>>[ \t]*(?:(?P<after>[A-Za-z][\w .']{0,30}):[ \t]+)?"
    r"|(?P<name>[A-Za-z][\w .']{0,30}):[ \t]+"
    # (or in brackets, as Avid DS's captions write it: "[Caller] 691 - 870... 67")
    r"|\[(?P<tag>[A-Za-z][\w .']{0,30})\][ \t]+)"
)


def _subtitle_turns(text: str) -> list[Turn]:
    """What is said after each subtitle cue's timing line, a turn a voice (a WebVTT voice
    tag, "<v Agent>", is left to `speaker_turns`): a cue's lines are one turn, wrapped as a
    subtitle is wrapped ("...nineteen ninety\nfive"), but where a line opens with another
    voice's mark (`_CUE_VOICE`), which is no part of what is said (a speaker's name before it
    is the turn's speaker)."""
    turns: list[Turn] = []
    number, counted = 1, 0
    timings = list(_TIMING_LINE.finditer(text))
    # where most cues open with a voice's mark, a cue without one goes on with the voice before
    # it ("...three one four four" / "five."); where none do, each cue is a turn of its own
    marked = sum(1 for t in timings if _CUE_VOICE.match(text, t.end()) is not None)
    goes_on = 2 * marked > len(timings)
    for timing in timings:
        pos = timing.end()
        first = True
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end].rstrip("\r")
            if not line.strip() or "-->" in line or _TIME_CODE_LINE.match(line) is not None:
                break  # (a blank line, or the next cue's times: QuickTime text has no blank)
            if line.lstrip().startswith("<v"):
                return []
            voice = _CUE_VOICE.match(line)
            if not first and voice is None:
                turns[-1] = turns[-1]._replace(end=pos + len(line))
            else:
                number += text.count("\n", counted, pos)
                counted = pos
                on = first and goes_on and bool(turns) and voice is None
                said = pos + voice.end() if voice is not None and voice.end() < len(line) else pos
                who = (
                    (voice.group("name") or voice.group("after") or voice.group("tag") or "")
                    if voice is not None
                    else ""
                )
                turns.append(Turn(said, pos + len(line), who, number, on))
            first = False
            pos = end + 1
    return turns


# --- any layout of a turn a line: a role, and what was said in a field of its own -------------

#: The words that name a call's parties in an export's field ("role: AGENT", "'caller'",
#: 'class="turn agent"', "<u role=\"agent\">", ";rep;", "Dialogue: ...,Agent,,..."): where a
#: line holds one and a field of words beside it, that field is what the party said.
_ROLE = re.compile(
    r"(?<![A-Za-z0-9])(?P<role>agent|customer|caller|cust|rep|representative|end_user|enduser"
    r"|client|member|csr|advisor|operator|supervisor)(?![A-Za-z0-9])",
    re.IGNORECASE,
)
#: The fields of a line that can hold what was said: a quoted string (SQL's doubled quote
#: inside one), an element's text, the rest of the line after a tab, a bar or a subtitle's
#: ",", or after the role's own colon or bar.
_SAID_FIELD = re.compile(
    r"\"(?P<dq>(?:[^\"\\\n]|\\.){2,})\"|'(?P<sq>(?:[^'\n]|''){2,})'|>(?P<el>[^<>\n]{2,})<"
    r"|(?:\t|,,|\|)(?P<last>(?:(?!,,)[^\t|\n])*[A-Za-z](?:(?!,,)[^\t|\n])*)$"
)
#: A field keyed as what was said, to the line's end: a record's field of its own line, as a
#: database client prints a row vertically ("utterance: first name chakrika last name
#: srinivas"), or a log's last key=value ("cs2=customer cn1=4 msg=yeah it's nicholas ruiz").
_KEYED_SAID = re.compile(
    r"(?:^[ \t]*(?i:utterance|transcript|text|said|message|content)[ \t]*:[ \t]+"
    r"|(?<=[ \t|])(?i:msg|message|text|utterance|transcript)=)"
    r"(?P<kv>(?![\"'])[^\n]*[A-Za-z][^\n]*)$"
)
#: A quoted field keyed as what was said, wherever it stands in its line: EDN's `:text "..."`,
#: TOML's and gron's `text = "..."`.
_KEYED_QUOTE = re.compile(
    r"(?:(?<=[ \t{,.]):?|^[ \t]*)(?i:text|utterance|transcript)[ \t]*=?[ \t]*"
    r"\"(?P<q>(?:[^\"\\\n]|\\.)*[A-Za-z0-9](?:[^\"\\\n]|\\.)*)\""
)
_ROLE_LABEL = re.compile(r"[ \t]*[:|>\-]+[ \t]*(?P<rest>[^\s|][^\n|\t]*)$")
#: A field of what was said: a letter in it, and more than a role's or a time's word.
_WORDS = re.compile(r"[A-Za-z]{2,}")
#: How many lines after a role's line its text may come (a YAML record: "- who: agent",
#: "at: 1.0", "said: ...").
_ROLE_REACH = 3
#: The least share of a text's lines (in hundredths) that such turns must be (a record of
#: `_ROLE_REACH` + 1 lines a turn), and the fewest.
_ROLE_LINES_SHARE = 25
#: A line that only holds a record up, not counted among its lines: a rule between records
#: ("*************************** 2. row ****"), a key with a number ("start_ms: 1150").
_SCAFFOLD = re.compile(
    r"[\s*=+#\-]*(?:\d+\.[ \t]*row[ \t]*[*=\-]+)?[ \t]*\r?$"
    # (gron's "json.turns[8] = {};", "json.turns[8].start = 40.75;")
    r"|[ \t]*[\w.\-\[\]]{1,40}[ \t]*[:=][ \t]*(?:[\d.:\-]{0,30}|\{\}|\[\])[ \t]*;?[ \t]*\r?$"
    # (a TOML table's header: "[[turn]]")
    r"|[ \t]*\[\[?[\w.\-]{1,30}\]\]?[ \t]*\r?$"
)
_ROLE_LINES_MIN = 4


def field_turns(text: str) -> list[Turn]:
    """The turns of a transcript exported in a layout no other reader knows, a turn a line (or
    a record of a few lines): a party's role in one field and what was said in another, a
    quoted string, an element's text, the last column (`_ROLE`, `_SAID_FIELD`): a protobuf's
    text format, SQL inserts, XML and HTML, YAML, a semicolon-separated export, a subtitle
    script. At least `_ROLE_LINES_MIN` turns of two parties and more, and
    `_ROLE_LINES_SHARE` in a hundred of the text's lines; else none."""
    if len(_ROLE.findall(text, 0, 20_000)) < _ROLE_LINES_MIN:
        return []  # (most texts: done in one pass)
    turns: list[Turn] = []
    role, role_line, lines = "", -_ROLE_REACH - 1, 0
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        start, pos = pos, pos + len(line) + 1
        if not line.strip() or _SCAFFOLD.match(line) is not None:
            continue
        lines += 1
        said = _said_field(line)
        who = _ROLE.search(line)
        if said is not None:
            lo, hi = said
            outside = [m for m in _ROLE.finditer(line) if not lo <= m.start() < hi]
            who = outside[0] if outside else None
        if who is not None:
            role, role_line = who.group("role").lower(), number
        if said is None or not role or number - role_line > _ROLE_REACH:
            continue
        turns.append(Turn(start + said[0], start + said[1], role, number, in_field=True))
        role_line = number if who is not None else -_ROLE_REACH - 1
    enough = 100 * len(turns) >= _ROLE_LINES_SHARE * lines
    return turns if enough and _a_call(turns) else []


def _a_call(turns: list[Turn]) -> bool:
    """Whether turns read in fields are a call: `_ROLE_LINES_MIN` at least, of two parties or
    more, each with two turns (not a table with a role's column)."""
    per_party = Counter(t.speaker for t in turns)
    return len(turns) >= _ROLE_LINES_MIN and sum(1 for n in per_party.values() if n >= 2) >= 2


#: An element of one line whose attribute names who says its text: a TTML or DFXP caption
#: ('<p begin="00:00:05.870" ttm:agent="spk2">i need to ...</p>'), a turn of a transcript's
#: XML ('<turn speaker="S1">', '<u who="A">'), a caption's voice ('<span tts:voice="v1">').
#: An element's opening tag with an attribute that names who speaks (group "who").
_SPEAKER_OPEN_TAG = (
    r"<(?P<tag>[A-Za-z][\w:.\-]*)\b[^<>\n]*?[\s:](?:agent|speaker|spk|who|voice|channel"
    r"|participant|party|role)(?:_?id)?[ \t]*=[ \t]*[\"'](?P<who>[^\"'<>\n]{1,40})[\"']"
    r"[^<>\n]*>"
)
_SPEAKER_ELEMENT = re.compile(
    # (an empty element inside, a pause's or a sound's: '... double <pause dur="PT1.4S"/> six')
    _SPEAKER_OPEN_TAG + rf"(?P<said>(?:[^<>\n]|{EMPTY_ELEMENT})*[^<>\s]"
    rf"(?:[^<>\n]|{EMPTY_ELEMENT})*)</(?P=tag)>",
    re.IGNORECASE,
)


def element_turns(text: str) -> list[Turn]:
    """The turns of a transcript whose elements name their speaker in an attribute
    (`_SPEAKER_ELEMENT`), a turn an element: at least `_ROLE_LINES_MIN` of two speakers and
    more, each with two turns or more; else none."""
    turns: list[Turn] = []
    line, counted = 1, 0
    for match in _SPEAKER_ELEMENT.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        # (TEI's speaker is a pointer to a person's xml:id: who="#CLR" is CLR)
        who = match.group("who").strip().lstrip("#")
        turns.append(Turn(*match.span("said"), who, line, in_field=True))
    if not turns and ("</w" in text or "</token" in text):  # ("</w" is "</word"'s start too)
        turns = _word_element_turns(text)
    return turns if _a_call(turns) else []


#: An element that opens a speaker's utterance ('<u spk="A" s="1.39">'), its words inside.
_SPEAKER_OPEN = re.compile(_SPEAKER_OPEN_TAG, re.IGNORECASE)
#: A word's element, its text the word ('<w t="1.39">thank</w>').
_WORD_ELEMENT = re.compile(r"<(?P<tag>w|word|token)\b[^<>]*>(?P<said>[^<>]+)</(?P=tag)>", re.I)


def _word_element_turns(text: str) -> list[Turn]:
    """A recogniser's XML with an element a word inside each speaker's utterance: each word a
    turn that goes on with the word before it in its utterance (read as one line)."""
    turns: list[Turn] = []
    line, counted = 1, 0
    opens = list(_SPEAKER_OPEN.finditer(text))
    for k, opened in enumerate(opens):
        stop = opens[k + 1].start() if k + 1 < len(opens) else len(text)
        close = text.find("</" + opened.group("tag"), opened.end(), stop)
        stop = close if close >= 0 else stop
        who = opened.group("who").strip()
        first = True
        for word in _WORD_ELEMENT.finditer(text, opened.end(), stop):
            line += text.count("\n", counted, word.start())
            counted = word.start()
            turns.append(Turn(*word.span("said"), who, line, not first, in_field=True))
            first = False
    return turns


def _said_field(line: str) -> tuple[int, int] | None:
    """The span of the field of a line that holds the most words (`_SAID_FIELD`), or the rest
    of the line after a role's label ("agent : hello"); None where no field has words."""
    keyed = _KEYED_SAID.search(line)
    if keyed is not None:
        return keyed.span("kv")  # (what the line holds besides, this field is it)
    quoted = _KEYED_QUOTE.search(line)
    if quoted is not None:
        return quoted.span("q")
    best: tuple[int, int] | None = None
    words = 0
    for match in _SAID_FIELD.finditer(line):
        group = match.lastgroup or ""
        lo, hi = match.span(group)
        count = len(_WORDS.findall(line, lo, hi))
        if count > words and not _ROLE.fullmatch(line[lo:hi].strip()):
            best, words = (lo, hi), count
    role = _ROLE.search(line)
    label = _ROLE_LABEL.match(line, role.end()) if role is not None else None
    if label is not None and len(_WORDS.findall(label.group("rest"))) > words:
        best = label.span("rest")
    return best
