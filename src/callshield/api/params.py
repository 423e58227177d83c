"""Shared parameter types: database ids fit a signed 64-bit integer (larger ones are 422,
never an overflow inside the database driver)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2**63 - 1
DbId = Annotated[int, Path(ge=1, le=MAX_ID)]
