"""Redaction: turn the findings of a text into masks, placeholders, hashes, tokens or surrogates.

Pure: `redact()` never detects and never does I/O; keys are always passed in.
"""

from callshield.core.redaction.config import OperatorConfigError, parse_operators
from callshield.core.redaction.operators import (
    Encrypt,
    Hash,
    Mask,
    Operator,
    Placeholder,
    RedactionState,
    Replace,
    TokenDecryptionError,
    UnknownKeyIdError,
    decrypt,
)
from callshield.core.redaction.redact import RedactionResult, Replacement, redact
from callshield.core.redaction.surrogates import Surrogate

__all__ = [
    "Encrypt",
    "Hash",
    "Mask",
    "Operator",
    "OperatorConfigError",
    "Placeholder",
    "RedactionResult",
    "RedactionState",
    "Replace",
    "Replacement",
    "Surrogate",
    "TokenDecryptionError",
    "UnknownKeyIdError",
    "decrypt",
    "parse_operators",
    "redact",
]
