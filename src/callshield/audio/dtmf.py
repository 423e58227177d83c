"""DTMF key-tone detection: find where a caller keyed digits, never which digits.

The digits are the secret (a card number or PIN keyed on the phone), so nothing here returns,
logs or stores them: a detected tone is only a sample range. Inside, each frame is classified
to a key index to tell one key press from the next; that index never leaves this module except
through `frame_keys`, which tests use to check the classifier.

Method (after ITU-T Q.24 and the classic Goertzel receivers): Hann-windowed frames of ~25.6 ms
with a 6.4 ms hop; the power at the 8 DTMF frequencies and at their second harmonics is the
single DFT bin that Goertzel's recursion computes, evaluated for all frames at once as one
matrix product (the same numbers, computed by BLAS instead of a Python-level loop). A frame
holds a key when exactly one row and one column tone stand out: both loud enough, each well
above the others of its group, twist within bounds, the pair carrying most of the frame's
energy, and no strong second harmonic (speech and music have harmonics; DTMF has none).
A press must last about 40 ms (`MIN_PRESS_FRAMES`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

ROW_HZ = (697.0, 770.0, 852.0, 941.0)
COLUMN_HZ = (1209.0, 1336.0, 1477.0, 1633.0)
FRAME_S = 0.0256
HOP_S = FRAME_S / 4
#: A press must span this many frames: at this framing a 40 ms tone gives 5 or 6 detecting
#: frames and a 23 ms blip at most 4 (over all keys and alignments; the tests pin both).
MIN_PRESS_FRAMES = 5
#: A press may drop out for this many frames (noise, a click) and still count as one press.
MAX_GAP_FRAMES = 1
#: Each tone's power must reach this (about -45 dBFS per tone, full scale 1.0).
MIN_TONE_POWER = 10 ** (-45 / 10) / 2
#: Normal twist (row louder than column) and reverse twist limits, as power ratios (8 / 6 dB).
MAX_NORMAL_TWIST = 10 ** (8 / 10)
MAX_REVERSE_TWIST = 10 ** (6 / 10)
#: The strongest tone of a group must exceed the others of its group by this (power, 10 dB).
MIN_RELATIVE_PEAK = 10.0
#: Share of the frame's power that the row and column tones together must carry.
MIN_TONE_SHARE = 0.55
#: A second harmonic this strong (relative to its fundamental, -15 dB) means speech or music.
MAX_HARMONIC_RATIO = 10 ** (-15 / 10)
_FRAMES_PER_BLOCK = 4096

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class DtmfTone:
    """One key press: samples [start, end) of one channel. Which key it was is not kept."""

    start: int
    end: int
    channel: int

    def __repr__(self) -> str:
        return f"DtmfTone(start={self.start}, end={self.end}, channel={self.channel})"


@dataclass(frozen=True, slots=True)
class _Framing:
    sample_rate: int
    length: int
    hop: int
    basis: FloatArray  # (length, 2 * 16): windowed cos and sin at the 16 frequencies
    window_sq: FloatArray  # squared window, to weigh the frame's own power alike
    window_power: float  # sum of squared window values
    window_gain: float  # sum of window values


def _framing(sample_rate: int) -> _Framing:
    length = max(16, round(FRAME_S * sample_rate))
    hop = max(1, round(HOP_S * sample_rate))
    window = np.hanning(length + 2)[1:-1]
    freqs = np.array(ROW_HZ + COLUMN_HZ)
    freqs = np.concatenate([freqs, 2 * freqs])
    phase = 2 * np.pi * np.outer(np.arange(length), freqs) / sample_rate
    basis = np.concatenate([np.cos(phase), np.sin(phase)], axis=1) * window[:, None]
    window_sq = window**2
    return _Framing(
        sample_rate, length, hop, basis, window_sq, float(np.sum(window_sq)), float(np.sum(window))
    )


def frame_powers(signal: FloatArray, sample_rate: int) -> tuple[FloatArray, FloatArray, int, int]:
    """Per frame: the power at the 8 DTMF frequencies and their 8 second harmonics (frames x
    16, as the mean power of a sinusoid, A**2 / 2) and the frame's mean power. Also returns the
    frame length and hop in samples. Frames that do not fit wholly are not analysed."""
    fr = _framing(sample_rate)
    count = 0 if signal.size < fr.length else 1 + (signal.size - fr.length) // fr.hop
    tones = np.empty((count, 16))
    total = np.empty(count)
    if count == 0:  # shorter than one frame: nothing to analyse
        return tones, total, fr.length, fr.hop
    # float32 halves the matrix work; 24 bits of mantissa are plenty to compare tone powers.
    samples = np.asarray(signal, dtype=np.float32)
    windows = np.lib.stride_tricks.sliding_window_view(samples, fr.length)[:: fr.hop]
    squares = np.lib.stride_tricks.sliding_window_view(np.square(samples), fr.length)[:: fr.hop]
    basis = fr.basis.astype(np.float32)
    window_sq = fr.window_sq.astype(np.float32)
    for first in range(0, count, _FRAMES_PER_BLOCK):  # blocks bound the memory of long calls
        block = np.ascontiguousarray(windows[first : first + _FRAMES_PER_BLOCK])
        projected = (block @ basis).astype(np.float64)
        magnitude_sq = projected[:, :16] ** 2 + projected[:, 16:] ** 2
        tones[first : first + len(block)] = 2 * magnitude_sq / fr.window_gain**2
        energy = squares[first : first + _FRAMES_PER_BLOCK] @ window_sq
        total[first : first + len(block)] = energy / fr.window_power
    return tones, total, fr.length, fr.hop


def frame_keys(signal: FloatArray, sample_rate: int) -> tuple[IntArray, int, int]:
    """Key index per frame (row * 4 + column, -1 for none), frame length and hop.

    The indices ARE the keyed digits: use them to find presses, never log or store them.
    """
    tones, total, length, hop = frame_powers(signal, sample_rate)
    return classify_frames(tones, total), length, hop


def classify_frames(tones: FloatArray, total: FloatArray) -> IntArray:
    """The receiver's checks on each frame's tone powers (frames x 16) and total power: the
    key index where one row and one column tone pass them all, else -1."""
    rows, cols = tones[:, 0:4], tones[:, 4:8]
    row, col = np.argmax(rows, axis=1), np.argmax(cols, axis=1)
    picked = np.arange(len(tones))
    row_p, col_p = rows[picked, row], cols[picked, col]
    ok = (row_p >= MIN_TONE_POWER) & (col_p >= MIN_TONE_POWER)
    ok &= (row_p <= col_p * MAX_NORMAL_TWIST) & (col_p <= row_p * MAX_REVERSE_TWIST)
    ok &= _stands_out(rows, row_p) & _stands_out(cols, col_p)
    ok &= (row_p + col_p) >= MIN_TONE_SHARE * total
    # Row harmonics (1394..1882 Hz) fall among the column tones, so only columns are checked.
    ok &= tones[picked, 12 + col] <= MAX_HARMONIC_RATIO * col_p
    return np.where(ok, row * 4 + col, -1).astype(np.int64)


def frame_geometry(sample_rate: int) -> tuple[int, int]:
    """Frame length and hop in samples at `sample_rate`."""
    fr = _framing(sample_rate)
    return fr.length, fr.hop


def _stands_out(group: FloatArray, peak: FloatArray) -> npt.NDArray[np.bool_]:
    """The peak exceeds every other tone of its group by MIN_RELATIVE_PEAK."""
    second = np.sort(group, axis=1)[:, -2]
    result: npt.NDArray[np.bool_] = peak >= MIN_RELATIVE_PEAK * second
    return result


def detect_dtmf(signal: FloatArray, sample_rate: int, channel: int = 0) -> tuple[DtmfTone, ...]:
    """Key presses in one channel (floats, full scale 1.0)."""
    samples = np.asarray(signal, dtype=np.float64)
    keys, length, hop = frame_keys(samples, sample_rate)
    return presses_from_keys(keys, length, hop, samples.size, channel)


def presses_from_keys(
    keys: IntArray, length: int, hop: int, size: int, channel: int = 0
) -> tuple[DtmfTone, ...]:
    """Runs of one key long enough to be a press, each widened by one hop on both sides: the
    edge frames that failed the checks may still hold a part of the tone."""
    tones = []
    for first, last in _presses(keys):
        if last - first + 1 < MIN_PRESS_FRAMES:
            continue
        start = max(0, first * hop - hop)
        end = min(size, last * hop + length + hop)
        tones.append(DtmfTone(start, end, channel))
    return tuple(tones)


def _presses(keys: IntArray) -> list[tuple[int, int]]:
    """Runs of frames with the same key (first and last frame), bridging short dropouts."""
    presses: list[tuple[int, int]] = []
    current_key, first, last = -1, 0, 0
    for index in np.flatnonzero(keys >= 0).tolist():
        key = int(keys[index])
        if key == current_key and index - last <= MAX_GAP_FRAMES + 1:
            last = index
            continue
        if current_key >= 0:
            presses.append((first, last))
        current_key, first, last = key, index, index
    if current_key >= 0:
        presses.append((first, last))
    return presses
