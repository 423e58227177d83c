"""Payment and benefits files read by their published layouts: NACHA entries, X12 segments."""

from __future__ import annotations

from callshield import Engine

#: A NACHA batch (synthetic: a published routing number, made-up accounts and names).
ACH = (
    "Raw entries (94-byte records):\n"
    "5200ACME LOGISTICS                      1662846541PPDPAYROLL"
    "   SEP25 250904   1466690840000001\n"
    "62212100035855868299000      0000141379EMP477165      SHEPHE"
    "RD CONNOR         1466690844719187\n"
    "62201100001521121545765      0000041209EMP292577      RAMSEY"
    " RONALD           1466690849345652\n"
    "820000000400132000360000000000000000001825881662846541      "
    "                   466690840000001\n"
)
#: An 834 enrolment (synthetic): the plan's loop, then a member's.
X12 = (
    "ISA*00*          *00*          *ZZ*BLUEWATER      *ZZ*CLEARHOUSE01   *250204*1208*^*00501"
    "*134317469*0*P*:~\n"
    "ST*834*0001*005010X220A1~\n"
    "N1*P5*BLUEWATER HEALTH PLAN*FI*221658642~\n"
    "INS*Y*18*021*28*A***FT~\n"
    "REF*0F*900927192~\n"
    "REF*23*BWH773293362~\n"
    "NM1*IL*1*PENA*AARON*I***34*900927192~\n"
    "PER*IP**HP*3475550139*EM*AARON.PENA90@EXAMPLE.NET~\n"
    "N3*3280 GUZMAN VILLAGE APT. 467~\n"
    "N4*NORTH ADAMFORT*AZ*341245484~\n"
    "DMG*D8*19720318*M*M~\n"
    "NM1*85*2*LAKESIDE CLINIC*****XX*1234567893~\n"
    "SE*22*0001~\n"
)


def _found(engine: Engine, text: str) -> set[tuple[str, str]]:
    return {(f.entity.name, text[f.start : f.end]) for f in engine.scan(text)}


def test_a_nacha_entry_s_routing_number_account_and_receiver_are_found(engine: Engine) -> None:
    found = _found(engine, ACH)
    assert {
        ("ABA_ROUTING", "121000358"),
        ("BANK_ACCOUNT", "55868299000"),
        ("PERSON", "SHEPHERD CONNOR"),
        ("ABA_ROUTING", "011000015"),
        ("BANK_ACCOUNT", "21121545765"),
        ("PERSON", "RAMSEY RONALD"),
    } <= found
    # the batch header's and control's fields are no entry's
    assert not [value for _, value in found if "ACME" in value or "1662846541" in value]


def test_an_x12_member_loop_is_read_by_its_segments_and_a_provider_s_is_not(
    engine: Engine,
) -> None:
    found = _found(engine, X12)
    assert {
        ("US_SSN", "900927192"),
        ("HEALTH_INSURANCE_ID", "BWH773293362"),
        ("PERSON", "PENA"),
        ("PERSON", "AARON"),
        ("STREET_ADDRESS", "3280 GUZMAN VILLAGE APT. 467"),
        ("US_ZIP", "341245484"),
        ("DATE_OF_BIRTH", "19720318"),
    } <= found
    assert not [v for _, v in found if "LAKESIDE" in v or "1234567893" in v or "221658642" in v]


#: An 835 remittance whose payer is a person, then a lender payee (made-up names).
X12_835 = (
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240612*1200*^*"
    "00501*000000905*0*P*:~\n"
    "TRN*1*68304*1443892990~\n"
    "N1*PR*ANA GONZALES~\n"
    "N3*074 CHARLES VILLAGE~\n"
    "N4*LAKE JOSEPHVILLE*FM*19725~\n"
    "N1*PE*KEYSTONE HOME LOANS~\n"
    "N3*500 COMMERCE PARK~\n"
    "N4*DOVER*DE*19901~\n"
)


def test_an_n1_loop_is_read_where_its_name_is_a_person_s(engine: Engine) -> None:
    found = _found(engine, X12_835)
    assert {
        ("PERSON", "ANA GONZALES"),
        ("STREET_ADDRESS", "074 CHARLES VILLAGE"),
        ("US_ZIP", "19725"),
    } <= found
    assert not [v for _, v in found if "KEYSTONE" in v or "19901" in v]


def test_a_bank_file_s_wire_parties_are_names(engine: Engine) -> None:
    # a BAI2 file's continuation records (synthetic names, a published test IBAN)
    text = (
        "16,195,24228,0,20240403466934,,INCOMING WIRE/\n"
        "88,ORG=VANSHA MENON/ORG ACCT 781572583508/ADDR 8730 SMITH WELL\n"
        "88,BNF=ZEFERINO DE LA CRÚZ/BNF IBAN ES9121000418450200051332/REF INV-2024-30648\n"
        "88,IRS TREAS 310 TAX REF INDN:BRINDA GHOSH ITIN 912-85-4831\n"
    )
    found = _found(engine, text)
    names = {value for entity, value in found if entity == "PERSON"}
    assert {"VANSHA MENON", "ZEFERINO DE LA CRÚZ", "BRINDA GHOSH"} <= names
    assert not any(value.startswith(("ORG", "BNF", "INV")) for value in names)


#: A Fedwire Funds message (synthetic: ABA-valid routing numbers, a published example IBAN).
FEDWIRE = (
    "-----BEGIN FEDWIRE MESSAGE-----\n"
    "{1500}30        P \n{1510}1000\n{2000}000001391458\n"
    "{3100}121000248FIRST MIDWEST BK\n{3320}REF850018266\n{3400}011000015COMMUNITY CU\n"
    "{4200}DAT611904300234573201*KEITH MACK*8997 WILLIAMS RAPIDS*TODDSTAD OH 58678*\n"
    "{5000}D39574627986*JILLIAN MANN*537 TURNER COVE*WEST GEORGE CA 21552*\n"
    "{6000}INV653061 CLOSING FUNDS*\n"
    "-----END FEDWIRE MESSAGE-----\n"
)


def test_a_fedwire_message_s_tags_give_routing_numbers_and_parties(engine: Engine) -> None:
    found = _found(engine, FEDWIRE)
    assert {
        ("ABA_ROUTING", "121000248"),
        ("ABA_ROUTING", "011000015"),
        ("PERSON", "KEITH MACK"),
        ("PERSON", "JILLIAN MANN"),
        ("BANK_ACCOUNT", "39574627986"),
        ("STREET_ADDRESS", "8997 WILLIAMS RAPIDS"),
    } <= found
    assert any(e in {"IBAN", "BANK_ACCOUNT"} and v == "AT611904300234573201" for e, v in found)
    assert not any("INV653061" in v or "850018266" in v for _, v in found)


#: An airline's API passenger list (UN/EDIFACT PAXLST; synthetic names and documents).
PAXLST = (
    "UNA:+.? '\nUNB+UNOA:4+DLAPIS:ZZ+USCSAPIS:ZZ+240402:1959+397872444++USADHS'\n"
    "UNH+PAX001+PAXLST:D:02B:UN:IATA+DL785/240402/1422+01:F'\nBGM+745'\n"
    "NAD+MS+++BRANDI JACKSON'\nCOM+901 555 0130:TE+1 877 555 0116:FX'\n"
    "TDT+20+DL785+++DL'\nLOC+125+ATL'\nDTM+189:2404022200:201'\n"
    "NAD+FL+++O?'BRIEN:JOHN+9112 YOUNG FORGE+WEST DAVID+MN+45290+USA'\n"
    "ATT+2++F'\nDTM+329:540108'\nNAT+2+USA'\nRFF+AVF:925B11'\n"
    "DOC+P:110:111+576994953'\nDTM+36:311223'\nCNT+42:1'\nUNT+15+PAX001'\n"
)


def test_an_edifact_passenger_list_s_segments_give_the_passenger(engine: Engine) -> None:
    found = _found(engine, PAXLST)
    assert {
        ("PERSON", "BRANDI JACKSON"),
        ("PHONE", "901 555 0130"),
        ("PERSON", "O?'BRIEN:JOHN"),
        ("STREET_ADDRESS", "9112 YOUNG FORGE"),
        ("US_ZIP", "45290"),
        ("DATE_OF_BIRTH", "540108"),
        ("US_PASSPORT", "576994953"),
    } <= found
    # (the flight's times, the document's expiry and the company's fax are none)
    assert not any(v in {"2404022200", "311223", "1 877 555 0116"} for _, v in found)


#: A pharmacy switch's log of an NCPDP D.0 claim (synthetic: a Faker-style name, a reserved
#: 555-01xx number), its field separators printed as "<FS>".
NCPDP = (
    "2024-05-04 13:48:42.862 CLAIM-REQ sw=RELAY1 bin=610014 len=395\n"
    "610014D0B1PCN7GRAV  1011234567893     20240504<RS>AM04<FS>C2W721901804<FS>CCCARLOS"
    "<FS>CDHARVEY<FS>C1GRP6611<GS><RS>AM01<FS>C419900613<FS>C52<FS>CACARLOS<FS>CBHARVEY"
    "<FS>CM82819 SCOTT SQUARE<FS>CNLAKE AMYBERG<FS>COOR<FS>CP06858<FS>CQ8015550154<RS>AM07"
    "<FS>EM1<FS>D2000089862297<FS>E103<FS>D769153470736<RS>AM03<FS>EZ01<FS>DB1234567893"
    "<FS>DRSHAH\n"
)


def test_an_ncpdp_claim_s_fields_give_the_patient(engine: Engine) -> None:
    found = _found(engine, NCPDP)
    assert {
        ("HEALTH_INSURANCE_ID", "W721901804"),
        ("PERSON", "CARLOS"),
        ("PERSON", "HARVEY"),
        ("DATE_OF_BIRTH", "19900613"),
        ("STREET_ADDRESS", "82819 SCOTT SQUARE"),
        ("US_ZIP", "06858"),
        ("PHONE", "8015550154"),
        ("PERSON", "SHAH"),
    } <= found
    # (the group, the prescription number, the product's NDC and the prescriber's NPI are none)
    assert not any(v in {"GRP6611", "2000089862297", "69153470736"} for _, v in found)


#: A camt.053 statement's account (synthetic: an ABA-valid routing number, a made-up owner).
CAMT = (
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><Stmt>\n'
    "<Acct><Ccy>USD</Ccy><Ownr><Nm>BRITTANY WARREN</Nm><PstlAdr><StrtNm>Adams Causeway"
    "</StrtNm><BldgNb>95245</BldgNb><PstCd>55769</PstCd><TwnNm>Justinport</TwnNm></PstlAdr>"
    "</Ownr>\n<Svcr><FinInstnId><ClrSysMmbId><ClrSysId><Cd>USABA</Cd></ClrSysId>"
    "<MmbId>121000248</MmbId></ClrSysMmbId></FinInstnId></Svcr></Acct>\n"
    '<Ntry><Amt Ccy="USD">2784.55</Amt></Ntry></Stmt></BkToCstmrStmt></Document>\n'
)


def test_an_iso_20022_statement_s_owner_address_and_bank(engine: Engine) -> None:
    found = _found(engine, CAMT)
    assert {
        ("PERSON", "BRITTANY WARREN"),
        ("STREET_ADDRESS", "Adams Causeway"),
        ("STREET_ADDRESS", "95245"),
        ("US_ZIP", "55769"),
        ("ABA_ROUTING", "121000248"),
    } <= found
    assert not any(v == "2784.55" for _, v in found)


#: MT940 statements (synthetic): SEPA's keyed details, a German bank's subfields (the name over
#: two), a US bank's account line and its ACH and wire details.
MT940 = (
    "{1:F01ABNANL2AXXXX0111520702}{2:O9401200241113ABNANL2AXXXX}{4:\n"
    ":20:ABN AMRO BANK NV\n:25:NL91ABNA0417164300\n:28C:00263/00001\n"
    ":61:2411131113D704,39N426NONREF\n"
    ":86:/TRTP/SEPA OVERBOEKING/IBAN/CH9300762011623852957/BIC/COBADEFFXXX/NAME/HORST ROSKOTH"
    "/REMI/FACTUUR 2024-4081/EREF/NOTPROVIDED\n"
    ":61:2402030203CR7923,78NTRFNONREF//160186088928\n"
    ":86:166?00GUTSCHRIFT?100931?20EREF+NOTPROVIDED?21SVWZ+Rechnung RE-92145?30COBADEFFXXX"
    "?31ES9121000418450200051332?32ERDMUTE ATZLER UND EDUARD A?33TZLER?34999\n-}\n"
    "{4:\n:20:6004240614665974\n:25:107050584/81896129758\n"
    ":86:ORIG CO NAME:ACME PAYROLL SVC DESC DATE:240713 IND ID:632175647 IND NAME:KATHERINE"
    " FOWLER TRN: 7988381508\n"
    ":86:FEDWIRE DEBIT A/C: 732228033086 BNF: KAYLA BALLARD 53487 HERNANDEZ POINT REF: 236996\n"
    "-}\n"
)


def test_an_mt940_statement_s_details_give_the_counterparties(engine: Engine) -> None:
    found = _found(engine, MT940)
    assert {
        ("IBAN", "CH9300762011623852957"),
        ("PERSON", "HORST ROSKOTH"),
        ("IBAN", "ES9121000418450200051332"),
        ("PERSON", "ERDMUTE ATZLER UND EDUARD A"),
        ("PERSON", "TZLER"),
        ("ABA_ROUTING", "107050584"),
        ("BANK_ACCOUNT", "81896129758"),
        ("BANK_ACCOUNT", "632175647"),
        ("PERSON", "KAYLA BALLARD"),
    } <= found
    assert not any("RE-92145" in v or "236996" in v for _, v in found)


def test_a_decoded_licence_barcode_gives_its_holder(engine: Engine) -> None:
    """AAMVA's PDF417 data decoded (synthetic): each element's ID, then its value."""
    text = (
        "Scanned ID for Rx 9519173:\n@<LF><RS><CR>ANSI 636015100102DL00410278ZI03190008DL"
        "DAQ27084565<LF>DCSYOUNG<LF>DDEN<LF>DACSTEVEN<LF>DADNONE<LF>DBD09102019<LF>"
        "DBB09101980<LF>DBA09102027<LF>DAG536 MORGAN TUNNEL<LF>DAINORTH CHESTER<LF>DAJTX<LF>"
        "DAK145724294  <LF>DCGUSA<CR>\n"
    )
    found = _found(engine, text)
    assert {
        ("US_DRIVER_LICENSE", "27084565"), ("PERSON", "YOUNG"), ("PERSON", "STEVEN"),
        ("DATE_OF_BIRTH", "09101980"), ("STREET_ADDRESS", "536 MORGAN TUNNEL"),
        ("US_ZIP", "145724294"),
    } <= found  # fmt: skip
    assert not any(v in ("NONE", "09102027", "09102019") for _, v in found)


def _efw2(kind: str, fields: list[tuple[int, str]]) -> str:
    """A 512-character EFW2 record: `fields` at their (1-based) positions, blanks elsewhere."""
    record = [" "] * 512
    record[:2] = kind
    for position, value in fields:
        record[position - 1 : position - 1 + len(value)] = value
    return "".join(record)


#: A W-2 file (synthetic): the submitter, the employer, two employees (the first's SSN in the
#: 666 area, which the SSA never issues: a test file's), a state record and the totals.
EFW2 = "\n".join(
    [
        _efw2("RA", [(3, "193452634"), (38, "ACME PAYROLL SERVICES LLC")]),
        _efw2("RE", [(3, "2024"), (8, "193452634"), (40, "EXAMPLE REGIONAL HEALTH")]),
        _efw2(
            "RW",
            [
                (3, "666925582"),
                (12, "MARK"),
                (27, "K"),
                (42, "MORTON"),
                (88, "106 RACHEL ROW"),
                (110, "NEW KYLEHAVEN"),
                (132, "OR"),
                (134, "127072740"),
                (188, "00007274030000010391470000727403000000450989"),
            ],
        ),
        _efw2(
            "RW",
            [
                (3, "521447788"),
                (12, "SARA"),
                (42, "FARRELL"),
                (88, "761 NELSON ISLE"),
                (188, "00002237650000003196640000223765000000138734"),
            ],
        ),
        _efw2("RS", [(3, "41"), (10, "521447788"), (19, "SARA"), (49, "FARRELL")]),
        _efw2("RT", [(3, "0000002"), (10, "000000061973676")]),
    ]
)


def test_a_w2_file_s_employee_records_give_the_ssn_names_and_address(engine: Engine) -> None:
    found = _found(engine, EFW2)
    assert {
        ("US_SSN", "666925582"),
        ("PERSON", "MARK"),
        ("PERSON", "MORTON"),
        ("STREET_ADDRESS", "106 RACHEL ROW"),
        ("US_ZIP", "127072740"),
        ("US_SSN", "521447788"),
        ("PERSON", "FARRELL"),
        ("STREET_ADDRESS", "761 NELSON ISLE"),
    } <= found
    # the state record's SSN and name, at their own positions
    rs = EFW2.index("\nRS") + 1
    in_rs = {(f.entity.name, f.start - rs) for f in engine.scan(EFW2) if f.start >= rs}
    assert {("US_SSN", 9), ("PERSON", 18), ("PERSON", 48)} <= in_rs
    # the wages and the totals are amounts: no glued record redacted whole
    assert not [v for v in (value for _, value in found) if v.startswith(("0000", "193452634"))]


def _metro2(fields: list[tuple[int, str]], size: int) -> str:
    """A Metro 2 segment of `size` characters: `fields` at their (1-based) positions."""
    record = [" "] * size
    for position, value in fields:
        record[position - 1 : position - 1 + len(value)] = value
    return "".join(record)


#: A Metro 2 file (synthetic): the header, a base segment with a J1 segment appended (the
#: length 0526), and a J2 segment on a line of its own.
_BASE = _metro2(
    [
        (1, "0526"), (5, "1"), (6, "06192024115547"), (21, "0H0QYJY9562JJMVMNA22"),
        (43, "51049159341"), (74, "00"), (155, "000004931"),
        (232, "ARNOLD"), (257, "NICOLE"), (277, "E"), (298, "521496997"), (307, "02251956"),
        (315, "8015550148"), (328, "US"), (330, "390 JOSEPH ISLANDS"), (362, "UNIT 9B"),
        (394, "WEST KELLYVILLE"), (414, "MA"), (416, "640242818"),
    ],
    426,
)  # fmt: skip
_J1 = _metro2(
    [(1, "J1"), (4, "ARNOLD"), (29, "LAUREN"), (70, "521863629"), (79, "10091945"),
     (87, "8185550158")],
    100,
)  # fmt: skip
_J2 = _metro2(
    [(1, "J2"), (4, "PRICE"), (29, "DANA"), (70, "521774411"), (79, "03121961"),
     (100, "US"), (102, "77 HARBOR LN"), (166, "SALEM"), (186, "OR"), (188, "973010000")],
    200,
)  # fmt: skip
METRO2 = "\n".join(["0426HEADER  Y0V6TYY39R" + " " * 404, _BASE + _J1, _J2])


def test_a_metro2_record_gives_its_consumers(engine: Engine) -> None:
    found = _found(engine, METRO2)
    assert {
        ("BANK_ACCOUNT", "51049159341"),
        ("PERSON", "ARNOLD"),
        ("PERSON", "NICOLE"),
        ("US_SSN", "521496997"),
        ("DATE_OF_BIRTH", "02251956"),
        ("PHONE", "8015550148"),
        ("STREET_ADDRESS", "390 JOSEPH ISLANDS"),
        ("US_ZIP", "640242818"),
        # the associated consumers: J1 appended to the base, J2 on its own line
        ("PERSON", "LAUREN"),
        ("US_SSN", "521863629"),
        ("DATE_OF_BIRTH", "10091945"),
        ("PHONE", "8185550158"),
        ("PERSON", "PRICE"),
        ("US_SSN", "521774411"),
        ("STREET_ADDRESS", "77 HARBOR LN"),
        ("US_ZIP", "973010000"),
    } <= found
    # the balance, the furnisher's ID and the header are no consumer's
    assert not [v for _, v in found if v in ("000004931", "0H0QYJY9562JJMVMNA22", "Y0V6TYY39R")]
