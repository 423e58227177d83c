"""Reading and writing call recordings (EDGE: soundfile / libsndfile) without touching a sample
that is not redacted.

Samples are read in the file's native integer or float type (PCM_16 as int16, PCM_24 as the
int32 libsndfile widens it to), never through float, and written back with the same container,
subtype and endianness: a sample outside a redacted range comes out bit-identical. Lossy formats
(MP3, Ogg Vorbis, Opus) are refused: re-encoding them would change every sample.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import soundfile as sf


class AudioError(ValueError):
    """A user-facing problem with the audio or the options: one line, names no content."""


#: Subtypes we can round-trip exactly, with the dtype libsndfile gives them losslessly.
NATIVE_DTYPE = {
    "PCM_S8": "int16",
    "PCM_U8": "int16",
    "PCM_16": "int16",
    "PCM_24": "int32",
    "PCM_32": "int32",
    "FLOAT": "float32",
    "DOUBLE": "float64",
    "ULAW": "int16",
    "ALAW": "int16",
}
CONTAINERS = frozenset({"WAV", "WAVEX", "W64", "RF64", "FLAC", "AIFF"})


@dataclass(frozen=True, slots=True)
class Recording:
    """A decoded recording: (frames, channels) samples in the native dtype and how to write
    them back."""

    samples: npt.NDArray[Any] = field(repr=False)
    sample_rate: int
    container: str
    subtype: str
    endian: str

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def channels(self) -> int:
        return int(self.samples.shape[1])

    def channel_as_float(self, channel: int) -> npt.NDArray[np.float64]:
        """One channel scaled to full scale 1.0, for analysis only (never written back)."""
        return self.samples[:, channel].astype(np.float64) / full_scale(self.samples.dtype)


def full_scale(dtype: np.dtype[Any]) -> float:
    """The magnitude that stands for 1.0 in `dtype` (2**15 for int16, 1.0 for floats)."""
    if np.issubdtype(dtype, np.integer):
        return float(2 ** (8 * np.dtype(dtype).itemsize - 1))
    return 1.0


def read_recording(path: Path) -> Recording:
    """The whole recording in its native sample type; unreadable or lossy files are an
    AudioError naming the file and the problem."""
    if not path.exists():
        raise AudioError(f"cannot read audio {path}: no such file")
    if not path.is_file():
        raise AudioError(f"cannot read audio {path}: not a regular file")
    try:
        info = sf.info(str(path))
    except (sf.SoundFileError, RuntimeError, OSError):
        raise AudioError(
            f"cannot read audio {path}: not a WAV/FLAC file libsndfile reads"
        ) from None
    if info.format not in CONTAINERS or info.subtype not in NATIVE_DTYPE:
        raise AudioError(
            f"cannot redact {path}: {info.format}/{info.subtype} is not supported "
            f"(lossless WAV, FLAC, AIFF with PCM or float samples)"
        )
    try:
        samples, rate = sf.read(str(path), dtype=NATIVE_DTYPE[info.subtype], always_2d=True)
    except (sf.SoundFileError, RuntimeError, OSError):
        raise AudioError(f"cannot read audio {path}: the file is damaged or truncated") from None
    if samples.shape[0] != info.frames:
        raise AudioError(
            f"cannot read audio {path}: header says {info.frames} frames, "
            f"{samples.shape[0]} could be decoded"
        )
    return Recording(samples, int(rate), info.format, info.subtype, info.endian)


def write_recording(path: Path, recording: Recording, samples: npt.NDArray[Any]) -> None:
    """Write `samples` like `recording` (same rate, container, subtype, endianness), through a
    temporary file renamed into place so that a failure never leaves half a file."""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise AudioError(f"cannot write {path}: {exc.strerror}") from None
    os.close(handle)
    try:
        sf.write(
            temp_name,
            samples,
            recording.sample_rate,
            subtype=recording.subtype,
            endian=recording.endian,
            format=recording.container,
        )
        os.replace(temp_name, path)
    except (sf.SoundFileError, RuntimeError, OSError) as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise AudioError(f"cannot write {path}: {exc}") from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def check_output_suffix(output: Path, recording: Recording) -> None:
    """The output keeps the input's container: refuse a suffix that promises another one."""
    suffix = output.suffix.lstrip(".").upper()
    known = {name.upper() for name in sf.available_formats()}
    family = {"WAVEX": "WAV", "RF64": "WAV", "W64": "W64"}.get(recording.container)
    expected = {recording.container, family or recording.container}
    if recording.container == "AIFF":
        expected.add("AIF")
    if suffix in known | {"AIF"} and suffix not in expected:
        raise AudioError(
            f"output {output.name} suggests {suffix} but the input is {recording.container}; "
            f"the redacted call keeps the input's format"
        )
