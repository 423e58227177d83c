"""A record's field history as a CRM's audit trail writes it: each value under its field's name.

Salesforce's field history, and the audit logs agents paste from other CRMs, write a change as
a sentence: "2026-10-22T23:56:02Z A. Maldonado changed MailingPostalCode from 30889 to
23448." Nothing beside either value says it is a ZIP code but the field's name, and "from"
and "to" are no cue for it. `history_cells` reads the old and the new value of each change
as cells under the field's name, which the pipeline reads as it reads a form's cells
(`tables.cell_text`); "(blank)" is no value. So does an audit grid (Dynamics 365's audit
history: "Changed Field  Old Value  New Value" over its rows). Pure: a text in, cell spans out.
"""

from __future__ import annotations

import re

from callshield.core.tables import WORD_GROUP, Cell

#: What a history holds wherever it holds a change (the pipeline looks for it first): a
#: sentence's "changed ... from ... to", or an audit grid's "Changed Field" header.
CHANGED = "hanged "

#: One change on its line: the field's name (an API name, "MailingPostalCode",
#: "Bank_Account__c"), the old value, the new one (up to the line's end, less a closing dot).
_CHANGE = re.compile(
    r"\bchanged[ \t]+(?P<field>[A-Za-z][\w.]{1,60})[ \t]+from[ \t]+(?P<old>[^\n]{1,200}?)"
    r"[ \t]+to[ \t]+(?P<new>[^\n]{1,200}?)\.?[ \t]*\r?$",
    re.MULTILINE,
)
#: What a history writes where a field had no value.
_NO_VALUE = frozenset({"(blank)", "blank", "(empty)", "empty", "null", "(none)", "none", "-"})


#: An audit grid's header, as Dynamics 365 prints a record's audit history: "Changed Date
#: Changed By  Event  Changed Field  Old Value  New Value"; its rows below it, up to a blank
#: line, end in the field's name, the old value and the new one, apart by two blanks or more.
_GRID_HEADER = re.compile(r"^[^\n]*\bOld Value[ \t]{2,}New Value[ \t]*\r?$", re.MULTILINE)
_API_NAME = re.compile(r"[ \t]*\([\w.]+\)\Z")


def _grid_cells(text: str) -> list[Cell]:
    """The old and the new value of each row of an audit grid, under the row's field."""
    cells: list[Cell] = []
    for header in _GRID_HEADER.finditer(text):
        pos = header.end() + 1
        while pos < len(text):
            stop = text.find("\n", pos)
            stop = len(text) if stop < 0 else stop
            if not text[pos:stop].strip():
                break  # (a blank line ends the grid)
            # (cells apart by two blanks or more; one blank is inside one)
            parts = list(WORD_GROUP.finditer(text, pos, stop))
            if len(parts) >= 3:
                # (less the field's API name in brackets: "Security Answer (new_secanswer)")
                field = _API_NAME.sub("", parts[-3].group())
                for value in parts[-2:]:
                    if value.group().lower() not in _NO_VALUE:
                        cells.append(Cell(value.start(), value.end(), field, column=False))
            pos = stop + 1
    return cells


def history_cells(text: str) -> list[Cell]:
    """The old and the new value of every change in `text`, each under its field's name."""
    if CHANGED not in text:
        return []
    cells: list[Cell] = _grid_cells(text) if "Old Value" in text else []
    for change in _CHANGE.finditer(text):
        field = change.group("field").removesuffix("__c")
        for group in ("old", "new"):
            start, end = change.span(group)
            if text[start:end].lower() not in _NO_VALUE:
                cells.append(Cell(start, end, field, column=False))
    return cells
