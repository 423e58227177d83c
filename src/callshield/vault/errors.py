"""Vault errors. Messages name places (positions, key ids) and problems, never a value."""

from __future__ import annotations

from collections.abc import Sequence


class VaultError(ValueError):
    """A vault request that cannot be served; the message names places, never values."""


class RefusedEntityError(VaultError):
    """Sensitive authentication data, which is never stored (PCI DSS 3.3)."""


class UnknownTokensError(VaultError):
    """Tokens the vault does not hold (or that are not tokens); positions in the request."""

    def __init__(self, positions: Sequence[int]) -> None:
        self.positions = tuple(positions)
        super().__init__(
            f"{len(self.positions)} token(s) not in the vault, at positions "
            f"{list(self.positions)[:20]}"
        )


class VaultIntegrityError(VaultError):
    """An entry that cannot be opened: its key is off the ring, or it fails authentication."""
