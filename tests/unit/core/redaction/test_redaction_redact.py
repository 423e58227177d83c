"""redact(): operator choice, overlap merging, offsets, and Hypothesis properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callshield.core.entities import (
    CARD_CVV,
    EMAIL,
    PAYMENT_CARD,
    PERSON,
    PHONE,
    PIN,
    US_SSN,
    EntityType,
)
from callshield.core.finding import Finding, Span
from callshield.core.redaction import (
    Encrypt,
    Hash,
    Mask,
    Placeholder,
    RedactionResult,
    Replace,
    redact,
)

CARD = "4111 1111 1111 1111"
SSN = "078-05-1120"
KEY = b"k" * 32
SCRUBADUB = (
    Path(__file__).resolve().parents[3]
    / "external"
    / "data"
    / "scrubadub"
    / "scrubadub_before_after.json"
)


def finding(entity: EntityType, start: int, end: int, score: float = 0.9) -> Finding:
    return Finding(entity, Span(start, end), score, "test", ("synthetic",), "fp")


def find(text: str, value: str, entity: EntityType, score: float = 0.9) -> Finding:
    start = text.index(value)
    return finding(entity, start, start + len(value), score)


def test_default_operator_replaces_the_whole_value_with_the_entity_name() -> None:
    text = f"card {CARD} ok"
    result = redact(text, [find(text, CARD, PAYMENT_CARD)])
    assert result.text == "card [PAYMENT_CARD] ok"
    assert [r.operator for r in result.replacements] == ["replace"]


def test_no_findings_leave_the_text_alone() -> None:
    assert redact("nothing here", []) == RedactionResult("nothing here", ())


@pytest.mark.parametrize(
    ("operators", "expected"),
    [
        (None, "Hi [PERSON], card [PAYMENT_CARD], ssn [US_SSN]"),
        (
            {"PAYMENT_CARD": Mask(keep_last=4), "PERSON": Placeholder()},
            "Hi <PERSON_1>, card **** **** **** 1111, ssn [US_SSN]",
        ),
        (
            {"US_SSN": Replace(label="<redacted>"), "PERSON": Replace(label="")},
            "Hi , card [PAYMENT_CARD], ssn <redacted>",
        ),
    ],
    ids=["default-replace", "mask-and-placeholder", "labels"],
)
def test_operators_are_chosen_per_entity(
    operators: dict[str, Replace | Mask | Placeholder] | None, expected: str
) -> None:
    text = f"Hi Orla Vantree, card {CARD}, ssn {SSN}"
    findings = [
        find(text, "Orla Vantree", PERSON),
        find(text, CARD, PAYMENT_CARD),
        find(text, SSN, US_SSN),
    ]
    assert redact(text, findings, operators).text == expected


def test_default_operator_applies_to_entities_without_one() -> None:
    text = f"{SSN} / {CARD}"
    findings = [find(text, SSN, US_SSN), find(text, CARD, PAYMENT_CARD)]
    result = redact(text, findings, {"US_SSN": Placeholder()}, default=Mask())
    assert result.text == "<US_SSN_1> / **** **** **** ****"
    assert [r.operator for r in result.replacements] == ["placeholder", "mask"]


def test_findings_may_come_in_any_order() -> None:
    text = f"{SSN} and {CARD}"
    findings = [find(text, CARD, PAYMENT_CARD), find(text, SSN, US_SSN)]
    assert redact(text, findings).text == "[US_SSN] and [PAYMENT_CARD]"


@pytest.mark.parametrize(
    ("spans", "expected_span", "expected_entity"),
    [
        ([(PHONE, 0, 8, 0.5), (PAYMENT_CARD, 4, 12, 0.9)], (0, 12), PAYMENT_CARD),
        ([(PAYMENT_CARD, 0, 12, 0.9), (PHONE, 2, 6, 0.95)], (0, 12), PHONE),
        ([(US_SSN, 0, 6, 0.8), (PHONE, 0, 6, 0.8)], (0, 6), PHONE),
        ([(PHONE, 0, 4, 0.7), (US_SSN, 3, 8, 0.6), (EMAIL, 7, 12, 0.65)], (0, 12), PHONE),
    ],
    ids=["overlap-highest-score", "nested-inner-wins-on-score", "tie-by-name", "chain"],
)
def test_overlapping_findings_merge_into_one_region(
    spans: list[tuple[EntityType, int, int, float]],
    expected_span: tuple[int, int],
    expected_entity: EntityType,
) -> None:
    text = "0123456789ab tail"
    result = redact(text, [finding(e, s, end, score) for e, s, end, score in spans])
    (only,) = result.replacements
    assert only.original == Span(*expected_span)
    assert only.entity == expected_entity
    assert result.text == f"[{expected_entity.name}]{text[expected_span[1] :]}"


def test_adjacent_findings_stay_separate() -> None:
    result = redact("abcdef", [finding(PHONE, 0, 3), finding(EMAIL, 3, 6)])
    assert result.text == "[PHONE][EMAIL]"
    assert [r.redacted for r in result.replacements] == [Span(0, 7), Span(7, 14)]


def test_empty_findings_are_skipped() -> None:
    assert redact("abc", [finding(PHONE, 1, 1)]).text == "abc"


def test_replacement_offsets_point_at_the_right_places() -> None:
    text = f"Name: Orla Vantree. Card: {CARD}. Again Orla Vantree."
    findings = [
        find(text, CARD, PAYMENT_CARD),
        find(text, "Orla Vantree", PERSON),
        finding(PERSON, text.rindex("Orla"), text.rindex("Orla") + 12),
    ]
    result = redact(text, findings, {"PERSON": Placeholder(), "PAYMENT_CARD": Mask(keep_last=4)})
    assert result.text == "Name: <PERSON_1>. Card: **** **** **** 1111. Again <PERSON_1>."
    for replacement in result.replacements:
        original = text[replacement.original.start : replacement.original.end]
        written = result.text[replacement.redacted.start : replacement.redacted.end]
        assert original in {CARD, "Orla Vantree"}
        assert written in {"<PERSON_1>", "**** **** **** 1111"}


@pytest.mark.parametrize(
    ("start", "end"),
    [(0, 99), (10, 11)],
    ids=["end-past-text", "start-at-end"],
)
def test_out_of_range_findings_raise_naming_offsets_only(start: int, end: int) -> None:
    text = f"card {CARD}"[:10]
    with pytest.raises(ValueError, match=rf"\[{start}, {end}\)") as caught:
        redact(text, [finding(PAYMENT_CARD, start, end)])
    assert "4111" not in str(caught.value)


@pytest.mark.parametrize(
    ("entity", "operator"),
    [(CARD_CVV, Hash(key=KEY)), (CARD_CVV, Encrypt(key=KEY, key_id="k1")), (PIN, Hash(key=KEY))],
    ids=["cvv-hash", "cvv-encrypt", "pin-hash"],
)
def test_sensitive_authentication_data_is_never_hashed_or_encrypted(
    entity: EntityType, operator: Hash | Encrypt
) -> None:
    result = redact("cvv 737", [finding(entity, 4, 7)], {entity.name: operator})
    assert result.text == f"cvv [{entity.name}]"
    assert result.replacements[0].operator == "replace"


def test_result_repr_holds_no_value() -> None:
    text = f"card {CARD} ssn {SSN}"
    result = redact(text, [find(text, CARD, PAYMENT_CARD), find(text, SSN, US_SSN)])
    shown = repr(result)
    assert "4111" not in shown
    assert "1120" not in shown
    assert "PAYMENT_CARD" in shown


def _scrubadub_cases() -> list[dict[str, str]]:
    cases = json.loads(SCRUBADUB.read_text(encoding="utf-8"))
    return [c for c in cases if len(c["placeholders"]) == 1 and c["after"].count("{{") == 1]


def test_scrubadub_before_after_pairs_with_a_label() -> None:
    """Scrubadub's {{TYPE}} style is Replace(label=...); the spans come from its before/after."""
    cases = _scrubadub_cases()
    assert len(cases) >= 40
    for case in cases:
        before, after = case["before"], case["after"]
        label = "{{" + case["placeholders"][0] + "}}"
        prefix = after.index(label)
        suffix = len(after) - prefix - len(label)
        span = finding(PAYMENT_CARD, prefix, len(before) - suffix)
        assert redact(before, [span], default=Replace(label=label)).text == after, case["test"]


# --- Hypothesis properties -------------------------------------------------------------------

ENTITIES = (PAYMENT_CARD, US_SSN, PHONE, EMAIL, PERSON)


@st.composite
def texts_with_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(st.characters(codec="utf-8"), max_size=60))
    bounds = st.integers(0, len(text))
    findings = []
    for _ in range(draw(st.integers(0, 6))):
        a, b = sorted((draw(bounds), draw(bounds)))
        entity = draw(st.sampled_from(ENTITIES))
        findings.append(finding(entity, a, b, draw(st.floats(0, 1))))
    return text, findings


def _outside(text: str, spans: list[Span]) -> list[str]:
    pieces, cursor = [], 0
    for span in spans:
        pieces.append(text[cursor : span.start])
        cursor = span.end
    pieces.append(text[cursor:])
    return pieces


@given(texts_with_findings())
def test_property_no_finding_character_survives_and_the_rest_is_untouched(
    case: tuple[str, list[Finding]],
) -> None:
    text, findings = case
    result = redact(text, findings)
    originals = [r.original for r in result.replacements]
    # Every non-empty finding lies inside one replaced region...
    for f in findings:
        assert len(f.span) == 0 or any(o.contains(f.span) for o in originals)
    # ...and outside the regions, input and output are the same text, piece by piece.
    redacted = [r.redacted for r in result.replacements]
    assert _outside(text, originals) == _outside(result.text, redacted)
    for replacement in result.replacements:
        written = result.text[replacement.redacted.start : replacement.redacted.end]
        assert written == f"[{replacement.entity.name}]"


@given(texts_with_findings())
def test_property_offsets_are_consistent(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    result = redact(text, findings, {"PERSON": Placeholder(), "PAYMENT_CARD": Mask(keep_last=4)})
    removed = sum(len(r.original) for r in result.replacements)
    added = sum(len(r.redacted) for r in result.replacements)
    assert len(result.text) == len(text) - removed + added
    for before, after in zip(result.replacements, result.replacements[1:], strict=False):
        assert before.original.end <= after.original.start
        assert before.redacted.end <= after.redacted.start
        gap_in = after.original.start - before.original.end
        assert after.redacted.start - before.redacted.end == gap_in


@given(texts_with_findings())
def test_property_replace_is_idempotent_on_its_own_output(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    first = redact(text, findings)
    mapped = [finding(r.entity, r.redacted.start, r.redacted.end) for r in first.replacements]
    second = redact(first.text, mapped)
    assert second.text == first.text
    assert [r.redacted for r in second.replacements] == [r.redacted for r in first.replacements]
