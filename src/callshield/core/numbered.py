"""Answers given by number to a numbered list of questions, read with their questions.

An agent asks in a chat for several things at once, as a numbered list ("To verify, please
reply with:\n  1. your full name\n  2. the phone number on the account\n  3. your mother's
maiden name"), and the customer answers by number, on one line or several ("1 - Nela Wyrostek
2 - 8853681002 3 - Renard", "1) 11/25/69\n2) dario.palomino@libero.it"). Read as one text, an
answer's cue is lines away, past the other questions; read as "your mother's maiden name:
Renard" it is right before it. `numbered_answers` gives each answer's span with its question,
as `tables.Cell`s (`pipeline.py` reads them as it reads a table's cells). Pure: a text in,
cells out.
"""

from __future__ import annotations

import re

from callshield.core.tables import Cell

#: A list's item: its number (1-20), ". " or ") ", the question, alone on its line.
_ITEM = re.compile(r"^[ \t]*(?P<n>[1-9]|1\d|20)[.)][ \t]+(?P<q>[^\n]{2,80}?)[ \t]*\r?$", re.M)
#: An answer's number: "1 - ", "1) ", "1. ", "1: " after a blank or a line's start (or a
#: speaker's label), the answer after it.
_MARK = r"(?:(?<=\s)|(?<=:)|^){n}[ \t]*(?:-|–|\)|\.|:)[ \t]+(?=\S)"
#: A line of answers in the list's order, parted by commas, after a speaker's label perhaps:
#: "Customer: 0226, John Lê, 74177532, Simmons, 617.555.0119".
_LINE = re.compile(r"^(?:[^\n:,]{1,40}:[ \t]*)?(?P<said>[^\n]+?)[ \t.]*\r?$", re.M)
#: How far after the list its answers may start.
_REACH = 600
#: The most characters one answer holds (a full address is the longest).
_MOST_CHARS = 120


def numbered_answers(text: str) -> tuple[Cell, ...]:
    """The answers of `text` given by number to a numbered list of two questions or more
    before them, each with its question as its header (`column` False: the question is the
    answer's context the way a form's label is)."""
    if "1" not in text or "2" not in text or "\n" not in text:
        return ()
    cells: list[Cell] = []
    for questions, end in _lists(text):
        cells.extend(_answers(text, questions, end))
    return tuple(cells)


def _lists(text: str) -> list[tuple[list[str], int]]:
    """Each numbered list of questions (1, 2, 3 ... on consecutive lines) and where it ends."""
    found: list[tuple[list[str], int]] = []
    questions: list[str] = []
    end = 0
    for item in _ITEM.finditer(text):
        number = int(item["n"])
        joined = questions and number == len(questions) + 1 and _next_line(text, end, item)
        if joined:
            questions.append(item["q"])
        else:
            if len(questions) >= 2:
                found.append((questions, end))
            questions = [item["q"]] if number == 1 else []
        end = item.end()
    if len(questions) >= 2:
        found.append((questions, end))
    return found


def _next_line(text: str, end: int, item: re.Match[str]) -> bool:
    return text.count("\n", end, item.start()) <= 1


def _answers(text: str, questions: list[str], end: int) -> list[Cell]:
    """The answers after a list that ends at `end`, numbered 1, 2, ... in order (two at least),
    each up to the next number's mark or its line's end."""
    marks: list[tuple[int, int]] = []  # (mark's start, answer's start)
    pos = end
    hi = min(len(text), end + _REACH)
    for number in range(1, len(questions) + 1):
        mark = re.compile(_MARK.format(n=number), re.M).search(text, pos, hi)
        if mark is None or (marks and mark.start() - marks[-1][1] > _MOST_CHARS):
            break
        marks.append((mark.start(), mark.end()))
        pos = mark.end()
        hi = min(len(text), pos + _MOST_CHARS + 8)
    if len(marks) < 2:
        return _in_order(text, questions, end)
    cells = []
    for k, (_, start) in enumerate(marks):
        line_end = text.find("\n", start)
        stop = len(text) if line_end < 0 else line_end
        if k + 1 < len(marks):
            stop = min(stop, marks[k + 1][0])
        while stop > start and text[stop - 1] in " \t,;":
            stop -= 1
        if stop > start:
            cells.append(Cell(start, stop, questions[k], column=False))
    return cells


def _in_order(text: str, questions: list[str], end: int) -> list[Cell]:
    """The answers on one line after the list, as many as the questions, parted by commas
    and in their order (the first such line within reach)."""
    for line in _LINE.finditer(text, end, min(len(text), end + _REACH)):
        said = line.group("said")
        parts = said.split(",")
        if len(parts) != len(questions) or not all(p.strip() for p in parts):
            continue
        cells = []
        pos = line.start("said")
        for question, part in zip(questions, parts, strict=True):
            start = pos + len(part) - len(part.lstrip())
            stop = pos + len(part.rstrip())
            cells.append(Cell(start, stop, question, column=False))
            pos += len(part) + 1
        return cells
    return []
