"""The annotator csnlp runs, under the name other modules import.

The matching pipeline is split by job: `normalise` (the one tokenizer and normaliser),
`templates` (metadata templates), `rules` (the rules as compiled, TurnAnnotation,
CompiledRule), `reference` (the plain per-turn annotator) and `fast` (the batched one, which
gives the same annotations). `Annotator` is the fast one.

    >>> from csnlp.standards import load_standards
    >>> ann = Annotator(load_standards("contact_center"))
    >>> "phrase:greetings" in ann.annotate(["Hello there!"])[0].matches
    True
"""

from __future__ import annotations

from csnlp.nlp.fast import WARM_TURNS, FastAnnotator, _anchor_phrases
from csnlp.nlp.normalise import make_nlp, normalise_phrase
from csnlp.nlp.reference import ReferenceAnnotator
from csnlp.nlp.rules import BOT, EOT, BaseAnnotator, CompiledRule, Span, TurnAnnotation
from csnlp.nlp.templates import template_words as _template_words

Annotator = FastAnnotator


__all__ = ["BOT", "EOT", "WARM_TURNS", "Annotator", "BaseAnnotator",
           "CompiledRule", "FastAnnotator", "ReferenceAnnotator", "Span", "TurnAnnotation",
           "_anchor_phrases", "_template_words", "make_nlp", "normalise_phrase"]
