"""The calendar dates a written date may be, to find a date of birth read back in another
form; the (month, year) a card's expiry may be, for the same with an expiry."""

from __future__ import annotations

import pytest

from callshield.core.detection.date_readings import EXPIRY_FORMS, expiry_readings, readings


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("june 20 65", {(6, 20, 65)}),
        ("june 20 1965", {(6, 20, 65)}),
        ("the 9 of september 1957", {(9, 9, 57)}),
        ("sept 9, '57", {(9, 9, 57)}),
        ("march 3rd, 1980", {(3, 3, 80)}),
        ("06/20/1965", {(6, 20, 65)}),
        ("20.06.1965", {(6, 20, 65)}),  # day first: the only reading with a month
        ("03/04/1961", {(3, 4, 61), (4, 3, 61)}),  # either order
        ("01161992", {(1, 16, 92)}),  # mm dd yyyy
        ("100752", {(10, 7, 52)}),  # "one zero zero seven fifty two"
        ("22561", {(2, 25, 61)}),  # "two twenty five sixty one"
        # as the normaliser writes a date read back: the day and the year as one number, two
        # groups split where no part ends
        ("june 2249", {(6, 22, 49)}),
        ("june 221949", {(6, 22, 49)}),
        ("12 141973", {(12, 14, 73)}),
        ("0728/1975", {(7, 28, 75)}),
    ],
)
def test_a_whole_date_has_its_readings(date: str, expected: set[tuple[int, int, int]]) -> None:
    assert readings(date) == expected


@pytest.mark.parametrize("date", ["june 20", "1565", "4111", "13/45/1990", "may 2024 and 7"])
def test_no_whole_date_no_reading(date: str) -> None:
    assert readings(date) == frozenset()


@pytest.mark.parametrize(
    ("expiry", "expected"),
    [
        ("7/26", {(7, 26)}),
        ("04/2027", {(4, 27)}),
        ("0726", {(7, 26)}),  # "oh seven two six"
        ("1127", {(11, 27)}),  # "eleven twenty seven"
        ("328", {(3, 28)}),  # "three twenty eight"
        ("12027", {(1, 27)}),  # "one twenty twenty seven"
        ("072026", {(7, 26)}),
        ("may 2027", {(5, 27)}),
        ("january of 27", {(1, 27)}),
        ("december of 31", {(12, 31)}),
    ],
)
def test_a_card_s_expiry_has_its_reading(expiry: str, expected: set[tuple[int, int]]) -> None:
    assert expiry_readings(expiry) == expected
    assert [m.group() for m in EXPIRY_FORMS.finditer(f"so that's {expiry}, right?")] == [expiry]


@pytest.mark.parametrize("value", ["555", "1399", "13/27", "0/27", "june 2024 and 7", "7/26/1990"])
def test_no_expiry_no_reading(value: str) -> None:
    # a month of 13, a year no card has, a whole date
    assert expiry_readings(value) == frozenset()


def test_a_month_s_name_and_a_day_s_number_written_is_a_day() -> None:
    # "October 25" written is a date; "august twenty nine" said, or "june of 28", a year
    assert expiry_readings("october 25", written=True) == frozenset()
    assert expiry_readings("august 29") == {(8, 29)}
    assert expiry_readings("june of 28", written=True) == {(6, 28)}
