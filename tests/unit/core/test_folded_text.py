"""An iCalendar's folded, escaped DESCRIPTION read as its text, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.folded_text import folded_reading
from callshield.pipeline import scan_text

#: A callback invite (synthetic: a reserved 555-01xx number, a made-up account), its lines
#: folded at 75 octets inside words and numbers, its commas and line breaks escaped.
INVITE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
    'ATTENDEE;CN="Iosif Toma";ROLE=REQ-PARTICIPANT:mailto:toma-iosif@\r\n gmail.com\r\n'
    "DESCRIPTION:Agent: Do you have your bank account number handy?\\nCustomer: It sh\r\n"
    " ould be 6698 16\r\n 7 592\\, correct.\\nAgent: And the callback number?\\nCustomer\r\n"
    " : (713) 555-01\r\n 15\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_the_unfolded_text_and_its_map_back() -> None:
    reading = folded_reading(INVITE)
    assert reading is not None
    assert "mailto:toma-iosif@gmail.com" in reading.transcript
    assert "It should be 6698 167 592, correct.\nAgent:" in reading.transcript
    start = reading.transcript.index("(713) 555-0115")
    spans = reading.to_raw([(start, start + len("(713) 555-0115"))])[0]
    assert "".join(INVITE[lo:hi] for lo, hi in spans) == "(713) 555-0115"


def test_no_reading_of_a_text_that_is_no_calendar() -> None:
    assert folded_reading("Customer: it's 6698 167 592\\, ok\r\n fine") is None
    assert folded_reading("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n") is None


def test_values_folded_across_lines_are_redacted_whole(engine: Engine) -> None:
    found = scan_text(INVITE, engine)
    covered = {i for f in found for i in range(f.start, f.end)}

    def whole(*pieces: str) -> bool:
        at = 0
        for piece in pieces:
            at = INVITE.index(piece, at)
            if not all(INVITE[i].isspace() or i in covered for i in range(at, at + len(piece))):
                return False
            at += len(piece)
        return True

    assert whole("toma-iosif@", "gmail.com")
    assert whole("555-01", "15")
    assert whole("6698 16", "7 592")
