"""Payment windows: opened by a request for card data, closed when the value is complete and
the conversation moves on, or after turns without numbers."""

from __future__ import annotations

import pytest

from callshield.stream.numbers import is_backchannel, number_runs
from callshield.stream.window import PaymentWindow, WindowStep, advance, find_cues


def step(window: PaymentWindow | None, text: str, max_turns: int = 8) -> WindowStep:
    runs = number_runs(text)
    return advance(window, text, runs, moves_on=not is_backchannel(text, runs), max_turns=max_turns)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Can I get the long number on the front of the card?", "card"),
        ("What's the card number, please?", "card"),
        ("I'll need the number on the front.", "card"),
        ("And the expiry date?", "expiry"),
        ("when does it expire", "expiry"),
        ("And the three digits on the back?", "cvv"),
        ("What's the CVV?", "cvv"),
        ("the security code please", "cvv"),
        ("That's a card ending in 1111?", "last4"),
        ("my card is four one one one", "card"),
        ("How can I help you today?", None),
        ("the order number is 123", None),
    ],
    ids=["long-number", "card-number", "number-on-front", "expiry", "expire", "three-digits",
         "cvv", "security-code", "ending-in", "volunteered", "greeting", "order-number"],
)  # fmt: skip
def test_cues(text: str, kind: str | None) -> None:
    cues = find_cues(text)
    assert (cues[-1].kind if cues else None) == kind


def test_cue_turn_masks_only_after_the_request_and_not_the_cue_words() -> None:
    opened = step(None, "Order 4111 ships today; and the three digits on the back are 123")
    assert opened.inside and opened.opened
    assert opened.mask_from == len("Order 4111 ships today; and the ")
    assert opened.after is not None and opened.after.kind == "cvv"


def test_window_stays_open_until_the_value_is_complete() -> None:
    window = step(None, "What's the card number?").after
    for piece in ("4111", "uh huh", "1111 1111"):
        result = step(window, piece)
        assert result.inside
        window = result.after
    assert window is not None and not window.complete
    window = step(window, "1111").after
    assert window is not None and window.complete


def test_complete_window_keeps_backchannel_positional_values_and_read_backs() -> None:
    window = step(None, "What's the card number?").after
    window = step(window, "4111 1111 1111 1111").after
    for text in ("okay", "Let me read that back: 4111 1111 1111 1121?", "No, it's 1, not 2.",
                 "09/27", "123"):  # fmt: skip
        result = step(window, text)
        assert result.inside, text
        window = result.after


def test_complete_window_closes_when_the_conversation_moves_on() -> None:
    window = step(None, "What's the card number?").after
    window = step(window, "4111 1111 1111 1111").after
    closed = step(window, "That's right, thank you so much.")
    assert not closed.inside and closed.after is None
    moved_on = step(window, "All done. Your confirmation number is 52328465.")
    assert not moved_on.inside and moved_on.after is None


def test_window_without_a_value_closes_after_turns_without_numbers() -> None:
    window = step(None, "What's the card number?", max_turns=3).after
    for _ in range(2):
        window = step(window, "hang on, let me find it", max_turns=3).after
        assert window is not None
    assert step(window, "still looking", max_turns=3).after is None


def test_a_card_length_number_nobody_asked_for_opens_a_complete_window() -> None:
    result = step(None, "it's 4111 1111 1111 1111")
    assert result.opened and result.after is not None and result.after.complete


def test_window_repr_leaves_the_digits_out() -> None:
    window = step(None, "card number please").after
    window = step(window, "4111 1111 1111 1111").after
    assert "4111" not in repr(window)
