"""A PDF form's fields as pdftk dumps them: each text field's value under the field's name."""

from __future__ import annotations

from callshield.core.pdf_fields import pdf_field_cells

DUMP = (
    "$ pdftk direct_deposit.pdf dump_data_fields_utf8\n"
    "---\n"
    "FieldType: Text\n"
    "FieldName: topmostSubform[0].Page1[0].f1_01[0]\n"
    "FieldNameAlt: 1a. Employee name\n"
    "FieldFlags: 8388608\n"
    "FieldValue: Dana Whitfield\n"
    "FieldJustification: Left\n"
    "---\n"
    "FieldType: Button\n"
    "FieldName: topmostSubform[0].Page1[0].c1_1[0]\n"
    "FieldFlags: 0\n"
    "FieldValue: Off\n"
    "FieldStateOption: Off\n"
    "---\n"
    "FieldType: Text\n"
    "FieldName: topmostSubform[0].Page1[0].f1_02[0]\n"
    "FieldNameAlt: Routing number (9 digits)\n"
    "FieldValue: 011401533\n"
    "---\n"
    "FieldType: Text\n"
    "FieldName: form1[0].accountNumber[0]\n"
    "FieldFlags: 0\n"
    "FieldValue: 850691610244\r\n"
    "---\n"
    "FieldType: Text\n"
    "FieldName: topmostSubform[0].Page1[0].f1_04[0]\n"
    "FieldNameAlt: Memo\n"
    "FieldValue:\n"
    "FieldJustification: Left\n"
)


def read(text: str) -> list[tuple[str, str, bool]]:
    return [(c.header, text[c.start : c.end], c.column) for c in pdf_field_cells(text)]


def test_each_text_field_s_value_under_its_name() -> None:
    assert read(DUMP) == [
        ("Employee name", "Dana Whitfield", False),  # the item number dropped
        ("Routing number", "011401533", False),  # what the parentheses add dropped
        ("accountNumber", "850691610244", False),  # no tooltip: the name's last part
    ]  # (no check box's state, no empty value)


def test_no_dump_no_cells() -> None:
    assert read("FieldName: ssn\nthe value was never dumped\n") == []
    assert read("an agent wrote FieldValue: in a note") == []
