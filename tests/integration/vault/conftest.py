"""The vault against SQLite and a real PostgreSQL server (`db_url` from tests/conftest.py)."""

from __future__ import annotations

import sys
from pathlib import Path

# the vault tests' helpers live beside the unit tests
sys.path.insert(0, str(Path(__file__).parents[2] / "unit" / "vault"))
