"""Masked evidence for events and incidents: entity counts, offsets, fingerprints and previews
that show a value's shape, never the value (a card keeps at most its last four digits).

Pure functions: the texts are only read in memory to build the previews.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from callshield.core.entities import BUILTIN_ENTITIES
from callshield.core.finding import Finding

#: At most this many findings are listed one by one; the counts always cover all of them.
MAX_LISTED_FINDINGS = 50
MAX_PREVIEW_CHARS = 32
_SHAPE = re.compile(r"[^\W_]", re.UNICODE)  # letters and digits, in any script
_LONG_DIGITS = re.compile(r"\d(?:[\s.\-/]?\d){5,}")
_EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+")
#: Secrets that prove who someone is (CVV, PIN, password, security answer, one-time code): a
#: preview shows not even their length.
_NO_PREVIEW = frozenset(e.name for e in BUILTIN_ENTITIES if e.sensitive_authentication_data)


def mask_value(entity: str, value: str) -> str:
    """A preview of `value` that keeps its shape only: `**** **** **** 4242` for a card,
    `***-**-****` for an SSN, `j***@*****.com` for an e-mail, stars for the rest."""
    if entity in _NO_PREVIEW:
        return "***"  # sensitive authentication data: not even its length
    if entity == "PAYMENT_CARD":
        digits = [c for c in value if c.isdigit()]
        return "**** **** **** " + "".join(digits[-4:]) if len(digits) >= 12 else "****"
    if entity == "EMAIL" and "@" in value:
        local, _, domain = value.rpartition("@")
        tld = domain.rsplit(".", 1)[1] if "." in domain else ""
        first = local[:1] if local[:1].isalpha() else "*"
        return f"{first}***@*****" + (f".{tld}" if tld.isalpha() and len(tld) <= 6 else "")
    return _SHAPE.sub("*", value[:MAX_PREVIEW_CHARS])


def scrub_free_text(text: str | None) -> str | None:
    """Free text a person typed (a justification) with long digit runs and e-mail addresses
    reduced to their shape: people paste the very value they were stopped for."""
    if text is None:
        return None
    text = _LONG_DIGITS.sub(lambda m: _SHAPE.sub("*", m.group(0)), text)
    return _EMAIL_LIKE.sub(lambda m: mask_value("EMAIL", m.group(0)), text)


def build_evidence(findings: Iterable[Finding], texts: Mapping[str, str]) -> dict[str, Any]:
    """Counts per entity, the sorted fingerprint set and up to 50 listed findings with offsets
    and masked previews. Nothing in it is a value."""
    ordered = sorted(findings, key=lambda f: (f.segment_id, f.span.start, f.span.end))
    counts = Counter(f.entity.name for f in ordered)
    listed = []
    for finding in ordered[:MAX_LISTED_FINDINGS]:
        text = texts.get(finding.segment_id, "")
        value = text[finding.span.start : finding.span.end]
        listed.append(
            {
                "entity": finding.entity.name,
                "segment": finding.segment_id,
                "start": finding.span.start,
                "end": finding.span.end,
                "score": round(finding.score, 4),
                "fingerprint": finding.fingerprint,
                "preview": mask_value(finding.entity.name, value) if value else "",
            }
        )
    return {
        "entities": dict(sorted(counts.items())),
        "finding_count": len(ordered),
        "fingerprints": sorted({f.fingerprint for f in ordered}),
        "findings": listed,
    }
