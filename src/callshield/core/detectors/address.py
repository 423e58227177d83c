"""US street addresses: number + street name + suffix, extended by unit, city and state;
the ZIP that follows is its own finding (US_ZIP)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from callshield.core.detection.base import (
    CAPS_THEN_DIGITS,
    HOLD_PHRASES,
    LABEL_AND_FILLERS,
    LETTER,
    Candidate,
    Cues,
    context_reason,
    matches_near,
    phrase_alternation,
)
from callshield.core.detection.caseless import Caseless
from callshield.core.detection.prefilter import Trigger
from callshield.core.detection.spoken_words import (
    DECADE_WORD,
    HOMOPHONES,
    MONTHS,
    TEENS,
    TENS,
    UNITS,
)
from callshield.core.detectors.cued import cue_trigger
from callshield.core.detectors.values import (
    CANADIAN_OR_BRITISH_POSTCODE,
    UNIT_DESIGNATORS,
    ZIP_SPLIT,
)
from callshield.core.entities import STREET_ADDRESS, US_ZIP, EntityType

# Suffixes that are rarely anything else: enough on their own.
_STRONG = (
    "street st avenue ave road rd boulevard blvd lane ln drive dr court ct terrace ter "
    "circle cir parkway pkwy highway hwy square sq trail trl plaza plz crossing xing "
    "expressway expy freeway fwy turnpike tpke alley aly place pl way"
).split()
# USPS suffixes that are also ordinary words: need a capitalised name, a cue or a city/state.
_WEAK = (
    "anex annex arcade bayou beach bend bluff bluffs bottom branch burgs circles commons "
    "crossroads extensions fords forges junctions trailer "
    "bridge brook brooks burg bypass camp canyon cape causeway center centers cliff cliffs "
    "club common corner corners course courts cove coves creek crescent crest crossroad curve "
    "dale dam divide drives estate estates extension fall falls ferry field fields flat flats ford "
    "forest forge fork forks fort garden gardens gateway glen glens green greens grove groves "
    "harbor harbors haven heights hill hills hollow inlet island islands isle junction key "
    "keys knoll knolls lake lakes land landing light lights loaf lock locks lodge loop mall "
    "manor manors meadow meadows mews mill mills mission motorway mount mountain mountains "
    "neck orchard oval overpass park parks parkways pass passage path pike pine pines plain "
    "plains point points port ports prairie radial ramp ranch rapid rapids rest ridge ridges "
    "river roads route row rue run shoal shoals shore shores skyway spring springs spur spurs "
    "squares station stravenue stream streets summit throughway trace track trafficway "
    "tunnel underpass union unions valley valleys via viaduct view views village villages "
    "ville vista walk walks wall ways well wells"
).split()
_STATES = (
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS FM MH MP PW "
    "AA AE AP"
).split()
_STATE_NAMES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
    "vermont|virginia|washington|west virginia|wisconsin|wyoming"
)
# as a trie (`phrase_alternation`): each word after a house number is tried against 200
# suffixes, which fail on their first letters instead of one by one
_SUFFIX = phrase_alternation(_STRONG + _WEAK)
# (street and city words in any alphabet: "123 Peña Blvd, San José, CA 95112")
_STREET = Caseless(
    # (a half: "77 1/2 E 4th St")
    # (a digit first, then the look-behind: `re` finds a pattern's first character fast)
    rf"\d(?<![\w.\-/]\d)\d{{0,5}}(?:-\d{{1,4}}|[ ]1/2)?[a-z]?(?:\s+[\w.'\-]+){{1,5}}?"
    # (no plural "s" after "pl": "text me at 617 555 0199 pls" is no "Place")
    rf"\s+(?P<suffix>{_SUFFIX})(?:(?<!pl)s)?\.?"
    r"(?![\w])"
)
# A street name with its suffix glued on ("1600 Broadway", "780 Lynnway"): taken only when a
# city and state or an address cue confirm it ("12 Broadway shows" is not an address)
_GLUED = re.compile(
    # (a digit first, then the look-behind: `re` finds a pattern's first character fast)
    r"\d(?<![\w.\-]\d)\d{0,5}(?:-\d{1,4})?[A-Za-z]?[ \t]+(?P<suffix>[A-Z][a-z]{2,}way)(?![\w\-])"
)
# A street whose type comes before its name, as in Spanish and French ("4400 Calle Real",
# "123 Camino del Mar", "500 Avenida de la Playa", "710 Rue Royale", "1211 Avenue of the
# Americas"): the name runs to a comma, the line's end or a unit; taken only when a city and
# state or an address cue confirm it ("sent 3 via email, thanks" is not an address)
_PREFIX_TYPES = ("calle", "camino", "avenida", "paseo", "via", "rue", "avenue of the")
_PREFIXED = re.compile(
    rf"(?<![\w.\-])\d{{1,6}}[A-Za-z]?[ \t]+(?P<suffix>{'|'.join(_PREFIX_TYPES)})"
    rf"(?:[ \t]+{LETTER}[\w'.\-]*){{1,4}}?"
    r"(?=[ \t]*(?:,|\n|\Z)|[ \t]+(?:apt|apartment|suite|ste|unit|#)(?![\w]))",
    re.IGNORECASE,
)
#: A unit's number said in a word or two that the normaliser leaves as words ("apartment
#: seventeen", "number twenty six"): a teen, a ten and perhaps a unit.
_UNIT_WORDS = "|".join(sorted(set(UNITS) - HOMOPHONES - {"o", "oh"}))
_SAID_UNIT = rf"(?:{'|'.join(TEENS)})\b|{DECADE_WORD}(?:[ \t]+(?:{_UNIT_WORDS})\b)?"
_UNIT = re.compile(
    # (after a hesitation: "... jenkins road uh apartment three", "... drive hold on let me
    # grab it unit three two seven")
    rf",?\s+(?:(?:uh|um|er|okay|ok|so|and|{HOLD_PHRASES})[ \t,]+)*"
    rf"(?:(?:{UNIT_DESIGNATORS})\.?\s*#?\s*"
    rf"(?:{_SAID_UNIT}|[\w\-]{{1,6}})"
    # (a unit said as a number: "seventy one nineteen taylor dale number eighty nine")
    rf"|number[ \t]+(?:\d[\w\-]{{0,5}}|{_SAID_UNIT}"
    # (one word and a letter, one word or a letter alone: "number one B", "number two,
    # lansing michigan", "number F,")
    rf"|(?:{_UNIT_WORDS})(?=[ ][a-z](?![\w])|[ \t]*(?:[,.\n]|\Z))|[a-z](?=[ \t]*[,.\n])))"
    # (a letter said after the number: "apartment four b")
    r"(?:[ ](?:[b-hj-z]|[ai](?=[ \t]*(?:[,.\n]|\Z)))(?![\w]))?(?![\w])",
    re.IGNORECASE,
)
#: A unit's word and number before the house's number, as British addresses write them
#: ("Apartment 4, 12 Hill Road"), or the unit's word before its number where no house number
#: follows ("Flat 30 Mark Manors", "Studio 9 Carl Well").
_UNIT_FIRST = re.compile(
    r"(?<![\w])(?:flat|studio|apartment|apt\.?|unit|suite|room)[ \t]+"
    r"(?:\d{1,4}[A-Za-z]?,?[ \t]+)?\Z",
    re.IGNORECASE,
)
# A direction after the street's suffix ("1600 Pennsylvania Ave NW", "12 Main St. S.E."):
# abbreviations in capitals only, whole words capitalised ("St north of the bridge" is none)
_DIRECTIONAL = re.compile(
    r"\s+(?:[NS]\.[EW]\.?|(?:NE|NW|SE|SW|N|S|E|W)\.?|(?:North|South)(?:east|west)?|East|West)"
    r"(?![\w])"
)
#: Between an address's fields: a comma or blanks, or a bar ("457 Jessica Circle|Veronicashire|
#: UT|84289", a log's or an export's fields); a caller's hesitation too ("Dayton, um, OH").
_FIELDS = r"(?:,?\s+(?:(?i:um|uh|er|erm)[,.]?\s+)?|[ \t]*\|[ \t]*)"
_CITY_STATE = re.compile(
    rf"{_FIELDS}(?:{LETTER}[\w.'\-]*\s+){{0,2}}{LETTER}[\w.'\-]*{_FIELDS}"
    rf"(?:(?-i:{'|'.join(_STATES)})|(?i:{_STATE_NAMES}))(?![\w])"
)
# A state written in lower case ("austin tx", "washington dc"; speech-to-text and chat) is taken
# only with a ZIP right after it: "in", "or", "me", "hi" are state codes too.
_CITY_STATE_ZIP = re.compile(
    rf"{_FIELDS}(?:{LETTER}[\w.'\-]*\s+){{0,2}}{LETTER}[\w.'\-]*{_FIELDS}"
    rf"(?i:{'|'.join(_STATES)}|{_STATE_NAMES})(?={_FIELDS}\d{{5}}(?:-\d{{4}})?(?![\w]|-\d))"
)
# A city without its state, then a ZIP (look-ahead): "56 elm street springfield 90210", as a
# caller says an address (taken only after an address cue).
_CITY_THEN_ZIP = re.compile(
    # (after a note in brackets: "5019 Maple Ave (ring bell twice), Fairview 75069-7731")
    rf"(?:[ \t]*\([^()\n]{{1,40}}\))?"
    rf",?\s+(?:{LETTER}[\w.'\-]*\s+){{0,2}}{LETTER}[\w.'\-]*"
    # (or a ZIP said in two breaths: "susanfort one five four let me see oh nine", "154 09")
    rf"(?=,?\s+(?:\d{{5}}(?:-\d{{4}})?(?![\w]|-\d)|{ZIP_SPLIT}))"
)
#: The same without a cue, as an address is written: a comma (or "in"), a capitalised city,
#: its ZIP ending the address ("..., Andreaport 70846.", "... , Ericbury 82436\n", "... Cir in
#: Ortizhaven 17212."), a quoted field's or a tag's too ('"description": "... East Kim
#: 56742."', "... 56742</p>", a JSON string's escaped line end "56742\\n"), or its clause
#: ("..., Zaragoza 15077 and your contact number").
_COMMA_CITY_THEN_ZIP = re.compile(
    # (a pause's dots before "in", a comma before the ZIP: "Gray Passage.. in Matthewfurt,
    # 34135.")
    r"(?:[ \t]*,|\.{0,3}[ \t]+in(?=[ \t]))[ \t]*(?:[A-Z][\w.'\-]*[ \t]+){0,2}[A-Z][\w.'\-]*"
    r"(?=,?[ \t]+\d{5}(?:-\d{4})?"
    r"(?:[ \t]*[.;,)]{0,2}[ \t]*(?:\r?\n|\Z|\\[nr]|[\"<])|[.;,][ \t]|[ \t]+and[ \t]))"
)
#: A city, a Canadian province perhaps, then a Canadian or a British postcode.
_CITY_POSTCODE = re.compile(
    rf",?[ \t]+(?:{LETTER}[\w.'\-]*[ \t]+){{0,2}}{LETTER}[\w.'\-]*,?[ \t]+"
    r"(?:(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT),?[ \t]+)?"
    rf"(?:{CANADIAN_OR_BRITISH_POSTCODE})(?!\w)"
)
#: Words that make "in <words> 12345" no city's ("... Main Street in Room 10245.").
_IN_NOT_CITY = frozenset(
    """room suite unit apt apartment building bldg floor office ward bay gate lot box door hall
    area zone sector order case ticket account store branch aisle section block dock terminal
    the our my your his her their a an stock warehouse""".split()
)
#: Words that are no part of a city's name: "... street and my zip is 90210".
_NOT_CITY = frozenset("and my the is zip code zipcode postal then it's its uh um in at".split())
# Five digits (ZIP+4 too); four when a leading zero was lost in a spreadsheet ("MA 2351").
# (after "CP", código postal, as Spanish writes it: "16912 Lewis Common, CP 79226")
_ZIP = re.compile(
    rf"{_FIELDS}(?:C\.?P\.?[ \t]*)?(?P<zip>\d{{5}}(?:-\d{{4}})?|{ZIP_SPLIT}|\d{{4}})(?![\w]|-\d)"
)
#: What ends an address after its ZIP: a sentence's or a field's end.
_ENDS_ADDRESS = re.compile(r"[ \t]*(?:[.;|\"\n)]|\Z)")
# "250 Rt 59", "13858 Rt 31 W", "4100 US Hwy 1": a house number on a numbered road
_ROUTE_SOURCE = (
    r"\b\d{1,6}\s+(?:rt|rte|route|hwy|highway|us\s+hwy|us\s+highway|state\s+route|sr"
    r"|county\s+road|cr|fm)\.?\s+\d{1,4}[A-Z]?(?:\s+[NSEW]\b)?"
)
_ROUTE = re.compile(rf"(?<![\w.\-]){_ROUTE_SOURCE[2:]}(?P<suffix>)(?![\w])", re.IGNORECASE)
_ROUTE_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_PO_BOX = re.compile(
    r"\b(?:(?:p\.?\s?o\.?|post\s+office)\s*box|pob"
    # a rural route's or a military post office's box: "RR 2 Box 193", "PSC 8285, Box 7116"
    r"|(?:rr|r\.r\.|rural\s+route|hc|psc|cmr)\s*\d{1,4},?\s+box"
    # (said: "rural route four box ninety two", its route's number a word the normaliser
    # leaves as it is)
    rf"|rural\s+route\s+(?:{_ROUTE_WORDS}),?\s+box)\s+#?(?P<suffix>\d{{1,8}})(?!\w)",
    re.IGNORECASE,
)
_NEXT_STRONG = re.compile(
    rf"(?:\s+[^\W\d][\w.'\-]*)?\s+(?:{'|'.join(_STRONG)})s?\.?(?![\w])", re.IGNORECASE
)
_CUE_PHRASES = (
        "address", "live at", "lives at", "living at", "ship to", "shipping", "mailing",
        "billing", "located at", "moved to", "send it to", "deliver to", "street", "residence",
        # as agents note it
        "addr", "address to", "addr to", "mail to", "ship it to", "new address", "addy",
        "new addy", "ship-to", "shipto", "redirected", "redirect it to", "should it go to",
        "mail it to", "deliver it to", "mail a new one to",
        # (asked: "where should we mail it" / "sure thirty five seventy one renee lodge")
        "mail it", "ship it", "send it", "mail the card", "ship the card", "send the card",
        # (Spanish, Italian, Portuguese, French, German)
        "dirección", "direccion", "domicilio", "indirizzo", "endereço", "endereco", "adresse",
        "anschrift", "adres", "adressen",
)  # fmt: skip
_CUES = Cues(list(_CUE_PHRASES))
#: The cues after which an address is stated, its house number said in one word perhaps:
#: the trigger of `_stated_address` and `_SPOKEN_HOUSE` (not "street", "billing", "shipping":
#: common words, whose matches cost the multi-pattern stage)
#: An address's own noun, in the languages the cues know.
_ADDRESS_NOUNS = (
    "address", "addr", "indirizzo", "endereço", "endereco", "adres", "adresse", "anschrift",
    "dirección", "direccion", "domicilio", "morada",
    # (a German form's "Straße, Hausnummer: Killerring 26")
    "hausnummer", "hausnr",
    # (Swedish: "Adress:\t\tStationsgatan 78")
    "adress",
    # (a record's first line of an address: YAML's "line1: Vogtstraße 642", "address1")
    "line1", "address1", "addr1", "address line 1", "address line1",
)  # fmt: skip
_STATING_CUES = (
    *_ADDRESS_NOUNS, "addy", "live at", "lives at", "living at", "located at", "moved to",
    "we're at", "i'm at", "ship it to", "send it to", "mail it to", "deliver it to",
)  # fmt: skip
#: A house number said in one word, which the normaliser leaves as it is ("two south orchard
#: lane", "eight park drive"), then up to three words and a suffix that is plainly a
#: street's: read only after an address cue ("we're at ...", "the address on file ...").
_SPOKEN_HOUSE = Caseless(
    rf"\b(?:{'|'.join(sorted(w for w in (*UNITS, *TEENS, *TENS) if len(w) > 2))})"
    rf"(?:[ \t]+[a-z][\w'\-]*){{1,3}}?[ \t]+(?P<suffix>(?:{'|'.join(_STRONG)})\b(?!')"
    # (a suffix that is also a word, with the unit after it: "seventy roberts views suite
    # three hundred six")
    rf"|(?:{'|'.join(_WEAK)})(?=[ \t,]+(?:apt|apartment|suite|unit|number)\b"
    # (or where the answer ends: "what's the service address" / "sixteen burke isle")
    r"|[ \t]*(?:[,.?!\n\"\]]|\Z)))"
)
#: An address's own noun, in the languages the cues know, and what it states after it: a
#: colon or "is" ("Beneficiary address: Vicolo Ferrari, 647 Appartamento 1", "il mio nuovo
#: indirizzo è Piazza Leonetti, 8", "mój nowy adres to al. Korczaka 28/17"), the value to
#: the sentence's or the line's end.
_ADDRESS_NOUN = re.compile(
    rf"(?<![\w\-])(?:{'|'.join(map(re.escape, _ADDRESS_NOUNS))})\Z", re.IGNORECASE
)
_STATED_VALUE = re.compile(
    # (the noun's qualifier, in the languages whose noun comes first: "indirizzo di fornitura",
    # "adresse de livraison", "dirección de envío", "endereço de entrega")
    r"(?:[ \t]+(?:de|di|da|do|del|della|du|des)[ \t]+[^\W\d_]{4,14})?"
    r"[ \t]*(?::|è|é|es|is|ist|est|=|(?<=adres)[ \t]+to"
    # (or right after the noun, a street named before its number, a comma between or none,
    # then a postcode: "indirizzo Via Pace, 23, 84015 Lecce", "Anschrift Kreinstr. 764, 05309
    # Neuss")
    r"|(?=[ \t]+[A-Z][\w.'\-]*(?:[ \t][\w.'\-]+){0,3},?[ \t]*\d{1,5}\b[^\n]{0,30}?\b\d{4,5}\b))"
    r"[ \t]+(?P<v>[^\n]{4,80}?)"
    # (no sentence ends at an abbreviation before a number: "Kreinstr. 764")
    r"(?=\.(?:[ \t](?!\d)|$)|[ \t]*(?:\n|\Z|;|\|))",
    re.MULTILINE,
)
#: The word before "address" that makes it another address than a home's.
_OTHER_ADDRESS = re.compile(
    r"(?:e-?mail|ip|mac|web|internet|return|company|office|our|store|branch|ipv[46])[ \t]+\Z",
    re.IGNORECASE,
)


def _stated_address(text: str, end: int) -> Candidate | None:
    """The address stated after its noun and a colon or "is": the rest of the sentence, when
    it holds a number and a word, and no e-mail address or link (an address in any country's
    form, which the street patterns, written for US addresses, do not read)."""
    noun_match = _ADDRESS_NOUN.search(text, max(0, end - 16), end)
    if noun_match is None:
        return None
    if (
        noun_match.group().lower() == "line1"
        and "addr" not in text[max(0, end - 120) : end].lower()
    ):
        return None  # (a record's "line1" is an address's under an "address" key only)
    noun = text.rfind(" ", max(0, end - 40), end - 3)
    if _OTHER_ADDRESS.search(text, max(0, noun - 16), noun + 1):
        return None
    match = _STATED_VALUE.match(text, end)
    if match is None or _business_block(text, match.start("v")):
        return None
    value = match.group("v").strip()
    if not any(ch.isdigit() for ch in value) or "@" in value or "://" in value:
        return None
    if sum(ch.isalpha() for ch in value) < 4 or value.lower().startswith(("on ", "is ", "in ")):
        return None
    if not any(word[:1].isupper() and len(word) > 2 for word in value.split()):
        # (a street's name is written with its capitals: "the address to 4 the new one")
        return None
    start, stop = match.span("v")
    if _STREET.search(text, start, stop) or _PO_BOX.search(text, start, stop):
        return None  # (a US street: its own pattern reads it, with its city, state and ZIP)
    reasons = ("an address stated after its noun",)
    return Candidate(STREET_ADDRESS, start, stop, 0.8, reasons, " ".join(value.lower().split()))


#: Words of no street's name said after a number: "two email accounts one on the way".
_NOT_IN_SPOKEN_STREET = frozenset(
    """the a an on in of to for at by my your our his her is was it and or with from that this
    more times days weeks months years minutes hours dollars bucks of""".split()
)
#: How far after an address cue a house number said in one word is looked for.
_SPOKEN_HOUSE_REACH = 40
_STRONG_SET = frozenset(_STRONG)


@dataclass(frozen=True, slots=True)
class StreetAddressDetector:
    name: str = "street_address"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset({STREET_ADDRESS, US_ZIP})

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # (one whitespace character between words: see `TRIGGER_SPACE`)
        route = Trigger(
            r"\d\s(?:rte?|route|hwy|highway|us|state|sr|county|cr|fm)\.?\s\d", max_len=22
        )
        po_box = Trigger(
            r"\b(?:(?:p\.?\s?o\.?|post\soffice)\s?box|pob|(?:rr|psc|cmr|hc)\s?\d{1,4},?\sbox"
            rf"|rural\sroute\s(?:\d{{1,4}}|{_ROUTE_WORDS}),?\sbox)\s#?\d",
            max_len=30,
        )
        # A house number and the first letter of a word, or an ordinal ("3409 16th St"): the
        # exact pattern reads on to the suffix. Ending the trigger on the list of 200
        # suffixes made Hyperscan's (Debian's libhs) slowest engine run over every byte:
        # 19 ms/MB for this pattern alone.
        street = HOUSE_NUMBER_TRIGGER
        # a state's code and the start of its ZIP ("Boston, MA 02115"), shared with the IBAN
        # detector: a city, a state and a ZIP without a street. (A trigger of its own,
        # ", CA 93110", cost the whole database about a tenth of its speed.)
        return (street, po_box, route, CAPS_THEN_DIGITS, cue_trigger(_STATING_CUES))

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        for first in matches_near(_STREET, text, hits[0], back=14, ahead=100):
            match: re.Match[str] | None = first
            while match is not None:
                words = _NAME_WORDS.findall(match.group().lower())
                if _NOT_STREET_NAMES.isdisjoint(words):
                    if not _CLOCK_BEFORE.search(text, max(0, match.start() - 4), match.start()):
                        yield from _extend(text, match)
                    break
                # no street's name: a street may start inside it ("zipcode 99207 My address
                # is 5595 Grant Drive", read from 99207, hid the house number 5595), on the
                # same line
                after = match.start() + len(match.group().split(None, 1)[0])  # (its number)
                match = _STREET.search(text, after, match.end())
                if match is not None and "\n" in match.group():
                    match = None
        for match in matches_near(_GLUED, text, hits[0], back=14, ahead=40):
            yield from _extend(text, match)
        for match in matches_near(_PO_BOX, text, hits[1], back=30, ahead=10):
            yield from _extend(text, match)
        for match in matches_near(_ROUTE, text, hits[2], back=24, ahead=28):
            yield from _extend(text, match)
        if hits[0] and _has_prefix_type(text):
            for match in matches_near(_PREFIXED, text, hits[0], back=14, ahead=80):
                yield from _extend(text, match)
        for end in hits[4]:
            stated = _stated_address(text, end)
            if stated is not None:
                yield stated
                continue
            house = _SPOKEN_HOUSE.search(text, end, min(len(text), end + _SPOKEN_HOUSE_REACH + 160))
            if (
                house is not None
                and (
                    house.start() - end <= _SPOKEN_HOUSE_REACH
                    or _opens_the_answer(text, end, house.start())
                )
                and _NOT_IN_SPOKEN_STREET.isdisjoint(house.group().lower().split()[1:-1])
            ):
                yield from _extend(text, house)
        for end in hits[3]:
            if _business_block(text, end):
                continue
            state = _STATE_BEFORE.search(text, max(0, end - 6), end)
            if state is not None and state.group(1) in _STATE_SET:
                found = _zip_after_city(text, end)
                if found is not None:
                    yield found


#: Words of no street's name, between a number and a suffix: an amount or a count and a
#: clause ("six dollars which is way too much", "3 days that way").
#: (nor a possessive: "by the 18 and your street address" asks for one)
#: A house number and the first letter of a word, or an ordinal ("3409 16th St"): the exact
#: pattern reads on to the suffix. (Shared with the name detector, which reads the name above
#: a street's line: one pattern in the database.)
HOUSE_NUMBER_TRIGGER = Trigger(r"\d[A-Z]?\s(?:[A-Z]|\d{1,4}(?:st|nd|rd|th))", max_len=16)
_NOT_STREET_NAMES = frozenset(
    """which is was are were that dollars dollar bucks cents percent minutes hours days weeks
    months years times am pm your my our their""".split()
)
_NAME_WORDS = re.compile(r"[a-z]+")
#: A clock's hour before a number: "4:47 PM\nCascade Credit Union" has no house number 47;
#: nor a subtitle's timing line, "00:00:13,000\n>> 25548 Maple Drive", a house number 000.
_CLOCK_BEFORE = re.compile(r"\d[:.]\Z|:\d\d,\Z")


def _has_prefix_type(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _PREFIX_TYPES)


#: A city, its state's two capitals and a ZIP, on one line: "Santa Barbara, CA 93110".
_CITY_STATE_ZIP_LINE = re.compile(
    rf"(?:(?:{LETTER}[\w.'\-]*[ \t]+){{0,2}}[A-Z][\w.'\-]*,[ \t]?"
    # (or as the postal service writes a label: in capitals, no comma, "NORTH CINDY NV 98297")
    rf"|(?<![\w.'\-])(?:[A-Z][A-Z.'\-]+[ \t]+){{1,3}})"
    rf"(?P<state>{'|'.join(_STATES)}),?[ \t](?P<zip>\d{{5}}(?:-\d{{4}})?)(?![\w]|-\d)"
)


_STATE_SET = frozenset(_STATES)
#: A state's two capitals, then the first two digits of a ZIP ("CA 93", "CA, 93", "CA93").
_STATE_BEFORE = re.compile(r"([A-Z]{2}),?[ \t]?\d\d\Z")


def _zip_after_city(text: str, end: int) -> Candidate | None:
    """The ZIP whose first two digits end at `end`, after a city and its state, without a
    street ("send it to Boston, MA 02115")."""
    lo, hi = max(0, end - 60), min(len(text), end + 8)
    match = next(
        (m for m in _CITY_STATE_ZIP_LINE.finditer(text, lo, hi) if m.start("zip") == end - 2), None
    )  # (not an earlier one in the window: "Boston, MA 02115 or Austin, TX 78701")
    if match is None:
        return None
    s, e = match.span("zip")
    reasons = (f"after a city and the state '{match.group('state')}'",)
    return Candidate(US_ZIP, s, e, 0.85, reasons, match.group("zip"))


#: What introduces a company's own address: "Attn: Billing Disputes\n", "Mail remittance
#: to", "visit us at", "our warehouse at", "Store #129,", "You're booked. Address:".
_BUSINESS_BEFORE = re.compile(
    r"(?:\battn:?[ \t]+[^\n]{0,40}\r?\n"
    r"|\b(?:remittance|remit|payments?)[ \t]+to[ \t]+"
    r"|\bvisit[ \t]+us[ \t]+at[ \t]+"
    r"|\bour[ \t]+(?:office|offices|warehouse|store|branch|headquarters|hq|location|facility"
    r"|returns?[ \t]+center|service[ \t]+center)[ \t]+(?:is[ \t]+)?(?:at|in|on)[ \t]+"
    r"|\bstore[ \t]*#[ \t]*\d+,?[ \t]+"
    r"|\bbooked\.[ \t]+address:[ \t]*)\Z",
    re.IGNORECASE,
)


#: The same cues anywhere in the lines of an address block before its ZIP.
_BUSINESS_CUE = re.compile(_BUSINESS_BEFORE.pattern.removesuffix("\\Z"), re.IGNORECASE)


def _business_block(text: str, end: int) -> bool:
    """Whether the ZIP or city line ending at `end` closes a company's own address: a cue
    (`_BUSINESS_BEFORE`) in the 130 characters before it, no blank line between."""
    cues = list(_BUSINESS_CUE.finditer(text, max(0, end - 130), end))
    return bool(cues) and "\n\n" not in text[cues[-1].end() : end]


def _extend(text: str, match: re.Match[str]) -> Iterable[Candidate]:
    if _BUSINESS_BEFORE.search(text, max(0, match.start() - 80), match.start()):
        return  # the company's own address, which it publishes: no one's personal data
    end = match.end()
    numbered = match.re is _PO_BOX or match.re is _ROUTE  # no street-name suffix to check
    stronger = None if numbered else _NEXT_STRONG.match(text, end, end + 40)
    if stronger:  # "Fairhaven Commons Way", "Timber Ridge Lane": the last suffix ends the street
        end = stronger.end()
    glued = match.re is _GLUED or match.re is _PREFIXED  # (taken only when confirmed)
    reasons = [_street_reason(match)]
    direction = None if numbered else _DIRECTIONAL.match(text, end)
    if direction:
        end = direction.end()
    unit = _UNIT.match(text, end)
    if unit:
        end = unit.end()
    stop = min(len(text), end + 60)
    city = _CITY_STATE_ZIP.match(text, end, stop + 12) or _CITY_STATE.match(text, end, stop)
    if city:
        end = city.end()
        reasons.append("city and state follow")
    elif (city := _CITY_POSTCODE.match(text, end, stop + 12)) is not None:
        # a Canadian or a British address: "..., Montréal QC T2P 1J9", "..., London NW1 6XE"
        end = city.end()
        reasons.append("city and postcode follow")
    cue = _cue_of(text, match.start(), end)
    cued = cue is not None
    # (or the plain suffix after a weak one: "766 canyon creek cir")
    strong = numbered or stronger is not None or match.group("suffix").lower() in _STRONG_SET
    titled = _titled_suffix(text, match)
    if city is None:
        city = _city_then_zip(text, end, stop + 12, cued, titled and not glued)
        if city is not None:
            end = city.end()
            reasons.append("a city and a ZIP follow")
    if glued and not (city or cued):
        return
    if cue is not None:
        reasons.append(cue)
    score = 0.85 if (city or cued) else 0.7 if (strong or titled) else 0.3
    start = match.start()
    if (unit_first := _UNIT_FIRST.search(text, max(0, start - 24), start)) is not None:
        start = unit_first.start()  # a British flat's number before the house's: "Flat 30 ..."
    value = " ".join(text[start:end].lower().split())
    yield Candidate(STREET_ADDRESS, start, end, score, tuple(reasons), value)
    zip_code = _ZIP.match(text, end, min(len(text), end + 14))
    # right after a street whose suffix is plainly one ("3365 Rachel Valley 21073"), or after
    # its comma where the address ends with it ("mailed to 822 Cedar Ter Apt 2, 26284."): the
    # ZIP
    if zip_code and (
        city
        or cued
        or (
            score >= 0.7
            and (zip_code.group()[:1] == " " or _ENDS_ADDRESS.match(text, zip_code.end()))
            and len(zip_code.group("zip")) != 4
        )
    ):
        s, e = zip_code.span("zip")
        yield Candidate(US_ZIP, s, e, 0.85, ("follows a street address",), zip_code.group("zip"))


def _street_reason(match: re.Match[str]) -> str:
    """What kind of street a match of one of the street patterns is."""
    if match.re is _PO_BOX:
        return "post office box"
    if match.re is _ROUTE:
        return "numbered road"
    if match.re is _PREFIXED:
        return f"street type '{match.group('suffix').lower()}' before its name"
    if match.re is _GLUED:
        return "street name ending in 'way'"
    return f"street suffix '{match.group('suffix').lower()}'"


def _cue_of(text: str, start: int, end: int) -> str | None:
    """The reason an address cue gives the street from `start` to `end`: a cue before it, a
    question for it on the lines before, or the address named right after it."""
    context = _CUES.before(text, start, max_words=8) or _asked_before(text, start)
    if context is not None:
        return context_reason(context)
    if _ADDRESS_AFTER.match(text, end, min(len(text), end + 60)) is not None:
        return "context 'address' after"
    return None


#: The address named after it: "forty five sixteen acevedo isle that's my new street address".
_ADDRESS_AFTER = re.compile(
    r"[ \t,]+(?:that's|that[ \t]+is|is)[ \t]+(?:my|our|the)[ \t]+"
    r"(?:(?:new|old|current|updated)[ \t]+)?"
    r"(?:(?:street|home|billing|mailing|service|shipping|delivery)[ \t]+)?address\b",
    re.IGNORECASE,
)


def _titled_suffix(text: str, match: re.Match[str]) -> bool:
    """Whether the street's suffix is capitalised: its own first letter (a full stop or a
    plural "s" may follow it, "Manning Keys."), or the match's where it has none."""
    suffix = match.group("suffix")
    return (text[match.start("suffix")] if suffix else match.group()[:1]).isupper()


def _city_then_zip(
    text: str, end: int, stop: int, cued: bool, written: bool
) -> re.Match[str] | None:
    """A city without its state, then a ZIP, after a street ending at `end`: as a caller says
    it after an address cue (`cued`), or, for a street written with its suffix capitalised
    (`written`), as an address is written: after a comma, the ZIP closing the address
    ("38800 Anthony Via Apt. 697, Andreaport 70846.")."""
    city = _CITY_THEN_ZIP.match(text, end, stop) if cued else None
    if city is None and written:
        city = _COMMA_CITY_THEN_ZIP.match(text, end, stop)
    if city is None:
        return None
    words = city.group().lower().replace(",", " ").lstrip(". \t").split()
    if words[:1] == ["in"]:  # ("... Cir in Ortizhaven 17212."; not "in March 20190")
        words = words[1:]
        if not words or words[0] in MONTHS or not _IN_NOT_CITY.isdisjoint(words):
            return None
    return city if _NOT_CITY.isdisjoint(words) else None


#: What may open the answer's line before the address: a speaker's label, a filler or two
#: ("customer: uh", "okay so", "yeah it's").
_ANSWER_OPENING = re.compile(rf"{LABEL_AND_FILLERS}\Z", re.IGNORECASE)


def _asked_before(text: str, start: int) -> tuple[str, int] | None:
    """The cue of a question for the address on the lines before the answer's, when the
    address opens its line ("what address should we send the tax receipt to" / "speaker 1:
    fifty sunset court ..."): the question's words after its cue do not count against it."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or _ANSWER_OPENING.match(text, line_start, start) is None:
        return None
    return _CUES.before(text, line_start - 1, max_words=12)


def _opens_the_answer(text: str, cue_end: int, start: int) -> bool:
    """Whether `start` opens the line right after the cue's (a question for the address,
    however long: "what address should we send the tax receipt to" / "customer: uh fifty
    sunset court ...")."""
    line_start = text.rfind("\n", cue_end, start) + 1
    return (
        line_start > 0
        and text.count("\n", cue_end, start) == 1
        and _ANSWER_OPENING.match(text, line_start, start) is not None
    )
