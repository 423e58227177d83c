"""Templates and fixed values for the synthetic development corpus, and how a record is planned.

Placeholders in braces are filled by the generator in `corpus.py`: entity values ({card}, {ssn},
{name}, ...), decoys that look sensitive but are not ({order}, {amount}, {date}, ...) and plain
filler ({company}, {product}, {title}). Call templates hold no digits or symbols, so the same text
serves the written and the spoken (ASR) kind.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

#: Published test card numbers, every one Luhn-valid (checked by the tests).
TEST_CARDS = (
    "4111111111111111", "4012888888881881", "4000056655665556", "4222222222222",
    "5555555555554444", "5105105105105100", "2223003122003222", "5200828282828210",
    "378282246310005", "371449635398431", "6011111111111117", "6011000990139424",
    "3530111333300000", "3566002020360505", "6200000000000005", "6759649826438453",
    "36227206271667", "3056930009020004", "6304000000000000000", "4111111111111111110",
)  # fmt: skip
#: Valid ABA routing numbers of real banks (public, printed on every cheque).
ROUTING_NUMBERS = (
    "021000021", "011000015", "121000358", "122105155", "026009593", "011401533",
    "091000019", "111000025", "121042882", "322271627", "031176110", "071000013",
)  # fmt: skip
#: Documentation IBANs from several countries (Faker adds more, GB only).
KNOWN_IBANS = (
    "GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
    "NL91ABNA0417164300", "ES9121000418450200051332", "IT60X0542811101000000123456",
)  # fmt: skip
COMPANIES = (
    "Northwind Bank", "Acme Wireless", "Bluebird Insurance", "Summit Energy", "Harbor Health",
    "Evergreen Credit Union", "Metro Cable", "Pioneer Travel",
)  # fmt: skip
PET_NAMES = ("Buddy", "Max", "Bella", "Rex", "Luna", "Charlie", "Daisy", "Milo", "Whiskers", "Coco")
#: Words customers build passwords from.
PASSWORD_WORDS = (
    "sunshine", "dragon", "bluebird", "maple", "falcon", "summer", "pepper", "river",
)  # fmt: skip
PRODUCTS = (
    "router", "phone case", "wireless plan", "travel insurance", "credit card", "laptop",
    "savings account", "streaming bundle",
)  # fmt: skip

#: (written, spoken) phrases, indexed by `spoken`.
DURATIONS = (
    ("15 minutes", "fifteen minutes"), ("3-5 business days", "three to five business days"),
    ("48 hours", "forty eight hours"), ("two weeks", "two weeks"), ("10 days", "ten days"),
)  # fmt: skip
QUANTITIES = (
    ("2 items", "two items"), ("3 boxes", "three boxes"), ("one unit", "one unit"),
    ("12 licenses", "twelve licenses"), ("5 pairs", "five pairs"),
)  # fmt: skip

CALL_OPENINGS = (
    "Agent: Thank you for calling {company}, my name is {agent}. How can I help you today?\n"
    "Customer: Hi {agent}, this is {name}.",
    "Agent: {company}, this is {agent} speaking.\nCustomer: Yeah hi, this is {first} calling "
    "about my account.",
    "Agent: Good morning and welcome to {company}. Who am I speaking with?\n"
    "Customer: My name is {name}.",
    "Agent: Thanks for holding. How can I help?\nCustomer: Hi, I have a question about my bill.",
    "Agent: Thank you for calling {company}. Are you calling about an existing order?\n"
    "Customer: Yes I am.",
)
CALL_CLOSINGS = (
    "Agent: Is there anything else I can help you with today?\nCustomer: No, that's all, thanks.",
    "Agent: Thank you for calling {company}, {first}. Have a great day.\nCustomer: You too, bye.",
    "Agent: Alright, you're all set. Thanks Mr. {last}.\nCustomer: Thank you, bye bye.",
    "Customer: Great, thanks for your help.\nAgent: My pleasure, goodbye.",
)
CALL_EXCHANGES = (
    "Agent: Can I get the long number on the front of the card?\nCustomer: Yeah, it's {card}.",
    "Agent: And what's the expiration date?\nCustomer: It expires {expiry}.\n"
    "Agent: And the three digits on the back?\nCustomer: {cvv}.",
    "Agent: Go ahead with the card number when you're ready.\nCustomer: OK, {card}, expiry "
    "{expiry}, and the code on the back is {cvv}.",
    "Agent: For verification, what's your social?\nCustomer: {ssn_famous}.",
    "Agent: Can I have your Social Security number please?\nCustomer: Sure, it's {ssn}.",
    "Agent: Can you verify the last four of your social?\nCustomer: The last four of my social "
    "is {ssn4}.",
    "Agent: Do you file with an ITIN?\nCustomer: Yes, my ITIN is {itin}.",
    "Customer: I want to set up direct deposit. My checking account number is {account}.\n"
    "Agent: And the routing number?\nCustomer: The routing number is {routing}.",
    "Agent: Which account should the refund go to?\nCustomer: My savings account number is "
    "{account}, routing number {routing}.",
    "Agent: For the international transfer I need the IBAN.\nCustomer: The IBAN is {iban}.",
    "Agent: What's the best number to reach you?\nCustomer: You can call me at {phone}.",
    "Agent: And your email address?\nCustomer: It's {email}.",
    "Agent: Can you confirm your date of birth?\nCustomer: My date of birth is {dob}.",
    "Agent: Can I have your full name please?\nCustomer: Yeah, my name is {name}.",
    "Agent: Could you spell your last name for me?\nCustomer: Sure, it's {last}, {spelled_last}.",
    "Agent: What's the address on the account?\nCustomer: It's {address}.",
    "Agent: I'll need your driver's license number.\nCustomer: OK, my driver's license number is "
    "{dl}.",
    "Customer: My passport number is {passport}.\nAgent: Thank you, I've added it to the booking.",
    "Agent: Please say your PIN.\nCustomer: My pin is {pin}.",
    "Agent: For security, what's your mother's maiden name?\nCustomer: My mother's maiden name is "
    "{maiden}.",
    "Agent: What was the name of your first pet?\nCustomer: Oh, that was {pet}.",
    "Agent: What city were you born in?\nCustomer: I was born in {birth_city}.",
    "Customer: I'm calling about order number {order}, it never arrived.\n"
    "Agent: I see it shipped on {date}. The tracking number is {tracking}.",
    "Customer: I was charged {amount} twice for my {product}.\n"
    "Agent: I can see that. The refund takes about {duration}.",
    "Customer: I called on {date} at {time} and nobody called me back.\n"
    "Agent: I'm sorry about that. I have ticket {ticket} open for you.",
    "Customer: Can you look up order number {luhn_order}?\nAgent: Sure, I see {qty} on that order.",
    "Agent: I'm going to transfer you to billing.\nCustomer: OK, how long will that take?\n"
    "Agent: About {duration}.",
    "Customer: My {product} stopped working.\nAgent: Have you tried restarting it?\n"
    "Customer: Yes, twice.",
    "Agent: I've sent a one-time code to the phone on file. Can you read it back to me?\n"
    "Customer: Sure, the code is {otp}.",
    "Customer: I got a text with a verification code, it says {otp}.\nAgent: Thank you, that "
    "matches.",
    "Agent: What's the PIN on the account?\nCustomer: Uh, {pin} is my pin.",
    "Customer: OK, {routing} is the routing number and {account} is the account number.\n"
    "Agent: Thank you, I have it.",
    "Customer: The card is {card}, and {cvv} is the security code.",
    "Agent: And the zip code there?\nCustomer: It's {zip} for the zip code.",
)
#: Only in call_spoken: the shapes ASR output takes that written transcripts rarely do.
SPOKEN_EXCHANGES = (
    "yeah hi this is {first} calling, um, about my card",
    "ok so the card number is {card} and it expires {expiry}",
    "uh my phone number is {phone}",
    "yeah my email is {email}",
    "the routing is {routing} and the account is {account}",
    "ok thanks mr {last}, one moment",
    "my last name is {last}, {spelled_last}",
    "its uh {ssn} for the social",
    "yeah my date of birth um {dob}",
    "the total was {amount}, and it took like {duration}",
    "the verification code you sent me is {otp}",
    "um its {pin} for the pin",
    "ok i got the code its {otp}",
)

CHAT_OPENINGS = (
    "Agent: Hi {first}, thanks for reaching out! My name is {agent}. How can I help?",
    "Agent: Welcome to {company} support. You're chatting with {agent}.\nCustomer: hi there",
    "Customer: Hello?\nAgent: Hi! Thanks for contacting {company}. What can I do for you today?",
    "Agent: Hello {name}, I'm {agent} and I'll be helping you today.",
)
CHAT_CLOSINGS = (
    "Agent: Anything else I can help with?\nCustomer: nope thats it thx",
    "Customer: Thank you so much!\nAgent: You're welcome, {first}. Have a nice day!",
    "Agent: I'll close this chat now. Thanks for contacting {company}.",
)
CHAT_EXCHANGES = (
    "Customer: hi my card {card} got declined\nAgent: Sorry about that! What's the expiry date?\n"
    "Customer: {expiry}",
    "Customer: can I pay with card number {card} exp {expiry} cvv {cvv}",
    "Agent: What's the security code on the back of the card?\nCustomer: {cvv}",
    "Customer: vpn keeps dropping\nAgent: What's the IP address of your laptop?\n"
    "Customer: my ip is {ip}",
    "Customer: I can't reach the printer at {ip} from my desk\nAgent: Let me check the network.",
    "Customer: pls update my email to {email}\nAgent: Done! You'll get a confirmation shortly.",
    "Customer: new phone number is {phone}\nAgent: Thanks, updated.",
    "Agent: To verify your identity, please provide your SSN.\nCustomer: {ssn}",
    "Customer: last 4 of my social is {ssn4}",
    "Customer: Where is my order #{order_alpha}? Tracking says {tracking}",
    "Customer: I was charged {amount} but my order was only {qty}\nAgent: Let me look into it.",
    "Customer: My account number is {account} and the routing number is {routing}",
    "Customer: refund should go to IBAN {iban}",
    "Agent: Can you confirm your DOB?\nCustomer: dob {dob}",
    "Customer: I moved. New address is {address}\nAgent: Got it, thanks!",
    "Customer: ticket {ticket} is still open since {date}\nAgent: I'll escalate it now.",
    "Customer: order number {luhn_order} hasn't shipped\nAgent: It ships at {time} today.",
    "Customer: how do I reset my password?\nAgent: Click 'Forgot password' on the sign-in page.",
    "Customer: Hi, this is {name}, my pin is {pin}",
    "Customer: passport number is {passport} for the booking",
    "Agent: I sent a verification code to your email, what is it?\nCustomer: {otp}",
    "Customer: my password is {password} and it still says invalid login\nAgent: Please don't "
    "share your password here, I'll send you a reset link.",
    "Customer: {ssn4} is the last four of my social",
    "Customer: the one time passcode is {otp}",
)

EMAIL_GREETINGS = ("Hi {agent},", "Dear {agent},", "Hello,", "Hi team,", "Good morning {agent},")
EMAIL_SIGNOFFS = ("Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Sincerely,")
EMAIL_SIGNATURES = (
    "{name}\n{title}\n{company}\nPhone: {phone}\nEmail: {email}",
    "{name} | {title}\n{company}\nT: {phone}",
    "{name}\n{company}\n{email}",
    "-- \n{name}\nMobile: {phone}",
)
EMAIL_BODIES = (
    "Please update the card on file to {card}, expiring {expiry}.",
    "As requested, my Social Security number is {ssn} and my date of birth is {dob}.",
    "The payment should go to account {account}, routing number {routing}.",
    "Our supplier's bank details are IBAN {iban}.",
    "I have moved. My new address is {address}.",
    "Could you call me back at {phone}? I am available after {time}.",
    "My order number is {order} and the tracking number is {tracking}.",
    "I was billed {amount} on {date} for a {product} I returned.",
    "This is a follow-up on ticket {ticket}. It has been open for {duration}.",
    "Please send the signed forms to {email} rather than my old address.",
    "For the background check: driver's license number is {dl}, passport number is {passport}.",
    "The last four of my social is {ssn4}, in case you need it for verification.",
    "Attached is the invoice for order number {luhn_order}, {qty} in total.",
    "We are still waiting on the replacement {product}. Any update would be appreciated.",
    "My tax ID is ITIN {itin}.",
    "The new contact for the account is {name}, reachable at {email}.",
    "The meeting is confirmed for {date} at {time}.",
    "Since {date} I cannot reach the VPN from my laptop, IP address {ip}. Please advise.",
    "My online banking password is {password} and it no longer works.",
    "The verification code I received is {otp}, but the page says it has expired.",
)

#: Placeholders that never hold a sensitive value; a template with no others is "clean".
NON_SENSITIVE_PLACEHOLDERS = frozenset((
    "order", "order_alpha", "luhn_order", "ticket", "tracking", "amount", "time", "duration",
    "date", "qty", "company", "product", "title",
))  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SPEAKER_LABEL = re.compile(r"(?m)^(?:agent|customer): ?")
_NOT_SPOKEN = re.compile(r"[^a-z ,\n]")


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of record text: plain, a labelled value (`entity`) or a decoy (`decoy`)."""

    text: str
    entity: str | None = None
    decoy: str | None = None


@dataclass(slots=True)
class RecordBuilder:
    """Appends pieces of text and remembers where the labelled ones landed."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[dict[str, Any]] = field(default_factory=list)
    decoys: list[dict[str, Any]] = field(default_factory=list)

    def add(self, piece: Piece) -> None:
        start, self.length = self.length, self.length + len(piece.text)
        self.parts.append(piece.text)
        if piece.entity:
            self.spans.append({"start": start, "end": self.length, "entity": piece.entity})
        elif piece.decoy:
            self.decoys.append({"start": start, "end": self.length, "kind": piece.decoy})

    def record(self, record_id: str, kind: str) -> dict[str, Any]:
        """The JSON-ready record built so far."""
        text = "".join(self.parts)
        return {"id": record_id, "kind": kind, "text": text, "spans": self.spans,
                "decoys": self.decoys}  # fmt: skip


def is_clean(template: str) -> bool:
    """True when the template holds no placeholder for a sensitive value."""
    return set(_PLACEHOLDER.findall(template)) <= NON_SENSITIVE_PLACEHOLDERS


def _pick(pool: tuple[str, ...], rng: random.Random, clean: bool, k: int = 1) -> list[str]:
    candidates = [t for t in pool if is_clean(t)] if clean else list(pool)
    return rng.sample(candidates, min(k, len(candidates)))


def plan(kind: str, rng: random.Random, clean: bool) -> list[str]:
    """The templates one record of `kind` is made of, in order; only clean ones if `clean`."""
    if kind == "email":
        body = " ".join(_pick(EMAIL_BODIES, rng, clean, rng.randint(1, 3)))
        signoff = rng.choice(EMAIL_SIGNOFFS)
        if not clean:
            signoff += "\n" + rng.choice(EMAIL_SIGNATURES)
        return [*_pick(EMAIL_GREETINGS, rng, clean), body, signoff]
    openings: tuple[str, ...]
    exchanges: tuple[str, ...]
    closings: tuple[str, ...]
    if kind == "chat":
        openings, exchanges, closings = CHAT_OPENINGS, CHAT_EXCHANGES, CHAT_CLOSINGS
    else:
        openings, exchanges, closings = CALL_OPENINGS, CALL_EXCHANGES, CALL_CLOSINGS
        if kind == "call_spoken":
            exchanges += SPOKEN_EXCHANGES
    chosen = _pick(exchanges, rng, clean, rng.randint(1, 3))
    if rng.random() < 0.8:
        chosen = _pick(openings, rng, clean) + chosen
    if rng.random() < 0.6:
        chosen += _pick(closings, rng, clean)
    return chosen


def render(
    template: str, fill: Callable[[str], list[Piece]], spoken: bool, rng: random.Random
) -> list[Piece]:
    """Fill a template's placeholders; in ASR style the plain text is lowercased and stripped."""
    pieces: list[Piece] = []
    for i, part in enumerate(_PLACEHOLDER.split(template)):
        if i % 2:
            pieces.extend(fill(part))
        elif part:
            pieces.append(Piece(part))
    if not spoken:
        return pieces
    return [p if p.entity or p.decoy else Piece(_as_asr(p.text, rng)) for p in pieces]


def _as_asr(text: str, rng: random.Random) -> str:
    """Plain text the way an ASR engine emits it: no speakers, no case, few commas."""
    text = _SPEAKER_LABEL.sub("", text.lower().replace("-", " "))
    text = re.sub(",", lambda _: "," if rng.random() < 0.4 else "", text)
    return _NOT_SPOKEN.sub("", text)
