"""A record's field history as a CRM's audit trail writes it: each value under its field's name.

Salesforce's field history, and the audit logs agents paste from other CRMs, write a change as
a sentence: "2026-10-22T23:56:02Z A. Maldonado changed MailingPostalCode from 30889 to
23448." Nothing beside either value says it is a ZIP code but the field's name, and "from"
and "to" are no cue for it. `history_cells` reads the old and the new value of each change
as cells under the field's name, which the pipeline reads as it reads a form's cells
(`tables.cell_text`); "(blank)" is no value. Pure: a text in, cell spans out.
"""

from __future__ import annotations

import re

from callshield.core.tables import Cell

#: What a field history holds wherever it holds a change (the pipeline looks for it first).
CHANGED = "changed "

#: One change on its line: the field's name (an API name, "MailingPostalCode",
#: "Bank_Account__c"), the old value, the new one (up to the line's end, less a closing dot).
_CHANGE = re.compile(
    r"\bchanged[ \t]+(?P<field>[A-Za-z][\w.]{1,60})[ \t]+from[ \t]+(?P<old>[^\n]{1,200}?)"
    r"[ \t]+to[ \t]+(?P<new>[^\n]{1,200}?)\.?[ \t]*\r?$",
    re.MULTILINE,
)
#: What a history writes where a field had no value.
_NO_VALUE = frozenset({"(blank)", "blank", "(empty)", "empty", "null", "(none)", "none", "-"})


def history_cells(text: str) -> list[Cell]:
    """The old and the new value of every change in `text`, each under its field's name."""
    if CHANGED not in text:
        return []
    cells: list[Cell] = []
    for change in _CHANGE.finditer(text):
        field = change.group("field").removesuffix("__c")
        for group in ("old", "new"):
            start, end = change.span(group)
            if text[start:end].lower() not in _NO_VALUE:
                cells.append(Cell(start, end, field, column=False))
    return cells
