"""`redact-audio` end to end on a generated call: words (noise bursts) at known times with a
turns-JSONL transcript, a keyed PIN (DTMF) on the customer's channel, real WAV/FLAC files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from synthetic_audio import Turn, render_call, to_int16, turn, write_transcript

from callshield import Engine
from callshield.audio.command import AudioRequest, CallOptions, redact_audio
from callshield.audio.files import AudioError
from callshield.audio.plan import AudioPlan
from callshield.audio.render import TONE_LEVEL
from callshield.formats import UnknownFormatError

SR = 8000
SECONDS = 8.0
CARD = "4111 1111 1111 1111"
# The customer (channel 0) says the card at 3.0 s: "sure it is" then four digit groups, one
# every 0.3 s, each lasting 0.24 s: the card runs from 3.9 s to 4.8 + 0.24 = 5.04 s.
TURNS = (
    turn("agent", 1, 0.5, "thanks for calling how can I help you today"),
    turn("customer", 0, 3.0, f"sure it is {CARD}"),
)
CARD_START_S, CARD_END_S = 3.9, 5.04
# A PIN keyed on the customer's phone: four presses of 80 ms, 70 ms apart, from 6.0 s.
PRESSES = tuple((digit, 6.0 + i * 0.15, 0.08, 0) for i, digit in enumerate("2580"))


def make_call(tmp_path: Path, turns: tuple[Turn, ...] = TURNS, bleed_db: float = -20.0,
              subtype: str = "PCM_16", suffix: str = "wav") -> tuple[Path, Path]:  # fmt: skip
    rng = np.random.default_rng(42)
    call = render_call(turns, PRESSES, SECONDS, rng, bleed_db=bleed_db)
    audio = tmp_path / f"call.{suffix}"
    sf.write(audio, to_int16(call), SR, subtype=subtype)
    return audio, write_transcript(tmp_path / "call.jsonl", turns)


def redact(
    tmp_path: Path, engine: Engine, options: CallOptions, audio: Path, transcript: Path
) -> tuple[AudioPlan, np.ndarray, np.ndarray, dict, list[str]]:
    out = tmp_path / f"out{audio.suffix}"
    warnings: list[str] = []
    plan = redact_audio(AudioRequest(audio, transcript, out, options), engine, warnings.append)
    before, _ = sf.read(audio, dtype="int16", always_2d=True)
    after, _ = sf.read(out, dtype="int16", always_2d=True)
    manifest = json.loads((tmp_path / f"out{audio.suffix}.manifest.json").read_text())
    return plan, before, after, manifest, warnings


def redacted_mask(plan: AudioPlan, channels: int) -> np.ndarray:
    mask = np.zeros((plan.frames, channels), dtype=bool)
    for r in plan.ranges:
        mask[r.start : r.end, list(r.channels) if r.channels is not None else slice(None)] = True
    return mask


def covers_presses(start: int, end: int, padding: float = 0.1) -> bool:
    """The range covers every press with its padding, and overshoots by at most a frame."""
    first = (PRESSES[0][1] - padding) * SR
    last = (PRESSES[-1][1] + PRESSES[-1][2] + padding) * SR
    return first - 0.0256 * SR <= start <= first and last <= end <= last + 0.0256 * SR


def test_generated_call_has_exactly_the_planned_ranges_silenced(
    tmp_path: Path, engine: Engine
) -> None:
    audio, transcript = make_call(tmp_path)
    plan, before, after, manifest, warnings = redact(
        tmp_path, engine, CallOptions(), audio, transcript
    )
    card, pin = plan.ranges
    # The card: its words padded by 0.1 s, in whole samples, on all channels.
    assert (card.start, card.end, card.channels) == (
        round((CARD_START_S - 0.1) * SR), round((CARD_END_S + 0.1) * SR), None
    )  # fmt: skip
    assert card.entities == ("PAYMENT_CARD",)
    # The four presses merged (gaps shorter than the padding), on all channels.
    assert covers_presses(pin.start, pin.end) and pin.channels is None
    assert (pin.entities, pin.dtmf_tones) == (("DTMF",), 4)
    # Inside: nothing of the original; outside: the input's own bits.
    mask = redacted_mask(plan, 2)
    assert (after[mask] == 0).all() and before[mask].any()
    assert np.array_equal(after[~mask], before[~mask])
    assert after.shape == before.shape and sf.info(tmp_path / "out.wav").subtype == "PCM_16"
    assert warnings == []
    assert manifest["dtmf"] == {"enabled": True, "tones": 4}
    assert [(m["start_sample"], m["end_sample"]) for m in manifest["ranges"]] == [
        (card.start, card.end), (pin.start, pin.end)
    ]  # fmt: skip
    assert manifest["ranges"][0]["reasons"] == ["transcript: PAYMENT_CARD in line[2]"]
    assert manifest["ranges"][1]["reasons"] == ["dtmf key tone (x4)"]
    assert manifest["ranges"][0]["start_s"] == pytest.approx(CARD_START_S - 0.1)
    assert (manifest["sample_rate"], manifest["channels"], manifest["frames"]) == (SR, 2, 64000)


def test_manifest_holds_no_value_and_no_keyed_digit(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path)
    *_, manifest, _ = redact(tmp_path, engine, CallOptions(), audio, transcript)
    text = json.dumps(manifest)
    assert CARD not in text and CARD.replace(" ", "") not in text and "1111" not in text
    for r in manifest["ranges"]:
        assert set(r) <= {"start_s", "end_s", "start_sample", "end_sample", "channels",
                          "entities", "reasons", "dtmf_tones"}  # fmt: skip
        assert not any(k in " ".join(r["reasons"]) for k in ("2580", "key 2", "digit"))


def test_per_channel_keeps_the_other_speakers_channel(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path, bleed_db=-60.0)
    options = CallOptions(per_channel=True, channel_map="customer=0,agent=1")
    plan, before, after, manifest, _ = redact(tmp_path, engine, options, audio, transcript)
    assert [r.channels for r in plan.ranges] == [(0,), (0,)]
    assert np.array_equal(after[:, 1], before[:, 1])  # the agent's channel is untouched
    mask = redacted_mask(plan, 2)
    assert (after[mask] == 0).all() and np.array_equal(after[~mask], before[~mask])
    assert [m["channels"] for m in manifest["ranges"]] == [[0], [0]]


def test_bleed_of_a_press_into_the_other_channel_counts_once(
    tmp_path: Path, engine: Engine
) -> None:
    audio, transcript = make_call(tmp_path, bleed_db=-15.0)
    options = CallOptions(per_channel=True, channel_map="customer=0,agent=1")
    plan, *_, manifest, _ = redact(tmp_path, engine, options, audio, transcript)
    assert plan.ranges[-1].channels == (0, 1)  # heard on both: redacted on both
    assert manifest["dtmf"]["tones"] == 4


def test_tone_mode_replaces_the_ranges_with_the_tone(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path)
    plan, before, after, manifest, _ = redact(
        tmp_path, engine, CallOptions(tone=True), audio, transcript
    )
    mask = redacted_mask(plan, 2)
    for r in plan.ranges:
        n = np.arange(r.start, r.end)
        tone = np.round(TONE_LEVEL * 32768 * np.sin(2 * np.pi * 1000 * n / SR)).astype(np.int16)
        assert np.array_equal(after[r.start : r.end, 0], tone)
        assert np.array_equal(after[r.start : r.end, 1], tone)
    assert np.array_equal(after[~mask], before[~mask])
    assert manifest["mode"] == "tone"


def test_flac_call_stays_flac(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path, suffix="flac")
    plan, before, after, _, _ = redact(tmp_path, engine, CallOptions(), audio, transcript)
    assert sf.info(tmp_path / "out.flac").format == "FLAC"
    mask = redacted_mask(plan, 2)
    assert (after[mask] == 0).all() and np.array_equal(after[~mask], before[~mask])


def test_no_dtmf_leaves_the_key_presses(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path)
    plan, before, after, manifest, _ = redact(
        tmp_path, engine, CallOptions(dtmf=False), audio, transcript
    )
    assert [r.entities for r in plan.ranges] == [("PAYMENT_CARD",)]
    press = slice(round(6.0 * SR), round(6.6 * SR))
    assert np.array_equal(after[press], before[press])
    assert manifest["dtmf"] == {"enabled": False, "tones": 0}


def test_transcript_longer_than_the_audio_is_clamped_with_a_warning(
    tmp_path: Path, engine: Engine
) -> None:
    late = (*TURNS, turn("customer", 0, 7.5, f"again {CARD}"))  # runs to 8.94 s
    audio, transcript = make_call(tmp_path, turns=late)
    plan, _, after, manifest, warnings = redact(tmp_path, engine, CallOptions(), audio, transcript)
    assert len(warnings) == 1 and "transcript runs to 8.940 s" in warnings[0]
    assert "1 redacted range(s) clamped" in warnings[0]
    assert plan.ranges[-1].end == 64000 and plan.ranges[-1].start == round(7.7 * SR)
    assert (after[round(7.7 * SR) :] == 0).all()
    assert manifest["warnings"] == warnings


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (CallOptions(per_channel=True, channel_map="customer=0,agent=2"), "names channel 2"),
        (CallOptions(per_channel=True, channel_map="customer=0"), "does not name the speaker"),
        (CallOptions(per_channel=True, channel_map="customer:0"), "not SPEAKER=CHANNEL"),
        (CallOptions(per_channel=True), "needs --channel-map"),
        (CallOptions(channel_map="customer=0,agent=1"), "only with --per-channel"),
        (CallOptions(padding_s=-1.0), "--padding"),
    ],
    ids=["channel-out-of-range", "speaker-missing", "syntax", "no-map", "map-alone", "padding"],
)
def test_mismatched_options_are_clear_errors_and_write_nothing(
    tmp_path: Path, engine: Engine, options: CallOptions, message: str
) -> None:
    audio, transcript = make_call(tmp_path)
    with pytest.raises(AudioError, match=message):
        redact(tmp_path, engine, options, audio, transcript)
    assert not (tmp_path / "out.wav").exists()


def test_output_over_the_input_is_refused(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path)
    original = audio.read_bytes()
    with pytest.raises(AudioError, match="would overwrite the input"):
        redact_audio(AudioRequest(audio, transcript, audio), engine)
    assert audio.read_bytes() == original


def test_manifest_in_a_missing_directory_is_refused_before_writing(
    tmp_path: Path, engine: Engine
) -> None:
    audio, transcript = make_call(tmp_path)
    out = tmp_path / "o.wav"
    request = AudioRequest(audio, transcript, out, manifest=tmp_path / "no" / "m.json")
    with pytest.raises(AudioError, match="does not exist"):
        redact_audio(request, engine)
    assert not out.exists()


def test_finding_without_a_time_fails_closed(tmp_path: Path, engine: Engine) -> None:
    audio, _ = make_call(tmp_path)
    plain = tmp_path / "call.txt"
    plain.write_text(f"customer: my card is {CARD}\n", encoding="utf-8")
    with pytest.raises(AudioError, match=r"1 finding.*no audio time"):
        redact(tmp_path, engine, CallOptions(), audio, plain)
    assert not (tmp_path / "out.wav").exists()


def test_unknown_transcript_format_is_an_error(tmp_path: Path, engine: Engine) -> None:
    audio, transcript = make_call(tmp_path)
    request = AudioRequest(audio, transcript, tmp_path / "o.wav", transcript_format="nope")
    with pytest.raises(UnknownFormatError, match="unknown format 'nope'"):
        redact_audio(request, engine)


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "callshield", "redact-audio", *map(str, args)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_cli_redacts_a_call_with_its_transcript(tmp_path: Path) -> None:
    audio, transcript = make_call(tmp_path)
    proc = cli(audio, transcript, "-o", tmp_path / "o.wav", "--padding", "0.05")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "redacted 2 range(s)" in proc.stderr
    manifest = json.loads((tmp_path / "o.wav.manifest.json").read_text())
    assert manifest["padding_s"] == 0.05 and manifest["transcript_format"] == "turns_jsonl"
    first = manifest["ranges"][0]
    assert (first["start_sample"], first["end_sample"]) == (
        round((CARD_START_S - 0.05) * SR), round((CARD_END_S + 0.05) * SR)
    )  # fmt: skip
    after, _ = sf.read(tmp_path / "o.wav", dtype="int16")
    assert (after[first["start_sample"] : first["end_sample"]] == 0).all()
    assert CARD not in proc.stderr


def test_cli_options_manifest_path_tone_and_per_channel(tmp_path: Path) -> None:
    audio, transcript = make_call(tmp_path, bleed_db=-60.0)
    manifest = tmp_path / "m.json"
    proc = cli(audio, transcript, "-o", tmp_path / "o.wav", "--tone", "--per-channel",
               "--channel-map", "customer=0,agent=1", "--manifest", manifest)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    data = json.loads(manifest.read_text())
    assert data["mode"] == "tone" and data["per_channel"] is True
    assert [r["channels"] for r in data["ranges"]] == [[0], [0]]


@pytest.mark.parametrize(
    ("make_args", "message"),
    [
        (lambda a, t, o: (t, t, "-o", o), "cannot read audio"),
        (lambda a, t, o: (a, t, "-o", o, "--per-channel", "--channel-map", "agent=5"),
         "--channel-map: item 1 names channel 5"),
        (lambda a, t, o: (a, t, "-o", o, "--format", "nope"), "unknown format 'nope'"),
        (lambda a, t, o: (a, a.with_name("none.jsonl"), "-o", o), "no such file"),
        (lambda a, t, o: (a, t, "-o", o.with_suffix(".flac")), "suggests FLAC"),
    ],
    ids=["unreadable-audio", "channel-map", "format", "no-transcript", "suffix"],
)  # fmt: skip
def test_cli_errors_are_one_line_without_traceback(
    tmp_path: Path, make_args: object, message: str
) -> None:
    audio, transcript = make_call(tmp_path)
    proc = cli(*make_args(audio, transcript, tmp_path / "o.wav"))  # type: ignore[operator]
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ")
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_cli_warns_when_the_transcript_is_longer(tmp_path: Path) -> None:
    audio, transcript = make_call(tmp_path, turns=(*TURNS, turn("customer", 0, 7.6, "bye now")))
    proc = cli(audio, transcript, "-o", tmp_path / "o.wav")
    assert proc.returncode == 0
    assert proc.stderr.startswith("warning: the transcript runs to")


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_real_synthetic_speech_is_not_taken_for_key_tones(tmp_path: Path) -> None:
    wav = tmp_path / "speech.wav"
    subprocess.run(
        ["espeak-ng", "-w", str(wav), "my card number is four one one one, thank you"],
        check=True, timeout=60,
    )  # fmt: skip
    from callshield.audio.dtmf import detect_dtmf
    from callshield.audio.files import read_recording

    recording = read_recording(wav)
    assert detect_dtmf(recording.channel_as_float(0), recording.sample_rate) == ()
