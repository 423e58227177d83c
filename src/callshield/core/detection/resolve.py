"""Deterministic overlap resolution: one finding per stretch of text."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import replace

from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    CARD_LAST4,
    CUSTOMER_NUMBER,
    DATE_OF_BIRTH,
    EMAIL,
    HEALTH_INSURANCE_ID,
    IBAN,
    INSURANCE_POLICY,
    IP_ADDRESS,
    NATIONAL_ID,
    ONE_TIME_CODE,
    PASSWORD,
    PAYMENT_CARD,
    PERSON,
    PHONE,
    PIN,
    POSTCODE,
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
from callshield.core.finding import Finding, Span

# On equal scores the more specific, more harmful entity wins.
_PRIORITY: dict[EntityType, int] = {
    entity: rank
    for rank, entity in enumerate(
        (
            UNSCANNABLE, PAYMENT_CARD, IBAN, US_SSN, US_ITIN, NATIONAL_ID, ABA_ROUTING,
            BANK_ACCOUNT,
            CARD_CVV, CARD_EXPIRY, ONE_TIME_CODE, PIN, PASSWORD, US_SSN_LAST4, CARD_LAST4,
            SECURITY_ANSWER,
            EMAIL, PHONE, HEALTH_INSURANCE_ID, INSURANCE_POLICY, US_PASSPORT, US_DRIVER_LICENSE,
            CUSTOMER_NUMBER,
            DATE_OF_BIRTH, IP_ADDRESS, STREET_ADDRESS, POSTCODE, US_ZIP, PERSON,
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
    the result does not depend on the order of the input. A loser that sticks out of the
    winners keeps the parts that stick out (fail safe: every character any finding covered is
    still covered), marked with a reason."""
    kept: list[Finding] = []
    starts: list[int] = []
    ends: list[int] = []  # kept spans never overlap, so ends are sorted like starts
    for finding in sorted(findings, key=_rank):
        for start, end in _uncovered(finding.span.start, finding.span.end, starts, ends):
            piece = finding
            if (start, end) != (finding.span.start, finding.span.end):
                piece = replace(
                    finding, span=Span(start, end), reasons=(*finding.reasons, "trimmed by overlap")
                )
            i = bisect.bisect_left(starts, start)
            starts.insert(i, start)
            ends.insert(i, end)
            kept.append(piece)
    kept.sort(key=lambda f: (f.span.start, f.span.end))
    return kept


def _uncovered(start: int, end: int, starts: list[int], ends: list[int]) -> list[tuple[int, int]]:
    """The parts of [start, end) no kept span covers."""
    i = max(0, bisect.bisect_right(starts, start) - 1)
    pieces = []
    pos = start
    while i < len(starts) and starts[i] < end:
        if ends[i] > pos:
            if starts[i] > pos:
                pieces.append((pos, starts[i]))
            pos = max(pos, ends[i])
        i += 1
    if pos < end:
        pieces.append((pos, end))
    # (a sliver a winner leaves is dropped; a whole finding of one character is kept: "9" in
    # "exp_month=9")
    return [(s, e) for s, e in pieces if e - s >= 2 or (s, e) == (start, end)]
