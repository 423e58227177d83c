"""HL7 v2 messages: what each field of a patient's segments holds, by its position.

A health plan's or a clinic's contact center pastes admissions and claims messages into
tickets and mails: "PID|1||U795326508^^^BPK^MB||GONZALEZ^MITCHELL||19970817|F|||39 Cedar
Terrace Apt 5A^^TUCSON^AZ^85768". Nothing in such a line says which value is what; the
standard does, by the field's and the component's place. `hl7_cells` reads the fields that
hold a person's data as cells under a label ("last name", "date of birth", "ssn"), which the
pipeline reads as it reads a table's cells (`tables.cell_text`). Pure: a text in, cell spans
out.

Fields (HL7 v2.5, chapters 3 and 6): PID (the patient), NK1 (next of kin), GT1 (the
guarantor), IN1 and IN2 (the insurance and the insured), PV1 (the visit's doctors), MRG (a
merged patient's old identifiers).

A message's notes (NTE: a comment a segment) may hold a call's transcript, a turn a note
("NTE|9|L|PT: Uh, so, that's A G U seven seventy eight ..."): `hl7_note_reading` reads the
notes as the lines they are, so a value said over two turns, or the answer to the question
in the note before it, is read as a transcript's.

A FHIR resource in JSON (HL7's REST format) keeps a patient's identifiers in an array,
`"identifier": [{"system": "urn:oid:2.16.840.1...", "value": "SLM810193297"}]`: nothing beside
the value says what it is but the array's key and the resource it is in.
`fhir_identifier_cells` reads each value as a patient's ID (a Coverage's as a member ID).
"""

from __future__ import annotations

import bisect
import re

from callshield.core.json_transcripts import Reading, ReadingBuilder
from callshield.core.tables import Cell

#: A segment's start: its three-character name and the field separator that MSH declares.
_MESSAGE_START = re.compile(r"(?:^|[\r\n])MSH(?P<field>[|^~\\&#])(?P<encoding>[^\r\n|]{1,5})")
_SEGMENT = re.compile(r"[^\r\n]+")

#: (component number, label) for a person's name (XPN: family, given, middle), an address
#: (XAD: street, other line, city, state, ZIP); (0, how) reads the field by its shape.
_NAME = ((1, "last name"), (2, "first name"), (3, "middle name"))
_ADDRESS = ((1, "street address"), (2, "street address"), (5, "zip code"))
#: A doctor (XCN): an identifier, then the name's family and given names.
_DOCTOR = ((2, "last name"), (3, "first name"))
_PHONE = ((1, "phone"),)
#: A field read by its shape: a name's components (letters), a date of birth (YYYYMMDD) or
#: an address (a house number first).
_SHAPED = "*"
_NAME_SHAPE = re.compile(r"[A-Za-z][A-Za-z'\- ]*")
_DATE_SHAPE = re.compile(r"(?:19|20)\d{6}")
_HOUSE_SHAPE = re.compile(r"\d{1,6} [A-Za-z]")
#: A field read as the identifier its label names when it has an identifier's shape (five
#: digits or more, perhaps letters and dashes: not the deductible's amount beside it).
_AN_ID = "#"
_ID_SHAPE = re.compile(r"(?=[A-Za-z0-9\-]*\d{5})[A-Za-z0-9\-]{6,24}")

#: segment -> field number -> its components' labels.
FIELDS: dict[str, dict[int, tuple[tuple[int, str], ...]]] = {
    "PID": {
        2: ((1, "member id"),),
        3: ((1, "member id"),),
        4: ((1, "member id"),),
        5: _NAME,
        6: ((1, "last name"),),  # the mother's maiden name
        7: ((1, "date of birth"),),
        9: _NAME,  # an alias
        11: _ADDRESS,
        13: _PHONE,
        14: _PHONE,
        18: ((1, "account number"),),
        19: ((1, "ssn"),),
        20: ((1, "driver's license number"),),
    },
    "NK1": {2: _NAME, 4: _ADDRESS, 5: _PHONE, 6: _PHONE, 16: ((1, "date of birth"),)},
    "GT1": {
        3: _NAME,
        5: _ADDRESS,
        6: _PHONE,
        7: _PHONE,
        8: ((1, "date of birth"),),
        12: ((1, "ssn"),),
    },
    # (the insured's name, relationship, birth date and address: exports put them a field or
    # two off their places, so each is read by its shape, `_SHAPED`)
    "IN1": {
        **dict.fromkeys(range(15, 22), ((0, _SHAPED),)),
        **dict.fromkeys((36, 37), ((0, f"{_AN_ID}policy number"),)),
        49: ((1, "member id"),),
    },
    "IN2": {2: ((1, "ssn"),), 8: ((1, "medicare number"),), 9: ((1, "medicaid number"),)},
    "PV1": {7: _DOCTOR, 8: _DOCTOR, 9: _DOCTOR, 17: _DOCTOR},
    "MRG": {1: ((1, "member id"),), 3: ((1, "account number"),)},
}


def hl7_cells(text: str) -> list[Cell]:
    """The cells of the HL7 v2 messages in `text`: each field of `FIELDS` that has a value,
    under its label (none where no MSH segment opens a message)."""
    start = _MESSAGE_START.search(text)
    if start is None:
        return []
    field, encoding = start["field"], start["encoding"]
    component, repetition = encoding[0], encoding[1:2] or "~"
    cells: list[Cell] = []
    for segment in _SEGMENT.finditer(text, start.start()):
        line = segment.group()
        wanted = FIELDS.get(line[:3])
        if wanted is None or line[3:4] != field:
            continue
        base = segment.start()
        pos = 4
        number = 1
        while pos <= len(line):
            end = line.find(field, pos)
            end = len(line) if end < 0 else end
            labels = wanted.get(number)
            if labels is not None and end > pos:
                cells.extend(_components(line, pos, end, base, labels, component, repetition))
            pos = end + 1
            number += 1
    return cells


#: The field of a note (NTE) that holds its comment: after the set ID and the source.
_NOTE_FIELD = 3


def hl7_note_reading(text: str) -> Reading | None:
    """The comments of an HL7 v2 message's notes (NTE segments), a line each, mapped back into
    `text`; None where no MSH segment opens a message or fewer than two notes say anything."""
    start = _MESSAGE_START.search(text)
    if start is None:
        return None
    field = start["field"]
    built = ReadingBuilder()
    notes = 0
    for segment in _SEGMENT.finditer(text, start.start()):
        line = segment.group()
        if not line.startswith("NTE") or line[3:4] != field:
            continue
        pos = 3
        for _ in range(_NOTE_FIELD - 1):  # (past the set ID and the source: the comment)
            pos = line.find(field, pos + 1)
            if pos < 0:
                break
        if pos < 0:
            continue
        end = line.find(field, pos + 1)
        end = len(line) if end < 0 else end
        if line[pos + 1 : end].strip():
            built.copied(text, segment.start() + pos + 1, segment.start() + end)
            built.own("\n")
            notes += 1
    return built.reading() if notes >= 2 else None


def _components(
    line: str,
    start: int,
    end: int,
    base: int,
    labels: tuple[tuple[int, str], ...],
    component: str,
    repetition: str,
) -> list[Cell]:
    """The labelled components of the field at [start, end) of `line`, in each repetition."""
    cells: list[Cell] = []
    pos = start
    while pos <= end:
        stop = line.find(repetition, pos, end)
        stop = end if stop < 0 else stop
        # the components of one repetition
        parts: list[tuple[int, int]] = []
        at = pos
        while at <= stop:
            nxt = line.find(component, at, stop)
            nxt = stop if nxt < 0 else nxt
            parts.append((at, nxt))
            at = nxt + 1
        shaped = labels[0][0] == 0
        found = _by_shape(line, parts, labels[0][1]) if shaped else _labelled(line, parts, labels)
        cells.extend(Cell(base + lo, base + hi, label, column=False) for lo, hi, label in found)
        pos = stop + 1
    return cells


def _by_shape(line: str, parts: list[tuple[int, int]], how: str) -> list[tuple[int, int, str]]:
    """The labelled components of a field read by its shape: a person's (`_SHAPED`), or an
    identifier's (`_AN_ID` and its label)."""
    first = line[parts[0][0] : parts[0][1]]
    if how.startswith(_AN_ID):
        return [(*parts[0], how[1:])] if _ID_SHAPE.fullmatch(first) else []
    if _DATE_SHAPE.fullmatch(first):
        return [(*parts[0], "date of birth")]
    if _HOUSE_SHAPE.match(first):
        return _labelled(line, parts, _ADDRESS)
    if len(parts) > 1 and all(_NAME_SHAPE.fullmatch(line[lo:hi]) for lo, hi in parts[:2]):
        return _labelled(line, parts, _NAME)
    return []


def _labelled(
    line: str, parts: list[tuple[int, int]], labels: tuple[tuple[int, str], ...]
) -> list[tuple[int, int, str]]:
    """The components numbered in `labels` that hold something, with their labels."""
    out = []
    for number, label in labels:
        if number <= len(parts):
            lo, hi = parts[number - 1]
            if line[lo:hi].strip():
                out.append((lo, hi, label))
    return out


#: An identifier array's key in a FHIR resource's JSON, and the resource's type.
_IDENTIFIER_KEY = re.compile(r'"identifier"\s*:\s*\[')
_RESOURCE_TYPE = re.compile(r'"resourceType"\s*:\s*"(\w+)"')
_SYSTEM = re.compile(r'"system"\s*:\s*"([^"\n]{0,200})"')
_VALUE = re.compile(r'"value"\s*:\s*"([^"\\\n]{1,64})"')
#: What an identifier is of, by the resource that holds it.
_IDENTIFIER_OF = {
    "Patient": "patient id",
    "RelatedPerson": "patient id",
    "Person": "patient id",
    "Coverage": "member id",
}
#: How far an identifier array is read (its objects, their types' codings).
_ARRAY_REACH = 4000


def fhir_identifier_cells(text: str) -> list[Cell]:
    """The values of the identifier arrays of a FHIR JSON document's patients (and coverages),
    each under its label ("patient id", "member id"); none where `text` holds no resource."""
    if '"resourceType"' not in text:
        return []
    typed = list(_RESOURCE_TYPE.finditer(text))
    starts = [m.start() for m in typed]
    cells: list[Cell] = []
    for key in _IDENTIFIER_KEY.finditer(text):
        # (the resource it is in: the last type named before it, as FHIR writes it first)
        k = bisect.bisect_left(starts, key.start()) - 1
        label = _IDENTIFIER_OF.get(typed[k].group(1)) if k >= 0 else None
        if label is None:
            continue
        end = _array_end(text, key.end() - 1)
        for value in _VALUE.finditer(text, key.end(), end):
            # (a value whose system is the SSA's is a social security number: "ssn")
            opened = max(key.end(), text.rfind("{", 0, value.start()))
            system = _SYSTEM.search(text, opened, value.start())
            ssn = system is not None and "ssn" in system.group(1).lower()
            cells.append(Cell(*value.span(1), "ssn" if ssn else label, column=False))
    return cells


def _array_end(text: str, start: int) -> int:
    """Where the JSON array that opens at `start` ends (brackets counted, strings' brackets
    too: an identifier's values hold none), within `_ARRAY_REACH`."""
    depth = 0
    stop = min(len(text), start + _ARRAY_REACH)
    for at in range(start, stop):
        ch = text[at]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return at
    return stop
