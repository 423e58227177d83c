"""Tables in plain text and grids: which lines make a table, the exact cell spans, and what
says what each cell holds."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.tables import cell_text, grid_contexts, html_tables, split_cells, text_tables
from callshield.pipeline import scan_text


def cells(text: str) -> list[tuple[str, str]]:
    return [(c.header, text[c.start : c.end]) for c in text_tables(text)]


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_each_delimiter(delimiter: str) -> None:
    text = delimiter.join(["Name", "SSN"]) + "\n" + delimiter.join(["Zelda Quarry", "078051120"])
    # two columns, the first all labels: a form as well as a table (its header row is read too);
    # under a name's header the first column's cells are names as well
    assert cells(text + "\n") == [
        ("Name", "SSN"), ("Name", "Zelda Quarry"), ("SSN Zelda Quarry", "078051120")
    ]  # fmt: skip
    other = delimiter.join(["Password", "PIN"]) + "\n" + delimiter.join(["Account", "4921"])
    assert cells(other + "\n") == [("Password", "PIN"), ("PIN Account", "4921")]


def test_quoted_cells_hold_delimiters_and_their_span_is_inside_the_quotes() -> None:
    text = 'id,note,card\r\n1,"call back, after 5","4111 1111 1111 1111"\r\n2,"said ""hi""",\r\n'
    assert cells(text) == [
        ("id", "1"),
        ("note", "call back, after 5"),
        ("card", "4111 1111 1111 1111"),  # a note with a comma is no label
        ("id", "2"),
        ("note", 'said ""hi""'),
    ]


def test_a_table_anywhere_in_a_text() -> None:
    # an HTML table as text: prose above it
    text = "Customer list below.\nName\tSSN\tDOB\nZelda Quarry\t078051120\t03/14/1985\n"
    assert cells(text) == [
        ("Name", "Zelda Quarry"),
        ("SSN", "078051120"),
        ("DOB", "03/14/1985"),
    ]


def test_a_form_below_a_table_is_its_own_table() -> None:
    text = "Name,SSN,DOB\nZelda Quarry,078051120,03/14/1985\nPIN,4921\nPassword,tiger\n"
    assert cells(text)[-2:] == [("PIN", "4921"), ("Password", "tiger")]


def test_lines_that_split_otherwise_are_left_out_and_do_not_end_the_table() -> None:
    rows = ["a,b,c"] + [f"{i},x,y" for i in range(4)] + ["a note, with a comma"]
    rows += [f"{i},x,y" for i in range(4, 9)]
    assert len(text_tables("\n".join(rows))) == 27  # 9 rows of 3 cells under the header


def test_a_blank_line_ends_a_table() -> None:
    text = "SSN,DOB\n078051120,03/14/1985\n\n219099999,1975-07-04\n"
    assert cells(text) == [("SSN", "078051120"), ("DOB", "03/14/1985")]


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I'd like to update my card, please.\nThanks, Jane",  # prose with commas
        "name,ssn\n",  # a header and nothing under it
        "Zelda Quarry: 078051120\nOmar Haddad: 219099999\n",  # no delimiter
        "",
    ],
    ids=["prose", "header-only", "no-delimiter", "empty"],
)
def test_texts_without_tables(text: str) -> None:
    assert text_tables(text) == ()


def test_split_cells_offsets() -> None:
    line = 'a, "b,c" ,d'
    assert [line[s:e] for s, e in split_cells(line, ",")] == ["a", "b,c", "d"]
    assert split_cells('x,"unclosed, rest', ",") == [(0, 1), (3, 17)]


def test_grid_contexts_header_row_and_left_labels() -> None:
    grid = [["Name", "SSN", "Amount"], ["Zelda Quarry", "078051120", "12.50"], ["", "x", ""]]
    assert grid_contexts(grid) == [
        ["", "", ""],  # the header row is labels, not values
        ["Name", "SSN", "Amount"],  # a header row: the cell to the left is data
        ["", "SSN", ""],
    ]


def test_grid_contexts_form_labels_are_never_read_as_values() -> None:
    form = [["Password", "tiger"], ["Account", "000123456789"]]
    assert grid_contexts(form) == [["", "Password"], ["", "tiger Account"]]
    assert grid_contexts([]) == []


def test_a_first_row_of_data_gives_no_header() -> None:
    grid = [["Zelda Quarry", "078051120"], ["Omar Haddad", "219099999"]]
    assert grid_contexts(grid) == [["", "Zelda Quarry"], ["", "Omar Haddad"]]


def test_an_sql_inserts_values_are_cells_under_their_columns() -> None:
    text = (
        "INSERT INTO customers (id, `dob`, last_name) VALUES (1, '1983-05-05', 'O''Hara'),\n"
        "  (2, NULL, 'Quarry');"
    )
    cells = [(text[c.start : c.end], c.header) for c in text_tables(text)]
    assert cells == [
        ("1", "id"), ("1983-05-05", "dob"), ("O''Hara", "last_name"),
        ("2", "id"), ("NULL", "dob"), ("Quarry", "last_name"),
    ]  # fmt: skip
    assert text_tables("we insert into the queue (a, b) as usual") == ()


def test_a_report_aligned_with_blanks_is_read_by_its_columns() -> None:
    text = (
        "CUSTOMER REPORT                       PAGE 1\n"
        "NAME                 SSN          DOB\n"
        "-------------------- ------------ ----------\n"
        "Eleanor Whitcombe    536228841    1975-06-03\n"
        "Marcus Oyelaran      078051120    1980-02-02\n"
    )
    assert cells(text) == [
        ("NAME", "Eleanor Whitcombe"), ("SSN", "536228841"), ("DOB", "1975-06-03"),
        ("NAME", "Marcus Oyelaran"), ("SSN", "078051120"), ("DOB", "1980-02-02"),
    ]  # fmt: skip
    # right-aligned amounts fall in their column; one blank between words, one word a column
    text = "ACCT         ROUTING    AMOUNT\n000123456789 021000021     250.00\n"
    assert cells(text) == [("ACCT", "000123456789"), ("ROUTING", "021000021"), ("AMOUNT", "250.00")]
    assert cells("ssn_last4 ticket\n1120 558219\n") == [("ssn_last4", "1120"), ("ticket", "558219")]
    # a table in a box, its rows numbered before the box's bar, its columns right-aligned
    # a blank further right than the header's (Stata's `list`)
    text = (
        "     +--------------------------------------------------+\n"
        "     |    patid           pt_name          phone    a1c |\n"
        "     |--------------------------------------------------|\n"
        "   1. | 77020880   Crystal Johnson   202-555-0160    9.3 |\n"
        "   2. | 76504247   Leslie Mcintyre   971-555-0110    7.6 |\n"
        "     +--------------------------------------------------+\n"
    )
    assert [c for c in cells(text) if c[0] == "pt_name"] == [
        ("pt_name", "Crystal Johnson"),
        ("pt_name", "Leslie Mcintyre"),
    ]
    # a blank line under the header, as SAS's PROC PRINT prints one
    text = (
        "    Obs    CUST_NAME          ROUTING      ACCOUNT\n\n"
        "      1    MICHELLE ADAMS     074185537    250572478260\n"
    )
    assert cells(text) == [
        ("Obs", "1"), ("CUST_NAME", "MICHELLE ADAMS"), ("ROUTING", "074185537"),
        ("ACCOUNT", "250572478260"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "please confirm your name and dob\nI was born 12 May\n",  # prose, not a header
        "NAME SSN\nnothing here yet\n",  # no row holds a digit
        "status report\n12 calls today\n",  # no column of sensitive values
        # a form's labels and values apart by blanks: its first line is no header
        "Account holder  Susana Villareal\nRouting number  o11401S33\nLast deposit  Dec 16\n",
        # a form's label of two words over its value, aligned by chance: one column's name
        "Phone Number\n(503) 555-0196\n\nDate of Birth\nAugust 8 1994\n",
        # a key after the word that says which one: a label over its value
        "Primary Phone\n(651) 361-2511\nPlan\nUnlimited Plus\n",
        "Work Email\nkim@example.com 2\n",
    ],
)
def test_lines_that_only_look_aligned_are_no_report(text: str) -> None:
    assert cells(text) == []


def test_a_fixed_width_report_is_read_by_the_columns_of_its_rule() -> None:
    """A mainframe's or an SQL client's report: the dashes under the header say where each
    column is, whatever the header's words (no known key needed); a name of two words, a
    number with blanks inside, is one cell."""
    text = (
        "NM_FULL      SHIP-TO              CB_NUM           BAL_DUE\n"
        "------------ -------------------- ---------------- ----------\n"
        "BARR, JASON  8334 ASPEN CT APT 5C (512) 555-7322   $ 745.25\n"
        "DAVID LOPEZ  POB 22241            (267) 555-4355   $198.24\n"
        "\n"
        "END OF REPORT\n"
    )
    assert cells(text) == [
        ("NM_FULL", "BARR, JASON"), ("SHIP-TO", "8334 ASPEN CT APT 5C"),
        ("CB_NUM", "(512) 555-7322"), ("BAL_DUE", "$ 745.25"),
        ("NM_FULL", "DAVID LOPEZ"), ("SHIP-TO", "POB 22241"),
        ("CB_NUM", "(267) 555-4355"), ("BAL_DUE", "$198.24"),
    ]  # fmt: skip


@pytest.mark.parametrize("header", ["CUST_NM", "NM_FULL", "CUSTNAME", "ACCT_HOLDER", "Name"])
def test_an_abbreviated_name_column_reads_its_cells_as_names(header: str) -> None:
    assert cell_text(header, "RYAN MCGUIRE").endswith(" name: RYAN MCGUIRE")


@pytest.mark.parametrize("header", ["CASE-ID", "SKU", "TERM", "NAME_SERVER"])
def test_other_columns_are_read_under_their_header(header: str) -> None:
    assert cell_text(header, "X1") == f"{header}: X1"


def test_a_records_quoted_cell_runs_over_lines() -> None:
    # RFC 4180: a CRM's note exported with its line break, inside its quotes
    text = (
        "id,name,card_last4,notes,balance\n"
        '1,Zelda Quarry,3155,"Last 4 of my social: 7007\nCase ID: CASE358598",$18\n'
        '2,Arjun Moreau,1117,"no note",$9\n'
    )
    read = cells(text)
    assert ("card_last4", "3155") in read
    assert ("notes", "Last 4 of my social: 7007\nCase ID: CASE358598") in read
    assert ("balance", "$18") in read
    assert ("card_last4", "1117") in read


def test_a_quote_that_never_closes_joins_no_lines() -> None:
    # a quote in prose: the lines after it stay lines (the table below is still read)
    text = 'He said "see below\n' + "\n".join(f"line {k}" for k in range(14)) + "\nssn,pin\n1,2\n"
    assert cells(text)[-2:] == [("ssn", "1"), ("pin", "2")]


def test_values_with_unquoted_commas_keep_their_columns() -> None:
    # "April 25, 1989" and "$2,342.15" not quoted: the cells that continue a value join it
    text = (
        "id,name,dob,card_last4,balance\n"
        '615368,Miguel Riley,July 9, 1963,0505,"$2,342.15"\n'
        "625304,Lynn Hancock,1987-07-14,4444,$2,342.15\n"
    )
    read = cells(text)
    assert ("dob", "July 9, 1963") in read
    assert ("card_last4", "0505") in read
    assert ("card_last4", "4444") in read
    assert ("balance", "$2,342.15") in read
    # (a row that no joining fits stays out: "1, 2, 3" under two columns is no row)
    assert cells("a,b\n1,2\nx, 2, 3, 4\n") == [("a", "1"), ("b", "2")]


def test_a_spreadsheet_s_merged_group_headers_above_its_header_row() -> None:
    grid = [
        ["", "Member", "", "Contact", ""],
        ["Line", "Member name", "Member ID", "Email", "Street"],
        ["1", "William White", "83108354667", "w@example.com", "56069 Jacob Rapid"],
    ]
    assert grid_contexts(grid)[2] == ["Line", "Member name", "Member ID", "Email", "Street"]
    assert grid_contexts(grid)[:2] == [[""] * 5, [""] * 5]  # labels, no values
    # a first row of labels with an empty corner is the header itself, as before
    plain = [["", "SSN", "DOB"], ["Ann Lee", "078-05-1120", "1990-01-02"], ["x", "1", "2"]]
    assert grid_contexts(plain)[1][1:] == ["SSN", "DOB"]


def test_a_column_of_row_numbers_headed_by_a_hash_sign() -> None:
    # (an Excel sheet saved as TSV: group headers merged over the header row, whose first
    # column, the row's number, is headed "#")
    text = (
        "\tDebtor\t\t\tBalance\n"
        "#\tName\tAcct\tCell\tOwed\n"
        "1\tJoseph Graham\t4720738085\t773.555.0138\t$1,086.00\n"
    )
    assert ("Acct", "4720738085") in cells(text)
    assert ("Cell", "773.555.0138") in cells(text)
    assert ("#", "1") in cells(text)
    # (a "#" among values is no header: "#" | "12" under a header row stays a value)
    assert ("Name", "#") in cells("Name\tAcct\n#\t12\nAnn Lee\t34\n")


def test_headers_in_any_alphabet() -> None:
    # (a Salesforce export from a French org: semicolons, accented headers)
    text = "Numéro de requête;Nom du contact;Téléphone\n00002052;Auguste Potier;+33 6 39 98 82 56\n"
    assert ("Nom du contact", "Auguste Potier") in cells(text)
    assert ("Téléphone", "+33 6 39 98 82 56") in cells(text)
    # a person's column named in another language is read as a name's
    assert cell_text("Nom du contact", "Auguste Potier") == "Nom du contact name: Auguste Potier"
    assert cell_text("Nombre del cliente", "Ana Ruiz") == "Nombre del cliente name: Ana Ruiz"
    assert cell_text("Téléphone", "+33 6") == "Téléphone: +33 6"


def test_an_html_table_s_cells_are_read_under_their_headers_tags_and_all() -> None:
    # a wiki page's storage format: tags inside the cells; a form's table of fields and values
    text = (
        "<table><tbody>\n<tr><th><p><strong>Name</strong></p></th>"
        "<th><p><strong>ABA</strong></p></th><th><p><strong>SSN-4</strong></p></th></tr>\n"
        "<tr><td><p>Jacqueline Walters</p></td><td><p>091000019</p></td>"
        "<td><p>3124</p></td></tr>\n</tbody></table>\n"
        "<table><tr><th>Field</th><th>Value</th></tr>\n"
        '<tr><td style="padding:4px">Name</td><td>Eaton, Jennifer</td></tr></table>'
    )
    got = [(c.header, text[c.start : c.end], c.column) for c in html_tables(text)]
    assert got == [
        ("Name", "Jacqueline Walters", True),
        ("ABA", "091000019", True),
        ("SSN-4", "3124", True),
        ("Name", "Eaton, Jennifer", False),
    ]


#: A payroll register (synthetic: 9xx and 666 SSNs, ABA-valid routing numbers): names written
#: surname first, a "TAX ID" column, and a note indented under a row.
PAYROLL = (
    "EMP#    NAME                    TAX ID        RATE     HOURS   GROSS     FED W/H   NET\n"
    "-------------------------------------------------------------------------------------\n"
    "004073  MCCARTHY, KEVIN G       948-40-7432   32.8100  80.00   2,624.80  262.48    2,161.52\n"
    "        DIRECT DEPOSIT: RT 121000248  ACCT 868703086215  CHK  AMT 2,161.52\n"
    "005557  HERNANDEZ, JOSE J       666-10-3778   28.7800  84.25   2,424.72  242.47    1,996.75\n"
    "        PAPER CHECK #69211\n"
    "006547  BURGESS, NICHOLAS K     911-77-1734   16.3900  76.50   1,253.84  125.38    1,032.53\n"
)


def test_a_report_s_columns_by_their_headers_starts() -> None:
    cells = {(c.header, PAYROLL[c.start : c.end]) for c in text_tables(PAYROLL)}
    # (eleven words under eleven header words: still read by where they stand)
    assert ("NAME", "MCCARTHY, KEVIN G") in cells
    assert ("TAX ID", "948-40-7432") in cells
    # (the rows after an indented note are read too)
    assert ("NAME", "BURGESS, NICHOLAS K") in cells


def test_a_payroll_register_s_people_are_redacted(engine: Engine) -> None:
    found = {(f.entity.name, PAYROLL[f.start : f.end]) for f in scan_text(PAYROLL, engine)}
    assert {
        ("PERSON", "MCCARTHY, KEVIN G"),
        ("PERSON", "BURGESS, NICHOLAS K"),
        ("US_SSN", "948-40-7432"),
        ("US_SSN", "666-10-3778"),
        ("ABA_ROUTING", "121000248"),
        ("BANK_ACCOUNT", "868703086215"),
    } <= found


def test_a_data_frame_s_right_aligned_columns() -> None:
    text = (
        "      acct_no         debtor_name          ssn         dob       phone  balance\n"
        "0  6813322803     Cynthia Mcbride  666-17-6956  1958-01-02  3125550120  1801.94\n"
        "1   792496336  Victoria Maldonado  956-42-4010  1959-09-19  2245550156  4655.31\n"
    )
    assert cells(text)[:5] == [
        ("acct_no", "6813322803"), ("debtor_name", "Cynthia Mcbride"), ("ssn", "666-17-6956"),
        ("dob", "1958-01-02"), ("phone", "3125550120"),
    ]  # fmt: skip
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, Engine())}
    assert {("PERSON", "Victoria Maldonado"), ("US_SSN", "956-42-4010")} <= found


def test_a_spreadsheet_s_header_row_may_hold_one_cell_that_is_no_label() -> None:
    row = "<table:table-row>{}</table:table-row>"
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    text = (
        "<table:table table:name='Enrollment'>"
        + row.format("".join(cell.format(h) for h in ("Employee", "SSN", "401k %")))
        + row.format("".join(cell.format(v) for v in ("Heather Roman", "922-45-9446", "10%")))
        + "</table:table>"
    )
    assert ("SSN", "922-45-9446") in cells(text)


def test_a_table_drawn_with_box_characters_under_its_column_types(engine: Engine) -> None:
    """Polars prints a frame in box characters, its columns' types in a row under the
    header: the types are no row of values, the cells are read under their headers."""
    text = (
        "┌──────────────┬─────────────────┬──────────┐\n"
        "│ msisdn       ┆ holder          ┆ port_pin │\n"
        "│ ---          ┆ ---             ┆ ---      │\n"
        "│ str          ┆ str             ┆ str      │\n"
        "╞══════════════╪═════════════════╪══════════╡\n"
        "│ +18015550190 ┆ Cheryl Johnson  ┆ 316565   │\n"
        "└──────────────┴─────────────────┴──────────┘\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert found == {
        ("PHONE", "+18015550190"), ("PERSON", "Cheryl Johnson"), ("PIN", "316565"),
    }  # fmt: skip


#: A benefits form's household table (synthetic: SSA-invalid 666 areas, ITIN-range numbers):
#: its column names are words ("Date of birth", "SSN (optional for non-applicants)"), the
#: columns two blanks apart or more.
HOUSEHOLD = (
    "SECTION 3 – HOUSEHOLD MEMBERS (list everyone who lives with you)\n"
    "Name                        Relationship   Date of birth   SSN (optional for non-applicants)\n"
    "JOHN VŨ                     SELF           01/28/1979      666-39-0058\n"
    "LISA VŨ                     SPOUSE         07/07/1971      980-79-3823\n"
    "PHILLIP VŨ                  CHILD          05/27/2020      applied for\n"
)


def test_a_header_of_column_names_in_words_two_blanks_apart() -> None:
    found = cells(HOUSEHOLD)
    assert ("Date of birth", "01/28/1979") in found
    assert ("SSN", "666-39-0058") in found  # (its aside in brackets is no part of its name)
    assert ("Name", "PHILLIP VŨ") in found


def test_a_household_table_s_members_are_redacted(engine: Engine) -> None:
    found = {(f.entity.name, HOUSEHOLD[f.start : f.end]) for f in scan_text(HOUSEHOLD, engine)}
    assert {
        ("PERSON", "JOHN VŨ"), ("PERSON", "LISA VŨ"), ("PERSON", "PHILLIP VŨ"),
        ("DATE_OF_BIRTH", "01/28/1979"), ("DATE_OF_BIRTH", "05/27/2020"),
        ("US_SSN", "666-39-0058"),
    } <= found  # fmt: skip
    assert not any(value in ("SELF", "applied for") for _, value in found)


def test_a_line_of_prose_with_wide_gaps_is_no_header() -> None:
    # (three groups, but none names a sensitive column)
    text = "Thanks for calling.   We will call back.   Have a nice day.\nSure  12  thanks\n"
    assert cells(text) == []


#: A MediaWiki table (synthetic: documentation IPs, a reserved 555-01xx number).
WIKI = (
    '{| class="wikitable sortable"\n'
    "|+ Linked profiles\n"
    "! Customer !! Login IP !! Contact on file !! Card / acct !! Notes\n"
    "|-\n"
    "| Robert Misior || <code>192.0.2.201</code> || 206_555_0156 || …0008 || 3 failed OTPs,"
    " then success\n"
    "|-\n"
    "| Elżbieta Prażmo || <code>192.0.2.189</code> || 404-555-0111 || DDA 757206926 || ok\n"
    "|}\n"
)


def test_a_mediawiki_table_s_rows_under_its_header(engine: Engine) -> None:
    found = {(c.header, WIKI[c.start : c.end].strip(" |")) for c in text_tables(WIKI)}
    assert ("Customer", "Robert Misior") in found
    assert ("Card / acct", "DDA 757206926") in found
    redacted = {(f.entity.name, WIKI[f.start : f.end]) for f in scan_text(WIKI, engine)}
    assert {
        ("PERSON", "Robert Misior"), ("PERSON", "Elżbieta Prażmo"), ("CARD_LAST4", "0008"),
        ("PHONE", "206_555_0156"),
    } <= redacted  # fmt: skip


#: A Confluence page's table (wiki markup): "||" between the header's cells (synthetic values,
#: published routing numbers).
CONFLUENCE = (
    "h2. Payees\n"
    "|| Name || Account || ABA || Callback || Amount ||\n"
    "| Stephanie Willis | 1319994139 | 021000021 | 415-555-0149 | $442.84 |\n"
    "| Angela Burnett | 2990668305 | 011000015 | 305-555-0139 | $5,843.98 |\n\n"
    "h2. Notes\n"
)


def test_a_confluence_table_s_rows_under_its_header(engine: Engine) -> None:
    found = {(c.header, CONFLUENCE[c.start : c.end].strip(" |")) for c in text_tables(CONFLUENCE)}
    assert ("Account", "2990668305") in found
    assert ("ABA", "011000015") in found
    redacted = {(f.entity.name, CONFLUENCE[f.start : f.end]) for f in scan_text(CONFLUENCE, engine)}
    assert {
        ("BANK_ACCOUNT", "1319994139"), ("BANK_ACCOUNT", "2990668305"),
        ("ABA_ROUTING", "021000021"), ("ABA_ROUTING", "011000015"),
    } <= redacted  # fmt: skip
    assert not any(
        CONFLUENCE[f.start : f.end].startswith("$") for f in scan_text(CONFLUENCE, engine)
    )


def test_a_salesforce_custom_field_s_suffix_is_no_part_of_its_name(engine: Engine) -> None:
    """ "ACCOUNT_NUMBER__C" over a column, as the Salesforce CLI prints a query's records: the
    account number's column (the "__c" of a custom field read past)."""
    table = (
        " ID                 NAME             ACCOUNT_NUMBER__C\n"
        " ────────────────── ──────────────── ─────────────────\n"
        " 00107SHIYHrPKtbKpX Alvaro Briones   1336492391       \n"
        " 001kKR5gPmshYBDMPV Caleb Shepard    2835764410       \n"
    )
    found = {(f.entity.name, table[f.start : f.end]) for f in scan_text(table, engine)}
    assert {("BANK_ACCOUNT", "1336492391"), ("BANK_ACCOUNT", "2835764410")} <= found
