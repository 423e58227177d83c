"""Answers given by number to a numbered list of questions (core/numbered.py)."""

from __future__ import annotations

from callshield import Engine
from callshield.core.numbered import numbered_answers
from callshield.pipeline import scan_text

ASKED = (
    "Agent (20:54): To verify, please reply with:\n"
    "  1. your full name\n"
    "  2. the phone number on the account\n"
    "  3. your mother's maiden name\n"
    "  4. last 4 of your SSN\n\n"
)


def _read(text: str) -> list[tuple[str, str]]:
    return [(c.header, text[c.start : c.end]) for c in numbered_answers(text)]


def test_answers_by_number_on_one_line_are_read_with_their_questions() -> None:
    text = ASKED + "Customer: 1 - Nela Wyrostek 2 - 8853681002 3 - Renard 4 - 0327"
    assert _read(text) == [
        ("your full name", "Nela Wyrostek"),
        ("the phone number on the account", "8853681002"),
        ("your mother's maiden name", "Renard"),
        ("last 4 of your SSN", "0327"),
    ]


def test_answers_by_number_on_their_own_lines() -> None:
    text = ASKED + "Customer: 1) Nela Wyrostek\n2) (776) 227-1740\n3) Renard"
    assert _read(text) == [
        ("your full name", "Nela Wyrostek"),
        ("the phone number on the account", "(776) 227-1740"),
        ("your mother's maiden name", "Renard"),
    ]


def test_answers_in_the_lists_order_parted_by_commas() -> None:
    text = ASKED + "Customer: sorry was driving\nCustomer: Nela Wyrostek, 8853681002, Renard, 0327"
    assert _read(text)[2] == ("your mother's maiden name", "Renard")
    assert len(_read(text)) == 4


def test_no_list_or_a_list_of_one_or_no_answers_reads_nothing() -> None:
    assert _read("1. your full name\n\nCustomer: 1 - Nela") == []  # a list of one
    assert _read(ASKED + "Customer: ok give me a minute") == []
    assert _read("Steps:\n1. open the app\n3. tap settings\nCustomer: 1 - done 2 - ok") == []
    assert _read("no list at all, 1 - 2 - 3") == []


def test_the_pipeline_redacts_each_answer_under_its_question(engine: Engine) -> None:
    text = ASKED + "Customer: 1 - Nela Wyrostek 2 - 8853681002 3 - Renard 4 - 0327"
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert {
        ("PERSON", "Nela Wyrostek"),
        ("PHONE", "8853681002"),
        ("SECURITY_ANSWER", "Renard"),
        ("US_SSN_LAST4", "0327"),
    } <= found
