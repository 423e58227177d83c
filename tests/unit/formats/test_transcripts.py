"""Transcript and chat formats: read -> scan -> redact -> write -> read again keeps the
structure and loses the values."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import transcripts_samples as samples
from hypothesis import given, settings
from hypothesis import strategies as st

from callshield import Engine
from callshield.core.entities import PAYMENT_CARD
from callshield.core.finding import Finding, Span
from callshield.core.redaction import redact
from callshield.formats import ContentError, get_format, read_content
from callshield.formats.base import Parsed
from callshield.formats.transcripts import Piece, joined_words, redacted_piece
from callshield.pipeline import RedactedDocument, redact_document, scan

Case = tuple[str, Callable[[], bytes], str]

CASES: list[Case] = [
    ("aws-speaker-items", lambda: samples.dumps(samples.aws()), "aws_transcribe"),
    ("aws-speaker-segments", lambda: samples.dumps(samples.aws(labels="segments")),
     "aws_transcribe"),
    ("aws-channels", lambda: samples.dumps(samples.aws(labels="channels")), "aws_transcribe"),
    ("whisper", lambda: samples.dumps(samples.whisper()), "whisper"),
    ("openai-top-words", lambda: samples.dumps(samples.whisper(top_words=True)), "whisper"),
    ("google", lambda: samples.dumps(samples.google()), "google_stt"),
    ("turns", lambda: samples.jsonl(samples.turns_lines()), "turns_jsonl"),
    ("chat", lambda: samples.jsonl(samples.chat_lines()), "chat_jsonl"),
]  # fmt: skip
#: Keys whose string values the writer may change, per format.
TEXT_KEYS = {"content", "transcript", "text", "word", "w"}


def redact_bytes(engine: Engine, data: bytes, fmt: str | None = None) -> tuple[
    Parsed, RedactedDocument, bytes
]:  # fmt: skip
    parsed = read_content(data, "call", fmt)
    result = scan(parsed.document, engine)
    redacted = redact_document(parsed.document, result, engine)
    return parsed, redacted, get_format(parsed.format).write(parsed, redacted)


def load_any(data: bytes) -> Any:
    text = data.decode()
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines()]


def diff_paths(a: Any, b: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the string leaves that differ; asserts that everything else is identical
    (types, key order, list lengths, numbers) apart from Whisper's `tokens`."""
    if path and path[-1] == "tokens":
        return []
    assert type(a) is type(b), path
    if isinstance(a, dict):
        assert list(a) == list(b), path
        return [p for k in a for p in diff_paths(a[k], b[k], (*path, k))]
    if isinstance(a, list):
        assert len(a) == len(b), path
        return [
            p
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for p in diff_paths(x, y, (*path, i))
        ]
    if isinstance(a, str):
        return [] if a == b else [path]
    assert a == b, path
    return []


@pytest.mark.parametrize(("data", "fmt"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_round_trip_keeps_structure_and_loses_values(
    engine: Engine, data: Callable[[], bytes], fmt: str
) -> None:
    original = data()
    parsed, _, out = redact_bytes(engine, original)
    assert parsed.format == fmt
    found = {f.entity.name for f in scan(parsed.document, engine).findings}
    assert {"PAYMENT_CARD", "US_SSN", "EMAIL"} <= found
    for gold in samples.GOLD:
        assert gold.encode() not in out, gold
    changed = diff_paths(load_any(original), load_any(out))
    assert changed and all(p[-1] in TEXT_KEYS for p in changed)
    again = read_content(out, "call")
    assert again.format == fmt
    before, after = parsed.document.segments, again.document.segments
    assert [s.id for s in after] == [s.id for s in before]
    assert [s.speaker for s in after] == [s.speaker for s in before]
    assert [(s.start_s, s.end_s) for s in after] == [(s.start_s, s.end_s) for s in before]
    assert [len(s.words) for s in after] == [len(s.words) for s in before]
    assert [[(w.start_s, w.end_s) for w in s.words] for s in after] == [
        [(w.start_s, w.end_s) for w in s.words] for s in before
    ]
    assert scan(again.document, engine).findings == ()
    assert redact_bytes(engine, out)[2] == out  # idempotent: a second pass changes nothing


def test_segments_are_turns_with_speakers_times_and_words(engine: Engine) -> None:
    parsed = read_content(samples.dumps(samples.aws()))
    segments = parsed.document.segments
    assert [s.id for s in segments] == [f"turn[{i}]" for i in range(len(samples.CALL))]
    assert [s.speaker for s in segments] == [speaker for speaker, _ in samples.CALL]
    card_turn = segments[3]
    assert card_turn.text == "yes, it's 4111 1111 1111 1111."
    first = card_turn.words[2]
    assert card_turn.text[first.start_char : first.end_char] == "4111"
    assert (first.start_s, first.end_s) == samples.word_times(3, "4111")
    assert parsed.document.channel.value == "call"


@pytest.mark.parametrize(
    ("build", "words_of"),
    [
        (samples.aws, lambda r: [i["alternatives"][0]["content"] for i in r["results"]["items"]]),
        (samples.whisper, lambda r: [w["word"] for w in r["segments"][3]["words"]]),
        (samples.google,
         lambda r: [w["word"] for w in r["results"][3]["alternatives"][0]["words"]]),
    ],
    ids=["aws", "whisper", "google"],
)  # fmt: skip
def test_word_lists_follow_the_redaction(
    engine: Engine, build: Callable[[], Any], words_of: Callable[[Any], list[str]]
) -> None:
    """The first word of a value carries the replacement, the others are emptied, and
    punctuation or spacing outside the value is kept."""
    _, _, out = redact_bytes(engine, samples.dumps(build()))
    words = words_of(json.loads(out))
    at = next(i for i, w in enumerate(words) if "[PAYMENT_CARD]" in w)
    assert [w.strip() for w in words[at : at + 4]] == [
        "[PAYMENT_CARD]",
        "",
        "",
        "" if "." not in words[at + 3] else ".",
    ]
    assert not any("1111" in w or "4111" in w for w in words)


def test_aws_items_keep_times_confidence_and_ids(engine: Engine) -> None:
    original = samples.aws()
    _, _, out = redact_bytes(engine, samples.dumps(original))
    items = json.loads(out)["results"]["items"]
    contents = [i["alternatives"][0]["content"] for i in items]
    at = contents.index("[PAYMENT_CARD]")
    assert contents[at : at + 5] == ["[PAYMENT_CARD]", "", "", "", "."]
    for new, old in zip(items, original["results"]["items"], strict=True):
        assert {k: v for k, v in new.items() if k != "alternatives"} == {
            k: v for k, v in old.items() if k != "alternatives"
        }
        assert new["alternatives"][0]["confidence"] == old["alternatives"][0]["confidence"]
    results = json.loads(out)["results"]
    assert "it's [PAYMENT_CARD]." in results["transcripts"][0]["transcript"]
    assert results["audio_segments"][3]["transcript"] == "yes, it's [PAYMENT_CARD]."


def test_whisper_text_rebuilt_and_tokens_emptied_where_redacted(engine: Engine) -> None:
    parsed, _, out = redact_bytes(engine, samples.dumps(samples.whisper()))
    root = json.loads(out)
    assert root["text"] == "".join(s["text"] for s in root["segments"])
    assert root["segments"][3]["tokens"] == []  # token ids would spell the card number
    assert root["segments"][0]["tokens"] != []  # nothing redacted there
    assert root["segments"][3]["text"] == " yes, it's [PAYMENT_CARD]."
    assert any("tokens" in n for n in parsed.original.notices)


def test_openai_top_level_words_are_assigned_to_segments_by_time(engine: Engine) -> None:
    parsed, _, out = redact_bytes(engine, samples.dumps(samples.whisper(top_words=True)))
    counts = [len(s.words) for s in parsed.document.segments]
    assert counts == [
        len([t for t in tokens if t not in samples.PUNCT]) for _, tokens in samples.CALL
    ]
    root = json.loads(out)
    assert root["text"] == "".join(s["text"] for s in root["segments"]).strip()
    assert "[PAYMENT_CARD]" in [w["word"] for w in root["words"]]


def test_words_that_do_not_match_the_text_are_scanned_on_their_own(engine: Engine) -> None:
    """Fail closed: when the words disagree with the text, both are scanned and redacted."""
    doc = samples.whisper()
    doc["segments"][3]["text"] = " yes, the number is 4111 1111 1111 1111."
    doc["segments"][3]["words"][0]["word"] = " okay,"
    doc["text"] = "".join(s["text"] for s in doc["segments"])
    parsed, _, out = redact_bytes(engine, samples.dumps(doc))
    assert "segments[3].words" in [s.id for s in parsed.document.segments]
    assert any("segments[3].words" in n for n in parsed.original.notices)
    for gold in samples.GOLD:
        assert gold.encode() not in out


def test_aws_transcript_that_differs_from_items_is_scanned_alone(engine: Engine) -> None:
    doc = samples.aws()
    doc["results"]["transcripts"][0]["transcript"] = f"card {samples.CARD} on file"
    parsed, _, out = redact_bytes(engine, samples.dumps(doc))
    assert "transcripts[0]" in [s.id for s in parsed.document.segments]
    transcript = json.loads(out)["results"]["transcripts"][0]["transcript"]
    assert transcript == "card [PAYMENT_CARD] on file"


def test_aws_channel_items_are_rewritten_like_the_items_they_repeat(engine: Engine) -> None:
    _, _, out = redact_bytes(engine, samples.dumps(samples.aws(labels="channels")))
    channel_items = json.loads(out)["results"]["channel_labels"]["channels"][1]["items"]
    contents = [i["alternatives"][0]["content"] for i in channel_items]
    assert "[PAYMENT_CARD]" in contents and "4111" not in contents


def test_google_diarized_result_without_transcript(engine: Engine) -> None:
    doc = samples.google()
    every_word = [w for r in doc["results"] for w in r["alternatives"][0]["words"]]
    doc["results"].append({"alternatives": [{"words": json.loads(json.dumps(every_word))}]})
    parsed, _, out = redact_bytes(engine, samples.dumps(doc))
    assert parsed.document.segments[-1].id == f"results[{len(samples.CALL)}]"
    assert len(parsed.document.segments[-1].words) == len(every_word)
    for gold in samples.GOLD:
        assert gold.encode() not in out


def test_chat_segments_and_unknown_text_fields_are_scanned(engine: Engine) -> None:
    lines = samples.chat_lines()
    lines[0]["note"] = f"callback on card {samples.CARD}"
    parsed, _, out = redact_bytes(engine, samples.jsonl(lines))
    assert parsed.document.channel.value == "chat"
    assert parsed.document.segments[0].speaker == "agent"
    assert "line[1].note" in [s.id for s in parsed.document.segments]
    first = json.loads(out.decode().splitlines()[0])
    assert first["note"] == "callback on card [PAYMENT_CARD]"
    assert list(first) == list(lines[0])


def test_jsonl_bad_line_is_withheld_and_the_rest_redacted(engine: Engine) -> None:
    lines = samples.jsonl(samples.turns_lines()).decode().splitlines()
    lines.insert(2, '{"speaker": "customer", "text": "card 4111 1111 1111 1111"')  # truncated
    lines.insert(4, "")
    data = ("\n".join(lines) + "\n").encode()
    parsed, _, out = redact_bytes(engine, data)
    assert [(e.part, "invalid JSON" in e.message) for e in parsed.errors] == [("line[3]", True)]
    out_lines = out.decode().split("\n")
    assert len(out_lines) == len(lines) + 1 and out_lines[4] == ""
    assert json.loads(out_lines[2]) == {
        "callshield_error": "line 3 could not be read and was withheld"
    }
    for gold in samples.GOLD:
        assert gold.encode() not in out
    assert "4111" not in str(parsed.errors)


def test_jsonl_line_with_bad_words_is_withheld(engine: Engine) -> None:
    lines = samples.turns_lines()
    lines[3]["words"][0]["start"] = "soon"
    parsed, _, out = redact_bytes(engine, samples.jsonl(lines))
    assert [e.part for e in parsed.errors] == ["line[4]"]
    assert "words[0].start" in parsed.errors[0].message
    assert b"4111" not in out


@pytest.mark.parametrize(
    ("fmt", "data", "message"),
    [
        ("aws_transcribe", b'{"results": {"items": [', "invalid JSON at line 1"),
        ("aws_transcribe", b'{"results": []}', "results must be an object"),
        ("aws_transcribe", b'{"results": {"items": [{"type": "pronunciation"}]}}',
         "results.items[0].alternatives must be an array"),
        ("aws_transcribe", b'{"results": {"items": [], "segments": [{}]}}', "ShowAlternatives"),
        ("whisper", b'{"text": "a", "segments": {"0": 1}}', "segments must be an array"),
        ("whisper", b'{"segments": [{"text": 5}]}', "segments[0].text must be a string"),
        ("google_stt",
         b'{"results": [{"alternatives": [{"words": [{"word": "a", "endTime": "x"}]}]}]}',
         "results[0].words[0].end is not a time"),
        ("turns_jsonl", b"[1]\nnot json 4111111111111111\n", "no line is a JSON object"),
        ("chat_jsonl", b"\xff\xfe", "not UTF-8"),
    ],
    ids=["aws-json", "aws-results", "aws-item", "aws-alternatives", "whisper-segments",
         "whisper-text", "google-time", "turns-none", "chat-utf8"],
)  # fmt: skip
def test_malformed_input_is_a_clear_content_error(fmt: str, data: bytes, message: str) -> None:
    with pytest.raises(ContentError) as info:
        get_format(fmt).read(data, source="x")
    assert message in str(info.value)
    assert fmt in str(info.value)
    assert "4111" not in str(info.value)


SNIFF = [
    ("aws", samples.dumps(samples.aws()), "call.txt", "aws_transcribe"),
    ("aws-compact", json.dumps(samples.aws(labels="segments")).encode(), "", "aws_transcribe"),
    ("whisper", samples.dumps(samples.whisper()), "call.json", "whisper"),
    ("openai", samples.dumps(samples.whisper(top_words=True)), "", "whisper"),
    ("google", samples.dumps(samples.google()), "x.json", "google_stt"),
    ("google-operation",
     json.dumps({"name": "1", "done": True, "response": samples.google()}).encode(), "",
     "google_stt"),
    ("turns", samples.jsonl(samples.turns_lines()), "call.jsonl", "turns_jsonl"),
    ("chat", samples.jsonl(samples.chat_lines()), "", "chat_jsonl"),
    ("id-text-jsonl", b'{"id": 1, "text": "hello"}\n', "a.jsonl", "text"),
    ("other-json", b'{"results": {"score": 1}}', "a.json", "text"),
    ("broken-json", b'{"results": {"transcripts": [', "a.json", "text"),
    ("plain", b"card 4111 1111 1111 1111\n", "", "text"),
    ("empty", b"", "", "text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "filename", "expected"), [s[1:] for s in SNIFF], ids=[s[0] for s in SNIFF]
)
def test_sniffing_goes_by_structure(data: bytes, filename: str, expected: str) -> None:
    assert read_content(data, filename).format == expected


def test_format_override_wins(engine: Engine) -> None:
    parsed = read_content(samples.jsonl(samples.chat_lines()), "", "turns_jsonl")
    assert parsed.format == "turns_jsonl"
    assert read_content(samples.dumps(samples.aws()), "", "text").format == "text"


def test_mask_operator_output_lands_in_the_first_word(engine: Engine) -> None:
    parsed = read_content(samples.dumps(samples.aws()))
    result = scan(parsed.document, engine)
    from callshield.core.redaction import parse_operators

    ops = parse_operators({"PAYMENT_CARD": {"op": "mask", "keep_last": 4}})
    redacted = redact_document(parsed.document, result, engine, ops)
    items = json.loads(get_format("aws_transcribe").write(parsed, redacted))["results"]["items"]
    contents = [i["alternatives"][0]["content"] for i in items]
    at = contents.index("**** **** **** 1111")
    assert contents[at + 1 : at + 4] == ["", "", ""]


words_st = st.lists(st.text(alphabet="ab1.,", min_size=1, max_size=5), min_size=1, max_size=12)


@given(words=words_st, data=st.data())
@settings(max_examples=200, deadline=None)
def test_rewritten_words_join_to_the_redacted_text_and_keep_no_value(
    words: list[str], data: st.DataObject
) -> None:
    """Property of the writers' word rule: for any words and any redacted spans, the rewritten
    words joined as the text was built give exactly the redacted text, a span's replacement
    appears once, and no word keeps a character that lay inside a span."""
    text, aligned = joined_words(words, " ")
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if b > a]
    findings = [Finding(PAYMENT_CARD, Span(a, b), 1.0, "test", (), "fp", "s") for a, b in spans]
    result = redact(text, findings)
    reps = sorted(result.replacements, key=lambda r: r.original.start)
    pieces = [Piece("s", a.start, a.end) for a in aligned]
    new = [redacted_piece(p, result.text, reps) for p in pieces]
    # the text between words (spaces) maps the same way: rebuild from gaps and words
    rebuilt, pos = "", 0
    for piece, word in zip(pieces, new, strict=True):
        rebuilt += redacted_piece(Piece("s", pos, piece.start), result.text, reps) + word
        pos = piece.end
    rebuilt += redacted_piece(Piece("s", pos, len(text)), result.text, reps)
    assert rebuilt == result.text
    # a span that starts on a word (as every detector's does) shows up in exactly one word
    starts_on_word = [r for r in reps if text[r.original.start] != " "]
    assert "".join(new).count("[PAYMENT_CARD]") == len(starts_on_word)
    for piece, word in zip(pieces, new, strict=True):
        kept = [i for i in range(piece.start, piece.end) if not any(a <= i < b for a, b in spans)]
        assert len(word.replace("[PAYMENT_CARD]", "")) == len(kept)


def test_whisper_top_level_words_no_segment_takes_are_scanned(engine: Engine) -> None:
    """Segments with their own words and a top-level word list too: the top-level copy is
    scanned on its own rather than passed through."""
    doc = samples.whisper()
    doc["words"] = [dict(w, word=w["word"].strip()) for s in doc["segments"] for w in s["words"]]
    parsed, _, out = redact_bytes(engine, samples.dumps(doc))
    assert parsed.document.segments[-1].id == "words"
    assert "words: not assigned to segments; scanned on their own" in parsed.original.notices
    for gold in samples.GOLD:
        assert gold.encode() not in out


def test_whisperx_chars_are_emptied_where_redacted(engine: Engine) -> None:
    doc = samples.whisper()
    for seg in doc["segments"]:
        seg["chars"] = [{"char": c, "start": seg["start"], "end": seg["end"]} for c in seg["text"]]
    _, _, out = redact_bytes(engine, samples.dumps(doc))
    segments = json.loads(out)["segments"]
    assert segments[3]["chars"] == [] and segments[0]["chars"] != []


def test_a_turns_time_under_another_key_is_no_turn_of_its_own(engine: Engine) -> None:
    """ "start_time": "105.3" is the turn's time: read as a turn of its own it stood between
    the question and the answer (the social was read as a phone number) and a payment
    window took the times for card data."""
    lines = [
        {"speaker": "spk_0", "start_time": "96.6", "text": "what's your social"},
        {"speaker": "spk_1", "start_time": "105.3", "text": "three one nine four one five eight"
         " three zero"},
        {"speaker": "spk_0", "start_time": "118.6", "text": "and the card number please"},
        {"speaker": "spk_1", "start_time": "126.0", "text": "two two two three zero zero three"
         " one"},
        {"speaker": "spk_1", "start_time": "131.9", "text": "two two zero zero three two two two"},
    ]  # fmt: skip
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    parsed = read_content(data, "call.jsonl")
    found = scan(parsed.document, engine).findings
    assert [(f.segment_id, f.entity.name) for f in found] == [
        ("line[2]", "US_SSN"), ("line[4]", "PAYMENT_CARD"), ("line[5]", "PAYMENT_CARD"),
    ]  # fmt: skip
    assert parsed.document.segments[1].start_s == 105.3
