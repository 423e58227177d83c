"""Vault round trips, concurrency, rotation and the API on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from vault_helpers import (
    NEW_VAULT_SECRET,
    TEST_SSN,
    VAULT_SECRET,
    bearer,
    client_for,
    dump_tables,
    make_state,
    sessions,
    value_forms,
)

from callshield import Engine
from callshield.core.entities import PAYMENT_CARD, US_SSN
from callshield.store.models import AuditRecord, VaultEntry
from callshield.vault import UnknownTokensError, Vault, keyring_from
from callshield.vault.rotation import remaining, rotate_all

CARDS = ["4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"]


@pytest.fixture
def session_maker(db_url: str) -> sessionmaker[Session]:
    return sessions(db_url)


def test_round_trip_determinism_and_erasure(
    db_url: str, session_maker: sessionmaker[Session]
) -> None:
    vault = Vault(keyring_from(VAULT_SECRET))
    with session_maker() as session:
        tokens = [vault.tokenize(session, PAYMENT_CARD, c, "cust-1").token for c in CARDS]
        ssn = vault.tokenize(session, US_SSN, TEST_SSN, "cust-2").token
        session.commit()
    with session_maker() as session:
        again = [vault.tokenize(session, PAYMENT_CARD, c, "cust-1") for c in CARDS]
        found = vault.detokenize(session, [*tokens, ssn], actor="dpo-1", role="dpo", reason="t")
        session.commit()
    assert [a.token for a in again] == tokens and not any(a.created for a in again)
    assert [d.value for d in found] == [*CARDS, TEST_SSN]
    dump = dump_tables(db_url)
    for value in [*CARDS, TEST_SSN]:
        assert all(form not in dump for form in value_forms(value))
    with session_maker() as session:
        assert vault.erase_subject(session, "cust-1", actor="dpo-1") == 3
        session.commit()
    with session_maker() as session, pytest.raises(UnknownTokensError):
        vault.detokenize(session, tokens, actor="dpo-1", role="dpo", reason="t")


def test_concurrent_tokenization_of_one_value_makes_one_entry(
    session_maker: sessionmaker[Session],
) -> None:
    """Eight requests at once for the same value: one entry, one token, no error."""
    vault = Vault(keyring_from(VAULT_SECRET))
    barrier, results, errors = threading.Barrier(8), [], []

    def worker() -> None:
        try:
            with session_maker() as session:
                barrier.wait(timeout=30)
                results.append(vault.tokenize(session, US_SSN, TEST_SSN, "cust-7"))
                session.commit()
        except Exception as exc:  # collected, so the assertion shows it
            errors.append(type(exc).__name__)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert len({r.token for r in results}) == 1 and len(results) == 8
    assert sum(r.created for r in results) == 1
    with session_maker() as session:
        assert len(session.scalars(select(VaultEntry.token)).all()) == 1


def test_interrupted_rotation_resumes(session_maker: sessionmaker[Session]) -> None:
    old, new = keyring_from(VAULT_SECRET), keyring_from(NEW_VAULT_SECRET, [VAULT_SECRET])
    with session_maker() as session:
        tokens = {
            Vault(old)
            .tokenize(session, US_SSN, f"078-05-{1100 + i:04d}")
            .token: f"078-05-{1100 + i:04d}"
            for i in range(9)
        }
        session.commit()

    def crash(done: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rotate_all(session_maker, new, batch_size=4, after_batch=crash)
    with session_maker() as session:
        found = Vault(new).detokenize(session, list(tokens), actor="t", role="dpo", reason="t")
        assert [d.value for d in found] == list(tokens.values())
        assert remaining(session, new) == {old.current.key_id: 5}
    assert rotate_all(session_maker, new, batch_size=4).rotated == 5
    with session_maker() as session:
        alone = Vault(keyring_from(NEW_VAULT_SECRET))
        found = alone.detokenize(session, list(tokens), actor="t", role="dpo", reason="t")
        assert [d.value for d in found] == list(tokens.values())


def test_api_round_trip_with_audit(db_url: str, tmp_path: Path, engine: Engine) -> None:
    state = make_state(db_url, tmp_path / "home", engine)
    text = f"card number {CARDS[0]}, CVV 737, SSN {TEST_SSN}"
    with client_for(state) as client:
        made = client.post(
            "/v1/tokenize",
            json={"text": text, "subject_id": "cust-3"},
            headers=bearer(state, "agent"),
        )
        assert made.status_code == 200, made.text
        tokens = [t["token"] for t in made.json()["tokens"]]
        assert len(tokens) == 2 and "[CARD_CVV]" in made.json()["text"]
        response = client.post(
            "/v1/detokenize",
            json={"tokens": tokens, "reason": "dispute"},
            headers=bearer(state, "dpo", name="dana"),
        )
        assert response.status_code == 200, response.text
        assert {v["value"] for v in response.json()["values"]} == {CARDS[0], TEST_SSN}
        assert (
            client.post(
                "/v1/detokenize",
                json={"tokens": tokens, "reason": "x"},
                headers=bearer(state, "agent"),
            ).status_code
            == 403
        )
        erased = client.delete("/v1/subjects/cust-3/tokens", headers=bearer(state, "dpo"))
        assert erased.json() == {"erased": 2}
    with state.sessions() as session:
        actions = session.scalars(select(AuditRecord.action).order_by(AuditRecord.id)).all()
    assert actions == ["vault.detokenize", "vault.erase_subject"]
    state.db.dispose()
