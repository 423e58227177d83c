"""DTMF detection on synthetic signals: every key at realistic levels and in noise, the
standard's timing, frequency and twist limits, and no false positives on speech-like sounds."""

from __future__ import annotations

import numpy as np
import pytest
from synthetic_audio import (
    KEYPAD,
    VOWELS,
    dtmf_tone,
    key_index,
    note,
    vowel,
    word_burst,
)

from callshield.audio.dtmf import DtmfTone, detect_dtmf, frame_keys

SR = 8000


def padded(signal: np.ndarray, before: int = 1200, after: int = 1200) -> np.ndarray:
    return np.concatenate([np.zeros(before), signal, np.zeros(after)])


def add_noise(signal: np.ndarray, snr_db: float, tone_db: float, rng: np.random.Generator):
    power = 2 * 10 ** (tone_db / 10)  # two tones
    return signal + rng.standard_normal(signal.size) * np.sqrt(power / 10 ** (snr_db / 10))


def majority_key(signal: np.ndarray, sample_rate: int = SR) -> int:
    keys, _, _ = frame_keys(signal, sample_rate)
    found = keys[keys >= 0]
    assert found.size, "no frame recognised a key"
    values, counts = np.unique(found, return_counts=True)
    assert len(values) == 1, "frames disagree on the key"
    return int(values[np.argmax(counts)])


@pytest.mark.parametrize("key", list(KEYPAD))
@pytest.mark.parametrize(
    ("level_db", "twist_db", "snr_db"),
    [(-6, -2, None), (-20, 2, None), (-30, -4, None), (-15, -2, 20), (-20, 3, 12)],
    ids=["loud", "reverse-twist", "quiet", "noise-20dB", "noise-12dB"],
)
def test_every_key_is_found_once_with_its_range(
    key: str, level_db: float, twist_db: float, snr_db: float | None
) -> None:
    rng = np.random.default_rng(key_index(key))
    tone = dtmf_tone(key, 0.08, rng, level_db=level_db, twist_db=twist_db)
    signal = padded(tone, before=1200 + key_index(key) * 7)
    if snr_db is not None:
        signal = add_noise(signal, snr_db, level_db, rng)
    (found,) = detect_dtmf(signal, SR)
    true_start, true_end = 1200 + key_index(key) * 7, 1200 + key_index(key) * 7 + tone.size
    assert found.start <= true_start and true_end <= found.end  # the whole press is covered
    # ... and the widening (a hop plus partly covered edge frames) stays within one frame.
    assert true_start - found.start <= 0.0256 * SR and found.end - true_end <= 0.0256 * SR
    assert majority_key(signal) == key_index(key)


@pytest.mark.parametrize("rate", [16000, 44100, 48000])
def test_keys_found_at_wideband_sample_rates(rate: int) -> None:
    rng = np.random.default_rng(rate)
    for key in "05#D":
        signal = padded(dtmf_tone(key, 0.06, rng, sample_rate=rate, level_db=-18), rate // 5)
        assert len(detect_dtmf(signal, rate)) == 1, key
        assert majority_key(signal, rate) == key_index(key)


def test_a_keyed_card_number_gives_one_press_per_digit() -> None:
    rng = np.random.default_rng(16)
    digits = "4111111111111111"
    parts, starts = [np.zeros(2000)], []
    for digit in digits:
        starts.append(sum(p.size for p in parts))
        parts += [dtmf_tone(digit, 0.07, rng, level_db=-16), np.zeros(round(0.06 * SR))]
    signal = add_noise(np.concatenate(parts), 25, -16, rng)
    found = detect_dtmf(signal, SR)
    assert len(found) == len(digits)  # repeated keys are told apart by the pause between
    for tone, start in zip(found, starts, strict=True):
        assert tone.start <= start and start + round(0.07 * SR) <= tone.end


@pytest.mark.parametrize("key", list(KEYPAD))
def test_minimum_duration_40ms_found_23ms_rejected(key: str) -> None:
    rng = np.random.default_rng(100 + key_index(key))
    for shift in range(0, 60, 11):
        long = padded(dtmf_tone(key, 0.040, rng, level_db=-12), before=1000 + shift)
        short = padded(dtmf_tone(key, 0.023, rng, level_db=-12), before=1000 + shift)
        assert len(detect_dtmf(long, SR)) == 1, f"40 ms at shift {shift}"
        assert detect_dtmf(short, SR) == (), f"23 ms at shift {shift}"


@pytest.mark.parametrize(
    ("detune", "found"),
    [(-0.015, 1), (0.015, 1), (-0.035, 0), (0.035, 0)],
    ids=["-1.5%", "+1.5%", "-3.5%", "+3.5%"],
)
def test_frequency_tolerance_of_the_standard(detune: float, found: int) -> None:
    rng = np.random.default_rng(7)
    for key in KEYPAD:
        signal = padded(dtmf_tone(key, 0.08, rng, level_db=-12, detune=detune))
        assert len(detect_dtmf(signal, SR)) == found, key


@pytest.mark.parametrize(
    ("twist_db", "found"),
    [(-6, 1), (4, 1), (-12, 0), (10, 0)],
    ids=["row+6dB", "col+4dB", "row+12dB", "col+10dB"],
)
def test_twist_limits(twist_db: float, found: int) -> None:
    rng = np.random.default_rng(8)
    signal = padded(dtmf_tone("5", 0.08, rng, level_db=-12, twist_db=twist_db))
    assert len(detect_dtmf(signal, SR)) == found


def test_two_row_tones_and_a_column_are_not_a_key() -> None:
    """Relative peak: the strongest row must stand well above the other rows."""
    t = np.arange(SR // 10) / SR
    three = sum(
        a * np.sin(2 * np.pi * f * t) for a, f in ((0.15, 697.0), (0.1, 770.0), (0.15, 1209.0))
    )
    assert detect_dtmf(padded(three), SR) == ()
    two = sum(0.15 * np.sin(2 * np.pi * f * t) for f in (697.0, 1209.0))
    assert len(detect_dtmf(padded(two), SR)) == 1  # the same without the extra row: a key


def test_a_harmonic_rich_note_on_a_column_frequency_is_not_a_key() -> None:
    """Second-harmonic check: DTMF tones are pure, a note on 1336 Hz has 2672 Hz too."""
    t = np.arange(SR // 10) / SR
    music = 0.2 * np.sin(2 * np.pi * 770.0 * t) + note(1336.0, 0.1)
    assert detect_dtmf(padded(music), SR) == ()


def test_too_quiet_tones_are_not_keys() -> None:
    rng = np.random.default_rng(9)
    assert detect_dtmf(padded(dtmf_tone("1", 0.1, rng, level_db=-55)), SR) == ()


def speech_like(rng: np.random.Generator) -> dict[str, np.ndarray]:
    t = np.arange(2 * SR) / SR
    cases = {
        f"vowel-{name}-{f0}Hz": vowel(0.8, f0, formants, rng)
        for name, formants in VOWELS.items()
        for f0 in (85, 120, 180, 240)
    }
    babble = np.concatenate(
        [vowel(0.15, rng.uniform(90, 250), VOWELS[v], rng) for v in rng.choice(list(VOWELS), 40)]
    )
    cases["babble"] = babble
    cases["words"] = np.concatenate([word_burst(0.25, rng) for _ in range(20)])
    cases["white-noise"] = 0.2 * rng.standard_normal(2 * SR)
    cases["chirp-up"] = 0.3 * np.sin(2 * np.pi * (300 * t + 800 * t**2 / 2))
    cases["chirp-down"] = 0.3 * np.sin(2 * np.pi * (2000 * t - 700 * t**2 / 2))
    cases["chord-C"] = note(261.6, 1.0) + note(329.6, 1.0) + note(392.0, 1.0)
    cases["chord-F"] = note(349.2, 1.0) + note(440.0, 1.0) + note(523.3, 1.0)
    # Notes whose 2nd harmonics land exactly on a row and a column frequency.
    cases["harmonics-on-dtmf"] = note(697 / 2, 1.0) + note(1209 / 2, 1.0)
    cases["two-tones-off-grid"] = 0.2 * np.sin(2 * np.pi * 1000 * t) + 0.2 * np.sin(
        2 * np.pi * 1500 * t
    )
    for freq in (*(697.0, 770.0, 852.0, 941.0), *(1209.0, 1336.0, 1477.0, 1633.0), 1000.0):
        cases[f"single-{freq:.0f}Hz"] = 0.3 * np.sin(2 * np.pi * freq * t)
    return cases


def test_no_false_positives_on_speech_music_noise_and_single_tones() -> None:
    rng = np.random.default_rng(2024)
    hits = {name: len(detect_dtmf(s, SR)) for name, s in speech_like(rng).items()}
    assert {name: n for name, n in hits.items() if n} == {}
    assert len(hits) > 35


def test_a_press_does_not_carry_its_digit() -> None:
    rng = np.random.default_rng(3)
    (tone,) = detect_dtmf(padded(dtmf_tone("7", 0.1, rng)), SR, channel=1)
    assert set(DtmfTone.__slots__) == {"start", "end", "channel"}
    assert repr(tone) == f"DtmfTone(start={tone.start}, end={tone.end}, channel=1)"


def test_short_and_silent_signals() -> None:
    assert detect_dtmf(np.zeros(100), SR) == ()
    assert detect_dtmf(np.zeros(0), SR) == ()
    assert detect_dtmf(np.zeros(SR), SR) == ()
