"""A name given on the line after the question for it, whatever the answer's label."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.pipeline import scan_text


@pytest.mark.parametrize("label", ["customer", "speaker", "speaker 1", "spk_1", "A"])
def test_the_answers_label_is_no_part_of_the_name(engine: Engine, label: str) -> None:
    text = f"agent: who do i have the pleasure of speaking with\n{label}: it's crystal clark\n"
    names = [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert names == ["crystal clark"]


def _names(text: str, engine: Engine) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the agent greeted by name before the answer to the question for the caller's name
        ("agent: may i have your first and last name\ncaller: hi darrell, yeah it's kristen"
         " smith\n", ["darrell", "kristen smith"]),
        # ... or before the caller offers it, with or without the comma
        ("agent: this is maria, how can i help\ncaller: hi maria, yeah it's tamara little\n",
         ["maria", "maria", "tamara little"]),
        ("CUSTOMER\thi david yeah it's adam ramirez\n", ["adam ramirez"]),
        # "it's" before no census first name says no name
        ("caller: hi maria, yeah it's about my bill\n", ["maria"]),
        ("caller: hi sam, it's will from the office\n", ["sam"]),
        # speech-to-text's pause between a first name and a surname
        ("agent: who am i speaking with\ncaller: yeah hi, this is nancy... rodriguez\n",
         ["nancy... rodriguez"]),
        # (but no sentence after the pause: "Anyway" is no surname)
        ("my name is Dana... Anyway I called about my bill", ["Dana"]),
    ],
)  # fmt: skip
def test_a_caller_s_name_after_greeting_the_agent_or_a_pause(
    engine: Engine, text: str, names: list[str]
) -> None:
    assert _names(text, engine) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a name stated in Portuguese, French or Vietnamese before the caller switches to
        # English; the cue's accented last letter is no part of the name
        ("Oi, boa tarde. Meu nome é Isabelly Nascimento, I'm calling about my account.",
         ["Isabelly Nascimento"]),
        ("Bonjour, je m'appelle Cécile Antoine et j'appelle pour une facture",
         ["Cécile Antoine"]),
        ("Khách hàng: Chị tên là Hoàng Thị Mai.", ["Hoàng Thị Mai"]),
        ("Meu nome é Bryan Cunha, I'm calling", ["Bryan Cunha"]),
    ],
)  # fmt: skip
def test_a_name_stated_in_another_language(engine: Engine, text: str, names: list[str]) -> None:
    assert _names(text, engine) == names


def test_a_contraction_before_a_name_is_no_part_of_it(engine: Engine) -> None:
    its = "It's"
    # (read as a record's "Caller: <name>" line once the spelling is normalised away, "It's
    # Timothy Sagar" was a name of three words, and every "it's" of the call the same name)
    text = (
        "AGENT:    Can I have your full name, please?\n"
        f"CALLER:   {its} Timothy Sagar, that's S as in sierra A as in alpha G as in golf A"
        " as in alpha R as in romeo.\n"
        "AGENT:    Can you confirm the phone number on the account?\n"
        f"CALLER:   Um, {its} (614) 555-0116.\n"
    )
    names = _names(text, engine)
    assert names and all(not name.lower().startswith(its.lower()) for name in names)
    assert all("Timothy" in name for name in names)


@pytest.mark.parametrize(
    "text",
    [
        # a script's turn wrapped at a column, inside a letter's "as in"
        "AGENT:    Can I have your full name, please?\n"
        "CALLER:   It's Timothy Sagar, that's S as in sierra A as in alpha G as in\n"
        "          golf A as in alpha R as in romeo.\n"
        "AGENT:    Thank you.\n",
        # a deposition's numbered lines
        "11      Q.  Who am I speaking with?\n"
        "12      A.  This is Nisa van Vermandois, that's V as in victor E\n"
        "13          as in echo R as in romeo M as in mike A as in alpha\n"
        "14          N as in november D as in delta O as in oscar I as in\n"
        "15          india S as in sierra.\n"
        "16      Q.  And your phone?\n",
        # a table's rows, a turn wrapped over two of them
        " 499b15df |   6 | customer |            Yeah, it's Jeremy Lucas.\n"
        " 499b15df |   7 |    agent |   Could you spell the last name for me?\n"
        " 499b15df |   8 | customer |     Sure, L as in Larry, U as in uncle, C as in\n"
        " 499b15df |   9 | customer |            Charlie, A as in apple, S as in Sam.\n"
        " 499b15df |  10 |    agent |   What's the best callback number for you?\n",
    ],
    ids=["script", "deposition", "table"],
)
def test_a_spelling_wrapped_over_lines_is_redacted_whole(engine: Engine, text: str) -> None:
    redacted = engine.redact(text).text
    # no word of the radio alphabet's spelling is left, on either line of the wrap
    for word in (
        "sierra",
        "golf",
        "romeo",
        "victor",
        "echo",
        "november",
        "india",
        "Larry",
        "uncle",
        "Charlie",
        "apple",
        "Sam",
    ):
        assert f" {word}" not in redacted
    assert "Q." in redacted or "AGENT" in redacted or "agent" in redacted


def test_a_name_spelled_with_portuguese_letter_names(engine: Engine) -> None:
    text = (
        "Atendente: Thank you for calling Summit Ridge Bank, this is Chloe.\n"
        "Cliente: Oi, boa tarde. Meu nome é Pietro Gonçalves, I'm calling about my account.\n"
        "Atendente: Claro, sem problema. Pode soletrar o sobrenome pra mim?\n"
        "Cliente: g de gato, ó, ene, cê, a, l de lua, vê, é, esse.\n"
        "Atendente: Obrigada.\n"
    )
    # (the spelling without its cedilla is the surname said before)
    assert "g de gato, ó, ene, cê, a, l de lua, vê, é, esse" in _names(text, engine)


def test_a_letters_field_after_its_closing_is_no_signers_name(engine: Engine) -> None:
    assert _names("Sincerely,\nencl: Explanation of Benefits (page 1 of 4)\n", engine) == []
    assert _names("Best regards,\nMaria Lopez\n", engine) == ["Maria Lopez"]
