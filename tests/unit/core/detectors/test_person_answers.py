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
