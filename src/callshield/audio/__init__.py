"""Call audio redaction (EDGE): silence or tone out the time ranges of redacted words and of
DTMF key presses, keeping every other sample bit-identical.

    plan = plan_redaction(ranges, sample_rate=8000, frames=n, padding_s=0.1)   # pure
    out = render.apply_plan(samples, plan, tone=False)                         # numpy
    command.redact_audio(request, engine)                                      # files

Only the pure planner is imported here, so `import callshield.audio` costs no numpy.
"""

from callshield.audio.plan import (
    DEFAULT_PADDING_S,
    DTMF_ENTITY,
    AudioPlan,
    SampleRange,
    TimeRange,
    plan_redaction,
)

__all__ = [
    "DEFAULT_PADDING_S",
    "DTMF_ENTITY",
    "AudioPlan",
    "SampleRange",
    "TimeRange",
    "plan_redaction",
]
