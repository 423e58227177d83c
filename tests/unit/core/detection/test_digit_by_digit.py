"""Numbers read out a digit at a time, as speech-to-text writes them: "my pin is 7 7 3 1",
"the code on the back is 4, 5, 6", "1-1-2-0", "four, five, six".

Speech-to-text engines write a number the caller reads digit by digit as single digits with
spaces, commas or dashes between them (and spoken words with a comma after each). Before this
was read, every short value so written was left in clear (a PIN, a CVV, the last four of a
social, a ZIP, an expiry, a date of birth) and a phone number lost only its first digits
("[PHONE] 6 7"). Values are synthetic: Faker with a fixed seed and published test cards.
"""

from __future__ import annotations

import random

import pytest

from callshield import Engine

_WORDS = "zero one two three four five six seven eight nine".split()

# (entity, cue before the value, value as digits)
CASES = (
    ("PIN", "my pin is", "7731"),
    ("PIN", "and the pin number is", "4096"),
    ("CARD_CVV", "the security code on the back is", "456"),
    ("CARD_CVV", "cvv", "8042"),
    ("US_SSN_LAST4", "the last four of my social are", "1120"),
    ("US_ZIP", "my zip code is", "62704"),
    ("CARD_EXPIRY", "the expiration date is", "0927"),
    ("DATE_OF_BIRTH", "my date of birth is", "03031984"),
    ("PHONE", "my phone number is", "4155550199"),
    ("US_SSN", "my social is", "078051120"),
    ("ABA_ROUTING", "the routing number is", "021000021"),
    ("PAYMENT_CARD", "the card number is", "4111111111111111"),
)


def _styles(digits: str) -> dict[str, str]:
    return {
        "spaces": " ".join(digits),
        "commas": ", ".join(digits),
        "dashes": "-".join(digits),
        "words with commas": ", ".join(_WORDS[int(d)] for d in digits),
        "a word then digits": " ".join([_WORDS[int(digits[0])], *digits[1:]]),
    }


def _covered(engine: Engine, text: str, start: int, end: int, entity: str) -> bool:
    spans = [(f.span.start, f.span.end) for f in engine.scan(text) if f.entity.name == entity]
    return all(any(a <= k < b for a, b in spans) for k in range(start, end) if text[k].isalnum())


@pytest.mark.parametrize(("entity", "cue", "digits"), CASES, ids=[c[0] for c in CASES])
def test_a_value_read_digit_by_digit_is_redacted_whole(
    engine: Engine, entity: str, cue: str, digits: str
) -> None:
    for style, said in _styles(digits).items():
        text = f"ok {cue} {said} thanks"
        start = text.index(said)
        assert _covered(engine, text, start, start + len(said), entity), (entity, style)


def test_random_pins_and_codes_in_every_style_are_redacted() -> None:
    engine = Engine()
    rng = random.Random(20261130)
    missed = []
    for _ in range(60):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice((4, 6))))
        for style, said in _styles(digits).items():
            text = f"customer: yeah my pin is {said}\nagent: thank you"
            start = text.index(said)
            if not _covered(engine, text, start, start + len(said), "PIN"):
                missed.append(style)
    assert not missed


@pytest.mark.parametrize(
    "text",
    [
        "the options are 1, 2, 3 or 4",
        "i have 2 three year olds",
        "the order was 1 2 3 4 5 6 7 8 and it shipped",
        "version 1.2.3 is installed",
        "you can press 1 2 or 3",
        "it took 4-5-6 minutes",
        "the score was 3 2 1",
    ],
)
def test_digits_one_at_a_time_without_a_cue_are_not_findings(engine: Engine, text: str) -> None:
    assert engine.scan(text) == []


def test_digits_read_in_groups_keep_their_groups(engine: Engine) -> None:
    # a pause between groups of several digits is a group mark, not a pause after each digit
    normalised = engine.normalise("the card is four one one one, one one one one")
    assert normalised is not None
    assert "4111 1111" in normalised.text
    # and one after each digit is not
    normalised = engine.normalise("the code is 4, 5, 6 ok")
    assert normalised is not None
    assert normalised.text == "the code is 456 ok"


def _key_trace(prompt: str, digits: str) -> str:
    """A telephony trace: the prompt, one line a key press, the terminator, the result."""
    lines = [f"10:50:21.150 IVR  PLAY   PROMPT_{prompt}"]
    for i, digit in enumerate(digits):
        lines.append(f"10:50:{23 + i:02d}.575 RTP  DTMF   digit='{digit}' dur=139ms vol=-7dBm0")
    lines.append(f"10:50:{24 + len(digits):02d}.347 RTP  DTMF   digit='#' dur=160ms")
    lines.append(f"10:50:{25 + len(digits):02d}.287 IVR  RESULT {prompt} len={len(digits)} ok")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("prompt", "digits", "entity"),
    [
        ("ENTER_PIN", "3574", "PIN"),
        ("ENTER_OTP", "954764", "ONE_TIME_CODE"),
        ("ENTER_SSN", "185895349", "US_SSN"),
        ("DOB", "10131946", "DATE_OF_BIRTH"),
    ],
)
def test_key_presses_one_a_line_are_read_as_the_number_the_prompt_asked_for(
    engine: Engine, prompt: str, digits: str, entity: str
) -> None:
    text = _key_trace(prompt, digits)
    first = text.index("digit='") + len("digit='")
    last = text.rindex(f"digit='{digits[-1]}'") + len("digit='")
    found = [f for f in engine.scan(text) if f.entity.name == entity]
    assert [(f.span.start, f.span.end) for f in found] == [(first, last + 1)]
    assert "#" not in text[first : last + 1]  # the terminator is no digit of the value


def test_menu_choices_keyed_one_a_line_are_no_findings(engine: Engine) -> None:
    # read as one number, menu choices are a number that nothing names
    assert engine.scan(_key_trace("MAIN_MENU", "12")) == []
    assert engine.scan(_key_trace("MAIN_MENU", "1203")) == []


def test_a_homophone_among_digits_written_one_at_a_time(engine: Engine) -> None:
    # "7 5 for 0 6": speech-to-text wrote the caller's four as "for" between digits; with two
    # digits on one side the run is read as one number, the homophone a digit of it
    text = "agent: What ZIP code is on the account?\ncust: 7 5 for 0 6 thanks"
    start = text.index("7 5")
    assert _covered(engine, text, start, start + len("7 5 for 0 6"), "US_ZIP")
    # a range and a price stay as they are written
    assert engine.scan("delivery in 3 to 5 days, 4 for 10 dollars") == []
