"""Fixtures for the external-case tables, and the table of known gaps.

A known gap is a case we fail today and mean to fix. It is marked xfail(strict=True): it stays
visible in every run, and the suite fails the day it starts to pass, so the entry is removed.
Cases where we differ from a peer ON PURPOSE are not gaps: each test file has its DIFFERENCES.
"""

from __future__ import annotations

import pytest

from callshield import Engine

NOT_IN_CENSUS = "given name not in the US Census 1990 lists and no cue around it"
KNOWN_GAPS: dict[str, str] = {
    "test_nemo_curator_record[line03-63-name]": NOT_IN_CENSUS,
    "test_nemo_curator_record[line04-64-name]": NOT_IN_CENSUS,
    "test_spoken_value_is_fully_redacted[11-abc-gmail-abc-cued]": (
        "'a b c at g mail dot a b c': a spelled, made-up top-level domain"
    ),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        why = KNOWN_GAPS.get(item.name)
        if why is not None:
            item.add_marker(pytest.mark.xfail(strict=True, reason=f"known gap: {why}"))


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(fingerprint_key=b"external-cases-fingerprint-key-01")
