"""Deterministic overlap resolution: one finding per stretch of text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    DATE_OF_BIRTH,
    EMAIL,
    IBAN,
    IP_ADDRESS,
    PAYMENT_CARD,
    PERSON,
    PHONE,
    PIN,
    SECURITY_ANSWER,
    STREET_ADDRESS,
    UNSCANNABLE,
    US_DRIVER_LICENSE,
    US_ITIN,
    US_PASSPORT,
    US_SSN,
    US_SSN_LAST4,
    US_ZIP,
    EntityType,
)
from callshield.core.finding import Finding

# On equal scores the more specific, more harmful entity wins.
_PRIORITY: dict[EntityType, int] = {
    entity: rank
    for rank, entity in enumerate(
        (
            UNSCANNABLE, PAYMENT_CARD, IBAN, US_SSN, US_ITIN, ABA_ROUTING, BANK_ACCOUNT,
            CARD_CVV, CARD_EXPIRY, PIN, US_SSN_LAST4, SECURITY_ANSWER, EMAIL, PHONE,
            US_PASSPORT, US_DRIVER_LICENSE, DATE_OF_BIRTH, IP_ADDRESS, STREET_ADDRESS, US_ZIP,
            PERSON,
        )
    )
}  # fmt: skip


def _rank(finding: Finding) -> tuple[float, int, int, int, str]:
    return (
        -finding.score,
        _PRIORITY.get(finding.entity, len(_PRIORITY)),
        -(finding.span.end - finding.span.start),
        finding.span.start,
        finding.entity.name,
    )


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Keep the best finding where several overlap (score, then entity priority, then length);
    the result does not depend on the order of the input."""
    kept: list[Finding] = []
    starts: list[int] = []
    ends: list[int] = []  # kept spans never overlap, so ends are sorted like starts
    for finding in sorted(findings, key=_rank):
        start, end = finding.span.start, finding.span.end
        i = bisect.bisect_left(starts, start)
        if (i > 0 and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.append(finding)
    kept.sort(key=lambda f: (f.span.start, f.span.end))
    return kept
