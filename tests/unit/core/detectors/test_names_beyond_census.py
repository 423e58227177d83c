"""Names that the 1990 US Census lists do not hold: said in lower-case speech-to-text, and
written with their accents in chats and e-mails.

The census lists behind PERSON hold few names that are not Anglo-American, so a caller named
"oluwakemi ogunwobi" or "vinaya balakrishnan" was left in clear after "my name is" (40% of
these names were fully redacted at the start of this work). The names are synthetic: Faker's
lists for locales that our own corpus generator does not use, folded to ASCII the way
speech-to-text writes them, in the places a name is stated, asked for or addressed. Written,
a name was cut at its first accented letter ("my name is José García" left "é García" in
clear): name words are read in any alphabet now.
"""

from __future__ import annotations

import pytest
from faker import Faker

from callshield import Engine
from callshield.evaluation.corpus import ascii_folded

LOCALES = ("en_IN", "vi_VN", "yo_NG", "tw_GH", "sw", "tr_TR", "pl_PL", "es_MX", "en_US")
TEMPLATES = (
    "yeah my name is {name}",
    "hi my name is {name} and i'm calling about my bill",
    "thank you for calling acme my name is {name} how can i help you today",
    "agent: can i have your name please\ncustomer: {name}",
    "hi {name}, thanks for holding",
)


def _as_asr(name: str) -> str:
    return ascii_folded(name).lower()


def _names(locale: str, count: int = 30) -> list[str]:
    fake = Faker(locale)
    fake.seed_instance(20261130)
    return [_as_asr(f"{fake.first_name()} {fake.last_name()}") for _ in range(count)]


def _fully_redacted(engine: Engine, text: str, name: str) -> bool:
    start = text.index(name)
    spans = [(f.span.start, f.span.end) for f in engine.scan(text) if f.entity.name == "PERSON"]
    return all(
        any(a <= k < b for a, b in spans)
        for k in range(start, start + len(name))
        if not text[k].isspace()
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_names_from_many_places_are_redacted_where_they_are_stated(
    engine: Engine, locale: str
) -> None:
    results = [
        _fully_redacted(engine, template.format(name=name), name)
        for name in _names(locale)
        for template in TEMPLATES
    ]
    share = sum(results) / len(results)
    # (the misses left: a one-letter surname, "de la o")
    assert share >= 0.95, f"{locale}: {share:.1%} of {len(results)} stated names fully redacted"


WRITTEN_LOCALES = (*LOCALES, "fr_FR", "de_DE", "pt_BR")
WRITTEN = (
    "Hi, I'm {name} and I need help with my order.",
    "My name is {name}.",
    "Thanks,\n{name}\nAcme Corp",
    "Hi {name}, thanks for reaching out!",
    "Customer: my name is {name}, I'm calling about my bill",
)


@pytest.mark.parametrize("locale", WRITTEN_LOCALES)
def test_written_names_keep_their_accents_and_are_redacted_whole(
    engine: Engine, locale: str
) -> None:
    fake = Faker(locale)
    fake.seed_instance(7)
    names = [f"{fake.first_name()} {fake.last_name()}" for _ in range(30)]
    results = [
        _fully_redacted(engine, template.format(name=name), name)
        for name in names
        for template in WRITTEN
    ]
    share = sum(results) / len(results)
    assert share >= 0.95, f"{locale}: {share:.1%} of {len(results)} written names fully redacted"


#: The places in a call where a name is said without "my name is": a speaker introducing
#: themself ("this is ... calling", after a greeting), a title, the agent's closing.
INTRODUCED = (
    "yeah hi this is {name} calling about my account",
    "metro cable, this is {first} speaking",
    "hi kelsey this is {name}",
    "ok thanks mr {last}, one moment",
    "alright youre all set thanks mr {last}",
    "thank you for calling pioneer travel {first} have a great day",
    "thanks for calling acme wireless, {first}, have a good one",
)


def _people(locale: str, count: int = 30) -> list[tuple[str, str]]:
    fake = Faker(locale)
    fake.seed_instance(20261201)
    return [(_as_asr(fake.first_name()), _as_asr(fake.last_name())) for _ in range(count)]


@pytest.mark.parametrize("locale", LOCALES)
def test_names_said_without_a_name_cue_are_redacted(engine: Engine, locale: str) -> None:
    results = []
    for first, last in _people(locale):
        for template in INTRODUCED:
            said = {"{name}": f"{first} {last}", "{first}": first, "{last}": last}
            key = next(k for k in said if k in template)
            text = template.replace(key, said[key])
            results.append(_fully_redacted(engine, text, said[key]))
    share = sum(results) / len(results)
    # (at 1b36558: en_IN 24%, yo_NG 1%, tw_GH 39%, sw 8%, tr_TR 5%, pl_PL 16%, es_MX 81%;
    # now 98-100% in every locale)
    assert share >= 0.95, f"{locale}: {share:.1%} of {len(results)} names fully redacted"


@pytest.mark.parametrize(
    "text",
    [
        "hi, this is ridiculous",
        "hi this is frustrating",
        "hey this is about my bill",
        "hello this is the third time i'm calling",
        "this is billing calling",
        "this is customer service calling",
        "im still calling about the same issue",
        "i'm tired from work",
        "thanks mr right",
        "you didn't miss anything",
        "thanks for calling metro cable, have a great day",
        "thank you for calling comcast have a great day",
        "thank you for calling acme wireless alright have a great day",
        "thanks for calling acme wireless, you too have a great day",
    ],
)
def test_words_in_those_places_that_are_no_names_are_left(engine: Engine, text: str) -> None:
    assert [f for f in engine.scan(text) if f.entity.name == "PERSON"] == []
