"""A FHIR resource in XML read as the labelled fields it holds, with a map back.

FHIR's XML keeps every value in an attribute (`<family value="DeLaCruz"/>`, `<given
value="Jacqueline"/>`), and an identifier's kind in a code beside it (`<identifier>...<code
value="MR"/>...<value value="24813500"/></identifier>`): no detector reads a name or a record
number out of `value="..."` alone. Each such value is read as a line of its own, under the
name a form would give it ("family name: DeLaCruz", "medical record number: 24813500"), and
mapped back to the attribute.

Pure: a string in, a reading out (`json_transcripts.Reading`).
"""

from __future__ import annotations

import re

from callshield.core.json_transcripts import Reading, ReadingBuilder

#: An element whose value is its `value` attribute.
_VALUED = re.compile(r"<(?P<tag>[A-Za-z][\w:.\-]{0,40})\b[^<>]*?\bvalue=\"(?P<v>[^\"<>]{1,200})\"")
#: The labels fields are read under, by the element's name.
_LABELS = {
    "family": "family name", "given": "given name", "prefix": "title", "line": "address line",
    "postalCode": "zip code", "birthDate": "date of birth", "text": "text",
}  # fmt: skip
#: An identifier's kind (FHIR's v2-0203 codes), and the label its value is read under.
_IDENTIFIER_LABELS = {
    "MR": "medical record number", "MB": "member id", "SS": "ssn", "DL": "driver license",
    "PPN": "passport number", "AN": "account number", "PI": "patient id", "SB": "member id",
    "TAX": "tax id", "BA": "bank account number",
}  # fmt: skip
_IDENTIFIER = re.compile(r"<identifier\b[^>]*>(?P<body>.*?)</identifier\s*>", re.DOTALL)
_CODE = re.compile(r"<code\s+value=\"(?P<c>[A-Z]{1,4})\"")
#: The fewest fields that make a resource worth reading.
_MIN_FIELDS = 2


def fhir_value_reading(text: str) -> Reading | None:
    """The fields of a FHIR resource's XML ("family name: DeLaCruz", "member id: MJX506..."),
    each mapped back to its attribute; None when `text` holds fewer than two such fields."""
    kinds: dict[int, str] = {}  # the start of an identifier's value -> its label
    for identifier in _IDENTIFIER.finditer(text):
        code = _CODE.search(identifier.group("body"))
        label = _IDENTIFIER_LABELS.get(code.group("c")) if code is not None else None
        if label is None:
            continue
        lo, hi = identifier.span("body")
        for value in _VALUED.finditer(text, lo, hi):
            if value.group("tag") == "value":
                kinds[value.start("v")] = label
    built = ReadingBuilder()
    fields = 0
    for match in _VALUED.finditer(text):
        label = kinds.get(match.start("v")) or _LABELS.get(match.group("tag"))
        if label is None:
            continue
        fields += 1
        built.own(f"{label}: ")
        built.copied(text, *match.span("v"))
        built.own("\n")
    return built.reading() if fields >= _MIN_FIELDS else None
