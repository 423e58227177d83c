"""Red-team sets scored against their truth (`<set>_truth.jsonl`: each value's kind and the
spans of its words, each decoy's; offsets only). A value leaks when a letter or a digit of it
is left in clear; a decoy (an amount, a time, an order number) is hit when one is covered.

`spoken` (the first spoken round) leaks nothing but the case listed. The later rounds,
`spoken2` (speech-to-text calls) and `written` (chats, e-mails, notes, pastes), were written
against the engine as it was and still leak; so do the blind rounds `spoken3` and `written2`
(written without reading the detectors: CSV and JSON exports, tickets, forms, OCR, other
languages, diarization errors) and the third blind round, `chat3` and `notes3` (chats, SMS,
bots and DMs; agents' notes, call summaries, mail threads, CRM screens, IVR logs; at the start
of the session that added them: 151 and 123 texts leaking, 276 and 159 values, decoys hit in
32 and 70 texts), and the fourth, `calls4` and `mixed4` (speech-to-text calls in four labelling
styles, with time stamps and as ASR vendors' JSON lines; IVR and auth logs, CRM exports,
tickets, mail threads, forms, OCR, receipts, Spanish and English; added on 2026-12-01 with 196
and 134 texts leaking, 445 of 1,289 and 201 of 1,436 values, decoys hit in 21 and 95 texts),
and the fifth, `calls5` and `mixed5` (150 speech-to-text calls in six layouts; 150 chats,
mails with quoted replies, agents' shorthand notes, CSV and JSON exports, forms, SMS logs and
Spanish chats; added on 2026-12-01 and scored blind, by the code as it was when they were
written and before any change for them: 121 and 80 texts leaking, 239 of 1,117 and 178 of
1,738 values, decoys hit in 32 and 81 texts), and the sixth, `calls6` and `mixed6` (150
calls in thirteen layouts, SRT, WebVTT and stereo channels among them; 150 chats, mail
threads, notes, exports, forms and SMS in English, Spanish and French; a value said again is
one value with several spans; scored blind at c6a280c, the session's start on 2026-12-01: 137
and 96 texts leaking, 387 of 1,245 and 175 of 1,392 values, decoys hit in 73 and 86 texts),
and the seventh, `calls7` and `mixed7` (150 calls as speech-to-text vendors export them, AWS's,
Deepgram's, Google's and Whisper's JSON and CSV among them, with corrections mid-value and
whole calls; 150 team-chat and help-desk exports, mail threads, fixed-width reports, SQL,
OCR and PDF text, in English, Spanish and French; scored blind at c8420f1, the session's
start on 2026-12-01: 143 and 75 texts leaking, 401 of 1,026 and 147 of 1,189 values, decoys hit
in 65 and 74 texts), and the eighth, `calls8` and `mixed8` (150 calls in eleven vendors'
layouts new to the sets, Amazon Connect, Azure Speech, AssemblyAI, Rev.ai and Twilio JSON, SRT,
Zoom, Teams, pipe exports among them, in eleven industries; 150 MIME mails with
quoted-printable bodies, forwards, chat-widget exports, tickets, HL7, SOAP XML, logs, CSV with
multi-line cells, PDF and OCR text, in English, German and Portuguese; scored blind at
3be98aa on 2026-12-01: 147 and 72 texts leaking, 613 of 1,407 and 175 of 1,535 values, decoys
hit in 100 and 101 texts), and the tenth, `calls10` and `mixed10` (150 calls as Genesys
Cloud, Talkdesk, Dialpad, RingCentral, Gong, Chorus, Otter, Dialogflow CX, Webex Contact
Center, Vosk word lists and CTM lines write them, calls another tool masked in part,
Portuguese-English and French-English calls, IVR keypresses; 150 Slack, WhatsApp, Zendesk,
Freshdesk, ServiceNow and Intercom exports, Salesforce CSV with semicolons, Jira, YAML and
TOML fixtures, JSON and logfmt logs, SQL, Markdown tables, invoices, European mails,
forwarded threads, SMS gateway logs, CRM shorthand, OCR and Unicode tricks; scored blind at
3e9cb2a on 2026-12-02: 121 and 107 texts leaking, 364 of 1,163 and 221 of 1,905 values,
decoys hit in 24 and 56 texts), and the eleventh, `calls11` and `mixed11` (150 calls in
fifteen layouts new to the sets, Speechmatics, Observe.AI and Symbl JSON, Aircall, Avaya and
Webex with ISO stamps, CallMiner CSV, Nuance Mix logs, Fireflies, numbered utterances,
"AGT>" recorders, words with their confidences, run-on ASR; ASR's homophones, misheard
read-backs and corrections; 150 raw MIME mails with quoted-printable bodies, Outlook threads,
LiveChat, Drift, Tawk.to, Messenger, Telegram, Gorgias, Front, Help Scout and Zoho exports,
URL-encoded logs, JSON escapes, HTML entities, RTF, spreadsheet pastes, mainframe records,
emoji and full-width digits, five European languages; scored blind at c3462ed on 2026-12-04:
127 and 106 texts leaking, 311 of 1,140 and 330 of 1,583 values, decoys hit in 86 and 81
texts), and the twelfth, `calls12` and `mixed12` (150 calls in nineteen layouts new to the
sets, protobuf text, SQL inserts, XML, HTML, YAML, TSV with sentiment scores, ASS and SBV
subtitles, a deposition's numbered lines, a transcriber's review, ASR streaming NDJSON,
stereo channels, emoji speakers, a supervisor's whispers, chat-to-voice hand-offs; 150 texts
in thirty formats, X12 EDI, NACHA ACH files, fax OCR, Confluence storage XML, PDF form fields,
Mongo shell, CloudWatch logs with JSON escaped in JSON, Postman collections, FHIR bundles,
WhatsApp Cloud webhooks, Zoom chats, Redis MONITOR, git diffs, Sentry tracebacks; scored
blind at d2d2096 on 2026-12-04: 145 and 103 texts leaking, 520 of 1,199 and 289 of 1,693
values, decoys hit in 45 and 68 texts), and the thirteenth, `calls13` and `mixed13` (150
calls in twenty-one layouts new to the sets, Kaldi utterance lines, NeMo manifests, Praat
TextGrid, ELAN, CHAT, TTML, WebVTT voice tags, LRC, a word a CSV row, Python reprs, logback
lines, voicemail, an interpreter's three-way call, a conference bridge, a transfer with the
caller verified again; 150 texts in thirty formats new to the sets, Splunk, RFC 5424 syslog,
CEF, curl forms, Python/Java/PHP/Ruby/Go dumps, .env and INI files, Excel 2003 XML, LaTeX,
cheque MICR lines, bank statements, W-9 and 1099 text, credit bureau reports, CMS-1500,
pharmacy labels, Kafka and Jupyter output, Salesforce debug logs, Dynamics audit history,
ACORD XML, loan applications, DSAR replies, Teams HTML, psql's expanded display; scored
blind at 7759fd7 on 2026-12-04: 92 and 113 texts leaking, 168 of 855 and 281 of 2,147
values, decoys hit in 9 and 65 texts). Among the later rounds, the sixteenth's `mixed16` (150
texts in fifty formats new to the sets: OCR engines' hOCR, ALTO and Tesseract TSV, Fedwire
and camt.053, EDIFACT passenger lists, DICOM dumps, NCPDP claims, ISO 8583 dumps, payroll
registers, Asterisk and RADIUS logs, SIP traces, Node, PHP and Rails console dumps; scored
blind at a4b8b19 on 2026-12-04: 112 texts leaking, 315 of 1,085 values, decoys hit in 21)
and its `calls16` (150 calls in thirty layouts new to the sets: NIST STM, sclite TRN, HTK
MLF, MicroDVD and SAMI captions, Watson, YouTube json3 and OpenAI realtime events, Twilio
ConversationRelay, Dynamics 365, Zoom CC, CXone, LivePerson, Freshcaller, BigQuery, DuckDB
and cqlsh tables, Elasticsearch bulk, Matrix, XMPP, SIP INFO, Asterisk AGI, FreeSWITCH ESL,
Rasa, Vapi, Pipecat, Loki, Firehose, Chime; scored blind at ac648fd: 124 texts leaking, 326
of 786 values, decoys hit in 40); the seventeenth's `mixed17` (150 texts in fifty formats new
to the sets: Metro 2 and e-file W-2 records, X9.37 and positive pay files, MT940, SAS, Stata,
R and Polars prints, AAMVA barcodes, MISMO and FHIR XML, Terraform state, Kubernetes secrets,
strace and tcpdump captures, Textract, Slack, Teams and Discord cards, tool calls; scored
blind at 290063c on 2026-12-04: 90 texts leaking, 268 of 1,112 values, decoys hit in 13) and
its `calls17` (150 calls in thirty layouts new to the sets: Spruce STL, SubViewer, Audacity
labels, Transcriber TRS, RTTM, Kaldi lattices, Riva and faster-whisper consoles, VoiceBase,
Twilio Voice Intelligence, ACS and Vonage events, a PCI pause log, Chinese and Vietnamese
code-switched calls, raw ASR hypotheses; scored blind at 290063c: 117 texts leaking, 382 of
1,058 values, decoys hit in 21); the eighteenth's `calls18` (150 calls in thirty-five layouts
new to the sets: Genesys phrase JSON, Zoom CC VTT with named cues, Verba XML, Sonix, Descript,
Trint, Happy Scribe, Amberscript, Premiere Pro CSV, icefall recogs, sclite alignments, Whisper
with hallucinated loops, Soniox tokens, Telnyx events, karaoke LRC, Jefferson notation, MPL2,
QT text and Avid DS subtitles, Hinglish and Taglish calls, hard-wrapped text with double
blanks; scored blind at 7e71c9d on 2026-12-05: 392 of 1,077 values leaked, decoys hit in 22)
and its `mixed18` (150 texts in sixty-four formats new to the sets: RST, AsciiDoc, LaTeX and
MediaWiki tables, sqlcmd, mysql and PowerShell grids, Zammad, Kayako, osTicket, OTRS,
Chatwoot, SMPP logs, Viber, LINE, WeChat, GELF, double-escaped SQS JSON, Airflow, Sidekiq and
pytest output, multipart dumps, Document Intelligence JSON, EDN, Lua and Swift dumps, plists,
jCard, XLIFF, German, Dutch, Polish and Swedish forms, dispute letters; scored blind at
7e71c9d: 196 of 1,449 values leaked, decoys hit in 7); the nineteenth's `calls19` (150 calls in
thirty-four layouts new to the sets: 8x8, Genesys Engage XML, Avaya Spaces, Kore.ai, Uniphore,
Cogito, Level AI, Balto, Copilot Studio, UJET CSV, Nexidia hits, Verint escaped JSON, Retell
and Bland calls, Google Meet, SSML replays, Switchboard dialog acts, LDC Fisher, NIST
disfluency marks, gron, EDN, TOML, Arrow prints, a speaker per CSV column, Spanglish; scored
blind at 40bc828 on 2026-12-05: 267 of 1,283 values leaked in 99 texts, decoys hit in 23) and
its `mixed19` (150 texts in seventy-two formats new to the sets: COBOL copybook records,
CFONB and SWIFT MT199, pacs.008 and pain.008 XML, X12 835 and 837P, base64url query strings,
protobuf bytes, CBOR, zero-width splits and homoglyph digits, Arabic and Hebrew mail and chat,
Japanese, Korean and Chinese chats, Italian, French, Spanish and Brazilian forms, Laravel,
Django, Flask, Go, .NET, Erlang, Haskell and Kotlin dumps; scored blind at 40bc828: 176 of
1,275 values leaked in 81 texts, decoys hit in 22).
Their counts may only go down (the coverage test keeps every text from being redacted
less)."""

from __future__ import annotations

import pytest
from redteam_sets import by_set, scanned, texts, truth

from callshield import Engine
from callshield.evaluation.leaks import Case, LeakReport, score

#: Texts of `spoken` (by number) that still leak, each with why: a fix moves one out.
#: (none now: 165's bare ten-digit number answering "okay go ahead", said one by one, is a
#: phone by its digits, `phone.said_phones`)
KNOWN_LEAKS: dict[int, str] = {}
#: The later rounds: (texts leaking a value, texts with a decoy redacted), at most.
#: (`mixed19`'s decoys 24 -> 26 texts: a loyalty programme's member IDs, "LM30041579", as the
#: `id` of a YAML record that holds the member's name, e-mail and birthday, which
#: `record_id` reads as CUSTOMER_NUMBER and the set calls references.)
#: (`calls6`'s decoys 34 -> 35 texts: a confirmation number said one by one in a JSON record
#: of its own, its question in the record before, read as a phone by its ten digits, the
#: price of `phone.said_phones`, which stops 15 values leaking across the sets.)
CEILINGS = {
    "spoken2": (9, 0), "written": (10, 4), "spoken3": (17, 5), "written2": (17, 5),
    "chat3": (17, 1), "notes3": (14, 2), "calls4": (41, 0), "mixed4": (28, 56),
    "calls5": (34, 19), "mixed5": (24, 46), "calls6": (40, 35), "mixed6": (32, 62),
    "calls7": (55, 32), "mixed7": (28, 63), "calls8": (57, 54), "mixed8": (9, 76),
    "calls9": (38, 15), "mixed9": (12, 55), "calls10": (57, 21),
    "mixed10": (32, 23), "calls11": (57, 48), "mixed11": (63, 60),
    "calls12": (76, 37), "mixed12": (65, 47), "calls13": (48, 4), "mixed13": (19, 51),
    "calls14": (87, 6), "mixed14": (61, 11), "mixed15": (40, 16), "calls15": (78, 3),
    "mixed16": (64, 4), "calls16": (51, 2), "mixed17": (69, 8), "calls17": (86, 18),
    "calls18": (76, 19), "mixed18": (57, 7), "calls19": (61, 3), "mixed19": (54, 28),
}  # fmt: skip


def _report(engine: Engine, name: str) -> LeakReport:
    return score(texts(name), truth(name), scanned(name, engine))


def test_no_spoken_value_leaks_and_no_decoy_is_redacted(engine: Engine) -> None:
    report = _report(engine, "spoken")
    assert report.total_values > 500 and report.decoys > 40  # (the set is all there)
    assert set(report.leaking_cases) == set(KNOWN_LEAKS), report.leaking_cases
    assert report.over_redacted_cases == []


@pytest.mark.parametrize("name", by_set(sorted(CEILINGS)))
def test_later_rounds_leak_no_more_than_recorded(engine: Engine, name: str) -> None:
    report = _report(engine, name)
    leaking, hit = CEILINGS[name]
    assert report.total_values > 500 and report.decoys > 90  # (the set is all there)
    assert len(report.leaking_cases) <= leaking, report.leaking_cases
    assert len(report.over_redacted_cases) <= hit, report.over_redacted_cases


def test_a_value_leaks_by_one_character_and_a_decoy_is_hit_by_one() -> None:
    text = "card four one one one and forty dollars"
    case = Case(values=(("card", ((5, 9), (10, 13), (14, 17), (18, 21))),),
                decoys=(("amount", ((26, 31),)),))  # fmt: skip
    whole = score([text], [case], [[("PAYMENT_CARD", 5, 21)]])
    assert (whole.total_leaked, whole.decoys_hit, whole.mislabelled) == (0, 0, {})
    short = score([text], [case], [[("PAYMENT_CARD", 5, 20), ("CARD_CVV", 30, 31)]])
    assert (short.total_leaked, short.decoys_hit, short.leaking_cases) == (1, 1, [0])
    wrong = score([text], [case], [[("PHONE", 0, 21)]])
    assert (wrong.total_leaked, wrong.mislabelled) == (0, {"card": 1})
