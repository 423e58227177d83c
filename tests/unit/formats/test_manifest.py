"""The redaction manifest: places and times of every finding, never a value."""

from __future__ import annotations

import json

import pytest
import transcripts_samples as samples

from callshield import Engine
from callshield.formats import read_content
from callshield.formats.manifest import TimeRange, build_manifest, redacted_time_ranges
from callshield.pipeline import redact_document, scan


def card_times() -> tuple[float, float]:
    """From the start of the first card word to the end of the last, as planted."""
    tokens = samples.timed_call()[3][1]
    card = [t for t in tokens if t[0] in samples.CARD.split()]
    return card[0][1], card[-1][2]  # type: ignore[return-value]


@pytest.mark.parametrize(
    "data",
    [
        samples.dumps(samples.aws()),
        samples.dumps(samples.whisper()),
        samples.dumps(samples.whisper(top_words=True)),
        samples.dumps(samples.google()),
        samples.jsonl(samples.turns_lines()),
    ],
    ids=["aws", "whisper", "openai", "google", "turns"],
)
def test_manifest_time_ranges_match_the_planted_words(engine: Engine, data: bytes) -> None:
    parsed = read_content(data, "call-1.json")
    result = scan(parsed.document, engine)
    redacted = redact_document(parsed.document, result, engine)
    manifest = build_manifest(parsed, result, redacted)
    by_entity = {f["entity"]: f for f in manifest["findings"]}
    card = by_entity["PAYMENT_CARD"]
    assert (card["time"]["start_s"], card["time"]["end_s"]) == card_times()
    assert card["segment"] == parsed.document.segments[3].id
    assert card["operator"] == "replace"
    assert len(card["fingerprint"]) == 32
    ssn = by_entity["US_SSN"]
    assert (ssn["time"]["start_s"], ssn["time"]["end_s"]) == samples.word_times(5, samples.SSN)
    email = by_entity["EMAIL"]
    assert (email["time"]["start_s"], email["time"]["end_s"]) == samples.word_times(
        7, samples.EMAIL
    )
    assert manifest["source"] == "call-1.json" and manifest["format"] == parsed.format
    text = json.dumps(manifest)
    for gold in samples.GOLD:
        assert gold not in text


def test_manifest_names_speaker_offsets_reasons(engine: Engine) -> None:
    parsed = read_content(samples.dumps(samples.aws()))
    result = scan(parsed.document, engine)
    manifest = build_manifest(parsed, result)
    card = next(f for f in manifest["findings"] if f["entity"] == "PAYMENT_CARD")
    segment = parsed.document.segments[3]
    assert card["speaker"] == "spk_1"
    assert segment.text[card["start"] : card["end"]] == samples.CARD
    assert "luhn ok" in card["reasons"]
    assert card["operator"] is None  # no redaction given
    assert manifest["channel"] == "call" and manifest["segments"] == len(samples.CALL)
    assert manifest["errors"] == [] and manifest["notices"] == []


def test_redacted_time_ranges_for_the_audio_redactor(engine: Engine) -> None:
    parsed = read_content(samples.dumps(samples.aws()))
    ranges = redacted_time_ranges(parsed.document, scan(parsed.document, engine))
    assert [(r.entity, r.segment_id) for r in ranges] == [
        ("PAYMENT_CARD", "turn[3]"), ("US_SSN", "turn[5]"), ("EMAIL", "turn[7]"),
    ]  # fmt: skip
    assert ranges[0] == TimeRange(*card_times(), "PAYMENT_CARD", "turn[3]", ranges[0].reason)
    assert "luhn ok" in ranges[0].reason


def test_chat_has_no_times_and_errors_are_listed(engine: Engine) -> None:
    lines = samples.jsonl(samples.chat_lines()).decode().splitlines()
    lines.insert(1, "{broken 4111 1111 1111 1111")
    parsed = read_content(("\n".join(lines) + "\n").encode())
    result = scan(parsed.document, engine)
    manifest = build_manifest(parsed, result, redact_document(parsed.document, result, engine))
    assert all(f["time"] is None for f in manifest["findings"])
    assert manifest["errors"] == [{"part": "line[2]", "message": "invalid JSON at column 2"}]
    assert redacted_time_ranges(parsed.document, result) == []
    assert "4111" not in json.dumps(manifest)


def test_notices_are_listed(engine: Engine) -> None:
    parsed = read_content(samples.dumps(samples.whisper()))
    manifest = build_manifest(parsed, scan(parsed.document, engine))
    assert manifest["notices"] == ["segments[].tokens emptied where the text was redacted"]


@pytest.mark.parametrize("kept", [2, 3], ids=["no-card-word", "first-card-word-only"])
def test_a_finding_the_words_do_not_cover_takes_its_segments_time(
    engine: Engine, kept: int
) -> None:
    """Fail safe for audio: a value the word list lacks (wholly or in part) is timed by its
    whole segment, never by the part that happens to have words."""
    lines = samples.turns_lines()
    lines[3]["words"] = lines[3]["words"][:kept]
    parsed = read_content(samples.jsonl(lines))
    ranges = redacted_time_ranges(parsed.document, scan(parsed.document, engine))
    card = next(r for r in ranges if r.entity == "PAYMENT_CARD")
    assert (card.start_s, card.end_s) == (lines[3]["start"], lines[3]["end"])
