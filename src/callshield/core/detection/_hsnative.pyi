"""Type stub for the native collector (native/hsnative.c)."""

from collections.abc import Sequence

class Scratch: ...

class Database:
    def __init__(
        self,
        expressions: Sequence[bytes],
        flags: Sequence[int],
        word_end: Sequence[bool],
        serialized: bytes | None = None,
        ids: Sequence[int] | None = None,
    ) -> None: ...
    def serialize(self) -> bytes: ...
    def scratch(self) -> Scratch: ...
    def scan(
        self,
        data: bytes | bytearray | memoryview,
        scratch: Scratch,
        chars: bool = False,
        blank_runs: bool = False,
        /,
    ) -> tuple[list[int], list[int]]: ...

def version() -> str: ...
def chars_at(data: bytes, offsets: Sequence[int], /) -> list[int]: ...
