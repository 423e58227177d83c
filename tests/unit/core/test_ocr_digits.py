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
