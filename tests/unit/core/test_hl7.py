"""HL7 v2 messages: the fields that hold a person's data, read by their place."""

from __future__ import annotations

from callshield.core.hl7 import hl7_cells

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
