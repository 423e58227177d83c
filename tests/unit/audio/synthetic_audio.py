"""Synthetic call audio for the audio tests: DTMF presses from the standard frequency pairs,
"words" (band-limited noise bursts) at known times, speech-like vowels and music-like notes.

Everything is generated from a seeded numpy Generator, so a failing test reproduces exactly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]

ROW_HZ = (697.0, 770.0, 852.0, 941.0)
COLUMN_HZ = (1209.0, 1336.0, 1477.0, 1633.0)
#: Key of index row * 4 + column, as on a telephone keypad.
KEYPAD = "123A456B789C*0#D"


def key_index(key: str) -> int:
    return KEYPAD.index(key)


def dtmf_tone(
    key: str,
    seconds: float,
    rng: np.random.Generator,
    sample_rate: int = 8000,
    level_db: float = -12.0,
    twist_db: float = -2.0,
    detune: float = 0.0,
) -> Floats:
    """One key press: the row and column sines (random phases), each at `level_db` dBFS RMS,
    the column `twist_db` louder or quieter, both detuned by the fraction `detune`."""
    row, col = divmod(key_index(key), 4)
    t = np.arange(round(seconds * sample_rate)) / sample_rate
    amp = np.sqrt(2) * 10 ** (level_db / 20)
    low = amp * np.sin(2 * np.pi * ROW_HZ[row] * (1 + detune) * t + rng.uniform(0, 2 * np.pi))
    high = np.sin(2 * np.pi * COLUMN_HZ[col] * (1 + detune) * t + rng.uniform(0, 2 * np.pi))
    return np.asarray(low + amp * 10 ** (twist_db / 20) * high, dtype=np.float64)


def word_burst(seconds: float, rng: np.random.Generator, sample_rate: int = 8000) -> Floats:
    """A stand-in for a spoken word: noise shaped to the speech band with a smooth envelope."""
    n = round(seconds * sample_rate)
    spectrum = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / sample_rate)
    spectrum[(freqs < 200) | (freqs > 3400)] = 0
    burst = np.fft.irfft(spectrum, n)
    burst *= np.hanning(n) ** 0.5
    return np.asarray(0.2 * burst / (np.abs(burst).max() + 1e-12), dtype=np.float64)


def vowel(
    seconds: float,
    f0: float,
    formants: Sequence[tuple[float, float]],
    rng: np.random.Generator,
    sample_rate: int = 8000,
) -> Floats:
    """A sustained synthetic vowel: a jittered glottal pulse train through formant resonances
    (centre, bandwidth in Hz), the classic source-filter model of voiced speech."""
    n = round(seconds * sample_rate)
    pulses = np.zeros(n)
    t = 0.0
    while t < n:
        pulses[int(t)] = 1.0
        t += sample_rate / (f0 * (1 + 0.01 * rng.standard_normal()))
    freqs = np.fft.rfftfreq(n, 1 / sample_rate)
    response = sum(1 / (1 + 1j * (freqs - f) / (b / 2)) for f, b in formants)
    out = np.fft.irfft(np.fft.rfft(pulses) * response, n)
    return np.asarray(0.3 * out / np.abs(out).max(), dtype=np.float64)


#: (F1, B1), (F2, B2), (F3, B3) of some English vowels (Peterson & Barney averages).
VOWELS = {
    "a": ((730, 90), (1090, 110), (2440, 120)),
    "i": ((270, 60), (2290, 90), (3010, 100)),
    "u": ((300, 60), (870, 70), (2240, 100)),
    "ae": ((660, 80), (1720, 100), (2410, 120)),
    "er": ((490, 70), (1350, 80), (1690, 100)),
    "o": ((570, 70), (840, 80), (2410, 100)),
}


def note(freq: float, seconds: float, sample_rate: int = 8000) -> Floats:
    """A harmonic-rich musical note (five harmonics, falling as 1/k)."""
    t = np.arange(round(seconds * sample_rate)) / sample_rate
    return np.asarray(
        sum((0.2 / k) * np.sin(2 * np.pi * freq * k * t) for k in range(1, 6)), dtype=np.float64
    )


def to_int16(signal: Floats) -> npt.NDArray[np.int16]:
    return np.asarray(np.clip(np.round(signal * 32768), -32768, 32767), dtype=np.int16)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class Turn:
    speaker: str
    channel: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def turn(speaker: str, channel: int, start_s: float, text: str, word_s: float = 0.3) -> Turn:
    """A turn whose words follow each other every `word_s` seconds, each lasting 80% of it."""
    words = tuple(
        Word(w, round(start_s + i * word_s, 3), round(start_s + i * word_s + 0.8 * word_s, 3))
        for i, w in enumerate(text.split())
    )
    return Turn(speaker, channel, words)


def turns_jsonl(turns: Sequence[Turn]) -> str:
    """The generic turns JSONL transcript of the issue: speaker, start, end, text, words."""
    lines = [
        json.dumps(
            {
                "speaker": t.speaker,
                "start": t.words[0].start_s,
                "end": t.words[-1].end_s,
                "text": t.text,
                "words": [{"w": w.text, "start": w.start_s, "end": w.end_s} for w in t.words],
            }
        )
        for t in turns
    ]
    return "\n".join(lines) + "\n"


def render_call(
    turns: Sequence[Turn],
    presses: Sequence[tuple[str, float, float, int]],
    seconds: float,
    rng: np.random.Generator,
    channels: int = 2,
    sample_rate: int = 8000,
    bleed_db: float = -20.0,
) -> Floats:
    """A (frames, channels) call: each word a burst on its speaker's channel, each DTMF press
    (key, start, duration, channel) a tone, each heard `bleed_db` quieter on the other
    channels, plus a little background noise everywhere."""
    out = 0.002 * rng.standard_normal((round(seconds * sample_rate), channels))
    bleed = 10 ** (bleed_db / 20)
    for t in turns:
        for w in t.words:
            start = round(w.start_s * sample_rate)
            _mix(out, start, word_burst(w.end_s - w.start_s, rng, sample_rate), t.channel, bleed)
    for key, start_s, length_s, channel in presses:
        tone = dtmf_tone(key, length_s, rng, sample_rate)
        _mix(out, round(start_s * sample_rate), tone, channel, bleed)
    return out


def _mix(out: Floats, start: int, signal: Floats, channel: int, bleed: float) -> None:
    signal = signal[: max(0, out.shape[0] - start)]  # what runs past the end is cut off
    for c in range(out.shape[1]):
        out[start : start + signal.size, c] += signal * (1.0 if c == channel else bleed)


def write_transcript(path: Path, turns: Sequence[Turn]) -> Path:
    path.write_text(turns_jsonl(turns), encoding="utf-8")
    return path
