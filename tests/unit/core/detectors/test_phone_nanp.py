"""The direct North American path of the phone detector (`_nanp`) agrees with libphonenumber's
`parse` on every shape a bare 10- or 11-digit number is written in (it exists to skip `parse`)."""

from __future__ import annotations

import random

import phonenumbers

from callshield.core.detection.base import only_digits
from callshield.core.detectors import phone


def _by_parse(raw: str) -> int | None:
    for region in ("US", "CA"):
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number_for_region(number, region):
            return int(number.national_number)
    return None


def test_direct_nanp_validation_matches_parse() -> None:
    rng = random.Random(20261129)
    valid = 0
    for _ in range(5000):
        d = "".join(rng.choice("0123456789") for _ in range(10))
        if rng.random() < 0.3:
            d = "1" + d
        area, exchange, line = d[-10:-7], d[-7:-4], d[-4:]
        prefix = "1 " if len(d) == 11 else ""
        raw = rng.choice(
            [d, f"({area}) {exchange}-{line}", f"{area}.{exchange}.{line}",
             f"{prefix}{area}-{exchange}-{line}"]
        )  # fmt: skip
        ours = phone._nanp(only_digits(raw))
        expected = _by_parse(raw)
        assert (None if ours is None else int(ours.national_number)) == expected
        valid += expected is not None
    assert 500 < valid < 4500  # both outcomes are exercised
