"""Tables in plain text: which texts have a header row, and the exact cell spans."""

from __future__ import annotations

import pytest

from callshield.core.tables import header_table, split_cells


def cells(text: str) -> list[tuple[str, str]]:
    return [(c.header, text[c.start : c.end]) for c in header_table(text)]


@pytest.mark.parametrize("delimiter", [",", "\t", ";", "|"])
def test_each_delimiter(delimiter: str) -> None:
    text = delimiter.join(["Name", "SSN"]) + "\n" + delimiter.join(["Zelda Quarry", "078051120"])
    assert cells(text + "\n") == [("Name", "Zelda Quarry"), ("SSN", "078051120")]


def test_quoted_cells_hold_delimiters_and_their_span_is_inside_the_quotes() -> None:
    text = 'id,note,card\r\n1,"call back, after 5","4111 1111 1111 1111"\r\n2,"said ""hi""",\r\n'
    assert cells(text) == [
        ("id", "1"),
        ("note", "call back, after 5"),
        ("card", "4111 1111 1111 1111"),
        ("id", "2"),
        ("note", 'said ""hi""'),
    ]


def test_rows_with_another_number_of_cells_are_left_to_the_whole_text_scan() -> None:
    rows = ["a,b,c"] + [f"{i},x,y" for i in range(9)] + ["a note, with a comma"]
    assert len(header_table("\n".join(rows))) == 27


@pytest.mark.parametrize(
    "text",
    [
        "Hello, I'd like to update my card, please.\nThanks, Jane",  # prose with commas
        "name,ssn\n",  # a header and nothing under it
        "Zelda Quarry,078051120\nOmar Haddad,219099999\n",  # no header: its first row is data
        "a,b\n1,2,3\n4,5,6\n7,8,9\n",  # the rows do not fit the header
        "x" * 50 + ",y\n1,2\n3,4\n",  # a header cell too long to be a label
        "",
    ],
    ids=["prose", "header-only", "no-header", "misfit", "long-header", "empty"],
)
def test_texts_that_are_not_tables_with_a_header(text: str) -> None:
    assert header_table(text) == ()


def test_split_cells_offsets() -> None:
    line = 'a, "b,c" ,d'
    assert [line[s:e] for s, e in split_cells(line, ",")] == ["a", "b,c", "d"]
    assert split_cells('x,"unclosed, rest', ",") == [(0, 1), (3, 17)]


def test_grid_contexts_header_row_and_left_labels() -> None:
    from callshield.core.tables import grid_contexts

    grid = [["Name", "SSN", "Amount"], ["Zelda Quarry", "078051120", "12.50"], ["", "x", ""]]
    assert grid_contexts(grid) == [
        ["", "", ""],  # the header row is labels, not values
        ["Name", "Zelda Quarry SSN", "Amount"],
        ["", "SSN", ""],
    ]


def test_grid_contexts_form_labels_are_never_read_as_values() -> None:
    from callshield.core.tables import grid_contexts

    form = [["Password", "tiger"], ["Account", "000123456789"]]
    assert grid_contexts(form) == [["", "Password"], ["", "Account tiger"]]
    assert grid_contexts([]) == []
