"""The default engine's pattern database, compiled once when callshield is built and loaded by
`Engine()` instead of being compiled again: compiling the combined Hyperscan database is most
of an engine's build (0.7-1.0 s on the CI machine), loading it a few milliseconds.

`make native` writes it (`native/build.py`, through `main` here) into the package, under
`data/prefilter/`, named by `prefilter.database_key` of its patterns (and libhs's version).
An engine whose patterns differ (custom detectors, a deny-list, other entities, a pattern
edited since) finds no file under its key and compiles its own, as it would without one: a
stale database is never used. Only the default engine's database is written, never one that
holds a deployment's deny-list or custom patterns (they may spell out sensitive values), and
the engine never writes one itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: Where the prebuilt databases lie (in the package; ignored by git).
DIRECTORY = Path(__file__).resolve().parent / "data" / "prefilter"
SUFFIX = ".hsdb"


def load(key: str | None) -> bytes | None:
    """The prebuilt database for `key`, or None when there is none (or no key)."""
    if key is None:
        return None
    try:
        return (DIRECTORY / f"{key}{SUFFIX}").read_bytes()
    except OSError:
        return None


def write_default(directory: Path = DIRECTORY) -> Path | None:
    """Compile the default engine's database and write it under its key, removing databases
    of other keys (earlier builds). None where the native backend is not built."""
    from callshield.core.detection.prefilter import database_key
    from callshield.engine import Engine

    engine = Engine()  # (loads the database when this build wrote it already)
    triggers = engine.prefilter_patterns
    key = database_key(triggers)
    if key is None:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{key}{SUFFIX}"
    if engine.prefilter_source != "prebuilt" or not path.exists():
        partial = path.with_suffix(".partial")
        partial.write_bytes(engine.prefilter_serialized())  # (the database it built or loaded)
        partial.replace(path)
    for other in directory.glob(f"*{SUFFIX}"):
        if other != path:
            other.unlink()
    return path


def main() -> int:
    """Write the default engine's database (run by `native/build.py`)."""
    path = write_default()
    where = "not written: the native collector is not built" if path is None else str(path.name)
    print(f"prebuilt pattern database: {where}", file=sys.stderr)
    return 0
