"""The shapes of values that are sensitive in context: one definition for the detectors that
read them after their cue (`contextual`) and before it (`trailing`)."""

from __future__ import annotations

from collections.abc import Callable

from stdnum.br import cpf
from stdnum.ca import sin
from stdnum.fr import nir
from stdnum.pt import nif
from stdnum.us import rtn

from callshield.core.detection.spoken_words import SPANISH_MONTHS

#: A validator returns a reason when the value checks out, None when it fails.
Validator = Callable[[str], "str | None"]


def _in_two_breaths(*lengths: int) -> str:
    """A number of one of `lengths` digits as speech-to-text writes it when a hesitation or a
    noise tag splits it in two ("nine two seven [inaudible] one" is written "927 1"): two
    groups whose lengths add up, no digit group before or after."""
    # (at most one shape fits where a value starts: the blank and the value's end fix both)
    groups = "|".join(
        rf"\d{{{first}}} \d{{{total - first}}}" for total in lengths for first in range(1, total)
    )
    return rf"(?<!\d[ \-])(?:{groups})(?![ \-]?\d)"


PIN_VALUE = rf"\b(?:\d{{4,6}}|{_in_two_breaths(4, 5, 6)})\b"
#: (not a group of a longer number: "784 268" after "the code is" is a one-time code)
#: (or a digit at a time: "cvv 3 digits: 7 2 9", or three in two breaths: "53 4"; not four,
#: which across two turns would be a code and the next line's first digit)
#: (not a group of a longer number, "4111 1111 ...", unless the digit before ends a word:
#: "cvv2 737")
CVV_VALUE = (
    # (no amount: "a payment of $133.23" after the code's question)
    r"(?<![^A-Za-z]\d[ \-])(?<!^\d[ \-])(?<![$\u20ac\u00a3\u00a5])"
    rf"\b(?:\d{{3,4}}|\d(?: \d){{2,3}}|{_in_two_breaths(3)})\b(?![ \-]\d|[.,]\d\d(?!\d))"
)
#: five digits (ZIP+4 too, its dash perhaps not said: "two seven eight two zero oh three four
#: nine"), or five said in two breaths ("one nine four... zero three": "194 03")
ZIP_SPLIT = _in_two_breaths(5)
ZIP_VALUE = rf"\b(?:\d{{5}}(?:[\- ]?\d{{4}})?|{ZIP_SPLIT})\b"
#: The words (and the sign) that name an address's unit before its number: "apt 15", "Suite
#: 1410", "#706".
UNIT_DESIGNATORS = r"apt|apartment|suite|ste|unit|#|building|bldg|floor|fl|room|rm"
#: A Canadian or a British postcode, whose shapes no other number has: letter, digit,
#: letter, digit, letter, digit ("R7K 7T2"); "NW1 6XE", "SW1A 1AA".
CANADIAN_OR_BRITISH_POSTCODE = r"[A-Z]\d[A-Z][ \t]?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}"
#: A postcode of another country, in its own shape: Canadian or British (a Canadian one with
#: a dash too, "R7K-7T2"), Irish (Eircode "D02 X285"), Dutch ("6776 DN"), Brazilian (CEP
#: "39884-619"), Portuguese ("1200-195") or Japanese ("100-0001"); five digits are a ZIP's.
POSTCODE_VALUE = (
    rf"(?<![\w\-])(?:{CANADIAN_OR_BRITISH_POSTCODE}|[A-Z]\d[A-Z]-\d[A-Z]\d"
    r"|[A-Z]\d[\dW][ \t]?[A-Z\d]{4}|\d{4}[ \t]?[A-Z]{2}|\d{5}-\d{3}|\d{4}-\d{3}|\d{3}-\d{4})"
    r"(?![\w\-])"
)
#: four digits, or four said in two breaths ("eight four, uh, three one": "84 31")
LAST4_VALUE = rf"\b(?:\d{{4}}|{_in_two_breaths(4)})\b"
#: six digits, or two groups of three or four as the text message splits them ("482 917"),
#: three pairs ("77-12-04"), or a digit at a time ("8 3 1 2 0 4")
OTP_VALUE = (
    r"(?<!\d[ \-])(?<!\d, )\b(?:\d{3,4}(?:[ \-]|, )\d{3,4}|\d{2}([ \-])\d{2}\1\d{2}|\d(?: \d){3,7}"
    r"|\d{4,8})\b(?![ \-]\d|, \d)"
)
#: Words a transcript in capitals writes before a number that are no prefix of it.
CAPS_WORDS = (
    "(?:IS|MY|NO|ID|NR|THE|AND|ACCT|ACC|NUM|IT|ITS|TO|OF|ON|IN|AT|OR|BE|WAS|ARE|YES|YEAH|YEP"
    "|SURE|OK|OKAY|UM|UH|SO|THEN|NOW|HI|OH|ER|ERM|HMM|MHM|THAT|THIS|FROM|FOR|ONE)"
)
#: (not a date: "account opened 1978-11-23"; its groups apart by a blank or a dash, or as
#: speech-to-text writes a pause, by a comma, a hesitation or dots: "9210 um, 5089, 63",
#: "5788 8270 ... 87")
ACCOUNT_VALUE = (
    r"(?<![\w.\-])(?!(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))"
    # (a prefix of letters in capitals, as a utility's or a plan's account writes one, or as
    # the normaliser writes letters spelled out: "WMZ 7601 99723", "juliet mike romeo, one
    # five six one ..." is "JMR, 1561 ...")
    # (no word of a transcript in capitals: "ACCOUNT NUMBER IS 12345678", "YES 12345678")
    # (apart by a blank: "SR-342499" after "tkt" is a ticket's)
    # (or glued to its digits, or by a hyphen, as a CRM's customer account writes one:
    # "cust_acct=A914490989", "on account CX-5247212")
    # (not a ticket's or an order's: "INC7189542", "REQ-2231887")
    rf"(?:(?!{CAPS_WORDS}\b)(?-i:[A-Z]{{2,4}}),?[ \t]"
    rf"|(?!(?i:INC|REQ|RITM|CHG|PRB|TKT|SR|ORD|INV|PO|RMA|CASE)-?\d)(?-i:[A-Z]{{1,3}})-?(?=\d{{6}})"
    # (or in small letters glued to its digits, as speech-to-text writes one: "w391237939")
    rf"|(?!(?i:inc|req|ord|inv|po|sr)\d)(?-i:[a-z]{{1,2}})(?=\d{{6}}))?"
    # (a group of two digits at least after a comma or a hesitation: "12345678, 2 items" is
    # no account's; the dots of a pause go on to any: "9447 ... four")
    # (or a dash between blanks, as speech-to-text writes a pause: "538 - 218")
    r"\d(?:(?:[ \-]|(?:,[ \t]|[ \t][\-\u2013][ \t]|,?[ \t](?:uh|um|er),?[ \t])(?=\d\d)"
    r"|[ \t]?(?:\.\.\.|\u2026)[ \t])?"
    r"\d){5,16}"
    r"(?![\w]|[.\-]\d)"
)
#: An insurance policy's or a plan member's number, which have no public format: six digits
#: or more, in groups or not, perhaps after a prefix in capitals ("HO-4417902", "XGH
#: 123456789"); no date ("2024-07-11"). (Matched case-sensitively: a prefix in lower case
#: would take the word before the number, "is 37562260".)
PLAN_NUMBER_VALUE = (
    # (or in lower case glued to the digits, as speech-to-text writes one: "erj722722821")
    r"(?<![\w.\-])(?!(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))(?:[A-Z]{1,4},?[ \-]?|[a-z]{1,3}(?=\d))?"
    r"\d(?:[ \-]?\d){5,19}(?![\w]|[.\-]\d)"
)
#: A customer's number with a business (a loyalty or a CRM's number): as a plan's, but not
#: a telephone number's shape, which an SMS thread calls the "Customer number: +1 316 813
#: 4471" (the phone detector reads it).
CUSTOMER_NUMBER_VALUE = (
    r"(?<![\w.\-+(])(?!1?[ \-.]?\d{3}[ \-.]\d{3}[ \-.]\d{4}(?!\d))"
    r"(?!(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d))(?:[A-Z]{1,4}[ \-]?)?\d(?:[ \-]?\d){5,19}"
    r"(?![\w]|[.\-]\d)"
)
#: nine digits, spaced out, or in groups (0210-0002-1, 021-000-021, 021.000.021, 021, 000 - 021)
ROUTING_VALUE = (
    r"\b\d(?: ?\d){8}\b|\b\d{4}-\d{4}-\d\b|\b\d{3}-\d{3}-\d{3}\b|\b\d{3}\.\d{3}\.\d{3}\b"
    # (three groups apart by a comma or a dash between blanks: "026, 009 - 593")
    r"|\b\d{3}(?:,[ \t]|[ \t][\-\u2013][ \t])\d{3}(?:,[ \t]|[ \t][\-\u2013][ \t]|[ \t])\d{3}\b"
)

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
EXPIRY_VALUE = (
    # (and as speech-to-text writes "four twenty seven": 427, "4 27")
    rf"\b(?:(?:0?[1-9]|1[0-2])\s?[/\-]\s?(?:20)?\d{{2}}|(?:0[1-9]|1[0-2])(?:20)?\d{{2}}"
    rf"|[1-9](?:20)?\d{{2}}|(?:0?[1-9]|1[0-2])[ ](?:20)?\d{{2}}"
    # (year first: "exp date 2027-08"; and in four digits, as a card processor's record and
    # ISO 8583 write it, where no month comes first: '"cardExpiry": "2512"', December 2025)
    rf"|20\d{{2}}[/\-](?:0[1-9]|1[0-2])(?![/\-.]?\d)"
    rf"|(?:2[4-9]|3\d)(?:0[1-9]|1[0-2])"
    # (a dot between month and year: "exp 11.27"; not an amount, "exp 12.50")
    rf"|(?:0?[1-9]|1[0-2])\.(?:20)?[23]\d(?![.\d])"
    rf"|{MONTH}\s+(?:of\s+)?(?:20)?\d{{2}}"
    # (a month in Spanish: "agosto del 28", "enero de 2031")
    rf"|(?:{SPANISH_MONTHS})\s+(?:del?\s+)?(?:20)?\d{{2}}"
    # ("oh two of two thousand twenty six", as the normaliser writes it: "02 of 2026")
    rf"|(?:0?[1-9]|1[0-2])\s+of\s+(?:20)?\d{{2}}"
    rf"|{MONTH}\s+(?:of\s+)?(?:twenty\s+)?(?:twenty|thirty|forty)"
    rf"(?:[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine))?)\b"
)


def routing_ok(value: str) -> str | None:
    """A reason when `value`'s digits pass the ABA routing checksum, else None."""
    digits = "".join(ch for ch in value if ch.isdigit())
    return "routing checksum ok" if rtn.is_valid(digits) else None


#: Another country's national identity number (`NATIONAL_ID`), digits parted by blanks, dots,
#: dashes or a comma and a blank as they are written or said: France's NIR (15 characters,
#: "2 53 12 91 228 577 37", Corsica's "2A"/"2B" for its department), Brazil's CPF (11 digits,
#: "920.428.224-00"), Canada's SIN and Portugal's NIF (9 digits, "432 183 200").
_ID_GAP = r"(?:[ .\-]|, )?"
NATIONAL_ID_VALUE = (
    rf"(?<![\w.\-$€])(?<![$€] )"
    rf"(?:[12]{_ID_GAP}\d\d{_ID_GAP}\d\d{_ID_GAP}(?:\d\d|2[AB])(?:{_ID_GAP}\d){{8}}"
    rf"|\d(?:{_ID_GAP}\d){{10}}|\d(?:{_ID_GAP}\d){{8}})(?![ .\-]?\d)"
    # (no amount: "123 456 789 dollars", "R$ 920.428.224")
    r"(?![ \t]*(?:dollars|euros|reais|€|\$))"
)
#: Each country's checksum for the lengths its number has, by python-stdnum.
_NATIONAL_CHECKS = (
    (15, "France's NIR", nir.is_valid),
    (11, "Brazil's CPF", cpf.is_valid),
    (9, "Canada's SIN", sin.is_valid),
    (9, "Portugal's NIF", nif.is_valid),
)


def national_id_ok(value: str) -> str | None:
    """A reason when `value` passes the checksum of a national number of its length."""
    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    for size, name, valid in _NATIONAL_CHECKS:
        if len(compact) == size and valid(compact):
            return f"{name} checksum ok"
    return None
