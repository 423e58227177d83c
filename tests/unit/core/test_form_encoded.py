"""Form-encoded fields (a webhook log's captured bodies) read as their values say, and mapped
back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.form_encoded import form_reading
from callshield.pipeline import scan_text

#: A transcription webhook's captured requests (synthetic: a Faker-style name, a reserved
#: 555-01xx number, a 9xx social). Each line is one utterance: who spoke in `Track`, what was
#: said in `TranscriptionText`, blanks as plus signs, an apostrophe and an accent escaped.
HOOKS = (
    "# webhook capture (application/x-www-form-urlencoded)\n"
    "10:28:12.555 POST 204 CallSid=CA0ecc&Track=outbound&Seq=7"
    "&TranscriptionText=who+am+i+speaking+with+today\n"
    "10:28:14.378 POST 204 CallSid=CA0ecc&Track=inbound&Seq=9"
    "&TranscriptionText=first+name+dominika+last+name+proch%C3%A1zka\n"
    "10:28:21.779 POST 204 CallSid=CA0ecc&Track=outbound&Seq=11"
    "&TranscriptionText=can+you+verify+your+date+of+birth\n"
    "10:28:24.686 POST 204 CallSid=CA0ecc&Track=inbound&Seq=13"
    "&TranscriptionText=yeah+it%27s+1+19+1993\n"
    "10:28:27.110 POST 204 CallSid=CA0ecc&Track=outbound&Seq=15"
    "&TranscriptionText=and+your+social+security+number\n"
    "10:28:30.554 POST 204 CallSid=CA0ecc&Track=inbound&Seq=17"
    "&TranscriptionText=nine+nine+five+three+eight+eight+seven+four+one\n"
    "10:28:32.318 POST 204 CallSid=CA0ecc&Track=outbound&Seq=19"
    "&TranscriptionText=best+callback+number\n"
    "10:28:34.799 POST 204 CallSid=CA0ecc&Track=inbound&Seq=21"
    "&TranscriptionText=seven+one+three+five+five+five+oh+one+four+oh\n"
)


def test_each_line_read_as_a_turn_and_mapped_back() -> None:
    reading = form_reading(HOOKS)
    assert reading is not None
    assert "outbound: who am i speaking with today\n" in reading.transcript
    assert "inbound: first name dominika last name procházka\n" in reading.transcript
    assert "inbound: yeah it's 1 19 1993\n" in reading.transcript
    at = reading.transcript.index("procházka")
    spans = reading.to_raw([(at, at + len("procházka"))])[0]
    assert "".join(HOOKS[lo:hi] for lo, hi in spans) == "proch%C3%A1zka"


def test_fields_without_a_speaker_are_decoded_in_place() -> None:
    line = "GET /signup?email=jo.lee%40example.com&plan=gold+plus&ref=ad HTTP/1.1\n"
    reading = form_reading(line)
    assert reading is not None
    assert reading.transcript == (
        "GET /signup?email=jo.lee@example.com&plan=gold plus&ref=ad HTTP/1.1\n"
    )


def test_no_reading_without_encoded_form_fields() -> None:
    assert form_reading("Agent: 2 + 2 & more = fun") is None
    assert form_reading("GET /a?x=1&y=2 HTTP/1.1") is None
    # (a stray percent sign is left as it is; the blank beside it is read)
    stray = form_reading("a=1&b=%ZZ+x")
    assert stray is not None and stray.transcript == "a=1&b=%ZZ x"


def test_encoded_values_are_redacted_whole(engine: Engine) -> None:
    found = scan_text(HOOKS, engine)
    covered = {i for f in found for i in range(f.start, f.end)}

    def whole(piece: str) -> bool:
        at = HOOKS.index(piece)
        return all(HOOKS[i] == "+" or i in covered for i in range(at, at + len(piece)))

    assert whole("dominika")
    assert whole("proch%C3%A1zka")
    assert whole("1+19+1993")
    assert whole("nine+nine+five+three+eight+eight+seven+four+one")
    assert whole("seven+one+three+five+five+five+oh+one+four+oh")
    assert not any("who+am+i" in HOOKS[f.start : f.end] for f in found)


def test_an_htk_label_file_s_words_are_read_as_turns(engine: Engine) -> None:
    from callshield.core.ctm import mlf_reading

    words = {
        "A_001": "WHAT IS YOUR ZIP CODE",
        "B_002": "IT'S ONE ZERO NINE TWO THREE",
        "A_003": "AND A PHONE NUMBER",
        "B_004": "SIX ONE TWO FIVE FIVE FIVE ZERO ONE TWO FIVE",
    }
    text = "#!MLF!#\n" + "".join(
        f'"*/cc84724_{name}.lab"\n'
        + "".join(f"{k * 400000} {k * 400000 + 300000} {w}\n" for k, w in enumerate(said.split()))
        + ".\n"
        for name, said in words.items()
    )
    reading = mlf_reading(text)
    assert reading is not None
    assert reading.transcript.splitlines()[1] == "B: IT'S ONE ZERO NINE TWO THREE"
    found = scan_text(text, engine)
    for word in ("NINE", "TWO", "THREE"):
        at = text.index(f" {word}\n", text.index("B_002")) + 1
        assert any(f.start <= at < f.end for f in found), word


def test_a_transcript_kept_as_one_json_string_is_read_as_its_lines(engine: Engine) -> None:
    import json

    said = (
        "[00:00:51] Agent: What's the passport number, exactly as printed?\n"
        "[00:00:54] Customer: F59281082.\n"
        "[00:01:03] Agent: Go ahead with the card number when you're ready.\n"
        "[00:01:06] Customer: Ready? 5200-8282...\n"
        "[00:01:09] Agent: Okay.\n"
        "[00:01:11] Customer: Then 8282 8210.\n"
    )
    text = json.dumps({"call": {"id": 96717168, "transcript": said}}, indent=2)
    found = scan_text(text, engine)
    for piece in ("F59281082", "5200-8282", "8282 8210"):
        at = text.index(piece)
        assert any(f.start <= at and at + len(piece) <= f.end for f in found), piece
