"""Personal data found in text and replaced by typed placeholders (`[CREDIT_CARD]`, `[NAME]`, ...).

Engine: `phonenumbers` (PhoneNumberMatcher, VALID numbers) + `python-stdnum` (Luhn, IBAN, SSN
rules) behind compiled candidate regexes: import 0.09 s, +9 MB RSS, offline (bundled metadata).
Presidio 2.2.366 pattern recognizers: import 0.9 s, 111 MB RSS, and its e-mail check has
tldextract download the public suffix list at first use (not offline), so it is not used.

Texts with fewer than 7 ASCII digits, no '@' and none of the names cost a regex scan or two.
Kept on purpose: numbers a phone check rejects (amounts, dates, times, years, short codes), card
numbers failing Luhn, bare 9-digit runs (not taken as SSNs), and a bare digit run right after
"order", "ticket", "case", ... even when it is a valid phone number. Placeholders already in the
text (`[NAME]`, `[PII]`) are left alone, so redacting twice changes nothing.

>>> Redactor(names=["Maria Lopez"]).redact("Maria, your card 4111 1111 1111 1111 is blocked")
'[NAME], your card [CREDIT_CARD] is blocked'
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

import phonenumbers
from phonenumbers import PhoneMetadata

from csnlp.errors import InputError, describe
from csnlp.results import Evidence, FrozenList, Report, StandardResult

PLACEHOLDERS = {
    "CREDIT_CARD": "[CREDIT_CARD]",
    "EMAIL": "[EMAIL]",
    "PHONE": "[PHONE]",
    "US_SSN": "[SSN]",
    "IBAN": "[IBAN]",
    "NAME": "[NAME]",
}
ENTITIES = tuple(PLACEHOLDERS)

# (Written digit first: 3x faster to search than the same language as "(?:D S{0,2}){6}D".)
_DIGIT_RUN7 = re.compile(r"[0-9](?:[ ().\-/]{0,2}[0-9]){6}")
# Fullmatches a text with at most 6 digits, which `_DIGIT_RUN7` cannot match: 3x faster than
# its scan on the long digit-poor texts of explanations and turns (the charsets are disjoint,
# so it does not backtrack).
_FEW_DIGITS = re.compile(r"[^0-9]*(?:[0-9][^0-9]*){0,6}")
_DIGIT_RUN = re.compile(r"(?<![\w.])[0-9]+(?:[ -][0-9]+)*(?!\w)")  # card candidates
_GROUP = re.compile(r"[0-9]+")
_SSN = re.compile(r"(?<![\w-])[0-9]{3}([- ])[0-9]{2}\1[0-9]{4}(?![\w-])")
_IBAN = re.compile(r"(?<!\w)[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}(?!\w)")
# The lookbehind makes a match start only at the start of a run, so a long run stays linear.
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}", re.ASCII
)
_TLD = re.compile(r"\.([A-Za-z]{2,63})$")
_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z_]*\]")
# A bare digit run after these words is a reference the customer reads out, not a phone.
_REFERENCE_BEFORE = re.compile(
    r"\b(?:order|ticket|case|invoice|tracking|confirmation|reference|ref|booking|claim)"
    r"(?:\s+(?:number|no|id))?[\s.:#]*$",
    re.IGNORECASE,
)
# A 13-19 digit run read out right after these words is a card number even when it fails Luhn
# (a mistyped or made-up number is still a number nobody should find in a results file).
_CARD_BEFORE = re.compile(r"\b(?:card|visa|mastercard|amex|debit|credit)\b[^0-9]{0,30}$",
                          re.IGNORECASE)
_NAME_PARTICLES = frozenset("al bin da de del della der di du el la le van von y".split())
_CACHE_MAX_CHARS = 2000
_PATTERN_ENTITIES = frozenset(ENTITIES) - {"NAME"}
_LUHN_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """Personal data at text[start:end], of kind `entity` (a key of PLACEHOLDERS)."""

    start: int
    end: int
    entity: str


class Redactor:
    """Finds personal data in text and replaces it with typed placeholders.

    Cheap to build (the names pattern is cached), so build one per transcript with its names.

    >>> Redactor(names=["Sam"]).find("hi sam, mail sam@example.com")
    [PiiSpan(start=3, end=6, entity='NAME'), PiiSpan(start=13, end=28, entity='EMAIL')]
    """

    def __init__(
        self,
        *,
        names: Iterable[str | None] = (),
        default_region: str = "US",
        entities: Iterable[str] = ENTITIES,
    ) -> None:
        self.entities = frozenset(entities)
        unknown = sorted(self.entities - set(ENTITIES))
        if unknown:
            raise InputError(f"Redactor entities: unknown {describe(unknown)}; known {ENTITIES}")
        region = str(default_region).upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise InputError(f"Redactor default_region: unknown region {describe(default_region)}")
        self.default_region = region
        self.names = (names,) if isinstance(names, str) else tuple(names)
        bad = [name for name in self.names if name is not None and not isinstance(name, str)]
        if bad:
            raise InputError(f"Redactor names: not a string: {describe(bad[0])}")
        self._all_patterns = self.entities >= _PATTERN_ENTITIES
        self._names, self._name_heads = (
            _names_pattern(self.names) if "NAME" in self.entities else (None, ())
        )

    def find(self, text: str) -> list[PiiSpan]:
        """The personal data in `text`, sorted by start, not overlapping (longest wins)."""
        spans: list[PiiSpan] = []
        if self._names is not None and self._may_hold_name(text):
            spans += [PiiSpan(m.start(), m.end(), "NAME") for m in self._names.finditer(text)]
        found = (
            _pattern_spans_cached(text, self.default_region)
            if len(text) <= _CACHE_MAX_CHARS
            else _pattern_spans(text, self.default_region)
        )
        if found:
            spans += found if self._all_patterns else [
                span for span in found if span.entity in self.entities]
        if not spans:
            return spans
        return _resolve(spans, _placeholders(text) if "[" in text else [])

    def _may_hold_name(self, text: str) -> bool:
        # Substring tests are 3x cheaper than the regex; non-ASCII text goes to the regex because
        # str.lower and the regex's case folding differ there.
        if not text.isascii():
            return True
        lowered = text.lower()
        return any(head in lowered for head in self._name_heads)

    def redact(self, text: str) -> str:
        """`text` with each span of `find` replaced by its placeholder."""
        spans = self.find(text)
        if not spans:
            return text
        parts, last = [], 0
        for span in spans:
            parts += [text[last : span.start], PLACEHOLDERS[span.entity]]
            last = span.end
        parts.append(text[last:])
        return "".join(parts)

    def redact_mapping(self, mapping: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of `mapping` (metadata) with every string value redacted, nested ones too."""
        return {key: self._redact_value(value) for key, value in mapping.items()}

    def _redact_value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            return self.redact_mapping(value)
        if isinstance(value, (list, tuple)):
            items = [self._redact_value(item) for item in value]
            # a tuple is read-only: the same one when nothing in it changed
            if type(value) in (tuple, FrozenList) and all(map(operator.is_, items, value)):
                return value
            return type(value)(items)
        return value


@lru_cache(maxsize=4096)
def _names_pattern(
    names: tuple[str | None, ...],
) -> tuple[re.Pattern[str] | None, tuple[str, ...]]:
    """One alternation of the whole names and their words, whole-word and case-insensitive,
    and the lowercased first word of each (every match holds one of them)."""
    variants: set[str] = set()
    heads: set[str] = set()
    for name in names:
        # "Lopez, Maria" is how many CRMs store a name.
        words = [word.strip(",;:") for word in (name or "").split() if word.strip(",;:")]
        # A lone particle ("de", "van") or initial would blank ordinary words all over the text.
        if len("".join(words).strip(".")) < 2:
            continue
        variants.add(r"\s+".join(map(re.escape, words)))
        heads.add(words[0].lower())
        for word in words:
            if len(word.strip(".")) > 1 and word.lower() not in _NAME_PARTICLES:
                variants.add(re.escape(word))
                heads.add(word.lower())
    if not variants:
        return None, ()
    alternation = "|".join(sorted(variants, key=len, reverse=True))
    # Testing the first letter before the lookbehind makes the scan 40% faster.
    first = "".join(sorted({re.escape(head[0]) for head in heads}))
    pattern = re.compile(rf"(?=[{first}])(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)
    return pattern, tuple(sorted(heads))


def _emails(text: str) -> list[PiiSpan]:
    spans = []
    for match in _EMAIL.finditer(text):
        address = match.group().rstrip("-")
        if _TLD.search(address) and not address.startswith("."):
            spans.append(PiiSpan(match.start(), match.start() + len(address), "EMAIL"))
    return spans


@lru_cache(maxsize=8192)
def _pattern_spans_cached(text: str, region: str) -> tuple[PiiSpan, ...]:
    # Explanations come from a few templates, and metadata values and short turns ("Thank
    # you!") repeat across transcripts; short texts only, to bound memory.
    return _pattern_spans(text, region)


def _pattern_spans(text: str, region: str) -> tuple[PiiSpan, ...]:
    """E-mails, cards, SSNs, IBANs and phones (every entity but names): every candidate,
    overlaps left to `_resolve`."""
    spans = _emails(text) if "@" in text else []
    # Every card, phone, SSN and IBAN holds 7+ digits close together (at most two
    # separators between two digits); amounts, dates and lists of turn numbers seldom do,
    # and skip the phone parser, which is most of the cost.
    if _FEW_DIGITS.fullmatch(text) is None and _DIGIT_RUN7.search(text):
        spans += _digit_spans(text, region)
    return tuple(spans)


def _digit_spans(text: str, region: str) -> list[PiiSpan]:
    """Cards, SSNs, IBANs and phones: every candidate, overlaps left to `_resolve`."""
    spans = [*_cards(text), *_ibans(text)]
    spans += [
        PiiSpan(m.start(), m.end(), "US_SSN")
        for m in _SSN.finditer(text)
        if _stdnum().ssn.is_valid(re.sub("[^0-9]", "", m.group()))
    ]
    if not _phone_possible(text, region):
        return spans
    # The matcher parses every digit group ("6th", "5 pm"); skipping those too short to be a
    # valid number changes nothing but its count of rejected groups. By default it gives up
    # after 65535 of those, so a long text (a metadata value) of many digit groups would hide
    # the numbers after them: a text makes at most 19 tries a character (one per group, two per
    # inner group for each of its 6 inner patterns), so a budget of 20 a character never runs
    # out, and the scan stays linear in the text.
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID,
        min_candidate_length=_min_phone_chars(region), max_tries=max(65535, 20 * len(text))
    ):
        bare = match.raw_string.isdigit()
        if not (bare and _REFERENCE_BEFORE.search(text, max(0, match.start - 40), match.start)):
            spans.append(PiiSpan(match.start, match.end, "PHONE"))
    return spans


_LETTERS = re.compile(r"[^\W\d_]+")  # a phone number never spans a letter (tested)
_DIGITS = re.compile(r"\d+")


def _phone_possible(text: str, region: str) -> bool:
    """Whether `text` may hold a VALID phone number for default `region`: the matcher runs
    only then, and it is most of redaction's cost.

    Without a '+' or the region's dialling prefix (US "011") at the start of a digit run, a
    number is national: its digits, less a national prefix (US "1") and less the region's own
    calling code written without '+', must have one of the lengths numbers of `region`'s
    calling code have (US and Canada: 7 or 10). The matcher
    reads a number from digit runs between two letters; every join of consecutive runs there is
    counted, so an order number of 9 digits or an amount skips the parser, and no number it
    would find is skipped (tests/test_redact_differential.py checks every region). Regions
    whose national prefix is a pattern or rewrites the number (AR, BR, GB, MG, ...) always
    run the parser.
    """
    if "+" in text or "\uff0b" in text:  # '+' and the fullwidth plus the parser reads as one
        return True
    bounds = _national_bounds(region)
    if bounds is None:
        return True
    lengths, prefix, idd, code = bounds
    longest = max(lengths) + len(prefix) + len(code)

    def national(digits: str) -> bool:
        n = len(digits)
        return n in lengths or (bool(prefix) and digits.startswith(prefix)
                                and n - len(prefix) in lengths)

    for stretch in _LETTERS.split(text):
        runs = _DIGITS.findall(stretch)
        for i in range(len(runs)):
            if idd is not None and idd.match("".join(runs[i:])):
                return True
            digits = ""
            for run in runs[i:]:
                digits += run
                if len(digits) > longest:
                    break
                # national, or the region's own calling code written without '+' before a
                # national number ("33 1 23 45 67 89" in France, "1 1 415 ..." in the US)
                if national(digits) or (digits.startswith(code)
                                        and national(digits[len(code):])):
                    return True
    return False


@cache
def _national_bounds(region: str
                     ) -> tuple[frozenset[int], str, re.Pattern[str] | None, str] | None:
    """For a region whose national numbers are read plainly: the lengths of national numbers
    of the regions sharing its calling code, its national prefix ("" for none), its
    international dialling prefix as a regex (None: none) and its calling code. None when the
    region's metadata reads the national prefix by a pattern or rewrites the number (any
    length may be valid)."""
    meta = PhoneMetadata.metadata_for_region(region)
    if meta is None:
        return None
    national = meta.national_prefix or ""
    parse = meta.national_prefix_for_parsing
    if meta.national_prefix_transform_rule or (parse and parse != national) \
            or not national.isdigit() and national:
        return None
    code = phonenumbers.country_code_for_region(region)
    lengths: set[int] = set()
    for name in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ()):
        other = PhoneMetadata.metadata_for_region_or_calling_code(code, name)
        desc = other.general_desc if other is not None else None
        if desc is None or not desc.possible_length:
            return None  # no lengths recorded: any
        lengths.update(desc.possible_length)
    idd = meta.international_prefix
    return frozenset(lengths), national, re.compile(idd) if idd else None, str(code)


@cache
def _min_phone_chars(region: str) -> int:
    """The fewest characters of text a VALID phone number parsed with default `region` is
    read from: each digit of its national number (whose length is one of its region's
    possible lengths) is a character, and so is each digit of its country code when the text
    states one (after '+' or a dialling prefix); else the country code is `region`'s.
    Loads the metadata of every region once (30 ms, 1.5 MB)."""
    def shortest(code: int) -> int:
        lengths = [
            min(desc.possible_length, default=1) if (desc := meta.general_desc) else 1
            for name in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ())
            if (meta := PhoneMetadata.metadata_for_region_or_calling_code(code, name))
        ]
        return min(lengths, default=1)

    international = min(
        len(str(code)) + shortest(code) for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE
    )
    national = shortest(phonenumbers.country_code_for_region(region))
    return max(1, min(international, national))


@cache
def _stdnum() -> Any:
    """python-stdnum's SSN, Luhn and IBAN checks, imported when a first candidate needs one:
    importing stdnum loads its IBAN registry and, through stdnum.util, pydoc and ssl (10 MB in
    every worker), which a job whose turns never hold a candidate number does without."""
    from stdnum import iban, luhn
    from stdnum.us import ssn

    return SimpleNamespace(iban=iban, luhn=luhn, ssn=ssn)


def _cards(text: str) -> list[PiiSpan]:
    """For each group of a digit run, the longest run of groups from it that passes Luhn."""
    spans = []
    for run in _DIGIT_RUN.finditer(text):
        if run.end() - run.start() < 13:  # fewer than the 13 digits of the shortest card
            continue
        groups = [(m.start(), m.end()) for m in _GROUP.finditer(text, run.start(), run.end())]
        for i in range(len(groups)):
            best, digits, plain, doubled = None, "", 0, 0
            for start, end in groups[i : i + 19]:  # a card has at most 19 digits
                digits += text[start:end]
                if len(digits) > 19:
                    break
                # Running Luhn sums (last digit as is / doubled) spare a stdnum call per
                # candidate on long digit runs; stdnum has the last word.
                for char in text[start:end]:
                    plain, doubled = doubled + int(char), plain + _LUHN_DOUBLED[int(char)]
                if len(digits) >= 13 and plain % 10 == 0 and _stdnum().luhn.is_valid(digits):
                    best = PiiSpan(groups[i][0], end, "CREDIT_CARD")
            if best is not None:
                spans.append(best)
        if any(span.start >= run.start() for span in spans) or not _CARD_BEFORE.search(
                text, max(0, run.start() - 40), run.start()):
            continue
        n_digits = 0  # no Luhn-valid number here, but one read out as a card: its first groups
        for start, end in groups:
            if n_digits + end - start > 19:
                break
            n_digits += end - start
            last = end
        if n_digits >= 13:
            spans.append(PiiSpan(run.start(), last, "CREDIT_CARD"))
    return spans


def _ibans(text: str) -> list[PiiSpan]:
    """The longest prefix (at a space) of each candidate that passes the IBAN checksum."""
    spans = []
    for match in _IBAN.finditer(text):
        candidate = match.group()
        spaces = [i for i, char in enumerate(candidate) if char == " "]
        for cut in [len(candidate), *reversed(spaces)]:
            if _stdnum().iban.is_valid(candidate[:cut]):
                spans.append(PiiSpan(match.start(), match.start() + cut, "IBAN"))
                break
    return spans


def _placeholders(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]


def _resolve(spans: list[PiiSpan], blocked: list[tuple[int, int]]) -> list[PiiSpan]:
    """Longest spans first, each kept only if it overlaps nothing kept or blocked."""
    taken = sorted(blocked)
    kept = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start)):
        i = bisect.bisect_left(taken, (span.start, span.end))
        if (i > 0 and taken[i - 1][1] > span.start) or (i < len(taken) and taken[i][0] < span.end):
            continue
        taken.insert(i, (span.start, span.end))
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


#: Metadata keys holding the customer's name, redacted in texts and in the metadata itself.
CUSTOMER_NAME_KEYS = ("customer_name", "caller_name", "customer", "name")
#: Metadata keys holding the agent's name: redacted in texts, kept in the metadata (coaching
#: groups by agent).
AGENT_NAME_KEYS = ("agent_name",)


def redact_report(report: Report, turns: Sequence[str]) -> Report:
    """`report` with personal data in its evidence, explanations and metadata replaced by
    typed placeholders. Evidence offsets stay those of the original turn (`turns[i]`), so
    `turns[e.turn_index][e.start_char:e.end_char]` is still what was said there.

    >>> from csnlp.results import Evidence, Report, StandardResult, Status
    >>> text = "Thanks Maria, I sent it to maria@example.com"
    >>> ev = Evidence(0, "agent", 0, 12, text[:12], "name", context=text)
    >>> r = Report("t", (StandardResult("customer_name", Status.MET, 1.0, (ev,)),),
    ...            metadata={"customer_name": "Maria Lopez"})
    >>> red = redact_report(r, [text])
    >>> red["customer_name"].evidence[0].text, red["customer_name"].evidence[0].context
    ('Thanks [NAME]', 'Thanks [NAME], I sent it to [EMAIL]')
    >>> red.metadata["customer_name"]
    '[NAME]'
    """
    meta = report.metadata
    customers, agents = _names(meta)
    texts = _redactor(tuple(customers + agents))
    found: dict[int, list[PiiSpan]] = {}

    def spans(i: int) -> list[PiiSpan]:
        if i not in found:
            found[i] = texts.find(turns[i]) if 0 <= i < len(turns) else []
        return found[i]

    def evidence(e: Evidence) -> Evidence:
        pii = spans(e.turn_index)
        if not pii:
            return e
        turn = turns[e.turn_index]
        text = _replace(turn, pii, e.start_char, e.end_char)
        context = _replace(turn, pii, 0, len(turn)) if e.context is not None else None
        return replace(e, text=text, context=context)

    def result(r: StandardResult) -> StandardResult:
        # Most results hold no personal data: keep them as they are, not a copy of each.
        shown = r.evidence
        if type(shown) is not tuple or any(spans(e.turn_index) for e in shown):
            shown = tuple(evidence(e) for e in shown)
        explanation = texts.redact(r.explanation)
        if explanation is r.explanation and shown == r.evidence:  # a tuple: as replace() gives
            return r
        return replace(r, evidence=shown, explanation=explanation)

    results = tuple(result(r) for r in report.results)
    metadata = _redact_metadata(meta, customers, agents, texts)
    # Most reports hold no personal data either: no copy (and no re-freezing of the metadata).
    # (Identity, not ==: a metadata value may be an array, whose == is not a bool.)
    if (all(map(operator.is_, results, report.results))
            and all(map(operator.is_, metadata.values(), meta.values()))):
        return report
    return replace(report, results=results, metadata=metadata)


@lru_cache(maxsize=1024)
def _redactor(names: tuple[str, ...]) -> Redactor:
    """One Redactor per set of names (a Redactor is read-only once built): reports of one
    agent or customer share it."""
    return Redactor(names=names)


#: Keys of `Report.source` that say where an input was (kept as they are: they are the key
#: of its rows); every other string value (a traceback, a preview) is redacted.
SOURCE_LOCATION_KEYS = frozenset({"file", "input", "format", "transcript_id", "partition"})
# A preview cut mid-value ("got 'my card 4111 1111 11...") leaves a fragment no check can
# recognise: an e-mail without its domain, a card or phone number without its last digits.
_CUT_FRAGMENT = re.compile(
    r"(?:[\w.%+-]*@[\w.-]*|\+?[0-9][0-9 ()/.-]{2,}[0-9])(?=\s?(?:\.\.\.|…))")


def redact_failed(report: Report) -> Report:
    """A failed report (`Report.failed`) with personal data in its error message, source
    (tracebacks, previews) and metadata replaced by typed placeholders; a report without an
    error is returned as it is. Error messages quote previews of the bad value, cut at a few
    dozen characters: a fragment cut mid-value that still holds an '@' or four digits becomes
    `[PII]`.

    >>> r = Report.failed("c1", "line 4: got 'my card 4111 1111 1111 1111, mail dana@ex...")
    >>> redact_failed(r).error
    "line 4: got 'my card [CREDIT_CARD], mail [PII]..."
    >>> redact_failed(Report.failed("c2", "got 'card 4111 1111 ...")).error
    "got 'card [PII] ..."
    """
    if report.error is None:
        return report
    customers, agents = _names(report.metadata)
    texts = _redactor(tuple(customers + agents))

    def text(value: str) -> str:
        return _CUT_FRAGMENT.sub(_cut, texts.redact(value))

    source = report.source
    if source is not None:
        source = {k: text(v) if isinstance(v, str) and k not in SOURCE_LOCATION_KEYS else v
                  for k, v in source.items()}
    return replace(report, error=text(str(report.error)), source=source,
                   metadata=_redact_metadata(report.metadata, customers, agents, texts))


def _cut(match: re.Match[str]) -> str:
    fragment = match.group()
    return "[PII]" if "@" in fragment or sum(c.isdigit() for c in fragment) >= 4 else fragment


def _names(meta: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """The customers' and the agents' names in a report's metadata."""
    customers = [v for k in CUSTOMER_NAME_KEYS if isinstance(v := meta.get(k), str)]
    agents = [v for k in AGENT_NAME_KEYS if isinstance(v := meta.get(k), str)]
    return customers, agents


def _redact_metadata(meta: Mapping[str, Any], customers: list[str], agents: list[str],
                     texts: Redactor) -> dict[str, Any]:
    """Metadata with its strings redacted; the agents' names kept (coaching groups by agent).
    `texts` is the caller's Redactor for the customers' and the agents' names."""
    keep = {k: meta[k] for k in AGENT_NAME_KEYS if k in meta}
    # without an agent name, the texts' Redactor is the metadata's too
    people = _redactor(tuple(customers)) if agents else texts
    return {**people.redact_mapping(meta), **keep}


def _replace(text: str, spans: Sequence[PiiSpan], start: int, end: int) -> str:
    """text[start:end] with each span that overlaps it replaced by its placeholder."""
    parts, last = [], start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        parts += [text[last:max(span.start, start)], PLACEHOLDERS[span.entity]]
        last = min(span.end, end)
    parts.append(text[last:end])
    return "".join(parts)
