"""HL7 v2 messages: the fields that hold a person's data, read by their place."""

from __future__ import annotations

from callshield import Engine
from callshield.core.hl7 import fhir_identifier_cells, hl7_cells, hl7_note_reading
from callshield.pipeline import scan_text

MESSAGE = (
    "MSH|^~\\&|EPIC|SKYLINE|CLAIMS|BLUEPEAK|202401051313||ADT^A08|6200480|P|2.5.1\r"
    "EVN|A08|202401051313\r"
    "PID|1||U795326508^^^BPK^MB~A1234567^^^SSA^SS||GONZALEZ^MITCHELL^J||19970817|F|||"
    "39 Cedar Terrace Apt 5A^^TUCSON^AZ^85768^USA||(612)555-0151||||||794085058\r"
    "PV1|1|O|CLINIC^102^1|||||8247^HENSON^KELLY^^^^MD\r"
    "IN1|1|BPK01|94582|SKYLINE WIRELESS|PO BOX 4410^^HARTFORD^CT^06101||1-800-555-0113|GRP2328"
    "||||20240101||||||GONZALEZ^MITCHELL|01|19970817|||||||||||||||||U795326508\r"
    "NTE|1||Pt called September 15 re: claim CLM-5019371.\r"
)


def read(text: str) -> list[tuple[str, str]]:
    return [(c.header, text[c.start : c.end]) for c in hl7_cells(text)]


def test_a_patients_fields_by_their_place() -> None:
    assert read(MESSAGE) == [
        ("member id", "U795326508"),
        ("member id", "A1234567"),  # each repetition
        ("last name", "GONZALEZ"),
        ("first name", "MITCHELL"),
        ("middle name", "J"),
        ("date of birth", "19970817"),
        ("street address", "39 Cedar Terrace Apt 5A"),
        ("zip code", "85768"),
        ("phone", "(612)555-0151"),
        ("ssn", "794085058"),
        ("last name", "HENSON"),  # the attending doctor, not the doctor's ID
        ("first name", "KELLY"),
        ("last name", "GONZALEZ"),  # the insured
        ("first name", "MITCHELL"),
        ("date of birth", "19970817"),
        ("policy number", "U795326508"),
    ]


def test_other_separators_and_line_ends() -> None:
    # MSH declares the separators; segments end in "\n" as well as "\r"
    text = "MSH#*~\\&#APP\nPID#1##X99##SMITH*ANNA##19800101\n"
    assert read(text) == [("member id", "X99"), ("last name", "SMITH"), ("first name", "ANNA"),
                          ("date of birth", "19800101")]  # fmt: skip


def test_no_message_no_cells() -> None:
    # a segment's name alone, without the MSH that opens a message, is no HL7
    assert read("PID|1||U795326508||GONZALEZ^MITCHELL\n") == []
    assert read("the MSH| header was missing") == []


#: A telephone encounter whose notes hold the call, a turn a note (segments end with a
#: carriage return alone, as the standard has them).
ENCOUNTER = (
    "MSH|^~\\&|CCREC|WELLRX|EHR|WELLRX|20250331141500||ORU^R01^ORU_R01|MSG6247695|P|2.5.1\r"
    "PID|1||AGU778655319^^^WELLRX^MR||THOMAS^NATHAN|||U\r"
    "NTE|1|L|Call transcript, queue Pharmacy Help Desk, agent A3088\r"
    "NTE|2|L|AGT: What's the best phone number to reach you?\r"
    "NTE|3|L|PT: Okay, it's four eighty, five fifty five\r"
    "NTE|4|L|AGT: Uh-huh.\r"
    "NTE|5|L|PT: oh one sixty nine.\r"
    "NTE|6|L|AGT: And how do you spell your last name?\r"
    "NTE|7|L|PT: T H O M A S.\r"
    "NTE|8|L|AGT: Billing zip code, please?\r"
    "NTE|9|L|PT: Yeah, it's 08596.\r"
    "NTE|10|L|AGT: Okay, 08696?\r"
    "NTE|11|L|PT: No, no, it ends oh eight five nine six.\r"
    "NTE|12|L|AGT: And the expiration date?\r"
    "NTE|13|L|PT: 03/2030.\r"
)


def test_a_messages_notes_read_as_lines() -> None:
    reading = hl7_note_reading(ENCOUNTER)
    assert reading is not None
    lines = reading.transcript.splitlines()
    assert lines[1] == "AGT: What's the best phone number to reach you?"
    assert lines[2] == "PT: Okay, it's four eighty, five fifty five"
    assert len(lines) == 13
    # each line maps back to its note's comment in the message
    start = ENCOUNTER.index("PT: oh one")
    assert reading.to_raw(
        [(reading.transcript.index("PT: oh one"), reading.transcript.index("PT: oh one") + 4)]
    ) == [[(start, start + 4)]]
    # no notes (or one): no reading
    assert hl7_note_reading(MESSAGE) is None
    assert hl7_note_reading("NTE|1|L|AGT: hi\rNTE|2|L|PT: hello\r") is None  # (no MSH)


def test_a_call_in_a_messages_notes_is_read_as_a_call(engine: Engine) -> None:
    found = {(f.entity.name, ENCOUNTER[f.start : f.end]) for f in scan_text(ENCOUNTER, engine)}
    # a phone number said over two turns, an expiry after its question
    assert ("PHONE", "four eighty, five fifty five") in found
    assert ("PHONE", "oh one sixty nine") in found
    assert ("CARD_EXPIRY", "03/2030") in found
    # a ZIP code read back wrong and corrected: each answers the question two notes up
    assert {("US_ZIP", "08696"), ("US_ZIP", "oh eight five nine six")} <= found
    # the spelling after its request, and no segment's name ("NTE|7|...") taken for one
    assert ("PERSON", "T H O M A S") in found
    assert not any(value.startswith("NTE") for _, value in found)


def test_a_fhir_patients_identifiers_by_the_resource_they_are_of(engine: Engine) -> None:
    bundle = """{
  "resourceType": "Bundle",
  "entry": [
    {"resource": {
      "resourceType": "Patient",
      "identifier": [
        {"type": {"coding": [{"code": "MR"}]},
         "system": "urn:oid:2.16.840.1.113883.3.894.1", "value": "WPZ666193403"},
        {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "666-47-1911"}
      ]
    }},
    {"resource": {
      "resourceType": "Observation",
      "identifier": [{"system": "urn:ietf:rfc:3986", "value": "OBS-2025-000417"}]
    }}
  ]
}"""
    cells = fhir_identifier_cells(bundle)
    assert [(c.header, bundle[c.start : c.end]) for c in cells] == [
        ("patient id", "WPZ666193403"),
        ("ssn", "666-47-1911"),
    ]
    found = {(f.entity.name, bundle[f.start : f.end]) for f in scan_text(bundle, engine)}
    assert ("CUSTOMER_NUMBER", "WPZ666193403") in found
    assert ("US_SSN", "666-47-1911") in found
    assert not any(value == "OBS-2025-000417" for _, value in found)
    assert fhir_identifier_cells('{"identifier": [{"value": "X1234567"}]}') == []
