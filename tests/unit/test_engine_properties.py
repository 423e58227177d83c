"""Properties of scan + redact on arbitrary text: never crashes, spans stay in bounds and never
overlap, and no seeded value survives redaction, wherever it is put."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callshield import Engine

SEEDS = [
    ("card", "4111 1111 1111 1111", "my card number is {}"),
    ("ssn", "078-05-1120", "my social is {}"),
    ("email", "jane.roe@example.com", "mail me at {}"),
    ("phone", "(415) 555-0132", "call me at {}"),
    ("iban", "GB82 WEST 1234 5698 7654 32", "my IBAN is {}"),
    ("spoken-card", "four one one one one one one one one one one one one one one one",
     "the card number is {}"),
]  # fmt: skip
FILLER = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=80,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=400))
def test_scan_never_fails_and_spans_are_sane(engine: Engine, text: str) -> None:
    findings = engine.scan(text)
    previous_end = 0
    for f in findings:
        assert 0 <= f.span.start < f.span.end <= len(text)
        assert f.span.start >= previous_end  # sorted, non-overlapping
        previous_end = f.span.end
        assert f.entity.name != "UNSCANNABLE"  # no detector failed on arbitrary text
    assert engine.redact(text, findings).text is not None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.sampled_from(SEEDS),
    before=FILLER,
    after=FILLER,
)
def test_seeded_values_never_survive_redaction(
    engine: Engine, seed: tuple[str, str, str], before: str, after: str
) -> None:
    _, value, frame = seed
    text = f"{before}\n{frame.format(value)}\n{after}"
    redacted = engine.redact(text).text
    assert value not in redacted
