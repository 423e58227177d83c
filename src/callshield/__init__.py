"""Callshield: find and redact sensitive data in contact-center transcripts, chats and e-mail."""

from callshield.core.entities import Catalogue, EntityType, UnknownEntityError, UnknownLocaleError
from callshield.core.finding import Finding, Span
from callshield.core.redaction import RedactionResult
from callshield.engine import DEFAULT_MIN_SCORE, Engine

__all__ = [
    "DEFAULT_MIN_SCORE",
    "Catalogue",
    "Engine",
    "EntityType",
    "Finding",
    "RedactionResult",
    "Span",
    "UnknownEntityError",
    "UnknownLocaleError",
]
__version__ = "0.1.0"
