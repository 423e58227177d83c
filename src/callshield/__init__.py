"""Callshield: find and redact sensitive data in contact-center transcripts, chats and e-mail."""

# ruff: noqa: E402 - the imports below come after the compiled modules' finder is in place
from callshield import _compiled_modules

_compiled_modules.install()  # before the first import of a module it may serve compiled

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
