"""vCard contact cards (RFC 6350, and 2.1 and 3.0 as phones and CRMs export them): what each
property of a card holds, by its name and its components' places.

A contact center's agents attach customers' cards to tickets and paste them into notes:
"ADR;TYPE=HOME:;;72509 Smith Mountain Apt. 211;Davidmouth;AS;70271;USA". Nothing on that line
says which component is the ZIP; the standard does, by its place (post office box, extended
address, street, locality, region, postal code, country). `vcard_cells` reads the properties
that hold a person's data as cells under a label ("street address", "zip code", "phone",
"extension", "date of birth"), which the pipeline reads as it reads a table's cells
(`tables.cell_text`). A card's free text (NOTE) is read as it is written. Pure: a text in,
cell spans out.
"""

from __future__ import annotations

import re

from callshield.core.detectors.phone import toll_free
from callshield.core.tables import Cell

#: A card's opening line.
CARD_START = "BEGIN:VCARD"
#: A property's line: its name (perhaps grouped, "item1.TEL"), its parameters, its value.
_PROPERTY = re.compile(
    r"^(?:[A-Za-z0-9\-]+\.)?(?P<name>[A-Za-z\-]+)(?P<params>(?:;[^:\r\n]*)?):(?P<value>[^\r\n]*)",
    re.MULTILINE,
)
#: ADR's components by place (RFC 6350 6.3.1): the street's and the postal code's labels.
_ADDRESS = {2: "street address", 5: "zip code"}
#: N's components: family name, given name, additional names.
_NAME = {0: "last name", 1: "first name", 2: "middle name"}
#: Properties read whole under a label.
_WHOLE = {"FN": "full name", "BDAY": "date of birth", "EMAIL": "email", "NICKNAME": "name"}
#: A telephone number's extension, as a parameter of the value ("773.555.0111;ext=86") or
#: after its "tel:" URI ("tel:+1-206-555-0185;ext=7419").
_EXTENSION = re.compile(r";ext=(?P<ext>\d{1,6})", re.IGNORECASE)
#: A "tel:" URI's scheme before the number.
_TEL_URI = re.compile(r"tel:", re.IGNORECASE)


def vcard_cells(text: str) -> list[Cell]:
    """The cells of the vCards in `text`: each property of a person's data that has a value,
    under its label (none where no card opens: "BEGIN:VCARD")."""
    opened = text.find(CARD_START)
    if opened < 0:
        return []
    cells: list[Cell] = []
    for prop in _PROPERTY.finditer(text, opened):
        name = prop["name"].upper()
        start, end = prop.span("value")
        if end <= start:
            continue
        if name == "ADR":
            cells.extend(_components(text, start, end, _ADDRESS))
        elif name == "N":
            cells.extend(_components(text, start, end, _NAME))
        elif name == "TEL":
            cells.extend(_telephone(text, start, end))
        elif name in _WHOLE:
            cells.append(Cell(start, end, _WHOLE[name], column=False))
    return cells


def _components(text: str, start: int, end: int, labels: dict[int, str]) -> list[Cell]:
    """A structured value's components (separated by ";", "\\;" escaped) under their labels."""
    out: list[Cell] = []
    pos, place = start, 0
    while pos <= end:
        stop = pos
        while stop < end and not (text[stop] == ";" and text[stop - 1] != "\\"):
            stop += 1
        label = labels.get(place)
        if label is not None and stop > pos:
            out.append(Cell(pos, stop, label, column=False))
        pos, place = stop + 1, place + 1
    return out


def _telephone(text: str, start: int, end: int) -> list[Cell]:
    """A TEL's number (after a "tel:" scheme) and its extension, each under its label (not a
    toll-free number's extension)."""
    uri = _TEL_URI.match(text, start, end)
    number = uri.end() if uri is not None else start
    ext = _EXTENSION.search(text, number, end)
    stop = ext.start() if ext is not None else end
    out = [Cell(number, stop, "phone", column=False)]
    # (a toll-free line's extension is a company's desk, no customer's)
    if ext is not None and not toll_free("".join(c for c in text[number:stop] if c.isdigit())):
        out.append(Cell(*ext.span("ext"), "extension", column=False))
    return out
