"""The words around names: cue phrases, closings, stop-lists (data for the PERSON detector)."""

from __future__ import annotations

import re

from callshield.core.detection.base import LETTER
from callshield.core.detection.base import WORD as NAME
from callshield.core.detection.caseless import Caseless
from callshield.core.detectors.cued import cue_body

#: A capital of any alphabet, roughly: a letter that is not an ASCII small letter.
CAPITAL = r"[^\W\d_a-z]"

#: An agent's questions whose answer, on the next line, is a name: "and what name is the
#: account under\ncaller: yeah it's danielle lewis", "who is the recipient\ncaller: it's going
#: to sean nicholson", the customer's first answer after "let's get you verified" ("yeah will
#: lawrence d o b is ..."), "and you are the subscriber\ncustomer: yes bobby ewing that's me".
_ASKED_OF_A_CALLER = (
    "what name is the account under", "name is the account under", "account holder's name",
    "account holder name", "name of the account holder", "primary account holder",
    "who is the recipient", "who's the recipient", "recipient's name", "name of the recipient",
    "verify a few things", "let's get you verified",
    "you are the subscriber", "you're the subscriber", "are you the subscriber",
    "you are the policyholder", "you're the policyholder", "are you the policyholder",
    "you are the policy holder", "you're the policy holder", "are you the policy holder",
    "who's the emergency contact", "who is the emergency contact", "emergency contact's name",
    "name of the emergency contact", "additional driver's name", "other driver's name",
)  # fmt: skip
STRONG = (
    "my name is", "my name's", "name is", "name's", "first name", "last name",
    "your name", "your full name", "your name please", "name please",
    "surname", "full name", "middle name", "name on the card",
    "name was", "message is for", "message for",
    "name on the account", "account holder", "cardholder", "card holder", "under the name",
    "under my name",
    "mr", "mrs", "ms", "miss", "dr", "doctor", "mister", "regards", "sincerely", "signed",
    "name on card",
    "who am i speaking with", "who am i speaking to", "who i'm speaking with",
    "who's calling", "who is calling", "who's this", "who is this",
    "wife's name", "husband's name", "son's name", "daughter's name", "partner's name",
    "spouse's name", "name as it appears on the card", "name as it appears on the account",
    "cardholder name", "card holder name", "cardholder's name", "name on file",
    "name on the bank account", "name on the checking account", "name on the savings account",
    # an agent's question for who is calling, and for a name on a record
    "who do i have on the line", "who do i have", "who am i talking to", "who am i talking with",
    "patient's name", "patient name", "passenger name", "passenger's name", "name on the package",
    "name on the reservation", "name on the order", "name on the booking", "subscriber's name",
    "subscriber name",
    "who is the patient", "who's the patient",
    # the other people on an account, a claim or a transfer
    "dependent's name", "dependent name", "dependents name", "beneficiary name",
    "beneficiary's name", "recipient name", "insured's name",
    "policyholder's name", "policy holder's name", "child's name", "member's name",
    # someone added to the account, named right after: "can you add my son as an authorized
    # user austin cole"
    "authorized user", "authorised user", "additional user", "joint account holder",
    # a portal's page, as a screenshot's text shows who used it: "Logged in as Dylan Beck"
    "logged in as", "signed in as",
    *_ASKED_OF_A_CALLER,
    # (Spanish: a US contact center's customers write in it too)
    "con quien tengo el gusto", "con quién tengo el gusto", "con quien hablo", "con quién hablo",
    "mi nombre es", "me llamo", "nombre completo", "su nombre", "tu nombre",
    "su nombre completo", "tu nombre completo", "primer nombre", "apellido", "su apellido",
    # (Hinglish: "mera naam Hamsini Muni hai", "aapka naam bata sakte hain?"; Taglish:
    # "Apelyido po?")
    "mera naam", "aapka naam", "apka naam", "aapka poora naam", "apelyido",
    # (Portuguese, French and Vietnamese, said by callers who switch to English after it:
    # "Meu nome é Isabelly Nascimento, I'm calling about ...", "Chị tên là Hoàng Thị Mai")
    "meu nome é", "meu nome e", "me chamo", "je m'appelle", "mon nom est", "tên là",
    "tên tôi là",
)  # fmt: skip
#: What an agent offers at the end of a call's opening, after their name ("this is will can
#: i start with your name", "brooke speaking how may i help").
OPENING_OFFERS = (
    "speaking how can i", "speaking how may i", "speaking what can i",
    "can i start with", "how can i help", "how may i help", "what can i do for you",
    "how can i assist", "how may i assist", "how can i direct",
)  # fmt: skip
OPENING_OFFER_RE = re.compile(rf"(?:{cue_body(OPENING_OFFERS)})\Z", re.IGNORECASE)
#: Spanish and Hindi cues that state a name as "my name is" does ("mi nombre es", "me llamo",
#: "mera naam").
SPANISH_STATES = frozenset(
    {"mi nombre es", "me llamo", "mera naam", "meu nome é", "meu nome e", "me chamo",
     "je m'appelle", "mon nom est", "tên là", "tên tôi là"}
)  # fmt: skip
#: Cues after which a name is stated as after "my name is": "the account holder is kwame
#: okonkwo" (a name no census list holds is still the holder's).
HOLDER_CUES = frozenset(
    {"account holder", "cardholder", "card holder", "under the name", "under my name"}
)
#: Cues that ask for a name (besides those with "your"): the answer is the next words said.
QUESTIONS = frozenset(
    {"name please", "who am i speaking with", "who am i speaking to", "who i'm speaking with",
     "who's calling", "who is calling", "who's this", "who is this", "nombre completo",
     "who do i have on the line", "who do i have", "who am i talking to",
     "who am i talking with", "who is the patient", "who's the patient",
     *_ASKED_OF_A_CALLER,
     "con quien tengo el gusto", "con quién tengo el gusto", "con quien hablo",
     "con quién hablo",
     "su nombre", "tu nombre", "su nombre completo", "tu nombre completo", "apellido",
     "su apellido", "aapka naam", "apka naam", "aapka poora naam", "apelyido"}
)  # fmt: skip
#: Words that answer a question for a name without being one ("sorry?", "hold on").
NOT_A_NAME_ANSWER = frozenset(
    """sorry pardon huh excuse repeat again sec second minute moment hang hold wait please
    thanks thank fine good great sure yep yup nope nah mine me myself who whom whose why
    what which customer agent caller speaking calling here hi hello hey bye correct right
    exactly indeed negative affirmative same nobody none unknown value null nil test example
    sample placeholder string text tbd redacted anonymous total totals subtotal first last
    """.split()
)

#: The people a caller names by what they are to them ("my aunt george wawrzyn", "my
#: caregiver yosuke matsumoto", "my sibling Ajani Ogindan is on the account too").
RELATIVES = (
    "husband", "wife", "son", "daughter", "mother", "father", "partner", "brother", "sister",
    "sibling", "aunt", "uncle", "cousin", "niece", "nephew", "grandmother", "grandfather",
    "grandson", "granddaughter", "stepson", "stepdaughter", "stepmother", "stepfather",
    "fiance", "fiancé", "fiancee", "fiancée", "boyfriend", "girlfriend", "caregiver",
    "roommate", "neighbor", "neighbour", "cosigner", "co-signer", "guardian",
)  # fmt: skip
#: "my" and a relative, also as someone added to the account: "i also want to add my
#: caregiver to the account lovisa andersson".
MY_RELATIVES = tuple(f"my {who}" for who in RELATIVES)
ADDED_RELATIVES = tuple(f"{mine} to the account" for mine in MY_RELATIVES)
# Self-introductions and hand-overs: "this is mary", "speaking with john".
WEAK = (
    "this is", "i'm", "i am", "im", "speaking with", "speak to", "speak with",
    "talking to", "talking with", "chatting with", "ask for", "call me", "spelled",
    *MY_RELATIVES, *ADDED_RELATIVES,
    "transfer you to", "hi it's", "hey it's", "hello it's", "hi its", "hey its", "hello its",
    "spoke to", "spoke with", "spoke w", "talked to", "talked with",
    # an agent's notes: "cx Dmitri O'Rourke (acct ...)", "spk w/ Rahul re late pmt",
    # "auth'd Connor Achterberg ss ..."
    "cx", "spk w", "spk with", "auth'd", "spk w/", "spoke w/", "talked w/",
    # (Spanish: "hola, soy Citlali Apodaca", "les escribe Noelia Godínez")
    "soy", "les escribe", "le escribe", "si habla", "sí habla", "le atiende", "te atiende",
    "lo atiende", "la atiende", "le saluda", "te saluda",
    # (French: "Votre conseiller Célina Marin vous rappellera")
    "votre conseiller", "votre conseillère", "votre conseillere", "votre interlocuteur",
    "votre interlocutrice",
    # and someone else's family, in a note: "Kwame Brandt's card was declined, her daughter
    # Lars called"
    "her husband", "her son", "her daughter", "her mother", "her father", "her partner",
    "his wife", "his son", "his daughter", "his mother", "his father", "his partner",
    # (a note's shorthand: "- wife Alexis is auth user, ok to talk")
    "wife", "husband", "spouse",
    # (a chatbot's match: "I found an account for Kathleen P. Is that you?")
    "found an account for", "an account for", "account under",
    # an agent named in a note: "Agent Carlos verified caller via ..."
    "agent",
)  # fmt: skip
#: Spanish for "you're being served by": the agent's name, then "de" and the company's.
SERVED_BY = frozenset({"le atiende", "te atiende", "lo atiende", "la atiende"})
#: A family member's word, after which a full name may follow ("my daughter elif demir").
FAMILY = frozenset(
    {*MY_RELATIVES, *ADDED_RELATIVES}
    | {f"{whose} {who}" for whose in ("her", "his")
       for who in ("son", "daughter", "mother", "father", "partner")}
    | {"her husband", "his wife"}
)  # fmt: skip
#: The cues by which speakers name themselves ("this is", "i'm"), and the words that show a
#: word after them is the speaker's name: "this is ekiya calling", "im urvi speaking"; after
#: "this is" also "here" and "from" ("this is justyna from billing": "i'm tired from work"
#: is no name).
SELF_INTRODUCTIONS = frozenset(
    {"this is", "i'm", "i am", "im", "hi it's", "hey it's", "hello it's", "hi its", "hey its",
     "hello its"}
)  # fmt: skip
INTRO_ENDS = frozenset({"calling", "speaking"})
INTRO_PLACES = frozenset({"here", "from"})
#: What an agent asks right after saying their own name, speech-to-text writing no comma: "this
#: is priya who am i speaking with", "hi devon how can i help you".
AGENT_ASKS = re.compile(
    r"[ \t,]+(?:who[ \t]+(?:am[ \t]+i[ \t]+speaking|do[ \t]+i[ \t]+have)|how[ \t]+(?:can|may)"
    r"[ \t]+i[ \t]+(?:help|assist)|(?:can|may)[ \t]+i[ \t]+(?:get|have)[ \t]+your)\b",
    re.IGNORECASE,
)
#: Between a self-introduction's cue and the name: blanks, a comma, a filler ("this is, uh,
#: ekiya"), not a skipped word ("this is customer service calling").
NEXT_TO_CUE = re.compile(r"[ \t,]*(?:(?:uh|um|er|erm)[ \t,]+)*\Z", re.IGNORECASE)
#: Endings of English adjectives and participles, which no name in a weak frame has.
ADJECTIVE_ENDINGS = ("ous", "ful", "less", "able", "ible", "ive", "ating", "izing", "ising")
#: A line that opens with a greeting, then at most a few words, up to a self-introduction:
#: "hi kimberly, ", "hello ", "yeah hi, " (after a speaker's label).
GREETING_LINE = re.compile(
    r"[ \t]*(?:[A-Za-z]+:[ \t]*)?(?:(?:yeah|yes|oh|um|uh|ok|okay)[ \t,]+)*"
    r"(?:hi|hello|hey|good\s(?:morning|afternoon|evening))\b[^\n.!?]{0,30}\Z",
    re.IGNORECASE,
)
#: A name said before what it is: "priya sharma is my name", "john smith is the name on the
#: account" (the trigger ends after "name"; the words before "is" are read back).
_NAME_AFTER = (
    "(?:is|was){s}(?:my|the|his|her){s}(?:(?:full|first|last|middle|legal|maiden){s})?name"
)
NAME_AFTER_TRIGGER = r"\s" + _NAME_AFTER.format(s=r"\s")
NAMED_AFTER = re.compile(r"[ \t]+" + _NAME_AFTER.format(s=r"[ \t]+") + r"\Z", re.IGNORECASE)
#: A form's or a record's name field: "Name: ...", "Customer Name - ...", `"name": "..."`,
#: "name=Priya+Raman" (the trigger ends at the separator; the field's value is read after it).
#: (and the labels of an addressee or a payee: "Attn: Rajesh Kumar", "Beneficiary: ...",
#: "c/o Fatima Al-Sayed")
NAME_FIELD_TRIGGER = (
    # ("Name (Last, First, MI): SIDDIQUI, CHIDI C": what the field wants, in brackets)
    r"\b(?:(?:name|attn|attention|beneficiary|payee)[\"']?(?:[ \t]?\([^)\n]{1,24}\))?[ \t]?"
    r"(?:[:=]|-[ \t])|c/o[ \t]"
    # (a terminal screen's or a report's dot leaders: "Name  . . . . . .  BARBARA LOZANO",
    # "NAME ................ BRETT HATFIELD")
    r"|name[ \t]+(?:\.[ \t]?){4,}:?"
    # "Name on account: ...", "name on the card: ..."
    r"|name[ \t]on[ \t](?:the[ \t])?(?:(?:bank|checking|savings)[ \t])?(?:account|card)[ \t]?:"
    # who a record is about, in an agent's notes: "Caller: Rajesh Patel", "Authorized user
    # added: Fatima Al-Sayed" (two capitalised words or more: `PEOPLE_LABELS`)
    r"|(?:caller|card[ \t]?holder|account[ \t]?holder|policy[ \t]?holder|joint[ \t]holder"
    r"|authori[sz]ed[ \t]user(?:[ \t]added)?|requester|passenger|spouse|guarantor|co-signer"
    r"|applicant|insured|patient|subscriber|recipient|borrower|tenant|debtor|joint[ \t]owner"
    # a claim's and a callback's people ("Injured party: Lilian Tran (dependent)", "Contact:
    # Oceane Dijoux, Controller")
    r"|injured[ \t]party|insured[ \t]party|claimant|dependent|guardian|emergency[ \t]contact"
    r"|contact|next[ \t]of[ \t]kin|account[ \t]owner"
    # and an agent's note: "cust: JOHN SMITH", "cx: maria garcia" (not "customer:", a
    # transcript's speaker label on every other line: a trigger match there cost the stage 15%)
    r"|client|member|holder|acct[ \t]holder"
    # a ticket's people ("Reporter: Tariq Haddad", "Assignee:") and a mail header's names
    # without their addresses ("To: Xiomara Kahananui", "From: MacAlister, Tomasz")
    r"|reporter|assignee|assigned[ \t]to|requested[ \t]by|submitted[ \t]by|to|cc|bcc|from"
    # a German form's "Name, Vorname: Köhler, Robin", "Kontoinhaber/in: Robin Köhler"
    r"|name,[ \t]vorname|vorname|nachname|familienname|kontoinhaber(?:/in)?"
    # a Swedish, Norwegian or Danish form's "Namn:", "Navn:", a case's "Handläggare:"
    r"|namn|navn|handläggare|handlaggare"
    # Spanish, Portuguese and Italian forms' ("Nombre y apellidos:", "Atendente:", "Atendido
    # por:"), a police report's "Reporting officer:"
    r"|nombre[ \t]y[ \t]apellidos|nombre[ \t]completo|nome[ \t]completo|atendente|atendido[ \t]por"
    r"|atendida[ \t]por|reporting[ \t]officer|nome[ \t]e[ \t]cognome"
    r")[\"']?[ \t]?:|cust:|cx:"
    # a Firestore document's field (`"fullName": {"stringValue": "Levi da Rocha"}`)
    r"|name\"[ \t]*:[ \t]*\{[ \t\r\n]*\"stringValue\"[ \t]*:"
    # an XML attribute or a query's field: <Card holder="Kwame Moreau" ...>, "holder=..."
    r"|(?:card|account|acct)?[_-]?holder(?:_?name)?=)"
    # an ISO 20022 message's party: "<Dbtr><Nm>Pepe Figueras</Nm>"
    r"|<(?:Dbtr|Cdtr|UltmtDbtr|UltmtCdtr|InitgPty)>[ \t\r\n]*<Nm>"
)
#: A ticket's or a note's "Customer:" line whose value is a capitalised name and nothing else:
#: "Customer: Achterberg, Saoirse", "- **Customer:** Inés Kahananui" (markdown). Not in
#: `NAME_FIELD_TRIGGER`: there "customer:", a transcript's speaker label on every other line,
#: cost the stage 15%; whole, to the line's end, it matches a transcript's turn only when the
#: turn is two capitalised words ("Customer: Thank You", which `_noted` turns down).
_CAPITAL_WORD = r"[A-Z][A-Za-z\x80-\xff'.\-]*"
#: (From the word on: a line's start and what may stand before the word, here, cost the
#: stage 1.8% of its instructions; the detector checks them.)
CUSTOMER_LINE_TRIGGER = (
    r"(?:Customer|CUSTOMER)(?:\*\*)?[ \t]?:(?:\*\*)?"
    rf"[ \t]*{_CAPITAL_WORD}(?:,?[ \t]+{_CAPITAL_WORD}){{1,3}}[ \t]*(?:\r?\n|$)"
)
#: Labels of a person's record whose value is a name only in capitals, two words or more
#: ("Caller: Rajesh Patel"; a transcript's "Caller: yes okay" is no name).
PEOPLE_LABELS = re.compile(
    r"(?:caller|card[ \t]?holder|account[ \t]?holder|policy[ \t]?holder|joint[ \t]holder"
    r"|authori[sz]ed[ \t]user(?:[ \t]added)?|requester|passenger|spouse|guarantor|co-signer"
    r"|applicant|insured|patient|subscriber|recipient|borrower|tenant|debtor|joint[ \t]owner"
    r"|injured[ \t]party|insured[ \t]party|claimant|dependent|guardian|emergency[ \t]contact"
    r"|contact|next[ \t]of[ \t]kin|account[ \t]owner"
    r"|cust|cx|client|member|holder|acct[ \t]holder"
    r"|reporter|assignee|assigned[ \t]to|requested[ \t]by|submitted[ \t]by)[\"']?[ \t]?:\Z"
    # (a mail header's field at a line's start: "To:" inside a sentence is no label)
    r"|(?:^|\n)[ \t>]*(?:to|cc|bcc|from)[ \t]?:\Z",
    re.IGNORECASE,
)
NAME_FIELD_LABEL = re.compile(r"(\w+)[ \t_\-]+name[\"']?[ \t]?(?:[:=]|-[ \t])\Z", re.IGNORECASE)
#: Fields whose name is no person's: "Company name:", "File name:", "Product name -", Label
#: Studio's '"from_name": "transcription"' and '"to_name": "audio"'.
NOT_PERSON_FIELDS = frozenset(
    """company business file product item plan host domain device street city town state
    country bank brand project team event group vendor merchant store shop site page app
    application service server database table column field variable user pet from to type
    tag node key label class param parameter sheet queue skill intent channel operation flow
    step topic metric attribute property model tool function method module package object
    entity role""".split()
)
#: The value of a name field: up to four words (spaces, or "+" in a query string), then the
#: end of the field (a quote, a comma, "&", "<", "|", the line's end).
FIELD_VALUE = re.compile(
    # (or before a form line's next field, two blanks or more away: "Name: MICHAEL BROOKS
    # Also known as: ...")
    # (a last initial after the first name: "Paul D.")
    # (after a title: "Ofc. LISA BAKER", "Dr. Priya Raman")
    rf"[ \t]*[\"']?[ \t]*((?:(?:Ofc|Sgt|Det|Dr|Mr|Mrs|Ms|OFC|SGT|DET|DR|MR|MRS|MS)\.?[ \t]+)?"
    rf"{NAME}(?:(?:[ \t]+|\+){NAME}){{0,3}}(?:[ \t]+[A-Z]\.)?)"
    # (or a report's next field without a colon: "Ofc. LISA BAKER  Badge 8416")
    # (or a form's blank line for it after: "BARBARA LOZANO________")
    rf"(?:[ \t]*(?=[\"',&<|;(\n]|_{{3}}|\Z)|(?=[ \t]{{2,}}[A-Z][\w ]{{0,30}}(?::|[ \t]\d)))"
)
#: An e-mail header with a display name before the address: `From: "Ngozi Okafor" <...>`.
HEADER_NAME = re.compile(
    # (and as Spanish, French, German, Portuguese and Italian mail clients write them: "Para:",
    # "De:", "À :", "An:", "Von:", "Da:")
    rf"(?i:from|to|cc|bcc|reply-to|para|de|a|à|an|von|para|cc[oó]|da)[ \t]?:[ \t]*"
    rf"\"?({NAME}(?:,?[ \t]+{NAME}){{0,3}})\"?[ \t]*<"
)
#: A field's value written surname first: "O'Brien, Siobhan", "SMITH, JOHN A".
FIELD_VALUE_INVERTED = re.compile(
    rf"[ \t]*[\"']?[ \t]*({NAME},[ \t]*{NAME}(?:[ \t]+{NAME}\.?)?)"
    # (or before a form line's next field: "Name: CYRULIK, TYMOTEUSZ        DOB: 02/09/1979")
    # (a quote that closes the value, not an apostrophe: "Client: Oui, c'est ...")
    rf"(?:[ \t]*(?=[\"&<|;(\n]|'(?![^\W\d_])|\Z)"
    rf"|(?=[ \t]{{2,}}[A-Z][\w ]{{0,30}}(?::|[ \t]\d)))"
)
#: What may come before a name that opens a sentence: a speaker's label, fillers, a greeting.
CLAUSE_OPENING = re.compile(
    r"[ \t]*(?:[A-Za-z]+:[ \t]*)?(?:(?:yeah|yes|uh|um|so|well|ok|okay|oh|hi|hello|hey|and|sure"
    r"|it's|its|right)[ \t,]+)*\Z",
    re.IGNORECASE,
)
#: "thank you for calling acme wireless, " up to the word before a closing: the company
#: (one word at least) between "calling" and that word.
THANKED_FOR_CALLING = re.compile(
    r"\bfor\s(?:calling|contacting|choosing)\s+\S+(?:\s+\S+){0,3}?[\s,]+\Z", re.IGNORECASE
)
# Greetings and thanks address someone only when the name closes the phrase: "Hi Sarah,",
# "thanks john." (not "thank you for calling"): GREETING_TAIL says so.
#: Greetings in the other languages a US contact center writes in (Spanish, French,
#: Portuguese, German, Italian): "Hola Atilio,", "Bonjour Zoé,", "Estimado/a Raimundo:". They
#: address only capitalised words (`person._foreign_address`).
FOREIGN_GREETINGS = (
    "hola", "buenas", "buenos días", "buenos dias", "buenas tardes", "buenas noches",
    "estimado", "estimada", "estimado/a", "querido", "querida", "bonjour", "bonsoir", "cher",
    "chère", "olá", "prezado", "prezada", "hallo", "liebe", "lieber", "ciao", "gentile",
)  # fmt: skip
GREETINGS = (
    "hi", "hello", "hey", "dear", "thanks", "thank you", "thx", "cheers", "goodbye", "welcome",
    "good morning", "good afternoon", "good evening", "you're welcome", "youre welcome",
    # (a caller turning to someone in the room: "hang on - Angel, honey, ...", "sorry, one sec
    # - Amber, put that down")
    "hang on", "one sec", "one second", "hold on",
    *FOREIGN_GREETINGS,
)  # fmt: skip
#: The words that address no one by name after a greeting in those languages ("Hola, gracias",
#: "Bonjour Madame,", "Estimado cliente:").
NOT_ADDRESSED_FOREIGN = frozenset(
    """gracias merci danke obrigado obrigada grazie señor señora señorita sr sra srta don doña
    monsieur madame mademoiselle mme mlle herr frau signore signora cliente clienta equipo
    client cliente equipe équipe team todos todas tous amigo amiga senor senora senorita dona
    equipe""".split()
)
FOREIGN_GREETING_RE = Caseless(rf"(?:{cue_body(FOREIGN_GREETINGS)})\Z")
# The tail that must follow a greeting (one or two words, then punctuation or the end),
# checked after the greeting's own cue trigger: as part of the trigger it cost the whole
# database a sixth of its speed.
GREETING_TAIL = re.compile(
    rf"(?:[,!]|\s[-–—])?\s{NAME}(?:\s{NAME})?\s?(?:[,.!?\n]|</|\"\n|\Z)", re.IGNORECASE
)
#: The same for ASCII text, with ASCII classes (`re` reads them at twice the speed). (A turn
#: ends at a closing tag or quote too: "<v Agent>okay thanks sarah</v>", a CSV's '..."\n'.)
GREETING_TAIL_ASCII = re.compile(
    r"(?:[,!]|\s[-–—])?\s[A-Za-z][A-Za-z'\-]*(?:\s[A-Za-z][a-z'\-]+)?\s?"
    r"(?:[,.!?\n]|</|\"\n|\Z)",
    re.IGNORECASE,
)
# A name right before a closing: "thanks for calling acme, garrett. have a great day".
CLOSINGS = (
    "have a great day", "have a nice day", "have a good day", "have a wonderful day",
    "have a great evening", "have a good one", "have a lovely day", "have a great weekend",
    "how can i help", "how may i help",
)  # fmt: skip
CLOSING_RE = re.compile(rf"(?:{cue_body(CLOSINGS)})\Z", re.IGNORECASE)
BEFORE_CLOSING = re.compile(rf"((?={LETTER}[\w'\-]){NAME})[\s,.!]*\Z")
BEFORE_CLOSING_ASCII = re.compile(r"([A-Za-z][A-Za-z'\-]+)[\s,.!]*\Z")
NOT_SURNAME = frozenset(
    """a again also an and at be but calling can could did do does for from had has have he
    here how i in is it just may me might my no ok okay on or our please said says she should
    so speaking thanks that the their there they this to today too was we what when where
    which who why will with would yeah yes you your um uh er erm hmm""".split()
)
FUNCTION_WORDS = frozenset(
    """my your his her our their the a an is was not it that this and or but so to of in on
    at for with be are yes no okay ok""".split()
)
SELF_INTRO = frozenset({"calling", "speaking", "here", "from"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "mister", "doctor"})
#: A title right before a name's first word.
TITLE_BEFORE = re.compile(
    r"(?:\b(?P<det>the|a|my|your|his|her|our|their)[ \t]+(?=d))?"
    r"\b(?:mr|mrs|ms|dr|mister|doctor)\.?[ \t]+\Z",
    re.IGNORECASE,
)
SKIP = frozenset(
    """is was it's its uh um er that's thats just customer agent caller rep client user
    sure yes yeah ok okay oh under of you guest visitor member cliente agente es soy sí si
    claro this for my mom dad mother father husband wife son daughter partner spouse brother
    sister hola habla buenas buenos spelled hi hey hello ji haan han po opo alright right
    well so umm uhm hmm mm mhm erm ah""".split()
)
TOKEN = re.compile(rf"[\s,:.?!]*?({NAME}\.?)")
TOKEN_ASCII = re.compile(r"[\s,:.?!]*?([A-Za-z]+(?:['\-][A-Za-z]+)*['\-]?\.?)")
LINE_REST = re.compile(r"[ \t.,!]*(?:\n|\Z)")
STRONG_RE = Caseless(rf"(?:{cue_body(STRONG)})\.?\Z")
# (a cue that ends in a sign, "spk w/", ends its trigger with the blank after it)
WEAK_RE = Caseless(rf"(?:{cue_body(WEAK + GREETINGS)})(?:[,!]|(?<=/)[ \t])?\Z")
# Two capitalised words: a full name ("Dan Tailor", "Richard M. Nixon") or two names of a list
# ("John, Shaun, and Ron"); one pattern for both costs the database nothing more.
#: A surname's capital after an apostrophe or a prefix: "O'Neil", "D'Amico", "McDonald",
#: "MacArthur", "DeAngelo", "LeBlanc" (read as one capitalised word).
NAME_PREFIX = r"(?:[A-Z]'|Mc|Mac|De|Di|La|Le)?"
CAPS_PAIR_TRIGGER = (
    r"\b[A-Z][a-z]+(?:\s[A-Z]\.)?,?\s(?:and\s)?" + NAME_PREFIX + r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b"
)
#: Words before a list of capitalised names that make it a list of places ("in Dallas, Austin").
PLACE_WORDS = frozenset("in to from at near via through visit visiting between".split())
#: "Best," or the signature delimiter "-- " alone on a line, then the next line's first
#: character, a capital (a signature's name). With every sign-off in it ("thanks", "cheers",
#: which the greetings' trigger reports anyway) it cost the whole database 8% of its speed.
#: (a capital, or a letter of Latin-1 or Latin Extended-A in UTF-8, "Özerdinç": two bytes)
#: (and the sign-offs of other languages customers write in: "Cordialement,", "Saludos,")
SIGN_OFF_TRIGGER = (
    r"(?:^|\n|[.!][ \t]+)(?:best|--|(?:bien[ \t]|tr(?:\xc3\xa8|e)s[ \t])?cordialement|saludos"
    r"|atentamente|groeten|groet|pozdrawiam"
    r"|cumprimentos|saluti|cordiali[ \t]saluti|distinti[ \t]saluti|un[ \t]saludo"
    r"|saludos[ \t]cordiales|atenciosamente|att|abra(?:\xc3\xa7|c)os"
    r"|(?:mit[ \t]freundlichen[ \t])?gr(?:\xc3\xbc|ue)(?:\xc3\x9f|ss)en?"
    r"|sent[ \t]from[ \t]my[ \t](?:iphone|ipad|android|phone))"
    # (the name on the next line, a blank line between perhaps, or after a comma on the same:
    # "Cordialement, Tomasz")
    r"(?:[ \t]*,?[ \t]*\r?\n(?:[ \t]*\r?\n)?|[ \t]*,)[ \t]*"
    r"(?-i:[A-Z]|[\xc3-\xc5][\x80-\xbf])"
    # (the German sign-off, long enough to stand without a comma: "... Mit freundlichen
    # Grüßen Henrik Oyelaran")
    r"|(?:^|\n|[.!][ \t]+)mit[ \t]freundlichen[ \t]gr(?:\xc3\xbc|ue)(?:\xc3\x9f|ss)en[ \t]+"
    r"(?-i:[A-Z]|[\xc3-\xc5][\x80-\xbf])"
    # (a note signed after its last sentence with a dash: "... is 797912920. -Laurie", "xfer
    # to ext 7082. -TK", "My new number is 4045550110. - WILLIAM LEE")
    r"|[.!?][ \t]+-{1,2}[ \t]?(?-i:[A-Z])"
)
#: The rest of a greeting's line when the greeting is a sign-off alone on it ("Thanks,\n").
SIGN_OFF_LINE = re.compile(rf"[ \t]*[,!.]?[ \t]*\r?\n[ \t]*(?:[-–~][ \t]?)?(?={CAPITAL})")
#: The greetings that sign off an e-mail, and their last five characters (checked first).
SIGN_OFF_WORDS = frozenset({"thanks", "thank you", "many thanks", "cheers"})
SIGN_OFFS = frozenset(word[-5:] for word in SIGN_OFF_WORDS)
#: Words that sign for a team, not a person: "The Acme Team", "Customer Support".
ORGANISATION_WORDS = frozenset(
    """team support service services department dept desk center centre group office inc llc
    ltd corp corporation company co customer customers care billing sales helpdesk management
    staff crew the your our all everyone airlines airline airways bank bancorp insurance
    wireless telecom utilities utility energy electric healthcare pharmacy clinic hospital
    financial lending mortgage motors travel cable internet communications dmv agency
    benefits savings mobile cellular fiber broadband network networks solutions systems
    digital outfitters furniture electronics hotels resorts suites supply mutual casualty
    air gas tax payments dental medical health credit union auto loans realty
    logistics express shipping finance federal advisors cruises skyways retailer apothecary
    exchange authority licensing delivery""".split()
)
#: Words that follow a name given in passing ("my name is priya and I'm calling", "... from
#: Acme", "... how can I help"): where a name that no census list holds ends.
NAME_ENDS = frozenset(
    """and from calling speaking here i i'm im with at but so uh um my thanks thank please ok
    okay yeah yes how can could what is it's its how's i'd i've who that's thats as
    need needs want wants wanted about regarding re card acct account date dob birthday
    spelled like hai hain ji po""".split()
)
#: The small words inside a name ("maria de la cruz", "ludwig van beethoven"): part of it
#: between its words, never its first or last word.
NAME_PARTICLES = frozenset("de la del los las van von der den da di du le dos das bin ibn".split())
#: Words a greeting addresses that are no one's name: "Hi Team,", "hey guys!", "welcome back,".
NOT_ADDRESSED = frozenset(
    """team everyone everybody all folks guys guy y'all yall there again back much lot anyway
    sir madam ma'am maam mam miss friend friends buddy pal mate bro dude hon honey dear love
    sweetie valued member members partner partners client clients colleague colleagues
    agent agents support anyone someone both you updated noted done received confirmed sorted
    understood appreciated changed fixed added removed saved submitted sent verified processed
    resolved cancelled canceled completed approved booked scheduled logged recorded perfect
    awesome cool wonderful excellent lovely brilliant alright""".split()
)

#: The value of a record's label that names who it is about ("Caller:", "cust:", "cx:",
#: "Customer:"): a name and nothing else up to the line's end (or a comma, a semicolon, "|",
#: or the "<" of an address: "Requester: Ngozi Szabo <ngozi@example.org>").
NOTED_VALUE = re.compile(
    rf"[ \t]*[\"']?({NAME}(?:[ \t]+(?:{LETTER}\.|{NAME})){{1,3}})[\"']?"
    # (the line's end, punctuation, or the next field on the line, two blanks before it:
    # "Policyholder: Jane Trần  Member ID: XJ211329871")
    rf"(?:[ \t]*(?:[\r\n,;|(}}<]|\Z)|[ \t]{{2,}}(?=[^\W\d_][\w .#]{{0,24}}:))"
)
