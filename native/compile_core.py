"""Compile the scan path's pure-Python modules to C with mypyc (`callshield._compiled`).

    python native/compile_core.py [--require] [--jobs N]

The modules in `MODULES` (the detectors, the spoken-form normaliser, the conversation logic,
the engine) are fully typed (`mypy --strict`), so mypyc turns them into C extensions that
run the same code without the interpreter's dispatch: about 1.3x on a whole scan (measured
by `bench/compare_presidio.py`, where most of what is left is the regex engine itself).

The extensions go to `src/callshield/_compiled/` (ignored by git), never beside the sources,
with a manifest of each source's SHA-256. `callshield/_compiled_modules.py` loads them only
while every listed source still has its recorded digest: an edited source makes the whole set
stand down (the modules call each other directly in C, so they cannot be mixed with edited
ones) until this is run again, which `make native` does. Without a C compiler or mypyc it
prints why and exits 0 (callshield runs interpreted); `--require` makes that exit 1.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = SRC / "callshield" / "_compiled"

#: Source files (relative to src/) compiled, as globs; a package's __init__ stays Python. Only
#: the scan path: the redaction package, for one, would not compile as it is (mypyc makes a
#: dataclass's ClassVar a read-only slot, and cannot subclass KeyError).
MODULES = (
    "callshield/core/detection/*.py",
    "callshield/core/detectors/*.py",
    "callshield/core/conversation.py",
    "callshield/core/turns.py",
    "callshield/core/document.py",
    "callshield/core/finding.py",
    "callshield/core/entities.py",
    "callshield/core/tables.py",
    "callshield/engine.py",
    "callshield/pipeline.py",
)


def sources() -> list[Path]:
    found = {p for pattern in MODULES for p in SRC.glob(pattern) if p.name != "__init__.py"}
    return sorted(found)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(SRC).with_suffix("").parts)


def manifest_for(files: list[Path]) -> dict[str, object]:
    return {
        "python": sys.implementation.cache_tag,
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "sources": {module_name(p): digest(p) for p in files},
    }


def up_to_date(files: list[Path]) -> bool:
    try:
        recorded = json.loads((OUT / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    wanted = manifest_for(files)
    return all(recorded.get(key) == value for key, value in wanted.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require", action="store_true", help="fail when it cannot be built")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    files = sources()
    if up_to_date(files):
        return 0
    failure = build(files, args.jobs)
    if failure:
        print(
            f"compiled modules not built ({failure}): callshield runs interpreted", file=sys.stderr
        )
        return 1 if args.require else 0
    print(f"compiled {len(files)} modules into {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


def build(files: list[Path], jobs: int) -> str | None:
    """Compile `files` into OUT; the reason it could not, or None."""
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        return "no C compiler"
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as exc:
        return f"mypyc or setuptools missing: {exc}"
    shutil.rmtree(OUT, ignore_errors=True)
    log = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="callshield-mypyc-") as work:
        lib = Path(work) / "lib"
        cwd = Path.cwd()
        os.environ["MYPY_CACHE_DIR"] = str(Path(work) / "mypy_cache")
        os.chdir(SRC)  # mypyc names modules by their path from here
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                extensions = mypycify(
                    [str(p.relative_to(SRC)) for p in files],
                    opt_level="3",
                    multi_file=True,
                    target_dir=work,
                )
                with _parallel_compiles(max(1, jobs)):
                    setup(
                        name="callshield-compiled",
                        ext_modules=extensions,
                        script_args=[
                            "--quiet", "build_ext", "--build-lib", str(lib),
                            "--build-temp", str(Path(work) / "tmp"),
                        ],
                    )  # fmt: skip
        except (SystemExit, Exception) as exc:  # a failed build is reported, not raised
            print(log.getvalue(), file=sys.stderr)
            return f"mypyc failed: {exc}"
        finally:
            os.chdir(cwd)
        shutil.copytree(lib, OUT)
    (OUT / "manifest.json").write_text(json.dumps(manifest_for(files), indent=1), encoding="utf-8")
    return None


@contextlib.contextmanager
def _parallel_compiles(jobs: int) -> Iterator[None]:
    """Compile one extension's C files `jobs` at a time (mypyc writes one file per module into
    one shared library, which setuptools compiles one file after another): each `_compile`
    call, distutils' hook for one file, goes to a thread pool, and `compile` waits for all of
    them before it returns (and the link starts)."""
    from distutils.ccompiler import CCompiler  # setuptools' own distutils, once it is imported

    original: Callable[..., Any] = CCompiler.compile

    def compile_all(self: Any, *args: Any, **kwargs: Any) -> Any:
        serial = self._compile
        futures: list[Future[None]] = []
        with ThreadPoolExecutor(jobs) as pool:
            self._compile = lambda *a, **k: futures.append(pool.submit(serial, *a, **k))
            try:
                objects = original(self, *args, **kwargs)
            finally:
                del self._compile
            for future in futures:
                future.result()
        return objects

    CCompiler.compile = compile_all  # type: ignore[method-assign]
    try:
        yield
    finally:
        CCompiler.compile = original  # type: ignore[method-assign]


if __name__ == "__main__":
    raise SystemExit(main())
