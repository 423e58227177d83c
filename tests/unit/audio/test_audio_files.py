"""Reading, rendering and writing recordings: exact round trips per format and subtype,
silence and tone inside the ranges only, and clear errors for what cannot be redacted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from callshield.audio import SampleRange, TimeRange, plan_redaction
from callshield.audio.files import (
    AudioError,
    check_output_suffix,
    read_recording,
    write_recording,
)
from callshield.audio.plan import AudioPlan
from callshield.audio.render import TONE_LEVEL, apply_plan, tone_block

SR = 8000


def noisy(frames: int, channels: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-0.5, 0.5, (frames, channels))


FORMATS = [
    ("WAV", "PCM_16", "int16"),
    ("WAV", "PCM_24", "int32"),
    ("WAV", "PCM_32", "int32"),
    ("WAV", "PCM_U8", "int16"),
    ("WAV", "FLOAT", "float32"),
    ("WAV", "DOUBLE", "float64"),
    ("WAV", "ULAW", "int16"),
    ("WAV", "ALAW", "int16"),
    ("FLAC", "PCM_16", "int16"),
    ("FLAC", "PCM_24", "int32"),
    ("FLAC", "PCM_S8", "int16"),
    ("AIFF", "PCM_16", "int16"),
]


@pytest.mark.parametrize(("container", "subtype", "dtype"), FORMATS, ids=str)
def test_round_trip_is_bit_identical_and_keeps_the_format(
    tmp_path: Path, container: str, subtype: str, dtype: str
) -> None:
    source = tmp_path / f"in.{container.lower()}"
    sf.write(source, noisy(4000, 2), SR, subtype=subtype, format=container)
    recording = read_recording(source)
    assert recording.samples.dtype == np.dtype(dtype)
    out = tmp_path / f"out.{container.lower()}"
    write_recording(out, recording, recording.samples)
    again, rate = sf.read(out, dtype=dtype, always_2d=True)
    info = sf.info(out)
    assert (info.format, info.subtype, rate, info.channels, info.frames) == (
        container, subtype, SR, 2, 4000
    )  # fmt: skip
    assert np.array_equal(again, recording.samples)
    assert sorted(tmp_path.iterdir()) == sorted([source, out])  # no temporary file left


def plan_of(*ranges: tuple[int, int, tuple[int, ...] | None], frames: int = 8000) -> AudioPlan:
    return AudioPlan(
        SR, frames, 0.0, tuple(SampleRange(a, b, c, ("X",), ("x",)) for a, b, c in ranges)
    )


def test_silence_on_all_channels_and_nothing_else_changes() -> None:
    samples = (noisy(8000, 2) * 20000).astype(np.int16)
    plan = plan_of((100, 900, None), (4000, 4001, None))
    out = apply_plan(samples, plan)
    inside = np.zeros(8000, dtype=bool)
    inside[100:900] = inside[4000:4001] = True
    assert (out[inside] == 0).all()
    assert np.array_equal(out[~inside], samples[~inside])
    assert out.dtype == samples.dtype and out.shape == samples.shape
    assert samples[100:900].any()  # the input was not modified in place


def test_per_channel_range_leaves_the_other_channel_untouched() -> None:
    samples = (noisy(8000, 2) * 20000).astype(np.int16)
    out = apply_plan(samples, plan_of((1000, 2000, (1,))))
    assert (out[1000:2000, 1] == 0).all()
    assert np.array_equal(out[:, 0], samples[:, 0])
    assert np.array_equal(
        np.delete(out[:, 1], np.s_[1000:2000]), np.delete(samples[:, 1], np.s_[1000:2000])
    )


def test_tone_is_a_1khz_sine_at_minus_20_dbfs_phase_locked_to_the_sample_index() -> None:
    samples = (noisy(8000, 2) * 20000).astype(np.int16)
    out = apply_plan(samples, plan_of((800, 2400, None)), tone=True)
    n = np.arange(800, 2400)
    expected = np.round(TONE_LEVEL * 32768 * np.sin(2 * np.pi * 1000 * n / SR)).astype(np.int16)
    assert np.array_equal(out[800:2400, 0], expected)
    assert np.array_equal(out[800:2400, 1], expected)
    assert np.array_equal(out[:800], samples[:800]) and np.array_equal(out[2400:], samples[2400:])
    spectrum = np.abs(np.fft.rfft(out[800:2400, 0].astype(float)))
    assert np.fft.rfftfreq(1600, 1 / SR)[np.argmax(spectrum)] == 1000.0


def test_tone_in_float_recordings() -> None:
    block = tone_block(0, 8, SR, np.dtype("float32"))
    assert block.dtype == np.float32
    assert np.allclose(block, TONE_LEVEL * np.sin(2 * np.pi * 1000 * np.arange(8) / SR))


def test_plan_must_match_the_samples() -> None:
    samples = np.zeros((100, 2), dtype=np.int16)
    with pytest.raises(ValueError, match="match"):
        apply_plan(samples, plan_of(frames=99))
    with pytest.raises(ValueError, match="channel"):
        apply_plan(samples, plan_of((0, 10, (2,)), frames=100))


def test_flac_redaction_round_trip(tmp_path: Path) -> None:
    source = tmp_path / "call.flac"
    sf.write(source, noisy(16000, 1), SR, subtype="PCM_16")
    recording = read_recording(source)
    plan = plan_redaction(
        [TimeRange(0.5, 0.75, "PHONE", "x")], sample_rate=SR, frames=16000, padding_s=0.0
    )
    out = tmp_path / "out.flac"
    write_recording(out, recording, apply_plan(recording.samples, plan))
    again, _ = sf.read(out, dtype="int16", always_2d=True)
    assert sf.info(out).format == "FLAC"
    assert (again[4000:6000] == 0).all()
    assert np.array_equal(again[:4000], recording.samples[:4000])
    assert np.array_equal(again[6000:], recording.samples[6000:])


def test_unreadable_audio_is_a_one_line_error(tmp_path: Path) -> None:
    text = tmp_path / "call.wav"
    text.write_text("this is not audio", encoding="utf-8")
    with pytest.raises(AudioError, match=r"cannot read audio .*call\.wav: not a WAV/FLAC"):
        read_recording(text)
    with pytest.raises(AudioError, match="no such file"):
        read_recording(tmp_path / "missing.wav")
    with pytest.raises(AudioError, match="not a regular file"):
        read_recording(tmp_path)


def test_truncated_flac_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "call.flac"
    sf.write(source, noisy(16000, 2), SR, subtype="PCM_16")
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    with pytest.raises(AudioError, match=r"damaged or truncated|header says"):
        read_recording(source)


def test_lossy_audio_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "call.ogg"
    sf.write(source, noisy(8000, 1), SR, format="OGG", subtype="VORBIS")
    with pytest.raises(AudioError, match="OGG/VORBIS is not supported"):
        read_recording(source)


def test_output_keeps_the_input_container(tmp_path: Path) -> None:
    source = tmp_path / "call.wav"
    sf.write(source, noisy(800, 1), SR, subtype="PCM_16")
    recording = read_recording(source)
    check_output_suffix(tmp_path / "out.wav", recording)
    check_output_suffix(tmp_path / "out.WAV", recording)
    check_output_suffix(tmp_path / "out.redacted", recording)  # not a format name: allowed
    with pytest.raises(AudioError, match="suggests FLAC but the input is WAV"):
        check_output_suffix(tmp_path / "out.flac", recording)


def test_write_into_a_missing_directory_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "call.wav"
    sf.write(source, noisy(800, 1), SR, subtype="PCM_16")
    recording = read_recording(source)
    with pytest.raises(AudioError, match="cannot write"):
        write_recording(tmp_path / "nope" / "out.wav", recording, recording.samples)
