"""One table of positives and negatives per entity family, through the whole engine.

Values are synthetic: published test card numbers, the SSA's advertising SSN 078-05-1120,
Faker-style made-up names, RFC 2606 / 5737 example domains and addresses.
"""

from __future__ import annotations

import pytest

from callshield import Engine
from callshield.core.detectors.values import national_id_ok
from factories import found

#: A test card in Arabic-Indic digits, and in mathematical bold digits.
_ARABIC_CARD = "4111 1111 1111 1111".translate({ord(d): 0x660 + int(d) for d in "0123456789"})
_BOLD_CARD = "4111 1111 1111 1111".translate({ord(d): 0x1D7CE + int(d) for d in "0123456789"})

# (text, expected (entity, value) findings: exactly these, in order)
CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # payment cards: brands, lengths, separators; Luhn and issuer ranges
    ("visa-16", "card 4111 1111 1111 1111", [("PAYMENT_CARD", "4111 1111 1111 1111")]),
    ("visa-13", "4222222222222 on file", [("PAYMENT_CARD", "4222222222222")]),
    ("mc-2series", "use 2223-0031-2200-3222", [("PAYMENT_CARD", "2223-0031-2200-3222")]),
    ("amex-dots", "amex 3782.822463.10005", [("PAYMENT_CARD", "3782.822463.10005")]),
    ("discover", "6011000990139424", [("PAYMENT_CARD", "6011000990139424")]),
    ("jcb", "3530111333300000", [("PAYMENT_CARD", "3530111333300000")]),
    ("maestro", "6759649826438453", [("PAYMENT_CARD", "6759649826438453")]),
    ("visa-19", "pan 4111111111111111110", [("PAYMENT_CARD", "4111111111111111110")]),
    ("luhn-fail-free", "ref 4111 1111 1111 1112 ok", []),
    (
        "luhn-fail-asked",
        "can I get the card number? 4111 1111 1111 1112",
        [("PAYMENT_CARD", "4111 1111 1111 1112")],
    ),
    ("order-number-luhn", "order number 4111111111111111 shipped", []),
    # marks no number is written with, put between its groups to hide it from a filter
    ("card-tildes", "card 4111~1111~1111~1111", [("PAYMENT_CARD", "4111~1111~1111~1111")]),
    ("card-carets", "4111^1111^1111^1111", [("PAYMENT_CARD", "4111^1111^1111^1111")]),
    ("card-bullets", "card 4111•1111•1111•1111", [("PAYMENT_CARD", "4111•1111•1111•1111")]),
    ("ssn-asterisks", "ssn 536*90*4172", [("US_SSN", "536*90*4172")]),
    ("product-not-a-number", "x = 2*3 and 10*20", []),
    # digits Unicode files as other numbers (No): superscripts, subscripts, circled
    ("card-superscript", "card ⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹", [("PAYMENT_CARD", "⁴¹¹¹ ¹¹¹¹ ¹¹¹¹ ¹¹¹¹")]),
    ("card-circled", "card ④①①①①①①①①①①①①①①①", [("PAYMENT_CARD", "④①①①①①①①①①①①①①①①")]),
    # a business's reference hides a card only where it labels the number
    (
        "order-far-from-the-card",
        "my order was paid with 4111111111111111",
        [("PAYMENT_CARD", "4111111111111111")],
    ),
    ("ticket-label", "ticket #5555555555554444", []),
    ("employee-id-label", "Employee ID 637457913100", []),
    ("id-alone-is-no-label", "my id is 4111111111111111", [("PAYMENT_CARD", "4111111111111111")]),
    ("imei-further-back", "the imei of my phone is 356938035643809", []),
    (
        "order-label-then-expiry",
        "order id: 4111111111111111 exp 11/27 cvv 123",
        [("PAYMENT_CARD", "4111111111111111"), ("CARD_EXPIRY", "11/27"), ("CARD_CVV", "123")],
    ),
    (
        "order-luhn-not-a-brand-then-expiry",
        "order id: 0000000000000000 exp 11/27",
        [("CARD_EXPIRY", "11/27")],
    ),
    ("imei", "the imei is 356938035643809", []),
    (
        "card-then-more",
        "4111 1111 1111 1111 123",
        [("PAYMENT_CARD", "4111 1111 1111 1111"), ("CARD_CVV", "123")],
    ),
    # health insurance: a Medicare Beneficiary Identifier (CMS's synthetic example) and a
    # plan's member ID, after their cues (not alone: see core/detectors/health.py)
    (
        "mbi-dashed",
        "my medicare number is 1EG4-TE5-MK73",
        [("HEALTH_INSURANCE_ID", "1EG4-TE5-MK73")],
    ),
    ("mbi-label", "MBI: 1EG4TE5MK73", [("HEALTH_INSURANCE_ID", "1EG4TE5MK73")]),
    ("mbi-lowercase-cued", "my mbi is 1eg4te5mk73", [("HEALTH_INSURANCE_ID", "1eg4te5mk73")]),
    ("mbi-alone", "the card says 1EG4TE5MK73 on it", []),
    ("mbi-inside-a-code", "the medicare sku is X-1EG4TE5MK73-Y", []),
    ("member-id", "my member id is XGH123456789", [("HEALTH_INSURANCE_ID", "XGH123456789")]),
    (
        "member-id-grouped",
        "and the subscriber number is W 1234 5678, thanks",
        [("HEALTH_INSURANCE_ID", "W 1234 5678")],
    ),
    ("member-id-too-short", "my member id is 12345", []),
    # a member ID in a record: after a JSON key's quote, an "=", an XML element's ">"
    ("member-id-json", '{"member_id":"XHP123456789"}', [("HEALTH_INSURANCE_ID", "XHP123456789")]),
    (
        "member-id-logfmt",
        "member_id=XHP123456789 plan=gold",
        [("HEALTH_INSURANCE_ID", "XHP123456789")],
    ),
    (
        "member-id-xml",
        "<MemberId>XHP123456789</MemberId>",
        [("HEALTH_INSURANCE_ID", "XHP123456789")],
    ),
    # the caller's line in a contact center's records
    ("caller-id-key", '{"caller_id":"(312) 555-0177"}', [("PHONE", "(312) 555-0177")]),
    ("msisdn-key", '{"msisdn":"3125550177"}', [("PHONE", "3125550177")]),
    # (a customer's ID with a phone's ten digits is the customer's number, not a phone)
    (
        "customer-id-is-no-phone",
        '{"customer_id":"3125550177"}',
        [("CUSTOMER_NUMBER", "3125550177")],
    ),
    ("member-id-no-digits", "the member id is on the back", []),
    # a member ID as a form or a note writes its label, and one given after a few words on the
    # customer's turn
    ("member-id-hash", "Member # 37562260. Call me", [("HEALTH_INSURANCE_ID", "37562260")]),
    (
        "member-id-next-turn",
        "Agent: and your member id\nCustomer: alright it's seven oh six six nine oh oh one five",
        [("HEALTH_INSURANCE_ID", "seven oh six six nine oh oh one five")],
    ),
    # read from the card it is printed on: "on my card" names no card's value
    (
        "member-id-on-my-card-meeting-transcript",
        "Can I get your member ID?\n\nLaura Berry   1:13\nSure, it's on my card, ZGP200188372.\n",
        [("PERSON", "Laura Berry"), ("HEALTH_INSURANCE_ID", "ZGP200188372")],
    ),
    # an insurance policy's number (the CCPA names it as personal information: Cal. Civ. Code
    # 1798.80(e)), after its cue, written, spoken, with a prefix, or in a claim's note
    (
        "policy-hash",
        "RTN: 011000015, policy # 386560178, lives",
        [("ABA_ROUTING", "011000015"), ("INSURANCE_POLICY", "386560178")],
    ),
    ("policy-key", 'policy_no: "6773 1344 036"', [("INSURANCE_POLICY", "6773 1344 036")]),
    ("policy-prefix", '"policy_no": "PL-14615044"', [("INSURANCE_POLICY", "PL-14615044")]),
    (
        "policy-spoken",
        "Agent: what's your policy number\nCaller: um three oh two oh five nine four oh six",
        [("INSURANCE_POLICY", "three oh two oh five nine four oh six")],
    ),
    (
        "policy-bare-in-a-claim",
        "Filing a claim: Ana Ruiz, policy 13650541. Accident",
        [("PERSON", "Ana Ruiz"), ("INSURANCE_POLICY", "13650541")],
    ),
    ("policy-es", "mi número de póliza es 4417902", [("INSURANCE_POLICY", "4417902")]),
    # another policy: a fare's waiver, an amount, the word before the number in lower case
    ("policy-waiver", "Fare diff waived per policy (weather waiver 2021-49).", []),
    ("policy-amount", "the deductible on that policy is 1022.78", []),
    ("policy-no-prefix-word", "the policy number is on your card", []),
    ("medicare-no-id", "i have medicare part b and my copay is 20 dollars", []),
    ("cvv-cue", "the security code is 737", [("CARD_CVV", "737")]),
    (
        "card-expiry-cvv-slashes",
        "card: 5555-5555-5555-4444 / 12/26 / 737",
        [("PAYMENT_CARD", "5555-5555-5555-4444"), ("CARD_EXPIRY", "12/26"), ("CARD_CVV", "737")],
    ),
    ("expiry-cue", "it expires 08/27", [("CARD_EXPIRY", "08/27")]),
    ("bare-three-digits", "I have 737 points", []),
    ("bare-date", "see you 08/27", []),
    # SSN / ITIN / last four
    ("ssn-dashed", "ssn 123-45-6789", [("US_SSN", "123-45-6789")]),
    ("ssn-invalid-asked", "what's your social? 078-05-1120", [("US_SSN", "078-05-1120")]),
    ("ssn-invalid-free", "code 000-12-3456 here", []),
    ("itin", "my ITIN is 912-70-1234", [("US_ITIN", "912-70-1234")]),
    ("ssn-last4", "the last four of my social is 6789", [("US_SSN_LAST4", "6789")]),
    # banking
    ("routing", "routing number 021000021", [("ABA_ROUTING", "021000021")]),
    # a cheque's numbers read out in their order: the routing number, then the account
    (
        "routing-check-bottom",
        "agent: can you read me the numbers at the bottom of the check\ncustomer: the first "
        "one is oh two six oh oh nine five nine three then six six four four nine six seven "
        "three eight two",
        [
            ("ABA_ROUTING", "oh two six oh oh nine five nine three"),
            ("BANK_ACCOUNT", "six six four four nine six seven three eight two"),
        ],
    ),
    (
        "routing-then-account",
        "routing 021000021 and then 518361413817",
        [("ABA_ROUTING", "021000021"), ("BANK_ACCOUNT", "518361413817")],
    ),
    # (a short number after it is no account: a cheque's own number)
    ("routing-then-check-no", "routing 021000021 1284", [("ABA_ROUTING", "021000021")]),
    # groups apart by commas, where speech-to-text heard pauses; a list is no value
    ("ssn-commas-asked", "your social? Okay, it's 401, 46 6190.", [("US_SSN", "401, 46 6190")]),
    ("ssn-commas-free", "I bought 401, 46 6190 items", []),
    ("routing-commas", "routing number? Sure, 021, 000 021.", [("ABA_ROUTING", "021, 000 021")]),
    # (a dash between blanks: how speech-to-text writes a pause between groups)
    ("routing-spaced-dash", "Routing is 026, 009 - 593.", [("ABA_ROUTING", "026, 009 - 593")]),
    # (phone groups apart by commas after groups of three, and an ellipsis glued to a group)
    ("phone-commas", "callback number? 646, 555, 0195.", [("PHONE", "646, 555, 0195")]),
    ("phone-glued-dots", "callback number? 312 555... 0141.", [("PHONE", "312 555... 0141")]),
    ("zip4-comma-phone", "SC 29183-9343, 713-974-3423", [("PHONE", "713-974-3423")]),
    # a number named after it, and someone else's number
    (
        "phone-named-after",
        "spk_1: four one five five five five oh double one six that's my cell now",
        [("PHONE", "four one five five five five oh double one six")],
    ),
    ("phone-is-my-cell", "4155550116 is my cell", [("PHONE", "4155550116")]),
    ("phone-his-number", "and his number is 2065550115.", [("PHONE", "2065550115")]),
    # (another identifier right before it still wins)
    ("order-named-my-number", "order 4155550116 is my number", []),
    ("account-spaced-dash", "account number? 538 - 218 - 44", [("BANK_ACCOUNT", "538 - 218 - 44")]),
    ("amount-commas", "a balance of $12,345,678.90 today", []),
    # speech-to-text's tags for sounds, between a cue and its value, or inside a number
    ("noise-tag-name", "who am i speaking with?\nyeah it's [beep] Eloy.", [("PERSON", "Eloy")]),
    ("noise-tag-sil", "may i have your name\nyeah <sil> it's Joshua", [("PERSON", "Joshua")]),
    (
        "noise-tag-card",
        "card number? four one one one [baby crying] one one one one one one one one one one "
        "one one",
        [
            (
                "PAYMENT_CARD",
                "four one one one [baby crying] one one one one one one one one one one one one",
            )
        ],
    ),
    # a help desk's JSON: a signature over escaped line breaks, a quoted answer in a note
    (
        "json-escaped-signature",
        '{"description": "Refund me please.\\n\\nThanks,\\nCynthia Morton\\n8510 Michael Crossing'
        ' Apt. 125\\nEstesport, PA 05092", "status": "open"}',
        [
            ("PERSON", "Cynthia Morton"),
            ("STREET_ADDRESS", "8510 Michael Crossing Apt. 125\\nEstesport, PA"),
            ("US_ZIP", "05092"),
        ],
    ),
    (
        "security-answer-quoted",
        "Customer confirmed security answer 'Jared'. Updated.",
        [("SECURITY_ANSWER", "Jared")],
    ),
    # a YAML record's first address line under its "address" key (not any "line1")
    (
        "address-line1",
        "customer:\n  address:\n    line1: Vogtstraße 642\n    city: Wolfenbüttel\n",
        [("STREET_ADDRESS", "Vogtstraße 642")],
    ),
    ("line1-no-address", "Line1: Error 42 in Main", []),
    # an agent's shorthand for the last four of the social
    ("ssn-l4s", "v'd w/ dob + l4s 9960.", [("US_SSN_LAST4", "9960")]),
    # an SSN's mask alone says whose last four are left (escaped in XML, in full-width digits)
    ("ssn-mask-on-file", "SSN on file: ***-**-8979", [("US_SSN_LAST4", "8979")]),
    ("ssn-mask-escaped", "expected: &lt;***-**-0603&gt; but", [("US_SSN_LAST4", "0603")]),
    ("ssn-mask-fullwidth", "SSN on file: ***-**-８９７９", [("US_SSN_LAST4", "８９７９")]),
    ("ssn-mask-circles", "ssn on file ●●●-●●-0750 ok", [("US_SSN_LAST4", "0750")]),
    # a message that opens with its writer's first name, and "here" that names no one
    (
        "first-name-here-opens",
        'from=+12675550169 body="Madeline here, card ending 9424 was declined"',
        [("PHONE", "+12675550169"), ("PERSON", "Madeline"), ("CARD_LAST4", "9424")],
    ),
    ("here-names-no-one", "I am over here. Still here, thanks.", []),
    # Jira's emphasis around a name; a name broken up by joiners of no width
    (
        "jira-emphasis",
        "Customer *Matthew Fagiani* (fagiani.matthew49@example.com) reported it",
        [("PERSON", "Matthew Fagiani"), ("EMAIL", "fagiani.matthew49@example.com")],
    ),
    (
        "zero-width-joiners-in-a-name",
        "customer An\u200dth\u200dony Os\u200dborne:\ncard: 4111 1111 1111 1111",
        [
            ("PERSON", "An\u200dth\u200dony Os\u200dborne"),
            ("PAYMENT_CARD", "4111 1111 1111 1111"),
        ],
    ),
    # Markdown's bold around a value
    ("bold-value", "Name: **Riccardo Federico**", [("PERSON", "Riccardo Federico")]),
    # an account's groups apart by speech-to-text's pauses: a comma, a hesitation, dots
    (
        "account-groups-over-pauses",
        "and the account number?\nSure, nine two one oh um, 5089, six three.",
        [("BANK_ACCOUNT", "nine two one oh um, 5089, six three")],
    ),
    (
        "account-groups-over-dots",
        "can i get your loan number?\nUh, 5788 8270 ... eight seven.",
        [("BANK_ACCOUNT", "5788 8270 ... eight seven")],
    ),
    ("account-then-a-count", "account 12345678, 2 items shipped", [("BANK_ACCOUNT", "12345678")]),
    # a number split by a correction, neither part a value alone: the question names it, one
    # reading of the parts is such a value, and the whole stretch is redacted
    (
        "composed-card",
        "How would you like to pay today?\n6011 uh 1111 18 -- sorry, scratch that, 1111 1117.",
        [("PAYMENT_CARD", "6011 uh 1111 18 -- sorry, scratch that, 1111 1117")],
    ),
    (
        "composed-ssn",
        "What's your social security number, all nine digits?\n153 4... i mean 30 7472.",
        [("US_SSN", "153 4... i mean 30 7472")],
    ),
    (
        "composed-routing-over-an-account-cue",
        "the routing number for the bank account.\n109 519 71 -- sorry, scratch that, 748.",
        [("ABA_ROUTING", "109 519 71 -- sorry, scratch that, 748")],
    ),
    (
        "composed-phone",
        "Can you verify the phone number?\n312 52... i mean 555 0100.",
        [("PHONE", "312 52... i mean 555 0100")],
    ),
    ("composed-unasked", "I have 12 no wait 15 items and 3 sorry 4 boxes", []),
    # the words that take a number back, said inside the value, are redacted with it
    (
        "correction-words",
        "and the account number? 176 no wait 1753 4286 30.",
        [("BANK_ACCOUNT", "176"), ("BANK_ACCOUNT", "no wait"), ("BANK_ACCOUNT", "1753 4286 30")],
    ),
    (
        "correction-words-after",
        "the pin is 4729, no sorry, 4739.",
        [("PIN", "4729"), ("PIN", "no sorry"), ("PIN", "4739")],
    ),
    (
        # a birth date with its month's name, its year taken back: one value on to the year
        "dob-year-corrected",
        "agent: and their date of birth\n"
        "caller: september eighteen nineteen sixty two, scratch that, sixty three",
        [
            (
                "DATE_OF_BIRTH",
                "september eighteen nineteen sixty two, scratch that, sixty three",
            )
        ],
    ),
    (
        "dob-then-no-year",
        "my date of birth is march 3 1980, no sorry, the bill is 75 dollars",
        [("DATE_OF_BIRTH", "march 3 1980")],
    ),
    ("bracketed-words-no-tag", "[see attached] call me at (four one five) later", []),
    ("account", "my checking account number is 12345678", [("BANK_ACCOUNT", "12345678")]),
    (
        "iban-gb",
        "IBAN GB82 WEST 1234 5698 7654 32 thanks",
        [("IBAN", "GB82 WEST 1234 5698 7654 32")],
    ),
    ("iban-de", "DE89370400440532013000", [("IBAN", "DE89370400440532013000")]),
    ("iban-bad", "GB82 WEST 1234 5698 7654 33", []),
    # a value named an IBAN whose check digits fail (a digit misheard) is still one: the
    # checksum demotes, it does not veto; not a country's code in lower case ("is 1764...")
    (
        "iban-bad-named",
        "my IBAN is GB82 WEST 1234 5698 7654 33",
        [("IBAN", "GB82 WEST 1234 5698 7654 33")],
    ),
    ("iban-named-then-is", "the IBAN is fine, the number is 1764689301234567", []),
    # contact
    ("phone-us", "call me at (415) 555-0132", [("PHONE", "(415) 555-0132")]),
    # a call's reference number said with "call" in its cue ("today's call"): no phone; a
    # phone's own cue nearer still is one
    (
        "phone-not-a-call-s-reference",
        "AGENT: your reference number for today's call is k y four oh two six nine one seven\n"
        "CALLER: uh hold on let me write that down",
        [],
    ),
    # a company's toll-free line after "my" in an earlier sentence ("My pleasure."): no
    # caller's; "me" in its own sentence still makes it one
    (
        "phone-toll-free-after-my-pleasure",
        "Agent: My pleasure. Our number is 1-877-555-0189 if anything comes up.",
        [],
    ),
    ("phone-toll-free-mine", "you can reach me at 1-877-555-0189", [("PHONE", "1-877-555-0189")]),
    # a department's extension (theirs, after "disconnected"), or a toll-free line's with a
    # digit before it ("Tier 2"): the company's; a caller's "ask for extension" is theirs
    (
        "extension-of-a-toll-free-line-after-a-digit",
        "<p>Thanks,<br>Jen<br>Tier 2 Support &middot; (888) 555-0123 ext. 2621</p>",
        [],
    ),
    (
        "extension-their-direct",
        "customer: my cell is 415 555 0132\nagent: I'm transferring you to fraud, their"
        " direct extension is 267",
        [("PHONE", "415 555 0132")],
    ),
    (
        "extension-if-we-get-disconnected",
        "customer: my cell is 415 555 0132\nagent: if we get disconnected ask for extension 5241",
        [("PHONE", "415 555 0132")],
    ),
    (
        "extension-the-caller-s-front-desk",
        "customer: it's 415 555 0132, it goes to the front desk so ask for extension 5994.",
        [("PHONE", "415 555 0132"), ("PHONE", "5994")],
    ),
    (
        "phone-call-before-today-s-call",
        "you can call 402 691 7222 for today's call",
        [("PHONE", "402 691 7222")],
    ),
    # an extension is part of the number: with the company's main line it reaches the person
    ("phone-ext", "call 212-555-0187 ext. 44", [("PHONE", "212-555-0187 ext. 44")]),
    (
        "phone-extension-word",
        "my work number is (212) 555-0187 extension 3321",
        [("PHONE", "(212) 555-0187 extension 3321")],
    ),
    # 011: what a US caller dials before another country's code
    ("phone-dialled-abroad", "011 44 20 7946 0958 works", [("PHONE", "011 44 20 7946 0958")]),
    ("phone-uk-0116-cued", "phone: 0116 496 0123", [("PHONE", "0116 496 0123")]),
    ("not-phone-011-digits", "ref 01123456789 closed", []),
    ("phone-intl", "my number is +44 20 7946 0958", [("PHONE", "+44 20 7946 0958")]),
    ("email", "write to jane.doe@example.com.", [("EMAIL", "jane.doe@example.com")]),
    (
        "email-quoted-local",
        'write to "jane doe"@example.com today',
        [("EMAIL", '"jane doe"@example.com')],
    ),
    ("not-email-stray-quotes", 'bad"quotes"@example.com', []),
    # combining marks are part of an address: a decomposed "ñ", Devanagari vowel signs
    (
        "email-decomposed",
        "write to n\u0303o\u0303@example.com",
        [("EMAIL", "n\u0303o\u0303@example.com")],
    ),
    ("email-devanagari", "पता राम@मोहन.ईन्फो है", [("EMAIL", "राम@मोहन.ईन्फो")]),
    ("ip4", "my ip is 192.0.2.44", [("IP_ADDRESS", "192.0.2.44")]),
    ("ip6", "from 2001:db8::8a2e:370:7334 today", [("IP_ADDRESS", "2001:db8::8a2e:370:7334")]),
    ("version", "running version 1.2.3.4 now", []),
    ("time-not-ip", "at 10:30:45 today", []),
    # personal
    ("dob", "date of birth is March 3, 1985", [("DATE_OF_BIRTH", "March 3, 1985")]),
    ("plain-date", "I called on March 3, 2024", []),
    ("person-asr", "yeah my name is john smith", [("PERSON", "john smith")]),
    # a name the e-mail address after it spells, whatever lists hold its words
    (
        "person-spelled-by-address",
        '["SO19458792", "Kyano Berends", "berends.kyano@inbox.example.net"]',
        [("PERSON", "Kyano Berends"), ("EMAIL", "berends.kyano@inbox.example.net")],
    ),
    (
        "person-spelled-by-address-initial",
        'From: "H.-Dieter Mude" <h.-dieter.mude@example.com>',
        [("PERSON", "H.-Dieter Mude"), ("EMAIL", "h.-dieter.mude@example.com")],
    ),
    (
        "person-not-a-team-address",
        "Customer Service <customer.service@example.com>",
        [("EMAIL", "customer.service@example.com")],
    ),
    (
        "person-not-a-word-the-address-spells",
        "Billing Team at billingteam@example.com",
        [("EMAIL", "billingteam@example.com")],
    ),
    # a Spanish-speaking caller's values, said in Spanish
    (
        "spanish-ssn-last4",
        "Agente: necesito los últimos cuatro del seguro social\nCliente: nueve dos cero uno",
        [("US_SSN_LAST4", "nueve dos cero uno")],
    ),
    (
        "spanish-ssn-with-eh",
        "el número de seguro social completo: siete cuatro cuatro tres seis eh uno uno ocho uno",
        [("US_SSN", "siete cuatro cuatro tres seis eh uno uno ocho uno")],
    ),
    (
        "spanish-email",
        "correo electrónico: javier punto salazar arroba aol punto com",
        [("EMAIL", "javier punto salazar arroba aol punto com")],
    ),
    # a Brazilian's or a Québécois caller's values, said in Portuguese or French
    (
        "portuguese-phone",
        "Atendente: And a callback number?\nCliente: É sete sete três cinco cinco cinco quatro"
        " nove cinco oito.",
        [("PHONE", "sete sete três cinco cinco cinco quatro nove cinco oito")],
    ),
    (
        "portuguese-email",
        "Atendente: Qual o seu e-mail?\nCliente: É henrique85 arroba icloud ponto com.",
        [("EMAIL", "henrique85 arroba icloud ponto com")],
    ),
    (
        "french-card-in-pairs-and-cvv",
        "SPEAKER_00 0:55  Pour le paiement, le numéro de carte?\nSPEAKER_01 0:58  trente-six,"
        " vingt-deux, soixante-douze, zéro six, vingt-sept, seize, soixante-sept.\n"
        "SPEAKER_00 1:07  Et le cryptogramme au dos?\nSPEAKER_01 1:10  cinq cinq six",
        [
            (
                "PAYMENT_CARD",
                "trente-six, vingt-deux, soixante-douze, zéro six, vingt-sept, seize,"
                " soixante-sept",
            ),
            ("CARD_CVV", "cinq cinq six"),
        ],
    ),
    (
        "french-phone-said",
        "Agent: Un numéro pour vous rejoindre?\nClient: cinq un quatre, cinq cinq cinq, zéro un"
        " neuf trois.",
        [("PHONE", "cinq un quatre, cinq cinq cinq, zéro un neuf trois")],
    ),
    (
        "french-email",
        "Agent: Votre adresse courriel?\nClient: francoise point bernard5 arobase gmail point com",
        [("EMAIL", "francoise point bernard5 arobase gmail point com")],
    ),
    # a label's "Surname, First" is no sentence's elision ("Oui, c'est ...": yes, it's)
    (
        "no-inverted-name-in-an-elision",
        "Client: Oui, c'est michel.dupont@gmail.com",
        [("EMAIL", "michel.dupont@gmail.com")],
    ),
    # a speaker's label with the time after it ("SPEAKER_01 1:10  "): no number in the gap
    # between a question and its answer
    (
        "answer-after-a-label-and-its-time",
        "SPEAKER_00 1:07  And your pin?\nSPEAKER_01 1:10  five five six two.",
        [("PIN", "five five six two")],
    ),
    # someone added to the account, named after the cue; a request in another clause of the
    # line asks for no name on the next line ("..., her name is nicole bowman\nAgent: sure")
    (
        "person-authorized-user",
        "Member: also can you add my son as an authorized user austin cole\nAgent: sure",
        [("PERSON", "austin cole")],
    ),
    (
        "person-stated-after-request",
        "Member: can you add my wife, her name is nicole bowman\nAgent: sure",
        [("PERSON", "nicole bowman")],
    ),
    ("person-caps", "Dan Tailor called", [("PERSON", "Dan Tailor")]),
    ("person-mr", "thanks Mr. Mayers", [("PERSON", "Mayers")]),
    ("greeting-name", "hi sarah, how can i help", [("PERSON", "sarah")]),
    ("greeting-no-name", "thank you for calling acme support", []),
    (
        "iban-lowercase",
        "hey iban gb82west12345698765432",
        [("IBAN", "gb82west12345698765432")],
    ),
    # a first name right before "at" and an address or a number
    (
        "person-at-contact",
        "you can reach Mike at (415) 555-0132 anytime",
        [("PERSON", "Mike"), ("PHONE", "(415) 555-0132")],
    ),
    (
        "person-at-contact-tab",
        "Email Dana\tat dana.k@example.org",
        [("PERSON", "Dana"), ("EMAIL", "dana.k@example.org")],
    ),
    ("not-person-look-at", "Look at 415-555-0132 for hours", [("PHONE", "415-555-0132")]),
    (
        "person-list",
        "Surprisingly, John, Shaun, and Ron finished early",
        [("PERSON", "John"), ("PERSON", "Shaun"), ("PERSON", "Ron")],
    ),
    ("not-person-places", "we have offices in Dallas, Austin and Houston", []),
    # the answer to "your name or ...?" is the next line, when it is a full name alone
    (
        "person-answer-next-line",
        "agent: your full name or account ID please\ncustomer: Alessandro Phoenix",
        [("PERSON", "Alessandro Phoenix")],
    ),
    (
        "not-person-answer-next-line",
        "agent: your name or order number?\ncustomer: order status please",
        [],
    ),
    ("will-verb", "i will call you back", []),
    ("may-month", "it may arrive in may", []),
    ("will-name", "my name is will", [("PERSON", "will")]),
    ("introduced-from", "Hi, this is Priya from billing.", [("PERSON", "Priya")]),
    ("not-introduced-lowercase", "this is something from the store", []),
    ("not-introduced-next-sentence", "Customer: Yes I am.\nCustomer: I'm calling about it", []),
    ("hyphenated-first-name", "my name is jean-pierre dubois", [("PERSON", "jean-pierre dubois")]),
    ("hyphenated-after-weak-cue", "hi, i'm mary-kate olsen", [("PERSON", "mary-kate olsen")]),
    ("not-hyphenated-name", "i'm well-known around here", []),
    ("surname-introduced", "yes this is kowalski speaking", [("PERSON", "kowalski")]),
    ("surname-not-introduced", "this is kowalski", []),
    ("bye-is-no-surname", "thank you, bye bye.", []),
    # another country's postcode after a ZIP's cue: its own entity, in its own shape
    ("postcode-british-json", '"zip": "YO8H 7TT"', [("POSTCODE", "YO8H 7TT")]),
    ("postcode-british-lowercase", "my postcode is sw1a 1aa thanks", [("POSTCODE", "sw1a 1aa")]),
    (
        "postcode-canadian-answer",
        "Agent: Et le code postal?\nClient: R7K 7T2.",
        [("POSTCODE", "R7K 7T2")],
    ),
    ("postcode-brazilian-cep", "CEP: 39884-619", [("POSTCODE", "39884-619")]),
    ("postcode-dutch", "Postcode: 6776 DN Zuidveen", [("POSTCODE", "6776 DN")]),
    ("postcode-us-zip-plus-4-stays-a-zip", "zip 12345-6789", [("US_ZIP", "12345-6789")]),
    ("postcode-needs-its-cue", "ref SW1A 1AA and order 6776 DN", []),
    # a telephone number's URI scheme is the number's: redacted with it
    (
        "phone-tel-uri",
        '"phoneNumbers": [{"value": "tel:+16025550156", "type": "mobile"}]',
        [("PHONE", "tel:+16025550156")],
    ),
    # a claim form's insured's ID, an account named in Spanish, a prefix in small letters
    (
        "member-id-cms-1500",
        "1a. INSURED'S I.D. NUMBER: W986629979\n2. PATIENT'S NAME",
        [("HEALTH_INSURANCE_ID", "W986629979")],
    ),
    ("account-cuenta", "ya pagué, cuenta 69991097885, email", [("BANK_ACCOUNT", "69991097885")]),
    ("account-cuenta-no-number", "tu cuenta tiene 3 mensajes", []),
    (
        "account-small-letter-prefix",
        "the loan account number is w391237939",
        [("BANK_ACCOUNT", "w391237939")],
    ),
    ("account-small-letter-ticket", "account ref inc1234567", []),
    # an address's second line, a field of its own
    (
        "street-line-two-form",
        "Address line 2: Suite 1410\nCity: Dover",
        [("STREET_ADDRESS", "Suite 1410")],
    ),
    ("street-line-two-json", '{"line2": "Apt 24", "x": 1}', [("STREET_ADDRESS", "Apt 24")]),
    ("street-line-two-hash", '"address2": "#706", "city"', [("STREET_ADDRESS", "#706")]),
    ("street-line-two-no-unit", "see line 2: apt to be removed", []),
    # a portal's page in a screenshot's text: who is logged in (a surname OCR misread, in no
    # name list: the cue says it is a name)
    (
        "person-logged-in-as",
        "Valley Broadband | Customer Portal        Logged in as Dylan Bcck\n=====",
        [("PERSON", "Dylan Bcck")],
    ),
    ("person-logged-in-as-a-role", "you are logged in as administrator", []),
    # a date of birth kept as a record's parts, whole; a year of birth asked for
    (
        "dob-parts-json",
        '"date_of_birth": {"year": "1944", "month": "3", "day": "8"}, "x": 1',
        [("DATE_OF_BIRTH", '{"year": "1944", "month": "3", "day": "8"}')],
    ),
    (
        "dob-parts-json-pretty",
        '"birthDate": {\n    "day": 25,\n    "month": 10,\n    "year": 1995\n  },',
        [("DATE_OF_BIRTH", '{\n    "day": 25,\n    "month": 10,\n    "year": 1995\n  }')],
    ),
    ("dob-parts-not-another-date", '"renewal": {"year": "2026", "month": "3", "day": "8"}', []),
    ("dob-year-of-birth", "year of birth please\n1963", [("DATE_OF_BIRTH", "1963")]),
    # another length of digits, a field's value right after its cue: Australia's four,
    # Brazil's CEP without its dash, Poland's "71-796"; not said, nor after other words
    ("postcode-four-digits-json", '"postal_code": "2657", "country": "AU"', [("POSTCODE", "2657")]),
    ("postcode-cep-undashed", "CEP: 74816944", [("POSTCODE", "74816944")]),
    ("postcode-polish", "Kod pocztowy / postal code: 71-796", [("POSTCODE", "71-796")]),
    ("postcode-four-digits-not-after-words", "the zip code? its on file, room 2657", []),
    ("postcode-four-digits-not-an-amount", "postcode fee 2657.50", []),
    # a form's dot leaders take none of the cue's reach
    (
        "postcode-after-dot-leaders",
        "Postcode / woonplaats ........... 2682 WX  Babyloniënbroek",
        [("POSTCODE", "2682 WX")],
    ),
    (
        "address",
        "I live at 742 Evergreen Terrace, Springfield, IL 62704",
        [("STREET_ADDRESS", "742 Evergreen Terrace, Springfield, IL"), ("US_ZIP", "62704")],
    ),
    (
        "address-glued-suffix",
        "I live at 1600 Broadway, New York, NY 10019",
        [("STREET_ADDRESS", "1600 Broadway, New York, NY"), ("US_ZIP", "10019")],
    ),
    ("not-address-glued-alone", "we have 12 Broadway shows tonight", []),
    # a state in lower case (speech-to-text, chat) counts only with a ZIP after it
    (
        "address-lowercase-state-zip",
        "i moved to 1600 pennsylvania ave nw washington dc 20500",
        [("STREET_ADDRESS", "1600 pennsylvania ave nw washington dc"), ("US_ZIP", "20500")],
    ),
    (
        "po-box-lowercase-state-zip",
        "send it to po box 1234 austin tx 78701 please",
        [("STREET_ADDRESS", "po box 1234 austin tx"), ("US_ZIP", "78701")],
    ),
    (
        "address-lowercase-state-no-zip",
        "i live at 12 main street in boston or so",
        [("STREET_ADDRESS", "12 main street")],
    ),
    (
        "agent-after-the-company-s-line",
        "Good evening, Wellway Pharmacy, Kayla here. Who am I speaking with?",
        [("PERSON", "Kayla")],
    ),
    (
        "dob-in-may-said",
        "date of birth is may twenty seven two thousand and one",
        [("DATE_OF_BIRTH", "may twenty seven two thousand and one")],
    ),
    ("may-a-verb", "you may twenty times try it, two thousand dollars", []),
    (
        "name-in-capitals-before-the-next-field",
        "Name: MICHAEL BROOKS            Employer: Graves and Sons",
        [("PERSON", "MICHAEL BROOKS")],
    ),
    (
        "name-heading-a-mailing-address",
        "NORTHWIND BANK, N.A.          STATEMENT OF ACCOUNT\n"
        "MARK ANDERSON                 Statement period: 11/12/2024\n"
        "5318 Hanna Stream\n",
        [("PERSON", "MARK ANDERSON"), ("STREET_ADDRESS", "5318 Hanna Stream")],
    ),
    # a name on the line under a number that ends the line above: no house number of it
    (
        "name-under-a-chat-time-stamp",
        "First, your name please?\nYou 09:39:23\nAngela Pope\nYou 09:40:38\n",
        [("PERSON", "Angela Pope")],
    ),
    # a name before a bracket that says who the person is on the account
    (
        "name-before-a-role-in-brackets",
        "15:40  KLT693   CC12  3RD PTY AUTH ADDED: LAURA DOUGHERTY (SPOUSE) per caller",
        [("PERSON", "LAURA DOUGHERTY")],
    ),
    (
        "surname-first-before-a-role-in-brackets",
        "Secondary:         Lopez, Charlotte  (authorized user)\n",
        [("PERSON", "Lopez, Charlotte")],
    ),
    (
        "common-word-name-before-a-role-in-brackets",
        "Caller: Rose Friday (policyholder) called in",
        [("PERSON", "Rose Friday")],
    ),
    (
        "name-with-particle-before-a-role-in-brackets",
        "3rd party auth: Juliana da Mota (spouse)\n",
        [("PERSON", "Juliana da Mota")],
    ),
    (
        "first-name-before-a-role-in-brackets",
        "autopay restored, Pauline added as well (authorized user)",
        [],
    ),
    (
        "first-name-right-before-a-role-in-brackets",
        "autopay restored, Pauline (authorized user) added",
        [("PERSON", "Pauline")],
    ),
    (
        "name-before-a-birth-date-in-brackets",
        "escalation from the phones: Stefani Buscetta (02/15/1966) says she was charged twice",
        [("PERSON", "Stefani Buscetta"), ("DATE_OF_BIRTH", "02/15/1966")],
    ),
    (
        "name-before-an-age-in-brackets",
        "POSSIBLE RELATIVES\n  GONZALEZ, MOLLY (age 79)\n",
        [("PERSON", "GONZALEZ, MOLLY")],
    ),
    ("labels-before-a-role-in-brackets", "Primary Contact (spouse) on file", []),
    ("words-before-a-date-in-brackets", "Release Notes (03/04/2023) posted", []),
    (
        "name-in-one-case-before-a-role-in-brackets",
        "VIP Maria Lopez (spouse)",
        [("PERSON", "Maria Lopez")],
    ),
    ("name-with-initial-before-a-role", "Lopez, Maria A. (self)", [("PERSON", "Lopez, Maria A.")]),
    (
        "no-name-above-a-street",
        "ACCOUNT SUMMARY\n123 Main Street\n",
        [("STREET_ADDRESS", "123 Main Street")],
    ),
    (
        "salesforce-custom-field",
        "Contact:{LastName=Russell, SSN_Last4__c=6004, Id=003Dn00000klPRxIAB}",
        [("PERSON", "Russell"), ("US_SSN_LAST4", "6004")],
    ),
    (
        "salesforce-variable-assignment",
        '10:48:40.477 (312360)|VARIABLE_ASSIGNMENT|[102]|c.Policy_Number__c|"FAB378759306"',
        [("INSURANCE_POLICY", "FAB378759306")],
    ),
    (
        "curl-basic-auth",
        "$ curl -u sam.lee@example.com:27Iv*MrolMsc https://api.example.com/v2/orders",
        [("EMAIL", "sam.lee@example.com"), ("PASSWORD", "27Iv*MrolMsc")],
    ),
    ("no-curl-no-credentials", "ls -u foo:bar", []),
    (
        "php-serialized-pass",
        's:4:"user";s:6:"hscott";s:4:"pass";s:16:"Harbor#7959maple";',
        [("PASSWORD", "Harbor#7959maple")],
    ),
    ("json-pass-key", '{"pass": "Harbor#7959maple"}', [("PASSWORD", "Harbor#7959maple")]),
    # a temporary one an agent set: its next sentence, code's quotes and tags
    (
        "pw-temp-next-sentence",
        "So, I've set a temporary password for you. It's moonbeam6 ok",
        [("PASSWORD", "moonbeam6")],
    ),
    (
        "pw-temp-pass-backticks",
        "| temp pass set to `Sun\\|flower&8069` (cust asked) |",
        [("PASSWORD", "Sun\\|flower&8069")],
    ),
    (
        "pw-code-tag",
        "<p>Temp password set: <code>Rocket#1075</code> – must change</p>",
        [("PASSWORD", "Rocket#1075")],
    ),
    # in Spanish and Portuguese; an LDIF entry's base64 value
    ("pw-clave", "la clave que uso es 2758lucky& ok", [("PASSWORD", "2758lucky&")]),
    ("pw-senha", "Senha do app: Tiger!9329", [("PASSWORD", "Tiger!9329")]),
    ("pw-ldif", "userPassword:: UGVwcGVyJjMyMTQ=", [("PASSWORD", "UGVwcGVyJjMyMTQ=")]),
    ("pw-next-field", "password_hash=5f4d reset=true", []),
    # an IMAP session's LOGIN command; what a customer tried at a failed login
    (
        "pw-imap-login",
        'A1 LOGIN support@bank.example "each-can-Wrong48"\r\nA1 OK',
        [("EMAIL", "support@bank.example"), ("PASSWORD", "each-can-Wrong48")],
    ),
    ("pw-tried-failed", "I tried Pickle14 and it failed.", [("PASSWORD", "Pickle14")]),
    ("pw-tried-no-value", "i tried the app again and it doesn't work", []),
    (
        "security-answer-in-a-form-box",
        "Security question ..... What is your mother's maiden name?\n"
        "Answer given .......... [ Butler ]     matches record\n",
        [("SECURITY_ANSWER", "Butler")],
    ),
    (
        "security-answer-sfdc-field",
        '10:48:40.478 (313729)|VARIABLE_ASSIGNMENT|[103]|c.Verification_Answer__c|"Ziggy"',
        [("SECURITY_ANSWER", "Ziggy")],
    ),
    (
        "otp-in-a-json-event",
        '{"event":"mfa.challenge","data":{"channel":"sms","code":"892893","ttl":300}}',
        [("ONE_TIME_CODE", "892893")],
    ),
    ("error-code-in-json-is-no-otp", '{"event":"payment.failed","code":"402117"}', []),
    (
        "account-taken-back-both-redacted",
        "Agent: Can I have the account number?\n"
        "Caller: Okay, PA23183465 - no, I mean PA 2318 8465 I think.",
        [("BANK_ACCOUNT", "PA23183465"), ("BANK_ACCOUNT", "PA 2318 8465")],
    ),
    (
        "account-letters-glued-or-hyphened",
        "action=profile_view cust_acct=A914490989 ok\nduplicate phone on account CX-5247212",
        [("BANK_ACCOUNT", "A914490989"), ("BANK_ACCOUNT", "CX-5247212")],
    ),
    ("account-cue-then-order", "acct note: ord W345439679 shipped", []),
    (
        "dotted-property-key",
        "ach.test.acct_no=67332616244\n",
        [("BANK_ACCOUNT", "67332616244")],
    ),
    (
        "x12-820-payment-order-banks",
        "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PAYEE          *240611*0914*U*"
        "00401*951048784*0*P*>~\nST*820*0001~\n"
        "BPR*C*3926.14*C*ACH*CCP*01*021000021*DA*863355996*1811372658**01*011401533*DA*8680813362"
        "*20240612~\nREF*11*79208987314~\n",
        [
            ("ABA_ROUTING", "021000021"),
            ("BANK_ACCOUNT", "863355996"),
            ("ABA_ROUTING", "011401533"),
            ("BANK_ACCOUNT", "8680813362"),
            ("BANK_ACCOUNT", "79208987314"),
        ],
    ),
    (
        "swift-mt103-parties",
        "{4:\n:20:FT24163719336302\n:32A:240612EUR1100,00\n:50K:/16299350390\nCIRO DIAZ\n"
        "CUESTA CASEMIRO POSADA 59\nCUENCA  13810\n:52A:HARBUS33\n-}",
        [
            ("BANK_ACCOUNT", "16299350390"),
            ("PERSON", "CIRO DIAZ"),
            ("STREET_ADDRESS", "CUESTA CASEMIRO POSADA 59"),
        ],
    ),
    (
        "airline-pnr-display",
        "RP/NYC1S2100/NYC1S2100            AU/SU  11JUN24/1314Z   CL6DTP\n"
        "  1.MOORE/SHEILA MR   2.DUNN/ALAN MRS\n"
        "  3  AU 762 Y 02JUL 2 JFKLHR HK2  1835 0650+1 *1A/E*\n"
        "  5 AP NYC 8185550113-H\n  6 APE MOORE.SHEILA//OUTLOOK.COM\n"
        "  9 SSR DOCS AU HK1 P/USA/C11025750/USA/12JUN55/M/15SEP30/MOORE/SHEILA/P1\n"
        " 11 SSR FQTV AU HK1 AU9223800297/P1\n",
        [
            ("PERSON", "MOORE/SHEILA"),
            ("PERSON", "DUNN/ALAN"),
            ("PHONE", "8185550113"),
            ("EMAIL", "MOORE.SHEILA//OUTLOOK.COM"),
            ("US_PASSPORT", "C11025750"),
            ("DATE_OF_BIRTH", "12JUN55"),
            ("PERSON", "MOORE/SHEILA"),
            ("CUSTOMER_NUMBER", "AU9223800297"),
        ],
    ),
    (
        "secret-with-base64-plus",
        "AWS_SECRET_ACCESS_KEY=rYfDhoVHUM2wO92QVcgBCyQSu+zRizZUaINsQySH",
        [("ACCESS_TOKEN", "rYfDhoVHUM2wO92QVcgBCyQSu+zRizZUaINsQySH")],
    ),
    (
        "form-plus-still-a-space",
        "POST address=123+Main+St+Apt+4B&name=Ronald+McDonald",
        [("STREET_ADDRESS", "123+Main+St+Apt+4B"), ("PERSON", "Ronald+McDonald")],
    ),
    (
        "email-after-log-fields",
        "13:16:47.047 (982)|USER_INFO|[EXTERNAL]|005Dn000008lVZb|jo.king@example.com|(GMT-05:00)",
        [("EMAIL", "jo.king@example.com")],
    ),
    (
        "email-after-key",
        "Contact:{Email=jeremy_george62@example.com, MobilePhone=x}",
        [("EMAIL", "jeremy_george62@example.com")],
    ),
    ("a-url-is-no-client", "see https://wiki.example.com/x then sort -u key:Value9", []),
    (
        "httpie-client",
        "http --auth-type=basic -u dana:Gr8Pass! GET https://api.example.com/",
        [("PASSWORD", "Gr8Pass!")],
    ),
    (
        "python-date-repr",
        "Customer(dob=datetime.date(1949, 2, 15), created=datetime.datetime(2021, 4, 27, 8, 39))",
        [("DATE_OF_BIRTH", "datetime.date(1949, 2, 15)")],
    ),
    ("form-nested-key", "-d 'billing[postal_code]=63668-9956'", [("US_ZIP", "63668-9956")]),
    (
        "security-answer-keyed-short",
        "security_q=mother's maiden name\nsecurity_a=Bradley\n",
        [("SECURITY_ANSWER", "Bradley")],
    ),
    (
        "security-answer-quoted-key-and-value",
        "{'security_q': \"first pet's name\", 'security_a': 'Waffles', 'tier': 2}",
        [("SECURITY_ANSWER", "Waffles")],
    ),
    ("security-answer-key-colon-space", "security_a: Waffles\n", [("SECURITY_ANSWER", "Waffles")]),
    (
        "security-answer-said-in-quotes",
        "she said the maiden name was 'Okafor' and hung up",
        [("SECURITY_ANSWER", "Okafor")],
    ),
    (
        "routing-as-acord-bank-id",
        "<BankInfo><BankId>053000196</BankId></BankInfo>",
        [("ABA_ROUTING", "053000196")],
    ),
    (
        "phone-groups-around-a-phrase-and-commas",
        "my phone number is 919, let me see, 555 0192",
        [("PHONE", "919, let me see, 555 0192")],
    ),
    (
        "card-groups-around-fillers-and-commas",
        "my card is 2223 uh 0000, um, 4240 0011",
        [("PAYMENT_CARD", "2223 uh 0000, um, 4240 0011")],
    ),
    (
        "security-answer-before-the-next-key",
        "security answer=Shadow result=success",
        [("SECURITY_ANSWER", "Shadow")],
    ),
    ("date-then-the-address-question", "we'll have it by the 18 and your street address", []),
    ("zip-cue", "my zip code is 90210", [("US_ZIP", "90210")]),
    ("dl", "driver's license number is D1234567", [("US_DRIVER_LICENSE", "D1234567")]),
    ("passport", "passport number is 912803456", [("US_PASSPORT", "912803456")]),
    ("pin", "my pin is 4921", [("PIN", "4921")]),
    # values written to slip past a filter: invisible characters between the groups, other
    # dashes and spaces, a spaced dash, "[at]" and "[dot]"
    (
        "card-zero-width",
        "card 4111\u200b1111\u200b1111\u200b1111",
        [("PAYMENT_CARD", "4111\u200b1111\u200b1111\u200b1111")],
    ),
    (
        "card-spaced-dash",
        "card 4111 - 1111 - 1111 - 1111",
        [("PAYMENT_CARD", "4111 - 1111 - 1111 - 1111")],
    ),
    (
        "card-no-break-space",
        "card 4111\xa01111\xa01111\xa01111",
        [("PAYMENT_CARD", "4111\xa01111\xa01111\xa01111")],
    ),
    ("ssn-en-dash", "ssn: 078\u201305\u20131120", [("US_SSN", "078\u201305\u20131120")]),
    ("email-bracketed", "email: priya[at]example[dot]com", [("EMAIL", "priya[at]example[dot]com")]),
    (
        "email-parenthesised",
        "priya (at) example (dot) com",
        [("EMAIL", "priya (at) example (dot) com")],
    ),
    ("not-email-at-noon", "meet me [at] noon", []),
    # (the "at" bracketed, the domain's dot said)
    (
        "email-bracketed-at-said-dot",
        "email me at ruiz.mark [at] example dot com please",
        [("EMAIL", "ruiz.mark [at] example dot com")],
    ),
    ("not-email-bracketed-at-no-domain", "meet me [at] noon dot", []),
    # other scripts' digits, and groups marked with an underscore or a slash
    ("card-arabic-indic-digits", f"my card is {_ARABIC_CARD}", [("PAYMENT_CARD", _ARABIC_CARD)]),
    ("card-mathematical-digits", f"card {_BOLD_CARD} ok", [("PAYMENT_CARD", _BOLD_CARD)]),
    ("card-underscores", "card: 4111_1111_1111_1111", [("PAYMENT_CARD", "4111_1111_1111_1111")]),
    ("card-slashes", "card: 4111/1111/1111/1111", [("PAYMENT_CARD", "4111/1111/1111/1111")]),
    ("ssn-underscores", "my social is 078_05_1120", [("US_SSN", "078_05_1120")]),
    ("date-slashes-no-card", "on 12/27/2024 and 2024/12/27 we met", []),
    # a city, its state and a ZIP, without a street; the city is no person
    ("zip-after-city-at-end", "Springfield, IL 62704", [("US_ZIP", "62704")]),
    # a street, a comma, its city and its ZIP closing the address, no state, no cue
    (
        "zip-after-street-and-city",
        "Confirmed loss location 38800 Anthony Via Apt. 697, Andreaport 70846. Insured states",
        [("STREET_ADDRESS", "38800 Anthony Via Apt. 697, Andreaport"), ("US_ZIP", "70846")],
    ),
    (
        "zip-after-street-blank-comma",
        "new addr: 88281 John Harbors , Ericbury 82436\nsecurity Q: first pet",
        [("STREET_ADDRESS", "88281 John Harbors , Ericbury"), ("US_ZIP", "82436")],
    ),
    # (a number that goes on is no ZIP closing the address)
    (
        "zip-not-after-street-and-city",
        "We shipped it from 410 Harbor Road, Dock 12345 units today",
        [("STREET_ADDRESS", "410 Harbor Road")],
    ),
    # ... in a quoted field, before a tag, before "and" going on with the sentence, after "in"
    (
        "zip-after-street-and-city-in-json",
        '"description": "Location: 5903 Cooper Branch Suite 833, East Kim 56742.",',
        [("STREET_ADDRESS", "5903 Cooper Branch Suite 833, East Kim"), ("US_ZIP", "56742")],
    ),
    (
        "zip-after-street-and-city-before-tag",
        "<td>5903 Cooper Branch, East Kim 56742</td>",
        [("STREET_ADDRESS", "5903 Cooper Branch, East Kim"), ("US_ZIP", "56742")],
    ),
    (
        "zip-after-street-and-city-then-and",
        "Records show 37 Zabaleta Street, Zaragoza 15077 and a phone on file",
        [("STREET_ADDRESS", "37 Zabaleta Street, Zaragoza"), ("US_ZIP", "15077")],
    ),
    (
        "zip-after-street-in-city",
        "Caller: Sure 17 N Washington Cir in Ortizhaven 17212.",
        [("STREET_ADDRESS", "17 N Washington Cir in Ortizhaven"), ("US_ZIP", "17212")],
    ),
    (
        "zip-after-street-in-the-city-spoken",
        "A: what's the new address\nC: ninety three seventy five willow way in susanfort one"
        " five four let me see oh nine\nA: okay",
        [
            ("STREET_ADDRESS", "ninety three seventy five willow way in susanfort"),
            ("US_ZIP", "one five four let me see oh nine"),
        ],
    ),
    # (a room, a month after "in" is no city; a quoted length is no ZIP)
    (
        "zip-not-in-a-room",
        "we met at 12 Main Street in Room 10245.",
        [("STREET_ADDRESS", "12 Main Street")],
    ),
    (
        "zip-not-in-a-month",
        "paid 5903 Branch Ave in March 15077 and",
        [("STREET_ADDRESS", "5903 Branch Ave")],
    ),
    ("zip-not-a-quoted-length", 'We moved 5903 units, Eastern 56742" of cable', []),
    (
        "zips-after-two-cities",
        "ship it to Boston, MA 02115 or Austin, TX 78701",
        [("US_ZIP", "02115"), ("US_ZIP", "78701")],
    ),
    ("city-not-a-person", "I live in Santa Barbara, CA 93101", [("US_ZIP", "93101")]),
    # the value of a name field (forms, records, query strings) and an e-mail's display name
    ("name-field", "Name: Oluwaseun Adeyemi\nDOB: none", [("PERSON", "Oluwaseun Adeyemi")]),
    ("name-field-dash", "Customer Name - Rajesh Kumar", [("PERSON", "Rajesh Kumar")]),
    (
        "name-field-json",
        '{"name": "Wojciech Kowalczyk", "id": 7}',
        [("PERSON", "Wojciech Kowalczyk")],
    ),
    ("name-field-query", "name=Priya+Raman&plan=basic", [("PERSON", "Priya+Raman")]),
    (
        "header-display-name",
        'From: "Ngozi Okafor" <ngozi@example.com>',
        [("PERSON", "Ngozi Okafor"), ("EMAIL", "ngozi@example.com")],
    ),
    ("no-name-field-company", "Company name: Globex", []),
    ("no-name-field-file", "File name: report.pdf", []),
    ("no-name-field-unknown", "name: unknown", []),
    ("no-name-field-placeholder", "name = value", []),
    (
        "no-header-team",
        "From: Acme Support <support@acme.example>",
        [("EMAIL", "support@acme.example")],
    ),
    # a capitalised name that no list holds, after a cue, where the sentence ends the name
    ("chatting-with", "You're chatting with Omolara.", [("PERSON", "Omolara")]),
    ("im-and", "I'm Kashish and I'll be helping you today.", [("PERSON", "Kashish")]),
    ("no-name-title-case", "I'm Interested In Your Offer", []),
    ("no-name-available", "I'm Available and ready", []),
    ("no-name-department", "Let me transfer you to Billing.", []),
    # addresses: a street whose type comes first; a city, state and ZIP without a street;
    # USPS suffixes that Faker's streets use ("Timothy Branch")
    (
        "street-prefixed",
        "my mailing address: 4400 Calle Real, Santa Barbara, CA 93110",
        [("STREET_ADDRESS", "4400 Calle Real, Santa Barbara, CA"), ("US_ZIP", "93110")],
    ),
    ("city-state-zip", "send it to Boston, MA 02115 please", [("US_ZIP", "02115")]),
    # a shipping label as the postal service writes one: capitals, no comma
    (
        "label-city-state-zip-capitals",
        "|   1234 MAIN ST SUITE 613     |\n|   NORTH CINDY NV 98297-1234     |",
        [("STREET_ADDRESS", "1234 MAIN ST SUITE 613"), ("US_ZIP", "98297-1234")],
    ),
    ("label-capitals-no-state", "|   NORTH CINDY XX 98297     |", []),
    # (a comma after the state too, as a caller says it: "Fresno, CA, nine three seven ...")
    ("city-state-comma-zip", "it's in Fresno, CA, 93708.", [("US_ZIP", "93708")]),
    ("city-state-comma-no-zip", "flights to Fresno, CA, 93 of them", []),
    (
        "street-branch",
        "my address is 08855 Timothy Branch, Lake Michaelburgh, DC 90153.",
        [("STREET_ADDRESS", "08855 Timothy Branch, Lake Michaelburgh, DC"), ("US_ZIP", "90153")],
    ),
    ("not-street-via", "sent 3 via email, thanks", []),
    # names said before what they are, and after "the name of"
    ("name-before-cue", "yeah priya sharma is my name", [("PERSON", "priya sharma")]),
    (
        "name-before-account-cue",
        "customer: john smith is the name on the account",
        [("PERSON", "john smith")],
    ),
    ("name-before-last-name-cue", "smith is my last name", [("PERSON", "smith")]),
    ("name-of", "it's under the name of okonkwo", [("PERSON", "okonkwo")]),
    ("no-name-before-cue", "the reason is my name", []),
    ("no-name-what", "what is my name", []),
    ("license-is", "my license is D1234567", [("US_DRIVER_LICENSE", "D1234567")]),
    # values said before what they are
    ("trailing-pin", "it's 7731 for the pin", [("PIN", "7731")]),
    ("trailing-pin-spoken", "seven seven three one is my pin", [("PIN", "seven seven three one")]),
    ("trailing-cvv", "456 is the security code", [("CARD_CVV", "456")]),
    ("trailing-zip", "62704 is my zip, and", [("US_ZIP", "62704")]),
    ("trailing-expiry", "09/27 for the expiration date", [("CARD_EXPIRY", "09/27")]),
    ("trailing-last4", "1120 are the last four of my social", [("US_SSN_LAST4", "1120")]),
    (
        "trailing-routing-account",
        "021000021 is the routing number and 4400123498 is the account",
        [("ABA_ROUTING", "021000021"), ("BANK_ACCOUNT", "4400123498")],
    ),
    ("trailing-otp", "482917 is the verification code", [("ONE_TIME_CODE", "482917")]),
    # a reset's code (in a tag too), Spanish's, a record's field for the code sent
    (
        "otp-reset-code-tag",
        "<p>She read me the reset code so I could check it: <code>714573</code></p>",
        [("ONE_TIME_CODE", "714573")],
    ),
    (
        "otp-spanish-verification",
        "Tu código de verificación es 753587. Gracias",
        [("ONE_TIME_CODE", "753587")],
    ),
    ("otp-sent-field", '{"otpSent": "371624", "ok": 1}', [("ONE_TIME_CODE", "371624")]),
    ("pin-on-the-card", "the pin on the card is 4921", [("PIN", "4921")]),
    # ... and numbers before words that name something else
    ("trailing-not-pin-pad", "about 1500 for the pin pad", []),
    ("trailing-not-amount", "i paid 1200 for the account upgrade", []),
    ("trailing-not-year", "2019 was the year i opened the account", []),
    ("trailing-not-fee", "it was 3 for the pin reset fee", []),
    ("trailing-not-balance", "$4921 is the account balance", []),
    # one-time codes the customer was sent: whoever hears one can take over the account
    (
        "otp-texted",
        "the code we just texted you is 482917 can you read it back",
        [("ONE_TIME_CODE", "482917")],
    ),
    ("otp-verification", "my verification code is 775120", [("ONE_TIME_CODE", "775120")]),
    (
        "otp-text-with-a-code",
        "did you get a text with a code today uh yeah it said nine oh six seven four two but i"
        " didn't request it",
        [("ONE_TIME_CODE", "nine oh six seven four two")],
    ),
    ("otp-text-with-a-coupon", "I got a text with a code for 25% off, order 55512", []),
    # a name cue that ends its line; a time stamp with seconds in the answer's label; who the
    # patient is; the Spanish "with whom do I have the pleasure"
    (
        "name-cue-ends-its-line",
        "SPEAKER_00: and just so i have it your name is\nSPEAKER_01: annibale bacosi",
        [("PERSON", "annibale bacosi")],
    ),
    (
        "answer-label-with-seconds",
        "[00:00:20] spk_1: may i have your full name\n[00:00:25] spk_0: shohei miura",
        [("PERSON", "shohei miura")],
    ),
    (
        "who-is-the-patient",
        "agent: sure who is the patient\ncaller: it's for my mom mary moody",
        [("PERSON", "mary moody")],
    ),
    (
        "spanish-con-quien-tengo-el-gusto",
        "SPEAKER_00: habla omar con quien tengo el gusto\nSPEAKER_01: hola si habla rocio nieves",
        [("PERSON", "rocio nieves")],
    ),
    # a shipping label's "PH"; an address cued in Spanish, its ZIP after "CP"
    (
        "shipping-label-ph",
        "SHIP TO:\nOMAR MURO\n66 JOSEPH COVE\nJUAREZSTAD MO 18520-8153\nPH 4319186310",
        [
            ("PERSON", "OMAR MURO"),
            ("STREET_ADDRESS", "66 JOSEPH COVE\nJUAREZSTAD MO"),
            ("US_ZIP", "18520-8153"),
            ("PHONE", "4319186310"),
        ],
    ),
    ("ph-level-is-no-phone", "the pH 7.4 is normal", []),
    (
        "spanish-address-cue-and-cp",
        "quiero cambiar mi dirección, the new one is 16912 Lewis Common, CP 79226",
        [("STREET_ADDRESS", "16912 Lewis Common, CP"), ("US_ZIP", "79226")],
    ),
    # a spoken date of birth: the day and a two-digit year run together, a decade's word alone
    (
        "spoken-dob-day-and-year-together",
        "Agent: and your birth date please\nCustomer: sure october fifteen sixty five",
        [("DATE_OF_BIRTH", "october fifteen sixty five")],
    ),
    (
        "spoken-dob-decade-word",
        "agent: can you give me your date of birth\nCustomer: december fourteenth sixty",
        [("DATE_OF_BIRTH", "december fourteenth sixty")],
    ),
    # a spoken address's domain spelled letter by letter; a code read when it comes in
    (
        "spoken-email-spelled-domain",
        "Agent: what's the email on file\nCustomer: it's vicente damota at yahoo dot com dot m x",
        [("EMAIL", "vicente damota at yahoo dot com dot m x")],
    ),
    # (the next turn's speaker label is no letter of the domain: "m e\nA:" is ".me")
    (
        "spoken-email-spelled-tld-before-a-label",
        "A: what's the email?\nC: it's m i c h a e l seven two at sign proton dot m e\nA: ok",
        [("EMAIL", "m i c h a e l seven two at sign proton dot m e")],
    ),
    (
        "otp-read-when-it-comes-in",
        "agent: i'm sending a code to your phone can you read it to me when it comes in\n"
        "customer: okay it says two one two two eight one",
        [("ONE_TIME_CODE", "two one two two eight one")],
    ),
    # a log's user field; Spanish self-introductions; Italian and Portuguese sign-offs
    (
        "username-in-a-json-log",
        '{"event": "password_reset", "user": "mayte.farias", "ip": "10.0.0.1"}',
        [("USERNAME", "mayte.farias"), ("IP_ADDRESS", "10.0.0.1")],
    ),
    (
        "spanish-self-introduction",
        "hola buenas, soy Citlali Apodaca y tengo un problema",
        [("PERSON", "Citlali Apodaca")],
    ),
    ("spanish-soy-no-name", "soy yo, gracias", []),
    (
        "italian-sign-off",
        "Grazie per l'aiuto.\n\nCordiali saluti,\nErmes Vecoli",
        [("PERSON", "Ermes Vecoli")],
    ),
    ("portuguese-sign-off", "Obrigado.\n\nAtt,\nIsabela Melo", [("PERSON", "Isabela Melo")]),
    # an IP address said aloud; a street's unit said as a number, a redirect's address
    (
        "spoken-ip-address",
        "the server ip calling you is two hundred three dot two hundred seventeen dot one "
        "hundred twenty five dot one hundred three",
        [
            (
                "IP_ADDRESS",
                "two hundred three dot two hundred seventeen dot one hundred twenty five dot "
                "one hundred three",
            )
        ],
    ),
    ("spoken-version-is-no-ip", "version two dot one dot three dot four", []),
    (
        "spoken-street-with-a-unit-number",
        "spk_0: where would you like it redirected\n"
        "spk_1: my work seventy one nineteen taylor dale number eighty nine",
        [("STREET_ADDRESS", "seventy one nineteen taylor dale number eighty nine")],
    ),
    (
        # a unit said in one word, before the city: "number two," (its comma ends it)
        "spoken-street-with-a-one-word-unit-number",
        "AGT  what's the new address\nCUS  uh seven four eight twenty third drive number two,"
        " lansing michigan",
        [
            (
                "STREET_ADDRESS",
                "seven four eight twenty third drive number two, lansing michigan",
            )
        ],
    ),
    # an agent's question for who is calling, or for a record's name; its answer on the next line
    (
        "who-do-i-have-on-the-line",
        "REP: who do i have on the line\nCALLER: arkadiusz chuchla",
        [("PERSON", "arkadiusz chuchla")],
    ),
    (
        "name-on-the-account-please",
        "spk_1: can i have the name on the account please\nspk_0: yeah it's stephanie hopkins",
        [("PERSON", "stephanie hopkins")],
    ),
    (
        "patients-name",
        "agent: and the patient's name and date of birth\ncustomer: barbara normand",
        [("PERSON", "barbara normand")],
    ),
    # the answer goes on after the name: who the caller is, the spelling, the next answer
    (
        "answer-then-account-holder",
        "agent: and who am i speaking with\ncustomer: this is yoichi okada i'm the account holder",
        [("PERSON", "yoichi okada")],
    ),
    (
        "answer-then-date-of-birth",
        "spk_1: sure who is the patient\nspk_0: it's for my mom jerzy luszczak date of birth"
        " the twenty seventh of march forty nine",
        [("PERSON", "jerzy luszczak"), ("DATE_OF_BIRTH", "the twenty seventh of march forty nine")],
    ),
    (
        "answer-then-like-it-sounds",
        "rep: and your last name\ncaller: trubin like it sounds",
        [("PERSON", "trubin")],
    ),
    (
        "first-name-then-last-name",
        "agent: can i get your first and last name\n"
        "customer: first name is eduardo last name da mota",
        [("PERSON", "eduardo last name da mota")],
    ),
    (
        "the-subscriber",
        "AGENT: and you are the subscriber\nCUSTOMER: yes bobby ewing that's me",
        [("PERSON", "bobby ewing")],
    ),
    ("the-subscriber-says-yes", "AGENT: and you are the subscriber\nCUSTOMER: yes that's me", []),
    (
        "three-things-asked",
        "spk_0: okay i'll need three things name on the account last four of your social and"
        " your birthday\nspk_1: okay brian robbins um four oh seven six and april nineteenth"
        " nineteen eighty eight",
        [
            ("PERSON", "brian robbins"),
            ("US_SSN_LAST4", "four oh seven six"),
            ("DATE_OF_BIRTH", "april nineteenth nineteen eighty eight"),
        ],
    ),
    # a date of birth read back in another form, and one said before its cue
    # the day first where it is over 12, said in Spanish ("dos seis cero nueve cincuenta y
    # nueve": 26 09 59); a day and a month both over 12 read no date
    (
        "dob-day-first-compact",
        "Agente: y su fecha de nacimiento\nCliente: es el dos seis cero nueve cincuenta y nueve",
        [("DATE_OF_BIRTH", "dos seis cero nueve cincuenta y nueve")],
    ),
    ("dob-no-month", "my date of birth is 131359", []),
    (
        "dob-french-form-ne-e",
        "N° client 4471, né(e) le 18 octobre 1991. Merci de me rappeler",
        [("DATE_OF_BIRTH", "18 octobre 1991")],
    ),
    ("dob-spanish-nacida", "nacida el 3 de mayo de 1988", [("DATE_OF_BIRTH", "3 de mayo de 1988")]),
    # a date of birth with its weekday, as a record's date writes one
    (
        "dob-with-weekday",
        " id: 892777,\n date_of_birth: Wed, 05 May 1965,\n status: active",
        # (the record's id too: its record holds a birth date, `record_id`)
        [("CUSTOMER_NUMBER", "892777"), ("DATE_OF_BIRTH", "Wed, 05 May 1965")],
    ),
    (
        "dob-read-back",
        "AGENT: can you give me your date of birth\nCUSTOMER: june twentieth sixty five\n"
        "AGENT: i have june twentieth nineteen sixty five is that right\n"
        "AGENT: your next visit is june twentieth twenty twenty seven",
        [
            ("DATE_OF_BIRTH", "june twentieth sixty five"),
            ("DATE_OF_BIRTH", "june twentieth nineteen sixty five"),
        ],
    ),
    (
        "dob-read-back-from-digits",
        "A: can i get the d o b on the account\nC: one zero zero seven fifty two\n"
        "A: i have october seven nineteen fifty two is that right",
        [
            ("DATE_OF_BIRTH", "one zero zero seven fifty two"),
            ("DATE_OF_BIRTH", "october seven nineteen fifty two"),
        ],
    ),
    (
        "dob-year-asked-for-next",
        "agent: what's your date of birth?\ncaller: it's november twenty four.\n"
        "agent: okay and what year.\ncaller: uh, nineteen fifty eight.",
        [
            ("DATE_OF_BIRTH", "november twenty four"),
            ("DATE_OF_BIRTH", "nineteen fifty eight"),
        ],
    ),
    (
        "dob-then-another-year-asked",
        "agent: what's your date of birth?\ncaller: it's november twenty four.\n"
        "agent: and what year is your car\ncaller: 2012",
        [("DATE_OF_BIRTH", "november twenty four")],
    ),
    (
        "dob-the-one-you-want-for-birthday",
        "spk_0: april three nineteen seventy one is the one you want for birthday",
        [("DATE_OF_BIRTH", "april three nineteen seventy one")],
    ),
    (
        "dob-in-spanish",
        "agent: me confirma su fecha de nacimiento\n"
        "customer: veintisiete de diciembre de mil novecientos setenta y dos",
        [("DATE_OF_BIRTH", "veintisiete de diciembre de mil novecientos setenta y dos")],
    ),
    # its year in two digits after "del"; a card's expiry likewise
    (
        "dob-in-spanish-short-year",
        "Agente: ¿Y su fecha de nacimiento?\nCliente: Es el seis de diciembre del sesenta y siete.",
        [("DATE_OF_BIRTH", "seis de diciembre del sesenta y siete")],
    ),
    (
        "expiry-in-spanish-short-year",
        "Agente: ¿Fecha de vencimiento?\nCliente: enero del treinta y uno.",
        [("CARD_EXPIRY", "enero del treinta y uno")],
    ),
    ("spanish-month-del-no-year", "nos vemos en diciembre del año pasado", []),
    (
        "dob-in-a-list-asked-aloud",
        "agent: sure can i get your full name date of birth and the zip code on the account\n"
        "customer: luis manuel cotto september twenty third nineteen ninety seven",
        [
            ("PERSON", "luis manuel cotto"),
            ("DATE_OF_BIRTH", "september twenty third nineteen ninety seven"),
        ],
    ),
    # a question in the sentence after the name is no question for it
    (
        "name-then-a-question",
        "Agent: Hi John, thanks for reaching out! My name is Akinkunmi. How can I help?\n"
        "Customer: new phone number is 286-982-8288",
        [("PERSON", "John"), ("PERSON", "Akinkunmi"), ("PHONE", "286-982-8288")],
    ),
    # an agent's own name in the call's opening, before the offer that ends it
    (
        "opening-this-is-will",
        "Speaker 1: northwind mobile this is will can i start with your name please",
        [("PERSON", "will")],
    ),
    (
        "opening-name-speaking",
        "AGENT: good afternoon trailhead outdoor brooke speaking how may i help",
        [("PERSON", "brooke")],
    ),
    (
        "opening-speaking-with",
        "Rep: hi you've reached parcelpoint you're speaking with yusuf what can i do for you.",
        [("PERSON", "yusuf")],
    ),
    ("opening-department-speaking", "agent: acme billing speaking how may i help", []),
    (
        "opening-unlisted-name-speaking",
        "Speaker 2: good afternoon bluecrest bank raj speaking how may i help",
        [("PERSON", "raj")],
    ),
    # the line the caller reached, then the agent: before "here", after "it's" at the turn's
    # end; not a word that names no one ("it's raining here", "glad you're here")
    (
        "opening-welcome-name-here",
        "speaker_A: hello you're through to pagecraft magazines emma here\nspeaker_B: how",
        [("PERSON", "emma")],
    ),
    (
        "opening-welcome-its-name",
        "spk_0 - hello and welcome to pinecrest health billing it's ronald\nspk_1 - hi",
        [("PERSON", "ronald")],
    ),
    (
        "opening-welcome-capitals",
        "AGENT > HELLO AND WELCOME TO VANTAGE TELECOM LINDA HERE\nCLIENT > THE STATEMENT",
        [("PERSON", "LINDA")],
    ),
    (
        "opening-welcome-unlisted-name-at-turn-end",
        "Agent: thanks for calling northgate trust it's oyelaran.\nCaller: hi",
        [("PERSON", "oyelaran")],
    ),
    ("opening-welcome-no-name", "thanks for calling acme it's raining here", []),
    # the caller thanked for holding, by a census first name ending the turn
    ("thanked-for-waiting", "<v Agent>thank you for waiting brooke</v>", [("PERSON", "brooke")]),
    ("thanks-name-closing-tag", "<v Agent>okay thanks sarah</v>\n", [("PERSON", "sarah")]),
    ("thanked-for-holding-common-word", "thanks for holding mark.", []),
    ("thanked-for-waiting-no-name", "thank you for waiting today.", []),
    # the other people a caller names: a dependent, a beneficiary
    (
        "dependent-name-next-turn",
        "spk_0: your dependent's name\n\nspk_1: donna schultz\n\nspk_0: what's the itin",
        [("PERSON", "donna schultz")],
    ),
    (
        "beneficiary-name",
        "and the beneficiary name natalie shelton what's the iban",
        [("PERSON", "natalie shelton")],
    ),
    # turns spaced by blank lines: the answer is still the next turn
    (
        "answer-after-blank-line",
        "A: who am i speaking with today\n\nC: it's edward\n\nA: okay and your last name\n\n"
        "C: combs\n\nA: could you",
        [("PERSON", "edward"), ("PERSON", "combs")],
    ),
    ("opening-welcome-team", "welcome to the team, glad you're here", []),
    ("opening-welcome-department", "thank you for calling billing support here", []),
    (
        "answer-after-hi-yes-um",
        "Rep: and your full name\nCaller: hi yes um bobby rose\nRep: can i get",
        [("PERSON", "bobby rose")],
    ),
    # a ZIP said again in full after "oops no" is two ZIPs, not one social
    (
        "zip-said-again",
        "AGENT: what's the zip code there\n"
        "CUSTOMER: it's four two two oh nine oops no one two two zero nine",
        [
            ("US_ZIP", "four two two oh nine"),
            ("US_ZIP", "oops no"),
            ("US_ZIP", "one two two zero nine"),
        ],
    ),
    ("opening-no-name", "agent: thanks for calling this is urgent care how can i help", []),
    # who the money goes to, and the answers that say who before the name
    (
        "recipient-going-to",
        "Speaker 1: who is the recipient\nSpeaker 2: it's going to sean nicholson",
        [("PERSON", "sean nicholson")],
    ),
    (
        "recipient-a-friend",
        "[00:01:58] agent: who is the recipient\n"
        "[00:02:04] customer: a friend of mine jon baker in europe",
        [("PERSON", "jon baker")],
    ),
    (
        "account-under",
        "Rep: and what name is the account under\nCaller: yeah it's danielle lewis",
        [("PERSON", "danielle lewis")],
    ),
    (
        "question-then-today",
        "Speaker 2: who am i speaking with today\nSpeaker 1: katherine will speaking",
        [("PERSON", "katherine will")],
    ),
    (
        "verified-first-answer",
        "[00:00:53] agent: let's get you verified\n"
        "[00:00:56] caller: yeah david richardson and social ends in oh nine two three",
        [("PERSON", "david richardson"), ("US_SSN_LAST4", "oh nine two three")],
    ),
    # a whole date of a year of birth without a cue, in an agent's note or an export's row;
    # not a recent date, a version, or a date another cue names
    (
        "birth-year-date-in-a-note",
        "cx verif'd 10/17/57 / cb# 9195550115",
        [("DATE_OF_BIRTH", "10/17/57"), ("PHONE", "9195550115")],
    ),
    (
        "birth-year-date-in-a-row",
        'T43786082,5/25/2025,"Rich, Max",apr-15-79,85042',
        [("DATE_OF_BIRTH", "apr-15-79")],
    ),
    ("birth-year-date-spanish-month", "fecha: 13-dic-2000", [("DATE_OF_BIRTH", "13-dic-2000")]),
    ("recent-date-is-no-birth", "appt resched to 12/23/2024, f/u 4/16/24", []),
    ("member-since-is-no-birth", "Customer Since: 03/14/1999", []),
    ("version-is-no-birth", "APP_VERSION=6.13.43", []),
    # a ticket's versions, a JSON key's quoted version, a browser's
    ("versions-field-no-birth", "Affects Version/s: 9.19.33    Fix Version/s: 1.27.2", []),
    ("version-quoted-key-no-birth", '"cf_app_version": "11.19.91"', []),
    ("browser-version-no-birth", "Browser : Chrome 2.23.67\n", []),
    # a house number said in one word after an address cue; a unit after a hesitation
    (
        "spoken-one-word-house-number-weak-suffix-and-unit",
        "ch0: what address should we mail it to\n"
        "ch1: seventy roberts views suite three hundred six\n",
        [("STREET_ADDRESS", "seventy roberts views suite three hundred six")],
    ),
    (
        "spoken-one-word-house-number",
        "Speaker 2: and the service address\n"
        "Speaker 1: we're at eight park drive now toledo ohio four three six five three",
        [
            ("STREET_ADDRESS", "eight park drive now toledo ohio"),
            ("US_ZIP", "four three six five three"),
        ],
    ),
    (
        "spoken-one-word-number-no-street",
        "agent: what's your email address\ncustomer: i have two email accounts one on the way",
        [],
    ),
    (
        "spoken-unit-after-a-hesitation",
        "Rep: what's the address on the account\n"
        "Caller: uh two ninety four fifty four jenkins road uh apartment three",
        [("STREET_ADDRESS", "two ninety four fifty four jenkins road uh apartment three")],
    ),
    # a spoken IP address whose octets are said as numbers ("one ninety eight" 198)
    (
        "spoken-ip-number-groups",
        "agent: i'm seeing a sign in from one ninety eight point fifty one point one oh zero"
        " point one thirty nine was that you",
        [
            (
                "IP_ADDRESS",
                "one ninety eight point fifty one point one oh zero point one thirty nine",
            )
        ],
    ),
    (
        "spoken-ip-hundreds",
        "customer: it says one hundred ninety eight dot fifty one dot one zero zero dot one"
        " hundred forty two",
        [
            (
                "IP_ADDRESS",
                "one hundred ninety eight dot fifty one dot one zero zero dot one hundred"
                " forty two",
            )
        ],
    ),
    # mail.com said aloud ("mail" is no part of a local part, but a domain's label)
    (
        "spoken-email-at-mail-dot-com",
        "caller: yeah, ivy fifty eight at mail dot com.",
        [("EMAIL", "ivy fifty eight at mail dot com")],
    ),
    ("spoken-mail-no-email", "please send mail to the office at nine", []),
    # "period" for the domain's dot, as speech-to-text writes one
    (
        "spoken-email-period",
        "caller: it's sarah at proton period m e thanks\n"
        "caller: ryan dot diaz at icloud period com.",
        [("EMAIL", "sarah at proton period m e"), ("EMAIL", "ryan dot diaz at icloud period com")],
    ),
    ("period-no-email", "the grace period is at most thirty days", []),
    # a spoken address at a sentence's end, the next line after its full stop
    (
        "spoken-email-then-full-stop",
        "Caller:  yeah, jack dash north at gmail dot com.\nRep:  let me spell that back",
        [("EMAIL", "jack dash north at gmail dot com")],
    ),
    # a caller's extension after their own number; not a company's
    (
        "extension-after-callers-number",
        "CUSTOMER: uh eight oh four five five five um nine three three three.\n"
        "CUSTOMER: that's my desk line so extension two five nine.",
        [
            ("PHONE", "eight oh four five five five um nine three three three"),
            ("PHONE", "two five nine"),
        ],
    ),
    (
        "extension-after-toll-free",
        "agent: you can call one eight hundred five five five six five oh six and ask for"
        " extension six three five six",
        # (a toll-free number, the company's line, and its extension: neither is the caller's)
        [],
    ),
    ("extension-after-no-number", "Rep: or call back and ask for extension six three seven", []),
    (
        "extension-after-an-address",
        "Mail: PO Box 51131, Hillville, RI 69642. Ask for ext. 7340 at the desk.",
        [("STREET_ADDRESS", "PO Box 51131, Hillville, RI"), ("US_ZIP", "69642")],
    ),
    # a login said with its user name, a slash and the password (and no login's "broken /
    # not working")
    (
        "login-is-user-slash-password",
        "and if it helps the login is p.johnson6@proton.me / Rangers2006@ go ahead",
        [("EMAIL", "p.johnson6@proton.me"), ("PASSWORD", "Rangers2006@")],
    ),
    ("login-is-broken-slash", "the login is broken / not working", []),
    # a password in snake case at a line's end, which reads as a key: all of it, not "Tiger"
    ("login-snake-case-password", "login: jdoe88 / Tiger_lily_7", [("PASSWORD", "Tiger_lily_7")]),
    (
        "login-snake-case-password-line",
        "login: jdoe88 / Tiger_lily_7\nthanks",
        [("PASSWORD", "Tiger_lily_7")],
    ),
    # a password said in parts: "and sign", an answer to a request for a new one
    # in brackets later in the cue's sentence; a ticket's ID there is none
    (
        "password-in-brackets-french",
        "Mon mot de passe du site ne fonctionne plus (Monkey1976!), pouvez-vous",
        [("PASSWORD", "Monkey1976!")],
    ),
    ("password-brackets-ticket", "I reset my password yesterday (INC-2291) and it works", []),
    (
        "password-and-sign",
        "Caller:  my password is three six capital h a r l e y and sign and it says invalid",
        [("PASSWORD", "three six capital h a r l e y and sign")],
    ),
    (
        "password-set-for-you",
        "AGENT: i've set a temporary password for you it's percent sign capital s snowball"
        " two seventy four",
        [("PASSWORD", "percent sign capital s snowball two seventy four")],
    ),
    (
        "password-new-one-answered",
        "AGENT: go ahead and set the new password\n"
        "CUSTOMER: make it capital f falcon eight one two seven star",
        [("PASSWORD", "capital f falcon eight one two seven star")],
    ),
    (
        "password-new-one-not-answered",
        "agent: go ahead and set the new password\ncustomer: okay let me think",
        [],
    ),
    # an agent's note's shorthand: "z" for the ZIP, "temp pw set", "sec q", a pasted key
    (
        "note-z-zip",
        "cx verif'd em brian.medina@live.com, z 68110",
        [("EMAIL", "brian.medina@live.com"), ("US_ZIP", "68110")],
    ),
    ("note-z-not-a-zip", "size z 12345 items", []),
    ("note-temp-pw-set", 'temp pw set 624kitty*",agt4162', [("PASSWORD", "624kitty*")]),
    ("note-pw-set-no-value", "pw set successfully", []),
    (
        "note-sec-q",
        "verif'd via sec q: manila; sec q (maiden) rose",
        [("SECURITY_ANSWER", "manila"), ("SECURITY_ANSWER", "rose")],
    ),
    (
        "note-pasted-key",
        "cx pasted key WXX2-4C3C-79F9-P88T in chat - rotate",
        [("ACCESS_TOKEN", "WXX2-4C3C-79F9-P88T")],
    ),
    ("recovery-code-talked-about", "your recovery code expires in 10 minutes", []),
    # an address in another country's form, stated after its noun; "l4" is "last 4"
    (
        "stated-address-italian",
        "il mio nuovo indirizzo è Piazza Leonetti, 8 Appartamento 98. Cellulare 3776931381.",
        [("STREET_ADDRESS", "Piazza Leonetti, 8 Appartamento 98"), ("PHONE", "3776931381")],
    ),
    (
        "stated-address-beneficiary",
        "Beneficiary address: Vicolo Ferrari, 647 Appartamento 1\nAmount: EUR 10.85",
        [("STREET_ADDRESS", "Vicolo Ferrari, 647 Appartamento 1")],
    ),
    ("stated-address-not-an-address", "please update the address to 4 the new one", []),
    # the noun's qualifier first, in the languages whose noun comes first
    (
        "stated-address-qualified-italian",
        "Indirizzo di fornitura: Piazza Bevilacqua, 548, 19139 Saludecio.\nAvevo pagato",
        [("STREET_ADDRESS", "Piazza Bevilacqua, 548, 19139 Saludecio")],
    ),
    (
        "stated-address-qualified-french",
        "Mon adresse de livraison : 43 boulevard de Leblanc, 26193 Sainte Patrickdan.\nMerci",
        [("STREET_ADDRESS", "43 boulevard de Leblanc, 26193 Sainte Patrickdan")],
    ),
    ("stated-address-qualified-no-number", "Adresse de livraison : chez ma voisine.", []),
    (
        "stated-address-no-colon-street-first",
        "Cliente chiede rimborso, indirizzo Incrocio Stefanelli, 235, 91016 Lecce.\nRichiamare",
        [("STREET_ADDRESS", "Incrocio Stefanelli, 235, 91016 Lecce")],
    ),
    ("stated-address-no-colon-no-postcode", "the address Main, 5 times", []),
    (
        "stated-address-german-number-after-street",
        "Zur Verifizierung: Anschrift Kreinstr. 764, 05309 Neuss.\nDie Rechnung",
        [("STREET_ADDRESS", "Kreinstr. 764, 05309 Neuss")],
    ),
    (
        "stated-address-portuguese-morada",
        "Morada: Praça Luara Machado, 84, 83944050 Barros de Rezende\nAguardo",
        [("STREET_ADDRESS", "Praça Luara Machado, 84, 83944050 Barros de Rezende")],
    ),
    # a quoted reply's header in other languages; Dutch names the writer after its verb
    (
        "reply-header-spanish",
        "Un saludo\n\nEl 15/11/2024, Wendolin Lozano escribió:\n> Ticket SR-43",
        [("PERSON", "Wendolin Lozano")],
    ),
    (
        "reply-header-dutch",
        "Op 01-09-2026 schreef Jort van Wessex van Brightpath Student Loans:\n> U",
        [("PERSON", "Jort van Wessex")],
    ),
    (
        "customer-number-dutch-and-german",
        "Mijn klantnummer is 810874978. Für den Vertrag 3583953162 bitte.",
        [("CUSTOMER_NUMBER", "810874978"), ("CUSTOMER_NUMBER", "3583953162")],
    ),
    (
        "stated-address-company",
        "You're booked. Address: 1039 Market St, East Donaldton, NH 23432. Ask for ext. 363",
        [],
    ),
    (
        "ssn-l4-not-a-lookalike",
        "verif: DOB 12/28/1961, SSN l4 6649 ok.",
        [("DATE_OF_BIRTH", "12/28/1961"), ("US_SSN_LAST4", "6649")],
    ),
    # records: a quoted "Last, First" cell, a receipt's "LAST/FIRST", a label then the next
    # field after two blanks, a role before a bracket
    (
        "quoted-surname-first-cell",
        '"Gonzaga, Corrado",ZD-136391',
        [("PERSON", "Gonzaga, Corrado")],
    ),
    ("quoted-cell-no-name", '"Widget, Blue",3', []),
    (
        "receipt-slash-name",
        "CARDHOLDER: DONALD/SANDERS\ne-receipt sent",
        [("PERSON", "DONALD/SANDERS")],
    ),
    (
        "label-then-next-field",
        "Policyholder: Jane Trần  Member ID: XJ211329871",
        [("PERSON", "Jane Trần"), ("HEALTH_INSURANCE_ID", "XJ211329871")],
    ),
    (
        "role-then-bracket",
        "Customer (Jane Phạm) states last legit login was from",
        [("PERSON", "Jane Phạm")],
    ),
    # a quoted reply's signature; Spanish "le atiende" and "a nombre de"
    (
        "quoted-signature",
        "> Please allow 24 hours.\n> Kind regards,\n> Rose\n> Claims Team",
        [("PERSON", "Rose")],
    ),
    (
        "spanish-le-atiende",
        "Asesor: Hola, le atiende Jorge de Bluecrest Bank. ¿En qué le puedo ayudar?",
        [("PERSON", "Jorge")],
    ),
    (
        "spanish-a-nombre-de",
        "agente: ¿Me da su nombre completo?\ncliente: a nombre de rebeca moya",
        [("PERSON", "rebeca moya")],
    ),
    (
        "spanish-si-habla",
        "rep: gracias por llamar en que le puedo ayudar\n"
        "caller: hola si habla bruno arevalo quiero pagar mi factura",
        [("PERSON", "bruno arevalo")],
    ),
    (
        "spanish-soy-after-the-question",
        "AGENT: buenas tardes con quien tengo el gusto\n"
        "CUSTOMER: buenas soy sessa navarro es para un pago",
        [("PERSON", "sessa navarro")],
    ),
    (
        "name-on-the-package",
        "spk_0: and the name on the package\nspk_1: ignacy tasarz",
        [("PERSON", "ignacy tasarz")],
    ),
    (
        "name-on-the-account-answered-otherwise",
        "Agent: what's the name on the account?\nCustomer: it's under my husband",
        [],
    ),
    # Spanish name cues; a name answering a question for several things, the next answer after
    (
        "spanish-name-asked-with-a-date-of-birth",
        "9:06 AM - Agente: ¿Me puede dar su nombre completo y fecha de nacimiento?\n"
        "9:07 AM - Cliente: Mayte Granado 12/03/1980",
        [("PERSON", "Mayte Granado"), ("DATE_OF_BIRTH", "12/03/1980")],
    ),
    ("spanish-name-stated", "Cliente: mi nombre es mayte granado", [("PERSON", "mayte granado")]),
    ("name-question-answered-otherwise", "Agent: can I have your name?\nCustomer: order 12345", []),
    # the password a customer says they type or want, in a log-in or reset chat
    (
        "password-typed-at-log-in",
        "Customer: the app says my password is wrong\n"
        "Customer: I'm typing pumpkinpie41 and it won't take it",
        [("PASSWORD", "pumpkinpie41")],
    ),
    (
        "password-wanted-at-reset",
        "Agent: Please choose a new password you haven't used before.\n"
        "Customer: can I just use pumpkinpie6@?",
        [("PASSWORD", "pumpkinpie6@")],
    ),
    (
        "password-typed-said-in-parts",
        "It says wrong password but I'm typing capital w i n t e r one nine nine two"
        " exclamation point.",
        [("PASSWORD", "capital w i n t e r one nine nine two exclamation point")],
    ),
    ("typing-it-in", "I can't log in, I'm typing it in right now", []),
    ("typing-no-password", "Agent: you can log in now\nCustomer: can i use the app?", []),
    ("typing-without-a-log-in", "can I just use card2go for that?", []),
    # speech-to-text: number words run together, a hesitation inside a spelling, a code read
    # after the text the agent said was coming
    (
        "spoken-card-in-glued-number-words",
        "my card number is twentytwo twentythree ohzero thirtyone twentytwo ohzero thirtytwo "
        "twentytwo thanks",
        [
            (
                "PAYMENT_CARD",
                "twentytwo twentythree ohzero thirtyone twentytwo ohzero thirtytwo twentytwo",
            )
        ],
    ),
    # (one such word among digits is enough to read the run: "fouroh" is "40")
    (
        "glued-number-word-among-digits",
        "my account number is 7731 fouroh 9921 thanks",
        [("BANK_ACCOUNT", "7731 fouroh 9921")],
    ),
    # the answer on the question's own line, a word on the next that is no name: the pair
    # after the filler is the answer, not "alright"
    (
        "name-answer-on-the-question-line",
        "can i get your first and last name um brittany russell\nalright",
        [("PERSON", "brittany russell")],
    ),
    (
        "name-answer-on-the-next-line",
        "can i get your first and last name um thanks for holding\nbrittany russell",
        [("PERSON", "brittany russell")],
    ),
    # SQL's doubled apostrophe inside a quoted turn: "it''s" is one word, its "s" no letter
    # of the spelling after it
    (
        "spelling-after-an-sql-doubled-apostrophe",
        "agent: and the spelling of your last name\ncaller: it''s h o f f m a n\nagent: okay",
        [("PERSON", "h o f f m a n")],
    ),
    # a title is never set off by a comma: a column's last part ("ts_ms") is none
    (
        "no-title-before-a-comma",
        "INSERT INTO call_utterances (call_id, seq, role, ts_ms, body) VALUES",
        [],
    ),
    # a code that "expires in fifteen minutes": the number read next is the code, no expiry
    (
        "code-expiring-in-minutes-is-no-card-expiry",
        "agent: i just sent a one-time code to your phone can you read it to me it expires in"
        " fifteen minutes\ncustomer: uh eight eight nine, six eight nine",
        [("ONE_TIME_CODE", "eight eight nine, six eight nine")],
    ),
    # a statement's cue that ends its sentence and its line: the next turn's word is no name
    (
        "no-name-after-a-cue-that-ends-its-line",
        "Agent: Okay, I'll note that the card is yours, you're the cardholder.\nAgent: Can you"
        " give me your social?",
        [],
    ),
    # a name answered alone after the question, its sentence ended: "Timothy." is a census
    # first name (the dot is no part of it)
    (
        "first-name-answered-with-a-dot",
        "Can I get your full name? Timothy. And your last name. Martin. Can you spell that?",
        [("PERSON", "Timothy"), ("PERSON", "Martin")],
    ),
    # a name field whose value names a datum is a bot's step or a form's label, no person
    # (and nothing is propagated from it: "zip" stays a word)
    (
        "no-name-in-a-display-name-of-a-datum",
        '{"intent": {"displayName": "Collect ZIP"}, "text": "What is the zip code?"}',
        [],
    ),
    (
        "spelling-with-a-hesitation",
        "customer: my name is delphine szymanski, s z y m ~uh a n s k i",
        [("PERSON", "delphine szymanski, s z y m ~uh a n s k i")],
    ),
    ("no-spelling-across-a-hesitation", "i have a b uh c grade", []),
    (
        "otp-after-the-text-came-through",
        "agent: you should get a text in a moment\ncustomer: okay it came through\n"
        "customer: one eight eight nine eight six",
        [("ONE_TIME_CODE", "one eight eight nine eight six")],
    ),
    ("payment-came-through", "the payment came through yesterday for 4410 dollars", []),
    # HTML's inline tags are no part of what is said
    (
        "html-spans",
        "<span>Routing</span> <span>026009593</span> <span>Account</span> "
        "<span>292291591946</span>",
        [("ABA_ROUTING", "026009593"), ("BANK_ACCOUNT", "292291591946")],
    ),
    (
        "html-bold-after-a-label",
        "<div>Name:&nbsp;<b>Thandiwe Okafor</b></div>",
        [("PERSON", "Thandiwe Okafor")],
    ),
    (
        "spoke-with-shorthand",
        "CASE NOTE 04/09/2024: spk w/ Rahul re: billing",
        [("PERSON", "Rahul")],
    ),
    ("spoke-with-shorthand-no-name", "spoke w/ the manager about it", []),
    # a cheque's MICR line; a Canadian account's transit, institution and account numbers
    (
        "micr-line",
        "MICR line from the voided check: \u2446011000015\u2446 763829453\u2448 1043",
        [("ABA_ROUTING", "011000015"), ("BANK_ACCOUNT", "763829453")],
    ),
    (
        "canadian-transit-institution-account",
        "Transit 80430 Inst 003 Acct 5280829",
        [("BANK_ACCOUNT", "80430 Inst 003 Acct 5280829")],
    ),
    ("transit-without-numbers", "the transit strike lasted 12 days", []),
    (
        "whatsapp-link",
        "whatsapp me wa.me/13125550138 anytime",
        [("PHONE", "13125550138")],
    ),
    (
        "bracketed-dots-in-the-local-part",
        "email: esperanza[dot]siddiqui[at]example[dot]org",
        [("EMAIL", "esperanza[dot]siddiqui[at]example[dot]org")],
    ),
    ("cc-on-file-ends", "cc on file ends 4242 ok", [("CARD_LAST4", "4242")]),
    (
        "expiry-after-an-x",
        "tk pymt $1419.95 on new cc 5555555555554444 x0726 ok",
        [("PAYMENT_CARD", "5555555555554444"), ("CARD_EXPIRY", "0726")],
    ),
    (
        "form-label-above-its-value",
        "New submission from Contact form\n\nName\nTariq Volkov\n\nEmail\ntv@example.com",
        [("PERSON", "Tariq Volkov"), ("EMAIL", "tv@example.com")],
    ),
    ("form-label-above-no-name", "Name\nwhat is your name?", []),
    (
        "audit-trail-editor",
        "Field 'Mobile' changed from '312-555-0166' to '404-555-0104' by Ngozi Karlsson",
        [("PHONE", "312-555-0166"), ("PHONE", "404-555-0104"), ("PERSON", "Ngozi Karlsson")],
    ),
    ("approved-by-a-product", "it was approved by Visa Signature team", []),
    # user names: after the cue, or alone on the line that answers a question for one
    (
        "username-direct",
        "my username is jdoe77 and my password is hunter2",
        [("USERNAME", "jdoe77"), ("PASSWORD", "hunter2")],
    ),
    ("username-field", "User ID: m.garcia", [("USERNAME", "m.garcia")]),
    (
        "username-answer-in-a-chat-export",
        "Tyler F.\n9:24 AM\nWhat's the username or email on the account?\n\nVisitor\n9:24 AM\n"
        "brianlindsey62\n",
        [("USERNAME", "brianlindsey62")],
    ),
    (
        "username-answer-after-a-label",
        "Agent: username on the account?\nCustomer (12:10:38): tmurphy",
        [("USERNAME", "tmurphy")],
    ),
    ("username-not-remembered", "Agent: what's your username?\nCustomer: forgot", []),
    # speech-to-text writes the question without "?", and the answer in words and letters
    (
        "username-spoken-spelled",
        "agent: okay what's your username\ncustomer: i think it's k s a n c h e z two three",
        [("USERNAME", "k s a n c h e z two three")],
    ),
    (
        "username-spoken-words",
        "REP: okay what's your username\nCALLER: vincent dot royer nineteen eighty five",
        [("USERNAME", "vincent dot royer nineteen eighty five")],
    ),
    (
        "username-spoken-not-remembered",
        "agent: okay what's your username\ncustomer: i don't remember it",
        [],
    ),
    ("username-spoken-talked-about", "agent: i can reset the username\ncustomer: thanks", []),
    ("username-talked-about", "i reset my username yesterday, the username reminder came", []),
    ("username-an-email", "username: jane@example.com", [("EMAIL", "jane@example.com")]),
    # a chat export's stamp is no date of birth; the answer in the same speaker's next message is
    (
        "dob-in-the-next-message-of-a-chat-export",
        "[6/25/24, 12:36:11 PM] Support: What's the order number and your date of birth?\n"
        "[6/25/24, 12:36:20 PM] Customer: A7168-83171\n"
        "[6/25/24, 12:36:24 PM] Customer: 06/09/1965\n",
        [("DATE_OF_BIRTH", "06/09/1965")],
    ),
    (
        "name-on-the-bank-account",
        "Agent: What's the name on the bank account?\nYou: JESSICA WILLIAMSON\nAgent: ok",
        [("PERSON", "JESSICA WILLIAMSON")],
    ),
    # two answers to one request, one a line: the ITIN's groups are no date, the date is read
    (
        "itin-then-dob-next-line",
        "Agent: Can you provide it along with your date of birth?\nGuest: 921 82 7109\n"
        "November 16, 1970\nAgent: Thanks.",
        [("US_ITIN", "921 82 7109"), ("DATE_OF_BIRTH", "November 16, 1970")],
    ),
    (
        "a-date-in-the-agents-next-turn-is-no-dob",
        "Agent: date of birth and ssn please.\nCustomer: 123-45-6789\n"
        "Agent: November 16, 2023 is when the bill is due",
        [("US_SSN", "123-45-6789")],
    ),
    # a sentence's dash after a spoken address is no dash of its domain
    (
        "spelled-email-then-dash",
        "got it, W I L S O N . T H O M A S at outlook.com — right?",
        [("EMAIL", "W I L S O N . T H O M A S at outlook.com")],
    ),
    (
        "spoken-email-then-dash",
        "sure, wilson dot thomas at outlook dot com - right?",
        [("EMAIL", "wilson dot thomas at outlook dot com")],
    ),
    (
        "otp-auth-log",
        "2025-07-06T20:24:27.113Z INFO auth.login result=OK mfa=sms\n"
        "2025-07-06T20:24:32.116Z DEBUG mfa.verify code=104400 status=valid",
        [("ONE_TIME_CODE", "104400")],
    ),
    ("error-code-is-no-otp", "2025-07-06 ERROR http.request status=502 code=104400", []),
    ("otp-passcode", "ok the one time passcode is 913302", [("ONE_TIME_CODE", "913302")]),
    ("otp-question", "what's the otp you received? 774201", [("ONE_TIME_CODE", "774201")]),
    (
        "otp-spoken",
        "yeah i got the code it's four eight two nine one seven",
        [("ONE_TIME_CODE", "four eight two nine one seven")],
    ),
    # the card's "verification code" is the CVV; a promo code and a ZIP are no one-time codes
    ("otp-not-cvv", "the card verification code is 123", [("CARD_CVV", "123")]),
    ("otp-not-promo", "your promo code is 4455", []),
    ("otp-not-discount", "the discount code 20253 didn't work", []),
    ("otp-no-value", "the code we sent you expires in 10 minutes", []),
    ("security", "my mother's maiden name is johnson", [("SECURITY_ANSWER", "johnson")]),
    # a terse transcript's question and answer: "Which card? Ending 5904."
    (
        "card-last4-asked-which-card",
        "Which card? Ending 5904. Read me the code",
        [("CARD_LAST4", "5904")],
    ),
    ("which-card-ending-no-number", "what card? ending soon, the offer", []),
    # a policy's letters in lower case, as speech-to-text writes them, glued to its digits
    (
        "policy-lowercase-prefix",
        "Agent: do you have your policy number handy?\nCustomer: yeah it's erj722722821",
        [("INSURANCE_POLICY", "erj722722821")],
    ),
    (
        "policy-number-after-a-word",
        "the policy number is 37562260 ok",
        [("INSURANCE_POLICY", "37562260")],
    ),
    # the cue "first pet" before "'s name": the answer was taken from inside the word ("s name")
    ("security-pets-name", "my first pet's name was buddy", [("SECURITY_ANSWER", "buddy")]),
    # banks' other shared secrets
    ("memorable-word", "my memorable word is lighthouse", [("SECURITY_ANSWER", "lighthouse")]),
    ("secret-answer", "the secret answer is fluffy", [("SECURITY_ANSWER", "fluffy")]),
    # an answer after a stall ("Oh gosh.", "Um,"), with its article, or unsure of itself: the
    # stall is no answer, and "the name was Rex" starts no answer with "the"
    (
        "security-answer-after-a-stall",
        "Agent: what's your high school mascot?\nCustomer: Oh gosh. the Spartans.\nAgent: ok",
        [("SECURITY_ANSWER", "the Spartans")],
    ),
    (
        "security-answer-unsure",
        "Agent: what's your high school mascot?\nCustomer: Um, the Wildcats? I think?\nAgent: ok",
        [("SECURITY_ANSWER", "the Wildcats")],
    ),
    (
        "security-answer-unsure-lead",
        "Agent: what's your high school mascot?\nCustomer: That'd be Blue Devils? I think?",
        [("SECURITY_ANSWER", "Blue Devils")],
    ),
    # the questions in Spanish: a first pet's name, a favourite teacher, a city of birth
    (
        "security-answer-spanish-pet",
        "00:01:19 Agente: pregunta de seguridad: ¿nombre de su primera mascota?\n"
        "00:01:20 Cliente: Biscuit.\n00:01:21 Agente: ¿Y su",
        [("SECURITY_ANSWER", "Biscuit")],
    ),
    (
        "security-answer-spanish-city-accented",
        "Agente: pregunta de seguridad: ¿ciudad donde nació?\n00:00:30 Cliente: Vieja Portugal.",
        [("SECURITY_ANSWER", "Vieja Portugal")],
    ),
    (
        "security-question-asked-back-is-no-answer",
        "Customer: security question: favorite teacher? answer: mrs. sullivan",
        [("SECURITY_ANSWER", "mrs. sullivan")],
    ),
    ("account-bare-cue", "the account 12345678 was charged twice", [("BANK_ACCOUNT", "12345678")]),
    (
        "account-ivr-prompt",
        "2024-12-06T20:58:04.962Z prompt.play id=ENTER_ACCOUNT\n"
        '2024-12-06T20:58:16.138Z dtmf.collect digits="89002510972790#" term=#',
        [("BANK_ACCOUNT", "89002510972790")],
    ),
    ("account-no-number", "your account is overdue by 30 days", []),
    # passwords: the word after the cue, unless the words only talk about a password
    ("password", "login is jsmith and password is Hunter2!", [("PASSWORD", "Hunter2!")]),
    ("password-quoted", 'password: "S3cret-Pa55"', [("PASSWORD", "S3cret-Pa55")]),
    ("password-equals", "pwd=qwerty99", [("PASSWORD", "qwerty99")]),
    ("password-spoken-digits", "my password is bluebird 42", [("PASSWORD", "bluebird 42")]),
    # an answer that opens with the caller finding it ("let me see", "let me grab it")
    (
        "password-answer-after-let-me-see",
        "agent: What password did you set?\nCustomer: Let me see purple dollar sign falcon"
        " two seven oh five.\nagent: ok",
        [("PASSWORD", "purple dollar sign falcon two seven oh five")],
    ),
    (
        "password-answer-only-let-me-think",
        "agent: whats the password\ncustomer: let me check, okay let me think about that",
        [],
    ),
    # a password said in parts: spelled letters, number words, the names of symbols
    ("password-said-hunter-two", "my password is hunter two", [("PASSWORD", "hunter two")]),
    (
        "password-said-spelled",
        "password is capital T r o u b four d o r",
        [("PASSWORD", "capital T r o u b four d o r")],
    ),
    (
        "password-said-symbols",
        "my password is lowercase k, capital z, nine, seven, dollar sign, x",
        [("PASSWORD", "lowercase k, capital z, nine, seven, dollar sign, x")],
    ),
    (
        "password-said-passphrase",
        "the password is blue monkey four two",
        [("PASSWORD", "blue monkey four two")],
    ),
    (
        "password-said-then-pin",
        "my password is sunshine nine nine and my pin is 1234",
        [("PASSWORD", "sunshine nine nine"), ("PIN", "1234")],
    ),
    ("password-then-request", "Password: Hunter2 Please reset it", [("PASSWORD", "Hunter2")]),
    # ... asked for as the one tried, the letter's case after it, "then" before a part
    (
        "password-said-tried",
        "agent: what password did you try\ncaller: maple with a capital m, then exclamation"
        " point, sixty two thirty nine",
        [("PASSWORD", "maple with a capital m, then exclamation point, sixty two thirty nine")],
    ),
    (
        "password-said-then-spelled",
        "i know my password, it's capital b, then l u e b i r d, three two and then dollar"
        " sign\nagent: thanks",
        [("PASSWORD", "capital b, then l u e b i r d, three two and then dollar sign")],
    ),
    (
        "password-said-capital-a",
        "the wifi password i set is capital c o p p e r capital a h dollar sign five",
        [("PASSWORD", "capital c o p p e r capital a h dollar sign five")],
    ),
    (
        "password-said-spelled-out-asked",
        "can you spell out the temporary password you set so i can test it\nSpeaker 2: so it's"
        " uppercase s u n s e t pound sign eight nine exclamation point",
        [("PASSWORD", "uppercase s u n s e t pound sign eight nine exclamation point")],
    ),
    (
        "password-said-then-no-part",
        "my password is hunter two and then my pin is 1234",
        [("PASSWORD", "hunter two"), ("PIN", "1234")],
    ),
    ("password-asked-alone", "Agent: password?\nCustomer: hunter2", [("PASSWORD", "hunter2")]),
    (
        "password-quoted-phrase",
        '{"password":"correct horse battery staple"}',
        [("PASSWORD", "correct horse battery staple")],
    ),
    ("password-escaped-quote", '{"password":"ab\\"cd"}', [("PASSWORD", 'ab\\"cd')]),
    # ("password" is the grant's type, no password; the user name is one)
    (
        "password-as-a-value",
        "grant_type=password&username=ngarcia",
        [("USERNAME", "ngarcia")],
    ),
    (
        "password-opens-with-ampersand",
        "my password is &A8(E8rz!p24 ok",
        [("PASSWORD", "&A8(E8rz!p24")],
    ),
    ("password-key-of-another-field", "password_reset=true", []),
    ("password-abbreviated", "pswd: hunter2", [("PASSWORD", "hunter2")]),
    # cues that end in a sign, "#"
    ("routing-rt-hash", "rt# 021000021", [("ABA_ROUTING", "021000021")]),
    ("dl-license-hash", "license # D1234567", [("US_DRIVER_LICENSE", "D1234567")]),
    ("passport-pp-hash", "pp# 123456789", [("US_PASSPORT", "123456789")]),
    # another country's passport after its cue: letters and at least five digits
    ("passport-italian", "passaporto n. YV6054665.", [("US_PASSPORT", "YV6054665")]),
    ("passport-french", "mon passeport n° 34IU36538.", [("US_PASSPORT", "34IU36538")]),
    ("passport-german", "Reisepass: C01X00T47", [("US_PASSPORT", "C01X00T47")]),
    ("passport-renewal-order", "my passport renewal, order ABC12345X", []),
    # a note's subject before what they did, in lower case: both names listed, neither a word
    (
        "note-name-before-verb",
        "--- next call ---\n- brian campbell wants payoff quote",
        [("PERSON", "brian campbell")],
    ),
    ("note-common-words-before-verb", "when will smith called the office", []),
    ("note-no-name-before-verb", "the customer service said no", []),
    # a customer's record in an API's path, as a HAR dump or an access log keeps it
    (
        "customer-id-in-a-url-path",
        '"url": "https://api.example.com/v1/customers/177870938/profile",',
        [("CUSTOMER_NUMBER", "177870938")],
    ),
    ("orders-in-a-url-path", "GET /v1/orders/177870938/items HTTP/1.1", []),
    # a surname with an apostrophe or a prefix before its second capital
    (
        "caps-pair-apostrophe-surname",
        "Order #524183 for Marcus D'Amato is on hold; Andrea O'Neil called.",
        [("PERSON", "Marcus D'Amato"), ("PERSON", "Andrea O'Neil")],
    ),
    ("caps-pair-prefixed-surname", "Order 524 for Kevin McDonald", [("PERSON", "Kevin McDonald")]),
    ("caps-pair-camel-case-brands", "I pay with PayPal, not Apple Pay or FedEx", []),
    # a record's key in camel case, read as words, is no role and no name after it
    (
        "camel-key-after-a-role-word",
        '{"customerInternalReference": "onb-35944676", "userReference": "x"}',
        [],
    ),
    (
        "role-word-then-a-name-in-a-key's-value",
        '{"customer": "Karen Miller"}',
        [("PERSON", "Karen Miller")],
    ),
    # a field that holds nothing but a surname: a census surname that is a word too
    (
        "surname-field-common-word",
        '{"givenName": "Robert", "surname": "Woods"}',
        [("PERSON", "Robert"), ("PERSON", "Woods")],
    ),
    ("last-name-field-common-word", "Last Name: Young\n", [("PERSON", "Young")]),
    ("surname-field-no-name", '{"surname": "Unknown"}', []),
    # milliseconds are no title: "684.90 ms  execute" names no one
    # a subtitle's dash opens the next speaker's sentence: the name is before it, not after
    (
        "first-name-before-a-dashed-question",
        "speaker: uh, Wong, first name Lisa. - How can I help you today?\nspeaker: I'm moving",
        [("PERSON", "Wong"), ("PERSON", "Lisa")],
    ),
    # a surname after a pause or a hesitation, a common word too where the turn ends with it
    (
        "surname-after-a-pause",
        "AGT  who do i have the pleasure of speaking with\nCUS  yeah hi, this is scott... brown\n",
        [("PERSON", "scott... brown")],
    ),
    (
        "surname-after-a-hesitation",
        "Agent: Can I get your full name, please?\nCaller: Wendy, uh, Stone.\nAgent: Thanks.",
        [("PERSON", "Wendy, uh, Stone")],
    ),
    ("no-surname-after-a-hesitation-going-on", "thanks john, uh, bye now", [("PERSON", "john")]),
    (
        "no-surname-after-a-pause",
        "Caller: this is Dana... Anyway i need help",
        [("PERSON", "Dana")],
    ),
    # a caption's mark of the next speaker after a rebuilt transcript's label
    (
        "name-answer-after-a-caption-mark",
        "speaker: >> may i have the name on the account\nspeaker: >> it's um emma scott\n",
        [("PERSON", "emma scott")],
    ),
    # the last of the answers to a question for several, after "and"
    (
        "zip-answered-last-after-and",
        "agent: can i get your date of birth and zip code?\ncaller: 09/23/1997 and 85741\n",
        [("DATE_OF_BIRTH", "09/23/1997"), ("US_ZIP", "85741")],
    ),
    (
        "zip-asked-alone-then-an-amount-after-and",
        "agent: and the zip code?\ncaller: 85741 and i paid 12000 and 40 cents\n",
        [("US_ZIP", "85741")],
    ),
    ("ms-after-a-number", "duration: 684.90 ms  execute <unnamed>: SELECT 1", []),
    ("ms-a-title", "I spoke with ms erdogan today", [("PERSON", "erdogan")]),
    # a messaging event's sender, an SMS's sender: the number it came from
    (
        "phone-json-from",
        '{"ticket": "TKT-11074", "from": "3475550190", "body": "please cancel"}',
        [("PHONE", "3475550190")],
    ),
    ("phone-sms-from", "From: 3475550190\nSTOP", [("PHONE", "3475550190")]),
    ("from-in-a-sentence-is-no-cue", "it came from 3475550190 i think", []),
    # a third party on the account, named after whose relative or friend they are (names in
    # no census list)
    (
        "caps-pair-after-my-sibling",
        "Um, my sibling Siyabonga Lukhele is on the account too.",
        [("PERSON", "Siyabonga Lukhele")],
    ),
    (
        "caps-pair-after-her-roommate",
        "Her roommate Judit Papp called",
        [("PERSON", "Judit Papp")],
    ),
    ("caps-pair-after-a-tenant", "the tenant Parking Permit expires", []),
    # a bank account by the names banks' systems and servicers' screens give it
    (
        "account-dda-key-in-json",
        '{"routing": "091000019", "dda": "6588500914"}',
        [("ABA_ROUTING", "091000019"), ("BANK_ACCOUNT", "6588500914")],
    ),
    ("account-loan-hash-no-blank", "LOAN# 19411949   BORROWER", [("BANK_ACCOUNT", "19411949")]),
    (
        "account-funding-after-dot-leaders",
        "Funding account ................... 021616084672 / ABA 026009593",
        [("BANK_ACCOUNT", "021616084672"), ("ABA_ROUTING", "026009593")],
    ),
    # an IVR's log of what it collected: the field's name a logfmt value, the digits the next
    (
        "account-ivr-logfmt-field-then-digits",
        "event=collect field=account_number digits=35771203839 result=match",
        [("BANK_ACCOUNT", "35771203839")],
    ),
    # a street whose house number a number before it on the line hid ("99207 My address is
    # 5595 ...", no street's name, was read first)
    (
        "street-after-a-zip-on-its-line",
        "zipcode 99207 My address is 5595 Grant Drive",
        [("US_ZIP", "99207"), ("STREET_ADDRESS", "5595 Grant Drive")],
    ),
    # whose value it is, between the cue and the answer: the card's ZIP, no card's number
    (
        "zip-for-that-card-answered-next-line",
        "Agent (10:59:21 AM): Thanks! Billing ZIP for that card?\nGuest (11:00:16 AM): 20002",
        [("US_ZIP", "20002")],
    ),
    # an expiry year first in four digits, as a card processor's record writes it
    (
        "expiry-yymm-in-a-processor-record",
        '"cardExpiry": "2512", "currency": "USD"',
        [("CARD_EXPIRY", "2512")],
    ),
    ("expiry-cue-then-a-distance", "it expires in 2500 miles", []),
    # a phone's extension as RFC 3966 and a record's dump write it
    (
        "phone-extension-rfc3966",
        "Work phone ......... +1 415 555 0100;ext=456",
        [("PHONE", "+1 415 555 0100"), ("PHONE", ";ext=456")],
    ),
    (
        "phone-extension-in-a-record-dump",
        "PhoneDTO{type=WORK, number='602-555-0181', extension='9022'}",
        [("PHONE", "602-555-0181"), ("PHONE", "9022")],
    ),
    # a card's PIN in Mexico's Spanish
    ("pin-nip-in-spanish", "Tú: mi nip es 4474", [("PIN", "4474")]),
    # a name field's value written last name first, before the form line's next field
    (
        "name-field-inverted-before-next-field",
        "PATIENT INFORMATION\nName: CYRULIK, TYMOTEUSZ        DOB: 02/09/1979",
        [("PERSON", "CYRULIK, TYMOTEUSZ"), ("DATE_OF_BIRTH", "02/09/1979")],
    ),
    # a French mail's sign-off with its adverb ("Bien cordialement,"), then the signature
    (
        "sign-off-bien-cordialement",
        "Merci.\n\nBien cordialement,\nRémy Guyot\nAssurances Horizon",
        [("PERSON", "Rémy Guyot")],
    ),
    # a one-time code as a verification record notes it
    (
        "otp-code-entered-in-a-record",
        "SMS Auth:\n    Transaction: 1254478039\n    Result: passed\n    Code entered: 847871",
        [("ONE_TIME_CODE", "847871")],
    ),
    (
        "otp-read-back-by-the-customer",
        "OTP sent to mobile ending in 73 -> customer read back 839030",
        [("ONE_TIME_CODE", "839030")],
    ),
    # a date of birth with the time a database stores with it (a Mongo shell's ISODate)
    (
        "dob-iso-date-with-time",
        "    dob: ISODate('1982-02-01T00:00:00.000Z'),",
        [("DATE_OF_BIRTH", "1982-02-01T00:00:00.000Z")],
    ),
    # a customer's key in a config or an export, as a CRM's fixtures write it
    (
        "customer-key-in-a-config",
        "customer_key = 912855474\nsegment = retail",
        [("CUSTOMER_NUMBER", "912855474")],
    ),
    # an agent's abbreviation of the question, in a chat's HTML
    (
        "security-q-dot-answer-in-html",
        "<p>ok ask her security q. answer on file is <b>South Vicki</b></p>",
        [("SECURITY_ANSWER", "South Vicki")],
    ),
    ("cvv2-one-space", "cvv2 737", [("CARD_CVV", "737")]),
    ("cvc2", "cvc2 737", [("CARD_CVV", "737")]),
    ("ssn-soc", "soc 536228841", [("US_SSN", "536228841")]),
    ("account-a-slash-c", "a/c 123456789", [("BANK_ACCOUNT", "123456789")]),
    (
        "zip-five-field",
        "Addr-Line-1: 63 Harbor Ave; Zip5: 39530",
        [("STREET_ADDRESS", "63 Harbor Ave"), ("US_ZIP", "39530")],
    ),
    ("zip-ocr-label", "ST: NY  Z1P: 93S51", [("US_ZIP", "93S51")]),
    # an amount after the code's question is no code
    (
        "cvv-then-an-amount",
        "The CVV, please?\nYes, ####...\nOkay, I have a payment of $133.23 today.",
        [],
    ),
    ("cvv-then-a-full-stop", "cvv 123.", [("CARD_CVV", "123")]),
    ("dl-lic", "lic D1234567", [("US_DRIVER_LICENSE", "D1234567")]),
    ("soc-not-a-cue-alone", "the acc team has 12 people and soc 2 audits", []),
    ("password-forgotten", "I forgot my password and need a reset", []),
    ("password-reset-link", "the password reset link expired", []),
    ("password-policy", "your password must be 8 characters", []),
    ("password-advice", "please don't share your password with anyone", []),
    ("password-no-is", "is your password working?", []),
    (
        "password-answer-next-line",
        "Agent: can you tell me your password?\nCaller: sure, it's Gr33nT3a",
        [("PASSWORD", "Gr33nT3a")],
    ),
    ("password-question-no-answer", "did you reset your password?\nCustomer: yes I did", []),
    # keys of log lines, query strings and JSON: a cue after an underscore, a quoted key
    (
        "snake-case-keys",
        "user_ssn=078051120 customer_dob: 1985-03-14 acct_pin=4921",
        [("US_SSN", "078051120"), ("DATE_OF_BIRTH", "1985-03-14"), ("PIN", "4921")],
    ),
    ("json-password", '{"login": "zq", "pwd": "tiger123"}', [("PASSWORD", "tiger123")]),
    ("pw-label", "pw: Tr0ub4dor&3", [("PASSWORD", "Tr0ub4dor&3")]),
    # one-time codes as a text message splits them, and the answer to a question about one
    ("otp-grouped", "the one time passcode is 600 324", [("ONE_TIME_CODE", "600 324")]),
    (
        "otp-not-a-cvv",
        "I got a text with a verification code, it says 784 268.",
        [("ONE_TIME_CODE", "784 268")],
    ),
    (
        "otp-answers-the-question",
        "Agent: I sent a verification code to your email, what is it?\nCustomer: 989093",
        [("ONE_TIME_CODE", "989093")],
    ),
    (
        "otp-answer-after-another-question",
        "Agent: what's the code we sent? and your phone?\nCustomer: 989093",
        [],
    ),
    (
        "otp-not-part-of-a-phone",
        "the code we sent to 415 555 0132 came back",
        [("PHONE", "415 555 0132")],
    ),
    ("routing-grouped", "the routing number is 111-000-025", [("ABA_ROUTING", "111-000-025")]),
    # a value named by the words right after it belongs to them, not to the cue before it
    (
        "named-after-not-routing",
        "OK, 011000015 is the routing number and 670437508 is the account number.",
        [("ABA_ROUTING", "011000015"), ("BANK_ACCOUNT", "670437508")],
    ),
    (
        "card-then-named-code",
        "the card is 3622 720627 1667 713 is the security code",
        [("PAYMENT_CARD", "3622 720627 1667"), ("CARD_CVV", "713")],
    ),
    (
        "cue-that-named-the-number-before",
        "0366 is my pin\nok, 122105 155 is the routing number",
        [("PIN", "0366"), ("ABA_ROUTING", "122105 155")],
    ),
    (
        "passport-after-a-named-last-four",
        "Customer: 9386 is the last four of my social\nCustomer: passport number is 659900040",
        [("US_SSN_LAST4", "9386"), ("US_PASSPORT", "659900040")],
    ),
    # names with letters beyond ASCII: spelled, signed, and around a name the ASCII triggers
    # found part of
    (
        "spelled-accented",
        "Customer: Sure, it's Wójt, W O J T.",
        [("PERSON", "Wójt, W O J T")],
    ),
    ("spelled-unfolded-letter", "Sure, it's Łyś, L Y S.", [("PERSON", "Łyś, L Y S")]),
    (
        "caps-pair-accented-end",
        "The new contact is Marcela Valentín, reachable by phone",
        [("PERSON", "Marcela Valentín")],
    ),
    (
        "signature-accented",
        "Kind regards,\n-- \nÖzerdinç Bilge\nAcme",
        [("PERSON", "Özerdinç Bilge")],
    ),
    (
        "accented-first-word",
        "Thank you for calling Northwind Bank, María del Carmen. Have a great day.",
        [("PERSON", "María del Carmen")],
    ),
    (
        "accented-with-particles",
        "Agent: Hello Héctor de la Garza, I'm Aarnav and I'll be helping you today",
        [("PERSON", "Héctor de la Garza"), ("PERSON", "Aarnav")],
    ),
    (
        "agent-will-help",
        "Agent: Hi, I'm Crystal and I'll be helping you today",
        [("PERSON", "Crystal")],
    ),
    ("not-agent-will-help", "I'm fine and I'll wait, I'm sorry and I'll look", []),
    ("ssn-last4-label", "SSN (last 4): 1120", [("US_SSN_LAST4", "1120")]),
    ("ssn-last4-label-after", "last 4 ssn: 1120", [("US_SSN_LAST4", "1120")]),
    (
        "iban-lowercase-dashes",
        "iban: gb82-west-1234-5698-7654-32",
        [("IBAN", "gb82-west-1234-5698-7654-32")],
    ),
    ("dl-letter-and-groups", "my license is D1234 5678", [("US_DRIVER_LICENSE", "D1234 5678")]),
    ("dl-state-code", "WA license WHITFDM123AB, exp 2027", [("US_DRIVER_LICENSE", "WHITFDM123AB")]),
    ("dl-state-name", "texas drivers license 12345678", [("US_DRIVER_LICENSE", "12345678")]),
    (
        "dl-state-two-words",
        "new york license number 123 456 789",
        [("US_DRIVER_LICENSE", "123 456 789")],
    ),
    ("dl-state-word-not-a-cue", "i have it in license form, ok", []),
    ("license-plate-is-no-dl", "the OR license plate is ABC1234", []),
    ("license-plate-is-no-dl-2", "my license plate is 7ABC123", []),
    ("two-letter-name-spelled", "my last name is Ng, N-G.", [("PERSON", "Ng, N-G")]),
    ("thx-greeting", "Thx, Mike", [("PERSON", "Mike")]),
    ("not-introduced-urgent", "this is urgent calling about your account", []),
    ("introduced-unlisted", "this is priya calling about your bill", [("PERSON", "priya")]),
    ("title-after-greeting-no-name", "Dear Dr. Chen,", [("PERSON", "Chen")]),
    (
        "surname-with-apostrophe",
        "can i speak to the account holder, mr james o'brien",
        [("PERSON", "james o'brien")],
    ),
    ("addressee-attn", "Attn: Rajesh Kumar", [("PERSON", "Rajesh Kumar")]),
    ("addressee-beneficiary", "Beneficiary: Oluwaseun Adeyemi", [("PERSON", "Oluwaseun Adeyemi")]),
    ("addressee-care-of", "c/o Fatima Al-Sayed", [("PERSON", "Fatima Al-Sayed")]),
    ("addressee-department", "Attention: Billing Department", []),
    ("addressee-company", "Payee: Acme Corp", []),
    ("not-addressee", "Attention all customers, the store closes at 9", []),
    (
        "routing-cue-already-answered",
        "routing number 021000021. My order number is 297986240 and",
        [("ABA_ROUTING", "021000021")],
    ),
    (
        "expiry-cue-ends-with-its-sentence",
        "the page says it has expired. The meeting is confirmed for 11/24 at 11:15 am.",
        [],
    ),
    (
        "expiry-abbreviated",
        "card 4111111111111111 exp. 11/27",
        [("PAYMENT_CARD", "4111111111111111"), ("CARD_EXPIRY", "11/27")],
    ),
    # decoys
    ("count-not-phone", "Call volume was 4,512,337 minutes this quarter", []),
    ("count-not-phone-spaced", "please call, we logged 555 1234 calls", []),
    ("model-number-not-card", "Model number 4012888888881881 is on the box", []),
    ("amount", "the total was $249.99 for 3 items", []),
    ("order", "order number 100234987", []),
    ("ticket", "ticket INC0012345 is open", []),
    ("time", "I waited fifteen minutes at 3:45 pm", []),
    # a quoted reply's header: the name alone on its line, a surname with its particles
    (
        "reply-header-name-alone",
        "Thanks\nZofia\n\nZofia Fairweather-Lunn wrote:\n> Hello",
        [("PERSON", "Zofia"), ("PERSON", "Zofia Fairweather-Lunn")],
    ),
    (
        "reply-header-particles",
        "On Mon, Mar 4, 2024 at 10:12 AM Ingrid van der Berg <ingrid@example.com> wrote:",
        [("PERSON", "Ingrid van der Berg"), ("EMAIL", "ingrid@example.com")],
    ),
    ("reply-header-team", "Support Team wrote:\n> hi", []),
    # a name stated after "the account holder is", a passcode asked for in a question
    (
        "account-holder-is",
        "agent: are you the account holder\ncustomer: no the account holder is kwame okonkwo",
        [("PERSON", "kwame okonkwo")],
    ),
    ("account-holder-not-a-name", "the account holder is not available", []),
    (
        "passcode-asked",
        "agent: do you have a passcode on the account\ncustomer: yes it's bluebird",
        [("PASSWORD", "bluebird")],
    ),
    (
        "passcode-asked-none",
        "agent: do you have a passcode on the account\ncustomer: no i don't think so",
        [],
    ),
    # a ZIP after a street without a state, in an agent's note or after a note in brackets
    (
        "zip-after-street-note",
        "upd addr to 966 Oak Dr 40324",
        [("STREET_ADDRESS", "966 Oak Dr"), ("US_ZIP", "40324")],
    ),
    (
        "zip-after-bracketed-note",
        "deliver to 5019 Maple Ave (ring bell twice), Fairview 75069-7731",
        [
            ("STREET_ADDRESS", "5019 Maple Ave (ring bell twice), Fairview"),
            ("US_ZIP", "75069-7731"),
        ],
    ),
    (
        "no-zip-without-a-cue",
        "the store at 12 Main St has 40324 items",
        [("STREET_ADDRESS", "12 Main St")],
    ),
    # "pass" in a field: a password's, not a boarding pass's or a bus pass's
    ("new-pass-arrow", "new pass -> correcthorse42", [("PASSWORD", "correcthorse42")]),
    ("boarding-pass", "boarding pass: gate 12", []),
    ("user-then-pass", "user: maria pass: Tr0ub4dor&3", [("PASSWORD", "Tr0ub4dor&3")]),
    # an account number written right after a routing number, with its label
    (
        "routing-then-dan",
        "direct deposit: RTN 121000358 DAN 518361413817",
        [("ABA_ROUTING", "121000358"), ("BANK_ACCOUNT", "518361413817")],
    ),
    (
        "routing-then-acct",
        "routing 021000021 acct 123456789",
        [("ABA_ROUTING", "021000021"), ("BANK_ACCOUNT", "123456789")],
    ),
    # a sign-off and the name after a comma on its line, in the languages customers write in
    (
        "sign-off-same-line",
        "voici mon RIB : FR1420041010050500013M02606\nCordialement, Tomasz",
        [("IBAN", "FR1420041010050500013M02606"), ("PERSON", "Tomasz")],
    ),
    ("best-buy", "Best Buy has a sale", []),
    # a signature block: the name signed with, and the full name a line or two below it
    (
        "signature-full-name-below",
        "Please cancel my subscription.\n\n-- \nCamille\n\nCamille Lindqvist\nTel: +1 303 555 0130",
        [("PERSON", "Camille"), ("PERSON", "Camille Lindqvist"), ("PHONE", "+1 303 555 0130")],
    ),
    (
        "sent-from-my-iphone",
        "I never received the parcel.\n\nSent from my iPhone\n\nZofia MacAllister\nM 415.555.0167",
        [("PERSON", "Zofia MacAllister"), ("PHONE", "415.555.0167")],
    ),
    (
        "name-on-account-field",
        "Name on account: Oluwaseun Castellanos\nABA/Routing: 021000021",
        [("PERSON", "Oluwaseun Castellanos"), ("ABA_ROUTING", "021000021")],
    ),
    # access tokens and keys by their issuers' formats (published example values)
    ("aws-key-id", "api key: AKIAIOSFODNN7EXAMPLE", [("ACCESS_TOKEN", "AKIAIOSFODNN7EXAMPLE")]),
    (
        "slack-token",
        "our token is xoxb-2048-1234-abcdefghijklmnopqrstuvwx dont share",
        [("ACCESS_TOKEN", "xoxb-2048-1234-abcdefghijklmnopqrstuvwx")],
    ),
    # a token, a key or a recovery code said a character at a time, after its cue or on the
    # next line
    (
        "token-said-next-line",
        "AGT: which token is it, read it to me\nCX: x o x b underscore c five p e seven d w h p"
        " v t e s q\nAGT: thank you",
        [("ACCESS_TOKEN", "x o x b underscore c five p e seven d w h p v t e s q")],
    ),
    (
        "recovery-code-said",
        "i saved the recovery code, it says m q f b, e d j m, six f eight juliet",
        [("ACCESS_TOKEN", "m q f b, e d j m, six f eight juliet")],
    ),
    (
        "recovery-key-said-after-question",
        "Rep: do you have the recovery key that was shown when you set up two factor?\n"
        "Caller: okay m five a r n a d nine.",
        [("ACCESS_TOKEN", "m five a r n a d nine")],
    ),
    # (no letters and digits both, or too few: no secret said)
    ("token-said-words", "what token did you use\ncaller: it's the one from march, i think", []),
    (
        "key-said-with-its-mode",
        "agent: what key are you using in the header\n"
        "customer: uh it's s k underscore test underscore r two t three one two b t s seven",
        [("ACCESS_TOKEN", "s k underscore test underscore r two t three one two b t s seven")],
    ),
    ("key-what-words", "what key do you want, the front door one?", []),
    ("the-key-place", "the key is under the mat, apartment 4 b", []),
    (
        "gitlab-token",
        "Spoke w/ customer. The key is glpat-xY9kq2LmN4pR7sT1vW3z. Closing the ticket.",
        [("ACCESS_TOKEN", "glpat-xY9kq2LmN4pR7sT1vW3z")],
    ),
    (
        # base64 of "\0claims@example.test\0Example!2024", a made-up mailbox
        "smtp-auth-plain",
        "<~  250-AUTH PLAIN LOGIN\n ~> AUTH PLAIN AGNsYWltc0BleGFtcGxlLnRlc3QARXhhbXBsZSEyMDI0"
        "\n<~  235 2.7.0 Authentication successful",
        [("ACCESS_TOKEN", "AGNsYWltc0BleGFtcGxlLnRlc3QARXhhbXBsZSEyMDI0")],
    ),
    (
        "session-cookie",
        "Cookie: JSESSIONID=0A1B2C3D4E5F60718293A4B5C6D7E8F9; locale=en_US",
        [("ACCESS_TOKEN", "0A1B2C3D4E5F60718293A4B5C6D7E8F9")],
    ),
    (
        "github-token",
        "key ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok",
        [("ACCESS_TOKEN", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")],
    ),
    (
        "stripe-test-key",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        [("ACCESS_TOKEN", "sk_test_4eC39HqLyjWDarjtT1zdp7dc")],
    ),
    (
        "bearer-jwt",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlZXhhbXBsZQ",
        [
            (
                "ACCESS_TOKEN",
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlZXhhbXBsZQ",
            )
        ],
    ),
    (
        "private-key",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
        [
            (
                "ACCESS_TOKEN",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            )
        ],
    ),
    ("bearer-of-news", "the Bearer of bad news", []),
    # (synthetic values in the issuers' shapes)
    (
        "stripe-webhook-secret",
        "endpoint secret in use: whsec_q62TT8Xikyd6PbrECk3uWXqvyW1f9LnX",
        [("ACCESS_TOKEN", "whsec_q62TT8Xikyd6PbrECk3uWXqvyW1f9LnX")],
    ),
    (
        "okta-ssws",
        'curl -H "Authorization: SSWS 001ya-eZaEO9qtk6KaijDxb7ep3-LkRlJTiNPHzQco" "https://x.test"',
        [("ACCESS_TOKEN", "001ya-eZaEO9qtk6KaijDxb7ep3-LkRlJTiNPHzQco")],
    ),
    ("basic-of-it", "the Basic plan is cheaper than the Premium plan", []),
    # a token under its key, whose underscores are its own ("key_5Ez...", not "key 5Ez...")
    (
        "env-key-token-underscore",
        '"PARTNER_API_KEY=key_5EzXatgNQQjXQVj5JA9c917gCXlyVG5n",',
        [("ACCESS_TOKEN", "key_5EzXatgNQQjXQVj5JA9c917gCXlyVG5n")],
    ),
    (
        "camel-key-secret",
        '"GatewayApiKey"="live_8OlFwiYX3ww5vgJV5HDwb7ELTZH9SmrA"',
        [("ACCESS_TOKEN", "live_8OlFwiYX3ww5vgJV5HDwb7ELTZH9SmrA")],
    ),
    (
        "segment-write-key",
        '  "writeKey": "59afe27fd9910f223877a8a2187abbac"',
        [("ACCESS_TOKEN", "59afe27fd9910f223877a8a2187abbac")],
    ),
    ("akia-word", "AKIA is a prefix, ASIA a continent", []),
    # a number wrapped by an e-mail client's line break
    ("card-br", "card 4111<br>1111 1111 1111", [("PAYMENT_CARD", "4111<br>1111 1111 1111")]),
    ("br-after-an-amount", "total 25<br>thanks", []),
    # the country code before an area code in brackets
    ("phone-1-brackets", "Mobile: 1 (212) 555-0109 |", [("PHONE", "1 (212) 555-0109")]),
    # cues typed in a hurry (the misspellings agents and customers make most)
    ("typo-security-code", "secuirty code 737", [("CARD_CVV", "737")]),
    ("typo-account", "acount number 125266138316", [("BANK_ACCOUNT", "125266138316")]),
    ("typo-expiration", "expiraton 09/27", [("CARD_EXPIRY", "09/27")]),
    ("typo-birth", "date of brith 02/26/1968", [("DATE_OF_BIRTH", "02/26/1968")]),
    ("birth-day", "birth day 7/24/1973", [("DATE_OF_BIRTH", "7/24/1973")]),
    ("birth-day-no-date", "my birth day party is on saturday", []),
    ("typo-security-answer", "securty answer is Biscuit", [("SECURITY_ANSWER", "Biscuit")]),
    ("typo-password", "pasword: Hunter2!", [("PASSWORD", "Hunter2!")]),
    ("typo-password-is", "pssword is P@ssw0rd99", [("PASSWORD", "P@ssw0rd99")]),
    # an SSN's last four in an agent's shorthand; a PO box's abbreviation
    ("ss-hash-ending", "ss# ending 1872", [("US_SSN_LAST4", "1872")]),
    ("l4ss", "vfd w/ l4ss 2398 & zip 75069", [("US_SSN_LAST4", "2398"), ("US_ZIP", "75069")]),
    (
        "pob",
        "mail to POB 712, Fairview, TX 75069",
        [("STREET_ADDRESS", "POB 712, Fairview, TX"), ("US_ZIP", "75069")],
    ),
    # a secret named by its key, no issuer's prefix: a config file, an env paste, a URL
    (
        "keyed-aws-secret",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        [("ACCESS_TOKEN", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")],
    ),
    (
        "keyed-api-key",
        "API_KEY=VKJsWuc8FN0PM4XfVppSfi6cUBhtzfJO",
        [("ACCESS_TOKEN", "VKJsWuc8FN0PM4XfVppSfi6cUBhtzfJO")],
    ),
    (
        "keyed-token-in-url",
        "https://x.example.com/reset?u=7&token=834c7e8d6d84cdc7fb37abc48b81e385",
        [("ACCESS_TOKEN", "834c7e8d6d84cdc7fb37abc48b81e385")],
    ),
    ("keyed-not-a-secret", "token: refresh_token_expired, secret: /etc/app/secret.yaml", []),
    # a URL's password, between its user and its host (no e-mail address: the host is none)
    (
        "url-password",
        "DATABASE_URL=postgres://crm_svc:s3cr3tPss!@db.internal.example:5432/crm",
        [("PASSWORD", "s3cr3tPss!")],
    ),
    ("url-password-no-user", "redis://:p4ssw0rd@cache.example:6379", [("PASSWORD", "p4ssw0rd")]),
    # a password that ends in "@": the last "@" before the host ends it
    (
        "url-password-with-an-at-sign",
        "  url: postgres://svc_pay:Meadow-Granite-24@@db-prod.internal:5432/payments",
        [("PASSWORD", "Meadow-Granite-24@")],
    ),
    # how often it was tried, before what it is
    (
        "password-tried-times-then-said",
        "i've tried my password like five times it's r o c k e t star nine five six three",
        [("PASSWORD", "r o c k e t star nine five six three")],
    ),
    ("password-tried-times-no-value", "i reset my password three times and it still fails", []),
    # a password asked for with words after the cue, and one of two words
    (
        "password-asked-with-words-after",
        "agent: what's the password you're trying\ncustomer: sunflower eight four",
        [("PASSWORD", "sunflower eight four")],
    ),
    (
        "password-verbal-two-words",
        "agent: do you have a verbal password on the account\ncustomer: yes it's blue teapot",
        [("PASSWORD", "blue teapot")],
    ),
    ("password-not-working", "customer: my password is not working", []),
    (
        "pin-access-code",
        "agent: what's your telephone banking access code\ncustomer: i think it's 4252",
        [("PIN", "4252")],
    ),
    (
        "pin-asked-with-words-after",
        "agent: what's the account pin you set up with us\ncustomer: 5012",
        [("PIN", "5012")],
    ),
    # a sign-off after a dash; an agent's notes of whom they spoke to and a voicemail left
    ("sign-off-after-a-dash", "Thanks - Connor", [("PERSON", "Connor")]),
    ("dash-after-thanks-no-name", "thanks - that's all", []),
    (
        "agent-note-cx",
        "cx Dmitri O'Rourke (acct 529647486353) req refund",
        [("PERSON", "Dmitri O'Rourke"), ("BANK_ACCOUNT", "529647486353")],
    ),
    ("agent-note-voicemail", "vm left @ 3035550137 4:05am", [("PHONE", "3035550137")]),
    # a security question's answer after "A:"
    (
        "security-q-and-a",
        "Security Q: city you were born in? A: Tacoma",
        [("SECURITY_ANSWER", "Tacoma")],
    ),
    # a routing number, a slash, its account number (no card's group mark)
    (
        "ach-routing-slash-account",
        "ACH: 021000021/509745575047",
        [("ABA_ROUTING", "021000021"), ("BANK_ACCOUNT", "509745575047")],
    ),
    # an initial and a census surname where a record says who did something
    (
        "initial-surname-audit-trail",
        "2026-10-13T19:31:15Z C. Brooks changed MailingPostalCode from Gold to Silver.",
        [("PERSON", "C. Brooks")],
    ),
    ("initial-common-word-changed", "2026-10-13 U.S. Bank changed its terms", []),
    (
        "initial-surname-received-by",
        "Signed and dated.\nReceived by C. Ramos - fax to the branch",
        [("PERSON", "C. Ramos")],
    ),
    # a JSON Web Token by its header, whatever its payload; a key prefixed "api_"
    (
        "jwt-by-its-header",
        "hm ok, eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.ztpdzsxch1bY01HqnqvXgafC7wDe69nbq3Io"
        ".MB7nbMU4UA2Hw8ob9CDZKnqoYwDSrQVaUhaAG1iOxyw",
        [
            (
                "ACCESS_TOKEN",
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.ztpdzsxch1bY01HqnqvXgafC7wDe69nbq3Io"
                ".MB7nbMU4UA2Hw8ob9CDZKnqoYwDSrQVaUhaAG1iOxyw",
            )
        ],
    ),
    (
        "api-prefixed-key",
        '"text": "api_b61126488b844bcd795467646fb77b6c"',
        [("ACCESS_TOKEN", "api_b61126488b844bcd795467646fb77b6c")],
    ),
    ("api-prefixed-words", "see api_reference_documentation_page and api_version_2", []),
    # a rural route's box and a military post office's
    (
        "rural-route-box",
        "Address: RR 2 Box 193, Madison WI 97081",
        [("STREET_ADDRESS", "RR 2 Box 193, Madison WI"), ("US_ZIP", "97081")],
    ),
    (
        "military-psc-box",
        "Please send it to PSC 8285, Box 7116, APO AE 09712",
        [("STREET_ADDRESS", "PSC 8285, Box 7116, APO AE"), ("US_ZIP", "09712")],
    ),
    # both halves of a hyphenated name
    (
        "hyphenated-first-name-after-cc",
        "cc Anne-Marie Okafor on the reply",
        [("PERSON", "Anne-Marie Okafor")],
    ),
    (
        "hyphenated-surname",
        "a nombre de Siobhan Fairweather-Lunn",
        [("PERSON", "Siobhan Fairweather-Lunn")],
    ),
    # a name field that says in brackets what it wants
    (
        "name-field-with-brackets",
        "Name (Last, First, MI): SIDDIQUI, CHIDI C",
        [("PERSON", "SIDDIQUI, CHIDI C")],
    ),
    # an agent's notes of a security answer
    ("security-answer-note", "sec q (first car) ans: Corolla", [("SECURITY_ANSWER", "Corolla")]),
    (
        "mmn-verified-note",
        "MMN verified (Okafor) - ok to discuss acct",
        [("SECURITY_ANSWER", "Okafor")],
    ),
    # whose record it is: a name before "'s card" (a company's is none)
    ("possessive-of-a-card", "Kwame Brandt's card was declined.", [("PERSON", "Kwame Brandt")]),
    ("possessive-of-a-company", "Northwind Bank's card program changed", []),
    # a value named apart from it: an input with other attributes between, a log's field
    (
        "input-name-and-value-apart",
        '<input name="dob" type="date" value="1997-02-25">',
        [("DATE_OF_BIRTH", "1997-02-25")],
    ),
    (
        "log-field-and-value",
        "ValidationError: field 'dateOfBirth' value '03/06/1974' is in the future",
        [("DATE_OF_BIRTH", "03/06/1974")],
    ),
    (
        "password-i-typed",
        "agent: what's the password you're trying\ncustomer: i typed sunflower eight four",
        [("PASSWORD", "sunflower eight four")],
    ),
    # a ticket's people, and a mail header's names without their addresses
    (
        "ticket-reporter",
        "PAY-101: Refund fails\nReporter: Tariq Haddad",
        [("PERSON", "Tariq Haddad")],
    ),
    (
        "mail-header-name-lists",
        "To: Xiomara Kahananui\nCc: Anneliese Nguyen; Xiomara ONeill\nSubject: refund",
        [
            ("PERSON", "Xiomara Kahananui"),
            ("PERSON", "Anneliese Nguyen"),
            ("PERSON", "Xiomara ONeill"),
        ],
    ),
    (
        "mail-header-surname-first",
        "From: MacAlister, Tomasz\nSent: Tuesday, May 7, 2024 3:02 PM",
        [("PERSON", "MacAlister, Tomasz")],
    ),
    ("mail-header-a-team", "From: Acme Support\nTo: Billing Team\nplease send it to: us", []),
    (
        "xml-namespace-prefix",
        "<ns2:AccountHolder>Tariq Takahashi</ns2:AccountHolder>",
        [("PERSON", "Tariq Takahashi")],
    ),
    (
        "sign-off-after-a-sentence",
        "cryptogramme 520. Cordialement, Bongani Moreau",
        [("CARD_CVV", "520"), ("PERSON", "Bongani Moreau")],
    ),
    # dates of birth with the month in another language; a quoted reply's header
    (
        "dob-month-in-french",
        "Ma date de naissance est le 6 juin 1984",
        [("DATE_OF_BIRTH", "6 juin 1984")],
    ),
    (
        "dob-month-in-spanish",
        "mi fecha de nacimiento es 17 de junio de 1965",
        [("DATE_OF_BIRTH", "17 de junio de 1965")],
    ),
    ("date-in-french-not-a-birth", "the meeting is on 6 juin 1984", []),
    (
        "portuguese-card-code",
        "Olá, o número do cartão é 6200 0000 0000 0005, validade 04/26, código 298.",
        [("PAYMENT_CARD", "6200 0000 0000 0005"), ("CARD_EXPIRY", "04/26"), ("CARD_CVV", "298")],
    ),
    (
        "quoted-reply-header",
        '> From: "Priya Akana" <priya@example.com>',
        [("PERSON", "Priya Akana"), ("EMAIL", "priya@example.com")],
    ),
    # a bare number on the line under a sign-off and a name: the writer's phone
    (
        "signature-bare-phone",
        "Best,\nPriya Takahashi\n6175550188",
        [("PERSON", "Priya Takahashi"), ("PHONE", "6175550188")],
    ),
    ("signature-not-an-order", "Best,\nPriya\norder 6175550188", [("PERSON", "Priya")]),
    # a text message's code before what it is
    ("otp-before-its-name", "G-027955 is your sign-in code", [("ONE_TIME_CODE", "G-027955")]),
    ("otp-not-a-tracking-code", "1Z999 123456 is your tracking code", []),
    # an amount and a clause are no street's name; a model number is no card's code
    (
        "amount-which-is-way",
        "the bill says 1206 dollars which is way too much",
        [],
    ),
    ("model-number-on-the-back", "the model number on the back is XR 9023", []),
    # a form's blanks, filled in
    (
        "form-blanks",
        "Date of Birth: __04/10/1974__   Social Security Number: __183-15-7670__",
        [("DATE_OF_BIRTH", "04/10/1974"), ("US_SSN", "183-15-7670")],
    ),
    # the cues of the languages a US contact center's customers also write in
    (
        "spanish-expiry-and-code",
        "Hola, mi número de tarjeta es 5105 1051 0510 5100, vence el 11/25 y el código de"
        " seguridad es 781.",
        [("PAYMENT_CARD", "5105 1051 0510 5100"), ("CARD_EXPIRY", "11/25"), ("CARD_CVV", "781")],
    ),
    (
        "german-card-fields",
        "Kartennummer: 6200 0000 0000 0005\nAblaufdatum: 10/25\nPrüfnummer: 844",
        [("PAYMENT_CARD", "6200 0000 0000 0005"), ("CARD_EXPIRY", "10/25"), ("CARD_CVV", "844")],
    ),
    (
        "german-dob-and-account",
        "mein Geburtsdatum ist der 25.03.1955, Kontonummer 980077854",
        [("DATE_OF_BIRTH", "25.03.1955"), ("BANK_ACCOUNT", "980077854")],
    ),
    (
        "french-italian-portuguese",
        "cryptogramme 780, validade 04/26, data di nascita 28/04/1950",
        [("CARD_CVV", "780"), ("CARD_EXPIRY", "04/26"), ("DATE_OF_BIRTH", "28/04/1950")],
    ),
    # a person's record labels and a holder's cue (twelfth session)
    (
        "account-under-my-name",
        '"body": "oh sorry. also the account is under my name Philippine Gérard, zip 70819"',
        [("PERSON", "Philippine Gérard"), ("US_ZIP", "70819")],
    ),
    (
        "name-on-bank-account",
        "Name on bank account: Davi Luiz da Luz\nAccount type: Checking",
        [("PERSON", "Davi Luiz da Luz")],
    ),
    (
        "injured-party",
        "Injured party: Lilian Trần (dependent)\nLoss location: see file",
        [("PERSON", "Lilian Trần")],
    ),
    (
        "callback-contact",
        "Company: Mace et Fils\nContact: Océane Dijoux, Controller\nBest time: 8p",
        [("PERSON", "Océane Dijoux")],
    ),
    ("contact-no-name", "Contact: Customer Service\nHours: 9-5", []),
    (
        "username-answer-with-doubt",
        "Agent: what username are you trying to log in with?\nCustomer: akiraito i think, or maybe",
        [("USERNAME", "akiraito")],
    ),
    (
        "json-user-value-with-underscore",
        '{"event": "password_reset", "user": "jane_vu93", "ok": true}',
        [("USERNAME", "jane_vu93")],
    ),
    (
        "holder-name-said-by-another",
        "Agent: what is the account holder name\nCustomer: it's under my dad name actually"
        " brittany duncan but i'm sarah i'm an authorized user",
        [("PERSON", "brittany duncan"), ("PERSON", "sarah")],
    ),
    (
        "answer-after-fillers",
        "SPEAKER_01: may i have the name on the account\nSPEAKER_00: you know hi there heather"
        " gomez\nSPEAKER_01: what address",
        [("PERSON", "heather gomez")],
    ),
    (
        "third-party-name-was",
        "did you get the other driver's information\nyeah the name was monica lynn and the phone",
        [("PERSON", "monica lynn")],
    ),
    (
        "emergency-contact-neighbor",
        "agent: who's the emergency contact\ncustomer: uhm my neighbor mary turner at home",
        [("PERSON", "mary turner")],
    ),
    (
        "name-as-it-appears",
        "agent: recipient's full name as it appears on their bank account\ncaller: so todd andrews",
        [("PERSON", "todd andrews")],
    ),
    ("doctor-surname", "it was written by doctor clark correct", [("PERSON", "clark")]),
    ("the-doctor-verb", "the doctor will see you now, the dr said", []),
    ("mister-common-surname", "thanks mister brown", [("PERSON", "brown")]),
    ("agent-line-here", "ledgerly exchange support deborah here uh", [("PERSON", "deborah")]),
    (
        "agent-line-comma-here",
        "Agent: Vantage Fiber customer care, William here. Who am I speaking with?",
        [("PERSON", "William")],
    ),
    # an introduced capitalised word, then "with" and the company: a name, even a word's
    (
        "agent-introduced-with-company",
        "Agent: Hi, thank you for holding, this is Mark with Redline Auto Finance.",
        [("PERSON", "Mark")],
    ),
    ("im-fine-with-that", "Customer: I'm Fine with That", []),
    # in lower case, after a call's opening formula: "with" or "at" the company, a word's
    # name too; not a recorded message's "with a fraud alert"
    (
        "agent-lowercase-with-company",
        "rep: hello thank you for holding this is joy with northwind",
        [("PERSON", "joy")],
    ),
    (
        "agent-lowercase-at-company",
        "thanks for holding this is bill at tallgrass tax services how can i help",
        [("PERSON", "bill")],
    ),
    ("opening-with-a-message", "hi this is chase with a fraud alert on your card", []),
    ("no-opening-with-company", "yes this is bill at tallgrass", []),
    # a company's own word before a closing is no name ("nimbus mobile"); a filler before
    # the answer to a question for a name is none either ("Alright"); asked for a surname,
    # the census surnames answer ("hansen"); a word of code after the question is no name
    ("company-word-before-closing", "thank you for calling nimbus mobile have a great day", []),
    (
        "filler-before-spelled-answer",
        "could you spell that last name? alright it's c r a w as in william",
        [("PERSON", "c r a w as in william")],
    ),
    ("surname-answers-surname", "and your last name? it's hansen", [("PERSON", "hansen")]),
    # a name field that names no person: Label Studio's, an event's; a role's constant after
    # the question for a name
    (
        "label-studio-names",
        '{"from_name": "transcription", "to_name": "audio", "type": "textarea"}',
        [],
    ),
    ("event-name-header", "Event-Name: DTMF\nUnique-ID: 4a816723", []),
    # the name of a name and a value: a HAR file's header, a bot's intent
    ("har-header-name", '{"name": "X-Forwarded-For", "value": "example"}', []),
    ("intent-name", '"intent":{"name":"inform","confidence":0.7759}', []),
    ("name-then-id", '{"name": "Wojciech Kowalczyk", "id": 5}', [("PERSON", "Wojciech Kowalczyk")]),
    (
        "hl7-segment-after-question",
        "NTE|20|L|AGT: Can I have the name on the account?\rNTE|21|L|PT: Luis Ortega.",
        [("PERSON", "Luis Ortega")],
    ),
    (
        "company-word-finance",
        "thank you for calling redline auto finance have a great day",
        [],
    ),
    (
        "role-constant-after-question",
        'segments { role: AGENT offset_ms: 11738 text: "can you spell the last name for me" }\n'
        'segments { role: END_USER offset_ms: 14796 text: "okay" }',
        [],
    ),
    (
        "code-after-the-question",
        'json.turns[3].text = "Can I get your first and last name, please?";\njson.turns[4] = {};',
        [],
    ),
    # a calendar invite's and a directory's common name; an Italian mail's "Da:" header
    (
        "ical-attendee-cn",
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=OPT-PARTICIPANT;CN=Tony (Tech):mailto:d@example.com",
        [("PERSON", "Tony"), ("EMAIL", "d@example.com")],
    ),
    ("ldap-cn", "OU=Sales,CN=Kevin Brooks,DC=corp", [("PERSON", "Kevin Brooks")]),
    (
        "italian-from-header",
        "Da: Pierluigi Gaggini <pg@example.com>",
        [("PERSON", "Pierluigi Gaggini"), ("EMAIL", "pg@example.com")],
    ),
    # a note's "wife Alexis"; a chatbot's "an account for Kathleen P." (the initial with it)
    ("note-wife-name", "- wife Alexis is auth user, ok to talk", [("PERSON", "Alexis")]),
    ("wife-then-no-name", "my wife will call back", []),
    (
        "chatbot-account-for-initial",
        "BOT      I found an account for Kathleen P. Is that you?",
        [("PERSON", "Kathleen P.")],
    ),
    # the first letters of a name spelled before, read back to check them: the name's too
    (
        "spelled-name-start-read-back",
        "C: adam beck last name b-e-c-k\nA: was that b e\nC: yeah that's right",
        [("PERSON", "beck"), ("PERSON", "b-e-c-k"), ("PERSON", "b e")],
    ),
    (
        "spelled-name-start-read-back-as-in",
        "Member: my name is Ann Kline k l as in lima i as in india n e.\nAgent: Was that k as"
        " in king l?\nMember: Yes.",
        [("PERSON", "Ann Kline k l as in lima i as in india n e"), ("PERSON", "k as in king l")],
    ),
    (
        # a name found by its cue, then "that's" and its spelling in the radio alphabet
        "name-then-thats-spelled-as-in",
        "agent: who am i speaking with today\ncustomer: yeah it's robert hill that's h as in"
        " hotel i as in india l as in lima l as in lima",
        [("PERSON", "robert hill that's h as in hotel i as in india l as in lima l as in lima")],
    ),
    (
        "read-back-no-name-start",
        "C: my name is adam beck\nA: was that AM or PM",
        [("PERSON", "adam beck")],
    ),
    ("im-fine-with-that-lower", "customer: i'm fine with that", []),
    ("line-staff-here", "billing team is here, support staff here", []),
    ("voicemail-for", "hello yes this message is for kimberly it's me", [("PERSON", "kimberly")]),
    # a record's fields that hold a person's name, keyed as exports and logs key them
    ("xml-agent", "  <Agent>Timothy</Agent>\n", [("PERSON", "Timothy")]),
    ("yaml-surname", "  surname: 'Jackson'\n  browser: Chrome", [("PERSON", "Jackson")]),
    ("markdown-rep-name", "- **Rep name:** Juan\n- **Plan:** Basic", [("PERSON", "Juan")]),
    ("aligned-agent", "AGENT             : MICHELE\nEND OF REPORT", [("PERSON", "MICHELE")]),
    (
        "log-name-keys",
        "charge.attempt first_name=Elizabeth lastName=Powers amount=1",
        [("PERSON", "Elizabeth"), ("PERSON", "Powers")],
    ),
    # a record's cardholder, customer and full name, as a log's key=value, an XML form's field
    # named in an attribute, a clinical document's name parts: capitalised, no list needed
    (
        "log-cardholder-key",
        "sample: cardholder=Savak Yüksel pan=2223-0031-2200-3222 exp=07/28",
        [
            ("PERSON", "Savak Yüksel"),
            ("PAYMENT_CARD", "2223-0031-2200-3222"),
            ("CARD_EXPIRY", "07/28"),
        ],
    ),
    (
        "log-customer-key",
        'sync[4412]: synced reading=506959 customer="Ridhi Sankaran" status=ok',
        [("PERSON", "Ridhi Sankaran")],
    ),
    (
        "log-customer-key-bare",
        "request accepted customer=Jane Bùi tier=2",
        [("PERSON", "Jane Bùi")],
    ),
    ("no-customer-id-key", "request accepted customer=C-48211 tier=2", []),
    # a loyalty programme's member number written as a phone is one; the programme's own
    # toll-free line is not
    ("rewards-member-phone", "REWARDS MEMBER (206) 555-0101\n", [("PHONE", "(206) 555-0101")]),
    ("member-services-line", "Questions? Call Member Services at 1-800-555-0183 today.", []),
    ("caller-id-name", "agi_calleridname: WOODWARD ROBERT\n", [("PERSON", "WOODWARD ROBERT")]),
    # digits keyed an event each (SIP INFO dtmf-relay), named by the prompt before them; a
    # menu's one digit is none
    (
        "sip-info-dtmf",
        '# IVR playback tts: "For billing, press 1."\n'
        "00:00:09.100 INFO cseq=2 dtmf-relay Signal=1 Duration=160\n"
        '# IVR playback tts: "Please enter your four digit PIN."\n'
        "00:00:38.120 INFO cseq=10 dtmf-relay Signal=4 Duration=160\n"
        "00:00:38.453 INFO cseq=11 dtmf-relay Signal=7 Duration=100\n"
        "00:00:38.853 INFO cseq=12 dtmf-relay Signal=8 Duration=100\n"
        "00:00:39.253 INFO cseq=13 dtmf-relay Signal=4 Duration=100\n"
        "00:00:39.653 INFO cseq=14 dtmf-relay Signal=# Duration=100\n",
        [("PIN", "4"), ("PIN", "7"), ("PIN", "8"), ("PIN", "4")],
    ),
    # an Asterisk AGI script's keyed digits, named by the prompt before them
    (
        "agi-get-data",
        '<PJSIP/c-1>AGI Rx << EXEC MRCPSynth "Please enter your four digit PIN." "p=default"\n'
        "<PJSIP/c-1>AGI Tx >> 200 result=0\n"
        "<PJSIP/c-1>AGI Rx << GET DATA silence/1 7000 4\n"
        "<PJSIP/c-1>AGI Tx >> 200 result=2892\n",
        [("PIN", "2892")],
    ),
    # a toll-free number is a business's line (the company's own, in a call's metadata or a
    # bot's prompt), unless someone calls it theirs; a SIP URI's number is a phone, no e-mail
    (
        "toll-free-metadata",
        '"to": "+18665550126", "from": "+13125550177"',
        [("PHONE", "+13125550177")],
    ),
    ("toll-free-mine", "my cell is 1-888-555-0123 after five", [("PHONE", "1-888-555-0123")]),
    # (nor card data in a window that asked for the card: the number on its back)
    (
        "toll-free-in-pci-window",
        "agent: can i get the card number please\ncustomer: sure 4111 1111 1111 1111\n"
        "agent: if this happens again call the number on the back of your card 1-800-555-0172",
        [("PAYMENT_CARD", "4111 1111 1111 1111")],
    ),
    (
        "toll-free-spoken",
        "if you get cut off call us back at one eight hundred five five five zero one nine eight",
        [],
    ),
    (
        "sip-uris",
        "From: <sip:+13125550123@sbc1.carrier.example>;tag=1\nTo: <sip:+18885550100@pbx.example>",
        [("PHONE", "sip:+13125550123")],
    ),
    # keyed and lettered forms: a payment notification's card summary, an OFX sign-on's and
    # statement's elements, an RPA log's typed field, a note's temporary password, a pharmacy
    # note's cardholder ID, a letter's SSN "as ending in", a passport of capitals and a digit
    ("card-summary-key", '"cardSummary": "1117",', [("CARD_LAST4", "1117")]),
    (
        "ofx-userpass-acctid",
        "<USERPASS>Cobalt-Cobalt-46%\n<BANKID>011000015\n<ACCTID>71980182270\n",
        [
            ("PASSWORD", "Cobalt-Cobalt-46%"),
            ("ABA_ROUTING", "011000015"),
            ("BANK_ACCOUNT", "71980182270"),
        ],
    ),
    (
        "rpa-typed-password",
        "Type Into 'Password' field: Gl4cier!Orbit33",
        [("PASSWORD", "Gl4cier!Orbit33")],
    ),
    (
        "password-set-for-customer",
        "fyi temp portal password I set for the customer: Comet-Tiger-47*",
        [("PASSWORD", "Comet-Tiger-47*")],
    ),
    ("pw-arrow-temp", "pls reset online pw -> temp V9fq#KXyUK97", [("PASSWORD", "V9fq#KXyUK97")]),
    ("no-password-reset-flag", "password reset requested: yes", []),
    (
        "ssn-as-ending-in",
        "records identify the Defendant's Social Security number as ending in 7477.",
        [("US_SSN_LAST4", "7477")],
    ),
    (
        "passport-letters-one-digit",
        "ID checked: passport HTHZC9MXT at the desk",
        [("US_PASSPORT", "HTHZC9MXT")],
    ),
    # whose identity was checked, who a transfer went to, a pay stub's employee, a rental's
    # additional driver; a capitalised name before a log's next key is the name whole
    (
        "identity-verified-for",
        "MESSAGE=identity verified for Aurelia Jamroz dob=11/13/1998 channel=ivr",
        [("PERSON", "Aurelia Jamroz"), ("DATE_OF_BIRTH", "11/13/1998")],
    ),
    ("ofx-zelle-to", "<NAME>ZELLE TO DANIEL ANDERSON\n<MEMO>rent", [("PERSON", "DANIEL ANDERSON")]),
    (
        "pay-stub-employee",
        "Pay date: 04/29/2025\n\nEmployee:  Anita Fornalik\n",
        [("PERSON", "Anita Fornalik")],
    ),
    (
        "additional-driver",
        "ADDITIONAL DRIVER\n  Pierangelo Barbarigo   DL F5281559\n",
        [("PERSON", "Pierangelo Barbarigo"), ("US_DRIVER_LICENSE", "F5281559")],
    ),
    ("no-employee-greeting", "Employee: hello how can i help you today\nCustomer: hi\n", []),
    (
        "xfdf-full-name",
        '<field name="full_name"><value>Viridiana Gozzi</value></field>',
        [("PERSON", "Viridiana Gozzi")],
    ),
    (
        "dxl-applicant-name",
        "<item name='ApplicantName'><text>Azad Jaggi</text></item>",
        [("PERSON", "Azad Jaggi")],
    ),
    (
        "cda-given-family",
        '<name use="L"><given>Osvaldo</given><family>Andreotti</family></name>',
        [("PERSON", "Osvaldo"), ("PERSON", "Andreotti")],
    ),
    ("no-family-count", "household size\nfamily: 4\ngiven: none", []),
    # (the ID is no name; it is a pharmacy benefit's member ID)
    (
        "cardholder-id-no-name",
        "Cardholder ID K294016047 on the claim.",
        [("HEALTH_INSURANCE_ID", "K294016047")],
    ),
    (
        "phone-sms-to",
        "Pt prefers SMS to 6465550101 after 5pm.",
        [("PHONE", "6465550101")],
    ),
    ("comment-by", "--- Comment by Brittany (2024-05-13 21:11) ---", [("PERSON", "Brittany")]),
    ("note-by", "[2024-12-20 11:19] NOTE by Larry\n", [("PERSON", "Larry")]),
    # a given name's field holds a name no census list has, as a surname's does; the field
    # read is the key matched, not the line before it ("Owner:" after "Last Name:")
    (
        "given-name-field-unlisted",
        "first_name=Chidubem last_name=Oyelaran status=ok",
        [("PERSON", "Chidubem"), ("PERSON", "Oyelaran")],
    ),
    ("owner-after-last-name", "Last Name: Okafor\nOwner: Escalations\n", [("PERSON", "Okafor")]),
    # the word an agent asks to spell, spelled back: a surname
    (
        "spell-the-word-asked",
        "spk_0: how do you spell montoya\nspk_1: yeah m o n t o uh y a",
        [("PERSON", "montoya"), ("PERSON", "m o n t o uh y a")],
    ),
    # a cue's turn ends without a "?" (speech-to-text writes none), the answer opens the next
    # turn after its label, a blank line between perhaps; not across a mail's header
    (
        "account-asked-aloud-next-turn",
        "Speaker 1: can you read me the account number from your statement\n\n"
        "Speaker 2: it should be 0332935099 i think",
        [("BANK_ACCOUNT", "0332935099")],
    ),
    (
        "no-answer-across-a-mail-header",
        "DOB matches. Moving to the chargeback queue.\n\nFrom: Ann <ann@example.com>\n"
        "To: disputes@example.com\nDate: Tue, 24 Sep 2024\n",
        [("PERSON", "Ann"), ("EMAIL", "ann@example.com"), ("EMAIL", "disputes@example.com")],
    ),
    (
        "person-keys-without-names",
        '"agent": "support", Owner: Billing Team\nassigned_to=queue_7\nAgent: yes sure thing',
        [],
    ),
    # a customer's extension in a record's field, or said in Spanish or French
    ("ext-json-phone-key", '{"phone_ext": "483", "x": 1}', [("PHONE", "483")]),
    ("ext-form-label", "EXT:                  251\nREP ID: A-0482", [("PHONE", "251")]),
    ("ext-html-cell", "<tr><th>PHONE EXT</th><td>3138</td></tr>", [("PHONE", "3138")]),
    # an XML field's value element, a form's input
    (
        "ext-xml-field",
        '<field name="phone.ext"><value>5443</value></field>',
        [("PHONE", "5443")],
    ),
    (
        "ext-form-input",
        '<label>EXT</label> <input type="text" name="ext" value="8402">',
        [("PHONE", "8402")],
    ),
    ("ext-log-work", "lookup work_ext=740 contact=x", [("PHONE", "740")]),
    ("ext-spanish", "Mi número.\n\nExtensión 637. Mi PIN", [("PHONE", "637")]),
    ("ext-french-chat", "15:50 Client: Poste 638\n", [("PHONE", "638")]),
    # "call me" after a number is no count of calls
    (
        "phone-then-call-me",
        "if staff sees this my cell is 773-555-0187 call me pls",
        [("PHONE", "773-555-0187")],
    ),
    ("count-of-calls", "the queue took 7735550 calls this year", []),
    (
        "ext-italian-int",
        "telefono ufficio 02 4006 7881 int. 566.\nGrazie",
        [("PHONE", "02 4006 7881"), ("PHONE", "566")],
    ),
    ("ext-italian-no-number-before", "vedi il capitolo int. 566 del manuale", []),
    # speech-to-text in capitals: its names read as in lower case (capitals are no shouting)
    (
        "upper-case-asr-agent-name",
        "AGENT: THANKS FOR HOLDING THIS IS ERIKA AT APEX CARD MEMBER SERVICES WHO DO I HAVE",
        [("PERSON", "ERIKA")],
    ),
    ("upper-case-no-name", "CUSTOMER SERVICE WILL CALL YOU BACK. THANK YOU FOR WAITING", []),
    # a scanned form's digits that OCR read as letters (O, l, I, S, B, Z); words and codes of
    # other letters stay as they are
    (
        "ocr-letters-for-digits",
        "Date of Birth (MM/DD/YYYY):  O6-13-l958\nZIP Code:  99S02\nExpiration (MM/YY): 1l-29\n"
        "Card Number:  3530 - 1l13 - 3330 - 0000",
        [
            ("DATE_OF_BIRTH", "O6-13-l958"),
            ("US_ZIP", "99S02"),
            ("CARD_EXPIRY", "1l-29"),
            ("PAYMENT_CARD", "3530 - 1l13 - 3330 - 0000"),
        ],
    ),
    ("ocr-no-number", "SKU-6179-PLU-X and 1ZFAGWBK0264812823 IS OK, Bob SOS 100 I-95", []),
    # the number a caller is calling from, said as one run of digits
    (
        "phone-calling-from",
        "agent: what number are you calling from\ncustomer: 4045550127",
        [("PHONE", "4045550127")],
    ),
    # French words for a phone number before a number written the French way
    (
        "french-telephone-cues",
        "Téléphone : 02 69 09 18 84\nMerci de me rappeler au 0251126246.",
        [("PHONE", "02 69 09 18 84"), ("PHONE", "0251126246")],
    ),
    (
        "ext-companys-not-a-customers",
        "transfer queue=billing_t1 ext=4410; our ar desk is ext. 4410; dial extension 2210\n"
        '{"event": "transfer", "queue": "billing_t2", "ext": "2918"}',
        [],
    ),
    (
        "spoken-address-answers-a-long-question",
        "speaker 0: what address should we send the tax receipt to\nspeaker 1: uh fifty sunset"
        " court unit two f sarahbury one seven oh one eight",
        [
            ("STREET_ADDRESS", "fifty sunset court unit two f sarahbury"),
            ("US_ZIP", "one seven oh one eight"),
        ],
    ),
    (
        "security-answer-after-any-label",
        "A: i'll need the answer to your security question what city were you born in\n"
        "B: okay so akron\nA: thanks",
        [("SECURITY_ANSWER", "akron")],
    ),
    (
        "security-answer-mascot",
        "agent: what was your high school mascot\ncustomer: oh gosh um is it tigers\nagent: ok",
        [("SECURITY_ANSWER", "tigers")],
    ),
    (
        "otp-authenticator-app",
        "agent: okay i pushed a code to your authenticator app read it to me\ncustomer: 698239",
        [("ONE_TIME_CODE", "698239")],
    ),
    (
        "extension-asked-then-answered",
        "agent: what's your desk extension\ncustomer: well 7981\nagent: ok",
        [("PHONE", "7981")],
    ),
    ("extension-dial-no-question", "agent: dial extension\ncustomer: 4410", []),
    (
        "expiry-month-of-year",
        "agent: and the expiration date\ncustomer: 02 of 2026\nagent: ok",
        [("CARD_EXPIRY", "02 of 2026")],
    ),
    (
        "account-last4-checking",
        "agent: which account is it coming from\ncustomer: yeah my checking ending in 8419",
        [("BANK_ACCOUNT", "8419")],
    ),
    (
        "dob-year-asked-two-digits",
        "spk_a >> date of birth\nspk_b >> 28 october\nspk_a >> year please\nspk_b >> 53",
        [("DATE_OF_BIRTH", "28 october"), ("DATE_OF_BIRTH", "53")],
    ),
    # Spanish and French cues
    (
        "spanish-postcode-and-security-answer",
        "Vivo en la calle.\n\nC.P. 43042. La respuesta de seguridad es Escobedo.",
        [("US_ZIP", "43042"), ("SECURITY_ANSWER", "Escobedo")],
    ),
    (
        "french-chat-postcode-card-answer",
        "09:02 Client: CP 19997\n09:02 Client: La carte se terminant par 9424\n"
        "17:55 Client: La réponse à la question secrète est Mr. Okafor\n",
        [("US_ZIP", "19997"), ("CARD_LAST4", "9424"), ("SECURITY_ANSWER", "Mr. Okafor")],
    ),
    ("otp-got-code", "Got code 574908. Here is the key", [("ONE_TIME_CODE", "574908")]),
    (
        "otp-spanish",
        "El código que me llegó es 800761. Mi IP",
        [("ONE_TIME_CODE", "800761")],
    ),
    ("card-suffix-key", '{"card_suffix": "0002", "x": 1}', [("CARD_LAST4", "0002")]),
    (
        "dob-cardinal-day-then-year-asked",
        "agent: can you verify your date of birth\ncustomer: uh september eleven\n"
        "agent: and what year\ncustomer: 69",
        [("DATE_OF_BIRTH", "september eleven"), ("DATE_OF_BIRTH", "69")],
    ),
    (
        "dob-year-asked-in-one-paragraph",
        "can you verify your date of birth  well may 14 ... and what year ... 1973 ... alright",
        [("DATE_OF_BIRTH", "may 14"), ("DATE_OF_BIRTH", "1973")],
    ),
    (
        "passcode-answer-after-fillers",
        "agent: i'll need your verbal passcode\ncustomer: well it's bluejaysunflower585\nagent: ok",
        [("PASSWORD", "bluejaysunflower585")],
    ),
    (
        "port-out-number",
        "agent: what's the number you want to port\ncustomer: 3473672109\nagent: ok",
        [("PHONE", "3473672109")],
    ),
    ("french-phone", "15:42 Client: Tél. 07.69.15.90.53\n", [("PHONE", "07.69.15.90.53")]),
    (
        "surname-checked-like-it-sounds",
        "agent: and is that grant like it sounds\ncaller: well no it's GRANT\nagent: ok",
        [("PERSON", "grant"), ("PERSON", "GRANT")],
    ),
    ("like-it-sounds-no-name", "it works like it sounds, honestly", []),
    (
        "json-field-named-in-a-value",
        '{"field": "account_number", "digits": "601982794", "result": "match"}',
        [("BANK_ACCOUNT", "601982794")],
    ),
    # an agent's name after the line's name and a comma, or after the day's greeting
    (
        "agent-named-after-the-line-and-a-comma",
        "agent: good morning, you've reached summit natural gas, jonathan speaking. can i get"
        " your name please",
        [("PERSON", "jonathan")],
    ),
    (
        "agent-named-after-a-good-morning",
        "Good morning, Oak & Pine Home, Anthony here. This call is recorded for quality",
        [("PERSON", "Anthony")],
    ),
    (
        "agent-named-after-a-good-evening-lower-case",
        "spk_0 good evening brightwave mobile robert here this call is recorded",
        [("PERSON", "robert")],
    ),
    (
        "agent-here-asks-without-a-comma",
        "AGENT\t1.3\taurora rewards visa rodney here how can i help",
        [("PERSON", "rodney")],
    ),
    ("good-morning-names-no-one", "good morning, is my card here? good evening, is june here", []),
    ("here-asks-a-word-no-first-name", "ok my statement here how can i pay it", []),
    # the people a caller names by what they are to them
    (
        "relative-aunt-unlisted-surname",
        "Customer: my cosigner is my aunt george wawrzyn",
        [("PERSON", "george wawrzyn")],
    ),
    (
        "relative-added-to-the-account",
        "i also want to add my caregiver to the account lovisa andersson",
        [("PERSON", "lovisa andersson")],
    ),
    (
        "relative-wife-surname-with-apostrophe",
        "Caller\tmy wife lara o'rooney is a joint owner on the account",
        [("PERSON", "lara o'rooney")],
    ),
    (
        "relative-sibling-lower-case",
        "CALLER: Oh, my sibling ajani ogindan is on the account too.",
        [("PERSON", "ajani ogindan")],
    ),
    ("relatives-no-name", "my neighbor said it was fine, my aunt always pays, my brother will", []),
    # a card's last four: "one on file ending", "on the account ended", a Diners Club
    (
        "card-last4-one-on-file-ending",
        "which card? I only see one on file ending 1667",
        [("CARD_LAST4", "1667")],
    ),
    (
        "card-last4-on-the-account-ended",
        "Old card on the account ended 0505, please remove it.",
        [("CARD_LAST4", "0505")],
    ),
    (
        "card-last4-diners-club-said",
        "the diners club ending in triple oh four",
        [("CARD_LAST4", "triple oh four")],
    ),
    ("account-ended-a-year", "we mailed it, the account ended 2019 in march", []),
    # a code read off the screen where a code was sent ("it says ..."), and only there
    (
        "otp-it-says-after-a-code-was-sent",
        "Speaker 1: I've sent a code to the email on file\nSpeaker 2: uh i haven't got it yet\n"
        "Speaker 1: no problem\nSpeaker 2: it says six four one two seven eight",
        [("ONE_TIME_CODE", "six four one two seven eight")],
    ),
    (
        # (or where the caller is locked out of a login; its halves apart after a pause)
        "otp-it-says-locked-out",
        "caller: hello i'm locked out of the admin console\nagent: okay one moment\n"
        "caller: let me grab it it says 879300\ncaller: no wait, it says 197 ... 893",
        [("ONE_TIME_CODE", "879300"), ("ONE_TIME_CODE", "197 ... 893")],
    ),
    ("it-says-no-code-sent", "agent: what does the bill show\ncaller: it says 150000 there", []),
    ("it-says-zip-code-no-code", "what's the zip code? / it says 941023 on the label", []),
    # a password named by what was done with it, where a login is spoken of
    (
        "password-reset-it-to",
        "Subject: password reset\nI reset it to Blue!Sky7 but still can't log in",
        [("PASSWORD", "Blue!Sky7")],
    ),
    (
        "password-old-one-was",
        "cant log in anymore. also my old one was Sunflower$6907 in case someone used it",
        [("PASSWORD", "Sunflower$6907")],
    ),
    (
        "password-tried-no-password-shape",
        "cant log in. I tried 3 times, tried https://example.com/a1, changed it to 2024-05-01",
        [],
    ),
    ("changed-it-to-no-login", "I changed it to Plan9X2 for the trip", []),
    ("password-said-in-capitals", "MY PASSWORD IS @Lucky29.", [("PASSWORD", "@Lucky29.")]),
    # what is said of a password, not its value
    ("password-is-gone", "my password is gone. my password is locked again", []),
    ("password-is-not-working-in-capitals", "the password IS NOT WORKING", []),
    # a Dutch or German street, its number after it, a postcode and a town after that
    (
        "european-address-dutch-signature",
        "Met vriendelijke groet,\nNienkesingel 18\n9099GE Vleuten\n",
        [("STREET_ADDRESS", "Nienkesingel 18"), ("POSTCODE", "9099GE")],
    ),
    (
        "european-address-german-one-line",
        "Meine neue Anschrift lautet Killerstraße 991, 15516 Berlin. Bitte",
        [("STREET_ADDRESS", "Killerstraße 991"), ("POSTCODE", "15516")],
    ),
    (
        "european-address-middle-dot",
        "Inna-Bauer-Platz 618 · 40161 Wiedenbrück",
        [("STREET_ADDRESS", "Inna-Bauer-Platz 618"), ("POSTCODE", "40161")],
    ),
    (
        "european-street-word-alone",
        "during 3 calls, then Hofweg 12 for 20 minutes; keypad 1\n12345 Main",
        [],
    ),
    # a phone's keys in records, queries and shorthand
    ("phone-iso20022", "<CtctDtls><PhneNb>+447700900544</PhneNb>", [("PHONE", "+447700900544")]),
    ("phone-whatsapp-id", '"wa_id": "13035550182", "type": "CELL"', [("PHONE", "13035550182")]),
    (
        "phone-webhook-caller",
        "GET /webhooks/answer?to=18005550193&from=14155550189&uuid=CON-3f",
        [("PHONE", "14155550189")],
    ),
    (
        "phone-key-ph1",
        '"zip": "17152",\n"ph1": "2125550197"',
        [("US_ZIP", "17152"), ("PHONE", "2125550197")],
    ),
    ("phone-callback-shorthand", "cx req refund; cbn 933-6874", [("PHONE", "933-6874")]),
    # a date of birth with "slash" said where the normaliser cannot split the parts, and
    # read back as the normaliser writes it
    (
        "dob-spoken-slash-before-day-and-year",
        "Agent: can I get your date of birth.\nCaller: it's one one slash zero two eighty one.",
        [("DATE_OF_BIRTH", "one one slash zero two eighty one")],
    ),
    (
        "dob-read-back-day-and-year-as-one-number",
        "AGENT\twhat's your date of birth\nCUSTOMER\tit's june twenty two nineteen forty nine\n"
        "AGENT\ti have june twenty two forty nine correct",
        [
            ("DATE_OF_BIRTH", "june twenty two nineteen forty nine"),
            ("DATE_OF_BIRTH", "june twenty two forty nine"),
        ],
    ),
    (
        "dob-read-back-in-two-groups",
        "Rep: and your date of birth?\nCaller: december fourteen, nineteen seventy three.\n"
        "Rep: I have one two... one four one nine seven three, correct?",
        [
            ("DATE_OF_BIRTH", "december fourteen, nineteen seventy three"),
            ("DATE_OF_BIRTH", "one two... one four one nine seven three"),
        ],
    ),
    # a code-switched call: Chinese words glued to an English cue and to the number
    (
        "cjk-glued-to-cue-and-number",
        "客户：zip code是三零四五零。我的phone number是四零四 五五五 零幺八七。",
        [("US_ZIP", "三零四五零"), ("PHONE", "四零四 五五五 零幺八七")],
    ),
    (
        "cjk-phone-question-outranks-a-card-before",
        "坐席：好的，尾号0005的card。\n坐席：您的电话号码是多少？\n客户：四零四 五五五 零幺七五。",
        [("PHONE", "四零四 五五五 零幺七五")],
    ),
    (
        "cjk-date-of-birth",
        "护照号码：E65631299，出生日期 1964年4月27日。",
        [("DATE_OF_BIRTH", "1964年4月27日")],
    ),
    (
        "japanese-date-of-birth-glued-to-its-cue",
        "パスポート番号は TZ9935878、生年月日は 2003年1月23日 です。",
        [("DATE_OF_BIRTH", "2003年1月23日")],
    ),
    (
        "korean-birthday",
        "감사합니다~ 생일 1957.02.13 쿠폰도 주세요",
        [("DATE_OF_BIRTH", "1957.02.13")],
    ),
    # what a password was changed to or tried, where a log-in is named before it or the
    # log-in refused it after
    (
        "password-reset-it-to-refused-after",
        "I reset it to Blue!Sky7 but still can't log in",
        [("PASSWORD", "Blue!Sky7")],
    ),
    (
        "password-tried-said-invalid",
        "app says i have 0 points. tried Maple!028 and it says invalid",
        [("PASSWORD", "Maple!028")],
    ),
    (
        "password-make-it-in-parts",
        "CSR: now you can set a new password\nCust: okay i'll make it x s seven capital u"
        " capital a capital c h x s oh question mark",
        [("PASSWORD", "x s seven capital u capital a capital c h x s oh question mark")],
    ),
    ("password-tried-no-log-in", "I tried v2.3.1 and it doesn't work", []),
    # a British flat's word and number before the street
    (
        "street-flat-first",
        '"line1": {"S": "Flat 30 Mark Manors"}',
        [("STREET_ADDRESS", "Flat 30 Mark Manors")],
    ),
    (
        "street-studio-first",
        '"streetAddress": "Studio 9 Carl Well",',
        [("STREET_ADDRESS", "Studio 9 Carl Well")],
    ),
    (
        "street-apartment-then-house",
        "I live at Apartment 4, 12 Hill Road, Leeds",
        [("STREET_ADDRESS", "Apartment 4, 12 Hill Road")],
    ),
    # a terminal screen's dot leaders after the name's label, a form's blank line after it
    (
        "name-dot-leaders",
        "   Name  . . . . . . . . . .  BARBARA LOZANO________________\n   Address 1 . . . . :",
        [("PERSON", "BARBARA LOZANO")],
    ),
    ("name-dots", "NAME ................ BRETT HATFIELD\n", [("PERSON", "BRETT HATFIELD")]),
    ("name-dots-company", "Company name ........ ACME CORP\n", []),
    # an inline tag's tooltip is text too
    (
        "html-title-attribute",
        'customer called from <span title="(617) 555-0167">alt number</span>',
        [("PHONE", "(617) 555-0167")],
    ),
    # inline tags inside a number draw no blank: the number is one
    (
        "html-tag-inside-phone",
        "callback <b>713-555</b>-0172 please",
        [("PHONE", "713-555</b>-0172")],
    ),
    (
        "html-tags-inside-account",
        'account <span class="hl">72604</span><span>83877</span>, thanks',
        [("BANK_ACCOUNT", "72604</span><span>83877")],
    ),
    # (a tag between two numbers with a blank is a blank still)
    ("html-tag-between-numbers", "order <b>12</b> of <b>40</b>", []),
    # a value's number said again, with no cue of its own: the same value
    (
        "number-said-again",
        "my account number is 4471 0039 12, and i said 4471003912 on the form",
        [("BANK_ACCOUNT", "4471 0039 12"), ("BANK_ACCOUNT", "4471003912")],
    ),
    (
        "number-said-again-grouped",
        "callback 3023296870 please.\nNote: left a voicemail at (302) 329-6870",
        [("PHONE", "3023296870"), ("PHONE", "(302) 329-6870")],
    ),
    # (a short value's digits repeat by chance)
    ("short-number-said-again", "the pin is 4729. order 4729 shipped", [("PIN", "4729")]),
    # a person's record's own id: the record holds a field only a person's record has
    (
        "record-id-json",
        '{"id":"6074720760","name":"Thomas Wolf","dob":"1986-09-17"}',
        [
            ("CUSTOMER_NUMBER", "6074720760"),
            ("PERSON", "Thomas Wolf"),
            ("DATE_OF_BIRTH", "1986-09-17"),
        ],
    ),
    (
        "record-id-dto-log",
        "stale record CustomerDTO{id=A156818024, fullName='Jermaine Jimenez', email='je@x.com'}",
        [("CUSTOMER_NUMBER", "A156818024"), ("PERSON", "Jermaine Jimenez"), ("EMAIL", "je@x.com")],
    ),
    (
        "record-id-yaml-indented",
        "value:\n  id: 570260934236\n  email: eric.moore@example.com\n",
        [("CUSTOMER_NUMBER", "570260934236"), ("EMAIL", "eric.moore@example.com")],
    ),
    # no person's field in the same record: a nested record's, a list's, a blank line between,
    # a label's "ID" ("Case ID:"), a small counter
    (
        "record-id-nested-field",
        '{"id": 1234567, "items": [{"email": "a@b.com"}]}',
        [("EMAIL", "a@b.com")],
    ),
    (
        "record-id-nested-record",
        "CardEntity(id=566799, holder=Holder(fullName=Maria Farmer))",
        [("PERSON", "Maria Farmer")],
    ),
    (
        "record-id-label",
        "Case ID: 46415117\nEmail: amy_beck@mail.com",
        [("EMAIL", "amy_beck@mail.com")],
    ),
    (
        "record-id-blank-line",
        "  id: 9205646828\n\n  email: mreyes@example.com",
        [("EMAIL", "mreyes@example.com")],
    ),
    ("record-id-small", '{"id": 42, "email": "a@b.com"}', [("EMAIL", "a@b.com")]),
    # a recogniser's n-best list: the headers are speakers' labels, the scores no digits
    (
        "nbest-list-answer-after-its-question",
        "utt_0004 spk=AGENT start=14.23 end=16.99\n  1 -10.82 0.597  can i have your full name"
        " please\nutt_0005 spk=CALLER start=18.10 end=19.87\n  1 -11.12 0.672  yeah it's paulina"
        " weihmann\n  2 -14.52 0.164  the yeah it's paulina weihmann\n",
        [("PERSON", "paulina weihmann"), ("PERSON", "paulina weihmann")],
    ),
    # a token under a camel-case key that names it ("authenticationToken"), not a page's
    (
        "secret-camel-case-authentication-token",
        '{"authenticationToken": "D3qjdTfg1kKkiat1w3LyV3hGgR9cAaUy", "x": 1}',
        [("ACCESS_TOKEN", "D3qjdTfg1kKkiat1w3LyV3hGgR9cAaUy")],
    ),
    ("next-page-token-no-secret", '{"nextPageToken": "D3qjdTfg1kKkiat1w3LyV3hGgR9cAaUy"}', []),
    # a licence's letters spelled, a pause (a comma) before its digits
    (
        "dl-spelled-letters-then-a-comma",
        "agent: what's your driver's license number\ncaller: R as in robert, R as in robert,"
        " six four three five two oh",
        [("US_DRIVER_LICENSE", "R as in robert, R as in robert, six four three five two oh")],
    ),
    (
        "dl-letter-comma-digits",
        "AGENT: What's the license number?\nCUSTOMER: Uh, T, two five six, two seven oh won.",
        [("US_DRIVER_LICENSE", "T, two five six, two seven oh won")],
    ),
    # a security answer after a label in brackets with its time, or in bold after its time
    (
        "security-answer-after-a-bracketed-label",
        "[A 03:39] Okay, one security question: What city were you born in?\n[C 03:43] Yes,"
        " Modesto.\n[A 03:44] Thank you.",
        [("SECURITY_ANSWER", "Modesto")],
    ),
    (
        "security-answer-after-a-bold-timed-label",
        "Agent: What was the name of your first pet?\n\n**[02:17] Customer:** Um, Waffles.\n",
        [("SECURITY_ANSWER", "Waffles")],
    ),
    # another country's national number after its own name (synthetic, checksums valid)
    (
        "national-id-canadian-sin-french-cue",
        "Agent: And your SIN, le numéro d'assurance sociale?\nClient: 432 183 200.\nAgent: Et",
        [("NATIONAL_ID", "432 183 200")],
    ),
    (
        "national-id-sin-said",
        "Agent: le numéro d'assurance sociale?\nClient: two one seven zero one two, seven forty"
        " nine.\nAgent: Et le code postal?",
        [("NATIONAL_ID", "two one seven zero one two, seven forty nine")],
    ),
    (
        "national-id-brazilian-cpf",
        "Cliente: Meu CPF é 920.428.224-00.",
        [("NATIONAL_ID", "920.428.224-00")],
    ),
    (
        "national-id-cpf-said-in-portuguese",
        "E o seu CPF, por favor?\nMeu CPF é meia quatro meia, meia oito meia, três meia zero traço"
        " três sete.",
        [("NATIONAL_ID", "meia quatro meia, meia oito meia, três meia zero traço três sete")],
    ),
    (
        "national-id-french-nir",
        "N° de sécurité sociale 2 53 12 91 228 577 37, merci",
        [("NATIONAL_ID", "2 53 12 91 228 577 37")],
    ),
    ("national-id-no-cue", "the nir is a river; 123 456 789 dollars in 2024", []),
    # a birth date's year said after it, or digit by digit
    (
        "dob-year-said-after-and-the-year-is",
        "agent: to verify your identity\ncustomer: my birthday is october tenth and the year is"
        " nineteen fifty four",
        [("DATE_OF_BIRTH", "october tenth"), ("DATE_OF_BIRTH", "nineteen fifty four")],
    ),
    (
        "dob-year-said-digit-by-digit",
        "agent: can i have your birthday\ncaller: it's july twenty four one nine five six",
        [("DATE_OF_BIRTH", "july twenty four one nine five six")],
    ),
    (
        "dob-the-year-is-no-year",
        "agent: what's your birthday\ncaller: october tenth and the year is going great",
        [("DATE_OF_BIRTH", "october tenth")],
    ),
    # a Vietnamese caller's numbers, the agent's cue in English among Vietnamese words
    (
        "vietnamese-phone-said",
        "[01:10] Nhân viên: Số điện thoại của chị là số nào ạ?\n[01:13] Khách hàng: bảy bảy ba,"
        " năm năm năm, không một ba một.",
        [("PHONE", "bảy bảy ba, năm năm năm, không một ba một")],
    ),
    # a surname, then the whole name ending with it again: a name in lower case too; and
    # "last name first" says how it was said, it is no name
    (
        "surname-then-whole-name-lowercase",
        "agent: can i get your name please\ncaller: miller, matthew miller, sorry, last name first",
        [("PERSON", "miller, matthew miller")],
    ),
    (
        "surname-then-whole-name-titled",
        "AGENT: May I have your full name?\nCUSTOMER: Nichols, Joseph Nichols, that's right",
        [("PERSON", "Nichols, Joseph Nichols")],
    ),
    ("last-name-first-is-no-name", "i gave you my last name first", []),
    # a hesitation between a first name and a surname
    ("name-with-hesitation", "yeah my name is michael ah banks", [("PERSON", "michael ah banks")]),
    # a surname and its spelling, with the first name before it
    (
        "first-name-before-spelled-surname",
        "agent: who am i speaking with\ncaller: sure it's matheus viana that's v i a n a",
        [("PERSON", "matheus viana that's v i a n a")],
    ),
    (
        "listed-first-name-before-spelled-surname",
        "caller: vicente pelayo p e l a y o",
        [("PERSON", "vicente pelayo p e l a y o")],
    ),
    # "Spelled" with its capital, after a sentence's full stop
    (
        "name-then-capital-spelled",
        "Customer: It's Karen Hall. Spelled H A L L.",
        [("PERSON", "Karen Hall. Spelled H A L L")],
    ),
    # an agent's first name before "here" after the line's name: a word's too ("amber"),
    # and the lines of plans, groups, cruises; not the line "here" itself
    ("agent-here-word-name", "brightcart support amber here", [("PERSON", "amber")]),
    (
        "agent-here-after-plan",
        "cedar ridge health plan david here rep id sixty seven ninety four",
        [("PERSON", "david")],
    ),
    (
        "agent-here-asks-word-name",
        "Hello you're through to saint anselm medical group mark here how can I help.",
        [("PERSON", "mark")],
    ),
    ("support-is-here-no-name", "our support team is here to help, billing here too", []),
    # "this is X on a recorded line": the call's opening names the agent, a word's name too
    (
        "introduced-on-a-recorded-line",
        "Agent: Thanks for calling Bluewave Wireless, this is Dawn on a recorded line.",
        [("PERSON", "Dawn")],
    ),
    ("great-on-a-recorded-line-no-name", "this is great on a recorded line", []),
    # a "+", a country code and groups: a phone's form even where the number is not in
    # service and no word says it is a phone; too short a one is none
    (
        "international-grouped-no-cue",
        '"ORD-2025-405739", "+33 6 39 98 34 28", "ending 4242"',
        [("PHONE", "+33 6 39 98 34 28")],
    ),
    ("international-too-short-no-phone", "score +12 345 678 after the update", []),
    # a note signed after its last sentence with a dash: a name, a name in capitals, two
    # initials; no abbreviation, no heading
    (
        "dash-signed-name",
        "My DOB is July 9, 1962 and my driver's license is 797912920. -Laurie",
        [
            ("DATE_OF_BIRTH", "July 9, 1962"),
            ("US_DRIVER_LICENSE", "797912920"),
            ("PERSON", "Laurie"),
        ],
    ),
    (
        "dash-signed-caps",
        "Account updated. - WILLIAM LEE\n\nThanks,",
        [("PERSON", "WILLIAM LEE")],
    ),
    (
        "dash-signed-initials",
        "cx disputing chg, opened CASE714361. xfer to ext 7082. -TK",
        [("PERSON", "TK")],
    ),
    (
        "dash-abbreviation-no-name",
        "It's done. - PDF\nSent. - OK\nok. - USA\nDone. - Next Steps",
        [],
    ),
    # a loyalty record's keys and programmes name a customer's number; loyalty itself, or
    # its points, no number
    (
        "loyalty-record-number",
        "loyalty: { program: 'TrueBlue', number: 'XN598960' },",
        [("CUSTOMER_NUMBER", "XN598960")],
    ),
    (
        "loyalty-membership-id",
        '<CustLoyalty ProgramID="MR" MembershipID="866319699"/>',
        [("CUSTOMER_NUMBER", "866319699")],
    ),
    ("loyalty-no-number", "thanks for your loyalty since 2019, loyalty points 12,500", []),
    # a capitalised street suffix that is a word too, then a full stop: a street's all the same
    (
        "street-weak-suffix-full-stop",
        "I have never lived at 5285 Manning Keys. Please check.",
        [("STREET_ADDRESS", "5285 Manning Keys.")],
    ),
    ("street-weak-suffix-lowercase-no-street", "we had 5 great keys. Please check.", []),
    # (a weak suffix, then the plain one that ends the street: the plain one decides)
    (
        "street-weak-then-strong-suffix",
        "yeah seven hundred sixty six canyon creek cir",
        [("STREET_ADDRESS", "seven hundred sixty six canyon creek cir")],
    ),
    # a spoken house number and a suffix that is a word too, where the answer ends
    (
        "spoken-street-weak-suffix-answer-ends",
        "agent: what's the service address\ncaller: sixteen burke isle\nagent: thanks",
        [("STREET_ADDRESS", "sixteen burke isle")],
    ),
    (
        "spoken-weak-suffix-words-go-on",
        "agent: what's the service address\ncaller: sixteen minutes from the park\n",
        [],
    ),
    # the address named right after the street
    (
        "street-named-after",
        "spk_1: forty five sixteen acevedo isle that's my new street address\nspk_0: ok",
        [("STREET_ADDRESS", "forty five sixteen acevedo isle")],
    ),
    ("street-weak-suffix-no-cue-after", "we met at forty five sixteen acevedo isle today", []),
    # a password set off by commas after its cue; an answer that opens "it should be"
    (
        "password-between-commas",
        "Customer: I tried my old password, falcon1859#, and it says invalid.",
        [("PASSWORD", "falcon1859#")],
    ),
    ("password-list-no-value", "reset: password, card number, pin, and zip", []),
    (
        "password-answer-should-be",
        "AGENT: What's the verbal password on the account?\nCUSTOMER: It should be harbor!61.",
        [("PASSWORD", "harbor!61.")],
    ),
    # "card number ending", as a gateway's error writes it too
    (
        "card-number-ending",
        '"message": "Card declined: card_number ending 1111 failed AVS check"',
        [("CARD_LAST4", "1111")],
    ),
    ("order-number-ending-no-card", "your order number ending 1234 has shipped", []),
    # an agent named in a note; a speaker's label "Agent:" names no one
    (
        "agent-named-in-note",
        "Agent Carlos verified caller via KBA.\nAgent: Thank you for calling.",
        [("PERSON", "Carlos")],
    ),
    # a record's row of fields apart by bars: the owner's name before the next bar
    (
        "owner-field-before-bar",
        "CASE 42321719 | Status: Open | Owner: R. Moses | Opened 11/26/2025 10:07",
        [("PERSON", "R. Moses")],
    ),
    # a name whose last name is asked for; a role's word is no name
    (
        "name-before-possessive-last-name",
        "AGENT: Can you spell Ajani's last name?\nAGENT: and melissa's last name",
        [("PERSON", "Ajani"), ("PERSON", "melissa")],
    ),
    (
        "role-before-possessive-no-name",
        "What is the Account Holder's last name, the customer's first name and your"
        " Husband's full name?",
        [],
    ),
    # a speaker's label in capitals after a request to spell a name is no spelled name
    (
        "spell-request-then-label",
        "AGENT: Can you spell your last name?\nCALLER: SMITH\nAGENT: and the first",
        [("PERSON", "SMITH")],
    ),
    # French: "your advisor" and the name
    (
        "french-votre-conseiller",
        "Votre conseillère Philippine Gonzalez vous rappellera sous 15 jours.",
        [("PERSON", "Philippine Gonzalez")],
    ),
    (
        "vietnamese-cvv-said",
        "Nhân viên: Còn ba số CVV phía sau ạ?\nKhách hàng: chín năm chín.",
        [("CARD_CVV", "chín năm chín")],
    ),
    # the caller an agent addresses at a call's close, after a comma
    (
        "closing-help-you-with",
        "Agent: Is there anything else I can help you with today, Matteo?",
        [("PERSON", "Matteo")],
    ),
    (
        "closing-two-names",
        "Agent: Is there anything else I can help you with, José Carlos?",
        [("PERSON", "José Carlos")],
    ),
    ("closing-great-day", "Agent: have a great day, Urvi.", [("PERSON", "Urvi")]),
    ("closing-been-great", "Customer: No, you've been great, Holly.", [("PERSON", "Holly")]),
    (
        "closing-holding-common-word",
        "agent: thanks for holding, grace, i have your information",
        [("PERSON", "grace")],
    ),
    ("closing-sir", "Agent: is there anything else i can help you with, sir?", []),
    ("closing-no-name", "Agent: what can I help you with, billing or tech support?", []),
    ("closing-all-set-thanks", "Agent: All set, thanks. Have a great day, everyone.", []),
    # a first name and a surname set off by commas before a greeting, common words too
    ("set-off-pair-hi", "Customer: yes, holly chase, hi.", [("PERSON", "holly chase")]),
    ("set-off-no-pair", "Customer: yes, my card, hi.", []),
    # a negative cue in the clause before is the other clause's
    (
        "phone-after-a-clause-break",
        "operator note: name differs from account title; called originator at 412-555-0100.",
        [("PHONE", "412-555-0100")],
    ),
    ("account-no-period", "acct no. 4125550100", [("BANK_ACCOUNT", "4125550100")]),
    # a ZIP said after the state, a homophone opening it
    (
        "zip-after-state-homophone",
        "it's one fifty five twenty two weber lake freyshire mt to five six nine for",
        [
            ("STREET_ADDRESS", "one fifty five twenty two weber lake freyshire mt"),
            ("US_ZIP", "to five six nine for"),
        ],
    ),
    ("state-then-to-no-zip", "I'm going to texas to five six nine four times", []),
    # an LDIF attribute's value in base64 ("::"), read as it decodes
    (
        "ldif-base64-cn",
        "dn: uid=c13391370,ou=customers,dc=portal\ncn:: U3lkbmV5IFJvYWNo\nsn: Roach",
        [("PERSON", "U3lkbmV5IFJvYWNo"), ("PERSON", "Roach")],
    ),
    ("cpp-scope-no-base64", "call Parser::ParseAll with care", []),
    # a name's parts as an object's fields with quoted values (a Mongo shell's)
    (
        "name-object-first-last",
        "    name: { first: 'Kathryn', last: 'Livingston' },",
        [("PERSON", "Kathryn"), ("PERSON", "Livingston")],
    ),
    ("first-field-no-name", "    flags: { first: 'Yes', last: 'No' },", []),
    # the caller's extension, answered on the next line
    (
        "extension-at-that-number",
        "[01:27] AGENT: Is there an extension at that number?\n"
        "[01:32] CALLER: It's extension 11752.",
        [("PHONE", "11752")],
    ),
    (
        "extension-do-you-have",
        "Agent: Do you have an extension at work?\nCustomer: It's extension 40719, I think.",
        [("PHONE", "40719")],
    ),
    (
        "extension-any-time-after-label",
        "Agent 00:26: And is that a work number, any extension?\nCustomer 00:28: Yeah, it's 2647.",
        [("PHONE", "2647")],
    ),
    (
        "extension-company-asks-for",
        "Agent: call us and ask for extension 2251 if anything changes\nCustomer: ok",
        [],
    ),
    # a city and a ZIP after a street, no state between: after a comma, or "in" after a pause
    (
        "street-city-comma-zip",
        "It's 4521 Gray Passage, Matthewfurt, 34135.",
        [("STREET_ADDRESS", "4521 Gray Passage, Matthewfurt"), ("US_ZIP", "34135")],
    ),
    (
        "street-pause-in-city-zip",
        "It's 4521 Gray Passage.. in Matthewfurt, 34135.",
        [("STREET_ADDRESS", "4521 Gray Passage.. in Matthewfurt"), ("US_ZIP", "34135")],
    ),
    (
        "street-in-room-no-city",
        "It's 4521 Gray Passage.. in Room 10245.",
        [("STREET_ADDRESS", "4521 Gray Passage.")],
    ),
    # a phone number's area code said alone, its first piece
    (
        "phone-area-code-alone",
        "SPECIALIST: what phone number is associated with the account\n"
        "CALLER: well area code six five one\nSPECIALIST: okay",
        [("PHONE", "six five one")],
    ),
    ("area-code-named-no-value", "the area code for manhattan is 212", []),
    # Perl's "@" escaped in a string that interpolates
    (
        "email-perl-escaped-at",
        "          'email' => \"tommyfarley3\\@outlook.com\",",
        [("EMAIL", "tommyfarley3\\@outlook.com")],
    ),
    # a card's last four behind a mask of bullets, as an app shows it
    ("card-bullet-mask", "- **Card:** •••• 5100", [("CARD_LAST4", "5100")]),
    ("card-bullet-mask-app-log", "Card •••• 0005 frozen by user", [("CARD_LAST4", "0005")]),
    ("rule-line-no-mask", "Card -----------------\n1234 rows", []),
    # a routing number said in two groups with a pause (a comma) between them: its checksum
    # holds, so the cue reaches it from further back
    (
        "routing-groups-comma",
        "Agent: I need the routing number, it's the first nine digits on the bottom.\n"
        "Caller: Okay, it's [cough] zero eight nine two, 06016.",
        [("ABA_ROUTING", "zero eight nine two, 06016")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detects_exactly(engine: Engine, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(engine, text) == expected


SPOKEN: list[tuple[str, str, list[tuple[str, str]]]] = [
    # a hesitation between a spoken address's local part and its "at"
    (
        "email-filler-before-at",
        "agent: and your email address\ncustomer: i have it right here andrew dot garcia um at"
        " aol dot com",
        [("EMAIL", "andrew dot garcia um at aol dot com")],
    ),
    ("no-email-at-noon", "customer: we met uh at noon today", []),
    # a filler between a group said in words and one in digits, or before "triple"
    (
        "phone-words-filler-digits",
        "agent: best number?\ncustomer: sure it's two zero six let me see 555 0160",
        [("PHONE", "two zero six let me see 555 0160")],
    ),
    # a caller looking for the number ("let me find it", "one sec"), or a caption's time stamp
    # in brackets, between its groups
    (
        "phone-find-it",
        "agent: callback number?\ncustomer: three one two uh let me find it triple five zero one"
        " fifty-five",
        [("PHONE", "three one two uh let me find it triple five zero one fifty-five")],
    ),
    (
        "phone-one-sec",
        "agent: best number?\ncustomer: um it's six one seven um five fifty five one sec zero one"
        " thirty four",
        [("PHONE", "six one seven um five fifty five one sec zero one thirty four")],
    ),
    (
        "phone-digits-find-it",
        "agent: best number?\ncustomer: I have it 734 let me find it 555 0147",
        [("PHONE", "734 let me find it 555 0147")],
    ),
    (
        "phone-bracketed-time",
        "agent: best number?\ncustomer: It's 917 [02:57] 555-0172.",
        [("PHONE", "917 [02:57] 555-0172")],
    ),
    (
        "phone-words-bracketed-time",
        "agent: best number?\ncustomer: yes four one 5 [00:01:33] five fifty five 0 1 four six",
        [("PHONE", "four one 5 [00:01:33] five fifty five 0 1 four six")],
    ),
    (
        "phone-words-uh-digits",
        "agent: best number?\ncustomer: sure it's two zero six uh 555 0160",
        [("PHONE", "two zero six uh 555 0160")],
    ),
    (
        "routing-filler-before-triple",
        "customer: the routing is one two one, let me see, triple oh three five eight",
        [("ABA_ROUTING", "one two one, let me see, triple oh three five eight")],
    ),
    ("words-filler-digits-no-number", "customer: i'm forty uh 555 people came", []),
    # a digit said alone at the end of a spoken e-mail's local part, its initial before it
    (
        "email-initial-dot-name-digit",
        "agent: what is your work email\ncustomer: s dot stewart four at example dot org",
        [("EMAIL", "s dot stewart four at example dot org")],
    ),
    # a hesitation of other words than "uh" inside a number: the number goes on over it
    (
        "card-hang-on-inside",
        "my card number is four one one one one one one one hang on"
        " one one one one one one one one",
        [
            (
                "PAYMENT_CARD",
                "four one one one one one one one hang on one one one one one one one one",
            )
        ],
    ),
    (
        "ssn-like-inside-after-question",
        "what's your social? five three six like two two one two three four",
        [("US_SSN", "five three six like two two one two three four")],
    ),
    (
        "ssn-uh-let-me-see-inside",
        "my social security is five three six two two uh let me see one two three four",
        [("US_SSN", "five three six two two uh let me see one two three four")],
    ),
    (
        "card-okay-between-groups",
        "my visa number is four one one one okay one one one one okay one one one one okay"
        " one one one one",
        [
            (
                "PAYMENT_CARD",
                "four one one one okay one one one one okay one one one one okay one one one one",
            )
        ],
    ),
    ("no-number-around-the-filler", "i would like two tickets okay", []),
    ("cvv-homophone-first", "the cvv is too won nine", [("CARD_CVV", "too won nine")]),
    ("homophones-in-plain-talk", "i went to one store for one hour", []),
    (
        "email-hesitation-beside-a-dot",
        "my email is uh mateo dot uh delacroix at yahoo dot com",
        [("EMAIL", "mateo dot uh delacroix at yahoo dot com")],
    ),
    # a day said as a cardinal number beside the month's name
    (
        "dob-month-cardinal-day-year",
        "my date of birth is july twenty five nineteen fifty nine",
        [("DATE_OF_BIRTH", "july twenty five nineteen fifty nine")],
    ),
    (
        "dob-cardinal-day-month-year",
        "date of birth nine september nineteen seventy eight",
        [("DATE_OF_BIRTH", "nine september nineteen seventy eight")],
    ),
    ("month-and-year-no-dob", "we open in june two thousand five", []),
    (
        "expiry-month-and-year-twenty-twenty",
        "expiry december twenty twenty six and the code on the back is three seven oh",
        [("CARD_EXPIRY", "december twenty twenty six"), ("CARD_CVV", "three seven oh")],
    ),
    (
        "dob-after-the-ssn-answered-first",
        "i'll need your social and date of birth\nfive three six two two one two three four and"
        " the third of november nineteen forty seven",
        [
            ("US_SSN", "five three six two two one two three four"),
            ("DATE_OF_BIRTH", "the third of november nineteen forty seven"),
        ],
    ),
    (
        "no-dob-in-counts-after-the-question",
        "your date of birth please\ni have 2 kids and 3 dogs",
        [],
    ),
    # two answers in one breath after a question for both: the date of birth after the other,
    # and the first answers what was asked first
    (
        "dob-after-another-answer",
        "the last four of your social and your date of birth? one two three four and march"
        " third nineteen eighty",
        [
            ("US_SSN_LAST4", "one two three four"),
            ("DATE_OF_BIRTH", "march third nineteen eighty"),
        ],
    ),
    # a spelling after "spell that", or after the word and "spelled"
    (
        "name-spelled-after-spell-that",
        "agent: can you spell that for me\ncustomer: n g u y e n",
        [("PERSON", "n g u y e n")],
    ),
    (
        "name-then-spelled-then-its-letters",
        "it's smith spelled s m i t h",
        [("PERSON", "smith spelled s m i t h")],
    ),
    # a city without its state, then the ZIP, after an address cue
    (
        "zip-after-city-no-state",
        "my address is fifty six elm street springfield nine oh two one oh",
        [
            ("STREET_ADDRESS", "fifty six elm street springfield"),
            ("US_ZIP", "nine oh two one oh"),
        ],
    ),
    (
        "no-city-words-before-a-number",
        "my address is 12 oak avenue then call me at 55555",
        [("STREET_ADDRESS", "12 oak avenue")],
    ),
    # a mail provider named without its domain, after an e-mail cue
    ("email-provider-alone", "my email is jane doe at yahoo", [("EMAIL", "jane doe at yahoo")]),
    ("employer-no-email", "he works at yahoo", []),
    ("account-at-provider-no-email", "my account at yahoo is locked", []),
    (
        "card-hold-on-a-sec-inside",
        "my card number is six zero one one hold on a sec one one one one eleven eleven eleven"
        " seventeen",
        [
            (
                "PAYMENT_CARD",
                "six zero one one hold on a sec one one one one eleven eleven eleven seventeen",
            )
        ],
    ),
    (
        "card-and-the-last-four-are",
        "my card is four one one one one one one one one one one one and the last four are"
        " one one one one",
        [
            (
                "PAYMENT_CARD",
                "four one one one one one one one one one one one and the last four are one one"
                " one one",
            )
        ],
    ),
    (
        "phone-area-code-and-then",
        "best number is area code two one two and then five five five oh one four seven",
        [("PHONE", "two one two and then five five five oh one four seven")],
    ),
    (
        "pin-corrected-after-sorry-stays-two-pins",
        "my pin is four seven two nine sorry four seven three nine",
        [("PIN", "four seven two nine"), ("PIN", "sorry"), ("PIN", "four seven three nine")],
    ),
    # zeros written as the letter "o", two or more in a row: no spelled word ("OO")
    (
        "card-o-o-zeros",
        "my visa is five two o o eight two eight two eight two eight two eight two one o",
        [("PAYMENT_CARD", "five two o o eight two eight two eight two eight two eight two one o")],
    ),
    (
        "ssn-o-o-zeros",
        "my social is five o o two two one two three four",
        [("US_SSN", "five o o two two one two three four")],
    ),
    ("initials-o-o-stay-letters", "my initials are j o o", []),
    # a hesitation between groups written in digits
    (
        "card-digits-uh-between-groups",
        "my visa is 4111 uh 1111 1111 1111",
        [("PAYMENT_CARD", "4111 uh 1111 1111 1111")],
    ),
    ("ssn-digits-um-between-groups", "my social is 536 um 22 1234", [("US_SSN", "536 um 22 1234")]),
    ("amount-digits-uh-between", "i paid 20 uh 30 dollars", []),
    # homophones in short values, no two plain digit words side by side
    (
        "cvv-homophone-between",
        "the security code on the back is six for two",
        [
            ("CARD_CVV", "six for two"),
        ],
    ),
    ("pin-homophones", "my pin is four won six won", [("PIN", "four won six won")]),
    ("homophones-in-a-range-of-days", "it takes two to three business days", []),
    # card, expiry and code said in one breath: speech-to-text writes one block of digits
    (
        "card-expiry-code-one-breath",
        "my card is four one one one one one one one one one one one one one one one twelve"
        " twenty seven one two three",
        [
            ("PAYMENT_CARD", "four one one one one one one one one one one one one one one one"),
            ("CARD_EXPIRY", "twelve twenty seven"),
            ("CARD_CVV", "one two three"),
        ],
    ),
    (
        "card-expiry-code-one-breath-after-pauses",
        "my card is four one one one, one one one one, one one one one, one one one one twelve"
        " twenty seven one two three",
        [
            (
                "PAYMENT_CARD",
                "four one one one, one one one one, one one one one, one one one one",
            ),
            ("CARD_EXPIRY", "twelve twenty seven"),
            ("CARD_CVV", "one two three"),
        ],
    ),
    (
        "card-expiry-code-one-breath-no-cue",
        "yeah its five five five five five five five five five five five five four four four"
        " four oh nine twenty eight four four one",
        [
            (
                "PAYMENT_CARD",
                "five five five five five five five five five five five five four four four four",
            ),
            ("CARD_EXPIRY", "oh nine twenty eight"),
            ("CARD_CVV", "four four one"),
        ],
    ),
    (
        "card-expiry-code-glued",
        "my card is 41111111111111111227123",
        [
            ("PAYMENT_CARD", "4111111111111111"),
            ("CARD_EXPIRY", "1227"),
            ("CARD_CVV", "123"),
        ],
    ),
    ("card-expiry-code-glued-after-another-id", "order 41111111111111111227123", []),
    (
        "card",
        "my card number is four one one one one one one one one one one one one one one one",
        [("PAYMENT_CARD", "four one one one one one one one one one one one one one one one")],
    ),
    (
        "card-groups-fillers",
        "it's four one one one, uh, double one one one ... triple one one, one one one one ok",
        [
            (
                "PAYMENT_CARD",
                "four one one one, uh, double one one one ... triple one one, one one one one",
            )
        ],
    ),
    (
        "ssn-homophones",
        "my social is oh seven ate oh five one one to oh",
        [("US_SSN", "oh seven ate oh five one one to oh")],
    ),
    (
        "phone-pairs",
        "call me at four one five five five five oh one three two",
        [("PHONE", "four one five five five five oh one three two")],
    ),
    (
        "email",
        "its john dot smith at example dot com",
        [("EMAIL", "john dot smith at example dot com")],
    ),
    (
        "email-local-part-in-words",
        "my email is jane doe at gmail dot com",
        [("EMAIL", "jane doe at gmail dot com")],
    ),
    (
        "spoken-email-two-words-after-its",
        "whats your email\nits john smith at gmail dot com",
        [("EMAIL", "john smith at gmail dot com")],
    ),
    (
        "spoken-email-two-words-after-is",
        "my contact is mary jane at yahoo dot com",
        [("EMAIL", "mary jane at yahoo dot com")],
    ),
    # an initial before the name (it was left in clear: "it's j [EMAIL]")
    ("email-initial", "it's j smith at outlook dot com", [("EMAIL", "j smith at outlook dot com")]),
    (
        "email-article-not-initial",
        "it's a smith at outlook dot com",
        [("EMAIL", "smith at outlook dot com")],
    ),
    (
        "email-split-domain",
        "it's john dot smith at out look dot com thanks",
        [("EMAIL", "john dot smith at out look dot com")],
    ),
    (
        "dob",
        "my date of birth is march third nineteen eighty five",
        [("DATE_OF_BIRTH", "march third nineteen eighty five")],
    ),
    (
        "street-hundreds",
        "i live at two hundred south alloy drive",
        [("STREET_ADDRESS", "two hundred south alloy drive")],
    ),
    ("hundreds-not-street", "we waited two hundred days for it", []),
    (
        "dob-compound-ordinal",
        "my birthday is june twenty first, nineteen ninety",
        [("DATE_OF_BIRTH", "june twenty first, nineteen ninety")],
    ),
    # "dash" and "slash" said between groups are written as such: the value keeps its format
    (
        "ssn-spoken-dashes",
        "my social security number is five two three dash four five dash six seven eight nine",
        [("US_SSN", "five two three dash four five dash six seven eight nine")],
    ),
    (
        "expiry-spoken-slash",
        "my visa is 4532015112830366 and the expiry is oh nine slash twenty six",
        [("PAYMENT_CARD", "4532015112830366"), ("CARD_EXPIRY", "oh nine slash twenty six")],
    ),
    ("score-not-a-value", "the game ended five dash four", []),
    # month, day and a two-digit year, said as numbers after a birth-date cue
    (
        "dob-spoken-compact",
        "date of birth twelve fifteen eighty four",
        [("DATE_OF_BIRTH", "twelve fifteen eighty four")],
    ),
    ("time-not-dob", "i can call back at twelve fifteen tomorrow", []),
    # compound numbers hyphenated ("forty-one"), as most speech-to-text engines write them:
    # read as "forty - one" they gave wrong digits, and the SSN and the PIN were missed
    (
        "card-hyphenated-pairs",
        "my card number is forty-one eleven, eleven eleven, eleven eleven, eleven eleven",
        [("PAYMENT_CARD", "forty-one eleven, eleven eleven, eleven eleven, eleven eleven")],
    ),
    (
        "ssn-hyphenated-pairs",
        "my social is five two three, forty-five, sixty-seven eighty-nine",
        [("US_SSN", "five two three, forty-five, sixty-seven eighty-nine")],
    ),
    ("pin-hyphenated", "my pin is twenty-one thirty-four", [("PIN", "twenty-one thirty-four")]),
    (
        "expiry-hyphenated",
        "expires twelve twenty-seven and the code is one two three",
        [("CARD_EXPIRY", "twelve twenty-seven"), ("CARD_CVV", "one two three")],
    ),
    (
        "dob-hyphenated",
        "my date of birth is march twenty-seventh, nineteen eighty-five",
        [("DATE_OF_BIRTH", "march twenty-seventh, nineteen eighty-five")],
    ),
    ("amounts-hyphenated", "it costs twenty-five dollars and takes forty-five minutes", []),
    # an expiry said as four bare digits between the card and its code ("twelve twenty seven"
    # is written 1227): the code was taken for the expiry and the real code left in clear
    (
        "expiry-compact-between-card-and-code",
        "four one one one one one one one one one one one one one one one, twelve twenty seven,"
        " one two three",
        [
            ("PAYMENT_CARD", "four one one one one one one one one one one one one one one one"),
            ("CARD_EXPIRY", "twelve twenty seven"),
            ("CARD_CVV", "one two three"),
        ],
    ),
    (
        "expiry-cue-with-s",
        "4111 1111 1111 1111 and the expiry's 1227, code 123",
        [("PAYMENT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "1227"), ("CARD_CVV", "123")],
    ),
    (
        "amex-cid-alone",
        "amex 3782 822463 10005 1234",
        [("PAYMENT_CARD", "3782 822463 10005"), ("CARD_CVV", "1234")],
    ),
    ("ssn-last4-ending", "SSN ending in 1120", [("US_SSN_LAST4", "1120")]),
    ("zip-postcode", "my postcode is 94102", [("US_ZIP", "94102")]),
    ("ssn-last4-ends-with", "my social ends with 1120", [("US_SSN_LAST4", "1120")]),
    # a masked SSN whose last four are left, as e-mails and forms write it
    ("ssn-masked", "SSN: XXX-XX-1120 on file", [("US_SSN_LAST4", "1120")]),
    (
        "masked-other",
        "ref xxxxx-1234 and card xxxx-xxxx-xxxx-1111 and xxx-xx-xxxx",
        [("CARD_LAST4", "1111")],
    ),
    ("masked-account-no-card", "acct ****6789 closed", []),
    (
        "dob-two-digit-year",
        "my birthday is march fourteenth, eighty-five",
        [("DATE_OF_BIRTH", "march fourteenth, eighty-five")],
    ),
    # a birthday's month and day are a date of birth's elements (HIPAA's Safe Harbor lists
    # every element of a birth date but the year): redacted without the year too
    (
        "birthday-without-year",
        "my birthday is march 14 and I'll be 40",
        [("DATE_OF_BIRTH", "march 14")],
    ),
    # letters spelled with a word each ("d as in david"): the letter was left in clear
    (
        "dl-phonetic-letter",
        "my driver's license number is d as in david one two three four five six seven",
        [("US_DRIVER_LICENSE", "d as in david one two three four five six seven")],
    ),
    (
        "surname-phonetic-spelling",
        "my last name is smith, s as in sam, m as in mary, i, t, h",
        [("PERSON", "smith, s as in sam, m as in mary, i, t, h")],
    ),
    (
        "surname-spelled-with-commas",
        "could you spell your last name?\ns, m, i, t, h",
        [("PERSON", "s, m, i, t, h")],
    ),
    (
        "surname-spelled-after-the-question",
        "Agent: could you spell your last name for me?\nCustomer: sure, s, m, i, t, h",
        [("PERSON", "s, m, i, t, h")],
    ),
    ("street-name-spelled", "can you spell the street name? e, l, m", []),
    (
        "email-phonetic-spelling",
        "my email is j as in juliet, d as in delta, o, e at gmail dot com",
        [("EMAIL", "j as in juliet, d as in delta, o, e at gmail dot com")],
    ),
    # a direction after the suffix: the city, state and ZIP after it were left in clear
    (
        "address-post-directional",
        "I live at 1600 Pennsylvania Ave NW, Washington, DC 20500",
        [("STREET_ADDRESS", "1600 Pennsylvania Ave NW, Washington, DC"), ("US_ZIP", "20500")],
    ),
    (
        "address-dotted-directional",
        "I live at 12 Main St. S.E., Albany, NY 12207",
        [("STREET_ADDRESS", "12 Main St. S.E., Albany, NY"), ("US_ZIP", "12207")],
    ),
    (
        "address-direction-word",
        "12 Main St north of the bridge",
        [("STREET_ADDRESS", "12 Main St")],
    ),
    ("amount", "the total was two hundred forty nine dollars", []),
    ("minutes", "i waited fifteen minutes", []),
    # numbers written with thousands separators, as speech-to-text writes a long number said
    # in one breath: they were left in clear (the number-run trigger has no comma)
    ("account-grouped", "my account number is 12,345,678", [("BANK_ACCOUNT", "12,345,678")]),
    (
        "card-grouped",
        "customer: the card is 4,111,111,111,111,111",
        [("PAYMENT_CARD", "4,111,111,111,111,111")],
    ),
    ("routing-grouped", "my routing number is 021,000,021", [("ABA_ROUTING", "021,000,021")]),
    (
        "account-grouped-in-a-spoken-call",
        "my card is four one one one and the account is 12,345,678,901",
        [("BANK_ACCOUNT", "12,345,678,901")],
    ),
    ("amounts-grouped", "the loan is $1,250,000 and the balance is 1,234,567.89 dollars", []),
    ("counts-grouped", "we shipped 2,500,000 units to 1,234,567 customers", []),
    ("order-grouped", "the order number is 12,345,678", []),
    # a name given alone on the line after the question for it, which no census list holds:
    # it was left in clear ("answers must be names" meant "must be census names")
    (
        "answer-unlisted-name",
        "agent: can I have your name?\ncustomer: priya",
        [("PERSON", "priya")],
    ),
    (
        "answer-unlisted-full-name",
        "agent: can I have your name?\ncustomer: yeah, priya sharma",
        [("PERSON", "priya sharma")],
    ),
    (
        "answer-after-who-am-i-speaking-with",
        "agent: who am I speaking with today?\ncustomer: dave miller",
        [("PERSON", "dave miller")],
    ),
    (
        "answer-under-the-name",
        "agent: can I get the name on the account?\ncustomer: yeah it's under robert chen",
        [("PERSON", "robert chen")],
    ),
    # names no census list holds, stated after a name cue in lower-case speech-to-text: they
    # were left in clear (the 1990 census lists miss most names that are not Anglo-American)
    ("stated-unlisted-name", "yeah my name is priya sharma", [("PERSON", "priya sharma")]),
    (
        "stated-unlisted-name-then-more",
        "hi my name is oluwaseun adeyemi and i'm calling about my bill",
        [("PERSON", "oluwaseun adeyemi")],
    ),
    (
        "stated-name-rest-unlisted",
        "my name is mohammed al rashid and i'm calling about my bill",
        [("PERSON", "mohammed al rashid")],
    ),
    ("stated-surname-unlisted", "my last name is okonkwo", [("PERSON", "okonkwo")]),
    (
        "stated-name-agent-greeting",
        "thank you for calling acme my name is thanh how can i help you today",
        [("PERSON", "thanh")],
    ),
    ("stated-name-not-a-name", "my name is listed on the account", []),
    ("stated-name-spelled-wrong", "my name is spelled wrong on the bill", []),
    ("stated-name-adverb", "my name is actually on the card", []),
    (
        "stated-name-next-line",
        "yeah my name is priya\nagent: alright, youre all set",
        [("PERSON", "priya")],
    ),
    # a written name was cut at its first accented letter, the rest left in clear
    ("accented-name", "my name is José García", [("PERSON", "José García")]),
    (
        "accented-name-weak-cue",
        "Hi, I'm Renée Dubois and I need help",
        [("PERSON", "Renée Dubois")],
    ),
    ("accented-signature", "Best regards,\nBjörn Ångström", [("PERSON", "Björn Ångström")]),
    ("capitalised-pair-not-names", "I'm Really Sorry. This is Customer Care.", []),
    ("accented-answer", "the name of my first pet was Señor", [("SECURITY_ANSWER", "Señor")]),
    ("accented-birthplace", "i was born in Bogotá", [("SECURITY_ANSWER", "Bogotá")]),
    (
        "accented-address",
        "I live at 123 Peña Blvd, San José, CA 95112",
        [("STREET_ADDRESS", "123 Peña Blvd, San José, CA"), ("US_ZIP", "95112")],
    ),
    # the name a greeting addresses, census-listed or not
    (
        "greeting-unlisted",
        "Hi Priya, thanks for reaching out about your order.",
        [("PERSON", "Priya")],
    ),
    ("greeting-unlisted-lower", "thanks kwame, have a great day", [("PERSON", "kwame")]),
    # greetings in the other languages a contact center writes in: capitalised names only,
    # and no word that addresses no one by name
    ("greeting-es", "Hola Atilio, gracias por contactarnos.", [("PERSON", "Atilio")]),
    ("greeting-es-two-words", "Buenas tardes Martín, su solicitud", [("PERSON", "Martín")]),
    ("greeting-es-slash", "Estimado/a Raimundo: hemos abierto", [("PERSON", "Raimundo")]),
    ("greeting-fr", "Bonjour Zoé, nous avons ouvert le dossier", [("PERSON", "Zoé")]),
    ("greeting-es-no-name", "Hola, gracias por escribir", []),
    ("greeting-es-lower-words", "hola que tal, bien", []),
    ("greeting-fr-title", "Bonjour Madame, votre dossier", []),
    ("greeting-es-title", "Hola Señora, su pedido", []),
    ("greeting-fr-client", "Cher client, merci", []),
    # a mail header's display name as Spanish and French mail clients label it
    (
        "header-display-name-es",
        "Para: Hernando Marquez <marquezh@example.com>\nAsunto: RE: Consulta",
        [("PERSON", "Hernando Marquez"), ("EMAIL", "marquezh@example.com")],
    ),
    (
        "header-display-name-fr",
        "À : Zoé Guillaume <guillaumez99@example.com>\nObjet : RE",
        [("PERSON", "Zoé Guillaume"), ("EMAIL", "guillaumez99@example.com")],
    ),
    # a ZIP after a street's comma, where the address ends with it (no city written)
    (
        "zip-after-street-comma",
        "We mailed the new card to 822 Cedar Ter Apt 2, 26284. You can also call",
        [("STREET_ADDRESS", "822 Cedar Ter Apt 2"), ("US_ZIP", "26284")],
    ),
    (
        "zip-after-po-box-comma",
        "mailed to P O Box 12487, 52526.",
        [("STREET_ADDRESS", "P O Box 12487"), ("US_ZIP", "52526")],
    ),
    (
        "no-zip-after-street-comma-count",
        "ship it to 12 Oak St, 2 boxes, by friday",
        [
            ("STREET_ADDRESS", "12 Oak St"),
        ],
    ),
    (
        "no-zip-after-street-comma-sentence",
        "He lives on 12 Oak St, 52526 people live there",
        [
            ("STREET_ADDRESS", "12 Oak St"),
        ],
    ),
    # a secret's key with a short value in quotes (a config file): redacted however short;
    # a placeholder, a path, a setting or a sentence is none
    ("quoted-token", 'token = "6673 9838"\n', [("ACCESS_TOKEN", "6673 9838")]),
    # a secret as an XML element's text (a SOAP header's token); not a count's, not words
    (
        "xml-auth-token",
        "<soapenv:Header>\n  <ns2:AuthToken>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        "</ns2:AuthToken>",
        [("ACCESS_TOKEN", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")],
    ),
    ("xml-token-words", "<token>see the documentation page</token>", []),
    ("xml-token-count", "<tokenCount>12345678901234567</tokenCount>", []),
    ("quoted-api-key", 'api_key: "v3fd-qse8"\n', [("ACCESS_TOKEN", "v3fd-qse8")]),
    ("quoted-api-key-env-ref", '"api_key": "${API_KEY}"', []),
    ("quoted-token-words", 'token = "see the docs"', []),
    ("quoted-secret-path", 'secret: "/run/secrets/x1"', []),
    ("quoted-token-ttl", 'token_ttl = "3600"', []),
    # a recovery code read out a character at a time (the radio alphabet, digits, dashes)
    (
        "recovery-code-spelled",
        "Agent: do you have one of your recovery codes\n"
        "Customer: okay charlie e delta bravo hyphen k charlie j q\nAgent: okay",
        [("ACCESS_TOKEN", "charlie e delta bravo hyphen k charlie j q")],
    ),
    (
        "backup-code-with-pauses",
        "Agent: read me the backup codes you saved\n"
        "Caller: that's tango alpha five h dash d golf four four... echo six y seven",
        [("ACCESS_TOKEN", "tango alpha five h dash d golf four four... echo six y seven")],
    ),
    ("backup-codes-no-code", "do you have your backup codes? no i lost them all", []),
    # one's own name stated, then a question in the same sentence
    (
        "my-name-then-question",
        "Agent: my name is Caitlin, agent number 6325, how may I assist you?\n",
        [("PERSON", "Caitlin")],
    ),
    # the agent's name after "you've reached", before the agent's number or a question
    (
        "reached-name-agent-number",
        "Agent: Thank you for calling Harborview Health Insurance, you've reached David, agent"
        " number E614. How can I help?",
        [("PERSON", "David")],
    ),
    (
        "reached-name-question",
        "Agent: Thank you for calling Tri-County Electric, you've reached Leonard. Who do I have"
        " the pleasure of speaking with?",
        [("PERSON", "Leonard")],
    ),
    ("reached-department", "Agent: you've reached Billing. How can we help?", []),
    # a card's last four on file, read out by the agent; a hesitation inside an address; an
    # answer under a chat export's "[Name] time" line
    ("card-we-have-ends-in", "The card we have ends in 4821?", [("CARD_LAST4", "4821")]),
    (
        "address-hesitation-before-state",
        "And the mailing address?\n5692 Sparrow Road #23A, Dayton, um, OH, 45465.",
        [("STREET_ADDRESS", "5692 Sparrow Road #23A, Dayton, um, OH"), ("US_ZIP", "45465")],
    ),
    (
        "zip-under-bracketed-speaker",
        "[Nicholas Rodriguez] 10:51:25\nAnd the zip code?\n\n[Mary Lamb] 10:51:28\n27638.\n",
        [
            ("PERSON", "Nicholas Rodriguez"),
            ("PERSON", "Mary Lamb"),
            ("US_ZIP", "27638"),
        ],
    ),
    # a birth date said day first, an ordinal before the month's name ("may" with a year)
    (
        "dob-ordinal-before-month",
        "Rep: And your date of birth?\nCaller: Sure, it's twenty sixth june nineteen sixty"
        " eight.\nRep: thanks",
        [("DATE_OF_BIRTH", "twenty sixth june nineteen sixty eight")],
    ),
    (
        "dob-ordinal-before-may",
        "what's your date of birth\neleventh may nineteen fifty one",
        [("DATE_OF_BIRTH", "eleventh may nineteen fifty one")],
    ),
    ("ordinal-before-may-verb", "the third may be late, the fifth june delivery", []),
    # a security question's answer: after the rest of the question, a hesitation or a laugh;
    # the city of birth; a note's question in brackets is no answer
    (
        "security-school-after-question",
        "Agent: What elementary school did you attend?\nCustomer: Um, Cedar Ridge.\nAgent: ok",
        [("SECURITY_ANSWER", "Cedar Ridge")],
    ),
    (
        "security-pet-after-a-laugh",
        "Agent: What was the name of your first pet?\nCustomer: Ha, it was a dog named Bubba.\n",
        [("SECURITY_ANSWER", "Bubba")],
    ),
    ("security-city-of-birth", "My city of birth is Wichita.", [("SECURITY_ANSWER", "Wichita")]),
    (
        "security-note-city-of-birth",
        "sec q (city of birth) ok: Flagstaff.\nnext",
        [("SECURITY_ANSWER", "Flagstaff")],
    ),
    # a customer's number with a business: loyalty, rewards, frequent flyer, a CRM's ID
    # a cue that ends in a sign, its value glued to it or a blank apart; a label's "CUST#";
    # French's and Italian's words for a customer's number
    (
        "loyalty-glued-to-sign",
        "NOTE:Customer since 2010. Loyalty #7404943780, 25,303 pts.",
        [("CUSTOMER_NUMBER", "7404943780")],
    ),
    ("loyalty-blank-after-sign", "Loyalty # 7404943780 pts", [("CUSTOMER_NUMBER", "7404943780")]),
    (
        "shipping-label-cust",
        "| REF2: CUST# 5495238772263778      |",
        [("CUSTOMER_NUMBER", "5495238772263778")],
    ),
    (
        "french-numero-client",
        "Mon numéro client est le 11728842 et je suis",
        [("CUSTOMER_NUMBER", "11728842")],
    ),
    (
        "italian-codice-cliente",
        "Il mio codice cliente è 534308478684.",
        [("CUSTOMER_NUMBER", "534308478684")],
    ),
    (
        "rewards-number-answer",
        "Agent: Can I get your rewards number?\nCustomer: It's 238088541.",
        [("CUSTOMER_NUMBER", "238088541")],
    ),
    (
        "frequent-flyer-spoken",
        "agent: can i get your frequent flyer number\ncaller: eighty eight nine um two double one"
        " five six",
        [("CUSTOMER_NUMBER", "eighty eight nine um two double one five six")],
    ),
    ("rewards-hash", "Rewards # 5147278443", [("CUSTOMER_NUMBER", "5147278443")]),
    ("customer-id-column", "customer_id,plan\n640625,gold\n", [("CUSTOMER_NUMBER", "640625")]),
    # (an SMS thread's "customer number" is the customer's phone)
    (
        "customer-number-is-a-phone",
        "Customer number: +1 316 813 4471\n",
        [("PHONE", "+1 316 813 4471")],
    ),
    ("rewards-points", "I have 38,000 points on my rewards account", []),
    # a driver's license said after a stall, its letters spelled, in WhisperX's layout
    (
        "license-after-stall-whisperx",
        "[09:48.941 --> 09:51.112] SPEAKER_00: What's your driver's license number?\n"
        "[09:51.517 --> 09:57.388] SPEAKER_01: Hold on, let me grab my wallet... okay, R R six"
        " four three five two oh.\n",
        [("US_DRIVER_LICENSE", "R R six four three five two oh")],
    ),
    ("license-not-a-word", "my license is 643520 ok", [("US_DRIVER_LICENSE", "643520")]),
    # a recovery key read from its letter, after the question for it: in groups, or spelled
    (
        "recovery-key-grouped-answer",
        "Agent: Can you read me the admin recovery key for the business account?\n"
        "Customer: Okay, it's 3PV7-TQ99-QFWE-LHZ8.\nAgent: thanks",
        [("ACCESS_TOKEN", "3PV7-TQ99-QFWE-LHZ8")],
    ),
    (
        "recovery-key-spelled-answer",
        "Rep: can you read me the admin recovery key for the business account?\n"
        "Caller: Let me find it... Z C six two X Y P B X M R two J four V V.",
        [("ACCESS_TOKEN", "Z C six two X Y P B X M R two J four V V")],
    ),
    ("recovery-key-words", "the recovery key is a well-known-thing for admins", []),
    # the password a caller picks when an agent offers to set one, in the layouts of a call
    # (a capital at the answer's start, the question's words, the labels between)
    (
        "password-chosen-capital-answer",
        "Agent: I'll set a temporary password, or would you like to give me one?\n"
        "Customer: It's Sequoia!449.\nAgent: got it",
        [("PASSWORD", "Sequoia!449.")],
    ),
    (
        "password-wanted-on-portal",
        "Agent: What password did you want on the portal?\nCustomer: Um, it's marble#611\n"
        "Agent: Can I get your member ID?",
        [("PASSWORD", "marble#611")],
    ),
    (
        "password-spelled-after-bracketed-time",
        "Rep [00:00:33] What's the verbal password on the account?\n"
        "Caller [00:00:42] Um, it's capital S, e, q, u, o, i, a, exclamation point, one, two, nine"
        "\nRep [00:00:49] thanks",
        [("PASSWORD", "capital S, e, q, u, o, i, a, exclamation point, one, two, nine")],
    ),
    (
        "password-after-subtitle-lines",
        "30\n00:01:50,000 --> 00:01:53,000\n>> What password did you want on the portal?\n\n"
        "31\n00:01:53,768 --> 00:01:59,151\n>> Um, it's Bluejay#618\n",
        [("PASSWORD", "Bluejay#618")],
    ),
    (
        "password-after-speaker-line",
        "Linda Wiley   1:02\nI'll set a temporary password, or would you like to give me one?\n\n"
        "David Singleton   1:10\nIt's Kettle!352\n",
        [("PERSON", "Linda Wiley"), ("PERSON", "David Singleton"), ("PASSWORD", "Kettle!352")],
    ),
    (
        "password-whisperx-line",
        "[03:21.853 --> 03:24.652] SPEAKER_01: What password did you want on the portal?\n"
        "[03:25.131 --> 03:31.186] SPEAKER_00: Um, it's Bluejay#66\n",
        [("PASSWORD", "Bluejay#66")],
    ),
    (
        "password-offer-answered-aloud",
        "agent: i'll set a temporary password or would you like to give me one um it's capital o"
        " r c h i d dollar sign nine four one what's the birthdate",
        [("PASSWORD", "capital o r c h i d dollar sign nine four one")],
    ),
    (
        "password-question-no-password",
        "Agent: did you reset your password on the portal?\nCustomer: Yes I did, it worked.",
        [],
    ),
    (
        "password-offer-declined",
        "Agent: I'll set a temporary password, or would you like to give me one?\n"
        "Customer: No\n\nAgent   0:41\nOkay let me set it then",
        [],
    ),
    # digits keyed on the keypad, named by the IVR's prompt; a menu choice is none
    (
        "dtmf-phone",
        "bot - enter the ten digit phone number associated with your account\n"
        "<DTMF>4155550123#</DTMF>",
        [("PHONE", "4155550123")],
    ),
    (
        "dtmf-zip-spaced",
        "system - enter the five digit zip code of your billing address\n\n[DTMF: 5 0 5 2 4 #]",
        [("US_ZIP", "5 0 5 2 4")],
    ),
    (
        "dtmf-expiry-entered",
        "IVR - enter the four digit expiration date as month month year year\n"
        "(caller entered 1132)",
        [("CARD_EXPIRY", "1132")],
    ),
    ("dtmf-unprompted", "[DTMF: 4 7 2 9 #] thank you", [("PIN", "4 7 2 9")]),
    # an IVR log's DTMF column; the social's last four of a card holder are no card
    (
        "dtmf-log-column",
        '00:00:20.000 PROMPT "Please enter your subscriber ID followed by the pound key."\n'
        "00:00:23.846 DTMF   6 6 5 2 1 9 4 1 7 #\n"
        "00:00:30.254 PROMPT \"Enter the last four digits of the card holder's Social Security"
        ' number."\n00:00:35.330 DTMF   2822\n',
        [("HEALTH_INSURANCE_ID", "6 6 5 2 1 9 4 1 7"), ("US_SSN_LAST4", "2822")],
    ),
    ("dtmf-word-in-prose", "we support DTMF tones 1234 times a day", []),
    # a log's code field, on a line that says it is a one-time code; not an error's code
    (
        "logged-otp-code",
        'svc=mfa msg="otp issued" to=customer code=894290 ttl=300',
        [("ONE_TIME_CODE", "894290")],
    ),
    ("logged-error-code", 'svc=checkout msg="card declined" code=5012 ttl=300', []),
    ("dtmf-menu-choice", "IVR - press one for billing\n[dtmf 1]", []),
    ("greeting-good-morning", "Good morning Anjali, how are you?", [("PERSON", "Anjali")]),
    (
        "greeting-no-name",
        "Hi Team, hi there, hello everyone! thanks again, hey guys. Thanks, updated.",
        [],
    ),
    ("greeting-customer", "Dear Valued Customer, your claim was approved.", []),
    ("greeting-shouted", "HEY HO! HI THERE, HELLO BOB!", []),
    # an e-mail's signature: the line after a sign-off alone on its line, or after "-- "
    (
        "signature-after-thanks",
        "Thanks,\nNguyen Van Minh\nSenior Analyst\n+1 (415) 555-0132",
        [("PERSON", "Nguyen Van Minh"), ("PHONE", "+1 (415) 555-0132")],
    ),
    ("signature-after-best", "Best,\nKarthik Subramanian", [("PERSON", "Karthik Subramanian")]),
    (
        "signature-after-delimiter",
        "Sincerely,\n-- \nKarthik Subramanian | Acme Corp | Mobile: (650) 710-0235",
        [("PERSON", "Karthik Subramanian"), ("PHONE", "(650) 710-0235")],
    ),
    ("signature-team", "Cheers,\nThe Acme Team", []),
    ("signature-department", "Thanks,\nCustomer Support\nAcme Billing Services", []),
    ("signature-not-a-name", "Thanks!\nSee you soon", []),
    ("signature-chat-label", "Thanks!\nCustomer: no problem", []),
    ("answer-sorry", "agent: can I have your name?\ncustomer: sorry?", []),
    ("answer-hold-on", "agent: who am I speaking with?\ncustomer: hold on", []),
    ("answer-one-second", "agent: your name please?\ncustomer: um, one second", []),
    ("answer-yes-no", "agent: is that your name on the account?\ncustomer: correct", []),
    ("answer-not-alone", "agent: what's your name?\ncustomer: why do you need it", []),
    ("not-thousands", "account: 1,234,5678 and 12,34,567", []),
    # a homophone at the end of a number, before the words that say what it was, or at its
    # start after a hesitation; not where it is a word ("one two three for you")
    (
        "homophone-before-naming",
        "and nine seven won is the security code",
        [("CARD_CVV", "nine seven won")],
    ),
    (
        "homophone-before-for-the",
        "um its four six two won for the pin",
        [("PIN", "four six two won")],
    ),
    (
        "homophone-before-next-cue",
        "my savings account number is six oh seven five oh oh seven two um five six ate routing"
        " number one two two one oh five one five five",
        [
            ("BANK_ACCOUNT", "six oh seven five oh oh seven two um five six ate"),
            ("ABA_ROUTING", "one two two one oh five one five five"),
        ],
    ),
    (
        "homophone-after-hesitation",
        "its uh to six one, six five, seven eight six seven for the social",
        [("US_SSN", "to six one, six five, seven eight six seven")],
    ),
    ("homophone-is-a-word", "it was one two three for you and nine to five for me", []),
    (
        "card-then-code-with-and",
        "the card is three six two two, seven two oh six two seven um sixteen sixty seven and "
        "seven one three is the security code",
        [
            (
                "PAYMENT_CARD",
                "three six two two, seven two oh six two seven um sixteen sixty seven",
            ),
            ("CARD_CVV", "seven one three"),
        ],
    ),
    (
        "maestro-19-spoken",
        "yeah its six three oh four oh triple oh oh oh oh oh oh oh oh oh, zero double oh",
        [
            (
                "PAYMENT_CARD",
                "six three oh four oh triple oh oh oh oh oh oh oh oh oh, zero double oh",
            )
        ],
    ),
    (
        "answer-ends-with-its-line",
        "what was the name of your first pet\noh, that was milo\ncan you confirm the address",
        [("SECURITY_ANSWER", "milo")],
    ),
    (
        "code-digit-by-digit-after-a-card",
        "The card is 6 2 0 0 ... 0 0 0 0 ... 0 0 0 0 ... 0 0 0 5, and 4-3-9 is the security code.",
        [
            ("PAYMENT_CARD", "6 2 0 0 ... 0 0 0 0 ... 0 0 0 0 ... 0 0 0 5"),
            ("CARD_CVV", "4-3-9"),
        ],
    ),
    (
        "otp-homophone-after-says",
        "i got a text with a verification code it says for five two um eight four four",
        [("ONE_TIME_CODE", "for five two um eight four four")],
    ),
    (
        "checking-account-not-a-card",
        "my checking account number is sixty seven sixty six uh six five one eight two for six"
        " two\nand the routing",
        [("BANK_ACCOUNT", "sixty seven sixty six uh six five one eight two for six two")],
    ),
    (
        "two-letter-name-spelled-lowercase",
        "hi tara this is jane le\nmy last name is le, l e\nthank you",
        [("PERSON", "jane le"), ("PERSON", "le, l e")],
    ),
    (
        "otp-they-texted",
        "the code they texted me was four eight two nine one seven",
        [("ONE_TIME_CODE", "four eight two nine one seven")],
    ),
    (
        "lowercase-middle-initial",
        "the name on the card is robert j jones",
        [("PERSON", "robert j jones")],
    ),
    ("lowercase-initial-a", "my name is john a smith", [("PERSON", "john a smith")]),
    ("lowercase-i-is-a-word", "my name is john i think", [("PERSON", "john")]),
    # what callers say and type before their number: "my number is", "best #"
    ("phone-my-number", "my number is 6175550199", [("PHONE", "6175550199")]),
    ("phone-best-hash", "best # is 6175550199", [("PHONE", "6175550199")]),
    (
        "phone-my-number-spoken",
        "customer: my number is three one two five five five oh one four four",
        [("PHONE", "three one two five five five oh one four four")],
    ),
    (
        "phone-reach-you-at",
        "Agent: what number can we reach you at\nCustomer: 3125550144",
        [("PHONE", "3125550144")],
    ),
    (
        "account-number-is-no-phone-cue",
        "my account number is 6175550199",
        [("BANK_ACCOUNT", "6175550199")],
    ),
    # e-mails: names surname first, other languages' sign-offs, a quoted reply's header
    ("field-surname-first", "Customer name: O'Brien, Siobhan", [("PERSON", "O'Brien, Siobhan")]),
    (
        "field-surname-first-initial",
        "Account holder name: SMITH, JOHN A",
        [("PERSON", "SMITH, JOHN A")],
    ),
    ("field-name-then-title", "Name: John Smith, Manager", [("PERSON", "John Smith")]),
    (
        "header-surname-first",
        "From: Kowalski, Agnieszka <agnieszka.kowalski@contoso-mail.com>",
        [("PERSON", "Kowalski, Agnieszka"), ("EMAIL", "agnieszka.kowalski@contoso-mail.com")],
    ),
    ("sign-off-french", "Cordialement,\nHélène Château", [("PERSON", "Hélène Château")]),
    ("reply-header", "On Mar 10, 2025, Rajesh Patel wrote:\n> hi", [("PERSON", "Rajesh Patel")]),
    (
        "reply-header-team",
        "On Tue, Mar 4, 2025 at 9:12 AM Support <help@acme.com> wrote:",
        [("EMAIL", "help@acme.com")],
    ),
    # HTML: an attribute's name is no value; an input's value is, by the input's type or name
    (
        "html-password-input",
        '<input type="password" name="password" value="Ubuntu2025!">',
        [("PASSWORD", "Ubuntu2025!")],
    ),
    (
        "html-name-input",
        '<input type="text" name="fullName" value="Rajesh Patel">',
        [("PERSON", "Rajesh Patel")],
    ),
    ("html-other-input", '<input type="hidden" name="csrf" value="abc123def">', []),
    (
        "json-answer-key-is-no-answer",
        '{"question":"first pet","security_answer":"Kojo"}',
        [("SECURITY_ANSWER", "Kojo")],
    ),
    (
        "routing-valid-far-cue",
        "the routing number is the nine digits on the bottom left, it's 021 000 021",
        [("ABA_ROUTING", "021 000 021")],
    ),
    (
        "routing-far-cue-named-otherwise",
        "the routing number is on the check, the order number is 021000021",
        [],
    ),
    # a question for a name that speech-to-text wrote without its "?"; a family member's name
    (
        "name-answer-after-question-without-mark",
        "Agent: can you give me your full name as it appears on the account\n"
        "Customer: yes it's tomasz wieczorek",
        [("PERSON", "tomasz wieczorek")],
    ),
    (
        "family-member-name",
        "can you also add my husband hiroshi tanaka as an authorized user",
        [("PERSON", "hiroshi tanaka")],
    ),
    ("family-member-no-name", "my wife called yesterday, my son is really sick today", []),
    (
        "answer-after-gosh",
        "Agent: what was the name of your first pet\nCustomer: oh gosh it was a hamster named"
        " biscuit",
        [("SECURITY_ANSWER", "biscuit")],
    ),
    # keys in snake case (JSON, logs, header rows) are read with their words apart
    ("json-date-of-birth", '{"date_of_birth":"12/05/1969"}', [("DATE_OF_BIRTH", "12/05/1969")]),
    ("json-ssn-last4", '{"ssn_last4":"7781"}', [("US_SSN_LAST4", "7781")]),
    ("json-passport-number", '{"passport_number":"A12345678"}', [("US_PASSPORT", "A12345678")]),
    ("json-security-answer", '{"security_answer":"Kojo"}', [("SECURITY_ANSWER", "Kojo")]),
    ("log-acct-no", "acct_no=000987654321", [("BANK_ACCOUNT", "000987654321")]),
    ("json-customer-name", '{"customer_name": "Rajesh Patel"}', [("PERSON", "Rajesh Patel")]),
    ("snake-email-kept", "mail mike_obrien@gmail.com, ok", [("EMAIL", "mike_obrien@gmail.com")]),
    ("log-user-id", "user_id=12345678 action=login", []),
    # a cue's own field had its value (a flag, null, empty): the next field's is no answer
    ("json-flag-then-next-field", '{"pin_verified":true,"hold_ms":4410}', []),
    ("json-null-then-next-field", '{"pin":null,"amount":"4410"}', []),
    ("json-empty-then-next-field", '{"cvv":"","sku":"123"}', []),
    ("logfmt-flag-then-next-field", "otp_required=false ref=550921", []),
    (
        "json-fields-each-their-value",
        '{"pin":"4410","zip":"94107"}',
        [("PIN", "4410"), ("US_ZIP", "94107")],
    ),
    ("cue-then-equals-value", "pin number=4410", [("PIN", "4410")]),
    # keys in camel case and Pascal case: spelled out with an offset map (written_forms)
    (
        "camel-json-record",
        '{"firstName":"Dana","lastName":"Whitfield","phoneNumber":"4155550132",'
        '"accountNumber":"12345678901","routingNumber":"021000021"}',
        [
            ("PERSON", "Dana"),
            ("PERSON", "Whitfield"),
            ("PHONE", "4155550132"),
            ("BANK_ACCOUNT", "12345678901"),
            ("ABA_ROUTING", "021000021"),
        ],
    ),
    ("camel-iso-dob", '{"dateOfBirth": "1984-03-12"}', [("DATE_OF_BIRTH", "1984-03-12")]),
    ("pascal-dob", "DateOfBirth=03/12/1984", [("DATE_OF_BIRTH", "03/12/1984")]),
    ("camel-ssn-last4", '{"ssnLast4":"7781"}', [("US_SSN_LAST4", "7781")]),
    ("camel-maiden-name", "mothersMaidenName: Kowalski", [("SECURITY_ANSWER", "Kowalski")]),
    (
        "xml-record",
        "<customer><firstName>Dana</firstName><lastName>Whitfield</lastName>"
        "<accountNumber>12345678901</accountNumber><routing_number>021000021</routing_number>"
        "<orderId>100234987</orderId></customer>",
        [
            ("PERSON", "Dana"),
            ("PERSON", "Whitfield"),
            ("BANK_ACCOUNT", "12345678901"),
            ("ABA_ROUTING", "021000021"),
        ],
    ),
    ("xml-pin", "<Customer><Pin>4921</Pin></Customer>", [("PIN", "4921")]),
    ("html-code-element-left", "<p>the error <code>1234</code> again</p>", []),
    # keys in kebab case, and keys joined into one lowercase word (columns folded by a database)
    (
        "kebab-keys",
        '{"birth-date":"1970-01-01","zip-code":"94107","security-answer":"Kowalski"}',
        [("DATE_OF_BIRTH", "1970-01-01"), ("US_ZIP", "94107"), ("SECURITY_ANSWER", "Kowalski")],
    ),
    (
        "joined-keys",
        '{"dateofbirth":"1970-01-01","accountnumber":"12345678901","driverslicense":"D1234567"}',
        [
            ("DATE_OF_BIRTH", "1970-01-01"),
            ("BANK_ACCOUNT", "12345678901"),
            ("US_DRIVER_LICENSE", "D1234567"),
        ],
    ),
    ("joined-keys-upper", "DATEOFBIRTH\n1970-01-01", [("DATE_OF_BIRTH", "1970-01-01")]),
    ("zip5-key", '{"zip5":"94107"}', [("US_ZIP", "94107")]),
    ("mfa-code-key", '{"mfa_code":"482913"}', [("ONE_TIME_CODE", "482913")]),
    ("mail-header-dash-kept", "Reply-To: x@example.com", [("EMAIL", "x@example.com")]),
    # a name field's value: not the next field's name, not the closing quote
    ("name-field-then-field-name", "INSERT INTO customers (id, first_name, ssn, dob) VALUES", []),
    ("name-field-single-quotes", "name='Percival Thorne'", [("PERSON", "Percival Thorne")]),
    # an expiry kept in two fields; a one-digit month is a whole finding, kept
    (
        "expiry-in-two-fields",
        '{"card":"4111111111111111","exp_month":"09","exp_year":"2027"}',
        [("PAYMENT_CARD", "4111111111111111"), ("CARD_EXPIRY", "09"), ("CARD_EXPIRY", "2027")],
    ),
    (
        "expiry-one-digit-month",
        "expMonth=9&expYear=27",
        [("CARD_EXPIRY", "9"), ("CARD_EXPIRY", "27")],
    ),
    # an address's "@" or "." in brackets
    ("email-bracketed-dot", "jane.doe@example[.]com", [("EMAIL", "jane.doe@example[.]com")]),
    ("email-bracketed-at", "jane.doe (@) example.com", [("EMAIL", "jane.doe (@) example.com")]),
    ("brackets-in-prose", "f(x) and [a] or {b} (e.g.) ok", []),
    ("camel-not-a-key", "my iPhone and my MacBook broke, McDonald said", []),
    ("camel-user-id", '{"userId": 12345678, "orderNumber": 100234987}', []),
    # percent-escapes and a query value's "+": the finding covers the escapes
    (
        "url-escaped-email",
        "GET /api/v1/lookup?email=john.smith%40example.com&x=1",
        [("EMAIL", "john.smith%40example.com")],
    ),
    (
        "url-escaped-card",
        "/pay?card=4111%201111%201111%201111&cvv=123",
        [("PAYMENT_CARD", "4111%201111%201111%201111"), ("CARD_CVV", "123")],
    ),
    ("url-escaped-name", "/crm/search?name=John%20Smith", [("PERSON", "John%20Smith")]),
    ("form-plus-phone", "POST /form phone=415+555+0132&ok=1", [("PHONE", "415+555+0132")]),
    ("url-percent-prose", "rates rose 20% over 2024", []),
    # an address in a URL starts after the path's "/" or the query's "="
    (
        "email-in-url-path",
        "see https://crm.example.com/u/jsmith@example.com/x",
        [("EMAIL", "jsmith@example.com")],
    ),
    # a query string's password ends where the next field starts
    (
        "query-password-ends-at-next-field",
        "user=dwhit&password=Hunter2!x&pinCode=4729",
        [("USERNAME", "dwhit"), ("PASSWORD", "Hunter2!x"), ("PIN", "4729")],
    ),
    ("form-password-with-ampersand", "password=Tr0ub4dor&3 ok", [("PASSWORD", "Tr0ub4dor&3")]),
    # numbered speakers' labels and time stamps are read as blanks by every detector
    (
        "stamp-answer-on-its-line",
        "[00:01:27] Agent: what's your mother's maiden name\n[00:01:30] Customer: it's rosenthal",
        [("SECURITY_ANSWER", "rosenthal")],
    ),
    (
        "speaker-n-name",
        "Speaker 0: and the name on the card\nSpeaker 1: gabriel fontaine",
        [("PERSON", "gabriel fontaine")],
    ),
    (
        "stamp-am-pin",
        "(10:17 AM) Agent: and your pin\n(10:17 AM) Customer: seven one seven one",
        [("PIN", "seven one seven one")],
    ),
    # forms and records
    ("dob-day-month-glued", "DOB: 02MAR1985", [("DATE_OF_BIRTH", "02MAR1985")]),
    # year first with one-digit parts or slashes (the year alone was taken)
    ("dob-year-first-short", "dob 1984-3-7", [("DATE_OF_BIRTH", "1984-3-7")]),
    ("dob-year-first-slashes", '{"dob":"1980/02/02"}', [("DATE_OF_BIRTH", "1980/02/02")]),
    ("dob-day-month-short-year", "d.o.b 7-Mar-84", [("DATE_OF_BIRTH", "7-Mar-84")]),
    # a birthday without its year, its month by name
    ("dob-no-year-day-first", "dob 7 march", [("DATE_OF_BIRTH", "7 march")]),
    (
        "passport-expiry-is-no-card-expiry",
        "US Passport No.: 561234789  (exp 2031-05-19)",
        [("US_PASSPORT", "561234789")],
    ),
    ("ssn-shape-in-a-part-number", "use 078-05-1121-KIT instead", []),
    ("ssn-before-a-file-extension", "ssn 078-05-1120.txt", [("US_SSN", "078-05-1120")]),
    (
        "address-half-number",
        "Verified addr 77 1/2 E 4th St, Apt 5, Tulsa OK 74103.",
        [("STREET_ADDRESS", "77 1/2 E 4th St, Apt 5, Tulsa OK"), ("US_ZIP", "74103")],
    ),
    (
        "intro-hi-its-no-apostrophe",
        "hi its Bongani, my new email is x@y.com",
        [("PERSON", "Bongani"), ("EMAIL", "x@y.com")],
    ),
    (
        "spouse-field-hyphenated",
        "Spouse: Mei-Ling Zhang-Chen (DOB 11/11/1972)",
        [("PERSON", "Mei-Ling Zhang-Chen"), ("DATE_OF_BIRTH", "11/11/1972")],
    ),
    ("name-on-card-apostrophe", "Name on card: D'Angelo Russo", [("PERSON", "D'Angelo Russo")]),
    ("requester-field", "Requester: Rajesh Patel", [("PERSON", "Rajesh Patel")]),
    # an agent's shorthand for a cue
    ("shorthand-tin", "tin 219-09-9999", [("US_SSN", "219-09-9999")]),
    ("shorthand-ssn4", "verified w/ dob+ssn4 1120", [("US_SSN_LAST4", "1120")]),
    ("shorthand-ss4", "ss4: 1120", [("US_SSN_LAST4", "1120")]),
    ("shorthand-cb", "cb 4155550123", [("PHONE", "4155550123")]),
    ("shorthand-pet-name", "pet's name rover", [("SECURITY_ANSWER", "rover")]),
    ("shorthand-mother-maiden", "mother maiden Kowalski", [("SECURITY_ANSWER", "Kowalski")]),
    (
        "shorthand-security-q-answer",
        "security q answer - blue honda",
        [("SECURITY_ANSWER", "blue honda")],
    ),
    ("security-q-is-the-question", '{"security_q":"favorite teacher"}', []),
    ("mother-maiden-name-not-given", "mother's maiden name not provided", []),
    ("birthday-month-day-digits", "bday 03/07", [("DATE_OF_BIRTH", "03/07")]),
    ("dob-short-year-first", "dob: '84-03-07", [("DATE_OF_BIRTH", "84-03-07")]),
    ("expiry-dot", "exp 11.27", [("CARD_EXPIRY", "11.27")]),
    ("expense-not-expiry", "exp 12.50 for lunch", []),
    ("ssn-first-five", "first 5 of ssn 07805", [("US_SSN", "07805")]),
    ("ssn-starts", "SSN starts 078 05", [("US_SSN", "078 05")]),
    ("ssn-named-after-her", "ticket 536-90-4172 is her social", [("US_SSN", "536-90-4172")]),
    (
        "card-doubled-dots",
        "card 4111..1111..1111..1111",
        [("PAYMENT_CARD", "4111..1111..1111..1111")],
    ),
    (
        "card-doubled-dashes",
        "card 4111--1111--1111--1111",
        [("PAYMENT_CARD", "4111--1111--1111--1111")],
    ),
    (
        "email-dot-word",
        "email: jane.doe @ example dot com",
        [("EMAIL", "jane.doe @ example dot com")],
    ),
    (
        "email-dot-word-after",
        "jane.doe@example.com dot the i's",
        [("EMAIL", "jane.doe@example.com")],
    ),
    # a reference hides a card only where it labels it ("order number 4111..."), not where the
    # sentence goes on past it ("paid for the order using 4111...")
    (
        "order-not-a-label",
        "paid for the order using 4111 1111 1111 1111",
        [("PAYMENT_CARD", "4111 1111 1111 1111")],
    ),
    (
        "order-far-before",
        "the order failed, customer used 5555555555554444",
        [("PAYMENT_CARD", "5555555555554444")],
    ),
    ("order-no-label", "order no. 4111111111111111", []),
    ("tracking-says", "Tracking says 9462 3585 0594 1531 3231 27", []),
    (
        "password-asked-without-mark",
        "Agent: what's your password\nCustomer: hunter2",
        [("PASSWORD", "hunter2")],
    ),
    ("password-reset-line", "Reset your password\nClick here to continue", []),
    # keys of records and exports
    ("json-cardholder", '{"cardholder":"Priya Ramanathan"}', [("PERSON", "Priya Ramanathan")]),
    (
        "json-account-holder",
        '{"account_holder":"Priya Ramanathan","orderId":"ORD-1"}',
        [("PERSON", "Priya Ramanathan")],
    ),
    ("json-customer-company", '{"customer":"Acme Corp","status":"open"}', []),
    (
        "json-birth-dt",
        '{"birth_dt":"1970-01-01","orderId":"ORD-1"}',
        [("DATE_OF_BIRTH", "1970-01-01")],
    ),
    ("json-sec-ans", '{"sec_ans":"Biscuit","orderId":"ORD-1"}', [("SECURITY_ANSWER", "Biscuit")]),
    ("json-kba-answer", '{"kba_answer":"Biscuit"}', [("SECURITY_ANSWER", "Biscuit")]),
    ("json-dln", '{"DLN":"B7724190","orderId":"ORD-1"}', [("US_DRIVER_LICENSE", "B7724190")]),
    (
        "json-hicn",
        '{"hicn":"XHP123456789","orderId":"ORD-1"}',
        [("HEALTH_INSURANCE_ID", "XHP123456789")],
    ),
    ("json-postal", '{"postal":"02139","orderId":"ORD-1"}', [("US_ZIP", "02139")]),
    ("json-2fa-code", '{"2fa_code":"550921","orderId":"ORD-1"}', [("ONE_TIME_CODE", "550921")]),
    ("json-clid", '{"clid":"3125550177"}', [("PHONE", "3125550177")]),
    # a generic key read with its parent's name: an object's, an element's
    (
        "json-parent-passport",
        '{"passport":{"number":"C03005988","country":"USA"}}',
        [("US_PASSPORT", "C03005988")],
    ),
    (
        "json-parent-name-parts",
        '{"name":{"given":"Priya","family":"Ramanathan"}}',
        [("PERSON", "Priya"), ("PERSON", "Ramanathan")],
    ),
    (
        "json-parent-dob-value",
        '{"dateOfBirth":{"value":"1980-02-02"}}',
        [("DATE_OF_BIRTH", "1980-02-02")],
    ),
    ("json-parent-no-cue", '{"shipment":{"number":"100234987","first":"Monday"}}', []),
    (
        "xml-attribute-licence",
        '<DriverLicense state="TX" number="12345678"/>',
        [("US_DRIVER_LICENSE", "12345678")],
    ),
    ("xml-attribute-no-cue", '<Shipment number="100234987"/>', []),
    # who an agent's note is about: a name alone after the label, in capitals or by the lists
    ("note-cust-caps", "cust: JOHN SMITH", [("PERSON", "JOHN SMITH")]),
    ("note-cx-lower", "cx: maria garcia", [("PERSON", "maria garcia")]),
    ("note-caller-caps", "caller: MARIA GARCIA", [("PERSON", "MARIA GARCIA")]),
    ("note-holder-inverted", "acct holder: Garcia, Maria", [("PERSON", "Garcia, Maria")]),
    ("note-caller-initial", "Caller: Rajesh K. Patel", [("PERSON", "Rajesh K. Patel")]),
    ("note-spoke-to", "agent note: spoke to maria garcia", [("PERSON", "maria garcia")]),
    # a surname that is a word too, after a first name the label's value starts with (or ends
    # with, inverted), in one case or capitalised; a debtor's and a joint owner's labels
    (
        "note-borrower-inverted-word-surname",
        "Borrower: White, Robert",
        [("PERSON", "White, Robert")],
    ),
    (
        "note-borrower-caps-word-surname",
        "LOAN# 1941   BORROWER: ROBERT WHITE   PROP: SWANSON",
        [("PERSON", "ROBERT WHITE")],
    ),
    ("note-debtor", "Debtor: Monica Zamengo", [("PERSON", "Monica Zamengo")]),
    ("note-joint-owner", "Joint owner: NINA ROSE", [("PERSON", "NINA ROSE")]),
    ("note-first-name-a-word-not-a-name", "CALLER: MARK DOWN\ncust: Bill Green", []),
    # another document's expiry: named before the cue in its sentence, or after it; a card's
    # word nearer keeps it, and so does a sentence's end between
    (
        "expiry-of-a-passport-before",
        "Doc 1: Passport no. 71BS82473, issued Mar 10, expires 06/2031",
        [("US_PASSPORT", "71BS82473")],
    ),
    (
        "expiry-of-a-passport-number-with-a-capital",
        "Doc 1: Passport no. A94593171, issued September 10, 2024, expires 02/2032",
        [("US_PASSPORT", "A94593171")],
    ),
    ("expiry-of-a-permit-after", "the expiry date of your permit is 06/2031", []),
    ("expiry-of-a-promo-code", "That code expired 6/24. You can use FALL2024", []),
    (
        "expiry-card-word-nearer",
        "Passport on file; card 4111 1111 1111 1111 exp 12/26",
        [("PAYMENT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "12/26")],
    ),
    (
        "expiry-after-another-sentence",
        "Send the passport copy. Expiration? 03/30.",
        [("CARD_EXPIRY", "03/30")],
    ),
    (
        "expiry-card-code-attribute",
        '<PaymentCard CardCode="MC" ExpireDate="0426">',
        [("CARD_EXPIRY", "0426")],
    ),
    ("note-turn-not-a-name", "Customer: will do\nAgent: Sounds Good\nCustomer: Thank You", []),
    ("note-caps-not-a-name", "member: GOLD TIER\ncustomer: CALL BACK\ncx: very upset", []),
    ("answer-arrow", "Q1: Mother's maiden name -> Fitzgerald", [("SECURITY_ANSWER", "Fitzgerald")]),
    ("routing-rout-no", "rout. no 021-000-021", [("ABA_ROUTING", "021-000-021")]),
    (
        "unit-letter-spoken",
        "Agent: billing address\nCustomer: one two three main street apartment four b springfield",
        [("STREET_ADDRESS", "one two three main street apartment four b")],
    ),
    (
        "unit-then-a-word",
        "12 Main St Apt 4 a lot of people",
        [("STREET_ADDRESS", "12 Main St Apt 4")],
    ),
    # "number" and a word with a letter, or a letter alone, is a unit too; then the city and
    # the ZIP follow the address
    (
        "unit-number-word-letter",
        "Agent: And what is the address on the account?\nCustomer: 93 Robert Lane, number one B,"
        " Lake Oliviabury, eight nine three four six.",
        [
            ("STREET_ADDRESS", "93 Robert Lane, number one B, Lake Oliviabury"),
            ("US_ZIP", "eight nine three four six"),
        ],
    ),
    (
        "unit-number-letter",
        "Agent: service address?\nCustomer: forty five Alvarado Point, number F, Port Derekstad,"
        " one eight one zero nine.",
        [
            ("STREET_ADDRESS", "forty five Alvarado Point, number F, Port Derekstad"),
            ("US_ZIP", "one eight one zero nine"),
        ],
    ),
    (
        "unit-number-one-alone",
        "We live at 93 Robert Lane number one fan",
        [
            ("STREET_ADDRESS", "93 Robert Lane"),
        ],
    ),
    # a letter spelled with its own word of the radio alphabet ("b bravo", no "as in")
    (
        "spelled-letter-and-its-word",
        "Agent: Hi, and can I get your last name?\nCustomer: Bush. b bravo u uniform sierra h"
        " hotel.",
        [("PERSON", "Bush. b bravo u uniform sierra h hotel")],
    ),
    # Hinglish, Spanish and Taglish cues, the particle after a name no part of it
    (
        "hinglish-mera-naam",
        "[Agent] Namaste, mera naam Nicholas hai. Aapka naam bata sakte hain please?\n\n"
        "[Customer] Haan ji, mera naam Hamsini Muni hai.",
        [("PERSON", "Nicholas"), ("PERSON", "Hamsini Muni")],
    ),
    (
        "spanish-primer-nombre",
        "Speaker 3: Hola, llamo por mi cuenta, Esquibel, primer nombre Rolando.",
        [("PERSON", "Esquibel"), ("PERSON", "Rolando")],
    ),
    (
        "taglish-apelyido",
        "Ahente: Hello po. Apelyido po?\nKustomer: Butler po.",
        [("PERSON", "Butler")],
    ),
    (
        "taglish-first-name-po",
        "Kustomer: Hi po, about sa account ko, Johnson, first name po Will.",
        [("PERSON", "Johnson"), ("PERSON", "Will")],
    ),
    # a name field's value with a last initial
    ("field-last-initial", '{"type":"agent","name":"Paul D."}', [("PERSON", "Paul D.")]),
    # a verbal password offered, the answer on the next turn; a code sent to the phone; the
    # answer to a security question after a speaker's full name, or after "the model?"
    (
        "password-verbal-offered",
        "Agent: Would you like to set up a verbal password so we can verify you faster next"
        " time?\nCustomer: Sure, make it capital C cactus fifty and sign.\nAgent: Done.",
        [("PASSWORD", "capital C cactus fifty and sign")],
    ),
    (
        "password-verbal-declined",
        "Agent: Would you like to set up a verbal password so we can verify you faster next"
        " time?\nCustomer: No thanks, not today.\nAgent: Okay.",
        [],
    ),
    # the same in a list of utterances (a data frame's column printed)
    (
        "password-offered-in-a-list",
        '["Would you like to set up a verbal password so we can verify you faster next time?",'
        '"Sure, make it Tiger$River14.","Done."]',
        [("PASSWORD", "Tiger$River14.")],
    ),
    (
        "password-declined-in-a-list",
        '["Would you like to set up a verbal password so we can verify you faster next time?",'
        '"No thanks.","Okay."]',
        [],
    ),
    (
        "password-question-then-a-json-key",
        '{"utterance": "Can you confirm your passcode for the account?", "isFinal": true}',
        [],
    ),
    (
        "otp-sent-to-your-phone",
        "Agent: I just sent a six-digit code to your phone. Can you read it to me?\n"
        "Customer: Okay, so five four one seven six one",
        [("ONE_TIME_CODE", "five four one seven six one")],
    ),
    (
        "answer-after-full-name-label",
        "James Thomas: What was the name of your first pet?\nAlicia Richardson: Yes, Duke.\n",
        [("PERSON", "James Thomas"), ("PERSON", "Alicia Richardson"), ("SECURITY_ANSWER", "Duke")],
    ),
    (
        "answer-the-model",
        "Agent: What was the make of your first car, the model?\nCustomer: Okay, Malibu.",
        [("SECURITY_ANSWER", "Malibu")],
    ),
    # names in an ISO 20022 party, a Firestore field, Spanish and Portuguese forms' labels,
    # a police report's officer after a title
    ("iso20022-debtor", "<Dbtr><Nm>Pepe Figueras</Nm></Dbtr>", [("PERSON", "Pepe Figueras")]),
    ("iso20022-not-a-bank", "<FinInstnId><Nm>Banco Sabadell</Nm></FinInstnId>", []),
    (
        "firestore-string-value",
        '"fields": {\n  "fullName": {\n    "stringValue": "Levi da Rocha"\n  },',
        [("PERSON", "Levi da Rocha")],
    ),
    ("pt-atendente", "Atendente: Igor Alves   Data: 04/09/2025", [("PERSON", "Igor Alves")]),
    ("es-nombre-y-apellidos", "Nombre y apellidos: Marco Sáenz\n", [("PERSON", "Marco Sáenz")]),
    (
        "report-officer-title",
        "Reporting officer: Ofc. LISA BAKER  Badge 8416",
        [("PERSON", "Ofc. LISA BAKER")],
    ),
    # "last" alone after a first name; a surname and a comma before the first name as the
    # answer; a last initial at a line's end
    (
        "first-then-last-alone",
        "Caller: First name Marc, last Hughes.",
        [
            ("PERSON", "Marc, last Hughes"),
        ],
    ),
    (
        "first-name-s-then-last",
        "Customer: Uh, first name's Joshua, last Church.",
        [
            ("PERSON", "Joshua, last Church"),
        ],
    ),
    (
        "first-then-last-time",
        "Caller: first name Marc, last time it failed",
        [
            ("PERSON", "Marc"),
        ],
    ),
    (
        "answer-surname-comma-first",
        "Agent: Can you give me your full name?\nCALLER: Rivera, Tamara.\nAgent: Thanks.",
        [("PERSON", "Rivera, Tamara")],
    ),
    (
        "answer-not-a-name-with-comma",
        "Agent: Can you give me your full name?\nCustomer: Yes, please.\nAgent: Thanks.",
        [],
    ),
    # a dump's keys in camel case: in brackets, or before their value
    (
        "camel-key-bracketed",
        "  [CallbackPhone] = (212) 555-0165\n  [DriverLicense] = B539957550380\n",
        [("PHONE", "(212) 555-0165"), ("US_DRIVER_LICENSE", "B539957550380")],
    ),
    (
        "camel-key-aligned",
        "  DriverLicense 718415077\n  BankAccount   1506477400\n",
        [("US_DRIVER_LICENSE", "718415077"), ("BANK_ACCOUNT", "1506477400")],
    ),
    (
        "police-oln",
        "  OLN: Z3174 15393 66156  State: MH",
        [
            ("US_DRIVER_LICENSE", "Z3174 15393 66156"),
        ],
    ),
    # the unit asked for on its own, after the street
    (
        "unit-asked-letter",
        "Agent: Any apartment or unit number?\nCustomer: Yeah, unit E.",
        [
            ("STREET_ADDRESS", "unit E"),
        ],
    ),
    (
        "unit-asked-spoken",
        "Agent: Any apartment or unit number?\nCustomer: apartment five D",
        [
            ("STREET_ADDRESS", "apartment five D"),
        ],
    ),
    (
        "unit-asked-bare",
        "Agent: apartment or unit?\nCustomer: twenty one B",
        [
            ("STREET_ADDRESS", "twenty one B"),
        ],
    ),
    (
        "unit-asked-none",
        "Agent: Any apartment or unit number?\nCustomer: It's just the one house.",
        [],
    ),
    ("unit-asked-no", "Agent: Any apartment or unit number?\nCustomer: Nope, no unit.", []),
    (
        "pin-no-just",
        "Agent: the four digit pin on the account\nCustomer: uh double two triple three no just"
        " two two three three",
        [("PIN", "double two triple three"), ("PIN", "no just"), ("PIN", "two two three three")],
    ),
    (
        "answer-not-the-question-after-is",
        "Agent: your security question is the make of your first car\nCustomer: a honda civic",
        [("SECURITY_ANSWER", "a honda civic")],
    ),
    # a filler of several words inside a number; spoken addresses with a country's domain,
    # a ".me", an apostrophe
    (
        "card-you-know",
        "card is four one one one one one one one you know one one one one one one one one",
        [
            (
                "PAYMENT_CARD",
                "four one one one one one one one you know one one one one one one one one",
            )
        ],
    ),
    ("you-know-between-words", "i have two you know kids", []),
    (
        "email-spoken-dot-me",
        "my email's tjones at gmail dot me",
        [("EMAIL", "tjones at gmail dot me")],
    ),
    (
        "email-spoken-country-domain",
        "email is li dot wei at tsinghua dot edu dot cn",
        [("EMAIL", "li dot wei at tsinghua dot edu dot cn")],
    ),
    (
        "email-spoken-apostrophe",
        "my email is mike underscore o'brien at gmail dot com",
        [("EMAIL", "mike underscore o'brien at gmail dot com")],
    ),
    ("at-home-dot-in-is-no-address", "i will be at home dot in the evening", []),
    # agents' notes, e-mail headers, cards that pay for nothing
    ("message-id-is-no-address", "Message-ID: <CAF=abc123@mail.gmail.com>", []),
    ("cvv-digit-by-digit", "cvv 3 digits: 7 2 9", [("CARD_CVV", "7 2 9")]),
    (
        "expiry-year-first",
        "exp date 2027-08, security code 045",
        [("CARD_EXPIRY", "2027-08"), ("CARD_CVV", "045")],
    ),
    ("phone-mob", "Mob 0412 345 678", [("PHONE", "0412 345 678")]),
    ("part-number-is-no-phone", "Part no. 212-555-0187", []),
    ("answer-equals", "first car = honda civic", [("SECURITY_ANSWER", "honda civic")]),
    ("gift-card-is-no-card-cue", "Gift card # 6006 4912 3456 7890 balance $25", []),
    (
        "credit-card-after-a-gift-card",
        "my gift card and my credit card 4111 1111 1111 1112",
        [("PAYMENT_CARD", "4111 1111 1111 1112")],
    ),
    (
        "caller-field",
        "Caller: Rajesh Patel\nDOB: 04/15/1979",
        [("PERSON", "Rajesh Patel"), ("DATE_OF_BIRTH", "04/15/1979")],
    ),
    ("caller-turn-is-no-field", "Caller: yes okay\nAgent: Hello There", []),
    # a ticket's "Customer:" line (a transcript's "Customer: Thank You" is a turn) and a
    # record's holder, quoted, in JSON, in capitals, as an XML attribute
    (
        "customer-line-inverted",
        "Ticket ID: INC7096537\nCustomer: Achterberg, Saoirse\nDOB: 09/20/2004",
        [("PERSON", "Achterberg, Saoirse"), ("DATE_OF_BIRTH", "09/20/2004")],
    ),
    (
        "customer-line-markdown",
        "### Escalation\n- **Customer:** Inés Kahananui\n- **Priority:** P2",
        [("PERSON", "Inés Kahananui")],
    ),
    ("customer-turn-is-no-field", "Customer: Thank You\nAgent: Hello There", []),
    (
        "holder-json-long-line",
        '{"AccountHolder": "Tariq O\'Neill", "RoutingNumber": "121000358", '
        '"AccountType": "checking", "RequestId": "b6f13536-a2de-4e52-8933-dccd6ac33ad4"}',
        [("PERSON", "Tariq O'Neill"), ("ABA_ROUTING", "121000358")],
    ),
    ("holder-json-capitals", '{"CardHolder": "MATEO KARLSSON"}', [("PERSON", "MATEO KARLSSON")]),
    ("caller-capitals-unlisted", "Caller: MATEO KARLSSON", []),
    (
        "holder-xml-attribute",
        '<PaymentCard cvv="1327" holder="Kwame Moreau" amount="149.00"/>',
        [("CARD_CVV", "1327"), ("PERSON", "Kwame Moreau")],
    ),
    ("holder-flag-is-no-name", "the policy holder=true flag", []),
    (
        "requester-before-address",
        "#829896 Requester: Ngozi Szabo <szabo.ngozi@example.org>",
        [("PERSON", "Ngozi Szabo"), ("EMAIL", "szabo.ngozi@example.org")],
    ),
    (
        "authorized-user-field",
        "Authorized user added: Fatima Al-Sayed",
        [("PERSON", "Fatima Al-Sayed")],
    ),
    ("sign-off-dash-name", "Thanks!\n-Brandon\nSent from my Galaxy", [("PERSON", "Brandon")]),
    (
        "dob-and-his",
        "Her dob is 12/05/1985 and his is 03/22/1983",
        [("DATE_OF_BIRTH", "12/05/1985"), ("DATE_OF_BIRTH", "03/22/1983")],
    ),
    ("pin-changed-from-to", "reset pin from 1111 to 2468", [("PIN", "1111"), ("PIN", "2468")]),
    # Spanish digits in a spoken number, mixed with English ones or alone
    (
        "spanish-digits-phone",
        "agent: phone number\ncustomer: cinco one two cinco five five cero one two uno",
        [("PHONE", "cinco one two cinco five five cero one two uno")],
    ),
    (
        "spanish-digits-card",
        "agent: what's the card number\ncustomer: cuatro uno uno uno uno uno uno uno uno uno "
        "uno uno uno uno uno uno",
        [("PAYMENT_CARD", "cuatro uno uno uno uno uno uno uno uno uno uno uno uno uno uno uno")],
    ),
    ("spanish-words-no-number", "tengo dos hijos y tres perros", []),
    # an answer on the line after a question or a request: the window starts there
    (
        "phone-in-case-is-no-case-number",
        "Agent: What's a phone number in case the bank has questions?\nVisitor: +52 55 9250 7001",
        [("PHONE", "+52 55 9250 7001")],
    ),
    (
        "otp-after-a-long-question",
        "I've sent a verification code to your phone — can you read it to me?\ngot it 622382",
        [("ONE_TIME_CODE", "622382")],
    ),
    (
        "passport-and-dob-listed",
        "Please send the passport number, nationality, and your date of birth as printed.\n"
        "L16341697 US, 22 February 1948",
        [("US_PASSPORT", "L16341697"), ("DATE_OF_BIRTH", "22 February 1948")],
    ),
    (
        "request-then-other-number",
        "Your account number is on file.\nThe order 12345678 shipped",
        [],
    ),
    (
        "answers-in-the-questions-order",
        "can I get your full name, date of birth and the ZIP code on the account?\n"
        "Stephanie Johnson, 07271964, 33656",
        [("PERSON", "Stephanie Johnson"), ("DATE_OF_BIRTH", "07271964"), ("US_ZIP", "33656")],
    ),
    (
        "answer-out-of-the-questions-order",
        "what's the zip code and your order number?\n12345, 87654321",
        [("US_ZIP", "12345")],
    ),
    (
        "pin-after-two-sentences",
        "Agent: You can set a new PIN in the app. Please don't share it here.\n"
        "Guest: can you just set it to 8447",
        [("PIN", "8447")],
    ),
    # a card's last four, said to identify it, or shown behind a mask (PCI DSS allows that
    # display, but the last four verify a caller: contextual.py's "card_last4_masked")
    (
        "card-last4-ending",
        "Cust states card ending 3222 was charged twice",
        [("CARD_LAST4", "3222")],
    ),
    ("card-last4-json", '{"cardLast4": "9424", "x": 1}', [("CARD_LAST4", "9424")]),
    ("card-last4-note", "L4 card 5904 vrfd", [("CARD_LAST4", "5904")]),
    ("card-last4-masked", "paid with **** **** **** 8210 today", [("CARD_LAST4", "8210")]),
    ("card-last4-masked-x", "Card: XXXX-XXXX-XXXX-5100  (Mastercard)", [("CARD_LAST4", "5100")]),
    ("card-last4-masked-run", "VISA XXXXXXXXXXXX4242\nAUTH 748561", [("CARD_LAST4", "4242")]),
    ("card-last4-cc-x", "ID'd via email, cc x5904, cx read", [("CARD_LAST4", "5904")]),
    ("card-last4-brand-x", "dob on file; amex x0005; src ip", [("CARD_LAST4", "0005")]),
    ("masked-card-run-no-value", "card **** **** **** ok", []),
    # (behind an ellipsis, as a wallet or a CRM shows a card; not a pause before a number)
    ("card-last4-ellipsis", "Card: ...4242 declined", [("CARD_LAST4", "4242")]),
    ("card-last4-ellipsis-char", "Card / acct: \u20260008", [("CARD_LAST4", "0008")]),
    ("card-pause-then-amount", "the card... 4242 dollars", []),
    ("acct-ellipsis-no-card", "Acct: ...4242", []),
    # a value taken back and said again ("that's the garage"): both redacted, the caller
    # asking themselves which one is meant first
    (
        "pin-taken-back-and-corrected",
        "Agent: Can you give me the account PIN?\nCustomer: Is it the one for the app or..."
        " okay. nine five zero two. Oh, no wait, that's the garage. It's one six nine six.",
        [("PIN", "nine five zero two"), ("PIN", "one six nine six")],
    ),
    (
        "pin-then-no-value-after-actually",
        "Agent: Can you give me the account PIN?\nCustomer: 4417. Actually it's fine, thanks.",
        [("PIN", "4417")],
    ),
    # the surname before "first name", and a surname checked "like it sounds"
    (
        "surname-before-first-name",
        "Customer: Um, hi. I'm calling about my account, uh, Clarke, first name Steven.",
        [("PERSON", "Clarke"), ("PERSON", "Steven")],
    ),
    (
        "surname-like-it-sounds",
        "Agent: And your last name?\nCustomer: Flores. Like it sounds.",
        [("PERSON", "Flores")],
    ),
    ("yeah-like-it-sounds-no-name", "Customer: yeah. like it sounds.", []),
    # a phone number's last four read back to check it (not a card's or an account's)
    (
        "phone-last4-read-back",
        "Agent: Hmm, I have a number ending in zero one nine six, does that look right?",
        [("PHONE", "zero one nine six")],
    ),
    ("phone-ends-in", "my phone ends in 0196", [("PHONE", "0196")]),
    ("order-number-ending-no-phone", "order number ending in 4242", []),
    (
        "extension-x-is-no-card",
        "tried 800.555.0100 x5834 transfer",
        [],  # (a toll-free line and its extension: a business's, and no card either way)
    ),
    ("card-last4-bare-note", "* last4 1117\n* cb # pending", [("CARD_LAST4", "1117")]),
    ("card-last4-form", "State: FL\nCard (last 4): 9424\n", [("CARD_LAST4", "9424")]),
    ("card-last4-diners", "my diners ending 5904.", [("CARD_LAST4", "5904")]),
    ("card-last4-filler", "it's the debit card uh ending in 0505", [("CARD_LAST4", "0505")]),
    ("card-last4-the-one", "CUSTOMER: the one that ends 8210.", [("CARD_LAST4", "8210")]),
    (
        "last-four-of-social-not-card",
        "the last four of my social is 1234",
        [("US_SSN_LAST4", "1234")],
    ),
    (
        "card-last4-field-table",
        "| Field | Value | Verified |\n|---|---|---|\n| Card | ending 1117 | no |\n"
        "| Order | W572599555 | yes |",
        [("CARD_LAST4", "1117")],
    ),
    (
        "card-last4-spanish-answer",
        "Soporte: ¿Me indica los últimos 4 dígitos de la tarjeta?\nTú: termina en 0505",
        [("CARD_LAST4", "0505")],
    ),
    ("card-last4-on-file", "Card on File\n1117", [("CARD_LAST4", "1117")]),
    (
        "record-labels-above-values",
        "Primary Phone\n+1 724 259 4324\nDue Date\n05/26/2024\nBalance Due\n2215.43 USD\n"
        "Device\nA2484",
        [("PHONE", "+1 724 259 4324")],
    ),
    ("ticket-ending-is-no-card", "ticket ending 1234", []),
    ("card-last4-spanish", "mi tarjeta termina en 4242", [("CARD_LAST4", "4242")]),
    (
        "pax-name",
        "Res notes PMT61105932:\npax ARMENDÁRIZ/CRISTIAN called to add APIS.",
        [("PERSON", "ARMENDÁRIZ/CRISTIAN")],
    ),
    ("slash-acronyms-no-name", "the AND/OR logic; TCP/IP", []),
    ("pax-title-is-no-cue", "pax LUGO/CLARA MRS seat 14C", [("PERSON", "LUGO/CLARA MRS")]),
    ("tracking-in-fours-no-phone", "Track: 9400 1253 0450 6225 1650 92. Est. delivery", []),
    ("order-in-dashed-groups-no-phone", "Cx called re 519-2189596-2032243 (5 pcs", []),
    ("report-number-no-account", "ACCOUNT TAKEOVER REPORT #455962 filed", []),
    (
        "phone-spanish-cue-mexican-mobile",
        "mi correo es colivera@hotmail.com y mi cel +52 1 55 5633 6832",
        [("EMAIL", "colivera@hotmail.com"), ("PHONE", "+52 1 55 5633 6832")],
    ),
    ("phone-international-uncued", "ref +52 1 55 5633 6832", []),
    (
        "two-phones-in-one-breath",
        "call me 052 5552606 074-7111234",
        [("PHONE", "052 5552606"), ("PHONE", "074-7111234")],
    ),
    # a company's own address, which it publishes, is no one's personal data
    (
        "business-address-attn",
        "Keystone Card Services\nAttn: Billing Disputes\n5826 Innovation Pkwy, Suite 124\n"
        "Lake Matthewstad, NM 54525",
        [],
    ),
    ("business-address-remit", "Mail remittance to PO Box 78044\nSouth Michelle, IL 39846.", []),
    ("business-address-visit", "or visit us at 983 Corporate Dr, North Jamie, WI 73392.", []),
    # a verification question for several things, answered in order: a date by its shape
    (
        "dob-answer-after-another-cue",
        "your date of birth and the phone number on the account?\nMay 13, 1959 and (734) 722-3331",
        [("DATE_OF_BIRTH", "May 13, 1959"), ("PHONE", "(734) 722-3331")],
    ),
    (
        "dob-eight-digits-after-zip-cue",
        "your full name, date of birth and the ZIP code on the account?\nArthur Lee, "
        "07071966, 24321",
        [("PERSON", "Arthur Lee"), ("DATE_OF_BIRTH", "07071966"), ("US_ZIP", "24321")],
    ),
    ("dob-cue-then-order-date", "date of birth? order 2024-05-01 shipped", []),
    ("dob-cue-then-order-number", "dob on file? my order number is 12345678", []),
    ("clock-is-no-house-number", "Cascade Credit Union · 4:47 PM\nCascade Credit Union", []),
    # who someone is, before a capitalised name that no census list need hold
    (
        "role-agent-name",
        "Chase disputed the charge; agent Esperanza Makoa noted it.",
        [("PERSON", "Esperanza Makoa")],
    ),
    ("role-belongs-to", "The card belongs to Nguyen Thi Bao.", [("PERSON", "Nguyen Thi Bao")]),
    ("role-no-name", "please hold for a supervisor Thank You", []),
    (
        "role-note-subject",
        "Description:\nCust Courtney Lowe called; Customer Karen Miller too",
        [("PERSON", "Courtney Lowe"), ("PERSON", "Karen Miller")],
    ),
    (
        "role-pair-after-another-pair",
        "- Caller: Shannon Davis (w/ son Amanda Davis) asked",
        [("PERSON", "Shannon Davis"), ("PERSON", "Amanda Davis")],
    ),
    ("role-customer-team", "our customer Service Team; Customer Support Center", []),
    (
        "html-label-cell",
        "<table><tr><td>Name on card</td><td>ERIC CAMPBELL</td></tr></table>",
        [("PERSON", "ERIC CAMPBELL")],
    ),
    ("html-order-cell", "<tr><td>Order</td><td>12345678</td></tr>", []),
    ("role-team-no-name", "our agent Support Team will call", []),
    (
        "her-daughter-name",
        "Kwame Brandt's card was declined, her daughter Lars called.",
        [("PERSON", "Kwame Brandt"), ("PERSON", "Lars")],
    ),
    ("his-wife-no-name", "his wife is not home", []),
    (
        "german-sign-off-inline",
        "Danke. Mit freundlichen Grüßen Henrik Oyelaran",
        [("PERSON", "Henrik Oyelaran")],
    ),
    (
        "query-name-ends-at-blank",
        "GET /v1/tokenize?pan=x&name=Lars+O'Neill HTTP/1.1",
        [("PERSON", "Lars+O'Neill")],
    ),
    ("query-no-name", "GET /x?name=support&x=1", []),
    (
        "ship-to-name-next-line",
        "Ship to:\nAmara Fonseca\n4831 Cedar Ridge Pkwy Apt 4A\nGreenville, SC 21000",
        [
            ("PERSON", "Amara Fonseca"),
            ("STREET_ADDRESS", "4831 Cedar Ridge Pkwy Apt 4A\nGreenville, SC"),
            ("US_ZIP", "21000"),
        ],
    ),
    ("ship-to-no-name", "Ship to:\nSame As Billing\n", []),
    (
        "zip-right-after-street",
        "no, license still says 3365 Rachel Valley 21073",
        [("STREET_ADDRESS", "3365 Rachel Valley"), ("US_ZIP", "21073")],
    ),
    (
        "ship-to-hyphen-unit-zip",
        "Cx says ship-to should be 59432 Porter Lights Apt. 168 02906, updated.",
        [("STREET_ADDRESS", "59432 Porter Lights Apt. 168"), ("US_ZIP", "02906")],
    ),
    (
        "address-fields-apart-by-bars",
        'profile.update field=address new="457 Jessica Circle|Veronicashire|UT|84289"',
        [("STREET_ADDRESS", "457 Jessica Circle|Veronicashire|UT"), ("US_ZIP", "84289")],
    ),
    (
        "addy-city-zip",
        "new addy 2316 lakeshore dr clinton 73041 plz update",
        [("STREET_ADDRESS", "2316 lakeshore dr clinton"), ("US_ZIP", "73041")],
    ),
    (
        "canadian-postcode",
        "I moved to 435 Rue Sherbrooke Ouest, Montréal QC T2P 1J9",
        [("STREET_ADDRESS", "435 Rue Sherbrooke Ouest, Montréal QC T2P 1J9")],
    ),
    (
        "british-postcode",
        "Flat 5, 62 Acacia Road, London NW1 6XE, United Kingdom",
        [("STREET_ADDRESS", "Flat 5, 62 Acacia Road, London NW1 6XE")],  # (the flat's too)
    ),
    # a chat's first line that runs on after the name, without a comma
    (
        "hi-its-name-runs-on",
        "hi its aigerim tran card 3530111333300000",
        [("PERSON", "aigerim tran"), ("PAYMENT_CARD", "3530111333300000")],
    ),
    ("hi-its-no-name-runs-on", "hi its really bad service today need help", []),
    # names: a self-introduction of two unlisted words that closes the line, "hi it's ...",
    # "my wife's name ..."; a name that is a common word is not the word elsewhere
    (
        "intro-two-unlisted-words",
        "Customer: yeah this is kwame mensah",
        [("PERSON", "kwame mensah")],
    ),
    (
        "intro-after-the-question",
        "Agent: who am i speaking with\nCustomer: this is rajesh krishnamurthy",
        [("PERSON", "rajesh krishnamurthy")],
    ),
    ("intro-hi-its", "Customer: hi it's sofia hernandez", [("PERSON", "sofia hernandez")]),
    ("intro-not-an-adjective", "Customer: this is really frustrating", []),
    (
        "wifes-name",
        "the account's under my wife's name sofia hernandez",
        [("PERSON", "sofia hernandez")],
    ),
    (
        "name-will-not-the-verb",
        "yes my name is will and i will call back tomorrow",
        [("PERSON", "will")],
    ),
    (
        "name-mark-not-the-pronoun",
        "my name is mark i want to mark this as resolved",
        [("PERSON", "mark")],
    ),
    # one-time codes as text messages write them and callers read them out
    (
        "otp-sms-your-code",
        "Your code is 338812. It expires in 10 minutes.",
        [("ONE_TIME_CODE", "338812")],
    ),
    ("otp-sms-brand", "Your Acme code is 338812. Don't share it.", [("ONE_TIME_CODE", "338812")]),
    ("otp-sms-security-code", "Your security code is 338812", [("ONE_TIME_CODE", "338812")]),
    (
        "otp-sms-google",
        "G-482913 is your Google verification code.",
        [("ONE_TIME_CODE", "G-482913")],
    ),
    (
        "otp-sms-value-first",
        "123456 is your Amazon OTP. Do not share it.",
        [("ONE_TIME_CODE", "123456")],
    ),
    ("otp-digit-by-digit", "code is 8 3 1 2 0 4", [("ONE_TIME_CODE", "8 3 1 2 0 4")]),
    ("otp-pairs", "my otp is 77-12-04", [("ONE_TIME_CODE", "77-12-04")]),
    (
        "otp-verification-code-is-no-cvv",
        "Your verification code is: 4829",
        [("ONE_TIME_CODE", "4829")],
    ),
    (
        "otp-sent-to-your-phone",
        "Agent: i just sent a code to your phone\nCustomer: okay it's four eight two nine one six",
        [("ONE_TIME_CODE", "four eight two nine one six")],
    ),
    (
        "otp-the-text-says",
        "Customer: i got the text it says five six double oh seven one",
        [("ONE_TIME_CODE", "five six double oh seven one")],
    ),
    ("zip-code-is-no-otp", "my zip code is 90210", [("US_ZIP", "90210")]),
    ("promo-code-is-no-otp", "the promo code is 123456", []),
    ("balance-is-no-otp", "it says my balance is 2500", []),
    ("cvv-security-code-three", "the security code is 123", [("CARD_CVV", "123")]),
    ("cvv-card-verification-code", "card verification code 123", [("CARD_CVV", "123")]),
    # a number corrected right after it is said: the right one is redacted too
    (
        "pin-corrected",
        "the pin is four seven two nine no sorry four seven three nine",
        [("PIN", "four seven two nine"), ("PIN", "no sorry"), ("PIN", "four seven three nine")],
    ),
    (
        "zip-corrected-actually",
        "my zip is nine oh two one one actually nine oh two one oh",
        [
            ("US_ZIP", "nine oh two one one"),
            ("US_ZIP", "actually"),
            ("US_ZIP", "nine oh two one oh"),
        ],
    ),
    (
        "phone-last-digits-corrected",
        "phone is 212 555 0198 scratch that 0199",
        [("PHONE", "212 555 0198"), ("PHONE", "scratch that"), ("PHONE", "0199")],
    ),
    ("no-correction-after-and", "my pin is 4729 and no, I have 12 cats", [("PIN", "4729")]),
    # a number taken back before the value, too short to be one: the value is read past it,
    # and the attempt is redacted with it; and a value said again in full from its start
    (
        "account-attempt-taken-back",
        "The savings account number. That's 6345-9 sorry I mean 6945 9950 8948. Thanks",
        [
            ("BANK_ACCOUNT", "6345-9"),
            ("BANK_ACCOUNT", "sorry I mean"),
            ("BANK_ACCOUNT", "6945 9950 8948"),
        ],
    ),
    (
        "account-attempt-taken-back-spoken",
        "AGENT: THE CHECKING ACCOUNT NUMBER PLEASE\n"
        "CUSTOMER: SURE ONE FOUR SEVEN SIX NO NO NO IT'S SIX FOUR SEVEN SIX ONE TWO FOUR EIGHT",
        [
            ("BANK_ACCOUNT", "ONE FOUR SEVEN SIX"),
            ("BANK_ACCOUNT", "NO NO NO IT'S"),
            ("BANK_ACCOUNT", "SIX FOUR SEVEN SIX ONE TWO FOUR EIGHT"),
        ],
    ),
    (
        "policy-said-again-in-full",
        "What's your policy number. Alright it's 3849 779 wait I messed up 3849 7749 353. Can",
        [
            ("INSURANCE_POLICY", "3849 779"),
            ("INSURANCE_POLICY", "wait I messed up"),
            ("INSURANCE_POLICY", "3849 7749 353"),
        ],
    ),
    (
        "routing-started-over",
        "what's the routing number\ncaller: one one one oh... hang on let me start over one one"
        " one zero zero zero zero one five",
        [
            ("ABA_ROUTING", "one one one oh"),
            ("ABA_ROUTING", "hang on let me start over"),
            ("ABA_ROUTING", "one one one zero zero zero zero one five"),
        ],
    ),
    # another number after a correction's word is no attempt ("no, I have 12 cats" above)
    (
        "ssn-attempt-after-a-hesitation",
        "Can you verify your Social Security number?\nStacy: 478 -- ugh, no, 078-05-1120.\n",
        [
            ("US_SSN", "478"),
            ("US_SSN", "ugh, no"),
            ("US_SSN", "078-05-1120"),
        ],
    ),
    (
        "no-attempt-of-another-kind",
        "I have 22 kids, sorry, my account number is 12345678",
        [("BANK_ACCOUNT", "12345678")],
    ),
    (
        "dob-corrected",
        "my date of birth is 12/05/1985 no sorry 12/06/1985",
        [
            ("DATE_OF_BIRTH", "12/05/1985"),
            ("DATE_OF_BIRTH", "no sorry"),
            ("DATE_OF_BIRTH", "12/06/1985"),
        ],
    ),
    # one digit of a number read back corrected, then its group said again, turns later: the
    # group is the number's (said apart from the digit, or run into it by speech-to-text)
    (
        "phone-digit-corrected-after-read-back",
        "Agent: what's the phone number on the account\nMember: five one two three eight four"
        " five three four zero\nAgent: that's five one two three eight four five three four"
        " zero\nMember: no sorry it's five not zero five three four five\nAgent: thanks",
        [
            ("PHONE", "five one two three eight four five three four zero"),
            ("PHONE", "zero five three four five"),
        ],
    ),
    (
        "phone-digit-corrected-group-typed",
        "Agent: What's the best callback number?\nCustomer: 646 386 6690.\nAgent: That's 646"
        " 386 6690?\nCustomer: No sorry, it's four not zero. 6694.\nAgent: Thanks",
        [("PHONE", "646 386 6690"), ("PHONE", "646 386 6690"), ("PHONE", "6694")],
    ),
    # no value before it, or too far before it: a digit's correction alone is no value
    ("digit-corrected-without-a-value", "no sorry it's five not six 1234 apples", []),
    (
        "phone-asked-by-text",
        "Agent: And a number where we can text you updates?\nCustomer: six oh two double four"
        " six eight one two eight.",
        [("PHONE", "six oh two double four six eight one two eight")],
    ),
    # a birth date or an expiry said without the month's "oh", or typed with blanks
    (
        "dob-spoken-without-oh",
        "Agent: date of birth\nCustomer: uh one twelve ninety",
        [("DATE_OF_BIRTH", "one twelve ninety")],
    ),
    (
        "dob-spoken-short",
        "Agent: your birthday please\nCustomer: six two eighty eight",
        [("DATE_OF_BIRTH", "six two eighty eight")],
    ),
    ("dob-blanks", "my date of birth is 3 4 82", [("DATE_OF_BIRTH", "3 4 82")]),
    (
        "expiry-spoken-month-digit",
        "expiration four twenty seven",
        [("CARD_EXPIRY", "four twenty seven")],
    ),
    ("expiry-blank", "exp 4 27", [("CARD_EXPIRY", "4 27")]),
    # "on the account" says whose number it is, not which
    (
        "phone-on-the-account",
        "Agent: phone number on the account\n"
        "Customer: four one five five five five two six seven one",
        [("PHONE", "four one five five five five two six seven one")],
    ),
    (
        "dob-for-the-account-holder",
        "Agent: birth date for the account holder\nCustomer: two twenty two two thousand one",
        [("DATE_OF_BIRTH", "two twenty two two thousand one")],
    ),
    # security answers: the answer after a stall or a lead ("let me think", "the answer is",
    # "that'd be"), never the stall, a refusal or the question's own words
    (
        "answer-after-a-stall",
        "Agent: what's your mother's maiden name\nCustomer: let me think\nCustomer: kowalczyk",
        [("SECURITY_ANSWER", "kowalczyk")],
    ),
    (
        "answer-is",
        "Agent: what's the answer to your security question\nCustomer: uh the answer is fluffy",
        [("SECURITY_ANSWER", "fluffy")],
    ),
    (
        "answer-thatd-be",
        "Agent: first pet\nCustomer: oh that'd be rex",
        [("SECURITY_ANSWER", "rex")],
    ),
    (
        "answer-not-the-question",
        "Agent: for the security question what was the name of your first pet\n"
        "Customer: uh biscuit",
        [("SECURITY_ANSWER", "biscuit")],
    ),
    ("answer-form-note", "What is your mother's maiden name? (required)", []),
    (
        "answer-refused",
        "Agent: what's your mother's maiden name?\nCustomer: why do you need that?",
        [],
    ),
    (
        "answer-not-remembered",
        "Agent: what's your mother's maiden name?\nCustomer: I don't remember",
        [],
    ),
    (
        "answer-after-its-question",
        "security question: favorite teacher? answer: Mrs. Patel",
        [("SECURITY_ANSWER", "Mrs. Patel")],
    ),
    ("answer-a-dog-named", "my first pet was a dog named Rex", [("SECURITY_ANSWER", "Rex")]),
    (
        "answer-on-the-account",
        "mother's maiden name on the account is Schultz",
        [("SECURITY_ANSWER", "Schultz")],
    ),
    ("answer-mmn", "MMN: Schultz", [("SECURITY_ANSWER", "Schultz")]),
    # written as agents' notes, forms and chats write them (left in clear, or cut short)
    (
        "dl-last-group-one-digit",
        "Driver License #: F255-921-50-094-0",
        [("US_DRIVER_LICENSE", "F255-921-50-094-0")],
    ),
    ("dl-lic", "ID verified via driver's lic TX 12345678", [("US_DRIVER_LICENSE", "12345678")]),
    ("password-pass-field", "login: jdoe77 pass: Tr0ub4dor&3", [("PASSWORD", "Tr0ub4dor&3")]),
    ("pass-is-no-cue-alone", "I need a boarding pass, pass it on to Dana", []),
    ("password-passcode-letters", "Passcode: Xk9!mQ2z", [("PASSWORD", "Xk9!mQ2z")]),
    ("passcode-digits-pin", "Passcode: 551902", [("PIN", "551902")]),
    ("password-dash", "Password - MyDog$Rex1", [("PASSWORD", "MyDog$Rex1")]),
    ("password-changed-to", "changed my password to P@ssw0rd123", [("PASSWORD", "P@ssw0rd123")]),
    ("password-to-a-place", "what is my password to the portal", []),
    ("password-issued", "temp password issued: Xk9!mQ2z", [("PASSWORD", "Xk9!mQ2z")]),
    ("password-quoted", 'password is "blue monkey 42"', [("PASSWORD", "blue monkey 42")]),
    ("dob-bday", "ok my bday is 09/09/1999 lol", [("DATE_OF_BIRTH", "09/09/1999")]),
    (
        "dob-year-first-compact",
        "SSN:536221234,DOB:19800101",
        [("US_SSN", "536221234"), ("DATE_OF_BIRTH", "19800101")],
    ),
    ("ssn-last4-l4", "SSN L4: 5521", [("US_SSN_LAST4", "5521")]),
    ("ssn-last4-ss", "last 4 ss 5521", [("US_SSN_LAST4", "5521")]),
    ("ssn-last4-stars", "ssn ***-**-6789", [("US_SSN_LAST4", "6789")]),
    (
        "routing-rtg",
        "Acct#: 1234567890 Rtg#: 021000021",
        [("BANK_ACCOUNT", "1234567890"), ("ABA_ROUTING", "021000021")],
    ),
    (
        "ssn-spaced-dashes",
        "Customer states SSN is 536 - 22 - 1234",
        [("US_SSN", "536 - 22 - 1234")],
    ),
    ("cvv-sec-code", "sec code 321", [("CARD_CVV", "321")]),
    (
        "cvv-sec-after-card",
        "can I pay with 5555 5555 5555 4444 exp. 6/27 sec. 908?",
        [("PAYMENT_CARD", "5555 5555 5555 4444"), ("CARD_EXPIRY", "6/27"), ("CARD_CVV", "908")],
    ),
    (
        "cid-on-front",
        "amex 378282246310005 / 4-digit code on front 1234 / exp 03/28",
        [("PAYMENT_CARD", "378282246310005"), ("CARD_CVV", "1234"), ("CARD_EXPIRY", "03/28")],
    ),
    ("cvv-number-on-the-back", "The 3-digit number on the back is 888", [("CARD_CVV", "888")]),
    ("pls-is-no-place", "text me at 617 555 0199 pls", [("PHONE", "617 555 0199")]),
    ("account-opened-date", "Account opened 1978-11-23", []),
    ("warranty-expiry", "Warranty exp 12/26", []),
    ("subscription-expiry", "Subscription expires 11/27, renew now", []),
    (
        "card-expiry-still",
        "card 4111 1111 1111 1111, expires 11/27",
        [("PAYMENT_CARD", "4111 1111 1111 1111"), ("CARD_EXPIRY", "11/27")],
    ),
    # hesitations and hold phrases between the question and the answer do not count against
    # how far the question reaches ("yeah sure um let me see it's ...")
    (
        "ssn-after-fillers",
        "Agent: can i get your social security number please\nCustomer: yeah sure um let me see"
        " it's five three six two two one two three four",
        [("US_SSN", "five three six two two one two three four")],
    ),
    (
        "account-after-hold",
        "Agent: what's the account number for the checking please\nCustomer: uh yeah hold on"
        " it's four four seven two nine one eight three",
        [("BANK_ACCOUNT", "four four seven two nine one eight three")],
    ),
    (
        "dob-after-fillers",
        "Agent: what's the date of birth on the account\nCustomer: um let me think it's march"
        " fourth nineteen eighty two",
        [("DATE_OF_BIRTH", "march fourth nineteen eighty two")],
    ),
    (
        "account-too-far-without-fillers",
        "what's the account number for the checking, the one you opened in the spring with"
        " your brother? 44729183",
        [],
    ),
    # numbered speakers' labels and time stamps, as speech-to-text writes them: their digits
    # were read into the number said ("spk_1: five three six ..." made ten digits) or taken
    # for the answer to the question before it
    (
        "speaker-label-numbered",
        "spk_0: what's your social\nspk_1: five three six two two one two three four",
        [("US_SSN", "five three six two two one two three four")],
    ),
    (
        "speaker-label-with-stamp",
        "[00:00:05] SPEAKER_00: can i get the last four of your social\n"
        "[00:00:09] SPEAKER_01: six seven eight nine",
        [("US_SSN_LAST4", "six seven eight nine")],
    ),
    ("speaker-label-pin-written", "spk_0: what's your pin\nspk_1: 4729", [("PIN", "4729")]),
    (
        "speaker-label-zip",
        "Speaker 1: what's your zip\nSpeaker 2: nine oh two one oh",
        [("US_ZIP", "nine oh two one oh")],
    ),
    ("time-at-line-start", "10:30 works for me\nthe total is two hundred forty dollars", []),
    # a short name and its two letters, alone after the question ("spell your last name" is
    # read as a question: the cue found is "last name")
    (
        "last-name-spelled-after-question",
        "Agent: can you spell your last name for me?\nCustomer: vu, v u",
        [("PERSON", "vu, v u")],
    ),
    (
        "email-dash-in-domain",
        "yeah my email is sandra dot hernadez at mora dash garcia dot net",
        [("EMAIL", "sandra dot hernadez at mora dash garcia dot net")],
    ),
    (
        "email-underscore-and-dash",
        "its troy underscore porter at hall dash collier dot com",
        [("EMAIL", "troy underscore porter at hall dash collier dot com")],
    ),
    (
        "ssn-cue-already-answered",
        "fifteen fourteen for the social\nim calling about order number three four eight one to"
        " eight seven double four",
        [],
    ),
    (
        "mbi-spoken",
        "my medicare number is one e g four, t e five, m k seven three",
        [("HEALTH_INSURANCE_ID", "one e g four, t e five, m k seven three")],
    ),
    (
        "member-id-spoken",
        "my member id is x g h one two three four five six seven eight nine and my zip is 90210",
        [
            ("HEALTH_INSURANCE_ID", "x g h one two three four five six seven eight nine"),
            ("US_ZIP", "90210"),
        ],
    ),
    # --- evasions of a number's or an address's form (an insider slipping a value past) ---
    ("odd-sign-pipe", "4111|1111|1111|1111", [("PAYMENT_CARD", "4111|1111|1111|1111")]),
    ("odd-sign-colon", "card 4111:1111:1111:1111", [("PAYMENT_CARD", "4111:1111:1111:1111")]),
    ("odd-sign-plus", "4111+1111+1111+1111", [("PAYMENT_CARD", "4111+1111+1111+1111")]),
    ("odd-sign-tab", "cc\t4111\t1111\t1111\t1111", [("PAYMENT_CARD", "4111\t1111\t1111\t1111")]),
    (
        "odd-sign-wide",
        "number 4111    1111    1111    1111",
        [("PAYMENT_CARD", "4111    1111    1111    1111")],
    ),
    ("odd-sign-comma", "card 4111, 1111, 1111, 1111", [("PAYMENT_CARD", "4111, 1111, 1111, 1111")]),
    ("odd-sign-x", "card 4111x1111x1111x1111", [("PAYMENT_CARD", "4111x1111x1111x1111")]),
    ("odd-sign-brackets", "(4111)(1111)(1111)(1111)", [("PAYMENT_CARD", "4111)(1111)(1111)(1111")]),
    (
        "odd-sign-quotes",
        'card "5555" "5555" "5555" "4444"',
        [("PAYMENT_CARD", '5555" "5555" "5555" "4444')],
    ),
    ("odd-sign-amex", "3782|822463|10005", [("PAYMENT_CARD", "3782|822463|10005")]),
    ("odd-sign-ssn", "Agent: ssn?\nCustomer: 536|90|4172", [("US_SSN", "536|90|4172")]),
    ("slashed-ssn", "ssn: 078/05/1120", [("US_SSN", "078/05/1120")]),
    ("slashed-phone", "call me on 415/555/0132", [("PHONE", "415/555/0132")]),
    # a list of four codes is no card: the shape counts only with Luhn and an issuer's range
    (
        "then-between-groups",
        "card 4111 then 1111 then 1111 then 1111",
        [("PAYMENT_CARD", "4111 then 1111 then 1111 then 1111")],
    ),
    (
        "and-between-groups",
        "5555 and 5555 and 5555 and 4444",
        [("PAYMENT_CARD", "5555 and 5555 and 5555 and 4444")],
    ),
    ("and-between-counts", "between 100 and 200 and 300 and 400 people", []),
    ("odd-sign-list-of-codes", "codes 4111, 5555, 6011, 3782", []),
    ("odd-sign-sum", "650+253+1234", []),
    ("odd-sign-resolution", "screen 1920x1080 at 60Hz", []),
    ("glued-card", "ref4111111111111111", [("PAYMENT_CARD", "4111111111111111")]),
    ("glued-card-both", "card abc4111111111111111def", [("PAYMENT_CARD", "4111111111111111")]),
    ("glued-card-hex", "error code 0x4111111111111111", []),
    ("glued-card-iban", "IBAN GB82WEST12345698765432", [("IBAN", "GB82WEST12345698765432")]),
    ("glued-cue-zip", "zip62704", [("US_ZIP", "62704")]),
    ("glued-cue-aba", "ABA021000021", [("ABA_ROUTING", "021000021")]),
    ("lookalike-card", "card 4lll llll llll llll", [("PAYMENT_CARD", "4lll llll llll llll")]),
    ("lookalike-card-caps", "acct 4O12B8B8B8BB1BB1", [("PAYMENT_CARD", "4O12B8B8B8BB1BB1")]),
    ("lookalike-ssn", "ssn O78-OS-112O", [("US_SSN", "O78-OS-112O")]),
    ("lookalike-phone", "phone 4I5-555-OI32", [("PHONE", "4I5-555-OI32")]),
    ("lookalike-routing", "routing O21OOOO21", [("ABA_ROUTING", "O21OOOO21")]),
    ("lookalike-zip", "zip 627O4", [("US_ZIP", "627O4")]),
    # an ID's own letters are no digits: a licence's "O...", an IBAN's country, a check letter
    ("lookalike-id-letter", "passport number is O16462042", [("US_PASSPORT", "O16462042")]),
    (
        "lookalike-iban",
        "IS14 0159 2600 7654 5510 7303 39",
        [("IBAN", "IS14 0159 2600 7654 5510 7303 39")],
    ),
    ("lookalike-code", "the B2B portal, model S10 and I5 north", []),
    ("spaced-at", "jane.doe @ example.com", [("EMAIL", "jane.doe @ example.com")]),
    ("spaced-dots", "jane . doe @ example . com", [("EMAIL", "jane . doe @ example . com")]),
    ("spaced-zero-width", "jane.doe@\u200bexample.com", [("EMAIL", "jane.doe@\u200bexample.com")]),
    ("doubled-at", "jane.doe@@example.com", [("EMAIL", "jane.doe@@example.com")]),
    ("comma-for-dot", "jane.doe@example,com", [("EMAIL", "jane.doe@example,com")]),
    ("html-reference", "jane.doe&#64;example.com", [("EMAIL", "jane.doe&#64;example.com")]),
    (
        "html-named-reference",
        "jane.doe&commat;example.com",
        [("EMAIL", "jane.doe&commat;example.com")],
    ),
    ("spaced-at-word-before", "Please write to @example.com today.", []),
    ("spaced-at-no-tld", "meet @ 5. then lunch", []),
    # a Cyrillic letter in a cue ("ѕѕn": two Cyrillic dze; "cаrd": a Cyrillic a)
    ("homoglyph-cue-ssn", "\u0455\u0455n 536904172", [("US_SSN", "536904172")]),
    (
        "homoglyph-cue-card",
        "c\u0430rd 4111 1111 1111 1112",
        [("PAYMENT_CARD", "4111 1111 1111 1112")],
    ),
    ("one-script-word-left", "\u043a\u0430\u0440\u0442\u0430 4111 1111 1111 1112", []),
    # a slip inside a number ("sorry", "oops", "no wait"): the runs on each side read as one
    # card or social (joined, the slip's digits replaced, or said again), slip covered too
    (
        "slip-sorry-joined-card",
        "okay three seven one four four nine six three five three sorry nine eight four three one",
        [
            (
                "PAYMENT_CARD",
                "three seven one four four nine six three five three sorry nine eight four three"
                " one",
            )
        ],
    ),
    (
        "slip-oops-replaces-a-digit",
        "five five five five five five five five five five five five eight oops four four four"
        " four",
        [
            (
                "PAYMENT_CARD",
                "five five five five five five five five five five five five eight oops four four"
                " four four",
            )
        ],
    ),
    (
        "slip-said-again",
        "the card number is four oh one two three no wait four oh one two eight eight eight"
        " eight, eight eight eight eight one eight eight one",
        [
            (
                "PAYMENT_CARD",
                "four oh one two three no wait four oh one two eight eight eight eight, eight eight"
                " eight eight one eight eight one",
            )
        ],
    ),
    (
        "slip-several",
        "the card is six oh one one uh sorry oh oh o nine uh sorry nine zero one three uh sorry"
        " nine four two four",
        [
            (
                "PAYMENT_CARD",
                "six oh one one uh sorry oh oh o nine uh sorry nine zero one three uh sorry nine"
                " four two four",
            )
        ],
    ),
    (
        "slip-ssn",
        "my social security is eight two oh three four sorry thirty thirty six",
        [("US_SSN", "eight two oh three four sorry thirty thirty six")],
    ),
    # no card or social read together: a corrected pin stays two pins, a time no value
    (
        "slip-pin-corrected",
        "the pin is four seven two nine sorry four seven three nine",
        [("PIN", "four seven two nine"), ("PIN", "sorry"), ("PIN", "four seven three nine")],
    ),
    ("slip-time", "i'll be there at two sorry three o'clock", []),
    # an identity check that names no identifier: a valid nine-digit answer is a social
    (
        "ssn-verification-question",
        "agent: can you verify your identity\ncustomer: okay seven three seven one eight, zero oh"
        " eight three",
        [("US_SSN", "seven three seven one eight, zero oh eight three")],
    ),
    (
        "ssn-verification-account-named",
        "agent: to verify, what's the account number\ncustomer: three three o, four two zero four"
        " four four",
        [("BANK_ACCOUNT", "three three o, four two zero four four four")],
    ),
    # two answers to a question for two: "and it's" between, a filler, the second on its line
    (
        "last4-and-its-dob",
        "agent: to verify can i get the last four of your social and your date of birth\n"
        "customer: six six three nine and it's july fifteenth twenty oh two",
        [("US_SSN_LAST4", "six six three nine"), ("DATE_OF_BIRTH", "july fifteenth twenty oh two")],
    ),
    (
        "ssn-and-um-the-dob",
        "agent: i'll need your social and date of birth\ncustomer: three eight nine eight one,"
        " eight seven eight eight and um the twenty seventh of august nineteen seventy five",
        [
            ("US_SSN", "three eight nine eight one, eight seven eight eight"),
            ("DATE_OF_BIRTH", "the twenty seventh of august nineteen seventy five"),
        ],
    ),
    (
        "routing-and-account-spoken",
        "agent: i'll need the routing and account number for the checking account\ncustomer: zero"
        " one one, o oh oh o one five and seventy seven oh two forty nine sixty thirty six ninety"
        " nine",
        [
            ("ABA_ROUTING", "zero one one, o oh oh o one five"),
            ("BANK_ACCOUNT", "seventy seven oh two forty nine sixty thirty six ninety nine"),
        ],
    ),
    (
        "routing-and-account-written",
        "agent: i'll need the routing and account number for the checking account\ncustomer:"
        " 011000015 and 770249603699",
        [("ABA_ROUTING", "011000015"), ("BANK_ACCOUNT", "770249603699")],
    ),
    (
        "account-numbers-two",
        "agent: what are your account numbers\ncustomer: 12345678 and 87654321",
        [("BANK_ACCOUNT", "12345678"), ("BANK_ACCOUNT", "87654321")],
    ),
    (
        "expiry-then-code-next-line",
        "agent: and the expiry and the three digits on the back\ncustomer: twelve twenty"
        " seven\ncustomer: one two three",
        [("CARD_EXPIRY", "twelve twenty seven"), ("CARD_CVV", "one two three")],
    ),
    (
        "code-then-other-named-next-line",
        "Agent: What's the security code on the back of the card?\nCustomer: 482\nCustomer: 4388"
        " is the last four of my social",
        [("CARD_CVV", "482"), ("US_SSN_LAST4", "4388")],
    ),
    (
        "card-expiry-run-and-code",
        "agent: card number expiry and the three digits on the back please\ncustomer: forty"
        " twelve eighty eight eighty eight eighty eight eighty eight eighteen eighty one oh two"
        " two eight and eight three two",
        [
            (
                "PAYMENT_CARD",
                "forty twelve eighty eight eighty eight eighty eight eighty eight eighteen eighty"
                " one",
            ),
            ("CARD_EXPIRY", "oh two two eight"),
            ("CARD_CVV", "eight three two"),
        ],
    ),
    # the area code said apart from the number
    (
        "area-code-cue",
        "customer: area code three oh three five fifty five o one two four",
        [("PHONE", "three oh three five fifty five o one two four")],
    ),
    (
        "area-code-a-number",
        "agent: and a callback number\ncustomer: it's a six one seven number five five five, o"
        " one four one",
        [("PHONE", "six one seven number five five five, o one four one")],
    ),
    (
        "area-code-and-the-number",
        "Customer: Area Code 312, and the number is 555-0196",
        [("PHONE", "312, and the number is 555-0196")],
    ),
    ("area-code-of-a-place", "customer: i live in a 212 area code area", []),
    # letters alone after a question for a name; an e-mail's initial and spelling
    (
        "name-letters-commas",
        "agent: can i get your last name\ncustomer: b, r, e, n, n, a, n",
        [("PERSON", "b, r, e, n, n, a, n")],
    ),
    (
        "name-letters-commas-its",
        "agent: can i get your last name\ncustomer: it's o, k, a, f, o, r",
        [("PERSON", "o, k, a, f, o, r")],
    ),
    (
        "email-initial-as-in",
        "agent: and the email address\ncustomer: s as in sam haddad at hotmail dot com",
        [("EMAIL", "s as in sam haddad at hotmail dot com")],
    ),
    (
        "email-spelled-after",
        "agent: and the email address\ncustomer: it's aaliyah at icloud dot com that's a a l i y"
        " a h",
        [("EMAIL", "aaliyah at icloud dot com that's a a l i y a h")],
    ),
    # a date of birth said with "slash" between its parts
    (
        "dob-slashes",
        "agent: dob\ncustomer: twelve slash fourteen slash seventy",
        [("DATE_OF_BIRTH", "twelve slash fourteen slash seventy")],
    ),
    # how speech-to-text hears some digits: "tree", "niner"
    (
        "ssn-tree-for-three",
        "agent: and your social security number\ncustomer: one eight five oh nine seven two tree"
        " seven",
        [("US_SSN", "one eight five oh nine seven two tree seven")],
    ),
    (
        "card-niner",
        "my card number is four one one one one one one one one one one one one one one one and"
        " the code is niner niner two",
        [
            ("PAYMENT_CARD", "four one one one one one one one one one one one one one one one"),
            ("CARD_CVV", "niner niner two"),
        ],
    ),
    ("tree-is-a-word", "we planted one tree in the yard", []),
    # a name spelled in the radio alphabet, and a licence's letter so said
    (
        "name-spelled-in-radio-alphabet",
        "customer: it's mcallister, mike charlie alpha lima lima india sierra tango echo romeo",
        [("PERSON", "mcallister, mike charlie alpha lima lima india sierra tango echo romeo")],
    ),
    (
        "licence-letter-in-radio-alphabet",
        "agent: what's the license number on your id\ncustomer: sierra two zero one five nine"
        " seven two",
        [("US_DRIVER_LICENSE", "sierra two zero one five nine seven two")],
    ),
    ("radio-words-as-words", "we flew delta to the hotel golf course in november", []),
    (
        "dl-said-as-letters",
        "customer: my d l number is one seven seven six one seven one three texas",
        [("US_DRIVER_LICENSE", "one seven seven six one seven one three")],
    ),
    # a number, then "that's the ..." naming it
    (
        "account-then-thats-the-checking-account",
        "customer: six six eight eight two eight three two, that's the checking account, and"
        " three two two two seven one six two seven is the routing",
        [
            ("BANK_ACCOUNT", "six six eight eight two eight three two"),
            ("ABA_ROUTING", "three two two two seven one six two seven"),
        ],
    ),
    (
        "name-as-it-appears-on-the-card",
        "agent: and the name as it appears on the card\ncustomer: raffaele nakashima",
        [("PERSON", "raffaele nakashima")],
    ),
    # digit words that speech-to-text ran together
    (
        "card-run-together-words",
        "my card number is four oh onetwo eight eighteight eight eighteight eighteight one",
        [("PAYMENT_CARD", "four oh onetwo eight eighteight eight eighteight eighteight one")],
    ),
    ("run-together-words-not-words", "someone often said nineteen tones", []),
    # a UK number after its country code ("+44"), spoken or written, in the drama range that
    # libphonenumber finds possible but not in service: redacted after a phone cue
    (
        "phone-plus-44-spoken",
        "agent: what's a good callback number\ncustomer: it's a uk number plus four four, seven"
        " seven oh oh, nine o zero eight seven one",
        [("PHONE", "plus four four, seven seven oh oh, nine o zero eight seven one")],
    ),
    ("phone-plus-44-written", "my number is +44 7700 900516", [("PHONE", "+44 7700 900516")]),
    # without a cue: in groups, as only a phone number is written, redacted at a lower score;
    # run together, as an identifier might be written, left alone
    ("phone-plus-44-grouped-no-cue", "ref +44 7700 900516", [("PHONE", "+44 7700 900516")]),
    ("phone-plus-44-no-cue", "ref +447700900516", []),
    (
        "ssn-sex-for-six",
        "agent: and your social security number\ncustomer: five five three seven three, sex sex"
        " seven five",
        [("US_SSN", "five five three seven three, sex sex seven five")],
    ),
    ("sex-is-a-word", "the sex of the patient is female", []),
    # a social said with a digit doubled over a pause: not nine digits, redacted after its cue
    (
        "ssn-stutter",
        "agent: and your social security number\ncustomer: six four four one six seven, seven"
        " two three five five",
        [("US_SSN", "six four four one six seven, seven two three five five")],
    ),
    ("ssn-json-number-lost-its-zero", '{"ssn":78051120}', [("US_SSN", "78051120")]),
    ("ten-digits-no-ssn-cue", "ticket 1234567890 closed", []),
    (
        "grow-up-on-street",
        "agent: what street did you grow up on\ncustomer: we lived on larkspur lane",
        [("SECURITY_ANSWER", "larkspur lane")],
    ),
    # a social said in its parts; a ZIP's "plus four"; "at sign", "all one word"
    (
        "ssn-in-parts",
        "agent: can i have your social security number\ncustomer: the first three are five nine"
        " four the middle two oh one and the last four one nine seven two",
        [("US_SSN", "five nine four the middle two oh one and the last four one nine seven two")],
    ),
    (
        "ssn-in-parts-commas",
        "agent: can i have your social security number\ncustomer: first three five nine four,"
        " middle two oh one, last four one nine seven two",
        [("US_SSN", "five nine four, middle two oh one, last four one nine seven two")],
    ),
    (
        "zip-plus-four",
        "customer: my zip plus four is six oh six one four dash three one nine five",
        [("US_ZIP", "six oh six one four dash three one nine five")],
    ),
    (
        "email-at-sign",
        "agent: what's your email\ncustomer: ravi dot petrakis at sign gmail dot com",
        [("EMAIL", "ravi dot petrakis at sign gmail dot com")],
    ),
    (
        "email-all-one-word",
        "agent: what's your email\ncustomer: ravipetrakis all one word at gmail dot com",
        [("EMAIL", "ravipetrakis all one word at gmail dot com")],
    ),
    # an address started, taken back ("sorry let me start over") and said again whole
    (
        "email-started-over",
        "customer: dezso five seven sorry let uh me start over dezso five seven at mail dot"
        " example dot org",
        [("EMAIL", "dezso five seven"), ("EMAIL", "dezso five seven at mail dot example dot org")],
    ),
    (
        "email-spelled-started-over",
        "caller: E-R-I-K dot D-A-V-I-S... sorry, let me start over. E-R-I-K dot D-A-V-I-S at"
        " example dot com",
        [("EMAIL", "E-R-I-K dot D-A-V-I-S"), ("EMAIL", "E-R-I-K dot D-A-V-I-S at example dot com")],
    ),
    (
        "email-start-over-other-words",
        "customer: my card got declined sorry let me start over jdoe88 at example dot com",
        [("EMAIL", "jdoe88 at example dot com")],
    ),
    (
        "email-spelled-then-tens",
        "customer: yes s a l e x a n d e r fifty at sign gmail dot com",
        [("EMAIL", "s a l e x a n d e r fifty at sign gmail dot com")],
    ),
    (
        "email-provider-net",
        "agent: what's your email\ncustomer: connor nguyen at comcast",
        [("EMAIL", "connor nguyen at comcast")],
    ),
    # a ZIP said in two breaths (a pause, a filler, a noise tag between its digits), after its
    # cue and after a street and a city; a phone number's groups apart by a pause, after a
    # phone cue only
    (
        "zip-two-breaths-after-cue",
        "A: and the postal code\nC: okay one nine four... zero three okay",
        [("US_ZIP", "one nine four... zero three")],
    ),
    (
        "zip-noise-tag-inside",
        "AGENT: AND THE ZIP CODE\nCALLER: FOUR ONE SIX THREE [CROSSTALK] NINE",
        [("US_ZIP", "FOUR ONE SIX THREE [CROSSTALK] NINE")],
    ),
    (
        "zip-two-breaths-after-city",
        "A: can you verify the mailing address\nC: yeah five thirty south hawthorne street"
        " susanfort one five four let me see oh nine",
        [
            ("STREET_ADDRESS", "five thirty south hawthorne street susanfort"),
            ("US_ZIP", "one five four let me see oh nine"),
        ],
    ),
    ("zip-cue-six-digits-apart", "zip code 123 456 on the box", []),
    (
        "zip-plus-four-no-dash-said",
        "CUS> AND THE ZIP IS TWO SEVEN EIGHT TWO ZERO OH THREE FOUR NINE.",
        [("US_ZIP", "TWO SEVEN EIGHT TWO ZERO OH THREE FOUR NINE")],
    ),
    ("zip-then-another-number", "zip 88322 5551234 is my cell", [("US_ZIP", "88322")]),
    ("zip-six-then-three", "zip 902101 234", []),
    (
        "phone-groups-apart-by-a-pause",
        "AGENT: Can you verify the phone number on the account?\n"
        "CALLER: Sure, it's two zero six double five five ... 9929.",
        [("PHONE", "two zero six double five five ... 9929")],
    ),
    (
        "phone-groups-apart-by-a-filler",
        "A: best number to reach you?\nC: it's 773 uh double five five uh oh one seventy six",
        [("PHONE", "773 uh double five five uh oh one seventy six")],
    ),
    ("paused-groups-without-a-phone-cue", "we paid 702 ... 555 1148 in all", []),
    # an account's or a member ID's prefix of letters, written or spelled out; no word of a
    # transcript in capitals, nor a ticket's prefix after a dash
    (
        "account-letter-prefix",
        "Agent: What's the account number please?\nCaller: Yeah it's WMZ 7601 99723, yeah.",
        [("BANK_ACCOUNT", "WMZ 7601 99723")],
    ),
    (
        "account-spelled-prefix",
        "Agent: what's the account number please?\nCustomer: it's juliet mike romeo, one five"
        " six one, two five eight seven nine.",
        [("BANK_ACCOUNT", "juliet mike romeo, one five six one, two five eight seven nine")],
    ),
    (
        "member-id-spelled-prefix",
        "VRU> PLEASE SAY OR ENTER YOUR MEMBER ID.\nCUS> H R N, THREE SEVEN SIX THREE, FOUR NINE"
        " THREE NINE THREE",
        [("HEALTH_INSURANCE_ID", "H R N, THREE SEVEN SIX THREE, FOUR NINE THREE NINE THREE")],
    ),
    ("account-caps-word-no-prefix", "ACCOUNT NUMBER IS 12345678", [("BANK_ACCOUNT", "12345678")]),
    ("account-cue-then-ticket", "acct takeover suspected, tkt SR-342499", []),
    # the agent who takes a call over, thanking for holding; someone in the caller's room; a
    # caller's name and surname before "hi"
    (
        "thanks-for-holding-agent",
        "Agent: Thanks for holding, Priya with the billing team, I have your account.",
        [("PERSON", "Priya")],
    ),
    ("thanks-for-holding-sir", "Agent: Thanks for holding, Sir.", []),
    (
        "hang-on-to-the-room",
        "Customer: hang on - Angel, honey, I'm on the phone",
        [("PERSON", "Angel")],
    ),
    ("hold-on-please", "Agent: hold on, please.", []),
    ("name-then-hi", "Customer: yes, joseph meza, hi.", [("PERSON", "joseph meza")]),
    ("yes-hi", "Customer: oh yes hi", []),
    ("agent-named-in-a-note", 'note: "Agent Carlos verified caller"', [("PERSON", "Carlos")]),
    ("agent-will-call", "the agent will call you back", []),
    # what a locked-out caller tried, spelled; nothing tried where no log-in is named
    (
        "password-tried-spelled",
        "Caller: the website says my account is locked.\nCaller: I tried capital g a t o r s"
        " exclamation point ninety three",
        [("PASSWORD", "capital g a t o r s exclamation point ninety three")],
    ),
    ("tried-without-a-log-in", "I tried r e s e t t i n g the router twice", []),
    # a numbered street said as an ordinal after the house number: not one run of digits
    (
        "street-ordinal-after-house-number",
        "spk_1: yeah it's seventy two eighty one one hundred fourth place, south caitlyntown"
        " new hampshire",
        [
            (
                "STREET_ADDRESS",
                "seventy two eighty one one hundred fourth place, south caitlyntown new hampshire",
            )
        ],
    ),
    (
        "street-ordinal-tens",
        "the address? okay so nine six two oh one hundred twenty first avenue, dawnbury",
        [("STREET_ADDRESS", "nine six two oh one hundred twenty first avenue")],
    ),
    # a rural route's number said in a word; a unit's number in words the normaliser leaves
    (
        "rural-route-said",
        "what's the new address? yeah, rural route four box ninety two.",
        [("STREET_ADDRESS", "rural route four box ninety two")],
    ),
    (
        "unit-number-said-in-a-word",
        "what's the new address? um, nine hundred fourteen sawyer rest apartment seventeen.",
        [("STREET_ADDRESS", "nine hundred fourteen sawyer rest apartment seventeen")],
    ),
    # a surname that is a common word too, before "calling"
    (
        "common-word-surname-before-calling",
        "[CALLER] hi it's lauren cash calling about my account.",
        [("PERSON", "lauren cash")],
    ),
    ("common-word-after-a-name", "hi it's lauren here calling", [("PERSON", "lauren")]),
    # the answer to a question for a name after a bracketed or "CUS>" label, an utterance's
    # number and blank lines between
    (
        "spelled-answer-after-bracketed-label",
        "[AGENT] and how do you spell your last name?\n\n4\n[CALLER] sure, it's c as in cat a"
        " as in apple s h as in henry.",
        [("PERSON", "c as in cat a as in apple s h as in henry")],
    ),
    (
        "answer-after-angle-label",
        "AGT> may I have your full name?\nCUS> yes it's tomasz wieczorek",
        [("PERSON", "tomasz wieczorek")],
    ),
    # an agent's own name before their question, speech-to-text writing no comma; the answer
    # on the next line when the question goes on with the agent's own words
    (
        "agent-name-before-who-am-i-speaking-with",
        "S1: this is priya who am I speaking with\nS2: yeah it's jasmine page",
        [("PERSON", "priya"), ("PERSON", "jasmine page")],
    ),
    (
        "greeted-agent-name-before-question",
        "S1: hi Devon who am I speaking with\nS2: Ashley Nguyen",
        [("PERSON", "Devon"), ("PERSON", "Ashley Nguyen")],
    ),
    ("greeting-there-before-question", "hi there how can i help you", []),
    ("adjective-before-question", "this is ridiculous who am i speaking with", []),
    (
        "answer-after-a-question-that-goes-on",
        "S1: who am I speaking with my ID is eight nine six four if we get cut off\n"
        "S2: michael may\nS1: and the zip",
        [("PERSON", "michael may")],
    ),
    # the agent's name after the line's and a comma, before the call's first question
    (
        "agent-name-here-before-question",
        "AGT  department of motor vehicles, jose here. how can i help",
        [("PERSON", "jose")],
    ),
    ("word-here-before-question", "okay, right here, how can i help", []),
    # a supervisor's name as a record's key writes it
    ("supervisor-key", "mode=whisper  supervisor=Charles", [("PERSON", "Charles")]),
    ("supervisor-key-no-name", "supervisor: requested a callback", []),
    (
        "unit-number-not-a-homophone",
        "address: 12 oak street, number twenty for you",
        [("STREET_ADDRESS", "12 oak street, number twenty")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in SPOKEN], ids=[c[0] for c in SPOKEN])
def test_spoken_forms_cover_the_original_words(
    engine: Engine, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(engine, text) == expected


def test_reasons_explain_the_finding(engine: Engine) -> None:
    [card] = engine.scan("my card number is 4111 1111 1111 1111")
    assert "luhn ok" in card.reasons
    assert "issuer range visa" in card.reasons
    assert "context 'card number' 1 words before" in card.reasons


def test_validated_card_beats_phone_on_same_digits(engine: Engine) -> None:
    assert found(engine, "call 4111-1111-1111-1111") == [("PAYMENT_CARD", "4111-1111-1111-1111")]


def test_every_card_in_a_long_run_is_found(engine: Engine) -> None:
    """The number-run trigger reports a run once, at its end; confirmation must still start at
    the run's first digit (a regression let the first cards of a long run through)."""
    cards = ["4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005"] * 40
    text = "cards: " + " ".join(cards) + " done"
    redacted = engine.redact(text).text
    assert not any(ch.isdigit() for ch in redacted)
    assert redacted.count("[PAYMENT_CARD]") == len(cards)


def test_every_phone_in_a_long_list_is_found(engine: Engine) -> None:
    text = "call any of: " + " ".join(["415-555-0132", "(212) 555-0199"] * 12)
    redacted = engine.redact(text).text
    assert redacted.count("[PHONE]") == 24
    assert not any(ch.isdigit() for ch in redacted)


LISTS = [
    ("ssns", "123-45-6789", "US_SSN"),
    ("ibans", "GB82 WEST 1234 5698 7654 32", "IBAN"),
]


@pytest.mark.parametrize(("value", "entity"), [c[1:] for c in LISTS], ids=[c[0] for c in LISTS])
def test_lists_of_values_are_each_found(engine: Engine, value: str, entity: str) -> None:
    """Digit groups of neighbouring values never combine into a card, and a value that ends
    where the next begins is still found."""
    cue = {"US_SSN": "ssn", "IBAN": "iban"}[entity]
    text = f"{cue}: " + " ".join([value] * 12)
    assert [name for name, _ in found(engine, text)] == [entity] * 12


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks Mr. Smith, bye", "Smith"),
        ("thanks john, bye now", "john"),
        ("thanks Mrs. Garcia, bye now", "Garcia"),
        ("my name is smith, john smith", "smith, john smith"),  # surname first, then the name
    ],
)
def test_a_comma_ends_a_name_unless_a_first_name_follows(
    engine: Engine, text: str, name: str
) -> None:
    found_here = engine.scan(text)
    assert [text[f.span.start : f.span.end] for f in found_here if f.entity.name == "PERSON"] == [
        name
    ]


def test_the_greeting_that_closes_with_the_name_is_the_cue(engine: Engine) -> None:
    # not the first greeting within reach ("Thank you so much" names nobody)
    text = "Thank you so much!\nAgent: You're welcome, Frank. Have a nice day!"
    (person,) = [f for f in engine.scan(text) if f.entity.name == "PERSON"]
    assert text[person.span.start : person.span.end] == "Frank"
    assert "context 'you're welcome' before" in person.reasons


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("432 183 200", "Canada's SIN checksum ok"),
        ("920.428.224-00", "Brazil's CPF checksum ok"),
        ("2 53 12 91 228 577 37", "France's NIR checksum ok"),
        ("432 183 201", None),
        ("920.428.224-01", None),
        ("12345", None),
    ],
)
def test_national_id_checksums_say_whose_number(value: str, reason: str | None) -> None:
    assert national_id_ok(value) == reason
