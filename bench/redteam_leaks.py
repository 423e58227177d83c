"""Leaks on the red-team sets: Callshield vs. Microsoft Presidio, side by side.

The sets written to slip values past a filter (`tests/unit/redteam/`): `spoken` (483 calls as
speech-to-text writes them: hesitations and "hang on" inside numbers, "o" for zero, homophones,
slips, values split over turns, answers to questions for two values), `spoken2` (492 calls of a
second round: misheard digits, stutters, long holds, values in parts, decoys near a card) and
`written` (606 chats, e-mails, agent notes and pastes: time-stamped chat exports, quoted
replies, HTML, bank shorthand, typo'd cues, signatures), and two blind rounds written without
reading the detectors, `spoken3` (549 calls: third parties, diarization errors, WebVTT and JSON
layouts, NATO spelling) and `written2` (690 texts: CSV/TSV/Markdown tables, JSON and XML, logs,
tickets, forms, OCR, other languages), and a third blind round, `chat3` (326 web chats, SMS,
messenger and DM exports, bots, agents' internal chatter) and `notes3` (320 agents' notes, AI
call summaries, mail threads, HTML mails, CRM screens, IVR and telephony logs, letters), and
a fourth, `calls4` (260 speech-to-text calls in four labelling styles, with time stamps and as
ASR vendors' JSON lines) and `mixed4` (260 IVR and auth logs, CRM exports, tickets, mail
threads, forms, OCR, receipts, Spanish and English), and a fifth, `calls5` (150 calls in six
layouts) and `mixed5` (150 chats, mails, shorthand notes, exports, forms, SMS logs, Spanish
chats), and a sixth, `calls6` (150 calls in thirteen layouts: SRT, WebVTT, diarized, stereo
channels, run-on) and `mixed6` (150 chats, mail threads, notes, CSV, YAML, XML, HTML, SMS,
Spanish and French; a value said again is one value with several spans), and a seventh,
`calls7` (150 calls as speech-to-text vendors export them: AWS Transcribe's, Deepgram's,
Google's and Whisper's JSON, CSV, Genesys-style logs, upper case and true-cased ASR, IVR with
DTMF, bilingual calls, corrections and restarts mid-value, whole calls of up to 6,000
characters) and `mixed7` (150 Slack and Teams exports, ticket JSON from help desks, mail
threads and forwards, HTML mail, fixed-width reports, SQL, YAML and TOML, OCR and PDF text,
SMS, Spanish and French mails and tickets), and an eighth, `calls8` (150 calls in eleven
layouts new to the sets: Amazon Connect, Azure Speech, AssemblyAI, Rev.ai and Twilio JSON, SRT,
Zoom and Teams text, pipe exports) and `mixed8` (150 MIME mails, forwards, chat-widget JSON,
tickets, HL7, SOAP XML, logs, multi-line CSV, PDF and OCR text; English, German, Portuguese),
and a ninth, `calls9` (150 calls: NICE and Verint exports, Five9 reports, AWS Transcribe's
word items, a recogniser's confidence after each word, IVR hand-offs, QA scorecards, an LLM's
summary above the call, Spanish-English calls, Markdown, wrong diarization, upper case) and
`mixed9` (150 Teams and Discord exports, Zendesk macros, raw Gmail and mbox mails, iCalendar
and vCard, merged-header TSV, French and Italian mails, GraphQL, Kubernetes and nginx logs,
HAR dumps, chat-bot quick replies, claim and wire forms, fraud write-ups, shipping labels,
document comments, an agent's scratchpad), and a tenth, `calls10` (150 calls as Genesys,
Talkdesk, Dialpad, RingCentral, Gong, Chorus, Otter, Dialogflow CX and Webex export them, Vosk
word JSON, Kaldi CTM lines, calls masked in part by another tool, Portuguese-English and
French-English calls) and `mixed10` (150 Slack, WhatsApp and help-desk exports, Salesforce
CSV with semicolons, YAML and TOML fixtures, JSON and logfmt logs, SQL, European mails, SMS
gateway logs, CRM shorthand, OCR and Unicode tricks), and an eleventh, `calls11` (150 calls
in fifteen layouts: Speechmatics, Observe.AI and Symbl JSON, Aircall, Avaya, CallMiner CSV,
Nuance Mix logs, numbered utterances, misheard read-backs) and `mixed11` (150 raw MIME mails,
chat-widget and help-desk exports, URL-encoded logs, JSON and HTML escapes, RTF, spreadsheet
pastes, mainframe records, emoji digits, five European languages), and a twelfth, `calls12`
(150 calls in nineteen layouts: protobuf text, SQL inserts, XML, HTML, YAML, TSV, ASS and SBV
subtitles, depositions, ASR streaming NDJSON) and `mixed12` (150 texts in thirty formats: X12
EDI, NACHA ACH, fax OCR, Confluence XML, PDF form fields, Mongo shell, escaped CloudWatch JSON,
FHIR, webhooks), and a thirteenth, `calls13` (150 calls in twenty-one layouts: Kaldi, NeMo,
Praat, ELAN, CHAT, TTML, WebVTT voices, LRC, word-a-row CSV, live caption logs, interpreters'
calls) and `mixed13` (150 texts in thirty formats: Splunk, syslog, CEF, curl, language dumps,
.env, Excel XML, MICR lines, statements, credit reports, CMS-1500, Kafka, Jupyter, Salesforce
debug logs, Dynamics audits, ACORD), and a fourteenth, `calls14` (150 calls in twenty-six
layouts: stereo channels with confidences, SCC roll-up captions, a word an XML element, N-best
lists, court reporters' Q./A. pages, IRC logs, Telegram voice notes, RTF, spreadsheet pastes
with wrapped rows, screen readers' transcripts) and `mixed14` (150 texts in fifty-one formats:
PostgreSQL COPY, CSV with a BOM and CRLF, Avro, DynamoDB and MongoDB JSON, airline PNRs, EDI
820, SWIFT MT103, ISO 20022, LDIF, BigQuery and Snowflake output, pharmacy queues), and a
fifteenth, `calls15` (150 calls in thirty layouts: Amazon Lex logs, TEI and EXMARaLDA XML,
SIPREC metadata, syslog 5424, iCalendar invites, Concordance load files, mainframe records,
HL7 and FHIR, screenplays, TTY relay) and `mixed15` (150 texts in fifty formats: Fluent Bit,
journald, .reg exports, Stripe, Adyen, Braintree and Plaid webhooks, SAP IDocs, BAI2, QIF,
OFX, CDA, NCPDP, Lotus DXL, passports' machine-readable zones, court summons, pay stubs).
`<set>_truth.jsonl` holds where each value's words are. A value leaks when any letter or
digit of it is left uncovered; a decoy (an amount, a time, an order number) is over-redacted
when any is covered.

Presidio runs in its own venv through `bench/_presidio_worker.py` (as `compare_presidio.py`
runs it); Callshield reads each text as one call (`pipeline.scan_text`).

    python bench/redteam_leaks.py [SET ...]
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _harness import REPO_ROOT, ensure_callshield_importable, pin_to_one_cpu, write_jsonl
from compare_presidio import ensure_presidio_venv, run_presidio

if TYPE_CHECKING:
    from callshield.evaluation.leaks import LeakReport

SETS = REPO_ROOT / "tests" / "unit" / "redteam"


def _ours(texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
    from callshield import Engine
    from callshield.pipeline import scan_text

    engine = Engine()
    return [[(f.entity.name, f.start, f.end) for f in scan_text(t, engine)] for t in texts]


def _theirs(texts: Sequence[str], cpu: int | None) -> list[list[tuple[str, int, int]]]:
    python = ensure_presidio_venv()
    with tempfile.TemporaryDirectory(prefix="callshield-bench-") as tmp:
        corpus = Path(tmp) / "redteam.jsonl"
        write_jsonl([{"id": n, "text": t} for n, t in enumerate(texts)], corpus)
        report: dict[str, Any] = run_presidio(python, corpus, cpu, enable_aba=True)
    found: list[list[tuple[str, int, int]]] = [[] for _ in texts]
    for index, entity, start, end, _score in report["findings"]:
        found[index].append((entity, start, end))
    return found


def main() -> None:
    ensure_callshield_importable()
    sys.path.insert(0, str(SETS))
    from redteam_sets import TRUTH_SETS, texts, truth

    from callshield.evaluation.leaks import score

    cpu = pin_to_one_cpu()
    for name in sys.argv[1:] or TRUTH_SETS:
        said, cases = texts(name), truth(name)
        print(
            f"\n== red-team set {name!r}: {len(said)} texts; Presidio on CPU {cpu} ...", flush=True
        )
        ours = score(said, cases, _ours(said))
        theirs = score(said, cases, _theirs(said, cpu))
        _print(ours, theirs, len(said))


def _print(ours: LeakReport, theirs: LeakReport, texts: int) -> None:
    print(f"{'value kind':22s} {'values':>6s} {'Callshield leaked':>18s} {'Presidio leaked':>16s}")
    for kind in sorted(ours.values, key=lambda k: (-ours.values[k], k)):
        n = ours.values[kind]
        print(f"{kind:22s} {n:6d} {ours.leaked.get(kind, 0):18d} {theirs.leaked.get(kind, 0):16d}")
    total = ours.total_values
    print(
        f"{'all values':22s} {total:6d} "
        f"{ours.total_leaked:11d} ({ours.total_leaked / total:5.1%}) "
        f"{theirs.total_leaked:9d} ({theirs.total_leaked / total:5.1%})"
    )
    print(
        f"{'texts leaking a value':22s} {texts:6d} {len(ours.leaking_cases):18d} "
        f"{len(theirs.leaking_cases):16d}"
    )
    print(f"{'decoys redacted':22s} {ours.decoys:6d} {ours.decoys_hit:18d} {theirs.decoys_hit:16d}")
    mislabelled = sum(ours.mislabelled.values())
    print(f"Callshield values covered under another label: {mislabelled} {ours.mislabelled}")


if __name__ == "__main__":
    main()
