"""Identity and clinical documents read by their published layouts: a passport's MRZ, an HL7
CDA patient's SSN and birth date."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.detectors.id_documents import _check_digit

#: ICAO Doc 9303's specimen passport (Utopia, "ERIKSSON ANNA MARIA"), its check digits valid.
SPECIMEN = (
    "Liveness report\nDocument scanned:\n"
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
)
#: A KYC report that quotes the zone, its first line cut short (synthetic: check digits wrong).
QUOTED = (
    "DOCUMENT\n  Type: US Passport\n"
    "  MRZ line 1: P<USAWEST<<HENRY<<<<<<<<<<<<<<<<<<\n"
    "  MRZ line 2: 6972417651USA6609033F3104181<<<<<<<<<<<<<<03\n"
)
CDA = (
    "<recordTarget>\n  <patientRole>\n"
    '    <id extension="942347357" root="2.16.840.1.113883.4.1" assigningAuthorityName="US SSA"/>\n'
    '    <id root="2.16.840.1.113883.19.5" extension="MRN-55012"/>\n'
    "    <patient>\n"
    '      <name use="L"><given>Osvaldo</given><family>Andreotti</family></name>\n'
    '      <birthTime value="19990321"/>\n'
    "    </patient>\n  </patientRole>\n</recordTarget>\n"
    '<effectiveTime value="20240411"/>\n'
)


def _found(engine: Engine, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in engine.scan(text):
        out.setdefault(f.entity.name, set()).add(text[f.start : f.end])
    return out


def test_icao_check_digits_of_the_specimen() -> None:
    assert _check_digit("L898902C3") == 6
    assert _check_digit("740812") == 2
    assert _check_digit("120415") == 9


@pytest.mark.parametrize(
    ("text", "name", "number", "born"),
    [
        (SPECIMEN, "ERIKSSON<<ANNA<MARIA", "L898902C3", "740812"),
        (QUOTED, "WEST<<HENRY", "697241765", "660903"),
    ],
)
def test_a_passport_zone_gives_its_name_number_and_birth_date(
    engine: Engine, text: str, name: str, number: str, born: str
) -> None:
    found = _found(engine, text)
    assert name in found["PERSON"]
    assert number in found["US_PASSPORT"]
    assert born in found["DATE_OF_BIRTH"]


def test_a_failed_check_digit_lowers_the_score_but_keeps_the_value(engine: Engine) -> None:
    scores = {
        (f.entity.name, f.score)
        for f in engine.scan(QUOTED)
        if "a passport's machine-readable zone" in f.reasons
    }
    assert ("US_PASSPORT", 0.75) in scores
    specimen = {
        f.score
        for f in engine.scan(SPECIMEN)
        if f.entity.name == "US_PASSPORT" and "check digit ok" in f.reasons
    }
    assert specimen == {0.9}


def test_no_zone_in_a_line_of_44_other_characters(engine: Engine) -> None:
    text = "batch id 12345678901234567890ABCDEFGHIJKLMNOPQRSTUVWX closed"
    assert "US_PASSPORT" not in _found(engine, text)


def test_a_cda_patient_s_ssn_by_its_oid_and_birth_time(engine: Engine) -> None:
    found = _found(engine, CDA)
    assert found["US_SSN"] == {"942347357"}
    assert "19990321" in found["DATE_OF_BIRTH"]
    assert "20240411" not in found.get("DATE_OF_BIRTH", set()), "no document date"
    assert {"Osvaldo", "Andreotti"} <= found["PERSON"]


def test_a_booking_confirmation_s_numbered_passengers(engine: Engine) -> None:
    text = (
        "BOOKING REFERENCE: 2U8GAX\n\nPASSENGERS\n"
        " 1. DEOLIVEIRA/ODETTE   DOB 05/08/2000   Passport 24JU35926\n"
        " 2. PELTIER/LORRAINE    DOB 11/30/1994   Passport 56HD77120\n"
    )
    found = _found(engine, text)
    assert {"DEOLIVEIRA/ODETTE", "PELTIER/LORRAINE"} <= found["PERSON"]
