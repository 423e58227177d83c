"""scrubadub's BEFORE/AFTER redaction pairs through our redaction.

Source: data/scrubadub/scrubadub_before_after.json (LeapBeyond scrubadub, Apache-2.0; see LICENSE
and SOURCE.txt beside it). Cases are named by their position in the list.

We use our own labels, so the outputs are not compared as strings: every letter and digit that
scrubadub removed must lie inside a region our redaction replaced. The removed values come from
lining up BEFORE with AFTER's {{PLACEHOLDER}}s. scrubadub's URL detector and its GB driving
licence detector have no counterpart of ours: those cases assert what we do and say why.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from ext_support import load_json

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("scrubadub/scrubadub_before_after.json")
_PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")

# scrubadub's own TODOs: its date search takes 'on ' with the date, or only the year.
VALUE_FIXES = {15: ["02.12.1979"], 16: ["22/11/1972"], 17: ["11/22/1972"]}

NO_URL = "URLs are not one of our entities, and these carry no personal data: left as they are"
GB_LICENCE = (
    "GB (DVLA) driving licence numbers are not among our en-US entities; after the cue "
    "'driving licence number' our US licence detector still takes the first 16 characters"
)
# position -> (slug, why, the substrings we redact)
DIFFERENCES: dict[int, tuple[str, str, list[str]]] = {
    22: ("gb-licence", GB_LICENCE, ["MORGA753116SM91J"]),
    23: ("gb-licence", GB_LICENCE, []),
    24: ("gb-licence", GB_LICENCE, []),
    25: ("gb-licence", GB_LICENCE, []),
    26: ("gb-licence", GB_LICENCE, []),
    **{i: ("url", NO_URL, []) for i in range(37, 45)},
}


def removed_values(before: str, after: str) -> list[tuple[int, int]]:
    """Spans of BEFORE that AFTER replaced by placeholders."""
    parts = _PLACEHOLDER.split(after)
    pattern = "(.+?)".join(re.escape(p) for p in parts)
    match = re.fullmatch(pattern, before, flags=re.DOTALL)
    assert match is not None, f"AFTER does not line up with BEFORE: {after!r}"
    return [match.span(g) for g in range(1, len(parts))]


def _params() -> list[Any]:
    params = []
    for i, case in enumerate(ALL_CASES):
        kind = "-".join(sorted(set(case["placeholders"]))) or "rewrite"
        slug = f"-DIFF-{DIFFERENCES[i][0]}" if i in DIFFERENCES else ""
        params.append(pytest.param(i, case, id=f"{i:02d}-{kind}{slug}"))
    return params


@pytest.mark.parametrize(("index", "case"), _params())
def test_scrubadub_removals_are_gone(engine: Engine, index: int, case: dict[str, Any]) -> None:
    before = case["before"]
    result = engine.redact(before)
    replaced = [(r.original.start, r.original.end) for r in result.replacements]
    shown = f"before={before!r}\n  ours={result.text!r}\n  scrubadub={case['after']!r}"
    if index in DIFFERENCES:
        _, why, ours = DIFFERENCES[index]
        assert [before[s:e] for s, e in replaced] == ours, f"{why}\n{shown}"
        return
    if index in VALUE_FIXES:
        spans = [(before.index(v), before.index(v) + len(v)) for v in VALUE_FIXES[index]]
    else:
        spans = removed_values(before, case["after"])
    assert spans
    kept = [
        before[s:e]
        for s, e in spans
        if any(ch.isalnum() and not any(a <= pos < b for a, b in replaced)
               for pos, ch in enumerate(before[s:e], start=s))
    ]  # fmt: skip
    assert not kept, f"scrubadub removes {kept}, we keep some of it\n{shown}"
