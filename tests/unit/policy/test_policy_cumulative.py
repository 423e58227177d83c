"""Cumulative thresholds per actor over a sliding window: edges, attribution and recording."""

from __future__ import annotations

from datetime import timedelta

import pytest
from _policy_helpers import NOW, decide, event, finding, findings, policy

from callshield.core.document import Channel
from callshield.core.policy import (
    Action,
    CumulativeCount,
    InMemoryHistory,
    PolicyError,
    format_window,
    parse_window,
)

DRIP = policy(
    "  - id: drip\n    priority: 1\n    when:\n"
    "      cumulative: {entity: PAYMENT_CARD, threshold: 20, window: 24h}\n"
    "    then:\n      action: notify\n      notify: [analyst]\n      severity: high\n"
)


def past(count: int, ago: timedelta, *, actor: str = "agent-7", entity: str = "PAYMENT_CARD"):
    return CumulativeCount(actor_id=actor, entity=entity, count=count, at=NOW - ago)


# (id, recorded history, findings in this event, fires)
EDGES = [
    ("19+1-not-more-than-20", [past(19, timedelta(hours=1))], 1, False),
    ("20+1-more-than-20", [past(20, timedelta(hours=1))], 1, True),
    ("just-inside-window", [past(20, timedelta(hours=24) - timedelta(seconds=1))], 1, True),
    ("exactly-window-old-is-out", [past(20, timedelta(hours=24))], 1, False),
    ("older-than-window", [past(500, timedelta(days=2))], 1, False),
    ("future-records-ignored", [past(20, -timedelta(minutes=5))], 1, False),
    ("split-over-several-events", [past(7, timedelta(hours=h)) for h in (1, 5, 20)], 0 + 1, True),
    ("this-event-alone", [], 21, True),
    ("no-card-in-this-event", [past(100, timedelta(hours=1))], 0, False),
    ("other-actor-does-not-count", [past(20, timedelta(hours=1), actor="agent-8")], 1, False),
    ("other-entity-does-not-count", [past(20, timedelta(hours=1), entity="US_SSN")], 1, False),
]


@pytest.mark.parametrize(("recorded", "in_event", "fires"), [e[1:] for e in EDGES],
                         ids=[e[0] for e in EDGES])  # fmt: skip
def test_window_edges(recorded: list[CumulativeCount], in_event: int, fires: bool) -> None:
    decision = decide(
        DRIP, event(), findings("PAYMENT_CARD", in_event), history=InMemoryHistory(recorded)
    )
    assert (decision.action is Action.NOTIFY) is fires
    if fires:
        assert decision.reasons[0].endswith("PAYMENT_CARD by this actor in 24h > 20")


def test_reason_gives_the_total() -> None:
    decision = decide(DRIP, event(), findings("PAYMENT_CARD", 2),
                      history=InMemoryHistory([past(20, timedelta(hours=3))]))  # fmt: skip
    assert decision.reasons == ("22 PAYMENT_CARD by this actor in 24h > 20",)


def test_unknown_actor_is_never_counted() -> None:
    decision = decide(DRIP, event(actor_id=""), findings("PAYMENT_CARD", 30))
    assert decision.action is Action.ALLOW and decision.counts == ()


def test_counts_to_record_are_distinct_values_at_usable_scores() -> None:
    found = [
        finding("PAYMENT_CARD", fingerprint="a", start=0),
        finding("PAYMENT_CARD", fingerprint="a", start=50),  # the same card quoted again
        finding("PAYMENT_CARD", fingerprint="b", start=90),
        finding("PAYMENT_CARD", fingerprint="c", start=130, score=0.3),  # too unsure to count
        finding("US_SSN", start=170),  # not tracked by any cumulative rule
    ]
    decision = decide(DRIP, event(), found)
    assert decision.counts == (CumulativeCount("agent-7", "PAYMENT_CARD", 2, NOW),)


def test_slow_drip_fires_on_the_21st_card_and_the_window_slides() -> None:
    """One card an hour: the 21st in 24 h fires; a day later the oldest have slid out."""
    history = InMemoryHistory()
    fired_at: list[int] = []
    for hour in range(30):
        now = NOW + timedelta(hours=hour)
        card = [finding("PAYMENT_CARD", start=hour * 100)]
        decision = decide(DRIP, event(Channel.CHAT), card, now=now, history=history)
        history.record(decision.counts)
        if decision.action is Action.NOTIFY:
            fired_at.append(hour)
    # Hour 20 is the 21st card; every later hour still has 24 cards (> 20) in its window.
    assert fired_at == list(range(20, 30))
    assert len(history) == 30
    quiet = decide(DRIP, event(), [finding("PAYMENT_CARD", start=9999)],
                   now=NOW + timedelta(hours=29 + 24), history=history)  # fmt: skip
    assert quiet.action is Action.ALLOW  # everything older than 24 h has slid out


def test_several_entities_share_one_threshold() -> None:
    pol = policy(
        "  - id: ids\n    priority: 1\n    when:\n"
        "      cumulative: {entities: [US_SSN, US_ITIN], threshold: 3, window: 7d}\n"
        "    then:\n      action: audit\n"
    )
    history = InMemoryHistory(
        [past(2, timedelta(days=6), entity="US_SSN"), past(1, timedelta(days=1), entity="US_ITIN")]
    )
    decision = decide(pol, event(), [finding("US_SSN")], history=history)
    assert decision.action is Action.AUDIT and decision.rule_id == "ids"
    assert {c.entity for c in decision.counts} == {"US_SSN"}


@pytest.mark.parametrize(("text", "expected"), [
    ("30m", timedelta(minutes=30)), ("24h", timedelta(hours=24)), ("7d", timedelta(days=7)),
    ("1w", timedelta(weeks=1)), ("90s", timedelta(seconds=90)), (" 2H ", timedelta(hours=2)),
])  # fmt: skip
def test_parse_window(text: str, expected: timedelta) -> None:
    assert parse_window(text) == expected


@pytest.mark.parametrize("text", ["24", "h", "0h", "-1h", "1.5h", "24 hours", "", "3y"])
def test_parse_window_refuses(text: str) -> None:
    with pytest.raises(PolicyError):
        parse_window(text)


@pytest.mark.parametrize(("window", "text"), [
    (timedelta(hours=24), "1d"), (timedelta(hours=36), "36h"), (timedelta(minutes=90), "90m"),
    (timedelta(days=14), "2w"), (timedelta(seconds=61), "61s"),
])  # fmt: skip
def test_format_window(window: timedelta, text: str) -> None:
    assert format_window(window) == text
    assert parse_window(text) == window
