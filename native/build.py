"""Build callshield's native Hyperscan collector (`callshield.core.detection._hsnative`).

    python native/build.py [--require]

Compiles native/hsnative.c against the system libhs (Debian: libvectorscan-dev or
libhyperscan-dev) into the package, next to prefilter.py. Without libhs's headers it prints
why and exits 0, and callshield uses the `hyperscan` wheel (slower per match); with
`--require` it exits 1 instead. Rebuilds only when the source is newer than the module.
Then writes the default engine's pattern database into the package (`callshield.prebuilt`),
which `Engine()` loads instead of compiling it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "native" / "hsnative.c"
TARGET_DIR = ROOT / "src" / "callshield" / "core" / "detection"
HEADER_DIRS = (Path("/usr/include"), Path("/usr/local/include"))


def target() -> Path:
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    return TARGET_DIR / f"_hsnative{suffix}"


def find_header() -> Path | None:
    for base in HEADER_DIRS:
        if (base / "hs" / "hs.h").is_file():
            return base
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--require", action="store_true", help="fail when it cannot be built")
    args = parser.parse_args(argv)
    out = target()
    if out.exists() and out.stat().st_mtime >= SOURCE.stat().st_mtime:
        return prebuild()
    compiler = shutil.which("cc") or shutil.which("gcc")
    include = find_header()
    if compiler is None or include is None:
        missing = "a C compiler" if compiler is None else "libhs headers (hs/hs.h)"
        print(f"native collector not built: {missing} not found", file=sys.stderr)
        return 1 if args.require else 0
    command = [
        compiler, "-O2", "-fPIC", "-shared", "-Wall", "-Werror", "-std=c11",
        f"-I{sysconfig.get_paths()['include']}", f"-I{include}",
        str(SOURCE), "-o", str(out), "-lhs",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        out.unlink(missing_ok=True)
        print(f"native collector failed to build:\n{result.stderr}", file=sys.stderr)
        return 1 if args.require else 0
    print(f"built {out.relative_to(ROOT)}", file=sys.stderr)
    return prebuild()


def prebuild() -> int:
    """Write the default engine's pattern database into the package (`callshield.prebuilt`),
    so that `Engine()` loads it instead of compiling it; in a fresh interpreter, which imports
    the module just built."""
    code = "from callshield.prebuilt import main; raise SystemExit(main())"
    if subprocess.run([sys.executable, "-c", code], check=False).returncode != 0:
        # not fatal: Engine() compiles the database itself (`make test` checks it is there)
        print("prebuilt pattern database not written: Engine() will compile it", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
