"""The document pipeline: findings carry their segment, redaction uses them without detecting."""

from __future__ import annotations

import json
import re

import pytest

from callshield import Engine, pipeline
from callshield.core.document import Channel, Document, Segment
from callshield.pipeline import redact_document, scan, scan_text


def test_scan_and_redact_a_call(engine: Engine) -> None:
    call = Document(
        id="call-1",
        channel=Channel.CALL,
        segments=(
            Segment(id="t1", text="can I get the card number?", speaker="agent"),
            Segment(id="t2", text="sure, 4111 1111 1111 1111", speaker="customer"),
            Segment(id="t3", text="and my email is jane@example.com", speaker="customer"),
        ),
    )
    result = scan(call, engine)
    assert [(f.segment_id, f.entity.name) for f in result.findings] == [
        ("t2", "PAYMENT_CARD"),
        ("t3", "EMAIL"),
    ]
    redacted = redact_document(call, result, engine)
    assert [s.text for s in redacted.document.segments] == [
        "can I get the card number?",
        "sure, [PAYMENT_CARD]",
        "and my email is [EMAIL]",
    ]
    assert [s.speaker for s in redacted.document.segments] == ["agent", "customer", "customer"]
    assert len(redacted.replacements["t2"]) == 1


CUSTOMERS_CSV = (
    "First Name,Last Name,Phone Number,Account Number,Date of Birth,SSN,Zip,PIN,Exp,Order ID,"
    "Amount\n"
    "Zelda,Quarry,(415) 555-0132,000123456789,03/14/1985,078051120,94102,4921,0926,761318609,"
    "249.99\n"
    "Omar,Haddad,2125550100,987654321,1975-07-04,219099999,10001,1234,12/27,100234987,12.00\n"
)


def test_a_table_is_read_cell_by_cell_with_its_headers(engine: Engine) -> None:
    found = scan_text(CUSTOMERS_CSV, engine)
    got = [(f.entity.name, CUSTOMERS_CSV[f.start : f.end]) for f in found]
    assert got == [
        ("PERSON", "Zelda"), ("PERSON", "Quarry"), ("PHONE", "(415) 555-0132"),
        ("BANK_ACCOUNT", "000123456789"), ("DATE_OF_BIRTH", "03/14/1985"),
        ("US_SSN", "078051120"), ("US_ZIP", "94102"), ("PIN", "4921"), ("CARD_EXPIRY", "0926"),
        ("PERSON", "Omar"), ("PERSON", "Haddad"), ("PHONE", "2125550100"),
        ("BANK_ACCOUNT", "987654321"), ("DATE_OF_BIRTH", "1975-07-04"),
        ("US_SSN", "219099999"), ("US_ZIP", "10001"), ("PIN", "1234"), ("CARD_EXPIRY", "12/27"),
    ]  # fmt: skip
    # the order ids and amounts are left; the text alone leaves most of the values (not the
    # dates of birth: whole dates of a year of birth are read as such without a header)
    alone = {CUSTOMERS_CSV[f.start : f.end] for f in engine.scan(CUSTOMERS_CSV)}
    assert {"078051120", "219099999", "4921", "94102"}.isdisjoint(alone)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the amount beside a card is no code, nor a card; the ids and times no card
        (
            "card_no,amount\n371449635398431,643.06\n6011111111111117,85.76",
            [("PAYMENT_CARD", "371449635398431"), ("PAYMENT_CARD", "6011111111111117")],
        ),
        (
            "created_at;card_no;amount;Order #\n2024-06-23T01:22:51Z;371449635398431;643.06;"
            "A91-872973\n2024-07-10T07:52:51Z;6011 1111 1111 1117;85.76;A95-401358",
            [("PAYMENT_CARD", "371449635398431"), ("PAYMENT_CARD", "6011 1111 1111 1117")],
        ),
        # no value runs on into the next cell, nor the next row
        ("cvv,qty\n377,11\n376,10", [("CARD_CVV", "377"), ("CARD_CVV", "376")]),
        (
            "dob,pin\n2000-01-17,4805\n1990-07-05,2484",
            [
                ("DATE_OF_BIRTH", "2000-01-17"),
                ("PIN", "4805"),
                ("DATE_OF_BIRTH", "1990-07-05"),
                ("PIN", "2484"),
            ],
        ),
        # a form's cells (labels to their left) may be prose: what the text shows stays
        (
            "Bonjour, voici mon RIB : BE68 539007547034\nCordialement, Siobhan",
            [("IBAN", "BE68 539007547034"), ("PERSON", "Siobhan")],
        ),
    ],
)
def test_the_cells_under_a_header_row_say_what_they_hold_not_their_neighbours(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    """Read as one text, a table's cells are each other's context: what the cells of a table
    with a header row hold is what each says read with its header."""
    assert [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)] == expected


def test_a_column_of_customers_is_read_as_their_names(engine: Engine) -> None:
    """A header that names who a row is about ("Customer") says its cells are names."""
    text = (
        "| Customer | Card | Exp |\n|---|---|---|\n| Arjun Moreau | 5555 5555 5555 4444 | 12/27 |\n"
        "| Siobhan Jaber | 4111 1111 1111 1111 | 01/28 |"
    )
    names = [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert names == ["Arjun Moreau", "Siobhan Jaber"]


def test_a_value_found_once_is_redacted_wherever_the_document_repeats_it(engine: Engine) -> None:
    """The SSN in a message's subject, where "ssn" says what it is, is that SSN in the CSV
    attached, where nothing does (and 078-05-1120, never issued, is no SSN on its own). Short
    values are not looked for again (a PIN could be a year elsewhere), nor parts of words."""
    document = Document(
        "m",
        (
            Segment("subject", "ssn 078-05-1120, pin 2020"),
            Segment("attachment[1]", "a,b\n1,078-05-1120\n2,X078-05-1120\n3,2020\n"),
        ),
    )
    found = scan(document, engine).by_segment()
    csv = document.segments[1].text
    again = [(csv[f.start : f.end], f.reasons[0]) for f in found["attachment[1]"]]
    assert again == [("078-05-1120", "same value as a finding in subject")]
    alone = Document("m", (document.segments[1],))
    assert scan(alone, engine).findings == ()


def test_a_one_time_code_read_back_is_redacted_but_not_a_year(engine: Engine) -> None:
    """A one-time code is looked for again though it is short: the customer reads it back
    ("ok 2793"); a code that reads as a year is not, nor is a PIN."""
    text = (
        "26984: Acme: Your verification code is 2793. Do not share this code.\n"
        "+17783058299: ok 2793\n"
        "26984: Your code is 2019. Thanks\nme: back in 2019 my pin was 4455, now 4455 again"
    )
    codes = [(text[f.start : f.end], f.start) for f in scan_text(text, engine)]
    assert ("2793", text.index("ok 2793") + 3) in codes
    assert ("2019", text.index("2019 my")) not in codes
    assert ("4455", text.rindex("4455")) not in codes


def test_values_are_not_looked_for_again_past_the_budget(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large export with thousands of values would make the search quadratic: past the
    budget (values times characters) nothing is looked for again, and the findings stay."""
    document = Document(
        "m", (Segment("subject", "ssn 078-05-1120"), Segment("body", "a,b\n1,078-05-1120\n"))
    )
    monkeypatch.setattr(pipeline, "SAID_AGAIN_BUDGET", 10)
    found = scan(document, engine).by_segment()
    assert "body" not in found and len(found["subject"]) == 1


def test_a_names_other_cases_wait_for_room_in_the_budget(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name's other cases are searches of their own: where the budget holds the values as
    found but not them too, the name is looked for as found only."""
    document = Document(
        "c",
        (
            Segment("call", "agent: this is patricia, how can i help"),
            Segment("words", 'patricia {"content": "Patricia"}'),
        ),
    )
    size = sum(len(s.text) + 1 for s in document.segments)
    monkeypatch.setattr(pipeline, "SAID_AGAIN_BUDGET", 2 * size)
    words = scan(document, engine).by_segment().get("words", [])
    assert [(f.start, f.end) for f in words] == [(0, 8)]
    monkeypatch.setattr(pipeline, "SAID_AGAIN_BUDGET", 10 * size)
    words = scan(document, engine).by_segment()["words"]
    assert [(f.start, f.end) for f in words] == [(0, 8), (22, 30)]


def test_snake_case_headers_are_read_as_their_words(engine: Engine) -> None:
    text = "id,customer_name,acct_no,date_of_birth\n1,Rajesh Patel,000987654321,1975-07-04\n"
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("PERSON", "Rajesh Patel"), ("BANK_ACCOUNT", "000987654321"),
        ("DATE_OF_BIRTH", "1975-07-04"),
    ]  # fmt: skip


def test_camel_case_headers_are_read_as_their_words(engine: Engine) -> None:
    text = "id,customerName,acctNo,dateOfBirth\n1,Rajesh Patel,000987654321,1975-07-04\n"
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("PERSON", "Rajesh Patel"), ("BANK_ACCOUNT", "000987654321"),
        ("DATE_OF_BIRTH", "1975-07-04"),
    ]  # fmt: skip


def test_table_reasons_never_name_the_header(engine: Engine) -> None:
    # a first row of data read as a header: its cells are values and must not reach a reason
    text = "Zelda Quarry,Omar Haddad\n078-05-1120,219-09-9999\n4111 1111 1111 1111,x\n"
    found = scan_text(text, engine)
    reasons = " ".join(r for f in found for r in f.reasons)
    assert "table: read with its column header" in reasons
    assert "Zelda" not in reasons and "Omar" not in reasons


def test_a_csv_file_is_redacted_in_place_with_its_shape_kept(engine: Engine) -> None:
    from callshield.formats.runner import process

    outcome = process(CUSTOMERS_CSV.encode(), "customers.csv", engine, redact=True)
    assert outcome.output is not None
    text = outcome.output.decode()
    assert text.splitlines()[1] == (
        "[PERSON],[PERSON],[PHONE],[BANK_ACCOUNT],[DATE_OF_BIRTH],[US_SSN],[US_ZIP],[PIN],"
        "[CARD_EXPIRY],761318609,249.99"
    )


def test_an_sql_insert_is_read_column_by_column(engine: Engine) -> None:
    text = (
        "INSERT INTO customers (id, first_name, ssn, dob, acct_no) VALUES\n"
        "(1, 'Dana', '536228841', '1983-05-05', '000123456789');"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("PERSON", "Dana"), ("US_SSN", "536228841"), ("DATE_OF_BIRTH", "1983-05-05"),
        ("BANK_ACCOUNT", "000123456789"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        " id | dob | pin\n----+------------+------\n 101 | 1991-01-14 | 4921\n",
        "+-----+------------+------+\n| id  | dob        | pin  |\n+-----+------------+------+\n"
        "| 101 | 1991-01-14 | 4921 |\n+-----+------------+------+\n",
    ],
    ids=["psql", "mysql"],
)
def test_a_tables_rules_between_rows_are_no_rows(engine: Engine, text: str) -> None:
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [("DATE_OF_BIRTH", "1991-01-14"), ("PIN", "4921")]


def test_a_value_said_in_words_is_redacted_where_it_is_written_again(engine: Engine) -> None:
    # an Azure transcript's `itn` writes its `lexical` words "seven six eight four" as "7684",
    # with no cue in its string; not a longer number that holds the value
    text = (
        '{"lexical": "uh the last four of my social are seven six eight four", "itn": "uh 7684",'
        ' "ticket": "76845", "ref": "7684-2", "amount": "1.7684"}'
    )
    found = scan_text(text, engine)
    assert [(f.entity.name, text[f.start : f.end]) for f in found] == [
        ("US_SSN_LAST4", "seven six eight four"),
        ("US_SSN_LAST4", "7684"),
    ]
    assert found[1].reasons[0].startswith("same value as a finding")


def test_a_short_code_said_in_a_phrase_is_redacted_in_that_phrase_s_written_forms(
    engine: Engine,
) -> None:
    # Azure writes each phrase four ways: a three-digit code said in `lexical` is in its
    # `itn`, `maskedITN` and `display` too; another phrase's same digits are another thing
    def phrase(channel: int, lexical: str, written: str) -> dict[str, object]:
        best = {"confidence": 0.94, "lexical": lexical, "itn": written, "maskedITN": written}
        return {"channel": channel, "nBest": [{**best, "display": written.capitalize() + "."}]}

    phrases = [
        phrase(0, "your ticket is eight hundred eighty two", "your ticket is 882"),
        phrase(0, "and the three digit security code on the back", "and the 3 digit code"),
        phrase(1, "uh eight eight two", "uh 882"),
    ]
    text = json.dumps({"durationInTicks": 1711470000, "recognizedPhrases": phrases}, indent=2)
    said = [(f.entity.name, text[f.start : f.end], f.start) for f in scan_text(text, engine)]
    assert [(name, value) for name, value, _ in said] == [
        ("CARD_CVV", "eight eight two"),
        *[("CARD_CVV", "882")] * 3,
    ]
    assert all(start > text.index("security code") for _name, _value, start in said)


def test_a_value_said_again_in_other_number_words_is_that_value(engine: Engine) -> None:
    # a read-back that groups the digits otherwise, in another string of the document, with no
    # cue before it; an amount said in words is no read-back
    text = (
        '{"lexical": "uh my member id is m b r four two four nine oh double five six two",'
        ' "next": "let me read that back m b r forty two forty nine oh five fifty six two",'
        ' "amount": "forty two dollars and forty nine cents"}'
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("HEALTH_INSURANCE_ID", "m b r four two four nine oh double five six two"),
        ("HEALTH_INSURANCE_ID", "m b r forty two forty nine oh five fifty six two"),
    ]


@pytest.mark.parametrize(
    ("said", "read_back"),
    [
        ("seven slash twenty six", "oh seven two six"),
        ("one slash twenty seven", "january of twenty seven"),
        ("march twenty twenty eight", "march of twenty twenty eight"),
        ("nine slash twenty six", "09/26"),
        ("oh three twenty eight", "three twenty eight"),
    ],
)
def test_a_card_s_expiry_read_back_in_another_form_is_that_expiry(
    engine: Engine, said: str, read_back: str
) -> None:
    # the agent reads the expiry back another way, with no cue before it; another month, a
    # written month's day, are no read-back of it
    text = (
        f"agent: expiration?\ncaller: yeah it's {said}.\n"
        f"agent: okay, {read_back}, is that right?\ncaller: yes.\n"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got[:1] == [("CARD_EXPIRY", said)] and ("CARD_EXPIRY", read_back) in got, got
    assert {name for name, _ in got} == {"CARD_EXPIRY"}
    others = text + "\nnote: refund of 10/25 for order 4471 on october 26, next bill 0826.\n"
    again = [f for f in scan_text(others, engine) if f.reasons[0].startswith("same value")]
    assert [others[f.start : f.end] for f in again] == [read_back]


def test_a_street_read_back_without_its_city_or_grouped_otherwise_is_that_street(
    engine: Engine,
) -> None:
    # the first line of an address read back (its unit after a comma too), with no cue and no
    # city after it; another number on the same street is another address
    text = (
        "agent: can you verify the address on the account?\n"
        "caller: um, five oh seven eight three joseph inlet, number seventeen, port andrew,"
        " rhode island.\n"
        "agent: let me read that back, fifty seventy eight three joseph inlet number seventeen.\n"
        "caller: yes. my neighbour at 50785 joseph inlet got my mail.\n"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("STREET_ADDRESS", "fifty seventy eight three joseph inlet number seventeen") in got
    assert not [v for _, v in got if "50785" in v], got


def test_a_name_spelled_again_is_that_name_and_the_word_itself_is_not(engine: Engine) -> None:
    # the agent spells back the caller's spelling (letters, the radio alphabet); the same
    # letters said as a word elsewhere ("have a good day") are no name
    text = (
        "AGT> HOW DO YOU SPELL YOUR LAST NAME?\nCUS> D A Y\n"
        "AGT> SO DELTA ALPHA YANKEE? THANKS, HAVE A GOOD DAY.\n"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [("PERSON", "D A Y"), ("PERSON", "DELTA ALPHA YANKEE")]


def test_a_transcript_of_sql_inserts_is_a_call_not_a_table(engine: Engine) -> None:
    # each row's role and utterance are a turn: the answer is read with its question, and no
    # row's other fields (the call's ID, the offsets) are values
    text = (
        "INSERT INTO call_utterances (call_id, seq, role, ts_ms, body) VALUES\n"
        "(25009, 1, 'agent', 2171, 'thank you for calling skyward air, how can i help'),\n"
        "(25009, 2, 'caller', 8978, 'hi i need to update my details'),\n"
        "(25009, 3, 'agent', 10777, 'sure, last four of the social please'),\n"
        "(25009, 4, 'caller', 15537, 'uh fourteen twenty one'),\n"
        "(25009, 5, 'agent', 18368, 'thank you, one moment'),\n"
        "(25009, 6, 'caller', 23857, 'okay');\n"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("US_SSN_LAST4", "fourteen twenty one") in got, got
    assert not [v for _, v in got if v.isdigit()], got


def test_a_meeting_transcripts_speakers_and_their_turns(engine: Engine) -> None:
    # a speaker line "Last, First (Company)   0:02" names a person; the value said in pieces
    # over the speakers' turns is read as a call's
    text = (
        "Higgins, Stephanie (ClearReturn)   0:02\nThank you for calling ClearReturn.\n\n"
        "Isaac Nicholson   0:05\nHi.\n\n"
        "Higgins, Stephanie (ClearReturn)   0:09\nAnd the routing number?\n\n"
        "Isaac Nicholson   0:12\nRouting is 021...\n\n"
        "Higgins, Stephanie (ClearReturn)   0:15\nyep\n\n"
        "Isaac Nicholson   0:17\n000 021.\n"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got.count(("PERSON", "Higgins, Stephanie")) == 3
    assert got.count(("PERSON", "Isaac Nicholson")) == 3
    assert ("ABA_ROUTING", "021") in got and ("ABA_ROUTING", "000 021") in got


def test_a_reference_after_a_hash_is_no_card_data_in_a_card_conversation(engine: Engine) -> None:
    # a team chat about a card: the number after "#" is a reference's, not the card's
    chat = (
        "marcus.t  12:25 PM\n@kevin.o can you look at this one? card ending 5904 double charged"
        "\nkevin.o  12:25 PM\nsure, which order?\nmarcus.t  12:26 PM\n#25973801\n"
        "kevin.o  12:26 PM\nrefund is processing, #214736. tell him 3-5 business days\n"
    )
    got = [(f.entity.name, chat[f.start : f.end]) for f in scan_text(chat, engine)]
    assert ("CARD_LAST4", "5904") in got
    assert not [v for e, v in got if e == "PAYMENT_CARD"], got


def test_a_csv_export_with_notes_over_lines_is_read_by_its_columns(engine: Engine) -> None:
    # a CRM export: a note's line break inside its quotes, a birth date with its comma
    # unquoted; each row's card digits are read under "card_last4", the name under its header
    table = (
        "customer_id,full_name,dob,card_last4,notes,balance\n"
        '640625,Zachary Morris,April 25, 1989,3155,"Last 4 of my social: 7007\n'
        'Case ID: CASE358598",$1853\n'
        '500637,Lisa Carlson,12/23/1959,1117,"no note",$12\n'
    )
    got = {(f.entity.name, table[f.start : f.end]) for f in scan_text(table, engine)}
    assert {
        ("CUSTOMER_NUMBER", "640625"),
        ("PERSON", "Zachary Morris"),
        ("DATE_OF_BIRTH", "April 25, 1989"),
        ("CARD_LAST4", "3155"),
        ("US_SSN_LAST4", "7007"),
        ("CUSTOMER_NUMBER", "500637"),
        ("PERSON", "Lisa Carlson"),
        ("DATE_OF_BIRTH", "12/23/1959"),
        ("CARD_LAST4", "1117"),
    } <= got
    assert not {v for _, v in got} & {"CASE358598", "$1853", "$12"}


def test_an_hl7_message_is_read_field_by_field(engine: Engine) -> None:
    message = (
        "MSH|^~\\&|EPIC|SKYLINE|CLAIMS|BLUEPEAK|202401051313||ADT^A08|6200480|P|2.5.1\n"
        "PID|1||U795326508^^^BPK^MB||GONZALEZ^MITCHELL||19970817|F|||39 Cedar Terrace Apt 5A"
        "^^TUCSON^AZ^85768^USA||(612)555-0151||||||794085058\n"
        "PV1|1|O|CLINIC^102^1|||||8247^HENSON^KELLY^^^^MD\n"
        "NTE|1||Pt called September 15 re: claim CLM-5019371, balance USD 1111.61.\n"
    )
    got = [(f.entity.name, message[f.start : f.end]) for f in scan_text(message, engine)]
    assert got == [
        ("HEALTH_INSURANCE_ID", "U795326508"),
        ("PERSON", "GONZALEZ"),
        ("PERSON", "MITCHELL"),
        ("DATE_OF_BIRTH", "19970817"),
        ("STREET_ADDRESS", "39 Cedar Terrace Apt 5A"),
        ("US_ZIP", "85768"),
        ("PHONE", "(612)555-0151"),
        ("US_SSN", "794085058"),
        ("PERSON", "HENSON"),
        ("PERSON", "KELLY"),
    ]


def test_a_two_column_table_under_a_name_header_reads_its_names(engine: Engine) -> None:
    # two columns whose first holds labels may be a form too; under a "name" header, its
    # cells are names ("Eleanor Whitcombe" was left in clear), and a form's labels stay
    table = "name,ssn\nEleanor Whitcombe,536-22-8841\n"
    got = [(f.entity.name, table[f.start : f.end]) for f in scan_text(table, engine)]
    assert got == [("PERSON", "Eleanor Whitcombe"), ("US_SSN", "536-22-8841")]
    form = "Name,Dana Whitfield\nSSN,536-22-8841\nDate of Birth,03/12/1984\n"
    got = [(f.entity.name, form[f.start : f.end]) for f in scan_text(form, engine)]
    assert got == [
        ("PERSON", "Dana Whitfield"),
        ("US_SSN", "536-22-8841"),
        ("DATE_OF_BIRTH", "03/12/1984"),
    ]


def test_a_report_aligned_with_blanks_has_each_column_read_under_its_header() -> None:
    engine = Engine()
    text = (
        "ACCT         ROUTING    AMOUNT     STATUS\n"
        "000123456789 021000021   1,500.00  POSTED\n"
        "CVV AMT\n123 19.99\n"
    )
    got = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert {("BANK_ACCOUNT", "000123456789"), ("ABA_ROUTING", "021000021")} <= got
    assert ("CARD_CVV", "123") in got
    assert not any(value in ("1,500.00", "19.99", "POSTED") for _, value in got)


def _said(text: str, engine: Engine) -> list[tuple[str, str]]:
    return [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]


def test_a_messenger_export_names_its_writers_and_a_chat_header_is_no_mail_header(
    engine: Engine,
) -> None:
    whatsapp = (
        "[6/11/25, 6:30:11 PM] BrightPath Support: Hi! How can we help?\n"
        "[6/11/25, 6:31:19 PM] Jason: hi my card isnt working at checkout\n"
        "[6/11/25, 6:31:30 PM] BrightPath Support: Sorry to hear that!\n"
        "[6/11/25, 6:32:15 PM] Jason: ok\n"
    )
    assert _said(whatsapp, engine) == [("PERSON", "Jason"), ("PERSON", "Jason")]
    # "Date:" above the messages (one header field) is the export's, not an e-mail's
    export = (
        "Web Chat transcript | Riverton Utilities\nDate: September 16, 2024 8:05 PM\n\n"
        "Agent Marcus V. (8:06:00 PM): Hi, how can I help today?\n"
        "Jennifer (8:06:13 PM): hello, the website keeps erroring out\n"
        "Agent Marcus V. (8:06:37 PM): I can take that here.\n"
        "Jennifer (8:07:30 PM): thanks\n"
    )
    assert [v for e, v in _said(export, engine) if e == "PERSON"] == ["Jennifer", "Jennifer"]
    spanish = "Cliente (3:55 PM): Hola\nJasmine O. (3:55 PM): ¡Hola!\nCliente (3:56 PM): gracias\n"
    assert [v for e, v in _said(spanish, engine) if e == "PERSON"] == []
    # roles in Spanish and French are no names: "Soporte", "Tú", "Vous"
    roles = "Soporte: ¿En qué le ayudo?\nTú: mi tarjeta\nSoporte: Perfecto\nTú: gracias\n"
    assert [v for e, v in _said(roles, engine) if e == "PERSON"] == []


def test_a_stamped_chat_reads_each_answer_with_the_prompt_before_it(engine: Engine) -> None:
    # the stamps between the bot's prompt and the answer put the cue past the PIN's reach
    chat = (
        "11:33:10 AM - Bot: Thanks! Enter the PIN for your account.\n"
        "11:33:58 AM - You: 777585\n"
        "11:33:59 AM - Bot: You're verified.\n"
    )
    assert _said(chat, engine) == [("PIN", "777585")]
    # a header's number and the next line's date are no phone number read across them
    header = (
        "Conversation ID: 321-75806\nDate: 08/05/2024 7:23 AM\n\n"
        "7:23 AM - Visitor: washer is leaking again\n7:24 AM - Support Agent: So sorry!\n"
    )
    assert _said(header, engine) == []


def test_an_agents_numbers_after_a_card_given_unasked_are_no_card_data(engine: Engine) -> None:
    chat = (
        "Cliente (3:56 PM): o mejor te paso el número completo: 6759.6498.2643.8453\n"
        "Jasmine O. (3:57 PM): Por favor no comparta el número completo por chat.\n"
        "Jasmine O. (3:58 PM): Veo el cargo de 2293.26 USD del 20/05/2024. Caso 106077.\n"
    )
    assert _said(chat, engine) == [("PAYMENT_CARD", "6759.6498.2643.8453")]


def test_a_dm_export_names_the_customers_handle_not_the_brands(engine: Engine) -> None:
    dm = (
        "X (Twitter) DM — @alejandro_bla83 → @EvergreenHealthPlanHelp\n\n"
        "@alejandro_bla83 · 5:10 PM\nstill no refund\n"
        "@EvergreenHealthPlanHelp · 5:14 PM\nWe're sorry! Which card was charged?\n"
        "@alejandro_bla83 · 5:17 PM\nthe visa\n"
    )
    found = _said(dm, engine)
    assert found == [("PERSON", "@alejandro_bla83")] * 3


def test_an_export_with_the_date_above_each_message_names_its_writers(engine: Engine) -> None:
    chat = (
        "Wendy Hoover\nSep 21, 2025, 5:24 PM\nHi, I need to update the phone on my account\n\n"
        "Meridian Mortgage\nSep 21, 2025, 5:26 PM\n"
        "Please send your full name, date of birth and the best number to reach you.\n\n"
        "Wendy Hoover\nSep 21, 2025, 5:29 PM\nWendy Hoover 2/10/01 7709693971\n"
    )
    assert _said(chat, engine) == [
        ("PERSON", "Wendy Hoover"),
        ("PERSON", "Wendy Hoover"),
        ("PERSON", "Wendy Hoover"),
        ("DATE_OF_BIRTH", "2/10/01"),
        ("PHONE", "7709693971"),
    ]


def test_an_ivr_event_log_keeps_its_stamps_and_fields_apart_from_the_digits_keyed(
    engine: Engine,
) -> None:
    log = (
        "2024-12-06T20:58:17.374Z prompt.play id=ENTER_DOB_MMDDYYYY\n"
        '2024-12-06T20:58:27.933Z dtmf.collect digits="10021981" term=maxdigits\n'
        "2024-12-06T20:58:44.259Z prompt.play id=PAY_ENTER_CARD\n"
        '2024-12-06T20:58:56.817Z dtmf.collect digits="4242424242424242" pci_mode=OFF\n'
        '2024-12-06T20:59:05.631Z dtmf.collect digits="0327"\n'
        '2024-12-06T20:59:09.747Z dtmf.collect digits="640"\n'
        "2024-12-06T20:59:14.074Z transfer queue=BILLING_T1 ext=605 wait_est=102s\n"
    )
    assert _said(log, engine) == [
        ("DATE_OF_BIRTH", "10021981"),
        ("PAYMENT_CARD", "4242424242424242"),
        ("CARD_EXPIRY", "0327"),
        ("CARD_CVV", "640"),
    ]


def test_a_calendar_date_after_a_card_is_no_card_datum(engine: Engine) -> None:
    mail = (
        "Hi Becky, we removed the card number from our records.\n\n"
        "> On Thu, Oct 16, 2025, Becky Boyd wrote:\n"
        "> my Mastercard number is 2223 0031\n> 2200 3222 exp 01/31\n"
    )
    found = _said(mail, engine)
    assert ("CARD_EXPIRY", "01/31") in found
    assert not any("2025" in value for _, value in found)


def test_a_chat_with_times_after_the_names_reads_answers_with_their_questions(
    engine: Engine,
) -> None:
    chat = (
        "Support Agent (6:14:14 PM): Now for your daughter: her full name, date of birth, "
        "and Social Security number, please.\n"
        "Catherine Anderson (6:14:47 PM): Susan Anderson, 05/13/1998\n"
        "Catherine Anderson (6:15:07 PM): ok\n"
    )
    assert ("DATE_OF_BIRTH", "05/13/1998") in _said(chat, engine)


def test_a_value_continued_across_turns_is_read_with_the_question_before_a_hold(
    engine: Engine,
) -> None:
    chat = (
        "Agent: To finish the loan application I need your Social Security number.\n"
        "Customer: ok one sec\nAgent: Yes, this chat is encrypted.\n"
        "Customer: 293-99\nCustomer: 3977\nAgent: Thanks\n"
    )
    assert _said(chat, engine) == [("US_SSN", "293-99"), ("US_SSN", "3977")]


def test_a_card_before_a_chat_label_read_as_blanks_is_scanned_within_budget(
    engine: Engine,
) -> None:
    # the label after the card is read as thirty blanks; the code's pattern after a card split
    # them among its repeats in every way and ran past the 2 s budget (UNSCANNABLE)
    chat = (
        "Support Agent (18:43:31): What card would you like to use for the deposit?\n"
        "Andrea Jackson (18:43:36): 6011 0009 9013 9424\n"
        "Support Agent (18:44:06): Let me read that back: 6011 0009 9013 9424. Correct?\n"
        "Andrea Jackson (18:44:38): yes\n"
    )
    found = _said(chat, engine)
    assert "UNSCANNABLE" not in {entity for entity, _ in found}
    assert found.count(("PAYMENT_CARD", "6011 0009 9013 9424")) == 2


def test_a_request_for_the_last_four_of_a_social_opens_no_card_window(engine: Engine) -> None:
    # "the last four digits of your Social Security number" asks for no card's code: the case
    # number two lines below is none
    mail = (
        "> Please reply with your date of birth and the last four digits of your Social "
        "Security number.\n>\n> Dana M.\n> Acme Wireless Disputes Team | Case CASE-197626\n"
    )
    assert _said(mail, engine) == []


def test_a_request_not_to_share_a_card_asks_for_none(engine: Engine) -> None:
    # the answer is the phone number asked for first, not card data
    dm = (
        "@NorthwindBankHelp · 4:50 PM\nPlease send the email or phone number on your account so "
        "we can look into it. Please don't share card numbers here.\n"
        "@realcindyyoun · 7:41 PM\n6262413843 its under Cindy Young\n"
    )
    assert _said(dm, engine) == [
        ("PERSON", "@realcindyyoun"),
        ("PHONE", "6262413843"),
        ("PERSON", "Cindy Young"),
    ]


def test_a_letters_header_is_no_number_said_over_several_turns(engine: Engine) -> None:
    # the ZIP, the phone number and the date on their own lines are no card and its code
    letter = (
        "Katherine Miller\n549 Hawkins Lights\nNew Sethmouth, WA 98834\n1-970-809-5434\n\n"
        "July 22, 2024\n\nNorthwind Bank\n"
    )
    assert _said(letter, engine) == [
        ("PERSON", "Katherine Miller"),
        ("STREET_ADDRESS", "549 Hawkins Lights\nNew Sethmouth, WA"),
        ("US_ZIP", "98834"),
        ("PHONE", "1-970-809-5434"),
    ]


def test_a_vendors_json_lines_pasted_as_text_are_read_as_a_transcript(engine: Engine) -> None:
    # the question is in one record, its answer in the next: read as turns, mapped back
    records = [
        {"speaker": "ch_0", "start": 37.46, "text": "can i have the name on the account please"},
        {"speaker": "ch_1", "start": 40.26, "text": "yeah it's stephanie hopkins"},
        {"speaker": "ch_0", "start": 44.1, "text": "and the card number"},
        {"speaker": "ch_1", "start": 47.9, "text": "four one one one one one one one"},
        {"speaker": "ch_0", "start": 50.2, "text": "uh huh"},
        {"speaker": "ch_1", "start": 52.0, "text": "one one one one one one one one"},
    ]
    text = "\n".join(json.dumps(r) for r in records)
    found = _said(text, engine)
    assert ("PERSON", "stephanie hopkins") in found
    assert ("PAYMENT_CARD", "four one one one one one one one") in found
    assert ("PAYMENT_CARD", "one one one one one one one one") in found
    # a record whose text has escapes is left to the plain scan (its offsets are not the JSON's)
    escaped = text.replace("stephanie hopkins", 'stephanie \\"steph\\" hopkins')
    assert all(f.end <= len(escaped) for f in scan_text(escaped, engine))


def test_an_amount_continues_no_account_number_read_before_it(engine: Engine) -> None:
    call = (
        "Agent: let me read that back routing one two one oh oh oh three five eight account "
        "five two five eight eight seven seven nine\nCustomer: yep\n"
        "Agent: your payment of seventy nine dollars will draft on the twenty sixth\n"
    )
    assert [e for e, _ in _said(call, engine)] == ["ABA_ROUTING", "BANK_ACCOUNT"]


def test_a_read_back_is_redacted_whole_though_a_shorter_part_was_found(engine: Engine) -> None:
    # the read-back has no cue before its local part's first word: only "damota at ..." is
    # found there by itself; the whole value, found where it was given, is looked for again
    call = (
        "Agent: what's the email on file\n"
        "Customer: it's vicente damota at yahoo dot com dot m x\n"
        "Agent: let me read that back vicente damota at yahoo dot com dot m x\nCustomer: yes"
    )
    readback = call.rindex("vicente")
    said = [(f.start, f.end) for f in scan_text(call, engine) if f.entity.name == "EMAIL"]
    assert (readback, readback + len("vicente damota at yahoo dot com dot m x")) in said
    document = Document("d", (Segment("s", call),))
    redacted = redact_document(document, scan(document, engine), engine).document
    assert "vicente" not in redacted.segments[0].text


@pytest.mark.parametrize(
    "text",
    [
        "start\tend\tspeaker\ttranscript\n15.05\t17.71\tA\tcan you tell me your name\n"
        "18.62\t21.99\tB\tuh cody beck\n22.21\t24.76\tA\tthank you\n",
        "13.5s-15.5s agent | and your full name please\n"
        "15.8s-17.6s caller | yes hello is cody beck\n18.5s-22.0s agent | and a phone number\n",
        "- and your full name please\n- cody beck\n- and a phone number\n",
        "3\n00:00:18,749 --> 00:00:21,359\ncan i get your first and last name\n\n4\n"
        "00:00:22,759 --> 00:00:29,005\ncody beck\n\n5\n00:00:29,618 --> 00:00:34,758\nthank you\n",
    ],
    ids=["tsv", "time-range-bar", "dashes", "srt"],
)
def test_a_laid_out_transcript_reads_each_answer_after_its_question(
    engine: Engine, text: str
) -> None:
    assert ("PERSON", "cody beck") in _said(text, engine)


def test_values_wrapped_in_a_subtitle_cue_or_going_on_into_the_next_cue_are_read_whole(
    engine: Engine,
) -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n>> Can you verify your date of birth?\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n>> Yeah, the seventh of february, two\n"
        "thousand one.\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\n>> What's the best callback number?\n\n"
        "4\n00:00:07,100 --> 00:00:09,000\n>> Sure, four oh four, triple five, oh\n\n"
        "5\n00:00:09,100 --> 00:00:10,000\nfourteen one.\n\n"
        "6\n00:00:10,500 --> 00:00:11,000\n>> Thanks, and the service address?\n\n"
        "7\n00:00:11,100 --> 00:00:13,000\n>> two five five four eight Maple Drive, Fresno, CA,\n"
        "nine three seven zero eight.\n"
    )
    said = _said(srt, engine)
    assert ("DATE_OF_BIRTH", "the seventh of february, two\nthousand one") in said
    assert ("PHONE", "four oh four, triple five, oh") in said
    assert ("PHONE", "fourteen one") in said
    assert ("US_ZIP", "nine three seven zero eight") in said
    # no digit of a cue's number or timing line is a piece of a value
    timing = [m.span() for m in re.finditer(r"(?m)^\d+\n[\d:,]+ --> [\d:,]+$", srt)]
    for f in scan_text(srt, engine):
        assert not any(f.start < end and start < f.end for start, end in timing), f


@pytest.mark.parametrize(
    "text",
    [
        # a CSV export with comment lines above its header
        "# Verint Speech Analytics - Interaction Export\n# Site: Manila-3\n"
        "InteractionID,SegmentNo,Speaker,StartSec,EndSec,Confidence,Utterance\n"
        '"6123-67-D",23,"Agent",95.1,97.8,0.75,"And the four digit PIN on the account?"\n'
        '"6123-67-D",24,"Customer",98.24,99.92,0.76,"two seven eight seven."\n'
        '"6123-67-D",25,"Agent",100.1,101.0,0.81,"Thank you."\n',
        # numbered utterances, each with its speaker and time
        "#0022 A 00:01:38.7 AND YOUR ACCOUNT PIN\n#0023 B 00:01:41.9 UH TWO SEVEN EIGHT SEVEN\n"
        "#0024 A 00:01:45.2 CAN I PUT YOU ON A BRIEF HOLD\n",
        # a channel and an arrow in the bracketed span before the speaker
        "[ch1 00:01:20.373 \u2192 00:01:26.119] Speaker 1: and the four digit pin on the account\n"
        "[ch1 00:01:27.373 \u2192 00:01:29.119] Speaker 2: two seven eight seven\n"
        "[ch1 00:01:30.373 \u2192 00:01:32.119] Speaker 1: thanks\n",
        # an IVR's log: the prompt, then the keyed digits in a field
        "[IVR 00:19] PROMPT Please enter your four digit PIN.\n[IVR 00:23] INPUT  dtmf: 2787\n"
        "[IVR 00:24] PROMPT Please hold.\n",
        # seconds from the call's start, and a recogniser's confidence after each word
        "[0058.11] S1: and(0.78) your(0.52) account(0.61) pin(0.88)\n"
        "[0060.88] S2: two(0.41) seven(0.87) eight(0.73) seven(0.47)\n"
        "[0063.47] S1: thank(0.6) you(0.7)\n",
    ],
    ids=["csv-after-comments", "numbered-speaker-time", "channel-arrow-span", "ivr-log", "seconds"],
)
def test_a_pin_answered_in_a_transcript_layout_is_found(engine: Engine, text: str) -> None:
    said = _said(text, engine)
    assert [entity for entity, _value in said] == ["PIN"]
    value = re.sub(r"\(0\.\d+\)| ", "", said[0][1].lower())
    assert value in ("twoseveneightseven", "2787")


def test_a_contact_card_s_properties_are_read_by_their_names_and_places(engine: Engine) -> None:
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Reyes;Samantha;;;\nFN:Samantha Reyes\n"
        "TEL;TYPE=WORK:(206) 555-0185;ext=7419\n"
        "ADR;TYPE=HOME:;;010 Jacqueline Shoals;Jacobstad;SD;12794;USA\nBDAY:2002-09-25\n"
        "END:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Riverside Support\n"
        "TEL;TYPE=WORK:1-800-846-5105;ext=7447\nEND:VCARD\n"
    )
    said = _said(card, engine)
    for value in ("Samantha Reyes", "(206) 555-0185", ";ext=7419", "12794", "2002-09-25"):
        assert any(value == v for _entity, v in said), value
    assert ("US_ZIP", "12794") in said
    assert ("STREET_ADDRESS", "010 Jacqueline Shoals") in said
    assert "7447" not in [v for _entity, v in said]  # a toll-free line's desk


def test_a_pdf_form_s_dumped_fields_are_read_by_their_names(engine: Engine) -> None:
    dump = (
        "pdftk payroll.pdf dump_data_fields\n---\nFieldType: Text\n"
        "FieldName: topmostSubform[0].Page1[0].f1_05[0]\n"
        "FieldNameAlt: Routing number (9 digits)\nFieldFlags: 12582912\n"
        "FieldValue: 021000021\nFieldJustification: Left\n---\nFieldType: Text\n"
        "FieldName: topmostSubform[0].Page1[0].f1_06[0]\nFieldNameAlt: 7. Account number\n"
        "FieldFlags: 12582912\nFieldValue: 4417305529\nFieldJustification: Left\n---\n"
        "FieldType: Text\nFieldName: topmostSubform[0].Page1[0].f1_07[0]\n"
        "FieldNameAlt: ZIP\nFieldFlags: 0\nFieldValue: 40603\n---\n"
        "FieldType: Text\nFieldName: topmostSubform[0].Page1[0].f1_08[0]\n"
        "FieldNameAlt: Refund amount\nFieldFlags: 0\nFieldValue: 1378.00\n"
    )
    said = _said(dump, engine)
    assert ("ABA_ROUTING", "021000021") in said
    assert ("BANK_ACCOUNT", "4417305529") in said
    assert ("US_ZIP", "40603") in said
    assert "1378.00" not in [v for _entity, v in said]  # an amount under its name


def test_a_json_document_of_numbered_channels_reads_each_answer(engine: Engine) -> None:
    text = (
        '{\n  "segments": [\n'
        '    {"channel": 0, "start": 24.5, "transcript": "what address should we send the tax'
        ' receipt to"},\n'
        '    {"channel": 1, "start": 28.7, "transcript": "fifty sunset court unit two f sarahbury'
        ' one seven oh one eight"},\n'
        '    {"channel": 0, "start": 33.4, "transcript": "thank you"}\n  ]\n}'
    )
    said = _said(text, engine)
    assert ("US_ZIP", "one seven oh one eight") in said
    assert ("STREET_ADDRESS", "fifty sunset court unit two f sarahbury") in said


def _aws(words: list[tuple[str, str]]) -> str:
    """An AWS Transcribe-like document: the whole call as one string, then a word per item."""
    items = []
    for speaker, word in words:
        kind = "punctuation" if word in ".,?" else "pronunciation"
        item: dict[str, object] = {"alternatives": [{"confidence": "0.9", "content": word}]}
        item["type"] = kind
        if kind == "pronunciation":
            item["speaker_label"] = speaker
        items.append(item)
    whole = " ".join(w for _, w in words)
    return json.dumps({"results": {"transcripts": [{"transcript": whole}], "items": items}})


def _words(said: str, speaker: str) -> list[tuple[str, str]]:
    return [(speaker, w) for w in said.split()]


def test_a_json_conversation_names_each_message_s_writer_not_its_medium(
    engine: Engine,
) -> None:
    from callshield.core.json_transcripts import json_reading

    def message(direction: str, author: dict[str, object], said: str) -> dict[str, object]:
        return {"type": direction, "author": author, "components": [{"data": {"text": said}}]}

    agent = {"type": "agent", "name": "Holly Reyes"}
    user = {"type": "user", "channelUId": "+13125550196"}
    said = [
        (agent, "And a good callback number for you?"),
        (user, "Uh, three one two..."),
        (agent, "Mm-hmm."),
        (user, "Then five double five oh one nine 6."),
    ]
    # ("channel": "voice" says how the call was held: it is no one's turn)
    text = json.dumps(
        {
            "channel": "voice",
            "messages": [
                message("outgoing" if who is agent else "incoming", who, line) for who, line in said
            ],
        }
    )
    reading = json_reading(text)
    assert reading is not None
    assert [line.split(":")[0] for line in reading.transcript.splitlines()] == [
        "agent", "user", "agent", "user"
    ]  # fmt: skip
    assert ("PHONE", "three one two") in _said(text, engine)
    # an export's speaker_type, and a chat's from_agent, name the writer as well
    typed = {
        "channel": "chat",
        "transcripts": [
            {"speaker_type": "agent", "text": "What's the account number?"},
            {"speaker_type": "consumer", "text": "It's 8885058529."},
        ],
    }
    flagged = {
        "channel": "chat",
        "messages": [
            {"from_agent": True, "sender": {}, "text": "What's the account number?"},
            {"from_agent": False, "sender": {}, "text": "It's 8885058529."},
        ],
    }
    named = {
        "messages": [
            {"text": "What's the account number?", "from": {"name": "Agent"}},
            {"text": "It's 8885058529.", "from": {"name": "Caller"}},
        ]
    }
    keyed = {
        "messages": [
            {"text": "What's the account number?", "author_id": "agent@example.com"},
            {"text": "It's 8885058529.", "author_id": "c7e1a-guest"},
        ]
    }
    for doc, who in (
        (typed, "consumer"),
        (flagged, "customer"),
        (named, "Caller"),
        (keyed, "guest"),
    ):
        reading = json_reading(json.dumps(doc))
        assert reading is not None
        assert reading.transcript.splitlines()[1] == f"{who}: It's 8885058529."


def test_a_transcript_in_time_columns_reads_a_wrapped_question_and_no_time_as_a_value(
    engine: Engine,
) -> None:
    # a recogniser's lines: start, end, words; the question wraps, the answer too
    rows = [
        ("40.076000", "42.257250", "can you verify the phone"),
        ("42.257250", "43.566000", "number on file"),
        ("44.685000", "47.364091", "two one four five fifty five uh"),
        ("47.364091", "48.895000", "zero one five four"),
        ("50.048000", "52.055857", "where should we send the"),
    ]
    text = "".join(f"{a}\t{b}\t{said}\n" for a, b, said in rows)
    said = _said(text, engine)
    assert ("PHONE", "two one four five fifty five") in said
    assert ("PHONE", "zero one five four") in said
    # the line after "the phone" opens with its times: no phone number, nor a read-back of one
    assert not [v for _, v in said if v[:1].isdigit()]


def test_a_word_per_item_json_reads_a_value_said_over_many_words(engine: Engine) -> None:
    """AWS's items (each word a string, its speaker beside it): the card number's sixteen
    words are sixteen strings, each redacted; a word of a value is not looked for again
    elsewhere ("one" stays one in "one moment")."""
    words = [
        *_words("what card would you like to use", "spk_0"),
        ("spk_0", "?"),
        *_words("four one one one one one one one one one one one one one one one", "spk_1"),
        *_words("one moment please", "spk_0"),
    ]
    text = _aws(words)
    found = scan_text(text, engine)
    items = json.loads(text)["results"]["items"]
    digits = [
        i for i, it in enumerate(items) if it["alternatives"][0]["content"] in ("four", "one")
    ]
    card_words = digits[:16]
    covered = {(f.start, f.end) for f in found if f.entity.name == "PAYMENT_CARD"}
    starts = [m.start() + len('"content": "') for m in re.finditer(r'"content": "', text)]
    for i in card_words:
        word = items[i]["alternatives"][0]["content"]
        assert (starts[i], starts[i] + len(word)) in covered
    # the "one" of "one moment" is no part of the card, in the items or in the whole call
    moment = starts[digits[16]]
    assert not any(f.start <= moment < f.end for f in found)
    assert not any(
        f.reasons[0].startswith("same value") for f in found if f.entity.name == "PAYMENT_CARD"
    )


def test_a_deepgram_document_redacts_the_word_and_its_punctuated_form(engine: Engine) -> None:
    said = [
        (0, "may", "May"), (0, "i", "I"), (0, "have", "have"), (0, "your", "your"),
        (0, "date", "date"), (0, "of", "of"), (0, "birth", "birth?"),
        (1, "march", "March"), (1, "third", "third"), (1, "nineteen", "nineteen"),
        (1, "eighty", "eighty"), (1, "one", "one."),
    ]  # fmt: skip
    words = [{"word": w, "speaker": s, "punctuated_word": p} for s, w, p in said]
    text = json.dumps({"results": {"channels": [{"alternatives": [{"words": words}]}]}})
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    for word in ("march", "March", "third", "nineteen", "eighty", "one", "one."):
        assert ("DATE_OF_BIRTH", word) in found or ("DATE_OF_BIRTH", word.rstrip(".")) in found
    assert not any(value in ("May", "birth?") for _, value in found)


def test_vosk_json_lines_redact_each_word_and_each_line_s_whole_text(engine: Engine) -> None:
    """Vosk writes a call as JSON lines, an utterance a line: its words (`result[].word`) under
    its whole `text`. The card said over words is redacted in both; a number said in another
    line ("your tracking number is ...") is no part of it, nor is a word of the card that
    appears again in another line's text."""

    def line(said: str) -> str:
        words = [
            {"conf": 0.9, "end": k + 0.4, "start": float(k), "word": w}
            for k, w in enumerate(said.split())
        ]
        return json.dumps({"result": words, "text": said})

    card = "four one one one one one one one one one one one one one one one"
    lines = [
        "what card would you like to use today please",
        f"sure it's {card}",
        "your tracking number is five three four three three five nine three one",
        "one moment please",
    ]
    text = "\n".join(line(said) for said in lines)
    covered = {p for f in scan_text(text, engine) for p in range(f.start, f.end)}
    whole = text.index(card)  # (in the second line's whole text)
    assert all(p in covered for p in range(whole, whole + len(card)))
    second = text.split("\n")[1]
    offset = text.index(second)
    for m in re.finditer(r'"word": "(four|one)"', second):
        assert offset + m.start(1) in covered  # each word of the card
    third = text.index(lines[2])
    assert not any(p in covered for p in range(third, third + len(lines[2])))
    fourth = text.rindex("one moment")
    assert fourth not in covered


def test_watson_timestamps_redact_each_word_and_its_own_segment_s_transcript(
    engine: Engine,
) -> None:
    """IBM Watson writes each result's words with their times (`timestamps: [["word", start,
    end], ...]`) beside its `transcript`. The words are read, a line a result, and a value
    found in them is redacted in both; a short word of the value ("it's") is not looked for in
    another result's transcript, nor is Watson's hesitation mark, "%HESITATION", a word."""

    def result(said: str, at: float) -> dict[str, object]:
        words = [[w, round(at + k * 0.4, 2), round(at + k * 0.4 + 0.3, 2)]
                 for k, w in enumerate(said.split())]  # fmt: skip
        return {"final": True, "alternatives": [
            {"transcript": said + " ", "confidence": 0.8, "timestamps": words}]}  # fmt: skip

    lines = [
        "thanks for calling how can i help",
        "who do i have the pleasure of speaking with",
        "it's %HESITATION crystal clark",
        "can you verify the phone number on file",
        "it's three won two five five five oh won for three",
        "the charge was for seven hundred fifteen dollars",
    ]
    document = {"result_index": 0, "results": [result(s, 2.0 * k) for k, s in enumerate(lines)]}
    text = json.dumps(document, indent=2)
    covered = {p for f in scan_text(text, engine) for p in range(f.start, f.end)}
    for value in ("crystal clark", "three won two five five five oh won for three"):
        at = text.index(value)  # (in its result's transcript: every letter, word by word)
        assert all(p in covered for p in range(at, at + len(value)) if text[p] != " ")
    for word in ("crystal", "clark", "won", "for"):
        assert all(m.start(1) in covered for m in re.finditer(rf'\["({word})",', text))
    for kept in ("seven", "hundred", "dollars", "pleasure"):
        assert not any(m.start(1) in covered for m in re.finditer(rf'"({kept})"', text))


def test_voicebase_words_after_each_turn_mark_are_that_speakers(engine: Engine) -> None:
    """VoiceBase keeps a call's words as `{"p", "s", "e", "w"}` items, each turn opened by a
    mark among them (`{"w": "Agent:", "m": "turn"}`): read as turns, the caller's answer is
    read with the agent's question, and each word of it is redacted."""
    turns = [
        ("Agent:", "can you give me your account pin"),
        ("Caller:", "it's oh four eighty five"),
        ("Agent:", "thank you"),
    ]
    words: list[dict[str, object]] = []
    for mark, said in turns:
        words.append({"p": len(words), "s": 0, "e": 0, "w": mark, "m": "turn"})
        words += [{"p": len(words) + k, "s": 10 * k, "e": 10 * k + 5, "w": w}
                  for k, w in enumerate(said.split())]  # fmt: skip
    text = json.dumps({"mediaId": "b78e", "transcript": {"words": words}})
    covered = {p for f in scan_text(text, engine) for p in range(f.start, f.end)}
    for word in ("oh", "four", "eighty", "five"):
        assert all(m.start(1) in covered for m in re.finditer(rf'"w": "({word})"', text))
    assert not any(m.start(1) in covered for m in re.finditer(r'"w": "(account|pin)"', text))


def test_a_dialogflow_cx_history_reads_the_bot_s_prompts_and_the_live_agent_s_transcript(
    engine: Engine,
) -> None:
    """Dialogflow CX: the caller's words under `queryInput` (said again in `queryResult.text`
    and `requestUtterances`), the bot's reply to them in `responseMessages[].text.text[]`, a
    list of strings (and `responseUtterances`); after the hand-off, the live agent's
    transcript, a shallower series of `{"role", "text"}` objects. Each series is read as
    turns, in the document's order; the copies are not read again as turns."""

    def interaction(said: str, reply: str) -> dict[str, object]:
        result = {"text": said, "responseMessages": [{"text": {"text": [reply]}}]}
        return {"request": {"queryInput": {"text": {"text": said}}},
                "response": {"queryResult": result},
                "requestUtterances": said, "responseUtterances": reply}  # fmt: skip

    handoff = [
        ("HUMAN_AGENT", "Thanks for holding. May I have your name please?"),
        ("END_USER", "Hi, this is Jessica."),
        ("HUMAN_AGENT", "Can you verify the phone number on the account?"),
        ("END_USER", "Area code nine seven one..."),
        ("HUMAN_AGENT", "Mm-hmm."),
        ("END_USER", "double five five uh zero one double nine."),
    ]
    document = {
        "interactions": [
            interaction("i need a payoff quote", "Please say or enter your loan number."),
            interaction("six four six seven six three nine one seven eight",
                        "Thanks. And what's your date of birth?"),
            interaction("eleven twelve nineteen ninety two", "Thanks, you're verified."),
        ],
        "liveAgentHandoff": {
            "transcript": [{"role": r, "text": t, "offset": "1.0s"} for r, t in handoff]
        },
    }  # fmt: skip
    text = json.dumps(document, indent=2)
    said = _said(text, engine)
    loan = "six four six seven six three nine one seven eight"
    # (in `queryInput`, `queryResult.text` and `requestUtterances`)
    assert [e for e, v in said if v == loan] == ["BANK_ACCOUNT"] * 3
    assert ("DATE_OF_BIRTH", "eleven twelve nineteen ninety two") in said
    assert ("PERSON", "Jessica") in said
    assert ("PHONE", "nine seven one") in said
    assert ("PHONE", "double five five uh zero one double nine") in said
    assert not any("payoff" in v or "Thanks" in v for _, v in said)


def test_a_ccai_document_reads_segments_without_words_beside_those_with_them(
    engine: Engine,
) -> None:
    """Google CCAI Insights writes a call's segments a line each, its speaker in a nested
    `segmentParticipant`, and the words of some segments only: those without words are turns
    as they are, and a value's words are redacted where its segment has them."""

    def segment(role: str, said: str, words: bool) -> str:
        record: dict[str, object] = {"text": said, "segmentParticipant": {"role": role}}
        if words:
            record["words"] = [{"word": w, "confidence": 0.9} for w in said.split()]
        return json.dumps(record)

    lines = [
        segment("HUMAN_AGENT", "Can I get your name?", False),
        segment("END_USER", "Yeah it's David.", True),
        segment("HUMAN_AGENT", "What's your Social Security number, all nine digits?", False),
        segment("END_USER", "Okay, it's 401, 46 6190.", True),
        segment("HUMAN_AGENT", "Thanks, one moment please.", False),
    ]
    text = '{"transcript": {"transcriptSegments": [\n' + ",\n".join(lines) + "\n]}}"
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    for word in ("401,", "46", "6190."):
        assert ("US_SSN", word) in found or ("US_SSN", word.rstrip(".,")) in found, word
    assert ("US_SSN", "401, 46 6190") in found
    assert ("PERSON", "David") in found
    assert not any("moment" in v for _, v in found)


def test_a_json_document_of_segments_maps_escaped_strings_character_by_character(
    engine: Engine,
) -> None:
    """Google-like results (the speaker's channel beside the text, the text one level down),
    pretty-printed; a text with escapes ("\\n", "\\u00e9") is mapped one character at a time:
    the value is redacted, not its whole string."""
    results = [
        (1, "thanks for calling can i get your name please"),
        (2, "sure it's ren\u00e9e\nokay it's ren\u00e9e dubois"),
        (1, "and the phone number on the account"),
        (2, "six one seven five five five oh one four two"),
    ]
    doc = {
        "results": [
            {"alternatives": [{"transcript": t, "confidence": 0.9}], "channelTag": c}
            for c, t in results
        ]
    }
    text = json.dumps(doc, indent=2)
    assert "\\u00e9" in text and "\\n" in text
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("PHONE", "six one seven five five five oh one four two") in found
    assert ("PERSON", "ren\\u00e9e") in found  # (its six characters of JSON, no more)
    assert not any(value.startswith("sure") for _, value in found)


def test_a_csv_transcript_is_read_as_a_call_not_as_a_table(engine: Engine) -> None:
    # read as a table, each text would be read under "text" alone, without its question
    text = (
        "call_id,turn,speaker,start_ms,end_ms,text\n"
        'c1,0,agent,1203,5328,"thank you for calling, how can i help"\n'
        'c1,1,customer,6130,9000,"i want to update my card"\n'
        'c1,2,agent,9100,9900,"when does it expire"\n'
        'c1,3,customer,10000,12000,"okay so september twenty thirty"\n'
        'c1,4,agent,12100,13000,"and the zip code on the account"\n'
        'c1,5,customer,13100,15000,"nine seven three four six"\n'
    )
    found = _said(text, engine)
    assert ("CARD_EXPIRY", "september twenty thirty") in found
    assert ("US_ZIP", "nine seven three four six") in found


def test_a_csv_transcript_whose_speaker_column_is_named_speaker_name(engine: Engine) -> None:
    # (Premiere Pro's export: read as a table, "Speaker" was a name under "Speaker Name" and
    # the phone number answering its question leaked)
    text = (
        '"Speaker Name","Start Time","End Time","Text"\n'
        '"Speaker 1","00:00:01:01","00:00:11:01","Who do I have the pleasure of speaking with?"\n'
        '"Speaker 2","00:00:11:28","00:00:13:22","Hi Linda, this is Ashley."\n'
        '"Speaker 1","00:00:29:19","00:00:39:03","And the phone number we have on file?"\n'
        '"Speaker 2","00:00:39:10","00:00:40:11","Uh, 8135550130."\n'
    )
    found = _said(text, engine)
    assert ("PHONE", "8135550130") in found
    assert not any(value == "Speaker" for _, value in found)


def test_a_word_a_row_csv_export_is_read_as_the_turns_its_words_make(engine: Engine) -> None:
    # (a speech-to-text word export: each word its own row; read row by row, no value is whole)
    said = (
        ("agent", "what's the card number please"),
        ("customer", "it's four one one one one one one one one one one one one one one one"),
        ("agent", "and the zip code"),
        ("customer", "nine seven three four six"),
    )
    rows = ["word,start,end,speaker"]
    at = 0.0
    for who, words in said:
        for word in words.split():
            rows.append(f"{word},{at:.2f},{at + 0.3:.2f},{who}")
            at += 0.35
    text = "\n".join(rows) + "\n"
    found = engine.redact(text, findings=scan_text(text, engine)).text
    assert "four," not in found and "nine," not in found and "six," not in found
    assert "what's," in found and "zip," in found  # (the agent's words stay)


def test_captions_whose_elements_name_their_speaker_are_read_as_turns(engine: Engine) -> None:
    # (TTML: the speaker in an attribute, no role's word anywhere; a code said without a cue)
    cues = (
        ("spk1", "thank you for calling coastal airlines how can i help you today"),
        ("spk2", "hi i need to change my flight"),
        ("spk1", "what's your member id"),
        ("spk2", "yeah it's seventy two seventy three eighty three ninety one fifty"),
        ("spk1", "i just sent a code to your phone, can you read it to me"),
        ("spk2", "763, 983"),
        ("spk1", "thanks, you're all set"),
    )
    body = "\n".join(
        f'    <p begin="00:00:{n:02d}.000" end="00:00:{n + 1:02d}.000" ttm:agent="{who}">{said}</p>'
        for n, (who, said) in enumerate(cues)
    )
    text = (
        f'<tt xmlns="http://www.w3.org/ns/ttml">\n  <body><div>\n{body}\n  </div></body>\n</tt>\n'
    )
    found = _said(text, engine)
    assert ("ONE_TIME_CODE", "763, 983") in found
    assert any(said.startswith("seventy two seventy three") for _, said in found)
    assert not any("airlines" in said for _, said in found)


def test_a_notebook_s_printed_table_is_read_under_its_header(engine: Engine) -> None:
    # (Jupyter keeps an output as a list of lines, each a JSON string: the header in one,
    # each row in another; a DataFrame's index is a column with no header)
    rows = [
        "     cust_id      name                phone            zip        ssn4  balance\n",
        "7133 3568675556   Heather Atkinson    +1 415 555 0114  73620      8095  257.93\n",
        "612  9531039581   Jose Villa          1-415-555-0126   33987      0428  414.94\n",
        "418  8286162072   Lisa Lawrence       206-555-0104     05830      8741  622.11",
    ]
    notebook = {"cells": [{"cell_type": "code", "outputs": [{"data": {"text/plain": rows}}]}]}
    text = json.dumps(notebook, indent=1)
    found = _said(text, engine)
    for value in ("9531039581", "8286162072", "Jose Villa", "33987", "0428", "8741"):
        assert any(value == said for _, said in found), value
    assert not any(said in ("612", "418", "414.94") for _, said in found)


def test_text_kept_as_json_lines_is_rebuilt_with_its_offsets() -> None:
    from callshield.core.string_lines import string_lines

    text = '{"source": ["a = \\"x\\"\\n", "b = 2\\n", "c"], "tags": ["one", "two"]}'
    reading = string_lines(text)
    assert reading is not None and reading.transcript == 'a = "x"\nb = 2\nc'
    (spans,) = reading.to_raw(
        [(reading.transcript.index("b = 2"), reading.transcript.index("b = 2") + 5)]
    )
    assert [text[lo:hi] for lo, hi in spans] == ["b = 2"]
    assert string_lines('{"tags": ["one", "two"]}') is None


def test_a_spreadsheet_s_xml_is_read_as_a_table_under_its_first_row(engine: Engine) -> None:
    def row(*values: str) -> str:
        cells = "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>\n' for v in values)
        return f"<Row>\n{cells}</Row>\n"

    text = (
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>\n'
        + row("Customer", "ZIP", "Card last 4", "Order")
        + row("Ryan Clarke", "24426", "0005", "W98980090")
        + row("Kevin Martin", "24085", "0011", "ORD-4001860")
        + "</Table></Worksheet></Workbook>\n"
    )
    found = _said(text, engine)
    for value in ("24426", "0005", "24085", "0011", "Kevin Martin"):
        assert any(value == said for _, said in found), value
    assert not any("W98980090" in said or "4001860" in said for _, said in found)


@pytest.mark.parametrize(
    "text",
    [
        's:6:"ssn_l4";s:4:"4497";s:8:"cc_last4";s:4:"9424";s:7:"acct_no";s:12:"477239935694";',
        '["ssn_l4"]=>\n  string(4) "4497"\n  ["cc_last4"]=>\n  string(4) "9424"\n'
        '  ["acct_no"]=>\n  string(12) "477239935694"\n',
    ],
)
def test_php_s_serialized_and_dumped_values_are_read_with_their_keys(
    engine: Engine, text: str
) -> None:
    said = {value for _, value in _said(text, engine)}
    assert {"4497", "9424", "477239935694"} <= said


def test_a_live_caption_log_is_read_as_a_call_and_its_interim_lines_with_it(
    engine: Engine,
) -> None:
    text = (
        "Live Caption log - Accessibility Relay\n"
        "[00:00:05] (Local) thank you for calling brightcart how can i help you\n"
        "[00:00:08] (Remote) my order never showed up\n"
        "[00:00:22] (Local) billing zip please\n"
        "[00:00:22] (Remote) ~ hold on it's nine zero\n"
        "[00:00:25] (Remote) hold on it's nine zero six three eight\n"
        "[00:00:30] (Local) the item number is 418175\n"
        "[00:00:43] (Local) what's the account number\n"
        "[00:00:45] (Remote) let me grab it nine double eight two zero four\n"
        "[00:00:47] (Local) uh huh\n"
        "[00:00:49] (Remote) five two five nine eight one\n"
    )
    redacted = engine.redact(text, findings=scan_text(text, engine)).text
    for said in ("nine zero six", "it's nine zero\n", "double eight", "five two five"):
        assert said not in redacted, said
    assert "418175" in redacted and "billing zip please" in redacted


def test_utterance_ids_that_name_the_speaker_are_read_as_a_call(engine: Engine) -> None:
    # (Kaldi's "text" file: an utterance's ID, with the speaker's role in it, then the words)
    said = [
        ("agt", "THANK YOU FOR CALLING OAKMONT OUTFITTERS HOW CAN I HELP YOU TODAY"),
        ("cus", "I WANT TO PAY MY BILL"),
        ("agt", "CAN I GET THE ACCOUNT NUMBER"),
        ("cus", "OKAY YEAH IT'S TWO SEVEN THREE ONE NINE FIVE SIX EIGHT SEVEN SEVEN FOUR THREE"),
        ("agt", "WHAT CARD WOULD YOU LIKE TO USE"),
        ("cus", "FOUR ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE ONE"),
        ("agt", "TRACKING SHOWS NINE FOUR OH OH ONE ONE ONE EIGHT NINE NINE 223197428490"),
    ]
    text = "".join(
        f"call63272-{who}-{1000 * n:07d}-{1000 * n + 900:07d} {words}\n"
        for n, (who, words) in enumerate(said)
    )
    found = _said(text, engine)
    assert any(value.startswith("TWO SEVEN THREE ONE") for _, value in found)
    assert any(name == "PAYMENT_CARD" and value.startswith("FOUR ONE") for name, value in found)
    # (a parcel's 22 digits inside the card's window: no card; the company's word: no name)
    assert not any("223197428490" in value or "OUTFITTERS" in value for _, value in found)


def test_an_interpreter_s_notes_stand_between_no_question_and_its_answer(engine: Engine) -> None:
    text = (
        "AGENT: thank you for calling unemployment claims how can i help you\n"
        "INTERPRETER: [interprets to vietnamese]\n"
        "CALLER: [speaks vietnamese]\n"
        "INTERPRETER: hello i need to update my direct deposit\n"
        "AGENT: can i get your date of birth\n"
        "INTERPRETER: [interprets to vietnamese]\n"
        "CALLER: [vietnamese] ... may twenty seven two thousand and one\n"
        "INTERPRETER: may twenty seven two thousand and one\n"
        "AGENT: and the zip code\n"
        "INTERPRETER: [interprets to vietnamese]\n"
        "CALLER: [vietnamese] ... six one four eight four\n"
        "INTERPRETER: six one four eight four\n"
    )
    redacted = engine.redact(text, findings=scan_text(text, engine)).text
    for said in ("may twenty", "two thousand", "six one four", "INTERPRETER: [PERSON"):
        assert said not in redacted, said
    assert "INTERPRETER: [interprets to vietnamese]" in redacted


def test_webvtt_voices_end_at_their_closing_tag_and_cue_ids_are_no_words(engine: Engine) -> None:
    cues = [
        ("Amy Gibson", "thank you for calling the state benefits line"),
        ("Jerry Clements", "i need to update my address"),
        ("Amy Gibson", "where should we mail it"),
        ("Jerry Clements", "sure thirty five seventy one renee lodge"),
        ("Amy Gibson", "and your zip"),
        ("Jerry Clements", "4 two three 3 eight"),
    ]
    text = "WEBVTT\n\n" + "".join(
        f"3e522b1-{n}\n00:00:{n:02d}.000 --> 00:00:{n + 1:02d}.000\n<v {who}>{said}</v>\n\n"
        for n, (who, said) in enumerate(cues)
    )
    redacted = engine.redact(text, findings=scan_text(text, engine)).text
    for said in ("thirty five", "renee lodge", "4 two three"):
        assert said not in redacted, said
    assert "3e522b1-5" in redacted  # (a cue's ID: no part of the answer)


def test_a_chat_transcript_s_filler_codes_stand_inside_a_number_as_fillers(engine: Engine) -> None:
    text = (
        "*AGT:\twhat card would you like to use ?\n"
        "*CUS:\tsure six zero double one &-um zero double zero nine nine oh one three nine oh"
        " four .\n"
    )
    redacted = engine.redact(text, findings=scan_text(text, engine)).text
    assert "nine nine" not in redacted and "double one" not in redacted


def test_a_record_s_answer_after_its_security_question_is_a_security_answer(
    engine: Engine,
) -> None:
    text = "{'question': 'q_pet', 'answer': 'Waffles', 'pin': '6535'}"
    redacted = engine.redact(text, findings=scan_text(text, engine)).text
    assert "Waffles" not in redacted and "6535" not in redacted and "q_pet" in redacted
    other = "{'question': 'How many items?', 'answer': '42 total'}"
    assert scan_text(other, engine) == []


def test_a_new_password_asked_for_is_read_in_the_answer(engine: Engine) -> None:
    text = (
        "agent: what do you want the new password to be\n"
        "caller: capital r o c k e t exclamation point five four nine six\n"
    )
    assert ("PASSWORD", "capital r o c k e t exclamation point five four nine six") in _said(
        text, engine
    )


def test_json_that_is_no_transcript_is_left_to_the_plain_scan() -> None:
    from callshield.core.json_transcripts import json_reading

    assert json_reading('{"order": "W123", "items": [{"sku": "A-1", "qty": 2}]}') is None
    assert json_reading('{"text": "one segment only"}') is None
    assert json_reading("not json {") is None
    assert json_reading('{"text": "a"} trailing') is None


def test_a_fixed_width_report_has_its_names_read_under_an_abbreviated_header(
    engine: Engine,
) -> None:
    text = (
        "CUST_NM         BIRTH_DT     PHONE             REF_ID\n"
        "--------------- ------------ ----------------- -----------\n"
        "RYAN MCGUIRE    05/06/1955   +1 (212) 555-7354 REF-BY8EKA\n"
        "PHILIP MOORE    04/09/1962   646 555 8590      REF-738G7E\n"
    )
    said = _said(text, engine)
    assert ("PERSON", "RYAN MCGUIRE") in said and ("PERSON", "PHILIP MOORE") in said
    assert not any("REF-" in value for _, value in said)


def test_a_whisper_document_redacts_the_whole_call_string_as_its_segments(
    engine: Engine,
) -> None:
    """Whisper writes the call twice: its segments, and the whole call in the top `text`.
    What the segments read as turns show ("and your last name" / "Stanley") is redacted in
    both."""
    said = [" And your last name.", " Stanley.", " Okay thanks.", " And your member number."]
    segments = [{"id": i, "start": i * 2.0, "text": t} for i, t in enumerate(said)]
    text = json.dumps({"text": "".join(said), "segments": segments, "language": "en"})
    found = [(f.start, f.end) for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert found == [(m.start(), m.end()) for m in re.finditer("Stanley", text)]
    assert len(found) == 2


@pytest.mark.parametrize(
    "call",
    [
        "csr > to verify what's your first pet's name\n\ncust > hmm let me think\n\n"
        "csr > no rush\n\ncust > oreo",
        "agent: for security what is your mother's maiden name\ncustomer: hmm let me think\n"
        "agent: take your time\ncustomer: oreo",
    ],
    ids=["no-rush", "take-your-time"],
)
def test_a_security_answer_after_a_stall_is_the_answer_and_the_stall_is_not(
    engine: Engine, call: str
) -> None:
    assert _said(call, engine) == [("SECURITY_ANSWER", "oreo")]


def test_the_read_back_of_a_value_said_in_pieces_is_that_value(engine: Engine) -> None:
    # each piece alone is too short to be looked for again; the value they make is not
    call = (
        "Agent: what's the account number\n"
        "Customer: i think it's five four six two\n"
        "Agent: go ahead\n"
        "Customer: okay five one five\n"
        "Agent: uh huh\n"
        "Customer: and oh eight three\n"
        "Agent: i've got fifty four sixty two five one five oh eight three is that right\n"
        "Customer: yes\n"
    )
    said = _said(call, engine)
    assert ("BANK_ACCOUNT", "fifty four sixty two five one five oh eight three") in said
    assert [value for entity, value in said if entity == "BANK_ACCOUNT"][:3] == [
        "five four six two",
        "five one five",
        "oh eight three",
    ]
    # a year that the value's digits happen to hold (5420241083) is no read-back of it
    dated = (
        call.replace("fifty four sixty two five one five", "five four two oh two four one")
        .replace("five four six two", "five four two oh")
        .replace("okay five one five", "okay two four one")
        + "Agent: that charge posted on 30 Jul 2024\n"
    )
    said = _said(dated, engine)
    assert ("BANK_ACCOUNT", "five four two oh two four one oh eight three") in said
    assert not any("2024" in value for _, value in said)


def test_a_spelling_with_pauses_after_that_s_spelled_is_the_name(engine: Engine) -> None:
    call = (
        "AGENT > CAN I GET YOUR FIRST AND LAST NAME\n"
        "CALLER > CYNTHIA CHAMBERS\n"
        "AGENT > AND THAT'S SPELLED\n"
        "CALLER > IT'S C H A M B E... R S\n"
        "AGENT > OKAY THANKS CYNTHIA\n"
    )
    said = _said(call, engine)
    assert ("PERSON", "C H A M B E... R S") in said
    chat = "agent - and that's spelled\ncustomer - it's b l a c k\nagent - ok"
    assert _said(chat, engine) == [("PERSON", "b l a c k")]
    # "that's spelled" about something else, no spelling after it: nothing
    assert _said("agent: that's spelled right on the bill\ncustomer: ok ABC", engine) == []


def test_a_writers_full_name_is_redacted_where_a_greeting_named_them_first(
    engine: Engine,
) -> None:
    chat = (
        "[27/06/25, 08:04:34] Telefonía Aurora: ¡Hola! ¿En qué le puedo ayudar?\n"
        "[27/06/25, 08:13:47] Atilio Mena: Reserva CONF-6WK8SR, el vuelo de mañana\n"
        "[27/06/25, 08:20:12] Telefonía Aurora: Hola Atilio, gracias por contactarnos.\n"
    )
    said = _said(chat, engine)
    assert ("PERSON", "Atilio Mena") in said
    assert ("PERSON", "Atilio") in said


def test_a_name_spelled_in_pieces_over_the_callers_turns_is_redacted(engine: Engine) -> None:
    call = (
        "Speaker 1 > how do you spell hendrix\n"
        "Speaker 2 > let me see h e as in edward n d\n"
        "Speaker 1 > got it\n"
        "Speaker 2 > r i x\n"
        "Speaker 2 > sorry my dog is barking\n"
    )
    said = _said(call, engine)
    assert ("PERSON", "h e as in edward n d") in said
    assert ("PERSON", "r i x") in said
    # letters that are no piece of the word asked for are left
    other = call.replace("r i x", "a b c")
    assert ("PERSON", "a b c") not in _said(other, engine)


def test_a_pipe_delimited_export_is_read_as_a_call(engine: Engine) -> None:
    export = (
        "INTERACTION_ID|SEG|PARTY|OFFSET_SEC|DUR_SEC|CONF|UTTERANCE\n"
        "2203313759|1|AGENT|1.1|4.8|0.99|Thank you for calling Lakeside Suites, you've reached"
        " Eric, how may I assist you?\n"
        "2203313759|2|CUSTOMER|6.9|2.4|0.76|I was double charged for my stay.\n"
        "2203313759|7|AGENT|33.8|1.6|0.63|And the expiration date?\n"
        "2203313759|8|CUSTOMER|36.7|1.5|0.97|october twenty twenty six.\n"
        "2203313759|9|AGENT|40.0|2.7|0.70|Three digit code on the back?\n"
        "2203313759|10|CUSTOMER|44.4|2.2|0.63|It's oh eight eight nine.\n"
    )
    # the answers, read with their questions; not the call's ID, its offsets or confidences
    assert _said(export, engine) == [
        ("PERSON", "Eric"),
        ("CARD_EXPIRY", "october twenty twenty six"),
        ("CARD_CVV", "oh eight eight nine"),
    ]


@pytest.mark.parametrize(
    "label",
    [
        "Caller - 0:33 - ",
        "Caller [00:00:58] ",
        "2203313759|8|CUSTOMER|36.7|1.5|0.97|",
        "Caller   0:33\n",  # (a meeting transcript's speaker line, the words on the next)
    ],
)
def test_a_time_or_an_exports_fields_in_a_label_are_no_digits_of_the_answer(
    engine: Engine, label: str
) -> None:
    question = label.replace("Caller", "Rep").replace("CUSTOMER", "AGENT")
    call = f"{question}Please verify your PIN.\n{label}eight six zero nine.\n"
    assert _said(call, engine) == [("PIN", "eight six zero nine")]


def _said_in(text: str, engine: Engine, entity: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == entity]


_ASKED = "what is the date of birth on the account"
_ANSWER = "march third nineteen eighty one"


def test_rev_ai_elements_are_read_as_words_of_their_speakers(engine: Engine) -> None:
    def elements(said: str) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for k, word in enumerate(said.split()):
            if k:
                out.append({"type": "punct", "value": " "})
            out.append({"type": "text", "value": word, "ts": 1.0 + k, "end_ts": 1.5 + k})
        return out

    text = json.dumps(
        {"monologues": [
            {"speaker": 0, "elements": [*elements(_ASKED), {"type": "punct", "value": "?"}]},
            {"speaker": 1, "elements": elements(_ANSWER)},
        ]}
    )  # fmt: skip
    assert _said_in(text, engine, "DATE_OF_BIRTH") == _ANSWER.split()


def test_assemblyai_words_and_their_utterances_are_read_once_each(engine: Engine) -> None:
    def utterance(speaker: str, said: str) -> dict[str, object]:
        words = [
            {"text": w, "start": 10 * k, "end": 10 * k + 5, "confidence": 0.9, "speaker": speaker}
            for k, w in enumerate(said.split())
        ]
        return {"speaker": speaker, "text": said, "start": 0, "end": 99, "words": words}

    later = "it should take about three hours"
    text = json.dumps(
        {"text": f"{_ASKED} {_ANSWER} {later}", "utterances": [
            utterance("A", _ASKED), utterance("B", _ANSWER), utterance("A", later)
        ]}
    )  # fmt: skip
    found = _said_in(text, engine, "DATE_OF_BIRTH")
    # each word (a string of its own), the utterance's text and the whole call's
    assert found.count("march third nineteen eighty one") == 2
    assert found.count("march") == 1 and found.count("eighty") == 1
    # a word of the answer found again in another utterance is not mapped there
    assert not any(f.start <= text.index("three hours") < f.end for f in scan_text(text, engine))


@pytest.mark.parametrize("layout", ["connect", "azure"])
def test_amazon_connect_and_azure_documents_are_read_as_calls(engine: Engine, layout: str) -> None:
    if layout == "connect":
        document: dict[str, object] = {"Transcript": [
            {"ParticipantId": "AGENT", "Content": _ASKED + "?", "BeginOffsetMillis": 1},
            {"ParticipantId": "CUSTOMER", "Content": _ANSWER + ".", "BeginOffsetMillis": 2},
        ]}  # fmt: skip
    else:
        document = {"recognizedPhrases": [
            {"speaker": 1, "nBest": [{"lexical": _ASKED, "display": _ASKED + "?"}]},
            {"speaker": 2, "nBest": [{"lexical": _ANSWER, "display": _ANSWER + "."}]},
        ]}  # fmt: skip
    text = json.dumps(document)
    assert _ANSWER in _said_in(text, engine, "DATE_OF_BIRTH")


def test_a_day_after_a_month_in_a_card_window_is_no_expiry(engine: Engine) -> None:
    call = (
        "Agent: go ahead with the card number\n"
        "Customer: four one one one one one one one one one one one one one one one\n"
        "Agent: and the expiration\n"
        "Customer: may twenty seven\n"
        "Customer: the charge was processed on May 3 and the service was december fourth\n"
    )
    said = _said(call, engine)
    assert ("CARD_EXPIRY", "may twenty seven") in said
    assert not any(value in ("May 3", "3", "december fourth", "fourth") for _, value in said)


def test_a_passport_s_or_a_licence_s_expiry_asked_for_is_no_card_s(engine: Engine) -> None:
    # the question names another document: its answer is no card's expiry, and opens no card
    # window; a card's expiry asked for the same way still is one
    call = (
        "spk_1: go ahead with the passport number\n"
        "spk_0: c j c four two eight u t k\n"
        "spk_1: and the expiration on the passport\n"
        "spk_0: october one twenty twenty eight\n"
        "spk_1: and the expiry date of your license\n"
        "spk_0: march seventh twenty thirty\n"
    )
    assert not [v for e, v in _said(call, engine) if e == "CARD_EXPIRY"]
    card = call.replace("on the passport", "on the card")
    assert ("CARD_EXPIRY", "october one twenty twenty eight") in _said(card, engine)


def test_a_document_s_expiry_in_a_line_of_its_own_opens_no_card_window(engine: Engine) -> None:
    # a KYC note's line names a passport and no card: its "expires" asks for no card's expiry
    note = (
        "KYC review\nApplicant: Ronald Lowe\nNationality: US\n"
        "Doc 1: Passport no. 335833971, issued 09/09/2024, expires 08/2034\n"
        "Doc 2: New York DL 690072494\nDOB on docs: 5/1/72\n"
    )
    said = _said(note, engine)
    assert not [v for e, v in said if e == "CARD_EXPIRY"], said
    assert ("US_PASSPORT", "335833971") in said


def test_a_number_written_after_a_hash_sign_is_an_order_not_a_phone(engine: Engine) -> None:
    chat = (
        "agent.k  6:36 PM\nwhich order? and do we have a callback #?\n"
        "marcus.t  6:37 PM\n#48756644 — cb at 631.919.8653\n"
    )
    assert [v for e, v in _said(chat, engine) if e == "PHONE"] == ["631.919.8653"]


def test_a_transcript_with_the_recognisers_confidence_after_each_word(engine: Engine) -> None:
    """ "four(0.84) two(0.78)": the words are read without their confidences, turn by turn
    too (a card said in three turns), and a value's span takes in the confidence after its
    last word; the offsets are the text's own."""
    lines = [
        "[0068.72] S1: can(0.58) i(0.77) get(0.61) the(0.64) card(0.80) number(0.87)",
        "[0073.09] S2: four(0.84) two(0.78) four(0.79) two(0.76)",
        "[0076.16] S1: okay(0.62)",
        "[0077.49] S2: four(0.70) two(0.51) four(0.69) two(0.37) four(0.88) two(0.56)"
        " four(0.57) two(0.58)",
        "[0081.54] S1: okay(0.51)",
        "[0082.61] S2: four(0.99) two(0.68) four(0.56) two(0.40)",
        "[0085.45] S1: and(0.55) the(0.61) expiry(0.90)",
    ]
    text = "\n".join(lines)
    cards = _values(text, engine, "PAYMENT_CARD")
    assert cards == [lines[1][14:], lines[3][14:], lines[5][14:]]
    # (a text's own bracket is no recogniser's confidence: it is read as it is)
    plain = "the card (0.5 of the balance) is four two four two four two four two"
    assert not pipeline.has_word_confidences(plain)


def test_the_number_to_call_on_the_back_of_the_card_asks_for_no_card(engine: Engine) -> None:
    """A turn that gives the customer the service number ("the number on the back of your
    card ... is open until 9 PM") opens no PCI window: the numbers after it are read as what
    they are (a work phone), and the service number itself is no card datum."""
    text = (
        "Agent: and the expiration date?\n"
        "Customer: oh nine twenty eight\n"
        "Agent: and if you need us, the number on the back of your card, 1-866-525-5647, is"
        " open until 9 PM.\n"
        "Agent: is there a daytime number, like work?\n"
        "Customer: yeah, work is six one four eight six four eight five nine one\n"
    )
    found = {text[f.start : f.end]: f.entity.name for f in scan_text(text, engine)}
    assert found.get("six one four eight six four eight five nine one") == "PHONE"
    assert "1-866-525-5647" not in found or found["1-866-525-5647"] == "PHONE"


def test_a_card_named_by_its_brand_to_pay_with_opens_the_pci_window(engine: Engine) -> None:
    text = (
        "AGENT: how would you like to pay the balance?\n"
        "CALLER: On my Diners.\n"
        "CALLER: three six two two...\n"
        "AGENT: Mm-hmm, go on.\n"
        "CALLER: seven two oh six two seven one six six seven.\n"
        "AGENT: And the expiration date?\n"
    )
    cards = _values(text, engine, "PAYMENT_CARD")
    assert cards == ["three six two two", "seven two oh six two seven one six six seven"]


def test_a_date_of_birth_read_back_in_another_form_is_redacted(engine: Engine) -> None:
    """Subtitle cues put the question for the date of birth out of the cue's reach; the date
    is a birth date by its shape alone, and its read-back in other words ("the seventh of june
    eighty five") is that date too."""
    text = (
        "WEBVTT\n\n15\n00:02:24.752 --> 00:02:26.724\n<v Agent>and your d o b</v>\n\n"
        "16\n00:02:27.585 --> 00:02:31.985\n<v Customer>it should be zero six slash oh seven"
        " slash nineteen eighty five</v>\n\n17\n00:02:33.209 --> 00:02:38.248\n<v Agent>alright"
        " so the seventh of june eighty five did i get that right</v>\n\n"
        "18\n00:02:39.100 --> 00:02:40.000\n<v Agent>and your renewal is the ninth of june"
        " twenty five</v>\n"
    )
    dates = _values(text, engine, "DATE_OF_BIRTH")
    assert dates == [
        "zero six slash oh seven slash nineteen eighty five",
        "the seventh of june eighty five",
    ]


def _values(text: str, engine: Engine, entity: str) -> list[str]:
    """The values of one entity that the pipeline finds in `text`, in order."""
    return [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == entity]


def test_a_json_document_is_no_table_of_its_lines(engine: Engine) -> None:
    # (split at its commas, one object's key stood over the next one's value: "content" was
    # read as a name under "displayName", and the address in the value was lost)
    said = [
        "hey, need a hand with a dispute",
        "what address is on file?",
        ("15591 Andrew Forge, Audreyside, PR 26178<br>phone 646-555-0156"),
    ]
    messages = [
        "    {\n"
        f'      "id": "17544733{k}1000",\n'
        '      "messageType": "message",\n'
        f'      "createdDateTime": "2025-08-06T09:4{k}:21.197Z",\n'
        '      "from": {"user": {"id": "621c5984", "displayName": "Hayley Vincent", '
        '"userIdentityType": "aadUser"}},\n'
        f'      "body": {{"contentType": "html", "content": "<p>{line}</p>"}},\n'
        '      "attachments": [],\n'
        '      "reactions": []\n'
        "    }"
        for k, line in enumerate(said)
    ]
    text = '{\n  "value": [\n' + ",\n".join(messages) + "\n  ]\n}\n"
    assert json.loads(text)  # (the export is JSON)
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("STREET_ADDRESS", "15591 Andrew Forge, Audreyside, PR") in found
    assert ("PERSON", "content") not in found


def test_a_table_in_a_text_that_opens_with_a_bracketed_time_is_read(engine: Engine) -> None:
    """A chat export's first line opens with its time in brackets ("[10:02] Agent: ..."): no
    JSON array, so the table pasted in it is read with its headers (an account column's
    numbers have no cue of their own)."""
    table = (
        "\n\n| Name | Account | Status |\n|---|---|---|\n| Ana Lopez | 48213377 | open |\n"
        "| Li Wei | 59302184 | closed |"
    )
    said = _said("[10:02] Agent: here is the record" + table, engine)
    assert ("BANK_ACCOUNT", "48213377") in said
    assert ("BANK_ACCOUNT", "59302184") in said


def test_a_program_s_log_read_line_by_line_opens_no_pci_window(engine: Engine) -> None:
    """A debug log whose lines go on from one to the next is read line by line (a value it
    repeats is found again), but the numbers after a card's line are its other fields, not a
    caller's answers: no CVV or expiry by their place. A call's lines still open the window."""
    log = "\n".join(
        [
            "13:16:47.047 (982)|USER_INFO|[EXTERNAL]|005Dn000008lVZb|svc@example.com",
            '13:16:47.072 (25163)|USER_DEBUG|[91]|DEBUG|body={"pan":"4111111111111111",'
            '"exp":"12/2028","cvv":"477","amount":"1800.64","orderRef":"W58450739"}',
            "13:16:47.357 (310322)|CALLOUT_RESPONSE|[88]|StatusCode=201",
            '13:16:47.359 (312706)|VARIABLE_ASSIGNMENT|[102]|c.Stage__c|"Intake"',
            "13:16:47.367 (320708)|DML_BEGIN|[120]|Op:Insert|Type:Case|Rows:1",
        ]
    )
    cvvs = _values(log, engine, "CARD_CVV")
    assert cvvs == ["477"]
    assert _values(log, engine, "PAYMENT_CARD") == ["4111111111111111"]
    call = "agent: card number please\n4111 1111 1111 1111\nagent: and the code on the back\n477"
    assert _values(call, engine, "CARD_CVV") == ["477"]


@pytest.mark.parametrize(
    ("layout", "text", "entity", "values"),
    [
        (
            "stereo channels with confidence and time",
            "ch0 0.45 0016.70 | can i have your routing number please\n"
            "ch1 0.93 0020.50 | sure it's zero two one zero zero\n"
            "ch0 0.72 0025.10 | okay\n"
            "ch1 0.97 0027.08 | zero zero two one\n",
            "ABA_ROUTING",
            ["zero two one zero zero", "zero zero two one"],
        ),
        (
            "syslog lines of a recogniser's utterances, their header and data read as labels",
            '<134>1 2024-03-24T10:48:20.604Z asr-08 cct 29114 SESS [call@32473 id="8abc9a44'
            '-bbe0" queue="Billing"] session start\n'
            '<134>1 10:48:44.990Z asr-08 cct 29114 UTT [utt@32473 ch="0" seq="5"] can i get'
            " your first and last name please\n"
            '<134>1 10:48:46.737Z asr-08 cct 29114 UTT [utt@32473 ch="1" seq="6"] dezső szalai\n'
            '<134>1 10:48:48.831Z asr-08 cct 29114 UTT [utt@32473 ch="0" seq="7"] thanks\n',
            "PERSON",
            ["dezső szalai"],
        ),
        (
            "spoken-language XML (TEI) with a pause inside a number",
            '<u who="#AGT" start="26.36">what\'s the zip code</u>\n'
            '<u who="#CLR" start="28.60">nine four one <pause dur="PT1.4S"/> oh two</u>\n'
            '<u who="#AGT" start="31.02">thanks</u>\n'
            '<u who="#CLR" start="33.10">sure</u>\n',
            "US_ZIP",
            ['nine four one <pause dur="PT1.4S"/> oh two'],
        ),
        (
            "spoken-language XML (TEI): an agent's read-back with a digit misheard",
            '<u who="#CLR" start="42.59">mm-hm yes</u>\n'
            '<u who="#AGT" start="44.14">can i get the nine digit routing number</u>\n'
            '<u who="#CLR" start="46.35">oh eight nine four nine two oh seven'
            ' <pause dur="PT1.6S"/> nine</u>\n'
            '<u who="#AGT" start="50.64">okay 389492079</u>\n'
            '<u who="#CLR" start="53.30">mm-hm yes</u>\n',
            "ABA_ROUTING",
            ['oh eight nine four nine two oh seven <pause dur="PT1.6S"/> nine', "389492079"],
        ),
        (
            "a data frame of utterances printed aligned (index, start, end, role)",
            "     start     end   speaker  text\n"
            "10   37.98   40.02     agent  and the last four of your social\n"
            "11   40.68   42.16  customer  zero eight four nine\n"
            "12   42.81   45.23     agent  thank you and what is the routing number\n"
            "13   45.94   46.87  customer  oh three one oh oh oh five oh three\n",
            "ABA_ROUTING",
            ["oh three one oh oh oh five oh three"],
        ),
        (
            "a recording's stream label and time in brackets (SIPREC)",
            "[97 00:00:41.130] what's the zip code\n"
            "[96 00:00:44.190] sure it's nine four one oh two\n"
            "[97 00:00:47.620] and the last four of your social\n"
            "[96 00:00:49.020] four four two one\n",
            "US_ZIP",
            ["nine four one oh two"],
        ),
        (
            "the speaker and the time in one pair of brackets, a caller's hold with a silence",
            "[A 00:45] For security I've texted you a one-time passcode, go ahead and read it.\n"
            "[C 00:54] Hang on, it's coming through...\n"
            "[SILENCE 00:56]\n"
            "[C 01:07] Yeah, 362-330.\n"
            "[A 01:08] That matches, thank you.\n",
            "ONE_TIME_CODE",
            ["362-330"],
        ),
        (
            "screen reader's speaker and time in brackets",
            "[Speaker 1 at 00:00:23] what's the routing number for the bank\n"
            "[Speaker 2 at 00:00:27] okay zero five three triple zero one nine six\n"
            "[Speaker 1 at 00:00:31] thanks\n",
            "ABA_ROUTING",
            ["zero five three triple zero one nine six"],
        ),
        (
            "chat export with voice notes' transcriptions",
            "Kim | Bridgeway Finance, [12.01.2024 04:35]\nWhat's the zip code there?\n\n"
            "Patrick Mcintyre, [12.01.2024 04:35]\n[Voice message, 0:03]\n"
            "Transcription: That'd be 02685, I think.\n\n"
            "Kim | Bridgeway Finance, [12.01.2024 04:35]\nThanks.\n",
            "US_ZIP",
            ["02685"],
        ),
        (
            "caption roll-up under time codes",
            "Scenarist_SCC V1.0 decoded\n\n00:00:46:18\n>> CAN YOU CONFIRM THE PHONE\n"
            "NUMBER ON THE ACCOUNT\n\n00:00:49:09\n>> LET ME SEE IT'S SEVEN THREE\n"
            "FOUR FIVE FIVE FIVE OH ONE SIX\n\n00:00:51:24\nNINE\n\n00:00:55:20\n>> THANK YOU\n",
            "PHONE",
            ["SEVEN THREE\nFOUR FIVE FIVE FIVE OH ONE SIX", "NINE"],
        ),
        (
            "recogniser's XML, a word an element",
            '<recognition>\n <u spk="A"><w t="1.1">what\'s</w><w t="1.4">your</w>'
            '<w t="1.6">routing</w><w t="1.9">number</w></u>\n <u spk="C"><w t="2.5">zero</w>'
            '<w t="2.8">two</w><w t="3.0">one</w><w t="3.2">zero</w><w t="3.4">zero</w>'
            '<w t="3.6">zero</w><w t="3.8">zero</w><w t="4.0">two</w><w t="4.2">one</w></u>\n'
            ' <u spk="A"><w t="5.0">thank</w><w t="5.2">you</w></u>\n'
            ' <u spk="C"><w t="6.0">sure</w><w t="6.2">thing</w></u>\n</recognition>',
            "ABA_ROUTING",
            ["zero", "two", "one", "zero", "zero", "zero", "zero", "two", "one"],
        ),
        (
            "CRM voice transcript, the role in brackets and a bullet before the time",
            "[Agent] Joseph  •  5:03 AM\nAnd the expiration date?\n"
            "[EndUser] Mercedes Hovel  •  5:03 AM\nI have it right here, 3/31.\n"
            "[Agent] Joseph  •  5:03 AM\nWhat's the CVV?\n"
            "[EndUser] Mercedes Hovel  •  5:03 AM\nYeah, it's 725 - did you get that?\n",
            "CARD_CVV",
            ["725"],
        ),
        (
            "spreadsheet paste, a wrapped utterance's row without its speaker",
            "Row\tTime\tSpeaker\tUtterance\tFlag\n"
            "1\t00:01\tRep\tcan i have your full name please\t\n"
            "2\t00:04\tCaller\tyeah it's maurilio spinola\t\n"
            "3\t00:08\tRep\tand the routing number for the\treview\n"
            "4\t\t\taccount\t\n"
            "5\t00:12\tCaller\tzero two one zero zero zero zero two one\t\n",
            "ABA_ROUTING",
            ["zero two one zero zero zero zero two one"],
        ),
        (
            "court reporter's numbered lines, a page's number between",
            "18      Q.  What's your account number, please?\n19      A.  Yes, 3744-3186.\n"
            "25      Q.  Can I get the last four digits of your SSN?\n"
            "\x0c                                  4\n 1      A.  3917, I think.\n",
            "US_SSN_LAST4",
            ["3917"],
        ),
        (
            "IRC log, a nick in angle brackets",
            "[16:12:36] <Rebecca> And the nine digit routing number?\n"
            "[16:12:39] <caller> Um, it's\n[16:12:40] <Rebecca> go ahead\n"
            "[16:12:41] <caller> 091000019.\n",
            "ABA_ROUTING",
            ["091000019"],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 80 and "\n" not in v else None,
)
def test_a_transcript_s_layout_is_read_as_its_turns(
    engine: Engine, layout: str, text: str, entity: str, values: list[str]
) -> None:
    assert _values(text, engine, entity) == values, layout


def test_a_stream_label_s_number_is_no_value(engine: Engine) -> None:
    text = (
        "[97 00:00:47.620] and the last four of your social\n[96 00:00:49.020] four four two one\n"
    )
    assert _values(text, engine, "US_SSN_LAST4") == ["four four two one"]


def test_a_dump_s_tables_and_typed_values_are_read_under_their_names(engine: Engine) -> None:
    """A PostgreSQL COPY block's rows under its column list, a CSV with a byte-order mark, a
    header with a standard's number in it ("phone_e164"), and values in Avro's, DynamoDB's and
    MongoDB's type wrappers are read under their keys."""
    copy = (
        "COPY crm.customers (id, full_name, birth_date, zip) FROM stdin;\n"
        "97901781421\tMichele Menard\t1970-11-21\t28401\n1415645426\tCristobal Aller\t\\N\t32946\n"
        "\\.\n"
    )
    assert _values(copy, engine, "US_ZIP") == ["28401", "32946"]
    assert _values(copy, engine, "DATE_OF_BIRTH") == ["1970-11-21"]
    bom = "\ufeffAccountNumber,LastName,FirstName,Zip\r\n493216349192,Morris,Jason,45531-3874\r\n"
    assert _values(bom, engine, "US_ZIP") == ["45531-3874"]
    e164 = (
        "customer_id,full_name,phone_e164,postal_code\n936288272,Caleb Andrade,+12065550147,56796\n"
    )
    assert _values(e164, engine, "US_ZIP") == ["56796"]
    avro = (
        '{"full_nm":{"string":"Leon Perry"},"dob_yyyymmdd":{"int":20010602},'
        '"ssn_last4":{"string":"7909"}}'
    )
    assert _values(avro, engine, "US_SSN_LAST4") == ["7909"]
    dynamo = '{\n  "dob": {\n    "S": "1994-06-17"\n  },\n  "sk": {\n    "S": "PROFILE"\n  }\n}'
    assert _values(dynamo, engine, "DATE_OF_BIRTH") == ["1994-06-17"]


def test_an_aligned_report_s_header_of_two_words_names_one_column(engine: Engine) -> None:
    """ "Member ID" over a column: the member's ID is read under its whole name (the header's
    words are no columns of their own when no cell stands under the second)."""
    report = (
        "Rx#      Patient                 DOB         Drug                Member ID       Status\n"
        "-------------------------------------------------------------------------------------\n"
        "4571059  COLLINS, PAMELA         10/29/1996  SERTRALINE 50MG TAB ZGP75504513     READY\n"
        "5391343  TATE, JOSEPH            04/04/2003  ALBUTEROL HFA 90MCG W886230744      CALL\n"
    )
    assert _values(report, engine, "HEALTH_INSURANCE_ID") == ["ZGP75504513", "W886230744"]


def test_the_last_digits_said_again_to_correct_a_value_are_that_value(engine: Engine) -> None:
    text = (
        "Agent: And the zip code?\n"
        "Customer: zero three four three oh.\n"
        "Agent: Hmm, I have the zip as zero three four three six. Did it change?\n"
        "Customer: Oh, yeah, sorry, three six at the end. My bad.\n"
        "Agent: The fee is due on the 20 at the end of the month.\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("US_ZIP", "three six") in found
    assert not any(value == "20" for _, value in found)  # (an amount, no value's end)


def test_the_last_digits_corrected_past_a_speaker_s_name_and_wide_blanks(engine: Engine) -> None:
    """A speaker's label found as a name between the value and its correction is passed over;
    blanks as a hard-wrapped export leaves them ("at the   end") still end it."""
    text = (
        "[00:01:48] Ahente: Hmm, I have the zip as zero six oh three zero. Did it change?\n"
        "[00:01:54] Kustomer: Right, right, three zero at the end. My bad.\n"
        "AGENT:  Hmm, I have the zip as 96406.\tDid   it change?\n"
        "CUSTOMER:\tOh,   yeah, sorry, 06\tat the   end. My\n bad.\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("US_ZIP", "three zero") in found
    assert ("US_ZIP", "06") in found


def test_a_name_found_keeps_its_last_initial(engine: Engine) -> None:
    """ "Agent: Stephen S." in a header, the name found where the agent says it: the initial
    goes with it (a letter of the name)."""
    text = (
        "Playbook: Payments v9.1   Agent: Stephen S.\n\n"
        "[00:00:00] AGENT: Thank you for calling, my name is Stephen. How can I help?\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("PERSON", "Stephen S.") in found


def test_a_name_found_in_part_takes_the_census_name_beside_it(engine: Engine) -> None:
    """The surname found (the same name said elsewhere) takes the census first name right
    before it; a first name found takes the census surname right after it. A common word
    beside a name ("will") or a radio alphabet's word is left as it is."""
    text = "caller: my name is roy blackwell\ncaller: the card is under tiffany blackwell\n"
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("PERSON", "tiffany blackwell") in found
    text = "agent: this is patricia, how can i help\ncaller: ok so the note says patricia morgan\n"
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("PERSON", "patricia morgan") in found
    text = (
        "caller: my name is roy blackwell\n"
        "agent: ok so will blackwell and the sierra blackwell account\n"
    )
    values = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert values.count("blackwell") == 2


def test_a_census_full_name_in_lower_case_needs_no_cue(engine: Engine) -> None:
    """A census first name and a census surname side by side in speech-to-text's lower case
    are a name said in passing; not a first name or a surname alone, not a common word, a
    radio alphabet's or a letter's word ("d as in david six"), a number word or a Spanish
    one ("una hora")."""
    text = (
        "agent: okay i'll note that william ramirez is the cardholder\n"
        "caller: and my travel companion is maria watson, her passport is in the drawer\n"
    )
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert {("PERSON", "william ramirez"), ("PERSON", "maria watson")} <= found
    text = (
        "caller: the reference is d as in david six four three\n"
        "caller: it was jordan who called about the parks, and will grant it, sierra hotel\n"
        "caller: llegó en una hora\n"
    )
    assert [f for f in scan_text(text, engine) if f.entity.name == "PERSON"] == []


def test_a_name_is_looked_for_again_in_its_other_cases(engine: Engine) -> None:
    """A name found in speech-to-text's lower case is the same name capitalised in the call's
    word list and in capitals; not inside an address ("nicole_smith@..."), and no word of a
    spelling in the radio alphabet's words ("uniform" in a confirmation code)."""
    text = (
        'agent: this is patricia, how can i help\n{"content": "Patricia"} {"content": "PATRICIA"}'
    )
    values = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert values == ["patricia", "Patricia", "PATRICIA"]
    text = (
        "agent: hi Nicole Smith here\n"
        "email <mailto:nicole_smith@hotmail.com|nicole_smith@hotmail.com>"
    )
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found.count(("EMAIL", "nicole_smith@hotmail.com")) == 2
    assert ("PERSON", "nicole") not in found
    text = (
        "agent: can you spell your last name\ncaller: papa uniform echo november tango echo\n"
        "agent: your confirmation code is uniform uniform eight z b r"
    )
    values = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert values == ["papa uniform echo november tango echo"]


def test_a_card_wrapped_in_a_reply_quoted_twice_is_read_over_its_lines(engine: Engine) -> None:
    # A forwarded thread quotes the customer's mail twice ("> > "): the card number wrapped
    # at the quoted line's end goes on on the next quoted line, and both its parts are the
    # card's. The date of the quote's header ("On Sat, Jul 11, 2026, ... wrote:") does not go
    # on with the account number quoted above it, and the digits inside a tracking code
    # after the card are no card datum.
    mail = (
        "Michelle, can you take this one?\n\n"
        "> Account number 319526506.\n"
        ">\n"
        "> On Sat, Jul 11, 2026, Toni Carter wrote:\n"
        "> > Please reply with the card number used for the transaction.\n"
        "> >\n"
        "> > card: 5555 5555\n"
        "> > 5555 4444 exp 1231\n"
        "> >\n"
        "> > > original message: order SO-880350 / tracking 1Z8CJMUW7EF969L5R4\n"
    )
    found = _said(mail, engine)
    assert ("PAYMENT_CARD", "5555 5555") in found
    assert any(value.startswith("5555 4444") for _, value in found)
    assert ("BANK_ACCOUNT", "319526506") in found
    assert not any("2026" in value or "969" in value for _, value in found), found


def test_each_word_of_a_name_found_with_others_is_redacted_where_it_is_said_alone(
    engine: Engine,
) -> None:
    """ "horton, h-o-r-t-o-n" is found after the request to spell the last name: "horton" is
    the caller's name where no cue reads it too ("um hi, leonard horton, i've been on hold")."""
    text = (
        "AGT  hi there thanks for holding, this is melissa with summit natural gas, may i have"
        " your first and last name\n"
        "CUS  um hi, leonard horton, i've been on hold for a while\n"
        "AGT  can you spell the last name for me\n"
        "CUS  horton, h-o-r-t-o-n\n"
        "AGT  got it. the bill posted on december twenty eighth\n"
    )
    said = text.index("horton")
    covered = [(f.start, f.end) for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert any(start <= said and said + len("horton") <= end for start, end in covered)
    # a month in a name found is no name where a date says it
    dated = text.replace("horton, h-o-r-t-o-n", "december horton, h-o-r-t-o-n")
    month = dated.rindex("december")
    assert not any(
        f.start <= month < f.end for f in scan_text(dated, engine) if f.entity.name == "PERSON"
    )


def test_a_carriage_return_alone_ends_a_line(engine: Engine) -> None:
    # (a transcript with an old Mac's line ends, or an HL7 message's: read as its turns, as
    # with line feeds, and the findings are the same, offsets and all)
    lines = [
        "agent: what is the best number to reach you",
        "customer: four eighty five five five",
        "agent: uh huh",
        "customer: oh one six nine",
        "",
    ]
    fed, returned = "\n".join(lines), "\r".join(lines)
    spans = [(f.entity.name, f.start, f.end) for f in scan_text(returned, engine)]
    assert spans == [(f.entity.name, f.start, f.end) for f in scan_text(fed, engine)]
    assert [returned[s:e] for _, s, e in spans] == ["four eighty five five five", "oh one six nine"]


def test_a_fhir_communications_payload_is_read_as_a_call(engine: Engine) -> None:
    # (a FHIR Communication: the call's turns in `payload[].contentString`, the speaker's
    # label inside each)
    turns = [
        "Agent: And what's the zip code?",
        "Caller: So, sure, it's 62485.",
        "Agent: Thanks.",
    ]
    text = json.dumps(
        {"resourceType": "Communication", "payload": [{"contentString": t} for t in turns]},
        indent=2,
    )
    assert ("US_ZIP", "62485") in {
        (f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)
    }
