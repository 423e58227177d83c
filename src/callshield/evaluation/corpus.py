"""A labelled synthetic development corpus: calls (written and ASR), chats and e-mails.

Records are JSON-ready dicts: `{"id", "kind", "text", "spans": [{"start", "end", "entity"}],
"decoys": [{"start", "end", "kind"}]}`; offsets are str indices and `text[start:end]` is exactly
the value, without its cue words. Decoys look sensitive (order numbers, amounts, plain dates) but
are not, so an evaluation can count what a detector wrongly touches. Only published test cards
and documentation bank numbers are used; people and addresses come from Faker.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stdnum import luhn

from callshield.evaluation import corpus_spoken as say
from callshield.evaluation import corpus_templates as tpl
from callshield.evaluation.corpus_templates import Piece
from callshield.evaluation.metrics import CorpusFormatError, check_record

KINDS = ("call_written", "call_spoken", "chat", "email")
ENTITY_NAMES = frozenset((
    "PAYMENT_CARD", "CARD_CVV", "CARD_EXPIRY", "US_SSN", "US_SSN_LAST4", "US_ITIN", "BANK_ACCOUNT",
    "ABA_ROUTING", "IBAN", "PHONE", "EMAIL", "IP_ADDRESS", "DATE_OF_BIRTH", "PERSON",
    "STREET_ADDRESS", "US_ZIP", "US_DRIVER_LICENSE", "US_PASSPORT", "PIN", "SECURITY_ANSWER",
    "ONE_TIME_CODE", "PASSWORD",
))  # fmt: skip
#: Written calls: the share of digit values that ASR wrote one numeral at a time, as it does
#: when a caller reads them out digit by digit ("my pin is 7 7 3 1", "4 1 1 1, 1 1 1 1, ...").
DIGIT_BY_DIGIT_SHARE = 0.12
#: Chats: the share of values typed to slip past a filter (an insider pasting a card into a
#: chat): zero-width spaces or Unicode dashes between the groups, full-width digits, "[at]".
EVASION_SHARE = 0.08
#: Share of records built only from templates without sensitive values.
CLEAN_SHARE = 0.1
#: Where the corpus's callers and agents come from, and how many of them. Faker's en_US names
#: are nearly all in the 1990 census lists that PERSON confirms names with, so a corpus of
#: them alone flattered the detector (4 in 10 names from elsewhere were left in clear; see
#: tests/unit/core/detectors/test_names_beyond_census.py). Written with their accents,
#: said as ASR writes them (folded to ASCII, lower case).
NAME_LOCALES: Mapping[str, float] = {
    "en_US": 0.6, "es_MX": 0.1, "en_IN": 0.1, "vi_VN": 0.05, "yo_NG": 0.05, "pl_PL": 0.05,
    "tr_TR": 0.05,
}  # fmt: skip
#: Letters NFKD does not take apart.
_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})


def ascii_folded(text: str) -> str:
    """`text` without its accents ("José Đặng" -> "Jose Dang"), as speech-to-text writes it."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.encode("ascii", "ignore").decode()


class _People:
    """Names from several places, each person's first and last name from the same one."""

    def __init__(self, seed: int) -> None:
        from faker import Faker

        self._fakers = {locale: Faker(locale) for locale in NAME_LOCALES}
        for faker in self._fakers.values():
            faker.seed_instance(seed)
        self._rng = random.Random(seed)
        self._locales = list(NAME_LOCALES)
        self._weights = list(NAME_LOCALES.values())

    def _faker(self) -> Any:
        return self._fakers[self._rng.choices(self._locales, self._weights)[0]]

    def person(self) -> tuple[str, str]:
        faker = self._faker()
        return str(faker.first_name()), str(faker.last_name())

    def first_name(self) -> str:
        return str(self._faker().first_name())


@dataclass(frozen=True, slots=True)
class _Context:
    """One record's caller, agent and company, so that a name and its e-mail address agree."""

    fake: Any
    rng: random.Random
    kind: str
    first: str
    last: str
    agent: str
    email: str
    company: str

    @classmethod
    def for_person(cls, fake: Any, people: _People, rng: random.Random, kind: str) -> _Context:
        (first, last), agent = people.person(), people.first_name()
        a, b = (re.sub(r"[^a-z]", "", ascii_folded(part).lower()) for part in (first, last))
        local = rng.choice((f"{a}.{b}", f"{a[:1]}{b}", f"{a}_{b}",
                            f"{a}{b}{rng.randint(1, 99)}"))  # fmt: skip
        domain = fake.free_email_domain() if rng.random() < 0.7 else fake.domain_name()
        email, company = f"{local}@{domain}".lower(), rng.choice(tpl.COMPANIES)
        return cls(fake, rng, kind, first, last, agent, email, company)

    @property
    def spoken(self) -> bool:
        return self.kind == "call_spoken"

    def said(self, text: str) -> str:
        """A name or place as ASR writes it (lowercase letters only); unchanged when written."""
        return re.sub(r"[^a-z ]", "", ascii_folded(text).lower()) if self.spoken else text

    def digits(self, count: int) -> str:
        """`count` random digits, the first not zero."""
        rest = (str(self.rng.randint(0, 9)) for _ in range(count - 1))
        return str(self.rng.randint(1, 9)) + "".join(rest)


Filler = Callable[[_Context], list[Piece]]
_CARD_GROUPS = {13: (4, 4, 5), 14: (4, 6, 4), 15: (4, 6, 5), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3)}


def _labelled(label: str, text: str) -> list[Piece]:
    """Entity names are upper case, decoy kinds lower case, plain filler has no label."""
    if not label:
        return [Piece(text)]
    return [Piece(text, label)] if label.isupper() else [Piece(text, decoy=label)]


def _digit_filler(
    label: str, source: Callable[[_Context], str], sizes: tuple[int, ...] = (), seps: str = "_"
) -> Filler:
    """Digits written joined by one of `seps` ("_" joins with nothing), or read out in groups."""

    def fill(ctx: _Context) -> list[Piece]:
        digits, at, groups = source(ctx), 0, []
        for size in sizes or _CARD_GROUPS[len(digits)]:
            groups.append(digits[at : at + size])
            at += size
        groups = [g for g in groups if g]
        if ctx.spoken:
            return _labelled(label, say.spoken_digits(groups, ctx.rng))
        if ctx.kind == "call_written" and ctx.rng.random() < DIGIT_BY_DIGIT_SHARE:
            return _labelled(label, say.numerals_one_by_one(groups, ctx.rng))
        if ctx.kind == "chat" and label.isupper() and ctx.rng.random() < EVASION_SHARE:
            return _labelled(label, evasive_digits(groups, ctx.rng))
        return _labelled(label, ctx.rng.choice(seps).replace("_", "").join(groups))

    return fill


#: Characters that hide a number's groups from a filter that reads the text as it is written:
#: zero-width space, word joiner, en dash, minus sign, no-break space.
EVASIVE_SEPARATORS = ("\u200b", "\u2060", "\u2013", "\u2212", "\u00a0")
#: The digits 0-9 in their full-width forms.
_FULL_WIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


def evasive_digits(groups: list[str], rng: random.Random) -> str:
    """Digit groups typed to slip past a filter: invisible or Unicode separators between them,
    or full-width digits (the detectors read both as ASCII; their offsets stay the same)."""
    if rng.random() < 0.3:
        return " ".join(groups).translate(_FULL_WIDTH)
    return rng.choice(EVASIVE_SEPARATORS).join(groups)


def _evasive_email(address: str, rng: random.Random) -> str:
    """ "jo.smith@example.com" as "jo.smith [at] example [dot] com" (or "(at)", "(dot)")."""
    at, dot = rng.choice((("[at]", "[dot]"), ("(at)", "(dot)"), (" at ", " dot ")))
    local, domain = address.split("@", 1)
    pad = "" if at.startswith(" ") else " "
    return f"{local}{pad}{at}{pad}" + f"{pad}{dot}{pad}".join(domain.split("."))


def _email(ctx: _Context) -> list[Piece]:
    if ctx.spoken:
        return [Piece(say.spoken_email(ctx.email, ctx.rng), "EMAIL")]
    if ctx.kind == "chat" and ctx.rng.random() < EVASION_SHARE:
        return [Piece(_evasive_email(ctx.email, ctx.rng), "EMAIL")]
    return [Piece(ctx.email, "EMAIL")]


#: Passwords as customers type them into a chat or an e-mail (never read aloud here).
def _password(ctx: _Context) -> str:
    word = ctx.rng.choice(tpl.PASSWORD_WORDS)
    return ctx.rng.choice((
        f"{word.title()}{ctx.rng.randint(1, 99)}!", f"{word}_{ctx.digits(4)}",
        str(ctx.fake.password(length=ctx.rng.randint(10, 14))),
    ))  # fmt: skip


def _code_filler(label: str, source: Callable[[_Context], str], group: int = 4) -> Filler:
    """A letters-and-digits code, read out letter by letter when spoken."""
    return lambda ctx: _labelled(
        label, say.spoken_alnum(source(ctx), ctx.rng, group) if ctx.spoken else source(ctx)
    )


def _text_filler(label: str, source: Callable[[_Context], str]) -> Filler:
    return lambda ctx: _labelled(label, ctx.said(source(ctx)))


def _spoken_or(
    label: str, spoken: Callable[[_Context], str], written: Callable[[_Context], tuple[str, ...]]
) -> Filler:
    """A value with its own spoken form and a choice of written forms."""
    return lambda ctx: _labelled(label, spoken(ctx) if ctx.spoken else ctx.rng.choice(written(ctx)))


def _itin_digits(ctx: _Context) -> str:
    group = ctx.rng.choice((*range(70, 89), 90, 91, 92, *range(94, 100)))  # as stdnum.us.itin
    return f"9{ctx.rng.randint(0, 99):02d}{group}{ctx.rng.randint(0, 9999):04d}"


def _luhn_order_digits(ctx: _Context) -> str:
    body = ctx.digits(15)
    return body + luhn.calc_check_digit(body)


def _iban(ctx: _Context) -> str:
    value = str(ctx.fake.iban()) if ctx.rng.random() < 0.5 else ctx.rng.choice(tpl.KNOWN_IBANS)
    if ctx.rng.random() < 0.5:
        return value
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def _expiry(ctx: _Context) -> list[Piece]:
    month, year = ctx.rng.randint(1, 12), ctx.rng.randint(2025, 2032)
    if ctx.spoken:
        return [Piece(say.spoken_expiry(month, year, ctx.rng), "CARD_EXPIRY")]
    forms = (f"{month:02d}/{year % 100:02d}", f"{month}/{year % 100:02d}", f"{month:02d}/{year}",
             f"{month:02d}-{year % 100:02d}")  # fmt: skip
    return [Piece(ctx.rng.choice(forms), "CARD_EXPIRY")]


def _ip(ctx: _Context) -> str:
    return str(ctx.fake.ipv4_private() if ctx.rng.random() < 0.7 else ctx.fake.ipv4_public())


def _spelled_forms(ctx: _Context) -> tuple[str, ...]:
    last = re.sub(r"[^A-Z]", "", ascii_folded(ctx.last).upper())
    return ("-".join(last), " ".join(last))


def _driver_license(ctx: _Context) -> str:
    return str(ctx.fake.bothify(ctx.rng.choice(("?#######", "?############", "#########")))).upper()


def _passport(ctx: _Context) -> str:
    return str(ctx.fake.bothify(ctx.rng.choice(("%########", "?########")))).upper()


def _tracking(ctx: _Context) -> str:
    if ctx.rng.random() < 0.5:
        return "1Z" + str(ctx.fake.bothify("??####")).upper() + ctx.digits(10)
    usps = "94" + ctx.digits(20)
    return " ".join(usps[i : i + 4] for i in range(0, len(usps), 4))


#: Toll-free area codes: a business's lines, never a customer's phone.
_TOLL_FREE_CODES = frozenset({"800", "833", "844", "855", "866", "877", "888"})


def _phone(ctx: _Context) -> list[Piece]:
    """A US number (NANP: area code and exchange start with 2-9) in one of its usual forms."""
    d = str(ctx.fake.numerify("$##$######"))
    a, b, c = d[:3], d[3:6], d[6:]
    if a in _TOLL_FREE_CODES:
        a = "7" + a[1:]  # (a customer's own number is no toll-free line: 877 reads 777)
    if ctx.spoken:
        prefix = "one " if ctx.rng.random() < 0.2 else ""
        return [Piece(prefix + say.spoken_digits([a, b, c], ctx.rng), "PHONE")]
    forms = (f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1 {a} {b} {c}",
             f"1-{a}-{b}-{c}", d)  # fmt: skip
    return [Piece(ctx.rng.choice(forms), "PHONE")]


def _date_of_birth(ctx: _Context) -> list[Piece]:
    born = ctx.fake.date_of_birth(minimum_age=18, maximum_age=90)
    y, m, d, month = born.year, born.month, born.day, say.MONTHS[born.month - 1].title()
    if ctx.spoken:
        return [Piece(say.spoken_date(m, d, y, ctx.rng), "DATE_OF_BIRTH")]
    forms = (f"{month} {d}, {y}", f"{m:02d}/{d:02d}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}",
             f"{month} {d} {y}")  # fmt: skip
    return [Piece(ctx.rng.choice(forms), "DATE_OF_BIRTH")]


def _address(ctx: _Context) -> list[Piece]:
    """Street, city and state in one span, then the ZIP code in its own span."""
    fake = ctx.fake
    number, street = fake.building_number(), fake.street_name()
    city, zipcode = fake.city(), fake.zipcode()
    unit = str(fake.secondary_address()) if ctx.rng.random() < 0.3 else ""
    if ctx.spoken:
        line = say.spoken_address(number, street, unit, f"{city} {fake.state()}", ctx.rng)
        zip_text = say.spoken_digits([zipcode], ctx.rng)
    else:
        line = f"{number} {street}{' ' + unit if unit else ''}, {city}, {fake.state_abbr()}"
        zip_text = zipcode
    return [Piece(line, "STREET_ADDRESS"), Piece(" "), Piece(zip_text, "US_ZIP")]


def _phrase_filler(label: str, phrase: Callable[[random.Random, bool], str]) -> Filler:
    return lambda ctx: _labelled(label, phrase(ctx.rng, ctx.spoken))


FILLERS: Mapping[str, Filler] = {
    "card": _digit_filler("PAYMENT_CARD", lambda c: c.rng.choice(tpl.TEST_CARDS), seps="  -._"),
    "cvv": _digit_filler("CARD_CVV", lambda c: c.digits(c.rng.choice((3, 3, 3, 4))), (4,)),
    "expiry": _expiry,
    "ssn": _digit_filler("US_SSN", lambda c: c.fake.ssn().replace("-", ""), (3, 2, 4), "--- _"),
    "ssn_famous": _digit_filler("US_SSN", lambda c: "078051120", (3, 2, 4), "-- "),
    "ssn4": _digit_filler("US_SSN_LAST4", lambda c: f"{c.rng.randint(0, 9999):04d}", (4,)),
    "itin": _digit_filler("US_ITIN", _itin_digits, (3, 2, 4), "--_"),
    "account": _digit_filler("BANK_ACCOUNT", lambda c: c.digits(c.rng.randint(8, 12)), (4, 4, 4)),
    "routing": _digit_filler("ABA_ROUTING", lambda c: c.rng.choice(tpl.ROUTING_NUMBERS), (3, 3, 3)),
    "iban": _code_filler("IBAN", _iban),
    "phone": _phone,
    "email": _email,
    "ip": _spoken_or("IP_ADDRESS", lambda c: say.spoken_ip(_ip(c), c.rng), lambda c: (_ip(c),)),
    "dob": _date_of_birth,
    "name": _text_filler("PERSON", lambda c: f"{c.first} {c.last}"),
    "first": _text_filler("PERSON", lambda c: c.first),
    "last": _text_filler("PERSON", lambda c: c.last),
    "agent": _text_filler("PERSON", lambda c: c.agent),
    "spelled_last": _spoken_or(
        "PERSON", lambda c: say.spelled(ascii_folded(c.last)), _spelled_forms
    ),
    "address": _address,
    "dl": _code_filler("US_DRIVER_LICENSE", _driver_license),
    "passport": _code_filler("US_PASSPORT", _passport, 3),
    "pin": _digit_filler("PIN", lambda c: f"{c.rng.randint(0, 9999):04d}", (4,)),
    "otp": _digit_filler("ONE_TIME_CODE", lambda c: c.digits(6), (3, 3), "_ "),
    "password": _text_filler("PASSWORD", _password),
    "zip": _digit_filler("US_ZIP", lambda c: str(c.fake.zipcode()), (5,)),
    "maiden": _text_filler("SECURITY_ANSWER", lambda c: str(c.fake.last_name())),
    "pet": _text_filler("SECURITY_ANSWER", lambda c: c.rng.choice(tpl.PET_NAMES)),
    "birth_city": _text_filler("SECURITY_ANSWER", lambda c: str(c.fake.city())),
    "order": _digit_filler("order_number", lambda c: c.digits(9), (3, 3, 3)),
    "order_alpha": _code_filler("order_number", lambda c: str(c.fake.bothify("?-#####")).upper()),
    "luhn_order": _digit_filler("luhn_order_number", _luhn_order_digits, (4, 4, 4, 4)),
    "ticket": _code_filler("ticket_id", lambda c: f"INC{c.rng.randint(0, 9_999_999):07d}"),
    "tracking": _code_filler("tracking_number", _tracking),
    "amount": _phrase_filler("amount", say.amount_phrase),
    "time": _phrase_filler("time", say.time_phrase),
    "duration": _phrase_filler("duration", lambda rng, spoken: rng.choice(tpl.DURATIONS)[spoken]),
    "date": _phrase_filler("date", say.date_phrase),
    "qty": _phrase_filler("quantity", lambda rng, spoken: rng.choice(tpl.QUANTITIES)[spoken]),
    "company": _text_filler("", lambda c: c.company),
    "product": _text_filler("", lambda c: c.rng.choice(tpl.PRODUCTS)),
    "title": _text_filler("", lambda c: str(c.fake.job())),
}


def generate_corpus(n: int = 2000, seed: int = 7) -> list[dict[str, Any]]:
    """`n` labelled records, the four kinds in turn; the same seed gives the same corpus.

    Needs Faker (a development dependency), imported here so production never loads it.
    """
    try:
        from faker import Faker
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ModuleNotFoundError(
            "generate_corpus needs Faker: install the dev extras (pip install 'callshield[dev]')"
        ) from exc
    fake = Faker("en_US")
    fake.seed_instance(seed)
    people = _People(seed)
    rng = random.Random(seed)
    return [_build_record(i, KINDS[i % len(KINDS)], fake, people, rng) for i in range(n)]


def _build_record(
    index: int, kind: str, fake: Any, people: _People, rng: random.Random
) -> dict[str, Any]:
    ctx = _Context.for_person(fake, people, rng, kind)
    clean = rng.random() < CLEAN_SHARE
    builder = tpl.RecordBuilder()
    joiner = "\n\n" if kind == "email" else "\n"
    for i, template in enumerate(tpl.plan(kind, rng, clean)):
        if i:
            builder.add(Piece(joiner))
        for piece in tpl.render(template, lambda name: FILLERS[name](ctx), ctx.spoken, rng):
            builder.add(piece)
    return builder.record(f"{kind}-{index:05d}", kind)


def write_jsonl(records: Iterable[Mapping[str, Any]], path: str | Path) -> int:
    """Write one JSON record per line (UTF-8); returns how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read records written by `write_jsonl`; blank lines are skipped.

    Raises CorpusFormatError (a ValueError) naming the file and line of the first bad record.
    """
    records: list[dict[str, Any]] = []
    with Path(path).open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise CorpusFormatError(f"expected a JSON object, got {type(record).__name__}")
                check_record(record)
            except (json.JSONDecodeError, CorpusFormatError) as exc:
                raise CorpusFormatError(f"{path}, line {number}: {exc}") from exc
            records.append(record)
    return records
