"""Properties of the streaming redactor over generated conversations: every final turn comes
out exactly once and in order, released text never changes, and a card number split at any
points, with any back-channel and under any hold-back bound, never leaves in clear."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stream_helpers import Line, say, segments, spoken, stream, unredacted

from callshield import Engine
from callshield.stream import Released, StreamingRedactor

CARDS = ("4111111111111111", "5555555555554444", "378282246310005", "6011111111111117")
BACKCHANNEL = ("uh huh", "okay", "mm-hmm", "go on", "yep", "got it", "right")
FILLER_TURNS = (
    "How can I help you today?",
    "I'd like to pay my bill.",
    "Sure, one moment please.",
    "What's the card number?",
    "And the expiry date?",
    "That's right.",
    "my number is four four one",
    "it's 12",
    "oh nine",
    "Thank you for calling.",
)
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def conversations(draw: st.DrawFn) -> list[tuple[str, str, bool]]:
    """(speaker, text, final) turns: a mix of ordinary turns, numbers and interim results."""
    count = draw(st.integers(1, 14))
    turns = []
    for _ in range(count):
        speaker = draw(st.sampled_from(("agent", "customer")))
        text = draw(st.sampled_from(FILLER_TURNS + BACKCHANNEL))
        turns.append((speaker, text, draw(st.integers(0, 5)) > 0))
    return turns


@SETTINGS
@given(
    turns=conversations(),
    max_words=st.integers(1, 40),
    max_seconds=st.floats(0.5, 10),
    interim=st.booleans(),
)
def test_every_final_turn_comes_out_exactly_once_in_order(
    engine: Engine,
    turns: list[tuple[str, str, bool]],
    max_words: int,
    max_seconds: float,
    interim: bool,
) -> None:
    redactor = StreamingRedactor(
        engine, max_hold_words=max_words, max_hold_seconds=max_seconds, emit_interim=interim
    )
    timed = segments([say(speaker, text) for speaker, text, _ in turns])
    finals = [segment for segment, (_, _, final) in zip(timed, turns, strict=True) if final]
    released: list[Released] = []
    for segment, (_, _, final) in zip(timed, turns, strict=True):
        out = redactor.feed(segment, final=final)
        assert all(r.final for r in out) or not final
        assert interim or all(r.final for r in out)
        released += out
    released += redactor.flush()
    final_out = [r for r in released if r.final]
    assert [r.index for r in final_out] == list(range(len(finals)))
    for item, segment in zip(final_out, finals, strict=True):
        assert item.segment.id == segment.id
        assert (item.segment.speaker, item.segment.start_s) == (segment.speaker, segment.start_s)
        assert item.held_words >= 0 and (item.held_seconds or 0.0) >= 0.0
    assert redactor.held == 0


@st.composite
def split_cards(draw: st.DrawFn) -> list[Line]:
    """A card number in 1-4 pieces across customer turns, written or spoken, with or without
    a back-channel between pieces, asked for or volunteered, then a closing turn."""
    card = draw(st.sampled_from(CARDS))
    written = draw(st.booleans())
    cuts = sorted(draw(st.sets(st.integers(1, len(card) - 1), max_size=3)))
    bounds = [0, *cuts, len(card)]
    lines = []
    if draw(st.booleans()):
        lines.append(say("agent", "Can I get the card number?"))
    for start, end in itertools.pairwise(bounds):
        piece = card[start:end] if written else spoken(card[start:end])
        lines.append(say("customer", piece, piece))
        if draw(st.booleans()):
            lines.append(say("agent", draw(st.sampled_from(BACKCHANNEL))))
    lines.append(say("agent", "Thanks, that's all done. Anything else today?"))
    return lines


@SETTINGS
@given(lines=split_cards(), max_words=st.integers(1, 40))
def test_a_card_split_anywhere_never_leaves_in_clear(
    engine: Engine, lines: list[Line], max_words: int
) -> None:
    released = stream(engine, lines, max_hold_words=max_words)
    assert unredacted(lines, released) == []
