"""A SAMI caption file read as the captions it shows, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.captions import jefferson_reading, lrc_reading, sami_reading
from callshield.pipeline import scan_text

#: A captioned call (synthetic: a published test card number, a made-up PIN), the captions
#: wrapped with <br> inside the card number, the speakers' labels escaped.
SAMI = (
    "<SAMI>\n<HEAD><TITLE>CALL 4213</TITLE></HEAD>\n<BODY>\n"
    "<SYNC Start=2789><P Class=ENUSCC>&gt;&gt; AGENT: CAN YOU GIVE ME YOUR FOUR<br>DIGIT PIN?\n"
    "<SYNC Start=7572><P Class=ENUSCC>&nbsp;\n"
    "<SYNC Start=8713><P Class=ENUSCC>&gt;&gt; CALLER: IT'S 5432.\n"
    "<SYNC Start=9713><P Class=ENUSCC>&gt;&gt; AGENT: AND THE CARD NUMBER?\n"
    "<SYNC Start=12713><P Class=ENUSCC>&gt;&gt; CALLER: FOUR ONE ONE ONE, ONE ONE ONE ONE,<br>"
    "ONE ONE ONE ONE, ONE ONE ONE ONE.\n"
    "</BODY>\n</SAMI>\n"
)


def test_captions_read_a_line_each_escapes_and_breaks_decoded() -> None:
    reading = sami_reading(SAMI)
    assert reading is not None
    assert [line.rstrip() for line in reading.transcript.splitlines()] == [
        ">> AGENT: CAN YOU GIVE ME YOUR FOUR DIGIT PIN?",
        ">> CALLER: IT'S 5432.",
        ">> AGENT: AND THE CARD NUMBER?",
        ">> CALLER: FOUR ONE ONE ONE, ONE ONE ONE ONE, ONE ONE ONE ONE, ONE ONE ONE ONE.",
    ]
    at = reading.transcript.index("5432")
    assert [SAMI[lo:hi] for lo, hi in reading.to_raw([(at, at + 4)])[0]] == ["5432"]


def test_a_card_number_wrapped_over_caption_lines_is_redacted(engine: Engine) -> None:
    found = scan_text(SAMI, engine)
    for piece in (
        "FOUR ONE ONE ONE, ONE ONE ONE ONE,",
        "ONE ONE ONE ONE, ONE ONE ONE ONE.",
        "5432",
    ):
        at = SAMI.index(piece)
        stop = at + len(piece.rstrip(",."))
        assert all(
            any(f.start <= i < f.end for f in found) for i in range(at, stop) if SAMI[i].isalnum()
        ), piece


def test_no_reading_without_captions() -> None:
    assert sami_reading("<p>Agent: hello</p>") is None


#: A call as enhanced (karaoke) LRC: each word after the time it starts at (synthetic: a
#: 555-01xx phone number, a 666 social).
LRC = (
    "[ti:Summit Account Resolution inbound]\n[by:callrec-lrc 1.4]\n"
    "[00:18.54]A: <00:18.54>Can <00:19.12>you <00:19.40>verify <00:20.42>the <00:20.76>phone"
    " <00:21.18>number?\n"
    "[00:23.16]C: <00:23.16>Area <00:23.65>code <00:24.04>312, <00:24.34>then\n"
    "[00:25.95]A: <00:25.95>Mm-hm.\n"
    "[00:27.90]C: <00:27.90>555 <00:28.22>0157.\n"
    "[00:29.79]A: <00:29.79>And <00:31.42>your <00:32.68>social, <00:33.71>please.\n"
    "[00:38.50]C: <00:38.50>six <00:38.75>six <00:39.20>six, <00:39.53>five <00:39.98>oh"
    " <00:40.33>nine <00:40.71>three <00:41.02>one <00:41.33>one <00:41.64>two.\n"
)


def test_karaoke_lrc_reads_as_its_lines_with_the_word_times_left_out() -> None:
    reading = lrc_reading(LRC)
    assert reading is not None
    lines = reading.transcript.splitlines()
    assert lines[1] == "C: Area code 312, then"
    assert lines[-1] == "C: six six six, five oh nine three one one two."
    found = {(f.entity.name, LRC[f.start : f.end].strip()) for f in scan_text(LRC, Engine())}
    # each word of the values is found where the file writes it, between the times
    assert {("PHONE", "312"), ("PHONE", "555"), ("PHONE", "0157")} <= found
    assert ("US_SSN", "six") in found and ("US_SSN", "two") in found
    assert not any(value.startswith("<") for _, value in found)


def test_lines_without_word_times_are_no_karaoke_lrc() -> None:
    plain = "[00:01.00]Hello there\n[00:02.00]Call me at 555\n[00:03.00]Bye\n"
    assert lrc_reading(plain) is None


#: A call transcribed in conversation analysts' (Jefferson's) notation (synthetic).
JEFFERSON = (
    "Data: health_inbound_027   Transcribed: CA conventions (Jefferson)\n\n"
    "  1  AGT:   Thank you for calling, my name is Michael. Who do I (0.4) have .hhh the\n"
    "  2         pleasure of speaking with (1.1) today?\n"
    "  3  CLR:   Hey, it's David.\n"
    "  4  AGT:   [And just the last four digits of your Social Security\n"
    "  5         number?\n"
    "  6  CLR:   So oh three five seven.\n"
    "  7  AGT:   And what's the zip (.) on the account?\n"
    "  8  CLR:   seven one nine (0.9) three five.\n"
)


def test_jefferson_notation_reads_as_a_labelled_call_without_its_marks() -> None:
    reading = jefferson_reading(JEFFERSON)
    assert reading is not None
    assert reading.transcript.splitlines() == [
        "AGT: Thank you for calling, my name is Michael. Who do I have the pleasure of"
        " speaking with today?",
        "CLR: Hey, it's David.",
        "AGT: And just the last four digits of your Social Security number?",
        "CLR: So oh three five seven.",
        "AGT: And what's the zip on the account?",
        "CLR: seven one nine three five.",
    ]
    found = {(f.entity.name, JEFFERSON[f.start : f.end]) for f in scan_text(JEFFERSON, Engine())}
    assert ("US_SSN_LAST4", "oh three five seven") in found
    # the ZIP said over a pause: both of its pieces, not the pause's mark
    assert ("US_ZIP", "seven one nine") in found and ("US_ZIP", "three five") in found


def test_numbered_lines_without_speakers_are_no_jefferson_transcript() -> None:
    assert jefferson_reading("  1  first item\n  2  second item\n  3  third (0.5) item\n") is None


#: A call as a court reporter certifies its transcript: numbered lines, "THE CALLER:" labels,
#: a turn's next lines numbered too, a page break (synthetic).
CERTIFIED = (
    "                    RECORDED CALL - CERTIFIED TRANSCRIPT\n\n"
    " 9    THE AGENT: sure, first i need to verify a few things\n"
    "10    THE AGENT: and the sixteen digit card number\n"
    "11    THE CALLER: four one double one\n"
    "12    THE AGENT: yep\n"
    "13    THE CALLER: one double one one eleven eleven eleven\n"
    "14    eleven\n"
    "15    THE AGENT: and when does it expire\n"
    "\n                                                  Page 2\n"
    " 1    THE CALLER: february of twenty thirty\n"
)


def test_a_certified_transcript_reads_as_a_labelled_call_without_its_line_numbers() -> None:
    reading = jefferson_reading(CERTIFIED)
    assert reading is not None
    assert reading.transcript.splitlines()[4:6] == [
        "THE CALLER: one double one one eleven eleven eleven eleven",
        "THE AGENT: and when does it expire",
    ]
    found = [
        CERTIFIED[f.start : f.end]
        for f in scan_text(CERTIFIED, Engine())
        if f.entity.name == "PAYMENT_CARD"
    ]
    # the card's last piece, on the turn's next line after that line's number
    assert found[-1] == "eleven" and CERTIFIED.count("eleven") == 4
