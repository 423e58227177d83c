"""Fixed-width records: glued digits redacted whole, dates of birth and names split off."""

from __future__ import annotations

from callshield import Engine

#: A batch extract's rows (synthetic: 555-01xx numbers, made-up SSNs): name fields, then date
#: of birth, SSN, account, ZIP, phone and a zero-padded amount glued, then a status letter.
EXTRACT = (
    "* EXTRACT 20261211 RECFM=FB LRECL=120\n"
    "D000001CALHOUN        ROBERT      1959022556543850700162964865004904415555010900000091520P\n"
    "D000002GILBERT        LISA        1982090986534007500053199722643394919555010000000111746C\n"
    "D000003HALL           LAUREN      1955011911246553202663704920447461480555010500000437639C\n"
    "T000003 END OF FILE\n"
)


def _found(engine: Engine, text: str) -> list[tuple[str, str]]:
    return [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)]


def test_a_block_of_records_has_its_names_dates_and_glued_digits_redacted(engine: Engine) -> None:
    found = _found(engine, EXTRACT)
    first = [item for item in found if EXTRACT.index("CALHOUN") <= EXTRACT.index(item[1]) < 200]
    assert first[:4] == [
        ("PERSON", "CALHOUN"),
        ("PERSON", "ROBERT"),
        ("DATE_OF_BIRTH", "19590225"),
        ("UNSCANNABLE", "565438507001629648650049044155550109"),
    ]
    # a surname that is a common word too, in the surnames' column
    assert ("PERSON", "HALL") in found
    assert sum(name == "UNSCANNABLE" for name, _ in found) == 3
    # the zero-padded amounts at the records' ends are no identifiers
    assert not [value for _, value in found if "00000091520" in value]
    finding = next(f for f in engine.scan(EXTRACT) if f.entity.name == "UNSCANNABLE")
    assert "565438507" not in repr(finding) and "glued" in finding.reasons[0]


def test_one_long_number_or_unaligned_lines_are_no_records(engine: Engine) -> None:
    # a long reference alone, and two lines whose digits start at other columns
    text = (
        "ref 123456789012345678901234567890 attached\n"
        "A1 SMITH 111122223333444455556666777788\n"
        "B2 JONES JR 111122223333444455556666777788\n"
    )
    assert not [name for name, _ in _found(engine, text) if name == "UNSCANNABLE"]


def test_an_engine_for_other_entities_reads_no_records() -> None:
    # UNSCANNABLE, which every engine reports, does not bring the record reader along
    only_email = Engine(entities=["EMAIL"])
    assert "fixed_width_record" not in only_email.detector_names
    assert "fixed_width_record" in Engine().detector_names
