"""A name given on the line after the question for it, whatever the answer's label."""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.pipeline import scan_text


@pytest.mark.parametrize("label", ["customer", "speaker", "speaker 1", "spk_1", "A"])
def test_the_answers_label_is_no_part_of_the_name(engine: Engine, label: str) -> None:
    text = f"agent: who do i have the pleasure of speaking with\n{label}: it's crystal clark\n"
    names = [text[f.start : f.end] for f in scan_text(text, engine) if f.entity.name == "PERSON"]
    assert names == ["crystal clark"]
