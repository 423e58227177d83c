"""The default set of detectors (en-US plus global), assembled at engine build."""

from __future__ import annotations

from callshield.core.detection.base import Detector
from callshield.core.detectors.address import StreetAddressDetector
from callshield.core.detectors.bank import IbanDetector, RoutingNumberDetector
from callshield.core.detectors.birth_dates import BirthYearDateDetector
from callshield.core.detectors.composed import ComposedNumberDetector
from callshield.core.detectors.contextual import contextual_detectors
from callshield.core.detectors.deny import DenyListDetector
from callshield.core.detectors.edi import EdiDetector
from callshield.core.detectors.email import EmailDetector
from callshield.core.detectors.european_address import EuropeanAddressDetector
from callshield.core.detectors.health import HealthInsuranceIdDetector
from callshield.core.detectors.id_documents import IdDocumentDetector
from callshield.core.detectors.keyed import KeyedDigitsDetector
from callshield.core.detectors.network import IpAddressDetector
from callshield.core.detectors.password import PasswordDetector
from callshield.core.detectors.payment import PaymentCardDetector
from callshield.core.detectors.person import PersonDetector
from callshield.core.detectors.phone import PhoneDetector, PhoneExtensionDetector
from callshield.core.detectors.record_id import RecordIdDetector
from callshield.core.detectors.records import FixedWidthRecordDetector
from callshield.core.detectors.secrets import AccessTokenDetector
from callshield.core.detectors.trailing import TRAILING, TrailingCueDetector
from callshield.core.detectors.us_taxid import TaxIdDetector
from callshield.core.detectors.username import UsernameDetector
from callshield.lexicons import load_name_lexicon


def default_detectors(deny_list: tuple[str, ...] = ()) -> list[Detector]:
    contextual = contextual_detectors()
    names = load_name_lexicon()
    detectors: list[Detector] = [
        PaymentCardDetector(),
        TaxIdDetector(),
        IbanDetector(),
        RoutingNumberDetector(),
        PhoneDetector(),
        PhoneExtensionDetector(),
        EmailDetector(),
        IpAddressDetector(),
        StreetAddressDetector(),
        EuropeanAddressDetector(),
        RecordIdDetector(),
        HealthInsuranceIdDetector(),
        KeyedDigitsDetector(),
        ComposedNumberDetector(),
        BirthYearDateDetector(),
        PersonDetector(names),
        *contextual,
        # (listening to the cue triggers of the detectors that read after their cue)
        TrailingCueDetector([t for d in contextual if d.entity in TRAILING for t in d.triggers]),
        PasswordDetector(),
        UsernameDetector(),
        AccessTokenDetector(),
        FixedWidthRecordDetector(names),
        EdiDetector(),
        IdDocumentDetector(),
    ]
    if deny_list:
        detectors.append(DenyListDetector(deny_list))
    return detectors
