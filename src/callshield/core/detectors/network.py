"""IP addresses (IPv4 and IPv6), validated with the standard library's `ipaddress`."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate, Cues, context_reason, matches_near
from callshield.core.detection.prefilter import Trigger
from callshield.core.detection.spoken_words import TENS
from callshield.core.entities import IP_ADDRESS, EntityType

_V4 = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w]|\.\d)")
_V6 = re.compile(
    r"(?<![\w:.])(?:[0-9A-F]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-F]{1,4}|:)?"
    r"(?:%[\w.]{1,15})?(?![\w:]|\.\d)",
    re.IGNORECASE,
)
#: An address said aloud, as the spoken-form normaliser leaves it: its groups in digits (a
#: tens word alone stays a word), "dot" between them: "203 dot 217 dot 125 dot 103".
_TENS = {"ten": 10, **{word: 10 * digit for word, digit in TENS.items()}}
_GROUP = rf"(?:\d{{1,3}}|{'|'.join(_TENS)})"
_SPOKEN_V4 = re.compile(
    rf"(?<![\w.]){_GROUP}(?:[ \t]+(?:dot|point)[ \t]+{_GROUP}){{3}}(?![\w]|[ \t]+(?:dot|point)\b)",
    re.IGNORECASE,
)
_CUES = Cues(
    [
        "ip", "ip address", "address", "ipv4", "ipv6", "host", "server", "from", "router",
        "src", "dst", "source", "destination", "unspecified", "loopback",
    ]
)  # fmt: skip
_NEGATIVE = Cues(["version", "v", "build", "release", "firmware", "ver"])


@dataclass(frozen=True, slots=True)
class IpAddressDetector:
    name: str = "ip_address"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({IP_ADDRESS})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (
            Trigger(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b", max_len=15, caseless=False),
            Trigger(r"[0-9A-F]{0,4}:[0-9A-F]{0,4}:[0-9A-F]{0,4}", max_len=14),
            Trigger(r"\d[ \t]dot[ \t]\w+[ \t]dot[ \t]", max_len=24, caseless=False),
        )

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for match in matches_near(_V4, text, hits[0], back=16):
            cand = _candidate(text, match, match.group(), 0.8)
            if cand is not None:
                yield cand
        for match in matches_near(_V6, text, hits[1], back=45, ahead=45):
            cand = _candidate(text, match, match.group().split("%")[0], 0.85)
            if cand is not None:
                yield cand
        for match in matches_near(_SPOKEN_V4, text, hits[2], back=40, ahead=40):
            groups = re.split(r"[ \t]+(?:dot|point)[ \t]+", match.group(), flags=re.IGNORECASE)
            raw = ".".join(str(_TENS.get(g.lower(), g)) for g in groups)
            cand = _candidate(text, match, raw, 0.8)
            if cand is not None:
                yield cand


def _candidate(text: str, match: re.Match[str], raw: str, score: float) -> Candidate | None:
    if raw.strip(":") == "" and not _CUES.before(text, match.start(), max_words=2):
        return None  # "::" alone is usually punctuation; after "ipv6" or "src=" it is an address
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return None
    reasons = [f"valid ipv{address.version}"]
    context = _CUES.before(text, match.start(), max_words=5)
    if context:
        reasons.append(context_reason(context))
        score = 0.95
    elif _NEGATIVE.before(text, match.start(), max_words=2):
        reasons.append("looks like a version number")
        score = 0.3
    return Candidate(IP_ADDRESS, match.start(), match.end(), score, tuple(reasons), str(address))
