"""The Engine facade: interfaces, configuration errors, fail-closed, threads, keys."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import hyperscan
import pytest

from callshield import Engine, UnknownEntityError, UnknownLocaleError
from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import MultiPatternDB, Trigger
from callshield.core.redaction import Mask, Placeholder
from factories import ExplodingDetector, found

CARD_TEXT = "my card number is 4111 1111 1111 1111, thanks"


def test_scan_returns_findings_with_offsets(engine: Engine) -> None:
    [finding] = engine.scan(CARD_TEXT)
    assert finding.entity.name == "PAYMENT_CARD"
    assert CARD_TEXT[finding.span.start : finding.span.end] == "4111 1111 1111 1111"
    assert 0.5 <= finding.score <= 1.0
    assert finding.reasons
    assert finding.entity.category == "financial.payment_card"


def test_redact_scans_when_no_findings_are_given(engine: Engine) -> None:
    assert engine.redact(CARD_TEXT).text == "my card number is [PAYMENT_CARD], thanks"


def test_redact_uses_given_findings_only(engine: Engine) -> None:
    assert engine.redact(CARD_TEXT, findings=[]).text == CARD_TEXT


def test_per_entity_operators_objects_and_config(engine: Engine) -> None:
    text = "my name is john smith and my card number is 4111 1111 1111 1111"
    by_object = engine.redact(
        text, operators={"PAYMENT_CARD": Mask(keep_last=4), "PERSON": Placeholder()}
    )
    by_config = engine.redact(
        text,
        operators={"PAYMENT_CARD": {"op": "mask", "keep_last": 4}, "PERSON": {"op": "placeholder"}},
    )
    expected = "my name is <PERSON_1> and my card number is **** **** **** 1111"
    assert by_object.text == by_config.text == expected


def test_unknown_entity_is_an_error() -> None:
    with pytest.raises(UnknownEntityError, match="NOT_A_THING"):
        Engine(entities=["NOT_A_THING"])


def test_unknown_locale_is_an_error() -> None:
    with pytest.raises(UnknownLocaleError, match="xx-XX"):
        Engine(locales=["xx-XX"])


def test_entity_filter_limits_findings() -> None:
    only_email = Engine(entities=["EMAIL"])
    text = "mail a@example.com or card 4111111111111111"
    assert found(only_email, text) == [("EMAIL", "a@example.com")]


def test_fingerprints_are_keyed_and_stable() -> None:
    a1 = Engine(fingerprint_key=b"k" * 32).scan(CARD_TEXT)[0].fingerprint
    a2 = Engine(fingerprint_key=b"k" * 32).scan(CARD_TEXT)[0].fingerprint
    b = Engine(fingerprint_key=b"j" * 32).scan(CARD_TEXT)[0].fingerprint
    assert a1 == a2
    assert a1 != b
    same_value = Engine(fingerprint_key=b"k" * 32).scan("card: 4111-1111-1111-1111")[0]
    assert same_value.fingerprint == a1  # the normalised value, not the written form


def test_allow_list_and_deny_list() -> None:
    eng = Engine(allow_list=["(800) 555-0199"], deny_list=["Project Nightjar"])
    text = "call us at 800-555-0199 about project nightjar, or me at (415) 555-0132"
    assert found(eng, text) == [("DENY_LISTED", "project nightjar"), ("PHONE", "(415) 555-0132")]


def test_min_score_threshold(engine: Engine) -> None:
    text = "reference 121000358"  # a bare number passing the routing checksum: weak
    assert found(engine, text) == []
    assert ("ABA_ROUTING", "121000358") in found(engine, text, min_score=0.2)


@dataclass(frozen=True)
class SlowDetector(ExplodingDetector):
    name: str = "slow"

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        time.sleep(0.05)
        return ()


@pytest.mark.parametrize(
    "detector", [ExplodingDetector(), SlowDetector()], ids=["error", "timeout"]
)
def test_detector_failure_fails_closed(
    detector: ExplodingDetector, caplog: pytest.LogCaptureFixture
) -> None:
    eng = Engine(custom_detectors=[detector], detector_budget_s=0.01)
    text = "boom: my ssn is 123-45-6789"
    with caplog.at_level(logging.ERROR, logger="callshield.engine"):
        findings = eng.scan(text)
    assert [(f.entity.name, f.span.start, f.span.end) for f in findings] == [
        ("UNSCANNABLE", 0, len(text))
    ]
    assert eng.redact(text).text == "[UNSCANNABLE]"
    assert detector.name in caplog.text
    assert "123-45-6789" not in caplog.text and "boom:" not in caplog.text


def test_engine_is_thread_safe(engine: Engine) -> None:
    texts = [
        f"card 4111 1111 1111 1111 and ssn 123-45-67{i:02d} and mail u{i}@example.com"
        for i in range(40)
    ]
    expected = [engine.scan(t) for t in texts]
    results: dict[int, list[object]] = {}

    def work(i: int) -> None:
        for _ in range(20):
            results[i] = engine.scan(texts[i])  # type: ignore[assignment]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(texts))] == expected


def test_one_scratch_shared_between_threads_is_refused() -> None:
    """Why scratch is per thread: Hyperscan refuses a scratch that is in use."""
    db = hyperscan.Database()
    db.compile(expressions=[rb"a"], ids=[0], elements=1, flags=[0])
    scratch = hyperscan.Scratch(db)
    errors: list[BaseException] = []

    def on_match(*_args: object) -> None:
        try:
            db.scan(b"a", match_event_handler=lambda *_: None, scratch=scratch)
        except hyperscan.ScratchInUseError as exc:
            errors.append(exc)

    db.scan(b"a", match_event_handler=on_match, scratch=scratch)
    assert errors


def test_multipattern_db_maps_bytes_to_characters() -> None:
    db = MultiPatternDB([Trigger(r"\d{4}", max_len=4, caseless=False)])
    text = "café ☕ 1234"
    [(_, end)] = db.scan(text)
    assert text[end - 4 : end] == "1234"


def test_engine_builds_fast() -> None:
    started = time.perf_counter()
    Engine()
    assert (
        time.perf_counter() - started < 3.0
    )  # generous for CI; the benchmark reports the real figure


def test_every_trigger_is_also_valid_python_regex(engine: Engine) -> None:
    """The Trigger contract: Hyperscan syntax that Python's re accepts too (benchmarks and
    fallbacks compile them with re)."""
    import re

    for trigger in engine.prefilter_patterns:
        re.compile(trigger.expression)


def test_a_long_document_is_scanned_not_given_up(engine: Engine) -> None:
    """A whole archive in one text (many names, cards, spoken numbers) is scanned within the
    per-100k-characters budget: no part of it falls back to UNSCANNABLE."""
    from callshield.evaluation import generate_corpus

    records = generate_corpus(n=400, seed=3)
    text = "\n".join(r["text"] for r in records)
    findings = engine.scan(text)
    assert not [f for f in findings if f.entity.name == "UNSCANNABLE"]
    gold = sum(len(r["spans"]) for r in records)
    assert len(findings) >= 0.95 * gold


def test_every_scripts_decimal_digits_are_read_as_ascii() -> None:
    """Each character Unicode files as a decimal digit (category Nd) is read as its ASCII
    digit: a card typed in Arabic-Indic or mathematical digits is a card."""
    import unicodedata

    from callshield.engine import _ascii_forms

    digits = [chr(cp) for cp in range(0x80, 0x110000) if unicodedata.category(chr(cp)) == "Nd"]
    assert len(digits) >= 600
    read = _ascii_forms("".join(digits))
    assert read == "".join(str(unicodedata.digit(ch)) for ch in digits)


def test_a_speakers_label_in_markdown_bold_reads_as_the_label(engine: Engine) -> None:
    """A transcript pasted as Markdown ("**Customer:** kristin davidson") answers the
    question before it as a plain "Customer:" line does; bold words that are no label stay."""
    from callshield.engine import _ascii_forms

    said = "**Agent:** and the name on the account\n\n**Customer:** kristin davidson\n\n"
    names = [said[f.start : f.end] for f in engine.scan(said) if f.entity.name == "PERSON"]
    assert names == ["kristin davidson"]
    assert _ascii_forms("- **Caller (00:41):** yes") == "-   Caller (00:41):   yes"
    assert _ascii_forms("**Note** the card is new") == "**Note** the card is new"
