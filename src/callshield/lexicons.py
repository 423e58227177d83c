"""Loads the name lexicons the PERSON detector needs (edge: reads package data, once per
engine). Source: the US Census 1990 name-frequency files shipped in the MIT-licensed PyPI
package `names` (public-domain data), never the generator the evaluation uses."""

from __future__ import annotations

import re
from importlib import resources

from callshield.core.detectors.person import NameLexicon

_FIRST_COLUMN = re.compile(r"^([a-z'\-]+)", re.MULTILINE)

# Census surnames that are words a contact center says all the time (and the speakers'
# labels its transcripts abbreviate, "AGT  ...", "CUS  ...": no one's name after "last name";
# nor the role a transcript's record gives the next turn, "role: END_USER").
_SURNAME_STOPLIST = frozenset(
    """number card street bank will may account social security code pin phone email date
    birth call back check cash credit debit order ticket case claim service customer agent
    help hold line name first last middle sure yes okay thank thanks please right id cus cust
    agt csr spk ivr clr tty end user role text""".split()
)


def _read_names(filename: str) -> list[str]:
    text = resources.files("names").joinpath(filename).read_text(encoding="utf-8")
    return _FIRST_COLUMN.findall(text.lower())


def _common_words() -> frozenset[str]:
    text = resources.files("callshield.data").joinpath("common_words.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


def load_name_lexicon() -> NameLexicon:
    """First names (male + female), surnames, and the common-word stop-list."""
    first = _read_names("dist.male.first") + _read_names("dist.female.first")
    last = _read_names("dist.all.last")
    common = _common_words()
    return NameLexicon(
        first=frozenset(first),
        last=frozenset(last) - _SURNAME_STOPLIST,
        common=common | _SURNAME_STOPLIST,
        last_all=frozenset(last),
    )
