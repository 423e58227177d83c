"""Values that are sensitive because of what was asked or said just before them.

Each entry is data: cue phrases, the value's shape, a window, a score, an optional validator.
"""

from __future__ import annotations

from callshield.core.detection.base import WORD
from callshield.core.detection.spoken_words import DECADE_WORD, NATO, SPANISH_MONTHS, TEENS
from callshield.core.detectors.cued import CuedValueDetector
from callshield.core.detectors.health import MEDICARE_CUES, MEMBER_CUES
from callshield.core.detectors.values import (
    ACCOUNT_VALUE,
    CUSTOMER_NUMBER_VALUE,
    CVV_VALUE,
    EXPIRY_VALUE,
    LAST4_VALUE,
    MONTH,
    NATIONAL_ID_VALUE,
    OTP_VALUE,
    PIN_VALUE,
    PLAN_NUMBER_VALUE,
    POSTCODE_VALUE,
    ROUTING_VALUE,
    UNIT_DESIGNATORS,
    ZIP_VALUE,
    national_id_ok,
    routing_ok,
)
from callshield.core.entities import (
    ABA_ROUTING,
    ACCESS_TOKEN,
    BANK_ACCOUNT,
    CARD_CVV,
    CARD_EXPIRY,
    CARD_LAST4,
    CUSTOMER_NUMBER,
    DATE_OF_BIRTH,
    HEALTH_INSURANCE_ID,
    INSURANCE_POLICY,
    NATIONAL_ID,
    ONE_TIME_CODE,
    PASSWORD,
    PHONE,
    PIN,
    POSTCODE,
    SECURITY_ANSWER,
    STREET_ADDRESS,
    US_DRIVER_LICENSE,
    US_PASSPORT,
    US_SSN,
    US_SSN_LAST4,
    US_ZIP,
)

#: What names a ZIP or a postcode.
_DOB_CUES = (
    "date of birth", "dob", "d.o.b", "birth date", "birthdate", "birthday",
    "date of brith", "date of birht", "birth day", "brithday", "bithday",
    "born on", "born", "was born", "bday", "b-day", "bdate", "birth dt",
    "dt of birth", "birthdt", "year of birth", "birth year",
    # (Spanish, French, German, Portuguese, Italian)
    "fecha de nacimiento", "nací el", "naci el", "geburtsdatum", "geboren am",
    "date de naissance", "né le", "née le", "data de nascimento", "data di nascita",
    "nato il", "nata il",
    # (a French form's "né(e) le", Spanish's and Portuguese's "born on")
    "né(e) le", "ne(e) le", "nacido el", "nacida el", "nascido em", "nascida em",
)  # fmt: skip
_ZIP_CUES = (
    "zip", "zip code", "zipcode", "postal code", "post code", "postcode", "postal",
    # (Spanish, French: "C.P. 43042", "Code postal 36346", "CP 19997"; Brazil's "CEP")
    "c.p.", "cp", "código postal", "codigo postal", "code postal", "cep",
    # (German forms' "PLZ, Ort: 93117 Sömmerda"; not "plz" alone, chat's "please")
    "postleitzahl", "plz, ort", "plz/ort", "plz / ort", "plz und ort",
    # (Swedish, Norwegian, Danish: "Postnummer: 44528")
    "postnummer", "postnr",
    # (a form's five-digit field, "Zip5: 39530"; and a scanned form's label read by OCR, "Z1P:")
    "zip5", "z1p",
)  # fmt: skip

#: A unit of an address: its word and a number or a letter ("unit E", "apartment 5 D", "suite
#: 7A", "number 139"), or a number with perhaps a letter alone ("5D", "12").
_SAID_DIGIT = "zero|one|two|three|four|five|six|seven|eight|nine"
#: (a unit said in words that the normaliser leaves so: "five D", "twenty one", "eleven")
_SAID_UNIT = (
    rf"(?:(?:{'|'.join(TEENS)})\b|{DECADE_WORD}(?:[ \-](?:{_SAID_DIGIT})\b)?"
    rf"|(?:{_SAID_DIGIT})\b(?:[ ](?:{_SAID_DIGIT})\b){{0,3}})"
)
_UNIT_VALUE = (
    r"\b(?P<v>(?:apartment|apt|unit|suite|ste|number|no\.|\#)\s*\#?\s*"
    rf"(?:(?:\d{{1,5}}|{_SAID_UNIT})(?:\s?[a-z])?|[a-z]\d{{0,4}})"
    rf"|\d{{1,5}}(?:\s?[a-z])?|{_SAID_UNIT}[ ][a-z])(?![\w\-/:.,]\d|[\w\-])"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
#: A month and a day after a year, one separator throughout: "/03/07", "-3-7".
_YEAR_FIRST = "|".join(
    rf"{sep}(?:0?[1-9]|1[0-2]){sep}(?:[12]\d|3[01]|0?[1-9])" for sep in ("/", "-", r"\.")
)
#: The months in the languages the cues know besides English (a date of birth written
#: "6 juin 1984", "17 de junio de 1965", "25. März 1955").
_OTHER_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    f"|décembre|decembre|{SPANISH_MONTHS}|januar|februar|märz|maerz|juni|juli|oktober|dezember"
    "|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|dezembro|gennaio"
    "|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_DECADE = DECADE_WORD
#: A day of the month as a cardinal word ("eleven", "twenty eight", "thirty one").
_DAY_WORD = (
    r"(?:twenty(?:[\s\-]+(?:one|two|three|four|five|six|seven|eight|nine))?|thirty(?:[\s\-]+one)?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine)"
)
#: Words before a mask that say it hides another identifier's digits.
NOT_A_MASKED_CARD = frozenset(
    """ref reference order ticket case confirmation conf invoice tracking claim acct account
    routing ssn social ss itin tin phone tel mobile member policy id""".split()
)
#: A card's digits hidden behind an ellipsis after its word, a label's second word perhaps:
#: "Visa …0008", "Card: ...4242", a table's "Card / acct: …8210".
_ELLIPSIS_MASK = r"(?:[ \t]*/[ \t]*[a-z]{2,8})?[ \t]*[:|]?[ \t]*(?:…|\.\.\.?)"
#: A word that names a payment card ("my diners ending 5904", "amex x0005").
_CARD_WORD = (
    r"card|cc|visa|master\s?card|mc|amex|discover|diners(?:\s+club)?|jcb|union\s?pay|maestro"
    r"|debit|credit"
)
DATE_VALUE = (
    # (its weekday before it too, as an e-mail's or a record's date writes one: "Wed, 05 May
    # 1965")
    r"(?:(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?i:day)?\.?,?[ \t]+(?=\d))?"
    # (not where a date and a time with its seconds or AM/PM start, a time stamp: "[6/25/24,
    # 12:36:20 PM] Taylor Newton: ...", "Sep 21, 2025, 5:29 PM"; nor a part of its date)
    r"(?!(?:[A-Za-z]{3,9}\.?[ \t]+)?[\d/\-.]{1,10}(?:,?[ \t]+\d{2,4})?,?[ \t]+\d{1,2}:\d{2}"
    r"(?::\d{2}|[ \t]?[AaPp]\.?[Mm]))"
    rf"\b(?:(?:0?[1-9]|1[0-2])[/\-.](?:[12]\d|3[01]|0?[1-9])[/\-.](?:{_YEAR}|\d{{2}})"
    rf"|(?:[12]\d|3[01]|0?[1-9])\.?\s+(?:de\s+)?(?:{_OTHER_MONTHS})\s+"
    # (two digits after "del": "6 de diciembre del 67", as the normaliser writes it)
    rf"(?:(?:de\s+)?{_YEAR}|del\s+(?:{_YEAR}|\d{{2}}(?!\d)))"
    # day first (17/06/1976, 22-11-1972) and day-month-name-year (22-nov-1972)
    rf"|(?:[12]\d|3[01]|0?[1-9])[/\-.](?:0?[1-9]|1[0-2])[/\-.](?:{_YEAR}|\d{{2}})"
    rf"|(?:[12]\d|3[01]|0?[1-9])[\-/ ]?{MONTH}[\-/ ]?(?:{_YEAR}|\d{{2}}(?!\d))"
    # year first, with any separator and one-digit parts ("1984/03/07", "1984-3-7": the
    # year alone was taken, the month and the day left in clear)
    # (with the time a database stores with it: "ISODate('1982-02-01T00:00:00.000Z')")
    rf"|{_YEAR}(?:{_YEAR_FIRST})(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d{{1,9}})?)?"
    r"(?:Z|[+\-]\d{2}:?\d{2})?(?![\w:.]))?"
    # year first without separators, as forms and exports write it ("DOB:19800101")
    rf"|{_YEAR}(?:0[1-9]|1[0-2])(?:[12]\d|3[01]|0[1-9])"
    # a month by name with a two-digit year too ("march fourteenth, eighty five": march 14, 85)
    # (a decade's word alone, which the normaliser leaves: "december fourteenth sixty")
    rf"|{MONTH}\s+(?:the\s+)?{_DAY},?\s+(?:of\s+)?(?:{_YEAR}|'?\d{{2}}|{_DECADE})"
    rf"|(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH},?\s+(?:{_YEAR}|'?\d{{2}}|{_DECADE})"
    # a month by name, then the day and a two-digit year run together, as the normaliser
    # writes "october fifteen sixty five" ("october 1565") and "april two seventy nine"
    # ("april 279")
    rf"|{MONTH}\s+(?:[12]\d|3[01]|0?[1-9])\d{{2}}(?!\d)"
    # spoken "oh three thirty nineteen eighty five" normalises to 03301985, "twelve fifteen
    # eighty four" to 121584 (a two-digit year only in this compact form after a cue), and
    # "one twelve ninety" to 11290, "six two eighty eight" to 6288 (a month without its "oh")
    # (not a piece of a number in groups: "921 82 7109", an ITIN, is no "9 21 82" and "7 1 09")
    rf"|(?<!\d[ \-])(?:0?[1-9]|1[0-2]) ?(?:0?[1-9]|[12]\d|3[01]) ?(?:{_YEAR}|\d{{2}})(?![ \-]?\d)"
    # (the day first, where it is over 12, and a month of two digits, as Spanish speakers say
    # it: "dos seis cero nueve cincuenta y nueve", 260959; not a ZIP, "24321")
    rf"|(?<!\d[ \-])(?:1[3-9]|2\d|3[01]) ?(?:0[1-9]|1[0-2]) ?(?:{_YEAR}|\d{{2}})(?![ \-]?\d)"
    # a birthday without its year, its month by name ("my birthday is march 7", "dob 7
    # march"): what is said of the date of birth is redacted
    rf"|{MONTH}\s+(?:the\s+)?{_DAY}\b|(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTH}"
    # (its day a cardinal word, which the normaliser leaves alone: "september eleven",
    # "fourteen july", "twenty eight january")
    rf"|{MONTH}\s+(?:the\s+)?{_DAY_WORD}\b|(?:the\s+)?{_DAY_WORD}\s+(?:of\s+)?{MONTH}"
    # (a Chinese or Japanese date, "1964年4月27日", which the engine reads with blanks for
    # its characters: "1964 4 27 ")
    rf"|{_YEAR} (?:0?[1-9]|1[0-2]) (?:[12]\d|3[01]|0?[1-9]) (?!\d)"
    # (the slash where "slash" was said, after the day and the year said as one number or
    # before the year: "one one slash zero two eighty one" is 11/0281, "zero seven two
    # eight slash nineteen seventy five" 0728/1975)
    rf"|(?:0?[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01])(?:{_YEAR}|\d{{2}})(?!\d)"
    rf"|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])/(?:{_YEAR}|\d{{2}})(?!\d)"
    # and its month and day in digits ("dob 3/7", "bday 03/07"), or a two-digit year first
    # ("dob: '84-03-07")
    rf"|(?:0?[1-9]|1[0-2])/(?:[12]\d|3[01]|0?[1-9])(?![/\d])"
    rf"|'?\d{{2}}-(?:0[1-9]|1[0-2])-(?:[12]\d|3[01]|0[1-9]))(?!\d)"
)


#: A password by its shape alone: a letter, and a digit or a sign, no blank, no URL (read
#: where what was done with it names it: "changed it to ...", "I tried ... and it failed").
_PASSWORD_SHAPED = (
    r"(?P<v>(?![^\s]*://)(?=[^\s\"'`]*[A-Za-z])(?=[^\s\"'`]*[\d!@#$%^&*?])"
    r"[^\s\"'`,;<>()]{6,64}?)(?=[.,!?;:]?(?:\s|\Z|[\"'`<)]))"
)


_NOT_ANSWER = (
    "(?:and|but|so|okay|ok|um|uh|is|yeah|yes|right|thats|that's|that|i|you|we|it|for|the|my"
    "|your|please|thanks|thank|correct|now|then|also|too|was|sir|ma'am|maam|if|or|because)"
)


#: Words an answer does not start with: a question ("what was the name of your first pet"),
#: a refusal or a stall ("why do you need that?", "I don't remember"), a form's note
#: ("(required)").
_NOT_FIRST = (
    "(?:what|which|where|who|whom|whose|how|why|when|required|optional|none|unknown|i|you|we"
    "|they|he|she|this|these|those|don't|dont|do|does|not|sorry|pardon|huh|hold|wait|hang"
    "|can|could|should|would|will|is|are|customer|caller|agent|visitor|client|guest|name"
    # (the sounds and stalls an answer's lead reads past: "Oh gosh. the Spartans", "Um, the
    # Wildcats": never the answer itself when the lead could not be read past)
    "|gosh|geez|gee|wow|um|umm|uh|oh|hmm|well|okay|ok|yeah|yes|sure"
    # (the asker's stalls read past: "take your time", "no rush", "one moment", "go ahead";
    # labels without a colon, "cust > oreo")
    "|take|no|one|just|go|mhm|hmm|let|cust|csr|rep"
    # (the question's own words in a note: "sec q (city of birth) ok: Flagstaff")
    "|city)"
)
_ANSWER_LEAD = (
    r"(?:the\s+answer\s+is|answer\s+is|answer\s+given|answer|ans|let\s+me\s+(?:think|see)|hmm+|that'?d\s+be"
    r"|gosh|geez|gee|wow|man|is\s+it|es|est"
    # (what the question asks of the thing: "the make of your first car, the model?")
    r"|the\s+(?:model|make|brand|name)(?=\s*\?)"
    r"|on\s+(?:the|my|your)\s+account|on\s+file|(?:a|an)\s+[a-z]+\s+(?:named|called)"
    r"|that\s+would\s+be|it'?d\s+be|i\s+think|i\s+guess"
    r"|is|was|it's|its|it\s+was|that\s+was|that's|thats|would\s+be|uh|um|oh|well|yeah|yes|so"
    r"|okay|ok|sure|customer|caller|agent|visitor|client|guest|i\s+was\s+born\s+in|born\s+in"
    r"|(?:we|i)\s+lived\s+on|lived\s+on|my"
    r"|mothers?|mother's"
    r"|maiden|name|first|pet|pet's|pets|called|named"
    r"|verified|confirmed|matched|matches|passed|q|car|school|a(?=:)"
    # (the rest of the question, and a laugh: "what elementary school did you attend? um,
    # cedar ridge", "ha, it was a dog named bubba")
    r"|did\s+you\s+(?:attend|go\s+to)|ha|haha|heh)\s*"
)


#: What else expires: a date after "warranty exp", "subscription expires" is no card's.
NOT_A_CARD_EXPIRING = frozenset(
    """warranty subscription trial offer coupon promo promotion membership license licence
    passport medication medicine lot plan policy contract quote link session token
    certificate domain registration insurance voucher deal discount visa permit lease
    prescription""".split()
) | {  # ("That code expired 6/24": a promotion's; not "security code exp 12/26")
    "that code", "this code", "the code", "promo code", "reward code", "rewards code",
    "discount code", "coupon code", "gift code", "voucher code",
}  # fmt: skip


#: What else expires, named after the expiry's cue or before it on its line (a travel visa
#: is no object here: "Visa" before "exp" is the card's brand).
NOT_A_CARD_EXPIRING_OBJECTS = (NOT_A_CARD_EXPIRING - {"visa"}) | frozenset(
    """coupon dl licencia pasaporte passeport certificate cert password""".split()
)
#: The words of a payment card: one nearer the cue than another thing's keeps the expiry.
CARD_WORDS = frozenset(
    """card cards cc credit debit visa mastercard amex discover jcb maestro pan cvv cvc
    tarjeta carte""".split()
)


#: Codes that are no one-time code: a word before "code is" that says which ("zip code is").
NOT_ONE_TIME_CODES = frozenset(
    """zip postal post area country promo promotion discount coupon gift voucher tracking
    confirmation reference order access dial sort swift branch source error status product
    item tax bar qr sku dress authorization authorisation approval""".split()
)


#: The states (and DC) by their postal codes and their names.
_STATE_WORDS = """al ak az ar ca co ct de dc fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt
    ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy alabama alaska arizona
    arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
    indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
    mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee
    texas utah vermont virginia washington wisconsin wyoming""".split()
#: The postal codes alone, as written: in capitals.
_STATE_CODES = "|".join(word.upper() for word in _STATE_WORDS if len(word) == 2)
_STATES = "|".join(_STATE_WORDS) + (
    r"|new\s+(?:hampshire|jersey|mexico|york)|(?:north|south)\s+(?:carolina|dakota)"
    r"|rhode\s+island|west\s+virginia"
)


#: A driver's licence number: letters and digits, in groups or not.
# (a letter and digit groups first: "D1234 5678" was cut at its space)
# (the last group may be one digit: "F255-921-50-094-0" had its 0 left in clear)
_DL_VALUE = (
    r"\b(?:[A-Z]{1,2}\d{2,}(?:[ \-]\d{2,}){0,3}[ \-]\d+"
    r"|(?=[A-Z0-9*\-]*\d)[A-Z0-9][A-Z0-9*\-]{4,19}"
    # (a letter or two before the digits, as the spoken-form reading writes "R R six four ...":
    # two only in capitals, no word's, "is 643520", and no state's, "lic TX 12345678")
    # (and a comma after them, a pause the reading keeps: "R as in robert, R as in robert,
    # six four ..." is "RR, 643520", "G as in girl, oh one three ..." "G, 013 552")
    rf"|(?:(?-i:(?!(?:{_STATE_CODES})\b)[A-Z]{{2}}),? |(?-i:[A-Z]),? |[A-Z] )?"
    r"\d(?:[ \-]?\d){4,17})\b"
)


#: One character of a code said aloud: a letter or a digit (as spoken, written, spelled in
#: the radio alphabet or run together by the spoken-form normaliser: "QK", "62"), or a dash.
_CODE_CHARACTER = (
    r"(?:[A-Za-z0-9]|[A-Z0-9]{2,8}|-"
    rf"|(?i:{'|'.join(sorted(NATO | {'x-ray', 'xray'}, key=len, reverse=True))}"
    r"|zero|oh|one|two|three|four|five|six|seven|eight|nine|hyphen|dash))"
)
#: A code said a character at a time, six of them or more (pauses, "...", between them).
#: Or written in groups, as a setup letter prints it: "3PV7-TQ99-QFWE-LHZ8" (a digit and a
#: letter in it: no hyphenated word).
_SPELLED_CODE = (
    rf"(?<![\w\-'])(?P<v>{_CODE_CHARACTER}(?:(?:[ \t]+|[ \t]*(?:\.\.\.|\u2026)[ \t]*)"
    rf"{_CODE_CHARACTER}){{5,40}}"
    r"|(?=[\w\-]*\d)(?=[\w\-]*[A-Za-z])[A-Za-z0-9]{4,8}(?:-[A-Za-z0-9]{4,8}){2,5})(?![\w\-'])"
)


def contextual_detectors() -> tuple[CuedValueDetector, ...]:
    """The built-in context-driven detectors (en-US)."""
    return (
        CuedValueDetector(
            "pin", PIN,
            (
                "pin", "pin number", "pin code", "passcode", "pass code", "atm pin", "pin is",
                "pin on the card", "pin for the card", "card pin",
                # a telephone-banking code: "what's your telephone banking access code"
                "access code", "phone access code", "telephone access code",
                # (Mexico's Spanish: a card's PIN is its "NIP", "mi nip es 4474")
                "mi nip", "su nip", "el nip", "tu nip", "nip es", "número nip", "numero nip",
            ),
            # (six words between: "what's the account pin you set up with us" / "5012")
            PIN_VALUE, score=0.9, window=40, max_gap_words=6,
        ),
        # The codes a bank or a retailer texts or e-mails to the customer to prove who they
        # are: an agent (or a fraudster posing as one) who hears one can take over the account
        CuedValueDetector(
            "one_time_code", ONE_TIME_CODE,
            (
                "one time code", "one-time code", "one time passcode", "one-time passcode",
                "one time password", "one-time password", "one time pin", "one-time pin", "otp",
                "verification code", "authentication code", "auth code", "2fa code", "mfa code",
                "totp", "totp code", "token code",
                "two factor code", "two-factor code", "sms code", "text code", "login code",
                "sign in code", "sign-in code", "code we sent", "code we just sent",
                "code we texted", "code we just texted", "code we emailed", "code we e-mailed",
                "code i got", "code i just got", "code i received", "code you received",
                "code you got", "code you just got", "passcode we sent", "code in the text",
                "got the code", "the code is", "the code was", "read me the code",
                "code they sent", "code they just sent", "code they texted",
                "code they just texted", "code they emailed", "code you sent", "code you texted",
                "code you just sent", "code you just texted", "code that was sent",
                "sent me a code", "texted me a code", "code in the email",
                # what the text message says, and how callers and agents name it
                "code is", "code:", "code =", "your code", "sent a code", "sent you a code",
                "six digit code", "6 digit code", "6-digit code", "six-digit code",
                "code to your phone", "code i sent", "code i just sent", "code from the text",
                "the text says", "text it says", "otp is", "got the text, it says",
                "got the text it says", "the text said",
                # ("did you get a text with a code today" / "uh yeah it said nine oh six ...")
                "text with a code", "text with the code", "code by text",
                # an agent's note of it: "called back, gave code 377478, verified"
                "gave code", "gave the code", "gave me the code", "gave us the code",
                "provided code", "provided the code", "read back the code",
                # the text the agent said was coming: "okay it came through\n... 188986"
                "it came through", "text came through", "code came through",
                "read it to me when it comes in", "read it to me when it comes",
                "read it to me when you get it",
                # an authenticator app's code: "i pushed a code to your authenticator app"
                "authenticator app", "authenticator", "pushed a code",
                # a customer's own words, and Spanish's and French's
                "got code", "got the code", "texted me", "it texted me", "el código",
                "el codigo", "código que me llegó", "codigo que me llego", "le code",
                "code reçu", "code recu", "código de verificación", "codigo de verificacion",
                "código de verificação", "codigo de verificacao",
                # a reset's code, and a record's field for the code sent ('"otpSent": "...')
                "reset code", "otpsent", "otp sent", "otp_sent", "otp code", "otp_code",
                # an authentication log's line: "mfa.verify code=104400 status=valid"
                "mfa", "2fa", "verify code",
                # a verification record's field, what the customer typed or read back ("SMS
                # Auth: ... Code entered: 847871", "OTP sent ... -> customer read back 839030")
                "code entered", "entered code", "code submitted", "code provided",
                "customer read back", "caller read back", "cx read back", "member read back",
            ),
            OTP_VALUE, score=0.9, window=48, max_gap_words=6, not_after=NOT_ONE_TIME_CODES,
            # ("what's the code we sent? and your phone?": the phone's answer, no code's)
            kept_blockers=frozenset({"phone"}),
        ),
        # a code read off the phone's screen, after the agent sent or asked for one ("I've
        # sent a code to the email on file" / ... / "it says six four one two seven eight"):
        # six digits, where a code was spoken of before
        CuedValueDetector(
            "one_time_code_read", ONE_TIME_CODE, ("it says", "it said"),
            r"(?:[ \t,.]+(?:uh|um|er|hmm|like)\b)*[ \t,:]*"
            # (its halves apart after a pause: "one nine seven ... eight nine three")
            r"(?P<v>(?<![\d$.,])\b(?:\d{6}|\d{3}(?:[ \-]|[ \t]*\.\.\.[ \t]*)\d{3}|\d(?: \d){5})\b"
            r"(?![ \-.,]?\d|%|[ \t]*dollars))",
            score=0.85, window=24, max_gap_words=0, anchored=True,
            context_before=(
                r"\b(?:(?<!zip )(?<!postal )code|passcode|otp|texted|text\s+message"
                r"|sent\s+(?:you|it)|verification|one[\s-]time"
                # (or a login the caller is locked out of: the code is the way back in)
                r"|locked\s+out|log\s?in|sign\s?in)\b"
            ),
        ),
        # a password named by what was done with it, where a password or a login is spoken
        # of before: "I reset it to Blue!Sky7 but still can't log in", "tried Maple!028 and it
        # doesnt work", "also my old one was Sunflower$6907": a password's shape only (a
        # letter, and a digit or a symbol; no blank)
        CuedValueDetector(
            "password_changed_to", PASSWORD,
            (
                "changed it to", "reset it to", "set it to", "updated it to", "old one was",
                "new one is", "old one is", "new one was", "tried it", "i tried",
            ),
            rf"[ \t]*{_PASSWORD_SHAPED}",
            score=0.8, window=72, max_gap_words=0, anchored=True,
            context_before=(
                r"\b(?:password|passwd|pwd|passcode|log[\s-]?in|sign[\s-]?in|locked)\b"
            ),
        ),
        # what a customer tried where the login failed, the failure said after it and no
        # password or login before: "I tried Pickle14 and it failed", "tried %dragon9396 and
        # it doesnt work" (not a version: "I tried v2.3.1 and it doesn't work")
        CuedValueDetector(
            "password_tried", PASSWORD, ("tried",),
            rf"[ \t]*(?:my[ \t]+)?[\"'`“]?(?!v?\d+(?:\.\d+)+\b){_PASSWORD_SHAPED}"
            r"(?=[\"'`”]?[.,]?[ \t]+and[ \t]+it[ \t]+(?:just[ \t]+)?"
            r"(?:doesn'?t[ \t]+work|didn'?t[ \t]+work|does[ \t]+not[ \t]+work|won'?t[ \t]+work"
            r"|failed|fails|says[ \t]+(?:invalid|incorrect|wrong)"
            r"|(?:was|is)[ \t]+(?:rejected|invalid)"
            r"|won'?t[ \t]+(?:take|accept)[ \t]+it|(?:got|is)[ \t]+locked))",
            score=0.8, window=72, max_gap_words=0, anchored=True,
        ),
        CuedValueDetector(
            "card_cvv", CARD_CVV,
            (
                "cvv", "cvv2", "cvc", "cvc2", "csc", "cid", "security code", "card verification",
                # (typed in a hurry)
                "secuirty code", "securty code", "secutiry code", "sercurity code",
                "card verification code", "three digits on the back", "3 digits on the back",
                "digits on the back", "code on the back", "three digit code", "3 digit code",
                "back of the card", "four digits on the front", "4 digits on the front",
                "the code is", "card code", "sec code", "sec. code", "code on front",
                "code on the front", "number on the back", "digit number on the back",
                "3 digits", "three digits",
                # in the languages a US contact center's customers also write in (Spanish,
                # French, German, Portuguese, Italian)
                "código de seguridad", "codigo de seguridad", "código de verificación",
                "codigo de verificacion", "prüfnummer", "pruefnummer", "kartenprüfnummer",
                "sicherheitscode", "cryptogramme", "code de sécurité", "code de securite",
                "código de segurança", "codigo de seguranca", "codice di sicurezza", "código",
                "codigo",
            ),
            CVV_VALUE, score=0.9, window=40, max_gap_words=6, and_another=True,
            # ("the model number on the back is x r nine zero two three": no card's)
            not_after=frozenset({"model", "serial", "part", "product", "item", "tracking"}),
        ),
        CuedValueDetector(
            "card_expiry", CARD_EXPIRY,
            (
                "exp", "expiry", "expires", "expiration", "expiration date", "expiry date",
                "expiraton", "expiraton date", "experation", "experation date", "expiery",
                "valid thru", "valid through", "good thru", "good through", "exp date",
                "expiring", "expire", "expired",
                # (Spanish, French, German, Portuguese, Italian)
                "vence", "vencimiento", "fecha de vencimiento", "caduca", "caducidad",
                "fecha de caducidad", "ablaufdatum", "gültig bis", "gueltig bis",
                "date d'expiration", "expire le", "validade", "vencimento", "scadenza",
                "data di scadenza",
            ),
            EXPIRY_VALUE, score=0.9, window=40, max_gap_words=5, crosses_sentences=False,
            not_after=NOT_A_CARD_EXPIRING,
            # ("the expiration on the passport", "Passport no. A665..., issued Jan 27, expires
            # 09/2029", "That code expired 6/24": another document's date)
            about_other=NOT_A_CARD_EXPIRING_OBJECTS, about_kept=CARD_WORDS, not_in_time=True,
        ),
        # an expiry kept in two fields, as payment records and forms keep it: "exp_month":
        # "09", "exp_year": "2027" (each part is the expiry's)
        CuedValueDetector(
            "card_expiry_parts", CARD_EXPIRY,
            (
                "exp month", "exp year", "expiry month", "expiry year", "expiration month",
                "expiration year", "exp mm", "exp yy", "exp yyyy", "card exp month",
                "card exp year",
            ),
            r"(?<![\d/.\-])(?:0?[1-9]|1[0-2]|(?:20)?\d{2})(?![\d/.\-])",
            score=0.85, window=16, max_gap_words=0,
        ),
        CuedValueDetector(
            "date_of_birth", DATE_OF_BIRTH, _DOB_CUES, DATE_VALUE, score=0.9, window=64,
            max_gap_words=8, and_another=True, date_shape_gap=14, read_back=True,
        ),
        # a date of birth kept as a record's parts: '"date_of_birth": {"year": "1944",
        # "month": "3", "day": "8"}', '"birthDate": {\n "year": 1995, ...' (the same trigger)
        CuedValueDetector(
            "date_of_birth_parts", DATE_OF_BIRTH, _DOB_CUES,
            r"[\"'\s:=]{0,8}(?P<v>\{\s*(?:\"(?:year|month|day)\"\s*:\s*\"?\d{1,4}\"?\s*,?\s*){3}\})",
            score=0.9, window=96, max_gap_words=0, anchored=True,
        ),
        # (Chinese, Japanese and Korean cues, in a trigger of their own: the cues above are
        # literals read across runs of blanks, which these characters are not)
        CuedValueDetector(
            "date_of_birth_cjk", DATE_OF_BIRTH,
            ("出生日期", "生日", "生年月日", "생년월일", "생일"),
            DATE_VALUE, score=0.9, window=64, max_gap_words=8,
        ),
        CuedValueDetector(
            "date_of_birth_trailing", DATE_OF_BIRTH, (),
            cue_pattern=(
                r"(?:(?:is|was)\s+(?:my|his|her|the)|is\s+the\s+one\s+you\s+want\s+for"
                r"(?:\s+(?:my|the))?|that's\s+(?:my|his|her|the))"
                r"\s+(?:birthday|date\s+of\s+birth|dob|birth\s+date)"
            ),
            value=DATE_VALUE, score=0.85, window=40, max_gap_words=1, value_before=True,
        ),
        CuedValueDetector(
            "us_driver_license", US_DRIVER_LICENSE,
            (
                "driver's license", "drivers license", "driver license", "driver licence",
                "driving licence", "driving license", "dl number", "dl", "license number",
                "licence number", "driver's license number", "license no", "my license",
                "driver's lic", "drivers lic", "driver lic", "dl no",
                "my licence", "license is", "licence is", "license #", "dl#", "lic", "lic #",
                "lic no", "dln", "d l number", "d l",
                # (a police report's operator's licence number: "OLN: Q9302122")
                "oln", "oln #", "operator license", "operator's license",
            ),
            _DL_VALUE,
            score=0.85, window=40, max_gap_words=5,
        ),
        # a state's code or name before "license": "WA license WHITFDM123AB", "texas drivers
        # license 12345678" (triggered by "license" alone: the states' alternation as a trigger
        # cost the multi-pattern stage 15% of its speed)
        CuedValueDetector(
            "us_driver_license_state", US_DRIVER_LICENSE, (),
            cue_pattern=rf"(?:{_STATES})\s+(?:driver'?s?\s+|driving\s+)?licen[cs]e",
            trigger_phrases=("license", "licence"),
            value=_DL_VALUE, score=0.85, window=40, max_gap_words=3,
        ),
        CuedValueDetector(
            "us_passport", US_PASSPORT,
            (
                "passport", "passport number", "passportnumber", "passport no", "travel document",
                "pp#", "pp no", "ppt", "ppt no",
                # (Spanish, French, Italian, Portuguese, German)
                "pasaporte", "número de pasaporte", "numero de pasaporte", "passeport",
                "numéro de passeport", "numero de passeport", "passaporto",
                "numero di passaporto", "passaporte", "número do passaporte", "reisepass",
                "reisepassnummer", "passnummer",
            ),
            # (or another country's: capitals and a digit at least, nine or eight in all,
            # "YV6054665", "34IU36538", "C01X00T47", the Netherlands' "HTHZC9MXT")
            r"(?<![A-Za-z0-9])(?:[A-Z] ?\d(?: ?\d){7}|\d(?: ?\d){8}"
            r"|(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z0-9]{8,9}(?![A-Za-z0-9]))(?!\d)",
            score=0.85, window=40,
            max_gap_words=6,
        ),
        CuedValueDetector(
            "bank_account", BANK_ACCOUNT,
            (
                "account number", "account numbers", "account no", "account #", "acct",
                # (an OFX statement's <ACCTID>)
                "acctid", "acct id",
                "acount number", "accout number", "accont number", "acount #", "acount no",
                # on a direct-deposit form
                "deposit account number", "deposit account",
                "acct number", "checking account", "savings account", "checking", "savings",
                # an IVR's prompt before the digits keyed in: "prompt.play id=ENTER_ACCOUNT"
                "enter account", "enter acct",
                "bank account", "banking account", "account ending in", "account is", "to account",
                "into account", "a/c", "acc no", "acc #", "acc",
                # a loan's or a mortgage's account ("my loan number is six four six ...")
                "loan number", "loan no", "loan #", "loan account", "loan account number",
                "mortgage number", "mortgage account", "mortgage account number",
                # (with no blank before "#", as a servicer's screen writes it: "LOAN# 1941...")
                "loan#", "acct#", "account#",
                # a demand deposit account, as a bank's systems name a checking account
                # ('"dda": "6588500914"'), and the account a payment is funded from
                "dda", "dda account", "dda #", "funding account",
                # (Spanish, French, German, Portuguese, Italian)
                "número de cuenta", "numero de cuenta", "kontonummer", "numéro de compte",
                "numero de compte", "número da conta", "numero da conta", "numero di conto",
                "conto corrente",
                # (the account alone, as a Spanish or a Portuguese message names it: "ya
                # pagué, cuenta 69991097885")
                "cuenta", "mi cuenta", "conta", "minha conta",
            ),
            ACCOUNT_VALUE,
            score=0.85, window=40, max_gap_words=5, and_another=True,
        ),
        # an insurance policy's number, which callers give to identify themselves as they
        # give an account's: "what's your policy number" / "alright it's 3849 7749 353",
        # "policy # 386560178", "policy_no: 6773 1344 036"
        CuedValueDetector(
            "insurance_policy", INSURANCE_POLICY,
            (
                "policy number", "policy no", "policy no.", "policy #", "policy id",
                "policy num", "policy nbr", "insurance policy", "policy number from",
                "policy number from your card", "policy number on your card",
                "policy number on the card",
                # (Spanish, French)
                "número de póliza", "numero de poliza", "póliza", "poliza",
                "numéro de police", "numero de police", "police d'assurance",
            ),
            PLAN_NUMBER_VALUE, score=0.85, window=40, max_gap_words=6, flags=0,
        ),
        # "policy" alone, as a claim's note writes it ("Filing a claim: ..., policy
        # 13650541"): the number right after it, and no other policy's ("waived per policy
        # (waiver 2021-49)", "the deductible on that policy is 1,022.78")
        CuedValueDetector(
            "insurance_policy_bare", INSURANCE_POLICY, ("policy",),
            PLAN_NUMBER_VALUE, score=0.75, window=24, max_gap_words=1, flags=0,
            not_after=frozenset(
                {"per", "that", "this", "the", "our", "privacy", "refund", "return", "returns",
                 "cancellation", "company", "store", "bank's", "company's"}
            ),
        ),
        # a customer's number with a business, which identifies them as well as a name: a
        # loyalty, rewards or frequent-flyer number ("can i get your rewards number" / "it's
        # 238088541"), a CRM's customer ID ("customer_id" over 640625)
        CuedValueDetector(
            "customer_number", CUSTOMER_NUMBER,
            (
                "rewards number", "rewards #", "rewards no", "rewards id", "rewards account",
                "reward number", "loyalty number", "loyalty #", "loyalty no", "loyalty id",
                "loyalty card number", "loyalty account", "frequent flyer number",
                "frequent flier number", "frequent flyer #", "frequent flyer no",
                "frequent flyer id", "mileage number", "customer number", "customer id",
                # (a loyalty record's keys and programmes: "loyalty: { program: 'TrueBlue',
                # number: 'XN598960' }", '<CustLoyalty MembershipID="866319699"/>')
                "loyalty", "membershipid", "membership id", "membership number",
                "membership #", "mileageplus", "aadvantage", "skymiles", "trueblue",
                "customer #", "customer no", "cust id", "cust no", "cust #", "client id",
                # (a config's or an export's key: "customer_key = 912855474")
                "customer key", "client key", "cust key",
                "client number", "cliente número", "número de cliente", "numero de cliente",
                "numéro de client", "numero de client", "kundennummer",
                # (a shipping label's "REF2: CUST# 5495...", French's and Italian's own words)
                "cust#", "customer#", "numéro client", "numero client", "n° client",
                "codice cliente", "codice del cliente", "numero cliente", "número cliente",
                # (Dutch's, and a German contract's: "Mijn klantnummer is 810874978", "für den
                # Vertrag 3583953162")
                "klantnummer", "vertrag", "vertragsnummer", "kundennr",
                # (a customer's record in an API's path: "GET /v1/customers/177870938/profile")
                "customers/", "customer/", "clients/",
                # (a patient's number with a provider: a medical record number, a DICOM
                # dump's PatientID)
                "mrn", "medical record number", "medical record #", "med rec #",
                "patient id", "patient number", "chart number",
            ),
            CUSTOMER_NUMBER_VALUE, score=0.8, window=40, max_gap_words=6, flags=0,
        ),
        # a health plan's member ID said in a call ("and your member id" / "so it's six zero
        # five nine ..."), where the answer comes after a turn's label and a few words: the
        # health detector reads the value that follows its cue in the same sentence (the same
        # cues, so the same trigger: the multi-pattern stage scans for them once)
        CuedValueDetector(
            "health_member_id", HEALTH_INSURANCE_ID, MEDICARE_CUES + MEMBER_CUES,
            PLAN_NUMBER_VALUE, score=0.8, window=40, max_gap_words=6, flags=0,
        ),
        # an account's backup or recovery code, read out letter by letter, in the radio
        # alphabet, with digits and dashes: "do you have one of your recovery codes" /
        # "okay charlie e delta bravo hyphen k charlie j q", or read from its letter in
        # groups (the written ones right after their cue: secrets.py)
        CuedValueDetector(
            "recovery_code", ACCESS_TOKEN,
            (
                "backup code", "backup codes", "recovery code", "recovery codes",
                # (a business account's: "can you read me the admin recovery key")
                "recovery key", "recovery keys", "admin recovery key", "backup key",
                "restore key", "restore code", "backup codes you saved", "recovery codes you saved",
                "one of your backup codes", "one of your recovery codes", "códigos de respaldo",
                "código de respaldo", "code de secours", "codes de secours",
            ),
            _SPELLED_CODE, score=0.85, window=48, max_gap_words=6, flags=0,
        ),
        # "account" alone (a column header, "the account 12345678"): weaker, so a card number
        # after "credit card account" stays a card
        CuedValueDetector(
            "bank_account_bare", BANK_ACCOUNT, ("account",),
            ACCOUNT_VALUE,
            score=0.6, window=24, max_gap_words=2,
            not_after=frozenset({"on the", "on my", "on your", "on this", "on that"}),
        ),
        CuedValueDetector(
            "aba_routing_cued", ABA_ROUTING,
            (
                "routing number", "routing", "aba", "transit number", "rtg", "rtn", "rout no",
                "rouing", "rouing #", "routng", "routing numer",
                "rout. no", "rt#", "rt #", "rt no",
                # (Spanish: "el número de ruta del banco es ...")
                "número de ruta", "numero de ruta", "número de ruta del banco",
                "numero de ruta del banco", "ruta bancaria",
                # (ACORD's EFT block: "<BankInfo><BankId>053000196</BankId>"; the checksum
                # says which bank IDs are routing numbers)
                "bankid", "bank id",
            ),
            ROUTING_VALUE, score=0.95, window=40, validator=routing_ok,
        ),
        # another country's national number after its own name, as callers from Canada,
        # Brazil, France and Portugal give it: "your SIN, le numéro d'assurance sociale?" /
        # "432 183 200", "Meu CPF é 920.428.224-00", "N° de sécurité sociale 2 53 12 91 228
        # 577 37", "NIF: 918989713" (a checksum that fails keeps it, by its cue, lower)
        CuedValueDetector(
            "national_id", NATIONAL_ID,
            (
                "social insurance number", "sin number", "your sin", "my sin", "sin #",
                "numéro d'assurance sociale", "numero d'assurance sociale", "assurance sociale",
                "cpf", "numéro de sécurité sociale", "numero de securite sociale",
                "sécurité sociale", "securite sociale", "nir", "nif",
                "número de contribuinte", "numero de contribuinte", "contribuinte",
            ),
            NATIONAL_ID_VALUE, score=0.9, window=48, validator=national_id_ok,
        ),
        # a WhatsApp link's number, in international form without its "+": "wa.me/13125550138"
        CuedValueDetector(
            "whatsapp_link", PHONE, (), cue_pattern=r"wa\.me/", value=r"\d{8,15}(?![\d\w])",
            score=0.9, window=16, max_gap_words=0, anchored=True,
        ),
        CuedValueDetector(
            "us_zip", US_ZIP, _ZIP_CUES, ZIP_VALUE, score=0.85, window=32, max_gap_words=4,
        ),
        # another country's postcode after the same cues (their one trigger, shared): "postcode
        # DH6 7NZ", "Et le code postal?\nClient: R7K 7T2.", "CEP: 39884-619" (over a ZIP read
        # in its first five digits: its score is higher)
        CuedValueDetector(
            "postcode", POSTCODE, _ZIP_CUES, POSTCODE_VALUE, score=0.86, window=32,
            max_gap_words=4,
        ),
        # a postcode of digits of another length right after its cue, as most countries write
        # theirs: four (Australia's '"postal_code": "2657"', Denmark's, Switzerland's), eight
        # (Brazil's CEP without its dash, "CEP: 74816944"), Poland's "71-796"; below a ZIP's
        # score, which reads five
        CuedValueDetector(
            "postcode_digits", POSTCODE, _ZIP_CUES,
            # (a field's value, on the cue's line: no answer to a question on the next)
            r"[\"']?[ \t]*(?:[:=#][ \t]*)?[\"']?(?P<v>(?<![\w\-])(?:\d{4}|\d{8}|\d{2}-\d{3})"
            r"(?![\w\-]|[ \t]\d|[.,]\d))",
            score=0.8, window=16, max_gap_words=0, anchored=True,
        ),
        # an agent's note's shorthand: "; z 37266", "ID'd via z 80224", "dl# G35057930 + z 43698"
        CuedValueDetector(
            "us_zip_noted", US_ZIP, (),
            cue_pattern=r"(?:(?<=[;,+/|(\n])|(?<=[;,+/|(\n][ \t])|(?<=\bvia[ \t]))z",
            # (the trigger ends after the "z": a single letter's own trigger cost the whole
            # multi-pattern stage 15% of its speed)
            trigger_pattern=r"(?:[;,+/|(][ \t]?|\bvia[ \t])z",
            value=r"[ \t:#]*(?P<v>\d{5}(?:-\d{4})?)(?![\d\-])",
            score=0.8, window=12, max_gap_words=0, anchored=True,
        ),
        # the unit of an address asked for on its own, after the street ("Any apartment or
        # unit number?" / "Yeah, unit E.", "apartment five D", "number one hundred thirty
        # nine"): the unit's word is required before a letter alone
        CuedValueDetector(
            "street_unit", STREET_ADDRESS,
            (
                "apartment or unit number", "apartment or unit", "apt or unit", "unit or apt",
                "unit or apartment", "apartment or suite", "suite or apartment",
                "apartment number", "apt number", "unit number", "suite number",
            ),
            _UNIT_VALUE, score=0.8, window=40, max_gap_words=4,
        ),
        # an address's second line, a field of its own: "Address line 2: Suite 1410",
        # '"line2": "Apt 24"', '"address2": "#706"' (a unit's word or "#" before its number)
        CuedValueDetector(
            "street_line_two", STREET_ADDRESS,
            (
                "address line 2", "address line two", "address 2", "address2", "addr2",
                "addr line 2", "line2", "street2", "street line 2", "addressline2",
            ),
            rf"[\"']?[ \t]*[:=][ \t]*[\"']?(?P<v>(?:{UNIT_DESIGNATORS})\.?[ \t]*\#?[ \t]*"
            r"[a-z0-9][a-z0-9\-]{0,7})(?![\w\-])",
            score=0.8, window=24, max_gap_words=0, anchored=True,
        ),
        CuedValueDetector(
            "us_ssn_last4", US_SSN_LAST4, (),
            cue_pattern=(
                r"last\s+(?:four|4)(?:\s+digits)?\s+of\s+(?:my|your|the|his|her)?\s*"
                r"(?:social(?:\s+security(?:\s+number)?)?|ssn|ss)"
                # "SSN ending in 1120", "my social ends with 1120"
                r"|(?:social(?:\s+security)?|ssn)(?:\s+number)?\s+(?:ending|ends)(?:\s+(?:in|with))?"
                # (a letter's words between: "Social Security number as ending in 7477",
                # "Social Security number (which we confirm ends in 6481)")
                r"|(?:social\s+security|ssn)(?:\s+number)?[\s(]+(?:[a-z]+\s+){1,4}"
                r"(?:ending|ends)(?:\s+(?:in|with))?"
                # a masked SSN whose last four are left: "SSN: XXX-XX-1120"
                r"|xxx[\s\-]xx[\s\-]"
                # labels: "SSN (last 4): 1120", "ssn last four 1120", "last 4 ssn: 1120"
                r"|(?:ssn|social)\s*\(?last\s*(?:4|four)\)?|last\s*(?:4|four)\s+(?:ssn|social|ss)"
                # "SSN L4: 5521", "L4SSN 3321", masked with stars: "ssn ***-**-6789"
                r"|(?:ssn|social)\s*l4|l4\s*(?:ssn|social|ss)"
                # "ss# ending 1872"
                r"|ss\s?#\s*(?:ending|ends)(?:\s+(?:in|with))?"
                r"|(?:ssn|social)[\s:#]*\*{3}[\s\-]?\*{2}[\s\-]?"
                # (an SSN's mask alone, its shape says whose: "SSN on file: ***-**-8979",
                # "&lt;***-**-0603&gt;", "•••-••-0750" (bullets as an alternation: the database
                # reads bytes), after the word before it (a cue opens on a word's start)
                r"|\w+[ \t:;,|(>]{0,3}(?:\*{3}-\*{2}-|(?:•|●){3}-(?:•|●){2}-|#{3}-#{2}-)"
                # an agent's shorthand: "ssn4 1120", "ss4: 1120", "ssn 4 1120", a column's "SSN-4"
                # (not "ss" then a blank: two letters found in every "address", "business")
                r"|ssn[\s\-]?4\b|ss4\b"
                # ("v'd w/ dob 10/09/56 + l4s 9960": the last four of the social)
                r"|l4ss?\b"
                # (in Spanish: "los últimos cuatro del seguro social", from "cuatro": the
                # multi-pattern database reads bytes, where no word boundary stands before
                # "ú"; and an accented letter as an alternation, not a class of its bytes)
                r"|(?:cuatro|4)(?:\s+d(?:i|í)gitos)?\s+(?:del|de\s+su|de\s+mi)\s+"
                r"(?:n(?:u|ú)mero\s+de\s+)?seguro\s+social"
            ),
            value=LAST4_VALUE, score=0.9, window=40, max_gap_words=6,
        ),
        # a card's last four, said to identify it: "card ending in 4242", "Visa ending 1881",
        # "L4 card 5904", "cardLast4": "9424"
        CuedValueDetector(
            "card_last4", CARD_LAST4, (),
            cue_pattern=(
                # ("the card we have on file ends in 0000", "the visa you have ends with",
                # a terse transcript's "Which card? Ending 5904.")
                # ("card number ending in 1111", a gateway's "card_number ending 1111")
                rf"(?:{_CARD_WORD})(?:\s+card)?(?:[\s_]+(?:number|no\.?|#))?\??"
                r"(?:\s+(?:we|you|i)(?:'ve|\s+have))?"
                # ("Old card on the account ended 0505, please remove it")
                r"(?:\s+on\s+(?:file|the\s+account))?(?:\s+(?:uh|um))?\s+"
                r"(?:that\s+|which\s+)?(?:ending|ends|ended|end)(?:\s+(?:in|with|w))?"
                r"|last\s+(?:four|4)(?:\s+digits)?\s+(?:of|on)\s+(?:my|your|the|his|her)?\s*"
                r"(?:credit\s+|debit\s+)?card"
                r"|(?:l4|last\s?4|last\s+four)\s+(?:of\s+)?(?:the\s+)?(?:card|cc)"
                # "Card L4 5904", a form's "Card (last 4): 9424"
                r"|(?:card|cc)\s*\(?(?:l4|last\s?4|last\s+four)\)?"
                # a CRM's field: "Card on File\n1117"; a table's "| Card | ending 1117 |"
                r"|(?:card|cc)\s+on\s+file|card\s*[|:]\s*ending(?:\s+(?:in|with))?"
                # a record's "card_suffix": "0002" (its underscore read as a blank), a payment
                # notification's "cardSummary": "1117" (its camel case spelled out)
                r"|card\s+suffix|card\s+summary"
            ),
            value=LAST4_VALUE, score=0.85, window=24, max_gap_words=3,
        ),
        # a bank account's (or a member ID's) last four, said to identify it: "my checking
        # ending in 8419", "sent to the account ending 7663", "the same member id ending 2554"
        CuedValueDetector(
            "account_last4", BANK_ACCOUNT, (),
            cue_pattern=(
                r"(?:checking|savings|account|acct|member\s+id)(?:\s+(?:number|no|#))?\s+"
                r"(?:that\s+)?(?:ending|ends|end)(?:\s+(?:in|with|w))?"
            ),
            value=LAST4_VALUE, score=0.8, window=24, max_gap_words=2,
        ),
        # a phone number's last four, read to check it: "I have a number ending in zero one
        # nine six, does that look right?" (a card's, an account's number is theirs)
        CuedValueDetector(
            "phone_last4", PHONE, (),
            cue_pattern=(
                r"(?:phone|cell|mobile|number)(?:\s+(?:on\s+file|we\s+have))?\s+"
                r"(?:that\s+)?(?:ending|ends)(?:\s+(?:in|with))?"
            ),
            not_after=NOT_A_MASKED_CARD | frozenset(
                "card visa mastercard amex discover debit credit checking savings".split()
            ),
            value=LAST4_VALUE, score=0.75, window=24, max_gap_words=1,
        ),
        # a phone number's area code said alone, its first piece: "well area code six five
        # one" / ... / "five five five ..." (the rest in turns of its own)
        CuedValueDetector(
            "phone_area_code", PHONE, ("area code",),
            value=r"(?<![\d\-])(?P<v>\d{3})(?![\d\-]|[ .]\d)", score=0.75, window=12,
            max_gap_words=1,
        ),
        # a card's last four shown behind a mask: "XXXX-XXXX-XXXX-5100", "VISA ************1881",
        # "cc ****8210", "amex x0005". PCI DSS allows that display, but the last four verify a
        # caller at many a company (an account taken over with them and a billing address is
        # the textbook social-engineering case): redacted like the last four said aloud. A
        # deployment that keeps them sets the entity's operator or leaves CARD_LAST4 out.
        CuedValueDetector(
            "card_last4_masked", CARD_LAST4, (),
            cue_pattern=(
                rf"[x*]{{4,}}(?:[ \-][x*]{{4,}})*|(?:{_CARD_WORD})[ \t]?[x*]"
                # (or bullets, as an app shows the mask, which the engine reads as dashes:
                # "Card •••• 5100", "**Card:** •••• 5100")
                rf"|(?:{_CARD_WORD})[ \t:*]{{0,6}}-{{4}}(?:[ \t]?-{{4}})*"
                # (or behind an ellipsis, as a wallet or a CRM shows a card: "Visa …0008",
                # "Card: ...4242", a table's "Card / acct" over "…8210")
                rf"|(?:{_CARD_WORD}){_ELLIPSIS_MASK}"
            ),
            # (another identifier's mask: "ref xxxxx-1234", "acct ****6789")
            not_after=NOT_A_MASKED_CARD,
            # (a mask of x's or stars as literals, "xxxx", "****", a mixed one by its "x*" or
            # "*x": a class repeated is an automaton run on every byte, 2% of the stage)
            trigger_pattern=(
                rf"xxxx|\*\*\*\*|x\*|\*x|\b(?:{_CARD_WORD})(?:[ \t]?[xX*]|{_ELLIPSIS_MASK}"
                r"|[ \t:*]{0,6}----)"
            ),
            # (right after an ellipsis: "card... 2019" is a pause before a year)
            value=r"(?:(?<![.…])[ \t\-])?(?P<v>\d{4})(?!\d|[ \-.]\d)", score=0.8, window=8,
            anchored=True,
        ),
        # the last four of something a customer identifies themselves with, said bare: a
        # note's "* last4 1117", a CSV's "last4" column, "the last four are ...", and "the one
        # that ends ..." (which card, asked before): another identifier's word in the gap
        # ("last four of my social") leaves the value to its own detector
        CuedValueDetector(
            "card_last4_bare", CARD_LAST4, (),
            cue_pattern=(
                r"last\s?4|last\s+four(?:\s+digits)?"
                # ("which card? I only see one on file ending 1667")
                r"|(?:the\s+)?one\s+(?:on\s+file\s+)?(?:that\s+)?(?:ending|ends)"
                r"(?:\s+(?:in|with))?"
            ),
            value=LAST4_VALUE, score=0.7, window=20, max_gap_words=2,
        ),
        # (in Spanish: "¿los últimos 4 dígitos de la tarjeta?" / "termina en 5100")
        CuedValueDetector(
            "card_last4_es", CARD_LAST4,
            (
                "dígitos de la tarjeta", "digitos de la tarjeta", "tarjeta termina en",
                "tarjeta que termina en", "tarjeta terminada en", "con terminación",
                "con terminacion",
                # (French: "La carte se terminant par 1111")
                "se terminant par", "carte terminant par",
            ),
            LAST4_VALUE, score=0.85, window=24, max_gap_words=4,
        ),
        # the first five of an SSN, which with the last four (often asked for too) is all of
        # it: "first five of my social 078-05", "ssn starts 078 05"
        CuedValueDetector(
            "us_ssn_first5", US_SSN, (),
            cue_pattern=(
                r"first\s+(?:five|5)(?:\s+digits)?\s+of\s+(?:my|your|the|his|her)?\s*"
                r"(?:social(?:\s+security(?:\s+number)?)?|ssn)"
                r"|(?:ssn|social)\s+(?:first\s+(?:five|5)|starts(?:\s+with)?)"
            ),
            value=r"(?<![\d\-])\d{3}[ \-]?\d{2}(?![\d\-]|[ ]\d)", score=0.85, window=32,
            max_gap_words=3,
        ),
        CuedValueDetector(
            "security_answer", SECURITY_ANSWER, (),
            cue_pattern=(
                r"maiden\s+name|first\s+pet(?:'?s)?(?:\s+name)?|born\s+in|first\s+(?:car|school)"
                r"|elementary\s+school|favou?rite\s+(?:teacher|colou?r)|childhood\s+nickname"
                r"|gr[eo]w\s+up\s+on|secu?r(?:i|ui)?ty\s+(?:answer|question|word|phrase)"
                # banks' other shared secrets: "my memorable word is", "the secret answer is"
                r"|memorable\s+(?:word|place|name)|secret\s+(?:word|answer|question)"
                r"|pass\s?phrase|mmn|maiden\s+nm|sec\s+ans|(?:challenge|kba)\s+answer"
                # as agents note them: "pet's name rover", "mother maiden Kowalski",
                # "security q answer - blue honda"
                r"|pet'?s?\s+name|mother'?s?\s+maiden|security\s+q\.?\s+answer"
                # (a CRM's field: "c.Verification_Answer__c|\"Ziggy\"")
                r"|verification\s+answer"
                # (a record's key: "secA=Shadow", "security_a=Bradley", "sec_ans: Rex")
                # (and in a dump's quotes: "{'security_a': 'Waffles'}"; up to the value's
                # first letter, where the trigger's word boundary is: "security_a: Waffles")
                r"|sec(?:urity)?[ _]?(?:a|ans|answer)[\"']?[ \t]*[:=][ \t]*[\"']?"
                # "verif'd via sec q: manila", "sec q (maiden) rose"
                r"|sec\s+q(?:\s*\([\w' ]{1,20}\))?"
                # more of the questions banks and carriers ask
                r"|mascot|favou?rite\s+(?:food|movie|book|sports\s+team|team|song|band|city)"
                r"|first\s+(?:job|concert|employer|boss|teacher)|best\s+friend'?s?(?:\s+name)?"
                r"|father'?s?\s+middle\s+name|street\s+you\s+grew\s+up\s+on"
                # ("my city of birth is Wichita", "sec q (city of birth) ok: Flagstaff")
                r"|city\s+of\s+birth|birth\s+city"
                # (Spanish, French)
                r"|respuesta\s+(?:de\s+seguridad|secreta)|primera\s+mascota|mascota"
                r"|maestr[ao]\s+favorit[ao]|apellido\s+de\s+soltera|ciudad\s+donde\s+naci(?:o|ó)?"
                # (no class of accented letters: the trigger reads UTF-8's bytes)
                r"|r(?:é|e)ponse\s+(?:(?:à|a)\s+la\s+)?question\s+secr(?:è|e)te"
            ),
            value=(
            # (not from inside a word: "first pet's name" is no answer "s name")
            # (letters of any alphabet: "Señor", "Bogotá" were cut at their accents)
            # (an agent's note: "sec q (first car) ans: Corolla", "MMN verified (Okafor)")
            # (the answer's line may open with any speaker's label: "B: okay so akron")
            # (a form's box: "Answer given .......... [ Butler ]")
            rf"(?:\s*(?:(?:{_ANSWER_LEAD})\b|[:\-?.,=>\"'()\[]"
            # (a label in bold or after its time, "**[02:17] Customer:** Um, Waffles.", or in
            # brackets with its time, "[C 03:43] Yes, Modesto.")
            rf"|\n[ \t]*(?:\*\*)?(?:\[[\w .:\-]{{1,20}}\][ \t]*)?[A-Za-z][\w \-]{{0,30}}"
            rf"(?::(?:\*\*)?|[ \t]*>)|\n[ \t]*\[[A-Za-z][\w .:\-]{{0,20}}\]))*"
            # ("the" only before an answer's word: "the Spartans", not "the name was Rex" nor
            # the question's "the make of your first car")
            # (in quotes: "security answer 'Jared'", but not after a word's "'": "pet's")
            rf"\s*(?<!\w)(?<!\w')(?!{_NOT_FIRST}\b)"
            rf"(?!the\b(?![ \t]+(?!{_NOT_FIRST}\b)[^\W\d_]+\b(?![ \t]+(?:of|you|your|that)\b)))"
            # (a title with the name: "Mrs. Patel")
            rf"(?P<v>(?:(?:mr|mrs|ms|miss|dr)\.?[ \t]+)?{WORD}"
            # (the answer's words on one line: the next is another utterance, "milo\ncan ...")
            # (not the next field's key: "secA=Shadow result=success")
            rf"(?:[ \t]+(?!{_NOT_ANSWER}\b){WORD}(?![ \t]*[=:])){{0,2}})"
            # (not a question: "security question: favorite teacher? answer: ..."; not a key:
            # '"first pet", "security answer": ...')
            # (unless unsure of itself: "Blue Devils? I think?")
            r"(?![^\W_])(?![\w' \t\-]*\?(?![ \t]*(?:i[ \t]+(?:think|guess|believe)|maybe)\b))"
            # (a key's "=" right after it: the next word's "=" opens the next field, as
            # "secA=Shadow result=success" writes a record)
            # (nor a key cut in two: "security_a=", read "security a=")
            r"(?![\w' \t\-]*[\"']?[ \t]*:)(?![\"']?[ \t]*=)(?![ \t]+[\w'\-]{1,3}[\"']?[ \t]*=)"
            ),
            score=0.9, window=48, max_gap_words=4, anchored=True,
        ),
    )  # fmt: skip
