"""Camel-case keys and percent-escapes spelled out for the detectors, mapped back exactly."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.detection.written_forms import written_forms


def test_keys_with_a_cue_word_are_spelled_out_others_are_left() -> None:
    text = '{"phoneNumber": "x", "SSNLast4": "y", "McDonald": "z", "iPhone": 1}'
    spelled = written_forms(text)
    assert spelled is not None
    assert '"phone Number"' in spelled.text
    assert '"McDonald"' in spelled.text and '"iPhone"' in spelled.text


def test_the_last_key_of_a_dotted_path_is_spelled_out() -> None:
    text = '{"billingAddress.postalCode": "35183", "see": "www.exampleSite.com"}\n.zipCode: 1'
    spelled = written_forms(text)
    assert spelled is not None
    assert '"billingAddress.postal Code"' in spelled.text
    # (not a domain's part, nor a key after a dot that follows no word)
    assert "www.exampleSite.com" in spelled.text and ".zipCode: 1" in spelled.text


def test_plain_text_is_not_rewritten() -> None:
    assert written_forms("my card is 4111 1111 1111 1111, thanks Sarah") is None
    assert written_forms("a 20% rise, 3+4 = 7") is None


def test_an_escaped_value_maps_back_over_its_escapes() -> None:
    text = "q?email=ann.lee%40example.com&n=1"
    spelled = written_forms(text)
    assert spelled is not None
    start = spelled.text.index("ann.lee@example.com")
    end = start + len("ann.lee@example.com")
    assert text[slice(*spelled.to_original(start, end))] == "ann.lee%40example.com"


def test_an_escaped_value_has_the_fingerprint_of_the_plain_one() -> None:
    engine = Engine(fingerprint_key=b"k" * 32)
    (escaped,) = engine.scan("/u?email=ann.lee%40example.com")
    (plain,) = engine.scan("write to ann.lee@example.com")
    assert escaped.fingerprint == plain.fingerprint
    redacted = engine.redact("/u?email=ann.lee%40example.com").text
    assert "ann" not in redacted and "%40" not in redacted


def test_every_form_at_once_maps_back_inside_the_text() -> None:
    text = (
        '{"dateofbirth":"1970-01-01","firstName":"Ann%20Lee","birth-date":"x",'
        '"q":"a+b"} <cardNumber>4111%201111</cardNumber> jane(@)example[.]com'
    )
    spelled = written_forms(text)
    assert spelled is not None
    assert spelled.to_original(0, len(spelled.text)) == (0, len(text))
    for word in ("date of birth", "first Name", "Ann Lee", "birth date", "card Number: "):
        start = spelled.text.index(word)
        s, e = spelled.to_original(start, start + len(word))
        assert 0 <= s < e <= len(text)
    assert "jane@example.com" in spelled.text


def test_a_numbers_evasions_are_read_as_the_number_and_map_back_whole() -> None:
    text = "card 4111|1111|1111|1111 and ssn O78-OS-112O, mail jane.doe @ example . com"
    spelled = written_forms(text)
    assert spelled is not None
    for written, original in (
        ("4111 1111 1111 1111", "4111|1111|1111|1111"),
        ("078-05-1120", "O78-OS-112O"),
        ("jane.doe@example.com", "jane.doe @ example . com"),
    ):
        start = spelled.text.index(written)
        assert text[slice(*spelled.to_original(start, start + len(written)))] == original


def test_ordinary_numbers_and_codes_are_not_rewritten() -> None:
    text = (
        "call (415) 555-0132 at 10:30 on 2024-03-07, order #12345 for $1,234.56, the B2B "
        "portal, model S10, 1920x1080, reach me at ann.lee@example.com. Thanks"
    )
    assert written_forms(text) is None


def test_a_recogniser_s_confidence_after_each_word_is_read_past() -> None:
    digits = "four one one one one one one one one one one one one one one one".split()
    said = " ".join(f"{word}(0.{80 + i % 19})" for i, word in enumerate(digits))
    text = f"S2: my(0.61) card(0.93) number(0.88) is(0.7) {said} thanks(0.9)"
    found = [(f.entity.name, text[f.start : f.end]) for f in Engine().scan(text)]
    assert found == [("PAYMENT_CARD", said)]  # (its words' confidences redacted with them)
    assert written_forms("the odds were (0.5) at best") is None  # not a recogniser's words


def test_a_calendar_s_escaped_commas_and_line_breaks_are_read_as_they_stand_for() -> None:
    text = (
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nLOCATION:685 Patricia Shore\\, Port Katrina\\, NY 05007\n"
        "DESCRIPTION:Customer: John Salazar\\nCallback: 404 555 0158\\nAcct: 99914810\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in Engine().scan(text)}
    assert ("US_ZIP", "05007") in found
    assert ("BANK_ACCOUNT", "99914810") in found
    assert written_forms("C:\\new folder, no calendar") is None  # not a calendar's escapes


def test_json_escapes_of_digits_and_signs_are_read_as_them(engine: Engine) -> None:
    text = '{"email":"jo.lee\\u0040example.com","card":"4111\\u00311111\\u003111111111"}'
    found = {(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)}
    assert found == {
        ("EMAIL", "jo.lee\\u0040example.com"),
        ("PAYMENT_CARD", "4111\\u00311111\\u003111111111"),
    }


def test_quoted_printable_soft_breaks_and_escapes_are_read_through(engine: Engine) -> None:
    body = (
        "Content-Transfer-Encoding: quoted-printable\n\nMy SSN is 078-05-=\n1120 and my name "
        "is =C3=81lvaro D=C3=ADaz, =3D thanks"
    )
    found = {(f.entity.name, body[f.start : f.end]) for f in engine.scan(body)}
    assert ("US_SSN", "078-05-=\n1120") in found
    assert ("PERSON", "=C3=81lvaro D=C3=ADaz") in found
    # without the header, one "=" at a line's end is no soft break ("x =\n1120" is no SSN)
    plain = "the total =\n1120 and 078-05"
    assert written_forms(plain) is None


def test_a_keycap_emoji_reads_as_its_digit(engine: Engine) -> None:
    text = "what is your PIN?\ncust: 5\ufe0f\u20e38\ufe0f\u20e30\ufe0f\u20e33\ufe0f\u20e3"
    (pin,) = engine.scan(text)
    assert pin.entity.name == "PIN"
    assert [ch for ch in text[pin.start : pin.end] if ch.isdigit()] == ["5", "8", "0", "3"]


def test_values_in_base64_are_read_as_what_they_encode_and_redacted_whole() -> None:
    # An exfiltration's old trick: the value base64-encoded in a query string or a JSON
    # field, where no filter reads it. (Synthetic: made-up addresses and SSN, published test
    # cards.)
    engine = Engine()
    cases = [
        ("GET /track/open?u=bWVsaXNzYV9rNDVAZXhhbXBsZS5jb20&c=CMP51382 HTTP/1.1", "EMAIL"),
        ("POST /api/pay?token=NjAxMTAwMDk5MDEzOTQyNA&amt=322.34 HTTP/1.1", "PAYMENT_CARD"),
        ('{"panEncrypted": "Mzc4MjgyMjQ2MzEwMDA1", "v": 2}', "PAYMENT_CARD"),
        ('{"taxIdBytes": "Njg5LTQ1LTUzMjk=", "v": 2}', "US_SSN"),
        # (the key before it is the cue of a value that has no shape of its own)
        ('{"securityAnswer": "VHVwZWxv", "v": 2}', "SECURITY_ANSWER"),
    ]
    for text, entity in cases:
        token = text.split("=", 1)[1].split("&")[0] if "?" in text else text.split('"')[3]
        found = [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)]
        assert (entity, token) in found, (text, found)
        assert token not in engine.redact(text).text


def test_words_numbers_and_random_tokens_are_not_read_as_base64() -> None:
    # A word whose letters happen to be base64 ("Michelle" decodes to "2'!zY^"), a hex id, a
    # number, a random token or key (bytes that are no text): read as they are.
    text = (
        '{"name": "Michelle", "id": "2ac5556acf", "account": "46388419", '
        '"session": "srxOIWRptVKIBkF2ao6ci4", "secret": "dGhpcyBp\\u0000"}'
    )
    spelled = written_forms(text)
    reading = text if spelled is None else spelled.text
    for kept in ("Michelle", "2ac5556acf", "46388419", "srxOIWRptVKIBkF2ao6ci4"):
        assert f'"{kept}"' in reading
    # and a base64 value among them is read, mapped back over the whole of it
    text += '&e=ZXdlbGxzQGV4YW1wbGUub3Jn"'
    spelled = written_forms(text)
    assert spelled is not None
    start = spelled.text.index("ewells@example.org")
    span = spelled.to_original(start, start + len("ewells@example.org"))
    assert text[slice(*span)] == "ZXdlbGxzQGV4YW1wbGUub3Jn"


def test_characters_of_no_width_and_soft_hyphens_inside_values_are_read_as_nothing(
    engine: Engine,
) -> None:
    # An evasion: invisible characters inside an e-mail address, a phone number, an SSN
    # (a zero-width space, non-joiner, joiner, word joiner, BOM, the soft hyphen). Beside a
    # digit after a letter they read as a blank ("card<U+2060>4111..."), except inside an
    # e-mail address, which they would cut in two.
    cases = [
        ("email johnj\u200bensen\u200b59@ex\xadample\u2060.org ok", "EMAIL"),
        ("email arell\ufeffano.l\u200ceah@e\u2060xampl\xade.com ok", "EMAIL"),
        ("phone 713\u200c555\u200d015\u20609 ok", "PHONE"),
        ("my social 527\u2060756\xad566 ok", "US_SSN"),
    ]
    for text, entity in cases:
        value = text.split(" ", 2)[-1].rsplit(" ", 1)[0] if "social" in text else text.split()[1]
        found = [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)]
        assert found == [(entity, value)], (text, found)
    # a cue glued to its value by one is still apart from it
    assert [f.entity.name for f in engine.scan("card\u20604111111111111111")] == ["PAYMENT_CARD"]
    # and a soft hyphen inside a word joins it ("Jo<U+00AD>hn Smith" is one name)
    text = "informa\xadtion for Jo\xadhn Smith"
    assert [text[f.start : f.end] for f in engine.scan(text)] == ["Jo\xadhn Smith"]


@pytest.mark.parametrize(
    ("text", "entity", "value"),
    [
        # OpenTelemetry's attributes: the value under a typed key
        (
            '{"key": "app.account",\n "value": {\n  "intValue": "919007965134"\n }}',
            "BANK_ACCOUNT",
            "919007965134",
        ),
        # FHIR's telecom
        ('{"system": "phone", "value": "(313) 555-0154"}', "PHONE", "(313) 555-0154"),
        # a CRM's custom fields, the name in camel case
        (
            '{"name": "serviceAddress", "value": "1231 Anna Roads, Lawrenceton, PA 77893"}',
            "STREET_ADDRESS",
            "1231 Anna Roads, Lawrenceton, PA",
        ),
    ],
)
def test_a_value_beside_the_name_its_object_gives_it_is_read_under_that_name(
    engine: Engine, text: str, entity: str, value: str
) -> None:
    read = written_forms(text)
    assert read is not None and ": " in read.text
    found = [(f.entity.name, text[f.span.start : f.span.end]) for f in engine.scan(text)]
    assert (entity, value) in found


def test_a_name_that_names_no_value_leaves_its_pair_alone(engine: Engine) -> None:
    # ("type": "text" names what the value is made of; "Owner" no sensitive value)
    assert engine.scan('{"type": "text", "value": "HO-85"}') == []
    assert engine.scan('{"Key": "Owner", "Value": "devops"}') == []
