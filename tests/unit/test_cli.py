"""The command line, run as a real subprocess: stdout carries data only, errors are one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

CARD = "4111 1111 1111 1111"


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callshield", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_scan_jsonl_one_line_per_input_with_same_id() -> None:
    lines = [
        json.dumps({"id": 7, "text": f"card {CARD}"}),
        json.dumps({"id": {"call": "a"}, "text": "nothing here"}),
        json.dumps({"id": "x", "text": "mail jane@example.com"}),
    ]
    proc = run("scan", "--jsonl", stdin="\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [7, {"call": "a"}, "x"]
    assert out[0]["findings"] == [
        {
            "entity": "PAYMENT_CARD",
            "start": 5,
            "end": 24,
            "score": out[0]["findings"][0]["score"],
            "reasons": out[0]["findings"][0]["reasons"],
        }
    ]
    assert out[1]["findings"] == []
    assert out[2]["findings"][0]["entity"] == "EMAIL"


def test_scan_jsonl_bad_lines_are_reported_without_echo() -> None:
    stdin = "\n".join(
        [
            '{"id": 1, "text": "ok"}',
            '{"id": 2, "text": 4111111111111111}',
            "not json 4111111111111111",
            '{"id": 3, "text": "card 4111111111111111"}',
        ]
    )
    proc = run("scan", "--jsonl", stdin=stdin + "\n")
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2, None, 3]
    assert "error" in out[1] and "error" in out[2]
    assert out[3]["findings"][0]["entity"] == "PAYMENT_CARD"
    assert "4111111111111111" not in out[2]["error"]
    assert "4111111111111111" not in proc.stderr


def test_scan_jsonl_strict_stops_at_first_bad_line() -> None:
    proc = run(
        "scan", "--jsonl", "--strict", stdin='{"id": 1, "text": "a"}\n[1]\n{"id": 3, "text": "b"}\n'
    )
    assert proc.returncode == 2
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == [1, None]


def test_scan_jsonl_streams_line_by_line() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "callshield", "scan", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps({"id": 1, "text": f"card {CARD}"}) + "\n")
    proc.stdin.flush()
    first = json.loads(proc.stdout.readline())  # arrives before stdin is closed
    assert first["id"] == 1
    proc.stdin.close()
    assert proc.wait(timeout=30) == 0


def test_redact_file_and_stdin(tmp_path: Path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(f"my card number is {CARD}\n", encoding="utf-8")
    assert run("redact", str(path)).stdout == "my card number is [PAYMENT_CARD]\n"
    assert run("redact", "-", stdin=f"card {CARD}").stdout == "card [PAYMENT_CARD]\n"


def test_redact_with_operator_file(tmp_path: Path) -> None:
    ops = tmp_path / "ops.yaml"
    ops.write_text("PAYMENT_CARD: {op: mask, keep_last: 4}\n", encoding="utf-8")
    proc = run("redact", "--operators", str(ops), "-", stdin=f"card {CARD}")
    assert proc.stdout == "card **** **** **** 1111\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("redact", "/no/such/file.txt"), "no such file"),
        (("scan", "/no/such/file.txt"), "no such file"),
        (("scan", "--entities", "NOPE", "-"), "unknown entity"),
        (("evaluate", "/no/such/labels.jsonl"), "no such file"),
    ],
    ids=["redact-missing", "scan-missing", "unknown-entity", "evaluate-missing"],
)
def test_errors_are_clear_and_never_tracebacks(args: tuple[str, ...], message: str) -> None:
    proc = run(*args, stdin="x")
    assert proc.returncode != 0
    assert message in proc.stderr.lower()
    assert "Traceback" not in proc.stderr


def test_unreadable_binary_input_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\xff\xfe\x00\x81" * 10)
    proc = run("redact", str(path))
    assert proc.returncode == 2
    assert "not UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_custom_detectors_from_yaml(tmp_path: Path) -> None:
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        "version: 1\n"
        "entities:\n  - {name: EMPLOYEE_ID, category: internal.employee_id}\n"
        "detectors:\n"
        "  - {name: employee_id, entity: EMPLOYEE_ID, pattern: 'EMP-\\d{6}', max_length: 10,\n"
        "     context: [employee], score: 0.6}\n",
        encoding="utf-8",
    )
    proc = run("redact", "--custom", str(custom), "-", stdin="employee EMP-123456 called")
    assert proc.stdout == "employee [EMPLOYEE_ID] called\n", proc.stderr


def test_custom_pattern_with_backreference_is_refused(tmp_path: Path) -> None:
    custom = tmp_path / "custom.yaml"
    custom.write_text(
        "version: 1\ndetectors:\n  - {name: bad, entity: PIN, pattern: '(a+)+\\1'}\n",
        encoding="utf-8",
    )
    proc = run("scan", "--custom", str(custom), "-", stdin="aaa")
    assert proc.returncode == 2
    assert "detectors[0].pattern" in proc.stderr


def test_evaluate_prints_per_entity_scores(tmp_path: Path) -> None:
    labels = tmp_path / "labels.jsonl"
    text = f"card {CARD} and mail a@example.com"
    record = {
        "text": text,
        "spans": [
            {"start": 5, "end": 24, "entity": "PAYMENT_CARD"},
            {"start": 34, "end": 47, "entity": "EMAIL"},
        ],
    }
    labels.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "report.json"
    proc = run("evaluate", str(labels), "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "PAYMENT_CARD" in proc.stdout
    report = json.loads(out.read_text())
    assert report["any_type"]["f1"] == 1.0


SPLIT_CARD_CALL = (
    "Agent: Thanks for calling. What's the card number?\n"
    "Customer: four five three two, zero one five one\n"
    "Agent: mm-hm\n"
    "Customer: one two eight three, zero three six six\n"
    "Agent: And the expiry?\n"
    "Customer: oh nine twenty seven\n"
)


def test_redact_reads_a_labelled_plain_text_transcript_turn_by_turn(tmp_path: Path) -> None:
    source = tmp_path / "call.txt"
    source.write_text(SPLIT_CARD_CALL, encoding="utf-8")
    proc = run("redact", str(source))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "Agent: Thanks for calling. What's the card number?",
        "Customer: [PAYMENT_CARD]",
        "Agent: mm-hm",
        "Customer: [PAYMENT_CARD]",
        "Agent: And the expiry?",
        "Customer: [CARD_EXPIRY]",
    ]


def test_scan_jsonl_reads_a_labelled_transcript_turn_by_turn() -> None:
    text = "agent: what's the card number?\ncaller: 4532 0151\ncaller: 1283 0366"
    proc = run("scan", "--jsonl", stdin=json.dumps({"id": "c1", "text": text}) + "\n")
    assert proc.returncode == 0, proc.stderr
    (out,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out["id"] == "c1"
    spans = [(f["entity"], text[f["start"] : f["end"]]) for f in out["findings"]]
    assert spans == [("PAYMENT_CARD", "4532 0151"), ("PAYMENT_CARD", "1283 0366")]
