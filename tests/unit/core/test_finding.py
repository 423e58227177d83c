"""Findings: a finding moved to another span or segment keeps everything else."""

from __future__ import annotations

from dataclasses import fields

from callshield.core.entities import PAYMENT_CARD
from callshield.core.finding import Finding, Span


def test_a_moved_finding_keeps_every_other_field() -> None:
    """`moved` lists the fields itself (for speed): a field added to Finding and left out of
    it would be dropped silently; this compares every field."""
    original = Finding(PAYMENT_CARD, Span(3, 22), 0.97, "payment_card", ("luhn ok",), "ab12", "s1")
    moved = original.moved(Span(40, 59), "line[4]")
    assert (moved.span, moved.segment_id) == (Span(40, 59), "line[4]")
    others = [f.name for f in fields(Finding) if f.name not in ("span", "segment_id")]
    assert len(others) == 5
    for name in others:
        assert getattr(moved, name) == getattr(original, name), name
