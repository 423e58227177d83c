"""The scan path compiled by mypyc (`native/compile_core.py`) and its loader
(`callshield._compiled_modules`): used where built and current, standing down when a source
changed, and finding exactly what the interpreted code finds."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import callshield.engine
from callshield import _compiled_modules
from callshield._compiled_modules import compiled_paths, stale_reason

REPO = Path(__file__).resolve().parents[2]
SUFFIX = str(sysconfig.get_config_var("EXT_SUFFIX"))

#: Prints, as JSON, every finding of the pipeline on the red-team sets and 300 corpus
#: documents, with a fixed fingerprint key, and whether the compiled modules ran.
DUMP = """
import json, sys
sys.path.insert(0, "tests/unit/redteam")
from callshield import Engine, _compiled_modules
from callshield.evaluation.corpus import generate_corpus
from callshield.pipeline import scan_text
from redteam_sets import SETS, texts
engine = Engine(fingerprint_key=b"k" * 32)
docs = [t for name in SETS for t in texts(name)]
docs += [str(r["text"]) for r in generate_corpus(n=300, seed=41)]
def row(f):
    return (f.entity.name, f.start, f.end, f.score, f.reasons, f.fingerprint)
out = [[row(f) for f in scan_text(d, engine)] for d in docs]
print(json.dumps({"compiled": _compiled_modules.active(), "findings": out}))
"""


def test_the_compiled_modules_run_where_the_build_requires_them() -> None:
    # `make test` compiles them (`make native`) and sets CALLSHIELD_REQUIRE_NATIVE=1
    if os.environ.get("CALLSHIELD_REQUIRE_NATIVE") != "1":
        pytest.skip("only `make test` requires the compiled modules")
    assert _compiled_modules.status is None
    assert _compiled_modules.active()
    assert str(callshield.engine.__file__).endswith(SUFFIX)


def _dumps() -> tuple[dict[str, object], dict[str, object]]:
    """DUMP's output, compiled and interpreted, run side by side (each takes a minute)."""
    env = {k: v for k, v in os.environ.items() if k != _compiled_modules.OFF_SWITCH}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", DUMP],
            cwd=REPO,
            env=env | extra,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for extra in ({}, {_compiled_modules.OFF_SWITCH: "1"})
    ]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=900)
        assert run.returncode == 0, err[-2000:]
        outputs.append(json.loads(out))
    return outputs[0], outputs[1]


def test_the_compiled_scan_finds_exactly_what_the_interpreted_one_finds() -> None:
    if not _compiled_modules.active():
        pytest.skip(f"compiled modules not in use: {_compiled_modules.status}")
    compiled, interpreted = _dumps()
    assert compiled["compiled"] is True
    assert interpreted["compiled"] is False
    found = compiled["findings"]
    assert isinstance(found, list)
    assert len(found) > 4000
    assert sum(map(len, found)) > 10_000  # findings, not empty lists on both sides
    assert found == interpreted["findings"]


def _built(tmp_path: Path, source: str = "x = 1\n") -> tuple[Path, Path]:
    """A package source tree with one module, and a compiled directory whose manifest records
    that module as it is now."""
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "mod.py").write_text(source, encoding="utf-8")
    compiled = tmp_path / "compiled"
    (compiled / "pkg").mkdir(parents=True)
    (compiled / "pkg" / f"mod{SUFFIX}").write_bytes(b"")
    (compiled / f"abc__mypyc{SUFFIX}").write_bytes(b"")
    manifest = {
        "python": sys.implementation.cache_tag,
        "sources": {"pkg.mod": hashlib.sha256(source.encode()).hexdigest()},
    }
    (compiled / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return src, compiled


def test_current_sources_let_the_compiled_modules_load(tmp_path: Path) -> None:
    src, compiled = _built(tmp_path)
    assert stale_reason(compiled, src) is None
    assert compiled_paths(compiled) == {
        "pkg.mod": compiled / "pkg" / f"mod{SUFFIX}",
        "abc__mypyc": compiled / f"abc__mypyc{SUFFIX}",
    }


def test_an_edited_source_makes_them_stand_down(tmp_path: Path) -> None:
    src, compiled = _built(tmp_path)
    (src / "pkg" / "mod.py").write_text("x = 2\n", encoding="utf-8")
    assert stale_reason(compiled, src) == "pkg.mod changed since it was compiled"


def test_a_missing_source_makes_them_stand_down(tmp_path: Path) -> None:
    src, compiled = _built(tmp_path)
    (src / "pkg" / "mod.py").unlink()
    assert stale_reason(compiled, src) == "pkg.mod: source missing"


def test_another_interpreter_or_no_build_makes_them_stand_down(tmp_path: Path) -> None:
    src, compiled = _built(tmp_path)
    manifest = json.loads((compiled / "manifest.json").read_text(encoding="utf-8"))
    manifest["python"] = "cpython-39"
    (compiled / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert stale_reason(compiled, src) == (
        f"built for cpython-39, this is {sys.implementation.cache_tag}"
    )
    (compiled / "manifest.json").unlink()
    assert stale_reason(compiled, src) == "not built (native/compile_core.py)"


def test_the_off_switch_runs_the_interpreted_modules() -> None:
    env = {**os.environ, _compiled_modules.OFF_SWITCH: "1"}
    code = (
        "import callshield.engine as e, callshield._compiled_modules as c;"
        "print(e.__file__); print(c.status)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    path, status = done.stdout.splitlines()
    assert path.endswith("engine.py")
    assert status == f"{_compiled_modules.OFF_SWITCH}=1"
