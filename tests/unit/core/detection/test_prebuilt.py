"""The prebuilt pattern database (`callshield.prebuilt`): `make native` writes the default
engine's database into the package and `Engine()` loads it instead of compiling it. A loaded
database reports what the compiled one does; one that does not fit (other patterns, damaged)
is never used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from callshield import Engine, prebuilt
from callshield.core.detection.prefilter import MultiPatternDB, Trigger, database_key
from callshield.evaluation.corpus import generate_corpus

pytestmark = pytest.mark.skipif(
    database_key([Trigger("x", max_len=1)]) is None, reason="the native collector is not built"
)


def test_make_writes_the_default_engines_database_and_the_engine_loads_it() -> None:
    # `make test` runs native/build.py, which writes it, and sets CALLSHIELD_REQUIRE_NATIVE=1
    if os.environ.get("CALLSHIELD_REQUIRE_NATIVE") != "1":
        pytest.skip("only `make test` builds the package's prebuilt database")
    engine = Engine()
    assert engine.prefilter_source == "prebuilt"
    key = database_key(engine.prefilter_patterns)
    assert [p.name for p in prebuilt.DIRECTORY.glob("*.hsdb")] == [f"{key}.hsdb"]
    assert Engine(prebuilt=False).prefilter_source == "compiled"


def test_a_loaded_database_reports_what_the_compiled_one_does() -> None:
    triggers = Engine(prebuilt=False).prefilter_patterns
    compiled = MultiPatternDB(triggers)
    loaded = MultiPatternDB(triggers, serialized=compiled.serialize())
    assert (compiled.loaded, loaded.loaded) == (False, True)
    texts = [str(r["text"]) for r in generate_corpus(n=200, seed=5)]
    texts.append("Grüße, my name is Zoë Müller, call 4111 1111 1111 1111 thanks")
    hits = 0
    for text in texts:
        got = loaded.scan_columns(text)
        assert got == compiled.scan_columns(text)
        hits += len(got[0])
    assert hits > 1000


def test_a_damaged_database_is_compiled_instead() -> None:
    triggers = [Trigger(r"\d{4}", max_len=4), Trigger("card", max_len=4)]
    data = MultiPatternDB(triggers).serialize()
    for bad in (data[: len(data) // 2], b"not a database", bytes(len(data))):
        db = MultiPatternDB(triggers, serialized=bad)
        assert not db.loaded
        assert db.scan("card 4111") == [(0, 9), (1, 4)]  # ("card" beside the cue phrases)


def test_an_engine_with_other_patterns_compiles_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deny-list (which may spell out sensitive values) or fewer entities make other
    patterns: no file has their key, and none is written for them."""
    monkeypatch.setattr(prebuilt, "DIRECTORY", tmp_path)
    prebuilt.write_default(tmp_path)
    assert Engine().prefilter_source == "prebuilt"
    deny = Engine(deny_list=["Project Bluebird"])
    assert deny.prefilter_source == "compiled"
    assert [f.entity.name for f in deny.scan("status of project bluebird")] == ["DENY_LISTED"]
    assert Engine(entities=["EMAIL"]).prefilter_source == "compiled"
    assert len(list(tmp_path.iterdir())) == 1


def test_a_damaged_file_under_the_right_key_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prebuilt, "DIRECTORY", tmp_path)
    path = prebuilt.write_default(tmp_path)
    assert path is not None
    path.write_bytes(path.read_bytes()[:1000])
    engine = Engine()
    assert engine.prefilter_source == "compiled"
    text = "my card is 4111 1111 1111 1111"
    assert [f.entity.name for f in engine.scan(text)] == ["PAYMENT_CARD"]


def test_writing_keeps_only_the_current_database(tmp_path: Path) -> None:
    (tmp_path / "0123.hsdb").write_bytes(b"an earlier build's")
    (tmp_path / "notes.txt").write_text("kept")
    path = prebuilt.write_default(tmp_path)
    assert path is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, "notes.txt"])
    assert path.stem == database_key(Engine(prebuilt=False).prefilter_patterns)
    assert prebuilt.load(None) is None
