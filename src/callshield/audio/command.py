"""`callshield redact-audio`: silence (or tone out) every redacted word and every DTMF key
press of a call recording, and write a manifest of what was removed and why.

The CLI keeps only a thin wrapper; this module does the work so that numpy and soundfile are
imported only when this command runs.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy.typing as npt

from callshield.audio.dtmf import DtmfTone, detect_dtmf
from callshield.audio.files import (
    AudioError,
    Recording,
    check_output_suffix,
    read_recording,
    write_recording,
)
from callshield.audio.plan import (
    DEFAULT_PADDING_S,
    DTMF_ENTITY,
    AudioPlan,
    SampleRange,
    TimeRange,
    plan_redaction,
)
from callshield.audio.render import TONE_HZ, TONE_LEVEL, apply_plan
from callshield.audio.transcript import (
    ChannelsOf,
    all_channels,
    finding_time_ranges,
    parse_channel_map,
    speaker_channels,
    transcript_end_s,
)
from callshield.core.document import Document
from callshield.engine import Engine
from callshield.formats import read_content
from callshield.pipeline import scan

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class CallOptions:
    """How to redact a call, whatever the files are."""

    tone: bool = False
    padding_s: float = DEFAULT_PADDING_S
    per_channel: bool = False
    channel_map: str | None = None
    dtmf: bool = True


@dataclass(frozen=True, slots=True)
class AudioRequest:
    """One `redact-audio` run: the files and the options."""

    audio: Path
    transcript: Path
    output: Path
    options: CallOptions = CallOptions()
    manifest: Path | None = None
    transcript_format: str | None = None

    @property
    def manifest_path(self) -> Path:
        return self.manifest or self.output.with_name(self.output.name + ".manifest.json")


@dataclass(frozen=True, slots=True)
class RedactedCall:
    """The redacted samples, the plan they came from, the key presses found and warnings."""

    samples: npt.NDArray[Any] = field(repr=False)
    plan: AudioPlan
    dtmf_presses: int
    warnings: tuple[str, ...]


def redact_call(
    recording: Recording, document: Document, engine: Engine, options: CallOptions
) -> RedactedCall:
    """Scan the transcript, find the key presses, plan and apply: no file is touched."""
    _check_options(options)
    ranges, warnings = _transcript_ranges(options, document, engine, recording)
    tones = _dtmf_tones(recording) if options.dtmf else ()
    presses = dtmf_time_ranges(tones, recording.sample_rate, options.per_channel)
    plan = plan_redaction(
        ranges + presses,
        sample_rate=recording.sample_rate,
        frames=recording.frames,
        padding_s=options.padding_s,
    )
    samples = apply_plan(recording.samples, plan, tone=options.tone)
    return RedactedCall(samples, plan, len(presses), tuple(warnings))


def _stderr_warning(message: str) -> None:
    sys.stderr.write(f"warning: {message}\n")


def redact_audio(request: AudioRequest, engine: Engine, warn: Warn = _stderr_warning) -> AudioPlan:
    """Read the files, redact the call, write the audio and then the manifest."""
    _check_options(request.options)
    if request.output.resolve() == request.audio.resolve():
        raise AudioError("the output would overwrite the input recording; choose another -o")
    for target in (request.output, request.manifest_path):
        if not target.parent.is_dir():
            raise AudioError(f"cannot write {target}: directory {target.parent} does not exist")
    recording = read_recording(request.audio)
    check_output_suffix(request.output, recording)
    document, transcript_format = _read_transcript(request)
    call = redact_call(recording, document, engine, request.options)
    for message in call.warnings:
        warn(message)
    write_recording(request.output, recording, call.samples)
    manifest = build_manifest(request, recording, call, transcript_format)
    _write_text(request.manifest_path, json.dumps(manifest, indent=2) + "\n")
    return call.plan


def run_command(request: AudioRequest, engine: Engine) -> None:
    """The CLI body: redact, then one summary line on stderr (stdout stays empty)."""
    plan = redact_audio(request, engine)
    seconds = sum(r.end - r.start for r in plan.ranges) / plan.sample_rate
    sys.stderr.write(
        f"redacted {len(plan.ranges)} range(s), {seconds:.2f} s, into {request.output}; "
        f"manifest {request.manifest_path}\n"
    )


def _check_options(options: CallOptions) -> None:
    if not options.padding_s >= 0 or options.padding_s == float("inf"):
        raise AudioError("--padding must be zero or more seconds")
    if options.per_channel and not options.channel_map:
        raise AudioError("--per-channel needs --channel-map SPEAKER=CHANNEL,...")
    if options.channel_map and not options.per_channel:
        raise AudioError("--channel-map is used only with --per-channel")


def _read_transcript(request: AudioRequest) -> tuple[Document, str]:
    try:
        data = request.transcript.read_bytes()
    except FileNotFoundError:
        raise AudioError(f"cannot read transcript {request.transcript}: no such file") from None
    except OSError as exc:
        raise AudioError(f"cannot read transcript {request.transcript}: {exc.strerror}") from None
    parsed = read_content(data, request.transcript.name, request.transcript_format)
    if parsed.errors:
        first = parsed.errors[0]
        raise AudioError(
            f"transcript: {len(parsed.errors)} part(s) could not be read (first: {first.part}: "
            f"{first.message}); their words cannot be located in the audio"
        )
    return parsed.document, parsed.format


def _transcript_ranges(
    options: CallOptions, document: Document, engine: Engine, recording: Recording
) -> tuple[list[TimeRange], list[str]]:
    channels_of: ChannelsOf = all_channels
    if options.per_channel and options.channel_map:
        mapping = parse_channel_map(options.channel_map, recording.channels)
        channels_of = speaker_channels(document, mapping)
    ranges = finding_time_ranges(document, scan(document, engine), channels_of)
    warnings = []
    duration = recording.frames / recording.sample_rate
    end = transcript_end_s(document)
    if end is not None and end > duration + 1 / recording.sample_rate:
        clamped = sum(1 for r in ranges if r.end_s > duration)
        warnings.append(
            f"the transcript runs to {end:.3f} s but the audio lasts {duration:.3f} s; "
            f"{clamped} redacted range(s) clamped to the end of the audio"
        )
    return ranges, warnings


def _dtmf_tones(recording: Recording) -> tuple[DtmfTone, ...]:
    tones: list[DtmfTone] = []
    for channel in range(recording.channels):
        signal = recording.channel_as_float(channel)
        tones.extend(detect_dtmf(signal, recording.sample_rate, channel))
    return tuple(tones)


def dtmf_time_ranges(
    tones: tuple[DtmfTone, ...] | list[DtmfTone], sample_rate: int, per_channel: bool
) -> list[TimeRange]:
    """One TimeRange per key press. A press heard on several channels at once (bleed) is one
    press on those channels; without `per_channel` it is redacted on all channels."""
    presses: list[tuple[int, int, set[int]]] = []
    for tone in sorted(tones, key=lambda t: (t.start, t.end)):
        if presses and tone.start < presses[-1][1] and tone.channel not in presses[-1][2]:
            start, end, channels = presses[-1]
            presses[-1] = (start, max(end, tone.end), channels | {tone.channel})
        else:
            presses.append((tone.start, tone.end, {tone.channel}))
    return [
        TimeRange(
            start / sample_rate,
            end / sample_rate,
            DTMF_ENTITY,
            "dtmf key tone",
            frozenset(channels) if per_channel else None,
        )
        for start, end, channels in presses
    ]


def build_manifest(
    request: AudioRequest, recording: Recording, call: RedactedCall, transcript_format: str
) -> dict[str, Any]:
    """What was removed and why: places, entities, counts; never a value or a keyed digit."""
    options, plan = request.options, call.plan
    return {
        "version": 1,
        "input": str(request.audio),
        "transcript": str(request.transcript),
        "transcript_format": transcript_format,
        "output": str(request.output),
        "format": recording.container,
        "subtype": recording.subtype,
        "sample_rate": recording.sample_rate,
        "channels": recording.channels,
        "frames": recording.frames,
        "padding_s": options.padding_s,
        "mode": "tone" if options.tone else "silence",
        **({"tone_hz": TONE_HZ, "tone_level": TONE_LEVEL} if options.tone else {}),
        "per_channel": options.per_channel,
        "dtmf": {"enabled": options.dtmf, "tones": call.dtmf_presses},
        "ranges": [_manifest_range(plan, r) for r in plan.ranges],
        "redacted_s": sum(r.end - r.start for r in plan.ranges) / plan.sample_rate,
        "warnings": list(call.warnings),
    }


def _manifest_range(plan: AudioPlan, r: SampleRange) -> dict[str, Any]:
    return {
        "start_s": plan.seconds(r.start),
        "end_s": plan.seconds(r.end),
        "start_sample": r.start,
        "end_sample": r.end,
        "channels": list(r.channels) if r.channels is not None else "all",
        "entities": list(r.entities),
        "reasons": list(r.reasons),
        **({"dtmf_tones": r.dtmf_tones} if r.dtmf_tones else {}),
    }


def _write_text(path: Path, text: str) -> None:
    """Write through a temporary file renamed into place: never half a manifest."""
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise AudioError(f"cannot write manifest {path}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp_name, path)
    except OSError as exc:
        Path(temp_name).unlink(missing_ok=True)
        raise AudioError(f"cannot write manifest {path}: {exc.strerror}") from None
