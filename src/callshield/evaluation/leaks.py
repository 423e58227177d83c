"""Leaks of red-team sets: values with their words' spans, decoys that must stay in clear.

A red-team case holds values said over several spans (a spoken card's words, "four one one one
..., uh, ..."): a value leaks when any letter or digit of its spans is left uncovered, however
little. A decoy (an amount, a time, an order number) is over-redacted when any letter or digit
of it is covered. Pure: it scores the covered ranges it is given, whichever tool found them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Spans = Sequence[Sequence[int]]

#: The entity names each kind of red-team value may be reported as.
LABELS: Mapping[str, frozenset[str]] = {
    kind: frozenset(names)
    for kind, names in {
        "card": ("PAYMENT_CARD",), "card_last4": ("PAYMENT_CARD", "CARD_LAST4"),
        "card_wrong_readback": ("PAYMENT_CARD",), "card_digit": ("PAYMENT_CARD",),
        "cvv": ("CARD_CVV",), "expiry": ("CARD_EXPIRY",),
        "ssn": ("US_SSN", "US_ITIN", "NATIONAL_ID"),
        "ssn_last4": ("US_SSN_LAST4", "US_SSN"), "dob": ("DATE_OF_BIRTH",),
        "routing": ("ABA_ROUTING",), "phone": ("PHONE",),
        # (the red-team sets label insurance policy numbers and plan member IDs as accounts)
        "account": ("BANK_ACCOUNT", "INSURANCE_POLICY", "HEALTH_INSURANCE_ID", "CUSTOMER_NUMBER"),
        "phone_ext": ("PHONE",), "email": ("EMAIL",), "person": ("PERSON", "USERNAME"),
        "street": ("STREET_ADDRESS",), "zip": ("US_ZIP", "POSTCODE", "STREET_ADDRESS"),
        "pin": ("PIN",),
        "security_answer": ("SECURITY_ANSWER", "PASSWORD"), "dl": ("US_DRIVER_LICENSE",),
        "passport": ("US_PASSPORT",), "iban": ("IBAN",), "itin": ("US_ITIN", "US_SSN"),
        "password": ("PASSWORD",), "otp": ("ONE_TIME_CODE",),
        "secret": ("PASSWORD", "ACCESS_TOKEN"), "ip": ("IP_ADDRESS",),
    }.items()
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Case:
    """One red-team text's truth: its values and decoys, each (kind, spans)."""

    values: tuple[tuple[str, Spans], ...]
    decoys: tuple[tuple[str, Spans], ...] = ()


@dataclass(slots=True)
class LeakReport:
    """Per kind of value: how many, how many leaked, how many carried no right label."""

    values: dict[str, int] = field(default_factory=dict)
    leaked: dict[str, int] = field(default_factory=dict)
    mislabelled: dict[str, int] = field(default_factory=dict)
    decoys: int = 0
    decoys_hit: int = 0
    leaking_cases: list[int] = field(default_factory=list)
    over_redacted_cases: list[int] = field(default_factory=list)

    @property
    def total_values(self) -> int:
        return sum(self.values.values())

    @property
    def total_leaked(self) -> int:
        return sum(self.leaked.values())


def score(
    texts: Sequence[str],
    cases: Sequence[Case],
    findings: Sequence[Iterable[tuple[str, int, int]]],
) -> LeakReport:
    """Score each text's findings, (entity name, start, end), against its case."""
    report = LeakReport()
    for n, (text, case, found) in enumerate(zip(texts, cases, findings, strict=True)):
        labels = _labels_by_char(len(text), found)
        leaking = False
        for kind, spans in case.values:
            report.values[kind] = report.values.get(kind, 0) + 1
            chars = [i for start, end in spans for i in range(start, end) if text[i].isalnum()]
            if any(labels[i] is None for i in chars):
                report.leaked[kind] = report.leaked.get(kind, 0) + 1
                leaking = True
            said = {name for i in chars for name in labels[i] or ()}
            if said and not said & LABELS.get(kind, frozenset()):
                report.mislabelled[kind] = report.mislabelled.get(kind, 0) + 1
        if leaking:
            report.leaking_cases.append(n)
        hit = False
        for _kind, spans in case.decoys:
            report.decoys += 1
            touched = any(
                labels[i] is not None
                for start, end in spans
                for i in range(start, end)
                if text[i].isalnum()
            )
            report.decoys_hit += touched
            hit = hit or touched
        if hit:
            report.over_redacted_cases.append(n)
    return report


def _labels_by_char(size: int, found: Iterable[tuple[str, int, int]]) -> list[set[str] | None]:
    labels: list[set[str] | None] = [None] * size
    for name, start, end in found:
        for i in range(max(0, start), min(size, end)):
            here = labels[i]
            if here is None:
                labels[i] = {name}
            else:
                here.add(name)
    return labels
