"""The `csnlp_tone` spaCy component: tone probabilities for every Doc, one call per batch.

spaCy finds the factory through the `spacy_factories` entry point
(`csnlp_tone = "csnlp.nlp.tone_component:make_tone_component"`); importing this module
registers it and does nothing else (no model is loaded until a component is built):

    >>> import spacy
    >>> import csnlp.nlp.tone_component  # what the entry point does
    >>> nlp = spacy.blank("en")
    >>> _ = nlp.add_pipe("csnlp_tone")  # config: {"model": null} = the shipped models/tone-v1
    >>> doc = nlp("Thanks so much for your help!")
    >>> sorted(doc._.tone)
    ['frustrated', 'grateful', 'polite']
    >>> doc._.tone_strategies
    ['gratitude', 'second_person', 'exclamation']

`doc._.tone` is {label: probability}; `doc._.tone_strategies` lists the politeness strategies
found, which detectors can quote as evidence. Each Doc is scored from its text, tokenized and
normalised by csnlp's one normaliser, so a score equals `csnlp.tone_scores` of the same text
and the tone the annotator gives that turn, whatever tokenizer built the Doc. A model path in
the config goes through the same safe loader as the default model: anything but a verified
csnlp model directory is refused with a ModelError.
"""

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from spacy.vocab import Vocab

from csnlp.errors import ModelError
from csnlp.ml.features import STRATEGY_NAMES
from csnlp.ml.tone import ToneModel, default_model_dir, default_tone_model, load_tone_model

FACTORY = "csnlp_tone"
_BITS = 1 << np.arange(len(STRATEGY_NAMES), dtype=np.int64)


def _strategies_of(doc: Doc) -> list[str] | None:
    mask = doc._.tone_strategy_mask
    if mask is None:
        return None
    return [name for i, name in enumerate(STRATEGY_NAMES) if mask >> i & 1]


def _ensure_extensions() -> None:
    for name in ("tone", "tone_strategy_mask"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("tone_strategies"):
        Doc.set_extension("tone_strategies", getter=_strategies_of)


def _user_data_key(name: str) -> tuple[Any, ...] | None:
    """The key under which spaCy keeps `doc._.<name>` in `doc.user_data`, if it is the known one.

    Writing user_data directly skips building an Underscore object per Doc, which costs about
    a fifth of tokenizing a short turn; checked here so a spaCy that stores extensions
    differently falls back to `setattr(doc._, ...)`.
    """
    key = ("._.", name, None, None)
    probe = Doc(Vocab(), words=["probe"])
    marker = object()
    user_data: dict[Any, Any] = probe.user_data  # typed with str keys; extensions use tuples
    user_data[key] = marker
    return key if getattr(probe._, name) is marker else None


class ToneComponent:
    """Scores a batch of Docs in one vectorised call and stores the scores on each Doc."""

    def __init__(self, name: str = FACTORY, *, model: str | None = None,
                 batch_size: int = 256, tone_model: ToneModel | None = None) -> None:
        if batch_size < 1:
            raise ValueError(f"{name}: batch_size must be >= 1, got {batch_size}")
        if tone_model is None:
            if model:
                tone_model = load_tone_model(model)
            else:
                tone_model = default_tone_model()
                if tone_model is None:
                    raise ModelError(f"{default_model_dir()}: no tone model shipped there; "
                                     f"give {name} a model path or train one with "
                                     "`csnlp train-tone`")
        self.name = name
        self.model = tone_model
        self.batch_size = batch_size
        self.labels = tuple(tone_model.labels)
        _ensure_extensions()
        self._keys = (_user_data_key("tone"), _user_data_key("tone_strategy_mask"))

    def _score(self, docs: list[Doc]) -> None:
        proba, flags = self.model.score_texts([doc.text for doc in docs])
        masks = (flags.astype(np.int64) @ _BITS).tolist()
        labels = self.labels
        tone_key, mask_key = self._keys
        if tone_key is not None and mask_key is not None:
            for doc, row, mask in zip(docs, proba.tolist(), masks, strict=True):
                data: dict[Any, Any] = doc.user_data
                data[tone_key] = dict(zip(labels, row, strict=True))
                data[mask_key] = mask
        else:
            for doc, row, mask in zip(docs, proba.tolist(), masks, strict=True):
                doc._.tone = dict(zip(labels, row, strict=True))
                doc._.tone_strategy_mask = mask

    def __call__(self, doc: Doc) -> Doc:
        self._score([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int | None = None
             ) -> Iterator[Doc]:
        for batch in minibatch(stream, size=batch_size or self.batch_size):
            self._score(batch)
            yield from batch


@Language.factory(
    FACTORY,
    default_config={"model": None, "batch_size": 256},
    assigns=["doc._.tone", "doc._.tone_strategy_mask"],
)
def make_tone_component(nlp: Language, name: str, model: str | None,
                        batch_size: int) -> ToneComponent:
    """Build `csnlp_tone`; `model` is a model directory (None: the shipped tone-v1)."""
    return ToneComponent(name, model=model, batch_size=batch_size)
