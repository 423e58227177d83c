"""pyap's US street-address cases through our engine.

Source: data/pyap/pyap_address_cases.json (MIT; see LICENSE and SOURCE.txt beside it). Cases are
named by their position in the JSON list.

Only US cases of pyap's whole-address tests are used (test_full_street_positive,
test_full_address, test_po_box_positive): its other tests exercise sub-parsers on fragments such
as 'Thirty seven ' or 'Blvd.', which are not addresses on their own. GB and CA cases are out of
scope for an en-US engine. Positives: a STREET_ADDRESS finding overlaps the text. Negatives: no
STREET_ADDRESS finding.
"""

from __future__ import annotations

from typing import Any

import pytest
from ext_support import explain, load_json, of_entity

from callshield import Engine

ALL_CASES: list[dict[str, Any]] = load_json("pyap/pyap_address_cases.json")
TESTS = {"test_full_street_positive", "test_full_address", "test_po_box_positive"}

# position -> (slug, why, whether we report a STREET_ADDRESS)
DIFFERENCES: dict[int, tuple[str, str, bool]] = {
    269: ("contains-an-address",
          "'000 Columbia Ave. ... Newfield, NJ 08344' is an address even after '44 sq. ft.'; "
          "pyap rejects the whole string, we redact (fail-safe)", True),
}  # fmt: skip


def _params() -> list[Any]:
    params = []
    for i, case in enumerate(ALL_CASES):
        if case["country"] != "US" or case["test"] not in TESTS:
            continue
        kind = "positive" if case["expected_match"] else "negative"
        slug = f"-DIFF-{DIFFERENCES[i][0]}" if i in DIFFERENCES else ""
        params.append(pytest.param(i, case, id=f"{i:03d}-{kind}{slug}"))
    return params


@pytest.mark.parametrize(("index", "case"), _params())
def test_pyap_us_address(engine: Engine, index: int, case: dict[str, Any]) -> None:
    text = case["text"]
    addresses = of_entity(engine.scan(text), "STREET_ADDRESS")
    if index in DIFFERENCES:
        _, why, reported = DIFFERENCES[index]
        assert bool(addresses) is reported, f"{why}\n{explain(engine, text)}"
    elif case["expected_match"]:
        assert addresses, f"pyap finds an address\n{explain(engine, text)}"
    else:
        assert not addresses, f"pyap finds no address\n{explain(engine, text)}"
