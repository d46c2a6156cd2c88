"""Rules as compiled: a standard set's phrase lists, token patterns and templates resolved to
matcher labels, and what both annotators (`reference`, `fast`) share.

Every rule compiles to labels: one per shared phrase or pattern list (`phrase:greetings`) and
one per inline list (`phrase:greeting.match`). A turn is matched once against all labels; a
rule is then a set of labels, so shared lists cost nothing extra. Phrases and pattern literals
are normalised like turns (`csnlp.nlp.normalise`) and matched on the normalised words, which a
turn carries between two sentinel words so patterns can anchor at its start or end.
"""

from __future__ import annotations

import itertools
import struct
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import regex
from spacy.matcher import Matcher

from csnlp.errors import PatternTimeout, StandardsError
from csnlp.ml.features import TokenBatch, token_batch_from_hashes
from csnlp.nlp.bounded import BoundedRegex, RegexScreen, bounded_token, preview
from csnlp.nlp.normalise import make_nlp, normalise_phrase
from csnlp.nlp.templates import Template, fill_templates, find_filled, template_words
from csnlp.standards.load import StandardSet, iter_rules
from csnlp.standards.spec import RuleSpec

Span = tuple[int, int, str]  # start_char, end_char, label
BOT, EOT = "_bot_", "_eot_"  # start- and end-of-turn sentinel words for token patterns
#: A token-pattern key of csnlp's own: `CONTEXT: true` marks a leading or trailing token that
#: only tests what stands around a match, left out of the evidence (see `context_tokens`).
CONTEXT = "CONTEXT"
Pattern = list[dict[str, Any]]


#: One float64 in this machine's byte order, read at an offset of a `Scores` row.
_FLOAT = struct.Struct("d")
_float_at = _FLOAT.unpack_from


class Scores(Mapping[str, float]):
    """A model's probabilities for one turn, label -> probability: read-only, over one row of
    floats and the model's label index, shared by every turn (the turn cache keeps thousands
    of annotations: a dict of Python floats per turn and model was most of their memory). The
    row is kept as the floats' bytes: a bytes object is half an array's size, and the garbage
    collector never walks it.

    >>> s = Scores({"polite": 0, "rude": 1}, [0.9, 0.1])
    >>> s["polite"], s.get("calm", 0.0), dict(s)
    (0.9, 0.0, {'polite': 0.9, 'rude': 0.1})
    """

    __slots__ = ("_index", "_row")

    def __init__(self, index: Mapping[str, int], row: Sequence[float] | bytes) -> None:
        """`row`: the probabilities in the index's order, or their bytes as float64 in this
        machine's order (a NumPy row's `tobytes()`)."""
        data = row if isinstance(row, bytes) else array("d", row).tobytes()
        if len(data) != _FLOAT.size * len(index):  # a model whose columns are not its labels
            raise ValueError(f"a model gave {len(data) // _FLOAT.size} scores for its "
                             f"{len(index)} labels ({', '.join(index)})")
        self._index = index
        self._row = data

    def __getitem__(self, label: str) -> float:
        return _float_at(self._row, _FLOAT.size * self._index[label])[0]

    def get(self, label: str, default: Any = None) -> Any:  # one lookup, not a KeyError
        n = self._index.get(label)
        return default if n is None else _float_at(self._row, _FLOAT.size * n)[0]

    def __contains__(self, label: object) -> bool:
        return label in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)

    def __repr__(self) -> str:
        return f"Scores({dict(self)!r})"


@dataclass(slots=True)
class TurnAnnotation:
    """What an annotator found in one turn, as plain Python (safe outside a memory zone).

    `words` are the turn's normalised words between the sentinels (none for a turn without
    words), `spans` their characters in the text, `matches` label -> (start_char, end_char).
    `timeouts` is label -> what was stopped, for the labels whose token-pattern REGEX hit its
    time limit in this turn (their matches are incomplete: a rule using one is an error).
    """

    matches: dict[str, list[tuple[int, int]]]
    words: list[str]
    spans: list[tuple[int, int]]
    tone: Mapping[str, float] | None = None
    acts: Mapping[str, float] | None = None
    timeouts: dict[str, str] | None = None
    #: rule -> its matches in this turn, for rules that search the text (regexes, vetoes) and
    #: have no templates (`CompiledRule.find`): identical turns share one annotation (the
    #: turn cache), so such a rule searches a turn once.
    found: dict[CompiledRule, list[Span]] | None = field(default=None, compare=False,
                                                          repr=False)

    @property
    def n_words(self) -> int:
        """The turn's words, without the two sentinels that bracket them (a turn without words
        has none)."""
        return len(self.words) - 2 if self.words else 0

    def timed_out(self, label: str, error: PatternTimeout) -> None:
        """Record that a REGEX of `label` was stopped in this turn."""
        if self.timeouts is None:
            self.timeouts = {}
        self.timeouts[label] = f"{label.partition(':')[2] or label}: {error}"


@dataclass(frozen=True, slots=True, eq=False)
class CompiledRule:
    """A RuleSpec resolved to matcher labels, metadata templates and veto regexes (bounded:
    see `csnlp.nlp.bounded`); `name` is the rule's place, e.g. "greeting.match"."""

    labels: frozenset[str]
    templates: tuple[Template, ...] = ()
    unless: tuple[BoundedRegex, ...] = ()
    name: str = ""
    #: The rule's own `regex`: searched in the turn's text (no matcher label).
    regexes: tuple[BoundedRegex, ...] = ()
    #: The rule's `unless_span_regex`: a match overlapping one of theirs does not count.
    unless_spans: tuple[BoundedRegex, ...] = ()
    #: `regexes` screened together: which of them may match a turn (`RegexScreen`).
    screen: RegexScreen = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "screen", RegexScreen(self.regexes))

    @property
    def is_empty(self) -> bool:
        """Whether the rule looks for nothing (an option left out of a standard)."""
        return not (self.labels or self.templates or self.regexes)

    def find(self, text: str, ann: TurnAnnotation, metadata: Mapping[str, Any] | None = None,
             *, filled: Sequence[list[str]] | None = None, turn: int | None = None
             ) -> list[Span]:
        """Matches of this rule in one turn, in text order, without overlaps.

        `filled` is `self.fill(metadata)` when the caller keeps it for a whole transcript;
        `turn` (0-based) names the turn if a regex of the rule is stopped (PatternTimeout).
        """
        if ann.timeouts and not self.labels.isdisjoint(ann.timeouts):
            label = min(self.labels & ann.timeouts.keys())
            raise PatternTimeout(f"{_in_turn(turn)}token pattern {ann.timeouts[label]}")
        # Only text searches are worth keeping: labels are a lookup in the annotation, and
        # templates are filled from each transcript's metadata (not the turn's alone).
        if self.templates or not (self.regexes or self.unless or self.unless_spans):
            return self._find(text, ann, metadata, filled, turn)
        memo = ann.found
        if memo is None:
            memo = ann.found = {}
        found = memo.get(self)
        if found is None:
            found = memo[self] = self._find(text, ann, metadata, filled, turn)
        return list(found)

    def _find(self, text: str, ann: TurnAnnotation, metadata: Mapping[str, Any] | None,
              filled: Sequence[list[str]] | None, turn: int | None) -> list[Span]:
        matches = ann.matches
        found: list[Span] = ([(s, e, label) for label in self.labels if label in matches
                              for s, e in matches[label]] if matches else [])
        if self.templates and (filled is not None or metadata):
            if filled is None:
                filled = self.fill(metadata)
            found.extend(find_filled(filled, ann.words, ann.spans))
        for rx in self.screen.candidates(text):
            try:
                m = rx.search(text)
                while m is not None and m.end() == m.start():  # "\d*" first matches nothing
                    m = rx.search(text, m.end() + 1) if m.end() < len(text) else None
            except PatternTimeout as exc:
                raise PatternTimeout(f"{_in_turn(turn)}{exc}") from None
            if m is not None:
                found.append((m.start(), m.end(), f"regex:{self.name}"))
        if not found:
            return found
        if self.unless and self.vetoed(text, turn):
            return []
        if self.unless_spans:
            found = self.outside_vetoes(text, found, turn)
        if len(found) > 1:
            found.sort(key=lambda m: (m[0], -m[1], m[2]))  # labels: a frozenset, any order
            kept: list[Span] = []
            for m in found:
                if not kept or m[0] >= kept[-1][1]:
                    kept.append(m)
            found = kept
        return found

    def vetoed(self, text: str, turn: int | None = None, *, spans: bool = False) -> bool:
        """Whether one of the rule's `unless_regex` matches the turn's text; with `spans`, one
        of its `unless_span_regex` too (for a reading of the whole turn, the act model's)."""
        try:
            return (any(rx.search(text) for rx in self.unless)
                    or (spans and any(rx.search(text) for rx in self.unless_spans)))
        except PatternTimeout as exc:
            raise PatternTimeout(f"{_in_turn(turn)}{exc}") from None

    def outside_vetoes(self, text: str, found: list[Span], turn: int | None) -> list[Span]:
        """The matches of `found` that overlap no match of an `unless_span_regex`."""
        vetoes = []
        try:
            for rx in self.unless_spans:
                m = rx.search(text)
                while m is not None:
                    vetoes.append(m.span())
                    m = rx.search(text, max(m.end(), m.start() + 1))
        except PatternTimeout as exc:
            raise PatternTimeout(f"{_in_turn(turn)}{exc}") from None
        return [f for f in found if not any(s < f[1] and f[0] < e for s, e in vetoes)]

    def fill(self, metadata: Mapping[str, Any] | None) -> list[list[str]]:
        """The templates' words with their {slots} filled from a transcript's metadata; a
        template with a slot the metadata cannot fill is left out."""
        return fill_templates(self.templates, metadata)


class BaseAnnotator:
    """Compiles a standard set's rules once; subclasses match turns against them.

    Both annotators take the same arguments and give the same `annotate(texts, speakers)`,
    `memory_zone()` and `rule(standard_id, path)`. With `speakers` (one per text), a turn is
    matched only against the token patterns of rules that watch its speaker, and scored by the
    act model only where a standard with a classifier watches that speaker; phrases and tone
    are always done.
    """

    def __init__(self, standard_set: StandardSet, *, tone_model: Any = None,
                 act_model: Any = None, turn_models: Sequence[Any] = ()) -> None:
        self.standard_set = standard_set
        self.nlp = make_nlp()
        self.vocab = self.nlp.vocab
        self.tone_model = tone_model
        self.act_model = act_model
        #: More per-turn readers scored with the tone model, their labels beside its labels in
        #: each turn's `tone` scores (the blame model's `blaming`, read by a `forbid`
        #: standard's `model`). Only with a tone model: without one no turn is scored.
        self.turn_models: tuple[Any, ...] = tuple(turn_models) if tone_model is not None else ()
        #: label -> normalised phrases, and (label, normalised token pattern) in the order
        #: they were compiled: the rules as compiled, which both annotators match.
        self.phrases: dict[str, list[list[str]]] = {}
        self.patterns: list[tuple[str, Pattern]] = []
        #: Per pattern, how many leading and trailing tokens are context (`context_tokens`).
        self.pattern_context: list[tuple[int, int]] = []
        self.rules: dict[tuple[str, str], CompiledRule] = {}
        #: Whose turns each label is looked for in, and whose turns the act model scores.
        self.label_speakers: dict[str, set[str]] = {}
        self.act_speakers: set[str] = set()
        self._speaker_patterns: dict[str | None, frozenset[int]] = {}
        self._init_matchers()
        self._compile()

    # -- hooks for the matching side -------------------------------------------------------
    def _init_matchers(self) -> None:
        raise NotImplementedError

    def _phrases_added(self, label: str, phrases: list[list[str]]) -> None:
        raise NotImplementedError

    def _pattern_added(self, index: int, label: str, pattern: Pattern) -> None:
        raise NotImplementedError

    # -- compiling -------------------------------------------------------------------------
    def _add_phrases(self, label: str, phrases: Sequence[str], where: str) -> None:
        if label in self.phrases:
            return
        normalised = []
        for phrase in phrases:
            words = normalise_phrase(phrase)
            if not words:
                raise StandardsError(f"{where}: phrase {phrase!r} has no words after normalising")
            normalised.append(words)
        self.phrases[label] = normalised
        if normalised:
            self._phrases_added(label, normalised)

    def _add_patterns(self, label: str, patterns: Sequence[Sequence[dict[str, Any]]],
                      where: str) -> None:
        if any(known == label for known, _ in self.patterns):
            return
        for n, pattern in enumerate(patterns):
            # CONTEXT is csnlp's own key (see `context_tokens`): spaCy never sees it.
            marked = [bool(tok.get(CONTEXT)) for tok in pattern]
            try:
                # REGEX predicates become bounded token extensions: spaCy never runs them.
                normalised = [bounded_token(_lower_token(
                    {k: v for k, v in tok.items() if k != CONTEXT}), f"{where}[{n}]")
                    for tok in pattern]
            except ValueError as exc:
                raise StandardsError(str(exc)) from None
            try:
                Matcher(self.vocab).add(label, [normalised])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise StandardsError(f"{where}[{n}]: invalid token pattern: {exc}") from None
            self.patterns.append((label, normalised))
            self.pattern_context.append(context_tokens(normalised, marked))
            self._speaker_patterns.clear()
            self._pattern_added(len(self.patterns) - 1, label, normalised)

    def compile_rule(self, rule: RuleSpec, key: str) -> CompiledRule:
        """A rule's labels, adding its phrase and pattern lists to the matchers if new."""
        s = self.standard_set
        labels: set[str] = set()
        for name in rule.phrase_lists:
            self._add_phrases(f"phrase:{name}", s.phrases[name], f"phrases.{name}")
            labels.add(f"phrase:{name}")
        for name in rule.pattern_lists:
            self._add_patterns(f"pattern:{name}", s.patterns[name], f"patterns.{name}")
            labels.add(f"pattern:{name}")
        if rule.phrases:
            self._add_phrases(f"phrase:{key}", rule.phrases, key)
            labels.add(f"phrase:{key}")
        if rule.patterns:
            self._add_patterns(f"pattern:{key}", rule.patterns, key)
            labels.add(f"pattern:{key}")
        templates = tuple(tuple(template_words(t)) for t in rule.templates)
        unless = tuple(_user_regex(rx, key, "unless_regex", ignore_case=True)
                       for rx in rule.unless_regex)
        regexes = tuple(_user_regex(rx, key, "regex") for rx in rule.regex)
        unless_spans = tuple(_user_regex(rx, key, "unless_span_regex", ignore_case=True)
                             for rx in rule.unless_span_regex)
        return CompiledRule(labels=frozenset(labels), templates=templates, unless=unless,
                            name=key, regexes=regexes, unless_spans=unless_spans)

    def _compile(self) -> None:
        for spec in self.standard_set.standards:
            for path, rule in iter_rules(spec):
                compiled = self.compile_rule(rule, f"{spec.id}.{path}")
                self.rules[(spec.id, path)] = compiled
                speaker = spec.rule_speaker(path)
                for label in compiled.labels:
                    self.label_speakers.setdefault(label, set()).add(speaker)
            if spec.classifiers():
                self.act_speakers.add(spec.speaker)

    def rule(self, standard_id: str, path: str) -> CompiledRule:
        return self.rules[(standard_id, path)]

    def _patterns_for(self, speaker: str | None) -> frozenset[int]:
        """Indices of the token patterns some rule looks for in this speaker's turns (None:
        any turn); in compile order, sorted, they run in the order they were compiled."""
        allowed = self._speaker_patterns.get(speaker)
        if allowed is None:
            allowed = self._speaker_patterns[speaker] = frozenset(
                i for i, (label, _pattern) in enumerate(self.patterns)
                if speaker is None or speaker in self.label_speakers.get(label, ()))
        return allowed

    # -- models ----------------------------------------------------------------------------
    def _score_models(self, texts: Sequence[str], speakers: Sequence[str] | None,
                      out: list[TurnAnnotation], feats: Sequence[list[int]] | None) -> None:
        """Tone and act probabilities of these turns, one vectorised call per model, from
        the model tokens the normaliser gave each turn (`feats`; None: tokenize the texts)."""
        if not texts:
            return
        tone = self.tone_model
        if tone is not None:
            batch = token_batch(feats) if feats is not None else None
            models = (tone, *self.turn_models)
            columns = [m.score_batch(batch)[0] if batch is not None and hasattr(m, "score_batch")
                       else m.predict_proba(list(texts)) for m in models]
            probs = columns[0] if len(columns) == 1 else np.hstack(
                [np.asarray(c, dtype=np.float64) for c in columns])
            index = _label_index(tuple(label for m in models for label in m.labels))
            for ann, row in zip(out, _row_bytes(probs, len(out)), strict=True):
                ann.tone = Scores(index, row)
        acts = self.act_model
        if acts is None:
            return
        keep = [n for n in range(len(texts))
                if speakers is None or speakers[n] in self.act_speakers]
        if not keep:
            return
        if feats is not None and hasattr(acts, "predict_proba_batch"):
            probs = acts.predict_proba_batch(token_batch([feats[n] for n in keep]))
        else:
            probs = acts.predict_proba([texts[n] for n in keep])
        index = _label_index(tuple(acts.acts))
        for n, row in zip(keep, _row_bytes(probs, len(keep)), strict=True):
            out[n].acts = Scores(index, row)


def _row_bytes(probs: Any, n: int) -> list[bytes]:
    """The `n` rows of a model's probability matrix, each as the bytes of its float64s (what
    `Scores` keeps): one conversion of the whole matrix, then a slice per row."""
    if not isinstance(probs, np.ndarray) and hasattr(probs, "tolist"):
        probs = probs.tolist()  # another library's array (a tensor): its own conversion
    matrix = np.ascontiguousarray(probs, dtype=np.float64)
    if matrix.ndim != 2 or len(matrix) != n:
        raise ValueError(f"a model gave scores of shape {matrix.shape} for {n} turns "
                         "(one row of probabilities per turn was expected)")
    data, width = matrix.tobytes(), matrix.shape[1] * _FLOAT.size
    return [data[k:k + width] for k in range(0, n * width, width)] if width else [b""] * n


@cache
def _label_index(labels: tuple[str, ...]) -> dict[str, int]:
    """One shared label -> column dict per label list (a model's labels or acts)."""
    return {label: n for n, label in enumerate(labels)}


def token_batch(feats: Sequence[list[int]]) -> TokenBatch:
    """One TokenBatch of several turns' model tokens (`normalise_rows`' third result)."""
    return token_batch_from_hashes(list(itertools.chain.from_iterable(feats)),
                                   [len(f) for f in feats])


def trimmed(start: int, end: int, n_words: int, context: tuple[int, int] = (0, 0)
            ) -> tuple[int, int]:
    """A token-pattern match without the sentinels and without the pattern's `context`
    tokens (leading, trailing: see `context_tokens`); empty when it held nothing else."""
    head, tail = context
    return (max(start + head, 1) if start == 0 else start + head,
            min(end - tail, n_words - 1) if end == n_words else end - tail)


def context_tokens(pattern: Pattern, marked: Sequence[bool] = ()) -> tuple[int, int]:
    """How many of a pattern's leading and trailing tokens only test what stands around a match.

    A required token at the pattern's start that lists the start-of-turn sentinel among its
    words (`_bot_`, or an `IN` list holding it), or at its end the end-of-turn sentinel, says
    what may come before or after the match ("_bot_ / hi" before a name, "from / here / _eot_"
    after it): it is not what was said, so the evidence leaves it out ("I'm Sam from Acme" ->
    "I'm Sam"). So does a token the standards file marks `CONTEXT: true` (`marked`, one flag
    per token), such as a `NOT_IN` that only says which word may not follow ("you're welcome"
    not followed by a question: "You're welcome, take care" -> "You're welcome"). An unmarked
    `NOT_IN` token is kept: its word may be content ("upgrade to <product>"). At least one
    token always stays.
    """
    def context(i: int, sentinel: str) -> bool:
        return (i < len(marked) and marked[i]) or _may_match(pattern[i], sentinel)

    head = 0
    while head < len(pattern) - 1 and context(head, BOT):
        head += 1
    tail = 0
    while tail < len(pattern) - head - 1 and context(len(pattern) - 1 - tail, EOT):
        tail += 1
    return head, tail


def _may_match(token: dict[str, Any], sentinel: str) -> bool:
    """Whether a required pattern token tests only the word and lists `sentinel` as one."""
    if set(token) != {"ORTH"}:
        return False  # optional, or more tests (IS_ALPHA, ...) than a word list
    value = token["ORTH"]
    if isinstance(value, str):
        return value == sentinel
    return isinstance(value, dict) and set(value) == {"IN"} and sentinel in value["IN"]


def _user_regex(pattern: str, key: str, option: str, *, ignore_case: bool = False
                ) -> BoundedRegex:
    """A rule's `regex` or `unless_regex`, compiled bounded; a StandardsError names the place."""
    try:
        return BoundedRegex(pattern, ignore_case=ignore_case,
                            what=f"{option} {preview(pattern)} of rule {key}")
    except regex.error as exc:  # a pattern `re` took that `regex` cannot compile
        raise StandardsError(f"{key}.{option}: invalid regular expression "
                             f"{preview(pattern)}: {exc}") from None


def _in_turn(turn: int | None) -> str:
    return "" if turn is None else f"turn {turn + 1}: "  # counted from 1, as explanations do


#: Token attributes that all mean the normalised (lower-case) word in a pattern.
_WORD_ATTRS = ("ORTH", "LOWER", "TEXT", "NORM")


def _lower_token(token: dict[str, Any]) -> dict[str, Any]:
    """Patterns run on normalised (lower-case) words: LOWER/TEXT/NORM all mean ORTH there.

    Every test of the word is kept, however many of ORTH/LOWER/TEXT/NORM a token uses: the
    first (ORTH's own first) becomes ORTH, the next LOWER (the same on lower-case words), and
    any further one is combined with one of those (`_both`): `{LOWER: {REGEX: ...}, ORTH:
    {NOT_IN: [...]}}` and `{LOWER: {IN: [...]}, TEXT: {NOT_IN: [...]}}` keep both tests. Tests
    that cannot be combined (three REGEXes) raise ValueError."""
    out = {key: value for key, value in token.items() if key not in _WORD_ATTRS}
    for key in sorted((k for k in token if k in _WORD_ATTRS), key=lambda k: k != "ORTH"):
        value = _norm_value(token[key])
        slot = next((s for s in ("ORTH", "LOWER") if s not in out), None)
        if slot is None:
            slot = next((s for s in ("LOWER", "ORTH") if _both(out[s], value) is not None),
                        None)
            if slot is None:
                raise ValueError(f"a token's tests of its word cannot be combined: {token!r}")
            value = _both(out[slot], value)
        out[slot] = value
    return out


def _norm_value(value: Any) -> Any:
    """A word test's value with its literal words normalised like turn words."""
    if isinstance(value, str):
        forms = _literal_forms(value)
        return forms[0] if len(forms) == 1 else {"IN": forms}
    if isinstance(value, dict):
        return {k: ([f for v in vs for f in _literal_forms(v)] if k in ("IN", "NOT_IN") else vs)
                for k, vs in value.items()}
    return value


def _literal_forms(value: str) -> list[str]:
    """The turn words a pattern's literal word stands for: its normalised form, and for a
    clitic ("'ve", "'ll") also the clitic itself, which turns keep after some words ("should've"
    keeps "'ve", "you've" reads "have")."""
    norm = _norm_literal(value)
    raw = value.lower().replace("’", "'")
    return [norm, raw] if raw[:1] == "'" and raw != norm else [norm]


def _both(first: Any, second: Any) -> dict[str, Any] | None:
    """One predicate testing a word for both `first` and `second` (a word, or a dict of IN,
    NOT_IN, REGEX, ...): IN lists intersected, NOT_IN lists joined, anything else kept if
    only one has it or both agree; None when they cannot be combined (two REGEXes)."""
    def as_dict(value: Any) -> dict[str, Any] | None:
        if isinstance(value, str):
            return {"IN": [value]}
        return dict(value) if isinstance(value, dict) else None

    out, other = as_dict(first), as_dict(second)
    if out is None or other is None:
        return None
    for key, value in other.items():
        if key not in out:
            out[key] = value
        elif key == "IN":
            out[key] = [v for v in out[key] if v in value]
        elif key == "NOT_IN":
            out[key] = [*out[key], *(v for v in value if v not in out[key])]
        elif out[key] != value:
            return None
    return out


def _norm_literal(value: str) -> str:
    """A pattern's literal word, normalised like turn words (the sentinels stay as they are)."""
    if value in (BOT, EOT):
        return value
    if value[:1] in ("'", "’") and len(value) > 1:
        # a clitic ("'ve", "'ll", "'re"), normalised as it is after a word: on its own the
        # tokenizer splits off its apostrophe ("'ve" -> "ve"), which no turn word is
        words = normalise_phrase("you" + value)
        if len(words) == 2 and words[0] == "you":
            return words[1]
    return " ".join(normalise_phrase(value)) or value.lower()
