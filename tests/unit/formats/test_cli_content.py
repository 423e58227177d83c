"""`callshield scan` and `callshield redact` over content files and directories, run as a real
subprocess: stdout carries data only, errors are one line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import transcripts_samples as samples


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callshield", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "COLUMNS": "250"},  # wide enough that table cells are not cut
    )


def assert_clean(text: str) -> None:
    for gold in samples.GOLD:
        assert gold not in text, gold


def test_redact_transcript_to_stdout_with_manifest(tmp_path: Path) -> None:
    call = tmp_path / "call.json"
    call.write_bytes(samples.dumps(samples.aws()))
    manifest = tmp_path / "m.json"
    proc = run("redact", str(call), "--manifest", str(manifest))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == ["jobName", "accountId", "status", "results"]
    assert_clean(proc.stdout)
    written = json.loads(manifest.read_text())
    assert {f["entity"] for f in written["findings"]} == {"PAYMENT_CARD", "US_SSN", "EMAIL"}
    assert written["format"] == "aws_transcribe"
    assert_clean(manifest.read_text())


def test_redact_to_file_with_format_override(tmp_path: Path) -> None:
    call = tmp_path / "call.txt"  # the name says text; --format says otherwise
    call.write_bytes(samples.dumps(samples.whisper()))
    out = tmp_path / "out" / "call.json"
    proc = run("redact", str(call), "-o", str(out), "--format", "whisper")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    root = json.loads(out.read_text())
    assert root["segments"][3]["text"] == " yes, it's [PAYMENT_CARD]."
    assert_clean(out.read_text())


def test_scan_json_names_segments_and_times(tmp_path: Path) -> None:
    call = tmp_path / "call.jsonl"
    call.write_bytes(samples.jsonl(samples.turns_lines()))
    proc = run("scan", str(call), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    card = next(f for f in report["findings"] if f["entity"] == "PAYMENT_CARD")
    assert card["segment"] == "line[4]" and card["speaker"] == "customer"
    assert card["time"] is not None
    assert_clean(proc.stdout)


def test_scan_table_shows_places_and_masked_values(tmp_path: Path) -> None:
    call = tmp_path / "call.json"
    call.write_bytes(samples.dumps(samples.google()))
    proc = run("scan", str(call))
    assert proc.returncode == 0, proc.stderr
    assert "results[3]" in proc.stdout and "PAYMENT_CARD" in proc.stdout
    assert_clean(proc.stdout)


def test_malformed_transcript_is_a_clear_error(tmp_path: Path) -> None:
    call = tmp_path / "call.json"
    call.write_text('{"results": {"items": [{"type": "pronunciation"}]}}')
    proc = run("redact", str(call), "--format", "aws_transcribe")
    assert proc.returncode == 2
    assert "results.items[0].alternatives" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    proc = run("redact", str(call), "--format", "nope")
    assert proc.returncode == 2 and "unknown format" in proc.stderr


def test_bad_jsonl_line_is_a_warning_and_withheld(tmp_path: Path) -> None:
    lines = samples.jsonl(samples.chat_lines()).decode().splitlines()
    lines[2] = '{"role": "customer", "text": "4111 1111 1111 1111"'
    call = tmp_path / "chat.jsonl"
    call.write_text("\n".join(lines) + "\n")
    proc = run("redact", str(call))
    assert proc.returncode == 0, proc.stderr
    assert "line[3]" in proc.stderr and "warning" in proc.stderr
    assert len(proc.stdout.splitlines()) == len(lines)
    assert "callshield_error" in proc.stdout.splitlines()[2]
    assert_clean(proc.stdout + proc.stderr)


def make_tree(root: Path) -> None:
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "aws.json").write_bytes(samples.dumps(samples.aws()))
    (root / "sub" / "whisper.json").write_bytes(samples.dumps(samples.whisper()))
    (root / "sub" / "deeper" / "chat.jsonl").write_bytes(samples.jsonl(samples.chat_lines()))
    (root / "notes.txt").write_text(f"card {samples.CARD}\n")


def test_redact_directory_mirrors_the_tree(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_tree(src)
    manifest = tmp_path / "manifest.json"
    proc = run("redact", str(src), "-o", str(out), "--manifest", str(manifest))
    assert proc.returncode == 0, proc.stderr
    names = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert names == ["aws.json", "notes.txt", "sub/deeper/chat.jsonl", "sub/whisper.json"]
    for path in out.rglob("*"):
        if path.is_file():
            assert_clean(path.read_text())
    assert (out / "notes.txt").read_text() == "card [PAYMENT_CARD]\n"
    entries = json.loads(manifest.read_text())["files"]
    assert [e["format"] for e in entries] == ["aws_transcribe", "text", "chat_jsonl", "whisper"]
    assert "Traceback" not in proc.stderr


def test_one_bad_file_is_reported_and_the_rest_continue(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    make_tree(src)
    (src / "sub" / "blob.bin").write_bytes(b"\xff\xfe\x00\x81" * 10)
    manifest = tmp_path / "manifest.json"
    proc = run("redact", str(src), "-o", str(out), "--manifest", str(manifest))
    assert proc.returncode == 1
    assert "blob.bin" in proc.stderr and "not UTF-8" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (out / "sub" / "blob.bin").exists()  # fail closed: no raw copy
    assert (out / "sub" / "whisper.json").exists() and (out / "aws.json").exists()
    failed = [e for e in json.loads(manifest.read_text())["files"] if "error" in e]
    assert [e["file"] for e in failed] == ["sub/blob.bin"]


def test_scan_directory(tmp_path: Path) -> None:
    make_tree(tmp_path)
    proc = run("scan", str(tmp_path), "--json")
    assert proc.returncode == 0, proc.stderr
    reports = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["format"] for r in reports] == ["aws_transcribe", "text", "chat_jsonl", "whisper"]
    assert all(r["findings"] for r in reports)
    assert_clean(proc.stdout)
    table = run("scan", str(tmp_path))
    assert table.returncode == 0 and "sub/whisper.json" in table.stdout  # (named from the root)
    assert str(tmp_path) not in table.stdout


def test_redact_directory_needs_an_output_directory(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    proc = run("redact", str(tmp_path / "in"))
    assert proc.returncode == 2 and "-o" in proc.stderr
    (tmp_path / "file").write_text("x")
    proc = run("redact", str(tmp_path / "in"), "-o", str(tmp_path / "file"))
    assert proc.returncode == 2 and "not a directory" in proc.stderr


def test_stdin_stays_plain_text() -> None:
    proc = run("redact", "-", stdin=f"card {samples.CARD}")
    assert proc.stdout == "card [PAYMENT_CARD]\n"
    proc = run(
        "redact", "-", "--format", "chat_jsonl", stdin=samples.jsonl(samples.chat_lines()).decode()
    )
    assert proc.returncode == 0, proc.stderr
    assert_clean(proc.stdout)


def test_scan_table_shows_no_shape_of_a_secret(tmp_path: Path) -> None:
    # A CVV, a PIN or a one-time code shows "***", not one star per letter: "*** *** *****"
    # told "four five six" from "one two three" by its length
    call = tmp_path / "call.txt"
    call.write_text(
        "agent: and the code on the back?\ncustomer: four five six\n"
        "agent: and your pin?\ncustomer: my pin is 7731\n",
        encoding="utf-8",
    )
    proc = run("scan", str(call))
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if "CARD_CVV" in line or "PIN" in line]
    assert len(rows) == 2, proc.stdout
    assert all("*** " in row and "****" not in row and "*** ***" not in row for row in rows)
