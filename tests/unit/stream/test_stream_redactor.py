"""The streaming redactor on hand-made calls: what is held, what is released, and that nothing
sensitive ever leaves in clear."""

from __future__ import annotations

import pytest
from stream_helpers import Line, say, segments, spoken, stream, unredacted

from callshield import Engine
from callshield.core.document import Segment
from callshield.stream import NUMBER_FRAGMENT, StreamingRedactor

# Published test card numbers only.
CARDS = ("4111111111111111", "5555555555554444", "378282246310005", "6011111111111117")


def pieces(card: str, count: int) -> list[str]:
    size = -(-len(card) // count)
    return [card[k : k + size] for k in range(0, len(card), size)]


def card_call(card: str, count: int, *, written: bool, asked: bool) -> list[Line]:
    form = (lambda d: d) if written else spoken
    lines = [say("agent", "Thanks for calling, how can I help?"),
             say("customer", "I want to pay my bill.")]  # fmt: skip
    if asked:
        lines.append(say("agent", "Sure, what's the card number?"))
    for k, piece in enumerate(pieces(card, count)):
        text = form(piece)
        lines.append(say("customer", text if asked or k else f"it's {text}", text))
        lines.append(say("agent", ("uh huh", "okay", "mm-hmm", "go on")[k % 4]))
    return lines


@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("count", [1, 2, 3, 4])
@pytest.mark.parametrize("written", [True, False], ids=["written", "spoken"])
@pytest.mark.parametrize("asked", [True, False], ids=["asked", "volunteered"])
def test_card_spoken_in_pieces_across_turns_is_never_released_in_clear(
    engine: Engine, card: str, count: int, written: bool, asked: bool
) -> None:
    lines = card_call(card, count, written=written, asked=asked)
    lines.append(say("agent", "Thank you. Is there anything else?"))
    released = stream(engine, lines)
    assert unredacted(lines, released) == []
    digits = "".join(r.segment.text for r in released)
    assert card[:6] not in digits.replace(" ", "") and card[-4:] not in digits


@pytest.mark.parametrize("written", [True, False], ids=["written", "spoken"])
@pytest.mark.parametrize("asked", [True, False], ids=["asked", "by-position"])
def test_expiry_and_cvv_after_the_card_are_redacted(
    engine: Engine, written: bool, asked: bool
) -> None:
    form = (lambda d: d) if written else spoken
    expiry = "09/27" if written else "oh nine twenty seven"
    lines = card_call("5555555555554444", 2, written=written, asked=True)
    if asked:
        lines.append(say("agent", "And the expiry date?"))
    lines.append(say("customer", expiry, expiry))
    if asked:
        lines.append(say("agent", "And the three digits on the back?"))
    lines.append(say("customer", form("737"), form("737")))
    lines.append(say("agent", "Thank you, that's all done. Anything else today?"))
    released = stream(engine, lines)
    assert unredacted(lines, released) == []


@pytest.mark.parametrize("written", [True, False], ids=["written", "spoken"])
def test_read_back_and_correction_are_redacted(engine: Engine, written: bool) -> None:
    form = (lambda d: d) if written else spoken
    misheard = "4111111111111121"
    lines = card_call("4111111111111111", 3, written=written, asked=True)
    lines += [
        say("agent", f"Let me read that back: {form(misheard)}?", form(misheard)),
        say("customer", f"No, it's {form('1')}, not {form('2')}.", form("1"), form("2")),
        say("agent", f"Sorry, {form('1')}. Got it.", form("1")),
        say("customer", "That's right."),
        say("agent", "Great, and how else can I help today?"),
    ]
    released = stream(engine, lines)
    assert unredacted(lines, released) == []


def test_a_volunteered_card_start_is_masked_even_when_the_speaker_stops(engine: Engine) -> None:
    lines = [
        say("customer", "my card is four one one one", "four one one one"),
        say("customer", "sorry, hang on, let me get it out of my wallet"),
        say("agent", "No problem, take your time."),
        say("customer", "Found it. Okay, here you go."),
    ]
    assert unredacted(lines, stream(engine, lines)) == []


def test_turn_without_numbers_is_released_at_once(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    segment = Segment("s1", "Hi, I'd like to check my order status.", "customer", 0.0, 2.0)
    released = redactor.feed(segment)
    assert [r.segment.text for r in released] == [segment.text]
    assert released[0].held_words == 0 and released[0].held_seconds == 0.0
    assert redactor.held == 0


def test_turn_ending_in_an_open_run_waits_for_the_next_turn(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    first, backchannel, rest, after = segments([
        say("customer", "my account is four four one two"), say("agent", "uh huh"),
        say("customer", "seven seven one"), say("customer", "that's the one."),
    ])  # fmt: skip
    assert redactor.feed(first) == []
    assert redactor.feed(backchannel) == []
    assert redactor.feed(rest) == []
    released = redactor.feed(after)
    assert [r.index for r in released] == [0, 1, 2, 3]
    # the run went on across turns: every piece is masked
    assert "four" not in released[0].segment.text and "seven" not in released[2].segment.text
    assert released[0].held_words == 2 + 3 + 3


def test_pieces_of_a_number_across_turns_are_masked_even_when_nothing_validates(
    engine: Engine,
) -> None:
    lines = [
        say("customer", "the code was four two", "four two"),
        say("agent", "uh huh"),
        say("customer", "nine", "nine"),
        say("customer", "that is the one."),
    ]
    released = stream(engine, lines)
    assert unredacted(lines, released) == []
    assert {p.entity for p in released[0].replacements} == {NUMBER_FRAGMENT}


def test_released_turn_keeps_its_fields(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    segment = Segment("abc", "card 4111 1111 1111 1111 thanks", "customer", 1.5, 4.0)
    assert redactor.feed(segment) == []  # a card number opens a payment window: held
    (released,) = redactor.flush()
    assert (released.segment.id, released.segment.speaker) == ("abc", "customer")
    assert (released.segment.start_s, released.segment.end_s) == (1.5, 4.0)
    assert "4111" not in released.segment.text
    assert released.final and released.index == 0


def test_bound_reached_mid_run_over_redacts_and_never_leaks(engine: Engine) -> None:
    card = "4111111111111111"
    lines = [
        say("customer", f"I'll pay, it's {spoken(card[:4])}", spoken(card[:4])),
        say("agent", "uh huh"),
        say("customer", spoken(card[4:8]), spoken(card[4:8])),
        say("agent", "okay"),
        say("customer", spoken(card[8:10]), spoken(card[8:10])),
        say("agent", "yep"),
        say("customer", spoken(card[10:]), spoken(card[10:])),
        say("agent", "Thanks. Anything else today?"),
    ]
    released = stream(engine, lines, max_hold_words=3)
    assert unredacted(lines, released) == []
    assert "bound" in {r.reason for r in released}
    # the two-digit continuation after a bound release is masked although it validates nothing
    continuation = released[4]
    assert "one" not in continuation.segment.text


def test_bound_in_audio_seconds(engine: Engine) -> None:
    # no released context is scanned again: the masks below are the stream's own
    redactor = StreamingRedactor(engine, max_hold_seconds=2.0, context_turns=0)
    opened = Segment("a", "my number is four four one two", "customer", 0.0, 2.0)
    assert redactor.feed(opened) == []
    assert redactor.feed(Segment("b", "uh huh", "agent", 2.5, 3.0)) == []
    released = redactor.feed(Segment("c", "mm", "agent", 4.0, 4.5))
    assert [r.reason for r in released] == ["bound"] * 3
    assert released[0].held_seconds == pytest.approx(2.5)
    assert "four" not in released[0].segment.text  # masked: it may be a piece of something
    # its continuation is masked too, however short
    (more,) = redactor.feed(Segment("d", "one two, that's it", "customer", 5.0, 6.0))
    assert more.segment.text == "[NUMBER_FRAGMENT], that's it"


def test_the_clock_releases_a_hold_at_the_bound_when_no_turn_arrives(engine: Engine) -> None:
    redactor = StreamingRedactor(engine, max_hold_seconds=2.0, context_turns=0)
    assert redactor.deadline() is None  # nothing held: no timer needed
    assert redactor.feed(Segment("a", "my number is four four one two", "customer", 0.0, 2.0)) == []
    assert redactor.deadline() == pytest.approx(4.0)
    assert redactor.tick(3.9) == []  # not yet
    (released,) = redactor.tick(4.0)
    assert (released.index, released.reason) == (0, "bound")
    assert released.held_seconds == pytest.approx(2.0)
    assert "four" not in released.segment.text  # masked: it may be a piece of something
    assert redactor.deadline() is None and redactor.tick(60.0) == []
    # the continuation after the silence is masked too, however short
    (more,) = redactor.feed(Segment("b", "one two, that's it", "customer", 9.0, 10.0))
    assert more.segment.text == "[NUMBER_FRAGMENT], that's it"


def test_untimed_turns_set_no_deadline(engine: Engine) -> None:
    redactor = StreamingRedactor(engine, max_hold_seconds=2.0)
    assert redactor.feed(Segment("a", "it's four one one one", "customer")) == []
    assert redactor.held == 1
    assert redactor.deadline() is None and redactor.tick(1e9) == []
    assert [r.reason for r in redactor.flush()] == ["flush"]


def test_every_number_inside_a_payment_window_is_masked(engine: Engine) -> None:
    lines = [
        say("agent", "Can I get the card number?"),
        say("customer", "hmm, it starts with a five I think", "five"),
        say("customer", "and the next bit is 42, I think", "42"),
        say("customer", "That's right, thank you."),
    ]
    released = stream(engine, lines)
    assert unredacted(lines, released) == []
    assert {p.entity for p in released[1].replacements} == {NUMBER_FRAGMENT}
    assert released[0].segment.text == lines[0].text  # the request itself stays


def test_flush_releases_everything_and_forgets_the_call(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    for segment in segments([say("agent", "What's the card number?"),
                             say("customer", "four one one one")]):  # fmt: skip
        assert redactor.feed(segment) == []
    released = redactor.flush()
    assert [r.reason for r in released] == ["flush", "flush"]
    assert "four" not in released[1].segment.text
    assert redactor.held == 0 and redactor.flush() == []
    (fresh,) = redactor.feed(Segment("x", "hello again", "agent", 0.0, 1.0))
    assert fresh.index == 0


def test_interim_results_are_dropped_by_default(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    interim = Segment("i", "four one one one one one", "customer", 0.0, 1.0)
    assert redactor.feed(interim, final=False) == []
    assert redactor.held == 0


def test_interim_results_can_be_emitted_redacted_conservatively(engine: Engine) -> None:
    redactor = StreamingRedactor(engine, emit_interim=True)
    (interim,) = redactor.feed(Segment("i", "it's four one one", "customer", 0, 1), final=False)
    assert not interim.final and interim.reason == "interim"
    assert "four" not in interim.segment.text and "one" not in interim.segment.text
    # inside an open run even a lone digit of an interim result is masked
    assert redactor.feed(Segment("f", "it's four one one", "customer", 0, 1)) == []
    (short,) = redactor.feed(Segment("j", "two", "customer", 1.5, 2), final=False)
    assert "two" not in short.segment.text
    (final,) = redactor.flush()
    assert final.index == 0 and final.final


def test_interim_results_advance_the_clock_for_the_bound(engine: Engine) -> None:
    redactor = StreamingRedactor(engine, max_hold_seconds=3.0)
    assert redactor.feed(Segment("a", "it's four one one one", "customer", 0.0, 1.0)) == []
    assert redactor.feed(Segment("b", "thank you so", "agent", 1.5, 3.0), final=False) == []
    released = redactor.feed(Segment("c", "thank you so much for", "agent", 1.5, 4.5), final=False)
    assert [(r.index, r.reason, r.final) for r in released] == [(0, "bound", True)]
    assert "four" not in released[0].segment.text
    (closing,) = redactor.feed(Segment("d", "thank you so much for that", "agent", 1.5, 5.0))
    assert closing.index == 1


def test_order_numbers_and_amounts_are_not_over_redacted(engine: Engine) -> None:
    lines = [
        say("customer", "Hi, the order number is 67833785."),
        say("agent", "Sure, I can see that order. The balance is $113.81."),
        say("agent", "Is there anything else I can help you with?"),
    ]
    released = stream(engine, lines)
    assert [r.segment.text for r in released] == [line.text for line in lines]


def test_no_value_in_reprs(engine: Engine) -> None:
    redactor = StreamingRedactor(engine)
    redactor.feed(Segment("a", "card number please", "agent", 0, 1))
    redactor.feed(Segment("b", "4111 1111 1111 1111", "customer", 1, 2))
    released = redactor.flush()
    text = repr(redactor) + "".join(repr(r) for r in released) + repr(redactor._hold)
    assert "4111" not in text


@pytest.mark.parametrize(
    "options",
    [{"max_hold_words": 0}, {"max_hold_seconds": 0.0}, {"context_turns": -1}],
    ids=["words", "seconds", "context"],
)
def test_invalid_bounds_are_refused(engine: Engine, options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must"):
        StreamingRedactor(engine, **options)  # type: ignore[arg-type]


def test_no_value_reaches_the_logs(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    lines = card_call("4111111111111111", 2, written=True, asked=True)
    stream(engine, [*lines, say("customer", "and my SSN is 078-05-1120")], max_hold_words=3)
    assert "4111" not in caplog.text and "078-05" not in caplog.text
