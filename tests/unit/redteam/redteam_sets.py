"""Rewrite `coverage.jsonl` from `evasions.txt` and `structured.txt` with what the engine
redacts now. Run it only after checking that a change redacts more, never less:

    .venv/bin/python tests/unit/redteam/redteam_sets.py
"""

from __future__ import annotations

import json
from pathlib import Path

from callshield import Engine
from callshield.evaluation.leaks import Case
from callshield.pipeline import scan_text

HERE = Path(__file__).resolve().parent
SETS = (
    "evasions",
    "structured",
    "spoken",
    "spoken2",
    "written",
    "spoken3",
    "written2",
    "chat3",
    "notes3",
    "calls4",
    "mixed4",
    "calls5",
    "mixed5",
    "calls6",
    "mixed6",
    "calls7",
    "mixed7",
    "calls8",
    "mixed8",
    "calls9",
    "mixed9",
    "calls10",
    "mixed10",
    "calls11",
    "mixed11",
    "calls12",
    "mixed12",
    "calls13",
    "mixed13",
    "calls14",
    "mixed14",
    "mixed15",
    "calls15",
    "mixed16",
    "calls16",
    "mixed17",
    "calls17",
    "calls18",
    "mixed18",
    "calls19",
    "mixed19",
)
#: The sets with the truth of every value (`<set>_truth.jsonl`), in the order they were added.
TRUTH_SETS = tuple(name for name in SETS if (HERE / f"{name}_truth.jsonl").exists())
SEPARATOR = "\n===\n"


def texts(name: str) -> list[str]:
    """The texts of one set, in order (separated by a line `===`)."""
    # (as written: a text's CRLF line ends are its own, its truth's offsets count them)
    with (HERE / f"{name}.txt").open(encoding="utf-8", newline="") as file:
        raw = file.read()
    return [t for t in raw.split(SEPARATOR) if t.strip()]


#: The findings of each set's texts, per engine: the truth and the coverage tests read the same
#: scans (a set of the later rounds takes seconds to scan).
_SCANNED: dict[str, tuple[Engine, list[list[tuple[str, int, int]]]]] = {}


def by_set(names: list[str] | tuple[str, ...]) -> list[object]:
    """Parameters for tests over sets: the tests of one set run in one pytest-xdist worker
    (`--dist loadgroup`), where its scan is made once (`scanned`)."""
    import pytest

    return [pytest.param(name, marks=pytest.mark.xdist_group(f"redteam-{name}")) for name in names]


def scanned(name: str, engine: Engine) -> list[list[tuple[str, int, int]]]:
    """(entity name, start, end) of the findings of `scan_text` on each text of a set."""
    kept = _SCANNED.get(name)
    if kept is None or kept[0] is not engine:
        found = [
            [(f.entity.name, f.start, f.end) for f in scan_text(t, engine)] for t in texts(name)
        ]
        kept = _SCANNED[name] = (engine, found)
    return kept[1]


def covered(text: str, engine: Engine) -> list[list[int]]:
    """The character ranges the findings of `scan_text` cover, merged, in order."""
    return merged([(f.start, f.end) for f in scan_text(text, engine)])


def merged(spans: list[tuple[int, int]]) -> list[list[int]]:
    """`spans` merged where they touch or overlap, in order."""
    spans = sorted(spans)
    out: list[list[int]] = []
    for start, end in spans:
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return out


def uncovered(text: str, before: list[list[int]], now: list[list[int]]) -> list[int]:
    """The offsets (not blanks) that `before` covered and `now` leaves in clear."""
    kept = {pos for start, end in now for pos in range(start, end)}
    was = {pos for start, end in before for pos in range(start, end)}
    return sorted(p for p in was - kept if not text[p].isspace())


def truth(name: str) -> list[Case]:
    """The values and decoys of a set that has them (`<name>_truth.jsonl`: kinds and the
    spans of their words, no values), in the order of its texts."""
    lines = (HERE / f"{name}_truth.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        record = json.loads(line)
        values = tuple((v["kind"], v["spans"]) for v in record["values"])
        decoys = tuple((d["kind"], d["spans"]) for d in record["decoys"])
        out.append(Case(values, decoys))
    return out


def main() -> None:
    engine = Engine()
    with (HERE / "coverage.jsonl").open("w", encoding="utf-8") as out:
        for name in SETS:
            for i, text in enumerate(texts(name)):
                record = {"set": name, "n": i, "covered": covered(text, engine)}
                out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
