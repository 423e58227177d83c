"""Zip limits: a crafted bomb, a lying header, deep nesting, too many members and the shared
budget are refused with a clear error, within bounded time and memory, and the rest is kept."""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Callable
from typing import Any

import pytest
import test_files_samples as samples

from callshield import Engine
from callshield.formats import ContentError, read_content
from callshield.formats.archive import ArchiveLimits
from callshield.formats.base import Parsed
from callshield.formats.files import DocumentFile
from callshield.pipeline import redact_document, scan

_SECONDS = 3.0
_PEAK_BYTES = 32 * 1024 * 1024


def _bounded(action: Callable[[], Any]) -> Any:
    """Run `action`, asserting it took under a few seconds and under 32 MiB of new memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = action()
    finally:
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < _SECONDS, f"took {elapsed:.2f}s"
    assert peak < _PEAK_BYTES, f"peak {peak / 2**20:.1f} MiB"
    return result


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = samples.zip_bomb()
    assert len(data) < 2 * 1024 * 1024  # about 1 MiB that declares 1 GiB
    return data


def test_bomb_refused_by_declared_size(bomb: bytes) -> None:
    parsed = _bounded(lambda: read_content(bomb, "bomb.zip"))
    assert parsed.format == "zip"
    assert [e.part for e in parsed.errors] == ["member[1]"]
    assert "100 MiB limit" in parsed.errors[0].message


def test_bomb_refused_by_ratio_when_size_allowed(bomb: bytes) -> None:
    roomy = DocumentFile("zip", (".zip",), ArchiveLimits(max_total_bytes=2 << 30))
    parsed = _bounded(lambda: roomy.read(bomb, source="bomb.zip"))
    assert "zip bomb" in parsed.errors[0].message


def test_lying_header_refused_while_streaming() -> None:
    """A member that declares 1000 bytes but inflates to 20 MiB is never expanded."""
    real = bytes(20 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = compressor.compress(real) + compressor.flush()
    crc = zlib.crc32(real)
    lying = samples.raw_zip([("small.txt", stream, 8, crc, 1000, 0)])
    parsed = _bounded(lambda: read_content(lying, "lying.zip"))
    assert [e.part for e in parsed.errors] == ["member[1]"]
    assert "member" in parsed.errors[0].message


def test_deep_nesting_refused_and_names_the_level() -> None:
    data = samples.nested_zip(10, f"ssn {samples.SSN}\n".encode())
    parsed = _bounded(lambda: read_content(data, "deep.zip"))
    assert [e.part for e in parsed.errors] == ["member[1]/member[1]/member[1]"]
    assert "nested more than 3 levels" in parsed.errors[0].message


def test_nesting_within_the_limit_is_scanned(engine: Engine) -> None:
    data = samples.nested_zip(3, f"ssn {samples.SSN}\n".encode())
    parsed = read_content(data, "ok.zip")
    assert parsed.errors == ()
    findings = scan(parsed.document, engine).findings
    assert [f.segment_id for f in findings] == ["member[1]/member[1]/member[1]"]


def test_too_many_members_refused_as_a_whole() -> None:
    data = samples.make_zip({f"f{i}.txt": b"x" for i in range(1001)})
    with pytest.raises(ContentError, match="more than 1000 members"):
        _bounded(lambda: read_content(data, "many.zip"))


def test_budget_is_shared_by_members_and_nesting(engine: Engine) -> None:
    """600 bytes of text and a nested zip holding 600 more, under a 1000-byte budget: the
    nested member is refused (the budget spans nesting levels), the text is kept."""
    inner = samples.make_zip({"b.txt": b"b" * 600})
    data = samples.make_zip({"a.txt": f"ssn {samples.SSN} ".encode().ljust(600), "in.zip": inner})
    small = DocumentFile("zip", (".zip",), ArchiveLimits(max_total_bytes=1000))
    parsed = small.read(data, source="budget.zip")
    assert [e.part for e in parsed.errors] == ["member[2]/member[1]"]
    assert "limit" in parsed.errors[0].message
    assert any(s.id == "member[1]" for s in parsed.document.segments)


def test_refused_member_is_a_notice_in_the_rebuilt_zip(engine: Engine, bomb: bytes) -> None:
    data = samples.make_zip({"a.txt": f"card number {samples.CARD}\n".encode(), "b.zip": bomb})
    fmt = DocumentFile("zip", (".zip",))
    parsed: Parsed = fmt.read(data, source="mixed.zip")
    result = scan(parsed.document, engine)
    rebuilt = _bounded(
        lambda: fmt.rebuild(parsed, redact_document(parsed.document, result, engine))
    )
    again = read_content(rebuilt.data, "out.zip")
    names = [s.text for s in again.document.segments if s.id.endswith("/name")]
    assert names == ["a.txt", "b.zip.removed.txt"]
    assert [r.part for r in rebuilt.removed] == ["member[2]"]
    assert "could not be scanned" in rebuilt.removed[0].message
    assert samples.leaked(" ".join(s.text for s in again.document.segments)) == []
    assert len(rebuilt.data) < 10_000  # the bomb did not travel
