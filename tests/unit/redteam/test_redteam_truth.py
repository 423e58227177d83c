"""The spoken red-team set scored against its truth (`spoken_truth.jsonl`: each value's kind and
the spans of its words, each decoy's): no value leaks a letter or a digit, no decoy is touched,
but for the cases listed here with the reason."""

from __future__ import annotations

from redteam_sets import texts, truth

from callshield import Engine
from callshield.evaluation.leaks import Case, score
from callshield.pipeline import scan_text

#: Texts (by number) that still leak, each with why: a change that fixes one moves it out.
KNOWN_LEAKS = {
    # a bare ten-digit number answering "okay go ahead": a phone number by its shape only,
    # as an order or account number could be (below the reporting threshold)
    165: "phone/no_cue/10digits",
}


def test_no_spoken_value_leaks_and_no_decoy_is_redacted(engine: Engine) -> None:
    said = texts("spoken")
    cases = truth("spoken")
    found = [[(f.entity.name, f.start, f.end) for f in scan_text(text, engine)] for text in said]
    report = score(said, cases, found)
    assert report.total_values > 500 and report.decoys > 40  # (the set is all there)
    assert set(report.leaking_cases) == set(KNOWN_LEAKS), report.leaking_cases
    assert report.over_redacted_cases == []


def test_a_value_leaks_by_one_character_and_a_decoy_is_hit_by_one() -> None:
    text = "card four one one one and forty dollars"
    case = Case(values=(("card", ((5, 9), (10, 13), (14, 17), (18, 21))),),
                decoys=(("amount", ((26, 31),)),))  # fmt: skip
    whole = score([text], [case], [[("PAYMENT_CARD", 5, 21)]])
    assert (whole.total_leaked, whole.decoys_hit, whole.mislabelled) == (0, 0, {})
    short = score([text], [case], [[("PAYMENT_CARD", 5, 20), ("CARD_CVV", 30, 31)]])
    assert (short.total_leaked, short.decoys_hit, short.leaking_cases) == (1, 1, [0])
    wrong = score([text], [case], [[("PHONE", 0, 21)]])
    assert (wrong.total_leaked, wrong.mislabelled) == (0, {"card": 1})
