"""A bank's QIF export read without its fields' codes (synthetic: Faker-like names, reserved
555-01xx numbers, a test card's last four)."""

from __future__ import annotations

from callshield import Engine
from callshield.core.qif import qif_reading
from callshield.pipeline import scan_text

QIF = (
    "!Type:Bank\nD02/24/2024\nT-1,250.00\nN1042\nPOlga Kenig\n"
    "MZelle to okenig44@post.example.org - rent\nA39687 Nicole Trafficway Suite 803\n"
    "AEast Jamieburgh 44335\n^\n!Type:CCard\nD02/24/2024\nT-129.99\nPPinecrest Outfitters\n"
    "MCard ending 4444 order ORD-2024-112345\n^\n"
)


def test_a_qif_file_reads_as_its_values_a_line_each_mapped_back() -> None:
    reading = qif_reading(QIF)
    assert reading is not None
    lines = reading.transcript.split("\n")
    assert "Olga Kenig" in lines and "Card ending 4444 order ORD-2024-112345" in lines
    assert "39687 Nicole Trafficway Suite 803" in lines
    at = reading.transcript.index("4444")
    assert reading.to_raw([(at, at + 4)]) == [[(QIF.index("4444"), QIF.index("4444") + 4)]]
    # (no QIF header, or a line or two after one: no QIF file)
    assert qif_reading("PTo whom it may concern\nMThanks\n") is None
    assert qif_reading("!Type:Bank\nD02/24/2024\n") is None


def test_a_qif_file_s_memo_and_address_are_read_without_their_codes(engine: Engine) -> None:
    found = {(f.entity.name, QIF[f.start : f.end]) for f in scan_text(QIF, engine)}
    assert ("CARD_LAST4", "4444") in found  # ("MCard ending 4444": the memo's cue)
    assert any(e == "STREET_ADDRESS" and said.startswith("39687") for e, said in found)
