"""Red-team sets: ways an insider slips a value past a filter (`evasions.txt`: odd separators,
letters for digits, homoglyphs, spaced and doubled "@", values glued to words ...), values
in structured data (`structured.txt`: JSON, XML, CSV, SQL, logs, forms) and values said in
calls as speech-to-text writes them (`spoken.txt`: hesitations inside numbers, "o" for zero,
homophones, corrections, values split over turns, decoys in a payment window). Each text was read
when it was added; `coverage.jsonl` holds the characters the findings covered then (offsets
only, no value). A change may redact more of a text, never less: every character covered
then must still be covered. (`redteam_sets.py` rewrites the file after a change that covers
more.)"""

from __future__ import annotations

import json

import pytest
from redteam_sets import HERE, SETS, by_set, merged, scanned, texts, uncovered

from callshield import Engine


def _records() -> list[dict[str, object]]:
    lines = (HERE / "coverage.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_text_of_the_sets_has_a_record() -> None:
    records = _records()
    for name in SETS:
        assert len([r for r in records if r["set"] == name]) == len(texts(name)), name
    assert sum(1 for r in records if r["covered"]) > 0.7 * len(records)  # (the rest: decoys)


@pytest.mark.parametrize("name", by_set(SETS))
def test_no_text_is_redacted_less_than_it_was(engine: Engine, name: str) -> None:
    before: dict[int, list[list[int]]] = {
        int(str(r["n"])): r["covered"]  # type: ignore[misc]
        for r in _records()
        if r["set"] == name
    }
    lost = []
    for i, (text, found) in enumerate(zip(texts(name), scanned(name, engine), strict=True)):
        missing = uncovered(text, before[i], merged([(start, end) for _, start, end in found]))
        if missing:
            lost.append((i, missing[0], len(missing)))  # offsets only: no value in a report
    assert not lost, f"{len(lost)} texts redacted less than before (n, offset, chars): {lost[:10]}"


def test_a_character_left_in_clear_is_reported() -> None:
    text = "card 4111 1111 1111 1111"
    assert uncovered(text, [[5, 24]], []) == [p for p in range(5, 24) if text[p] != " "]
    assert uncovered(text, [[5, 24]], [[5, 14]]) == [15, 16, 17, 18, 20, 21, 22, 23]
    assert uncovered(text, [[5, 24]], [[0, 24]]) == []
