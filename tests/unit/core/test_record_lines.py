"""A call exported as fixed-width records, a turn wrapped over several (core/record_lines.py)."""

from __future__ import annotations

from callshield import Engine
from callshield.core.record_lines import record_lines_reading
from callshield.pipeline import scan_text

#: The text's column: a record is 80 characters, 26 of them its key, speaker and sequence.
_WIDTH = 54


def _export(turns: list[tuple[str, str]], *, padded: bool = True) -> str:
    """A recorder's export: a header, each turn's text cut at `_WIDTH` (mid-word where the
    column falls) into records numbered on from the turn's, a trailer."""
    lines = ["HDRCALLTXT 20240227 V02.3 SRC=RECORDER ACCOUNT SECURITY".ljust(80)]
    for n, (who, said) in enumerate(turns, start=1):
        pieces = [said[k : k + _WIDTH] for k in range(0, len(said), _WIDTH)]
        for k, piece in enumerate(pieces):
            line = f"DTL4558818882{n:04d}{who}{100 * n:07d}{k}{piece}"
            lines.append(line.ljust(80) if padded else line.rstrip())
    lines.append(f"TRL{len(lines) - 1:06d}".ljust(80))
    return "\n".join(lines) + "\n"


_CALL = [
    ("A", "HI, THANKS FOR HOLDING, YOU'VE REACHED SATOSHI STREET MARKETS. WHO DO I HAVE?"),
    ("C", "MY WITHDRAWAL TO MY BANK HAS BEEN PENDING FOR FOUR DAYS."),
    ("A", "CAN YOU READ ME THE IBAN, PLEASE?"),
    ("C", "IT'S I E TWO NINE, A I B K, NINE THREE ONE ONE, FIVE TWO ONE TWO, THREE FOUR FIVE SIX"),
    ("A", "THANK YOU, ONE MOMENT."),
    ("A", "CAN I GET YOUR FIRST AND LAST NAME, PLEASE?"),
    ("C", "UH, FIRST NAME NAOKO, LAST NAME SUZUKI."),
    ("A", "THANK YOU FOR CALLING SATOSHI STREET MARKETS. TAKE CARE."),
]


def test_an_export_is_read_a_turn_a_line_its_records_joined_where_the_column_cut_them() -> None:
    for padded in (True, False):
        text = _export(_CALL, padded=padded)
        reading = record_lines_reading(text)
        assert reading is not None
        assert reading.transcript.splitlines() == [f"{who}: {said}" for who, said in _CALL]


def test_a_value_said_across_two_records_is_redacted_in_both(engine: Engine) -> None:
    text = _export(_CALL)
    # (the IBAN's turn, cut mid-word at the column)
    first, second = [line for line in text.splitlines() if line.startswith("DTL45588188820004")]
    assert first[79].isalpha() and second[26].isalpha()
    covered = {p for f in scan_text(text, engine) for p in range(f.start, f.end)}
    assert text.index(first) + 79 in covered
    assert text.index(second) + 26 in covered
    thanks = text.index("THANK YOU, ONE MOMENT")
    assert thanks not in covered


def test_text_that_is_no_export_is_left_alone() -> None:
    assert record_lines_reading("DTL45588188820001A00000130HI\n") is None
    prose = "\n".join(f"line {k} of a report with words" for k in range(20))
    assert record_lines_reading(prose) is None
    # (records among as many other lines: no export)
    assert record_lines_reading(_export(_CALL) + prose) is None
