"""A voice bot's slot values (Amazon Lex's conversation log, an MRCP recogniser's NLSML result)
read under their slots' names, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.slot_values import slot_reading
from callshield.pipeline import scan_text

#: Two records of a Lex conversation log (synthetic: a made-up member ID, a 9xx-free last four).
#: The slot's name stands two objects above its values; the caller's words come again as
#: `inputTranscript`.
LEX = (
    '{"messages":[{"contentType":"PlainText","content":"Please say the last four of your social."'
    '}],"sessionState":{"dialogAction":{"type":"ElicitSlot","slotToElicit":"SSNLast4"},"intent":'
    '{"name":"Verify","slots":{"AccountNumber":{"shape":"Scalar","value":{"originalValue":"k w z'
    ' four zero seven double eight five four double nine","interpretedValue":"KWZ407885499",'
    '"resolvedValues":["KWZ407885499"]}}},"state":"InProgress"}},"inputTranscript":"k w z four '
    'zero seven double eight five four double nine","inputMode":"Speech"}\n'
    '{"messages":[{"contentType":"PlainText","content":"Thanks."}],"sessionState":{"intent":'
    '{"name":"Verify","slots":{"SSNLast4":{"shape":"Scalar","value":{"originalValue":"eight zero'
    ' one five","interpretedValue":"8015","resolvedValues":["8015"]}}}}},"inputTranscript":'
    '"eight zero one five","inputMode":"Speech"}\n'
)

#: An MRCP trace's recognition results: the slot in the instance, the words heard in the input.
NLSML = (
    "S->C MRCP/2.0 324 RECOGNITION-COMPLETE 82196 COMPLETE\n"
    '<result><interpretation confidence="0.56"><instance><ZipCode>34101</ZipCode></instance>'
    '<input mode="speech">three four one oh one</input></interpretation></result>\n'
    '<result><interpretation confidence="0.59"><instance><ExpirationDate>2030-10</ExpirationDate>'
    '</instance><input mode="speech">ten slash thirty</input></interpretation></result>\n'
)


def test_json_slot_values_and_the_words_heard_stand_under_the_slot() -> None:
    reading = slot_reading(LEX)
    assert reading is not None
    lines = reading.transcript.splitlines()
    assert '"AccountNumber": "KWZ407885499"' in lines
    spoken = '"AccountNumber": "k w z four zero seven double eight five four double nine"'
    assert lines.count(spoken) == 2  # (the original value, and the input transcript)
    assert '"SSNLast4": "8015"' in lines
    assert not any(line.startswith(('"intent"', '"value"', '"slots"')) for line in lines)
    at = reading.transcript.index("8015")
    assert [LEX[lo:hi] for lo, hi in reading.to_raw([(at, at + 4)])[0]] == ["8015"]


def test_an_nlsml_input_stands_under_its_instance_s_slot() -> None:
    reading = slot_reading(NLSML)
    assert reading is not None
    assert reading.transcript.splitlines() == [
        '"ZipCode": "three four one oh one"',
        '"ExpirationDate": "ten slash thirty"',
    ]


def test_no_reading_without_slots() -> None:
    assert slot_reading('{"value": "x", "text": "hello"}') is None
    assert slot_reading("Agent: what's the zip?\nCustomer: 34101") is None


def test_slot_values_are_redacted_with_the_words_heard(engine: Engine) -> None:
    for text, pieces in (
        (LEX, ("k w z four zero seven", "KWZ407885499", "eight zero one five", "8015")),
        (NLSML, ("34101", "three four one oh one", "ten slash thirty")),
    ):
        found = scan_text(text, engine)
        for piece in pieces:
            at = -1
            while (at := text.find(piece, at + 1)) >= 0:
                assert any(f.start <= at and at + len(piece) <= f.end for f in found), piece


#: A PACS ticket's dcmdump (synthetic: a Faker-style name, a reserved 555-01xx number).
DICOM = (
    "# Dicom-File-Format\n# Dicom-Data-Set\n"
    "(0008,0020) DA [20240826]                               #   8, 1 StudyDate\n"
    "(0008,0090) PN [Williams^Jessica^^^MD]                  #  22, 1 ReferringPhysicianName\n"
    "(0010,0010) PN [FOWLER^PAIGE^G]                         #  14, 1 PatientName\n"
    "(0010,0020) LO [MRN37335098]                            #  12, 1 PatientID\n"
    "(0010,0030) DA [20020710]                               #   8, 1 PatientBirthDate\n"
    "(0010,2154) SH [9195550147]                             #  10, 1 PatientTelephoneNumbers\n"
)


def test_a_dicom_dump_s_values_stand_under_their_attributes(engine: Engine) -> None:
    reading = slot_reading(DICOM)
    assert reading is not None
    assert '"PatientName": "FOWLER PAIGE G"' in reading.transcript.splitlines()
    found = {(f.entity.name, DICOM[f.start : f.end]) for f in scan_text(DICOM, engine)}
    assert {
        ("PERSON", "FOWLER^PAIGE^G"),
        ("DATE_OF_BIRTH", "20020710"),
        ("PHONE", "9195550147"),
        ("CUSTOMER_NUMBER", "MRN37335098"),
    } <= found
    assert not any(v == "20240826" for _, v in found)  # (the study's date)
