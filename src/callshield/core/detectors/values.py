"""The shapes of values that are sensitive in context: one definition for the detectors that
read them after their cue (`contextual`) and before it (`trailing`)."""

from __future__ import annotations

from stdnum.us import rtn

PIN_VALUE = r"\b\d{4,6}\b"
CVV_VALUE = r"\b\d{3,4}\b"
ZIP_VALUE = r"\b\d{5}(?:-\d{4})?\b"
LAST4_VALUE = r"\b\d{4}\b"
OTP_VALUE = r"\b\d{4,8}\b"
ACCOUNT_VALUE = r"(?<![\w.\-])\d(?:[ \-]?\d){5,16}(?![\w]|[.\-]\d)"
ROUTING_VALUE = r"\b\d(?: ?\d){8}\b|\b\d{4}-\d{4}-\d\b"

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
EXPIRY_VALUE = (
    rf"\b(?:(?:0?[1-9]|1[0-2])\s?[/\-]\s?(?:20)?\d{{2}}|(?:0[1-9]|1[0-2])(?:20)?\d{{2}}"
    rf"|{MONTH}\s+(?:of\s+)?(?:20)?\d{{2}}"
    rf"|{MONTH}\s+(?:of\s+)?(?:twenty\s+)?(?:twenty|thirty|forty)"
    rf"(?:[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine))?)\b"
)


def routing_ok(value: str) -> str | None:
    """A reason when `value`'s digits pass the ABA routing checksum, else None."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return "routing checksum ok" if rtn.is_valid(digits) else None
