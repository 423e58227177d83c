"""German and Swedish customer forms: their labels say what each value is.

Synthetic values throughout (Faker-style names, reserved 555-01xx numbers, the IBANs of the
standards' examples, made-up passports)."""

from __future__ import annotations

from callshield import Engine
from callshield.pipeline import scan_text

GERMAN = (
    "Kundennummer:          55109 53258\n"
    "Name, Vorname:         Köhler, Robin\n"
    "Straße, Hausnummer:    Killerring 26\n"
    "PLZ, Ort:              93117 Sömmerda\n"
    "Geburtsdatum:          27.07.1998\n"
    "\n"
    "Neue Bankverbindung\n"
    "Kontoinhaber/in:       Robin Köhler\n"
    "IBAN:                  DE89 3704 0044 0532 0130 00\n"
    "Reisepass-Nr. (nur bei Wohnsitz im Ausland): CKCGY32MM\n"
)

SWEDISH = (
    "Kundärende 69248359\n"
    "Skapat: 2025-02-15 14:49  Handläggare: Mila Liljegren\n"
    "\n"
    "Namn:\t\tTony Vesterlund\n"
    "Adress:\t\tStationsgatan 78\n"
    "Postnummer:\t44528\n"
    "Ort:\t\tStockholm\n"
)


def found(text: str, engine: Engine) -> set[tuple[str, str]]:
    return {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}


def test_a_german_form_s_fields(engine: Engine) -> None:
    assert {
        ("PERSON", "Köhler, Robin"), ("PERSON", "Robin Köhler"),
        ("STREET_ADDRESS", "Killerring 26"), ("US_ZIP", "93117"),
        ("DATE_OF_BIRTH", "27.07.1998"),
        # (an aside in brackets between a label and its colon is no gap)
        ("US_PASSPORT", "CKCGY32MM"),
    } <= found(GERMAN, engine)  # fmt: skip


def test_a_swedish_case_s_fields(engine: Engine) -> None:
    assert {
        ("PERSON", "Mila Liljegren"), ("PERSON", "Tony Vesterlund"),
        ("STREET_ADDRESS", "Stationsgatan 78"), ("US_ZIP", "44528"),
    } <= found(SWEDISH, engine)  # fmt: skip


def test_plz_alone_is_chat_s_please_and_no_postcode_cue(engine: Engine) -> None:
    assert found("plz 12345 thx", engine) == set()


def test_an_aside_before_a_colon_does_not_stretch_a_cue_over_prose(engine: Engine) -> None:
    # (the aside is a label's only when its colon follows it)
    text = "passport was renewed (we talked about the trip and the fees, it took long) 12345678"
    assert not any(name == "US_PASSPORT" for name, _ in found(text, engine))
