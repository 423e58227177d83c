"""Vocabulary of numbers as speech-to-text writes them (en-US)."""

from __future__ import annotations

import re

UNITS = {
    "zero": 0, "oh": 0, "o": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
    # homophones that speech-to-text writes inside digit runs, and how it hears some digits
    # said with an accent ("tree", "free" for three, "sex" for six) or as a radio operator
    # says them ("fife", "niner")
    "won": 1, "to": 2, "too": 2, "for": 4, "fore": 4, "ate": 8, "tree": 3, "free": 3,
    "fife": 5, "sex": 6, "niner": 9,
}  # fmt: skip
#: Spanish digits, which bilingual callers mix in ("cinco one two cinco five five cero ..."):
#: read as digits, but not in the English trigger (short words such as "dos" and "uno" in it
#: cost the whole database a fifth of its speed): `SPOKEN_TRIGGER_PATTERNS` has its own.
SPANISH_UNITS = {
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9,
}  # fmt: skip
UNITS |= SPANISH_UNITS
#: Portuguese and French digits, as Brazilian, Portuguese and Québécois callers say them
#: ("nove um nove cinco cinco cinco", "cinq un quatre, zéro un neuf trois"): read as digits
#: as the Spanish ones are. Not "um" and "un" (English's filler and article), "sept"
#: (September's short form) and "quatro", "quatre" ("the last four"), digits only next to
#: these (`spoken_foreign`).
#: And Vietnamese ones, as a Vietnamese caller reads a number ("bảy bảy ba, năm năm năm":
#: the words that are other words too, "không", "một", "hai", "ba", "năm", are digits only
#: beside a digit: `spoken_foreign`).
VIETNAMESE_UNITS = {"bốn": 4, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
#: Tagalog's digits that are no other word a call says ("dalawa anim apat tatlo", a Taglish
#: caller's card); its "isa" and "lima" (one, five; "lima" is the radio alphabet's L) are
#: digits only beside another (`spoken_foreign`).
TAGALOG_UNITS = {
    "sero": 0, "dalawa": 2, "tatlo": 3, "apat": 4, "anim": 6, "pito": 7, "walo": 8, "siyam": 9,
}  # fmt: skip
FOREIGN_UNITS = {
    "dois": 2, "duas": 2, "três": 3, "sete": 7, "oito": 8, "nove": 9, "meia": 6, "zéro": 0,
    "deux": 2, "trois": 3, "cinq": 5, "huit": 8, "neuf": 9,
    **VIETNAMESE_UNITS,
    **TAGALOG_UNITS,
}  # fmt: skip
UNITS |= FOREIGN_UNITS
#: Every digit word that is no English one.
NOT_ENGLISH_UNITS = frozenset(SPANISH_UNITS) | frozenset(FOREIGN_UNITS)
#: Homophones are only digits inside a run: trimmed when they open or close one.
HOMOPHONES = frozenset({"won", "to", "too", "for", "fore", "ate", "tree", "free", "sex"})
#: The last word of a US state's name or code, where a ZIP code follows it ("freyshire mt to five
#: six nine four"): the codes that are no English words ("in", "me", "or", "oh", "hi", "ok",
#: "pa", "la", "de", "co", "ma", "al", "id" are left out), and the names.
STATE_ENDS = frozenset(
    """ak az ar ca ct dc fl ga ia ks ky md mi mn mo mt ne nv nh nj nm ny nc nd ri sc sd tn tx
    ut vt va wa wv wi wy alabama alaska arizona arkansas california colorado connecticut
    delaware florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine
    maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada
    hampshire jersey mexico york carolina dakota ohio oklahoma oregon pennsylvania island
    tennessee texas utah vermont virginia washington wisconsin wyoming""".split()
)
#: "oh"/"o" open or close a run only next to another digit word.
ZERO_LETTERS = frozenset({"oh", "o"})
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 2, "thirty": 3, "forty": 4, "fourty": 4, "fifty": 5, "sixty": 6, "seventy": 7,
    "eighty": 8, "ninety": 9,
}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}
#: A tens word, alone (the normaliser leaves one standing by itself as a word): "sixty".
DECADE_WORD = rf"(?:{'|'.join(sorted(TENS))})\b"
#: The radio alphabet's words, each its first letter ("sierra two zero one": S201).
NATO = frozenset(
    """alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo lima
    mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee
    zulu""".split()
)
#: Letters' names in Portuguese and Spanish, as a caller spells a name with them ("ene, a,
#: esse, cê, i, m de maria, é ..."): each its letter. (Words too, "é", "ele", "esse", "de":
#: a spelling's only between commas, `spoken._letter_runs`.)
LETTER_NAMES = {
    "bê": "b", "cê": "c", "dê": "d", "é": "e", "efe": "f", "gê": "g", "agá": "h", "hache": "h",
    "jota": "j", "cá": "k", "ele": "l", "eme": "m", "ene": "n", "eñe": "ñ", "ó": "o",
    "pê": "p", "quê": "q", "erre": "r", "esse": "s", "ese": "s", "tê": "t", "vê": "v",
    "uve": "v", "xis": "x", "equis": "x", "zê": "z", "zeta": "z",
}  # fmt: skip
HUNDRED = "hundred"
THOUSAND = "thousand"
FILLERS = frozenset(
    {"uh", "um", "umm", "uhm", "er", "err", "erm", "ah", "hmm", "mm", "mmm", "eh", "em"}
)
PUNCT_FILLERS = frozenset({",", "-", ".", "..", "...", "…", ";"})
#: Separators said between the groups of a number: "five two three dash four five dash ...",
#: "oh nine slash twenty six". Written as such, so the value keeps its format (123-45-6789).
SPOKEN_SEPARATORS = {"dash": "-", "hyphen": "-", "slash": "/", "traço": "-", "tiret": "-"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
TLDS = frozenset(
    """com net org edu gov io co us info biz me uk ca mil cn de fr au nz jp mx br es nl ie za
    ch se dk fi pl pt tv ai app dev""".split()
)
EMAIL_SEPARATORS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", "period": "."}

# (longest first, then alphabetical: the same pattern in every process, whatever the order of
# a set of strings there)
_NUMBER_WORDS = sorted(
    [*UNITS.keys() - HOMOPHONES - NOT_ENGLISH_UNITS, *TEENS, *TENS, *REPEATS],
    key=lambda word: (-len(word), word),
)
_SPANISH = "|".join(sorted(SPANISH_UNITS))


def _utf8_escaped(word: str) -> str:
    """A word for a trigger, which matches UTF-8's bytes: "zéro" is "z\\xc3\\xa9ro"."""
    return "".join(c if c.isascii() else "".join(f"\\x{b:02x}" for b in c.encode()) for c in word)


_FOREIGN = "|".join(sorted(_utf8_escaped(word) for word in (*FOREIGN_UNITS, "quatro", "quatre")))
#: The Vietnamese digits that are other words too (`FOREIGN_UNITS`), and what they say.
VIETNAMESE_NEAR = {"không": "zero", "một": "one", "hai": "two", "ba": "three", "năm": "five"}
_VIETNAMESE_NEAR = "|".join(sorted(_utf8_escaped(word) for word in VIETNAMESE_NEAR))
#: The months in Spanish, for patterns ("enero|febrero|...").
#: Words of what speech-to-text writes in brackets where it heard no word, or a sound
#: ("[inaudible]", "<unk>", "[baby crying]", "[hold music 2:04]", "(coughs)").
NOISE_WORDS = frozenset(
    """inaudible crosstalk noise unk sil spn nsn unintelligible indiscernible silence cough
    coughs coughing laughter laughs laughing laugh static overlapping beep beeps crying typing
    music sneeze sneezes sigh sighs breath breathing ringing barking pause chime click clicks
    keyboard""".split()
)
SPANISH_MONTHS = (
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre"
    "|diciembre"
)
_SPANISH_FIRST = "|".join(sorted(SPANISH_UNITS.keys() - {"uno", "dos", "tres", "seis"}))
_NUM = "|".join(_NUMBER_WORDS)
#: A number word, in any case: a text without one says no number in words.
NUMBER_WORD = re.compile(rf"\b(?:{_NUM})\b", re.IGNORECASE)
_RADIO = "|".join(sorted(NATO))
#: A letter and its own word of the radio alphabet, each ("b\sbravo|c\scharlie|...").
_LETTER_AND_WORD = "|".join(sorted(word[0] + r"\s" + word for word in NATO))
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_MONTH = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
#: The number words speech-to-text runs together ("ohone", "eightfive", "twentyfour"): no
#: English word is made of them alone, so such a word is read as its parts.
_GLUED = (
    "zero oh one two three four five six seven eight nine twenty thirty forty fourty fifty"
    " sixty seventy eighty ninety"
).split()
GLUED_DIGIT_WORD = f"(?:{'|'.join(_GLUED)})"
#: Two of them run together, each pair spelled out ("ohone|onetwo|..."): literals of four
#: letters or more for the stage's literal matcher, where the words repeated after a word
#: boundary left it "oh" and "one" to look for (that trigger cost the database 4%).
_GLUED_PAIR = "|".join(sorted({a + b for a in _GLUED for b in _GLUED}, key=lambda w: (-len(w), w)))
#: Prefilter patterns: when none of these fires, the text has no spoken forms to normalise.
#: (Words one whitespace character apart: see `prefilter.TRIGGER_SPACE`.)
SPOKEN_TRIGGER_PATTERNS = (
    # (a number word before "hundred" too: "two hundred south alloy drive" is a house number)
    # (a homophone second too: "six for two", "four won six won", "nine ate seven")
    # (a spoken separator between: "twelve slash fourteen slash seventy")
    rf"\b(?:{_NUM})[\s,.\-]+(?:(?:uh|um|slash|dash)[\s,]+)?"
    rf"(?:{_NUM}|{HUNDRED}|{THOUSAND}|won|to|too|for|fore|ate|\d)\b",
    rf"\d[\s,]{{1,3}}(?:{_NUM})\b",
    # number words run together, two or more in a row ("twentytwo twentythree ohzero ...": a
    # word that opens with two is enough to look closer)
    rf"\b(?:{_GLUED_PAIR})",
    # Spanish digits, two in a row, the first one of the longer words ("cuatro uno uno ...")
    rf"\b(?:{_SPANISH_FIRST})\s(?:{_SPANISH})\b",
    # (and Portuguese's one beside a digit it shares with Spanish: "cinco um zero cinco um")
    r"\b(?:cinco|seis)[\s,]{1,2}uma?\b",
    # (and a short one before a longer one: "uno uno uno siete", a card's last piece said in
    # its own turn; the longer word is the literal the stage looks for)
    rf"\b(?:uno|dos|tres|seis)\s(?:{_SPANISH_FIRST})\b",
    # Portuguese and French ones ("sete sete três", "cinq un quatre", "zéro six, trente"; no
    # word boundary after the second: "três" ends in a byte that is no ASCII letter)
    rf"\b(?:{_FOREIGN})[\s,]{{1,2}}(?:{_FOREIGN}|{_SPANISH}|six|um|un|uma|une|sept|dix|vingt"
    r"|isa|lima"
    r"|trente|quarante|cinquante|soixante|onze|douze|treize|quatorze|quinze|seize"
    # (and Vietnamese: "chín ba", "bốn không"; "một bảy", its other words before a digit)
    rf"|{_VIETNAMESE_NEAR})|\b(?:{_VIETNAMESE_NEAR})[\s,]{{1,2}}(?:{_FOREIGN})",
    # a homophone first in a short value ("won too six", "too won nine", "won ate five"):
    # not "to" or "for", words too common to open a pattern (the stage's speed)
    rf"\b(?:won|too|ate|fore)\s(?:{_NUM}|won|to|too|for|fore|ate)\b",
    # (a domain label in two words, "g mail", or with a dash in it, "mora dash garcia")
    # ("period" as speech-to-text writes a dot: "at proton period m e")
    r"\bat\s[a-z0-9]+\s(?:(?:dash\s|hyphen\s)?[a-z0-9]+\s)?(?:dot|period)\s[a-z]+\b",
    r"\bat\s[a-z0-9\-]+\.(?:com|net|org|edu|gov|io|co|us|info|biz)\b",
    # a mail provider named without its domain ("john smith at gmail")
    r"\bat\s(?:gmail|yahoo|hotmail|outlook|icloud|aol|protonmail|comcast|verizon|sbcglobal|msn"
    r"|ymail)\b",
    # (in Spanish: "javier punto salazar arroba aol punto com"; in Portuguese and French:
    # "arroba icloud ponto com", "arobase gmail point com")
    r"\b(?:arroba|arobase)\s[a-z0-9]+\s(?:punto|ponto|point)\s",
    r"\b[a-z]\s[a-z]\s[a-z]\b",
    # a word spelled in the radio alphabet ("mike charlie alpha lima ...", `NATO`)
    rf"\b(?:{_RADIO})\s(?:{_RADIO})\s(?:{_RADIO})\b",
    # a letter and its own word of the radio alphabet ("b bravo u uniform")
    rf"\b(?:{_LETTER_AND_WORD})\b",
    # letters spelled with a word for each ("d as in david"), and a request to spell, after
    # which letters between commas are read ("s, m, i, t, h": a trigger of their own cost the
    # whole database 3% of its speed)
    r"\b[a-z]\sas\sin\s[a-z]",
    r"\bspell",
    rf"\b(?:{_NUM}|o)\s(?:dot|point)\s(?:{_NUM}|o|double|triple)\b",
    r"\b[a-z][\-.][a-z][\-.][a-z]\b",
    # "march third", "june twenty first", "the fifth of june": the ordinal words the normaliser
    # reads (any word ending in st/nd/rd/th cost the whole database 4% of its speed)
    rf"\b(?:{_MONTH})[a-z]{{0,6}}\s(?:the\s)?(?:{_ORDINAL}|twenty|thirty)",
    rf"\b(?:{_ORDINAL})\sof\s(?:{_MONTH})",
    # a number written with thousands separators ("12,345,678"), which the normaliser joins
    r"\d,\d{3},\d{3}",
    # digits written one at a time ("my pin is 7 7 3 1", "4, 5, 6", "1-1-2-0"), as speech-to-text
    # writes a number read out digit by digit: the normaliser joins them
    # (the separators spelled out: a class of them between word boundaries cost 17% of the
    # whole database's speed, this 3%)
    r"\d(?: |, |-)\d(?: |, |-)\d",
    # (a homophone among them, "7 5 for 0 6": two digits on one side, so that "3 to 5 days"
    # and "4 for 10 dollars" are left as they are written)
    r"\d\s\d\s(?:for|to|too|won|ate)\s\d|\d\s(?:for|to|too|won|ate)\s\d\s\d",
    # an e-mail address with its "at" in brackets ("priya[at]example[dot]com"), to slip a filter
    r"[\[({<]\s?at\s?[\])}>]",
    # a date said in Spanish ("veintisiete de diciembre de mil novecientos setenta y dos")
    rf"\bde\s(?:{SPANISH_MONTHS})\sde\s(?:mil|dos)\b",
    # (its year in two digits after "del": "agosto del veintiocho")
    rf"\b(?:{SPANISH_MONTHS})\sdel\s",
    # a hesitation between groups written in digits ("4111 uh 1111 1111 1111")
    # (or a phrase and commas: "919, let me see, 555 0192")
    r"\d,?\s(?:uh|um|umm|uhm|er|erm|ah|hmm|mm|hang\son|hold\son|okay|ok|wait|like|yeah"
    r"|let\sme\ssee|let\sme\scheck|let\sme\sfind(?:\sit)?),?\s\d",
    # a time stamp in brackets between groups ("917 [02:57] 555-0172"): a caption's mark
    r"\d\s\[\d\d:\d\d(?::\d\d)?\]\s\d",
    # a letter's Portuguese or Spanish name before a comma ("ene, a, esse, cê"; its longer
    # names and the comma, the literals the stage looks for)
    r"\b(?:ene|esse|eme|erre|efe|jota|hache),\s",
)
