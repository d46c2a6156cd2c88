"""The reference annotator: the plainest reading of the rules, one turn at a time.

Per turn: csnlp's tokenizer -> the normaliser -> a PhraseMatcher over the normalised words and
every token pattern its speaker's rules use, each its own Matcher -> tone and act scores from
the normaliser's model tokens. Nothing is shared between turns and nothing is skipped, so
anyone can check what a rule matches; `csnlp.nlp.fast.FastAnnotator` must give exactly the
same annotations (tests/nlp/test_annotators.py holds it to that on real corpora).

    >>> from csnlp.standards import load_standards
    >>> ref = ReferenceAnnotator(load_standards("contact_center"))
    >>> ref.annotate(["Hello there!"])[0].matches["phrase:greetings"]
    [(0, 5)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from csnlp.errors import InputError, PatternTimeout
from csnlp.nlp.normalise import normalise_rows, token_array
from csnlp.nlp.rules import BOT, EOT, BaseAnnotator, Pattern, TurnAnnotation, trimmed


class ReferenceAnnotator(BaseAnnotator):
    """Annotates each turn on its own: a Doc per turn, every pattern its speaker uses."""

    def _init_matchers(self) -> None:
        self.phrase_matcher = PhraseMatcher(self.vocab, attr="ORTH")
        self.pattern_matchers: list[Matcher] = []

    def _phrases_added(self, label: str, phrases: list[list[str]]) -> None:
        self.phrase_matcher.add(label, [Doc(self.vocab, words=words) for words in phrases])

    def _pattern_added(self, index: int, label: str, pattern: Pattern) -> None:
        matcher = Matcher(self.vocab)
        matcher.add(label, [pattern])
        self.pattern_matchers.append(matcher)

    def annotate(self, texts: Sequence[str], speakers: Sequence[str] | None = None
                 ) -> list[TurnAnnotation]:
        """One TurnAnnotation per text; `speakers`, if given, one per text."""
        if speakers is not None and len(speakers) != len(texts):
            raise InputError(f"annotate: {len(texts)} texts but {len(speakers)} speakers")
        out = []
        for n, text in enumerate(texts):
            speaker = speakers[n] if speakers is not None else None
            ann, feats = self._match_turn(text, speaker)
            self._score_models([text], None if speaker is None else [speaker], [ann], [feats])
            out.append(ann)
        return out

    def _match_turn(self, text: str, speaker: str | None) -> tuple[TurnAnnotation, list[int]]:
        doc = self.nlp.make_doc(text)
        words, spans, feats = normalise_rows(token_array(doc).tolist(), self.vocab.strings)
        ann = TurnAnnotation(matches={}, words=[], spans=[])
        if not words:
            return ann, feats
        ann.words = words = [BOT, *words, EOT]
        ann.spans = spans = [(0, 0), *spans, (len(text), len(text))]
        strings = self.vocab.strings
        words_doc = Doc(self.vocab, words=words)
        for match_id, start, end in self.phrase_matcher(words_doc):
            ann.matches.setdefault(strings[match_id], []).append(
                (spans[start][0], spans[end - 1][1]))
        for i in sorted(self._patterns_for(speaker)):
            label = self.patterns[i][0]
            if ann.timeouts and label in ann.timeouts:
                continue
            try:
                found = self.pattern_matchers[i](words_doc)
            except PatternTimeout as exc:  # a REGEX of the pattern was stopped: see bounded.py
                ann.timed_out(label, exc)
                continue
            for match_id, start, end in found:
                s0, e0 = trimmed(start, end, len(words), self.pattern_context[i])
                if e0 > s0:
                    ann.matches.setdefault(strings[match_id], []).append(
                        (spans[s0][0], spans[e0 - 1][1]))
        return ann, feats

    def memory_zone(self) -> Any:
        """spaCy's memory zone: strings made inside it are freed when it ends."""
        return self.nlp.memory_zone()
