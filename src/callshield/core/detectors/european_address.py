"""Dutch and German street addresses: the street's name, its house number after it, and the
postcode and town that follow ("Nienkesingel 18\\n9099GE Vleuten", "Lunastraat 6, 2384 WZ
Koudekerke", "Inna-Bauer-Platz 618 · 40161 Wiedenbrück").

A US contact center's customers write from the Netherlands and Germany too, in a letter's
signature, a form's "Straat en huisnummer" or a delivery address. The street's word ends in
its kind ("-straat", "-laan", "-singel", "-weg", "-straße", "-platz"), the number comes after
it, and a postcode of the country's shape with its town follows on the same line or the
next: all three together, no word alone, say it is an address. The street is a
STREET_ADDRESS, the postcode a POSTCODE.

Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.entities import POSTCODE, STREET_ADDRESS, EntityType

#: The endings of Dutch and German street names (the last part of one word:
#: "Nienkesingel", "Killerstraße", "Inna-Bauer-Platz").
_KINDS = (
    # (not "-ring" nor "-pad": "during 3", "keypad 1")
    "straat", "laan", "singel", "weg", "plein", "gracht", "kade", "dreef", "hof", "plantsoen",
    "steeg", "straße", "strasse", "platz", "gasse", "allee", "damm", "ufer", "chaussee",
)  # fmt: skip
#: The trigger: a kind's ending, blanks, a digit (UTF-8's bytes for "ß").
_TRIGGER = "(?:{})[ \\t]+\\d".format("|".join(kind.replace("ß", "\\xc3\\x9f") for kind in _KINDS))
#: The street: its word (a capital, the kind at its end, hyphens between parts), its house
#: number (a letter or an addition after it: "12a", "7-II", "044").
_STREET = re.compile(
    r"(?<![\w\-])(?P<street>[A-ZÄÖÜ][\w\-ÄÖÜäöüß]*(?i:{kinds})[ \t]+\d{{1,4}}"
    r"(?:[ \t]?[a-zA-Z](?![\w]))?(?:-[A-Z0-9]{{1,4}})?)(?![\w/])".format(kinds="|".join(_KINDS))
)
#: After it, on the same line (a comma, a middle dot, which the engine reads as a dash) or the
#: next: a Dutch postcode ("9099GE",
#: "2802 ZV") or a German one (five digits), then the town's capitalised word.
_POSTCODE_TOWN = re.compile(
    r"(?:[ \t]*[,·|\-][ \t]*|[ \t]*\r?\n[ \t]*)"
    r"(?P<postcode>\d{4}[ \t]?[A-Z]{2}|\d{5})[ \t]+[A-ZÄÖÜ][\w\-'ÄÖÜäöüß]+"
)


@dataclass(frozen=True, slots=True)
class EuropeanAddressDetector:
    name: str = "european_address"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({STREET_ADDRESS, POSTCODE})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        return (Trigger(_TRIGGER, max_len=12),)

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        seen: set[int] = set()
        for end in hits[0]:
            line_start = text.rfind("\n", 0, end) + 1
            lo, hi = max(line_start, end - 60), min(len(text), end + 12)
            for street in _STREET.finditer(text, lo, hi):
                if street.start() in seen or not street.start("street") < end <= street.end():
                    continue
                after = _POSTCODE_TOWN.match(text, street.end())
                if after is None:
                    continue
                seen.add(street.start())
                reasons = ("a street's kind at its name's end, its number after it",
                           "a postcode and a town after it")  # fmt: skip
                s, e = street.span("street")
                yield Candidate(STREET_ADDRESS, s, e, 0.85, reasons, text[s:e].lower())
                p, q = after.span("postcode")
                code = ("a postcode after a street and before its town",)
                yield Candidate(POSTCODE, p, q, 0.85, code, text[p:q].replace(" ", "").upper())
