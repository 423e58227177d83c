"""Spoken forms: normalisation to written values and the offset map back to the words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callshield.core.detection.spoken import normalise, tokenize

NORMALISED = [
    ("card is four one one one one", "card is 41111"),
    ("zero oh five", "005"),
    ("double five triple seven", "55777"),
    ("forty one eleven", "4111"),
    ("nine oh two one oh", "90210"),
    ("four one, uh, two three ... five six", "41 23 56"),
    ("twenty twenty five", "2025"),
    ("two thousand and five", "2005"),
    ("nineteen eighty five", "1985"),
    ("sixty two hundred", "6200"),
    ("is won two one", "is 121"),
    # homophones run together with digits by a recogniser ("wontwo", "ninetree"); English
    # words made of such sounds stay words
    ("it's seven wontwo ninetree", "it's 71293"),
    ("atone for often wonton", None),
    ("one two three for you", "123 for you"),
    ("eight eight to\nnext", "882\nnext"),
    # a homophone after a word that starts an answer, then three digits at least, is a digit
    # ("okay for nine one one", "sure tree one four"); before fewer it is the word
    ("okay for nine one one eight eight", "okay 491188"),
    ("sure tree one four double five", "sure 31455"),
    ("hold on for oh seven double three six", "hold on 407336"),
    ("okay for two people", None),
    ("so to one two", "so to 12"),
    # "err" is a hesitation as "er" is; a filler phrase ends on a pause's dots
    ("three one two err five fifty five", "312 555"),
    ("eight zero one triple five let me check... zero one niner six", "801555 0196"),
    # a caller searching their memory mid-number: "what is it" is a hesitation too
    ("four seven two five um what is it seven oh four three", "4725 7043"),
    ("one two let's see three four", "12 34"),
    ("okay\num tree one three five five", "okay\num 31355"),
    ("i want um to one two", "i want um to 12"),
    ("i want to one two", "i want to 12"),
    ("march third", "march 3"),
    ("five two three dash four five dash six seven", "523-45-67"),
    ("oh nine slash twenty six", "09/26"),
    # a date's year said in pairs right after its day: set apart, not glued to the day
    ("oh three slash two six nineteen ninety eight", "03/26/1998"),
    ("march two six nineteen ninety eight", "march 26 1998"),
    ("the code two six nineteen ninety eight", "the code 261998"),
    ("four one, uh, dash, one one", "41-11"),
    ("one two three dash", "123 dash"),
    ("dash one two", "dash 12"),
    ("the twenty first of june", "the 21 of june"),
    # a compound number as one hyphenated word, as most speech-to-text engines write it
    ("forty-one eleven", "4111"),
    ("nineteen eighty-five", "1985"),
    ("nineteen hundred eighty-five", "1985"),
    ("twenty-one thirty-four", "2134"),
    ("march twenty-seventh", "march 27"),
    ("forty - one", "40 1"),
    ("forty-oh", None),
    # a number written in groups of three is its digits; amounts and broken groups stay
    ("account 12,345,678 ok", "account 12345678 ok"),
    ("card 4,111,111,111,111,111.", "card 4111111111111111."),
    ("$1,250,000 and 1,234,567.89", None),
    ("1,234,5678 and 12,34,567 and 1,234", None),
    ("one two three and 12,345,678", "123 and 12345678"),
    ("s m i t h", "SMITH"),
    # letters spelled with a word each, as agents ask callers to; one is enough before digits
    ("smith, s as in sam, m as in mary, i, t, h", "smith, SMITH"),
    ("b as in boy, o as in ocean, b as in boy", "BOB"),
    # ("x as in x-ray": its word written in three tokens)
    ("m a x as in x-ray w e l l", "MAXWELL"),
    ("license d as in david one two three four five", "license D 12345"),
    ("it is a as in apple", None),
    ("the policy is fine as in good", None),
    ("S-T-O-N-E.", "STONE."),
    # a spelling wrapped over lines where a letter's "as in" is cut: the next line's prefix
    # (indent, a line number, a table row's cells, a caption's time) is part of it, and after
    # such a cut the spelling goes on from line to line; not where no letter was cut, nor
    # where the next line's text opens with another word
    ("that's s as in sierra a as\n     in alpha g as in golf.", "that's SAG."),
    (
        "12   A.  v as in victor e\n13       as in echo r as in romeo\n14       n as in nancy",
        "12   A.  VERN",
    ),
    (
        "| 8 | customer | l as in larry, u as in |\n| 9 | customer | uncle, c as in cat |",
        "| 8 | customer | LUC |",
    ),
    ("b as in boy o as\n\n  in ocean b as in boy", "BOB"),
    ("m as in mike a as in alpha\nagent: r as in romeo o as in oscar", "MA\nagent: RO"),
    ("n i e r m a n n\nagent: was that n as in nora i as in ida", "NIERMANN\nagent: was that NI"),
    ("it is a as in\napple pie", None),
    # letters by their Portuguese or Spanish names, between commas (not words in a sentence)
    ("ene, a, esse, cê, i, m de maria, é, ene, tê, ó", "NASCIMENTO"),
    ("efe, ó, gê, a, cê, a de amor.", "FOGACA."),
    ("esse é o meu nome", None),
    # (a spelled letter without its accent, as a name's spelling is compared)
    ("o r d ó ñ e z", "ORDONEZ"),
    # a letter said twice, a compound name's parts joined, on a line of letters only; an
    # e-mail's or a code's parts (with digits) are left apart for their own readers
    # an IP address said with "period" for its dots, as some speech-to-text engines write it
    ("ip one nine two period one six eight period one period sixty one", "ip 192.168.1.61"),
    ("h a double r i s", "HARRIS"),
    # a letter spelled with "like" or "for" and a word that starts with it
    ("h o like ocean l t like thomas", "HOLT"),
    ("a for apple b for boy c", "ABC"),
    ("it was b for a while", None),
    # ... and in French, Spanish and Portuguese: "comme", "como", "de"
    ("G A U D I N comme Nicolas.", "GAUDIN."),
    ("a comme anatole n t comme thérèse o i n comme nicolas e", "ANTOINE"),
    ("d como diego i a z", "DIAZ"),
    ("m de maria a i a", "MAIA"),
    ("e de estos", None),
    ("m c g double e dash e d w a r d s", "MCGEE-EDWARDS"),
    ("s t space c l a i r, like it sounds", "ST CLAIR, like it sounds"),
    ("mike charlie golf echo echo hyphen echo delta", "MCGEE-ED"),
    ("j a c k dash n o r t h at gmail dot com", "JACK-NORTH@gmail.com"),
    ("six two quebec k hyphen g six b s", "62 QK hyphen g six b s"),
    # numbered streets said as ordinals, apart from the house number before them
    ("seventy two eighty one one hundred fourth place", "7281 104th place"),
    ("nine six two oh one hundred twenty first avenue", "9620 121st avenue"),
    ("four ten twenty second street", "410 22nd street"),
    ("john dot smith at gmail dot com", "john.smith@gmail.com"),
    (
        "jane underscore doe eighty five at acme dash corp dot co dot uk",
        "jane_doe85@acme-corp.co.uk",
    ),
    # speech-to-text writes some domain labels as two words, and spelled letters in pairs
    ("mary at g mail dot com", "mary@gmail.com"),
    ("john dot smith at out look dot com", "john.smith@outlook.com"),
    ("a dot b c at g mail dot com", "a.bc@gmail.com"),
    ("i was at the mall dot com", None),
    # a local part split into words right after an e-mail cue is one local part
    ("my email is jane doe at gmail dot com", "my email is janedoe@gmail.com"),
    ("email address: mary ann smith at yahoo dot com", "email address: maryannsmith@yahoo.com"),
    ("i met john doe at gmail dot com", "i met john doe@gmail.com"),
    # one digit said alone after a number and a pause, where the utterance ends: its last
    ("it's 2536 uh 9447 ... four.", "it's 2536 9447 ... 4."),
    ("hold on 9447 ... one moment please", None),
    ("my first pet", None),
    ("fifteen minutes", None),
    ("oh okay", None),
]


@pytest.mark.parametrize(("spoken", "written"), NORMALISED, ids=[s for s, _ in NORMALISED])
def test_normalise(spoken: str, written: str | None) -> None:
    result = normalise(spoken)
    if written is None:
        assert result is None or result.text == spoken
    else:
        assert result is not None
        assert result.text == written


def test_offsets_map_back_to_whole_words() -> None:
    text = "my card is four one one one, one one one one okay"
    result = normalise(text)
    assert result is not None
    digits = result.text.index("4111")
    start, end = result.to_original(digits, digits + len("4111 1111"))
    assert text[start:end] == "four one one one, one one one one"
    # identity text outside the run maps one to one
    assert result.to_original(0, 2) == (0, 2)
    tail = result.text.index("okay")
    assert text[slice(*result.to_original(tail, tail + 4))] == "okay"


def test_partial_span_maps_to_its_words() -> None:
    text = "five five five one two three four"
    result = normalise(text)
    assert result is not None
    assert result.text == "5551234"
    start, end = result.to_original(3, 7)
    assert text[start:end] == "one two three four"


WORDS = ["one", "two", "oh", "double", "uh", ",", "five", "forty", "nine", "hello", "for", "to"]


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_mapping_always_lands_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    result = normalise(text)
    if result is None:
        return
    for i in range(len(result.text)):
        start, end = result.to_original(i, i + 1)
        assert 0 <= start <= end <= len(text)


_TOKEN_TEXT = st.text(alphabet="ab Z9 0\n\t.'…é٣\u00a0\u2003,-@x", max_size=40)


@given(_TOKEN_TEXT)
def test_tokens_cover_their_words_and_end_lines(text: str) -> None:
    """Each token's offsets hold its word (tokenize adds offsets up from lengths), the
    tokens cover every non-space character, and a token ends a line before a newline."""
    tokens = tokenize(text)
    assert "".join(text[t.start : t.end] for t in tokens) == "".join(text.split())
    for i, tok in enumerate(tokens):
        assert text[tok.start : tok.end].lower() == tok.word
        last = i == len(tokens) - 1
        gap = text[tok.end : len(text) if last else tokens[i + 1].start]
        assert not gap.strip()
        assert tok.line_end == ("\n" in gap or last)


def test_a_noise_tag_inside_a_number_is_a_hesitation_and_is_redacted_with_it() -> None:
    from callshield import Engine

    said = "my card number is four zero zero zero [noise] zero zero zero zero <unk> zero zero"
    said += " zero zero zero zero two"
    found = [(f.entity.name, said[f.start : f.end]) for f in Engine().scan(said)]
    assert found == [("PAYMENT_CARD", said[said.index("four") :])]
    # (a tag that is not a noise's is no hesitation: "[agent]" ends the number)
    tagged = normalise("four zero zero zero [agent] five")
    assert tagged is not None and "[agent]" in tagged.text


def test_spanish_tens_and_teens_inside_a_run_of_digits_are_its_digits() -> None:
    said = normalise("siete dos cero cuatro cinco dos setenta y tres ochenta y nueve")
    assert said is not None and said.text == "7204527389"
    grouped = normalise("es nueve nueve cero tres cero ocho diecinueve noventa y ocho")
    assert grouped is not None and grouped.text == "es 9903081998"
    # not outside a run: an age, or a year (the Spanish dates' reader)
    assert normalise("tengo setenta y tres años") is None
    assert normalise("nací en mil novecientos setenta y dos") is None


@pytest.mark.parametrize(
    ("said", "written"),
    [
        # Portuguese digits, "um" a digit between them, "meia" (half a dozen) six
        ("é sete sete três cinco cinco cinco quatro nove cinco oito", "é 7735554958"),
        ("é nove um nove cinco cinco cinco sete meia oito cinco", "é 9195557685"),
        # French digits, "un" and "sept" digits next to them
        ("cinq un quatre, cinq cinq cinq, zéro un neuf trois", "514 555 0193"),
        ("un sept neuf, zéro quatre deux, un huit neuf", "179 042 189"),
        # French tens in one word or several, as a French number is said in pairs
        (
            "zéro six, trente-neuf, quatre-vingt-dix-huit, onze, quarante-huit",
            "06 39 98 11 48",
        ),
        ("trente-six, vingt-deux, soixante-douze, zéro six", "36 22 72 06"),
        ("le quinze zéro six quatre-vingts", "le 150680"),
        ("soixante et onze deux", "712"),
        # Portuguese tens joined by "e"
        ("PT setenta e um, cinco zero nove um", "PT 71 5091"),
        # the last four said in English after the Portuguese "last four": "quatro" no digit
        ("os últimos quatro... two one six one", "os últimos quatro... 2161"),
        # Vietnamese digits; "không", "một", "hai", "ba", "năm" digits beside a digit, in a
        # chain from it, whichever language says the digit it touches
        ("bảy bảy ba, năm năm năm, không một ba một", "773 555 0131"),
        ("tám không năm một, hai năm không một, năm hai hai năm", "8051 2501 5225"),
        ("one one nine, năm không một", "119 501"),
        ("722, năm năm năm, bốn bốn năm", "722, 555 445"),
        ("một một một một, một một một bảy", "1111 1117"),
        # Portuguese's "um" beside a digit it shares with Spanish ("cinco", "seis") and no
        # Spanish-only digit near: a Brazilian caller's card
        ("cinco um zero cinco um zero cinco um", "51051051"),
        ("zero cinco um zero seis um zero zero", "05106100"),
        # "quatro" beside a digit in any language, a Portuguese one near
        ("quatro zero um dois oito", "40128"),
        # Tagalog, a Taglish caller's card and code; "isa" and "lima" beside another digit
        ("tatlo pito walo dalawa walo dalawa dalawa apat", "37828224"),
        ("isa sero sero sero lima", "10005"),
        ("isa lima tatlo", "153"),
    ],
)
def test_portuguese_and_french_numbers_are_read_as_digits(said: str, written: str) -> None:
    normalised = normalise(said)
    assert normalised is not None and normalised.text == written
    # every word of the number maps back onto itself: the whole said value is covered
    start = written.index(next(c for c in written if c.isdigit()))
    assert normalised.to_original(start, len(written))[1] == len(said)


@pytest.mark.parametrize(
    "said",
    [
        "um, I think so",  # English's filler
        "un sept jours",  # no Portuguese or French digit next to them: no number said
        "Sept 12 is fine",  # September
        "il a trente ans",  # an age, no number run
        "quatre-vingts personnes",
        # Vietnamese words that are digits only beside one ("two years ago", "no problem")
        "hai năm trước, không có vấn đề gì, ba tháng",
        "mera naam Hamsini hai, ba",  # no Vietnamese digit in the text: "hai" is Hindi
        # Tagalog's one and five alone, a name and a city; "lima" spelling an L
        "my friend isa from lima peru",
        "india lima lima",
    ],
)
def test_words_that_are_digits_only_among_digits_are_left_alone(said: str) -> None:
    normalised = normalise(said)
    assert normalised is None or not any(c.isdigit() for c in normalised.text if c not in said)


def test_a_spanish_year_in_two_digits_after_del() -> None:
    said = normalise("es el seis de diciembre del sesenta y siete")
    assert said is not None and said.text == "es el 6 de diciembre del 67"
    expiry = normalise("agosto del dos")
    assert expiry is not None and expiry.text == "agosto del 02"
    # (a four-digit year after "de" is a date's only with its day: "marzo de dos mil")
    assert normalise("desde marzo de dos mil") is None


@pytest.mark.parametrize(
    ("said", "value", "entity"),
    [
        ("the one that ends in", "eight four <unk> three one", "CARD_LAST4"),
        ("the security code is", "five three [crosstalk] four", "CARD_CVV"),
        ("the three digit code on the back\n", "four [noise] oh nine", "CARD_CVV"),
        ("my telephone pin is", "nine two seven [inaudible] one", "PIN"),
    ],
)  # fmt: skip
def test_a_short_value_split_in_two_by_a_hesitation_is_the_whole_value(
    said: str, value: str, entity: str
) -> None:
    from callshield import Engine

    engine = Engine()
    # (written "84 31", "53 4", "4 09", "927 1": two groups that add up to the value's length)
    text = f"{said} {value} thanks"
    found = [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)]
    assert (entity, value) in found
    # two groups of another length are not read as one value: "1234 5678" is no PIN of eight
    eight = "my pin is 1234 5678 thanks"
    assert ("PIN", "1234 5678") not in [
        (f.entity.name, eight[f.start : f.end]) for f in engine.scan(eight)
    ]


@pytest.mark.parametrize(
    ("said", "written"),
    [
        # a Spanish speaker's hesitation: a Spanish-only digit ("cuatro", "seis" shared) near
        ("cuatro cinco um seis siete", "45 67"),
        # an English speaker's: no digit of Portuguese's beside it
        ("five um five", "5 5"),
    ],
)
def test_um_beside_spanish_or_english_digits_is_a_hesitation(said: str, written: str) -> None:
    normalised = normalise(said)
    assert normalised is not None and normalised.text == written
