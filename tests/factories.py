"""Small helpers shared by the tests."""

from __future__ import annotations

from callshield import Engine


def found(engine: Engine, text: str, min_score: float | None = None) -> list[tuple[str, str]]:
    """(entity name, matched text) pairs: the readable form tables assert on."""
    return [(f.entity.name, text[f.start : f.end]) for f in engine.scan(text, min_score=min_score)]
