"""Tables in plain text: a header row, then rows of delimited cells (CSV, TSV, "|" or ";").

A customer list exported to CSV says what each value is only once, in its header: "ssn" above
a column of unformatted nine-digit numbers, "dob" above plain dates, "account" above account
numbers. Scanned as one text, those values have no context near them and most are not
reported. `header_table` finds such a table so that each cell can be read with its header in
front of it (`pipeline.py` does; see `cell_text`). Pure: a text in, cell spans out.

A text is a table when its first non-blank line splits into 2-64 header cells that read as
labels (words, not values) and at least 80% of its other non-blank lines (two at least, or one
in a two-line text) split into as many cells. Quoted cells ("a, b") are one cell; a cell's span
is its content inside the quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DELIMITERS = ("\t", ",", ";", "|")
MAX_COLUMNS = 64
MAX_HEADER_CHARS = 40
#: A header cell: a label of words ("SSN", "Date of Birth", "acct_no", "e-mail", "Card #").
_LABEL = re.compile(r"[A-Za-z][A-Za-z0-9 _.#/'()\-]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: The first line that is not blank, and its line break.
_FIRST_LINE = re.compile(r"^[ \t]*([^\s][^\r\n]*?)[ \t]*(?:\r\n|\r|\n|\Z)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Cell:
    """A data cell's content [start, end) in the text and the header of its column."""

    start: int
    end: int
    header: str


def header_table(text: str) -> tuple[Cell, ...]:
    """The non-blank data cells of `text` with their headers, in order; none when `text` is
    not a table with a header row. The header is looked at first: most texts end there."""
    first = _FIRST_LINE.search(text)
    if first is None:
        return ()
    head = first.group(1)
    for delimiter in DELIMITERS:
        if delimiter not in head:
            continue
        headers = [head[s:e].strip() for s, e in split_cells(head, delimiter)]
        if not 2 <= len(headers) <= MAX_COLUMNS or not all(is_label(h) for h in headers):
            continue
        rows = [
            (m.start(), m.group().rstrip("\r\n"))
            for m in _LINE.finditer(text, first.end())
            if m.group().strip()
        ]
        body = [(start, split_cells(line, delimiter)) for start, line in rows]
        matching = [(start, cells) for start, cells in body if len(cells) == len(headers)]
        if len(matching) < max(1, min(2, len(body))) or 5 * len(matching) < 4 * len(body):
            continue
        return tuple(
            Cell(start + s, start + e, headers[k])
            for start, cells in matching
            for k, (s, e) in enumerate(cells)
            if text[start + s : start + e].strip()
        )
    return ()


def split_cells(line: str, delimiter: str) -> list[tuple[int, int]]:
    """The cells of one line as (start, end) offsets; a quoted cell's span is inside its
    quotes ("" inside them is an escaped quote and stays in the content)."""
    cells: list[tuple[int, int]] = []
    pos, size = 0, len(line)
    while True:
        lead = pos
        while lead < size and line[lead] in " \t" and line[lead] != delimiter:
            lead += 1
        if lead < size and line[lead] == '"':
            close = lead + 1
            while True:
                close = line.find('"', close)
                if close < 0 or close + 1 >= size or line[close + 1] != '"':
                    break
                close += 2  # an escaped quote
            if close < 0:  # an unclosed quote: the rest of the line is the cell
                cells.append((lead + 1, size))
                return cells
            cells.append((lead + 1, close))
            nxt = line.find(delimiter, close + 1)
        else:
            nxt = line.find(delimiter, pos)
            cells.append((pos, size if nxt < 0 else nxt))
        if nxt < 0:
            return cells
        pos = nxt + len(delimiter)


def grid_contexts(grid: list[list[str]]) -> list[list[str]]:
    """What says what each cell of a grid (a spreadsheet, a Word table) holds: the label in
    the cell to its left (a form: "SSN" | 078051120), then its column's header when the first
    row is all labels, two at least ("Name" | "SSN" | "DOB"). Both when both are there: in
    "Name" | "SSN" over "Zelda Quarry" | 078051120, the name reads like a label too.

    A two-column grid whose first column is all labels may be a form ("Password" | tiger over
    "Account" | 000123456789) as well as a table with a header: its first column gets no
    header, so a form's labels are never read as values of the first row."""
    header: list[str] = []
    named = [cell for cell in grid[0] if cell] if grid else []
    if len(named) >= 2 and all(is_label(cell) for cell in named):
        header = grid[0]
    form = all(len(row) == 2 and is_label(row[0]) for row in grid if any(row))
    contexts: list[list[str]] = []
    for r, row in enumerate(grid):
        out = []
        for c, cell in enumerate(row):
            left = row[c - 1] if c and is_label(row[c - 1]) else ""
            above = header[c] if r and c < len(header) and not (form and c == 0) else ""
            in_header = bool(header) and r == 0 and not form  # labels, not values
            out.append(" ".join(p for p in (left, above) if p) if cell and not in_header else "")
        contexts.append(out)
    return contexts


def cell_text(header: str, value: str) -> str:
    """How a cell is read: its header as the cue before it ("ssn: 078051120")."""
    return f"{header}: {value}"


def is_label(cell: str) -> bool:
    """Whether a cell reads as a column header: words, not a value."""
    return (
        0 < len(cell) <= MAX_HEADER_CHARS
        and _LABEL.fullmatch(cell) is not None
        and sum(c.isdigit() for c in cell) <= 2
    )
