"""The matching pipeline: spaCy's blank English tokenizer plus PhraseMatcher and Matcher, built
once per standard set; turns go in as text, plain-Python annotations come out.

Every rule in a standard set compiles to labels: one per shared phrase or pattern list
(`phrase:greetings`) and one per inline list (`phrase:greeting.match`). A turn is matched once
against all labels; a rule is then a set of labels, so shared lists cost nothing extra.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from csnlp.errors import StandardsError
from csnlp.nlp.normalise import norm_words
from csnlp.standards.load import StandardSet, iter_rules
from csnlp.standards.spec import RuleSpec

Span = tuple[int, int, str]  # start_char, end_char, label
BOT, EOT = "_bot_", "_eot_"  # start- and end-of-turn sentinel words for token patterns


@dataclass(slots=True)
class TurnAnnotation:
    """What the pipeline found in one turn, as plain Python (safe outside a memory zone)."""

    matches: dict[str, list[tuple[int, int]]]
    words: list[str]
    spans: list[tuple[int, int]]
    tone: dict[str, float] | None = None
    acts: dict[str, float] | None = None


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A RuleSpec resolved to matcher labels, metadata templates and veto regexes."""

    labels: frozenset[str]
    templates: tuple[tuple[str, ...], ...] = ()
    unless: tuple[re.Pattern[str], ...] = ()
    examples: tuple[str, ...] = field(default=())

    def find(self, text: str, ann: TurnAnnotation, metadata: dict[str, Any] | None = None
             ) -> list[Span]:
        """Matches of this rule in one turn, in text order, without overlaps."""
        if self.unless and any(rx.search(text) for rx in self.unless):
            return []
        found: list[Span] = [(s, e, label) for label in self.labels
                             for s, e in ann.matches.get(label, ())]
        if self.templates and metadata:
            found.extend(_find_templates(self.templates, ann, metadata))
        if len(found) > 1:
            found.sort(key=lambda m: (m[0], -m[1]))
            kept: list[Span] = []
            for m in found:
                if not kept or m[0] >= kept[-1][1]:
                    kept.append(m)
            found = kept
        return found


def _find_templates(templates, ann: TurnAnnotation, metadata) -> list[Span]:
    out: list[Span] = []
    words = ann.words
    for template in templates:
        filled: list[str] = []
        for part in template:
            if part.startswith("{") and part.endswith("}"):
                value = metadata.get(part[1:-1])
                if not isinstance(value, str) or not value.strip():
                    break
                filled.extend(w for w in normalise_phrase(value.split()[0]))
            else:
                filled.append(part)
        else:
            n = len(filled)
            for i in range(len(words) - n + 1):
                if words[i:i + n] == filled:
                    out.append((ann.spans[i][0], ann.spans[i + n - 1][1], "template"))
    return out


_BLANK: list[Any] = []


def make_nlp():
    """spaCy's blank English, with chat typing split: "Bye!Have a nice day", "thanks/"."""
    from spacy.util import compile_infix_regex, compile_suffix_regex

    nlp = spacy.blank("en")
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Za-z])[!?/](?=[A-Za-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    suffixes = [*nlp.Defaults.suffixes, r"/"]
    nlp.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    return nlp


def _blank():
    if not _BLANK:
        _BLANK.append(make_nlp())
    return _BLANK[0]


def normalise_phrase(text: str) -> list[str]:
    """The normalised words of a phrase, as turns are normalised for matching."""
    words, _ = norm_words(_blank().make_doc(text))
    return words


class Annotator:
    """Builds the spaCy pipeline and matchers for a standard set once; annotates turns in batches.

    >>> from csnlp.standards import load_standards
    >>> ann = Annotator(load_standards("contact_center"))
    >>> "phrase:greetings" in ann.annotate(["Hello there!"])[0].matches
    True
    """

    def __init__(self, standard_set: StandardSet, *, tone_model: Any = None,
                 act_model: Any = None, batch_size: int = 256) -> None:
        self.standard_set = standard_set
        self.nlp = make_nlp()
        self.vocab = self.nlp.vocab
        self.phrase_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        # One Matcher per token pattern, run only on turns holding one of its anchor words:
        # Matcher cost grows with patterns x tokens whether or not anything matches.
        self.pattern_matchers: list[tuple[frozenset[str], Matcher]] = []
        self._norm_cache: dict[int, tuple[str, ...]] = {}
        self.tone_model = tone_model
        # A shipped ToneModel scores through the `csnlp_tone` component, on the Docs this
        # pipeline already made (one vectorised call per batch, no second tokenization).
        self.tone_component = None
        if tone_model is not None and hasattr(tone_model, "score_docs"):
            from csnlp.nlp.tone_component import ToneComponent

            self.tone_component = ToneComponent(tone_model=tone_model, batch_size=batch_size)
        self.act_model = act_model
        self.batch_size = batch_size
        self._labels: set[str] = set()
        self.rules: dict[tuple[str, str], CompiledRule] = {}
        self._compile()
        self._warm()

    # -- compiling -------------------------------------------------------------------------
    def _norm_doc(self, words: Sequence[str]) -> Doc:
        return Doc(self.vocab, words=list(words))

    def _add_phrases(self, label: str, phrases: Sequence[str], where: str) -> None:
        if label in self._labels:
            return
        docs = []
        for phrase in phrases:
            words, _ = norm_words(self.nlp.make_doc(phrase))
            if not words:
                raise StandardsError(f"{where}: phrase {phrase!r} has no words after normalising")
            docs.append(self._norm_doc(words))
        if docs:
            self.phrase_matcher.add(label, docs)
        self._labels.add(label)

    def _add_patterns(self, label: str, patterns, where: str) -> None:
        if label in self._labels:
            return
        for n, pattern in enumerate(patterns):
            normalised = [_lower_token(tok) for tok in pattern]
            matcher = Matcher(self.vocab)
            try:
                matcher.add(label, [normalised])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise StandardsError(f"{where}[{n}]: invalid token pattern: {exc}") from None
            self.pattern_matchers.append((_anchors(normalised), matcher))
        self._labels.add(label)

    def compile_rule(self, rule: RuleSpec, key: str) -> CompiledRule:
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
        templates = tuple(tuple(_template_words(t)) for t in rule.templates)
        unless = tuple(re.compile(rx, re.IGNORECASE) for rx in rule.unless_regex)
        return CompiledRule(labels=frozenset(labels), templates=templates, unless=unless)

    def _compile(self) -> None:
        for spec in self.standard_set.standards:
            for path, rule in iter_rules(spec):
                self.rules[(spec.id, path)] = self.compile_rule(rule, f"{spec.id}.{path}")

    def rule(self, standard_id: str, path: str) -> CompiledRule:
        return self.rules[(standard_id, path)]

    def _warm(self) -> None:
        # Fill the tokenizer cache outside any memory zone (a zone does not write the cache).
        for _ in self.nlp.pipe(["Hello, thank you for calling. How can I help you today?"]):
            pass

    # -- annotating ------------------------------------------------------------------------
    def annotate(self, texts: Sequence[str]) -> list[TurnAnnotation]:
        """Annotate turns; run inside `self.nlp.memory_zone()` for flat memory in long jobs."""
        out: list[TurnAnnotation] = []
        strings = self.vocab.strings
        cache = self._norm_cache
        docs = self.nlp.pipe(texts, batch_size=self.batch_size)
        if self.tone_component is not None:
            docs = self.tone_component.pipe(docs)
        kept: list[Doc] | None = [] if hasattr(self.act_model, "predict_proba_docs") else None
        for doc in docs:
            if kept is not None:
                kept.append(doc)
            words, spans = norm_words(doc, cache)
            matches: dict[str, list[tuple[int, int]]] = {}
            if words:
                # Sentinels let token patterns anchor at the start or end of a turn.
                n = len(doc.text)
                words = [BOT, *words, EOT]
                spans = [(0, 0), *spans, (n, n)]
                ndoc = self._norm_doc(words)
                for match_id, start, end in self.phrase_matcher(ndoc):
                    matches.setdefault(strings[match_id], []).append(
                        (spans[start][0], spans[end - 1][1]))
                present = set(words)
                for anchors, matcher in self.pattern_matchers:
                    if anchors is not None and anchors.isdisjoint(present):
                        continue
                    for match_id, start, end in matcher(ndoc):
                        # Trim the sentinels off the evidence span.
                        s0 = start + 1 if start == 0 else start
                        e0 = end - 1 if end == len(words) else end
                        if e0 <= s0:
                            continue
                        matches.setdefault(strings[match_id], []).append(
                            (spans[s0][0], spans[e0 - 1][1]))
            tone = doc._.tone if self.tone_component is not None else None
            out.append(TurnAnnotation(matches=matches, words=words, spans=spans, tone=tone))
        if self.tone_model is not None and self.tone_component is None and texts:
            probs = self.tone_model.predict_proba(list(texts))
            labels = list(self.tone_model.labels)
            for ann, row in zip(out, probs.tolist(), strict=True):
                ann.tone = dict(zip(labels, row, strict=True))
        if self.act_model is not None and texts:
            # Score the Docs this pipeline made rather than tokenizing every turn again.
            probs = (self.act_model.predict_proba_docs(kept) if kept is not None
                     else self.act_model.predict_proba(list(texts)))
            acts = list(self.act_model.acts)
            for ann, row in zip(out, probs.tolist(), strict=True):
                ann.acts = dict(zip(acts, row, strict=True))
        return out

    def memory_zone(self):
        return self.nlp.memory_zone()


def _lower_token(token: dict[str, Any]) -> dict[str, Any]:
    """Patterns run on normalised (lower-case) words: LOWER/TEXT/NORM all mean ORTH there."""
    out: dict[str, Any] = {}
    for key, value in token.items():
        if key in ("LOWER", "TEXT", "NORM"):
            key = "ORTH"
        if key == "ORTH" and isinstance(value, str):
            value = _norm_literal(value)
        elif key == "ORTH" and isinstance(value, dict):
            value = {k: ([_norm_literal(v) for v in vs] if k in ("IN", "NOT_IN") else vs)
                     for k, vs in value.items()}
        out[key] = value
    return out


_COMMON = frozenset({"i", "you", "it", "is", "am", "are", "this", "that", "the", "a", "an", "to",
                     "and", "have", "my", "your", "on", "in", "at", "with", "for", "of", BOT, EOT})


def _anchors(pattern: list[dict[str, Any]]) -> frozenset[str] | None:
    """Words one of which every match must contain (a required literal token), rarest first;
    None when the pattern has no required literal (it then runs on every turn)."""
    best: frozenset[str] | None = None
    for tok in pattern:
        if tok.get("OP") not in (None, "!", "{}") or tok.get("OP") == "!":
            continue
        value = tok.get("ORTH")
        if isinstance(value, str):
            options = frozenset([value])
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            options = frozenset(value["IN"])
        else:
            continue
        if best is None or _rarity(options) < _rarity(best):
            best = options
    return None if best is not None and best & {BOT, EOT} else best


def _rarity(options: frozenset[str]) -> tuple[bool, int, int]:
    # Sentinels are in every turn; common words in most; fewer options is rarer.
    return (bool(options & {BOT, EOT}), len(options & _COMMON), len(options))


def _norm_literal(value: str) -> str:
    """A pattern's literal word, normalised like turn words (the sentinels stay as they are)."""
    if value in (BOT, EOT):
        return value
    return " ".join(normalise_phrase(value)) or value.lower()


def _template_words(template: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"(\{[a-z_]+\})", template):
        if part.startswith("{") and part.endswith("}"):
            out.append(part)
        elif part.strip():
            out.extend(normalise_phrase(part))
    return out


AnnotateFn = Callable[[Sequence[str]], list[TurnAnnotation]]
