"""The Engine: built once (all detectors compiled into one multi-pattern database, keys passed
in), then `scan` and `redact` for plain text and `scan_segment` for document segments.

Thread-safe and reentrant: the only per-scan mutable state is Hyperscan's scratch space,
which is kept per thread.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from callshield.core.detection.base import (
    CJK,
    HYPOTHESIS_FIELDS,
    RTTM_FIELDS,
    Candidate,
    Detector,
    blank_numbered_labels,
)
from callshield.core.detection.corrections import follow_ups
from callshield.core.detection.ocr_reading import ocr_hinted, ocr_reading
from callshield.core.detection.prefilter import (
    MultiPatternDB,
    Trigger,
    database_key,
    database_plan,
)
from callshield.core.detection.prefixes import letter_prefix_start
from callshield.core.detection.resolve import resolve_overlaps
from callshield.core.detection.spoken import NormalisedText, normalise
from callshield.core.detection.spoken_words import FILLERS, SPOKEN_TRIGGER_PATTERNS
from callshield.core.detection.written_forms import (
    EVASION_PARTS,
    EVASION_TRIGGERS,
    JOINED_KEY_TRIGGER,
    written_forms,
)
from callshield.core.detectors.person import NameLexicon, PersonDetector
from callshield.core.detectors.phone import said_phones
from callshield.core.document import Segment
from callshield.core.entities import UNSCANNABLE, Catalogue, EntityType
from callshield.core.finding import Finding, Span
from callshield.core.redaction import Operator, RedactionResult, parse_operators, redact
from callshield.detectors import default_detectors
from callshield.prebuilt import load as load_prebuilt

log = logging.getLogger("callshield.engine")

#: Findings below this score are not reported (`min_score` changes it).
DEFAULT_MIN_SCORE = 0.5
#: A detector that takes longer than this per 100,000 characters of a segment marks the
#: segment unscannable (fail closed).
DEFAULT_DETECTOR_BUDGET_S = 2.0


class Engine:
    """Detection and redaction facade over the pure core."""

    def __init__(
        self,
        *,
        fingerprint_key: bytes | None = None,
        locales: Sequence[str] = ("en-US",),
        entities: Iterable[str | EntityType] | None = None,
        min_score: float = DEFAULT_MIN_SCORE,
        allow_list: Iterable[str] = (),
        deny_list: Iterable[str] = (),
        custom_detectors: Sequence[Detector] = (),
        catalogue: Catalogue | None = None,
        detector_budget_s: float = DEFAULT_DETECTOR_BUDGET_S,
        prebuilt: bool = True,
    ) -> None:
        self.catalogue = catalogue or Catalogue()
        available = self.catalogue.for_locales(locales)
        wanted = available if entities is None else self.catalogue.resolve(entities)
        outside = wanted - available
        if outside:
            names = ", ".join(sorted(e.name for e in outside))
            raise ValueError(f"entities not available in locales {list(locales)}: {names}")
        self.entities = frozenset(wanted) | {UNSCANNABLE}
        if not 0.0 <= min_score <= 1.0:
            raise ValueError("min_score must lie between 0 and 1")
        self.min_score = min_score
        self._key = fingerprint_key if fingerprint_key is not None else secrets.token_bytes(32)
        # keyed once: a copy of it per fingerprint skips hashing the key again (4.8 -> 3.6 us)
        self._mac = hmac.new(self._key, digestmod=hashlib.sha256)
        self._budget = detector_budget_s
        self._allowed = frozenset(self._allow_mark(v) for v in allow_list if v.strip())
        detectors = [
            d
            for d in default_detectors(deny_list=tuple(t for t in deny_list if t.strip()))
            # (UNSCANNABLE, which every engine reports, chooses no detector: one that reads
            # what it cannot split as UNSCANNABLE runs for the other entities it reports)
            if (d.entities - {UNSCANNABLE}) & self.entities
        ]
        detectors.extend(custom_detectors)
        self._detectors = tuple(detectors)
        person = next((d for d in detectors if isinstance(d, PersonDetector)), None)
        self._name_lexicon = person.lexicon if person is not None else None
        triggers = [Trigger(p, max_len=80, single=True) for p in SPOKEN_TRIGGER_PATTERNS]
        self._spoken_count = len(triggers)
        # right after the spoken triggers: whether `written_forms` looks for joined keys
        self._joined_key = len(triggers)
        triggers.append(Trigger(JOINED_KEY_TRIGGER, max_len=32, single=True))
        # and which evasions of a number's form it looks for
        self._evasions = {len(triggers) + k: kind for k, kind in enumerate(EVASION_TRIGGERS)}
        triggers.extend(
            Trigger(
                expression,
                max_len=48,
                caseless=False,
                single=True,
                parts=EVASION_PARTS.get(kind, ()),
            )
            for kind, expression in EVASION_TRIGGERS.items()
        )
        # Detectors that share a trigger (the number-run trigger) share one pattern in the
        # database: each match is reported once and dispatched to all of them.
        index: dict[Trigger, int] = {t: i for i, t in enumerate(triggers)}
        self._routes: list[tuple[int, ...]] = []
        for det in self._detectors:
            route = []
            for trig in det.triggers:
                if trig not in index:
                    index[trig] = len(triggers)
                    triggers.append(trig)
                route.append(index[trig])
            self._routes.append(tuple(route))
        # trigger index -> the detectors that listen to it, so a scan visits only those
        owners: dict[int, list[int]] = {}
        for d, route_ in enumerate(self._routes):
            for i in route_:
                owners.setdefault(i, []).append(d)
        self._owners = {i: tuple(ds) for i, ds in owners.items()}
        # the database compiled when callshield was built, when its patterns are these
        # (`callshield.prebuilt`): compiling it is most of the build
        plan = database_plan(triggers)
        serialized = load_prebuilt(database_key(triggers, plan)) if prebuilt else None
        self._db = MultiPatternDB(triggers, serialized=serialized, plan=plan)

    def __repr__(self) -> str:
        return f"Engine(detectors={len(self._detectors)}, entities={len(self.entities)})"

    @property
    def prefilter_patterns(self) -> tuple[Trigger, ...]:
        """Every trigger pattern in the combined database (for benchmarks and docs)."""
        return self._db.triggers

    @property
    def detector_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self._detectors)

    @property
    def name_lexicon(self) -> NameLexicon | None:
        """The person detector's census names, where this engine finds PERSON (the pipeline
        completes a name found in part with them); else None."""
        return self._name_lexicon

    def candidates(self, text: str) -> list[tuple[int, int]]:
        """The multi-pattern stage alone: (trigger index, end offset) pairs for `text`."""
        return self._db.scan(text)

    def candidate_columns(self, text: str) -> tuple[list[int], list[int]]:
        """The multi-pattern stage as `scan` runs it: trigger indices and end offsets."""
        return self._db.scan_columns(text)

    @property
    def prefilter_source(self) -> str:
        """ "prebuilt" when the combined database was loaded (`callshield.prebuilt`), else
        "compiled"."""
        return "prebuilt" if self._db.loaded else "compiled"

    def prefilter_serialized(self) -> bytes:
        """The combined database as bytes (`callshield.prebuilt` writes it; native backend)."""
        return self._db.serialize()

    @property
    def prefilter_backend(self) -> str:
        """Which backend runs the combined scan: "native" or "wheel" (see prefilter.py)."""
        return self._db.backend

    def scan(self, text: str, *, min_score: float | None = None) -> list[Finding]:
        """Findings in `text` at or above the reporting threshold, non-overlapping, in order."""
        return self.scan_segment(Segment(id="", text=text), min_score=min_score)

    def scan_segment(self, segment: Segment, *, min_score: float | None = None) -> list[Finding]:
        threshold = self.min_score if min_score is None else min_score
        text = segment.text
        if not text:
            return []
        try:
            candidates = self._candidates(text, segment.id)
        except Exception as exc:  # fail closed: the whole segment is reported
            log.error(
                "event=scan_failed segment=%s chars=%d error=%s",
                segment.id, len(text), type(exc).__name__,
            )  # fmt: skip
            return [self._unscannable(segment, f"scan failed: {type(exc).__name__}")]
        findings = [
            self._finding(name, c, segment.id)
            for name, c in candidates
            if c.score >= threshold and c.entity in self.entities and not self._is_allowed(c)
        ]
        return resolve_overlaps(findings)

    def redact(
        self,
        text: str,
        findings: Sequence[Finding] | None = None,
        operators: Mapping[str, Operator] | Mapping[str, Mapping[str, object]] | None = None,
        *,
        keys: Mapping[str, bytes] | None = None,
    ) -> RedactionResult:
        """Redact `text`. With `findings=None` it scans first (a convenience: the redaction
        step itself never detects). `operators` maps entity names to operators or to their
        JSON/YAML form (`{"op": "mask", "keep_last": 4}`)."""
        if findings is None:
            findings = self.scan(text)
        return redact(text, findings, _operators(operators, keys))

    # --- internals ---------------------------------------------------------------------------

    def has_spoken_forms(self, text: str) -> bool:
        """Whether the multi-pattern scan finds a spoken form in `text` (numbers as words,
        spelled letters, spoken e-mail addresses, digits in groups of three): when it does not,
        `scan` does not normalise."""
        return self._spoken_in(_ascii_forms(text))

    def normalise(self, text: str) -> NormalisedText | None:
        """The written form of `text` as `scan` reads it, or None when it has no spoken forms
        (then `spoken.normalise` is not run at all)."""
        text = _ascii_forms(text)
        return normalise(text) if self._spoken_in(text) else None

    def _spoken_in(self, text: str) -> bool:
        """`has_spoken_forms` of a text whose full-width forms are already read as ASCII."""
        try:
            ids, _ = self._db.scan_columns(text)
        except UnicodeEncodeError:  # lone surrogates (undecodable bytes kept): read it all
            return True
        return self._spoken_ids(ids)

    def _spoken_ids(self, ids: list[int]) -> bool:
        return bool(ids) and min(ids) < self._spoken_count  # the spoken triggers come first

    def _candidates(self, text: str, segment_id: str) -> list[tuple[str, Candidate]]:
        original = text
        text = _ascii_forms(text)  # same length: offsets stay valid
        found = self._candidates_in(text, segment_id)
        if "_" in original and text != original:
            # a value read with a snake-case word's underscores as blanks ("login: jdoe88 /
            # Tiger_lily_7" at a line's end reads as a key) runs on to the word's end
            found = [(name, _through_snake(original, cand)) for name, cand in found]
        # an identifier's letters before the digits its detector read ("it's x nine eight
        # ...", "W6419...", "k as in kilo six five ..."): the letters are the value's too
        for k, (name, cand) in enumerate(found):
            if cand.entity.name in _LETTERED:
                found[k] = (name, _with_letters(original, cand))
            elif cand.entity.name == "PHONE" and cand.start > 3:
                found[k] = (name, _with_scheme(original, cand))
        if text.isupper() and len(low := text.lower()) == len(text):
            # speech-to-text in capitals ("THANKS FOR HOLDING THIS IS ERIKA"), read a second
            # time in lower case, as speech-to-text mostly writes, for its names: capitals no
            # longer say "shouting, no name" (its numbers read the same in either case)
            self._add_reading(found, low, segment_id, _UPPER_REASON, only="PERSON")
        if ocr_hinted(text):
            # a scanned form as OCR misread it ("O6-13-l958", "Patient Narne: 8ARR, SONYA"),
            # read as printed, a second time (the same length); an IBAN's letters ("2Z00")
            # stay letters for the first reading
            read = ocr_reading(text)
            if read != text:
                self._add_reading(found, read, segment_id, _OCR_REASON)
        return found

    def _add_reading(
        self,
        found: list[tuple[str, Candidate]],
        read: str,
        segment_id: str,
        why: str,
        only: str = "",
    ) -> None:
        """Add to `found` what a second reading of the text (`read`, of the same length)
        finds where the first found nothing, or a part of the same value only, and no
        checksum failed ("11100002B", its "B"
        read as an 8, is no routing number); of one entity only, when `only` names it."""
        spans = [(c.start, c.end) for _, c in found]
        for name, cand in self._candidates_in(read, segment_id):
            if any("failed" in reason for reason in cand.reasons):
                continue
            if only and (
                cand.entity.name != only
                or _GREETED in cand.reasons
                or _GREETING_BEFORE.search(read, max(0, cand.start - 24), cand.start)
            ):
                continue  # (and no name a greeting addresses: "HEY HO!" is a shout still)
            over = [k for k, (s, e) in enumerate(spans) if s < cand.end and cand.start < e]
            if over and all(
                found[k][1].entity == cand.entity
                and cand.start <= spans[k][0]
                and spans[k][1] <= cand.end
                and (cand.start, cand.end) != spans[k]
                for k in over
            ):
                # (it takes in what the first reading found of it: "555-O140" of "(2l2)
                # 555-O140", whose area code only the second reading reads)
                for k in reversed(over):
                    del found[k], spans[k]
                over = []
            if not over:
                found.append((name, replace(cand, reasons=(*cand.reasons, why))))

    def _candidates_in(self, text: str, segment_id: str) -> list[tuple[str, Candidate]]:
        ids, ends = self._db.scan_columns(text)
        # camel-case keys, percent-escapes, ...: spelled out, with an offset map
        evasions = {self._evasions[i] for i in ids if i in self._evasions}
        spelled = written_forms(text, joined_keys=self._joined_key in ids, evasions=evasions)
        if spelled is None:
            return self._read(text, segment_id, ids, ends)
        out = []
        for name, cand in self._read(spelled.text, segment_id):
            start, end = spelled.to_original(cand.start, cand.end)
            out.append((name, replace(cand, start=start, end=end)))
        return out

    def _read(
        self,
        text: str,
        segment_id: str,
        ids: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> list[tuple[str, Candidate]]:
        """The candidates of `text` as the detectors read it (`_ascii_forms`, `written_forms`
        applied), spoken forms normalised first when the scan (`ids`, `ends`, made here when
        not given) finds any."""
        if ids is None or ends is None:
            ids, ends = self._db.scan_columns(text)
        if self._spoken_ids(ids):
            written = normalise(text)
            if written is not None:
                w_ids, w_ends = self._db.scan_columns(written.text)
                found = self._confirm(written.text, w_ids, w_ends, segment_id)
                found += follow_ups(written.text, found)
                lifted = said_phones(written.text, written.said, [cand for _, cand in found])
                found = [(name, cand) for (name, _), cand in zip(found, lifted, strict=True)]
                out = []
                for name, cand in found:
                    start, end = written.to_original(cand.start, cand.end)
                    reasons = (*cand.reasons, "spoken or grouped form normalised")
                    out.append((name, replace(cand, start=start, end=end, reasons=reasons)))
                return out
        found = self._confirm(text, ids, ends, segment_id)
        return found + follow_ups(text, found)

    def _confirm(
        self, text: str, ids: list[int], ends: list[int], segment_id: str
    ) -> list[tuple[str, Candidate]]:
        by_trigger: dict[int, list[int]] = {}
        for idx, end in zip(ids, ends, strict=True):
            group = by_trigger.get(idx)
            if group is None:
                by_trigger[idx] = [end]
            else:
                group.append(end)
        out: list[tuple[str, Candidate]] = []
        # the budget is per 100,000 characters: a long file is not a slow detector
        budget = self._budget * max(1.0, len(text) / 100_000)
        active = sorted({d for i in by_trigger for d in self._owners.get(i, ())})
        for d in active:
            det = self._detectors[d]
            grouped: list[Sequence[int]] = [by_trigger.get(i, _NO_HITS) for i in self._routes[d]]
            started = time.perf_counter()
            try:
                out.extend((det.name, cand) for cand in det.confirm(text, grouped))
            except Exception as exc:
                log.error(
                    "event=detector_failed detector=%s segment=%s chars=%d error=%s",
                    det.name, segment_id, len(text), type(exc).__name__,
                )  # fmt: skip
                raise DetectorFailedError(det.name) from None
            if time.perf_counter() - started > budget:
                log.error(
                    "event=detector_timeout detector=%s segment=%s chars=%d budget_s=%.2f",
                    det.name, segment_id, len(text), budget,
                )  # fmt: skip
                raise DetectorFailedError(det.name)
        return out

    def _finding(self, detector: str, cand: Candidate, segment_id: str) -> Finding:
        return Finding(
            entity=cand.entity,
            span=Span(cand.start, cand.end),
            score=round(cand.score, 4),
            detector=detector,
            reasons=cand.reasons,
            fingerprint=self.fingerprint(cand.entity, cand.value),
            segment_id=segment_id,
        )

    def fingerprint(self, entity: EntityType, value: str) -> str:
        """Keyed HMAC-SHA256 of the normalised value: stable for one key, useless without it."""
        return self._keyed(f"{entity.name}:{value}".encode())[:32]

    def _allow_mark(self, value: str) -> str:
        return self._keyed(_canonical(value).encode())

    def _keyed(self, data: bytes) -> str:
        """HMAC-SHA256 of `data` under the engine's key, in hex (from the MAC keyed once)."""
        mac = self._mac.copy()
        mac.update(data)
        return mac.hexdigest()

    def _is_allowed(self, cand: Candidate) -> bool:
        return bool(self._allowed) and self._allow_mark(cand.value) in self._allowed

    def _unscannable(self, segment: Segment, reason: str) -> Finding:
        return Finding(
            entity=UNSCANNABLE,
            span=Span(0, len(segment.text)),
            score=1.0,
            detector="engine",
            reasons=(reason, "fail closed: whole segment redacted"),
            fingerprint=self.fingerprint(UNSCANNABLE, str(len(segment.text))),
            segment_id=segment.id,
        )


class DetectorFailedError(Exception):
    """A detector raised or ran past its budget; the segment is reported as UNSCANNABLE."""

    def __init__(self, detector: str) -> None:
        super().__init__(f"detector {detector!r} failed or timed out")


#: The hits of a trigger that did not fire.
_NO_HITS: tuple[int, ...] = ()

#: The zero of every script's decimal digits after ASCII's (Unicode 14: Arabic-Indic,
#: Devanagari, Thai, ..., the mathematical bold and monospace digits), each followed by 1-9;
#: the full-width digits are among the full-width forms below. A test holds this to
#: `unicodedata` (every character of category Nd is read as its digit).
_DIGIT_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
)  # fmt: skip

#: What the detectors read in place of characters that hide a value or write it differently,
#: one character for one (offsets stay valid): any script's decimal digits as ASCII digits
#: ("٤١١١ ١١١١ ...", "𝟒𝟏𝟏𝟏 ..."); full-width digits, letters and signs (evasion,
#: or East Asian input methods) as ASCII; spaces other than ASCII's (no-break, thin,
#: ideographic) as a space; dashes and the minus sign ("078–05–1120") as "-". (Characters of
#: no width and the soft hyphen, put inside a number or a name to break it up,
#: "4111<U+200B>1111", "An<U+200D>thony", "ex<U+00AD>ample.org", are read as a blank between a
#: letter and a digit, `_ZERO_WIDTH_BY_DIGIT`, but not inside an e-mail address, and left
#: between letters or between digits for `written_forms`, which reads them as nothing.)
_ZERO_WIDTH_BY_DIGIT = re.compile(
    "(?<=[0-9])[\u00ad\u200b\u200c\u200d\u2060\ufeff](?=[^\\W\\d_])"
    "|(?<=[^\\W\\d_])[\u00ad\u200b\u200c\u200d\u2060\ufeff](?=[0-9])"
)
_SCAN_FORMS: dict[int, int] = {
    **{cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)},
    **{zero + d: ord("0") + d for zero in _DIGIT_ZEROS for d in range(10)},
    0x180E: ord(" "),
    **dict.fromkeys((0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000), ord(" ")),
    **dict.fromkeys((*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63), ord("-")),
    # bullets and middle dots put between groups of digits ("4111•1111•...") as "-"
    **dict.fromkeys((0x00B7, 0x2022, 0x2219, 0x22C5, 0x30FB, 0xFF65), ord("-")),
    # superscript, subscript and circled digits ("⁴¹¹¹ ¹¹¹¹ ...", "④①①①"): no decimal
    # digits to Unicode (category No), a digit to whoever reads them
    **{cp: ord(str(d)) for d, cp in enumerate((0x2070, 0xB9, 0xB2, 0xB3, *range(0x2074, 0x207A)))},
    **{0x2080 + d: ord(str(d)) for d in range(10)},
    **{0x2460 + d: ord(str(d + 1)) for d in range(9)},
    0x24EA: ord("0"),
}


#: Chinese digits ("幺" is a one said on the phone, "两" a two), three or more in a row.
_CJK_DIGIT_MAP = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
_CJK_DIGITS = re.compile("[零〇一二三四五六七八九幺两]{3,}")


#: A Chinese, Japanese or Korean character (kana, ideographs, Hangul) next to an ASCII letter or
#: digit (not in an e-mail address's domain: "me@中1111.com").
_CJK_TOUCHING = re.compile(f"(?<![@.])[{CJK}](?=[A-Za-z0-9])|(?<=[A-Za-z0-9])[{CJK}](?![@.])")


def _cjk_digits(match: re.Match[str]) -> str:
    return match.group().translate(_CJK_DIGIT_MAP)


_CUSTOM_SUFFIX = re.compile(r"(?<=[A-Za-z0-9])__[cr]\b")
_CHAT_FILLER = re.compile(rf"&-({'|'.join(sorted(FILLERS, key=len, reverse=True))})\b")


def _filler_word(match: re.Match[str]) -> str:
    return "  " + match.group(1)


#: The fields before a recogniser's hypothesis and before an RTTM line's text (read as
#: blanks: a label, no value).
_HYPOTHESIS_FIELDS = re.compile(rf"{HYPOTHESIS_FIELDS}(?=[ \t])", re.MULTILINE)
_RTTM_FIELDS = re.compile(RTTM_FIELDS, re.MULTILINE)
#: A data frame's role column, right-aligned (its rows' labels have no colon or bar).
_FRAME_ROLE = "     agent  "


def _blank_unless_in_an_address(match: re.Match[str]) -> str:
    """A blank for a character of no width between a letter and a digit, but inside an e-mail
    address ("johnj<U+200B>ensen<U+200B>59@example.org") the character, which `written_forms`
    reads as nothing: the address is one."""
    text = match.string
    start, end = match.start(), match.end()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return match.group() if "@" in text[start:end] else " "


def _ascii_forms(text: str) -> str:
    """`text` as the detectors read it (`_SCAN_FORMS`, `_HOMOGLYPHS`, `_GROUP_MARKS`; the
    same length)."""
    if not text.isascii():
        text = text.translate(_SCAN_FORMS)
        if _GREEK_OR_CYRILLIC.search(text) is not None:
            text = _MIXED_SCRIPT.sub(_as_latin, text)
        if _CJK_DIGITS.search(text) is not None:
            # Chinese digits said one by one, as a code-switched call's transcript writes a
            # number ("四零四 五五五 零幺七五"): three or more in a row, read as digits
            text = _CJK_DIGITS.sub(_cjk_digits, text)
        if _CJK_TOUCHING.search(text) is not None:
            # a Chinese, Japanese or Korean character glued to a Latin word or a digit, as a
            # code-switched call writes its own words beside an English cue or a number ("zip
            # code是30450", "尾号0187"), read as the blank those scripts do not write: the cue
            # and the number are whole words again (the few CJK cues, a birth date's and a
            # phone's, take no word boundary: `Cues`, `cue_trigger`)
            text = _CJK_TOUCHING.sub(" ", text)
        if _ZERO_WIDTH_BY_DIGIT.search(text) is not None:
            # (between a letter and a digit, a blank: "card<U+2060>4111..." reads "card 4111
            # ..."; between letters or digits, `written_forms` reads it as nothing)
            text = _ZERO_WIDTH_BY_DIGIT.sub(_blank_unless_in_an_address, text)
    if ":" in text or "|" in text or "\n[" in text or "Q.  " in text or _FRAME_ROLE in text:
        # a numbered speaker's label or a time stamp at a line's start is read as blanks:
        # "[00:01:30] spk_1: it's rosenthal" is an utterance, "it's rosenthal", as the
        # detectors read an unlabelled line (no "Speaker" taken for a name, no digit for a
        # value's); so is an utterance's number above its label ("13\n[CALLER] ..."), and a
        # court reporter's line number before "Q." or "A."
        text = blank_numbered_labels(text)
    if (" ch" in text or " spk" in text) and _HYPOTHESIS_FIELDS.search(text) is not None:
        # a recogniser's raw hypotheses, a call's ID, its channel and times before each ("342623
        # ch1 0023.36 0024.81 one nine three nine"): a label, read as blanks
        text = _HYPOTHESIS_FIELDS.sub(_blanks, text)
    if "utt_" in text and " spk=" in text:
        # a recogniser's n-best list: each utterance's header ("utt_0005 spk=CALLER start=18.10
        # end=19.87") read as its speaker's label, each hypothesis's rank and scores ("  1
        # -11.12 0.672  yeah it's ...") as blanks: the question on one line, its answer after
        text = _NBEST_HYPOTHESIS.sub(_blanks, _NBEST_HEADER.sub(_speaker_label, text))
    if "SPEAKER " in text and "|" in text:
        # a diarizer's RTTM fields before the text it aligned ("SPEAKER call_1 1 0.436 4.215
        # <NA> <NA> SPEAKER_00 <NA> <NA> | ..."): a label, read as blanks
        text = _RTTM_FIELDS.sub(_blanks, text)
    if "**" in text:
        # a speaker's label in Markdown bold ("**Customer:** kristin davidson", "**Agent**:")
        # is read as the label alone: its stars blanks
        text = _BOLD_LABEL.sub(_unstarred, text)
    if ">" in text:
        # a quoted reply's marks at its lines' starts ("> Kind regards,\n> Will, Member
        # Services") are read as blanks: a quoted line reads as the line it quotes
        text = _QUOTE_MARKS.sub(_blanks, text)
    if "[br]" in text:
        # a SubViewer subtitle's line break ("the last four of[br]your social"): a blank
        text = text.replace("[br]", "    ")
    if "&-" in text:
        # a CHAT transcript's filler codes ("3 oh 5 six &-uh nine three"): the filler's word
        text = _CHAT_FILLER.sub(_filler_word, text)
    if "__c" in text or "__r" in text:
        # a Salesforce custom field's suffix ("SSN_Last4__c=6004") is no word of its key
        text = _CUSTOM_SUFFIX.sub(_blanks, text)
    if "__" in text:
        # a form's blank, filled in: "Date of Birth: __04/10/1974__" (no group mark)
        text = _BLANK_LINE.sub(_blanks, text)
    if "_" in text:
        text = _SNAKE_KEY.sub(_spaced_key, text)
    if "_" in text or "/" in text or "~" in text or "*" in text or "^" in text or "\\" in text:
        # (an X12 file's "*" and "~" part its elements and segments: "DMG*D8*19720318~")
        edi = "*" in text and _X12_TEXT.search(text) is not None
        text = (_GROUP_MARKS_EDI if edi else _GROUP_MARKS).sub("-", text)
    return text


_OCR_REASON = "read with OCR's letters as digits"
_UPPER_REASON = "read in lower case"
#: The reason of a name read as the one a greeting addresses (person.py), and a greeting
#: right before a name: in capitals, "HELLO BOB!" may be a shout.
_GREETED = "the name a greeting addresses"
_GREETING_BEFORE = re.compile(
    r"\b(?:hey|hi|hello|hiya|yo|thanks|thank you|dear|good (?:morning|afternoon|evening))"
    r"[\s,!.]*\Z"
)
_BLANK_LINE = re.compile(r"_{2,}")
#: A quoted reply's marks at a line's start: ">", "> >", ">>" and the blank after them.
_QUOTE_MARKS = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?(?=\S)", re.MULTILINE)


def _blanks(match: re.Match[str]) -> str:
    return " " * len(match.group())


#: An n-best list's utterance header and a hypothesis's rank, log-likelihood and confidence.
_NBEST_HEADER = re.compile(r"^utt_\w+[ \t]+spk=(\w+)[ \t]+start=\S+[ \t]+end=\S+[ \t]*$", re.M)
_NBEST_HYPOTHESIS = re.compile(r"^[ \t]+\d{1,2}[ \t]+-?\d+\.\d+[ \t]+\d\.\d+[ \t]+", re.M)


def _speaker_label(match: re.Match[str]) -> str:
    """The speaker's label ("CALLER:"), then blanks to the match's length."""
    label = match.group(1) + ":"
    return label + " " * (len(match.group()) - len(label))


#: A speaker's label in Markdown bold at a line's start: "**Agent:**", "**Customer**:",
#: "- **Caller (00:41):**".
_BOLD_LABEL = re.compile(
    r"^([ \t]*(?:[-*][ \t]+)?)\*\*([A-Za-z][\w .'\-]{0,30}?(?:[ \t]*\([\w :.'\-]{1,20}\))?)"
    r"(:?)\*\*(:?)(?=[ \t])",
    re.MULTILINE,
)


def _unstarred(match: re.Match[str]) -> str:
    lead, label, colon, after = match.groups()
    if not (colon or after):
        return match.group()  # bold words, no label: "**Note** the card ..."
    return f"{lead}  {label}{colon or after}  " + (" " if colon and after else "")


#: Cyrillic and Greek letters that look like Latin ones, each read as the Latin letter in a
#: word that mixes them with Latin letters: "ѕѕn" (two Cyrillic dze), "cаrd" (a Cyrillic a),
#: a homoglyph put in a cue to slip its value past a filter. A word in one script is left as
#: it is (Russian or Greek text is no evasion).
_HOMOGLYPHS = str.maketrans(
    "аеорсухѕіјһӏԁԛԝАВЕКМНОРСТХЅІЈУοαικνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxsijhldqwABEKMHOPCTXSIJYoaikvptuxABEZHIKMNOPTYX",
)
_GREEK_OR_CYRILLIC = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_MIXED_SCRIPT = re.compile(
    r"[^\W\d_]*(?:[A-Za-z][^\W\d_]*[\u0370-\u03ff\u0400-\u052f]"
    r"|[\u0370-\u03ff\u0400-\u052f][^\W\d_]*[A-Za-z])[^\W\d_]*"
)


def _as_latin(word: re.Match[str]) -> str:
    return word.group().translate(_HOMOGLYPHS)


#: A key in snake case where a value follows it (JSON, a log line, a form, a header row):
#: "date_of_birth": "...", acct_no=..., "customer_name,status". Read with blanks for its
#: underscores, so that its words are the cues they are ("date of birth", "account number").
_SNAKE_KEY = re.compile(
    # (a JSON value with digits in it is a value: '"user": "jane_vu93"' is a user name; one of
    # words names a field: '"field": "account_number", "digits": ...')
    # (a dotted key's last part too: "ach.test.acct_no=67332616244", as properties write)
    # (nor a token after a key's "=" or ": ", a part of twelve letters and digits or more
    # with a digit in it: "PARTNER_API_KEY=key_5EzXatg...", "webhook_secret: whsec_2btQlQ...",
    # whose underscores are its own; "id=ENTER_SSN_LAST4" is a key)
    r"(?<![\w@\-])(?!(?<=:\s\")[\w]*\d)(?!(?<=:\")[\w]*\d)"
    r"(?!(?:(?<==)|(?<==[\"'])|(?<=:[ \t]))(?=\w*\d)\w*[A-Za-z0-9]{12})"
    r"(?:[A-Za-z]|\d[A-Za-z])[A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"
    # (or a logfmt value before the next key: "field=account_number digits=35771203839", an
    # IVR's log of what it collected)
    r"(?=[\"']?[ \t]*(?:[:=,|\t\n]|\Z)|[ \t]+[A-Za-z_][\w.\-]{0,40}=)"
)


def _spaced_key(match: re.Match[str]) -> str:
    return match.group().replace("_", " ")


#: The rest of a snake-case word from one of its underscores.
_SNAKE_REST = re.compile(r"(?:_[A-Za-z0-9]+)+")


#: The identifiers that may start with letters said or written apart from their digits
#: (`letter_prefix_start`): an account's, a plan's or a policy's number, a licence's, a
#: passport's, an e-mail's local part spelled ("j mai seventy one at gmail dot com").
_LETTERED = frozenset(
    {
        "BANK_ACCOUNT", "INSURANCE_POLICY", "HEALTH_INSURANCE_ID", "CUSTOMER_NUMBER",
        "US_DRIVER_LICENSE", "US_PASSPORT", "NATIONAL_ID", "EMAIL",
    }
)  # fmt: skip


def _with_letters(original: str, cand: Candidate) -> Candidate:
    """`cand` run back over the letters that open it (`letter_prefix_start`), in `original`."""
    start = letter_prefix_start(original, cand.start)
    if start == cand.start or (cand.entity.name == "EMAIL" and original[cand.start - 1] != " "):
        return cand
    return replace(cand, start=start, value=original[start : cand.start] + cand.value)


#: A URI's scheme before a telephone number: "tel:+16025550156", "sip:+17205550113@...".
_PHONE_SCHEME = re.compile(r"(?<![\w.\-])(?i:tel|sips?|callto):\Z")


def _with_scheme(original: str, cand: Candidate) -> Candidate:
    """`cand`, a telephone number, run back over the URI scheme right before it."""
    scheme = _PHONE_SCHEME.search(original, max(0, cand.start - 7), cand.start)
    if scheme is None:
        return cand
    return replace(
        cand, start=scheme.start(), value=original[scheme.start() : cand.start] + cand.value
    )


def _through_snake(original: str, cand: Candidate) -> Candidate:
    """`cand` run on to the end of the snake-case word it stops inside, in `original`."""
    rest = _SNAKE_REST.match(original, cand.end)
    if rest is None or cand.end == cand.start or not original[cand.end - 1].isalnum():
        return cand
    return replace(cand, end=rest.end(), value=cand.value + original[cand.end : rest.end()])


#: Marks that split a number into groups where a filter looks for spaces or dashes, read as a
#: dash: an underscore, a tilde, an asterisk, a caret or a backslash between digits
#: ("4111_1111_1111_1111", "078~05~1120": marks no number is written with, which hide one
#: from a filter) and a slash between groups of four ("4111/1111/1111/1111"; not a date's,
#: "12/27/2024", nor a routing number's before its account's, "021000021/509745575047").
_GROUP_MARKS = re.compile(r"[_~*^\\](?<=\d.)(?=\d)|/(?<=\d{4}/)(?<!\d{5}/)(?=\d{4})")
_GROUP_MARKS_EDI = re.compile(r"[_^\\](?<=\d.)(?=\d)|/(?<=\d{4}/)(?<!\d{5}/)(?=\d{4})")
#: An ASC X12 file's segments ("ISA*00*...", "NM1*IL*1*...~").
_X12_TEXT = re.compile(r"(?:^|~)[ \t]*(?:ISA|GS|ST|NM1)\*", re.MULTILINE)


def _canonical(value: str) -> str:
    digits = "".join(ch for ch in value if ch.isdigit())
    return digits if len(digits) >= 4 else " ".join(value.lower().split())


def _operators(
    operators: Mapping[str, Operator] | Mapping[str, Mapping[str, object]] | None,
    keys: Mapping[str, bytes] | None,
) -> dict[str, Operator] | None:
    if operators is None:
        return None
    if all(isinstance(v, Mapping) for v in operators.values()):
        return parse_operators(operators, keys)  # type: ignore[arg-type]
    return dict(operators)  # type: ignore[arg-type]
