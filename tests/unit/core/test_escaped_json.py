"""JSON escaped inside a string (a log line's payload) read as JSON, and mapped back."""

from __future__ import annotations

from callshield import Engine
from callshield.core.escaped_json import escaped_json_reading
from callshield.pipeline import scan_text

#: An IVR's log line (synthetic: a reserved 555-01xx number, a made-up account and PIN).
LOG = (
    '2024-05-02T10:14:07Z ivr-7 payload="{\\"evt\\": \\"auth\\", \\"ani\\": \\"+12065550120\\",'
    ' \\"account_id\\": \\"692574896\\", \\"transferPin\\": \\"7498\\"}"'
)
#: The same escaped twice, inside a queue's JSON event.
TWICE = (
    '{"event": "customer.updated", "content": "{\\\\\\"account_id\\\\\\": \\\\\\"68227557\\\\\\",'
    ' \\\\\\"status\\\\\\": \\\\\\"active\\\\\\"}"}'
)


def test_the_unescaped_text_and_its_map_back() -> None:
    reading = escaped_json_reading(LOG)
    assert reading is not None
    assert '{"evt": "auth", "ani": "+12065550120", "account_id": "692574896"' in reading.transcript
    start = reading.transcript.index('"692574896"')
    spans = reading.to_raw([(start, start + len('"692574896"'))])[0]
    assert "".join(LOG[lo:hi] for lo, hi in spans) == '\\"692574896\\"'
    twice = escaped_json_reading(TWICE)
    assert twice is not None and '{"account_id": "68227557"' in twice.transcript


def test_no_reading_without_escaped_json() -> None:
    assert escaped_json_reading('{"account_id": "692574896"}') is None
    assert escaped_json_reading('she said \\"hi\\" and left') is None


def test_values_keyed_in_escaped_json_are_redacted(engine: Engine) -> None:
    for text, values in ((LOG, ("692574896", "7498", "+12065550120")), (TWICE, ("68227557",))):
        covered = {i for f in scan_text(text, engine) for i in range(f.start, f.end)}
        for value in values:
            at = text.index(value)
            assert set(range(at, at + len(value))) <= covered, value
