"""Policy YAML validation: exact line, column, field path and message, several at once."""

from __future__ import annotations

import pytest

from callshield.core.document import Channel
from callshield.core.policy import Action, Mode, Role, Severity
from callshield.policy_yaml import PolicyValidationError, parse_policy


def problems(text: str) -> list[str]:
    with pytest.raises(PolicyValidationError) as caught:
        parse_policy(text)
    assert str(caught.value).startswith(f"policy is not valid ({len(caught.value.issues)} ")
    return [str(issue) for issue in caught.value.issues]


SEVERAL = """\
version: 1
default: allow
rules:
  - id: cards
    priority: 10
    when:
      chanels: [email]
      entities:
        - entity: PAYMENT_CARD
          min_count: 0
    then:
      action: blok
  - id: ssn
    priority: 10
    then:
      action: block
      severity: urgent
"""


def test_several_errors_reported_at_once_with_places() -> None:
    assert problems(SEVERAL) == [
        "line 7, column 7: rules[0].when: unknown key 'chanels'; allowed: channels, direction, "
        "entities, entities_match, destination, actor, attachment_types, cumulative",
        "line 10, column 22: rules[0].when.entities[0].min_count: must be an integer >= 1",
        "line 12, column 15: rules[0].then.action: unknown action; allowed: allow, audit, redact, "
        "block, block_with_override, quarantine, notify",
        "line 17, column 17: rules[1].then.severity: unknown severity; allowed: low, medium, "
        "high, critical",
        "line 14, column 15: rules[1].priority: ties with rules[0]; must be unique",
    ]


TYPES = """\
version: 1
rules:
  - id: r1
    when:
      channels: email
      direction: sideways
      actor: {roles: [agent, manager]}
      cumulative: {entity: PAYMENT_CARD, threshold: 20, window: 24 hours}
    then:
      action: notify
"""


def test_wrong_types_missing_keys_and_unknown_words() -> None:
    assert problems(TYPES) == [
        "line 3, column 5: rules[0]: missing required key 'priority'",
        "line 5, column 17: rules[0].when.channels: must be a list",
        "line 6, column 18: rules[0].when.direction: unknown direction; allowed: inbound, "
        "outbound, internal",
        "line 7, column 30: rules[0].when.actor.roles[1]: unknown role; allowed: agent, "
        "supervisor, analyst, dpo, admin",
        "line 8, column 65: rules[0].when.cumulative.window: window must be a positive whole "
        "number with a unit s, m, h, d or w",
        "line 10, column 15: rules[0].then.action: notify needs a 'notify' list of roles",
    ]


CATALOGUE_WORDS = """\
version: 1
rules:
  - id: a
    priority: 1
    when:
      channels: [email, fax]
      entities:
        - entity: CREDIT_CARD
        - entity: medical.*
        - {entity: PAYMENT_CARD, min_score: 1.5}
      destination: {domains_allow: []}
      attachment_types: [pdf, "a b"]
    then: {action: block}
"""


def test_unknown_entities_channels_and_bad_lists() -> None:
    assert problems(CATALOGUE_WORDS) == [
        "line 6, column 25: rules[0].when.channels[1]: unknown channel; allowed: call, chat, "
        "email, file, upload, removable_media, text",
        "line 12, column 31: rules[0].when.attachment_types[1]: must be an extension (pdf) or a "
        "MIME type (image/*)",
        "line 8, column 19: rules[0].when.entities[0].entity: unknown entity (use a catalogue "
        "name or a category prefix like financial.*)",
        "line 9, column 19: rules[0].when.entities[1].entity: no entity in the catalogue has "
        "this category",
        "line 10, column 45: rules[0].when.entities[2].min_score: must be a number between 0 and 1",
        "line 11, column 36: rules[0].when.destination.domains_allow: must list at least one item",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("version: 2\nrules: []\n",
     ["line 1, column 10: version: unsupported policy version; supported: 1"]),
    ("name: demo\nrulez: []\n",
     ["line 2, column 1: (document): unknown key 'rulez'; allowed: version, name, description, "
      "mode, default, rules",
      "line 1, column 1: (document): missing required key 'version'",
      "line 1, column 1: (document): missing required key 'rules'"]),
    ("- just\n- a list\n", ["line 1, column 1: (document): must be a mapping of keys to values"]),
    ("", ["line 1, column 1: (document): the document is empty"]),
    ("# only a comment\n", ["line 1, column 1: (document): the document is empty"]),
    ("version: 1\ndefault: notify\nrules: []\n",
     ["line 2, column 10: default: the default action must be one of: allow, audit, block, "
      "quarantine, redact"]),
    ("version: 1\nrules:\n  - id: a\n    priority: 1\n    priority: 2\n    then: {action: block}\n",
     ["line 5, column 5: rules[0].priority: repeated key"]),
    ("version: 1\nrules:\n  - {id: a, priority: 1, then: {action: block}}\n"
     "  - {id: a, priority: 2, then: {action: block}}\n",
     ["line 4, column 10: rules[1].id: repeats the id of rules[0]; must be unique"]),
    ("version: 1\nrules:\n  - {id: a, priority: '1', then: {action: block}}\n",
     ["line 3, column 23: rules[0].priority: must be an integer >= 0"]),
    ("version: 1\nrules:\n  - {id: a, priority: -1, then: {action: block}}\n",
     ["line 3, column 23: rules[0].priority: must be an integer >= 0"]),
    ("version: 1\nrules:\n  - {id: a, priority: 1, then: {action: block}, "
     "when: {destination: {}}}\n",
     ["line 3, column 69: rules[0].when.destination: needs domains_allow or domains_deny"]),
    ("version: 1\nrules:\n  - {id: '', priority: 1, then: {action: block}}\n",
     ["line 3, column 10: rules[0].id: must be a non-empty text value"]),
    ("version: 1\nrules:\n  - {id: a, priority: 1, then: {action: block}, "
     "when: {entities_match: all}}\n",
     ["line 3, column 72: rules[0].when.entities_match: needs 'entities'"]),
    ("version: 1\nrules:\n  - {id: a, priority: 1, then: {action: block}, "
     "when: {cumulative: {threshold: 1, window: 1h}}}\n",
     ["line 3, column 68: rules[0].when.cumulative: needs exactly one of 'entity' or 'entities'"]),
    ("version: 1\nrules:\n  - {id: a, priority: 1, then: {action: block}, "
     "when: {destination: {domains_deny: [evil..test]}}}\n",
     ["line 3, column 85: rules[0].when.destination.domains_deny[0]: must be a domain name "
      "such as example.com"]),
])  # fmt: skip
def test_malformed_documents(text: str, expected: list[str]) -> None:
    assert problems(text) == expected


@pytest.mark.parametrize("second", ["0x0A", "10", "1_0"], ids=["hex", "same", "underscore"])
def test_priorities_tie_by_value_not_spelling(second: str) -> None:
    text = (
        "version: 1\nrules:\n  - {id: a, priority: 10, then: {action: block}}\n"
        f"  - {{id: b, priority: {second}, then: {{action: block}}}}\n"
    )
    assert problems(text) == [
        "line 4, column 23: rules[1].priority: ties with rules[0]; must be unique"
    ]


def test_absurd_numbers_and_nesting_are_problems_not_crashes() -> None:
    huge = "version: 1\nrules:\n  - {id: a, priority: " + "9" * 5000 + ", then: {action: block}}\n"
    assert problems(huge) == ["line 3, column 23: rules[0].priority: must be an integer >= 0"]
    deep = "version: 1\nrules: []\ndescription: " + "[" * 5000 + "]" * 5000 + "\n"
    found = problems(deep)
    assert len(found) == 1 and "not valid YAML" in found[0]


def test_yaml_syntax_error_names_the_place_not_the_text() -> None:
    text = "version: 1\nrules:\n  - id: a\n    priority: [4111 1111 1111 1111\n"
    found = problems(text)
    assert len(found) == 1
    assert found[0].startswith("line 5, column 1: (document): not valid YAML: ")
    assert "4111" not in found[0]


def test_tab_indentation_is_a_syntax_error() -> None:
    found = problems("version: 1\nrules:\n\t- id: a\n")
    assert found[0].startswith("line 3, column 1: (document): not valid YAML")


def test_aliases_and_custom_tags_are_refused() -> None:
    aliased = "version: 1\nrules:\n  - &r {id: a, priority: 1, then: {action: block}}\n  - *r\n"
    assert problems(aliased) == [
        "line 3, column 5: (document): anchors and aliases are not supported in policies"
    ]
    tagged = "version: !!python/object/apply:os.system ['true']\nrules: []\n"
    assert problems(tagged) == [
        "line 1, column 10: (document): custom YAML tags are not supported in policies"
    ]


def test_unknown_keys_that_are_not_plain_words_are_not_echoed() -> None:
    found = problems("version: 1\nrules: []\n4111111111111111: x\n")
    assert found == [
        "line 3, column 1: (document): unknown key (not shown: not a plain word); allowed: "
        "version, name, description, mode, default, rules"
    ]


def test_values_never_appear_in_messages() -> None:
    text = (
        "version: 1\nrules:\n  - id: a\n    priority: 1\n"
        "    when: {destination: {domains_allow: ['078-05-1120@x y']}, "
        "entities: [{entity: '5555 5555 5555 4444'}]}\n    then: {action: block}\n"
    )
    with pytest.raises(PolicyValidationError) as caught:
        parse_policy(text)
    message = str(caught.value)
    assert "078-05-1120" not in message and "5555" not in message
    assert message.count("\n") == 2  # both problems reported


def test_oversized_document_is_refused_before_parsing() -> None:
    assert problems("#" * 1_000_001) == [
        "line 1, column 1: (document): policy is larger than 1000000 characters"
    ]


def test_issue_dicts_for_the_api() -> None:
    with pytest.raises(PolicyValidationError) as caught:
        parse_policy("version: 2\nrules: []\n")
    assert [i.to_dict() for i in caught.value.issues] == [
        {"line": 1, "column": 10, "path": "version",
         "message": "unsupported policy version; supported: 1"}
    ]  # fmt: skip


FULL = """\
version: 1
name: demo
description: every field once
mode: simulate
default: audit
rules:
  - id: everything
    description: all conditions
    priority: 0
    mode: enforce
    when:
      channels: [email, upload]
      direction: [outbound, internal]
      entities:
        - {entity: payment_card, min_count: 2, min_score: 0.75}
        - {entity: government_id.*}
      entities_match: all
      destination: {domains_allow: [Example.com], domains_deny: ['*.evil.test']}
      actor: {roles: [agent, supervisor], groups: [collections]}
      attachment_types: [.PDF, 'image/*', application/zip]
      cumulative: {entities: [PAYMENT_CARD, financial.bank_account.*], threshold: 5, window: 7D}
    then: {action: block, severity: critical, notify: [analyst, dpo]}
"""


def test_every_field_is_read_into_the_core_model() -> None:
    pol = parse_policy(FULL)
    assert (pol.name, pol.description, pol.mode, pol.default) == (
        "demo", "every field once", Mode.SIMULATE, Action.AUDIT
    )  # fmt: skip
    rule = pol.rule("everything")
    assert (rule.priority, rule.mode, rule.description) == (0, Mode.ENFORCE, "all conditions")
    assert rule.then.action is Action.BLOCK and rule.then.severity is Severity.CRITICAL
    assert rule.then.notify == (Role.ANALYST, Role.DPO)
    by_type = {type(c).__name__: c for c in rule.conditions}
    assert by_type["ChannelCondition"].channels == {Channel.EMAIL, Channel.UPLOAD}  # type: ignore[attr-defined]
    entities = by_type["EntitiesCondition"]
    assert entities.match_all  # type: ignore[attr-defined]
    first, second = entities.requirements  # type: ignore[attr-defined]
    assert (first.selector, first.entities, first.min_count, first.min_score) == (
        "PAYMENT_CARD", {"PAYMENT_CARD"}, 2, 0.75
    )  # fmt: skip
    assert {"US_SSN", "US_PASSPORT", "US_DRIVER_LICENSE"} <= second.entities
    destination = by_type["DestinationCondition"]
    assert destination.allow == {"example.com"} and destination.deny == {"evil.test"}  # type: ignore[attr-defined]
    attachments = by_type["AttachmentCondition"]
    assert attachments.extensions == {"pdf"}  # type: ignore[attr-defined]
    assert attachments.mime_types == {"application/zip"}  # type: ignore[attr-defined]
    assert attachments.mime_families == {"image"}  # type: ignore[attr-defined]
    cumulative = by_type["CumulativeCondition"]
    assert cumulative.entities == {"PAYMENT_CARD", "BANK_ACCOUNT", "ABA_ROUTING", "IBAN"}  # type: ignore[attr-defined]
    assert pol.tracked_entities == cumulative.entities  # type: ignore[attr-defined]
    # Conditions are checked cheapest first, the history read last.
    assert type(rule.conditions[-1]).__name__ == "CumulativeCondition"
