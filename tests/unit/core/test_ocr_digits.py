"""Numbers an OCR engine misread (letters for digits) read as the digits they are."""

from __future__ import annotations

from callshield import Engine
from callshield.pipeline import scan_text

#: A handwritten callback note and a receipt as OCR read them (synthetic: reserved 555-01xx
#: numbers).
NOTE = (
    "[OCR - handwriting model, avg confidence 0.58]\n"
    "Ca11 back - re: lost card\n"
    "ph: (2l2) 555-O140  (best after 5pm)\n"
    "REWARDS MEMBER (2O6) 555-0l01\n"
    "Oslo trip, Il Forno (IOU) l0ve\n"
)


def test_misread_phone_numbers_are_redacted_area_code_and_all(engine: Engine) -> None:
    found = scan_text(NOTE, engine)
    for piece in ("(2l2) 555-O140", "(2O6) 555-0l01"):
        at = NOTE.index(piece)
        assert any(f.start <= at + 1 and at + len(piece) <= f.end for f in found), piece
    assert not any(NOTE[f.start : f.end] in {"IOU", "Il", "Oslo"} for f in found)


def test_an_identifiers_letters_before_its_dash_stay_letters(engine: Engine) -> None:
    # ("OBS-2025-000417" read as "085-2025-000417" made a telephone number of its digits)
    text = 'scan of the lab sheet: "value": "OBS-2025-000417", "issued": "l2/0l/2025"\n'
    assert not any(f.entity.name == "PHONE" for f in scan_text(text, engine))


#: A faxed form's fields as OCR read them (synthetic: Faker-like names, reserved 555-01xx
#: numbers, an SSN in the 9xx range, a test routing number).
FAX = (
    "PR10R AUTHORIZATI0N REQUE5T\n"
    "Patient Narne: G0NZALEZ, ASHLEE        D0B: O6/19/1980\n"
    "Mcrnbcr Id: BWH45159375S        55N: 9l2-O9-0936\n"
    "Horne Ph0ne: (72O) 55S-O1G7     Ernail: g.ashlee@examp1e.net\n"
    "Emp10yer contact: C01in 5ingh   Chccklng Acc0unt: G7S023B752O7\n"
    "R0uting: Ol1000015   Driver 1ic: 38 432 77S (PA)\n"
)


def test_a_fax_s_misread_labels_cue_their_values_and_its_names_read_as_names(
    engine: Engine,
) -> None:
    found = {FAX[f.start : f.end]: f.entity.name for f in scan_text(FAX, engine)}
    assert found.get("BWH45159375S") == "HEALTH_INSURANCE_ID"  # ("Mcrnbcr Id")
    assert found.get("G7S023B752O7") == "BANK_ACCOUNT"  # ("Chccklng Acc0unt")
    assert found.get("(72O) 55S-O1G7") == "PHONE"  # (its "G", a 6)
    assert found.get("Ol1000015") == "ABA_ROUTING"
    assert found.get("38 432 77S") == "US_DRIVER_LICENSE"  # ("Driver 1ic")
    assert any(said.startswith("G0NZALEZ, ASHLEE") for said in found)
    assert found.get("C01in 5ingh") == "PERSON"


def test_ocr_labels_and_letters_keep_the_text_s_length() -> None:
    from callshield.core.detection.ocr_reading import ocr_labels, ocr_letters

    read = ocr_labels(FAX)
    assert len(read) == len(FAX)
    assert "Patient  Name: " in read and " Member Id: " in read and "SSN: " in read
    assert "Checking Account: " in read and "Routing: " in read and "Driver Lic: " in read
    # (a word that is no label's stays: a title, a value after the colon)
    assert "PR10R AUTHORIZATI0N REQUE5T" in read and "BWH45159375S" in read
    letters = ocr_letters(read)
    assert len(letters) == len(FAX)
    assert "GONZALEZ, ASHLEE" in letters and "Colin Singh" in letters
    # (ordinals, codes, and a number's group whose letters are digits' stay)
    assert ocr_letters("the 1st and 10th, B2B2, card 3566 0O20 2036 0SOS") == (
        "the 1st and 10th, B2B2, card 3566 0O20 2036 0SOS"
    )


def test_a_misread_label_word_a_date_and_a_card_s_groups_read_as_printed(engine: Engine) -> None:
    # (synthetic: a test routing number, the JCB test card 3530 1113 3330 0000)
    cases = [
        ("R0UTING N0. OZ100O02l   ACC0UNT N0. 2403161482Z1", "OZ100O02l", "ABA_ROUTING"),
        ("R0UTING N0. OZ100O02l   ACC0UNT N0. 2403161482Z1", "2403161482Z1", "BANK_ACCOUNT"),
        ("NAME: JOAQUIN FONSECA\nD.O.B.: ll/19/ZO04\n", "ll/19/ZO04", "DATE_OF_BIRTH"),
        ("Card No. : 3S3O 1ll3 333O 0OOO   Exp: 04/31", "3S3O 1ll3 333O 0OOO", "PAYMENT_CARD"),
    ]
    for text, value, entity in cases:
        found = {text[f.start : f.end]: f.entity.name for f in scan_text(text, engine)}
        assert found.get(value) == entity, (text, found)
    # (words and codes with as many letters as digits stay: no date's or card's shape)
    for plain in ("BOSS 1234 SOIL 5678 and ZO04", "room B2/OS"):
        assert scan_text(plain, engine) == [], plain
