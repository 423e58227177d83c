"""A call kept column by column (an Arrow table as pyarrow prints it), read a turn a line."""

from __future__ import annotations

from callshield import Engine
from callshield.core.columnar import arrow_reading
from callshield.pipeline import scan_text

TABLE = (
    "pyarrow.Table\n"
    "turn: int64\n"
    "speaker: string\n"
    "text: string\n"
    "----\n"
    "turn: [[0,1,2,3,4]]\n"
    'speaker: [["agent","agent","customer","agent","customer"]]\n'
    'text: [["Brightcart, this is Angela.","And who am I speaking with today?",'
    '"Parks, Stephanie.","And a good callback number for you?",'
    '"Yes, four zero four triple five oh 1 four four"]]\n'
)


def test_an_arrow_tables_rows_read_a_turn_a_line() -> None:
    reading = arrow_reading(TABLE)
    assert reading is not None
    assert reading.transcript.splitlines() == [
        "agent: Brightcart, this is Angela.",
        "agent: And who am I speaking with today?",
        "customer: Parks, Stephanie.",
        "agent: And a good callback number for you?",
        "customer: Yes, four zero four triple five oh 1 four four",
    ]
    at = reading.transcript.index("Parks")
    [[span]] = reading.to_raw([(at, at + len("Parks, Stephanie"))])
    assert TABLE[span[0] : span[1]] == "Parks, Stephanie"


def test_no_table_or_no_texts_no_reading() -> None:
    assert arrow_reading("speaker: [['a']]\ntext: [['hi']]\n") is None
    assert arrow_reading("pyarrow.Table\nn: int64\n----\nn: [[1,2,3]]\n") is None
    # (speakers and texts of different lengths: no rows)
    assert arrow_reading(TABLE.replace('"agent","agent",', '"agent",')) is None


def test_the_answer_to_a_question_in_the_row_before(engine: Engine) -> None:
    found = {(f.entity.name, TABLE[f.start : f.end]) for f in scan_text(TABLE, engine)}
    assert ("PERSON", "Parks, Stephanie") in found
    assert ("PHONE", "four zero four triple five oh 1 four four") in found
