"""The vault over a real (SQLite) database: round trips, determinism, refusals, erasure, and
what is stored. PostgreSQL runs the same service in tests/integration/vault."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker
from stdnum import luhn
from vault_helpers import NEW_VAULT_SECRET, TEST_CARDS, TEST_SSN, dump_tables, value_forms

from callshield import Engine
from callshield.core.entities import (
    CARD_CVV,
    EMAIL,
    PAYMENT_CARD,
    PIN,
    SECURITY_ANSWER,
    UNSCANNABLE,
    US_SSN,
)
from callshield.store.models import AuditRecord, VaultEntry
from callshield.vault import (
    Keyring,
    RefusedEntityError,
    UnknownTokensError,
    Vault,
    VaultError,
    VaultIntegrityError,
    card_recheck,
    keyring_from,
    tokenize_text,
)
from callshield.vault.keys import derive_key
from factories import ExplodingDetector

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def _detokenize(vault: Vault, session: Session, tokens: list[str]) -> list[str]:
    found = vault.detokenize(session, tokens, actor="dpo-1", role="dpo", reason="test", now=NOW)
    return [d.value for d in found]


def test_round_trip(vault: Vault, session_maker: sessionmaker[Session]) -> None:
    values = [(PAYMENT_CARD, "4111 1111 1111 1111"), (US_SSN, TEST_SSN), (EMAIL, "jo@example.com")]
    with session_maker() as session:
        tokens = [vault.tokenize(session, e, v, now=NOW).token for e, v in values]
        session.commit()
    with session_maker() as session:
        assert _detokenize(vault, session, tokens) == [v for _, v in values]
        session.commit()
    assert tokens[1].startswith("tok_ssn_") and tokens[2].startswith("tok_email_")


def test_same_value_entity_and_subject_same_token(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session:
        first = vault.tokenize(session, PAYMENT_CARD, "4111111111111111", "cust-1")
        again = vault.tokenize(session, PAYMENT_CARD, "4111-1111-1111-1111", "cust-1")
        other_subject = vault.tokenize(session, PAYMENT_CARD, "4111111111111111", "cust-2")
        no_subject = vault.tokenize(session, PAYMENT_CARD, "4111111111111111")
        as_ssn = vault.tokenize(session, US_SSN, "4111111111111111")
        session.commit()
        rows = session.scalar(select(VaultEntry.token).where(VaultEntry.subject_id == "cust-1"))
        count = len(session.scalars(select(VaultEntry.token)).all())
    assert first.created and not again.created
    assert again.token == first.token  # a different layout of the same number
    assert len({first.token, other_subject.token, no_subject.token, as_ssn.token}) == 4
    assert rows == first.token and count == 4


def test_a_second_session_finds_the_committed_entry(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    """Across sessions (requests) the committed entry is found, not duplicated."""
    one, two = session_maker(), session_maker()
    try:
        made_one = vault.tokenize(one, US_SSN, TEST_SSN, "cust-9")
        one.commit()
        made_two = vault.tokenize(two, US_SSN, TEST_SSN, "cust-9")
        two.commit()
    finally:
        one.close(), two.close()
    assert made_one.token == made_two.token and not made_two.created


def test_a_taken_lookup_falls_back_to_the_stored_token(
    vault: Vault, session_maker: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The insert loses the race (another request stored the value between our lookup and our
    insert): the vault returns the stored token instead of failing or duplicating."""
    with session_maker() as session:
        stored = vault.tokenize(session, US_SSN, TEST_SSN)
        session.commit()
    calls = {"n": 0}
    real = Vault._existing

    def miss_first(self: Vault, session: Session, lookups: set[str]) -> str | None:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(self, session, lookups)

    monkeypatch.setattr(Vault, "_existing", miss_first)
    with session_maker() as session:
        raced = vault.tokenize(session, US_SSN, TEST_SSN)
        session.commit()
    assert raced.token == stored.token and not raced.created and calls["n"] == 2


@pytest.mark.parametrize(
    "entity", [CARD_CVV, PIN, SECURITY_ANSWER, UNSCANNABLE], ids=lambda e: e.name
)
def test_sensitive_authentication_data_is_refused(
    vault: Vault, session_maker: sessionmaker[Session], entity: object
) -> None:
    with session_maker() as session:
        with pytest.raises(RefusedEntityError) as caught:
            vault.tokenize(session, entity, "737")  # type: ignore[arg-type]
        session.commit()
        assert session.scalars(select(VaultEntry)).all() == []
    assert "737" not in str(caught.value)


def test_empty_value_and_long_subject_refused(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session, pytest.raises(VaultError):
        vault.tokenize(session, US_SSN, "   ")
    with session_maker() as session, pytest.raises(VaultError):
        vault.tokenize(session, US_SSN, TEST_SSN, "x" * 201)


def test_ciphertext_and_database_never_hold_the_value(
    vault: Vault, session_maker: sessionmaker[Session], sqlite_url: str
) -> None:
    values = [*TEST_CARDS, TEST_SSN]
    with session_maker() as session:
        for value in values:
            entity = US_SSN if value == TEST_SSN else PAYMENT_CARD
            vault.tokenize(session, entity, value, "cust-1")
        session.commit()
        entries = session.scalars(select(VaultEntry)).all()
    dump = dump_tables(sqlite_url)
    assert len(entries) == len(values)
    for value in values:
        for form in value_forms(value):
            assert form not in dump
            assert all(form.encode() not in e.ciphertext for e in entries)
    assert all(len(e.ciphertext) > 12 + 16 for e in entries)  # nonce + tag + data
    assert len({e.ciphertext[:12] for e in entries}) == len(entries)  # fresh nonces


def test_a_ciphertext_moved_to_another_row_does_not_open(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session:
        a = vault.tokenize(session, US_SSN, TEST_SSN)
        b = vault.tokenize(session, US_SSN, "219-09-9999")
        sealed = session.scalar(select(VaultEntry.ciphertext).where(VaultEntry.token == a.token))
        session.execute(
            update(VaultEntry).where(VaultEntry.token == b.token).values(ciphertext=sealed)
        )
        session.commit()
    with session_maker() as session, pytest.raises(VaultIntegrityError) as caught:
        _detokenize(vault, session, [b.token])
    assert "position 0" in str(caught.value) and TEST_SSN not in str(caught.value)


def test_unknown_tokens_name_positions_only(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session:
        good = vault.tokenize(session, US_SSN, TEST_SSN).token
        session.commit()
    with session_maker() as session:
        with pytest.raises(UnknownTokensError) as caught:
            _detokenize(vault, session, [good, "tok_ssn_" + "a" * 26, "4111111111111111"])
        assert caught.value.positions == (1, 2)
        assert "4111" not in str(caught.value)
        assert session.scalars(select(AuditRecord)).all() == []  # nothing half-done


def test_detokenize_writes_one_audit_record_without_values(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session:
        card = vault.tokenize(session, PAYMENT_CARD, "5555 5555 5555 4444").token
        ssn = vault.tokenize(session, US_SSN, TEST_SSN).token
        session.commit()
    with session_maker() as session:
        vault.detokenize(
            session, [card, ssn], actor="dpo-7", role="dpo", reason="chargeback", now=NOW
        )
        session.commit()
        (record,) = session.scalars(select(AuditRecord)).all()
    assert (record.actor, record.action) == ("dpo-7", "vault.detokenize")
    assert record.details["tokens"] == sorted([card, ssn])
    assert record.details["reason"] == "chargeback" and record.details["role"] == "dpo"
    assert record.occurred_at.replace(tzinfo=UTC) == NOW
    text = repr(record.details) + record.target
    assert "5555555555554444" not in text and TEST_SSN not in text


def test_detokenized_repr_hides_the_value(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    with session_maker() as session:
        token = vault.tokenize(session, US_SSN, TEST_SSN).token
        (found,) = vault.detokenize(session, [token], actor="a", role="dpo", reason="r")
    assert found.value == TEST_SSN and TEST_SSN not in repr(found)


def test_erase_subject(vault: Vault, session_maker: sessionmaker[Session]) -> None:
    with session_maker() as session:
        mine = [
            vault.tokenize(session, US_SSN, TEST_SSN, "cust-1").token,
            vault.tokenize(session, PAYMENT_CARD, "4111111111111111", "cust-1").token,
        ]
        theirs = vault.tokenize(session, US_SSN, TEST_SSN, "cust-2").token
        session.commit()
    with session_maker() as session:
        assert vault.erase_subject(session, "cust-1", actor="dpo-1", now=NOW) == 2
        session.commit()
    with session_maker() as session:
        with pytest.raises(UnknownTokensError):
            _detokenize(vault, session, mine[:1])
        assert _detokenize(vault, session, [theirs]) == [TEST_SSN]
        record = session.scalars(
            select(AuditRecord).where(AuditRecord.action == "vault.erase_subject")
        ).one()
        assert record.details == {"erased": 2} and record.target == "cust-1"
        assert vault.erase_subject(session, "cust-1", actor="dpo-1") == 0
    with session_maker() as session:  # erased, so tokenizing again makes a new token
        assert vault.tokenize(session, US_SSN, TEST_SSN, "cust-1").token != mine[0]


def test_the_service_never_commits(vault: Vault, session_maker: sessionmaker[Session]) -> None:
    with session_maker() as session:
        token = vault.tokenize(session, US_SSN, TEST_SSN).token
        session.rollback()
    with session_maker() as session, pytest.raises(UnknownTokensError):
        _detokenize(vault, session, [token])


def test_an_entry_under_a_key_off_the_ring_says_which_key(
    session_maker: sessionmaker[Session], keyring: Keyring
) -> None:
    with session_maker() as session:
        token = Vault(keyring).tokenize(session, US_SSN, TEST_SSN).token
        session.commit()
    stranger = Vault(keyring_from(NEW_VAULT_SECRET))
    with session_maker() as session, pytest.raises(VaultIntegrityError) as caught:
        _detokenize(stranger, session, [token])
    assert keyring.current.key_id in str(caught.value)
    assert "CALLSHIELD_VAULT_PREVIOUS_KEYS" in str(caught.value)
    assert derive_key(NEW_VAULT_SECRET).key_id != keyring.current.key_id


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(card=st.sampled_from(TEST_CARDS), grouping=st.sampled_from(["", " ", "-"]))
def test_vault_card_tokens_are_never_detected_in_their_layout(
    engine: Engine, keyring: Keyring, session_maker: sessionmaker[Session], card: str, grouping: str
) -> None:
    vault = Vault(keyring, recheck=card_recheck(engine))
    written = grouping.join(card[i : i + 4] for i in range(0, len(card), 4))
    with session_maker() as session:
        token = vault.tokenize(session, PAYMENT_CARD, written, "cust-h").token
        session.commit()
    digits = "".join(c for c in token if c.isdigit())
    assert len(digits) == len(card) and digits[-4:] == card[-4:] and not luhn.is_valid(digits)
    assert token in (
        digits,
        "".join(next(it) if c.isdigit() else c for it in [iter(digits)] for c in written),
    )
    for text in (token, f"my card number is {token}, expiry soon"):
        assert "PAYMENT_CARD" not in [f.entity.name for f in engine.scan(text)]


def test_text_that_cannot_be_scanned_is_redacted_whole_and_nothing_stored(
    vault: Vault, session_maker: sessionmaker[Session]
) -> None:
    failing = Engine(fingerprint_key=b"k" * 32, custom_detectors=[ExplodingDetector()])
    text = f"boom: card 4111 1111 1111 1111, SSN {TEST_SSN}"
    with session_maker() as session:
        result = tokenize_text(vault, session, failing, text)
        session.commit()
        assert session.scalars(select(VaultEntry)).all() == []
    assert result.text == "[UNSCANNABLE]"
    assert [(p.entity, p.token) for p in result.placements] == [("UNSCANNABLE", None)]


def test_tokenize_text_places_tokens_and_redacts_sensitive_authentication_data(
    engine: Engine, keyring: Keyring, session_maker: sessionmaker[Session]
) -> None:
    vault = Vault(keyring, recheck=card_recheck(engine))
    text = f"card number 4111 1111 1111 1111 cvv 737 ssn {TEST_SSN}"
    with session_maker() as session:
        result = tokenize_text(vault, session, engine, text, subject_id="cust-1")
        session.commit()
    kinds = [(p.entity, p.token is not None) for p in result.placements]
    assert kinds == [("PAYMENT_CARD", True), ("CARD_CVV", False), ("US_SSN", True)]
    for p in result.placements:
        shown = result.text[p.span.start : p.span.end]
        assert shown == (p.token if p.token is not None else "[CARD_CVV]")
    # outside the placed tokens nothing of the values is left (a token's own random digits
    # may contain "4111" or "737" by chance: one run in ten did, so they are cut out first)
    rest = result.text
    for p in sorted(result.placements, key=lambda p: p.span.start, reverse=True):
        rest = rest[: p.span.start] + rest[p.span.end :]
    assert "4111" not in rest and "737" not in rest and TEST_SSN not in result.text
    card = next(p for p in result.placements if p.entity == "PAYMENT_CARD")
    assert card.token is not None and card.token.replace(" ", "")[:-4] != "411111111111"
    shown = repr(result).replace(" ", "")
    assert "4111111111111111" not in shown and TEST_SSN.replace(" ", "") not in shown


def test_a_layout_the_engine_flags_falls_back_to_one_block(
    keyring: Keyring, session_maker: sessionmaker[Session]
) -> None:
    flags_grouped = Vault(keyring, recheck=lambda token: " " in token)
    accepts_all = Vault(keyring, recheck=lambda token: False)
    flags_all = Vault(keyring, recheck=lambda token: True)
    with session_maker() as session:
        bare = flags_grouped.tokenize(session, PAYMENT_CARD, "4111 1111 1111 1111", "a").token
        laid = accepts_all.tokenize(session, PAYMENT_CARD, "5555 5555 5555 4444", "b").token
        again = flags_grouped.tokenize(session, PAYMENT_CARD, "5555 5555 5555 4444", "b").token
        with pytest.raises(VaultError):
            flags_all.tokenize(session, PAYMENT_CARD, "378282246310005", "c")
    assert re.fullmatch(r"0\d{11}1111", bare)
    assert re.fullmatch(r"0\d{3} \d{4} \d{4} 4444", laid)
    assert again == laid.replace(" ", "")  # a stored token is shown laid out only if safe


def test_a_flagged_layout_is_drawn_again_before_it_falls_back(
    keyring: Keyring, session_maker: sessionmaker[Session]
) -> None:
    # about 1 laid-out draw in 170 holds a Luhn-valid Maestro number: a new draw keeps the
    # card's layout (one block only when several draws in a row are flagged)
    flagged: list[str] = []

    def first_draw_flagged(token: str) -> bool:
        if " " in token and not flagged:
            flagged.append(token)
            return True
        return False

    vault = Vault(keyring, recheck=first_draw_flagged)
    with session_maker() as session:
        token = vault.tokenize(session, PAYMENT_CARD, "4111 1111 1111 1111", "a").token
    assert len(flagged) == 1 and token != flagged[0]
    assert re.fullmatch(r"0\d{3} \d{4} \d{4} 1111", token)
