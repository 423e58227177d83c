"""Speech-to-text transcripts with a transcriber's marks between the words, read without them."""

from __future__ import annotations

from callshield import Engine
from callshield.core.asr_markup import markup_reading
from callshield.pipeline import scan_text

#: LDC Fisher style (synthetic: a reserved 555-01xx number, made-up name and values).
FISHER = (
    "20.50 22.91 A: can i get the account number please\n"
    "23.53 26.36 B: yes ((too five)) seven oh two [lipsmack] nineteen seven three one\n"
    "27.10 28.40 A: and the date of birth\n"
    "28.88 31.55 B: um december eighteenth nineteen [laughter] ninety-five\n"
    "32.03 33.69 A: what's the best phone ((number on)) the [laughter] account\n"
    "34.16 36.94 B: sure six one seven ((five five)) five zero one oh too\n"
)
#: NIST disfluency tags and speakers' tags.
NIST = (
    ";; <hes>=hesitation [noise]=non-speech {laugh}=laughter (())=unintelligible\n"
    "<spk A> can i get your first and last name please\n"
    "<spk B> <unk> samantha mahoney\n"
    "<spk A> what's the phone number associated with the account\n"
    "<spk B> um five zero three triple <hes> five %uh zero (()) double won nine\n"
)


def test_the_reading_leaves_the_marks_out() -> None:
    reading = markup_reading(FISHER)
    assert reading is not None
    said = reading.transcript
    assert "B: yes too five seven oh two nineteen seven three one" in said
    assert "nineteen ninety-five" in said
    assert "six one seven five five five zero one oh too" in said
    nist = markup_reading(NIST)
    assert nist is not None
    assert "\nB: samantha mahoney\n" in nist.transcript.replace("  ", " ")
    assert "five zero three triple five zero double won nine" in nist.transcript


def test_a_few_marks_make_no_such_transcript() -> None:
    assert markup_reading("Agent: thanks [laughs] sure\nCustomer: ok (( ))") is None


def test_values_said_across_marks_are_redacted_whole(engine: Engine) -> None:
    found = {(f.entity.name, FISHER[f.start : f.end]) for f in scan_text(FISHER, engine)}
    # (the homophone "too" opening the value after "yes", with digits after it, is its first
    # digit)
    assert ("BANK_ACCOUNT", "too five)) seven oh two [lipsmack] nineteen seven three one") in found
    assert not any(FISHER[f.start : f.end] == "34.16 36.94" for f in scan_text(FISHER, engine))
    assert ("PHONE", "six one seven ((five five)) five zero one oh too") in found
    assert any(
        name == "DATE_OF_BIRTH" and value.endswith("nineteen [laughter] ninety-five")
        for name, value in found
    )
    said = {(f.entity.name, NIST[f.start : f.end]) for f in scan_text(NIST, engine)}
    assert ("PERSON", "samantha mahoney") in said
    # (whole; read as the account's, the word nearest it: the label is not at issue here)
    phone = [value for name, value in said if name in ("PHONE", "BANK_ACCOUNT")]
    assert phone == ["five zero three triple <hes> five %uh zero (()) double won nine"]


#: Switchboard-DAMSL style: a dialog act's tag, the speaker's turn and utterance, braces.
SWDA = (
    "*x* A = agent, B = caller\n\n"
    "qy          A.17 utt1: What's the expiration on that card? /\n"
    "sd          B.18 utt1: Okay, so oh four two seven /\n"
    "qy          A.19 utt1: The CVV, please? -/\n"
    "sv          B.20 utt1: {F Well, } it's eight six eight three. /\n"
    "qy          A.21 utt1: Billing zip? -/\n"
    "sv          B.22 utt1: Uh, let me see... /\n"
    "sd          B.22 utt2: nine zero eight double four /\n"
)


def test_switchboard_dialog_acts_are_read_as_turns(engine: Engine) -> None:
    reading = markup_reading(SWDA)
    assert reading is not None
    assert "\nB: Well, it's eight six eight three.\n" in reading.transcript
    found = {(f.entity.name, SWDA[f.start : f.end]) for f in scan_text(SWDA, engine)}
    assert ("CARD_EXPIRY", "oh four two seven") in found
    assert ("CARD_CVV", "eight six eight three") in found
    assert ("US_ZIP", "nine zero eight double four") in found
