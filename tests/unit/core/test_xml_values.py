"""A FHIR resource's XML read as its labelled fields (synthetic patient)."""

from __future__ import annotations

from callshield import Engine
from callshield.core.xml_values import fhir_value_reading
from callshield.pipeline import scan_text

PATIENT = (
    '<Patient xmlns="http://hl7.org/fhir">\n'
    '  <id value="3227bf0a-a2bc-42f2-85d7-685bc0f7290a"/>\n'
    "  <identifier>\n"
    '    <type><coding><code value="MR"/></coding></type>\n'
    '    <system value="urn:oid:1.2.36.146.595.217.0.1"/>\n'
    '    <value value="24813500"/>\n'
    "  </identifier>\n"
    '  <name><use value="official"/><family value="DeLaCruz"/><given value="Jacqueline"/>'
    "</name>\n"
    '  <gender value="female"/>\n'
    '  <birthDate value="1943-03-16"/>\n'
    "</Patient>\n"
)


def test_each_value_is_read_under_its_label_and_mapped_back() -> None:
    reading = fhir_value_reading(PATIENT)
    assert reading is not None
    assert reading.transcript.split("\n")[:4] == [
        "medical record number: 24813500",
        "family name: DeLaCruz",
        "given name: Jacqueline",
        "date of birth: 1943-03-16",
    ]
    at = reading.transcript.index("DeLaCruz")
    (span,) = reading.to_raw([(at, at + 8)])[0]
    assert PATIENT[span[0] : span[1]] == "DeLaCruz"


def test_the_patients_fields_are_found(engine: Engine) -> None:
    found = {(f.entity.name, PATIENT[f.start : f.end]) for f in scan_text(PATIENT, engine)}
    assert {("PERSON", "DeLaCruz"), ("PERSON", "Jacqueline"), ("DATE_OF_BIRTH", "1943-03-16")} <= (
        found
    )
    assert any(v == "24813500" for _, v in found)
    assert not any("female" in v or "3227bf0a" in v for _, v in found)


def test_no_reading_without_fields() -> None:
    assert fhir_value_reading('<input value="x"/>') is None
