"""Re-encrypt the whole vault under the keyring's current key, in batches (EDGE: commits).

Each batch is one transaction, and each row's update names the key it was sealed with, so a
crash at any point leaves every entry sealed under either the old key or the new one (both on
the ring), and running again carries on where the last run stopped. Entries written under an
old key while a run goes on (a service not yet given the new key) are counted in `remaining`:
run again once every service has it. The start and the end of a run are audit events.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from callshield.store.models import AuditRecord, VaultEntry
from callshield.vault import sealing
from callshield.vault.keys import Keyring

DEFAULT_BATCH = 500


def remaining(session: Session, keyring: Keyring) -> dict[str, int]:
    """Entries not yet under the current key, per key id."""
    query = (
        select(VaultEntry.key_id, func.count())
        .where(VaultEntry.key_id != keyring.current.key_id)
        .group_by(VaultEntry.key_id)
    )
    return {str(k): int(n) for k, n in session.execute(query).all()}


def rotate_batch(
    session: Session, keyring: Keyring, batch_size: int = DEFAULT_BATCH, after: str | None = None
) -> tuple[int, str | None]:
    """Re-seal up to `batch_size` entries not under the current key, in token order after
    `after` (keyset paging: no batch rescans the ones before it); re-keys the lookup HMAC
    too. Returns how many, and the last token seen (the next call's `after`).

    Each update names the old key id, so a concurrent or repeated run is harmless, and every
    entry is readable at any moment with the old key or the new one."""
    current = keyring.current
    query = select(
        VaultEntry.token,
        VaultEntry.entity,
        VaultEntry.key_id,
        VaultEntry.ciphertext,
        VaultEntry.subject_id,
    ).where(VaultEntry.key_id != current.key_id)
    if after is not None:
        query = query.where(VaultEntry.token > after)
    rows = session.execute(query.order_by(VaultEntry.token).limit(batch_size)).all()
    for position, row in enumerate(rows):
        value = sealing.unseal(keyring, row.token, row.entity, row.key_id, row.ciphertext, position)
        session.execute(
            update(VaultEntry)
            .where(VaultEntry.token == row.token, VaultEntry.key_id == row.key_id)
            .values(
                ciphertext=sealing.seal(current, row.token, row.entity, value),
                key_id=current.key_id,
                value_hmac=sealing.lookup_hmac(current, row.entity, row.subject_id, value),
            )
        )
    return len(rows), (rows[-1].token if rows else after)


def record_rotation(
    session: Session,
    keyring: Keyring,
    *,
    actor: str,
    stage: str,
    details: Mapping[str, Any],
    now: datetime | None = None,
) -> None:
    session.add(
        AuditRecord(
            occurred_at=now or datetime.now(UTC),
            actor=actor,
            action=f"vault.rotate_key.{stage}",
            target=keyring.current.key_id,
            details=dict(details),
        )
    )


@dataclass(frozen=True, slots=True)
class RotationReport:
    key_id: str
    rotated: int
    batches: int
    before: dict[str, int] = field(default_factory=dict)  # entries per older key id
    remaining: dict[str, int] = field(default_factory=dict)


def rotate_all(
    sessions: sessionmaker[Session],
    keyring: Keyring,
    *,
    actor: str = "cli",
    batch_size: int = DEFAULT_BATCH,
    after_batch: Callable[[int], None] | None = None,
) -> RotationReport:
    """Re-seal every entry not under `keyring`'s current key, one committed batch at a time;
    `after_batch(total so far)` is called after each (progress)."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    key_id = keyring.current.key_id
    with sessions() as session:
        before = remaining(session, keyring)
        record_rotation(
            session,
            keyring,
            actor=actor,
            stage="started",
            details={"pending": before, "batch_size": batch_size},
        )
        session.commit()
    rotated = batches = 0
    cursor: str | None = None
    while True:
        with sessions() as session:
            done, cursor = rotate_batch(session, keyring, batch_size, after=cursor)
            session.commit()
        if done == 0:
            break
        rotated, batches = rotated + done, batches + 1
        if after_batch is not None:
            after_batch(rotated)
    with sessions() as session:
        left = remaining(session, keyring)
        record_rotation(
            session,
            keyring,
            actor=actor,
            stage="finished",
            details={"rotated": rotated, "batches": batches, "remaining": left},
        )
        session.commit()
    return RotationReport(key_id, rotated, batches, before, left)
