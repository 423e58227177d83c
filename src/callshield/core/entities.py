"""The entity catalogue: every kind of sensitive value Callshield knows, with its data category.

Entities are values, never free strings: a finding names an `EntityType` from a `Catalogue`.
Locales group the entities that make sense for a market; `global` entities apply everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field


class UnknownEntityError(ValueError):
    """An entity name that the catalogue does not hold was asked for."""


class UnknownLocaleError(ValueError):
    """A locale that the catalogue does not hold was asked for."""


@dataclass(frozen=True, slots=True)
class EntityType:
    """One kind of sensitive value, e.g. PAYMENT_CARD in `financial.payment_card`."""

    name: str
    category: str
    description: str = ""
    #: PCI DSS sensitive authentication data: never stored, not even encrypted.
    sensitive_authentication_data: bool = False

    def __str__(self) -> str:
        return self.name

    def __hash__(self) -> int:
        # the name is the identity (a catalogue holds one type per name): hashing it alone
        # spares a tuple of the four fields on every set and dict lookup of a finding's type
        return hash(self.name)


PAYMENT_CARD = EntityType("PAYMENT_CARD", "financial.payment_card", "Primary account number")
CARD_CVV = EntityType(
    "CARD_CVV",
    "financial.payment_card.cvv",
    "Card security code",
    sensitive_authentication_data=True,
)
CARD_EXPIRY = EntityType("CARD_EXPIRY", "financial.payment_card.expiry", "Card expiry date")
US_SSN = EntityType("US_SSN", "government_id.us_ssn", "US Social Security number")
US_SSN_LAST4 = EntityType("US_SSN_LAST4", "government_id.us_ssn.last4", "Last four of an SSN")
#: The last four digits of a payment card said to identify it ("card ending in 4242", "L4
#: card 5904"): PCI DSS lets a receipt show them, but a caller's or a note's last four are the
#: answer to a verification question, which a social engineer collects. Its own entity, so a
#: deployment that keeps them visible leaves it out of its entities.
CARD_LAST4 = EntityType(
    "CARD_LAST4", "financial.payment_card.last4", "Last four digits of a payment card"
)
US_ITIN = EntityType("US_ITIN", "government_id.us_itin", "US taxpayer identification number")
BANK_ACCOUNT = EntityType("BANK_ACCOUNT", "financial.bank_account", "Bank account number")
ABA_ROUTING = EntityType("ABA_ROUTING", "financial.bank_account.routing", "ABA routing number")
IBAN = EntityType("IBAN", "financial.bank_account.iban", "International bank account number")
PHONE = EntityType("PHONE", "contact.phone", "Telephone number")
EMAIL = EntityType("EMAIL", "contact.email", "E-mail address")
IP_ADDRESS = EntityType("IP_ADDRESS", "online_identifier.ip_address", "IPv4 or IPv6 address")
#: A login's user name ("jdoe77", "louis.dasilva"): an online identifier, and often the
#: customer's own name.
USERNAME = EntityType("USERNAME", "online_identifier.username", "A login's user name")
DATE_OF_BIRTH = EntityType("DATE_OF_BIRTH", "personal.date_of_birth", "Date of birth")
PERSON = EntityType("PERSON", "personal.name", "A person's name")
STREET_ADDRESS = EntityType("STREET_ADDRESS", "contact.postal_address", "Street address")
US_ZIP = EntityType("US_ZIP", "contact.postal_address.zip", "US ZIP code in an address")
POSTCODE = EntityType(
    "POSTCODE",
    "contact.postal_address.postcode",
    "A postcode of another country (UK, Canada, Brazil, ...) after its cue",
)
US_DRIVER_LICENSE = EntityType(
    "US_DRIVER_LICENSE", "government_id.driver_license", "US driver's licence number"
)
US_PASSPORT = EntityType("US_PASSPORT", "government_id.passport", "US passport number")
NATIONAL_ID = EntityType(
    "NATIONAL_ID",
    "government_id.national_id",
    "Another country's national identity, tax or social-insurance number after its name"
    " (Canada's SIN, Brazil's CPF, France's NIR, Portugal's NIF)",
)
PIN = EntityType("PIN", "authentication.pin", "Personal identification number", True)
SECURITY_ANSWER = EntityType(
    "SECURITY_ANSWER", "authentication.security_answer", "Answer to a security question", True
)
PASSWORD = EntityType(
    "PASSWORD", "authentication.password", "A password said or typed in context", True
)
ONE_TIME_CODE = EntityType(
    "ONE_TIME_CODE",
    "authentication.one_time_code",
    "One-time passcode or verification code sent to the customer",
    True,
)
ACCESS_TOKEN = EntityType(
    "ACCESS_TOKEN",
    "authentication.access_token",
    "An API key, access token or private key (by its issuer's format), or a recovery code",
    True,
)
HEALTH_INSURANCE_ID = EntityType(
    "HEALTH_INSURANCE_ID",
    "health.insurance_id",
    "Medicare Beneficiary Identifier or health-plan member ID",
)
INSURANCE_POLICY = EntityType(
    "INSURANCE_POLICY",
    "financial.insurance_policy",
    "An insurance policy's number (auto, home, life; a health plan's is HEALTH_INSURANCE_ID)",
)
CUSTOMER_NUMBER = EntityType(
    "CUSTOMER_NUMBER",
    "personal.customer_number",
    "A customer's number with a business: a loyalty, rewards or frequent-flyer number, a CRM's"
    " customer ID (a unique identifier: Cal. Civ. Code 1798.140)",
)
DENY_LISTED = EntityType("DENY_LISTED", "custom.deny_list", "A term on the deployment's deny-list")
UNSCANNABLE = EntityType(
    "UNSCANNABLE", "system.unscannable", "A segment that could not be scanned (fail closed)"
)

BUILTIN_ENTITIES: tuple[EntityType, ...] = (
    PAYMENT_CARD,
    CARD_CVV,
    CARD_EXPIRY,
    US_SSN,
    US_SSN_LAST4,
    CARD_LAST4,
    US_ITIN,
    BANK_ACCOUNT,
    ABA_ROUTING,
    IBAN,
    PHONE,
    EMAIL,
    IP_ADDRESS,
    USERNAME,
    DATE_OF_BIRTH,
    PERSON,
    STREET_ADDRESS,
    US_ZIP,
    POSTCODE,
    US_DRIVER_LICENSE,
    US_PASSPORT,
    NATIONAL_ID,
    PIN,
    SECURITY_ANSWER,
    PASSWORD,
    ONE_TIME_CODE,
    ACCESS_TOKEN,
    HEALTH_INSURANCE_ID,
    INSURANCE_POLICY,
    CUSTOMER_NUMBER,
    DENY_LISTED,
    UNSCANNABLE,
)

#: Entities valid in every locale.
GLOBAL_ENTITIES = frozenset({IBAN, EMAIL, IP_ADDRESS, ACCESS_TOKEN, DENY_LISTED, UNSCANNABLE})

#: Locale -> the entities it adds to the global ones.
BUILTIN_LOCALES: Mapping[str, frozenset[EntityType]] = {
    "en-US": frozenset(BUILTIN_ENTITIES) - GLOBAL_ENTITIES,
}


@dataclass(frozen=True, slots=True)
class Catalogue:
    """An immutable set of entity types and the locales they belong to."""

    entities: Mapping[str, EntityType] = field(
        default_factory=lambda: {e.name: e for e in BUILTIN_ENTITIES}
    )
    locales: Mapping[str, frozenset[EntityType]] = field(
        default_factory=lambda: dict(BUILTIN_LOCALES)
    )

    def __iter__(self) -> Iterator[EntityType]:
        return iter(self.entities.values())

    def get(self, name: str) -> EntityType:
        """The entity called `name`; raises UnknownEntityError (fail closed) otherwise."""
        try:
            return self.entities[name.upper()]
        except KeyError:
            known = ", ".join(sorted(self.entities))
            raise UnknownEntityError(f"unknown entity {name!r}; known entities: {known}") from None

    def resolve(self, names: Iterable[str | EntityType]) -> frozenset[EntityType]:
        """Entity types for names (or types); every name must be known."""
        out: set[EntityType] = set()
        for item in names:
            out.add(item if isinstance(item, EntityType) else self.get(item))
        return frozenset(out)

    def for_locales(self, locales: Iterable[str]) -> frozenset[EntityType]:
        """All entities that apply to the given locales (plus the global ones)."""
        out: set[EntityType] = set(GLOBAL_ENTITIES)
        for locale in locales:
            if locale not in self.locales:
                known = ", ".join(sorted(self.locales))
                raise UnknownLocaleError(f"unknown locale {locale!r}; known locales: {known}")
            out |= self.locales[locale]
        custom = {e for e in self.entities.values() if e not in BUILTIN_ENTITIES}
        return frozenset(out | custom)

    def with_entities(self, extra: Iterable[EntityType]) -> Catalogue:
        """A new catalogue that also holds `extra` (custom entities from a deployment)."""
        merged = dict(self.entities)
        for entity in extra:
            existing = merged.get(entity.name)
            if existing is not None and existing != entity:
                raise ValueError(f"entity {entity.name!r} is already defined differently")
            merged[entity.name] = entity
        return Catalogue(merged, self.locales)
