"""Tables in plain text and grids: what says what a cell holds.

A customer list exported to CSV says what each value is only once, in its header: "ssn" above
a column of unformatted nine-digit numbers, "dob" above plain dates, "pin" above four digits.
A form says it once to the left: "SSN" | 078051120. Read as one text, those values have no
context near them and most are not reported. `text_tables` finds the tables of a text (CSV,
TSV, "|" or ";" rows; an HTML or e-mail table as its text) and `grid_contexts` says what
each cell holds, so that the cell can be read with that in front of it (`pipeline.py` does;
see `cell_text`). Pure: a text in, cell spans out.

A table is two lines at least that split into the same number of cells (2-64), with a header
row of labels or labels down its left (lines of prose with as many commas are none). A line
that splits otherwise inside it (a note with a comma) is left out; a blank line, or a line that
starts another table, ends it. Quoted cells ("a, b") are one cell; a cell's span is its
content inside the quotes.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

DELIMITERS = ("\t", ",", ";", "|")
MAX_COLUMNS = 64
MAX_HEADER_CHARS = 40
#: Lines in a row that split otherwise before a table is taken to have ended.
MAX_MISFITS = 3
#: A header cell: a label of words ("SSN", "Date of Birth", "acct_no", "e-mail", "Card #"), in
#: any alphabet ("Numéro de requête", "N° de commande", "Téléphone").
_LABEL = re.compile(r"[^\W\d_][\w .#/'()°\-]*")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
#: A rule between a table's rows, read as no row: psql's "----+-----", MySQL's "+----+----+",
#: Markdown's "|---|:---:|" (the header and the rows on either side of it are one table).
_RULE = re.compile(r"[ \t|+:]*[-=]{3,}[-=| \t+:]*")


@dataclass(frozen=True, slots=True)
class Cell:
    """A cell's content [start, end) in the text and what says what it holds (its context:
    the label to its left, its column's header)."""

    start: int
    end: int
    header: str
    #: read with its column's header (a header row above it; not a form's label to its left):
    #: what the cell holds is then said by the header alone, not by the cells beside it
    column: bool = True


def text_tables(text: str) -> tuple[Cell, ...]:
    """The cells of every table in `text` that something labels, in order (an SQL INSERT's
    values are cells too, under their columns' names; so are the columns of a report aligned
    with blanks)."""
    if text.startswith("\ufeff"):
        text = " " + text[1:]  # (a byte-order mark is no part of the header's first name)
    if not text.isascii():
        # (a table drawn with box characters, as DuckDB and Polars print one: "│ holder ┆
        # port_pin │" is "| holder | port_pin |", one character for one)
        text = text.translate(_BOX_DRAWING)
    if "| str " in text or "| i64 " in text:
        # (a data frame's row of column types under its header, "| str | i64 | date |": a
        # rule, no row of values)
        text = _DTYPE_ROW.sub(_dashed, text)
    if "\n|-" in text and ("||" in text or "!!" in text):
        text = _WIKI_ROW.sub(_wiki_row, text)
    elif text.startswith("||") or "\n||" in text:
        text = _CONFLUENCE_HEADER.sub(_confluence_header, text)
    aligned = _aligned(text) if "\n" in text else []
    if "</td>" in text or "</TD>" in text or "</Cell>" in text or "table-cell>" in text:
        # (an HTML table in the text as it is: a wiki page's storage format, a mail's source)
        aligned.extend(html_tables(text))
    ruled = _ruled(text) if "-- --" in text else []
    if ruled:  # (the report's columns are those of its rule: its own reading is exact)
        aligned = [c for c in aligned if not _inside(c, ruled)] + ruled
    if not any(d in text for d in DELIMITERS):
        return tuple(sorted(aligned, key=lambda c: c.start))
    found = [*_delimited(text), *aligned]
    if "INSERT" in text or "insert" in text or "Insert" in text:
        found.extend(sql_inserts(text))
    if "FROM stdin;" in text:
        found.extend(pg_copies(text))
    return tuple(sorted(found, key=lambda c: c.start))


#: A MediaWiki table's header or row line: "! Customer !! Login IP" over "| Robert || 192.0.2.1".
_WIKI_ROW = re.compile(r"^[!|](?![-}+]).*$", re.MULTILINE)


def _wiki_row(row: re.Match[str]) -> str:
    """A MediaWiki table's line as a plain table's, one character for one: "! a !! b" and
    "| a || b" as "| a  | b"."""
    line = row.group()
    return "|" + line[1:].replace("!!", " |").replace("||", " |")


#: A Confluence table's header: "|| Name || Account || ABA ||" over "| Stephanie | 1319994139 |".
_CONFLUENCE_HEADER = re.compile(r"^\|\|[^\n]*\|\|[ \t]*$", re.MULTILINE)


def _confluence_header(row: re.Match[str]) -> str:
    """A Confluence table's header as a plain table's, one character for one: "|| a || b ||"
    as "|  a  | b  |"."""
    return "| " + row.group()[2:].replace("||", " |")


#: Box-drawing characters as the ASCII a plain table is drawn with: bars, rules, corners.
_BOX_DRAWING = {
    **dict.fromkeys(map(ord, "│┃┆┇┊┋║╎╏"), ord("|")),
    **dict.fromkeys(map(ord, "─━┄┅┈┉═╌╍"), ord("-")),
    **dict.fromkeys(map(ord, "┌┐└┘├┤┬┴┼╒╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡╢╣╤╥╦╧╨╩╪╫╬┏┓┗┛┣┫┳┻╋"), ord("+")),
}


#: A data frame's row of its columns' types (Polars'): "| str | i64 | date |".
_DTYPE = (
    r"(?:str|bool|date|time|cat|null|object|[iuf](?:8|16|32|64)|datetime\[\w+\]|duration\[\w+\])"
)
_DTYPE_ROW = re.compile(rf"^[ \t]*\|(?:[ \t]*{_DTYPE}[ \t]*\|)+[ \t]*$", re.MULTILINE)


def _dashed(row: re.Match[str]) -> str:
    return re.sub(r"[^|\s]", "-", row.group())


#: The header words of a column of sensitive values: a report aligned with blanks ("ACCT
#: ROUTING" over "000123456789 021000021") is read as a table only under such a header.
ALIGNED_KEYS = frozenset(
    """ssn ssn_last4 last4 dob birthdate pin cvv cvc acct account acct_no account_no routing
    aba rtn iban zip zipcode postcode card pan cc exp expiry phone mobile cell email name
    full_name first_name last_name dl license passport password tin itin mrn member_id""".split()
)
_WORD_CELL = re.compile(r"\S+")
_ANY_KEY = re.compile(
    r"(?<![^\s#:])(?:" + "|".join(sorted(ALIGNED_KEYS, key=len, reverse=True)) + r")[#:]?(?!\S)",
    re.IGNORECASE,
)
#: Words of a sentence, never of a report's header ("please confirm your name and dob").
_PROSE_WORDS = frozenset(
    """a an and are be for i in is it my of on or our please the this to was we what whats
    what's with you your""".split()
)


_APART = re.compile(r"[ \t]{2,}")


def _form_line(line: str) -> bool:
    """Whether a line is a form's label and its value, apart by blanks ("Account holder
    Susana Villareal" over "Routing number  o11401S33"), not a report's header: two groups,
    the second naming no sensitive column."""
    groups = _APART.split(line.strip())
    return len(groups) == 2 and not any(
        w.lower().strip("#:") in ALIGNED_KEYS for w in groups[1].split()
    )


def _aligned(text: str) -> list[Cell]:
    """The cells of reports whose columns are aligned with blanks, under a header that names
    a sensitive column ("NAME   SSN   DOB" over "Eleanor Whitcombe   536228841   1975-06-03",
    "ACCT ROUTING" over "000123456789 021000021"). A row's words go to the column whose
    header starts at or before them (words of one column are one cell); a row holds a digit,
    and its words fall in two columns at least."""
    if _ANY_KEY.search(text) is None:
        return []  # (most texts: one search)
    cells: list[Cell] = []
    lines = [
        (m.start(), _unboxed(m.group().rstrip("\r\n"))) for m in _LINE.finditer(text) if m.group()
    ]
    i = 0
    while i < len(lines) - 1:
        line = lines[i][1]
        words = line.split()
        if (
            2 <= len(words) <= MAX_COLUMNS
            and not any(d in line for d in DELIMITERS)  # (a delimited table's header)
            and any(w.lower().strip("#:") in ALIGNED_KEYS for w in words)
            # (ASCII words: a form's "Account holder  Nadia Páez" is no report's header)
            and all(w.isascii() and is_label(w) and w.lower() not in _PROSE_WORDS for w in words)
            and not _form_line(line)
            # (one column's name of several words is a form's label over its value: "Phone
            # Number" over "(503) 555-0196", no two columns)
            and " ".join(words).lower() not in _SPELLED_KEYS
            # (nor a key after the word that says which: "Primary Phone" over "(651)
            # 361-2511", "Work Email" over its address)
            and not (len(words) == 2 and words[0].lower() in _WHICH_ONE)
        ):
            header = [(m.start(), m.group()) for m in _WORD_CELL.finditer(line)]
        else:
            found_header = _grouped_header(line)
            if found_header is None:
                i += 1
                continue
            header = found_header
        starts = [s for s, _ in header]
        rows: list[list[Cell]] = []
        j = i + 1
        if j + 1 < len(lines) and not lines[j][1].strip() and lines[j + 1][1].strip():
            j += 1  # (a blank line under the header, as SAS's PROC PRINT leaves one)
        while j < len(lines) and lines[j][1].strip():
            here, row = lines[j]
            if not _RULE.fullmatch(row):
                found = _row_cells(here, row, starts, header)
                if found is None and not row[:1].isspace():
                    break
                if found is not None:  # (an indented line under a row: its note, passed over)
                    rows.append(found)
            j += 1
        if rows:
            names = _header_names(line, header, {c.header for found in rows for c in found})
            for found in rows:
                cells.extend(replace(c, header=names.get(c.header, c.header)) for c in found)
            i = j
        else:
            i += 1
    return cells


#: A header's column names apart by two blanks or more, each of words ("Name   Relationship
#: Date of birth   SSN (optional for non-applicants)"): a household table on a benefits form.
WORD_GROUP = re.compile(r"\S+(?: \S+)*")
_ASIDE = re.compile(r"[ \t]*\([^()]*\)")


def _grouped_header(line: str) -> list[tuple[int, str]] | None:
    """A header of three columns or more whose names are words apart by one blank, the
    columns two blanks apart or more, one of them naming a sensitive column by its first word
    ("SSN (optional)", "Date of birth"); each column's name without its aside in brackets.
    None where the line is no such header."""
    if "  " not in line or any(d in line for d in DELIMITERS):
        return None
    groups = [(m.start(), m.group()) for m in WORD_GROUP.finditer(line)]
    if not 3 <= len(groups) <= MAX_COLUMNS or not all(
        g.isascii() and is_label(g) for _, g in groups
    ):
        return None
    names = [(s, _ASIDE.sub("", g)) for s, g in groups]
    if not any(
        g.split()[0].lower().strip("#:") in ALIGNED_KEYS or g.lower() in _SPELLED_KEYS
        for _, g in names
    ):
        return None
    return names


#: Column names of several words that name a sensitive column.
_SPELLED_KEYS = frozenset(
    key.strip()
    for key in """date of birth|birth date|social security|social security number
    |account number|routing number|card number|phone number|telephone|e-mail|driver license
    |drivers license|license number|passport number|member id""".split("|")
)


#: Words that say which of a person's values a form's label names ("Primary Phone", "Home
#: Address", "Work Email"): with the key after them, one label over its value, no two columns.
_WHICH_ONE = frozenset(
    """primary secondary mobile home work cell daytime evening alternate alt billing contact
    main other business office personal backup recovery mailing""".split()
)


#: A row of a table in a box, its bars at its ends only, its number before it perhaps, as
#: Stata's `list` prints one: "   1. | 77020880   Crystal Johnson   202-555-0160 |".
_BOXED_ROW = re.compile(r"([ \t]*(?:\d{1,6}\.)?[ \t]*)\|([^|\n]*)\|[ \t]*")


def _unboxed(line: str) -> str:
    """A boxed table's row with its bars and its number read as blanks (the same length):
    its columns are aligned with blanks inside the box."""
    boxed = _BOXED_ROW.fullmatch(line)
    if boxed is None:
        return line
    return " " * (len(boxed.group(1)) + 1) + boxed.group(2) + " " * (len(line) - boxed.end(2))


#: A fixed-width report's rule under its header: groups of dashes, a group a column, blanks
#: between ("--------------- ------------ -----------------", as mainframes and SQL clients
#: print a result).
_DASH_RULE = re.compile(r"^[ \t]*-{2,}(?:[ ]+-{2,})+[ \t]*\r?$", re.MULTILINE)
_DASHES = re.compile(r"-{2,}")


def _ruled(text: str) -> list[Cell]:
    """The cells of fixed-width reports: a header line, a rule of dash groups under it, and
    rows to a blank line; each column is where its dashes are (to the next column's start),
    its header the words above them. Any header names the column: the rule says it is one."""
    cells: list[Cell] = []
    for rule in _DASH_RULE.finditer(text):
        top = text.rfind("\n", 0, max(0, rule.start() - 1)) + 1
        header_line = text[top : max(top, rule.start() - 1)]
        groups = [(m.start(), m.end()) for m in _DASHES.finditer(rule.group())]
        columns = [(s, e, header_line[s:e].strip()) for s, e in groups]
        if len(columns) < 2 or not all(is_label(h) for _, _, h in columns):
            continue
        pos = rule.end() + 1
        while pos < len(text):
            stop = text.find("\n", pos)
            stop = len(text) if stop < 0 else stop
            row = text[pos:stop].rstrip("\r")
            if not row.strip() or _DASH_RULE.fullmatch(row):
                break
            for k, (s, _e, header) in enumerate(columns):
                end = columns[k + 1][0] if k + 1 < len(columns) else len(row)
                value = row[s:end]
                if value.strip():
                    lead = len(value) - len(value.lstrip())
                    cells.append(Cell(pos + s + lead, pos + s + len(value.rstrip()), header))
            pos = stop + 1
    return cells


def _inside(cell: Cell, cells: list[Cell]) -> bool:
    return any(c.start <= cell.start and cell.end <= c.end for c in cells)


#: A header's words that qualify the word before them, never a column's name alone ("TAX ID"
#: over a payroll's SSNs, where a wrapped row's words fall under "ID" too).
_QUALIFIERS = frozenset({"id", "no", "number", "num", "nbr", "#"})


def _header_names(line: str, header: list[tuple[int, str]], used: set[str]) -> dict[str, str]:
    """A header's words that head no cell joined to the word before them, one blank apart:
    "Member ID" over "ZGP75504513" is one column's name, not "Member" and an empty "ID"."""
    names: dict[str, str] = {}
    for (s1, w1), (s2, w2) in itertools.pairwise(header):
        qualifier = w2.lower().strip("#:.") in _QUALIFIERS
        if (w2 not in used or qualifier) and w1 in used and line[s1 + len(w1) : s2] == " ":
            names[w1] = f"{names.get(w1, w1)} {w2}"
    return names


def _row_cells(
    here: int, row: str, starts: list[int], header: list[tuple[int, str]]
) -> list[Cell] | None:
    """A row's cells under `header` (column starts `starts`), or None when it is no row."""
    if not any(c.isdigit() for c in row) or _RULE.fullmatch(row):
        return None
    words = list(_WORD_CELL.finditer(row))
    if len(words) == len(header) and all(
        # (one word a column, each reaching its header's start at least, as a right-aligned
        # number does: not a row whose name's words happen to make up the count of headers)
        starts[k] <= word.end() and (k + 1 == len(starts) or word.start() < starts[k + 1])
        for k, word in enumerate(words)
    ):  # one word a column: "ACCT ROUTING" over two numbers
        return [
            Cell(here + w.start(), here + w.end(), h)
            for w, (_, h) in zip(words, header, strict=True)
        ]
    spans: dict[int, tuple[int, int]] = {}
    # (columns right-aligned under their headers, as a DataFrame prints them: most words end
    # where a header ends, and a word goes to the first column whose header ends at or after
    # it; else a word goes to the column whose header starts at or before it)
    # (a column off by one from its header's: a boxed list's rows, their number before the
    # box's bar, which stands a blank to the right of the header's bar)
    ends = [s + len(w) for s, w in header]
    enough = max(2, len(words) // 2)
    shift = next(
        (n for n in (0, 1) if sum(1 for word in words if word.end() - n in ends) >= enough), -1
    )
    right = shift >= 0
    for word in words:
        if word.end() <= starts[0]:
            continue  # (a column with no header before the first: a DataFrame's index)
        if right:
            column = min(len(ends) - 1, bisect.bisect_left(ends, word.end() - shift))
        else:
            column = max(0, bisect.bisect_right(starts, word.start()) - 1)
        first = spans.get(column, (word.start(), 0))[0]
        spans[column] = (first, word.end())
    if len(spans) < 2:
        return None
    # (words grouped under the header that starts before them: a guess, its cells are read
    # with their headers and the row as one text both)
    return [
        Cell(here + s, here + e, header[k][1], column=False) for k, (s, e) in sorted(spans.items())
    ]


#: An SQL INSERT's head: its table and its column list (group 1), then VALUES.
_INSERT = re.compile(
    r"\binsert\s+into\s+[\w.`\"\[\]]+\s*\(([^()]{1,2000})\)\s*values\s*", re.IGNORECASE
)
#: One value of a row: a quoted string ('' escapes a quote; group 1 is its content) or a bare
#: token (a number, NULL, a function's name).
_SQL_VALUE = re.compile(r"\s*(?:'((?:[^']|'')*)'|([^,()'\s][^,()]*?))\s*(?=[,)])")


#: A table's row and its cells: HTML's, and a spreadsheet's XML (Excel 2003's `<Row>`,
#: `<Cell><Data ss:Type="String">...</Data></Cell>`; OpenDocument's `<table:table-row>`).
_HTML_ROW = re.compile(
    r"<(?:tr|row|table:table-row)\b[^>]*>(.*?)</(?:tr|row|table:table-row)\s*>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_CELL = re.compile(
    r"<(t[hd]|cell|table:table-cell)\b[^>]*>(.*?)</(?:t[hd]|cell|table:table-cell)\s*>",
    re.IGNORECASE | re.DOTALL,
)
#: Where a table ends: a spreadsheet's next table has its own header row.
_TABLE_END = re.compile(r"</(?:table|table:table)\s*>", re.IGNORECASE)
#: The text of a cell between its tags ("<p><strong>ABA</strong></p>": "ABA"): what stands
#: after a tag's ">" (or at the cell's start), its blanks left out.
_HTML_TEXT = re.compile(r"(?:(?<=>)|\A)[^<>]*?(?P<t>[^<>\s](?:[^<>]*[^<>\s])?)?[ \t\r\n]*(?=<|\Z)")


def _html_texts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The spans of a cell's texts between its tags."""
    region = text[lo:hi]
    return [
        (lo + m.start("t"), lo + m.end("t"))
        for m in _HTML_TEXT.finditer(region)
        if m.group("t") is not None
    ]


def html_tables(text: str) -> list[Cell]:
    """The data cells of HTML tables written as they are in the text (`<tr>`, `<th>`, `<td>`,
    other tags inside a cell), each under its column's header: the text of the row of `<th>`
    cells above it. A cell's span is its text, from its first character to its last, the tags
    around it left out."""
    cells: list[Cell] = []
    header: list[str] = []
    after = 0  # (where the row before ended)
    for row in _HTML_ROW.finditer(text):
        if _TABLE_END.search(text, after, row.start()):
            header = []
        after = row.end()
        parts = list(_HTML_CELL.finditer(text, row.start(1), row.end(1)))
        if not parts:
            continue
        if all(p.group(1).lower() == "th" for p in parts):
            header = [_html_label(text, p) for p in parts]
            continue
        if not header and all(p.group(1).lower() != "td" for p in parts):
            # (a spreadsheet's first row: its column names, when they are labels)
            labels = [_html_label(text, p) for p in parts]
            named = sum(1 for label in labels if label and is_label(label))
            # (one of them may be no label: a benefits sheet's "401k %" beside "SSN")
            if len(parts) >= 2 and named >= max(2, len(parts) - 1):
                header = labels
                continue
        if len(parts) == 2 and (not header or header[0].lower() in _KEY_HEADERS):
            # a form's table, a field's name and its value a row: the name is the label
            label = _html_label(text, parts[0])
            said = _html_texts(text, parts[1].start(2), parts[1].end(2))
            if said and label:
                cells.append(Cell(said[0][0], said[-1][1], label, column=False))
            continue
        for column, part in enumerate(parts):
            said = _html_texts(text, part.start(2), part.end(2))
            if not said or column >= len(header) or not header[column]:
                continue
            cells.append(Cell(said[0][0], said[-1][1], header[column]))
    return cells


def _html_label(text: str, cell: re.Match[str]) -> str:
    return " ".join(text[a:b] for a, b in _html_texts(text, cell.start(2), cell.end(2)))


#: The header of a table's first column that names the fields of its rows ("Field | Value").
_KEY_HEADERS = frozenset({"field", "name", "key", "item", "label", "attribute", "property"})


def sql_inserts(text: str) -> list[Cell]:
    """The values of each row of `INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')` as cells
    under their columns' names: "dob" above '1983-05-05' as a CSV header is above its column."""
    cells: list[Cell] = []
    for head in _INSERT.finditer(text):
        columns = [c.strip().strip('`"[]') for c in head.group(1).split(",")]
        pos = head.end()
        while pos < len(text) and text[pos] == "(":
            pos += 1
            for column in columns:
                value = _SQL_VALUE.match(text, pos)
                if value is None:
                    break
                group = 1 if value.group(1) is not None else 2
                if value.end(group) > value.start(group) and is_label(column):
                    cells.append(Cell(value.start(group), value.end(group), column))
                pos = value.end()
                if text[pos : pos + 1] == ",":
                    pos += 1
            close = text.find(")", pos)
            if close < 0:
                break
            pos = close + 1
            while pos < len(text) and text[pos] in " \t\r\n,":
                pos += 1
    return cells


#: A PostgreSQL dump's `COPY table (a, b) FROM stdin;` line: its rows follow, tab-separated,
#: to a line "\." (a NULL written "\N").
_COPY = re.compile(
    r"^COPY[ \t]+[\w.\"]+[ \t]*\(([^()\n]{1,2000})\)[ \t]+FROM[ \t]+stdin;\r?\n", re.M
)


def pg_copies(text: str) -> list[Cell]:
    """The values of each row of a `COPY ... FROM stdin` block as cells under their columns'
    names, as `sql_inserts` reads an INSERT's."""
    cells: list[Cell] = []
    for head in _COPY.finditer(text):
        columns = [c.strip().strip('"') for c in head.group(1).split(",")]
        pos = head.end()
        while pos < len(text) and not text.startswith("\\.", pos):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            row = text[pos:end].rstrip("\r")
            for column, (lo, hi) in zip(columns, split_cells(row, "\t"), strict=False):
                if hi > lo and row[lo:hi] != "\\N" and is_label(column):
                    cells.append(Cell(pos + lo, pos + hi, column))
            pos = end + 1
    return cells


def _delimited(text: str) -> tuple[Cell, ...]:
    """The cells of the delimited tables of `text` (CSV, TSV, "|" or ";" rows)."""
    lines = [
        (m.start(), line)
        for m in _LINE.finditer(text)
        if m.group()
        and not _RULE.fullmatch(line := m.group().rstrip("\r\n"))
        and not (line.startswith("|-") and "|" not in line[1:])  # (a MediaWiki row's start)
    ]
    if '"' in text:
        lines = _records(text, lines)
    cells: list[Cell] = []
    i = 0
    while i < len(lines):
        found = _table_at(lines, i)
        if found is None:
            i += 1
            continue
        rows, i = found
        grid = [[line[s:e].strip() for s, e in spans] for line, spans, _ in rows]
        if not _labelled(grid):
            continue  # lines of prose with as many commas each, not a table
        column = header_row(grid)
        for (_, spans, start), contexts in zip(rows, grid_contexts(grid), strict=True):
            cells.extend(
                Cell(start + s, start + e, context, column)
                for (s, e), context in zip(spans, contexts, strict=True)
                if context
            )
    return tuple(cells)


#: A row of a table: (line, cell spans in the line, where the line starts in the text).
_Row = tuple[str, list[tuple[int, int]], int]


def _table_at(lines: list[tuple[int, str]], i: int) -> tuple[list[_Row], int] | None:
    """The table that starts at line `i` and the line after it, or None."""
    start, line = lines[i]
    if not line.strip():
        return None
    for delimiter in DELIMITERS:
        if delimiter not in line:
            continue
        head = _first_cell(line, delimiter)
        if head and not is_label(head):
            continue  # a header row and a form both open on a label (prose does not)
        spans = split_cells(line, delimiter)
        width = len(spans)
        if not 2 <= width <= MAX_COLUMNS or not _fits(lines, i + 1, delimiter, width):
            continue
        rows: list[_Row] = [(line, spans, start)]
        misfits = 0
        j = i + 1
        while j < len(lines) and lines[j][1].strip() and misfits < MAX_MISFITS:
            here, text = lines[j]
            cells = _split_to(text, delimiter, width)
            if len(cells) == width:
                rows.append((text, cells, here))
                misfits = 0
            elif _table_starts(lines, j):
                break  # another table right below this one
            else:
                misfits += 1  # a note or a wrapped line inside the table
            j += 1
        return rows, j
    return None


def _labelled(grid: list[list[str]]) -> bool:
    """A header row of labels, or a column of labels down the left (a form)."""
    return all(is_label(c) for c in grid[0] if c) or all(is_label(row[0]) for row in grid)


def _fits(lines: list[tuple[int, str]], j: int, delimiter: str, width: int) -> bool:
    return j < len(lines) and len(_split_to(lines[j][1], delimiter, width)) == width


#: Most lines a quoted cell of a CSV record may run over ("...,"Last 4 of my social: 7007\n
#: Case ID: CASE358598",#1774888"); a quote left open longer is no cell's.
MAX_RECORD_LINES = 12


def _records(text: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`lines` with a record whose quoted cell runs over lines (RFC 4180: a CRM's notes
    exported to CSV) joined into one line, its line breaks kept (the spans stay the text's)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(lines):
        start, line = lines[i]
        j = i
        if line.count('"') % 2:
            quotes = line.count('"')
            j = i + 1
            while j < len(lines) and j - i < MAX_RECORD_LINES:
                quotes += lines[j][1].count('"')
                if quotes % 2 == 0:
                    break
                j += 1
            if j >= len(lines) or j - i >= MAX_RECORD_LINES:
                j = i  # never closed: a quote in prose, the lines stay as they are
        if j > i:
            here, last = lines[j]
            out.append((start, text[start : here + len(last)]))
        else:
            out.append((start, line))
        i = j + 1
    return out


#: A cell that continues the one before it, split off by a comma inside a value that the
#: export did not quote: the year of "April 25, 1989", the thousands of "$2,342.15".
_CONTINUES = re.compile(r" [A-Za-z0-9]|\d{3}(?:\.\d{1,2})?(?: ?[A-Z]{3})?\Z")


def _split_to(line: str, delimiter: str, width: int) -> list[tuple[int, int]]:
    """The cells of `line`; when a comma-separated line has more than `width` of them and
    exactly as many more cells continue a value unquoted (`_CONTINUES`), those joined to the
    cells before them (any other count is ambiguous: the line is left as it splits)."""
    cells = split_cells(line, delimiter)
    if delimiter != "," or len(cells) <= width:
        return cells
    joins = [_continues(line, before, cell) for before, cell in itertools.pairwise(cells)]
    if sum(joins) != len(cells) - width:
        return cells
    joined = [cells[0]]
    for cell, join in zip(cells[1:], joins, strict=True):
        if join:
            joined[-1] = (joined[-1][0], cell[1])
        else:
            joined.append(cell)
    return joined


def _continues(line: str, before: tuple[int, int], cell: tuple[int, int]) -> bool:
    """Whether `cell` continues the value of the cell `before` it, split off by its comma."""
    start, end = cell
    return (
        line[start - 1 : start] == ","  # no quoted cell on either side
        and line[before[1] : before[1] + 1] == ","
        and (line[start:end].startswith(" ") or line[before[1] - 1 : before[1]].isdigit())
        and _CONTINUES.match(line, start, end) is not None
    )


def _table_starts(lines: list[tuple[int, str]], j: int) -> bool:
    line = lines[j][1]
    return any(
        d in line and len(cells := split_cells(line, d)) >= 2 and _fits(lines, j + 1, d, len(cells))
        for d in DELIMITERS
    )


def _first_cell(line: str, delimiter: str) -> str:
    """The first cell's content, without splitting the line unless it opens on a quote (a
    line of prose, most lines with a comma, is then rejected without being split)."""
    if line.lstrip().startswith('"'):
        start, end = split_cells(line, delimiter)[0]
        return line[start:end].strip()
    return line[: line.find(delimiter)].strip()  # the delimiter is in the line


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
    """What says what each cell of a grid (a spreadsheet, a Word table, a CSV) holds: its
    column's header when the first row is all labels, two at least ("Name" | "SSN" | "DOB");
    else the label in the cell to its left (a form: "SSN" | 078051120).

    A two-column grid whose first column is all labels may be either ("Name" | "SSN" over
    "Zelda Quarry" | 078051120, or "Password" | tiger over "Account" | 0001234): its second
    column gets both, the header first and the label to the left right before the value, and
    its first column none, so a form's labels are never read as values of a header."""
    top = _header_at(grid)
    header = grid[top] if _labels_on_top(grid[top:]) else []
    form = _form(grid)
    contexts: list[list[str]] = []
    for r, row in enumerate(grid):
        out = []
        for c, cell in enumerate(row):
            above = header[c] if header and r > top and c < len(header) else ""
            left = row[c - 1] if c and is_label(row[c - 1]) else ""
            if not cell or (header and r <= top and not form):
                context = ""  # an empty cell, or the header row: labels, not values
            elif form:
                context = " ".join(p for p in (above, left) if p) if c else ""
                if not c and r and _NAME_HEADER.fullmatch(above):
                    context = above  # "Name" | "SSN" over "Zelda Quarry" | 078051120
            else:
                context = above if header else left
            out.append(context)
        contexts.append(out)
    return contexts


def _header_at(grid: list[list[str]]) -> int:
    """The row of a grid's header: its first, or its second where the first groups the
    columns under merged cells ("Member" over "Member name" | "Member ID" | "DOB")."""
    if len(grid) > 2 and any(not cell for cell in grid[0]) and _labels_on_top(grid[1:]):
        grouped = sum(1 for cell in grid[0] if cell)
        if 0 < grouped < sum(1 for cell in grid[1] if cell):
            return 1
    return 0


def _labels_on_top(grid: list[list[str]]) -> bool:
    named = [cell for cell in grid[0] if cell] if grid else []
    return len(named) >= 2 and all(is_label(cell) for cell in named)


def _form(grid: list[list[str]]) -> bool:
    """Labels down the left: two columns, or a field table's header over more ("Field" |
    "Value" | "Verified" over "Card" | "ending 1117" | "no": the field's label says what its
    value is, the header "Value" says nothing)."""
    if all(len(row) == 2 and is_label(row[0]) for row in grid if any(row)):
        return True
    # (a Markdown row's "|" before its first cell makes an empty one)
    lead = 1 if all(row and not row[0] for row in grid if any(row)) else 0
    return (
        len(grid) > 1
        and len(grid[0]) > lead + 2
        and grid[0][lead + 1].lower() in _VALUE_HEADERS
        and all(is_label(row[lead]) for row in grid[1:] if any(row))
    )


#: Headers of a field table's column of values, which say nothing of what each value is.
_VALUE_HEADERS = frozenset(
    "value values detail details answer answers info information data response provided given"
    " entry entered".split()
)


def header_row(grid: list[list[str]]) -> bool:
    """Whether a grid's cells are read under a header row (not a form's labels to the left)."""
    return _labels_on_top(grid[_header_at(grid) :]) and not _form(grid)


#: A header that names a person's column: read above the first column of a two-column grid
#: too (its cells, "Zelda Quarry", read as labels; a form's labels are no names).
_NAME_HEADER = re.compile(
    r"(?i)(?:customer|client|caller|contact|account[ _]?holder|card[ _]?holder|full|first"
    r"|last)?[ _]?name"
)


def cell_text(header: str, value: str) -> str:
    """How a cell is read: its header as the cue before it ("ssn: 078051120"); a header that
    names who a row is about is read as that person's name ("Customer" over "Arjun Moreau":
    "Customer name: Arjun Moreau", where "Customer:" alone would be a speaker's label)."""
    if header.endswith(("__c", "__C")):
        header = header[:-3]  # (a Salesforce custom field's suffix: "ACCOUNT_NUMBER__C")
    if header.lower() in _PERSON_HEADERS or _PERSON_COLUMN.fullmatch(header) is not None:
        return f"{header} name: {value}"
    return f"{header}: {value}"


#: Headers of a column of people's names that do not say "name".
_PERSON_HEADERS = frozenset(
    header.strip()
    for header in """customer|client|caller|cardholder|card holder|holder|account holder
    |payee|member|patient|requester|reporter|assignee|contact|recipient|subscriber
    |applicant""".split("|")
)


#: A person's column as exports abbreviate it: "CUST_NM", "NM_FULL", "CUSTNAME",
#: "ACCT_HOLDER", "card-holder".
_PERSON_COLUMN = re.compile(
    r"(?i)(?:(?:cust(?:omer)?|client|member|acct|account|card)[ _\-]?)?"
    r"(?:nm|name|holder)(?:[ _\-]?full)?|(?:nm|name)[ _\-]?full|full[ _\-]?nm"
    # (in French, Spanish, Portuguese, Italian and German: "Nom du contact", "Nombre del
    # cliente", "Nome completo", "Name des Kunden", "Titular")
    r"|(?:nom|nombre|nome|name)(?:[ _\-](?:(?:du|de|del|do|da|des|della|dei)[ _\-])?"
    r"(?:contact|contacto|contato|contatto|client|cliente|kunden|titulaire|titular|complet"
    r"|completo|completa|intestatario))?|titulaire|titular|intestatario|kundenname"
)


def is_label(cell: str) -> bool:
    """Whether a cell reads as a column header: words, not a value (or "#", a column of row
    numbers)."""
    return cell == "#" or (
        0 < len(cell) <= MAX_HEADER_CHARS
        and _LABEL.fullmatch(cell) is not None
        # (a standard's number in a name: "phone_e164", with letters enough around it)
        and sum(c.isdigit() for c in cell) <= (3 if sum(c.isalpha() for c in cell) >= 5 else 2)
    )
