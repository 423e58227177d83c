"""The demo policy (`samples/policy.yaml`) on realistic events, with real engine findings."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from _policy_helpers import NOW, decide, event, finding
from faker import Faker

from callshield import Engine
from callshield.core.document import Channel
from callshield.core.finding import Finding
from callshield.core.policy import (
    Action,
    Decision,
    Direction,
    InMemoryHistory,
    Mode,
    Override,
    Policy,
    Role,
    Severity,
)
from callshield.policy_yaml import load_policy

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "policy.yaml"
EMAIL_WITH_CARD = (
    "Hi Dana, as discussed the customer's card number is 4111 1111 1111 1111, "
    "expiry 12/27. Please process the refund today. Thanks, Sam"
)


@pytest.fixture(scope="module")
def sample() -> Policy:
    return load_policy(SAMPLE)


def scanned(engine: Engine, text: str) -> list[Finding]:
    found = engine.scan(text)
    assert found, "the engine should find something in this synthetic text"
    return found


def assert_no_values(decision: Decision, text: str) -> None:
    """No digit run of 4+ from the scanned text appears anywhere in the decision."""
    rendered = repr(decision) + decision.summary
    for value in re.findall(r"\d[\d -]{3,}\d", text):
        assert value not in rendered
        assert value.replace(" ", "").replace("-", "") not in rendered


def test_sample_loads_with_its_rules_in_precedence_order(sample: Policy) -> None:
    assert sample.default is Action.AUDIT and sample.mode is Mode.ENFORCE
    assert [r.id for r in sample.rules] == [
        "unscannable-outbound", "card-to-external-email", "removable-media-financial",
        "bulk-ssn-upload", "pci-in-agent-chat", "card-drip-by-agent",
        "bank-details-in-spreadsheets",
    ]  # fmt: skip
    assert sample.tracked_entities == {"PAYMENT_CARD"}


@pytest.mark.parametrize("recipient", ["customer@gmail.example", "x@callshield-demo.example.evil"])
def test_card_emailed_outside_is_blocked(sample: Policy, engine: Engine, recipient: str) -> None:
    found = scanned(engine, EMAIL_WITH_CARD)
    decision = decide(sample, event(destinations=[recipient]), found)
    assert (decision.action, decision.rule_id) == (Action.BLOCK, "card-to-external-email")
    assert decision.severity is Severity.HIGH and decision.notify == (Role.SUPERVISOR,)
    assert "1 PAYMENT_CARD >= 1" in decision.reasons
    assert_no_values(decision, EMAIL_WITH_CARD)


@pytest.mark.parametrize("recipient", ["billing@payments-partner.example",
                                       "Ops <ops@eu.payments-partner.example>"])  # fmt: skip
def test_card_emailed_to_allowed_domain_is_only_audited(
    sample: Policy, engine: Engine, recipient: str
) -> None:
    decision = decide(sample, event(destinations=[recipient]), scanned(engine, EMAIL_WITH_CARD))
    assert (decision.action, decision.rule_id) == (Action.AUDIT, None)


def test_agent_chat_with_card_data_is_redacted(sample: Policy, engine: Engine) -> None:
    text = "Sure, I can see it: card 5555 5555 5555 4444, CVV 737, expires 03/28."
    decision = decide(sample, event(Channel.CHAT), scanned(engine, text))
    assert (decision.action, decision.rule_id) == (Action.REDACT, "pci-in-agent-chat")
    assert decision.entities == ("CARD_CVV", "CARD_EXPIRY", "PAYMENT_CARD")
    assert_no_values(decision, text)


def test_customer_chat_is_not_the_agent_rule(sample: Policy, engine: Engine) -> None:
    text = "my card is 5555 5555 5555 4444"
    customer = event(Channel.CHAT, Direction.INBOUND, actor_id="", role=None)
    decision = decide(sample, customer, scanned(engine, text))
    assert (decision.action, decision.rule_id) == (Action.AUDIT, None)


def ssn_sheet(count: int, seed: int = 7) -> str:
    fake = Faker("en_US")
    fake.seed_instance(seed)
    rows = [f"{fake.name()},{fake.ssn()}" for _ in range(count)]
    return "name,ssn\n" + "\n".join(rows)


@pytest.mark.parametrize(("count", "quarantined"), [(12, True), (10, True), (3, False)])
def test_bulk_ssn_upload_is_quarantined(
    sample: Policy, engine: Engine, count: int, quarantined: bool
) -> None:
    text = ssn_sheet(count)
    found = [f for f in engine.scan(text) if f.entity.name == "US_SSN"]
    assert len({f.fingerprint for f in found}) == count
    decision = decide(sample, event(Channel.UPLOAD, Direction.INTERNAL), found)
    if quarantined:
        assert (decision.action, decision.rule_id) == (Action.QUARANTINE, "bulk-ssn-upload")
        assert decision.severity is Severity.CRITICAL
        assert decision.notify == (Role.ANALYST, Role.DPO)
        assert decision.reasons == ("channel upload", f"{count} US_SSN >= 10")
    else:
        assert decision.action is Action.AUDIT
    assert_no_values(decision, text)


def test_removable_media_with_financial_data_needs_a_justification(
    sample: Policy, engine: Engine
) -> None:
    text = "Refunds batch: IBAN GB82 WEST 1234 5698 7654 32, routing 021000021"
    found = scanned(engine, text)
    usb = event(Channel.REMOVABLE_MEDIA, Direction.OUTBOUND, attachments=["refunds.csv"])
    blocked = decide(sample, usb, found)
    assert (blocked.action, blocked.rule_id) == (
        Action.BLOCK_WITH_OVERRIDE, "removable-media-financial"
    )  # fmt: skip
    assert blocked.requires_justification and blocked.reasons[-1].endswith("financial.* >= 1")
    override = Override(justification="Quarterly refund file for the bank, ticket 5512", by="sup-2")
    let_through = decide(sample, usb, found, override=override)
    assert let_through.action is Action.ALLOW and let_through.overridden
    assert_no_values(let_through, text)


def luhn_card(n: int) -> str:
    """A distinct Luhn-valid 16-digit test number in the 4111 range, grouped in fours."""
    body = f"411111{n:09d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    digits = body + str((10 - total % 10) % 10)
    return " ".join(digits[i : i + 4] for i in range(0, 16, 4))


def test_drip_of_cards_by_one_agent_alerts_analysts_on_the_21st(
    sample: Policy, engine: Engine
) -> None:
    history = InMemoryHistory()
    decisions = []
    for i in range(21):
        text = f"Confirming the card on file, card number {luhn_card(i)}, thank you."
        found = scanned(engine, text)
        now = NOW + timedelta(minutes=50 * i)  # 21 chats over about 17 hours
        decision = decide(sample, event(Channel.CHAT), found, now=now, history=history)
        history.record(decision.counts)
        decisions.append(decision)
    assert all(d.action is Action.REDACT for d in decisions)  # redaction never stops
    assert [bool(d.alerts) for d in decisions] == [False] * 20 + [True]
    last = decisions[-1]
    assert last.alerts[0].rule_id == "card-drip-by-agent"
    assert last.severity is Severity.HIGH and last.notify == (Role.ANALYST,)
    assert last.alerts[0].reasons == (
        "actor role agent",
        "21 PAYMENT_CARD by this actor in 24h > 20",
    )
    # The same pace by a different agent starts from zero.
    found = scanned(engine, f"card number {luhn_card(99)}")
    other = decide(sample, event(Channel.CHAT, actor_id="agent-9"), found, now=now, history=history)
    assert other.alerts == ()


def test_spreadsheet_rule_is_only_simulated(sample: Policy, engine: Engine) -> None:
    text = "Payout list attached; row 1 account number 12345678, IBAN GB82 WEST 1234 5698 7654 32"
    mail = event(destinations=["payouts@callshield-demo.example"], attachments=["payouts.xlsx"])
    decision = decide(sample, mail, scanned(engine, text))
    assert (decision.action, decision.rule_id) == (Action.AUDIT, None)
    assert [(s.rule_id, s.action) for s in decision.simulated] == [
        ("bank-details-in-spreadsheets", Action.BLOCK)
    ]
    pdf = event(destinations=["payouts@callshield-demo.example"], attachments=["payouts.pdf"])
    assert decide(sample, pdf, scanned(engine, text)).simulated == ()


def test_unscannable_outbound_mail_fails_closed(sample: Policy) -> None:
    unscannable = finding("UNSCANNABLE", score=1.0)
    decision = decide(sample, event(destinations=["a@callshield-demo.example"]), [unscannable])
    assert (decision.action, decision.rule_id) == (Action.QUARANTINE, "unscannable-outbound")


def test_everything_else_is_audited(sample: Policy, engine: Engine) -> None:
    text = "Please call me back on 415-555-0132 after 5pm."
    decision = decide(sample, event(Channel.CALL, Direction.INBOUND), scanned(engine, text))
    assert (decision.action, decision.rule_id, decision.severity) == (
        Action.AUDIT, None, Severity.LOW
    )  # fmt: skip
