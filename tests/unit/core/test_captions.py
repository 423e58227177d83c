"""A SAMI caption file read as the captions it shows, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.captions import sami_reading
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
