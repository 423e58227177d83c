"""A voice bot's slot values read under the names of their slots (and a DICOM dump's values
under their attributes' names), with a map back.

An IVR or a voice bot logs what it asked for by the slot's name and what it heard apart:
Amazon Lex writes `"AccountNumber":{"shape":"Scalar","value":{"originalValue":"k w z four
...","interpretedValue":"KWZ407885499"}}` and the caller's words again as `"inputTranscript"`;
an MRCP recogniser's NLSML result writes `<instance><ZipCode>34101</ZipCode></instance>` and
the words heard as `<input mode="speech">three four one oh one</input>`. The slot's name says
what the value is, but it stands a level or two away from the value (or, for the words heard,
in another element), where no key's cue reaches. Read as `"AccountNumber": "k w z four ..."`,
a line each, every value and every rendering of the words heard stands under its slot's name,
as a keyed record's value does, and is found as one. A DICOM dump (dcmdump) writes an
element's value in brackets and its attribute's name at the line's end, "(0010,0010) PN
[FOWLER^PAIGE^G] # 14, 1 PatientName": read the same way. Each value maps back one for one.

Pure: no I/O.
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: A JSON string's body (escapes kept).
_STRING = r'"(?:[^"\\\n]|\\.)*"'
#: A key whose value is an object, the object's body holding strings, scalars and objects one
#: level deep: a slot ("AccountNumber": {"shape": ..., "value": {...}}).
_JSON_SLOT = re.compile(
    r'"(?P<key>[A-Za-z][\w\-]{1,40})"[ \t]*:[ \t]*\{'
    rf"(?P<body>(?>[^{{}}\"\n]|{_STRING}|\{{(?>[^{{}}\"\n]|{_STRING})*\}})*)\}}"
)
#: Keys of a slot's value, as the bots write it (Lex's original and interpreted values, its
#: resolved values, Alexa's and Dialogflow's `value`).
_VALUE_KEYS = ("value", "originalValue", "interpretedValue", "resolvedValues", "displayValue")
_VALUE = re.compile(
    rf'"(?P<k>{"|".join(_VALUE_KEYS)})"[ \t]*:[ \t]*(?:\[[ \t]*)?"(?P<v>(?:[^"\\\n]|\\.)*)"'
)
#: What the caller said, in the same record (Lex: "inputTranscript").
_INPUT_TRANSCRIPT = re.compile(r'"inputTranscript"[ \t]*:[ \t]*"(?P<v>(?:[^"\\\n]|\\.)*)"')
#: An NLSML interpretation: its instance's first element names the slot, its input is the
#: words heard.
_INTERPRETATION = re.compile(r"<interpretation\b[^>]*>(?P<body>.*?)</interpretation>", re.S)
_INSTANCE_SLOT = re.compile(r"<instance>\s*<(?P<key>[A-Za-z][\w\-]{1,40})>")
_INPUT = re.compile(r"<input\b[^>]*>(?P<v>[^<]+)</input>")
#: A DICOM dump's element (dcmdump): its tag, its VR, its value in brackets, and after "#"
#: its length, its multiplicity and its attribute's name ("(0010,0010) PN [FOWLER^PAIGE^G]
#: #  14, 1 PatientName"): the name stands at the line's end, the value far before it.
_DICOM_ELEMENT = re.compile(
    r"^\([0-9a-fA-F]{4},[0-9a-fA-F]{4}\)[ \t]+[A-Z]{2}[ \t]+\[(?P<v>[^\]\n]{1,200})\]"
    r"[ \t]+#[ \t]*\d+,[ \t]*\d+[ \t]+(?P<key>[A-Za-z][A-Za-z0-9]{1,60})[ \t]*\r?$",
    re.MULTILINE,
)
#: Keys of a bot's own that are no slot.
_NOT_SLOTS = frozenset(
    ("value", "slots", "intent", "sessionState", "dialogAction", "interpretations")
)


def slot_reading(text: str) -> Reading | None:
    """Each slot value of a bot's log, and the words heard for it, as a line `"Slot": "value"`;
    None where the text has none."""
    lines: list[tuple[str, int, int]] = []  # (the slot's name, the value's [start, end))
    if "Value" in text or '"value"' in text:
        _json_slots(text, lines)
    if "<interpretation" in text:
        for interpretation in _INTERPRETATION.finditer(text):
            lo, hi = interpretation.span("body")
            slot = _INSTANCE_SLOT.search(text, lo, hi)
            said = _INPUT.search(text, lo, hi)
            if slot is not None and said is not None and said.group("v").strip():
                lines.append((slot.group("key"), *said.span("v")))
    if "# Dicom" in text or ") PN [" in text:
        for element in _DICOM_ELEMENT.finditer(text):
            if element.group("v").strip():
                lines.append((element.group("key"), *element.span("v")))
    if not lines:
        return None
    built = ReadingBuilder()
    for key, start, end in lines:
        built.own(f'"{key}": "')
        # (a DICOM person name's parts apart by "^": "FOWLER^PAIGE^G", read as words)
        built.shown(text[start:end].replace("^", " "), start, end)
        built.own('"\n')
    return built.reading()


def _json_slots(text: str, lines: list[tuple[str, int, int]]) -> None:
    """Each JSON slot's values, and a record's input transcript where it is a slot's original
    value (the same words), added to `lines`."""
    for slot in _JSON_SLOT.finditer(text):
        key = slot.group("key")
        if key in _NOT_SLOTS or key in _VALUE_KEYS:
            continue
        lo, hi = slot.span("body")
        values = [m for m in _VALUE.finditer(text, lo, hi) if m.group("v").strip()]
        for value in values:
            lines.append((key, *value.span("v")))
        said = {m.group("v") for m in values}
        line_start = text.rfind("\n", 0, slot.start()) + 1
        line_end = text.find("\n", slot.end())
        heard = _INPUT_TRANSCRIPT.search(text, line_start, len(text) if line_end < 0 else line_end)
        if heard is not None and heard.group("v") in said:
            lines.append((key, *heard.span("v")))
