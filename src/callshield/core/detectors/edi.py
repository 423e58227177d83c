"""Payment and benefits files pasted into a ticket or a mail, read by their published layouts:

- NACHA ACH files: 94-character records; an entry detail record ("6...") holds the receiving
  bank's routing number (positions 4-12), the account (13-29) and the receiver's name (55-76),
  glued to the other fields with no separator (a transaction code, an amount, a trace
  number), so no detector's pattern finds them alone;
- ASC X12 EDI (834 enrolment, 837 claims, 270/271 eligibility): segments of elements apart by
  "*" and ending in "~", whose meaning is the segment's and the qualifier's: NM1 a name (a
  person's when NM102 is 1) and its ID (NM108 "34" an SSN, "MI" a member ID), REF a reference
  (0F the subscriber's number, SY an SSN, 23 a client number), PER a contact's phone and e-mail,
  N3 and N4 an address and its ZIP, DMG a date of birth, BPR a payment's routing numbers and
  accounts, REF*11 an account number. A provider's or a plan's name and
  address (NM102 2, N1 loops) are left: only a person's loop is read (from its NM1 of a
  person, an 834's INS, a member's level, or an N1 whose name is a person's by its shape,
  an 835's payer who is a person: "N1*PR*EMILY BROOKS~").

Pure: the text in, candidates out, from the layout alone (no cue, no lexicon).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stdnum import iban
from stdnum.us import rtn

from callshield.core.detection.base import NUMBER_RUN, Candidate
from callshield.core.detection.prefilter import Trigger
from callshield.core.detectors.person_cues import ORGANISATION_WORDS
from callshield.core.entities import (
    ABA_ROUTING,
    BANK_ACCOUNT,
    CUSTOMER_NUMBER,
    DATE_OF_BIRTH,
    EMAIL,
    HEALTH_INSURANCE_ID,
    IBAN,
    PERSON,
    PHONE,
    STREET_ADDRESS,
    US_DRIVER_LICENSE,
    US_PASSPORT,
    US_SSN,
    US_ZIP,
    EntityType,
)

#: A NACHA entry detail record: its type, a transaction code, the routing number (eight digits
#: and a check digit), the account (17 characters, blank-padded), the amount (10 digits), an
#: individual ID (15), the receiver's name (22), discretionary data (2), the addenda flag and
#: the trace number (15): 94 characters.
_ENTRY = re.compile(
    r"^6[2-5]\d(?P<routing>\d{9})(?P<account>[0-9A-Za-z \-]{17})\d{10}.{15}"
    r"(?P<name>.{22}).{2}[01]\d{15}[ \t]*\r?$",
    re.MULTILINE,
)
_WORDS = re.compile(r"\S+(?:[ ]\S+)*")
_ACH_REASON = "a NACHA entry detail record's field"

#: An X12 segment whose elements are read (the element separator "*", "|" or "^"; the
#: segment's end "~" or the line's).
_SEGMENT = re.compile(
    r"(?m)(?:^|~)[ \t]*(?P<id>INS|NM1|N1|REF|PER|N3|N4|DMG|BPR)(?P<sep>[*|^])(?P<body>[^~\n]*)"
)
_X12_HINT = re.compile(r"(?:^|~)[ \t]*(?:ISA|GS|ST|NM1)[*|^]", re.MULTILINE)
#: NM1's ID qualifiers: an SSN, a member's or a subscriber's ID.
_NM1_SSN = frozenset({"34"})
_NM1_MEMBER = frozenset({"MI", "ZZ", "II", "N"})
#: REF's qualifiers: an SSN (0F, a subscriber's number, is an SSN where it has nine digits), a
#: member's, a client's or a policy's number.
_REF_SSN = frozenset({"SY", "0F"})
_REF_MEMBER = frozenset({"23", "1W", "3H", "Q4", "6O", "IG", "1L", "F6", "ABB"})
_PER_PHONE = frozenset({"TE", "HP", "WP", "CP", "BN", "FX", "EX"})
_X12_REASON = "an X12 segment's element"


@dataclass(frozen=True, slots=True)
class EdiDetector:
    """Values of NACHA entry records and X12 segments by their layouts (see the module's
    text)."""

    name: str = "edi_record"

    @property
    def entities(self) -> frozenset[EntityType]:
        return frozenset(
            {ABA_ROUTING, BANK_ACCOUNT, PERSON, US_SSN, HEALTH_INSURANCE_ID, PHONE, EMAIL}
            | {STREET_ADDRESS, US_ZIP, DATE_OF_BIRTH, US_PASSPORT, CUSTOMER_NUMBER, IBAN}
            | {US_DRIVER_LICENSE}
        )

    @property
    def triggers(self) -> tuple[Trigger, ...]:
        # (shared: the layouts hold long runs of digits; a booking's passenger list may not)
        return (NUMBER_RUN, Trigger(_PNR_NAME_TRIGGER, max_len=24, caseless=False))

    def confirm(self, text: str, hits: Sequence[Sequence[int]]) -> Iterable[Candidate]:
        if hits[1]:
            yield from _pnr_elements(text)
        if not hits[0]:
            return
        if "\n6" in text:
            yield from _ach_entries(text)
        if ":50" in text or ":59" in text:
            yield from _swift_parties(text)
        if "ORG=" in text or "BNF=" in text or "INDN:" in text or "IND NAME" in text:
            yield from _wire_parties(text)
        if "{3100}" in text or "{4200}" in text or "{5000}" in text:
            yield from _fedwire_tags(text)
        if ":86:" in text:
            yield from _mt940_details(text)
        if "DAQ" in text and ("DCS" in text or "DBB" in text):
            yield from _aamva_elements(text)
        if "UNH+" in text and "NAD+" in text:
            yield from _edifact_parties(text)
        if "AM01" in text or "AM04" in text:
            yield from _ncpdp_fields(text)
        if "<PstlAdr>" in text or "<MmbId>" in text or "<Ownr>" in text:
            yield from _iso20022_parties(text)
        if ("*" in text or "|" in text or "^" in text) and _X12_HINT.search(text) is not None:
            yield from _x12_segments(text)
        if text.startswith(("RW", "RS")) or "\nRW" in text or "\nRS" in text:
            yield from _efw2_employees(text)
        if (
            "J1 " in text
            or "J2 " in text
            or (len(text) >= _METRO2_BASE_CHARS and _METRO2_HINT.search(text) is not None)
        ):
            yield from _metro2_consumers(text)


def _ach_entries(text: str) -> Iterable[Candidate]:
    for entry in _ENTRY.finditer(text):
        routing = entry.group("routing")
        if rtn.is_valid(routing):
            s, e = entry.span("routing")
            yield Candidate(ABA_ROUTING, s, e, 0.95, (_ACH_REASON, "checksum ok"), routing)
        account = _words(entry, "account")
        if account is not None and any(c.isdigit() for c in text[account[0] : account[1]]):
            value = text[account[0] : account[1]]
            yield Candidate(BANK_ACCOUNT, *account, 0.9, (_ACH_REASON, "the DFI account"), value)
        name = _words(entry, "name")
        if name is not None and any(c.isalpha() for c in text[name[0] : name[1]]):
            value = text[name[0] : name[1]].lower()
            yield Candidate(PERSON, *name, 0.85, (_ACH_REASON, "the receiver's name"), value)


#: A SWIFT MT103's ordering customer (50A/F/K) or beneficiary (59, 59A/F): the account after
#: "/" on the tag's line, then up to four lines of name and address ("1/", "2/" before each in
#: the F options).
_SWIFT_PARTY = re.compile(
    r"^:(?:50[AFK]|59[AF]?):(?:/(?P<account>[A-Z0-9][A-Z0-9 \-]{3,40})[ \t]*\r?\n)?"
    r"(?P<lines>(?:(?!:)[^\n]{1,70}(?:\n|\Z)){1,4})",
    re.MULTILINE,
)
_SWIFT_LINE = re.compile(r"[ \t]*(?:[1-3]/)?(?P<v>[^\r\n]*[^\s])")
_SWIFT_REASON = "a SWIFT MT103 party's field"


def _swift_parties(text: str) -> Iterable[Candidate]:
    """The account, the name and the first address line of an MT103's ordering customer and
    beneficiary (a person's as often as a company's: redacted alike)."""
    for party in _SWIFT_PARTY.finditer(text):
        if party.group("account") is not None:
            lo, hi = party.span("account")
            value = party.group("account").strip()
            if sum(c.isdigit() for c in value) >= 6:
                yield Candidate(BANK_ACCOUNT, lo, lo + len(value), 0.9, (_SWIFT_REASON,), value)
        pos = party.start("lines")
        lines = party.group("lines").split("\n")
        for k, line in enumerate(lines[:2]):
            said = _SWIFT_LINE.match(line)
            if said is not None and said.group("v"):
                lo, hi = pos + said.start("v"), pos + said.end("v")
                value = said.group("v")
                if k == 0 and not any(c.isdigit() for c in value):
                    yield Candidate(PERSON, lo, hi, 0.85, (_SWIFT_REASON, "name"), value.lower())
                elif k == 1 and any(c.isdigit() for c in value):
                    yield Candidate(STREET_ADDRESS, lo, hi, 0.85, (_SWIFT_REASON, "address"), value)
            pos += len(line) + 1


#: An airline booking's (a PNR's) elements, as reservation systems display them: a passenger's
#: name ("1.MOORE/SHEILA MR", or "1. MOORE/SHEILA" under a confirmation's "PASSENGERS"), a
#: contact phone or e-mail ("AP NYC 8185550113-H", "APE MOORE.SHEILA//OUTLOOK.COM", "//" for
#: "@"), travel documents ("SSR DOCS AU HK1 P/USA/C11025750/USA/12JUN55/M/15SEP30/MOORE/
#: SHEILA/P1"), a frequent flyer number ("SSR FQTV AU HK1 AU9223800297/P1").
_PNR_NAME = re.compile(
    r"(?:^|[ \t])\d{1,2}\.[ ]?(?P<v>[A-Z][A-Z'\-]+/[A-Z][A-Z'\-]*(?:[ ][A-Z][A-Z'\-]*)??)"
    r"(?:[ ](?:MR|MRS|MS|MISS|MSTR|DR))?(?=[ \t]{2,}|[ \t]+\d{1,2}\.|[ \t]*\r?$)",
    re.MULTILINE,
)
_PNR_NAME_TRIGGER = r"\d\.[ ]?[A-Z][A-Z'\-]+/[A-Z]"
_PNR_PHONE = re.compile(r"\bAP[MHB]?[ \t]+(?:[A-Z]{3}[ \t]+)?(?P<v>\+?\d[\d \-]{6,18}\d)")
_PNR_EMAIL = re.compile(r"\bAPE[ \t]+(?P<v>[A-Z0-9._%+\-]+//[A-Z0-9.\-]+\.[A-Z]{2,})", re.I)
_PNR_DOCS = re.compile(
    r"\bSSR[ \t]+DOCS[ \t]+\w{2}[ \t]+\w{3}[ \t/]+[PIAC]/\w{2,3}/(?P<doc>[A-Z0-9]{5,20})/\w{2,3}/"
    r"(?P<dob>\d{2}[A-Z]{3}\d{2})/[MFU]I?/(?:\d{2}[A-Z]{3}\d{2})?/(?P<name>[A-Z'\-]+/[A-Z' \-]+?)"
    r"(?=/|[ \t]*\r?$)",
    re.MULTILINE,
)
_PNR_FQTV = re.compile(r"\bSSR[ \t]+FQTV[ \t]+\w{2}[ \t]+\w{3}[ \t/]+(?P<v>[A-Z0-9]{2}\d{5,16})\b")
_PNR_REASON = "an airline booking's element"
#: The elements of one value each: (pattern, entity, the element's code).
_PNR_VALUES = (
    (_PNR_NAME, PERSON, "name"),
    (_PNR_PHONE, PHONE, "AP"),
    (_PNR_EMAIL, EMAIL, "APE"),
    (_PNR_FQTV, CUSTOMER_NUMBER, "FQTV"),
)


#: A wire's originator and beneficiary in a bank file's free text (BAI2's 88 continuation
#: records, Fedwire's text fields): "ORG=VANSHA MENON/", "BNF=CHASMUM MANDA/", and an ACH
#: credit's receiver, "INDN:BRINDA GHOSH" (a person's name or a company's: redacted alike).
_WIRE_PARTY = re.compile(
    r"(?<![A-Z])(?:ORG|BNF|OGB|INDN|IND[ ]NAME)[=:][ ]?"
    r"(?P<v>[^\W\d_][^\W\d_.'\-]*(?:[ ][^\W\d_][^\W\d_.'\-]*){1,4})"
    # (or the party's address after the name: "BNF: KAYLA BALLARD 53487 HERNANDEZ POINT")
    r"(?=[ ]*(?:/|\r?$| ITIN| ID)|[ ]\d{1,6}[ ][A-Z])",
    re.MULTILINE,
)
_WIRE_REASON = "a bank file's wire party"


#: A Fedwire Funds message's tags: the sender's and the receiver's routing numbers ({3100},
#: {3400}: nine digits, then the bank's short name), and a party ({4000} intermediary, {4100}
#: beneficiary's bank, {4200} beneficiary, {5000} originator, {5100} originator's bank): its
#: ID code (D an account, F a routing number, ...), the identifier, then its name and its
#: address lines, each closed by "*".
_FEDWIRE_ROUTING = re.compile(r"\{3[14]00\}(?P<v>\d{9})")
_FEDWIRE_PARTY = re.compile(
    r"\{(?P<tag>4[012]00|5[01]00)\}(?P<code>[BCDFTU])(?P<id>[A-Z0-9]{4,34})\*"
    r"(?P<name>[^*\n]{2,35})\*(?P<street>[^*\n]{2,35})?\*?"
)
_FEDWIRE_REASON = "a Fedwire message's tag"


#: An MT940 statement's line of details (":86:"), its fields keyed as SEPA writes them
#: ("/IBAN/CH93.../BIC/.../NAME/HORST ROSKOTH/") or as German banks do ("?31" the
#: counterparty's IBAN or account, "?32" and "?33" its name, the second going on with the
#: first: "?32ERDMUTE ATZLER UND EDUARD A?33TZLER").
_MT940_LINE = re.compile(r"^:86:(?P<v>[^\n]*(?:\n(?!:\d)[^\n]*)*)", re.MULTILINE)
_MT940_SLASHED = re.compile(r"/(?P<key>NAME|IBAN|ACCW|BENM)/(?P<v>[^/\n]{2,70})")
_MT940_SUBFIELD = re.compile(r"\?(?P<key>\d\d)(?P<v>[^?\n]*)")
_MT940_REASON = "an MT940 statement's details"
_MT940_ACCOUNT = re.compile(r"^:25:(?:(?P<r>\d{9})/)?(?P<a>[A-Z0-9]{6,34})[ \t]*\r?$", re.MULTILINE)
_IND_ID = re.compile(r"\bIND[ ]ID:[ ]?(?P<v>\d{6,17})\b")


#: A driver's licence's barcode (AAMVA's PDF417 data) decoded: each element's three-letter
#: ID, then its value up to the element separator (a line feed, written "<LF>" too).
_AAMVA_ELEMENT = re.compile(
    r"(?:(?<=<LF>)|(?<=\n)|(?<=DL)|(?<=ZI))(?P<id>DAQ|DCS|DAC|DAD|DCT|DBB|DAG|DAH|DAK)"
    r"(?P<v>[^<\r\n]{1,40}?)[ \t]*(?=<|\r|\n|\Z)"
)
_AAMVA_ENTITIES: dict[str, EntityType] = {
    "DAQ": US_DRIVER_LICENSE, "DCS": PERSON, "DAC": PERSON, "DAD": PERSON, "DCT": PERSON,
    "DBB": DATE_OF_BIRTH, "DAG": STREET_ADDRESS, "DAH": STREET_ADDRESS, "DAK": US_ZIP,
}  # fmt: skip
_AAMVA_REASON = "a driver's licence barcode's element"


def _aamva_elements(text: str) -> Iterable[Candidate]:
    """The licence number, the holder's names, date of birth, street and ZIP of a decoded
    AAMVA barcode ("DAQ27084565<LF>DCSYOUNG<LF>DACSTEVEN<LF>DBB09101980<LF>DAG536 ...")."""
    for element in _AAMVA_ELEMENT.finditer(text):
        value = element.group("v")
        if value.upper() in ("NONE", "UNAVL", "N/A") or not value.strip():
            continue
        entity = _AAMVA_ENTITIES[element.group("id")]
        why = (_AAMVA_REASON, element.group("id"))
        yield Candidate(entity, *element.span("v"), 0.9, why, value.lower())


def _mt940_details(text: str) -> Iterable[Candidate]:
    """The counterparty's name and IBAN or account in each ":86:" line of an MT940 statement,
    the statement's own account (":25:", a US bank's routing number and account apart by
    "/"), and an ACH entry's receiver's ID ("IND ID:632175647")."""
    for own in _MT940_ACCOUNT.finditer(text):
        routing, account = own.group("r"), own.group("a")
        if routing and rtn.is_valid(routing):
            checked = (_MT940_REASON, "the account's routing number", "checksum ok")
            yield Candidate(ABA_ROUTING, *own.span("r"), 0.9, checked, routing)
        yield from _iban_or_account(*own.span("a"), account, "the statement's account", 0.9)
    for receiver in _IND_ID.finditer(text):
        why = (_MT940_REASON, "the receiver's ID")
        yield Candidate(BANK_ACCOUNT, *receiver.span("v"), 0.85, why, receiver.group("v"))
    for line in _MT940_LINE.finditer(text):
        lo, hi = line.span("v")
        for field in _MT940_SLASHED.finditer(text, lo, hi):
            yield from _mt940_value(field, "NAME" in field.group("key"))
        names = []
        for field in _MT940_SUBFIELD.finditer(text, lo, hi):
            key = field.group("key")
            if key == "31" and field.group("v").strip():
                yield from _mt940_value(field, False)
            elif key in ("32", "33") and field.group("v").strip():
                names.append(field.span("v"))
        if names and any(c.isalpha() for s, e in names for c in text[s:e]):
            value = " ".join(text[s:e].strip() for s, e in names).lower()
            for s, e in names:
                yield Candidate(PERSON, s, e, 0.85, (_MT940_REASON, "the counterparty"), value)


def _mt940_value(field: re.Match[str], name: bool) -> Iterable[Candidate]:
    start, end = field.span("v")
    value = field.group("v").rstrip()
    end = start + len(value)
    if name:
        if any(c.isalpha() for c in value):
            why = (_MT940_REASON, "the counterparty's name")
            yield Candidate(PERSON, start, end, 0.85, why, value.lower())
    else:
        yield from _iban_or_account(start, end, value, "the counterparty's account", 0.85)


def _iban_or_account(
    start: int, end: int, value: str, what: str, score: float
) -> Iterable[Candidate]:
    """An MT940 account field's value: an IBAN where its checksum holds, else an account
    number where it has six digits or more."""
    if iban.is_valid(value):
        yield Candidate(IBAN, start, end, 0.95, (_MT940_REASON, "iban checksum ok"), value)
    elif sum(c.isdigit() for c in value) >= 6:
        yield Candidate(BANK_ACCOUNT, start, end, score, (_MT940_REASON, what), value)


def _fedwire_tags(text: str) -> Iterable[Candidate]:
    """The routing numbers, the parties' identifiers (an account or an IBAN), names and street
    lines of a Fedwire Funds message."""
    for match in _FEDWIRE_ROUTING.finditer(text):
        if rtn.is_valid(match.group("v")):
            why = (_FEDWIRE_REASON, "checksum ok")
            yield Candidate(ABA_ROUTING, *match.span("v"), 0.9, why, match.group("v"))
    for match in _FEDWIRE_PARTY.finditer(text):
        code, ident = match.group("code"), match.group("id")
        entity = ABA_ROUTING if code == "F" else BANK_ACCOUNT
        if code in "DF" or (code == "T" and len(ident) > 11):
            yield Candidate(
                entity, *match.span("id"), 0.9, (_FEDWIRE_REASON, "the party's ID"), ident
            )
        name = match.group("name").strip()
        if match.group("tag") in ("4200", "5000") and any(c.isalpha() for c in name):
            lo = match.start("name") + match.group("name").index(name)
            yield Candidate(
                PERSON,
                lo,
                lo + len(name),
                0.85,
                (_FEDWIRE_REASON, "the party's name"),
                name.lower(),
            )
            street = match.group("street")
            if street and street.strip() and any(c.isdigit() for c in street):
                lo = match.start("street") + street.index(street.strip())
                value = street.strip()
                yield Candidate(
                    STREET_ADDRESS,
                    lo,
                    lo + len(value),
                    0.85,
                    (_FEDWIRE_REASON, "the party's address"),
                    value,
                )


#: UN/EDIFACT (an airline's API passenger list, PAXLST, and its kin): a party's NAD segment
#: (a passenger FL, a crew member, the message's contact MS), its name's components, street,
#: city, state and postal code; a date of birth (DTM 329), a travel document's number (DOC),
#: a telephone (COM ...:TE). "?" escapes the next character ("O?'BRIEN"), "'" ends a segment.
_EDI_TEXT = r"(?:[^+:'?\n]|\?.)"
_EDIFACT_NAD = re.compile(
    rf"NAD\+(?:FL|FM|DDT|DDU|MS|COT)\+\+\+(?P<name>{_EDI_TEXT}+(?::{_EDI_TEXT}+){{0,4}})"
    rf"(?:\+(?P<street>{_EDI_TEXT}*)(?:\+{_EDI_TEXT}*(?:\+{_EDI_TEXT}*"
    rf"(?:\+(?P<zip>{_EDI_TEXT}*))?)?)?)?"
)
_EDIFACT_VALUES = (
    (re.compile(r"DTM\+329:(?P<v>\d{6}(?:\d\d)?)(?=')"), DATE_OF_BIRTH, "DTM 329, a date of birth"),
    (
        re.compile(r"DOC\+P(?::[^+'\n]*)?\+(?P<v>[A-Z0-9]{5,20})(?=['+])"),
        US_PASSPORT,
        "DOC, a passport",
    ),
    (
        re.compile(r"COM\+(?:[^'\n]*?\+)?(?P<v>\+?[\d][\d ()\-]{6,22}\d):TE"),
        PHONE,
        "COM, a telephone",
    ),
)
_EDIFACT_REASON = "an EDIFACT segment's element"


def _edifact_parties(text: str) -> Iterable[Candidate]:
    for match in _EDIFACT_NAD.finditer(text):
        name = match.group("name")
        if any(c.isalpha() for c in name):
            why = (_EDIFACT_REASON, "NAD, a party's name")
            yield Candidate(PERSON, *match.span("name"), 0.85, why, name.lower())
        street = match.group("street")
        if street and any(c.isdigit() for c in street) and any(c.isalpha() for c in street):
            why = (_EDIFACT_REASON, "NAD, a party's street")
            yield Candidate(STREET_ADDRESS, *match.span("street"), 0.85, why, street)
        postal = match.group("zip")
        if postal and postal.isdigit() and len(postal) in (5, 9):
            yield Candidate(
                US_ZIP, *match.span("zip"), 0.85, (_EDIFACT_REASON, "NAD, a postal code"), postal
            )
    for pattern, entity, element in _EDIFACT_VALUES:
        for match in pattern.finditer(text):
            value = match.group("v")
            yield Candidate(entity, *match.span("v"), 0.85, (_EDIFACT_REASON, element), value)


#: An NCPDP Telecommunication (D.0) pharmacy claim's fields, each after a field separator
#: (FS, 0x1C, or "<FS>" as a switch's log prints it) and its two-character ID: the
#: cardholder's ID (C2) and name (CC, CD), the patient's birth date (C4), name (CA, CB),
#: street (CM), ZIP (CP), phone (CQ) and e-mail (HN), the prescriber's last name (DR).
_NCPDP_FIELD = re.compile(
    r"(?:<FS>|\x1c)(?P<id>C2|CC|CD|C4|CA|CB|CM|CP|CQ|HN|DR)(?P<v>[^<\x1c\x1d\x1e\n]+)"
)
_NCPDP_ENTITIES: dict[str, EntityType] = {
    "C2": HEALTH_INSURANCE_ID, "CC": PERSON, "CD": PERSON, "C4": DATE_OF_BIRTH, "CA": PERSON,
    "CB": PERSON, "CM": STREET_ADDRESS, "CP": US_ZIP, "CQ": PHONE, "HN": EMAIL, "DR": PERSON,
}  # fmt: skip
_NCPDP_REASON = "an NCPDP claim's field"


def _ncpdp_fields(text: str) -> Iterable[Candidate]:
    for match in _NCPDP_FIELD.finditer(text):
        value = match.group("v").rstrip()
        if not value:
            continue
        entity = _NCPDP_ENTITIES[match.group("id")]
        start = match.start("v")
        why = (_NCPDP_REASON, match.group("id"))
        yield Candidate(entity, start, start + len(value), 0.85, why, value.lower())


#: ISO 20022 payment messages and statements (pain.001, pacs.008, camt.053): a party's name
#: (an account's owner, a debtor, a creditor: a person's or a company's, redacted alike), its
#: postal address's street, building number and post code, and a US clearing member's ID (an
#: ABA routing number, by its checksum).
_ISO_PARTY_NAME = re.compile(
    r"<(?:Ownr|Dbtr|Cdtr|UltmtDbtr|UltmtCdtr|InitgPty)>\s*(?:<Pty>\s*)?<Nm>(?P<v>[^<]{2,140})</Nm>"
)
_ISO_ADDRESS = (
    (re.compile(r"<StrtNm>(?P<v>[^<]{2,70})</StrtNm>"), STREET_ADDRESS, "StrtNm"),
    (re.compile(r"<BldgNb>(?P<v>[^<]{1,16})</BldgNb>"), STREET_ADDRESS, "BldgNb"),
    (re.compile(r"<PstCd>(?P<v>[^<]{3,16})</PstCd>"), US_ZIP, "PstCd"),
)
#: (the element as written, or as `written_forms` spells its camel-case name: "Mmb Id: ...")
_ISO_MEMBER = re.compile(r"(?:<MmbId>|\bMmb[ ]?Id:[ \t]*)(?P<v>\d{9})(?!\d)")
_ISO_REASON = "an ISO 20022 message's element"


def _iso20022_parties(text: str) -> Iterable[Candidate]:
    for match in _ISO_PARTY_NAME.finditer(text):
        name = match.group("v")
        why = (_ISO_REASON, "a party's name")
        yield Candidate(PERSON, *match.span("v"), 0.85, why, name.lower())
    for pattern, entity, element in _ISO_ADDRESS:
        for match in pattern.finditer(text):
            value = match.group("v")
            yield Candidate(entity, *match.span("v"), 0.85, (_ISO_REASON, element), value)
    for match in _ISO_MEMBER.finditer(text):
        if rtn.is_valid(match.group("v")):
            why = (_ISO_REASON, "a clearing member's ID, checksum ok")
            yield Candidate(ABA_ROUTING, *match.span("v"), 0.9, why, match.group("v"))


def _wire_parties(text: str) -> Iterable[Candidate]:
    for match in _WIRE_PARTY.finditer(text):
        value = match.group("v").lower()
        yield Candidate(PERSON, *match.span("v"), 0.85, (_WIRE_REASON,), value)


def _pnr_elements(text: str) -> Iterable[Candidate]:
    if _PNR_NAME.search(text) is None:
        return  # (no passenger's name: no booking)
    for pattern, entity, element in _PNR_VALUES:
        for match in pattern.finditer(text):
            value = match.group("v")
            value = value.replace("//", "@").lower() if entity in (PERSON, EMAIL) else value
            yield Candidate(entity, *match.span("v"), 0.85, (_PNR_REASON, element), value)
    for match in _PNR_DOCS.finditer(text):
        for group, entity in (("doc", US_PASSPORT), ("dob", DATE_OF_BIRTH), ("name", PERSON)):
            value = match.group(group)
            value = value.lower() if entity is PERSON else value
            yield Candidate(entity, *match.span(group), 0.85, (_PNR_REASON, "DOCS"), value)


#: An SSA EFW2 (W-2 filing) employee wage record, RW, and its state wage record, RS: the
#: employee's SSN (RW: positions 3-11; RS: 10-18, after the state's code and a taxing entity's),
#: first, middle and last names (15, 15 and 20 characters), a suffix (4), then the location and
#: the delivery address (22 each), the city (22), the state (2) and the ZIP (5, and its 4).
_EFW2_EMPLOYEE = re.compile(
    r"^(?:RW|RS\d\d.{5})(?P<ssn>\d{9})(?P<first>[A-Za-z][^\n]{14})(?P<middle>[^\n]{15})"
    r"(?P<last>[^\n]{20})(?:[^\n]{4}(?P<location>[^\n]{22})(?P<delivery>[^\n]{22})"
    r"[^\n]{22}[A-Z ]{2}(?P<zip>\d{5})(?P<ext>\d{4})?)?",
    re.MULTILINE,
)
_EFW2_REASON = "an SSA EFW2 employee record's field"


def _efw2_employees(text: str) -> Iterable[Candidate]:
    """The SSN, the names, the street address and the ZIP of EFW2 employee records, by the
    layout alone: the SSN field is the SSN whatever its number (a test file's 666 area, which
    the SSA never issues, is redacted as one)."""
    for record in _EFW2_EMPLOYEE.finditer(text):
        lo, hi = record.span("ssn")
        reasons = (_EFW2_REASON, "the employee's SSN")
        yield Candidate(US_SSN, lo, hi, 0.95, reasons, record.group("ssn"))
        yield from _layout_names(text, record, _EFW2_NAMES, _EFW2_REASON)
        for field in ("location", "delivery"):
            street = _words(record, field) if record.group(field) is not None else None
            if street is not None and any(c.isdigit() for c in text[street[0] : street[1]]):
                value = text[street[0] : street[1]]
                reasons = (_EFW2_REASON, f"the {field} address")
                yield Candidate(STREET_ADDRESS, *street, 0.85, reasons, value)
        if record.group("zip") is not None:
            lo, hi = record.start("zip"), record.end("ext" if record.group("ext") else "zip")
            yield Candidate(US_ZIP, lo, hi, 0.85, (_EFW2_REASON, "the ZIP"), text[lo:hi])


#: A Metro 2 (credit reporting, character format) base segment: the record's length (426, or
#: more with segments appended), a processing indicator and a time stamp; the consumer's
#: account number (positions 43-72); the consumer's surname, first and middle names (232-296),
#: a generation code, the SSN (298-306), the date of birth (307-314, MMDDYYYY), the phone
#: (315-324), the ECOA code and an indicator, the country (328-329), two address lines of 32,
#: the city (20), the state and the ZIP (416-424).
_METRO2_BASE = re.compile(
    r"^\d{4}[1 ]\d{14}[^\n]{23}(?P<account>[^\n]{30})[^\n]{159}"
    r"(?P<surname>[A-Za-z][^\n]{24})(?P<first>[^\n]{20})(?P<middle>[^\n]{20})[^\n]"
    r"(?P<ssn>[\d ]{9})(?P<dob>[\d ]{8})(?P<phone>[\d ]{10})[^\n]{3}[A-Z ]{2}"
    r"(?P<line1>[^\n]{32})(?P<line2>[^\n]{32})[^\n]{20}[A-Z ]{2}(?P<zip>[\dA-Z ]{9})",
    re.MULTILINE,
)
_METRO2_HINT = re.compile(r"^\d{4}[1 ]\d{14}", re.MULTILINE)
_METRO2_BASE_CHARS = 426
#: Its J1 (an associated consumer of the same address: 100 characters) and J2 (of another
#: address: 200) segments, on a line of their own or appended to the base segment: the
#: names, the SSN, the date of birth, the phone, and J2's address.
_METRO2_ASSOCIATED = re.compile(
    r"J(?P<kind>[12]) (?P<surname>[A-Za-z][^\n]{24})(?P<first>[^\n]{20})(?P<middle>[^\n]{20})"
    r"[^\n](?P<ssn>[\d ]{9})(?P<dob>[\d ]{8})(?P<phone>[\d ]{10})"
    r"(?:(?<=J2 .{93})[^\n]{3}[A-Z ]{2}(?P<line1>[^\n]{32})(?P<line2>[^\n]{32})[^\n]{22}"
    r"(?P<zip>[\dA-Z ]{9}))?"
)
_METRO2_REASON = "a Metro 2 credit-reporting record's field"
_METRO2_SEGMENT_LINE = re.compile(r"(?:^|\n)(?=J[12] )")


def _metro2_consumers(text: str) -> Iterable[Candidate]:
    """The consumers of Metro 2 records (see `_METRO2_BASE`), by the layout alone."""
    for base in _METRO2_BASE.finditer(text):
        account = _words(base, "account")
        if account is not None and any(c.isdigit() for c in text[account[0] : account[1]]):
            value = text[account[0] : account[1]]
            reasons = (_METRO2_REASON, "the consumer's account number")
            yield Candidate(BANK_ACCOUNT, *account, 0.9, reasons, value)
        yield from _metro2_consumer(text, base)
        joined = _METRO2_ASSOCIATED.match(text, base.start() + _METRO2_BASE_CHARS)
        if joined is not None:
            yield from _metro2_consumer(text, joined)
    for line in _METRO2_SEGMENT_LINE.finditer(text):
        associated = _METRO2_ASSOCIATED.match(text, line.end())
        if associated is not None:
            yield from _metro2_consumer(text, associated)


def _metro2_consumer(text: str, record: re.Match[str]) -> Iterable[Candidate]:
    yield from _layout_names(text, record, _METRO2_NAMES, _METRO2_REASON)
    for field, entity, said in (
        ("ssn", US_SSN, "SSN"),
        ("dob", DATE_OF_BIRTH, "date of birth"),
        ("phone", PHONE, "phone number"),
    ):
        value = record.group(field)
        if value.isdigit() and value.strip("0"):  # (blanks or zeros where none is reported)
            lo, hi = record.span(field)
            yield Candidate(entity, lo, hi, 0.9, (_METRO2_REASON, f"the {said}"), value)
    if record.group("zip") is None:
        return
    for field in ("line1", "line2"):
        line = _words(record, field)
        if line is not None:
            value = text[line[0] : line[1]]
            reasons = (_METRO2_REASON, "the consumer's address")
            yield Candidate(STREET_ADDRESS, *line, 0.85, reasons, value)
    zip_code = _words(record, "zip")
    if zip_code is not None and text[zip_code[0] : zip_code[1]].isdigit():
        value = text[zip_code[0] : zip_code[1]]
        yield Candidate(US_ZIP, *zip_code, 0.85, (_METRO2_REASON, "the ZIP"), value)


#: The name fields of a record's layout: (group, what the reason calls it).
_EFW2_NAMES = (("first", "first name"), ("middle", "middle name"), ("last", "last name"))
_METRO2_NAMES = (("surname", "surname"), ("first", "first name"), ("middle", "middle name"))


def _layout_names(
    text: str, record: re.Match[str], fields: tuple[tuple[str, str], ...], reason: str
) -> Iterable[Candidate]:
    """A PERSON for each blank-padded name field of a record that holds a word."""
    for field, said in fields:
        name = _words(record, field)
        if name is not None:
            value = text[name[0] : name[1]].lower()
            yield Candidate(PERSON, *name, 0.85, (reason, f"the {said}"), value)


def _words(match: re.Match[str], group: str) -> tuple[int, int] | None:
    """The span of a blank-padded field's words."""
    words = _WORDS.search(match.group(group))
    if words is None:
        return None
    start = match.start(group)
    return start + words.start(), start + words.end()


def _x12_segments(text: str) -> Iterable[Candidate]:
    person = False  # whether the loop is a person's (the last NM1's entity type is 1)
    for segment in _SEGMENT.finditer(text):
        kind, sep = segment.group("id"), segment.group("sep")
        elements = _elements(segment, sep)
        if kind == "INS":
            person = True  # (a member's loop: INS, its REFs, then the member's NM1)
        elif kind == "NM1":
            person = len(elements) > 1 and elements[1][2] == "1"
            if not person:
                continue
            for lo, hi, value in elements[2:5]:  # last, first, middle
                if any(c.isalpha() for c in value):
                    yield Candidate(
                        PERSON, lo, hi, 0.9, (_X12_REASON, "NM1 a person's name"), value
                    )
            if len(elements) > 8:
                yield from _identifier(elements[7][2], elements[8], "NM1")
        elif kind == "N1":
            # (a payer's or a payee's loop, N1*PR or N1*PE, is a person's where its name is
            # one by its shape: "N1*PR*EMILY BROOKS~", not "N1*PE*KEYSTONE HOME LOANS~")
            person = len(elements) > 1 and _personal_name(elements[1][2])
            if person:
                lo, hi, value = elements[1]
                yield Candidate(PERSON, lo, hi, 0.85, (_X12_REASON, "N1 a person's name"), value)
        elif kind == "BPR":
            yield from _bank_accounts(elements)
        elif kind == "REF" and len(elements) > 1 and elements[0][2] == "11":
            lo, hi, value = elements[1]  # (REF*11: an account number, in any loop)
            if sum(c.isdigit() for c in value) >= 6:
                yield Candidate(BANK_ACCOUNT, lo, hi, 0.85, (_X12_REASON, "REF 11"), value)
        elif kind == "REF" and len(elements) > 1 and person:
            yield from _identifier(elements[0][2], elements[1], "REF")
        elif kind == "PER" and person:
            for (_, _, qualifier), (lo, hi, value) in zip(
                elements[2::2], elements[3::2], strict=False
            ):
                if qualifier in _PER_PHONE and sum(c.isdigit() for c in value) >= 7:
                    yield Candidate(PHONE, lo, hi, 0.9, (_X12_REASON, f"PER {qualifier}"), value)
                elif qualifier == "EM" and "@" in value:
                    yield Candidate(EMAIL, lo, hi, 0.95, (_X12_REASON, "PER EM"), value.lower())
        elif kind == "N3" and person:
            for lo, hi, value in elements[:2]:
                if value.strip():
                    yield Candidate(STREET_ADDRESS, lo, hi, 0.9, (_X12_REASON, "N3"), value)
        elif kind == "N4" and person and len(elements) > 2:
            lo, hi, value = elements[2]
            if value.isdigit() and len(value) in (5, 9):
                yield Candidate(US_ZIP, lo, hi, 0.9, (_X12_REASON, "N4 postal code"), value)
        elif kind == "DMG" and person and len(elements) > 1 and elements[0][2] == "D8":
            lo, hi, value = elements[1]
            if value.isdigit() and len(value) == 8:
                yield Candidate(DATE_OF_BIRTH, lo, hi, 0.9, (_X12_REASON, "DMG D8"), value)


#: Words of an organisation's name (a plan's, a provider's, a lender's): an N1 loop that names
#: one is no person's. (The organisation words a name is never read from, and a plan's and a
#: provider's own.)
_ORGANISATION = ORGANISATION_WORDS | frozenset(
    """llp pllc lp pc pa md dds na plan plans health medical physicians associates partners
    hospitals centers laboratories labs laboratory diagnostics imaging therapy rehab dental
    vision assurance mutual life auto home homes loans loan trust fund federal national county
    state city university school college association assn foundation church solutions systems
    network networks holdings administrators administration credit union of and &""".split()
)


def _personal_name(value: str) -> bool:
    """Whether an N1 loop's name is a person's by its shape: two or three words of letters,
    none an organisation's word."""
    words = value.split()
    return 2 <= len(words) <= 3 and all(
        len(word) > 1
        and word.replace("'", "").replace("-", "").isalpha()
        and word.lower() not in _ORGANISATION
        for word in words
    )


def _bank_accounts(elements: list[tuple[int, int, str]]) -> Iterable[Candidate]:
    """A payment order's (BPR's) banks and accounts: the sender's, BPR06 "01" (an ABA number)
    then the routing number and, after its type ("DA", "SG"), the account (BPR07, BPR09); the
    receiver's the same at BPR12 to BPR15."""
    for at in (5, 11):
        if len(elements) <= at + 3 or elements[at][2] != "01":
            continue
        lo, hi, value = elements[at + 1]
        if rtn.is_valid(value):
            yield Candidate(ABA_ROUTING, lo, hi, 0.95, (_X12_REASON, "BPR routing"), value)
        lo, hi, value = elements[at + 3]
        if sum(c.isdigit() for c in value) >= 4:
            yield Candidate(BANK_ACCOUNT, lo, hi, 0.9, (_X12_REASON, "BPR account"), value)


def _elements(segment: re.Match[str], sep: str) -> list[tuple[int, int, str]]:
    """A segment's elements after its ID: (start, end, value) each, in the text's offsets."""
    out = []
    pos = segment.start("body")
    for value in segment.group("body").split(sep):
        out.append((pos, pos + len(value), value.strip()))
        pos += len(value) + 1
    return out


def _identifier(qualifier: str, element: tuple[int, int, str], segment: str) -> Iterable[Candidate]:
    lo, hi, value = element
    if not value:
        return
    digits = value.replace("-", "")
    reasons = (_X12_REASON, f"{segment} {qualifier}")
    ssn = (segment == "NM1" and qualifier in _NM1_SSN) or (
        segment == "REF" and qualifier in _REF_SSN
    )
    if ssn and digits.isdigit() and len(digits) == 9:
        yield Candidate(US_SSN, lo, hi, 0.95, reasons, digits)
    elif any(c.isdigit() for c in value) and (
        (segment == "NM1" and qualifier in _NM1_MEMBER)
        or (segment == "REF" and qualifier in _REF_MEMBER | _REF_SSN)
    ):
        yield Candidate(HEALTH_INSURANCE_ID, lo, hi, 0.85, reasons, value)
