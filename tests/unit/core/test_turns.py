"""Speaker turns in plain text: which texts are labelled transcripts, and the exact turn spans."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.turns import csv_turns, field_turns, layout_turns, role_lines, speaker_turns
from callshield.pipeline import scan_text


def turns(text: str) -> list[tuple[str, int, str]]:
    return [(t.speaker, t.line, text[t.start : t.end]) for t in speaker_turns(text)]


def test_labels_open_turns_and_unlabelled_lines_continue_them() -> None:
    text = (
        "Call 8841 transcript\n"
        "Agent: Thanks for calling, can I get the card number?\n"
        "Customer: sure it's 4532 0151\n"
        "and then 1283 0366\n"
        "\n"
        "AGENT: got it\n"
    )
    assert turns(text) == [
        ("agent", 2, "Thanks for calling, can I get the card number?"),
        ("customer", 3, "sure it's 4532 0151\nand then 1283 0366"),
        ("agent", 6, "got it"),
    ]


@pytest.mark.parametrize(
    ("line", "speaker", "said"),
    [
        ("[00:01:23] Agent: hello", "agent", "hello"),
        ("00:01:23.5 - Customer: yes", "customer", "yes"),
        ("(10:02 AM) Sarah: hi there", "sarah", "hi there"),
        ("10:02 am Speaker 2: okay", "speaker 2", "okay"),
        ("Maria (agent): one moment", "maria (agent)", "one moment"),
        ("  caller:\tfour one one one", "caller", "four one one one"),
        ("[2025-10-13T18:22:49.108Z] Customer: tree one", "customer", "tree one"),
        # (a stereo call's channels merged: a time range, the channel, a mark of overlap)
        ("[00:28.451-00:31.287] ch1 CALLER: three six", "ch1 caller", "three six"),
        ("[01:47.704-01:49.465] ch1 CALLER <overlap>: yes", "ch1 caller", "yes"),
        # (Whisper's diarized segments: the range with an arrow)
        (
            "[00:34.480 --> 00:35.623] SPEAKER_01: zero two five...",
            "speaker_01",
            "zero two five...",
        ),
    ],
)
def test_label_forms(line: str, speaker: str, said: str) -> None:
    text = f"{line}\nAgent: next\n"
    assert turns(text)[0] == (speaker, 1, said)


@pytest.mark.parametrize(
    "text",
    [
        "Hello,\n\nThis is a follow-up on ticket INC8282794.\n\nSincerely,\nJane",
        "See https://example.com/a and meet at 10:30 tomorrow.\nThanks: none of this is a turn",
        "Agent: only one labelled line\nthen prose\nand more prose\nand still more",
        "".join(f"Field{i}: value {i}\n" for i in range(13)),  # a key-value list, not speakers
        "",
    ],
    ids=["email", "url-and-time", "one-label-in-prose", "thirteen-labels", "empty"],
)
def test_texts_that_are_not_labelled_transcripts(text: str) -> None:
    assert speaker_turns(text) == ()


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        ("[CALLER] sure, it's one nine\n[AGENT] next", "caller", "sure, it's one nine"),
        ("[spk_1] yes\n[spk_0] next", "spk_1", "yes"),
        ("AGT> AND THE ZIP CODE?\nCUS> NINE", "agt", "AND THE ZIP CODE?"),
        # a diarizing recogniser's export: the label, the time, two blanks
        (
            "SPEAKER_00 1:11  qual o número do cartão?\nSPEAKER_01 1:15  cinco um zero",
            "speaker_00",
            "qual o número do cartão?",
        ),
        ("Agent 0:02\tthe zip?\nCaller 0:05\tnine one", "agent", "the zip?"),
    ],
)
def test_labels_in_brackets_and_before_a_chevron(text: str, speaker: str, said: str) -> None:
    assert turns(text)[0] == (speaker, 1, said)


def test_each_utterance_s_number_above_its_label_is_no_part_of_a_turn() -> None:
    text = "1\n[AGENT] and the zip?\n\n2\n[CALLER] one nine three\n\n3\n[AGENT] thanks"
    assert turns(text) == [
        ("agent", 2, "and the zip?"),
        ("caller", 5, "one nine three"),
        ("agent", 8, "thanks"),
    ]
    # a turn whose last line is digits alone keeps them where the turns are not so numbered
    said = "[CALLER] my card is 4111 1111\n1111\n[AGENT] go on\n[CALLER] 1111"
    assert turns(said)[0] == ("caller", 1, "my card is 4111 1111\n1111")


def test_a_chat_writer_in_brackets_above_the_time_is_no_bracketed_label() -> None:
    text = "[Mary Lamb] 10:51:16\nhi there\n\n[Nick Ro] 10:51:19\nhello\n"
    assert speaker_turns(text) == ()


def test_a_label_needs_a_blank_after_its_colon() -> None:
    assert turns("Agent:hi\nCustomer:there\n") == []
    assert turns("Agent:\nhi\nCustomer: there\n") == [("agent", 1, "hi"), ("customer", 3, "there")]


def test_turn_spans_never_hold_a_label_or_the_line_break_before_the_next_turn() -> None:
    text = "Agent: a\r\n\r\nCustomer: b c\r\nAgent: d"
    found = speaker_turns(text)
    assert [text[t.start : t.end] for t in found] == ["a", "b c", "d"]
    assert all(":" not in text[t.start : t.end] for t in found)


def test_unlabelled_lines_are_turns_only_where_a_number_goes_on_to_the_next_line() -> None:
    from callshield.core.turns import utterance_lines

    text = "my card is four one one one\n\nmhm\none one one one\nthanks"
    assert [(t.speaker, t.line, text[t.start : t.end]) for t in utterance_lines(text)] == [
        ("", 1, "my card is four one one one"),
        ("", 3, "mhm"),
        ("", 4, "one one one one"),
        ("", 5, "thanks"),
    ]
    assert utterance_lines("card is 4111 1111\r\n1111 1111")
    for text in ("no number here\nor here", "one line 4111 1111", "4111\nthen words\nand more"):
        assert utterance_lines(text) == (), text


def test_a_text_of_more_lines_than_a_call_is_no_unlabelled_transcript() -> None:
    from callshield.core.turns import MAX_UTTERANCES, utterance_lines

    call = "card is 4111 1111\n1111 1111\n"
    assert utterance_lines(call + "ok\n" * (MAX_UTTERANCES - 3))
    assert utterance_lines(call + "ok\n" * MAX_UTTERANCES) == ()


def test_a_form_of_fields_is_no_transcript() -> None:
    # each label once, none a speaker's role: fields, not turns (a PCI window opened at
    # "Expiry:" took the DOB and the flight number for card data)
    assert (
        speaker_turns("Passport: 488839667 Expiry: 14AUG2030\nDOB: 02MAR1985\nFlight AA1234") == ()
    )
    assert len(speaker_turns("Agent: your card number?\nCustomer: 4111 1111")) == 2
    assert len(speaker_turns("John: the card?\nMary: 4111 1111\nJohn: ok\nMary: 1111 1111")) == 4


# --- transcripts laid out a turn a line after a prefix, and subtitle cues --------------------


def laid_out(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, text[t.start : t.end]) for t in layout_turns(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "start\tend\tspeaker\ttranscript\n2.95\t9.25\tA\tcan i get your name\n"
            "10.78\t13.50\tB\tian gregory\n15.05\t17.71\tA\tthanks\n",
            [("A", "can i get your name"), ("B", "ian gregory"), ("A", "thanks")],
        ),
        (
            "9.5s-12.6s caller | my payment failed\n13.2s-16.0s agent | your name please\n"
            "17.2s-18.8s caller | phillip myers\r\n",
            [
                ("caller", "my payment failed"),
                ("agent", "your name please"),
                ("caller", "phillip myers"),
            ],
        ),
        (
            "ch0 >> may i have the name\nch1 >> davila paul\nch0 >> okay\n",
            [("ch0", "may i have the name"), ("ch1", "davila paul"), ("ch0", "okay")],
        ),
        (
            "- and your full name please\n- derrick moore\n- and is that moore like it sounds",
            [
                ("", "and your full name please"),
                ("", "derrick moore"),
                ("", "and is that moore like it sounds"),
            ],
        ),
        (
            "1\n00:00:02,214 --> 00:00:06,201\nhi how can i help\n\n2\n00:00:06,536 --> 00:00:08,0"
            "00\nmy bill went up\n\n3\n00:00:18,749 --> 00:00:21,359\nyour name please\n",
            [("", "hi how can i help"), ("", "my bill went up"), ("", "your name please")],
        ),
        (
            "Operator - who's calling\nMember - hi my name is laura poole\nOperator - thanks\n",
            [
                ("Operator", "who's calling"),
                ("Member", "hi my name is laura poole"),
                ("Operator", "thanks"),
            ],
        ),
        (
            "    1.72     7.02 spk_0 who do i have the pleasure of speaking with\n"
            "    8.36     9.66 spk_1 yeah it's agnès\n   10.30    12.09 spk_0 and your last name\n",
            [
                ("spk_0", "who do i have the pleasure of speaking with"),
                ("spk_1", "yeah it's agnès"),
                ("spk_0", "and your last name"),
            ],
        ),
        (
            "[00:00:08.510 --> 00:00:11.111] [SPK_0] hi yeah my name is kristen white\n"
            "[00:00:11.518 --> 00:00:14.388] [SPK_1] could you spell your last name\n"
            "[00:00:15.843 --> 00:00:16.559] [SPK_0] w-h-i-t-e\n",
            [
                ("SPK_0", "hi yeah my name is kristen white"),
                ("SPK_1", "could you spell your last name"),
                ("SPK_0", "w-h-i-t-e"),
            ],
        ),
        (
            "0:15 | Bradley Thompson\nHow do you spell the last name?\n\n0:20 | James Edwards\n"
            "e d w a r d s.\n\n0:24 | Bradley Thompson\nWas that e as in echo\n",
            [
                ("Bradley Thompson", "How do you spell the last name?"),
                ("James Edwards", "e d w a r d s."),
                ("Bradley Thompson", "Was that e as in echo"),
            ],
        ),
        (
            '2025-11-04 08:41:15.438 INFO [agent-desk 41e1] AGENT_UTTERANCE text="your zip?"\n'
            '2025-11-04 08:41:18.461 INFO [mix-asr 41e1] ASR_RESULT conf=0.62 text="nine oh two"\n'
            '2025-11-04 08:41:21.250 INFO [agent-desk 41e1] AGENT_UTTERANCE text="thanks"\n',
            [
                ("AGENT_UTTERANCE", 'your zip?"'),
                ("ASR_RESULT", 'nine oh two"'),
                ("AGENT_UTTERANCE", 'thanks"'),
            ],
        ),
    ],
    ids=[
        "tsv",
        "time-range-bar",
        "arrows",
        "dashes",
        "srt",
        "role-dash",
        "blank-times",
        "bracketed-range-and-speaker",
        "time-bar-speaker-above",
        "log-lines-text",
    ],
)
def test_line_layouts_give_each_line_as_a_turn(text: str, expected: list[tuple[str, str]]) -> None:
    assert laid_out(text) == expected


def test_a_labels_time_after_the_speaker_is_no_part_of_the_name_or_the_turn() -> None:
    """ "Customer 00:28: six six six...": the speaker is "Customer", the turn "six six
    six..." (the time's digits are none said)."""
    text = (
        "Agent 00:24: Can you give me your Social Security number?\n"
        "Customer 00:28: six six six...\nAgent 00:29: Okay, go on.\n"
    )
    assert [(t.speaker, text[t.start : t.end]) for t in speaker_turns(text)] == [
        ("agent", "Can you give me your Social Security number?"),
        ("customer", "six six six..."),
        ("agent", "Okay, go on."),
    ]


def test_a_data_frames_rows_printed_aligned_are_turns() -> None:
    """pandas' `to_string()` of a call: the index, the start and the end, the speaker, then
    the words; the fields are no part of a turn."""
    frame = (
        "     start     end   speaker  text\n"
        "12   49.38   53.13     agent  can i get the brokerage account number please\n"
        "13   54.09   56.13  customer  okay um it's seven nine oh seven\n"
        "14   57.47   58.27     agent  okay\n"
        "15   58.69   59.83  customer  six six seven four\n"
    )
    assert [(t.speaker, frame[t.start : t.end]) for t in layout_turns(frame)] == [
        ("agent", "can i get the brokerage account number please"),
        ("customer", "okay um it's seven nine oh seven"),
        ("agent", "okay"),
        ("customer", "six six seven four"),
    ]
    found = [(f.entity.name, frame[f.start : f.end]) for f in scan_text(frame, Engine())]
    assert found == [
        ("BANK_ACCOUNT", "seven nine oh seven"),
        ("BANK_ACCOUNT", "six six seven four"),
    ]


def test_youtube_sbv_cues_are_turns_without_their_times() -> None:
    """SBV writes a cue's start and end on one line, the hour in one digit and milliseconds
    ("0:01:51.514,0:01:54.956"): those lines are no turns, and no part of one."""
    sbv = (
        "0:01:46.864,0:01:49.506\n>> what number should we reach you at\n\n"
        "0:01:51.514,0:01:54.956\n>> it's six 1 five triple five zero one five zero\n\n"
        "0:01:55.346,0:01:59.153\n>> uh huh\n"
    )
    assert [sbv[t.start : t.end] for t in layout_turns(sbv)] == [
        "what number should we reach you at",
        "it's six 1 five triple five zero one five zero",
        "uh huh",
    ]


def test_a_subtitle_cue_wrapped_over_lines_is_one_turn_and_an_unmarked_cue_goes_on() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n>> Can you verify your date of birth?\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\n>> Yeah, fourteenth january nineteen ninety\nfive.\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\n- And the zip?\n- three one four four\n\n"
        "4\n00:00:07,100 --> 00:00:08,000\nfive.\n"
    )
    turns = layout_turns(srt)
    said = [(srt[t.start : t.end], t.continues) for t in turns]
    assert said == [  # (a voice's mark is no part of what is said)
        ("Can you verify your date of birth?", False),
        ("Yeah, fourteenth january nineteen ninety\nfive.", False),  # wrapped: one turn
        ("And the zip?", False),
        ("three one four four", False),  # another voice's dash: a turn of its own
        ("five.", True),  # no voice's mark, where the others have one: it goes on
    ]
    named = srt.replace(">> Can", "AGENT: Can").replace(">> Yeah", "Caller 2: Yeah")
    assert [t.speaker for t in layout_turns(named)][:2] == ["AGENT", "Caller 2"]
    # where no cue opens with a voice's mark, each cue is a turn of its own
    bare = srt.replace(">> ", "").replace("- ", "")
    assert not any(t.continues for t in layout_turns(bare))


def test_an_unlabelled_call_s_lines_are_its_said_lines_not_a_subtitle_s_times() -> None:
    from callshield.core.turns import utterance_lines

    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nmy card number is four one one one\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\none one one one\n"
    )
    lines = [srt[t.start : t.end] for t in utterance_lines(srt)]
    assert lines == ["my card number is four one one one", "one one one one"]
    # a line of digits alone is said, where no timing line follows it
    grouped = "card number please\n4242 4242\n4242\n4242 4242\n"
    assert "4242" in [grouped[t.start : t.end] for t in utterance_lines(grouped)]


def test_speakers_in_bold_are_labels_and_a_summary_s_bold_fields_are_not() -> None:
    call = (
        "**Reason for call:** Claim status\n\n**Agent:** and the name on the account\n\n"
        "**Customer:** kristin davidson\n\n**Agent:** thanks\n\n**Customer:** sure\n"
    )
    turns = speaker_turns(call)
    assert [(t.speaker, call[t.start : t.end].strip()) for t in turns] == [
        ("agent", "and the name on the account"),
        ("customer", "kristin davidson"),
        ("agent", "thanks"),
        ("customer", "sure"),
    ]


def test_a_list_of_fields_or_a_few_lines_is_no_laid_out_transcript() -> None:
    fields = "- **Order no:** W390073186\n- **Branch:** 54052\n- **Case Id:** CASE-7853\n"
    assert laid_out(fields) == []
    assert laid_out("- one thing\n- another") == []  # two lines: too few
    prose = "- call back\nThe customer asked for a refund and was told\nto wait a week\nthen more\n"
    assert laid_out(prose) == []  # fewer than half of the lines in the layout


def test_laid_out_turns_carry_their_line_numbers() -> None:
    tsv = "start\tend\tspeaker\ttranscript\n1.0\t2.0\tA\thi\n\n"
    tsv += "3.0\t4.0\tB\tyour name\n5.0\t6.0\tA\tok\n"
    assert [t.line for t in layout_turns(tsv)] == [2, 4, 5]
    srt = "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:03,000 --> 00:00:04,000\nyour name\n"
    srt += "\n3\n00:00:05,000 --> 00:00:06,000\nok\n"
    assert [t.line for t in layout_turns(srt)] == [3, 7, 11]


def test_a_chat_or_meeting_export_writes_the_speaker_and_time_on_a_line() -> None:
    from callshield.core.turns import stamped_turns

    text = (
        "Ferguson, Beverly (County Human Services line)   0:52\nAnd the routing number?\n\n"
        "Stephanie Myers   0:55\nRouting is 105...\n\n"
        "[Mary Lamb] 10:51:28\n27638.\n\n"
        "Priya Brennan\n15:14\nssn\n"
    )
    got = [(t.speaker, text[t.start : t.end]) for t in stamped_turns(text)]
    assert got == [
        ("ferguson, beverly (county human services line)", "And the routing number?"),
        ("stephanie myers", "Routing is 105..."),
        ("mary lamb", "27638."),
        ("priya brennan", "ssn"),
    ]
    # (a line of prose that ends in a time after one blank is no speaker's line)
    assert stamped_turns("we open at 9:00\nsee you then\nthe store closes 5:30\nbye\n") == ()


def test_a_role_and_a_time_between_dashes_open_turns() -> None:
    text = (
        "Rep Mary - 0:30 - And a good phone number for you?\n"
        "Caller - 0:34 - My cell is nine one nine...\n"
        "Rep Mary - 0:37 - uh huh\n"
    )
    assert [(s, t) for s, _, t in turns(text)] == [
        ("rep mary", "And a good phone number for you?"),
        ("caller", "My cell is nine one nine..."),
        ("rep mary", "uh huh"),
    ]


def test_a_speaker_and_time_on_their_own_line_then_what_was_said() -> None:
    # (Otter's and Dialpad's exports: the caller may be named by their number)
    text = (
        "Dialpad call transcript\n"
        "Inbound call from 206-555-2913 to Summit Ridge Bank\n\n"
        "Valerie Perez  0:02\nMay I have your name please?\n\n"
        "206-555-2913  0:09\nYeah it's Colette.\n\n"
        "Valerie Perez  0:11\nAnd your last name?\n\n"
        "206-555-2913  0:14\nBos.\n"
    )
    turns = layout_turns(text)
    assert [(t.speaker, text[t.start : t.end]) for t in turns] == [
        ("Valerie Perez", "May I have your name please?"),
        ("206-555-2913", "Yeah it's Colette."),
        ("Valerie Perez", "And your last name?"),
        ("206-555-2913", "Bos."),
    ]
    # (times alone in prose, no speaker's line: none)
    assert layout_turns("we met at  10:30\nand left\nat noon\nthen\n") == []


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        (
            "protobuf text format",
            'conversation_id: "cv-1"\n'
            'segments { role: AGENT offset_ms: 3406 text: "thanks for calling, how can i help" }\n'
            'segments { role: END_USER offset_ms: 9462 text: "hi it\'s about my card" }\n'
            'segments { role: AGENT offset_ms: 13267 text: "the card number please" }\n'
            'segments { role: END_USER offset_ms: 16900 text: "four one one one" }\n',
        ),
        (
            "sql inserts",
            "INSERT INTO call_utterances (call_id, seq, role, ts_ms, body) VALUES\n"
            "(25009, 1, 'agent', 2171, 'thanks for calling, how can i help'),\n"
            "(25009, 2, 'caller', 8978, 'hi it''s about my card'),\n"
            "(25009, 3, 'agent', 10777, 'the card number please'),\n"
            "(25009, 4, 'caller', 15537, 'four one one one');\n",
        ),
        (
            "yaml records",
            'turns:\n  - who: agent\n    at: 1.0\n    said: "thanks for calling, how can i help"\n'
            '  - who: customer\n    at: 9.0\n    said: "hi it\'s about my card"\n'
            '  - who: agent\n    at: 12.4\n    said: "the card number please"\n'
            '  - who: customer\n    at: 16.5\n    said: "four one one one"\n',
        ),
        (
            "subtitle script",
            "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Text\n"
            "Dialogue: 0,0:00:03.92,0:00:10.28,Agent,,0,0,0,,thanks for calling, how can i help\n"
            "Dialogue: 0,0:00:11.75,0:00:14.39,Caller,,0,0,0,,hi it's about my card\n"
            "Dialogue: 0,0:00:16.05,0:00:18.83,Agent,,0,0,0,,the card number please\n"
            "Dialogue: 0,0:00:20.39,0:00:23.39,Caller,,0,0,0,,four one one one\n",
        ),
        (
            "tab-separated scores",
            "turn\tsentiment\tspeaker\toffset_s\ttext\n"
            "1\t-0.83\tAGENT\t1.9\tthanks for calling, how can i help\n"
            "2\t-0.49\tCUSTOMER\t10.8\thi it's about my card\n"
            "3\t-0.24\tAGENT\t15.5\tthe card number please\n"
            "4\t+0.13\tCUSTOMER\t19.1\tfour one one one\n",
        ),
        (
            "xml elements",
            "<transcript>\n"
            '  <u n="1" role="agent" t="3.53">thanks for calling, how can i help</u>\n'
            '  <u n="2" role="caller" t="10.36">hi it\'s about my card</u>\n'
            '  <u n="3" role="agent" t="13.66">the card number please</u>\n'
            '  <u n="4" role="caller" t="17.99">four one one one</u>\n</transcript>\n',
        ),
        (
            "vertical rows",
            "mysql> SELECT seq, speaker, start_ms, utterance FROM utt\\G\n"
            + "".join(
                f"*************************** {n}. row ***************************\n"
                f"      seq: {n}\n  speaker: {who}\n start_ms: {1000 * n}\nutterance: {said}\n"
                for n, (who, said) in enumerate(
                    [
                        ("AGENT", "thanks for calling, how can i help"),
                        ("CUSTOMER", "hi it's about my card"),
                        ("AGENT", "the card number please"),
                        ("CUSTOMER", "four one one one"),
                    ],
                    start=1,
                )
            ),
        ),
        (
            "siem events",
            "".join(
                f"Jun 26 08:22:{10 + n} gw06 CEF:0|Sentrix|Gateway|2.8|300|Transcript segment|2|"
                f"rt=17509261{n}000 cs1=3989d5f7 cs2={who} cn1={n} msg={said}\n"
                for n, (who, said) in enumerate(
                    [
                        ("agent", "thanks for calling, how can i help"),
                        ("customer", "hi it's about my card"),
                        ("agent", "the card number please"),
                        ("customer", "four one one one"),
                    ]
                )
            ),
        ),
    ],
)
def test_a_role_and_what_was_said_in_fields_of_a_line_are_turns(layout: str, text: str) -> None:
    # no reader knows the layout: the role's field and the words' field of each line are read
    turns = layout_turns(text)
    said = [text[t.start : t.end] for t in turns]
    assert said == [
        "thanks for calling, how can i help",
        "hi it''s about my card" if layout == "sql inserts" else "hi it's about my card",
        "the card number please",
        "four one one one",
    ], layout
    assert len({t.speaker for t in turns}) == 2 and all(t.in_field for t in turns)


def test_role_words_in_a_letter_or_a_labelled_transcript_are_no_fields() -> None:
    # a mail that talks about agents and customers; a transcript whose labels are roles
    mail = (
        'The agent said "we will call you back".\nA customer wrote "thanks".\n'
        "Every agent must log calls.\nCustomer care is open 9 to 5.\n"
    )
    assert layout_turns(mail) == []
    labelled = (
        'Agent: hi, "card" please\nCustomer: "four one one one"\n'
        'Agent: and the "expiry"\nCustomer: "oh nine twenty six"\n'
    )
    assert role_lines(labelled) == []


def test_a_table_of_records_with_a_role_s_column_is_no_transcript() -> None:
    # a CRM export: "agent" names a column, its values ("agt4364", "rep1805") are IDs
    table = (
        "case,opened,name,summary,agent,status\n"
        'C933059,10/11/2025,Christine Houston,"cx req refund on ord A97719",agt4364,pending\n'
        'INC4698614,2025-06-11,May Story,"refund issued, card ending 1111",rep1805,open\n'
        'C211633,2025-04-13,"Walker, Bill","spoke w/ bill walker",agt2241,open\n'
        '6347826,2025-04-17,"Harvey, Alison","rtn rcvd store 1055",rep5902,pending\n'
    )
    assert role_lines(table) == []


#: A role-play script written from a call (synthetic: a reserved 555-01xx number), laid out as
#: a screenplay: centred cues, an extension, a parenthetical, dialogue wrapped over lines.
SCRIPT = (
    "Title: Roleplay 31\n\nFADE IN:\n\nINT. CONTACT CENTER - DAY\n\n"
    "An AGENT answers line two.\n\n"
    "                      AGENT\n"
    "          Can I start with your full name?\n\n"
    "                      CALLER (V.O.)\n"
    "          First name Ruben, last name\n"
    "          Contreras.\n\n"
    "                      AGENT\n"
    "          And a good callback number?\n\n"
    "                      CALLER (V.O.)\n"
    "                (sighs)\n"
    "          Yeah, it's two one six, five five\n"
    "          five, oh one one oh.\n\n"
    "CUT TO:\n\n"
)


def test_a_screenplay_s_cues_open_turns_over_their_wrapped_lines() -> None:
    found = [(t.speaker, SCRIPT[t.start : t.end]) for t in layout_turns(SCRIPT)]
    assert found == [
        ("AGENT", "Can I start with your full name?"),
        ("CALLER", "First name Ruben, last name\n          Contreras."),
        ("AGENT", "And a good callback number?"),
        ("CALLER", "Yeah, it's two one six, five five\n          five, oh one one oh."),
    ]


def test_a_screenplay_s_number_wrapped_over_lines_is_redacted_whole() -> None:
    from callshield import Engine
    from callshield.pipeline import scan_text

    found = scan_text(SCRIPT, Engine())
    covered = {i for f in found for i in range(f.start, f.end)}
    said = "two one six, five five\n          five, oh one one oh"
    at = SCRIPT.index(said)
    assert all(SCRIPT[i] in " ,\n" or i in covered for i in range(at, at + len(said)))


def test_capitals_in_prose_are_no_screenplay() -> None:
    memo = (
        "SUMMARY\nCustomer called about a late fee.\n\nACTIONS\nRefund issued.\n\n"
        "NEXT STEPS\nCall back on Monday.\n\nSUMMARY\nSecond call, fee waived.\n\n"
        "ACTIONS\nNone.\n\nNOTES\nCustomer was polite.\n"
    )
    assert all(t.speaker not in {"SUMMARY", "ACTIONS"} for t in layout_turns(memo))


def test_an_hl7_note_s_fields_before_a_label_are_no_part_of_the_turn() -> None:
    text = (
        "MSH|^~\\&|CCREC|HEALTH|EHR|HEALTH|20240730145017||ORU^R01|MSG5200175|P|2.5.1\n"
        "NTE|1|L|AGT: What's the zip code?\n"
        "NTE|2|L|PT: seven four seven six seven.\n"
        "NTE|3|L|AGT: Thank you.\n"
    )
    assert turns(text) == [
        ("agt", 2, "What's the zip code?"),
        ("pt", 3, "seven four seven six seven."),
        ("agt", 4, "Thank you."),
    ]


def test_a_padded_time_and_a_speaker_in_capitals_open_turns() -> None:
    text = (
        "[   1.15] AGENT    thanks for calling, how can i help\n"
        "[   7.87] CALLER   hi it's about my card\n"
        "[  24.19] AGENT    the card number please\n"
        "[  27.07] CALLER   four one one one\n"
    )
    assert [(t.speaker, text[t.start : t.end]) for t in layout_turns(text)] == [
        ("AGENT", "thanks for calling, how can i help"),
        ("CALLER", "hi it's about my card"),
        ("AGENT", "the card number please"),
        ("CALLER", "four one one one"),
    ]


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        (
            "nist stm",
            ';; LABEL "O" "Overall" "Overall"\n'
            "call_1 1 call_1_agent 1.141 5.452 <O,F0,male> thanks for calling, how can i help\n"
            "call_1 2 call_1_caller 6.023 9.251 <O,F0,female> hi it's about my card\n"
            "call_1 1 call_1_agent 9.477 12.576 <O,F0,male> the card number please\n"
            "call_1 2 call_1_caller 13.855 16.682 <O,F0,female> four one one one\n",
        ),
        (
            "microdvd",
            "{1}{1}23.976\n{39}{144}{C:$00FFFF}- thanks for calling, how can i help\n"
            "{169}{273}- hi it's about my card\n{286}{373}{C:$00FFFF}- the card number please\n"
            "{396}{465}- four one one one\n",
        ),
        (
            "sclite trn",
            "thanks for calling, how can i help (cc23252-a_000138)\n"
            "hi it's about my card (cc23252-b_000687)\n"
            "the card number please (cc23252-a_001287)\nfour one one one (cc23252-b_001661)\n",
        ),
    ],
)
def test_speech_research_and_caption_layouts_open_turns(layout: str, text: str) -> None:
    turns = layout_turns(text)
    assert [text[t.start : t.end] for t in turns] == [
        "thanks for calling, how can i help",
        "hi it's about my card",
        "the card number please",
        "four one one one",
    ], layout
    assert len({t.speaker for t in turns}) == 2


@pytest.mark.parametrize(
    ("layout", "text"),
    [
        (
            "bigquery grid",
            "$ bq query 'SELECT call_id, utterance, channel, transcript FROM segs'\n"
            "+---------+-----------+----------+--------------------------------------+\n"
            "| call_id | utterance | channel  |              transcript              |\n"
            "+---------+-----------+----------+--------------------------------------+\n"
            "| c-49391 |         1 | AGENT    | thanks for calling, how can i help   |\n"
            "| c-49391 |         2 | CUSTOMER | hi it's about my card                |\n"
            "| c-49391 |         3 | AGENT    | the card number please               |\n"
            "| c-49391 |         4 | CUSTOMER | four one one one                     |\n"
            "+---------+-----------+----------+--------------------------------------+\n",
        ),
        (
            "duckdb box",
            "D SELECT seg, speaker, text FROM read_json_auto('call.json');\n"
            "┌───────┬──────────┬────────────────────────────────────┐\n"
            "│  seg  │ speaker  │                text                │\n"
            "│ int64 │ varchar  │              varchar               │\n"
            "├───────┼──────────┼────────────────────────────────────┤\n"
            "│     1 │ agent    │ thanks for calling, how can i help │\n"
            "│     2 │ customer │ hi it's about my card              │\n"
            "│     3 │ agent    │ the card number please             │\n"
            "│     4 │ customer │ four one one one                   │\n"
            "└───────┴──────────┴────────────────────────────────────┘\n",
        ),
    ],
)
def test_a_database_client_s_grid_under_its_query_is_read_by_its_columns(
    layout: str, text: str
) -> None:
    said = [(t.speaker, text[t.start : t.end].strip()) for t in layout_turns(text)]
    expected = [
        ("agent", "thanks for calling, how can i help"),
        ("customer", "hi it's about my card"),
        ("agent", "the card number please"),
        ("customer", "four one one one"),
    ]
    assert [s for s in said if s[1] != "varchar"] == expected, layout


def test_a_speaker_named_by_a_recording_s_id_and_a_role_is_read_as_the_role() -> None:
    from callshield import Engine
    from callshield.core.json_transcripts import speaker_label
    from callshield.pipeline import scan_text

    assert speaker_label("call_684900_caller") == "caller: "
    assert speaker_label("Agent") == "Agent: "
    assert speaker_label("1") == "speaker 1: "
    text = (
        "call_684900 1 call_684900_agent 37.087 39.968 <O,F0,male> can you give me your pin\n"
        "call_684900 2 call_684900_caller 40.972 42.721 <O,F0,male> seven nine oh ate\n"
        "call_684900 1 call_684900_agent 43.036 46.003 <O,F0,male> thank you\n"
        "call_684900 2 call_684900_caller 46.710 47.361 <O,F0,male> okay\n"
    )
    found = scan_text(text, Engine())
    at = text.index("seven nine oh ate")
    assert any(f.start <= at and at + len("seven nine oh ate") <= f.end for f in found)


def test_an_mpl2_subtitle_s_cues_open_turns_and_its_bars_are_read_as_blanks() -> None:
    """MPL2: each cue's start and end in tenths of a second in brackets, its lines apart by
    bars; read as lines of text, "[555][604]- seven one five two." hid the PIN behind its
    times (the file read as no transcript)."""
    text = (
        "[8][55]Thank you for calling, my name is Rodney.\n"
        "[100][149]- Hi Rodney.|- Can you give me the account PIN?\n"
        "[555][604]- seven one five two.\n"
        "[611][640]Thank you.\n"
    )
    turns = layout_turns(text)
    assert [text[t.start : t.end] for t in turns] == [
        "Thank you for calling, my name is Rodney.",
        "Hi Rodney.|- Can you give me the account PIN?",
        "seven one five two.",
        "Thank you.",
    ]
    from callshield import Engine
    from callshield.pipeline import scan_text

    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, Engine())}
    assert ("PIN", "seven one five two") in found


@pytest.mark.parametrize(
    "text",
    [
        # QuickTime text: each cue's time in brackets on its own line, no blank line between
        (
            "{QTtext}{font:Tahoma}{timeScale:100}{timeStamps:absolute}\n"
            "[00:00:00.59]\n>> AGENT: Thank you for calling, what's the account\n"
            "[00:00:04.87]\nPIN?\n[00:00:10.91]\n>> CALLER: seven one five two.\n"
            "[00:00:14.83]\n>> AGENT: Thank you.\n"
        ),
        # Avid DS: each cue's start and end time codes on a line, the speaker in brackets
        (
            "@ This file written with the Avid Caption plugin, version 1\n\n<begin subtitles>\n\n"
            "01:00:01:03 01:00:05:02\n[Agent] Thank you for calling, what's the account\n\n"
            "01:00:05:11 01:00:09:06\nPIN?\n\n"
            "01:00:09:08 01:00:09:27\n[Caller] seven one five two.\n\n"
            "01:00:10:25 01:00:16:07\n[Agent] Thank you.\n\n<end subtitles>\n"
        ),
    ],
    ids=["qttext", "avid-ds"],
)
def test_quicktime_and_avid_captions_read_as_cues_of_their_speakers(text: str) -> None:
    from callshield import Engine
    from callshield.pipeline import scan_text

    turns = layout_turns(text)
    # (a cue with no speaker's mark goes on with the one before it)
    assert [(t.speaker.lower(), text[t.start : t.end], t.continues) for t in turns] == [
        ("agent", "Thank you for calling, what's the account", False),
        ("", "PIN?", True),
        ("caller", "seven one five two.", False),
        ("agent", "Thank you.", False),
    ]
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, Engine())}
    assert ("PIN", "seven one five two") in found


#: A meeting recorder's share (Fathom's layout; synthetic names, a made-up PIN).
FATHOM = (
    "0:52 - Tiffany Rodriguez (State Benefits Assistance Line)\n"
    "  What's the PIN you set up for phone access?\n\n"
    "1:01 - Joseph Potts\n"
    "  six five seven eight.\n\n"
    "1:03 - Tiffany Rodriguez (State Benefits Assistance Line)\n"
    "  Thank you.\n"
)


def test_a_meeting_recorder_s_time_dash_speaker_heads() -> None:
    from callshield.core.turns import stamped_turns

    got = [(t.speaker, FATHOM[t.start : t.end].strip()) for t in stamped_turns(FATHOM)]
    assert got == [
        ("tiffany rodriguez (state benefits assistance line)",
         "What's the PIN you set up for phone access?"),
        ("joseph potts", "six five seven eight."),
        ("tiffany rodriguez (state benefits assistance line)", "Thank you."),
    ]  # fmt: skip


def test_a_meeting_recorder_s_answers_and_speakers_are_redacted(engine: Engine) -> None:
    found = {(f.entity.name, FATHOM[f.start : f.end]) for f in scan_text(FATHOM, engine)}
    assert ("PIN", "six five seven eight") in found  # (the answer, read with its question)
    assert ("PERSON", "Joseph Potts") in found  # (a speaker's name in each head)
    assert ("PERSON", "Tiffany Rodriguez") in found


@pytest.mark.parametrize(
    "text",
    [
        # (Sonix: the time stamp after the label)
        "Speaker 1: [00:00:30] I need to verify the account. What's your birthday?\n\n"
        "Speaker 2: [00:00:38] It's oh three oh two one nine nine three.\n\n"
        "Speaker 1: [00:00:42] Perfect. What's the PIN for phone access?\n\n"
        "Speaker 2: [00:00:47] ninety nine oh one.\n",
        # (Happy Scribe: the time and the speaker on a line, what was said under it)
        "00:00:30 Speaker 1\nI need to verify the account. What's your birthday?\n\n"
        "00:00:38 Speaker 2\nIt's oh three oh two one nine nine three.\n\n"
        "00:00:42 Speaker 1\nPerfect. What's the PIN for phone access?\n\n"
        "00:00:47 Speaker 2\nninety nine oh one.\n",
    ],
)
def test_answers_after_stamped_labels_are_read_with_their_questions(
    engine: Engine, text: str
) -> None:
    found = {(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)}
    assert ("DATE_OF_BIRTH", "oh three oh two one nine nine three") in found
    assert ("PIN", "ninety nine oh one") in found


def test_a_report_line_of_time_speaker_and_text_is_no_head() -> None:
    from callshield.core.turns import stamped_turns

    # (time, speaker and text on one line, a few words of it capitalised)
    text = " 00:01:51  AGENT      Yep.\n 00:01:52  CALLER     four nine\n 00:01:54  AGENT  Ok.\n"
    assert stamped_turns(text) == ()
    # (nor an ATM journal's events: capitals, no names)
    journal = " 08:07:46 PIN ENTERED\n CARD: 4111\n 08:07:58 CASH TAKEN\n *TRANSACTION END*\n"
    assert stamped_turns(journal) == ()


#: A wide CSV transcript: a column for each speaker (synthetic values).
WIDE_CSV = (
    "time,agent,customer,ivr,notes\n"
    '00:00:01,"Thanks for calling FiberLink, this is Patrick.",,,\n'
    '00:00:19,"Who do I have the pleasure of speaking with?",,,\n'
    '00:00:22,,"First name Ernest, last name Griffin.",,\n'
    '00:00:49,"Can you verify the PIN on the account?",,,\n'
    '00:00:53,,"Sure, six nine oh four.",,\n'
    '00:00:56,"Just to confirm, 6904?",,,\n'
    '00:01:20,,"One sec, let me check my texts.",,\n'
    '00:01:24,,,,"SILENCE 00:11"\n'
    '00:01:29,"What does the verification code say?",,,\n'
    '00:01:37,,"It\'s 976125.",,\n'
)


def test_a_wide_csv_s_speakers_columns_are_its_turns(engine: Engine) -> None:
    turns = csv_turns(WIDE_CSV)
    said = [(t.speaker, WIDE_CSV[t.start : t.end]) for t in turns]
    assert said[2] == ("customer", "First name Ernest, last name Griffin.")
    assert ("customer", "Sure, six nine oh four.") in said
    assert not any("SILENCE" in text for _, text in said)  # (the notes' column is no speaker)
    found = {(f.entity.name, WIDE_CSV[f.start : f.end]) for f in scan_text(WIDE_CSV, engine)}
    assert ("PIN", "six nine oh four") in found
    assert ("ONE_TIME_CODE", "976125") in found


def test_a_csv_with_one_speaker_s_column_is_no_wide_transcript() -> None:
    table = "id,agent,queue,minutes\n1,Jo,billing,4\n2,Al,sales,7\n3,Jo,sales,2\n4,Al,billing,9\n"
    assert csv_turns(table) == []


#: A call as gron prints its JSON, and as TOML and EDN records (synthetic values).
GRON = "".join(
    f'json.turns[{i}] = {{}};\njson.turns[{i}].speaker = "{who}";\n'
    f"json.turns[{i}].start = {i * 3}.25;\njson.turns[{i}].text = {said!r};\n".replace("'", '"')
    for i, (who, said) in enumerate(
        [
            ("agent", "Thanks for calling, this is Shawn."),
            ("customer", "Hi, I want to pay this off."),
            ("agent", "Can you verify the last four of your social?"),
            ("customer", "1364"),
            ("agent", "And the zip?"),
            ("customer", "Okay, 88191."),
        ]
    )
)
TOML = '[call]\nagent = "Jenny Keller"\n\n' + "".join(
    f'[[turn]]\nspeaker = "{who}"\nstart = {i}.0\nend = {i}.5\ntext = "{said}"\n\n'
    for i, (who, said) in enumerate(
        [
            ("agent", "What is the zip?"),
            ("caller", "seven three three seven three"),
            ("agent", "Thanks. And the last four of your social?"),
            ("caller", "It is 4410."),
        ]
    )
)
EDN = (
    '[{:spk :agent :t 52.02 :text "And the zip?"}\n'
    ' {:spk :caller :t 54.83 :text "Okay, 88191."}\n'
    ' {:spk :agent :t 56.06 :text "Can you verify the last four of your social?"}\n'
    ' {:spk :caller :t 58.10 :text "Sure, 4410."}]\n'
)


@pytest.mark.parametrize("text", [GRON, TOML, EDN], ids=["gron", "toml", "edn"])
def test_records_of_a_speaker_and_a_text_field_are_turns(engine: Engine, text: str) -> None:
    turns = field_turns(text)
    said = [text[t.start : t.end] for t in turns]
    assert any(s in ("Okay, 88191.", "seven three three seven three") for s in said)
    assert not any(":text" in s or "start" in s for s in said)  # (the text field alone)
    found = {name for name, *_ in ((f.entity.name,) for f in scan_text(text, engine))}
    assert {"US_ZIP", "US_SSN_LAST4"} <= found


def test_a_speaker_and_a_time_in_brackets_open_a_turn() -> None:
    """Verint's "[C 03:41] It's ..." (the speaker, then the time, in brackets); a process's
    "[pid 42307]" in a trace is no speaker's label."""
    text = (
        "[A 03:36] Can you verify the last four of your SSN?\n[C 03:41] It's three two six zero\n"
        "[A 03:44] So that's it?\n[C 03:46] Yes.\n"
    )
    assert [(t.speaker, text[t.start : t.end]) for t in speaker_turns(text)][:2] == [
        ("a", "Can you verify the last four of your SSN?"),
        ("c", "It's three two six zero"),
    ]
    trace = (
        "[pid 42307] 17:14:38.135090 connect(9, {sa_family=AF_INET}, 16) = 0\n"
        '[pid 42307] 17:14:38.156946 sendto(11, "POST /v1/payment_methods", 466) = 466\n'
        '[pid 42308] 17:14:38.224999 recvfrom(11, "HTTP/1.1 200 OK", 16384) = 331\n'
    )
    assert speaker_turns(trace) == ()


def test_a_monitor_log_s_role_abbreviations_open_turns(engine: Engine) -> None:
    text = (
        "AGT  thanks for holding, this is michael, may i have your first and last name\n"
        "CUS  berg, connie berg\n"
        "    >> whisper (sandra): get the spelling\n"
        "AGT  can you spell the last name for me\n"
        "CUS  b as in bravo e as in edward r g\n"
    )
    turns = speaker_turns(text)
    assert [(t.speaker, text[t.start : t.end].split("\n", maxsplit=1)[0]) for t in turns][:2] == [
        ("agt", "thanks for holding, this is michael, may i have your first and last name"),
        ("cus", "berg, connie berg"),
    ]
    found = [(f.entity.name, text[f.start : f.end]) for f in scan_text(text, engine)]
    assert ("PERSON", "berg, connie berg") in found
    # the label is no name, the question for one before it or not
    assert not [v for _, v in found if v.startswith(("CUS", "AGT"))]
    spelled = (
        "AGT  may i have your first and last name\n"
        "CUS  um hi, leonard horton\n"
        "AGT  can you spell the last name for me\n"
        "CUS  horton, h-o-r-t-o-n\n"
    )
    found = [(f.entity.name, spelled[f.start : f.end]) for f in scan_text(spelled, engine)]
    assert ("PERSON", "horton, h-o-r-t-o-n") in found
    assert not [v for _, v in found if v.startswith(("CUS", "AGT"))]
    # a supervisor's aside between a question and its answer is no word of either turn
    aside = (
        "AGT  do you have your policy number handy\n"
        "    >> whisper (steven): watch the hold time\n"
        "CUS  let me grab the card, okay, seventy one sixty three ... eight double oh six seven"
        " seven\n"
        "    >> whisper (steven): account matches what i see\n"
        "AGT  can i have the billing zip code\n"
    )
    first = speaker_turns(aside)[0]
    assert aside[first.start : first.end] == "do you have your policy number handy"
    found = [(f.entity.name, aside[f.start : f.end]) for f in scan_text(aside, engine)]
    assert (
        "INSURANCE_POLICY",
        "seventy one sixty three ... eight double oh six seven seven",
    ) in found
    # (a table's column of capitals is no such label: two rows, no role)
    assert speaker_turns("ABC  12 apples\nDEF  14 pears\n") == ()


def test_a_quote_s_speakers_are_labels_and_an_indented_aside_is_none() -> None:
    quoted = "> **Ann:** your zip?\n>\n> **Leon:** 02134\n>\n> **Ann:** thanks\n>\n> **Leon:** ok\n"
    turns = speaker_turns(quoted)
    assert [(t.speaker, quoted[t.start : t.end].strip(" >\n")) for t in turns] == [
        ("ann", "your zip?"),
        ("leon", "02134"),
        ("ann", "thanks"),
        ("leon", "ok"),
    ]
    # (an e-mail's quoted call, "> > Agent:", too)
    assert [t.speaker for t in speaker_turns("> > Agent: zip?\n> > Caller: 02134\n")] == [
        "agent",
        "caller",
    ]
    monitored = "AGT: and your zip code\n    >> whisper (sam): watch the hold time\nCUS: 02134\n"
    assert [t.speaker for t in speaker_turns(monitored)] == ["agt", "cus"]


def test_a_markdown_table_with_a_column_for_each_speaker_is_their_turns() -> None:
    table = (
        "AGENT | CALLER\n------|-------\nThank you for calling.  | \n"
        "and a good phone number for you? | \n | uh it's nine seven one -\n"
        "mm-hmm, go ahead | \n | then five five five, oh one three five\n"
    )
    assert [(t.speaker, table[t.start : t.end].strip()) for t in layout_turns(table)] == [
        ("agent", "Thank you for calling."),
        ("agent", "and a good phone number for you?"),
        ("caller", "uh it's nine seven one -"),
        ("agent", "mm-hmm, go ahead"),
        ("caller", "then five five five, oh one three five"),
    ]
    # (one bar between two words that are no speakers' is no table)
    pets = "cats | dogs\n----|----\nfelix | rex\ntom | spike\nsylvester | odie\n"
    assert layout_turns(pets) == []


def test_a_dual_channel_export_s_offset_and_channel_open_each_turn() -> None:
    export = (
        "# dual-channel export  L=agent R=customer  fs=8000\n# sample_offset  ch  text\n"
        "000133307  L  can you spell the last name for me\n"
        "000171596  R  it's g o n z a l e z\n"
        "000542905  L  and your zip code\n"
        "000558807  R  uh four nine six nine seven\n"
    )
    assert [(t.speaker, export[t.start : t.end]) for t in layout_turns(export)] == [
        ("L", "can you spell the last name for me"),
        ("R", "it's g o n z a l e z"),
        ("L", "and your zip code"),
        ("R", "uh four nine six nine seven"),
    ]


def test_a_dual_channel_export_s_answers_are_read_with_their_questions(engine: Engine) -> None:
    export = (
        "# dual-channel export  L=agent R=customer  fs=8000\n# sample_offset  ch  text\n"
        "000133307  L  thanks for calling\n000171596  R  hi\n"
        "000542905  L  and your zip code\n000558807  R  uh four nine six nine seven\n"
        "000581744  L  and a good phone number for you\n000607962  R  six one five\n"
        "000611001  L  mm hmm\n000662221  R  five five five oh one four four\n"
    )
    found = {(f.entity.name, export[f.start : f.end]) for f in scan_text(export, engine)}
    assert ("US_ZIP", "four nine six nine seven") in found
    assert ("PHONE", "six one five") in found
    # (an offset is no number said, whatever the line before asked for)
    assert not any(said.isdigit() and len(said) == 9 for _, said in found)
