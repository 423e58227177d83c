"""A PDF form's fields as pdftk dumps them: each value under the name the form gives it.

Agents and back offices fill PDF forms (a W-9, a direct-deposit form, a claim form) and paste
what `pdftk form.pdf dump_data_fields` prints into tickets and mails:

    ---
    FieldType: Text
    FieldName: topmostSubform[0].Page1[0].f1_05[0]
    FieldNameAlt: Account number
    FieldFlags: 8388608
    FieldValue: 850691610244
    FieldJustification: Left

The value's line says nothing of what it holds; the field's names do, lines away: the
`FieldNameAlt` (the form's tooltip, "Routing number (9 digits)", "1a. INSURED'S I.D. NUMBER"),
or else the last part of its `FieldName`. `pdf_field_cells` reads each text field's value as a
cell under that name, which the pipeline reads as it reads a form's cells
(`tables.cell_text`). Check boxes and radio buttons ("Off", "Yes") are no values. Pure: a text
in, cell spans out.
"""

from __future__ import annotations

import re

from callshield.core.tables import Cell

#: What a dump holds wherever it holds a value (the pipeline looks for it before reading).
FIELD_VALUE = "FieldValue:"

#: One line of a field's record: its key and its value; "---" alone between records.
_LINE = re.compile(
    r"^(?:(?P<sep>---)[ \t]*|(?P<key>FieldType|FieldName|FieldNameAlt|FieldValue):[ \t]?"
    r"(?P<value>[^\r\n]*?)[ \t]*)\r?$",
    re.MULTILINE,
)
#: A field name's indices and path ("topmostSubform[0].Page1[0].ssn[0]": "ssn").
_INDEX = re.compile(r"\[\d+\]")
#: A form's item number before a name ("1a. ", "24J. ", "5. ") and what parentheses add
#: ("Routing number (9 digits)", "PATIENT'S NAME (Last Name, First Name)", "(if known)").
_ITEM_NUMBER = re.compile(r"^[ \t]*\d{1,3}[A-Za-z]?\.[ \t]+")
_ASIDE = re.compile(r"[ \t]*\([^()]*\)")
#: Field types whose value is a state, not something typed in.
_STATES = frozenset({"button", "checkbox", "radiobutton"})


def pdf_field_cells(text: str) -> list[Cell]:
    """The values of the text fields a pdftk dump in `text` lists, each under its field's
    name (none where no dump is: no "FieldValue:" line)."""
    if FIELD_VALUE not in text:
        return []
    cells: list[Cell] = []
    kind = name = alt = ""
    value: tuple[int, int] | None = None
    for line in _LINE.finditer(text):
        if line.group("sep") is not None:
            cells.extend(_cell(kind, name, alt, value))
            kind = name = alt = ""
            value = None
            continue
        key = line.group("key")
        if key == "FieldType":
            kind = line.group("value").lower()
        elif key == "FieldName":
            name = line.group("value")
        elif key == "FieldNameAlt":
            alt = line.group("value")
        else:
            value = line.span("value")
    cells.extend(_cell(kind, name, alt, value))
    return cells


def _cell(kind: str, name: str, alt: str, value: tuple[int, int] | None) -> list[Cell]:
    if value is None or value[1] <= value[0] or kind in _STATES:
        return []
    label = _label(alt) or _label(_INDEX.sub("", name).rsplit(".", 1)[-1])
    return [Cell(value[0], value[1], label, column=False)] if label else []


def _label(name: str) -> str:
    """A field's name as a label: without its item number and what parentheses add."""
    return _ASIDE.sub("", _ITEM_NUMBER.sub("", name)).strip()
