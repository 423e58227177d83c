"""Applying an AudioPlan to samples: silence or a 1 kHz tone inside each range, nothing else.

Works on the native sample type, so the samples outside the ranges are the input's own bits.
The tone's phase follows the absolute sample index, so overlapping ranges on different
channels draw the same wave and a test can recompute it exactly.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from callshield.audio.files import full_scale
from callshield.audio.plan import AudioPlan

TONE_HZ = 1000.0
#: A moderate level: -20 dBFS, clearly audible as "removed" without being harsh.
TONE_LEVEL = 0.1


def tone_block(start: int, end: int, sample_rate: int, dtype: np.dtype[Any]) -> npt.NDArray[Any]:
    """The replacement tone for samples [start, end), in `dtype`."""
    index = np.arange(start, end, dtype=np.float64)
    wave = TONE_LEVEL * np.sin(2 * np.pi * TONE_HZ * index / sample_rate)
    if np.issubdtype(dtype, np.integer):
        return np.round(wave * full_scale(dtype)).astype(dtype)
    return wave.astype(dtype)


def apply_plan(
    samples: npt.NDArray[Any], plan: AudioPlan, *, tone: bool = False
) -> npt.NDArray[Any]:
    """A copy of (frames, channels) `samples` with every planned range silenced (zeros) or,
    with `tone`, replaced by the tone, on the range's channels (all when it names none)."""
    if samples.ndim != 2 or samples.shape[0] != plan.frames:
        raise ValueError("samples do not match the plan (frames, channels)")
    out = samples.copy()
    for r in plan.ranges:
        columns = list(r.channels) if r.channels is not None else list(range(samples.shape[1]))
        if any(c < 0 or c >= samples.shape[1] for c in columns):
            raise ValueError(f"range names channel outside 0..{samples.shape[1] - 1}")
        if tone:
            fill = tone_block(r.start, r.end, plan.sample_rate, samples.dtype)
            out[r.start : r.end, columns] = fill[:, None]
        else:
            out[r.start : r.end, columns] = 0
    return out
