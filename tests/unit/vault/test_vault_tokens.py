"""Token formats: a card token keeps the card's length, layout and last four, starts with 0,
fails Luhn and is never detected as a card; other tokens are typed and opaque."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from vault_helpers import TEST_CARDS

from callshield import Engine
from callshield.core.entities import EMAIL, PAYMENT_CARD, PERSON, US_SSN
from callshield.vault.tokens import card_layout, is_card_shaped, new_token, token_key


def _layouts(card: str) -> st.SearchStrategy[str]:
    """The card bare, in groups of four, or split at random places, by one separator kind."""
    groups = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    return st.one_of(
        st.just(card),
        st.just(groups),
        st.just(groups.replace(" ", "-")),
        st.sets(st.integers(1, len(card) - 1), max_size=4).map(
            lambda cuts: "".join(("." if i in cuts else "") + ch for i, ch in enumerate(card))
        ),
    )


cards = st.sampled_from(TEST_CARDS).flatmap(_layouts)
#: Synthetic numbers of every card length: the token's shape does not depend on validity.
numbers = st.integers(12, 19).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))
CUES = ["card number", "credit card", "Visa", "the card is"]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@settings(max_examples=200, deadline=None)
@given(card=st.one_of(cards, numbers.flatmap(_layouts)))
def test_card_token_keeps_length_and_last_four_and_fails_luhn(card: str) -> None:
    token = new_token(PAYMENT_CARD, card)
    assert token.isdigit()
    assert len(token) == len(_digits(card))
    assert token[-4:] == _digits(card)[-4:]
    assert token[0] == "0"
    assert not luhn.is_valid(token)
    assert token_key(token) == token


@settings(max_examples=200, deadline=None)
@given(card=st.one_of(cards, numbers.flatmap(_layouts)))
def test_a_laid_out_card_token_keeps_the_layout(card: str) -> None:
    token = new_token(PAYMENT_CARD, card, keep_layout=True)
    assert len(token) == len(card)
    assert [c for c in token if not c.isdigit()] == [c for c in card if not c.isdigit()]
    assert [c.isdigit() for c in token] == [c.isdigit() for c in card]
    assert _digits(token)[-4:] == _digits(card)[-4:]
    assert not luhn.is_valid(_digits(token))
    assert token_key(token) == _digits(token)


@settings(max_examples=150, deadline=None)
@given(card=st.one_of(cards, numbers), cue=st.sampled_from(CUES))
def test_card_token_is_never_detected_as_a_card(engine: Engine, card: str, cue: str) -> None:
    token = new_token(PAYMENT_CARD, card)
    for text in (token, f"my {cue} {token} thanks", f"{cue}: {token}."):
        found = [f.entity.name for f in engine.scan(text)]
        assert "PAYMENT_CARD" not in found, found


def test_why_layouts_need_the_engine_check(engine: Engine) -> None:
    """A grouped token can hold a card-like run in its later groups; the bare block cannot."""
    grouped = "0288 5811 1706 6208"  # its last three groups are a valid Maestro number
    assert [f.entity.name for f in engine.scan(grouped)] == ["PAYMENT_CARD"]
    assert engine.scan(grouped.replace(" ", "")) == []


def test_the_cards_themselves_are_detected(engine: Engine) -> None:
    """The control for the test above: the same sentences with the real test numbers."""
    for card in TEST_CARDS:
        found = [f.entity.name for f in engine.scan(f"my card number {card} thanks")]
        assert "PAYMENT_CARD" in found, card


def test_two_tokens_for_one_card_differ() -> None:
    tokens = {new_token(PAYMENT_CARD, "4111111111111111") for _ in range(50)}
    assert len(tokens) == 50


@pytest.mark.parametrize(
    ("entity", "prefix"),
    [(US_SSN, "tok_ssn_"), (EMAIL, "tok_email_"), (PERSON, "tok_person_")],
    ids=["ssn", "email", "person"],
)
def test_other_entities_get_typed_opaque_tokens(
    engine: Engine, entity: object, prefix: str
) -> None:
    token = new_token(entity, "anything")  # type: ignore[arg-type]
    assert re.fullmatch(re.escape(prefix) + r"[a-z2-7]{26}", token)
    assert token_key(token) == token
    assert engine.scan(f"the value is {token} ok") == []


def test_a_spoken_card_number_gets_an_opaque_token() -> None:
    assert new_token(PAYMENT_CARD, "four one one one").startswith("tok_card_")


@pytest.mark.parametrize(
    "text",
    ["", "hello", "4111111111111111", "tok_ssn_short", "tok_ssn_" + "A" * 26, "0123"],
    ids=["empty", "word", "real-card", "short-opaque", "upper-opaque", "short-digits"],
)
def test_token_key_refuses_what_cannot_be_a_token(text: str) -> None:
    assert token_key(text) is None


def test_card_layout() -> None:
    assert card_layout("0123456789011111", "4111-1111-1111-1111") == "0123-4567-8901-1111"
    assert card_layout("0123456789011111", "411111111111") == "0123456789011111"
    assert card_layout("0123456789011111", "4111111111111111") == "0123456789011111"
    assert card_layout("tok_ssn_x", "078-05-1120") == "tok_ssn_x"
    assert is_card_shaped("4111 1111 1111 1111")
    assert not is_card_shaped("4111  1111 1111 1111")
