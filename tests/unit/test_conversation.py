"""Conversation-level detection: values split across turns, PCI windows, read-backs, corrections."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.document import Channel, Document, Segment
from callshield.evaluation.calls import generate_calls, score_calls
from callshield.pipeline import redact_document, scan, scan_text

AGENT, CUSTOMER = "agent", "customer"


def call(*turns: tuple[str, str], channel: Channel = Channel.CALL) -> Document:
    segments = tuple(Segment(f"turn[{i}]", text, who) for i, (who, text) in enumerate(turns))
    return Document("call", segments, channel)


def found(engine: Engine, doc: Document) -> dict[int, list[tuple[str, str, str]]]:
    """turn index -> [(entity, covered text, first reason)]"""
    out: dict[int, list[tuple[str, str, str]]] = {}
    texts = {s.id: s.text for s in doc.segments}
    for f in scan(doc, engine).findings:
        index = int(f.segment_id[5:-1])
        out.setdefault(index, []).append(
            (f.entity.name, texts[f.segment_id][f.start : f.end], f.reasons[0])
        )
    return out


def test_card_split_across_turns_with_backchannel_is_one_card(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "yeah it's four one one one one one one one"),
        (AGENT, "uh huh"),
        (CUSTOMER, "one one one one"),
        (AGENT, "okay"),
        (CUSTOMER, "one one one one"),
    )
    got = found(engine, doc)
    assert [e for e, _, _ in got[0]] == ["PAYMENT_CARD"]
    assert got[0][0][1] == "four one one one one one one one"
    assert got[2][0][:2] == ("PAYMENT_CARD", "one one one one")
    assert got[4][0][:2] == ("PAYMENT_CARD", "one one one one")
    assert all(r.startswith("conversation: value continued across turns") for _, _, r in got[2])
    assert 1 not in got and 3 not in got
    prints = {f.fingerprint for f in scan(doc, engine).findings}
    assert len(prints) == 1, "pieces of one card share the card's fingerprint"


def test_card_said_in_vietnamese_split_across_turns(engine: Engine) -> None:
    """A piece that says its digits with Vietnamese words that are other words too ("một",
    one) is read as digits from the one digit that says it is a number ("bảy", seven)."""
    doc = call(
        (AGENT, "Dạ, chị đọc số card giúp em."),
        (CUSTOMER, "sáu không một một, một một một một..."),
        (AGENT, "Dạ."),
        (CUSTOMER, "một một một một, một một một bảy"),
    )
    got = found(engine, doc)
    assert [(e, said) for e, said, _ in got[1]] == [
        ("PAYMENT_CARD", "sáu không một một, một một một một")
    ]
    assert [(e, said) for e, said, _ in got[3]] == [
        ("PAYMENT_CARD", "một một một một, một một một bảy")
    ]


def test_written_pieces_and_the_code_and_expiry_that_follow(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "the number is 5555 5555"),
        (AGENT, "mm hmm"),
        (CUSTOMER, "5555 4444"),
        (CUSTOMER, "08/29"),
        (CUSTOMER, "737"),
    )
    got = found(engine, doc)
    assert got[0][0][:2] == ("PAYMENT_CARD", "5555 5555")
    assert got[2][0][:2] == ("PAYMENT_CARD", "5555 4444")
    assert got[3][0][:2] == ("CARD_EXPIRY", "08/29")
    assert got[4][0][:2] == ("CARD_CVV", "737")


def test_a_number_continued_over_turns_is_not_lost_to_the_next_number_said(
    engine: Engine,
) -> None:
    # the callback number's area code, then the rest after the agent's "mm-hmm"; the work
    # number said next reaches the chain's last piece on its own, and must not replace it
    doc = call(
        (AGENT, "And a good callback number for you?"),
        (CUSTOMER, "Uh, three one two..."),
        (AGENT, "Mm-hmm."),
        (CUSTOMER, "Then five double five oh one nine 6."),
        (AGENT, "Any extension on that?"),
        (CUSTOMER, "Sure, for zero four... 5 five five... oh one thirty-seven."),
    )
    got = found(engine, doc)
    assert ("PHONE", "three one two") in [(e, v) for e, v, _ in got[1]]
    assert ("PHONE", "five double five oh one nine 6") in [(e, v) for e, v, _ in got[3]]
    assert [e for e, _, _ in got[5]] == ["PHONE"]


def test_a_count_in_the_next_turn_does_not_go_on_with_a_number(engine: Engine) -> None:
    # (speakers unknown, as in a transcript whose layout names no one: each line may go on
    # with the number of the line before it)
    doc = call(
        ("", "what's your rewards member number?"),
        ("", "let me see, nine forty seven ... 2 seven three ... 3 nine three?"),
        ("", "so that's ninety four seven ... twenty seven three ... thirty nine three"),
        ("", "I see fifty two thousand six hundred sixty three miles as of july."),
    )
    got = found(engine, doc)
    assert [e for e, _, _ in got[1]] == ["HEALTH_INSURANCE_ID"]
    assert 3 not in got, "a count of miles goes on with no member number"


def test_a_note_that_names_another_number_does_not_go_on_with_the_one_before(
    engine: Engine,
) -> None:
    doc = call(
        ("", "said she'll call back tmrw if not fixed"),
        ("", "appt 8/27 9-11"),
        ("", "ASK ABOUT paperless!!"),
        ("", "ord 512-6686378-9193519 is not the acct"),
    )
    assert 3 not in found(engine, doc), "an order number is no piece of a phone number"


def test_a_turn_that_says_one_digit_opens_the_number_the_next_turns_go_on_with(
    engine: Engine,
) -> None:
    card = call(
        (AGENT, "card number please"),
        (CUSTOMER, "four"),
        (CUSTOMER, "one one one"),
        (CUSTOMER, "one one one one one one one one one one one one"),
    )
    got = found(engine, card)
    assert got[1][0][:2] == ("PAYMENT_CARD", "four")
    assert got[1][0][2].startswith("conversation: value continued across turns")
    zip_code = call(
        (AGENT, "whats the zip"), (CUSTOMER, "uh nine"), (CUSTOMER, "four one oh seven")
    )
    got = found(engine, zip_code)
    assert got[1][0][:2] == ("US_ZIP", "nine") and got[2][0][:2] == ("US_ZIP", "four one oh seven")
    # a lone digit that nothing continues, or a count before another value, stays
    counted = call((AGENT, "how many cards do you have"), (CUSTOMER, "one"), (CUSTOMER, "yes"))
    assert found(engine, counted) == {}
    oh = call((AGENT, "the card number?"), (CUSTOMER, "oh"), (CUSTOMER, "4111 1111 1111 1111"))
    assert [text for _, text, _ in found(engine, oh)[2]] == ["4111 1111 1111 1111"]
    assert 1 not in found(engine, oh)


def test_split_digits_that_validate_as_nothing_stay_unredacted(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "my order number is 1234 5678"),
        (AGENT, "uh huh"),
        (CUSTOMER, "9012 3456"),
    )
    assert found(engine, doc) == {}


def test_pci_window_redacts_every_run_whatever_its_checksum(engine: Engine) -> None:
    doc = call(
        (AGENT, "Can I get the long number on the front of the card?"),
        # a turn between: the number is read in the PCI window, not as the question's answer
        (CUSTOMER, "sure, let me get my wallet, it is in the other room"),
        (CUSTOMER, "4111 1111 1111 1112"),  # Luhn fails: still the answer to the question
        (AGENT, "And the expiry date?"),
        (CUSTOMER, "april twenty twenty nine"),
        (AGENT, "And the three digits on the back?"),
        (CUSTOMER, "seven three seven"),
    )
    got = found(engine, doc)
    assert got[2][0][:2] == ("PAYMENT_CARD", "4111 1111 1111 1112")
    assert got[2][0][2] == "conversation: PCI window opened in turn[0]"
    assert got[4][0][:2] == ("CARD_EXPIRY", "april twenty twenty nine")
    assert got[6][0][:2] == ("CARD_CVV", "seven three seven")


ANSWERS = [
    ("what's your social?", "078-05-1120", "US_SSN"),
    ("To verify your identity, please provide your SSN.", "137864363", "US_SSN"),
    ("what is a good callback number", "four one five five five five zero one three two", "PHONE"),
    ("and your account number?", "one two three four five six seven eight", "BANK_ACCOUNT"),
    ("zip code?", "nine four one oh two", "US_ZIP"),
    ("and your date of birth?", "march third nineteen eighty five", "DATE_OF_BIRTH"),
    ("What was the name of your first pet?", "Oh, that was Charlie", "SECURITY_ANSWER"),
    ("who am I speaking with?", "tom okafor", "PERSON"),
    ("What's the security code on the back of the card?", "1751", "CARD_CVV"),
    ("could you spell your last name for me?", "s, m, i, t, h", "PERSON"),
]


@pytest.mark.parametrize(("question", "answer", "entity"), ANSWERS, ids=[a[2] for a in ANSWERS])
@pytest.mark.parametrize("channel", [Channel.CALL, Channel.CHAT])
def test_an_answer_in_its_own_turn_is_read_with_the_question(
    engine: Engine, question: str, answer: str, entity: str, channel: Channel
) -> None:
    """A transcript whose turns are segments (an ASR's JSON, the API's structured content)
    gave the engine the answer alone: the question is what says what "078-05-1120" is. The
    same pair written as one text is found by the engine itself; read as turns, it is now too."""
    doc = call((AGENT, question), (CUSTOMER, answer), channel=channel)
    alone = {f.entity.name for f in engine.scan(answer)}
    got = found(engine, doc)
    assert [(e, text) for e, text, _ in got[1]] == [(entity, answer.removeprefix("Oh, that was "))]
    assert got[1][0][2] == "conversation: read with the question in turn[0]" or entity in alone
    assert 0 not in got


def test_answers_that_are_no_sensitive_value_stay_unredacted(engine: Engine) -> None:
    """Read with its question, an answer is redacted only when the question makes it a value:
    counts, times, amounts, order and ticket numbers and years stay as they are."""
    doc = call(
        (AGENT, "how many items were in the box?"),
        (CUSTOMER, "three i think"),
        (AGENT, "what time works for a callback?"),
        (CUSTOMER, "two thirty tomorrow"),
        (AGENT, "how much was the charge?"),
        (CUSTOMER, "forty nine ninety nine"),
        (AGENT, "what is the order number?"),
        (CUSTOMER, "five five one two three three nine eight"),
        (AGENT, "and the ticket number?"),
        (CUSTOMER, "INC5705153"),
        (AGENT, "what year did you buy it?"),
        (CUSTOMER, "twenty nineteen"),
        (AGENT, "what is your account number?"),
        (CUSTOMER, "zero zero one two three four five six seven"),
    )
    got = found(engine, doc)
    assert list(got) == [13]
    assert got[13] == [
        (
            "BANK_ACCOUNT",
            "zero zero one two three four five six seven",
            "conversation: read with the question in turn[12]",
        )
    ]


def test_an_answer_after_a_short_hold_is_read_with_the_question(engine: Engine) -> None:
    doc = call(
        (AGENT, "and what's your social?"),
        (CUSTOMER, "sure, one moment"),
        (CUSTOMER, "it's 078051120"),
    )
    got = found(engine, doc)
    assert got[2] == [("US_SSN", "078051120", "conversation: read with the question in turn[0]")]
    assert 1 not in got


def test_an_answer_after_the_callers_own_hold_and_a_silence_is_read_with_the_question(
    engine: Engine,
) -> None:
    doc = call(
        (AGENT, "I just texted you a verification code, what does it say?"),
        (CUSTOMER, "Hang on, it's coming through...\n\u2014 silence (4s) \u2014 2:30:00 PM"),
        (CUSTOMER, "That's 658843."),
    )
    got = found(engine, doc)
    assert got[2] == [
        ("ONE_TIME_CODE", "658843", "conversation: read with the question in turn[0]")
    ]


def test_an_answer_is_read_only_with_the_other_speakers_turn(engine: Engine) -> None:
    """The customer's own earlier turn is no question to the customer's next one; and what
    the question holds is not reported again in the answer's turn."""
    doc = call(
        (CUSTOMER, "what's my account number?"),
        (CUSTOMER, "one two three four five six seven eight"),
        (AGENT, "your zip code is 94102?"),
        (CUSTOMER, "yes"),
    )
    got = found(engine, doc)
    assert 1 not in got and 3 not in got
    assert [e for e, _, _ in got[2]] == ["US_ZIP"]


def test_turns_read_as_segments_are_redacted_like_the_same_text_read_whole(engine: Engine) -> None:
    """The development corpus's written calls and chats, each split into its turns (a
    Document of segments, as an ASR's JSON arrives): every gold value the text read whole
    redacts is redacted from the turns too, and no more decoys are touched. Before answers
    were read with their questions, 51 of 120 SSNs and 28 of 104 security answers in the first
    2,000 records were left in clear this way."""
    from callshield.core.turns import speaker_turns
    from callshield.evaluation.corpus import generate_corpus

    missed = whole_missed = decoys = 0
    ssns = 0
    for record in generate_corpus(n=1200, seed=7):
        if record.get("kind") not in ("call_written", "chat"):
            continue
        text = record["text"]
        turns = speaker_turns(text)
        if len(turns) < 2:
            continue
        segments = tuple(
            Segment(f"t{k}", text[t.start : t.end], t.speaker) for k, t in enumerate(turns)
        )
        doc = Document("d", segments, Channel.CALL)
        covered = [False] * len(text)
        for f in scan(doc, engine).findings:
            base = turns[int(f.segment_id[1:])].start
            covered[base + f.start : base + f.end] = [True] * (f.end - f.start)
        whole = [False] * len(text)
        for f in scan_text(text, engine):
            whole[f.start : f.end] = [True] * (f.end - f.start)
        for gold in record["spans"]:
            ssns += gold["entity"] == "US_SSN"
            missed += not all(covered[gold["start"] : gold["end"]])
            whole_missed += not all(whole[gold["start"] : gold["end"]])
        for decoy in record["decoys"]:
            span = slice(decoy["start"], decoy["end"])
            decoys += any(covered[span]) - any(whole[span])
    assert ssns >= 40
    assert missed <= whole_missed
    assert decoys <= 0


def test_read_back_and_correction_are_redacted(engine: Engine) -> None:
    doc = call(
        (AGENT, "What's the card number, please?"),
        (CUSTOMER, "4012 8888 8888 1881"),
        (AGENT, "Let me read that back: 4012 8888 8888 1781?"),
        (CUSTOMER, "No, it's eight, not seven."),
        (AGENT, "Sorry, eight. Got it."),
    )
    got = found(engine, doc)
    assert got[2][0][:2] == ("PAYMENT_CARD", "4012 8888 8888 1781")
    assert [t for _, t, _ in got[3]] == ["eight", "seven"]
    assert [t for _, t, _ in got[4]] == ["eight"]


def test_read_back_outside_a_window_takes_the_value_entity(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "my social is 078-05-1120"),
        (AGENT, "Thanks. That's all done, anything else?"),
        (AGENT, "I have your number as 1120 on file, is that right?"),
    )
    got = found(engine, doc)
    assert got[0][0][0] == "US_SSN"
    assert got[2][0][:2] == ("US_SSN", "1120")
    assert got[2][0][2] == "conversation: read-back of a value from turn[0]"


def test_a_number_with_a_unit_after_it_is_no_read_back(engine: Engine) -> None:
    """ "Sending two thousand euros": 2000 lies in the social said before, but a number of
    euros (or of minutes) is an amount or a time, not the value read back."""
    doc = call(
        (CUSTOMER, "my social is 666-20-0017"),
        (AGENT, "Thanks. I'll send the wire now."),
        (AGENT, "Okay, sending two thousand euros, and I have 2000 on file too."),
    )
    got = found(engine, doc)
    assert [t for _, t, _ in got[2]] == ["2000"]  # (the bare number is still read back)


def test_window_closes_when_the_payment_goes_through(engine: Engine) -> None:
    doc = call(
        (AGENT, "What's the card number?"),
        (CUSTOMER, "4111 1111 1111 1111"),
        (AGENT, "Thank you, that payment has gone through."),
        (AGENT, "Your reference is 5831 2290."),
    )
    got = found(engine, doc)
    assert 3 not in got


def test_window_runs_out_after_quiet_turns(engine: Engine) -> None:
    chatter = [(AGENT, "how is the weather"), (CUSTOMER, "sunny and warm")] * 5
    doc = call((AGENT, "What's the card number?"), *chatter, (CUSTOMER, "the ticket was 5831"))
    assert found(engine, doc) == {}


def test_decoy_before_the_window_is_kept(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "the order number is 58213347"),
        (AGENT, "Thanks. Can I get the card number?"),
        (CUSTOMER, "4111 1111 1111 1111"),
    )
    got = found(engine, doc)
    assert 0 not in got and got[2][0][0] == "PAYMENT_CARD"


@pytest.mark.parametrize(
    "turns",
    [
        ((AGENT, "can i get the card number"),
         (CUSTOMER, "sure hold on the payment is two hundred forty dollars right")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "i'll have to call you back around three thirty")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "thanks and the amount"), (CUSTOMER, "two hundred forty")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one"),
         (AGENT, "sorry you cut out can you repeat the last eight")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "that's thirty dollars and your ticket number is six one four two")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "okay i'm going to block this card"),
         (CUSTOMER, "can you send it to my work address instead")),
        ((CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "your order #A-55123 is confirmed")),
        ((AGENT, "go ahead with the long number on the front"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "okay so we're charging forty nine ninety nine today")),
        ((AGENT, "can i get the card number please"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "okay i'll charge you one twenty five")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "your total today is nineteen ninety nine")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (AGENT, "we have you scheduled for march fifth")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (CUSTOMER, "i can't get channel two oh six")),
        ((AGENT, "what's the card number"), (CUSTOMER, "one sec"),
         (AGENT, "it'll post in three to five business days")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (CUSTOMER, "i've been a member since two thousand eleven")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (CUSTOMER, "oh no that's the old one it expired")),
        ((AGENT, "what's the card number"),
         (CUSTOMER, "four one one one one one one one one one one one one one one one"),
         (CUSTOMER, "Order number là hai năm năm, bốn năm ba, năm ba bảy.")),
    ],
    ids=["amount-in-dollars", "time-around", "answer-to-the-amount-question", "repeat-request",
         "ticket-number", "to-is-no-digit", "order-with-a-prefix", "charging-after-the-card",
         "charge-you-after-the-card", "agents-total-today", "agents-appointment",
         "channel-number", "agents-business-days", "member-since", "the-old-one",
         "order-number-is-in-vietnamese"],
)  # fmt: skip
def test_amounts_times_and_named_numbers_in_a_window_are_no_card_data(
    engine: Engine, turns: tuple[tuple[str, str], ...]
) -> None:
    """A PCI window redacts the customer's numbers whatever their checksum, but an amount, a
    time or a number named as another identifier ("your ticket number is ...") is none of the
    card's (and "thanks and the amount" asks for one: no back-channel a card goes on over)."""
    got = found(engine, call(*turns))
    card_turns = [i for i, (_, text) in enumerate(turns) if text.startswith("four one")]
    assert sorted(got) == card_turns


def test_only_calls_and_chats_are_read_as_conversations(engine: Engine) -> None:
    turns = ((CUSTOMER, "card 4111 1111"), (AGENT, "uh huh"), (CUSTOMER, "1111 1111"))
    assert found(engine, call(*turns, channel=Channel.EMAIL)) == {}
    assert 2 in found(engine, call(*turns, channel=Channel.CHAT))


def test_disabled_entities_are_not_reported_by_the_conversation() -> None:
    engine = Engine(entities=["EMAIL"])
    doc = call((AGENT, "What's the card number?"), (CUSTOMER, "4111 1111"), (CUSTOMER, "1111 1111"))
    assert scan(doc, engine).findings == ()


def test_redacted_document_keeps_no_digit_of_the_card(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "it's 3530 1113"),
        (AGENT, "okay"),
        (CUSTOMER, "3330 0000"),
    )
    redacted = redact_document(doc, scan(doc, engine), engine)
    texts = [s.text for s in redacted.document.segments]
    assert texts == ["it's [PAYMENT_CARD]", "okay", "[PAYMENT_CARD]"]


@pytest.fixture(scope="module")
def held_out() -> list:  # type: ignore[type-arg]
    return generate_calls(300, seed=20261129)


@pytest.mark.parametrize("spoken", [False, True], ids=["written", "spoken"])
def test_held_out_calls_are_fully_redacted(engine: Engine, held_out: list, spoken: bool) -> None:  # type: ignore[type-arg]
    calls = [c for c in held_out if c.spoken is spoken]

    def covered(c):  # type: ignore[no-untyped-def]
        out: dict[int, list[tuple[int, int]]] = {}
        for f in scan(c.document, engine).findings:
            out.setdefault(int(f.segment_id[5:-1]), []).append((f.start, f.end))
        return out

    report = score_calls(calls, covered)
    assert report.spans > 500
    assert report.share >= 0.99, report.missed[:5]
    for entity in ("PAYMENT_CARD", "CARD_CVV", "CARD_EXPIRY"):
        done, total = report.per_entity[entity]
        assert done / total >= 0.98, entity
    assert report.decoys_touched <= 0.01 * report.decoys


def _as_plain_text(c) -> tuple[str, list[int]]:  # type: ignore[no-untyped-def]
    """A held-out call exported as a contact-center platform writes it: "Agent: ..." lines.
    Returns the text and where each turn's text starts in it."""
    parts: list[str] = []
    places: list[int] = []
    pos = 0
    for segment in c.document.segments:
        label = f"{segment.speaker.capitalize()}: "
        places.append(pos + len(label))
        parts.append(f"{label}{segment.text}\n")
        pos += len(parts[-1])
    return "".join(parts), places


def _plain_text_coverage(calls, scan_one):  # type: ignore[no-untyped-def]
    def covered(c):  # type: ignore[no-untyped-def]
        text, places = _as_plain_text(c)
        out: dict[int, list[tuple[int, int]]] = {}
        for f in scan_one(text):
            for i, (segment, base) in enumerate(zip(c.document.segments, places, strict=True)):
                start, end = max(f.start, base), min(f.end, base + len(segment.text))
                if start < end:
                    out.setdefault(i, []).append((start - base, end - base))
        return out

    return score_calls(calls, covered)


@pytest.mark.parametrize("spoken", [False, True], ids=["written", "spoken"])
def test_held_out_calls_as_labelled_plain_text_are_fully_redacted(
    engine: Engine,
    held_out: list,  # type: ignore[type-arg]
    spoken: bool,
) -> None:
    """The same calls as one text with speaker labels (a .txt export, an API text, a JSON line)
    are read turn by turn: the engine alone sees fragments that validate as nothing."""
    calls = [c for c in held_out if c.spoken is spoken]
    report = _plain_text_coverage(calls, lambda text: scan_text(text, engine))
    assert report.share >= 0.99, report.missed[:5]
    for entity in ("PAYMENT_CARD", "CARD_CVV", "CARD_EXPIRY"):
        done, total = report.per_entity[entity]
        assert done / total >= 0.98, entity
    assert report.decoys_touched <= 0.01 * report.decoys
    # what the text scan alone leaves: most split cards (the reason the pipeline reads turns)
    alone = _plain_text_coverage(calls, engine.scan)
    assert alone.per_entity["PAYMENT_CARD"][0] < 0.5 * alone.per_entity["PAYMENT_CARD"][1]


def test_plain_text_findings_keep_the_engine_findings_and_add_only_turn_findings(
    engine: Engine,
) -> None:
    text = (
        "Agent: Can I have your email and the card number?\n"
        "Customer: jane.doe@example.com and it's 4532 0151\n"
        "Customer: 1283 0366\n"
        "Agent: Thanks, and the expiry?\n"
        "Customer: 09/27\n"
    )
    base = {(f.entity.name, f.start, f.end) for f in engine.scan(text)}
    found = scan_text(text, engine)
    got = {(f.entity.name, f.start, f.end) for f in found}
    assert base <= got
    covered = {text[f.start : f.end] for f in found if f.entity.name == "PAYMENT_CARD"}
    assert covered == {"4532 0151", "1283 0366"}
    assert {f.segment_id for f in found} == {""}  # offsets are into the text, as given
    assert any(r.startswith("conversation: value continued across turns line[2], line[3]")
               for f in found for r in f.reasons)  # fmt: skip


def test_texts_without_speaker_labels_get_exactly_the_engine_findings(engine: Engine) -> None:
    from callshield.evaluation.corpus import generate_corpus

    texts = [r["text"] for r in generate_corpus(n=200, seed=5) if r["kind"] == "email"]
    assert len(texts) > 30
    for text in texts:
        assert scan_text(text, engine) == engine.scan(text)


@pytest.mark.parametrize(
    "turns",
    [
        # a whole value ends the turn: its digits continue nothing
        ((CUSTOMER, "my ip is 192.168.49.226"), (CUSTOMER, "ticket INC5705153 is still open")),
        # another identifier opens the next turn: a Luhn-valid order number stays an order
        ((CUSTOMER, "new phone number is 859.355.4553"),
         (CUSTOMER, "order number 2628249690482659 hasn't shipped")),
        # an amount is no piece of a number
        ((CUSTOMER, "last 4 of my social is 4069"), (CUSTOMER, "I was charged $723.33 twice")),
    ],
    ids=["ip-then-ticket", "phone-then-order-number", "last4-then-amount"],
)  # fmt: skip
def test_runs_that_do_not_continue_across_turns(engine: Engine, turns: tuple) -> None:  # type: ignore[type-arg]
    got = found(engine, call(*turns))
    assert all(
        not r.startswith("conversation: value continued") for v in got.values() for _, _, r in v
    )
    assert 1 not in got or all(e not in ("PAYMENT_CARD", "PHONE", "US_SSN") for e, _, _ in got[1])


def test_guarded_cue_patterns_match_like_their_bare_alternations(held_out: list) -> None:  # type: ignore[type-arg]
    """The look-ahead of `_guarded` lists the first letters of every branch, and a `_Cue`'s
    needles a word that every branch contains: a letter or a word missing from them would
    silently drop a cue. Both are checked against the bare patterns on many turns, in upper
    case too and with non-ASCII letters (the long s matches "s" caselessly)."""
    import re

    from callshield.core import conversation as c
    from callshield.evaluation.corpus import generate_corpus

    texts = [s.text for call in held_out for s in call.document.segments]
    texts += [r["text"] for r in generate_corpus(n=600, seed=3)]
    branches = """gone through|been processed|went through|confirmation code|anything else|all done
    |is now paid|payment has been taken|card number|long number|number on the card|credit card
    |debit card|which card|the card|my card|your card|this card|card ending|expired|exp date
    |valid thru|end date|cvv2|cvc|cv2|csc|security code|three digits|3 digits|four digit|4 digits
    |digits on the back|code on the back|no|not|sorry|actually|i said|should be|correction|wrong
    |instead|number\non the front|valid\tuntil|payment was approved|confirmation number"""
    long_s = "\u017f"
    for b in (b.strip() for b in branches.split("|")):
        texts += [f"and {b.upper()} then", f"and {b}", f"caf\u00e9 {b}"]
        texts.append(f"caf\u00e9 {b.replace('s', long_s)} then")
    for cue in (c._ASK_CARD, c._ASK_EXPIRY, c._ASK_CVV, c._CLOSE, c._CORRECTION):
        guarded = cue.pattern
        bare = re.compile(re.sub(r"^\(\?=\[[^\]]*\]\)", "", guarded.pattern), re.IGNORECASE)
        assert bare.pattern != guarded.pattern
        hits = 0
        for text in texts:
            expected = bare.search(text)
            hits += expected is not None
            for found in (guarded.search(text), cue.search(text, text.lower())):
                assert (found and found.span()) == (expected and expected.span()), text
        assert hits >= 4  # every cue is exercised, not only its misses


def test_month_before_a_run_is_searched_like_the_whole_prefix() -> None:
    """`_month_before` searches a window before the run; the whole prefix gives the same."""
    from callshield.core import conversation as c

    texts = [
        "expires march 27",
        "it's Sept   2027",
        "the date is december\n26",
        "remember 12",
        "xmay 5",
        "may 5",
        "    jun 9",
        "jun9",
        "exp: \u017fep 27",
        "on the 4th of july, 1999",
        "Mar\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t4111",
    ]
    checked = 0
    for text in texts:
        for end in range(len(text) + 1):
            expected = c._MONTH.search(text[:end])
            found = c._month_before(text, end)
            assert (found and found.span()) == (expected and expected.span()), (text, end)
            checked += expected is not None
    assert checked >= 8


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "my card number is four one one one one one one one\none one one one one one one one"
            "\nthank you",
            ["four one one one one one one one", "one one one one one one one one"],
        ),
        (
            "my card number is four one one one one one one one\nmhm\none one one one one one"
            " one one",
            ["four one one one one one one one", "one one one one one one one one"],
        ),
        ("card is 4111 1111\n1111 1111\nok", ["4111 1111", "1111 1111"]),
        # groups that repeat: no echo of the digits so far where nobody is named
        ("4111\n1111\n1111\n1111", ["4111", "1111", "1111", "1111"]),
        # the cue on a line of its own before the first piece (the agent's question, or the
        # caller's own words: unlabelled, either)
        (
            "and the card number\nit's uh four one one one one one one one\none one one one"
            " one one one one",
            ["four one one one one one one one", "one one one one one one one one"],
        ),
        # each line opened by a time stamp, a quote's or a list's mark, a chat handle, or a
        # word: an insider's way to slip a card past a filter, a group a line
        (
            "[10:01] 4111\n[10:01] 1111\n[10:02] 1111\n[10:02] 1111",
            ["4111", "1111", "1111", "1111"],
        ),
        ("10:01 5555\n10:01 5555\n10:02 5555\n10:02 4444", ["5555", "5555", "5555", "4444"]),
        ("> 4111\n> 1111\n> 1111\n> 1111", ["4111", "1111", "1111", "1111"]),
        ("- 4111\n- 1111\n- 1111\n- 1111", ["4111", "1111", "1111", "1111"]),
        ("agent> 4111\nagent> 1111\nagent> 1111\nagent> 1111", ["4111", "1111", "1111", "1111"]),
        ("here 4111\nthen 1111\nthen 1111\nthen 1111", ["4111", "1111", "1111", "1111"]),
    ],
    ids=[
        "spoken",
        "spoken-backchannel",
        "written",
        "groups-repeat",
        "cue-on-the-line-before",
        "time-stamps",
        "bare-time-stamps",
        "quote-marks",
        "list-marks",
        "chat-handles",
        "word-leads",
    ],
)
def test_a_number_split_over_unlabelled_lines_is_read_as_one(
    engine: Engine, text: str, pieces: list[str]
) -> None:
    """Speech-to-text writes a call one utterance a line, without speakers: a card read out
    over two utterances (a pause, or the agent's "mhm" between) is one card, every piece
    redacted. (Each piece alone is eight harmless digits.)"""
    assert engine.scan(text) == []
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [("PAYMENT_CARD", piece) for piece in pieces]


@pytest.mark.parametrize(
    "text",
    [
        "we had 12 calls\n13 emails",
        "order 1234 5678\n9012 3456 shipped",
        "press one for billing\ntwo for support",
        "Total: 4111\n1111 items in stock",
        "[10:01] total 1234\n[10:01] tax 5678\n[10:02] fee 9012",
        "- 1200\n- 3400\n- 5600\n- 7800",
    ],
)
def test_numbers_on_unlabelled_lines_that_make_no_value_stay(engine: Engine, text: str) -> None:
    assert scan_text(text, engine) == engine.scan(text)


def test_a_routing_number_in_three_turns_after_a_long_question(engine: Engine) -> None:
    doc = call(
        (AGENT, "great the routing number is the nine digits on the bottom left"),
        (CUSTOMER, "okay it's zero two one"), (AGENT, "mm hmm"), (CUSTOMER, "zero zero zero"),
        (AGENT, "okay"), (CUSTOMER, "zero two one"),
    )  # fmt: skip
    got = found(engine, doc)
    assert [got[i][0][:2] for i in (1, 3, 5)] == [
        ("ABA_ROUTING", "zero two one"), ("ABA_ROUTING", "zero zero zero"),
        ("ABA_ROUTING", "zero two one"),
    ]  # fmt: skip


def test_a_phone_number_said_over_three_unlabelled_lines_after_its_cue(engine: Engine) -> None:
    text = "and the phone number\nit's uh four oh four\nfive five five\noh one three three"
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("PHONE", "four oh four"),
        ("PHONE", "five five five"),
        ("PHONE", "oh one three three"),
    ]


@pytest.mark.parametrize(
    ("asked", "said", "expected"),
    [
        (
            "card, expiry and cvv please",
            "4111 1111 1111 1111 12 27 123",
            [
                ("PAYMENT_CARD", "4111 1111 1111 1111"),
                ("CARD_EXPIRY", "12 27"),
                ("CARD_CVV", "123"),
            ],
        ),
        (
            "the card number please",
            "4111 1111 1111 1111 12 27 123",
            [
                ("PAYMENT_CARD", "4111 1111 1111 1111"),
                ("CARD_EXPIRY", "12 27"),
                ("CARD_CVV", "123"),
            ],
        ),
        (
            "card, expiry and cvv please",
            "four one one one one one one one one one one one one one one one twelve twenty"
            " seven one two three",
            [
                (
                    "PAYMENT_CARD",
                    "four one one one one one one one one one one one one one one one",
                ),
                ("CARD_EXPIRY", "twelve twenty seven"),
                ("CARD_CVV", "one two three"),
            ],
        ),
    ],
)
def test_card_expiry_and_code_in_one_breath_keep_their_own_labels(
    engine: Engine, asked: str, said: str, expected: list[tuple[str, str]]
) -> None:
    """Card, expiry and code said in one breath are one run of digits to the PCI window: the
    card the scan found keeps its label, and what follows it is the expiry, then the code (a
    window opened by a question for the code labelled the whole run, card and all, CARD_CVV,
    over the card's own finding)."""
    text = f"agent: {asked}\ncustomer: {said}"
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == expected


@pytest.mark.parametrize(
    "question",
    [
        "what card would you like to use",
        "what's the visa number",
        "what's the sixteen digit number",
        "can you read me the digits",
    ],
)
def test_more_questions_for_the_card_open_the_window(engine: Engine, question: str) -> None:
    """A card read out in two halves after a question for it: each half alone is eight
    harmless digits, so only the window reads them as the card."""
    text = (
        f"agent: {question}\ncustomer: four one one one one one one one\n"
        "agent: sorry you're breaking up a little could you keep going\n"
        "customer: one one one one one one one one"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("PAYMENT_CARD", "four one one one one one one one"),
        ("PAYMENT_CARD", "one one one one one one one one"),
    ]


@pytest.mark.parametrize(
    "said",
    [
        "no i only have one card",
        "sorry my three year old is screaming",
        "no wait i have to be out by four",
        "actually can we do it in ten minutes",
        "sorry it's been like fifteen minutes i need to go at three thirty",
    ],
)
def test_talk_with_a_no_in_it_is_no_correction_of_the_card(engine: Engine, said: str) -> None:
    text = f"agent: can i get the card number please\ncustomer: {said}"
    assert scan_text(text, engine) == []


def test_a_correction_of_a_digit_in_the_window_is_still_redacted(engine: Engine) -> None:
    text = (
        "agent: card number please\ncustomer: 4111 1111 1111 1112\n"
        "customer: no sorry the last digit is a one"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [("PAYMENT_CARD", "4111 1111 1111 1112"), ("PAYMENT_CARD", "one")]


def test_a_split_number_the_agent_echoes_piece_by_piece_is_redacted_with_the_echoes(
    engine: Engine,
) -> None:
    """An SSN said in three pieces, each repeated by the agent: the echoes no longer end the
    number, and each echo is redacted as a read-back of its piece."""
    text = (
        "agent: what's your social\ncustomer: five three six\nagent: five three six\n"
        "customer: two two\nagent: two two\ncustomer: one two three four\n"
        "agent: one two three four thank you"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert (
        got
        == [("US_SSN", piece) for piece in ["five three six"] * 2 + ["two two"] * 2]
        + [("US_SSN", "one two three four")] * 2
    )


def test_a_number_said_after_a_hold_is_read_with_the_question_before_the_hold(
    engine: Engine,
) -> None:
    text = (
        "agent: i need your social security number\ncustomer: okay one sec\nagent: sure\n"
        "customer: five three six\ncustomer: two two\ncustomer: one two three four"
    )
    got = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert got == [
        ("US_SSN", "five three six"),
        ("US_SSN", "two two"),
        ("US_SSN", "one two three four"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Agent (13:27): What's the CVV?\nCustomer (13:28): 737", [("CARD_CVV", "737")]),
        ("Agent (1:27 PM): Can you confirm the last four of your social?\n"
         "Customer (1:28 PM): 5290", [("US_SSN_LAST4", "5290")]),
        ("[2024-04-09 16:20:07] Agent: Can you confirm the last four of your social?\n"
         "[2024-04-09 16:21:07] Customer: 5319", [("US_SSN_LAST4", "5319")]),
        ("[2024-04-09 16:20:07] Agent: what's your date of birth?\n"
         "[2024-04-09 16:21:07] Customer: 3/14/1985", [("DATE_OF_BIRTH", "3/14/1985")]),
        ("Customer (18:18): my card is\nCustomer (18:19): 4012 8888\n"
         "Customer (18:19): 8888 1881",
         [("PAYMENT_CARD", "4012 8888"), ("PAYMENT_CARD", "8888 1881")]),
        ("Agent: What's your mother's maiden name?\nVisitor (12:07): Kowalczyk",
         [("SECURITY_ANSWER", "Kowalczyk")]),
        ("[19:05] Agent: What was the name of your first pet?\n[19:06] Visitor: Pumpkin",
         [("SECURITY_ANSWER", "Pumpkin")]),
    ],
    ids=["time-after-name", "time-after-name-pm", "date-and-time-stamp", "dob-after-stamps",
         "card-over-stamped-messages", "visitor-with-time", "visitor"],
)  # fmt: skip
def test_chat_exports_with_time_stamps_are_read_as_turns(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    """Chat exports write the time after the speaker's name ("Customer (18:18):") or a date
    and a time before it: the stamp's digits are no value's (a year taken for the last four of
    a social left the real ones in clear), and the turns are read as a conversation."""
    assert [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)] == expected


def test_an_answer_after_a_long_hold_is_read_with_the_question(engine: Engine) -> None:
    """A caller who goes to find the number says "one sec", "okay", "hold on" several times
    while the agent says "sure": in a transcript read as one text the question is then too far
    from the answer for a cue to reach it, so the answer is read with the question."""
    text = (
        "agent: what's the bank account number\ncustomer: one sec\nagent: sure\ncustomer: okay\n"
        "agent: okay\ncustomer: hold on\nagent: sure\ncustomer: okay\nagent: great\n"
        "customer: eight one five seven six five zero two one eight"
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [("BANK_ACCOUNT", "eight one five seven six five zero two one eight")]
    # a turn of talk between them is no hold: "Rex" answers, "great thanks" does not
    text = (
        "agent: what was the name of your first pet\ncustomer: rex\ncustomer: okay\n"
        "agent: sure\ncustomer: great thanks"
    )
    assert [text[f.start : f.end] for f in scan_text(text, engine)] == ["rex"]


@pytest.mark.parametrize(
    "layout",
    [
        "Agent: {}\nCaller: {}\nAgent: {}\nCaller: yes",
        "12\n[AGENT] {}\n\n13\n[CALLER] {}\n\n14\n[AGENT] {}\n\n15\n[CALLER] yes",
    ],
    ids=["labelled", "numbered-utterances"],
)
def test_a_zip_read_back_with_a_digit_misheard_is_redacted(engine: Engine, layout: str) -> None:
    text = layout.format(
        "and the zip code?",
        "sure, it's one nine three nine two?",
        "okay, nineteen forty nine two.",
    )
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found == [
        ("US_ZIP", "one nine three nine two"),
        ("US_ZIP", "nineteen forty nine two"),
    ]
    # two digits apart, it is another number
    other = text.replace("forty nine two", "forty eight one")
    assert [f.entity.name for f in scan_text(other, engine)] == ["US_ZIP"]
    # unless the agent says it reads the answer back: then it is the ZIP as the agent heard it
    other = other.replace("okay,", "just to confirm,")
    assert [f.entity.name for f in scan_text(other, engine)] == ["US_ZIP", "US_ZIP"]


def test_a_zip_misheard_between_two_answers_is_redacted_in_any_layout(engine: Engine) -> None:
    """The agent's read-back one digit wrong, between the caller's answer and the correction,
    in a log no turn reader reads (numbered lines with time codes)."""
    text = (
        "[97 00:00:32.230] and what's the zip code\n"
        "[96 00:00:35.050] yeah it's um um oh eight oh four two\n"
        "[97 00:00:38.610] okay 08043\n"
        "[96 00:00:40.140] no like no it ends oh eight oh four two\n"
        "[97 00:00:44.060] sorry about that 08042\n"
    )
    covered = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert "08043" in covered
    # two digits apart, or a date beside a birth date, it is another number
    assert "08013" not in [
        t[f.start : f.end] for t in [text.replace("08043", "08013")] for f in scan_text(t, engine)
    ]
    dob = "date of birth 03/12/1984, and the visit was 03/13/1984"
    assert [dob[f.start : f.end] for f in scan_text(dob, engine)] == ["03/12/1984"]


def test_a_corrected_end_of_a_read_back_is_redacted(engine: Engine) -> None:
    """The caller sets right a piece of the agent's read-back: "the first part is five nine
    seven" (the read-back said five eight seven)."""
    text = (
        "Agent: you should get a text with a six digit code, can you read it?\n"
        "Customer: yes, fifty nine seven, two one three.\n"
        "Agent: so that's five eight seven, two one three.\n"
        "Customer: not quite, the first part is five nine seven.\n"
        "Agent: apologies, fixed.\n"
    )
    covered = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert "five nine seven" in covered
    # without words that set it right, three digits are no piece of the code
    other = text.replace("not quite, the first part is five nine seven", "at five nine seven")
    assert "five nine seven" not in [other[f.start : f.end] for f in scan_text(other, engine)]


def test_a_pin_read_back_misheard_by_the_agent_is_redacted(engine: Engine) -> None:
    text = (
        "Agent: what's your PIN?\nCaller: okay so four four one two.\n"
        "Agent: and that is four four one three, yes?\nCaller: yes"
    )
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("PIN", "four four one three") in found
    # the caller's own next words are no read-back of a short value, nor a number further on
    for other in (
        text.replace("Agent: and that is", "Caller: and that is"),
        text.replace("Agent: and that is", "Agent: ok\nCaller: hm\nAgent: and that is"),
    ):
        assert "four four one three" not in [
            other[f.start : f.end] for f in scan_text(other, engine)
        ]


def test_a_read_back_covers_the_prefix_of_letters_spelled_before_it(engine: Engine) -> None:
    text = (
        "Agent: what's the account number please?\nCustomer: it's juliet mike romeo, one five"
        " six one, two five eight seven nine.\nAgent: and that is j m r, one five six one,"
        " twenty five eighty seven nine, yes?\nCustomer: that's right"
    )
    covered = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert "j m r, one five six one, twenty five eighty seven nine" in covered


def test_a_read_back_with_one_digit_wrong_is_redacted(engine: Engine) -> None:
    """The agent reads the social back with a digit wrong: eight of its nine digits are the
    customer's, so the read-back is redacted too (it leaked whole)."""
    text = (
        "agent: and your social\ncustomer: four three four, nine one seven two nine three\n"
        "agent: okay four three four nine one seven two nine eight\n"
        "customer: no seven two nine three at the end"
    )
    covered = [text[f.start : f.end] for f in scan_text(text, engine)]
    assert "four three four nine one seven two nine eight" in covered
    # a number of the same length that differs in more digits is no read-back (unless the
    # agent says it is one: "i have ...", `test_a_value_read_back_after_a_cue_...`)
    other = text.replace("nine eight\n", "one one\n").replace("okay four", "okay six")
    assert not any(
        "six three four" in c for c in (other[f.start : f.end] for f in scan_text(other, engine))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[8:38] Customer: acct no is\n[8:38] Customer: 191381\n[8:38] Customer: 608808",
         [("BANK_ACCOUNT", "191381"), ("BANK_ACCOUNT", "608808")]),
        ("Customer (7:20 PM): my account number is\nCustomer (7:23 PM): 405156\n"
         "Customer (7:26 PM): 976564",
         [("BANK_ACCOUNT", "405156"), ("BANK_ACCOUNT", "976564")]),
        ("Thandiwe Kowalczyk (10:02 AM): my cell is\nThandiwe Kowalczyk (10:05 AM): 718-555\n"
         "Sam (Agent) (10:06 AM): mhm, and the rest?\nThandiwe Kowalczyk (10:06 AM): 0145",
         [("PHONE", "718-555"), ("PHONE", "0145")]),
    ],
    ids=["cue-in-its-own-message", "time-after-each-name", "role-and-time-after-a-name"],
)  # fmt: skip
def test_a_number_sent_over_chat_messages_after_its_cue_is_one_value(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    """A chat writer sends the cue, then the number in pieces, each a message of its own: the
    pieces are read together with the cue (the first was found, the rest leaked), whoever the
    time after the speaker's name says sent them."""
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert [(e, v) for e, v in found_here if e != "PERSON"] == expected


def test_answers_after_labels_with_times_in_them_are_read_with_their_questions(
    engine: Engine,
) -> None:
    """ "Customer 00:38: That's eighty five seventy five.": the label's time is no part of
    the answer, and the question's cue reaches it (a PIN, a password said in letters)."""
    text = (
        "Agent 00:35: And the telephone PIN you set up?\n"
        "Customer 00:38: That's eighty five seventy five.\n"
        "Agent 00:40: What's the verbal password on the account?\n"
        "Customer 00:44: Uh, okay, t h u n d e r pound sign six five.\n"
        "Agent 00:50: I've pushed a firmware update to the modem.\n"
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [
        ("PIN", "eighty five seventy five"),
        ("PASSWORD", "t h u n d e r pound sign six five"),
    ]


def test_a_piece_said_in_groups_after_a_pause_goes_on_with_the_turn_before(
    engine: Engine,
) -> None:
    """The second piece of a phone number is itself two groups with a pause between them
    ("Uh, 555 ... 0100"): all of it goes on with the first piece ("Yes, 971...")."""
    text = (
        "Agent: Is the phone number still the same?\nCaller: Yes, 971...\nAgent: Okay...\n"
        "Caller: Uh, 555 ... 0100 -\nAgent: Okay perfect."
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [("PHONE", "971"), ("PHONE", "555 ... 0100")]
    # a clock's minutes begin no number: "... at 10:02:" is no first piece of the card after it
    note = "Note pasted from mobile app by Courtney at 10:02:\ncc 6011 1111 1111 1117\n"
    assert [
        note[f.start : f.end] for f in scan_text(note, engine) if f.entity.name != "PERSON"
    ] == ["6011 1111 1111 1117"]


def test_the_names_before_chat_messages_are_redacted(engine: Engine) -> None:
    """A chat export writes the writer's name before every message: a name, not a role."""
    text = (
        "Emeka MacAllister (12:37 PM): can you help\nSupport (12:38 PM): sure what do you need\n"
        "Emeka MacAllister (12:39 PM): my card is declined\nSam (Agent) (12:40 PM): let me see"
    )
    names = [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert names == ["Emeka MacAllister", "Emeka MacAllister", "Sam"]
    roles = "Agent: hi\nCustomer: hello\nAgent: how can I help\nVisitor: thanks"
    assert scan_text(roles, engine) == []
    headers = "From: a@example.org\nTo: b@example.org\nSubject: hi\nContent-Type: text/plain\n"
    assert [f for f in scan_text(headers, engine) if f.entity.name == "PERSON"] == []
    # a form's keys run together, a short code in capitals, the roles in Filipino, an ASR
    # scorer's report's labels: no names
    for labels in (
        "FieldType: Text\nFieldName: topmostSubform\nFieldType: Button\nFieldName: other",
        "TTY: HI I NEED HELP GA\nAGENT: OK GA\nTTY: THANKS GA",
        "[00:00:48] Ahente: Good afternoon po\n[00:00:50] Kustomer: hello po\n"
        "[00:00:52] Ahente: yes po",
        "id: (ret145-a-000)\nScores: (#C #S #D #I) 1 0 0 0\nREF:  okay\nHYP:  okay\nEval:\n\n"
        "id: (ret145-a-001)\nScores: (#C #S #D #I) 1 0 0 0\nREF:  fine\nHYP:  fine\nEval:",
        "Node: Nodes\\\\Customer effort\nReferences: 2\nNode: Nodes\\\\Billing\nReferences: 1",
    ):
        assert [f for f in scan_text(labels, engine) if f.entity.name == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # WebVTT: voice tags name the speakers, a timing line stands between question and answer
        ("WEBVTT\n\n1\n00:03:59.000 --> 00:03:59.500\n<v Agent>what's your social\n\n2\n"
         "00:04:02.000 --> 00:04:03.500\n<v Customer>six two three zero eight eight five zero six",
         [("US_SSN", "six two three zero eight eight five zero six")]),
        # a role and a dash before each turn
        ("agent - can i get the card number please\ncustomer - two two two three zero zero three"
         " one\nagent - okay\ncustomer - two two zero zero three two two two",
         [("PAYMENT_CARD", "two two two three zero zero three one"),
          ("PAYMENT_CARD", "two two zero zero three two two two")]),
        # MicroDVD: one speaker's colour, the other's none; a bar breaks a cue's line
        ("{1}{1}23.976\r\n{1264}{1341}{C:$00FFFF}- Go ahead with the card number when|you're"
         " ready.\r\n{1351}{1397}- three seven eight two...\r\n{1403}{1427}{C:$00FFFF}- Mm-hm."
         "\r\n{1449}{1563}- And eight two two four six three one oh|zero oh five.\r\n",
         [("PAYMENT_CARD", "three seven eight two"),
          ("PAYMENT_CARD", "eight two two four six three one oh|zero oh five")]),
        # Spruce STL: a cue a line, its times and a comma before it; a bar breaks its lines
        ("00:00:44:12 , 00:00:47:02 , and the card number|please\n"
         "00:00:47:10 , 00:00:50:01 , sure four one one one|one one one one\n"
         "00:00:51:10 , 00:00:54:01 , one one one one|one one one one\n",
         [("PAYMENT_CARD", "four one one one|one one one one"),
          ("PAYMENT_CARD", "one one one one|one one one one")]),
        # Spruce STL whose caller's cues open with a dash: "Okay, go on." is the agent's
        ("00:00:01:23 , 00:00:04:16 , Thank you for calling, this is Rebecca. How\n"
         "00:00:04:17 , 00:00:07:09 , can I help you today?\n"
         "00:01:17:14 , 00:01:19:11 , What's the card number?\n"
         "00:01:20:01 , 00:01:21:00 , - 6011 1111...\n"
         "00:01:21:27 , 00:01:23:21 , Okay, go on.\n"
         "00:01:24:19 , 00:01:25:25 , - And 1111 1117.\n",
         [("PERSON", "Rebecca"), ("PAYMENT_CARD", "6011 1111"), ("PAYMENT_CARD", "1111 1117")]),
        # SubViewer 2: a timing line, then the cue; "[br]" breaks its lines
        ("[SUBTITLE]\n00:00:18.02,00:00:20.11\nThanks for holding.\n\n"
         "00:00:21.39,00:00:24.49\nCan I get[br]the last four of your social?\n\n"
         "00:00:25.17,00:00:26.23\nSure, it's five two[br]seven\n\n"
         "00:00:26.30,00:00:27.23\nnine.\n\n",
         [("US_SSN_LAST4", "five two[br]seven"), ("US_SSN_LAST4", "nine")]),
        # YouTube's SBV: one digit for the hour, milliseconds, a speaker's ">>" before the cue
        ("0:01:46.864,0:01:49.506\n>> what number should we reach you at\n\n"
         "0:01:51.514,0:01:54.956\n>> it's six 1 five triple five zero one five zero\n\n"
         "0:01:55.346,0:01:59.153\n>> uh huh\n",
         [("PHONE", "six 1 five triple five zero one five zero")]),
        # an audio editor's label track: times, then the speaker's mark
        ("2.742000\t5.796462\tAGT: thanks for calling how can i help\n"
         "11.081000\t14.438000\tAGT: can you verify the last four of your social\n"
         "15.159000\t16.769000\tCUS: nine nine three seven\n"
         "18.008000\t19.929500\tAGT: got it thank you\n",
         [("US_SSN_LAST4", "nine nine three seven")]),
        # a diarizer's RTTM lines, the aligned text after a bar
        ("SPEAKER cc_1 1 11.133 1.979 <NA> <NA> SPEAKER_00 <NA> <NA> | first and last name\n"
         "SPEAKER cc_1 1 14.252 1.617 <NA> <NA> SPEAKER_01 <NA> <NA> | yeah it's ryan rogers\n"
         "SPEAKER cc_1 1 16.193 2.408 <NA> <NA> SPEAKER_00 <NA> <NA> | thanks ryan\n",
         [("PERSON", "ryan rogers"), ("PERSON", "ryan")]),
        # a recogniser's raw hypotheses: the call, the channel, the start and the end first
        ("342623 ch0 0019.23 0022.27 can you give me your account pin\n"
         "342623 ch1 0023.36 0024.81 one nine three nine\n"
         "342623 ch0 0026.09 0028.72 thank you\n",
         [("PIN", "one nine three nine")]),
    ],
    ids=["webvtt", "dash-labels", "microdvd", "spruce-stl", "spruce-stl-dashes", "subviewer",
         "sbv", "label-track",
         "rttm", "raw-hypotheses"],
)  # fmt: skip
def test_other_transcript_layouts_are_read_as_turns(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)] == expected


def test_a_records_field_labels_are_no_writers_names(engine: Engine) -> None:
    """A ticket's fields ("DOB:", "Verified:", "Ticket ID:") are each written once: no chat
    writer's name, unlike a name before two messages, or one with the time of its message."""
    ticket = "Ticket ID: 4471\nCustomer: Saoirse Achterberg\nDOB: 09/20/2004\nVerified: yes\n"
    found = [(f.entity.name, ticket[f.start : f.end]) for f in scan_text(ticket, engine)]
    assert ("PERSON", "DOB") not in found and ("PERSON", "Verified") not in found
    assert ("PERSON", "Ticket ID") not in found
    chat = "Lucia: hi\nAgent: hello\nLucia: my card is declined"
    assert [chat[f.start : f.end] for f in scan_text(chat, engine)] == ["Lucia", "Lucia"]
    once = "[10:38] Lucia: hi\nAgent: hello"
    assert [once[f.start : f.end] for f in scan_text(once, engine)] == ["Lucia"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You\n10:21\nsocial security number:\nYou\n10:23\n496-12\nYou\n10:26\n7047",
         [("US_SSN", "496-12"), ("US_SSN", "7047")]),
        ("Support\n12:33\nWhat's the account number?\nCustomer\n12:34\nits 219301053547",
         [("BANK_ACCOUNT", "219301053547")]),
        ("Support\n13:06\nWhat's your mother's maiden name?\nVisitor\n13:07\nKowalczyk",
         [("SECURITY_ANSWER", "Kowalczyk")]),
        ("Priya Brennan\n15:14\nmy cell is\nPriya Brennan\n15:17\n718-555\nAgent\n15:17\n"
         "go on\nPriya Brennan\n15:18\n0145",
         [("PERSON", "Priya Brennan"), ("PERSON", "Priya Brennan"), ("PHONE", "718-555"),
          ("PERSON", "Priya Brennan"), ("PHONE", "0145")]),
    ],
    ids=["ssn-in-pieces", "answer", "security-answer", "name-above-the-time"],
)  # fmt: skip
def test_chat_exports_with_the_name_and_the_time_on_lines_of_their_own(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    """Some chat exports write the writer's name on a line, the time on the next, then the
    message: the messages are turns (a number over messages, an answer to a question), the
    time is no digit of a value, and a name there is redacted as before a colon."""
    assert [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)] == expected


def test_a_number_said_alone_long_after_its_question_is_read_with_it(engine: Engine) -> None:
    """The caller goes to find the number and the call goes on (the weather, the kids): the
    number said alone at last answers the question asked turns before; without a question for
    a value it is nothing."""
    text = (
        "agent: what's the bank account number\ncustomer: let me find it\n"
        "agent: how's the weather out there today\ncustomer: oh it's been raining all week\n"
        "agent: same here\ncustomer: my kids have been home sick\nagent: oh no i'm sorry\n"
        "customer: eight one five seven six five zero two one eight\nagent: thank you"
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [("BANK_ACCOUNT", "eight one five seven six five zero two one eight")]
    other = text.replace("what's the bank account number", "how can i help you today")
    # (ten digits said one by one that make a valid North American number are a phone's)
    assert [f.entity.name for f in scan_text(other, engine)] == ["PHONE"]
    other = other.replace("customer: eight one five", "customer: one one five")
    assert scan_text(other, engine) == []


def test_a_number_said_far_after_its_question_with_amounts_and_times_between(
    engine: Engine,
) -> None:
    """Twenty turns later, an amount ("one forty two"), a count and a time said meanwhile:
    the social said alone at last still answers the question for it. A long number the caller
    said meanwhile was the answer, so a later one alone is not read with the question."""
    chat = (
        "agent: same here\ncustomer: i've been a customer for twelve years\n"
        "agent: we're open until nine pm\ncustomer: the bill was like one forty two\n"
    )
    text = (
        "agent: i'll need your social to pull up the account\ncustomer: let me find it\n"
        + chat * 5
        + "customer: two seven one eight one, two three three four\nagent: thank you"
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [("US_SSN", "two seven one eight one, two three three four")]
    answered = text.replace(
        "customer: let me find it", "customer: it's five three six two two one four oh nine"
    )
    found_there = [(f.entity.name, answered[f.start : f.end]) for f in scan_text(answered, engine)]
    assert found_there == [("US_SSN", "five three six two two one four oh nine")]


def test_email_address_whose_domain_opens_a_later_turn(engine: Engine) -> None:
    doc = call(
        (AGENT, "can i get the email on file"),
        (CUSTOMER, "yeah it's v a n dash d u o"),
        (AGENT, "okay"),
        (CUSTOMER, "at sign gmail dot com"),
        (AGENT, "and a phone number"),
    )
    got = found(engine, doc)
    assert got[1] == [
        ("EMAIL", "v a n dash d u o", "conversation: e-mail address continued from turn[1]")
    ]
    assert [(e, covered) for e, covered, _ in got[3]] == [("EMAIL", "at sign gmail dot com")]
    assert 0 not in got and 2 not in got and 4 not in got
    prints = {f.fingerprint for f in scan(doc, engine).findings}
    assert len(prints) == 1, "both pieces are one address"


def test_written_address_split_before_its_at_sign(engine: Engine) -> None:
    doc = call(
        (AGENT, "what's the email"),
        (CUSTOMER, "it's jdoe88"),
        (CUSTOMER, "@gmail.com"),
    )
    got = found(engine, doc)
    assert [(e, covered) for e, covered, _ in got[1]] == [("EMAIL", "jdoe88")]
    assert [(e, covered) for e, covered, _ in got[2]] == [("EMAIL", "@gmail.com")]


@pytest.mark.parametrize(
    "turns",
    [
        # another speaker's long turn in between: no continuation
        ((CUSTOMER, "my user name is jdoe88"),
         (AGENT, "great and can you tell me where you work these days please"),
         (CUSTOMER, "at acme dot com")),
        # the other speaker says the domain: not the caller's address
        ((CUSTOMER, "my user name is jdoe88"), (AGENT, "at gmail dot com right")),
    ],
)  # fmt: skip
def test_domain_turn_without_its_speakers_local_part_is_no_address(
    engine: Engine, turns: tuple[tuple[str, str], ...]
) -> None:
    got = found(engine, call(*turns))
    assert not any(e == "EMAIL" for hits in got.values() for e, _, _ in hits)


def test_domain_after_a_long_turn_that_no_address_was_asked_for(engine: Engine) -> None:
    doc = call(
        (CUSTOMER, "last month i paid four thousand two hundred and that was on this tuesday"),
        (AGENT, "at"),
        (CUSTOMER, "at example dot com"),
    )
    got = found(engine, doc)
    assert 0 not in got, "no local part in a long turn nobody asked an address of"


def test_street_address_whose_house_number_ends_a_turn(engine: Engine) -> None:
    """ "four two eight..." / "mm-hm" / "Tiffany Greens, in East Sally.": the house number and
    the street read as one address, each turn's piece redacted."""
    doc = call(
        (AGENT, "Can you confirm your service address?"),
        (CUSTOMER, "four two eight..."),
        (AGENT, "Mm-hm."),
        (CUSTOMER, "Tiffany Greens, in East Sally."),
        (AGENT, "And the zip code?"),
    )
    got = found(engine, doc)
    assert got[1] == [
        (
            "STREET_ADDRESS",
            "four two eight",
            "conversation: street address continued from turn[1]",
        )
    ]
    assert [(e, covered) for e, covered, _ in got[3]] == [("STREET_ADDRESS", "Tiffany Greens")]
    assert 0 not in got and 2 not in got and 4 not in got


@pytest.mark.parametrize(
    "turns",
    [
        # no address asked for: a number and then a name
        ((AGENT, "How many lines do you have?"), (CUSTOMER, "four two..."),
         (AGENT, "Mm-hm."), (CUSTOMER, "Tiffany Greens, in East Sally, has the rest.")),
        # a long turn that ends in a number: no house number alone
        ((AGENT, "Can you confirm your service address?"),
         (CUSTOMER, "well it changed last year when we moved and the new one is four two eight"),
         (AGENT, "Mm-hm."), (CUSTOMER, "Tiffany Greens.")),
    ],
)  # fmt: skip
def test_no_split_street_without_its_question_or_in_a_long_turn(
    engine: Engine, turns: tuple[tuple[str, str], ...]
) -> None:
    got = found(engine, call(*turns))
    reasons = [r for hits in got.values() for _, _, r in hits]
    assert not any("street address continued" in r for r in reasons)


def test_caption_address_split_by_time_codes_and_a_back_channel(engine: Engine) -> None:
    # roll-up captions: no speakers, a time code on a line of its own before each caption
    text = (
        "00:00:26:23\nAND YOUR EMAIL ADDRESS\n\n00:00:29:08\n>> YES S A L E X A N D E R FIFTY\n"
        "\n00:00:34:07\n>> OKAY\n\n00:00:35:18\n>> AT SIGN GMAIL DOT COM\n"
    )
    covered = "".join(
        text[i]
        for i in range(len(text))
        if any(f.start <= i < f.end for f in scan_text(text, engine))
    )
    assert "S A L E X A N D E R FIFTY" in covered
    assert "GMAIL DOT COM" in covered


def test_a_number_said_across_a_hard_wrapped_line_of_a_turn_is_one_value(engine: Engine) -> None:
    """A transcript wrapped at a fixed width breaks a turn's number over lines ("... nine
    thirty five...\\ntwo five four."): the turn is one utterance, its line break a blank."""
    text = (
        "AGENT:\tFor autopay from a\tbank\taccount  I'll need the\n"
        "  routing and\taccount\tnumber.\n"
        "CUSTOMER:  Hold  on, let me  grab a check. one two  two\tone\noh five\n"
        "AGENT:\tMm-hm.\nCUSTOMER: one hundred fifty five.\n"
        "AGENT: And  the account number?\n\n"
        "CUSTOMER: nine nine four   two\ttwo   one, nine thirty\tfive...\ntwo\tfive\tfour.\n"
        "AGENT:\tThe  payment of forty dollars will draft tomorrow.\n"
    )
    covered = {p for f in scan_text(text, engine) for p in range(f.start, f.end)}
    for said in ("oh five", "two\tfive\tfour"):
        at = text.index(said)
        assert set(range(at, at + len(said))) <= covered, said
    assert text.index("forty") not in covered


def test_card_said_in_spanish_split_across_turns_is_one_card(engine: Engine) -> None:
    """The last piece opens with short digit words only ("uno uno ... siete"): the stage finds
    it by its longer word, and the Spanish question opens the PCI window."""
    doc = call(
        (AGENT, "muy bien me da el numero de la tarjeta"),
        (CUSTOMER, "si es seis cero uno uno uno uno uno uno"),
        (AGENT, "aja"),
        (CUSTOMER, "uno uno uno uno uno uno uno siete"),
    )
    got = found(engine, doc)
    assert got[1][0][:2] == ("PAYMENT_CARD", "seis cero uno uno uno uno uno uno")
    assert got[3][0][:2] == ("PAYMENT_CARD", "uno uno uno uno uno uno uno siete")
    assert got[3][0][2].startswith("conversation: value continued across turns")


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("¿Me proporciona el número de la tarjeta?", "dos dos dos tres cero cero tres uno"),
        ("Qual o número do cartão?", "quatro zero um dois oito oito oito oito"),
        ("Quel est le numéro de votre carte ?", "quatre zéro un deux huit huit huit huit"),
        ("Para fazer o pagamento, qual o número do cartão?", "cinco um zero cinco um zero cinco"),
    ],
)
def test_a_card_question_in_spanish_portuguese_or_french_opens_a_pci_window(
    engine: Engine, question: str, answer: str
) -> None:
    """The first half of a card said alone after the question validates as nothing: only the
    window redacts it."""
    doc = call((AGENT, question), (CUSTOMER, answer), (AGENT, "ajá"))
    got = found(engine, doc)
    assert got[1][0][:2] == ("PAYMENT_CARD", answer)
    assert got[1][0][2].startswith("conversation: PCI window opened in turn[0]")


@pytest.mark.parametrize(
    ("turn", "not_card"),
    [
        ("Veo el cargo duplicado de USD 1,991.40 del 20/10/2024.", "1,991.40"),
        ("Su número de caso es CS-8924039.", "8924039"),
        ("Número de caso CASE-210084.", "210084"),
        ("Folio T92212780.", "92212780"),
        ("Confirmación C415537555.", "415537555"),
        ("Se procesó el 18 de septiembre de 2023.", "2023"),
        ("O código de rastreio é\n9400833415661902392722", "9400833415661902392722"),
        # (a day past the twelfth and its month: no expiry, no code)
        ("Aqui aparece a compra do dia 18/01 às 9:45.", "18/01"),
    ],
)
def test_spanish_and_portuguese_amounts_references_and_dates_in_a_window_are_no_card_data(
    engine: Engine, turn: str, not_card: str
) -> None:
    # (the customer's words open the window: the agent's numbers after them are read in it)
    doc = call((CUSTOMER, "hi I need help with my card"), (AGENT, turn), (CUSTOMER, "ok"))
    assert not any(not_card in value for _, value, _ in found(engine, doc).get(1, []))
    # (and a number with no such words before it is still redacted there)
    doc = call((CUSTOMER, "hi I need help with my card"), (AGENT, "Veo 42743502."))
    assert found(engine, doc)[1][0][:2] == ("PAYMENT_CARD", "42743502")


def test_a_run_longer_than_any_card_is_no_expiry_after_an_expiry_question(engine: Engine) -> None:
    """A parcel's tracking number after the expiry was named is no card datum at all."""
    doc = call(
        (CUSTOMER, "Paguei com o cartão 4012-8888-8888-1881,"),
        (CUSTOMER, "validade 8/29. O código de rastreio é"),
        (CUSTOMER, "9400833415661902392722. Obrigado"),
    )
    got = found(engine, doc)
    assert got[0][0][:2] == ("PAYMENT_CARD", "4012-8888-8888-1881")
    assert 2 not in got


@pytest.mark.parametrize(
    ("turns", "entity", "value"),
    [
        # the answer in pieces and set right: only the read-back says the whole routing number
        (
            (
                (AGENT, "What's the nine digit routing number?"),
                (CUSTOMER, "0546 6776... i mean 67790."),
                (AGENT, "Let me read that back: oh five forty six six seven seven nine zero?"),
            ),
            "ABA_ROUTING",
            "oh five forty six six seven seven nine zero",
        ),
        # the question said by the caller, as a diarizer has it, its answer begun in it
        (
            (
                (CUSTOMER, "what's your policy number sure three nine one"),
                (AGENT, "okay keep going"),
                (AGENT, "two oh nine six zero two four nine"),
                (AGENT, "let me read that back three nine one two oh nine six zero two four nine"),
            ),
            "INSURANCE_POLICY",
            "three nine one two oh nine six zero two four nine",
        ),
        # a turn that opens with "so that's" or "just to confirm"
        (
            (
                (AGENT, "what's the mobile number on file?"),
                (CUSTOMER, "ok it's one four six triple five"),
                (AGENT, "yep"),
                (CUSTOMER, "oh one seven oh"),
                # (no valid number: said alone, a valid one is a phone by its digits)
                (AGENT, "so that's one four six triple five oh one seven oh correct?"),
            ),
            "PHONE",
            "one four six triple five oh one seven oh",
        ),
        (
            (
                (AGENT, "When does the card expire?"),
                (CUSTOMER, "Uh, it should be September 2027."),
                (AGENT, "Just to confirm, 09 27?"),
            ),
            "CARD_EXPIRY",
            "09 27",
        ),
        # a read-back asked as a question
        (
            (
                (AGENT, "And your date of birth?"),
                (CUSTOMER, "Nineteen eighty nine, March the twenty third."),
                (AGENT, "Sorry, was that three twenty three eighty nine?"),
            ),
            "DATE_OF_BIRTH",
            "three twenty three eighty nine",
        ),
        # an address's, after a question for it with no "number" in it
        (
            (
                (AGENT, "And what's the mailing address?"),
                (CUSTOMER, "Ninety two north cedar glen port christopher one nine six three one."),
                (AGENT, "Just to confirm ninety two north cedar glen did I get that right."),
            ),
            "STREET_ADDRESS",
            "ninety two north cedar glen",
        ),
    ],
)
def test_a_value_read_back_after_a_cue_is_read_with_its_question(
    engine: Engine, turns: tuple[tuple[str, str], ...], entity: str, value: str
) -> None:
    """A read-back that repeats no value found in the call (its answer was said in pieces, set
    right or misheard) is read with the question for it: the question says what it is."""
    got = found(engine, call(*turns))
    last = len(turns) - 1
    assert (entity, value) in [(e, said) for e, said, _ in got[last]]
    assert any(r.startswith("conversation: read back after the question") for *_, r in got[last])


@pytest.mark.parametrize(
    "turn",
    [
        "Okay, I have a payment of $133.23 to the card ending 1111.",
        "I have the order number, it's six nine oh two four two.",
        "So that's 170 dollars even.",
    ],
)
def test_a_turn_that_opens_like_a_read_back_but_reads_back_no_value(
    engine: Engine, turn: str
) -> None:
    doc = call(
        (AGENT, "Can I get the account number?"),
        (CUSTOMER, "yes it's 4417 2209 81"),
        (AGENT, "Thanks. How much would you like to pay today?"),
        (CUSTOMER, "the full balance"),
        (AGENT, turn),
    )
    got = found(engine, doc)
    assert got[1][0][0] == "BANK_ACCOUNT"
    assert not [f for f in got.get(4, []) if f[0] not in ("CARD_LAST4",)]


def test_a_piece_of_a_card_after_a_filler_and_its_comma_goes_on_in_unlabelled_lines(
    engine: Engine,
) -> None:
    """An unlabelled transcript is read line by line when a number seems to go on from one
    line to the next: after a filler and its comma too ("uh, oh five ...")."""
    text = (
        "go ahead with the card number when you're ready.\n"
        "okay, it's five one zero five one oh five one.\ngo ahead.\n"
        "uh, oh five one oh fifty one hundred.\nthe expiration month and year."
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert found_here == [
        ("PAYMENT_CARD", "five one zero five one oh five one"),
        ("PAYMENT_CARD", "oh five one oh fifty one hundred"),
    ]
    # a form's lines, a city and its state with a comma before a ZIP, are no utterances
    form = (
        "Billing address ...........: 5686 Cole Streets Suite 068\n"
        "                              Debrahaven, FL 91355\n"
        "Daytime phone .............: 6145550194 ext. 1985\n"
        "Received by M. Allen - fax to (800) 555-0124\n"
    )
    assert "CARD_CVV" not in {f.entity.name for f in scan_text(form, engine)}


def test_a_time_span_between_a_code_and_its_answer_answers_nothing(engine: Engine) -> None:
    """ "valid for 10 min" says no code: the code the customer sends next answers the cue."""
    text = (
        "[09/05/2025, 11:11:38] Keystone Support: Thanks. I've sent a 6-digit code to the "
        "number on file, it's valid for 10 min. Please reply with it.\n"
        "[09/05/2025, 11:23:53] Dana Whitfield: 807751"
    )
    assert ("ONE_TIME_CODE", "807751") in [
        (f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)
    ]
    # a number that is no time span still answers it
    said = text.replace("valid for 10 min", "valid for code 10")
    assert "ONE_TIME_CODE" not in {f.entity.name for f in scan_text(said, engine)}


def test_the_middle_of_a_read_back_set_right_is_that_value(engine: Engine) -> None:
    """ "no no, the middle part is three five": two digits, one off the middle of the number the
    agent read back, are the value's own."""
    text = (
        "Agent: and your social?\n"
        "Customer: okay, five ate for thirty five forty six twenty two, yeah.\n"
        "Agent: just to confirm, five eight four three two forty six twenty two, correct?\n"
        "Customer: no no, the middle part is three five.\nAgent: got it."
    )
    found_here = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("US_SSN", "three five") in found_here
    # two digits said after no read-back's middle are no piece of it
    other = text.replace("the middle part is three five", "i have three kids")
    assert [v for e, v in found_here if e == "US_SSN"][:2] == [
        v
        for e, v in ((f.entity.name, other[f.start : f.end]) for f in scan_text(other, engine))
        if e == "US_SSN"
    ]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        (
            "Agent: What street did you grow up on?\nCaller: Yeah, it's Lawrence.\n"
            "Caller: That's L A W R E N C E.\nAgent: Thanks.",
            "L A W R E N C E",
        ),
        (
            "agent: who am i speaking with\ncaller: kevin banks\nagent: can you spell that\n"
            "caller: b, a, n, k, s",
            "b, a, n, k, s",
        ),
    ],
)
def test_a_name_or_an_answer_found_as_a_word_is_found_spelled_after_it(
    engine: Engine, text: str, spelled: str
) -> None:
    """The letters said one by one after a value found as a word are that value: the
    spelling alone, after no question for a spelling, no detector reads."""
    assert spelled in [text[f.start : f.end] for f in scan_text(text, engine)]


def test_letters_that_spell_no_value_found_are_no_value(engine: Engine) -> None:
    text = (
        "Agent: What street did you grow up on?\nCaller: Yeah, it's Lawrence.\n"
        "Caller: the form said n o n e.\nAgent: Thanks."
    )
    assert [text[f.start : f.end] for f in scan_text(text, engine)] == ["Lawrence"]


def test_a_telephone_number_written_as_one_is_no_card_datum(engine: Engine) -> None:
    # a letter that mentions an expired card: its company's line after it, written as a
    # telephone number is, is no expiry date inside a PCI window
    letter = (
        "Fabrikam Insurance\nClaims Department\nPO Box 2279\nHartford, CT 06102\n"
        "April 14, 2025\n\nDear Ms. Compton,\n\n"
        "Because the JCB card ending in 0505 has expired, the payment will be sent by direct"
        " deposit within 8 business days.\n\n"
        "If anything here is incorrect, call (888) 555-0124 or write to care@fabrikam.example.\n"
    )
    found = {letter[f.start : f.end] for f in scan_text(letter, engine)}
    assert "0505" in found
    assert not found & {"888", "555-0124", "(888) 555-0124"}
    # (said in a call, the same digits after the card are still card data)
    call = (
        "agent: can i get the card number\ncustomer: 4111 1111 1111 1111\n"
        "agent: and the expiration\ncustomer: 08 28\n"
    )
    assert "08 28" in {call[f.start : f.end] for f in scan_text(call, engine)}


def test_a_code_named_without_a_number_word_is_the_question_for_its_pieces(
    engine: Engine,
) -> None:
    # the agent names the code ("one time passcode") without asking for a number; an IVR's
    # menu before it ("for account services press one ... press zero") is no question for it
    doc = call(
        ("ivr", "for account services press one for technical support press zero"),
        (AGENT, "i've sent a one time passcode to the email on file"),
        (CUSTOMER, "okay it's oh six six"),
        (AGENT, "right"),
        (CUSTOMER, "um eight two eight"),
    )
    got = found(engine, doc)
    assert [(e, said) for e, said, _ in got[2]] == [("ONE_TIME_CODE", "oh six six")]
    assert [(e, said) for e, said, _ in got[4]] == [("ONE_TIME_CODE", "eight two eight")]


def test_a_speaker_s_own_words_before_a_number_in_pieces_say_what_it_is(engine: Engine) -> None:
    # the caller names the value; the agent's last question was for something else, and an
    # error code said before ("error code four two oh") is no question for it
    doc = call(
        (AGENT, "i'm seeing error code four two oh on your line"),
        (AGENT, "can i get the billing address"),
        (CUSTOMER, "it's five forty four hannah corners"),
        (CUSTOMER, "oh and before i go can you update my phone number"),
        (CUSTOMER, "it's seven oh two"),
        (AGENT, "alright"),
        (CUSTOMER, "double five five oh one seven two"),
    )
    got = found(engine, doc)
    assert [(e, said) for e, said, _ in got[4]] == [("PHONE", "seven oh two")]
    assert ("PHONE", "double five five oh one seven two") in [(e, s) for e, s, _ in got[6]]
    # (the same turns without the caller's words for it: no phone number)
    bare = call(*[t for i, t in enumerate(doc_turns(doc)) if i != 3])
    assert "PHONE" not in {e for turn in found(engine, bare).values() for e, _, _ in turn}


def doc_turns(doc: Document) -> list[tuple[str, str]]:
    return [(s.speaker, s.text) for s in doc.segments]


def test_an_iban_asked_for_as_speech_to_text_writes_it_is_one_over_turns(engine: Engine) -> None:
    doc = call(
        (AGENT, "okay go ahead with the i ban"),
        (CUSTOMER, "b r seven two"),
        (AGENT, "uh huh"),
        (CUSTOMER, "seven oh oh four triple seven five uh three two eight six seven five three"),
        (CUSTOMER, "four four five four oh four oh six"),
    )
    got = found(engine, doc)
    assert [e for e, _, _ in got[1]] == ["IBAN"]
    assert [e for e, _, _ in got[3]] == ["IBAN"]
    # (asked for by its written name, the same)
    written = call(*[(who, said.replace("i ban", "iban")) for who, said in doc_turns(doc)])
    assert [e for e, _, _ in found(engine, written)[3]] == ["IBAN"]


def test_a_markdown_quote_s_speakers_are_a_transcript_s(engine: Engine) -> None:
    # "> **Leon:** ..." with quote-only lines between the turns: the phone number said in two
    # turns and the loyalty number read back in pieces are found, as without the quote
    turns = [
        ("Ann", "Can you confirm the phone number on the account?"),
        ("Leon", "I have it right here, 734-555"),
        ("Ann", "Okay."),
        ("Leon", "Um, 0147."),
        ("Ann", "Can I get the loyalty number?"),
        ("Leon", "6354857760."),
        ("Ann", "Okay, so that's 6354, 8577, 60, correct?"),
    ]
    notes = "# Call notes\n\n## Summary\n- Caller: Leon Boer\n- Exp: 09/29\n\n## Transcript\n\n"
    quoted = notes + "\n>\n".join(f"> **{who}:** {said}" for who, said in turns) + "\n"
    got = {(f.entity.name, quoted[f.start : f.end]) for f in scan_text(quoted, engine)}
    assert {("PHONE", "734-555"), ("PHONE", "0147")} <= got
    assert ("CUSTOMER_NUMBER", "6354, 8577, 60") in got


def test_a_date_of_birth_asked_for_in_parts_is_one_in_each_answer(engine: Engine) -> None:
    year_first = call(
        (AGENT, "what year were you born"),
        (CUSTOMER, "nineteen ninety seven"),
        (AGENT, "and the month and day"),
        (CUSTOMER, "june nineteenth"),
    )
    got = found(engine, year_first)
    assert [(e, said) for e, said, _ in got[3]] == [("DATE_OF_BIRTH", "june nineteenth")]
    assert got[3][0][2].startswith("conversation: a part of the date of birth")
    day_first = call(
        (AGENT, "and your d o b"),
        (CUSTOMER, "uhm fourteen july"),
        (AGENT, "year please"),
        (CUSTOMER, "nineteen sixty three"),
    )
    got = found(engine, day_first)
    assert [(e, said) for e, said, _ in got[1]] == [("DATE_OF_BIRTH", "fourteen july")]
    assert [(e, said) for e, said, _ in got[3]] == [("DATE_OF_BIRTH", "nineteen sixty three")]
    # (a year asked for that is no part of the birth date: none)
    other = call(
        (AGENT, "what is your date of birth"),
        (CUSTOMER, "march fifth nineteen fifty"),
        (AGENT, "and what year did you open the account"),
        (CUSTOMER, "two thousand nine"),
    )
    assert 3 not in found(engine, other)


def test_a_birth_date_without_a_number_run_is_read_with_its_question_in_a_subtitle(
    engine: Engine,
) -> None:
    # (a subtitle's timing line between the question and the answer: the answer is read with
    # the question, and the day and month said in words are no number run)
    vtt = (
        "WEBVTT\n\n00:23.885 --> 00:25.068\n<v Agent>and your date of birth\n\n"
        "00:26.587 --> 00:27.685\n<v Caller>uhm fourteen july\n"
    )
    found_ = {(f.entity.name, vtt[f.start : f.end]) for f in scan_text(vtt, engine)}
    assert ("DATE_OF_BIRTH", "fourteen july") in found_
