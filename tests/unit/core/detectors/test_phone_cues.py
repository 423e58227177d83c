"""Phone numbers in a telephony event's headers and in an export's tab-separated cells."""

from __future__ import annotations

from callshield import Engine
from callshield.pipeline import scan_text


def _phones(engine: Engine, text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PHONE"]


def test_a_telephony_events_caller_id_number_is_the_callers_phone(engine: Engine) -> None:
    text = (
        "Event-Name: CHANNEL_CREATE\n"
        "Caller-Caller-ID-Name: WALLACE%20GEORGE\n"
        "Caller-Caller-ID-Number: %2B14045550167\n"
        "Caller-Destination-Number: 18775550141\n"
        "Caller-Context: public\n\n"
        "Content-Length: 270\n"
    )
    # (the toll-free number dialled is the company's line, and runs on into no other number)
    assert _phones(engine, text) == ["%2B14045550167"]


def test_tab_separated_cells_are_two_numbers(engine: Engine) -> None:
    text = (
        "!CUST\tNAME\tBADDR3\tPHONE1\tPHONE2\tEMAIL\n"
        'CUST\t"Stewart, Chase"\tSouth Marcus, CO 57551\t971-555-0184\t305-555-0100\t'
        "cs@example.com\n"
    )
    assert _phones(engine, text) == ["971-555-0184", "305-555-0100"]


def test_a_toll_free_number_under_any_key_is_the_companys(engine: Engine) -> None:
    text = (
        '{\n  "business_phone_number": "+18555550114",\n'
        '  "customer_phone_number": "+14805550110",\n'
        '  "tracking_phone_number": "+18555550114"\n}\n'
    )
    assert _phones(engine, text) == ["+14805550110"]


def test_chinese_digits_said_one_by_one_are_a_number(engine: Engine) -> None:
    """A code-switched call: the caller reads the number in Chinese digits ("幺" is a one),
    after an English cue; a Chinese word with a digit in it ("一下") stays a word."""
    text = "坐席: 请check一下 your phone number?\n客户: 四零四 五五五 零幺七五。\n"
    assert _phones(engine, text) == ["四零四 五五五 零幺七五"]


def test_the_line_a_caller_asks_for_is_the_company_s(engine: Engine) -> None:
    """A caller asking for the number to call back on is given the company's line (said in
    words the normaliser does not read as a toll-free number); an agent asking for the
    caller's number is given the caller's."""
    company = (
        "0:54 - Leonard Herrera\n  What's the number if I need to call back?\n\n"
        "2:58 - Ariadna Almonte (Cascade)\n"
        "  Our number is eight hundred five double five zero one eight eight, we're open.\n"
    )
    assert _phones(engine, company) == []
    assert _phones(engine, "Is there a number I can call back?\nAgent: sure, 415 555 0188") == []
    for asked in (
        "What's the best number to call you back?\nCustomer: 415 555 0188",
        "Is there a number I can call you at?\nCustomer: 415 555 0188",
    ):
        assert _phones(engine, asked) == ["415 555 0188"]


def test_a_number_with_its_country_code_is_a_phone_after_any_word(engine: Engine) -> None:
    # "account", "order", "member" before a number say it may be another identifier; none is
    # written with a "+" and a country code, a valid phone's form (a URL's path is no cue)
    for text in (
        "GET /account/verify?data=+14705550146 HTTP/1.1",
        "order ref: +1 (470) 555-0146",
    ):
        assert _phones(engine, text) == [text[text.index("+") :].split(" HTTP")[0]], text
    # the same digits without it stay what their cue says they may be
    bare = "GET /account/verify?data=4705550146 HTTP/1.1"
    assert _phones(engine, bare) == []
    # and a company's toll-free line is the company's, "+" or not
    assert _phones(engine, "Call Member Services at +1 800 555 0183.") == []


def test_a_phones_cue_outranks_the_word_that_says_whose_phone_it_is(engine: Engine) -> None:
    # "phone on order 512-555-0175": the word nearest the number names what the phone belongs
    # to, the cue before it what the number is (a valid number written as a phone)
    text = "• Account e-mail v.rajan@example.com, phone on order 512-555-0175\n• AVS match"
    assert _phones(engine, text) == ["512-555-0175"]
    # the word alone still says another identifier; so do digits not written as a phone, and
    # a company's toll-free line stays the company's
    assert _phones(engine, "fraud review: order 512-555-0175 flagged") == []
    assert _phones(engine, "fraud review: phone on order 5125550175 flagged") == []
    assert _phones(engine, "fraud review: phone on order 800-555-0175 flagged") == []


def test_a_logs_bare_ext_is_a_transfers_queue(engine: Engine) -> None:
    # "ext=" with no ";" before it (RFC 3966's ";ext=456" after a number) and no quote after
    # it (a record's "extension='9022'") is a log's field: the desk a call was sent to
    log = (
        "2026-10-05 17:10:38.895 INFO  [4e8e1292] transfer.agent queue=billing "
        "agent=A7560 ext=3824\n"
    )
    assert _phones(engine, log) == []
    assert _phones(engine, "Work phone: +1 415 555 0100;ext=456") == ["+1 415 555 0100", ";ext=456"]


def test_a_log_s_note_of_whom_it_reached_at_a_number(engine: Engine) -> None:
    text = (
        "06/03/24 09:14  Contacted insured at 5035550153. Confirmed loss location.\n"
        "06/04/24 10:02  reached cx at 3125550196, claim 4417305529 reopened\n"
    )
    assert _phones(engine, text) == ["5035550153", "3125550196"]


def test_a_radius_records_calling_station_is_the_callers_phone(engine: Engine) -> None:
    text = (
        "Fri Dec 20 17:54:01 2024\n"
        "\tPacket-Type = Access-Request\n"
        '\tCalling-Station-Id = "4695550146"\n'
        "\tService-Type = Framed-User\n"
        "\tAcct-Session-Time = 72844\n"
    )
    assert _phones(engine, text) == ["4695550146"]


def test_a_carriers_telephone_number_keys(engine: Engine) -> None:
    # (a number port's error, a telecom order: TN, BTN, WTN name the line's number)
    text = (
        'portal.carrier.CarrierError: (422, \'{"error":"PIN mismatch","tn":"7025550180",'
        '"account":"393709506"}\')\n'
        "order 55201 BTN 4155550187 WTN 2065550123 due 06/12\n"
    )
    assert _phones(engine, text) == ["7025550180", "4155550187", "2065550123"]


def test_an_agents_note_of_an_order_after_a_callback(engine: Engine) -> None:
    text = (
        "Agent note: cb'd cx @ (669)399-4602 5p, no ans, left vm. Ord 41340049 shows RTS. "
        "Will retry Jun 27."
    )
    assert _phones(engine, text) == ["(669)399-4602"]
    # (a booking's word before a number written as a phone names no booking's number)
    assert _phones(engine, '{"ref":"(312) 555-0177"}') == ["(312) 555-0177"]
    text = "Added. Your record locator 6406823672 now shows APIS complete. Call me at 3035550101"
    assert _phones(engine, text) == ["3035550101"]


def test_ten_digits_said_one_by_one_that_make_a_valid_number_are_a_phone(
    engine: Engine,
) -> None:
    """A caller reading out ten digits that make a North American number reads out their
    phone number, though no word names it; written bare, the same digits are any ten-digit
    identifier's."""
    said = "Which number are we looking at? Um three oh three five five five six oh nine one."
    assert _phones(engine, said) == ["three oh three five five five six oh nine one"]
    asked = "agent: number?\ncustomer: five one two five five five oh one six oh\nagent: ok"
    assert _phones(engine, asked) == ["five one two five five five oh one six oh"]
    assert _phones(engine, "Which number are we looking at? Um 3035556091.") == []


def test_said_digits_another_identifier_names_are_no_phone(engine: Engine) -> None:
    # (named before and read back; an identifier's letters before them)
    read_back = (
        "agent: the ticket number is two five six five zero four three six nine seven\n"
        "caller: okay, twenty five sixty five o four three six nine seven\n"
    )
    assert _phones(engine, read_back) == []
    assert _phones(engine, "ready? it's k nine two nine five oh oh four six four eight.") == []
    assert _phones(engine, "it's r f three three four eight oh eight oh six one seven") == []


def test_said_digits_joined_across_turns_make_no_phone_by_their_count(engine: Engine) -> None:
    """The conversation joins a number's pieces said in turns apart; ten digits that only
    make a number so joined (a corrected ZIP code and "it was sixty one degrees") are none."""
    text = (
        "Agent  00:54\ncan I have the billing zip code?\n\nCaller  00:58\n"
        "close, it's six eighty nine thirty nine five four one.\n\n"
        "Agent  01:02\noh, my mistake, fixed.\n\nAgent  01:05\nhow's your day going so far?\n\n"
        "Caller  01:07\ncold, it was sixty one degrees, can you believe it.\n"
    )
    assert "sixty one" not in _phones(engine, text)
