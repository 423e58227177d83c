"""The calendar dates a written date may be, to find a date of birth read back in another
form."""

from __future__ import annotations

import pytest

from callshield.core.detection.date_readings import readings


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
    ],
)
def test_a_whole_date_has_its_readings(date: str, expected: set[tuple[int, int, int]]) -> None:
    assert readings(date) == expected


@pytest.mark.parametrize("date", ["june 20", "1565", "4111", "13/45/1990", "may 2024 and 7"])
def test_no_whole_date_no_reading(date: str) -> None:
    assert readings(date) == frozenset()
