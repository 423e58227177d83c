"""Load the scan path's compiled modules (`native/compile_core.py`) when they are current.

`install()` runs once, from `callshield/__init__.py`, before any compiled module is imported.
It reads `_compiled/manifest.json` and puts a finder in front of the import system that
serves those modules (and the shared library mypyc puts their code in) from `_compiled/`,
but only when every recorded source still has its recorded SHA-256 and the interpreter is
the one they were built for. Otherwise it does nothing and callshield runs interpreted, the
same code: an edited source never runs as its stale compiled self, and the compiled modules,
which call each other directly, are never mixed with edited ones.

`CALLSHIELD_INTERPRETED=1` turns it off (to compare the two, or to debug in Python).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

PACKAGE_DIR = Path(__file__).resolve().parent
COMPILED_DIR = PACKAGE_DIR / "_compiled"
OFF_SWITCH = "CALLSHIELD_INTERPRETED"


class _CompiledFinder:
    """A meta path finder (no `importlib.abc` base: importing that module costs 20 ms, a
    tenth of callshield's import)."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        location = self.paths.get(fullname)
        if location is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(location))
        return importlib.util.spec_from_file_location(fullname, location, loader=loader)


def stale_reason(compiled_dir: Path = COMPILED_DIR, src_root: Path | None = None) -> str | None:
    """Why the compiled modules in `compiled_dir` cannot be used, or None when they can."""
    root = src_root if src_root is not None else PACKAGE_DIR.parent
    try:
        manifest = json.loads((compiled_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not built (native/compile_core.py)"
    if manifest.get("python") != sys.implementation.cache_tag:
        return f"built for {manifest.get('python')}, this is {sys.implementation.cache_tag}"
    for module, recorded in dict(manifest.get("sources", {})).items():
        source = root.joinpath(*module.split(".")).with_suffix(".py")
        try:
            current = hashlib.sha256(source.read_bytes()).hexdigest()
        except OSError:
            return f"{module}: source missing"
        if current != recorded:
            return f"{module} changed since it was compiled"
    return None


def compiled_paths(compiled_dir: Path = COMPILED_DIR) -> dict[str, Path]:
    """Module name -> extension file, for every extension under `compiled_dir`."""
    suffix = str(sysconfig.get_config_var("EXT_SUFFIX") or ".so")
    paths: dict[str, Path] = {}
    for file in compiled_dir.rglob(f"*{suffix}"):
        parts = file.relative_to(compiled_dir).parts
        paths[".".join((*parts[:-1], parts[-1][: -len(suffix)]))] = file
    return paths


#: Why the compiled modules are not in use (None: they are); set by install().
status: str | None = "install() not run"


def install() -> None:
    global status  # noqa: PLW0603 - the one record of what install() decided
    if any(isinstance(f, _CompiledFinder) for f in sys.meta_path):
        return
    if os.environ.get(OFF_SWITCH) == "1":
        status = f"{OFF_SWITCH}=1"
        return
    status = stale_reason()
    if status is None:
        sys.meta_path.insert(0, _CompiledFinder(compiled_paths()))


def active() -> bool:
    """Whether the scan path runs compiled."""
    return status is None
