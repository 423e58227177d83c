"""A person's record's own ID: the `id` of a record whose other fields are a person's
(`{"id":"6074720760","name":"Thomas Wolf","dob":"1986-09-17"}`, a log's `CustomerDTO{id=
A156818024, fullName='Jermaine Jimenez', email=...}`, `CustomerDto { Id = 253866556,
FullName = ... }`, an Elixir struct's `id: 67343058861, email: "..."`, YAML's `id: ...` over
`email: ...`).

A CRM's key for a customer identifies the customer as well as a customer number does: whoever
holds the export can look the person up by it, and the record it sits in says whose it is. An
`id` alone says nothing of what it identifies (an event's, an order's, a product's), so the
record must hold a field that only a person's record has, at the same level (no bracket
between the two: a nested object's or a list's fields are another record's) and close by:
an e-mail address, a date of birth, a telephone number, a social security number, a full,
first or last name. The ID is a number of six digits or more, a short prefix of capitals
before it ("A156818024"): a record's small counter ("id: 42") and a UUID are left, as is any
ID of a record with no such field.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import CUSTOMER_NUMBER, EntityType

#: The key `id` (a whole word, in any of the cases records write it), then ":" or "=".
#: (Its sign is part of the literal the database looks for: "id" alone is in every "did".)
_TRIGGER = r"\b(?:id|Id|ID)(?:[:=]|[\"'][:=]|[\"']?[ \t]{1,4}[:=])"
#: The key where a record's key stands: after a bracket or a comma (`{"id":`, `DTO{id=`,
#: `, id: `), or indented at a line's start (YAML's `    id: ...`, `  - id: ...`); not a
#: label's last word ("Case ID:", "Chat ID:") nor a line's first at its margin, as a table's
#: cell is read under its column's name ("id: 653211" over "first name: Louis").
_KEY = re.compile(
    r"(?:[{(,;][ \t]*|^[ \t]+(?:-[ \t]+)?)[\"']?(?:id|Id|ID)[\"']?[ \t]*[:=]\Z", re.MULTILINE
)
#: The value after the key: quoted or bare, six digits or more, a short prefix of capitals.
_VALUE = re.compile(
    r"[ \t]*(?P<q>[\"']?)(?P<v>(?:[A-Z]{1,4}-?)?\d{6,20})(?P=q)(?=[ \t]*(?:[,;}\]\)\r\n]|$))"
)
#: A field that only a person's record holds: its key, in the cases and the spellings
#: records write it (`fullName`, `full_name`, `FullName`, `"dob"`, `email:`), then ":" or "=".
_PERSON_FIELD = re.compile(
    r"(?<![\w\-])[\"']?(?i:full[_ ]?name|first[_ ]?name|last[_ ]?name|given[_ ]?name"
    r"|family[_ ]?name|e[_\-]?mail(?:[_ ]?address)?|dob|date[_ ]?of[_ ]?birth|birth[_ ]?date"
    r"|(?:mobile|home|cell)?[_ ]?phone(?:[_ ]?number)?|ssn)[\"']?[ \t]*[:=]"
)
#: How far from the ID the person's field may be, either way.
_REACH = 240
#: What ends a record between the ID and the field: a bracket (a nested record's or a list's:
#: `CardEntity(id=566799, holder=Holder(fullName=...))` is a card's), a blank line.
_RECORD_END = re.compile(r"[{}\[\]()]|\n[ \t]*\r?\n")


@dataclass(frozen=True, slots=True)
class RecordIdDetector:
    """The `id` of a record whose fields are a person's (see the module's doc)."""

    name: str = "record_id"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({CUSTOMER_NUMBER})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(_TRIGGER, max_len=8, caseless=False),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for end in hits[0]:
            value = _VALUE.match(text, end)
            if value is None or _KEY.search(text, max(0, end - 24), end) is None:
                continue
            field = _person_field(text, value.start(), value.end())
            if field is None:
                continue
            reasons = ("the id of a record", f"the record's field '{field}'")
            yield Candidate(
                CUSTOMER_NUMBER, value.start("v"), value.end("v"), 0.8, reasons, value.group("v")
            )


def _person_field(text: str, start: int, end: int) -> str | None:
    """The key of a person's field in the same record as the value at [start, end), if any:
    after it first, then before it."""
    stop = min(len(text), end + _REACH)
    after = _PERSON_FIELD.search(text, end, stop)
    if after is not None and _RECORD_END.search(text, end, after.start()) is None:
        return _key(after.group())
    before = None
    for field in _PERSON_FIELD.finditer(text, max(0, start - _REACH), start):
        before = field  # (the nearest)
    if before is not None and _RECORD_END.search(text, before.end(), start) is None:
        return _key(before.group())
    return None


def _key(field: str) -> str:
    return field.strip("\"'=: \t").lower()
