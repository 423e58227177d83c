"""Privacy is the product: no raw sensitive value in a log line, an exception, a repr."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest

from callshield import Engine
from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detection.spoken import normalise
from callshield.core.document import Channel, Document, Segment
from callshield.core.entities import PAYMENT_CARD, EntityType
from callshield.core.finding import Finding, Span
from callshield.core.redaction import Hash, OperatorConfigError, parse_operators, redact

SEEDED = {
    "card": "4111 1111 1111 1111",
    "ssn": "078-05-1120",
    "email": "zelda.quarry@example.com",
    "name": "Zelda Quarry",
    "spoken": "four one one one one one one one one one one one one one one one",
    "password": "Xq7-velvet-Harbor",
}
TEXT = (
    f"my name is {SEEDED['name']}, card number {SEEDED['card']}, social {SEEDED['ssn']}, "
    f"mail {SEEDED['email']}; again the card number is {SEEDED['spoken']}; "
    f"password is {SEEDED['password']}"
)


def assert_clean(blob: str) -> None:
    for kind, value in SEEDED.items():
        assert value not in blob, f"{kind} leaked"
        assert value.replace(" ", "") not in blob.replace(" ", ""), f"{kind} leaked (compacted)"


def test_reprs_hold_no_values(engine: Engine) -> None:
    findings = engine.scan(TEXT)
    assert {f.entity.name for f in findings} >= {
        "PAYMENT_CARD", "US_SSN", "EMAIL", "PERSON", "PASSWORD"
    }  # fmt: skip
    result = engine.redact(TEXT, findings)
    segment = Segment(id="s1", text=TEXT)
    written = normalise(TEXT)
    objects: list[object] = [
        *findings,
        [f.to_dict() for f in findings],
        result,
        result.replacements,
        engine,
        segment,
        Document(id="d", segments=(segment,), channel=Channel.CALL),
        written,
        Candidate(PAYMENT_CARD, 0, 4, 0.9, ("luhn ok",), "4111111111111111"),
    ]
    for obj in objects:
        assert_clean(repr(obj))
        assert_clean(str(obj))
    assert_clean(result.text)


@dataclass(frozen=True)
class Failing:
    name: str = "failing"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({PAYMENT_CARD})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger("card", max_len=4),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        raise ValueError(f"bad input {text}")


def test_logs_of_a_failing_detector_hold_no_values(caplog: pytest.LogCaptureFixture) -> None:
    eng = Engine(custom_detectors=[Failing()])
    with caplog.at_level(logging.DEBUG):
        eng.scan(TEXT)
    assert caplog.records
    assert_clean(caplog.text)


def test_exceptions_hold_no_values() -> None:
    bad = Finding(PAYMENT_CARD, Span(0, 10_000), 0.9, "x", (), "fp")
    with pytest.raises(ValueError) as excinfo:
        redact(TEXT, [bad])
    assert_clean(str(excinfo.value))
    with pytest.raises(OperatorConfigError) as config_error:
        parse_operators({"PAYMENT_CARD": {"op": "hash", "key": "missing"}}, keys={})
    assert_clean(str(config_error.value))
    assert "k" * 32 not in repr(Hash(key=b"k" * 32))


def test_cli_errors_and_stderr_hold_no_values() -> None:
    lines = [json.dumps({"id": 1, "text": 12345}), TEXT, json.dumps({"id": 2, "text": TEXT})]
    proc = subprocess.run(
        [sys.executable, "-m", "callshield", "scan", "--jsonl"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert_clean(proc.stderr)
    assert_clean(proc.stdout)
