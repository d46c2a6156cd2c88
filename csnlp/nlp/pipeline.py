"""The matching pipeline: spaCy's blank English tokenizer plus PhraseMatcher and Matcher, built
once per standard set; turns go in as text, plain-Python annotations come out.

Every rule in a standard set compiles to labels: one per shared phrase or pattern list
(`phrase:greetings`) and one per inline list (`phrase:greeting.match`). A turn is matched once
against all labels; a rule is then a set of labels, so shared lists cost nothing extra.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from csnlp.errors import StandardsError
from csnlp.ml.features import token_batch_from_lower
from csnlp.nlp.normalise import norm_words, token_array
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

    def find(self, text: str, ann: TurnAnnotation, metadata: Mapping[str, Any] | None = None,
             *, filled: Sequence[list[str]] | None = None) -> list[Span]:
        """Matches of this rule in one turn, in text order, without overlaps.

        `filled` is `self.fill(metadata)` when the caller keeps it for a whole transcript.
        """
        matches = ann.matches
        found: list[Span] = ([(s, e, label) for label in self.labels if label in matches
                              for s, e in matches[label]] if matches else [])
        if self.templates and (filled is not None or metadata):
            if filled is None:
                filled = self.fill(metadata)
            found.extend(_find_filled(filled, ann))
        if not found:
            return found
        if self.unless and any(rx.search(text) for rx in self.unless):
            return []
        if len(found) > 1:
            found.sort(key=lambda m: (m[0], -m[1], m[2]))  # labels: a frozenset, any order
            kept: list[Span] = []
            for m in found:
                if not kept or m[0] >= kept[-1][1]:
                    kept.append(m)
            found = kept
        return found

    def fill(self, metadata: Mapping[str, Any] | None) -> list[list[str]]:
        """The templates' words with their {slots} filled from a transcript's metadata; a
        template with a slot the metadata cannot fill is left out."""
        if not self.templates or not metadata:
            return []
        values = tuple(v if isinstance(v := metadata.get(name), str) else None
                       for name in _template_slots(self.templates))
        return _fill_all(self.templates, values)


def _find_filled(filled: Sequence[list[str]], ann: TurnAnnotation) -> list[Span]:
    out: list[Span] = []
    words = ann.words
    for template in filled:
        if template[0] not in words:
            continue
        n = len(template)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == template:
                out.append((ann.spans[i][0], ann.spans[i + n - 1][1], "template"))
    return out


def _slot_value(metadata: Mapping[str, Any], part: str) -> str | None:
    if not (part.startswith("{") and part.endswith("}")):
        return None
    value = metadata.get(part[1:-1])
    return value if isinstance(value, str) else None


@functools.lru_cache(maxsize=256)
def _template_slots(templates: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """The metadata keys a rule's templates name, each once, in order."""
    return tuple(dict.fromkeys(part[1:-1] for template in templates for part in template
                               if part.startswith("{") and part.endswith("}")))


@functools.lru_cache(maxsize=4096)
def _fill_all(templates: tuple[tuple[str, ...], ...], values: tuple[str | None, ...]
              ) -> list[list[str]]:
    """Every template of a rule that its slots' values (in `_template_slots` order) can fill,
    filled. Cached: the same agent and customer names come back transcript after transcript,
    and the result is a shared list: read, never change."""
    metadata = dict(zip(_template_slots(templates), values, strict=True))
    out = []
    for template in templates:
        filled = _fill(template, tuple(_slot_value(metadata, part) for part in template))
        if filled:
            out.append(filled)
    return out


@functools.lru_cache(maxsize=4096)
def _fill(template: tuple[str, ...], values: tuple[str | None, ...]) -> list[str] | None:
    """A template's words with each {slot} replaced by the first word of its metadata value
    (None when a slot has no usable value). Cached: a transcript asks for every turn."""
    filled: list[str] = []
    for part, value in zip(template, values, strict=True):
        if part.startswith("{") and part.endswith("}"):
            if value is None or not value.strip():
                return None
            filled.extend(normalise_phrase(value.split()[0]))
        else:
            filled.append(part)
    return filled


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
                 act_model: Any = None) -> None:
        self.standard_set = standard_set
        self.nlp = make_nlp()
        self.vocab = self.nlp.vocab
        self.phrase_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        # One Matcher per token pattern, run only on turns that hold one of its anchor phrases
        # and a word for each of its required tokens, and whose speaker one of its rules
        # watches: Matcher cost grows with patterns x tokens whether or not anything matches.
        self.pattern_matchers: list[tuple[tuple[frozenset[str], ...], Matcher, str]] = []
        #: A pattern's anchor phrases (see `_anchor_phrases`), found for a whole batch at once.
        self.anchor_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self._anchor_ids: dict[int, int] = {}  # anchor label hash -> pattern index
        self._unanchored: list[int] = []  # patterns without anchor phrases: tried on every turn
        self._speaker_patterns: dict[str | None, frozenset[int]] = {}
        self._norm_cache: dict[int, tuple[str, ...]] = {}
        self.tone_model = tone_model
        #: A shipped ToneModel scores a whole batch from the token arrays this pipeline already
        #: read (no second tokenization). Docs are not kept for it: holding a batch of Docs
        #: alive made tokenizing ~2x slower. (`csnlp_tone` does the same inside a spaCy
        #: pipeline, storing the scores on each Doc.)
        self._tone_batch = tone_model is not None and hasattr(tone_model, "score_batch")
        self.act_model = act_model
        self._labels: set[str] = set()
        self.rules: dict[tuple[str, str], CompiledRule] = {}
        #: Whose turns each label is looked for in, and whose turns the act model scores:
        #: with speakers given, a turn skips the patterns and the model nobody reads for it.
        self.label_speakers: dict[str, set[str]] = {}
        self.act_speakers: set[str] = set()
        self._compile()
        #: Turns annotated so far; the first WARM_TURNS run outside memory zones.
        self.warm_turns = 0

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
            self.pattern_matchers.append((_anchors(normalised), matcher, label))
            index = len(self.pattern_matchers) - 1
            phrases = _anchor_phrases(normalised)
            if phrases:
                key = f"anchor:{index}"
                self.anchor_matcher.add(key, [self._norm_doc(words) for words in phrases])
                self._anchor_ids[self.vocab.strings.add(key)] = index
            else:
                self._unanchored.append(index)
            self._speaker_patterns.clear()
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
                compiled = self.compile_rule(rule, f"{spec.id}.{path}")
                self.rules[(spec.id, path)] = compiled
                speaker = spec.rule_speaker(path)
                for label in compiled.labels:
                    self.label_speakers.setdefault(label, set()).add(speaker)
            if spec.classifiers():
                self.act_speakers.add(spec.speaker)

    def rule(self, standard_id: str, path: str) -> CompiledRule:
        return self.rules[(standard_id, path)]

    # -- annotating ------------------------------------------------------------------------
    def annotate(self, texts: Sequence[str], speakers: Sequence[str] | None = None
                 ) -> list[TurnAnnotation]:
        """Annotate turns; run inside `self.memory_zone()` for flat memory in long jobs.

        With `speakers` (one per text), a turn is matched only against the token patterns of
        rules that watch its speaker, and scored by the act model only where a standard with a
        classifier watches that speaker; phrases and tone are always done.

        Identical turns (same text, same speaker) are annotated once and share one
        TurnAnnotation, which callers read and never change: service conversations repeat
        themselves ("Thank you.", "Is there anything else?"): in a batch of 256 conversations of
        the benchmark corpus 15% of the turns repeat an earlier one, and of Harper Valley's
        calls about half.
        """
        keys: Sequence[Any] = texts if speakers is None else list(zip(texts, speakers,
                                                                        strict=True))
        first: dict[Any, int] = {}
        order = [first.setdefault(key, len(first)) for key in keys]
        if len(first) == len(order):
            return self._annotate(texts, speakers)
        unique = list(first)  # in order of first appearance
        if speakers is None:
            out = self._annotate(unique, None)
        else:
            out = self._annotate([k[0] for k in unique], [k[1] for k in unique])
        return [out[j] for j in order]

    def _annotate(self, texts: Sequence[str], speakers: Sequence[str] | None
                  ) -> list[TurnAnnotation]:
        out: list[TurnAnnotation] = []
        # While warming, turns are tokenized one by one: spaCy stops writing its tokenizer
        # cache for the rest of a Doc once the Doc holds a special case, so joined turns
        # would leave the cache cold.
        join = self.warm_turns >= WARM_TURNS
        self.warm_turns += len(texts)
        cache = self._norm_cache
        # Models featurise from the same token arrays (LOWER column): no second pass.
        featurise = self._tone_batch or hasattr(self.act_model, "predict_proba_batch")
        lowers: list[Any] = []
        # Every turn's normalised words, bracketed by sentinels, go into ONE Doc per batch: the
        # PhraseMatcher runs once over it (no phrase holds a sentinel: normalising splits the
        # underscores off "_bot_", so no match crosses turns) and token patterns run on a
        # turn's Span of it. A Doc per turn cost ~3x the tokenizer, mostly in Doc.__init__.
        batch_words: list[str] = []
        starts: list[int] = []  # where each turn's words begin in batch_words
        for text, doc, rows, lower in self._tokens(texts, join=join):
            if featurise:
                lowers.append(lower)
            words, spans = norm_words(doc, cache, rows=rows)
            if words:
                # Sentinels let token patterns anchor at the start or end of a turn.
                size = len(text)
                words = [BOT, *words, EOT]
                spans = [(0, 0), *spans, (size, size)]
            starts.append(len(batch_words))
            batch_words.extend(words)
            out.append(TurnAnnotation(matches={}, words=words, spans=spans))
        if batch_words:
            self._match(self._norm_doc(batch_words), starts, out, speakers)
        if self.tone_model is not None and texts:
            probs = (self.tone_model.score_batch(token_batch_from_lower(lowers))[0]
                     if self._tone_batch else self.tone_model.predict_proba(list(texts)))
            labels = list(self.tone_model.labels)
            for ann, row in zip(out, probs.tolist(), strict=True):
                ann.tone = dict(zip(labels, row, strict=True))
        if self.act_model is not None and texts:
            self._score_acts(texts, speakers, out, lowers)
        return out

    def _tokens(self, texts: Sequence[str], *, join: bool = True
                ) -> Iterator[tuple[str, Doc, list, np.ndarray]]:
        """(text, doc, token rows, LOWER column) per text, in order; see `token_array`.

        Turns that neither start nor end with whitespace are tokenized JOINED, by "\\n", in
        one Doc per group: spaCy splits text at whitespace before anything else, so every turn
        gets exactly the tokens it gets alone, and each separator is one whitespace token,
        dropped here. One Doc and one `to_array` per group instead of per turn halves the
        tokenizer's fixed cost on short turns. Other turns, and every turn when not `join`,
        are tokenized alone. (`doc` is the Doc the rows came from: only its vocab is for
        reading.)
        """
        group: list[str] = []
        size = 0
        for text in texts:
            if join and text and not text[0].isspace() and not text[-1].isspace():
                group.append(text)
                size += len(text) + 1
                if size >= _JOIN_CHARS:
                    yield from self._joined(group)
                    group, size = [], 0
                continue
            if group:
                yield from self._joined(group)
                group, size = [], 0
            doc = self.nlp.make_doc(text)
            array = token_array(doc)
            yield text, doc, array.tolist(), array[:, 5]
        if group:
            yield from self._joined(group)

    def _joined(self, group: list[str]) -> Iterator[tuple[str, Doc, list, np.ndarray]]:
        doc = self.nlp.make_doc("\n".join(group))
        array = token_array(doc)
        lengths = np.fromiter((len(t) for t in group), dtype=np.int64, count=len(group))
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=starts[1:])
        idx = array[:, 3].astype(np.int64)
        turn = np.searchsorted(starts, idx, side="right") - 1
        keep = idx < starts[turn] + lengths[turn]  # the separators start where a turn ends
        array = array[keep]
        turn = turn[keep]
        array[:, 3] -= starts[turn].astype(array.dtype)
        bounds = np.searchsorted(turn, np.arange(len(group) + 1)).tolist()
        rows = array.tolist()
        lower = array[:, 5]
        for n, text in enumerate(group):
            a, b = bounds[n], bounds[n + 1]
            yield text, doc, rows[a:b], lower[a:b]

    def _match(self, ndoc: Doc, starts: list[int], out: list[TurnAnnotation],
               speakers: Sequence[str] | None) -> None:
        """Phrase and token-pattern matches of a batch's normalised Doc, into each turn."""
        strings = self.vocab.strings
        for match_id, start, end in self.phrase_matcher(ndoc):
            n = bisect_right(starts, start) - 1
            ann = out[n]
            spans = ann.spans
            offset = starts[n]
            ann.matches.setdefault(strings[match_id], []).append(
                (spans[start - offset][0], spans[end - 1 - offset][1]))
        # Token patterns: only on turns holding one of a pattern's anchor phrases, found by one
        # PhraseMatcher pass over the batch, in pattern order (so matches come out as they
        # would running every pattern on every turn).
        candidates: dict[int, set[int]] = {}
        anchor_ids = self._anchor_ids
        for match_id, start, _end in self.anchor_matcher(ndoc):
            candidates.setdefault(bisect_right(starts, start) - 1, set()).add(
                anchor_ids[match_id])
        if self._unanchored:
            for n, ann in enumerate(out):
                if ann.words:
                    candidates.setdefault(n, set()).update(self._unanchored)
        for n, ids in candidates.items():
            allowed = self._patterns_for(speakers[n] if speakers is not None else None)
            ann = out[n]
            words = ann.words
            present = None
            turn = None
            for i in sorted(ids & allowed):
                anchors, matcher, _label = self.pattern_matchers[i]
                if present is None:
                    present = set(words)
                if any(words_of.isdisjoint(present) for words_of in anchors):
                    continue
                if turn is None:
                    turn = ndoc[starts[n]:starts[n] + len(words)]
                for match_id, start, end in matcher(turn):
                    # Trim the sentinels off the evidence span.
                    s0 = start + 1 if start == 0 else start
                    e0 = end - 1 if end == len(words) else end
                    if e0 <= s0:
                        continue
                    ann.matches.setdefault(strings[match_id], []).append(
                        (ann.spans[s0][0], ann.spans[e0 - 1][1]))

    def _patterns_for(self, speaker: str | None) -> frozenset[int]:
        """The token patterns some rule looks for in this speaker's turns (None: any turn)."""
        allowed = self._speaker_patterns.get(speaker)
        if allowed is None:
            allowed = self._speaker_patterns[speaker] = frozenset(
                i for i, (_anchors, _matcher, label) in enumerate(self.pattern_matchers)
                if speaker is None or speaker in self.label_speakers.get(label, ()))
        return allowed

    def _score_acts(self, texts, speakers, out, lowers) -> None:
        """Act probabilities in one vectorised call, for the turns a classifier may read."""
        keep = [n for n in range(len(texts))
                if speakers is None or speakers[n] in self.act_speakers]
        if not keep:
            return
        if lowers and hasattr(self.act_model, "predict_proba_batch"):
            # Score the tokens this pipeline already read rather than tokenizing again.
            probs = self.act_model.predict_proba_batch(
                token_batch_from_lower([lowers[n] for n in keep]))
        else:
            probs = self.act_model.predict_proba([texts[n] for n in keep])
        acts = list(self.act_model.acts)
        for n, row in zip(keep, probs.tolist(), strict=True):
            out[n].acts = dict(zip(acts, row, strict=True))

    def memory_zone(self):
        """spaCy's memory zone, once the tokenizer cache is warm.

        A zone keeps the string store flat over millions of turns, but it never writes the
        tokenizer's cache, and a cold cache makes tokenizing ~10x slower. So the first
        WARM_TURNS turns run outside any zone, filling the cache (and the string store, once,
        by a bounded amount); every later batch runs inside a zone.
        """
        if self.warm_turns < WARM_TURNS:
            return contextlib.nullcontext()
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


def _anchors(pattern: list[dict[str, Any]]) -> tuple[frozenset[str], ...]:
    """For each required literal token of a pattern, the words it may be: a turn can match
    only if it holds one word of every set. Sentinels are left out (every turn has them)."""
    required = []
    for tok in pattern:
        if tok.get("OP") not in (None, "{}"):
            continue
        value = tok.get("ORTH")
        if isinstance(value, str):
            options = frozenset([value])
        elif isinstance(value, dict) and isinstance(value.get("IN"), list):
            options = frozenset(value["IN"])
        else:
            continue
        if not options & {BOT, EOT}:
            required.append(options)
    return tuple(required)


def _anchor_phrases(pattern: list[dict[str, Any]], limit: int = 64) -> list[list[str]]:
    """Word sequences of which every match of `pattern` holds one: its longest run of
    consecutive required tokens with literal values (`ORTH` a word or an `IN` list), spelled
    out, at most `limit` sequences ([] when the pattern has no such token).

    A required token (no `OP`) matches exactly one word, so consecutive ones match consecutive
    words: "this is" must occur for [this][is][a name] to match, and a turn that only holds
    "this" and "is" apart need not be tried.
    """
    runs: list[list[list[str]]] = []
    run: list[list[str]] = []
    for tok in pattern:
        value = tok.get("ORTH") if "OP" not in tok else None
        words = value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else [value]
        options = (sorted(set(words)) if isinstance(words, list) and words
                   and all(isinstance(w, str) for w in words) else [])
        if options and not {BOT, EOT} & set(options):
            run.append(options)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    best: tuple[tuple[int, int], list[list[str]]] | None = None
    for run in runs:
        for a in range(len(run)):
            product = 1
            for b in range(a, len(run)):
                product *= len(run[b])
                if product > limit:
                    break
                key = (b - a + 1, -product)  # longer first, then fewer phrases
                if best is None or key > best[0]:
                    best = (key, run[a:b + 1])
    return [] if best is None else [list(words) for words in itertools.product(*best[1])]


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


WARM_TURNS = 20_000
#: Characters of turns tokenized as one text (spaCy refuses texts over nlp.max_length).
_JOIN_CHARS = 50_000


AnnotateFn = Callable[[Sequence[str]], list[TurnAnnotation]]
