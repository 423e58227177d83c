"""The synthetic development corpus: deterministic, well-labelled, realistic per kind."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from stdnum import iban, luhn
from stdnum.us import itin, rtn

from callshield.core.entities import BUILTIN_ENTITIES
from callshield.evaluation import corpus_templates as tpl
from callshield.evaluation.corpus import (
    ENTITY_NAMES,
    EVASIVE_SEPARATORS,
    KINDS,
    generate_corpus,
    read_jsonl,
    write_jsonl,
)
from callshield.evaluation.metrics import CorpusFormatError

WRITTEN_KINDS = ("call_written", "chat", "email")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    """The default corpus, built once: the tests only read it."""
    return generate_corpus()


def _digits(value: str) -> str:
    """The ASCII digits of a value however it was typed (full-width digits included)."""
    return re.sub(r"[^0-9]", "", unicodedata.normalize("NFKC", value))


def _usual(value: str) -> bool:
    """Written the usual way: not digit by digit, not typed to slip past a filter."""
    one_by_one = re.search(r"\d[ ,\-]+\d[ ,\-]+\d(?:\D|$)", value) and not re.search(r"\d\d", value)
    return value.isascii() and not one_by_one


def _values(
    records: list[dict[str, Any]], entity: str, kinds: tuple[str, ...] = KINDS
) -> list[str]:
    return [
        r["text"][s["start"] : s["end"]]
        for r in records
        if r["kind"] in kinds
        for s in r["spans"]
        if s["entity"] == entity
    ]


def test_same_seed_same_corpus_and_other_seed_differs() -> None:
    assert generate_corpus(120, seed=3) == generate_corpus(120, seed=3)
    assert generate_corpus(120, seed=3) != generate_corpus(120, seed=4)


def test_size_ids_and_kinds(corpus: list[dict[str, Any]]) -> None:
    assert len(corpus) == 2000
    assert len({r["id"] for r in corpus}) == 2000
    counts = Counter(r["kind"] for r in corpus)
    assert set(counts) == set(KINDS)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert generate_corpus(0) == []


def test_records_are_json_ready(corpus: list[dict[str, Any]]) -> None:
    assert json.loads(json.dumps(corpus[:50])) == corpus[:50]
    assert set(corpus[0]) == {"id", "kind", "text", "spans", "decoys"}


def test_spans_and_decoys_lie_inside_the_text_and_hold_a_value(
    corpus: list[dict[str, Any]],
) -> None:
    for record in corpus:
        text = record["text"]
        for item in record["spans"] + record["decoys"]:
            value = text[item["start"] : item["end"]]
            assert 0 <= item["start"] < item["end"] <= len(text), record["id"]
            assert value.strip() == value and value, (record["id"], value)


def test_spans_and_decoys_never_overlap(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        ranges = sorted((i["start"], i["end"]) for i in record["spans"] + record["decoys"])
        for (_, end), (start, _) in pairwise(ranges):
            assert end <= start, record["id"]


def test_entities_are_known_and_all_appear(corpus: list[dict[str, Any]]) -> None:
    catalogue = {e.name for e in BUILTIN_ENTITIES}
    assert catalogue >= ENTITY_NAMES
    seen = Counter(s["entity"] for r in corpus for s in r["spans"])
    assert set(seen) == ENTITY_NAMES
    assert min(seen.values()) >= 50, seen


def test_every_kind_has_records_with_and_without_pii(corpus: list[dict[str, Any]]) -> None:
    for kind in KINDS:
        records = [r for r in corpus if r["kind"] == kind]
        assert any(r["spans"] for r in records), kind
        assert any(not r["spans"] for r in records), kind


def test_decoys_of_every_kind_appear(corpus: list[dict[str, Any]]) -> None:
    kinds = {d["kind"] for r in corpus for d in r["decoys"]}
    assert kinds == {"order_number", "ticket_id", "amount", "time", "duration", "date",
                     "quantity", "tracking_number", "luhn_order_number"}  # fmt: skip


def test_templates_are_varied() -> None:
    assert len(tpl.CALL_EXCHANGES) >= 15
    assert len(tpl.CALL_EXCHANGES) + len(tpl.SPOKEN_EXCHANGES) >= 25
    assert len(tpl.CHAT_EXCHANGES) >= 15
    assert len(tpl.EMAIL_BODIES) >= 15
    # Call templates are shared with the spoken kind, so their text must be sayable as is.
    for template in tpl.CALL_EXCHANGES + tpl.CALL_OPENINGS + tpl.CALL_CLOSINGS:
        assert not re.search(r"[0-9$#@]", re.sub(r"\{\w+\}", "", template)), template


def test_spoken_records_read_like_raw_asr(corpus: list[dict[str, Any]]) -> None:
    spoken = [r for r in corpus if r["kind"] == "call_spoken"]
    for record in spoken:
        text = record["text"]
        assert re.fullmatch(r"[a-z ,\n.]*", text), record["id"]
        assert "." not in text.replace("...", ""), record["id"]
        assert not any(c.isdigit() for c in text), record["id"]
    cards = _values(spoken, "PAYMENT_CARD", ("call_spoken",))
    assert cards and not any(c.isdigit() for card in cards for c in card)


def test_spoken_values_use_asr_habits(corpus: list[dict[str, Any]]) -> None:
    spoken = "\n".join(r["text"] for r in corpus if r["kind"] == "call_spoken")
    for habit in (" oh ", "double ", "triple ", " dot ", " at ", " uh ", " um ", " ... "):
        assert habit in spoken, habit
    assert re.search(r"\b(for|to|ate|won)\b (one|two|three|four|five|six|seven|eight|nine)", spoken)
    assert re.search(r"\b(\w) (\w) (\w) (\w)\b", spoken)  # a name spelled letter by letter
    people = _values(corpus, "PERSON", ("call_spoken",))
    assert all(p == p.lower() for p in people)


def test_written_card_numbers_are_published_and_luhn_valid(corpus: list[dict[str, Any]]) -> None:
    assert all(luhn.is_valid(card) for card in tpl.TEST_CARDS)
    cards = _values(corpus, "PAYMENT_CARD", WRITTEN_KINDS)
    assert len(cards) > 100
    for card in cards:
        digits = _digits(card)
        assert luhn.is_valid(digits) and digits in tpl.TEST_CARDS, card
    separators = {re.sub(r"\d", "", card)[:1] for card in cards if _usual(card)}
    assert separators == {"", " ", "-", "."}


def test_written_bank_and_tax_numbers_validate(corpus: list[dict[str, Any]]) -> None:
    assert all(rtn.is_valid(number) for number in tpl.ROUTING_NUMBERS)
    assert all(iban.is_valid(number) for number in tpl.KNOWN_IBANS)
    for value in _values(corpus, "ABA_ROUTING", WRITTEN_KINDS):
        assert rtn.is_valid(_digits(value)), value
    for value in _values(corpus, "IBAN", WRITTEN_KINDS):
        assert iban.is_valid(value), value
    for value in _values(corpus, "US_ITIN", WRITTEN_KINDS):
        assert itin.is_valid(_digits(value)), value
    for value in _values(corpus, "BANK_ACCOUNT", WRITTEN_KINDS):
        assert 8 <= len(_digits(value)) <= 12, value
        assert value.isdigit() or not _usual(value), value


def test_written_values_have_their_usual_shape(corpus: list[dict[str, Any]]) -> None:
    assert "078-05-1120" in _values(corpus, "US_SSN", WRITTEN_KINDS)
    for value in _values(corpus, "US_SSN", WRITTEN_KINDS):
        assert len(_digits(value)) == 9, value
    for value in _values(corpus, "EMAIL", WRITTEN_KINDS):
        plain = re.sub(r" ?[\[(]?\bat\b[\])]? ?", "@", value)
        plain = re.sub(r" ?[\[(]?\bdot\b[\])]? ?", ".", plain)
        assert re.fullmatch(r"[\w.]+@[\w.-]+\.\w+", plain), value
    for value in _values(corpus, "PHONE", WRITTEN_KINDS):
        assert len(_digits(value)) in (10, 11), value
    for value in _values(corpus, "US_SSN_LAST4", WRITTEN_KINDS) + _values(corpus, "PIN"):
        assert len(_digits(value)) == 4 or value.islower(), value
    for value in _values(corpus, "ONE_TIME_CODE", WRITTEN_KINDS):
        assert len(_digits(value)) == 6, value
    for value in _values(corpus, "US_ZIP", WRITTEN_KINDS):
        assert re.fullmatch(r"\d{5}", value) or not _usual(value), value


def test_written_calls_hold_values_read_out_digit_by_digit(corpus: list[dict[str, Any]]) -> None:
    """ASR writes a value read out a digit at a time as one numeral per digit: "7 7 3 1",
    "1-1-2-0", "4 1 1 1, 1 1 1 1, ..."; the corpus holds such values of every digit entity."""
    entities = {"PAYMENT_CARD", "US_SSN", "PIN", "BANK_ACCOUNT", "ONE_TIME_CODE", "CARD_CVV"}
    one_by_one = Counter(
        span["entity"]
        for r in corpus
        if r["kind"] == "call_written"
        for span in r["spans"]
        if span["entity"] in entities
        and re.fullmatch(r"\d(?:(?:, | \.\.\. |[ \-])\d)+", r["text"][span["start"] : span["end"]])
    )
    assert set(one_by_one) == entities, one_by_one


def test_chats_hold_values_typed_to_slip_past_a_filter(corpus: list[dict[str, Any]]) -> None:
    """An insider pasting a card into a chat hides its groups: zero-width spaces, Unicode
    dashes, full-width digits, "[at]" for "@". Labels still cover the whole value."""
    chats = [r for r in corpus if r["kind"] == "chat"]
    values = [r["text"][s["start"] : s["end"]] for r in chats for s in r["spans"]]
    hidden = {sep for sep in EVASIVE_SEPARATORS for value in values if sep in value}
    assert hidden == set(EVASIVE_SEPARATORS)
    assert any(re.search("[\uff10-\uff19]", value) for value in values)
    assert any(re.search(r"[\[(]at[\])]", value) for value in values)
    others = "".join(r["text"] for r in corpus if r["kind"] != "chat")
    assert not any(sep in others for sep in EVASIVE_SEPARATORS)


def test_luhn_valid_order_numbers_are_decoys(corpus: list[dict[str, Any]]) -> None:
    orders = [
        r["text"][d["start"] : d["end"]]
        for r in corpus
        if r["kind"] in WRITTEN_KINDS
        for d in r["decoys"]
        if d["kind"] == "luhn_order_number"
    ]
    assert orders and all(len(_digits(o)) == 16 and luhn.is_valid(_digits(o)) for o in orders)


def test_address_is_followed_by_its_zip_span(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        spans = record["spans"]
        for span, after in pairwise(spans):
            if span["entity"] == "STREET_ADDRESS":
                assert after["entity"] == "US_ZIP" and after["start"] == span["end"] + 1


def test_spans_hold_the_value_not_the_cue_words(corpus: list[dict[str, Any]]) -> None:
    cues = ("card number", "social", "routing", "my name", "maiden", "pin is", "expires")
    for record in corpus:
        for span in record["spans"]:
            value = record["text"][span["start"] : span["end"]].lower()
            assert not any(cue in value for cue in cues), value


def test_jsonl_round_trip(tmp_path: Path) -> None:
    records = generate_corpus(20)
    path = tmp_path / "corpus.jsonl"
    assert write_jsonl(records, path) == 20
    assert read_jsonl(path) == records


@pytest.mark.parametrize(
    ("second_line", "message"),
    [
        ("{not json", "line 2"),
        ("[1, 2]", "line 2: expected a JSON object"),
        ('{"id": "x"}', "line 2: record needs a 'text'"),
        ('{"text": "abc", "spans": [{"start": 1, "end": 9, "entity": "PIN"}]}', "ends past"),
        ('{"text": "abc", "spans": [{"start": 2, "end": 1, "entity": "PIN"}]}', "start < end"),
        ('{"text": "abc", "spans": [{"start": 0, "end": 1}]}', "needs an 'entity'"),
    ],
    ids=["not-json", "not-object", "no-text", "span-past-end", "span-reversed", "no-entity"],
)
def test_read_jsonl_names_the_bad_line(tmp_path: Path, second_line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "spans": []}\n' + second_line + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        read_jsonl(path)
    assert isinstance(caught.value, CorpusFormatError)
    assert "line 2" in str(caught.value)


def test_read_jsonl_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text('\n{"text": "ok", "spans": []}\n\n', encoding="utf-8")
    assert read_jsonl(path) == [{"text": "ok", "spans": []}]
