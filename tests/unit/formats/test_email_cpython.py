"""CPython's e-mail test messages (a copy of ../shared/fixtures/external/emails/ under
tests/external/data/, with its LICENSE and SOURCE.txt: the test needs no ../shared): every one
is read, scanned, redacted and rebuilt without a crash; the rebuilt message parses again, holds
nothing the engine still finds, and every part with an error came back as a notice.

Where we differ from CPython on purpose: parts CPython parses happily but that we cannot scan
(images, audio, application/octet-stream, a multipart whose boundary is missing) are reported as
PartErrors and replaced by notices: fail closed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from callshield import Engine
from callshield.formats import get_format, read_content
from callshield.pipeline import redact_document, scan

_CORPUS = Path(__file__).resolve().parents[2] / "external/data/cpython_test_email"
_MESSAGES = sorted(_CORPUS.glob("msg_*.txt"))


def test_corpus_is_there() -> None:
    assert len(_MESSAGES) == 48, f"expected CPython's 48 messages under {_CORPUS}"


@pytest.mark.parametrize("path", _MESSAGES, ids=[p.name for p in _MESSAGES])
def test_message_reads_redacts_and_rebuilds(path: Path, engine: Engine) -> None:
    data = path.read_bytes()
    parsed = read_content(data, path.name, format="eml")
    result = scan(parsed.document, engine)
    rebuilt = get_format("eml").rebuild(  # type: ignore[attr-defined]
        parsed, redact_document(parsed.document, result, engine)
    )
    again = read_content(rebuilt.data, path.name, format="eml")
    assert scan(again.document, engine).findings == ()
    assert {e.part for e in parsed.errors} <= {r.part for r in rebuilt.removed}
    assert again.errors == ()  # every unreadable part is now a readable notice


def test_messages_with_headers_are_detected_as_eml() -> None:
    detected = {p.name: read_content(p.read_bytes(), p.name).format for p in _MESSAGES}
    not_eml = sorted(name for name, fmt in detected.items() if fmt != "eml")
    assert not_eml == ["msg_19.txt"]  # a digest body without any header block
