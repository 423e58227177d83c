"""Streaming redaction of live transcripts: turns go in as they are finalised and come out
redacted, held back only while they may still be part of a sensitive value (bounded)."""

from callshield.stream.fragments import NUMBER_FRAGMENT
from callshield.stream.redactor import Released, StreamingRedactor

__all__ = ["NUMBER_FRAGMENT", "Released", "StreamingRedactor"]
