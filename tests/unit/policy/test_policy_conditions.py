"""One table per condition: a one-rule policy (`then: block`) must match exactly when expected."""

from __future__ import annotations

from typing import Any

import pytest
from _policy_helpers import decide, event, finding, findings, one_rule

from callshield.core.document import Channel
from callshield.core.policy import Action, Direction, Role

CARD = [finding("PAYMENT_CARD")]

# (id, when-block, event keyword arguments, findings, should match)
CASES: list[tuple[str, str, dict[str, Any], list[Any], bool]] = [
    ("channel-in", "channels: [email, chat]", {"channel": Channel.CHAT}, [], True),
    ("channel-out", "channels: [email, chat]", {"channel": Channel.CALL}, [], False),
    ("direction-one", "direction: outbound", {}, [], True),
    ("direction-list-out", "direction: [inbound, internal]", {}, [], False),
    ("direction-list-in", "direction: [inbound, internal]",
     {"direction": Direction.INTERNAL}, [], True),
    # entities
    ("card-1", "entities: [{entity: PAYMENT_CARD}]", {}, CARD, True),
    ("card-none", "entities: [{entity: PAYMENT_CARD}]", {}, [finding("US_SSN")], False),
    ("card-lowercase-name", "entities: [{entity: payment_card}]", {}, CARD, True),
    ("min-count-short", "entities: [{entity: PAYMENT_CARD, min_count: 2}]", {}, CARD, False),
    ("min-count-met", "entities: [{entity: PAYMENT_CARD, min_count: 2}]", {},
     findings("PAYMENT_CARD", 2), True),
    ("min-count-same-value-twice", "entities: [{entity: PAYMENT_CARD, min_count: 2}]", {},
     [finding("PAYMENT_CARD", fingerprint="same", start=0),
      finding("PAYMENT_CARD", fingerprint="same", start=40)], False),
    ("min-score-below", "entities: [{entity: PAYMENT_CARD, min_score: 0.8}]", {},
     [finding("PAYMENT_CARD", score=0.79)], False),
    ("min-score-at", "entities: [{entity: PAYMENT_CARD, min_score: 0.8}]", {},
     [finding("PAYMENT_CARD", score=0.8)], True),
    ("default-score-below", "entities: [{entity: PAYMENT_CARD}]", {},
     [finding("PAYMENT_CARD", score=0.49)], False),
    ("default-score-at", "entities: [{entity: PAYMENT_CARD}]", {},
     [finding("PAYMENT_CARD", score=0.5)], True),
    ("category-financial-iban", "entities: [{entity: financial.*}]", {}, [finding("IBAN")], True),
    ("category-financial-ssn", "entities: [{entity: financial.*}]", {}, [finding("US_SSN")], False),
    ("category-pci-cvv", "entities: [{entity: financial.payment_card.*}]", {},
     [finding("CARD_CVV")], True),
    ("category-pci-iban", "entities: [{entity: financial.payment_card.*}]", {},
     [finding("IBAN")], False),
    ("any-of-one", "entities: [{entity: PAYMENT_CARD}, {entity: US_SSN}]", {},
     [finding("US_SSN")], True),
    ("all-of-one", "entities: [{entity: PAYMENT_CARD}, {entity: US_SSN}]\nentities_match: all",
     {}, [finding("US_SSN")], False),
    ("all-of-both", "entities: [{entity: PAYMENT_CARD}, {entity: US_SSN}]\nentities_match: all",
     {}, [finding("US_SSN"), finding("PAYMENT_CARD", start=20)], True),
    # destination: allow list, subdomains, deny list
    ("allow-same", "destination: {domains_allow: [example.com]}",
     {"destinations": ["ann@example.com"]}, [], False),
    ("allow-subdomain", "destination: {domains_allow: [example.com]}",
     {"destinations": ["ann@mail.example.com"]}, [], False),
    ("allow-lookalike", "destination: {domains_allow: [example.com]}",
     {"destinations": ["ann@badexample.com"]}, [], True),
    ("allow-other", "destination: {domains_allow: [example.com]}",
     {"destinations": ["ann@example.org"]}, [], True),
    ("allow-parent-not-covered", "destination: {domains_allow: [mail.example.com]}",
     {"destinations": ["ann@example.com"]}, [], True),
    ("allow-one-of-many-outside", "destination: {domains_allow: [example.com]}",
     {"destinations": ["ann@example.com", "Bob <bob@evil.test>"]}, [], True),
    ("allow-case-and-dot", "destination: {domains_allow: [Example.COM]}",
     {"destinations": ["ANN@EXAMPLE.COM."]}, [], False),
    ("allow-bare-domain", "destination: {domains_allow: [example.com]}",
     {"destinations": ["example.org"]}, [], True),
    ("allow-wildcard-entry", "destination: {domains_allow: ['*.example.com']}",
     {"destinations": ["ann@eu.example.com"]}, [], False),
    ("allow-no-recipients", "destination: {domains_allow: [example.com]}", {}, [], False),
    ("deny-hit", "destination: {domains_deny: [evil.test]}",
     {"destinations": ["x@evil.test"]}, [], True),
    ("deny-subdomain", "destination: {domains_deny: [evil.test]}",
     {"destinations": ["x@mx.evil.test"]}, [], True),
    ("deny-lookalike", "destination: {domains_deny: [evil.test]}",
     {"destinations": ["x@notevil.test"]}, [], False),
    ("deny-beats-allow", "destination: {domains_allow: [example.com], "
     "domains_deny: [partner.example.com]}", {"destinations": ["x@partner.example.com"]}, [], True),
    ("allow-with-deny-clean", "destination: {domains_allow: [example.com], "
     "domains_deny: [partner.example.com]}", {"destinations": ["x@example.com"]}, [], False),
    # actor
    ("role-in", "actor: {roles: [agent]}", {}, [], True),
    ("role-out", "actor: {roles: [agent]}", {"role": Role.SUPERVISOR}, [], False),
    ("role-unknown-actor", "actor: {roles: [agent]}", {"role": None}, [], False),
    ("group-in", "actor: {groups: [collections]}", {"groups": ["collections", "night"]}, [], True),
    ("group-out", "actor: {groups: [collections]}", {"groups": ["sales"]}, [], False),
    ("role-and-group-need-both", "actor: {roles: [agent], groups: [collections]}",
     {"groups": ["sales"]}, [], False),
    ("role-and-group-both", "actor: {roles: [agent], groups: [collections]}",
     {"groups": ["collections"]}, [], True),
    # attachment types
    ("ext-from-file-name", "attachment_types: [pdf]", {"attachments": ["Statement.PDF"]}, [], True),
    ("ext-dotted-entry", "attachment_types: [.xlsx]", {"attachments": ["xlsx"]}, [], True),
    ("ext-other", "attachment_types: [pdf]", {"attachments": ["notes.txt"]}, [], False),
    ("ext-none", "attachment_types: [pdf]", {}, [], False),
    ("mime-params", "attachment_types: [application/pdf]",
     {"attachments": ["application/pdf; name=x"]}, [], True),
    ("mime-family", "attachment_types: ['image/*']", {"attachments": ["image/png"]}, [], True),
    ("mime-family-other", "attachment_types: ['image/*']", {"attachments": ["text/plain"]}, [],
     False),
    # all conditions must hold
    ("all-hold", "channels: [email]\ndirection: outbound\nentities: [{entity: PAYMENT_CARD}]",
     {}, CARD, True),
    ("one-fails", "channels: [email]\ndirection: inbound\nentities: [{entity: PAYMENT_CARD}]",
     {}, CARD, False),
    ("no-conditions", "{}", {}, [], True),
]  # fmt: skip


@pytest.mark.parametrize(("when", "event_args", "found", "matches"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])  # fmt: skip
def test_condition_table(
    when: str, event_args: dict[str, Any], found: list[Any], matches: bool
) -> None:
    decision = decide(one_rule(when), event(**event_args), found)
    assert (decision.action is Action.BLOCK) is matches
    assert (decision.rule_id == "r") is matches


def test_reasons_name_counts_and_places_never_values() -> None:
    pol = one_rule(
        "entities: [{entity: PAYMENT_CARD}]\ndestination: {domains_allow: [example.com]}"
    )
    decision = decide(
        pol, event(destinations=["jane.doe@example.org"]), findings("PAYMENT_CARD", 2)
    )
    assert decision.reasons == ("2 PAYMENT_CARD >= 1", "destination example.org not in allow list")
    assert decision.summary == (
        "rule r: 2 PAYMENT_CARD >= 1; destination example.org not in allow list"
    )
    assert "jane.doe" not in decision.summary


def test_matched_entities_are_named_for_redaction() -> None:
    pol = one_rule("entities: [{entity: financial.payment_card.*}]", action="redact")
    found = [finding("PAYMENT_CARD"), finding("CARD_CVV", start=30), finding("US_SSN", start=60)]
    decision = decide(pol, event(Channel.CHAT), found)
    assert decision.action is Action.REDACT
    assert decision.entities == ("CARD_CVV", "PAYMENT_CARD")
