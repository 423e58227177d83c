"""A call kept as JSON records inside a log's lines, read as a labelled transcript and mapped
back. All values are synthetic: published test cards, reserved 555-01xx numbers."""

from __future__ import annotations

from callshield import Engine
from callshield.core.json_records import record_reading
from callshield.pipeline import scan_text

#: A log aggregator's query, newest first: each line a time stamp, the stream's labels and a
#: JSON record. The card is said over two turns, eight digits each.
LOKI = "\n".join(
    [
        '2024/12/01 14:23:17 Common labels: {app="cc-transcriber", call_id="c993389"}',
        '2024-12-01T14:13:17.699Z {speaker="agent"} {"seg":6,"text":"Thank you, got it."}',
        '2024-12-01T14:13:12.754Z {speaker="customer"} {"seg":5,"text":"And 0000-0005."}',
        '2024-12-01T14:13:08.912Z {speaker="agent"} {"seg":4,"text":"Mm-hm."}',
        '2024-12-01T14:13:06.944Z {speaker="customer"} {"seg":3,"text":"6200 0000..."}',
        '2024-12-01T14:13:02.711Z {speaker="agent"} {"seg":2,"text":"Go ahead with the card'
        " number when you're ready.\"}",
        '2024-12-01T14:13:01.255Z {speaker="agent"} {"seg":1,"text":"Thanks for calling."}',
    ]
)

#: Records run together with nothing between them, as a delivery stream writes them.
FIREHOSE = (
    '{"callId":"9986","seq":0,"participantRole":"AGENT","content":"Go ahead with the card'
    ' number."}{"callId":"9986","seq":1,"participantRole":"CUSTOMER","content":"6011 1111..."}'
    '{"callId":"9986","seq":2,"participantRole":"AGENT","content":"Okay."}'
    '{"callId":"9986","seq":3,"participantRole":"CUSTOMER","content":"And 1111 1117."}'
)

#: A realtime voice API's events: the event's type says whose the transcript is; escapes in the
#: strings.
REALTIME = "\n".join(
    [
        '2025-09-09T08:46:02.000Z <- {"type":"session.created","session":{"id":"sess_1"}}',
        '2025-09-09T08:46:05.318Z <- {"type":"response.audio_transcript.done",'
        '"transcript":"Please read me the card number.\\n"}',
        '2025-09-09T08:46:58.618Z <- {"type":"conversation.item.input_audio_transcription'
        '.completed","transcript":"three seven one four four nine six three five three nine'
        ' eight four three one.\\n"}',
        '2025-09-09T08:47:00.492Z <- {"type":"response.audio_transcript.done",'
        '"transcript":"Thank you, that\\u2019s the Amex."}',
    ]
)

#: A bot's reply streamed a token a record, one turn; the caller's prompt a record of its own.
STREAMED = "\n".join(
    [
        '2024-08-23T09:15:10.884Z >> {"type":"text","token":"First and last ","last":false}',
        '2024-08-23T09:15:11.084Z >> {"type":"text","token":"name for me?","last":true}',
        '2024-08-23T09:15:25.379Z << {"type":"prompt","voicePrompt":"Yeah, it\'s Dana'
        ' Whitfield.","last":true}',
        '2024-08-23T09:15:26.362Z >> {"type":"text","token":"Thanks, Dana.","last":true}',
    ]
)


def _found(text: str) -> set[tuple[str, str]]:
    return {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, Engine())}


def test_newest_first_log_read_in_time_order_and_the_split_card_found() -> None:
    reading = record_reading(LOKI)
    assert reading is not None
    lines = reading.transcript.split("\n")
    assert lines[0] == "agent: Thanks for calling."
    assert lines[2] == "customer: 6200 0000..."
    assert lines[4] == "customer: And 0000-0005."
    at = reading.transcript.index("0000-0005")
    (span,) = reading.to_raw([(at, at + 9)])[0:1]
    assert [LOKI[lo:hi] for lo, hi in span] == ["0000-0005"]
    found = _found(LOKI)
    assert ("PAYMENT_CARD", "6200 0000") in found
    assert ("PAYMENT_CARD", "0000-0005") in found


def test_records_run_together_are_turns() -> None:
    found = _found(FIREHOSE)
    assert ("PAYMENT_CARD", "6011 1111") in found
    assert ("PAYMENT_CARD", "1111 1117") in found


def test_event_types_name_the_speakers_and_escapes_map_to_the_whole_string() -> None:
    reading = record_reading(REALTIME)
    assert reading is not None
    assert reading.transcript.startswith("agent: Please read me the card number.")
    lines = reading.transcript.split("\n")
    assert any(line.startswith("caller: three seven one four") for line in lines)
    assert "that’s the Amex" in reading.transcript
    spoken = REALTIME.index("three seven one")
    found = scan_text(REALTIME, Engine())
    card = [f for f in found if f.entity.name == "PAYMENT_CARD"]
    assert card and card[0].start <= spoken and card[0].end > spoken + 60


def test_a_streamed_reply_is_one_turn() -> None:
    reading = record_reading(STREAMED)
    assert reading is not None
    assert reading.transcript.split("\n")[:2] == [
        "out: First and last name for me?",
        "in: Yeah, it's Dana Whitfield.",
    ]
    assert ("PERSON", "Dana Whitfield") in _found(STREAMED)


def test_a_bulk_request_between_the_records() -> None:
    bulk = "POST _bulk\n" + "\n".join(
        f'{{"index":{{"_index":"cc-transcripts-2024.09.14","_id":"c1-{k}"}}}}\n'
        f'{{"call_id":"c1","seq":{k},"speaker":"{who}","text":"{said}"}}'
        for k, (who, said) in enumerate(
            [
                ("agent", "Can I get the card number?"),
                ("customer", "Okay, it's 5105-1051..."),
                ("agent", "Mm-hm."),
                ("customer", "And 0510-5100."),
            ]
        )
    )
    found = _found(bulk)
    assert ("PAYMENT_CARD", "5105-1051") in found
    assert ("PAYMENT_CARD", "0510-5100") in found


def test_no_call_in_a_queue_of_many_senders_or_too_few_records() -> None:
    queue = "\n".join(
        f'{{"event":"ticket.note","from":"{who}","body":"app says i have 0 points. zip 6277{k}"}}'
        for k, who in enumerate(["ann@example.com", "Bo", "Cy", "Di", "Ed", "Flo"])
    )
    assert record_reading(queue) is None
    assert record_reading('{"speaker":"a","text":"hi"}\n{"speaker":"b","text":"hello"}') is None
    assert record_reading("no records here") is None


def test_a_percent_is_no_security_code_in_a_card_window() -> None:
    text = (
        "customer: trying to make a payment. zipcode 85056 CVC 079\n"
        "agent: Enroll in autopay for 12.5% off. Your case number is 528095981.\n"
    )
    found = _found(text)
    assert ("CARD_CVV", "079") in found
    assert not any(value.startswith("12.5") for _, value in found)


def test_an_airlines_flight_is_no_card_datum() -> None:
    text = (
        "agent: Go ahead with the card number.\n"
        "customer: 4111 1111 1111 1111.\n"
        "agent: Thank you.\n"
        "customer: I was booked on delta three hundred fifty eight.\n"
    )
    found = _found(text)
    assert ("PAYMENT_CARD", "4111 1111 1111 1111") in found
    assert not any("three hundred" in value for _, value in found)


def test_a_logs_key_value_fields_are_records_too() -> None:
    log = "\n".join(
        f"2024-02-25T11:53:{k:02d}.000Z stt-tap[7502] INFO call=f4ce ch={ch} final=true"
        f' conf=0.7 text="{said}"'
        for k, (ch, said) in enumerate(
            [
                (0, "Thank you for calling. Can I get the card number?"),
                (1, "Sure, it's 5555-5555..."),
                (0, "Mm-hm."),
                (1, "5555 4444."),
            ]
        )
    )
    reading = record_reading(log)
    assert reading is not None
    assert reading.transcript.split("\n")[1] == "speaker 1: Sure, it's 5555-5555..."
    found = _found(log)
    assert ("PAYMENT_CARD", "5555-5555") in found
    assert ("PAYMENT_CARD", "5555 4444") in found


def test_an_ivrs_prompts_and_the_digits_keyed_after_them() -> None:
    """A voice API's log: the IVR's prompts as `talk` actions, the caller's keyed digits and
    what the recogniser heard as inputs. Read as the caller's turns after the IVR's, the
    account number keyed after its prompt is found."""
    log = "\n".join(
        [
            '2025-03-15T13:30:27Z NCCO [{"action":"talk","text":"Thanks for calling.","bargeIn"'
            ":true}]",
            '2025-03-15T13:30:41Z NCCO [{"action":"talk","text":"Please enter your account'
            ' number, followed by the pound key."}]',
            '2025-03-15T13:30:50Z POST /webhooks/input {"speech":{"results":[]},"dtmf":'
            '{"digits":"210956988","timed_out":false}}',
            '2025-03-15T13:30:51Z NCCO [{"action":"talk","text":"Please say your zip code."}]',
            '2025-03-15T13:31:02Z POST /webhooks/input {"speech":{"results":[{"text":"four nine'
            ' nine two two","confidence":"0.91"}]}}',
        ]
    )
    reading = record_reading(log)
    assert reading is not None
    assert reading.transcript.split("\n")[2:] == [
        "caller: 210956988",
        "agent: Please say your zip code.",
        "caller: four nine nine two two",
    ]
    found = _found(log)
    assert ("BANK_ACCOUNT", "210956988") in found
    assert ("US_ZIP", "four nine nine two two") in found


def test_keypad_tones_are_read_after_what_the_ivr_collected() -> None:
    """Azure Communication Services' events: the caller's keypad tones, a word each, under
    the operation that collected them, and the live transcription's participants (a phone
    line is the caller's)."""
    events = "\n".join(
        [
            "# POST /api/callbacks (Call Automation mid-call events)",
            '{"type":"Microsoft.Communication.RecognizeCompleted","data":{"operationContext":'
            '"collect-pin","recognitionType":"dtmf","dtmfResult":{"tones":["five","zero","one",'
            '"three","pound"]}}}',
            '{"kind":"TranscriptionData","transcriptionData":{"text":"Thanks, how can I help?",'
            '"participantRawID":"8:acs:1764a2a5"}}',
            '{"kind":"TranscriptionData","transcriptionData":{"text":"I need a payoff quote.",'
            '"participantRawID":"4:+14045550191"}}',
        ]
    )
    reading = record_reading(events)
    assert reading is not None
    assert reading.transcript.split("\n") == [
        "caller: collect pin five zero one three pound",
        "agent: Thanks, how can I help?",
        "caller: I need a payoff quote.",
    ]
    found = scan_text(events, Engine())
    pin = [events[f.start : f.end] for f in found if f.entity.name == "PIN"]
    assert pin == ["five", "zero", "one", "three"]
