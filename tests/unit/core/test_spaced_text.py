"""Notes typed with two blanks between words and lines wrapped inside values, read as typed."""

from __future__ import annotations

from callshield import Engine
from callshield.core.spaced_text import spaced_reading
from callshield.pipeline import scan_text

#: An agent's note (synthetic: a reserved 555-01xx number, made-up names and account).
NOTE = (
    "6/28/25\t10:13\tEM\tINB  call  fr  cust  Colin  Dubois  re:\n"
    "EOB  for  ER  visit.  Member  asked  us  to  mail  the  form  to  her  sister  Zachary"
    "  Dubois\n"
    "\tNew  addr:  741  Gates\n"
    "Course,  zip  47080.    callback  #  720  555\n"
    "0193  (cell).   Email  dubois_colin@\n"
    "example.com  .   Acct  #  4819  0439\n"
    "4442.   Told  cust  our  number  is  1-888-555-0100  if  she  needs\n"
    "to  call  back.\n"
)


def test_the_reading_joins_wrapped_lines_and_narrows_gaps() -> None:
    reading = spaced_reading(NOTE)
    assert reading is not None
    said = reading.transcript
    assert "callback # 720 555 0193 (cell)." in said
    assert "Email dubois_colin@example.com ." in said  # (cut after the "@": joined by nothing)
    assert "Zachary Dubois\n\tNew addr: 741 Gates Course," in said  # (an indented line stays)
    start = said.index("720 555 0193")
    spans = reading.to_raw([(start, start + len("720 555 0193"))])[0]
    assert "".join(NOTE[lo:hi] for lo, hi in spans) == "720  555\n0193"


def test_no_reading_of_text_typed_with_one_blank_or_of_a_table() -> None:
    assert spaced_reading("Customer called about  a refund. " * 10) is None  # (few wide gaps)
    table = "".join(f"{n:<8}{name:<20}{amount:>10}\n" for n, name, amount in [
        (1, "Colin Dubois", "12.00"), (2, "Ann Lee", "3.50"), (3, "Bo Park", "9.99"),
    ] * 5)  # fmt: skip
    assert spaced_reading(table) is None  # (columns aligned by long runs of blanks)


def test_the_values_of_a_spaced_note_are_redacted_whole(engine: Engine) -> None:
    found = scan_text(NOTE, engine)
    covered = {i for f in found for i in range(f.start, f.end)}

    def whole(value: str) -> bool:
        at = NOTE.index(value)
        return all(NOTE[i].isspace() or i in covered for i in range(at, at + len(value)))

    for value in (
        "Colin  Dubois", "Zachary  Dubois", "720  555\n0193", "dubois_colin@\nexample.com",
        "4819  0439\n4442", "741  Gates\nCourse", "47080",
    ):  # fmt: skip
        assert whole(value), value
    # (one finding for a name typed with two blanks, not one for each word and the gap)
    assert any(NOTE[f.start : f.end] == "Colin  Dubois" for f in found)
    assert not any("1-888-555-0100" in NOTE[f.start : f.end] for f in found)  # (the company's)
