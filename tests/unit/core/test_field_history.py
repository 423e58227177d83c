"""A record's field history: each change's old and new values under the field's name."""

from __future__ import annotations

from callshield import Engine
from callshield.core.field_history import history_cells
from callshield.pipeline import scan_text

HISTORY = (
    "2026-10-22T23:56:02Z A. Maldonado changed MailingPostalCode from 30889 to 23448.\n"
    "2026-10-06T09:34:23Z A. Maldonado changed Discount__c from 30% to 10%.\n"
    "2026-11-11T02:51:28Z api:oakhelp changed Authorized_User__c from (blank) to Joseph Andrews.\n"
)


def read(text: str) -> list[tuple[str, str]]:
    return [(c.header, text[c.start : c.end]) for c in history_cells(text)]


def test_each_value_of_a_change_under_the_field_s_name() -> None:
    assert read(HISTORY) == [
        ("MailingPostalCode", "30889"),
        ("MailingPostalCode", "23448"),
        ("Discount", "30%"),  # (a custom field's suffix dropped)
        ("Discount", "10%"),
        ("Authorized_User", "Joseph Andrews"),  # ("(blank)" is no value)
    ]


def test_no_history_no_cells() -> None:
    assert read("she changed her mind from yes to no") == []  # no field's name
    assert read("nothing was changed today") == []


def test_the_values_are_read_as_the_field_s(engine: Engine) -> None:
    said = [(f.entity.name, HISTORY[f.start : f.end]) for f in scan_text(HISTORY, engine)]
    assert ("US_ZIP", "30889") in said and ("US_ZIP", "23448") in said
    assert not any(value in ("30%", "10%") for _entity, value in said)


#: Dynamics 365's audit history: field, old and new value at each row's end (made-up values).
GRID = (
    "Changed Date          Changed By       Event    Changed Field"
    "                     Old Value                      New Value\n"
    "2/9/2025 12:49 PM   # CTI Connector  Update   Address 1: ZIP/Postal Code"
    "        61219                      93599\n"
    "                                                Security Answer (new_secanswer)"
    "   (empty)                    Fluffy\n"
    "\n"
    "Notes  after  the grid\n"
)


def test_an_audit_grid_s_values_under_each_row_s_field() -> None:
    assert read(GRID) == [
        ("Address 1: ZIP/Postal Code", "61219"),
        ("Address 1: ZIP/Postal Code", "93599"),
        ("Security Answer", "Fluffy"),  # ("(empty)" is no value; the API name dropped)
    ]


def test_an_audit_grid_s_new_value_is_read_as_the_field_s(engine: Engine) -> None:
    said = [(f.entity.name, GRID[f.start : f.end]) for f in scan_text(GRID, engine)]
    assert ("US_ZIP", "93599") in said and ("SECURITY_ANSWER", "Fluffy") in said
